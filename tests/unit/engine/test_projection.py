"""Early-warning projection: least squares trend to the last programmed period."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from data_layer.engine import evaluar_indicadores, proyectar
from data_layer.engine.frames import Reglas
from data_layer.engine.projection import ols_trend
from tests.unit.engine.builders import build_mcr, indicador

CORTE = dt.date(2025, 1, 31)
TRIMESTRES = ["2024-T1", "2024-T2", "2024-T3", "2024-T4"]


def proyeccion(valores, metas, periodo="2024-T3", reglas=None, **kwargs) -> pd.Series:
    """Project one quarterly indicator with targets ``metas`` and values ``valores`` for
    2024-T1.. (None = not reported)."""
    prog = [("I1", p, m) for p, m in zip(TRIMESTRES, metas, strict=False)]
    av = [
        ("I1", p, v, "2024-12-01")
        for p, v in zip(TRIMESTRES, valores, strict=False)
        if v is not None
    ]
    mcr = build_mcr([indicador("I1", **kwargs)], prog, av)
    ev = evaluar_indicadores(mcr, periodo, CORTE, reglas)
    return proyectar(mcr, ev, periodo, CORTE, reglas).loc["I1"]


def test_perfect_linear_series_reaching_target_is_probable():
    """10, 20, 30 on a straight line reach the final target 40: 100 %, probable."""
    r = proyeccion([10.0, 20.0, 30.0], [10.0, 20.0, 30.0, 40.0], tipo="stock")
    assert r["periodo_final"] == "2024-T4"
    assert r["meta_final"] == 40.0
    assert r["valor_proyectado"] == pytest.approx(40.0)
    assert r["avance_proyectado"] == pytest.approx(100.0)
    assert r["pronostico"] == "probable"
    assert "mínimos cuadrados" in r["metodo"] and "2024-T4" in r["metodo"]


def test_flat_series_is_improbable():
    """A flat series stays at 10 of 40: 25 %, improbable."""
    r = proyeccion([10.0, 10.0, 10.0], [10.0, 20.0, 30.0, 40.0], tipo="stock")
    assert r["valor_proyectado"] == pytest.approx(10.0)
    assert r["avance_proyectado"] == pytest.approx(25.0)
    assert r["pronostico"] == "improbable"


def test_noisy_series_uses_least_squares():
    """Points 10, 30, 20 (x = 0, 1, 2) give the OLS line 15 + 5x → 30 at x = 3 (60 % of 50)."""
    r = proyeccion([10.0, 30.0, 20.0], [1.0, 1.0, 1.0, 50.0], tipo="stock")
    assert r["valor_proyectado"] == pytest.approx(30.0)
    assert r["avance_proyectado"] == pytest.approx(60.0)
    assert r["pronostico"] == "improbable"


def test_acumulado_projects_the_running_total():
    """acumulado: increments 7, 7, 7 → totals 7, 14, 21 → 28 of the cumulative 40: en_riesgo."""
    r = proyeccion([7.0, 7.0, 7.0], [10.0, 10.0, 10.0, 10.0], tipo="acumulado")
    assert r["meta_final"] == 40.0
    assert r["valor_proyectado"] == pytest.approx(28.0)
    assert r["avance_proyectado"] == pytest.approx(70.0)
    assert r["pronostico"] == "en_riesgo"
    assert "acumulado" in r["metodo"]


def test_acumulado_with_a_gap_uses_periods_as_x():
    """A missing report is a missing point, not a zero: totals 10 (T1) and 30 (T3) plus 40 (T4
    of 2025 plan) lie on 10 + 10x."""
    prog = [("I1", p, 10.0) for p in TRIMESTRES] + [("I1", "2025-T1", 10.0)]
    av = [
        ("I1", "2024-T1", 10.0, "2024-12-01"),
        ("I1", "2024-T3", 20.0, "2024-12-01"),
        ("I1", "2024-T4", 10.0, "2025-01-10"),
    ]
    mcr = build_mcr([indicador("I1", tipo="acumulado")], prog, av)
    ev = evaluar_indicadores(mcr, "2024-T4", CORTE)
    r = proyectar(mcr, ev, "2024-T4", CORTE).loc["I1"]
    # points (0, 10), (2, 30), (3, 40): slope 10, intercept 10 → 50 at x = 4
    assert r["valor_proyectado"] == pytest.approx(50.0)
    assert r["meta_final"] == 50.0
    assert r["pronostico"] == "probable"


def test_descendente_projection_uses_same_avance_formula():
    """descendente: a series falling towards the target is judged with T / A."""
    r = proyeccion([40.0, 35.0, 30.0], [40.0, 35.0, 30.0, 20.0], sentido="descendente")
    assert r["valor_proyectado"] == pytest.approx(25.0)
    assert r["avance_proyectado"] == pytest.approx(80.0)
    assert r["pronostico"] == "en_riesgo"


def test_indicator_thresholds_apply_to_forecast():
    """The indicator's own thresholds classify the projected avance."""
    r = proyeccion(
        [10.0, 20.0, 30.0],
        [10.0, 20.0, 30.0, 40.0],
        tipo="stock",
        umbral_verde=101.0,
        umbral_amarillo=50.0,
    )
    assert r["pronostico"] == "en_riesgo"


