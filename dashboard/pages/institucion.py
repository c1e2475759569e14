"""Institución (``/instituciones/<sigla>``): an institution's goals, indicators and reporting.

Shows the institution's avance (its institutional goals) with its goals per state; its goals and
the indicators it reports in grids (each code a link to its page); DIGER's evaluación
institucional for every year with data (avance and band bajo / medio / alto, beside the mean of
all institutions), as a table and a bar chart; and its reporting record: for each period up to
the evaluated one, how many of its reports arrived on time, late or not at all, with the list of
late and missing reports and their days of delay.

URL: ``/instituciones/SESAL?periodo=2025-T2&sector=SAL&tema=Género&estado=rojo``. ``periodo`` is
the evaluated quarter (default: the latest quarter whose reports are due); ``sector`` and
``tema`` narrow its goals and indicators; ``estado`` narrows the lists to that state.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, filtros
from dashboard import vistas as vistas_app
from dashboard.components import calidad as ui_calidad
from dashboard.components import exportar
from dashboard.components import institucion as ui_inst
from dashboard.components import niveles as ui
from dashboard.components.migas import migas_children
from dashboard.figures.niveles import figure_evaluacion, figure_reportes
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from dashboard.vistas import evaluaciones_institucionales as evaluaciones
from data_layer import permisos
from data_layer.engine.frames import MCR
from data_layer.vistas import institucion as vi
from data_layer.vistas import niveles as vn
from data_layer.vistas.calidad import calidad_institucion
from data_layer.vistas.linaje import linaje, ruta

dash.register_page(
    __name__,
    path_template="/instituciones/<sigla>",
    name="Institución",
    title="Institución | SIGPRET",
    description="Metas, indicadores, evaluación anual y reportes de una institución.",
    order=12,
)

P = "institucion"
CAMPOS = ("periodo", "sector", "tema", "estado")


def layout(sigla: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton (no data): the URL's sigla and filters in a store, empty containers.

    Args:
        sigla: the institution's sigla, from the path.
        **kwargs: the URL's query parameters (the filters).
    """
    f = filtros.from_query(kwargs)
    secciones = [
        ui.cabecera(
            html.Div(id=f"{P}-avance"),
            html.Div(
                [
                    html.H3("Evaluación institucional", className="panel-titulo"),
                    html.P(
                        "Avance anual de sus metas institucionales al cierre "
                        "de cada año, como lo publica DIGER (bandas bajo, "
                        "medio y alto).",
                        className="panel-subtitulo",
                    ),
                    html.Div(id=f"{P}-evaluacion"),
                    ui.grafico(f"{P}-evaluacion-grafico", alto="300px"),
                ],
                className="panel",
            ),
        ),
        ui.seccion(
            "Metas de la institución",
            ui.bloque_grid(
                f"{P}-metas",
                ui.columnas_metas(con_institucion=False),
                "metas-de-la-institucion",
            ),
        ),
        ui.seccion(
            "Indicadores que reporta",
            ui.bloque_grid(
                f"{P}-indicadores",
                ui_inst.columnas_indicadores(),
                "indicadores-de-la-institucion",
            ),
        ),
        html.Div(id=f"{P}-calidad"),
        ui.seccion(
            "Registro de reportes",
            html.P(
                "Reportes exigibles de sus indicadores en cada periodo hasta el "
                "evaluado: a tiempo, tardíos (después del plazo) y faltantes "
                "(plazo vencido sin valor).",
                className="seccion-ayuda",
            ),
            html.Div(id=f"{P}-reportes-resumen"),
            ui.grafico(f"{P}-reportes-grafico", alto="300px"),
            ui.bloque_grid(
                f"{P}-reportes",
                ui_inst.columnas_conteo_reportes(),
                "reportes-por-periodo",
                row_id="periodo",
            ),
            html.H3(
                "Reportes tardíos y faltantes",
                className="panel-titulo mt-3",
            ),
            ui.bloque_grid(
                f"{P}-atrasos",
                ui_inst.columnas_reportes(),
                "reportes-tardios-y-faltantes",
                row_id="clave",
            ),
            clase="",
        ),
    ]
    return ui.esqueleto(P, "Institución", sigla, f, CAMPOS, secciones)


