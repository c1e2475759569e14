"""Grouped numpy operations on rows already sorted by group (an indicator's rows are consecutive).

The engine's tables are sorted by ``clave`` (indicator, then period), so a per-indicator
operation needs no hashing and no ``groupby``: the runs of equal keys are found with one
comparison, and short runs are laid out as the rows of a small matrix (one row per group, one
column per place in the group), on which numpy sorts and accumulates along an axis. Results are
bit-for-bit those of pandas' grouped ``shift``, ``median`` and ``cumsum``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Tramos:
    """The runs of equal consecutive keys of a sorted array.

    Attributes:
        inicio: first row of each run.
        largo: number of rows of each run.
        tramo: the run of each row.
        lugar: each row's place within its run (0 for the first).
    """

    inicio: np.ndarray
    largo: np.ndarray
    tramo: np.ndarray
    lugar: np.ndarray

    @property
    def ancho(self) -> int:
        """The longest run (0 when there are no rows)."""
        return int(self.largo.max()) if len(self.largo) else 0

    def matriz(self, valores: np.ndarray, relleno: float = np.nan) -> np.ndarray:
        """``valores`` as a (runs × longest run) matrix, each run a row, padded with ``relleno``."""
        ancho = self.ancho
        m = np.full((len(self.inicio), ancho), relleno, dtype=float)
        m.reshape(-1)[self.tramo * ancho + self.lugar] = valores
        return m

    def primera(self) -> np.ndarray:
        """Whether each row is the first of its run."""
        return self.lugar == 0


def tramos(claves: np.ndarray) -> Tramos:
    """Find the runs of equal consecutive values of ``claves`` (sorted, or at least grouped)."""
    n = len(claves)
    if n == 0:
        vacio = np.zeros(0, dtype=np.int64)
        return Tramos(vacio, vacio, vacio, vacio)
    nuevo = np.empty(n, dtype=bool)
    nuevo[0] = True
    np.not_equal(claves[1:], claves[:-1], out=nuevo[1:])
    inicio = np.flatnonzero(nuevo)
    largo = np.diff(np.r_[inicio, n])
    tramo = np.cumsum(nuevo) - 1
    lugar = np.arange(n, dtype=np.int64) - inicio[tramo]
    return Tramos(inicio, largo, tramo, lugar)


def anterior(t: Tramos, valores: np.ndarray) -> np.ndarray:
    """The previous row's value within the run (NaN on each run's first row): pandas'
    ``groupby(...).shift(1)``."""
    out = np.empty(len(valores), dtype=float)
    if len(valores):
        out[1:] = valores[:-1]
        out[t.primera()] = np.nan
    return out


def mediana_por_tramo(t: Tramos, valores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Count of non-NaN values and their median, per run (NaN when a run has none):
    pandas' ``groupby(...).count()`` and ``groupby(...).median()``."""
    return mediana_por_fila(t.matriz(valores))


def mediana_por_fila(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Count of non-NaN values and their median, per row of ``m`` (sorted in place).

    The median of an even count is ``(upper + lower) / 2``, as pandas computes it, so the
    result is bit-for-bit pandas' grouped median of each row's values.
    """
    m.sort(axis=1)  # NaN last
    cuantos = (~np.isnan(m)).sum(axis=1)
    if m.shape[1] == 0:
        return cuantos, np.full(len(m), np.nan)
    filas = np.arange(len(m))
    alto = m[filas, cuantos // 2]
    bajo = m[filas, np.maximum(cuantos // 2 - 1, 0)]
    mediana = np.where(cuantos % 2 == 1, alto, (alto + bajo) / 2)
    return cuantos, np.where(cuantos > 0, mediana, np.nan)


def suma_acumulada(t: Tramos, valores: np.ndarray) -> np.ndarray:
    """Running total within each run (NaN rows give NaN and add nothing): pandas'
    ``groupby(...).cumsum()``, including its compensated (Kahan) summation, one matrix column
    (place in the run) at a time."""
    m = t.matriz(valores)
    total = np.zeros(len(m))
    compensacion = np.zeros(len(m))
    out = np.full(m.shape, np.nan)
    for j in range(m.shape[1]):
        valor = m[:, j]
        hay = ~np.isnan(valor)
        y = valor - compensacion
        nuevo = total + y
        compensacion = np.where(hay, nuevo - total - y, compensacion)
        total = np.where(hay, nuevo, total)
        out[:, j] = np.where(hay, nuevo, np.nan)
    return out[t.tramo, t.lugar]
