"""Building blocks of the institution page: its yearly evaluation, indicators and reporting record.

Grid rows are built from the frames of :mod:`data_layer.vistas.niveles` (numbers travel as numbers
plus the text :mod:`dashboard.formatting` made of them); links keep the current filters.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import filtros, formatting
from dashboard.components import detalle as det
from dashboard.components import grid as grids
from dashboard.components.niveles import columna_conteo, columna_numero, format_valor
from dashboard.figures.niveles import PRESENTACION_BANDA, PRESENTACION_REPORTE
from dashboard.filtros import Filtros
from data_layer.vistas.linaje import ruta


def tabla_evaluacion(evaluacion: pd.DataFrame) -> Any:
    """The yearly evaluación institucional as a small table (year, avance, band, mean)."""
    if evaluacion.empty:
        return html.P("La institución aún no tiene años evaluados.", className="text-muted")
    filas = []
    for fila in evaluacion.to_dict("records"):
        banda = PRESENTACION_BANDA[fila["banda"]]
        filas.append(
            html.Tr(
                [
                    html.Th(str(fila["anio"]), scope="row"),
                    html.Td(formatting.format_porcentaje(fila["avance"]), className="text-end"),
                    html.Td(
                        html.Span(
                            banda.etiqueta,
                            className="banda-insignia",
                            style={"backgroundColor": banda.fondo, "color": banda.texto},
                        )
                    ),
                    html.Td(formatting.format_entero(fila["n_metas"]), className="text-end"),
                    html.Td(formatting.format_porcentaje(fila["promedio"]), className="text-end"),
                ]
            )
        )
    return dbc.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th("Año", scope="col"),
                        html.Th("Avance", scope="col", className="text-end"),
                        html.Th("Banda", scope="col"),
                        html.Th("Metas evaluadas", scope="col", className="text-end"),
                        html.Th("Promedio de las instituciones", scope="col", className="text-end"),
                    ]
                )
            ),
            html.Tbody(filas),
        ],
        size="sm",
        className="nivel-tabla",
        id="institucion-evaluacion-tabla",
        responsive=True,
    )


def columnas_indicadores() -> list[dict]:
    """Columns of an institution's indicators grid."""
    return [
        grids.columna_enlace("codigo", "Indicador", width=150, minWidth=130, pinned="left"),
        grids.columna_texto(
            "nombre", "Nombre", flex=3, minWidth=260, wrapText=True, autoHeight=True
        ),
        grids.columna_enlace("meta_codigo", "Meta", width=130),
        det.columna_periodo_propio(width=105),
        columna_numero("meta", "Meta programada", width=130),
        columna_numero("valor", "Valor reportado", width=130),
        columna_numero("linea_base", "Línea base", width=110),
        grids.columna_texto("unidad", "Unidad", width=150, wrapText=True, autoHeight=True),
        det.columna_avance(width=110),
        grids.columna_semaforo("Semáforo", width=150, minWidth=140),
    ]


def filas_indicadores(
    tabla: pd.DataFrame, f: Filtros, evaluado: str | None = None
) -> list[dict[str, Any]]:
    """Grid rows of :func:`data_layer.vistas.institucion.tabla_indicadores`; each period says
    why it is not the evaluated quarter ``evaluado``, when it is not."""
    marco = tabla.assign(
        meta_texto=tabla["meta"].map(format_valor),
        valor_texto=tabla["valor"].map(format_valor),
        linea_base_texto=tabla["linea_base"].map(format_valor),
    )
    filas = grids.records(
        marco,
        porcentajes=("avance_pct",),
        estado="semaforo",
        enlaces={
            "codigo": lambda fila: filtros.href(ruta("indicador", fila["codigo"]), f),
            "meta_codigo": lambda fila: filtros.href(ruta("meta", fila["meta_codigo"]), f),
        },
    )
    return det.con_motivos(filas, evaluado)


