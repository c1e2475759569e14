"""A large import does not lock people out (issue #15): the slow part of an import (loading the
stored MCR, checking every rule, planning) runs in a read-only transaction; the write is short
and checks that nothing changed meanwhile. A request's session touch gives way to a held write
lock instead of failing the request."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

import data_layer.importer as importer
from data_layer import auth, versiones
from data_layer.db import SQLITE_BUSY_TIMEOUT_MS, session_factory
from data_layer.importer import DatosCambiados, import_mcr, vista_previa_mcr
from data_layer.models import Importacion, Rol, Sesion
from tests.integration.importer.helpers import FIXTURE, copy_fixture, dump


def _escritura_inmediata(engine) -> None:
    """A write from another connection that must not wait for the import: on SQLite it fails at
    once if the write lock is held (busy timeout 0); on PostgreSQL it fails after 200 ms."""
    with engine.connect() as conexion:
        sqlite = conexion.dialect.name == "sqlite"
        crudo = conexion.connection.dbapi_connection
        if sqlite:
            crudo.execute("PRAGMA busy_timeout=0")
        try:
            with conexion.begin():
                if not sqlite:
                    conexion.exec_driver_sql("SET LOCAL lock_timeout = '200ms'")
                versiones.mover(Session(bind=conexion), "prueba_ajena")
        finally:
            if sqlite:
                crudo.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def _espiar_validacion(monkeypatch, durante) -> list[int]:
    """Run ``durante(numero_de_llamada)`` inside the importer's rule checking; returns the calls."""
    llamadas: list[int] = []
    real = importer.validate

    def validar(*args, **kwargs):
        llamadas.append(len(llamadas) + 1)
        durante(len(llamadas))
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "validate", validar)
    return llamadas


def test_other_users_write_while_a_checked_import_prepares(engine, monkeypatch) -> None:
    """While a web import (checked against its preview) loads and validates the MCR, another
    connection writes without waiting: no write lock is held during the slow part (before, the
    import took it first, and a login during a 10× import on SQLite failed)."""
    vista = vista_previa_mcr(engine, FIXTURE)
    _espiar_validacion(monkeypatch, lambda _n: _escritura_inmediata(engine))
    resultado = import_mcr(
        engine, FIXTURE, usuario="analista", version_esperada=vista.version, huella_esperada=None
    )
    assert resultado.ok and resultado.importacion_id
    with session_factory(engine)() as s:
        assert versiones.leer(s, "prueba_ajena") == 1


def test_a_change_during_the_preparation_refuses_a_checked_import(engine, monkeypatch) -> None:
    """A validated value committed while a web import prepares moves the data version: the
    short write sees it and refuses in Spanish, writing nothing (the preview is outdated)."""
    vista = vista_previa_mcr(engine, FIXTURE)

    def cambio(_n: int) -> None:
        with session_factory(engine)() as s, s.begin():
            versiones.mover(s, versiones.VALORES)

    _espiar_validacion(monkeypatch, cambio)
    antes = dump(engine)
    with pytest.raises(DatosCambiados, match="No se guardó nada"):
        import_mcr(engine, FIXTURE, usuario="analista", version_esperada=vista.version)
    despues = dump(engine)
    del antes["version_datos"], despues["version_datos"]  # the concurrent change's counter
    assert despues == antes


def test_the_command_line_import_prepares_again_after_a_concurrent_change(
    engine, monkeypatch
) -> None:
    """An unchecked import (the command line) whose preparation was overtaken by another change
    prepares again against the new state and then writes, once."""

    def cambio(n: int) -> None:
        if n == 1:
            with session_factory(engine)() as s, s.begin():
                versiones.mover(s, versiones.VALORES)

    llamadas = _espiar_validacion(monkeypatch, cambio)
    resultado = import_mcr(engine, FIXTURE, usuario="cli:prueba")
    assert resultado.ok and resultado.importacion_id
    assert llamadas == [1, 2]
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(Importacion)) == 1


def test_an_import_with_errors_after_a_retry_still_lists_every_error(engine, tmp_path) -> None:
    """The two-phase import keeps the all-or-nothing rule: a file with errors writes nothing
    and reports its errors."""
    roto = copy_fixture(tmp_path / "roto", {"ejes": [("", "E9,,")]})
    antes = dump(engine)
    resultado = import_mcr(engine, roto)
    assert not resultado.ok and resultado.errores
    assert dump(engine) == antes


def test_a_session_touch_gives_way_to_a_held_write_lock(sqlite_engine) -> None:
    """With another connection holding SQLite's write lock (a long import), checking a session
    that needs its activity recorded still answers: the touch is dropped, not the request; the
    pooled connection keeps its usual busy timeout; the next touch is saved."""
    with session_factory(sqlite_engine)() as s, s.begin():
        u = auth.crear_usuario(s, "ana", Rol.analista, "Clave-de-prueba-2026")
        token = auth.abrir_sesion(s, u, "127.0.0.1", auth.ahoracomo_utc())
    despues = auth.ahoracomo_utc() + auth.RESOLUCION_ACTIVIDAD * 2
    ruta = make_url(str(sqlite_engine.url)).database
    bloqueo = sqlite3.connect(ruta, isolation_level=None)
    try:
        bloqueo.execute("BEGIN IMMEDIATE")
        with session_factory(sqlite_engine)() as s:
            vigente = auth.sesion_vigente(s, token, despues)
            assert vigente is not None and vigente.alcance.usuario == "ana"
            assert auth.guardar_actividad(s) is False
            espera = s.connection().exec_driver_sql("PRAGMA busy_timeout").scalar()
            assert espera == SQLITE_BUSY_TIMEOUT_MS
    finally:
        bloqueo.execute("ROLLBACK")
        bloqueo.close()
    with session_factory(sqlite_engine)() as s:
        assert auth.sesion_vigente(s, token, despues) is not None
        assert auth.guardar_actividad(s) is True
    with session_factory(sqlite_engine)() as s:
        ultima = s.scalar(select(Sesion.ultima_actividad))
        assert auth.como_utc(ultima) == despues


def test_a_session_touch_is_saved_on_postgresql_too(engine) -> None:
    """The touch's short lock wait (``lock_timeout`` on PostgreSQL, busy timeout on SQLite)
    saves the activity when nothing holds the lock, on both databases."""
    with session_factory(engine)() as s, s.begin():
        u = auth.crear_usuario(s, "ana", Rol.analista, "Clave-de-prueba-2026")
        token = auth.abrir_sesion(s, u, "127.0.0.1", auth.ahoracomo_utc())
    despues = auth.ahoracomo_utc() + auth.RESOLUCION_ACTIVIDAD * 2
    with session_factory(engine)() as s:
        assert auth.sesion_vigente(s, token, despues) is not None
        assert auth.guardar_actividad(s) is True
    with session_factory(engine)() as s:
        assert auth.como_utc(s.scalar(select(Sesion.ultima_actividad))) == despues
        assert s.execute(text("select 1")).scalar() == 1
