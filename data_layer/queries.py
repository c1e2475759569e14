"""Read the MCR from the database into the engine's DataFrames (session in, DataFrame out)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from data_layer import periods, versiones
from data_layer.engine.frames import COLUMNAS, MCR, typed_frame
from data_layer.models import (
    Avance,
    Contribucion,
    Eje,
    EstadoVersion,
    Evidencia,
    Importacion,
    Indicador,
    Institucion,
    InstitucionSector,
    Meta,
    Programacion,
    Sector,
    TemaTransversal,
    indicador_tema,
    sector_eje,
)

_ENUM_COLUMNS = {"nivel", "eslabon", "sentido", "tipo", "frecuencia"}


def _filas(session: Session, stmt: Select) -> list[tuple[Any, ...]]:
    """The statement's rows as plain tuples: pandas inspects each SQLAlchemy ``Row`` for named
    fields, which costs more than the query itself on large frames."""
    return [tuple(fila) for fila in session.execute(stmt)]


def _frame(session: Session, stmt: Select, nombre: str) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(_filas(session, stmt), columns=list(COLUMNAS[nombre]))
    for columna in _ENUM_COLUMNS.intersection(frame.columns):
        # StrEnum members → plain text, which is what the engine compares and shows.
        frame[columna] = frame[columna].map(str)
    return typed_frame(frame, nombre)


def query_ejes() -> Select:
    """Ejes with their parent's code."""
    padre = aliased(Eje)
    return (
        select(Eje.codigo, Eje.nombre, padre.codigo)
        .outerjoin(padre, Eje.eje_padre_id == padre.id)
        .order_by(Eje.codigo)
    )


def query_sectores() -> Select:
    """Sectors with the sigla of their lead institution."""
    return (
        select(Sector.codigo, Sector.nombre, Institucion.sigla)
        .outerjoin(Institucion, Sector.institucion_rectora_id == Institucion.id)
        .order_by(Sector.codigo)
    )


def query_sector_ejes() -> Select:
    """Sector ↔ eje links."""
    return (
        select(Sector.codigo, Eje.codigo)
        .join(sector_eje, sector_eje.c.sector_id == Sector.id)
        .join(Eje, Eje.id == sector_eje.c.eje_id)
        .order_by(Sector.codigo, Eje.codigo)
    )


def query_instituciones() -> Select:
    """Institutions."""
    return select(Institucion.sigla, Institucion.nombre).order_by(Institucion.sigla)


def query_institucion_sectores() -> Select:
    """Institution ↔ sector participations, with the main-sector flag."""
    return (
        select(Institucion.sigla, Sector.codigo, InstitucionSector.principal)
        .join(InstitucionSector, InstitucionSector.institucion_id == Institucion.id)
        .join(Sector, Sector.id == InstitucionSector.sector_id)
        .order_by(Institucion.sigla, Sector.codigo)
    )


def query_metas() -> Select:
    """Goals with the codes of their eje, sector and institution."""
    return (
        select(
            Meta.codigo,
            Meta.nivel,
            Meta.descripcion,
            Eje.codigo,
            Sector.codigo,
            Institucion.sigla,
            Meta.peso,
        )
        .outerjoin(Eje, Meta.eje_id == Eje.id)
        .outerjoin(Sector, Meta.sector_id == Sector.id)
        .outerjoin(Institucion, Meta.institucion_id == Institucion.id)
        .order_by(Meta.codigo)
    )


def query_contribuciones() -> Select:
    """Weighted contribution links between goals, as codes."""
    destino = aliased(Meta)
    return (
        select(Meta.codigo, destino.codigo, Contribucion.peso)
        .join(Contribucion, Contribucion.meta_id == Meta.id)
        .join(destino, destino.id == Contribucion.meta_destino_id)
        .order_by(Meta.codigo, destino.codigo)
    )


def query_indicadores() -> Select:
    """Indicators with their goal's code and the responsible institution's sigla."""
    return (
        select(
            Indicador.codigo,
            Meta.codigo,
            Indicador.nombre,
            Indicador.eslabon,
            Indicador.unidad,
            Indicador.sentido,
            Indicador.tipo,
            Indicador.frecuencia,
            Indicador.linea_base,
            Indicador.anio_base,
            Indicador.fuente,
            Institucion.sigla,
            Indicador.umbral_verde,
            Indicador.umbral_amarillo,
            Indicador.peso,
        )
        .join(Meta, Meta.id == Indicador.meta_id)
        .join(Institucion, Institucion.id == Indicador.institucion_responsable_id)
        .order_by(Indicador.codigo)
    )


