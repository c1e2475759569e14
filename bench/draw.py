"""Time until the presidential overview is fully drawn in headless Chromium, on loopback.

Run ``python -m bench.draw [--loads 5] [--port 8065]``. It seeds a fresh SQLite database with the
demo (``sigpret db upgrade`` and ``sigpret seed demo``: the demo MCR and its users), starts the
production server (``gunicorn "dashboard:create_server()"``, as the ``Procfile`` does) on a
loopback port, logs in through the real form when the app asks for it (demo user ``analista``),
then loads ``/`` in Debian's headless Chromium driven by selenium.

A load is *fully drawn* when the presidential goals grid has rows, the eje cards show their
numbers, the chart has its bars, Dash's first-paint placeholder is gone and no callback is
pending (the title is not Dash's "Actualizando…" and no component is marked loading), and all of
that stays true for ``--stable`` ms. The time reported is the first instant of that final state,
in ms from navigation start (``performance.now()`` in the page). The first load after the login
meets an empty server cache (the engine runs); ``--warmup`` loads warm the server; the median of
the next ``--loads`` loads is compared with the 2 s target.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RAIZ = Path(__file__).resolve().parent.parent

#: Target of issue #3: the overview drawn in at most 2 s at 1× on loopback.
OBJETIVO_MS = 2000.0
#: The ports this benchmark may use (the first free one is taken).
PUERTOS = range(8065, 8070)
USUARIO = "analista"

#: Runs in the page after each navigation; resolves with the navigation milestones and the
#: instant the overview was fully drawn (or an error after the time limit).
ESPERAR_DIBUJO_JS = r"""
const listo = arguments[arguments.length - 1];
const limite = arguments[0], estable = arguments[1];
function dibujado() {
  if (document.querySelector('._dash-loading')) return false;
  if (document.title.startsWith('Actualizando')) return false;
  if (document.querySelector('[data-dash-is-loading="true"]')) return false;
  if (!document.querySelector('.resumen-grid .ag-center-cols-container .ag-row')) return false;
  const ejes = document.getElementById('resumen-ejes');
  if (!ejes || !/\d/.test(ejes.textContent)) return false;
  return !!document.querySelector('#resumen-grafico-ejes .barlayer .trace');
}
let desde = null;
(function mirar() {
  const ahora = performance.now();
  if (dibujado()) {
    if (desde === null) desde = ahora;
    if (ahora - desde >= estable) {
      const nav = performance.getEntriesByType('navigation')[0] || {};
      return listo({
        dibujado: desde,
        respuesta: nav.responseEnd || null,
        dom: nav.domContentLoadedEventEnd || null,
        carga: nav.loadEventEnd || null,
        filas: document.querySelectorAll(
          '.resumen-grid .ag-center-cols-container .ag-row').length,
      });
    }
  } else {
    desde = null;
  }
  if (ahora > limite) return listo({error: 'no terminó de dibujarse', titulo: document.title});
  setTimeout(mirar, 10);
})();
"""


@dataclass(frozen=True)
class Carga:
    """One load of the overview, in ms from navigation start.

    Attributes:
        dibujado_ms: fully drawn (see the module docstring).
        respuesta_ms: the HTML page received (``responseEnd``).
        dom_ms: ``DOMContentLoaded`` handled.
        carga_ms: the ``load`` event handled (scripts and styles loaded).
        filas: rows the goals grid rendered.
    """

    dibujado_ms: float
    respuesta_ms: float | None
    dom_ms: float | None
    carga_ms: float | None
    filas: int


def free_port(puertos: Sequence[int] = PUERTOS) -> int:
    """The first of ``puertos`` nobody listens on at 127.0.0.1."""
    for puerto in puertos:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            if s.connect_ex(("127.0.0.1", puerto)) != 0:
                return puerto
    raise RuntimeError(f"no free port in {puertos[0]}–{puertos[-1]}")


def sigpret_cli(entorno: dict[str, str], *args: str) -> str:
    """Run ``sigpret ARGS`` (the real CLI) with ``entorno``; its output, or RuntimeError."""
    proc = subprocess.run(
        [sys.executable, "-m", "data_layer.cli", *args],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"sigpret {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def seed_database(carpeta: Path, entorno: dict[str, str]) -> None:
    """Create and seed the demo database with the real CLI (MCR, users, mesas)."""
    for args in (["db", "upgrade"], ["seed", "demo"]):
        sigpret_cli(entorno, *args)


def start_server(puerto: int, entorno: dict[str, str], workers: int) -> subprocess.Popen:
    """Start gunicorn on ``127.0.0.1:puerto`` and wait until it answers."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [
            str(gunicorn) if gunicorn.exists() else "gunicorn",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{puerto}",
            "--timeout",
            "60",
            "dashboard:create_server()",
        ],
        cwd=RAIZ,
        env=entorno,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    limite = time.monotonic() + 60
    while time.monotonic() < limite:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{proc.stderr.read() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{puerto}/login", timeout=2):
                return proc
        except urllib.error.HTTPError:
            return proc  # it answers (a redirect or an error page is still an answer)
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server this benchmark started (gunicorn stops its workers on SIGTERM)."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def browser(carpeta: Path, ancho: int, alto: int, *, registro_red: bool = False) -> Any:
    """Debian's chromium through its chromedriver, headless, as the browser tests run it.

    ``registro_red``: keep DevTools' network events in the ``performance`` log (the load
    benchmark records what the browser sends, :mod:`bench.carga.grabar`).
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opciones = Options()
    binario = shutil.which("chromium") or shutil.which("chromium-browser")
    if binario:
        opciones.binary_location = binario
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--no-first-run",
        f"--window-size={ancho},{alto}",
        "--lang=es-HN",
        f"--user-data-dir={carpeta / 'chromium'}",
    ):
        opciones.add_argument(arg)
    # driver.get returns at DOMContentLoaded; the page script then watches the drawing.
    opciones.page_load_strategy = "eager"
    if registro_red:
        opciones.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    servicio = Service(shutil.which("chromedriver") or "chromedriver")
    driver = webdriver.Chrome(service=servicio, options=opciones)
    driver.set_script_timeout(60)
    return driver


def demo_password(usuario: str) -> str:
    """The published password of a demo user."""
    try:
        from data_layer.demo import clave_demo

        return clave_demo(usuario)
    except ImportError:
        from data_layer.cli import USUARIOS_DEMO  # type: ignore[attr-defined]

        return next(u[3] for u in USUARIOS_DEMO if u[0] == usuario)


def log_in_if_asked(driver: Any, base: str, usuario: str) -> bool:
    """Log in through the form when the app sends the browser to ``/login``."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base + "/")
    if "/login" not in driver.current_url:
        return False
    driver.find_element(By.ID, "usuario").send_keys(usuario)
    driver.find_element(By.ID, "clave").send_keys(demo_password(usuario))
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 30).until(ec.presence_of_element_located((By.ID, "react-entry-point")))
    if "/login" in driver.current_url:
        raise RuntimeError("the demo login failed")
    return True


