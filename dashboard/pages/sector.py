"""Sector (``/sectores/<codigo>``): how a sector's goals stand, institution by institution.

Shows the sector's avance (its sectorial goals) with its goals per state and per level; the
institutions of its mesa in a grid (their institutional goals in the sector), each row a link to
the institution; a heat map of the state of each institution's roll-up over the last eight
quarters (a click opens that institution in that quarter); all the goals of the sector in a grid;
and a link to the sector's mesa (MESGEPRET).

URL: ``/sectores/SAL?periodo=2025-T2&tema=Género&estado=rojo``. ``periodo`` is the evaluated
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
from dashboard.components import mesas as ui_mesas
from dashboard.components import niveles as ui
from dashboard.components.migas import migas_children
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from data_layer.vistas import niveles as vn
from data_layer.vistas.linaje import linaje, ruta

dash.register_page(
    __name__,
    path_template="/sectores/<codigo>",
    name="Sector",
    title="Sector | SIGPRET",
    description="Avance de un sector, sus instituciones y sus metas.",
    order=11,
)

P = "sector"
CAMPOS = ("periodo", "tema", "estado")


def layout(codigo: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton (no data): the URL's code and filters in a store, empty containers.

    Args:
        codigo: the sector's code, from the path.
        **kwargs: the URL's query parameters (the filters).
    """
    f = filtros.from_query(kwargs)
    secciones = [
        ui.cabecera(html.Div(id=f"{P}-avance"), html.Div(id=f"{P}-niveles")),
        ui.seccion(
            "Instituciones del sector",
            html.P(
                "Avance de las metas institucionales de cada institución en este "
                "sector; la institución con menor avance aparece primero.",
                className="seccion-ayuda",
            ),
            ui.bloque_grid(
                f"{P}-instituciones",
                ui.columnas_grupos("Sigla", "Institución"),
                "instituciones-del-sector",
            ),
        ),
        ui.seccion(
            "Evolución del estado de cada institución",
            html.P(
                "Estado del avance de las metas institucionales del sector en los "
                "últimos ocho trimestres. Haga clic en una celda para abrir esa "
                "institución en ese trimestre.",
                className="seccion-ayuda",
            ),
            ui.grafico(f"{P}-mapa", ui.GRAPH_CONFIG_MAPA),
        ),
        ui.seccion(
            "Acciones de las mesas sectoriales",
            html.P(
                "Acuerdos, cuellos de botella y estrategias vinculados a las "
                "metas del sector o a sus indicadores.",
                className="seccion-ayuda",
            ),
            html.Div(id=f"{P}-acciones-mesa"),
        ),
        ui.seccion(
            "Metas del sector",
            ui.bloque_grid(
                f"{P}-metas",
                ui.columnas_metas(con_sector=False),
                "metas-del-sector",
            ),
            clase="",
        ),
    ]
    return ui.esqueleto(P, "Sector", codigo, f, CAMPOS, secciones, navegar=True)


def subtitulo(m: Any, codigo: str, f: Filtros) -> html.Div:
    """The sector's ejes and rectora institution (links) and its mesa's link."""
    ejes = sorted(set(m.sector_ejes.loc[m.sector_ejes["sector"] == codigo, "eje"].astype("str")))
    rectora = m.sectores.loc[m.sectores["codigo"] == codigo, "institucion_rectora"].dropna()
    partes: list[Any] = []
    if ejes:
        enlaces: list[Any] = ["Eje " if len(ejes) == 1 else "Ejes "]
        for i, eje in enumerate(ejes):
            if i:
                enlaces.append(" y ")
            enlaces.append(dcc.Link(eje, href=filtros.href(ruta("eje", eje), f)))
        partes.append(html.Span(enlaces))
    if len(rectora):
        sigla = str(rectora.iloc[0])
        partes.append(
            html.Span(
                [
                    "Institución rectora: ",
                    dcc.Link(sigla, href=filtros.href(ruta("institucion", sigla), f)),
                ]
            )
        )
    partes.append(
        dcc.Link(
            "Mesa sectorial (MESGEPRET) ›",
            href=filtros.href(f"/mesas/{codigo}", f),
            id=f"{P}-mesa",
            className="nivel-enlace-mesa",
        )
    )
    return html.Div(partes, className="nivel-subtitulo d-flex flex-wrap column-gap-4 row-gap-1")