def test_too_few_points_gives_no_forecast():
    """Fewer reported points than proyeccion_min_puntos: no forecast, and the reason says so."""
    r = proyeccion([10.0, None, 30.0], [10.0, 20.0, 30.0, 40.0], tipo="stock")
    assert pd.isna(r["pronostico"]) and math.isnan(r["valor_proyectado"])
    assert "al menos 3" in r["metodo"] and "hay 2" in r["metodo"]
    r = proyeccion(
        [10.0, None, 30.0],
        [10.0, 20.0, 30.0, 40.0],
        tipo="stock",
        reglas=Reglas(proyeccion_min_puntos=2),
    )
    assert r["pronostico"] == "probable"


def test_nothing_left_to_project():
    """When the evaluated period is the last programmed one there is nothing to project."""
    r = proyeccion([10.0, 20.0, 30.0, 40.0], [10.0, 20.0, 30.0, 40.0], periodo="2024-T4")
    assert pd.isna(r["pronostico"])
    assert r["periodo_final"] == "2024-T4"
    assert "último programado" in r["metodo"]


def test_points_after_the_evaluated_period_are_not_used():
    """Only values up to the resolved period count: a later value does not change the line."""
    r = proyeccion([10.0, 10.0, 10.0, 40.0], [10.0, 20.0, 30.0, 40.0], tipo="stock")
    assert r["pronostico"] == "improbable"


def test_without_programacion_or_final_target():
    """No targets at all, or an ascendente flujo whose final target is 0: no forecast."""
    mcr = build_mcr([indicador("I1"), indicador("I2")], [("I2", "2024-T4", 0.0)])
    ev = evaluar_indicadores(mcr, "2024-T3", CORTE)
    pr = proyectar(mcr, ev, "2024-T3", CORTE)
    assert pr["pronostico"].isna().all()
    assert pd.isna(pr.loc["I1", "periodo_final"])
    assert "no tiene programación" in pr.loc["I1", "metodo"]
    assert "no hay meta programada" in pr.loc["I2", "metodo"]
    assert list(pr.columns) == [
        "periodo_final",
        "meta_final",
        "valor_proyectado",
        "avance_proyectado",
        "pronostico",
        "metodo",
    ]


def test_ols_trend_grouped_sums():
    """Grouped OLS: two groups fitted at once; a single point gives a flat line through it."""
    pos = np.array([0, 0, 0, 1])
    x = np.array([0.0, 1.0, 2.0, 5.0])
    y = np.array([1.0, 3.0, 5.0, 7.0])
    n, a, b = ols_trend(pos, x, y, 3)
    assert list(n) == [1 + 2, 1, 0]
    assert a[0] == pytest.approx(1.0) and b[0] == pytest.approx(2.0)
    assert a[1] == pytest.approx(7.0) and b[1] == 0.0
    assert math.isnan(a[2])