def load_overview(driver: Any, url: str, limite_ms: float, estable_ms: float) -> Carga:
    """Navigate to the overview and wait until it is fully drawn."""
    driver.get(url)
    r = driver.execute_async_script(ESPERAR_DIBUJO_JS, limite_ms, estable_ms)
    if "error" in r:
        raise RuntimeError(f"{url}: {r['error']} (title «{r.get('titulo')}»)")
    return Carga(r["dibujado"], r["respuesta"], r["dom"], r["carga"], int(r["filas"]))


def measure(
    cargas: int, calentamiento: int, puerto: int, workers: int, estable_ms: float, ventana: str
) -> dict[str, Any]:
    """Seed, serve, log in, then time ``calentamiento + cargas`` loads of the overview."""
    ancho, alto = (int(x) for x in ventana.split("x"))
    with tempfile.TemporaryDirectory(prefix="sigpret-draw-") as tmp:
        carpeta = Path(tmp)
        entorno = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{carpeta / 'sigpret.db'}",
            "SECRET_KEY": secrets.token_hex(32),
            "SIGPRET_INSTANCE": str(carpeta),
        }
        entorno.pop("REDIS_URL", None)
        seed_database(carpeta, entorno)
        servidor = start_server(puerto, entorno, workers)
        driver = None
        try:
            driver = browser(carpeta, ancho, alto)
            base = f"http://127.0.0.1:{puerto}"
            con_login = log_in_if_asked(driver, base, USUARIO)
            todas = [
                load_overview(driver, base + "/", 30_000, estable_ms)
                for _ in range(calentamiento + cargas)
            ]
        finally:
            if driver is not None:
                driver.quit()
            stop_server(servidor)
    return {"con_login": con_login, "cargas": todas, "calentamiento": calentamiento}


