"""Changes a person made, told apart in the browser from values a component reports as it mounts.

Dash 4's dropdowns and dash-bootstrap-components' tabs report their value when they appear, even
when it is the one the layout gave them; every callback listening to that value then runs, though
nothing changed (issue #15: on every page open, one to three server round trips to sync a URL that
stays the same). A gate holds the values the layout rendered (``<nombre>-iniciales``) and, in the
browser, passes the inputs' values on to ``<nombre>-cambio`` only when they differ from them. The
server callback listens to ``<nombre>-cambio`` instead of the inputs.

Usage::

    layout: [*cambios.almacenes("filtros", [valores]), ...dropdowns...]
    cambios.registrar("filtros", Input(id_filtro(ALL), "value"))
    @callback(Output(...), cambios.entrada("filtros"), ...)   # data: the inputs' values, in order
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash, Input, Output, State, dcc

#: In the browser: the inputs' values (one argument each, then the rendered ones) to the change
#: store, or nothing when they are the rendered ones.
_JS = """
function (...argumentos) {
    const iniciales = argumentos.pop();
    if (JSON.stringify(argumentos) === JSON.stringify(iniciales)) {
        return window.dash_clientside.no_update;
    }
    return argumentos;
}
"""


def _iniciales(nombre: str) -> str:
    return f"{nombre}-iniciales"


def _cambio(nombre: str) -> str:
    return f"{nombre}-cambio"


def almacenes(nombre: str, valores: list[Any]) -> list[dcc.Store]:
    """The gate's two stores for a layout: the values it renders (one per input, in the order
    :func:`registrar` names them) and the change the server callback listens to."""
    return [
        dcc.Store(id=_iniciales(nombre), data=valores, storage_type="memory"),
        dcc.Store(id=_cambio(nombre), storage_type="memory"),
    ]


def registrar(nombre: str, *entradas: Input, app: Dash | None = None) -> None:
    """Register the gate's clientside callback (on ``app``, or on every app as ``@callback``)."""
    registro = app.clientside_callback if app is not None else dash.clientside_callback
    registro(
        _JS,
        Output(_cambio(nombre), "data"),
        *entradas,
        State(_iniciales(nombre), "data"),
        prevent_initial_call=True,
    )


def entrada(nombre: str) -> Input:
    """The input a server callback uses instead of the gated ones: its data is the list of their
    values, in order."""
    return Input(_cambio(nombre), "data")
