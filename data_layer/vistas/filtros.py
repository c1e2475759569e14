"""The URL filters (eje, sector, tema, estado) applied to goals, indicators and alerts.

Rules, each in one place:

- **eje**: a goal belongs to an eje as the engine's roll-ups say
  (:func:`~data_layer.engine.rollup.group_membership`): its own eje, or every eje of its sector
  when it has none; a parent eje (E2) holds the goals of its dimensions (E2-ECO, E2-SOC).
- **sector**: the goal's own sector.
- **tema**: a goal matches when one of its indicators carries the theme; an indicator when it
  carries it itself.
- **estado**: the row's own semáforo.

An indicator passes the eje and sector filters through its goal; an alert through its entity (an
indicator, or a goal). Unknown codes match nothing: the result is empty, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from data_layer.engine.frames import MCR
from data_layer.engine.rollup import group_membership, prepare_metas


class FiltrosLike(Protocol):
    """What the filters need from the dashboard's ``Filtros``: codes or None for "no filter"."""

    @property
    def eje(self) -> str | None: ...  # noqa: D102

    @property
    def sector(self) -> str | None: ...  # noqa: D102

    @property
    def tema(self) -> str | None: ...  # noqa: D102

    @property
    def estado(self) -> str | None: ...  # noqa: D102


@dataclass(frozen=True)
class FiltroParcial:
    """A subset of some filters, to reuse one rule without the others."""

    eje: str | None = None
    sector: str | None = None
    tema: str | None = None
    estado: str | None = None


def _codigos(frame: pd.DataFrame) -> pd.Index:
    """The row codes of ``frame``: its ``codigo`` column when it has one, else its index."""
    if "codigo" in frame.columns:
        return pd.Index(frame["codigo"].astype("str"))
    return pd.Index(frame.index.astype("str"))


def metas_del_eje(mcr: MCR, eje: str) -> pd.Index:
    """Codes of the goals that belong to ``eje`` (see the module's eje rule)."""
    metas = prepare_metas(mcr.metas)
    pares = group_membership(metas, mcr, "eje")
    return pd.Index(pares.loc[pares["grupo"] == eje, "meta"].astype("str").unique())


def indicadores_del_tema(mcr: MCR, tema: str) -> pd.Index:
    """Codes of the indicators tagged with the transversal theme ``tema``."""
    temas = mcr.indicador_temas
    return pd.Index(temas.loc[temas["tema"] == tema, "indicador"].astype("str").unique())


def metas_filtradas(mcr: MCR, f: FiltrosLike) -> pd.Index | None:
    """Codes of the goals that pass the eje, sector and tema filters; None when none is set."""
    if not (f.eje or f.sector or f.tema):
        return None
    codigos = pd.Index(mcr.metas["codigo"].astype("str"))
    if f.eje:
        codigos = codigos.intersection(metas_del_eje(mcr, f.eje), sort=False)
    if f.sector:
        del_sector = mcr.metas.loc[mcr.metas["sector"] == f.sector, "codigo"].astype("str")
        codigos = codigos.intersection(pd.Index(del_sector), sort=False)
    if f.tema:
        indicadores = mcr.indicadores.set_index(mcr.indicadores["codigo"].astype("str"))
        con_tema = indicadores["meta"].reindex(indicadores_del_tema(mcr, f.tema)).dropna()
        codigos = codigos.intersection(pd.Index(con_tema.astype("str").unique()), sort=False)
    return codigos


def _por_estado(frame: pd.DataFrame, estado: str | None) -> np.ndarray:
    if not estado:
        return np.ones(len(frame), dtype=bool)
    if "semaforo" not in frame.columns:
        raise ValueError("Para filtrar por estado, la tabla necesita la columna «semaforo».")
    return (frame["semaforo"].astype("str") == estado).to_numpy()


def filtrar_metas(metas: pd.DataFrame, mcr: MCR, f: FiltrosLike) -> pd.DataFrame:
    """The goals of ``metas`` that pass the filters ``f``.

    Args:
        metas: one row per goal, identified by a ``codigo`` column or by the index (as the
            engine's ``Resultado.metas``); needs ``semaforo`` when ``f.estado`` is set.
        mcr: the MCR (eje membership, sectors, indicator themes).
        f: the filters; None values filter nothing.

    Returns:
        The matching rows, in their original order.
    """
    mascara = _por_estado(metas, f.estado)
    permitidas = metas_filtradas(mcr, f)
    if permitidas is not None:
        mascara = mascara & _codigos(metas).isin(permitidas)
    return metas.loc[mascara]


