"""The level pages: an eje, a sector or an institution with its goals, members and history.

Pure functions of the engine's results and the :class:`MCR`. Each group is read at its own level:
an eje through its presidential goals, a sector through its sectorial goals, an institution through
its institutional goals (:data:`NIVEL_PROPIO`), so that the number a page shows in its header is
the number the level above shows in its row for it. Membership of goals in groups and every
roll-up are the engine's (:func:`~data_layer.engine.rollup.group_membership`,
:func:`~data_layer.engine.rollup.agregar`); the reporting record uses the engine's due-date
helpers (:mod:`data_layer.engine.inputs`).
"""

from __future__ import annotations

import datetime as dt
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
from data_layer.engine.inputs import is_late, is_overdue, lookup, preparar, take
from data_layer.engine.progress import (
    classify_semaforo,
    resolve_periods,
    round_half_up,
    sin_meta_programada,
)
from data_layer.engine.rollup import agregar, agregar_pares, group_membership

Por = Literal["eje", "sector", "institucion"]

#: The level whose goals give a group its avance and state.
NIVEL_PROPIO: dict[str, str] = {
    "eje": "presidencial",
    "sector": "sectorial",
    "institucion": "institucional",
}

#: States of an expected report, in display order.
ESTADOS_REPORTE = ("a_tiempo", "tardio", "faltante", "pendiente")

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
    propio = por_nivel.loc[NIVEL_PROPIO[por]]
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


def _orden_estado(semaforo: pd.Series) -> pd.Series:
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
        out.assign(_nivel=orden_nivel, _estado=_orden_estado(out["semaforo"]))
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


def indicadores_de_institucion(mcr: MCR, sigla: str) -> pd.Index:
    """Codes of the indicators ``sigla`` reports (it is their institución responsable)."""
    ind = mcr.indicadores
    return pd.Index(ind.loc[ind["institucion_responsable"] == sigla, "codigo"].astype("str"))


def tabla_indicadores(indicadores: pd.DataFrame, mcr: MCR) -> pd.DataFrame:
    """The indicators grid of an institution page: most urgent state first, then code.

    Args:
        indicadores: rows of the engine's indicator frame (index ``codigo``).
        mcr: the MCR (names and units).

    Returns:
        Frame with ``codigo``, ``nombre``, ``meta_codigo`` (the goal), ``periodo``, ``unidad``,
        ``meta`` (the target compared), ``valor``, ``avance_pct`` and ``semaforo``.
    """
    ficha = mcr.indicadores.set_index(mcr.indicadores["codigo"].astype("str"))
    out = pd.DataFrame(
        {
            "codigo": indicadores.index.astype("str"),
            "nombre": ficha["nombre"].reindex(indicadores.index).astype("str").to_numpy(),
            "meta_codigo": indicadores["meta_codigo"].astype("str").to_numpy(),
            "periodo": indicadores["periodo"].to_numpy(),
            "unidad": ficha["unidad"].reindex(indicadores.index).to_numpy(),
            "meta": indicadores["meta"].to_numpy(dtype="float64"),
            "valor": indicadores["valor"].to_numpy(dtype="float64"),
            "avance_pct": indicadores["avance_pct"].to_numpy(dtype="float64"),
            "semaforo": indicadores["semaforo"].astype("str").to_numpy(),
        }
    )
    return (
        out.assign(_estado=_orden_estado(out["semaforo"]))
        .sort_values(["_estado", "codigo"], kind="stable")
        .drop(columns="_estado")
        .reset_index(drop=True)
    )


def anios_con_datos(mcr: MCR, hasta: str) -> list[int]:
    """Years with at least one reported value, up to the year of period ``hasta``, ascending."""
    if mcr.avances.empty:
        return []
    anios = periods.period_columns(mcr.avances["periodo"])["anio"]
    tope = periods.parse(hasta).anio
    return sorted(int(a) for a in pd.unique(anios) if a <= tope)


def evaluacion_de_institucion(evaluaciones: Sequence[pd.DataFrame], sigla: str) -> pd.DataFrame:
    """An institution's row of DIGER's yearly evaluation, with every institution's mean beside it.

    Args:
        evaluaciones: the engine's :func:`~data_layer.engine.evaluacion_institucional` frames,
            one per year.
        sigla: the institution.

    Returns:
        One row per year in which the institution was evaluated (it has an avance), ascending:
        ``anio``, ``avance``, ``banda``, ``n_metas``, ``promedio`` (plain mean of the avance of
        the institutions evaluated that year, as DIGER publishes it) and ``n_instituciones``.
    """
    filas = []
    for ev in evaluaciones:
        if sigla not in ev.index or pd.isna(ev.loc[sigla, "avance"]):
            continue
        fila = ev.loc[sigla]
        evaluadas = ev["avance"].dropna()
        filas.append(
            {
                "anio": int(fila["anio"]),
                "avance": float(fila["avance"]),
                "banda": str(fila["banda"]),
                "n_metas": int(fila["n_metas"]),
                "promedio": float(evaluadas.mean()),
                "n_instituciones": len(evaluadas),
            }
        )
    columnas = ["anio", "avance", "banda", "n_metas", "promedio", "n_instituciones"]
    return pd.DataFrame(filas, columns=columnas).sort_values("anio").reset_index(drop=True)


