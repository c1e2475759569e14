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
from dash import Input, Output, State, callback, dcc, html

from dashboard import data, filtros, respuestas, vistas
from dashboard.components import detalle as det
from dashboard.components import exportar
from dashboard.components import formularios as fm
from dashboard.components import grid as grids
from dashboard.components import mesas as ui_mesas
from dashboard.components import meta as ui_meta
from dashboard.components import respuesta_ministro as ui_respuesta
from dashboard.components.atributos import aria
from dashboard.components.estado import insignia_estado
from dashboard.components.exportar import botones_exportar
from dashboard.components.filtros import barra_filtros
from dashboard.components.migas import migas, migas_children
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from data_layer.vistas import detalle as vista
from data_layer.vistas import respuestas as vista_respuestas
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
    det.columna_periodo_propio(width=110),
    det.columna_numero("meta", "Meta", width=110),
    det.columna_numero("valor", "Valor", width=110),
    det.columna_numero(
        "linea_base",
        "Línea base",
        width=110,
        headerTooltip="Con línea base (indicadores de nivel), el avance mide qué parte del camino "
        "entre la línea base y la meta se ha recorrido.",
    ),
    det.columna_avance(width=110),
    grids.columna_semaforo("Semáforo", width=160),
    det.columna_numero("peso", "Peso", width=90),
]


