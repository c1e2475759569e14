"""The level pages' views (eje, sector, institución) on tiny hand-made MCRs, hand-computed.

The shared MCR (:func:`mcr_niveles`), evaluated as of 2024-T3 with every report overdue:

- institutional goals (one quarterly flujo indicator each, target 100): MI-SESAL-1 at 50 % (rojo),
  MI-SESAL-2 (peso 3) at 90 % (verde), MI-SEDUC at 70 % (amarillo), MI-IHSS without value
  (sin_dato);
- sectoral: MS-SAL ← MI-SESAL-1, MI-SESAL-2 (peso 3), MI-IHSS: (50 + 3·90) / 4 = 80 % (amarillo);
  MS-EDU ← MI-SEDUC: 70 % (amarillo);
- presidential: MP-1 (eje E2-SOC) ← MS-SAL, MS-EDU: 75 % (amarillo); MP-2 (eje E1): nothing
  under it, no_programado.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from data_layer.engine import run
from data_layer.engine.frames import Reglas, typed_frame
from data_layer.vistas import niveles as vn
from tests.unit.engine.builders import CORTE, PERIODO, build_mcr, indicador, meta

REGLAS = Reglas()


def mcr_niveles():
    """The MCR of the module docstring (sectors SAL, EDU in E2-SOC; GOB in E1)."""
    metas = [
        meta("MP-1", "presidencial", eje="E2-SOC"),
        meta("MP-2", "presidencial", eje="E1"),
        meta("MS-SAL", "sectorial", sector="SAL"),
        meta("MS-EDU", "sectorial", sector="EDU"),
        meta("MI-SESAL-1", sector="SAL", institucion="SESAL"),
        meta("MI-SESAL-2", sector="SAL", institucion="SESAL", peso=3),
        meta("MI-SEDUC", sector="EDU", institucion="SEDUC"),
        meta("MI-IHSS", sector="SAL", institucion="IHSS"),
    ]
    indicadores = [
        indicador("I1", "MI-SESAL-1", institucion="SESAL"),
        indicador("I2", "MI-SESAL-2", institucion="SESAL"),
        indicador("I3", "MI-SEDUC", institucion="SEDUC"),
        indicador("I4", "MI-IHSS", institucion="IHSS"),
    ]
    programacion = [(i, p, 100) for i in ("I1", "I2", "I3", "I4") for p in ("2024-T2", "2024-T3")]
    avances = [
        ("I1", "2024-T2", 80, "2024-07-10"),
        ("I2", "2024-T2", 85, "2024-07-10"),
        ("I1", "2024-T3", 50, "2024-10-10"),
        ("I2", "2024-T3", 90, "2024-10-10"),
        ("I3", "2024-T3", 70, "2024-10-10"),
    ]
    mcr = build_mcr(
        indicadores,
        programacion,
        avances,
        metas=metas,
        contribuciones=[
            ("MI-SESAL-1", "MS-SAL"),
            ("MI-SESAL-2", "MS-SAL", 3.0),
            ("MI-IHSS", "MS-SAL"),
            ("MI-SEDUC", "MS-EDU"),
            ("MS-SAL", "MP-1"),
            ("MS-EDU", "MP-1"),
        ],
        ejes=[("E1", "Eje uno"), ("E2", "Eje dos"), ("E2-SOC", "Dimensión social", "E2")],
        sectores=[("SAL", "Salud"), ("EDU", "Educación"), ("GOB", "Gobernabilidad")],
        sector_ejes=[("SAL", "E2-SOC"), ("EDU", "E2-SOC"), ("GOB", "E1")],
        instituciones=[
            ("SESAL", "Secretaría de Salud"),
            ("SEDUC", "Secretaría de Educación"),
            ("IHSS", "Instituto Hondureño de Seguridad Social"),
            ("OTRA", "Otra institución"),
        ],
    )
    participa = pd.DataFrame(
        {
            "institucion": ["SESAL", "IHSS", "OTRA", "SEDUC"],
            "sector": ["SAL", "SAL", "SAL", "EDU"],
            "principal": [True, True, False, True],
        }
    )
    return replace(mcr, institucion_sectores=typed_frame(participa, "institucion_sectores"))


@pytest.fixture(scope="module")
def mcr():
    """The shared MCR."""
    return mcr_niveles()


@pytest.fixture(scope="module")
def metas(mcr):
    """The engine's goal frame of the shared MCR as of 2024-T3."""
    return run(mcr, PERIODO, CORTE, REGLAS).metas


def test_engine_evaluates_the_fixture_as_the_docstring_says(metas):
    """Guards the hand computations below: the engine's avances and states of the fixture."""
    esperado = {
        "MI-SESAL-1": (50.0, "rojo"),
        "MI-SESAL-2": (90.0, "verde"),
        "MI-SEDUC": (70.0, "amarillo"),
        "MS-SAL": (80.0, "amarillo"),
        "MS-EDU": (70.0, "amarillo"),
        "MP-1": (75.0, "amarillo"),
    }
    for codigo, (avance, semaforo) in esperado.items():
        assert metas.loc[codigo, "avance"] == pytest.approx(avance), codigo
        assert metas.loc[codigo, "semaforo"] == semaforo, codigo
    assert metas.loc["MI-IHSS", "semaforo"] == "sin_dato"
    assert metas.loc["MP-2", "semaforo"] == "no_programado"


