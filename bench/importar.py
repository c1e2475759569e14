"""The MCR import at 1×, 10× and 100× the demo: the web import's dry run, or the real import.

Run ``python -m bench.importar [--scales 1 10] [--repeats 3]`` for the dry run (issue #10), or
``python -m bench.importar --aplicar [--scales 1 10 100] [--fuente xlsx|csv] [--url URL]`` for
the real import, write included (issue #15).

Inputs are built once per scale and kept in ``--cache`` (default ``/tmp/sigpret-bench-importar``;
the 100× workbook takes minutes): 1× is the demo (``seeds/demo``), other scales the synthetic MCR
(:func:`bench.synthetic.build_mcr` written by :func:`bench.callbacks.write_import_csvs`); the
workbook is that CSV folder typed as Excel would type it, written row by row (openpyxl's write-only
mode). At 100× ``programacion`` has 1.6 million rows, more than an Excel sheet holds (1,048,576):
the importer reads such a workbook (its cap is 2,000,000 rows), but a real MCR of that size comes as
a CSV folder, so ``--fuente csv`` measures that too.

A fresh process per scale measures, each case with the resident-set high-water mark reset before it
(Linux ``/proc/self/clear_refs``), so *peak RSS* is that case's own peak:

- dry run (default): :func:`data_layer.importer.vista_previa_mcr` against an **empty** database
  and against a **loaded** one (the same MCR imported before), ``--repeats`` times each;
- ``--aplicar``: :func:`data_layer.importer.import_mcr` into an **empty** database (every row
  inserted: a first import), then the same file again into the **loaded** database (every row
  compared, nothing written), then ``--pasos``: the import's steps one by one on another empty
  database (read, load the stored MCR, validate, compare, write) with the peak of each; and the
  time to read the imported MCR back for the engine (:func:`data_layer.queries.load_mcr`, what
  each server process does once per data version).

The database is a SQLite file in a temporary folder, or ``--url`` (a PostgreSQL database that is
emptied first: every table of the ``public`` schema is dropped). Targets: dry run ≤ 5 s at 1×,
≤ 60 s at 10× (issue #10); the import at 100× ≤ 2 GB peak RSS (issue #15).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

RAIZ = Path(__file__).resolve().parent.parent
SEEDS_DEMO = RAIZ / "seeds" / "demo"
CACHE = Path("/tmp/sigpret-bench-importar")
OBJETIVO_S = {1.0: 5.0, 10.0: 60.0}
#: Most peak RSS of the import at 100× (issue #15).
OBJETIVO_MB = 2048


def escribir_libro(csvs: Path, destino: Path) -> Path:
    """The workbook of a CSV folder, one sheet per CSV, cells typed as Excel would type them
    (as :func:`tests.integration.importer.helpers.csv_folder_to_xlsx`), written row by row."""
    from openpyxl import Workbook

    from tests.integration.importer.helpers import _typed

    libro = Workbook(write_only=True)
    for archivo in sorted(csvs.glob("*.csv")):
        hoja = libro.create_sheet(archivo.stem)
        with archivo.open(encoding="utf-8-sig", newline="") as f:
            filas = csv.reader(f)
            encabezados = next(filas)
            hoja.append(encabezados)
            for fila in filas:
                hoja.append([_typed(t, c) for t, c in zip(fila, encabezados, strict=False)])
    parcial = destino.with_suffix(".parcial")
    libro.save(parcial)
    parcial.rename(destino)
    return destino


def build_inputs(escala: float, carpeta: Path) -> tuple[Path, Path]:
    """The CSV folder and the workbook of ``escala``, built once and kept in ``carpeta``."""
    carpeta.mkdir(parents=True, exist_ok=True)
    if escala == 1:
        csvs = SEEDS_DEMO
    else:
        csvs = carpeta / f"csv_{escala:g}x"
        if not (csvs / "listo").exists():
            from bench.callbacks import write_import_csvs
            from bench.synthetic import build_mcr

            write_import_csvs(build_mcr(escala, 0), csvs)
            (csvs / "listo").write_text("")
    libro = carpeta / f"mcr_{escala:g}x.xlsx"
    if not libro.exists():
        escribir_libro(csvs, libro)
    return csvs, libro


def _pico_mb() -> float:
    """The process's resident-set high-water mark since the last :func:`_reiniciar_pico`."""
    for linea in Path("/proc/self/status").read_text().splitlines():
        if linea.startswith("VmHWM:"):
            return int(linea.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    for linea in Path("/proc/self/status").read_text().splitlines():
        if linea.startswith("VmRSS:"):
            return int(linea.split()[1]) / 1024
    return 0.0


def _reiniciar_pico() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _medir(funcion: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    """Run ``funcion`` once: its result, seconds, peak RSS and RSS before it (MB)."""
    import gc

    gc.collect()
    _reiniciar_pico()
    antes = _rss_mb()
    t0 = time.perf_counter()
    resultado = funcion()
    segundos = time.perf_counter() - t0
    return resultado, {"s": segundos, "pico_mb": _pico_mb(), "antes_mb": antes}


def _measure(engine: object, libro: Path, repeats: int) -> dict[str, float]:
    from data_layer.importer import vista_previa_mcr

    tiempos, pico = [], 0.0
    for _ in range(repeats):
        vista, m = _medir(lambda: vista_previa_mcr(engine, libro))  # type: ignore[arg-type]
        assert vista.ok, vista.errores[:5]
        tiempos.append(m["s"])
        pico = max(pico, m["pico_mb"])
    return {"mediana_s": statistics.median(tiempos), "max_s": max(tiempos), "pico_mb": pico}


def _motor(url: str | None, carpeta: Path) -> Any:
    """A migrated, empty database: a SQLite file in ``carpeta``, or ``url`` emptied."""
    from sqlalchemy import text

    from data_layer.db import make_engine
    from data_layer.migrate import upgrade

    if url is None:
        ruta = carpeta / "bench.db"
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{ruta}{sufijo}").unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{ruta}")
    else:
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    return engine


def worker(csvs: Path, libro: Path, repeats: int) -> dict[str, object]:
    """In a fresh process: the dry run against an empty, then a loaded database."""
    from data_layer.importer import import_mcr

    with tempfile.TemporaryDirectory() as tmp:
        engine = _motor(None, Path(tmp))
        vacia = _measure(engine, libro, repeats)
        assert import_mcr(engine, csvs).ok
        cargada = _measure(engine, libro, repeats)
        engine.dispose()
    return {"vacia": vacia, "cargada": cargada, "libro_mb": _mb(libro)}


def _mb(ruta: Path) -> float:
    if ruta.is_dir():
        return sum(p.stat().st_size for p in ruta.glob("*.csv")) / 1024 / 1024
    return ruta.stat().st_size / 1024 / 1024


def _pasos(engine: Any, ruta: Path) -> dict[str, dict[str, float]]:
    """The import's steps one by one (as :func:`data_layer.importer.import_mcr` runs them)."""
    from data_layer.db import session_factory
    from data_layer.importer import Errores, _read
    from data_layer.importer.escritura import apply_plan, plan_changes
    from data_layer.importer.estado import load_estado
    from data_layer.importer.validacion import validate

    pasos: dict[str, dict[str, float]] = {}
    errores = Errores()
    (fuente, filas), pasos["leer"] = _medir(lambda: _read(ruta, errores))
    assert fuente is not None and not errores, errores.resultado()[:5]

    def cargar() -> Any:
        with session_factory(engine)() as s:
            return load_estado(s)

    estado, pasos["cargar la base"] = _medir(cargar)
    deseado, pasos["validar"] = _medir(lambda: validate(filas, estado, errores))
    assert not errores, errores.resultado()[:5]
    plan, pasos["comparar"] = _medir(lambda: plan_changes(deseado, estado))

    def escribir() -> None:
        with session_factory(engine)() as s:
            apply_plan(s, estado, deseado, plan, fuente.origen, "bench")
            s.commit()

    _, pasos["escribir"] = _medir(escribir)
    return pasos


def worker_aplicar(ruta: Path, url: str | None, pasos: bool) -> dict[str, object]:
    """In a fresh process: the real import into an empty, then a loaded database."""
    from data_layer.db import session_factory
    from data_layer.importer import import_mcr
    from data_layer.queries import load_mcr

    with tempfile.TemporaryDirectory() as tmp:
        engine = _motor(url, Path(tmp))
        base = _rss_mb()
        vacia, m_vacia = _medir(lambda: import_mcr(engine, ruta))
        assert vacia.ok and vacia.importacion_id, vacia.errores[:5]
        cargada, m_cargada = _medir(lambda: import_mcr(engine, ruta))
        assert cargada.ok and not cargada.hubo_cambios, cargada.errores[:5]

        def leer_mcr() -> Any:
            with session_factory(engine)() as s:
                return load_mcr(s)

        _, m_mcr = _medir(leer_mcr)
        filas = {h: c["insertados"] for h, c in vacia.cambios.items()}
        engine.dispose()
        detalle = {}
        if pasos:
            engine = _motor(url, Path(tmp))
            detalle = _pasos(engine, ruta)
            engine.dispose()
    return {
        "vacia": m_vacia,
        "cargada": m_cargada,
        "leer_mcr": m_mcr,
        "pasos": detalle,
        "filas": filas,
        "base_mb": base,
        "archivo_mb": _mb(ruta),
    }


def _hijo(argumentos: list[str]) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.importar", *argumentos]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=RAIZ, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argumentos)} failed:\n{proc.stderr}")
    resultado: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return resultado


