"""Ficha de meta (``/metas/<codigo>``): why a goal has its colour.

Shows the goal (level, description, eje / sector / institution), its avance directo and avance de
contribuyentes side by side with one sentence on what the gap between them means, its cobertura
explained, the goals that contribute to it (one level down) and the goals it contributes to (up
the chain), and its own indicators.

URL: ``/metas/<codigo>``; query parameters ``periodo`` (evaluated quarter, default the latest one
due), ``tema`` and ``estado`` (filter the goal and indicator tables); ``eje`` and ``sector`` are
kept in the links.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, dcc, html

from dashboard import data, filtros, vistas
from dashboard.components import detalle as det
from dashboard.components import exportar
from dashboard.components import grid as grids
from dashboard.components import mesas as ui_mesas
from dashboard.components.estado import insignia_estado
from dashboard.components.exportar import botones_exportar
from dashboard.components.filtros import barra_filtros
from dashboard.components.migas import migas, migas_children
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from data_layer.vistas import detalle as vista
from data_layer.vistas.filtros import filtrar_indicadores, filtrar_metas
from data_layer.vistas.linaje import linaje, ruta

dash.register_page(
    __name__,
    path_template="/metas/<codigo>",
    name="Meta",
    title="Meta | SIGPRET",
    description="Avance directo y de contribuyentes de una meta, su cadena y sus indicadores.",
    order=40,
)

CAMPOS_FILTRO = ("periodo", "tema", "estado")
GRID_CONTRIBUYENTES = "meta-contribuyentes"
GRID_INDICADORES = "meta-indicadores"

COLUMNAS_CONTRIBUYENTES = [
    grids.columna_enlace("codigo", "Código", width=150, minWidth=130, pinned="left"),
    grids.columna_texto("nivel_texto", "Nivel", width=150),
    grids.columna_texto(
        "descripcion", "Meta", flex=3, minWidth=260, wrapText=True, autoHeight=True
    ),
    grids.columna_porcentaje("avance", "Avance", width=120),
    grids.columna_semaforo("Semáforo", width=160),
    det.columna_numero("peso", "Peso", width=90),
    grids.columna_texto(
        "cuenta_texto",
        "¿Entra en el promedio?",
        width=170,
        tooltipField="cuenta_motivo",
    ),
    grids.columna_porcentaje("participacion", "Participación en el promedio", width=150),
]

COLUMNAS_INDICADORES = [
    grids.columna_enlace("codigo", "Código", width=160, minWidth=140, pinned="left"),
    grids.columna_texto(
        "nombre", "Indicador", flex=3, minWidth=240, wrapText=True, autoHeight=True
    ),
    grids.columna_texto("eslabon_texto", "Eslabón", width=120),
    grids.columna_texto("periodo", "Periodo", width=110),
    det.columna_numero("meta", "Meta", width=110),
    det.columna_numero("valor", "Valor", width=110),
    grids.columna_porcentaje("avance_pct", "Avance", width=110),
    grids.columna_semaforo("Semáforo", width=160),
    det.columna_numero("peso", "Peso", width=90),
]


def _seccion(titulo: str, *contenido: Any, id: str | None = None) -> html.Section:
    extra = {"id": id} if id else {}
    return html.Section(
        [html.H2(titulo, className="seccion-titulo"), *contenido],
        className="mb-4",
        **{"aria-label": titulo},
        **extra,
    )


def layout(codigo: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton (no data): params store, breadcrumbs, filter bar, empty sections.

    Args:
        codigo: the goal's code (from the path).
        **kwargs: the URL's query parameters (filters).
    """
    f = filtros.from_query(kwargs)
    cuerpo = html.Div(
        [
            html.Header(id="meta-encabezado", className="mt-3 mb-3"),
            _seccion(
                "¿Cómo avanza?",
                dbc.Row(id="meta-avances", className="g-3 mb-2"),
                dbc.Alert(id="meta-brecha", color="light", className="mb-2 meta-brecha"),
                html.P(id="meta-cobertura", className="small text-body-secondary mb-0"),
            ),
            _seccion(
                "Metas que contribuyen a esta meta",
                html.P(id="meta-contribuyentes-nota", className="small text-body-secondary"),
                grids.grid(grids.id_grid(GRID_CONTRIBUYENTES), COLUMNAS_CONTRIBUYENTES),
                botones_exportar(
                    GRID_CONTRIBUYENTES, "metas-contribuyentes", {"codigo": codigo, **f.as_dict()}
                ),
            ),
            _seccion(
                "Metas a las que contribuye",
                html.Div(id="meta-superiores"),
            ),
            _seccion(
                "Acciones de las mesas sectoriales",
                html.P(
                    "Acuerdos, cuellos de botella y estrategias de las mesas vinculados a esta "
                    "meta o a sus indicadores.",
                    className="small text-body-secondary",
                ),
                html.Div(id="meta-acciones-mesa"),
            ),
            _seccion(
                "Indicadores de la meta",
                html.P(id="meta-indicadores-nota", className="small text-body-secondary"),
                grids.grid(grids.id_grid(GRID_INDICADORES), COLUMNAS_INDICADORES),
                botones_exportar(
                    GRID_INDICADORES, "indicadores-de-la-meta", {"codigo": codigo, **f.as_dict()}
                ),
            ),
        ],
        id="meta-cuerpo",
    )
    return html.Div(
        [
            dcc.Store(id="meta-params", data={"codigo": codigo, **f.as_dict()}),
            migas("meta-migas"),
            barra_filtros(f, campos=CAMPOS_FILTRO),
            html.Div(id="meta-mensaje"),
            dcc.Loading(cuerpo, type="default", delay_show=300),
        ],
        className="pagina-meta",
    )