def columnas_conteo_reportes() -> list[dict]:
    """Columns of the reports-per-period grid."""
    return [
        grids.columna_texto("periodo", "Periodo", width=110, pinned="left"),
        grids.columna_texto("vencimiento_texto", "Vence el", width=120),
        columna_conteo("total", "Reportes exigibles", width=120),
        *(
            columna_conteo(e, f"{p.icono} {p.etiqueta}", width=120)
            for e, p in PRESENTACION_REPORTE.items()
        ),
    ]


def filas_conteo_reportes(conteo: pd.DataFrame) -> list[dict[str, Any]]:
    """Grid rows of :func:`data_layer.vistas.institucion.conteo_reportes` (dates ``dd/mm/aaaa``)."""
    marco = conteo.assign(vencimiento_texto=conteo["vencimiento"].map(formatting.format_fecha))
    return grids.records(marco.drop(columns="vencimiento"))


#: How the reporting summary counts reports of each state (one, several).
_PALABRAS_REPORTE: dict[str, tuple[str, str]] = {
    "a_tiempo": ("a tiempo", "a tiempo"),
    "tardio": ("tardío", "tardíos"),
    "faltante": ("faltante", "faltantes"),
    "pendiente": ("por vencer", "por vencer"),
}


def resumen_reportes(conteo: pd.DataFrame) -> html.P:
    """One sentence with the totals of the reporting record, each state as a word and a number."""
    total = int(conteo["total"].sum()) if len(conteo) else 0
    if not total:
        return html.P("No hay reportes exigibles hasta este periodo.", className="text-muted")
    partes: list[Any] = [
        f"De {formatting.format_entero(total)} reportes exigibles hasta "
        f"{conteo['periodo'].iloc[-1]}: "
    ]
    for i, estado in enumerate(PRESENTACION_REPORTE):
        n = int(conteo[estado].sum())
        singular, plural = _PALABRAS_REPORTE[estado]
        if i:
            partes.append(", ")
        partes.append(
            html.Strong(
                f"{formatting.format_entero(n)} {singular if n == 1 else plural}",
                id=f"reportes-total-{estado}",
            )
        )
    partes.append(".")
    return html.P(partes, className="nivel-reportes-resumen")


def columnas_reportes() -> list[dict]:
    """Columns of the grid of late and missing reports."""
    return [
        grids.columna_enlace("indicador", "Indicador", width=150, minWidth=130, pinned="left"),
        grids.columna_texto(
            "nombre", "Nombre", flex=3, minWidth=240, wrapText=True, autoHeight=True
        ),
        grids.columna_texto("periodo", "Periodo", width=105),
        grids.columna_texto("vencimiento_texto", "Vencía el", width=115),
        grids.columna_texto("fecha_reporte_texto", "Reportado el", width=120),
        grids.columna_texto("estado_texto", "Situación", width=120),
        columna_conteo("dias_atraso", "Días de atraso", width=115),
    ]


def filas_reportes(reportes: pd.DataFrame, f: Filtros) -> list[dict[str, Any]]:
    """Grid rows of late and missing reports (``reportes_institucion`` rows), most late first."""
    marco = pd.DataFrame(
        {
            "clave": reportes["indicador"].astype("str") + "|" + reportes["periodo"].astype("str"),
            "indicador": reportes["indicador"].astype("str"),
            "nombre": reportes["nombre"].astype("str"),
            "periodo": reportes["periodo"].astype("str"),
            "vencimiento_texto": reportes["vencimiento"].map(formatting.format_fecha),
            "fecha_reporte_texto": reportes["fecha_reporte"].map(formatting.format_fecha),
            "estado": reportes["estado"].astype("str"),
            "estado_texto": reportes["estado"].map(
                lambda e: f"{PRESENTACION_REPORTE[e].icono} {PRESENTACION_REPORTE[e].etiqueta}"
            ),
            "dias_atraso": reportes["dias_atraso"].astype("int64"),
        }
    ).sort_values(["dias_atraso", "indicador"], ascending=[False, True], kind="stable")
    return grids.records(
        marco,
        enlaces={"indicador": lambda fila: filtros.href(ruta("indicador", fila["indicador"]), f)},
    )
