"""Users managed from the web (issue #13): create, disable, re-enable, reset, e-mail preferences.

Every write takes the acting user's :class:`~data_layer.auth.Alcance` and asks
:mod:`data_layer.permisos` first; it locks the user's row and checks the ``version`` the form
loaded (:class:`ConflictoUsuario`: someone else changed the user meanwhile); it writes the change
and its audit record in the caller's transaction, so a refusal (a Spanish
:class:`~data_layer.auth.ErrorUsuario`) leaves nothing half-written. Asking for what already holds
(disabling a disabled user, saving the same preferences) writes nothing and is not an error.

Creating and checking a user, hashing and closing sessions are :mod:`data_layer.auth`'s (the CLI
uses them too, for the first admin). A temporary password is generated here, returned once to be
shown once, and only its hash is kept; the user must replace it at the login that uses it
(:func:`data_layer.login.autenticar` spends it, :func:`fijar_clave_obligada` replaces it).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer import auth, permisos
from data_layer.auth import Alcance, ErrorUsuario
from data_layer.models import Institucion, Rol, Sector, Usuario

#: Longest e-mail address (RFC 5321 path limit).
MAX_CORREO = 254
_CORREO = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
#: Letters and digits of a temporary password: no look-alikes (0/O, 1/l/I) to misread aloud.
_ALFABETO = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ConflictoUsuario(ErrorUsuario):
    """Someone changed the user after the form loaded it: nothing was written."""


@dataclass(frozen=True)
class ClaveTemporal:
    """A user and the temporary password to give them (shown once: only its hash is stored)."""

    usuario: str
    clave: str


def normalizar_correo(valor: str | None) -> str | None:
    """The e-mail address without blanks and in lower case, or None when empty.

    Raises:
        ErrorUsuario: it is not an address, or it is too long.
    """
    correo = (valor or "").strip().lower()
    if not correo:
        return None
    if len(correo) > MAX_CORREO or not _CORREO.match(correo):
        raise ErrorUsuario(f"«{correo[:80]}» no es un correo electrónico válido.")
    return correo


def generar_clave_temporal(usuario: str) -> str:
    """A random password of 3 groups of 5 characters (about 85 bits), valid for ``usuario``."""
    while True:
        grupos = ("".join(secrets.choice(_ALFABETO) for _ in range(5)) for _ in range(3))
        clave = "-".join(grupos)
        try:
            auth.validar_clave(clave, usuario)
        except ErrorUsuario:  # pragma: no cover - astronomically rare (contains the name)
            continue
        return clave


def _autorizar(actor: Alcance) -> None:
    if not permisos.puede_administrar_usuarios(actor):
        raise ErrorUsuario(permisos.SIN_PERMISO_USUARIOS)


def _bloqueado(session: Session, usuario: str, version: int | None, que: str) -> Usuario:
    """The user, locked for the write, still at ``version`` (None: not checked, for the CLI)."""
    encontrado = session.scalars(
        select(Usuario).where(Usuario.usuario == usuario).with_for_update()
    ).first()
    if encontrado is None:
        raise ErrorUsuario(f"No existe el usuario «{usuario}».")
    if version is not None and version != encontrado.version:
        raise ConflictoUsuario(
            f"Otra persona cambió el usuario «{usuario}» mientras usted {que}: no se guardó "
            "nada. Recargue la página para ver su estado actual e intente de nuevo."
        )
    return encontrado


def _correo_libre(session: Session, correo: str | None, propio: int | None = None) -> None:
    """Refuse an e-mail that belongs to another user (the unique column would, less kindly)."""
    if correo is None:
        return
    duenos = session.scalars(select(Usuario.id).where(func.lower(Usuario.correo) == correo))
    if any(dueno != propio for dueno in duenos):
        raise ErrorUsuario(f"El correo «{correo}» ya es de otro usuario.")


def crear(
    session: Session,
    actor: Alcance,
    *,
    usuario: str,
    rol: Rol | str,
    alcance: Iterable[str] = (),
    nombre: str = "",
    correo: str | None = None,
) -> ClaveTemporal:
    """Create a user with a role, its scope and a temporary password they must change.

    Args:
        actor: who creates it (an admin).
        usuario: the login name (3–60 lower-case characters).
        rol: the role; ``alcance`` holds sector codes (ministro, coordinador de mesa) or
            institution siglas (UPGRET); other roles see everything and take none.
        nombre: the person's full name.
        correo: their e-mail address (validated, unique).

    Returns:
        The user's name and the temporary password, to be shown once.

    Raises:
        ErrorUsuario: not an admin, bad name or scope, existing user or e-mail.
    """
    _autorizar(actor)
    if not rol:
        raise ErrorUsuario("Elija el rol del usuario.")
    usuario = (usuario or "").strip().lower()
    if auth.buscar(session, usuario) is not None:  # said before anything about the e-mail
        raise ErrorUsuario(f"Ya existe el usuario «{usuario}».")
    correo = normalizar_correo(correo)
    _correo_libre(session, correo)
    clave = generar_clave_temporal(usuario or "x")
    auth.crear_usuario(
        session,
        usuario,
        rol,
        clave,
        alcance=alcance,
        nombre=(nombre or "").strip()[:200],
        actor=actor.usuario,
        correo=correo,
        debe_cambiar_clave=True,
    )
    return ClaveTemporal(usuario=usuario, clave=clave)


def deshabilitar(session: Session, actor: Alcance, usuario: str, *, version: int | None) -> bool:
    """Disable ``usuario`` and close their sessions (:func:`data_layer.auth.deshabilitar`).

    Returns:
        Whether anything changed (False: already disabled, nothing written).

    Raises:
        ErrorUsuario: not an admin, unknown user, one's own account; ``ConflictoUsuario``.
    """
    _autorizar(actor)
    if usuario == actor.usuario:
        raise ErrorUsuario("No puede deshabilitar su propia cuenta.")
    encontrado = _bloqueado(session, usuario, version, "lo deshabilitaba")
    if not encontrado.activo:
        return False
    auth.deshabilitar(session, usuario, actor=actor.usuario)
    return True


def rehabilitar(session: Session, actor: Alcance, usuario: str, *, version: int | None) -> bool:
    """Enable a disabled user again (they log in with the password they had).

    Returns:
        Whether anything changed (False: already enabled, nothing written).

    Raises:
        ErrorUsuario: not an admin, unknown user; ``ConflictoUsuario``.
    """
    _autorizar(actor)
    encontrado = _bloqueado(session, usuario, version, "lo rehabilitaba")
    if encontrado.activo:
        return False
    encontrado.activo = True
    encontrado.version += 1
    auth.registrar(
        session,
        "usuario_rehabilitado",
        usuario=actor.usuario,
        entidad=f"usuario:{usuario}",
        detalle={"activo": [False, True]},
    )
    return True


def restablecer_clave(
    session: Session, actor: Alcance, usuario: str, *, version: int | None
) -> ClaveTemporal:
    """Give ``usuario`` a new temporary password: the old one stops working, their sessions
    close, and their next login sends them to ``/clave``.

    Raises:
        ErrorUsuario: not an admin, unknown user; ``ConflictoUsuario``.
    """
    _autorizar(actor)
    encontrado = _bloqueado(session, usuario, version, "le restablecía la clave")
    clave = generar_clave_temporal(usuario)
    encontrado.clave_hash = auth.hash_clave(clave)
    encontrado.clave_cambiada_en = auth.ahoracomo_utc()
    encontrado.debe_cambiar_clave = True
    encontrado.version += 1
    cerradas = auth.cerrar_sesiones(session, encontrado, auth.ahoracomo_utc())
    auth.registrar(
        session,
        "clave_restablecida",
        usuario=actor.usuario,
        entidad=f"usuario:{usuario}",
        detalle={"debe_cambiar_clave": True, "sesiones_cerradas": cerradas},
    )
    return ClaveTemporal(usuario=usuario, clave=clave)


@dataclass(frozen=True)
class Preferencias:
    """A user's e-mail and the e-mails they get, as the form shows them.

    Attributes:
        obligatorios: the e-mails their role may not switch off, with the reason of each.
    """

    usuario: str
    rol: Rol
    correo: str | None
    resumen: bool
    recordatorios: bool
    obligatorios: dict[str, str]
    version: int


def preferencias(session: Session, actor: Alcance, usuario: str) -> Preferencias:
    """The e-mail preferences of ``usuario`` (their own, or any for an admin)."""
    if not permisos.puede_editar_preferencias(actor, usuario):
        raise ErrorUsuario(permisos.SIN_PERMISO_PREFERENCIAS)
    encontrado = auth.buscar(session, usuario)
    if encontrado is None:
        raise ErrorUsuario(f"No existe el usuario «{usuario}».")
    return Preferencias(
        usuario=encontrado.usuario,
        rol=encontrado.rol,
        correo=encontrado.correo,
        resumen=encontrado.recibe_resumen,
        recordatorios=encontrado.recibe_recordatorios,
        obligatorios=dict(permisos.MOTIVOS_OBLIGATORIOS.get(encontrado.rol, {})),
        version=encontrado.version,
    )


def guardar_preferencias(
    session: Session,
    actor: Alcance,
    usuario: str,
    *,
    correo: str | None,
    resumen: bool,
    recordatorios: bool,
    version: int | None,
) -> bool:
    """Set a user's e-mail and which e-mails they get; audited old → new.

    An e-mail the role requires (:func:`data_layer.permisos.correos_obligatorios`) cannot be
    switched off: asking to is refused with the reason, and nothing is written.

    Returns:
        Whether anything changed (False: the same values, nothing written).

    Raises:
        ErrorUsuario: someone else's preferences, a bad or taken e-mail, an obligatory e-mail
            switched off; ``ConflictoUsuario``.
    """
    if not permisos.puede_editar_preferencias(actor, usuario):
        raise ErrorUsuario(permisos.SIN_PERMISO_PREFERENCIAS)
    encontrado = _bloqueado(session, usuario, version, "editaba sus preferencias")
    correo = normalizar_correo(correo)
    elegidos = {permisos.CORREO_RESUMEN: resumen, permisos.CORREO_RECORDATORIOS: recordatorios}
    motivos = permisos.MOTIVOS_OBLIGATORIOS.get(encontrado.rol, {})
    for clase in sorted(permisos.correos_obligatorios(encontrado.rol)):
        if not elegidos[clase]:
            raise ErrorUsuario(motivos[clase])
    _correo_libre(session, correo, encontrado.id)
    antes = {
        "correo": encontrado.correo,
        "resumen": encontrado.recibe_resumen,
        "recordatorios": encontrado.recibe_recordatorios,
    }
    despues = {"correo": correo, "resumen": resumen, "recordatorios": recordatorios}
    cambios = {k: [antes[k], despues[k]] for k in antes if antes[k] != despues[k]}
    if not cambios:
        return False
    encontrado.correo = correo
    encontrado.recibe_resumen = resumen
    encontrado.recibe_recordatorios = recordatorios
    encontrado.version += 1
    auth.registrar(
        session,
        "preferencias_correo",
        usuario=actor.usuario,
        entidad=f"usuario:{usuario}",
        detalle=cambios,
    )
    return True


def fijar_clave_obligada(session: Session, usuario: str, nueva: str) -> Usuario:
    """Replace the temporary password of a user who must change it (the ``/clave`` form of a
    live session opened with it: the temporary password was spent at that login, so the form
    asks only for the new one). Every session of the user ends.

    Raises:
        ErrorUsuario: the user need not change it, or the new password is weak.
    """
    encontrado = _bloqueado(session, usuario, None, "cambiaba la clave")
    if not encontrado.debe_cambiar_clave:
        raise ErrorUsuario("Su clave no es temporal: para cambiarla escriba la actual.")
    return auth.cambiar_clave(session, usuario, nueva, actor=usuario)


@dataclass(frozen=True)
class FilaUsuario:
    """One user as the admin's list shows them."""

    usuario: str
    nombre: str
    rol: str
    alcance: str
    correo: str
    activo: bool
    debe_cambiar_clave: bool
    version: int


