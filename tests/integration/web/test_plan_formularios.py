"""The plan and strategy forms refuse forged callbacks (issue #11), on SQLite and PostgreSQL.

A user sends the decision callbacks of ``/mesas/<sector>/plan`` and ``/mesas/<sector>/acciones``
with ids of records they may not decide on: the service refuses in Spanish and nothing changes.
"""

from __future__ import annotations

from sqlalchemy import select

from data_layer.db import get_engine, session_factory
from data_layer.mesas.models import (
    ActividadPlan,
    CuelloBotella,
    DecisionEstrategia,
    DecisionPlan,
    Mesa,
    PlanTrabajo,
)
from data_layer.models import Meta, Sector
from tests.integration.web.test_formularios import app, callback, cliente, contar, url_bd

__all__ = ["app", "url_bd"]  # fixtures used by the tests below


def _plan_enviado(url: str) -> int:
    """The id of Salud's plan waiting for the minister (the demo's 2027 plan)."""
    with session_factory(get_engine(url))() as s:
        return s.scalar(
            select(PlanTrabajo.id)
            .join(Mesa, Mesa.id == PlanTrabajo.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == "SAL", PlanTrabajo.estado == "enviado")
        )


def test_forged_plan_decisions_are_refused(app, url_bd) -> None:
    """The Salud technical coordinator and presidencia send «Aprobar» and «Devolver» for the
    Salud plan waiting for the minister: refused in Spanish (only the designated political
    coordinator decides), and no decision is written."""
    plan = _plan_enviado(url_bd)
    antes = contar(url_bd, DecisionPlan)
    for usuario in ("coord.salud", "presidencia", "analista"):
        c = cliente(app, usuario)
        for boton in ("mesa-plan-aprobar", "mesa-plan-devolver"):
            _, texto = callback(
                app, c, boton,
                {"mesa-plan-plan": {"id": plan, "version": 99}, "mesa-plan-nota-decision": "x",
                 "mesa-plan-params": {"sector": "SAL", "anio": 2027}},
            )  # fmt: skip
            assert "Solo el coordinador político designado" in texto, texto
            assert "No se guardó nada" in texto
    assert contar(url_bd, DecisionPlan) == antes


def test_forged_strategy_approval_by_another_user_is_refused(app, url_bd) -> None:
    """The Salud coordinator sends «Aprobar» for a Salud strategy proposed by him: refused (only
    the minister approves); nothing is written."""
    with session_factory(get_engine(url_bd))() as s:
        from data_layer.mesas.models import Estrategia

        ident = s.scalar(select(Estrategia.id).where(Estrategia.estado == "propuesta"))
    antes = contar(url_bd, DecisionEstrategia)
    _, texto = callback(
        app, cliente(app, "coord.salud"), "mesa-acciones-aprobar",
        {"mesa-acciones-elegida": str(ident)},
    )  # fmt: skip
    assert "Solo el coordinador político designado" in texto, texto
    assert contar(url_bd, DecisionEstrategia) == antes


def _estrategia_devuelta(url: str) -> tuple[int, str]:
    """Id and description of a Salud strategy returned to the mesa (the demo has one)."""
    from data_layer.mesas.models import Estrategia

    with session_factory(get_engine(url))() as s:
        e = s.scalars(
            select(Estrategia)
            .join(Mesa, Mesa.id == Estrategia.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == "SAL", Estrategia.devuelta_en.is_not(None))
        ).first()
        assert e is not None
        return e.id, e.descripcion


def test_forged_resend_of_another_mesas_strategy_is_refused(app, url_bd) -> None:
    """The AGRO coordinator sends «Reenviar» for a returned Salud strategy, from the AGRO page:
    refused in Spanish ending «No se guardó nada.»; the strategy keeps its description and stays
    returned, and no decision is written."""
    ident, descripcion = _estrategia_devuelta(url_bd)
    antes = contar(url_bd, DecisionEstrategia)
    _, texto = callback(
        app, cliente(app, "coord.agro"), "mesa-acciones-reenviar",
        {"mesa-acciones-devuelta": str(ident), "mesa-acciones-nueva-descripcion": "Otra cosa",
         "mesa-acciones-params": {"sector": "AGRO"}},
    )  # fmt: skip
    assert "Solo los coordinadores de esta mesa" in texto, texto
    assert "No se guardó nada." in texto
    assert contar(url_bd, DecisionEstrategia) == antes
    assert _estrategia_devuelta(url_bd) == (ident, descripcion)


