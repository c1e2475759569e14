"""The plan de trabajo of a mesa: a yearly draft, its activities, its approval and progress.

Life of a plan (issue #11): the technical level drafts it (``borrador``) and sends it to the
mesa's designated political coordinator (``enviado``), who approves it (``aprobado``) or returns
it with a note (``devuelto``); a returned plan is edited and sent again. Every step is a
:class:`~data_layer.mesas.models.DecisionPlan` row (never updated) and an audit record. Decisions
lock the plan and check the state (and the version the page loaded), so two decisions at once
never both pass. Only a draft or returned plan takes new or edited activities; progress
(status, notes) is recorded at any time.

A plan approved before SIGPRET (on paper, in a session) is recorded with
:func:`registrar_plan_aprobado`: only admin (the demo loader, the CLI), only in a mesa with no
designated political coordinator (:func:`data_layer.permisos.puede_registrar_historial`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer import limites, permisos
from data_layer.auth import Alcance, registrar
from data_layer.avisos import eventos, notificar
from data_layer.mesas.models import (
    AccionPlan,
    ActividadPlan,
    DecisionPlan,
    EstadoActividad,
    EstadoPlan,
    Mesa,
    NotaActividad,
    PlanTrabajo,
)
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    ErrorMesa,
    _alta,
    _autorizar_mesa,
    _cambiar_estado,
    _entidad,
    _enum,
    _fecha,
    _hoy,
    _institucion,
    _mesa,
    _obtener,
    _opcional,
    _requerido,
)

#: States in which a plan takes new or edited activities.
EDITABLES = (EstadoPlan.borrador, EstadoPlan.devuelto)

#: The refusal of sending a plan of a mesa without a designated political coordinator.
SIN_POLITICO = (
    "La mesa no tiene coordinador político designado: pida a la DIGER que lo designe (un ministro "
    "del sector con usuario en SIGPRET) antes de enviar el plan."
)


def politico_de(mesa: Mesa) -> str | None:
    """The user name of the mesa's designated political coordinator (None if none)."""
    usuario = mesa.coordinador_politico_usuario
    return usuario.usuario if usuario is not None else None


def contenido_plan(plan: PlanTrabajo) -> dict[str, Any]:
    """What a page shows of a plan when a decision collides with another one."""
    return {"anio": plan.anio, "estado": plan.estado.value, "version": plan.version}


def crear_plan(session: Session, sector: str, anio: int, *, actor: Alcance) -> PlanTrabajo:
    """Start the plan de trabajo of a mesa for ``anio`` (a draft)."""
    mesa = _mesa(session, sector, actor=actor)
    if session.scalars(
        select(PlanTrabajo).where(PlanTrabajo.mesa_id == mesa.id, PlanTrabajo.anio == anio)
    ).first():
        raise ErrorMesa(f"La mesa de {mesa.sector.nombre} ya tiene plan de trabajo {anio}.")
    plan = PlanTrabajo(mesa_id=mesa.id, anio=anio, estado=EstadoPlan.borrador, version=1)
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


def _plan_editable(session: Session, plan_id: int, actor: Alcance) -> tuple[PlanTrabajo, Mesa]:
    """The plan, locked, once ``actor`` writes in its mesa and it is a draft or returned."""
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo", bloquear=True)
    mesa = _autorizar_mesa(session, actor, plan.mesa_id)
    if plan.estado == EstadoPlan.aprobado:
        raise ErrorMesa(
            f"El plan de trabajo {plan.anio} ya fue aprobado el {_fecha(plan.aprobado_en)}: no se "
            "le agregan ni modifican actividades sin una nueva aprobación de las máximas "
            "autoridades."
        )
    if plan.estado == EstadoPlan.enviado:
        raise ErrorMesa(
            f"El plan de trabajo {plan.anio} está enviado al coordinador político: no se modifica "
            "mientras espera su decisión."
        )
    return plan, mesa


