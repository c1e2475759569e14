"""Cadena de valor (``/cadena``): the whole MCR at a glance, and one goal's indicators by eslabón.

A sunburst shows eje → presidential → sectoral → institutional goals, each goal coloured and
marked with its state's icon, three rings at a time: clicking an eje or a goal with goals below
it goes down one level (and shows that goal's indicators below), clicking a goal with nothing
below opens its page, clicking the centre goes back up. Labels too small to read are hidden; E2's
dimensions are rings of ejes like the others. A goal that contributes to several goals appears
under each of them. Below, for a chosen goal, its
indicators (and those of the goals under it) in five columns along the value chain: insumo →
actividad → producto → resultado → impacto.

URL parameters: ``periodo`` (evaluated quarter), ``eje``, ``sector`` and ``estado`` (which part of
the tree to show), ``meta`` (the goal whose indicators are shown, and the one the chart opens on
when goals hang from it; default the most urgent presidential goal, the chart at its top).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import data, filtros, formatting, vistas
from dashboard.components import cadena as ui_cadena
from dashboard.components import detalle as det
from dashboard.components.atributos import aria
from dashboard.components.estado import leyenda_conteos
from dashboard.components.filtros import UBICACION, barra_filtros
from dashboard.components.migas import migas, migas_children
from dashboard.figures import GRAPH_CONFIG_RESUMEN
from dashboard.figures.cadena import figure_cadena, meta_de_bajada, meta_de_click
from dashboard.shell import STORE_PERIODO
from data_layer.vistas import cadena as vista
from data_layer.vistas.linaje import INICIO, Miga

dash.register_page(
    __name__,
    path="/cadena",
    name="Cadena de valor",
    title="Cadena de valor | SIGPRET",
    description="Toda la MCR por eje y nivel, coloreada por semáforo, e indicadores por eslabón.",
    order=20,
)

CAMPOS_FILTRO = ("periodo", "eje", "sector", "estado")
MIGA_CADENA = Miga("cadena", "", "Cadena de valor", "/cadena", "Cadena de valor")


def layout(meta: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton (no data): params store, breadcrumbs, filters, empty figure and columns.

    Args:
        meta: the goal whose indicators are shown (URL parameter).
        **kwargs: the other query parameters (filters).
    """
    f = filtros.from_query(kwargs)
    meta = meta if isinstance(meta, str) and meta.strip() else None
    grafico = html.Div(
        dcc.Graph(
            id="cadena-grafico",
            config=GRAPH_CONFIG_RESUMEN,
            figure={"data": [], "layout": {"separators": ".,"}},
            style={"height": "640px"},
        ),
        className="panel p-2",
    )
    lateral = html.Div(
        [
            html.H2("Cómo leerlo", className="panel-titulo h6"),
            html.P(
                "Del centro hacia afuera: eje estratégico (E2 en sus dos dimensiones, E2-ECO y "
                "E2-SOC), metas presidenciales y sectoriales; las institucionales aparecen al "
                "bajar. Cada meta lleva el color y el ícono de su semáforo.",
                className="small",
            ),
            html.P(
                "Se ven tres anillos a la vez. Haga clic en un eje o en una meta para bajar un "
                "nivel (y ver abajo sus indicadores); en el centro, para subir. Una meta sin "
                "metas debajo abre su ficha. Las porciones muy pequeñas no llevan rótulo: pase "
                "el cursor por encima para leerlas.",
                className="small",
            ),
            html.Div(id="cadena-leyenda", className="mb-2"),
            html.P(id="cadena-nota", className="small text-body-secondary mb-0"),
        ],
        className="panel p-3 h-100",
    )
    eslabones = html.Section(
        [
            html.H2("Indicadores de una meta por eslabón", className="seccion-titulo"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Meta", html_for="cadena-meta"),
                            dcc.Dropdown(
                                id="cadena-meta",
                                options=[],
                                value=meta,
                                clearable=False,
                                placeholder="Elija una meta…",
                                optionHeight="auto",
                                maxHeight=360,
                            ),
                        ],
                        lg=8,
                    ),
                    dbc.Col(
                        dbc.Switch(
                            id="cadena-contribuyentes",
                            label="Incluir los indicadores de las metas que contribuyen",
                            value=True,
                        ),
                        lg=4,
                        className="pt-lg-4",
                    ),
                ],
                className="g-2 mb-2",
            ),
            html.P(id="cadena-meta-resumen", className="small"),
            dcc.Loading(html.Div(id="cadena-eslabones"), type="default", delay_show=300),
        ],
        className="mb-4",
        **aria(label="Indicadores por eslabón"),
    )
    return html.Div(
        [
            dcc.Store(id="cadena-params", data={"meta": meta, **f.as_dict()}),
            dcc.Store(id="cadena-meta-defecto"),
            dcc.Location(id="cadena-ir", refresh="callback-nav"),
            migas("cadena-migas"),
            html.H1("Cadena de valor", className="pagina-titulo"),
            html.P(
                "¿Cómo se encadenan las metas del gobierno y dónde se rompe la cadena?",
                className="pagina-subtitulo",
            ),
            barra_filtros(f, campos=CAMPOS_FILTRO),
            dcc.Loading(
                dbc.Row([dbc.Col(grafico, xl=8), dbc.Col(lateral, xl=4)], className="g-3 mb-4"),
                type="default",
                delay_show=300,
            ),
            eslabones,
        ],
        className="pagina-cadena",
    )


