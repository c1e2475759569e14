"""The synthetic MCR builder: valid frames, realistic mix, deterministic, sized by scale."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bench.synthetic import build_mcr
from data_layer import periods
from data_layer.engine.frames import COLUMNAS, MCR, NIVELES, typed_frame


@pytest.fixture(scope="module")
def mcr() -> MCR:
    """A demo-sized synthetic MCR (scale 1), built once for the module."""
    return build_mcr(1, seed=0)


def test_every_frame_has_the_engine_columns_and_dtypes(mcr: MCR) -> None:
    """Each frame has exactly the columns of frames.COLUMNAS, in order, already typed."""
    for nombre, columnas in COLUMNAS.items():
        frame = getattr(mcr, nombre)
        assert tuple(frame.columns) == columnas, nombre
        # Imported data has no receipts beyond its validated values (DOMAIN.md §8).
        assert len(frame) > 0 or nombre == "recepciones", nombre
        pd.testing.assert_series_equal(frame.dtypes, typed_frame(frame, nombre).dtypes)
    assert mcr.avances["fecha_reporte"].dtype == "datetime64[ns]"
    assert mcr.programacion["meta"].dtype == "float64"


def test_periods_are_valid_and_of_the_indicator_frequency(mcr: MCR) -> None:
    """Targets and values use valid period texts of the indicator's own frequency, 2022–2026."""
    frecuencia = mcr.indicadores.set_index("codigo")["frecuencia"]
    for frame in (mcr.programacion, mcr.avances):
        cal = periods.period_columns(frame["periodo"])
        esperada = frecuencia.reindex(frame["indicador"]).to_numpy()
        assert (cal["frecuencia"].to_numpy() == esperada).all()
        assert cal["anio"].between(2022, 2026).all()
    fin = periods.period_columns(mcr.avances["periodo"])["fin"]
    assert fin.max() == pd.Timestamp("2026-09-30")  # values through 2026-T3, nothing later


def test_keys_are_unique_and_references_resolve(mcr: MCR) -> None:
    """Codes are unique, one row per (indicador, periodo), and every link points to something."""
    metas = set(mcr.metas["codigo"])
    assert mcr.metas["codigo"].is_unique and mcr.indicadores["codigo"].is_unique
    assert not mcr.programacion.duplicated(["indicador", "periodo"]).any()
    assert not mcr.avances.duplicated(["indicador", "periodo"]).any()
    assert set(mcr.indicadores["meta"]) <= metas
    assert set(mcr.contribuciones["meta"]) | set(mcr.contribuciones["meta_destino"]) <= metas
    assert set(mcr.indicadores["institucion_responsable"]) <= set(mcr.instituciones["sigla"])
    assert set(mcr.sector_ejes["eje"]) <= set(mcr.ejes["codigo"])
    assert set(mcr.sector_ejes["sector"]) == set(mcr.sectores["codigo"])
    # a value is only reported for a programmed period
    clave_av = mcr.avances["indicador"] + "|" + mcr.avances["periodo"]
    clave_prog = mcr.programacion["indicador"] + "|" + mcr.programacion["periodo"]
    assert clave_av.isin(clave_prog).all()


def test_goal_levels_and_contribution_chain(mcr: MCR) -> None:
    """Goals use the three levels; links go institucional→sectorial→presidencial, with gaps."""
    nivel = mcr.metas.set_index("codigo")["nivel"]
    assert set(nivel) == set(NIVELES)
    pares = set(
        zip(
            nivel.reindex(mcr.contribuciones["meta"]),
            nivel.reindex(mcr.contribuciones["meta_destino"]),
            strict=True,
        )
    )
    assert pares == {("institucional", "sectorial"), ("sectorial", "presidencial")}
    institucionales = nivel.index[nivel == "institucional"]
    sin_enlace = ~institucionales.isin(mcr.contribuciones["meta"])
    assert 0 < sin_enlace.sum() < 0.15 * len(institucionales)  # some broken chains, not many
    assert mcr.metas.loc[mcr.metas["nivel"] == "presidencial", "eje"].notna().all()
    assert mcr.metas.loc[mcr.metas["nivel"] == "institucional", "institucion"].notna().all()


def test_demo_shape_at_scale_one(mcr: MCR) -> None:
    """Scale 1 is demo-sized: 22 sectors, ~100 institutions, ~600 goals, ~1,000 indicators."""
    assert len(mcr.sectores) == 22
    assert 90 <= len(mcr.instituciones) <= 110
    assert len(mcr.metas) == 600
    assert len(mcr.indicadores) == 1000
    assert 12_000 <= len(mcr.programacion) <= 20_000


def test_the_mix_the_engine_must_handle_is_present(mcr: MCR) -> None:
    """All tipos/sentidos/frecuencias, gaps, late reports, zero and revised targets, outliers."""
    ind = mcr.indicadores
    assert set(ind["tipo"]) == {"flujo", "acumulado", "stock"}
    assert set(ind["sentido"]) == {"ascendente", "descendente"}
    assert set(ind["frecuencia"]) == {"trimestral", "semestral", "anual"}
    assert ind["umbral_verde"].notna().any() and ind["umbral_verde"].isna().any()
    prog = mcr.programacion
    assert (prog["meta"] == 0).any()
    assert (prog["meta"] != prog["meta_original"]).any()
    av = mcr.avances
    fin = periods.period_columns(av["periodo"])["fin"]
    tardio = av["fecha_reporte"] > fin + pd.Timedelta(days=15)
    assert 0.05 < tardio.mean() < 0.2
    # missing reports: programmed periods up to 2026-T3 without a value
    fin_prog = periods.period_columns(prog["periodo"])["fin"]
    vencidas = (fin_prog <= pd.Timestamp("2026-09-30")).sum()
    assert 0.03 < 1 - len(av) / vencidas < 0.15
    # impossible values: a percentage indicator reporting above 100
    porcentual = ind.loc[ind["unidad"].str.contains("%|porcentaje", regex=True), "codigo"]
    assert (av.loc[av["indicador"].isin(porcentual), "valor"] > 100).any()


def test_same_seed_same_frames_other_seed_other_frames() -> None:
    """The builder is deterministic for a seed and varies with it."""
    a, b, c = build_mcr(0.1, seed=7), build_mcr(0.1, seed=7), build_mcr(0.1, seed=8)
    for nombre in COLUMNAS:
        pd.testing.assert_frame_equal(getattr(a, nombre), getattr(b, nombre))
    assert not np.array_equal(a.avances["valor"].to_numpy(), c.avances["valor"].to_numpy())


def test_scale_multiplies_goals_and_indicators() -> None:
    """Scale 10 has ten times the goals and indicators of scale 1; sectors stay 22."""
    grande = build_mcr(10, seed=1)
    assert len(grande.metas) == 6000
    assert len(grande.indicadores) == 10_000
    assert len(grande.sectores) == 22
    assert 120_000 <= len(grande.programacion) <= 200_000
