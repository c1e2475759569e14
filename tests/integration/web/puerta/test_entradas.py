"""What the front door accepts (issue #9): paths and ``next`` values with control characters get a
400 (not a 500), bodies over the size limit a Spanish 413, ``/favicon.ico`` only an icon, and the
login, password and error pages come from Jinja templates (escaped) of the ``acceso`` blueprint.
"""

from __future__ import annotations

import json

import pytest
from flask import template_rendered

from tests.conftest import llamada_barra
from tests.integration.web.puerta.ayuda import (
    USUARIO,
    app_de,
    cliente_desde,
    csrf_de,
    entrar,
)

RUTAS_CON_CONTROL = [
    "/a%0d%0aSet-Cookie:%20x=1",
    "/metas/%0a",
    "/sectores/SAL%0d",
    "/a%00b",
    "/alertas%09x",
    "/x%7f",
    "/_dash-layout%0a",
    "/assets/custom.css%0d%0a",
]


@pytest.fixture
def app(url_puerta, monkeypatch):
    """A production app (the default settings) on the small database."""
    return app_de(url_puerta, monkeypatch)


@pytest.mark.parametrize("ruta", RUTAS_CON_CONTROL)
def test_paths_with_control_characters_answer_400(app, ruta) -> None:
    """A path with CR, LF, NUL, TAB or DEL is refused with a Spanish 400, logged in or not,
    instead of failing while building the redirect to the login page."""
    anonimo = cliente_desde(app, "10.2.0.1")
    conectado = cliente_desde(app, "10.2.0.2")
    assert entrar(conectado).status_code == 302
    for c in (anonimo, conectado):
        respuesta = c.get(ruta)
        assert respuesta.status_code == 400, (ruta, respuesta.status_code)
        assert "Location" not in respuesta.headers
        texto = respuesta.get_json()["error"] if respuesta.is_json else respuesta.text
        assert "no es válida" in texto


@pytest.mark.parametrize(
    "siguiente", ["/x\r\nSet-Cookie: a=b", "/\nmetas", "/a\x00", "/\tx", "/metas/\x7f"]
)
def test_next_with_control_characters_answers_400(app, siguiente) -> None:
    """A ``next`` value with control characters is refused (400) on the login form and on its
    POST, and no Location header is built from it; the user is not logged in by that request."""
    c = cliente_desde(app, "10.2.0.3")
    assert c.get("/login", query_string={"next": siguiente}).status_code == 400
    respuesta = entrar(c, campos={"next": siguiente})
    assert respuesta.status_code == 400
    assert "Location" not in respuesta.headers
    assert c.get("/_dash-layout").status_code == 401


def test_next_never_leaves_the_site(app) -> None:
    """``next`` values that browsers would follow to another site (``//host``, ``/\\host``,
    absolute URLs) are ignored: the user lands on their home, ``/inicio``, after login."""
    for siguiente in ("//malo.example/x", "/\\malo.example/x", "https://malo.example/x"):
        c = cliente_desde(app, "10.2.0.9")
        respuesta = entrar(c, campos={"next": siguiente})
        assert respuesta.headers["Location"] == "/inicio", siguiente


def test_a_malformed_utf8_path_answers_400(app) -> None:
    """A path whose percent-escapes are not UTF-8 is refused instead of being followed with
    replacement characters."""
    assert cliente_desde(app, "10.2.0.4").get("/%ff%fe").status_code == 400


def test_favicon_is_an_icon_and_nothing_else(app) -> None:
    """``/favicon.ico`` (public) answers an image: not Dash's index with its versions and
    component ids."""
    respuesta = cliente_desde(app, "10.2.0.5").get("/favicon.ico")
    assert respuesta.status_code == 200
    assert respuesta.mimetype.startswith("image/")
    cuerpo = respuesta.get_data()
    assert cuerpo[:4] == b"\x00\x00\x01\x00"  # the ICO header
    for rastro in (b"_dash", b"dash-renderer", b"<html", b"react"):
        assert rastro not in cuerpo


def _llamada(tamano: int) -> bytes:
    relleno = "x" * tamano
    return json.dumps(llamada_barra(relleno)).encode()


def test_a_callback_over_the_size_limit_gets_a_spanish_413(app) -> None:
    """A callback body over the 2 MB default is refused with 413 and a Spanish JSON message; one
    just under it is read as usual."""
    c = cliente_desde(app, "10.2.0.6")
    assert entrar(c).status_code == 302
    cabeceras = {"Content-Type": "application/json"}
    grande = c.post("/_dash-update-component", data=_llamada(2_100_000), headers=cabeceras)
    assert grande.status_code == 413
    assert "demasiado grande" in grande.get_json()["error"]
    normal = c.post("/_dash-update-component", data=_llamada(1_000), headers=cabeceras)
    assert normal.status_code == 200


def test_the_size_limit_is_configurable(url_puerta, monkeypatch) -> None:
    """``SIGPRET_MAX_SOLICITUD_MB`` changes the limit; a login form over it gets a Spanish page."""
    app = app_de(url_puerta, monkeypatch, SIGPRET_MAX_SOLICITUD_MB="0.5")
    c = cliente_desde(app, "10.2.0.7")
    respuesta = c.post(
        "/login", data={"csrf_token": csrf_de(c), "usuario": USUARIO, "clave": "x" * 600_000}
    )
    assert respuesta.status_code == 413
    texto = respuesta.get_data(as_text=True)
    assert '<html lang="es">' in texto and "demasiado grande" in texto


def test_front_door_pages_are_jinja_templates_of_a_blueprint(app) -> None:
    """Login, password change and error pages are rendered from templates by the ``acceso``
    blueprint, and what the user typed comes back escaped."""
    endpoints = {r.rule: r.endpoint for r in app.server.url_map.iter_rules()}
    assert {endpoints[r] for r in ("/login", "/logout", "/clave", "/favicon.ico")} == {
        "acceso.login",
        "acceso.logout",
        "acceso.clave",
        "acceso.favicon",
    }
    vistas: list[str] = []

    def anotar(_app, template, context, **_extra) -> None:
        vistas.append(template.name)

    c = cliente_desde(app, "10.2.0.8")
    with template_rendered.connected_to(anotar, app.server):
        malo = entrar(c, usuario="<b>x</b>", clave="no-es-la-clave")
        c.get("/ruta%0amala")
        entrar(c)
        c.get("/clave")
    assert "&lt;b&gt;x&lt;/b&gt;" in malo.get_data(as_text=True)
    assert "<b>x</b>" not in malo.get_data(as_text=True)
    assert vistas == ["login.html", "login.html", "error.html", "login.html", "clave.html"]


def test_head_of_the_login_page_answers_like_get(app) -> None:
    """A load balancer's or monitor's ``HEAD /login`` gets 200, not the refused-form 400 (Flask
    adds HEAD to every GET route; it must not be taken for a form submission)."""
    cliente = cliente_desde(app, "10.2.0.9")
    assert cliente.head("/login").status_code == 200
    assert cliente.get("/login").status_code == 200
