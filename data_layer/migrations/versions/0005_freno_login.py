"""Login throttle without lockout: one failure counter per user name and address (issue #9).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "freno_login",
        sa.Column("usuario", sa.String(length=60), nullable=False),
        sa.Column("direccion", sa.String(length=64), nullable=False),
        sa.Column("fallos", sa.Integer(), nullable=False),
        sa.Column("espera_hasta", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ultimo_fallo", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("usuario", "direccion"),
    )
    with op.batch_alter_table("freno_login", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_freno_login_ultimo_fallo"), ["ultimo_fallo"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("freno_login", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_freno_login_ultimo_fallo"))
    op.drop_table("freno_login")