SALIDAS = {
    "migas": Output("cadena-migas", "children"),
    "grafico": Output("cadena-grafico", "figure"),
    "leyenda": Output("cadena-leyenda", "children"),
    "nota": Output("cadena-nota", "children"),
    "opciones": Output("cadena-meta", "options"),
    "meta": Output("cadena-meta", "value"),
    "defecto": Output("cadena-meta-defecto", "data"),
    "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
}


def render_cadena_contenido(params: dict[str, Any] | None) -> dict[str, Any]:
    """The tree of the params' filters (the callback's body).

    Returns:
        One value per output of :data:`SALIDAS`: breadcrumbs, figure, legend, note, goal
        options, chosen goal, default goal, period.
    """
    params = params or {}
    m = data.mcr()
    f = data.filtros_validos(filtros.from_query(params))
    periodo = data.periodo_efectivo(f.periodo)
    arbol = vistas.arbol_cadena(periodo)
    v = vista.vista_cadena(arbol, m, eje=f.eje, sector=f.sector, estado=f.estado)
    leyenda = [
        html.Div(
            f"{formatting.format_entero(v.n_metas)} metas en la vista:",
            className="small fw-semibold mb-1",
        ),
        leyenda_conteos(v.conteos),
    ]
    nota = []
    if v.repetidas:
        nota.append(
            f"{formatting.format_entero(v.repetidas)} metas contribuyen a más de una meta y "
            "aparecen bajo cada una de ellas. "
        )
    if v.sin_vinculo:
        nota.append(
            f"«{vista.ETIQUETA_SIN_VINCULO}» agrupa las metas que no llegan a ninguna meta "
            "presidencial (cadena rota)."
        )
    if v.recortada:
        nota.append(
            "Con tantas metas, el gráfico llega hasta las metas sectoriales; las institucionales "
            "se ven al elegir una meta abajo o al abrir cada meta sectorial."
        )
    defecto = v.defecto
    elegida = params.get("meta")
    valor = elegida if vista.existe_meta(m, elegida) else defecto
    # A goal chosen in the URL (a click on the chart, the selector, a copied link) opens the
    # chart on it: the page is drawn again when the URL changes.
    nivel = vista.nodo_de_meta(v.nodos, elegida) if vista.existe_meta(m, elegida) else None
    return {
        "migas": migas_children([INICIO, MIGA_CADENA], f),
        "grafico": figure_cadena(v.nodos, nivel),
        "leyenda": leyenda,
        "nota": nota,
        "opciones": ui_cadena.opciones_metas(v.opciones),
        "meta": valor,
        "defecto": defecto,
        "periodo": periodo,
    }


@callback(Input("cadena-params", "data"), output=SALIDAS, prevent_initial_call="initial_duplicate")
def render_cadena(params: dict[str, Any] | None) -> dict[str, Any]:
    """Draw the tree for the URL's filters and fill the goal selector."""
    return render_cadena_contenido(params)


