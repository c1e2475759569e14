"""A mesa coordinator's journey in a real browser: call a session, record its ayuda memoria with
two acuerdos, mark one ``cumplido`` and download the minutes as a PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from dashboard import create_app

#: Sets a React-controlled input's value the way typing does (date inputs ignore send_keys
#: formats that differ by locale).
_PONER = """
const el = arguments[0];
const proto = el.tagName === 'TEXTAREA'
    ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
el.dispatchEvent(new Event('input', {bubbles: true}));
"""


def poner(dash_duo, selector: str, valor: str) -> None:
    """Fill the field ``selector`` with ``valor``."""
    dash_duo.driver.execute_script(_PONER, dash_duo.wait_for_element(selector), valor)


def pulsar(dash_duo, selector: str) -> None:
    """Click ``selector`` once present (a DOM click: the sticky footer may cover the spot)."""
    el = dash_duo.wait_for_element(selector)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", el)
    dash_duo.driver.execute_script("arguments[0].click();", el)


def elegir(dash_duo, selector: str, texto: str) -> None:
    """Choose the option labelled ``texto`` of a native select."""
    Select(dash_duo.wait_for_element(selector)).select_by_visible_text(texto)


@pytest.fixture
def app(demo_database_url: str, tmp_path: Path):
    """An app on a private copy of the demo database (the journey writes)."""
    destino = tmp_path / "journey.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    return create_app(f"sqlite:///{destino}")


@pytest.mark.usuario("coord.salud")
def test_coordinator_calls_session_records_minutes_and_downloads_pdf(
    dash_duo, app, descargas
) -> None:
    """The Salud coordinator, without help: convocatoria → minutes → two acuerdos → one marked
    cumplido (with its note) → the PDF of the minutes downloads; no SEVERE console message."""
    from dashboard.data import hoy_honduras

    hoy = hoy_honduras()
    sesion = hoy - dt.timedelta(days=20)
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/mesas/SAL/convocar")
    dash_duo.wait_for_text_to_equal("#mesa-convocar-mesa", "Mesa Sectorial de Salud")
    poner(dash_duo, "#mesa-convocar-enviada", (sesion - dt.timedelta(days=8)).isoformat())
    poner(dash_duo, "#mesa-convocar-fecha", sesion.isoformat())
    poner(dash_duo, "#mesa-convocar-hora", "09:30")
    poner(dash_duo, "#mesa-convocar-lugar", "Secretaría de Salud")
    poner(dash_duo, "#mesa-convocar-agenda", "Avance del trimestre\nVacunación")
    pulsar(dash_duo, "#mesa-convocar-enviar")
    pulsar(dash_duo, "#mesa-convocar-ir-sesion")

    dash_duo.wait_for_contains_text("#mesa-sesion-info", "Secretaría de Salud")
    pulsar(dash_duo, "#mesa-sesion-asistencia input")
    poner(dash_duo, "#mesa-sesion-desarrollo", "Se revisó el avance de la vacunación.")
    pulsar(dash_duo, "#mesa-sesion-guardar")
    dash_duo.wait_for_contains_text("#mesa-sesion-alerta", "Ayuda memoria registrada")

    limites = [hoy - dt.timedelta(days=5), hoy + dt.timedelta(days=30)]
    for texto, limite in zip(["Depurar la base", "Enviar el plan"], limites, strict=True):
        dash_duo.wait_for_element("#mesa-sesion-bloque-acuerdo:not([hidden])")
        poner(dash_duo, "#mesa-sesion-acuerdo-texto", texto)
        elegir(dash_duo, "#mesa-sesion-acuerdo-institucion", "SESAL")
        poner(dash_duo, "#mesa-sesion-acuerdo-persona", "Ana Núñez")
        poner(dash_duo, "#mesa-sesion-acuerdo-limite", limite.isoformat())
        pulsar(dash_duo, "#mesa-sesion-agregar-acuerdo")
        dash_duo.wait_for_contains_text("#mesa-sesion-tabla-acuerdos", texto)
    dash_duo.wait_for_contains_text("#mesa-sesion-tabla-acuerdos", "Vencido")

    opcion = next(
        o.text
        for o in dash_duo.find_elements("#mesa-sesion-estado-acuerdo option")
        if "Enviar el plan" in o.text
    )
    elegir(dash_duo, "#mesa-sesion-estado-acuerdo", opcion)
    elegir(dash_duo, "#mesa-sesion-estado-nuevo", "Cumplido")
    poner(dash_duo, "#mesa-sesion-estado-fecha", hoy.isoformat())
    poner(dash_duo, "#mesa-sesion-estado-nota", "El plan fue entregado.")
    pulsar(dash_duo, "#mesa-sesion-cambiar-estado")
    dash_duo.wait_for_contains_text("#mesa-sesion-alerta", "«Cumplido»")
    dash_duo.wait_for_contains_text("#mesa-sesion-tabla-acuerdos", "Cumplido")

    pulsar(dash_duo, "#mesa-sesion-pdf-acta")
    limite_espera = time.monotonic() + 15
    while time.monotonic() < limite_espera:
        pdfs = [p for p in descargas.glob("*.pdf") if p.stat().st_size > 0]
        if pdfs:
            break
        time.sleep(0.2)
    assert pdfs, "el PDF de la ayuda memoria no se descargó"
    assert pdfs[0].read_bytes().startswith(b"%PDF-")
    assert pdfs[0].name.startswith("ayuda-memoria-SAL-acta-")
    assert not [x for x in dash_duo.get_logs() if x["level"] == "SEVERE"]
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#mesa-sesion-escritura")
