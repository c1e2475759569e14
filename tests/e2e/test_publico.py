"""The public portal in a real browser, without logging in (issue #14): a reader on a phone opens
the latest quarter, follows an eje, the sectors, the institutions' evaluation, the methodology
behind a number and the open data, with no console error and no sideways scrolling."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from dashboard import create_app
from data_layer import permisos
from data_layer.db import get_engine, session_factory
from data_layer.engine.frames import Reglas
from data_layer.publicacion import servicio

pytestmark = pytest.mark.e2e


def _con_publicaciones(demo_database_url: str, carpeta: Path) -> str:
    """A copy of the demo database with 2026-T2 and 2026-T3 published."""
    destino = carpeta / "publico.db"
    shutil.copy(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    motor = get_engine(url)
    for periodo in ("2026-T2", "2026-T3"):
        try:
            servicio.publicar_trimestre(
                session_factory(motor),
                session_factory(motor, escritura=True),
                periodo,
                huella_vista=None,
                actor=permisos.actor_sistema("analista"),
                reglas=Reglas(),
            )
        except servicio.ErrorPublicacion:
            pass  # the demo published it already
    return url


def _sin_errores(driver) -> None:
    graves = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert graves == [], graves


def _sin_desborde(driver) -> None:
    ancho = driver.execute_script("return document.documentElement.clientWidth")
    total = driver.execute_script("return document.documentElement.scrollWidth")
    assert total <= ancho, (driver.current_url, total, ancho)


@pytest.mark.usuario(None)
def test_a_reader_on_a_phone_goes_through_the_portal(dash_duo, demo_database_url, tmp_path) -> None:
    """Anonymous, on a 360 px phone: the latest quarter, an eje, the sectors, the evaluation,
    a «?» link to the methodology and a CSV link; every page Spanish, no SEVERE console error,
    no sideways scroll, no script of the private app."""
    app = create_app(_con_publicaciones(demo_database_url, tmp_path))
    dash_duo.start_server(app, navigate=False)
    driver = dash_duo.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 360, "height": 780, "deviceScaleFactor": 2, "mobile": True},
    )
    base = dash_duo.server.url
    driver.get(base + "/publico")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Metas del Gobierno: trimestre 2026-T3"
    assert driver.find_elements(By.TAG_NAME, "script") == []
    _sin_desborde(driver)
    driver.find_element(By.PARTIAL_LINK_TEXT, "dimensión Social").click()
    assert "/publico/2026-T3/ejes/E2-SOC" in driver.current_url
    assert "Sectores del eje" in driver.find_element(By.TAG_NAME, "main").text
    _sin_desborde(driver)
    driver.back()
    driver.find_element(By.PARTIAL_LINK_TEXT, "Avance de los 22 sectores").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Avance por sector — 2026-T3"
    _sin_desborde(driver)
    driver.back()
    driver.find_element(By.PARTIAL_LINK_TEXT, "Evaluación institucional anual").click()
    assert "Distribución por banda" in driver.find_element(By.TAG_NAME, "main").text
    _sin_desborde(driver)
    driver.find_element(By.CSS_SELECTOR, "a.def[href$='#bandas']").click()
    assert driver.current_url.endswith("/publico/metodologia#bandas")
    assert driver.find_element(By.ID, "bandas").is_displayed()
    driver.find_element(By.LINK_TEXT, "Datos abiertos").click()
    enlace = driver.find_element(By.CSS_SELECTOR, "a[href='/publico/datos/2026-T3/1/ejes.csv']")
    assert enlace.text == "CSV"
    _sin_desborde(driver)
    _sin_errores(driver)
    driver.get(base + "/publico/2026-T1")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Página no encontrada"
    otros = [e for e in driver.get_log("browser") if "/publico/2026-T1" not in e["message"]]
    assert [e for e in otros if e["level"] == "SEVERE"] == []


@pytest.mark.usuario(None)
def test_the_portal_prints_without_its_navigation(dash_duo, demo_database_url, tmp_path) -> None:
    """Printed (print media), the quarter page hides the navigation and the «?» links and keeps
    the figures."""
    app = create_app(_con_publicaciones(demo_database_url, tmp_path))
    dash_duo.start_server(app, navigate=False)
    driver = dash_duo.driver
    driver.get(dash_duo.server.url + "/publico")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not driver.find_element(By.CSS_SELECTOR, "header nav").is_displayed()
    assert not driver.find_element(By.CSS_SELECTOR, "a.def").is_displayed()
    assert driver.find_element(By.CSS_SELECTOR, ".numero").is_displayed()
    _sin_errores(driver)
