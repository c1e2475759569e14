"""Mesas set up from the web (issue #11): equipo de apoyo from the UPGRET (user, leaving date),
grupos de trabajo closed, and their reports back to the mesa on a session's agenda.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("equipo_apoyo") as tabla:
        tabla.add_column(sa.Column("usuario_id", sa.Integer(), nullable=True))
        tabla.add_column(sa.Column("baja_en", sa.Date(), nullable=True))
        tabla.create_foreign_key("fk_equipo_apoyo_usuario", "usuario", ["usuario_id"], ["id"])
    with op.batch_alter_table("grupo_trabajo") as tabla:
        tabla.add_column(sa.Column("cerrado_en", sa.Date(), nullable=True))
    op.create_table(
        "informe_grupo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grupo_id", sa.Integer(), nullable=False),
        sa.Column("sesion_id", sa.Integer(), nullable=False),
        sa.Column("punto_agenda_id", sa.Integer(), nullable=False),
        sa.Column("nota", sa.Text(), nullable=False),
        sa.Column("registrado_por", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(["grupo_id"], ["grupo_trabajo.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sesion_id"], ["sesion_mesa.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["punto_agenda_id"], ["punto_agenda.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("punto_agenda_id"),
    )
    op.create_index("ix_informe_grupo_grupo_id", "informe_grupo", ["grupo_id"])


def downgrade() -> None:
    op.drop_index("ix_informe_grupo_grupo_id", table_name="informe_grupo")
    op.drop_table("informe_grupo")
    with op.batch_alter_table("grupo_trabajo") as tabla:
        tabla.drop_column("cerrado_en")
    with op.batch_alter_table("equipo_apoyo") as tabla:
        tabla.drop_constraint("fk_equipo_apoyo_usuario", type_="foreignkey")
        tabla.drop_column("baja_en")
        tabla.drop_column("usuario_id")
