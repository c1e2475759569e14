"""The published snapshots of the public portal (issue #14, DOMAIN.md §11).

A :class:`Publicacion` is one edition of one quarter's official figures, frozen: its content is
the JSON document :func:`data_layer.publicacion.instantanea.construir` made when the analyst
published it, and nothing rewrites it. A later correction of the data changes a snapshot only
through a new edition of the same quarter. Withdrawing («retirar») an edition keeps the row and
records who, when and why; the portal then shows the quarter's latest edition still published,
if any.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from data_layer.models import Base


class Publicacion(Base):
    """One published edition of a quarter's snapshot."""

    __tablename__ = "publicacion"
    __table_args__ = (
        # Two analysts publishing the same quarter at the same moment cannot both get edition N.
        UniqueConstraint("periodo", "edicion", name="uq_publicacion_periodo_edicion"),
        CheckConstraint("edicion >= 1", name="ck_publicacion_edicion"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The published quarter, e.g. ``2026-T3``.
    periodo: Mapped[str] = mapped_column(String(10), index=True)
    #: 1 for the quarter's first publication, then 2, 3… (a new edition after corrections).
    edicion: Mapped[int] = mapped_column(Integer)
    #: The cut date of the figures: values validated up to this day (Honduras) count.
    fecha_corte: Mapped[dt.date] = mapped_column(Date)
    #: The snapshot, as canonical JSON (sorted keys): the portal and the open data read only this.
    contenido: Mapped[str] = mapped_column(Text)
    #: SHA-256 of ``contenido``: the ETag of its pages and files, and the preview check.
    huella: Mapped[str] = mapped_column(String(64))
    publicada_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    publicada_por: Mapped[str] = mapped_column(String(60))
    retirada_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    retirada_por: Mapped[str | None] = mapped_column(String(60))
    #: Why it was withdrawn (required to withdraw; for the record, not shown to the public).
    motivo_retiro: Mapped[str | None] = mapped_column(Text)
