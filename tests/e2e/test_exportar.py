"""An export in a real browser holds what the grid shows, filtered and sorted by AG Grid itself.

The export is rebuilt on the server (the browser sends no rows): these tests check that the
server applies the grid's filter model and sort the way AG Grid does, by comparing the file with
the rows the browser's grid shows after a column filter and a sort set through AG Grid's API.
"""

from __future__ import annotations

import csv
import io

import pytest

from dashboard import create_app
from tests.e2e.test_alertas import descargado
from tests.e2e.test_filtros import esperar
from tests.e2e.test_roles import filas_contadas, filas_grid

pytestmark = pytest.mark.e2e

#: A filter model and a column state set through AG Grid's API, as a user clicking would.
FILTRAR_Y_ORDENAR = """
const api = dash_ag_grid.getApi(arguments[0]);
api.setFilterModel(arguments[1]);
api.applyColumnState({state: arguments[2], defaultState: {sort: null}});
"""


def _csv(archivo) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archivo.read_bytes().decode("utf-8-sig"))))


def _clic(dash_duo, boton) -> None:
    """Click a button even when the page's fixed bottom notice covers it at the end of a page."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", boton)
    dash_duo.driver.execute_script("arguments[0].click();", boton)


def _aplicar(dash_duo, grid: str, modelo: dict, orden: list[dict]) -> list[dict]:
    """Set the filter and sort in the browser; the rows the grid then shows, in its order."""
    antes = filas_grid(dash_duo, grid)
    dash_duo.driver.execute_script(FILTRAR_Y_ORDENAR, {"type": "grid", "grid": grid}, modelo, orden)
    # A grid served in blocks empties while it asks the server for the filtered rows.
    esperar(
        dash_duo,
        lambda: filas_grid(dash_duo, grid) not in (None, [], antes),
        "the grid filters",
    )
    return filas_grid(dash_duo, grid) or []


@pytest.fixture
def app_demo(demo_database_url):
    """A fresh app on the demo database."""
    return create_app(demo_database_url)


def test_exports_match_what_ag_grid_shows(dash_duo, descargas, app_demo) -> None:
    """On the alert centre, a text filter («avance» in the message) and a descending sort on the
    entity; on the Salud sector page, a number filter (avance directo between 10 % and 95 %)
    and a sort by state then code: each CSV lists the grid's rows in the grid's order."""
    dash_duo.start_server(app_demo)
    dash_duo.driver.get(dash_duo.server_url + "/alertas")
    esperar(dash_duo, lambda: filas_grid(dash_duo, "alertas-lista"), "alerts listed", 30)
    vistas = _aplicar(
        dash_duo,
        "alertas-lista",
        {"mensaje": {"filterType": "text", "type": "contains", "filter": "AVANCE"}},
        [{"colId": "entidad", "sort": "desc"}],
    )
    assert vistas
    # The alerts grid is served in blocks: the file holds every alert that passes (the grid's
    # count), the loaded blocks are its first rows, in the same order.
    total = filas_contadas(dash_duo, "alertas-lista")
    _clic(dash_duo, dash_duo.find_element(".exportar-csv"))
    filas = _csv(descargado(descargas, "sigpret-alertas*_*.csv"))
    assert len(filas) - 1 == total >= len(vistas)
    assert [f[2] for f in filas[1 : len(vistas) + 1]] == [v["entidad"] for v in vistas]

    dash_duo.driver.get(dash_duo.server_url + "/sectores/SAL")
    esperar(dash_duo, lambda: filas_grid(dash_duo, "sector-metas"), "goals listed", 30)
    vistas = _aplicar(
        dash_duo,
        "sector-metas",
        {
            "avance_directo": {
                "filterType": "number",
                "type": "inRange",
                "filter": 10,
                "filterTo": 95,
            }
        },
        [
            {"colId": "semaforo_orden", "sort": "asc", "sortIndex": 0},
            {"colId": "codigo", "sort": "desc", "sortIndex": 1},
        ],
    )
    assert vistas
    _clic(dash_duo, dash_duo.find_elements(".exportar-csv")[-1])
    filas = _csv(descargado(descargas, "sigpret-metas-del-sector-SAL-*_*.csv"))
    assert [f[0] for f in filas[1:]] == [v["codigo"] for v in vistas]
