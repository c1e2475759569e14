"""Behind a reverse proxy (issue #9): trusted hops from configuration, Secure cookies and HSTS in
production whatever the Host header says, one structured log line per request without secrets.

Each test builds the app from environment variables, as gunicorn does, on a small database
(SQLite and PostgreSQL) and logs in through the real form.
"""

from __future__ import annotations

import json
import logging

import pytest

from tests.integration.web.puerta.ayuda import (
    CLAVE,
    USUARIO,
    acciones,
    app_de,
    cliente_desde,
    entrar,
)

CLIENTE = "203.0.113.7"  # the real client, as the proxy saw it
OTRO_CLIENTE = "198.51.100.23"
PROXY = "10.0.0.5"  # the proxy's own address: every request arrives from it


def test_with_one_hop_the_audit_log_records_the_forwarded_client(url_puerta, monkeypatch) -> None:
    """``SIGPRET_PROXY_SALTOS=1``: the login's audit record carries the X-Forwarded-For client,
    not the proxy's address."""
    app = app_de(url_puerta, monkeypatch, SIGPRET_PROXY_SALTOS="1")
    assert entrar(cliente_desde(app, PROXY, CLIENTE)).status_code == 302
    assert [r.direccion for r in acciones(url_puerta, "login")] == [CLIENTE]


def test_with_one_hop_throttling_sees_each_client(url_puerta, monkeypatch, reloj) -> None:
    """Behind one proxy, a client that keeps failing is slowed down, and a second client behind
    the same proxy (same TCP peer) still logs in at once."""
    app = app_de(url_puerta, monkeypatch, SIGPRET_PROXY_SALTOS="1")
    atacante = cliente_desde(app, PROXY, CLIENTE)
    for _ in range(6):
        atacante_respuesta = entrar(atacante, clave="clave-equivocada-1")
    assert "Espere" in atacante_respuesta.get_data(as_text=True)
    assert entrar(cliente_desde(app, PROXY, OTRO_CLIENTE)).status_code == 302
    fallidos = {r.direccion for r in acciones(url_puerta, "login_fallido")}
    assert fallidos == {CLIENTE}


def test_without_a_proxy_a_forged_forwarded_for_is_ignored(url_puerta, monkeypatch) -> None:
    """With the default of 0 hops, a client cannot choose its audited address by sending its own
    X-Forwarded-For."""
    app = app_de(url_puerta, monkeypatch)
    assert entrar(cliente_desde(app, OTRO_CLIENTE, "1.2.3.4")).status_code == 302
    assert [r.direccion for r in acciones(url_puerta, "login")] == [OTRO_CLIENTE]


@pytest.mark.parametrize("valor", ["-1", "dos", "9", "1.5"])
def test_a_wrong_number_of_hops_stops_the_start_with_a_clear_message(monkeypatch, valor) -> None:
    """A wrong ``SIGPRET_PROXY_SALTOS`` fails on load, naming the variable and what it takes."""
    from data_layer.config import ErrorConfiguracion, Settings

    monkeypatch.setenv("SIGPRET_PROXY_SALTOS", valor)
    with pytest.raises(ErrorConfiguracion, match=r"SIGPRET_PROXY_SALTOS .*entero de 0 a 5"):
        Settings.from_env()


