"""The political level approves what the technical level proposes (issue #11, items 2, 3 and 8).

On SQLite and PostgreSQL: a plan de trabajo goes ``borrador → enviado → aprobado | devuelto`` and
a strategy ``propuesta → aprobada → en_ejecucion → concluida | descartada``; only the mesa's
designated political coordinator decides, never on their own proposal; every step is kept in a
history and audited with its note; stale pages and repeated decisions are refused;
``mesa_sin_plan`` and ``rojo_sin_accion`` clear only with approved proposals; «Pendientes de mi
decisión» lists exactly what waits for each user.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from data_layer import auth, pendientes, permisos
from data_layer.db import session_factory
from data_layer.mesas import servicio
from data_layer.mesas.models import DecisionEstrategia, DecisionPlan, NotaActividad, PlanTrabajo
from data_layer.mesas.servicio import ConflictoEdicion, ErrorMesa
from data_layer.mesas.servicio.plan import SIN_POLITICO
from data_layer.models import Auditoria, Rol

from .conftest import ACTOR, HOY, SISTEMA
from .test_alertas import _alertas

CLAVE = "Clave-Segura-2026"
ACCIONES = "/mesas/SAL/acciones?estrategia="
#: An analyst assigned to Salud (a DIGER analyst proposes too).
ANALISTA = ACTOR


@pytest.fixture
def mesa(db):
    """Salud with a designated minister (political) and coordinator (technical); Educación with
    none. Users: ministra.sal, ministro.edu, coord.uno, presidencia."""
    with session_factory(db)() as s, s.begin():
        for nombre, rol, alcance in [
            ("ministra.sal", "ministro", ("SAL",)),
            ("ministro.edu", "ministro", ("EDU",)),
            ("coord.uno", "coordinador_mesa", ()),
            ("presi", "presidencia", ()),
        ]:
            auth.crear_usuario(s, nombre, rol, CLAVE, alcance=alcance, nombre=nombre.title())
        s.flush()
        for nivel, usuario in (("politico", "ministra.sal"), ("tecnico", "coord.uno")):
            servicio.designar_coordinador(
                s, "SAL", nivel, servicio.Coordinador("", "Coordinación", "SESAL", usuario=usuario),
                actor=SISTEMA,
            )  # fmt: skip
    return db


def _alcance(engine, usuario: str) -> auth.Alcance:
    with session_factory(engine)() as s:
        u = auth.buscar(s, usuario)
        assert u is not None
        return auth.alcance_de(u)


def _plan(engine, sector: str = "SAL", anio: int = 2026, actor=None) -> tuple[int, int]:
    """A draft plan with one activity, by the mesa's technical coordinator: (plan, activity)."""
    actor = actor or _alcance(engine, "coord.uno")
    with session_factory(engine)() as s, s.begin():
        plan = servicio.crear_plan(s, sector, anio, actor=actor)
        act = servicio.agregar_actividad(
            s, plan.id, actividad="Diagnóstico sectorial", resultado_esperado="Validado",
            institucion="SESAL", persona="Ana Uno", fecha_inicio=dt.date(anio, 2, 1),
            fecha_fin=dt.date(anio, 4, 1), actor=actor,
        )  # fmt: skip
        return plan.id, act.id


def _auditados(engine, prefijo: str) -> list[dict]:
    with session_factory(engine)() as s:
        filas = s.scalars(
            select(Auditoria).where(Auditoria.accion.like(f"{prefijo}%")).order_by(Auditoria.id)
        )
        return [
            {"accion": a.accion, "usuario": a.usuario}
            | (json.loads(a.detalle) if isinstance(a.detalle, str) else a.detalle)
            for a in filas
        ]


def _pendientes(engine, usuario: str) -> list[pendientes.Pendiente]:
    with session_factory(engine)() as s:
        return pendientes.pendientes(s, _alcance(engine, usuario))


# --- the plan de trabajo --------------------------------------------------------------------------


