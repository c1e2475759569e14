"""Read the MCR from the database into the engine's DataFrames (session in, DataFrame out)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from data_layer.engine.frames import COLUMNAS, MCR, typed_frame
from data_layer.models import (
    Avance,
    Contribucion,
    Eje,
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


def _frame(session: Session, stmt: Select, nombre: str) -> pd.DataFrame:
    rows = session.execute(stmt).all()
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNAS[nombre]))
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


def query_avances() -> Select:
    """Every reported value with its report date."""
    return (
        select(Indicador.codigo, Avance.periodo, Avance.valor, Avance.fecha_reporte)
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .order_by(Indicador.codigo, Avance.periodo)
    )


def load_mcr(session: Session) -> MCR:
    """Read the whole MCR into the engine's frames (a dozen queries, no per-row work)."""
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
        avances=_frame(session, query_avances(), "avances"),
    )


def data_version(session: Session) -> int:
    """Id of the latest import that changed data (0 when none): part of every cache key."""
    return session.scalar(select(func.coalesce(func.max(Importacion.id), 0))) or 0


def latest_import(session: Session) -> Importacion | None:
    """The latest import that changed data, for "datos al dd/mm/aaaa" and the demo label."""
    return session.scalars(select(Importacion).order_by(Importacion.id.desc()).limit(1)).first()
