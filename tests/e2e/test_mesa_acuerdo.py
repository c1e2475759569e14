"""``/mesas/<sector>?acuerdo=<id>`` in a real browser on the demo: the acuerdos board opens
unfiltered, scrolled to that acuerdo, its row highlighted; arriving from a filtered board clears
the filters. No SEVERE console messages."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy.orm import Session

from dashboard import create_app
from dashboard.data import hoy_honduras
from data_layer.db import make_engine
from data_layer.mesas.consultas import load_mesas
from data_layer.mesas.frames import FramesMesas
from data_layer.vistas import mesas as vm
from tests.e2e.test_filtros import esperar
from tests.e2e.test_mesas import filas, sin_severos

pytestmark = pytest.mark.e2e

GRID = {"type": "grid", "grid": "mesa-acuerdos"}

#: Where the highlighted row is, what it looks like and whether the window shows all of it.
FILA_RESALTADA = """
var filas = document.querySelectorAll(
    "div[id*='mesa-acuerdos'] .ag-center-cols-container .ag-row.acuerdo-resaltado");
if (filas.length !== 1) { return null; }
var caja = filas[0].getBoundingClientRect();
return {
    id: filas[0].getAttribute("row-id"),
    fondo: getComputedStyle(filas[0]).backgroundColor,
    marco: getComputedStyle(filas[0], "::after").borderLeftWidth,
    visible: caja.top >= 0 && caja.bottom <= window.innerHeight,
    arriba: caja.top > 0,
};
"""

#: A column filter on the board, set through AG Grid's API (as a user typing it would).
FILTRAR_TEXTO = """
dash_ag_grid.getApi(arguments[0]).setFilterModel(
    {texto: {filterType: "text", type: "contains", filter: arguments[1]}});
"""

LEER_FILTRO = "return dash_ag_grid.getApi(arguments[0]).getFilterModel();"

#: Client-side navigation, as the app's own links do it.
NAVEGAR = """
window.history.pushState({}, "", arguments[0]);
window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
"""


@pytest.fixture(scope="module")
def frames(demo_database_url) -> FramesMesas:
    """The demo's mesa frames, to pick acuerdos from."""
    engine = make_engine(demo_database_url)
    with Session(engine) as session:
        cargadas = load_mesas(session)
    engine.dispose()
    return cargadas


@pytest.fixture(scope="module")
def tablero_sal(frames) -> list[dict]:
    """SAL's board today, most urgent first (the demo has over 20 acuerdos there)."""
    return vm.tablero_acuerdos(frames, hoy_honduras(), "SAL").to_dict("records")


def resaltada(dash_duo) -> dict | None:
    """The highlighted row of the board (None unless exactly one)."""
    return dash_duo.driver.execute_script(FILA_RESALTADA)


@pytest.mark.usuario("coord.salud")
def test_el_enlace_abre_el_tablero_en_el_acuerdo_resaltado(
    dash_duo, demo_database_url, tablero_sal
):
    """The last acuerdo of SAL's board (far below the window's first screen) is scrolled into
    view, its row framed on the highlight colour, and named above the board."""
    ultimo = tablero_sal[-1]
    assert len(tablero_sal) > 10
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(f"{dash_duo.server_url}/mesas/SAL?acuerdo={ultimo['id']}")
    esperar(
        dash_duo,
        lambda: (resaltada(dash_duo) or {}).get("visible"),
        "la fila del acuerdo no queda resaltada y a la vista",
    )
    fila = resaltada(dash_duo)
    assert fila["id"] == str(ultimo["id"])
    assert fila["fondo"] == "rgb(255, 243, 205)" and fila["marco"] == "6px"
    assert dash_duo.driver.execute_script("return window.scrollY") > 0
    assert len(filas(dash_duo, "mesa-acuerdos")) == len(tablero_sal)
    dash_duo.wait_for_contains_text(
        "#mesa-acuerdo-resaltado", f"Acuerdo N.º {ultimo['id']} resaltado en el tablero"
    )
    assert dash_duo.find_element("#mesa-aviso-acuerdo").text == ""
    sin_severos(dash_duo)


@pytest.mark.usuario("coord.salud")
def test_llegar_desde_un_tablero_filtrado_limpia_los_filtros(
    dash_duo, demo_database_url, tablero_sal
):
    """With the board narrowed to "Vencido" and a column filter that hides everything, a link to
    a fulfilled acuerdo shows every row again, with that one highlighted and in view."""
    cumplido = next(a for a in reversed(tablero_sal) if a["estado"] == "cumplido")
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(f"{dash_duo.server_url}/mesas/SAL")
    abiertos = [a for a in tablero_sal if a["estado"] not in vm.ESTADOS_CERRADOS]
    esperar(
        dash_duo,
        lambda: len(filas(dash_duo, "mesa-acuerdos")) == len(abiertos),
        "el tablero no carga (los acuerdos abiertos; los cerrados, plegados)",
    )
    vencido = dash_duo.driver.find_element(
        By.XPATH, "//*[@id='mesa-estado']//label[normalize-space()='✖ Vencido']"
    )
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", vencido
    )
    dash_duo.driver.execute_script(FILTRAR_TEXTO, GRID, "no existe ningún acuerdo así")
    esperar(dash_duo, lambda: not filas(dash_duo, "mesa-acuerdos"), "los filtros no se aplican")

    dash_duo.driver.execute_script(NAVEGAR, f"/mesas/SAL?acuerdo={cumplido['id']}")
    esperar(
        dash_duo,
        lambda: (resaltada(dash_duo) or {}).get("visible"),
        "la fila del acuerdo cumplido no queda resaltada y a la vista",
    )
    assert resaltada(dash_duo)["id"] == str(cumplido["id"])
    esperar(
        dash_duo,
        lambda: len(filas(dash_duo, "mesa-acuerdos")) == len(tablero_sal),
        "el tablero no vuelve a mostrar todos los acuerdos",
    )
    assert dash_duo.driver.execute_script(LEER_FILTRO, GRID) == {}
    todos = dash_duo.driver.find_element(By.XPATH, "//*[@id='mesa-estado']//input[@value='todos']")
    assert todos.is_selected()
    sin_severos(dash_duo)


@pytest.mark.usuario("coord.salud")
def test_un_acuerdo_de_otra_mesa_se_ignora_con_un_aviso(dash_duo, demo_database_url, frames):
    """An acuerdo of the AGRO mesa asked on SAL's page gives a Spanish notice and no
    highlighted row."""
    ajeno = int(vm.tablero_acuerdos(frames, hoy_honduras(), "AGRO")["id"].iloc[0])
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(f"{dash_duo.server_url}/mesas/SAL?acuerdo={ajeno}")
    dash_duo.wait_for_contains_text(
        "#mesa-aviso-acuerdo", f"El enlace pide el acuerdo «{ajeno}», que no está", timeout=15
    )
    esperar(dash_duo, lambda: filas(dash_duo, "mesa-acuerdos"), "el tablero no carga")
    dash_duo.wait_for_element("#mesa-metas-criticas", timeout=30)  # the page is complete
    assert resaltada(dash_duo) is None
    sin_severos(dash_duo)
