"""Goal roll-ups, aggregation by eje / sector / institution and the institutional evaluation."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from data_layer.engine import (
    agregar,
    distribucion_bandas,
    evaluacion_institucional,
    evaluar_indicadores,
    evaluar_metas,
)
from data_layer.engine.frames import Reglas
from data_layer.engine.rollup import agregar_pares
from tests.unit.engine.builders import CORTE, PERIODO, build_mcr, indicador, meta

AV = "2024-10-01"  # an on-time report date for 2024-T3


def metas_de(indicadores, programacion, avances, metas=None, contribuciones=(), reglas=None):
    """Evaluate goals of a tiny MCR at 2024-T3."""
    mcr = build_mcr(indicadores, programacion, avances, metas, contribuciones)
    ind = evaluar_indicadores(mcr, PERIODO, CORTE, reglas)
    return evaluar_metas(mcr, ind, reglas)


def con_avance(codigo: str, p: float, meta_codigo: str = "M1", peso: float | None = None):
    """A flujo indicator with target 100 and value ``p`` (so its P is ``p``)."""
    return (
        indicador(codigo, meta_codigo, peso=peso),
        (codigo, PERIODO, 100.0),
        (codigo, PERIODO, p, AV),
    )


def partes(*filas):
    """Split :func:`con_avance` rows into the three lists build_mcr takes."""
    return [f[0] for f in filas], [f[1] for f in filas], [f[2] for f in filas]


def test_avance_directo_is_weighted_and_clipped():
    """Avance directo: indicator weights, each P clipped to [0, 100] (150 → 100, −20 → 0)."""
    ind, prog, av = partes(
        con_avance("I1", 150.0),
        con_avance("I2", 40.0, peso=3.0),
        con_avance("I3", -20.0),
    )
    m = metas_de(ind, prog, av).loc["M1"]
    assert m["avance_directo"] == pytest.approx((100 + 3 * 40 + 0) / 5)
    assert m["cobertura"] == pytest.approx(100.0)
    assert m["n_indicadores"] == 3
    assert m["avance"] == m["avance_directo"]
    assert m["semaforo"] == "rojo"


def test_cobertura_under_minimum_gives_sin_dato():
    """Cobertura below 50 % shows the goal as sin_dato, keeping the avance directo visible."""
    ind = [indicador("I1"), indicador("I2", peso=2.0)]
    prog = [("I1", PERIODO, 100.0), ("I2", PERIODO, 100.0)]
    m = metas_de(ind, prog, [("I1", PERIODO, 90.0, AV)]).loc["M1"]
    assert m["cobertura"] == pytest.approx(100 / 3)
    assert m["semaforo"] == "sin_dato"
    assert m["avance_directo"] == pytest.approx(90.0)


def test_cobertura_exactly_minimum_is_classified():
    """Cobertura of exactly 50 % is enough: the goal gets its traffic light."""
    ind = [indicador("I1"), indicador("I2")]
    prog = [("I1", PERIODO, 100.0), ("I2", PERIODO, 100.0)]
    m = metas_de(ind, prog, [("I1", PERIODO, 90.0, AV)]).loc["M1"]
    assert m["cobertura"] == pytest.approx(50.0)
    assert m["semaforo"] == "verde"


def test_cobertura_excludes_pendiente_and_no_programado():
    """Pendiente and no_programado indicators are not in the cobertura denominator."""
    ind = [indicador("I1"), indicador("I2", peso=5.0), indicador("I3", peso=5.0)]
    prog = [("I1", PERIODO, 100.0), ("I2", PERIODO, 100.0)]
    mcr = build_mcr(ind, prog, [("I1", PERIODO, 70.0, AV)])
    ev = evaluar_indicadores(mcr, PERIODO, dt.date(2024, 10, 10))
    assert list(ev["semaforo"]) == ["amarillo", "pendiente", "no_programado"]
    m = evaluar_metas(mcr, ev).loc["M1"]
    assert m["cobertura"] == pytest.approx(100.0)
    assert m["semaforo"] == "amarillo"


def test_goal_with_only_pendiente_or_no_programado():
    """Nothing exigible: pendiente if any indicator is pendiente, else no_programado."""
    ind = [indicador("I1", "MP"), indicador("I2", "MP"), indicador("I3", "MN")]
    prog = [("I1", PERIODO, 100.0)]
    mcr = build_mcr(ind, prog)
    ev = evaluar_indicadores(mcr, PERIODO, dt.date(2024, 10, 1))
    m = evaluar_metas(mcr, ev)
    assert m.loc["MP", "semaforo"] == "pendiente"
    assert m.loc["MN", "semaforo"] == "no_programado"
    assert math.isnan(m.loc["MP", "cobertura"]) and math.isnan(m.loc["MP", "avance"])


def test_cobertura_minima_is_configurable():
    """Reglas.cobertura_minima sets the sin_dato limit."""
    ind = [indicador("I1"), indicador("I2")]
    prog = [("I1", PERIODO, 100.0), ("I2", PERIODO, 100.0)]
    av = [("I1", PERIODO, 90.0, AV)]
    m = metas_de(ind, prog, av, reglas=Reglas(cobertura_minima=60.0)).loc["M1"]
    assert m["semaforo"] == "sin_dato"


def cadena():
    """S1 (sectorial, own indicator P=90) ← I1 (40), I2 (70, weight 2), I3 (sin_dato);
    P1 (presidencial, no indicator) ← S1, S2 (sectorial, no indicator and no contributor)."""
    ind, prog, av = partes(
        con_avance("IS", 90.0, "S1"),
        con_avance("X1", 40.0, "I1"),
        con_avance("X2", 70.0, "I2"),
    )
    ind.append(indicador("X3", "I3"))
    prog.append(("X3", PERIODO, 100.0))
    metas = [
        meta("P1", "presidencial", eje="E1"),
        meta("S1", "sectorial", sector="SAL"),
        meta("S2", "sectorial", sector="SAL"),
        meta("I1", "institucional", institucion="SESAL"),
        meta("I2", "institucional", institucion="SESAL", peso=2.0),
        meta("I3", "institucional", institucion="SESAL"),
    ]
    contribuciones = [
        ("I1", "S1", 1.0),
        ("I2", "S1", 2.0),
        ("I3", "S1", 1.0),
        ("S1", "P1", 1.0),
        ("S2", "P1", 1.0),
    ]
    return metas_de(ind, prog, av, metas, contribuciones)


def test_avance_directo_and_contribuyentes_side_by_side():
    """A goal with own indicators and contributors shows both; its semáforo follows its own."""
    m = cadena()
    s1 = m.loc["S1"]
    assert s1["avance_directo"] == pytest.approx(90.0)
    assert s1["avance_contribuyentes"] == pytest.approx((40 + 2 * 70) / 3)  # I3 sin_dato out
    assert s1["avance"] == pytest.approx(90.0)
    assert s1["semaforo"] == "verde"
    assert m.loc["I3", "semaforo"] == "sin_dato"


def test_goal_without_indicators_uses_contributors():
    """A goal with no indicator takes avance and state from its contributors; a child without
    avance is left out."""
    p1 = cadena().loc["P1"]
    assert p1["n_indicadores"] == 0
    assert math.isnan(p1["avance_directo"]) and math.isnan(p1["cobertura"])
    assert p1["avance_contribuyentes"] == pytest.approx(90.0)
    assert p1["avance"] == pytest.approx(90.0)
    assert p1["semaforo"] == "verde"


def test_goal_without_anything():
    """No indicator and no contributor → no_programado; contributors without avance → sin_dato."""
    m = cadena()
    assert m.loc["S2", "semaforo"] == "no_programado"
    ind = [indicador("X1", "I1")]
    metas = [meta("I1"), meta("S1", "sectorial")]
    m = metas_de(ind, [("X1", PERIODO, 100.0)], [], metas, [("I1", "S1")])
    assert m.loc["I1", "semaforo"] == "sin_dato"
    assert m.loc["S1", "semaforo"] == "sin_dato"
    assert math.isnan(m.loc["S1", "avance"])


def test_contributors_in_sin_dato_with_avance_are_left_out():
    """A child in sin_dato because of low cobertura has an avance, but it is not used."""
    ind = [indicador("A", "I1"), indicador("B", "I1", peso=3.0), indicador("C", "I2")]
    prog = [("A", PERIODO, 100.0), ("B", PERIODO, 100.0), ("C", PERIODO, 100.0)]
    av = [("A", PERIODO, 10.0, AV), ("C", PERIODO, 70.0, AV)]
    metas = [meta("I1"), meta("I2"), meta("S1", "sectorial")]
    m = metas_de(ind, prog, av, metas, [("I1", "S1"), ("I2", "S1")])
    assert m.loc["I1", "semaforo"] == "sin_dato" and m.loc["I1", "avance"] == 10.0
    assert m.loc["S1", "avance_contribuyentes"] == pytest.approx(70.0)
    assert m.loc["S1", "semaforo"] == "amarillo"


def test_goal_frame_contract():
    """Every goal appears, indexed by code, with the contract's columns."""
    m = cadena()
    assert m.index.name == "codigo"
    assert set(m.index) == {"P1", "S1", "S2", "I1", "I2", "I3"}
    assert list(m.columns) == [
        "nivel",
        "eje",
        "sector",
        "institucion",
        "peso",
        "n_indicadores",
        "avance_directo",
        "cobertura",
        "avance_contribuyentes",
        "avance",
        "semaforo",
    ]
    assert m.loc["I2", "peso"] == 2.0 and m.loc["I1", "peso"] == 1.0


