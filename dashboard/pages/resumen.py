"""Resumen presidencial (``/``): how the presidential goals stand, in one screen.

Shows, for the evaluated quarter: how many presidential goals are in each traffic-light state
(each tile filters by its state); one card per eje group (E1, E2-ECO, E2-SOC, E3, E4) with its
avance and state counts, linking to the eje's page; the presidential goals with avance directo,
avance de contribuyentes, semáforo and trend against the previous quarter, each code linking to
the goal's page; and the most severe alerts, each linking to its entity.

URL parameters (the shared filter bar): ``periodo`` (default: the latest quarter whose reports
are due), ``eje``, ``tema``, ``estado``; e.g. ``/?periodo=2025-T2&eje=E1&estado=rojo``.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboard import data, filtros, formatting, vistas
from dashboard.components import exportar
from dashboard.components import grid as grids
from dashboard.components.exportar import botones_exportar
from dashboard.components.filtros import barra_filtros
from dashboard.components.migas import migas
from dashboard.components.tarjetas import tarjetas_ejes, tarjetas_estados
from dashboard.figures import GRAPH_CONFIG_RESUMEN, figure_estados_por_eje
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from data_layer.vistas.alertas import NOMBRES_SEVERIDAD, nombre_tipo

dash.register_page(
    __name__,
    path="/",
    name="Resumen presidencial",
    title="Resumen presidencial | SIGPRET",
    description="Avance y semáforo de las metas presidenciales por eje estratégico.",
    order=0,
)

#: Filters this page offers (presidential goals have no sector).
CAMPOS = ("periodo", "eje", "tema", "estado")
GRID = "resumen-metas"

#: Arrow and word of each trend.
FLECHAS = {"sube": ("▲", "Sube"), "baja": ("▼", "Baja"), "igual": ("=", "Igual")}

COLUMNAS = [
    grids.columna_enlace("codigo", "Código", width=110, minWidth=100, pinned="left"),
    grids.columna_texto(
        "descripcion",
        "Meta presidencial",
        flex=4,
        minWidth=300,
        wrapText=True,
        autoHeight=True,
        cellClass="celda-descripcion",
    ),
    grids.columna_texto("eje", "Eje", width=100, minWidth=90),
    grids.columna_porcentaje("avance_directo", "Avance directo", flex=1, minWidth=130),
    grids.columna_porcentaje(
        "avance_contribuyentes", "Avance de contribuyentes", flex=1, minWidth=140
    ),
    grids.columna_semaforo("Semáforo", flex=1, minWidth=150),
    {
        "field": "cambio",
        "headerName": "Tendencia",
        "headerTooltip": "Cambio del avance frente al trimestre anterior, en puntos",
        "filter": "agNumberColumnFilter",
        "type": "rightAligned",
        "valueFormatter": {"function": "params.data ? params.data.cambio_texto : ''"},
        "tooltipField": "tendencia_detalle",
        "cellClass": "celda-numero celda-tendencia",
        "cellClassRules": {
            "tendencia-sube": "params.data && params.data.tendencia == 'sube'",
            "tendencia-baja": "params.data && params.data.tendencia == 'baja'",
        },
        "flex": 1,
        "minWidth": 130,
    },
]


def texto_tendencia(cambio: Any, tendencia: Any) -> str:
    """``▲ +3.2 pts``, ``▼ -1.0 pts``, ``= 0.0 pts``; "—" when it cannot be computed."""
    if formatting.is_empty(cambio) or formatting.is_empty(tendencia):
        return formatting.VACIO
    flecha = FLECHAS[str(tendencia)][0]
    signo = "+" if cambio > 0 else ""
    return f"{flecha} {signo}{formatting.format_numero(cambio)} pts"


def detalle_tendencia(fila: dict[str, Any], anterior: str) -> str:
    """The trend's tooltip: both avances, or why there is no trend."""
    if fila.get("sin_dato_nuevo") and fila.get("tendencia") == "igual":
        return (
            f"Sin dato nuevo desde {anterior}: sus indicadores se evalúan sobre los mismos "
            "periodos (p. ej., anuales), así que el avance no puede cambiar todavía"
        )
    if formatting.is_empty(fila.get("avance_anterior")):
        return f"Sin avance en {anterior}: no hay con qué comparar"
    if formatting.is_empty(fila.get("avance")):
        return f"Sin avance en este trimestre (en {anterior}: {_pct(fila['avance_anterior'])})"
    return f"{_pct(fila['avance'])} ahora; {_pct(fila['avance_anterior'])} en {anterior}"


