"""Eje estratégico (``/ejes/<codigo>``): how an eje's goals stand, by sector and institution.

Shows the eje's avance (its presidential goals, as the overview's card) with its goals per state
and per level; its sectors and its institutions in grids, each row a link one level down; the
compliance ranking of the institutions reporting in its sectors
(:mod:`dashboard.components.cumplimiento`); a heat map of the state of each sector's roll-up over
the last eight quarters (a click opens that sector in that quarter); and all the goals of the eje
in a grid. Built by the level page factory (:mod:`dashboard.components.pagina_nivel`), like the
sector page.

URL: ``/ejes/E2-SOC?periodo=2025-T2&tema=Género&estado=rojo``. ``periodo`` is the evaluated
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
    path_template="/ejes/<codigo>",
    name="Eje estratégico",
    title="Eje estratégico | SIGPRET",
    description="Avance de un eje estratégico, sus sectores, instituciones y metas.",
    order=10,
)


def subtitulo(lugar: Ubicacion, _codigo: str, f: Filtros) -> Any:
    """For a dimension of an eje (E2-SOC), a link to its parent eje (E2); else nothing."""
    padre = lugar.eje_padre
    if not padre:
        return None
    return html.Span(
        ["Dimensión del eje ", dcc.Link(padre, href=filtros.href(ruta("eje", padre), f))]
    )


NIVEL = Nivel(
    por="eje",
    tipo="Eje estratégico",
    articulo="el eje",
    nivel_avance="presidencial",
    del_grupo="del eje",
    grillas=(
        Grilla(
            "sectores",
            "Sectores del eje",
            "Avance de las metas sectoriales de cada sector; el sector con menor avance aparece "
            "primero.",
            "sectores-del-eje",
        ),
        Grilla(
            "instituciones",
            "Instituciones del eje",
            "Avance de las metas institucionales de cada institución en los sectores del eje.",
            "instituciones-del-eje",
        ),
    ),
    titulo_mapa="Evolución del estado de cada sector",
    ayuda_mapa="Estado del avance de las metas sectoriales en los últimos ocho trimestres. Haga "
    "clic en una celda para abrir ese sector en ese trimestre.",
    titulo_metas="Metas del eje",
    archivo_metas="metas-del-eje",
    metas_con_sector=True,
    titulo_con_codigo=True,
    subtitulo=subtitulo,
)

P = NIVEL.por
pagina = crear_pagina(NIVEL, __name__)
layout = pagina.layout
render_eje = pagina.render
render_mapa = pagina.render_mapa
render_cumplimiento = pagina.render_cumplimiento
