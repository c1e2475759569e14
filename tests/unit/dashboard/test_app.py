"""The app factory: Spanish page, vendored assets only, pages registered, no DB at creation."""

from __future__ import annotations

import dash

from dashboard import ASSETS_DIR, create_app, create_server
from tests.conftest import login_http


def test_create_app_touches_no_database_and_asks_anonymous_users_to_log_in(tmp_path):
    """Creating the app opens no database; an anonymous visitor of ``/`` is sent to the Spanish
    login page, which loads only vendored assets."""
    url = f"sqlite:///{tmp_path / 'no-existe' / 'sigpret.db'}"
    app = create_app(url)
    assert not (tmp_path / "no-existe").exists()  # no connection at creation
    assert app.config.serve_locally is True
    assert app.config.external_stylesheets == []
    assert app.title == "SIGPRET"

    cliente = app.server.test_client()
    respuesta = cliente.get("/")
    assert respuesta.status_code == 302 and respuesta.headers["Location"].startswith("/login")
    login = cliente.get("/login").get_data(as_text=True)
    assert '<html lang="es">' in login and "/assets/bootstrap.min.css" in login
    assert "https://" not in login


def test_logged_in_index_is_spanish_and_uses_no_cdn(sqlite_engine):
    """Once logged in, the index is ``<html lang="es">`` with Bootstrap from assets/, a Spanish
    loading text, the generated state colours, and no external resource."""
    from data_layer import auth
    from data_layer.db import session_scope

    with session_scope(sqlite_engine) as s:
        auth.crear_usuario(s, "ana", "analista", "Clave-Segura-2026")
    app = create_app(sqlite_engine.url.render_as_string(hide_password=False))
    cliente = app.server.test_client()
    assert login_http(cliente, "ana", "Clave-Segura-2026").status_code == 302
    respuesta = cliente.get("/")
    html = respuesta.get_data(as_text=True)
    assert respuesta.status_code == 200
    assert '<html lang="es">' in html
    assert "/assets/bootstrap.min.css" in html and "/assets/custom.css" in html
    assert "Cargando…" in html and "Loading..." not in html
    assert ".estado-rojo{background-color:#b02a37;color:#ffffff;}" in html
    assert "https://" not in html.split("<footer>")[0]


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
    assert server.test_client().get("/login").status_code == 200
