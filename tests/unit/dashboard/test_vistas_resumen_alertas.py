"""Views behind the overview and the alert center: trend, "no new data", alert place and order."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from data_layer.engine import Resultado
from data_layer.engine.frames import Reglas
from data_layer.vistas import alertas as va
from data_layer.vistas.resumen import sin_dato_nuevo, tendencia, trimestre_anterior
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


def test_sin_dato_nuevo_when_indicators_are_read_on_the_same_periods():
    """G1's annual indicator is read on 2025 in both quarters (no new data); G2's quarterly one
    moves from T1 to T2; G3 has no indicator of its own."""
    ahora = pd.DataFrame(
        {"meta_codigo": ["G1", "G2"], "periodo": ["2025", "2025-T2"]}, index=["I1", "I2"]
    )
    antes = pd.DataFrame(
        {"meta_codigo": ["G1", "G2"], "periodo": ["2025", "2025-T1"]}, index=["I1", "I2"]
    )
    resultado = sin_dato_nuevo(ahora, antes, pd.Index(["G1", "G2", "G3"]))
    assert resultado.to_dict() == {"G1": True, "G2": False, "G3": False}


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
