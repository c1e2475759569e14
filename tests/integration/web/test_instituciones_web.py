"""The institutions' part of the mesas and the ministers' responses through the real Flask/Dash
stack (issue #11, item 7), on the demo (SQLite and PostgreSQL).

«Mis acuerdos» reports as the logged-in UPGRET, and a forged acuerdo id of another institution is
refused; a UPGRET downloads its mesas' convocatorias and distributed minutes, not another mesa's
nor a draft; the minister answers on a red goal of the sector, a forged goal or role is refused,
and the answer shows on the overview.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard import create_app
from data_layer import permisos
from data_layer.db import get_engine, session_factory
from data_layer.mesas.models import Acuerdo, AyudaMemoria, EstadoAcuerdo, Mesa, SeguimientoAcuerdo
from data_layer.models import Institucion, Meta, RespuestaMinistro, Sector
from data_layer.respuestas import vigentes
from data_layer.vistas.mis_acuerdos import instituciones_de_mesa

from .test_formularios import callback, cliente, contar, sesion_de

META_ROJA = "MI-IHADFA-02"  # the demo's red goal of Salud (answered twice by the minister)


@pytest.fixture
def url_bd(private_demo_url: str) -> str:
    """The demo database of the test (SQLite, then PostgreSQL)."""
    return private_demo_url


@pytest.fixture
def app(url_bd: str):
    """A fresh app on the private database."""
    return create_app(url_bd)


def _acuerdo_pendiente(url: str, sigla: str = "SESAL") -> tuple[int, int]:
    """A pending acuerdo of ``sigla`` in the demo: (id, version)."""
    with session_factory(get_engine(url))() as s:
        fila = s.execute(
            select(Acuerdo.id, Acuerdo.version)
            .join(Institucion, Institucion.id == Acuerdo.institucion_responsable_id)
            .where(Institucion.sigla == sigla, Acuerdo.estado == EstadoAcuerdo.pendiente)
        ).first()
    assert fila is not None
    return fila[0], fila[1]


def _estado(url: str, ident: int) -> tuple[str, int]:
    with session_factory(get_engine(url))() as s:
        a = s.get(Acuerdo, ident)
        return a.estado.value, a.version


def _informar(app, c, ident: int, version: int, **extra):
    valores = {
        "mis-acuerdos-acuerdo": ident,
        "mis-acuerdos-estado": "en_proceso",
        "mis-acuerdos-nota": "Se inició la compra; ofertas en evaluación.",
        "mis-acuerdos-versiones": {str(ident): version},
        "mis-acuerdos-refresco": 0,
        **extra,
    }
    return callback(app, c, "mis-acuerdos-informar", valores)


def test_upgret_reports_its_acuerdo_from_mis_acuerdos(app, url_bd) -> None:
    """upgret.sesal moves a SESAL acuerdo to «en proceso» with a note from the page's callback."""
    ident, version = _acuerdo_pendiente(url_bd)
    status, texto = _informar(app, cliente(app, "upgret.sesal"), ident, version)
    assert status == 200 and f"Acuerdo N.º {ident} informado" in texto
    assert _estado(url_bd, ident) == ("en_proceso", version + 1)


def test_a_forged_acuerdo_of_another_institution_is_refused(app, url_bd) -> None:
    """upgret.seduc sends SESAL's acuerdo id (forged): the service's refusal, nothing written."""
    ident, version = _acuerdo_pendiente(url_bd)
    antes = contar(url_bd, SeguimientoAcuerdo)
    status, texto = _informar(app, cliente(app, "upgret.seduc"), ident, version)
    assert status == 200 and permisos.SIN_PERMISO_ACUERDO in texto
    assert "No se guardó nada" in texto
    assert _estado(url_bd, ident) == ("pendiente", version)
    assert contar(url_bd, SeguimientoAcuerdo) == antes


def test_a_stale_version_is_refused(app, url_bd) -> None:
    """A page that showed an older version of the acuerdo cannot report on it."""
    ident, version = _acuerdo_pendiente(url_bd)
    _, texto = _informar(app, cliente(app, "upgret.sesal"), ident, version - 1)
    assert "cambió mientras usted lo veía" in texto
    assert _estado(url_bd, ident) == ("pendiente", version)