def _encabezado(ficha: vista.FichaMeta, f: Filtros) -> list[Any]:
    lugar: list[Any] = []
    if ficha.eje:
        lugar.append(
            html.Span(["Eje ", dcc.Link(ficha.eje, href=filtros.href(ruta("eje", ficha.eje), f))])
        )
    if ficha.sector:
        lugar.append(
            html.Span(
                [
                    "Sector ",
                    dcc.Link(
                        ficha.sector_nombre or ficha.sector,
                        href=filtros.href(ruta("sector", ficha.sector), f),
                    ),
                ]
            )
        )
    if ficha.institucion:
        lugar.append(
            html.Span(
                [
                    "Institución ",
                    dcc.Link(
                        ficha.institucion,
                        href=det.enlace_institucion(ficha.institucion, f),
                        title=ficha.institucion_nombre or ficha.institucion,
                    ),
                ]
            )
        )
    separados: list[Any] = []
    for i, parte in enumerate(lugar):
        separados += ([" · "] if i else []) + [parte]
    return [
        html.Div(
            [html.Span(ficha.codigo, className="me-2"), det.NIVELES.get(ficha.nivel, ficha.nivel)],
            className="text-body-secondary fw-semibold",
        ),
        html.H1(ficha.descripcion, className="pagina-titulo", id="meta-titulo"),
        html.Div(separados, className="pagina-subtitulo"),
    ]


def _avances(avances: vista.AvancesMeta, ficha: vista.FichaMeta) -> list[dbc.Col]:
    if avances.n_indicadores:
        origen_directo = (
            f"De sus {avances.n_indicadores} indicadores propios (promedio ponderado)."
            if avances.n_indicadores != 1
            else "De su único indicador propio."
        )
    else:
        origen_directo = "La meta no tiene indicadores propios."
    if avances.n_contribuyentes:
        origen_contrib = (
            f"Promedio ponderado de {avances.n_contribuyentes_usados} de "
            f"{avances.n_contribuyentes} metas que contribuyen (las que están en «Sin dato» no "
            "entran)."
        )
    else:
        origen_contrib = "Ninguna meta contribuye a esta."
    return [
        dbc.Col(
            det.tarjeta_avance(
                "Avance directo",
                avances.avance_directo,
                avances.estado_directo,
                origen_directo,
                id="meta-avance-directo",
            ),
            md=4,
        ),
        dbc.Col(
            det.tarjeta_avance(
                "Avance de contribuyentes",
                avances.avance_contribuyentes,
                avances.estado_contribuyentes,
                origen_contrib,
                id="meta-avance-contribuyentes",
            ),
            md=4,
        ),
        dbc.Col(
            html.Div(
                [
                    html.Div("Semáforo de la meta", className="fw-semibold"),
                    html.Div(
                        insignia_estado(avances.semaforo, id="meta-semaforo"),
                        className="fs-4 my-2",
                    ),
                    html.Div(
                        "Sale del avance directo."
                        if avances.n_indicadores
                        else "Sale del avance de contribuyentes (no tiene indicadores propios).",
                        className="small text-body-secondary",
                    ),
                ],
                className="panel h-100 p-3",
            ),
            md=4,
        ),
    ]


def _nota_filtro(mostradas: int, total: int, f: Filtros, sustantivo: str) -> str:
    if not (f.tema or f.estado) or mostradas == total:
        return ""
    return f"Filtro aplicado: se muestran {mostradas} de {total} {sustantivo}."


