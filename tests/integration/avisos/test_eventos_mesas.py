"""Mesa notices (DOMAIN.md §10) on SQLite and PostgreSQL: a plan or strategy sent tells the
mesa's political coordinator (the approver), a decision tells its proposer, an acuerdo due in 5
days or overdue tells its responsible institution's UPGRET users and the mesa's technical
coordinator — each only those people, and each once."""

from __future__ import annotations

import datetime as dt

from data_layer.avisos.programados import revisar_programados
from data_layer.db import session_factory
from data_layer.mesas import servicio
from tests.integration.mesas.conftest import ACTOR, acreditar, db, sesion_con_acta  # noqa: F401
from tests.integration.mesas.test_aprobaciones import _alcance, _plan, mesa  # noqa: F401

from .comun import avisos, crear_usuarios

DIA = dt.date(2026, 1, 12)


def test_a_plan_sent_tells_the_approver_and_each_decision_tells_the_sender(mesa) -> None:  # noqa: F811
    """Sent: only ministra.sal (the designated political coordinator) — not the other sector's
    minister nor presidencia. Returned, sent again, approved: coord.uno hears each decision, the
    minister each sending, nobody hears their own step."""
    coord, ministra = _alcance(mesa, "coord.uno"), _alcance(mesa, "ministra.sal")
    plan_id, _ = _plan(mesa)
    with session_factory(mesa)() as s, s.begin():
        servicio.enviar_plan(s, plan_id, actor=coord, hoy=DIA)
    assert {u: [t for t, _, _ in a] for u, a in avisos(mesa).items()} == {
        "ministra.sal": ["propuesta_pendiente"]
    }
    with session_factory(mesa)() as s, s.begin():
        servicio.devolver_plan(s, plan_id, nota="Precisar responsables", actor=ministra, hoy=DIA)
    with session_factory(mesa)() as s, s.begin():
        servicio.enviar_plan(s, plan_id, actor=coord, hoy=DIA)
    with session_factory(mesa)() as s, s.begin():
        servicio.aprobar_plan(s, plan_id, nota="Conforme", actor=ministra, hoy=DIA)
    todos = avisos(mesa)
    assert set(todos) == {"ministra.sal", "coord.uno"}
    assert [t for t, _, _ in todos["ministra.sal"]] == ["propuesta_pendiente"] * 2
    assert [c.split(":")[0] for _, c, _ in todos["coord.uno"]] == ["plan_devuelto", "plan_aprobado"]
    assert {e for _, _, e in todos["coord.uno"]} == {"/mesas/SAL/plan?anio=2026"}


def test_a_strategy_proposed_tells_the_approver_and_its_decision_the_proposer(mesa) -> None:  # noqa: F811
    """coord.uno proposes: ministra.sal is told; she approves: coord.uno is told; moving it to
    «en ejecución» (the mesa's own step, not a decision) tells nobody."""
    coord, ministra = _alcance(mesa, "coord.uno"), _alcance(mesa, "ministra.sal")
    with session_factory(mesa)() as s, s.begin():
        ident = servicio.registrar_estrategia(
            s, "SAL", descripcion="Brigadas móviles", responsable="SESAL",
            indicadores=["MS-01-I1"], actor=coord, hoy=DIA,
        ).id  # fmt: skip
    enlace = f"/mesas/SAL/acciones?estrategia={ident}"
    assert avisos(mesa) == {
        "ministra.sal": [("propuesta_pendiente", f"estrategia_propuesta:{ident}:1", enlace)]
    }
    with session_factory(mesa)() as s, s.begin():
        servicio.cambiar_estado_estrategia(s, ident, "aprobada", actor=ministra, hoy=DIA)
    with session_factory(mesa)() as s, s.begin():
        servicio.cambiar_estado_estrategia(s, ident, "en_ejecucion", actor=coord, hoy=DIA)
    todos = avisos(mesa)
    assert set(todos) == {"ministra.sal", "coord.uno"}
    assert [c for _, c, _ in todos["coord.uno"]] == [f"estrategia_aprobada:{ident}:2"]


def test_an_acuerdo_due_then_overdue_tells_its_institution_and_the_mesa_once(mesa) -> None:  # noqa: F811
    """SESAL's acuerdo due 2026-04-30: nothing on the 24th; on the 25th its UPGRET (linked to «Mis
    acuerdos») and the technical coordinator (linked to the mesa) — not IHSS's UPGRET, not the
    minister; on May 1st, overdue, once more; running again writes nothing."""
    crear_usuarios(
        mesa, ("upgret.sesal", "upgret", ("SESAL",)), ("upgret.ihss", "upgret", ("IHSS",))
    )
    with session_factory(mesa, escritura=True)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Ana Uno")
        _, ayuda = sesion_con_acta(s, "SAL", dt.datetime(2026, 3, 10, 9), [m.id])
        ident = servicio.registrar_acuerdo(
            s, ayuda.id, texto="Publicar el informe de abastecimiento", institucion="SESAL",
            persona_responsable="Ana Uno", fecha_limite=dt.date(2026, 4, 30), actor=ACTOR,
        ).id  # fmt: skip

    def revisar(hoy: dt.date) -> int:
        with session_factory(mesa)() as s, s.begin():
            return revisar_programados(s, hoy, resumen=False).total

    assert revisar(dt.date(2026, 4, 24)) == 0
    assert revisar(dt.date(2026, 4, 25)) == 2
    assert revisar(dt.date(2026, 4, 29)) == 0
    assert revisar(dt.date(2026, 5, 1)) == 2
    assert revisar(dt.date(2026, 5, 2)) == 0
    assert avisos(mesa) == {
        "upgret.sesal": [
            ("acuerdo_por_vencer", f"acuerdo_por_vencer:{ident}:2026-04-30", "/mis-acuerdos"),
            ("acuerdo_vencido", f"acuerdo_vencido:{ident}:2026-04-30", "/mis-acuerdos"),
        ],
        "coord.uno": [
            ("acuerdo_por_vencer", f"acuerdo_por_vencer:{ident}:2026-04-30", "/mesas/SAL"),
            ("acuerdo_vencido", f"acuerdo_vencido:{ident}:2026-04-30", "/mesas/SAL"),
        ],
    }
