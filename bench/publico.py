"""Weight and draw time of the public portal's pages (issue #14), on loopback.

Run ``python -m bench.publico [--loads 5] [--port 8065]``. It seeds a fresh SQLite database with
the demo, publishes 2026-T2 and 2026-T3 through the publication service (if the demo has not
already), starts the production server (gunicorn, as the ``Procfile`` does) and measures, for
each portal page, anonymously:

- **weight**: the HTML's bytes as sent, and gzip-compressed (level 6, what a compressing proxy
  sends), plus the one stylesheet; the portal loads no script and no image;
- **server time**: median of ``--requests`` GETs with urllib (a warm process);
- **draw time** in Debian's headless Chromium: first contentful paint and the load event, in ms
  from navigation start, median of ``--loads`` loads, on a phone-sized screen (360×780, mobile
  emulation) and on a desktop window (1366×768).

Targets: every page's HTML ≤ 30 KB compressed (the aim issue #15 sets for the private app) and
first contentful paint ≤ 1,000 ms on loopback.
"""

from __future__ import annotations

import argparse
import gzip
import os
import secrets
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.draw import browser, free_port, seed_database, start_server, stop_server

#: The pages measured (anonymous).
PAGINAS = (
    "/publico",
    "/publico/2026-T3/ejes/E2-SOC",
    "/publico/2026-T3/sectores",
    "/publico/2026-T3/instituciones",
    "/publico/historial",
    "/publico/cambios",
    "/publico/metodologia",
    "/publico/datos",
)
CSS = "/publico/estatico/publico.css"
OBJETIVO_KB = 30.0
OBJETIVO_FCP_MS = 1000.0

_TIEMPOS_JS = """
const nav = performance.getEntriesByType('navigation')[0];
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
return [fcp ? fcp.startTime : null, nav ? nav.loadEventEnd : null];
"""


def publish(url: str) -> None:
    """Publish 2026-T2 and 2026-T3 as the analyst (nothing if already published)."""
    from data_layer import permisos
    from data_layer.db import get_engine, session_factory
    from data_layer.engine.frames import Reglas
    from data_layer.publicacion import servicio

    motor = get_engine(url)
    for periodo in ("2026-T2", "2026-T3"):
        try:
            servicio.publicar_trimestre(
                session_factory(motor),
                session_factory(motor, escritura=True),
                periodo,
                huella_vista=None,
                actor=permisos.actor_sistema("analista"),
                reglas=Reglas(),
            )
        except servicio.ErrorPublicacion as exc:
            print(f"  ({periodo}: {exc})", file=sys.stderr)
    motor.dispose()


def _get(url: str) -> tuple[bytes, float]:
    inicio = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as r:
        cuerpo = r.read()
    return cuerpo, (time.perf_counter() - inicio) * 1000


def weights(base: str, peticiones: int) -> list[dict[str, Any]]:
    """Bytes (raw, gzip) and median server time of each page."""
    filas = []
    for ruta in (*PAGINAS, CSS):
        cuerpo, _ = _get(base + ruta)
        tiempos = [_get(base + ruta)[1] for _ in range(peticiones)]
        filas.append(
            {
                "ruta": ruta,
                "bytes": len(cuerpo),
                "gzip": len(gzip.compress(cuerpo, compresslevel=6)),
                "ms": statistics.median(tiempos),
            }
        )
    return filas


def draws(base: str, carpeta: Path, cargas: int, movil: bool) -> dict[str, tuple[float, float]]:
    """Median first contentful paint and load event (ms) of each page."""
    driver = browser(carpeta / ("movil" if movil else "escritorio"), 1366, 768)
    if movil:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 360, "height": 780, "deviceScaleFactor": 2, "mobile": True},
        )
    resultado = {}
    try:
        for ruta in PAGINAS:
            fcp, carga = [], []
            for _ in range(cargas + 1):  # the first load fills the stylesheet cache
                driver.get(base + ruta)
                for _ in range(50):
                    valores = driver.execute_script(_TIEMPOS_JS)
                    if valores[0] is not None and valores[1]:
                        break
                    time.sleep(0.05)
                fcp.append(valores[0] or float("nan"))
                carga.append(valores[1] or float("nan"))
            resultado[ruta] = (statistics.median(fcp[1:]), statistics.median(carga[1:]))
    finally:
        driver.quit()
    return resultado


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the machine, the table and the target lines."""
    from bench.run_engine import machine_lines

    parser = argparse.ArgumentParser(prog="python -m bench.publico", description=__doc__)
    parser.add_argument("--loads", type=int, default=5, help="browser loads per page (median)")
    parser.add_argument("--requests", type=int, default=20, help="GETs per page (median)")
    parser.add_argument("--port", type=int, default=None, help="default: first free of 8065–8069")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sigpret-bench-publico-") as tmp:
        carpeta = Path(tmp)
        url = f"sqlite:///{carpeta / 'sigpret.db'}"
        entorno = {
            **os.environ,
            "DATABASE_URL": url,
            "SECRET_KEY": secrets.token_hex(16),
            "SIGPRET_DESARROLLO": "1",
            "SIGPRET_LIMITE_PUBLICO": "100000 per minute",
        }
        entorno.pop("REDIS_URL", None)
        seed_database(carpeta, entorno)
        publish(url)
        puerto = args.port or free_port()
        proc = start_server(puerto, entorno, workers=2)
        base = f"http://127.0.0.1:{puerto}"
        try:
            pesos = weights(base, args.requests)
            movil = draws(base, carpeta, args.loads, movil=True)
            escritorio = draws(base, carpeta, args.loads, movil=False)
        finally:
            stop_server(proc)
    for linea in machine_lines():
        print(linea)
    print()
    print(
        "| page | HTML KB | gzip KB | server ms | phone FCP ms | phone load ms | desktop FCP ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for fila in pesos:
        m = movil.get(fila["ruta"], (float("nan"),) * 2)
        e = escritorio.get(fila["ruta"], (float("nan"),) * 2)
        print(
            f"| `{fila['ruta']}` | {fila['bytes'] / 1024:.1f} | {fila['gzip'] / 1024:.1f} | "
            f"{fila['ms']:.1f} | {m[0]:.0f} | {m[1]:.0f} | {e[0]:.0f} |"
        )
    paginas = [f for f in pesos if f["ruta"] != CSS]
    peor_kb = max(f["gzip"] for f in paginas) / 1024
    peor_fcp = max(v[0] for v in (*movil.values(), *escritorio.values()))
    print()
    print(
        f"Heaviest page: {peor_kb:.1f} KB compressed (target ≤ {OBJETIVO_KB:.0f} KB): "
        f"{'met' if peor_kb <= OBJETIVO_KB else 'NOT met'}"
    )
    print(
        f"Slowest first contentful paint: {peor_fcp:.0f} ms (target ≤ {OBJETIVO_FCP_MS:.0f} ms): "
        f"{'met' if peor_fcp <= OBJETIVO_FCP_MS else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
