"""«Pendientes de mi decisión»: every proposal waiting for the logged-in user (issue #11, item 8).

Each source is a function ``(session, actor) -> list[Pendiente]``; :data:`FUENTES` lists them and
:func:`pendientes` puts them together, oldest first. A new kind of proposal (target revisions:
``data_layer.revisiones``) is one more line in :data:`FUENTES`. Every source decides with
:mod:`data_layer.permisos` whether a row waits for this actor (never their own proposal).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas.models import EstadoEstrategia, EstadoPlan, Estrategia, Mesa, PlanTrabajo
from data_layer.models import Sector, Usuario


@dataclass(frozen=True)
class Pendiente:
    """One proposal waiting for a decision: what, of which sector, by whom, since when, and the
    page where it is decided."""

    tipo: str
    titulo: str
    sector: str | None
    propuesto_por: str
    desde: datetime.date
    href: str


def _mesas_que_coordina(session: Session, actor: Alcance) -> list[Mesa]:
    """The mesas whose designated political coordinator is ``actor`` (and who may decide)."""
    if not permisos.espera_decision_de(actor):
        return []
    mesas = session.scalars(
        select(Mesa)
        .join(Usuario, Usuario.id == Mesa.coordinador_politico_usuario_id)
        .join(Sector, Sector.id == Mesa.sector_id)
        .where(Usuario.usuario == actor.usuario)
        .order_by(Sector.codigo)
    )
    return [m for m in mesas if permisos.puede_aprobar_en_mesa(actor, actor.usuario)]


def planes_pendientes(session: Session, actor: Alcance) -> list[Pendiente]:
    """Plans de trabajo sent to ``actor`` as their mesa's political coordinator."""
    mesas = {m.id: m for m in _mesas_que_coordina(session, actor)}
    if not mesas:
        return []
    planes = session.scalars(
        select(PlanTrabajo).where(
            PlanTrabajo.mesa_id.in_(mesas), PlanTrabajo.estado == EstadoPlan.enviado
        )
    )
    return [
        Pendiente(
            tipo="Plan de trabajo",
            titulo=f"Plan de trabajo {p.anio} de la mesa de {mesas[p.mesa_id].sector.nombre}",
            sector=mesas[p.mesa_id].sector.nombre,
            propuesto_por=p.enviado_por or "",
            desde=p.enviado_en or datetime.date.min,
            href=f"/mesas/{mesas[p.mesa_id].sector.codigo}/plan?anio={p.anio}",
        )
        for p in planes
        if permisos.puede_decidir_propuesta(actor, actor.usuario, p.enviado_por)
    ]


def estrategias_pendientes(session: Session, actor: Alcance) -> list[Pendiente]:
    """Strategies proposed in ``actor``'s mesas and not returned: waiting for their approval."""
    mesas = {m.id: m for m in _mesas_que_coordina(session, actor)}
    if not mesas:
        return []
    estrategias = session.scalars(
        select(Estrategia).where(
            Estrategia.mesa_id.in_(mesas),
            Estrategia.estado == EstadoEstrategia.propuesta,
            Estrategia.devuelta_en.is_(None),
        )
    )
    return [
        Pendiente(
            tipo="Estrategia",
            titulo=f"{e.descripcion} (mesa de {mesas[e.mesa_id].sector.nombre})",
            sector=mesas[e.mesa_id].sector.nombre,
            propuesto_por=e.propuesta_por or "",
            desde=e.propuesta_en or datetime.date.min,
            href=f"/mesas/{mesas[e.mesa_id].sector.codigo}/acciones?estrategia={e.id}",
        )
        for e in estrategias
        if permisos.puede_decidir_propuesta(actor, actor.usuario, e.propuesta_por)
    ]


def revisiones_pendientes(session: Session, actor: Alcance) -> list[Pendiente]:
    """Target revisions waiting for ``actor``'s decision
    (:func:`data_layer.revisiones.consultas.pendientes`, which imports this module)."""
    from data_layer.revisiones.consultas import pendientes as de_revisiones

    return de_revisiones(session, actor)


#: Every source of proposals waiting for a decision (one line each).
FUENTES: list[Callable[[Session, Alcance], list[Pendiente]]] = [
    planes_pendientes,
    estrategias_pendientes,
    revisiones_pendientes,
]


def pendientes(session: Session, actor: Alcance | None) -> list[Pendiente]:
    """Every proposal waiting for ``actor``'s decision, oldest first (then by title)."""
    if actor is None or not permisos.espera_decision_de(actor):
        return []
    todos = [p for fuente in FUENTES for p in fuente(session, actor)]
    # A person is shown by name, not by account, whatever the source recorded.
    cuentas = {p.propuesto_por for p in todos}
    nombres = {
        cuenta: nombre
        for cuenta, nombre in session.execute(
            select(Usuario.usuario, Usuario.nombre).where(Usuario.usuario.in_(cuentas))
        )
    }
    todos = [
        replace(p, propuesto_por=nombres.get(p.propuesto_por) or p.propuesto_por) for p in todos
    ]
    return sorted(todos, key=lambda p: (p.desde, p.tipo, p.titulo))
