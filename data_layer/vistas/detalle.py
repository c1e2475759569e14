"""The detail view of one goal (``/metas/<codigo>``); the indicator's is in ``detalle_indicador``.

Pure functions of the engine's :class:`~data_layer.engine.Resultado` and the :class:`MCR`: what a
goal is, how its two avances compare, which goals feed it and which it feeds, its indicators. No
rule of DOMAIN.md §3 is restated here: every avance, state, due date and late flag comes from the
engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_layer.engine import Resultado
from data_layer.engine.explicacion import explicar_avance_directo, explicar_filas
from data_layer.engine.frames import (
    ESLABONES,
    ESTADOS,
    ESTADOS_CON_VALOR,
    MCR,
    NIVELES,
    NO_PROGRAMADO,
    PENDIENTE,
    SIN_DATO,
    Reglas,
)
from data_layer.engine.progress import classify_semaforo, round_half_up
from data_layer.engine.rollup import contributors_rollup, prepare_contribuciones
from data_layer.vistas.celdas import descripciones_metas, nombre_de, numero, texto, una_fila
from data_layer.vistas.filtros import FiltroParcial, FiltrosLike, filtrar_indicadores, filtrar_metas

#: Points of difference between avance directo and avance de contribuyentes from which the gap is
#: worth explaining: smaller gaps are noise of reporting, larger ones question the theory of change.
BRECHA_RELEVANTE = 15.0

#: Kinds of gap between a goal's own avance and its contributors' (see :func:`clasificar_brecha`).
BRECHAS = (
    "contribuyentes_adelante",
    "meta_adelante",
    "coherente",
    "solo_directo",
    "solo_contribuyentes",
    "sin_datos",
)

_RANGO_NIVEL = {nivel: i for i, nivel in enumerate(NIVELES)}
_ORDEN_ESLABON = {e: i for i, e in enumerate(ESLABONES)}
_ORDEN_ESTADO = {e: i for i, e in enumerate(ESTADOS)}


def estado_de_avance(avance: float | None, reglas: Reglas) -> str | None:
    """The traffic light (verde / amarillo / rojo) an avance alone would get, with the engine's
    half-up rounding and the default thresholds; None when there is no avance."""
    if avance is None or math.isnan(avance):
        return None
    redondeado = round_half_up(np.array([avance]))
    return str(classify_semaforo(redondeado, reglas.umbral_verde, reglas.umbral_amarillo)[0])


# --------------------------------------------------------------------------------------------
# Goal
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FichaMeta:
    """Who a goal is: its level, description and where it sits (eje, sector, institution).

    Attributes:
        codigo: the goal's code.
        nivel: ``presidencial``, ``sectorial`` or ``institucional``.
        descripcion: what the goal is.
        eje, sector, institucion: codes (sigla for the institution), None when not set.
        eje_nombre, sector_nombre, institucion_nombre: their names, None when unknown.
        peso: the goal's weight in every goal it contributes to.
    """

    codigo: str
    nivel: str
    descripcion: str
    eje: str | None
    eje_nombre: str | None
    sector: str | None
    sector_nombre: str | None
    institucion: str | None
    institucion_nombre: str | None
    peso: float


def ficha_meta(mcr: MCR, codigo: str) -> FichaMeta | None:
    """The identity card of goal ``codigo``, or None when the MCR has no such goal."""
    filas = mcr.metas.loc[mcr.metas["codigo"].astype("str") == str(codigo)]
    if filas.empty:
        return None
    fila = filas.iloc[0]
    eje, sector, institucion = (texto(fila[c]) for c in ("eje", "sector", "institucion"))
    peso = numero(fila["peso"])
    return FichaMeta(
        codigo=str(codigo),
        nivel=str(fila["nivel"]),
        descripcion=str(fila["descripcion"]),
        eje=eje,
        eje_nombre=nombre_de(mcr.ejes, "codigo", eje),
        sector=sector,
        sector_nombre=nombre_de(mcr.sectores, "codigo", sector),
        institucion=institucion,
        institucion_nombre=nombre_de(mcr.instituciones, "sigla", institucion),
        peso=1.0 if peso is None else peso,
    )


@dataclass(frozen=True)
class AvancesMeta:
    """A goal's two avances side by side, its state and what its cobertura is made of.

    Attributes:
        semaforo: the goal's state (the engine's).
        avance: the avance that sets the state (directo when it has indicators).
        avance_directo: from its own indicators (None without any value).
        estado_directo: the goal's state when it has own indicators (cobertura included), else
            None.
        avance_contribuyentes: from the goals contributing to it (None when none has avance).
        estado_contribuyentes: the traffic light of that avance alone; ``sin_dato`` when it has
            contributors but none with avance; None without contributors.
        cobertura: weight with a value ÷ exigible weight × 100 (None when nothing is exigible).
        n_indicadores: its own indicators.
        n_con_valor: own indicators in verde, amarillo or rojo.
        n_exigibles: own indicators neither pendiente nor no_programado.
        n_contribuyentes: goals contributing to it.
        n_contribuyentes_usados: those that enter the avance de contribuyentes.
        brecha: the kind of gap between both avances (:func:`clasificar_brecha`).
        explicacion_directo: how the avance directo comes from its indicators, with their
            numbers (:func:`~data_layer.engine.explicacion.explicar_avance_directo`).
    """

    semaforo: str
    avance: float | None
    avance_directo: float | None
    estado_directo: str | None
    avance_contribuyentes: float | None
    estado_contribuyentes: str | None
    cobertura: float | None
    n_indicadores: int
    n_con_valor: int
    n_exigibles: int
    n_contribuyentes: int
    n_contribuyentes_usados: int
    brecha: str
    explicacion_directo: str | None = None


def clasificar_brecha(
    avance_directo: float | None,
    avance_contribuyentes: float | None,
    umbral: float = BRECHA_RELEVANTE,
) -> str:
    """What the gap between a goal's own avance and its contributors' says (see :data:`BRECHAS`).

    ``contribuyentes_adelante``: the contributing goals advance at least ``umbral`` points more
    than the goal itself (outputs on track, outcome not moving: the theory of change is in
    question); ``meta_adelante``: the goal advances at least ``umbral`` points more than its
    contributors (something outside the chain moves it, or contributors are missing);
    ``coherente``: both within ``umbral``; the ``solo_*`` and ``sin_datos`` kinds when one or both
    avances do not exist.
    """
    directo = None if avance_directo is None or math.isnan(avance_directo) else avance_directo
    contrib = (
        None
        if avance_contribuyentes is None or math.isnan(avance_contribuyentes)
        else avance_contribuyentes
    )
    if directo is None and contrib is None:
        return "sin_datos"
    if contrib is None:
        return "solo_directo"
    if directo is None:
        return "solo_contribuyentes"
    if contrib - directo >= umbral:
        return "contribuyentes_adelante"
    if directo - contrib >= umbral:
        return "meta_adelante"
    return "coherente"


def metas_contribuyentes(res: Resultado, mcr: MCR, codigo: str) -> pd.DataFrame:
    """The goals that contribute to ``codigo`` (one level down), with their avance and state.

    Whether each one enters the avance de contribuyentes is decided by the engine's own roll-up
    (:func:`~data_layer.engine.rollup.contributors_rollup`), applied to each link alone.

    Returns:
        Frame with ``codigo``, ``nivel``, ``descripcion``, ``peso`` (of the link), ``avance``,
        ``semaforo``, ``cuenta`` (bool: enters the mean) and ``participacion`` (its share of the
        weight in the mean, 0–100; None when it does not count), sorted by state severity, then
        code.
    """
    contribuciones = prepare_contribuciones(mcr.contribuciones)
    hijos = contribuciones.loc[contribuciones["meta_destino"] == str(codigo)].reset_index(drop=True)
    # One pseudo-destination per link: the engine says whether that single child is usable.
    enlaces = hijos.assign(meta_destino=[f"enlace-{i}" for i in range(len(hijos))])
    usable = contributors_rollup(
        enlaces,
        res.metas["avance"],
        res.metas["semaforo"],
        pd.Index(enlaces["meta_destino"]),
    )["avance_contribuyentes"].notna()
    cuenta = usable.to_numpy(dtype=bool)
    peso = hijos["peso"].to_numpy(dtype=float)
    total = float(peso[cuenta].sum())
    metas = res.metas.reindex(hijos["meta"])
    out = pd.DataFrame(
        {
            "codigo": hijos["meta"].astype("str").to_numpy(),
            "nivel": metas["nivel"].astype("str").to_numpy(),
            "descripcion": descripciones_metas(mcr).reindex(hijos["meta"]).to_numpy(),
            "peso": peso,
            "avance": metas["avance"].to_numpy(dtype=float),
            "semaforo": metas["semaforo"].fillna(SIN_DATO).astype("str").to_numpy(),
            "cuenta": cuenta,
            "participacion": np.where(cuenta & (total > 0), peso / (total or 1.0) * 100.0, np.nan),
        }
    )
    return _por_estado(out)


def _por_estado(frame: pd.DataFrame, *primero: str) -> pd.DataFrame:
    """Rows sorted by the given columns, then state severity (rojo first), then code."""
    orden = frame["semaforo"].map(_ORDEN_ESTADO).fillna(len(ESTADOS))
    return (
        frame.assign(_orden=orden)
        .sort_values([*primero, "_orden", "codigo"], kind="stable")
        .drop(columns="_orden")
        .reset_index(drop=True)
    )


def metas_superiores(res: Resultado, mcr: MCR, codigo: str) -> pd.DataFrame:
    """The goals ``codigo`` contributes to, and theirs, up the value chain.

    Only links towards a higher level are followed (institucional → sectorial → presidencial);
    a goal reached by several paths is listed once, at its shortest distance.

    Returns:
        Frame with ``codigo``, ``nivel``, ``descripcion``, ``distancia`` (1 = direct),
        ``via`` (the goal below it on the path), ``avance`` and ``semaforo``, sorted by distance,
        state severity, then code.
    """
    contribuciones = prepare_contribuciones(mcr.contribuciones)
    nivel = pd.Series(
        mcr.metas["nivel"].astype("str").to_numpy(), index=mcr.metas["codigo"].astype("str")
    )
    rango = nivel.map(_RANGO_NIVEL)
    hacia_arriba = contribuciones.loc[
        rango.reindex(contribuciones["meta_destino"]).to_numpy()
        < rango.reindex(contribuciones["meta"]).to_numpy()
    ]
    vistos: dict[str, tuple[int, str]] = {}
    frontera = [str(codigo)]
    distancia = 0
    while frontera and distancia < len(NIVELES):
        distancia += 1
        pasos = hacia_arriba.loc[hacia_arriba["meta"].isin(frontera)]
        siguiente = []
        for hijo, padre in zip(pasos["meta"], pasos["meta_destino"], strict=True):
            if padre not in vistos and padre != str(codigo):
                vistos[padre] = (distancia, hijo)
                siguiente.append(padre)
        frontera = siguiente
    codigos = list(vistos)
    metas = res.metas.reindex(codigos)
    out = pd.DataFrame(
        {
            "codigo": pd.Series(codigos, dtype="str"),
            "nivel": nivel.reindex(codigos).astype("str").to_numpy(),
            "descripcion": descripciones_metas(mcr).reindex(codigos).to_numpy(),
            "distancia": np.array([vistos[c][0] for c in codigos], dtype=np.int64),
            "via": pd.Series([vistos[c][1] for c in codigos], dtype="str"),
            "avance": metas["avance"].to_numpy(dtype=float),
            "semaforo": metas["semaforo"].fillna(SIN_DATO).astype("str").to_numpy(),
        }
    )
    return _por_estado(out, "distancia")


def indicadores_de_metas(res: Resultado, mcr: MCR, metas: list[str]) -> pd.DataFrame:
    """The indicators of the goals ``metas`` as evaluated by the engine, in value-chain order.

    Returns:
        Frame with ``codigo``, ``nombre``, ``meta_codigo`` (its goal), ``eslabon``, ``unidad``,
        ``tipo``, ``periodo`` (the indicator's own period as of the evaluated quarter), ``meta``
        and ``valor`` (the target and value the engine compared), ``linea_base``,
        ``avance_pct``, ``semaforo``, ``peso``, and how the avance was computed: ``formula`` and
        ``explicacion`` (:func:`~data_layer.engine.explicacion.explicar_avance`); sorted by
        eslabón (insumo → impacto), then code.
    """
    ev = res.indicadores.loc[res.indicadores["meta_codigo"].astype("str").isin(metas)]
    nombres = mcr.indicadores.set_index(mcr.indicadores["codigo"].astype("str"))
    explicadas = explicar_filas(ev, mcr)
    out = pd.DataFrame(
        {
            "codigo": pd.Series(ev.index.astype("str"), dtype="str"),
            "nombre": nombres["nombre"].reindex(ev.index).astype("str").to_numpy(),
            "meta_codigo": ev["meta_codigo"].astype("str").to_numpy(),
            "eslabon": ev["eslabon"].astype("str").to_numpy(),
            "unidad": nombres["unidad"].reindex(ev.index).astype("str").to_numpy(),
            "tipo": ev["tipo"].astype("str").to_numpy(),
            "periodo": ev["periodo"].astype("str").to_numpy(),
            "meta": ev["meta"].to_numpy(dtype=float),
            "valor": ev["valor"].to_numpy(dtype=float),
            "linea_base": ev["linea_base"].to_numpy(dtype=float),
            "avance_pct": ev["avance_pct"].to_numpy(dtype=float),
            "semaforo": ev["semaforo"].astype("str").to_numpy(),
            "peso": ev["peso"].to_numpy(dtype=float),
            "formula": explicadas["formula"].to_numpy(),
            "explicacion": explicadas["explicacion"].to_numpy(),
        }
    )
    orden = out["eslabon"].map(_ORDEN_ESLABON).fillna(len(ESLABONES))
    return (
        out.assign(_orden=orden)
        .sort_values(["_orden", "codigo"], kind="stable")
        .drop(columns="_orden")
        .reset_index(drop=True)
    )


def indicadores_de_meta(res: Resultado, mcr: MCR, codigo: str) -> pd.DataFrame:
    """The own indicators of goal ``codigo`` (see :func:`indicadores_de_metas`)."""
    return indicadores_de_metas(res, mcr, [str(codigo)])


def avances_meta(
    res: Resultado,
    codigo: str,
    indicadores: pd.DataFrame,
    contribuyentes: pd.DataFrame,
    reglas: Reglas,
) -> AvancesMeta:
    """Both avances of goal ``codigo``, the state each one gives, and its cobertura's parts.

    Args:
        res: the engine's result.
        codigo: a goal of ``res.metas``.
        indicadores: the goal's indicators (:func:`indicadores_de_meta`).
        contribuyentes: the goals contributing to it (:func:`metas_contribuyentes`).
        reglas: the thresholds.
    """
    fila = una_fila(res.metas, str(codigo))
    n_indicadores = int(fila["n_indicadores"])
    directo = numero(fila["avance_directo"])
    contrib = numero(fila["avance_contribuyentes"])
    semaforo = str(fila["semaforo"])
    estados = indicadores["semaforo"].astype("str")
    if contrib is not None:
        estado_contrib: str | None = estado_de_avance(contrib, reglas)
    else:
        estado_contrib = SIN_DATO if len(contribuyentes) else None
    return AvancesMeta(
        semaforo=semaforo,
        avance=numero(fila["avance"]),
        avance_directo=directo,
        estado_directo=semaforo if n_indicadores > 0 else None,
        avance_contribuyentes=contrib,
        estado_contribuyentes=estado_contrib,
        cobertura=numero(fila["cobertura"]),
        n_indicadores=n_indicadores,
        n_con_valor=int(estados.isin(ESTADOS_CON_VALOR).sum()),
        n_exigibles=int((~estados.isin((PENDIENTE, NO_PROGRAMADO))).sum()),
        n_contribuyentes=len(contribuyentes),
        n_contribuyentes_usados=int(contribuyentes["cuenta"].sum()),
        brecha=clasificar_brecha(directo, contrib),
        explicacion_directo=explicar_avance_directo(indicadores, directo),
    )


@dataclass(frozen=True)
class ContenidoMeta:
    """What a goal's page shows below its header, for one period and filters.

    Attributes:
        avances: both avances and what they are made of (:func:`avances_meta`).
        contribuyentes: the contributing goals (:func:`metas_contribuyentes`) that pass the
            theme and state filters.
        total_contribuyentes: how many goals contribute, filters aside.
        indicadores: its own indicators (:func:`indicadores_de_meta`) that pass the theme and
            state filters.
        total_indicadores: how many own indicators it has, filters aside.
        superiores: the goals it feeds, up the chain (:func:`metas_superiores`).
    """

    avances: AvancesMeta
    contribuyentes: pd.DataFrame
    total_contribuyentes: int
    indicadores: pd.DataFrame
    total_indicadores: int
    superiores: pd.DataFrame


def contenido_meta(
    res: Resultado, mcr: MCR, codigo: str, f: FiltrosLike, reglas: Reglas
) -> ContenidoMeta:
    """The content of goal ``codigo``'s page (a goal of ``res``) under the filters ``f``.

    The theme and state filters narrow the two lists only: the avances and their counts are the
    goal's whole (the eje and sector filters do not apply on a goal's page).
    """
    indicadores = indicadores_de_meta(res, mcr, codigo)
    contribuyentes = metas_contribuyentes(res, mcr, codigo)
    lista = FiltroParcial(tema=f.tema, estado=f.estado)
    return ContenidoMeta(
        avances=avances_meta(res, codigo, indicadores, contribuyentes, reglas),
        contribuyentes=filtrar_metas(contribuyentes, mcr, lista),
        total_contribuyentes=len(contribuyentes),
        indicadores=filtrar_indicadores(indicadores, mcr, lista),
        total_indicadores=len(indicadores),
        superiores=metas_superiores(res, mcr, codigo),
    )
