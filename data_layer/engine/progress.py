"""Indicator progress (DOMAIN.md §3): compared quantities, avance %, rounding and semáforo.

Each rule lives in one function, vectorised over every indicator at once:

- as-of resolution of the evaluated period .................. :func:`resolve_periods`
- one evaluation of many (indicator, period) pairs ........... :func:`evaluate_at`
- what is compared for flujo / acumulado / stock ............. :func:`compared_quantities`
- which avance formula applies to each pair ................. :func:`select_rule`
- the avance formula (baseline, directions, zero targets) .... :func:`compute_avance`
- "ascendente with T = 0 means nothing was programmed" ....... :func:`sin_meta_programada`
- half-up rounding before classifying ........................ :func:`round_half_up`
- thresholds → verde / amarillo / rojo ....................... :func:`classify_semaforo`
- the six states of an indicator ............................. :func:`classify_indicator_state`

Due dates, overdue and late reports, and the cut-date visibility of values are in
:mod:`data_layer.engine.inputs`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
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
from data_layer.engine.inputs import (
    Entradas,
    clave,
    due_dates,
    is_late,
    is_overdue,
    lookup,
    preparar,
    programmed_span,
    take,
)

#: Columns of :func:`evaluar_indicadores`, in order.
COLUMNAS_INDICADORES = (
    "meta_codigo",
    "periodo",
    "tipo",
    "sentido",
    "frecuencia",
    "eslabon",
    "institucion_responsable",
    "peso",
    "meta",
    "meta_original",
    "meta_periodo",
    "valor",
    "valor_periodo",
    "linea_base",
    "avance_pct",
    "avance_redondeado",
    "semaforo",
    "fecha_reporte",
    "vencimiento",
    "tardio",
    "umbral_verde",
    "umbral_amarillo",
)


def resolve_periods(frecuencia: pd.Series, periodo: str) -> pd.DataFrame:
    """Each indicator's own period "as of" ``periodo`` (``periods.resolver``).

    Returns:
        Frame aligned with ``frecuencia``: ``periodo`` (text) and ``ordinal`` (int; -1 when the
        frequency is unknown).
    """
    # Each distinct frequency is resolved once (an MCR has at most three).
    codigos, unicas = pd.factorize(frecuencia.to_numpy(dtype=object))
    texto = np.array(
        [periods.resolver(periodo, f) if f in periods.PERIODOS_POR_ANIO else None for f in unicas]
        + [None],
        dtype=object,
    )
    ordinal = np.array([-1 if t is None else periods.parse(t).ordinal for t in texto])
    return pd.DataFrame(
        {
            "periodo": pd.Series(texto[codigos], index=frecuencia.index, dtype="str"),
            "ordinal": ordinal[codigos].astype(np.int64),
        },
        index=frecuencia.index,
    )


def round_half_up(p: np.ndarray | pd.Series) -> np.ndarray:
    """Round to the nearest integer, halves up (60.5 → 61, 80.49 → 80, -0.5 → 0).

    The value is first rounded to 9 decimals so that binary noise (60.4999999999) does not
    decide a traffic light.
    """
    return np.floor(np.round(np.asarray(p, dtype=float), 9) + 0.5)


def classify_semaforo(
    p_redondeado: np.ndarray,
    umbral_verde: np.ndarray | float,
    umbral_amarillo: np.ndarray | float,
) -> np.ndarray:
    """verde if P ≥ umbral_verde, amarillo if P ≥ umbral_amarillo, else rojo (negative too).

    ``p_redondeado`` must already be rounded (:func:`round_half_up`); NaN gives rojo, so callers
    decide the states without a value first.
    """
    return np.select(
        [p_redondeado >= umbral_verde, p_redondeado >= umbral_amarillo],
        [VERDE, AMARILLO],
        default=ROJO,
    )


def sin_meta_programada(meta_periodo: np.ndarray, tipo: np.ndarray, sentido: np.ndarray):
    """Ascendente flujo/acumulado with a period target of 0: nothing was programmed."""
    return (sentido == "ascendente") & (tipo != "stock") & (meta_periodo == 0)


#: The avance formulas of DOMAIN.md §3, as :func:`select_rule` names them.
REGLA_LINEA_BASE = "linea_base"
REGLA_ASCENDENTE = "ascendente"
REGLA_ASCENDENTE_META_CERO = "ascendente_meta_cero"
REGLA_DESCENDENTE = "descendente"
REGLA_DESCENDENTE_VALOR_CERO = "descendente_valor_cero"
REGLA_DESCENDENTE_META_CERO = "descendente_meta_cero"
REGLAS_AVANCE = (
    REGLA_LINEA_BASE,
    REGLA_ASCENDENTE,
    REGLA_ASCENDENTE_META_CERO,
    REGLA_DESCENDENTE,
    REGLA_DESCENDENTE_VALOR_CERO,
    REGLA_DESCENDENTE_META_CERO,
)


def select_rule(
    valor: np.ndarray,
    meta: np.ndarray,
    linea_base: np.ndarray,
    tipo: np.ndarray,
    sentido: np.ndarray,
) -> np.ndarray:
    """Which avance formula of DOMAIN.md §3 applies to each value A, target T, baseline B.

    - ``linea_base``: stock with a baseline and T ≠ B, both directions;
    - otherwise ``ascendente`` (``ascendente_meta_cero`` when T = 0);
    - ``descendente`` (``descendente_meta_cero`` when T = 0, ``descendente_valor_cero`` when
      A = 0 and T ≠ 0).

    :func:`compute_avance` computes P with exactly this choice, so an explanation of a number
    (:mod:`data_layer.engine.explicacion`) names the rule that produced it.
    """
    return np.asarray(REGLAS_AVANCE, dtype=object)[
        _rule_numbers(valor, meta, linea_base, tipo, sentido)
    ]


def _rule_numbers(
    valor: np.ndarray,
    meta: np.ndarray,
    linea_base: np.ndarray,
    tipo: np.ndarray,
    sentido: np.ndarray,
) -> np.ndarray:
    """:func:`select_rule` as positions in :data:`REGLAS_AVANCE` (integers compare faster)."""
    a = np.asarray(valor, dtype=float)
    t = np.asarray(meta, dtype=float)
    b = np.asarray(linea_base, dtype=float)
    usa_base = (np.asarray(tipo) == "stock") & ~np.isnan(b) & (t != b)
    descendente = np.asarray(sentido) == "descendente"
    return np.select(
        [
            usa_base,
            descendente & (t == 0),
            descendente & (a == 0),
            descendente,
            t == 0,
        ],
        [
            REGLAS_AVANCE.index(REGLA_LINEA_BASE),
            REGLAS_AVANCE.index(REGLA_DESCENDENTE_META_CERO),
            REGLAS_AVANCE.index(REGLA_DESCENDENTE_VALOR_CERO),
            REGLAS_AVANCE.index(REGLA_DESCENDENTE),
            REGLAS_AVANCE.index(REGLA_ASCENDENTE_META_CERO),
        ],
        default=REGLAS_AVANCE.index(REGLA_ASCENDENTE),
    )


def compute_avance(
    valor: np.ndarray,
    meta: np.ndarray,
    linea_base: np.ndarray,
    tipo: np.ndarray,
    sentido: np.ndarray,
) -> np.ndarray:
    """Avance % (P, unrounded) of value A against target T, baseline B (DOMAIN.md §3).

    - stock with a baseline and T ≠ B: (A − B) / (T − B) × 100, both directions;
    - otherwise ascendente: A / T × 100; T = 0 gives 100 when A ≥ 0, else 0;
    - descendente: T / A × 100, 100 when A = 0; T = 0 gives 100 when A = 0, else 0.

    The formula of each pair is :func:`select_rule`'s. The ascendente flujo/acumulado T = 0 case
    is ``no_programado`` (:func:`sin_meta_programada`); its P here is only a placeholder. NaN
    when A or T is missing.
    """
    a = np.asarray(valor, dtype=float)
    t = np.asarray(meta, dtype=float)
    b = np.asarray(linea_base, dtype=float)
    regla = _rule_numbers(a, t, b, tipo, sentido)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        p = np.select(
            [
                regla == REGLAS_AVANCE.index(REGLA_LINEA_BASE),
                regla == REGLAS_AVANCE.index(REGLA_ASCENDENTE),
                regla == REGLAS_AVANCE.index(REGLA_ASCENDENTE_META_CERO),
                regla == REGLAS_AVANCE.index(REGLA_DESCENDENTE),
                regla == REGLAS_AVANCE.index(REGLA_DESCENDENTE_VALOR_CERO),
            ],
            [
                (a - b) / (t - b) * 100.0,
                a / t * 100.0,
                np.where(a >= 0, 100.0, 0.0),
                t / a * 100.0,
                100.0,
            ],
            # descendente_meta_cero
            default=np.where(a == 0, 100.0, 0.0),
        )
    return np.where(np.isnan(a) | np.isnan(t), np.nan, p)


def classify_indicator_state(
    programado: np.ndarray,
    sin_meta: np.ndarray,
    tiene_valor: np.ndarray,
    vencido: np.ndarray,
    p_redondeado: np.ndarray,
    umbral_verde: np.ndarray,
    umbral_amarillo: np.ndarray,
) -> np.ndarray:
    """The six states: no target → no_programado; target, no value → sin_dato if the report is
    overdue else pendiente; otherwise the traffic light of the rounded P."""
    return np.select(
        [~programado | sin_meta, ~tiene_valor & vencido, ~tiene_valor],
        [NO_PROGRAMADO, SIN_DATO, PENDIENTE],
        default=classify_semaforo(p_redondeado, umbral_verde, umbral_amarillo),
    )


def _pair_rows(
    fila_pos: np.ndarray, pos: np.ndarray | None
) -> tuple[np.ndarray | None, np.ndarray]:
    """The rows of a ``clave``-sorted frame that belong to each evaluated pair, and the pair of
    each such row (a row appears once per pair of its indicator).

    Args:
        fila_pos: the frame's ``pos`` column (sorted, since the frame is sorted by ``clave``).
        pos: the indicator of each pair, or None when the pairs are every indicator once, in
            order: then every row belongs to the pair of its own indicator (returned as None,
            "all rows", so the common case copies nothing).
    """
    if pos is None:
        return None, fila_pos
    inicio = np.searchsorted(fila_pos, pos, side="left")
    largo = np.searchsorted(fila_pos, pos, side="right") - inicio
    par = np.repeat(np.arange(len(pos), dtype=np.int64), largo)
    desplazamiento = np.repeat(inicio - (np.cumsum(largo) - largo), largo)
    return np.arange(len(par), dtype=np.int64) + desplazamiento, par


def _rows(valores: np.ndarray, filas: np.ndarray | None) -> np.ndarray:
    return valores if filas is None else valores[filas]


def compared_quantities(
    ent: Entradas,
    ordinal_resuelto: np.ndarray,
    es_acumulado: np.ndarray,
    pos: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """What is compared, per evaluated pair (indicator, resolved period).

    flujo and stock: the period's value against the period's target. acumulado: the sum of the
    reported values against the sum of the current (and original) targets over the periods from
    the indicator's first programmed period up to the resolved one; a missing intermediate report
    just adds nothing, and nothing is compared unless the resolved period itself has a value.

    Args:
        ent: the normalised inputs.
        ordinal_resuelto: the ordinal of each pair's period (-1: unknown, nothing matches).
        es_acumulado: whether each pair's indicator is acumulado.
        pos: the indicator (row position) of each pair; default every indicator once, in order.

    Returns:
        Arrays aligned with the pairs: ``programado``, ``meta_periodo``,
        ``meta_original_periodo``, ``valor_periodo``, ``fecha_reporte``, ``meta``,
        ``meta_original``, ``valor``.
    """
    n = len(ordinal_resuelto)
    pos_par = np.arange(n, dtype=np.int64) if pos is None else np.asarray(pos, dtype=np.int64)
    prog, av = ent.programacion, ent.avances
    claves = clave(pos_par, ordinal_resuelto)
    i_prog = lookup(prog["clave"].to_numpy(), claves)
    i_av = lookup(av["clave"].to_numpy(), claves)
    programado = i_prog >= 0
    tiene_valor = i_av >= 0

    meta_periodo = take(prog["meta"], i_prog, np.nan).astype(float)
    meta_original_periodo = take(prog["meta_original"], i_prog, np.nan).astype(float)
    valor_periodo = take(av["valor"], i_av, np.nan).astype(float)
    fecha_reporte = take(av["fecha_reporte"], i_av, np.datetime64("NaT", "ns"))

    # The window of acumulado: first programmed period .. resolved period, per pair.
    i_primero, _ = programmed_span(prog, len(ent.indicadores))
    primero = take(prog["ordinal"], i_primero, np.iinfo(np.int64).max)[pos_par]
    filas, par = _pair_rows(prog["pos"].to_numpy(), pos)
    en_ventana = _rows(prog["ordinal"].to_numpy(), filas) <= ordinal_resuelto[par]
    suma_meta = np.bincount(par, _rows(prog["meta"].to_numpy(), filas) * en_ventana, minlength=n)
    suma_original = np.bincount(
        par, _rows(prog["meta_original"].to_numpy(), filas) * en_ventana, minlength=n
    )
    filas, par = _pair_rows(av["pos"].to_numpy(), pos)
    av_ord = _rows(av["ordinal"].to_numpy(), filas)
    av_en_ventana = (av_ord >= primero[par]) & (av_ord <= ordinal_resuelto[par])
    suma_valor = np.bincount(par, _rows(av["valor"].to_numpy(), filas) * av_en_ventana, minlength=n)

    meta = np.where(programado, np.where(es_acumulado, suma_meta, meta_periodo), np.nan)
    meta_original = np.where(
        programado, np.where(es_acumulado, suma_original, meta_original_periodo), np.nan
    )
    valor = np.where(tiene_valor, np.where(es_acumulado, suma_valor, valor_periodo), np.nan)
    return {
        "programado": programado,
        "meta_periodo": meta_periodo,
        "meta_original_periodo": meta_original_periodo,
        "valor_periodo": valor_periodo,
        "fecha_reporte": fecha_reporte.astype("datetime64[ns]"),
        "meta": meta,
        "meta_original": meta_original,
        "valor": valor,
    }


def evaluate_at(
    ent: Entradas,
    periodos: pd.Series | np.ndarray | Sequence[str | None],
    reglas: Reglas,
    pos: np.ndarray | Sequence[int] | None = None,
) -> pd.DataFrame:
    """Evaluate many (indicator, period) pairs at once: indicator ``pos[i]`` at ``periodos[i]``.

    Each period must be in its indicator's own frequency (as :func:`resolve_periods` gives, or
    as the indicator's programacion and avances rows are); a missing one evaluates as "no
    period" (``no_programado``). One indicator may appear in several pairs: its whole series is
    one call, with exactly the numbers :func:`evaluate` gives at each period.

    Args:
        ent: the normalised inputs (:func:`~data_layer.engine.inputs.preparar`).
        periodos: one period text per pair.
        reglas: thresholds.
        pos: the indicator (row of ``ent.indicadores``) of each pair; default every indicator
            once, in order (then ``periodos`` is aligned with ``ent.indicadores``).

    Returns:
        One row per pair, in order, indexed by the indicator's code (repeated when an indicator
        has several pairs), columns :data:`COLUMNAS_INDICADORES`.
    """
    ind = ent.indicadores if pos is None else ent.indicadores.iloc[np.asarray(pos, np.int64)]
    periodo = pd.Series(np.asarray(periodos, dtype=object), index=ind.index).astype("str")
    # Each distinct period text is parsed once (an evaluation has a few).
    codigos, unicos = pd.factorize(periodo.to_numpy(dtype=object))
    ordinal = np.r_[[periods.parse(p).ordinal for p in unicos], -1].astype(np.int64)[codigos]
    vencimiento = np.concatenate(
        [
            due_dates(pd.Series(unicos, dtype=object), ent.plazo_dias),
            np.array(["NaT"], dtype="datetime64[ns]"),
        ]
    )[codigos]
    tipo = ind["tipo"].to_numpy()
    sentido = ind["sentido"].to_numpy()
    q = compared_quantities(
        ent, ordinal, tipo == "acumulado", None if pos is None else np.asarray(pos, np.int64)
    )

    umbral_verde = ind["umbral_verde"].fillna(reglas.umbral_verde).to_numpy(dtype=float)
    umbral_amarillo = ind["umbral_amarillo"].fillna(reglas.umbral_amarillo).to_numpy(dtype=float)
    p = compute_avance(q["valor"], q["meta"], ind["linea_base"].to_numpy(), tipo, sentido)
    p_redondeado = round_half_up(p)
    # A report received by its deadline and waiting for validation is not missing (§8).
    recibido_en = take(
        ent.recepciones["recibido_en"],
        lookup(
            ent.recepciones["clave"].to_numpy(),
            clave(ind["pos"].to_numpy(), ordinal),
        ),
        np.datetime64("NaT", "ns"),
    ).astype("datetime64[ns]")
    semaforo = classify_indicator_state(
        q["programado"],
        sin_meta_programada(q["meta_periodo"], tipo, sentido),
        ~np.isnan(q["valor_periodo"]),
        is_overdue(vencimiento, ent.fecha_corte) & np.isnat(recibido_en),
        p_redondeado,
        umbral_verde,
        umbral_amarillo,
    )
    con_valor = np.isin(semaforo, ESTADOS_CON_VALOR)

    out = pd.DataFrame(
        {
            "meta_codigo": ind["meta"],
            "periodo": periodo,
            "tipo": ind["tipo"],
            "sentido": ind["sentido"],
            "frecuencia": ind["frecuencia"],
            "eslabon": ind["eslabon"],
            "institucion_responsable": ind["institucion_responsable"],
            "peso": ind["peso"],
            "meta": q["meta"],
            "meta_original": q["meta_original"],
            "meta_periodo": q["meta_periodo"],
            "valor": q["valor"],
            "valor_periodo": q["valor_periodo"],
            "linea_base": ind["linea_base"],
            "avance_pct": np.where(con_valor, p, np.nan),
            "avance_redondeado": np.where(con_valor, p_redondeado, np.nan),
            "semaforo": pd.Series(semaforo, index=ind.index, dtype="str"),
            "fecha_reporte": q["fecha_reporte"],
            "vencimiento": vencimiento,
            "tardio": is_late(recibido_en, vencimiento),
            "umbral_verde": umbral_verde,
            "umbral_amarillo": umbral_amarillo,
        },
        index=ind.index,
        copy=False,
    )
    return out


def evaluate(ent: Entradas, periodo: str, reglas: Reglas) -> pd.DataFrame:
    """:func:`evaluar_indicadores` on already normalised inputs: every indicator at its own
    period as of ``periodo`` (:func:`evaluate_at` of :func:`resolve_periods`)."""
    resuelto = resolve_periods(ent.indicadores["frecuencia"], periodo)
    return evaluate_at(ent, resuelto["periodo"], reglas)


def evaluar_indicadores(
    mcr: MCR, periodo: str, fecha_corte: dt.date, reglas: Reglas | None = None
) -> pd.DataFrame:
    """Evaluate every indicator of ``mcr`` as of ``periodo``, as known at ``fecha_corte``.

    Args:
        mcr: the whole MCR.
        periodo: the evaluated period (usually a quarter, e.g. ``2024-T3``).
        fecha_corte: cut date: later reports are ignored; decides pendiente vs sin_dato.
        reglas: thresholds and deadlines (defaults: DIGER's rules).

    Returns:
        One row per indicator, index ``codigo``, columns :data:`COLUMNAS_INDICADORES`.
        ``avance_pct`` and ``avance_redondeado`` exist only for verde / amarillo / rojo (NaN for
        sin_dato, pendiente and no_programado, even when a value was reported).
    """
    reglas = reglas or Reglas()
    return evaluate(preparar(mcr, fecha_corte, reglas.plazo_reporte_dias), periodo, reglas)
