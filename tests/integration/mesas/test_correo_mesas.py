"""The mesa events send their e-mails (DOMAIN.md §10), delivered through a real SMTP server on
loopback (aiosmtpd): the convocatoria (PDF and a calendar invitation in Honduras time) to the
accredited members of the convened level, and the distributed minutes (PDF) to every
participant. Recipients, attachments and their contents are read back from what the server got.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from data_layer.config import Settings
from data_layer.correo import configurar_despacho
from data_layer.correo.entrega import enviar_pendientes
from data_layer.db import session_factory
from data_layer.mesas import servicio
from tests.integration.mesas.conftest import ACTOR, HOY, acreditar, convocar, sesion_con_acta
from tests.pdf_texto import normalizado, texto_pdf
from tests.smtp_prueba import ServidorSMTP

SESION = dt.datetime(2026, 3, 10, 9, 30)


@pytest.fixture(autouse=True)
def _sin_despachador():
    """Delivery by hand only: no web app's despachador left from an earlier test runs."""
    configurar_despacho(None, None)
    yield
    configurar_despacho(None, None)


@pytest.fixture
def smtp():
    servidor = ServidorSMTP().iniciar()
    yield servidor
    servidor.detener()


def _ajustes(smtp: ServidorSMTP) -> Settings:
    return Settings(
        database_url="sqlite://",
        redis_url=None,
        secret_key=None,
        reglas_path=None,
        smtp_host="127.0.0.1",
        smtp_puerto=smtp.puerto,
    )


def _adjuntos(mensaje) -> dict[str, object]:
    return {a.get_filename(): a for a in mensaje.iter_attachments()}


def test_convocatoria_llega_a_los_acreditados_del_nivel_con_pdf_e_ics(db, smtp) -> None:
    """Convening a technical session e-mails each technical member accredited and active on the
    day it is sent (not the political level, not one accredited later, not one who left), with
    the convocatoria PDF (its agenda inside) and an .ics at 09:30 America/Tegucigalpa."""
    with session_factory(db)() as s, s.begin():
        acreditar(s, "SAL", "SESAL", "Marta Díaz", correo="marta@sesal.gob.hn")
        acreditar(s, "SAL", "IHSS", "Pedro Ruiz", correo="pedro@ihss.hn")
        acreditar(s, "SAL", "SESAL", "Ana Político", nivel="politico", correo="ana@sesal.gob.hn")
        acreditar(
            s,
            "SAL",
            "IHSS",
            "Luis Tardío",
            correo="luis@ihss.hn",
            acreditado_en=dt.date(2026, 3, 5),
        )
        sin_correo = acreditar(s, "SAL", "SESAL", "Sin Correo")
        sesion = convocar(s, "SAL", SESION, agenda=["Avance de la meta de vacunación"])
    assert sin_correo.correo is None
    assert enviar_pendientes(db, _ajustes(smtp)).enviados == 2
    assert sorted(d[0] for d, _ in smtp.recibidos) == ["marta@sesal.gob.hn", "pedro@ihss.hn"]
    [mensaje] = smtp.para("marta@sesal.gob.hn")
    assert mensaje["Subject"].startswith("Convocatoria: Sesión técnica de la Mesa Sectorial")
    texto = mensaje.get_body(("plain",)).get_content()
    assert "Marta Díaz" in texto and "10/03/2026, 09:30" in texto
    assert f"/mesas/SAL/sesiones/{sesion.id}" in texto
    assert f"/mesas/SAL/sesiones/{sesion.id}" in mensaje.get_body(("html",)).get_content()
    adjuntos = _adjuntos(mensaje)
    pdf = adjuntos[f"convocatoria-SAL-{sesion.id}.pdf"].get_content()
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]
    assert "Avance de la meta de vacunación" in normalizado(texto_pdf(pdf))
    ics = adjuntos[f"sesion-SAL-{sesion.id}.ics"]
    assert ics.get_content_type() == "text/calendar"
    crudo = ics.get_content()
    calendario = icalendar.Calendar.from_ical(crudo if isinstance(crudo, bytes) else crudo.encode())
    [evento] = calendario.walk("VEVENT")
    inicio = evento.decoded("dtstart")
    assert inicio == dt.datetime(2026, 3, 10, 9, 30, tzinfo=ZoneInfo("America/Tegucigalpa"))
    assert inicio.utcoffset() == dt.timedelta(hours=-6)
    assert evento["dtstart"].params["TZID"] == "America/Tegucigalpa"
    assert calendario.walk("VTIMEZONE")[0]["TZID"] == "America/Tegucigalpa"
    assert str(evento["location"]) == "Casa Presidencial, salón de reuniones"


def test_ayuda_memoria_distribuida_llega_a_todos_los_participantes(db, smtp) -> None:
    """Distributing the minutes e-mails their PDF (acta number inside) to every participant,
    present or absent, once; the distribution date is the date it is sent."""
    with session_factory(db)() as s, s.begin():
        marta = acreditar(s, "SAL", "SESAL", "Marta Díaz", correo="marta@sesal.gob.hn")
        acreditar(s, "SAL", "IHSS", "Pedro Ruiz", correo="pedro@ihss.hn")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [marta.id])
    enviar_pendientes(db, _ajustes(smtp))  # the convocatoria
    smtp.recibidos.clear()
    with session_factory(db)() as s, s.begin():
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=dt.date(2026, 3, 12), actor=ACTOR, hoy=HOY
        )
    assert enviar_pendientes(db, _ajustes(smtp)).enviados == 2
    assert sorted(d[0] for d, _ in smtp.recibidos) == ["marta@sesal.gob.hn", "pedro@ihss.hn"]
    [mensaje] = smtp.para("pedro@ihss.hn")
    assert mensaje["Subject"] == "Ayuda memoria, acta N.º 1: Mesa Sectorial de Salud"
    assert "distribuida el 12/03/2026" in mensaje.get_body(("plain",)).get_content()
    pdf = _adjuntos(mensaje)["ayuda-memoria-SAL-acta-1.pdf"].get_content()
    assert pdf.startswith(b"%PDF-")
    assert "Se revisó el avance de las metas del sector." in normalizado(texto_pdf(pdf))
    assert enviar_pendientes(db, _ajustes(smtp)).enviados == 0
