"""Notices (DOMAIN.md §10, issue #13): every event that tells somebody something passes here.

An :class:`Evento` says who is told (user accounts), the subject and body in Spanish (ready for
an e-mail as they are for the app), the app path it is about and its idempotency key. The one
way out is :func:`notificar`, called in the same transaction as the change that causes the event
(so a rolled-back change notices nobody). It writes the in-app notices (``aviso``) and, for each
recipient with an e-mail address who gets that kind of e-mail (their choice, never below their
duty: :func:`data_layer.permisos.correos_obligatorios`), one message in the e-mail outbox
(:func:`data_layer.correo.encolar`), in the same transaction.

- the events, built from the objects they are about ........ :mod:`data_layer.avisos.eventos`
- who receives them (UPGRET of an institution, approvers) .. :mod:`data_layer.avisos.quienes`
- the scheduled checks (reminders, due acuerdos, digest) ... :mod:`data_layer.avisos.programados`
- reading and marking one's own notices .................... :mod:`data_layer.avisos.servicio`
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from data_layer.avisos.models import Aviso
from data_layer.models import Usuario

#: Spanish name of each kind of notice (the page's «Tipo»).
TIPOS: dict[str, str] = {
    "reporte_por_vencer": "Reporte por vencer",
    "reporte_atrasado": "Reporte atrasado",
    "version_devuelta": "Valor devuelto",
    "acuerdo_por_vencer": "Acuerdo por vencer",
    "acuerdo_vencido": "Acuerdo vencido",
    "propuesta_pendiente": "Propuesta por decidir",
    "decision_tomada": "Decisión tomada",
    "resumen_alertas": "Resumen semanal de alertas",
}


@dataclass(frozen=True)
class Evento:
    """Something that happened and who must know it.

    Attributes:
        tipo: a key of :data:`TIPOS`.
        clave: the event's identity (``"version_devuelta:812"``): a user is told once per key.
        destinatarios: the accounts told (inactive or unknown accounts are skipped).
        asunto: a one-line subject in Spanish.
        texto: the body in Spanish (plain text; paragraphs separated by blank lines).
        enlace: the app path of what it is about (``/reportes?...``).
    """

    tipo: str
    clave: str
    destinatarios: frozenset[str]
    asunto: str
    texto: str
    enlace: str

    def __post_init__(self) -> None:
        if self.tipo not in TIPOS:
            raise ValueError(f"Tipo de aviso desconocido: {self.tipo}")
        if not self.enlace.startswith("/"):
            raise ValueError("El enlace de un aviso es una ruta de la aplicación.")


def destinatarios(*grupos: Iterable[str | None]) -> frozenset[str]:
    """The accounts of ``grupos`` together, without blanks."""
    return frozenset(u for g in grupos for u in g if u)


def notificar(session: Session, evento: Evento) -> int:
    """Record ``evento`` for each of its recipients, in the caller's transaction.

    A recipient already told of this ``clave`` is not told again (the unique key decides, also
    between two concurrent runs). Returns how many new notices were written.
    """
    if not evento.destinatarios:
        return 0
    ids = list(
        session.scalars(
            select(Usuario.id)
            .where(Usuario.usuario.in_(sorted(evento.destinatarios)), Usuario.activo.is_(True))
            .order_by(Usuario.id)
        )
    )
    if not ids:
        return 0
    filas = [
        {
            "usuario_id": i,
            "tipo": evento.tipo,
            "clave": evento.clave[:200],
            "asunto": evento.asunto[:300],
            "texto": evento.texto,
            "enlace": evento.enlace[:500],
        }
        for i in ids
    ]
    dialecto = session.get_bind().dialect.name
    insertar = postgresql.insert if dialecto == "postgresql" else sqlite.insert
    consulta = (
        insertar(Aviso)
        .values(filas)
        .on_conflict_do_nothing(index_elements=["usuario_id", "clave"])
        .returning(Aviso.id)
    )
    nuevos = len(list(session.scalars(consulta)))
    _encolar_correos(session, evento)
    return nuevos


def _categoria(tipo: str) -> str:
    """Which e-mail preference a kind of notice falls under: the weekly digest, or reminders."""
    from data_layer import permisos

    return permisos.CORREO_RESUMEN if tipo == "resumen_alertas" else permisos.CORREO_RECORDATORIOS


def _quiere(usuario: Usuario, categoria: str) -> bool:
    """Whether ``usuario`` gets e-mails of ``categoria``: their choice, or their role's duty."""
    from data_layer import permisos

    if categoria in permisos.correos_obligatorios(usuario.rol):
        return True
    if categoria == permisos.CORREO_RESUMEN:
        return bool(usuario.recibe_resumen)
    return bool(usuario.recibe_recordatorios)


def _html(evento: Evento, enlace: str) -> str:
    parrafos = "".join(f"<p>{html.escape(p)}</p>" for p in evento.texto.split("\n\n") if p)
    return (
        f'<html><body style="font-family: Arial, sans-serif">{parrafos}'
        f'<p><a href="{html.escape(enlace, quote=True)}">Abrir en SIGPRET</a></p>'
        '<p style="color:#666">Mensaje automático de SIGPRET; no responda a este correo. Puede '
        "elegir qué correos recibe en «Mi cuenta».</p></body></html>"
    )


def _encolar_correos(session: Session, evento: Evento) -> None:
    """One e-mail per recipient who has an address and gets this kind of e-mail; the outbox's
    key (event and account) never enqueues the same message twice."""
    # Imported here: data_layer.models imports this package's models (and permisos, auth).
    from data_layer.config import Settings
    from data_layer.correo import encolar

    categoria = _categoria(evento.tipo)
    usuarios = session.scalars(
        select(Usuario)
        .where(
            Usuario.usuario.in_(sorted(evento.destinatarios)),
            Usuario.activo.is_(True),
            Usuario.correo.is_not(None),
        )
        .order_by(Usuario.id)
    )
    elegidos = [u for u in usuarios if u.correo and _quiere(u, categoria)]
    if not elegidos:
        return
    enlace = Settings.from_env().url_base + evento.enlace
    for u in elegidos:
        encolar(
            session,
            clave=f"aviso:{evento.clave}:{u.usuario}",
            para=[str(u.correo)],
            asunto=evento.asunto,
            texto=f"{evento.texto}\n\nAbrir en SIGPRET: {enlace}\n",
            html=_html(evento, enlace),
            evento=evento.tipo,
        )
