"""Record what a real browser sends when it opens each page of the load scenario.

Run ``python -m bench.carga.grabar`` to look at a recording (``make bench-load`` records on its
first backend's server before the load). It seeds a fresh SQLite demo, starts the production
server, logs in as ``analista`` through the /login form in
Debian's headless Chromium and opens each page of :data:`PAGINAS` with a full load, reading
Chrome's performance log (the DevTools network events). What is kept of each load, in the order
the browser sent it, goes to ``bench/out/carga/grabacion.json``:

- the page's HTML GET, ``/_dash-layout``, ``/_dash-dependencies`` and every
  ``/_dash-update-component`` POST with its exact body (the callbacks the page fires by itself);
- for each request its **wave**: the browser sends a request when an earlier answer arrives, so a
  request belongs to a new wave when it was sent after some request of the current wave had
  finished. The replay sends each wave's requests at once and waits for all of them, as the
  browser does.

Static files (``/assets/``, ``/_dash-component-suites/``, the icon) are left out: the browser
caches them after the first visit, so the replay is a returning user's page open. The server's
address in the bodies (``_pages_location.href``) becomes ``{base}``, and the page load's signed
``endId`` of the callbacks' query string ``{end_id}``: the replay fills them in (the token from the
HTML it has just received).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.carga.servidor import LOGIN, arrancar, detener, entorno_servidor, preparar_sqlite
from bench.draw import RAIZ, browser, demo_password, free_port

#: The pages of the scenario (issue #15): the overview, the alerts, a sector, a goal, an indicator.
PAGINAS = (
    "/",
    "/alertas",
    "/sectores/SAL",
    "/metas/MS-SAL-01",
    "/indicadores/MS-SAL-01-I1",
)
#: The user the browser records as (every callback answer depends only on the role's scope).
USUARIO = "analista"
#: Where the recording goes.
GRABACION = RAIZ / "bench" / "out" / "carga" / "grabacion.json"
#: Paths the browser keeps in its cache (not part of a returning user's page open).
_ESTATICOS = ("/assets/", "/_dash-component-suites/", "/favicon.ico", "/_favicon.ico")
#: The page load's signed token the renderer echoes on every callback (Dash's ``end_id``).
_END_ID = re.compile(r"endId=[^&]+")
#: The events that end a request (some answers never log ``loadingFinished``).
_FINALES = ("Network.responseReceived", "Network.loadingFinished", "Network.loadingFailed")
#: A page has finished loading when no request is in flight for this long.
_QUIETO_S = 2.0


def _eventos(driver: Any) -> list[dict[str, Any]]:
    """The DevTools network events logged since the last call."""
    return [json.loads(e["message"])["message"] for e in driver.get_log("performance")]


def _abrir(driver: Any, url: str, limite_s: float = 60.0) -> list[dict[str, Any]]:
    """Load ``url`` and collect its network events until nothing is in flight for a while."""
    _eventos(driver)  # forget what came before
    driver.get(url)
    eventos: list[dict[str, Any]] = []
    pendientes: dict[str, str] = {}
    ultimo = time.monotonic()
    fin = ultimo + limite_s
    while time.monotonic() < fin:
        nuevos = _eventos(driver)
        for e in nuevos:
            metodo, p = e["method"], e.get("params", {})
            if metodo == "Network.requestWillBeSent":
                pendientes[p["requestId"]] = p["request"]["url"][:120]
            elif metodo in _FINALES:
                pendientes.pop(p["requestId"], None)
        eventos.extend(nuevos)
        if nuevos:
            ultimo = time.monotonic()
        elif time.monotonic() - ultimo >= (_QUIETO_S if not pendientes else 3 * _QUIETO_S):
            break
        time.sleep(0.1)
    else:
        raise RuntimeError(
            f"{url} no terminó de cargar en {limite_s:.0f} s: {sorted(pendientes.values())}"
        )
    return eventos


def _cuerpo(driver: Any, p: dict[str, Any]) -> str | None:
    """The POST body of a request (asked to DevTools when the event left it out)."""
    peticion = p["request"]
    if peticion.get("postData") is not None:
        return str(peticion["postData"])
    if not peticion.get("hasPostData"):
        return None
    respuesta = driver.execute_cdp_cmd("Network.getRequestPostData", {"requestId": p["requestId"]})
    return str(respuesta["postData"])


def nombre_peticion(metodo: str, ruta: str, cuerpo: str | None) -> str:
    """A short name for the statistics: the callback's outputs, or the method and path."""
    if ruta.startswith("/_dash-update-component") and cuerpo:
        salida = str(json.loads(cuerpo).get("output", "?")).split("@")[0]
        return f"callback {salida[:80]}"
    return f"{metodo} {ruta.split('?')[0]}"


