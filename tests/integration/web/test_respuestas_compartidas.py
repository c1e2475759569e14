"""Callback answers shared by users of one scope while the data stay the same (issue #15,
:mod:`dashboard.respuestas`), on the demo (SQLite and PostgreSQL): what a shared answer holds is
exactly what the callback computes for that scope and data, never another scope's, and a committed
write renews it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bench.validacion import sembrar_envios
from dashboard import create_app, respuestas
from data_layer.db import get_engine
from tests.conftest import cliente_demo, llamada_barra

INDICADOR = "MS-SAL-01-I1"
#: An indicator of another sector (Educación): Salud's mesa coordinator may not see it.
AJENO = "MS-EDU-01-I1"


@pytest.fixture
def app(private_demo_url: str):
    """A fresh app on a private copy of the demo (the tests write)."""
    return create_app(private_demo_url)


def _cuerpo(app, funcion: str, valores: dict[str, Any]) -> dict[str, Any]:
    """The body Dash's renderer sends for the callback named ``funcion`` (the first one), with
    ``valores`` by component id (others None), fired by all its inputs."""
    salida, cb = next(
        (k, v)
        for k, v in app.callback_map.items()
        if getattr(v.get("callback"), "__name__", None) == funcion
    )
    salidas = []
    for parte in salida.strip(".").split("..."):
        ident, propiedad = parte.rsplit(".", 1)
        salidas.append(
            {"id": json.loads(ident) if ident.startswith("{") else ident, "property": propiedad}
        )

    def dep(d: dict[str, Any]) -> dict[str, Any]:
        return {"id": d["id"], "property": d["property"], "value": valores.get(d["id"])}

    return {
        "output": salida,
        "outputs": salidas,
        "inputs": [dep(d) for d in cb["inputs"]],
        "state": [dep(d) for d in cb.get("state", [])],
        "changedPropIds": [f"{d['id']}.{d['property']}" for d in cb["inputs"]],
    }


def _pedir(c, cuerpo: dict[str, Any]) -> bytes:
    r = c.post(
        "/_dash-update-component",
        data=json.dumps(cuerpo),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    return bytes(r.get_data())


def _fresca(app, c, cuerpo: dict[str, Any]) -> bytes:
    """The callback's own answer now, with nothing kept."""
    respuestas.de(app.server).vaciar()
    return _pedir(c, cuerpo)


def _indicador(app, codigo: str) -> dict[str, Any]:
    return _cuerpo(app, "render_indicador", {"indicador-params": {"codigo": codigo}})


def test_a_shared_answer_is_the_callbacks_own_and_served_again(app) -> None:
    """The indicator page's content: the second request is served from memory, byte for byte
    what the callback computes (checked against a fresh computation)."""
    c = cliente_demo(app, "analista")
    c.get("/")  # Dash collects the callbacks on the first request
    cuerpo = _indicador(app, INDICADOR)
    memoria = respuestas.de(app.server)
    primera = _pedir(c, cuerpo)
    aciertos = memoria.aciertos
    segunda = _pedir(c, cuerpo)
    assert memoria.aciertos == aciertos + 1
    assert segunda == primera
    assert _fresca(app, c, cuerpo) == primera
    assert INDICADOR.encode() in primera


def test_a_shared_answer_costs_the_session_check_only(app, private_demo_url: str) -> None:
    """Served from memory, a request runs one SQL statement: the session check, which also
    brings the data versions the key needs."""
    from sqlalchemy import event

    c = cliente_demo(app, "analista")
    cuerpo = _indicador(app, INDICADOR)
    _pedir(c, cuerpo)
    sentencias: list[str] = []

    def contar(_conn, _cursor, sql, *_args) -> None:
        if not sql.lstrip().upper().startswith(("BEGIN", "SAVEPOINT", "RELEASE", "COMMIT")):
            sentencias.append(sql)

    motor = get_engine(private_demo_url)
    event.listen(motor, "before_cursor_execute", contar)
    try:
        _pedir(c, cuerpo)
    finally:
        event.remove(motor, "before_cursor_execute", contar)
    assert len(sentencias) == 1 and "sesion" in sentencias[0].lower(), sentencias


