"""Projection support for target revisions (DOMAIN.md §9): a suggested trajectory and its range.

From an indicator's validated values per period, the trajectory to the end of the plan (its last
programmed period) that the series suggests «conforme su potencial de crecimiento», with a 90 %
prediction interval, for whoever proposes new targets.

The rule, stated once:

- the quantity is the period's own value, the one the targets are written in (the level for
  flujo and stock, the period's increment for acumulado); x is the period's distance to the first
  point (consecutive periods differ by 1);
- fewer than :data:`MIN_PUNTOS` points: no projection, and a Spanish sentence says why;
- the linear trend is the engine's own least squares line
  (:func:`data_layer.engine.projection.ols_trend`, the early warning's fit);
- when every value is positive a log-linear trend (a line through ln y, a constant growth rate)
  is fitted too, and chosen only when its fitted values, back in the original scale, leave a
  smaller sum of squared residuals than the straight line's;
- the range is the 90 % prediction interval of a new observation, ŷ ± t(0.95, n − 2) · s ·
  √(1 + 1/n + (x − x̄)² / Sxx), with s² = SSE / (n − 2) of the chosen fit (in ln y for the
  log-linear trend, then exponentiated: its suggested value is the median exp(ŷ)).

The t quantile comes from :func:`t_cuantil_95`: scipy is not installed, so it is a table of the
0.95 quantile for 1 to 30 degrees of freedom (the usual printed table, four decimals) and the
Cornish–Fisher expansion around the normal quantile beyond (error below 1e-4 there).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from data_layer import periods
from data_layer.engine.projection import ols_trend

#: Fewer validated values than this: no suggested trajectory.
MIN_PUNTOS = 3
#: The prediction interval's coverage.
NIVEL = 0.90

#: t(0.95, ν) for ν = 1..30 (two-sided 90 %).
_T95 = (
    6.3138, 2.9200, 2.3534, 2.1318, 2.0150, 1.9432, 1.8946, 1.8595, 1.8331, 1.8125,
    1.7959, 1.7823, 1.7709, 1.7613, 1.7531, 1.7459, 1.7396, 1.7341, 1.7291, 1.7247,
    1.7207, 1.7171, 1.7139, 1.7109, 1.7081, 1.7056, 1.7033, 1.7011, 1.6991, 1.6973,
)  # fmt: skip
_Z95 = 1.6448536269514722

#: Spanish names of the methods.
METODOS = {
    "lineal": "tendencia lineal",
    "log_lineal": "tendencia log-lineal (crecimiento constante)",
}


def t_cuantil_95(gl: int) -> float:
    """The 0.95 quantile of Student's t with ``gl`` degrees of freedom (see the module's note).

    Raises:
        ValueError: ``gl`` below 1.
    """
    if gl < 1:
        raise ValueError("Los grados de libertad deben ser al menos 1.")
    if gl <= len(_T95):
        return _T95[gl - 1]
    z, v = _Z95, float(gl)
    return (
        z
        + (z**3 + z) / (4 * v)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
    )


@dataclass(frozen=True)
class ProyeccionMeta:
    """A suggested trajectory from the last validated value to the end of the plan.

    Attributes:
        metodo: ``lineal`` or ``log_lineal``.
        descripcion: the Spanish sentence shown to users (method, points, range).
        periodos: the projected periods (after the last point, up to the last programmed one).
        sugeridos: the suggested value of each projected period.
        inferior, superior: the 90 % prediction interval of each.
        parametros: what a proposal records of it (method, intercept, slope, points, s, t,
            first and last period used).
    """

    metodo: str
    descripcion: str
    periodos: tuple[str, ...]
    sugeridos: tuple[float, ...]
    inferior: tuple[float, ...]
    superior: tuple[float, ...]
    parametros: dict[str, Any] = field(default_factory=dict)

    def sugerido(self, periodo: str) -> float | None:
        """The suggested value of ``periodo``, or None when it is not projected."""
        return self.sugeridos[self.periodos.index(periodo)] if periodo in self.periodos else None


@dataclass(frozen=True)
class SinProyeccion:
    """Why there is no suggested trajectory (a Spanish sentence)."""

    motivo: str


def _ajuste(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    _, a, b = ols_trend(np.zeros(len(x), dtype=np.int64), x, y, 1)
    return float(a[0]), float(b[0])


def proyectar_meta(
    puntos: Sequence[tuple[str, float]], periodo_final: str
) -> ProyeccionMeta | SinProyeccion:
    """The suggested trajectory of a series of validated values up to ``periodo_final``.

    Args:
        puntos: ``(periodo, valor)`` of each validated value, one per period, in the indicator's
            own frequency (any order).
        periodo_final: the indicator's last programmed period.

    Returns:
        The projection, or why there is none (too few points, nothing left to project).
    """
    validos = sorted(
        ((periods.parse(p), float(v)) for p, v in puntos if v is not None and math.isfinite(v)),
        key=lambda pv: pv[0].ordinal,
    )
    n = len(validos)
    if n < MIN_PUNTOS:
        return SinProyeccion(
            f"Sin proyección: se necesitan al menos {MIN_PUNTOS} valores validados (hay {n})."
        )
    final = periods.parse(periodo_final)
    ultimo = validos[-1][0]
    if final.ordinal <= ultimo.ordinal:
        return SinProyeccion(
            f"Sin proyección: el último periodo programado ({periodo_final}) ya tiene valor "
            "validado."
        )
    origen = validos[0][0].ordinal
    x = np.array([p.ordinal - origen for p, _ in validos], dtype=float)
    y = np.array([v for _, v in validos], dtype=float)
    a, b = _ajuste(x, y)
    sse_lineal = float(np.sum((y - (a + b * x)) ** 2))
    metodo, escala = "lineal", y
    if np.all(y > 0):
        la, lb = _ajuste(x, np.log(y))
        sse_log = float(np.sum((y - np.exp(la + lb * x)) ** 2))
        if sse_log < sse_lineal:
            metodo, escala, a, b = "log_lineal", np.log(y), la, lb
    gl = n - 2
    residuos = escala - (a + b * x)
    s = math.sqrt(float(np.sum(residuos**2)) / gl)
    t = t_cuantil_95(gl)
    media_x = float(x.mean())
    sxx = float(np.sum((x - media_x) ** 2))
    futuros = [
        periods.from_ordinal(o, final.frecuencia)
        for o in range(ultimo.ordinal + 1, final.ordinal + 1)
    ]
    x0 = np.array([p.ordinal - origen for p in futuros], dtype=float)
    centro = a + b * x0
    margen = t * s * np.sqrt(1 + 1 / n + (x0 - media_x) ** 2 / sxx)
    bajo, alto = centro - margen, centro + margen
    if metodo == "log_lineal":
        centro, bajo, alto = np.exp(centro), np.exp(bajo), np.exp(alto)
    desde, hasta = str(validos[0][0]), str(ultimo)
    descripcion = (
        f"{METODOS[metodo].capitalize()} por mínimos cuadrados con {n} valores validados "
        f"({desde} a {hasta}), extendida hasta {periodo_final}; la banda es el intervalo de "
        f"predicción del {round(NIVEL * 100)} % (t de Student con {gl} grados de libertad)."
    )
    return ProyeccionMeta(
        metodo=metodo,
        descripcion=descripcion,
        periodos=tuple(str(p) for p in futuros),
        sugeridos=tuple(float(v) for v in centro),
        inferior=tuple(float(v) for v in bajo),
        superior=tuple(float(v) for v in alto),
        parametros={
            "metodo": metodo,
            "intercepto": a,
            "pendiente": b,
            "puntos": n,
            "error_estandar": s,
            "t": t,
            "nivel": NIVEL,
            "desde": desde,
            "hasta": hasta,
        },
    )
