"""The MESGEPRET as typed SQLAlchemy models (DOMAIN.md §5, issue #5 "Data").

One mesa per sector, with its two levels and coordinators, accredited members, equipo de apoyo,
grupos de trabajo, plan de trabajo, sessions with agenda and ayudas memoria (attendance belongs to
the ayuda memoria: the minutes are what records who was there), acuerdos with their status history,
cuellos de botella, estrategias and productos. Acuerdos, cuellos de botella and estrategias link to
the metas and indicadores they address.

Dates of the mesa's life (accreditation, convocatoria, distribution, due dates) are calendar dates;
a session's ``fecha_hora`` is Honduras local time without a zone, as people write it on a
convocatoria. Rules that need more than one row live in :mod:`data_layer.mesas.servicio`; the ones
a database can hold on its own (sequence numbers, required notes) are constraints here too.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data_layer.models import (
    Base,
    Evidencia,
    Indicador,
    Institucion,
    Meta,
    Sector,
    Usuario,
    columna_enum,
)


class NivelMesa(enum.StrEnum):
    """The two levels of a mesa: político (top authorities) and técnico-operativo."""

    politico = "politico"
    tecnico = "tecnico"


class EstadoPlan(enum.StrEnum):
    """A plan de trabajo is drafted by the technical level, sent to the political coordinator,
    and approved or returned with a note (a returned plan is edited and sent again)."""

    borrador = "borrador"
    enviado = "enviado"
    aprobado = "aprobado"
    devuelto = "devuelto"


class AccionPlan(enum.StrEnum):
    """A step of a plan's approval, kept in its history (:class:`DecisionPlan`)."""

    enviado = "enviado"
    aprobado = "aprobado"
    devuelto = "devuelto"


class EstadoActividad(enum.StrEnum):
    """Status of an activity of the plan de trabajo."""

    pendiente = "pendiente"
    en_proceso = "en_proceso"
    completada = "completada"
    cancelada = "cancelada"


class EstadoSesion(enum.StrEnum):
    """A session is convocada until its ayuda memoria is recorded (realizada) or it is cancelled."""

    convocada = "convocada"
    realizada = "realizada"
    cancelada = "cancelada"


class TipoPunto(enum.StrEnum):
    """An agenda item is a topic, or the follow-up of an open acuerdo carried over."""

    tema = "tema"
    seguimiento_acuerdo = "seguimiento_acuerdo"


class EstadoAcuerdo(enum.StrEnum):
    """Status of an acuerdo; ``vencido`` is derived from the due date at read time."""

    pendiente = "pendiente"
    en_proceso = "en_proceso"
    cumplido = "cumplido"
    vencido = "vencido"
    cancelado = "cancelado"


class AmbitoCuello(enum.StrEnum):
    """Whether a bottleneck limits the sector as a whole or one institution."""

    sectorial = "sectorial"
    institucional = "institucional"


class EstadoCuello(enum.StrEnum):
    """A bottleneck stays abierto until the mesa considers it overcome."""

    abierto = "abierto"
    superado = "superado"


class EstadoEstrategia(enum.StrEnum):
    """Life of a strategy / course of action: proposed, approved by the political level, run."""

    propuesta = "propuesta"
    aprobada = "aprobada"
    en_ejecucion = "en_ejecucion"
    concluida = "concluida"
    descartada = "descartada"


class TipoProducto(enum.StrEnum):
    """The products the guidelines ask of every mesa."""

    diagnostico_sectorial = "diagnostico_sectorial"
    marco_resultados = "marco_resultados"
    programacion = "programacion"
    cuellos_botella = "cuellos_botella"
    estrategias = "estrategias"
    mecanismos_informacion = "mecanismos_informacion"
    informe_avance = "informe_avance"