def _tabla_aplicar(escalas: list[float], a: argparse.Namespace) -> bool:
    filas, pasos, ok = [], [], True
    for escala in escalas:
        csvs, libro = build_inputs(escala, a.cache)
        ruta = libro if a.fuente == "xlsx" else csvs
        args = ["--worker-aplicar", str(ruta)] + (["--url", a.url] if a.url else [])
        r = _hijo(args + (["--pasos"] if a.pasos else []))
        for caso, nombre in (("vacia", "empty DB (all inserted)"), ("cargada", "loaded DB")):
            m = r[caso]
            cumple = escala != 100 or m["pico_mb"] <= OBJETIVO_MB
            ok &= cumple
            filas.append(
                f"| {escala:g}× | {a.fuente} {r['archivo_mb']:.1f} MB | {nombre} | {m['s']:.1f} "
                f"| {m['pico_mb']:,.0f} | {'—' if escala != 100 else '✓' if cumple else '✗'} |"
            )
        filas.append(
            f"| {escala:g}× | — | read back for the engine (`load_mcr`) | {r['leer_mcr']['s']:.2f} "
            f"| {r['leer_mcr']['pico_mb']:,.0f} | — |"
        )
        for paso, m in r["pasos"].items():
            crece = m["pico_mb"] - m["antes_mb"]
            pasos.append(
                f"| {escala:g}× | {paso} | {m['s']:.1f} | {m['antes_mb']:,.0f} "
                f"| {m['pico_mb']:,.0f} | {crece:+,.0f} |"
            )
        print(
            f"{escala:g}×: {r['filas']}, process after imports {r['base_mb']:.0f} MB",
            file=sys.stderr,
        )
    print("| scale | file | case | time (s) | peak RSS (MB) | ≤ 2 GB |")
    print("|---|---|---|---:|---:|---|")
    print("\n".join(filas))
    if pasos:
        print("\n| scale | step | time (s) | RSS before (MB) | peak RSS (MB) | growth (MB) |")
        print("|---|---|---:|---:|---:|---:|")
        print("\n".join(pasos))
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, measure each scale in its own process, print a Markdown table."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--aplicar", action="store_true", help="the real import (write included)")
    p.add_argument("--fuente", choices=["xlsx", "csv"], default="xlsx")
    p.add_argument("--pasos", action="store_true", help="with --aplicar: each step's peak")
    p.add_argument("--url", help="a PostgreSQL database to empty and use (default: SQLite)")
    p.add_argument("--cache", type=Path, default=CACHE, help="where the inputs are kept")
    p.add_argument("--worker", nargs=2, metavar=("CSVS", "LIBRO"), help=argparse.SUPPRESS)
    p.add_argument("--worker-aplicar", metavar="RUTA", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.worker:
        print(json.dumps(worker(Path(a.worker[0]), Path(a.worker[1]), a.repeats)))
        return 0
    if a.worker_aplicar:
        print(json.dumps(worker_aplicar(Path(a.worker_aplicar), a.url, a.pasos)))
        return 0
    if a.aplicar:
        return 0 if _tabla_aplicar(a.scales, a) else 1
    filas, ok = [], True
    for escala in a.scales:
        csvs, libro = build_inputs(escala, a.cache)
        r = _hijo(["--repeats", str(a.repeats), "--worker", str(csvs), str(libro)])
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
