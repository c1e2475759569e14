"""The projection support of target revisions against numbers computed by hand."""

from __future__ import annotations

import math

import pytest

from data_layer.engine.proyeccion_metas import (
    ProyeccionMeta,
    SinProyeccion,
    proyectar_meta,
    t_cuantil_95,
)


def test_linear_trend_and_prediction_interval_match_hand_computation() -> None:
    """y = 0, 2, 3, 7 at x = 0..3 (a zero: no log-linear fit): x̄ = 1.5, Sxx = 5, Sxy = 11, so
    b = 2.2, a = −0.3; residuals 0.3, 0.1, −1.1, 0.7, SSE = 1.8, s² = 0.9, t(0.95, 2) = 2.92.
    At x = 4: 8.5 ± 2.92·√(0.9·(1 + 1/4 + 2.5²/5)) = 8.5 ± 4.38; at x = 5: 10.7 ± 2.92·√3.33."""
    p = proyectar_meta(
        [("2025-T3", 3.0), ("2025-T1", 0.0), ("2025-T2", 2.0), ("2025-T4", 7.0)], "2026-T2"
    )
    assert isinstance(p, ProyeccionMeta)
    assert p.metodo == "lineal"
    assert p.periodos == ("2026-T1", "2026-T2")
    assert p.sugeridos == pytest.approx((8.5, 10.7))
    assert p.inferior == pytest.approx((8.5 - 4.38, 10.7 - 2.92 * math.sqrt(3.33)))
    assert p.superior == pytest.approx((8.5 + 4.38, 10.7 + 2.92 * math.sqrt(3.33)))
    assert p.parametros["intercepto"] == pytest.approx(-0.3)
    assert p.parametros["pendiente"] == pytest.approx(2.2)
    assert p.parametros["error_estandar"] == pytest.approx(math.sqrt(0.9))
    assert p.sugerido("2026-T2") == pytest.approx(10.7)
    assert "90 %" in p.descripcion and "4 valores validados" in p.descripcion


def test_log_linear_is_chosen_when_it_fits_better() -> None:
    """A constant 10 % growth (100, 110, 121, 133.1) is fitted exactly by the log-linear trend,
    which leaves a smaller error than a straight line: it is chosen and continues the growth
    (146.41, 161.051) with a zero-width band (no residual)."""
    p = proyectar_meta([("2022", 100.0), ("2023", 110.0), ("2024", 121.0), ("2025", 133.1)], "2027")
    assert isinstance(p, ProyeccionMeta)
    assert p.metodo == "log_lineal"
    assert p.sugeridos == pytest.approx((146.41, 161.051))
    assert p.inferior == pytest.approx(p.sugeridos)
    assert p.superior == pytest.approx(p.sugeridos)


def test_linear_is_kept_when_it_fits_better_than_log_linear() -> None:
    """A straight line with positive values (10, 20, 30, 40) is fitted exactly by the linear
    trend; the log-linear one is worse, so the linear one stays (50 at the next period)."""
    p = proyectar_meta(
        [("2023-S1", 10), ("2023-S2", 20), ("2024-S1", 30), ("2024-S2", 40)], "2025-S1"
    )
    assert isinstance(p, ProyeccionMeta)
    assert p.metodo == "lineal"
    assert p.sugeridos == pytest.approx((50.0,))


def test_fewer_than_three_points_give_no_projection_and_say_why() -> None:
    """Two validated values are not enough: no trajectory, a Spanish sentence says why."""
    p = proyectar_meta([("2025-T1", 1.0), ("2025-T2", 2.0)], "2026-T4")
    assert isinstance(p, SinProyeccion)
    assert "al menos 3 valores validados (hay 2)" in p.motivo


def test_nothing_to_project_when_the_last_period_has_a_value() -> None:
    """When the last programmed period already has a validated value there is nothing ahead."""
    p = proyectar_meta([("2024", 1.0), ("2025", 2.0), ("2026", 3.0)], "2026")
    assert isinstance(p, SinProyeccion)
    assert "ya tiene valor" in p.motivo


def test_t_quantile_matches_the_printed_table_and_the_expansion() -> None:
    """t(0.95, ν): the printed table for small ν, the Cornish–Fisher expansion beyond 30 within
    1e-4 of the exact values (1.683851 for 40, 1.657651 for 120)."""
    assert t_cuantil_95(1) == pytest.approx(6.3138)
    assert t_cuantil_95(10) == pytest.approx(1.8125)
    assert t_cuantil_95(40) == pytest.approx(1.683851, abs=1e-4)
    assert t_cuantil_95(120) == pytest.approx(1.657651, abs=1e-4)
    with pytest.raises(ValueError):
        t_cuantil_95(0)
