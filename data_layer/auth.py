"""Users, passwords, server-side sessions and the audit trail (issue #4).

Logging in and changing one's own password (throttled) are in :mod:`data_layer.login`.

Every function takes the caller's ``Session`` and leaves the commit to it, so a change and its audit
record are written in the same transaction. Times are timezone-aware UTC; SQLite returns naive
datetimes, which are read as UTC.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, object_session
from werkzeug.security import check_password_hash, generate_password_hash

from data_layer import versiones
from data_layer.db import SQLITE_BUSY_TIMEOUT_MS
from data_layer.errores import ErrorDeDatos
from data_layer.models import (
    Auditoria,
    Institucion,
    Rol,
    Sector,
    Sesion,
    Usuario,
)
from data_layer.periods import como_utc

MIN_LARGO_CLAVE = 10
INACTIVIDAD_MAXIMA = dt.timedelta(minutes=30)
DURACION_MAXIMA = dt.timedelta(hours=12)
#: Session activity is written at most this often (not on every request).
RESOLUCION_ACTIVIDAD = dt.timedelta(minutes=1)

_NOMBRE_USUARIO = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")

#: Roles whose scope is a list of sectors, and those whose scope is a list of institutions.
ROLES_CON_SECTORES = {Rol.ministro, Rol.coordinador_mesa}
ROLES_CON_INSTITUCIONES = {Rol.upgret}


class ErrorUsuario(ErrorDeDatos):
    """A refused user operation; the message is in Spanish, for the person at the keyboard."""


def ahoracomo_utc() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


# --- audit ------------------------------------------------------------------------------------


def registrar(
    session: Session,
    accion: str,
    *,
    usuario: str | None,
    entidad: str | None = None,
    detalle: dict | None = None,
    direccion: str | None = None,
) -> Auditoria:
    """Append one audit record (who, when, what, old → new in ``detalle``)."""
    registro = Auditoria(
        momento=ahoracomo_utc(),
        usuario=usuario,
        accion=accion,
        entidad=entidad,
        detalle=json.dumps(detalle, ensure_ascii=False, sort_keys=True, default=str)
        if detalle is not None
        else None,
        direccion=direccion,
    )
    session.add(registro)
    return registro


# --- users ------------------------------------------------------------------------------------


def validar_clave(clave: str, usuario: str) -> None:
    """Refuse weak passwords with a Spanish reason."""
    if len(clave) < MIN_LARGO_CLAVE:
        raise ErrorUsuario(f"La clave debe tener al menos {MIN_LARGO_CLAVE} caracteres.")
    if clave.strip().lower() == usuario.lower() or usuario.lower() in clave.lower():
        raise ErrorUsuario("La clave no puede contener el nombre de usuario.")
    if len(set(clave)) < 5:
        raise ErrorUsuario("La clave es demasiado repetitiva: use al menos 5 caracteres distintos.")


def hash_clave(clave: str) -> str:
    """A scrypt hash of ``clave`` (salted; parameters stored in the hash)."""
    return generate_password_hash(clave, method="scrypt")


def verificar_clave(usuario: Usuario, clave: str) -> bool:
    """Whether ``clave`` is the user's password (constant-time comparison of scrypt hashes)."""
    return check_password_hash(usuario.clave_hash, clave or "")


def buscar(session: Session, usuario: str) -> Usuario | None:
    """The user called ``usuario`` (exact, lower-case names), or None."""
    return session.scalars(select(Usuario).where(Usuario.usuario == usuario)).first()


def _obtener(session: Session, usuario: str) -> Usuario:
    encontrado = buscar(session, usuario)
    if encontrado is None:
        raise ErrorUsuario(f"No existe el usuario «{usuario}».")
    return encontrado