def organigrama():
    """Ejes E1, E2 with dimensions E2-ECO / E2-SOC, E3; MLP in both dimensions, EDU in E2-SOC."""
    return build_mcr(
        ejes=[
            ("E1", "Eje 1", None),
            ("E2", "Eje 2", None),
            ("E2-ECO", "Económico", "E2"),
            ("E2-SOC", "Social", "E2"),
            ("E3", "Eje 3", None),
        ],
        sectores=[("MLP", "Mercado Laboral"), ("EDU", "Educación"), ("SAL", "Salud")],
        sector_ejes=[("MLP", "E2-ECO"), ("MLP", "E2-SOC"), ("EDU", "E2-SOC")],
        instituciones=[("SEDUC", "Educación"), ("STSS", "Trabajo"), ("SESAL", "Salud")],
    )


def metas_evaluadas() -> pd.DataFrame:
    """An evaluated goal frame, written by hand."""
    filas = [
        # codigo, nivel, eje, sector, institucion, peso, avance, semaforo
        ("P", "presidencial", "E1", None, None, 1.0, 90.0, "verde"),
        ("SM", "sectorial", None, "MLP", None, 1.0, 50.0, "rojo"),
        ("SE", "sectorial", None, "EDU", None, 2.0, 70.0, "amarillo"),
        ("IE", "institucional", None, "EDU", "SEDUC", 1.0, 30.0, "sin_dato"),
        ("IT", "institucional", None, "MLP", "STSS", 1.0, np.nan, "pendiente"),
        ("PD", "presidencial", "E2-ECO", None, None, 1.0, 100.0, "verde"),
    ]
    df = pd.DataFrame(
        filas,
        columns=["codigo", "nivel", "eje", "sector", "institucion", "peso", "avance", "semaforo"],
    ).set_index("codigo")
    return df.astype({c: "str" for c in ("nivel", "eje", "sector", "institucion", "semaforo")})


