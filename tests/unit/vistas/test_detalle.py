"""The goal and indicator detail views, on a tiny hand-made MCR evaluated by the real engine.

The MCR (as of 2024-T3, cut 2024-12-31, every quarterly report overdue):

- MP (presidencial, eje E1) ← MS and MS2 (sectorial, sector SAL);
- MS ← MIA (weight 1), MIB (weight 3), MIC (weight 1); MS2 ← MIA; MIX linked to nothing;
- MS-I1 (resultado) 50 of 100 → 50 % rojo; MIA-I1 (producto) 90 of 100 → 90 % verde;
  MIB-I1 (actividad) 70 of 100 → 70 % amarillo, MIB-I2 (insumo) no value → sin_dato, so MIB's
  cobertura is 1/2 = 50 % (not below 50: its avance directo 70 stands); MIC-I1 no value → MIC is
  sin_dato and is left out of MS's contributors.

Hence MS: directo 50, contribuyentes (1·90 + 3·70) / 4 = 75; MS2: 90 from MIA alone; MP has no
indicator: contribuyentes (50 + 90) / 2 = 70.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pandas as pd
import pytest

from data_layer.engine import evaluar_indicadores, run
from data_layer.engine.frames import Reglas, typed_frame
from data_layer.vistas import detalle as d
from data_layer.vistas import detalle_indicador as di
from tests.unit.engine.builders import CORTE, PERIODO, build_mcr, indicador, meta

AV = "2024-10-01"  # on time for 2024-T3 (due 2024-10-15)


def _ind(codigo: str, meta_codigo: str, eslabon: str, **kw) -> dict:
    return {**indicador(codigo, meta_codigo, **kw), "eslabon": eslabon}


def mcr_cadena(extra_indicadores=(), extra_prog=(), extra_av=()):
    """The MCR of the module docstring (plus optional extra indicator rows)."""
    indicadores = [
        _ind("MS-I1", "MS", "resultado"),
        _ind("MIA-I1", "MIA", "producto"),
        _ind("MIB-I1", "MIB", "actividad"),
        _ind("MIB-I2", "MIB", "insumo"),
        _ind("MIC-I1", "MIC", "producto"),
        *extra_indicadores,
    ]
    programacion = [
        ("MS-I1", PERIODO, 100.0),
        ("MIA-I1", PERIODO, 100.0),
        ("MIB-I1", PERIODO, 100.0),
        ("MIB-I2", PERIODO, 100.0),
        ("MIC-I1", PERIODO, 100.0),
        *extra_prog,
    ]
    avances = [
        ("MS-I1", PERIODO, 50.0, AV),
        ("MIA-I1", PERIODO, 90.0, AV),
        ("MIB-I1", PERIODO, 70.0, AV),
        *extra_av,
    ]
    metas = [
        meta("MP", "presidencial", eje="E1"),
        meta("MS", "sectorial", sector="SAL"),
        meta("MS2", "sectorial", sector="SAL"),
        meta("MIA", sector="SAL", institucion="SESAL"),
        meta("MIB", sector="SAL", institucion="SESAL", peso=3.0),
        meta("MIC", sector="SAL", institucion="SESAL"),
        meta("MIX", sector="SAL", institucion="SESAL"),
    ]
    contribuciones = [
        ("MS", "MP"),
        ("MS2", "MP"),
        ("MIA", "MS"),
        ("MIB", "MS", 3.0),
        ("MIC", "MS"),
        ("MIA", "MS2"),
    ]
    return build_mcr(
        indicadores,
        programacion,
        avances,
        metas,
        contribuciones,
        ejes=[("E1", "Derechos", None)],
        sectores=[("SAL", "Salud")],
        sector_ejes=[("SAL", "E1")],
        instituciones=[("SESAL", "Secretaría de Salud")],
    )


@pytest.fixture
def mcr():
    """The module's MCR."""
    return mcr_cadena()


@pytest.fixture
def res(mcr):
    """The engine's result for the module's MCR at 2024-T3."""
    return run(mcr, PERIODO, CORTE, Reglas())


def _avances(res, mcr, codigo):
    ind = d.indicadores_de_meta(res, mcr, codigo)
    con = d.metas_contribuyentes(res, mcr, codigo)
    return d.avances_meta(res, codigo, ind, con, Reglas())


def test_ficha_meta_names_its_place_and_unknown_is_none(mcr):
    """A goal's card carries its level, description and the names of its sector and
    institution; an unknown code gives None (the page then says it does not exist)."""
    ficha = d.ficha_meta(mcr, "MIB")
    assert (ficha.codigo, ficha.nivel, ficha.descripcion) == ("MIB", "institucional", "Meta MIB")
    assert (ficha.sector, ficha.sector_nombre) == ("SAL", "Salud")
    assert (ficha.institucion, ficha.institucion_nombre) == ("SESAL", "Secretaría de Salud")
    assert ficha.eje is None and ficha.peso == 3.0
    assert d.ficha_meta(mcr, "MP").eje_nombre == "Derechos"
    assert d.ficha_meta(mcr, "NO-EXISTE") is None


def test_avances_of_a_goal_whose_contributors_run_ahead(res, mcr):
    """MS: avance directo 50 (rojo, its state) against contribuyentes 75 (amarillo alone): a
    25-point gap is "contribuyentes_adelante"; MIC (sin dato) is a contributor that does not
    count; cobertura 100 % from 1 of 1 exigible indicator."""
    a = _avances(res, mcr, "MS")
    assert a.avance_directo == pytest.approx(50.0)
    assert a.estado_directo == "rojo" and a.semaforo == "rojo"
    assert a.avance_contribuyentes == pytest.approx(75.0)
    assert a.estado_contribuyentes == "amarillo"
    assert a.brecha == "contribuyentes_adelante"
    assert (a.n_contribuyentes, a.n_contribuyentes_usados) == (3, 2)
    assert (a.n_indicadores, a.n_con_valor, a.n_exigibles) == (1, 1, 1)
    assert a.cobertura == pytest.approx(100.0)


