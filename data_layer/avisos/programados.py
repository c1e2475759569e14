"""The scheduled notices (DOMAIN.md §10): report reminders, due and overdue acuerdos, the weekly
digest of high alerts. :func:`revisar_programados` runs them all for one day.

It is idempotent: each event's key names what it is about (institution and period, acuerdo and
due date, recipient and ISO week), so running it twice the same day — or every hour — tells
nobody twice. ``sigpret avisos revisar`` runs it; the worker's scheduler calls it daily.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import permisos, queries
from data_layer.auth import alcance_de
from data_layer.avisos import Evento, notificar, quienes
from data_layer.avisos.eventos import DIAS_AVISO, acuerdo, reporte_atrasado, reporte_por_vencer
from data_layer.engine import run
from data_layer.engine.frames import MCR, Reglas
from data_layer.formato import format_entero
from data_layer.mesas.consultas import load_mesas
from data_layer.mesas.models import Acuerdo, EstadoAcuerdo
from data_layer.models import Institucion
from data_layer.reportes import mis_reportes
from data_layer.reportes.reglas import EstadoReporte, cierre, estado_reporte, terminado, vencimiento
from data_layer.vistas.alertas import (
    con_mensajes,
    enriquecer_alertas,
    nombre_tipo,
    ordenar_alertas,
)
from data_layer.vistas.inicio import alertas_altas, ruta_alertas
from data_layer.vistas.mesas_integracion import alertas_con_mesas
from data_layer.vistas.resumen import periodo_por_defecto, periodos_evaluables

#: How many alerts the digest lists by name (the rest are counted; the link shows them all).
ALERTAS_EN_RESUMEN = 10


@dataclass
class Revision:
    """What one run wrote: new notices per kind of event."""

    avisos: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def contar(self, evento: Evento, nuevos: int) -> None:
        """Add ``nuevos`` notices of ``evento``'s kind."""
        self.avisos[evento.tipo] += nuevos

    @property
    def total(self) -> int:
        """Every new notice of the run."""
        return sum(self.avisos.values())


def _emitir(session: Session, evento: Evento, revision: Revision) -> None:
    revision.contar(evento, notificar(session, evento))


# --- reports ------------------------------------------------------------------------------------


def revisar_reportes(session: Session, hoy: dt.date, reglas: Reglas, revision: Revision) -> None:
    """Remind each institution's UPGRET users of the reports due within :data:`DIAS_AVISO` days
    and of those past their deadline (until the period closes), one notice per period."""
    upgret = quienes.upgret_por_institucion(session)
    if not upgret:
        return
    instituciones = {
        i.sigla: i for i in session.scalars(select(Institucion).where(Institucion.id.in_(upgret)))
    }
    datos = mis_reportes.cargar(session, instituciones, hoy)
    por_vencer: dict[tuple[str, str], list[str]] = defaultdict(list)
    atrasados: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ident, periodo in sorted(datos.metas, key=lambda k: (k[1], k[0])):
        if not terminado(periodo, hoy):
            continue
        ind = datos.indicadores[ident]
        ultima = datos.ultimas.get((ident, periodo))
        estado = estado_reporte(
            None if ultima is None else ultima.estado,
            periodo,
            hoy,
            reglas,
            recibido=(ident, periodo) in datos.recibidos,
            reabierto=(ind.institucion, periodo) in datos.reabiertos,
        )
        if estado not in (EstadoReporte.por_reportar, EstadoReporte.borrador, EstadoReporte.tardio):
            continue
        faltan = (vencimiento(periodo, reglas) - hoy).days
        if 0 <= faltan <= DIAS_AVISO:
            por_vencer[(ind.institucion, periodo)].append(ind.codigo)
        elif faltan < 0:
            atrasados[(ind.institucion, periodo)].append(ind.codigo)
    for (sigla, periodo), codigos in sorted(por_vencer.items()):
        inst = instituciones[sigla]
        evento = reporte_por_vencer(
            inst, periodo, vencimiento(periodo, reglas), codigos, upgret[inst.id]
        )
        _emitir(session, evento, revision)
    for (sigla, periodo), codigos in sorted(atrasados.items()):
        inst = instituciones[sigla]
        evento = reporte_atrasado(
            inst,
            periodo,
            vencimiento(periodo, reglas),
            cierre(periodo, reglas),
            codigos,
            upgret[inst.id],
        )
        _emitir(session, evento, revision)


