"""Resumen presidencial (``/``): how the presidential goals stand, in one screen.

Shows, for the evaluated quarter: how many presidential goals are in each traffic-light state
(each tile filters by its state); one card per eje group (E1, E2-ECO, E2-SOC, E3, E4) with its
avance and state counts, linking to the eje's page; the presidential goals with avance directo,
avance de contribuyentes, semáforo and trend against the previous quarter, each code linking to
the goal's page; and the most severe alerts, each linking to its entity.

URL parameters (the shared filter bar): ``periodo`` (default: the latest quarter whose reports
are due), ``eje``, ``sector`` (the presidential goals that sector contributes to, and its alerts;
an unknown code shows a notice and the national picture), ``tema``, ``estado``; e.g.
``/?periodo=2025-T2&eje=E1&estado=rojo`` or ``/?sector=SAL``.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, dcc, html

from dashboard import data, filtros, formatting, respuestas, vistas
from dashboard.components import exportar
from dashboard.components import grid as grids
from dashboard.components import mis_acuerdos as ui_mis_acuerdos
from dashboard.components import reportes as piezas_reportes
from dashboard.components import respuesta_ministro as ui_respuesta
from dashboard.components.atributos import aria
from dashboard.components.exportar import botones_exportar
from dashboard.components.filtros import barra_filtros
from dashboard.components.migas import migas
from dashboard.components.resumen import (
    columna_tendencia,
    filas_metas,
    lista_alertas,
    tarjetas_enlazadas,
)
from dashboard.components.tarjetas import tarjetas_estados
from dashboard.figures import GRAPH_CONFIG_RESUMEN, figure_estados_por_eje
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from data_layer.vistas import mis_acuerdos as vistas_mis_acuerdos
from data_layer.vistas import reportes as vistas_reportes
from data_layer.vistas import respuestas as vistas_respuestas

dash.register_page(
    __name__,
    path="/",
    name="Resumen presidencial",
    title="Resumen presidencial | SIGPRET",
    description="Avance y semáforo de las metas presidenciales por eje estratégico.",
    order=0,
)

#: Filters this page offers. A sector keeps the presidential goals it contributes to, and its
#: alerts (:func:`dashboard.vistas.resumen_presidencial`).
CAMPOS = ("periodo", "eje", "sector", "tema", "estado")
GRID = "resumen-metas"

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
]


def columnas(anteriores: tuple[str, ...] | list[str]) -> list[dict[str, Any]]:
    """The goals grid's columns: :data:`COLUMNAS` plus the Tendencia column, which is left out
    when no goal has a previous period to compare with."""
    tendencia = columna_tendencia(anteriores)
    return COLUMNAS if tendencia is None else [*COLUMNAS, tendencia]


def _seccion(titulo: str, *contenido: Any, clase: str = "mb-4", extra: Any = None) -> html.Section:
    encabezado = html.Div(
        [html.H2(titulo, className="seccion-titulo"), extra]
        if extra
        else [html.H2(titulo, className="seccion-titulo")],
        className="seccion-encabezado",
    )
    return html.Section([encabezado, *contenido], className=clase, **aria(label=titulo))


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
                        [
                            _seccion(
                                "Respuestas de los ministros",
                                html.P(
                                    "Lo que los ministros responden a la Presidencia sobre "
                                    "las metas en rojo de su sector (pase el cursor para leer "
                                    "todo).",
                                    className="seccion-nota",
                                ),
                                html.Div(id="resumen-respuestas", className="resumen-respuestas"),
                            ),
                            _seccion(
                                "Alertas más graves",
                                html.Div(id="resumen-alertas", className="resumen-alertas"),
                            ),
                        ],
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
            html.Div(id="resumen-sus-reportes-caja"),
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


SALIDAS = {
    "estados": Output("resumen-estados", "children"),
    "ejes": Output("resumen-ejes", "children"),
    "grafico": Output("resumen-grafico-ejes", "figure"),
    "filas": Output(grids.id_grid(GRID), "rowData"),
    "columnas": Output(grids.id_grid(GRID), "columnDefs"),
    "nota": Output("resumen-grid-nota", "children"),
    "alertas": Output("resumen-alertas", "children"),
    "mensaje": Output("resumen-mensaje", "children"),
    "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
}


@callback(Input("resumen-params", "data"), output=SALIDAS, prevent_initial_call="initial_duplicate")
@respuestas.compartida
def render_resumen(params: dict[str, Any] | None) -> dict[str, Any]:
    """Evaluate the URL's quarter under its filters; fill tiles, cards, alerts, grid, chart."""
    if not data.periodos_evaluables(data.mcr()):
        aviso = dbc.Alert(
            "No hay metas programadas todavía: importe la MCR para ver el resumen.",
            color="info",
        )
        vacio: dict[str, Any] = dict.fromkeys(SALIDAS, [])
        vacio.update(
            grafico=dash.no_update, columnas=COLUMNAS, nota=None, mensaje=aviso, periodo=None
        )
        return vacio
    pedido = filtros.from_query(params)
    f = data.filtros_validos(pedido)
    periodo = data.periodo_efectivo(f.periodo)
    resumen = vistas.resumen_presidencial(periodo, data.hoy_honduras(), f)
    anteriores = resumen.periodos_anteriores
    nota = (
        f"{formatting.format_entero(len(resumen.metas))} metas"
        + (f" a las que contribuye el sector {f.sector}" if f.sector else "")
        + ". "
    )
    if not anteriores:
        nota += (
            "Sin tendencia: ninguna meta tiene avance a la vez en este periodo y en su "
            "periodo evaluable anterior."
        )
    elif len(resumen.comparaciones) == 1:
        propio, anterior = resumen.comparaciones[0]
        nota += (
            f"La tendencia compara el avance de {propio} con el de {anterior} (el periodo "
            "evaluable anterior de estas metas), en puntos porcentuales."
        )
    else:
        nota += (
            "La tendencia compara cada meta con su propio periodo evaluable anterior (una meta "
            "de indicadores anuales, con el año anterior), en puntos porcentuales."
        )
    mensaje = None
    if pedido.sector and not f.sector:
        mensaje = dbc.Alert(
            f"No existe el sector «{pedido.sector}» en la MCR: se muestra el panorama nacional.",
            color="warning",
            id="resumen-sector-desconocido",
        )
    elif not len(resumen.metas):
        mensaje = dbc.Alert(
            "Ninguna meta presidencial cumple los filtros elegidos.", color="warning"
        )
    return {
        "estados": _tiles(resumen.conteos, f),
        "ejes": tarjetas_enlazadas(resumen.ejes, f),
        "grafico": figure_estados_por_eje(resumen.ejes),
        "filas": filas_metas(resumen.metas, f, anteriores),
        "columnas": columnas(anteriores),
        "nota": nota,
        "alertas": lista_alertas(resumen.alertas, resumen.n_alertas, f),
        "mensaje": mensaje,
        "periodo": periodo,
    }


