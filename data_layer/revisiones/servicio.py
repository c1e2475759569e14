"""Every write of a target revision, with its rule: propose, give the opinion, decide.

Each function takes the acting user's scope (keyword ``actor``) and asks
:mod:`data_layer.permisos` before anything else; the audit records ``actor.usuario``. Steps that
depend on a proposal's state lock its row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite write
sessions hold the only write lock) and check the state and the ``version`` the page loaded, so
two people deciding at once cannot both succeed. Refusals raise :class:`ErrorRevision` (Spanish,
ending with «No se guardó nada.»); the caller's transaction then writes nothing.

``hoy`` (default: today in Honduras) decides which periods have ended; ``ahora`` (default: now)
stamps the steps. Tests and the demo loader pass both to write history as of another date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import limites, periods, permisos
from data_layer.auth import Alcance, ahoracomo_utc, registrar
from data_layer.avisos import eventos, notificar
from data_layer.errores import ErrorDeDatos
from data_layer.mesas.models import Acuerdo
from data_layer.models import Indicador, Programacion, RevisionProgramacion
from data_layer.periods import hoy_honduras
from data_layer.revisiones.models import (
    ESTADOS_ABIERTOS,
    EstadoPropuesta,
    Opinion,
    PropuestaMeta,
    PropuestaMetaPeriodo,
)

#: What every refusal ends with (the caller's transaction writes nothing).
NADA = "No se guardó nada."
#: A proposal or indicator that does not exist, or that the actor may not see: the same words.
NO_EXISTE = "La propuesta de revisión solicitada no existe."

Decision = Literal["aprobar", "devolver", "rechazar"]
#: The state each decision leads to.
DECISIONES: dict[str, EstadoPropuesta] = {
    "aprobar": EstadoPropuesta.aprobada,
    "devolver": EstadoPropuesta.devuelta,
    "rechazar": EstadoPropuesta.rechazada,
}
#: Spanish names of the states (pages, pendientes, messages).
ESTADOS_TEXTO = {
    EstadoPropuesta.propuesta: "Enviada, sin opinión",
    EstadoPropuesta.con_opinion: "Con opinión, por decidir",
    EstadoPropuesta.aprobada: "Aprobada",
    EstadoPropuesta.devuelta: "Devuelta",
    EstadoPropuesta.rechazada: "Rechazada",
}


class ErrorRevision(ErrorDeDatos):
    """A refused target revision step; the message is Spanish and says nothing was saved."""

    def __init__(self, mensaje: str) -> None:
        if NADA.lower() not in mensaje.lower():
            mensaje = f"{mensaje.rstrip()} {NADA}"
        super().__init__(mensaje)


# --- helpers ------------------------------------------------------------------------------------


def _requerido(valor: str | None, campo: str) -> str:
    limpio = (valor or "").strip()
    if not limpio:
        raise ErrorRevision(f"El campo «{campo}» es obligatorio.")
    return limites.revisar_texto(limpio, campo)


def _indicador(session: Session, codigo: str, *, bloquear: bool = False) -> Indicador:
    consulta = select(Indicador).where(Indicador.codigo == str(codigo or "").strip())
    if bloquear:
        # Serialises proposals of one indicator (one open at a time) on PostgreSQL.
        consulta = consulta.with_for_update(of=Indicador)
    indicador = session.scalars(consulta).first()
    if indicador is None:
        raise ErrorRevision(f"El indicador «{codigo}» no existe.")
    return indicador


def _ambito(indicador: Indicador) -> dict[str, str | None]:
    """The goal's level and sector and the responsible institution: what permissions ask."""
    meta = indicador.meta
    return {
        "nivel": str(meta.nivel),
        "sector": meta.sector.codigo if meta.sector is not None else None,
        "institucion_responsable": indicador.institucion_responsable.sigla,
    }