def _enlace(nombre: str, origen: str, destino: str) -> Table:
    """A many-to-many link table ``origen`` ↔ ``destino`` (both deleted in cascade)."""
    return Table(
        nombre,
        Base.metadata,
        Column(f"{origen}_id", ForeignKey(f"{origen}.id", ondelete="CASCADE"), primary_key=True),
        Column(f"{destino}_id", ForeignKey(f"{destino}.id", ondelete="CASCADE"), primary_key=True),
    )


acuerdo_meta = _enlace("acuerdo_meta", "acuerdo", "meta")
acuerdo_indicador = _enlace("acuerdo_indicador", "acuerdo", "indicador")
cuello_botella_meta = _enlace("cuello_botella_meta", "cuello_botella", "meta")
cuello_botella_indicador = _enlace("cuello_botella_indicador", "cuello_botella", "indicador")
estrategia_meta = _enlace("estrategia_meta", "estrategia", "meta")
estrategia_indicador = _enlace("estrategia_indicador", "estrategia", "indicador")
grupo_trabajo_miembro = _enlace("grupo_trabajo_miembro", "grupo_trabajo", "miembro_mesa")
mesa_analista = _enlace("mesa_analista", "mesa", "usuario")


class Mesa(Base):
    """The MESGEPRET of one sector, with the coordinators of its two levels.

    The political coordinator is the minister the Presidency designates; the technical-operative
    one the high official the sector's authorities designate.
    """

    __tablename__ = "mesa"

    id: Mapped[int] = mapped_column(primary_key=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"), unique=True)
    coordinador_politico_nombre: Mapped[str] = mapped_column(String(200))
    coordinador_politico_cargo: Mapped[str] = mapped_column(String(200))
    coordinador_politico_institucion_id: Mapped[int] = mapped_column(ForeignKey("institucion.id"))
    coordinador_tecnico_nombre: Mapped[str] = mapped_column(String(200))
    coordinador_tecnico_cargo: Mapped[str] = mapped_column(String(200))
    coordinador_tecnico_institucion_id: Mapped[int] = mapped_column(ForeignKey("institucion.id"))
    analista_diger: Mapped[str | None] = mapped_column(String(200))
    #: The designated users (issue #11): the political coordinator approves the mesa's plan and
    #: strategies; the technical coordinator writes in the mesa. Null while only a name is known.
    coordinador_politico_usuario_id: Mapped[int | None] = mapped_column(
        ForeignKey("usuario.id"), index=True
    )
    coordinador_tecnico_usuario_id: Mapped[int | None] = mapped_column(
        ForeignKey("usuario.id"), index=True
    )
    instalada_en: Mapped[dt.date | None] = mapped_column(Date)
    creada_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    sector: Mapped[Sector] = relationship()
    coordinador_politico_usuario: Mapped[Usuario | None] = relationship(
        foreign_keys=[coordinador_politico_usuario_id]
    )
    coordinador_tecnico_usuario: Mapped[Usuario | None] = relationship(
        foreign_keys=[coordinador_tecnico_usuario_id]
    )
    #: The DIGER analysts assigned to the mesa: with its coordinators, the only analysts who
    #: write in it.
    analistas: Mapped[list[Usuario]] = relationship(
        secondary=mesa_analista, order_by=Usuario.usuario
    )
    institucion_politico: Mapped[Institucion] = relationship(
        foreign_keys=[coordinador_politico_institucion_id]
    )
    institucion_tecnico: Mapped[Institucion] = relationship(
        foreign_keys=[coordinador_tecnico_institucion_id]
    )
    miembros: Mapped[list[MiembroMesa]] = relationship(back_populates="mesa")


class MiembroMesa(Base):
    """An accredited member: who an institution formally sends to the mesa, at which level.

    At most 3 active technical members per institution, the UPGRET director included (checked by
    ``servicio.acreditar_miembro``; rows loaded otherwise are caught by ``exceso_miembros``).
    """

    __tablename__ = "miembro_mesa"
    __table_args__ = (
        CheckConstraint(
            "(activo AND baja_en IS NULL) OR (NOT activo AND baja_en IS NOT NULL)",
            name="ck_miembro_mesa_baja",
        ),
        CheckConstraint(
            "NOT es_director_upgret OR nivel = 'tecnico'", name="ck_miembro_mesa_director"
        ),
        Index("ix_miembro_mesa_mesa_institucion", "mesa_id", "institucion_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"))
    institucion_id: Mapped[int] = mapped_column(ForeignKey("institucion.id"))
    nombre: Mapped[str] = mapped_column(String(200))
    cargo: Mapped[str] = mapped_column(String(200))
    correo: Mapped[str | None] = mapped_column(String(200))
    telefono: Mapped[str | None] = mapped_column(String(60))
    nivel: Mapped[NivelMesa] = mapped_column(columna_enum(NivelMesa, "nivel_miembro", 30))
    es_director_upgret: Mapped[bool] = mapped_column(Boolean, default=False)
    acreditado_en: Mapped[dt.date] = mapped_column(Date)
    activo: Mapped[bool] = mapped_column(Boolean, default=True)
    baja_en: Mapped[dt.date | None] = mapped_column(Date)
    motivo_baja: Mapped[str | None] = mapped_column(Text)

    mesa: Mapped[Mesa] = relationship(back_populates="miembros")
    institucion: Mapped[Institucion] = relationship()


class EquipoApoyo(Base):
    """A member of the mesa's support team (information, notes of agreements, logistics)."""

    __tablename__ = "equipo_apoyo"

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"), index=True)
    nombre: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(200))
    institucion_id: Mapped[int | None] = mapped_column(ForeignKey("institucion.id"))
    correo: Mapped[str | None] = mapped_column(String(200))
    activo: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The institution's UPGRET account of the person, when they have one (issue #11).
    usuario_id: Mapped[int | None] = mapped_column(ForeignKey("usuario.id"))
    #: When the person left the team (the row stays: the history is kept).
    baja_en: Mapped[dt.date | None] = mapped_column(Date)

    institucion: Mapped[Institucion | None] = relationship()
    usuario: Mapped[Usuario | None] = relationship()


