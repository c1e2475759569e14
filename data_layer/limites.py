"""How long each text field may be, enforced the same way on SQLite and PostgreSQL.

PostgreSQL refuses a text longer than its ``VARCHAR(n)`` with a raw driver error; SQLite stores
it. A ``TEXT`` column has no limit on either. Here every text column has one maximum:

- a ``String(n)`` column admits ``n`` characters (the model says it, nothing is repeated here);
- a ``Text`` column admits what :data:`TOPES_TEXTO` says, or is listed in :data:`SIN_TOPE`
  (texts the system writes itself, such as audit details). A test checks that every ``Text``
  column of the models is in one of the two, so a new one needs a decision.

:func:`revisar_sesion` runs before every flush of every ORM session (:func:`registrar`, called
once by :mod:`data_layer.db`): it checks the texts of each new object, and the changed texts of
each modified one, and raises :class:`~data_layer.errores.CampoDemasiadoLargo` naming the field in
Spanish before anything is sent to the database. The importer writes with Core statements and
checks the same maximums per cell (:func:`tope`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, String, event, inspect
from sqlalchemy.orm import Session

from data_layer.errores import CampoDemasiadoLargo

#: Maximum characters of each ``Text`` column (``tabla.columna``) people write.
TOPES_TEXTO: dict[str, int] = {
    # The MCR (imported).
    "meta.descripcion": 2_000,
    "indicador.nombre": 1_000,
    "indicador.fuente": 1_000,
    "avance.comentario": 2_000,
    # The reporting cycle (forms).
    "avance.explicacion": 2_000,
    "avance.motivo": 2_000,
    "avance.observacion": 2_000,
    "reapertura.motivo": 2_000,
    # The mesas (forms).
    "acuerdo.texto": 2_000,
    "acuerdo.resultado": 2_000,
    "seguimiento_acuerdo.nota": 2_000,
    "ayuda_memoria.desarrollo": 20_000,
    "ayuda_memoria.motivo_correccion": 2_000,
    "sesion_mesa.justificacion_convocatoria": 2_000,
    "sesion_mesa.motivo_cancelacion": 2_000,
    # A topic is capped lower by the convocatoria (reglas.MAX_CARACTERES_PUNTO_AGENDA); a
    # carried-over acuerdo's item also holds its text (2,000), person and due date.
    "punto_agenda.titulo": 3_000,
    "cuello_botella.descripcion": 2_000,
    "estrategia.descripcion": 2_000,
    "actividad_plan.actividad": 1_000,
    "actividad_plan.resultado_esperado": 1_000,
    "plan_trabajo.aprobado_por": 300,
    # Decisions and progress notes (issue #11); a strategy sent again keeps its former text too.
    "decision_plan.nota": 2_000,
    "decision_estrategia.nota": 5_000,
    "nota_actividad.texto": 2_000,
    "grupo_trabajo.tema": 1_000,
    "producto.titulo": 500,
    "documento_producto.nota": 500,
    "miembro_mesa.motivo_baja": 1_000,
    # A minister's response to the Presidency on a red goal (forms).
    "respuesta_ministro.texto": 2_000,
    "respuesta_ministro.acciones": 2_000,
    # Target revision proposals (forms).
    "propuesta_meta.justificacion": 2_000,
    "propuesta_meta.opinion_texto": 2_000,
    "propuesta_meta.decision_nota": 2_000,
    "informe_grupo.nota": 2_000,
    # Withdrawing a published snapshot (issue #14).
    "publicacion.motivo_retiro": 2_000,
}

#: Maximum characters of a reason typed in a form that only the audit record keeps (deleting a
#: draft acuerdo, rescheduling a session): the audit's own column has no maximum.
TOPE_MOTIVO = 2_000

#: ``Text`` columns only the system writes (never typed into a form): no maximum. An audit
#: record must never fail to be written for a change that was itself allowed.
SIN_TOPE: frozenset[str] = frozenset(
    {
        "auditoria.detalle",
        "importacion.resumen",
        # The import job's progress message and dry-run preview (written by the job runner).
        "tarea_importacion.mensaje",
        "tarea_importacion.vista_previa",
        # The outbox: messages SIGPRET composes itself, and the SMTP server's last error.
        # A published snapshot: the JSON document SIGPRET builds from the engine (issue #14).
        "publicacion.contenido",
        "mensaje_correo.para",
        "mensaje_correo.texto",
        "mensaje_correo.html",
        "mensaje_correo.ultimo_error",
        # An in-app notice's body, composed by SIGPRET from the event (data_layer/avisos).
        "aviso.texto",
    }
)

#: Spanish names of the fields, for the messages (``tabla.columna`` → name). A field missing
#: here is named after its column (``persona_responsable`` → «persona responsable»).
NOMBRES: dict[str, str] = {
    "acuerdo.texto": "texto del acuerdo",
    "avance.explicacion": "explicación de la variación",
    "avance.motivo": "motivo de la corrección",
    "avance.observacion": "observación",
    "avance.evidencia_url": "enlace de la evidencia",
    "reapertura.motivo": "motivo de la reapertura",
    "evidencia.nombre_original": "nombre del archivo",
    "acuerdo.persona_responsable": "persona responsable",
    "acuerdo.resultado": "resultado del acuerdo",
    "seguimiento_acuerdo.nota": "nota del seguimiento",
    "seguimiento_acuerdo.evidencia_url": "enlace de la evidencia",
    "respuesta_ministro.texto": "situación de la meta",
    "respuesta_ministro.acciones": "qué se está haciendo",
    "respuesta_ministro.firmante": "quién responde",
    "decision_plan.nota": "nota de la decisión",
    "decision_estrategia.nota": "nota de la decisión",
    "nota_actividad.texto": "nota de avance",
    "ayuda_memoria.desarrollo": "desarrollo de la sesión",
    "ayuda_memoria.motivo_correccion": "motivo de la corrección",
    "sesion_mesa.lugar": "lugar",
    "sesion_mesa.justificacion_convocatoria": "justificación de la convocatoria",
    "sesion_mesa.motivo_cancelacion": "motivo de la cancelación",
    "punto_agenda.titulo": "punto de la agenda",
    "miembro_mesa.nombre": "nombre del miembro",
    "miembro_mesa.cargo": "cargo del miembro",
    "miembro_mesa.correo": "correo del miembro",
    "miembro_mesa.telefono": "teléfono del miembro",
    "miembro_mesa.motivo_baja": "motivo de la baja",
    "mesa.coordinador_politico_nombre": "nombre del coordinador político",
    "mesa.coordinador_politico_cargo": "cargo del coordinador político",
    "mesa.coordinador_tecnico_nombre": "nombre del coordinador técnico",
    "mesa.coordinador_tecnico_cargo": "cargo del coordinador técnico",
    "mesa.analista_diger": "analista de la DIGER",
    "equipo_apoyo.nombre": "nombre del integrante del equipo de apoyo",
    "equipo_apoyo.rol": "rol en el equipo de apoyo",
    "equipo_apoyo.correo": "correo del integrante del equipo de apoyo",
    "grupo_trabajo.nombre": "nombre del grupo de trabajo",
    "grupo_trabajo.tema": "tema del grupo de trabajo",
    "plan_trabajo.aprobado_por": "aprobado por",
    "actividad_plan.actividad": "actividad",
    "actividad_plan.resultado_esperado": "resultado esperado",
    "actividad_plan.responsable": "responsable de la actividad",
    "cuello_botella.descripcion": "descripción del cuello de botella",
    "estrategia.descripcion": "descripción de la estrategia",
    "estrategia.responsable": "responsable de la estrategia",
    "producto.titulo": "título del producto",
    "documento_producto.nota": "nota de la versión",
    "producto.documento_nombre": "nombre del documento",
    "producto.documento_url": "enlace del documento",
    "producto.documento_ruta": "ruta del documento",
    "usuario.usuario": "usuario",
    "usuario.nombre": "nombre del usuario",
    "meta.codigo": "código de la meta",
    "meta.descripcion": "descripción de la meta",
    "indicador.codigo": "código del indicador",
    "indicador.nombre": "nombre del indicador",
    "indicador.unidad": "unidad",
    "indicador.fuente": "fuente",
    "avance.comentario": "comentario del avance",
    "eje.nombre": "nombre del eje",
    "sector.nombre": "nombre del sector",
    "institucion.nombre": "nombre de la institución",
}


def clave(columna: Column[Any]) -> str:
    """``tabla.columna``: how the tables above name a column."""
    return f"{columna.table.name}.{columna.name}"


def tope(columna: Column[Any]) -> int | None:
    """How many characters ``columna`` admits (None: no maximum, or not a text column)."""
    if not isinstance(columna.type, String):
        return None
    if columna.type.length is not None:
        return int(columna.type.length)
    return TOPES_TEXTO.get(clave(columna))


def nombre_campo(columna: Column[Any]) -> str:
    """The field's Spanish name for messages: :data:`NOMBRES`, else its column's words."""
    return NOMBRES.get(clave(columna)) or columna.name.replace("_", " ")


def revisar_valor(columna: Column[Any], valor: Any) -> None:
    """Refuse ``valor`` for ``columna`` when it is a text longer than the column admits.

    Raises:
        CampoDemasiadoLargo: naming the field, its maximum and the text's length.
    """
    if not isinstance(valor, str):
        return
    maximo = tope(columna)
    if maximo is not None and len(valor) > maximo:
        raise CampoDemasiadoLargo(nombre_campo(columna), maximo, len(valor))


def revisar_texto(texto: str, campo: str, maximo: int = TOPE_MOTIVO) -> str:
    """Refuse a typed text that no column checks (it goes only into an audit record).

    Raises:
        CampoDemasiadoLargo: naming the field, its maximum and the text's length.
    """
    if len(texto) > maximo:
        raise CampoDemasiadoLargo(campo, maximo, len(texto))
    return texto


def revisar_objeto(objeto: object, *, solo_cambios: bool) -> None:
    """Check the text columns of one mapped object (every one, or only those changed).

    Raises:
        CampoDemasiadoLargo: for the first text too long, in the model's column order.
    """
    estado = inspect(objeto)
    for atributo in estado.mapper.column_attrs:
        columna = atributo.columns[0]
        if not isinstance(columna, Column) or tope(columna) is None:
            continue
        if solo_cambios and not estado.attrs[atributo.key].history.has_changes():
            continue
        revisar_valor(columna, estado.attrs[atributo.key].loaded_value)


def revisar_sesion(session: Session, _contexto: Any = None, _objetos: Any = None) -> None:
    """``before_flush`` listener: every new object, and the changed texts of every modified one.

    Raises:
        CampoDemasiadoLargo: before the flush sends anything to the database.
    """
    for objeto in session.new:
        revisar_objeto(objeto, solo_cambios=False)
    for objeto in session.dirty:
        revisar_objeto(objeto, solo_cambios=True)


def registrar() -> None:
    """Attach :func:`revisar_sesion` to every ORM session of the process (idempotent)."""
    if not event.contains(Session, "before_flush", revisar_sesion):
        event.listen(Session, "before_flush", revisar_sesion)