def test_a_plan_is_sent_returned_with_a_note_resent_and_approved_with_its_history(mesa) -> None:
    """The technical coordinator sends; the minister returns it with a note; it is edited and
    sent again; the minister approves. Each step is a history row and an audit record with its
    note; the approval records the minister and the date."""
    coord, ministra = _alcance(mesa, "coord.uno"), _alcance(mesa, "ministra.sal")
    plan_id, act_id = _plan(mesa)
    dia = dt.date(2026, 1, 12)
    with session_factory(mesa)() as s, s.begin():
        assert servicio.enviar_plan(s, plan_id, actor=coord, hoy=dia).estado == "enviado"
    assert [p.href for p in _pendientes(mesa, "ministra.sal")] == ["/mesas/SAL/plan?anio=2026"]
    with session_factory(mesa)() as s, s.begin():
        plan = servicio.devolver_plan(
            s, plan_id, nota="Precisar responsables", actor=ministra, hoy=dia
        )
        assert plan.estado == "devuelto"
    assert _pendientes(mesa, "ministra.sal") == []
    with session_factory(mesa)() as s, s.begin():
        servicio.editar_actividad(
            s, act_id, actividad="Diagnóstico sectorial", resultado_esperado="Validado",
            institucion="IHSS", persona="Luis Dos", fecha_inicio=dt.date(2026, 2, 1),
            fecha_fin=dt.date(2026, 4, 1), actor=coord,
        )  # fmt: skip
        servicio.enviar_plan(s, plan_id, nota="Corregido", actor=coord, hoy=dia)
    with session_factory(mesa)() as s, s.begin():
        plan = servicio.aprobar_plan(s, plan_id, nota="Conforme", actor=ministra, hoy=HOY)
        assert (plan.estado, plan.aprobado_por, plan.aprobado_en) == (
            "aprobado",
            "ministra.sal",
            HOY,
        )
    with session_factory(mesa)() as s:
        historia = [
            (d.accion.value, d.usuario, d.nota)
            for d in s.scalars(select(DecisionPlan).order_by(DecisionPlan.id))
        ]
    assert historia == [
        ("enviado", "coord.uno", None),
        ("devuelto", "ministra.sal", "Precisar responsables"),
        ("enviado", "coord.uno", "Corregido"),
        ("aprobado", "ministra.sal", "Conforme"),
    ]
    auditoria = _auditados(mesa, "plan_")
    assert [(a["accion"], a["usuario"], a.get("nota")) for a in auditoria[1:]] == [
        ("plan_enviado", "coord.uno", None),
        ("plan_devuelto", "ministra.sal", "Precisar responsables"),
        ("plan_enviado", "coord.uno", "Corregido"),
        ("plan_aprobado", "ministra.sal", "Conforme"),
    ]
    (edicion,) = _auditados(mesa, "actividad_editada")
    assert edicion["institucion"] == ["SESAL", "IHSS"]


@pytest.mark.parametrize("quien", ["ministro.edu", "coord.uno", "presi", "analista", "sistema"])
def test_only_the_designated_political_coordinator_decides_on_a_plan(mesa, quien) -> None:
    """Another sector's minister, the technical coordinator, presidencia, an assigned analyst and
    the system's admin are refused approving or returning a sent plan; nothing is written."""
    plan_id, _ = _plan(mesa)
    with session_factory(mesa)() as s, s.begin():
        servicio.enviar_plan(s, plan_id, actor=_alcance(mesa, "coord.uno"), hoy=HOY)
    actor = {"analista": ANALISTA, "sistema": SISTEMA}.get(quien) or _alcance(mesa, quien)
    antes = len(_auditados(mesa, ""))
    for decidir in (
        lambda s: servicio.aprobar_plan(s, plan_id, actor=actor),
        lambda s: servicio.devolver_plan(s, plan_id, nota="No", actor=actor),
    ):
        with pytest.raises(ErrorMesa) as error, session_factory(mesa)() as s, s.begin():
            decidir(s)
        assert str(error.value) == permisos.SIN_PERMISO_APROBAR
    assert len(_auditados(mesa, "")) == antes
    with session_factory(mesa)() as s:
        assert s.get(PlanTrabajo, plan_id).estado == "enviado"


