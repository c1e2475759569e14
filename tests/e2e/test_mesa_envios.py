"""A double click in a real browser records nothing twice (issue #9): on a session with draft
minutes, a fast double click on «Agregar acuerdo» records one acuerdo, and the form is empty
afterwards, so the next acuerdo inherits neither the text nor the person."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard import create_app
from data_layer import permisos
from data_layer.db import make_engine, session_factory
from data_layer.mesas import registros, servicio
from data_layer.mesas.models import Acuerdo, MiembroMesa
from data_layer.periods import hoy_honduras
from tests.e2e.test_filtros import esperar
from tests.e2e.test_mesa_journey import elegir_valor, poner

pytestmark = pytest.mark.e2e

#: A double click: a second click 80 ms after the first, before the first one's answer arrives.
#: (Two clicks in the same instant reach Dash as one change of ``n_clicks``.)
DOBLE_CLIC = """
const el = arguments[0];
el.scrollIntoView({block: 'center'});
el.click();
setTimeout(() => el.click(), 80);
"""


@pytest.fixture
def borrador(demo_database_url: str, tmp_path: Path) -> tuple[str, int]:
    """A private copy of the demo with a Salud session held 20 days ago and its draft minutes:
    the database URL and the session's id."""
    destino = tmp_path / "envios.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    engine = make_engine(url)
    dia = hoy_honduras() - dt.timedelta(days=20)
    actor = permisos.actor_sistema("prueba")
    with session_factory(engine, escritura=True)() as s, s.begin():
        sesion = servicio.convocar_sesion(
            s, "SAL", nivel="tecnico", fecha_hora=dt.datetime.combine(dia, dt.time(9)),
            lugar="Secretaría de Salud", convocatoria_enviada_en=dia - dt.timedelta(days=8),
            agenda=["Avance del trimestre"], actor=actor,
        )  # fmt: skip
        mesa = registros.mesa_de_sector(s, "SAL")
        miembro = s.scalars(
            select(MiembroMesa.id).where(
                MiembroMesa.mesa_id == mesa.id,
                MiembroMesa.nivel == "tecnico",
                MiembroMesa.baja_en.is_(None),
            )
        ).first()
        servicio.registrar_ayuda_memoria(
            s, sesion.id, elaborada_en=dia, desarrollo="Se revisó el avance.",
            presentes=[miembro], actor=actor,
        )  # fmt: skip
        ident = sesion.id
    engine.dispose()
    return url, ident


def _acuerdos(url: str, sesion: int) -> list[str]:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        textos = list(s.scalars(select(Acuerdo.texto).where(Acuerdo.sesion_id == sesion)))
    engine.dispose()
    return textos


@pytest.mark.usuario("coord.salud")
def test_double_click_on_agregar_acuerdo_records_one_and_empties_the_form(
    dash_duo, borrador
) -> None:
    """The coordinator types an acuerdo and double-clicks «Agregar acuerdo»: one acuerdo is
    recorded and listed once, and the text and person fields are empty for the next one."""
    url, sesion = borrador
    dash_duo.start_server(create_app(url))
    dash_duo.driver.get(f"{dash_duo.server.url.rstrip('/')}/mesas/SAL/sesiones/{sesion}")
    dash_duo.wait_for_element("#mesa-sesion-bloque-acuerdo:not([hidden])", timeout=20)
    texto = "Publicar el tablero de vacunación"
    poner(dash_duo, "#mesa-sesion-acuerdo-texto", texto)
    elegir_valor(dash_duo, "#mesa-sesion-acuerdo-institucion", "SESAL")
    poner(dash_duo, "#mesa-sesion-acuerdo-persona", "Ana Núñez")
    limite = hoy_honduras() + dt.timedelta(days=30)
    poner(dash_duo, "#mesa-sesion-acuerdo-limite", limite.strftime("%d/%m/%Y"))
    boton = dash_duo.wait_for_element("#mesa-sesion-agregar-acuerdo")
    dash_duo.driver.execute_script(DOBLE_CLIC, boton)

    dash_duo.wait_for_contains_text("#mesa-sesion-tabla-acuerdos", texto, timeout=20)
    esperar(
        dash_duo,
        lambda: dash_duo.find_element("#mesa-sesion-agregar-acuerdo").is_enabled(),
        "el botón quedó deshabilitado",
    )
    assert _acuerdos(url, sesion) == [texto]
    esperar(
        dash_duo,
        lambda: dash_duo.find_element("#mesa-sesion-acuerdo-texto").get_attribute("value") == "",
        "el formulario del acuerdo no se vació tras guardarlo",
    )
    assert dash_duo.find_element("#mesa-sesion-acuerdo-persona").get_attribute("value") == ""
    filas = dash_duo.find_elements("#mesa-sesion-tabla-acuerdos tbody tr")
    assert sum(texto in f.text for f in filas) == 1
