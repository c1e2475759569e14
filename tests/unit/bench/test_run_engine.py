"""The benchmark runner: per-scale subprocess measurement, Markdown table and target checks."""

from __future__ import annotations

import pytest

from bench.run_engine import main, markdown_table, run_in_subprocess, target_lines


def _fila(
    scale: float,
    run_s: float,
    total_mb: float,
    bucle_s: float | None = None,
    pandas_s: float | None = None,
) -> dict:
    fila = {
        "scale": scale,
        "indicadores": int(1000 * scale),
        "metas": int(600 * scale),
        "programacion": int(16_000 * scale),
        "avances": int(14_000 * scale),
        "construir_s": 0.5,
        "run": {"mediana": run_s, "min": run_s * 0.9, "max": run_s * 1.2},
        "rss_motor_mb": 100.0,
        "rss_total_mb": total_mb,
    }
    if bucle_s is not None:
        fila["bucle"] = {"mediana": bucle_s, "min": bucle_s, "max": bucle_s}
        fila["equivalente"] = {"mediana": run_s / 2, "min": run_s / 2, "max": run_s / 2}
        fila["coinciden"] = True
    if pandas_s is not None:
        fila["bucle_pandas"] = {"mediana": pandas_s, "min": pandas_s, "max": pandas_s}
        fila["motor_indicadores"] = {"mediana": run_s / 4, "min": run_s / 4, "max": run_s / 4}
        fila["coinciden_pandas"] = True
    return fila


def test_table_has_one_row_per_scale_and_speed_ups() -> None:
    """The table lists every scale; speed-ups are loop ÷ engine (same work and whole run)."""
    tabla = markdown_table([_fila(1, 0.02, 90, bucle_s=1.0), _fila(100, 2.0, 1500)])
    lineas = tabla.splitlines()
    assert len(lineas) == 4
    assert lineas[1].count("---:") == lineas[0].count("|") - 1
    assert lineas[2].startswith("| 1× | 1,000 | 600 | 16,000 | 14,000 |")
    assert "| 100.0× | 50.0× |" in lineas[2]  # 1.0 / 0.01 and 1.0 / 0.02
    assert lineas[3].startswith("| 100× | 100,000 |")
    assert lineas[3].endswith("| – | – | – | – | – | – | – |")


def test_targets_are_checked_against_the_brief() -> None:
    """1× ≤ 0.1 s, 100× ≤ 3 s and ≤ 2 GB, ≥ 50× over the straightforward loop: OK or MISS."""
    lineas = target_lines(
        # straightforward loop 1.0 s vs engine indicators 0.05 s: 20×, a miss
        [_fila(1, 0.2, 90, bucle_s=1.0, pandas_s=1.0), _fila(100, 2.5, 2100)]
    )
    assert [linea.split()[0] for linea in lineas] == [
        "MISS", "OK", "MISS", "MISS", "OK", "info", "OK",
    ]  # fmt: skip
    assert "0.2000 s" in lineas[0] and "2,100 MB" in lineas[2] and "20×" in lineas[3]
    assert "10.0×" in lineas[5]


def test_straightforward_loop_speed_up_meets_the_target() -> None:
    """A 100× ratio over the straightforward loop is reported OK against the 50× target."""
    lineas = target_lines([_fila(1, 0.04, 90, pandas_s=1.0)])  # 1.0 / 0.01
    assert lineas[1].startswith("OK ") and "100×" in lineas[1]


def test_a_scale_runs_in_its_own_process() -> None:
    """A worker subprocess builds, times the engine and the loop, and reports agreement."""
    fila = run_in_subprocess(0.02, repeats=2, seed=0, with_loop=True)
    assert fila["indicadores"] == 20
    assert fila["run"]["min"] <= fila["run"]["mediana"] <= fila["run"]["max"]
    assert fila["rss_total_mb"] >= fila["rss_base_mb"] > 0
    assert fila["coinciden"] is True


def test_command_line_prints_table_and_targets(capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m bench.run_engine --scales … --repeats …`` prints the table then the targets."""
    assert main(["--scales", "0.01", "--repeats", "1", "--loop-scales", "0.01"]) == 0
    salida = capsys.readouterr().out
    assert salida.startswith("- CPU: ")
    assert "| scale |" in salida
    assert "| 0.01× |" in salida
    assert "OK  0.01×: engine and loop agree" in salida
