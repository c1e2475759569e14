"""In-app notices (issue #13, item 3): ``aviso``, one row per user and event.

``(usuario_id, clave)`` is unique: the same event never notices the same user twice.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 03:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aviso",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("tipo", sa.String(length=40), nullable=False),
        sa.Column("asunto", sa.String(length=300), nullable=False),
        sa.Column("texto", sa.Text(), nullable=False),
        sa.Column("enlace", sa.String(length=500), nullable=False),
        sa.Column("clave", sa.String(length=200), nullable=False),
        sa.Column(
            "creado_en",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("leido_en", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuario.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("usuario_id", "clave", name="uq_aviso_usuario_clave"),
    )
    op.create_index("ix_aviso_usuario_leido", "aviso", ["usuario_id", "leido_en"])


def downgrade() -> None:
    op.drop_index("ix_aviso_usuario_leido", table_name="aviso")
    op.drop_table("aviso")
