"""Evidence files are typed by their content (issue #10, DOMAIN.md §8): real minimal PDF, XLSX,
DOCX, CSV, PNG and JPEG files are accepted whatever their name; HTML, SVG, zip bombs, zips that
are not office files, executables, empty and oversized files are refused in Spanish."""

from __future__ import annotations

import base64
import functools
import io
import struct
import zipfile
import zlib

import openpyxl
import pytest
from fpdf import FPDF

from data_layer.evidencias import (
    EvidenciaRechazada,
    desde_upload,
    detectar,
    largo_maximo,
    nombre_seguro,
)
from data_layer.evidencias.tipos import JPEG, MAX_BYTES, PDF, XLSX

# --- real minimal files ---------------------------------------------------------------------


@functools.cache
def pdf() -> bytes:
    """A real one-page PDF written by fpdf2 (once: it carries its creation time)."""
    documento = FPDF()
    documento.add_page()
    documento.set_font("helvetica", size=12)
    documento.cell(text="Informe trimestral de aulas construidas")
    return bytes(documento.output())


def xlsx() -> bytes:
    """A real workbook written by openpyxl."""
    libro = openpyxl.Workbook()
    libro.active.append(["indicador", "periodo", "valor"])
    libro.active.append(["MI-SEDUC-01-I1", "2024-T2", 12])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _zip(miembros: dict[str, bytes]) -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as archivo:
        for nombre, datos in miembros.items():
            archivo.writestr(nombre, datos)
    return salida.getvalue()


def docx() -> bytes:
    """A minimal Word document: the package parts Word needs, with ``word/document.xml``."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return _zip(
        {
            "[Content_Types].xml": (
                b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                b'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                b'ContentType="application/xml"/></Types>'
            ),
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": (
                f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>'
                "Acta de entrega</w:t></w:r></w:p></w:body></w:document>"
            ).encode(),
        }
    )


def png() -> bytes:
    """A valid 1×1 PNG built chunk by chunk."""

    def trozo(tipo: bytes, datos: bytes) -> bytes:
        return (
            struct.pack(">I", len(datos))
            + tipo
            + datos
            + struct.pack(">I", zlib.crc32(tipo + datos))
        )

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + trozo(b"IHDR", ihdr)
        + trozo(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + trozo(b"IEND", b"")
    )


def jpeg() -> bytes:
    """The bytes of a minimal JPEG: SOI, a JFIF APP0 segment, a body, EOI."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + b"\xff\xda\x00\x08" + bytes(range(40)) + b"\xff\xd9"


def csv_texto() -> bytes:
    """A UTF-8 CSV with accents, a negative number and a percentage."""
    return "región;valor;variación\nAtlántida;12;-3,5\nCortés;15;+4%\n".encode()


# --- accepted -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fabrica", "codigo"),
    [
        (pdf, "pdf"),
        (xlsx, "xlsx"),
        (docx, "docx"),
        (png, "png"),
        (jpeg, "jpeg"),
        (csv_texto, "csv"),
    ],
)
def test_real_files_are_recognized_by_content(fabrica, codigo) -> None:
    """Each accepted type is recognized from its bytes, with a misleading name or none."""
    contenido = fabrica()
    assert detectar(contenido).codigo == codigo
    assert detectar(contenido, "engañoso.exe").codigo == codigo


def test_csv_with_bom_and_commas_is_accepted() -> None:
    """Excel's «CSV UTF-8» (with a BOM) and comma-separated files are CSV."""
    assert detectar("\ufeffa,b\n1,2\n".encode()).codigo == "csv"


# --- refused --------------------------------------------------------------------------------

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(2)</script></svg>"
)
SVG_SIMPLE = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'


def _bomba() -> bytes:
    """A zip bomb renamed .xlsx: a real workbook's parts plus 60 MB of zeros in 60 KB."""
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"\x00" * 60_000_000,
        }
    )


def _muchas_partes() -> bytes:
    """A zip with thousands of tiny members (a bomb by count)."""
    miembros = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    miembros |= {f"xl/m{i}.xml": b"x" for i in range(2500)}
    return _zip(miembros)


