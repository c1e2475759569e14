"""The app factory: Spanish page, vendored assets only, pages registered, no DB at creation."""

from __future__ import annotations

import dash

from dashboard import ASSETS_DIR, create_app, create_server


def test_create_app_serves_a_spanish_page_without_cdn(tmp_path):
    """The index is ``<html lang="es">`` titled SIGPRET, loads Bootstrap from assets/ and no
    external stylesheet or script; creating the app does not touch the (missing) database."""
    url = f"sqlite:///{tmp_path / 'no-existe' / 'sigpret.db'}"
    app = create_app(url)
    assert not (tmp_path / "no-existe").exists()  # no connection at creation
    assert app.config.serve_locally is True
    assert app.config.external_stylesheets == []
    assert app.title == "SIGPRET"

    respuesta = app.server.test_client().get("/")
    html = respuesta.get_data(as_text=True)
    assert respuesta.status_code == 200
    assert '<html lang="es">' in html
    assert "/assets/bootstrap.min.css" in html and "/assets/custom.css" in html
    assert "Cargando…" in html and "Loading..." not in html
    assert ".estado-rojo{background-color:#b02a37;color:#ffffff;}" in html
    assert "https://" not in html.split("<footer>")[0]
    assert not (tmp_path / "no-existe").exists()


def test_vendored_assets_are_present():
    """Bootstrap 5 CSS and plotly's Spanish locale are vendored in assets/."""
    assert "Bootstrap  v5" in (ASSETS_DIR / "bootstrap.min.css").read_text()[:200]
    locale = (ASSETS_DIR / "plotly-locale-es.js").read_text()
    assert 'name:"es"' in locale
    assert (ASSETS_DIR / "dashAgGridComponentFunctions.js").exists()


def test_pages_register_on_each_new_app():
    """The overview registers at "/" on a fresh app, also after the registry was cleared."""
    create_app("sqlite://")
    assert dash.page_registry["dashboard.pages.resumen"]["path"] == "/"
    assert callable(dash.page_registry["dashboard.pages.resumen"]["layout"])
    dash.page_registry.clear()
    server = create_server()
    assert dash.page_registry["dashboard.pages.resumen"]["name"] == "Resumen presidencial"
    assert server.test_client().get("/").status_code == 200
