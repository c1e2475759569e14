"""The level pages: an eje, a sector or an institution with its goals, members and history.

Pure functions of the engine's results and the :class:`MCR`. Each group is read at its own level:
an eje through its presidential goals, a sector through its sectorial goals, an institution through
its institutional goals (:data:`NIVEL_PROPIO`), so that the number a page shows in its header is
the number the level above shows in its row for it. Membership of goals in groups and every
roll-up are the engine's (:func:`~data_layer.engine.rollup.group_membership`,
:func:`~data_layer.engine.rollup.agregar`). An institution's indicators, yearly evaluation and
reporting record are in :mod:`data_layer.vistas.institucion`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from data_layer import periods
from data_layer.engine.frames import (
    ESTADOS,
    MCR,
    NIVELES,
    NO_PROGRAMADO,
    PENDIENTE,
    SIN_DATO,
    Reglas,
)
from data_layer.engine.progress import (
    classify_semaforo,
    round_half_up,
)
from data_layer.engine.rollup import agregar, agregar_pares, group_membership
from data_layer.vistas.celdas import una_fila

Por = Literal["eje", "sector", "institucion"]

#: The level whose goals give a group its avance and state.
NIVEL_PROPIO: dict[str, str] = {
    "eje": "presidencial",
    "sector": "sectorial",
    "institucion": "institucional",
}

_CONTEOS = ["n_metas", *ESTADOS]

#: Separator of composite (code, period) keys; never part of a code or a period.
_SEP = "\x1f"


def _codigos_grupo(mcr: MCR, por: Por) -> pd.Series:
    columna = {"eje": "codigo", "sector": "codigo", "institucion": "sigla"}[por]
    frame = {"eje": mcr.ejes, "sector": mcr.sectores, "institucion": mcr.instituciones}[por]
    return pd.Series(
        frame["nombre"].astype("str").to_numpy(),
        index=pd.Index(frame[columna].astype("str").to_numpy()),
    )


def nombre_grupo(mcr: MCR, por: Por, codigo: str | None) -> str | None:
    """The name of eje / sector / institution ``codigo``, or None when the MCR has no such one."""
    if not codigo:
        return None
    nombres = _codigos_grupo(mcr, por)
    return str(nombres[codigo]) if codigo in nombres.index else None


def metas_del_grupo(metas: pd.DataFrame, mcr: MCR, por: Por, codigo: str) -> pd.DataFrame:
    """The rows of the engine's goal frame that belong to the group (every level).

    Args:
        metas: goals indexed by code with ``nivel``, ``eje``, ``sector``, ``institucion``
            (the engine's ``Resultado.metas`` or a filtered part of it).
        mcr: the MCR (sector ↔ eje links and parent ejes).
        por: the kind of group.
        codigo: the group's code (sigla for an institution).

    Returns:
        The matching rows of ``metas``, in their original order.
    """
    pares = group_membership(metas, mcr, por)
    miembros = pares.loc[pares["grupo"] == codigo, "meta"]
    return metas.loc[metas.index.isin(miembros)]


@dataclass(frozen=True)
class ResumenGrupo:
    """The header numbers of a level page.

    Attributes:
        avance: weighted avance of the group's goals of its own level (NaN when none has one).
        estado: the state of that roll-up (:func:`estado_grupo`), None without goals.
        n_metas: goals of its own level.
        conteos: goals of its own level per state (every state, zeros included).
        por_nivel: one row per level that has goals (in MCR order): ``avance``, ``n_metas`` and
            one count column per state.
    """

    avance: float
    estado: str | None
    n_metas: int
    conteos: dict[str, int]
    por_nivel: pd.DataFrame


def resumen_grupo(metas_grupo: pd.DataFrame, por: Por, reglas: Reglas) -> ResumenGrupo:
    """Avance and state counts of a group, at its own level and per level (engine roll-up).

    Args:
        metas_grupo: the group's goals (:func:`metas_del_grupo`), possibly narrowed by filters.
        por: the kind of group.
        reglas: thresholds of the group's state (:func:`estado_grupo`).
    """
    # Every goal of metas_grupo belongs to the group, so the group's roll-up at each level is the
    # roll-up of the goals of that level: one pass, grouped by level.
    pares = pd.DataFrame(
        {"meta": metas_grupo.index.to_numpy(), "grupo": metas_grupo["nivel"].astype("str")}
    )
    agregado = agregar_pares(metas_grupo, pares, pd.Index(NIVELES, name="nivel"))
    por_nivel = agregado.loc[list(NIVELES), ["avance", *_CONTEOS]]
    por_nivel["avance"] = por_nivel["avance"].astype("float64")
    propio = una_fila(por_nivel, NIVEL_PROPIO[por])
    estado = estado_grupo(por_nivel.loc[[NIVEL_PROPIO[por]]], reglas).iloc[0]
    return ResumenGrupo(
        avance=float(propio["avance"]),
        estado=estado if isinstance(estado, str) else None,
        n_metas=int(propio["n_metas"]),
        conteos={e: int(propio[e]) for e in ESTADOS},
        por_nivel=por_nivel.loc[por_nivel["n_metas"] > 0],
    )


def estado_grupo(agregado: pd.DataFrame, reglas: Reglas) -> pd.Series:
    """The state of each group's roll-up (a row of :func:`~data_layer.engine.agregar`).

    With an avance: the traffic light of the half-up rounded avance, with the general thresholds.
    Without one: ``sin_dato`` when some goal is overdue without data, else ``pendiente`` when some
    goal awaits its report, else ``no_programado``; NA when the group has no goal at all.
    """
    avance = agregado["avance"].to_numpy(dtype=float)
    semaforo = classify_semaforo(round_half_up(avance), reglas.umbral_verde, reglas.umbral_amarillo)
    sin_avance = np.select(
        [agregado[SIN_DATO].to_numpy() > 0, agregado[PENDIENTE].to_numpy() > 0],
        [SIN_DATO, PENDIENTE],
        default=NO_PROGRAMADO,
    )
    estado = pd.Series(
        np.where(np.isnan(avance), sin_avance, semaforo), index=agregado.index, dtype="str"
    )
    return estado.where(agregado["n_metas"].to_numpy() > 0)


def orden_estado(semaforo: pd.Series) -> pd.Series:
    """Sort key of states, most urgent first (:data:`ESTADOS` order); unknown states last."""
    return semaforo.map({e: i for i, e in enumerate(ESTADOS)}).fillna(len(ESTADOS))


def tabla_metas(metas_grupo: pd.DataFrame, mcr: MCR) -> pd.DataFrame:
    """The goals grid of a level page: level order, then most urgent state, then code.

    Returns:
        Frame with ``codigo``, ``descripcion``, ``nivel``, ``eje``, ``sector``, ``institucion``,
        ``avance_directo``, ``avance_contribuyentes``, ``cobertura`` and ``semaforo``.
    """
    descripciones = mcr.metas.set_index(mcr.metas["codigo"].astype("str"))["descripcion"]
    out = pd.DataFrame(
        {
            "codigo": metas_grupo.index.astype("str"),
            "descripcion": descripciones.reindex(metas_grupo.index).astype("str").to_numpy(),
            "nivel": metas_grupo["nivel"].astype("str").to_numpy(),
            "eje": metas_grupo["eje"].to_numpy(),
            "sector": metas_grupo["sector"].to_numpy(),
            "institucion": metas_grupo["institucion"].to_numpy(),
            "avance_directo": metas_grupo["avance_directo"].to_numpy(dtype="float64"),
            "avance_contribuyentes": metas_grupo["avance_contribuyentes"].to_numpy(dtype="float64"),
            "cobertura": metas_grupo["cobertura"].to_numpy(dtype="float64"),
            "semaforo": metas_grupo["semaforo"].astype("str").to_numpy(),
        }
    )
    orden_nivel = out["nivel"].map({n: i for i, n in enumerate(NIVELES)}).fillna(len(NIVELES))
    return (
        out.assign(_nivel=orden_nivel, _estado=orden_estado(out["semaforo"]))
        .sort_values(["_nivel", "_estado", "codigo"], kind="stable")
        .drop(columns=["_nivel", "_estado"])
        .reset_index(drop=True)
    )


def _tabla_grupos(
    agregado: pd.DataFrame, nombres: pd.Series, codigos: Sequence[str], reglas: Reglas
) -> pd.DataFrame:
    """Rows ``codigos`` of an ``agregar`` frame with name and state; worst avance first."""
    filas = agregado.reindex(list(codigos))
    out = pd.DataFrame(
        {
            "codigo": filas.index.astype("str"),
            "nombre": nombres.reindex(filas.index).to_numpy(),
            "avance": filas["avance"].to_numpy(dtype="float64"),
        }
    )
    for columna in _CONTEOS:
        out[columna] = filas[columna].fillna(0).astype("int64").to_numpy()
    out["semaforo"] = estado_grupo(filas.fillna({c: 0 for c in _CONTEOS}), reglas).to_numpy()
    # Groups without goals last; then lowest avance first (the ones needing attention).
    return (
        out.assign(_vacio=out["n_metas"] == 0, _sin_avance=out["avance"].isna())
        .sort_values(["_vacio", "_sin_avance", "avance", "codigo"], kind="stable")
        .drop(columns=["_vacio", "_sin_avance"])
        .reset_index(drop=True)
    )


def sectores_del_eje(mcr: MCR, eje: str) -> list[str]:
    """Codes of the sectors of ``eje`` (and of its dimensions, for a parent eje), sorted."""
    ejes = mcr.ejes
    dimensiones = ejes.loc[ejes["eje_padre"] == eje, "codigo"].astype("str").tolist()
    enlaces = mcr.sector_ejes
    sectores = enlaces.loc[enlaces["eje"].isin([eje, *dimensiones]), "sector"].astype("str")
    return sorted(set(sectores))


def tabla_sectores(metas_grupo: pd.DataFrame, mcr: MCR, eje: str, reglas: Reglas) -> pd.DataFrame:
    """The sectors of an eje with the avance and state counts of their sectorial goals.

    Args:
        metas_grupo: the eje's goals (:func:`metas_del_grupo`), possibly narrowed by filters.
        mcr: the MCR.
        eje: the eje's code.
        reglas: thresholds of the row state (:func:`estado_grupo`).

    Returns:
        Frame with ``codigo``, ``nombre``, ``avance``, ``n_metas``, one count per state and
        ``semaforo`` (NA for a sector without goals); lowest avance first.
    """
    agregado = agregar(metas_grupo, mcr, "sector", niveles=[NIVEL_PROPIO["sector"]])
    return _tabla_grupos(
        agregado, _codigos_grupo(mcr, "sector"), sectores_del_eje(mcr, eje), reglas
    )


def instituciones_del_sector(mcr: MCR, sector: str) -> list[str]:
    """Siglas of the institutions that take part in the mesa of ``sector``, sorted."""
    participa = mcr.institucion_sectores
    return sorted(set(participa.loc[participa["sector"] == sector, "institucion"].astype("str")))


def tabla_instituciones(
    metas_grupo: pd.DataFrame, mcr: MCR, reglas: Reglas, incluir: Sequence[str] = ()
) -> pd.DataFrame:
    """The institutions with institutional goals in the group, with their avance there.

    An institution's row rolls up only its goals inside the group (an institution with goals in
    two sectors shows, on each sector's page, its avance in that sector).

    Args:
        metas_grupo: the group's goals (:func:`metas_del_grupo`), possibly narrowed by filters.
        mcr: the MCR.
        reglas: thresholds of the row state (:func:`estado_grupo`).
        incluir: siglas to list even without goals in the group (a sector's mesa members).

    Returns:
        Frame like :func:`tabla_sectores`, ``codigo`` being the sigla.
    """
    agregado = agregar(metas_grupo, mcr, "institucion", niveles=[NIVEL_PROPIO["institucion"]])
    con_metas = agregado.index[agregado["n_metas"] > 0].astype("str")
    siglas = sorted(set(con_metas) | set(incluir))
    return _tabla_grupos(agregado, _codigos_grupo(mcr, "institucion"), siglas, reglas)


def trimestres_hasta(periodo: str, disponibles: Sequence[str], n: int = 8) -> list[str]:
    """The last ``n`` quarters up to ``periodo``, oldest first, not before the first available.

    Args:
        periodo: the evaluated quarter.
        disponibles: the evaluable quarters (any order); the window does not start before the
            earliest of them.
        n: how many quarters at most.
    """
    fin = periods.parse(periods.resolver(periodo, "trimestral"))
    inicio = fin.desplazar(-(n - 1))
    if disponibles:
        primero = min(periods.parse(p).ordinal for p in disponibles)
        if primero > fin.ordinal:
            return [str(fin)]
        inicio = periods.from_ordinal(max(inicio.ordinal, primero), "trimestral")
    return periods.rango(str(inicio), str(fin))


def mapa_estados(
    metas_por_periodo: Mapping[str, pd.DataFrame],
    mcr: MCR,
    por: Literal["sector", "institucion"],
    filas: Sequence[str],
    reglas: Reglas,
) -> pd.DataFrame:
    """The state of each row group's roll-up in each period, for the heat map.

    Args:
        metas_por_periodo: period → the engine's goal frame of that period, already narrowed to
            the goals the map is about (level, group, filters). Periods in chronological order.
        mcr: the MCR.
        por: what the rows are: sectors or institutions.
        filas: the row codes, in display order.
        reglas: thresholds (:func:`estado_grupo`).

    Returns:
        Long frame with ``fila``, ``periodo``, ``avance``, ``n_metas`` and ``semaforo`` (NA where
        the row has no goal in that period); rows in ``filas`` order, then period order.
    """
    columnas = ["fila", "periodo", "avance", "n_metas", "semaforo"]
    periodos = list(metas_por_periodo)
    if not periodos or not filas:
        return pd.DataFrame(columns=columnas)
    # One roll-up for every (row, period): each period's goals are renamed "<code>|<period>" and
    # put in the group "<row>|<period>", since a goal belongs to its own sector / institution.
    partes = [
        metas.set_axis(metas.index.astype("str") + _SEP + periodo).assign(
            **{por: (metas[por].astype("str") + _SEP + periodo).to_numpy()}
        )
        for periodo, metas in metas_por_periodo.items()
    ]
    juntas = pd.concat(partes)
    celdas = pd.MultiIndex.from_product([list(filas), periodos], names=["fila", "periodo"])
    claves = [f"{fila}{_SEP}{periodo}" for fila, periodo in celdas]
    agregado = agregar(juntas, mcr, por).reindex(claves)
    agregado[_CONTEOS] = agregado[_CONTEOS].fillna(0).astype("int64")
    return pd.DataFrame(
        {
            "fila": celdas.get_level_values("fila").astype("str"),
            "periodo": celdas.get_level_values("periodo").astype("str"),
            "avance": agregado["avance"].to_numpy(dtype="float64"),
            "n_metas": agregado["n_metas"].to_numpy(),
            "semaforo": estado_grupo(agregado, reglas).to_numpy(),
        }
    )
