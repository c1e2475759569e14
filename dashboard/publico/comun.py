"""What the portal's views share: reading a published edition, its cache, headers, formatting.

A snapshot never changes once stored, so its parsed content is kept in memory by id and huella
(:func:`contenido`); which edition is current, and whether it was withdrawn, is asked of the
database on every request (one small query), so a withdrawal takes effect at once everywhere.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Response, abort, request
from sqlalchemy.orm import Session

from dashboard import seguridad
from dashboard.formatting import ESTADOS_PRESENTACION, PresentacionEstado, presentar_estado
from data_layer import formato, periods
from data_layer.publicacion import consultas
from data_layer.publicacion.consultas import Edicion
from data_layer.publicacion.instantanea import Instantanea

#: How long browsers and proxies may reuse a page (seconds): a new publication or a withdrawal
#: reaches everyone within this time.
MAX_AGE_PAGINA = 300
#: The same for the data files and API answers of one edition.
MAX_AGE_DATOS = 900
#: The same for the portal's stylesheet.
MAX_AGE_ESTATICOS = 3600
#: Parsed snapshots kept per process (a few kilobytes to a few hundred each).
_MAXIMO_CACHE = 32

_cache: OrderedDict[tuple[int, str], Instantanea] = OrderedDict()
_candado = threading.Lock()


@contextmanager
def sesion() -> Iterator[Session]:
    """A read session on the app's database."""
    with seguridad.puerta().fabrica() as s:
        yield s


def contenido(s: Session, edicion: Edicion) -> Instantanea:
    """The snapshot of ``edicion`` (parsed once per process)."""
    clave = (edicion.id, edicion.huella)
    with _candado:
        if clave in _cache:
            _cache.move_to_end(clave)
            return _cache[clave]
    datos = consultas.contenido(s, edicion.id)
    with _candado:
        _cache[clave] = datos
        while len(_cache) > _MAXIMO_CACHE:
            _cache.popitem(last=False)
    return datos


def periodo_valido(periodo: str) -> str:
    """``periodo`` if it is a quarter's text, else 404 (never echoed unchecked)."""
    try:
        p = periods.parse(periodo)
    except (ValueError, TypeError):
        abort(404)
    if str(p) != periodo or periods.frecuencia_de(periodo) != "trimestral":
        abort(404)
    return periodo


def edicion_pedida() -> int | None:
    """The ``?edicion=N`` of the request (None: the current one); 404 for anything else."""
    texto = request.args.get("edicion")
    if texto is None or texto == "":
        return None
    if not texto.isdigit() or len(texto) > 6:
        abort(404)
    return int(texto)


def cargar(s: Session, periodo: str, numero: int | None) -> Edicion:
    """The published edition asked for: 404 if there is none, 410 if it was withdrawn."""
    edicion = consultas.buscar(s, periodo_valido(periodo), numero)
    if edicion is None:
        abort(404)
    if edicion.retirada_en is not None:
        abort(410)
    return edicion


def cacheable(respuesta: Response, huella: str, max_age: int) -> Response:
    """Public caching headers and an ETag; answers 304 when the client already has it."""
    respuesta.cache_control.public = True
    respuesta.cache_control.max_age = max_age
    respuesta.set_etag(huella)
    respuesta.make_conditional(request)  # in place: 304 and no body when the ETag matches
    return respuesta


def pct(valor: Any) -> str:
    """A percentage as the whole product prints it (``74.1 %``, or «—»)."""
    return formato.format_porcentaje(valor)


def entero(valor: Any) -> str:
    """A count (``1,234``)."""
    return formato.format_entero(valor)


def fecha(valor: Any) -> str:
    """A date or time as ``dd/mm/aaaa``."""
    if valor is None:
        return "—"
    if isinstance(valor, str):
        valor = dt.date.fromisoformat(valor)
    return f"{valor:%d/%m/%Y}"


def estado(codigo: str | None) -> PresentacionEstado | None:
    """The label, icon and colours of a state (None: no state)."""
    if not codigo:
        return None
    try:
        return presentar_estado(codigo)
    except ValueError:
        return None


def ancho(valor: Any) -> float:
    """A bar's width in percent: the avance clipped to 0–100 (0 without one)."""
    if valor is None:
        return 0.0
    return max(0.0, min(100.0, float(valor)))


def estilos_estados() -> str:
    """CSS classes of the six states (the same colours as the private app)."""
    return "".join(
        f".{p.clase}{{background-color:{p.fondo};color:{p.texto};}}"
        for p in ESTADOS_PRESENTACION.values()
    )


def contexto_formato() -> dict[str, Any]:
    """The helpers every portal template uses."""
    return {
        "pct": pct,
        "entero": entero,
        "fecha": fecha,
        "estado": estado,
        "ancho": ancho,
        "estados": list(ESTADOS_PRESENTACION.values()),
        "estilos_estados": estilos_estados(),
    }