@pytest.mark.parametrize(
    ("contenido", "nombre", "motivo"),
    [
        (HTML, "informe.pdf", "HTML"),
        (b"\xef\xbb\xbf  <html><p>hola</p></html>", "a.csv", "HTML"),
        (SVG_SCRIPT, "grafico.png", "SVG"),
        (SVG_SIMPLE, "grafico.svg", "SVG"),
        (_bomba(), "datos.xlsx", "bomba zip"),
        (_muchas_partes(), "datos.xlsx", "partes"),
        (_zip({"leeme.txt": b"hola", "datos.csv": b"a,b"}), "datos.xlsx", "no es un libro"),
        (
            _zip(
                {
                    "[Content_Types].xml": b"<T/>",
                    "xl/vbaProject.bin": b"x",
                    "xl/workbook.xml": b"<w/>",
                }
            ),
            "m.xlsx",
            "macros",
        ),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "reporte.pdf", "ejecutables"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "x.csv", "ejecutables"),
        (b"#!/bin/sh\nrm -rf /\n", "x.csv", "scripts"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "viejo.xls", "antiguos"),
        (b"", "vacio.pdf", "vacío"),
        (b"   \n\n", "vacio.csv", "vacío"),
        ("región,valor\nÁtlantida,5\n".encode("latin-1"), "datos.csv", "UTF-8"),
        (b"a,b\n1,\x002\n", "datos.csv", "nulos"),
        (b'a,b\n=HYPERLINK("http://x"),2\n', "datos.csv", "fórmula"),
        (b"a;b\n@SUM(A1);2\n", "datos.csv", "fórmula"),
        (b"a,b\n-2+3+cmd|' /C calc'!A0,1\n", "datos.csv", "fórmula"),
        (
            b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF\n",
            "a.pdf",
            "JavaScript",
        ),
        (
            # The same with the name's letters escaped (#53 is «S»).
            b"%PDF-1.4\n1 0 obj<</S/Java#53cript/J#53(app.alert(1))>>endobj\n%%EOF\n",
            "a.pdf",
            "JavaScript",
        ),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\n", "a.pdf", "incompleto"),
        (pdf()[: len(pdf()) // 2], "a.pdf", "incompleto"),
        (xlsx()[:-200], "a.xlsx", "dañado"),
        (png()[:20], "a.png", "dañada"),
        (jpeg()[:-2], "a.jpg", "incompleta"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "a.csv", "comprimidos"),
    ],
)
def test_malicious_or_broken_files_are_refused_in_spanish(contenido, nombre, motivo) -> None:
    """HTML, SVG (with or without script), zip bombs (by size and by count), zips that are not
    workbooks, macros, executables, old Office files, empty files, CSVs that are not UTF-8 text,
    hold NUL bytes or formulas, PDFs with JavaScript and truncated files are refused; the
    Spanish message names the reason."""
    with pytest.raises(EvidenciaRechazada, match=motivo):
        detectar(contenido, nombre)


def test_files_over_the_limit_are_refused_before_any_parsing() -> None:
    """Above 10 MB a file is refused by size, even a valid PDF; exactly 10 MB is measured."""
    grande = pdf() + b"\n" * (MAX_BYTES + 1)
    with pytest.raises(EvidenciaRechazada, match="el máximo es 10.0 MB"):
        detectar(grande, "grande.pdf")
    with pytest.raises(EvidenciaRechazada, match="máximo"):
        detectar(pdf(), maximo=100)


def test_a_zip_whose_declared_sizes_lie_is_stopped_while_reading() -> None:
    """A member whose header declares a small size cannot expand past what is declared: the
    bounded read checks the CRC and refuses the damaged archive."""
    bueno = bytearray(xlsx())
    miembro = bueno.find(b"xl/workbook.xml")
    bueno[miembro + 40 : miembro + 44] = b"\x00\x00\x00\x00"  # corrupt compressed data
    with pytest.raises(EvidenciaRechazada):
        detectar(bytes(bueno), "x.xlsx")


# --- names and uploads ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nombre", "tipo", "esperado"),
    [
        ("Informe T2.pdf", PDF, "Informe T2.pdf"),
        ("../../etc/passwd", PDF, "passwd.pdf"),
        ("C:\\Users\\ana\\datos.xlsx", XLSX, "datos.xlsx"),
        ('a<script>"x".html', PDF, "a_script__x_.html.pdf"),
        ("foto.JPEG", JPEG, "foto.JPEG"),
        ("", PDF, "evidencia.pdf"),
        ("...", PDF, "evidencia.pdf"),
        ("acta\r\nSet-Cookie: x.pdf", PDF, "acta__Set-Cookie_ x.pdf"),
    ],
)
def test_download_names_are_sanitized_and_end_with_the_checked_type(nombre, tipo, esperado) -> None:
    """The offered name has no folders, control or markup characters, and always ends with an
    extension of the type found in the content."""
    assert nombre_seguro(nombre, tipo) == esperado


def test_long_names_are_cut_keeping_the_extension() -> None:
    """A very long name is cut to 200 characters and keeps its extension."""
    nombre = nombre_seguro("a" * 500 + ".pdf", PDF)
    assert len(nombre) == 200 and nombre.endswith(".pdf")


def _url(contenido: bytes, tipo: str = "application/pdf") -> str:
    return f"data:{tipo};base64," + base64.b64encode(contenido).decode()


def test_desde_upload_decodes_a_data_url() -> None:
    """``dcc.Upload``'s data URL gives back the exact bytes and the name."""
    subida = desde_upload(_url(pdf()), "informe.pdf")
    assert subida.contenido == pdf() and subida.nombre == "informe.pdf"


@pytest.mark.parametrize(
    ("contents", "motivo"),
    [
        (None, "ningún archivo"),
        (["data:a;base64,AAAA"], "ningún archivo"),
        ("hola", "ningún archivo"),
        ("data:", "vacío"),
        ("data:application/pdf;base64,", "vacío"),
        ("data:text/plain,hola", "completo"),
        ("data:application/pdf;base64,@@no-es-base64@@", "completo"),
        ("data:" + "x" * 300 + ";base64,AAAA", "completo"),
    ],
)
def test_desde_upload_refuses_forged_contents(contents, motivo) -> None:
    """Forged or broken upload texts are refused with a Spanish message, never decoded loosely."""
    with pytest.raises(EvidenciaRechazada, match=motivo):
        desde_upload(contents, "x.pdf")


def test_desde_upload_checks_the_size_before_decoding() -> None:
    """A text longer than a 10 MB file's base64 is refused by its length alone."""
    enorme = "data:application/pdf;base64," + "A" * (largo_maximo() + 8)
    with pytest.raises(EvidenciaRechazada, match="el máximo es 10.0 MB"):
        desde_upload(enorme, "x.pdf")
    assert len(desde_upload(_url(b"x" * 300), "x", maximo=300).contenido) == 300
    with pytest.raises(EvidenciaRechazada, match="máximo"):
        desde_upload(_url(b"x" * 400), "x", maximo=300)
