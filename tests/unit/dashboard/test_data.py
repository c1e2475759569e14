"""What pages receive from dashboard.data: periods, eje summaries, presidential goals, caching."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest
from flask_caching import Cache
from sqlalchemy import Engine

from dashboard import data
from dashboard.cache import cache_config
from data_layer import periods
from data_layer.engine import run
from data_layer.engine.frames import MCR, Reglas, typed_frame

FIXTURE_MCR = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"
CORTE = dt.date(2024, 12, 31)


def _indicador(codigo: str, meta: str, frecuencia: str = "trimestral") -> dict:
    return {
        "codigo": codigo,
        "meta": meta,
        "nombre": f"Indicador {codigo}",
        "eslabon": "impacto",
        "unidad": "personas",
        "sentido": "ascendente",
        "tipo": "flujo",
        "frecuencia": frecuencia,
        "linea_base": None,
        "anio_base": None,
        "fuente": "Registros",
        "institucion_responsable": "SESAL",
        "umbral_verde": None,
        "umbral_amarillo": None,
        "peso": 1.0,
    }


def tiny_mcr(con_meta_en_e2: bool = False) -> MCR:
    """Three presidential goals: MP-01 (E1) 90 % verde, MP-02 (E2-ECO) 50 % rojo and MP-03
    (E2-ECO, weight 2) 70 % amarillo in 2024-T1; plus a semestral and an annual target.
    Optionally MP-04, attached to E2 itself (no dimension), at 85 % verde."""
    ejes = pd.DataFrame(
        {
            "codigo": ["E1", "E2", "E2-ECO", "E2-SOC"],
            "nombre": ["Derechos", "Crecimiento", "Económico", "Social"],
            "eje_padre": [None, None, "E2", "E2"],
        }
    )
    metas = pd.DataFrame(
        {
            "codigo": ["MP-01", "MP-02", "MP-03"],
            "nivel": ["presidencial"] * 3,
            "descripcion": ["Meta uno", "Meta dos", "Meta tres"],
            "eje": ["E1", "E2-ECO", "E2-ECO"],
            "sector": [None] * 3,
            "institucion": [None] * 3,
            "peso": [1.0, 1.0, 2.0],
        }
    )
    indicadores = pd.DataFrame(
        [
            _indicador("MP-01-I1", "MP-01"),
            _indicador("MP-02-I1", "MP-02"),
            _indicador("MP-03-I1", "MP-03"),
            _indicador("MP-03-I2", "MP-03", "semestral"),
            _indicador("MP-01-I2", "MP-01", "anual"),
        ]
    )
    programacion = pd.DataFrame(
        {
            "indicador": ["MP-01-I1", "MP-02-I1", "MP-03-I1", "MP-03-I2", "MP-01-I2"],
            "periodo": ["2024-T1", "2024-T1", "2024-T1", "2024-S2", "2025"],
            "meta_original": [100.0] * 5,
            "meta": [100.0] * 5,
        }
    )
    avances = pd.DataFrame(
        {
            "indicador": ["MP-01-I1", "MP-02-I1", "MP-03-I1"],
            "periodo": ["2024-T1"] * 3,
            "valor": [90.0, 50.0, 70.0],
            "fecha_reporte": pd.to_datetime(["2024-04-05"] * 3),
        }
    )
    if con_meta_en_e2:
        metas.loc[len(metas)] = ["MP-04", "presidencial", "Meta cuatro", "E2", None, None, 1.0]
        indicadores.loc[len(indicadores)] = _indicador("MP-04-I1", "MP-04")
        programacion.loc[len(programacion)] = ["MP-04-I1", "2024-T1", 100.0, 100.0]
        avances.loc[len(avances)] = ["MP-04-I1", "2024-T1", 85.0, pd.Timestamp("2024-04-05")]
    return MCR(
        ejes=typed_frame(ejes, "ejes"),
        metas=typed_frame(metas, "metas"),
        indicadores=typed_frame(indicadores, "indicadores"),
        programacion=typed_frame(programacion, "programacion"),
        avances=typed_frame(avances, "avances"),
    )


def test_periodos_evaluables_are_quarters_closing_a_programmed_period():
    """Options are the quarters in which some target's period ends, latest first: a quarterly
    target gives its quarter, 2024-S2 gives 2024-T4 and the year 2025 gives 2025-T4."""
    assert data.periodos_evaluables(tiny_mcr()) == ["2025-T4", "2024-T4", "2024-T1"]
    assert data.periodos_evaluables(MCR()) == []


def test_periodo_por_defecto_is_the_latest_due_quarter_available():
    """The default is the latest quarter whose reports are due, or the closest earlier option."""
    opciones = ["2025-T4", "2024-T4", "2024-T1"]
    # On 2025-01-15 the 2024-T4 reports are due (31/12 + 15 days): 2024-T4.
    assert data.periodo_por_defecto(opciones, dt.date(2025, 1, 15), 15) == "2024-T4"
    # A day earlier the latest due quarter is 2024-T3, not an option: the earlier 2024-T1.
    assert data.periodo_por_defecto(opciones, dt.date(2025, 1, 14), 15) == "2024-T1"
    # Everything in the future: the earliest option.
    assert data.periodo_por_defecto(opciones, dt.date(2023, 6, 1), 15) == "2024-T1"
    assert data.periodo_por_defecto([], dt.date(2025, 1, 15), 15) is None


def test_ejes_hoja_leaves_out_ejes_with_dimensions():
    """E2 has dimensions, so the overview's groups are E1, E2-ECO and E2-SOC."""
    assert list(data.ejes_hoja(tiny_mcr()).index) == ["E1", "E2-ECO", "E2-SOC"]


