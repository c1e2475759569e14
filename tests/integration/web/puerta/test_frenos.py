"""Throttling without lockout (issue #9), through the real forms on SQLite and PostgreSQL.

Failures slow down one user *from one address* (progressive delays, told in Spanish at once); no
one can lock another person's account; parallel attempts never get more password checks than
allowed; each address has a request rate limit (Flask-Limiter: Redis when ``REDIS_URL`` is set,
memory otherwise, memory again while Redis is down); ``/clave`` shares the throttle and audits a
wrong current password.
"""

from __future__ import annotations

import socket
import threading

from data_layer import auth, freno
from data_layer.db import get_engine, session_factory
from tests.conftest import unavailable
from tests.integration.web.puerta.ayuda import (
    CLAVE,
    USUARIO,
    app_de,
    cliente_desde,
    csrf_de,
    cuantas,
    entrar,
)

MALA = "clave-equivocada-1"
REDIS_PRUEBAS = "redis://127.0.0.1:6379/5"


def test_failures_from_many_addresses_do_not_lock_the_account(url_puerta, monkeypatch) -> None:
    """Five wrong passwords for a user from five addresses (today's lockout) do not stop the
    user from logging in from a sixth address, nor from one of those five."""
    app = app_de(url_puerta, monkeypatch)
    for i in range(5):
        assert entrar(cliente_desde(app, f"10.4.0.{i}"), clave=MALA).status_code == 401
    assert entrar(cliente_desde(app, "10.4.0.99")).status_code == 302
    assert entrar(cliente_desde(app, "10.4.0.1")).status_code == 302


def test_repeated_failures_from_one_address_wait_longer_each_time(
    url_puerta, monkeypatch, reloj
) -> None:
    """After five failures of one user from one address the next attempt, even with the right
    password, is answered at once with how long to wait, without checking the password; the same
    user from another address is not slowed down; once the wait is over the right password
    works."""
    app = app_de(url_puerta, monkeypatch)
    c = cliente_desde(app, "10.4.1.1")
    for _ in range(5):
        assert entrar(c, clave=MALA).status_code == 401
    assert cuantas(url_puerta, "login_fallido") == 5
    frenada = entrar(c)
    assert frenada.status_code == 429
    texto = frenada.get_data(as_text=True)
    assert "Espere 2 segundos" in texto and "15 minutos" not in texto
    assert cuantas(url_puerta, "login_fallido") == 5  # the password was not checked
    assert cuantas(url_puerta, "login_bloqueado") == 1
    assert entrar(cliente_desde(app, "10.4.1.2")).status_code == 302
    reloj.avanzar(2)
    assert entrar(c).status_code == 302


def test_parallel_wrong_passwords_get_at_most_the_allowed_checks(
    url_puerta, monkeypatch, reloj
) -> None:
    """Sixteen wrong passwords posted at once from one address: at most five are checked (five
    ``login_fallido`` records); the rest are told to wait."""
    app = app_de(url_puerta, monkeypatch)
    clientes = [cliente_desde(app, "10.4.2.1") for _ in range(16)]
    tokens = [csrf_de(c) for c in clientes]
    salida = threading.Barrier(len(clientes))
    estados: list[int] = []

    def intentar(c, token: str) -> None:
        salida.wait()
        r = c.post("/login", data={"csrf_token": token, "usuario": USUARIO, "clave": MALA})
        estados.append(r.status_code)

    pares = zip(clientes, tokens, strict=True)
    hilos = [threading.Thread(target=intentar, args=par) for par in pares]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(timeout=120)
    assert len(estados) == 16 and set(estados) <= {401, 429}
    assert cuantas(url_puerta, "login_fallido") == freno.MAX_FALLOS
    assert cuantas(url_puerta, "login_bloqueado") == 16 - freno.MAX_FALLOS


