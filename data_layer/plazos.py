"""How long the app waits for PostgreSQL: connect, statement and client-side timeouts.

Found (issue #15): during a network partition both workers froze for 60 s, even on the login
page, because nothing bounded a wait on the database. Three bounds now apply:

- **Connect** (``SIGPRET_BD_CONEXION_S``, 3 s): libpq's ``connect_timeout``.
- **Statement** (``SIGPRET_BD_CONSULTA_S``, 30 s): the server's ``statement_timeout``, set in the
  connection's startup options (no extra round trip), so a slow query is cancelled and the
  connection stays usable.
- **Client-side**: a server that does not answer at all (a partition, a frozen proxy, a hung
  host) cannot cancel anything, so every wait of the driver is bounded too: the statement
  timeout plus :data:`MARGEN_S`, :data:`PING_S` for the pool's liveness check, and whatever
  :func:`limite_de_espera` allows the block running it (the per-request session check, the
  health check). When a wait expires the connection is closed (SQLAlchemy then discards it and
  the pool with it) and a driver ``OperationalError`` is raised: the web app answers 503 «Sin
  conexión con la base de datos».

A request that starts while the database is unreachable therefore fails within about
:data:`PING_S` + the connect timeout (5 s by default), and the first one after the database is
back succeeds: nothing needs restarting.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL

#: Connect timeout unless SIGPRET_BD_CONEXION_S says (libpq accepts no less than 2 s).
CONEXION_S = 3
#: Statement timeout unless SIGPRET_BD_CONSULTA_S says.
CONSULTA_S = 30
#: How much longer than the statement timeout the client waits before it gives the server up.
MARGEN_S = 2.0
#: The pool's liveness check (``SELECT`` of nothing) on a connection taken from the pool.
PING_S = 2.0

#: The per-request session check (login, scope): the whole of it, connecting included.
SESION_S = 5.0

#: The monotonic instant by which the current block must be done with the database, if any.
_PLAZO: ContextVar[float | None] = ContextVar("sigpret_plazo_bd", default=None)


@dataclass(frozen=True)
class Tiempos:
    """The timeouts of one engine, in seconds."""

    conexion_s: int = CONEXION_S
    consulta_s: int = CONSULTA_S


def restante() -> float | None:
    """Seconds left of the current :func:`limite_de_espera` block (None: no block)."""
    plazo = _PLAZO.get()
    return None if plazo is None else plazo - time.monotonic()


@contextmanager
def limite_de_espera(segundos: float) -> Iterator[None]:
    """Everything this block asks PostgreSQL (taking a connection, pinging it, connecting,
    each statement, the commit) must be over within ``segundos`` in total; else the waiting call
    raises ``OperationalError``. Nested blocks keep the earlier deadline. No effect on SQLite.
    """
    ahora = time.monotonic()
    anterior = _PLAZO.get()
    plazo = ahora + segundos if anterior is None else min(anterior, ahora + segundos)
    marca = _PLAZO.set(plazo)
    try:
        yield
    finally:
        _PLAZO.reset(marca)


class ConexionConPlazo(psycopg.Connection[Any]):
    """A psycopg connection whose every wait on the server is bounded (see the module)."""

    #: The longest wait outside any :func:`limite_de_espera` block.
    espera_maxima_s: float = CONSULTA_S + MARGEN_S

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        """psycopg's wait, with the bound of the current block (or the default)."""
        limite = self.espera_maxima_s if timeout is None else min(timeout, self.espera_maxima_s)
        quedan = restante()
        if quedan is not None:
            limite = max(0.0, min(limite, quedan))
        try:
            return super().wait(gen, interval=interval, timeout=limite)
        except pg_errors._WaitTimeout:
            # The command may still be in flight: the connection cannot be reused. Closing it
            # makes SQLAlchemy discard it (``closed``), and the server ends the query when it
            # finds the client gone.
            self.close()
            raise pg_errors.OperationalError(
                f"la base de datos no respondió en {limite:.1f} s (conexión cerrada)"
            ) from None


def url_con_tiempos(url: URL, tiempos: Tiempos) -> URL:
    """``url`` with the statement timeout in its startup ``options`` (kept if already there)
    and the connect timeout (kept if the URL sets one)."""
    consulta = {}
    opciones = url.query.get("options", "")
    opciones = opciones if isinstance(opciones, str) else " ".join(opciones)
    if "statement_timeout" not in opciones:
        ms = tiempos.consulta_s * 1000
        consulta["options"] = f"{opciones} -c statement_timeout={ms}".strip()
    if "connect_timeout" not in url.query:
        consulta["connect_timeout"] = str(tiempos.conexion_s)
    return url.update_query_dict(consulta) if consulta else url


def instalar(engine: Engine, tiempos: Tiempos) -> None:
    """Make ``engine`` (PostgreSQL) connect with :class:`ConexionConPlazo`, bound its pool
    pings to :data:`PING_S`, and shorten the connect timeout inside a
    :func:`limite_de_espera` block."""
    espera = tiempos.consulta_s + MARGEN_S
    clase = type("ConexionConPlazo", (ConexionConPlazo,), {"espera_maxima_s": espera})

    @event.listens_for(engine, "do_connect")
    def _conectar(_dialect, _record, cargs, cparams):  # type: ignore[no-untyped-def]
        quedan = restante()
        if quedan is not None:
            if quedan <= 0:
                raise pg_errors.OperationalError("la base de datos no respondió a tiempo")
            # libpq counts whole seconds, at least 2.
            propio = float(cparams.get("connect_timeout", tiempos.conexion_s))
            cparams["connect_timeout"] = str(max(2, min(propio, math.ceil(quedan))))
        return clase.connect(*cargs, **cparams)

    ping = engine.dialect.do_ping

    def _ping_corto(dbapi_connection: Any) -> bool:
        with limite_de_espera(PING_S):
            return ping(dbapi_connection)

    engine.dialect.do_ping = _ping_corto  # type: ignore[method-assign]
