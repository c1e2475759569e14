"""The versions of an indicator's values read from the database (queries.load_versiones) and
shown by the view-model, on SQLite and PostgreSQL: order, states, who and when, evidence file and
link, drafts hidden from a minister."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from data_layer import queries
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.models import EstadoVersion, Evidencia, Institucion, Rol
from data_layer.reportes import servicio
from data_layer.vistas.versiones import versiones_por_periodo

from .conftest import ANALISTA, ANALISTA_2, UPGRET_SEDUC, momento

AULAS = "MI-SEDUC-01-I1"
MINISTRO = Alcance(usuario="ministro.educacion", rol=Rol.ministro, sectores=frozenset({"EDU"}))


def _escribir(db, funcion, **kwargs):
    with session_factory(db, escritura=True)() as s, s.begin():
        return funcion(s, **kwargs).id


def _evidencia(db) -> int:
    with session_factory(db, escritura=True)() as s, s.begin():
        seduc = s.scalars(select(Institucion).where(Institucion.sigla == "SEDUC")).one()
        evidencia = Evidencia(
            clave="c" * 64,
            nombre_original="acta.pdf",
            tipo="pdf",
            tamano=1000,
            sha256="0" * 64,
            institucion_id=seduc.id,
            subido_por="upgret.seduc",
            subido_en=dt.datetime(2024, 7, 9, 16, tzinfo=dt.UTC),
        )
        s.add(evidencia)
        s.flush()
        return evidencia.id


def test_versions_of_a_corrected_period_read_back_in_order_with_who_and_when(mcr) -> None:
    """A value saved as a draft, sent, returned, resent, validated, corrected and validated
    again: the page's view lists each version with its state, who sent and reviewed it and when
    (Honduras time), the observación, the motivo and the evidence (file clave and link); while
    it was a draft, the minister did not see it and the institution did."""
    primera = _escribir(
        mcr, servicio.guardar, actor=UPGRET_SEDUC, indicador=AULAS, periodo="2024-T2",
        valor=11, ahora=momento(2024, 7, 9),
    )  # fmt: skip
    with session_factory(mcr)() as s:
        filas = queries.load_versiones(s, AULAS)
    propia = versiones_por_periodo(filas, UPGRET_SEDUC, "SEDUC")
    assert [(p.periodo, [v.estado for v in p.versiones]) for p in propia] == [
        ("2024-T2", [EstadoVersion.borrador]),
        ("2024-T1", [EstadoVersion.validado]),
    ]
    assert [p.periodo for p in versiones_por_periodo(filas, MINISTRO, "SEDUC")] == ["2024-T1"]

    _escribir(
        mcr, servicio.enviar, actor=UPGRET_SEDUC, version_id=primera, ahora=momento(2024, 7, 10)
    )
    _escribir(
        mcr, servicio.devolver, actor=ANALISTA, version_id=primera,
        observacion="Falta la región 3.", ahora=momento(2024, 7, 11),
    )  # fmt: skip
    evidencia = _evidencia(mcr)
    segunda = _escribir(
        mcr, servicio.guardar, actor=UPGRET_SEDUC, indicador=AULAS, periodo="2024-T2",
        valor=12, enviar=True, evidencia_id=evidencia,
        evidencia_url="https://example.org/acta.pdf", ahora=momento(2024, 7, 12),
    )  # fmt: skip
    _escribir(
        mcr, servicio.validar, actor=ANALISTA_2, version_id=segunda, ahora=momento(2024, 7, 13)
    )
    correccion = _escribir(
        mcr, servicio.solicitar_correccion, actor=UPGRET_SEDUC, indicador=AULAS,
        periodo="2024-T2", valor=12.5, motivo="Media aula de Olancho.",
        ahora=momento(2024, 9, 1),
    )  # fmt: skip
    _escribir(
        mcr, servicio.validar, actor=ANALISTA, version_id=correccion, ahora=momento(2024, 9, 3)
    )

    with session_factory(mcr)() as s:
        filas = queries.load_versiones(s, AULAS)
    propia = versiones_por_periodo(filas, UPGRET_SEDUC, "SEDUC")
    assert [p.periodo for p in propia] == ["2024-T2", "2024-T1"]
    t2 = propia[0]
    assert [(v.numero, v.estado, v.valor) for v in t2.versiones] == [
        (1, EstadoVersion.devuelto, 11),
        (2, EstadoVersion.reemplazado, 12),
        (3, EstadoVersion.validado, 12.5),
    ]
    devuelta, reemplazada, oficial = t2.versiones
    assert devuelta.observacion == "Falta la región 3."
    assert devuelta.revisado_por == "analista.uno"
    assert devuelta.revisado_en == momento(2024, 7, 11)
    assert devuelta.recibido_en == momento(2024, 7, 10)
    assert devuelta.recibido_en.utcoffset() == dt.timedelta(hours=-6)
    assert (reemplazada.revisado_por, reemplazada.evidencia_clave) == ("analista.dos", "c" * 64)
    assert reemplazada.evidencia_url == "https://example.org/acta.pdf"
    assert reemplazada.reemplazado_en == momento(2024, 9, 3)
    assert (oficial.motivo, oficial.enviado_por) == ("Media aula de Olancho.", "upgret.seduc")
    assert t2.oficial == oficial and t2.pendiente is None
    assert versiones_por_periodo(filas, MINISTRO, "SEDUC") == propia
