"""Callback answers shared by the users of one scope while the data stay the same (issue #15).

Opening a sector, goal or indicator page runs the same content callbacks with the same inputs
for every analyst: the same engine result cut to the same scope, the same components, the same
JSON. Those callbacks are marked :func:`compartida`; their answer (the JSON Dash writes) is kept
in this process, keyed by everything it may depend on:

- the request: the callback's outputs, its inputs and states with their values, and which
  input fired it (what Dash's renderer sends);
- who asks, without their name: role, sectors, institutions and designated mesas
  (:class:`data_layer.auth.Alcance` minus ``usuario``). A marked callback must not show
  anything that depends on the user's name (their own drafts, decisions that only the named
  coordinator takes, their notices): those stay unmarked;
- the data: the import version, the ``escrituras`` counter that every committed write of
  shown data moves (:mod:`data_layer.versiones`), and today's date in Honduras.

A request served from here skips Dash, the engine and the JSON writer; the security checks and
the session check ran before (``before_request`` order), and the answer is the one the same
request got from the callback for the same scope and data. Answers other than a plain 200 (a
``PreventUpdate`` 204, an error) are never kept. Memory is bounded (least recently used first
out, :data:`TOPE_BYTES`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, has_app_context, request

from dashboard import data

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

#: Attribute that marks a callback function whose answer may be shared (see module docstring).
MARCA = "_sigpret_respuesta_compartida"
#: Most bytes of answers one process keeps (the largest answers are ~0.5 MB; ~20 KB typical).
TOPE_BYTES = 64 * 1024 * 1024
#: An answer larger than this is not kept (a whole table someone asked for once).
TOPE_RESPUESTA = 2 * 1024 * 1024
#: Most values :func:`memo` keeps per process (each a few components or numbers).
TOPE_VALORES = 2048
_EXTENSION = "sigpret_respuestas"


def compartida(funcion: F) -> F:
    """Mark a callback function whose answer depends only on its inputs, the user's scope (not
    their name) and the data (put it under ``@callback``)."""
    setattr(funcion, MARCA, True)
    return funcion


class Respuestas:
    """The answers of one app, least recently used first out, at most :data:`TOPE_BYTES`."""

    def __init__(self, tope_bytes: int = TOPE_BYTES) -> None:
        self.tope_bytes = tope_bytes
        self._lock = threading.Lock()
        self._guardadas: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._bytes = 0
        self.aciertos = 0
        self.fallos = 0
        #: Values of :func:`memo` (parts of answers that are not shared whole).
        self._valores: OrderedDict[str, Any] = OrderedDict()

    def leer(self, clave: str) -> tuple[bytes, str] | None:
        """The body and content type kept under ``clave`` (None when there is none)."""
        with self._lock:
            guardada = self._guardadas.get(clave)
            if guardada is None:
                self.fallos += 1
                return None
            self._guardadas.move_to_end(clave)
            self.aciertos += 1
            return guardada

    def guardar(self, clave: str, cuerpo: bytes, tipo: str) -> None:
        """Keep ``cuerpo`` under ``clave``, dropping the least recently used beyond the cap."""
        if len(cuerpo) > TOPE_RESPUESTA:
            return
        with self._lock:
            anterior = self._guardadas.pop(clave, None)
            if anterior is not None:
                self._bytes -= len(anterior[0])
            self._guardadas[clave] = (cuerpo, tipo)
            self._bytes += len(cuerpo)
            while self._bytes > self.tope_bytes and self._guardadas:
                _, (viejo, _) = self._guardadas.popitem(last=False)
                self._bytes -= len(viejo)

    def valor(self, clave: str, construir: Callable[[], Any]) -> Any:
        """``construir()`` kept under ``clave`` (at most :data:`TOPE_VALORES` values)."""
        with self._lock:
            if clave in self._valores:
                self._valores.move_to_end(clave)
                return self._valores[clave]
        valor = construir()
        with self._lock:
            self._valores[clave] = valor
            while len(self._valores) > TOPE_VALORES:
                self._valores.popitem(last=False)
        return valor

    def vaciar(self) -> None:
        """Forget every answer (tests; an operator's reset)."""
        with self._lock:
            self._guardadas.clear()
            self._valores.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._guardadas)


