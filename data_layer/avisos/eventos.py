"""The events of DOMAIN.md §10, built from the objects they are about (one function each).

Each function returns an :class:`~data_layer.avisos.Evento` with its recipients, its subject and
body in Spanish and its link into the app; the caller passes it to
:func:`data_layer.avisos.notificar` in the transaction of the change. Keys name the event so a
repeated call (a scheduled check run twice, a retried request) tells nobody twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import quote, urlencode

from sqlalchemy.orm import Session

from data_layer.avisos import Evento, destinatarios, quienes
from data_layer.formato import format_entero
from data_layer.formato import format_fecha_entrada as fecha
from data_layer.mesas.models import Acuerdo, Estrategia, Mesa, PlanTrabajo
from data_layer.models import Avance, Indicador, Institucion
from data_layer.revisiones.models import PropuestaMeta

#: Days before a deadline (a report's, an acuerdo's) when the reminder goes out.
DIAS_AVISO = 5


def _reportes(sigla: str) -> str:
    return "/reportes?" + urlencode({"institucion": sigla})


def _mesa(codigo: str, sub: str = "") -> str:
    return f"/mesas/{quote(codigo, safe='')}{sub}"


def _revisiones(codigo: str) -> str:
    """The indicator page's section where its target revisions are decided."""
    from data_layer.revisiones.consultas import href_indicador  # consultas reads the services

    return href_indicador(codigo)


# --- reports (DOMAIN.md §8) ---------------------------------------------------------------------


def reporte_por_vencer(
    institucion: Institucion,
    periodo: str,
    vence: dt.date,
    indicadores: Sequence[str],
    para: frozenset[str],
) -> Evento:
    """A period's reports of ``institucion`` are due within :data:`DIAS_AVISO` days."""
    n = len(indicadores)
    cuantos = "1 indicador" if n == 1 else f"{format_entero(n)} indicadores"
    return Evento(
        tipo="reporte_por_vencer",
        clave=f"reporte_por_vencer:{institucion.sigla}:{periodo}",
        destinatarios=para,
        asunto=f"Reportes de {periodo} por vencer el {fecha(vence)} ({institucion.sigla})",
        texto=(
            f"El plazo para reportar el periodo {periodo} vence el {fecha(vence)}. "
            f"A {institucion.nombre} le falta enviar el valor de {cuantos}: "
            f"{', '.join(indicadores)}.\n\nIngrese a «Mis reportes» para registrarlos y enviarlos."
        ),
        enlace=_reportes(institucion.sigla),
    )


def reporte_atrasado(
    institucion: Institucion,
    periodo: str,
    vence: dt.date,
    cierra: dt.date,
    indicadores: Sequence[str],
    para: frozenset[str],
) -> Evento:
    """A period's reports of ``institucion`` are past their deadline and not sent."""
    n = len(indicadores)
    cuantos = "1 indicador" if n == 1 else f"{format_entero(n)} indicadores"
    return Evento(
        tipo="reporte_atrasado",
        clave=f"reporte_atrasado:{institucion.sigla}:{periodo}",
        destinatarios=para,
        asunto=f"Reportes de {periodo} atrasados ({institucion.sigla})",
        texto=(
            f"El plazo para reportar el periodo {periodo} venció el {fecha(vence)} y "
            f"{institucion.nombre} no ha enviado el valor de {cuantos}: {', '.join(indicadores)}."
            f"\n\nEl periodo se cierra el {fecha(cierra)}; después solo la DIGER puede reabrirlo."
        ),
        enlace=_reportes(institucion.sigla),
    )


def version_devuelta(session: Session, version: Avance) -> Evento:
    """A DIGER analyst returned a sent value to its institution."""
    ind = session.get(Indicador, version.indicador_id)
    assert ind is not None  # a foreign key
    inst = ind.institucion_responsable
    para = quienes.upgret_de(session, inst.id) if inst is not None else frozenset()
    sigla = inst.sigla if inst is not None else ""
    return Evento(
        tipo="version_devuelta",
        clave=f"version_devuelta:{version.id}",
        destinatarios=para,
        asunto=f"Valor devuelto: {ind.codigo}, periodo {version.periodo}",
        texto=(
            f"La DIGER devolvió el valor reportado del indicador {ind.codigo} «{ind.nombre}» "
            f"para el periodo {version.periodo}.\n\nObservación: {version.observacion or ''}"
            "\n\nCorríjalo y envíelo de nuevo desde «Mis reportes»."
        ),
        enlace=_reportes(sigla) if sigla else "/reportes",
    )


