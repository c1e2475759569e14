"""Exporting a grid to CSV and Excel: what is shown, numbers as numbers, formulas neutralised."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import re

import openpyxl
import pandas as pd
import pytest

from dashboard.components import exportar, tabla_archivo
from dashboard.components import grid as grids

COLUMNAS = [
    grids.columna_enlace("codigo", "Código"),
    grids.columna_texto("descripcion", "Meta"),
    grids.columna_porcentaje("avance", "Avance"),
    grids.columna_semaforo("Semáforo"),
    grids.columna_texto("oculta", "Oculta", hide=True),
]


def _filas() -> list[dict]:
    return grids.records(
        pd.DataFrame(
            {
                "codigo": ["MP-01", "MP-02"],
                "descripcion": ['=HYPERLINK("http://x")', "Reducir la pobreza"],
                "avance": [74.05, None],
                "semaforo": ["amarillo", "sin_dato"],
                "oculta": ["a", "b"],
            }
        ),
        porcentajes=("avance",),
        estado="semaforo",
        enlaces={"codigo": lambda f: f"/metas/{f['codigo']}"},
    )


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [
        ("=1+1", "'=1+1"),
        ("+50", "'+50"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Salud", "Salud"),
        ("—", "—"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_neutralizar_prefixes_only_dangerous_text(valor, esperado):
    """Text a spreadsheet would run as a formula gets an apostrophe; numbers stay numbers."""
    assert tabla_archivo.neutralizar(valor) == esperado


def test_tabla_exportada_uses_visible_columns_headers_and_shown_values():
    """Hidden columns are left out; the header is the Spanish one; the percentage is the
    number rounded as shown (74.05 → 74.1, half-up); the semáforo exports its word; a formula
    in a description is neutralised; a missing number is an empty cell."""
    encabezados, filas = tabla_archivo.tabla_exportada(_filas(), COLUMNAS)
    assert encabezados == ["Código", "Meta", "Avance", "Semáforo"]
    assert filas == [
        ["MP-01", '\'=HYPERLINK("http://x")', 74.1, "Amarillo"],
        ["MP-02", "Reducir la pobreza", None, "Sin dato"],
    ]


def test_column_state_reorders_and_hides():
    """The user's column order and hidden columns (columnState) decide the export."""
    estado = [
        {"colId": "avance", "hide": False},
        {"colId": "codigo", "hide": False},
        {"colId": "descripcion", "hide": True},
        {"colId": "semaforo_orden", "hide": False},
    ]
    encabezados, filas = tabla_archivo.tabla_exportada(_filas()[:1], COLUMNAS, estado)
    assert encabezados == ["Avance", "Código", "Semáforo"]
    assert filas == [[74.1, "MP-01", "Amarillo"]]


def test_csv_has_bom_header_and_numbers_with_a_decimal_point():
    """UTF-8 with BOM (Excel reads the accents), header first, 74.1 written as a number."""
    encabezados, filas = tabla_archivo.tabla_exportada(_filas(), COLUMNAS)
    contenido = tabla_archivo.to_csv(encabezados, filas)
    assert contenido.startswith(b"\xef\xbb\xbf")
    leidas = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))
    assert leidas == [
        ["Código", "Meta", "Avance", "Semáforo"],
        ["MP-01", '\'=HYPERLINK("http://x")', "74.1", "Amarillo"],
        ["MP-02", "Reducir la pobreza", "", "Sin dato"],
    ]


def test_xlsx_reads_back_with_numbers_as_numbers_and_no_formula():
    """The workbook opens with openpyxl: header, a numeric 74.1, the neutralised text as text."""
    encabezados, filas = tabla_archivo.tabla_exportada(_filas(), COLUMNAS)
    libro = openpyxl.load_workbook(io.BytesIO(tabla_archivo.to_xlsx(encabezados, filas, "metas")))
    hoja = libro.active
    assert hoja.title == "metas"
    valores = [[c.value for c in fila] for fila in hoja.iter_rows()]
    assert valores == [
        ["Código", "Meta", "Avance", "Semáforo"],
        ["MP-01", '\'=HYPERLINK("http://x")', 74.1, "Amarillo"],
        ["MP-02", "Reducir la pobreza", None, "Sin dato"],
    ]
    assert hoja["C2"].data_type == "n"
    assert hoja["B2"].data_type == "s"
    assert hoja.freeze_panes == "A2"


