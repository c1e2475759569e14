"""What a request may look like before anything acts on it: its path, the ``next`` address after
login, and the envelope of a Dash callback request.

Control characters (CR, LF, NUL, TAB, DEL and the C1 range) never belong in a path or in a
``next`` value; accepting them would let a crafted link inject headers into a redirect (Werkzeug
refuses such a header with an exception, which surfaced as a 500). They get a 400 instead.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from flask import Request

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: The public portal, its open data and its API (issue #14): served without a session.
PREFIJOS_PUBLICOS = ("/publico", "/api/publico")


#: The load balancer's health check (:mod:`dashboard.salud`): no session, no data.
RUTA_SALUD = "/salud"


def es_ruta_de_salud(ruta: str) -> bool:
    """Whether ``ruta`` is the health check's."""
    return ruta == RUTA_SALUD


def es_ruta_publica(ruta: str) -> bool:
    """Whether ``ruta`` is the public portal's (``/publico``, ``/publico/…``, ``/api/publico/…``);
    ``/publicacion`` (the analysts' page) is not."""
    return any(ruta == p or ruta.startswith(p + "/") for p in PREFIJOS_PUBLICOS)


def tiene_control(texto: str) -> bool:
    """Whether ``texto`` holds a control character."""
    return bool(_CONTROL.search(texto))


def ruta_valida(request: Request) -> bool:
    """Whether the request's path is well-formed UTF-8 without control characters.

    WSGI gives the path's bytes as a latin-1 string; some clients have already replaced bytes
    that are not UTF-8 by U+FFFD, which no real path of the app contains either.
    """
    crudo = request.environ.get("PATH_INFO", "")
    try:
        ruta = crudo.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return not tiene_control(ruta) and "\ufffd" not in ruta


class SiguienteInvalido(ValueError):
    """A ``next`` value with control characters: the request is refused (400)."""


def siguiente_seguro(destino: str | None) -> str:
    """Where to go after login: only a same-site relative path (no open redirect).

    Raises:
        SiguienteInvalido: ``destino`` holds control characters.
    """
    if not destino:
        return "/"
    if tiene_control(destino):
        raise SiguienteInvalido(destino)
    partes = urlsplit(destino)
    if (
        partes.scheme
        or partes.netloc
        or not destino.startswith("/")
        or destino.startswith("//")
        or "\\" in destino  # browsers read "/\\host" as "//host"
    ):
        return "/"
    return destino


# --- callback requests ---------------------------------------------------------------------


def _lista_de_dependencias(valor: Any, esperadas: int) -> bool:
    """``inputs``/``state``: one entry per declared dependency, each ``{"id", "property"}`` (or a
    list of them, for pattern-matching ALL / ALLSMALLER)."""
    if not isinstance(valor, list) or len(valor) != esperadas:
        return False
    for entrada in valor:
        for item in entrada if isinstance(entrada, list) else [entrada]:
            if not isinstance(item, dict) or "id" not in item or "property" not in item:
                return False
            if not isinstance(item["property"], str) or not isinstance(item["id"], str | dict):
                return False
    return True


def peticion_callback_valida(cuerpo: Any, callbacks: dict[str, Any]) -> bool:
    """Whether a ``/_dash-update-component`` body has the shape Dash's renderer sends for one of
    this app's callbacks (values are checked by the callbacks themselves)."""
    if not isinstance(cuerpo, dict):
        return False
    salida = cuerpo.get("output")
    if not isinstance(salida, str) or salida not in callbacks:
        return False
    declarado = callbacks[salida]
    if not _lista_de_dependencias(cuerpo.get("inputs"), len(declarado.get("inputs", []))):
        return False
    if not _lista_de_dependencias(cuerpo.get("state", []), len(declarado.get("state", []))):
        return False
    cambiados = cuerpo.get("changedPropIds", [])
    if not isinstance(cambiados, list) or not all(isinstance(c, str) for c in cambiados):
        return False
    return isinstance(cuerpo.get("outputs", {}), dict | list)
