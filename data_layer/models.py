"""The MCR as typed SQLAlchemy models (DOMAIN.md §2).

Natural codes (``codigo``, ``sigla``) are unique text and are what users, imports and URLs speak;
integer surrogate keys link the tables.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of every SIGPRET table."""


class Nivel(enum.StrEnum):
    """Level of a goal in the MCR."""

    presidencial = "presidencial"
    sectorial = "sectorial"
    institucional = "institucional"


class Eslabon(enum.StrEnum):
    """Link of the public value chain, in chain order."""

    insumo = "insumo"
    actividad = "actividad"
    producto = "producto"
    resultado = "resultado"
    impacto = "impacto"


class Sentido(enum.StrEnum):
    """Whether higher values are better (ascendente) or lower ones (descendente)."""

    ascendente = "ascendente"
    descendente = "descendente"


class Tipo(enum.StrEnum):
    """How values and targets of successive periods relate."""

    flujo = "flujo"
    acumulado = "acumulado"
    stock = "stock"


class Frecuencia(enum.StrEnum):
    """Reporting frequency of an indicator."""

    trimestral = "trimestral"
    semestral = "semestral"
    anual = "anual"


def columna_enum(cls: type[enum.Enum], name: str, length: int = 20) -> Enum:
    """An enum stored as text with a CHECK constraint: portable across SQLite and PostgreSQL,
    easy to migrate (every enum column of SIGPRET uses it)."""
    return Enum(cls, name=name, native_enum=False, create_constraint=True, length=length)


sector_eje = Table(
    "sector_eje",
    Base.metadata,
    Column("sector_id", ForeignKey("sector.id", ondelete="CASCADE"), primary_key=True),
    Column("eje_id", ForeignKey("eje.id", ondelete="CASCADE"), primary_key=True),
)

indicador_tema = Table(
    "indicador_tema",
    Base.metadata,
    Column("indicador_id", ForeignKey("indicador.id", ondelete="CASCADE"), primary_key=True),
    Column("tema_id", ForeignKey("tema_transversal.id", ondelete="CASCADE"), primary_key=True),
)


class Eje(Base):
    """Strategic axis; a dimension (E2-ECO, E2-SOC) is an eje with a parent."""

    __tablename__ = "eje"

    id: Mapped[int] = mapped_column(primary_key=True)
    codigo: Mapped[str] = mapped_column(String(40), unique=True)
    nombre: Mapped[str] = mapped_column(String(300))
    eje_padre_id: Mapped[int | None] = mapped_column(ForeignKey("eje.id"))

    padre: Mapped[Eje | None] = relationship(remote_side=[id], back_populates="dimensiones")
    dimensiones: Mapped[list[Eje]] = relationship(back_populates="padre")
    sectores: Mapped[list[Sector]] = relationship(secondary=sector_eje, back_populates="ejes")


class Sector(Base):
    """Government sector; each has one MESGEPRET and may belong to several ejes."""

    __tablename__ = "sector"

    id: Mapped[int] = mapped_column(primary_key=True)
    codigo: Mapped[str] = mapped_column(String(40), unique=True)
    nombre: Mapped[str] = mapped_column(String(300))
    institucion_rectora_id: Mapped[int | None] = mapped_column(
        ForeignKey("institucion.id", name="fk_sector_rectora")
    )

    ejes: Mapped[list[Eje]] = relationship(secondary=sector_eje, back_populates="sectores")
    rectora: Mapped[Institucion | None] = relationship(foreign_keys=[institucion_rectora_id])


class InstitucionSector(Base):
    """An institution's participation in a sector's mesa; one of them is its main sector."""

    __tablename__ = "institucion_sector"

    institucion_id: Mapped[int] = mapped_column(
        ForeignKey("institucion.id", ondelete="CASCADE"), primary_key=True
    )
    sector_id: Mapped[int] = mapped_column(
        ForeignKey("sector.id", ondelete="CASCADE"), primary_key=True
    )
    principal: Mapped[bool] = mapped_column(default=False)

    sector: Mapped[Sector] = relationship()


