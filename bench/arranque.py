"""Cold start of the production server on the 10× database, and the overview after an import.

Run ``python -m bench.arranque [--url PG_URL] [--redis REDIS_URL] [--arranques 3]`` (issue #15).
It needs the recording of what a browser sends on ``/`` (``bench/out/carga/grabacion.json``, made
by ``python -m bench.carga.grabar`` or ``make bench-load``).

1. Builds the 10× MCR (:func:`bench.importar.build_inputs`, kept in ``/tmp``) and a second
   version of it with one value changed; empties the database (``--url``: a PostgreSQL database,
   default ``test_b``, or ``sqlite:///FILE``, replaced) and the Redis database (``--redis``,
   default number 14), migrates, imports the MCR with ``sigpret import mcr`` and creates one
   analyst (who sees everything).
2. ``--arranques`` times: starts gunicorn as the ``Procfile`` does (``gunicorn.conf.py``:
   ``preload_app``, 2 threaded workers), with Redis emptied, and times start → first
   ``GET /salud`` answering 200 (polled every 50 ms); then logs in through the form and opens
   ``/`` twice: **cold** (the first visitor after the start: the worker reads the MCR from the
   database and runs the engine) and **again** (warm).
3. On the last server: imports the other version of the MCR with ``sigpret import mcr`` and
   opens ``/`` (**after an import, no warm-up**: the import ran without ``REDIS_URL``, so nothing
   was computed for the new data version), then imports back with ``REDIS_URL`` (the command
   warms the shared cache, :func:`dashboard.precalentar_cache_compartida`) and opens ``/``
   (**after an import with warm-up**).

A page open is the HTML GET and then each recorded wave of Dash requests with the bodies the
browser sent (the requests of a wave at once, as a browser does; :mod:`bench.carga.grabar`);
*main callback* is the overview's own callback (``resumen-estados…``, what
``render_resumen`` answers), timed as the browser waits for it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.cookiejar
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.carga.servidor import (
    CLAVE_CARGA,
    LOGIN,
    crear_usuarios_carga,
    detener,
    entorno_servidor,
    usuario_carga,
)
from bench.draw import RAIZ, free_port, sigpret_cli
from bench.importar import CACHE, build_inputs

GRABACION = RAIZ / "bench" / "out" / "carga" / "grabacion.json"
PG_URL = "postgresql://postgres@127.0.0.1:5432/test_b"
REDIS_URL = "redis://127.0.0.1:6379/14"
#: The overview's own callback in the recording (its output names its first component).
PRINCIPAL = "resumen-estados.children"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_END_ID = re.compile(r'"end_id":\s*"([^"]+)"')
_JSON = {"Content-Type": "application/json", "Accept": "application/json"}
#: Most seconds one request may take (a cold 10× callback on a loaded 2-core machine is slow).
ESPERA_S = 600


def otra_version(csvs: Path, destino: Path) -> Path:
    """A copy of the CSV folder with the first value of ``avances`` changed (a new data version)."""
    if destino.exists():
        shutil.rmtree(destino)
    shutil.copytree(csvs, destino)
    ruta = destino / "avances.csv"
    lineas = ruta.read_text(encoding="utf-8").splitlines(keepends=True)
    celdas = lineas[1].split(",")
    celdas[2] = f"{float(celdas[2]) + 1:g}"
    lineas[1] = ",".join(celdas)
    ruta.write_text("".join(lineas), encoding="utf-8")
    return destino


def preparar(url: str, redis_url: str, entorno: dict[str, str], csvs: Path) -> None:
    """Empty the database and Redis, migrate, import the MCR (no warm-up), create the analyst."""
    import redis
    from sqlalchemy import create_engine, text

    if url.startswith("sqlite:///"):
        for sufijo in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + sufijo).unlink(missing_ok=True)
    else:
        motor = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with motor.begin() as con:
            con.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            con.execute(text("CREATE SCHEMA public"))
        motor.dispose()
    redis.Redis.from_url(redis_url).flushdb()
    sin_redis = {k: v for k, v in entorno.items() if k != "REDIS_URL"}
    sigpret_cli(sin_redis, "db", "upgrade")
    sigpret_cli(sin_redis, "import", "mcr", str(csvs))
    crear_usuarios_carga(url, 1)


def arrancar(entorno: dict[str, str], registro: Path) -> tuple[subprocess.Popen[bytes], float]:
    """Start gunicorn as the ``Procfile`` does; seconds until ``/salud`` answers 200."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    salida = registro.open("ab")
    inicio = time.perf_counter()
    proc = subprocess.Popen(
        [str(gunicorn), "--config", "gunicorn.conf.py", "dashboard:create_server()"],
        cwd=RAIZ,
        env=entorno,
        stdout=salida,
        stderr=salida,
    )
    url = f"http://127.0.0.1:{entorno['PORT']}/salud"
    while time.perf_counter() - inicio < 120:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn terminó; ver {registro}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return proc, time.perf_counter() - inicio
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.05)
    detener(proc)
    raise RuntimeError(f"/salud no respondió en 120 s; ver {registro}")


