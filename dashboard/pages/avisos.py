"""Avisos (``/avisos``): the logged-in user's notices, newest first (DOMAIN.md §10).

Each notice says what happened, when, and links to what it is about; unread ones stand out and
each can be marked read or unread again; «Marcar todos como leídos» clears the bell. Only one's
own notices are listed or marked (:mod:`dashboard.avisos`). Reached from the navbar's bell.

URL: ``/avisos`` (no parameters).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, callback, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import avisos
from dashboard.components import formularios as fm
from dashboard.shell import STORE_AVISOS

RUTA = "/avisos"

dash.register_page(
    __name__,
    path=RUTA,
    name="Avisos",
    title="Avisos | SIGPRET",
    description="Los avisos del usuario: reportes, acuerdos, propuestas y resúmenes.",
    order=99,
    en_menu=False,  # reached from the navbar's bell
)

P = "avisos"
LISTA = f"{P}-lista"
MENSAJE = f"{P}-mensaje"
TODOS = f"{P}-todos"
#: Pattern ids of each notice's buttons (the notice's id travels in ``aviso``).
LEER = "avisos-leer"
NO_LEER = "avisos-no-leer"
NADA = "No tiene avisos."


def layout(**_kwargs: Any) -> html.Div:
    """The page skeleton; the notices arrive through :func:`mostrar`."""
    return html.Div(
        [
            dcc.Location(id=f"{P}-url"),
            html.H1("Avisos", className="h3"),
            html.P(
                "Lo que SIGPRET le avisa: reportes por vencer o devueltos, acuerdos, propuestas "
                "que esperan su decisión y decisiones tomadas. Cada aviso lleva a lo que trata.",
                className="text-muted",
            ),
            dbc.Button(
                "Marcar todos como leídos",
                id=TODOS,
                color="secondary",
                outline=True,
                size="sm",
                n_clicks=0,
                className="mb-3",
            ),
            html.Div(id=MENSAJE, role="status"),
            html.Div(id=LISTA),
        ]
    )


def _item(a: avisos.AvisoWeb) -> dbc.ListGroupItem:
    estado = (
        dbc.Badge("Leído", color="light", text_color="dark", className="me-2")
        if a.leido
        else dbc.Badge("Sin leer", color="primary", className="me-2")
    )
    boton = dbc.Button(
        "Marcar como no leído" if a.leido else "Marcar como leído",
        id={"type": NO_LEER if a.leido else LEER, "aviso": a.id},
        color="link",
        size="sm",
        n_clicks=0,
        className="p-0",
    )
    return dbc.ListGroupItem(
        [
            html.Div(
                [estado, html.Span(a.tipo, className="fw-semibold me-2"), html.Small(a.cuando)],
                className="text-muted small mb-1",
            ),
            html.H2(
                dcc.Link(a.asunto, href=a.enlace, className="avisos-asunto"),
                className="h6 mb-1" + ("" if a.leido else " fw-bold"),
            ),
            html.P(a.texto, className="mb-1 avisos-texto", style={"whiteSpace": "pre-line"}),
            boton,
        ],
        className="avisos-item" + (" avisos-leido" if a.leido else " avisos-no-leido"),
    )


@callback(
    Output(LISTA, "children"),
    Input(f"{P}-url", "pathname"),
    Input(STORE_AVISOS, "data"),
)
def mostrar(_pathname: Any, _cambio: Any) -> Any:
    """The user's notices, newest first (again after each mark)."""
    lista = avisos.listar()
    if not lista:
        return dbc.Alert(NADA, color="light", id=f"{P}-vacio")
    return dbc.ListGroup([_item(a) for a in lista], id=f"{P}-grupo")


@callback(
    output={"mensaje": Output(MENSAJE, "children"), "cambio": Output(STORE_AVISOS, "data")},
    inputs={
        "_todos": Input(TODOS, "n_clicks"),
        "_leer": Input({"type": LEER, "aviso": ALL}, "n_clicks"),
        "_no_leer": Input({"type": NO_LEER, "aviso": ALL}, "n_clicks"),
    },
    prevent_initial_call=True,
)
def marcar(_todos: Any, _leer: Any, _no_leer: Any) -> dict[str, Any]:
    """Apply the click: a notice's «Marcar como leído / no leído», or «Marcar todos como
    leídos». The notice's id comes from the browser: the service refuses one that is not the
    user's. The shell's store then tells the list and the bell to refresh."""
    disparo = ctx.triggered_id
    if not any(t.get("value") for t in ctx.triggered):
        raise PreventUpdate  # a button appearing, not a click
    ahora = dt.datetime.now(dt.UTC).isoformat()
    if disparo == TODOS:
        n = avisos.marcar_todos()
        texto = "No había avisos sin leer." if n == 0 else "Todos sus avisos quedaron leídos."
        return {"mensaje": fm.alerta(texto, "info"), "cambio": ahora}
    if isinstance(disparo, dict) and disparo.get("type") in (LEER, NO_LEER):
        error = avisos.marcar(disparo.get("aviso"), leido=disparo["type"] == LEER)
        if error:
            return {"mensaje": fm.alerta(error), "cambio": dash.no_update}
        return {"mensaje": None, "cambio": ahora}
    raise PreventUpdate