def query_indicador_temas() -> Select:
    """Indicator ↔ transversal theme tags."""
    return (
        select(Indicador.codigo, TemaTransversal.nombre)
        .join(indicador_tema, indicador_tema.c.indicador_id == Indicador.id)
        .join(TemaTransversal, TemaTransversal.id == indicador_tema.c.tema_id)
        .order_by(Indicador.codigo, TemaTransversal.nombre)
    )


def query_programacion() -> Select:
    """Every target, original and current."""
    return (
        select(
            Indicador.codigo, Programacion.periodo, Programacion.meta_original, Programacion.meta
        )
        .join(Indicador, Indicador.id == Programacion.indicador_id)
        .order_by(Indicador.codigo, Programacion.periodo)
    )


#: Versions that count in official figures at some cut date (DOMAIN.md §8).
_VALIDADAS = (EstadoVersion.validado, EstadoVersion.reemplazado)
#: Versions that were sent at some point (their ``recibido_en`` is a receipt).
_RECIBIDAS = (
    EstadoVersion.enviado,
    EstadoVersion.devuelto,
    EstadoVersion.validado,
    EstadoVersion.reemplazado,
)


def query_avances() -> Select:
    """Every validated version (current or replaced) with its report and validation times."""
    return (
        select(
            Indicador.codigo,
            Avance.periodo,
            Avance.valor,
            Avance.fecha_reporte,
            Avance.validado_en,
        )
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .where(Avance.estado.in_(_VALIDADAS))
        .order_by(Indicador.codigo, Avance.periodo, Avance.numero)
    )


def query_recepciones() -> Select:
    """The first receipt of every period that was ever sent, validated or not."""
    return (
        select(Indicador.codigo, Avance.periodo, func.min(Avance.recibido_en))
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .where(Avance.estado.in_(_RECIBIDAS), Avance.recibido_en.is_not(None))
        .group_by(Indicador.codigo, Avance.periodo)
        .order_by(Indicador.codigo, Avance.periodo)
    )


def query_versiones() -> Select:
    """Every version that was sent (any state but borrador) with its receipt and review times,
    and whether it carries an explanation of a variance."""
    return (
        select(
            Indicador.codigo,
            Avance.periodo,
            Avance.numero,
            Avance.recibido_en,
            Avance.validado_en,
            Avance.devuelto_en,
            Avance.explicacion.is_not(None),
        )
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .where(Avance.estado.in_(_RECIBIDAS), Avance.recibido_en.is_not(None))
        .order_by(Indicador.codigo, Avance.periodo, Avance.numero)
    )


def query_versiones_indicador(codigo: str) -> Select:
    """Every version of one indicator's values (drafts included: the caller decides who sees
    them), with its evidence file's ``clave``, by period and version number."""
    return (
        select(
            Avance.periodo,
            Avance.numero,
            Avance.estado,
            Avance.origen,
            Avance.valor,
            Avance.creado_por,
            Avance.creado_en,
            Avance.enviado_por,
            Avance.recibido_en,
            Avance.revisado_por,
            Avance.validado_en,
            Avance.devuelto_en,
            Avance.reemplazado_en,
            Avance.explicacion,
            Avance.observacion,
            Avance.motivo,
            Avance.comentario,
            Avance.evidencia_url,
            Evidencia.clave.label("evidencia_clave"),
            Evidencia.nombre_original.label("evidencia_nombre"),
        )
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .outerjoin(Evidencia, Evidencia.id == Avance.evidencia_id)
        .where(Indicador.codigo == str(codigo))
        .order_by(Avance.periodo, Avance.numero)
    )


def dia_honduras(momentos: pd.Series) -> pd.Series:
    """Stored times (aware, or naive UTC from SQLite) as Honduras dates at midnight (naive)."""
    utc = pd.to_datetime(momentos, utc=True)
    return utc.dt.tz_convert(periods.ZONA_HONDURAS).dt.tz_localize(None).dt.normalize()


