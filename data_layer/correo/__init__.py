"""Outgoing e-mail (DOMAIN.md §10): the outbox, its delivery, and the messages of each event."""

from data_layer.correo.cola import Adjunto, configurar_despacho, encolar
from data_layer.correo.modelos import AdjuntoCorreo, EstadoCorreo, MensajeCorreo

__all__ = [
    "Adjunto",
    "AdjuntoCorreo",
    "EstadoCorreo",
    "MensajeCorreo",
    "configurar_despacho",
    "encolar",
]
