"""The evidence file field of a form: a ``dcc.Upload`` for one PDF, XLSX, DOCX, CSV, PNG or JPEG.

How a form uses it (the reportes page)::

    subida_de_evidencia("reportes-evidencia")           # in the layout; the id ends in -evidencia
    ...
    @callback(..., State("reportes-evidencia", "contents"),
              State("reportes-evidencia", "filename"), ...)
    def guardar(..., contents, filename, ...):
        def accion(s, actor):
            evidencia_id = None
            if contents:
                evidencia_id = evidencias.guardar_subida(
                    s, actor=actor, institucion=sigla, contents=contents, filename=filename
                ).id                                      # dashboard.evidencias
            servicio.guardar(s, actor=actor, ..., evidencia_id=evidencia_id)
            return "Guardado."
        return formularios.escribir(accion, token=token, formulario="reporte")

Both writes run in one transaction: a refused report removes the stored file again, and
``servicio.guardar`` refuses a file of another institution than the indicator's.

The request limit: every request carries at most 2 MB (``SIGPRET_MAX_SOLICITUD_MB``) except
the callbacks that read the ``contents`` of an upload made here (an id ending in
:data:`SUFIJO`, or a pattern-matching id whose ``type`` ends in it), which may carry a 10 MB file
as base64 (:func:`limite_solicitud`; see :mod:`dashboard.seguridad`). So the callback must read
the upload's ``contents`` itself (not a copy kept in a ``dcc.Store``).
"""

from __future__ import annotations

import json
from typing import Any

from dash import dcc, html

from data_layer.evidencias import MAX_BYTES, largo_maximo

#: The ending of an evidence upload's id (or of its ``type``, for a pattern-matching id).
SUFIJO = "-evidencia"
#: Room in the request for the callback's other inputs around the file.
MARGEN_BYTES = 256 * 1024
#: File endings the browser's dialog offers (a hint only: the server checks the content).
EXTENSIONES = ".pdf,.xlsx,.docx,.csv,.png,.jpg,.jpeg"
TEXTO = "Arrastre o seleccione un archivo (PDF, XLSX, DOCX, CSV, PNG o JPEG; máx. 10 MB)"


def es_subida_de_evidencia(ident: Any) -> bool:
    """Whether ``ident`` (a component id, or its JSON as Dash's callback map writes it) is an
    evidence upload's id."""
    if isinstance(ident, str) and ident.startswith("{"):
        try:
            ident = json.loads(ident)
        except ValueError:
            return False
    if isinstance(ident, dict):
        ident = ident.get("type")
    return isinstance(ident, str) and ident.endswith(SUFIJO)


def limite_solicitud(maximo: int = MAX_BYTES) -> int:
    """Largest request of a callback carrying an evidence upload of at most ``maximo`` bytes."""
    return largo_maximo(maximo) + MARGEN_BYTES


def subida_de_evidencia(
    id_: str | dict[str, Any],
    *,
    maximo: int = MAX_BYTES,
    texto: str = TEXTO,
    extensiones: str = EXTENSIONES,
) -> dcc.Upload:
    """An upload field for one evidence file.

    Args:
        id_: the component id; it must end in :data:`SUFIJO` (a dict id: its ``type``), which
            is what lets its callbacks carry a file above the 2 MB request limit.
        maximo: largest file in bytes (the browser refuses a larger one before sending it).

    Raises:
        ValueError: ``id_`` does not end in :data:`SUFIJO`.
    """
    if not es_subida_de_evidencia(id_):
        raise ValueError(f"El id de una subida de evidencia debe terminar en «{SUFIJO}»: {id_!r}")
    return dcc.Upload(
        html.Div(texto, className="small"),
        id=id_,
        multiple=False,
        max_size=maximo,
        accept=extensiones,
        className="evidencia-zona border rounded p-2 text-center text-muted",
        className_reject="evidencia-zona border border-danger rounded p-2 text-center text-danger",
    )
