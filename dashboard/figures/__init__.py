"""Plotly figures of the dashboard, with the house look and Honduran number format.

Every figure is shown with :data:`GRAPH_CONFIG` (plotly's Spanish locale, vendored in ``assets/``)
and a layout with ``separators=".,"``: the Spanish locale alone would print a decimal comma, while
Honduras writes ``1,234.5``.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import dcc

from dashboard import formatting
from dashboard.formatting import ESTADOS_PRESENTACION

#: ``config`` of every ``dcc.Graph``.
GRAPH_CONFIG: dcc.Graph.Config = {
    "locale": "es",
    "displaylogo": False,
    "responsive": True,
    # «Share chart...» (Plotly Cloud) is plotly's only untranslated button, and it sends
    # nothing anywhere here: removed.
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "sendChartToCloud"],
}

#: ``config`` of small summary charts: nothing to zoom, so no mode bar.
GRAPH_CONFIG_RESUMEN: dcc.Graph.Config = {**GRAPH_CONFIG, "displayModeBar": False}

FUENTE = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def base_layout(**cambios: Any) -> dict[str, Any]:
    """The common layout: Honduran separators, system font, white background, tight margins."""
    layout: dict[str, Any] = {
        "separators": ".,",
        "font": {"family": FUENTE, "size": 13, "color": "#212529"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "hoverlabel": {"font": {"family": FUENTE}},
    }
    layout.update(cambios)
    return layout


def figure_estados_por_eje(resumen: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars: how many presidential goals of each eje group are in each state.

    Args:
        resumen: frame indexed by eje code with ``nombre`` and one count column per state
            (as :func:`dashboard.data.resumen_ejes` returns).

    Returns:
        The figure; one trace per state that has at least one goal, most urgent first, each
        segment labelled with its count so colour is not the only signal.
    """
    fig = go.Figure()
    ejes = list(resumen.index.astype(str))
    for estado, p in ESTADOS_PRESENTACION.items():
        if estado not in resumen.columns or int(resumen[estado].sum()) == 0:
            continue
        valores = resumen[estado].astype(int).tolist()
        fig.add_trace(
            go.Bar(
                name=f"{p.icono} {p.etiqueta}",
                y=ejes,
                x=valores,
                orientation="h",
                marker={"color": p.fondo, "line": {"color": "#ffffff", "width": 1}},
                text=[str(v) if v else "" for v in valores],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": p.texto},
                customdata=resumen["nombre"].astype(str).tolist(),
                hovertemplate=f"%{{customdata}}<br>{p.etiqueta}: %{{x:,}} metas<extra></extra>",
            )
        )
    maximo = int(
        resumen[[e for e in ESTADOS_PRESENTACION if e in resumen.columns]].sum(axis=1).max() or 0
    )
    fig.update_layout(
        **base_layout(
            barmode="stack",
            showlegend=True,
            legend={
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.02,
                "x": 0,
                "traceorder": "normal",
                "font": {"size": 12},
            },
            margin={"l": 10, "r": 10, "t": 30, "b": 10},
            height=70 + 40 * max(len(ejes), 1),
            bargap=0.3,
        )
    )
    fig.update_xaxes(
        tickformat=",d",
        dtick=max(1, math.ceil(maximo / 6)),
        gridcolor="#e9ecef",
        zeroline=False,
        fixedrange=True,
    )
    fig.update_yaxes(autorange="reversed", ticks="", title_text=None, fixedrange=True)
    if not ejes:
        fig.add_annotation(text=formatting.VACIO, showarrow=False)
    return fig
