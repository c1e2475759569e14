"""The alert center's callbacks and helpers called as plain functions, on the fixture MCR."""

from __future__ import annotations

from pathlib import Path

import dash
import pytest

from dashboard import create_app
from tests.conftest import sesion_de_prueba

FIXTURE_MCR = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"


@pytest.fixture
def pagina(sqlite_engine):
    """The page module of a fresh app on the fixture MCR, inside a request."""
    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR).ok
    app = create_app(sqlite_engine.url.render_as_string(hide_password=False))
    from dashboard.pages import alertas

    with sesion_de_prueba(app, "/alertas"):
        yield alertas


def test_own_parameters_are_read_and_written_in_the_url():
    """severidad must be a severity; the page's own filters join the query string without
    touching the others; the same view gives no new history entry."""
    create_app("sqlite:////nonexistent/dir/sigpret.db")
    from dashboard.pages import alertas

    assert alertas._propios({"severidad": "grave", "tipo": ["cadena_rota"]}) == {
        "severidad": None,
        "tipo": "cadena_rota",
        "institucion": None,
    }
    assert alertas.query_propios({"severidad": "alta"}, "?eje=E1") == "?eje=E1&severidad=alta"
    assert alertas.query_propios({"severidad": None}, "?eje=E1&severidad=alta") == "?eje=E1"
    assert alertas.query_propios({"severidad": "alta"}, "?severidad=alta") is None
    guardado = _componente(alertas.layout(severidad="alta", sector="SAL"), "alertas-params")
    assert guardado.data["severidad"] == "alta" and guardado.data["sector"] == "SAL"


def _componente(raiz, ident):
    """The component with id ``ident`` under ``raiz`` (depth first), or None."""
    pendientes = [raiz]
    while pendientes:
        actual = pendientes.pop()
        if isinstance(actual, list | tuple):
            pendientes.extend(actual)
            continue
        if getattr(actual, "id", None) == ident:
            return actual
        hijos = getattr(actual, "children", None)
        if hijos is not None and not isinstance(hijos, str | int | float):
            pendientes.append(hijos)
    return None


def test_tabs_keep_one_view_computing(pagina):
    """The alerts tab fills the alerts' store and leaves the compliance one empty (hidden); the
    compliance tab does the opposite; a tab click writes ``vista`` into the URL (and removes it
    for the alerts)."""
    from dashboard.pages import alertas

    normal = alertas.layout(sector="SAL")
    assert _componente(normal, "alertas-params").data["sector"] == "SAL"
    assert _componente(normal, "alertas-cumplimiento-params").data is None
    assert _componente(normal, "alertas-cumplimiento-contenido").hidden
    ranking = alertas.layout(vista="cumplimiento", sector="SAL")
    assert _componente(ranking, "alertas-params").data is None
    assert _componente(ranking, "alertas-cumplimiento-params").data["sector"] == "SAL"
    assert _componente(ranking, "alertas-vista").active_tab == "cumplimiento"
    assert alertas.layout(vista="otra").children[4].active_tab == "alertas"
    con_vista = "?sector=SAL&vista=cumplimiento"
    assert alertas.sync_url_vista(["cumplimiento"], "?sector=SAL") == con_vista
    assert alertas.sync_url_vista(["alertas"], "?vista=cumplimiento") == ""
    assert alertas.sync_url_vista([{"forjado": 1}, "x"], "?vista=cumplimiento") is dash.no_update


def filas(pagina, params, desde=0, hasta=100, **modelos):
    """The rows of one block of the alerts grid, as the grid asks for them."""
    pedido = {"startRow": desde, "endRow": hasta, **modelos}
    return pagina.bloque_grid(pedido, params)["rowData"]


