"""Rejecting hostile MCR files (issue #15): wall time and peak memory of each refusal.

Run ``python -m bench.hostiles`` (``make bench-hostiles``). The parent writes each file once
(:mod:`tests.integration.importer.hostiles`); a fresh process per file then imports the importer,
notes its resident set (the baseline: Python, SQLAlchemy, pandas, openpyxl), and times
:func:`data_layer.importer.check_mcr` (the reader and every check of ``sigpret import mcr`` and
of the web preview, without a database). Peak memory is the child's resident-set high-water mark
(``resource.getrusage``). Target: each file refused within a few seconds and 200 MB.

Before issue #15 (the issue's figures): a 760 KB zip bomb ran 112 s and 800 MB, a 5 KB sheet
declaring ``XFD1048576`` ~12 min, a million-row CSV 977,000 error lines and 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

RAIZ = Path(__file__).resolve().parent.parent
OBJETIVO_S = 5.0
OBJETIVO_MB = 200.0


def _casos(carpeta: Path) -> dict[str, tuple[str, Callable[[], Path]]]:
    """name → (description, writer of the file)."""
    from tests.integration.importer import hostiles as h
    from tests.integration.importer.helpers import csv_folder_to_xlsx

    enc = h.ENCABEZADO_AVANCES

    def formula() -> Path:
        filas = [enc] + [[f"MS-01-I{i}", "2024-T1", f"={i}+1", "2024-04-05"] for i in range(1000)]
        return h.libro(carpeta / "formula.xlsx", {"avances": filas})

    def combinadas() -> Path:
        filas = [enc] + [[f"MS-01-I{i}", "2024-T1", i, "2024-04-05"] for i in range(1000)]

        def combinar(wb: Any) -> None:
            for r in range(2, 1000, 2):
                wb["avances"].merge_cells(f"A{r}:A{r + 1}")

        return h.libro(carpeta / "combinadas.xlsx", {"avances": filas}, combinar)

    return {
        "bomba": (
            "zip bomb: 750 KB workbook, one sheet of 216 MB",
            lambda: h.bomba_zip(carpeta / "bomba.xlsx", megas=216),
        ),
        "bomba_diversa": (
            "6 MB workbook, 300,000 distinct garbage rows (a 73 MB sheet, under the ratio cap)",
            lambda: h.bomba_diversa(carpeta / "diversa.xlsx", filas=300_000),
        ),
        "xfd": (
            "5 KB sheet declaring A1:XFD1048576",
            lambda: h.dimension_gigante(carpeta / "xfd.xlsx"),
        ),
        "csv_millon": (
            "avances.csv of 1,000,000 bad rows (35 MB)",
            lambda: h.csv_millon(carpeta / "csv_millon", filas=1_000_000),
        ),
        "formulas": ("1,000 formulas without a cached value", formula),
        "combinadas": ("499 merged ranges in the data", combinadas),
        "avances_vacia": (
            "empty avances sheet",
            lambda: h.libro(carpeta / "vacia.xlsx", {"avances": [enc]}),
        ),
        "demo_valida": (
            "for reference: the valid demo workbook (0.7 MB), every check",
            lambda: csv_folder_to_xlsx(RAIZ / "seeds" / "demo", carpeta / "demo.xlsx"),
        ),
    }


def worker(ruta: Path) -> dict[str, float | int | str]:
    """In a fresh process: the baseline, then the check of ``ruta`` timed, and its peak RSS."""
    import resource

    import openpyxl  # noqa: F401

    from data_layer.importer import check_mcr
    from data_layer.importer.lectura import read_source  # noqa: F401  (openpyxl's import cost)

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    errores = check_mcr(ruta)
    segundos = time.perf_counter() - t0
    return {
        "segundos": segundos,
        "pico_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "base_mb": base,
        "errores": len(errores),
        "primero": str(errores[0]) if errores else "",
        "ultimo": str(errores[-1]) if errores else "",
    }


def _tamano(ruta: Path) -> int:
    if ruta.is_dir():
        return sum(p.stat().st_size for p in ruta.iterdir())
    return ruta.stat().st_size


def main(argv: Sequence[str] | None = None) -> int:
    """Write each file, measure each refusal in its own process, print a Markdown table."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--worker", metavar="RUTA", help=argparse.SUPPRESS)
    p.add_argument("--casos", nargs="*", help="only these cases")
    a = p.parse_args(argv)
    if a.worker:
        print(json.dumps(worker(Path(a.worker)), ensure_ascii=False))
        return 0
    filas, mensajes, ok = [], [], True
    with tempfile.TemporaryDirectory() as tmp:
        for nombre, (descripcion, escribir) in _casos(Path(tmp)).items():
            if a.casos and nombre not in a.casos:
                continue
            ruta = escribir()
            cmd = [sys.executable, "-m", "bench.hostiles", "--worker", str(ruta)]
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=RAIZ, check=False)
            if proc.returncode != 0:
                raise RuntimeError(f"{nombre} failed:\n{proc.stderr}")
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            referencia = nombre == "demo_valida"
            cumple = referencia or (r["segundos"] <= OBJETIVO_S and r["pico_mb"] <= OBJETIVO_MB)
            ok &= cumple
            tamano = _tamano(ruta) / 1024
            filas.append(
                f"| {nombre} | {descripcion} | {tamano:,.0f} KB | {r['segundos']:.2f} "
                f"| {r['pico_mb']:,.0f} | {r['pico_mb'] - r['base_mb']:,.0f} | {r['errores']} "
                f"| {'—' if referencia else ('✓' if cumple else '✗')} |"
            )
            ultimo = f" — last line: {r['ultimo']}" if r["errores"] > 1 else ""
            mensajes.append(f"- **{nombre}**: {r['primero'] or '(no errors)'}{ultimo}")
    print(
        "| file | what | size | time (s) | peak RSS (MB) | over baseline (MB) | errors listed "
        "| ≤ 5 s and ≤ 200 MB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---|")
    print("\n".join(filas))
    print()
    print("\n".join(mensajes))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
