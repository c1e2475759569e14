"""Reads of a mesa's proposals (plans de trabajo, strategies, bottlenecks) as ORM records, for the
form pages ``/mesas/<sector>/plan`` and ``/mesas/<sector>/acciones`` (caller's ``Session``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer.mesas.models import CuelloBotella, Estrategia, Mesa, PlanTrabajo


def anios_de_planes(s: Session, mesa: Mesa) -> list[int]:
    """The years the mesa has a plan for, latest first."""
    return list(
        s.scalars(
            select(PlanTrabajo.anio)
            .where(PlanTrabajo.mesa_id == mesa.id)
            .order_by(PlanTrabajo.anio.desc())
        )
    )


def plan_de_anio(s: Session, mesa: Mesa, anio: int) -> PlanTrabajo | None:
    """The mesa's plan de trabajo of ``anio`` (activities, notes, decisions load on access)."""
    return s.scalars(
        select(PlanTrabajo).where(PlanTrabajo.mesa_id == mesa.id, PlanTrabajo.anio == anio)
    ).first()


def estrategias_de_mesa(s: Session, mesa: Mesa) -> list[Estrategia]:
    """The mesa's strategies, newest first."""
    return list(
        s.scalars(
            select(Estrategia).where(Estrategia.mesa_id == mesa.id).order_by(Estrategia.id.desc())
        )
    )


def cuellos_de_mesa(s: Session, mesa: Mesa) -> list[CuelloBotella]:
    """The mesa's bottlenecks, newest first (goals, indicators, institution load on access)."""
    return list(
        s.scalars(
            select(CuelloBotella)
            .where(CuelloBotella.mesa_id == mesa.id)
            .order_by(CuelloBotella.id.desc())
        )
    )
