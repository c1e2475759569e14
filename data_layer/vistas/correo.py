"""The /correo page's content: the outbox by state and the local mailbox, as plain values.

Every function reads through :mod:`data_layer.correo.servicio`, which refuses anyone but an admin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine

from data_layer import periods
from data_layer.auth import Alcance
from data_layer.correo import servicio
from data_layer.correo.modelos import EstadoCorreo, MensajeCorreo
from data_layer.db import session_factory

#: How each state is named on the page.
NOMBRE_ESTADO = {
    EstadoCorreo.en_cola: "En cola",
    EstadoCorreo.enviado: "Enviado",
    EstadoCorreo.fallido: "Fallido",
}
#: How each event is named on the page.
NOMBRE_EVENTO = {
    "sesion_convocada": "Convocatoria de sesión",
    "ayuda_memoria_distribuida": "Ayuda memoria distribuida",
}


@dataclass(frozen=True)
class FilaCorreo:
    """One message as the page shows it (every value text)."""

    id: int
    estado: str
    para: str
    asunto: str
    evento: str
    creado: str
    intentos: str
    detalle: str
    texto: str
    adjuntos: list[tuple[int, str]] = field(default_factory=list)
    reintentable: bool = False


@dataclass(frozen=True)
class ContenidoCorreo:
    """The page: the queued, failed and sent messages, and the local mailbox."""

    en_cola: list[FilaCorreo]
    fallidos: list[FilaCorreo]
    enviados: list[FilaCorreo]
    buzon: list[FilaCorreo]


def _momento(valor: dt.datetime | None) -> str:
    return periods.hora_honduras(valor).strftime("%d/%m/%Y %H:%M") if valor else "—"


def _fila(m: MensajeCorreo) -> FilaCorreo:
    if m.estado is EstadoCorreo.enviado:
        por = "buzón local" if m.entregado_por == "buzon" else "SMTP"
        detalle = f"Enviado el {_momento(m.enviado_en)} por {por}"
    elif m.estado is EstadoCorreo.fallido:
        detalle = f"Falló tras {m.intentos} intentos: {m.ultimo_error or 'sin detalle'}"
    elif m.intentos:
        detalle = (
            f"Próximo intento el {_momento(m.proximo_intento)}; último error: "
            f"{m.ultimo_error or 'sin detalle'}"
        )
    else:
        detalle = "Por enviar"
    return FilaCorreo(
        id=m.id,
        estado=NOMBRE_ESTADO[m.estado],
        para=m.para,
        asunto=m.asunto,
        evento=NOMBRE_EVENTO.get(m.evento, m.evento),
        creado=_momento(m.creado_en),
        intentos=str(m.intentos),
        detalle=detalle,
        texto=m.texto,
        adjuntos=[(a.id, a.nombre) for a in m.adjuntos],
        reintentable=m.estado is not EstadoCorreo.enviado,
    )


def contenido_correo(engine: Engine, actor: Alcance | None) -> ContenidoCorreo:
    """What /correo shows to ``actor``.

    Raises:
        servicio.ErrorCorreo: the actor is not an admin.
    """
    with session_factory(engine)() as s:
        return ContenidoCorreo(
            en_cola=[_fila(m) for m in servicio.mensajes(s, EstadoCorreo.en_cola, actor=actor)],
            fallidos=[_fila(m) for m in servicio.mensajes(s, EstadoCorreo.fallido, actor=actor)],
            enviados=[_fila(m) for m in servicio.mensajes(s, EstadoCorreo.enviado, actor=actor)],
            buzon=[
                _fila(m)
                for m in servicio.mensajes(s, EstadoCorreo.enviado, actor=actor, solo_buzon=True)
            ],
        )


def reintentar(engine: Engine, mensaje_id: int, actor: Alcance | None) -> str:
    """Queue message ``mensaje_id`` again for ``actor``; returns the confirmation.

    Raises:
        servicio.ErrorCorreo: not an admin, no such message, or already sent.
    """
    with session_factory(engine, escritura=True)() as s, s.begin():
        mensaje = servicio.reintentar(s, mensaje_id, actor=actor)
        return f"El mensaje a {mensaje.para} («{mensaje.asunto}») volvió a la cola."


def adjunto(
    engine: Engine, adjunto_id: int, actor: Alcance | None
) -> tuple[str, str, bytes] | None:
    """An attachment's name, MIME type and bytes (None: none such).

    Raises:
        servicio.ErrorCorreo: the actor is not an admin.
    """
    with session_factory(engine)() as s:
        a = servicio.adjunto(s, adjunto_id, actor=actor)
        return None if a is None else (a.nombre, a.tipo.partition(";")[0], a.contenido)