def test_the_cli_stops_on_a_wrong_setting_with_a_spanish_message(monkeypatch, capsys) -> None:
    """Every ``sigpret`` command checks the settings first and explains a wrong one."""
    from data_layer import cli

    monkeypatch.setenv("SIGPRET_MAX_SOLICITUD_MB", "mucho")
    assert cli.main(["db", "purgar"]) == 2
    assert "SIGPRET_MAX_SOLICITUD_MB debe ser un tamaño en MB" in capsys.readouterr().err


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:8050", "sigpret.gob.hn"])
def test_production_cookies_are_secure_whatever_the_host(url_puerta, monkeypatch, host) -> None:
    """Outside development mode the session cookie is Secure even for a request that names a
    loopback Host, and every response carries HSTS."""
    app = app_de(url_puerta, monkeypatch)
    c = cliente_desde(app, "10.1.1.1")
    base = f"http://{host}"
    respuesta = entrar(c, base_url=base)
    assert respuesta.status_code == 302
    cookies = respuesta.headers.getlist("Set-Cookie")
    assert cookies and all("; Secure" in cookie for cookie in cookies)
    for r in (respuesta, c.get("/login", base_url=base), c.get("/no-existe", base_url=base)):
        assert r.headers["Strict-Transport-Security"].startswith("max-age=")


def test_development_mode_is_explicit(url_puerta, monkeypatch) -> None:
    """``SIGPRET_DESARROLLO=1`` (what ``sigpret serve`` sets on a loopback address) drops Secure
    and HSTS so the plain-HTTP local server works; nothing else does."""
    app = app_de(url_puerta, monkeypatch, SIGPRET_DESARROLLO="1")
    respuesta = entrar(cliente_desde(app, "127.0.0.1"))
    assert respuesta.status_code == 302
    assert not any("Secure" in c for c in respuesta.headers.getlist("Set-Cookie"))
    assert "Strict-Transport-Security" not in respuesta.headers


def _lineas(registros) -> list[logging.LogRecord]:
    return [r for r in registros.records if r.name == "sigpret.solicitudes"]


def test_one_json_line_per_request_without_secrets(url_puerta, monkeypatch, registros) -> None:
    """Each request leaves one JSON line (method, path, status, duration, user, client) in
    production; the password, the query string and the cookie never appear in it."""
    from dashboard.registro import FormatoJSON

    app = app_de(url_puerta, monkeypatch, SIGPRET_PROXY_SALTOS="1")
    c = cliente_desde(app, PROXY, CLIENTE)
    registros.clear()
    entrada = entrar(c)
    assert entrada.status_code == 302
    cookie = entrada.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    c.get("/_dash-layout?token=secreto-de-la-consulta")
    lineas = [json.loads(FormatoJSON().format(r)) for r in _lineas(registros)]
    assert [(ln["metodo"], ln["ruta"], ln["estado"]) for ln in lineas] == [
        ("GET", "/login", 200),
        ("POST", "/login", 302),
        ("GET", "/_dash-layout", 200),
    ]
    assert [ln["usuario"] for ln in lineas] == [None, USUARIO, USUARIO]  # who logged in
    assert {ln["direccion"] for ln in lineas} == {CLIENTE}
    assert all(isinstance(ln["duracion_ms"], int | float) for ln in lineas)
    texto = "\n".join(FormatoJSON().format(r) for r in registros.records)
    for secreto in (CLAVE, "secreto-de-la-consulta", cookie):
        assert secreto not in texto


def test_workers_starting_together_share_one_generated_secret_key(tmp_path) -> None:
    """Without SECRET_KEY, workers that start at once (``sigpret serve`` starts two) all read the
    same generated key, so a cookie signed by one worker is valid on the others (ten rounds of
    eight simultaneous starts, each in a fresh instance folder)."""
    import threading

    from dashboard.seguridad import _clave_secreta

    for ronda in range(10):
        instancia = tmp_path / str(ronda)
        salida = threading.Barrier(8)
        claves: list[str] = []

        def arrancar(instancia=instancia, salida=salida, claves=claves) -> None:
            salida.wait()
            claves.append(_clave_secreta(None, instancia))

        hilos = [threading.Thread(target=arrancar) for _ in range(8)]
        for h in hilos:
            h.start()
        for h in hilos:
            h.join(timeout=30)
        assert len(claves) == 8 and len(set(claves)) == 1, ronda
        assert (instancia / "secret_key").read_text().strip() == claves[0]
        assert [p.name for p in instancia.iterdir()] == ["secret_key"]