def _codigo_meta(url: str, sector: str) -> str:
    """The code of a goal of ``sector``."""
    with session_factory(get_engine(url))() as s:
        return s.scalar(
            select(Meta.codigo)
            .join(Sector, Sector.id == Meta.sector_id)
            .where(Sector.codigo == sector)
            .order_by(Meta.codigo)
        )


def test_forged_bottleneck_for_another_mesa_is_refused(app, url_bd) -> None:
    """The AGRO coordinator registers a bottleneck under the Salud URL, and the Salud coordinator
    one linked to an AGRO goal: both refused in Spanish ending «No se guardó nada.», nothing
    written; with a Salud goal the Salud coordinator's is recorded and listed with its link."""
    campos = {"mesa-acciones-cuello-descripcion": "Falta personal", "mesa-acciones-cuello-ambito":
              "sectorial", "mesa-acciones-cuello-fecha": "2026-01-15"}  # fmt: skip
    antes = contar(url_bd, CuelloBotella)
    _, texto = callback(
        app, cliente(app, "coord.agro"), "mesa-acciones-cuello-registrar",
        campos | {"mesa-acciones-params": {"sector": "SAL"},
                  "mesa-acciones-cuello-metas": [_codigo_meta(url_bd, "SAL")]},
    )  # fmt: skip
    assert "Solo los coordinadores de esta mesa" in texto, texto
    assert "No se guardó nada." in texto
    salud = cliente(app, "coord.salud")
    _, texto = callback(
        app, salud, "mesa-acciones-cuello-registrar",
        campos | {"mesa-acciones-params": {"sector": "SAL"},
                  "mesa-acciones-cuello-metas": [_codigo_meta(url_bd, "AGRO")]},
    )  # fmt: skip
    assert "No se pueden vincular las metas" in texto, texto
    assert "No se guardó nada." in texto
    assert contar(url_bd, CuelloBotella) == antes
    _, texto = callback(
        app, salud, "mesa-acciones-cuello-registrar",
        campos | {"mesa-acciones-params": {"sector": "SAL"},
                  "mesa-acciones-cuello-metas": [_codigo_meta(url_bd, "SAL")]},
    )  # fmt: skip
    assert "registrado" in texto, texto
    assert contar(url_bd, CuelloBotella) == antes + 1
    _, texto = callback(
        app, salud, "mesa-acciones-params", {"mesa-acciones-params": {"sector": "SAL"}},
        salida_con="mesa-acciones-cuellos",
    )  # fmt: skip
    assert "Falta personal" in texto and _codigo_meta(url_bd, "SAL") in texto, texto


def test_forged_status_of_another_mesas_bottleneck_is_refused(app, url_bd) -> None:
    """The AGRO coordinator marks a Salud bottleneck «superado»: refused in Spanish ending «No se
    guardó nada.», and it stays open."""
    with session_factory(get_engine(url_bd))() as s:
        ident = s.scalar(
            select(CuelloBotella.id)
            .join(Mesa, Mesa.id == CuelloBotella.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == "SAL", CuelloBotella.estado == "abierto")
        )
    assert ident is not None
    _, texto = callback(
        app, cliente(app, "coord.agro"), "mesa-acciones-cuello-cambiar",
        {"mesa-acciones-cuello-elegido": str(ident), "mesa-acciones-cuello-estado": "superado"},
    )  # fmt: skip
    assert "Solo los coordinadores de esta mesa" in texto, texto
    assert "No se guardó nada." in texto
    with session_factory(get_engine(url_bd))() as s:
        assert s.get(CuelloBotella, ident).estado.value == "abierto"


def _actividad_de(url: str, sector: str) -> tuple[int, str, str, int]:
    """Id, status, text and version of the first activity of ``sector``'s plans."""
    with session_factory(get_engine(url))() as s:
        a = s.scalars(
            select(ActividadPlan)
            .join(PlanTrabajo, PlanTrabajo.id == ActividadPlan.plan_id)
            .join(Mesa, Mesa.id == PlanTrabajo.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == sector)
            .order_by(ActividadPlan.id)
        ).first()
        assert a is not None
        return a.id, a.estado.value, a.actividad, a.version


def test_forged_status_of_another_mesas_activity_is_refused(app, url_bd) -> None:
    """The AGRO coordinator changes the status of a Salud activity: refused in Spanish ending «No
    se guardó nada.»; the activity keeps its status."""
    antes = _actividad_de(url_bd, "SAL")
    nuevo = "cancelada" if antes[1] != "cancelada" else "pendiente"
    _, texto = callback(
        app, cliente(app, "coord.agro"), "mesa-plan-cambiar-estado",
        {"mesa-plan-estado-actividad": str(antes[0]), "mesa-plan-estado-nuevo": nuevo,
         "mesa-plan-params": {"sector": "AGRO", "anio": 2026}},
    )  # fmt: skip
    assert "Solo los coordinadores de esta mesa" in texto, texto
    assert "No se guardó nada." in texto
    assert _actividad_de(url_bd, "SAL") == antes