class Institucion(Base):
    """Public institution (secretaría, instituto, empresa pública...)."""

    __tablename__ = "institucion"

    id: Mapped[int] = mapped_column(primary_key=True)
    sigla: Mapped[str] = mapped_column(String(40), unique=True)
    nombre: Mapped[str] = mapped_column(String(300))

    participaciones: Mapped[list[InstitucionSector]] = relationship(cascade="all, delete-orphan")


class TemaTransversal(Base):
    """Transversal theme (Transparencia, Género, Derechos Humanos, ...) used as a tag."""

    __tablename__ = "tema_transversal"

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(String(120), unique=True)


class Meta(Base):
    """A goal at one of the three levels of the MCR."""

    __tablename__ = "meta"
    __table_args__ = (CheckConstraint("peso > 0", name="ck_meta_peso"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codigo: Mapped[str] = mapped_column(String(60), unique=True)
    nivel: Mapped[Nivel] = mapped_column(columna_enum(Nivel, "nivel"))
    descripcion: Mapped[str] = mapped_column(Text)
    eje_id: Mapped[int | None] = mapped_column(ForeignKey("eje.id"))
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sector.id"))
    institucion_id: Mapped[int | None] = mapped_column(ForeignKey("institucion.id"))
    peso: Mapped[float] = mapped_column(Float, default=1.0)

    eje: Mapped[Eje | None] = relationship()
    sector: Mapped[Sector | None] = relationship()
    institucion: Mapped[Institucion | None] = relationship()
    indicadores: Mapped[list[Indicador]] = relationship(back_populates="meta")
    contribuye_a: Mapped[list[Contribucion]] = relationship(
        foreign_keys="Contribucion.meta_id", cascade="all, delete-orphan"
    )


class Contribucion(Base):
    """Weighted link along the value chain: ``meta`` contributes to ``meta_destino``."""

    __tablename__ = "contribucion"
    __table_args__ = (CheckConstraint("peso > 0", name="ck_contribucion_peso"),)

    meta_id: Mapped[int] = mapped_column(
        ForeignKey("meta.id", ondelete="CASCADE"), primary_key=True
    )
    meta_destino_id: Mapped[int] = mapped_column(
        ForeignKey("meta.id", ondelete="CASCADE"), primary_key=True
    )
    peso: Mapped[float] = mapped_column(Float, default=1.0)

    destino: Mapped[Meta] = relationship(foreign_keys=[meta_destino_id])


class Indicador(Base):
    """An indicator of one goal, with its place in the value chain and its computation rules."""

    __tablename__ = "indicador"
    __table_args__ = (CheckConstraint("peso > 0", name="ck_indicador_peso"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codigo: Mapped[str] = mapped_column(String(60), unique=True)
    meta_id: Mapped[int] = mapped_column(ForeignKey("meta.id"), index=True)
    nombre: Mapped[str] = mapped_column(Text)
    eslabon: Mapped[Eslabon] = mapped_column(columna_enum(Eslabon, "eslabon"))
    unidad: Mapped[str] = mapped_column(String(120))
    sentido: Mapped[Sentido] = mapped_column(columna_enum(Sentido, "sentido"))
    tipo: Mapped[Tipo] = mapped_column(columna_enum(Tipo, "tipo"))
    frecuencia: Mapped[Frecuencia] = mapped_column(columna_enum(Frecuencia, "frecuencia"))
    linea_base: Mapped[float | None] = mapped_column(Float)
    anio_base: Mapped[int | None] = mapped_column(Integer)
    fuente: Mapped[str] = mapped_column(Text)
    institucion_responsable_id: Mapped[int] = mapped_column(
        ForeignKey("institucion.id"), index=True
    )
    umbral_verde: Mapped[float | None] = mapped_column(Float)
    umbral_amarillo: Mapped[float | None] = mapped_column(Float)
    peso: Mapped[float] = mapped_column(Float, default=1.0)
    ods_meta: Mapped[str | None] = mapped_column(String(20))
    #: Whether a report of this indicator must carry evidence (a file or an https:// link).
    requiere_evidencia: Mapped[bool] = mapped_column(default=False)

    meta: Mapped[Meta] = relationship(back_populates="indicadores")
    institucion_responsable: Mapped[Institucion] = relationship()
    temas: Mapped[list[TemaTransversal]] = relationship(secondary=indicador_tema)
    programacion: Mapped[list[Programacion]] = relationship(
        back_populates="indicador", cascade="all, delete-orphan"
    )
    avances: Mapped[list[Avance]] = relationship(
        back_populates="indicador", cascade="all, delete-orphan"
    )


class Programacion(Base):
    """Target of one indicator for one period: the original one and the current (revised) one."""

    __tablename__ = "programacion"
    __table_args__ = (UniqueConstraint("indicador_id", "periodo", name="uq_programacion_periodo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicador_id: Mapped[int] = mapped_column(ForeignKey("indicador.id", ondelete="CASCADE"))
    periodo: Mapped[str] = mapped_column(String(10))
    meta_original: Mapped[float] = mapped_column(Float)
    meta: Mapped[float] = mapped_column(Float)

    indicador: Mapped[Indicador] = relationship(back_populates="programacion")
    revisiones: Mapped[list[RevisionProgramacion]] = relationship(
        back_populates="programacion", cascade="all, delete-orphan"
    )


class RevisionProgramacion(Base):
    """History of target revisions: each change of a current target leaves one row."""

    __tablename__ = "revision_programacion"

    id: Mapped[int] = mapped_column(primary_key=True)
    programacion_id: Mapped[int] = mapped_column(ForeignKey("programacion.id", ondelete="CASCADE"))
    meta_anterior: Mapped[float] = mapped_column(Float)
    meta_nueva: Mapped[float] = mapped_column(Float)
    revisado_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    origen: Mapped[str | None] = mapped_column(String(300))
    #: The approved target revision proposal that made this change (None: an import).
    propuesta_id: Mapped[int | None] = mapped_column(
        ForeignKey("propuesta_meta.id", name="fk_revision_programacion_propuesta"), index=True
    )

    programacion: Mapped[Programacion] = relationship(back_populates="revisiones")


class EstadoVersion(enum.StrEnum):
    """State of one version of a reported value (DOMAIN.md §8)."""

    borrador = "borrador"
    enviado = "enviado"
    devuelto = "devuelto"
    validado = "validado"
    reemplazado = "reemplazado"


class OrigenVersion(enum.StrEnum):
    """How a version entered SIGPRET: reported by its institution, loaded by an analyst's import,
    or a correction (solicitud de corrección) of a validated value."""

    reporte = "reporte"
    importacion = "importacion"
    correccion = "correccion"


#: Versions still in the hands of the institution or the analyst (at most one per period).
ESTADOS_ABIERTOS = (EstadoVersion.borrador, EstadoVersion.enviado)


class Avance(Base):
    """One **version** of the value of an indicator for a period (DOMAIN.md §8).

    A value is never overwritten: each report, correction or changed import is a new row
    (``numero`` 1, 2, … per indicator and period). ``borrador → enviado → validado | devuelto``;
    a validated version later replaced by a validated correction becomes ``reemplazado``. Each step
    stamps its own columns (who and when), so the row keeps its whole life. Official figures at a
    cut date use the latest version validated by then; timeliness uses the period's first
    ``recibido_en``. At most one open version (borrador or enviado) and one validated version per
    indicator and period (partial unique indexes).
    """

    __tablename__ = "avance"
    __table_args__ = (
        UniqueConstraint("indicador_id", "periodo", "numero", name="uq_avance_version"),
        Index(
            "ux_avance_abierta",
            "indicador_id",
            "periodo",
            unique=True,
            sqlite_where=text("estado IN ('borrador', 'enviado')"),
            postgresql_where=text("estado IN ('borrador', 'enviado')"),
        ),
        Index(
            "ux_avance_validada",
            "indicador_id",
            "periodo",
            unique=True,
            sqlite_where=text("estado = 'validado'"),
            postgresql_where=text("estado = 'validado'"),
        ),
        Index("ix_avance_estado", "estado"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicador_id: Mapped[int] = mapped_column(ForeignKey("indicador.id", ondelete="CASCADE"))
    periodo: Mapped[str] = mapped_column(String(10))
    numero: Mapped[int] = mapped_column(Integer, default=1)
    estado: Mapped[EstadoVersion] = mapped_column(
        columna_enum(EstadoVersion, "estado_version"), default=EstadoVersion.validado
    )
    origen: Mapped[OrigenVersion] = mapped_column(
        columna_enum(OrigenVersion, "origen_version"), default=OrigenVersion.importacion
    )
    valor: Mapped[float] = mapped_column(Float)
    #: Date of this version's report (Honduras): its ``recibido_en`` day, or the import's date.
    fecha_reporte: Mapped[dt.date | None] = mapped_column(Date)
    comentario: Mapped[str | None] = mapped_column(Text)
    reportado_por: Mapped[str | None] = mapped_column(String(120))
    evidencia_url: Mapped[str | None] = mapped_column(String(500))
    evidencia_id: Mapped[int | None] = mapped_column(ForeignKey("evidencia.id"))
    #: The institution's explanation of a variance (required when a check at entry warns).
    explicacion: Mapped[str | None] = mapped_column(Text)
    #: Reason of a solicitud de corrección.
    motivo: Mapped[str | None] = mapped_column(Text)
    #: The validated version a correction replaces.
    reemplaza_id: Mapped[int | None] = mapped_column(ForeignKey("avance.id"))
    creado_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    creado_por: Mapped[str | None] = mapped_column(String(60))
    #: Stamped by the system when the version is sent (never typed).
    recibido_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    enviado_por: Mapped[str | None] = mapped_column(String(60))
    validado_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    devuelto_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: The analyst who validated or returned it.
    revisado_por: Mapped[str | None] = mapped_column(String(60))
    #: The analyst's observación when returning (required) or validating (optional).
    observacion: Mapped[str | None] = mapped_column(Text)
    reemplazado_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: Optimistic version of a draft: a save made on an older draft is refused.
    bloqueo: Mapped[int] = mapped_column(Integer, default=1)

    indicador: Mapped[Indicador] = relationship(back_populates="avances")
    evidencia: Mapped[Evidencia | None] = relationship()


class Evidencia(Base):
    """An evidence file, stored outside the web root under an unguessable ``clave``.

    The bytes live in the configured evidence folder (a shared volume in production); this row
    holds what the download route needs: whose it is, its checked type and its original name.
    """

    __tablename__ = "evidencia"

    id: Mapped[int] = mapped_column(primary_key=True)
    clave: Mapped[str] = mapped_column(String(64), unique=True)
    nombre_original: Mapped[str] = mapped_column(String(255))
    #: Type checked by content: pdf, xlsx, docx, csv, png, jpeg.
    tipo: Mapped[str] = mapped_column(String(10))
    tamano: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    institucion_id: Mapped[int] = mapped_column(ForeignKey("institucion.id"), index=True)
    subido_por: Mapped[str] = mapped_column(String(60))
    subido_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    institucion: Mapped[Institucion] = relationship()


class Reapertura(Base):
    """An analyst's reopening of a closed period for one institution's first reports.

    A period closes for first reports ``cierre_dias`` after its deadline; a reapertura lets the
    institution report it again until ``vence_en`` (inclusive, Honduras date).
    """

    __tablename__ = "reapertura"

    id: Mapped[int] = mapped_column(primary_key=True)
    institucion_id: Mapped[int] = mapped_column(ForeignKey("institucion.id"), index=True)
    periodo: Mapped[str] = mapped_column(String(10))
    motivo: Mapped[str] = mapped_column(Text)
    vence_en: Mapped[dt.date] = mapped_column(Date)
    creada_por: Mapped[str] = mapped_column(String(60))
    creada_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    institucion: Mapped[Institucion] = relationship()


class Importacion(Base):
    """One import that changed the database; its id is the data version used for cache keys."""

    __tablename__ = "importacion"

    id: Mapped[int] = mapped_column(primary_key=True)
    realizada_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    origen: Mapped[str] = mapped_column(String(500))
    huella: Mapped[str] = mapped_column(String(64))
    es_demo: Mapped[bool] = mapped_column(default=False)
    resumen: Mapped[str] = mapped_column(Text)


class Rol(enum.StrEnum):
    """What a user may see and change (issue #4's table)."""

    presidencia = "presidencia"
    ministro = "ministro"
    coordinador_mesa = "coordinador_mesa"
    upgret = "upgret"
    analista = "analista"
    admin = "admin"


usuario_sector = Table(
    "usuario_sector",
    Base.metadata,
    Column("usuario_id", ForeignKey("usuario.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sector.id", ondelete="CASCADE"), primary_key=True),
)

usuario_institucion = Table(
    "usuario_institucion",
    Base.metadata,
    Column("usuario_id", ForeignKey("usuario.id", ondelete="CASCADE"), primary_key=True),
    Column("institucion_id", ForeignKey("institucion.id", ondelete="CASCADE"), primary_key=True),
)


class Usuario(Base):
    """A person who logs in; their role and scope (sectors or institutions) decide what they see."""

    __tablename__ = "usuario"

    id: Mapped[int] = mapped_column(primary_key=True)
    usuario: Mapped[str] = mapped_column(String(60), unique=True)
    nombre: Mapped[str] = mapped_column(String(200), default="")
    rol: Mapped[Rol] = mapped_column(columna_enum(Rol, "rol"))
    clave_hash: Mapped[str] = mapped_column(String(255))
    activo: Mapped[bool] = mapped_column(default=True)
    es_demo: Mapped[bool] = mapped_column(default=False)
    creado_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    clave_cambiada_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: Lower case, unique; None until the user or an admin sets it (issue #13).
    correo: Mapped[str | None] = mapped_column(String(254), unique=True)
    #: Which e-mails the user gets; never below what the role requires
    #: (:func:`data_layer.permisos.correos_obligatorios`).
    recibe_resumen: Mapped[bool] = mapped_column(default=True, server_default=true())
    recibe_recordatorios: Mapped[bool] = mapped_column(default=True, server_default=true())
    #: Set by an admin's reset (a temporary password): the login sends the user to /clave.
    debe_cambiar_clave: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: What a form loaded: a write made against an older version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    sectores: Mapped[list[Sector]] = relationship(secondary=usuario_sector)
    instituciones: Mapped[list[Institucion]] = relationship(secondary=usuario_institucion)


class Sesion(Base):
    """A server-side login session: the cookie holds only a random token whose hash is stored here.

    Ending a session (logout, user disabled, password changed) is deleting or closing its row, which
    takes effect on the very next request of every worker.
    """

    __tablename__ = "sesion"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    usuario_id: Mapped[int] = mapped_column(
        ForeignKey("usuario.id", ondelete="CASCADE"), index=True
    )
    creada_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ultima_actividad: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    cerrada_en: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    direccion: Mapped[str | None] = mapped_column(String(64))

    usuario: Mapped[Usuario] = relationship()


class IntentoLogin(Base):
    """One login attempt (history, kept 30 days: see :mod:`data_layer.purga`; the throttle itself
    is :class:`FrenoLogin`)."""

    __tablename__ = "intento_login"

    id: Mapped[int] = mapped_column(primary_key=True)
    usuario: Mapped[str] = mapped_column(String(60), index=True)
    direccion: Mapped[str] = mapped_column(String(64), index=True)
    momento: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    exito: Mapped[bool] = mapped_column(default=False)


class FrenoLogin(Base):
    """Consecutive failed passwords of one user name from one address: the progressive delay.

    One row per pair, claimed with a single conditional UPDATE before the password is checked,
    so parallel attempts cannot get more checks than allowed (see :mod:`data_layer.freno`).
    """

    __tablename__ = "freno_login"

    usuario: Mapped[str] = mapped_column(String(60), primary_key=True)
    direccion: Mapped[str] = mapped_column(String(64), primary_key=True)
    fallos: Mapped[int] = mapped_column(default=0)
    espera_hasta: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ultimo_fallo: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class Auditoria(Base):
    """Append-only audit trail: who did what, when, and the old → new values (database-enforced)."""

    __tablename__ = "auditoria"

    id: Mapped[int] = mapped_column(primary_key=True)
    momento: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    usuario: Mapped[str | None] = mapped_column(String(60), index=True)
    accion: Mapped[str] = mapped_column(String(60), index=True)
    entidad: Mapped[str | None] = mapped_column(String(200))
    detalle: Mapped[str | None] = mapped_column(Text)
    direccion: Mapped[str | None] = mapped_column(String(64))


class VersionDatos(Base):
    """A counter per kind of data (``mesas``…), moved by every transaction that changes that data.

    Caches key on it. The increment is an UPDATE of one row, so on PostgreSQL it also orders the
    writers: a reader that sees value *v* sees every transaction that took a value up to *v*
    (which ``max(auditoria.id)`` did not guarantee: ids are taken before commit, not in commit
    order). See :mod:`data_layer.versiones`.
    """

    __tablename__ = "version_datos"

    clave: Mapped[str] = mapped_column(String(30), primary_key=True)
    valor: Mapped[int] = mapped_column(Integer, default=0)


class TareaImportacion(Base):
    """One MCR workbook uploaded from the web: its dry run, then (maybe) its application.

    The row is the job's state, so that any worker or host can report its progress; the file's
    bytes stay in a server folder under the random ``token`` (see
    :mod:`data_layer.importer.web`). ``etapa`` moves ``pendiente → leyendo → validando →
    comparando → lista`` (or ``con_errores``), then ``aplicando → aplicada`` (or ``rechazada``);
    any step may end in ``fallida``.
    """

    __tablename__ = "tarea_importacion"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    usuario: Mapped[str] = mapped_column(String(60), index=True)
    archivo: Mapped[str] = mapped_column(String(255))
    huella: Mapped[str] = mapped_column(String(64))
    tamano: Mapped[int] = mapped_column(Integer)
    etapa: Mapped[str] = mapped_column(String(20))
    progreso: Mapped[int] = mapped_column(Integer, default=0)
    mensaje: Mapped[str | None] = mapped_column(Text)
    #: The data version (:func:`data_layer.queries.data_version`) the dry run compared against.
    version_datos: Mapped[int | None] = mapped_column(Integer)
    #: The dry run as JSON (:mod:`data_layer.importer.vista_previa`).
    vista_previa: Mapped[str | None] = mapped_column(Text)
    importacion_id: Mapped[int | None] = mapped_column(Integer)
    creada_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actualizada_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class RespuestaMinistro(Base):
    """A minister's response to the Presidency on a red goal of their sector (issue #11, item 7).

    Versioned: a new response supersedes the goal's previous one (``reemplaza_id``) and never
    overwrites it; the current response is the one no other supersedes. Each response says which
    evaluated period it answers (the goal was red in it), what is happening, what is being done,
    by when a change is expected and who answers.
    """

    __tablename__ = "respuesta_ministro"
    __table_args__ = (
        # A response is superseded at most once: two ministers answering at the same moment over
        # the same previous response cannot both succeed (the history stays a line).
        UniqueConstraint("reemplaza_id", name="uq_respuesta_ministro_reemplaza"),
        CheckConstraint("length(trim(texto)) > 0", name="ck_respuesta_ministro_texto"),
        CheckConstraint("length(trim(acciones)) > 0", name="ck_respuesta_ministro_acciones"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meta_id: Mapped[int] = mapped_column(ForeignKey("meta.id", ondelete="CASCADE"), index=True)
    #: The evaluated period the response answers (the goal was red in it), e.g. ``2026-T1``.
    periodo: Mapped[str] = mapped_column(String(10))
    #: What is happening: why the goal is red.
    texto: Mapped[str] = mapped_column(Text)
    #: What is being done about it.
    acciones: Mapped[str] = mapped_column(Text)
    #: By when the minister expects the goal to improve.
    fecha_esperada: Mapped[dt.date | None] = mapped_column(Date)
    #: Who answers (full name and cargo as signed) and the login that recorded it.
    firmante: Mapped[str] = mapped_column(String(200))
    usuario: Mapped[str] = mapped_column(String(60))
    registrada_en: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    reemplaza_id: Mapped[int | None] = mapped_column(ForeignKey("respuesta_ministro.id"))

    meta: Mapped[Meta] = relationship()


from data_layer.avisos import models as _avisos_models  # noqa: E402, F401
from data_layer.mesas import models as _mesas_models  # noqa: E402, F401
from data_layer.publicacion import models as _publicacion_models  # noqa: E402, F401
from data_layer.revisiones import models as _revisiones_models  # noqa: E402, F401
