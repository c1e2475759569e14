"""Jobs of the web import of the MCR workbook (dry run, then apply), polled by any worker.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 20:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tarea_importacion",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("usuario", sa.String(length=60), nullable=False),
        sa.Column("archivo", sa.String(length=255), nullable=False),
        sa.Column("huella", sa.String(length=64), nullable=False),
        sa.Column("tamano", sa.Integer(), nullable=False),
        sa.Column("etapa", sa.String(length=20), nullable=False),
        sa.Column("progreso", sa.Integer(), nullable=False),
        sa.Column("mensaje", sa.Text(), nullable=True),
        sa.Column("version_datos", sa.Integer(), nullable=True),
        sa.Column("vista_previa", sa.Text(), nullable=True),
        sa.Column("importacion_id", sa.Integer(), nullable=True),
        sa.Column("creada_en", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actualizada_en", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token"),
    )
    op.create_index("ix_tarea_importacion_usuario", "tarea_importacion", ["usuario"])
    op.create_index("ix_tarea_importacion_creada_en", "tarea_importacion", ["creada_en"])


def downgrade() -> None:
    op.drop_index("ix_tarea_importacion_creada_en", table_name="tarea_importacion")
    op.drop_index("ix_tarea_importacion_usuario", table_name="tarea_importacion")
    op.drop_table("tarea_importacion")