def test_resumen_ejes_weights_the_presidential_goals_of_each_group():
    """E1 has MP-01 at 90 (verde); E2-ECO has MP-02 at 50 (rojo) and MP-03 at 70 with weight 2
    (amarillo): (50 + 2·70) / 3 = 63.33; E2-SOC has no goal: NaN and zero counts."""
    mcr = tiny_mcr()
    resumen = data.resumen_ejes(run(mcr, "2024-T1", CORTE, Reglas()), mcr)
    assert list(resumen.index) == ["E1", "E2-ECO", "E2-SOC"]
    assert resumen.loc["E1", "avance"] == pytest.approx(90.0)
    assert resumen.loc["E2-ECO", "avance"] == pytest.approx(190 / 3)
    assert math.isnan(resumen.loc["E2-SOC", "avance"])
    assert resumen.loc["E1", "nombre"] == "Derechos"
    assert resumen.loc["E1", ["verde", "amarillo", "rojo"]].tolist() == [1, 0, 0]
    assert resumen.loc["E2-ECO", ["verde", "amarillo", "rojo", "n_metas"]].tolist() == [0, 1, 1, 2]
    assert resumen.loc["E2-SOC", "n_metas"] == 0


def test_resumen_ejes_gives_goals_on_a_parent_eje_a_group_of_their_own():
    """MP-04 sits on E2 itself, in neither dimension: it gets an "E2 (sin dimensión)" group with
    only itself (85 %), while E2-ECO keeps its own two goals; every goal is counted once."""
    mcr = tiny_mcr(con_meta_en_e2=True)
    resumen = data.resumen_ejes(run(mcr, "2024-T1", CORTE, Reglas()), mcr)
    assert list(resumen.index) == ["E1", "E2", "E2-ECO", "E2-SOC"]
    assert resumen.loc["E2", "nombre"] == "Crecimiento (sin dimensión)"
    assert resumen.loc["E2", "avance"] == pytest.approx(85.0)
    assert resumen.loc["E2", ["n_metas", "verde"]].tolist() == [1, 1]
    assert resumen.loc["E2-ECO", "avance"] == pytest.approx(190 / 3)
    assert resumen["n_metas"].sum() == 4


def test_conteo_estados_lists_every_state():
    """Counts come in display order with zeros for absent states."""
    conteos = data.conteo_estados(pd.Series(["verde", "rojo", "verde"]))
    assert conteos == {
        "rojo": 1,
        "amarillo": 0,
        "verde": 2,
        "sin_dato": 0,
        "pendiente": 0,
        "no_programado": 0,
    }


def test_metas_presidenciales_puts_the_most_urgent_first():
    """The goal list carries description, eje, both avances and state, rojo before amarillo
    before verde."""
    mcr = tiny_mcr()
    metas = data.metas_presidenciales(run(mcr, "2024-T1", CORTE, Reglas()), mcr)
    assert metas["codigo"].tolist() == ["MP-02", "MP-03", "MP-01"]
    assert metas["semaforo"].tolist() == ["rojo", "amarillo", "verde"]
    assert metas["descripcion"].tolist() == ["Meta dos", "Meta tres", "Meta uno"]
    assert metas["avance_directo"].tolist() == pytest.approx([50.0, 70.0, 90.0])
    assert metas["eje"].tolist() == ["E2-ECO", "E2-ECO", "E1"]


