"""The technical coordinator keeps the Salud mesa's members up to date from the web (issue #11).

On a private copy of the demo, coord.salud opens «Integrantes y grupos» from the mesa page,
updates a member's e-mail and phone, withdraws another member with a reason, and sees the
withdrawn member listed apart with the date and reason (not deleted, no longer among the active
members); the browser logs no SEVERE error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import create_app
from data_layer.db import make_engine, session_factory
from data_layer.periods import hoy_honduras
from data_layer.vistas.integrantes import integrantes_mesa
from tests.e2e.test_mesa_journey import elegir, poner, pulsar

pytestmark = pytest.mark.e2e

P = "#mesa-integrantes"


@pytest.fixture
def copia_demo(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the demo database (this test writes): its URL."""
    destino = tmp_path / "integrantes.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    return f"sqlite:///{destino}"


@pytest.mark.usuario("coord.salud")
def test_coordinator_updates_a_contact_and_withdraws_a_member(dash_duo, copia_demo) -> None:
    """From /mesas/SAL, «Integrantes y grupos»: the chosen member's contact loads into the form
    and the new one is saved and listed; another member, withdrawn with a reason, leaves the
    active list and appears under «Dados de baja» with today's date and the reason."""
    engine = make_engine(copia_demo)
    with session_factory(engine)() as s:
        vista = integrantes_mesa(s, "SAL")
    engine.dispose()
    assert vista is not None
    contacto, saliente = vista.miembros[0], vista.miembros[1]

    dash_duo.start_server(create_app(copia_demo))
    base = dash_duo.server.url.rstrip("/")
    dash_duo.driver.get(f"{base}/mesas/SAL")
    pulsar(dash_duo, "#mesa-integrantes")
    dash_duo.wait_for_element(f"{P}-formularios-miembros:not([hidden])", timeout=30)

    elegir(dash_duo, f"{P}-contacto-miembro", contacto.etiqueta)
    correo = dash_duo.find_element(f"{P}-contacto-correo")
    WebDriverWait(dash_duo.driver, 10).until(
        lambda _d: correo.get_attribute("value") == contacto.correo
    )
    poner(dash_duo, f"{P}-contacto-correo", "nuevo.correo@salud.gob.hn")
    poner(dash_duo, f"{P}-contacto-telefono", "+504 2222-0000")
    pulsar(dash_duo, f"{P}-contacto-enviar")
    dash_duo.wait_for_contains_text(f"{P}-contacto-resultado", "Se actualizó", timeout=20)
    dash_duo.wait_for_contains_text(f"{P}-tabla-politico", "nuevo.correo@salud.gob.hn", timeout=20)

    elegir(dash_duo, f"{P}-baja-miembro", saliente.etiqueta)
    poner(dash_duo, f"{P}-baja-fecha", hoy_honduras().strftime("%d/%m/%Y"))
    poner(dash_duo, f"{P}-baja-motivo", "Traslado a otra dependencia")
    pulsar(dash_duo, f"{P}-baja-enviar")
    dash_duo.wait_for_contains_text(f"{P}-baja-resultado", "quedó dado(a) de baja", timeout=20)
    dash_duo.wait_for_contains_text(f"{P}-tabla-retirados", saliente.nombre, timeout=20)
    retirados = dash_duo.find_element(f"{P}-tabla-retirados").text
    assert "Traslado a otra dependencia" in retirados
    assert hoy_honduras().strftime("%d/%m/%Y") in retirados
    assert saliente.nombre not in dash_duo.find_element(f"{P}-tabla-politico").text
    assert not [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]
