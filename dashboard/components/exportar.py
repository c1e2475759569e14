"""Export what a grid shows to CSV or Excel: "Descargar CSV" / "Descargar Excel" buttons.

Usage in a page (the grid needs the dict id of :func:`dashboard.components.grid.id_grid`)::

    grids.grid(grids.id_grid("sector-metas"), COLUMNAS)
    botones_exportar("sector-metas", "metas-del-sector", params={"codigo": "SAL", ...})

    @fuente("sector-metas")
    def exportar_metas(params):  # the same rows the page's callback gives the grid
        return Tabla(filas_metas(...), COLUMNAS)

An export is rebuilt on the server, never taken from the browser: the one pattern-matching
callback (:func:`register_callbacks`) receives only which grid and button, the page's parameters
(the URL's code and filters, kept with the buttons; validated by :func:`parametros` and again by
the page's own code) and the grid's ``filterModel`` and ``columnState``. It calls the grid's
:func:`fuente`, which builds the rows from the same scoped view the page built them from (so a
forged request gets only what its user may see, at the cost of a real one), then applies the
filters and sort (:mod:`dashboard.components.modelo_grid`) and the visible columns (ordered and
hidden as the user left them), with their Spanish headers. Numbers stay numbers, rounded as the
cell shows them (in Excel with the cell's number format), dates are dates; a formatted
companion (``<field>_texto``) is used for non-numeric cells, the traffic-light column exports
its word, and a row may name any cell's export value in ``<field>_exportar``. Text that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is neutralised with a leading apostrophe.

The file is named ``sigpret-<tabla>-<códigos de filtro>-<período>_<fecha>`` and an Excel
workbook carries a «Filtros» sheet (the filters, the period, when and by whom): both come from
:func:`data_layer.vistas.exportacion.describir`, with the filters the page validated and the
period it evaluated (:func:`describir_exportacion`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, MATCH, Dash, Input, Output, State, ctx, dcc, html

from dashboard import data, filtros
from dashboard.components import grid as grids
from dashboard.components import modelo_grid
from dashboard.components.atributos import aria
from dashboard.components.tabla_archivo import (
    MIME_XLSX,
    formatos_exportados,
    tabla_exportada,
    to_csv,
    to_xlsx,
)
from data_layer.periods import ZONA_HONDURAS
from data_layer.vistas import exportacion

log = logging.getLogger(__name__)

#: What the browser may send as a page's parameters: this many keys, texts this long.
MAX_PARAMETROS = 20
MAX_TEXTO_PARAMETRO = 300


@dataclass(frozen=True)
class Tabla:
    """What one grid shows, rebuilt on the server for an export.

    Attributes:
        filas: the rows the page's callback gives the grid, in the page's order.
        columnas: the grid's column definitions.
    """

    filas: Sequence[Mapping[str, Any]]
    columnas: Sequence[Mapping[str, Any]]


#: Builds a grid's :class:`Tabla` from the page's parameters (a request of the logged-in user).
Fuente = Callable[[dict[str, Any]], Tabla]

_FUENTES: dict[str, Fuente] = {}


def fuente(grid_id: str) -> Callable[[Fuente], Fuente]:
    """Decorator: the function rebuilds the grid ``grid_id`` for its exports.

    The function receives the page's parameters (:func:`parametros`) and returns the rows the
    page's callback gives the grid, built the same way under the current user's scope.
    """

    def registrar(funcion: Fuente) -> Fuente:
        _FUENTES[grid_id] = funcion
        return funcion

    return registrar


def fuentes() -> dict[str, Fuente]:
    """Every grid that can be exported, with its source (a copy)."""
    return dict(_FUENTES)


def parametros(valor: Any) -> dict[str, Any]:
    """The page's parameters as the browser sent them, if they look like parameters at all.

    A dict of at most :data:`MAX_PARAMETROS` short text keys whose values are None, booleans,
    numbers or texts of at most :data:`MAX_TEXTO_PARAMETRO` characters; anything else gives an
    empty dict (the page's defaults). What each value means is checked by the page's own code.
    """
    if not isinstance(valor, Mapping) or len(valor) > MAX_PARAMETROS:
        return {}
    limpios: dict[str, Any] = {}
    for clave, dato in valor.items():
        if not isinstance(clave, str) or len(clave) > 40:
            return {}
        if isinstance(dato, str) and len(dato) > MAX_TEXTO_PARAMETRO:
            return {}
        if dato is not None and not isinstance(dato, str | int | float | bool):
            return {}
        limpios[clave] = dato
    return limpios


def id_boton(grid_id: str, formato: str) -> dict[str, str]:
    """Id of an export button (``formato`` is ``csv`` or ``xlsx``)."""
    return {"type": "exportar", "grid": grid_id, "formato": formato}


def id_descarga(grid_id: str) -> dict[str, str]:
    """Id of the ``dcc.Download`` of a grid's export."""
    return {"type": "exportar-descarga", "grid": grid_id}


def id_nombre(grid_id: str) -> dict[str, str]:
    """Id of the store holding the export's file name (a name, never data)."""
    return {"type": "exportar-nombre", "grid": grid_id}


def id_parametros(grid_id: str) -> dict[str, str]:
    """Id of the store holding the page's parameters the export is rebuilt from (never rows)."""
    return {"type": "exportar-params", "grid": grid_id}


def botones_exportar(
    grid_id: str, nombre_archivo: str, params: Mapping[str, Any] | None = None
) -> html.Div:
    """ "Descargar CSV" and "Descargar Excel" buttons for the grid ``id_grid(grid_id)``.

    Args:
        grid_id: the grid's name (``"sector-metas"``), as given to ``grid.id_grid``; the page
            registers its :func:`fuente`.
        nombre_archivo: the table's short name (``metas-del-sector``): the file is named
            ``sigpret-<nombre>-<filter codes>-<period>_<date>``
            (:mod:`data_layer.vistas.exportacion`).
        params: the page's parameters (its ``<page>-params`` store: the URL's code and
            filters) the export is rebuilt from; None when a callback fills them
            (:func:`id_parametros`) or :func:`con_parametros` does.
    """
    return html.Div(
        [
            dbc.Button(
                [html.Span("↓", **aria(hidden="true")), " Descargar CSV"],
                id=id_boton(grid_id, "csv"),
                color="secondary",
                outline=True,
                size="sm",
                className="exportar-boton exportar-csv",
                title="Descargar las filas mostradas (con sus filtros y orden) en CSV",
            ),
            dbc.Button(
                [html.Span("↓", **aria(hidden="true")), " Descargar Excel"],
                id=id_boton(grid_id, "xlsx"),
                color="secondary",
                outline=True,
                size="sm",
                className="exportar-boton exportar-xlsx",
                title="Descargar las filas mostradas (con sus filtros y orden) en Excel",
            ),
            dcc.Store(id=id_nombre(grid_id), data=nombre_archivo),
            dcc.Store(id=id_parametros(grid_id), data=dict(params) if params is not None else None),
            dcc.Download(id=id_descarga(grid_id)),
        ],
        className="exportar d-flex gap-2 justify-content-end",
        role="group",
        **aria(label="Descargar la tabla"),
    )


def seccion_exportable(
    prefijo: str,
    grid_id: str,
    titulo: str,
    columnas: list[dict],
    archivo: str,
    etiqueta: str,
    params: Mapping[str, Any] | None = None,
    opciones: dict[str, Any] | None = None,
    **props: Any,
) -> html.Section:
    """A page-height grid section: title, export buttons, a note (``<prefijo>-nota``), the grid.

    For the long lists that are a page's main content (the alert centre, the audit log): the grid
    scrolls inside 70 % of the window instead of growing with its rows.

    Args:
        prefijo: the page's prefix (ids and the grid's CSS class ``<prefijo>-grid``).
        grid_id: the grid's name, for :func:`dashboard.components.grid.id_grid`.
        titulo: the section's heading.
        columnas: the grid's column definitions.
        archivo: the downloaded file's base name.
        etiqueta: the section's accessible name.
        params: the page's parameters its export is rebuilt from (see
            :func:`botones_exportar`).
        opciones: extra ``dashGridOptions`` of the grid.
        **props: extra grid properties (``rowModelType="infinite"`` for a grid served in
            blocks).
    """
    return html.Section(
        [
            html.Div(
                [
                    html.H2(titulo, className="seccion-titulo"),
                    botones_exportar(grid_id, archivo, params),
                ],
                className="seccion-encabezado",
            ),
            html.P(id=f"{prefijo}-nota", className="seccion-nota"),
            grids.grid(
                grids.id_grid(grid_id),
                columnas,
                row_id="id",
                auto_height=False,
                style={"height": "70vh"},
                className=f"{prefijo}-grid",
                opciones=opciones,
                **props,
            ),
        ],
        **aria(label=etiqueta),
    )


def build_descarga(
    formato: str,
    nombre: str,
    filas: Sequence[Mapping[str, Any]] | None,
    column_defs: Sequence[Mapping[str, Any]],
    column_state: Sequence[Mapping[str, Any]] | None = None,
    descripcion: exportacion.Exportacion | None = None,
) -> dict[str, Any]:
    """The ``dcc.Download`` payload of the rows given, as the grid shows them.

    Args:
        formato: ``csv`` or ``xlsx``.
        nombre: the table's short name (``metas-del-sector``).
        filas: the rows, already filtered and sorted.
        column_defs: the grid's columns.
        column_state: the grid's column state (order and hidden columns).
        descripcion: how the table was made (file name and «Filtros» sheet); None names the
            file ``sigpret-<nombre>_<fecha>`` and gives the sheet only the moment.
    """
    filas = list(filas or [])
    encabezados, valores = tabla_exportada(filas, column_defs, column_state)
    if descripcion is None:
        descripcion = exportacion.describir(nombre, {}, periodo=None, usuario="", generado=_ahora())
    archivo = descripcion.nombre()
    if formato == "csv":
        return dcc.send_bytes(to_csv(encabezados, valores), f"{archivo}.csv", type="text/csv")
    if formato == "xlsx":
        formatos = formatos_exportados(filas, column_defs, column_state, valores)
        contenido = to_xlsx(
            encabezados, valores, nombre, formatos=formatos, filtros=descripcion.hoja_filtros()
        )
        return dcc.send_bytes(contenido, f"{archivo}.xlsx", type=MIME_XLSX)
    raise ValueError(f"Formato de exportación desconocido: {formato}")


def _ahora() -> dt.datetime:
    return dt.datetime.now(ZONA_HONDURAS)


def describir_exportacion(
    nombre: str,
    params: Mapping[str, Any],
    columnas: Sequence[Mapping[str, Any]],
    filter_model: Any = None,
) -> exportacion.Exportacion:
    """How one export was made: the page's filters as the page validated them, the period it
    evaluated (for pages with the shared filters), the grid's column filters, the user."""
    params = dict(params)
    if any(campo in params for campo in filtros.CAMPOS_FILTRO):
        validos = data.filtros_validos(filtros.from_query(params))
        params.update(validos.as_dict())
        periodo: str | None = data.periodo_efectivo(validos.periodo)
    else:
        periodo = None
    encabezados = {
        str(c.get("colId") or c.get("field")): str(c.get("headerName") or c.get("field"))
        for c in modelo_grid.hojas(columnas)
        if c.get("field")
    }
    alcance = data.alcance_actual()
    return exportacion.describir(
        nombre,
        params,
        periodo=periodo,
        usuario=alcance.usuario if alcance is not None else "",
        generado=_ahora(),
        columnas=exportacion.filtros_de_columnas(filter_model, encabezados),
    )


def exportar_grid(
    grid_id: str,
    formato: str,
    nombre: str,
    params: Any = None,
    column_state: Any = None,
    filter_model: Any = None,
) -> dict[str, Any] | None:
    """One export, rebuilt on the server (the callback's body, as a plain function).

    Args:
        grid_id: which grid (its :func:`fuente` builds the rows).
        formato: ``csv`` or ``xlsx``.
        nombre: the file's base name.
        params: the page's parameters, as the browser sent them (see :func:`parametros`).
        column_state: the grid's ``columnState`` (order, hidden columns, sort).
        filter_model: the grid's ``filterModel``.

    Returns:
        The download payload; None for a grid without a source, an unknown format, or a
        filter or column state the grid could not have sent (nothing is downloaded).
    """
    construir = _FUENTES.get(grid_id)
    if construir is None or formato not in ("csv", "xlsx"):
        return None
    limpios = parametros(params)
    tabla = construir(limpios)
    estado = column_state if isinstance(column_state, list) else None
    try:
        filas = modelo_grid.filtrar(tabla.filas, tabla.columnas, filter_model)
        filas = modelo_grid.ordenar(filas, tabla.columnas, estado)
    except modelo_grid.ModeloInvalido as exc:
        log.warning("Exportación rechazada (%s): %s", grid_id, exc)
        return None
    estado_valido = [e for e in estado or [] if isinstance(e, Mapping)]
    descripcion = describir_exportacion(nombre, limpios, tabla.columnas, filter_model)
    return build_descarga(formato, nombre, filas, tabla.columnas, estado_valido, descripcion)


def con_parametros(componente: Any, params: Mapping[str, Any]) -> Any:
    """Give every export store under ``componente`` without parameters the page's ``params``.

    For page skeletons built from sections (:func:`dashboard.components.niveles.esqueleto`):
    each grid's export is rebuilt from the same parameters as the page's ``<page>-params``.
    Returns ``componente`` (changed in place).
    """
    pendientes = [componente]
    while pendientes:
        actual = pendientes.pop()
        if isinstance(actual, list | tuple):
            pendientes.extend(actual)
            continue
        ident = getattr(actual, "id", None)
        if isinstance(ident, dict) and ident.get("type") == "exportar-params":
            if getattr(actual, "data", None) is None:
                actual.data = dict(params)
        hijos = getattr(actual, "children", None)
        if hijos is not None and not isinstance(hijos, str | int | float):
            pendientes.append(hijos)
    return componente


def register_callbacks(app: Dash) -> None:
    """Attach the one export callback (for every grid with export buttons) to ``app``.

    The browser sends which grid and button, the page's parameters and the grid's filter model
    and column state: never rows (see :func:`exportar_grid`).
    """

    @app.callback(
        Output({"type": "exportar-descarga", "grid": MATCH}, "data"),
        Input({"type": "exportar", "grid": MATCH, "formato": ALL}, "n_clicks"),
        State({"type": "exportar-params", "grid": MATCH}, "data"),
        State({"type": "grid", "grid": MATCH}, "columnState"),
        State({"type": "grid", "grid": MATCH}, "filterModel"),
        State({"type": "exportar-nombre", "grid": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def download_grid(
        n_clicks: list[int | None],
        params: Any,
        column_state: Any,
        filter_model: Any,
        nombre: Any,
    ) -> Any:
        disparo = ctx.triggered_id
        if not any(n_clicks) or not isinstance(disparo, Mapping):
            return dash.no_update
        pago = exportar_grid(
            str(disparo["grid"]),
            str(disparo["formato"]),
            nombre if isinstance(nombre, str) else "tabla",
            params,
            column_state,
            filter_model,
        )
        return dash.no_update if pago is None else pago