def test_nobody_approves_a_plan_they_sent_themselves(mesa) -> None:
    """A plan sent under the minister's own user name (an admin account with the same name) is
    refused to the minister, and is not among the minister's pending decisions."""
    plan_id, _ = _plan(mesa)
    mismo = auth.Alcance(usuario="ministra.sal", rol=Rol.admin)
    with session_factory(mesa)() as s, s.begin():
        servicio.enviar_plan(s, plan_id, actor=mismo, hoy=HOY)
    with pytest.raises(ErrorMesa) as error, session_factory(mesa)() as s, s.begin():
        servicio.aprobar_plan(s, plan_id, actor=_alcance(mesa, "ministra.sal"))
    assert str(error.value) == permisos.PROPUESTA_PROPIA
    assert _pendientes(mesa, "ministra.sal") == []


def test_a_plan_cannot_be_sent_without_a_political_coordinator_or_activities(mesa) -> None:
    """Educación has no designated political coordinator: its plan is refused with a message
    saying to designate one; an empty plan is refused too."""
    plan_id, _ = _plan(mesa, "EDU", actor=ANALISTA)
    with pytest.raises(ErrorMesa) as error, session_factory(mesa)() as s, s.begin():
        servicio.enviar_plan(s, plan_id, actor=ANALISTA)
    assert str(error.value) == SIN_POLITICO and "designe" in SIN_POLITICO
    with session_factory(mesa)() as s, s.begin():
        vacio = servicio.crear_plan(s, "SAL", 2027, actor=ANALISTA).id
    with pytest.raises(ErrorMesa, match="sin actividades"), session_factory(mesa)() as s:
        servicio.enviar_plan(s, vacio, actor=ANALISTA)


def test_stale_or_repeated_decisions_are_refused_and_a_sent_plan_is_closed_to_edits(mesa) -> None:
    """A decision made on the version a page loaded before a change is a conflict; approving an
    already approved plan is refused; a sent plan takes no new activity; nothing is written."""
    coord, ministra = _alcance(mesa, "coord.uno"), _alcance(mesa, "ministra.sal")
    plan_id, _ = _plan(mesa)
    with session_factory(mesa)() as s:
        cargada = s.get(PlanTrabajo, plan_id).version
    with session_factory(mesa)() as s, s.begin():
        servicio.enviar_plan(s, plan_id, version=cargada, actor=coord, hoy=HOY)
    with pytest.raises(ConflictoEdicion), session_factory(mesa)() as s, s.begin():
        servicio.aprobar_plan(s, plan_id, version=cargada, actor=ministra)
    with pytest.raises(ErrorMesa, match="enviado al coordinador político"):
        with session_factory(mesa)() as s, s.begin():
            servicio.agregar_actividad(
                s, plan_id, actividad="Otra", resultado_esperado="R", institucion="SESAL",
                persona="X", fecha_inicio=HOY, fecha_fin=HOY, actor=coord,
            )  # fmt: skip
    with session_factory(mesa)() as s, s.begin():
        servicio.aprobar_plan(s, plan_id, actor=ministra, hoy=HOY)
    with pytest.raises(ErrorMesa, match="no enviado"), session_factory(mesa)() as s, s.begin():
        servicio.aprobar_plan(s, plan_id, actor=ministra)
    assert [a["accion"] for a in _auditados(mesa, "plan_")].count("plan_aprobado") == 1


def test_progress_notes_are_appended_never_overwritten(mesa) -> None:
    """Two progress notes on an activity are both kept, with date and author, and audited."""
    coord = _alcance(mesa, "coord.uno")
    _, act_id = _plan(mesa)
    with session_factory(mesa)() as s, s.begin():
        servicio.anotar_avance_actividad(s, act_id, "Primer taller hecho", actor=coord, hoy=HOY)
        servicio.anotar_avance_actividad(s, act_id, "Informe en revisión", actor=ANALISTA, hoy=HOY)
    with session_factory(mesa)() as s:
        notas = [
            (n.usuario, n.fecha, n.texto)
            for n in s.scalars(select(NotaActividad).order_by(NotaActividad.id))
        ]
    assert notas == [
        ("coord.uno", HOY, "Primer taller hecho"),
        (ANALISTA.usuario, HOY, "Informe en revisión"),
    ]
    assert len(_auditados(mesa, "actividad_nota")) == 2


