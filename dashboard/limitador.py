"""Per-address rate limits (Flask-Limiter): the login and password forms, and the public portal.

It complements the per-user-and-address delays of :mod:`data_layer.freno`: one address trying
many user names is stopped here. Counts live in Redis when ``REDIS_URL`` is set (shared by every
worker and server) and in each process's memory otherwise. If Redis stops answering, each
worker falls back to counting in its own memory (Flask-Limiter's in-memory fallback) and goes
back to Redis when it answers again: logging in never fails because of Redis. Windows are
moving (not fixed), so a burst across a minute boundary is still counted together.
"""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from dashboard import acceso, publico
from data_layer.config import Settings

#: Redis must answer within this many seconds, or the limiter counts in memory for a while.
ESPERA_REDIS_S = 0.5


def instalar(server: Flask, settings: Settings) -> Limiter:
    """Limit the POSTs of the ``acceso`` blueprint per client address on ``server``."""
    if settings.redis_url:
        almacen = settings.redis_url
        opciones: dict[str, str | int] | None = {
            "socket_connect_timeout": ESPERA_REDIS_S,  # type: ignore[dict-item]
            "socket_timeout": ESPERA_REDIS_S,  # type: ignore[dict-item]
        }
    else:
        almacen, opciones = "memory://", None
    limitador = Limiter(
        get_remote_address,  # the client's address, after ProxyFix
        app=server,
        storage_uri=almacen,
        storage_options=opciones,
        strategy="moving-window",
        in_memory_fallback_enabled=True,
        swallow_errors=True,
        key_prefix="sigpret-limite",
        headers_enabled=False,
    )
    limitador.limit(settings.limite_login, methods=["POST"])(acceso.bp)
    # The public portal, its open data and its API: one count per address for all of them.
    for bp in publico.BLUEPRINTS:
        limitador.shared_limit(settings.limite_publico, scope="publico")(bp)
    return limitador
