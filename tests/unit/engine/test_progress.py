"""Indicator evaluation (DOMAIN.md §3): compared quantities, avance %, rounding and states."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_layer.engine import evaluar_indicadores
from data_layer.engine.frames import Reglas
from data_layer.engine.progress import compute_avance, round_half_up
from tests.unit.engine.builders import CORTE, PERIODO, build_mcr, indicador


def evaluar(indicadores, programacion, avances=(), periodo=PERIODO, corte=CORTE, reglas=None):
    """Evaluate a tiny MCR and return the indicator frame."""
    mcr = build_mcr(indicadores, programacion, avances)
    return evaluar_indicadores(mcr, periodo, corte, reglas or Reglas())


def una(tipo="flujo", sentido="ascendente", meta=100.0, valor=None, **kwargs) -> pd.Series:
    """Evaluate one quarterly indicator at 2024-T3 with one target and (optionally) one value."""
    avances = [] if valor is None else [("I1", "2024-T3", valor, "2024-10-05")]
    df = evaluar(
        [indicador("I1", tipo=tipo, sentido=sentido, **kwargs)],
        [("I1", "2024-T3", meta)],
        avances,
    )
    return df.loc["I1"]


def test_flujo_compares_period_value_with_period_target():
    """flujo: A / T × 100 on the period's own numbers, with the columns the UI reads."""
    r = una(meta=60.0, valor=45.0)
    assert r["meta"] == 60.0 and r["valor"] == 45.0
    assert r["meta_periodo"] == 60.0 and r["valor_periodo"] == 45.0
    assert r["avance_pct"] == pytest.approx(75.0)
    assert r["avance_redondeado"] == 75.0
    assert r["semaforo"] == "amarillo"
    assert r["periodo"] == "2024-T3"
    assert r["fecha_reporte"] == pd.Timestamp("2024-10-05")
    assert r["vencimiento"] == pd.Timestamp("2024-10-15")
    assert not r["tardio"]


def test_output_columns_and_index():
    """The frame has the contract's columns in order and is indexed by indicator code."""
    df = evaluar([indicador("I1"), indicador("I2")], [("I1", "2024-T3", 1.0)])
    assert list(df.index) == ["I1", "I2"]
    assert df.index.name == "codigo"
    assert list(df.columns[:3]) == ["meta_codigo", "periodo", "tipo"]
    assert "umbral_amarillo" == df.columns[-1]
    assert df["fecha_reporte"].dtype.kind == "M" and df["vencimiento"].dtype.kind == "M"


def test_stock_descendente_with_baseline():
    """Stock with a baseline: (A − B) / (T − B) × 100 works for a falling target too."""
    r = una(tipo="stock", sentido="descendente", meta=30.0, valor=40.0, linea_base=50.0)
    assert r["avance_pct"] == pytest.approx(50.0)  # (40 − 50) / (30 − 50)
    assert r["semaforo"] == "rojo"
    r = una(tipo="stock", sentido="descendente", meta=30.0, valor=34.0, linea_base=50.0)
    assert r["avance_pct"] == pytest.approx(80.0)
    assert r["semaforo"] == "amarillo"


def test_stock_worse_than_baseline_is_negative_and_red():
    """A stock that moved away from its target gives a negative P, classified rojo."""
    r = una(tipo="stock", meta=60.0, valor=45.0, linea_base=50.0)
    assert r["avance_pct"] == pytest.approx(-50.0)
    assert r["semaforo"] == "rojo"


def test_baseline_ignored_for_flujo():
    """The baseline only applies to stock: a flujo with a baseline still uses A / T."""
    r = una(tipo="flujo", meta=80.0, valor=60.0, linea_base=50.0)
    assert r["avance_pct"] == pytest.approx(75.0)