def test_build_descarga_names_the_file_and_encodes_it():
    """The download payload carries the file name with the date and the CSV bytes."""
    pago = exportar.build_descarga("csv", "metas presidenciales", _filas(), COLUMNAS)
    assert pago["filename"].startswith("sigpret-metas-presidenciales_")
    assert pago["filename"].endswith(".csv")
    contenido = base64.b64decode(pago["content"])
    # Texts are quoted (headers too), so a ";" inside one never splits it.
    assert contenido.decode("utf-8-sig").splitlines()[0] == '"Código","Meta","Avance","Semáforo"'
    with pytest.raises(ValueError):
        exportar.build_descarga("pdf", "x", [], COLUMNAS)


def _filas_con_fechas() -> list[dict]:
    return [
        {
            "codigo": "MP-01",
            "valor": 1234.5,
            "valor_texto": "1,234.50",
            "avance": 74.05,
            "avance_texto": "74.1 %",
            "conteo": 12,
            "vence": "2026-03-31",
            "vence_texto": "31/03/2026",
            "momento": "2026-04-02T14:05:00",
            "momento_texto": "02/04/2026 08:05",
        },
        {"codigo": "MP-02", "valor": None, "avance": None, "conteo": 0, "vence": None},
    ]


COLUMNAS_FECHAS = [
    grids.columna_texto("codigo", "Código"),
    grids.columna_texto("valor", "Valor"),
    grids.columna_texto("avance", "Avance"),
    grids.columna_texto("conteo", "Reportes"),
    grids.columna_texto("vence", "Vence"),
    grids.columna_texto("momento", "Recibido"),
]


def test_xlsx_cells_are_real_numbers_with_the_cells_format_and_real_dates():
    """In the Excel file a number is a number cell whose format shows the grid's decimals and
    thousands (and «%» for a percentage, the value staying 74.1), a date is an Excel date
    (dd/mm/aaaa) and a moment keeps the time the grid shows; the CSV writes the same dates as
    dd/mm/aaaa text."""
    filas = _filas_con_fechas()
    encabezados, valores = tabla_archivo.tabla_exportada(filas, COLUMNAS_FECHAS)
    formatos = tabla_archivo.formatos_exportados(filas, COLUMNAS_FECHAS, None, valores)
    contenido = tabla_archivo.to_xlsx(encabezados, valores, "metas", formatos=formatos)
    hoja = openpyxl.load_workbook(io.BytesIO(contenido))["metas"]
    assert hoja["B2"].data_type == "n" and hoja["B2"].value == 1234.5
    assert hoja["B2"].number_format == "#,##0.00"
    assert hoja["C2"].data_type == "n" and hoja["C2"].value == 74.1
    assert hoja["C2"].number_format == '#,##0.0 "%"'
    assert hoja["D2"].value == 12 and hoja["D2"].number_format == "#,##0"
    assert hoja["E2"].is_date and hoja["E2"].value == dt.datetime(2026, 3, 31)
    assert hoja["E2"].number_format == "dd/mm/yyyy"
    assert hoja["F2"].is_date and hoja["F2"].value == dt.datetime(2026, 4, 2, 8, 5)
    assert hoja["B3"].value is None and hoja["E3"].value is None
    leidas = list(csv.reader(io.StringIO(tabla_archivo.to_csv(encabezados, valores).decode())))
    assert leidas[1][4:] == ["31/03/2026", "02/04/2026 08:05"]