def test_each_address_has_a_rate_limit_in_spanish(url_puerta, monkeypatch) -> None:
    """``SIGPRET_LIMITE_LOGIN``: past the limit an address gets 429 with a Spanish page, even for
    other user names; another address is not affected."""
    app = app_de(url_puerta, monkeypatch, SIGPRET_LIMITE_LOGIN="3 per minute")
    c = cliente_desde(app, "10.4.3.1")
    for i in range(3):
        assert entrar(c, usuario=f"otro{i}", clave=MALA).status_code == 401
    excedida = entrar(c)
    assert excedida.status_code == 429
    texto = excedida.get_data(as_text=True)
    assert '<html lang="es">' in texto and "Demasiadas solicitudes" in texto
    assert entrar(cliente_desde(app, "10.4.3.2")).status_code == 302


def _redis_o_nada(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.RedisError as exc:
        unavailable(f"Redis no disponible en {url}: {exc.__class__.__name__}")


def test_with_redis_the_rate_limit_is_shared_by_workers(url_puerta, monkeypatch) -> None:
    """With ``REDIS_URL`` two apps (two workers) count the same address together."""
    _redis_o_nada(REDIS_PRUEBAS)
    entorno = {"REDIS_URL": REDIS_PRUEBAS, "SIGPRET_LIMITE_LOGIN": "3 per minute"}
    uno, otro = (app_de(url_puerta, monkeypatch, **entorno) for _ in range(2))
    assert entrar(cliente_desde(uno, "10.4.4.1"), clave=MALA).status_code == 401
    assert entrar(cliente_desde(otro, "10.4.4.1"), clave=MALA).status_code == 401
    assert entrar(cliente_desde(uno, "10.4.4.1"), clave=MALA).status_code == 401
    assert entrar(cliente_desde(otro, "10.4.4.1")).status_code == 429


def _puerto_cerrado() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_redis_outage_degrades_to_memory(url_puerta, monkeypatch) -> None:
    """With Redis down, logging in still works (no 500) and each worker keeps limiting the
    address in memory."""
    caido = f"redis://127.0.0.1:{_puerto_cerrado()}/5"
    app = app_de(url_puerta, monkeypatch, REDIS_URL=caido, SIGPRET_LIMITE_LOGIN="3 per minute")
    c = cliente_desde(app, "10.4.5.1")
    assert entrar(c).status_code == 302
    assert entrar(cliente_desde(app, "10.4.5.1"), clave=MALA).status_code == 401
    assert entrar(cliente_desde(app, "10.4.5.1"), clave=MALA).status_code == 401
    assert entrar(cliente_desde(app, "10.4.5.1"), clave=MALA).status_code == 429


def _cambiar(c, actual: str, nueva: str = "Otra-Clave-Nueva-27"):
    return c.post(
        "/clave",
        data={
            "csrf_token": csrf_de(c, "/clave"),
            "actual": actual,
            "nueva": nueva,
            "repetida": nueva,
        },
    )


def test_wrong_current_passwords_on_clave_are_audited_and_throttled(
    url_puerta, monkeypatch, reloj
) -> None:
    """Each wrong current password on ``/clave`` leaves an audit record; after five, the form
    asks to wait (even with the right one) and the password stays unchanged."""
    app = app_de(url_puerta, monkeypatch)
    c = cliente_desde(app, "10.4.6.1")
    assert entrar(c).status_code == 302
    for _ in range(5):
        respuesta = _cambiar(c, MALA)
        assert respuesta.status_code == 400
        assert "La clave actual no es correcta" in respuesta.get_data(as_text=True)
    registros = [r for r in _auditoria(url_puerta) if r.accion == "clave_actual_incorrecta"]
    assert [(r.usuario, r.direccion) for r in registros] == [(USUARIO, "10.4.6.1")] * 5
    frenada = _cambiar(c, CLAVE)
    assert frenada.status_code == 429 and "Espere" in frenada.get_data(as_text=True)
    with session_factory(get_engine(url_puerta))() as s:
        assert auth.verificar_clave(auth.buscar(s, USUARIO), CLAVE)


def _auditoria(url: str):
    from sqlalchemy import select

    from data_layer.models import Auditoria

    with session_factory(get_engine(url))() as s:
        return list(s.scalars(select(Auditoria).order_by(Auditoria.id)))
