"""Pieces of the data-quality page and the institution page's own reporting-rates card."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import formatting
from dashboard.components import grid as grids
from dashboard.components.niveles import columna_conteo
from data_layer.vistas.linaje import ruta

#: The figures of a card, in order: field, Spanish label, help text.
CIFRAS = (
    ("completitud", "Completitud", "Reportes recibidos ÷ reportes esperados"),
    ("puntualidad", "Puntualidad", "Reportes recibidos a tiempo ÷ reportes esperados"),
    ("validados", "Validados", "Reportes con un valor validado por la DIGER"),
    ("devueltos", "Devueltos", "Reportes que la DIGER devolvió al menos una vez"),
)


def href_calidad(periodo: str | None = None, sector: str | None = None) -> str:
    """The link to ``/calidad`` with its filters (only the ones given)."""
    params = {k: v for k, v in (("periodo", periodo), ("sector", sector)) if v}
    return "/calidad" + (f"?{urlencode(params)}" if params else "")


def href_reportes(sigla: str) -> str:
    """The link to an institution's reports (``/reportes?institucion=SIGLA``)."""
    return "/reportes?" + urlencode({"institucion": sigla})


def _valor(campo: str, total: dict[str, Any]) -> str:
    if campo in ("completitud", "puntualidad"):
        return formatting.format_porcentaje(total.get(campo))
    return formatting.format_entero(total.get(campo, 0))


def tarjetas(total: dict[str, Any], id_prefijo: str) -> dbc.Row:
    """Four figure cards (completeness, timeliness, validated, returned) of ``total``."""
    esperados = formatting.format_entero(total.get("esperados", 0))
    columnas = []
    for campo, etiqueta, ayuda in CIFRAS:
        columnas.append(
            dbc.Col(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.Div(etiqueta, className="small text-muted"),
                            html.Div(
                                _valor(campo, total),
                                className="fs-4 fw-semibold",
                                id=f"{id_prefijo}-{campo}",
                            ),
                            html.Div(
                                f"{ayuda} (de {esperados} esperados)",
                                className="small text-muted",
                            ),
                        ],
                        className="py-2",
                    ),
                    className="h-100",
                ),
                xs=6,
                lg=3,
                className="mb-2",
            )
        )
    return dbc.Row(columnas, className="g-2")


def _conteos() -> list[dict[str, Any]]:
    return [
        columna_conteo("esperados", "Esperados", width=120),
        columna_conteo("recibidos", "Recibidos", width=120),
        columna_conteo("a_tiempo", "A tiempo", width=110),
        columna_conteo("validados", "Validados", width=120),
        columna_conteo("devueltos", "Devueltos", width=120),
        columna_conteo("con_explicacion", "Con explicación", width=140),
    ]


def columnas_instituciones() -> list[dict[str, Any]]:
    """Columns of the institutions grid (worst first as the rows come)."""
    return [
        grids.columna_enlace("institucion", "Institución", width=125, pinned="left"),
        grids.columna_texto("nombre", "Nombre", flex=1, minWidth=240),
        grids.columna_texto("sector", "Sector", width=95),
        grids.columna_porcentaje("completitud", "Completitud", width=135),
        grids.columna_porcentaje("puntualidad", "Puntualidad", width=135),
        *_conteos(),
        grids.columna_enlace("reportes", "Reportes", width=120, sortable=False, filter=False),
    ]


def filas_instituciones(tabla: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of the institutions grid: the sigla links to the institution's page, «Ver reportes»
    to its reports."""
    return grids.records(
        tabla.assign(reportes="Ver reportes"),
        porcentajes=("completitud", "puntualidad"),
        enlaces={
            "institucion": lambda fila: ruta("institucion", str(fila["institucion"])),
            "reportes": lambda fila: href_reportes(str(fila["institucion"])),
        },
    )


def columnas_sectores() -> list[dict[str, Any]]:
    """Columns of the sectors grid."""
    return [
        grids.columna_enlace("nombre", "Sector", flex=1, minWidth=220, pinned="left"),
        grids.columna_porcentaje("completitud", "Completitud", width=135),
        grids.columna_porcentaje("puntualidad", "Puntualidad", width=135),
        *_conteos(),
    ]


def filas_sectores(tabla: pd.DataFrame, periodo: str | None) -> list[dict[str, Any]]:
    """Rows of the sectors grid; each sector links to this page filtered on it."""
    return grids.records(
        tabla,
        porcentajes=("completitud", "puntualidad"),
        enlaces={"nombre": lambda fila: href_calidad(periodo, str(fila["sector"]))},
    )


def tarjeta_institucion(cifras: dict[str, Any] | None, sigla: str) -> html.Div:
    """The institution page's card: its rates in the latest quarter with reports expected of it,
    and a link to ``/calidad`` on that quarter."""
    if cifras is None:
        cuerpo: list[Any] = [html.P("Aún no vence ningún reporte de esta institución.")]
        periodo = None
    else:
        periodo = str(cifras["periodo"])
        cuerpo = [
            html.P(
                f"Reportes que vencieron en {formatting.format_periodo(periodo)}.",
                className="small text-muted mb-2",
            ),
            tarjetas(cifras, f"institucion-calidad-{sigla}"),
        ]
    return html.Div(
        [
            html.H2("Calidad de sus reportes", className="h5"),
            *cuerpo,
            html.A(
                "Ver la calidad de datos de todas las instituciones",
                href=href_calidad(periodo),
                className="small",
            ),
        ],
        id="institucion-calidad",
        className="mb-4",
    )
