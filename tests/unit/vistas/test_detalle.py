"""The goal detail views, on a tiny hand-made MCR evaluated by the real engine.

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

import math

import pytest

from data_layer.engine import run
from data_layer.engine.frames import Reglas
from data_layer.vistas import detalle as d
from data_layer.vistas.filtros import FiltroParcial
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


def test_indicadores_de_meta_carry_baseline_and_formula():
    """The goal's indicator table has the baseline and, per indicator, the formula with the
    engine's numbers: a stock with baseline 58 reading 64.8 against 83.6 says 26.6 %."""
    m = mcr_cadena(
        extra_indicadores=[_ind("MS-I2", "MS", "resultado", tipo="stock", linea_base=58.0)],
        extra_prog=[("MS-I2", PERIODO, 83.6)],
        extra_av=[("MS-I2", PERIODO, 64.8, AV)],
    )
    res = run(m, PERIODO, CORTE, Reglas())
    i = d.indicadores_de_meta(res, m, "MS").set_index("codigo")
    assert i.loc["MS-I2", "linea_base"] == 58.0
    assert math.isnan(i.loc["MS-I1", "linea_base"])
    assert i.loc["MS-I2", "formula"] == "(64.8 − 58.0) ÷ (83.6 − 58.0) = 26.6 %"
    assert i.loc["MS-I1", "formula"] == "50.0 ÷ 100.0 = 50.0 %"
    assert "Línea base: 58.0" in i.loc["MS-I2", "explicacion"]


def test_estado_de_avance_rounds_half_up_like_the_engine():
    """80.5 rounds to 81 → verde; 60.49 → 60 → rojo; None → None."""
    assert d.estado_de_avance(80.5, Reglas()) == "verde"
    assert d.estado_de_avance(60.49, Reglas()) == "rojo"
    assert d.estado_de_avance(None, Reglas()) is None


def test_contenido_meta_filters_the_lists_never_the_avances(res, mcr):
    """MS under estado=amarillo: the contributors' list keeps MIB alone and its own indicator
    (rojo) drops out, while the avances still count its 3 contributors (75 %) and 1 indicator;
    MS feeds MP. Without filters, the lists are the whole ones."""
    c = d.contenido_meta(res, mcr, "MS", FiltroParcial(estado="amarillo"), Reglas())
    assert c.contribuyentes["codigo"].tolist() == ["MIB"]
    assert c.total_contribuyentes == 3
    assert c.indicadores.empty and c.total_indicadores == 1
    assert c.avances.avance_contribuyentes == pytest.approx(75.0)
    assert (c.avances.n_contribuyentes, c.avances.n_indicadores) == (3, 1)
    assert c.superiores["codigo"].tolist() == ["MP"]

    todo = d.contenido_meta(res, mcr, "MS", FiltroParcial(), Reglas())
    assert todo.contribuyentes["codigo"].tolist() == ["MIB", "MIA", "MIC"]
    assert todo.indicadores["codigo"].tolist() == ["MS-I1"]