def test_xlsx_export_has_a_filtros_sheet_and_a_name_that_says_what_it_holds():
    """An Excel download carries a «Filtros» sheet with the table, the period, each filter,
    the generation moment (a real date-time) and the user, and the file is named
    sigpret-<tabla>-<filtros>-<período>_<fecha>.xlsx."""
    from data_layer.vistas import exportacion

    generado = dt.datetime(2026, 8, 20, 9, 30)
    descripcion = exportacion.describir(
        "metas-del-sector",
        {"codigo": "SAL", "eje": None, "estado": "rojo", "periodo": "2026-T2"},
        periodo="2026-T2",
        usuario="coord.salud",
        generado=generado,
    )
    pago = exportar.build_descarga(
        "xlsx", "metas-del-sector", _filas(), COLUMNAS, None, descripcion
    )
    assert pago["filename"] == "sigpret-metas-del-sector-SAL-rojo-2026-T2_2026-08-20.xlsx"
    libro = openpyxl.load_workbook(io.BytesIO(base64.b64decode(pago["content"])))
    assert libro.sheetnames == ["metas-del-sector", "Filtros"]
    filtros = {fila[0]: fila[1] for fila in libro["Filtros"].iter_rows(min_row=2, values_only=True)}
    assert filtros["Tabla"] == "Metas del sector"
    assert filtros["Período evaluado"].startswith("2026-T2")
    assert filtros["Código"] == "SAL" and filtros["Estado"] == "rojo"
    assert "Eje" not in filtros
    assert filtros["Generado"] == generado and filtros["Usuario"] == "coord.salud"
    assert libro["metas-del-sector"]["C2"].data_type == "n"


def test_botones_tie_buttons_download_and_grid_by_name():
    """Both buttons, the download, the file-name and the parameters' stores share the grid's
    name."""
    botones = exportar.botones_exportar("sector-metas", "metas-del-sector")
    ids = [c.id for c in botones.children]
    assert ids == [
        {"type": "exportar", "grid": "sector-metas", "formato": "csv"},
        {"type": "exportar", "grid": "sector-metas", "formato": "xlsx"},
        {"type": "exportar-nombre", "grid": "sector-metas"},
        {"type": "exportar-params", "grid": "sector-metas"},
        {"type": "exportar-descarga", "grid": "sector-metas"},
    ]
    assert grids.id_grid("sector-metas") == {"type": "grid", "grid": "sector-metas"}


#: A cell that starts a formula once a spreadsheet splits the line on its list separator.
_FORMULA = re.compile(r'^[\s"]*[=+\-@]')
_NUMERO = re.compile(r"^-?\d+(\.\d+)?$")


def _trozos_peligrosos(contenido: bytes) -> list[str]:
    """The pieces of a CSV that would start a formula in a spreadsheet that splits its lines on
    ``;`` (a Spanish-locale Excel), on ``,`` or on tabs, ignoring quotes altogether: the worst
    reading a program can make of the file."""
    texto = contenido.decode("utf-8-sig")
    trozos = re.split(r"[;,\t\r\n]", texto)
    return [t for t in trozos if _FORMULA.match(t) and not _NUMERO.match(t.strip())]


@pytest.mark.parametrize(
    "celda",
    [
        'texto;=HYPERLINK("http://x","clic")',
        "a;@SUM(1)",
        "uno; +2",
        "dos;-3+4",
        'comillas;"=1+1',
        "coma,=1+1",
        "tab\t=1+1",
        "línea\n=1+1",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_csv_cells_cannot_become_formulas_in_a_semicolon_locale_spreadsheet(celda) -> None:
    """A text with a formula after a separator (``;`` is the list separator of a Spanish-locale
    Excel), or starting with a tab or carriage return, is exported through the real export
    function so that no piece of the line starts a formula, however the program splits it; the
    comma-separated reading still gives back the cell with its apostrophes."""
    filas = [{"codigo": "MP-01", "descripcion": celda, "avance": -3.5}]
    columnas = [
        grids.columna_texto("codigo", "Código"),
        grids.columna_texto("descripcion", "Meta"),
        grids.columna_porcentaje("avance", "Avance"),
    ]
    pago = exportar.build_descarga("csv", "metas", filas, columnas)
    contenido = base64.b64decode(pago["content"])
    assert _trozos_peligrosos(contenido) == []
    leida = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))[1]
    assert leida[0] == "MP-01" and leida[2] == "-3.5"
    assert leida[1].replace("'", "") == celda
