"""The political level approves from «Pendientes de mi decisión» (issue #11) in a real browser:
the Salud technical coordinator sends the plan de trabajo, the minister finds it among her
pending decisions and approves it in one click-through."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard import create_app
from data_layer import auth
from data_layer.db import make_engine, session_factory
from data_layer.mesas import registros, servicio
from data_layer.mesas.models import PlanTrabajo
from tests.e2e.conftest import cambiar_de_usuario

pytestmark = pytest.mark.e2e


@pytest.fixture
def devuelto(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the demo where the minister returned Salud's 2027 plan (so the
    coordinator can send it again); its URL."""
    destino = tmp_path / "plan.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    engine = make_engine(url)
    with session_factory(engine, escritura=True)() as s, s.begin():
        mesa = registros.mesa_de_sector(s, "SAL")
        plan = s.scalars(
            select(PlanTrabajo).where(PlanTrabajo.mesa_id == mesa.id, PlanTrabajo.anio == 2027)
        ).one()
        ministra = auth.alcance_de(auth.buscar(s, "ministro.salud"))
        servicio.devolver_plan(s, plan.id, nota="Agregar la vacunación escolar", actor=ministra)
    engine.dispose()
    return url


def _estado(url: str) -> str:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        mesa = registros.mesa_de_sector(s, "SAL")
        plan = s.scalars(
            select(PlanTrabajo).where(PlanTrabajo.mesa_id == mesa.id, PlanTrabajo.anio == 2027)
        ).one()
        estado = plan.estado.value
    engine.dispose()
    return estado


def _pulsar(dash_duo, selector: str) -> None:
    """Click a button once it is shown (scrolled into view first)."""
    boton = dash_duo.wait_for_element(selector, timeout=20)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", boton)
    dash_duo.wait_for_element(f"{selector}:not([disabled])", timeout=20)
    dash_duo.driver.execute_script("arguments[0].click();", boton)


@pytest.mark.usuario("coord.salud")
def test_the_coordinator_sends_the_plan_and_the_minister_approves_it_from_pendientes(
    dash_duo, devuelto
) -> None:
    """coord.salud sends the returned 2027 plan; ministro.salud opens /pendientes, follows the
    plan's «Revisar y decidir» and approves: the plan is approved and leaves her list."""
    dash_duo.start_server(create_app(devuelto))
    base = dash_duo.server.url.rstrip("/")
    dash_duo.driver.get(f"{base}/mesas/SAL/plan?anio=2027")
    dash_duo.wait_for_contains_text("#mesa-plan-estado", "Devuelto", timeout=20)
    _pulsar(dash_duo, "#mesa-plan-enviar")
    dash_duo.wait_for_contains_text("#mesa-plan-estado", "Enviado", timeout=20)
    assert _estado(devuelto) == "enviado"

    cambiar_de_usuario(dash_duo, "ministro.salud")
    dash_duo.driver.get(f"{base}/pendientes")
    dash_duo.wait_for_contains_text("#pendientes-tabla", "Plan de trabajo 2027", timeout=20)
    fila = next(
        f
        for f in dash_duo.find_elements("#pendientes-tabla tbody tr")
        if "Plan de trabajo 2027" in f.text
    )
    fila.find_element("css selector", "a").click()
    # The plan page has loaded its plan (and the decision box its submission token).
    dash_duo.wait_for_contains_text("#mesa-plan-estado", "Enviado", timeout=20)
    _pulsar(dash_duo, "#mesa-plan-aprobar")
    dash_duo.wait_for_contains_text("#mesa-plan-estado", "Aprobado", timeout=20)
    assert _estado(devuelto) == "aprobado"
    dash_duo.driver.get(f"{base}/pendientes")
    dash_duo.wait_for_element("#pendientes-tabla", timeout=20)
    assert "Plan de trabajo 2027" not in dash_duo.find_element("#pendientes-tabla").text
