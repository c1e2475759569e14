"""Sessions of a mesa: the convocatoria and its agenda (open acuerdos carried in), rescheduling and
cancelling a session not yet held (each with its reason, audited old → new)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer.auth import Alcance, registrar
from data_layer.config import Settings
from data_layer.correo import mesas as correo_mesas
from data_layer.mesas import reglas
from data_layer.mesas.models import (
    Acuerdo,
    EstadoSesion,
    NivelMesa,
    PuntoAgenda,
    SesionMesa,
    TipoPunto,
)
from data_layer.mesas.servicio.agenda import revisar_agenda
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    ErrorMesa,
    _autorizar_mesa,
    _entidad,
    _enum,
    _fecha,
    _mesa,
    _motivo,
    _obtener,
    _opcional,
    _requerido,
)


def _titulo_seguimiento(acuerdo: Acuerdo) -> str:
    return (
        f"Seguimiento de acuerdos: acuerdo {acuerdo.id} — {acuerdo.texto} (responsable: "
        f"{acuerdo.institucion_responsable.sigla}, {acuerdo.persona_responsable}; fecha límite "
        f"{_fecha(acuerdo.fecha_limite)})"
    )


def acuerdos_abiertos(session: Session, mesa_id: int, antes_de: dt.datetime) -> list[Acuerdo]:
    """Open acuerdos of a mesa agreed in sessions before ``antes_de``, by due date."""
    return list(
        session.scalars(
            select(Acuerdo)
            .join(SesionMesa, SesionMesa.id == Acuerdo.sesion_id)
            .where(
                Acuerdo.mesa_id == mesa_id,
                Acuerdo.estado.in_(reglas.ESTADOS_ACUERDO_ABIERTOS),
                SesionMesa.fecha_hora < antes_de,
            )
            .order_by(Acuerdo.fecha_limite, Acuerdo.id)
        )
    )


def _exigir_anticipacion(
    dias: int, justificacion: str | None, *, despues: str, cuantos: str, pedido: str
) -> None:
    """The guidelines' notice rule: not after the session, and fewer than 5 days ahead only with
    a justification (the session is then flagged ``convocatoria_tardia``).

    Args:
        dias: days between sending the convocatoria and the session.
        justificacion: the justification given, if any.
        despues: the refusal when the convocatoria would come after the session.
        cuantos: how the late message starts («La convocatoria se envía con»).
        pedido: how it asks for the justification («Registre»).

    Raises:
        ErrorMesa: either refusal.
    """
    if dias < 0:
        raise ErrorMesa(despues)
    if reglas.es_convocatoria_tardia(dias) and justificacion is None:
        raise ErrorMesa(
            f"{cuantos} {dias} día(s) de anticipación y los lineamientos piden al menos "
            f"{reglas.DIAS_MINIMOS_CONVOCATORIA}. {pedido} la justificación (quedará señalada como "
            "convocatoria tardía)."
        )


def convocar_sesion(
    session: Session,
    sector: str,
    *,
    nivel: NivelMesa | str,
    fecha_hora: dt.datetime,
    lugar: str,
    convocatoria_enviada_en: dt.date,
    agenda: Sequence[str],
    justificacion: str | None = None,
    actor: Alcance,
) -> SesionMesa:
    """Call a session: date, place, agenda; open acuerdos are carried into its agenda.

    The convocatoria goes out at least 5 days ahead with at least one agenda item. Fewer days are
    accepted only with a justification, and the session is then flagged ``convocatoria_tardia``.
    Every open acuerdo of the mesa (pendiente, en proceso, vencido) agreed in an earlier session
    becomes a "Seguimiento de acuerdos" item after the given topics.

    Raises:
        ErrorMesa: the actor may not write in the mesa, no agenda, late without justification,
            sent after the session, blank place.
    """
    mesa = _mesa(session, sector, actor=actor)
    nivel = _enum(NivelMesa, nivel, "nivel")
    lugar = _requerido(lugar, "lugar")
    temas = [t.strip() for t in agenda if t and t.strip()]
    if not temas:
        raise ErrorMesa("La convocatoria debe llevar una agenda con al menos un punto.")
    revisar_agenda(temas)
    justificacion = _opcional(justificacion)
    dias = reglas.dias_anticipacion(fecha_hora, convocatoria_enviada_en)
    _exigir_anticipacion(
        dias,
        justificacion,
        despues="La convocatoria no puede enviarse después de la fecha de la sesión.",
        cuantos="La convocatoria se envía con",
        pedido="Para convocar con menos anticipación registre",
    )
    sesion = SesionMesa(
        mesa_id=mesa.id,
        nivel=nivel,
        fecha_hora=fecha_hora,
        lugar=lugar,
        convocatoria_enviada_en=convocatoria_enviada_en,
        justificacion_convocatoria=justificacion,
        convocada_por=actor.usuario,
        estado=EstadoSesion.convocada,
    )
    session.add(sesion)
    session.flush()
    puntos = [PuntoAgenda(orden=i, titulo=t, tipo=TipoPunto.tema) for i, t in enumerate(temas, 1)]
    arrastrados = acuerdos_abiertos(session, mesa.id, fecha_hora)
    puntos += [
        PuntoAgenda(
            orden=len(temas) + i,
            titulo=_titulo_seguimiento(a),
            tipo=TipoPunto.seguimiento_acuerdo,
            acuerdo_id=a.id,
        )
        for i, a in enumerate(arrastrados, 1)
    ]
    for punto in puntos:
        punto.sesion_id = sesion.id
    session.add_all(puntos)
    session.flush()
    registrar(
        session,
        "sesion_convocada",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "sesion", sesion.id),
        detalle={
            "nuevo": {
                "nivel": nivel.value,
                "fecha_hora": fecha_hora,
                "lugar": lugar,
                "convocatoria_enviada_en": convocatoria_enviada_en,
                "dias_anticipacion": dias,
                "justificacion": justificacion,
                "agenda": temas,
                "acuerdos_arrastrados": [a.id for a in arrastrados],
            }
        },
    )
    # Registering the convocatoria sends it: queued with the session, in the same transaction.
    correo_mesas.encolar_convocatoria(session, sesion, Settings.from_env())
    return sesion


def citacion(sesion: SesionMesa) -> dict[str, str]:
    """A session's date, time and place as a form shows them: what a reschedule starts from."""
    return {"fecha_hora": sesion.fecha_hora.isoformat(timespec="minutes"), "lugar": sesion.lugar}


