"""The load scenario: users who log in through the form and open pages as a browser does.

Run by :mod:`bench.carga.correr` with locust from ``.venv-carga`` (never imported by the app or
the tests; it needs only the recording, not the project). Each simulated user:

1. logs in through ``/login`` (GET for the CSRF token, then the form's POST) as a bench user of
   its own (``carga.01``, ``carga.02``… in the order users start), keeping the session cookie
   like a browser; a user whose login failed, or who lands on the login form, logs in again
   before its next page (the failure counts as an error);
2. opens the recorded pages in turn (starting at a random one), waiting ``SIGPRET_CARGA_ESPERA``
   seconds between pages (default ``1-3``, a uniform draw): a **page open** is the HTML GET and
   then each recorded wave of Dash requests (``_dash-layout``, ``_dash-dependencies``, the
   ``_dash-update-component`` callbacks with the exact bodies the browser sent), the requests of a
   wave at once, as :mod:`bench.carga.grabar` explains. Its time is reported as the request type
   ``ABRIR`` next to the single requests.

Measured only once every user has started and finished its first login (the login storm of the
start, scrypt checks for everybody at once, is not a steady state), for ``SIGPRET_CARGA_SEGUNDOS``
seconds; then the run stops and the page open times, the request count and the errors go to the
JSON file ``SIGPRET_CARGA_SALIDA``.
Environment: ``SIGPRET_CARGA_GRABACION`` (the recording), ``SIGPRET_CARGA_PREFIJO`` and
``SIGPRET_CARGA_CLAVE`` (the bench users, created by the driver), ``SIGPRET_CARGA_ESPERA``.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, between, events, task

GRABACION: dict[str, list[dict[str, Any]]] = json.loads(
    Path(os.environ["SIGPRET_CARGA_GRABACION"]).read_text()
)
PREFIJO = os.environ.get("SIGPRET_CARGA_PREFIJO", "carga.")
CLAVE = os.environ["SIGPRET_CARGA_CLAVE"]
_ESPERA = [float(x) for x in os.environ.get("SIGPRET_CARGA_ESPERA", "1-3").split("-")]
#: What a browser says it accepts (the server compresses with brotli when it may).
CABECERAS = {"Accept-Encoding": "gzip, deflate, br", "Accept-Language": "es-HN,es;q=0.9"}
_JSON = {**CABECERAS, "Content-Type": "application/json", "Accept": "application/json"}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_END_ID = re.compile(r'"end_id":\s*"([^"]+)"')


class Medida:
    """What the run measures once every user has started (module docstring)."""

    midiendo = False
    usuarios = 0
    listos = 0
    inicio = 0.0
    peticiones = 0
    errores: dict[str, int] = {}
    aperturas: dict[str, list[float]] = {}
    tiempos: dict[str, list[float]] = {}


#: Seconds measured once every user is in (then the run stops).
SEGUNDOS = float(os.environ.get("SIGPRET_CARGA_SEGUNDOS", "30"))
_ENTORNO: list[Any] = []


@events.init.add_listener
def _guardar_entorno(environment: Any, **_: Any) -> None:
    _ENTORNO.append(environment)


@events.spawning_complete.add_listener
def _todos_creados(user_count: int, **_: Any) -> None:
    Medida.usuarios = user_count
    _quizas_empezar()


def _quizas_empezar() -> None:
    """Start measuring once every user exists and has finished its first login."""
    if Medida.midiendo or not Medida.usuarios or Medida.listos < Medida.usuarios:
        return
    Medida.midiendo, Medida.inicio = True, time.monotonic()
    runner = _ENTORNO[0].runner if _ENTORNO else None
    if runner is not None:
        gevent.spawn_later(SEGUNDOS, runner.quit)


@events.request.add_listener
def _contar(request_type: str, name: str, exception: Any, response_time: float, **_: Any) -> None:
    if not Medida.midiendo:
        return
    if request_type == "ABRIR":
        Medida.aperturas.setdefault(name, []).append(response_time)
    else:
        Medida.peticiones += 1
        Medida.tiempos.setdefault(name, []).append(response_time)
    if exception is not None:
        clave = f"{request_type} {name}: {str(exception)[:120]}"
        Medida.errores[clave] = Medida.errores.get(clave, 0) + 1


@events.test_stop.add_listener
def _guardar(**_: Any) -> None:
    salida = os.environ.get("SIGPRET_CARGA_SALIDA")
    if not salida:
        return
    resultado = {
        "usuarios": Medida.usuarios,
        "segundos": time.monotonic() - Medida.inicio if Medida.midiendo else 0.0,
        "peticiones": Medida.peticiones,
        "errores": Medida.errores,
        "aperturas": Medida.aperturas,
        "tiempos": Medida.tiempos,
    }
    Path(salida).write_text(json.dumps(resultado))


class Usuario(FastHttpUser):
    """One person with a browser: logs in, then opens the recorded pages one after another."""

    wait_time = between(_ESPERA[0], _ESPERA[-1])
    #: A browser opens up to six connections per server; a wave is at most that wide.
    concurrency = 6
    network_timeout = 60.0
    connection_timeout = 60.0

    _numeros = itertools.count(1)

    def on_start(self) -> None:
        """Take the next bench user, a random first page, and log in."""
        self._usuario = f"{PREFIJO}{next(Usuario._numeros):02d}"
        self._paginas = itertools.cycle(random.sample(list(GRABACION), k=len(GRABACION)))
        self._dentro = self._entrar()
        Medida.listos += 1
        _quizas_empezar()

    def _entrar(self) -> bool:
        """Log in through the form (its CSRF token first), as a browser does."""
        with self.client.get("/login", headers=CABECERAS, catch_response=True) as r:
            encontrado = _CSRF.search(r.text or "")
            if not encontrado:
                r.failure(f"sin csrf_token en /login ({r.status_code})")
                return False
        datos = {
            "csrf_token": encontrado.group(1),
            "usuario": self._usuario,
            "clave": CLAVE,
            "next": "",
        }
        with self.client.post(
            "/login", data=datos, headers=CABECERAS, name="POST /login", catch_response=True
        ) as r:
            if r.status_code >= 400 or "react-entry-point" not in (r.text or ""):
                r.failure(f"no entró: {r.status_code}")
                return False
        return True

    def _enviar(self, peticion: dict[str, Any], base: str, end_id: str) -> None:
        ruta = peticion["ruta"].replace("{end_id}", end_id)
        nombre = peticion.get("nombre") or f"{peticion['metodo']} {ruta.split('?')[0]}"
        if peticion["metodo"] == "POST":
            cuerpo = (peticion["cuerpo"] or "").replace("{base}", base)
            self.client.post(ruta, data=cuerpo.encode(), headers=_JSON, name=nombre)
        else:
            self.client.get(ruta, headers=_JSON, name=nombre)

    @task
    def abrir(self) -> None:
        """Open the next page: its HTML, then each wave of Dash requests (module docstring)."""
        if not self._dentro:
            self._dentro = self._entrar()
            return
        ruta = next(self._paginas)
        peticiones = GRABACION[ruta]
        inicio = time.perf_counter()
        error: Exception | None = None
        with self.client.get(ruta, headers=CABECERAS, name="GET página", catch_response=True) as r:
            encontrado = _END_ID.search(r.text or "")
            if r.status_code >= 400 or not encontrado:
                r.failure(f"página sin end_id ({r.status_code})")
                error = RuntimeError("la página no cargó")
                self._dentro = _CSRF.search(r.text or "") is None  # the login form: log in again
        if error is None:
            end_id = encontrado.group(1) if encontrado else ""
            base = self.host.rstrip("/") if self.host else ""
            olas = sorted({p["ola"] for p in peticiones if p["ola"] > 0})
            for ola in olas:
                grupo = [
                    gevent.spawn(self._enviar, p, base, end_id)
                    for p in peticiones
                    if p["ola"] == ola
                ]
                gevent.joinall(grupo)
                fallidas = [g for g in grupo if g.exception is not None]
                if fallidas:
                    error = RuntimeError(str(fallidas[0].exception))
        self.environment.events.request.fire(
            request_type="ABRIR",
            name=ruta,
            response_time=(time.perf_counter() - inicio) * 1000,
            response_length=0,
            exception=error,
            context={},
        )
