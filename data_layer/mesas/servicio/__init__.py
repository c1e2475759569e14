"""Every write of the MESGEPRET, each with the rules of the guidelines (issue #5 "Rules").

Functions take the caller's ``Session`` and leave the commit to it, so a change and its audit
record (``auth.registrar``, with who and old → new) land in the same transaction. Each takes the
acting user's scope (keyword ``actor``, an :class:`~data_layer.auth.Alcance`) and checks it itself
through :mod:`data_layer.permisos` (forms, the CLI and the demo loader alike; the last two pass
:func:`data_layer.permisos.actor_sistema`); the audit records ``actor.usuario``. Rules about today
("only what already happened") take ``hoy`` (default: today in Honduras). A refused operation raises
:class:`ErrorMesa` with a Spanish message for the person at the keyboard and writes nothing. Forms
and imports both go through here; the only way around these checks is a direct insert, which the
alerts still catch (``exceso_miembros``).

This package is the one place where a reader finds every write rule, one module per part of a
mesa's life: ``comun`` (the refusal, the permission checks, date rules, shared helpers),
``integrantes`` (mesa, designated coordinators and analysts, accredited members), ``apoyo`` (equipo
de apoyo, creating grupos de trabajo), ``grupos`` (a group's members, closing it, its reports on a
session's agenda), ``plan`` (plan de trabajo: drafted, sent, approved or returned),
``estrategias`` (proposed by the mesa, approved by its political coordinator), ``sesiones``
(convocatorias, rescheduling, cancelling), ``ayudas`` (ayudas memoria), ``acuerdos``,
``institucion`` (the responsible institution's report on its acuerdo), ``edicion`` (editing and
deleting draft acuerdos) and ``acciones`` (bottlenecks, products). Writes that check a row's state
before changing it lock the row first, and edits are checked against the version the form loaded
(:class:`ConflictoEdicion`), so two people saving at once never lose a change silently. Callers
import from here: ``from data_layer.mesas import servicio``.
"""

from data_layer.mesas.servicio.acciones import (
    cambiar_estado_cuello,
    registrar_cuello_botella,
    registrar_producto,
)
from data_layer.mesas.servicio.acuerdos import (
    anotar_seguimiento,
    cambiar_estado_acuerdo,
    registrar_acuerdo,
)
from data_layer.mesas.servicio.apoyo import agregar_apoyo, crear_grupo_trabajo, dar_de_baja_apoyo
from data_layer.mesas.servicio.ayudas import (
    corregir_ayuda_memoria,
    distribuir_ayuda_memoria,
    editar_ayuda_memoria,
    registrar_ayuda_memoria,
)
from data_layer.mesas.servicio.comun import ConflictoEdicion, Coordinador, ErrorMesa
from data_layer.mesas.servicio.configurar import configurar_mesa, designaciones
from data_layer.mesas.servicio.edicion import contenido_acuerdo, editar_acuerdo, eliminar_acuerdo
from data_layer.mesas.servicio.estrategias import (
    cambiar_estado_estrategia,
    devolver_estrategia,
    reenviar_estrategia,
    registrar_estrategia,
)
from data_layer.mesas.servicio.grupos import cambiar_miembros_grupo, cerrar_grupo, informar_grupo
from data_layer.mesas.servicio.institucion import informar_acuerdo
from data_layer.mesas.servicio.integrantes import (
    acreditar_miembro,
    actualizar_contacto,
    asignar_analistas,
    crear_mesa,
    dar_de_baja_miembro,
    designar_coordinador,
)
from data_layer.mesas.servicio.plan import (
    agregar_actividad,
    anotar_avance_actividad,
    aprobar_plan,
    cambiar_estado_actividad,
    crear_plan,
    devolver_plan,
    editar_actividad,
    enviar_plan,
    registrar_plan_aprobado,
)
from data_layer.mesas.servicio.sesiones import (
    acuerdos_abiertos,
    cancelar_sesion,
    citacion,
    convocar_sesion,
    reprogramar_sesion,
)

__all__ = [
    "registrar_plan_aprobado",
    "reenviar_estrategia",
    "enviar_plan",
    "editar_actividad",
    "devolver_plan",
    "devolver_estrategia",
    "anotar_avance_actividad",
    "ConflictoEdicion",
    "Coordinador",
    "ErrorMesa",
    "informar_acuerdo",
    "acreditar_miembro",
    "actualizar_contacto",
    "acuerdos_abiertos",
    "agregar_actividad",
    "agregar_apoyo",
    "asignar_analistas",
    "anotar_seguimiento",
    "aprobar_plan",
    "cambiar_estado_actividad",
    "cambiar_miembros_grupo",
    "cambiar_estado_acuerdo",
    "cambiar_estado_cuello",
    "cambiar_estado_estrategia",
    "cancelar_sesion",
    "cerrar_grupo",
    "citacion",
    "configurar_mesa",
    "contenido_acuerdo",
    "convocar_sesion",
    "corregir_ayuda_memoria",
    "crear_grupo_trabajo",
    "crear_mesa",
    "crear_plan",
    "dar_de_baja_apoyo",
    "dar_de_baja_miembro",
    "designaciones",
    "designar_coordinador",
    "distribuir_ayuda_memoria",
    "editar_acuerdo",
    "editar_ayuda_memoria",
    "eliminar_acuerdo",
    "informar_grupo",
    "registrar_acuerdo",
    "registrar_ayuda_memoria",
    "registrar_cuello_botella",
    "registrar_estrategia",
    "registrar_producto",
    "reprogramar_sesion",
]
