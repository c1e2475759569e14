"""The plan de trabajo of a mesa: a yearly draft, its activities, approval and progress."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer.auth import Alcance, registrar
from data_layer.mesas.models import ActividadPlan, EstadoActividad, EstadoPlan, PlanTrabajo
from data_layer.mesas.servicio.comun import (
    ErrorMesa,
    _alta,
    _autorizar_mesa,
    _cambiar_estado,
    _entidad,
    _enum,
    _fecha,
    _mesa,
    _obtener,
    _requerido,
)


def crear_plan(session: Session, sector: str, anio: int, *, actor: Alcance) -> PlanTrabajo:
    """Start the plan de trabajo of a mesa for ``anio`` (a draft)."""
    mesa = _mesa(session, sector, actor=actor)
    if session.scalars(
        select(PlanTrabajo).where(PlanTrabajo.mesa_id == mesa.id, PlanTrabajo.anio == anio)
    ).first():
        raise ErrorMesa(f"La mesa de {mesa.sector.nombre} ya tiene plan de trabajo {anio}.")
    plan = PlanTrabajo(mesa_id=mesa.id, anio=anio, estado=EstadoPlan.borrador)
    _alta(
        session,
        plan,
        "plan_creado",
        mesa=mesa,
        tipo="plan",
        nuevo={"anio": anio, "estado": "borrador"},
        actor=actor,
    )
    return plan


def agregar_actividad(
    session: Session,
    plan_id: int,
    *,
    actividad: str,
    resultado_esperado: str,
    responsable: str,
    fecha_inicio: dt.date,
    fecha_fin: dt.date,
    actor: Alcance,
) -> ActividadPlan:
    """Add an activity to a draft plan (an approved plan changes only through a new approval)."""
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo")
    mesa = _autorizar_mesa(session, actor, plan.mesa_id)
    if plan.estado == EstadoPlan.aprobado:
        raise ErrorMesa(
            f"El plan de trabajo {plan.anio} ya fue aprobado el {_fecha(plan.aprobado_en)}: no se "
            "le agregan actividades sin una nueva aprobación de las máximas autoridades."
        )
    if fecha_fin < fecha_inicio:
        raise ErrorMesa("La fecha de fin de la actividad no puede ser anterior a la de inicio.")
    orden = (
        session.scalar(
            select(func.max(ActividadPlan.orden)).where(ActividadPlan.plan_id == plan.id)
        )
        or 0
    ) + 1
    nueva = ActividadPlan(
        plan_id=plan.id,
        orden=orden,
        actividad=_requerido(actividad, "actividad"),
        resultado_esperado=_requerido(resultado_esperado, "resultado esperado"),
        responsable=_requerido(responsable, "responsable"),
        fecha_inicio=fecha_inicio,
        fecha_fin=fecha_fin,
        estado=EstadoActividad.pendiente,
    )
    _alta(
        session,
        nueva,
        "actividad_agregada",
        mesa=mesa,
        tipo="actividad",
        nuevo={
            "plan": plan.anio,
            "actividad": nueva.actividad,
            "resultado_esperado": nueva.resultado_esperado,
            "responsable": nueva.responsable,
            "fechas": [fecha_inicio, fecha_fin],
        },
        actor=actor,
    )
    return nueva


def aprobar_plan(
    session: Session,
    plan_id: int,
    *,
    aprobado_en: dt.date,
    aprobado_por: str,
    actor: Alcance,
) -> PlanTrabajo:
    """Record the approval of a plan by the mesa's top authorities (who, when)."""
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo")
    mesa = _autorizar_mesa(session, actor, plan.mesa_id)
    aprobado_por = _requerido(aprobado_por, "aprobado por")
    if plan.estado == EstadoPlan.aprobado:
        raise ErrorMesa(f"El plan de trabajo {plan.anio} ya fue aprobado.")
    cuantas = session.scalar(
        select(func.count()).select_from(ActividadPlan).where(ActividadPlan.plan_id == plan.id)
    )
    if not cuantas:
        raise ErrorMesa("Un plan de trabajo sin actividades no se puede aprobar.")
    plan.estado, plan.aprobado_en, plan.aprobado_por = (
        EstadoPlan.aprobado,
        aprobado_en,
        aprobado_por,
    )
    registrar(
        session,
        "plan_aprobado",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "plan", plan.id),
        detalle={
            "estado": ["borrador", "aprobado"],
            "aprobado_en": [None, aprobado_en],
            "aprobado_por": [None, aprobado_por],
        },
    )
    return plan


def cambiar_estado_actividad(
    session: Session, actividad_id: int, estado: EstadoActividad | str, *, actor: Alcance
) -> ActividadPlan:
    """Record the progress of an activity of the plan."""
    act: ActividadPlan = _obtener(session, ActividadPlan, actividad_id, "la actividad")
    _autorizar_mesa(session, actor, act.plan.mesa_id)
    nuevo = _enum(EstadoActividad, estado, "estado de la actividad")
    _cambiar_estado(
        session,
        act,
        nuevo,
        accion="actividad_estado",
        mesa_id=act.plan.mesa_id,
        tipo="actividad",
        actor=actor,
    )
    return act