def _resolver_alcance(
    session: Session, rol: Rol, alcance: Iterable[str]
) -> tuple[list[Sector], list[Institucion]]:
    codigos = [c.strip() for c in alcance if c and c.strip()]
    sectores: list[Sector] = []
    instituciones: list[Institucion] = []
    for codigo in dict.fromkeys(codigos):
        sector = session.scalars(select(Sector).where(Sector.codigo == codigo)).first()
        institucion = session.scalars(
            select(Institucion).where(Institucion.sigla == codigo)
        ).first()
        if rol in ROLES_CON_SECTORES:
            if sector is None:
                raise ErrorUsuario(f"«{codigo}» no es el código de un sector (rol {rol.value}).")
            sectores.append(sector)
        elif rol in ROLES_CON_INSTITUCIONES:
            if institucion is None:
                raise ErrorUsuario(
                    f"«{codigo}» no es la sigla de una institución (rol {rol.value})."
                )
            instituciones.append(institucion)
        else:
            raise ErrorUsuario(f"El rol {rol.value} ve todo: no lleva alcance («{codigo}»).")
    # A mesa coordinator may start without sectors: designating them to a mesa gives its sector.
    if rol is Rol.ministro and not sectores:
        raise ErrorUsuario(f"El rol {rol.value} necesita al menos un sector (--alcance SAL).")
    if rol in ROLES_CON_INSTITUCIONES and not instituciones:
        raise ErrorUsuario(
            f"El rol {rol.value} necesita al menos una institución (--alcance SESAL)."
        )
    return sectores, instituciones


def parse_rol(texto: str) -> Rol:
    """The role named ``texto``, or a Spanish error listing the roles."""
    try:
        return Rol(texto)
    except ValueError:
        roles = ", ".join(r.value for r in Rol)
        raise ErrorUsuario(f"«{texto}» no es un rol (roles: {roles}).") from None


def crear_usuario(
    session: Session,
    usuario: str,
    rol: Rol | str,
    clave: str,
    *,
    alcance: Iterable[str] = (),
    nombre: str = "",
    es_demo: bool = False,
    actor: str | None = None,
    correo: str | None = None,
    debe_cambiar_clave: bool = False,
) -> Usuario:
    """Create a user with a role and its scope (sector codes or institution siglas).

    ``correo`` must already be validated (:func:`data_layer.usuarios.normalizar_correo`);
    ``debe_cambiar_clave`` sends the user to ``/clave`` at their first login.

    Raises:
        ErrorUsuario: bad name, existing user, unknown role or scope code, weak password.
    """
    rol = parse_rol(rol) if isinstance(rol, str) else rol
    if not _NOMBRE_USUARIO.match(usuario):
        raise ErrorUsuario(
            "El usuario debe tener de 3 a 60 caracteres: minúsculas, dígitos, punto, guion o "
            "guion bajo, empezando por letra o dígito."
        )
    if buscar(session, usuario) is not None:
        raise ErrorUsuario(f"Ya existe el usuario «{usuario}».")
    validar_clave(clave, usuario)
    sectores, instituciones = _resolver_alcance(session, rol, alcance)
    nuevo = Usuario(
        usuario=usuario,
        nombre=nombre,
        rol=rol,
        clave_hash=hash_clave(clave),
        activo=True,
        es_demo=es_demo,
        clave_cambiada_en=ahoracomo_utc(),
        correo=correo,
        debe_cambiar_clave=debe_cambiar_clave,
        sectores=sectores,
        instituciones=instituciones,
    )
    session.add(nuevo)
    registrar(
        session,
        "usuario_creado",
        usuario=actor,
        entidad=f"usuario:{usuario}",
        detalle={
            "nuevo": {
                "rol": rol.value,
                "sectores": [s.codigo for s in sectores],
                "instituciones": [i.sigla for i in instituciones],
                "correo": correo,
                "debe_cambiar_clave": debe_cambiar_clave,
            }
        },
    )
    session.flush()
    return nuevo


