"""The e-mail outbox (issue #13, part A): ``mensaje_correo`` and ``adjunto_correo``.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 03:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mensaje_correo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clave", sa.String(length=200), nullable=False),
        sa.Column("para", sa.Text(), nullable=False),
        sa.Column("asunto", sa.String(length=300), nullable=False),
        sa.Column("texto", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column(
            "estado",
            sa.Enum(
                "en_cola",
                "enviado",
                "fallido",
                name="estado_correo",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("intentos", sa.Integer(), nullable=False),
        sa.Column("creado_en", sa.DateTime(timezone=True), nullable=False),
        sa.Column("proximo_intento", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tomado_hasta", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ultimo_error", sa.Text(), nullable=True),
        sa.Column("enviado_en", sa.DateTime(timezone=True), nullable=True),
        sa.Column("entregado_por", sa.String(length=10), nullable=True),
        sa.Column("evento", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("clave"),
    )
    op.create_index(
        "ix_mensaje_correo_cola", "mensaje_correo", ["estado", "proximo_intento"], unique=False
    )
    op.create_table(
        "adjunto_correo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mensaje_id", sa.Integer(), nullable=False),
        sa.Column("nombre", sa.String(length=200), nullable=False),
        sa.Column("tipo", sa.String(length=100), nullable=False),
        sa.Column("contenido", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["mensaje_id"], ["mensaje_correo.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_adjunto_correo_mensaje_id"), "adjunto_correo", ["mensaje_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_adjunto_correo_mensaje_id"), table_name="adjunto_correo")
    op.drop_table("adjunto_correo")
    op.drop_index("ix_mensaje_correo_cola", table_name="mensaje_correo")
    op.drop_table("mensaje_correo")
