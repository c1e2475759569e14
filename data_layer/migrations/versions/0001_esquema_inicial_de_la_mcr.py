"""Initial MCR schema: ejes, sectores, instituciones, metas, indicadores, targets, values.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 23:54:29.500427
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "eje",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("codigo", sa.String(length=40), nullable=False),
        sa.Column("nombre", sa.String(length=300), nullable=False),
        sa.Column("eje_padre_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["eje_padre_id"],
            ["eje.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("codigo"),
    )
    op.create_table(
        "importacion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "realizada_en",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("origen", sa.String(length=500), nullable=False),
        sa.Column("huella", sa.String(length=64), nullable=False),
        sa.Column("es_demo", sa.Boolean(), nullable=False),
        sa.Column("resumen", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "institucion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sigla", sa.String(length=40), nullable=False),
        sa.Column("nombre", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sigla"),
    )
    op.create_table(
        "sector",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("codigo", sa.String(length=40), nullable=False),
        sa.Column("nombre", sa.String(length=300), nullable=False),
        sa.Column("institucion_rectora_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["institucion_rectora_id"], ["institucion.id"], name="fk_sector_rectora"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("codigo"),
    )
    op.create_table(
        "tema_transversal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nombre", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nombre"),
    )
    op.create_table(
        "institucion_sector",
        sa.Column("institucion_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("principal", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["institucion_id"], ["institucion.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sector_id"], ["sector.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("institucion_id", "sector_id"),
    )
    op.create_table(
        "meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("codigo", sa.String(length=60), nullable=False),
        sa.Column(
            "nivel",
            sa.Enum(
                "presidencial",
                "sectorial",
                "institucional",
                name="nivel",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("descripcion", sa.Text(), nullable=False),
        sa.Column("eje_id", sa.Integer(), nullable=True),
        sa.Column("sector_id", sa.Integer(), nullable=True),
        sa.Column("institucion_id", sa.Integer(), nullable=True),
        sa.Column("peso", sa.Float(), nullable=False),
        sa.CheckConstraint("peso > 0", name="ck_meta_peso"),
        sa.ForeignKeyConstraint(
            ["eje_id"],
            ["eje.id"],
        ),
        sa.ForeignKeyConstraint(
            ["institucion_id"],
            ["institucion.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("codigo"),
    )
    op.create_table(
        "sector_eje",
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("eje_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["eje_id"], ["eje.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sector_id"], ["sector.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sector_id", "eje_id"),
    )
    op.create_table(
        "contribucion",
        sa.Column("meta_id", sa.Integer(), nullable=False),
        sa.Column("meta_destino_id", sa.Integer(), nullable=False),
        sa.Column("peso", sa.Float(), nullable=False),
        sa.CheckConstraint("peso > 0", name="ck_contribucion_peso"),
        sa.ForeignKeyConstraint(["meta_destino_id"], ["meta.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meta_id"], ["meta.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meta_id", "meta_destino_id"),
    )
    op.create_table(
        "indicador",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("codigo", sa.String(length=60), nullable=False),
        sa.Column("meta_id", sa.Integer(), nullable=False),
        sa.Column("nombre", sa.Text(), nullable=False),
        sa.Column(
            "eslabon",
            sa.Enum(
                "insumo",
                "actividad",
                "producto",
                "resultado",
                "impacto",
                name="eslabon",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("unidad", sa.String(length=120), nullable=False),
        sa.Column(
            "sentido",
            sa.Enum(
                "ascendente",
                "descendente",
                name="sentido",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "tipo",
            sa.Enum(
                "flujo",
                "acumulado",
                "stock",
                name="tipo",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "frecuencia",
            sa.Enum(
                "trimestral",
                "semestral",
                "anual",
                name="frecuencia",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("linea_base", sa.Float(), nullable=True),
        sa.Column("anio_base", sa.Integer(), nullable=True),
        sa.Column("fuente", sa.Text(), nullable=False),
        sa.Column("institucion_responsable_id", sa.Integer(), nullable=False),
        sa.Column("umbral_verde", sa.Float(), nullable=True),
        sa.Column("umbral_amarillo", sa.Float(), nullable=True),
        sa.Column("peso", sa.Float(), nullable=False),
        sa.Column("ods_meta", sa.String(length=20), nullable=True),
        sa.CheckConstraint("peso > 0", name="ck_indicador_peso"),
        sa.ForeignKeyConstraint(
            ["institucion_responsable_id"],
            ["institucion.id"],
        ),
        sa.ForeignKeyConstraint(
            ["meta_id"],
            ["meta.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("codigo"),
    )
    with op.batch_alter_table("indicador", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicador_institucion_responsable_id"),
            ["institucion_responsable_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_indicador_meta_id"), ["meta_id"], unique=False)

    op.create_table(
        "avance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicador_id", sa.Integer(), nullable=False),
        sa.Column("periodo", sa.String(length=10), nullable=False),
        sa.Column("valor", sa.Float(), nullable=False),
        sa.Column("fecha_reporte", sa.Date(), nullable=False),
        sa.Column("comentario", sa.Text(), nullable=True),
        sa.Column("reportado_por", sa.String(length=120), nullable=True),
        sa.Column("evidencia_url", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["indicador_id"], ["indicador.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indicador_id", "periodo", name="uq_avance_periodo"),
    )
    op.create_table(
        "indicador_tema",
        sa.Column("indicador_id", sa.Integer(), nullable=False),
        sa.Column("tema_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["indicador_id"], ["indicador.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tema_id"], ["tema_transversal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("indicador_id", "tema_id"),
    )
    op.create_table(
        "programacion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicador_id", sa.Integer(), nullable=False),
        sa.Column("periodo", sa.String(length=10), nullable=False),
        sa.Column("meta_original", sa.Float(), nullable=False),
        sa.Column("meta", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["indicador_id"], ["indicador.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indicador_id", "periodo", name="uq_programacion_periodo"),
    )
    op.create_table(
        "revision_programacion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programacion_id", sa.Integer(), nullable=False),
        sa.Column("meta_anterior", sa.Float(), nullable=False),
        sa.Column("meta_nueva", sa.Float(), nullable=False),
        sa.Column(
            "revisado_en",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("origen", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(["programacion_id"], ["programacion.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("revision_programacion")
    op.drop_table("programacion")
    op.drop_table("indicador_tema")
    op.drop_table("avance")
    with op.batch_alter_table("indicador", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicador_meta_id"))
        batch_op.drop_index(batch_op.f("ix_indicador_institucion_responsable_id"))

    op.drop_table("indicador")
    op.drop_table("contribucion")
    op.drop_table("sector_eje")
    op.drop_table("meta")
    op.drop_table("institucion_sector")
    op.drop_table("tema_transversal")
    op.drop_table("sector")
    op.drop_table("institucion")
    op.drop_table("importacion")
    op.drop_table("eje")
