"""Reads of one mesa's or one session's records (ORM objects) for the form pages.

The mesa pages read their tables as frames (:mod:`data_layer.mesas.consultas`); the form pages
(accreditation, convocatoria, session) edit one mesa or session, so they work on its ORM records
inside the caller's ``Session``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer.mesas.models import (
    Acuerdo,
    AyudaMemoria,
    Mesa,
    MiembroMesa,
    SesionMesa,
    TipoPunto,
)
from data_layer.models import Indicador, Institucion, Meta, Sector


def mesa_de_sector(s: Session, sector: Any) -> Mesa | None:
    """The mesa of the sector ``sector`` (a code from a URL), or None."""
    return s.scalars(
        select(Mesa).join(Sector, Sector.id == Mesa.sector_id).where(Sector.codigo == sector)
    ).first()


def miembros_activos(s: Session, mesa: Mesa) -> list[MiembroMesa]:
    """The mesa's active members, by institution, level and name."""
    return list(
        s.scalars(
            select(MiembroMesa)
            .where(MiembroMesa.mesa_id == mesa.id, MiembroMesa.activo.is_(True))
            .order_by(MiembroMesa.institucion_id, MiembroMesa.nivel, MiembroMesa.nombre)
        )
    )


def instituciones(s: Session) -> list[Institucion]:
    """Every institution, by sigla (the choices of the accreditation form)."""
    return list(s.scalars(select(Institucion).order_by(Institucion.sigla)))


def numero_sesion(s: Session, sesion: SesionMesa) -> int:
    """The session's place among its mesa's sessions, by date (1 for the first): «Sesión N»."""
    anteriores = s.scalars(
        select(SesionMesa.id).where(
            SesionMesa.mesa_id == sesion.mesa_id,
            (SesionMesa.fecha_hora < sesion.fecha_hora)
            | ((SesionMesa.fecha_hora == sesion.fecha_hora) & (SesionMesa.id < sesion.id)),
        )
    )
    return len(list(anteriores)) + 1


def sesion_de_mesa(s: Session, sector: Any, sesion_id: Any) -> SesionMesa | None:
    """The session ``sesion_id`` if it exists and belongs to the mesa of ``sector``.

    Both come from a URL (or a forged request): anything that is not a session id of that
    mesa gives None, never an error.
    """
    try:
        ident = int(sesion_id or "")
    except (TypeError, ValueError):
        return None
    sesion = s.get(SesionMesa, ident)
    if sesion is None or sesion.mesa.sector.codigo != sector:
        return None
    return sesion


def ayuda_vigente(s: Session, sesion_id: int) -> AyudaMemoria | None:
    """The session's current minutes: the latest version no correction replaces."""
    ayudas = list(
        s.scalars(
            select(AyudaMemoria)
            .where(AyudaMemoria.sesion_id == sesion_id)
            .order_by(AyudaMemoria.numero)
        )
    )
    corregidas = {a.corrige_a_id for a in ayudas}
    vigentes = [a for a in ayudas if a.id not in corregidas]
    return vigentes[-1] if vigentes else None


def acuerdos_de_sesion(s: Session, sesion: SesionMesa) -> tuple[list[Acuerdo], list[Acuerdo]]:
    """The acuerdos the session took (by id) and the earlier ones its agenda follows up."""
    propios = list(
        s.scalars(select(Acuerdo).where(Acuerdo.sesion_id == sesion.id).order_by(Acuerdo.id))
    )
    previos = [
        a
        for p in sesion.agenda
        if p.tipo == TipoPunto.seguimiento_acuerdo and p.acuerdo_id is not None
        for a in [s.get(Acuerdo, p.acuerdo_id)]
        if a is not None
    ]
    return propios, previos


def miembros_elegibles(s: Session, sesion: SesionMesa) -> list[MiembroMesa]:
    """Members accredited on the session's day: the session's level first, then institution."""
    fecha = sesion.fecha_hora.date()
    miembros = s.scalars(
        select(MiembroMesa).where(
            MiembroMesa.mesa_id == sesion.mesa_id,
            MiembroMesa.acreditado_en <= fecha,
            (MiembroMesa.baja_en.is_(None)) | (MiembroMesa.baja_en > fecha),
        )
    )
    return sorted(miembros, key=lambda m: (m.nivel != sesion.nivel, m.institucion.sigla, m.nombre))


def codigos_vinculables(s: Session, sector: str) -> tuple[list[str], list[str]]:
    """The goals and indicators a record of the mesa of ``sector`` may link: the sector's goals
    and their indicators (codes, sorted).

    The one definition of what an acuerdo, a bottleneck or a strategy may address: the forms
    offer these codes and the services refuse any other
    (:func:`data_layer.permisos.vinculos_rechazados`).
    """
    metas = list(
        s.scalars(
            select(Meta)
            .join(Sector, Sector.id == Meta.sector_id)
            .where(Sector.codigo == sector)
            .order_by(Meta.codigo)
        )
    )
    indicadores = s.scalars(
        select(Indicador.codigo)
        .where(Indicador.meta_id.in_([m.id for m in metas]))
        .order_by(Indicador.codigo)
    )
    return [m.codigo for m in metas], list(indicadores)


def codigos_para_acuerdo(s: Session, sector: str) -> tuple[list[str], list[str], list[str]]:
    """What a new acuerdo may name: every institution's sigla, and the sector's goals and their
    indicators (:func:`codigos_vinculables`); codes sorted."""
    metas, indicadores = codigos_vinculables(s, sector)
    siglas = s.scalars(select(Institucion.sigla).order_by(Institucion.sigla))
    return list(siglas), metas, indicadores
