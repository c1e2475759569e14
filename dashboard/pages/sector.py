"""Sector (``/sectores/<codigo>``): how a sector's goals stand, institution by institution.

Shows the sector's avance (its sectorial goals) with its goals per state and per level; the
institutions of its mesa in a grid (their institutional goals in the sector), each row a link to
the institution, with its missing reports; the compliance ranking of its institutions (missing,
late and returned reports, :mod:`dashboard.components.cumplimiento`); a heat map of the state of
each institution's roll-up over the last eight quarters (a click opens that institution in that
quarter); the acuerdos, bottlenecks and strategies of the mesas linked to its goals; all the goals
of the sector in a grid; and a link to the sector's mesa (MESGEPRET). Built by the level page
factory (:mod:`dashboard.components.pagina_nivel`), like the eje page.

URL: ``/sectores/SAL?periodo=2025-T2&tema=Género&estado=rojo``. ``periodo`` is the evaluated
quarter (default: the latest quarter whose reports are due), ``tema`` narrows every number to the
goals with an indicator of that theme, ``estado`` narrows the lists to that state.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from dashboard import filtros
from dashboard.components.pagina_nivel import Grilla, Nivel, crear_pagina
from dashboard.filtros import Filtros
from data_layer.vistas.grupos import Ubicacion
from data_layer.vistas.linaje import ruta

dash.register_page(
    __name__,
    path_template="/sectores/<codigo>",
    name="Sector",
    title="Sector | SIGPRET",
    description="Avance de un sector, sus instituciones y sus metas.",
    order=11,
)


def subtitulo(lugar: Ubicacion, codigo: str, f: Filtros) -> html.Div:
    """The sector's ejes and rectora institution (links) and its mesa's link."""
    partes: list[Any] = []
    if lugar.ejes:
        enlaces: list[Any] = ["Eje " if len(lugar.ejes) == 1 else "Ejes "]
        for i, eje in enumerate(lugar.ejes):
            if i:
                enlaces.append(" y ")
            enlaces.append(dcc.Link(eje, href=filtros.href(ruta("eje", eje), f)))
        partes.append(html.Span(enlaces))
    if lugar.rectora:
        partes.append(
            html.Span(
                [
                    "Institución rectora: ",
                    dcc.Link(
                        lugar.rectora, href=filtros.href(ruta("institucion", lugar.rectora), f)
                    ),
                ]
            )
        )
    partes.append(
        dcc.Link(
            "Mesa sectorial (MESGEPRET) ›",
            href=filtros.href(f"/mesas/{codigo}", f),
            id="sector-mesa",
            className="nivel-enlace-mesa",
        )
    )
    return html.Div(partes, className="nivel-subtitulo d-flex flex-wrap column-gap-4 row-gap-1")


NIVEL = Nivel(
    por="sector",
    tipo="Sector",
    articulo="el sector",
    nivel_avance="sectorial",
    del_grupo="del sector",
    grillas=(
        Grilla(
            "instituciones",
            "Instituciones del sector",
            "Avance de las metas institucionales de cada institución en este sector; la "
            "institución con menor avance aparece primero. Las columnas de estado cuentan metas "
            "(«Sin dato»: metas con menos de la mitad de sus indicadores reportados); "
            "«Reportes faltantes» cuenta reportes vencidos y no recibidos en el año evaluado.",
            "instituciones-del-sector",
            faltantes=True,
        ),
    ),
    titulo_mapa="Evolución del estado de cada institución",
    ayuda_mapa="Estado del avance de las metas institucionales del sector en los últimos ocho "
    "trimestres. Haga clic en una celda para abrir esa institución en ese trimestre.",
    titulo_metas="Metas del sector",
    archivo_metas="metas-del-sector",
    metas_con_sector=False,
    titulo_con_codigo=False,
    subtitulo=subtitulo,
    acciones=(
        "Acuerdos, cuellos de botella y estrategias vinculados a las metas del sector o a sus "
        "indicadores.",
        "Ninguna mesa tiene acuerdos, cuellos de botella ni estrategias vinculados a las metas "
        "del sector ni a sus indicadores.",
    ),
)

P = NIVEL.por
pagina = crear_pagina(NIVEL, __name__)
layout = pagina.layout
render_sector = pagina.render
render_mapa = pagina.render_mapa
render_cumplimiento = pagina.render_cumplimiento
render_acciones_mesa = pagina.render_acciones_mesa
