"""Target revision proposals (DOMAIN.md §9): proposal, opinion, decision; revisions name them.

- ``propuesta_meta``: one version of a proposal to revise an indicator's targets, with its
  justification, projection used, optional acuerdo, the analyst's opinion and the decision (at most
  one open proposal per indicator: a partial unique index).
- ``propuesta_meta_periodo``: its periods, the current target when proposed and the proposed one.
- ``revision_programacion.propuesta_id``: the approved proposal behind a change of a current target.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ABIERTA = "estado IN ('propuesta', 'con_opinion')"


def _enum(nombre: str, *valores: str) -> sa.Enum:
    return sa.Enum(*valores, name=nombre, native_enum=False, create_constraint=True, length=30)


def upgrade() -> None:
    op.create_table(
        "propuesta_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicador_id", sa.Integer(), nullable=False),
        sa.Column("grupo", sa.Integer(), nullable=True),
        sa.Column("numero", sa.Integer(), nullable=False),
        sa.Column("anterior_id", sa.Integer(), nullable=True),
        sa.Column(
            "estado",
            _enum(
                "estado_propuesta_meta",
                "propuesta",
                "con_opinion",
                "aprobada",
                "devuelta",
                "rechazada",
            ),
            nullable=False,
        ),
        sa.Column("justificacion", sa.Text(), nullable=False),
        sa.Column("metodo_proyeccion", sa.String(length=300), nullable=True),
        sa.Column("parametros_proyeccion", sa.JSON(), nullable=True),
        sa.Column("acuerdo_id", sa.Integer(), nullable=True),
        sa.Column("propuesta_por", sa.String(length=60), nullable=False),
        sa.Column("propuesta_en", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fecha_propuesta", sa.Date(), nullable=False),
        sa.Column(
            "opinion", _enum("opinion_meta", "favorable", "con_observaciones"), nullable=True
        ),
        sa.Column("opinion_texto", sa.Text(), nullable=True),
        sa.Column("opinion_por", sa.String(length=60), nullable=True),
        sa.Column("opinion_en", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_por", sa.String(length=60), nullable=True),
        sa.Column("decision_en", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fecha_decision", sa.Date(), nullable=True),
        sa.Column("decision_nota", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["indicador_id"], ["indicador.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["anterior_id"], ["propuesta_meta.id"]),
        sa.ForeignKeyConstraint(["acuerdo_id"], ["acuerdo.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("grupo", "numero", name="uq_propuesta_meta_version"),
        sa.UniqueConstraint("anterior_id", name="uq_propuesta_meta_anterior"),
    )
    op.create_index("ix_propuesta_meta_indicador_id", "propuesta_meta", ["indicador_id"])
    op.create_index("ix_propuesta_meta_grupo", "propuesta_meta", ["grupo"])
    op.create_index("ix_propuesta_meta_estado", "propuesta_meta", ["estado"])
    op.create_index(
        "ux_propuesta_meta_abierta",
        "propuesta_meta",
        ["indicador_id"],
        unique=True,
        sqlite_where=sa.text(_ABIERTA),
        postgresql_where=sa.text(_ABIERTA),
    )
    op.create_table(
        "propuesta_meta_periodo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("propuesta_id", sa.Integer(), nullable=False),
        sa.Column("periodo", sa.String(length=10), nullable=False),
        sa.Column("meta_vigente", sa.Float(), nullable=False),
        sa.Column("meta_propuesta", sa.Float(), nullable=False),
        sa.Column("aplicada", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["propuesta_id"], ["propuesta_meta.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("propuesta_id", "periodo", name="uq_propuesta_periodo"),
    )
    op.create_index(
        "ix_propuesta_meta_periodo_propuesta_id", "propuesta_meta_periodo", ["propuesta_id"]
    )
    with op.batch_alter_table("revision_programacion") as tabla:
        tabla.add_column(sa.Column("propuesta_id", sa.Integer(), nullable=True))
        tabla.create_foreign_key(
            "fk_revision_programacion_propuesta", "propuesta_meta", ["propuesta_id"], ["id"]
        )
        tabla.create_index("ix_revision_programacion_propuesta_id", ["propuesta_id"])


def downgrade() -> None:
    with op.batch_alter_table("revision_programacion") as tabla:
        tabla.drop_index("ix_revision_programacion_propuesta_id")
        tabla.drop_constraint("fk_revision_programacion_propuesta", type_="foreignkey")
        tabla.drop_column("propuesta_id")
    op.drop_index("ix_propuesta_meta_periodo_propuesta_id", table_name="propuesta_meta_periodo")
    op.drop_table("propuesta_meta_periodo")
    op.drop_index("ux_propuesta_meta_abierta", table_name="propuesta_meta")
    op.drop_index("ix_propuesta_meta_estado", table_name="propuesta_meta")
    op.drop_index("ix_propuesta_meta_grupo", table_name="propuesta_meta")
    op.drop_index("ix_propuesta_meta_indicador_id", table_name="propuesta_meta")
    op.drop_table("propuesta_meta")
