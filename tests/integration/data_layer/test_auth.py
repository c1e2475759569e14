"""Users, sessions, throttling and the audit log (issue #4 data layer), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from data_layer import auth
from data_layer.db import session_factory
from data_layer.models import Auditoria, Institucion, Rol, Sector, Sesion

T0 = dt.datetime(2026, 11, 23, 14, 0, tzinfo=dt.UTC)
CLAVE = "Clave-Segura-2026"


@pytest.fixture
def db(engine):
    """A database with one sector (SAL) and one institution (SESAL) to scope users to."""
    with session_factory(engine)() as s, s.begin():
        s.add_all(
            [Sector(codigo="SAL", nombre="Salud"), Institucion(sigla="SESAL", nombre="SESAL")]
        )
    return engine


def _crear(db, usuario="ana", rol="analista", alcance=(), clave=CLAVE):
    with session_factory(db)() as s, s.begin():
        return auth.crear_usuario(s, usuario, rol, clave, alcance=alcance, actor="prueba")


def _login(db, usuario="ana", clave=CLAVE, direccion="10.0.0.1", momento=T0):
    with session_factory(db)() as s, s.begin():
        return auth.iniciar_sesion(s, usuario, clave, direccion, momento)


def _valida(db, token, momento):
    with session_factory(db)() as s, s.begin():
        usuario = auth.validar_sesion(s, token, momento)
        return usuario.usuario if usuario else None


def test_password_is_stored_as_scrypt_hash_and_creation_audited(db) -> None:
    """The password is never stored: only a salted scrypt hash; the creation is audited."""
    _crear(db)
    with session_factory(db)() as s:
        usuario = auth.buscar(s, "ana")
        assert usuario.clave_hash.startswith("scrypt:") and CLAVE not in usuario.clave_hash
        registro = s.scalars(select(Auditoria)).one()
        assert (registro.accion, registro.usuario, registro.entidad) == (
            "usuario_creado",
            "prueba",
            "usuario:ana",
        )
        assert '"rol": "analista"' in registro.detalle


@pytest.mark.parametrize(
    ("usuario", "rol", "alcance", "clave", "mensaje"),
    [
        ("ana", "jefe", (), CLAVE, "no es un rol"),
        ("Ana Maria", "analista", (), CLAVE, "minúsculas"),
        ("ana", "analista", (), "corta", "al menos 10"),
        ("ana", "analista", (), "mi-ana-segura-2026", "nombre de usuario"),
        ("ana", "analista", (), "aaaaaaaaaaaa", "repetitiva"),
        ("ana", "analista", ("SAL",), CLAVE, "no lleva alcance"),
        ("ana", "coordinador_mesa", (), CLAVE, "al menos un sector"),
        ("ana", "coordinador_mesa", ("SESAL",), CLAVE, "no es el código de un sector"),
        ("ana", "upgret", ("SAL",), CLAVE, "no es la sigla de una institución"),
    ],
)
def test_bad_users_are_refused_in_spanish(db, usuario, rol, alcance, clave, mensaje) -> None:
    """Unknown role, bad name, weak password and wrong scope are refused with a clear reason."""
    with pytest.raises(auth.ErrorUsuario, match=mensaje):
        _crear(db, usuario, rol, alcance, clave)


def test_scope_is_kept_per_role(db) -> None:
    """A coordinator is scoped to sectors, an UPGRET user to institutions."""
    _crear(db, "coord", "coordinador_mesa", ("SAL",))
    _crear(db, "upg", "upgret", ("SESAL",))
    with session_factory(db)() as s:
        coord = auth.alcance_de(auth.buscar(s, "coord"))
        up = auth.alcance_de(auth.buscar(s, "upg"))
    assert coord.sectores == {"SAL"} and not coord.ve_todo
    assert up.instituciones == {"SESAL"} and up.rol is Rol.upgret


def test_login_opens_a_server_side_session(db) -> None:
    """A right password gives a random token; only its hash is stored; the token finds the user."""
    _crear(db)
    resultado = _login(db)
    assert resultado.ok and len(resultado.token) >= 40
    with session_factory(db)() as s:
        assert s.scalar(select(Sesion.token_hash)) != resultado.token
    assert _valida(db, resultado.token, T0 + dt.timedelta(minutes=5)) == "ana"


def test_wrong_password_or_user_gives_the_same_generic_message(db) -> None:
    """Neither a wrong password nor an unknown user reveals which one was wrong."""
    _crear(db)
    malo = _login(db, clave="otra-clave-mala")
    desconocido = _login(db, usuario="nadie")
    assert not malo.ok and not desconocido.ok
    assert malo.mensaje == desconocido.mensaje == "Usuario o clave incorrectos."


def test_idle_timeout_is_thirty_minutes(db) -> None:
    """A session unused for more than 30 minutes is over, and stays over."""
    _crear(db)
    token = _login(db).token
    assert _valida(db, token, T0 + dt.timedelta(minutes=29)) == "ana"
    assert _valida(db, token, T0 + dt.timedelta(minutes=29 + 31)) is None
    assert _valida(db, token, T0 + dt.timedelta(minutes=61)) is None


def test_absolute_timeout_is_twelve_hours(db) -> None:
    """Even an active session ends 12 hours after login."""
    _crear(db)
    token = _login(db).token
    momento = T0
    while momento < T0 + dt.timedelta(hours=11, minutes=40):
        momento += dt.timedelta(minutes=20)
        assert _valida(db, token, momento) == "ana"
    assert _valida(db, token, T0 + dt.timedelta(hours=12, minutes=1)) is None


def test_logout_ends_the_session(db) -> None:
    """After logout the same token is refused."""
    _crear(db)
    token = _login(db).token
    with session_factory(db)() as s, s.begin():
        assert auth.terminar_sesion(s, token).usuario == "ana"
    assert _valida(db, token, T0 + dt.timedelta(minutes=1)) is None


def test_disabling_a_user_ends_their_sessions_and_blocks_login(db) -> None:
    """A disabled user is logged out at once and cannot log in again."""
    _crear(db)
    token = _login(db).token
    with session_factory(db)() as s, s.begin():
        auth.deshabilitar(s, "ana", actor="admin")
    assert _valida(db, token, T0 + dt.timedelta(minutes=1)) is None
    assert not _login(db, momento=T0 + dt.timedelta(minutes=2)).ok


def test_changing_the_password_ends_every_session(db) -> None:
    """After a password change old sessions are refused; the new password works, the old one not."""
    _crear(db)
    token = _login(db).token
    with session_factory(db)() as s, s.begin():
        auth.cambiar_clave(s, "ana", "Otra-Clave-Nueva-9")
    assert _valida(db, token, T0 + dt.timedelta(minutes=1)) is None
    assert not _login(db, momento=T0 + dt.timedelta(minutes=2)).ok
    assert _login(db, clave="Otra-Clave-Nueva-9", momento=T0 + dt.timedelta(minutes=3)).ok


def test_five_failures_for_a_user_block_it_for_fifteen_minutes(db) -> None:
    """After 5 failures in 15 minutes even the right password is refused, with a clear message."""
    _crear(db)
    for i in range(5):
        assert not _login(db, clave="mala-clave-x", momento=T0 + dt.timedelta(minutes=i)).ok
    bloqueado = _login(db, momento=T0 + dt.timedelta(minutes=6))
    assert not bloqueado.ok and "espere 15 minutos" in bloqueado.mensaje
    # from another address too: the user name is throttled
    assert not _login(db, direccion="10.9.9.9", momento=T0 + dt.timedelta(minutes=7)).ok
    assert _login(db, momento=T0 + dt.timedelta(minutes=4 + 16)).ok


def test_five_failures_from_an_address_block_it(db) -> None:
    """Guessing different user names from one address is throttled by the address."""
    _crear(db)
    for i in range(5):
        _login(db, usuario=f"u{i}xx", clave="x" * 12, momento=T0 + dt.timedelta(seconds=i))
    assert not _login(db, momento=T0 + dt.timedelta(minutes=1)).ok
    assert _login(db, direccion="10.0.0.2", momento=T0 + dt.timedelta(minutes=1)).ok


def test_audit_log_is_append_only(db) -> None:
    """The database itself refuses to change or delete an audit record."""
    _crear(db)
    for sentencia in ("UPDATE auditoria SET accion = 'x'", "DELETE FROM auditoria"):
        with pytest.raises(DBAPIError, match="solo inserción"), db.begin() as conn:
            conn.execute(text(sentencia))
    with session_factory(db)() as s:
        assert s.scalar(select(func.count()).select_from(Auditoria)) == 1
