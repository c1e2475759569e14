"""Inputs prepared once and reused across periods (``run_periodos``, ``metas_por_periodo``) give
exactly what a fresh ``run`` per period gives; so do rows that come in another order."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from bench.synthetic import build_mcr
from data_layer.engine import MCR, Reglas, Resultado, metas_por_periodo, run, run_periodos

CORTE = dt.date(2026, 10, 20)


@pytest.fixture(scope="module")
def mcr() -> MCR:
    """A small synthetic MCR: every tipo, sentido and frequency, gaps, late reports, outliers."""
    return build_mcr(0.1, seed=5)


def _iguales(a: Resultado, b: Resultado) -> None:
    assert (a.periodo, a.fecha_corte, a.reglas) == (b.periodo, b.fecha_corte, b.reglas)
    for parte in ("indicadores", "metas", "proyecciones", "alertas"):
        pd.testing.assert_frame_equal(getattr(a, parte), getattr(b, parte), check_exact=True)


@pytest.mark.parametrize(
    ("periodos", "reglas"),
    [
        (["2026-T3", "2026-T2"], Reglas()),  # the overview: a quarter and the one before
        (["2025-T4", "2026-T1", "2024-T2", "2022-T1"], Reglas()),  # annual resolves to a year
        (["2026-T3", "2025-T2"], Reglas(umbral_verde=90, atipico_z=2.0, atipico_min_cambios=3)),
    ],
)
def test_each_period_equals_a_fresh_run(mcr: MCR, periodos: list[str], reglas: Reglas) -> None:
    """One preparation for several periods: each result is frame for frame, bit for bit, the
    result of its own ``run`` (indicators, goals, projections and alerts)."""
    juntos = run_periodos(mcr, periodos, CORTE, reglas)
    assert list(juntos) == periodos
    for periodo in periodos:
        _iguales(juntos[periodo], run(mcr, periodo, CORTE, reglas))


def test_a_repeated_period_is_evaluated_once(mcr: MCR) -> None:
    """Asking twice for a period gives one entry, equal to its run."""
    juntos = run_periodos(mcr, ["2026-T1", "2026-T1"], CORTE)
    assert list(juntos) == ["2026-T1"]
    _iguales(juntos["2026-T1"], run(mcr, "2026-T1", CORTE))


def test_goals_per_period_equal_the_goals_of_each_run(mcr: MCR) -> None:
    """The heat maps' goals of eight quarters, prepared once, are each run's goals."""
    trimestres = [f"{a}-T{q}" for a in (2025, 2026) for q in (1, 2, 3, 4)]
    juntas = metas_por_periodo(mcr, trimestres, CORTE)
    for q in trimestres:
        pd.testing.assert_frame_equal(juntas[q], run(mcr, q, CORTE).metas, check_exact=True)


def test_rows_in_another_order_give_the_same_result(mcr: MCR) -> None:
    """Targets, values and versions shuffled (not grouped by indicator, so positions are looked
    up by code and rows sorted again) and one indicator without any row: the same evaluation as
    rows in the database's order."""
    sin_filas = mcr.indicadores["codigo"].iloc[3]

    def barajar(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[frame["indicador"] != sin_filas]
        return frame.sample(frac=1.0, random_state=1).reset_index(drop=True)

    ordenada = MCR(
        **{
            **mcr.__dict__,
            **{
                f: mcr.__dict__[f][mcr.__dict__[f]["indicador"] != sin_filas]
                for f in ("programacion", "avances", "versiones")
            },
        }
    )
    barajada = MCR(
        **{
            **mcr.__dict__,
            **{f: barajar(mcr.__dict__[f]) for f in ("programacion", "avances", "versiones")},
        }
    )
    _iguales(run(barajada, "2026-T3", CORTE), run(ordenada, "2026-T3", CORTE))
