"""The value chain sunburst: eje → presidential → sectoral → institutional goals, by state.

Kept small (the MCR has hundreds of goals): the figure carries only ids, parents, short labels,
colours, a short hover text and the goal code (``customdata``, read when a goal is clicked). Each
goal's label starts with its state's icon, so colour is never the only signal.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from dashboard import formatting
from dashboard.figures import base_layout

#: Fill and text colour of the eje and group rings (not a state).
FONDO_EJE = "#e8f0f8"
TEXTO_EJE = "#0b3a66"

#: Characters of a goal's description shown in the hover.
LARGO_DESCRIPCION = 90

NIVELES_TEXTO = {
    "presidencial": "Meta presidencial",
    "sectorial": "Meta sectorial",
    "institucional": "Meta institucional",
}


def _corto(texto: str, largo: int = LARGO_DESCRIPCION) -> str:
    texto = " ".join(str(texto).split())
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


def _hover(fila: dict) -> str:
    if fila["tipo"] != "meta":
        codigo = html.escape(str(fila["codigo"] or ""))
        return f"<b>{codigo}</b> {html.escape(_corto(fila['descripcion']))}"
    p = formatting.presentar_estado(str(fila["semaforo"]))
    return (
        f"<b>{html.escape(fila['codigo'])}</b> · {NIVELES_TEXTO.get(fila['nivel'], '')}<br>"
        f"{html.escape(_corto(fila['descripcion']))}<br>"
        f"Avance: {formatting.format_porcentaje(fila['avance'])} · {p.rotulo}"
    )


def figure_cadena(nodos: pd.DataFrame) -> dict[str, Any]:
    """The sunburst of the value-chain tree (``data_layer.vistas.cadena.nodos_cadena``).

    Args:
        nodos: the tree's nodes, parents before children.

    Returns:
        A sunburst figure as a dict (plotly's validation of ~700-node arrays would cost more
        than building it); clicking an eje zooms into it, and a goal's ``customdata`` is its
        code.
    """
    filas = nodos.to_dict("records")
    etiquetas, colores, textos, hovers, codigos = [], [], [], [], []
    for fila in filas:
        if fila["tipo"] == "meta":
            p = formatting.presentar_estado(str(fila["semaforo"]))
            etiquetas.append(f"{p.icono} {fila['codigo']}")
            colores.append(p.fondo)
            textos.append(p.texto)
            codigos.append(fila["codigo"])
        else:
            etiquetas.append(str(fila["codigo"] or fila["descripcion"]))
            colores.append(FONDO_EJE)
            textos.append(TEXTO_EJE)
            codigos.append("")
        hovers.append(_hover(fila))
    return {
        "data": [
            {
                "type": "sunburst",
                "ids": nodos["id"].tolist(),
                "parents": nodos["padre"].tolist(),
                "labels": etiquetas,
                "customdata": codigos,
                "hovertext": hovers,
                "hovertemplate": "%{hovertext}<extra></extra>",
                "marker": {"colors": colores, "line": {"color": "#ffffff", "width": 0.5}},
                "insidetextfont": {"color": textos},
                "insidetextorientation": "radial",
                "sort": False,
                "maxdepth": 4,
            }
        ],
        "layout": base_layout(height=640, margin={"l": 0, "r": 0, "t": 0, "b": 0}),
    }


def meta_de_click(click_data: dict | None) -> str | None:
    """The goal code of a sunburst click (``clickData``), or None for an eje or no click."""
    if not click_data:
        return None
    puntos = click_data.get("points") or []
    if not puntos:
        return None
    codigo = puntos[0].get("customdata")
    if isinstance(codigo, list):  # some plotly versions wrap customdata
        codigo = codigo[0] if codigo else None
    return str(codigo) if codigo else None
