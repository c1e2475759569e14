"""The indicator detail views (``data_layer.vistas.detalle_indicador``): metadata, series,
projection, alerts and the goals it feeds, on the tiny MCR of ``test_detalle`` and small ones of
their own, evaluated by the real engine."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from data_layer.engine import evaluar_indicadores, run
from data_layer.engine.frames import Reglas, typed_frame
from data_layer.vistas import detalle_indicador as di
from tests.unit.engine.builders import CORTE, PERIODO
from tests.unit.vistas.test_detalle import _ind, mcr_cadena


@pytest.fixture
def mcr():
    """The tiny MCR of ``test_detalle``."""
    return mcr_cadena()


@pytest.fixture
def res(mcr):
    """Its evaluation as of 2024-T3."""
    return run(mcr, PERIODO, CORTE, Reglas())


def test_ficha_indicador_effective_thresholds_and_themes():
    """Own thresholds win (verde 90) and a missing one falls back to the rules (amarillo 61);
    themes come sorted; the goal and the institution carry their names."""
    m = mcr_cadena(
        extra_indicadores=[
            _ind("MS-I2", "MS", "impacto", umbral_verde=90.0, linea_base=25.0, unidad="%")
        ]
    )
    temas = typed_frame(
        pd.DataFrame({"indicador": ["MS-I2", "MS-I2"], "tema": ["Género", "Ambiente"]}),
        "indicador_temas",
    )
    m = dataclasses.replace(m, indicador_temas=temas)
    r = run(m, PERIODO, CORTE)
    f = di.ficha_indicador(r, m, "MS-I2")
    assert (f.umbral_verde, f.umbral_amarillo, f.umbrales_propios) == (90.0, 61.0, True)
    assert f.temas == ("Ambiente", "Género")
    assert (f.meta, f.meta_descripcion) == ("MS", "Meta MS")
    assert (f.institucion_responsable, f.institucion_nombre) == ("SESAL", "Secretaría de Salud")
    assert (f.linea_base, f.anio_base, f.unidad, f.eslabon) == (25.0, 2022, "%", "impacto")
    general = di.ficha_indicador(r, m, "MS-I1")
    assert (general.umbral_verde, general.umbrales_propios) == (81.0, False)
    assert di.ficha_indicador(r, m, "NOPE") is None


def _mcr_acumulado():
    """ACU: acumulado quarterly, targets 10 per quarter of 2024 (T2 revised from 8), values T1 8
    (on time), T2 12 (reported 2024-08-01, after its 2024-07-15 deadline), T3 reported only on
    2024-11-01."""
    return mcr_cadena(
        extra_indicadores=[_ind("ACU", "MS", "producto", tipo="acumulado")],
        extra_prog=[
            ("ACU", "2024-T1", 10.0),
            ("ACU", "2024-T2", 10.0, 8.0),
            ("ACU", "2024-T3", 10.0),
            ("ACU", "2024-T4", 10.0),
        ],
        extra_av=[
            ("ACU", "2024-T1", 8.0, "2024-04-10"),
            ("ACU", "2024-T2", 12.0, "2024-08-01"),
            ("ACU", "2024-T3", 15.0, "2024-11-01"),
        ],
    )


def test_serie_indicador_evaluates_every_period_with_the_engine():
    """As known on 2024-10-20: T1 8 of 10 → 80 % amarillo; T2 cumulative 20 of 20 (original
    8 + 10 = 18) → 100 % verde, late; T3's value arrived after the cut, its report is overdue →
    sin dato with cumulative target 30; T4 not yet due → pendiente, cumulative target 40."""
    m = _mcr_acumulado()
    corte = dt.date(2024, 10, 20)
    s = di.serie_indicador(m, "ACU", corte, Reglas())
    assert s.columns.tolist() == list(di.COLUMNAS_SERIE)
    assert s["periodo"].tolist() == ["2024-T1", "2024-T2", "2024-T3", "2024-T4"]
    assert s["semaforo"].tolist() == ["amarillo", "verde", "sin_dato", "pendiente"]
    assert s["meta"].tolist() == [10.0, 20.0, 30.0, 40.0]
    assert s["meta_original"].tolist() == [10.0, 18.0, 28.0, 38.0]
    assert s["meta_periodo"].tolist() == [10.0, 10.0, 10.0, 10.0]
    assert s["meta_original_periodo"].tolist() == [10.0, 8.0, 10.0, 10.0]
    assert s["valor"].iloc[:2].tolist() == [8.0, 20.0] and s["valor"].iloc[2:].isna().all()
    assert s["valor_periodo"].iloc[:2].tolist() == [8.0, 12.0]
    assert s["avance_pct"].iloc[:2].tolist() == pytest.approx([80.0, 100.0])
    assert s["tardio"].tolist() == [False, True, False, False]
    assert s["vencimiento"].dt.date.tolist() == [
        dt.date(2024, 4, 15),
        dt.date(2024, 7, 15),
        dt.date(2024, 10, 15),
        dt.date(2025, 1, 15),
    ]
    assert s["fecha_reporte"].iloc[1] == pd.Timestamp("2024-08-01")
    # Each row is exactly what the engine says when evaluating that period for the whole MCR.
    entero = evaluar_indicadores(m, "2024-T2", corte).loc["ACU"]
    assert (entero["semaforo"], entero["avance_pct"]) == ("verde", s["avance_pct"].iloc[1])
    # Each period explains its avance: the acumulado sums from the first programmed period.
    assert s["formula"].iloc[1] == "20.0 ÷ 20.0 = 100.0 %"
    assert "Acumulado de 2024-T1 a 2024-T2" in s["explicacion"].iloc[1]
    assert pd.isna(s["formula"].iloc[2]) and s["explicacion"].iloc[2].startswith("Sin dato")


def test_serie_indicador_of_an_indicator_without_periods_is_empty():
    """No target and no value: an empty table with the right columns (the page says so)."""
    m = mcr_cadena(extra_indicadores=[_ind("VACIO", "MS", "producto")])
    s = di.serie_indicador(m, "VACIO", CORTE, Reglas())
    assert s.empty and s.columns.tolist() == list(di.COLUMNAS_SERIE)


def test_proyeccion_starts_at_the_last_value_up_to_the_evaluated_period():
    """TEN: 10, 20, 30 in 2024-T1..T3 with targets 40 each quarter to 2024-T4: the straight
    line 10 + 10x reaches 40 at T4 (x = 3) → 100 % → probable; the dashed line starts at T3's 30."""
    m = mcr_cadena(
        extra_indicadores=[_ind("TEN", "MS", "resultado")],
        extra_prog=[("TEN", p, 40.0) for p in ("2024-T1", "2024-T2", "2024-T3", "2024-T4")],
        extra_av=[
            ("TEN", "2024-T1", 10.0, "2024-04-01"),
            ("TEN", "2024-T2", 20.0, "2024-07-01"),
            ("TEN", "2024-T3", 30.0, "2024-10-01"),
        ],
    )
    r = run(m, PERIODO, CORTE)
    serie = di.serie_indicador(m, "TEN", CORTE, Reglas())
    p = di.proyeccion_indicador(r, serie, "TEN")
    assert (p.periodo_desde, p.valor_desde) == ("2024-T3", 30.0)
    assert p.periodo_final == "2024-T4" and p.meta_final == 40.0
    assert p.valor_proyectado == pytest.approx(40.0)
    assert p.pronostico == "probable" and p.dibujable
    assert "Tendencia lineal" in p.metodo
    # Evaluated at T2, the line starts at T2's value.
    r2 = run(m, "2024-T2", CORTE)
    assert di.proyeccion_indicador(r2, serie, "TEN").periodo_desde == "2024-T2"
    # Too few points: the method says why and nothing is drawn.
    sin = di.proyeccion_indicador(r, di.serie_indicador(m, "MS-I1", CORTE, Reglas()), "MS-I1")
    assert not sin.dibujable and sin.pronostico is None and sin.metodo.startswith("Sin proyección")


