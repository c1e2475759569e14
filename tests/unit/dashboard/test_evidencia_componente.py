"""The evidence upload field and the request-size rule built on its id (issue #10)."""

from __future__ import annotations

import json

import pytest

from dashboard.components.evidencia import (
    TEXTO,
    es_subida_de_evidencia,
    limite_solicitud,
    subida_de_evidencia,
)
from dashboard.seguridad import lleva_evidencia
from data_layer.evidencias import MAX_BYTES


def test_the_upload_field_says_what_it_takes_and_caps_the_size() -> None:
    """The field shows the Spanish hint, takes one file, and the browser refuses above 10 MB."""
    campo = subida_de_evidencia("reportes-evidencia")
    assert campo.max_size == MAX_BYTES and campo.multiple is False
    assert TEXTO == (
        "Arrastre o seleccione un archivo (PDF, XLSX, DOCX, CSV, PNG o JPEG; máx. 10 MB)"
    )
    assert TEXTO in str(campo.children)
    assert subida_de_evidencia({"type": "fila-evidencia", "indicador": "X"}).id["type"]


def test_an_upload_id_must_end_in_the_evidence_suffix() -> None:
    """An id without the suffix is refused at build time: otherwise its callbacks would hit the
    2 MB request limit with a real file."""
    with pytest.raises(ValueError, match="-evidencia"):
        subida_de_evidencia("reportes-archivo")


def test_only_callbacks_reading_an_evidence_uploads_contents_get_the_larger_limit() -> None:
    """The larger request limit applies to callbacks that read an evidence upload's
    ``contents`` (plain or pattern-matching id), never to others."""
    patron = json.dumps({"indicador": ["MATCH"], "type": "reportes-evidencia"})
    assert lleva_evidencia({"state": [{"id": "reportes-evidencia", "property": "contents"}]})
    assert lleva_evidencia({"inputs": [{"id": patron, "property": "contents"}]})
    assert not lleva_evidencia({"inputs": [{"id": "reportes-evidencia", "property": "filename"}]})
    assert not lleva_evidencia({"inputs": [{"id": "importar-archivo", "property": "contents"}]})
    assert not lleva_evidencia({"inputs": [{"id": "{malformado", "property": "contents"}]})
    assert not es_subida_de_evidencia(None)


def test_the_evidence_request_limit_fits_a_10_mb_file_as_base64() -> None:
    """A 10 MB file as base64 (≈ 13.4 MB) plus the callback's other inputs fits the limit."""
    assert limite_solicitud() >= 4 * (MAX_BYTES // 3 + 1) + 100_000
    assert limite_solicitud() < 15 * 1024 * 1024
