"""Engine and session factory. Created lazily so that gunicorn can fork after import; an engine
that connected before a fork (gunicorn's ``preload_app``) gives its child a fresh pool.

SQLite transactions are begun by SQLAlchemy itself (the pysqlite driver's own handling is switched
off: it opened a transaction only at the first write, so a read-then-write rule such as "at most 3
technical members" could be checked by two writers on the same snapshot). Sessions made with
``escritura=True`` begin with ``BEGIN IMMEDIATE`` and so take SQLite's single write lock before
their first read; PostgreSQL services lock the rows they count (``SELECT … FOR UPDATE``).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from data_layer import limites, plazos
from data_layer.config import Settings, tiempos_bd

SQLITE_BUSY_TIMEOUT_MS = 15_000
#: Execution option read by the SQLite ``begin`` hook: how a transaction begins.
_MODO_SQLITE = "sigpret_sqlite_begin"

#: Every engine of this process, so that a forked child drops the parent's connections.
_MOTORES: weakref.WeakSet[Engine] = weakref.WeakSet()


def _olvidar_conexiones_heredadas() -> None:
    """In a forked child (a gunicorn worker of a preloaded app): leave the parent's pooled
    connections to the parent and open new ones (SQLAlchemy's ``dispose(close=False)``)."""
    for motor in list(_MOTORES):
        motor.dispose(close=False)


os.register_at_fork(after_in_child=_olvidar_conexiones_heredadas)

# Every ORM session of the process checks text lengths before it flushes (SQLite and
# PostgreSQL then refuse the same texts, with the same Spanish message).
limites.registrar()


def normalise_url(url: str) -> str:
    """Give plain ``postgresql://`` URLs the psycopg 3 driver."""
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str, tiempos: plazos.Tiempos | None = None) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout on every connection;
    PostgreSQL gets connect, statement and client-side timeouts (:mod:`data_layer.plazos`;
    ``tiempos`` default: the environment's)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            # SQLAlchemy emits BEGIN (see _sqlite_begin), not the driver.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
            modo = conn.get_execution_options().get(_MODO_SQLITE, "DEFERRED")
            conn.exec_driver_sql(f"BEGIN {modo}")

        _MOTORES.add(engine)
        return engine
    if tiempos is None:
        conexion_s, consulta_s = tiempos_bd()
        tiempos = plazos.Tiempos(conexion_s=conexion_s, consulta_s=consulta_s)
    engine = create_engine(plazos.url_con_tiempos(make_url(url), tiempos), pool_pre_ping=True)
    plazos.instalar(engine, tiempos)
    _MOTORES.add(engine)
    return engine


@cache
def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (default: ``DATABASE_URL``)."""
    return make_engine(url or Settings.from_env().database_url)


def session_factory(engine: Engine, *, escritura: bool = False) -> sessionmaker[Session]:
    """Sessions that keep their objects usable after commit.

    Args:
        engine: the database.
        escritura: the sessions write: on SQLite their transactions take the write lock at once
            (``BEGIN IMMEDIATE``), so whatever they read stays true until they commit. Readers
            never need it (WAL lets them read while one writer writes).
    """
    if escritura:
        engine = engine.execution_options(**{_MODO_SQLITE: "IMMEDIATE"})
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A writing session in one transaction: committed on success, rolled back on error."""
    factory = session_factory(engine or get_engine(), escritura=True)
    with factory() as session, session.begin():
        yield session
