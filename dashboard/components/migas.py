"""Breadcrumbs: Inicio › Eje › Sector › Institución › Meta › Indicador, links keeping filters.

A page puts :func:`migas` in its layout (no data) and fills it from a callback with
:func:`migas_children` of :func:`data_layer.vistas.linaje.linaje`::

    migas("meta-migas")                                   # in layout()
    Output("meta-migas", "children")                      # in the callback
    return migas_children(linaje(data.mcr(), "meta", codigo), f)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from dashboard import filtros
from dashboard.components.atributos import aria
from dashboard.filtros import Filtros
from data_layer.vistas.linaje import Miga

#: The word shown before each crumb's label.
TIPOS: dict[str, str] = {
    "inicio": "",
    "eje": "Eje",
    "sector": "Sector",
    "institucion": "Institución",
    "meta": "Meta",
    "indicador": "Indicador",
}


def migas(id: str) -> html.Nav:
    """The breadcrumbs' placeholder (filled by the page's callback through ``children``).

    Args:
        id: the id of the list inside (``"<page>-migas"``): the callback's output.
    """
    return html.Nav(
        html.Ol(
            html.Li(dcc.Link("Inicio", href="/"), className="breadcrumb-item", title="Inicio"),
            id=id,
            className="breadcrumb migas",
        ),
        **aria(label="Ruta de navegación"),
    )


def _contenido(miga: Miga) -> list[Any]:
    tipo = TIPOS.get(miga.tipo, "")
    partes: list[Any] = []
    if tipo:
        partes.append(html.Span(tipo + " ", className="miga-tipo"))
    partes.append(html.Span(miga.etiqueta, className="miga-etiqueta"))
    return partes


def migas_children(items: Sequence[Miga], f: Filtros | None = None) -> list[html.Li]:
    """The crumbs: a link per level keeping the filters ``f``, the last one the current page.

    Args:
        items: the chain from :func:`data_layer.vistas.linaje.linaje`.
        f: the current filters (kept in every link); None for none.
    """
    f = f or Filtros()
    hijos: list[html.Li] = []
    for posicion, miga in enumerate(items):
        ultima = posicion == len(items) - 1
        titulo = miga.titulo or miga.etiqueta
        if ultima:
            hijos.append(
                html.Li(
                    _contenido(miga),
                    className="breadcrumb-item active",
                    title=titulo,
                    **aria(current="page"),
                )
            )
        else:
            hijos.append(
                html.Li(
                    dcc.Link(_contenido(miga), href=filtros.href(miga.ruta, f)),
                    className="breadcrumb-item",
                    title=titulo,
                )
            )
    return hijos
