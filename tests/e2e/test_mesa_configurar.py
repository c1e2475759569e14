"""An analyst installs a mesa from the web (issue #11) and its technical coordinator runs it.

On a copy of the demo with a new sector (Deporte y Juventud) without a mesa: the analyst sees
it under «Sectores sin mesa», opens «Instalar mesa», designates a minister of the sector and a mesa
coordinator (two users) and an analyst; the history shows the installation. The technical
coordinator then logs in and sees «Convocar sesión» on the new mesa: the scope follows from the
designation, with no other step.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import select

from dashboard import create_app
from data_layer import auth
from data_layer.db import make_engine, session_factory
from data_layer.models import Institucion, Sector
from tests.e2e.conftest import cambiar_de_usuario
from tests.e2e.test_mesa_journey import elegir, poner, pulsar

pytestmark = pytest.mark.e2e

CLAVE = "Turismo-Seguro-2026"


@pytest.fixture
def deporte(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the demo with sector DEP (rectora CONDEPOR), no mesa, its minister
    ``ministra.deporte`` and a mesa coordinator ``coord.deporte``: the database URL."""
    destino = tmp_path / "deporte.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    engine = make_engine(url)
    with session_factory(engine, escritura=True)() as s, s.begin():
        condepor = s.scalars(select(Institucion).where(Institucion.sigla == "CONDEPOR")).one()
        s.add(Sector(codigo="DEP", nombre="Deporte y Juventud", rectora=condepor))
        s.flush()
        auth.crear_usuario(
            s, "ministra.deporte", "ministro", CLAVE, alcance=["DEP"], nombre="Yadira Gómez"
        )
        auth.crear_usuario(s, "coord.deporte", "coordinador_mesa", CLAVE, nombre="Óscar Mejía")
    engine.dispose()
    return url


def test_analyst_installs_a_mesa_and_its_coordinator_can_convene(dash_duo, deporte) -> None:
    """The analyst installs the Deporte mesa from /mesas with two coordinator users; the
    history lists the installation; the technical coordinator, logging in, sees «Convocar
    sesión» on /mesas/DEP."""
    dash_duo.start_server(create_app(deporte))
    base = dash_duo.server.url.rstrip("/")
    dash_duo.driver.get(f"{base}/mesas")
    pulsar(dash_duo, "#mesas-instalar-DEP")
    dash_duo.wait_for_element("#mesa-configurar-formulario:not([hidden])", timeout=20)
    dash_duo.wait_for_contains_text("#mesa-configurar-titulo", "Deporte", timeout=20)
    poner(dash_duo, "#mesa-configurar-fecha", "02/11/2026")
    elegir(dash_duo, "#mesa-configurar-politico-usuario", "Yadira Gómez (ministra.deporte)")
    elegir(dash_duo, "#mesa-configurar-tecnico-usuario", "Óscar Mejía (coord.deporte)")
    poner(dash_duo, "#mesa-configurar-tecnico-cargo", "Gerente de Planificación")
    analista = dash_duo.driver.find_element(
        By.XPATH, "//label[contains(., '(analista)')]/preceding-sibling::input"
    )
    dash_duo.driver.execute_script("arguments[0].click();", analista)
    pulsar(dash_duo, "#mesa-configurar-enviar")
    dash_duo.wait_for_contains_text("#mesa-configurar-resultado", "quedó instalada", timeout=20)
    dash_duo.wait_for_contains_text(
        "#mesa-configurar-historial", "Instalación de la mesa", timeout=20
    )
    assert "coord.deporte" in dash_duo.find_element("#mesa-configurar-historial").text

    cambiar_de_usuario(dash_duo, "coord.deporte", CLAVE)
    dash_duo.driver.get(f"{base}/mesas/DEP")
    dash_duo.wait_for_text_to_equal("#mesa-convocar", "Convocar sesión", timeout=20)