def _responsable(
    session: Session, institucion: str | None, persona: str | None, responsable: str | None
) -> tuple[Any, str | None, str]:
    """(institution, person, shown text) of an activity: an institution and a person, or (for
    history loaded before issue #11) a free text."""
    if _opcional(institucion) or _opcional(persona) or not _opcional(responsable):
        inst = _institucion(session, institucion)
        nombre = limites.revisar_texto(
            _requerido(persona, "persona responsable"), "persona responsable"
        )
        return inst, nombre, f"{nombre} ({inst.sigla})"
    return None, None, _requerido(responsable, "responsable")


def agregar_actividad(
    session: Session,
    plan_id: int,
    *,
    actividad: str,
    resultado_esperado: str,
    fecha_inicio: dt.date,
    fecha_fin: dt.date,
    institucion: str | None = None,
    persona: str | None = None,
    responsable: str | None = None,
    actor: Alcance,
) -> ActividadPlan:
    """Add an activity to a draft or returned plan, with its responsible institution (sigla) and
    person (``responsable``, a free text, only for history loaded without them)."""
    plan, mesa = _plan_editable(session, plan_id, actor)
    if fecha_fin < fecha_inicio:
        raise ErrorMesa("La fecha de fin de la actividad no puede ser anterior a la de inicio.")
    inst, nombre, texto = _responsable(session, institucion, persona, responsable)
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
        responsable=texto,
        institucion_responsable=inst,
        persona_responsable=nombre,
        fecha_inicio=fecha_inicio,
        fecha_fin=fecha_fin,
        estado=EstadoActividad.pendiente,
        version=1,
    )
    plan.version += 1
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
            "responsable": texto,
            "institucion": inst.sigla if inst else None,
            "fechas": [fecha_inicio, fecha_fin],
        },
        actor=actor,
    )
    return nueva


def editar_actividad(
    session: Session,
    actividad_id: int,
    *,
    actividad: str,
    resultado_esperado: str,
    institucion: str,
    persona: str,
    fecha_inicio: dt.date,
    fecha_fin: dt.date,
    version: int | None = None,
    actor: Alcance,
) -> ActividadPlan:
    """Edit an activity of a draft or returned plan (audited old → new); ``version`` is the one
    the form loaded: an edit of a later version is refused (:class:`ConflictoEdicion`)."""
    act: ActividadPlan = _obtener(session, ActividadPlan, actividad_id, "la actividad")
    plan, mesa = _plan_editable(session, act.plan_id, actor)
    session.refresh(act, with_for_update=True)
    if version is not None and version != act.version:
        raise ConflictoEdicion(
            f"Otra persona guardó cambios en la actividad N.º {act.orden} mientras usted la "
            "editaba: no se guardó lo suyo. Recargue la página para ver la actividad vigente.",
            {"version": act.version, "actividad": act.actividad},
        )
    if fecha_fin < fecha_inicio:
        raise ErrorMesa("La fecha de fin de la actividad no puede ser anterior a la de inicio.")
    inst, nombre, texto = _responsable(session, institucion, persona, None)
    nuevos = {
        "actividad": _requerido(actividad, "actividad"),
        "resultado_esperado": _requerido(resultado_esperado, "resultado esperado"),
        "responsable": texto,
        "persona_responsable": nombre,
        "fecha_inicio": fecha_inicio,
        "fecha_fin": fecha_fin,
    }
    cambios: dict[str, list[Any]] = {
        k: [getattr(act, k), v] for k, v in nuevos.items() if getattr(act, k) != v
    }
    if act.institucion_responsable_id != inst.id:
        anterior = act.institucion_responsable.sigla if act.institucion_responsable else None
        cambios["institucion"] = [anterior, inst.sigla]
    if not cambios:
        raise ErrorMesa("La actividad ya tiene esos datos: no hay nada que guardar.")
    for k, v in nuevos.items():
        setattr(act, k, v)
    act.institucion_responsable = inst
    act.version += 1
    plan.version += 1
    registrar(
        session,
        "actividad_editada",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "actividad", act.id),
        detalle=cambios,
    )
    return act


