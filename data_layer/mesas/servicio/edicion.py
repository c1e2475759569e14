"""Editing and deleting the acuerdos of minutes not yet distributed.

While its ayuda memoria is a draft, an acuerdo can be corrected (text, responsible, due date,
links, result) or deleted, each audited with the old and the new content. Once the minutes are
distributed they are final: both are refused and the only way to change the record is a
correction (``servicio.corregir_ayuda_memoria``), a new audited acta; an acuerdo's life goes on
through status changes with their notes. An edit is checked against the version the form loaded
(:class:`~data_layer.mesas.servicio.comun.ConflictoEdicion` carries the current content).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer.auth import Alcance, registrar
from data_layer.mesas.models import Acuerdo, AyudaMemoria, PuntoAgenda, SeguimientoAcuerdo
from data_layer.mesas.servicio.acuerdos import campos_acuerdo
from data_layer.mesas.servicio.ayudas import _exigir_borrador
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    ErrorMesa,
    _autorizar_mesa,
    _entidad,
    _fecha,
    _motivo,
    _obtener,
)


def contenido_acuerdo(acuerdo: Acuerdo) -> dict[str, Any]:
    """An acuerdo's editable content as the forms hold it (dates as ``aaaa-mm-dd``), with its
    version: what a conflict shows and what the edit form loads."""
    return {
        "version": acuerdo.version,
        "texto": acuerdo.texto,
        "institucion": acuerdo.institucion_responsable.sigla,
        "persona_responsable": acuerdo.persona_responsable,
        "fecha_limite": acuerdo.fecha_limite.isoformat(),
        "metas": [m.codigo for m in acuerdo.metas],
        "indicadores": [i.codigo for i in acuerdo.indicadores],
        "resultado": acuerdo.resultado,
    }


def _en_borrador(
    session: Session, acuerdo_id: int, actor: Alcance, version: int | None, que: str
) -> Acuerdo:
    """The acuerdo, locked, once ``actor`` may write in its mesa, its minutes are a draft and it
    is still at ``version`` (None: not checked)."""
    acuerdo: Acuerdo = _obtener(session, Acuerdo, acuerdo_id, "el acuerdo", bloquear=True)
    _autorizar_mesa(session, actor, acuerdo.mesa_id)
    if acuerdo.ayuda_memoria_id is None:  # pragma: no cover - every service records it
        raise ErrorMesa(f"El acuerdo N.º {acuerdo.id} no pertenece a un acta en borrador.")
    ayuda: AyudaMemoria = _obtener(
        session, AyudaMemoria, acuerdo.ayuda_memoria_id, "la ayuda memoria", bloquear=True
    )
    _exigir_borrador(ayuda)
    if version is not None and version != acuerdo.version:
        raise ConflictoEdicion(
            f"Otra persona guardó cambios en el acuerdo N.º {acuerdo.id} mientras usted lo "
            f"{que}: no se guardó lo suyo. El formulario muestra ahora el acuerdo vigente y, "
            "debajo, lo que usted escribió: revíselo y vuelva a intentarlo.",
            contenido_acuerdo(acuerdo),
        )
    return acuerdo


def editar_acuerdo(
    session: Session,
    acuerdo_id: int,
    *,
    texto: str,
    institucion: str,
    persona_responsable: str,
    fecha_limite: dt.date | None,
    metas: Iterable[str] = (),
    indicadores: Iterable[str] = (),
    resultado: str | None = None,
    version: int | None = None,
    actor: Alcance,
) -> Acuerdo:
    """Correct an acuerdo of minutes not yet distributed; audited old → new, field by field.

    The same rules as recording it (``servicio.registrar_acuerdo``): text, institution, person
    and due date required, due not before the session, links only to the mesa's own sector.

    Args:
        version: the version the form loaded (None: not checked, for the CLI).

    Raises:
        ConflictoEdicion: someone saved the acuerdo after the form loaded it.
        ErrorMesa: the actor may not write in the mesa, its minutes were distributed (final:
            register a correction), a rule above, nothing changed.
    """
    acuerdo = _en_borrador(session, acuerdo_id, actor, version, "editaba")
    mesa = acuerdo.mesa
    campos = campos_acuerdo(
        session,
        mesa,
        acuerdo.sesion,
        texto=texto,
        institucion=institucion,
        persona_responsable=persona_responsable,
        fecha_limite=fecha_limite,
        metas=metas,
        indicadores=indicadores,
        resultado=resultado,
    )
    antes = contenido_acuerdo(acuerdo)
    for atributo, valor in campos.items():
        setattr(acuerdo, atributo, valor)
    despues = contenido_acuerdo(acuerdo)
    cambios = {k: [antes[k], despues[k]] for k in antes if antes[k] != despues[k]}
    if not cambios:
        raise ErrorMesa(f"No cambió ningún campo del acuerdo N.º {acuerdo.id}: no hay qué guardar.")
    acuerdo.version += 1
    cambios["version"] = [antes["version"], acuerdo.version]
    session.flush()
    registrar(
        session,
        "acuerdo_editado",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "acuerdo", acuerdo.id),
        detalle=cambios,
    )
    return acuerdo


def eliminar_acuerdo(
    session: Session,
    acuerdo_id: int,
    *,
    motivo: str,
    version: int | None = None,
    actor: Alcance,
) -> None:
    """Delete an acuerdo of minutes not yet distributed (a duplicate, a mistake), with the reason.

    The audit keeps its whole content. An acuerdo that already has follow-ups, or that a later
    session's agenda follows up, is part of the mesa's record: it is cancelled (status change),
    not deleted.

    Args:
        version: the version the form loaded (None: not checked, for the CLI).

    Raises:
        ConflictoEdicion: someone saved the acuerdo after the form loaded it.
        ErrorMesa: the actor may not write in the mesa, its minutes were distributed, no reason,
            it has follow-ups or is on a later agenda.
    """
    acuerdo = _en_borrador(session, acuerdo_id, actor, version, "revisaba")
    motivo = _motivo(motivo, "motivo de la eliminación")
    cancelar = "cámbielo a «Cancelado» con una nota que lo explique."
    seguido = session.scalar(
        select(SeguimientoAcuerdo.id).where(SeguimientoAcuerdo.acuerdo_id == acuerdo.id).limit(1)
    )
    if seguido is not None:
        raise ErrorMesa(
            f"El acuerdo N.º {acuerdo.id} ya tiene seguimiento registrado: no se elimina; "
            + cancelar
        )
    en_agenda = session.scalars(
        select(PuntoAgenda).where(PuntoAgenda.acuerdo_id == acuerdo.id).limit(1)
    ).first()
    if en_agenda is not None:
        raise ErrorMesa(
            f"El acuerdo N.º {acuerdo.id} figura en la agenda de la sesión del "
            f"{_fecha(en_agenda.sesion.fecha_hora.date())}: no se elimina; {cancelar}"
        )
    registrar(
        session,
        "acuerdo_eliminado",
        usuario=actor.usuario,
        entidad=_entidad(acuerdo.mesa, "acuerdo", acuerdo.id),
        detalle={"anterior": contenido_acuerdo(acuerdo), "motivo": motivo},
    )
    session.delete(acuerdo)
    session.flush()