def test_mesa_sin_plan_clears_only_with_the_approved_plan(mesa) -> None:
    """A 2026 plan sent (waiting) still raises mesa_sin_plan, saying it waits for the political
    coordinator; once approved, it does not."""
    plan_id, _ = _plan(mesa)
    with session_factory(mesa)() as s, s.begin():
        servicio.enviar_plan(s, plan_id, actor=_alcance(mesa, "coord.uno"), hoy=HOY)
    alertas = _alertas(mesa).query("tipo == 'mesa_sin_plan'").set_index("entidad")
    assert "espera la aprobación del coordinador político" in alertas.loc["SAL", "mensaje"]
    with session_factory(mesa)() as s, s.begin():
        servicio.aprobar_plan(
            s, plan_id, actor=_alcance(mesa, "ministra.sal"), hoy=dt.date(2026, 2, 1)
        )
    alertas = _alertas(mesa).query("tipo == 'mesa_sin_plan'")
    assert "SAL" not in set(alertas["entidad"])


# --- strategies -----------------------------------------------------------------------------------


def _proponer(engine, actor=None, **extra) -> int:
    with session_factory(engine)() as s, s.begin():
        return servicio.registrar_estrategia(
            s, "SAL", descripcion="Brigadas móviles de vacunación", responsable="SESAL",
            indicadores=["MS-01-I1"], actor=actor or _alcance(engine, "coord.uno"),
            hoy=dt.date(2026, 10, 1), **extra,
        ).id  # fmt: skip


def _estado(engine, ident: int, estado: str, actor, **extra) -> None:
    with session_factory(engine)() as s, s.begin():
        servicio.cambiar_estado_estrategia(s, ident, estado, actor=actor, hoy=HOY, **extra)


def test_a_strategy_is_approved_by_the_minister_then_run_and_concluded_by_the_mesa(mesa) -> None:
    """Proposed by the coordinator, approved by the minister (not by the coordinator), started
    and concluded by the mesa (not by the minister); each step is in its history with its user
    and note, and audited."""
    coord, ministra = _alcance(mesa, "coord.uno"), _alcance(mesa, "ministra.sal")
    ident = _proponer(mesa)
    with pytest.raises(ErrorMesa) as error:
        _estado(mesa, ident, "aprobada", coord)
    assert str(error.value) == permisos.SIN_PERMISO_APROBAR
    _estado(mesa, ident, "aprobada", ministra, nota="Avalada en sesión")
    with pytest.raises(ErrorMesa) as error:
        _estado(mesa, ident, "en_ejecucion", ministra)
    assert str(error.value) == permisos.SIN_PERMISO_MESA
    _estado(mesa, ident, "en_ejecucion", coord)
    _estado(mesa, ident, "concluida", ANALISTA)
    with pytest.raises(ErrorMesa, match="no pasa a «aprobada»"):
        _estado(mesa, ident, "aprobada", ministra)
    with session_factory(mesa)() as s:
        historia = [
            (d.accion, d.usuario, d.nota)
            for d in s.scalars(select(DecisionEstrategia).order_by(DecisionEstrategia.id))
        ]
    assert historia == [
        ("aprobada", "ministra.sal", "Avalada en sesión"),
        ("en_ejecucion", "coord.uno", None),
        ("concluida", ANALISTA.usuario, None),
    ]
    assert [a["accion"] for a in _auditados(mesa, "estrategia_")] == [
        "estrategia_registrada",
        "estrategia_aprobada",
        "estrategia_en_ejecucion",
        "estrategia_concluida",
    ]


