"""``/salud``, the load balancer's health check (issue #15), against real services: SQLite,
PostgreSQL and Redis on loopback, and TCP proxies (:mod:`tests.proxy_tcp`) frozen in front of
PostgreSQL and of Redis.

It answers without a session and without data, is never cached, says 200 while the database
answers (``ok``, or ``degradado`` when Redis or the mail worker is missing) and 503 when it does
not, and answers within a bound even while a service hangs. The bounds are generous limits for
a shared test machine, not timings.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import pytest
from redis import Redis
from rq import Queue, Worker
from sqlalchemy import Engine, make_url

from dashboard import create_app
from data_layer.config import Settings
from data_layer.correo.trabajador import COLA
from data_layer.db import get_engine
from tests.conftest import PG_URL, unavailable
from tests.proxy_tcp import ProxyTCP

#: A Redis database of this test module's own (others use other numbers).
REDIS_URL = "redis://127.0.0.1:6379/12"
#: The most /salud may take while a service hangs (asserted bound).
LIMITE_S = 8.0
CLAVES = {"estado", "base_de_datos", "cache", "cola", "en_cola", "trabajadores"}


def _app(database_url: str, redis_url: str | None = None):  # type: ignore[no-untyped-def]
    ajustes = dataclasses.replace(
        Settings.from_env(), database_url=database_url, redis_url=redis_url
    )
    return create_app(settings=ajustes)


def _salud(app) -> tuple[int, dict, float]:  # type: ignore[no-untyped-def]
    inicio = time.monotonic()
    respuesta = app.server.test_client().get("/salud")
    duracion = time.monotonic() - inicio
    assert respuesta.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in respuesta.headers
    cuerpo = respuesta.get_json()
    assert set(cuerpo) == CLAVES
    return respuesta.status_code, cuerpo, duracion


@pytest.fixture
def redis_limpio() -> Iterator[Redis]:
    """Redis database 12, emptied before and after."""
    cliente = Redis.from_url(REDIS_URL)
    try:
        cliente.flushdb()
    except Exception as exc:  # any connection failure means "no server"
        unavailable(f"Redis no disponible en {REDIS_URL}: {exc.__class__.__name__}")
    yield cliente
    cliente.flushdb()
    cliente.close()


def test_without_redis_an_anonymous_check_says_ok_and_shows_no_data(sqlite_engine: Engine):
    """On the embedded SQLite database without Redis, an anonymous GET answers 200 with
    ``ok``, the cache and queue as ``sin_redis``, no cookie, ``Cache-Control: no-store``, and
    nothing else (no user, no figure)."""
    app = _app(sqlite_engine.url.render_as_string(hide_password=False))
    codigo, cuerpo, _ = _salud(app)
    assert codigo == 200
    assert cuerpo == {
        "estado": "ok",
        "base_de_datos": "ok",
        "cache": "sin_redis",
        "cola": "sin_redis",
        "en_cola": None,
        "trabajadores": None,
    }


@pytest.mark.postgres
def test_with_postgres_and_redis_the_worker_decides_ok_or_degraded(
    _postgres: Engine, redis_limpio: Redis
) -> None:
    """On PostgreSQL + Redis without a mail worker the check is ``degradado`` but 200 (the
    server can serve pages) with ``sin_trabajador`` and the queued count; with a registered RQ
    worker on the mail queue it is ``ok``."""
    app = _app(PG_URL, REDIS_URL)
    cola = Queue(COLA, connection=redis_limpio)
    cola.enqueue("data_layer.correo.trabajador.enviar", "postgresql://nadie@127.0.0.1:9/x")
    codigo, cuerpo, _ = _salud(app)
    assert codigo == 200
    assert cuerpo["estado"] == "degradado" and cuerpo["cola"] == "sin_trabajador"
    assert cuerpo["base_de_datos"] == "ok" and cuerpo["cache"] == "ok"
    assert cuerpo["en_cola"] == 1 and cuerpo["trabajadores"] == 0

    trabajador = Worker([cola], connection=redis_limpio)
    trabajador.register_birth()
    try:
        codigo, cuerpo, _ = _salud(app)
    finally:
        trabajador.register_death()
    assert codigo == 200
    assert cuerpo["estado"] == "ok" and cuerpo["cola"] == "ok" and cuerpo["trabajadores"] == 1


@pytest.mark.postgres
def test_with_postgres_frozen_the_check_answers_503_in_time_and_recovers(
    _postgres: Engine,
) -> None:
    """Through a frozen proxy in front of PostgreSQL the check answers 503 ``falla`` within
    the bound (the balancer takes the server out), both with a pooled connection and without;
    unfrozen, the same app answers 200 again."""
    url = make_url(PG_URL)
    with ProxyTCP(url.host or "127.0.0.1", url.port or 5432) as proxy:
        por_proxy = url.set(host="127.0.0.1", port=proxy.puerto)
        texto = por_proxy.render_as_string(hide_password=False)
        app = _app(texto)
        assert _salud(app)[0] == 200
        proxy.congelar()
        try:
            for _ in range(2):
                codigo, cuerpo, duracion = _salud(app)
                assert codigo == 503
                assert cuerpo["estado"] == "falla" and cuerpo["base_de_datos"] == "falla"
                assert duracion < LIMITE_S, f"respondió en {duracion:.1f} s"
        finally:
            proxy.descongelar()
        codigo, cuerpo, _ = _salud(app)
        assert codigo == 200 and cuerpo["base_de_datos"] == "ok"
        get_engine(texto).dispose()


@pytest.mark.postgres
def test_with_redis_frozen_the_check_is_degraded_not_failed(
    _postgres: Engine, redis_limpio: Redis
) -> None:
    """Through a frozen proxy in front of Redis the check still answers 200 within the bound,
    ``degradado`` with the cache and queue as ``falla`` (Redis is a cache: the server keeps
    serving); unfrozen, the cache is ``ok`` again."""
    with ProxyTCP("127.0.0.1", 6379) as proxy:
        redis_por_proxy = f"redis://127.0.0.1:{proxy.puerto}/12"
        app = _app(PG_URL, redis_por_proxy)
        assert _salud(app)[1]["cache"] == "ok"
        proxy.congelar()
        try:
            codigo, cuerpo, duracion = _salud(app)
        finally:
            proxy.descongelar()
        assert codigo == 200
        assert cuerpo["estado"] == "degradado"
        assert cuerpo["cache"] == "falla" and cuerpo["cola"] == "falla"
        assert cuerpo["base_de_datos"] == "ok"
        assert duracion < LIMITE_S, f"respondió en {duracion:.1f} s"
        assert _salud(app)[1]["cache"] == "ok"
