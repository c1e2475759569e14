"""Evaluating many (indicator, period) pairs in one call (``progress.evaluate_at``)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from bench.synthetic import build_mcr as build_synthetic
from data_layer.engine.frames import Reglas
from data_layer.engine.inputs import preparar
from data_layer.engine.progress import evaluate, evaluate_at, resolve_periods
from tests.unit.engine.builders import CORTE, build_mcr, indicador


def test_one_indicator_at_several_periods_and_a_missing_period():
    """An acumulado indicator (targets 10, 20, 30; values 5 in T1 and 40 in T3, T2 missing) at
    three of its periods, a flujo one at T2, and a pair without a period, in the given order:
    T1 5 / 10 = 50 % rojo; T2 programmed but unreported and overdue: sin_dato, comparing the
    running target 10 + 20 = 30; T3 (5 + 40) / (10 + 20 + 30) = 75 % amarillo; the flujo one
    45 / 50 = 90 % verde; no period: no_programado."""
    mcr = build_mcr(
        [indicador("I1", tipo="acumulado"), indicador("I2")],
        [
            ("I1", "2024-T1", 10.0),
            ("I1", "2024-T2", 20.0),
            ("I1", "2024-T3", 30.0),
            ("I2", "2024-T2", 50.0),
        ],
        [
            ("I1", "2024-T1", 5.0, "2024-04-10"),
            ("I1", "2024-T3", 40.0, "2024-10-10"),
            ("I2", "2024-T2", 45.0, "2024-07-10"),
        ],
    )
    ent = preparar(mcr, CORTE, 15)
    df = evaluate_at(
        ent, ["2024-T1", "2024-T2", "2024-T3", "2024-T2", None], Reglas(), pos=[0, 0, 0, 1, 0]
    )
    assert list(df.index) == ["I1", "I1", "I1", "I2", "I1"]
    assert df["periodo"].iloc[:4].tolist() == ["2024-T1", "2024-T2", "2024-T3", "2024-T2"]
    assert df["semaforo"].tolist() == ["rojo", "sin_dato", "amarillo", "verde", "no_programado"]
    assert df["meta"].iloc[:4].tolist() == [10.0, 30.0, 60.0, 50.0]
    assert df["valor"].iloc[[0, 2, 3]].tolist() == [5.0, 45.0, 45.0]
    assert np.isnan(df["valor"].iloc[1])
    assert df["avance_pct"].iloc[[0, 2, 3]].tolist() == pytest.approx([50.0, 75.0, 90.0])
    assert df["vencimiento"].iloc[1] == pd.Timestamp("2024-07-15")


def test_pairs_in_one_call_equal_one_evaluation_per_period():
    """Every indicator of a mixed synthetic MCR (all tipos, sentidos and frecuencias, gaps,
    zero targets, late reports) resolved at six quarters, the pairs shuffled into one call: each
    row is exactly (bit for bit) the row of the per-period evaluation."""
    mcr = build_synthetic(0.05, seed=3)
    ent = preparar(mcr, dt.date(2026, 10, 20), 15)
    reglas = Reglas()
    trimestres = ["2022-T1", "2023-T2", "2024-T4", "2025-T3", "2026-T3", "2027-T1"]
    esperado = pd.concat([evaluate(ent, p, reglas) for p in trimestres])
    n = len(ent.indicadores)
    pos = np.tile(np.arange(n), len(trimestres))
    periodos = np.concatenate(
        [
            resolve_periods(ent.indicadores["frecuencia"], p)["periodo"].to_numpy()
            for p in trimestres
        ]
    )
    orden = np.random.default_rng(0).permutation(len(pos))
    obtenido = evaluate_at(ent, periodos[orden], reglas, pos=pos[orden])
    pd.testing.assert_frame_equal(obtenido, esperado.iloc[orden], check_exact=True)


def test_default_pairs_are_every_indicator_once():
    """Without ``pos`` the periods are aligned with the indicators: the same frame as
    :func:`evaluate` at the quarter those periods resolve from."""
    mcr = build_synthetic(0.02, seed=1)
    ent = preparar(mcr, dt.date(2026, 10, 20), 15)
    resuelto = resolve_periods(ent.indicadores["frecuencia"], "2025-T2")["periodo"]
    pd.testing.assert_frame_equal(
        evaluate_at(ent, resuelto, Reglas()), evaluate(ent, "2025-T2", Reglas()), check_exact=True
    )
