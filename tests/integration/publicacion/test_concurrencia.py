"""Two analysts publishing the same quarter at the same moment, in real threads, on SQLite and
PostgreSQL (issue #14): exactly one edition is created and the other analyst gets a Spanish
refusal, never an unhandled IntegrityError. Both read the quarter before either writes
(:func:`a_la_vez`), unless a lock makes the second wait (SQLite's write lock)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError

from data_layer.publicacion import servicio
from data_layer.publicacion.servicio import ErrorPublicacion
from tests.integration.concurrencia import a_la_vez

from .conftest import ANALISTA, ANALISTA_2, auditoria, filas, preparar

REFUSALS = ("ya está publicado con estas mismas cifras", "Otra persona publicó")


def _publicar(preparada, actor):
    def trabajo(s) -> int:
        return servicio.publicar(s, preparada, huella_vista=preparada.huella, actor=actor).edicion

    return trabajo


def test_two_analysts_publishing_the_same_quarter_at_once_make_one_edition(mcr) -> None:
    """Each analyst prepared the quarter (same huella, two preparations) and both publish at
    once, for two quarters in turn: one gets edition 1, the other a Spanish refusal (the same
    figures are already published, or somebody published in that same moment); one row and one
    audit record per quarter."""
    for periodo, hoy in (("2024-T1", dt.date(2024, 5, 1)), ("2024-T2", dt.date(2024, 8, 1))):
        una, otra = preparar(mcr, periodo, hoy), preparar(mcr, periodo, hoy)
        assert una.huella == otra.huella and una is not otra
        resultados = a_la_vez(mcr, [_publicar(una, ANALISTA), _publicar(otra, ANALISTA_2)])
        assert not any(isinstance(r, IntegrityError) for r in resultados), resultados
        ediciones = [r for r in resultados if isinstance(r, int)]
        rechazos = [r for r in resultados if isinstance(r, ErrorPublicacion)]
        assert ediciones == [1] and len(rechazos) == 1, resultados
        assert any(texto in str(rechazos[0]) for texto in REFUSALS), rechazos[0]
        assert [f.edicion for f in filas(mcr) if f.periodo == periodo] == [1]
    assert len(auditoria(mcr)) == 2
