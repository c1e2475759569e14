"""Early warning: project each indicator's reported series to its last programmed period.

Method: an ordinary least squares straight line through the reported points, extrapolated to the
final programmed period. The quantity is the one the indicator is judged on: the level for flujo
and stock, the running cumulative total for acumulado. The projected value then goes through the
very same avance formula and thresholds as a real value, so a projection and a traffic light
never disagree about what "on track" means.

Why a linear trend:

- series are short (a handful of quarters, often fewer semesters or years): anything with more
  parameters (seasonality, ARIMA, exponential smoothing) would be fitted on noise;
- it is explainable to a minister in one sentence ("if it keeps moving as it has, it ends at X");
- with at least ``Reglas.proyeccion_min_puntos`` points it is robust enough to flag goals at
  risk, which is all an early warning has to do;
- it vectorises exactly: slope and intercept come from five grouped sums (n, Σx, Σy, Σx², Σxy),
  one pass over all indicators at once.

Only points from the indicator's first programmed period up to its resolved evaluated period,
known at the cut date, are used; x is the period's distance to the first programmed period.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from data_layer.engine.frames import MCR, Reglas
from data_layer.engine.grupos import suma_acumulada, tramos
from data_layer.engine.inputs import Entradas, preparar, programmed_span, take
from data_layer.engine.mensajes import plano, texto
from data_layer.engine.progress import (
    classify_semaforo,
    compute_avance,
    resolve_periods,
    round_half_up,
    sin_meta_programada,
)

#: Columns of :func:`proyectar`, in order.
COLUMNAS_PROYECCIONES = (
    "periodo_final",
    "meta_final",
    "valor_proyectado",
    "avance_proyectado",
    "pronostico",
    "metodo",
)

#: Traffic light of the projected avance → forecast.
PRONOSTICO = {"verde": "probable", "amarillo": "en_riesgo", "rojo": "improbable"}


def ols_trend(
    pos: np.ndarray, x: np.ndarray, y: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-group least squares line y = a + b·x from grouped sums.

    Args:
        pos: group (indicator position) of each point.
        x, y: the points.
        n: number of groups.

    Returns:
        ``(puntos, a, b)`` per group; b = (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), 0 when every x is equal;
        a = (Σy − bΣx) / n; NaN when a group has no point.
    """
    puntos = np.bincount(pos, minlength=n).astype(float)
    sx = np.bincount(pos, x, minlength=n)
    sy = np.bincount(pos, y, minlength=n)
    sxx = np.bincount(pos, x * x, minlength=n)
    sxy = np.bincount(pos, x * y, minlength=n)
    denominador = puntos * sxx - sx * sx
    with np.errstate(divide="ignore", invalid="ignore"):
        b = np.where(denominador > 0, (puntos * sxy - sx * sy) / denominador, 0.0)
        a = (sy - b * sx) / puntos
    return puntos.astype(np.int64), a, b


def project(ent: Entradas, indicadores: pd.DataFrame, periodo: str, reglas: Reglas) -> pd.DataFrame:
    """:func:`proyectar` on already normalised inputs."""
    ind = ent.indicadores
    n = len(ind)
    prog, av = ent.programacion, ent.avances
    tipo = ind["tipo"].to_numpy()
    sentido = ind["sentido"].to_numpy()
    es_acumulado = tipo == "acumulado"
    resuelto = resolve_periods(ind["frecuencia"], periodo)
    ordinal_resuelto = resuelto["ordinal"].to_numpy()

    i_primero, i_ultimo = programmed_span(prog, n)
    primero = take(prog["ordinal"], i_primero, 0)
    ultimo = take(prog["ordinal"], i_ultimo, -1)
    periodo_final = take(prog["periodo"], i_ultimo, None)
    meta_periodo_final = take(prog["meta"], i_ultimo, np.nan).astype(float)
    meta_total = np.bincount(prog["pos"].to_numpy(), prog["meta"].to_numpy(), minlength=n)
    meta_final = np.where(
        i_ultimo >= 0, np.where(es_acumulado, meta_total, meta_periodo_final), np.nan
    )

    # Points: reported values from the first programmed period up to the resolved one.
    av_pos = av["pos"].to_numpy()
    av_ord = av["ordinal"].to_numpy()
    dentro = (
        (i_primero[av_pos] >= 0)
        & (av_ord >= primero[av_pos])
        & (av_ord <= ordinal_resuelto[av_pos])
    )
    p_pos = av_pos[dentro]
    valores = av["valor"].to_numpy()[dentro]
    # acumulado: the running total at each point (rows are sorted by indicator, then period).
    acumula = es_acumulado[p_pos]
    y = valores.copy()
    y[acumula] = suma_acumulada(tramos(p_pos[acumula]), valores[acumula])
    x = (av_ord[dentro] - primero[p_pos]).astype(float)
    n_puntos, a, b = ols_trend(p_pos, x, y, n)

    valor_proyectado = a + b * (ultimo - primero)
    avance = compute_avance(
        valor_proyectado, meta_final, ind["linea_base"].to_numpy(), tipo, sentido
    )
    sin_programacion = i_ultimo < 0
    nada_por_proyectar = ultimo <= ordinal_resuelto
    pocos_puntos = n_puntos < reglas.proyeccion_min_puntos
    sin_meta = sin_meta_programada(meta_periodo_final, tipo, sentido)
    proyectable = ~(sin_programacion | nada_por_proyectar | pocos_puntos | sin_meta)

    semaforo = classify_semaforo(
        round_half_up(avance),
        ind["umbral_verde"].fillna(reglas.umbral_verde).to_numpy(dtype=float),
        ind["umbral_amarillo"].fillna(reglas.umbral_amarillo).to_numpy(dtype=float),
    )
    pronostico = pd.Series(
        np.where(
            proyectable,
            pd.Series(semaforo).map(PRONOSTICO).to_numpy(dtype=object),
            np.array(None, dtype=object),
        ),
        index=ind.index,
        dtype="str",
    )

    metodo = describe_method(
        n_puntos,
        es_acumulado,
        plano(resuelto["periodo"]),
        plano(periodo_final),
        [sin_programacion, nada_por_proyectar, sin_meta, pocos_puntos],
        reglas,
    )
    out = pd.DataFrame(
        {
            "periodo_final": pd.Series(periodo_final, index=ind.index, dtype="str"),
            "meta_final": meta_final,
            "valor_proyectado": np.where(proyectable, valor_proyectado, np.nan),
            "avance_proyectado": np.where(proyectable, avance, np.nan),
            "pronostico": pronostico,
            "metodo": pd.Series(metodo, index=ind.index, dtype="str"),
        },
        index=ind.index,
        copy=False,
    )
    return out.reindex(indicadores.index)