def test_render_alertas_counts_and_rows_follow_the_filters(pagina):
    """The fixture's cadena_rota alert on MI-SEDESOL-01 (linked to no sectoral goal) is listed
    with its place and a link keeping the filters, most severe first; filtering by its type
    leaves only alerts of that type; the note counts every alert of the grid."""
    salida = pagina.render_alertas({"periodo": "2024-T2"})
    nota, mensaje, periodo = (salida[k] for k in ("nota", "mensaje", "periodo"))
    sev, tipos, inst = salida["severidades"], salida["tipos"], salida["instituciones"]
    todas = filas(pagina, {"periodo": "2024-T2"})
    assert periodo == "2024-T2" and mensaje is None
    assert [o["value"] for o in sev] == ["alta", "media", "baja"]
    rota = [f for f in todas if f["entidad"] == "MI-SEDESOL-01"]
    assert rota and rota[0]["tipo_texto"] == "Cadena de valor rota"
    assert rota[0]["entidad_href"] == "/metas/MI-SEDESOL-01?periodo=2024-T2"
    assert rota[0]["sector"] == "MLPS" and rota[0]["institucion"] == "SEDESOL"
    assert nota == f"{len(todas)} alertas en 2024-T2."
    assert "cadena_rota" in {o["value"] for o in tipos}
    assert "SEDESOL" in {o["value"] for o in inst}
    orden = [f["severidad_orden"] for f in todas]
    assert orden == sorted(orden)
    assert [f["id"] for f in todas] == [str(i) for i in range(len(todas))]

    filas_tipo = filas(pagina, {"periodo": "2024-T2", "tipo": "cadena_rota"})
    assert {f["tipo_texto"] for f in filas_tipo} == {"Cadena de valor rota"}
    assert len(filas_tipo) < len(todas)


def test_the_grid_is_served_in_blocks_under_its_filter_and_sort(pagina):
    """A later block holds the next rows (identified by their position), with the count of
    every alert; the grid's column filter and sort apply to all the alerts; a forged filter
    model gets no rows and no error; no parameters (the compliance tab) gets no rows."""
    params = {"periodo": "2024-T2"}
    todas = pagina.bloque_grid({"startRow": 0, "endRow": 100}, params)
    assert 3 < todas["rowCount"] == len(todas["rowData"])
    segundo = pagina.bloque_grid({"startRow": 2, "endRow": 4}, params)
    assert segundo["rowCount"] == todas["rowCount"]
    assert segundo["rowData"] == todas["rowData"][2:4]
    modelo = {
        "tipo_texto": {"filterType": "text", "type": "equals", "filter": "cadena de valor rota"}
    }
    rotas = filas(pagina, params, filterModel=modelo)
    assert rotas and {f["tipo_texto"] for f in rotas} == {"Cadena de valor rota"}
    desc = filas(pagina, params, sortModel=[{"colId": "entidad", "sort": "desc"}])
    assert [f["entidad"] for f in desc] == sorted((f["entidad"] for f in desc), reverse=True)
    forjado = {"entidad_href": {"filterType": "text", "type": "contains", "filter": "/"}}
    assert pagina.bloque_grid({"startRow": 0, "filterModel": forjado}, params) == pagina.SIN_FILAS
    assert pagina.bloque_grid({"startRow": 0, "endRow": 100}, None) == pagina.SIN_FILAS
    assert pagina.bloque_grid("todo", params) == pagina.SIN_FILAS


def test_an_alert_about_another_period_says_why(pagina):
    """As of 2024-T2 every alert names its period; one about a semestral indicator's last
    closed semester (2024-S1) says so beside the period, and on hover; one about 2024-T2 itself
    is «el periodo evaluado»."""
    todas = pagina.filas_exportadas({"periodo": "2024-T2"})
    assert all(f["periodo"] for f in todas)
    semestrales = [f for f in todas if f["periodo"] == "2024-S1"]
    assert semestrales, "the fixture has a semestral indicator in amarillo in 2024-S1"
    assert semestrales[0]["periodo_texto"] == "2024-S1 (último semestre cerrado al 2024-T2)"
    assert semestrales[0]["periodo_motivo"] == "2024-S1 es el último semestre cerrado al 2024-T2"
    propias = [f for f in todas if f["periodo"] == "2024-T2"]
    assert propias and propias[0]["periodo_texto"] == "2024-T2"
    assert propias[0]["periodo_motivo"] == "El periodo evaluado, 2024-T2"


def test_motivo_periodo_and_ultimo_dato():
    """Why a period beside the evaluated quarter differs: a closed year or semester, an earlier
    period; why the last value is not the evaluated period's."""
    from data_layer.engine.explicacion import motivo_periodo, motivo_ultimo_dato

    assert motivo_periodo("2025", "2026-T3") == "2025 es el último año cerrado al 2026-T3"
    assert (
        motivo_periodo("2026-S1", "2026-T3") == "2026-S1 es el último semestre cerrado al 2026-T3"
    )
    assert motivo_periodo("2026-T1", "2026-T3") == (
        "2026-T1 es anterior al periodo evaluado (2026-T3, al 2026-T3)"
    )
    assert motivo_periodo("2026-T3", "2026-T3") is None
    assert motivo_ultimo_dato("2026-T2", "2026-T3") == (
        "último dato: 2026-T2 (el periodo evaluado 2026-T3 no tiene reporte)"
    )
    assert motivo_ultimo_dato("2026-T3", "2026-T3") is None
