"""Logging in and changing one's own password, throttled per user and address (issue #9).

Both take a ``sessionmaker`` instead of a ``Session`` because each is deliberately *two*
transactions around the password check:

1. claim the attempt (:func:`data_layer.freno.reservar`, counted as a failure) and read the
   stored hash; commit, so parallel attempts see the claim;
2. check the password (scrypt, tens of milliseconds) holding no lock and no transaction;
3. record the outcome: on a wrong password an audit record (the counter already has it); on a
   right one clear the counter, open the session (or change the password), audit it, and purge
   a bounded batch of ended sessions (:mod:`data_layer.purga`).

An attempt refused by the throttle checks nothing and is audited as ``login_bloqueado``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from data_layer import auth, freno
from data_layer.models import IntentoLogin
from data_layer.periods import como_utc
from data_layer.purga import purgar

Fabrica = Callable[[], Session]

INCORRECTOS = "Usuario o clave incorrectos."
#: How long a temporary password (given by an admin: new user or reset) opens a session.
VIGENCIA_CLAVE_TEMPORAL = dt.timedelta(hours=8)
#: The refusal of a temporary password past :data:`VIGENCIA_CLAVE_TEMPORAL`.
TEMPORAL_VENCIDA = (
    "Su clave temporal venció (dura 8 horas): pida al administrador de SIGPRET una nueva."
)
ACTUAL_INCORRECTA = "La clave actual no es correcta."
# Checked when the user does not exist, so that a wrong user name costs as much as a wrong password.
_HASH_FICTICIO = generate_password_hash("clave-ficticia-para-tiempo-constante", method="scrypt")


@dataclass(frozen=True)
class ResultadoLogin:
    """Outcome of a login or of a password change.

    Attributes:
        ok: whether it succeeded.
        mensaje: the Spanish message for the person at the keyboard ("" on success).
        espera_s: seconds to wait when the throttle refused the attempt (0 otherwise).
        token: the new session's token (login only).
        alcance: who logged in, with their scope (login only).
        debe_cambiar_clave: the user logged in with a temporary password (spent now): the app
            sends them to ``/clave`` until they set their own (login only).
    """

    ok: bool
    mensaje: str
    espera_s: int = 0
    token: str | None = None
    alcance: auth.Alcance | None = None
    debe_cambiar_clave: bool = False


@dataclass(frozen=True)
class _Leido:
    hash: str
    activo: bool


def _reservar(
    fabrica: Fabrica, usuario: str, direccion: str, momento: dt.datetime, formulario: str
) -> ResultadoLogin | _Leido:
    """Step 1: the claim (or the refusal, audited) and the stored hash."""
    with fabrica() as session, session.begin():
        turno = freno.reservar(session, usuario, direccion, momento)
        if not turno.permitido:
            auth.registrar(
                session,
                "login_bloqueado",
                usuario=usuario,
                direccion=direccion,
                detalle={"formulario": formulario, "espera_s": turno.espera_s},
            )
            return ResultadoLogin(
                ok=False, mensaje=freno.mensaje_espera(turno.espera_s), espera_s=turno.espera_s
            )
        encontrado = auth.buscar(session, usuario) if usuario else None
        if encontrado is None:
            return _Leido(_HASH_FICTICIO, activo=False)
        return _Leido(encontrado.clave_hash, activo=encontrado.activo)


def _normalizar(usuario: str, direccion: str) -> tuple[str, str]:
    return (usuario or "").strip().lower()[:60], (direccion or "desconocida")[:64]


def autenticar(
    fabrica: Fabrica,
    usuario: str,
    clave: str,
    direccion: str,
    momento: dt.datetime | None = None,
) -> ResultadoLogin:
    """Check a user name and password, throttled; open a server-side session on success.

    Args:
        fabrica: makes sessions on the users' database (each step commits its own).
        usuario: the typed user name (normalised to lower case).
        clave: the typed password.
        direccion: the client's address (the real one: behind a proxy, after ProxyFix).
        momento: now (aware UTC); tests pass their own.

    Returns:
        A :class:`ResultadoLogin` with the session token, or a Spanish message (and the
        seconds to wait when throttled).
    """
    momento = momento or auth.ahoracomo_utc()
    usuario, direccion = _normalizar(usuario, direccion)
    leido = _reservar(fabrica, usuario, direccion, momento, "login")
    if isinstance(leido, ResultadoLogin):
        return leido
    correcta = check_password_hash(leido.hash, clave or "") and leido.activo
    with fabrica() as session, session.begin():
        encontrado = auth.buscar(session, usuario) if correcta else None
        # Re-read: the user may have been disabled or re-keyed during the check.
        if encontrado is None or not encontrado.activo or encontrado.clave_hash != leido.hash:
            session.add(IntentoLogin(usuario=usuario, direccion=direccion, momento=momento))
            auth.registrar(session, "login_fallido", usuario=usuario, direccion=direccion)
            return ResultadoLogin(ok=False, mensaje=INCORRECTOS)
        if encontrado.debe_cambiar_clave and _temporal_vencida(
            encontrado.clave_cambiada_en, momento
        ):
            session.add(IntentoLogin(usuario=usuario, direccion=direccion, momento=momento))
            auth.registrar(
                session,
                "login_fallido",
                usuario=usuario,
                direccion=direccion,
                detalle={"clave_temporal_vencida": True},
            )
            return ResultadoLogin(ok=False, mensaje=TEMPORAL_VENCIDA)
        freno.liberar(session, usuario, direccion)
        session.add(IntentoLogin(usuario=usuario, direccion=direccion, momento=momento, exito=True))
        token = auth.abrir_sesion(session, encontrado, direccion, momento)
        temporal = encontrado.debe_cambiar_clave
        if temporal:
            # A temporary password works once: this session is the only way left to set one's
            # own (the /clave form of a session opened with it asks only for the new one).
            encontrado.clave_hash = auth.hash_clave(secrets.token_urlsafe(32))
        auth.registrar(
            session,
            "login",
            usuario=usuario,
            direccion=direccion,
            detalle={"clave_temporal": True} if temporal else None,
        )
        purgar(session, momento)
        alcance = auth.alcance_de(encontrado)
        return ResultadoLogin(
            ok=True, mensaje="", token=token, alcance=alcance, debe_cambiar_clave=temporal
        )


def _temporal_vencida(fijada: dt.datetime | None, momento: dt.datetime) -> bool:
    """Whether a temporary password set at ``fijada`` no longer opens a session at ``momento``."""
    return fijada is None or momento - como_utc(fijada) > VIGENCIA_CLAVE_TEMPORAL


def cambiar_clave_propia(
    fabrica: Fabrica,
    usuario: str,
    actual: str,
    nueva: str,
    direccion: str,
    momento: dt.datetime | None = None,
) -> ResultadoLogin:
    """A logged-in user changes their own password, proving the current one.

    The new password is validated first (that needs no secret); a wrong current password is
    audited (``clave_actual_incorrecta``) and counts in the same throttle as a wrong login. On
    success every session of the user ends (:func:`data_layer.auth.cambiar_clave`).
    """
    momento = momento or auth.ahoracomo_utc()
    usuario, direccion = _normalizar(usuario, direccion)
    try:
        auth.validar_clave(nueva, usuario)
    except auth.ErrorUsuario as exc:
        return ResultadoLogin(ok=False, mensaje=str(exc))
    leido = _reservar(fabrica, usuario, direccion, momento, "clave")
    if isinstance(leido, ResultadoLogin):
        return leido
    correcta = check_password_hash(leido.hash, actual or "") and leido.activo
    with fabrica() as session, session.begin():
        encontrado = auth.buscar(session, usuario) if correcta else None
        if encontrado is None or encontrado.clave_hash != leido.hash:
            auth.registrar(
                session,
                "clave_actual_incorrecta",
                usuario=usuario,
                entidad=f"usuario:{usuario}",
                direccion=direccion,
            )
            return ResultadoLogin(ok=False, mensaje=ACTUAL_INCORRECTA)
        freno.liberar(session, usuario, direccion)
        auth.cambiar_clave(session, usuario, nueva, actor=usuario)
        return ResultadoLogin(ok=True, mensaje="")
