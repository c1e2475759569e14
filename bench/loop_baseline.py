"""A plain per-indicator Python loop doing the engine's work: the speed reference and an oracle.

This is what a first, straightforward implementation of DOMAIN.md §3 (with the lead's decisions in
the engine brief) looks like: dictionaries of rows built once, then one loop iteration per indicator
and one per goal, scalar arithmetic only. It is deliberately honest — no DataFrame filtering per
indicator — so the benchmark's speed-up measures vectorisation, not a strawman. Written
independently from ``data_layer.engine``, it doubles as an oracle in the tests.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from data_layer import periods
from data_layer.engine.frames import (
    AMARILLO,
    ESTADOS_CON_VALOR,
    MCR,
    NO_PROGRAMADO,
    PENDIENTE,
    ROJO,
    SIN_DATO,
    VERDE,
    Reglas,
)

NIVELES_EN_ORDEN = ("institucional", "sectorial", "presidencial")


@dataclass(frozen=True)
class _Indicador:
    codigo: str
    meta_codigo: str
    tipo: str
    sentido: str
    frecuencia: str
    linea_base: float
    umbral_verde: float
    umbral_amarillo: float
    peso: float


def _is_missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NaT


def round_half_up(p: float) -> int:
    """Round a percentage to the nearest integer, halves up (``60.5 → 61``, ``-0.5 → 0``).

    Like the engine, P is first rounded to 9 decimals so that binary noise (``0.605 * 100 ==
    60.49999999999999``) does not decide a traffic light.
    """
    return math.floor(round(p, 9) + 0.5)


def classify(p: float, umbral_verde: float, umbral_amarillo: float) -> str:
    """Traffic light of a percentage: rounded half-up first, then compared with the thresholds."""
    r = round_half_up(p)
    if r >= umbral_verde:
        return VERDE
    if r >= umbral_amarillo:
        return AMARILLO
    return ROJO


def avance_scalar(a: float, t: float, b: float, tipo: str, sentido: str) -> float:
    """Avance % of one value ``a`` against target ``t`` (baseline ``b``, NaN if none)."""
    if tipo == "stock" and not math.isnan(b) and t != b:
        return (a - b) / (t - b) * 100
    if sentido == "descendente":
        if t == 0:
            return 100.0 if a == 0 else 0.0
        if a == 0:
            return 100.0
        return t / a * 100
    if t == 0:  # only reachable for stock: flujo/acumulado with T = 0 are no_programado
        return 100.0 if a >= 0 else 0.0
    return a / t * 100


def evaluar_indicadores_loop(
    mcr: MCR, periodo: str, fecha_corte: dt.date, reglas: Reglas | None = None
) -> pd.DataFrame:
    """Evaluate every indicator as of ``periodo`` and ``fecha_corte`` with a per-indicator loop.

    Returns:
        Index ``codigo``; columns ``meta_codigo``, ``periodo`` (resolved), ``meta``, ``valor``,
        ``avance_pct`` (unrounded, NaN when not computable) and ``semaforo``.
    """
    reglas = reglas or Reglas()
    corte = pd.Timestamp(fecha_corte)

    # targets per indicator: {periodo: current target}
    metas_de: dict[str, dict[str, float]] = defaultdict(dict)
    for ind, per, meta in zip(
        mcr.programacion["indicador"],
        mcr.programacion["periodo"],
        mcr.programacion["meta"],
        strict=True,
    ):
        metas_de[ind][per] = meta
    # values known at the cut date: {periodo: value}
    valores_de: dict[str, dict[str, float]] = defaultdict(dict)
    for ind, per, valor, fecha in zip(
        mcr.avances["indicador"],
        mcr.avances["periodo"],
        mcr.avances["valor"],
        mcr.avances["fecha_reporte"],
        strict=True,
    ):
        if _is_missing(valor) or (not _is_missing(fecha) and fecha > corte):
            continue
        valores_de[ind][per] = valor

    filas = []
    ind_df = mcr.indicadores
    for fila in zip(
        ind_df["codigo"],
        ind_df["meta"],
        ind_df["tipo"],
        ind_df["sentido"],
        ind_df["frecuencia"],
        ind_df["linea_base"],
        ind_df["umbral_verde"],
        ind_df["umbral_amarillo"],
        ind_df["peso"],
        strict=True,
    ):
        ind = _Indicador(*fila)
        resuelto = periods.resolver(periodo, ind.frecuencia)
        metas = metas_de.get(ind.codigo, {})
        valores = valores_de.get(ind.codigo, {})
        t = a = p = math.nan
        if resuelto not in metas:
            estado = NO_PROGRAMADO
        elif (
            ind.sentido == "ascendente" and ind.tipo != "stock" and metas[resuelto] == 0
        ):  # nothing was programmed for the period
            estado = NO_PROGRAMADO
        elif resuelto not in valores:
            vence = periods.vencimiento(resuelto, reglas.plazo_reporte_dias)
            estado = SIN_DATO if fecha_corte > vence else PENDIENTE
        else:
            if ind.tipo == "acumulado":
                # Window: from the first programmed period up to the resolved one; every value
                # reported inside it counts, whether or not its own period had a target.
                hasta = periods.parse(resuelto).ordinal
                desde = min(periods.parse(q).ordinal for q in metas)
                t = sum(m for q, m in metas.items() if periods.parse(q).ordinal <= hasta)
                a = sum(v for q, v in valores.items() if desde <= periods.parse(q).ordinal <= hasta)
            else:
                t, a = metas[resuelto], valores[resuelto]
            p = avance_scalar(a, t, ind.linea_base, ind.tipo, ind.sentido)
            verde = reglas.umbral_verde if math.isnan(ind.umbral_verde) else ind.umbral_verde
            amarillo = (
                reglas.umbral_amarillo if math.isnan(ind.umbral_amarillo) else ind.umbral_amarillo
            )
            estado = classify(p, verde, amarillo)
        filas.append((ind.codigo, ind.meta_codigo, resuelto, t, a, p, estado))

    out = pd.DataFrame(
        filas,
        columns=["codigo", "meta_codigo", "periodo", "meta", "valor", "avance_pct", "semaforo"],
    )
    return out.set_index("codigo")


def evaluar_metas_loop(
    mcr: MCR, indicadores: pd.DataFrame, reglas: Reglas | None = None
) -> pd.DataFrame:
    """Roll indicators up to goals with loops, level by level (institucional → presidencial).

    Args:
        mcr: the MCR (goals and contributions are read from it).
        indicadores: the output of :func:`evaluar_indicadores_loop`.
        reglas: thresholds and minimum coverage.

    Returns:
        Index ``codigo``; columns ``nivel``, ``n_indicadores``, ``avance_directo``, ``cobertura``
        (0–100), ``avance_contribuyentes``, ``avance`` and ``semaforo``.
    """
    reglas = reglas or Reglas()
    peso_de = dict(zip(mcr.indicadores["codigo"], mcr.indicadores["peso"], strict=True))
    propios: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for cod, meta, p, estado in zip(
        indicadores.index,
        indicadores["meta_codigo"],
        indicadores["avance_pct"],
        indicadores["semaforo"],
        strict=True,
    ):
        peso = peso_de[cod]
        propios[meta].append((1.0 if _is_missing(peso) else peso, p, estado))
    hijos: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for hijo, destino, peso in zip(
        mcr.contribuciones["meta"],
        mcr.contribuciones["meta_destino"],
        mcr.contribuciones["peso"],
        strict=True,
    ):
        hijos[destino].append((hijo, 1.0 if _is_missing(peso) else peso))

    resultado: dict[str, tuple] = {}
    metas = list(zip(mcr.metas["codigo"], mcr.metas["nivel"], strict=True))
    for nivel in NIVELES_EN_ORDEN:
        for codigo, nivel_meta in metas:
            if nivel_meta != nivel:
                continue
            lista = propios.get(codigo, [])
            suma_pw = peso_valor = peso_evaluable = 0.0
            hay_pendiente = False
            for peso, p, estado in lista:
                if estado in ESTADOS_CON_VALOR:
                    suma_pw += peso * min(max(p, 0.0), 100.0)
                    peso_valor += peso
                if estado not in (NO_PROGRAMADO, PENDIENTE):
                    peso_evaluable += peso
                hay_pendiente = hay_pendiente or estado == PENDIENTE
            directo = suma_pw / peso_valor if peso_valor > 0 else math.nan
            cobertura = peso_valor / peso_evaluable * 100 if peso_evaluable > 0 else math.nan

            suma_c = peso_c = 0.0
            for hijo, peso in hijos.get(codigo, []):
                if hijo not in resultado:
                    continue
                avance_hijo, estado_hijo = resultado[hijo][4], resultado[hijo][5]
                if estado_hijo == SIN_DATO or math.isnan(avance_hijo):
                    continue
                suma_c += peso * avance_hijo
                peso_c += peso
            contribuyentes = suma_c / peso_c if peso_c > 0 else math.nan

            if lista:
                avance = directo
                if peso_evaluable == 0:
                    estado = PENDIENTE if hay_pendiente else NO_PROGRAMADO
                elif cobertura < reglas.cobertura_minima:
                    estado = SIN_DATO
                else:
                    estado = classify(directo, reglas.umbral_verde, reglas.umbral_amarillo)
            else:
                avance = contribuyentes
                if not math.isnan(contribuyentes):
                    estado = classify(contribuyentes, reglas.umbral_verde, reglas.umbral_amarillo)
                else:
                    estado = SIN_DATO if codigo in hijos else NO_PROGRAMADO
            resultado[codigo] = (
                nivel,
                len(lista),
                directo,
                cobertura,
                avance,
                estado,
                contribuyentes,
            )

    out = pd.DataFrame.from_dict(
        resultado,
        orient="index",
        columns=[
            "nivel",
            "n_indicadores",
            "avance_directo",
            "cobertura",
            "avance",
            "semaforo",
            "avance_contribuyentes",
        ],
    )
    out.index.name = "codigo"
    return out.reindex(pd.Index(mcr.metas["codigo"], name="codigo"))


def run_loop(
    mcr: MCR, periodo: str, fecha_corte: dt.date, reglas: Reglas | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicators then goals, as the engine's ``evaluar_indicadores`` + ``evaluar_metas`` do."""
    indicadores = evaluar_indicadores_loop(mcr, periodo, fecha_corte, reglas)
    return indicadores, evaluar_metas_loop(mcr, indicadores, reglas)
