"""Users have an e-mail, e-mail preferences and a "must change the password" mark (issue #13).

- ``usuario.correo``: the user's e-mail (lower case, unique; empty until set).
- ``usuario.recibe_resumen`` / ``usuario.recibe_recordatorios``: which e-mails they get (never
  below what their role requires: :func:`data_layer.permisos.correos_obligatorios`).
- ``usuario.debe_cambiar_clave``: the login sends them to ``/clave`` until they change it.
- ``usuario.version``: what a form loaded, to refuse a concurrent edit.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 03:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("usuario") as tabla:
        tabla.add_column(sa.Column("correo", sa.String(length=254), nullable=True))
        tabla.add_column(
            sa.Column("recibe_resumen", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        tabla.add_column(
            sa.Column(
                "recibe_recordatorios", sa.Boolean(), server_default=sa.true(), nullable=False
            )
        )
        tabla.add_column(
            sa.Column("debe_cambiar_clave", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        tabla.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        tabla.create_unique_constraint("uq_usuario_correo", ["correo"])


def downgrade() -> None:
    with op.batch_alter_table("usuario") as tabla:
        tabla.drop_constraint("uq_usuario_correo", type_="unique")
        tabla.drop_column("version")
        tabla.drop_column("debe_cambiar_clave")
        tabla.drop_column("recibe_recordatorios")
        tabla.drop_column("recibe_resumen")
        tabla.drop_column("correo")