def _convocada(session: Session, sesion_id: int, actor: Alcance, que: str) -> SesionMesa:
    """The session ``sesion_id``, locked, once ``actor`` may write in its mesa and it is still
    only convocada (not held, not cancelled)."""
    sesion: SesionMesa = _obtener(session, SesionMesa, sesion_id, "la sesión", bloquear=True)
    _autorizar_mesa(session, actor, sesion.mesa_id)
    if sesion.estado != EstadoSesion.convocada:
        estado = "ya se realizó" if sesion.estado == EstadoSesion.realizada else "fue cancelada"
        raise ErrorMesa(f"La sesión {estado}: solo se {que} una sesión convocada.")
    return sesion


def cancelar_sesion(session: Session, sesion_id: int, *, motivo: str, actor: Alcance) -> SesionMesa:
    """Cancel a session that has not been held (no ayuda memoria), with the reason.

    Raises:
        ErrorMesa: the actor may not write in the mesa, no reason, the session was held (it has
            minutes) or is already cancelled.
    """
    sesion = _convocada(session, sesion_id, actor, "cancela")
    motivo = _requerido(motivo, "motivo de la cancelación")
    sesion.estado, sesion.motivo_cancelacion = EstadoSesion.cancelada, motivo
    registrar(
        session,
        "sesion_cancelada",
        usuario=actor.usuario,
        entidad=_entidad(sesion.mesa, "sesion", sesion.id),
        detalle={"estado": ["convocada", "cancelada"], "motivo": motivo},
    )
    return sesion


def reprogramar_sesion(
    session: Session,
    sesion_id: int,
    *,
    fecha_hora: dt.datetime,
    lugar: str | None = None,
    motivo: str,
    justificacion: str | None = None,
    desde: dict[str, str] | None = None,
    actor: Alcance,
) -> SesionMesa:
    """Move a session not yet held to another date and time (and place), with the reason.

    The convocatoria keeps the date it was sent: a new date fewer than 5 days after it needs a
    justification, as when convening (the session is then flagged ``convocatoria_tardia``). The
    audit records the old and new date, time and place, and the reason.

    Args:
        desde: the date, time and place the form showed (:func:`citacion`); when another user
            rescheduled the session since, nothing is written (None: not checked, for the CLI).

    Raises:
        ConflictoEdicion: the session was rescheduled after the form showed it.
        ErrorMesa: the actor may not write in the mesa, no reason, the session was held or
            cancelled, nothing changes, the new date is before the convocatoria was sent, late
            without a justification.
    """
    sesion = _convocada(session, sesion_id, actor, "reprograma")
    if desde is not None and desde != citacion(sesion):
        actual = citacion(sesion)
        raise ConflictoEdicion(
            "Otra persona reprogramó esta sesión mientras usted la veía: ahora es el "
            f"{_fecha(sesion.fecha_hora.date())} a las {sesion.fecha_hora:%H:%M}, en "
            f"{sesion.lugar}. No se guardó su cambio: revíselo y vuelva a intentarlo.",
            actual,
        )
    motivo = _motivo(motivo, "motivo de la reprogramación")
    nuevo_lugar = _opcional(lugar) or sesion.lugar
    if fecha_hora == sesion.fecha_hora and nuevo_lugar == sesion.lugar:
        raise ErrorMesa("La nueva fecha, hora y lugar son los de la convocatoria: no hay cambio.")
    justificacion = _opcional(justificacion) or sesion.justificacion_convocatoria
    _exigir_anticipacion(
        reglas.dias_anticipacion(fecha_hora, sesion.convocatoria_enviada_en),
        justificacion,
        despues=(
            f"La convocatoria se envió el {_fecha(sesion.convocatoria_enviada_en)}: la sesión no "
            "puede reprogramarse a una fecha anterior."
        ),
        cuantos="Con la nueva fecha la convocatoria queda con",
        pedido="Registre",
    )
    cambios: dict[str, object] = {"motivo": motivo}
    if fecha_hora != sesion.fecha_hora:
        cambios["fecha_hora"] = [sesion.fecha_hora, fecha_hora]
        sesion.fecha_hora = fecha_hora
    if nuevo_lugar != sesion.lugar:
        cambios["lugar"] = [sesion.lugar, nuevo_lugar]
        sesion.lugar = nuevo_lugar
    if justificacion != sesion.justificacion_convocatoria:
        cambios["justificacion"] = [sesion.justificacion_convocatoria, justificacion]
        sesion.justificacion_convocatoria = justificacion
    registrar(
        session,
        "sesion_reprogramada",
        usuario=actor.usuario,
        entidad=_entidad(sesion.mesa, "sesion", sesion.id),
        detalle=cambios,
    )
    return sesion
