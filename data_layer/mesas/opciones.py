"""The institution pickers of a mesa's forms: the mesa's own institutions first, then the rest.

A coordinator recording an acuerdo, a plan activity, a bottleneck or a new member almost always
names an institution of their own mesa; among ~100 institutions they should not have to hunt for
it, nor guess what a bare sigla stands for. :func:`opciones_instituciones` lists every
institution as «SIGLA — Nombre», the mesa's own ones first (:func:`siglas_propias`), then a
disabled separator «── Otras instituciones ──» and the others. The values are the siglas the
services accept; the separator's value is none of them (a forged choice of it is refused by the
service like any unknown sigla).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer.mesas.models import Mesa, MiembroMesa
from data_layer.models import Institucion, InstitucionSector, Sector

#: Text of the disabled line between the mesa's institutions and the others.
SEPARADOR_OTRAS = "── Otras instituciones ──"
#: Value of that line (never a sigla: siglas have no spaces or underscores at both ends).
VALOR_SEPARADOR = "__otras__"


def etiqueta_institucion(sigla: str, nombre: str | None) -> str:
    """«SIGLA — Nombre» (the sigla alone when the name is missing or the same)."""
    nombre = (nombre or "").strip()
    return f"{sigla} — {nombre}" if nombre and nombre != sigla else sigla


def siglas_propias(s: Session, sector: str) -> frozenset[str]:
    """The institutions of the mesa of ``sector``: those taking part in the sector
    (:class:`~data_layer.models.InstitucionSector`), the coordinators' and those with an active
    accredited member."""
    del_sector = s.scalars(
        select(Institucion.sigla)
        .join(InstitucionSector, InstitucionSector.institucion_id == Institucion.id)
        .join(Sector, Sector.id == InstitucionSector.sector_id)
        .where(Sector.codigo == sector)
    )
    propias = set(del_sector)
    mesa = s.scalars(
        select(Mesa).join(Sector, Sector.id == Mesa.sector_id).where(Sector.codigo == sector)
    ).first()
    if mesa is not None:
        ids = {mesa.coordinador_politico_institucion_id, mesa.coordinador_tecnico_institucion_id}
        ids |= set(
            s.scalars(
                select(MiembroMesa.institucion_id).where(
                    MiembroMesa.mesa_id == mesa.id, MiembroMesa.activo.is_(True)
                )
            )
        )
        propias |= set(s.scalars(select(Institucion.sigla).where(Institucion.id.in_(ids))))
    return frozenset(propias)


def opciones_instituciones(
    s: Session, sector: str, *, vacia: str | None = None
) -> list[dict[str, Any]]:
    """The options of an institution picker of the mesa of ``sector``.

    Args:
        s: a reading session.
        sector: the mesa's sector code.
        vacia: the label of a first «no institution» option (value ``""``), or None for none.

    Returns:
        ``{"value", "label"}`` dicts: the mesa's own institutions by sigla, then (when there are
        others) the separator ``{"value": VALOR_SEPARADOR, "label": SEPARADOR_OTRAS,
        "disabled": True}`` and every other institution by sigla.
    """
    propias = siglas_propias(s, sector)
    todas = s.execute(select(Institucion.sigla, Institucion.nombre).order_by(Institucion.sigla))
    primeras: list[dict[str, Any]] = []
    otras: list[dict[str, Any]] = []
    for sigla, nombre in todas:
        opcion: dict[str, Any] = {"value": sigla, "label": etiqueta_institucion(sigla, nombre)}
        (primeras if sigla in propias else otras).append(opcion)
    salida: list[dict[str, Any]] = [{"value": "", "label": vacia}] if vacia is not None else []
    salida += primeras
    if primeras and otras:
        salida.append({"value": VALOR_SEPARADOR, "label": SEPARADOR_OTRAS, "disabled": True})
    return salida + otras
