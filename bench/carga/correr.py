"""``make bench-load``: 10, 25 and 50 simultaneous users on the real server, SQLite and
PostgreSQL + Redis (issue #15).

Run ``python -m bench.carga.correr`` (from the project's ``.venv``; locust runs from
``.venv-carga``, its own environment). It

1. for each backend, creates the demo database (a fresh SQLite file; or empties the
   ``bench_carga`` PostgreSQL database and Redis database 5), starts gunicorn with
   ``gunicorn.conf.py`` and ``WEB_CONCURRENCY`` workers (2); creates one bench user per
   simulated user (:func:`bench.carga.servidor.crear_usuarios_carga`);
2. on the first backend's server, records what a browser sends on each page of the scenario
   (:mod:`bench.carga.grabar`); warms the server with two users;
3. runs locust headless (:mod:`bench.carga.locustfile`) at each number of users for a fixed time,
   measured once every user has logged in (the start's login storm is left out), and prints one
   table per backend: requests per second, page open p50 and p95 (HTML plus the page's Dash
   requests), the slowest page's p95, the errors and the callbacks' server time; the heaviest
   requests at the top level; then each page's HTML as sent with ``Accept-Encoding: br, gzip``.

Target (issue #15): 50 users on 2 workers, p95 page open ≤ 1 s, 0 errors; page HTML ≤ 30 KB
compressed. The load generator runs on the same machine as the server.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.carga import grabar
from bench.carga.servidor import (
    CLAVE_CARGA,
    LOGIN,
    PREFIJO_USUARIO,
    arrancar,
    detener,
    entorno_servidor,
    preparar_postgres,
    preparar_sqlite,
)
from bench.draw import RAIZ, demo_password, free_port

LOCUST = RAIZ / ".venv-carga" / "bin" / "locust"
LOCUSTFILE = RAIZ / "bench" / "carga" / "locustfile.py"
PG_URL = "postgresql://postgres@127.0.0.1:5432/bench_carga"
REDIS_URL = "redis://127.0.0.1:6379/5"
#: Seconds the users take to start (locust spawns them evenly); not measured.
ARRANQUE_S = 5
#: Most seconds the users may take to start and log in before the run is cut anyway.
CAP_INICIO_S = 180
OBJETIVO_P95_MS = 1000.0
OBJETIVO_KB = 30.0
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
#: The app's request log line in development mode (:mod:`dashboard.registro`).
_LINEA = re.compile(r"(GET|POST) (\S+) (\d{3}) ([\d.]+) ms ")


def tiempos_servidor(registro: Path, desde: int) -> list[float]:
    """The server time (ms, the app's own request log) of every callback logged after byte
    ``desde`` of ``registro``: what the workers spent, without the wait in gunicorn's queue."""
    with registro.open("rb") as f:
        f.seek(desde)
        texto = f.read().decode(errors="replace")
    return [
        float(m.group(4)) for m in _LINEA.finditer(texto) if m.group(2) == "/_dash-update-component"
    ]


def percentil(valores: Sequence[float], p: int) -> float:
    """The ``p``-th percentile (inclusive method; NaN without values)."""
    if not valores:
        return float("nan")
    if len(valores) == 1:
        return float(valores[0])
    return statistics.quantiles(valores, n=100, method="inclusive")[p - 1]


def locust(
    base: str, usuarios: int, segundos: int, grabacion: Path, salida: Path, espera: str
) -> dict[str, Any]:
    """One headless locust run of ``usuarios`` for ``segundos`` after they all started."""
    entorno = {
        **os.environ,
        "SIGPRET_CARGA_GRABACION": str(grabacion),
        "SIGPRET_CARGA_SALIDA": str(salida),
        "SIGPRET_CARGA_PREFIJO": PREFIJO_USUARIO,
        "SIGPRET_CARGA_CLAVE": CLAVE_CARGA,
        "SIGPRET_CARGA_ESPERA": espera,
        "SIGPRET_CARGA_SEGUNDOS": str(segundos),
    }
    salida.unlink(missing_ok=True)
    proc = subprocess.run(
        [
            str(LOCUST),
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--host",
            base,
            "-u",
            str(usuarios),
            "-r",
            str(max(1, usuarios // ARRANQUE_S)),
            "-t",  # a cap only: the locustfile stops the run after its measured seconds
            f"{segundos + CAP_INICIO_S}s",
        ],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        check=False,
    )
    if not salida.exists():
        raise RuntimeError(
            f"locust no dejó resultados:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    return dict(json.loads(salida.read_text()))


def fila(resultado: dict[str, Any], servidor_ms: list[float]) -> dict[str, Any]:
    """The table row of one run: users, requests/s, page open p50/p95, slowest page, errors,
    and the callbacks' server time p50/p95 (``servidor_ms``)."""
    todas = [t for lista in resultado["aperturas"].values() for t in lista]
    por_pagina = {r: percentil(ts, 95) for r, ts in resultado["aperturas"].items()}
    peor = max(por_pagina, key=lambda r: por_pagina[r]) if por_pagina else "-"
    return {
        "usuarios": resultado["usuarios"],
        "rps": resultado["peticiones"] / resultado["segundos"] if resultado["segundos"] else 0.0,
        "aperturas": len(todas),
        "p50": percentil(todas, 50),
        "p95": percentil(todas, 95),
        "peor": peor,
        "peor_p95": por_pagina.get(peor, float("nan")),
        "errores": sum(resultado["errores"].values()),
        "srv_p50": percentil(servidor_ms, 50),
        "srv_p95": percentil(servidor_ms, 95),
        "detalle": resultado["errores"],
        "tiempos": resultado.get("tiempos", {}),
    }


def pesos(base: str, paginas: Sequence[str]) -> list[tuple[str, int, int, str]]:
    """Each page's HTML as sent to a logged-in browser: raw bytes, compressed bytes, encoding."""
    tarro = http.cookiejar.CookieJar()
    abridor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(tarro))
    with abridor.open(base + LOGIN, timeout=30) as r:
        encontrado = _CSRF.search(r.read().decode())
    if not encontrado:
        raise RuntimeError("el formulario de /login no trae csrf_token")
    datos = urllib.parse.urlencode(
        {
            "csrf_token": encontrado.group(1),
            "usuario": grabar.USUARIO,
            "clave": demo_password(grabar.USUARIO),
            "next": "",
        }
    ).encode()
    with abridor.open(base + LOGIN, data=datos, timeout=30) as r:
        r.read()
    filas = []
    for ruta in paginas:
        crudo = urllib.request.Request(base + ruta, headers={"Accept-Encoding": "identity"})
        with abridor.open(crudo, timeout=30) as r:
            bytes_crudos = len(r.read())
        comprimido = urllib.request.Request(base + ruta, headers={"Accept-Encoding": "br, gzip"})
        with abridor.open(comprimido, timeout=30) as r:
            cuerpo = r.read()
            codificacion = r.headers.get("Content-Encoding", "ninguna")
        filas.append((ruta, bytes_crudos, len(cuerpo), codificacion))
    return filas


def medir(
    nombre: str,
    entorno: dict[str, str],
    carpeta: Path,
    args: argparse.Namespace,
    grabacion: Path,
) -> tuple[list[dict[str, Any]], list[tuple[str, int, int, str]]]:
    """Start the server on ``entorno``, record the browser's requests (first backend only),
    warm it, run every level and weigh the pages."""
    registro = carpeta / f"gunicorn-{nombre}.log"
    proc = arrancar(entorno, registro)
    base = f"http://127.0.0.1:{entorno['PORT']}"
    filas = []
    try:
        if not grabacion.exists():
            grabar.guardar(grabar.grabar(base, carpeta), grabacion)
        salida = carpeta / f"locust-{nombre}.json"
        locust(base, 2, args.calentar, grabacion, salida, args.espera)  # warm-up, not reported
        for usuarios in args.usuarios:
            desde = registro.stat().st_size
            resultado = locust(base, usuarios, args.segundos, grabacion, salida, args.espera)
            filas.append(fila(resultado, tiempos_servidor(registro, desde)))
            resumen = {k: v for k, v in filas[-1].items() if k != "tiempos"}
            print(f"  {nombre} {usuarios} usuarios: {resumen}", flush=True)
        tamanos = pesos(base, grabar.PAGINAS)
    finally:
        detener(proc)
    return filas, tamanos


def imprimir(
    nombre: str, filas: list[dict[str, Any]], tamanos: list[tuple[str, int, int, str]]
) -> None:
    """The backend's tables (Markdown) and the target lines."""
    print(f"\n### {nombre}\n")
    print(
        "| users | requests/s | page opens | page open p50 ms | page open p95 ms | "
        "slowest page (its p95 ms) | errors | callback server p50 / p95 ms |"
    )
    print("|---:|---:|---:|---:|---:|---|---:|---:|")
    for f in filas:
        print(
            f"| {f['usuarios']} | {f['rps']:.1f} | {f['aperturas']} | {f['p50']:.0f} | "
            f"{f['p95']:.0f} | `{f['peor']}` ({f['peor_p95']:.0f}) | {f['errores']} | "
            f"{f['srv_p50']:.0f} / {f['srv_p95']:.0f} |"
        )
    for f in filas:
        for clave, n in f["detalle"].items():
            print(f"  error at {f['usuarios']} users ×{n}: {clave}")
    if ultima := (filas[-1] if filas else None):
        tiempos = ultima["tiempos"]
        total = sum(sum(v) for v in tiempos.values()) or 1.0
        print(
            f"\nHeaviest requests at {ultima['usuarios']} users (client time, as locust saw it):\n"
        )
        print("| request | count | p50 ms | p95 ms | share of all request time |")
        print("|---|---:|---:|---:|---:|")
        for nombre, valores in sorted(tiempos.items(), key=lambda kv: -sum(kv[1]))[:8]:
            print(
                f"| `{nombre}` | {len(valores)} | {percentil(valores, 50):.0f} | "
                f"{percentil(valores, 95):.0f} | {100 * sum(valores) / total:.0f} % |"
            )
    print("\n| page | HTML KB | sent KB | encoding |")
    print("|---|---:|---:|---|")
    for ruta, crudo, enviado, codificacion in tamanos:
        print(f"| `{ruta}` | {crudo / 1024:.1f} | {enviado / 1024:.1f} | {codificacion} |")
    if ultima:
        cumple = ultima["p95"] <= OBJETIVO_P95_MS and ultima["errores"] == 0
        print(
            f"\n{ultima['usuarios']} users: p95 page open {ultima['p95']:.0f} ms, "
            f"{ultima['errores']} errors (target ≤ {OBJETIVO_P95_MS:.0f} ms, 0 errors): "
            f"{'met' if cumple else 'NOT met'}"
        )
    peor_kb = max((t[2] for t in tamanos), default=0) / 1024
    print(
        f"Heaviest page HTML {peor_kb:.1f} KB compressed (target ≤ {OBJETIVO_KB:.0f} KB): "
        f"{'met' if peor_kb <= OBJETIVO_KB else 'NOT met'}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point (module docstring)."""
    from bench.run_engine import machine_lines

    parser = argparse.ArgumentParser(prog="python -m bench.carga.correr", description=__doc__)
    parser.add_argument("--usuarios", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--segundos", type=int, default=35, help="measured seconds per level")
    parser.add_argument("--calentar", type=int, default=10, help="warm-up seconds (2 users)")
    parser.add_argument("--espera", default="1-3", help="seconds between a user's pages: min-max")
    parser.add_argument(
        "--bases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument("--workers", type=int, default=2, help="WEB_CONCURRENCY")
    parser.add_argument("--hilos", type=int, default=None, help="SIGPRET_HILOS (default: config)")
    parser.add_argument("--pg-url", default=os.environ.get("SIGPRET_CARGA_PG_URL", PG_URL))
    parser.add_argument("--redis-url", default=os.environ.get("SIGPRET_CARGA_REDIS_URL", REDIS_URL))
    parser.add_argument("--port", type=int, default=None, help="default: first free of 8065–8069")
    args = parser.parse_args(argv)
    if not LOCUST.exists():
        raise SystemExit(f"Falta {LOCUST}: ejecute «make bench-load» (crea .venv-carga).")
    resultados = []
    with tempfile.TemporaryDirectory(prefix="sigpret-carga-") as tmp:
        carpeta = Path(tmp)
        grabacion = carpeta / "grabacion.json"
        puerto = args.port or free_port()
        for base in args.bases:
            if base == "sqlite":
                nombre = "SQLite"
                url, redis_url = f"sqlite:///{carpeta / 'sigpret.db'}", None
            else:
                nombre = "PostgreSQL + Redis"
                url, redis_url = args.pg_url, args.redis_url
            entorno = entorno_servidor(dict(os.environ), url, redis_url, puerto, args.workers)
            if args.hilos:
                entorno["SIGPRET_HILOS"] = str(args.hilos)
            print(f"{nombre}: creando la demostración…", flush=True)
            if redis_url:
                preparar_postgres(url, redis_url, entorno, max(args.usuarios))
            else:
                preparar_sqlite(carpeta, entorno, max(args.usuarios))
            resultados.append((nombre, *medir(base, entorno, carpeta, args, grabacion)))
    print()
    for linea in machine_lines():
        print(linea)
    print(
        f"{args.workers} gunicorn workers (gunicorn.conf.py"
        f"{f', SIGPRET_HILOS={args.hilos}' if args.hilos else ''}), {args.segundos} s measured per "
        f"level, {args.espera} s between a user's pages; load generator on the same machine."
    )
    for nombre, filas, tamanos in resultados:
        imprimir(nombre, filas, tamanos)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