def render_meta_contenido(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """Everything the page shows for the params' goal and filters (the callback's body).

    Returns:
        Breadcrumbs, message, body style, header, avance cards, gap sentence and its alert
        colour, cobertura sentence,
        contributors' note and rows, upper goals, indicators' note and rows, evaluated period.
    """
    params = params or {}
    codigo = str(params.get("codigo") or "")
    m = data.mcr()
    f = data.filtros_validos(filtros.from_query(params))
    ficha = vista.ficha_meta(m, codigo) if codigo else None
    if ficha is None:
        aviso = dbc.Alert(
            [
                html.Strong(f"La meta «{codigo}» no existe en la MCR, o no tiene acceso a ella. "),
                "Revise el código o búsquela en la ",
                dcc.Link("cadena de valor", href=filtros.href("/cadena", f)),
                ".",
            ],
            color="warning",
            id="meta-no-existe",
        )
        vacio: tuple[Any, ...] = ([], [], "", "light", "", "", [], [], "", [])
        return (
            migas_children(linaje(m, "meta", codigo), f),
            aviso,
            {"display": "none"},
            *vacio,
            None,
        )

    periodo = data.periodo_efectivo(f.periodo)
    res = data.resultado(periodo, data.hoy_honduras())
    reglas = data.reglas()
    indicadores = vista.indicadores_de_meta(res, m, codigo)
    contribuyentes = vista.metas_contribuyentes(res, m, codigo)
    avances = vista.avances_meta(res, codigo, indicadores, contribuyentes, reglas)
    superiores = vista.metas_superiores(res, m, codigo)

    contrib_vista = filtrar_metas(contribuyentes, m, Filtros(tema=f.tema, estado=f.estado))
    filas_contrib = grids.records(
        contrib_vista.assign(
            nivel_texto=contrib_vista["nivel"].map(det.NIVELES),
            cuenta_texto=contrib_vista["cuenta"].map({True: "Sí", False: "No"}),
            cuenta_motivo=contrib_vista["cuenta"].map(
                {True: "Su avance entra en el promedio", False: "Sin avance o en «Sin dato»"}
            ),
        ).drop(columns=["cuenta", "nivel"]),
        porcentajes=("avance", "participacion"),
        estado="semaforo",
        enlaces={"codigo": lambda fila: det.enlace_meta(fila["codigo"], f)},
    )
    det.con_textos(filas_contrib, numeros=("peso",))

    ind_vista = filtrar_indicadores(indicadores, m, Filtros(tema=f.tema, estado=f.estado))
    filas_ind = grids.records(
        ind_vista.assign(eslabon_texto=ind_vista["eslabon"].map(det.ESLABONES_TEXTO)),
        porcentajes=("avance_pct",),
        estado="semaforo",
        enlaces={"codigo": lambda fila: det.enlace_indicador(fila["codigo"], f)},
    )
    det.con_textos(filas_ind, numeros=("meta", "valor", "peso"))

    return (
        migas_children(linaje(m, "meta", codigo), f),
        None,
        {},
        _encabezado(ficha, f),
        _avances(avances, ficha),
        det.frase_brecha(avances, ficha.nivel),
        "warning" if avances.brecha in ("contribuyentes_adelante", "meta_adelante") else "light",
        det.frase_cobertura(avances, reglas),
        _nota_filtro(len(contrib_vista), len(contribuyentes), f, "metas"),
        filas_contrib,
        det.lista_metas(
            superiores,
            f,
            vacio="Esta meta no contribuye a ninguna otra."
            if ficha.nivel != "presidencial"
            else "Es una meta presidencial: la cima de la cadena de valor.",
            id="meta-superiores-lista",
        ),
        _nota_filtro(len(ind_vista), len(indicadores), f, "indicadores"),
        filas_ind,
        periodo,
    )


@callback(
    Output("meta-migas", "children"),
    Output("meta-mensaje", "children"),
    Output("meta-cuerpo", "style"),
    Output("meta-encabezado", "children"),
    Output("meta-avances", "children"),
    Output("meta-brecha", "children"),
    Output("meta-brecha", "color"),
    Output("meta-cobertura", "children"),
    Output("meta-contribuyentes-nota", "children"),
    Output(grids.id_grid(GRID_CONTRIBUYENTES), "rowData"),
    Output("meta-superiores", "children"),
    Output("meta-indicadores-nota", "children"),
    Output(grids.id_grid(GRID_INDICADORES), "rowData"),
    Output(STORE_PERIODO, "data", allow_duplicate=True),
    Input("meta-params", "data"),
    prevent_initial_call="initial_duplicate",
)
def render_meta(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """Fill the page for the URL's goal and filters."""
    return render_meta_contenido(params)


@callback(
    Output("meta-acciones-mesa", "children"),
    Input("meta-params", "data"),
)
def render_acciones_mesa(params: dict[str, Any] | None) -> Any:
    """The acuerdos, bottlenecks and strategies of the mesas linked to this meta."""
    acciones, f = vistas.acciones_de_entidad("meta", params)
    if acciones is None:
        return None
    return ui_mesas.panel_acciones(
        acciones,
        f,
        vacio="Ninguna mesa tiene acuerdos, cuellos de botella ni estrategias vinculados a "
        "esta meta ni a sus indicadores.",
        id="meta-acciones-lista",
    )


# --- exports: each grid rebuilt on the server as render_meta fills it --------------------------


@exportar.fuente(GRID_CONTRIBUYENTES)
def exportar_contribuyentes(params: dict[str, Any]) -> exportar.Tabla:
    """The contributing goals grid for the URL's parameters (render_meta's 10th output)."""
    return exportar.Tabla(render_meta_contenido(params)[9], COLUMNAS_CONTRIBUYENTES)


@exportar.fuente(GRID_INDICADORES)
def exportar_indicadores(params: dict[str, Any]) -> exportar.Tabla:
    """The indicators grid for the URL's parameters (render_meta's 13th output)."""
    return exportar.Tabla(render_meta_contenido(params)[12], COLUMNAS_INDICADORES)
