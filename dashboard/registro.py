"""The app's log: one line per request, and the app's own warnings, under the ``sigpret`` logger.

In production each line is one JSON object (:class:`FormatoJSON`): time, level, logger, message
and, for requests (``sigpret.solicitudes``), ``metodo``, ``ruta`` (the path only: a query string
may carry anything), ``estado``, ``duracion_ms``, ``usuario`` and ``direccion`` (the client, as
ProxyFix resolves it). Bodies, headers and cookies are never logged, so neither are passwords,
tokens or session ids. In development the same lines are plain text.

The ``sigpret`` logger has its own handler on standard error and does not propagate, so a host
that configures the root logger does not print each line twice.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import time
from typing import Any

from flask import Flask, Response, g, request

RAIZ = "sigpret"
SOLICITUDES = logging.getLogger(f"{RAIZ}.solicitudes")
_MAX_RUTA = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class FormatoJSON(logging.Formatter):
    """One JSON object per record, with the record's ``campos`` (structured fields) on top."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        datos: dict[str, Any] = {
            "momento": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "nivel": record.levelname,
            "registro": record.name,
            "mensaje": record.getMessage(),
        }
        datos.update(getattr(record, "campos", {}))
        if record.exc_info:
            datos["traza"] = self.formatException(record.exc_info)
        return json.dumps(datos, ensure_ascii=False, default=str)


class FormatoTexto(logging.Formatter):
    """Readable lines for development: time, level, message."""

    def __init__(self) -> None:
        """Time, level and message; control characters of the message escaped."""
        super().__init__("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S")

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        """The line, with CR/LF of a path or message shown escaped (one record, one line)."""
        return _CONTROL.sub(lambda m: repr(m.group())[1:-1], super().formatMessage(record))


def configurar(desarrollo: bool) -> None:
    """Give the ``sigpret`` logger its one handler (JSON in production, text in development).

    Idempotent: every app of the process (tests build many) shares the same handler.
    """
    raiz = logging.getLogger(RAIZ)
    manejador = next((h for h in raiz.handlers if getattr(h, "_sigpret", False)), None)
    if manejador is None:
        manejador = logging.StreamHandler(sys.stderr)
        manejador._sigpret = True  # type: ignore[attr-defined]
        raiz.addHandler(manejador)
    manejador.setFormatter(FormatoTexto() if desarrollo else FormatoJSON())
    raiz.setLevel(logging.INFO)
    raiz.propagate = False


def _usuario() -> str | None:
    # Only a user already loaded by this request: logging must not query the sessions table.
    alcance = getattr(g.get("_login_user"), "alcance", None)
    return getattr(alcance, "usuario", None)


def instalar(server: Flask) -> None:
    """Log one line per request of ``server`` (call before any other ``before_request``)."""

    @server.before_request
    def _empezar() -> None:
        g.sigpret_inicio = time.perf_counter()

    @server.after_request
    def _anotar(respuesta: Response) -> Response:
        inicio = g.get("sigpret_inicio")
        duracion = round((time.perf_counter() - inicio) * 1000, 1) if inicio else None
        campos = {
            "metodo": request.method,
            "ruta": request.path[:_MAX_RUTA],
            "estado": respuesta.status_code,
            "duracion_ms": duracion,
            "usuario": _usuario(),
            "direccion": request.remote_addr,
        }
        SOLICITUDES.info(
            "%s %s %s %s ms %s %s",
            campos["metodo"],
            campos["ruta"],
            campos["estado"],
            duracion,
            campos["usuario"] or "-",
            campos["direccion"],
            extra={"campos": campos},
        )
        return respuesta
