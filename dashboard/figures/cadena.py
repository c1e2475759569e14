"""The value chain sunburst: eje → presidential → sectoral → institutional goals, by state.

Kept small (the MCR has hundreds of goals): the figure carries only ids, parents, short labels,
colours, a short hover text and, per node, the goal code and what a click does (``customdata``).
Each goal's label starts with its state's icon, so colour is never the only signal.

Readable at 500+ goals: the chart shows :data:`ANILLOS` rings at a time (``maxdepth``) and goes
down one level per click (a click on the centre goes back up); a label that would be smaller
than :data:`LETRA_MINIMA` px is hidden (``uniformtext``), its slice keeping its colour and hover.
An eje's dimensions (E2-ECO, E2-SOC) are rings of ejes like the others
(:func:`data_layer.vistas.cadena.aplanar_dimensiones`), so they push nothing out of view.
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

#: Rings shown at once: at the top, ejes, presidential and sectoral goals; under a presidential
#: goal, its sectoral and institutional goals.
ANILLOS = 3

#: Smallest label font (px); smaller labels are hidden rather than drawn unreadable.
LETRA_MINIMA = 12

#: What a click on a node does (second item of its ``customdata``).
ABRIR = "abrir"  # a goal with nothing below it: open its page
BAJAR = "bajar"  # an eje or a goal with goals below it: the chart goes down into it

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


def _hover(fila: dict, con_hijos: bool) -> str:
    pie = (
        "<i>Clic: ver las metas que contribuyen</i>"
        if con_hijos
        else "<i>Clic: abrir la ficha de la meta</i>"
    )
    if fila["tipo"] != "meta":
        codigo = html.escape(str(fila["codigo"] or ""))
        return f"<b>{codigo}</b> {html.escape(_corto(fila['descripcion']))}<br>{pie}"
    p = formatting.presentar_estado(str(fila["semaforo"]))
    return (
        f"<b>{html.escape(fila['codigo'])}</b> · {NIVELES_TEXTO.get(fila['nivel'], '')}<br>"
        f"{html.escape(_corto(fila['descripcion']))}<br>"
        f"Avance: {formatting.format_porcentaje(fila['avance'])} · {p.rotulo}<br>{pie}"
    )


def figure_cadena(nodos: pd.DataFrame, nivel: str | None = None) -> dict[str, Any]:
    """The sunburst of the value-chain tree (``data_layer.vistas.cadena.nodos_cadena``).

    Args:
        nodos: the tree's nodes, parents before children.
        nivel: the id of the node the chart opens on (at its centre), or None for the top.

    Returns:
        A sunburst figure as a dict (plotly's validation of ~700-node arrays would cost more
        than building it) showing :data:`ANILLOS` rings at a time; each node's ``customdata``
        is ``[goal code or "", ABRIR | BAJAR]``.
    """
    filas = nodos.to_dict("records")
    padres = set(nodos["padre"].astype("str"))
    etiquetas, colores, textos, hovers = [], [], [], []
    codigos: list[list[str]] = []
    for fila in filas:
        con_hijos = str(fila["id"]) in padres
        accion = BAJAR if con_hijos else ABRIR
        if fila["tipo"] == "meta":
            p = formatting.presentar_estado(str(fila["semaforo"]))
            etiquetas.append(f"{p.icono} {fila['codigo']}")
            colores.append(p.fondo)
            textos.append(p.texto)
            codigos.append([str(fila["codigo"]), accion])
        else:
            etiquetas.append(str(fila["codigo"] or fila["descripcion"]))
            colores.append(FONDO_EJE)
            textos.append(TEXTO_EJE)
            codigos.append(["", BAJAR])
        hovers.append(_hover(fila, con_hijos))
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
                "maxdepth": ANILLOS,
                **({"level": nivel} if nivel else {}),
            }
        ],
        "layout": {
            **base_layout(height=640, margin={"l": 0, "r": 0, "t": 0, "b": 0}),
            "uniformtext": {"minsize": LETRA_MINIMA, "mode": "hide"},
        },
    }


def _clic(click_data: dict | None) -> tuple[str | None, str]:
    """``(goal code or None, action)`` of a sunburst click."""
    if not click_data:
        return None, ""
    puntos = click_data.get("points") or []
    if not puntos:
        return None, ""
    dato = puntos[0].get("customdata")
    accion = ABRIR
    if isinstance(dato, list):
        accion = str(dato[1]) if len(dato) > 1 else ABRIR
        dato = dato[0] if dato else None
    return (str(dato) if dato else None), accion


def meta_de_click(click_data: dict | None) -> str | None:
    """The goal whose page a sunburst click opens (``clickData``): a goal with nothing below
    it; None for an eje, a goal the chart goes down into, or no click."""
    codigo, accion = _clic(click_data)
    return codigo if accion == ABRIR else None


def meta_de_bajada(click_data: dict | None) -> str | None:
    """The goal the chart goes down into on a click (it has goals below), or None."""
    codigo, accion = _clic(click_data)
    return codigo if accion == BAJAR else None