def test_nombre_grupo_knows_only_the_mcr_codes(mcr):
    """A page shows "no existe" for a code the MCR lacks: the name lookup returns None."""
    assert vn.nombre_grupo(mcr, "sector", "SAL") == "Salud"
    assert vn.nombre_grupo(mcr, "institucion", "SESAL") == "Secretaría de Salud"
    assert vn.nombre_grupo(mcr, "eje", "E9") is None
    assert vn.nombre_grupo(mcr, "eje", None) is None


def test_an_eje_holds_its_sectors_goals_and_a_parent_its_dimensions(mcr, metas):
    """Goals without eje belong to their sector's eje; E2 holds what E2-SOC holds; E1 only MP-2."""
    e2soc = set(vn.metas_del_grupo(metas, mcr, "eje", "E2-SOC").index)
    assert e2soc == {
        "MP-1",
        "MS-SAL",
        "MS-EDU",
        "MI-SESAL-1",
        "MI-SESAL-2",
        "MI-SEDUC",
        "MI-IHSS",
    }
    assert set(vn.metas_del_grupo(metas, mcr, "eje", "E2").index) == e2soc
    assert list(vn.metas_del_grupo(metas, mcr, "eje", "E1").index) == ["MP-2"]
    assert set(vn.metas_del_grupo(metas, mcr, "sector", "SAL").index) == {
        "MS-SAL",
        "MI-SESAL-1",
        "MI-SESAL-2",
        "MI-IHSS",
    }


def test_resumen_of_an_eje_reads_its_presidential_goals_and_each_level_apart(mcr, metas):
    """E2-SOC: headline = MP-1's 75 % (amarillo, 1 goal); sectoral (80 + 70) / 2 = 75 %;
    institutional (50 + 3·90 + 70) / 5 = 78 % with MI-IHSS (sin dato) counted but left out."""
    grupo = vn.metas_del_grupo(metas, mcr, "eje", "E2-SOC")
    r = vn.resumen_grupo(grupo, "eje", REGLAS)
    assert r.avance == pytest.approx(75.0)
    assert r.estado == "amarillo"
    assert r.n_metas == 1
    assert r.conteos == {
        "rojo": 0,
        "amarillo": 1,
        "verde": 0,
        "sin_dato": 0,
        "pendiente": 0,
        "no_programado": 0,
    }
    niveles = r.por_nivel
    assert list(niveles.index) == ["presidencial", "sectorial", "institucional"]
    assert niveles.loc["sectorial", "avance"] == pytest.approx(75.0)
    assert niveles.loc["institucional", "avance"] == pytest.approx(78.0)
    assert niveles.loc[
        "institucional", ["n_metas", "rojo", "amarillo", "verde", "sin_dato"]
    ].tolist() == [
        4,
        1,
        1,
        1,
        1,
    ]


def test_resumen_without_goals_of_its_level_has_no_avance_nor_state(mcr, metas):
    """E1's only goal is no_programado: no avance, state no_programado; a sector with no goal
    at all (GOB) has no state and no level rows."""
    e1 = vn.resumen_grupo(vn.metas_del_grupo(metas, mcr, "eje", "E1"), "eje", REGLAS)
    assert np.isnan(e1.avance) and e1.estado == "no_programado" and e1.n_metas == 1
    gob = vn.resumen_grupo(vn.metas_del_grupo(metas, mcr, "sector", "GOB"), "sector", REGLAS)
    assert gob.estado is None and gob.n_metas == 0 and gob.por_nivel.empty


def test_estado_grupo_rounds_half_up_and_explains_missing_avances():
    """60.5 % rounds to 61 (amarillo), 80.49 % to 80 (amarillo), 80.5 % to 81 (verde); without an
    avance: sin_dato beats pendiente beats no_programado; no goal at all: no state."""
    agregado = pd.DataFrame(
        {
            "avance": [60.5, 80.49, 80.5, 60.49, np.nan, np.nan, np.nan, np.nan],
            "n_metas": [1, 1, 1, 1, 2, 1, 1, 0],
            "sin_dato": [0, 0, 0, 0, 1, 0, 0, 0],
            "pendiente": [0, 0, 0, 0, 1, 1, 0, 0],
        },
        index=list("abcdefgh"),
    )
    estados = vn.estado_grupo(agregado, REGLAS)
    assert estados.iloc[:7].tolist() == [
        "amarillo",
        "amarillo",
        "verde",
        "rojo",
        "sin_dato",
        "pendiente",
        "no_programado",
    ]
    assert pd.isna(estados["h"])


