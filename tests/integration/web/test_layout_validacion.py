"""What the browser's renderer used to check, checked here once (issue #15).

Browsers no longer receive Dash's validation layout (400 KB in every page): the server still
builds it, and this test makes sure every id a callback names (inputs, states, outputs;
pattern-matching ids by their fixed keys) exists in some page's layout, so a typo in an id
still fails before it reaches anybody.
"""

from __future__ import annotations

import json
import re
from typing import Any

from dash._utils import split_callback_id

from dashboard import create_app
from tests.integration.web.test_acceso import cliente

#: How a pattern-matching wildcard arrives in the callback map.
_COMODINES = (["ALL"], ["MATCH"], ["ALLSMALLER"])


def _ids(componente: Any) -> tuple[set[str], list[dict]]:
    """String ids and dict ids of a component tree."""
    textos: set[str] = set()
    dicts: list[dict] = []
    pila = [componente]
    while pila:
        c = pila.pop()
        if isinstance(c, list | tuple):
            pila.extend(c)
            continue
        if not hasattr(c, "to_plotly_json"):
            continue
        ident = getattr(c, "id", None)
        if isinstance(ident, str):
            textos.add(ident)
        elif isinstance(ident, dict):
            dicts.append(ident)
        for nombre in getattr(c, "_prop_names", []):
            valor = getattr(c, nombre, None)
            if hasattr(valor, "to_plotly_json") or isinstance(valor, list | tuple):
                pila.append(valor)
    return textos, dicts


def _coincide(patron: dict, ident: dict) -> bool:
    if set(patron) != set(ident):
        return False
    return all(v in _COMODINES or ident[k] == v for k, v in patron.items())


def _nombrados(app) -> list[str | dict]:
    ids: list[str | dict] = []
    for salida, declarado in app.callback_map.items():
        salidas = split_callback_id(salida)
        ids.extend(o["id"] for o in (salidas if isinstance(salidas, list) else [salidas]))
        ids.extend(d["id"] for d in [*declarado.get("inputs", []), *declarado.get("state", [])])
    return [json.loads(i) if isinstance(i, str) and i.startswith("{") else i for i in ids]


def test_every_callback_id_exists_in_some_page_layout(demo_database_url) -> None:
    """Each string id named by a callback is in the validation layout; each pattern-matching id
    without a wildcard matches a dict id of it (ids with a wildcard may match none, as in the
    renderer: their components are created by callbacks)."""
    app = create_app(demo_database_url)
    textos, dicts = _ids(app.validation_layout)
    assert len(textos) > 200
    faltan = [
        i
        for i in _nombrados(app)
        if (isinstance(i, str) and i not in textos)
        or (
            isinstance(i, dict)
            and not any(v in _COMODINES for v in i.values())
            and not any(_coincide(i, d) for d in dicts)
        )
    ]
    assert faltan == []


def test_pages_do_not_ship_the_validation_layout(demo_database_url) -> None:
    """A page's HTML carries no validation layout and tells the renderer to skip the check; it
    stays small (it was 415 KB)."""
    app = create_app(demo_database_url)
    html = cliente(app, "analista").get("/alertas").get_data(as_text=True)
    config = json.loads(
        re.search(
            r'<script id="_dash-config" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert "validation_layout" not in config
    assert config["suppress_callback_exceptions"] is True
    assert len(html.encode()) < 30 * 1024