def describe_method(
    n_puntos: np.ndarray,
    es_acumulado: np.ndarray,
    periodo_resuelto: np.ndarray,
    periodo_final: np.ndarray,
    motivos: list[np.ndarray],
    reglas: Reglas,
) -> np.ndarray:
    """The Spanish one-liner shown to users: how the projection was made, or why there is none.

    ``motivos`` are the masks of: no programacion, nothing left to project, no target in the
    final period, too few points (the first that applies is told).

    The text depends only on those fields, which take few distinct combinations: each is
    written once and copied to its rows.
    """
    motivo = np.select(motivos, np.arange(1, len(motivos) + 1), default=0)
    clave = motivo.astype(np.int64)
    for campo in (
        n_puntos.astype(np.int64),
        es_acumulado.astype(np.int64),
        pd.factorize(periodo_resuelto)[0] + 1,
        pd.factorize(periodo_final)[0] + 1,
    ):
        clave = clave * (int(campo.max(initial=0)) + 1) + campo
    _, una, filas = np.unique(clave, return_index=True, return_inverse=True)
    return _describe_method(
        n_puntos[una],
        es_acumulado[una],
        periodo_resuelto[una],
        periodo_final[una],
        [m[una] for m in motivos],
        reglas,
    )[filas.reshape(-1)]


def _describe_method(
    n_puntos: np.ndarray,
    es_acumulado: np.ndarray,
    periodo_resuelto: np.ndarray,
    periodo_final: np.ndarray,
    motivos: list[np.ndarray],
    reglas: Reglas,
) -> np.ndarray:
    puntos = n_puntos.astype(str)
    hecho = texto(
        "Tendencia lineal (mínimos cuadrados) ",
        np.where(es_acumulado, "del total acumulado", "del valor reportado"),
        " con ",
        puntos,
        " puntos hasta ",
        periodo_resuelto,
        ", extrapolada a ",
        periodo_final,
        ".",
    )
    razones = [
        "Sin proyección: el indicador no tiene programación.",
        "Sin proyección: el periodo evaluado ya es el último programado.",
        "Sin proyección: no hay meta programada en el periodo final.",
        texto(
            "Sin proyección: se necesitan al menos ",
            str(reglas.proyeccion_min_puntos),
            " valores reportados (hay ",
            puntos,
            ").",
        ),
    ]
    return np.select(motivos, [plano(r) for r in razones], default=hecho)


def proyectar(
    mcr: MCR,
    indicadores_eval: pd.DataFrame,
    periodo: str,
    fecha_corte: dt.date,
    reglas: Reglas | None = None,
) -> pd.DataFrame:
    """Project each indicator to its last programmed period and forecast the final target.

    Args:
        mcr: the MCR (targets and reported values).
        indicadores_eval: the output of :func:`~data_layer.engine.progress.evaluar_indicadores`
            (its index decides the rows returned).
        periodo: the evaluated period; points after each indicator's resolved period are unused.
        fecha_corte: values reported after it are ignored.
        reglas: thresholds and the minimum number of points.

    Returns:
        Index ``codigo``, columns :data:`COLUMNAS_PROYECCIONES`; ``pronostico`` is ``probable``,
        ``en_riesgo`` or ``improbable`` (NA when there is too little to project).
    """
    reglas = reglas or Reglas()
    ent = preparar(mcr, fecha_corte, reglas.plazo_reporte_dias)
    return project(ent, indicadores_eval, periodo, reglas)
