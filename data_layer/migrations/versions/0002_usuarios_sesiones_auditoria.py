"""Users with roles and scopes, server-side sessions, login attempts, append-only audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 00:24:24.038257
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The audit log is append-only: the database itself refuses to change or delete a row.
_SQLITE_TRIGGERS = (
    "CREATE TRIGGER auditoria_sin_modificar BEFORE UPDATE ON auditoria "
    "BEGIN SELECT RAISE(ABORT, 'La auditoría es de solo inserción'); END",
    "CREATE TRIGGER auditoria_sin_borrar BEFORE DELETE ON auditoria "
    "BEGIN SELECT RAISE(ABORT, 'La auditoría es de solo inserción'); END",
)
_PG_TRIGGER = (
    "CREATE FUNCTION auditoria_solo_insercion() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'La auditoría es de solo inserción'; END $$",
    "CREATE TRIGGER auditoria_sin_cambios BEFORE UPDATE OR DELETE ON auditoria "
    "FOR EACH ROW EXECUTE FUNCTION auditoria_solo_insercion()",
)


def _append_only() -> None:
    sentencias = _SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else _PG_TRIGGER
    for sentencia in sentencias:
        op.execute(sentencia)


def upgrade() -> None:
    op.create_table(
        "auditoria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("momento", sa.DateTime(timezone=True), nullable=False),
        sa.Column("usuario", sa.String(length=60), nullable=True),
        sa.Column("accion", sa.String(length=60), nullable=False),
        sa.Column("entidad", sa.String(length=200), nullable=True),
        sa.Column("detalle", sa.Text(), nullable=True),
        sa.Column("direccion", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("auditoria", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auditoria_accion"), ["accion"], unique=False)
        batch_op.create_index(batch_op.f("ix_auditoria_momento"), ["momento"], unique=False)
        batch_op.create_index(batch_op.f("ix_auditoria_usuario"), ["usuario"], unique=False)

    op.create_table(
        "intento_login",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("usuario", sa.String(length=60), nullable=False),
        sa.Column("direccion", sa.String(length=64), nullable=False),
        sa.Column("momento", sa.DateTime(timezone=True), nullable=False),
        sa.Column("exito", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("intento_login", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intento_login_direccion"), ["direccion"], unique=False)
        batch_op.create_index(batch_op.f("ix_intento_login_momento"), ["momento"], unique=False)
        batch_op.create_index(batch_op.f("ix_intento_login_usuario"), ["usuario"], unique=False)

    op.create_table(
        "usuario",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("usuario", sa.String(length=60), nullable=False),
        sa.Column("nombre", sa.String(length=200), nullable=False),
        sa.Column(
            "rol",
            sa.Enum(
                "presidencia",
                "ministro",
                "coordinador_mesa",
                "upgret",
                "analista",
                "admin",
                name="rol",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("clave_hash", sa.String(length=255), nullable=False),
        sa.Column("activo", sa.Boolean(), nullable=False),
        sa.Column("es_demo", sa.Boolean(), nullable=False),
        sa.Column(
            "creado_en",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("clave_cambiada_en", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("usuario"),
    )
    op.create_table(
        "sesion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("creada_en", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ultima_actividad", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cerrada_en", sa.DateTime(timezone=True), nullable=True),
        sa.Column("direccion", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuario.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("sesion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sesion_usuario_id"), ["usuario_id"], unique=False)

    op.create_table(
        "usuario_institucion",
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("institucion_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["institucion_id"], ["institucion.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuario.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("usuario_id", "institucion_id"),
    )
    op.create_table(
        "usuario_sector",
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["sector_id"], ["sector.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuario.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("usuario_id", "sector_id"),
    )

    _append_only()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS auditoria_sin_modificar")
        op.execute("DROP TRIGGER IF EXISTS auditoria_sin_borrar")
    else:
        op.execute("DROP TRIGGER IF EXISTS auditoria_sin_cambios ON auditoria")
        op.execute("DROP FUNCTION IF EXISTS auditoria_solo_insercion()")
    op.drop_table("usuario_sector")
    op.drop_table("usuario_institucion")
    with op.batch_alter_table("sesion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sesion_usuario_id"))

    op.drop_table("sesion")
    op.drop_table("usuario")
    with op.batch_alter_table("intento_login", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intento_login_usuario"))
        batch_op.drop_index(batch_op.f("ix_intento_login_momento"))
        batch_op.drop_index(batch_op.f("ix_intento_login_direccion"))

    op.drop_table("intento_login")
    with op.batch_alter_table("auditoria", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditoria_usuario"))
        batch_op.drop_index(batch_op.f("ix_auditoria_momento"))
        batch_op.drop_index(batch_op.f("ix_auditoria_accion"))

    op.drop_table("auditoria")