def _mediana(valores: Sequence[float | None]) -> float | None:
    presentes = [v for v in valores if v is not None]
    return statistics.median(presentes) if presentes else None


def report_lines(resultado: dict[str, Any], workers: int, ventana: str) -> list[str]:
    """The measurement as Markdown (a table and the target line)."""
    cargas: list[Carga] = resultado["cargas"]
    n_cal = resultado["calentamiento"]
    medidas = cargas[n_cal:]
    mediana = statistics.median(c.dibujado_ms for c in medidas)

    def ms(v: float | None) -> str:
        return "–" if v is None else f"{v:,.0f}"

    lineas = [
        f"gunicorn, {workers} workers, 127.0.0.1; headless Chromium {ventana}; "
        + ("logged in as the demo user «analista»" if resultado["con_login"] else "no login"),
        "",
        "| load | HTML received ms | DOMContentLoaded ms | load event ms | fully drawn ms "
        "| grid rows |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for i, c in enumerate(cargas):
        nombre = (
            "first (empty server cache)"
            if i == 0
            else f"warm-up {i}"
            if i < n_cal
            else f"timed {i - n_cal + 1}"
        )
        lineas.append(
            f"| {nombre} | {ms(c.respuesta_ms)} | {ms(c.dom_ms)} | {ms(c.carga_ms)} "
            f"| {ms(c.dibujado_ms)} | {c.filas} |"
        )
    respuesta = _mediana([c.respuesta_ms for c in medidas])
    dom = _mediana([c.dom_ms for c in medidas])
    carga = _mediana([c.carga_ms for c in medidas])
    lineas.append(
        f"| **median of the {len(medidas)} timed** | {ms(respuesta)} | {ms(dom)} | {ms(carga)} "
        f"| **{ms(mediana)}** | |"
    )
    lineas += [
        "",
        f"{'OK ' if mediana <= OBJETIVO_MS else 'MISS'} overview fully drawn in {mediana:,.0f} ms "
        f"(median of {len(medidas)} warm loads; min {min(c.dibujado_ms for c in medidas):,.0f}, "
        f"max {max(c.dibujado_ms for c in medidas):,.0f}; target ≤ {OBJETIVO_MS:,.0f} ms)",
    ]
    return lineas


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the machine, the loads and the target line."""
    from bench.run_engine import machine_lines

    parser = argparse.ArgumentParser(prog="python -m bench.draw", description=__doc__)
    parser.add_argument("--loads", type=int, default=5, help="timed loads (median reported)")
    parser.add_argument("--warmup", type=int, default=2, help="loads before the timed ones")
    parser.add_argument("--port", type=int, default=None, help="default: first free of 8065–8069")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (Procfile: 2)")
    parser.add_argument("--stable", type=float, default=500.0, help="ms the drawing must hold")
    parser.add_argument("--window", default="1366x768", help="browser window, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    if not (shutil.which("chromium") or shutil.which("chromium-browser")) or not shutil.which(
        "chromedriver"
    ):
        print("chromium and chromedriver are needed (make browser)", file=sys.stderr)
        return 2

    puerto = args.port or free_port()
    resultado = measure(
        args.loads, max(1, args.warmup), puerto, args.workers, args.stable, args.window
    )
    for linea in machine_lines():
        print(linea)
    print()
    for linea in report_lines(resultado, args.workers, args.window):
        print(linea)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
