"""Compliance by institution (issue #12) through the pages' callbacks on the demo database: the
alert centre's tab, the sector page's block and «Reportes faltantes» column, and the scope of
each role (a forged sector outside it gets no rows)."""

from __future__ import annotations

import pytest

from dashboard import create_app
from dashboard.components import exportar
from tests.conftest import sesion_de_prueba


@pytest.fixture
def app(demo_database_url: str):
    """A fresh app on the demo database (its pages registered)."""
    return create_app(database_url=demo_database_url)


def _ranking(app, params, **usuario):
    from dashboard.pages import alertas

    with sesion_de_prueba(app, "/alertas", **usuario):
        return alertas.render_cumplimiento(params)["filas"]


def cifras(filas):
    """Each row's institution and counts, in order (links depend on the page's filters)."""
    return [(f["institucion"], f["faltantes"], f["tardios"], f["devueltos"]) for f in filas]


def test_analyst_ranking_is_ordered_and_links_institutions(app) -> None:
    """As analista the ranking lists institutions of several sectors, ordered by missing, then
    late, then returned reports, each linking to its institution page (keeping the filters)."""
    filas = _ranking(app, {})
    assert len({f["sector"] for f in filas}) > 3
    claves = [(-f["faltantes"], -f["tardios"], -f["devueltos"]) for f in filas]
    assert claves == sorted(claves)
    assert filas[0]["institucion_href"].startswith(f"/instituciones/{filas[0]['institucion']}")


def test_minister_reads_every_sector_and_upgret_only_theirs(app) -> None:
    """The Salud minister reads what the analyst reads (every sector, Educación's when asking
    for it), as on the MCR's other pages; the SESAL UPGRET sees only SESAL, whatever sector it
    asks for."""
    ministro = {"rol": "ministro", "sectores": ["SAL"]}
    assert cifras(_ranking(app, {}, **ministro)) == cifras(_ranking(app, {}))
    educacion = cifras(_ranking(app, {"sector": "EDU"}))
    assert educacion and cifras(_ranking(app, {"sector": "EDU"}, **ministro)) == educacion
    upgret = {"rol": "upgret", "instituciones": ["SESAL"]}
    assert {f["institucion"] for f in _ranking(app, {}, **upgret)} == {"SESAL"}
    assert _ranking(app, {"sector": "EDU"}, **upgret) == []


def test_sector_page_block_and_missing_reports_column(app) -> None:
    """On /sectores/SAL the block holds the Salud ranking and the institutions grid's «Reportes
    faltantes» equals each institution's ranking count (0 when none); a minister of Educación
    reads the same; a UPGRET of SESAL only SESAL's row (the others' column shows «—»)."""
    from dashboard.pages import sector

    params = {"codigo": "SAL"}
    with sesion_de_prueba(app, "/sectores/SAL"):
        bloque = sector.render_cumplimiento(params)
        grilla = sector.render_sector(params)["instituciones"]
    assert cifras(bloque["filas"]) == cifras(_ranking(app, {"sector": "SAL"}))
    faltantes = {f["institucion"]: f["faltantes"] for f in bloque["filas"]}
    assert any(faltantes.values())
    for fila in grilla:
        assert fila["reportes_faltantes"] == faltantes.get(fila["codigo"], 0)
    with sesion_de_prueba(app, "/sectores/SAL", rol="ministro", sectores=["EDU"]):
        assert cifras(sector.render_cumplimiento(params)["filas"]) == cifras(bloque["filas"])
    with sesion_de_prueba(app, "/sectores/SAL", rol="upgret", instituciones=["SESAL"]):
        assert {f["institucion"] for f in sector.render_cumplimiento(params)["filas"]} == {"SESAL"}
        grilla = sector.render_sector(params)["instituciones"]
    assert grilla and all(f["reportes_faltantes"] is None for f in grilla if f["codigo"] != "SESAL")


def test_eje_page_block_and_excel_export(app) -> None:
    """The eje page's block holds only institutions with reports in the eje's sectors, and the
    alert centre's ranking exports to Excel, rebuilt on the server."""
    from dashboard.pages import eje

    with sesion_de_prueba(app, "/ejes/E1"):
        filas = eje.render_cumplimiento({"codigo": "E1"})["filas"]
        pago = exportar.exportar_grid("alertas-cumplimiento", "xlsx", "cumplimiento", {})
    assert filas and len(filas) < len(_ranking(app, {}))
    assert pago is not None and pago["filename"].endswith(".xlsx")
