"""Writes that cannot corrupt the record: submission tokens, edit versions, frozen minutes.

- ``envio_formulario``: the claimed submission tokens of the forms (a form's write is recorded
  once however many times it is sent).
- ``ayuda_memoria.version`` and ``acuerdo.version``: the optimistic version the forms send back,
  so a save made on an older version is refused instead of overwriting a colleague's change.
- ``ayuda_memoria.contenido_distribuido``: what distributed minutes printed, frozen at
  distribution (minutes distributed before this migration are rebuilt from the acuerdos'
  history at their distribution date).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "envio_formulario",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("formulario", sa.String(length=60), nullable=False),
        sa.Column("usuario", sa.String(length=60), nullable=False),
        sa.Column(
            "enviado_en",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("token"),
    )
    with op.batch_alter_table("ayuda_memoria") as tabla:
        tabla.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        tabla.add_column(sa.Column("contenido_distribuido", sa.JSON(), nullable=True))
    with op.batch_alter_table("acuerdo") as tabla:
        tabla.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("acuerdo") as tabla:
        tabla.drop_column("version")
    with op.batch_alter_table("ayuda_memoria") as tabla:
        tabla.drop_column("contenido_distribuido")
        tabla.drop_column("version")
    op.drop_table("envio_formulario")
