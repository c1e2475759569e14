"""The bytes of a browser upload (``dcc.Upload``'s ``data:…;base64,…`` text), decoded safely.

A callback's inputs are never trusted: the text may be forged, truncated or huge. Its length is
checked against the limit before anything is decoded (base64 carries 3 bytes per 4 characters),
and only strict base64 is decoded.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, NamedTuple

from data_layer.evidencias.tipos import MAX_BYTES, EvidenciaRechazada
from data_layer.formato import format_numero

_LARGO_NOMBRE = 255
#: Longest ``data:<media type>;base64,`` prefix accepted.
_LARGO_PREFIJO = 255


class Subida(NamedTuple):
    """A decoded upload: the name the user gave and the file's bytes (``guardar``'s keywords)."""

    nombre: str
    contenido: bytes


def largo_maximo(maximo: int = MAX_BYTES) -> int:
    """Characters of the base64 text of a file of ``maximo`` bytes (with its ``data:`` prefix)."""
    return -(-maximo // 3) * 4 + _LARGO_PREFIJO + 1


def desde_upload(contents: Any, filename: Any, *, maximo: int = MAX_BYTES) -> Subida:
    """Decode ``dcc.Upload``'s ``contents`` and ``filename``.

    Args:
        contents: the upload's ``data:<type>;base64,<data>`` text (one file).
        filename: the upload's file name.
        maximo: largest file in bytes (10 MB).

    Returns:
        The file's name and bytes, to pass to :func:`data_layer.evidencias.guardar`, which
        checks the content.

    Raises:
        EvidenciaRechazada: not one file's data URL, too large, or not base64 (Spanish reason).
    """
    if not isinstance(contents, str) or not contents.startswith("data:"):
        raise EvidenciaRechazada("No llegó ningún archivo: elíjalo otra vez.")
    cabecera, coma, cuerpo = contents.partition(",")
    if not coma or not cuerpo:
        raise EvidenciaRechazada("El archivo está vacío.")
    if len(cabecera) > _LARGO_PREFIJO or not cabecera.endswith(";base64"):
        raise EvidenciaRechazada("El archivo no llegó completo; súbalo otra vez.")
    if len(cuerpo) > largo_maximo(maximo) - _LARGO_PREFIJO - 1:
        mb = format_numero(len(cuerpo) * 3 / 4 / 1024 / 1024, 1)
        raise EvidenciaRechazada(
            f"El archivo pesa {mb} MB; el máximo es {format_numero(maximo / 1024 / 1024, 1)} MB."
        )
    try:
        contenido = base64.b64decode(cuerpo, validate=True)
    except (binascii.Error, ValueError):
        raise EvidenciaRechazada("El archivo no llegó completo; súbalo otra vez.") from None
    nombre = filename if isinstance(filename, str) else ""
    return Subida(nombre=nombre[:_LARGO_NOMBRE], contenido=contenido)
