"""Every request's session check in one statement (issue #15), with the rules of
:func:`data_layer.auth.validar_sesion` kept, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event

from data_layer import auth, versiones
from data_layer.db import session_factory
from data_layer.models import Rol


def _usuario_y_token(engine, nombre: str = "ana") -> str:
    with session_factory(engine)() as s, s.begin():
        u = auth.crear_usuario(s, nombre, Rol.analista, "Clave-de-prueba-2026")
        return auth.abrir_sesion(s, u, "127.0.0.1", auth.ahoracomo_utc())


def _sentencias(engine, funcion):
    contadas: list[str] = []

    def contar(_conn, _cursor, sql, *_args) -> None:
        contadas.append(sql)

    event.listen(engine, "before_cursor_execute", contar)
    try:
        resultado = funcion()
    finally:
        event.remove(engine, "before_cursor_execute", contar)
    return resultado, [
        c for c in contadas if not c.lstrip().upper().startswith(("BEGIN", "SAVEPOINT"))
    ]


def test_a_known_session_costs_one_statement(engine) -> None:
    """Once a user's scope is built, checking their session is one SELECT (it was five: the
    session, the user and three lazy loads of the scope)."""
    token = _usuario_y_token(engine)

    def comprobar():
        with session_factory(engine)() as s, s.begin():
            return auth.sesion_vigente(s, token)

    primera = comprobar()
    assert primera is not None and primera.alcance.usuario == "ana"
    segunda, sentencias = _sentencias(engine, comprobar)
    assert segunda == primera
    assert len(sentencias) == 1, sentencias


def test_the_session_check_brings_the_data_versions(engine) -> None:
    """The same statement brings the data version and the ``escrituras`` counter, the keys of
    every cache a page reads (no statement of their own per request), equal to what
    :func:`data_layer.queries.data_version` and :func:`versiones.leer` read, and moving with a
    committed write."""
    from data_layer import queries
    from data_layer.models import Institucion

    token = _usuario_y_token(engine)

    def comprobar():
        with session_factory(engine)() as s, s.begin():
            vigente = auth.sesion_vigente(s, token)
            return vigente, queries.data_version(s), versiones.leer(s, versiones.ESCRITURAS)

    vigente, datos, escrituras = comprobar()
    assert (vigente.version_datos, vigente.escrituras) == (datos, escrituras)
    with session_factory(engine)() as s, s.begin():
        s.add(Institucion(sigla="NUEVA", nombre="Nueva"))
    despues, _, escrituras_despues = comprobar()
    assert despues.escrituras == escrituras_despues == escrituras + 1


def test_a_mesa_designation_rebuilds_the_scope(engine) -> None:
    """When the mesas counter moves (a designation changed), the scope is read again."""
    token = _usuario_y_token(engine)
    with session_factory(engine)() as s, s.begin():
        auth.sesion_vigente(s, token)
    with session_factory(engine)() as s, s.begin():
        versiones.mover(s, versiones.MESAS)

    def comprobar():
        with session_factory(engine)() as s, s.begin():
            return auth.sesion_vigente(s, token)

    vigente, sentencias = _sentencias(engine, comprobar)
    assert vigente is not None and len(sentencias) > 1


def test_closed_idle_and_disabled_sessions_are_refused_at_once(engine) -> None:
    """A closed session, an idle one and a disabled user's give None on the next request,
    scope cache or not; an idle one is closed on the spot."""
    token = _usuario_y_token(engine)
    with session_factory(engine)() as s, s.begin():
        assert auth.sesion_vigente(s, token) is not None
    tarde = auth.ahoracomo_utc() + auth.INACTIVIDAD_MAXIMA + dt.timedelta(minutes=1)
    with session_factory(engine)() as s, s.begin():
        assert auth.sesion_vigente(s, token, tarde) is None
    with session_factory(engine)() as s, s.begin():
        assert auth.sesion_vigente(s, token) is None  # it was closed
    otro = _usuario_y_token(engine, "beto")
    with session_factory(engine)() as s, s.begin():
        assert auth.sesion_vigente(s, otro) is not None
        auth.deshabilitar(s, "beto")
    with session_factory(engine)() as s, s.begin():
        assert auth.sesion_vigente(s, otro) is None
    with session_factory(engine)() as s, s.begin():
        assert auth.sesion_vigente(s, "no-es-un-token") is None