def _propuesta(session: Session, propuesta_id: Any) -> PropuestaMeta:
    """The proposal ``propuesta_id``, read afresh and locked until commit."""
    try:
        ident = int(propuesta_id)
    except (TypeError, ValueError):
        raise ErrorRevision(NO_EXISTE) from None
    propuesta = session.scalars(
        select(PropuestaMeta)
        .where(PropuestaMeta.id == ident)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if propuesta is None:
        raise ErrorRevision(NO_EXISTE)
    return propuesta


def _version(propuesta: PropuestaMeta, version: int | None) -> None:
    if version is not None and int(version) != propuesta.version:
        raise ErrorRevision(
            "Otra persona registró un paso de esta propuesta después de que usted abrió la "
            f"página (ahora está «{ESTADOS_TEXTO[propuesta.estado]}»): recargue la página."
        )


def _entidad(indicador: Indicador, propuesta: PropuestaMeta) -> str:
    return f"indicador:{indicador.codigo}/propuesta_meta:{propuesta.id}"


def _numero(valor: Any, periodo: str) -> float:
    try:
        numero = float(valor)
    except (TypeError, ValueError):
        raise ErrorRevision(f"La meta propuesta de {periodo} no es un número.") from None
    if not math.isfinite(numero):
        raise ErrorRevision(f"La meta propuesta de {periodo} no es un número.")
    return numero


# --- propose ------------------------------------------------------------------------------------


def proponer(
    session: Session,
    indicador: str,
    metas: Mapping[str, Any],
    *,
    justificacion: str,
    metodo_proyeccion: str | None = None,
    parametros_proyeccion: dict[str, Any] | None = None,
    acuerdo_id: int | None = None,
    corrige_id: int | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
    ahora: dt.datetime | None = None,
) -> PropuestaMeta:
    """Propose new targets for some of an indicator's periods (or correct a returned proposal).

    Args:
        session: the write's session.
        indicador: the indicator's code.
        metas: the proposed target of each period (``{"2026-T4": 88.0}``); every period must
            be programmed and not ended today.
        justificacion: why (required).
        metodo_proyeccion, parametros_proyeccion: the projection used, if any.
        acuerdo_id: an acuerdo of the mesa of the indicator's sector, if any.
        corrige_id: the returned proposal this one corrects (its next version).
        actor: who proposes (:func:`permisos.puede_proponer_revision`).
        hoy: today in Honduras (default: the real one).
        ahora: the moment recorded (default: now).

    Raises:
        ErrorRevision: not allowed, or any rule refused.
    """
    dia = hoy if hoy is not None else hoy_honduras()
    ind = _indicador(session, indicador, bloquear=True)
    if not permisos.puede_proponer_revision(actor, **_ambito(ind)):
        raise ErrorRevision(permisos.SIN_PERMISO_PROPONER_REVISION)
    anterior: PropuestaMeta | None = None
    if corrige_id is not None:
        anterior = _propuesta(session, corrige_id)
        if anterior.indicador_id != ind.id:
            raise ErrorRevision(NO_EXISTE)
        if anterior.estado is not EstadoPropuesta.devuelta:
            raise ErrorRevision("Solo se corrige y reenvía una propuesta devuelta.")
        ya = session.scalar(
            select(PropuestaMeta.id).where(PropuestaMeta.anterior_id == anterior.id)
        )
        if ya is not None:
            raise ErrorRevision("Esta propuesta devuelta ya se corrigió y reenvió.")
    abierta = session.scalars(
        select(PropuestaMeta).where(
            PropuestaMeta.indicador_id == ind.id, PropuestaMeta.estado.in_(ESTADOS_ABIERTOS)
        )
    ).first()
    if abierta is not None:
        raise ErrorRevision(
            f"El indicador {ind.codigo} ya tiene una propuesta de revisión en trámite (enviada el "
            f"{abierta.fecha_propuesta:%d/%m/%Y}): espere su decisión."
        )
    texto = _requerido(justificacion, "justificación")
    if not metas:
        raise ErrorRevision("Indique al menos un periodo con su meta propuesta.")
    programacion = {
        p.periodo: p
        for p in session.scalars(select(Programacion).where(Programacion.indicador_id == ind.id))
    }
    filas: list[PropuestaMetaPeriodo] = []
    for periodo in sorted(metas, key=lambda t: periods.parse(t).ordinal if _valido(t) else -1):
        prog = programacion.get(periodo)
        if prog is None:
            raise ErrorRevision(
                f"El periodo «{periodo}» no está programado para el indicador {ind.codigo}."
            )
        fin = periods.parse(periodo).fin
        if fin < dia:
            raise ErrorRevision(
                f"El periodo {periodo} terminó el {fin:%d/%m/%Y}: solo se proponen metas de "
                "periodos que no han terminado."
            )
        filas.append(
            PropuestaMetaPeriodo(
                periodo=periodo,
                meta_vigente=prog.meta,
                meta_propuesta=_numero(metas[periodo], periodo),
            )
        )
    if all(f.meta_propuesta == f.meta_vigente for f in filas):
        raise ErrorRevision(
            "Las metas propuestas son iguales a las vigentes: no hay nada que revisar."
        )
    acuerdo = None
    if acuerdo_id is not None:
        acuerdo = session.get(Acuerdo, int(acuerdo_id))
        sector = _ambito(ind)["sector"]
        if acuerdo is None or sector is None or acuerdo.mesa.sector.codigo != sector:
            raise ErrorRevision("El acuerdo indicado no existe o no es de la mesa del sector.")
    metodo = (metodo_proyeccion or "").strip() or None
    momento = ahora if ahora is not None else ahoracomo_utc()
    propuesta = PropuestaMeta(
        indicador_id=ind.id,
        numero=anterior.numero + 1 if anterior else 1,
        grupo=anterior.grupo if anterior else None,
        anterior_id=anterior.id if anterior else None,
        estado=EstadoPropuesta.propuesta,
        justificacion=texto,
        metodo_proyeccion=metodo[:300] if metodo else None,
        parametros_proyeccion=parametros_proyeccion if metodo else None,
        acuerdo_id=acuerdo.id if acuerdo else None,
        propuesta_por=actor.usuario,
        propuesta_en=momento,
        fecha_propuesta=dia,
        periodos=filas,
        version=1,
    )
    session.add(propuesta)
    session.flush()
    if propuesta.grupo is None:
        propuesta.grupo = propuesta.id
    registrar(
        session,
        "revision_meta_propuesta",
        usuario=actor.usuario,
        entidad=_entidad(ind, propuesta),
        detalle={
            "numero": propuesta.numero,
            "corrige": anterior.id if anterior else None,
            "metas": {f.periodo: [f.meta_vigente, f.meta_propuesta] for f in filas},
            "justificacion": texto,
            "metodo_proyeccion": propuesta.metodo_proyeccion,
            "acuerdo": propuesta.acuerdo_id,
        },
    )
    return propuesta


def _valido(texto: str) -> bool:
    try:
        periods.parse(texto)
    except periods.PeriodoInvalido:
        return False
    return True


# --- the analyst's opinion ----------------------------------------------------------------------


def opinar(
    session: Session,
    propuesta_id: int,
    *,
    opinion: Opinion | str,
    texto: str,
    version: int | None = None,
    actor: Alcance,
    ahora: dt.datetime | None = None,
) -> PropuestaMeta:
    """Record a DIGER analyst's methodological opinion on a sent proposal.

    Raises:
        ErrorRevision: not an analyst, their own proposal, not waiting for an opinion, or
            another step was recorded since the page loaded ``version``.
    """
    if not permisos.puede_opinar_revision(actor):
        raise ErrorRevision(permisos.SIN_PERMISO_OPINAR_REVISION)
    propuesta = _propuesta(session, propuesta_id)
    if propuesta.propuesta_por == actor.usuario:
        raise ErrorRevision(
            "Nadie opina sobre su propia propuesta: la opinión la da otro analista."
        )
    _version(propuesta, version)
    if propuesta.estado is not EstadoPropuesta.propuesta:
        raise ErrorRevision(
            f"La propuesta no espera opinión (está «{ESTADOS_TEXTO[propuesta.estado]}»)."
        )
    try:
        valor = Opinion(opinion)
    except ValueError:
        raise ErrorRevision("La opinión debe ser «favorable» o «con observaciones».") from None
    propuesta.opinion = valor
    propuesta.opinion_texto = _requerido(texto, "opinión metodológica")
    propuesta.opinion_por = actor.usuario
    propuesta.opinion_en = ahora if ahora is not None else ahoracomo_utc()
    propuesta.estado = EstadoPropuesta.con_opinion
    propuesta.version += 1
    registrar(
        session,
        "revision_meta_opinion",
        usuario=actor.usuario,
        entidad=_entidad(propuesta.indicador, propuesta),
        detalle={
            "estado": [EstadoPropuesta.propuesta.value, EstadoPropuesta.con_opinion.value],
            "opinion": valor.value,
            "texto": propuesta.opinion_texto,
        },
    )
    notificar(session, eventos.revision_por_decidir(session, propuesta))
    return propuesta


# --- the political decision ---------------------------------------------------------------------


def decidir(
    session: Session,
    propuesta_id: int,
    decision: Decision | str,
    *,
    nota: str,
    version: int | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
    ahora: dt.datetime | None = None,
) -> PropuestaMeta:
    """Approve, return or reject a proposal with its opinion (by the indicator's political level).

    On approval each proposed period that has not ended on ``hoy`` changes its current target
    (``programacion.meta``) and leaves a ``revision_programacion`` row naming the proposal; a
    period that has ended keeps its target (``aplicada`` False). ``meta_original`` never changes.

    Raises:
        ErrorRevision: not the indicator's minister (or presidencia), their own proposal, no
            opinion yet, already decided, another step since ``version``, a decision without a
            note, or an approval where every period has ended.
    """
    propuesta = _propuesta(session, propuesta_id)
    ind = propuesta.indicador
    ambito = _ambito(ind)
    if not permisos.puede_decidir_revision(actor, nivel=ambito["nivel"], sector=ambito["sector"]):
        raise ErrorRevision(permisos.SIN_PERMISO_DECIDIR_REVISION)
    if propuesta.propuesta_por == actor.usuario:
        raise ErrorRevision("Nadie decide sobre su propia propuesta.")
    _version(propuesta, version)
    estado = DECISIONES.get(str(decision))
    if estado is None:
        raise ErrorRevision("La decisión debe ser aprobar, devolver o rechazar.")
    if propuesta.estado is EstadoPropuesta.propuesta:
        raise ErrorRevision(
            "La propuesta aún no tiene la opinión metodológica de la DIGER: se decide después."
        )
    if propuesta.estado is not EstadoPropuesta.con_opinion:
        raise ErrorRevision(
            f"La propuesta ya fue decidida (está «{ESTADOS_TEXTO[propuesta.estado]}»)."
        )
    texto = _requerido(nota, "nota de la decisión")
    dia = hoy if hoy is not None else hoy_honduras()
    momento = ahora if ahora is not None else ahoracomo_utc()
    cambios: dict[str, list[float]] = {}
    if estado is EstadoPropuesta.aprobada:
        abiertos = [f for f in propuesta.periodos if periods.parse(f.periodo).fin >= dia]
        if not abiertos:
            raise ErrorRevision(
                "Todos los periodos propuestos ya terminaron: aprobarla no cambiaría ninguna "
                "meta. Devuélvala o recházela."
            )
        progs = {
            p.periodo: p
            for p in session.scalars(
                select(Programacion)
                .where(
                    Programacion.indicador_id == ind.id,
                    Programacion.periodo.in_([f.periodo for f in abiertos]),
                )
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        }
        for fila in propuesta.periodos:
            prog = progs.get(fila.periodo)
            fila.aplicada = prog is not None
            if prog is None:
                continue
            session.add(
                RevisionProgramacion(
                    programacion_id=prog.id,
                    meta_anterior=prog.meta,
                    meta_nueva=fila.meta_propuesta,
                    revisado_en=momento,
                    origen=f"Revisión de meta aprobada (propuesta {propuesta.id})",
                    propuesta_id=propuesta.id,
                )
            )
            cambios[fila.periodo] = [prog.meta, fila.meta_propuesta]
            prog.meta = fila.meta_propuesta
    anterior = propuesta.estado
    propuesta.estado = estado
    propuesta.decision_por = actor.usuario
    propuesta.decision_en = momento
    propuesta.fecha_decision = dia
    propuesta.decision_nota = texto
    propuesta.version += 1
    registrar(
        session,
        "revision_meta_decision",
        usuario=actor.usuario,
        entidad=_entidad(ind, propuesta),
        detalle={
            "estado": [anterior.value, estado.value],
            "nota": texto,
            "metas_cambiadas": cambios,
            "periodos_terminados": [f.periodo for f in propuesta.periodos if f.aplicada is False],
        },
    )
    notificar(session, eventos.revision_decidida(propuesta))
    return propuesta