def cerrar_sesiones(session: Session, usuario: Usuario, momento: dt.datetime) -> int:
    """Close every open session of ``usuario``; returns how many were open."""
    abiertas = session.scalars(
        select(Sesion).where(Sesion.usuario_id == usuario.id, Sesion.cerrada_en.is_(None))
    ).all()
    for sesion in abiertas:
        sesion.cerrada_en = momento
    return len(abiertas)


def deshabilitar(session: Session, usuario: str, *, actor: str | None = None) -> Usuario:
    """Disable a user and end their sessions at once."""
    encontrado = _obtener(session, usuario)
    anterior = encontrado.activo
    encontrado.activo = False
    encontrado.version += 1
    cerradas = cerrar_sesiones(session, encontrado, ahoracomo_utc())
    registrar(
        session,
        "usuario_deshabilitado",
        usuario=actor,
        entidad=f"usuario:{usuario}",
        detalle={"activo": [anterior, False], "sesiones_cerradas": cerradas},
    )
    return encontrado


def cambiar_clave(
    session: Session, usuario: str, nueva: str, *, actor: str | None = None
) -> Usuario:
    """Set a new password (validated) and end every session of the user."""
    encontrado = _obtener(session, usuario)
    validar_clave(nueva, usuario)
    encontrado.clave_hash = hash_clave(nueva)
    encontrado.clave_cambiada_en = ahoracomo_utc()
    encontrado.debe_cambiar_clave = False
    encontrado.version += 1
    cerradas = cerrar_sesiones(session, encontrado, ahoracomo_utc())
    registrar(
        session,
        "clave_cambiada",
        usuario=actor or usuario,
        entidad=f"usuario:{usuario}",
        detalle={"sesiones_cerradas": cerradas},
    )
    return encontrado


def listar(session: Session) -> list[Usuario]:
    """Every user, by name."""
    return list(session.scalars(select(Usuario).order_by(Usuario.usuario)))


# --- scope --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alcance:
    """What a logged-in user is: their name, role and scope, as plain values for the UI layer."""

    usuario: str
    rol: Rol
    sectores: frozenset[str] = field(default_factory=frozenset)
    instituciones: frozenset[str] = field(default_factory=frozenset)
    #: Sectors of the mesas the user is designated to (technical coordinator, assigned analyst):
    #: the mesas they write in (:func:`data_layer.permisos.puede_escribir_mesa`).
    mesas: frozenset[str] = field(default_factory=frozenset)

    @property
    def ve_todo(self) -> bool:
        """Whether the role sees the whole MCR in detail (the rule: ``permisos.ve_todo``)."""
        from data_layer import permisos  # permisos imports this module

        return permisos.ve_todo(self)


def mesas_designadas(session: Session, usuario_id: int) -> frozenset[str]:
    """Sector codes of the mesas where the user is the designated technical coordinator or an
    assigned DIGER analyst (issue #11: the scope follows from the designation)."""
    from data_layer.mesas.models import Mesa, mesa_analista  # mesas.models imports models

    tecnico = select(Mesa.sector_id).where(Mesa.coordinador_tecnico_usuario_id == usuario_id)
    analista = (
        select(Mesa.sector_id)
        .join(mesa_analista, mesa_analista.c.mesa_id == Mesa.id)
        .where(mesa_analista.c.usuario_id == usuario_id)
    )
    return frozenset(
        session.scalars(
            select(Sector.codigo).where(Sector.id.in_(tecnico.union(analista).scalar_subquery()))
        )
    )


def alcance_de(usuario: Usuario) -> Alcance:
    """The :class:`Alcance` of a loaded (session-bound) user.

    A mesa coordinator's sectors are those given to the user plus those of the mesas they are
    designated to coordinate; an analyst's designations are the mesas they write in.
    """
    session = object_session(usuario)
    mesas = mesas_designadas(session, usuario.id) if session is not None else frozenset()
    sectores = frozenset(s.codigo for s in usuario.sectores)
    if usuario.rol is Rol.coordinador_mesa:
        sectores |= mesas
    return Alcance(
        usuario=usuario.usuario,
        rol=usuario.rol,
        sectores=sectores,
        instituciones=frozenset(i.sigla for i in usuario.instituciones),
        mesas=mesas,
    )


