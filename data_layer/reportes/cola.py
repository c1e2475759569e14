"""The DIGER review queue (issue #10, ``/validacion``): every sent version waiting for review.

One row per ``enviado`` version (a first report, a new version after a return, or a *solicitud
de corrección* of a validated value: an ``enviado`` version with ``reemplaza_id`` and ``motivo``)
with what an analyst needs to decide: the period's target, the previous period's validated value,
the avance and semáforo the value would get if validated and the review flags
(:data:`controles.BANDERAS`). The engine's checks of the whole queue run in **one** batched pass
(:func:`controles.revisar_mcr` on the queue's indicators only), so the queue means exactly what
the dashboard and :func:`servicio.validar_varios` mean, without a rule of its own.

Also the reaperturas in force and the periods an analyst may reopen. Reading the queue is for
:func:`~data_layer.permisos.puede_validar` only (checked here, as the services do).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from data_layer import periods, permisos, queries
from data_layer.auth import Alcance
from data_layer.engine.frames import Reglas
from data_layer.models import (
    Avance,
    EstadoVersion,
    Evidencia,
    Indicador,
    Institucion,
    InstitucionSector,
    Meta,
    Programacion,
    Reapertura,
    Sector,
)
from data_layer.reportes import controles
from data_layer.reportes.reglas import cerrado, vencimiento
from data_layer.reportes.servicio import ErrorReporte

#: The filter value of "no flag at all" (what «Validar seleccionados» accepts).
SIN_BANDERAS = "sin_banderas"


@dataclass(frozen=True)
class EntradaCola:
    """One sent version waiting for review, with what the engine says of it.

    Attributes:
        version_id, numero: the version (its id is what the review actions take).
        correccion: a *solicitud de corrección* of a validated value (``motivo`` says why;
            ``valor_validado`` is the value it would replace).
        avance_pct, semaforo: what the indicator would get for the period if validated.
        valor_anterior: the previous period's validated value (NaN when none).
        banderas: the review flags, keys of :data:`controles.BANDERAS`, in display order.
        avisos: the checks at entry that asked the institution for an explanation (Spanish).
        tardio: the period's first receipt came after its deadline.
        primer_recibido: that first receipt (timeliness counts from it).
    """

    version_id: int
    numero: int
    correccion: bool
    institucion: str
    institucion_nombre: str
    sector: str
    sector_nombre: str
    indicador: str
    indicador_nombre: str
    unidad: str
    periodo: str
    valor: float
    meta: float
    valor_anterior: float
    valor_validado: float
    avance_pct: float
    semaforo: str
    explicacion: str | None
    motivo: str | None
    evidencia_url: str | None
    evidencia_clave: str | None
    evidencia_nombre: str | None
    requiere_evidencia: bool
    recibido_en: dt.datetime | None
    primer_recibido: dt.datetime | None
    vence: dt.date
    enviado_por: str | None
    banderas: tuple[str, ...]
    avisos: tuple[str, ...]
    #: The period's latest returned version before this one: (número, valor, observación,
    #: devuelto_en), so the analyst sees whether the new value answers what was asked.
    devuelta: tuple[int, float, str | None, dt.datetime | None] | None = None

    @property
    def con_banderas(self) -> bool:
        """Whether the version must be reviewed one by one (bulk validation skips it): it has
        flags, or it is a correction of a validated value."""
        return bool(self.banderas) or self.correccion


@dataclass(frozen=True)
class FiltrosCola:
    """What an analyst narrows the queue to (None: no filter). ``bandera`` is a key of
    :data:`controles.BANDERAS` or :data:`SIN_BANDERAS`; ``tipo`` is ``reporte`` or
    ``correccion``."""

    institucion: str | None = None
    sector: str | None = None
    periodo: str | None = None
    bandera: str | None = None
    tipo: str | None = None


def _exigir_analista(actor: Alcance | None) -> None:
    if not permisos.puede_validar(actor):
        raise ErrorReporte(permisos.SIN_PERMISO_VALIDAR)


def _nan(valor: float | None) -> float:
    return math.nan if valor is None else float(valor)


def contar_pendientes(session: Session, actor: Alcance | None) -> int:
    """How many sent versions wait for review (the navbar's badge); 0 for non-analysts."""
    if not permisos.puede_validar(actor):
        return 0
    return int(
        session.scalar(
            select(func.count()).select_from(Avance).where(Avance.estado == EstadoVersion.enviado)
        )
        or 0
    )


def consultar_cola(
    session: Session, actor: Alcance | None, *, hoy: dt.date, reglas: Reglas | None = None
) -> list[EntradaCola]:
    """Every sent version waiting for review, oldest receipt first, checked in one engine pass.

    Args:
        session: a reading session.
        actor: who asks (only analysts and admin may).
        hoy: the evaluation's cut date (Honduras), as the services use it.
        reglas: thresholds (default rules).

    Raises:
        ErrorReporte: the actor may not validate.
    """
    _exigir_analista(actor)
    reglas = reglas or Reglas()
    validada = aliased(Avance)
    otra = aliased(Avance)
    principal = aliased(InstitucionSector)
    sector_meta = aliased(Sector)
    sector_inst = aliased(Sector)
    primero = (
        select(func.min(otra.recibido_en))
        .where(otra.indicador_id == Avance.indicador_id, otra.periodo == Avance.periodo)
        .scalar_subquery()
    )
    consulta = (
        select(
            Avance.id,
            Avance.numero,
            Avance.reemplaza_id,
            Avance.periodo,
            Avance.valor,
            Avance.explicacion,
            Avance.motivo,
            Avance.evidencia_url,
            Avance.recibido_en,
            Avance.enviado_por,
            Indicador.codigo,
            Indicador.nombre,
            Indicador.unidad,
            Indicador.requiere_evidencia,
            Institucion.sigla,
            Institucion.nombre,
            func.coalesce(sector_meta.codigo, sector_inst.codigo),
            func.coalesce(sector_meta.nombre, sector_inst.nombre),
            Evidencia.clave,
            Evidencia.nombre_original,
            validada.valor,
            primero,
            Avance.indicador_id,
        )
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .join(Institucion, Institucion.id == Indicador.institucion_responsable_id)
        .join(Meta, Meta.id == Indicador.meta_id)
        .outerjoin(sector_meta, sector_meta.id == Meta.sector_id)
        .outerjoin(
            principal,
            (principal.institucion_id == Institucion.id) & principal.principal.is_(True),
        )
        .outerjoin(sector_inst, sector_inst.id == principal.sector_id)
        .outerjoin(Evidencia, Evidencia.id == Avance.evidencia_id)
        .outerjoin(validada, validada.id == Avance.reemplaza_id)
        .where(Avance.estado == EstadoVersion.enviado)
        .order_by(Avance.recibido_en, Avance.id)
    )
    filas = session.execute(consulta).all()
    if not filas:
        return []
    candidatos = [controles.Candidato(f[10], f[3], float(f[4])) for f in filas]
    mcr = queries.load_mcr_indicadores(session, [c.indicador for c in candidatos])
    revisiones = controles.revisar_mcr(mcr, candidatos, reglas, hoy)
    devueltas = _devueltas(session, {int(f.indicador_id) for f in filas})
    entradas = []
    for f, rev in zip(filas, revisiones, strict=True):
        (ident, numero, reemplaza, periodo, valor, explicacion, motivo, url, recibido, enviado_por,
         codigo, nombre, unidad, requiere, sigla, inst_nombre, sector, sector_nombre, clave,
         archivo, valor_validado, primer, indicador_id) = f  # fmt: skip
        primer_utc = None if primer is None else periods.como_utc(primer)
        vence = vencimiento(periodo, reglas)
        tardio = primer_utc is not None and periods.hora_honduras(primer_utc).date() > vence
        entradas.append(
            EntradaCola(
                version_id=int(ident),
                numero=int(numero),
                correccion=reemplaza is not None,
                institucion=str(sigla),
                institucion_nombre=str(inst_nombre),
                sector=str(sector or ""),
                sector_nombre=str(sector_nombre or ""),
                indicador=str(codigo),
                indicador_nombre=str(nombre),
                unidad=str(unidad),
                periodo=str(periodo),
                valor=float(valor),
                meta=rev.meta,
                valor_anterior=rev.valor_anterior,
                valor_validado=_nan(valor_validado),
                avance_pct=rev.avance_pct,
                semaforo=rev.semaforo,
                explicacion=explicacion,
                motivo=motivo,
                evidencia_url=url,
                evidencia_clave=clave,
                evidencia_nombre=archivo,
                requiere_evidencia=bool(requiere),
                recibido_en=None if recibido is None else periods.como_utc(recibido),
                primer_recibido=primer_utc,
                vence=vence,
                enviado_por=enviado_por,
                banderas=tuple(
                    controles.banderas(rev, con_evidencia=bool(url or clave), tardio=tardio)
                ),
                avisos=tuple(rev.avisos),
                devuelta=next(
                    (
                        d
                        for d in reversed(devueltas.get((int(indicador_id), periodo), []))
                        if d[0] < int(numero)
                    ),
                    None,
                ),
            )
        )
    return entradas


Devuelta = tuple[int, float, str | None, dt.datetime | None]


def _devueltas(session: Session, indicadores: set[int]) -> dict[tuple[int, str], list[Devuelta]]:
    """The returned versions of the queue's indicators by (indicator id, period), in number
    order: (número, valor, observación, devuelto_en) — one query for the whole queue."""
    salida: dict[tuple[int, str], list[Devuelta]] = {}
    if not indicadores:
        return salida
    for ind, periodo, numero, valor, observacion, devuelto in session.execute(
        select(
            Avance.indicador_id,
            Avance.periodo,
            Avance.numero,
            Avance.valor,
            Avance.observacion,
            Avance.devuelto_en,
        )
        .where(Avance.estado == EstadoVersion.devuelto, Avance.indicador_id.in_(indicadores))
        .order_by(Avance.indicador_id, Avance.periodo, Avance.numero)
    ):
        cuando = None if devuelto is None else periods.como_utc(devuelto)
        salida.setdefault((ind, periodo), []).append(
            (int(numero), float(valor), observacion, cuando)
        )
    return salida


def filtrar(entradas: Iterable[EntradaCola], f: FiltrosCola) -> list[EntradaCola]:
    """The entries that pass every filter of ``f`` (an unknown value matches nothing)."""

    def pasa(e: EntradaCola) -> bool:
        if f.institucion and e.institucion != f.institucion:
            return False
        if f.sector and e.sector != f.sector:
            return False
        if f.periodo and e.periodo != f.periodo:
            return False
        if f.tipo and ("correccion" if e.correccion else "reporte") != f.tipo:
            return False
        if f.bandera == SIN_BANDERAS:
            return not e.con_banderas
        return not f.bandera or f.bandera in e.banderas

    return [e for e in entradas if pasa(e)]


# --- reaperturas --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReaperturaVigente:
    """A reapertura in force: institution, period, reason, expiry, who and when."""

    id: int
    institucion: str
    institucion_nombre: str
    periodo: str
    motivo: str
    vence_en: dt.date
    creada_por: str
    creada_en: dt.datetime


def reaperturas_vigentes(
    session: Session, actor: Alcance | None, *, hoy: dt.date
) -> list[ReaperturaVigente]:
    """The reaperturas in force on ``hoy`` (expiring first).

    Raises:
        ErrorReporte: the actor may not validate.
    """
    _exigir_analista(actor)
    filas = session.execute(
        select(Reapertura, Institucion.sigla, Institucion.nombre)
        .join(Institucion, Institucion.id == Reapertura.institucion_id)
        .where(Reapertura.vence_en >= hoy)
        .order_by(Reapertura.vence_en, Institucion.sigla, Reapertura.periodo)
    ).all()
    return [
        ReaperturaVigente(
            id=r.id,
            institucion=str(sigla),
            institucion_nombre=str(nombre),
            periodo=r.periodo,
            motivo=r.motivo,
            vence_en=r.vence_en,
            creada_por=r.creada_por,
            creada_en=periods.como_utc(r.creada_en),
        )
        for r, sigla, nombre in filas
    ]


def periodos_cerrados(
    session: Session, *, hoy: dt.date, reglas: Reglas | None = None, maximo: int = 12
) -> list[str]:
    """The programmed periods closed for first reports on ``hoy``, latest first (what a
    reapertura may open)."""
    reglas = reglas or Reglas()
    todos = session.scalars(select(Programacion.periodo).distinct()).all()
    cerrados = [p for p in todos if cerrado(str(p), hoy, reglas)]
    cerrados.sort(key=lambda p: (periods.parse(p).fin, p), reverse=True)
    return cerrados[:maximo]


def instituciones(session: Session) -> list[tuple[str, str]]:
    """Every institution as ``(sigla, nombre)``, by sigla (the reapertura form's choices)."""
    return [
        (str(s), str(n))
        for s, n in session.execute(
            select(Institucion.sigla, Institucion.nombre).order_by(Institucion.sigla)
        )
    ]


def ids_de(entradas: Sequence[EntradaCola]) -> list[int]:
    """The version ids of ``entradas`` (for the bulk action)."""
    return [e.version_id for e in entradas]