def _vacio(mensaje: Any) -> tuple[Any, ...]:
    return ([], "Sector", None, mensaje, None, None, [], [], {"display": "none"}, dash.no_update)


@callback(
    Output(f"{P}-migas", "children"),
    Output(f"{P}-titulo", "children"),
    Output(f"{P}-subtitulo", "children"),
    Output(f"{P}-mensaje", "children"),
    Output(f"{P}-avance", "children"),
    Output(f"{P}-niveles", "children"),
    Output({"type": "grid", "grid": f"{P}-instituciones"}, "rowData"),
    Output({"type": "grid", "grid": f"{P}-metas"}, "rowData"),
    Output(f"{P}-contenido", "style"),
    Output(STORE_PERIODO, "data", allow_duplicate=True),
    Input(f"{P}-params", "data"),
    prevent_initial_call="initial_duplicate",
)
def render_sector(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """Evaluate the URL's quarter and fill the header, the avance panel and the grids."""
    params = params if isinstance(params, dict) else {}
    codigo = params.get("codigo")
    m = data.mcr()
    nombre = vn.nombre_grupo(m, "sector", codigo)
    if not isinstance(codigo, str) or nombre is None:
        return _vacio(ui.aviso_no_existe("el sector", codigo))
    f = data.validar_filtros(filtros.from_query(params), m)
    periodo = data.periodo_efectivo(f.periodo)
    vista = vistas.vista_grupo("sector", codigo, periodo, f)
    return (
        migas_children(linaje(m, "sector", codigo), f),
        nombre,
        subtitulo(m, codigo, f),
        ui_grupo.nota(f, vista),
        ui.panel_avance(vista.resumen, "sectorial", "del sector", id=f"{P}-avance-numero"),
        ui.tabla_por_nivel(vista.resumen.por_nivel),
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
    """The heat map: the state of each institution's goals in the sector, last eight quarters."""
    return ui_grupo.mapa("sector", params)


clientside_callback(
    ui.ABRIR_CELDA_JS,
    Output(f"{P}-navegar", "data"),
    Input(f"{P}-mapa", "clickData"),
    State(f"{P}-mapa", "figure"),
    prevent_initial_call=True,
)


@callback(
    Output("sector-acciones-mesa", "children"),
    Input("sector-params", "data"),
)
def render_acciones_mesa(params: dict[str, Any] | None) -> Any:
    """The acuerdos, bottlenecks and strategies of the mesas linked to this sector."""
    acciones, f = vistas.acciones_de_entidad("sector", params)
    if acciones is None:
        return None
    return ui_mesas.panel_acciones(
        acciones,
        f,
        vacio="Ninguna mesa tiene acuerdos, cuellos de botella ni estrategias vinculados a "
        "las metas del sector ni a sus indicadores.",
        id="sector-acciones-lista",
    )


# --- exports: each grid rebuilt on the server as render_sector fills it ------------------------


@exportar.fuente(f"{P}-instituciones")
def exportar_instituciones(params: dict[str, Any]) -> exportar.Tabla:
    """The institutions grid for the URL's parameters (render_sector's 7th output)."""
    return exportar.Tabla(render_sector(params)[6], ui.columnas_grupos("Sigla", "Institución"))


@exportar.fuente(f"{P}-metas")
def exportar_metas(params: dict[str, Any]) -> exportar.Tabla:
    """The goals grid for the URL's parameters (render_sector's 8th output)."""
    return exportar.Tabla(render_sector(params)[7], ui.columnas_metas(con_sector=False))
