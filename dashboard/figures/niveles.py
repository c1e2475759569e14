"""Figures of the level pages: the state heat map, the yearly institutional evaluation, the reports.

Colour is never the only signal: every heat-map cell carries the state's icon and the rounded
avance, every bar its band or state word, and the hover says it in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting
from dashboard.figures import base_layout
from dashboard.formatting import ESTADOS_PRESENTACION
from data_layer.engine.frames import AMARILLO, PENDIENTE, ROJO, VERDE, Reglas


@dataclass(frozen=True)
class Presentacion:
    """How a category (a band, a report state) is shown: word, icon and the state colours."""

    etiqueta: str
    icono: str
    fondo: str
    texto: str


def _como_estado(estado: str, etiqueta: str) -> Presentacion:
    p = ESTADOS_PRESENTACION[estado]
    return Presentacion(etiqueta, p.icono, p.fondo, p.texto)


#: Bands of the evaluación institucional, with the colours of the states of the same ranges.
PRESENTACION_BANDA: dict[str, Presentacion] = {
    "bajo": _como_estado(ROJO, "Bajo"),
    "medio": _como_estado(AMARILLO, "Medio"),
    "alto": _como_estado(VERDE, "Alto"),
}

#: States of an owed report (``data_layer.vistas.institucion.ESTADOS_REPORTE``).
PRESENTACION_REPORTE: dict[str, Presentacion] = {
    "a_tiempo": _como_estado(VERDE, "A tiempo"),
    "tardio": _como_estado(AMARILLO, "Tardío"),
    "faltante": _como_estado(ROJO, "Faltante"),
    "pendiente": _como_estado(PENDIENTE, "Por vencer"),
}

#: Value of each state on the heat map's discrete colour scale (display order).
_Z_ESTADO = {e: i for i, e in enumerate(ESTADOS_PRESENTACION)}

#: Height in pixels of one heat-map row, and of what surrounds the rows (the quarters written
#: above them, the legend below).
ALTO_FILA_MAPA = 34
ALTO_MARCO_MAPA = 100


def alto_mapa_estados(n_filas: int) -> int:
    """The pixel height of a heat map with ``n_filas`` rows (every row keeps its own height).

    Args:
        n_filas: number of rows (sectors, institutions) drawn.

    Returns:
        ``ALTO_MARCO_MAPA + ALTO_FILA_MAPA × n_filas``.
    """
    return ALTO_MARCO_MAPA + ALTO_FILA_MAPA * n_filas


def _escala_discreta() -> list[list[Any]]:
    """Colour scale where the integer ``i`` (zmin −0.5, zmax n − 0.5) takes state ``i``'s colour."""
    n = len(ESTADOS_PRESENTACION)
    escala: list[list[Any]] = []
    for i, p in enumerate(ESTADOS_PRESENTACION.values()):
        escala += [[i / n, p.fondo], [(i + 1) / n, p.fondo]]
    return escala


def _vacia(mensaje: str, alto: int = 160) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        **base_layout(
            height=alto,
            xaxis={"visible": False},
            yaxis={"visible": False},
            annotations=[
                {
                    "text": mensaje,
                    "showarrow": False,
                    "font": {"size": 14, "color": "#495057"},
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0.5,
                    "y": 0.5,
                }
            ],
        )
    )
    return fig