def test_agregar_por_eje_membership():
    """Eje membership: own eje; a goal with only a sector goes to every eje of its sector; a
    parent eje holds its dimensions' goals once each; empty ejes appear with zeros."""
    a = agregar(metas_evaluadas(), organigrama(), "eje")
    assert list(a.index) == ["E1", "E2", "E2-ECO", "E2-SOC", "E3"]
    assert a.loc["E1", "avance"] == pytest.approx(90.0)
    # E2-ECO: SM (50) and PD (100); IT pendiente has no avance
    assert a.loc["E2-ECO", "avance"] == pytest.approx(75.0)
    assert a.loc["E2-ECO", "n_metas"] == 3
    # E2-SOC: SM (50, w1), SE (70, w2); IE sin_dato and IT without avance left out
    assert a.loc["E2-SOC", "avance"] == pytest.approx((50 + 2 * 70) / 3)
    assert a.loc["E2-SOC", "n_metas"] == 4
    # E2: SM, SE, IE, IT, PD, each once
    assert a.loc["E2", "n_metas"] == 5
    assert a.loc["E2", "avance"] == pytest.approx((50 + 2 * 70 + 100) / 4)
    assert a.loc["E2", ["verde", "amarillo", "rojo", "sin_dato", "pendiente"]].tolist() == [
        1,
        1,
        1,
        1,
        1,
    ]
    assert a.loc["E3", "n_metas"] == 0 and math.isnan(a.loc["E3", "avance"])
    assert a.loc["E3", "no_programado"] == 0


def test_agregar_por_sector_and_institucion_with_levels():
    """Sector and institution groups, filtered by goal level; every group of the MCR appears."""
    metas = metas_evaluadas()
    s = agregar(metas, organigrama(), "sector")
    assert s.loc["EDU", "n_metas"] == 2 and s.loc["EDU", "avance"] == pytest.approx(70.0)
    assert s.loc["SAL", "n_metas"] == 0
    s = agregar(metas, organigrama(), "sector", niveles=["institucional"])
    assert s.loc["EDU", "n_metas"] == 1 and math.isnan(s.loc["EDU", "avance"])
    i = agregar(metas, organigrama(), "institucion")
    assert list(i.index) == ["SEDUC", "STSS", "SESAL"]
    assert i.loc["SEDUC", "sin_dato"] == 1 and i.loc["STSS", "pendiente"] == 1
    assert list(i.columns) == [
        "avance",
        "n_metas",
        "verde",
        "amarillo",
        "rojo",
        "sin_dato",
        "pendiente",
        "no_programado",
    ]


