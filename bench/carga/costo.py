"""Server CPU per page open: what each page of the load scenario costs the two cores.

Run ``python -m bench.carga.costo [--vueltas 20] [--perfil]``. The load test
(:mod:`bench.carga.correr`) says how long people wait; on a shared two-core machine its figures
move with whatever else runs. This says how much CPU the server spends on one page open, which
does not: it seeds a fresh SQLite demo, builds the app in this process, logs in through the form
with Flask's test client and replays, one after the other, the requests of each recorded page
(:mod:`bench.carga.grabar`'s ``grabacion.json``: the HTML, ``_dash-layout``,
``_dash-dependencies`` and the page's callbacks with the browser's bodies), ``--vueltas`` times
after one warm-up round. It reports per page the requests it sends and the median CPU time of
one open (``time.process_time``: this process only, so the other jobs on the machine do not count;
the test client's own work is included and small) and what two cores could serve at most
(2 / CPU per open, every page in turn), and the wall time of one open (with ``--pg-url`` and
``--redis-url`` the database server's and Redis' work shows there, not in the CPU column).
``--detalle`` adds each request's median CPU;
``--perfil`` prints the top functions by cumulative time (``ORDEN=tottime`` for own time;
``--filtro dashboard/`` keeps the project's own); ``--solo /alertas`` measures only some pages.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import os
import pstats
import re
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.carga.grabar import GRABACION
from bench.carga.servidor import (
    CLAVE_CARGA,
    entorno_servidor,
    preparar_postgres,
    preparar_sqlite,
    usuario_carga,
)

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_END_ID = re.compile(r'"end_id":\s*"([^"]+)"')
_JSON = {"Content-Type": "application/json", "Accept": "application/json"}


def _entrar(cliente: Any) -> None:
    pagina = cliente.get("/login").get_data(as_text=True)
    token = _CSRF.search(pagina)
    assert token, "sin csrf_token en /login"
    r = cliente.post(
        "/login",
        data={"csrf_token": token.group(1), "usuario": usuario_carga(1), "clave": CLAVE_CARGA},
    )
    assert r.status_code < 400, r.status_code


#: CPU seconds of each request of the measured rounds, by page and request name.
_POR_PETICION: dict[tuple[str, str], list[float]] = {}


def _abrir(cliente: Any, ruta: str, peticiones: list[dict[str, Any]]) -> int:
    """One page open, request after request; returns how many requests it sent."""
    t0 = time.process_time()
    html = cliente.get(ruta).get_data(as_text=True)
    _POR_PETICION.setdefault((ruta, "GET página"), []).append(time.process_time() - t0)
    encontrado = _END_ID.search(html)
    end_id = encontrado.group(1) if encontrado else ""
    enviadas = 1
    for p in peticiones:
        if p["metodo"] == "GET" and p["ruta"] == ruta:
            continue  # the HTML, already fetched
        url = p["ruta"].replace("{end_id}", end_id)
        t0 = time.process_time()
        if p["metodo"] == "POST":
            cuerpo = (p["cuerpo"] or "").replace("{base}", "http://localhost")
            r = cliente.post(url, data=cuerpo.encode(), headers=_JSON)
        else:
            r = cliente.get(url, headers=_JSON)
        assert r.status_code in (200, 204), (url, r.status_code, r.get_data(as_text=True)[:300])
        nombre = (p.get("nombre") or p["ruta"]).removeprefix("callback ")[:70]
        _POR_PETICION.setdefault((ruta, nombre), []).append(time.process_time() - t0)
        enviadas += 1
    return enviadas


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vueltas", type=int, default=20)
    parser.add_argument("--grabacion", type=Path, default=GRABACION)
    parser.add_argument("--perfil", action="store_true")
    parser.add_argument("--detalle", action="store_true", help="CPU de cada petición")
    parser.add_argument("--solo", nargs="*", default=[], help="only these pages (paths)")
    parser.add_argument("--pg-url", help="PostgreSQL database to empty and seed (with --redis-url)")
    parser.add_argument("--redis-url", help="Redis database to empty (with --pg-url)")
    parser.add_argument("--filtro", default="", help="--perfil: only functions matching this")
    args = parser.parse_args(argv)
    grabacion: dict[str, list[dict[str, Any]]] = json.loads(args.grabacion.read_text())
    if args.solo:
        grabacion = {r: p for r, p in grabacion.items() if r in args.solo}
    logging.getLogger().setLevel(logging.WARNING)  # no request log between the figures

    with tempfile.TemporaryDirectory(prefix="sigpret-costo-") as carpeta:
        url = args.pg_url or f"sqlite:///{Path(carpeta) / 'sigpret.db'}"
        entorno = entorno_servidor(dict(os.environ), url, args.redis_url, 8050, 1)
        if args.pg_url:
            preparar_postgres(args.pg_url, args.redis_url, entorno, 1)
        else:
            preparar_sqlite(Path(carpeta), entorno, 1)
        os.environ.update({k: v for k, v in entorno.items() if k in ("SECRET_KEY", "REDIS_URL")})
        os.environ["SIGPRET_DESARROLLO"] = "1"
        from dashboard import create_app

        app = create_app(url)
        cliente = app.server.test_client()
        _entrar(cliente)
        for ruta, peticiones in grabacion.items():  # warm-up: caches, first-request set-up
            _abrir(cliente, ruta, peticiones)
        _POR_PETICION.clear()

        perfil = cProfile.Profile() if args.perfil else None
        cpu: dict[str, list[float]] = {r: [] for r in grabacion}
        pared_pagina: dict[str, list[float]] = {r: [] for r in grabacion}
        enviadas: dict[str, int] = {}
        inicio = time.perf_counter()
        for _ in range(args.vueltas):
            for ruta, peticiones in grabacion.items():
                t0, p0 = time.process_time(), time.perf_counter()
                if perfil:
                    perfil.enable()
                enviadas[ruta] = _abrir(cliente, ruta, peticiones)
                if perfil:
                    perfil.disable()
                cpu[ruta].append(time.process_time() - t0)
                pared_pagina[ruta].append(time.perf_counter() - p0)
        pared = time.perf_counter() - inicio

    print(f"CPU del servidor por apertura de página (mediana de {args.vueltas}, un proceso):")
    print("| página | peticiones | CPU ms | pared ms |")
    print("|---|---:|---:|---:|")
    medianas = {r: statistics.median(v) * 1000 for r, v in cpu.items()}
    paredes = {r: statistics.median(v) * 1000 for r, v in pared_pagina.items()}
    for ruta, ms in medianas.items():
        print(f"| `{ruta}` | {enviadas[ruta]} | {ms:.1f} | {paredes[ruta]:.1f} |")
    media = statistics.mean(medianas.values())
    print(
        f"| media por página | {statistics.mean(enviadas.values()):.1f} | {media:.1f} | "
        f"{statistics.mean(paredes.values()):.1f} |"
    )
    print(f"Tope con 2 núcleos: {2000 / media:.1f} aperturas por segundo; pared {pared:.1f} s")
    if args.detalle:
        print("\n| página | petición | CPU ms (mediana) |\n|---|---|---:|")
        filas = sorted(_POR_PETICION.items(), key=lambda kv: -statistics.median(kv[1]))
        for (ruta, nombre), tiempos in filas:
            print(f"| `{ruta}` | `{nombre}` | {statistics.median(tiempos) * 1000:.1f} |")
    if perfil:
        estadisticas = pstats.Stats(perfil).sort_stats(os.environ.get("ORDEN", "cumulative"))
        estadisticas.print_stats(*([args.filtro] if args.filtro else []), 45)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
