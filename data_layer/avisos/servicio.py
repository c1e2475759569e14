"""Reading and marking one's own notices (``/avisos``, the navbar's bell).

Every function takes the actor's :class:`~data_layer.auth.Alcance` and touches only the notices
addressed to that account (:func:`data_layer.permisos.puede_ver_aviso`): a forged id of somebody
else's notice is refused, never read or changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.avisos import TIPOS
from data_layer.avisos.models import Aviso
from data_layer.errores import ErrorDeDatos
from data_layer.models import Usuario
from data_layer.periods import como_utc

#: How many notices the page lists (newest first).
LIMITE = 200
#: The refusal of somebody else's notice.
AJENO = "Ese aviso no existe o no es suyo."


class ErrorAviso(ErrorDeDatos):
    """A refused read or mark (message in Spanish, for the user)."""


@dataclass(frozen=True)
class AvisoLeido:
    """One notice as the page shows it."""

    id: int
    tipo: str
    tipo_texto: str
    asunto: str
    texto: str
    enlace: str
    creado_en: dt.datetime
    leido: bool


def _ahora(ahora: dt.datetime | None) -> dt.datetime:
    return ahora if ahora is not None else dt.datetime.now(dt.UTC)


def _de(actor: Alcance | None):  # type: ignore[no-untyped-def]
    """The ``usuario.id`` subquery of the actor's account."""
    return select(Usuario.id).where(Usuario.usuario == (actor.usuario if actor else None))


def no_leidos(session: Session, actor: Alcance | None) -> int:
    """How many of the actor's notices are unread (the bell's number)."""
    if actor is None:
        return 0
    return int(
        session.scalar(
            select(func.count())
            .select_from(Aviso)
            .where(Aviso.usuario_id.in_(_de(actor).scalar_subquery()), Aviso.leido_en.is_(None))
        )
        or 0
    )


def listar(
    session: Session, actor: Alcance | None, *, solo_no_leidos: bool = False
) -> list[AvisoLeido]:
    """The actor's notices, newest first (at most :data:`LIMITE`)."""
    if actor is None:
        return []
    consulta = (
        select(Aviso)
        .where(Aviso.usuario_id.in_(_de(actor).scalar_subquery()))
        .order_by(Aviso.creado_en.desc(), Aviso.id.desc())
        .limit(LIMITE)
    )
    if solo_no_leidos:
        consulta = consulta.where(Aviso.leido_en.is_(None))
    return [
        AvisoLeido(
            id=a.id,
            tipo=a.tipo,
            tipo_texto=TIPOS.get(a.tipo, a.tipo),
            asunto=a.asunto,
            texto=a.texto,
            enlace=a.enlace,
            creado_en=como_utc(a.creado_en),
            leido=a.leido_en is not None,
        )
        for a in session.scalars(consulta)
    ]


def marcar(
    session: Session,
    actor: Alcance | None,
    aviso_id: object,
    *,
    leido: bool,
    ahora: dt.datetime | None = None,
) -> None:
    """Mark one of the actor's notices read (or unread again).

    Raises:
        ErrorAviso: no such notice, or it is somebody else's (the same message: an id says
            nothing about other people's notices).
    """
    try:
        ident = int(aviso_id)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ErrorAviso(AJENO) from None
    fila = session.execute(
        select(Aviso, Usuario.usuario)
        .join(Usuario, Usuario.id == Aviso.usuario_id)
        .where(Aviso.id == ident)
    ).first()
    if fila is None or not permisos.puede_ver_aviso(actor, fila[1]):
        raise ErrorAviso(AJENO)
    aviso: Aviso = fila[0]
    if leido and aviso.leido_en is None:
        aviso.leido_en = _ahora(ahora)
    elif not leido:
        aviso.leido_en = None
    session.flush()


def marcar_todos(
    session: Session, actor: Alcance | None, *, ahora: dt.datetime | None = None
) -> int:
    """Mark every unread notice of the actor read; returns how many changed."""
    if actor is None:
        return 0
    resultado = session.execute(
        update(Aviso)
        .where(Aviso.usuario_id.in_(_de(actor).scalar_subquery()), Aviso.leido_en.is_(None))
        .values(leido_en=_ahora(ahora))
        .execution_options(synchronize_session=False)
    )
    return int(resultado.rowcount or 0)  # type: ignore[attr-defined]
