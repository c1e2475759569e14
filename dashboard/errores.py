"""Error answers and their log lines: HTTP errors, system failures, forged callbacks, bugs.

Three kinds of failure are told apart, because they need different people:

- **System** (:data:`ERRORES_DEL_SISTEMA`: the database or Redis down, locked or unreachable,
  the disk full): 503 with a Spanish message the page can show (nothing was saved; try again),
  and one concise log line (class and driver message, never the SQL or its parameters) per
  kind of failure per minute (:class:`AvisoAgrupado`), however many requests fail meanwhile.
- **Forged callback** (any other exception in ``/_dash-update-component``: the renderer only
  sends what the page shows, so a callback that fails on its input was built by hand): 400 and
  one short line (class, message, where), without a traceback.
- **Anything else** is a bug: 500 with a generic page, and the traceback in the log.

HTTP errors get a Spanish page (``templates/error.html``), or JSON under ``/_dash-``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

import redis.exceptions
import sqlalchemy.exc
from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

ERRORES = logging.getLogger("sigpret.errores")

#: Failures of a service the app depends on, not of the request.
ERRORES_DEL_SISTEMA: tuple[type[BaseException], ...] = (
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    sqlalchemy.exc.InternalError,
    sqlalchemy.exc.TimeoutError,
    sqlalchemy.exc.DisconnectionError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    OSError,
)

NO_DISPONIBLE = (
    "Sin conexión con la base de datos: el sistema no está disponible en este momento. "
    "No se guardó ningún cambio; intente de nuevo en unos minutos."
)
NO_VALIDA = "Solicitud no válida."
REINTENTO_S = 30

_PAGINAS = {
    400: ("Solicitud no válida", "La solicitud no es válida."),
    401: ("Sesión no iniciada", "Sesión no iniciada o vencida: vuelva a iniciar sesión."),
    403: ("Acceso denegado", "No tiene permiso para ver esta página."),
    404: ("Página no encontrada", "La página que busca no existe."),
    405: ("Método no permitido", "Esta dirección no admite esa operación."),
    413: ("Solicitud demasiado grande", ""),  # the text names the configured limit
    429: (
        "Demasiadas solicitudes",
        "Demasiadas solicitudes desde su dirección. Espere un momento e inténtelo de nuevo.",
    ),
    500: ("Error del sistema", "Ocurrió un error. Ya quedó registrado; intente más tarde."),
    503: ("Sistema no disponible", NO_DISPONIBLE),
}


def _en_una_linea(texto: str, largo: int = 300) -> str:
    return " ".join(texto.split())[:largo]


def descripcion(error: BaseException) -> str:
    """``Class: message`` of an error, on one line; a database error gives the driver's message,
    not SQLAlchemy's text (which quotes the SQL and its parameters)."""
    es_de_la_base = isinstance(error, sqlalchemy.exc.DBAPIError)
    original = getattr(error, "orig", None) if es_de_la_base else None
    mensaje = str(original) if original is not None else str(error)
    return f"{type(error).__name__}: {_en_una_linea(mensaje)}"


class AvisoAgrupado:
    """Logs a kind of failure at most once per ``ventana``, saying how many were held back."""

    def __init__(self, ventana: dt.timedelta = dt.timedelta(seconds=60)) -> None:
        """An empty record of what was logged when."""
        self._ventana = ventana
        self._candado = threading.Lock()
        self._vistos: dict[str, tuple[float, int]] = {}

    def avisar(self, logger: logging.Logger, texto: str, ahora: float) -> bool:
        """Log ``texto`` unless the same text was logged within the window; True if logged."""
        with self._candado:
            ultimo, callados = self._vistos.get(texto, (float("-inf"), 0))
            if ahora - ultimo < self._ventana.total_seconds():
                self._vistos[texto] = (ultimo, callados + 1)
                return False
            self._vistos[texto] = (ahora, 0)
        extra = f" (y {callados} veces más en el último minuto)" if callados else ""
        logger.error("Error del sistema: %s%s", texto, extra)
        return True


def _es_api() -> bool:
    return request.path.startswith("/_dash-")


def respuesta_error(codigo: int, texto: str | None = None) -> Response:
    """The Spanish answer for ``codigo``: JSON under ``/_dash-``, else the error page."""
    titulo, defecto = _PAGINAS.get(codigo, _PAGINAS[500])
    texto = texto or defecto
    if _es_api():
        respuesta = jsonify(error=texto)
        respuesta.status_code = codigo
    else:
        respuesta = Response(
            render_template("error.html", titulo=titulo, texto=texto), status=codigo
        )
    if codigo == 503:
        respuesta.headers["Retry-After"] = str(REINTENTO_S)
    return respuesta


def _texto_413() -> str:
    # The request's own limit (Flask >= 3.1): evidence uploads have a larger one.
    maximo = request.max_content_length or current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return (
        f"La solicitud es demasiado grande: el máximo es {maximo / 1024 / 1024:.1f} MB. "
        "No se guardó nada."
    )


def _donde(error: BaseException) -> str:
    marcos = traceback.extract_tb(error.__traceback__)
    if not marcos:
        return "?"
    ultimo = marcos[-1]
    return f"{Path(ultimo.filename).name}:{ultimo.lineno}"


def instalar(server: Flask, reloj: Callable[[], float]) -> None:
    """Register the error handlers on ``server``.

    Args:
        server: the Flask server.
        reloj: monotonic seconds (``time.monotonic``), for grouping repeated system errors.
    """
    agrupado = AvisoAgrupado()

    def http(error: HTTPException) -> Response:
        codigo = error.code or 500
        return respuesta_error(codigo, _texto_413() if codigo == 413 else None)

    @server.errorhandler(Exception)
    def _excepcion(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return http(error)
        if isinstance(error, ERRORES_DEL_SISTEMA):
            agrupado.avisar(ERRORES, descripcion(error), reloj())
            return respuesta_error(503)
        if request.path == "/_dash-update-component":
            cuerpo = request.get_json(silent=True)
            salida = cuerpo.get("output") if isinstance(cuerpo, dict) else None
            ERRORES.warning(
                "Callback rechazado (400) %s: %s [%s]",
                _en_una_linea(str(salida), 120),
                descripcion(error),
                _donde(error),
            )
            return respuesta_error(400, NO_VALIDA)
        ERRORES.error("Error inesperado en %s %s", request.method, request.path, exc_info=error)
        return respuesta_error(500)

    for codigo in _PAGINAS:
        if codigo not in (500, 503):
            server.register_error_handler(codigo, http)