def _solo_indicadores(mcr: MCR, codigos: pd.Index) -> MCR:
    """The part of ``mcr`` about the indicators ``codigos`` (what the reporting record reads)."""
    ind = mcr.indicadores
    return MCR(
        indicadores=ind.loc[ind["codigo"].astype("str").isin(codigos)],
        programacion=mcr.programacion.loc[mcr.programacion["indicador"].isin(codigos)],
        avances=mcr.avances.loc[mcr.avances["indicador"].isin(codigos)],
    )


def reportes_institucion(
    mcr: MCR, sigla: str, periodo: str, fecha_corte: dt.date, plazo_dias: int
) -> pd.DataFrame:
    """Every report ``sigla`` owed up to ``periodo``, and whether it came on time, late or not yet.

    A report is owed for each programmed period of each indicator the institution is responsible
    for, up to the indicator's own period as of ``periodo`` (periods whose ascendente flujo or
    acumulado target is 0 are not programmed: nothing is owed). Its state is ``a_tiempo`` (a value
    reported by the due date), ``tardio`` (reported after it), ``faltante`` (no value and the due
    date has passed at ``fecha_corte``) or ``pendiente`` (not due yet). Values reported after the
    cut date do not exist yet. Due dates, lateness and overdue are the engine's rules.

    Returns:
        One row per owed report: ``indicador``, ``nombre``, ``meta_codigo``, ``periodo``,
        ``vencimiento`` and ``fecha_reporte`` (datetime64), ``estado`` (:data:`ESTADOS_REPORTE`),
        ``dias_atraso`` (days after the due date of the report, or of the cut date when missing;
        0 otherwise); sorted by period end, then indicator.
    """
    columnas = [
        "indicador",
        "nombre",
        "meta_codigo",
        "periodo",
        "vencimiento",
        "fecha_reporte",
        "estado",
        "dias_atraso",
    ]
    ent = preparar(
        _solo_indicadores(mcr, indicadores_de_institucion(mcr, sigla)), fecha_corte, plazo_dias
    )
    ind = ent.indicadores
    prog = ent.programacion
    if prog.empty:
        return pd.DataFrame(columns=columnas)
    ordinal = resolve_periods(ind["frecuencia"], periodo)["ordinal"].to_numpy()
    pos = prog["pos"].to_numpy()
    debido = (prog["ordinal"].to_numpy() <= ordinal[pos]) & ~sin_meta_programada(
        prog["meta"].to_numpy(), ind["tipo"].to_numpy()[pos], ind["sentido"].to_numpy()[pos]
    )
    prog = prog.loc[debido]
    pos = pos[debido]
    i_av = lookup(ent.avances["clave"].to_numpy(), prog["clave"].to_numpy())
    fecha = take(ent.avances["fecha_reporte"], i_av, np.datetime64("NaT", "ns")).astype(
        "datetime64[ns]"
    )
    vencimiento = prog["vencimiento"].to_numpy()
    reportado = i_av >= 0
    tarde = reportado & is_late(fecha, vencimiento)
    falta = ~reportado & is_overdue(vencimiento, fecha_corte)
    estado = np.select([tarde, reportado, falta], ["tardio", "a_tiempo", "faltante"], "pendiente")
    corte = np.datetime64(fecha_corte, "ns")
    cero = np.timedelta64(0, "ns")
    atraso = np.where(tarde, fecha - vencimiento, np.where(falta, corte - vencimiento, cero))
    out = pd.DataFrame(
        {
            "indicador": ind.index.to_numpy()[pos],
            "nombre": ind["nombre"].to_numpy()[pos],
            "meta_codigo": ind["meta"].to_numpy()[pos],
            "periodo": prog["periodo"].to_numpy(),
            "vencimiento": vencimiento,
            "fecha_reporte": fecha,
            "estado": estado,
            "dias_atraso": (atraso // np.timedelta64(1, "D")).astype("int64"),
        }
    )
    return out.sort_values(["vencimiento", "indicador"], kind="stable").reset_index(drop=True)


def conteo_reportes(reportes: pd.DataFrame) -> pd.DataFrame:
    """Owed reports per period and state (:func:`reportes_institucion` rows).

    Returns:
        One row per period, chronological (by due date, then quarters before semesters before
        years): ``periodo``, ``vencimiento``, ``total`` and one count column per state of
        :data:`ESTADOS_REPORTE`.
    """
    columnas = ["periodo", "vencimiento", "total", *ESTADOS_REPORTE]
    if reportes.empty:
        return pd.DataFrame(columns=columnas)
    conteos = pd.crosstab(reportes["periodo"], reportes["estado"]).reindex(
        columns=list(ESTADOS_REPORTE), fill_value=0
    )
    vencimiento = reportes.groupby("periodo")["vencimiento"].first()
    calendario = periods.period_columns(conteos.index.to_series())
    frecuencia = calendario["frecuencia"].map(
        {f: i for i, f in enumerate(periods.PERIODOS_POR_ANIO)}
    )
    out = conteos.assign(
        vencimiento=vencimiento.reindex(conteos.index),
        total=conteos.sum(axis=1),
        _fin=calendario["fin"],
        _frecuencia=frecuencia,
    )
    out = out.sort_values(["_fin", "_frecuencia"], kind="stable").rename_axis("periodo")
    return (
        out.reset_index()
        .rename_axis(columns=None)[columnas]
        .astype({c: "int64" for c in ("total", *ESTADOS_REPORTE)})
    )
