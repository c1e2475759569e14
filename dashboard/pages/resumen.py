"""Resumen presidencial (``/``): how the presidential goals stand in one screen.

Shows, for the chosen quarter, how many presidential goals are in each traffic-light state, one card
per eje group (E1, E2-ECO, E2-SOC, E3, E4) with its avance and state counts, and the list of
presidential goals with their avance directo, avance de contribuyentes and semáforo.

URL parameters: ``periodo`` (e.g. ``/?periodo=2026-T3``); by default the latest quarter whose
reports are due today.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, dcc, html

from dashboard import data, formatting
from dashboard.components import grid as grids
from dashboard.components.tarjetas import tarjetas_ejes, tarjetas_estados
from dashboard.figures import GRAPH_CONFIG_RESUMEN, figure_estados_por_eje
from dashboard.shell import STORE_PERIODO

dash.register_page(
    __name__,
    path="/",
    name="Resumen presidencial",
    title="Resumen presidencial | SIGPRET",
    description="Avance y semáforo de las metas presidenciales por eje estratégico.",
    order=0,
)

COLUMNAS = [
    grids.columna_texto("codigo", "Código", width=110, minWidth=100, pinned="left"),
    grids.columna_texto(
        "descripcion",
        "Meta presidencial",
        flex=4,
        minWidth=320,
        wrapText=True,
        autoHeight=True,
        cellClass="celda-descripcion",
    ),
    grids.columna_texto("eje", "Eje", width=110, minWidth=100),
    grids.columna_porcentaje("avance_directo", "Avance directo", flex=1, minWidth=140),
    grids.columna_porcentaje(
        "avance_contribuyentes", "Avance de contribuyentes", flex=1, minWidth=150
    ),
    grids.columna_semaforo("Semáforo", flex=1, minWidth=160),
]


def _encabezado() -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                [
                    html.H1("Resumen presidencial", className="pagina-titulo"),
                    html.P(
                        "¿Cómo van las metas presidenciales? Avance y semáforo por eje "
                        "estratégico, con las metas en rojo primero.",
                        className="pagina-subtitulo",
                    ),
                ],
                lg=8,
            ),
            dbc.Col(
                [
                    dbc.Label("Trimestre evaluado", html_for="resumen-periodo"),
                    dcc.Dropdown(
                        id="resumen-periodo",
                        options=[],
                        value=None,
                        clearable=False,
                        searchable=False,
                        placeholder="Cargando periodos…",
                    ),
                ],
                lg=4,
                className="selector-periodo",
            ),
        ],
        className="align-items-end mb-3",
    )


def _seccion(titulo: str, *contenido: Any, clase: str = "mb-4") -> html.Section:
    return html.Section(
        [html.H2(titulo, className="seccion-titulo"), *contenido],
        className=clase,
        **{"aria-label": titulo},
    )


def _panel_grafico() -> html.Div:
    return html.Div(
        [
            html.H3("¿Dónde están las metas en rojo?", className="panel-titulo"),
            html.P("Metas presidenciales por eje y semáforo", className="panel-subtitulo"),
            dcc.Graph(
                id="resumen-grafico-ejes",
                config=GRAPH_CONFIG_RESUMEN,
                figure={"data": [], "layout": {"separators": ".,"}},
            ),
        ],
        className="panel",
    )


def layout(periodo: str | None = None, **_kwargs: Any) -> html.Div:
    """The page skeleton; the period options and every number arrive through callbacks.

    Args:
        periodo: the quarter to open on (URL parameter), or None for the default one.
    """
    contenido = html.Div(
        [
            html.Div(id="resumen-mensaje"),
            _seccion(
                "Metas presidenciales por semáforo",
                html.Div(id="resumen-estados", className="resumen-estados"),
            ),
            _seccion(
                "Avance por eje estratégico",
                dbc.Row(
                    [
                        dbc.Col(html.Div(id="resumen-ejes", className="resumen-ejes"), xl=8),
                        dbc.Col(_panel_grafico(), xl=4),
                    ],
                    className="g-3",
                ),
            ),
            _seccion(
                "Metas presidenciales",
                grids.grid("resumen-grid", COLUMNAS, className="resumen-grid"),
                clase="",
            ),
        ]
    )
    return html.Div(
        [
            dcc.Store(id="resumen-periodo-url", data=periodo),
            _encabezado(),
            dcc.Loading(contenido, type="default", delay_show=300),
        ]
    )


@callback(
    Output("resumen-periodo", "options"),
    Output("resumen-periodo", "value"),
    Input("resumen-periodo-url", "data"),
)
def load_periodos(periodo_url: str | None) -> tuple[list[dict[str, str]], str | None]:
    """Fill the period selector: quarters with programacion, latest first; pick the default.

    The URL's period wins when it is one of the options.
    """
    disponibles = data.periodos_evaluables(data.mcr())
    opciones = [{"label": formatting.format_periodo(p), "value": p} for p in disponibles]
    if periodo_url in disponibles:
        return opciones, periodo_url
    defecto = data.periodo_por_defecto(
        disponibles, data.hoy_honduras(), data.reglas().plazo_reporte_dias
    )
    return opciones, defecto


@callback(
    Output("resumen-estados", "children"),
    Output("resumen-ejes", "children"),
    Output("resumen-grafico-ejes", "figure"),
    Output("resumen-grid", "rowData"),
    Output("resumen-mensaje", "children"),
    Output(STORE_PERIODO, "data"),
    Input("resumen-periodo", "value"),
)
def render_resumen(periodo: str | None) -> tuple[Any, ...]:
    """Evaluate the chosen quarter and fill the state tiles, eje cards, chart and goal list."""
    if not periodo:
        aviso = dbc.Alert(
            "No hay metas programadas todavía: importe la MCR para ver el resumen.",
            color="info",
        )
        return [], [], dash.no_update, [], aviso, None
    resumen = data.resumen_presidencial(periodo, data.hoy_honduras())
    filas = grids.records(
        resumen.metas[
            ["codigo", "descripcion", "eje", "avance_directo", "avance_contribuyentes", "semaforo"]
        ],
        porcentajes=("avance_directo", "avance_contribuyentes"),
        estado="semaforo",
    )
    return (
        tarjetas_estados(
            resumen.conteos,
            id_tipo="resumen-estado",
            rangos=formatting.describir_umbrales(data.reglas()),
        ),
        tarjetas_ejes(resumen.ejes, id_tipo="resumen-eje"),
        figure_estados_por_eje(resumen.ejes),
        filas,
        None,
        periodo,
    )
