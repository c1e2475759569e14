"""Dry run of the MCR workbook (the web import's preview, issue #10) at 1× and 10× the demo.

Run ``python -m bench.importar [--scales 1 10] [--repeats 3]``. For each scale the parent writes
the workbook once: 1× is the demo (``seeds/demo`` as an ``.xlsx``), 10× the synthetic MCR ten
times the demo (:func:`bench.synthetic.build_mcr` written by
:func:`bench.callbacks.write_import_csvs`), both typed as Excel would type them. A fresh process
per scale then times :func:`data_layer.importer.vista_previa_mcr` (read, validate, compare, build
the detailed preview) twice on a SQLite database:

- **empty** database: every row would be inserted (a first import);
- **loaded** database (the same MCR imported before): every row is compared and left as is (the
  usual case: an analyst re-uploads the MCR with a few changes).

Peak memory is the resident-set high-water mark of the child process during the dry run (reset
before it on Linux), reported with the workbook's size. Targets (issue #10): ≤ 5 s at 1×, ≤ 60 s
at 10×.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
SEEDS_DEMO = RAIZ / "seeds" / "demo"
OBJETIVO_S = {1.0: 5.0, 10.0: 60.0}


def build_inputs(escala: float, carpeta: Path) -> tuple[Path, Path]:
    """The CSV folder and the workbook of ``escala`` (written once, in the parent)."""
    from tests.integration.importer.helpers import csv_folder_to_xlsx

    if escala == 1:
        csvs = SEEDS_DEMO
    else:
        from bench.callbacks import write_import_csvs
        from bench.synthetic import build_mcr

        csvs = write_import_csvs(build_mcr(escala, 0), carpeta / f"csv_{escala:g}x")
    return csvs, csv_folder_to_xlsx(csvs, carpeta / f"mcr_{escala:g}x.xlsx")


def _maxrss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _measure(engine: object, libro: Path, repeats: int) -> dict[str, float]:
    from data_layer.importer import vista_previa_mcr

    tiempos = []
    _reset_peak()
    base = _maxrss_mb()
    for _ in range(repeats):
        t0 = time.perf_counter()
        vista = vista_previa_mcr(engine, libro)  # type: ignore[arg-type]
        tiempos.append(time.perf_counter() - t0)
        assert vista.ok, vista.errores[:5]
    return {
        "mediana_s": statistics.median(tiempos),
        "max_s": max(tiempos),
        "pico_mb": _maxrss_mb(),
        "extra_mb": _maxrss_mb() - base,
    }


def worker(csvs: Path, libro: Path, repeats: int) -> dict[str, object]:
    """In a fresh process: the dry run against an empty, then a loaded database."""
    from data_layer.db import make_engine
    from data_layer.importer import import_mcr
    from data_layer.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        vacia = _measure(engine, libro, repeats)
        assert import_mcr(engine, csvs).ok
        cargada = _measure(engine, libro, repeats)
        engine.dispose()
    return {"vacia": vacia, "cargada": cargada, "libro_mb": libro.stat().st_size / 1024 / 1024}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, measure each scale in its own process, print a Markdown table."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--worker", nargs=2, metavar=("CSVS", "LIBRO"), help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.worker:
        print(json.dumps(worker(Path(a.worker[0]), Path(a.worker[1]), a.repeats)))
        return 0
    filas, ok = [], True
    with tempfile.TemporaryDirectory() as tmp:
        for escala in a.scales:
            csvs, libro = build_inputs(escala, Path(tmp))
            cmd = [sys.executable, "-m", "bench.importar", "--repeats", str(a.repeats)]
            cmd += ["--worker", str(csvs), str(libro)]
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=RAIZ, check=False)
            if proc.returncode != 0:
                raise RuntimeError(f"scale {escala} failed:\n{proc.stderr}")
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            objetivo = OBJETIVO_S.get(escala)
            for caso, nombre in (("vacia", "empty DB"), ("cargada", "loaded DB")):
                m = r[caso]
                cumple = objetivo is None or m["max_s"] <= objetivo
                ok &= cumple
                filas.append(
                    f"| {escala:g}× | {r['libro_mb']:.1f} MB | {nombre} | {m['mediana_s']:.2f} "
                    f"| {m['max_s']:.2f} | {objetivo or '—'} | {m['pico_mb']:,.0f} "
                    f"| {'✓' if cumple else '✗'} |"
                )
    print(
        "| scale | workbook | database | median (s) | max (s) | target (s) | peak RSS (MB) | ok |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(filas))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
