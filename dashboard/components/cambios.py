"""URL syncs that run on the server only when a person changed something.

Two behaviours of Dash's renderer cost a server round trip on every page open (issue #15) for a
URL sync that then changes nothing:

- when a page's content arrives, every callback with an input in it and its output outside it
  (``_pages_location.search`` is outside: it is the shell's) runs at once, ``prevent_initial_call``
  notwithstanding: the inputs "count as having changed";
- Dash 4's dropdowns and dash-bootstrap-components' tabs may report their value as they appear.

A gate keeps the server out of both. In the page: ``<nombre>-iniciales`` holds the values the
layout rendered, ``<nombre>-cambio`` receives, from a browser-side callback, the inputs' values
only when they differ from those, and ``<nombre>-destino`` receives the server's new query string,
which the browser copies into the URL. The server callback reads ``<nombre>-cambio`` and writes
``<nombre>-destino``: both inside the page, so it runs only on a real change.

Usage::

    layout: [*cambios.almacenes("filtros", [valores]), ...dropdowns...]
    cambios.registrar("filtros", Input(id_filtro(ALL), "value"))
    @callback(cambios.salida("filtros"), cambios.entrada("filtros"), State(...))
    def sync(cambio, ...): ...   # cambio: the inputs' values, in order; returns a query string
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash, Input, Output, State, dcc

#: Dash pages' location component (its ``search`` is the query string).
UBICACION = "_pages_location"

#: In the browser: the inputs' values (one argument each, then the rendered ones) to the change
#: store, or nothing when they are the rendered ones.
_PUERTA_JS = """
function (...argumentos) {
    const iniciales = argumentos.pop();
    if (JSON.stringify(argumentos) === JSON.stringify(iniciales)) {
        return window.dash_clientside.no_update;
    }
    return argumentos;
}
"""

#: In the browser: the server's query string into the URL (nothing before the server answers).
_DESTINO_JS = """
function (search) {
    return typeof search === "string" ? search : window.dash_clientside.no_update;
}
"""


def _iniciales(nombre: str) -> str:
    return f"{nombre}-iniciales"


def _cambio(nombre: str) -> str:
    return f"{nombre}-cambio"


def _destino(nombre: str) -> str:
    return f"{nombre}-destino"


def almacenes(nombre: str, valores: list[Any]) -> list[dcc.Store]:
    """The gate's stores for a page layout: the values it renders (one per input, in the order
    :func:`registrar` names them), the change, and the new query string."""
    return [
        dcc.Store(id=_iniciales(nombre), data=valores, storage_type="memory"),
        dcc.Store(id=_cambio(nombre), storage_type="memory"),
        dcc.Store(id=_destino(nombre), storage_type="memory"),
    ]


def registrar(nombre: str, *entradas: Input, app: Dash | None = None) -> None:
    """Register the gate's two browser-side callbacks (on ``app``, or for every app as
    ``@callback`` does)."""
    registro = app.clientside_callback if app is not None else dash.clientside_callback
    registro(
        _PUERTA_JS,
        Output(_cambio(nombre), "data"),
        *entradas,
        State(_iniciales(nombre), "data"),
        prevent_initial_call=True,
    )
    registro(
        _DESTINO_JS,
        Output(UBICACION, "search", allow_duplicate=True),
        Input(_destino(nombre), "data"),
        prevent_initial_call=True,
    )


def entrada(nombre: str) -> Input:
    """The server callback's input instead of the gated ones: its data is the list of their
    values, in order."""
    return Input(_cambio(nombre), "data")


def salida(nombre: str) -> Output:
    """The server callback's output instead of the URL: the new query string (``no_update``
    when the view does not change)."""
    return Output(_destino(nombre), "data")
