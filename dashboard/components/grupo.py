"""Pieces the eje and sector pages share: the heat map callback's work and the goals grid's note."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard import data, filtros, formatting, vistas
from dashboard.components import niveles as ui
from dashboard.figures.niveles import figure_mapa_estados
from data_layer.engine.frames import MCR
from data_layer.vistas import niveles as vn
from data_layer.vistas.grupos import FILAS_MAPA, MAX_FILAS_METAS, Grupo, VistaGrupo
from data_layer.vistas.linaje import ruta

#: The heat map's row title, by the kind of its rows.
TITULO_FILAS = {"sector": "Sector", "institucion": "Institución"}


def mapa(por: Grupo, params: dict[str, Any] | None) -> tuple[Any, Any]:
    """The heat map figure of the URL's eje or sector and the style of its box.

    Each cell opens its row's page in its quarter, keeping the filters. An unknown group leaves
    the map as it is (the page's main callback says the group does not exist).

    Args:
        por: ``eje`` or ``sector``.
        params: the page's params store (``codigo`` and the filters), as the browser sent it.
    """
    params = params if isinstance(params, dict) else {}
    codigo = params.get("codigo")
    m = data.mcr()
    if not isinstance(codigo, str) or vn.nombre_grupo(m, por, codigo) is None:
        return dash.no_update, dash.no_update
    f = data.validar_filtros(filtros.from_query(params), m)
    periodo = data.periodo_efectivo(f.periodo)
    mg = vistas.mapa_grupo(por, codigo, periodo, f)
    fila = FILAS_MAPA[por]
    if fila == "sector":
        nombres = ui.nombres_de(m.sectores, "codigo")
        etiquetas = nombres
    else:
        nombres = ui.nombres_de(m.instituciones, "sigla")
        etiquetas = {s: s for s in mg.filas}
    enlaces = {
        (s, t): filtros.href(ruta(fila, s), f, periodo=t) for s in mg.filas for t in mg.trimestres
    }
    figura = figure_mapa_estados(
        mg.mapa,
        etiquetas,
        {s: f"{s} · {nombres.get(s, s)}" for s in mg.filas},
        enlaces,
        titulo_filas=TITULO_FILAS[fila],
    )
    # The box takes the figure's height: the map grows with its rows (see ui.estilo_alto).
    return figura, ui.estilo_alto(figura)


def nota(f: filtros.Filtros, vista: VistaGrupo) -> html.Div | None:
    """The note under the filters: which filters apply, and whether the goals list was cut."""
    texto = ui.nota_filtros(f)
    if vista.total_metas <= MAX_FILAS_METAS:
        return texto
    return html.Div(
        [
            texto,
            html.P(
                f"Se listan las primeras {formatting.format_entero(MAX_FILAS_METAS)} metas de "
                f"{formatting.format_entero(vista.total_metas)} (por nivel y, en cada nivel, las "
                "más urgentes primero); use los filtros para acotar la lista.",
                className="small text-muted",
            ),
        ]
    )


def filas_metas(vista: VistaGrupo, m: MCR, f: filtros.Filtros) -> list[dict[str, Any]]:
    """The goals grid's rows, with the sector's and institution's names."""
    return ui.filas_metas(
        vista.metas, f, ui.nombres_de(m.sectores, "codigo"), ui.nombres_de(m.instituciones, "sigla")
    )