def test_target_equal_to_baseline_falls_back_to_ratio():
    """Stock with T = B cannot use the baseline formula: A / T × 100 instead."""
    r = una(tipo="stock", meta=50.0, valor=40.0, linea_base=50.0)
    assert r["avance_pct"] == pytest.approx(80.0)
    assert r["semaforo"] == "amarillo"


def test_descendente_without_baseline():
    """descendente: T / A × 100, and P = 100 when A = 0."""
    assert una(sentido="descendente", meta=30.0, valor=40.0)["avance_pct"] == pytest.approx(75.0)
    assert una(sentido="descendente", meta=30.0, valor=0.0)["avance_pct"] == 100.0


def test_acumulado_with_missing_intermediate_report():
    """acumulado sums targets and reported values since the first programmed period; a missing
    intermediate report just adds nothing."""
    df = evaluar(
        [indicador("I1", tipo="acumulado")],
        [("I1", "2024-T1", 10.0), ("I1", "2024-T2", 10.0), ("I1", "2024-T3", 20.0)],
        [("I1", "2024-T1", 8.0, "2024-04-10"), ("I1", "2024-T3", 12.0, "2024-10-10")],
    )
    r = df.loc["I1"]
    assert r["meta"] == 40.0 and r["meta_periodo"] == 20.0
    assert r["valor"] == 20.0 and r["valor_periodo"] == 12.0
    assert r["avance_pct"] == pytest.approx(50.0)
    assert r["semaforo"] == "rojo"


def test_acumulado_ignores_values_before_first_programmed_period_and_after_resolved():
    """The acumulado window is first programmed period .. resolved period, for values too."""
    df = evaluar(
        [indicador("I1", tipo="acumulado")],
        [("I1", "2024-T2", 10.0), ("I1", "2024-T3", 10.0), ("I1", "2024-T4", 10.0)],
        [
            ("I1", "2024-T1", 50.0, "2024-04-10"),
            ("I1", "2024-T2", 9.0, "2024-07-10"),
            ("I1", "2024-T3", 9.0, "2024-10-10"),
            ("I1", "2024-T4", 50.0, "2024-12-20"),
        ],
    )
    r = df.loc["I1"]
    assert r["meta"] == 20.0 and r["valor"] == 18.0
    assert r["avance_pct"] == pytest.approx(90.0)


def test_acumulado_not_evaluated_without_value_in_the_period():
    """acumulado is evaluated only when the resolved period itself has a value."""
    df = evaluar(
        [indicador("I1", tipo="acumulado")],
        [("I1", "2024-T1", 10.0), ("I1", "2024-T2", 10.0), ("I1", "2024-T3", 20.0)],
        [("I1", "2024-T1", 8.0, "2024-04-10"), ("I1", "2024-T2", 12.0, "2024-07-10")],
    )
    r = df.loc["I1"]
    assert r["semaforo"] == "sin_dato"
    assert math.isnan(r["valor"]) and math.isnan(r["avance_pct"])
    assert math.isnan(r["avance_redondeado"])
    assert r["meta"] == 40.0


def test_revised_target_compared_against_current():
    """A revised target: the current one is compared, the original is kept beside it."""
    df = evaluar(
        [indicador("I1")],
        [("I1", "2024-T3", 80.0, 100.0)],
        [("I1", "2024-T3", 70.0, "2024-10-01")],
    )
    r = df.loc["I1"]
    assert r["meta"] == 80.0 and r["meta_original"] == 100.0
    assert r["avance_pct"] == pytest.approx(87.5)
    assert r["semaforo"] == "verde"


def test_acumulado_meta_original_uses_same_basis():
    """meta_original of an acumulado is the cumulative sum of original targets."""
    df = evaluar(
        [indicador("I1", tipo="acumulado")],
        [("I1", "2024-T2", 10.0, 5.0), ("I1", "2024-T3", 10.0, 20.0)],
        [("I1", "2024-T3", 10.0, "2024-10-01")],
    )
    assert df.loc["I1", "meta"] == 20.0
    assert df.loc["I1", "meta_original"] == 25.0