@callback(Output("resumen-sus-reportes-caja", "children"), Input("resumen-params", "data"))
def sus_reportes(_params: dict[str, Any] | None) -> Any:
    """«Sus reportes» for a planning unit (what is due next, linking to /reportes) and its
    acuerdos (linking to /mis-acuerdos); nothing for users who do not report."""
    with data.sesion_lectura() as s:
        vista = vistas_reportes.mis_reportes(
            s, data.alcance_actual(), data.hoy_honduras(), data.reglas()
        )
        acuerdos = vistas_mis_acuerdos.mis_acuerdos(s, data.alcance_actual(), data.hoy_honduras())
    if vista is None or not vista.escribe:
        return None
    partes = [piezas_reportes.tarjeta_inicio(vista)]
    if acuerdos is not None:
        partes.append(ui_mis_acuerdos.tarjeta_inicio(acuerdos))
    return partes


@callback(Output("resumen-respuestas", "children"), Input("resumen-params", "data"))
@respuestas.compartida
def respuestas_ministros(params: dict[str, Any] | None) -> Any:
    """The ministers' latest responses to the Presidency on goals the user sees (each with its
    text on hover and a link to the goal)."""
    f = data.filtros_validos(filtros.from_query(params))
    with data.sesion_lectura() as s:
        filas = vistas_respuestas.recientes(s, data.mcr())
    return ui_respuesta.lista_resumen(filas, lambda codigo: filtros.href(f"/metas/{codigo}", f))


@exportar.fuente(GRID)
def exportar_metas(params: dict[str, Any]) -> exportar.Tabla:
    """The presidential goals grid for the URL's filters (render_resumen's ``filas``),
    rebuilt on the server for its exports."""
    salida = render_resumen(params)
    return exportar.Tabla(salida["filas"], salida["columnas"])
