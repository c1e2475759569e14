"""Login throttle without lockout: progressive delays per user name *and* address (issue #9).

A wrong password slows down only the pair that failed: the same person from another address, or
another person from the same address, is not affected, so nobody can lock someone else's account.

- The first :data:`MAX_FALLOS` consecutive failures of a pair cost nothing.
- From then on each attempt must wait: 2 s after the 5th failure, 4 s after the 6th, 8 s after
  the 7th… never more than :data:`ESPERA_MAXIMA` (:func:`espera_tras`). An attempt made too
  early is answered at once with how long to wait (:func:`mensaje_espera`), without checking
  the password and without making the wait longer.
- A right password clears the pair (:func:`liberar`); so does :data:`OLVIDO_FALLOS` without a
  failure.

**Atomic**: an attempt claims its turn (:func:`reservar`) with one conditional ``UPDATE`` of the
pair's row *before* the slow password check, counting itself as a failure until proven right.
The row lock (PostgreSQL) or the write lock (SQLite) orders parallel attempts, so N requests
posted at once get at most :data:`MAX_FALLOS` password checks. The caller commits the claim
before checking the password, so no lock is held during the check.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import cast

from sqlalchemy import ColumnElement, Table, case, delete, or_, select, update
from sqlalchemy.orm import Session

from data_layer.models import FrenoLogin
from data_layer.periods import como_utc

MAX_FALLOS = 5
ESPERA_MAXIMA = dt.timedelta(minutes=15)
OLVIDO_FALLOS = dt.timedelta(hours=1)

_TABLA = cast(Table, FrenoLogin.__table__)


@dataclass(frozen=True)
class Turno:
    """Whether an attempt may check its password now.

    Attributes:
        permitido: True when the password may be checked.
        espera_s: when refused, whole seconds until the next attempt is allowed (else 0).
    """

    permitido: bool
    espera_s: int = 0


def espera_tras(fallos: int) -> dt.timedelta:
    """How long the pair must wait after its ``fallos``-th consecutive failure."""
    if fallos < MAX_FALLOS:
        return dt.timedelta(0)
    exponente = min(fallos - MAX_FALLOS + 1, 20)  # 2**20 s is far past the cap already
    return min(dt.timedelta(seconds=2**exponente), ESPERA_MAXIMA)


def _duracion(segundos: int) -> str:
    minutos, resto = divmod(segundos, 60)
    partes = []
    if minutos:
        partes.append(f"{minutos} minuto" + ("s" if minutos != 1 else ""))
    if resto or not minutos:
        partes.append(f"{resto} segundo" + ("s" if resto != 1 else ""))
    return " y ".join(partes)


def mensaje_espera(segundos: int) -> str:
    """The Spanish answer to an attempt made before its turn."""
    return (
        "Demasiados intentos fallidos para este usuario desde esta dirección. "
        f"Espere {_duracion(segundos)} antes de volver a intentarlo."
    )


def _del_par(usuario: str, direccion: str) -> ColumnElement[bool]:
    return (_TABLA.c.usuario == usuario) & (_TABLA.c.direccion == direccion)


def _crear_si_falta(session: Session, usuario: str, direccion: str) -> None:
    """Insert the pair's row unless it exists (a write: it takes the lock that orders attempts)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialecto = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(
        dialecto.insert(_TABLA)
        .values(usuario=usuario, direccion=direccion, fallos=0)
        .on_conflict_do_nothing(index_elements=["usuario", "direccion"])
    )


def reservar(session: Session, usuario: str, direccion: str, momento: dt.datetime) -> Turno:
    """Claim an attempt of ``usuario`` from ``direccion`` at ``momento``, counted as a failure.

    Call it first in its transaction and commit before checking the password; on a right
    password call :func:`liberar`.

    Returns:
        A :class:`Turno`: allowed, or refused with the seconds still to wait.
    """
    _crear_si_falta(session, usuario, direccion)
    olvidado = or_(_TABLA.c.ultimo_fallo.is_(None), _TABLA.c.ultimo_fallo < momento - OLVIDO_FALLOS)
    fallos = session.execute(
        update(_TABLA)
        .where(
            _del_par(usuario, direccion),
            or_(_TABLA.c.espera_hasta.is_(None), _TABLA.c.espera_hasta <= momento, olvidado),
        )
        .values(fallos=case((olvidado, 1), else_=_TABLA.c.fallos + 1), ultimo_fallo=momento)
        .returning(_TABLA.c.fallos)
    ).scalar_one_or_none()
    if fallos is None:
        hasta = session.scalar(select(_TABLA.c.espera_hasta).where(_del_par(usuario, direccion)))
        restante = (como_utc(hasta) - momento).total_seconds() if hasta is not None else 1
        return Turno(permitido=False, espera_s=max(1, math.ceil(restante)))
    session.execute(
        update(_TABLA)
        .where(_del_par(usuario, direccion))
        .values(espera_hasta=momento + espera_tras(fallos))
    )
    return Turno(permitido=True)


def liberar(session: Session, usuario: str, direccion: str) -> None:
    """Forget the failures of the pair (its password was right)."""
    session.execute(delete(_TABLA).where(_del_par(usuario, direccion)))
