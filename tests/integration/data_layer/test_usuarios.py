"""Users managed from the web (issue #13): the services of data_layer.usuarios, on SQLite and
PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from data_layer import auth, login, usuarios
from data_layer.auth import Alcance, ErrorUsuario
from data_layer.db import session_factory
from data_layer.models import Auditoria, Institucion, Rol, Sector, Sesion, Usuario

ADMIN = Alcance(usuario="admin", rol=Rol.admin)
CLAVE = "Clave-Segura-2026"


@pytest.fixture
def db(engine):
    """A database with one sector (SAL), one institution (SESAL) and an admin."""
    with session_factory(engine)() as s, s.begin():
        s.add_all(
            [Sector(codigo="SAL", nombre="Salud"), Institucion(sigla="SESAL", nombre="SESAL")]
        )
        s.flush()
        auth.crear_usuario(s, "admin", Rol.admin, "Soporte-Tecnico-2026", actor="prueba")
    return engine


def _en(db, funcion, *args, **kwargs):
    with session_factory(db)() as s, s.begin():
        return funcion(s, *args, **kwargs)


def _crear_upgret(db, usuario="upg.sesal", correo="UPG@sesal.gob.hn"):
    return _en(
        db,
        usuarios.crear,
        ADMIN,
        usuario=usuario,
        rol="upgret",
        alcance=["SESAL"],
        nombre="Unidad de planificación",
        correo=correo,
    )


def _usuario(db, nombre) -> Usuario:
    with session_factory(db)() as s:
        return s.scalars(select(Usuario).where(Usuario.usuario == nombre)).one()


def _acciones(db) -> list[tuple[str, str | None, dict]]:
    with session_factory(db)() as s:
        return [
            (a.accion, a.usuario, json.loads(a.detalle or "null"))
            for a in s.scalars(select(Auditoria).order_by(Auditoria.id))
        ]


def test_admin_creates_user_with_scope_email_and_forced_change(db) -> None:
    """An admin creates a UPGRET of SESAL with a lower-cased e-mail, a temporary password they
    must change, and the creation audited by the admin."""
    temporal = _crear_upgret(db)
    u = _usuario(db, "upg.sesal")
    assert u.correo == "upg@sesal.gob.hn" and u.debe_cambiar_clave and u.activo
    assert temporal.clave not in u.clave_hash and len(temporal.clave) == 17
    accion, actor, detalle = _acciones(db)[-1]
    assert (accion, actor) == ("usuario_creado", "admin")
    assert detalle["nuevo"]["instituciones"] == ["SESAL"] and detalle["nuevo"]["debe_cambiar_clave"]


def test_duplicate_user_or_email_and_bad_input_are_refused_without_writing(db) -> None:
    """A second user with the same name or e-mail, a malformed e-mail, a UPGRET without
    institution: refused in Spanish, and nothing is written."""
    _crear_upgret(db)
    antes = len(_acciones(db))
    with pytest.raises(ErrorUsuario, match="Ya existe el usuario"):
        _crear_upgret(db, correo="otro@sesal.gob.hn")
    with pytest.raises(ErrorUsuario, match="ya es de otro usuario"):
        _crear_upgret(db, usuario="otra.persona", correo="upg@SESAL.gob.hn")
    with pytest.raises(ErrorUsuario, match="no es un correo electrónico válido"):
        _crear_upgret(db, usuario="otra.persona", correo="upg@sesal")
    with pytest.raises(ErrorUsuario, match="necesita al menos una institución"):
        _en(db, usuarios.crear, ADMIN, usuario="sin.alcance", rol="upgret", alcance=[])
    assert len(_acciones(db)) == antes
    with session_factory(db)() as s:
        assert len(auth.listar(s)) == 2


def test_only_admin_may_manage_users(db) -> None:
    """Every user service refuses a non-admin actor (even one with the whole MCR in view)."""
    _crear_upgret(db)
    analista = Alcance(usuario="ana", rol=Rol.analista)
    version = _usuario(db, "upg.sesal").version
    for funcion, kwargs in [
        (usuarios.crear, {"usuario": "x.y", "rol": "analista"}),
        (usuarios.deshabilitar, {"usuario": "upg.sesal", "version": version}),
        (usuarios.restablecer_clave, {"usuario": "upg.sesal", "version": version}),
    ]:
        with pytest.raises(ErrorUsuario, match="Solo los administradores"):
            _en(db, funcion, analista, **kwargs)
    with pytest.raises(ErrorUsuario, match="Solo los administradores"):
        _en(db, usuarios.listar, analista)
    assert _usuario(db, "upg.sesal").activo


def test_disabling_closes_sessions_is_idempotent_and_reenabling_restores(db) -> None:
    """Disabling ends the user's open sessions and is audited; disabling again writes nothing;
    re-enabling lets them log in again."""
    temporal = _crear_upgret(db)
    fabrica = session_factory(db)
    entrada = login.autenticar(fabrica, "upg.sesal", temporal.clave, "10.0.0.1")
    assert entrada.ok and entrada.debe_cambiar_clave
    with fabrica() as s, s.begin():
        usuarios.fijar_clave_obligada(s, "upg.sesal", CLAVE)
    entrada = login.autenticar(fabrica, "upg.sesal", CLAVE, "10.0.0.1")
    assert entrada.ok and not entrada.debe_cambiar_clave
    u = _usuario(db, "upg.sesal")
    assert _en(db, usuarios.deshabilitar, ADMIN, "upg.sesal", version=u.version)
    with fabrica() as s, s.begin():
        assert auth.validar_sesion(s, entrada.token) is None
        assert not s.scalars(select(Sesion).where(Sesion.cerrada_en.is_(None))).all()
    antes = len(_acciones(db))
    assert not _en(db, usuarios.deshabilitar, ADMIN, "upg.sesal", version=None)
    assert len(_acciones(db)) == antes
    assert not login.autenticar(fabrica, "upg.sesal", CLAVE, "10.0.0.2").ok
    version = _usuario(db, "upg.sesal").version
    assert _en(db, usuarios.rehabilitar, ADMIN, "upg.sesal", version=version)
    assert login.autenticar(fabrica, "upg.sesal", CLAVE, "10.0.0.3").ok
    acciones = [a for a, _, _ in _acciones(db)]
    assert "usuario_deshabilitado" in acciones and "usuario_rehabilitado" in acciones


def test_admin_cannot_disable_own_account(db) -> None:
    """An admin cannot lock themself out by disabling their own account."""
    with pytest.raises(ErrorUsuario, match="su propia cuenta"):
        _en(db, usuarios.deshabilitar, ADMIN, "admin", version=None)


def test_temporary_password_works_once_and_forces_a_change(db) -> None:
    """A reset gives a temporary password that replaces the old one and closes sessions; it
    opens one session (marked: must change), then no longer works; only the new password does."""
    _crear_upgret(db)
    fabrica = session_factory(db)
    primera = _en(db, usuarios.restablecer_clave, ADMIN, "upg.sesal", version=None)
    entrada = login.autenticar(fabrica, "upg.sesal", primera.clave, "10.0.0.1")
    assert entrada.ok and entrada.debe_cambiar_clave
    with fabrica() as s, s.begin():
        usuarios.fijar_clave_obligada(s, "upg.sesal", CLAVE)
    u = _usuario(db, "upg.sesal")
    temporal = _en(db, usuarios.restablecer_clave, ADMIN, "upg.sesal", version=u.version)
    assert not login.autenticar(fabrica, "upg.sesal", CLAVE, "10.0.0.1").ok
    entrada = login.autenticar(fabrica, "upg.sesal", temporal.clave, "10.0.0.1")
    assert entrada.ok and entrada.debe_cambiar_clave
    assert not login.autenticar(fabrica, "upg.sesal", temporal.clave, "10.0.0.1").ok
    with fabrica() as s, s.begin():
        assert auth.validar_sesion(s, entrada.token) is not None
        usuarios.fijar_clave_obligada(s, "upg.sesal", "Nueva-Clave-Propia-7")
    with fabrica() as s, s.begin():
        assert auth.validar_sesion(s, entrada.token) is None  # every session ended
        with pytest.raises(ErrorUsuario, match="no es temporal"):
            usuarios.fijar_clave_obligada(s, "upg.sesal", "Otra-Clave-Propia-8")
    final = login.autenticar(fabrica, "upg.sesal", "Nueva-Clave-Propia-7", "10.0.0.1")
    assert final.ok and not final.debe_cambiar_clave
    assert ("clave_restablecida", "admin") in [(a, u) for a, u, _ in _acciones(db)]


def test_temporary_password_expires_after_eight_hours(db) -> None:
    """A temporary password not used within 8 hours opens nothing (a Spanish message says to
    ask for a new one, and the failure is audited); a new reset works again."""
    import datetime as dt

    _crear_upgret(db)
    fabrica = session_factory(db)
    temporal = _en(db, usuarios.restablecer_clave, ADMIN, "upg.sesal", version=None)
    tarde = auth.ahoracomo_utc() + login.VIGENCIA_CLAVE_TEMPORAL + dt.timedelta(minutes=1)
    vencida = login.autenticar(fabrica, "upg.sesal", temporal.clave, "10.0.0.9", momento=tarde)
    assert not vencida.ok and vencida.mensaje == login.TEMPORAL_VENCIDA
    assert ("login_fallido", "upg.sesal") in [(a, u) for a, u, _ in _acciones(db)]
    u = _usuario(db, "upg.sesal")
    nueva = _en(db, usuarios.restablecer_clave, ADMIN, "upg.sesal", version=u.version)
    assert login.autenticar(fabrica, "upg.sesal", nueva.clave, "10.0.0.1").ok


def test_stale_version_is_refused_as_concurrent_edit(db) -> None:
    """A write made against the version a form loaded before someone else's change is refused
    and writes nothing."""
    _crear_upgret(db)
    cargada = _usuario(db, "upg.sesal").version
    _en(db, usuarios.restablecer_clave, ADMIN, "upg.sesal", version=cargada)
    with pytest.raises(usuarios.ConflictoUsuario, match="Otra persona cambió"):
        _en(db, usuarios.deshabilitar, ADMIN, "upg.sesal", version=cargada)
    assert _usuario(db, "upg.sesal").activo


def test_preferences_never_go_below_the_role_minimum(db) -> None:
    """A UPGRET cannot switch off the reminders of their institution's reports (refused with
    the reason, nothing written), may switch off the digest, and changes are audited."""
    _crear_upgret(db)
    upgret = Alcance(usuario="upg.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
    prefs = _en(db, usuarios.preferencias, upgret, "upg.sesal")
    assert set(prefs.obligatorios) == {"recordatorios"} and prefs.recordatorios
    with pytest.raises(ErrorUsuario, match="no se pueden apagar"):
        _en(
            db,
            usuarios.guardar_preferencias,
            upgret,
            "upg.sesal",
            correo="upg@sesal.gob.hn",
            resumen=True,
            recordatorios=False,
            version=prefs.version,
        )
    assert _usuario(db, "upg.sesal").recibe_recordatorios
    assert _en(
        db,
        usuarios.guardar_preferencias,
        upgret,
        "upg.sesal",
        correo="planificacion@sesal.gob.hn",
        resumen=False,
        recordatorios=True,
        version=prefs.version,
    )
    u = _usuario(db, "upg.sesal")
    assert (u.correo, u.recibe_resumen) == ("planificacion@sesal.gob.hn", False)
    accion, actor, detalle = _acciones(db)[-1]
    assert (accion, actor) == ("preferencias_correo", "upg.sesal")
    assert detalle == {
        "correo": ["upg@sesal.gob.hn", "planificacion@sesal.gob.hn"],
        "resumen": [True, False],
    }
    ministro = Alcance(usuario="min", rol=Rol.ministro, sectores=frozenset({"SAL"}))
    with pytest.raises(ErrorUsuario, match="sus propias preferencias"):
        _en(db, usuarios.preferencias, ministro, "upg.sesal")
