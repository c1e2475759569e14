"""/avisos through the real Flask/Dash stack (on a private copy of the SQLite demo): the bell's
and the page's callbacks act only on the logged-in user's notices — a forged callback naming
another user's notice is refused and changes nothing; the user's own is marked."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest
from dash._utils import split_callback_id
from sqlalchemy import select

from dashboard import create_app
from data_layer.avisos.models import Aviso
from data_layer.avisos.servicio import AJENO
from data_layer.db import get_engine, session_factory
from data_layer.demo import clave_demo
from data_layer.models import Usuario
from tests.conftest import login_http


@pytest.fixture
def url(demo_database_url: str, tmp_path) -> str:
    """A private copy of the demo (the page marks notices)."""
    destino = tmp_path / "demo.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    return f"sqlite:///{destino}"


def _avisos(url: str, usuario: str) -> list[tuple[int, bool]]:
    with session_factory(get_engine(url))() as s:
        return [
            (i, leido is not None)
            for i, leido in s.execute(
                select(Aviso.id, Aviso.leido_en)
                .join(Usuario, Usuario.id == Aviso.usuario_id)
                .where(Usuario.usuario == usuario)
                .order_by(Aviso.id)
            )
        ]


def _marcar(app, c, aviso: int, tipo: str = "avisos-leer") -> str:
    """POST the page's marking callback as if ``aviso``'s button had been clicked."""
    salida, cb = next((k, v) for k, v in app.callback_map.items() if "avisos-mensaje" in k)
    boton = {"aviso": aviso, "type": tipo}

    def entrada(d: dict[str, Any]) -> Any:
        if d["id"] == "avisos-todos":
            return {"id": d["id"], "property": "n_clicks", "value": 0}
        ident = json.loads(d["id"])
        if ident["type"] == tipo:
            return [{"id": boton, "property": "n_clicks", "value": 1}]
        return []

    salidas = [
        {**o, "id": json.loads(o["id"])} if o["id"].startswith("{") else o
        for o in split_callback_id(salida)
    ]
    cuerpo = {
        "output": salida,
        "outputs": salidas,
        "inputs": [entrada(d) for d in cb["inputs"]],
        "state": [],
        "changedPropIds": [json.dumps(boton, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
    }
    r = c.post(
        "/_dash-update-component",
        data=json.dumps(cuerpo),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code in (200, 204), r.get_data(as_text=True)
    return json.dumps(r.get_json(silent=True), ensure_ascii=False)


def test_a_forged_callback_cannot_mark_another_users_notice(url: str) -> None:
    """upgret.sesal forges the button of a notice of ministro.salud: refused with the page's
    message, that notice stays unread; the same request with one of its own marks it read."""
    ajenos = _avisos(url, "ministro.salud")
    propios = _avisos(url, "upgret.sesal")
    assert ajenos and propios and not any(leido for _, leido in ajenos + propios)
    app = create_app(url)
    c = app.server.test_client()
    assert login_http(c, "upgret.sesal", clave_demo("upgret.sesal")).status_code == 302
    respuesta = _marcar(app, c, ajenos[0][0])
    assert AJENO in respuesta
    assert _avisos(url, "ministro.salud") == ajenos
    _marcar(app, c, propios[0][0])
    assert _avisos(url, "upgret.sesal")[0] == (propios[0][0], True)
    assert _avisos(url, "ministro.salud") == ajenos
