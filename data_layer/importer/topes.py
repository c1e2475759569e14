"""The caps of an uploaded MCR file and the cheap checks made before anything is parsed (issue #15).

A hostile or broken file must be refused within seconds and a bounded amount of memory, with a
Spanish reason, before the expensive reader sees it:

- :func:`revisar_libro` looks at a workbook's ZIP directory only: not a ZIP (or an old ``.xls``,
  or a workbook protected with a password), encrypted members, too many members, a total
  uncompressed size above :data:`MAX_DESCOMPRIMIDO`, or a member that expands more than
  :data:`MAX_RAZON` times (a «zip bomb»). ``zipfile`` never hands out more bytes than a member
  declares, so the declared sizes bound everything read afterwards.
- :func:`explorar_hoja` streams one sheet's XML through the decompressor without parsing it and
  returns the ``<dimension ref=…>`` it declares and its merged ranges (``<mergeCell>`` come after
  the rows, so only a scan finds them before the rows are read).

The reader (:mod:`data_layer.importer.lectura`) then refuses a sheet declaring more than
:data:`MAX_FILAS` rows or :data:`MAX_COLUMNAS` columns, reads rows as a stream and stops at those
caps; :class:`~data_layer.importer.resultado.Errores` lists at most :data:`MAX_ERRORES_LISTADOS`
errors and stops the whole check at :data:`MAX_ERRORES_REVISADOS`.

The caps are sized from the real MCR (the demo: 964 indicators, 14,790 targets, 13,722 values, a
0.7 MB workbook of 6.5 MB uncompressed, widest sheet 16 columns) at 100× (≈100,000 indicators).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from data_layer.errores import ErrorDeDatos
from data_layer.formato import format_entero

#: Most rows of one sheet (header included): ≈1.5 million targets at 100×, with a margin. An
#: Excel sheet cannot hold more than 1,048,576 rows, so at 100× the MCR is a CSV folder.
MAX_FILAS = 2_000_000
#: Most columns of one sheet (the widest, ``indicadores``, has 16).
MAX_COLUMNAS = 100
#: Most members of a workbook's ZIP (a seven-sheet workbook has about 20).
MAX_ENTRADAS = 1_000
#: Most bytes a workbook may expand to (6.5 MB for the demo, ≈650 MB at 100×).
MAX_DESCOMPRIMIDO = 1024 * 1024 * 1024
#: Most expansion of one member (real sheets stay near 10; repeated content reaches 1,000).
MAX_RAZON = 100
#: Members smaller than this once expanded are not checked for their ratio (harmless).
MIN_RAZON_BYTES = 1024 * 1024
#: Longest CSV line, in characters (a row of the demo has at most ~700).
MAX_LINEA = 1024 * 1024
#: Most errors listed; the rest are counted («… y N errores más»).
MAX_ERRORES_LISTADOS = 200
#: With this many errors the file is not checked any further (it is rejected anyway).
MAX_ERRORES_REVISADOS = 10_000
#: Most merged ranges of one sheet listed one by one.
MAX_COMBINADAS_LISTADAS = 5

_BLOQUE = 1024 * 1024
_CABEZA = 64 * 1024
_SOLAPE = 256
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)"'
)
_COMBINADA = re.compile(
    rb'<(?:\w+:)?mergeCell\s+ref="([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)"'
)
_REF = re.compile(r"^([A-Za-z]{1,3})(\d{1,7})$")
_FIRMA_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: What ``zipfile`` raises on a damaged archive or member.
ERRORES_ZIP = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError)


class ArchivoInvalido(ErrorDeDatos):
    """The file is not a usable workbook (type, size, content); nothing was kept or written."""


def _invalido(nombre: str) -> ArchivoInvalido:
    return ArchivoInvalido(
        f"«{nombre}» no es un libro de Excel (.xlsx) válido o está dañado; ábralo y guárdelo de "
        "nuevo como .xlsx."
    )


def _mb(n: int) -> str:
    """A size as people read it: ``740 KB``, ``100 MB``."""
    if n < 1024 * 1024:
        return f"{format_entero(max(1, round(n / 1024)))} KB"
    return f"{format_entero(round(n / 1024 / 1024))} MB"


def _abrir(origen: Path | bytes, nombre: str) -> zipfile.ZipFile:
    """The ZIP of a workbook; a password-protected workbook or an ``.xls`` gets its own message."""
    try:
        if isinstance(origen, bytes):
            cabeza = origen[:_CABEZA]
        else:
            with origen.open("rb") as f:
                cabeza = f.read(_CABEZA)
    except OSError as exc:
        raise ArchivoInvalido(f"No se pudo leer «{nombre}».") from exc
    if cabeza.startswith(_FIRMA_OLE):
        if "EncryptionInfo".encode("utf-16-le") in cabeza:
            raise ArchivoInvalido(
                f"«{nombre}» está protegido con contraseña y no se puede leer. Quite la contraseña "
                "(Archivo › Información › Proteger libro) y súbalo otra vez."
            )
        raise ArchivoInvalido(
            f"«{nombre}» es un libro de Excel antiguo (.xls) o no es un .xlsx. Guárdelo como "
            "«Libro de Excel (.xlsx)» y súbalo otra vez."
        )
    try:
        return zipfile.ZipFile(io.BytesIO(origen) if isinstance(origen, bytes) else origen)
    except ERRORES_ZIP as exc:
        raise _invalido(nombre) from exc


def revisar_zip(libro: zipfile.ZipFile, nombre: str) -> None:
    """Refuse, from the ZIP directory alone, what is not a workbook or expands abnormally.

    Raises:
        ArchivoInvalido: with the Spanish reason.
    """
    partes = libro.infolist()
    if len(partes) > MAX_ENTRADAS:
        raise ArchivoInvalido(
            f"«{nombre}» tiene {format_entero(len(partes))} partes internas (el máximo es "
            f"{format_entero(MAX_ENTRADAS)}): no es un libro de la MCR. Guarde el libro de nuevo "
            "desde Excel."
        )
    if any(p.flag_bits & 0x1 for p in partes):
        raise ArchivoInvalido(
            f"«{nombre}» tiene partes cifradas con contraseña y no se puede leer. Quite la "
            "contraseña y súbalo otra vez."
        )
    nombres = {p.filename for p in partes}
    if "xl/workbook.xml" not in nombres or "[Content_Types].xml" not in nombres:
        raise _invalido(nombre)
    total = sum(p.file_size for p in partes)
    if total > MAX_DESCOMPRIMIDO or any(
        p.file_size > MIN_RAZON_BYTES and p.file_size > MAX_RAZON * max(p.compress_size, 1)
        for p in partes
    ):
        raise ArchivoInvalido(
            f"«{nombre}» se expande a un tamaño anormal al abrirlo ({_mb(total)} desde "
            f"{_mb(sum(p.compress_size for p in partes))}; una «bomba zip»), así que no se "
            f"procesó. El máximo es {_mb(MAX_DESCOMPRIMIDO)} y {MAX_RAZON} veces el tamaño "
            "comprimido de cada parte. Guarde el libro de nuevo desde Excel."
        )


def abrir_libro(origen: Path | bytes, nombre: str) -> zipfile.ZipFile:
    """The workbook's ZIP, checked by :func:`revisar_zip` (the caller closes it).

    Raises:
        ArchivoInvalido: not a usable workbook.
    """
    libro = _abrir(origen, nombre)
    try:
        revisar_zip(libro, nombre)
    except BaseException:
        libro.close()
        raise
    return libro


def revisar_libro(origen: Path | bytes, nombre: str) -> None:
    """:func:`abrir_libro` and close: the checks of a workbook before it is stored or parsed."""
    abrir_libro(origen, nombre).close()


def coordenada(columna: int, fila: int) -> str:
    """``(3, 5)`` → ``C5``."""
    letras = ""
    while columna > 0:
        columna, resto = divmod(columna - 1, 26)
        letras = chr(65 + resto) + letras
    return f"{letras}{fila}"


def _celda(ref: str) -> tuple[int, int]:
    m = _REF.match(ref)
    if not m:
        raise ValueError(ref)
    columna = 0
    for letra in m.group(1).upper():
        columna = columna * 26 + ord(letra) - 64
    return columna, int(m.group(2))


def rango(ref: str) -> tuple[int, int, int, int]:
    """``B3:D5`` → ``(min_col, min_row, max_col, max_row)`` = ``(2, 3, 4, 5)``; a single cell
    is a range of one. Raises ``ValueError`` on anything else."""
    inicio, _, fin = ref.partition(":")
    c1, f1 = _celda(inicio)
    c2, f2 = _celda(fin) if fin else (c1, f1)
    return min(c1, c2), min(f1, f2), max(c1, c2), max(f1, f2)


@dataclass
class Exploracion:
    """What a sheet's XML declares, found without parsing it.

    Attributes:
        dimension: the declared ``<dimension ref=…>`` (``A1:E13723``), or None.
        combinadas: its merged ranges (``B3:B5``), in the file's order.
    """

    dimension: str | None = None
    combinadas: list[str] = field(default_factory=list)


def explorar_hoja(libro: zipfile.ZipFile, parte: str) -> Exploracion:
    """Stream the sheet ``parte`` through the decompressor: its dimension and merged ranges.

    Costs one decompression of the part (bounded by :func:`revisar_zip`), no XML parsing.

    Raises:
        zipfile.BadZipFile, zlib.error, OSError, EOFError: a damaged member.
    """
    exploracion = Exploracion()
    leidos = 0
    resto = b""
    with libro.open(parte) as fuente:
        while True:
            bloque = fuente.read(_BLOQUE)
            if not bloque:
                break
            texto = resto + bloque
            if exploracion.dimension is None and leidos < _CABEZA:
                dimension = _DIMENSION.search(texto, 0, _CABEZA + _SOLAPE)
                if dimension:
                    exploracion.dimension = dimension.group(1).decode("ascii")
            leidos += len(bloque)
            hasta = 0
            for combinada in _COMBINADA.finditer(texto):
                exploracion.combinadas.append(combinada.group(1).decode("ascii"))
                hasta = combinada.end()
            resto = texto[max(hasta, len(texto) - _SOLAPE) :]
    return exploracion
