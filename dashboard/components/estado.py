"""Traffic-light building blocks: a state badge, a stacked bar of state counts, a count legend.

Every one of them shows the icon and the Spanish word next to the colour, and carries an
accessible label, so that no information depends on colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import html

from dashboard import formatting
from dashboard.components.atributos import aria
from dashboard.formatting import ESTADOS_PRESENTACION


def insignia_estado(estado: str, *, texto: str | None = None, id: str | None = None) -> html.Span:
    """A badge with the state's icon and word (``✖ Rojo``) on its colour.

    Args:
        estado: a state code (``rojo``...).
        texto: text after the icon instead of the state's word.
        id: optional component id.
    """
    p = formatting.presentar_estado(estado)
    extra: dict[str, Any] = {"id": id} if id else {}
    return html.Span(
        [
            html.Span(p.icono, className="estado-icono", **aria(hidden="true")),
            texto or p.etiqueta,
        ],
        className=f"estado-insignia {p.clase}",
        title=p.significado,
        **extra,
    )


def _etiqueta(estado: str) -> str:
    return formatting.presentar_estado(estado).etiqueta


def _estados_con_conteo(conteos: Mapping[str, int]) -> list[tuple[str, int]]:
    return [(e, int(conteos.get(e, 0))) for e in ESTADOS_PRESENTACION if int(conteos.get(e, 0)) > 0]


def describir_conteos(conteos: Mapping[str, int]) -> str:
    """A sentence for screen readers: ``2 en Rojo, 3 en Verde`` (only states with goals)."""
    partes = [
        f"{n} en {formatting.presentar_estado(e).etiqueta}" for e, n in _estados_con_conteo(conteos)
    ]
    return ", ".join(partes) if partes else "Sin metas"


def barra_estados(conteos: Mapping[str, int], *, alto: str = "0.75rem") -> html.Div:
    """A horizontal bar split by state in proportion to ``conteos`` (most urgent first).

    Args:
        conteos: number of goals per state code; missing states count zero.
        alto: CSS height of the bar.
    """
    presentes = _estados_con_conteo(conteos)
    total = sum(n for _, n in presentes)
    segmentos = [
        html.Div(
            className=f"barra-estados-segmento {formatting.presentar_estado(e).clase}",
            style={"width": f"{100 * n / total:.4f}%"},
            title=f"{n} {formatting.presentar_estado(e).etiqueta}",
        )
        for e, n in presentes
    ]
    return html.Div(
        segmentos,
        className="barra-estados" + ("" if total else " barra-estados-vacia"),
        style={"height": alto},
        role="img",
        **aria(label=describir_conteos(conteos)),
    )


def leyenda_conteos(conteos: Mapping[str, int], *, mostrar_ceros: bool = False) -> html.Ul:
    """Counts per state as a list of small badges (``✖ 2 Rojo``), most urgent first."""
    if mostrar_ceros:
        items = [(e, int(conteos.get(e, 0))) for e in ESTADOS_PRESENTACION]
    else:
        items = _estados_con_conteo(conteos)
    return html.Ul(
        [
            html.Li(
                insignia_estado(e, texto=f"{formatting.format_entero(n)} {_etiqueta(e)}"),
                className="leyenda-conteos-item",
            )
            for e, n in items
        ],
        className="leyenda-conteos",
    )