class Navegador:
    """A logged-in browser session replaying the recorded requests of ``/``."""

    def __init__(self, base: str, peticiones: list[dict[str, Any]]) -> None:
        self.base = base
        self.peticiones = peticiones
        self.abridor = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with self.abridor.open(base + LOGIN, timeout=60) as r:
            encontrado = _CSRF.search(r.read().decode())
        if not encontrado:
            raise RuntimeError("el formulario de /login no trae csrf_token")
        datos = {
            "csrf_token": encontrado.group(1),
            "usuario": usuario_carga(1),
            "clave": CLAVE_CARGA,
            "next": "",
        }
        with self.abridor.open(
            base + LOGIN, data=urllib.parse.urlencode(datos).encode(), timeout=60
        ) as r:
            if "react-entry-point" not in r.read().decode():
                raise RuntimeError("no entró")

    def _enviar(self, peticion: dict[str, Any], end_id: str) -> tuple[str, float, int]:
        ruta = peticion["ruta"].replace("{end_id}", end_id)
        cuerpo = None
        if peticion["metodo"] == "POST":
            cuerpo = (peticion["cuerpo"] or "").replace("{base}", self.base).encode()
        pedido = urllib.request.Request(self.base + ruta, data=cuerpo, headers=_JSON)
        t0 = time.perf_counter()
        try:
            with self.abridor.open(pedido, timeout=ESPERA_S) as r:
                r.read()
                estado = r.status
        except urllib.error.HTTPError as exc:
            estado = exc.code
        return peticion.get("nombre") or ruta, time.perf_counter() - t0, estado

    def abrir(self) -> dict[str, Any]:
        """Open ``/``: the page's seconds, its HTML's and its main callback's, and the recorded
        requests the server refused (a recording older than the app: record it again)."""
        t0 = time.perf_counter()
        with self.abridor.open(self.base + "/", timeout=ESPERA_S) as r:
            html = r.read().decode()
        t_html = time.perf_counter() - t0
        encontrado = _END_ID.search(html)
        if not encontrado:
            raise RuntimeError("la página no trae end_id (¿la sesión se cerró?)")
        principal, rechazadas = None, []
        olas = sorted({p["ola"] for p in self.peticiones if p["ola"] > 0})
        with concurrent.futures.ThreadPoolExecutor(6) as hilos:
            for ola in olas:
                grupo = [p for p in self.peticiones if p["ola"] == ola]
                for nombre, segundos, estado in hilos.map(
                    lambda p: self._enviar(p, encontrado.group(1)), grupo
                ):
                    if estado != 200:
                        rechazadas.append(f"{nombre[:60]} ({estado})")
                    elif PRINCIPAL in nombre:
                        principal = segundos
        if principal is None:
            raise RuntimeError(f"el callback del resumen no respondió: {rechazadas}")
        return {
            "pagina": time.perf_counter() - t0,
            "html": t_html,
            "principal": principal,
            "rechazadas": rechazadas,
        }


