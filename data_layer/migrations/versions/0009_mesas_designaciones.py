"""Mesas run in production (issue #11): designated coordinator users and assigned analysts.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 11:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mesa") as tabla:
        tabla.add_column(sa.Column("coordinador_politico_usuario_id", sa.Integer(), nullable=True))
        tabla.add_column(sa.Column("coordinador_tecnico_usuario_id", sa.Integer(), nullable=True))
        tabla.create_foreign_key(
            "fk_mesa_coordinador_politico_usuario",
            "usuario",
            ["coordinador_politico_usuario_id"],
            ["id"],
        )
        tabla.create_foreign_key(
            "fk_mesa_coordinador_tecnico_usuario",
            "usuario",
            ["coordinador_tecnico_usuario_id"],
            ["id"],
        )
        tabla.create_index(
            "ix_mesa_coordinador_politico_usuario_id", ["coordinador_politico_usuario_id"]
        )
        tabla.create_index(
            "ix_mesa_coordinador_tecnico_usuario_id", ["coordinador_tecnico_usuario_id"]
        )
    op.create_table(
        "mesa_analista",
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuario.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("mesa_id", "usuario_id"),
    )


def downgrade() -> None:
    op.drop_table("mesa_analista")
    with op.batch_alter_table("mesa") as tabla:
        tabla.drop_index("ix_mesa_coordinador_tecnico_usuario_id")
        tabla.drop_index("ix_mesa_coordinador_politico_usuario_id")
        tabla.drop_constraint("fk_mesa_coordinador_tecnico_usuario", type_="foreignkey")
        tabla.drop_constraint("fk_mesa_coordinador_politico_usuario", type_="foreignkey")
        tabla.drop_column("coordinador_tecnico_usuario_id")
        tabla.drop_column("coordinador_politico_usuario_id")
