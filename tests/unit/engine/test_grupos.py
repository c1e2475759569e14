"""Grouped numpy operations on runs of sorted rows (``engine.grupos``) against pandas' groupby."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_layer.engine.grupos import (
    anterior,
    mediana_por_fila,
    mediana_por_tramo,
    suma_acumulada,
    tramos,
)


def _grupos(seed: int, con_nan: bool) -> tuple[np.ndarray, np.ndarray]:
    """Runs of 1–24 rows (keys with gaps), values of mixed magnitudes, some rounded (ties)."""
    rng = np.random.default_rng(seed)
    largos = rng.integers(1, 25, 300)
    claves = np.repeat(np.arange(300) * 7, largos)
    valores = rng.normal(size=len(claves)) * 10.0 ** rng.integers(-4, 10, len(claves))
    valores[::3] = np.round(valores[::3], 1)
    if con_nan:
        valores[rng.random(len(valores)) < 0.15] = np.nan
    return claves, valores


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("con_nan", [False, True])
def test_shift_count_median_and_cumsum_are_pandas_bit_for_bit(seed: int, con_nan: bool) -> None:
    """Previous value, count, median (even counts too) and running total (pandas' compensated
    summation) per run equal ``groupby(...).shift/count/median/cumsum`` exactly, NaN included."""
    claves, valores = _grupos(seed, con_nan)
    t = tramos(claves)
    serie = pd.Series(valores)
    por = serie.groupby(claves, sort=False)
    assert np.array_equal(anterior(t, valores), por.shift(1).to_numpy(), equal_nan=True)
    cuantos, mediana = mediana_por_tramo(t, valores)
    assert np.array_equal(cuantos[t.tramo], por.transform("count").to_numpy())
    assert np.array_equal(mediana[t.tramo], por.transform("median").to_numpy(), equal_nan=True)
    assert np.array_equal(suma_acumulada(t, valores), por.cumsum().to_numpy(), equal_nan=True)


def test_runs_of_a_sorted_key() -> None:
    """Runs are found by consecutive equal keys: their start, length, and each row's run and
    place in it; the matrix puts each run on a row, padded."""
    t = tramos(np.array([4, 4, 4, 9, 12, 12]))
    assert t.inicio.tolist() == [0, 3, 4]
    assert t.largo.tolist() == [3, 1, 2]
    assert t.tramo.tolist() == [0, 0, 0, 1, 2, 2]
    assert t.lugar.tolist() == [0, 1, 2, 0, 0, 1]
    m = t.matriz(np.arange(6.0))
    assert m.shape == (3, 3)
    assert np.array_equal(m, [[0, 1, 2], [3, np.nan, np.nan], [4, 5, np.nan]], equal_nan=True)


def test_median_of_empty_rows_and_no_rows() -> None:
    """A run without values has count 0 and NaN median; no rows at all gives empty results."""
    cuantos, mediana = mediana_por_fila(np.array([[np.nan, np.nan], [3.0, 1.0]]))
    assert cuantos.tolist() == [0, 2]
    assert np.isnan(mediana[0]) and mediana[1] == 2.0
    t = tramos(np.zeros(0, dtype=np.int64))
    assert len(t.inicio) == 0 and len(suma_acumulada(t, np.zeros(0))) == 0
    assert len(anterior(t, np.zeros(0))) == 0
