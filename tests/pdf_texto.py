"""Reading back the text a PDF of SIGPRET draws (fpdf2, core fonts), for assertions."""

from __future__ import annotations

import re
import zlib


def texto_pdf(contenido: bytes) -> str:
    """Every text drawn in a PDF, its Flate streams inflated (each read up to its own end)."""
    partes = []
    for inicio in re.finditer(rb"stream\r?\n", contenido):
        try:
            partes.append(zlib.decompressobj().decompress(contenido[inicio.end() :]))
        except zlib.error:
            continue
    crudo = b"".join(partes)
    trozos = re.findall(rb"\(((?:\\.|[^\\)])*)\) ?Tj", crudo)
    return " ".join(t.replace(b"\\(", b"(").replace(b"\\)", b")").decode("latin-1") for t in trozos)


def normalizado(texto: str) -> str:
    """``texto`` with every run of whitespace as one space (lines wrap where the PDF needs)."""
    return " ".join(texto.split())