def subtitulo(m: MCR, sigla: str, f: Filtros) -> html.Div:
    """The sigla and the sectors whose mesas the institution takes part in (main one first)."""
    propias = vi.sectores_de_institucion(m, sigla)
    partes: list[Any] = [html.Span(sigla, className="nivel-sigla")]
    if propias:
        enlaces: list[Any] = ["Sectores: " if len(propias) > 1 else "Sector: "]
        for i, (sector, nombre) in enumerate(propias):
            if i:
                enlaces.append(", ")
            enlaces.append(dcc.Link(nombre, href=filtros.href(ruta("sector", sector), f)))
        partes.append(html.Span(enlaces))
    return html.Div(partes, className="nivel-subtitulo d-flex flex-wrap column-gap-4 row-gap-1")


def _contexto(params: dict[str, Any] | None) -> tuple[MCR, str | None, Filtros, str | None]:
    """The MCR, the sigla (None when unknown), the valid filters and the evaluated quarter."""
    params = params or {}
    m = data.mcr()
    sigla = params.get("codigo")
    if vn.nombre_grupo(m, "institucion", sigla) is None:
        return m, None, Filtros(), None
    f = data.validar_filtros(filtros.from_query(params), m)
    return m, sigla, f, data.periodo_efectivo(f.periodo)


SALIDAS = {
    "migas": Output(f"{P}-migas", "children"),
    "titulo": Output(f"{P}-titulo", "children"),
    "subtitulo": Output(f"{P}-subtitulo", "children"),
    "mensaje": Output(f"{P}-mensaje", "children"),
    "avance": Output(f"{P}-avance", "children"),
    "metas": Output({"type": "grid", "grid": f"{P}-metas"}, "rowData"),
    "indicadores": Output({"type": "grid", "grid": f"{P}-indicadores"}, "rowData"),
    "contenido": Output(f"{P}-contenido", "style"),
    "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
}


@callback(Input(f"{P}-params", "data"), output=SALIDAS, prevent_initial_call="initial_duplicate")
def render_institucion(params: dict[str, Any] | None) -> dict[str, Any]:
    """Evaluate the URL's quarter and fill the header, the avance panel and the two grids."""
    m, sigla, f, periodo = _contexto(params)
    if sigla is None or periodo is None:
        codigo = (params or {}).get("codigo")
        return {
            "migas": [],
            "titulo": "Institución",
            "subtitulo": None,
            "mensaje": ui.aviso_no_existe("la institución", codigo),
            "avance": None,
            "metas": [],
            "indicadores": [],
            "contenido": {"display": "none"},
            "periodo": dash.no_update,
        }
    res = data.resultado(periodo, data.hoy_honduras())
    vista = vi.vista_institucion(res, m, sigla, f, data.reglas())
    return {
        "migas": migas_children(linaje(m, "institucion", sigla), f),
        "titulo": vn.nombre_grupo(m, "institucion", sigla),
        "subtitulo": subtitulo(m, sigla, f),
        "mensaje": ui.nota_filtros(f, campos_grupo=("tema", "sector")),
        "avance": ui.panel_avance(
            vista.resumen, "institucional", "de la institución", id=f"{P}-avance-numero"
        ),
        "metas": ui.filas_metas(
            vista.metas,
            f,
            ui.nombres_de(m.sectores, "codigo"),
            ui.nombres_de(m.instituciones, "sigla"),
        ),
        "indicadores": ui_inst.filas_indicadores(vista.indicadores, f, periodo),
        "contenido": {},
        "periodo": periodo,
    }


