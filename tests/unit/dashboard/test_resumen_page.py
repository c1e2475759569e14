"""The overview's callbacks called as plain functions, on the small hand-written fixture MCR."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import create_app
from tests.conftest import sesion_de_prueba

FIXTURE_MCR = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"


@pytest.fixture
def resumen(sqlite_engine):
    """The page module of a fresh app whose database holds the fixture MCR; yields inside a
    request, as Dash runs callbacks."""
    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR).ok
    app = create_app(sqlite_engine.url.render_as_string(hide_password=False))
    from dashboard.pages import resumen as pagina

    with sesion_de_prueba(app, "/"):
        yield pagina


def _texto(componente) -> str:
    if isinstance(componente, str | int | float):
        return str(componente)
    if isinstance(componente, list | tuple):
        return "".join(_texto(c) for c in componente)
    hijos = getattr(componente, "children", None)
    return "" if hijos is None else _texto(hijos)


def test_layout_is_a_skeleton_without_data():
    """Dash calls the layout with no arguments and no request: it must not need the database;
    the URL's filters land, validated, in the page's store and the filter bar."""
    create_app("sqlite:////nonexistent/dir/sigpret.db")
    from dashboard.pages import resumen as pagina

    esqueleto = pagina.layout()
    assert "Resumen presidencial" in _texto(esqueleto)
    guardado = pagina.layout(periodo="2024-T2", eje="E1", estado="azul").children[0]
    assert guardado.id == "resumen-params"
    assert guardado.data == {
        "periodo": "2024-T2",
        "eje": "E1",
        "sector": None,
        "tema": None,
        "estado": None,
    }


def test_default_period_is_the_latest_due_one(resumen):
    """Without a period in the URL the overview evaluates the latest quarter already due among
    the fixture's (2025-T4 today); a valid URL period wins; an unknown one falls back."""
    assert resumen.render_resumen({})["periodo"] == "2025-T4"
    assert resumen.render_resumen({"periodo": "2024-T1"})["periodo"] == "2024-T1"
    assert resumen.render_resumen({"periodo": "2030-T1"})["periodo"] == "2025-T4"


def test_render_resumen_of_2024_t2(resumen):
    """As of 2024-T2: MP-01's own annual indicator has no 2023 target (no programado) while its
    contributor MS-SAL-01 is at (74 − 70) / (75 − 70) = 80 %; MP-02 has no indicator and its only
    contributor has no avance (sin dato). Sin dato sorts first. MP-01 (an annual indicator) is
    compared with its own previous year, 2022, when it had no avance: no goal has a trend, so the
    Tendencia column is left out and the note says why. Each code links to
    its goal's page, each card to its eje's page, each state tile filters by its state."""
    salida = resumen.render_resumen({"periodo": "2024-T2"})
    tiles, tarjetas, figura = salida["estados"], salida["ejes"], salida["grafico"]
    filas, nota, alertas = salida["filas"], salida["nota"], salida["alertas"]
    mensaje, periodo = salida["mensaje"], salida["periodo"]
    assert periodo == "2024-T2" and mensaje is None
    assert [f["codigo"] for f in filas] == ["MP-02", "MP-01"]
    assert [f["semaforo"] for f in filas] == ["sin_dato", "no_programado"]
    mp01 = filas[1]
    assert mp01["avance_contribuyentes_texto"] == "80.0 %"
    assert mp01["avance_directo_texto"] == "—"
    assert mp01["descripcion"] == "Reducir la razón de mortalidad materna"
    assert mp01["codigo_href"] == "/metas/MP-01?periodo=2024-T2"
    assert [f["cambio_texto"] for f in filas] == ["—", "—"]
    assert mp01["tendencia_detalle"] == (
        "Sin avance en 2022 (su periodo anterior): no hay con qué comparar"
    )
    assert "Sin tendencia" in nota
    assert "cambio" not in [c["field"] for c in salida["columnas"]]
    assert [_texto(t.children.children[1]) for t in tiles] == ["0", "0", "0", "1", "0", "1"]
    assert tiles[0].href == "/?periodo=2024-T2&estado=rojo"
    assert [t.children.id["eje"] for t in tarjetas] == ["E1", "E2-SOC"]
    assert [t.href for t in tarjetas] == [
        "/ejes/E1?periodo=2024-T2",
        "/ejes/E2-SOC?periodo=2024-T2",
    ]
    assert {t.name for t in figura.data} == {"? Sin dato", "– No programado"}
    assert alertas  # the panel always says something (alerts, or that there are none)


def test_filters_narrow_the_overview(resumen):
    """With estado=sin_dato only MP-02 is listed and counted; an eje without presidential goals
    (E1) leaves an explanatory message instead of an empty grid."""
    filas = resumen.render_resumen({"periodo": "2024-T2", "estado": "sin_dato"})["filas"]
    assert [f["codigo"] for f in filas] == ["MP-02"]
    salida = resumen.render_resumen({"periodo": "2024-T2", "eje": "E1"})
    tarjetas, filas, mensaje = salida["ejes"], salida["filas"], salida["mensaje"]
    assert filas == []
    assert [t.children.id["eje"] for t in tarjetas] == ["E1"]
    assert "Ninguna meta presidencial" in _texto(mensaje)


def test_trend_text_shows_arrow_and_points():
    """▲ with a plus sign, ▼ with the minus sign, = for no change, — when unknown."""
    from dashboard.components.resumen import texto_tendencia

    assert texto_tendencia(3.2, "sube") == "▲ +3.2 pts"
    assert texto_tendencia(-1.0, "baja") == "▼ -1.0 pts"
    assert texto_tendencia(0.0, "igual") == "= 0.0 pts"
    assert texto_tendencia(float("nan"), None) == "—"


def test_annual_goal_trend_compares_with_the_previous_year(resumen):
    """As of 2025-T4, MP-01 (an annual indicator) is compared with 2024, its previous evaluable
    period, not with 2025-T3 (when its avance could not have moved); its tooltip says so. It has
    no avance in 2025 yet, so there is no trend and no column."""
    salida = resumen.render_resumen({"periodo": "2025-T4"})
    mp01 = next(f for f in salida["filas"] if f["codigo"] == "MP-01")
    assert mp01["tendencia_detalle"] == "Sin avance en 2025 (en 2024: 48.9 %)"
    assert mp01["cambio_texto"] == "—"
    assert [c["field"] for c in salida["columnas"]][-1] != "cambio"
    assert "Sin tendencia" in salida["nota"]
