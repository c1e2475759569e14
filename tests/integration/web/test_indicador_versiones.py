"""The indicator page's versions and «por validar» marks, rendered by the page's callback on the
demo (SQLite and PostgreSQL) as each role sees them."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import create_app
from tests.conftest import sesion_de_prueba


def _texto(componente: Any) -> str:
    """Every text inside a Dash component tree, space-separated."""
    if componente is None:
        return ""
    if isinstance(componente, str | int | float):
        return str(componente)
    if isinstance(componente, list | tuple):
        return " ".join(_texto(c) for c in componente)
    return _texto(getattr(componente, "children", None))


def _atributos(componente: Any, nombre: str) -> list[Any]:
    """Every value of attribute ``nombre`` in a Dash component tree."""
    if isinstance(componente, list | tuple):
        return [a for c in componente for a in _atributos(c, nombre)]
    if not hasattr(componente, "to_plotly_json"):
        return []
    propios = [getattr(componente, nombre)] if getattr(componente, nombre, None) else []
    return propios + _atributos(getattr(componente, "children", None), nombre)


@pytest.fixture
def app(private_demo_url):
    """A fresh app on a private copy of the demo."""
    return create_app(private_demo_url)


def _render(app, codigo: str, **alcance: Any) -> dict[str, Any]:
    import dashboard.pages.indicador as pagina

    with sesion_de_prueba(app, f"/indicadores/{codigo}", **alcance):
        return pagina.render_indicador_contenido({"codigo": codigo})


def test_a_corrected_value_shows_its_versions_to_the_minister(app) -> None:
    """ministro.salud opens MI-SESAL-02-I1 (a typing slip validated, then replaced by a
    validated correction): the versions table lists both, reemplazado and validado, with who
    sent and reviewed them, the correction's motivo and the evidence link; nothing waits, so
    there is no «por validar» notice."""
    contenido = _render(app, "MI-SESAL-02-I1", rol="ministro", sectores=["SAL"])
    tabla = _texto(contenido["versiones"])
    assert "Reemplazado" in tabla and "Validado (oficial)" in tabla
    assert "98.7" in tabla and "89.7" in tabla
    assert "upgret.sesal" in tabla and "analista2" in tabla
    assert "Error de digitación" in tabla
    assert any(
        str(h).startswith("https://example.org/")
        for h in _atributos(contenido["versiones"], "href")
    )
    assert contenido["aviso_versiones"] is None


def test_a_waiting_correction_is_marked_por_validar_beside_the_official_value(app) -> None:
    """MS-SAL-01-I1 has a validated value and a solicitud de corrección waiting: the notice
    names both (the official one counts, the other does not), the periods grid has the pending
    value in its «Por validar» column only for that period, and the chart draws it as a
    separate hollow marker labelled «por validar»."""
    contenido = _render(app, "MS-SAL-01-I1", rol="analista")
    aviso = _texto(contenido["aviso_versiones"])
    assert "Valor oficial (cuenta)" in aviso and "86.3" in aviso
    assert "Corrección por validar (aún no cuenta)" in aviso and "87.1" in aviso
    [fila] = [f for f in contenido["periodos"] if f["periodo"] == "2026-T3"]
    assert (fila["valor_periodo"], fila["por_validar"]) == (86.3, 87.1)
    assert all(f["por_validar"] is None for f in contenido["periodos"] if f["periodo"] != "2026-T3")
    [marca] = [t for t in contenido["grafico"]["data"] if t["name"].startswith("Por validar")]
    assert (marca["x"], marca["y"], marca["text"]) == (["2026-T3"], [87.1], ["por validar"])
    assert marca["marker"]["symbol"] == "circle-open"


def test_a_draft_is_shown_to_its_institution_only(app) -> None:
    """MI-SESAL-01-I1 has a 2026-T3 draft: SESAL's UPGRET sees it in the versions table; the
    minister and the analyst do not (nor is it «por validar»)."""
    propia = _texto(
        _render(app, "MI-SESAL-01-I1", rol="upgret", instituciones=["SESAL"])["versiones"]
    )
    assert "Borrador" in propia and "87.9" in propia
    for alcance in ({"rol": "ministro", "sectores": ["SAL"]}, {"rol": "analista"}):
        contenido = _render(app, "MI-SESAL-01-I1", **alcance)
        assert "Borrador" not in _texto(contenido["versiones"]), alcance
        assert contenido["aviso_versiones"] is None


def test_another_institution_gets_no_versions(app) -> None:
    """A forged request of a SESAL indicator by SEDUC's UPGRET (outside its scope) shows nothing
    of it: the page says the indicator does not exist for them and lists no version."""
    contenido = _render(app, "MI-SESAL-02-I1", rol="upgret", instituciones=["SEDUC"])
    assert contenido["versiones"] == [] and contenido["aviso_versiones"] is None
    assert "no existe" in _texto(contenido["mensaje"])
