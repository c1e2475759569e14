"""The formula behind each avance (DOMAIN.md §3): one case per rule, always the engine's number."""

from __future__ import annotations

import pandas as pd
import pytest

from data_layer import formato
from data_layer.engine import evaluar_indicadores
from data_layer.engine.explicacion import explicar_avance, numero, primeros_periodos
from data_layer.engine.frames import Reglas
from data_layer.engine.progress import (
    REGLA_ASCENDENTE,
    REGLA_ASCENDENTE_META_CERO,
    REGLA_DESCENDENTE,
    REGLA_DESCENDENTE_META_CERO,
    REGLA_DESCENDENTE_VALOR_CERO,
    REGLA_LINEA_BASE,
)
from tests.unit.engine.builders import CORTE, PERIODO, build_mcr, indicador


def explicar(indicadores, programacion, avances=()):
    """Evaluate a tiny MCR and explain its rows; returns (engine rows, explanations)."""
    mcr = build_mcr(indicadores, programacion, avances)
    ev = evaluar_indicadores(mcr, PERIODO, CORTE, Reglas())
    return ev, explicar_avance(ev, primeros_periodos(mcr))


def una(tipo="flujo", sentido="ascendente", meta=100.0, valor=None, **kwargs):
    """One quarterly indicator at 2024-T3 with one target and (optionally) one value."""
    avances = [] if valor is None else [("I1", "2024-T3", valor, "2024-10-05")]
    ev, ex = explicar(
        [indicador("I1", tipo=tipo, sentido=sentido, **kwargs)], [("I1", "2024-T3", meta)], avances
    )
    return ev.loc["I1"], ex.loc["I1"]


def termina_en_el_numero_del_motor(fila: pd.Series, explicado: pd.Series) -> None:
    """The formula ends in the engine's avance, printed as everywhere else."""
    assert explicado["formula"].endswith(f"= {formato.format_porcentaje(fila['avance_pct'])}") or (
        explicado["formula"].endswith(f"→ {formato.format_porcentaje(fila['avance_pct'])}")
    )
    assert explicado["formula"] in explicado["explicacion"]


def test_stock_with_baseline_shows_the_distance_travelled():
    """Stock with a baseline: (A − B) ÷ (T − B) with the real numbers and the engine's 26.6 %,
    and the explanation says the avance is the part of the way from the baseline to the target."""
    fila, ex = una(tipo="stock", meta=83.6, valor=64.8, linea_base=58.0)
    assert ex["regla"] == REGLA_LINEA_BASE
    assert ex["formula"] == "(64.8 − 58.0) ÷ (83.6 − 58.0) = 26.6 %"
    assert fila["avance_pct"] == pytest.approx((64.8 - 58.0) / (83.6 - 58.0) * 100)
    termina_en_el_numero_del_motor(fila, ex)
    assert "Línea base: 58.0" in ex["explicacion"]
    assert "camino entre la línea base y la meta" in ex["explicacion"]
    assert "Redondeado a 27 → rojo" in ex["explicacion"]


def test_ascendente_without_baseline_is_value_over_target():
    """Ascendente without baseline: A ÷ T, and the result is the engine's."""
    fila, ex = una(meta=83.6, valor=64.8)
    assert ex["regla"] == REGLA_ASCENDENTE
    assert ex["formula"] == "64.8 ÷ 83.6 = 77.5 %"
    assert fila["avance_pct"] == pytest.approx(64.8 / 83.6 * 100)
    termina_en_el_numero_del_motor(fila, ex)
    assert "Mayor es mejor" in ex["explicacion"]


def test_descendente_is_target_over_value():
    """Descendente without baseline: T ÷ A ("menor es mejor"); above 100 % the explanation says
    the goal counts it as 100 %."""
    fila, ex = una(sentido="descendente", meta=30.0, valor=24.0)
    assert ex["regla"] == REGLA_DESCENDENTE
    assert ex["formula"] == "30.0 ÷ 24.0 = 125.0 %"
    assert fila["avance_pct"] == pytest.approx(125.0)
    termina_en_el_numero_del_motor(fila, ex)
    assert "Menor es mejor" in ex["explicacion"]
    assert "cuenta como 100 % (tope)" in ex["explicacion"]


def test_descendente_with_value_zero():
    """Descendente with A = 0 and T ≠ 0: 100 % (nothing left to reduce)."""
    fila, ex = una(sentido="descendente", meta=30.0, valor=0.0)
    assert ex["regla"] == REGLA_DESCENDENTE_VALOR_CERO
    assert fila["avance_pct"] == 100.0
    termina_en_el_numero_del_motor(fila, ex)


