"""Export what a grid shows to CSV or Excel: "Descargar CSV" / "Descargar Excel" buttons.

Usage in a page (the grid needs the dict id of :func:`dashboard.components.grid.id_grid`)::

    grids.grid(grids.id_grid("sector-metas"), COLUMNAS)
    botones_exportar("sector-metas", "metas-del-sector")

One pattern-matching callback (:func:`register_callbacks`) builds the file from the grid's
``virtualRowData`` (the rows after the user's filter and sort, in that order) and its visible
columns (``columnDefs``, ordered and hidden as the user left them in ``columnState``), with their
Spanish headers. Numbers stay numbers, rounded as the cell shows them; a formatted companion
(``<field>_texto``) is used for non-numeric cells, the traffic-light column exports its word, and
a row may name any cell's export value in ``<field>_exportar``.
Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return) is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import dash
import dash_bootstrap_components as dbc
import xlsxwriter
from dash import ALL, MATCH, Dash, Input, Output, State, ctx, dcc, html

from dashboard import data, formatting
from dashboard.components import grid as grids
from dashboard.components.atributos import aria
from data_layer.documentos import OPCIONES_XLSX

#: Characters that make a spreadsheet read a text cell as a formula (CSV/formula injection).
PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")

#: MIME type of the Excel workbook.
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_DECIMALES = re.compile(r"\d\.(\d+)")


def id_boton(grid_id: str, formato: str) -> dict[str, str]:
    """Id of an export button (``formato`` is ``csv`` or ``xlsx``)."""
    return {"type": "exportar", "grid": grid_id, "formato": formato}


def id_descarga(grid_id: str) -> dict[str, str]:
    """Id of the ``dcc.Download`` of a grid's export."""
    return {"type": "exportar-descarga", "grid": grid_id}


def id_nombre(grid_id: str) -> dict[str, str]:
    """Id of the store holding the export's file name (a name, never data)."""
    return {"type": "exportar-nombre", "grid": grid_id}


def botones_exportar(grid_id: str, nombre_archivo: str) -> html.Div:
    """ "Descargar CSV" and "Descargar Excel" buttons for the grid ``id_grid(grid_id)``.

    Args:
        grid_id: the grid's name (``"sector-metas"``), as given to ``grid.id_grid``.
        nombre_archivo: the downloaded file's base name, without extension; the date is added.
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
            dcc.Download(id=id_descarga(grid_id)),
        ],
        className="exportar d-flex gap-2 justify-content-end",
        role="group",
        **aria(label="Descargar la tabla"),
    )


def seccion_exportable(
    prefijo: str, grid_id: str, titulo: str, columnas: list[dict], archivo: str, etiqueta: str
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
    """
    return html.Section(
        [
            html.Div(
                [html.H2(titulo, className="seccion-titulo"), botones_exportar(grid_id, archivo)],
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
            ),
        ],
        **aria(label=etiqueta),
    )


