"""The «Revisiones de meta» panel of an indicator page: history, projection support, what the user
may do.

Pure functions of the indicator's evaluated series (:func:`detalle_indicador.serie_indicador`),
its proposals (:func:`data_layer.revisiones.consultas.historial`) and the user's scope; who may do
what is asked of :mod:`data_layer.permisos` (the services ask the same functions again).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from data_layer import periods, permisos
from data_layer.auth import Alcance
from data_layer.engine.frames import MCR
from data_layer.engine.proyeccion_metas import ProyeccionMeta, SinProyeccion, proyectar_meta
from data_layer.revisiones.consultas import Revision
from data_layer.vistas.celdas import numero


@dataclass(frozen=True)
class Ambito:
    """What the permissions ask about an indicator: its goal's level and sector, and the
    institution that reports it."""

    nivel: str | None
    sector: str | None
    institucion_responsable: str | None


def ambito_indicador(mcr: MCR, codigo: str) -> Ambito | None:
    """The :class:`Ambito` of indicator ``codigo`` in ``mcr`` (None when it is not there)."""
    ind = mcr.indicadores.loc[mcr.indicadores["codigo"].astype("str") == str(codigo)]
    if ind.empty:
        return None
    meta = str(ind["meta"].iloc[0])
    metas = mcr.metas.loc[mcr.metas["codigo"].astype("str") == meta]
    nivel = sector = None
    if not metas.empty:
        nivel = None if pd.isna(metas["nivel"].iloc[0]) else str(metas["nivel"].iloc[0])
        sector = None if pd.isna(metas["sector"].iloc[0]) else str(metas["sector"].iloc[0])
    return Ambito(nivel, sector, str(ind["institucion_responsable"].iloc[0]))


def proyeccion_de_serie(serie: pd.DataFrame) -> ProyeccionMeta | SinProyeccion:
    """The projection support of an indicator: its validated values per period (the period's own
    value, as targets are written) projected to its last programmed period."""
    programados = serie.loc[serie["meta_periodo"].notna(), "periodo"].astype("str")
    if programados.empty:
        return SinProyeccion("Sin proyección: el indicador no tiene metas programadas.")
    final = max(programados, key=lambda p: periods.parse(p).ordinal)
    con_valor = serie.loc[serie["valor_periodo"].notna()]
    puntos = list(
        zip(
            con_valor["periodo"].astype("str"),
            con_valor["valor_periodo"].astype(float),
            strict=True,
        )
    )
    return proyectar_meta(puntos, final)


@dataclass(frozen=True)
class PeriodoAbierto:
    """A programmed period that has not ended: its current target and the suggested one."""

    periodo: str
    meta_vigente: float
    sugerida: float | None
    inferior: float | None
    superior: float | None


def periodos_abiertos(
    serie: pd.DataFrame, proyeccion: ProyeccionMeta | SinProyeccion, hoy: dt.date
) -> list[PeriodoAbierto]:
    """The programmed periods that have not ended on ``hoy`` (the ones a proposal may change),
    with the projection's suggested value and range when it reaches them."""
    filas = []
    for periodo, meta in zip(serie["periodo"].astype("str"), serie["meta_periodo"], strict=True):
        vigente = numero(meta)
        if vigente is None or periods.parse(periodo).fin < hoy:
            continue
        sugerida = inferior = superior = None
        if isinstance(proyeccion, ProyeccionMeta) and periodo in proyeccion.periodos:
            i = proyeccion.periodos.index(periodo)
            sugerida = proyeccion.sugeridos[i]
            inferior, superior = proyeccion.inferior[i], proyeccion.superior[i]
        filas.append(PeriodoAbierto(periodo, vigente, sugerida, inferior, superior))
    return filas


@dataclass(frozen=True)
class PanelRevisiones:
    """Everything the «Revisiones de meta» section shows and offers to the current user.

    Attributes:
        historial: every version of every proposal, newest first.
        abierta: the proposal waiting for an opinion or a decision, if any.
        corregible: the latest returned proposal not yet corrected (a new proposal corrects it).
        proyeccion: the projection support (or why there is none).
        abiertos: the periods a proposal may change, with the suggested values.
        puede_proponer, puede_opinar, puede_decidir: which form the user gets now.
    """

    historial: tuple[Revision, ...]
    abierta: Revision | None
    corregible: Revision | None
    proyeccion: ProyeccionMeta | SinProyeccion
    abiertos: tuple[PeriodoAbierto, ...]
    puede_proponer: bool
    puede_opinar: bool
    puede_decidir: bool


def panel_revisiones(
    historial: list[Revision],
    serie: pd.DataFrame,
    ambito: Ambito,
    alcance: Alcance | None,
    hoy: dt.date,
) -> PanelRevisiones:
    """The panel of one indicator for ``alcance`` on ``hoy``."""
    proyeccion = proyeccion_de_serie(serie)
    abiertos = tuple(periodos_abiertos(serie, proyeccion, hoy))
    abierta = next((r for r in historial if r.abierta), None)
    corregible = next((r for r in historial if r.estado == "devuelta" and not r.corregida), None)
    usuario = alcance.usuario if alcance else None
    propia = abierta is not None and abierta.propuesta_por == usuario
    return PanelRevisiones(
        historial=tuple(historial),
        abierta=abierta,
        corregible=corregible if abierta is None else None,
        proyeccion=proyeccion,
        abiertos=abiertos,
        puede_proponer=abierta is None
        and bool(abiertos)
        and permisos.puede_proponer_revision(
            alcance,
            nivel=ambito.nivel,
            sector=ambito.sector,
            institucion_responsable=ambito.institucion_responsable,
        ),
        puede_opinar=abierta is not None
        and abierta.estado == "propuesta"
        and not propia
        and permisos.puede_opinar_revision(alcance),
        puede_decidir=abierta is not None
        and abierta.estado == "con_opinion"
        and not propia
        and permisos.puede_decidir_revision(alcance, nivel=ambito.nivel, sector=ambito.sector),
    )
