"""Deterministic demo target revisions: one proposal in every state, for Salud and for a
presidential indicator, written through :mod:`data_layer.revisiones.servicio` as the demo users.

Each step is dated (``hoy``, ``ahora``) before the demo's "today" (23/11/2026, the mesas'
reference date), so which periods had ended when each decision was taken is part of the story:
the approved proposal of «Partos atendidos» was decided after 2026-T3 ended, so only 2026-T4
changed. Proposed values follow the projection support where the proposer used it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer.auth import Alcance
from data_layer.engine.proyeccion_metas import ProyeccionMeta, proyectar_meta
from data_layer.models import Avance, EstadoVersion, Indicador, Programacion, Rol
from data_layer.revisiones import servicio
from data_layer.revisiones.models import PropuestaMeta

COORD = Alcance("coord.salud", Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
MINISTRA = Alcance("ministro.salud", Rol.ministro, sectores=frozenset({"SAL"}))
ANALISTA = Alcance("analista", Rol.analista)
ANALISTA2 = Alcance("analista2", Rol.analista)
UPGRET = Alcance("upgret.sesal", Rol.upgret, instituciones=frozenset({"SESAL"}))
PRESIDENCIA = Alcance("presidencia", Rol.presidencia)


def _momento(dia: dt.date) -> dt.datetime:
    """09:00 in Honduras (15:00 UTC) of ``dia``."""
    return dt.datetime(dia.year, dia.month, dia.day, 15, tzinfo=dt.UTC)


def _proyeccion(session: Session, codigo: str) -> ProyeccionMeta | None:
    """The projection support of ``codigo`` from its validated values (None without one)."""
    puntos = session.execute(
        select(Avance.periodo, Avance.valor)
        .join(Indicador)
        .where(Indicador.codigo == codigo, Avance.estado == EstadoVersion.validado)
    ).all()
    periodos = session.scalars(
        select(Programacion.periodo).join(Indicador).where(Indicador.codigo == codigo)
    ).all()
    if not periodos:
        return None
    final = max(periodos, key=lambda p: (len(p) == 4, p))  # one frequency per indicator
    p = proyectar_meta([(a, float(b)) for a, b in puntos], final)
    return p if isinstance(p, ProyeccionMeta) else None


def _proponer(
    session: Session,
    codigo: str,
    metas: dict[str, float],
    justificacion: str,
    actor: Alcance,
    dia: dt.date,
    *,
    con_proyeccion: bool = True,
    **extra: Any,
) -> PropuestaMeta:
    p = _proyeccion(session, codigo) if con_proyeccion else None
    return servicio.proponer(
        session,
        codigo,
        metas,
        justificacion=justificacion,
        metodo_proyeccion=p.descripcion if p else None,
        parametros_proyeccion=p.parametros if p else None,
        actor=actor,
        hoy=dia,
        ahora=_momento(dia),
        **extra,
    )


def _sugerida(session: Session, codigo: str, periodo: str, otra: float) -> float:
    p = _proyeccion(session, codigo)
    valor = p.sugerido(periodo) if p else None
    return round(valor, 1) if valor is not None else otra


def _opinar(session: Session, p: PropuestaMeta, opinion: str, texto: str, dia: dt.date) -> None:
    servicio.opinar(
        session,
        p.id,
        opinion=opinion,
        texto=texto,
        actor=ANALISTA2 if p.propuesta_por != "analista2" else ANALISTA,
        ahora=_momento(dia),
    )


def _decidir(
    session: Session, p: PropuestaMeta, decision: str, nota: str, actor: Alcance, dia: dt.date
) -> None:
    servicio.decidir(session, p.id, decision, nota=nota, actor=actor, hoy=dia, ahora=_momento(dia))


def cargar_demo_revisiones(session: Session) -> int:
    """Load the demo proposals (idempotent: nothing when any proposal exists); returns how many
    proposal versions were written. The caller owns the transaction."""
    if session.scalar(select(func.count()).select_from(PropuestaMeta)):
        return 0
    # Approved after 2026-T3 ended: only 2026-T4's current target changes.
    partos = _proponer(
        session,
        "MS-SAL-01-I1",
        {
            "2026-T3": 86.5,
            "2026-T4": _sugerida(session, "MS-SAL-01-I1", "2026-T4", 87.0),
        },
        "La atención institucional del parto crece a un ritmo sostenido pero menor al programado: "
        "la tendencia de los últimos 14 trimestres no alcanza el 90 % previsto para 2026. La mesa "
        "propone ajustar las metas a la trayectoria proyectada.",
        COORD,
        dt.date(2026, 9, 18),
    )
    _opinar(
        session,
        partos,
        "favorable",
        "La serie es estable y la tendencia lineal explica bien los datos; la meta propuesta cae "
        "dentro del rango plausible.",
        dt.date(2026, 9, 24),
    )
    _decidir(
        session,
        partos,
        "aprobar",
        "Aprobada en la sesión política de la mesa de Salud del 6 de octubre.",
        MINISTRA,
        dt.date(2026, 10, 6),
    )
    # Returned, then corrected and sent again (waiting for the analyst's opinion).
    vacunas = _proponer(
        session,
        "MS-SAL-02-I1",
        {"2026-T4": 90.0},
        "El desabastecimiento de vacuna pentavalente del primer semestre impide llegar al 95 %.",
        COORD,
        dt.date(2026, 10, 20),
        con_proyeccion=False,
    )
    _opinar(
        session,
        vacunas,
        "con_observaciones",
        "La propuesta no muestra el efecto de la jornada nacional de vacunación de noviembre; "
        "conviene usar la proyección y documentar el abastecimiento.",
        dt.date(2026, 10, 27),
    )
    _decidir(
        session,
        vacunas,
        "devolver",
        "Documente el abastecimiento de biológicos con el PAI y use la proyección de la DIGER.",
        MINISTRA,
        dt.date(2026, 11, 3),
    )
    _proponer(
        session,
        "MS-SAL-02-I1",
        {"2026-T4": _sugerida(session, "MS-SAL-02-I1", "2026-T4", 91.0)},
        "Corrección: el PAI confirma el abastecimiento desde octubre; se adopta la trayectoria "
        "proyectada, que ya incorpora la recuperación del segundo semestre.",
        COORD,
        dt.date(2026, 11, 16),
        corrige_id=vacunas.id,
    )
    # Rejected: the mesa keeps the malaria target.
    malaria = _proponer(
        session,
        "MS-SAL-03-I2",
        {"2026-T4": 1100.0},
        "Los brotes en Gracias a Dios elevaron los casos muy por encima de lo programado.",
        COORD,
        dt.date(2026, 10, 1),
        con_proyeccion=False,
    )
    _opinar(
        session,
        malaria,
        "con_observaciones",
        "Los casos bajan desde 2026-T2; subir la meta premiaría el retraso del rociado.",
        dt.date(2026, 10, 8),
    )
    _decidir(
        session,
        malaria,
        "rechazar",
        "Se mantiene la meta: la estrategia de rociado intradomiciliar aprobada debe cumplirse.",
        MINISTRA,
        dt.date(2026, 10, 15),
    )
    # With opinion, waiting for the minister.
    familiar = _proponer(
        session,
        "MS-SAL-04-I1",
        {"2026-T4": _sugerida(session, "MS-SAL-04-I1", "2026-T4", 58.0)},
        "La contratación de equipos de salud familiar se retrasó por el presupuesto; la proyección "
        "de la DIGER sugiere una meta alcanzable para el cierre del año.",
        ANALISTA,
        dt.date(2026, 11, 10),
    )
    _opinar(
        session,
        familiar,
        "favorable",
        "Método adecuado (tendencia lineal, 90 % de confianza); la meta está en el rango.",
        dt.date(2026, 11, 17),
    )
    # Presidential indicator, with opinion, waiting for presidencia.
    infantil = _proponer(
        session,
        "MP-16-I1",
        {"2026": _sugerida(session, "MP-16-I1", "2026", 54.0)},
        "La razón de mortalidad materna baja más rápido de lo programado desde la ampliación de "
        "las casas maternas: la tendencia permite una meta más exigente para 2026.",
        ANALISTA,
        dt.date(2026, 11, 5),
    )
    _opinar(
        session,
        infantil,
        "favorable",
        "Cuatro valores anuales validados; la tendencia y su rango sustentan la meta propuesta.",
        dt.date(2026, 11, 12),
    )
    # Sent by the institution's UPGRET, without opinion yet.
    _proponer(
        session,
        "MI-SESAL-01-I1",
        {"2026-T4": _sugerida(session, "MI-SESAL-01-I1", "2026-T4", 89.0)},
        "El retraso en la transferencia de fondos del primer semestre redujo las jornadas de "
        "vacunación en comunidades de difícil acceso.",
        UPGRET,
        dt.date(2026, 11, 19),
    )
    session.flush()
    return int(session.scalar(select(func.count()).select_from(PropuestaMeta)) or 0)