def test_forged_edit_of_another_mesas_activity_is_refused(app, url_bd) -> None:
    """The AGRO coordinator edits a Salud activity: refused in Spanish ending «No se guardó
    nada.», nothing changes; the Salud coordinator edits an activity of a draft plan of theirs."""
    campos = {"mesa-plan-e-actividad": "Otra", "mesa-plan-e-resultado": "Otro",
              "mesa-plan-e-institucion": "SESAL", "mesa-plan-e-persona": "Ana",
              "mesa-plan-e-inicio": "2028-02-01", "mesa-plan-e-fin": "2028-03-01"}  # fmt: skip
    antes = _actividad_de(url_bd, "SAL")
    _, texto = callback(
        app, cliente(app, "coord.agro"), "mesa-plan-guardar-actividad",
        campos | {"mesa-plan-e-elegida": str(antes[0]),
                  "mesa-plan-params": {"sector": "AGRO", "anio": 2026}},
    )  # fmt: skip
    assert "Solo los coordinadores de esta mesa" in texto, texto
    assert "No se guardó nada." in texto
    assert _actividad_de(url_bd, "SAL") == antes
    salud = cliente(app, "coord.salud")
    params = {"mesa-plan-params": {"sector": "SAL", "anio": 2028}}
    _, texto = callback(app, salud, "mesa-plan-crear", params)
    assert "borrador" in texto, texto
    with session_factory(get_engine(url_bd))() as s:
        plan = s.scalar(
            select(PlanTrabajo)
            .join(Mesa, Mesa.id == PlanTrabajo.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == "SAL", PlanTrabajo.anio == 2028)
        )
        datos = {"mesa-plan-plan": {"id": plan.id, "version": plan.version}}
    _, texto = callback(
        app, salud, "mesa-plan-agregar",
        params | datos | {"mesa-plan-actividad": "Censo", "mesa-plan-resultado-esp": "Hecho",
                          "mesa-plan-institucion": "SESAL", "mesa-plan-persona": "Luis",
                          "mesa-plan-inicio": "2028-01-10", "mesa-plan-fin": "2028-02-10"},
    )  # fmt: skip
    assert "agregada" in texto, texto
    with session_factory(get_engine(url_bd))() as s:
        ident = s.scalar(select(ActividadPlan.id).where(ActividadPlan.plan_id == plan.id))
    _, texto = callback(
        app, salud, "mesa-plan-guardar-actividad",
        params | datos | campos | {"mesa-plan-e-elegida": str(ident)},
    )  # fmt: skip
    assert "actualizada" in texto, texto
    with session_factory(get_engine(url_bd))() as s:
        assert s.get(ActividadPlan, ident).actividad == "Otra"


def test_setting_the_current_status_again_shows_the_refusal(app, url_bd) -> None:
    """The Salud coordinator sends «Cambiar estado» with the status a Salud bottleneck and a
    Salud activity already have: the page shows the service's refusal («… ya está en ese
    estado: no hay cambios.», ending «No se guardó nada.») instead of «quedó …», and nothing
    changes."""
    with session_factory(get_engine(url_bd))() as s:
        cuello = s.scalars(
            select(CuelloBotella)
            .join(Mesa, Mesa.id == CuelloBotella.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == "SAL")
            .order_by(CuelloBotella.id)
        ).first()
        assert cuello is not None
        ident, estado = cuello.id, cuello.estado.value
    actividad = _actividad_de(url_bd, "SAL")
    salud = cliente(app, "coord.salud")
    for boton, valores in (
        ("mesa-acciones-cuello-cambiar",
         {"mesa-acciones-cuello-elegido": str(ident), "mesa-acciones-cuello-estado": estado}),
        ("mesa-plan-cambiar-estado",
         {"mesa-plan-estado-actividad": str(actividad[0]), "mesa-plan-estado-nuevo": actividad[1],
          "mesa-plan-params": {"sector": "SAL", "anio": 2026}}),
    ):  # fmt: skip
        _, texto = callback(app, salud, boton, valores)
        assert "ya está en ese estado: no hay cambios. No se guardó nada." in texto, texto
        assert "quedó" not in texto
    with session_factory(get_engine(url_bd))() as s:
        assert s.get(CuelloBotella, ident).estado.value == estado
    assert _actividad_de(url_bd, "SAL") == actividad