def peticiones(driver: Any, eventos: list[dict[str, Any]], base: str) -> list[dict[str, Any]]:
    """The requests of one page open that the replay sends, with their waves (module docstring)."""
    enviadas: dict[str, dict[str, Any]] = {}
    terminadas: dict[str, float] = {}
    estados: dict[str, int] = {}
    for e in eventos:
        metodo, p = e["method"], e.get("params", {})
        if metodo == "Network.requestWillBeSent" and p["requestId"] not in enviadas:
            url = p["request"]["url"]
            partes = urlsplit(url)
            if not url.startswith(base) or partes.path.startswith(_ESTATICOS):
                continue
            enviadas[p["requestId"]] = {
                "metodo": p["request"]["method"],
                "ruta": partes.path + (f"?{partes.query}" if partes.query else ""),
                "cuerpo": _cuerpo(driver, p),
                "inicio": p["timestamp"],
            }
        elif metodo == "Network.responseReceived":
            estados[p["requestId"]] = int(p["response"]["status"])
            terminadas.setdefault(p["requestId"], p["timestamp"])
        elif metodo in ("Network.loadingFinished", "Network.loadingFailed"):
            terminadas[p["requestId"]] = p["timestamp"]
    filas = sorted(enviadas.items(), key=lambda kv: kv[1]["inicio"])
    ola, fin_primera = 0, float("inf")
    resultado = []
    for rid, fila in filas:
        if fila["inicio"] >= fin_primera:  # an answer of this wave arrived before it was sent
            ola += 1
            fin_primera = float("inf")
        fin_primera = min(fin_primera, terminadas.get(rid, float("inf")))
        cuerpo = fila["cuerpo"]
        resultado.append(
            {
                "nombre": nombre_peticion(fila["metodo"], fila["ruta"], cuerpo),
                "metodo": fila["metodo"],
                "ruta": _END_ID.sub("endId={end_id}", fila["ruta"]),
                "cuerpo": cuerpo.replace(base, "{base}") if cuerpo else None,
                "ola": ola,
                "estado": estados.get(rid),
            }
        )
    return resultado


def grabar(base: str, carpeta: Path) -> dict[str, list[dict[str, Any]]]:
    """Log in through the form and record each page of :data:`PAGINAS` (a full load each)."""
    from selenium.webdriver.common.by import By

    driver = browser(carpeta, 1366, 768, registro_red=True)
    try:
        driver.get(base + LOGIN)
        driver.find_element(By.ID, "usuario").send_keys(USUARIO)
        driver.find_element(By.ID, "clave").send_keys(demo_password(USUARIO))
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        time.sleep(1.0)
        _abrir(driver, base + "/")  # the first load fills the browser's cache of static files
        grabacion = {}
        for ruta in PAGINAS:
            grabacion[ruta] = peticiones(driver, _abrir(driver, base + ruta), base)
    finally:
        driver.quit()
    return grabacion


def guardar(grabacion: dict[str, list[dict[str, Any]]], salida: Path) -> None:
    """Write the recording as JSON and print how many requests and waves each page has."""
    salida.parent.mkdir(parents=True, exist_ok=True)
    salida.write_text(json.dumps(grabacion, ensure_ascii=False, indent=1))
    for ruta, lista in grabacion.items():
        olas = max((p["ola"] for p in lista), default=-1) + 1
        callbacks = sum(p["ruta"].startswith("/_dash-update-component") for p in lista)
        print(f"{ruta}: {len(lista)} peticiones ({callbacks} callbacks) en {olas} olas")
    print(f"Grabación: {salida}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: record, write the JSON and print a summary per page."""
    parser = argparse.ArgumentParser(prog="python -m bench.carga.grabar", description=__doc__)
    parser.add_argument("--salida", type=Path, default=GRABACION)
    parser.add_argument("--port", type=int, default=None, help="default: first free of 8065–8069")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sigpret-carga-grabar-") as tmp:
        carpeta = Path(tmp)
        puerto = args.port or free_port()
        entorno = entorno_servidor(
            dict(os.environ), f"sqlite:///{carpeta / 'sigpret.db'}", None, puerto, workers=2
        )
        preparar_sqlite(carpeta, entorno, usuarios=0)
        proc = arrancar(entorno, carpeta / "gunicorn.log")
        try:
            grabacion = grabar(f"http://127.0.0.1:{puerto}", carpeta)
        finally:
            detener(proc)
    guardar(grabacion, args.salida)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
