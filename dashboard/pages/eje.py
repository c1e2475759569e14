"""Eje estratégico (``/ejes/<codigo>``): how an eje's goals stand, by sector and institution.

Shows the eje's avance (its presidential goals, as the overview's card) with its goals per state
and per level; its sectors and its institutions in grids, each row a link one level down; a heat
map of the state of each sector's roll-up over the last eight quarters (a click opens that sector
in that quarter); and all the goals of the eje in a grid.

URL: ``/ejes/E2-SOC?periodo=2025-T2&tema=Género&estado=rojo``. ``periodo`` is the evaluated
quarter (default: the latest quarter whose reports are due), ``tema`` narrows every number to the
goals with an indicator of that theme, ``estado`` narrows the lists to that state.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import data, filtros, vistas
from dashboard.components import exportar
from dashboard.components import grupo as ui_grupo
from dashboard.components import niveles as ui
from dashboard.components.migas import migas_children
from dashboard.shell import STORE_PERIODO
from data_layer.vistas import niveles as vn
from data_layer.vistas.linaje import linaje, ruta

dash.register_page(
    __name__,
    path_template="/ejes/<codigo>",
    name="Eje estratégico",
    title="Eje estratégico | SIGPRET",
    description="Avance de un eje estratégico, sus sectores, instituciones y metas.",
    order=10,
)

P = "eje"
CAMPOS = ("periodo", "tema", "estado")


def layout(codigo: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton (no data): the URL's code and filters in a store, empty containers.

    Args:
        codigo: the eje's code, from the path.
        **kwargs: the URL's query parameters (the filters).
    """
    f = filtros.from_query(kwargs)
    secciones = [
        ui.cabecera(html.Div(id=f"{P}-avance"), html.Div(id=f"{P}-niveles")),
        ui.seccion(
            "Sectores del eje",
            html.P(
                "Avance de las metas sectoriales de cada sector; el sector con "
                "menor avance aparece primero.",
                className="seccion-ayuda",
            ),
            ui.bloque_grid(
                f"{P}-sectores",
                ui.columnas_grupos("Sector", "Nombre"),
                "sectores-del-eje",
            ),
        ),
        ui.seccion(
            "Evolución del estado de cada sector",
            html.P(
                "Estado del avance de las metas sectoriales en los últimos ocho "
                "trimestres. Haga clic en una celda para abrir ese sector en ese "
                "trimestre.",
                className="seccion-ayuda",
            ),
            ui.grafico(f"{P}-mapa", ui.GRAPH_CONFIG_MAPA),
        ),
        ui.seccion(
            "Instituciones del eje",
            html.P(
                "Avance de las metas institucionales de cada institución en los sectores del eje.",
                className="seccion-ayuda",
            ),
            ui.bloque_grid(
                f"{P}-instituciones",
                ui.columnas_grupos("Sigla", "Institución"),
                "instituciones-del-eje",
            ),
        ),
        ui.seccion(
            "Metas del eje",
            ui.bloque_grid(f"{P}-metas", ui.columnas_metas(), "metas-del-eje"),
            clase="",
        ),
    ]
    return ui.esqueleto(P, "Eje estratégico", codigo, f, CAMPOS, secciones, navegar=True)


def _vacio(mensaje: Any, migas_hijos: Any = None) -> tuple[Any, ...]:
    return (
        migas_hijos or [],
        "Eje estratégico",
        None,
        mensaje,
        None,
        None,
        [],
        [],
        [],
        {"display": "none"},
        dash.no_update,
    )


@callback(
    Output(f"{P}-migas", "children"),
    Output(f"{P}-titulo", "children"),
    Output(f"{P}-subtitulo", "children"),
    Output(f"{P}-mensaje", "children"),
    Output(f"{P}-avance", "children"),
    Output(f"{P}-niveles", "children"),
    Output({"type": "grid", "grid": f"{P}-sectores"}, "rowData"),
    Output({"type": "grid", "grid": f"{P}-instituciones"}, "rowData"),
    Output({"type": "grid", "grid": f"{P}-metas"}, "rowData"),
    Output(f"{P}-contenido", "style"),
    Output(STORE_PERIODO, "data", allow_duplicate=True),
    Input(f"{P}-params", "data"),
    prevent_initial_call="initial_duplicate",
)
def render_eje(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """Evaluate the URL's quarter and fill the header, the avance panel and the three grids."""
    params = params if isinstance(params, dict) else {}
    codigo = params.get("codigo")
    m = data.mcr()
    nombre = vn.nombre_grupo(m, "eje", codigo)
    if not isinstance(codigo, str) or nombre is None:
        return _vacio(ui.aviso_no_existe("el eje", codigo))
    f = data.validar_filtros(filtros.from_query(params), m)
    periodo = data.periodo_efectivo(f.periodo)
    vista = vistas.vista_grupo("eje", codigo, periodo, f)
    padre = m.ejes.loc[m.ejes["codigo"] == codigo, "eje_padre"].dropna()
    subtitulo = (
        html.Span(
            [
                "Dimensión del eje ",
                dcc.Link(str(padre.iloc[0]), href=filtros.href(ruta("eje", padre.iloc[0]), f)),
            ]
        )
        if len(padre)
        else None
    )
    return (
        migas_children(linaje(m, "eje", codigo), f),
        f"{codigo} · {nombre}",
        subtitulo,
        ui_grupo.nota(f, vista),
        ui.panel_avance(vista.resumen, "presidencial", "del eje", id=f"{P}-avance-numero"),
        ui.tabla_por_nivel(vista.resumen.por_nivel),
        ui.filas_grupos(vista.sectores, "sector", f),
        ui.filas_grupos(vista.instituciones, "institucion", f),
        ui_grupo.filas_metas(vista, m, f),
        {},
        periodo,
    )


@callback(
    Output(f"{P}-mapa", "figure"),
    Output(f"{P}-mapa", "style"),
    Input(f"{P}-params", "data"),
)
def render_mapa(params: dict[str, Any] | None) -> tuple[Any, Any]:
    """The heat map: the state of each sector's sectorial goals in the last eight quarters."""
    return ui_grupo.mapa("eje", params)


clientside_callback(
    ui.ABRIR_CELDA_JS,
    Output(f"{P}-navegar", "data"),
    Input(f"{P}-mapa", "clickData"),
    State(f"{P}-mapa", "figure"),
    prevent_initial_call=True,
)


# --- exports: each grid rebuilt on the server as render_eje fills it ---------------------------


@exportar.fuente(f"{P}-sectores")
def exportar_sectores(params: dict[str, Any]) -> exportar.Tabla:
    """The sectors grid for the URL's parameters (render_eje's 7th output)."""
    return exportar.Tabla(render_eje(params)[6], ui.columnas_grupos("Sector", "Nombre"))


@exportar.fuente(f"{P}-instituciones")
def exportar_instituciones(params: dict[str, Any]) -> exportar.Tabla:
    """The institutions grid for the URL's parameters (render_eje's 8th output)."""
    return exportar.Tabla(render_eje(params)[7], ui.columnas_grupos("Sigla", "Institución"))


@exportar.fuente(f"{P}-metas")
def exportar_metas(params: dict[str, Any]) -> exportar.Tabla:
    """The goals grid for the URL's parameters (render_eje's 9th output)."""
    return exportar.Tabla(render_eje(params)[8], ui.columnas_metas())
