"""Target revisions: each transition, its permissions, and what an approval changes (SQLite and
PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from data_layer import queries
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.engine import run
from data_layer.models import (
    Auditoria,
    Avance,
    EstadoVersion,
    Indicador,
    Programacion,
    RevisionProgramacion,
)
from data_layer.revisiones import consultas
from data_layer.revisiones import servicio as rev
from data_layer.revisiones.models import EstadoPropuesta, PropuestaMeta
from tests.integration.revisiones.conftest import (
    ADMIN,
    AHORA,
    ANALISTA,
    ANALISTA2,
    COORD,
    COORD_EDU,
    HOY,
    MINISTRO,
    MINISTRO_EDU,
    PRESIDENCIA,
    UPGRET,
    UPGRET_SEDUC,
)


def _proponer(engine, actor: Alcance = COORD, codigo: str = "MS-01-I1", **extra) -> int:
    metas = extra.pop("metas", {"2026-T3": 83.0, "2026-T4": 84.5})
    with session_factory(engine)() as s, s.begin():
        p = rev.proponer(
            s,
            codigo,
            metas,
            justificacion=extra.pop(
                "justificacion", "La cobertura crece más lento de lo previsto."
            ),
            actor=actor,
            hoy=extra.pop("hoy", HOY),
            ahora=AHORA,
            **extra,
        )
        return p.id


def _opinar(engine, pid: int, actor: Alcance = ANALISTA2, **extra) -> None:
    with session_factory(engine)() as s, s.begin():
        rev.opinar(
            s,
            pid,
            opinion=extra.pop("opinion", "favorable"),
            texto=extra.pop("texto", "La tendencia lineal sustenta las nuevas metas."),
            actor=actor,
            **extra,
        )


def _decidir(engine, pid: int, decision: str = "aprobar", actor: Alcance = MINISTRO, **extra):
    with session_factory(engine)() as s, s.begin():
        return rev.decidir(
            s,
            pid,
            decision,
            nota=extra.pop("nota", "Aprobado en la sesión política de la mesa."),
            actor=actor,
            hoy=extra.pop("hoy", HOY),
            **extra,
        )


def _metas(engine, codigo: str = "MS-01-I1") -> dict[str, tuple[float, float]]:
    with session_factory(engine)() as s:
        filas = s.execute(
            select(Programacion.periodo, Programacion.meta_original, Programacion.meta)
            .join(Indicador)
            .where(Indicador.codigo == codigo)
        )
        return {p: (o, m) for p, o, m in filas}


def _estado(engine, pid: int) -> EstadoPropuesta:
    with session_factory(engine)() as s:
        return s.get(PropuestaMeta, pid).estado


@pytest.mark.parametrize(
    ("actor", "codigo", "puede"),
    [
        (COORD, "MS-01-I1", True),
        (COORD, "MI-01-I1", True),
        (COORD, "ME-01-I1", False),
        (COORD_EDU, "MS-01-I1", False),
        (COORD, "MP-01-I1", False),
        (ANALISTA, "MP-01-I1", True),
        (ANALISTA, "ME-01-I1", True),
        (UPGRET, "MI-01-I1", True),
        (UPGRET, "MS-01-I1", False),
        (UPGRET_SEDUC, "MI-01-I1", False),
        (MINISTRO, "MS-01-I1", False),
        (PRESIDENCIA, "MP-01-I1", False),
        (ADMIN, "MS-01-I1", False),
    ],
)
def test_who_may_propose(db, actor, codigo, puede) -> None:
    """The mesa's technical coordinator (their sector), DIGER analysts (any indicator) and the
    responsible UPGRET (its institutional indicators) propose; nobody else, and a refusal writes
    nothing and says so."""
    if puede:
        assert _proponer(db, actor, codigo) > 0
        return
    with pytest.raises(rev.ErrorRevision, match="No se guardó nada"):
        _proponer(db, actor, codigo)
    with session_factory(db)() as s:
        assert s.scalar(select(PropuestaMeta.id)) is None


@pytest.mark.parametrize(
    ("metas", "justificacion", "mensaje"),
    [
        ({"2026-T2": 81.0, "2026-T3": 83.0}, "x", "2026-T2 terminó el 30/06/2026"),
        ({"2027-T1": 90.0}, "x", "no está programado"),
        ({"2026-T3": 83.0}, "   ", "justificación"),
        ({"2026-T3": 84.0, "2026-T4": 86.0}, "x", "iguales a las vigentes"),
        ({}, "x", "al menos un periodo"),
    ],
)
def test_a_proposal_only_for_open_programmed_periods_with_a_justification(
    db, metas, justificacion, mensaje
) -> None:
    """Only periods that are programmed and have not ended may be proposed, with a required
    justification and at least one changed target."""
    with pytest.raises(rev.ErrorRevision, match=mensaje):
        _proponer(db, metas=metas, justificacion=justificacion)


def test_one_open_proposal_per_indicator(db) -> None:
    """While a proposal waits for its opinion or decision, another for the same indicator is
    refused (the page would not know which to decide)."""
    _proponer(db)
    with pytest.raises(rev.ErrorRevision, match="en trámite"):
        _proponer(db, ANALISTA)


def test_the_opinion_is_a_different_analysts_and_comes_once(db) -> None:
    """Only a DIGER analyst gives the opinion, never on their own proposal, and only on a sent
    proposal; it moves the proposal to «con opinión»."""
    pid = _proponer(db, ANALISTA)
    for actor, mensaje in [
        (ANALISTA, "propia propuesta"),
        (MINISTRO, "Solo los analistas"),
        (COORD, "Solo los analistas"),
        (ADMIN, "Solo los analistas"),
    ]:
        with pytest.raises(rev.ErrorRevision, match=mensaje):
            _opinar(db, pid, actor)
    with pytest.raises(rev.ErrorRevision, match="con observaciones"):
        _opinar(db, pid, opinion="excelente")
    with pytest.raises(rev.ErrorRevision, match="opinión metodológica"):
        _opinar(db, pid, texto="")
    _opinar(db, pid, opinion="con_observaciones", texto="Revisar el dato de 2026-T2.")
    assert _estado(db, pid) is EstadoPropuesta.con_opinion
    with pytest.raises(rev.ErrorRevision, match="no espera opinión"):
        _opinar(db, pid)


def test_decision_needs_the_opinion_and_the_sectors_minister(db) -> None:
    """No decision before the opinion; then only the minister of the indicator's sector decides
    (not another sector's, not presidencia for a sectoral indicator, not the analyst or the
    coordinator), with a required note."""
    pid = _proponer(db)
    with pytest.raises(rev.ErrorRevision, match="aún no tiene la opinión"):
        _decidir(db, pid)
    _opinar(db, pid)
    for actor in (MINISTRO_EDU, PRESIDENCIA, ANALISTA, COORD, ADMIN):
        with pytest.raises(rev.ErrorRevision, match="Solo el ministro del sector"):
            _decidir(db, pid, actor=actor)
    with pytest.raises(rev.ErrorRevision, match="nota de la decisión"):
        _decidir(db, pid, nota=" ")
    assert _estado(db, pid) is EstadoPropuesta.con_opinion


def test_approval_changes_only_periods_not_ended_and_keeps_the_original(db) -> None:
    """Proposed in August for 2026-T3 and T4, approved on 5 October: T3 had ended, so only T4's
    current target changes; every original target stays; the revision history names the
    proposal; the decision and its note are audited and the data version moves."""
    pid = _proponer(db)
    _opinar(db, pid)
    with session_factory(db)() as s:
        antes = queries.data_version(s)
    _decidir(db, pid, hoy=dt.date(2026, 10, 5))
    assert _metas(db) == {
        "2026-T1": (80.0, 80.0),
        "2026-T2": (82.0, 82.0),
        "2026-T3": (84.0, 84.0),
        "2026-T4": (86.0, 84.5),
    }
    with session_factory(db)() as s:
        assert queries.data_version(s) > antes
        p = s.get(PropuestaMeta, pid)
        assert p.estado is EstadoPropuesta.aprobada
        assert (p.decision_por, p.fecha_decision) == ("ministro.salud", dt.date(2026, 10, 5))
        assert {f.periodo: f.aplicada for f in p.periodos} == {"2026-T3": False, "2026-T4": True}
        revisiones = s.scalars(select(RevisionProgramacion)).all()
        assert [(r.meta_anterior, r.meta_nueva, r.propuesta_id) for r in revisiones] == [
            (86.0, 84.5, pid)
        ]
        acciones = s.scalars(select(Auditoria.accion).order_by(Auditoria.id)).all()
        assert acciones == [
            "revision_meta_propuesta",
            "revision_meta_opinion",
            "revision_meta_decision",
        ]
    historia = consultas.historial(db_session := session_factory(db)(), "MS-01-I1")
    db_session.close()
    assert historia[0].estado == "aprobada" and historia[0].decision_por == "ministro.salud"
    assert historia[0].opinion_por == "analista2"


def test_the_engine_measures_against_the_new_target(db) -> None:
    """After the approval the engine evaluates 2026-T4 against the revised target (84.5), the
    original (86) staying as ``meta_original``."""
    pid = _proponer(db)
    _opinar(db, pid)
    _decidir(db, pid)
    momento = dt.datetime(2027, 1, 10, 15, tzinfo=dt.UTC)
    with session_factory(db)() as s, s.begin():
        ind = s.scalars(select(Indicador).where(Indicador.codigo == "MS-01-I1")).one()
        s.add(
            Avance(
                indicador=ind,
                periodo="2026-T4",
                valor=84.5,
                estado=EstadoVersion.validado,
                fecha_reporte=momento.date(),
                recibido_en=momento,
                validado_en=momento,
            )
        )
    with session_factory(db)() as s:
        res = run(queries.load_mcr(s), "2026-T4", dt.date(2027, 2, 1))
    fila = res.indicadores.loc["MS-01-I1"]
    assert fila["meta"] == pytest.approx(84.5)
    assert fila["meta_original"] == pytest.approx(86.0)
    assert fila["avance_pct"] == pytest.approx(100.0)


def test_return_then_correct_as_a_new_version_keeping_history(db) -> None:
    """A returned proposal stays returned; its correction is version 2 of the same group, sent
    again for opinion; a returned proposal is corrected once only."""
    pid = _proponer(db)
    _opinar(db, pid)
    _decidir(db, pid, "devolver", nota="Justifique con el dato del censo de establecimientos.")
    assert _estado(db, pid) is EstadoPropuesta.devuelta
    nueva = _proponer(db, corrige_id=pid, metas={"2026-T4": 85.0})
    with pytest.raises(rev.ErrorRevision, match="ya se corrigió"):
        _proponer(db, corrige_id=pid)
    with session_factory(db)() as s:
        p = s.get(PropuestaMeta, nueva)
        assert (p.numero, p.grupo, p.anterior_id, p.estado) == (2, pid, pid, "propuesta")
        historia = consultas.historial(s, "MS-01-I1")
    assert [(h.numero, h.estado, h.corregida) for h in historia] == [
        (2, "propuesta", False),
        (1, "devuelta", True),
    ]
    assert _metas(db)["2026-T4"] == (86.0, 86.0)


def test_rejection_changes_nothing_and_a_decided_proposal_is_final(db) -> None:
    """A rejected proposal changes no target; deciding it again is refused."""
    pid = _proponer(db)
    _opinar(db, pid)
    _decidir(db, pid, "rechazar", nota="La meta vigente sigue siendo alcanzable.")
    with pytest.raises(rev.ErrorRevision, match="ya fue decidida"):
        _decidir(db, pid)
    assert all(o == m for o, m in _metas(db).values())


def test_a_decision_on_a_stale_page_is_refused(db) -> None:
    """A decision sent from a page loaded before another step (the version it carries is older)
    is refused, even when the state would allow it: two people cannot both decide."""
    pid = _proponer(db)
    with session_factory(db)() as s:
        cargada = s.get(PropuestaMeta, pid).version
    _opinar(db, pid)
    with pytest.raises(rev.ErrorRevision, match="recargue la página"):
        _decidir(db, pid, version=cargada)
    with session_factory(db)() as s:
        actual = s.get(PropuestaMeta, pid).version
    _decidir(db, pid, version=actual)
    with pytest.raises(rev.ErrorRevision, match="recargue la página"):
        _decidir(db, pid, "rechazar", version=actual)


def test_a_presidential_indicator_is_decided_by_presidencia(db) -> None:
    """An indicator of a presidential goal is decided by presidencia, not by a minister."""
    pid = _proponer(db, ANALISTA, "MP-01-I1")
    _opinar(db, pid)
    with pytest.raises(rev.ErrorRevision, match="la Presidencia"):
        _decidir(db, pid, actor=MINISTRO)
    _decidir(db, pid, actor=PRESIDENCIA)
    assert _metas(db, "MP-01-I1")["2026-T4"] == (86.0, 84.5)


def test_an_acuerdo_of_another_mesa_or_unknown_is_refused(db) -> None:
    """The optional acuerdo must be one of the mesa of the indicator's sector: an unknown id
    (or a forged one) is refused."""
    with pytest.raises(rev.ErrorRevision, match="acuerdo indicado no existe"):
        _proponer(db, acuerdo_id=999)


def test_pendientes_lists_what_waits_for_each_actor_oldest_first(db) -> None:
    """Analysts see proposals waiting for an opinion (not their own); a minister the ones of
    their sector with an opinion; presidencia the presidential ones; coordinators nothing."""
    p1 = _proponer(db, COORD, hoy=dt.date(2026, 8, 1))
    p2 = _proponer(db, ANALISTA, "MP-01-I1", hoy=dt.date(2026, 8, 10))
    _proponer(db, ANALISTA, "ME-01-I1", hoy=dt.date(2026, 8, 5))
    with session_factory(db)() as s:
        pend = consultas.pendientes(s, ANALISTA2)
        assert [p.desde for p in pend] == [
            dt.date(2026, 8, 1),
            dt.date(2026, 8, 5),
            dt.date(2026, 8, 10),
        ]
        assert [p.href for p in consultas.pendientes(s, ANALISTA)] == [
            "/indicadores/MS-01-I1#revisiones-de-meta"
        ]
        assert consultas.pendientes(s, MINISTRO) == []
    _opinar(db, p1)
    _opinar(db, p2)
    with session_factory(db)() as s:
        (m,) = consultas.pendientes(s, MINISTRO)
        assert (m.tipo, m.sector, m.propuesto_por) == ("Revisión de meta", "Salud", "coord.salud")
        assert "MS-01-I1" in m.titulo and "2026-T3, 2026-T4" in m.titulo
        (pr,) = consultas.pendientes(s, PRESIDENCIA)
        assert pr.sector is None and "MP-01-I1" in pr.titulo
        assert consultas.pendientes(s, MINISTRO_EDU) == []
        assert consultas.pendientes(s, COORD) == []