def _avisar(texto: str) -> None:
    """Each figure as soon as it is measured (stderr), with the load average."""
    print(f"{texto} (carga {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)


def medir(a: argparse.Namespace) -> dict[str, Any]:
    """The whole run (module docstring); the figures in seconds."""
    peticiones = json.loads(a.grabacion.read_text())["/"]
    csvs, _ = build_inputs(a.escala, a.cache)
    otra = otra_version(csvs, a.cache / f"csv_{a.escala:g}x_otra")
    puerto = free_port()
    entorno = entorno_servidor(dict(os.environ), a.url, a.redis, puerto, a.workers)
    entorno["PYTHONPATH"] = str(RAIZ)
    sin_redis = {k: v for k, v in entorno.items() if k != "REDIS_URL"}
    preparar(a.url, a.redis, entorno, csvs)
    import redis

    base = f"http://127.0.0.1:{puerto}"
    salud, frio, tibio = [], [], []
    tras: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        registro = Path(tmp) / "gunicorn.log"
        for numero in range(a.arranques):
            redis.Redis.from_url(a.redis).flushdb()
            proc, segundos = arrancar(entorno, registro)
            try:
                salud.append(segundos)
                _avisar(f"arranque {numero + 1}: /salud 200 tras {segundos:.2f} s")
                navegador = Navegador(base, peticiones)
                frio.append(navegador.abrir())
                _avisar(f"  frío: {frio[-1]}")
                tibio.append(navegador.abrir())
                _avisar(f"  de nuevo: {tibio[-1]}")
                if numero == a.arranques - 1:
                    sigpret_cli(sin_redis, "import", "mcr", str(otra))
                    tras["sin precalentar"] = navegador.abrir()
                    _avisar(f"  tras importar, sin precalentar: {tras['sin precalentar']}")
                    salida = sigpret_cli(entorno, "import", "mcr", str(csvs))
                    assert "precalentada" in salida, salida
                    tras["precalentada"] = navegador.abrir()
                    _avisar(f"  tras importar, precalentada: {tras['precalentada']}")
            finally:
                detener(proc)
    rechazadas = sorted({x for c in [*frio, *tibio, *tras.values()] for x in c["rechazadas"]})
    return {"salud": salud, "frio": frio, "tibio": tibio, "tras": tras, "rechazadas": rechazadas}


def _mediana(casos: Sequence[dict[str, Any]], clave: str) -> float:
    return statistics.median(c[clave] for c in casos)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, run, print Markdown tables."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--url", default=PG_URL, help="a PostgreSQL database to empty, or sqlite:///FILE to replace"
    )
    p.add_argument("--redis", default=REDIS_URL, help="a Redis database to empty and use")
    p.add_argument("--escala", type=float, default=10.0)
    p.add_argument("--arranques", type=int, default=3)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--grabacion", type=Path, default=GRABACION)
    p.add_argument("--cache", type=Path, default=CACHE)
    a = p.parse_args(argv)
    r = medir(a)
    print(f"load average after: {os.getloadavg()}", file=sys.stderr)
    if r["rechazadas"]:
        print(f"recorded requests refused (not timed): {r['rechazadas']}", file=sys.stderr)
    print("| what | median (s) | each run (s) |")
    print("|---|---:|---|")
    print(
        f"| start → first `/salud` 200 | {statistics.median(r['salud']):.2f} "
        f"| {', '.join(f'{s:.2f}' for s in r['salud'])} |"
    )
    for nombre, casos in (("cold (first visitor)", r["frio"]), ("again (warm)", r["tibio"])):
        for clave, que in (("pagina", "page open"), ("principal", "main callback")):
            print(
                f"| `/` {que}, {nombre} | {_mediana(casos, clave):.2f} "
                f"| {', '.join(f'{c[clave]:.2f}' for c in casos)} |"
            )
    for nombre, m in r["tras"].items():
        titulo = (
            "after an import, no warm-up"
            if nombre == "sin precalentar"
            else ("after an import warmed by `sigpret import mcr`")
        )
        print(f"| `/` page open, {titulo} | {m['pagina']:.2f} | |")
        print(f"| `/` main callback, {titulo} | {m['principal']:.2f} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
