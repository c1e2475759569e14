"""A minister's response to the Presidency on a red goal (issue #11, item 7), SQLite and PostgreSQL.

Only the goal's sector's minister answers, only on a red goal; a new response supersedes the
previous one without overwriting it; a response from a stale page is refused; every response is
audited.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from data_layer import permisos, respuestas
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.models import Auditoria, RespuestaMinistro, Rol
from data_layer.respuestas import ErrorRespuesta

MINISTRA_SAL = Alcance(usuario="ministro.salud", rol=Rol.ministro, sectores=frozenset({"SAL"}))
HOY = dt.date(2026, 5, 2)


def _responder(db, actor=MINISTRA_SAL, meta="MS-01", **kw):
    with session_factory(db, escritura=True)() as s, s.begin():
        kw.setdefault("periodo", "2026-T1")
        kw.setdefault("semaforo", "rojo")
        kw.setdefault("texto", "El abastecimiento de vacunas se retrasó por la licitación.")
        kw.setdefault("acciones", "Compra directa por emergencia aprobada.")
        kw.setdefault("fecha_esperada", dt.date(2026, 9, 30))
        kw.setdefault("firmante", "Ministra de Salud")
        kw.setdefault("reemplaza_a", None)
        return respuestas.registrar_respuesta(s, meta, actor=actor, hoy=HOY, **kw).id


def test_the_minister_answers_and_a_new_answer_supersedes_the_old(db):
    """The first response is current; a second one (seeing the first) supersedes it; both stay,
    and each is audited."""
    primera = _responder(db)
    segunda = _responder(db, texto="Llegó el primer lote.", reemplaza_a=primera)
    with session_factory(db)() as s:
        assert [r.id for r in respuestas.historial(s, "MS-01")] == [segunda, primera]
        assert respuestas.vigentes(s)["MS-01"].id == segunda
        assert respuestas.vigentes(s, ["ME-01"]) == {}
        assert s.get(RespuestaMinistro, primera).texto.startswith("El abastecimiento")
        acciones = s.scalars(select(Auditoria.accion).where(Auditoria.usuario == "ministro.salud"))
        assert list(acciones).count("respuesta_ministro") == 2


def test_a_stale_form_is_refused(db):
    """A minister who did not see the latest response (another was recorded meanwhile) is
    refused: nobody supersedes an answer they have not read."""
    primera = _responder(db)
    with pytest.raises(ErrorRespuesta, match="mientras usted escribía"):
        _responder(db, reemplaza_a=None)
    _responder(db, reemplaza_a=primera)
    with pytest.raises(ErrorRespuesta, match="mientras usted escribía"):
        _responder(db, reemplaza_a=primera)


@pytest.mark.parametrize(
    ("actor", "meta"),
    [
        (Alcance(usuario="m.edu", rol=Rol.ministro, sectores=frozenset({"EDU"})), "MS-01"),
        (Alcance(usuario="presidencia", rol=Rol.presidencia), "MS-01"),
        (Alcance(usuario="analista", rol=Rol.analista), "MS-01"),
        (Alcance(usuario="u", rol=Rol.upgret, instituciones=frozenset({"SESAL"})), "MS-01"),
        (MINISTRA_SAL, "ME-01"),
        (MINISTRA_SAL, "NO-EXISTE"),
    ],
    ids=["ministro-otro-sector", "presidencia", "analista", "upgret", "meta-ajena", "inexistente"],
)
def test_only_the_sectors_minister_answers(db, actor, meta):
    """Anyone but the goal's sector's minister is refused with the same message, also for a goal
    that does not exist (a forged code reveals nothing); nothing is written."""
    with pytest.raises(ErrorRespuesta) as exc:
        _responder(db, actor=actor, meta=meta)
    assert str(exc.value) == permisos.SIN_PERMISO_RESPUESTA
    with session_factory(db)() as s:
        assert s.scalar(select(func.count()).select_from(RespuestaMinistro)) == 0


@pytest.mark.parametrize(
    ("cambios", "mensaje"),
    [
        ({"semaforo": "amarillo"}, "no está en rojo"),
        ({"semaforo": None}, "no está en rojo"),
        ({"periodo": "2026-T9"}, "no es un período válido"),
        ({"texto": " "}, "obligatorio"),
        ({"acciones": ""}, "obligatorio"),
        ({"fecha_esperada": dt.date(2026, 5, 1)}, "ya pasó"),
    ],
)
def test_refusals(db, cambios, mensaje):
    """A goal not red in the period, a bad period, missing texts or a past expected date are
    refused in Spanish."""
    with pytest.raises(ErrorRespuesta, match=mensaje):
        _responder(db, **cambios)
