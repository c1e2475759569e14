"""Each mesa alert fires on a minimal case and stays silent on a clean one (SQLite, PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_layer.db import session_factory
from data_layer.engine.alerts import COLUMNAS_ALERTAS
from data_layer.mesas import servicio
from data_layer.mesas.alertas import alertas_mesas
from data_layer.mesas.consultas import load_mesas
from data_layer.mesas.models import MiembroMesa, SesionMesa
from data_layer.models import Institucion

from .conftest import ACTOR, HOY, SISTEMA, acreditar, convocar

CORTE = dt.date(2026, 11, 23)
SESION = dt.datetime(2026, 10, 6, 9, 0)
META = {"SAL": "MS-01", "EDU": "ME-01"}
SIGLA = {"SAL": "SESAL", "EDU": "SEDUC"}


def _evaluacion(rojos=("MS-01-I1", "ME-01-I1")) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The engine's evaluation, by hand: both indicators in rojo at 2026-T3 unless told."""
    codigos = ["MS-01-I1", "ME-01-I1"]
    indicadores = pd.DataFrame(
        {
            "meta_codigo": ["MS-01", "ME-01"],
            "periodo": ["2026-T3", "2026-T3"],
            "avance_pct": [42.0, 55.5],
            "semaforo": ["rojo" if c in rojos else "verde" for c in codigos],
        },
        index=pd.Index(codigos, name="codigo"),
    )
    metas = pd.DataFrame({"sector": ["SAL", "EDU"]}, index=pd.Index(["MS-01", "ME-01"]))
    return indicadores, metas


def _alertas(db, corte=CORTE, **evaluacion) -> pd.DataFrame:
    indicadores, metas = _evaluacion(**evaluacion)
    with session_factory(db)() as s:
        return alertas_mesas(load_mesas(s), corte, indicadores, metas)


@pytest.fixture
def limpio(db):
    """Both mesas in order at 23/11/2026: approved 2026 plan, a technical member, a session called
    8 days ahead whose minutes went out 2 days later, an open acuerdo on the sector's goal due
    15/12/2026. Returns {sector: (member id, ayuda memoria id, acuerdo id)}."""
    ids = {}
    with session_factory(db)() as s, s.begin():
        for sector in ("SAL", "EDU"):
            plan = servicio.crear_plan(s, sector, 2026, actor=ACTOR)
            servicio.agregar_actividad(
                s,
                plan.id,
                actividad="Revisar la MCR",
                resultado_esperado="MCR revisada",
                responsable="UPGRET",
                fecha_inicio=dt.date(2026, 2, 1),
                fecha_fin=dt.date(2026, 6, 30),
                actor=ACTOR,
            )
            servicio.registrar_plan_aprobado(
                s,
                plan.id,
                aprobado_en=dt.date(2026, 1, 30),
                aprobado_por="Ministro",
                actor=SISTEMA,
            )
            miembro = acreditar(s, sector, SIGLA[sector], "Marta Díaz")
            sesion = convocar(s, sector, SESION, enviada=dt.date(2026, 9, 28))
            ayuda = servicio.registrar_ayuda_memoria(
                s,
                sesion.id,
                elaborada_en=SESION.date(),
                desarrollo="Revisión de metas",
                presentes=[miembro.id],
                actor=ACTOR,
                hoy=HOY,
            )
            acuerdo = servicio.registrar_acuerdo(
                s,
                ayuda.id,
                texto="Presentar plan de recuperación de la meta",
                institucion=SIGLA[sector],
                persona_responsable="Marta Díaz",
                fecha_limite=dt.date(2026, 12, 15),
                metas=[META[sector]],
                actor=ACTOR,
            )
            servicio.distribuir_ayuda_memoria(
                s, ayuda.id, distribuida_en=dt.date(2026, 10, 8), actor=ACTOR, hoy=HOY
            )
            ids[sector] = (miembro.id, ayuda.id, acuerdo.id)
    return ids


def test_clean_mesas_raise_no_alert(db, limpio) -> None:
    """With everything in order (and red indicators covered by open acuerdos) there is no alert;
    the frame still has the engine's columns."""
    alertas = _alertas(db)
    assert alertas.empty and list(alertas.columns) == list(COLUMNAS_ALERTAS)


