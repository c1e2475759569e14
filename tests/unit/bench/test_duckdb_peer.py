"""The DuckDB peer of the engine (issue #15): hand-computed cases, then agreement on every row."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from bench.run_engine import measure_peer, peer_differences, peer_table, target_lines
from bench.synthetic import build_mcr
from data_layer import engine
from data_layer.engine.frames import MCR, Reglas, typed_frame
from tests.unit.bench.test_loop_baseline import CASOS_MOTOR, CORTE, _ind, _mcr, mcr_de_agregacion

duckdb_peer = pytest.importorskip("bench.duckdb_peer")


def _peer(mcr: MCR, periodo: str, corte: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    return duckdb_peer.evaluar(duckdb_peer.conectar(), mcr, periodo, corte, Reglas())


def _engine(mcr: MCR, periodo: str, corte: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    ind = engine.evaluar_indicadores(mcr, periodo, corte, Reglas())
    return ind, engine.evaluar_metas(mcr, ind, Reglas())


def test_indicator_states_by_rule() -> None:
    """Rounding at 60.5, acumulado with a gap, zero target, cut date, an annual indicator
    resolved to the previous year and per-indicator thresholds, in SQL as in the engine."""
    inds = [
        _ind("A"),
        _ind("B", tipo="acumulado"),
        _ind("C"),
        _ind("D"),
        _ind("E"),
        _ind("F", frecuencia="anual"),
        _ind("G", umbral_verde=90.0, umbral_amarillo=70.0),
        _ind("H", tipo="stock", sentido="descendente", linea_base=50.0),
    ]
    fecha = pd.Timestamp("2024-10-05")
    prog = [("A", "2024-T3", 200), ("C", "2024-T3", 0), ("D", "2024-T3", 10)]
    prog += [("B", f"2024-T{k}", 100) for k in (1, 2, 3)]
    prog += [("E", "2024-T3", 10), ("F", "2024", 10), ("G", "2024-T3", 100)]
    prog += [("H", "2024-T3", 40)]
    avances = [
        ("A", "2024-T3", 121, fecha),
        ("B", "2024-T1", 90, fecha),
        ("B", "2024-T3", 120, fecha),
        ("C", "2024-T3", 5, fecha),
        ("E", "2024-T3", 10, pd.Timestamp("2024-10-25")),
        ("G", "2024-T3", 85, fecha),
        ("H", "2024-T3", 45, fecha),
    ]
    mcr = _mcr(inds, prog, avances)
    ind, _ = _peer(mcr, "2024-T3", CORTE)
    assert ind["semaforo"].to_dict() == {
        "A": "amarillo",
        "B": "amarillo",
        "C": "no_programado",
        "D": "sin_dato",
        "E": "sin_dato",
        "F": "no_programado",
        "G": "amarillo",
        "H": "rojo",
    }
    assert ind.loc["A", "avance_pct"] == pytest.approx(60.5)
    assert ind.loc["B", "meta"] == 300 and ind.loc["B", "valor"] == 210
    assert ind.loc["F", "periodo"] == "2023"
    assert ind.loc["H", "avance_pct"] == pytest.approx(50.0)  # (45 − 50) ÷ (40 − 50)
    assert (
        peer_differences(*_engine(mcr, "2024-T3", CORTE), ind, _peer(mcr, "2024-T3", CORTE)[1])
        == []
    )
    # the day of the due date itself is still pendiente
    pend, _ = _peer(mcr, "2024-T3", dt.date(2024, 10, 15))
    assert pend.loc["D", "semaforo"] == "pendiente"


def test_versions_and_receipts_at_the_cut_date() -> None:
    """The latest version validated by the cut date counts; a receipt on time waiting for
    validation is pendiente, not sin_dato."""
    inds = [_ind("A"), _ind("B")]
    prog = [("A", "2024-T3", 100), ("B", "2024-T3", 100)]
    mcr = _mcr(inds, prog, [])
    avances = pd.DataFrame(
        {
            "indicador": ["A", "A"],
            "periodo": ["2024-T3", "2024-T3"],
            "valor": [70.0, 90.0],
            "fecha_reporte": pd.to_datetime(["2024-10-01", "2024-10-01"]),
            "validado_en": pd.to_datetime(["2024-10-02", "2024-10-30"]),
        }
    )
    recepciones = pd.DataFrame(
        {"indicador": ["B"], "periodo": ["2024-T3"], "recibido_en": pd.to_datetime(["2024-10-10"])}
    )
    mcr = MCR(
        metas=mcr.metas,
        indicadores=mcr.indicadores,
        programacion=mcr.programacion,
        avances=typed_frame(avances, "avances"),
        recepciones=typed_frame(recepciones, "recepciones"),
    )
    for corte, valor in ((CORTE, 70.0), (dt.date(2024, 11, 5), 90.0)):
        ind, metas = _peer(mcr, "2024-T3", corte)
        assert ind.loc["A", "avance_pct"] == pytest.approx(valor)
        assert ind.loc["B", "semaforo"] == "pendiente"
        assert peer_differences(*_engine(mcr, "2024-T3", corte), ind, metas) == []


def test_goal_rollup_weights_clipping_coverage_and_contributors() -> None:
    """Weighted, clipped avance directo; cobertura < 50 % → sin_dato; contributors level by
    level, children in sin_dato left out."""
    mcr = mcr_de_agregacion()
    _, m = _peer(mcr, "2024-T4", CORTE)
    assert m.loc["MI-1", "semaforo"] == "no_programado"
    assert m.loc["MS-1", "semaforo"] == "pendiente"
    ind, m = _peer(mcr, "2024-T3", CORTE)
    assert m.loc["MI-1", "avance_directo"] == pytest.approx(70.0)
    assert m.loc["MI-2", "cobertura"] == pytest.approx(100 / 3)
    assert m.loc["MI-2", "semaforo"] == "sin_dato"
    assert m.loc["MS-1", "avance_contribuyentes"] == pytest.approx(70.0)
    assert m.loc["MP-1", "semaforo"] == "sin_dato"
    assert peer_differences(*_engine(mcr, "2024-T3", CORTE), ind, m) == []


@pytest.mark.parametrize(("scale", "seed", "periodo", "corte"), CASOS_MOTOR)
def test_peer_equals_engine_on_synthetic_mcr(
    scale: float, seed: int, periodo: str, corte: dt.date
) -> None:
    """Engine and DuckDB agree on every indicator (periodo, meta, valor, avance, state) and goal."""
    mcr = build_mcr(scale, seed)
    ind, metas = _peer(mcr, periodo, corte)
    assert set(ind["semaforo"]) >= {"verde", "amarillo", "rojo", "no_programado"}
    assert peer_differences(*_engine(mcr, periodo, corte), ind, metas) == []


def test_peer_differences_can_fail() -> None:
    """A changed target or goal state in the peer's output is reported, naming the entity."""
    mcr = build_mcr(0.05, 0)
    ind, metas = _peer(mcr, "2026-T3", dt.date(2026, 10, 20))
    cambiado = ind.copy()
    primero = cambiado.index[cambiado["meta"].notna()][0]
    cambiado.loc[primero, "meta"] += 1
    dif = peer_differences(*_engine(mcr, "2026-T3", dt.date(2026, 10, 20)), cambiado, metas)
    assert len(dif) == 1 and primero in dif[0] and "meta" in dif[0]


def test_measure_peer_times_interleaved_and_reports_agreement() -> None:
    """The benchmark's peer block: three timings, agreement, a table row and two target lines."""
    mcr = build_mcr(0.05, 0)
    fila = {"scale": 0.05, **measure_peer(mcr, Reglas(), repeats=2)}
    assert fila["peer_diferencias"] == 0
    assert all(fila[k]["min"] > 0 for k in ("peer_run", "peer_motor", "peer_duckdb"))
    assert peer_table([fila]).splitlines()[2].endswith("| 0 |")
    lineas = [linea for linea in target_lines([fila]) if "DuckDB" in linea]
    assert lineas[0].startswith("OK ") and len(lineas) == 2
