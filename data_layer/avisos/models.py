"""The in-app notices of a user (DOMAIN.md §10, issue #13 item 3) as a typed SQLAlchemy model.

One row per user and event: ``clave`` names the event (``reporte_devuelto:1234``) and is unique
per user, so the same event never notices the same person twice (scheduled checks run again and
again). ``leido_en`` is None while unread.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from data_layer.models import Base


class Aviso(Base):
    """A notice for one user: what happened, where to see it, when, and whether it was read."""

    __tablename__ = "aviso"
    __table_args__ = (
        UniqueConstraint("usuario_id", "clave", name="uq_aviso_usuario_clave"),
        Index("ix_aviso_usuario_leido", "usuario_id", "leido_en"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    usuario_id: Mapped[int] = mapped_column(ForeignKey("usuario.id", ondelete="CASCADE"))
    #: The kind of event (:data:`data_layer.avisos.TIPOS`).
    tipo: Mapped[str] = mapped_column(String(40))
    asunto: Mapped[str] = mapped_column(String(300))
    texto: Mapped[str] = mapped_column(Text)
    #: The app path the notice is about (``/reportes?institucion=SESAL``).
    enlace: Mapped[str] = mapped_column(String(500))
    #: The event's idempotency key: unique per user.
    clave: Mapped[str] = mapped_column(String(200))
    creado_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    leido_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
