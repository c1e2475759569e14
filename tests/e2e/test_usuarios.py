"""An admin creates a user from the web and that user starts with the temporary password
(issue #13).

On a copy of the demo: ``admin`` opens /usuarios, creates a UPGRET of SESAL and reads the
temporary password shown once; the new user logs in with it, is sent to /clave (asked only for a
new password), sets their own, logs in with it and lands on their home.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard import create_app
from tests.e2e.conftest import entrar, salir
from tests.e2e.test_mesa_journey import poner, pulsar

pytestmark = pytest.mark.e2e

NUEVA = "Planificacion-SESAL-9"


@pytest.fixture
def copia_demo(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the demo database (the test creates a user): its URL."""
    destino = tmp_path / "usuarios.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    return f"sqlite:///{destino}"


def _elegir(dash_duo, selector: str, buscar: str, etiqueta_empieza: str) -> None:
    """Open the dropdown ``selector``, type ``buscar`` and pick the option starting with
    ``etiqueta_empieza`` (long lists are filtered first: only part of them is drawn)."""
    dash_duo.wait_for_element(selector).click()
    buscador = dash_duo.wait_for_element(".dash-dropdown-search")
    buscador.send_keys(buscar)
    for opcion in dash_duo.find_elements(".dash-dropdown-options .dash-dropdown-option"):
        if opcion.text.startswith(etiqueta_empieza):
            opcion.click()
            ActionChains(dash_duo.driver).send_keys(Keys.ESCAPE).perform()  # a multi stays open
            return
    pytest.fail(f"no hay opción «{etiqueta_empieza}» en {selector}")


@pytest.mark.usuario("admin")
def test_admin_creates_upgret_who_must_change_the_temporary_password(dash_duo, copia_demo) -> None:
    """admin creates «upgret.nuevo» (UPGRET of SESAL) and sees its temporary password once; the
    user logs in with it, is sent to /clave, sets a new password, and reaches /inicio with it."""
    dash_duo.start_server(create_app(copia_demo))
    base = dash_duo.server.url.rstrip("/")
    dash_duo.driver.get(f"{base}/usuarios")
    dash_duo.wait_for_contains_text("#usuarios-lista", "upgret.sesal", timeout=25)
    poner(dash_duo, "#usuarios-usuario", "upgret.nuevo")
    poner(dash_duo, "#usuarios-nombre", "Planificación SESAL (nueva)")
    poner(dash_duo, "#usuarios-correo", "nuevo@sesal.gob.hn")
    _elegir(dash_duo, "#usuarios-rol", "UPGRET", "UPGRET")
    dash_duo.wait_for_contains_text("#usuarios-alcance-ayuda", "Institución", timeout=15)
    _elegir(dash_duo, "#usuarios-alcance", "SESAL", "SESAL —")
    pulsar(dash_duo, "#usuarios-crear")
    dash_duo.wait_for_element("#usuarios-clave-temporal", timeout=25)
    temporal = dash_duo.find_element("#usuarios-clave-temporal code").text
    assert len(temporal) == 17
    dash_duo.wait_for_contains_text("#usuarios-lista", "upgret.nuevo", timeout=15)
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]

    salir(dash_duo)
    dash_duo.driver.get(f"{base}/login")
    dash_duo.wait_for_element("#usuario").send_keys("upgret.nuevo")
    dash_duo.find_element("#clave").send_keys(temporal)
    dash_duo.find_element("button[type=submit]").click()
    dash_duo.wait_for_element("#clave-obligada", timeout=15)
    assert dash_duo.driver.current_url.endswith("/clave")
    assert not dash_duo.find_elements("#actual")
    dash_duo.driver.get(f"{base}/inicio")  # any page leads back to /clave
    dash_duo.wait_for_element("#clave-obligada", timeout=15)
    dash_duo.find_element("#nueva").send_keys(NUEVA)
    dash_duo.find_element("#repetida").send_keys(NUEVA)
    dash_duo.find_element("form button[type=submit]").click()
    dash_duo.wait_for_contains_text(".alert-success", "Su clave se cambió", timeout=15)

    entrar(dash_duo, "upgret.nuevo", NUEVA)
    dash_duo.wait_for_element("h1", timeout=25)
    assert dash_duo.driver.current_url.rstrip("/").endswith("/inicio")
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]


@pytest.mark.usuario("admin")
def test_users_page_fits_a_phone(dash_duo, demo_database_url) -> None:
    """At phone width (390 px) /usuarios is no wider than the screen (the list scrolls inside
    its own box) and the browser logs no error."""
    from tests.e2e.test_accesibilidad import _anchos, _emular_ancho

    dash_duo.start_server(create_app(demo_database_url))
    _emular_ancho(dash_duo, 390, 844)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/usuarios")
    dash_duo.wait_for_contains_text("#usuarios-lista", "upgret.sesal", timeout=25)
    scroll, visible = _anchos(dash_duo)
    assert visible == 390 and scroll <= visible
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]
