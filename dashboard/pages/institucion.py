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

import datetime as dt
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboard import data, filtros
from dashboard.components import exportar
from dashboard.components import institucion as ui_inst
from dashboard.components import niveles as ui
from dashboard.components.migas import migas_children
from dashboard.figures.niveles import figure_evaluacion, figure_reportes
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from data_layer.engine import evaluacion_institucional
from data_layer.engine.frames import MCR
from data_layer.vistas import institucion as vi
from data_layer.vistas import niveles as vn
from data_layer.vistas.filtros import filtrar_indicadores, filtrar_metas
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
    participa = m.institucion_sectores
    propias = participa.loc[participa["institucion"] == sigla].sort_values(
        ["principal", "sector"], ascending=[False, True]
    )
    nombres = ui.nombres_de(m.sectores, "codigo")
    partes: list[Any] = [html.Span(sigla, className="nivel-sigla")]
    if len(propias):
        enlaces: list[Any] = ["Sectores: " if len(propias) > 1 else "Sector: "]
        for i, sector in enumerate(propias["sector"].astype("str")):
            if i:
                enlaces.append(", ")
            enlaces.append(
                dcc.Link(nombres.get(sector, sector), href=filtros.href(ruta("sector", sector), f))
            )
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


@callback(
    Output(f"{P}-migas", "children"),
    Output(f"{P}-titulo", "children"),
    Output(f"{P}-subtitulo", "children"),
    Output(f"{P}-mensaje", "children"),
    Output(f"{P}-avance", "children"),
    Output({"type": "grid", "grid": f"{P}-metas"}, "rowData"),
    Output({"type": "grid", "grid": f"{P}-indicadores"}, "rowData"),
    Output(f"{P}-contenido", "style"),
    Output(STORE_PERIODO, "data", allow_duplicate=True),
    Input(f"{P}-params", "data"),
    prevent_initial_call="initial_duplicate",
)
def render_institucion(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """Evaluate the URL's quarter and fill the header, the avance panel and the two grids."""
    m, sigla, f, periodo = _contexto(params)
    if sigla is None or periodo is None:
        codigo = (params or {}).get("codigo")
        aviso = ui.aviso_no_existe("la institución", codigo)
        return [], "Institución", None, aviso, None, [], [], {"display": "none"}, dash.no_update
    res = data.resultado(periodo, data.hoy_honduras())
    estrecho = Filtros(sector=f.sector, tema=f.tema)
    solo_estado = Filtros(estado=f.estado)

    grupo = filtrar_metas(vn.metas_del_grupo(res.metas, m, "institucion", sigla), m, estrecho)
    resumen = vn.resumen_grupo(grupo, "institucion", data.reglas())
    metas = vn.tabla_metas(filtrar_metas(grupo, m, solo_estado), m)
    propios = res.indicadores.loc[
        res.indicadores.index.isin(vi.indicadores_de_institucion(m, sigla))
    ]
    ofrecidos = Filtros(sector=f.sector, tema=f.tema, estado=f.estado)
    indicadores = vi.tabla_indicadores(filtrar_indicadores(propios, m, ofrecidos), m)
    return (
        migas_children(linaje(m, "institucion", sigla), f),
        vn.nombre_grupo(m, "institucion", sigla),
        subtitulo(m, sigla, f),
        ui.nota_filtros(f, campos_grupo=("tema", "sector")),
        ui.panel_avance(resumen, "institucional", "de la institución", id=f"{P}-avance-numero"),
        ui.filas_metas(
            metas, f, ui.nombres_de(m.sectores, "codigo"), ui.nombres_de(m.instituciones, "sigla")
        ),
        ui_inst.filas_indicadores(indicadores, f),
        {},
        periodo,
    )


def evaluaciones(anios: list[int], fecha_corte: dt.date) -> list[pd.DataFrame]:
    """The engine's evaluación institucional of each year (every institution), cached.

    Each year is one engine evaluation of the whole MCR (every institution, whoever asks: the
    page shows the user's own rows and the all-institution mean, a public aggregate); it is kept
    in the app's result cache under a key holding the data version, so any import invalidates it.
    """
    d = data.datos()
    version = d.version()
    m = d.mcr_completa(version)
    frames = []
    for anio in anios:
        clave = "evaluacion_institucional:" + d.clave_resultado(str(anio), fecha_corte, version)
        ev = d.cache.get(clave)
        if not isinstance(ev, pd.DataFrame):
            ev = evaluacion_institucional(m, anio, fecha_corte, d.reglas)
            d.cache.set(clave, ev)
        frames.append(ev)
    return frames


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
    tabla = vi.evaluacion_de_institucion(evaluaciones(anios, data.hoy_honduras()), sigla)
    return ui_inst.tabla_evaluacion(tabla), figure_evaluacion(tabla, data.reglas())


@callback(
    Output(f"{P}-reportes-resumen", "children"),
    Output(f"{P}-reportes-grafico", "figure"),
    Output({"type": "grid", "grid": f"{P}-reportes"}, "rowData"),
    Output({"type": "grid", "grid": f"{P}-atrasos"}, "rowData"),
    Input(f"{P}-params", "data"),
)
def render_reportes(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """The reporting record: owed reports per period and state, and the late or missing ones."""
    m, sigla, f, periodo = _contexto(params)
    if sigla is None or periodo is None:
        return None, dash.no_update, [], []
    reportes = vi.reportes_institucion(
        m, sigla, periodo, data.hoy_honduras(), data.reglas().plazo_reporte_dias
    )
    conteo = vi.conteo_reportes(reportes)
    atrasos = reportes.loc[reportes["estado"].isin(["tardio", "faltante"])]
    return (
        ui_inst.resumen_reportes(conteo),
        figure_reportes(conteo),
        ui_inst.filas_conteo_reportes(conteo),
        ui_inst.filas_reportes(atrasos, f),
    )


# --- exports: each grid rebuilt on the server as the page's callbacks fill it ------------------


@exportar.fuente(f"{P}-metas")
def exportar_metas(params: dict[str, Any]) -> exportar.Tabla:
    """The goals grid for the URL's parameters (render_institucion's 6th output)."""
    filas = render_institucion(params)[5]
    return exportar.Tabla(filas, ui.columnas_metas(con_institucion=False))


@exportar.fuente(f"{P}-indicadores")
def exportar_indicadores(params: dict[str, Any]) -> exportar.Tabla:
    """The indicators grid for the URL's parameters (render_institucion's 7th output)."""
    return exportar.Tabla(render_institucion(params)[6], ui_inst.columnas_indicadores())


@exportar.fuente(f"{P}-reportes")
def exportar_reportes(params: dict[str, Any]) -> exportar.Tabla:
    """The reports-per-period grid (render_reportes' 3rd output)."""
    return exportar.Tabla(render_reportes(params)[2], ui_inst.columnas_conteo_reportes())


@exportar.fuente(f"{P}-atrasos")
def exportar_atrasos(params: dict[str, Any]) -> exportar.Tabla:
    """The late and missing reports grid (render_reportes' 4th output)."""
    return exportar.Tabla(render_reportes(params)[3], ui_inst.columnas_reportes())
