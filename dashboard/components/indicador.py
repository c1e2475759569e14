"""The indicator page's pieces built from its frames (``/indicadores/<codigo>``): the rows of its
periods grid and the list of its alerts."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import formatting
from dashboard.components import detalle as det
from dashboard.components import grid as grids
from data_layer.vistas.alertas import nombre_tipo

SEVERIDADES = {"alta": "Alta", "media": "Media", "baja": "Baja"}
COLOR_SEVERIDAD = {"alta": "danger", "media": "warning", "baja": "secondary"}
ICONO_SEVERIDAD = {"alta": "✖", "media": "▲", "baja": "●"}


def filas_periodos(serie: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of the periods grid from :func:`data_layer.vistas.detalle_indicador.serie_indicador`.

    Every target and value of the indicator is written with the same decimals (the most any of
    them needs, at most 2); "¿Tarde?" is "—" for a period without a report.
    """
    filas = grids.records(
        serie.assign(tarde_texto=serie["tardio"].map({True: "Sí", False: "No"})).drop(
            columns="tardio"
        ),
        porcentajes=("avance_pct",),
        estado="semaforo",
    )
    decimales = det.decimales_de(
        [*serie["meta"], *serie["meta_original"], *serie["valor"], *serie["meta_periodo"]]
    )
    det.con_textos(
        filas,
        numeros=("meta_original_periodo", "meta_periodo", "valor_periodo", "meta", "valor"),
        decimales=decimales,
        fechas=("fecha_reporte", "vencimiento"),
    )
    for fila in filas:
        if fila.get("fecha_reporte") is None:
            fila["tarde_texto"] = formatting.VACIO
    return filas


def como_se_calcula(
    serie: pd.DataFrame, periodo: str | None, linea_base: float | None, anio_base: int | None
) -> Any:
    """The evaluated period's avance with its baseline and, one click away, how it is computed
    (the formula with the real numbers: the ``explicacion`` of the period's row of
    :func:`~data_layer.vistas.detalle_indicador.serie_indicador`); None without that row."""
    fila = serie.loc[serie["periodo"] == periodo] if periodo else serie.iloc[0:0]
    if fila.empty:
        return None
    r = fila.iloc[0]
    base = (
        "sin línea base"
        if linea_base is None
        else f"línea base {det.numero(linea_base)}"
        + (f" ({anio_base})" if anio_base is not None else "")
    )
    resumen = [
        html.Span(
            f"Avance en {periodo}: {formatting.format_porcentaje(r['avance_pct'])}",
            className="fw-semibold me-2",
        ),
        html.Span(f"· {base} · ", className="text-body-secondary me-1"),
        html.Span("¿Cómo se calcula?", className="como-se-calcula-enlace"),
    ]
    return html.Details(
        [
            html.Summary(resumen),
            html.P(str(r["explicacion"]), className="small mb-0 mt-1", id="indicador-formula"),
        ],
        className="como-se-calcula mt-2",
        id="indicador-como-se-calcula",
    )


def lista_alertas(alertas: pd.DataFrame) -> Any:
    """The indicator's alerts (:func:`~data_layer.vistas.detalle_indicador.alertas_indicador`):
    severity badge, type and message each; a sentence when there is none."""
    if alertas.empty:
        return html.P("Este indicador no tiene alertas en el periodo.", className="text-muted")
    items = [
        html.Li(
            [
                dbc.Badge(
                    f"{ICONO_SEVERIDAD.get(a['severidad'], '')} "
                    f"{SEVERIDADES.get(a['severidad'], a['severidad'])}",
                    color=COLOR_SEVERIDAD.get(a["severidad"], "secondary"),
                    className="me-2",
                    text_color="dark" if a["severidad"] == "media" else None,
                ),
                html.Span(nombre_tipo(a["tipo"]), className="fw-semibold me-2"),
                html.Div(a["mensaje"], className="small"),
            ],
            className="list-group-item",
            **{"data-tipo": a["tipo"]},
        )
        for a in alertas.to_dict("records")
    ]
    return html.Ul(items, className="list-group", id="indicador-alertas-lista")