# --- acuerdos (DOMAIN.md §5) --------------------------------------------------------------------


def acuerdo(session: Session, acuerdo: Acuerdo, *, vencido: bool) -> list[Evento]:
    """An acuerdo due within :data:`DIAS_AVISO` days, or overdue: its responsible institution's
    UPGRET users (linked to «Mis acuerdos») and the mesa's technical coordinator (linked to the
    mesa)."""
    mesa = acuerdo.mesa
    inst = acuerdo.institucion_responsable
    tipo = "acuerdo_vencido" if vencido else "acuerdo_por_vencer"
    if vencido:
        asunto = f"Acuerdo vencido de la mesa de {mesa.sector.nombre}"
        cuando = f"venció el {fecha(acuerdo.fecha_limite)} y sigue sin cumplirse"
    else:
        asunto = (
            f"Acuerdo por vencer el {fecha(acuerdo.fecha_limite)} (mesa de {mesa.sector.nombre})"
        )
        cuando = f"vence el {fecha(acuerdo.fecha_limite)}"
    texto = (
        f"El acuerdo «{acuerdo.texto}» de la mesa de {mesa.sector.nombre} {cuando}.\n\n"
        f"Responsable: {acuerdo.persona_responsable} ({inst.sigla}).\n\n"
        "Registre su avance o su cumplimiento en SIGPRET."
    )
    clave = f"{tipo}:{acuerdo.id}:{acuerdo.fecha_limite.isoformat()}"
    return [
        Evento(
            tipo=tipo,
            clave=clave,
            destinatarios=quienes.upgret_de(session, inst.id),
            asunto=asunto,
            texto=texto,
            enlace="/mis-acuerdos",
        ),
        Evento(
            tipo=tipo,
            clave=clave,
            destinatarios=quienes.cuenta(session, mesa.coordinador_tecnico_usuario_id),
            asunto=asunto,
            texto=texto,
            enlace=_mesa(mesa.sector.codigo),
        ),
    ]


# --- proposals and decisions (DOMAIN.md §9) -----------------------------------------------------

_DECISIONES_PLAN = {"aprobado": "aprobó", "devuelto": "devolvió"}
_DECISIONES_ESTRATEGIA = {"aprobada": "aprobó", "descartada": "descartó", "devuelta": "devolvió"}
_DECISIONES_REVISION = {"aprobada": "aprobó", "devuelta": "devolvió", "rechazada": "rechazó"}


def _nota(nota: str | None) -> str:
    return f"\n\nNota: {nota}" if nota else ""


def plan_enviado(plan: PlanTrabajo, mesa: Mesa) -> Evento:
    """A plan de trabajo was sent: its mesa's political coordinator decides."""
    politico = mesa.coordinador_politico_usuario
    return Evento(
        tipo="propuesta_pendiente",
        clave=f"plan_enviado:{plan.id}:{plan.version}",
        destinatarios=destinatarios([politico.usuario if politico and politico.activo else None])
        - {plan.enviado_por or ""},
        asunto=f"Plan de trabajo {plan.anio} de la mesa de {mesa.sector.nombre} por aprobar",
        texto=(
            f"La mesa de {mesa.sector.nombre} envió su plan de trabajo {plan.anio} para su "
            "aprobación.\n\nRevíselo y apruébelo, o devuélvalo con una nota."
        ),
        enlace=_mesa(mesa.sector.codigo, f"/plan?anio={plan.anio}"),
    )