# --- login and sessions -------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def abrir_sesion(session: Session, usuario: Usuario, direccion: str, momento: dt.datetime) -> str:
    """Open a server-side session for ``usuario`` and return its random token (only its hash is
    stored). The login that calls it has already checked the password (:mod:`data_layer.login`).
    """
    token = secrets.token_urlsafe(32)
    session.add(
        Sesion(
            token_hash=_token_hash(token),
            usuario_id=usuario.id,
            creada_en=momento,
            ultima_actividad=momento,
            direccion=direccion,
        )
    )
    return token


def validar_sesion(
    session: Session, token: str | None, momento: dt.datetime | None = None
) -> Usuario | None:
    """The user of a live session token, or None (closed, idle 30 min, older than 12 h, disabled).

    An expired session is closed on the spot; activity is recorded at most once a minute.
    """
    if not token:
        return None
    momento = momento or ahoracomo_utc()
    sesion = session.scalars(select(Sesion).where(Sesion.token_hash == _token_hash(token))).first()
    if sesion is None or sesion.cerrada_en is not None:
        return None
    usuario = sesion.usuario
    vencida = (
        momento - como_utc(sesion.creada_en) > DURACION_MAXIMA
        or momento - como_utc(sesion.ultima_actividad) > INACTIVIDAD_MAXIMA
    )
    if vencida or not usuario.activo:
        sesion.cerrada_en = momento
        return None
    if momento - como_utc(sesion.ultima_actividad) >= RESOLUCION_ACTIVIDAD:
        sesion.ultima_actividad = momento
    return usuario


#: Scopes already built, per (database, user id, user version, mesas counter): a scope changes
#: only with the user row (which every admin change versions) or a mesa designation (which moves
#: the mesas counter), so a key never holds a stale scope. Bounded; per process.
_ALCANCES: OrderedDict[tuple[str, int, str, int, int], Alcance] = OrderedDict()
_ALCANCES_MAX = 2048
_ALCANCES_CANDADO = threading.Lock()


@dataclass(frozen=True)
class SesionVigente:
    """What a request needs of a live session: the user's scope and whether they must first set
    their own password."""

    alcance: Alcance
    debe_cambiar_clave: bool
    #: :func:`data_layer.queries.data_version` and the ``escrituras`` counter, read with it.
    version_datos: int = 0
    escrituras: int = 0
    #: The ``mesas`` counter, read with it.
    mesas: int = 0


def olvidar_alcances() -> None:
    """Forget every scope built (tests that empty the database and reuse user ids)."""
    with _ALCANCES_CANDADO:
        _ALCANCES.clear()


#: :func:`sesion_vigente`'s one statement: the session's columns (not the ORM object), its user's
#: state and version, the mesas counter, and the data versions every page's caches key on (so a
#: request reads them with its session check, not in statements of their own).
_CONSULTA_SESION = (
    select(
        Sesion.id,
        Sesion.usuario_id,
        Sesion.creada_en,
        Sesion.ultima_actividad,
        Sesion.cerrada_en,
        Usuario.usuario,
        Usuario.activo,
        Usuario.version,
        Usuario.debe_cambiar_clave,
        versiones.contador(versiones.MESAS),
        versiones.version_datos(),
        versiones.contador(versiones.ESCRITURAS),
    )
    .join(Usuario, Usuario.id == Sesion.usuario_id)
    .where(Sesion.token_hash == bindparam("token_hash"))
)