@pytest.mark.parametrize(
    ("tipo", "sentido", "meta", "valor", "estado", "p"),
    [
        ("flujo", "ascendente", 0.0, 5.0, "no_programado", None),
        ("flujo", "ascendente", 0.0, None, "no_programado", None),
        ("flujo", "descendente", 0.0, 0.0, "verde", 100.0),
        ("flujo", "descendente", 0.0, 5.0, "rojo", 0.0),
        ("stock", "ascendente", 0.0, 3.0, "verde", 100.0),
        ("stock", "ascendente", 0.0, -1.0, "rojo", 0.0),
        ("stock", "descendente", 0.0, 2.0, "rojo", 0.0),
    ],
)
def test_zero_targets(tipo, sentido, meta, valor, estado, p):
    """T = 0: ascendente flujo is no_programado; descendente is 100 only if A = 0; ascendente
    stock without baseline is 100 when A ≥ 0."""
    r = una(tipo=tipo, sentido=sentido, meta=meta, valor=valor)
    assert r["semaforo"] == estado
    if p is None:
        assert math.isnan(r["avance_pct"])
    else:
        assert r["avance_pct"] == p


def test_acumulado_zero_period_target_is_no_programado():
    """acumulado ascendente: a period target of 0 means nothing programmed, even if earlier
    periods had targets."""
    df = evaluar(
        [indicador("I1", tipo="acumulado")],
        [("I1", "2024-T2", 10.0), ("I1", "2024-T3", 0.0)],
        [("I1", "2024-T2", 10.0, "2024-07-10"), ("I1", "2024-T3", 1.0, "2024-10-10")],
    )
    assert df.loc["I1", "semaforo"] == "no_programado"


def test_no_target_row_is_no_programado():
    """No programacion row for the resolved period → no_programado, even with a value."""
    df = evaluar(
        [indicador("I1")],
        [("I1", "2024-T2", 10.0)],
        [("I1", "2024-T3", 10.0, "2024-10-01")],
    )
    r = df.loc["I1"]
    assert r["semaforo"] == "no_programado"
    assert math.isnan(r["meta"]) and math.isnan(r["avance_pct"])


@pytest.mark.parametrize(
    ("valor", "redondeado", "estado"),
    [
        (60.0, 60.0, "rojo"),
        (60.49, 60.0, "rojo"),
        (60.5, 61.0, "amarillo"),
        (61.0, 61.0, "amarillo"),
        (80.0, 80.0, "amarillo"),
        (80.49, 80.0, "amarillo"),
        (80.5, 81.0, "verde"),
        (81.0, 81.0, "verde"),
    ],
)
def test_thresholds_with_half_up_rounding(valor, redondeado, estado):
    """P is rounded half up before classifying: 60 rojo, 60.5 → 61 amarillo, 80.49 → 80
    amarillo, 80.5 → 81 verde."""
    r = una(meta=100.0, valor=valor)
    assert r["avance_redondeado"] == redondeado
    assert r["semaforo"] == estado


def test_rounding_is_not_fooled_by_binary_noise():
    """23 / 40 × 100 is 57.49999999999999 in binary; it still rounds half up to 58."""
    assert 23 / 40 * 100 < 57.5  # the noise this test is about
    df = evaluar(
        [indicador("I1")],
        [("I1", "2024-T3", 40.0)],
        [("I1", "2024-T3", 23.0, "2024-10-01")],
        reglas=Reglas(umbral_amarillo=58.0),
    )
    assert df.loc["I1", "avance_redondeado"] == 58.0
    assert df.loc["I1", "semaforo"] == "amarillo"


def test_round_half_up_on_negatives():
    """Halves go up on negatives too (−0.5 → 0, −1.5 → −1)."""
    assert list(round_half_up(np.array([-0.5, -1.5, -1.6, 2.5]))) == [0.0, -1.0, -2.0, 3.0]


