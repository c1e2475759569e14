"""MESGEPRET: mesas, members, support teams, working groups, plans, sessions, agendas, ayudas
memoria with attendance, acuerdos with their follow-up, bottlenecks, strategies, products.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 00:32:19.534200
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mesa",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("coordinador_politico_nombre", sa.String(length=200), nullable=False),
        sa.Column("coordinador_politico_cargo", sa.String(length=200), nullable=False),
        sa.Column("coordinador_politico_institucion_id", sa.Integer(), nullable=False),
        sa.Column("coordinador_tecnico_nombre", sa.String(length=200), nullable=False),
        sa.Column("coordinador_tecnico_cargo", sa.String(length=200), nullable=False),
        sa.Column("coordinador_tecnico_institucion_id", sa.Integer(), nullable=False),
        sa.Column("analista_diger", sa.String(length=200), nullable=True),
        sa.Column("instalada_en", sa.Date(), nullable=True),
        sa.Column(
            "creada_en", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["coordinador_politico_institucion_id"],
            ["institucion.id"],
        ),
        sa.ForeignKeyConstraint(
            ["coordinador_tecnico_institucion_id"],
            ["institucion.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sector_id"),
    )
    op.create_table(
        "cuello_botella",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column("descripcion", sa.Text(), nullable=False),
        sa.Column(
            "ambito",
            sa.Enum(
                "sectorial",
                "institucional",
                name="ambito_cuello",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("institucion_id", sa.Integer(), nullable=True),
        sa.Column("identificado_en", sa.Date(), nullable=False),
        sa.Column(
            "estado",
            sa.Enum(
                "abierto",
                "superado",
                name="estado_cuello",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["institucion_id"],
            ["institucion.id"],
        ),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cuello_botella", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cuello_botella_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "equipo_apoyo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column("nombre", sa.String(length=200), nullable=False),
        sa.Column("rol", sa.String(length=200), nullable=False),
        sa.Column("institucion_id", sa.Integer(), nullable=True),
        sa.Column("correo", sa.String(length=200), nullable=True),
        sa.Column("activo", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institucion_id"],
            ["institucion.id"],
        ),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("equipo_apoyo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_equipo_apoyo_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "miembro_mesa",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column("institucion_id", sa.Integer(), nullable=False),
        sa.Column("nombre", sa.String(length=200), nullable=False),
        sa.Column("cargo", sa.String(length=200), nullable=False),
        sa.Column("correo", sa.String(length=200), nullable=True),
        sa.Column("telefono", sa.String(length=60), nullable=True),
        sa.Column(
            "nivel",
            sa.Enum(
                "politico",
                "tecnico",
                name="nivel_miembro",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("es_director_upgret", sa.Boolean(), nullable=False),
        sa.Column("acreditado_en", sa.Date(), nullable=False),
        sa.Column("activo", sa.Boolean(), nullable=False),
        sa.Column("baja_en", sa.Date(), nullable=True),
        sa.Column("motivo_baja", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "NOT es_director_upgret OR nivel = 'tecnico'", name="ck_miembro_mesa_director"
        ),
        sa.CheckConstraint(
            "(activo AND baja_en IS NULL) OR (NOT activo AND baja_en IS NOT NULL)",
            name="ck_miembro_mesa_baja",
        ),
        sa.ForeignKeyConstraint(
            ["institucion_id"],
            ["institucion.id"],
        ),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("miembro_mesa", schema=None) as batch_op:
        batch_op.create_index(
            "ix_miembro_mesa_mesa_institucion", ["mesa_id", "institucion_id"], unique=False
        )

    op.create_table(
        "plan_trabajo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column("anio", sa.Integer(), nullable=False),
        sa.Column(
            "estado",
            sa.Enum(
                "borrador",
                "aprobado",
                name="estado_plan",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("aprobado_en", sa.Date(), nullable=True),
        sa.Column("aprobado_por", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "estado <> 'aprobado' OR (aprobado_en IS NOT NULL AND aprobado_por IS NOT NULL)",
            name="ck_plan_trabajo_aprobacion",
        ),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mesa_id", "anio", name="uq_plan_trabajo_anio"),
    )
    op.create_table(
        "producto",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column(
            "tipo",
            sa.Enum(
                "diagnostico_sectorial",
                "marco_resultados",
                "programacion",
                "cuellos_botella",
                "estrategias",
                "mecanismos_informacion",
                "informe_avance",
                name="tipo_producto",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("titulo", sa.Text(), nullable=False),
        sa.Column("entregado_en", sa.Date(), nullable=True),
        sa.Column("documento_nombre", sa.String(length=300), nullable=True),
        sa.Column("documento_url", sa.String(length=1000), nullable=True),
        sa.Column("documento_ruta", sa.String(length=1000), nullable=True),
        sa.CheckConstraint(
            "documento_nombre IS NULL OR documento_url IS NOT NULL OR documento_ruta IS NOT NULL",
            name="ck_producto_documento",
        ),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("producto", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_producto_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "sesion_mesa",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column(
            "nivel",
            sa.Enum(
                "politico",
                "tecnico",
                name="nivel_sesion",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("fecha_hora", sa.DateTime(), nullable=False),
        sa.Column("lugar", sa.String(length=300), nullable=False),
        sa.Column("convocatoria_enviada_en", sa.Date(), nullable=False),
        sa.Column("justificacion_convocatoria", sa.Text(), nullable=True),
        sa.Column("convocada_por", sa.String(length=60), nullable=True),
        sa.Column(
            "estado",
            sa.Enum(
                "convocada",
                "realizada",
                "cancelada",
                name="estado_sesion",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("motivo_cancelacion", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sesion_mesa", schema=None) as batch_op:
        batch_op.create_index("ix_sesion_mesa_mesa_fecha", ["mesa_id", "fecha_hora"], unique=False)

    op.create_table(
        "actividad_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("orden", sa.Integer(), nullable=False),
        sa.Column("actividad", sa.Text(), nullable=False),
        sa.Column("resultado_esperado", sa.Text(), nullable=False),
        sa.Column("responsable", sa.String(length=200), nullable=False),
        sa.Column("fecha_inicio", sa.Date(), nullable=False),
        sa.Column("fecha_fin", sa.Date(), nullable=False),
        sa.Column(
            "estado",
            sa.Enum(
                "pendiente",
                "en_proceso",
                "completada",
                "cancelada",
                name="estado_actividad",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.CheckConstraint("fecha_fin >= fecha_inicio", name="ck_actividad_plan_fechas"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan_trabajo.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "orden", name="uq_actividad_plan_orden"),
    )
    op.create_table(
        "ayuda_memoria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column("sesion_id", sa.Integer(), nullable=False),
        sa.Column("numero", sa.Integer(), nullable=False),
        sa.Column("elaborada_en", sa.Date(), nullable=False),
        sa.Column("desarrollo", sa.Text(), nullable=False),
        sa.Column("distribuida_en", sa.Date(), nullable=True),
        sa.Column("corrige_a_id", sa.Integer(), nullable=True),
        sa.Column("motivo_correccion", sa.Text(), nullable=True),
        sa.Column("registrada_por", sa.String(length=60), nullable=True),
        sa.CheckConstraint(
            "corrige_a_id IS NULL OR motivo_correccion IS NOT NULL", name="ck_ayuda_memoria_motivo"
        ),
        sa.CheckConstraint("numero > 0", name="ck_ayuda_memoria_numero"),
        sa.ForeignKeyConstraint(
            ["corrige_a_id"],
            ["ayuda_memoria.id"],
        ),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["sesion_id"],
            ["sesion_mesa.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("corrige_a_id", name="uq_ayuda_memoria_corrige_a"),
        sa.UniqueConstraint("mesa_id", "numero", name="uq_ayuda_memoria_numero"),
    )
    with op.batch_alter_table("ayuda_memoria", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ayuda_memoria_sesion_id"), ["sesion_id"], unique=False)

    op.create_table(
        "cuello_botella_indicador",
        sa.Column("cuello_botella_id", sa.Integer(), nullable=False),
        sa.Column("indicador_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cuello_botella_id"], ["cuello_botella.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["indicador_id"], ["indicador.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cuello_botella_id", "indicador_id"),
    )
    op.create_table(
        "cuello_botella_meta",
        sa.Column("cuello_botella_id", sa.Integer(), nullable=False),
        sa.Column("meta_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cuello_botella_id"], ["cuello_botella.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meta_id"], ["meta.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cuello_botella_id", "meta_id"),
    )
    op.create_table(
        "estrategia",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column("descripcion", sa.Text(), nullable=False),
        sa.Column("cuello_botella_id", sa.Integer(), nullable=True),
        sa.Column("responsable", sa.String(length=200), nullable=False),
        sa.Column("institucion_id", sa.Integer(), nullable=True),
        sa.Column("fecha_inicio", sa.Date(), nullable=True),
        sa.Column("fecha_fin", sa.Date(), nullable=True),
        sa.Column(
            "estado",
            sa.Enum(
                "propuesta",
                "aprobada",
                "en_ejecucion",
                "concluida",
                "descartada",
                name="estado_estrategia",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.CheckConstraint(
            "fecha_fin IS NULL OR fecha_inicio IS NULL OR fecha_fin >= fecha_inicio",
            name="ck_estrategia_fechas",
        ),
        sa.ForeignKeyConstraint(
            ["cuello_botella_id"],
            ["cuello_botella.id"],
        ),
        sa.ForeignKeyConstraint(
            ["institucion_id"],
            ["institucion.id"],
        ),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("estrategia", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_estrategia_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "grupo_trabajo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column("nombre", sa.String(length=200), nullable=False),
        sa.Column("tema", sa.Text(), nullable=False),
        sa.Column("coordinador_id", sa.Integer(), nullable=True),
        sa.Column("creado_en", sa.Date(), nullable=False),
        sa.Column("activo", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coordinador_id"],
            ["miembro_mesa.id"],
        ),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mesa_id", "nombre", name="uq_grupo_trabajo_nombre"),
    )
    op.create_table(
        "acuerdo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Integer(), nullable=False),
        sa.Column("sesion_id", sa.Integer(), nullable=False),
        sa.Column("ayuda_memoria_id", sa.Integer(), nullable=True),
        sa.Column("texto", sa.Text(), nullable=False),
        sa.Column("institucion_responsable_id", sa.Integer(), nullable=False),
        sa.Column("persona_responsable", sa.String(length=200), nullable=False),
        sa.Column("fecha_limite", sa.Date(), nullable=False),
        sa.Column(
            "estado",
            sa.Enum(
                "pendiente",
                "en_proceso",
                "cumplido",
                "vencido",
                "cancelado",
                name="estado_acuerdo",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("resultado", sa.Text(), nullable=True),
        sa.Column(
            "creado_en", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["ayuda_memoria_id"],
            ["ayuda_memoria.id"],
        ),
        sa.ForeignKeyConstraint(
            ["institucion_responsable_id"],
            ["institucion.id"],
        ),
        sa.ForeignKeyConstraint(["mesa_id"], ["mesa.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["sesion_id"],
            ["sesion_mesa.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("acuerdo", schema=None) as batch_op:
        batch_op.create_index("ix_acuerdo_mesa_estado", ["mesa_id", "estado"], unique=False)

    op.create_table(
        "asistencia",
        sa.Column("ayuda_memoria_id", sa.Integer(), nullable=False),
        sa.Column("miembro_id", sa.Integer(), nullable=False),
        sa.Column("presente", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["ayuda_memoria_id"], ["ayuda_memoria.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["miembro_id"],
            ["miembro_mesa.id"],
        ),
        sa.PrimaryKeyConstraint("ayuda_memoria_id", "miembro_id"),
    )
    op.create_table(
        "estrategia_indicador",
        sa.Column("estrategia_id", sa.Integer(), nullable=False),
        sa.Column("indicador_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["estrategia_id"], ["estrategia.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["indicador_id"], ["indicador.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("estrategia_id", "indicador_id"),
    )
    op.create_table(
        "estrategia_meta",
        sa.Column("estrategia_id", sa.Integer(), nullable=False),
        sa.Column("meta_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["estrategia_id"], ["estrategia.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meta_id"], ["meta.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("estrategia_id", "meta_id"),
    )
    op.create_table(
        "grupo_trabajo_miembro",
        sa.Column("grupo_trabajo_id", sa.Integer(), nullable=False),
        sa.Column("miembro_mesa_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["grupo_trabajo_id"], ["grupo_trabajo.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["miembro_mesa_id"], ["miembro_mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("grupo_trabajo_id", "miembro_mesa_id"),
    )
    op.create_table(
        "acuerdo_indicador",
        sa.Column("acuerdo_id", sa.Integer(), nullable=False),
        sa.Column("indicador_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["acuerdo_id"], ["acuerdo.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["indicador_id"], ["indicador.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("acuerdo_id", "indicador_id"),
    )
    op.create_table(
        "acuerdo_meta",
        sa.Column("acuerdo_id", sa.Integer(), nullable=False),
        sa.Column("meta_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["acuerdo_id"], ["acuerdo.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meta_id"], ["meta.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("acuerdo_id", "meta_id"),
    )
    op.create_table(
        "punto_agenda",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sesion_id", sa.Integer(), nullable=False),
        sa.Column("orden", sa.Integer(), nullable=False),
        sa.Column("titulo", sa.Text(), nullable=False),
        sa.Column(
            "tipo",
            sa.Enum(
                "tema",
                "seguimiento_acuerdo",
                name="tipo_punto",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("acuerdo_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["acuerdo_id"],
            ["acuerdo.id"],
        ),
        sa.ForeignKeyConstraint(["sesion_id"], ["sesion_mesa.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sesion_id", "orden", name="uq_punto_agenda_orden"),
    )
    op.create_table(
        "seguimiento_acuerdo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("acuerdo_id", sa.Integer(), nullable=False),
        sa.Column("fecha", sa.Date(), nullable=False),
        sa.Column(
            "estado_anterior",
            sa.Enum(
                "pendiente",
                "en_proceso",
                "cumplido",
                "vencido",
                "cancelado",
                name="estado_seguimiento_anterior",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column(
            "estado_nuevo",
            sa.Enum(
                "pendiente",
                "en_proceso",
                "cumplido",
                "vencido",
                "cancelado",
                name="estado_seguimiento_nuevo",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("nota", sa.Text(), nullable=False),
        sa.Column("usuario", sa.String(length=60), nullable=True),
        sa.Column("sesion_id", sa.Integer(), nullable=True),
        sa.Column(
            "registrado_en",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.CheckConstraint("length(trim(nota)) > 0", name="ck_seguimiento_acuerdo_nota"),
        sa.ForeignKeyConstraint(["acuerdo_id"], ["acuerdo.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["sesion_id"],
            ["sesion_mesa.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("seguimiento_acuerdo", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_seguimiento_acuerdo_acuerdo_id"), ["acuerdo_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("seguimiento_acuerdo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seguimiento_acuerdo_acuerdo_id"))

    op.drop_table("seguimiento_acuerdo")
    op.drop_table("punto_agenda")
    op.drop_table("acuerdo_meta")
    op.drop_table("acuerdo_indicador")
    op.drop_table("grupo_trabajo_miembro")
    op.drop_table("estrategia_meta")
    op.drop_table("estrategia_indicador")
    op.drop_table("asistencia")
    with op.batch_alter_table("acuerdo", schema=None) as batch_op:
        batch_op.drop_index("ix_acuerdo_mesa_estado")

    op.drop_table("acuerdo")
    op.drop_table("grupo_trabajo")
    with op.batch_alter_table("estrategia", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_estrategia_mesa_id"))

    op.drop_table("estrategia")
    op.drop_table("cuello_botella_meta")
    op.drop_table("cuello_botella_indicador")
    with op.batch_alter_table("ayuda_memoria", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ayuda_memoria_sesion_id"))

    op.drop_table("ayuda_memoria")
    op.drop_table("actividad_plan")
    with op.batch_alter_table("sesion_mesa", schema=None) as batch_op:
        batch_op.drop_index("ix_sesion_mesa_mesa_fecha")

    op.drop_table("sesion_mesa")
    with op.batch_alter_table("producto", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_producto_mesa_id"))

    op.drop_table("producto")
    op.drop_table("plan_trabajo")
    with op.batch_alter_table("miembro_mesa", schema=None) as batch_op:
        batch_op.drop_index("ix_miembro_mesa_mesa_institucion")

    op.drop_table("miembro_mesa")
    with op.batch_alter_table("equipo_apoyo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_equipo_apoyo_mesa_id"))

    op.drop_table("equipo_apoyo")
    with op.batch_alter_table("cuello_botella", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cuello_botella_mesa_id"))

    op.drop_table("cuello_botella")
    op.drop_table("mesa")