def test_agregar_pares_rolls_up_explicit_groups_and_appends_unknown_ones():
    """Explicit (goal, group) pairs: a goal may count in two groups; listed groups keep their
    order, an empty one has zeros and no avance, and a group only the pairs name is appended."""
    metas = metas_evaluadas()
    pares = pd.DataFrame(
        {"meta": ["SM", "SE", "SE", "IE"], "grupo": ["A", "A", "B", "C"]},
    )
    a = agregar_pares(metas, pares, pd.Index(["B", "A", "VACIO"], name="grupo"))
    assert list(a.index) == ["B", "A", "VACIO", "C"] and a.index.name == "grupo"
    assert a.loc["A", "avance"] == pytest.approx((50 + 2 * 70) / 3)
    assert a.loc["B", "avance"] == pytest.approx(70.0) and a.loc["B", "n_metas"] == 1
    assert a.loc["VACIO", "n_metas"] == 0 and math.isnan(a.loc["VACIO", "avance"])
    # IE is sin_dato: counted, but left out of the mean
    assert a.loc["C", "sin_dato"] == 1 and math.isnan(a.loc["C", "avance"])


def institucional(avances_por_institucion: dict[str, list[float | None]]):
    """An MCR where each institution has one flujo goal per value (target 100, P = value);
    None is a goal whose report is missing (sin_dato)."""
    ind, prog, av, metas = [], [], [], []
    for sigla, valores in avances_por_institucion.items():
        for k, v in enumerate(valores):
            cod = f"{sigla}-{k}"
            metas.append(meta(f"M-{cod}", institucion=sigla))
            ind.append(indicador(f"X-{cod}", f"M-{cod}"))
            prog.append((f"X-{cod}", "2024-T4", 100.0))
            if v is not None:
                av.append((f"X-{cod}", "2024-T4", v, "2025-01-10"))
    # A sectorial goal of institution A at 0 %: must not count in A's institutional avance.
    metas.append(meta("SECT", "sectorial", institucion="A"))
    ind.append(indicador("X-SECT", "SECT"))
    prog.append(("X-SECT", "2024-T4", 100.0))
    av.append(("X-SECT", "2024-T4", 0.0, "2025-01-10"))
    return build_mcr(
        ind,
        prog,
        av,
        metas,
        instituciones=[(s, s) for s in avances_por_institucion],
    )


def test_evaluacion_institucional_bands_and_distribution():
    """Bands after half-up rounding: 60 bajo, 60.5 → 61 medio, 80.4 → 80 medio, 80.5 → 81 alto;
    an institution's avance is the mean of its institutional goals; sin_dato goals and
    non-institutional goals are left out."""
    mcr = institucional(
        {
            "A": [60.0],
            "B": [60.5],
            "C": [80.4],
            "D": [70.0, 91.0],
            "E": [None],
            "F": [90.0, None],
        }
    )
    ev = evaluacion_institucional(mcr, 2024, dt.date(2025, 3, 31))
    assert ev.index.name == "sigla"
    assert list(ev.columns) == ["anio", "avance", "banda", "n_metas"]
    assert (ev["anio"] == 2024).all()
    assert ev.loc["A", "banda"] == "bajo"
    assert ev.loc["B", "banda"] == "medio"
    assert ev.loc["C", "banda"] == "medio"
    assert ev.loc["D", "avance"] == pytest.approx(80.5) and ev.loc["D", "banda"] == "alto"
    assert math.isnan(ev.loc["E", "avance"]) and pd.isna(ev.loc["E", "banda"])
    assert ev.loc["E", "n_metas"] == 0
    assert ev.loc["F", "avance"] == pytest.approx(90.0) and ev.loc["F", "n_metas"] == 1
    assert ev.loc["A", "n_metas"] == 1
    d = distribucion_bandas(ev)
    assert d.to_dict() == {"bajo": 1, "medio": 2, "alto": 2}


def test_evaluacion_institucional_evaluates_the_year_end():
    """The evaluation is as of {anio}-T4 and follows the band limits of the rules."""
    mcr = institucional({"A": [75.0]})
    ev = evaluacion_institucional(mcr, 2024, dt.date(2025, 3, 31), Reglas(banda_alto=75.0))
    assert ev.loc["A", "banda"] == "alto"
    vacia = evaluacion_institucional(mcr, 2023, dt.date(2025, 3, 31))
    assert math.isnan(vacia.loc["A", "avance"])
    assert distribucion_bandas(vacia).to_dict() == {"bajo": 0, "medio": 0, "alto": 0}
