"""Serving the dashboard with gunicorn: one set of options for the Procfile (through
``gunicorn.conf.py``) and for ``sigpret serve`` (through :class:`ServidorSigpret`).

Workers are threaded (``gthread``): a client that sends its headers very slowly ties up one
thread of a worker, not the whole worker, so a few slow connections no longer stall everyone.
A buffering reverse proxy in front (nginx, see the README) is still the real defence against
many of them. gunicorn's access log is off: the app writes its own line per request, with the
user and no query string (:mod:`dashboard.registro`). Forwarded headers are trusted only by the
app's ProxyFix, with the configured number of hops (``forwarded_allow_ips`` is empty).

This module does not import the dashboard: ``sigpret serve`` hands it a loader.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

from data_layer.config import Settings

#: Seconds a worker may stay silent before gunicorn restarts it (a request taking longer fails).
TIMEOUT_S = 60


def opciones_gunicorn(settings: Settings) -> dict[str, Any]:
    """gunicorn's settings for ``settings`` (workers, threads, port from the environment)."""
    return {
        "bind": [f"0.0.0.0:{settings.puerto}"],
        "worker_class": "gthread",
        # The app is built once, in the master, before the workers fork: they share its memory
        # (Dash, pandas, the pages' layouts) and start at once. Engines that connected before
        # the fork give each worker a fresh pool (data_layer.db).
        "preload_app": True,
        "workers": settings.workers,
        "threads": settings.hilos,
        "timeout": TIMEOUT_S,
        "graceful_timeout": 30,
        # No keep-alive: each request comes on a new connection, taken by whichever worker is
        # free. Kept-alive connections stay with the worker that accepted them: under load one
        # worker sat at 100 % of its core (the GIL) while the other had room, and p95 at 50 users
        # tripled (issue #15, BENCHMARKS.md); a connection closed just as the client reused it
        # also failed that request. Behind nginx the browser keeps its connection to nginx.
        "keepalive": 0,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "forwarded_allow_ips": "",
        "post_fork": tras_fork,
    }


def tras_fork(_arbiter: Any, worker: Any) -> None:
    """gunicorn's ``post_fork`` hook: in each new worker, run what the app asks to run there
    (the dashboard's background reader of new data, ``dashboard.vigia``). The app is the one the
    master loaded (``preload_app``); threads started in the master would not survive the fork."""
    app = worker.app.wsgi()
    iniciar = getattr(app, "extensions", {}).get("sigpret_tras_fork")
    if callable(iniciar):
        iniciar()


def es_loopback(host: str) -> bool:
    """Whether ``host`` (a bind address) is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ServidorSigpret(BaseApplication):  # type: ignore[misc]
    """gunicorn run from Python with the given options and WSGI app loader."""

    def __init__(self, cargar: Callable[[], Any], opciones: dict[str, Any]) -> None:
        """Keep the loader (called in each worker) and the options."""
        self._cargar = cargar
        self._opciones = opciones
        super().__init__()

    def load_config(self) -> None:
        """Apply the options to gunicorn's configuration."""
        for nombre, valor in self._opciones.items():
            self.cfg.set(nombre, valor)

    def load(self) -> Any:
        """The WSGI app of a worker."""
        return self._cargar()


def servir(cargar: Callable[[], Any], host: str, puerto: int, settings: Settings) -> None:
    """Serve the app of ``cargar`` on ``host:puerto`` with the production options (blocks)."""
    opciones = {**opciones_gunicorn(settings), "bind": [f"{host}:{puerto}"]}
    ServidorSigpret(cargar, opciones).run()