def _avances_y_recepciones(
    session: Session, codigos: Sequence[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The engine's ``avances`` and ``recepciones`` frames, in Honduras dates (of the indicators
    ``codigos`` only, when given).

    A version's ``fecha_reporte`` becomes its period's first receipt: timeliness counts from it.
    """
    q_rec, q_av = query_recepciones(), query_avances()
    if codigos is not None:
        q_rec = q_rec.where(Indicador.codigo.in_(codigos))
        q_av = q_av.where(Indicador.codigo.in_(codigos))
    recepciones = pd.DataFrame.from_records(
        _filas(session, q_rec), columns=list(COLUMNAS["recepciones"])
    )
    recepciones["recibido_en"] = dia_honduras(recepciones["recibido_en"])
    avances = pd.DataFrame.from_records(_filas(session, q_av), columns=list(COLUMNAS["avances"]))
    avances["validado_en"] = dia_honduras(avances["validado_en"])
    primera = avances[["indicador", "periodo"]].merge(
        recepciones, on=["indicador", "periodo"], how="left"
    )["recibido_en"]
    avances["fecha_reporte"] = primera.fillna(pd.to_datetime(avances["fecha_reporte"])).to_numpy()
    return typed_frame(avances, "avances"), typed_frame(recepciones, "recepciones")


def _versiones(session: Session, codigos: Sequence[str] | None = None) -> pd.DataFrame:
    """The engine's ``versiones`` frame, in Honduras dates (of ``codigos`` only, when given)."""
    q = query_versiones()
    if codigos is not None:
        q = q.where(Indicador.codigo.in_(codigos))
    frame = pd.DataFrame.from_records(session.execute(q).all(), columns=list(COLUMNAS["versiones"]))
    for col in ("recibido_en", "validado_en", "devuelto_en"):
        frame[col] = dia_honduras(frame[col])
    return typed_frame(frame, "versiones")


def load_mcr(session: Session) -> MCR:
    """Read the whole MCR into the engine's frames (a dozen queries, no per-row work)."""
    avances, recepciones = _avances_y_recepciones(session)
    return MCR(
        ejes=_frame(session, query_ejes(), "ejes"),
        sectores=_frame(session, query_sectores(), "sectores"),
        sector_ejes=_frame(session, query_sector_ejes(), "sector_ejes"),
        instituciones=_frame(session, query_instituciones(), "instituciones"),
        institucion_sectores=_frame(session, query_institucion_sectores(), "institucion_sectores"),
        metas=_frame(session, query_metas(), "metas"),
        contribuciones=_frame(session, query_contribuciones(), "contribuciones"),
        indicadores=_frame(session, query_indicadores(), "indicadores"),
        indicador_temas=_frame(session, query_indicador_temas(), "indicador_temas"),
        programacion=_frame(session, query_programacion(), "programacion"),
        avances=avances,
        recepciones=recepciones,
        versiones=_versiones(session),
    )


def load_mcr_indicadores(session: Session, codigos: Sequence[str]) -> MCR:
    """The indicator part of the MCR (indicators, targets, validated values and receipts) of
    the indicators ``codigos`` only: for checking a few values without reading the whole MCR."""
    codigos = sorted(set(codigos))
    avances, recepciones = _avances_y_recepciones(session, codigos)
    return MCR(
        indicadores=_frame(
            session, query_indicadores().where(Indicador.codigo.in_(codigos)), "indicadores"
        ),
        programacion=_frame(
            session, query_programacion().where(Indicador.codigo.in_(codigos)), "programacion"
        ),
        avances=avances,
        recepciones=recepciones,
    )


def load_versiones(session: Session, codigo: str) -> pd.DataFrame:
    """The rows of :func:`query_versiones_indicador` for indicator ``codigo`` (one per version;
    times as stored: aware, or naive UTC from SQLite)."""
    stmt = query_versiones_indicador(codigo)
    rows = session.execute(stmt).all()
    return pd.DataFrame.from_records(rows, columns=[c.name for c in stmt.selected_columns])


def data_version(session: Session) -> int:
    """The MCR data version, part of every cache key: the id of the latest import that changed
    data plus the ``valores`` counter that every sent, returned or validated version moves
    (:mod:`data_layer.versiones`). Both only grow, so the sum changes with every change."""
    return int(session.scalar(select(versiones.version_datos())) or 0)


def latest_import(session: Session) -> Importacion | None:
    """The latest import that changed data, for "datos al dd/mm/aaaa" and the demo label."""
    return session.scalars(select(Importacion).order_by(Importacion.id.desc()).limit(1)).first()