def sesion_vigente(
    session: Session, token: str | None, momento: dt.datetime | None = None
) -> SesionVigente | None:
    """:func:`validar_sesion` for every request, in one query (issue #15).

    The session row, its user's state and version and the mesas counter come in one statement;
    the scope is built once per (user, version, mesas counter) and process. The rules are those
    of :func:`validar_sesion`: closed, idle, too old or disabled gives None (an expired session
    is closed on the spot), and activity is recorded at most once a minute.
    """
    if not token:
        return None
    momento = momento or ahoracomo_utc()
    fila = session.execute(_CONSULTA_SESION, {"token_hash": _token_hash(token)}).first()
    if fila is None:
        return None
    (sesion_id, usuario_id, creada, actividad, cerrada) = fila[:5]
    (nombre, activo, version, debe_cambiar, contador, version_datos, escrituras) = fila[5:]
    if cerrada is not None:
        return None
    vencida = (
        momento - como_utc(creada) > DURACION_MAXIMA
        or momento - como_utc(actividad) > INACTIVIDAD_MAXIMA
    )
    if vencida or not activo:
        # The row itself only now (columns were read, not the object: the common case is
        # a live session that writes nothing, issue #15).
        session.get_one(Sesion, sesion_id).cerrada_en = momento
        return None
    base = str(session.get_bind().engine.url)
    clave = (base, usuario_id, nombre, int(version or 0), int(contador or 0))
    with _ALCANCES_CANDADO:
        alcance = _ALCANCES.get(clave)
        if alcance is not None:
            _ALCANCES.move_to_end(clave)
    if alcance is None:
        alcance = alcance_de(session.get_one(Usuario, usuario_id))
        with _ALCANCES_CANDADO:
            _ALCANCES[clave] = alcance
            while len(_ALCANCES) > _ALCANCES_MAX:
                _ALCANCES.popitem(last=False)
    # Last: building the scope reads, and must not flush this write (see guardar_actividad).
    if momento - como_utc(actividad) >= RESOLUCION_ACTIVIDAD:
        session.get_one(Sesion, sesion_id).ultima_actividad = momento
    return SesionVigente(
        alcance, bool(debe_cambiar), int(version_datos), int(escrituras), int(contador or 0)
    )


#: How long a request waits for the write lock to record its session's activity: a lock held
#: by a long write (an import on SQLite) costs the touch, never the request.
ESPERA_TOQUE_MS = 250

_log = logging.getLogger(__name__)


def guardar_actividad(session: Session) -> bool:
    """Commit what :func:`sesion_vigente` wrote (the activity time, or an expired session's
    closing), waiting at most :data:`ESPERA_TOQUE_MS` for the write lock (issue #15).

    When the lock is not had in time, the touch is dropped (rolled back and logged): the request
    goes on, and the next request records the activity. Returns whether it was saved.
    """
    if not (session.dirty or session.new or session.deleted):
        session.commit()  # ends the read transaction
        return True
    conexion = session.connection()
    sqlite = conexion.dialect.name == "sqlite"
    crudo: Any = conexion.connection.dbapi_connection
    try:
        try:
            if sqlite:
                crudo.execute(f"PRAGMA busy_timeout={ESPERA_TOQUE_MS}")
            else:
                conexion.exec_driver_sql(f"SET LOCAL lock_timeout = '{ESPERA_TOQUE_MS}ms'")
            session.flush()
        finally:
            if sqlite:  # the pooled connection keeps its usual patience
                crudo.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        session.commit()
        return True
    except OperationalError as error:
        session.rollback()
        _log.warning("Actividad de sesión no registrada (base ocupada): %s", error.orig)
        return False


def terminar_sesion(
    session: Session, token: str | None, direccion: str | None = None
) -> Usuario | None:
    """Log out: close the session of ``token`` (if any) and audit it."""
    if not token:
        return None
    sesion = session.scalars(select(Sesion).where(Sesion.token_hash == _token_hash(token))).first()
    if sesion is None or sesion.cerrada_en is not None:
        return None
    sesion.cerrada_en = ahoracomo_utc()
    registrar(session, "logout", usuario=sesion.usuario.usuario, direccion=direccion)
    return sesion.usuario
