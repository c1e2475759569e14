"""Writing to the outbox, and the hook that wakes the delivery once the event has committed.

:func:`encolar` adds a message to the caller's session, so it commits (or rolls back) with the
event that causes it. When that session commits, the process's *despachador* (set by the web
server or the worker: :func:`configurar_despacho`) is called to deliver soon; without one (the
CLI, tests) the message waits for ``sigpret correo enviar-pendientes`` or the worker.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from data_layer.correo.modelos import AdjuntoCorreo, EstadoCorreo, MensajeCorreo

_log = logging.getLogger(__name__)

#: Key of ``Session.info`` set when the session enqueued a message.
_ENCOLADO = "sigpret_correo_encolado"

#: Key of ``Session.info`` set while a session writes history that is not mailed (the demo).
_SIN_CORREO = "sigpret_correo_silencio"

#: The process's despachador: the database URL it delivers for, and the function to call.
_despacho: tuple[str, Callable[[], None]] | None = None


@dataclass(frozen=True)
class Adjunto:
    """A file to attach: its name, MIME type and bytes."""

    nombre: str
    tipo: str
    contenido: bytes


def ahora() -> dt.datetime:
    """The current time, aware UTC (every time of the outbox is stored in UTC)."""
    return dt.datetime.now(dt.UTC)


def encolar(
    session: Session,
    *,
    clave: str,
    para: Sequence[str],
    asunto: str,
    texto: str,
    html: str,
    evento: str,
    adjuntos: Sequence[Adjunto] = (),
) -> MensajeCorreo | None:
    """Add one message to the outbox in the caller's transaction.

    Args:
        session: the session of the event that causes the message (it commits).
        clave: names the event and recipient; a message with the same ``clave`` is never
            enqueued twice (the second call writes nothing and returns None).
        para: the recipients' addresses.
        asunto: subject (Spanish).
        texto: plain-text part.
        html: HTML part (the caller escapes what it interpolates).
        evento: what caused it (an audit action name), shown on /correo.
        adjuntos: files to attach.

    Returns:
        The new message, or None when ``clave`` was already enqueued.
    """
    direcciones = [d.strip() for d in para if d and d.strip()]
    if not direcciones or session.info.get(_SIN_CORREO):
        return None
    ya = session.scalar(select(MensajeCorreo.id).where(MensajeCorreo.clave == clave))
    if ya is not None:
        return None
    momento = ahora()
    mensaje = MensajeCorreo(
        clave=clave[:200],
        para=", ".join(direcciones),
        asunto=asunto[:300],
        texto=texto,
        html=html,
        estado=EstadoCorreo.en_cola,
        intentos=0,
        creado_en=momento,
        proximo_intento=momento,
        evento=evento[:60],
        adjuntos=[
            AdjuntoCorreo(nombre=a.nombre, tipo=a.tipo, contenido=a.contenido) for a in adjuntos
        ],
    )
    session.add(mensaje)
    session.info[_ENCOLADO] = True
    return mensaje


@contextmanager
def sin_correo(session: Session) -> Iterator[None]:
    """Within the block, ``session``'s events enqueue no mail: for the demo loader, whose
    years of convocatorias and minutes are history, not news (thousands of messages)."""
    session.info[_SIN_CORREO] = True
    try:
        yield
    finally:
        session.info.pop(_SIN_CORREO, None)


def avisar_al_confirmar(session: Session) -> None:
    """Wake the delivery once ``session`` commits (a message it changed is due again)."""
    session.info[_ENCOLADO] = True


def configurar_despacho(url: str | None, funcion: Callable[[], None] | None) -> None:
    """Set what runs after a session that enqueued mail commits (None, None: nothing).

    Args:
        url: the database the despachador delivers for; commits on other databases are ignored.
        funcion: called with no arguments, must return at once (start a thread, enqueue a job).
    """
    global _despacho
    _despacho = None if url is None or funcion is None else (url, funcion)


def _url(session: Session) -> str | None:
    try:
        return session.get_bind().engine.url.render_as_string(hide_password=False)
    except Exception:  # an unbound session has no database to deliver for
        return None


@event.listens_for(Session, "after_commit")
def _despachar(session: Session) -> None:
    if not session.info.pop(_ENCOLADO, False) or _despacho is None:
        return
    url, funcion = _despacho
    if _url(session) != url:
        return
    try:
        funcion()
    except Exception:  # the message is safe in the outbox; the worker's next pass sends it
        _log.exception("No se pudo avisar al trabajador de correo; el mensaje queda en cola.")


@event.listens_for(Session, "after_rollback")
def _olvidar(session: Session) -> None:
    session.info.pop(_ENCOLADO, None)
