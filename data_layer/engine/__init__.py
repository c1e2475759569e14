"""The progress engine: pure pandas evaluation of the MCR (DOMAIN.md §3 and the MCR alerts of §4).

``run`` evaluates everything for one period and cut date; the other functions are its steps,
usable on their own. No I/O: the input is an :class:`~data_layer.engine.frames.MCR` of DataFrames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from data_layer.engine.alerts import SEVERIDADES, alerts, generar_alertas
from data_layer.engine.frames import MCR, Reglas
from data_layer.engine.inputs import Entradas, preparar
from data_layer.engine.progress import evaluar_indicadores, evaluate
from data_layer.engine.projection import project, proyectar
from data_layer.engine.rollup import (
    agregar,
    distribucion_bandas,
    evaluacion_institucional,
    evaluar_metas,
)

__all__ = [
    "MCR",
    "SEVERIDADES",
    "Reglas",
    "Resultado",
    "agregar",
    "distribucion_bandas",
    "evaluacion_institucional",
    "evaluar_indicadores",
    "evaluar_metas",
    "generar_alertas",
    "metas_por_periodo",
    "proyectar",
    "run",
    "run_periodos",
]


@dataclass(frozen=True)
class Resultado:
    """Everything the engine computes for one evaluated period and cut date."""

    periodo: str
    fecha_corte: dt.date
    reglas: Reglas
    indicadores: pd.DataFrame
    metas: pd.DataFrame
    proyecciones: pd.DataFrame
    alertas: pd.DataFrame


def run(mcr: MCR, periodo: str, fecha_corte: dt.date, reglas: Reglas | None = None) -> Resultado:
    """Evaluate indicators, goals, projections and alerts of ``mcr`` as of ``periodo``.

    Args:
        mcr: the whole MCR.
        periodo: the evaluated period, e.g. ``2024-T3``.
        fecha_corte: the cut date: later reports are ignored; decides pendiente vs sin_dato.
        reglas: thresholds and deadlines (DIGER's defaults when None).

    Returns:
        A :class:`Resultado`.
    """
    reglas = reglas or Reglas()
    return _evaluar(mcr, preparar(mcr, fecha_corte, reglas.plazo_reporte_dias), periodo, reglas)


def run_periodos(
    mcr: MCR, periodos: Sequence[str], fecha_corte: dt.date, reglas: Reglas | None = None
) -> dict[str, Resultado]:
    """:func:`run` for each of ``periodos`` at one cut date, preparing the inputs once.

    The inputs depend on the cut date only, so a request that evaluates several periods (the
    overview compares two quarters) pays their preparation once; each result is exactly
    ``run(mcr, periodo, fecha_corte, reglas)``.
    """
    reglas = reglas or Reglas()
    ent = preparar(mcr, fecha_corte, reglas.plazo_reporte_dias)
    return {p: _evaluar(mcr, ent, p, reglas) for p in dict.fromkeys(periodos)}


def _evaluar(mcr: MCR, ent: Entradas, periodo: str, reglas: Reglas) -> Resultado:
    indicadores = evaluate(ent, periodo, reglas)
    metas = evaluar_metas(mcr, indicadores, reglas)
    proyecciones = project(ent, indicadores, periodo, reglas)
    alertas = alerts(ent, mcr, indicadores, metas, proyecciones, periodo, reglas)
    return Resultado(periodo, ent.fecha_corte, reglas, indicadores, metas, proyecciones, alertas)


def metas_por_periodo(
    mcr: MCR, periodos: Sequence[str], fecha_corte: dt.date, reglas: Reglas | None = None
) -> dict[str, pd.DataFrame]:
    """The goals of ``mcr`` evaluated as of each of ``periodos`` at one cut date.

    The same frames as ``run(mcr, periodo, fecha_corte, reglas).metas`` for each period, without
    projections and alerts, and with the inputs prepared once for all periods (they depend on the
    cut date only): what a heat map of several quarters needs, about four times cheaper than
    one ``run`` per quarter.
    """
    reglas = reglas or Reglas()
    ent = preparar(mcr, fecha_corte, reglas.plazo_reporte_dias)
    return {p: evaluar_metas(mcr, evaluate(ent, p, reglas), reglas) for p in periodos}