def filtrar_indicadores(indicadores: pd.DataFrame, mcr: MCR, f: FiltrosLike) -> pd.DataFrame:
    """The indicators of ``indicadores`` that pass the filters ``f``.

    Eje and sector are their goal's; tema and estado their own.

    Args:
        indicadores: one row per indicator, identified by a ``codigo`` column or the index (as
            the engine's ``Resultado.indicadores``); needs ``semaforo`` when ``f.estado`` is set.
        mcr: the MCR (each indicator's goal and themes).
        f: the filters.

    Returns:
        The matching rows, in their original order.
    """
    mascara = _por_estado(indicadores, f.estado)
    codigos = _codigos(indicadores)
    if f.eje or f.sector:
        metas = metas_filtradas(mcr, FiltroParcial(eje=f.eje, sector=f.sector))
        meta_de = pd.Series(
            mcr.indicadores["meta"].astype("str").to_numpy(),
            index=mcr.indicadores["codigo"].astype("str").to_numpy(),
        )
        mascara = (
            mascara & meta_de.reindex(codigos).isin(metas if metas is not None else []).to_numpy()
        )
    if f.tema:
        mascara = mascara & codigos.isin(indicadores_del_tema(mcr, f.tema))
    return indicadores.loc[mascara]


def filtrar_alertas(alertas: pd.DataFrame, mcr: MCR, f: FiltrosLike) -> pd.DataFrame:
    """The alerts of ``alertas`` whose entity passes the filters ``f``.

    An alert about an indicator passes when the indicator does (:func:`filtrar_indicadores`
    rules); one about a goal when the goal does (:func:`filtrar_metas` rules). Alerts about a
    mesa or an acuerdo pass the eje and sector filters through the ``eje``/``sector`` columns of
    the enriched frame (the mesa's sector and its ejes), and never a tema filter. The estado
    filter uses the entity's ``semaforo`` column when the frame has one (see
    :func:`data_layer.vistas.alertas.enriquecer_alertas`) and is ignored otherwise, since an
    alert itself has no traffic-light state.

    Args:
        alertas: the engine's alert frame (``entidad_tipo``, ``entidad``...).
        mcr: the MCR.
        f: the filters.

    Returns:
        The matching alerts, in their original order.
    """
    if f.estado and "semaforo" in alertas.columns:
        mascara = (alertas["semaforo"].astype("str") == f.estado).to_numpy()
    else:
        mascara = np.ones(len(alertas), dtype=bool)
    if not (f.eje or f.sector or f.tema):
        return alertas.loc[mascara]
    sin_estado = FiltroParcial(eje=f.eje, sector=f.sector, tema=f.tema)
    tipo = alertas["entidad_tipo"].astype("str").to_numpy()
    entidad = pd.Index(alertas["entidad"].astype("str"))
    indicadores = _codigos(
        filtrar_indicadores(pd.DataFrame(index=mcr.indicadores["codigo"]), mcr, sin_estado)
    )
    metas = _codigos(filtrar_metas(pd.DataFrame(index=mcr.metas["codigo"]), mcr, sin_estado))
    de_mesa = np.ones(len(alertas), dtype=bool) if not f.tema else np.zeros(len(alertas), bool)
    if f.sector:
        sectores = alertas.get("sector", pd.Series("", index=alertas.index)).astype("str")
        de_mesa &= (sectores == f.sector).to_numpy()
    if f.eje:
        padres = mcr.ejes.set_index("codigo")["eje_padre"].astype("object")
        ejes = alertas.get("eje", pd.Series("", index=alertas.index)).astype("str")
        de_mesa &= ((ejes == f.eje) | (ejes.map(padres) == f.eje)).to_numpy()
    pasa = np.where(
        tipo == "indicador",
        entidad.isin(indicadores),
        np.where(tipo == "meta", entidad.isin(metas), de_mesa),
    )
    return alertas.loc[mascara & pasa]