def test_acuerdo_vencido_fires_the_day_after_its_due_date(db, limpio) -> None:
    """An acuerdo due 15/12/2026 and still pendiente is vencido on 16/12 (alta, linked to the
    acuerdo), not on 15/12; once cumplido it never is."""
    assert "acuerdo_vencido" not in set(_alertas(db, corte=dt.date(2026, 12, 15))["tipo"])
    alertas = _alertas(db, corte=dt.date(2026, 12, 16))
    vencidos = alertas[alertas["tipo"] == "acuerdo_vencido"]
    acuerdo_sal = limpio["SAL"][2]
    fila = vencidos[vencidos["entidad"] == str(acuerdo_sal)].iloc[0]
    assert (fila["severidad"], fila["entidad_tipo"], fila["periodo"]) == (
        "alta",
        "acuerdo",
        "2026-T4",
    )
    assert fila["enlace"] == f"/mesas/SAL?acuerdo={acuerdo_sal}"
    assert "venció el 15/12/2026 (hace 1 día)" in fila["mensaje"] and "SESAL" in fila["mensaje"]
    with session_factory(db)() as s, s.begin():
        servicio.cambiar_estado_acuerdo(
            s,
            acuerdo_sal,
            "cumplido",
            nota="Plan presentado",
            fecha=dt.date(2026, 12, 20),
            actor=ACTOR,
            hoy=HOY,
        )
    vencidos = _alertas(db, corte=dt.date(2027, 1, 10)).query("tipo == 'acuerdo_vencido'")
    assert vencidos["entidad"].tolist() == [str(limpio["EDU"][2])]


def test_convocatoria_tardia_fires_for_short_notice_and_for_a_missing_agenda(db, limpio) -> None:
    """A session called 3 days ahead (justified) and one loaded with no agenda each raise a media
    alert on the mesa, with the justification in the message."""
    with session_factory(db)() as s, s.begin():
        convocar(
            s,
            "SAL",
            dt.datetime(2026, 11, 26, 9),
            enviada=dt.date(2026, 11, 23),
            justificacion="Visita de la Presidenta",
        )
        # A session loaded around the form (an import): no agenda at all.
        mesa_edu = s.get(MiembroMesa, limpio["EDU"][0]).mesa_id
        s.add(
            SesionMesa(
                mesa_id=mesa_edu,
                nivel="politico",
                fecha_hora=dt.datetime(2026, 11, 20, 10),
                lugar="SEDUC",
                convocatoria_enviada_en=dt.date(2026, 11, 10),
                estado="convocada",
            )
        )
    alertas = _alertas(db).query("tipo == 'convocatoria_tardia'").set_index("entidad")
    assert set(alertas.index) == {"SAL", "EDU"} and set(alertas["severidad"]) == {"media"}
    assert alertas.loc["SAL", "mensaje"] == (
        "La sesión técnica del 26/11/2026 de la mesa de Salud se convocó el 23/11/2026 con 3 días "
        "de anticipación (mínimo 5). Justificación registrada: «Visita de la Presidenta»."
    )
    assert (
        "sin agenda" in alertas.loc["EDU", "mensaje"]
        and alertas.loc["EDU", "enlace"] == "/mesas/EDU"
    )


def test_ayuda_memoria_tardia_fires_for_late_and_missing_distribution(db, limpio) -> None:
    """Minutes distributed 9 days after the session, and a session 10 days ago with no minutes,
    each raise ayuda_memoria_tardia on their mesa."""
    with session_factory(db)() as s, s.begin():
        miembro = limpio["SAL"][0]
        sesion = convocar(s, "SAL", dt.datetime(2026, 11, 2, 9))
        ayuda = servicio.registrar_ayuda_memoria(
            s,
            sesion.id,
            elaborada_en=dt.date(2026, 11, 3),
            desarrollo="x",
            presentes=[miembro],
            actor=ACTOR,
            hoy=HOY,
        )
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=dt.date(2026, 11, 11), actor=ACTOR, hoy=HOY
        )
        convocar(s, "EDU", dt.datetime(2026, 11, 13, 9))
    alertas = _alertas(db).query("tipo == 'ayuda_memoria_tardia'").set_index("entidad")
    assert alertas.loc["SAL", "mensaje"] == (
        "La ayuda memoria (acta 2) de la sesión técnica del 02/11/2026 de la mesa de Salud se "
        "distribuyó el 11/11/2026, 9 días después de la sesión (máximo 7)."
    )
    assert "no se ha registrado: han pasado 10 días" in alertas.loc["EDU", "mensaje"]


