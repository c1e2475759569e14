"""Compliance by institution (issue #12) in a real browser: an analyst answers «which
institutions have most missing or late reports?» with one click on the alert centre's tab."""

from __future__ import annotations

import pytest

from dashboard import create_app

pytestmark = pytest.mark.e2e

FILAS = "#alertas-cumplimiento-seccion .ag-center-cols-container .ag-row"


def test_analyst_opens_the_ranking_with_one_click(dash_duo, demo_database_url) -> None:
    """/alertas opens on the alerts; one click on «Cumplimiento por institución» writes
    ``vista=cumplimiento`` into the URL and shows the ranking (institution rows linking to their
    page, the window sentence), with no SEVERE console error."""
    dash_duo.start_server(create_app(demo_database_url), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/alertas")
    dash_duo.wait_for_element(".alertas-grid .ag-row", timeout=30)
    pestana = dash_duo.driver.find_element(
        "xpath",
        "//a[contains(@class,'nav-link') and normalize-space()='Cumplimiento por institución']",
    )
    pestana.click()
    dash_duo.wait_for_element(FILAS, timeout=30)
    assert "vista=cumplimiento" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text("#alertas-cumplimiento-ventana", "del primer trimestre")
    enlace = dash_duo.find_element("#alertas-cumplimiento-seccion a.celda-enlace")
    assert enlace.get_attribute("href").split("?")[0].rsplit("/", 2)[-2] == "instituciones"
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]
