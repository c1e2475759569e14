"""The overview's callbacks called as plain functions, on the small hand-written fixture MCR."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import create_app

FIXTURE_MCR = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"


@pytest.fixture
def resumen(sqlite_engine):
    """The page module of a fresh app whose database holds the fixture MCR; yields inside a
    request, as Dash runs callbacks."""
    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR).ok
    app = create_app(sqlite_engine.url.render_as_string(hide_password=False))
    from dashboard.pages import resumen as pagina

    with app.server.test_request_context("/"):
        yield pagina


def _texto(componente) -> str:
    if isinstance(componente, str | int | float):
        return str(componente)
    if isinstance(componente, list | tuple):
        return "".join(_texto(c) for c in componente)
    hijos = getattr(componente, "children", None)
    return "" if hijos is None else _texto(hijos)


def test_layout_is_a_skeleton_without_data():
    """Dash calls the layout with no arguments and no request: it must not need the database."""
    create_app("sqlite:////nonexistent/dir/sigpret.db")
    from dashboard.pages import resumen as pagina

    esqueleto = pagina.layout()
    assert "Resumen presidencial" in _texto(esqueleto)
    assert pagina.layout(periodo="2024-T2").children[0].data == "2024-T2"


def test_period_options_and_default(resumen):
    """Options are the quarters closing a programmed period of the fixture (2024-T1, 2024-T2,
    2024-S1 → T2, 2024-S2 and 2024 → T4, 2025 → 2025-T4), latest first; the default today is the
    latest one already due, 2025-T4; a valid URL period wins."""
    opciones, valor = resumen.load_periodos(None)
    assert [o["value"] for o in opciones] == ["2025-T4", "2024-T4", "2024-T2", "2024-T1"]
    assert opciones[2]["label"] == "2024-T2 · abril a junio de 2024"
    assert valor == "2025-T4"
    assert resumen.load_periodos("2024-T1")[1] == "2024-T1"
    assert resumen.load_periodos("2030-T1")[1] == "2025-T4"


def test_render_resumen_of_2024_t2(resumen):
    """As of 2024-T2: MP-01's own annual indicator has no 2023 target (no programado) while its
    contributor MS-SAL-01 is at (74 − 70) / (75 − 70) = 80 %; MP-02 has no indicator and its only
    contributor has no avance (sin dato). Sin dato sorts first."""
    tiles, tarjetas, figura, filas, mensaje, periodo = resumen.render_resumen("2024-T2")
    assert periodo == "2024-T2" and mensaje is None
    assert [f["codigo"] for f in filas] == ["MP-02", "MP-01"]
    assert [f["semaforo"] for f in filas] == ["sin_dato", "no_programado"]
    mp01 = filas[1]
    assert mp01["avance_contribuyentes_texto"] == "80.0 %"
    assert mp01["avance_directo_texto"] == "—"
    assert mp01["descripcion"] == "Reducir la razón de mortalidad materna"
    assert [_texto(t.children[1]) for t in tiles] == ["0", "0", "0", "1", "0", "1"]
    assert [t.id["eje"] for t in tarjetas] == ["E1", "E2-SOC"]
    assert {t.name for t in figura.data} == {"? Sin dato", "– No programado"}


def test_render_without_period_explains_what_to_do(resumen):
    """With nothing programmed the page says so in Spanish instead of showing empty boxes."""
    tiles, tarjetas, _figura, filas, mensaje, periodo = resumen.render_resumen(None)
    assert tiles == [] and tarjetas == [] and filas == [] and periodo is None
    assert "importe la MCR" in _texto(mensaje)
