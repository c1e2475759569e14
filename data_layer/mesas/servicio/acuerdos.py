"""Acuerdos of a session: recording them in draft minutes, their status and follow-up notes.

Status changes lock the acuerdo and start from the status the user saw (``desde``), so two
changes made at the same moment never branch its history: each follow-up's ``estado_anterior``
is the previous one's ``estado_nuevo``. Editing and deleting draft acuerdos:
:mod:`~data_layer.mesas.servicio.edicion`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from data_layer.auth import Alcance, registrar
from data_layer.documentos import ESTADOS_ACUERDO
from data_layer.mesas.models import (
    Acuerdo,
    AyudaMemoria,
    EstadoAcuerdo,
    Mesa,
    SeguimientoAcuerdo,
    SesionMesa,
)
from data_layer.mesas.servicio.ayudas import _exigir_borrador
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    ErrorMesa,
    _alta,
    _autorizar_mesa,
    _entidad,
    _enum,
    _fecha_sesion,
    _hasta_hoy,
    _institucion,
    _obtener,
    _opcional,
    _requerido,
    _vinculos_del_sector,
)


def _nombre(estado: EstadoAcuerdo) -> str:
    """A status as users read it (the documents' words)."""
    return ESTADOS_ACUERDO.get(estado.value, estado.value)


def registrar_acuerdo(
    session: Session,
    ayuda_memoria_id: int,
    *,
    texto: str,
    institucion: str,
    persona_responsable: str,
    fecha_limite: dt.date | None,
    metas: Iterable[str] = (),
    indicadores: Iterable[str] = (),
    resultado: str | None = None,
    actor: Alcance,
) -> Acuerdo:
    """Record an agreement in minutes not yet distributed, with whom, by when and what it serves.

    The goals and indicators it addresses are the mesa's own sector's
    (:func:`~data_layer.permisos.vinculos_rechazados`).

    Raises:
        ErrorMesa: the actor may not write in the mesa; missing institution, person or due date;
            due before the session; a goal or indicator code that is not of the mesa's sector
            (unknown or of another sector: the same message); minutes already distributed
            (final).
    """
    # Locked: a distribution at the same moment waits, or this acuerdo waits for it (and is
    # then refused: the minutes are final).
    ayuda: AyudaMemoria = _obtener(
        session, AyudaMemoria, ayuda_memoria_id, "la ayuda memoria", bloquear=True
    )
    mesa = _autorizar_mesa(session, actor, ayuda.mesa_id)
    _exigir_borrador(ayuda)
    campos = campos_acuerdo(
        session,
        mesa,
        ayuda.sesion,
        texto=texto,
        institucion=institucion,
        persona_responsable=persona_responsable,
        fecha_limite=fecha_limite,
        metas=metas,
        indicadores=indicadores,
        resultado=resultado,
    )
    acuerdo = Acuerdo(
        mesa_id=ayuda.mesa_id,
        sesion_id=ayuda.sesion_id,
        ayuda_memoria_id=ayuda.id,
        estado=EstadoAcuerdo.pendiente,
        **campos,
    )
    _alta(
        session,
        acuerdo,
        "acuerdo_registrado",
        mesa=mesa,
        tipo="acuerdo",
        nuevo={
            "acta": ayuda.numero,
            "texto": acuerdo.texto,
            "institucion": acuerdo.institucion_responsable.sigla,
            "persona_responsable": acuerdo.persona_responsable,
            "fecha_limite": acuerdo.fecha_limite,
            "metas": [m.codigo for m in acuerdo.metas],
            "indicadores": [i.codigo for i in acuerdo.indicadores],
        },
        actor=actor,
    )
    return acuerdo


def campos_acuerdo(
    session: Session,
    mesa: Mesa,
    sesion: SesionMesa,
    *,
    texto: str,
    institucion: str,
    persona_responsable: str,
    fecha_limite: dt.date | None,
    metas: Iterable[str],
    indicadores: Iterable[str],
    resultado: str | None,
) -> dict[str, Any]:
    """An acuerdo's fields, checked: the rules of recording and of correcting one are the same.

    Text, institution, person and due date are required, the due date is not before the session
    and the links are the mesa's own sector's goals and indicators.

    Returns:
        The values of the :class:`Acuerdo` columns and relations, by attribute name.

    Raises:
        ErrorMesa: the first rule broken, in Spanish.
    """
    texto = _requerido(texto, "texto del acuerdo")
    inst = _institucion(session, institucion)
    persona = _requerido(persona_responsable, "persona responsable")
    if fecha_limite is None:
        raise ErrorMesa("El campo «fecha límite» es obligatorio.")
    if fecha_limite < _fecha_sesion(sesion):
        raise ErrorMesa("La fecha límite del acuerdo no puede ser anterior a la sesión.")
    metas_v, indicadores_v = _vinculos_del_sector(session, mesa, metas, indicadores)
    return {
        "texto": texto,
        "institucion_responsable": inst,
        "persona_responsable": persona,
        "fecha_limite": fecha_limite,
        "metas": metas_v,
        "indicadores": indicadores_v,
        "resultado": _opcional(resultado),
    }


def _seguimiento(
    session: Session,
    acuerdo: Acuerdo,
    nuevo: EstadoAcuerdo,
    nota: str,
    fecha: dt.date,
    sesion_id: int | None,
    actor: Alcance,
    hoy: dt.date | None,
) -> SeguimientoAcuerdo:
    if fecha < _fecha_sesion(acuerdo.sesion):
        raise ErrorMesa("El seguimiento no puede ser anterior a la sesión del acuerdo.")
    _hasta_hoy(fecha, "fecha del seguimiento", hoy)
    if sesion_id is not None:
        sesion: SesionMesa = _obtener(session, SesionMesa, sesion_id, "la sesión")
        if sesion.mesa_id != acuerdo.mesa_id:
            raise ErrorMesa("El seguimiento solo puede registrarse en una sesión de la misma mesa.")
    fila = SeguimientoAcuerdo(
        acuerdo_id=acuerdo.id,
        fecha=fecha,
        estado_anterior=acuerdo.estado,
        estado_nuevo=nuevo,
        nota=nota,
        usuario=actor.usuario,
        sesion_id=sesion_id,
    )
    session.add(fila)
    return fila


def cambiar_estado_acuerdo(
    session: Session,
    acuerdo_id: int,
    estado: EstadoAcuerdo | str,
    *,
    nota: str | None,
    fecha: dt.date,
    sesion_id: int | None = None,
    resultado: str | None = None,
    desde: EstadoAcuerdo | str | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> SeguimientoAcuerdo:
    """Change an acuerdo's status, with the follow-up note that explains it (history row).

    ``vencido`` is not set by hand: it follows from the due date (``reglas.estado_vigente``).
    The acuerdo is locked while it changes, so the history stays linear.

    Args:
        desde: the status the user saw when choosing the new one (the forms send it); if the
            acuerdo is no longer in it (someone changed it meanwhile) the change is refused.
            None (the CLI, the demo loader): not checked.

    Raises:
        ConflictoEdicion: the status is no longer ``desde`` (carries the current one).
        ErrorMesa: the actor may not write in the mesa, no note, ``vencido`` requested, same
            status, unknown status, dated before the acuerdo's session or after ``hoy``
            (default: today in Honduras).
    """
    acuerdo: Acuerdo = _obtener(session, Acuerdo, acuerdo_id, "el acuerdo", bloquear=True)
    _autorizar_mesa(session, actor, acuerdo.mesa_id)
    if desde is not None and _enum(EstadoAcuerdo, desde, "estado del acuerdo") != acuerdo.estado:
        visto = _enum(EstadoAcuerdo, desde, "estado del acuerdo")
        raise ConflictoEdicion(
            f"El acuerdo N.º {acuerdo.id} ya no está «{_nombre(visto)}»: otra persona lo cambió "
            f"a «{_nombre(acuerdo.estado)}» mientras usted lo veía. No se registró su cambio; "
            "la página muestra ahora su estado vigente y su nota sigue en el formulario.",
            {"estado": acuerdo.estado.value, "version": acuerdo.version},
        )
    nuevo = _enum(EstadoAcuerdo, estado, "estado del acuerdo")
    nota_limpia = _opcional(nota)
    if nota_limpia is None:
        raise ErrorMesa(
            "Un cambio de estado de un acuerdo necesita una nota de seguimiento que lo explique."
        )
    if nuevo == EstadoAcuerdo.vencido:
        raise ErrorMesa(
            "El estado «vencido» lo asigna el sistema cuando pasa la fecha límite sin cumplirse; "
            "no se registra a mano."
        )
    anterior = acuerdo.estado
    if nuevo == anterior:
        raise ErrorMesa(
            f"El acuerdo ya está en estado «{nuevo.value}»; para dejar constancia sin cambiar el "
            "estado registre una nota de seguimiento."
        )
    fila = _seguimiento(session, acuerdo, nuevo, nota_limpia, fecha, sesion_id, actor, hoy)
    acuerdo.estado = nuevo
    acuerdo.version += 1
    cambios: dict[str, object] = {"estado": [anterior.value, nuevo.value], "nota": nota_limpia}
    if _opcional(resultado) is not None:
        cambios["resultado"] = [acuerdo.resultado, _opcional(resultado)]
        acuerdo.resultado = _opcional(resultado)
    session.flush()
    registrar(
        session,
        "acuerdo_estado",
        usuario=actor.usuario,
        entidad=_entidad(acuerdo.mesa, "acuerdo", acuerdo.id),
        detalle=cambios,
    )
    return fila


def anotar_seguimiento(
    session: Session,
    acuerdo_id: int,
    *,
    nota: str,
    fecha: dt.date,
    sesion_id: int | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> SeguimientoAcuerdo:
    """Add a follow-up note to an acuerdo without changing its status.

    Raises:
        ErrorMesa: the actor may not write in the mesa, no note, dated before the acuerdo's
            session or after ``hoy`` (default: today in Honduras).
    """
    acuerdo: Acuerdo = _obtener(session, Acuerdo, acuerdo_id, "el acuerdo", bloquear=True)
    _autorizar_mesa(session, actor, acuerdo.mesa_id)
    nota = _requerido(nota, "nota de seguimiento")
    fila = _seguimiento(session, acuerdo, acuerdo.estado, nota, fecha, sesion_id, actor, hoy)
    session.flush()
    registrar(
        session,
        "acuerdo_seguimiento",
        usuario=actor.usuario,
        entidad=_entidad(acuerdo.mesa, "acuerdo", acuerdo.id),
        detalle={"nota": nota, "fecha": fecha},
    )
    return fila
