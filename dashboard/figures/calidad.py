"""The data-quality trend: completeness and timeliness per quarter (``/calidad``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting
from dashboard.figures import base_layout

#: Line of each rate: Spanish name, colour, dash (colour is not the only signal).
SERIES = {
    "completitud": ("Completitud (recibidos ÷ esperados)", "#0d6efd", "solid"),
    "puntualidad": ("Puntualidad (a tiempo ÷ esperados)", "#b35c00", "dash"),
}


def figure_tendencia(tendencia: pd.DataFrame) -> go.Figure:
    """Completeness and timeliness (%) of each quarter, oldest first, with the counts on hover.

    Args:
        tendencia: :attr:`data_layer.vistas.calidad.VistaCalidad.tendencia`.
    """
    fig = go.Figure()
    x = tendencia["trimestre"].astype(str).tolist()
    for columna, (nombre, color, trazo) in SERIES.items():
        fig.add_trace(
            go.Scatter(
                x=x,
                y=tendencia[columna].tolist(),
                name=nombre,
                mode="lines+markers",
                line={"color": color, "dash": trazo, "width": 2},
                marker={"size": 7},
                customdata=[
                    [formatting.format_porcentaje(v), int(e)]
                    for v, e in zip(tendencia[columna], tendencia["esperados"], strict=True)
                ],
                hovertemplate=f"{nombre}<br>%{{x}}: %{{customdata[0]}} "
                "de %{customdata[1]} reportes esperados<extra></extra>",
            )
        )
    fig.update_layout(
        base_layout(
            height=300,
            margin={"l": 50, "r": 10, "t": 10, "b": 40},
            legend={"orientation": "h", "y": -0.2},
            yaxis={"title": "% de los reportes esperados", "range": [0, 105], "ticksuffix": " %"},
            xaxis={"title": "Trimestre en que vence el periodo", "type": "category"},
        )
    )
    return fig