def _pct(valor: Any) -> str:
    return formatting.format_porcentaje(valor)


def filas_metas(metas: pd.DataFrame, f: Filtros, anterior: str) -> list[dict[str, Any]]:
    """The goal grid's rows: only the fields its columns read, links keeping the filters."""
    columnas = [
        "codigo",
        "descripcion",
        "eje",
        "avance_directo",
        "avance_contribuyentes",
        "semaforo",
        "avance",
        "avance_anterior",
        "cambio",
        "tendencia",
        "sin_dato_nuevo",
    ]
    filas = grids.records(
        metas[columnas],
        porcentajes=("avance_directo", "avance_contribuyentes"),
        estado="semaforo",
        enlaces={"codigo": lambda fila: filtros.href(f"/metas/{fila['codigo']}", f)},
    )
    for fila in filas:
        fila["cambio_texto"] = texto_tendencia(fila["cambio"], fila["tendencia"])
        if fila["sin_dato_nuevo"] and fila["tendencia"] == "igual":
            fila["cambio_texto"] = "= sin dato nuevo"
        fila["tendencia_detalle"] = detalle_tendencia(fila, anterior)
        for sobra in ("avance", "avance_anterior", "sin_dato_nuevo"):
            del fila[sobra]
    return filas


def _seccion(titulo: str, *contenido: Any, clase: str = "mb-4", extra: Any = None) -> html.Section:
    encabezado = html.Div(
        [html.H2(titulo, className="seccion-titulo"), extra]
        if extra
        else [html.H2(titulo, className="seccion-titulo")],
        className="seccion-encabezado",
    )
    return html.Section([encabezado, *contenido], className=clase, **{"aria-label": titulo})


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


def layout(**kwargs: Any) -> html.Div:
    """The page skeleton (no data): filters from the URL, empty containers for the callback.

    Args:
        **kwargs: the URL's query parameters (see the module docstring).
    """
    f = filtros.from_query(kwargs)
    contenido = html.Div(
        [
            html.Div(id="resumen-mensaje"),
            _seccion(
                "Metas presidenciales por semáforo",
                html.Div(id="resumen-estados", className="resumen-estados"),
            ),
            dbc.Row(
                [
                    dbc.Col(
                        _seccion(
                            "Avance por eje estratégico",
                            html.Div(id="resumen-ejes", className="resumen-ejes"),
                        ),
                        xl=8,
                    ),
                    dbc.Col(
                        _seccion(
                            "Alertas más graves",
                            html.Div(id="resumen-alertas", className="resumen-alertas"),
                        ),
                        xl=4,
                    ),
                ],
                className="g-3",
            ),
            _seccion(
                "Metas presidenciales",
                html.P(id="resumen-grid-nota", className="seccion-nota"),
                grids.grid(grids.id_grid(GRID), COLUMNAS, className="resumen-grid"),
                clase="mb-4",
                extra=botones_exportar(GRID, "metas-presidenciales", f.as_dict()),
            ),
            _seccion("Metas por eje y semáforo", _panel_grafico(), clase=""),
        ]
    )
    return html.Div(
        [
            dcc.Store(id="resumen-params", data=f.as_dict()),
            migas("resumen-migas"),
            html.Div(
                [
                    html.H1("Resumen presidencial", className="pagina-titulo"),
                    html.P(
                        "¿Cómo van las metas presidenciales? Avance y semáforo por eje "
                        "estratégico, con las metas en rojo primero.",
                        className="pagina-subtitulo",
                    ),
                ],
                className="mb-2",
            ),
            barra_filtros(f, campos=CAMPOS),
            dcc.Loading(contenido, type="default", delay_show=300),
        ]
    )


def _tiles(conteos: dict[str, int], f: Filtros) -> list[Any]:
    """State tiles; each one filters by its state (a second click removes the filter)."""
    tiles = tarjetas_estados(
        conteos, id_tipo="resumen-estado", rangos=formatting.describir_umbrales(data.reglas())
    )
    enlaces = []
    for tile, estado in zip(tiles, formatting.ESTADOS_PRESENTACION, strict=True):
        activo = f.estado == estado
        enlaces.append(
            dcc.Link(
                tile,
                href=filtros.href("/", f, estado=None if activo else estado),
                className="tarjeta-enlace" + (" tarjeta-activa" if activo else ""),
                title="Quitar el filtro de estado"
                if activo
                else f"Ver solo las metas en {formatting.presentar_estado(estado).etiqueta}",
            )
        )
    return enlaces