def listar(session: Session, actor: Alcance) -> list[FilaUsuario]:
    """Every user, by name, for an admin (anyone else: refused)."""
    _autorizar(actor)
    return [
        FilaUsuario(
            usuario=u.usuario,
            nombre=u.nombre,
            rol=u.rol.value,
            alcance=", ".join(
                sorted([s.codigo for s in u.sectores] + [i.sigla for i in u.instituciones])
            ),
            correo=u.correo or "",
            activo=u.activo,
            debe_cambiar_clave=u.debe_cambiar_clave,
            version=u.version,
        )
        for u in auth.listar(session)
    ]


#: What the scope of each kind of role is, for the creation form.
AYUDA_ALCANCE = {
    "sectores": "Sectores de su alcance (el ministro necesita al menos uno).",
    "instituciones": "Institución de la que es unidad de planificación (UPGRET).",
    "ninguno": "Este rol ve toda la MCR: no lleva alcance.",
}


def tipo_alcance(rol: Rol | str | None) -> str:
    """``sectores``, ``instituciones`` or ``ninguno``: what a user of ``rol`` is scoped to."""
    try:
        rol = Rol(rol) if rol is not None else None
    except ValueError:
        return "ninguno"
    if rol in auth.ROLES_CON_SECTORES:
        return "sectores"
    if rol in auth.ROLES_CON_INSTITUCIONES:
        return "instituciones"
    return "ninguno"


def opciones_alcance(session: Session, rol: Rol | str | None) -> list[tuple[str, str]]:
    """The (code, label) pairs a user of ``rol`` may be scoped to: sectors or institutions."""
    tipo = tipo_alcance(rol)
    if tipo == "sectores":
        filas = session.execute(select(Sector.codigo, Sector.nombre).order_by(Sector.codigo))
    elif tipo == "instituciones":
        filas = session.execute(
            select(Institucion.sigla, Institucion.nombre).order_by(Institucion.sigla)
        )
    else:
        return []
    return [(codigo, f"{codigo} — {nombre}") for codigo, nombre in filas]
