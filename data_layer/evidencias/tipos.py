"""What an evidence file is, decided by its content (magic bytes and structure), never its name.

Accepted (DOMAIN.md §8): PDF, XLSX, DOCX, CSV, PNG, JPEG. Everything else is refused with a
Spanish message saying why (:class:`EvidenciaRechazada`), in particular what a browser or an
office suite could be tricked into running or expanding:

- HTML and SVG (with or without script: an SVG is XML that may carry script or external links);
- a ZIP that is not a real workbook or document, or one that expands too much (a «zip bomb»
  renamed ``.xlsx``): the members are counted, their declared sizes and the ratio to the file's
  size are checked before any member is read, then every member is read in a bounded stream,
  which also checks its CRC; macros (``vbaProject.bin``) and encrypted members are refused;
- executables (Windows, Linux, macOS, scripts with ``#!``) and the old binary Office formats;
- a PDF carrying JavaScript, launch actions or embedded files (as far as its uncompressed
  dictionaries show: a best-effort check; the download route's headers are the real guard);
- an empty file, a file above the size limit, a PNG declaring an absurd size;
- a CSV that is not UTF-8 text, holds NUL or control bytes, looks like HTML/XML, or has a cell
  Excel would run as a formula (``=``, ``@``, or ``+``/``-`` not followed by a number).

:func:`detectar` is pure (bytes in, :class:`Tipo` out): the storage module calls it before
writing anything.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from data_layer.errores import ErrorDeDatos
from data_layer.formato import format_numero

#: Largest evidence file (DOMAIN.md §8).
MAX_BYTES = 10 * 1024 * 1024
#: Most members a workbook or document may hold.
MAX_MIEMBROS = 2000
#: Largest total (declared and actual) uncompressed size of a workbook or document.
MAX_DESCOMPRIMIDO = 100 * 1024 * 1024
#: Largest ratio of uncompressed size to file size (real office files stay well below 30).
MAX_PROPORCION = 100
#: Largest image a PNG may declare, in pixels (a "decompression bomb" for image viewers).
MAX_PIXELES = 100_000_000
_BLOQUE = 64 * 1024

ACEPTADOS = "PDF, XLSX, DOCX, CSV, PNG o JPEG"


class EvidenciaRechazada(ErrorDeDatos):
    """An evidence file refused by its content or size; the message (Spanish) says why."""


@dataclass(frozen=True)
class Tipo:
    """An accepted evidence type.

    Attributes:
        codigo: what :attr:`data_layer.models.Evidencia.tipo` stores.
        mime: the media type the download route declares.
        extensiones: file name endings of the type (the first is added when the name lacks one).
    """

    codigo: str
    mime: str
    extensiones: tuple[str, ...]


PDF = Tipo("pdf", "application/pdf", (".pdf",))
XLSX = Tipo("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
DOCX = Tipo(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
CSV = Tipo("csv", "text/csv", (".csv",))
PNG = Tipo("png", "image/png", (".png",))
JPEG = Tipo("jpeg", "image/jpeg", (".jpg", ".jpeg"))
#: Every accepted type by its stored code.
TIPOS = {t.codigo: t for t in (PDF, XLSX, DOCX, CSV, PNG, JPEG)}

_FIRMA_PNG = b"\x89PNG\r\n\x1a\n"
_EJECUTABLES = (
    b"MZ",  # Windows (PE, DOS)
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # macOS (Mach-O, both byte orders, 32 and 64 bits, universal)
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",  # scripts
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ESCAPE_PDF = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_ACTIVO = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)(?![A-Za-z0-9])")
_MARCADO = re.compile(
    r"<\s*(!doctype|html|head|body|script|iframe|frame|svg|object|embed|meta|link|style|"
    r"img|form|math|xml|\?xml|!\[cdata)\b",
    re.IGNORECASE,
)
_SVG = re.compile(r"<\s*svg[\s>/]", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMERO = re.compile(r"[+-]\s*\d[\d.,\s]*%?")


def _mb(n: int) -> str:
    return format_numero(n / 1024 / 1024, 1)


def _rechazo(texto: str) -> EvidenciaRechazada:
    return EvidenciaRechazada(texto)


# --- binary types ---------------------------------------------------------------------------


def _pdf(contenido: bytes) -> Tipo:
    if b"%%EOF" not in contenido[-2048:]:
        raise _rechazo("El PDF está incompleto o dañado (no termina como un PDF). Súbalo otra vez.")
    # PDF names may spell letters as #xx (/Java#53cript is /JavaScript): decode them first.
    if _PDF_ACTIVO.search(_ESCAPE_PDF.sub(lambda m: bytes([int(m.group(1), 16)]), contenido)):
        raise _rechazo(
            "El PDF contiene código (JavaScript), acciones que abren programas o archivos "
            "incrustados, y no se admite. Guárdelo de nuevo como PDF simple (p. ej. «Imprimir "
            "como PDF»)."
        )
    return PDF


def _png(contenido: bytes) -> Tipo:
    cabecera = contenido[8:33]
    if len(cabecera) < 25 or cabecera[4:8] != b"IHDR":
        raise _rechazo("La imagen PNG está dañada (falta su encabezado).")
    ancho, alto = struct.unpack(">II", cabecera[8:16])
    if ancho == 0 or alto == 0 or ancho * alto > MAX_PIXELES:
        raise _rechazo("La imagen PNG declara un tamaño imposible o desmedido y no se admite.")
    if b"IEND" not in contenido[-32:]:
        raise _rechazo("La imagen PNG está incompleta o dañada. Súbala otra vez.")
    return PNG


def _jpeg(contenido: bytes) -> Tipo:
    if b"\xff\xd9" not in contenido[-1024:]:
        raise _rechazo("La imagen JPEG está incompleta o dañada. Súbala otra vez.")
    return JPEG


def _miembros_seguros(archivo: zipfile.ZipFile, tamano: int) -> list[zipfile.ZipInfo]:
    """The members of a ZIP, refused when they are too many or would expand too much."""
    miembros = archivo.infolist()
    if len(miembros) > MAX_MIEMBROS:
        raise _rechazo(
            f"El archivo comprimido tiene {len(miembros)} partes (máximo {MAX_MIEMBROS}) y no "
            "se admite."
        )
    declarado = sum(m.file_size for m in miembros)
    if declarado > MAX_DESCOMPRIMIDO or declarado > MAX_PROPORCION * max(tamano, 1):
        raise _rechazo(
            f"El archivo se expande a {_mb(declarado)} MB al descomprimirlo (posible «bomba "
            "zip») y no se admite."
        )
    for m in miembros:
        if m.flag_bits & 0x1:
            raise _rechazo("El archivo tiene partes cifradas con contraseña y no se admite.")
        if m.filename.startswith(("/", "\\")) or ".." in m.filename.replace("\\", "/").split("/"):
            raise _rechazo("El archivo comprimido tiene rutas no válidas y no se admite.")
        if m.filename.lower().endswith("vbaproject.bin"):
            raise _rechazo(
                "El archivo contiene macros y no se admite: guárdelo como libro o documento sin "
                "macros (.xlsx o .docx)."
            )
    return miembros


def _leer_acotado(archivo: zipfile.ZipFile, miembros: list[zipfile.ZipInfo]) -> None:
    """Read every member as a stream, stopping at :data:`MAX_DESCOMPRIMIDO` actual bytes (the
    declared sizes may lie); a bad CRC or a broken stream refuses the file."""
    total = 0
    for m in miembros:
        with archivo.open(m) as flujo:
            while bloque := flujo.read(_BLOQUE):
                total += len(bloque)
                if total > MAX_DESCOMPRIMIDO:
                    raise _rechazo(
                        "El archivo se expande demasiado al descomprimirlo (posible «bomba zip») "
                        "y no se admite."
                    )


def _zip(contenido: bytes) -> Tipo:
    try:
        with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
            miembros = _miembros_seguros(archivo, len(contenido))
            nombres = {m.filename for m in miembros}
            if "[Content_Types].xml" in nombres and "xl/workbook.xml" in nombres:
                tipo = XLSX
            elif "[Content_Types].xml" in nombres and "word/document.xml" in nombres:
                tipo = DOCX
            else:
                raise _rechazo(
                    "El archivo es un ZIP que no es un libro de Excel (.xlsx) ni un documento de "
                    f"Word (.docx). Se admiten {ACEPTADOS}."
                )
            _leer_acotado(archivo, miembros)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError):
        raise _rechazo(
            "El archivo comprimido (.xlsx o .docx) está dañado. Ábralo y guárdelo de nuevo."
        ) from None
    return tipo


# --- text: CSV --------------------------------------------------------------------------------


def _delimitador(primera: str) -> str:
    return max(",;\t|", key=primera.count)


@functools.cache
def _sospecha(delimitador: str) -> re.Pattern[str]:
    """Cells that may start with a formula sign: ``=``/``@``, or ``+``/``-`` not followed by a
    plain number (with ``delimitador`` ending the cell)."""
    d = re.escape(delimitador)
    numero = r"\d[\d.]*" if delimitador == "," else r"\d[\d.,]*"
    # Starts with the sign (the engine skips quickly to each one); the sign must open a cell.
    return re.compile(
        rf'(?<![^{d}\n" \t])(?:[=@]|[+-](?![ \t]*{numero}%?[ \t"]*(?:{d}|\r?$)))',
        re.MULTILINE,
    )


def _formula(celda: str) -> bool:
    """Whether a spreadsheet would read ``celda`` as a formula (CSV injection)."""
    texto = celda.lstrip(" \t\r\n")
    if not texto:
        return False
    if texto[0] in "=@":
        return True
    return texto[0] in "+-" and not _NUMERO.fullmatch(texto)


def _csv(contenido: bytes, nombre: str) -> Tipo:
    es_csv = nombre.lower().endswith(".csv")
    try:
        texto = contenido.decode("utf-8-sig")
    except UnicodeDecodeError:
        if es_csv:
            raise _rechazo(
                "El CSV no es texto UTF-8: guárdelo desde Excel como «CSV UTF-8 (delimitado por "
                "comas)»."
            ) from None
        raise _rechazo(
            f"No se reconoce el tipo del archivo. Se admiten {ACEPTADOS} (se revisa el contenido, "
            "no la extensión)."
        ) from None
    if _SVG.search(texto):
        raise _rechazo(
            "Las imágenes SVG no se admiten (pueden contener código): conviértala a PNG o JPEG."
        )
    if _MARCADO.search(texto):
        raise _rechazo(
            "El archivo contiene HTML o XML (una página web o un documento con código) y no se "
            f"admite. Se admiten {ACEPTADOS}."
        )
    if "\x00" in texto or _CONTROL.search(texto):
        raise _rechazo(
            "El archivo tiene caracteres de control o bytes nulos: no es un CSV de texto. "
            f"Se admiten {ACEPTADOS}."
        )
    if not texto.strip():
        raise _rechazo("El archivo está vacío.")
    primera = texto[: texto.find("\n")] if "\n" in texto else texto
    delimitador = _delimitador(primera)
    # One pass over the text finds the cells that may start with a formula sign (a sign
    # followed by a plain number is not one); only their lines are parsed as CSV.
    signos = any(signo in texto for signo in "=@+-")
    for sospecha in _sospecha(delimitador).finditer(texto) if signos else ():
        inicio = texto.rfind("\n", 0, sospecha.start() + 1) + 1
        fin = texto.find("\n", sospecha.end())
        linea = texto[inicio : len(texto) if fin < 0 else fin]
        try:
            celdas = next(csv.reader([linea], delimiter=delimitador), [])
        except csv.Error:
            celdas = [linea]
        for celda in celdas:
            if _formula(celda):
                numero = texto.count("\n", 0, inicio) + 1
                raise _rechazo(
                    f"La fila {numero} del CSV tiene una celda que empieza con "
                    f"«{celda.strip()[0]}» y Excel la ejecutaría como fórmula; las fórmulas no "
                    "se admiten en un CSV de evidencia."
                )
    return CSV


# --- the entry point ----------------------------------------------------------------------------


def detectar(contenido: bytes, nombre: str = "", *, maximo: int = MAX_BYTES) -> Tipo:
    """The accepted type of ``contenido``, decided by its bytes.

    Args:
        contenido: the whole file.
        nombre: the name the user gave it; used only to word a message (a ``.csv`` that is not
            UTF-8), never to decide the type.
        maximo: largest size in bytes.

    Raises:
        EvidenciaRechazada: empty, too large, or not one of the accepted types (the message
            says which rule refused it).
    """
    if not contenido:
        raise _rechazo("El archivo está vacío.")
    if len(contenido) > maximo:
        raise _rechazo(f"El archivo pesa {_mb(len(contenido))} MB; el máximo es {_mb(maximo)} MB.")
    if contenido.startswith(b"%PDF-"):
        return _pdf(contenido)
    if contenido.startswith(_FIRMA_PNG):
        return _png(contenido)
    if contenido.startswith(b"\xff\xd8\xff"):
        return _jpeg(contenido)
    if contenido.startswith(b"PK\x03\x04"):
        return _zip(contenido)
    if contenido.startswith(_EJECUTABLES):
        raise _rechazo("Los programas ejecutables y los scripts no se admiten como evidencia.")
    if contenido.startswith(_OLE2):
        raise _rechazo(
            "Los formatos antiguos de Office (.xls, .doc) no se admiten: guárdelo como .xlsx o "
            ".docx."
        )
    if contenido.startswith((b"PK\x05\x06", b"PK\x07\x08", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        raise _rechazo(
            "Los archivos comprimidos (.zip, .rar, .7z, .gz) no se admiten. "
            f"Se admiten {ACEPTADOS}."
        )
    return _csv(contenido, nombre)


#: What a mesa's product document may be (issue #11): a document or a workbook, not an image.
DOCUMENTOS = (PDF, DOCX, XLSX)
ACEPTADOS_DOCUMENTO = "PDF, DOCX o XLSX"


def detectar_documento(contenido: bytes, nombre: str = "", *, maximo: int = MAX_BYTES) -> Tipo:
    """The type of a product's document: :func:`detectar`'s checks, then PDF, DOCX or XLSX only.

    Raises:
        EvidenciaRechazada: every refusal of :func:`detectar` (worded for documents), or an
            accepted evidence type that is not a document (CSV, PNG, JPEG).
    """
    try:
        tipo = detectar(contenido, nombre, maximo=maximo)
    except EvidenciaRechazada as exc:
        raise _rechazo(str(exc).replace(ACEPTADOS, ACEPTADOS_DOCUMENTO)) from None
    if tipo not in DOCUMENTOS:
        raise _rechazo(
            f"Los documentos de un producto se suben como {ACEPTADOS_DOCUMENTO}; este archivo es "
            f"{tipo.codigo.upper()}."
        )
    return tipo