def _cards(ejes: pd.DataFrame, f: Filtros) -> list[Any]:
    """Eje cards, each a link to the eje's page keeping the filters."""
    return [
        dcc.Link(
            tarjeta,
            href=filtros.href(f"/ejes/{codigo}", f),
            className="tarjeta-enlace",
            title=f"Ver el eje {codigo}",
        )
        for tarjeta, codigo in zip(
            tarjetas_ejes(ejes, id_tipo="resumen-eje"), ejes.index, strict=True
        )
    ]


def lista_alertas(alertas: pd.DataFrame, total: int, f: Filtros) -> list[Any]:
    """The overview's alert panel: each alert's severity, type, entity (a link) and message."""
    if alertas.empty:
        return [html.P("No hay alertas para este periodo y filtros.", className="text-muted")]
    items = []
    for fila in alertas.to_dict("records"):
        severidad = str(fila["severidad"])
        items.append(
            html.Li(
                [
                    html.Div(
                        [
                            html.Span(
                                NOMBRES_SEVERIDAD.get(severidad, severidad),
                                className=f"severidad severidad-{severidad}",
                            ),
                            html.Span(nombre_tipo(str(fila["tipo"])), className="alerta-tipo"),
                            dcc.Link(
                                str(fila["entidad"]),
                                href=filtros.href(str(fila["enlace"]), f),
                                className="alerta-entidad",
                            ),
                        ],
                        className="alerta-encabezado",
                    ),
                    html.Div(str(fila["mensaje"]), className="alerta-mensaje"),
                ],
                className="alerta-item",
            )
        )
    return [
        html.Ul(items, className="alertas-lista"),
        dcc.Link(
            f"Ver las {formatting.format_entero(total)} alertas en el Centro de alertas →",
            href=filtros.href("/alertas", f.con(estado=None)),
            className="alertas-ver-todas",
        ),
    ]


@callback(
    Output("resumen-estados", "children"),
    Output("resumen-ejes", "children"),
    Output("resumen-grafico-ejes", "figure"),
    Output(grids.id_grid(GRID), "rowData"),
    Output("resumen-grid-nota", "children"),
    Output("resumen-alertas", "children"),
    Output("resumen-mensaje", "children"),
    Output(STORE_PERIODO, "data", allow_duplicate=True),
    Input("resumen-params", "data"),
    prevent_initial_call="initial_duplicate",
)
def render_resumen(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """Evaluate the URL's quarter under its filters; fill tiles, cards, alerts, grid, chart."""
    if not data.periodos_evaluables(data.mcr()):
        aviso = dbc.Alert(
            "No hay metas programadas todavía: importe la MCR para ver el resumen.",
            color="info",
        )
        return [], [], dash.no_update, [], None, [], aviso, None
    f = data.filtros_validos(filtros.from_query(params))
    periodo = data.periodo_efectivo(f.periodo)
    resumen = vistas.resumen_presidencial(periodo, data.hoy_honduras(), f)
    nota = (
        f"{formatting.format_entero(len(resumen.metas))} metas. La tendencia compara el avance "
        f"con el de {resumen.periodo_anterior}, en puntos porcentuales."
    )
    mensaje = None
    if resumen.metas.empty:
        mensaje = dbc.Alert(
            "Ninguna meta presidencial cumple los filtros elegidos.", color="warning"
        )
    return (
        _tiles(resumen.conteos, f),
        _cards(resumen.ejes, f),
        figure_estados_por_eje(resumen.ejes),
        filas_metas(resumen.metas, f, resumen.periodo_anterior),
        nota,
        lista_alertas(resumen.alertas, resumen.n_alertas, f),
        mensaje,
        periodo,
    )


@exportar.fuente(GRID)
def exportar_metas(params: dict[str, Any]) -> exportar.Tabla:
    """The presidential goals grid for the URL's filters (render_resumen's 4th output),
    rebuilt on the server for its exports."""
    return exportar.Tabla(render_resumen(params)[3], COLUMNAS)
