"""The cells of a grid's file: visible columns, exported values, neutralised text, CSV and Excel.

Pure functions of rows the server built (:mod:`dashboard.components.exportar` decides which rows);
numbers stay numbers, rounded as the cell shows them, and in Excel they carry a number format
with the decimals (and the ``%``) the cell shows; a date cell is a real Excel date (``dd/mm/aaaa``,
with the time when the grid shows it). The workbook's second sheet, «Filtros», says how the table
was made (:mod:`data_layer.vistas.exportacion`).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter

from dashboard import formatting
from dashboard.components import modelo_grid
from data_layer.documentos import OPCIONES_XLSX, hoja_filtros, neutralizar

#: MIME type of the Excel workbook.
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_DECIMALES = re.compile(r"\d\.(\d+)")

#: A date as a cell shows it: ``dd/mm/aaaa``, maybe with ``hh:mm``.
_FECHA_TEXTO = re.compile(r"^(\d{2})/(\d{2})/(\d{4})(?: (\d{2}):(\d{2}))?$")

#: Excel formats of dates and moments.
FORMATO_FECHA = "dd/mm/yyyy"
FORMATO_MOMENTO = "dd/mm/yyyy hh:mm"

#: A separator a spreadsheet may split a CSV line on, then (after blanks or double quotes) a
#: character that starts a formula.
_FORMULA_TRAS_SEPARADOR = re.compile(r'([,;\t\r\n][ \t"]*)([=+\-@])')


def columnas_visibles(
    column_defs: Sequence[Mapping[str, Any]], column_state: Sequence[Mapping[str, Any]] | None
) -> list[tuple[str, str]]:
    """``(field, header)`` of the columns the user sees, in the order they see them.

    Args:
        column_defs: the grid's ``columnDefs``.
        column_state: the grid's ``columnState`` (order and hidden columns), or None.
    """
    hojas = [c for c in modelo_grid.hojas(column_defs) if c.get("field")]
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
    - a date (a ``date``, or any value whose companion reads ``dd/mm/aaaa`` or
      ``dd/mm/aaaa hh:mm``) is exported as a ``date`` or ``datetime``, as the cell shows it;
    - a non-number with a companion exports the companion;
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
    fecha = _fecha_de(valor, texto)
    if fecha is not None:
        return fecha
    if isinstance(texto, str) and texto != formatting.VACIO:
        return neutralizar(texto)
    return neutralizar(str(valor))


def _fecha_de(valor: Any, texto: Any) -> dt.date | dt.datetime | None:
    """The date a cell shows: from its ``dd/mm/aaaa[ hh:mm]`` text, or a date value itself."""
    if isinstance(texto, str):
        encontrado = _FECHA_TEXTO.match(texto.strip())
        if encontrado is None:
            return None
        d, m, a, hh, mm = encontrado.groups()
        try:
            if hh is None:
                return dt.date(int(a), int(m), int(d))
            return dt.datetime(int(a), int(m), int(d), int(hh), int(mm))
        except ValueError:
            return None
    if isinstance(valor, dt.datetime):
        return valor.replace(tzinfo=None)
    if isinstance(valor, dt.date):
        return valor
    return None


def formato_excel(fila: Mapping[str, Any], field: str, valor: Any) -> str | None:
    """The Excel number format of one exported cell, as the grid shows it; None for text.

    A number gets comma thousands and the decimals its companion text shows (``#,##0.0``), and
    ``" %"`` when that text is a percentage, so 74.1 reads «74.1 %» and stays the number 74.1;
    a date ``dd/mm/aaaa``, a moment ``dd/mm/aaaa hh:mm``.
    """
    if isinstance(valor, dt.datetime):
        return FORMATO_MOMENTO
    if isinstance(valor, dt.date):
        return FORMATO_FECHA
    if not _es_numero(valor):
        return None
    texto = fila.get(f"{field}_texto")
    if isinstance(texto, str):
        encontrado = _DECIMALES.search(texto)
        decimales = len(encontrado.group(1)) if encontrado else 0
        porcentaje = texto.rstrip().endswith("%")
    else:
        decimales = 0 if isinstance(valor, int) or float(valor).is_integer() else 2
        porcentaje = False
    formato = "#,##0" + ("." + "0" * decimales if decimales else "")
    return formato + ' "%"' if porcentaje else formato


def tabla_exportada(
    filas: Sequence[Mapping[str, Any]],
    column_defs: Sequence[Mapping[str, Any]],
    column_state: Sequence[Mapping[str, Any]] | None = None,
) -> tuple[list[str], list[list[Any]]]:
    """Headers and cell values of what the grid shows.

    Args:
        filas: the rows, filtered and sorted as the grid shows them.
        column_defs: its ``columnDefs``.
        column_state: its ``columnState``, or None.

    Returns:
        ``(headers, rows)``: Spanish headers (neutralised too) and one list of values per row.
    """
    columnas = columnas_visibles(column_defs, column_state)
    encabezados = [neutralizar(h) for _, h in columnas]
    return encabezados, [[valor_exportado(f, c) for c, _ in columnas] for f in filas]


def formatos_exportados(
    filas: Sequence[Mapping[str, Any]],
    column_defs: Sequence[Mapping[str, Any]],
    column_state: Sequence[Mapping[str, Any]] | None,
    valores: Sequence[Sequence[Any]],
) -> list[list[str | None]]:
    """The Excel format of each cell of :func:`tabla_exportada`'s ``valores``
    (:func:`formato_excel`)."""
    campos = [c for c, _ in columnas_visibles(column_defs, column_state)]
    return [
        [formato_excel(f, c, v) for c, v in zip(campos, fila_valores, strict=True)]
        for f, fila_valores in zip(filas, valores, strict=True)
    ]


def neutralizar_csv(texto: str) -> str:
    """A CSV text cell no spreadsheet runs, whatever separator it splits the line on.

    A spreadsheet opening a CSV splits each line on its locale's list separator: ``,`` or, in
    Spanish locales, ``;``; some split on tabs, and a line break may start a new row. So besides
    a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return (:func:`neutralizar`), any of
    ``=``, ``+``, ``-``, ``@`` right after one of those separators (blanks or double quotes in
    between) gets an apostrophe: ``texto;=HYPERLINK(…)`` → ``texto;'=HYPERLINK(…)``.
    """
    return _FORMULA_TRAS_SEPARADOR.sub(r"\1'\2", neutralizar(texto))


def _campo_csv(valor: Any) -> str:
    if valor is None:
        return ""
    if isinstance(valor, dt.datetime):
        return f'"{valor:%d/%m/%Y %H:%M}"'
    if isinstance(valor, dt.date):
        return f'"{valor:%d/%m/%Y}"'
    if isinstance(valor, float):
        # repr gives the shortest exact text (74.1, not 74.09999999999999); no exponent.
        return format(Decimal(repr(valor)), "f")
    if isinstance(valor, int) and not isinstance(valor, bool):
        return str(valor)
    # Every text is quoted: a separator inside it never splits the cell in a program that reads
    # quotes, and neutralizar_csv covers the ones that do not.
    return '"' + neutralizar_csv(str(valor)).replace('"', '""') + '"'


def to_csv(encabezados: Sequence[str], filas: Iterable[Sequence[Any]]) -> bytes:
    """CSV in UTF-8 with a BOM (so Excel reads the accents), comma-separated, decimal point.

    Numbers are written bare; every text is quoted and neutralised (:func:`neutralizar_csv`).
    """
    lineas = [",".join(_campo_csv(h) for h in encabezados)]
    lineas += [",".join(_campo_csv(v) for v in fila) for fila in filas]
    return ("\ufeff" + "".join(linea + "\r\n" for linea in lineas)).encode("utf-8")


def to_xlsx(
    encabezados: Sequence[str],
    filas: Iterable[Sequence[Any]],
    hoja: str,
    formatos: Sequence[Sequence[str | None]] | None = None,
    filtros: Sequence[tuple[str, Any]] | None = None,
) -> bytes:
    """An Excel workbook: the table's sheet (bold frozen header, autofilter, readable widths)
    and, given ``filtros``, a «Filtros» sheet saying how it was made.

    Written with XlsxWriter (2.5× faster than openpyxl on a thousand-row grid, see
    BENCHMARKS.md), which never turns a text into a formula or a link
    (:data:`data_layer.documentos.OPCIONES_XLSX`); :func:`neutralizar` has already prefixed the
    texts a spreadsheet would run, so the cells read the same in any program.

    Args:
        encabezados: the column headers.
        filas: the cell values (numbers, dates, texts or None).
        hoja: the table sheet's name.
        formatos: each cell's Excel number format (:func:`formatos_exportados`), or None.
        filtros: the «Filtros» sheet's ``(what, value)`` rows
            (:meth:`data_layer.vistas.exportacion.Exportacion.hoja_filtros`), or None.
    """
    filas = [list(fila) for fila in filas]
    anchos = [len(str(h)) for h in encabezados]
    for fila in filas:
        for i, valor in enumerate(fila):
            largo = (
                16 if isinstance(valor, dt.date) else len(str(valor)) if valor is not None else 0
            )
            anchos[i] = max(anchos[i], min(largo, 60))
    salida = io.BytesIO()
    with xlsxwriter.Workbook(salida, OPCIONES_XLSX) as libro:
        estilos: dict[str, Any] = {}

        def estilo(formato: str | None) -> Any:
            if formato is None:
                return None
            if formato not in estilos:
                estilos[formato] = libro.add_format({"num_format": formato})
            return estilos[formato]

        ws = libro.add_worksheet(re.sub(r"[\[\]:*?/\\]", " ", hoja)[:31] or "Datos")
        ws.write_row(0, 0, list(encabezados), libro.add_format({"bold": True}))
        for n, fila in enumerate(filas, start=1):
            formatos_fila = formatos[n - 1] if formatos is not None else [None] * len(fila)
            for c, (valor, formato) in enumerate(zip(fila, formatos_fila, strict=True)):
                _escribir(ws, n, c, valor, estilo(formato))
        for i, ancho in enumerate(anchos):
            ws.set_column(i, i, max(10, ancho + 2))
        ws.freeze_panes(1, 0)
        if encabezados:
            ws.autofilter(0, 0, len(filas), len(encabezados) - 1)
        if filtros is not None:
            hoja_filtros(libro, filtros)
    return salida.getvalue()


def _escribir(ws: Any, fila: int, col: int, valor: Any, formato: Any) -> None:
    if valor is None:
        ws.write_blank(fila, col, None, formato)
    elif isinstance(valor, dt.date):
        ws.write_datetime(fila, col, valor, formato)
    elif _es_numero(valor):
        ws.write_number(fila, col, valor, formato)
    else:
        ws.write_string(fila, col, str(valor), formato)
