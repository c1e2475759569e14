"""Data quality and the reporting cycle's alerts on a small hand-made cycle, on SQLite and
PostgreSQL (DOMAIN.md §8).

The importer's MCR (values of 2024-T1 and 2024-S1 imported on time) plus, for 2024-T2:
SEDUC's «aulas» sent on time (10/07), returned (12/07), sent again (20/07) and validated (22/07);
SESAL's «controles prenatales» sent late (20/07) with an explanation and never reviewed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from data_layer import engine as motor
from data_layer import permisos, queries
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.engine.alerts import con_mensajes
from data_layer.models import Rol
from data_layer.reportes import servicio
from data_layer.reportes.calidad import estado_reportes
from data_layer.vistas.alertas import alertas_destacadas, centro_alertas, enriquecer_alertas
from data_layer.vistas.calidad import calidad_institucion, vista_calidad
from data_layer.vistas.filtros import FiltroParcial

from .conftest import ANALISTA, UPGRET_SEDUC, UPGRET_SESAL, momento

AULAS = "MI-SEDUC-01-I1"
CONTROLES = "MI-SESAL-01-I1"
CORTE = dt.date(2024, 8, 10)


def _escribir(db, funcion, **kwargs):
    with session_factory(db, escritura=True)() as s, s.begin():
        return funcion(s, **kwargs).id


@pytest.fixture
def ciclo(mcr):
    """The cycle described in the module docstring, written through the services."""
    primera = _escribir(
        mcr,
        servicio.guardar,
        actor=UPGRET_SEDUC,
        indicador=AULAS,
        periodo="2024-T2",
        valor=12,
        enviar=True,
        ahora=momento(2024, 7, 10),
    )
    _escribir(
        mcr,
        servicio.devolver,
        actor=ANALISTA,
        version_id=primera,
        observacion="Revise el total de aulas.",
        ahora=momento(2024, 7, 12),
    )
    segunda = _escribir(
        mcr,
        servicio.guardar,
        actor=UPGRET_SEDUC,
        indicador=AULAS,
        periodo="2024-T2",
        valor=12,
        enviar=True,
        ahora=momento(2024, 7, 20),
    )
    _escribir(mcr, servicio.validar, actor=ANALISTA, version_id=segunda, ahora=momento(2024, 7, 22))
    _escribir(
        mcr,
        servicio.guardar,
        actor=UPGRET_SESAL,
        indicador=CONTROLES,
        periodo="2024-T2",
        valor=1250,
        explicacion="Campaña de control prenatal en junio.",
        enviar=True,
        ahora=momento(2024, 7, 20),
    )
    with session_factory(mcr)() as s:
        return queries.load_mcr(s)


def test_rates_per_institution_sector_and_quarter(ciclo) -> None:
    """Known answers: in 2024-T2 SESAL had 2 reports due (controles T2, partos S1), both
    received, 1 on time, 1 validated, none returned, 1 with an explanation; SEDUC 1 due,
    received on time, validated, returned once. SESAL (timeliness 50 %) comes first."""
    estado = estado_reportes(ciclo, CORTE, 15)
    v = vista_calidad(estado, ciclo)
    assert v.periodo == "2024-T2"
    assert v.periodos == ["2024-T2", "2024-T1"]
    filas = v.instituciones.set_index("institucion")
    assert list(v.instituciones["institucion"]) == ["SESAL", "SEDUC"]
    cols = ["esperados", "recibidos", "a_tiempo", "validados", "devueltos", "con_explicacion"]
    assert filas.loc["SESAL", cols].tolist() == [2, 2, 1, 1, 0, 1]
    assert filas.loc["SEDUC", cols].tolist() == [1, 1, 1, 1, 1, 0]
    assert filas.loc["SESAL", "completitud"] == 100.0
    assert filas.loc["SESAL", "puntualidad"] == 50.0
    sectores = v.por_sector.set_index("sector")
    assert sectores.loc["SAL", cols].tolist() == [2, 2, 1, 1, 0, 1]
    assert sectores.loc["EDU", cols].tolist() == [1, 1, 1, 1, 1, 0]
    assert v.total["esperados"] == 3 and v.total["a_tiempo"] == 2
    tendencia = v.tendencia.set_index("trimestre")
    assert tendencia.loc["2024-T1", "completitud"] == 100.0
    assert round(tendencia.loc["2024-T2", "puntualidad"], 1) == 66.7


def test_annual_reports_count_once_due_and_missing_ones_lower_completeness(ciclo) -> None:
    """On 20/01/2025 the 2024 annual reports are due (in 2024-T4): SEDUC's prebásica was never
    received (completeness 0 %), SESAL's mortality not yet either (imported in March), nor its
    2024-S2 partos (ending in 2024-T4 too)."""
    v = vista_calidad(estado_reportes(ciclo, dt.date(2025, 1, 20), 15), ciclo, periodo="2024-T4")
    filas = v.instituciones.set_index("institucion")
    assert filas.loc["SEDUC", "esperados"] == 1
    assert filas.loc["SEDUC", "completitud"] == 0.0
    # SESAL: mortality 2024 (received only in March 2025) and partos 2024-S2 (never).
    assert filas.loc["SESAL", ["esperados", "recibidos"]].tolist() == [2, 0]
    assert calidad_institucion(estado_reportes(ciclo, CORTE, 15), "SEDUC")["devueltos"] == 1


def test_a_coordinator_sees_only_their_sectors_and_upgret_not_the_page(ciclo) -> None:
    """Scoping: the Salud coordinator sees SAL reports only, whatever sector they ask for; an
    upgret user may not open the page but sees their own institution's rates."""
    coord = Alcance(usuario="coord", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
    permitidos = permisos.sectores_calidad(coord)
    v = vista_calidad(estado_reportes(ciclo, CORTE, 15), ciclo, sector="EDU", permitidos=permitidos)
    assert v.sector is None
    assert set(v.instituciones["institucion"]) == {"SESAL"}
    assert [c for c, _ in v.sectores] == ["SAL"]
    assert not permisos.puede_ver_calidad(UPGRET_SESAL)
    assert permisos.sectores_calidad(UPGRET_SESAL) == frozenset()
    assert permisos.puede_ver_calidad_institucion(UPGRET_SESAL, "SESAL", ["SAL"])
    assert not permisos.puede_ver_calidad_institucion(UPGRET_SESAL, "SEDUC", ["EDU"])
    assert permisos.puede_ver_calidad(ANALISTA) and permisos.sectores_calidad(ANALISTA) is None


def test_cycle_alerts_from_the_database_reach_the_alert_centre_and_overview(ciclo) -> None:
    """validacion_pendiente for SESAL's unreviewed report (sent 20/07, 21 days at 10/08), listed
    by the alert centre (with its institution and type filter) and among the overview's
    highlighted alerts; on 18/07 SEDUC's report returned on 12/07 and not yet resent raises
    reporte_devuelto (a past cut date reproduces it)."""
    res = motor.run(ciclo, "2024-T2", CORTE)
    pendientes = res.alertas[res.alertas["tipo"] == "validacion_pendiente"]
    assert pendientes[["entidad", "periodo"]].values.tolist() == [[CONTROLES, "2024-T2"]]
    assert "20/07/2024" in con_mensajes(pendientes).iloc[0]["mensaje"]
    enriquecidas = enriquecer_alertas(res, ciclo)
    centro = centro_alertas(enriquecidas, ciclo, FiltroParcial(), tipo="validacion_pendiente")
    assert list(centro.alertas["institucion"]) == ["SESAL"]
    assert "validacion_pendiente" in centro.tipos
    assert "validacion_pendiente" in set(alertas_destacadas(enriquecidas, n=20)["tipo"])

    antes = motor.run(ciclo, "2024-T2", dt.date(2024, 7, 18)).alertas
    devueltas = antes[antes["tipo"] == "reporte_devuelto"]
    assert devueltas[["entidad", "periodo"]].values.tolist() == [[AULAS, "2024-T2"]]
    assert "reporte_devuelto" not in set(res.alertas["tipo"])
