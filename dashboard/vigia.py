"""Each server process reads new data in the background, before its first visitor asks (issue #15).

A process reads the MCR from the database once per data version (:meth:`dashboard.data.Datos.
mcr_completa`, ~2 s at 10×) and evaluates the default overview and its alerts once per version
(shared through Redis when there is one). Without this, the first person to open the dashboard in
each worker after a start or an import waited for both. :func:`vigilar` starts a daemon thread that
asks for the data version every :data:`INTERVALO_S` seconds and, when it moved (or at start),
reads the new MCR and runs :func:`dashboard.vistas.precalentar` in the app's context.

gunicorn builds the app once in its master (``preload_app``) and forks the workers; threads do not
survive a fork, and a thread of the master could hold a lock at the moment of the fork. So the app
starts no thread: gunicorn's ``post_fork`` hook (:func:`data_layer.servidor.tras_fork`, used by the
``Procfile`` and ``sigpret serve``) starts one in each worker. It re-reads at a new date too (the
default quarter and the alerts follow the day), and logs an outage once, not every pass.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask

from dashboard import data, vistas

#: Seconds between two questions about the data version (one cheap statement each).
INTERVALO_S = 2.0

_log = logging.getLogger("sigpret.vigia")


class Vigia:
    """The background reader of one app in one process (see the module docstring)."""

    def __init__(self, server: Flask, intervalo: float = INTERVALO_S) -> None:
        self.server = server
        self.intervalo = intervalo
        #: The data version this process has read and warmed (None before the first pass).
        self.version: int | None = None
        self._dia: object = None
        self._fallando = False
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
            version, dia = d.version(), data.hoy_honduras()
            if version == self.version and dia == self._dia:
                return False
            d.mcr_completa(version)
            vistas.precalentar()
            self.version, self._dia = version, dia
            return True

    def _ciclo(self) -> None:
        espera = 0.0
        while not self._parar.wait(espera):
            espera = self.intervalo
            try:
                if self.pasada():
                    _log.info("Datos versión %s leídos y precalculados", self.version)
                self._fallando = False
            except Exception as exc:  # the database or the cache away: try again next time
                if not self._fallando:
                    _log.warning(
                        "No se pudieron leer los datos nuevos en segundo plano: %s",
                        type(exc).__name__,
                    )
                self._fallando = True


def vigilar(server: Flask, intervalo: float = INTERVALO_S) -> Vigia:
    """Start the background reader of ``server``'s app in this process."""
    return Vigia(server, intervalo).iniciar()