def figure_mapa_estados(
    mapa: pd.DataFrame,
    etiquetas: Mapping[str, str],
    nombres: Mapping[str, str],
    enlaces: Mapping[tuple[str, str], str],
    *,
    titulo_filas: str,
) -> go.Figure:
    """Heat map of states: one row per group, one column per quarter.

    Args:
        mapa: long frame of :func:`data_layer.vistas.niveles.mapa_estados` (``fila``,
            ``periodo``, ``avance``, ``n_metas``, ``semaforo``).
        etiquetas: row code → the short label on the axis (a sigla, a sector's name).
        nombres: row code → the full name shown on hover.
        enlaces: (row code, period) → the page a click on that cell opens.
        titulo_filas: what the rows are, in Spanish (``Sector``, ``Institución``).

    Returns:
        The figure: a cell per (row, quarter) coloured by the state of the row's roll-up, with the
        state's icon and the rounded avance written inside; the hover gives the name, the quarter,
        the state word, the avance and the number of goals; ``customdata[1]`` holds the link.
        Rows without any goal in a quarter are blank.
    """
    if mapa.empty:
        return _vacia("No hay metas que mostrar en el mapa.")
    filas = list(dict.fromkeys(mapa["fila"]))
    columnas = list(dict.fromkeys(mapa["periodo"]))
    tabla = mapa.set_index(["fila", "periodo"])
    z: list[list[Any]] = []
    texto: list[list[str]] = []
    datos: list[list[list[str]]] = []
    for fila in filas:
        z_fila: list[Any] = []
        texto_fila: list[str] = []
        datos_fila: list[list[str]] = []
        for periodo in columnas:
            celda = tabla.loc[(fila, periodo)]
            estado = celda["semaforo"]
            nombre = nombres.get(fila, fila)
            if not isinstance(estado, str):
                z_fila.append(None)
                texto_fila.append("")
                datos_fila.append([f"<b>{nombre}</b><br>{periodo}: sin metas en este periodo", ""])
                continue
            p = ESTADOS_PRESENTACION[estado]
            avance = celda["avance"]
            z_fila.append(_Z_ESTADO[estado])
            texto_fila.append(
                f"{p.icono} {formatting.format_numero(avance, 0)}"
                if not formatting.is_empty(avance)
                else p.icono
            )
            n = int(celda["n_metas"])
            detalle = (
                f"<b>{nombre}</b><br>{periodo} · {p.icono} {p.etiqueta} ({p.significado.lower()})"
                f"<br>Avance: {formatting.format_porcentaje(avance)}"
                f"<br>{formatting.format_entero(n)} {'meta' if n == 1 else 'metas'}"
                "<br><i>Clic para abrir</i>"
            )
            datos_fila.append([detalle, enlaces.get((fila, periodo), "")])
        z.append(z_fila)
        texto.append(texto_fila)
        datos.append(datos_fila)

    n_estados = len(ESTADOS_PRESENTACION)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columnas,
            y=[etiquetas.get(f, f) for f in filas],
            text=texto,
            texttemplate="%{text}",
            textfont={"size": 12},
            customdata=datos,
            hovertemplate="%{customdata[0]}<extra></extra>",
            colorscale=_escala_discreta(),
            zmin=-0.5,
            zmax=n_estados - 0.5,
            showscale=False,
            xgap=3,
            ygap=3,
            hoverongaps=False,
            name=titulo_filas,
        )
    )
    # Legend entries (a heat map has none): one square per state present, with its word.
    presentes = [e for e in ESTADOS_PRESENTACION if (mapa["semaforo"] == e).any()]
    for estado in presentes:
        p = ESTADOS_PRESENTACION[estado]
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": p.fondo},
                name=f"{p.icono} {p.etiqueta}",
                hoverinfo="skip",
                showlegend=True,
            )
        )
    fig.update_layout(
        **base_layout(
            height=alto_mapa_estados(len(filas)),
            margin={"l": 10, "r": 10, "t": 30, "b": 10},
            showlegend=True,
            # Below the cells: the quarters are written above them.
            legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
        )
    )
    fig.update_xaxes(type="category", side="top", fixedrange=True, showgrid=False, title_text=None)
    fig.update_yaxes(
        type="category",
        autorange="reversed",
        fixedrange=True,
        showgrid=False,
        ticks="",
        title_text=None,
        automargin=True,
    )
    return fig


