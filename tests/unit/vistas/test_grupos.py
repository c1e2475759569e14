"""The eje and sector pages' whole views (``data_layer.vistas.grupos``) on the hand-made MCR of
``test_niveles`` (its docstring gives every number)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from data_layer.engine import metas_por_periodo, run
from data_layer.engine.frames import typed_frame
from data_layer.vistas import grupos as vg
from data_layer.vistas.filtros import FiltroParcial
from tests.unit.engine.builders import CORTE
from tests.unit.vistas.test_niveles import REGLAS, mcr_niveles


@pytest.fixture(scope="module")
def mcr():
    """The shared MCR of ``test_niveles``."""
    return mcr_niveles()


@pytest.fixture(scope="module")
def metas(mcr):
    """The engine's goal frame as of 2024-T3."""
    return run(mcr, "2024-T3", CORTE, REGLAS).metas


def test_eje_view_has_its_rollup_sectors_institutions_and_goals(mcr, metas):
    """E2-SOC: avance of MP-1 (75 %), sectors SAL and EDU at 80 % / 70 % (worst first), the three
    institutions with goals, and its eight goals top level first."""
    v = vg.vista_grupo(metas, mcr, "eje", "E2-SOC", FiltroParcial(), REGLAS)
    assert v.resumen.avance == pytest.approx(75.0) and v.resumen.estado == "amarillo"
    assert v.sectores is not None
    assert v.sectores["codigo"].tolist()[:2] == ["EDU", "SAL"]
    assert set(v.instituciones["codigo"]) == {"SESAL", "SEDUC", "IHSS"}
    assert v.metas["codigo"].iloc[0] == "MP-1" and v.total_metas == len(v.metas) == 7


def test_state_filter_narrows_the_rows_never_the_rollup(mcr, metas):
    """With estado=rojo the header keeps the eje's 75 %; only red goals and red institutions are
    listed (MI-SESAL-1 is red, but SESAL's roll-up is amarillo, so no institution is)."""
    v = vg.vista_grupo(metas, mcr, "eje", "E2-SOC", FiltroParcial(estado="rojo"), REGLAS)
    assert v.resumen.avance == pytest.approx(75.0)
    assert v.metas["codigo"].tolist() == ["MI-SESAL-1"] and v.total_metas == 1
    assert v.instituciones.empty
    assert v.sectores is not None and v.sectores.empty


def test_sector_view_lists_its_mesa_members_even_without_goals(mcr, metas):
    """SAL lists OTRA (a member of its mesa, no goal) beside SESAL and IHSS; a sector has no
    sectors grid."""
    v = vg.vista_grupo(metas, mcr, "sector", "SAL", FiltroParcial(), REGLAS)
    assert v.sectores is None
    assert set(v.instituciones["codigo"]) == {"SESAL", "IHSS", "OTRA"}
    assert v.resumen.avance == pytest.approx(80.0)


def test_goals_list_is_cut_at_the_limit_and_says_how_many(mcr, metas, monkeypatch):
    """Above MAX_FILAS_METAS goals only the first ones are kept, top level first, and the total
    is kept to tell the user."""
    monkeypatch.setattr(vg, "MAX_FILAS_METAS", 2)
    v = vg.vista_grupo(metas, mcr, "eje", "E2-SOC", FiltroParcial(), REGLAS)
    assert v.metas["codigo"].tolist() == ["MP-1", "MS-EDU"] and v.total_metas == 7


def test_heat_map_rows_are_an_ejes_sectors_or_a_sectors_institutions(mcr):
    """E2-SOC's map rows are its sectors; SAL's map rows are the institutions with institutional
    goals in SAL (not OTRA, a member without goals)."""
    assert vg.filas_mapa(mcr, "eje", "E2-SOC") == ["EDU", "SAL"]
    assert vg.filas_mapa(mcr, "sector", "SAL") == ["IHSS", "SESAL"]


def test_heat_map_of_a_sector_rolls_up_each_institution_per_quarter(mcr):
    """SAL in 2024-T2 and 2024-T3: SESAL verde (83.75 %) then amarillo (80 %); IHSS sin dato;
    the columns are the given quarters, in their order."""
    metas = metas_por_periodo(mcr, ["2024-T2", "2024-T3"], CORTE, REGLAS)
    mapa = vg.mapa_grupo(metas, mcr, "sector", "SAL", FiltroParcial(), REGLAS)
    assert list(dict.fromkeys(mapa["periodo"])) == ["2024-T2", "2024-T3"]
    sesal = mapa.loc[mapa["fila"] == "SESAL"]
    assert sesal["semaforo"].tolist() == ["verde", "amarillo"]
    assert sesal["avance"].tolist() == pytest.approx([83.75, 80.0])
    assert mapa.loc[mapa["fila"] == "IHSS", "semaforo"].tolist() == ["sin_dato", "sin_dato"]


def test_heat_map_of_an_eje_rolls_up_sectorial_goals(mcr):
    """E2-SOC in 2024-T3: SAL 80 % and EDU 70 %, both amarillo."""
    metas = metas_por_periodo(mcr, ["2024-T3"], CORTE, REGLAS)
    mapa = vg.mapa_grupo(metas, mcr, "eje", "E2-SOC", FiltroParcial(), REGLAS)
    assert dict(zip(mapa["fila"], mapa["avance"], strict=True)) == pytest.approx(
        {"EDU": 70.0, "SAL": 80.0}
    )
    assert mapa["semaforo"].tolist() == ["amarillo", "amarillo"]


def test_metas_por_periodo_equals_one_engine_run_per_period(mcr):
    """The goals of several periods evaluated together are exactly those of ``run`` for each
    period (same frame, same values), also for a period without targets."""
    periodos = ["2024-T1", "2024-T2", "2024-T3", "2024-T4"]
    juntas = metas_por_periodo(mcr, periodos, CORTE, REGLAS)
    assert list(juntas) == periodos
    for p in periodos:
        pd.testing.assert_frame_equal(juntas[p], run(mcr, p, CORTE, REGLAS).metas)


def test_ubicacion_of_an_eje_is_its_parent_and_of_a_sector_its_ejes_and_rectora(mcr):
    """E2-SOC is a dimension of E2; E1 has no parent. SAL sits in E2-SOC and (added here) E1,
    sorted, and SESAL leads it; EDU has no rectora; an unknown sector sits nowhere."""
    assert vg.ubicacion_grupo(mcr, "eje", "E2-SOC") == vg.Ubicacion(eje_padre="E2")
    assert vg.ubicacion_grupo(mcr, "eje", "E1") == vg.Ubicacion()
    sectores = mcr.sectores.assign(institucion_rectora=mcr.sectores["codigo"].map({"SAL": "SESAL"}))
    enlaces = pd.concat(
        [mcr.sector_ejes, pd.DataFrame({"sector": ["SAL"], "eje": ["E1"]})], ignore_index=True
    )
    m = replace(
        mcr,
        sectores=typed_frame(sectores, "sectores"),
        sector_ejes=typed_frame(enlaces, "sector_ejes"),
    )
    assert vg.ubicacion_grupo(m, "sector", "SAL") == vg.Ubicacion(
        ejes=("E1", "E2-SOC"), rectora="SESAL"
    )
    assert vg.ubicacion_grupo(m, "sector", "EDU") == vg.Ubicacion(ejes=("E2-SOC",))
    assert vg.ubicacion_grupo(m, "sector", "NADA") == vg.Ubicacion()
