"""What an admin does with the outbox: read it (queued, sent, failed, the local mailbox) and
queue a message again. Every call checks the actor's rights (:mod:`data_layer.permisos`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance, registrar
from data_layer.correo.cola import ahora, avisar_al_confirmar
from data_layer.correo.modelos import AdjuntoCorreo, EstadoCorreo, MensajeCorreo
from data_layer.errores import ErrorDeDatos

#: Messages shown per state on /correo (newest first).
MAX_MENSAJES = 200


class ErrorCorreo(ErrorDeDatos):
    """A refused action on the outbox (Spanish message)."""


def _exigir(actor: Alcance | None) -> None:
    if not permisos.puede_administrar_correo(actor):
        raise ErrorCorreo(permisos.SIN_PERMISO_CORREO)


def reintentar(session: Session, mensaje_id: int, *, actor: Alcance | None) -> MensajeCorreo:
    """Queue a failed (or waiting) message again, due now, with its tries reset; audited.

    Raises:
        ErrorCorreo: the actor is not an admin, no such message, or it was already sent.
    """
    _exigir(actor)
    assert actor is not None
    mensaje = session.get(MensajeCorreo, mensaje_id, with_for_update=True)
    if mensaje is None:
        raise ErrorCorreo("Ese mensaje no existe.")
    if mensaje.estado is EstadoCorreo.enviado:
        raise ErrorCorreo("Ese mensaje ya se envió: no se envía dos veces.")
    anterior = {"estado": mensaje.estado.value, "intentos": mensaje.intentos}
    mensaje.estado = EstadoCorreo.en_cola
    mensaje.intentos = 0
    mensaje.proximo_intento = ahora()
    mensaje.tomado_hasta = None
    avisar_al_confirmar(session)
    registrar(
        session,
        "correo_reintentado",
        usuario=actor.usuario,
        entidad=f"mensaje_correo:{mensaje.id}",
        detalle={
            "para": mensaje.para,
            "asunto": mensaje.asunto,
            "estado": [anterior["estado"], "en_cola"],
            "intentos": [anterior["intentos"], 0],
        },
    )
    return mensaje


def mensajes(
    session: Session, estado: EstadoCorreo, *, actor: Alcance | None, solo_buzon: bool = False
) -> list[MensajeCorreo]:
    """The newest messages in ``estado`` (``solo_buzon``: those delivered to the local mailbox).

    Raises:
        ErrorCorreo: the actor is not an admin.
    """
    _exigir(actor)
    consulta = select(MensajeCorreo).where(MensajeCorreo.estado == estado)
    if solo_buzon:
        consulta = consulta.where(MensajeCorreo.entregado_por == "buzon")
    return list(session.scalars(consulta.order_by(MensajeCorreo.id.desc()).limit(MAX_MENSAJES)))


def adjunto(session: Session, adjunto_id: int, *, actor: Alcance | None) -> AdjuntoCorreo | None:
    """One attachment, to download it (None: no such attachment).

    Raises:
        ErrorCorreo: the actor is not an admin.
    """
    _exigir(actor)
    return session.get(AdjuntoCorreo, adjunto_id)
