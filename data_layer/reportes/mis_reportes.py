"""What an institution has to report, read in a few batched queries (no query per row).

For the indicators an institution is responsible for: their targets (``Programacion``), every
version of their values (``Avance``, latest first per period) and the reaperturas in force. The
view-model (:mod:`data_layer.vistas.reportes`) turns them into one row per indicator and period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer.models import (
    Avance,
    EstadoVersion,
    Evidencia,
    Indicador,
    Institucion,
    Programacion,
    Reapertura,
)


@dataclass(frozen=True)
class IndicadorPropio:
    """An indicator the institution reports, with what a form needs to know of it."""

    id: int
    codigo: str
    nombre: str
    unidad: str
    frecuencia: str
    institucion: str
    requiere_evidencia: bool


@dataclass(frozen=True)
class VersionLeida:
    """The fields of one value version that the planning unit sees."""

    id: int
    numero: int
    estado: EstadoVersion
    valor: float
    explicacion: str | None
    evidencia_url: str | None
    evidencia_id: int | None
    observacion: str | None
    recibido_en: dt.datetime | None
    devuelto_en: dt.datetime | None
    validado_en: dt.datetime | None
    revisado_por: str | None
    bloqueo: int
    evidencia_clave: str | None = None
    evidencia_nombre: str | None = None


@dataclass
class DatosInstitucion:
    """Everything :mod:`data_layer.vistas.reportes` needs of one or more institutions.

    Attributes:
        indicadores: by indicator id.
        metas: current target per (indicator id, period).
        ultimas: the latest version per (indicator id, period).
        recibidos: (indicator id, period) pairs that were ever sent (a first report exists).
        reabiertos: (institution sigla, period) pairs with a reapertura in force today.
        validados: (indicator id, period) pairs with a validated value (changed only by a
            solicitud de corrección).
    """

    indicadores: dict[int, IndicadorPropio] = field(default_factory=dict)
    metas: dict[tuple[int, str], float] = field(default_factory=dict)
    ultimas: dict[tuple[int, str], VersionLeida] = field(default_factory=dict)
    recibidos: set[tuple[int, str]] = field(default_factory=set)
    validados: set[tuple[int, str]] = field(default_factory=set)
    reabiertos: set[tuple[str, str]] = field(default_factory=set)


def cargar(
    session: Session,
    instituciones: Collection[str],
    hoy: dt.date,
    *,
    indicador: str | None = None,
    ver_borradores: bool = True,
) -> DatosInstitucion:
    """Read the indicators, targets, versions and reaperturas of ``instituciones`` (4 queries).

    Args:
        session: a reading session.
        instituciones: siglas of the institutions (the caller checked the user may see them).
        hoy: today (Honduras), for the reaperturas in force.
        indicador: only this indicator code (the form of one row).
    """
    datos = DatosInstitucion()
    siglas = sorted(set(instituciones))
    if not siglas:
        return datos
    consulta = (
        select(
            Indicador.id,
            Indicador.codigo,
            Indicador.nombre,
            Indicador.unidad,
            Indicador.frecuencia,
            Institucion.sigla,
            Indicador.requiere_evidencia,
        )
        .join(Institucion, Institucion.id == Indicador.institucion_responsable_id)
        .where(Institucion.sigla.in_(siglas))
        .order_by(Indicador.codigo)
    )
    if indicador is not None:
        consulta = consulta.where(Indicador.codigo == str(indicador))
    for ident, codigo, nombre, unidad, frecuencia, sigla, evidencia in session.execute(consulta):
        datos.indicadores[ident] = IndicadorPropio(
            ident, codigo, nombre, unidad, str(frecuencia), sigla, bool(evidencia)
        )
    ids = list(datos.indicadores)
    if not ids:
        return datos
    for ident, periodo, meta in session.execute(
        select(Programacion.indicador_id, Programacion.periodo, Programacion.meta).where(
            Programacion.indicador_id.in_(ids)
        )
    ):
        datos.metas[(ident, periodo)] = meta
    versiones = session.execute(
        select(
            Avance.indicador_id,
            Avance.periodo,
            Avance.id,
            Avance.numero,
            Avance.estado,
            Avance.valor,
            Avance.explicacion,
            Avance.evidencia_url,
            Avance.evidencia_id,
            Avance.observacion,
            Avance.recibido_en,
            Avance.devuelto_en,
            Avance.validado_en,
            Avance.revisado_por,
            Avance.bloqueo,
            Evidencia.clave,
            Evidencia.nombre_original,
        )
        .outerjoin(Evidencia, Evidencia.id == Avance.evidencia_id)
        .where(Avance.indicador_id.in_(ids))
        .order_by(Avance.indicador_id, Avance.periodo, Avance.numero)
    )
    for fila in versiones:
        clave = (fila[0], fila[1])
        if fila.estado is EstadoVersion.validado:
            datos.validados.add(clave)
        if fila.estado is EstadoVersion.borrador and not ver_borradores:
            continue  # a draft is its institution's only (DOMAIN.md §8)
        datos.ultimas[clave] = VersionLeida(*tuple(fila)[2:])  # by numero: the last one wins
        if fila.recibido_en is not None:
            datos.recibidos.add(clave)
    for sigla, periodo in session.execute(
        select(Institucion.sigla, Reapertura.periodo)
        .join(Institucion, Institucion.id == Reapertura.institucion_id)
        .where(Institucion.sigla.in_(siglas), Reapertura.vence_en >= hoy)
    ):
        datos.reabiertos.add((sigla, periodo))
    return datos


def institucion_existe(session: Session, sigla: str) -> bool:
    """Whether an institution with ``sigla`` exists."""
    return session.scalar(select(Institucion.id).where(Institucion.sigla == str(sigla))) is not None


def instituciones(session: Session) -> list[tuple[str, str]]:
    """Every institution's (sigla, nombre), by sigla (an analyst picks one to look at)."""
    return [
        (s, n)
        for s, n in session.execute(
            select(Institucion.sigla, Institucion.nombre).order_by(Institucion.sigla)
        )
    ]
