"""The data-quality page (issue #10) in a real browser: an analyst opens /calidad on the demo and
sees institutions (worst first), the trend and the sector table, with no severe console error."""

from __future__ import annotations

import pytest

from dashboard import create_app

pytestmark = pytest.mark.e2e


def test_analyst_sees_the_reporting_rates(dash_duo, demo_database_url) -> None:
    """/calidad loads as analista: the navbar links it, the grid has institution rows with
    completeness, the trend chart is drawn, and the browser logs no SEVERE error."""
    dash_duo.start_server(create_app(demo_database_url), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/calidad")
    dash_duo.wait_for_element("#calidad-instituciones .ag-row", timeout=30)
    assert dash_duo.find_elements("a.nav-link[href='/calidad']")
    filas = dash_duo.find_elements("#calidad-instituciones .ag-center-cols-container .ag-row")
    assert filas
    dash_duo.wait_for_contains_text("#calidad-total", "Completitud")
    dash_duo.wait_for_element("#calidad-tendencia .scatterlayer .trace", timeout=20)
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]


@pytest.mark.usuario("upgret.sesal")
def test_upgret_is_refused(dash_duo, demo_database_url) -> None:
    """An upgret user has no navbar link and the page shows only the refusal."""
    dash_duo.start_server(create_app(demo_database_url), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/calidad")
    dash_duo.wait_for_element("#calidad-sin-permiso")
    assert not dash_duo.find_elements("a.nav-link[href='/calidad']")
