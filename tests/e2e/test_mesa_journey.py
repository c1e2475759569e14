"""A mesa coordinator's journey in a real browser: call a session, record its ayuda memoria with
two acuerdos, mark one ``cumplido``, download the minutes as a PDF, then find the other (overdue)
acuerdo in the alert centre and on the overview."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from dashboard import create_app
from data_layer.db import make_engine, session_factory
from data_layer.mesas.models import Acuerdo
from data_layer.periods import hoy_honduras
from tests.e2e.test_filtros import elegir as elegir_dropdown
from tests.e2e.test_filtros import esperar, query
from tests.e2e.test_roles import filas_grid

pytestmark = pytest.mark.e2e

#: Sets a React-controlled input's value the way typing does (date inputs ignore send_keys
#: formats that differ by locale).
_PONER = """
const el = arguments[0];
const proto = el.tagName === 'TEXTAREA'
    ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
el.dispatchEvent(new Event('input', {bubbles: true}));
"""

#: The acuerdo due five days ago (overdue) and the one due in a month (marked cumplido).
VENCIDO, A_TIEMPO = "Depurar la base", "Enviar el plan"


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


def elegir_valor(dash_duo, selector: str, valor: str) -> None:
    """Choose the option whose value is ``valor`` of a native select (institution pickers show
    «SIGLA — Nombre»: the sigla is the value)."""
    Select(dash_duo.wait_for_element(selector)).select_by_value(valor)


def pdf_descargado(dash_duo, carpeta: Path, timeout: float = 15) -> Path:
    """The first non-empty PDF saved in ``carpeta`` (waited for, not slept for)."""

    def listo(_driver) -> Path | None:
        return next((p for p in carpeta.glob("*.pdf") if p.stat().st_size > 0), None)

    try:
        return WebDriverWait(dash_duo.driver, timeout, poll_frequency=0.2).until(listo)
    except TimeoutException:
        pytest.fail("el PDF de la ayuda memoria no se descargó")


def id_acuerdo(url: str, texto: str) -> int:
    """The id of the acuerdo whose text is ``texto`` (the journey created exactly one)."""
    engine = make_engine(url)
    with session_factory(engine)() as s:
        ident = s.scalars(select(Acuerdo.id).where(Acuerdo.texto == texto)).one()
    engine.dispose()
    return ident


@pytest.fixture
def url_bd(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the demo database (the journey writes)."""
    destino = tmp_path / "journey.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    return f"sqlite:///{destino}"


