"""Every server process starts the same, whoever its first visitor is.

Dash builds its validation layout (the ids every callback may name) on the first request a
process serves, calling every page's layout as that request's user. Under gunicorn each worker
has its own first request: a minister's would have left that worker with the refusal of the
pages he may not open, so everybody served by it after him got «ID not found in layout» errors
and a broken audit page. The app now serves one anonymous request while it is created.
"""

from __future__ import annotations

import base64
import hashlib
import re

from dashboard import create_app
from tests.integration.web.test_acceso import cliente


def _ids(componente) -> set[str]:
    """Every string id in a component tree."""
    encontrados: set[str] = set()
    pila = [componente]
    while pila:
        c = pila.pop()
        if isinstance(c, list | tuple):
            pila.extend(c)
            continue
        if not hasattr(c, "to_plotly_json"):
            continue
        if isinstance(getattr(c, "id", None), str):
            encontrados.add(c.id)
        pila.append(getattr(c, "children", None))
    return encontrados


def test_a_ministers_first_request_leaves_every_page_skeleton(demo_database_url) -> None:
    """A process whose first request is a minister's (logged in on another process of the
    same deployment) still knows the audit and import pages' ids, reserved to other roles."""
    otro = create_app(demo_database_url)
    ministro = cliente(otro, "ministro.salud")
    galleta = ministro.get_cookie("sigpret_sesion")
    assert galleta is not None

    app = create_app(demo_database_url)
    c = app.server.test_client()
    c.set_cookie("sigpret_sesion", galleta.value)
    r = c.get("/_dash-layout")
    assert r.status_code == 200
    ids = _ids(app.validation_layout)
    assert "auditoria-usuario" in ids
    assert "auditoria-sin-permiso" not in ids


def test_the_page_scripts_are_allowed_by_the_csp(demo_database_url) -> None:
    """Every inline script of the page is listed in the Content-Security-Policy, for the first
    visitor of a process as for the next (the title's script included)."""
    app = create_app(demo_database_url)
    c = cliente(app, "analista")
    for _ in range(2):
        r = c.get("/alertas")
        csp = r.headers["Content-Security-Policy"]
        html = r.get_data(as_text=True)
        for script in re.findall(r"<script>(.*?)</script>", html, re.S):
            huella = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{huella}'" in csp
