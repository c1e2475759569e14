"""The alert center's view (``data_layer.vistas.alertas.centro_alertas``) on the tiny MCR and the
hand-made alerts of ``tests/unit/dashboard/test_vistas_resumen_alertas``."""

from __future__ import annotations

import pytest

from data_layer.vistas import alertas as va
from data_layer.vistas.filtros import FiltroParcial
from tests.unit.dashboard.test_vistas_resumen_alertas import ALERTAS, _resultado
from tests.unit.vistas.test_filtros import mcr_pequena


@pytest.fixture
def enriquecidas():
    """The five alerts (three indicators of SESAL, a goal, a mesa) with their place."""
    return va.enriquecer_alertas(_resultado(ALERTAS), mcr_pequena())


def test_own_filter_options_come_from_the_place_not_from_the_own_filters(enriquecidas):
    """Choosing the type «indicador_rojo» keeps its two alerts (I-SEDUC, I-P1), but the type
    dropdown still offers every type present, by Spanish name, and the institution dropdown
    SESAL with its name (every indicator alert is SESAL's)."""
    centro = va.centro_alertas(enriquecidas, mcr_pequena(), FiltroParcial(), tipo="indicador_rojo")
    assert centro.alertas["entidad"].tolist() == ["I-SEDUC", "I-P1"]
    assert centro.tipos == ["cadena_rota", "indicador_rojo", "otro", "reporte_tardio"]
    assert centro.instituciones == [("SESAL", "Secretaría de Salud")]


def test_shared_filters_narrow_the_alerts_and_their_options(enriquecidas):
    """Eje E1 holds only MP-1, so only I-P1's alert remains, and the options are its type and
    institution; a severity it does not have leaves no alert but the same options."""
    m = mcr_pequena()
    centro = va.centro_alertas(enriquecidas, m, FiltroParcial(eje="E1"))
    assert centro.alertas["entidad"].tolist() == ["I-P1"]
    assert centro.tipos == ["indicador_rojo"]
    assert centro.instituciones == [("SESAL", "Secretaría de Salud")]
    baja = va.centro_alertas(enriquecidas, m, FiltroParcial(eje="E1"), severidad="baja")
    assert baja.alertas.empty and baja.tipos == ["indicador_rojo"]
