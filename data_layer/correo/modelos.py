"""The outbox: every e-mail SIGPRET sends is a row here before it leaves (DOMAIN.md §10).

A message is written in the same transaction as the event that causes it (a convocatoria, a
distribution), so it exists exactly when the event does. Its ``clave`` names that event and that
recipient: the unique index makes a second enqueue of the same event write nothing, so nobody
gets the same message twice. A worker takes a message by setting ``tomado_hasta`` (a lease) in a
short locked transaction, sends it, then records the result; a worker that dies mid-send leaves a
lease that expires, and the message is retried.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data_layer.models import Base, columna_enum


class EstadoCorreo(enum.StrEnum):
    """Where a message is: waiting (first try or a retry), delivered, or given up."""

    en_cola = "en_cola"
    enviado = "enviado"
    fallido = "fallido"


class MensajeCorreo(Base):
    """One e-mail: recipients, subject, plain and HTML parts, delivery state."""

    __tablename__ = "mensaje_correo"
    __table_args__ = (Index("ix_mensaje_correo_cola", "estado", "proximo_intento"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The event and recipient this message is for (e.g. ``convocatoria:12:miembro:40``).
    clave: Mapped[str] = mapped_column(String(200), unique=True)
    #: Addresses separated by commas.
    para: Mapped[str] = mapped_column(Text)
    asunto: Mapped[str] = mapped_column(String(300))
    texto: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    estado: Mapped[EstadoCorreo] = mapped_column(
        columna_enum(EstadoCorreo, "estado_correo", 20), default=EstadoCorreo.en_cola
    )
    intentos: Mapped[int] = mapped_column(Integer, default=0)
    creado_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    proximo_intento: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    #: A worker holds the message until then (None: nobody).
    tomado_hasta: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ultimo_error: Mapped[str | None] = mapped_column(Text)
    enviado_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: ``smtp`` or ``buzon`` (the local mailbox of the embedded mode).
    entregado_por: Mapped[str | None] = mapped_column(String(10))
    #: What caused it, for the admin page (``sesion_convocada``, ``ayuda_memoria_distribuida``).
    evento: Mapped[str] = mapped_column(String(60))

    adjuntos: Mapped[list[AdjuntoCorreo]] = relationship(
        back_populates="mensaje",
        cascade="all, delete-orphan",
        order_by="AdjuntoCorreo.id",
        lazy="selectin",
    )


class AdjuntoCorreo(Base):
    """A file sent with a message (the bytes themselves: the document as it was sent)."""

    __tablename__ = "adjunto_correo"

    id: Mapped[int] = mapped_column(primary_key=True)
    mensaje_id: Mapped[int] = mapped_column(
        ForeignKey("mensaje_correo.id", ondelete="CASCADE"), index=True
    )
    nombre: Mapped[str] = mapped_column(String(200))
    tipo: Mapped[str] = mapped_column(String(100))
    contenido: Mapped[bytes] = mapped_column(LargeBinary)

    mensaje: Mapped[MensajeCorreo] = relationship(back_populates="adjuntos")