def href_de_click(click_data: dict[str, Any] | None, params: dict[str, Any] | None) -> Any:
    """Where a click on the sunburst leads: the clicked goal's page (keeping the filters), or
    nowhere (``no_update``) for an eje."""
    codigo = meta_de_click(click_data)
    if codigo is None:
        return dash.no_update
    return det.enlace_meta(codigo, filtros.from_query(params or {}))


@callback(
    Output("cadena-ir", "href"),
    Input("cadena-grafico", "clickData"),
    State("cadena-params", "data"),
    prevent_initial_call=True,
)
def go_to_meta(click_data: dict[str, Any] | None, params: dict[str, Any] | None) -> Any:
    """Open the page of the goal clicked on the sunburst."""
    return href_de_click(click_data, params)


@callback(
    Output("cadena-meta", "value", allow_duplicate=True),
    Input("cadena-grafico", "clickData"),
    prevent_initial_call=True,
)
def choose_meta_from_chart(click_data: dict[str, Any] | None) -> Any:
    """Going down into a goal on the chart also shows its indicators by eslabón below."""
    codigo = meta_de_bajada(click_data)
    return dash.no_update if codigo is None else codigo


def search_con_meta(meta: str | None, search: str | None, defecto: str | None) -> Any:
    """The query string with ``meta`` set (left out when it is the default), or ``no_update``
    when it would not change."""
    actuales = dict(parse_qsl((search or "").lstrip("?")))
    nuevos = {k: v for k, v in actuales.items() if k != "meta"}
    if meta and meta != defecto:
        nuevos["meta"] = meta
    if nuevos == actuales:
        return dash.no_update
    return "?" + urlencode(nuevos) if nuevos else ""


@callback(
    Output(UBICACION, "search", allow_duplicate=True),
    Input("cadena-meta", "value"),
    State(UBICACION, "search"),
    State("cadena-meta-defecto", "data"),
    prevent_initial_call=True,
)
def choose_meta(meta: str | None, search: str | None, defecto: str | None) -> Any:
    """Put the chosen goal in the URL (so a copied link shows the same goal)."""
    return search_con_meta(meta, search, defecto)


def _cuantos(n: int, singular: str, plural: str) -> str:
    return f"{formatting.format_entero(n)} {singular if n == 1 else plural}"


def render_eslabones_contenido(
    meta: str | None, con_contribuyentes: bool, params: dict[str, Any] | None
) -> tuple[Any, Any]:
    """The five eslabón columns of the chosen goal (the callback's body)."""
    if not meta:
        return "", html.P("Elija una meta para ver sus indicadores.", className="text-muted")
    m = data.mcr()
    f = data.filtros_validos(filtros.from_query(params or {}))
    if not vista.existe_meta(m, meta):
        return "", dbc.Alert(
            f"La meta «{meta}» no existe en la MCR, o no tiene acceso a ella.", color="warning"
        )
    res = data.resultado(data.periodo_efectivo(f.periodo), data.hoy_honduras())
    indicadores = vista.indicadores_por_eslabon(
        res, m, meta, con_contribuyentes=bool(con_contribuyentes)
    )
    conteo = vista.conteo_eslabones(indicadores)
    resumen = [
        dcc.Link(meta, href=det.enlace_meta(meta, f), className="fw-semibold"),
        f": {_cuantos(conteo.propios, 'indicador propio', 'indicadores propios')}",
    ]
    if con_contribuyentes:
        ajenos = _cuantos(conteo.ajenos, "indicador", "indicadores")
        metas = _cuantos(conteo.metas_ajenas, "meta", "metas")
        resumen.append(f" y {ajenos} de {metas} que contribuyen a ella, de insumo a impacto.")
    return resumen, det.columnas_eslabon(indicadores, f, meta)


@callback(
    Output("cadena-meta-resumen", "children"),
    Output("cadena-eslabones", "children"),
    Input("cadena-meta", "value"),
    Input("cadena-contribuyentes", "value"),
    State("cadena-params", "data"),
)
def render_eslabones(
    meta: str | None, con_contribuyentes: bool, params: dict[str, Any] | None
) -> tuple[Any, Any]:
    """Show the chosen goal's indicators along the value chain."""
    return render_eslabones_contenido(meta, con_contribuyentes, params)