def test_a_returned_strategy_waits_for_the_mesa_and_is_sent_again(mesa) -> None:
    """The minister returns a proposal with a note: it leaves the minister's pending list and
    cannot be approved until the mesa sends it again (revised); then it is pending again."""
    ministra = _alcance(mesa, "ministra.sal")
    ident = _proponer(mesa)
    assert [p.tipo for p in _pendientes(mesa, "ministra.sal")] == ["Estrategia"]
    with session_factory(mesa)() as s, s.begin():
        servicio.devolver_estrategia(s, ident, nota="Falta el costo", actor=ministra, hoy=HOY)
    assert _pendientes(mesa, "ministra.sal") == []
    with pytest.raises(ErrorMesa, match="devuelta a la mesa"):
        _estado(mesa, ident, "aprobada", ministra)
    with session_factory(mesa)() as s, s.begin():
        servicio.reenviar_estrategia(
            s, ident, descripcion="Brigadas móviles, costeadas con SEFIN", actor=ANALISTA, hoy=HOY
        )
    (pendiente,) = _pendientes(mesa, "ministra.sal")
    assert pendiente.titulo.startswith("Brigadas móviles, costeadas con SEFIN")
    assert pendiente.propuesto_por == ANALISTA.usuario
    _estado(mesa, ident, "aprobada", ministra)


def test_discarding_needs_a_note_and_new_strategies_are_born_proposed(mesa) -> None:
    """The mesa discards a strategy only with a reason; nobody but admin, in a mesa without a
    designated minister, records a strategy already approved (history)."""
    ident = _proponer(mesa)
    with pytest.raises(ErrorMesa, match="motivo"):
        _estado(mesa, ident, "descartada", _alcance(mesa, "coord.uno"))
    _estado(mesa, ident, "descartada", _alcance(mesa, "coord.uno"), nota="Sin fondos")
    with pytest.raises(ErrorMesa, match="se registra como propuesta"):
        _proponer(mesa, actor=ANALISTA, estado="aprobada")
    with pytest.raises(ErrorMesa, match="se registra como propuesta"):
        _proponer(mesa, actor=SISTEMA, estado="aprobada")  # Salud has a designated minister


def test_rojo_sin_accion_clears_with_an_approved_strategy_not_a_proposed_one(mesa) -> None:
    """A red Salud indicator addressed only by a proposed strategy still raises rojo_sin_accion;
    once the minister approves the strategy (or it runs), it does not."""

    def rojos() -> set[str]:
        return set(
            _alertas(mesa, rojos=("MS-01-I1",)).query("tipo == 'rojo_sin_accion'")["entidad"]
        )

    ident = _proponer(mesa)
    assert rojos() == {"MS-01-I1"}
    _estado(mesa, ident, "aprobada", _alcance(mesa, "ministra.sal"))
    assert rojos() == set()
    _estado(mesa, ident, "en_ejecucion", _alcance(mesa, "coord.uno"))
    assert rojos() == set()


# --- pending decisions --------------------------------------------------------------------------


PLAN = "/mesas/SAL/plan?anio="


def test_pendientes_lists_exactly_what_waits_for_each_user_oldest_first(mesa) -> None:
    """The Salud minister sees the sent plan and the proposed strategy, oldest first, each with
    the proposer's name and the page where it is decided; another minister, presidencia and the
    coordinator see nothing; a draft plan and an approved strategy wait for nobody."""
    coord = _alcance(mesa, "coord.uno")
    plan_id, _ = _plan(mesa)
    _plan(mesa, anio=2027)  # a draft: waits for nobody
    ident = _proponer(mesa)  # proposed 01/10/2026
    aprobada = _proponer(mesa)
    _estado(mesa, aprobada, "aprobada", _alcance(mesa, "ministra.sal"))
    with session_factory(mesa)() as s, s.begin():
        servicio.enviar_plan(s, plan_id, actor=coord, hoy=dt.date(2026, 11, 2))
    lista = _pendientes(mesa, "ministra.sal")
    assert [(p.tipo, p.sector, p.propuesto_por, p.desde, p.href) for p in lista] == [
        ("Estrategia", "Salud", "Coord.Uno", dt.date(2026, 10, 1), f"{ACCIONES}{ident}"),
        ("Plan de trabajo", "Salud", "Coord.Uno", dt.date(2026, 11, 2), f"{PLAN}2026"),
    ]  # fmt: skip
    for otro in ("ministro.edu", "presi", "coord.uno"):
        assert _pendientes(mesa, otro) == []
    with session_factory(mesa)() as s:
        assert s.scalar(select(func.count()).select_from(DecisionPlan)) == 1
