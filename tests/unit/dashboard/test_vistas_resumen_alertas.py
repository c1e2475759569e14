"""Views behind the overview and the alert center: trend against each goal's own previous
period, alert place and order."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from data_layer.engine import Resultado, run
from data_layer.engine.frames import Reglas
from data_layer.vistas import alertas as va
from data_layer.vistas.resumen import (
    comparaciones,
    frecuencia_metas,
    periodo_comparado,
    tendencia,
    tendencia_propia,
    trimestre_anterior,
)
from tests.unit.engine.builders import build_mcr, indicador, meta
from tests.unit.vistas.test_filtros import mcr_pequena


def test_trimestre_anterior_crosses_years():
    """2025-T1 follows 2024-T4; a semester means its last quarter."""
    assert trimestre_anterior("2025-T1") == "2024-T4"
    assert trimestre_anterior("2025-T3") == "2025-T2"
    assert trimestre_anterior("2025-S1") == "2025-T1"


def test_tendencia_compares_what_the_screen_shows():
    """74.06 and 74.14 both show 74.1 %: no change; 70 → 73.25 is +3.3 (73.25 shows 73.3);
    a goal missing in either quarter has no trend."""
    actual = pd.Series([74.06, 73.25, 50.0, np.nan], index=["A", "B", "C", "D"])
    anterior = pd.Series([74.14, 70.0, 60.0, 10.0], index=["A", "B", "C", "D"])
    t = tendencia(actual, anterior.drop("C").reindex(["A", "B", "D"]))
    assert t.loc["A", "cambio"] == 0.0 and t.loc["A", "tendencia"] == "igual"
    assert t.loc["B", "cambio"] == pytest.approx(3.3) and t.loc["B", "tendencia"] == "sube"
    assert math.isnan(t.loc["C", "cambio"]) and pd.isna(t.loc["C", "tendencia"])
    assert pd.isna(t.loc["D", "tendencia"])
    assert (
        tendencia(pd.Series([40.0], index=["X"]), pd.Series([45.5], index=["X"])).loc[
            "X", "tendencia"
        ]
        == "baja"
    )


def _mcr_tendencias():
    """GA: one annual stock indicator (2023: 40 of 100, 2024: 50, 2025: 70); GQ: one quarterly
    indicator (2025-T2: 60 of 100, 2025-T3: 75); GP (presidential) has no indicator and is fed by
    GA only; GN has nothing below it."""
    indicadores = [
        indicador("IA", "GA", tipo="stock", frecuencia="anual"),
        indicador("IQ", "GQ"),
    ]
    return build_mcr(
        indicadores,
        [
            ("IA", "2023", 100.0),
            ("IA", "2024", 100.0),
            ("IA", "2025", 100.0),
            ("IQ", "2025-T2", 100.0),
            ("IQ", "2025-T3", 100.0),
        ],
        [
            ("IA", "2023", 40.0, "2024-01-10"),
            ("IA", "2024", 50.0, "2025-01-10"),
            ("IA", "2025", 70.0, "2026-01-10"),
            ("IQ", "2025-T2", 60.0, "2025-07-10"),
            ("IQ", "2025-T3", 75.0, "2025-10-10"),
        ],
        metas=[meta("GA"), meta("GQ"), meta("GP", "presidencial", eje="E1"), meta("GN")],
        contribuciones=[("GA", "GP")],
    )


def test_frecuencia_metas_is_the_finest_below_each_goal():
    """A goal moves at its own indicators' frequency; without indicators, at its contributors'."""
    f = frecuencia_metas(_mcr_tendencias())
    assert f.to_dict() == {"GA": "anual", "GQ": "trimestral", "GP": "anual", "GN": None}


def test_periodo_comparado_is_the_own_previous_period():
    """As of 2026-T3: an annual goal compares 2025 with 2024 (evaluated as of 2024-T4); a
    quarterly one 2026-T3 with 2026-T2; a semestral one 2026-S1 with 2025-S2."""
    assert periodo_comparado("2026-T3", "anual") == ("2025", "2024", "2024-T4")
    assert periodo_comparado("2026-T3", "trimestral") == ("2026-T3", "2026-T2", "2026-T2")
    assert periodo_comparado("2026-T3", "semestral") == ("2026-S1", "2025-S2", "2025-T4")


def test_annual_goal_trend_is_against_the_previous_year():
    """As of 2026-T1 (cut 2026-03-31): GA reads 2025 (70 %) and is compared with 2024 (50 %):
    +20 points, not the «=» a comparison with 2025-T4 would give; GQ (quarterly) has no value in
    2026-T1 and compares with 2025-T4: no trend; GN has nothing to compare."""
    m = _mcr_tendencias()
    corte = dt.date(2026, 3, 31)
    metas = pd.Index(["GA", "GQ", "GP", "GN"])
    comparadas = comparaciones(m, metas, "2026-T1")
    assert comparadas.loc["GA"].tolist() == ["2025", "2024", "2024-T4"]
    assert comparadas.loc["GQ"].tolist() == ["2026-T1", "2025-T4", "2025-T4"]
    assert comparadas.loc["GN"].isna().all()
    actual = run(m, "2026-T1", corte).metas["avance"]
    avances = {
        q: run(m, q, corte).metas["avance"] for q in comparadas["trimestre_anterior"].dropna()
    }
    t = tendencia_propia(actual.reindex(metas), comparadas, avances)
    assert t.loc["GA", "cambio"] == pytest.approx(20.0) and t.loc["GA", "tendencia"] == "sube"
    assert t.loc["GA", "periodo_anterior"] == "2024" and t.loc["GA", "avance_anterior"] == 50.0
    assert t.loc["GP", "cambio"] == pytest.approx(20.0)
    assert pd.isna(t.loc["GQ", "tendencia"]) and pd.isna(t.loc["GN", "tendencia"])


def test_tendencia_column_says_what_it_compares_and_disappears_without_comparison():
    """One previous period: «Tendencia (vs. 2024)»; several: each cell names its own; none: no
    column."""
    from dashboard.components.resumen import columna_tendencia

    assert columna_tendencia(("2024",))["headerName"] == "Tendencia (vs. 2024)"
    varias = columna_tendencia(("2024", "2025-T4"))
    assert varias["headerName"] == "Tendencia" and "2024, 2025-T4" in varias["headerTooltip"]
    assert columna_tendencia(()) is None


def _resultado(alertas: pd.DataFrame) -> Resultado:
    """A result of the tiny MCR with hand-set states, carrying ``alertas``."""
    indicadores = pd.DataFrame(
        {"semaforo": ["rojo", "amarillo", "verde", "rojo", "verde", "rojo"]},
        index=["I-P1", "I-P2", "I-SAL", "I-MLP", "I-SESAL", "I-SEDUC"],
    )
    metas = pd.DataFrame(
        {"semaforo": ["rojo", "verde", "verde", "rojo", "verde", "sin_dato"]},
        index=["MP-1", "MP-2", "MS-SAL", "MS-MLP", "MI-SESAL", "MI-SEDUC"],
    )
    return Resultado(
        "2024-T1", pd.Timestamp("2024-12-31").date(), Reglas(), indicadores, metas, None, alertas
    )


ALERTAS = pd.DataFrame(
    {
        "tipo": ["reporte_tardio", "indicador_rojo", "cadena_rota", "indicador_rojo", "otro"],
        "severidad": ["baja", "alta", "media", "alta", "media"],
        "entidad_tipo": ["indicador", "indicador", "meta", "indicador", "mesa"],
        "entidad": ["I-SESAL", "I-SEDUC", "MS-MLP", "I-P1", "SAL"],
        "mensaje": ["m1", "m2", "m3", "m4", "m5"],
        "enlace": ["/indicadores/I-SESAL", "/indicadores/I-SEDUC", "/metas/MS-MLP", "x", "y"],
        "periodo": ["2024-T1"] * 5,
    }
)


def test_enriquecer_alertas_places_each_entity_like_the_breadcrumbs():
    """I-SESAL: MI-SESAL in SAL (eje E2-SOC), institution SESAL (the indicator's responsible,
    as the builders set it); I-SEDUC: MI-SEDUC, sector borrowed from SEDUC (EDU); MS-MLP: eje
    E2-ECO (MLP's first by code); a mesa alert has no place; states come from the result."""
    enriquecidas = va.enriquecer_alertas(_resultado(ALERTAS), mcr_pequena())
    vista = enriquecidas.set_index("entidad")
    assert vista.loc["I-SESAL", ["meta", "nivel", "eje", "sector"]].tolist() == [
        "MI-SESAL",
        "institucional",
        "E2-SOC",
        "SAL",
    ]
    assert vista.loc["I-SESAL", "institucion"] == "SESAL"
    assert vista.loc["I-SEDUC", ["meta", "sector", "eje"]].tolist() == ["MI-SEDUC", "EDU", "E2-SOC"]
    assert vista.loc["MS-MLP", ["meta", "nivel", "eje", "sector"]].tolist() == [
        "MS-MLP",
        "sectorial",
        "E2-ECO",
        "MLP",
    ]
    assert pd.isna(vista.loc["MS-MLP", "institucion"])
    assert vista.loc["I-P1", ["eje", "nivel"]].tolist() == ["E1", "presidencial"]
    assert vista.loc["SAL", list(va.COLUMNAS_LUGAR)].isna().all()
    assert vista["semaforo"].tolist()[:4] == ["verde", "rojo", "rojo", "rojo"]


def test_ordenar_alertas_puts_severity_then_level_first():
    """Alta first; between two alta alerts the presidential goal's (I-P1) comes before the
    institutional one's (I-SEDUC); the top-n view keeps that order."""
    enriquecidas = va.enriquecer_alertas(_resultado(ALERTAS), mcr_pequena())
    ordenadas = va.ordenar_alertas(enriquecidas)
    assert ordenadas["entidad"].tolist() == ["I-P1", "I-SEDUC", "MS-MLP", "SAL", "I-SESAL"]
    assert va.alertas_destacadas(enriquecidas, 2)["entidad"].tolist() == ["I-P1", "I-SEDUC"]


def test_counts_and_own_filters():
    """Counts per type and severity (zeros included), per severity, and the alert center's own
    filters by severity, type and institution."""
    enriquecidas = va.enriquecer_alertas(_resultado(ALERTAS), mcr_pequena())
    tabla = va.conteo_alertas(enriquecidas)
    assert tabla.loc["indicador_rojo"].tolist() == [2, 0, 0, 2]
    assert tabla.index[0] == "indicador_rojo"
    assert va.conteo_severidades(enriquecidas) == {"alta": 2, "media": 2, "baja": 1}
    assert len(va.filtrar_propios(enriquecidas, severidad="alta")) == 2
    assert va.filtrar_propios(enriquecidas, tipo="cadena_rota")["entidad"].tolist() == ["MS-MLP"]
    # The builders make SESAL responsible for every indicator: an indicator's institution is
    # the responsible one, so all three indicator alerts are SESAL's; the goal alert has none.
    assert va.filtrar_propios(enriquecidas, institucion="SESAL")["entidad"].tolist() == [
        "I-SESAL",
        "I-SEDUC",
        "I-P1",
    ]
    assert va.conteo_alertas(enriquecidas.iloc[0:0]).empty
    assert va.nombre_tipo("indicador_rojo") == "Indicador en rojo"
    assert va.nombre_tipo("nuevo_tipo") == "Nuevo tipo"
