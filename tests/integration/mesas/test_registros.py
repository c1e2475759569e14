"""Reads of one session's records for the session page (``data_layer.mesas.registros``)."""

from __future__ import annotations

import datetime as dt

from data_layer.db import session_factory
from data_layer.mesas import registros, servicio
from tests.integration.mesas.conftest import ACTOR, HOY, acreditar, convocar, sesion_con_acta

DIA = dt.datetime(2026, 3, 10, 9, 0)


def test_a_session_is_found_only_under_its_own_mesa(db):
    """The URL's session id is found under its mesa; under another mesa, or as text, or
    missing, it is None (no error: these come from URLs and forged requests)."""
    with session_factory(db)() as s, s.begin():
        sesion = convocar(s, "SAL", DIA)
        ident = sesion.id
    with session_factory(db)() as s:
        assert registros.sesion_de_mesa(s, "SAL", str(ident)).id == ident
        assert registros.sesion_de_mesa(s, "EDU", str(ident)) is None
        for malo in ("abc", "", None, "9999", ["1"]):
            assert registros.sesion_de_mesa(s, "SAL", malo) is None


def test_the_current_minutes_are_the_latest_correction(db):
    """Before minutes: None; after recording: those; after a distributed correction: the
    correction, never the corrected record."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Ana Uno")
        sesion = convocar(s, "SAL", DIA)
        assert registros.ayuda_vigente(s, sesion.id) is None
        ayuda = servicio.registrar_ayuda_memoria(
            s,
            sesion.id,
            elaborada_en=DIA.date(),
            desarrollo="Acta",
            presentes=[m.id],
            actor=ACTOR,
            hoy=HOY,
        )
        assert registros.ayuda_vigente(s, sesion.id).id == ayuda.id
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=DIA.date() + dt.timedelta(days=2), actor=ACTOR, hoy=HOY
        )
        correccion = servicio.corregir_ayuda_memoria(
            s,
            ayuda.id,
            motivo="Asistencia",
            elaborada_en=DIA.date() + dt.timedelta(days=3),
            actor=ACTOR,
            hoy=HOY,
        )
        assert registros.ayuda_vigente(s, sesion.id).id == correccion.id


def test_acuerdos_of_a_session_and_those_it_follows_up(db):
    """A session's own acuerdos, and the open acuerdos of the earlier session carried into its
    agenda."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Ana Uno")
        primera, ayuda = sesion_con_acta(s, "SAL", DIA, [m.id])
        acuerdo = servicio.registrar_acuerdo(
            s,
            ayuda.id,
            texto="Enviar el informe",
            institucion="SESAL",
            persona_responsable="Ana Uno",
            fecha_limite=DIA.date() + dt.timedelta(days=30),
            actor=ACTOR,
        )
        segunda = convocar(s, "SAL", DIA + dt.timedelta(days=60))
        propios, previos = registros.acuerdos_de_sesion(s, primera)
        assert [a.id for a in propios] == [acuerdo.id] and previos == []
        propios, previos = registros.acuerdos_de_sesion(s, segunda)
        assert propios == [] and [a.id for a in previos] == [acuerdo.id]


def test_eligible_members_are_those_accredited_on_the_day(db):
    """Members accredited after the session, or withdrawn before it, cannot attend it; the
    session's level comes first."""
    with session_factory(db)() as s, s.begin():
        tecnico = acreditar(s, "SAL", "SESAL", "Ana Uno")
        politico = acreditar(s, "SAL", "IHSS", "Bruno Dos", nivel="politico", cargo="Director")
        acreditar(s, "SAL", "SEFIN", "Tarde", acreditado_en=DIA.date() + dt.timedelta(days=1))
        sesion = convocar(s, "SAL", DIA)
        elegibles = registros.miembros_elegibles(s, sesion)
        assert [e.id for e in elegibles] == [tecnico.id, politico.id]


def test_an_acuerdo_may_name_any_institution_and_the_sectors_goals(db):
    """Every institution's sigla, but only the sector's goals and indicators."""
    with session_factory(db)() as s:
        siglas, metas, indicadores = registros.codigos_para_acuerdo(s, "SAL")
    assert siglas == ["IHSS", "SEDUC", "SEFIN", "SESAL"]
    assert metas == ["MS-01"] and indicadores == ["MS-01-I1"]


def test_the_mesa_of_a_sector_its_active_members_and_the_institutions(db):
    """A sector code finds its mesa (anything else: None); a withdrawn member is not listed among
    the active ones; the institutions come by sigla."""
    with session_factory(db)() as s, s.begin():
        ana = acreditar(s, "SAL", "SESAL", "Ana Uno")
        baja = acreditar(s, "SAL", "IHSS", "Bruno Dos")
        servicio.dar_de_baja_miembro(
            s, baja.id, baja_en=dt.date(2026, 2, 1), motivo="Traslado", actor=ACTOR
        )
        mesa = registros.mesa_de_sector(s, "SAL")
        assert mesa is not None and mesa.sector.codigo == "SAL"
        assert registros.mesa_de_sector(s, "NADA") is None
        assert registros.mesa_de_sector(s, None) is None
        assert [m.id for m in registros.miembros_activos(s, mesa)] == [ana.id]
        assert [i.sigla for i in registros.instituciones(s)] == ["IHSS", "SEDUC", "SEFIN", "SESAL"]
