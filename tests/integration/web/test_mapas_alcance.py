"""The heat maps evaluate several quarters at once (``Datos.metas_por_periodo``) and still show
each user only what their scope allows, on the demo database."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import create_app, data
from tests.conftest import sesion_de_prueba


@pytest.fixture
def app(demo_database_url: str):
    """A fresh app on the demo database (its pages registered)."""
    return create_app(database_url=demo_database_url)


def _celdas(app, rol: str, sectores=()) -> pd.DataFrame:
    """The E2-SOC heat map's states as ``rol`` sees them: one row per sector, one column per
    quarter (None where the user sees no goal)."""
    from dashboard.pages import eje

    with sesion_de_prueba(app, "/ejes/E2-SOC", rol=rol, sectores=sectores):
        figura, _ = eje.render_mapa({"codigo": "E2-SOC"})
    celdas = figura.data[0]
    return pd.DataFrame([list(fila) for fila in celdas.z], index=list(celdas.y))


def test_a_coordinator_sees_only_their_sector_in_the_eje_heat_map(app) -> None:
    """The analyst's E2-SOC map has a state in every sector row; the Salud coordinator's map has
    the same cells for Salud and none for the sectors outside their scope."""
    todos = _celdas(app, "analista")
    salud = _celdas(app, "coordinador_mesa", sectores=["SAL"])
    assert list(todos.index) == list(salud.index)
    fila_sal = next(f for f in todos.index if "Salud" in str(f))
    assert todos.loc[fila_sal].notna().any()
    assert todos.loc[fila_sal].tolist() == salud.loc[fila_sal].tolist()
    otras = [f for f in todos.index if f != fila_sal]
    assert todos.loc[otras].notna().any().any()
    assert salud.loc[otras].isna().all().all()


def test_quarters_are_evaluated_once_for_everybody_and_cut_per_scope(app) -> None:
    """One shared cache entry per data version, quarters and cut date; the analyst gets every
    goal, the coordinator only the ones of their scope."""
    with sesion_de_prueba(app, "/", rol="analista"):
        d = data.datos()
        version = d.version()
        corte = data.hoy_honduras()
        todas = d.metas_por_periodo(["2026-T2", "2026-T3"], corte, version)
    with sesion_de_prueba(app, "/", rol="coordinador_mesa", sectores=["SAL"]):
        propias = d.metas_por_periodo(["2026-T2", "2026-T3"], corte, version)
    for t in ("2026-T2", "2026-T3"):
        assert len(propias[t]) < len(todas[t])
        assert set(propias[t].index) <= set(todas[t].index)
        assert (propias[t]["sector"].dropna() == "SAL").any()
        sectoriales = propias[t].loc[propias[t]["nivel"] == "sectorial", "sector"]
        assert set(sectoriales) == {"SAL"}
