"""The indicator page's versions in a real browser, on the demo's reporting cycle."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.wait import WebDriverWait

from dashboard import create_app

pytestmark = pytest.mark.e2e

FILAS = "#indicador-versiones-tabla tbody tr[data-periodo='2026-T3']"


def _esperar(dash_duo, condicion, segundos: float = 25):
    try:
        WebDriverWait(dash_duo.driver, segundos, poll_frequency=0.3).until(lambda _d: condicion())
    except TimeoutException:
        assert condicion()


def _estados(dash_duo) -> list[str]:
    return [e.get_attribute("data-estado") for e in dash_duo.find_elements(FILAS)]


@pytest.mark.usuario("ministro.salud")
def test_the_minister_sees_the_versions_of_a_corrected_value(dash_duo, demo_database_url):
    """ministro.salud opens MI-SESAL-02-I1, whose 2026-T3 value was corrected: the versions
    table shows the replaced typing slip (struck through) and the validated correction with its
    motivo and reviewer; MS-SAL-01-I1 then shows its waiting correction «por validar» beside
    the official value; no SEVERE console error."""
    dash_duo.start_server(create_app(demo_database_url), navigate=False)
    dash_duo.driver.get(f"{dash_duo.server.url}/indicadores/MI-SESAL-02-I1")
    _esperar(dash_duo, lambda: _estados(dash_duo) == ["reemplazado", "validado"])
    tabla = dash_duo.find_element("#indicador-versiones-tabla").text
    assert "Reemplazado" in tabla and "Validado (oficial)" in tabla
    assert "Error de digitación" in tabla and "analista2" in tabla
    assert dash_duo.find_elements(f"{FILAS} td.valor-reemplazado")
    assert not dash_duo.find_elements("#indicador-por-validar")

    dash_duo.driver.get(f"{dash_duo.server.url}/indicadores/MS-SAL-01-I1")
    _esperar(dash_duo, lambda: _estados(dash_duo) == ["validado", "enviado"])
    aviso = dash_duo.wait_for_element("#indicador-por-validar").text
    assert "Valor oficial (cuenta): 86.3" in aviso and "87.1" in aviso
    assert "Por validar" in dash_duo.find_element(f"{FILAS}.version-por-validar").text
    severos = [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]
    assert severos == []
