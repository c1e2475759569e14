"""The per-indicator loop reference: hand-computed cases, then agreement with the engine."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from bench.loop_baseline import avance_scalar, evaluar_indicadores_loop, run_loop
from bench.run_engine import differences
from bench.synthetic import build_mcr
from data_layer.engine.frames import MCR, Reglas, typed_frame

CORTE = dt.date(2024, 10, 20)  # 2024-T3 is due on 2024-10-15


def _ind(codigo: str, meta: str = "MI-1", **kw: object) -> dict:
    fila = {
        "codigo": codigo,
        "meta": meta,
        "nombre": codigo,
        "eslabon": "producto",
        "unidad": "número",
        "sentido": "ascendente",
        "tipo": "flujo",
        "frecuencia": "trimestral",
        "linea_base": None,
        "anio_base": None,
        "fuente": "x",
        "institucion_responsable": "INST01",
        "umbral_verde": None,
        "umbral_amarillo": None,
        "peso": 1.0,
    }
    fila.update(kw)
    return fila


def _mcr(
    indicadores: list[dict],
    programacion: list[tuple],
    avances: list[tuple],
    metas: list[tuple] | None = None,
    contribuciones: list[tuple] | None = None,
) -> MCR:
    """A tiny MCR; programacion rows (indicador, periodo, meta), avances (…, valor, fecha)."""
    metas = metas or [("MI-1", "institucional", None, "AGR", "INST01", 1.0)]
    return MCR(
        metas=typed_frame(
            pd.DataFrame(
                [(m[0], m[1], m[0], *m[2:]) for m in metas],
                columns=["codigo", "nivel", "descripcion", "eje", "sector", "institucion", "peso"],
            ),
            "metas",
        ),
        contribuciones=typed_frame(
            pd.DataFrame(contribuciones or [], columns=["meta", "meta_destino", "peso"]),
            "contribuciones",
        ),
        indicadores=typed_frame(pd.DataFrame(indicadores), "indicadores"),
        programacion=typed_frame(
            pd.DataFrame(
                [(i, p, m, m) for i, p, m in programacion],
                columns=["indicador", "periodo", "meta_original", "meta"],
            ),
            "programacion",
        ),
        avances=typed_frame(
            pd.DataFrame(avances, columns=["indicador", "periodo", "valor", "fecha_reporte"]),
            "avances",
        ),
    )


def test_avance_formula_cases() -> None:
    """The scalar avance follows DOMAIN.md §3: baseline for stock, both directions, zeros."""
    nan = float("nan")
    assert avance_scalar(45, 40, 50, "stock", "descendente") == pytest.approx(50.0)
    assert avance_scalar(45, 50, 50, "stock", "ascendente") == pytest.approx(90.0)  # T = B
    assert avance_scalar(80, 100, 50, "flujo", "ascendente") == pytest.approx(80.0)  # no base
    assert avance_scalar(50, 40, nan, "flujo", "descendente") == pytest.approx(80.0)
    assert avance_scalar(0, 40, nan, "flujo", "descendente") == 100.0
    assert avance_scalar(0, 0, nan, "flujo", "descendente") == 100.0
    assert avance_scalar(3, 0, nan, "flujo", "descendente") == 0.0
    assert avance_scalar(2, 0, nan, "stock", "ascendente") == 100.0
    assert avance_scalar(-2, 0, nan, "stock", "ascendente") == 0.0


def test_indicator_states_by_rule() -> None:
    """Rounding at 60.5, acumulado with a gap, zero target, cut date and late-known values."""
    inds = [
        _ind("A"),  # 121 / 200 = 60.5 → rounds to 61 → amarillo
        _ind("B", tipo="acumulado"),  # (90 + 120) / 300 = 70 → amarillo, T2 missing
        _ind("C"),  # ascendente flujo with T = 0 → no_programado
        _ind("D"),  # no value, due 2024-10-15, cut 2024-10-20 → sin_dato
        _ind("E"),  # value reported after the cut date → ignored → sin_dato
        _ind("F", frecuencia="anual"),  # as of 2024-T3 → 2023, no target → no_programado
        _ind("G", umbral_verde=90.0, umbral_amarillo=70.0),  # 85 → amarillo by its override
    ]
    fecha = pd.Timestamp("2024-10-05")
    prog = [("A", "2024-T3", 200), ("C", "2024-T3", 0), ("D", "2024-T3", 10)]
    prog += [("B", f"2024-T{k}", 100) for k in (1, 2, 3)]
    prog += [("E", "2024-T3", 10), ("F", "2024", 10), ("G", "2024-T3", 100)]
    avances = [
        ("A", "2024-T3", 121, fecha),
        ("B", "2024-T1", 90, fecha),
        ("B", "2024-T3", 120, fecha),
        ("C", "2024-T3", 5, fecha),
        ("E", "2024-T3", 10, pd.Timestamp("2024-10-25")),
        ("G", "2024-T3", 85, fecha),
    ]
    res = evaluar_indicadores_loop(_mcr(inds, prog, avances), "2024-T3", CORTE, Reglas())
    assert res["semaforo"].to_dict() == {
        "A": "amarillo",
        "B": "amarillo",
        "C": "no_programado",
        "D": "sin_dato",
        "E": "sin_dato",
        "F": "no_programado",
        "G": "amarillo",
    }
    assert res.loc["A", "avance_pct"] == pytest.approx(60.5)
    assert res.loc["B", "avance_pct"] == pytest.approx(70.0)
    assert res.loc["B", "meta"] == 300 and res.loc["B", "valor"] == 210
    assert res.loc["F", "periodo"] == "2023"
    # the day of the due date itself is still pendiente
    pend = evaluar_indicadores_loop(_mcr(inds, prog, avances), "2024-T3", dt.date(2024, 10, 15))
    assert pend.loc["D", "semaforo"] == "pendiente"


def mcr_de_agregacion() -> MCR:
    """The goal roll-up case: two institutional goals (weights 1 and 3) under a sectoral one under
    a presidential one; indicator A at 150 % (clipped to 100), B 60 %, C 90 %, D overdue without a
    value (cobertura 1/3), E not yet due (left out of cobertura)."""
    metas = [
        ("MI-1", "institucional", None, "AGR", "INST01", 1.0),
        ("MI-2", "institucional", None, "AGR", "INST01", 3.0),
        ("MS-1", "sectorial", None, "AGR", None, 1.0),
        ("MP-1", "presidencial", "E2-ECO", None, None, 1.0),
    ]
    inds = [
        _ind("A", "MI-1", peso=1.0),  # 150 % clipped to 100
        _ind("B", "MI-1", peso=3.0),  # 60 %
        _ind("C", "MI-2", peso=1.0),  # 90 %
        _ind("D", "MI-2", peso=2.0),  # no value, overdue → sin_dato, cobertura 1/3
        _ind("E", "MS-1", peso=1.0),  # pendiente (period not due), excluded from cobertura
    ]
    fecha = pd.Timestamp("2024-10-05")
    prog = [(c, "2024-T3", 100) for c in "ABCD"] + [("E", "2024-T4", 100)]
    avances = [
        ("A", "2024-T3", 150, fecha),
        ("B", "2024-T3", 60, fecha),
        ("C", "2024-T3", 90, fecha),
    ]
    return _mcr(
        inds,
        prog,
        avances,
        metas,
        [("MI-1", "MS-1", 1.0), ("MI-2", "MS-1", 3.0), ("MS-1", "MP-1", 1.0)],
    )


def test_goal_rollup_weights_clipping_coverage_and_contributors() -> None:
    """Weighted, clipped avance directo; cobertura < 50 % → sin_dato; contributors roll up."""
    mcr = mcr_de_agregacion()
    # as of 2024-T4: A..D have no target (no_programado), E's report is not due yet
    _, m = run_loop(mcr, "2024-T4", CORTE, Reglas())
    assert m.loc["MI-1", "semaforo"] == "no_programado"
    assert m.loc["MS-1", "semaforo"] == "pendiente"
    _, m = run_loop(mcr, "2024-T3", CORTE, Reglas())
    assert m.loc["MI-1", "avance_directo"] == pytest.approx((100 + 3 * 60) / 4)  # 70
    assert m.loc["MI-1", "semaforo"] == "amarillo"
    assert m.loc["MI-2", "cobertura"] == pytest.approx(100 / 3)
    assert m.loc["MI-2", "semaforo"] == "sin_dato"
    # MS-1: its own indicator E has no target at 2024-T3 → no_programado, yet its
    # contributors roll up: MI-2 (sin_dato) is left out, so only MI-1 counts.
    assert m.loc["MS-1", "semaforo"] == "no_programado"
    assert m.loc["MS-1", "avance_contribuyentes"] == pytest.approx(70.0)
    # MP-1 has no indicator: its state comes from its contributor MS-1, which has no avance.
    assert m.loc["MP-1", "semaforo"] == "sin_dato"


CASOS_MOTOR = [
    (0.3, 0, "2026-T3", dt.date(2026, 10, 20)),  # the benchmark's evaluation
    (0.3, 1, "2026-T3", dt.date(2026, 10, 10)),  # before the due date: pendiente
    (0.3, 2, "2025-T2", dt.date(2025, 8, 1)),  # mid-plan, semestral S1 resolved
    (0.3, 3, "2024-T4", dt.date(2025, 3, 1)),  # year end: annual indicators resolved
]


@pytest.mark.parametrize(("scale", "seed", "periodo", "corte"), CASOS_MOTOR)
def test_loop_equals_engine_on_synthetic_mcr(
    scale: float, seed: int, periodo: str, corte: dt.date
) -> None:
    """The vectorised engine and the plain loop agree on every indicator and goal.

    Indicator periodo, avance_pct and semaforo; goal avance_directo, cobertura,
    avance_contribuyentes, avance and semaforo.
    """
    from data_layer import engine

    mcr = build_mcr(scale, seed)
    reglas = Reglas()
    ind = engine.evaluar_indicadores(mcr, periodo, corte, reglas)
    metas = engine.evaluar_metas(mcr, ind, reglas)
    ind_loop, metas_loop = run_loop(mcr, periodo, corte, reglas)
    # the comparison must be about something: every state occurs
    assert set(ind_loop["semaforo"]) >= {"verde", "amarillo", "rojo", "no_programado"}
    assert differences(ind, metas, ind_loop, metas_loop) == []


def test_differences_reports_a_disagreement() -> None:
    """The comparison used by the oracle test is able to fail (it names the entity)."""
    mcr = build_mcr(0.05, 0)
    ind, metas = run_loop(mcr, "2026-T3", dt.date(2026, 10, 20))
    cambiado = ind.copy()
    primero = cambiado.index[cambiado["avance_pct"].notna()][0]
    cambiado.loc[primero, "avance_pct"] += 1
    dif = differences(cambiado, metas, ind, metas)
    assert len(dif) == 1 and primero in dif[0]
