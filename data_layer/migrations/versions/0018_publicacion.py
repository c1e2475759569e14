"""Published snapshots of the public portal (issue #14): ``publicacion``.

``(periodo, edicion)`` is unique: two publications of one quarter at the same moment cannot both
become the same edition.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "publicacion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periodo", sa.String(length=10), nullable=False),
        sa.Column("edicion", sa.Integer(), nullable=False),
        sa.Column("fecha_corte", sa.Date(), nullable=False),
        sa.Column("contenido", sa.Text(), nullable=False),
        sa.Column("huella", sa.String(length=64), nullable=False),
        sa.Column("publicada_en", sa.DateTime(timezone=True), nullable=False),
        sa.Column("publicada_por", sa.String(length=60), nullable=False),
        sa.Column("retirada_en", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retirada_por", sa.String(length=60), nullable=True),
        sa.Column("motivo_retiro", sa.Text(), nullable=True),
        sa.CheckConstraint("edicion >= 1", name="ck_publicacion_edicion"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("periodo", "edicion", name="uq_publicacion_periodo_edicion"),
    )
    op.create_index("ix_publicacion_periodo", "publicacion", ["periodo"])


def downgrade() -> None:
    op.drop_index("ix_publicacion_periodo", table_name="publicacion")
    op.drop_table("publicacion")
