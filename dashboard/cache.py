"""The result cache: Redis when ``REDIS_URL`` is set (shared by every gunicorn worker), else memory.

Cache keys carry the data version (the id of the latest import), so an import invalidates every
cached result in every worker without any explicit purge.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_caching import Cache

#: How long a cached result lives, in seconds; the data version makes it stale much sooner.
TIEMPO_CACHE_S = 6 * 3600


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
        }
    return {
        "CACHE_TYPE": "SimpleCache",
        "CACHE_THRESHOLD": 64,
        "CACHE_DEFAULT_TIMEOUT": TIEMPO_CACHE_S,
    }


def init_cache(server: Flask, config: dict[str, Any]) -> Cache:
    """Attach a new cache with ``config`` to the Flask ``server`` and return it."""
    cache = Cache(config=config)
    cache.init_app(server)
    return cache
