"""Data versions: one counter row per kind of data, moved in the same transaction as each change.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 16:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    tabla = op.create_table(
        "version_datos",
        sa.Column("clave", sa.String(length=30), nullable=False),
        sa.Column("valor", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("clave"),
    )
    # Start above every key the old cache scheme used (latest audited mesa change), so a shared
    # cache never serves an old entry under a new version number.
    inicial = (
        op.get_bind()
        .execute(sa.text("SELECT COALESCE(MAX(id), 0) FROM auditoria WHERE entidad LIKE 'mesa:%'"))
        .scalar()
    )
    op.bulk_insert(tabla, [{"clave": "mesas", "valor": int(inicial or 0)}])


def downgrade() -> None:
    op.drop_table("version_datos")