@pytest.mark.parametrize(
    ("tipo", "sentido", "valor", "regla", "p"),
    [
        ("flujo", "descendente", 0.0, REGLA_DESCENDENTE_META_CERO, 100.0),
        ("flujo", "descendente", 3.0, REGLA_DESCENDENTE_META_CERO, 0.0),
        ("stock", "ascendente", 5.0, REGLA_ASCENDENTE_META_CERO, 100.0),
    ],
)
def test_zero_targets(tipo, sentido, valor, regla, p):
    """Targets of zero: descendente gives 100 % when A = 0 else 0 %; an ascendente stock with
    T = 0 gives 100 % for a non-negative value; the formula ends in the engine's number."""
    fila, ex = una(tipo=tipo, sentido=sentido, meta=0.0, valor=valor)
    assert ex["regla"] == regla
    assert fila["avance_pct"] == p
    termina_en_el_numero_del_motor(fila, ex)
    assert ex["formula"].startswith("meta 0")


def test_ascendente_flujo_zero_target_is_not_programmed():
    """Ascendente flujo with T = 0: no avance, and the explanation says nothing was programmed."""
    fila, ex = una(meta=0.0, valor=4.0)
    assert fila["semaforo"] == "no_programado"
    assert ex["formula"] is None and ex["regla"] is None
    assert "Meta de 0 en 2024-T3" in ex["explicacion"]


def test_acumulado_sums_since_the_first_programmed_period():
    """Acumulado: the sums from the first programmed period to the evaluated one are named, and
    the formula on those sums ends in the engine's number."""
    ev, ex = explicar(
        [indicador("I1", tipo="acumulado")],
        [("I1", "2024-T1", 10.0), ("I1", "2024-T2", 20.0), ("I1", "2024-T3", 30.0)],
        [
            ("I1", "2024-T1", 12.0, "2024-04-05"),
            ("I1", "2024-T2", 8.0, "2024-07-05"),
            ("I1", "2024-T3", 25.0, "2024-10-05"),
        ],
    )
    fila, e = ev.loc["I1"], ex.loc["I1"]
    assert fila["valor"] == 45.0 and fila["meta"] == 60.0
    assert e["formula"] == "45.0 ÷ 60.0 = 75.0 %"
    termina_en_el_numero_del_motor(fila, e)
    assert "Acumulado de 2024-T1 a 2024-T3" in e["explicacion"]
    assert "suma 45.0" in e["explicacion"] and "suman 60.0" in e["explicacion"]


def test_rows_without_avance_say_why():
    """sin_dato and no_programado rows carry no formula but a reason."""
    ev, ex = explicar([indicador("I1"), indicador("I2")], [("I1", "2024-T3", 10.0)])
    assert ev.loc["I1", "semaforo"] == "sin_dato"
    assert ex.loc["I1", "formula"] is None
    assert ex.loc["I1", "explicacion"].startswith("Sin dato")
    assert ex.loc["I2", "explicacion"] == "Sin meta programada para 2024-T3: no se evalúa."


def test_numbers_keep_their_decimals():
    """A rate of 0.125 is not printed as 0.1; one decimal otherwise; negatives in parentheses."""
    assert numero(0.125) == "0.125"
    assert numero(58.0) == "58.0"
    assert numero(12500.0) == "12,500.0"
    fila, ex = una(tipo="stock", meta=5.0, valor=1.0, linea_base=-2.0)
    assert ex["formula"] == "(1.0 − (−2.0)) ÷ (5.0 − (−2.0)) = 42.9 %"
    termina_en_el_numero_del_motor(fila, ex)


def test_goal_avance_directo_explains_the_clipped_weighted_mean():
    """A goal's avance directo: the weighted mean of its indicators' avances clipped to 0–100,
    ending in the engine's number; an indicator above 100 % says it counts as 100."""
    from data_layer.engine import run
    from data_layer.engine.explicacion import explicar_avance_directo

    mcr = build_mcr(
        [indicador("I1"), indicador("I2", peso=3.0)],
        [("I1", "2024-T3", 80.0), ("I2", "2024-T3", 100.0)],
        [("I1", "2024-T3", 100.0, "2024-10-05"), ("I2", "2024-T3", 70.0, "2024-10-05")],
    )
    res = run(mcr, PERIODO, CORTE, Reglas())
    directo = float(res.metas.loc["M1", "avance_directo"])
    assert directo == pytest.approx((100.0 * 1 + 70.0 * 3) / 4)
    filas = res.indicadores.assign(codigo=res.indicadores.index)
    texto = explicar_avance_directo(filas, directo)
    assert texto == (
        "Promedio ponderado de los avances de sus 2 indicadores con valor, cada uno recortado a "
        "0–100 %: (100.0 × 1.0 + 70.0 × 3.0) ÷ (1.0 + 3.0) = 77.5 % (I1: 125.0 % cuenta como "
        "100.0)."
    )
    assert explicar_avance_directo(filas, None) is None
