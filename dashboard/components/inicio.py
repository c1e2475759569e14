"""The pieces of each role's home (``/inicio``): the headline, one card per block, the links.

Everything shown comes already worded from :mod:`data_layer.vistas.inicio`; these functions only
lay it out. Every row is a link to the page where one acts.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import data, formatting
from dashboard.components.atributos import aria
from dashboard.components.tarjetas import tarjetas_estados
from data_layer.vistas.inicio import Bloque, Inicio, Item

#: Prefix of every element id of the page.
P = "inicio"


def _item(item: Item) -> html.Li:
    return html.Li(
        [
            dcc.Link(item.texto, href=item.href, className="inicio-item-texto"),
            html.Div(item.detalle, className="inicio-item-detalle") if item.detalle else None,
        ],
        className="inicio-item" + (" inicio-item-urgente" if item.urgente else ""),
    )


def _estados(bloque: Bloque) -> Any:
    """The goal counts per state, each tile opening the sector page filtered by that state."""
    if bloque.conteos is None:
        return None
    base = bloque.enlace.href if bloque.enlace else "/"
    tiles = tarjetas_estados(
        bloque.conteos,
        id_tipo=f"{P}-estado-{bloque.clave}",
        rangos=formatting.describir_umbrales(data.reglas()),
    )
    enlaces = [
        dcc.Link(
            tile,
            href=f"{base}{'&' if '?' in base else '?'}estado={estado}",
            className="tarjeta-enlace",
            title=f"Ver las metas en {formatting.presentar_estado(estado).etiqueta}",
        )
        for tile, estado in zip(tiles, formatting.ESTADOS_PRESENTACION, strict=True)
    ]
    return html.Div(
        [
            html.H3(bloque.conteos_titulo, className="inicio-items-titulo")
            if bloque.conteos_titulo
            else None,
            html.Div(enlaces, className="resumen-estados"),
        ],
        className="inicio-estados",
    )


def tarjeta(bloque: Bloque) -> html.Section:
    """One block as a card: title, one-sentence answer, the rows, the link to the whole list."""
    lista = (
        html.Ul([_item(i) for i in bloque.items], className="inicio-items")
        if bloque.items
        else html.P(bloque.vacio, className="inicio-vacio text-muted")
    )
    return html.Section(
        html.Div(
            [
                html.H2(bloque.titulo, className="inicio-bloque-titulo h5"),
                html.P(bloque.resumen, className="inicio-resumen"),
                _estados(bloque),
                html.H3(bloque.items_titulo, className="inicio-items-titulo")
                if bloque.items_titulo and bloque.items
                else None,
                lista,
                dcc.Link(
                    bloque.enlace.texto + " →", href=bloque.enlace.href, className="inicio-enlace"
                )
                if bloque.enlace
                else None,
            ],
            className="card-body",
        ),
        id=f"{P}-{bloque.clave}",
        className="card inicio-bloque h-100" + (" inicio-urgente" if bloque.urgente else ""),
        **aria(label=bloque.titulo),
    )


def contenido(vista: Inicio | None) -> list[Any]:
    """The whole home: heading, headline, the cards (goal blocks full width), the wider links."""
    if vista is None:
        return [dbc.Alert("Inicie sesión para ver su inicio.", color="info")]
    anchos = [
        dbc.Col(tarjeta(b), xs=12, lg=12 if b.conteos is not None else 6, className="mb-3")
        for b in vista.bloques
    ]
    return [
        html.Div(
            [
                html.H1(vista.titulo, className="pagina-titulo", id=f"{P}-titulo"),
                html.P(vista.subtitulo, className="pagina-subtitulo", id=f"{P}-subtitulo")
                if vista.subtitulo
                else None,
            ],
            className="mb-2",
        ),
        html.P(
            vista.titular,
            id=f"{P}-titular",
            className="inicio-titular"
            + (" inicio-titular-alerta" if any(b.urgente for b in vista.bloques) else ""),
            role="status",
        ),
        dbc.Row(anchos, className="g-3"),
        html.Nav(
            [
                dcc.Link(e.texto + " →", href=e.href, className="inicio-enlace")
                for e in vista.enlaces
            ],
            id=f"{P}-enlaces",
            className="inicio-enlaces",
            **aria(label="Otras vistas"),
        ),
    ]
