"""Products of a mesa per year, with their documents kept as versions (issue #11 items 5, 6).

``producto`` gains its year (filled from the delivery date of existing rows) and a version
counter; ``documento_producto`` holds every uploaded (or generated) document of a product, each
version a row, never overwritten.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("producto", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anio", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.create_index("ix_producto_mesa_anio", ["mesa_id", "anio"], unique=False)
    producto = sa.table("producto", sa.column("anio", sa.Integer), sa.column("entregado_en"))
    op.execute(
        producto.update()
        .where(producto.c.entregado_en.is_not(None))
        .values(anio=sa.extract("year", producto.c.entregado_en))
    )

    op.create_table(
        "documento_producto",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("producto_id", sa.Integer(), nullable=False),
        sa.Column("numero", sa.Integer(), nullable=False),
        sa.Column("clave", sa.String(length=64), nullable=False),
        sa.Column("nombre_original", sa.String(length=255), nullable=False),
        sa.Column("tipo", sa.String(length=10), nullable=False),
        sa.Column("tamano", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("periodo", sa.String(length=10), nullable=True),
        sa.Column("nota", sa.Text(), nullable=True),
        sa.Column("generado", sa.Boolean(), nullable=False),
        sa.Column("subido_por", sa.String(length=60), nullable=False),
        sa.Column("subido_en", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["producto_id"], ["producto.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("clave"),
        sa.UniqueConstraint("producto_id", "numero", name="uq_documento_producto_numero"),
    )
    with op.batch_alter_table("documento_producto", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_documento_producto_producto_id"), ["producto_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("documento_producto", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documento_producto_producto_id"))
    op.drop_table("documento_producto")
    with op.batch_alter_table("producto", schema=None) as batch_op:
        batch_op.drop_index("ix_producto_mesa_anio")
        batch_op.drop_column("version")
        batch_op.drop_column("anio")