def test_per_indicator_threshold_override():
    """Per-indicator thresholds replace the rules' ones for that indicator only."""
    df = evaluar(
        [
            indicador("I1", umbral_verde=90.0, umbral_amarillo=70.0),
            indicador("I2", umbral_verde=90.0, umbral_amarillo=70.0),
            indicador("I3"),
        ],
        [("I1", "2024-T3", 100.0), ("I2", "2024-T3", 100.0), ("I3", "2024-T3", 100.0)],
        [
            ("I1", "2024-T3", 85.0, "2024-10-01"),
            ("I2", "2024-T3", 65.0, "2024-10-01"),
            ("I3", "2024-T3", 85.0, "2024-10-01"),
        ],
    )
    assert df.loc["I1", "semaforo"] == "amarillo"
    assert df.loc["I2", "semaforo"] == "rojo"
    assert df.loc["I3", "semaforo"] == "verde"
    assert (df.loc["I1", "umbral_verde"], df.loc["I1", "umbral_amarillo"]) == (90.0, 70.0)
    assert (df.loc["I3", "umbral_verde"], df.loc["I3", "umbral_amarillo"]) == (81.0, 61.0)


def test_rules_thresholds_are_configurable():
    """Reglas thresholds drive the classification of indicators without an override."""
    df = evaluar(
        [indicador("I1")],
        [("I1", "2024-T3", 100.0)],
        [("I1", "2024-T3", 85.0, "2024-10-01")],
        reglas=Reglas(umbral_verde=90.0, umbral_amarillo=50.0),
    )
    assert df.loc["I1", "semaforo"] == "amarillo"


@pytest.mark.parametrize(
    ("periodo", "semestral", "anual"),
    [
        ("2024-T1", "2023-S2", "2023"),
        ("2024-T2", "2024-S1", "2023"),
        ("2024-T3", "2024-S1", "2023"),
        ("2024-T4", "2024-S2", "2024"),
    ],
)
def test_as_of_resolution_for_semestral_and_annual(periodo, semestral, anual):
    """As of a quarter, semestral and annual indicators use their latest finished period, and
    its own target and value."""
    prog, av = [], []
    for i, p in enumerate(("2023-S2", "2024-S1", "2024-S2")):
        prog.append(("S", p, 100.0))
        av.append(("S", p, 10.0 * (i + 1), "2024-01-01"))
    for i, p in enumerate(("2023", "2024")):
        prog.append(("A", p, 100.0))
        av.append(("A", p, 50.0 + 10 * i, "2024-01-01"))
    df = evaluar(
        [indicador("S", frecuencia="semestral"), indicador("A", frecuencia="anual")],
        prog,
        av,
        periodo=periodo,
        corte=dt.date(2025, 12, 31),
    )
    assert df.loc["S", "periodo"] == semestral
    assert df.loc["A", "periodo"] == anual
    esperado_s = {"2023-S2": 10.0, "2024-S1": 20.0, "2024-S2": 30.0}[semestral]
    assert df.loc["S", "valor"] == esperado_s
    assert df.loc["A", "valor"] == {"2023": 50.0, "2024": 60.0}[anual]


@pytest.mark.parametrize(
    ("corte", "estado"),
    [
        (dt.date(2024, 10, 14), "pendiente"),
        (dt.date(2024, 10, 15), "pendiente"),
        (dt.date(2024, 10, 16), "sin_dato"),
    ],
)
def test_pendiente_vs_sin_dato_by_cut_date(corte, estado):
    """A missing report is pendiente up to and including its due date, sin_dato after it."""
    df = evaluar([indicador("I1")], [("I1", "2024-T3", 10.0)], corte=corte)
    assert df.loc["I1", "semaforo"] == estado
    assert df.loc["I1", "vencimiento"] == pd.Timestamp("2024-10-15")