def cambiar_estado_actividad(
    session: Session, actividad_id: int, estado: EstadoActividad | str, *, actor: Alcance
) -> ActividadPlan:
    """Record the progress of an activity of the plan.

    Raises:
        ErrorMesa: the actor may not write in the mesa, an unknown status, or the activity
            already has that status (nothing changes).
    """
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
        que=f"La actividad N.º {act.orden}",
        actor=actor,
    )
    act.version += 1
    return act


def anotar_avance_actividad(
    session: Session,
    actividad_id: int,
    texto: str,
    *,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> NotaActividad:
    """Append a progress note to an activity (today, by ``actor``); notes are never edited."""
    act: ActividadPlan = _obtener(session, ActividadPlan, actividad_id, "la actividad")
    mesa = _autorizar_mesa(session, actor, act.plan.mesa_id)
    nota = NotaActividad(
        actividad_id=act.id,
        fecha=_hoy(hoy),
        usuario=actor.usuario,
        texto=limites.revisar_texto(_requerido(texto, "nota de avance"), "nota de avance"),
    )
    _alta(
        session,
        nota,
        "actividad_nota",
        mesa=mesa,
        tipo="actividad",
        nuevo={"actividad": act.id, "fecha": nota.fecha, "texto": nota.texto},
        actor=actor,
    )
    return nota


# --- the approval -------------------------------------------------------------------------------


def _decidir(
    session: Session,
    plan: PlanTrabajo,
    mesa: Mesa,
    accion: AccionPlan,
    nuevo: EstadoPlan,
    *,
    nota: str | None,
    fecha: dt.date,
    actor: Alcance,
) -> None:
    """Move ``plan`` to ``nuevo``, keep the step in its history and audit it with its note."""
    anterior = plan.estado
    plan.estado = nuevo
    plan.version += 1
    session.add(
        DecisionPlan(plan_id=plan.id, accion=accion, usuario=actor.usuario, fecha=fecha, nota=nota)
    )
    registrar(
        session,
        f"plan_{accion.value}",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "plan", plan.id),
        detalle={"estado": [anterior.value, nuevo.value], "anio": plan.anio, "nota": nota},
    )
    session.flush()
    if accion is AccionPlan.enviado:
        notificar(session, eventos.plan_enviado(plan, mesa))
    else:
        notificar(session, eventos.plan_decidido(plan, mesa, accion.value, nota, actor.usuario))


def _plan_para_decidir(
    session: Session, plan_id: int, version: int | None, que: str
) -> tuple[PlanTrabajo, Mesa]:
    """The plan, locked and read afresh, checked against the version the page loaded."""
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo", bloquear=True)
    mesa = session.get(Mesa, plan.mesa_id)
    assert mesa is not None  # a foreign key
    if version is not None and version != plan.version:
        raise ConflictoEdicion(
            f"El plan de trabajo {plan.anio} cambió mientras usted lo {que} (ahora está "
            f"«{plan.estado.value}»): no se guardó nada. Recargue la página para verlo.",
            contenido_plan(plan),
        )
    return plan, mesa


