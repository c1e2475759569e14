"""The mesa's support: its equipo de apoyo (notes, logistics) and its grupos de trabajo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance, alcance_de, buscar, registrar
from data_layer.mesas.configuracion import instituciones_de_mesa
from data_layer.mesas.models import EquipoApoyo, GrupoTrabajo, Mesa
from data_layer.mesas.servicio.comun import (
    ErrorMesa,
    _alta,
    _autorizar_mesa,
    _entidad,
    _fecha,
    _hasta_hoy,
    _institucion,
    _mesa,
    _obtener,
    _opcional,
    _requerido,
)
from data_layer.mesas.servicio.integrantes import _correo, _miembros_elegibles


def agregar_apoyo(
    session: Session,
    sector: str,
    *,
    nombre: str,
    rol: str,
    institucion: str | None = None,
    correo: str | None = None,
    usuario: str | None = None,
    actor: Alcance,
) -> EquipoApoyo:
    """Add a person to the mesa's equipo de apoyo with their role (notes, logistics...).

    The team comes from the institutions' UPGRET (issue #11): the institution, when given, must
    take part in the mesa (a coordinator's or an accredited member's); ``usuario``, when given,
    is an active ``upgret`` account of that institution (:func:`permisos.puede_integrar_apoyo`),
    whose name fills a blank ``nombre``.

    Raises:
        ErrorMesa: the actor may not write in the mesa, an institution that does not take part,
            a user who is not of its UPGRET, a user without an institution, a blank field, bad
            e-mail, the person (or account) is already an active member of the team.
    """
    mesa = _mesa(session, sector, actor=actor, bloquear=True)
    inst = _institucion(session, institucion) if _opcional(institucion) else None
    if inst is not None and inst.id not in {i.id for i in instituciones_de_mesa(session, mesa)}:
        raise ErrorMesa(
            f"{inst.sigla} no participa en la mesa (no coordina ni tiene miembros acreditados): "
            "el equipo de apoyo viene de las instituciones de la mesa."
        )
    cuenta = None
    if _opcional(usuario):
        if inst is None:
            raise ErrorMesa("Elija la institución de la UPGRET a la que pertenece el usuario.")
        cuenta = buscar(session, str(usuario).strip())
        if (
            cuenta is None
            or not cuenta.activo
            or not permisos.puede_integrar_apoyo(alcance_de(cuenta), inst.sigla)
        ):
            raise ErrorMesa(f"«{usuario}» no es un usuario activo de la UPGRET de {inst.sigla}.")
    if not _opcional(nombre) and cuenta is not None:
        nombre = cuenta.nombre
    nombre = _requerido(nombre, "nombre")
    correo = _correo(correo)
    for otro in _apoyo_activo(session, mesa):
        if otro.nombre.casefold() == nombre.casefold() or (
            cuenta is not None and otro.usuario_id == cuenta.id
        ):
            raise ErrorMesa(f"{otro.nombre} ya integra el equipo de apoyo de la mesa.")
    apoyo = EquipoApoyo(
        mesa_id=mesa.id,
        nombre=nombre,
        rol=_requerido(rol, "rol"),
        institucion=inst,
        correo=correo,
        usuario=cuenta,
        activo=True,
    )
    _alta(
        session,
        apoyo,
        "equipo_apoyo_agregado",
        mesa=mesa,
        tipo="apoyo",
        nuevo={
            "nombre": apoyo.nombre,
            "rol": apoyo.rol,
            "institucion": institucion,
            "usuario": cuenta.usuario if cuenta else None,
        },
        actor=actor,
    )
    return apoyo


def _apoyo_activo(session: Session, mesa: Mesa) -> list[EquipoApoyo]:
    return list(
        session.scalars(
            select(EquipoApoyo).where(EquipoApoyo.mesa_id == mesa.id, EquipoApoyo.activo.is_(True))
        )
    )


def dar_de_baja_apoyo(
    session: Session,
    apoyo_id: int,
    *,
    baja_en: dt.date,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> EquipoApoyo:
    """Take a person out of the mesa's equipo de apoyo on ``baja_en`` (the row stays, inactive).

    Raises:
        ErrorMesa: the actor may not write in the person's mesa, unknown id, already out, a
            date after ``hoy`` (default: today in Honduras).
    """
    apoyo: EquipoApoyo = _obtener(
        session, EquipoApoyo, apoyo_id, "la persona del equipo de apoyo", bloquear=True
    )
    mesa = _autorizar_mesa(session, actor, apoyo.mesa_id)
    if not apoyo.activo:
        raise ErrorMesa(
            f"{apoyo.nombre} ya no integra el equipo de apoyo (desde el {_fecha(apoyo.baja_en)})."
        )
    _hasta_hoy(baja_en, "fecha de baja", hoy)
    apoyo.activo = False
    apoyo.baja_en = baja_en
    registrar(
        session,
        "equipo_apoyo_baja",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "apoyo", apoyo.id),
        detalle={"activo": [True, False], "baja_en": [None, baja_en]},
    )
    return apoyo


def crear_grupo_trabajo(
    session: Session,
    sector: str,
    *,
    nombre: str,
    tema: str,
    creado_en: dt.date,
    miembros_ids: Sequence[int] = (),
    coordinador_id: int | None = None,
    actor: Alcance,
) -> GrupoTrabajo:
    """Create a grupo de trabajo of active members of the mesa; its coordinator is a member."""
    mesa = _mesa(session, sector, actor=actor)
    nombre = _requerido(nombre, "nombre del grupo")
    if session.scalars(
        select(GrupoTrabajo).where(GrupoTrabajo.mesa_id == mesa.id, GrupoTrabajo.nombre == nombre)
    ).first():
        raise ErrorMesa(f"La mesa ya tiene un grupo de trabajo llamado «{nombre}».")
    ids = list(dict.fromkeys([*miembros_ids, *([coordinador_id] if coordinador_id else [])]))
    miembros = _miembros_elegibles(session, mesa, ids, creado_en)
    grupo = GrupoTrabajo(
        mesa_id=mesa.id,
        nombre=nombre,
        tema=_requerido(tema, "tema"),
        coordinador_id=coordinador_id,
        creado_en=creado_en,
        activo=True,
        miembros=[miembros[i] for i in ids],
    )
    _alta(
        session,
        grupo,
        "grupo_trabajo_creado",
        mesa=mesa,
        tipo="grupo",
        nuevo={"nombre": nombre, "tema": grupo.tema, "miembros": ids},
        actor=actor,
    )
    return grupo
