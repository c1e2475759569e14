"""What the web import refuses before storing an upload (issue #10): not a workbook, a damaged
one, a zip bomb renamed ``.xlsx``; and the name kept for the file, with no folders."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from data_layer.importer import web


def _xlsx() -> bytes:
    libro = Workbook()
    libro.active.title = "ejes"
    libro.active.append(["codigo", "nombre", "eje_padre"])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _zip(partes: dict[str, bytes]) -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for nombre, contenido in partes.items():
            z.writestr(nombre, contenido)
    return salida.getvalue()


def test_a_real_workbook_passes() -> None:
    """A workbook saved by openpyxl (as Excel saves one) is accepted."""
    web.revisar_archivo("MCR.XLSX", _xlsx())


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        ("mcr.csv", b"codigo,nombre\n", "no es un libro de Excel"),
        ("mcr.xlsx", b"", "vacío"),
        ("mcr.xlsx", b"<html><script>alert(1)</script></html>", "válido o está dañado"),
        ("mcr.xlsx", _zip({"hola.txt": b"hola"}), "válido o está dañado"),
        (
            "mcr.xlsx",
            _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"\0" * 50_000_000}),
            "tamaño anormal",
        ),
    ],
    ids=["csv", "vacio", "html", "zip-sin-libro", "bomba"],
)
def test_files_that_are_not_a_usable_workbook_are_refused_in_spanish(
    nombre, contenido, mensaje
) -> None:
    """Another type, a damaged file and a part that expands far beyond its size are refused
    with a Spanish reason."""
    with pytest.raises(web.ArchivoInvalido, match=mensaje):
        web.revisar_archivo(nombre, contenido)


def test_the_kept_name_has_no_folders_nor_odd_characters() -> None:
    """A name with folders or odd characters is kept as a plain file name."""
    assert web._nombre_seguro("../../etc/MCR 2025.xlsx") == "MCR 2025.xlsx"
    assert web._nombre_seguro("C:\\x\\m<c>r.xlsx") == "m_c_r.xlsx"