def figure_evaluacion(evaluacion: pd.DataFrame, reglas: Reglas) -> go.Figure:
    """Bars of an institution's yearly evaluación institucional, coloured and labelled by band.

    Args:
        evaluacion: :func:`data_layer.vistas.institucion.evaluacion_de_institucion` rows (``anio``,
            ``avance``, ``banda``, ``n_metas``, ``promedio``).
        reglas: the band limits (``banda_medio``, ``banda_alto``), drawn as dotted lines.

    Returns:
        One bar per year with "82.3 % · Alto" written on it, and a line with the mean of all
        institutions evaluated that year.
    """
    if evaluacion.empty:
        return _vacia("La institución aún no tiene años evaluados.")
    anios = [str(a) for a in evaluacion["anio"]]
    bandas = [PRESENTACION_BANDA[b] for b in evaluacion["banda"]]
    fig = go.Figure(
        go.Bar(
            x=anios,
            y=evaluacion["avance"].tolist(),
            marker={"color": [b.fondo for b in bandas]},
            text=[
                f"{formatting.format_porcentaje(a)} · {b.etiqueta}"
                for a, b in zip(evaluacion["avance"], bandas, strict=True)
            ],
            textposition="inside",
            insidetextanchor="end",
            textfont={"color": [b.texto for b in bandas]},
            # Numbers are written in Python (the product's one format), not by d3 in the browser.
            customdata=[
                [b.etiqueta, formatting.format_entero(n), formatting.format_porcentaje(a)]
                for b, n, a in zip(bandas, evaluacion["n_metas"], evaluacion["avance"], strict=True)
            ],
            hovertemplate=(
                "Año %{x}<br>Avance: %{customdata[2]}<br>Banda: %{customdata[0]}"
                "<br>%{customdata[1]} metas evaluadas<extra></extra>"
            ),
            name="Avance de la institución",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=anios,
            y=evaluacion["promedio"].tolist(),
            mode="lines+markers",
            line={"color": "#0b3a66", "width": 2, "dash": "dot"},
            marker={"size": 8, "symbol": "diamond"},
            name="Promedio de las instituciones",
            customdata=[formatting.format_porcentaje(p) for p in evaluacion["promedio"]],
            hovertemplate="Año %{x}<br>Promedio de las instituciones: %{customdata}<extra></extra>",
        )
    )
    for limite in (reglas.banda_medio, reglas.banda_alto):
        fig.add_hline(y=limite, line={"color": "#adb5bd", "width": 1, "dash": "dash"})
    fig.update_layout(
        **base_layout(
            height=300,
            margin={"l": 10, "r": 10, "t": 40, "b": 10},
            showlegend=True,
            legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
            bargap=0.35,
        )
    )
    fig.update_xaxes(type="category", fixedrange=True, title_text=None)
    fig.update_yaxes(
        range=[0, 105],
        ticksuffix=" %",
        gridcolor="#e9ecef",
        fixedrange=True,
        title_text=None,
    )
    return fig


def figure_reportes(conteo: pd.DataFrame) -> go.Figure:
    """Stacked bars of owed reports per period: on time, late, missing, not yet due.

    Args:
        conteo: :func:`data_layer.vistas.institucion.conteo_reportes` rows.

    Returns:
        One bar per period (chronological), one segment per report state with its count written
        inside; the legend names the states in words.
    """
    if conteo.empty:
        return _vacia("La institución no tiene reportes exigibles hasta este periodo.")
    etiquetas = [str(p) for p in conteo["periodo"]]
    fig = go.Figure()
    for estado, p in PRESENTACION_REPORTE.items():
        valores = conteo[estado].astype(int).tolist()
        if not any(valores):
            continue
        fig.add_trace(
            go.Bar(
                name=f"{p.icono} {p.etiqueta}",
                x=etiquetas,
                y=valores,
                marker={"color": p.fondo, "line": {"color": "#ffffff", "width": 1}},
                text=[str(v) if v else "" for v in valores],
                textposition="inside",
                textfont={"color": p.texto},
                hovertemplate=f"%{{x}}<br>{p.etiqueta}: %{{y:,}} reportes<extra></extra>",
            )
        )
    fig.update_layout(
        **base_layout(
            barmode="stack",
            height=300,
            margin={"l": 10, "r": 10, "t": 40, "b": 10},
            showlegend=True,
            legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
            bargap=0.25,
        )
    )
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=etiquetas,
        fixedrange=True,
        tickangle=-45,
        title_text=None,
    )
    fig.update_yaxes(tickformat=",d", gridcolor="#e9ecef", fixedrange=True, title_text=None)
    return fig
