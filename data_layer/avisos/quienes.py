"""Who is told of each event (DOMAIN.md §10): account names read from the database.

Each rule of the table lives here once; permissions to decide are asked to
:mod:`data_layer.permisos` with each candidate's own scope, so "who approves" never drifts from
who the services let approve.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import alcance_de
from data_layer.models import Institucion, Rol, Usuario, usuario_institucion


def upgret_de(session: Session, institucion_id: int) -> frozenset[str]:
    """The active UPGRET accounts of an institution (its reports, its acuerdos)."""
    return frozenset(
        session.scalars(
            select(Usuario.usuario)
            .join(usuario_institucion, usuario_institucion.c.usuario_id == Usuario.id)
            .where(
                usuario_institucion.c.institucion_id == institucion_id,
                Usuario.rol == Rol.upgret,
                Usuario.activo.is_(True),
            )
        )
    )


def upgret_por_institucion(session: Session) -> dict[int, frozenset[str]]:
    """Every institution with active UPGRET accounts, and those accounts."""
    por: dict[int, set[str]] = {}
    for inst, usuario in session.execute(
        select(Institucion.id, Usuario.usuario)
        .join(usuario_institucion, usuario_institucion.c.institucion_id == Institucion.id)
        .join(Usuario, Usuario.id == usuario_institucion.c.usuario_id)
        .where(Usuario.rol == Rol.upgret, Usuario.activo.is_(True))
    ):
        por.setdefault(inst, set()).add(usuario)
    return {k: frozenset(v) for k, v in por.items()}


def cuenta(session: Session, usuario_id: int | None) -> frozenset[str]:
    """The account of ``usuario_id`` (nothing for None or an inactive user)."""
    if usuario_id is None:
        return frozenset()
    u = session.get(Usuario, usuario_id)
    return frozenset({u.usuario}) if u is not None and u.activo else frozenset()


def decisores_revision(
    session: Session, *, nivel: str | None, sector: str | None, excepto: str | None
) -> frozenset[str]:
    """The accounts that may decide a target revision of a goal of ``nivel`` and ``sector``
    (:func:`data_layer.permisos.puede_decidir_revision`), never its proposer."""
    candidatos = session.scalars(
        select(Usuario).where(
            Usuario.rol.in_([Rol.ministro, Rol.presidencia]), Usuario.activo.is_(True)
        )
    )
    return frozenset(
        u.usuario
        for u in candidatos
        if u.usuario != excepto
        and permisos.puede_decidir_revision(alcance_de(u), nivel=nivel, sector=sector)
    )


def politicos(session: Session) -> list[Usuario]:
    """The active ministers and Presidency accounts (the weekly digest's readers)."""
    return list(
        session.scalars(
            select(Usuario)
            .where(Usuario.rol.in_([Rol.ministro, Rol.presidencia]), Usuario.activo.is_(True))
            .order_by(Usuario.usuario)
        )
    )