def test_hoy_honduras_is_utc_minus_six():
    """The cut date is Honduras' date: at 03:00 UTC it is still the previous day there."""
    assert periods.ZONA_HONDURAS.utcoffset(None) == dt.timedelta(hours=-6)
    momento = dt.datetime(2026, 11, 24, 3, 0, tzinfo=dt.UTC)
    assert data._fecha_honduras(momento) == dt.date(2026, 11, 23)
    assert data._fecha_honduras(momento.replace(tzinfo=None)) == dt.date(2026, 11, 23)


def _datos(engine: Engine) -> data.Datos:
    from flask import Flask

    server = Flask("prueba")
    cache = Cache(config=cache_config(None))
    cache.init_app(server)
    return data.Datos(engine.url.render_as_string(hide_password=False), cache, Reglas())


def test_datos_caches_results_until_an_import_changes_the_data(sqlite_engine, tmp_path):
    """A second request for the same period and cut date is served from the cache; an import
    that changes data bumps the version and the next request is evaluated again."""
    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR, es_demo=True).ok
    datos = _datos(sqlite_engine)
    contexto = datos.contexto()
    assert contexto.es_demo and contexto.version > 0 and contexto.fecha_datos is not None

    clave = datos.clave_resultado("2024-T2", CORTE, contexto.version)
    assert not datos.cache.has(clave)
    primero = datos.resultado("2024-T2", CORTE)
    assert datos.cache.has(clave)
    assert datos.resultado("2024-T2", CORTE).metas.equals(primero.metas)
    otro_dia = datos.clave_resultado("2024-T2", CORTE + dt.timedelta(days=1), contexto.version)
    assert otro_dia != clave and not datos.cache.has(otro_dia)

    # Re-import the fixture with one changed target: a new version, a new evaluation.
    copia = tmp_path / "mcr"
    copia.mkdir()
    for archivo in FIXTURE_MCR.iterdir():
        texto = archivo.read_text(encoding="utf-8-sig")
        if archivo.name == "programacion.csv":
            texto = texto.replace("MI-SEDUC-01-I1,2024-T2,12.5", "MI-SEDUC-01-I1,2024-T2,20")
        (copia / archivo.name).write_text(texto, encoding="utf-8")
    assert import_mcr(sqlite_engine, copia).ok
    version = datos.version()
    assert version > contexto.version
    assert not datos.cache.has(datos.clave_resultado("2024-T2", CORTE, version))
    despues = datos.resultado("2024-T2", CORTE)
    assert datos.cache.has(datos.clave_resultado("2024-T2", CORTE, version))
    assert despues.indicadores.loc["MI-SEDUC-01-I1", "meta"] == 20
    assert primero.indicadores.loc["MI-SEDUC-01-I1", "meta"] == 12.5
    assert datos.contexto().es_demo is False


def test_datos_rejects_a_malformed_period(sqlite_engine):
    """A period that does not parse never reaches the engine or a cache key."""
    from data_layer.periods import PeriodoInvalido

    with pytest.raises(PeriodoInvalido):
        _datos(sqlite_engine).resultado("2024-T9", CORTE)


def test_empty_database_has_no_context(sqlite_engine):
    """Before any import the shell is told version 0, not a demo, no date."""
    assert _datos(sqlite_engine).contexto() == data.ContextoDatos(0, False, None)


def test_por_mcr_computes_once_per_mcr_and_forgets_a_dead_one():
    """A derived fact is computed once per MCR object, a new MCR gets its own, and the memo
    drops an MCR's facts when the MCR is garbage-collected (no growth across imports)."""
    import gc

    llamadas: list[int] = []

    def contar(m: MCR) -> int:
        llamadas.append(id(m))
        return len(m.metas)

    uno = tiny_mcr()
    assert data.por_mcr(uno, "n", contar) == data.por_mcr(uno, "n", contar) == 3
    assert len(llamadas) == 1
    otro = tiny_mcr(con_meta_en_e2=True)
    assert data.por_mcr(otro, "n", contar) == 4 and len(llamadas) == 2
    ident = id(otro)
    del otro
    gc.collect()
    assert not any(clave[0] == ident for clave in data._POR_MCR)


def test_periodos_evaluables_come_back_as_a_fresh_list():
    """Callers may change the list they get without changing the memo."""
    m = tiny_mcr()
    data.periodos_evaluables(m).clear()
    assert data.periodos_evaluables(m) == ["2025-T4", "2024-T4", "2024-T1"]


def test_loading_the_mcr_freezes_it_out_of_the_collector(sqlite_engine):
    """After the MCR is read, the objects alive are frozen (no full collection scans them
    again); a new data version unfreezes them first so the old frames can be reclaimed."""
    import gc

    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR, es_demo=True).ok
    datos = _datos(sqlite_engine)
    gc.unfreeze()
    try:
        datos.mcr_completa()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
