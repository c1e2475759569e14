"""The institutions' part of the mesas: evidence on acuerdo follow-ups; ministers' responses.

- ``seguimiento_acuerdo`` gains ``evidencia_id`` (an uploaded file of the responsible
  institution) and ``evidencia_url`` (an ``https://`` link): the UPGRET reports an acuerdo's
  progress with its evidence.
- ``respuesta_ministro``: a minister's response to the Presidency on a red goal of their sector,
  versioned (a new response supersedes the previous one through ``reemplaza_id``).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("seguimiento_acuerdo") as tabla:
        tabla.add_column(sa.Column("evidencia_id", sa.Integer(), nullable=True))
        tabla.add_column(sa.Column("evidencia_url", sa.String(length=500), nullable=True))
        tabla.create_foreign_key(
            "fk_seguimiento_acuerdo_evidencia", "evidencia", ["evidencia_id"], ["id"]
        )

    op.create_table(
        "respuesta_ministro",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meta_id", sa.Integer(), nullable=False),
        sa.Column("periodo", sa.String(length=10), nullable=False),
        sa.Column("texto", sa.Text(), nullable=False),
        sa.Column("acciones", sa.Text(), nullable=False),
        sa.Column("fecha_esperada", sa.Date(), nullable=True),
        sa.Column("firmante", sa.String(length=200), nullable=False),
        sa.Column("usuario", sa.String(length=60), nullable=False),
        sa.Column("registrada_en", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reemplaza_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(trim(texto)) > 0", name="ck_respuesta_ministro_texto"),
        sa.CheckConstraint("length(trim(acciones)) > 0", name="ck_respuesta_ministro_acciones"),
        sa.ForeignKeyConstraint(["meta_id"], ["meta.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reemplaza_id"], ["respuesta_ministro.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reemplaza_id", name="uq_respuesta_ministro_reemplaza"),
    )
    op.create_index("ix_respuesta_ministro_meta_id", "respuesta_ministro", ["meta_id"])


def downgrade() -> None:
    op.drop_index("ix_respuesta_ministro_meta_id", table_name="respuesta_ministro")
    op.drop_table("respuesta_ministro")
    with op.batch_alter_table("seguimiento_acuerdo") as tabla:
        tabla.drop_constraint("fk_seguimiento_acuerdo_evidencia", type_="foreignkey")
        tabla.drop_column("evidencia_url")
        tabla.drop_column("evidencia_id")
