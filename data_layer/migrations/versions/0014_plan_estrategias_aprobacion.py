"""The political level approves what the technical level proposes (issue #11, items 2 and 3).

- ``plan_trabajo``: states ``enviado`` and ``devuelto``; who sent it and when; ``version``.
- ``decision_plan``: the history of a plan's approval (sent, approved, returned, with notes).
- ``actividad_plan``: responsible institution and person; ``version``.
- ``nota_actividad``: progress notes of an activity (appended, never overwritten).
- ``estrategia``: who proposed it and when, when it was returned; ``version``.
- ``decision_estrategia``: the history of a strategy's status, with notes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ESTADOS_PLAN = "estado IN ('borrador', 'enviado', 'aprobado', 'devuelto')"
_ESTADOS_PLAN_ANTES = "estado IN ('borrador', 'aprobado')"
_ESTRATEGIA = ("propuesta", "aprobada", "en_ejecucion", "concluida", "descartada")


def _estado_estrategia(nombre: str) -> sa.Enum:
    return sa.Enum(*_ESTRATEGIA, name=nombre, native_enum=False, create_constraint=True, length=30)


def upgrade() -> None:
    with op.batch_alter_table("plan_trabajo") as tabla:
        tabla.drop_constraint("estado_plan", type_="check")
        tabla.create_check_constraint("estado_plan", _ESTADOS_PLAN)
        tabla.add_column(sa.Column("enviado_en", sa.Date(), nullable=True))
        tabla.add_column(sa.Column("enviado_por", sa.String(length=60), nullable=True))
        tabla.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.create_table(
        "decision_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column(
            "accion",
            sa.Enum(
                "enviado",
                "aprobado",
                "devuelto",
                name="accion_plan",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("usuario", sa.String(length=60), nullable=False),
        sa.Column("fecha", sa.Date(), nullable=False),
        sa.Column("nota", sa.Text(), nullable=True),
        sa.Column(
            "registrado_en",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["plan_id"], ["plan_trabajo.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_decision_plan_plan_id", "decision_plan", ["plan_id"])

    with op.batch_alter_table("actividad_plan") as tabla:
        tabla.add_column(sa.Column("institucion_responsable_id", sa.Integer(), nullable=True))
        tabla.add_column(sa.Column("persona_responsable", sa.String(length=200), nullable=True))
        tabla.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        tabla.create_foreign_key(
            "fk_actividad_plan_institucion_responsable",
            "institucion",
            ["institucion_responsable_id"],
            ["id"],
        )
    op.create_table(
        "nota_actividad",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actividad_id", sa.Integer(), nullable=False),
        sa.Column("fecha", sa.Date(), nullable=False),
        sa.Column("usuario", sa.String(length=60), nullable=False),
        sa.Column("texto", sa.Text(), nullable=False),
        sa.Column(
            "registrado_en",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.CheckConstraint("length(trim(texto)) > 0", name="ck_nota_actividad_texto"),
        sa.ForeignKeyConstraint(["actividad_id"], ["actividad_plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_nota_actividad_actividad_id", "nota_actividad", ["actividad_id"])

    with op.batch_alter_table("estrategia") as tabla:
        tabla.add_column(sa.Column("propuesta_por", sa.String(length=60), nullable=True))
        tabla.add_column(sa.Column("propuesta_en", sa.Date(), nullable=True))
        tabla.add_column(sa.Column("devuelta_en", sa.Date(), nullable=True))
        tabla.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.create_table(
        "decision_estrategia",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("estrategia_id", sa.Integer(), nullable=False),
        sa.Column(
            "estado_anterior", _estado_estrategia("estado_decision_anterior"), nullable=False
        ),
        sa.Column("estado_nuevo", _estado_estrategia("estado_decision_nuevo"), nullable=False),
        sa.Column("accion", sa.String(length=30), nullable=False),
        sa.Column("usuario", sa.String(length=60), nullable=False),
        sa.Column("fecha", sa.Date(), nullable=False),
        sa.Column("nota", sa.Text(), nullable=True),
        sa.Column(
            "registrado_en",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["estrategia_id"], ["estrategia.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_decision_estrategia_estrategia_id", "decision_estrategia", ["estrategia_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_decision_estrategia_estrategia_id", table_name="decision_estrategia")
    op.drop_table("decision_estrategia")
    with op.batch_alter_table("estrategia") as tabla:
        for columna in ("version", "devuelta_en", "propuesta_en", "propuesta_por"):
            tabla.drop_column(columna)
    op.drop_index("ix_nota_actividad_actividad_id", table_name="nota_actividad")
    op.drop_table("nota_actividad")
    with op.batch_alter_table("actividad_plan") as tabla:
        tabla.drop_constraint("fk_actividad_plan_institucion_responsable", type_="foreignkey")
        for columna in ("version", "persona_responsable", "institucion_responsable_id"):
            tabla.drop_column(columna)
    op.drop_index("ix_decision_plan_plan_id", table_name="decision_plan")
    op.drop_table("decision_plan")
    # Plans sent or returned go back to draft: the older schema knows no other state.
    op.execute(
        "UPDATE plan_trabajo SET estado = 'borrador' WHERE estado IN ('enviado', 'devuelto')"
    )
    with op.batch_alter_table("plan_trabajo") as tabla:
        for columna in ("version", "enviado_por", "enviado_en"):
            tabla.drop_column(columna)
        tabla.drop_constraint("estado_plan", type_="check")
        tabla.create_check_constraint("estado_plan", _ESTADOS_PLAN_ANTES)