def neutralizar(valor: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe; others unchanged."""
    if isinstance(valor, str) and valor.startswith(PELIGROSOS):
        return "'" + valor
    return valor


def _hojas(column_defs: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Leaf columns of possibly grouped column definitions, in order."""
    hojas: list[Mapping[str, Any]] = []
    for col in column_defs or []:
        if col.get("children"):
            hojas.extend(_hojas(col["children"]))
        else:
            hojas.append(col)
    return hojas


def columnas_visibles(
    column_defs: Sequence[Mapping[str, Any]], column_state: Sequence[Mapping[str, Any]] | None
) -> list[tuple[str, str]]:
    """``(field, header)`` of the columns the user sees, in the order they see them.

    Args:
        column_defs: the grid's ``columnDefs``.
        column_state: the grid's ``columnState`` (order and hidden columns), or None.
    """
    hojas = [c for c in _hojas(column_defs) if c.get("field")]
    por_id = {str(c.get("colId") or c["field"]): c for c in hojas}
    if column_state:
        orden = [s for s in column_state if str(s.get("colId")) in por_id]
        visibles = [por_id[str(s["colId"])] for s in orden if not s.get("hide")]
        # Columns the state does not know yet (added later) keep their definition's place.
        conocidas = {str(s.get("colId")) for s in orden}
        visibles += [c for i, c in por_id.items() if i not in conocidas and not c.get("hide")]
    else:
        visibles = [c for c in hojas if not c.get("hide")]
    return [(str(c["field"]), str(c.get("headerName") or c["field"])) for c in visibles]


def _es_numero(valor: Any) -> bool:
    return isinstance(valor, int | float) and not isinstance(valor, bool)


def valor_exportado(fila: Mapping[str, Any], field: str) -> Any:
    """The value of one cell as exported: a number, a text, or None (an empty cell).

    - a row may carry ``<field>_exportar``, exported as it is (a sort key column exports its
      word this way: ``severidad_orden`` → ``"Alta"``);
    - the traffic-light column (``semaforo_orden``) exports the state's word;
    - a number with a formatted companion ``<field>_texto`` is rounded (half-up) to the decimals
      that text shows (``74.1 %`` → ``74.1``); a number without one is exported as it is;
    - a non-number with a companion exports the companion (dates as ``dd/mm/aaaa``);
    - text is neutralised (:func:`neutralizar`).
    """
    if f"{field}_exportar" in fila:
        valor = fila[f"{field}_exportar"]
        return neutralizar(valor) if isinstance(valor, str) else valor
    if field == "semaforo_orden" and fila.get("semaforo_etiqueta"):
        return neutralizar(str(fila["semaforo_etiqueta"]))
    valor = fila.get(field)
    texto = fila.get(f"{field}_texto")
    if valor is not None and _es_numero(valor):
        if isinstance(valor, float) and not math.isfinite(valor):
            return None
        if isinstance(texto, str):
            encontrado = _DECIMALES.search(texto)
            decimales = len(encontrado.group(1)) if encontrado else 0
            redondeado = formatting.redondear(valor, decimales)
            return int(redondeado) if decimales == 0 else float(redondeado)
        return valor
    if formatting.is_empty(valor):
        return None
    if isinstance(texto, str) and texto != formatting.VACIO:
        return neutralizar(texto)
    return neutralizar(str(valor))


def tabla_exportada(
    filas: Sequence[Mapping[str, Any]],
    column_defs: Sequence[Mapping[str, Any]],
    column_state: Sequence[Mapping[str, Any]] | None = None,
) -> tuple[list[str], list[list[Any]]]:
    """Headers and cell values of what the grid shows.

    Args:
        filas: the grid's ``virtualRowData`` (or ``rowData``).
        column_defs: its ``columnDefs``.
        column_state: its ``columnState``, or None.

    Returns:
        ``(headers, rows)``: Spanish headers (neutralised too) and one list of values per row.
    """
    columnas = columnas_visibles(column_defs, column_state)
    encabezados = [neutralizar(h) for _, h in columnas]
    return encabezados, [[valor_exportado(f, c) for c, _ in columnas] for f in filas]


def to_csv(encabezados: Sequence[str], filas: Iterable[Sequence[Any]]) -> bytes:
    """CSV in UTF-8 with a BOM (so Excel reads the accents), comma-separated, decimal point."""
    salida = io.StringIO(newline="")
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow(encabezados)
    for fila in filas:
        escritor.writerow(["" if v is None else _texto_csv(v) for v in fila])
    return ("\ufeff" + salida.getvalue()).encode("utf-8")


def _texto_csv(valor: Any) -> Any:
    if isinstance(valor, float):
        # repr gives the shortest exact text (74.1, not 74.09999999999999); no exponent.
        return format(Decimal(repr(valor)), "f")
    return valor


def to_xlsx(encabezados: Sequence[str], filas: Iterable[Sequence[Any]], hoja: str) -> bytes:
    """An Excel workbook with one sheet: bold frozen header, autofilter, readable widths.

    Written with XlsxWriter (2.5× faster than openpyxl on a thousand-row grid, see
    BENCHMARKS.md), which never turns a text into a formula or a link
    (:data:`data_layer.documentos.OPCIONES_XLSX`); :func:`neutralizar` has already prefixed the
    texts a spreadsheet would run, so the cells read the same in any program.
    """
    filas = [list(fila) for fila in filas]
    anchos = [len(str(h)) for h in encabezados]
    for fila in filas:
        for i, valor in enumerate(fila):
            anchos[i] = max(anchos[i], min(len(str(valor)) if valor is not None else 0, 60))
    salida = io.BytesIO()
    with xlsxwriter.Workbook(salida, OPCIONES_XLSX) as libro:
        ws = libro.add_worksheet(re.sub(r"[\[\]:*?/\\]", " ", hoja)[:31] or "Datos")
        ws.write_row(0, 0, list(encabezados), libro.add_format({"bold": True}))
        for n, fila in enumerate(filas, start=1):
            ws.write_row(n, 0, fila)
        for i, ancho in enumerate(anchos):
            ws.set_column(i, i, max(10, ancho + 2))
        ws.freeze_panes(1, 0)
        if encabezados:
            ws.autofilter(0, 0, len(filas), len(encabezados) - 1)
    return salida.getvalue()


def build_descarga(
    formato: str,
    nombre: str,
    filas: Sequence[Mapping[str, Any]] | None,
    column_defs: Sequence[Mapping[str, Any]],
    column_state: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The ``dcc.Download`` payload of one export (the callback, as a plain function).

    Args:
        formato: ``csv`` or ``xlsx``.
        nombre: the file's base name; the date (Honduras) is appended.
        filas: the rows shown.
        column_defs: the grid's columns.
        column_state: the grid's column state.
    """
    encabezados, valores = tabla_exportada(filas or [], column_defs, column_state)
    base = re.sub(r"[^\w.-]+", "-", nombre).strip("-") or "tabla"
    archivo = f"{base}_{data.hoy_honduras().isoformat()}"
    if formato == "csv":
        return dcc.send_bytes(to_csv(encabezados, valores), f"{archivo}.csv", type="text/csv")
    if formato == "xlsx":
        return dcc.send_bytes(
            to_xlsx(encabezados, valores, base), f"{archivo}.xlsx", type=MIME_XLSX
        )
    raise ValueError(f"Formato de exportación desconocido: {formato}")


def register_callbacks(app: Dash) -> None:
    """Attach the one export callback (for every grid with export buttons) to ``app``."""

    @app.callback(
        Output({"type": "exportar-descarga", "grid": MATCH}, "data"),
        Input({"type": "exportar", "grid": MATCH, "formato": ALL}, "n_clicks"),
        State({"type": "grid", "grid": MATCH}, "virtualRowData"),
        State({"type": "grid", "grid": MATCH}, "rowData"),
        State({"type": "grid", "grid": MATCH}, "columnDefs"),
        State({"type": "grid", "grid": MATCH}, "columnState"),
        State({"type": "exportar-nombre", "grid": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def download_grid(
        n_clicks: list[int | None],
        virtuales: list[dict[str, Any]] | None,
        todas: list[dict[str, Any]] | None,
        column_defs: list[dict[str, Any]],
        column_state: list[dict[str, Any]] | None,
        nombre: str | None,
    ) -> Any:
        disparo = ctx.triggered_id
        if not any(n_clicks) or not isinstance(disparo, Mapping):
            return dash.no_update
        filas = virtuales if virtuales is not None else todas
        return build_descarga(
            str(disparo["formato"]), nombre or "tabla", filas, column_defs, column_state
        )