def test_exceso_miembros_fires_for_a_fourth_member_loaded_around_the_form(db, limpio) -> None:
    """Three technical members are fine; a 4th inserted directly (as an import would) raises
    exceso_miembros naming the four."""
    with session_factory(db)() as s, s.begin():
        acreditar(s, "SAL", "SESAL", "Pedro Ruiz")
        acreditar(s, "SAL", "SESAL", "Sofía Mejía")
    assert "exceso_miembros" not in set(_alertas(db)["tipo"])
    with session_factory(db)() as s, s.begin():
        referencia = s.get(MiembroMesa, limpio["SAL"][0])
        s.add(
            MiembroMesa(
                mesa_id=referencia.mesa_id,
                institucion=s.query(Institucion).filter_by(sigla="SESAL").one(),
                nombre="Carlos Luna",
                cargo="Analista",
                nivel="tecnico",
                es_director_upgret=False,
                acreditado_en=dt.date(2026, 5, 1),
                activo=True,
            )
        )
    fila = _alertas(db).query("tipo == 'exceso_miembros'").iloc[0]
    assert (fila["entidad"], fila["periodo"]) == ("SAL", "2026-T4")
    assert fila["mensaje"].startswith("La institución SESAL tiene 4 miembros técnicos")
    assert "Marta Díaz; Pedro Ruiz; Sofía Mejía; Carlos Luna" in fila["mensaje"]


def test_mesa_sin_plan_fires_for_a_draft_or_a_missing_plan(db) -> None:
    """A mesa whose 2026 plan is a draft, and one with no 2026 plan, each raise mesa_sin_plan;
    an approved 2025 plan does not count for 2026."""
    with session_factory(db)() as s, s.begin():
        servicio.crear_plan(s, "SAL", 2026, actor=ACTOR)
        anterior = servicio.crear_plan(s, "EDU", 2025, actor=ACTOR)
        servicio.agregar_actividad(
            s,
            anterior.id,
            actividad="a",
            resultado_esperado="r",
            responsable="x",
            fecha_inicio=dt.date(2025, 1, 1),
            fecha_fin=dt.date(2025, 2, 1),
            actor=ACTOR,
        )
        servicio.registrar_plan_aprobado(
            s,
            anterior.id,
            aprobado_en=dt.date(2025, 1, 15),
            aprobado_por="Ministro",
            actor=SISTEMA,
        )
    alertas = _alertas(db).query("tipo == 'mesa_sin_plan'").set_index("entidad")
    assert alertas.loc["SAL", "mensaje"] == (
        "El plan de trabajo 2026 de la mesa de Salud está en borrador: falta la aprobación de las "
        "máximas autoridades."
    )
    assert alertas.loc["EDU", "mensaje"] == "La mesa de Educación no tiene plan de trabajo 2026."
    assert set(alertas["periodo"]) == {"2026"}


def test_rojo_sin_accion_fires_when_no_open_action_addresses_the_red_indicator(db, limpio) -> None:
    """A red indicator is covered by an open acuerdo on its goal or an active strategy on itself;
    once the acuerdo is cumplido and the strategy concluded, rojo_sin_accion (alta) fires."""
    with session_factory(db)() as s, s.begin():
        estrategia = servicio.registrar_estrategia(
            s,
            "EDU",
            descripcion="Plan de retención escolar",
            responsable="SEDUC",
            estado="en_ejecucion",
            indicadores=["ME-01-I1"],
            actor=SISTEMA,
        )
        servicio.cambiar_estado_acuerdo(
            s,
            limpio["EDU"][2],
            "cancelado",
            nota="Sustituido por la estrategia",
            fecha=dt.date(2026, 11, 1),
            actor=ACTOR,
            hoy=HOY,
        )
    assert "rojo_sin_accion" not in set(_alertas(db)["tipo"])
    with session_factory(db)() as s, s.begin():
        servicio.cambiar_estado_estrategia(s, estrategia.id, "concluida", actor=ACTOR)
    alertas = _alertas(db).query("tipo == 'rojo_sin_accion'")
    assert alertas[
        ["entidad", "entidad_tipo", "severidad", "enlace", "periodo"]
    ].to_numpy().tolist() == [["ME-01-I1", "indicador", "alta", "/indicadores/ME-01-I1", "2026-T3"]]
    assert alertas["mensaje"].iloc[0] == (
        "El indicador ME-01-I1 está en rojo en 2026-T3 (avance de 55.5 %) y ni él ni su meta "
        "ME-01 (sector EDU) tienen un acuerdo abierto o una estrategia en curso de una mesa."
    )
    assert "rojo_sin_accion" not in set(_alertas(db, rojos=("MS-01-I1",))["tipo"])


def test_alerts_are_sorted_by_severity(db, limpio) -> None:
    """alta before media: an overdue acuerdo comes before a missing plan."""
    with session_factory(db)() as s, s.begin():
        servicio.crear_plan(s, "SAL", 2027, actor=ACTOR)
    alertas = _alertas(db, corte=dt.date(2027, 1, 10))
    assert alertas["severidad"].tolist() == sorted(
        alertas["severidad"], key={"alta": 0, "media": 1}.__getitem__
    )
    assert {"acuerdo_vencido", "mesa_sin_plan"} <= set(alertas["tipo"])