class GrupoTrabajo(Base):
    """A working sub-group on a specific topic; it reports back to its mesa."""

    __tablename__ = "grupo_trabajo"
    __table_args__ = (UniqueConstraint("mesa_id", "nombre", name="uq_grupo_trabajo_nombre"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"))
    nombre: Mapped[str] = mapped_column(String(200))
    tema: Mapped[str] = mapped_column(Text)
    coordinador_id: Mapped[int | None] = mapped_column(ForeignKey("miembro_mesa.id"))
    creado_en: Mapped[dt.date] = mapped_column(Date)
    activo: Mapped[bool] = mapped_column(Boolean, default=True)
    #: When the mesa closed the group (issue #11; its reports and members stay).
    cerrado_en: Mapped[dt.date | None] = mapped_column(Date)

    mesa: Mapped[Mesa] = relationship()
    coordinador: Mapped[MiembroMesa | None] = relationship()
    miembros: Mapped[list[MiembroMesa]] = relationship(secondary=grupo_trabajo_miembro)


class InformeGrupo(Base):
    """A grupo de trabajo's report back to its mesa: a note on an agenda item of a session.

    The agenda item (a ``tema`` titled «Informe del grupo de trabajo …» with the note) is what the
    convocatoria and the ayuda memoria print; this row ties it to its group.
    """

    __tablename__ = "informe_grupo"

    id: Mapped[int] = mapped_column(primary_key=True)
    grupo_id: Mapped[int] = mapped_column(
        ForeignKey("grupo_trabajo.id", ondelete="CASCADE"), index=True
    )
    sesion_id: Mapped[int] = mapped_column(ForeignKey("sesion_mesa.id", ondelete="CASCADE"))
    punto_agenda_id: Mapped[int] = mapped_column(
        ForeignKey("punto_agenda.id", ondelete="CASCADE"), unique=True
    )
    nota: Mapped[str] = mapped_column(Text)
    registrado_por: Mapped[str | None] = mapped_column(String(60))

    grupo: Mapped[GrupoTrabajo] = relationship()
    sesion: Mapped[SesionMesa] = relationship()


class PlanTrabajo(Base):
    """The mesa's plan de trabajo for one year, approved by its top authorities."""

    __tablename__ = "plan_trabajo"
    __table_args__ = (
        UniqueConstraint("mesa_id", "anio", name="uq_plan_trabajo_anio"),
        CheckConstraint(
            "estado <> 'aprobado' OR (aprobado_en IS NOT NULL AND aprobado_por IS NOT NULL)",
            name="ck_plan_trabajo_aprobacion",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"))
    anio: Mapped[int] = mapped_column(Integer)
    estado: Mapped[EstadoPlan] = mapped_column(columna_enum(EstadoPlan, "estado_plan", 30))
    aprobado_en: Mapped[dt.date | None] = mapped_column(Date)
    aprobado_por: Mapped[str | None] = mapped_column(Text)
    #: Who sent it to the political coordinator, and when (None while a first draft).
    enviado_en: Mapped[dt.date | None] = mapped_column(Date)
    enviado_por: Mapped[str | None] = mapped_column(String(60))
    #: Counts its saved changes: a decision or edit made on an older version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    mesa: Mapped[Mesa] = relationship()
    actividades: Mapped[list[ActividadPlan]] = relationship(
        back_populates="plan", order_by="ActividadPlan.orden"
    )
    decisiones: Mapped[list[DecisionPlan]] = relationship(
        back_populates="plan", order_by="DecisionPlan.id"
    )


class DecisionPlan(Base):
    """One step of a plan's approval (sent, approved, returned): who, when, with which note.

    Never updated: the history of a plan is the list of its decisions.
    """

    __tablename__ = "decision_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plan_trabajo.id", ondelete="CASCADE"), index=True
    )
    accion: Mapped[AccionPlan] = mapped_column(columna_enum(AccionPlan, "accion_plan", 30))
    usuario: Mapped[str] = mapped_column(String(60))
    fecha: Mapped[dt.date] = mapped_column(Date)
    nota: Mapped[str | None] = mapped_column(Text)
    registrado_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    plan: Mapped[PlanTrabajo] = relationship(back_populates="decisiones")


class ActividadPlan(Base):
    """One activity of a plan de trabajo: expected result, who is responsible, when, status."""

    __tablename__ = "actividad_plan"
    __table_args__ = (
        UniqueConstraint("plan_id", "orden", name="uq_actividad_plan_orden"),
        CheckConstraint("fecha_fin >= fecha_inicio", name="ck_actividad_plan_fechas"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan_trabajo.id", ondelete="CASCADE"))
    orden: Mapped[int] = mapped_column(Integer)
    actividad: Mapped[str] = mapped_column(Text)
    resultado_esperado: Mapped[str] = mapped_column(Text)
    #: Who is responsible, as shown (the person, or free text of activities loaded before
    #: issue #11); new activities name an institution and a person too.
    responsable: Mapped[str] = mapped_column(String(200))
    institucion_responsable_id: Mapped[int | None] = mapped_column(ForeignKey("institucion.id"))
    persona_responsable: Mapped[str | None] = mapped_column(String(200))
    fecha_inicio: Mapped[dt.date] = mapped_column(Date)
    fecha_fin: Mapped[dt.date] = mapped_column(Date)
    estado: Mapped[EstadoActividad] = mapped_column(
        columna_enum(EstadoActividad, "estado_actividad", 30)
    )
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[PlanTrabajo] = relationship(back_populates="actividades")
    institucion_responsable: Mapped[Institucion | None] = relationship()
    notas: Mapped[list[NotaActividad]] = relationship(
        back_populates="actividad", order_by="NotaActividad.id"
    )


class NotaActividad(Base):
    """A progress note of an activity (date, author, text): appended, never overwritten."""

    __tablename__ = "nota_actividad"
    __table_args__ = (CheckConstraint("length(trim(texto)) > 0", name="ck_nota_actividad_texto"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actividad_id: Mapped[int] = mapped_column(
        ForeignKey("actividad_plan.id", ondelete="CASCADE"), index=True
    )
    fecha: Mapped[dt.date] = mapped_column(Date)
    usuario: Mapped[str] = mapped_column(String(60))
    texto: Mapped[str] = mapped_column(Text)
    registrado_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    actividad: Mapped[ActividadPlan] = relationship(back_populates="notas")


class SesionMesa(Base):
    """A session of a mesa (not a login session) and its convocatoria.

    The convocatoria must go out at least 5 days ahead with an agenda; fewer days are accepted only
    with ``justificacion_convocatoria`` (and raise ``convocatoria_tardia``).
    """

    __tablename__ = "sesion_mesa"
    __table_args__ = (Index("ix_sesion_mesa_mesa_fecha", "mesa_id", "fecha_hora"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"))
    nivel: Mapped[NivelMesa] = mapped_column(columna_enum(NivelMesa, "nivel_sesion", 30))
    fecha_hora: Mapped[dt.datetime] = mapped_column(DateTime)
    lugar: Mapped[str] = mapped_column(String(300))
    convocatoria_enviada_en: Mapped[dt.date] = mapped_column(Date)
    justificacion_convocatoria: Mapped[str | None] = mapped_column(Text)
    convocada_por: Mapped[str | None] = mapped_column(String(60))
    estado: Mapped[EstadoSesion] = mapped_column(columna_enum(EstadoSesion, "estado_sesion", 30))
    motivo_cancelacion: Mapped[str | None] = mapped_column(Text)

    mesa: Mapped[Mesa] = relationship()
    agenda: Mapped[list[PuntoAgenda]] = relationship(
        back_populates="sesion", order_by="PuntoAgenda.orden"
    )


class PuntoAgenda(Base):
    """An agenda item, in order; a follow-up item references the acuerdo carried over."""

    __tablename__ = "punto_agenda"
    __table_args__ = (UniqueConstraint("sesion_id", "orden", name="uq_punto_agenda_orden"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sesion_id: Mapped[int] = mapped_column(ForeignKey("sesion_mesa.id", ondelete="CASCADE"))
    orden: Mapped[int] = mapped_column(Integer)
    titulo: Mapped[str] = mapped_column(Text)
    tipo: Mapped[TipoPunto] = mapped_column(columna_enum(TipoPunto, "tipo_punto", 30))
    acuerdo_id: Mapped[int | None] = mapped_column(ForeignKey("acuerdo.id"))

    sesion: Mapped[SesionMesa] = relationship(back_populates="agenda")


class AyudaMemoria(Base):
    """The minutes of a session, numbered in sequence per mesa (acta 1, 2, 3…).

    Once distributed it is final. A correction is a new ayuda memoria (next number) that points to
    the corrected one through ``corrige_a_id``; each can be corrected at most once, so the current
    version of a session's minutes is the one no other corrects.

    ``version`` counts the saved edits of the draft: a form sends the version it loaded and an edit
    of a later version is refused (nobody overwrites a colleague's paragraph unknowingly).
    ``contenido_distribuido`` is what the distributed document printed that moves afterwards
    (attendance names and cargos, acuerdos with their status at the distribution date, follow-up
    notes), frozen when it is distributed (:func:`data_layer.mesas.contenido.congelar`).
    """

    __tablename__ = "ayuda_memoria"
    __table_args__ = (
        # Two writers racing for the same number: the second insert fails and retries.
        UniqueConstraint("mesa_id", "numero", name="uq_ayuda_memoria_numero"),
        UniqueConstraint("corrige_a_id", name="uq_ayuda_memoria_corrige_a"),
        CheckConstraint("numero > 0", name="ck_ayuda_memoria_numero"),
        CheckConstraint(
            "corrige_a_id IS NULL OR motivo_correccion IS NOT NULL",
            name="ck_ayuda_memoria_motivo",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"))
    sesion_id: Mapped[int] = mapped_column(ForeignKey("sesion_mesa.id"), index=True)
    numero: Mapped[int] = mapped_column(Integer)
    elaborada_en: Mapped[dt.date] = mapped_column(Date)
    desarrollo: Mapped[str] = mapped_column(Text)
    distribuida_en: Mapped[dt.date | None] = mapped_column(Date)
    corrige_a_id: Mapped[int | None] = mapped_column(ForeignKey("ayuda_memoria.id"))
    motivo_correccion: Mapped[str | None] = mapped_column(Text)
    registrada_por: Mapped[str | None] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    contenido_distribuido: Mapped[dict | None] = mapped_column(JSON)

    sesion: Mapped[SesionMesa] = relationship()
    asistencia: Mapped[list[Asistencia]] = relationship(
        back_populates="ayuda_memoria", cascade="all, delete-orphan"
    )


class Asistencia(Base):
    """Whether an accredited member was present at the session an ayuda memoria records."""

    __tablename__ = "asistencia"

    ayuda_memoria_id: Mapped[int] = mapped_column(
        ForeignKey("ayuda_memoria.id", ondelete="CASCADE"), primary_key=True
    )
    miembro_id: Mapped[int] = mapped_column(ForeignKey("miembro_mesa.id"), primary_key=True)
    presente: Mapped[bool] = mapped_column(Boolean)

    ayuda_memoria: Mapped[AyudaMemoria] = relationship(back_populates="asistencia")
    miembro: Mapped[MiembroMesa] = relationship()


class Acuerdo(Base):
    """An agreement of a session: who is responsible, by when, its status and what it addresses.

    ``estado`` is what users set; whether it is overdue is computed at read time from a cut date
    (``reglas.estado_vigente``). ``version`` counts its saved changes (edits while its minutes are
    a draft, status changes): an edit made on an older version is refused.
    """

    __tablename__ = "acuerdo"
    __table_args__ = (Index("ix_acuerdo_mesa_estado", "mesa_id", "estado"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"))
    sesion_id: Mapped[int] = mapped_column(ForeignKey("sesion_mesa.id"))
    ayuda_memoria_id: Mapped[int | None] = mapped_column(ForeignKey("ayuda_memoria.id"))
    texto: Mapped[str] = mapped_column(Text)
    institucion_responsable_id: Mapped[int] = mapped_column(ForeignKey("institucion.id"))
    persona_responsable: Mapped[str] = mapped_column(String(200))
    fecha_limite: Mapped[dt.date] = mapped_column(Date)
    estado: Mapped[EstadoAcuerdo] = mapped_column(columna_enum(EstadoAcuerdo, "estado_acuerdo", 30))
    resultado: Mapped[str | None] = mapped_column(Text)
    creado_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    mesa: Mapped[Mesa] = relationship()
    sesion: Mapped[SesionMesa] = relationship()
    institucion_responsable: Mapped[Institucion] = relationship()
    metas: Mapped[list[Meta]] = relationship(secondary=acuerdo_meta)
    indicadores: Mapped[list[Indicador]] = relationship(secondary=acuerdo_indicador)
    seguimientos: Mapped[list[SeguimientoAcuerdo]] = relationship(
        back_populates="acuerdo", order_by="SeguimientoAcuerdo.id"
    )


class SeguimientoAcuerdo(Base):
    """A follow-up of an acuerdo: a note, and the status before and after (equal: note only)."""

    __tablename__ = "seguimiento_acuerdo"
    __table_args__ = (
        CheckConstraint("length(trim(nota)) > 0", name="ck_seguimiento_acuerdo_nota"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    acuerdo_id: Mapped[int] = mapped_column(
        ForeignKey("acuerdo.id", ondelete="CASCADE"), index=True
    )
    fecha: Mapped[dt.date] = mapped_column(Date)
    estado_anterior: Mapped[EstadoAcuerdo] = mapped_column(
        columna_enum(EstadoAcuerdo, "estado_seguimiento_anterior", 30)
    )
    estado_nuevo: Mapped[EstadoAcuerdo] = mapped_column(
        columna_enum(EstadoAcuerdo, "estado_seguimiento_nuevo", 30)
    )
    nota: Mapped[str] = mapped_column(Text)
    usuario: Mapped[str | None] = mapped_column(String(60))
    sesion_id: Mapped[int | None] = mapped_column(ForeignKey("sesion_mesa.id"))
    registrado_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    #: Evidence of the follow-up (the responsible institution's report): an uploaded file of
    #: that institution, or an ``https://`` link.
    evidencia_id: Mapped[int | None] = mapped_column(ForeignKey("evidencia.id"))
    evidencia_url: Mapped[str | None] = mapped_column(String(500))

    acuerdo: Mapped[Acuerdo] = relationship(back_populates="seguimientos")
    evidencia: Mapped[Evidencia | None] = relationship()


class CuelloBotella(Base):
    """A bottleneck or constraint that may keep the sector or an institution from its goals."""

    __tablename__ = "cuello_botella"

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"), index=True)
    descripcion: Mapped[str] = mapped_column(Text)
    ambito: Mapped[AmbitoCuello] = mapped_column(columna_enum(AmbitoCuello, "ambito_cuello", 30))
    institucion_id: Mapped[int | None] = mapped_column(ForeignKey("institucion.id"))
    identificado_en: Mapped[dt.date] = mapped_column(Date)
    estado: Mapped[EstadoCuello] = mapped_column(columna_enum(EstadoCuello, "estado_cuello", 30))

    institucion: Mapped[Institucion | None] = relationship()
    metas: Mapped[list[Meta]] = relationship(secondary=cuello_botella_meta)
    indicadores: Mapped[list[Indicador]] = relationship(secondary=cuello_botella_indicador)


class Estrategia(Base):
    """A strategy / course of action to overcome a bottleneck and move the goals it addresses."""

    __tablename__ = "estrategia"
    __table_args__ = (
        CheckConstraint(
            "fecha_fin IS NULL OR fecha_inicio IS NULL OR fecha_fin >= fecha_inicio",
            name="ck_estrategia_fechas",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"), index=True)
    descripcion: Mapped[str] = mapped_column(Text)
    cuello_botella_id: Mapped[int | None] = mapped_column(ForeignKey("cuello_botella.id"))
    responsable: Mapped[str] = mapped_column(String(200))
    institucion_id: Mapped[int | None] = mapped_column(ForeignKey("institucion.id"))
    fecha_inicio: Mapped[dt.date | None] = mapped_column(Date)
    fecha_fin: Mapped[dt.date | None] = mapped_column(Date)
    estado: Mapped[EstadoEstrategia] = mapped_column(
        columna_enum(EstadoEstrategia, "estado_estrategia", 30)
    )
    #: Who proposed it and when (None for strategies loaded before issue #11): the proposer never
    #: approves it.
    propuesta_por: Mapped[str | None] = mapped_column(String(60))
    propuesta_en: Mapped[dt.date | None] = mapped_column(Date)
    #: Set when the political coordinator returns the proposal with a note; cleared when the
    #: mesa sends it again (a returned proposal waits for the mesa, not for the coordinator).
    devuelta_en: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    mesa: Mapped[Mesa] = relationship()
    cuello_botella: Mapped[CuelloBotella | None] = relationship()
    institucion: Mapped[Institucion | None] = relationship()
    metas: Mapped[list[Meta]] = relationship(secondary=estrategia_meta)
    indicadores: Mapped[list[Indicador]] = relationship(secondary=estrategia_indicador)
    decisiones: Mapped[list[DecisionEstrategia]] = relationship(
        back_populates="estrategia", order_by="DecisionEstrategia.id"
    )


class DecisionEstrategia(Base):
    """One change of a strategy's status (approval, return, start, conclusion, discarding): who,
    when, old → new and the note. Never updated."""

    __tablename__ = "decision_estrategia"

    id: Mapped[int] = mapped_column(primary_key=True)
    estrategia_id: Mapped[int] = mapped_column(
        ForeignKey("estrategia.id", ondelete="CASCADE"), index=True
    )
    estado_anterior: Mapped[EstadoEstrategia] = mapped_column(
        columna_enum(EstadoEstrategia, "estado_decision_anterior", 30)
    )
    estado_nuevo: Mapped[EstadoEstrategia] = mapped_column(
        columna_enum(EstadoEstrategia, "estado_decision_nuevo", 30)
    )
    #: What was done: the new status, or ``devuelta`` / ``reenviada`` (status unchanged).
    accion: Mapped[str] = mapped_column(String(30))
    usuario: Mapped[str] = mapped_column(String(60))
    fecha: Mapped[dt.date] = mapped_column(Date)
    nota: Mapped[str | None] = mapped_column(Text)
    registrado_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    estrategia: Mapped[Estrategia] = relationship(back_populates="decisiones")


class Producto(Base):
    """A product the mesa delivers (diagnóstico, marco de resultados…) and its document."""

    __tablename__ = "producto"
    __table_args__ = (
        Index("ix_producto_mesa_anio", "mesa_id", "anio"),
        CheckConstraint(
            "documento_nombre IS NULL OR documento_url IS NOT NULL OR documento_ruta IS NOT NULL",
            name="ck_producto_documento",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"), index=True)
    tipo: Mapped[TipoProducto] = mapped_column(columna_enum(TipoProducto, "tipo_producto", 30))
    titulo: Mapped[str] = mapped_column(Text)
    entregado_en: Mapped[dt.date | None] = mapped_column(Date)
    documento_nombre: Mapped[str | None] = mapped_column(String(300))
    documento_url: Mapped[str | None] = mapped_column(String(1000))
    documento_ruta: Mapped[str | None] = mapped_column(String(1000))
    #: The year the product belongs to (a mesa delivers each product once a year); None only
    #: for rows written before products had a year.
    anio: Mapped[int | None] = mapped_column(Integer)
    #: Saved changes (each uploaded document): an upload made on an older version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    documentos: Mapped[list[DocumentoProducto]] = relationship(
        back_populates="producto", order_by="DocumentoProducto.numero"
    )


class DocumentoProducto(Base):
    """One version of a product's document: an uploaded file (or a generated informe de avance).

    Never overwritten: a new upload is a new row with the next ``numero``; the latest is the
    current one. The bytes live in the evidence folder's ``productos`` subfolder under ``clave``
    (:mod:`data_layer.evidencias.almacen`), never under the name the user gave. ``periodo`` is the
    quarter of a generated informe de avance.
    """

    __tablename__ = "documento_producto"
    __table_args__ = (
        UniqueConstraint("producto_id", "numero", name="uq_documento_producto_numero"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    producto_id: Mapped[int] = mapped_column(
        ForeignKey("producto.id", ondelete="CASCADE"), index=True
    )
    numero: Mapped[int] = mapped_column(Integer)
    clave: Mapped[str] = mapped_column(String(64), unique=True)
    nombre_original: Mapped[str] = mapped_column(String(255))
    #: Type checked by content: pdf, xlsx, docx.
    tipo: Mapped[str] = mapped_column(String(10))
    tamano: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    periodo: Mapped[str | None] = mapped_column(String(10))
    nota: Mapped[str | None] = mapped_column(Text)
    generado: Mapped[bool] = mapped_column(Boolean, default=False)
    subido_por: Mapped[str] = mapped_column(String(60))
    subido_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    producto: Mapped[Producto] = relationship(back_populates="documentos")


# Every flush that writes these tables moves the mesa data version (cache keys); the forms'
# submission tokens are written with the mesa writes (same metadata, same migrations).
from data_layer import envios as _envios  # noqa: E402, F401
from data_layer import versiones as _versiones  # noqa: E402, F401
from data_layer.correo import modelos as _correo  # noqa: E402, F401
