"""Each server process reads new data in the background, before its first visitor asks (issue #15).

A process reads the MCR from the database once per data version (:meth:`dashboard.data.Datos.
mcr_completa`, ~2 s at 10×) and evaluates the default overview and its alerts once per version
(shared through Redis when there is one). Without this, the first person to open the dashboard in
each worker after a start or an import waited for both. :func:`vigilar` starts a daemon thread that
asks for the data version every :data:`INTERVALO_S` seconds and, when it moved (or at start),
reads the new MCR and runs :func:`dashboard.vistas.precalentar` in the app's context.

gunicorn builds the app once in its master (``preload_app``) and forks the workers; threads do not
survive a fork, and a thread of the master could hold a lock at the moment of the fork. So
:func:`dashboard.create_server` starts no thread: it asks :func:`os.register_at_fork` to start one
in each worker right after the fork.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask

from dashboard import data, vistas

#: Seconds between two questions about the data version (one cheap statement each).
INTERVALO_S = 2.0

_log = logging.getLogger(__name__)


class Vigia:
    """The background reader of one app in one process (see the module docstring)."""

    def __init__(self, server: Flask, intervalo: float = INTERVALO_S) -> None:
        self.server = server
        self.intervalo = intervalo
        #: The data version this process has read and warmed (None before the first pass).
        self.version: int | None = None
        self._parar = threading.Event()
        self._hilo = threading.Thread(target=self._ciclo, name="sigpret-vigia", daemon=True)

    def iniciar(self) -> Vigia:
        """Start the thread (its first pass runs at once)."""
        self._hilo.start()
        return self

    def detener(self) -> None:
        """Stop the thread (tests)."""
        self._parar.set()
        self._hilo.join(timeout=30)

    def pasada(self) -> bool:
        """One pass: read and warm the current version if it is new. Returns whether it was."""
        with self.server.app_context():
            d = data.datos()
            version = d.version()
            if version == self.version:
                return False
            d.mcr_completa(version)
            vistas.precalentar()
            self.version = version
            return True

    def _ciclo(self) -> None:
        espera = 0.0
        while not self._parar.wait(espera):
            espera = self.intervalo
            try:
                if self.pasada():
                    _log.info("Datos versión %s leídos y precalculados", self.version)
            except Exception as exc:  # the database or the cache away: try again next time
                _log.warning(
                    "No se pudieron leer los datos nuevos en segundo plano: %s", type(exc).__name__
                )


def vigilar(server: Flask, intervalo: float = INTERVALO_S) -> Vigia:
    """Start the background reader of ``server``'s app in this process."""
    return Vigia(server, intervalo).iniciar()
