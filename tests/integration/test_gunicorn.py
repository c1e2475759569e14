"""Smoke test of the production entry point: the real ``gunicorn "dashboard:create_server()"``."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_layer.db import make_engine
from data_layer.migrate import upgrade

REPO = Path(__file__).resolve().parents[2]
SEEDS_DEMO = REPO / "seeds" / "demo"
ARRANQUE_S = 45
PARADA_S = 15


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read().decode("utf-8")


@pytest.fixture
def seeded_url(tmp_path: Path) -> str:
    """A temp SQLite database, migrated, with the demo MCR imported and the demo users."""
    from data_layer.demo import crear_usuarios_demo
    from data_layer.importer import import_mcr

    url = f"sqlite:///{tmp_path / 'sigpret.db'}"
    engine = make_engine(url)
    upgrade(engine)
    resultado = import_mcr(engine, SEEDS_DEMO, es_demo=True)
    crear_usuarios_demo(engine)
    engine.dispose()
    assert resultado.ok, [str(e) for e in resultado.errores]
    return url


@pytest.fixture
def gunicorn_server(seeded_url: str, tmp_path: Path) -> Iterator[str]:
    """gunicorn serving the dashboard on a free loopback port; stopped after the test."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    comando = [str(gunicorn)] if gunicorn.exists() else [shutil.which("gunicorn") or "gunicorn"]
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": seeded_url,
        "SIGPRET_INSTANCE": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    log = (tmp_path / "gunicorn.log").open("w")
    proceso = subprocess.Popen(
        [
            *comando,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
            "dashboard:create_server()",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + ARRANQUE_S
        while True:
            if proceso.poll() is not None:
                pytest.fail(
                    "gunicorn terminó al arrancar:\n" + (tmp_path / "gunicorn.log").read_text()
                )
            try:
                _get(base + "/login", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > limite:
                    pytest.fail("gunicorn no respondió a tiempo")
                time.sleep(0.2)
        yield base
    finally:
        proceso.terminate()
        try:
            proceso.wait(timeout=PARADA_S)
        except subprocess.TimeoutExpired:
            proceso.kill()
            proceso.wait(timeout=PARADA_S)
        log.close()


def test_gunicorn_serves_the_spanish_dashboard(gunicorn_server: str):
    """The Procfile's entry point starts; anonymous visitors get the Spanish login page and
    callbacks answer 401; after logging in through the form the page is Spanish with vendored
    assets only, every response carries the security headers, and a worker reaches the seeded
    database through a real callback."""
    from data_layer.demo import clave_demo

    navegador = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with navegador.open(gunicorn_server + "/", timeout=10) as r:  # redirected to /login
        assert r.url.startswith(gunicorn_server + "/login")
        login = r.read().decode()
        cabeceras = r.headers
    assert '<html lang="es">' in login
    assert "frame-ancestors 'none'" in cabeceras["Content-Security-Policy"]
    assert "unsafe-eval" not in cabeceras["Content-Security-Policy"]
    assert cabeceras["X-Content-Type-Options"] == "nosniff"

    peticion = {
        "output": "shell-alertas-badge.children",
        "outputs": {"id": "shell-alertas-badge", "property": "children"},
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/"}],
        "changedPropIds": [],
        "state": [],
    }

    def callback() -> urllib.request.Request:
        return urllib.request.Request(
            gunicorn_server + "/_dash-update-component",
            data=json.dumps(peticion).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )

    with pytest.raises(urllib.error.HTTPError) as anonimo:
        navegador.open(callback(), timeout=10)
    assert anonimo.value.code == 401

    token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    formulario = urllib.parse.urlencode(
        {"csrf_token": token, "usuario": "analista", "clave": clave_demo("analista")}
    ).encode()
    with navegador.open(gunicorn_server + "/login", data=formulario, timeout=30) as r:
        html = r.read().decode()
    assert '<html lang="es">' in html and "/assets/bootstrap.min.css" in html
    assert "cdn." not in html and "https://" not in html.split("<footer>")[0]

    with navegador.open(gunicorn_server + "/assets/plotly-locale-es.js", timeout=10) as r:
        assert r.status == 200 and 'name:"es"' in r.read().decode()

    # The navbar's alert badge: a worker loads the MCR from the database and runs the engine.
    with navegador.open(callback(), timeout=60) as r:
        respuesta = json.loads(r.read())
    insignia = respuesta["response"]["shell-alertas-badge"]["children"]
    assert int(insignia[0].replace(",", "")) > 0  # the demo has high-severity alerts
