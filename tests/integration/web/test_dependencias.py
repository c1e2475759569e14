"""The renderer's list of callbacks (``/_dash-dependencies``), written once per process."""

from __future__ import annotations

import json

from dash._utils import to_json

from dashboard import create_app
from data_layer.demo import clave_demo
from tests.conftest import login_http


def test_dependencies_are_served_from_one_copy_equal_to_dashs(demo_database_url: str) -> None:
    """Every answer is the same JSON Dash would write for the app's callbacks (the pages'
    included), served from the copy kept after the first; anonymous visitors get none."""
    app = create_app(demo_database_url)
    cliente = app.server.test_client()
    assert cliente.get("/_dash-dependencies").status_code == 401
    login_http(cliente, "analista", clave_demo("analista"))
    primera = cliente.get("/_dash-dependencies")
    segunda = cliente.get("/_dash-dependencies")
    assert primera.status_code == segunda.status_code == 200
    assert primera.get_data() == segunda.get_data()
    assert json.loads(primera.get_data()) == json.loads(to_json(app._callback_list))
    assert any("shell-contexto" in c["output"] for c in json.loads(primera.get_data()))
    assert app._dependencias_json[1] == primera.get_data(as_text=True)