@callback(
    Output(f"{P}-evaluacion", "children"),
    Output(f"{P}-evaluacion-grafico", "figure"),
    Input(f"{P}-params", "data"),
)
def render_evaluacion(params: dict[str, Any] | None) -> tuple[Any, Any]:
    """The yearly evaluación institucional up to the evaluated quarter's year."""
    m, sigla, _f, periodo = _contexto(params)
    if sigla is None or periodo is None:
        return None, dash.no_update
    anios = vi.anios_con_datos(m, periodo)
    tabla = vi.evaluacion_para(
        data.alcance_actual(),
        data.datos().mcr_completa(),
        evaluaciones(anios, data.hoy_honduras()),
        sigla,
    )
    return ui_inst.tabla_evaluacion(tabla), figure_evaluacion(tabla, data.reglas())


SALIDAS_REPORTES = {
    "resumen": Output(f"{P}-reportes-resumen", "children"),
    "grafico": Output(f"{P}-reportes-grafico", "figure"),
    "conteo": Output({"type": "grid", "grid": f"{P}-reportes"}, "rowData"),
    "atrasos": Output({"type": "grid", "grid": f"{P}-atrasos"}, "rowData"),
}


@callback(Input(f"{P}-params", "data"), output=SALIDAS_REPORTES)
def render_reportes(params: dict[str, Any] | None) -> dict[str, Any]:
    """The reporting record: owed reports per period and state, and the late or missing ones."""
    m, sigla, f, periodo = _contexto(params)
    if sigla is None or periodo is None:
        return {"resumen": None, "grafico": dash.no_update, "conteo": [], "atrasos": []}
    registro = vi.registro_reportes(
        m, sigla, periodo, data.hoy_honduras(), data.reglas().plazo_reporte_dias
    )
    return {
        "resumen": ui_inst.resumen_reportes(registro.conteo),
        "grafico": figure_reportes(registro.conteo),
        "conteo": ui_inst.filas_conteo_reportes(registro.conteo),
        "atrasos": ui_inst.filas_reportes(registro.atrasos, f),
    }


# --- exports: each grid rebuilt on the server as the page's callbacks fill it ------------------


@exportar.fuente(f"{P}-metas")
def exportar_metas(params: dict[str, Any]) -> exportar.Tabla:
    """The goals grid for the URL's parameters (render_institucion's 6th output)."""
    filas = render_institucion(params)["metas"]
    return exportar.Tabla(filas, ui.columnas_metas(con_institucion=False))


@exportar.fuente(f"{P}-indicadores")
def exportar_indicadores(params: dict[str, Any]) -> exportar.Tabla:
    """The indicators grid for the URL's parameters (render_institucion's 7th output)."""
    return exportar.Tabla(render_institucion(params)["indicadores"], ui_inst.columnas_indicadores())


@exportar.fuente(f"{P}-reportes")
def exportar_reportes(params: dict[str, Any]) -> exportar.Tabla:
    """The reports-per-period grid (render_reportes' 3rd output)."""
    return exportar.Tabla(render_reportes(params)["conteo"], ui_inst.columnas_conteo_reportes())


@exportar.fuente(f"{P}-atrasos")
def exportar_atrasos(params: dict[str, Any]) -> exportar.Tabla:
    """The late and missing reports grid (render_reportes' 4th output)."""
    return exportar.Tabla(render_reportes(params)["atrasos"], ui_inst.columnas_reportes())


@callback(Output(f"{P}-calidad", "children"), Input(f"{P}-params", "data"))
def render_calidad(params: dict[str, Any] | None) -> Any:
    """The institution's own reporting rates in its latest quarter with reports due (a card
    linking to ``/calidad``), for who may see them (:func:`permisos.puede_ver_calidad_institucion`).
    """
    m, sigla, _f, _periodo = _contexto(params)
    if sigla is None:
        return None
    sectores = [s for s, _ in vi.sectores_de_institucion(m, sigla)]
    if not permisos.puede_ver_calidad_institucion(data.alcance_actual(), sigla, sectores):
        return None
    return ui_calidad.tarjeta_institucion(
        calidad_institucion(vistas_app.estado_calidad(), sigla), sigla
    )
