"""Hostile MCR files, generated in a second or two (issue #15), for tests and `make bench-hostiles`.

Each writes one file (or CSV folder) and returns its path:

- :func:`bomba_zip`: a workbook whose ``avances`` sheet is megabytes of one repeated row,
  compressing about a thousand times (a «zip bomb» renamed ``.xlsx``);
- :func:`bomba_diversa`: a sheet of distinct rows that stays under the ratio cap (so it passes
  the ZIP checks) and is garbage in every row;
- :func:`dimension_gigante`: a tiny sheet declaring ``A1:XFD1048576``;
- :func:`csv_millon`: an ``avances.csv`` of a million bad rows;
- :func:`libro` / :func:`reescribir_hoja`: small workbooks to edit (formulas, merges, empty sheets).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

ENCABEZADO_AVANCES = ["indicador", "periodo", "valor", "fecha_reporte", "comentario"]
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def libro(
    destino: Path, hojas: dict[str, list[list[Any]]], editar: Callable[[Any], None] | None = None
) -> Path:
    """A workbook from explicit rows (first row = header); ``editar`` gets the openpyxl workbook
    before it is saved (to merge cells...)."""
    wb = Workbook()
    wb.remove(wb.active)
    for nombre, filas in hojas.items():
        hoja = wb.create_sheet(nombre)
        for fila in filas:
            hoja.append(fila)
    if editar is not None:
        editar(wb)
    wb.save(destino)
    return destino


def _parte_de(archivo: zipfile.ZipFile, hoja: str) -> str:
    """The ZIP member of sheet ``hoja`` (openpyxl names them in order: sheet1.xml...)."""
    libro_xml = archivo.read("xl/workbook.xml").decode()
    nombres = re.findall(r'<sheet [^>]*name="([^"]+)"', libro_xml)
    return f"xl/worksheets/sheet{nombres.index(hoja) + 1}.xml"


def reescribir_hoja(
    origen: Path,
    destino: Path,
    hoja: str,
    contenido: Callable[[bytes], Iterable[bytes]],
) -> Path:
    """Copy a workbook, replacing sheet ``hoja``'s XML by ``contenido(old XML)`` (streamed)."""
    with zipfile.ZipFile(origen) as viejo, zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as z:
        parte = _parte_de(viejo, hoja)
        for info in viejo.infolist():
            if info.filename == parte:
                with z.open(info.filename, "w", force_zip64=True) as salida:
                    for trozo in contenido(viejo.read(parte)):
                        salida.write(trozo)
            else:
                z.writestr(info, viejo.read(info.filename))
    return destino


def _base(carpeta: Path) -> Path:
    return libro(
        carpeta / "base.xlsx",
        {"avances": [ENCABEZADO_AVANCES, ["MS-01-I1", "2024-T1", 1, "2024-04-05", None]]},
    )


def bomba_zip(destino: Path, megas: int = 100) -> Path:
    """``avances`` = ``megas`` MB of one repeated row (compresses ~1,000×)."""
    fila = (
        b'<row><c t="inlineStr"><is><t>MS-01-I1</t></is></c><c t="inlineStr"><is><t>2024-T1'
        b"</t></is></c><c><v>1</v></c></row>"
    )
    bloque = fila * (1024 * 1024 // len(fila))

    def contenido(_xml: bytes) -> Iterable[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_NS}"><sheetData>'.encode()
        for _ in range(megas):
            yield bloque
        yield b"</sheetData></worksheet>"

    return reescribir_hoja(_base(destino.parent), destino, "avances", contenido)


def bomba_diversa(destino: Path, filas: int = 500_000) -> Path:
    """``avances`` = ``filas`` distinct rows of garbage: under the ratio cap, so it passes the
    ZIP checks; every row has three bad cells."""

    def contenido(_: bytes) -> Iterable[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_NS}"><sheetData>'.encode()
        yield (
            '<row r="1">'
            + "".join(
                f'<c r="{c}1" t="inlineStr"><is><t>{n}</t></is></c>'
                for c, n in zip("ABCDE", ENCABEZADO_AVANCES, strict=True)
            )
            + "</row>"
        ).encode()
        for inicio in range(2, filas + 2, 10_000):
            yield "".join(
                f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>X{i}</t></is></c>'
                f'<c r="B{i}" t="inlineStr"><is><t>T{i}</t></is></c><c r="C{i}" t="inlineStr">'
                f'<is><t>v{i}</t></is></c><c r="D{i}" t="inlineStr"><is><t>f{i}</t></is></c></row>'
                for i in range(inicio, min(inicio + 10_000, filas + 2))
            ).encode()
        yield b"</sheetData></worksheet>"

    return reescribir_hoja(_base(destino.parent), destino, "avances", contenido)


def dimension_gigante(destino: Path, ref: str = "A1:XFD1048576") -> Path:
    """A few-KB workbook whose ``avances`` sheet declares ``ref`` as its dimension."""

    def contenido(xml: bytes) -> Iterable[bytes]:
        yield re.sub(rb'<dimension ref="[^"]+"', f'<dimension ref="{ref}"'.encode(), xml)

    return reescribir_hoja(_base(destino.parent), destino, "avances", contenido)


def csv_millon(carpeta: Path, filas: int = 1_000_000) -> Path:
    """A folder with an ``avances.csv`` of ``filas`` rows, each with three bad cells."""
    carpeta.mkdir(parents=True, exist_ok=True)
    with (carpeta / "avances.csv").open("w", encoding="utf-8") as f:
        f.write(",".join(ENCABEZADO_AVANCES) + "\n")
        for inicio in range(0, filas, 100_000):
            f.write(
                "".join(
                    f"MS-01-I1,2024-T9,x{i},2024-13-01,\n"
                    for i in range(inicio, min(inicio + 100_000, filas))
                )
            )
    return carpeta
