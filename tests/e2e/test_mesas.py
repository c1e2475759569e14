"""The mesa pages in a real browser on the demo: ``/mesas`` lists the 22 mesas and opens one; the
acuerdos board filters by estado; a coordinator writes only in their own mesa. No SEVERE console
messages on any of them."""

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

pytestmark = pytest.mark.e2e

FILAS = "div.ag-center-cols-container div.ag-row"


@pytest.fixture(scope="module")
def frames(demo_database_url) -> FramesMesas:
    """The demo's mesa frames, to compute what the pages should show."""
    engine = make_engine(demo_database_url)
    with Session(engine) as session:
        cargadas = load_mesas(session)
    engine.dispose()
    return cargadas


def filas(dash_duo, grid: str) -> list:
    """The rendered rows of the grid whose id contains ``grid``."""
    return dash_duo.driver.find_elements(By.CSS_SELECTOR, f"div[id*='{grid}'] {FILAS}")


def sin_severos(dash_duo) -> None:
    """No SEVERE message in the browser console."""
    assert not [linea for linea in dash_duo.get_logs() if linea["level"] == "SEVERE"]


def test_lista_22_mesas_y_abre_una(dash_duo, demo_database_url) -> None:
    """/mesas shows one row per mesa (22) and a click on SAL opens its page with its title."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(dash_duo.server_url + "/mesas")
    esperar(dash_duo, lambda: len(filas(dash_duo, "mesas-tabla")) == 22, "no aparecen 22 mesas")
    assert dash_duo.find_element("#mesas-conteo").text.startswith("22 mesas")
    enlace = dash_duo.find_element("div[id*='mesas-tabla'] .ag-row[row-id='SAL'] a.celda-enlace")
    # The DOM's own click (the cell's handler navigates client-side), once in view.
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", enlace
    )
    dash_duo.wait_for_text_to_equal("#mesa-titulo", "Mesa de Salud", timeout=15)
    assert dash_duo.driver.current_url.endswith("/mesas/SAL")
    dash_duo.wait_for_element("#mesa-miembros")
    dash_duo.wait_for_element("#mesa-sesiones")
    dash_duo.wait_for_element("#mesa-convocar")  # analista may write
    sin_severos(dash_duo)


def test_tablero_filtra_por_estado(dash_duo, demo_database_url, frames) -> None:
    """The board of a mesa with overdue acuerdos shows the open ones, the closed ones folded
    under «Acuerdos cerrados (N)», all of them with «Todos los estados», then only the overdue
    ones."""
    hoy = hoy_honduras()
    tabla = vm.tabla_mesas(frames, hoy)
    sector = str(tabla.loc[tabla["acuerdos_vencidos"] > 0, "sector"].iloc[0])
    todos = vm.tablero_acuerdos(frames, hoy, sector)
    vencidos = int((todos["estado"] == "vencido").sum())
    assert 0 < vencidos < len(todos)

    cerrados = int(todos["estado"].isin(vm.ESTADOS_CERRADOS).sum())

    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(f"{dash_duo.server_url}/mesas/{sector}")
    esperar(
        dash_duo,
        lambda: len(filas(dash_duo, "mesa-acuerdos")) == len(todos) - cerrados,
        f"el tablero no muestra los {len(todos) - cerrados} acuerdos abiertos",
    )
    if cerrados:
        plegado = dash_duo.find_element("#mesa-cerrados")
        assert plegado.get_attribute("open") is None
        assert plegado.find_element(By.TAG_NAME, "summary").get_attribute("textContent") == (
            f"Acuerdos cerrados ({cerrados})"
        )
    todos_los = dash_duo.driver.find_element(
        By.XPATH, "//*[@id='mesa-estado']//label[normalize-space()='Todos los estados']"
    )
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", todos_los
    )
    esperar(
        dash_duo,
        lambda: len(filas(dash_duo, "mesa-acuerdos")) == len(todos),
        f"el tablero no muestra los {len(todos)} acuerdos",
    )
    opcion = dash_duo.driver.find_element(
        By.XPATH, "//*[@id='mesa-estado']//label[normalize-space()='✖ Vencido']"
    )
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", opcion
    )
    esperar(
        dash_duo,
        lambda: len(filas(dash_duo, "mesa-acuerdos")) == vencidos,
        f"el filtro no deja los {vencidos} acuerdos vencidos",
    )
    estados = dash_duo.driver.find_elements(
        By.CSS_SELECTOR, f"div[id*='mesa-acuerdos'] {FILAS} .celda-estado-acuerdo"
    )
    assert {e.text for e in estados} == {"✖ Vencido"}
    sin_severos(dash_duo)


@pytest.mark.usuario("coord.salud")
def test_coordinador_escribe_solo_en_su_mesa(dash_duo, demo_database_url) -> None:
    """The coordinator of SAL gets "Convocar sesión" in SAL; another mesa is a summary without
    names, board or buttons."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(dash_duo.server_url + "/mesas/SAL")
    dash_duo.wait_for_element("#mesa-convocar", timeout=15)
    dash_duo.driver.get(dash_duo.server_url + "/mesas/EDU")
    dash_duo.wait_for_element("#mesa-resumen", timeout=15)
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#mesa-convocar")
    assert not dash_duo.find_element("#mesa-tablero").is_displayed()
    sin_severos(dash_duo)