# --- acuerdos -----------------------------------------------------------------------------------


def revisar_acuerdos(session: Session, hoy: dt.date, revision: Revision) -> None:
    """Tell each open acuerdo's responsible institution and mesa when it is due within
    :data:`DIAS_AVISO` days, and once it is overdue (due today is not overdue yet)."""
    abiertos = session.scalars(
        select(Acuerdo)
        .where(
            Acuerdo.estado.not_in([EstadoAcuerdo.cumplido, EstadoAcuerdo.cancelado]),
            Acuerdo.fecha_limite <= hoy + dt.timedelta(days=DIAS_AVISO),
        )
        .order_by(Acuerdo.id)
    )
    for a in abiertos:
        for evento in acuerdo(session, a, vencido=a.fecha_limite < hoy):
            _emitir(session, evento, revision)


# --- the weekly digest --------------------------------------------------------------------------


def _semana(hoy: dt.date) -> str:
    anio, semana, _ = hoy.isocalendar()
    return f"{anio}-S{semana:02d}"


def _alertas(session: Session, hoy: dt.date, reglas: Reglas) -> tuple[pd.DataFrame, MCR] | None:
    """Every alert of the default period (the engine's and the mesas'), and the MCR."""
    m = queries.load_mcr(session)
    periodo = periodo_por_defecto(periodos_evaluables(m), hoy, reglas.plazo_reporte_dias)
    if periodo is None:
        return None
    res = run(m, periodo, hoy, reglas)
    tabla = alertas_con_mesas(enriquecer_alertas(res, m), res, m, load_mesas(session), hoy)
    return ordenar_alertas(tabla), m


def revisar_resumen(session: Session, hoy: dt.date, reglas: Reglas, revision: Revision) -> None:
    """Once per ISO week, each minister and Presidency account gets the high alerts of its own
    focus (:func:`data_layer.permisos.sectores_en_foco`, as the navbar's badge counts them)."""
    lectores = quienes.politicos(session)
    if not lectores:
        return
    calculadas = _alertas(session, hoy, reglas)
    if calculadas is None:
        return
    tabla, m = calculadas
    semana = _semana(hoy)
    for u in lectores:
        foco = permisos.sectores_en_foco(alcance_de(u))
        altas = alertas_altas(tabla, m, foco)
        if altas.empty:
            continue
        _emitir(session, resumen_alertas(u.usuario, semana, altas, foco), revision)


def resumen_alertas(
    usuario: str, semana: str, altas: pd.DataFrame, foco: frozenset[str] | None
) -> Evento:
    """The digest of ``altas`` (already cut to the reader's focus) for ``usuario``."""
    n = len(altas)
    listadas = con_mensajes(altas.head(ALERTAS_EN_RESUMEN))
    lineas = [
        f"• {nombre_tipo(str(tipo))}: {mensaje}"
        for tipo, mensaje in zip(listadas["tipo"], listadas["mensaje"], strict=True)
    ]
    if n > ALERTAS_EN_RESUMEN:
        lineas.append(f"… y {format_entero(n - ALERTAS_EN_RESUMEN)} más.")
    cuantas = "1 alerta alta" if n == 1 else f"{format_entero(n)} alertas altas"
    ambito = "en su ámbito" if foco is not None else "en el país"
    return Evento(
        tipo="resumen_alertas",
        clave=f"resumen_alertas:{semana}",
        destinatarios=frozenset({usuario}),
        asunto=f"Resumen semanal: {cuantas} {ambito}",
        texto=f"Esta semana hay {cuantas} {ambito}:\n\n" + "\n".join(lineas),
        enlace=ruta_alertas(foco, severidad="alta"),
    )


def revisar_programados(
    session: Session, hoy: dt.date, *, reglas: Reglas | None = None, resumen: bool = True
) -> Revision:
    """Run every scheduled check for ``hoy`` in the caller's transaction (idempotent).

    Args:
        session: a writing session; the caller commits.
        hoy: the day (Honduras) the checks are about.
        reglas: the calendar and thresholds (default rules when None).
        resumen: also the weekly digest (it runs the engine: the costly part).
    """
    reglas = reglas or Reglas()
    revision = Revision()
    revisar_reportes(session, hoy, reglas, revision)
    revisar_acuerdos(session, hoy, revision)
    if resumen:
        revisar_resumen(session, hoy, reglas, revision)
    return revision
