"""Handing a delivery job to a frozen Redis never holds a page (issue #15): the web gives up
within about a second; the message stays in the outbox for the worker's next pass."""

from __future__ import annotations

import time

import pytest
from redis.exceptions import RedisError

from data_layer.config import Settings
from data_layer.correo import trabajador
from tests.proxy_tcp import ProxyTCP


def test_a_frozen_redis_refuses_the_job_quickly() -> None:
    """With Redis frozen (a silent partition), enqueuing the delivery job fails within a bound
    instead of waiting for ever; the caller (after the commit) logs it and moves on."""
    with ProxyTCP("127.0.0.1", 6379) as proxy:
        proxy.congelar()
        ajustes = Settings(
            database_url="sqlite://",
            redis_url=f"redis://127.0.0.1:{proxy.puerto}/13",
            secret_key=None,
            reglas_path=None,
        )
        encolar = trabajador.despachador(ajustes)
        inicio = time.monotonic()
        with pytest.raises((RedisError, OSError)):
            encolar()
        assert time.monotonic() - inicio < 3 * trabajador.ESPERA_REDIS_WEB_S + 2