def test_avances_of_goals_with_one_side_only(res, mcr):
    """MP has no indicator: no directo state, its semáforo comes from contribuyentes (70 →
    amarillo). MIB has no contributor: cobertura 50 % from 1 of 2 exigible indicators."""
    mp = _avances(res, mcr, "MP")
    assert mp.estado_directo is None and mp.avance_directo is None
    assert mp.avance_contribuyentes == pytest.approx(70.0)
    assert mp.semaforo == "amarillo" and mp.estado_contribuyentes == "amarillo"
    assert mp.brecha == "solo_contribuyentes"
    mib = _avances(res, mcr, "MIB")
    assert mib.estado_contribuyentes is None and mib.n_contribuyentes == 0
    assert mib.brecha == "solo_directo"
    assert mib.cobertura == pytest.approx(50.0)
    assert (mib.n_con_valor, mib.n_exigibles) == (1, 2)
    assert mib.avance_directo == pytest.approx(70.0)


def test_contributors_all_in_sin_dato_show_the_state_sin_dato():
    """A goal whose only contributor is in sin dato has no avance de contribuyentes; that side
    shows the state sin_dato, not a number."""
    m = build_mcr(
        [_ind("MS-I1", "MS", "resultado"), _ind("MIC-I1", "MIC", "producto")],
        [("MS-I1", PERIODO, 100.0), ("MIC-I1", PERIODO, 100.0)],
        [("MS-I1", PERIODO, 50.0, AV)],
        [meta("MS", "sectorial", sector="SAL"), meta("MIC", sector="SAL")],
        [("MIC", "MS")],
    )
    a = _avances(run(m, PERIODO, CORTE), m, "MS")
    assert a.avance_contribuyentes is None
    assert a.estado_contribuyentes == "sin_dato"
    assert (a.n_contribuyentes, a.n_contribuyentes_usados) == (1, 0)
    assert a.brecha == "solo_directo"


@pytest.mark.parametrize(
    ("directo", "contrib", "esperado"),
    [
        (50.0, 85.0, "contribuyentes_adelante"),
        (85.0, 50.0, "meta_adelante"),
        (50.0, 64.9, "coherente"),
        (50.0, 65.0, "contribuyentes_adelante"),
        (65.0, 50.0, "meta_adelante"),
        (None, None, "sin_datos"),
        (float("nan"), 40.0, "solo_contribuyentes"),
        (40.0, float("nan"), "solo_directo"),
    ],
)
def test_clasificar_brecha(directo, contrib, esperado):
    """The gap kinds, with the 15-point boundary inclusive and NaN treated as missing."""
    assert d.clasificar_brecha(directo, contrib) == esperado


def test_metas_contribuyentes_shows_who_counts_and_their_share(res, mcr):
    """MS's contributors, most urgent state first: MIC (sin dato, does not count), MIB
    (amarillo 70, weight 3 of 4 → 75 % of the mean), MIA (verde 90, 25 %)."""
    c = d.metas_contribuyentes(res, mcr, "MS")
    assert c["codigo"].tolist() == ["MIB", "MIA", "MIC"]
    assert c["semaforo"].tolist() == ["amarillo", "verde", "sin_dato"]
    assert c["cuenta"].tolist() == [True, True, False]
    assert c["participacion"].iloc[:2].tolist() == pytest.approx([75.0, 25.0])
    assert math.isnan(c["participacion"].iloc[2])
    assert c["avance"].iloc[:2].tolist() == pytest.approx([70.0, 90.0])
    assert c["peso"].tolist() == [3.0, 1.0, 1.0]
    assert d.metas_contribuyentes(res, mcr, "MIA").empty


def test_metas_superiores_walk_the_chain_up(res, mcr):
    """MIA feeds MS and MS2 (distance 1) which both feed MP (distance 2, listed once)."""
    s = d.metas_superiores(res, mcr, "MIA")
    assert s["codigo"].tolist() == ["MS", "MS2", "MP"]
    assert s["distancia"].tolist() == [1, 1, 2]
    assert s["via"].iloc[2] in {"MS", "MS2"}
    assert s["semaforo"].tolist() == ["rojo", "verde", "amarillo"]
    assert d.metas_superiores(res, mcr, "MP").empty


def test_indicadores_de_meta_in_chain_order(res, mcr):
    """MIB's indicators: insumo (MIB-I2, sin dato) before actividad (MIB-I1, 70 % amarillo)."""
    i = d.indicadores_de_meta(res, mcr, "MIB")
    assert i["codigo"].tolist() == ["MIB-I2", "MIB-I1"]
    assert i["eslabon"].tolist() == ["insumo", "actividad"]
    assert i["semaforo"].tolist() == ["sin_dato", "amarillo"]
    assert i["avance_pct"].iloc[1] == pytest.approx(70.0)
    assert (i["meta"].iloc[1], i["valor"].iloc[1]) == (100.0, 70.0)
    assert i["periodo"].tolist() == [PERIODO, PERIODO]


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


def test_estado_de_avance_rounds_half_up_like_the_engine():
    """80.5 rounds to 81 → verde; 60.49 → 60 → rojo; None → None."""
    assert d.estado_de_avance(80.5, Reglas()) == "verde"
    assert d.estado_de_avance(60.49, Reglas()) == "rojo"
    assert d.estado_de_avance(None, Reglas()) is None
