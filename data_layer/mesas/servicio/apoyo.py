"""The mesa's support: its equipo de apoyo (notes, logistics) and its grupos de trabajo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer.auth import Alcance
from data_layer.mesas.models import EquipoApoyo, GrupoTrabajo
from data_layer.mesas.servicio.comun import (
    ErrorMesa,
    _alta,
    _institucion,
    _mesa,
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
    actor: Alcance,
) -> EquipoApoyo:
    """Add a person to the mesa's equipo de apoyo with their role (notes, logistics...)."""
    mesa = _mesa(session, sector, actor=actor)
    inst = _institucion(session, institucion) if _opcional(institucion) else None
    correo = _correo(correo)
    apoyo = EquipoApoyo(
        mesa_id=mesa.id,
        nombre=_requerido(nombre, "nombre"),
        rol=_requerido(rol, "rol"),
        institucion=inst,
        correo=correo,
        activo=True,
    )
    _alta(
        session,
        apoyo,
        "equipo_apoyo_agregado",
        mesa=mesa,
        tipo="apoyo",
        nuevo={"nombre": apoyo.nombre, "rol": apoyo.rol, "institucion": institucion},
        actor=actor,
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
