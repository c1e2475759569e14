"""What ``/salud`` reports to the load balancer: database, cache and mail queue, without data.

Each check is bounded (:data:`ESPERA_S`): a balancer asks every few seconds and must get an
answer even while a service hangs. Only the database decides whether this server can serve:
without it, ``falla`` (HTTP 503, take the server out of rotation). Redis is a cache and the
mail queue's transport; when it fails, or no mail worker is registered, the server still
serves pages: ``degradado`` (HTTP 200), so the balancer keeps it while someone is alerted.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import text

from data_layer import plazos
from data_layer.db import get_engine, normalise_url

#: The most each check waits for its service, in seconds.
ESPERA_S = 2.0

OK = "ok"
FALLA = "falla"
DEGRADADO = "degradado"
SIN_REDIS = "sin_redis"
SIN_TRABAJADOR = "sin_trabajador"


@dataclass(frozen=True)
class Salud:
    """The health of one server.

    Attributes:
        estado: ``ok``; ``degradado`` (serves pages, but the cache or the mail queue has a
            problem); ``falla`` (the database does not answer).
        base_de_datos: ``ok`` or ``falla``.
        cache: ``ok``, ``sin_redis`` (no ``REDIS_URL``: each process caches in memory) or
            ``falla``.
        cola: the mail queue: ``ok`` (a worker is registered), ``sin_trabajador``, ``sin_redis``
            (mail is delivered by the web process itself) or ``falla``.
        en_cola: mail jobs waiting in the queue (None without Redis or when it fails).
        trabajadores: mail workers registered (None without Redis or when it fails).
    """

    estado: str
    base_de_datos: str
    cache: str
    cola: str
    en_cola: int | None = None
    trabajadores: int | None = None

    def como_dict(self) -> dict[str, Any]:
        """The JSON body of ``/salud``."""
        return asdict(self)


def base_de_datos(database_url: str) -> str:
    """``ok`` if the database answers a trivial query within :data:`ESPERA_S`, else ``falla``."""
    try:
        with plazos.limite_de_espera(ESPERA_S):
            with get_engine(normalise_url(database_url)).connect() as conn:
                conn.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure to answer is "falla"
        return FALLA
    return OK


@functools.cache
def _redis(redis_url: str) -> Any:
    """One client (and connection pool) per Redis URL, with short socket timeouts."""
    from redis import Redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # No retries: a retried timeout would double the wait the balancer sees.
    return Redis.from_url(
        redis_url,
        socket_connect_timeout=ESPERA_S,
        socket_timeout=ESPERA_S,
        retry=Retry(NoBackoff(), 0),
    )


def _cola(redis_url: str) -> tuple[str, int, int]:
    from rq import Queue, Worker

    from data_layer.correo.trabajador import COLA

    conexion = _redis(redis_url)
    cola = Queue(COLA, connection=conexion)
    trabajadores = Worker.count(queue=cola)
    return (OK if trabajadores else SIN_TRABAJADOR), cola.count, trabajadores


def revisar(database_url: str, redis_url: str | None) -> Salud:
    """Check the database, and Redis and the mail queue when ``redis_url`` is set."""
    bd = base_de_datos(database_url)
    if not redis_url:
        cache, cola, en_cola, trabajadores = SIN_REDIS, SIN_REDIS, None, None
    else:
        try:
            _redis(redis_url).ping()
        except Exception:  # noqa: BLE001 - unreachable, refused, frozen: all "falla"
            cache, cola, en_cola, trabajadores = FALLA, FALLA, None, None
        else:
            cache = OK
            try:
                cola, en_cola, trabajadores = _cola(redis_url)
            except Exception:  # noqa: BLE001
                cola, en_cola, trabajadores = FALLA, None, None
    if bd != OK:
        estado = FALLA
    elif cache == FALLA or cola in (FALLA, SIN_TRABAJADOR):
        estado = DEGRADADO
    else:
        estado = OK
    return Salud(estado, bd, cache, cola, en_cola, trabajadores)