def _seccion(titulo: str, *contenido: Any, id: str | None = None) -> html.Section:
    extra: dict[str, Any] = {"id": id} if id else {}
    return html.Section(
        [html.H2(titulo, className="seccion-titulo"), *contenido],
        className="mb-4",
        **aria(label=titulo),
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
                "Respuesta del ministro a la Presidencia",
                dcc.Store(id=ui_respuesta.REFRESCO, data=0),
                html.Div(id=ui_respuesta.SECCION),
                ui_respuesta.formulario(),
                html.Div(id=ui_respuesta.RESULTADO),
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
                explicacion=avances.explicacion_directo,
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


SALIDAS = {
    "migas": Output("meta-migas", "children"),
    "mensaje": Output("meta-mensaje", "children"),
    "cuerpo": Output("meta-cuerpo", "style"),
    "encabezado": Output("meta-encabezado", "children"),
    "avances": Output("meta-avances", "children"),
    "brecha": Output("meta-brecha", "children"),
    "brecha_color": Output("meta-brecha", "color"),
    "cobertura": Output("meta-cobertura", "children"),
    "contribuyentes_nota": Output("meta-contribuyentes-nota", "children"),
    "contribuyentes": Output(grids.id_grid(GRID_CONTRIBUYENTES), "rowData"),
    "superiores": Output("meta-superiores", "children"),
    "indicadores_nota": Output("meta-indicadores-nota", "children"),
    "indicadores": Output(grids.id_grid(GRID_INDICADORES), "rowData"),
    "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
}


def _no_existe(codigo: str, f: Filtros) -> dbc.Alert:
    return dbc.Alert(
        [
            html.Strong(f"La meta «{codigo}» no existe en la MCR, o no tiene acceso a ella. "),
            "Revise el código o búsquela en la ",
            dcc.Link("cadena de valor", href=filtros.href("/cadena", f)),
            ".",
        ],
        color="warning",
        id="meta-no-existe",
    )


def render_meta_contenido(params: dict[str, Any] | None) -> dict[str, Any]:
    """Everything the page shows for the params' goal and filters (the callback's body).

    Returns:
        One value per output of :data:`SALIDAS`: breadcrumbs, message, body style, header,
        avance cards, gap sentence and its alert colour, cobertura sentence, contributors' note
        and rows, upper goals, indicators' note and rows, evaluated period.
    """
    params = params or {}
    codigo = str(params.get("codigo") or "")
    m = data.mcr()
    f = data.filtros_validos(filtros.from_query(params))
    migas_meta = migas_children(linaje(m, "meta", codigo), f)
    ficha = vista.ficha_meta(m, codigo) if codigo else None
    if ficha is None:
        return {
            "migas": migas_meta,
            "mensaje": _no_existe(codigo, f),
            "cuerpo": {"display": "none"},
            "encabezado": [],
            "avances": [],
            "brecha": "",
            "brecha_color": "light",
            "cobertura": "",
            "contribuyentes_nota": "",
            "contribuyentes": [],
            "superiores": [],
            "indicadores_nota": "",
            "indicadores": [],
            "periodo": None,
        }

    periodo = data.periodo_efectivo(f.periodo)
    res = data.resultado(periodo, data.hoy_honduras())
    reglas = data.reglas()
    contenido = vista.contenido_meta(res, m, codigo, f, reglas)
    avances = contenido.avances
    brecha_notable = avances.brecha in ("contribuyentes_adelante", "meta_adelante")
    return {
        "migas": migas_meta,
        "mensaje": None,
        "cuerpo": {},
        "encabezado": _encabezado(ficha, f),
        "avances": _avances(avances, ficha),
        "brecha": det.frase_brecha(avances, ficha.nivel),
        "brecha_color": "warning" if brecha_notable else "light",
        "cobertura": det.frase_cobertura(avances, reglas),
        "contribuyentes_nota": _nota_filtro(
            len(contenido.contribuyentes), contenido.total_contribuyentes, f, "metas"
        ),
        "contribuyentes": ui_meta.filas_contribuyentes(contenido.contribuyentes, f),
        "superiores": det.lista_metas(
            contenido.superiores,
            f,
            vacio="Esta meta no contribuye a ninguna otra."
            if ficha.nivel != "presidencial"
            else "Es una meta presidencial: la cima de la cadena de valor.",
            id="meta-superiores-lista",
        ),
        "indicadores_nota": _nota_filtro(
            len(contenido.indicadores), contenido.total_indicadores, f, "indicadores"
        ),
        "indicadores": ui_meta.filas_indicadores(contenido.indicadores, f, periodo),
        "periodo": periodo,
    }


@callback(Input("meta-params", "data"), output=SALIDAS, prevent_initial_call="initial_duplicate")
@respuestas.compartida
def render_meta(params: dict[str, Any] | None) -> dict[str, Any]:
    """Fill the page for the URL's goal and filters."""
    return render_meta_contenido(params)


@callback(
    Output("meta-acciones-mesa", "children"),
    Input("meta-params", "data"),
)
@respuestas.compartida
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


def _respuesta_de(params: dict[str, Any] | None) -> tuple[Any, str, str]:
    """The goal's response panel, its code and evaluated period (None when it is not seen)."""
    params = params or {}
    codigo = str(params.get("codigo") or "")
    ficha = vista.ficha_meta(data.mcr(), codigo) if codigo else None
    f = data.filtros_validos(filtros.from_query(params))
    periodo = data.periodo_efectivo(f.periodo) if ficha is not None else ""
    if ficha is None or not periodo:
        return None, codigo, periodo
    res = data.resultado(periodo, data.hoy_honduras())
    with data.sesion_lectura() as s:
        panel = vista_respuestas.panel_meta(s, data.alcance_actual(), res, codigo, ficha.sector)
    return panel, codigo, periodo


@callback(
    output={
        "seccion": Output(ui_respuesta.SECCION, "children"),
        "estilo": Output(ui_respuesta.FORMULARIO, "style"),
        "titulo": Output(ui_respuesta.TITULO_FORMULARIO, "children"),
        "vigente": Output(ui_respuesta.VIGENTE, "data"),
    },
    inputs={
        "params": Input("meta-params", "data"),
        "_refresco": Input(ui_respuesta.REFRESCO, "data"),
    },
)
def render_respuesta(params: dict[str, Any] | None, _refresco: Any) -> dict[str, Any]:
    """The minister's current response (and earlier ones); the form, shown to the sector's
    minister when the goal is red in the period shown."""
    panel = _respuesta_de(params)[0]
    return {"seccion": ui_respuesta.seccion(panel), **ui_respuesta.estado_formulario(panel)}


@callback(
    output={
        "resultado": Output(ui_respuesta.RESULTADO, "children"),
        "refresco": Output(ui_respuesta.REFRESCO, "data"),
        "token": Output(ui_respuesta.TOKEN, "data"),
        "texto": Output(ui_respuesta.TEXTO, "value"),
        "acciones": Output(ui_respuesta.ACCIONES, "value"),
        "fecha": Output(ui_respuesta.FECHA, "value"),
        "firmante": Output(ui_respuesta.FIRMANTE, "value"),
    },
    inputs={
        "_clic": Input(ui_respuesta.BOTON, "n_clicks"),
        "params": State("meta-params", "data"),
        "texto": State(ui_respuesta.TEXTO, "value"),
        "acciones": State(ui_respuesta.ACCIONES, "value"),
        "fecha": State(ui_respuesta.FECHA, "value"),
        "firmante": State(ui_respuesta.FIRMANTE, "value"),
        "vigente": State(ui_respuesta.VIGENTE, "data"),
        "token": State(ui_respuesta.TOKEN, "data"),
        "refresco": State(ui_respuesta.REFRESCO, "data"),
    },
    running=[(Output(ui_respuesta.BOTON, "disabled"), True, False)],
    prevent_initial_call=True,
)
def guardar_respuesta(
    _clic: Any,
    params: dict[str, Any] | None,
    texto: Any,
    acciones: Any,
    fecha: Any,
    firmante: Any,
    vigente: Any,
    token: Any,
    refresco: Any,
) -> dict[str, Any]:
    """Record the minister's response; the goal's state is the server's, for the URL's period."""
    panel, codigo, periodo = _respuesta_de(params)
    respuesta = ui_respuesta.guardar(
        codigo,
        panel.semaforo if panel is not None else None,
        periodo,
        texto,
        acciones,
        fecha,
        firmante,
        vigente,
        token,
    )
    token_nuevo, campos = fm.tras_guardar(
        respuesta, {"texto": "", "acciones": "", "fecha": None, "firmante": ""}
    )
    return {
        "resultado": respuesta.alerta,
        "refresco": (refresco or 0) + 1 if respuesta.guardado else dash.no_update,
        "token": token_nuevo,
        **campos,
    }


# --- exports: each grid rebuilt on the server as render_meta fills it --------------------------


@exportar.fuente(GRID_CONTRIBUYENTES)
def exportar_contribuyentes(params: dict[str, Any]) -> exportar.Tabla:
    """The contributing goals grid for the URL's parameters (render_meta's ``contribuyentes``)."""
    return exportar.Tabla(render_meta_contenido(params)["contribuyentes"], COLUMNAS_CONTRIBUYENTES)


@exportar.fuente(GRID_INDICADORES)
def exportar_indicadores(params: dict[str, Any]) -> exportar.Tabla:
    """The indicators grid for the URL's parameters (render_meta's ``indicadores``)."""
    return exportar.Tabla(render_meta_contenido(params)["indicadores"], COLUMNAS_INDICADORES)
