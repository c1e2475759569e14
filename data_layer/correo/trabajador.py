"""Who runs the delivery: a thread of the web server, or the worker on Redis (RQ).

- **Embedded** (no ``REDIS_URL``; ``make run``): after a session that enqueued mail commits, the
  web process runs :func:`enviar` in a background thread (:mod:`data_layer.tareas`).
- **Production** (``REDIS_URL``): the web enqueues the job :func:`enviar` on the RQ queue
  :data:`COLA`; ``sigpret correo trabajar`` (the ``worker:`` line of the Procfile) runs an RQ
  worker with its scheduler. A pass that leaves messages waiting for a retry schedules the next
  pass at the earliest retry time, and the worker runs one pass when it starts, so messages
  enqueued while Redis or the worker were down are sent when they are back.

Without Redis, ``sigpret correo trabajar`` polls the outbox every few seconds instead. Any number
of workers may run: the outbox's leases keep each message to one of them.

The same worker runs the day's scheduled notices (:func:`revisar_avisos`: reminders of reports
and acuerdos, the weekly digest) when it starts and then every day at :data:`HORA_AVISOS`
(Honduras); the checks are idempotent, so two workers or a restart tell nobody twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from sqlalchemy import func, make_url, select

from data_layer import tareas
from data_layer.config import Settings
from data_layer.correo.cola import ahora, configurar_despacho
from data_layer.correo.entrega import Resultado, enviar_pendientes
from data_layer.correo.modelos import EstadoCorreo, MensajeCorreo
from data_layer.db import get_engine, normalise_url, session_factory

_log = logging.getLogger(__name__)

#: The RQ queue of the e-mail jobs.
COLA = "correo"
#: Seconds between passes of a worker without Redis.
INTERVALO = 15
#: When the day's scheduled notices run (Honduras time, UTC−6).
HORA_AVISOS = dt.time(6, 0)
#: Honduras has no daylight saving time: always UTC−6.
_HONDURAS = dt.timezone(dt.timedelta(hours=-6))


def revisar_avisos(database_url: str) -> int:
    """The day's scheduled notices (and their e-mails) on ``database_url``, in one transaction
    (the job: plain arguments, importable by name); with Redis, schedules tomorrow's run.

    Returns:
        How many new notices were written.
    """
    from data_layer.avisos.programados import revisar_programados
    from data_layer.engine.frames import Reglas
    from data_layer.periods import hoy_honduras

    settings = Settings.from_env()
    engine = get_engine(database_url)
    with session_factory(engine, escritura=True)() as s, s.begin():
        total = revisar_programados(
            s, hoy_honduras(), reglas=Reglas.from_toml(settings.reglas_path)
        ).total
    if settings.redis_url:
        _cola(settings.redis_url).enqueue_at(
            proxima_revision(ahora()), revisar_avisos, database_url
        )
    return total


def proxima_revision(momento: dt.datetime) -> dt.datetime:
    """The next :data:`HORA_AVISOS` in Honduras after ``momento`` (an aware datetime)."""
    local = momento.astimezone(_HONDURAS)
    hoy = dt.datetime.combine(local.date(), HORA_AVISOS, tzinfo=_HONDURAS)
    return hoy if hoy > local else hoy + dt.timedelta(days=1)


def enviar(database_url: str) -> int:
    """One delivery pass over ``database_url`` (the job: plain arguments, importable by name).

    With Redis, schedules the next pass when messages wait for a retry.
    """
    settings = Settings.from_env()
    engine = get_engine(database_url)
    resultado = enviar_pendientes(engine, settings)
    if settings.redis_url and resultado.reintentar:
        _programar_siguiente(settings.redis_url, database_url)
    return resultado.enviados


def proximo_intento(database_url: str) -> dt.datetime | None:
    """When the earliest queued message is due (None: nothing queued)."""
    with session_factory(get_engine(database_url))() as s:
        return s.scalar(
            select(func.min(MensajeCorreo.proximo_intento)).where(
                MensajeCorreo.estado == EstadoCorreo.en_cola
            )
        )


#: How long the web waits for Redis when it hands a delivery job over (a frozen Redis must not
#: hold a page: the message is already safe in the outbox, the worker's next pass sends it).
ESPERA_REDIS_WEB_S = 1.0


def _cola(redis_url: str, espera_s: float | None = None):  # type: ignore[no-untyped-def]
    from redis import Redis
    from rq import Queue

    conexion = (
        Redis.from_url(redis_url)
        if espera_s is None
        else Redis.from_url(redis_url, socket_connect_timeout=espera_s, socket_timeout=espera_s)
    )
    return Queue(COLA, connection=conexion)


def _programar_siguiente(redis_url: str, database_url: str) -> None:
    cuando = proximo_intento(database_url)
    if cuando is None:
        return
    if cuando.tzinfo is None:
        cuando = cuando.replace(tzinfo=dt.UTC)
    espera = max(cuando - ahora(), dt.timedelta(seconds=1))
    _cola(redis_url).enqueue_in(espera, enviar, database_url)


def despachador(settings: Settings) -> Callable[[], None]:
    """What the web runs after a commit that enqueued mail: an RQ job, or a thread here."""
    url = normalise_url(settings.database_url)
    if settings.redis_url:
        redis_url = settings.redis_url

        def encolar_trabajo() -> None:
            _cola(redis_url, ESPERA_REDIS_WEB_S).enqueue(enviar, url)

        return encolar_trabajo

    def en_un_hilo() -> None:
        tareas.lanzar(enviar, url)

    return en_un_hilo


def activar(settings: Settings) -> None:
    """Make this process deliver the mail its own commits enqueue (the web server calls it)."""
    url = make_url(normalise_url(settings.database_url)).render_as_string(hide_password=False)
    configurar_despacho(url, despachador(settings))


def trabajar(settings: Settings, *, una_vez: bool = False) -> Resultado | None:
    """Run the worker: RQ on ``REDIS_URL``, or a polling loop without it.

    Args:
        settings: the database, Redis and SMTP settings.
        una_vez: run one pass and return (``sigpret correo enviar-pendientes``).
    """
    url = normalise_url(settings.database_url)
    if una_vez:
        return enviar_pendientes(get_engine(url), settings)
    if settings.redis_url:
        from redis import Redis
        from rq import Worker

        cola = _cola(settings.redis_url)
        cola.enqueue(enviar, url)  # what was enqueued while the worker was down
        cola.enqueue(revisar_avisos, url)  # today's notices; it schedules tomorrow's
        Worker([cola], connection=Redis.from_url(settings.redis_url)).work(with_scheduler=True)
        return None
    siguiente_revision = ahora()
    while True:  # pragma: no cover - stopped by a signal
        if ahora() >= siguiente_revision:
            try:
                revisar_avisos(url)
            except Exception:  # a failed check must not stop the mail; tried again tomorrow
                _log.exception("No se pudieron revisar los avisos programados.")
            siguiente_revision = proxima_revision(ahora())
        resultado = enviar_pendientes(get_engine(url), settings)
        if resultado.enviados or resultado.reintentar or resultado.fallidos:
            _log.info("Correo: %s", resultado)
        time.sleep(INTERVALO)
