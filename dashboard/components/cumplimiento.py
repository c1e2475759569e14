"""The «Cumplimiento de reportes por institución» block: one component for the alert centre and
the eje and sector pages (the ranking of :mod:`data_layer.vistas.cumplimiento`).

A page puts :func:`bloque` in its layout with its id prefix and parameters, registers an export
source for the grid (:func:`dashboard.components.exportar.fuente`) and fills it from a callback
with :func:`salida` (the window sentence, a message when the ranking is empty, the rows).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard import filtros, formatting
from dashboard.components import grid as grids
from dashboard.components.niveles import bloque_grid, columna_conteo, seccion
from dashboard.filtros import Filtros
from data_layer.vistas.cumplimiento import Cumplimiento
from data_layer.vistas.linaje import ruta

TITULO = "Cumplimiento de reportes por institución"

#: What each count column counts (its header tooltip).
AYUDAS = {
    "faltantes": "Reportes vencidos (pasó su plazo) que la institución aún no ha enviado.",
    "tardios": "Reportes recibidos después de su plazo.",
    "devueltos": "Reportes que la DIGER devolvió al menos una vez para corrección.",
    "esperados": "Reportes programados cuyo plazo ya venció (la base de los porcentajes).",
}


def id_grid(prefijo: str) -> str:
    """The block's grid name on a page (``alertas-cumplimiento``, ``sector-cumplimiento``)."""
    return f"{prefijo}-cumplimiento"


def columnas() -> list[dict[str, Any]]:
    """The ranking's columns: sigla (a link to the institution), name, main sector, the three
    counts in ranking order, expected reports, completeness and timeliness."""
    return [
        grids.columna_enlace("institucion", "Sigla", width=115, minWidth=100, pinned="left"),
        grids.columna_texto(
            "nombre", "Institución", flex=2, minWidth=220, wrapText=True, autoHeight=True
        ),
        grids.columna_texto("sector", "Sector principal", width=120, minWidth=100),
        columna_conteo("faltantes", "Faltantes", width=115, headerTooltip=AYUDAS["faltantes"]),
        columna_conteo("tardios", "Tardíos", width=105, headerTooltip=AYUDAS["tardios"]),
        columna_conteo("devueltos", "Devueltos", width=115, headerTooltip=AYUDAS["devueltos"]),
        columna_conteo("esperados", "Esperados", width=115, headerTooltip=AYUDAS["esperados"]),
        grids.columna_porcentaje(
            "completitud", "Completitud", width=125, headerTooltip="Recibidos ÷ esperados"
        ),
        grids.columna_porcentaje(
            "puntualidad", "Puntualidad", width=125, headerTooltip="Recibidos a tiempo ÷ esperados"
        ),
    ]


def bloque(
    prefijo: str,
    archivo: str,
    params: Mapping[str, Any] | None = None,
    titulo: str = TITULO,
    alto: str | None = None,
) -> html.Section:
    """The block, empty: title, the window sentence (``<prefijo>-cumplimiento-ventana``), a
    message slot (``<prefijo>-cumplimiento-mensaje``) and the grid with its export buttons.

    ``alto``: a fixed grid height that scrolls (the alert centre's national list); None grows
    with the rows (a sector's or an eje's few institutions)."""
    grid = id_grid(prefijo)
    tamano: dict[str, Any] = (
        {"auto_height": False, "style": {"height": alto}} if alto else {"auto_height": True}
    )
    return seccion(
        titulo,
        html.P(id=f"{grid}-ventana", className="seccion-ayuda"),
        html.Div(id=f"{grid}-mensaje"),
        bloque_grid(
            grid,
            columnas(),
            archivo,
            params,
            row_id="institucion",
            **tamano,
        ),
        id=f"{grid}-seccion",
    )


def ventana(c: Cumplimiento) -> str:
    """The sentence that says what the ranking counts."""
    desde = "" if c.desde == c.hasta else f"de {c.desde} a "
    return (
        f"Reportes que vencieron {desde}{c.hasta} (del primer trimestre del año evaluado hasta el "
        f"trimestre evaluado), con lo recibido hasta hoy: "
        f"{formatting.format_entero(c.total['faltantes'])} faltantes, "
        f"{formatting.format_entero(c.total['tardios'])} tardíos y "
        f"{formatting.format_entero(c.total['devueltos'])} devueltos de "
        f"{formatting.format_entero(c.total['esperados'])} esperados. Primero las instituciones "
        "con más reportes faltantes; luego, con más tardíos y con más devueltos."
    )


def filas(c: Cumplimiento, f: Filtros) -> list[dict[str, Any]]:
    """Grid rows of the ranking (the institution's link keeps the filters)."""
    consulta = filtros.to_query(f)
    return grids.records(
        c.ranking,
        porcentajes=("completitud", "puntualidad"),
        enlaces={"institucion": lambda fila: ruta("institucion", fila["institucion"]) + consulta},
    )


def salida(c: Cumplimiento, f: Filtros) -> dict[str, Any]:
    """What the block's callback returns: ``ventana``, ``mensaje`` and ``filas``."""
    mensaje = None
    if c.ranking.empty:
        mensaje = dbc.Alert(
            "No hay reportes vencidos en este periodo que usted pueda consultar.", color="info"
        )
    return {"ventana": ventana(c), "mensaje": mensaje, "filas": filas(c, f)}
