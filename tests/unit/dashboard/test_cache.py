"""The result cache: Redis shared by workers when REDIS_URL is set, memory otherwise."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from dashboard.cache import cache_config, init_cache
from dashboard.data import Datos
from data_layer.engine.frames import Reglas
from tests.conftest import unavailable

FIXTURE_MCR = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"


def test_cache_config_picks_redis_only_with_a_url():
    """REDIS_URL selects RedisCache with a SIGPRET key prefix; without it, SimpleCache."""
    redis = cache_config("redis://127.0.0.1:6379/0")
    assert redis["CACHE_TYPE"] == "RedisCache"
    assert redis["CACHE_REDIS_URL"] == "redis://127.0.0.1:6379/0"
    assert redis["CACHE_KEY_PREFIX"] == "sigpret:"
    assert cache_config(None)["CACHE_TYPE"] == "SimpleCache"


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port (skipped when not installed, except in CI,
    where a missing Redis is a failure)."""
    binario = shutil.which("redis-server")
    if binario is None:
        unavailable("redis-server no está instalado")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proceso = subprocess.Popen(
        [binario, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        limite = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > limite:
                    pytest.fail("redis-server no arrancó")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proceso.terminate()
        proceso.wait(timeout=10)


def test_two_workers_share_results_through_redis(sqlite_engine, redis_url):
    """A result computed by one worker is found by another (same Redis, same key), and the
    key changes with the data version, so an import invalidates it for every worker."""
    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR).ok
    url = sqlite_engine.url.render_as_string(hide_password=False)
    trabajadores = [
        Datos(url, init_cache(Flask(f"w{i}"), cache_config(redis_url)), Reglas()) for i in (1, 2)
    ]
    corte = dt.date(2024, 12, 31)
    clave = trabajadores[0].clave_resultado("2024-T2", corte, trabajadores[0].version())
    assert clave == trabajadores[1].clave_resultado("2024-T2", corte, trabajadores[1].version())
    assert not trabajadores[1].cache.cache.has(clave)

    calculado = trabajadores[0].resultado("2024-T2", corte)
    assert trabajadores[1].cache.cache.has(clave)
    assert trabajadores[1].resultado("2024-T2", corte).metas.equals(calculado.metas)

    otra_version = trabajadores[0].clave_resultado("2024-T2", corte, trabajadores[0].version() + 1)
    assert otra_version != clave and not trabajadores[1].cache.cache.has(otra_version)


def test_a_frozen_or_dead_redis_is_a_miss_not_a_failure(sqlite_engine, redis_url, caplog):
    """Redis is a cache (issue #15): frozen (a silent partition) or stopped, results are computed
    without it, each read costs at most one short timeout before the process leaves Redis alone
    for a while (one log line), and once Redis answers again it is used again."""
    from dashboard import cache as cache_mod
    from data_layer.importer import import_mcr
    from tests.proxy_tcp import ProxyTCP

    assert import_mcr(sqlite_engine, FIXTURE_MCR).ok
    url = sqlite_engine.url.render_as_string(hide_password=False)
    puerto = int(redis_url.rsplit(":", 1)[1].split("/")[0])
    corte = dt.date(2024, 12, 31)
    with ProxyTCP("127.0.0.1", puerto) as proxy:
        ahora = [1000.0]
        tolerante = init_cache(Flask("w"), cache_config(f"redis://127.0.0.1:{proxy.puerto}/0"))
        tolerante._reloj = lambda: ahora[0]
        datos = Datos(url, tolerante, Reglas())
        esperado = datos.resultado("2024-T2", corte)
        proxy.congelar()
        with caplog.at_level("WARNING", logger="sigpret.cache"):
            inicio = time.monotonic()
            for periodo in ("2024-T1", "2024-T3", "2024-T4"):
                assert datos.resultado(periodo, corte).metas is not None
            assert time.monotonic() - inicio < 3 * cache_mod.ESPERA_REDIS_S + 5
        assert not tolerante.disponible()
        assert [r.getMessage() for r in caplog.records].count(caplog.records[0].getMessage()) == 1
        assert "se calcula sin ella" in caplog.records[0].getMessage()
        datos._memo.clear()
        assert datos.resultado("2024-T2", corte).metas.equals(esperado.metas)
        proxy.descongelar()
        ahora[0] += cache_mod.PAUSA_S + 1
        assert tolerante.disponible()
        clave = datos.clave_resultado("2024-T1", corte, datos.version())
        datos._memo.clear()
        datos.resultado("2024-T1", corte)
        assert tolerante.cache.has(clave)
