"""The mesa actions listed on sector, goal and indicator pages (``dashboard.vistas.
acciones_de_entidad``), cached per entity, versions, day and scope (issue #15), on the demo."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import create_app, data, vistas
from data_layer.vistas.mesas_integracion import acciones_de_entidad
from tests.conftest import sesion_de_prueba


@pytest.fixture
def app(demo_database_url: str):
    """A fresh app on the shared demo database (read only)."""
    return create_app(demo_database_url)


def _directas(tipo: str, codigo: str) -> pd.DataFrame | None:
    """The same actions computed without any cache, for the current request's user."""
    return acciones_de_entidad(
        data.mesas(), data.hoy_honduras(), data.mcr(), tipo, codigo, data.alcance_de_recorte()
    )


@pytest.mark.parametrize(
    ("tipo", "codigo"), [("sector", "SAL"), ("meta", "MS-SAL-01"), ("indicador", "MS-SAL-01-I1")]
)
def test_cached_actions_equal_the_computed_ones_for_each_scope(app, tipo, codigo) -> None:
    """An analyst, SAL's coordinator and EDU's coordinator get, first and second time (from the
    cache), exactly what the data layer computes for their scope (nothing for an entity outside
    it); EDU's coordinator never gets the SAL mesa's actions (not their mesa in detail)."""
    vistas_por_rol = {}
    for rol, sectores in (
        ("analista", ()),
        ("coordinador_mesa", ("SAL",)),
        ("coordinador_mesa", ("EDU",)),
    ):
        with sesion_de_prueba(app, "/", rol=rol, sectores=sectores):
            primera, _ = vistas.acciones_de_entidad(tipo, {"codigo": codigo})
            segunda, _ = vistas.acciones_de_entidad(tipo, {"codigo": codigo})
            esperada = _directas(tipo, codigo)
        vistas_por_rol[(rol, sectores)] = primera
        if esperada is None:  # the entity is outside this user's view of the MCR
            assert primera is None and segunda is None
            continue
        pd.testing.assert_frame_equal(primera, esperada)
        pd.testing.assert_frame_equal(segunda, esperada)
    assert not vistas_por_rol[("analista", ())].empty
    assert not vistas_por_rol[("coordinador_mesa", ("SAL",))].empty
    de_edu = vistas_por_rol[("coordinador_mesa", ("EDU",))]
    assert de_edu is None or "SAL" not in set(de_edu["sector"])


def test_a_forged_or_invisible_code_gets_nothing(app) -> None:
    """A code the MCR lacks, or not a text at all, gives no actions and nothing computed; a
    planning unit outside Salud does not get SAL's goal either (not in its view of the MCR)."""
    with sesion_de_prueba(app, "/", rol="analista"):
        assert vistas.acciones_de_entidad("sector", {"codigo": "NO-EXISTE"})[0] is None
        assert vistas.acciones_de_entidad("meta", {"codigo": ["MS-SAL-01"]})[0] is None
        assert vistas.acciones_de_entidad("indicador", {})[0] is None
    with sesion_de_prueba(app, "/", rol="upgret", instituciones=("SEDUC",)):
        assert vistas.acciones_de_entidad("meta", {"codigo": "MS-SAL-01"})[0] is None
