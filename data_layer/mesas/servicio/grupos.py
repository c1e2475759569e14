"""The life of a grupo de trabajo after it is created: its members change, it closes, and it
reports back to its mesa as a note on an agenda item of one of the mesa's sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer import limites
from data_layer.auth import Alcance, registrar
from data_layer.mesas.models import (
    AyudaMemoria,
    EstadoSesion,
    GrupoTrabajo,
    InformeGrupo,
    PuntoAgenda,
    SesionMesa,
    TipoPunto,
)
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    ErrorMesa,
    _autorizar_mesa,
    _entidad,
    _fecha,
    _hasta_hoy,
    _obtener,
    _requerido,
)
from data_layer.mesas.servicio.integrantes import _miembros_elegibles

#: How the agenda names a group's report (the note follows it).
TITULO_INFORME = "Informe del grupo de trabajo «{nombre}»: {nota}"


def _grupo_abierto(session: Session, grupo_id: int, actor: Alcance) -> GrupoTrabajo:
    """The group ``grupo_id`` locked, once ``actor`` may write in its mesa and it is open."""
    grupo: GrupoTrabajo = _obtener(
        session, GrupoTrabajo, grupo_id, "el grupo de trabajo", bloquear=True
    )
    _autorizar_mesa(session, actor, grupo.mesa_id)
    if not grupo.activo:
        raise ErrorMesa(
            f"El grupo de trabajo «{grupo.nombre}» está cerrado desde el "
            f"{_fecha(grupo.cerrado_en)}."
        )
    return grupo


def cambiar_miembros_grupo(
    session: Session,
    grupo_id: int,
    *,
    miembros_ids: Sequence[int],
    coordinador_id: int | None = None,
    fecha: dt.date,
    miembros_antes: Sequence[int] | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> GrupoTrabajo:
    """Set the members (and coordinator, one of them) of an open group, as of ``fecha``.

    Members are the mesa's accredited members active on ``fecha``. ``miembros_antes`` is what
    the form loaded: when someone changed the group since, nothing is written
    (:class:`ConflictoEdicion`).

    Raises:
        ErrorMesa: the actor may not write in the group's mesa, unknown or closed group, a
            member of another mesa or not active on ``fecha``, a date after ``hoy``, no change.
    """
    grupo = _grupo_abierto(session, grupo_id, actor)
    _hasta_hoy(fecha, "fecha del cambio", hoy)
    actuales = sorted(m.id for m in grupo.miembros)
    if miembros_antes is not None and sorted(miembros_antes) != actuales:
        raise ConflictoEdicion(
            "Otra persona cambió los miembros del grupo después de que usted abrió el "
            "formulario. No se guardó nada.",
            {"miembros": actuales, "coordinador_id": grupo.coordinador_id},
        )
    ids = list(dict.fromkeys([*miembros_ids, *([coordinador_id] if coordinador_id else [])]))
    elegibles = _miembros_elegibles(session, grupo.mesa, ids, fecha) if ids else {}
    if sorted(ids) == actuales and coordinador_id == grupo.coordinador_id:
        raise ErrorMesa("Los miembros del grupo ya son esos: no hay cambios.")
    anterior = {"miembros": actuales, "coordinador_id": grupo.coordinador_id}
    grupo.miembros = [elegibles[i] for i in ids]
    grupo.coordinador_id = coordinador_id
    registrar(
        session,
        "grupo_trabajo_miembros",
        usuario=actor.usuario,
        entidad=_entidad(grupo.mesa, "grupo", grupo.id),
        detalle={
            "miembros": [anterior["miembros"], sorted(ids)],
            "coordinador_id": [anterior["coordinador_id"], coordinador_id],
            "fecha": fecha,
        },
    )
    return grupo


def cerrar_grupo(
    session: Session,
    grupo_id: int,
    *,
    cerrado_en: dt.date,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> GrupoTrabajo:
    """Close a group on ``cerrado_en`` (its members and reports stay).

    Raises:
        ErrorMesa: the actor may not write in the group's mesa, unknown or already closed
            group, a date before its creation or after ``hoy``.
    """
    grupo = _grupo_abierto(session, grupo_id, actor)
    _hasta_hoy(cerrado_en, "fecha de cierre", hoy)
    if cerrado_en < grupo.creado_en:
        raise ErrorMesa(
            f"La fecha de cierre ({_fecha(cerrado_en)}) es anterior a la creación del grupo "
            f"({_fecha(grupo.creado_en)})."
        )
    grupo.activo = False
    grupo.cerrado_en = cerrado_en
    registrar(
        session,
        "grupo_trabajo_cerrado",
        usuario=actor.usuario,
        entidad=_entidad(grupo.mesa, "grupo", grupo.id),
        detalle={"activo": [True, False], "cerrado_en": [None, cerrado_en]},
    )
    return grupo


def informar_grupo(
    session: Session, sesion_id: int, grupo_id: int, nota: str, *, actor: Alcance
) -> InformeGrupo:
    """Put a group's report on the agenda of a session of its mesa, as the last item.

    The session must not be cancelled, and its minutes not distributed yet (distributed minutes
    are final). The item's title carries the note, so the convocatoria and the ayuda memoria
    print it.

    Raises:
        ErrorMesa: the actor may not write in the session's mesa, unknown session or group, a
            group of another mesa or closed, a cancelled session or one whose minutes went out,
            a blank or too long note.
    """
    sesion: SesionMesa = _obtener(session, SesionMesa, sesion_id, "la sesión", bloquear=True)
    mesa = _autorizar_mesa(session, actor, sesion.mesa_id)
    grupo = _grupo_abierto(session, grupo_id, actor)
    if grupo.mesa_id != mesa.id:
        raise ErrorMesa("El grupo de trabajo no es de la mesa de esta sesión.")
    if sesion.estado == EstadoSesion.cancelada:
        raise ErrorMesa("La sesión fue cancelada: su agenda ya no admite puntos.")
    # Any distributed version counts: a correction in draft does not reopen the agenda.
    distribuida = session.scalar(
        select(func.min(AyudaMemoria.distribuida_en)).where(
            AyudaMemoria.sesion_id == sesion.id, AyudaMemoria.distribuida_en.is_not(None)
        )
    )
    if distribuida is not None:
        raise ErrorMesa(
            f"La ayuda memoria de la sesión se distribuyó el {_fecha(distribuida)}: "
            "su agenda ya no cambia."
        )
    nota = limites.revisar_texto(_requerido(nota, "nota del informe"), "nota del informe")
    orden = (
        session.scalar(
            select(func.max(PuntoAgenda.orden)).where(PuntoAgenda.sesion_id == sesion.id)
        )
        or 0
    ) + 1
    punto = PuntoAgenda(
        sesion_id=sesion.id,
        orden=orden,
        titulo=TITULO_INFORME.format(nombre=grupo.nombre, nota=nota),
        tipo=TipoPunto.tema,
    )
    session.add(punto)
    session.flush()
    informe = InformeGrupo(
        grupo_id=grupo.id,
        sesion_id=sesion.id,
        punto_agenda_id=punto.id,
        nota=nota,
        registrado_por=actor.usuario,
    )
    session.add(informe)
    session.flush()
    session.expire(sesion, ["agenda"])
    registrar(
        session,
        "grupo_trabajo_informe",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "grupo", grupo.id),
        detalle={"nuevo": {"sesion": sesion.id, "punto": orden, "nota": nota}},
    )
    return informe
