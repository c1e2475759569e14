"""Purge what the front door no longer needs: ended sessions, old login attempts, forgotten
failure counters (issue #9). The audit log is never purged (the database refuses it anyway).

Two callers: ``sigpret db purgar`` purges everything at once (in batches), and every successful
login purges one bounded batch (:data:`LOTE_PURGA` rows of each kind, oldest first), so the
tables stay small without a scheduled job and no login pays for a large purge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Engine, delete, or_, select, tuple_
from sqlalchemy.orm import Session

from data_layer.auth import DURACION_MAXIMA, INACTIVIDAD_MAXIMA
from data_layer.db import session_scope
from data_layer.freno import OLVIDO_FALLOS
from data_layer.models import FrenoLogin, IntentoLogin, Sesion

#: Login attempts are kept this long (the audit log keeps every login for good).
RETENCION_INTENTOS = dt.timedelta(days=30)
#: Rows of each kind a login purges on its way.
LOTE_PURGA = 200


@dataclass(frozen=True)
class Purga:
    """How many rows a purge deleted, per kind."""

    sesiones: int = 0
    intentos: int = 0
    frenos: int = 0

    def __add__(self, otra: Purga) -> Purga:
        """The sum of two purges."""
        return Purga(
            self.sesiones + otra.sesiones,
            self.intentos + otra.intentos,
            self.frenos + otra.frenos,
        )

    @property
    def total(self) -> int:
        """Rows deleted in all."""
        return self.sesiones + self.intentos + self.frenos


def _sesiones_terminadas(momento: dt.datetime) -> ColumnElement[bool]:
    """Closed sessions, and those :func:`data_layer.auth.validar_sesion` would refuse."""
    return or_(
        Sesion.cerrada_en.is_not(None),
        Sesion.creada_en < momento - DURACION_MAXIMA,
        Sesion.ultima_actividad < momento - INACTIVIDAD_MAXIMA,
    )


def purgar(session: Session, momento: dt.datetime, limite: int | None = LOTE_PURGA) -> Purga:
    """Delete ended sessions, attempts older than :data:`RETENCION_INTENTOS` and failure
    counters idle for :data:`OLVIDO_FALLOS`; at most ``limite`` rows of each kind (None: all).

    Args:
        session: the caller's session (the caller commits).
        momento: now (aware UTC).
        limite: most rows of each kind, oldest first; None for no bound.

    Returns:
        How many rows of each kind were deleted.
    """
    sesiones = session.scalars(
        select(Sesion.id)
        .where(_sesiones_terminadas(momento))
        .order_by(Sesion.ultima_actividad)
        .limit(limite)
    ).all()
    if sesiones:
        session.execute(delete(Sesion).where(Sesion.id.in_(sesiones)))
    intentos = session.scalars(
        select(IntentoLogin.id)
        .where(IntentoLogin.momento < momento - RETENCION_INTENTOS)
        .order_by(IntentoLogin.momento)
        .limit(limite)
    ).all()
    if intentos:
        session.execute(delete(IntentoLogin).where(IntentoLogin.id.in_(intentos)))
    frenos = session.execute(
        select(FrenoLogin.usuario, FrenoLogin.direccion)
        .where(
            or_(
                FrenoLogin.ultimo_fallo.is_(None),
                FrenoLogin.ultimo_fallo < momento - OLVIDO_FALLOS,
            )
        )
        .order_by(FrenoLogin.ultimo_fallo)
        .limit(limite)
    ).all()
    if frenos:
        pares = [tuple(f) for f in frenos]
        session.execute(
            delete(FrenoLogin).where(tuple_(FrenoLogin.usuario, FrenoLogin.direccion).in_(pares))
        )
    return Purga(len(sesiones), len(intentos), len(frenos))


def purgar_todo(engine: Engine, momento: dt.datetime, lote: int = 1000) -> Purga:
    """Purge everything pending (``sigpret db purgar``), ``lote`` rows of each kind per
    transaction so no transaction grows large."""
    total = Purga()
    while True:
        with session_scope(engine) as session:
            hecha = purgar(session, momento, limite=lote)
        total += hecha
        if not hecha.total:
            return total
