"""The institutions' part and the ministers' responses in a real browser (issue #11, item 7).

upgret.sesal opens «Mis acuerdos», reports a SESAL acuerdo «en proceso» with a note and sees it in
the list; ministro.salud answers the Presidency on the demo's red Salud goal and the answer shows
on the overview. No SEVERE console messages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import select

from dashboard import create_app
from data_layer.db import make_engine, session_factory
from data_layer.mesas.models import Acuerdo, EstadoAcuerdo
from data_layer.models import Institucion
from tests.e2e.test_detalle import _elegir as elegir

pytestmark = pytest.mark.e2e

META_ROJA = "MI-IHADFA-02"


@pytest.fixture
def url_bd(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the demo (the tests write)."""
    destino = tmp_path / "sigpret.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    return f"sqlite:///{destino}"


def _severos(dash_duo) -> list:
    return [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]


def _clic_texto(dash_duo, texto: str) -> None:
    etiqueta = dash_duo.driver.find_element(By.XPATH, f"//label[contains(., '{texto}')]")
    dash_duo.driver.execute_script("arguments[0].click();", etiqueta)


def _clic(dash_duo, selector: str) -> None:
    """Click a button even when a sticky bar covers it (as scrolling to it would)."""
    dash_duo.driver.execute_script("arguments[0].click();", dash_duo.find_element(selector))


@pytest.mark.usuario("upgret.sesal")
def test_upgret_reports_an_acuerdo_with_a_note(dash_duo, url_bd) -> None:
    """Choose a pending SESAL acuerdo, «En proceso», a note, «Informar a la mesa»: the success
    message, and the acuerdo's card shows the new status and the note."""
    engine = make_engine(url_bd)
    with session_factory(engine)() as s:
        ident = s.scalar(
            select(Acuerdo.id)
            .join(Institucion, Institucion.id == Acuerdo.institucion_responsable_id)
            .where(Institucion.sigla == "SESAL", Acuerdo.estado == EstadoAcuerdo.pendiente)
        )
    engine.dispose()
    dash_duo.start_server(create_app(url_bd), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/mis-acuerdos")
    dash_duo.wait_for_contains_text("#mis-acuerdos-resumen", "acuerdos asignados a SESAL", 20)
    dash_duo.wait_for_contains_text("#mis-acuerdos-tabla-documentos", "Convocatoria (PDF)", 10)
    elegir(dash_duo, "#mis-acuerdos-acuerdo", f"N.º {ident}")
    _clic_texto(dash_duo, "En proceso: ya comenzamos")
    nota = "Se firmó el contrato con el proveedor; primera entrega en enero."
    dash_duo.find_element("#mis-acuerdos-nota").send_keys(nota)
    _clic(dash_duo, "#mis-acuerdos-informar")
    dash_duo.wait_for_contains_text("#mis-acuerdos-resultado", f"Acuerdo N.º {ident} informado", 15)
    dash_duo.wait_for_contains_text("#mis-acuerdos-lista", nota, 15)
    tarjeta = dash_duo.driver.find_element(By.XPATH, f"//*[contains(@id, '\"index\":{ident}')]")
    assert "En proceso" in tarjeta.text
    assert _severos(dash_duo) == []


@pytest.mark.usuario("ministro.salud")
def test_minister_answers_a_red_goal_and_the_overview_shows_it(dash_duo, url_bd) -> None:
    """On the red goal's page the minister's form is shown; she sends her answer, the page shows
    it as the current one and the overview lists it."""
    dash_duo.start_server(create_app(url_bd), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + f"/metas/{META_ROJA}")
    dash_duo.wait_for_element("#meta-respuesta-texto", timeout=20)
    dash_duo.wait_for_contains_text("#meta-respuesta-formulario-titulo", "Actualizar", 20)
    texto = "Se reforzó el personal de los centros de tratamiento en San Pedro Sula."
    dash_duo.find_element("#meta-respuesta-texto").send_keys(texto)
    dash_duo.find_element("#meta-respuesta-acciones").send_keys(
        "Convenio con las alcaldías para ampliar la atención ambulatoria."
    )
    dash_duo.find_element("#meta-respuesta-firmante").send_keys("Ministra de Salud")
    _clic(dash_duo, "#meta-respuesta-guardar")
    dash_duo.wait_for_contains_text("#meta-respuesta-resultado", "Respuesta registrada", 15)
    dash_duo.wait_for_contains_text("#meta-respuesta", texto, 15)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/")
    dash_duo.wait_for_contains_text("#resumen-respuestas", META_ROJA, 30)
    dash_duo.wait_for_contains_text("#resumen-respuestas", "Se reforzó el personal", 10)
    assert _severos(dash_duo) == []