def de(server: Flask) -> Respuestas:
    """The shared answers of ``server``'s app."""
    respuestas: Respuestas = server.extensions[_EXTENSION]
    return respuestas


def memo(nombre: str, construir: Callable[[], T]) -> T:
    """``construir()`` shared, in this process, by the users of the current user's scope (not
    their name) while the data stay the same: for the parts of an answer that do not depend on
    the user's name, when the rest does (the navbar: its notices are the user's own).

    ``nombre`` must say what is built and hold whatever else it depends on. Outside a request
    (or without a logged-in user) nothing is kept.
    """
    clave = _clave({"memo": nombre})
    if clave is None or not has_app_context() or _EXTENSION not in current_app.extensions:
        return construir()
    valor: T = de(current_app).valor(clave, construir)
    return valor


def _clave(peticion: Mapping[str, Any]) -> str | None:
    """The key of ``peticion`` (a callback request's body, or a :func:`memo`'s name) for the
    current user's scope and data (None: nobody is logged in, do not share)."""
    alcance = data.alcance_actual()
    if alcance is None:
        return None
    d = data.datos()
    partes = {
        "peticion": [
            peticion.get("memo"),
            peticion.get("output"),
            peticion.get("inputs"),
            peticion.get("state"),
            peticion.get("changedPropIds"),
        ],
        "alcance": [
            alcance.rol.value,
            sorted(alcance.sectores),
            sorted(alcance.instituciones),
            sorted(alcance.mesas),
        ],
        "datos": [
            d.version(),
            d.version_escrituras(),
            d.version_mesas(),
            data.hoy_honduras().isoformat(),
        ],
    }
    texto = json.dumps(partes, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(texto.encode()).hexdigest()


def registrar(server: Flask, callbacks: Callable[[], Mapping[str, Any]], ruta: str) -> None:
    """Serve the marked callbacks' answers from memory when the same request, scope and data
    were answered before.

    Register after the security hooks (they must run first on every request) and after the
    compression (so that the kept body is the JSON, compressed again for each browser).

    Args:
        server: the app's Flask server.
        callbacks: Dash's callback map (output id → its function), read at the first request.
        ruta: the path of Dash's callback requests (``/_dash-update-component``).
    """
    respuestas = Respuestas()
    server.extensions[_EXTENSION] = respuestas
    compartidas: dict[str, bool] = {}

    def es_compartida(salida: Any) -> bool:
        if not isinstance(salida, str):
            return False
        if salida not in compartidas:
            entrada = callbacks().get(salida)
            funcion = entrada.get("callback") if entrada else None
            compartidas[salida] = bool(getattr(funcion, MARCA, False))
        return compartidas[salida]

    @server.before_request
    def _servir_guardada() -> Response | None:
        if request.method != "POST" or request.path != ruta:
            return None
        cuerpo = request.get_json(silent=True)
        if not isinstance(cuerpo, dict) or not es_compartida(cuerpo.get("output")):
            return None
        clave = _clave(cuerpo)
        if clave is None:
            return None
        guardada = respuestas.leer(clave)
        if guardada is not None:
            return Response(guardada[0], status=200, content_type=guardada[1])
        g.sigpret_respuesta_clave = clave
        return None

    @server.after_request
    def _guardar(respuesta: Response) -> Response:
        clave = g.pop("sigpret_respuesta_clave", None)
        if (
            clave is not None
            and respuesta.status_code == 200
            and not respuesta.direct_passthrough
            and not respuesta.headers.get("Content-Encoding")
        ):
            respuestas.guardar(clave, respuesta.get_data(), respuesta.content_type or "")
        return respuesta
