"""The e-mails of a mesa's events (DOMAIN.md §10): the convocatoria and the distributed minutes.

- A convocatoria registered sends, to every member of the convened level accredited and active
  on the day it is sent and with an e-mail, its PDF and a calendar invitation (``.ics``, Honduras
  time zone ``America/Tegucigalpa``).
- Distributing an ayuda memoria *is* sending it: its PDF (the frozen copy) goes to every
  participant, the members of the session's level and anybody else present.

One message per person (nobody sees the others' addresses), keyed by event and member so that it
is never enqueued twice. Both are enqueued by the service, in the event's own transaction.
"""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import documentos as doc
from data_layer import queries
from data_layer.config import Settings
from data_layer.correo.cola import Adjunto, encolar
from data_layer.mesas import contenido
from data_layer.mesas.models import AyudaMemoria, MiembroMesa, SesionMesa

#: The convened sessions' time zone (their ``fecha_hora`` is Honduras wall-clock time).
ZONA = ZoneInfo("America/Tegucigalpa")
#: How long the invitation blocks in the calendar.
DURACION_SESION = dt.timedelta(hours=2)
#: How a session of each level is called in a sentence.
SESION_DE_NIVEL = {"tecnico": "técnica", "politico": "política"}
MIME_PDF = "application/pdf"
MIME_ICS = "text/calendar; method=REQUEST"


def _es_demo(session: Session) -> bool:
    ultima = queries.latest_import(session)
    return bool(ultima is not None and ultima.es_demo)


def _con_correo(miembros: list[MiembroMesa]) -> list[MiembroMesa]:
    return [m for m in miembros if m.correo and "@" in m.correo]


def convocados(session: Session, sesion: SesionMesa) -> list[MiembroMesa]:
    """Members of the convened level accredited and active on the day the convocatoria is sent."""
    fecha = sesion.convocatoria_enviada_en
    return list(
        session.scalars(
            select(MiembroMesa)
            .where(
                MiembroMesa.mesa_id == sesion.mesa_id,
                MiembroMesa.nivel == sesion.nivel,
                MiembroMesa.acreditado_en <= fecha,
                (MiembroMesa.baja_en.is_(None)) | (MiembroMesa.baja_en > fecha),
            )
            .order_by(MiembroMesa.id)
        )
    )


def invitacion_ics(sesion: SesionMesa, titulo: str, remitente: str, enlace: str) -> bytes:
    """The session as an iCalendar invitation (RFC 5545) in Honduras time."""
    calendario = icalendar.Calendar()
    calendario.add("prodid", "-//SIGPRET//Convocatorias de mesas//ES")
    calendario.add("version", "2.0")
    calendario.add("method", "REQUEST")
    evento = icalendar.Event()
    inicio = sesion.fecha_hora.replace(tzinfo=ZONA)
    evento.add("uid", f"sesion-{sesion.id}@sigpret")
    evento.add("dtstamp", dt.datetime.now(dt.UTC))
    evento.add("dtstart", inicio)
    evento.add("dtend", inicio + DURACION_SESION)
    evento.add("summary", titulo)
    evento.add("location", sesion.lugar)
    evento.add("description", f"Agenda y convocatoria en SIGPRET: {enlace}")
    evento.add("url", enlace)
    evento.add("organizer", f"mailto:{remitente.rpartition('<')[2].rstrip('>').strip()}")
    calendario.add_component(evento)
    calendario.add_missing_timezones()
    return calendario.to_ical()


def _html(parrafos: list[str], enlace: str, texto_enlace: str) -> str:
    cuerpo = "".join(f"<p>{html.escape(p)}</p>" for p in parrafos)
    return (
        f'<html><body style="font-family: Arial, sans-serif">{cuerpo}'
        f'<p><a href="{html.escape(enlace, quote=True)}">{html.escape(texto_enlace)}</a></p>'
        '<p style="color:#666">Mensaje automático de SIGPRET; no responda a este correo.</p>'
        "</body></html>"
    )


def _texto(parrafos: list[str], enlace: str, texto_enlace: str) -> str:
    return "\n\n".join(
        [*parrafos, f"{texto_enlace}: {enlace}", "Mensaje automático de SIGPRET; no responda."]
    )


