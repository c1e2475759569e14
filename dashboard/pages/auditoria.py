"""Auditoría (``/auditoria``): the append-only audit log, newest first, for admin and analista.

One row per record: date and time (Honduras), user, action, entity, what changed (old → new) and
the client's address; filters by user, action and date range; at most the latest
:data:`~data_layer.vistas.auditoria.MAX_REGISTROS` records per query. Exportable to CSV and Excel.

Only ``admin`` and ``analista`` see it: the navbar hides the link from other roles, the layout
sent to them holds only a "no tiene permiso" message, and the callback checks the role on the
server, so a forged request gets that message and no record. Every value is rendered as text.

URL parameters: none.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, clientside_callback, dcc, html

from dashboard import data, formatting
from dashboard.components import exportar
from dashboard.components import grid as grids
from dashboard.components.atributos import aria
from dashboard.components.exportar import seccion_exportable
from dashboard.components.filtros import TEXTOS_DROPDOWN
from dashboard.shell import STORE_PERIODO
from data_layer import permisos
from data_layer.vistas.auditoria import (
    MAX_REGISTROS,
    consultar_auditoria,
    nombre_accion,
    parse_filtro,
)

#: Roles that may read the audit log (for the navigation; the rule is ``permisos``').
ROLES = tuple(sorted(r.value for r in permisos.ROLES_AUDITORIA))

dash.register_page(
    __name__,
    path="/auditoria",
    name="Auditoría",
    title="Auditoría | SIGPRET",
    description="Registro de accesos y cambios: quién, cuándo, qué y valores anteriores y nuevos.",
    order=100,
    roles=ROLES,
)

GRID = "auditoria-registros"
SIN_PERMISO = "No tiene permiso para ver la auditoría."

COLUMNAS = [
    {
        "field": "momento",
        "headerName": "Fecha y hora",
        "filter": "agTextColumnFilter",
        "valueFormatter": {"function": "params.data ? params.data.momento_texto : ''"},
        "filterValueGetter": {"function": "params.data.momento_texto"},
        "width": 150,
        "minWidth": 140,
        "pinned": "left",
    },
    grids.columna_texto("usuario", "Usuario", width=150, minWidth=120),
    {
        "field": "accion",
        "headerName": "Acción",
        "filter": "agTextColumnFilter",
        "valueFormatter": {"function": "params.data ? params.data.accion_texto : ''"},
        "filterValueGetter": {"function": "params.data.accion_texto"},
        "width": 200,
        "minWidth": 160,
    },
    grids.columna_texto("entidad", "Entidad", width=190, minWidth=140),
    grids.columna_texto("detalle", "Detalle", flex=4, minWidth=320, wrapText=True, autoHeight=True),
    grids.columna_texto("direccion", "Dirección", width=130, minWidth=110),
]


def puede_ver() -> bool:
    """Whether the logged-in user may read the audit log (checked on the server)."""
    return permisos.puede_ver_auditoria(data.alcance_actual())


def _sin_permiso() -> dbc.Alert:
    return dbc.Alert(SIN_PERMISO, color="danger", id="auditoria-sin-permiso", className="mt-3")


def _dropdown(campo: str, etiqueta: str, todos: str) -> dbc.Col:
    return dbc.Col(
        [
            html.Label(etiqueta, className="filtro-etiqueta"),
            dcc.Dropdown(
                id=f"auditoria-{campo}",
                options=[],
                placeholder=todos,
                labels=TEXTOS_DROPDOWN,
                className=f"filtro-dropdown auditoria-{campo}",
                optionHeight="auto",
            ),
        ],
        xs=12,
        md=4,
        className="filtro-campo",
    )


def layout(**_kwargs: Any) -> html.Div:
    """The page skeleton (no data); for a role other than admin or analista, only a message.

    Outside a logged-in request (Dash builds its validation layout once, at the first request)
    the skeleton is returned: it holds no data either way.
    """
    titulo = html.H1("Auditoría", className="pagina-titulo")
    if data.alcance_actual() is not None and not puede_ver():
        return html.Div([titulo, _sin_permiso()])
    return html.Div(
        [
            titulo,
            html.P(
                "Quién hizo qué y cuándo: inicios y cierres de sesión, cambios de usuarios y "
                "cada cambio de datos con sus valores anteriores y nuevos. Las horas son de "
                "Honduras (UTC−6).",
                className="pagina-subtitulo mb-2",
            ),
            html.Section(
                dbc.Row(
                    [
                        _dropdown("usuario", "Usuario", "Todos los usuarios"),
                        _dropdown("accion", "Acción", "Todas las acciones"),
                        dbc.Col(
                            [
                                html.Label("Fechas", className="filtro-etiqueta"),
                                dcc.DatePickerRange(
                                    id="auditoria-fechas",
                                    display_format="DD/MM/YYYY",
                                    first_day_of_week=1,
                                    start_date_placeholder_text="Desde",
                                    end_date_placeholder_text="Hasta",
                                    clearable=True,
                                    className="auditoria-fechas",
                                ),
                            ],
                            xs=12,
                            md=4,
                            className="filtro-campo",
                        ),
                    ],
                    className="g-2",
                ),
                className="barra-filtros",
                **aria(label="Filtros de la auditoría"),
            ),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id="auditoria-mensaje"),
                        seccion_exportable(
                            "auditoria",
                            GRID,
                            "Registros",
                            COLUMNAS,
                            "auditoria",
                            "Registros de auditoría",
                        ),
                    ]
                ),
                type="default",
                delay_show=300,
            ),
        ]
    )


def nota_registros(mostrados: int, total: int) -> str:
    """What the note above the grid says: how many records match and the per-query limit."""
    if total > mostrados:
        return (
            f"Se muestran los {formatting.format_entero(mostrados)} registros más recientes de "
            f"{formatting.format_entero(total)} (como máximo "
            f"{formatting.format_entero(MAX_REGISTROS)} por consulta); use los filtros para ver "
            "los anteriores."
        )
    return (
        f"{formatting.format_entero(total)} registros (se muestran como máximo los "
        f"{formatting.format_entero(MAX_REGISTROS)} más recientes por consulta)."
    )


SALIDAS = {
    "filas": Output(grids.id_grid(GRID), "rowData"),
    "nota": Output("auditoria-nota", "children"),
    "usuarios": Output("auditoria-usuario", "options"),
    "acciones": Output("auditoria-accion", "options"),
    "mensaje": Output("auditoria-mensaje", "children"),
    "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
}


@callback(
    Input("auditoria-usuario", "value"),
    Input("auditoria-accion", "value"),
    Input("auditoria-fechas", "start_date"),
    Input("auditoria-fechas", "end_date"),
    output=SALIDAS,
    prevent_initial_call="initial_duplicate",
)
def render_auditoria(usuario: Any, accion: Any, desde: Any, hasta: Any) -> dict[str, Any]:
    """The records that pass the filters (newest first, at most 2,000) and the filter options.

    The role is checked here, on the server: any role other than admin or analista (even with a
    forged request) gets the "no tiene permiso" message and no record.
    """
    if not puede_ver():
        return {
            "filas": [],
            "nota": None,
            "usuarios": [],
            "acciones": [],
            "mensaje": _sin_permiso(),
            "periodo": None,
        }
    consulta = consultar_auditoria(data.datos().engine, parse_filtro(usuario, accion, desde, hasta))
    mensaje = None
    if not consulta.filas:
        mensaje = dbc.Alert("Ningún registro cumple los filtros elegidos.", color="info")
    return {
        "filas": consulta.filas,
        "nota": nota_registros(len(consulta.filas), consulta.total),
        "usuarios": [{"label": u, "value": u} for u in consulta.usuarios],
        "acciones": [{"label": nombre_accion(a), "value": a} for a in consulta.acciones],
        "mensaje": mensaje,
        "periodo": None,
    }


# --- exports: the records rebuilt on the server from the filters, as render_auditoria does -----

clientside_callback(
    """function (usuario, accion, desde, hasta) {
        return {usuario: usuario, accion: accion, desde: desde, hasta: hasta};
    }""",
    Output(exportar.id_parametros(GRID), "data"),
    Input("auditoria-usuario", "value"),
    Input("auditoria-accion", "value"),
    Input("auditoria-fechas", "start_date"),
    Input("auditoria-fechas", "end_date"),
)


@exportar.fuente(GRID)
def exportar_registros(params: dict[str, Any]) -> exportar.Tabla:
    """The records that pass the filters (render_auditoria's ``filas``; nothing for a role
    that may not read the audit log)."""
    filas = render_auditoria(
        params.get("usuario"), params.get("accion"), params.get("desde"), params.get("hasta")
    )["filas"]
    return exportar.Tabla(filas, COLUMNAS)
