"""The indicator chart: reported values against original and current targets, baseline, projection.

Periods are categories on the x axis, in time order. For an acumulado indicator every line is the
running total the engine compares (targets and values summed from the first programmed period).
Each reported point carries its state's colour, marker shape and word (in the hover), so colour
is never the only signal; hover texts are formatted in Python (es-HN numbers).

The figure is built as a plain dict (what ``dcc.Graph`` receives anyway): plotly's validating
``go.Figure`` costs some 30 ms per chart, a fifth of this page's time budget.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard import formatting
from dashboard.components.detalle import decimales_de
from dashboard.figures import base_layout
from data_layer.engine.proyeccion_metas import ProyeccionMeta
from data_layer.vistas.detalle_indicador import FichaIndicador, Proyeccion

#: Marker shape of each state on the value line: a shape per state, not only a colour.
SIMBOLOS: dict[str, str] = {
    "rojo": "x",
    "amarillo": "triangle-up",
    "verde": "circle",
    "sin_dato": "circle-open",
    "pendiente": "circle-open",
    "no_programado": "circle-open",
}

#: Height of the chart in pixels (the page gives its ``dcc.Graph`` the same height).
ALTO = 420

COLOR_META = "#0b3a66"
COLOR_ORIGINAL = "#6c757d"
COLOR_VALOR = "#212529"
COLOR_BASE = "#8a5a00"
COLOR_PROYECCION = "#6f42c1"
#: The suggested trajectory of target revisions and its 90 % band.
COLOR_SUGERIDA = "#0f7b6c"
RELLENO_SUGERIDA = "rgba(15, 123, 108, 0.16)"
#: The «por validar» marker: hollow, in the warning colour (a sent value that does not count).
COLOR_POR_VALIDAR = "#b35c00"

#: Words of the engine's forecasts.
PRONOSTICOS: dict[str, str] = {
    "probable": "probable",
    "en_riesgo": "en riesgo",
    "improbable": "improbable",
}


def _textos(valores: pd.Series, decimales: int) -> list[str]:
    return [formatting.format_numero(v, decimales) for v in valores]


def _lista(valores: pd.Series) -> list[float | None]:
    """Numbers for JSON: NaN becomes None (a gap in the line)."""
    return [None if formatting.is_empty(v) else float(v) for v in valores]


def _vacia(mensaje: str) -> dict[str, Any]:
    return {
        "data": [],
        "layout": base_layout(
            height=260,
            xaxis={"visible": False},
            yaxis={"visible": False},
            annotations=[
                {
                    "text": mensaje,
                    "showarrow": False,
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0.5,
                    "y": 0.5,
                    "font": {"size": 14, "color": "#495057"},
                }
            ],
        ),
    }


def _linea(nombre: str, x: list[str], y: pd.Series, textos: list[str], **estilo: Any) -> dict:
    return {
        "type": "scatter",
        "name": nombre,
        "x": x,
        "y": _lista(y),
        "mode": "lines+markers",
        "customdata": textos,
        "hovertemplate": f"%{{x}}<br>{nombre}: %{{customdata}}<extra></extra>",
        **estilo,
    }


def figure_serie_indicador(
    serie: pd.DataFrame,
    ficha: FichaIndicador,
    proyeccion: Proyeccion | None = None,
    periodo_evaluado: str | None = None,
    por_validar: list[tuple[str, float, str]] | None = None,
    sugerida: ProyeccionMeta | None = None,
) -> dict[str, Any]:
    """Values against original and current targets, baseline, projection and evaluated period.

    Args:
        serie: the indicator at each period
            (``data_layer.vistas.detalle_indicador.serie_indicador``).
        ficha: the indicator's metadata (unit, type, baseline).
        proyeccion: the engine's projection; drawn as a dashed line from the last value when it
            has one.
        periodo_evaluado: the indicator's own period as of the evaluated quarter (a dotted
            vertical line), or None.
        por_validar: values sent and not validated, as (period, position on the chart, value
            text): hollow markers labelled «por validar», apart from the reported line (they
            do not count).

    Returns:
        The figure as a dict (``data`` traces and ``layout``); an explanatory empty figure when
        the indicator has no period at all.
    """
    if serie.empty:
        return _vacia("Este indicador no tiene metas programadas ni valores reportados.")
    acumulado = ficha.tipo == "acumulado"
    x = serie["periodo"].astype(str).tolist()
    categorias = list(x)
    if proyeccion is not None and proyeccion.periodo_final and proyeccion.periodo_final not in x:
        categorias.append(proyeccion.periodo_final)
    d = decimales_de([*serie["meta"], *serie["meta_original"], *serie["valor"]])
    sufijo_meta = " acumulada" if acumulado else ""
    sufijo_valor = " acumulado" if acumulado else ""

    trazas: list[dict[str, Any]] = [
        _linea(
            f"Meta original{sufijo_meta}",
            x,
            serie["meta_original"],
            _textos(serie["meta_original"], d),
            line={"color": COLOR_ORIGINAL, "dash": "dot", "width": 2},
            marker={"symbol": "diamond-open", "size": 8, "color": COLOR_ORIGINAL},
        ),
        _linea(
            f"Meta vigente{sufijo_meta}",
            x,
            serie["meta"],
            _textos(serie["meta"], d),
            line={"color": COLOR_META, "width": 2},
            marker={"symbol": "diamond", "size": 7, "color": COLOR_META},
        ),
    ]
    estados = serie["semaforo"].astype(str).tolist()
    presentaciones = [formatting.presentar_estado(e) for e in estados]
    trazas.append(
        {
            "type": "scatter",
            "name": f"Valor reportado{sufijo_valor}",
            "x": x,
            "y": _lista(serie["valor"]),
            "mode": "lines+markers",
            "connectgaps": False,
            "line": {"color": COLOR_VALOR, "width": 2.5},
            "marker": {
                "size": 11,
                "color": [p.fondo for p in presentaciones],
                "symbol": [SIMBOLOS.get(e, "circle") for e in estados],
                "line": {"color": COLOR_VALOR, "width": 1},
            },
            "customdata": [
                [valor, p.rotulo, formatting.format_porcentaje(avance)]
                for valor, p, avance in zip(
                    _textos(serie["valor"], d), presentaciones, serie["avance_pct"], strict=True
                )
            ],
            "hovertemplate": (
                f"%{{x}}<br>Valor{sufijo_valor}: %{{customdata[0]}}"
                "<br>Avance: %{customdata[2]}<br>Estado: %{customdata[1]}<extra></extra>"
            ),
        }
    )
    if ficha.linea_base is not None:
        base = formatting.format_numero(ficha.linea_base, decimales_de([ficha.linea_base]))
        anio = f" ({ficha.anio_base})" if ficha.anio_base else ""
        trazas.append(
            {
                "type": "scatter",
                "name": f"Línea base{anio}: {base}",
                "x": [categorias[0], categorias[-1]],
                "y": [ficha.linea_base, ficha.linea_base],
                "mode": "lines",
                "line": {"color": COLOR_BASE, "dash": "dash", "width": 1.5},
                "hovertemplate": f"Línea base{anio}: {base}<extra></extra>",
            }
        )
    if proyeccion is not None and proyeccion.dibujable:
        palabra = PRONOSTICOS.get(proyeccion.pronostico or "", "")
        final = formatting.format_numero(proyeccion.valor_proyectado, d)
        trazas.append(
            {
                "type": "scatter",
                "name": "Proyección" + (f" ({palabra})" if palabra else ""),
                "x": [proyeccion.periodo_desde, proyeccion.periodo_final],
                "y": [proyeccion.valor_desde, proyeccion.valor_proyectado],
                "mode": "lines+markers",
                "line": {"color": COLOR_PROYECCION, "dash": "dash", "width": 2},
                "marker": {"symbol": ["circle-open", "star"], "size": [1, 13]},
                "hovertemplate": (
                    f"Proyección a {proyeccion.periodo_final}: {final}"
                    + (f" ({palabra})" if palabra else "")
                    + "<extra></extra>"
                ),
            }
        )
    if sugerida is not None and not acumulado and sugerida.periodos:
        trazas.extend(_trazas_sugerida(serie, sugerida, d))
        categorias += [p for p in sugerida.periodos if p not in categorias]
    pendientes = [p for p in por_validar or [] if p[0] in categorias]
    if pendientes:
        trazas.append(
            {
                "type": "scatter",
                "name": "Por validar (no cuenta)",
                "x": [p[0] for p in pendientes],
                "y": [p[1] for p in pendientes],
                "mode": "markers+text",
                "text": ["por validar"] * len(pendientes),
                # Below the marker: the evaluated period's label sits at the top of the plot.
                "textposition": "bottom center",
                "textfont": {"size": 11, "color": COLOR_POR_VALIDAR},
                "marker": {
                    "symbol": "circle-open",
                    "size": 15,
                    "color": COLOR_POR_VALIDAR,
                    "line": {"width": 2.5},
                },
                "customdata": [[p[2]] for p in pendientes],
                "hovertemplate": (
                    "%{x}<br>Por validar: %{customdata[0]}<br>Enviado, aún no validado: no "
                    "cuenta en el avance<extra></extra>"
                ),
            }
        )
    formas, notas = [], []
    if periodo_evaluado and periodo_evaluado in categorias:
        # On a category axis, shapes and annotations take the category's position: a period
        # text such as "2025" would be read as position 2025.
        posicion = categorias.index(periodo_evaluado)
        formas.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": posicion,
                "x1": posicion,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#495057", "width": 1, "dash": "dot"},
            }
        )
        notas.append(
            {
                "text": "Periodo evaluado",
                "xref": "x",
                "yref": "paper",
                "x": posicion,
                "y": 1,
                "xanchor": "right",
                "yanchor": "top",
                "showarrow": False,
                "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"size": 11, "color": "#495057"},
            }
        )
    layout = base_layout(
        height=ALTO,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        shapes=formas,
        annotations=notas,
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": categorias,
            "gridcolor": "#e9ecef",
            "tickangle": -45 if len(categorias) > 12 else 0,
            "automargin": True,
        },
        yaxis={
            "title": {"text": ficha.unidad + (" (acumulado)" if acumulado else "")},
            "gridcolor": "#e9ecef",
            "tickformat": f",.{d}f",
            "zeroline": False,
            "automargin": True,
        },
    )
    return {"data": trazas, "layout": layout}


def _trazas_sugerida(serie: pd.DataFrame, sugerida: ProyeccionMeta, d: int) -> list[dict[str, Any]]:
    """The band (upper edge, then lower edge filled up to it) and the suggested line, both
    starting at the last validated value (``sugerida.parametros["hasta"]``)."""
    desde = str(sugerida.parametros.get("hasta", ""))
    fila = serie.loc[serie["periodo"].astype(str) == desde, "valor_periodo"]
    inicio = [] if fila.empty or pd.isna(fila.iloc[0]) else [(desde, float(fila.iloc[0]))]
    x = [p for p, _ in inicio] + list(sugerida.periodos)
    base = [v for _, v in inicio]
    sugeridos = base + list(sugerida.sugeridos)
    textos = [formatting.format_numero(v, d) for v in sugeridos]
    rangos = [""] * len(base) + [
        f"{formatting.format_numero(a, d)} a {formatting.format_numero(b, d)}"
        for a, b in zip(sugerida.inferior, sugerida.superior, strict=True)
    ]
    return [
        {
            "type": "scatter",
            "name": "Rango plausible (90 %)",
            "x": x,
            "y": base + list(sugerida.superior),
            "mode": "lines",
            "line": {"width": 0, "color": COLOR_SUGERIDA},
            "showlegend": False,
            "hoverinfo": "skip",
            "legendgroup": "sugerida",
        },
        {
            "type": "scatter",
            "name": "Rango plausible (90 %)",
            "x": x,
            "y": base + list(sugerida.inferior),
            "mode": "lines",
            "line": {"width": 0, "color": COLOR_SUGERIDA},
            "fill": "tonexty",
            "fillcolor": RELLENO_SUGERIDA,
            "hoverinfo": "skip",
            "legendgroup": "sugerida",
        },
        {
            "type": "scatter",
            "name": "Trayectoria sugerida",
            "x": x,
            "y": sugeridos,
            "mode": "lines+markers",
            "line": {"color": COLOR_SUGERIDA, "dash": "dash", "width": 2},
            "marker": {"symbol": "circle-open", "size": 8, "color": COLOR_SUGERIDA},
            "customdata": [[t, r] for t, r in zip(textos, rangos, strict=True)],
            "hovertemplate": (
                "%{x}<br>Sugerida: %{customdata[0]}<br>Rango plausible: %{customdata[1]}"
                "<extra></extra>"
            ),
            "legendgroup": "sugerida",
        },
    ]