def enviar_plan(
    session: Session,
    plan_id: int,
    *,
    nota: str | None = None,
    version: int | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> PlanTrabajo:
    """Send a draft (or returned) plan to the mesa's designated political coordinator.

    Refused without activities, and in a mesa with no designated political coordinator (the
    message says to designate one).
    """
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo")
    _autorizar_mesa(session, actor, plan.mesa_id)
    plan, mesa = _plan_para_decidir(session, plan_id, version, "enviaba")
    if plan.estado not in EDITABLES:
        raise ErrorMesa(
            f"El plan de trabajo {plan.anio} está «{plan.estado.value}»: solo se envía un plan "
            "en borrador o devuelto."
        )
    if politico_de(mesa) is None:
        raise ErrorMesa(SIN_POLITICO)
    cuantas = session.scalar(
        select(func.count()).select_from(ActividadPlan).where(ActividadPlan.plan_id == plan.id)
    )
    if not cuantas:
        raise ErrorMesa("Un plan de trabajo sin actividades no se puede enviar.")
    dia = _hoy(hoy)
    plan.enviado_en, plan.enviado_por = dia, actor.usuario
    _decidir(
        session,
        plan,
        mesa,
        AccionPlan.enviado,
        EstadoPlan.enviado,
        nota=_opcional(nota),
        fecha=dia,
        actor=actor,
    )
    return plan


def _autorizar_decision(mesa: Mesa, plan: PlanTrabajo, actor: Alcance) -> None:
    politico = politico_de(mesa)
    if not permisos.puede_aprobar_en_mesa(actor, politico):
        raise ErrorMesa(permisos.SIN_PERMISO_APROBAR)
    if not permisos.puede_decidir_propuesta(actor, politico, plan.enviado_por):
        raise ErrorMesa(permisos.PROPUESTA_PROPIA)


def _exigir_enviado(plan: PlanTrabajo) -> None:
    if plan.estado != EstadoPlan.enviado:
        raise ErrorMesa(
            f"El plan de trabajo {plan.anio} está «{plan.estado.value}», no enviado: no hay nada "
            "que decidir."
        )


def aprobar_plan(
    session: Session,
    plan_id: int,
    *,
    nota: str | None = None,
    version: int | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> PlanTrabajo:
    """Approve a sent plan: only the mesa's designated political coordinator, never on a plan
    they sent themselves; the approval records who and when."""
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo")
    _autorizar_decision(session.get(Mesa, plan.mesa_id), plan, actor)  # type: ignore[arg-type]
    plan, mesa = _plan_para_decidir(session, plan_id, version, "revisaba")
    _exigir_enviado(plan)
    dia = _hoy(hoy)
    plan.aprobado_en, plan.aprobado_por = dia, actor.usuario
    _decidir(
        session,
        plan,
        mesa,
        AccionPlan.aprobado,
        EstadoPlan.aprobado,
        nota=_opcional(nota),
        fecha=dia,
        actor=actor,
    )
    return plan


def devolver_plan(
    session: Session,
    plan_id: int,
    *,
    nota: str,
    version: int | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> PlanTrabajo:
    """Return a sent plan to the technical level with a note saying what to change (required)."""
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo")
    _autorizar_decision(session.get(Mesa, plan.mesa_id), plan, actor)  # type: ignore[arg-type]
    texto = limites.revisar_texto(_requerido(nota, "nota de devolución"), "nota de devolución")
    plan, mesa = _plan_para_decidir(session, plan_id, version, "revisaba")
    _exigir_enviado(plan)
    _decidir(
        session,
        plan,
        mesa,
        AccionPlan.devuelto,
        EstadoPlan.devuelto,
        nota=texto,
        fecha=_hoy(hoy),
        actor=actor,
    )
    return plan


def registrar_plan_aprobado(
    session: Session,
    plan_id: int,
    *,
    aprobado_en: dt.date,
    aprobado_por: str,
    actor: Alcance,
) -> PlanTrabajo:
    """Record a plan the mesa's authorities approved outside SIGPRET (history: who, when).

    Only admin (the demo loader, the CLI), only in a mesa with no designated political
    coordinator: where one is designated, the plan is sent and approved in SIGPRET.
    """
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo", bloquear=True)
    mesa = session.get(Mesa, plan.mesa_id)
    assert mesa is not None  # a foreign key
    if not permisos.puede_registrar_historial(actor, politico_de(mesa)):
        raise ErrorMesa(permisos.SIN_PERMISO_HISTORIAL)
    aprobado_por = _requerido(aprobado_por, "aprobado por")
    if plan.estado == EstadoPlan.aprobado:
        raise ErrorMesa(f"El plan de trabajo {plan.anio} ya fue aprobado.")
    cuantas = session.scalar(
        select(func.count()).select_from(ActividadPlan).where(ActividadPlan.plan_id == plan.id)
    )
    if not cuantas:
        raise ErrorMesa("Un plan de trabajo sin actividades no se puede aprobar.")
    plan.aprobado_en, plan.aprobado_por = aprobado_en, aprobado_por
    _decidir(
        session,
        plan,
        mesa,
        AccionPlan.aprobado,
        EstadoPlan.aprobado,
        nota=f"Aprobado fuera de SIGPRET por: {aprobado_por}",
        fecha=aprobado_en,
        actor=actor,
    )
    return plan
