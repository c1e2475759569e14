"""Data versions that move with every committed change, for the caches that key on them.

The mesa pages and alerts cache what they read from the mesa tables under a version number. Every
flush that inserts, changes or deletes a row of a mesa table moves the ``mesas`` counter in the same
transaction (a session-wide hook: no service can forget it), so the number a reader sees changes
exactly when a change commits, whatever the order in which transactions took their ids.

``escrituras`` moves with every flush that writes anything a page can show (every table but the
bookkeeping of sessions, logins, form tokens, mail and notices): the web's shared callback answers
(:mod:`dashboard.respuestas`) key on it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from data_layer.models import (
    Avance,
    EstadoVersion,
    Importacion,
    Programacion,
    Reapertura,
    VersionDatos,
)

MESAS = "mesas"
#: Moved by every flush that writes a version of a value other than a draft (sent, returned,
#: validated, replaced), a reapertura, or a current target (an approved target revision): the
#: MCR figures and the reporting pages key on it.
VALORES = "valores"
#: Moved by every flush that writes a table a page shows (all but :data:`_SIN_CONTENIDO`).
ESCRITURAS = "escrituras"
_MODULO_MESAS = "data_layer.mesas.models"
#: Tables written while people only read or log in (session touch, login attempts and throttle,
#: audit rows of logins, form tokens, the mail queue, notices read), the import task's progress
#: (the import's own data version moves when it applies) and the counters themselves: they
#: never move ``escrituras``, so reading does not empty the shared answers.
_SIN_CONTENIDO = frozenset(
    {
        "Sesion",
        "IntentoLogin",
        "FrenoLogin",
        "Auditoria",
        "EnvioFormulario",
        "MensajeCorreo",
        "AdjuntoCorreo",
        "Aviso",
        "TareaImportacion",
        "VersionDatos",
        "Usuario",
    }
)


def leer(session: Session, clave: str = MESAS) -> int:
    """The current value of the counter ``clave`` (0 when it does not exist)."""
    return int(session.scalar(select(VersionDatos.valor).where(VersionDatos.clave == clave)) or 0)


def contador(clave: str) -> ColumnElement[int]:
    """The counter ``clave`` as a column expression (0 when it does not exist), for a statement
    that reads several things at once (the per-request session check)."""
    valor = select(VersionDatos.valor).where(VersionDatos.clave == clave).scalar_subquery()
    return func.coalesce(valor, 0)


def version_datos() -> ColumnElement[int]:
    """The MCR data version as a column expression: the id of the latest import that changed
    data plus the ``valores`` counter (see :func:`data_layer.queries.data_version`)."""
    importacion = select(func.max(Importacion.id)).scalar_subquery()
    return func.coalesce(importacion, 0) + contador(VALORES)


def _toca_mesas(session: Session) -> bool:
    objetos = (*session.new, *session.dirty, *session.deleted)
    return any(type(o).__module__ == _MODULO_MESAS for o in objetos)


def _toca_valores(session: Session) -> bool:
    objetos = (*session.new, *session.dirty, *session.deleted)
    return any(
        (isinstance(o, Avance) and o.estado is not EstadoVersion.borrador)
        or isinstance(o, Reapertura | Programacion)
        for o in objetos
    )


def _toca_contenido(session: Session) -> bool:
    objetos = (*session.new, *session.dirty, *session.deleted)
    return any(type(o).__name__ not in _SIN_CONTENIDO for o in objetos)


_ESCRIBIO = "sigpret_escribio_contenido"


@event.listens_for(Session, "before_flush")
def _mover_version(session: Session, _contexto: Any, _instancias: Any) -> None:
    """Move the ``mesas`` / ``valores`` counters when this flush writes their tables (same
    transaction); note a write of shown data for ``escrituras`` (moved at the commit)."""
    if _toca_mesas(session):
        mover(session, MESAS)
    if _toca_valores(session):
        mover(session, VALORES)
    if _toca_contenido(session):
        session.info[_ESCRIBIO] = True


@event.listens_for(Session, "before_commit")
def _mover_escrituras(session: Session) -> None:
    """Move ``escrituras`` in the committing transaction when it wrote shown data (flushed, or
    about to be by the commit's own flush). At the commit, not at the first flush: its row lock
    is then held for the commit only, so writers do not queue behind a long transaction (an
    import) for it, and it is always taken after ``mesas`` and ``valores`` (one order)."""
    if session.new or session.dirty or session.deleted:
        # The commit's own flush, now: it moves ``mesas`` / ``valores`` first (before_flush), so
        # that every transaction takes the counters in the same order (the other order
        # deadlocked two mesa writers on PostgreSQL).
        session.flush()
    if session.info.pop(_ESCRIBIO, False):
        mover(session, ESCRITURAS)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _olvidar_escritura(session: Session) -> None:
    """The note ends with its transaction (the commit's own flush may have set it again)."""
    session.info.pop(_ESCRIBIO, None)


def mover(session: Session, clave: str) -> None:
    """Add one to the counter ``clave`` in the session's transaction (creating it if missing)."""
    conexion = session.connection()  # Core statement: no autoflush, no ORM state to merge
    dialecto = postgresql if conexion.dialect.name == "postgresql" else sqlite
    alta = dialecto.insert(VersionDatos).values(clave=clave, valor=1)
    conexion.execute(
        alta.on_conflict_do_update(
            index_elements=[VersionDatos.clave], set_={"valor": VersionDatos.valor + 1}
        )
    )
