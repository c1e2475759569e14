"""The straightforward pandas loop (reference of the 50× target) computes what the engine does."""

from __future__ import annotations

import numpy as np
import pytest

from bench.pandas_loop import evaluar_indicadores_pandas_loop
from bench.synthetic import FECHA_CORTE_BENCH, PERIODO_BENCH, build_mcr
from data_layer.engine import evaluar_indicadores


@pytest.mark.parametrize("seed", [0, 1])
def test_pandas_loop_equals_engine(seed: int) -> None:
    """Every indicator gets the same resolved period, avance and semáforo from both."""
    mcr = build_mcr(0.2, seed)
    lento = evaluar_indicadores_pandas_loop(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH)
    motor = evaluar_indicadores(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH).loc[lento.index]
    assert len(lento) == len(mcr.indicadores)
    assert (lento["periodo"] == motor["periodo"]).all()
    assert (lento["semaforo"] == motor["semaforo"]).all()
    assert np.allclose(lento["avance_pct"], motor["avance_pct"], equal_nan=True)
    assert set(lento["semaforo"]) >= {"verde", "rojo"}
