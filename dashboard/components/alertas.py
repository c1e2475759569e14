"""The alert center's pieces built from its alerts (``/alertas``): grid rows and count tiles."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import filtros, formatting
from dashboard.filtros import Filtros
from data_layer.engine.explicacion import motivo_periodo
from data_layer.vistas.alertas import (
    NOMBRES_SEVERIDAD,
    SEVERIDADES,
    con_mensajes,
    conteo_alertas,
    conteo_severidades,
    nombre_tipo,
)


def filas_alertas(
    alertas: pd.DataFrame, f: Filtros, evaluado: str | None = None, inicio: int = 0
) -> list[dict[str, Any]]:
    """The grid's rows: only the fields its columns read; entity links keep the filters.

    Args:
        alertas: the alerts to list (one block of the grid, or all of them for an export).
        f: the filters kept in the links.
        evaluado: the evaluated quarter; an alert about another period (an annual indicator's
            last closed year) says why in ``periodo_texto`` and ``periodo_motivo``.
        inicio: the position of the first alert in the grid (rows are identified by their
            position: ``id`` is ``inicio``, ``inicio + 1``…).
    """
    orden = {s: i for i, s in enumerate(SEVERIDADES)}
    filas = []
    for i, fila in enumerate(con_mensajes(alertas).to_dict("records"), start=inicio):
        severidad = str(fila["severidad"])
        filas.append(
            {
                "id": str(i),
                "severidad": severidad,
                "severidad_orden": orden.get(severidad, len(orden)),
                "severidad_texto": NOMBRES_SEVERIDAD.get(severidad, severidad),
                "severidad_orden_exportar": NOMBRES_SEVERIDAD.get(severidad, severidad),
                "tipo_texto": nombre_tipo(str(fila["tipo"])),
                "entidad": str(fila["entidad"]),
                "entidad_href": filtros.href(str(fila["enlace"]), f),
                "mensaje": str(fila["mensaje"]),
                **{
                    c: None if formatting.is_empty(fila.get(c)) else str(fila[c])
                    for c in ("eje", "sector", "institucion", "periodo")
                },
            }
        )
        motivo = motivo_periodo(filas[-1]["periodo"], evaluado)
        filas[-1]["periodo_motivo"] = motivo or f"El periodo evaluado, {evaluado}"
        filas[-1]["periodo_texto"] = (
            filas[-1]["periodo"] if motivo is None else f"{filas[-1]['periodo']} ({_corto(motivo)})"
        )
    return filas


def _corto(motivo: str) -> str:
    """The reason without the period it starts with: «último año cerrado al 2026-T3»."""
    return motivo.split(" es ", 1)[1].removeprefix("el ")


def tarjetas_conteos(alertas: pd.DataFrame) -> list[Any]:
    """Severity tiles and a table of counts per type and severity."""
    severidades = conteo_severidades(alertas)
    tiles = html.Div(
        [
            html.Div(
                [
                    html.Div(NOMBRES_SEVERIDAD[s], className=f"severidad severidad-{s}"),
                    html.Div(formatting.format_entero(n), className="alertas-conteo-numero"),
                    html.Div("alertas", className="alertas-conteo-detalle"),
                ],
                className="alertas-conteo",
                id=f"alertas-conteo-{s}",
            )
            for s, n in severidades.items()
        ],
        className="alertas-conteos-severidad",
    )
    tabla = conteo_alertas(alertas)
    encabezado = html.Thead(
        html.Tr(
            [html.Th("Tipo", scope="col")]
            + [
                html.Th(NOMBRES_SEVERIDAD[s], scope="col", className="text-end")
                for s in SEVERIDADES
            ]
            + [html.Th("Total", scope="col", className="text-end")]
        )
    )
    cuerpo = html.Tbody(
        [
            html.Tr(
                [html.Th(nombre_tipo(str(tipo)), scope="row")]
                + [
                    html.Td(
                        formatting.format_entero(fila[c]) if fila[c] else "", className="text-end"
                    )
                    for c in (*SEVERIDADES, "total")
                ]
            )
            for tipo, fila in tabla.iterrows()
        ]
    )
    return [
        dbc.Row(
            [
                dbc.Col(tiles, lg=4),
                dbc.Col(
                    dbc.Table(
                        [encabezado, cuerpo],
                        size="sm",
                        hover=True,
                        className="alertas-tabla-conteos mb-0",
                        id="alertas-tabla-conteos",
                        responsive=True,
                    ),
                    lg=8,
                ),
            ],
            className="g-3",
        )
    ]
