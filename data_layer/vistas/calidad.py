"""The data-quality page's view (``/calidad``) and an institution's own reporting rates.

Built from :func:`data_layer.reportes.calidad.estado_reportes` (one row per expected report at a
cut date): rates per institution and per sector for one quarter, worst first, and the trend of
completeness and timeliness over the quarters, all cut down to the sectors a user may see.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_layer.engine.frames import MCR
from data_layer.reportes.calidad import CONTEOS, TASAS, ordenar_peores, tasas
from data_layer.vistas.linaje import sectores_principales


@dataclass(frozen=True)
class VistaCalidad:
    """What ``/calidad`` shows for one quarter and sector.

    Attributes:
        periodo: the quarter shown (None when no report is expected yet).
        periodos: the quarters with expected reports, latest first (the period filter).
        sectores: (code, name) of the sectors the user may filter on, by name.
        sector: the sector filter applied (None: every visible sector).
        total: counts and rates of every report shown (:data:`CONTEOS`, :data:`TASAS`).
        instituciones: per institution, worst first: ``institucion``, ``nombre``, ``sector``
            (its main sector), the counts and rates.
        por_sector: per sector, worst first: ``sector``, ``nombre``, counts and rates.
        tendencia: per quarter, oldest first: ``trimestre``, counts and rates.
    """

    periodo: str | None
    periodos: list[str]
    sectores: list[tuple[str, str]]
    sector: str | None
    total: dict[str, float]
    instituciones: pd.DataFrame
    por_sector: pd.DataFrame
    tendencia: pd.DataFrame


def _visibles(estado: pd.DataFrame, permitidos: frozenset[str] | None) -> pd.DataFrame:
    if permitidos is None:
        return estado
    return estado[estado["sector"].isin(list(permitidos)).to_numpy()]


def _total(filas: pd.DataFrame) -> dict[str, float]:
    t = tasas(filas.assign(_todo=0), ["_todo"])
    if t.empty:
        return {**dict.fromkeys(CONTEOS, 0), **dict.fromkeys(TASAS, float("nan"))}
    fila = t.iloc[0]
    return {c: float(fila[c]) for c in (*CONTEOS, *TASAS)}


def vista_calidad(
    estado: pd.DataFrame,
    mcr: MCR,
    *,
    periodo: str | None = None,
    sector: str | None = None,
    permitidos: frozenset[str] | None = None,
) -> VistaCalidad:
    """The page's content.

    Args:
        estado: :func:`~data_layer.reportes.calidad.estado_reportes` at the cut date.
        mcr: the MCR (names of institutions and sectors, main sectors).
        periodo: the quarter asked for; one without expected reports (or None) gives the
            latest quarter with expected reports.
        sector: the sector asked for; one the user may not see (or unknown) is ignored.
        permitidos: the sectors the user may see (None: all), from
            :func:`data_layer.permisos.sectores_calidad`.
    """
    visibles = _visibles(estado, permitidos)
    nombres_sector = mcr.sectores.set_index(mcr.sectores["codigo"].astype("str"))["nombre"]
    codigos = sorted(set(visibles["sector"].dropna().astype("str")))
    opciones = sorted(((c, str(nombres_sector.get(c, c))) for c in codigos), key=lambda par: par[1])
    sector = sector if sector in codigos else None
    if sector is not None:
        visibles = visibles[(visibles["sector"] == sector).to_numpy()]
    periodos = sorted(set(visibles["trimestre"].astype("str")), reverse=True)
    periodo = periodo if periodo in periodos else (periodos[0] if periodos else None)
    del_periodo = visibles[(visibles["trimestre"] == periodo).to_numpy()]

    nombres_inst = mcr.instituciones.set_index(mcr.instituciones["sigla"].astype("str"))["nombre"]
    por_inst = tasas(del_periodo, ["institucion"])
    por_inst.insert(
        1, "nombre", por_inst["institucion"].map(nombres_inst).fillna(por_inst["institucion"])
    )
    por_inst.insert(2, "sector", por_inst["institucion"].map(sectores_principales(mcr)))
    por_sector = tasas(del_periodo, ["sector"])
    por_sector.insert(
        1, "nombre", por_sector["sector"].map(nombres_sector).fillna(por_sector["sector"])
    )
    return VistaCalidad(
        periodo=periodo,
        periodos=periodos,
        sectores=opciones,
        sector=sector,
        total=_total(del_periodo),
        instituciones=ordenar_peores(por_inst, "institucion"),
        por_sector=ordenar_peores(por_sector, "sector"),
        tendencia=tasas(visibles, ["trimestre"]).sort_values("trimestre").reset_index(drop=True),
    )


def calidad_institucion(estado: pd.DataFrame, sigla: str) -> dict[str, object] | None:
    """An institution's counts and rates in the latest quarter with reports expected of it
    (``periodo`` added), or None when nothing was expected of it yet."""
    propias = estado[(estado["institucion"] == sigla).to_numpy()]
    if propias.empty:
        return None
    ultimo = str(np.max(propias["trimestre"].astype("str").to_numpy()))
    return {"periodo": ultimo, **_total(propias[(propias["trimestre"] == ultimo).to_numpy()])}
