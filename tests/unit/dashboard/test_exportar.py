"""Exporting a grid to CSV and Excel: what is shown, numbers as numbers, formulas neutralised."""

from __future__ import annotations

import base64
import csv
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
    assert pago["filename"].startswith("metas-presidenciales_")
    assert pago["filename"].endswith(".csv")
    contenido = base64.b64decode(pago["content"])
    # Texts are quoted (headers too), so a ";" inside one never splits it.
    assert contenido.decode("utf-8-sig").splitlines()[0] == '"Código","Meta","Avance","Semáforo"'
    with pytest.raises(ValueError):
        exportar.build_descarga("pdf", "x", [], COLUMNAS)


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
