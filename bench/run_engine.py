"""Benchmark of the progress engine on synthetic MCRs: time, peak memory and speed-up over a loop.

Run ``python -m bench.run_engine [--scales 1 10 100] [--repeats 5]``. Each scale runs in a fresh
subprocess, so its peak memory is its own: the worker builds the MCR, records its resident-set
high-water mark, then times the full :func:`data_layer.engine.run` ``repeats`` times. On Linux the
high-water mark is reset after building (``/proc/self/clear_refs``), so "engine peak" is the peak
while the engine runs minus the memory held once the MCR is built; "total peak" is the process's.
At the loop scales (default 1 and 10) it also times the per-indicator loop of
:mod:`bench.loop_baseline` on the same data, checks that both give the same results and prints the
speed-up. With ``--peer duckdb`` each scale also runs :mod:`bench.duckdb_peer` (the same rules in
DuckDB SQL), times it interleaved with the engine (run(), engine same work, DuckDB, run(), …),
and checks that both agree on every indicator and goal. The output is a Markdown table (pasted
into ``BENCHMARKS.md``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from data_layer.engine.frames import MCR, Reglas

#: Targets of the engine brief (2 cores).
OBJETIVO_1X_S = 0.1
OBJETIVO_100X_S = 3.0
OBJETIVO_100X_MB = 2048.0
OBJETIVO_ACELERACION = 50.0
#: Issue #15: run() at 100× (and the engine's same work at or below the DuckDB peer's).
OBJETIVO_PEER_RUN_S = 1.0

RAIZ = Path(__file__).resolve().parent.parent


def _maxrss_mb() -> float:
    """Resident-set high-water mark of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> bool:
    """Reset the high-water mark to the current RSS (Linux ≥ 4.0); False when not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _time(fn: Callable[[], object], repeats: int) -> list[float]:
    tiempos = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        tiempos.append(time.perf_counter() - t0)
    return tiempos


def _resumen(tiempos: list[float]) -> dict[str, float]:
    return {
        "mediana": statistics.median(tiempos),
        "min": min(tiempos),
        "max": max(tiempos),
    }


def _interleaved(funciones: dict[str, Callable[[], object]], repeats: int) -> dict[str, list]:
    """Time each function ``repeats`` times, interleaved (A B C A B C …): a shared machine's
    noise falls on all of them alike."""
    tiempos: dict[str, list] = {nombre: [] for nombre in funciones}
    for _ in range(repeats):
        for nombre, fn in funciones.items():
            tiempos[nombre].extend(_time(fn, 1))
    return tiempos


def measure_peer(mcr: MCR, reglas: Reglas, repeats: int, threads: int = 1) -> dict:
    """The engine against :mod:`bench.duckdb_peer` on one MCR, interleaved, with agreement.

    Returns:
        ``peer_run``, ``peer_motor`` (engine ``evaluar_indicadores`` + ``evaluar_metas``) and
        ``peer_duckdb`` timings, ``peer_diferencias`` (number of rows that disagree),
        ``peer_ejemplos`` (up to 5 of them) and ``peer_threads``.
    """
    from bench import duckdb_peer
    from bench.synthetic import FECHA_CORTE_BENCH, PERIODO_BENCH
    from data_layer.engine import evaluar_indicadores, evaluar_metas, run

    con = duckdb_peer.conectar(threads)
    salidas: dict[str, tuple] = {}

    def motor() -> None:
        ind = evaluar_indicadores(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH, reglas)
        salidas["motor"] = (ind, evaluar_metas(mcr, ind, reglas))

    def par() -> None:
        salidas["duckdb"] = duckdb_peer.evaluar(con, mcr, PERIODO_BENCH, FECHA_CORTE_BENCH, reglas)

    tiempos = _interleaved(
        {
            "peer_run": lambda: run(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH, reglas),
            "peer_motor": motor,
            "peer_duckdb": par,
        },
        repeats,
    )
    dif = peer_differences(*salidas["motor"], *salidas["duckdb"])
    return {
        **{nombre: _resumen(t) for nombre, t in tiempos.items()},
        "peer_diferencias": len(dif),
        "peer_ejemplos": dif[:5],
        "peer_threads": threads,
        "peer_filas": len(salidas["motor"][0]) + len(salidas["motor"][1]),
    }


def peer_differences(
    ind_motor: pd.DataFrame,
    metas_motor: pd.DataFrame,
    ind_peer: pd.DataFrame,
    metas_peer: pd.DataFrame,
) -> list[str]:
    """Every row where the engine and the DuckDB peer disagree: :func:`differences` plus the
    compared quantities (``meta``, ``valor``), ``avance_redondeado`` and ``n_indicadores``."""
    return differences(
        ind_motor,
        metas_motor,
        ind_peer,
        metas_peer,
        extra_ind=["meta", "valor", "avance_redondeado"],
        extra_metas=["n_indicadores"],
    )


def measure_scale(
    scale: float,
    repeats: int,
    seed: int = 0,
    with_loop: bool = False,
    peer: str | None = None,
    peer_threads: int = 1,
) -> dict:
    """Build one synthetic MCR and measure the engine (and optionally the loop) on it.

    Meant to run in a fresh process (see :func:`run_in_subprocess`) so that memory is per scale.

    Returns:
        A JSON-serialisable dict: sizes, build time, ``run`` timings (median/min/max seconds),
        ``rss_base_mb`` (high-water mark once the MCR is built), ``rss_motor_mb`` (extra peak
        while the engine ran), ``rss_total_mb`` and, with ``with_loop``, the loop and the
        engine's equivalent part (``evaluar_indicadores`` + ``evaluar_metas``) timings and
        whether they agree; with ``peer="duckdb"``, the keys of :func:`measure_peer`.
    """
    from bench.synthetic import FECHA_CORTE_BENCH, PERIODO_BENCH, build_mcr
    from data_layer.engine import Resultado, evaluar_indicadores, evaluar_metas, run
    from data_layer.engine.frames import Reglas

    reglas = Reglas()
    t0 = time.perf_counter()
    mcr = build_mcr(scale, seed)
    construir = time.perf_counter() - t0
    gc.collect()
    reiniciado = _reset_peak()
    base = _maxrss_mb()
    resultado: dict[str, Resultado] = {}

    def correr() -> None:
        resultado["res"] = run(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH, reglas)

    tiempos = _time(correr, repeats)
    pico = _maxrss_mb()
    res = resultado.pop("res")
    salida: dict = {
        "scale": scale,
        "indicadores": len(mcr.indicadores),
        "metas": len(mcr.metas),
        "programacion": len(mcr.programacion),
        "avances": len(mcr.avances),
        "alertas": len(res.alertas),
        "construir_s": construir,
        "run": _resumen(tiempos),
        "rss_base_mb": base,
        "rss_motor_mb": pico - base,
        "rss_total_mb": pico,
        "pico_reiniciado": reiniciado,
    }
    if peer == "duckdb":
        salida.update(measure_peer(mcr, reglas, repeats, peer_threads))
    if with_loop:
        from bench.loop_baseline import run_loop

        def equivalente() -> None:
            ind = evaluar_indicadores(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH, reglas)
            evaluar_metas(mcr, ind, reglas)

        salida["equivalente"] = _resumen(_time(equivalente, repeats))

        salidas_bucle: list[pd.DataFrame] = []

        def bucle() -> None:
            del salidas_bucle[:]
            salidas_bucle.extend(run_loop(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH, reglas))

        salida["bucle"] = _resumen(_time(bucle, repeats))
        ind_loop, metas_loop = salidas_bucle
        salida["coinciden"] = bool(
            differences(res.indicadores, res.metas, ind_loop, metas_loop) == []
        )

        # The reference: the straightforward pandas loop, against the engine's
        # indicator evaluation (the same work). It is slow, so it runs once.
        import numpy as np

        from bench.pandas_loop import evaluar_indicadores_pandas_loop

        def indicadores() -> None:
            evaluar_indicadores(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH, reglas)

        salida["motor_indicadores"] = _resumen(_time(indicadores, repeats))
        salidas_pandas: list[pd.DataFrame] = []

        def bucle_pandas() -> None:
            salidas_pandas[:] = [
                evaluar_indicadores_pandas_loop(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH, reglas)
            ]

        salida["bucle_pandas"] = _resumen(_time(bucle_pandas, 1))
        ind_pandas = salidas_pandas[0]
        motor = res.indicadores.loc[ind_pandas.index]
        salida["coinciden_pandas"] = bool(
            (motor["semaforo"] == ind_pandas["semaforo"]).all()
            and np.allclose(motor["avance_pct"], ind_pandas["avance_pct"], equal_nan=True)
        )
    return salida


def differences(
    ind_motor: pd.DataFrame,
    metas_motor: pd.DataFrame,
    ind_loop: pd.DataFrame,
    metas_loop: pd.DataFrame,
    tol: float = 1e-9,
    extra_ind: Sequence[str] = (),
    extra_metas: Sequence[str] = (),
) -> list[str]:
    """Where the engine and the loop disagree (empty when they agree).

    Compares per indicator ``periodo``, ``avance_pct`` (relative tolerance ``tol``) and
    ``semaforo``, and per goal ``avance_directo``, ``cobertura``, ``avance_contribuyentes``,
    ``avance`` and ``semaforo``, plus the numeric columns ``extra_ind`` / ``extra_metas``. Each
    difference is one short line naming the entity.
    """
    import numpy as np  # imported here: the parent process stays lean (see run_in_subprocess)

    dif: list[str] = []

    def comparar(
        motor: pd.DataFrame,
        bucle: pd.DataFrame,
        columnas_num: list[str],
        columnas_txt: list[str],
        entidad: str,
    ) -> None:
        if sorted(motor.index) != sorted(bucle.index):
            dif.append(f"{entidad}: distinct codes")
            return
        m = motor.reindex(bucle.index)
        for c in columnas_num:
            a = m[c].to_numpy(dtype=float)
            b = bucle[c].to_numpy(dtype=float)
            malos = ~(np.isclose(a, b, rtol=tol, atol=tol) | (np.isnan(a) & np.isnan(b)))
            dif.extend(
                f"{entidad} {cod}: {c} engine={x!r} loop={y!r}"
                for cod, x, y in zip(bucle.index[malos], a[malos], b[malos], strict=True)
            )
        for c in columnas_txt:
            a = m[c].astype(str).to_numpy()
            b = bucle[c].astype(str).to_numpy()
            malos = a != b
            dif.extend(
                f"{entidad} {cod}: {c} engine={x!r} loop={y!r}"
                for cod, x, y in zip(bucle.index[malos], a[malos], b[malos], strict=True)
            )

    comparar(ind_motor, ind_loop, ["avance_pct", *extra_ind], ["periodo", "semaforo"], "indicador")
    comparar(
        metas_motor,
        metas_loop,
        ["avance_directo", "cobertura", "avance_contribuyentes", "avance", *extra_metas],
        ["semaforo"],
        "meta",
    )
    return dif


def run_in_subprocess(
    scale: float,
    repeats: int,
    seed: int,
    with_loop: bool,
    peer: str | None = None,
    peer_threads: int = 1,
) -> dict:
    """Run :func:`measure_scale` in a fresh Python process and return its result.

    This module imports neither numpy nor pandas at the top: the child inherits the parent's
    high-water mark at ``exec`` (Linux keeps it in ``ru_maxrss``), so the parent must stay small.
    """
    cmd = [
        sys.executable,
        "-m",
        "bench.run_engine",
        "--worker",
        str(scale),
        "--repeats",
        str(repeats),
        "--seed",
        str(seed),
    ]
    if with_loop:
        cmd.append("--with-loop")
    if peer:
        cmd += ["--peer", peer, "--peer-threads", str(peer_threads)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=RAIZ, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"scale {scale} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine_lines() -> list[str]:
    """The machine and versions the numbers were measured with (read without importing pandas)."""
    from importlib.metadata import version

    modelo = "unknown"
    try:
        for linea in Path("/proc/cpuinfo").read_text().splitlines():
            if linea.startswith("model name"):
                modelo = linea.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    carga = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- CPU: {modelo}, {os.cpu_count()} logical cores (nproc); load average {carga}",
        f"- Python {platform.python_version()}, pandas {version('pandas')}, "
        f"numpy {version('numpy')}",
    ]


def _escala(s: float) -> str:
    return f"{s:g}×"


def markdown_table(filas: Sequence[dict]) -> str:
    """The results as a Markdown table, one row per scale."""
    cabecera = (
        "| scale | indicators | goals | programacion rows | avances rows | build (s) "
        "| run() median (s) | run() min–max (s) | engine peak RSS (MB) | total peak RSS (MB) "
        "| loop median (s) | engine same work (s) | speed-up vs same work | speed-up vs run() "
        "| straightforward loop (s) | engine indicators (s) | speed-up |"
    )
    lineas = [cabecera, "|" + "---:|" * (cabecera.count("|") - 1)]
    for f in filas:
        run_ = f["run"]
        if "bucle" in f:
            bucle = f["bucle"]["mediana"]
            equiv = f["equivalente"]["mediana"]
            extra = (
                f"{bucle:.3f} | {equiv:.4f} | {bucle / equiv:.1f}× | {bucle / run_['mediana']:.1f}×"
            )
        else:
            extra = "– | – | – | –"
        if "bucle_pandas" in f:
            lento, motor = f["bucle_pandas"]["mediana"], f["motor_indicadores"]["mediana"]
            extra += f" | {lento:.2f} | {motor:.4f} | {lento / motor:.0f}×"
        else:
            extra += " | – | – | –"
        lineas.append(
            f"| {_escala(f['scale'])} | {f['indicadores']:,} | {f['metas']:,} "
            f"| {f['programacion']:,} | {f['avances']:,} | {f['construir_s']:.2f} "
            f"| {run_['mediana']:.4f} | {run_['min']:.4f}–{run_['max']:.4f} "
            f"| {f['rss_motor_mb']:,.0f} | {f['rss_total_mb']:,.0f} | {extra} |"
        )
    return "\n".join(lineas)


def peer_table(filas: Sequence[dict]) -> str:
    """The engine against the DuckDB peer, one row per scale that ran it (interleaved medians)."""
    cabecera = (
        "| scale | run() (s) | engine same work (s) | DuckDB same work (s) "
        "| engine ÷ DuckDB | run() ÷ DuckDB | rows compared | rows that disagree |"
    )
    lineas = [cabecera, "|" + "---:|" * (cabecera.count("|") - 1)]
    for f in filas:
        if "peer_duckdb" not in f:
            continue
        run_, motor, pato = (f[k]["mediana"] for k in ("peer_run", "peer_motor", "peer_duckdb"))
        lineas.append(
            f"| {_escala(f['scale'])} | {run_:.3f} | {motor:.3f} | {pato:.3f} "
            f"| {motor / pato:.2f}× | {run_ / pato:.2f}× | {f['peer_filas']:,} "
            f"| {f['peer_diferencias']:,} |"
        )
    return "\n".join(lineas)


def target_lines(filas: Sequence[dict]) -> list[str]:
    """One line per target of the brief that the measured scales allow to check."""
    por_escala = {f["scale"]: f for f in filas}
    lineas = []

    def marca(ok: bool) -> str:
        return "OK " if ok else "MISS"

    if 1 in por_escala:
        t = por_escala[1]["run"]["mediana"]
        lineas.append(f"{marca(t <= OBJETIVO_1X_S)} 1×: run() median {t:.4f} s (target ≤ 0.1 s)")
    if 100 in por_escala:
        f = por_escala[100]
        t, mb = f["run"]["mediana"], f["rss_total_mb"]
        lineas.append(f"{marca(t <= OBJETIVO_100X_S)} 100×: run() median {t:.3f} s (target ≤ 3 s)")
        lineas.append(
            f"{marca(mb <= OBJETIVO_100X_MB)} 100×: total peak RSS {mb:,.0f} MB (target ≤ 2 GB)"
        )
    for f in filas:
        if "peer_duckdb" in f:
            motor, pato = f["peer_motor"]["mediana"], f["peer_duckdb"]["mediana"]
            lineas.append(
                f"{marca(f['peer_diferencias'] == 0)} {_escala(f['scale'])}: engine and DuckDB "
                f"peer agree on every row ({f['peer_diferencias']} disagree)"
            )
            lineas.append(
                f"{marca(motor <= pato)} {_escala(f['scale'])}: engine same work {motor:.3f} s "
                f"vs DuckDB {pato:.3f} s (target: at or below DuckDB)"
            )
            if f["scale"] == 100:
                t = f["peer_run"]["mediana"]
                lineas.append(
                    f"{marca(t <= OBJETIVO_PEER_RUN_S)} 100×: run() {t:.3f} s interleaved "
                    "with the peer (issue #15 target ≤ 1 s)"
                )
        if "bucle_pandas" in f:
            acel = f["bucle_pandas"]["mediana"] / f["motor_indicadores"]["mediana"]
            lineas.append(
                f"{marca(acel >= OBJETIVO_ACELERACION)} {_escala(f['scale'])}: speed-up over the "
                f"straightforward per-indicator loop {acel:.0f}× (target ≥ 50×)"
            )
            lineas.append(
                f"{marca(f['coinciden_pandas'])} {_escala(f['scale'])}: "
                "engine and straightforward loop agree"
            )
        if "bucle" in f:
            acel = f["bucle"]["mediana"] / f["equivalente"]["mediana"]
            lineas.append(
                f"info {_escala(f['scale'])}: speed-up over the optimised dict loop {acel:.1f}× "
                "(no target: both are dominated by decoding text keys)"
            )
            lineas.append(f"{marca(f['coinciden'])} {_escala(f['scale'])}: engine and loop agree")
    return lineas


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the Markdown table and the targets."""
    parser = argparse.ArgumentParser(prog="python -m bench.run_engine", description=__doc__)
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--loop-scales",
        type=float,
        nargs="*",
        default=[1, 10],
        help="scales at which the per-indicator loop is also timed",
    )
    parser.add_argument(
        "--peer",
        choices=["duckdb"],
        help="also time the same rules in DuckDB (bench.duckdb_peer) and check agreement",
    )
    parser.add_argument(
        "--peer-threads", type=int, default=1, help="DuckDB worker threads (default 1)"
    )
    parser.add_argument("--worker", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--with-loop", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker is not None:
        print(
            json.dumps(
                measure_scale(
                    args.worker,
                    args.repeats,
                    args.seed,
                    args.with_loop,
                    args.peer,
                    args.peer_threads,
                )
            )
        )
        return 0

    filas = []
    for s in args.scales:
        print(f"scale {_escala(s)}…", file=sys.stderr, flush=True)
        filas.append(
            run_in_subprocess(
                s, args.repeats, args.seed, s in args.loop_scales, args.peer, args.peer_threads
            )
        )
    for linea in machine_lines():
        print(linea)
    print()
    print(markdown_table(filas))
    print()
    if args.peer:
        print(f"Engine vs {args.peer} peer ({args.peer_threads} thread(s)), interleaved medians:")
        print()
        print(peer_table(filas))
        print()
    for linea in target_lines(filas):
        print(linea)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
