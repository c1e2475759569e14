"""The production entry points, for real: the Procfile's gunicorn command (threaded workers from
``gunicorn.conf.py``) and ``sigpret serve`` (the same gunicorn, run from Python), each on a free
loopback port, bounded in time."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_layer.db import make_engine
from data_layer.migrate import upgrade
from tests.conftest import llamada_barra

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


def _procfile_web() -> str:
    """The Procfile's ``web`` command, as a Procfile runner (Heroku, honcho) would run it."""
    for linea in (REPO / "Procfile").read_text().splitlines():
        if linea.startswith("web:"):
            return linea.removeprefix("web:").strip()
    raise AssertionError("el Procfile no tiene proceso web")


def _esperar(proceso: subprocess.Popen, base: str, log: Path) -> None:
    """Wait until ``base`` answers /login (the server started) or fail with its log."""
    limite = time.monotonic() + ARRANQUE_S
    while True:
        if proceso.poll() is not None:
            pytest.fail("el servidor terminó al arrancar:\n" + log.read_text())
        try:
            _get(base + "/login", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > limite:
                pytest.fail("el servidor no respondió a tiempo:\n" + log.read_text())
            time.sleep(0.2)


def _detener(proceso: subprocess.Popen) -> None:
    proceso.terminate()
    try:
        proceso.wait(timeout=PARADA_S)
    except subprocess.TimeoutExpired:
        proceso.kill()
        proceso.wait(timeout=PARADA_S)


class _ComoTrasHTTPS(http.cookiejar.DefaultCookiePolicy):
    """Send Secure cookies over the test's plain-HTTP loopback, as the TLS proxy in front would
    (production cookies are Secure whatever the address)."""

    def return_ok_secure(self, cookie, request) -> bool:
        """Always: the proxy in front of a real deployment speaks HTTPS."""
        return True


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


def _entorno(seeded_url: str, tmp_path: Path, port: int) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": seeded_url,
        "SIGPRET_INSTANCE": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(REPO),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    for variable in ("REDIS_URL", "SIGPRET_DESARROLLO", "SIGPRET_PROXY_SALTOS", "SIGPRET_HILOS"):
        env.pop(variable, None)
    return env


@pytest.fixture
def gunicorn_server(seeded_url: str, tmp_path: Path) -> Iterator[str]:
    """The Procfile's web process with two workers on a free loopback port; stopped after the
    test. ``GUNICORN_CMD_ARGS`` only moves the bind from all interfaces to 127.0.0.1."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    port = _free_port()
    env = _entorno(seeded_url, tmp_path, port)
    env["GUNICORN_CMD_ARGS"] = f"--bind=127.0.0.1:{port}"
    env["PATH"] = f"{gunicorn.parent}{os.pathsep}{env.get('PATH', '')}"
    ruta_log = tmp_path / "gunicorn.log"
    log = ruta_log.open("w")
    proceso = subprocess.Popen(
        ["sh", "-c", "exec " + _procfile_web()],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _esperar(proceso, base, ruta_log)
        yield base
    finally:
        _detener(proceso)
        log.close()


def test_gunicorn_serves_the_spanish_dashboard(gunicorn_server: str):
    """The Procfile's entry point starts; anonymous visitors get the Spanish login page and
    callbacks answer 401; after logging in through the form the page is Spanish with vendored
    assets only, every response carries the security headers, and a worker reaches the seeded
    database through a real callback."""
    from data_layer.demo import clave_demo

    navegador = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(_ComoTrasHTTPS()))
    )
    with navegador.open(gunicorn_server + "/", timeout=10) as r:  # redirected to /login
        assert r.url.startswith(gunicorn_server + "/login")
        login = r.read().decode()
        cabeceras = r.headers
    assert '<html lang="es">' in login
    assert "; Secure" in cabeceras["Set-Cookie"]  # production: Secure even on 127.0.0.1
    assert cabeceras["Strict-Transport-Security"].startswith("max-age=")
    assert "frame-ancestors 'none'" in cabeceras["Content-Security-Policy"]
    assert "unsafe-eval" not in cabeceras["Content-Security-Policy"]
    assert cabeceras["X-Content-Type-Options"] == "nosniff"

    peticion = llamada_barra("/")

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


def _conexion_lenta(port: int) -> socket.socket:
    """A client that has started a request and sends its headers very slowly."""
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return s


def test_each_request_gets_its_own_connection(gunicorn_server: str, tmp_path: Path):
    """gunicorn keeps no connection alive (issue #15): each answer closes its connection, so the
    next request goes to whichever worker is free instead of the one that accepted the first.
    Each of the two workers reads the data in the background after the fork (``post_fork``)."""
    import http.client

    limite = time.monotonic() + ARRANQUE_S
    registro = tmp_path / "gunicorn.log"
    while registro.read_text().count("leídos y precalculados") < 2:
        assert time.monotonic() < limite, registro.read_text()[-2000:]
        time.sleep(0.2)

    puerto = int(gunicorn_server.rsplit(":", 1)[1])
    conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=10)
    try:
        conexion.request("GET", "/login", headers={"Connection": "keep-alive"})
        respuesta = conexion.getresponse()
        respuesta.read()
        assert respuesta.status == 200
        assert respuesta.getheader("Connection") == "close"
        assert respuesta.will_close
    finally:
        conexion.close()


def test_two_slow_header_connections_do_not_stall_a_request(gunicorn_server: str):
    """Two clients dripping one header line every half second (slowloris) hold a thread each;
    with the Procfile's two workers a normal request is still answered within seconds (with
    synchronous workers both workers would wait on them)."""
    port = int(gunicorn_server.rsplit(":", 1)[1])
    lentas = [_conexion_lenta(port) for _ in range(2)]
    parar = threading.Event()

    def gotear() -> None:
        while not parar.wait(0.5):
            for s in lentas:
                s.sendall(b"X-Lento: 1\r\n")

    goteo = threading.Thread(target=gotear, daemon=True)
    goteo.start()
    try:
        time.sleep(1.5)  # both slow requests are being read by now
        inicio = time.monotonic()
        try:
            estado, html = _get(gunicorn_server + "/login", timeout=8)
        except (urllib.error.URLError, TimeoutError) as exc:
            pytest.fail(f"una solicitud normal quedó bloqueada por dos conexiones lentas: {exc}")
        assert estado == 200 and '<html lang="es">' in html
        assert time.monotonic() - inicio < 5
    finally:
        parar.set()
        goteo.join(timeout=5)
        for s in lentas:
            s.close()


def test_sigpret_serve_runs_gunicorn_on_loopback(seeded_url: str, tmp_path: Path):
    """``sigpret serve`` (what ``make run`` calls) serves through gunicorn, not Flask's
    development server, on 127.0.0.1 by default, in development mode (plain-HTTP cookies)."""
    sigpret = Path(sys.executable).with_name("sigpret")
    comando = [str(sigpret)] if sigpret.exists() else [sys.executable, "-m", "data_layer.cli"]
    port = _free_port()
    ruta_log = tmp_path / "serve.log"
    log = ruta_log.open("w")
    proceso = subprocess.Popen(
        [*comando, "serve", "--port", str(port)],
        cwd=REPO,
        env=_entorno(seeded_url, tmp_path, port),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _esperar(proceso, base, ruta_log)
        with urllib.request.urlopen(base + "/login", timeout=5) as r:
            servidor = r.headers.get("Server", "")
            cookie = r.headers.get("Set-Cookie", "")
        assert "gunicorn" in servidor.lower(), servidor
        assert "werkzeug" not in servidor.lower()
        assert cookie and "Secure" not in cookie
    finally:
        _detener(proceso)
        log.close()
    assert "modo de desarrollo" in ruta_log.read_text()