def plan_decidido(
    plan: PlanTrabajo, mesa: Mesa, accion: str, nota: str | None, actor: str
) -> Evento:
    """The political coordinator approved or returned a plan: its sender is told."""
    verbo = _DECISIONES_PLAN[accion]
    return Evento(
        tipo="decision_tomada",
        clave=f"plan_{accion}:{plan.id}:{plan.version}",
        destinatarios=destinatarios([plan.enviado_por]) - {actor},
        asunto=f"Plan de trabajo {plan.anio} {accion} (mesa de {mesa.sector.nombre})",
        texto=(
            f"El coordinador político {verbo} el plan de trabajo {plan.anio} de la mesa de "
            f"{mesa.sector.nombre}.{_nota(nota)}"
        ),
        enlace=_mesa(mesa.sector.codigo, f"/plan?anio={plan.anio}"),
    )


def estrategia_propuesta(estrategia: Estrategia, mesa: Mesa) -> Evento:
    """A strategy was proposed (or sent again): its mesa's political coordinator decides."""
    politico = mesa.coordinador_politico_usuario
    return Evento(
        tipo="propuesta_pendiente",
        clave=f"estrategia_propuesta:{estrategia.id}:{estrategia.version}",
        destinatarios=destinatarios([politico.usuario if politico and politico.activo else None])
        - {estrategia.propuesta_por or ""},
        asunto=f"Estrategia por aprobar (mesa de {mesa.sector.nombre})",
        texto=(
            f"La mesa de {mesa.sector.nombre} propone la estrategia «{estrategia.descripcion}» "
            "y espera su decisión."
        ),
        enlace=_mesa(mesa.sector.codigo, f"/acciones?estrategia={estrategia.id}"),
    )


def estrategia_decidida(
    estrategia: Estrategia, mesa: Mesa, accion: str, nota: str | None, actor: str
) -> Evento | None:
    """The political coordinator approved, discarded or returned a strategy: its proposer is told
    (None for a step that is not such a decision)."""
    verbo = _DECISIONES_ESTRATEGIA.get(accion)
    if verbo is None:
        return None
    return Evento(
        tipo="decision_tomada",
        clave=f"estrategia_{accion}:{estrategia.id}:{estrategia.version}",
        destinatarios=destinatarios([estrategia.propuesta_por]) - {actor},
        asunto=f"Estrategia {accion} (mesa de {mesa.sector.nombre})",
        texto=(
            f"El coordinador político {verbo} la estrategia «{estrategia.descripcion}» de la "
            f"mesa de {mesa.sector.nombre}.{_nota(nota)}"
        ),
        enlace=_mesa(mesa.sector.codigo, f"/acciones?estrategia={estrategia.id}"),
    )


def revision_por_decidir(session: Session, propuesta: PropuestaMeta) -> Evento:
    """A target revision has its methodological opinion: the political level decides."""
    ind = propuesta.indicador
    meta = ind.meta
    return Evento(
        tipo="propuesta_pendiente",
        clave=f"revision_por_decidir:{propuesta.id}",
        destinatarios=quienes.decisores_revision(
            session,
            nivel=str(meta.nivel),
            sector=meta.sector.codigo if meta.sector is not None else None,
            excepto=propuesta.propuesta_por,
        ),
        asunto=f"Revisión de metas del indicador {ind.codigo} por decidir",
        texto=(
            f"La propuesta de revisión de metas del indicador {ind.codigo} «{ind.nombre}» ya "
            "tiene la opinión metodológica de la DIGER y espera su decisión."
        ),
        enlace=_revisiones(ind.codigo),
    )


def revision_decidida(propuesta: PropuestaMeta) -> Evento:
    """A target revision was approved, returned or rejected: its proposer is told."""
    ind = propuesta.indicador
    estado = propuesta.estado.value
    verbo = _DECISIONES_REVISION.get(estado, estado)
    return Evento(
        tipo="decision_tomada",
        clave=f"revision_decidida:{propuesta.id}",
        destinatarios=destinatarios([propuesta.propuesta_por]) - {propuesta.decision_por or ""},
        asunto=f"Revisión de metas del indicador {ind.codigo}: {estado}",
        texto=(
            f"{propuesta.decision_por or 'El nivel político'} {verbo} su propuesta de revisión "
            f"de metas del indicador {ind.codigo} «{ind.nombre}».{_nota(propuesta.decision_nota)}"
        ),
        enlace=_revisiones(ind.codigo),
    )
