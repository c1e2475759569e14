"""Users, sessions, throttling (issue #9) and the audit log (issue #4), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from data_layer import auth, freno, login
from data_layer.db import session_factory
from data_layer.models import (
    Auditoria,
    FrenoLogin,
    Institucion,
    IntentoLogin,
    Rol,
    Sector,
    Sesion,
)
from data_layer.purga import LOTE_PURGA, RETENCION_INTENTOS, purgar

T0 = dt.datetime(2026, 11, 23, 14, 0, tzinfo=dt.UTC)
CLAVE = "Clave-Segura-2026"
SEG = dt.timedelta(seconds=1)


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
    return login.autenticar(session_factory(db), usuario, clave, direccion, momento)


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
        ("ana", "ministro", (), CLAVE, "al menos un sector"),
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


def _fallar(db, veces, direccion="10.0.0.1", desde=T0):
    for _ in range(veces):
        assert not _login(db, clave="mala-clave-x", direccion=direccion, momento=desde).ok


def test_failures_of_a_user_slow_down_only_that_address(db) -> None:
    """After 5 failures of one user from one address, the next attempt from there waits 2 s (even
    with the right password, which is not checked); the same user from another address, and
    another user from the same address, log in at once. Nobody is locked out."""
    _crear(db)
    _crear(db, "beto")
    _fallar(db, freno.MAX_FALLOS)
    frenado = _login(db, momento=T0 + dt.timedelta(seconds=1))
    assert not frenado.ok and frenado.espera_s == 1
    assert frenado.mensaje == (
        "Demasiados intentos fallidos para este usuario desde esta dirección. "
        "Espere 1 segundo antes de volver a intentarlo."
    )
    assert _login(db, direccion="10.9.9.9", momento=T0 + dt.timedelta(seconds=1)).ok
    assert _login(db, usuario="beto", momento=T0 + dt.timedelta(seconds=1)).ok
    assert _login(db, momento=T0 + dt.timedelta(seconds=2)).ok


def test_each_further_failure_doubles_the_wait_up_to_fifteen_minutes(db) -> None:
    """Failure 5 asks for 2 s, 6 for 4 s, 7 for 8 s… and never more than 15 minutes."""
    _crear(db)
    momento = T0
    esperas = []
    for _ in range(freno.MAX_FALLOS + 22):
        resultado = _login(db, clave="mala-clave-x", momento=momento)
        if resultado.espera_s:  # refused at once: ask again when told
            esperas.append(resultado.espera_s)
            momento += dt.timedelta(seconds=resultado.espera_s)
            continue
        momento += dt.timedelta(milliseconds=10)
    assert esperas[:4] == [2, 4, 8, 16]
    assert max(esperas) == 15 * 60
    assert _login(db, momento=momento).espera_s > 0


def test_a_right_password_or_an_hour_of_quiet_forgives_the_failures(db) -> None:
    """A successful login clears the count of its user and address; so do 60 minutes without a
    failure."""
    _crear(db)
    _fallar(db, freno.MAX_FALLOS - 1)
    assert _login(db, momento=T0 + dt.timedelta(seconds=1)).ok
    _fallar(db, freno.MAX_FALLOS - 1, desde=T0 + dt.timedelta(seconds=2))
    assert _login(db, clave="mala-clave-x", momento=T0 + dt.timedelta(seconds=3)).espera_s == 0
    assert _login(db, momento=T0 + dt.timedelta(seconds=3)).espera_s == 2
    assert _login(db, momento=T0 + dt.timedelta(minutes=61)).ok


def test_parallel_attempts_never_exceed_the_allowed_checks(db) -> None:
    """Twelve wrong passwords for one user from one address at the same instant, each in its own
    thread and connection: exactly MAX_FALLOS are checked, the others are told to wait (the
    counter row is claimed atomically, before the slow password check)."""
    import threading

    _crear(db)
    salida = threading.Barrier(12)
    resultados: list[login.ResultadoLogin] = []

    def intentar() -> None:
        salida.wait()
        resultados.append(_login(db, clave="mala-clave-x"))

    hilos = [threading.Thread(target=intentar) for _ in range(12)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(timeout=120)
    assert len(resultados) == 12
    assert sum(1 for r in resultados if r.espera_s == 0) == freno.MAX_FALLOS
    with session_factory(db)() as s:
        acciones = s.scalars(select(Auditoria.accion).where(Auditoria.usuario == "ana")).all()
    assert acciones.count("login_fallido") == freno.MAX_FALLOS
    assert acciones.count("login_bloqueado") == 12 - freno.MAX_FALLOS


def test_wrong_current_password_shares_the_throttle_and_is_audited(db) -> None:
    """Changing one's own password with a wrong current one is audited and counts as a failure
    of that user and address; past the limit even the right one must wait."""
    _crear(db)
    fabrica = session_factory(db)
    for i in range(freno.MAX_FALLOS):
        r = login.cambiar_clave_propia(
            fabrica, "ana", "mala-clave-x", "Otra-Clave-Nueva-9", "10.0.0.1", T0 + i * SEG
        )
        assert not r.ok and r.mensaje == "La clave actual no es correcta."
    r = login.cambiar_clave_propia(fabrica, "ana", CLAVE, "Otra-Clave-Nueva-9", "10.0.0.1", T0)
    assert not r.ok and r.espera_s > 0
    assert _login(db, momento=T0 + dt.timedelta(seconds=1)).espera_s > 0  # same pair: login too
    with session_factory(db)() as s:
        registros = s.scalars(
            select(Auditoria).where(Auditoria.accion == "clave_actual_incorrecta")
        ).all()
        assert [(x.usuario, x.entidad, x.direccion) for x in registros] == [
            ("ana", "usuario:ana", "10.0.0.1")
        ] * freno.MAX_FALLOS
    hecho = login.cambiar_clave_propia(
        fabrica, "ana", CLAVE, "Otra-Clave-Nueva-9", "10.0.0.1", T0 + dt.timedelta(minutes=1)
    )
    assert hecho.ok
    assert _login(db, clave="Otra-Clave-Nueva-9", momento=T0 + dt.timedelta(minutes=2)).ok


def _sesiones(db) -> list[Sesion]:
    with session_factory(db)() as s:
        return list(s.scalars(select(Sesion).order_by(Sesion.id)))


def _sesion(usuario_id: int, n: int, creada: dt.datetime, **campos) -> Sesion:
    return Sesion(
        token_hash=f"{n:064d}",
        usuario_id=usuario_id,
        creada_en=creada,
        ultima_actividad=campos.pop("ultima_actividad", creada),
        **campos,
    )


def test_purge_removes_expired_sessions_and_old_attempts_only(db) -> None:
    """``purgar`` deletes closed, idle and too-old sessions, login attempts older than the
    retention and forgotten failure counters; a live session, recent attempts, a recent counter
    and the audit log stay."""
    _crear(db)
    viva = _login(db, momento=T0).token
    ahora = T0 + dt.timedelta(minutes=10)
    with session_factory(db)() as s, s.begin():
        ana = auth.buscar(s, "ana").id
        s.add_all(
            [
                _sesion(ana, 1, T0, cerrada_en=T0 + SEG),
                _sesion(ana, 2, ahora - dt.timedelta(hours=13), ultima_actividad=ahora),
                _sesion(ana, 3, ahora - dt.timedelta(minutes=45)),  # idle for 45 minutes
                IntentoLogin(
                    usuario="ana",
                    direccion="10.7.7.7",
                    momento=ahora - RETENCION_INTENTOS - SEG,
                ),
                IntentoLogin(usuario="ana", direccion="10.7.7.7", momento=ahora - SEG),
                FrenoLogin(
                    usuario="ana",
                    direccion="10.7.7.7",
                    fallos=3,
                    ultimo_fallo=ahora - freno.OLVIDO_FALLOS - SEG,
                ),
                FrenoLogin(usuario="ana", direccion="10.7.7.8", fallos=1, ultimo_fallo=ahora),
            ]
        )
    auditados = _cuenta(db, Auditoria)
    with session_factory(db)() as s, s.begin():
        purga = purgar(s, ahora)
    assert (purga.sesiones, purga.intentos, purga.frenos) == (3, 1, 1)
    assert _valida(db, viva, ahora) == "ana"
    assert len(_sesiones(db)) == 1
    assert _cuenta(db, IntentoLogin) == 2  # the live login's and the recent one
    assert _cuenta(db, FrenoLogin) == 1
    assert _cuenta(db, Auditoria) == auditados


def _cuenta(db, modelo) -> int:
    with session_factory(db)() as s:
        return s.scalar(select(func.count()).select_from(modelo)) or 0


def test_login_purges_a_bounded_batch_of_expired_sessions(db) -> None:
    """Each successful login also deletes at most LOTE_PURGA expired sessions (oldest first), so
    the table stays small without a scheduled job and no login pays for a huge purge."""
    _crear(db)
    viejo = T0 - dt.timedelta(days=2)
    with session_factory(db)() as s, s.begin():
        ana = auth.buscar(s, "ana").id
        s.add_all(_sesion(ana, i, viejo) for i in range(LOTE_PURGA + 30))
    assert _login(db, momento=T0).ok
    assert len(_sesiones(db)) == 30 + 1
    assert _login(db, momento=T0 + SEG).ok
    assert len(_sesiones(db)) == 2


def test_cli_purge_command(db, monkeypatch, capsys) -> None:
    """``sigpret db purgar`` purges the database of ``DATABASE_URL`` and says what it removed."""
    from data_layer import cli

    _crear(db)
    _login(db, momento=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    monkeypatch.setenv("DATABASE_URL", db.url.render_as_string(hide_password=False))
    assert cli.main(["db", "purgar"]) == 0
    salida = capsys.readouterr().out
    assert "sesiones vencidas o cerradas: 1" in salida
    assert _sesiones(db) == []


def test_audit_log_is_append_only(db) -> None:
    """The database itself refuses to change or delete an audit record."""
    _crear(db)
    for sentencia in ("UPDATE auditoria SET accion = 'x'", "DELETE FROM auditoria"):
        with pytest.raises(DBAPIError, match="solo inserción"), db.begin() as conn:
            conn.execute(text(sentencia))
    with session_factory(db)() as s:
        assert s.scalar(select(func.count()).select_from(Auditoria)) == 1
