"""/correo in a real browser: an admin reaches it from the navbar and sees the queued demo
convocatorias with their attachments; another role has no link and gets only the refusal."""

from __future__ import annotations

import pytest

from dashboard import create_app
from tests.e2e.test_roles import enlaces_navbar

pytestmark = pytest.mark.e2e


@pytest.mark.usuario("admin")
def test_admin_ve_la_bandeja_de_salida(dash_duo, demo_database_url):
    """Logged in as admin: the navbar links to «Correo»; the page lists the demo's queued
    convocatorias (recipient, subject) with their PDF and .ics links, without browser errors."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_element(".shell-navbar", timeout=20)
    assert "Correo" in enlaces_navbar(dash_duo)
    dash_duo.driver.get(dash_duo.server_url + "/correo")
    dash_duo.wait_for_element(".correo-fila", timeout=30)
    dash_duo.wait_for_contains_text("#correo-contenido", "Convocatoria: Sesión", timeout=20)
    enlaces = [a.get_attribute("href") for a in dash_duo.find_elements(".correo-adjunto")]
    assert any(
        e.endswith(tuple("0123456789")) and "/descargas/correo/adjunto/" in e for e in enlaces
    )
    assert {a.text.rsplit(".", 1)[-1] for a in dash_duo.find_elements(".correo-adjunto")} >= {
        "pdf",
        "ics",
    }
    assert not [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]


@pytest.mark.usuario("coord.salud")
def test_otro_rol_no_ve_el_correo(dash_duo, demo_database_url):
    """Logged in as a mesa coordinator: no «Correo» link, and /correo shows only the refusal
    (no message listed)."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_element(".shell-navbar", timeout=20)
    assert "Correo" not in enlaces_navbar(dash_duo)
    dash_duo.driver.get(dash_duo.server_url + "/correo")
    dash_duo.wait_for_text_to_equal(
        "#correo-sin-permiso",
        "Solo los administradores pueden ver y reintentar el correo saliente.",
        timeout=20,
    )
    assert not dash_duo.find_elements(".correo-fila")
