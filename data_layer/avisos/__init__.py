"""Notices (DOMAIN.md §10, issue #13): every event that tells somebody something passes here.

An :class:`Evento` says who is told (user accounts), the subject and body in Spanish (ready for
an e-mail as they are for the app), the app path it is about and its idempotency key. The one
way out is :func:`notificar`, called in the same transaction as the change that causes the event
(so a rolled-back change notices nobody). Today it writes the in-app notices (``aviso``); the
e-mail outbox will hang from the same call.

- the events, built from the objects they are about ........ :mod:`data_layer.avisos.eventos`
- who receives them (UPGRET of an institution, approvers) .. :mod:`data_layer.avisos.quienes`
- the scheduled checks (reminders, due acuerdos, digest) ... :mod:`data_layer.avisos.programados`
- reading and marking one's own notices .................... :mod:`data_layer.avisos.servicio`
"""

from __future__ import annotations

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
    return len(list(session.scalars(consulta)))