def test_upgret_downloads_its_mesas_sent_documents_only(app, url_bd) -> None:
    """upgret.sesal downloads the Salud convocatoria and distributed minutes; not another mesa's
    convocatoria, nor a draft."""
    with session_factory(get_engine(url_bd))() as s:
        ajeno = next(
            sector
            for (sector,) in s.execute(
                select(Sector.codigo).join(Mesa, Mesa.sector_id == Sector.id)
            )
            if "SESAL" not in instituciones_de_mesa(s, sector)
        )
        distribuida = s.scalar(
            select(AyudaMemoria.id)
            .join(Mesa, Mesa.id == AyudaMemoria.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == "SAL", AyudaMemoria.distribuida_en.is_not(None))
        )
        borrador = s.scalar(
            select(AyudaMemoria.id)
            .join(Mesa, Mesa.id == AyudaMemoria.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == "SAL", AyudaMemoria.distribuida_en.is_(None))
        )
    u = cliente(app, "upgret.sesal")
    r = u.get(f"/descargas/convocatoria/{sesion_de(url_bd, 'SAL')}.pdf")
    assert r.status_code == 200 and r.data.startswith(b"%PDF-")
    assert u.get(f"/descargas/ayuda-memoria/{distribuida}.pdf").status_code == 200
    assert u.get(f"/descargas/convocatoria/{sesion_de(url_bd, ajeno)}.pdf").status_code == 403
    assert u.get("/descargas/acuerdos/SAL.xlsx").status_code == 403
    if borrador is not None:
        assert u.get(f"/descargas/ayuda-memoria/{borrador}.pdf").status_code == 403


def _responder(app, c, codigo: str):
    return callback(
        app,
        c,
        "meta-respuesta-guardar",
        {
            "meta-params": {"codigo": codigo},
            "meta-respuesta-texto": "Retraso en la contratación de personal de los centros.",
            "meta-respuesta-acciones": "Contratación por emergencia aprobada esta semana.",
            "meta-respuesta-firmante": "Ministra de Salud",
            "meta-respuesta-vigente-id": None,
            "meta-respuesta-refresco": 0,
        },
    )


def test_minister_answers_a_red_goal_and_forgeries_are_refused(app, url_bd) -> None:
    """The Minister of Health answers on the demo's red Salud goal (superseding her current
    answer only when the form saw it); the Presidency, or the minister on another sector's
    goal, is refused and nothing is written."""
    with session_factory(get_engine(url_bd))() as s:
        actual = vigentes(s, [META_ROJA])[META_ROJA].id
        otra = s.scalar(
            select(Meta.codigo)
            .join(Sector, Sector.id == Meta.sector_id)
            .where(Sector.codigo != "SAL")
        )
    antes = contar(url_bd, RespuestaMinistro)
    ministra = cliente(app, "ministro.salud")
    # A form that did not see the current answer is refused.
    _, texto = _responder(app, ministra, META_ROJA)
    assert "mientras usted escribía" in texto
    for c, codigo in ((cliente(app, "presidencia"), META_ROJA), (ministra, otra)):
        _, texto = _responder(app, c, codigo)
        assert permisos.SIN_PERMISO_RESPUESTA in texto
    assert contar(url_bd, RespuestaMinistro) == antes
    _, texto = callback(
        app,
        ministra,
        "meta-respuesta-guardar",
        {
            "meta-params": {"codigo": META_ROJA},
            "meta-respuesta-texto": "Retraso en la contratación de personal de los centros.",
            "meta-respuesta-acciones": "Contratación por emergencia aprobada esta semana.",
            "meta-respuesta-vigente-id": actual,
            "meta-respuesta-refresco": 0,
        },
    )
    assert "Respuesta registrada" in texto
    assert contar(url_bd, RespuestaMinistro) == antes + 1
    _, resumen = callback(
        app, cliente(app, "presidencia"), "resumen-params", {}, salida_con="resumen-respuestas"
    )
    assert META_ROJA in resumen and "Retraso en la contratación" in resumen


@pytest.mark.parametrize("usuario", ["ministro.salud", "presidencia", "coord.salud"])
def test_mis_acuerdos_is_for_upgret_only(app, url_bd, usuario) -> None:
    """Other roles opening the page's data callback get nothing."""
    _, texto = callback(app, cliente(app, usuario), "mis-acuerdos-refresco", {})
    assert "Acuerdo N.º" not in texto
