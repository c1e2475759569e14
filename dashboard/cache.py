"""The result cache: Redis when ``REDIS_URL`` is set (shared by every gunicorn worker), else memory.

Cache keys carry the data version (the id of the latest import), so an import invalidates every
cached result in every worker without any explicit purge.

Redis is only a cache (issue #15): :class:`CacheTolerante` turns its failures into misses. A
refused, reset or frozen connection costs one short timeout (:data:`ESPERA_REDIS_S`); the process
then computes without the shared cache for :data:`PAUSA_S` seconds (one log line per outage)
and tries Redis again. Pages never fail because Redis is down; they are only slower.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask_caching import Cache

#: How long a cached result lives, in seconds; the data version makes it stale much sooner.
TIEMPO_CACHE_S = 6 * 3600
#: Redis must connect and answer within this many seconds, or the read is a miss.
ESPERA_REDIS_S = 0.5
#: After a failure, how long a process leaves Redis alone before trying again.
PAUSA_S = 30.0

_log = logging.getLogger("sigpret.cache")


def cache_config(redis_url: str | None) -> dict[str, Any]:
    """The Flask-Caching configuration for this installation.

    Args:
        redis_url: ``REDIS_URL`` (``redis://host:6379/0``) or None for a per-process cache.

    Returns:
        A configuration dict for :class:`flask_caching.Cache`.
    """
    if redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "sigpret:",
            "CACHE_DEFAULT_TIMEOUT": TIEMPO_CACHE_S,
            "CACHE_OPTIONS": {
                "socket_connect_timeout": ESPERA_REDIS_S,
                "socket_timeout": ESPERA_REDIS_S,
                "retry_on_timeout": False,
            },
        }
    return {
        "CACHE_TYPE": "SimpleCache",
        "CACHE_THRESHOLD": 64,
        "CACHE_DEFAULT_TIMEOUT": TIEMPO_CACHE_S,
    }


class CacheTolerante:
    """The app's cache, where any failure of the store is a miss (see the module docstring).

    Args:
        cache: the Flask-Caching cache.
        reloj: monotonic seconds (tests pass their own).
    """

    def __init__(self, cache: Cache, reloj: Callable[[], float] = time.monotonic) -> None:
        self.cache = cache
        self._reloj = reloj
        self._hasta = 0.0
        self._candado = threading.Lock()

    def disponible(self) -> bool:
        """Whether the store is used now (False during the pause after a failure)."""
        return self._reloj() >= self._hasta

    def _fallo(self, operacion: str, error: Exception) -> None:
        with self._candado:
            avisar = self.disponible()
            self._hasta = self._reloj() + PAUSA_S
        if avisar:
            _log.warning(
                "La caché compartida no respondió (%s: %s): se calcula sin ella durante %.0f s.",
                operacion,
                type(error).__name__,
                PAUSA_S,
            )

    def get(self, clave: str) -> Any:
        """The cached value, or None (also when the store fails)."""
        if not self.disponible():
            return None
        try:
            return self.cache.get(clave)
        except Exception as exc:  # redis errors, timeouts, a value that no longer unpickles
            self._fallo("leer", exc)
            return None

    def set(self, clave: str, valor: Any) -> None:
        """Store ``valor`` if the store answers; nothing otherwise."""
        if not self.disponible():
            return
        try:
            self.cache.set(clave, valor)
        except Exception as exc:
            self._fallo("guardar", exc)

    def clear(self) -> None:
        """Empty the store if it answers."""
        try:
            self.cache.clear()
        except Exception as exc:
            self._fallo("vaciar", exc)


def init_cache(server: Flask, config: dict[str, Any]) -> CacheTolerante:
    """Attach a new cache with ``config`` to the Flask ``server`` and return it, tolerant."""
    cache = Cache(config=config)
    cache.init_app(server)
    return CacheTolerante(cache)
