"""Inicio (``/inicio``): where each role lands after login, with its own work first (issue #12).

- a minister: their sector(s): goals per traffic-light state and avance, the red goals, the high
  alerts of the sector and the proposals waiting for their decision; presidencia the same for
  the presidential goals;
- a mesa coordinator: their mesa's next session, overdue acuerdos and what to prepare;
- a UPGRET: their institution's reports (due soon, returned, late) and acuerdos;
- a DIGER analyst: the review queue, suspicious values and reporting rates, the high alerts;
- an administrator: the support tools and the national high alerts.

Every row links to the page where one acts; «Ver el panorama nacional» opens ``/``. What each
role gets is decided in :mod:`data_layer.permisos` (``tipo_inicio``, ``sectores_en_foco``); the
blocks are built by :mod:`data_layer.vistas.inicio`. No URL parameters.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, vistas
from dashboard.components import inicio as ui
from dashboard.shell import STORE_PERIODO

dash.register_page(
    __name__,
    path="/inicio",
    name="Inicio",
    title="Inicio | SIGPRET",
    description="Su trabajo primero: lo que necesita atención en su ámbito.",
    order=-1,
)

CONTENIDO = f"{ui.P}-contenido"
CARGA = f"{ui.P}-carga"


def layout(**_kwargs: Any) -> html.Div:
    """The page skeleton; the blocks arrive through :func:`render_inicio`."""
    return html.Div(
        [
            dcc.Store(id=CARGA, data=0),
            dcc.Loading(html.Div(id=CONTENIDO), type="default", delay_show=300),
        ]
    )


@callback(
    output={
        "contenido": Output(CONTENIDO, "children"),
        "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
    },
    inputs=[Input(CARGA, "data")],
    prevent_initial_call="initial_duplicate",
)
def render_inicio(_carga: Any) -> dict[str, Any]:
    """Build the logged-in user's home and tell the shell which quarter it evaluates."""
    vista = vistas.inicio()
    hay_datos = bool(data.periodos_evaluables(data.mcr()))
    return {
        "contenido": ui.contenido(vista),
        "periodo": data.periodo_efectivo(None) if hay_datos else None,
    }
