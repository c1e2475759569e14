"""Página no encontrada: what any URL that is no page of SIGPRET shows (Dash's 404 page).

Dash shows the layout of the page module named ``not_found_404`` for an unknown path. It says,
in Spanish, that the address does not exist and links to the start page and the mesas. It has no
link in the navbar (see :func:`dashboard.shell.navbar`) and no URL parameters.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

dash.register_page(
    __name__,
    path="/404",
    name="Página no encontrada",
    title="Página no encontrada | SIGPRET",
    description="La dirección solicitada no corresponde a ninguna página de SIGPRET.",
)

P = "pagina-404"


def layout(**_kwargs: Any) -> html.Div:
    """The message and the way back; no data."""
    return html.Div(
        [
            html.H1("Página no encontrada", className="pagina-titulo", id=f"{P}-titulo"),
            html.P(
                "La dirección que abrió no corresponde a ninguna página de SIGPRET. Puede que el "
                "enlace esté incompleto o que la página haya cambiado de lugar.",
                className="pagina-subtitulo",
            ),
            html.P(
                [
                    dcc.Link(
                        "Volver a su inicio",
                        href="/inicio",
                        id=f"{P}-inicio",
                        className="btn btn-primary me-2",
                    ),
                    dcc.Link("Ir a las mesas sectoriales", href="/mesas", className="btn btn-link"),
                ]
            ),
            dbc.Alert(
                "Si llegó aquí desde un enlace de SIGPRET, avise a la DIGER para corregirlo.",
                color="light",
                className="mt-3 small",
            ),
        ],
        id=P,
    )
