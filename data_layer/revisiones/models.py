"""Target revision proposals as typed SQLAlchemy models (DOMAIN.md §9).

A proposal is one **version**: ``propuesta → con_opinion → aprobada | devuelta | rechazada``. A
returned one is never edited: its correction is a new row (``numero`` + 1, ``anterior_id`` the
returned one), so the history keeps what was proposed, said and decided each time. Each step
stamps its own columns (who, when, note). On approval, each proposed period that had not ended on
the decision date changes ``programacion.meta`` and leaves a ``revision_programacion`` row naming
the proposal; ``meta_original`` never changes.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data_layer.models import Base, Indicador, columna_enum


class EstadoPropuesta(enum.StrEnum):
    """Where a proposal is in its life."""

    propuesta = "propuesta"
    con_opinion = "con_opinion"
    aprobada = "aprobada"
    devuelta = "devuelta"
    rechazada = "rechazada"


#: States that still wait for somebody (at most one open proposal per indicator).
ESTADOS_ABIERTOS = (EstadoPropuesta.propuesta, EstadoPropuesta.con_opinion)


class Opinion(enum.StrEnum):
    """The DIGER analyst's methodological opinion."""

    favorable = "favorable"
    con_observaciones = "con_observaciones"


class PropuestaMeta(Base):
    """One version of a proposal to revise an indicator's targets.

    ``version`` counts the row's saved steps (opinion, decision): a decision made on a page
    loaded before another step is refused (with the row locked and its state checked).
    """

    __tablename__ = "propuesta_meta"
    __table_args__ = (
        UniqueConstraint("grupo", "numero", name="uq_propuesta_meta_version"),
        # A returned proposal is corrected at most once (its correction is the next version).
        UniqueConstraint("anterior_id", name="uq_propuesta_meta_anterior"),
        Index(
            "ux_propuesta_meta_abierta",
            "indicador_id",
            unique=True,
            sqlite_where=text("estado IN ('propuesta', 'con_opinion')"),
            postgresql_where=text("estado IN ('propuesta', 'con_opinion')"),
        ),
        Index("ix_propuesta_meta_estado", "estado"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicador_id: Mapped[int] = mapped_column(
        ForeignKey("indicador.id", ondelete="CASCADE"), index=True
    )
    #: The id of the first version: every correction of a proposal shares it.
    grupo: Mapped[int | None] = mapped_column(Integer, index=True)
    numero: Mapped[int] = mapped_column(Integer, default=1)
    anterior_id: Mapped[int | None] = mapped_column(ForeignKey("propuesta_meta.id"))
    estado: Mapped[EstadoPropuesta] = mapped_column(
        columna_enum(EstadoPropuesta, "estado_propuesta_meta", 30)
    )
    justificacion: Mapped[str] = mapped_column(Text)
    #: The projection the proposal used: its method (Spanish sentence) and parameters.
    metodo_proyeccion: Mapped[str | None] = mapped_column(String(300))
    parametros_proyeccion: Mapped[dict | None] = mapped_column(JSON)
    acuerdo_id: Mapped[int | None] = mapped_column(ForeignKey("acuerdo.id"))
    propuesta_por: Mapped[str] = mapped_column(String(60))
    propuesta_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    #: Honduras date the proposal was sent (what "pendientes" shows and sorts on).
    fecha_propuesta: Mapped[dt.date] = mapped_column(Date)
    opinion: Mapped[Opinion | None] = mapped_column(columna_enum(Opinion, "opinion_meta", 30))
    opinion_texto: Mapped[str | None] = mapped_column(Text)
    opinion_por: Mapped[str | None] = mapped_column(String(60))
    opinion_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    decision_por: Mapped[str | None] = mapped_column(String(60))
    decision_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: Honduras date of the decision: the periods that had not ended on it change.
    fecha_decision: Mapped[dt.date | None] = mapped_column(Date)
    decision_nota: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    indicador: Mapped[Indicador] = relationship()
    periodos: Mapped[list[PropuestaMetaPeriodo]] = relationship(
        back_populates="propuesta",
        cascade="all, delete-orphan",
        order_by="PropuestaMetaPeriodo.id",
    )


class PropuestaMetaPeriodo(Base):
    """One period of a proposal: the current target when proposed and the proposed one.

    ``aplicada`` is set on approval: True when the period's current target changed, False when
    the period had ended by the decision date (the past is not rewritten).
    """

    __tablename__ = "propuesta_meta_periodo"
    __table_args__ = (UniqueConstraint("propuesta_id", "periodo", name="uq_propuesta_periodo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    propuesta_id: Mapped[int] = mapped_column(
        ForeignKey("propuesta_meta.id", ondelete="CASCADE"), index=True
    )
    periodo: Mapped[str] = mapped_column(String(10))
    meta_vigente: Mapped[float] = mapped_column(Float)
    meta_propuesta: Mapped[float] = mapped_column(Float)
    aplicada: Mapped[bool | None] = mapped_column()

    propuesta: Mapped[PropuestaMeta] = relationship(back_populates="periodos")