def test_tabla_metas_lists_levels_top_down_then_most_urgent(mcr, metas):
    """Presidential before sectoral before institutional; within a level rojo first, then code."""
    tabla = vn.tabla_metas(vn.metas_del_grupo(metas, mcr, "eje", "E2-SOC"), mcr)
    assert tabla["codigo"].tolist() == [
        "MP-1",
        "MS-EDU",
        "MS-SAL",
        "MI-SESAL-1",
        "MI-SEDUC",
        "MI-SESAL-2",
        "MI-IHSS",
    ]
    fila = tabla.set_index("codigo").loc["MS-SAL"]
    assert fila["descripcion"] == "Meta MS-SAL"
    assert fila["avance_contribuyentes"] == pytest.approx(80.0)
    assert np.isnan(fila["avance_directo"])


def test_tabla_sectores_of_an_eje_worst_first(mcr, metas):
    """E2-SOC's sectors by their sectoral goals: EDU 70 % then SAL 80 %, both amarillo; E1's
    sector GOB is not listed."""
    grupo = vn.metas_del_grupo(metas, mcr, "eje", "E2-SOC")
    tabla = vn.tabla_sectores(grupo, mcr, "E2-SOC", REGLAS)
    assert tabla["codigo"].tolist() == ["EDU", "SAL"]
    assert tabla["avance"].tolist() == pytest.approx([70.0, 80.0])
    assert tabla["semaforo"].tolist() == ["amarillo", "amarillo"]
    assert tabla["nombre"].tolist() == ["Educación", "Salud"]
    assert vn.sectores_del_eje(mcr, "E2") == ["EDU", "SAL"]


def test_tabla_instituciones_rolls_up_each_institution_inside_the_group(mcr, metas):
    """In SAL: SESAL (50 + 3·90) / 4 = 80 %, IHSS without avance (sin dato), then the mesa member
    OTRA without goals and without state. SEDUC (only in EDU) is not listed."""
    grupo = vn.metas_del_grupo(metas, mcr, "sector", "SAL")
    miembros = vn.instituciones_del_sector(mcr, "SAL")
    assert miembros == ["IHSS", "OTRA", "SESAL"]
    tabla = vn.tabla_instituciones(grupo, mcr, REGLAS, incluir=miembros)
    assert tabla["codigo"].tolist() == ["SESAL", "IHSS", "OTRA"]
    assert tabla["avance"].iloc[0] == pytest.approx(80.0)
    assert tabla["n_metas"].tolist() == [2, 1, 0]
    assert tabla["semaforo"].iloc[:2].tolist() == ["amarillo", "sin_dato"]
    assert pd.isna(tabla["semaforo"].iloc[2])
    assert tabla["rojo"].tolist() == [1, 0, 0]


def test_trimestres_hasta_gives_eight_quarters_not_before_the_data():
    """Eight quarters ending at the evaluated one, across years; clipped to the first available."""
    assert vn.trimestres_hasta("2025-T2", ["2022-T1"]) == [
        "2023-T3",
        "2023-T4",
        "2024-T1",
        "2024-T2",
        "2024-T3",
        "2024-T4",
        "2025-T1",
        "2025-T2",
    ]
    assert vn.trimestres_hasta("2024-T2", ["2024-T4", "2023-T4"]) == [
        "2023-T4",
        "2024-T1",
        "2024-T2",
    ]
    assert vn.trimestres_hasta("2024-S1", [], n=2) == ["2024-T1", "2024-T2"]


def test_mapa_estados_rolls_up_each_row_in_each_quarter(mcr):
    """SAL's institutions in 2024-T2 and 2024-T3: SESAL (80 + 3·85) / 4 = 83.75 % → verde, then
    80 % → amarillo; IHSS has no value in either (sin dato, no avance); SEDUC has no goal in SAL
    (blank cell)."""
    por_periodo = {}
    for t in ("2024-T2", "2024-T3"):
        m = run(mcr, t, CORTE, REGLAS).metas
        por_periodo[t] = m.loc[(m["nivel"] == "institucional") & (m["sector"] == "SAL")]
    mapa = vn.mapa_estados(por_periodo, mcr, "institucion", ["SESAL", "IHSS", "SEDUC"], REGLAS)
    assert mapa[["fila", "periodo"]].to_numpy().tolist() == [
        ["SESAL", "2024-T2"],
        ["SESAL", "2024-T3"],
        ["IHSS", "2024-T2"],
        ["IHSS", "2024-T3"],
        ["SEDUC", "2024-T2"],
        ["SEDUC", "2024-T3"],
    ]
    assert mapa["avance"].iloc[:2].tolist() == pytest.approx([83.75, 80.0])
    assert mapa["semaforo"].iloc[:4].tolist() == ["verde", "amarillo", "sin_dato", "sin_dato"]
    assert mapa["n_metas"].tolist() == [2, 2, 1, 1, 0, 0]
    assert mapa["semaforo"].iloc[4:].isna().all()


def test_mapa_estados_without_rows_or_periods_is_empty(mcr, metas):
    """Nothing to draw gives an empty frame with the expected columns, not an error."""
    vacio = vn.mapa_estados({}, mcr, "sector", ["SAL"], REGLAS)
    assert vacio.empty and list(vacio.columns) == [
        "fila",
        "periodo",
        "avance",
        "n_metas",
        "semaforo",
    ]
    assert vn.mapa_estados({"2024-T3": metas}, mcr, "sector", [], REGLAS).empty
