"""The reporting cycle (DOMAIN.md §8): values become versions; evidence files; reaperturas.

- ``avance`` holds one row per **version** of a value: ``numero``, ``estado``, ``origen``, who did
  each step and when (``recibido_en``, ``validado_en``, ``devuelto_en``, ``reemplazado_en``),
  explanation, observación, evidence, the version a correction replaces, a draft's ``bloqueo``.
  Today's values become validated first versions received and validated on their
  ``fecha_reporte`` (Honduras midnight): no figure changes.
- ``evidencia``: evidence files (bytes outside the web root, named by an unguessable ``clave``).
- ``reapertura``: an analyst's reopening of a closed period for one institution.
- ``indicador.requiere_evidencia``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ABIERTA = "estado IN ('borrador', 'enviado')"
_VALIDADA = "estado = 'validado'"
_ESTADOS = "estado IN ('borrador', 'enviado', 'devuelto', 'validado', 'reemplazado')"
_ORIGENES = "origen IN ('reporte', 'importacion', 'correccion')"


def upgrade() -> None:
    op.create_table(
        "evidencia",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clave", sa.String(length=64), nullable=False),
        sa.Column("nombre_original", sa.String(length=255), nullable=False),
        sa.Column("tipo", sa.String(length=10), nullable=False),
        sa.Column("tamano", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("institucion_id", sa.Integer(), nullable=False),
        sa.Column("subido_por", sa.String(length=60), nullable=False),
        sa.Column("subido_en", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["institucion_id"], ["institucion.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("clave"),
    )
    op.create_index("ix_evidencia_institucion_id", "evidencia", ["institucion_id"])
    op.create_table(
        "reapertura",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("institucion_id", sa.Integer(), nullable=False),
        sa.Column("periodo", sa.String(length=10), nullable=False),
        sa.Column("motivo", sa.Text(), nullable=False),
        sa.Column("vence_en", sa.Date(), nullable=False),
        sa.Column("creada_por", sa.String(length=60), nullable=False),
        sa.Column("creada_en", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["institucion_id"], ["institucion.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reapertura_institucion_id", "reapertura", ["institucion_id"])
    with op.batch_alter_table("indicador") as tabla:
        tabla.add_column(
            sa.Column("requiere_evidencia", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("avance") as tabla:
        tabla.drop_constraint("uq_avance_periodo", type_="unique")
        tabla.add_column(sa.Column("numero", sa.Integer(), server_default="1", nullable=False))
        tabla.add_column(
            sa.Column("estado", sa.String(length=20), server_default="validado", nullable=False)
        )
        tabla.add_column(
            sa.Column("origen", sa.String(length=20), server_default="importacion", nullable=False)
        )
        tabla.alter_column("fecha_reporte", existing_type=sa.Date(), nullable=True)
        tabla.add_column(sa.Column("evidencia_id", sa.Integer(), nullable=True))
        tabla.add_column(sa.Column("explicacion", sa.Text(), nullable=True))
        tabla.add_column(sa.Column("motivo", sa.Text(), nullable=True))
        tabla.add_column(sa.Column("reemplaza_id", sa.Integer(), nullable=True))
        tabla.add_column(sa.Column("creado_en", sa.DateTime(timezone=True), nullable=True))
        tabla.add_column(sa.Column("creado_por", sa.String(length=60), nullable=True))
        tabla.add_column(sa.Column("recibido_en", sa.DateTime(timezone=True), nullable=True))
        tabla.add_column(sa.Column("enviado_por", sa.String(length=60), nullable=True))
        tabla.add_column(sa.Column("validado_en", sa.DateTime(timezone=True), nullable=True))
        tabla.add_column(sa.Column("devuelto_en", sa.DateTime(timezone=True), nullable=True))
        tabla.add_column(sa.Column("revisado_por", sa.String(length=60), nullable=True))
        tabla.add_column(sa.Column("observacion", sa.Text(), nullable=True))
        tabla.add_column(sa.Column("reemplazado_en", sa.DateTime(timezone=True), nullable=True))
        tabla.add_column(sa.Column("bloqueo", sa.Integer(), server_default="1", nullable=False))
        tabla.create_foreign_key("fk_avance_evidencia", "evidencia", ["evidencia_id"], ["id"])
        tabla.create_foreign_key("fk_avance_reemplaza", "avance", ["reemplaza_id"], ["id"])
        tabla.create_check_constraint("estado_version", _ESTADOS)
        tabla.create_check_constraint("origen_version", _ORIGENES)
        tabla.create_unique_constraint("uq_avance_version", ["indicador_id", "periodo", "numero"])

    # Today's values: validated first versions, received and validated on their report date
    # (Honduras midnight, 06:00 UTC).
    if op.get_bind().dialect.name == "postgresql":
        momento = "((fecha_reporte + time '06:00') AT TIME ZONE 'UTC')"
    else:
        momento = "datetime(fecha_reporte, '+6 hours')"
    op.execute(
        f"UPDATE avance SET recibido_en = {momento}, validado_en = {momento}, "
        f"creado_en = {momento}, creado_por = reportado_por, enviado_por = reportado_por "
        "WHERE fecha_reporte IS NOT NULL"
    )
    op.create_index(
        "ux_avance_abierta",
        "avance",
        ["indicador_id", "periodo"],
        unique=True,
        sqlite_where=sa.text(_ABIERTA),
        postgresql_where=sa.text(_ABIERTA),
    )
    op.create_index(
        "ux_avance_validada",
        "avance",
        ["indicador_id", "periodo"],
        unique=True,
        sqlite_where=sa.text(_VALIDADA),
        postgresql_where=sa.text(_VALIDADA),
    )
    op.create_index("ix_avance_estado", "avance", ["estado"])


def downgrade() -> None:
    # Keep, per indicator and period, the version that counts today (the validated one).
    op.execute("DELETE FROM avance WHERE estado <> 'validado'")
    op.drop_index("ix_avance_estado", table_name="avance")
    op.drop_index("ux_avance_validada", table_name="avance")
    op.drop_index("ux_avance_abierta", table_name="avance")
    with op.batch_alter_table("avance") as tabla:
        tabla.drop_constraint("uq_avance_version", type_="unique")
        tabla.drop_constraint("origen_version", type_="check")
        tabla.drop_constraint("estado_version", type_="check")
        tabla.drop_constraint("fk_avance_reemplaza", type_="foreignkey")
        tabla.drop_constraint("fk_avance_evidencia", type_="foreignkey")
        for columna in (
            "bloqueo",
            "reemplazado_en",
            "observacion",
            "revisado_por",
            "devuelto_en",
            "validado_en",
            "enviado_por",
            "recibido_en",
            "creado_por",
            "creado_en",
            "reemplaza_id",
            "motivo",
            "explicacion",
            "evidencia_id",
            "origen",
            "estado",
            "numero",
        ):
            tabla.drop_column(columna)
        tabla.create_unique_constraint("uq_avance_periodo", ["indicador_id", "periodo"])
    with op.batch_alter_table("indicador") as tabla:
        tabla.drop_column("requiere_evidencia")
    op.drop_index("ix_reapertura_institucion_id", table_name="reapertura")
    op.drop_table("reapertura")
    op.drop_index("ix_evidencia_institucion_id", table_name="evidencia")
    op.drop_table("evidencia")