def encolar_convocatoria(session: Session, sesion: SesionMesa, settings: Settings) -> int:
    """Enqueue the convocatoria of ``sesion`` to its convened members; returns how many."""
    sector, datos = contenido.datos_convocatoria(session, sesion.id, es_demo=_es_demo(session)) or (
        "",
        None,
    )
    if datos is None:
        return 0
    pdf = doc.pdf_convocatoria(datos)
    nombre_mesa = contenido.nombre_mesa(sesion.mesa)
    enlace = f"{settings.url_base}/mesas/{sector}/sesiones/{sesion.id}"
    nivel = SESION_DE_NIVEL.get(sesion.nivel.value, sesion.nivel.value)
    titulo = f"Sesión {nivel} de la {nombre_mesa}"
    ics = invitacion_ics(sesion, titulo, settings.smtp_remitente, enlace)
    asunto = f"Convocatoria: {titulo}, {doc.fecha_hora(sesion.fecha_hora)}"
    agenda = "; ".join(p.titulo for p in sesion.agenda)
    enviados = 0
    for miembro in _con_correo(convocados(session, sesion)):
        parrafos = [
            f"Estimado(a) {miembro.nombre}:",
            f"Se le convoca a la sesión {nivel} de la {nombre_mesa}, el "
            f"{doc.fecha_hora(sesion.fecha_hora)} (hora de Honduras), en {sesion.lugar}.",
            f"Agenda: {agenda}.",
            "Adjuntamos la convocatoria en PDF y la invitación para su calendario.",
        ]
        mensaje = encolar(
            session,
            clave=f"convocatoria:{sesion.id}:miembro:{miembro.id}",
            para=[miembro.correo or ""],
            asunto=asunto,
            texto=_texto(parrafos, enlace, "Ver la sesión en SIGPRET"),
            html=_html(parrafos, enlace, "Ver la sesión en SIGPRET"),
            evento="sesion_convocada",
            adjuntos=[
                Adjunto(f"convocatoria-{sector}-{sesion.id}.pdf", MIME_PDF, pdf),
                Adjunto(f"sesion-{sector}-{sesion.id}.ics", MIME_ICS, ics),
            ],
        )
        enviados += mensaje is not None
    return enviados


def participantes(ayuda: AyudaMemoria) -> list[MiembroMesa]:
    """Everyone on the minutes' attendance list: the level's members and anybody present."""
    return [a.miembro for a in ayuda.asistencia]


def encolar_ayuda_memoria(
    session: Session, ayuda: AyudaMemoria, settings: Settings, *, hoy: dt.date
) -> int:
    """Enqueue the distributed minutes to every participant; returns how many messages."""
    leido = contenido.datos_ayuda_memoria(
        session, ayuda.id, fecha_corte=hoy, es_demo=_es_demo(session)
    )
    if leido is None:
        return 0
    sector, datos = leido
    pdf = doc.pdf_ayuda_memoria(datos)
    sesion = ayuda.sesion
    nombre_mesa = contenido.nombre_mesa(sesion.mesa)
    enlace = f"{settings.url_base}/mesas/{sector}/sesiones/{sesion.id}"
    asunto = f"Ayuda memoria, acta N.º {ayuda.numero}: {nombre_mesa}"
    nivel = SESION_DE_NIVEL.get(sesion.nivel.value, sesion.nivel.value)
    enviados = 0
    for miembro in _con_correo(participantes(ayuda)):
        parrafos = [
            f"Estimado(a) {miembro.nombre}:",
            f"Adjuntamos la ayuda memoria (acta N.º {ayuda.numero}) de la sesión "
            f"{nivel} de la {nombre_mesa} del {doc.fecha_hora(sesion.fecha_hora)}, "
            f"distribuida el {doc.fecha(ayuda.distribuida_en)}.",
            "Revise los acuerdos y sus fechas límite.",
        ]
        mensaje = encolar(
            session,
            clave=f"ayuda_memoria:{ayuda.id}:miembro:{miembro.id}",
            para=[miembro.correo or ""],
            asunto=asunto,
            texto=_texto(parrafos, enlace, "Ver la sesión y sus acuerdos en SIGPRET"),
            html=_html(parrafos, enlace, "Ver la sesión y sus acuerdos en SIGPRET"),
            evento="ayuda_memoria_distribuida",
            adjuntos=[Adjunto(f"ayuda-memoria-{sector}-acta-{ayuda.numero}.pdf", MIME_PDF, pdf)],
        )
        enviados += mensaje is not None
    return enviados