def test_scopes_never_share_an_answer(app) -> None:
    """The alert centre's counts asked first by an analyst (the whole MCR), then with the same
    body by Salud's mesa coordinator: the coordinator gets their own scope's answer (Salud), not
    the analyst's. An indicator of another sector, kept for the analyst, is refused to the
    coordinator as if nothing were kept."""
    analista, ministro = cliente_demo(app, "analista"), cliente_demo(app, "coord.salud")
    conteos = _cuerpo(app, "render_alertas", {"alertas-params": {"vista": "alertas"}})
    del_analista = _pedir(analista, conteos)
    del_ministro = _pedir(ministro, conteos)
    assert del_ministro != del_analista
    assert _fresca(app, ministro, conteos) == del_ministro

    ajeno = _indicador(app, AJENO)
    visto = _pedir(analista, ajeno)
    assert AJENO.encode() in visto and b"indicador-no-existe" not in visto
    negado = _pedir(ministro, ajeno)
    assert negado != visto and b"indicador-no-existe" in negado
    assert _fresca(app, ministro, ajeno) == negado


def test_a_committed_write_renews_the_answer(app, private_demo_url: str) -> None:
    """After institutions send values (the reporting service commits), the same request is
    computed again and matches a fresh computation; another user logging in (sessions and audit
    only) does not empty the kept answers."""
    c = cliente_demo(app, "analista")
    cuerpo = _cuerpo(app, "render_alertas", {"alertas-params": {"vista": "alertas"}})
    antes = _pedir(c, cuerpo)
    memoria = respuestas.de(app.server)
    cliente_demo(app, "analista2")
    aciertos = memoria.aciertos
    assert _pedir(c, cuerpo) == antes and memoria.aciertos == aciertos + 1

    assert sembrar_envios(get_engine(private_demo_url), 8)
    fallos = memoria.fallos
    despues = _pedir(c, cuerpo)
    assert memoria.fallos == fallos + 1
    assert _fresca(app, c, cuerpo) == despues


def test_unmarked_callbacks_are_never_kept(app) -> None:
    """The navbar (its notices badge counts the user's own notices) is computed on every
    request: nothing of it is kept."""
    c = cliente_demo(app, "analista")
    memoria = respuestas.de(app.server)
    antes = len(memoria)
    for _ in range(2):
        r = c.post("/_dash-update-component", json=llamada_barra("/"))
        assert r.status_code == 200 and b"shell-contexto" in r.get_data()
    assert len(memoria) == antes


def test_the_navbar_badges_follow_a_write(app, private_demo_url: str) -> None:
    """The navbar's shared part (data context, alerts and validation badges) is kept per scope
    and data: after institutions send values, the analyst's validation badge counts them."""

    def pendientes(c) -> int:
        r = c.post("/_dash-update-component", json=llamada_barra("/"))
        assert r.status_code == 200
        return int(r.get_json()["response"]["shell-validacion-badge"]["children"][0])

    c = cliente_demo(app, "analista")
    antes = pendientes(c)
    assert pendientes(c) == antes
    assert len(sembrar_envios(get_engine(private_demo_url), 6)) == 6
    despues = pendientes(c)
    assert despues == antes + 6


def test_memory_keeps_the_most_recent_answers_within_its_cap() -> None:
    """Past the byte cap the least recently used answers leave first; an answer larger than
    :data:`respuestas.TOPE_RESPUESTA` is not kept."""
    memoria = respuestas.Respuestas(tope_bytes=100)
    memoria.guardar("a", b"x" * 40, "application/json")
    memoria.guardar("b", b"y" * 40, "application/json")
    assert memoria.leer("a") is not None  # "a" is now the most recent
    memoria.guardar("c", b"z" * 40, "application/json")
    assert memoria.leer("b") is None
    assert memoria.leer("a") == (b"x" * 40, "application/json")
    assert memoria.leer("c") is not None
    memoria.guardar("d", b"w" * (respuestas.TOPE_RESPUESTA + 1), "application/json")
    assert memoria.leer("d") is None