def test_deadline_follows_rules():
    """plazo_reporte_dias moves the due date."""
    df = evaluar(
        [indicador("I1")],
        [("I1", "2024-T3", 10.0)],
        corte=dt.date(2024, 10, 20),
        reglas=Reglas(plazo_reporte_dias=30),
    )
    assert df.loc["I1", "semaforo"] == "pendiente"
    assert df.loc["I1", "vencimiento"] == pd.Timestamp("2024-10-30")


def test_value_reported_after_cut_date_is_ignored():
    """A value reported after the cut date does not exist for the evaluation."""
    prog = [("I1", "2024-T3", 10.0)]
    av = [("I1", "2024-T3", 10.0, "2024-10-20")]
    antes = evaluar([indicador("I1")], prog, av, corte=dt.date(2024, 10, 16)).loc["I1"]
    assert antes["semaforo"] == "sin_dato"
    assert math.isnan(antes["valor"]) and pd.isna(antes["fecha_reporte"])
    assert not antes["tardio"]
    despues = evaluar([indicador("I1")], prog, av, corte=dt.date(2024, 10, 20)).loc["I1"]
    assert despues["semaforo"] == "verde"
    assert despues["tardio"]


def test_rows_of_other_frequency_or_unknown_indicator_are_ignored():
    """A target typed in another frequency than the indicator's, or for an unknown indicator,
    does not count."""
    df = evaluar(
        [indicador("I1")],
        [("I1", "2024-S1", 10.0), ("X", "2024-T3", 10.0)],
        [("X", "2024-T3", 10.0, "2024-10-01")],
    )
    assert list(df.index) == ["I1"]
    assert df.loc["I1", "semaforo"] == "no_programado"


def test_weights_and_labels_pass_through():
    """Peso defaults to 1; goal code, tipo, eslabon and institution are carried over."""
    df = evaluar([indicador("I1", meta="MX", peso=3.0), indicador("I2")], [])
    assert df.loc["I1", "peso"] == 3.0 and df.loc["I2", "peso"] == 1.0
    assert df.loc["I1", "meta_codigo"] == "MX"
    assert df.loc["I1", "eslabon"] == "producto"
    assert df.loc["I1", "institucion_responsable"] == "SESAL"


def avance_referencia(a: float, t: float, b: float, tipo: str, sentido: str) -> float:
    """Scalar reference of DOMAIN.md §3's avance formula, written independently."""
    if tipo == "stock" and not math.isnan(b) and t != b:
        return (a - b) / (t - b) * 100
    if sentido == "descendente":
        if t == 0:
            return 100.0 if a == 0 else 0.0
        return 100.0 if a == 0 else t / a * 100
    if t == 0:
        return 100.0 if a >= 0 else 0.0
    return a / t * 100


numero = st.one_of(
    st.just(0.0),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-1000, max_value=1000).map(float),
)
fila = st.tuples(
    numero,
    numero,
    st.one_of(st.just(math.nan), numero),
    st.sampled_from(["flujo", "acumulado", "stock"]),
    st.sampled_from(["ascendente", "descendente"]),
)


@given(st.lists(fila, min_size=1, max_size=40))
def test_vectorised_avance_matches_scalar_reference(filas):
    """compute_avance on arrays equals the scalar formula row by row, for any inputs."""
    a, t, b, tipo, sentido = (np.array(c) for c in zip(*filas, strict=True))
    p = compute_avance(a, t, b, tipo, sentido)
    for i, f in enumerate(filas):
        esperado = avance_referencia(*f)
        assert p[i] == pytest.approx(esperado, rel=1e-12, abs=1e-9, nan_ok=True)


def test_value_without_report_date_is_kept():
    """A value without a report date cannot be placed after the cut: it counts, never late."""
    df = evaluar([indicador("I1")], [("I1", "2024-T3", 100.0)], [("I1", "2024-T3", 90.0, None)])
    r = df.loc["I1"]
    assert r["semaforo"] == "verde"
    assert pd.isna(r["fecha_reporte"]) and not r["tardio"]