@pytest.mark.usuario("coord.salud")
def test_coordinator_calls_session_records_minutes_and_sees_overdue_acuerdo(
    dash_duo, url_bd, descargas
) -> None:
    """The Salud coordinator, without help: convocatoria → minutes → two acuerdos → one marked
    cumplido (with its note) → the PDF of the minutes downloads; the other acuerdo, already past
    its due date, is then listed in /alertas filtered by type «Acuerdo vencido» and sector Salud,
    and among the alerts of the overview filtered by Salud; no SEVERE console message."""
    hoy = hoy_honduras()
    sesion = hoy - dt.timedelta(days=20)
    dash_duo.start_server(create_app(url_bd))
    base = dash_duo.server.url.rstrip("/")
    dash_duo.driver.get(base + "/mesas/SAL/convocar")
    dash_duo.wait_for_text_to_equal("#mesa-convocar-mesa", "Mesa Sectorial de Salud")
    poner(dash_duo, "#mesa-convocar-enviada", (sesion - dt.timedelta(days=8)).strftime("%d/%m/%Y"))
    poner(dash_duo, "#mesa-convocar-fecha", sesion.strftime("%d/%m/%Y"))
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

    # The session was 20 days ago, so a due date 5 days ago is valid and already overdue.
    limite_vencido = hoy - dt.timedelta(days=5)
    limites = [limite_vencido, hoy + dt.timedelta(days=30)]
    for texto, limite in zip([VENCIDO, A_TIEMPO], limites, strict=True):
        dash_duo.wait_for_element("#mesa-sesion-bloque-acuerdo:not([hidden])")
        poner(dash_duo, "#mesa-sesion-acuerdo-texto", texto)
        elegir_valor(dash_duo, "#mesa-sesion-acuerdo-institucion", "SESAL")
        poner(dash_duo, "#mesa-sesion-acuerdo-persona", "Ana Núñez")
        poner(dash_duo, "#mesa-sesion-acuerdo-limite", limite.strftime("%d/%m/%Y"))
        pulsar(dash_duo, "#mesa-sesion-agregar-acuerdo")
        dash_duo.wait_for_contains_text("#mesa-sesion-tabla-acuerdos", texto)
    dash_duo.wait_for_contains_text("#mesa-sesion-tabla-acuerdos", "Vencido")

    opcion = next(
        o.text
        for o in dash_duo.find_elements("#mesa-sesion-estado-acuerdo option")
        if A_TIEMPO in o.text
    )
    elegir(dash_duo, "#mesa-sesion-estado-acuerdo", opcion)
    elegir(dash_duo, "#mesa-sesion-estado-nuevo", "Cumplido")
    poner(dash_duo, "#mesa-sesion-estado-fecha", hoy.strftime("%d/%m/%Y"))
    poner(dash_duo, "#mesa-sesion-estado-nota", "El plan fue entregado.")
    pulsar(dash_duo, "#mesa-sesion-cambiar-estado")
    dash_duo.wait_for_contains_text("#mesa-sesion-alerta", "«Cumplido»")
    dash_duo.wait_for_contains_text("#mesa-sesion-tabla-acuerdos", "Cumplido")

    pulsar(dash_duo, "#mesa-sesion-pdf-acta")
    pdf = pdf_descargado(dash_duo, descargas)
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf.name.startswith("ayuda-memoria-SAL-acta-")
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#mesa-sesion-escritura")

    # The alert centre, narrowed to Salud and then to the type chosen in its own dropdown.
    vencido = str(id_acuerdo(url_bd, VENCIDO))
    dash_duo.driver.get(base + "/alertas?sector=SAL")
    dash_duo.wait_for_element("#alertas-conteo-alta", timeout=20)
    elegir_dropdown(dash_duo, ".alertas-tipo", "Acuerdo vencido")
    esperar(
        dash_duo,
        lambda: query(dash_duo) == {"sector": "SAL", "tipo": "acuerdo_vencido"},
        "la URL no lleva el sector y el tipo elegidos",
    )

    def filas_vencidas() -> list[dict] | None:
        filas = filas_grid(dash_duo, "alertas-lista") or []
        if not filas or {f["tipo_texto"] for f in filas} != {"Acuerdo vencido"}:
            return None
        return filas

    esperar(dash_duo, filas_vencidas, "la lista no quedó solo con acuerdos vencidos")
    filas = {f["entidad"]: f for f in filas_vencidas()}
    assert vencido in filas, f"el acuerdo {vencido} no está en /alertas: {sorted(filas)}"
    fila = filas[vencido]
    assert f"«{VENCIDO}» venció el {limite_vencido:%d/%m/%Y}" in fila["mensaje"]
    assert "hace 5 días" in fila["mensaje"]
    assert (fila["severidad"], fila["sector"]) == ("alta", "SAL")
    assert fila["entidad_href"].startswith("/mesas/SAL")
    assert not any(A_TIEMPO in f["mensaje"] for f in filas.values())

    # The overview filtered by Salud lists it among its most severe alerts.
    dash_duo.driver.get(base + "/?sector=SAL")
    dash_duo.wait_for_contains_text("#resumen-alertas", f"«{VENCIDO}»", timeout=20)
    item = next(
        li
        for li in dash_duo.find_elements("#resumen-alertas .alerta-item")
        if f"«{VENCIDO}»" in li.text
    )
    assert item.find_element(By.CSS_SELECTOR, ".alerta-tipo").text == "Acuerdo vencido"
    enlace = item.find_element(By.CSS_SELECTOR, ".alerta-entidad")
    assert enlace.text == vencido
    assert "/mesas/SAL" in enlace.get_attribute("href")
    assert A_TIEMPO not in dash_duo.find_element("#resumen-alertas").text
    assert not [x for x in dash_duo.get_logs() if x["level"] == "SEVERE"]
