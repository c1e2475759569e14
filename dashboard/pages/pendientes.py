"""Pendientes de mi decisión (``/pendientes``): every proposal waiting for the logged-in user.

For ministers (their mesas' plans de trabajo and strategies; their sectors' target revisions)
and ``presidencia`` (presidential indicators' target revisions): oldest first, each with its
kind, sector, who proposed it, since when, and one link to the page where it is decided. With
nothing waiting, it says so.

URL: ``/pendientes`` (no parameters).
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, dcc, html

from dashboard.components import formularios as fm
from data_layer import pendientes, permisos

RUTA = "/pendientes"

dash.register_page(
    __name__,
    path=RUTA,
    name="Pendientes de mi decisión",
    title="Pendientes de mi decisión | SIGPRET",
    description="Propuestas que esperan la decisión del usuario: planes y estrategias.",
    order=85,
    roles=["ministro", "presidencia"],
)

P = "pendientes"
NADA = "No tiene decisiones pendientes."


def layout(**_kwargs: Any) -> html.Div:
    """The page skeleton; the list arrives through a callback."""
    return html.Div(
        [
            dcc.Location(id=f"{P}-url"),
            html.H1("Pendientes de mi decisión", className="h3"),
            html.P(
                "Propuestas que esperan su aprobación, de la más antigua a la más reciente.",
                className="text-muted",
            ),
            html.Div(id=f"{P}-lista"),
        ]
    )


@callback(Output(f"{P}-lista", "children"), Input(f"{P}-url", "pathname"))
def mostrar(_pathname: str | None) -> Any:
    """The proposals waiting for the logged-in user, oldest first."""
    from dashboard import data

    alcance = data.alcance_actual()
    if not permisos.espera_decision_de(alcance):
        return fm.alerta("Esta página es de los ministros y de la Presidencia.", "warning")
    with data.sesion_lectura() as s:
        lista = pendientes.pendientes(s, alcance)
    if not lista:
        return dbc.Alert(NADA, color="success", id=f"{P}-vacio")
    filas = [
        html.Tr(
            [
                html.Td(p.tipo),
                html.Td(p.titulo),
                html.Td(p.sector or "—"),
                html.Td(p.propuesto_por),
                html.Td(f"{p.desde:%d/%m/%Y}"),
                html.Td(dbc.Button("Revisar y decidir", href=p.href, size="sm", color="primary")),
            ]
        )
        for p in lista
    ]
    encabezado = ["Tipo", "Propuesta", "Sector", "Propuesta por", "Esperando desde", ""]
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t) for t in encabezado])), html.Tbody(filas)],
        striped=True,
        responsive=True,
        id=f"{P}-tabla",
    )
