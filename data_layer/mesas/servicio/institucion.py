"""The responsible institution's report on its acuerdo: progress, completion, note and evidence.

The mesa records agreements and their results; the institution that must carry one out is who
knows how it is going. Its UPGRET (:func:`data_layer.permisos.puede_actualizar_acuerdo`) may:

- move an acuerdo ``pendiente → en_proceso`` (it started), with a note;
- report it ``cumplido`` (from ``pendiente`` or ``en_proceso``), with a note **and evidence**
  (an uploaded file of the institution, or an ``https://`` link): the mesa sees it at its next
  session and, if it disagrees, sets another status with its own note (the history keeps both);
- add a follow-up note (with or without evidence) without changing the status.

Cancelling an acuerdo and reopening a ``cumplido`` or ``cancelado`` one stay with the mesa
(:func:`data_layer.mesas.servicio.cambiar_estado_acuerdo`). Every report is a new
:class:`~data_layer.mesas.models.SeguimientoAcuerdo` row (nothing is overwritten), checked
against the version of the acuerdo the page showed, under a row lock, and audited.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import limites, permisos
from data_layer.auth import Alcance, registrar
from data_layer.documentos import ESTADOS_ACUERDO
from data_layer.mesas.models import Acuerdo, EstadoAcuerdo, SeguimientoAcuerdo
from data_layer.mesas.servicio.acuerdos import _seguimiento
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    ErrorMesa,
    _entidad,
    _enum,
    _hoy,
    _opcional,
)
from data_layer.models import Evidencia

#: Statuses in which the institution may still report (the mesa closes and reopens).
_ABIERTOS = frozenset({EstadoAcuerdo.pendiente, EstadoAcuerdo.en_proceso})


def _palabra(estado: EstadoAcuerdo) -> str:
    return ESTADOS_ACUERDO.get(estado.value, estado.value)


def _enlace(url: str | None) -> str | None:
    """An evidence link: only ``https://`` addresses with a host."""
    url = _opcional(url)
    if url is None:
        return None
    partes = urlsplit(url)
    if partes.scheme.lower() != "https" or not partes.netloc or any(c.isspace() for c in url):
        raise ErrorMesa("El enlace de la evidencia debe ser una dirección https:// válida.")
    return url


def _evidencia(session: Session, evidencia_id: int | None, acuerdo: Acuerdo) -> Evidencia | None:
    """An uploaded file of the acuerdo's responsible institution (another's is refused)."""
    if evidencia_id is None:
        return None
    evidencia = session.get(Evidencia, evidencia_id)
    if evidencia is None or evidencia.institucion_id != acuerdo.institucion_responsable_id:
        raise ErrorMesa(
            "El archivo de evidencia no existe o no es de la institución responsable del acuerdo."
        )
    return evidencia


def informar_acuerdo(
    session: Session,
    acuerdo_id: int,
    *,
    estado: EstadoAcuerdo | str | None,
    nota: str | None,
    version: int | None,
    evidencia_id: int | None = None,
    evidencia_url: str | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> SeguimientoAcuerdo:
    """Record the responsible institution's report on acuerdo ``acuerdo_id`` (dated today).

    Args:
        session: the caller's write session (the caller commits).
        acuerdo_id: the acuerdo.
        estado: the new status (``en_proceso`` or ``cumplido`` for the institution; every
            status but ``vencido`` for the mesa), or None (or the current one) for a note only.
        nota: the follow-up note (required).
        version: the acuerdo's version the page showed; if it changed meanwhile (someone
            reported or the mesa changed it) the report is refused. None (the demo loader): not
            checked.
        evidencia_id: an uploaded evidence file of the responsible institution.
        evidencia_url: an ``https://`` link to the evidence.
        actor: who reports.
        hoy: today (default: today in Honduras).

    Raises:
        ConflictoEdicion: the acuerdo changed after the page loaded it (carries the current
            status and version).
        ErrorMesa: the actor may not update this acuerdo (also when it does not exist), the
            status is not one they may give, the acuerdo is closed (cumplido or cancelado: only
            the mesa reopens it), no note, ``cumplido`` without evidence, a file of another
            institution, a link that is not ``https://``.
    """
    acuerdo = session.scalars(
        select(Acuerdo)
        .where(Acuerdo.id == acuerdo_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    sector = acuerdo.mesa.sector.codigo if acuerdo is not None else ""
    institucion = acuerdo.institucion_responsable.sigla if acuerdo is not None else None
    if acuerdo is None or not permisos.puede_actualizar_acuerdo(actor, sector, institucion):
        raise ErrorMesa(permisos.SIN_PERMISO_ACUERDO)
    if version is not None and version != acuerdo.version:
        raise ConflictoEdicion(
            f"El acuerdo N.º {acuerdo.id} cambió mientras usted lo veía (ahora está "
            f"«{_palabra(acuerdo.estado)}»). No se guardó nada: la página muestra su estado "
            "vigente y lo que usted escribió sigue en el formulario.",
            {"estado": acuerdo.estado.value, "version": acuerdo.version},
        )
    de_la_mesa = permisos.puede_escribir_mesa(actor, sector)
    anterior = acuerdo.estado
    if not de_la_mesa and anterior not in _ABIERTOS:
        raise ErrorMesa(
            f"El acuerdo ya está «{_palabra(anterior)}»: solo la mesa puede reabrirlo o cambiarlo."
        )
    nuevo = anterior if estado in (None, "") else _enum(EstadoAcuerdo, estado, "estado del acuerdo")
    if nuevo != anterior and nuevo.value not in permisos.estados_acuerdo_permitidos(
        actor, sector, institucion
    ):
        raise ErrorMesa(
            f"La institución responsable no puede dejar el acuerdo en «{_palabra(nuevo)}»: "
            "informa su avance («en proceso») o su cumplimiento («cumplido», con evidencia); "
            "cancelarlo corresponde a la mesa."
        )
    texto = _opcional(nota)
    if texto is None:
        raise ErrorMesa("El campo «nota de seguimiento» es obligatorio.")
    texto = limites.revisar_texto(texto, "nota de seguimiento")
    archivo = _evidencia(session, evidencia_id, acuerdo)
    enlace = _enlace(evidencia_url)
    if nuevo == EstadoAcuerdo.cumplido and nuevo != anterior and archivo is None and not enlace:
        raise ErrorMesa(
            "Para informar un acuerdo como cumplido adjunte la evidencia: un archivo o un enlace "
            "https://."
        )
    fila = _seguimiento(session, acuerdo, nuevo, texto, _hoy(hoy), None, actor, hoy)
    fila.evidencia_id = archivo.id if archivo is not None else None
    fila.evidencia_url = enlace
    acuerdo.estado = nuevo
    acuerdo.version += 1
    session.flush()
    registrar(
        session,
        "acuerdo_informe" if nuevo != anterior else "acuerdo_seguimiento",
        usuario=actor.usuario,
        entidad=_entidad(acuerdo.mesa, "acuerdo", acuerdo.id),
        detalle={
            "estado": [anterior.value, nuevo.value],
            "nota": texto,
            "institucion": institucion,
            "evidencia_id": fila.evidencia_id,
            "evidencia_url": enlace,
            "version": acuerdo.version,
        },
    )
    return fila