def test_alerts_and_goals_fed_by_an_indicator(res, mcr):
    """MS-I1 (rojo) has its indicador_rojo alert and no other's; MIA-I1 feeds MIA, then MS and
    MS2, then MP."""
    alertas = di.alertas_indicador(res, "MS-I1")
    assert "indicador_rojo" in set(alertas["tipo"])
    assert set(alertas["entidad"]) == {"MS-I1"}
    assert di.alertas_indicador(res, "MIA-I1").loc[lambda a: a["tipo"] == "indicador_rojo"].empty
    alimenta = di.metas_que_alimenta(res, mcr, "MIA-I1")
    assert alimenta["codigo"].tolist() == ["MIA", "MS", "MS2", "MP"]
    assert alimenta["distancia"].tolist() == [0, 1, 1, 2]
    assert alimenta["semaforo"].iloc[0] == "verde"
    assert di.metas_que_alimenta(res, mcr, "NOPE").empty


def test_estado_indicador_is_its_state_in_its_own_period():
    """As of 2024-T3, MS-I1 (quarterly) is rojo in 2024-T3; an annual indicator is evaluated in
    its own period, the last closed year 2023 (not programmed then): the page's header says so."""
    m = mcr_cadena(
        extra_indicadores=[_ind("ANU", "MS", "producto", frecuencia="anual")],
        extra_prog=[("ANU", "2024", 10.0)],
    )
    r = run(m, PERIODO, CORTE, Reglas())
    assert di.estado_indicador(r, "MS-I1") == di.EstadoIndicador("rojo", "2024-T3")
    assert di.estado_indicador(r, "ANU") == di.EstadoIndicador("no_programado", "2023")
