"""Who may see and change what (issue #9): every permission rule, as pure functions of a scope.

A scope is the :class:`~data_layer.auth.Alcance` of the acting user (name, role, sectors,
institutions). Pages, callbacks, downloads, the CLI and the write services all ask these functions,
so a rule is decided once and no path can bypass it. Each rule lives in one function:

- roles that see the whole MCR in detail .................. :func:`ve_todo`
- a goal seen in detail, with all its indicators ........... :func:`meta_en_detalle`
- an indicator seen because the user's institution reports . :func:`indicador_por_responsable`
- goals reached upward from visible ones ................... :func:`ve_metas_superiores`
- goals, indicators and institutions of a whole MCR ........ :mod:`data_layer.vistas.alcance`
  (the three rules above applied to every row at once; pages look codes up in that cut MCR)
- an institution's yearly evaluation ....................... :func:`puede_ver_evaluacion`
- a mesa: in detail, in figures only, or not at all ........ :func:`acceso_mesa`
- a mesa in detail (its sessions, acuerdos, minutes) ....... :func:`puede_ver_mesa`
- a mesa's downloads (convocatoria, minutes, acuerdos) ..... :func:`puede_descargar`
- writing in a mesa (every service of ``mesas.servicio``) .. :func:`puede_escribir_mesa`
- creating a mesa, designating its coordinators ............ :func:`puede_administrar_mesas`
- who may be designated: political / technical coordinator,
  assigned analyst ......................................... :func:`puede_designar_politico`,
  :func:`puede_designar_tecnico`, :func:`puede_asignarse_a_mesa`
- who may be in a mesa's equipo de apoyo with their account
  (a UPGRET user of the chosen institution) ................ :func:`puede_integrar_apoyo`
- approving a mesa's plan de trabajo and strategies ........ :func:`puede_aprobar_en_mesa`
- uploading a product's document, generating an informe de avance
  ........................................................ :func:`puede_subir_producto`,
  :func:`puede_generar_informe_avance`
- downloading a product's document ......................... :func:`puede_descargar_producto`
- the presidential briefing PDF ............................
  :func:`puede_generar_informe_presidencial`
- deciding on one proposal (never one's own) ............... :func:`puede_decidir_propuesta`
- who moves a strategy from one status to another .......... :func:`quien_cambia_estrategia`,
  :func:`puede_cambiar_estrategia`
- recording a plan approved, or a strategy decided, outside
  SIGPRET (history of a mesa with no designated coordinator) :func:`puede_registrar_historial`
- the proposals that wait for a user's decision ............ :func:`espera_decision_de`
- goals/indicators an acuerdo, bottleneck, strategy links .. :func:`vinculos_rechazados`
  (the codes of the mesa's own sector: ``mesas.registros.codigos_vinculables``)
- reporting an institution's values (drafts, sends, corrections) :func:`puede_reportar`
- validating, returning, reopening (DIGER) ................. :func:`puede_validar`
- the outbox and local mailbox (/correo), retrying a message :func:`puede_administrar_correo`
- seeing a draft value ..................................... :func:`puede_ver_borrador`
- «Mis reportes»: whose reports a user sees, and writing there :func:`instituciones_mis_reportes`,
  :func:`escribe_mis_reportes`
- the data-quality page (reporting rates) and its sectors .. :func:`puede_ver_calidad`,
  :func:`sectores_calidad`
- an institution's own reporting rates ..................... :func:`puede_ver_calidad_institucion`
- compliance by institution (missing, late, returned reports):
  whose reports a user sees in the ranking ................. :func:`sectores_cumplimiento`,
  :func:`instituciones_cumplimiento`
- uploading an evidence file for an institution ............ :func:`puede_subir_evidencia`
- opening (downloading) an evidence file ................... :func:`puede_ver_evidencia`
- purging unattached evidence files ........................ :func:`puede_purgar_evidencias`
- the audit log ............................................ :func:`puede_ver_auditoria`
- updating an acuerdo (the mesa, or its responsible institution) :func:`puede_actualizar_acuerdo`,
  :func:`estados_acuerdo_permitidos`
- «Mis acuerdos»: a UPGRET's acuerdos and its mesas' documents :func:`ve_mis_acuerdos`
- a convocatoria or ayuda memoria download (the mesa, or an
  institution taking part: sent documents only) ............ :func:`puede_descargar_documento`
- a minister's response to the Presidency on a red goal .... :func:`puede_responder_meta`
- importing the MCR workbook from the web (preview, apply) . :func:`puede_importar`
- publishing and withdrawing the portal's snapshots ........ :func:`puede_publicar`
- the actor of the CLI and the demo loader ................. :func:`actor_sistema`
- proposing a target revision of an indicator .............. :func:`puede_proponer_revision`
- the methodological opinion on a target revision .......... :func:`puede_opinar_revision`
- deciding (approve, return, reject) a target revision ..... :func:`puede_decidir_revision`
- which home a user lands on (``/inicio``) ................. :func:`tipo_inicio`
- reading and marking an in-app notice (only one's own) .... :func:`puede_ver_aviso`
- the sectors their home, the navbar's alert badge and its
  «Alertas» link focus on ................................... :func:`sectores_en_foco`
- managing users from the web (create, disable, reset) ..... :func:`puede_administrar_usuarios`
- a user's e-mail and preferences (the user, or an admin) .. :func:`puede_editar_preferencias`
- the e-mails a role may not switch off .................... :func:`correos_obligatorios`

Every function fails closed: a role it does not know gets nothing.
"""

from __future__ import annotations

import getpass
from collections.abc import Collection, Iterable
from typing import Literal

from data_layer.auth import Alcance
from data_layer.models import Rol

#: Roles that see the whole MCR, every mesa and every document in detail.
ROLES_VEN_TODO = frozenset({Rol.presidencia, Rol.ministro, Rol.analista, Rol.admin})
#: Roles that create mesas, designate their coordinators and assign their analysts (DIGER's
#: analysts and technical support); an analyst then writes only in the mesas assigned to them.
ROLES_ADMINISTRAN_MESAS = frozenset({Rol.analista, Rol.admin})
#: Roles that read the audit log.
ROLES_AUDITORIA = frozenset({Rol.admin, Rol.analista})
#: Roles that import the MCR workbook from the web (DIGER's analysts and the administrators).
ROLES_IMPORTAN = frozenset({Rol.analista, Rol.admin})

#: What a user may see of a mesa.
Acceso = Literal["detalle", "resumen", "ninguno"]
#: The kinds of home page (``/inicio``), one per kind of work.
TipoInicio = Literal["politico", "mesa", "institucion", "analista", "admin"]

#: The refusal of a write in a mesa (services, forms and pages say the same).
SIN_PERMISO_MESA = (
    "Solo los coordinadores de esta mesa, los analistas de la DIGER asignados a ella y los "
    "administradores pueden registrar información en ella."
)
#: The refusal of creating a mesa or designating its coordinators.
SIN_PERMISO_ADMINISTRAR = (
    "Solo los analistas de la DIGER y los administradores pueden crear mesas y designar a sus "
    "coordinadores."
)


# --- the MCR: goals, indicators, institutions ---------------------------------------------------


def ve_todo(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` sees the whole MCR in detail (presidencia, ministro, analista, admin)."""
    return alcance is not None and alcance.rol in ROLES_VEN_TODO


def meta_en_detalle(
    alcance: Alcance | None, *, nivel: str | None, sector: str | None, institucion: str | None
) -> bool:
    """Whether ``alcance`` sees a goal in detail, with every indicator of it.

    - whole-MCR roles: every goal;
    - ``coordinador_mesa``: the goals of their sectors, and every presidential goal (the national
      summary);
    - ``upgret``: the goals of their institutions;
    - anyone else: none.

    Args:
        alcance: the user's scope (None: nobody logged in).
        nivel: the goal's level (``presidencial``, ``sectorial``, ``institucional``).
        sector: the goal's sector code, if any.
        institucion: the goal's institution sigla, if any.
    """
    if alcance is None:
        return False
    if ve_todo(alcance):
        return True
    if alcance.rol is Rol.coordinador_mesa:
        return nivel == "presidencial" or (sector is not None and sector in alcance.sectores)
    if alcance.rol is Rol.upgret:
        return institucion is not None and institucion in alcance.instituciones
    return False


def indicador_por_responsable(alcance: Alcance | None, institucion_responsable: str | None) -> bool:
    """Whether ``alcance`` sees an indicator because their institution reports it.

    A ``upgret`` user sees the indicators their institutions are responsible for, even of goals
    of other institutions (and those goals, without their other indicators).
    """
    if alcance is None or institucion_responsable is None:
        return False
    if ve_todo(alcance):
        return True
    return alcance.rol is Rol.upgret and institucion_responsable in alcance.instituciones


def ve_metas_superiores(alcance: Alcance | None) -> bool:
    """Whether the goals that visible goals contribute to (upward, institutional → sectoral →
    presidential) are visible too, without their other indicators: for every role that sees any
    goal, so a user always sees what their work feeds."""
    return alcance is not None and alcance.rol in ROLES_VEN_TODO | {
        Rol.coordinador_mesa,
        Rol.upgret,
    }


def puede_ver_evaluacion(
    alcance: Alcance | None, metas: Iterable[tuple[str | None, str | None, str | None]]
) -> bool:
    """Whether ``alcance`` may see an institution's yearly evaluation (DIGER's banding).

    The evaluation averages the institution's institutional goals, so it is shown only to users
    who see every one of those goals in detail: a coordinator sees the evaluation of an
    institution working only in their sectors, never that of an institution of another sector.

    Args:
        alcance: the user's scope.
        metas: ``(nivel, sector, institucion)`` of each goal the evaluation averages.
    """
    if alcance is None:
        return False
    return all(meta_en_detalle(alcance, nivel=n, sector=s, institucion=i) for n, s, i in metas)


# --- mesas ------------------------------------------------------------------------------------


def acceso_mesa(
    alcance: Alcance | None, sector: str, instituciones: Collection[str] = ()
) -> Acceso:
    """What ``alcance`` may see of the mesa of ``sector``.

    - whole-MCR roles: ``detalle`` of every mesa;
    - ``coordinador_mesa``: ``detalle`` of their sectors' mesas, ``resumen`` (figures) of others;
    - ``upgret``: ``resumen`` of the mesas where their institution participates (coordinates
      or is accredited), nothing of the others;
    - anyone else: ``ninguno``.

    Args:
        alcance: the user's scope (None: nobody logged in).
        sector: the mesa's sector code.
        instituciones: siglas of the institutions that take part in the mesa.
    """
    if alcance is None:
        return "ninguno"
    if ve_todo(alcance):
        return "detalle"
    if alcance.rol is Rol.coordinador_mesa:
        return "detalle" if sector in alcance.sectores else "resumen"
    if alcance.rol is Rol.upgret:
        return "resumen" if alcance.instituciones & set(instituciones) else "ninguno"
    return "ninguno"


def puede_ver_mesa(alcance: Alcance | None, sector: str) -> bool:
    """Whether ``alcance`` sees the mesa of ``sector`` in detail: its members, sessions, minutes,
    acuerdos, bottlenecks and strategies (a session or an acuerdo is seen with its mesa)."""
    return acceso_mesa(alcance, sector) == "detalle"


def puede_descargar(alcance: Alcance | None, sector: str) -> bool:
    """Whether ``alcance`` may download the mesa's convocatorias, ayudas memoria and acuerdos
    workbook: exactly who sees the mesa in detail."""
    return puede_ver_mesa(alcance, sector)


def puede_escribir_mesa(alcance: Alcance | None, sector: str) -> bool:
    """Whether ``alcance`` may write in the mesa of ``sector`` (members, plan, sessions, minutes,
    acuerdos, bottlenecks, strategies, products): only the mesa's own coordinators (a
    ``coordinador_mesa`` of that sector: designated technical coordinator or given the sector),
    its assigned DIGER analysts (``alcance.mesas``) and admin.

    Ministers and ``presidencia`` see every mesa but do not write in them (the political
    coordinator decides: :func:`puede_aprobar_en_mesa`); ``upgret`` users neither.
    """
    if alcance is None:
        return False
    if alcance.rol is Rol.admin:
        return True
    if alcance.rol is Rol.analista:
        return sector in alcance.mesas
    return alcance.rol is Rol.coordinador_mesa and sector in alcance.sectores


def puede_aprobar_en_mesa(alcance: Alcance | None, coordinador_politico: str | None) -> bool:
    """Whether ``alcance`` approves or returns what a mesa proposes (its plan de trabajo, its
    strategies): only the mesa's designated political coordinator, a ``ministro`` user
    (``coordinador_politico`` is that user's name, None while none is designated)."""
    return (
        alcance is not None
        and alcance.rol is Rol.ministro
        and coordinador_politico is not None
        and alcance.usuario == coordinador_politico
    )


#: The refusal of a decision (approve, return) by someone who is not the mesa's designated
#: political coordinator.
SIN_PERMISO_APROBAR = (
    "Solo el coordinador político designado de esta mesa (un ministro) aprueba o devuelve lo que "
    "la mesa propone."
)
#: The refusal of a decision on one's own proposal.
PROPUESTA_PROPIA = "Nadie aprueba ni devuelve su propia propuesta."
#: The refusal of a record of history (an approval given outside SIGPRET) by anyone else.
SIN_PERMISO_HISTORIAL = (
    "Solo un administrador registra aprobaciones dadas fuera de SIGPRET, y solo en mesas sin "
    "coordinador político designado: en las demás decide el coordinador político en SIGPRET."
)

#: Who moves a strategy from one status to another: ``politico`` (the designated political
#: coordinator: :func:`puede_decidir_propuesta`) or ``mesa`` (who writes in the mesa:
#: :func:`puede_escribir_mesa`). A pair that is not here is not a transition.
TRANSICIONES_ESTRATEGIA: dict[tuple[str, str], Literal["politico", "mesa"]] = {
    ("propuesta", "aprobada"): "politico",
    ("aprobada", "en_ejecucion"): "mesa",
    ("en_ejecucion", "concluida"): "mesa",
    ("propuesta", "descartada"): "mesa",
    ("aprobada", "descartada"): "mesa",
    ("en_ejecucion", "descartada"): "mesa",
}


def puede_decidir_propuesta(
    alcance: Alcance | None, coordinador_politico: str | None, propuesto_por: str | None
) -> bool:
    """Whether ``alcance`` approves or returns one proposal of a mesa (a plan sent, a strategy
    proposed): the designated political coordinator (:func:`puede_aprobar_en_mesa`), unless they
    proposed it themselves (``propuesto_por``: the user who sent it)."""
    return (
        puede_aprobar_en_mesa(alcance, coordinador_politico)
        and alcance is not None
        and alcance.usuario != propuesto_por
    )


def quien_cambia_estrategia(anterior: str, nuevo: str) -> Literal["politico", "mesa"] | None:
    """Who moves a strategy from ``anterior`` to ``nuevo`` (:data:`TRANSICIONES_ESTRATEGIA`);
    None when it is not a transition of a strategy's life."""
    return TRANSICIONES_ESTRATEGIA.get((anterior, nuevo))


def puede_cambiar_estrategia(
    alcance: Alcance | None,
    sector: str,
    coordinador_politico: str | None,
    propuesto_por: str | None,
    anterior: str,
    nuevo: str,
) -> bool:
    """Whether ``alcance`` moves a strategy of the mesa of ``sector`` from ``anterior`` to
    ``nuevo``: approving is the political coordinator's (never on their own proposal); starting,
    concluding and discarding are the mesa's (who writes in it). Anything else: nobody."""
    quien = quien_cambia_estrategia(anterior, nuevo)
    if quien == "politico":
        return puede_decidir_propuesta(alcance, coordinador_politico, propuesto_por)
    if quien == "mesa":
        return puede_escribir_mesa(alcance, sector)
    return False


def puede_registrar_historial(alcance: Alcance | None, coordinador_politico: str | None) -> bool:
    """Whether ``alcance`` records what a mesa's authorities decided outside SIGPRET (a plan
    approved on paper, a strategy already approved or under way): only ``admin`` (the demo
    loader and the CLI, :func:`actor_sistema`), and only for a mesa with no designated political
    coordinator. Where one is designated, they decide in SIGPRET."""
    return alcance is not None and alcance.rol is Rol.admin and coordinador_politico is None


def espera_decision_de(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may have proposals waiting for their decision («Pendientes de mi
    decisión»): ministers (their mesas' plans and strategies, their sectors' target revisions)
    and ``presidencia`` (presidential indicators' target revisions)."""
    return alcance is not None and alcance.rol in {Rol.ministro, Rol.presidencia}


def puede_designar_politico(alcance_designado: Alcance, sector: str) -> bool:
    """Whether a user may be designated political coordinator of the mesa of ``sector``: a
    ``ministro`` of that sector."""
    return alcance_designado.rol is Rol.ministro and sector in alcance_designado.sectores


def puede_designar_tecnico(alcance_designado: Alcance) -> bool:
    """Whether a user may be designated technical coordinator of a mesa: a ``coordinador_mesa``
    (the designation gives them the mesa's sector)."""
    return alcance_designado.rol is Rol.coordinador_mesa


def puede_asignarse_a_mesa(alcance_designado: Alcance) -> bool:
    """Whether a user may be assigned to a mesa as its DIGER analyst: an ``analista``."""
    return alcance_designado.rol is Rol.analista


def puede_integrar_apoyo(alcance_designado: Alcance, institucion: str | None) -> bool:
    """Whether a user's account may be attached to a person of a mesa's equipo de apoyo for
    ``institucion``: a ``upgret`` user of that institution (the support team comes from the
    institutions' UPGRET)."""
    return (
        alcance_designado.rol is Rol.upgret
        and institucion is not None
        and institucion in alcance_designado.instituciones
    )


def puede_administrar_mesas(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may create mesas and designate their coordinators (DIGER: analistas,
    admin)."""
    return alcance is not None and alcance.rol in ROLES_ADMINISTRAN_MESAS


# --- products of a mesa and the progress reports (issue #11) -----------------------------------

#: The refusal of a product document's upload or an informe de avance's generation.
SIN_PERMISO_PRODUCTO = (
    "Solo los coordinadores de esta mesa, los analistas de la DIGER y los administradores pueden "
    "subir documentos de sus productos o generar su informe de avance."
)
#: Roles that generate the presidential briefing (the Presidency and DIGER).
ROLES_INFORME_PRESIDENCIAL = frozenset({Rol.presidencia, Rol.analista, Rol.admin})
#: The refusal of the presidential briefing.
SIN_PERMISO_INFORME_PRESIDENCIAL = (
    "Solo la Presidencia, los analistas de la DIGER y los administradores pueden generar el "
    "informe presidencial."
)


def puede_subir_producto(alcance: Alcance | None, sector: str) -> bool:
    """Whether ``alcance`` may upload a document of a product of the mesa of ``sector``: who
    writes in the mesa (:func:`puede_escribir_mesa`)."""
    return puede_escribir_mesa(alcance, sector)


def puede_generar_informe_avance(alcance: Alcance | None, sector: str) -> bool:
    """Whether ``alcance`` may generate (and keep as a product) the informe de avance of the
    mesa of ``sector``: who writes in the mesa (:func:`puede_escribir_mesa`)."""
    return puede_escribir_mesa(alcance, sector)


def puede_descargar_producto(alcance: Alcance | None, sector: str) -> bool:
    """Whether ``alcance`` may list and download the products' documents of the mesa of
    ``sector``: who sees the mesa in detail (:func:`puede_ver_mesa`). Users who see the mesa in
    figures only see how many products it has, not the documents."""
    return puede_ver_mesa(alcance, sector)


def puede_generar_informe_presidencial(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may generate the presidential briefing (one page per eje):
    ``presidencia``, ``analista``, ``admin``."""
    return alcance is not None and alcance.rol in ROLES_INFORME_PRESIDENCIAL


def vinculos_rechazados(pedidos: Iterable[str], vinculables: Collection[str]) -> list[str]:
    """The requested goal or indicator codes a mesa may not link, in the order asked.

    An acuerdo, bottleneck or strategy of a mesa links only goals and indicators of the mesa's
    own sector (``vinculables``, from :func:`data_layer.mesas.registros.codigos_vinculables`):
    linking another sector's would silence that sector's ``rojo_sin_accion`` alerts and write on
    its pages. A code of another sector and a code that does not exist are refused alike, so a
    refusal reveals nothing about other sectors. Applies to every actor, the system's included.
    """
    return [c for c in dict.fromkeys(pedidos) if c not in vinculables]


# --- the reporting cycle ----------------------------------------------------------------------

#: Roles that validate, return and reopen reported values (DIGER; admin for support and the CLI).
ROLES_VALIDAN = frozenset({Rol.analista, Rol.admin})

#: The refusal of a report for an institution outside the user's scope (or an unknown indicator).
SIN_PERMISO_REPORTAR = (
    "Solo la unidad de planificación (UPGRET) de la institución responsable puede reportar los "
    "valores de este indicador."
)
#: The refusal of a validation, return or reapertura by someone who is not a DIGER analyst.
SIN_PERMISO_VALIDAR = "Solo los analistas de la DIGER pueden validar, devolver o reabrir reportes."


def puede_reportar(alcance: Alcance | None, institucion_responsable: str | None) -> bool:
    """Whether ``alcance`` may report (save, send, correct) the values of an indicator whose
    responsible institution is ``institucion_responsable``: that institution's ``upgret`` users
    (and ``admin``, the CLI and the demo loader). Analysts validate; they do not report."""
    if alcance is None or institucion_responsable is None:
        return False
    if alcance.rol is Rol.admin:
        return True
    return alcance.rol is Rol.upgret and institucion_responsable in alcance.instituciones


def puede_validar(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may validate or return sent values, and reopen closed periods (DIGER
    analysts; admin). Nobody validates a value they sent (checked by the service)."""
    return alcance is not None and alcance.rol in ROLES_VALIDAN


def puede_ver_borrador(alcance: Alcance | None, institucion_responsable: str | None) -> bool:
    """Whether ``alcance`` sees a draft value: only its own institution (a draft is not a
    report yet)."""
    return puede_reportar(alcance, institucion_responsable)


#: The refusal of «Mis reportes» to a role that neither reports nor validates.
SIN_PERMISO_MIS_REPORTES = (
    "Esta página es de las unidades de planificación (UPGRET) y de los analistas de la DIGER."
)


def instituciones_mis_reportes(
    alcance: Alcance | None, pedida: str | None = None
) -> frozenset[str] | None:
    """Whose reports ``alcance`` sees on «Mis reportes» (``/reportes``).

    - ``upgret``: their own institutions (``pedida`` narrows to one of them; another
      institution's sigla is ignored, never shown);
    - ``analista``, ``admin``: the one institution ``pedida`` (read-only: analysts validate, they
      do not report); none until one is asked for;
    - anyone else: None (refused).

    Args:
        alcance: the user's scope.
        pedida: the institution the URL asks for (``?institucion=SESAL``), unchecked.
    """
    if alcance is None:
        return None
    if alcance.rol is Rol.upgret:
        if pedida and pedida in alcance.instituciones:
            return frozenset({pedida})
        return alcance.instituciones
    if alcance.rol in ROLES_VALIDAN:
        return frozenset({pedida}) if pedida else frozenset()
    return None


def escribe_mis_reportes(alcance: Alcance | None, institucion_responsable: str | None) -> bool:
    """Whether ``alcance`` may save and send values from «Mis reportes»: only the
    institution's own ``upgret`` users (an analyst or an admin looking at it reads only; the
    services' rule is :func:`puede_reportar`)."""
    return (
        alcance is not None
        and alcance.rol is Rol.upgret
        and puede_reportar(alcance, institucion_responsable)
    )


# --- data quality -----------------------------------------------------------------------------

#: Roles that open the data-quality page: DIGER (whose job it is), the political level that
#: sees the whole MCR, and the mesa coordinators (their sectors' institutions only).
ROLES_CALIDAD = ROLES_VEN_TODO | {Rol.coordinador_mesa}

#: The refusal of the data-quality page.
SIN_PERMISO_CALIDAD = (
    "La calidad de datos la consultan los analistas de la DIGER, la Presidencia, los ministros y "
    "los coordinadores de mesa. Su institución ve sus propias cifras en su página."
)


def puede_ver_calidad(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` opens the data-quality page (:data:`ROLES_CALIDAD`); ``upgret`` users
    see only their own institution's rates (:func:`puede_ver_calidad_institucion`)."""
    return alcance is not None and alcance.rol in ROLES_CALIDAD


def sectores_calidad(alcance: Alcance | None) -> frozenset[str] | None:
    """The sectors whose reports ``alcance`` sees on the data-quality page: None for every sector
    (whole-MCR roles), a coordinator's own sectors, nothing for anyone else."""
    if alcance is None or not puede_ver_calidad(alcance):
        return frozenset()
    if ve_todo(alcance):
        return None
    return frozenset(alcance.sectores)


def puede_ver_calidad_institucion(
    alcance: Alcance | None, sigla: str, sectores: Collection[str]
) -> bool:
    """Whether ``alcance`` sees the reporting rates of institution ``sigla`` (taking part in
    ``sectores``): whole-MCR roles, a coordinator of one of those sectors, and the
    institution's own ``upgret`` users."""
    if alcance is None:
        return False
    if ve_todo(alcance):
        return True
    if alcance.rol is Rol.coordinador_mesa:
        return bool(alcance.sectores & set(sectores))
    return alcance.rol is Rol.upgret and sigla in alcance.instituciones


# --- compliance by institution ---------------------------------------------------------------

#: Roles that see the compliance ranking of every institution (DIGER, the Presidency).
ROLES_CUMPLIMIENTO_NACIONAL = frozenset(
    {Rol.presidencia, Rol.analista, Rol.admin, Rol.ministro, Rol.coordinador_mesa}
)


def sectores_cumplimiento(alcance: Alcance | None) -> frozenset[str] | None:
    """The sectors whose reports ``alcance`` sees in the compliance ranking (issue #12).

    None (every sector) for DIGER, the Presidency, ministers and mesa coordinators: like the
    rest of the MCR's read-only pages, a minister reads every sector (on an eje page the ranking
    covers the whole eje, as its other tables do); a ``upgret`` user is limited by institution
    instead (:func:`instituciones_cumplimiento`); nothing for anyone else.
    """
    if alcance is None:
        return frozenset()
    if alcance.rol in ROLES_CUMPLIMIENTO_NACIONAL or alcance.rol is Rol.upgret:
        return None
    return frozenset()


def instituciones_cumplimiento(alcance: Alcance | None) -> frozenset[str] | None:
    """The institutions ``alcance`` sees in the compliance ranking: a ``upgret`` user's own
    institutions; None (no limit by institution) for the national roles
    (:func:`sectores_cumplimiento`); nothing for anyone else."""
    if alcance is None:
        return frozenset()
    if alcance.rol is Rol.upgret:
        return frozenset(alcance.instituciones)
    if alcance.rol in ROLES_CUMPLIMIENTO_NACIONAL:
        return None
    return frozenset()


#: The refusal of an evidence upload for another institution.
SIN_PERMISO_EVIDENCIA = (
    "Solo la unidad de planificación (UPGRET) de la institución puede subir sus archivos de "
    "evidencia."
)


def puede_subir_evidencia(alcance: Alcance | None, institucion: str | None) -> bool:
    """Whether ``alcance`` may upload an evidence file of ``institucion``: whoever reports its
    values (:func:`puede_reportar`: its ``upgret`` users, and ``admin``)."""
    return puede_reportar(alcance, institucion)


def puede_ver_evidencia(
    alcance: Alcance | None,
    institucion: str | None,
    enviadas: Iterable[tuple[str | None, str | None, str | None, str | None]] = (),
    mesas: Iterable[str] = (),
) -> bool:
    """Whether ``alcance`` may open an evidence file of ``institucion``.

    The file is seen with the versions that carry it:

    - the institution itself (who may report its values) always sees its own files, even those
      not attached yet or attached only to a draft;
    - anyone else sees a file only through a version that is not a draft (``enviado``,
      ``devuelto``, ``validado``, ``reemplazado``), when they see that version's indicator: the
      whole-MCR roles (analistas, admin, presidencia, ministros), a ``coordinador_mesa`` of the
      goal's sector (or of a presidential goal), a ``upgret`` of the goal's institution or of
      the indicator's responsible institution. A draft's file stays within the institution, as
      the draft does (:func:`puede_ver_borrador`).

    Args:
        alcance: the user's scope (None: nobody logged in).
        institucion: sigla of the institution the file belongs to.
        enviadas: ``(nivel, sector, institucion de la meta, institucion responsable)`` of the
            goal and indicator of each non-draft version that carries the file.
        mesas: sector codes of the mesas whose acuerdo follow-ups carry the file (the
            institution's evidence of an acuerdo): seen by who sees that mesa in detail.
    """
    if alcance is None or institucion is None:
        return False
    if puede_reportar(alcance, institucion):
        return True
    if any(puede_ver_mesa(alcance, sector) for sector in mesas):
        return True
    return any(
        indicador_por_responsable(alcance, responsable)
        or meta_en_detalle(alcance, nivel=nivel, sector=sector, institucion=inst_meta)
        for nivel, sector, inst_meta, responsable in enviadas
    )


#: The refusal of a purge of evidence files by someone who is not an administrator.
SIN_PERMISO_PURGAR = "Solo los administradores pueden purgar los archivos de evidencia."


def puede_purgar_evidencias(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may purge unattached evidence files (admin, the CLI's actor)."""
    return alcance is not None and alcance.rol is Rol.admin


# --- outgoing e-mail --------------------------------------------------------------------------

#: The refusal of the outbox page, its callbacks and its service to anyone but an admin.
SIN_PERMISO_CORREO = "Solo los administradores pueden ver y reintentar el correo saliente."


#: Roles that read the outbox (admin: the messages carry other people's addresses and documents).
ROLES_CORREO = frozenset({Rol.admin})


def puede_administrar_correo(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may read the outbox and the local mailbox and retry a message."""
    return alcance is not None and alcance.rol in ROLES_CORREO


# --- audit log and system actor ---------------------------------------------------------------


def puede_ver_auditoria(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may read the audit log (admin, analista)."""
    return alcance is not None and alcance.rol in ROLES_AUDITORIA


#: The refusal of an import from the web (page, callbacks and service say the same).
SIN_PERMISO_IMPORTAR = (
    "Solo los analistas de la DIGER y los administradores pueden importar la MCR."
)


def puede_importar(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may upload the MCR workbook, see its dry run and apply it (analista,
    admin). The command line's import does not ask: it runs as :func:`actor_sistema`."""
    return alcance is not None and alcance.rol in ROLES_IMPORTAN


#: Roles that publish a quarter's snapshot on the public portal and withdraw one (DOMAIN.md §11:
#: DIGER's analysts; the administrators and the CLI, as for the import).
ROLES_PUBLICAN = frozenset({Rol.analista, Rol.admin})
#: The refusal of a publication or withdrawal.
SIN_PERMISO_PUBLICAR = (
    "Solo los analistas de la DIGER pueden publicar un trimestre en el portal o retirar una "
    "publicación."
)


def puede_publicar(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may preview, publish and withdraw the public snapshots (analista,
    admin). Reading what is published needs no permission: it is public."""
    return alcance is not None and alcance.rol in ROLES_PUBLICAN


def actor_sistema(usuario: str | None = None) -> Alcance:
    """The actor of a write made by the system itself (CLI, demo loader), with admin rights.

    It passes every permission check, never a rule of the guidelines nor the sector of a link.
    The audit records ``usuario``.

    Args:
        usuario: the name the audit records; default ``cli:<operating-system user>``.
    """
    if usuario is None:
        try:
            usuario = f"cli:{getpass.getuser()}"
        except (KeyError, OSError):  # no user name in a container without passwd entry
            usuario = "cli:desconocido"
    return Alcance(usuario=usuario, rol=Rol.admin)


# --- the institutions' part of the mesas; ministers' responses (issue #11, item 7) ------------

#: The statuses the responsible institution's UPGRET may give its acuerdo: it reports progress
#: (``en_proceso``) and completion (``cumplido``, with evidence); cancelling, reopening and
#: everything else stay with the mesa, which records the agreements' results.
ESTADOS_ACUERDO_INSTITUCION = frozenset({"en_proceso", "cumplido"})

#: The refusal of an acuerdo update by someone who is neither of the mesa nor of its
#: responsible institution (also for an acuerdo that does not exist: nothing is revealed).
SIN_PERMISO_ACUERDO = (
    "Solo la mesa (sus coordinadores, los analistas de la DIGER) y la unidad de planificación "
    "(UPGRET) de la institución responsable pueden actualizar este acuerdo."
)
#: The refusal of «Mis acuerdos» to a role that does not answer for acuerdos.
SIN_PERMISO_MIS_ACUERDOS = (
    "Esta página es de las unidades de planificación (UPGRET) de las instituciones."
)
#: The refusal of a minister's response.
SIN_PERMISO_RESPUESTA = (
    "Solo el ministro o la ministra del sector de la meta puede registrar la respuesta a la "
    "Presidencia."
)


def puede_actualizar_acuerdo(
    alcance: Alcance | None, sector: str, institucion_responsable: str | None
) -> bool:
    """Whether ``alcance`` may update an acuerdo of the mesa of ``sector`` whose responsible
    institution is ``institucion_responsable``: who writes in the mesa
    (:func:`puede_escribir_mesa`) and the responsible institution's ``upgret`` users (limited to
    :func:`estados_acuerdo_permitidos`)."""
    if alcance is None:
        return False
    if puede_escribir_mesa(alcance, sector):
        return True
    return (
        alcance.rol is Rol.upgret
        and institucion_responsable is not None
        and institucion_responsable in alcance.instituciones
    )


def estados_acuerdo_permitidos(
    alcance: Alcance | None, sector: str, institucion_responsable: str | None
) -> frozenset[str]:
    """The statuses ``alcance`` may give an acuerdo (the service also refuses ``vencido``, which
    the system derives): every status for the mesa, :data:`ESTADOS_ACUERDO_INSTITUCION` for the
    responsible institution's UPGRET, none for anyone else."""
    if alcance is None:
        return frozenset()
    if puede_escribir_mesa(alcance, sector):
        return frozenset({"pendiente", "en_proceso", "cumplido", "cancelado"})
    if puede_actualizar_acuerdo(alcance, sector, institucion_responsable):
        return ESTADOS_ACUERDO_INSTITUCION
    return frozenset()


def ve_mis_acuerdos(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` opens «Mis acuerdos» (``/mis-acuerdos``): ``upgret`` users, for the
    acuerdos of their own institutions."""
    return alcance is not None and alcance.rol is Rol.upgret and bool(alcance.instituciones)


def puede_descargar_documento(
    alcance: Alcance | None,
    sector: str,
    instituciones: Collection[str] = (),
    *,
    enviado: bool,
) -> bool:
    """Whether ``alcance`` may download a convocatoria or an ayuda memoria of the mesa of
    ``sector``.

    - who sees the mesa in detail (:func:`puede_descargar`): every one, drafts included;
    - a ``upgret`` user whose institution takes part in the mesa (coordinates it or has
      accredited members: ``instituciones``): the documents sent to the participants, that is
      convocatorias and distributed ayudas memoria, never a draft;
    - anyone else: none.

    Args:
        alcance: the user's scope.
        sector: the mesa's sector code.
        instituciones: siglas of the institutions that take part in the mesa.
        enviado: whether the document was sent to the participants (a convocatoria always; an
            ayuda memoria once distributed).
    """
    if puede_descargar(alcance, sector):
        return True
    return (
        enviado
        and acceso_mesa(alcance, sector, instituciones) == "resumen"
        and (alcance is not None and alcance.rol is Rol.upgret)
    )


def puede_responder_meta(alcance: Alcance | None, sector_meta: str | None) -> bool:
    """Whether ``alcance`` may record a response to the Presidency on a goal of sector
    ``sector_meta`` (sectoral or institutional goals; presidential ones have no sector): a
    ``ministro`` of that sector. Everyone else who sees the goal reads the responses."""
    return (
        alcance is not None
        and alcance.rol is Rol.ministro
        and sector_meta is not None
        and sector_meta in alcance.sectores
    )


# --- target revisions (DOMAIN.md §9) ----------------------------------------------------------

#: The refusal of a target revision proposal by someone who may not propose it.
SIN_PERMISO_PROPONER_REVISION = (
    "Solo el coordinador técnico de la mesa del sector del indicador, los analistas de la DIGER "
    "y la UPGRET de la institución responsable (en sus indicadores institucionales) pueden "
    "proponer una revisión de meta."
)
#: The refusal of a methodological opinion by someone who is not a DIGER analyst.
SIN_PERMISO_OPINAR_REVISION = (
    "Solo los analistas de la DIGER emiten la opinión metodológica de una revisión de meta."
)
#: The refusal of a decision by someone who is not the indicator's political level.
SIN_PERMISO_DECIDIR_REVISION = (
    "Solo el ministro del sector del indicador decide sus revisiones de meta; las de un "
    "indicador de meta presidencial, la Presidencia."
)


def puede_proponer_revision(
    alcance: Alcance | None,
    *,
    nivel: str | None,
    sector: str | None,
    institucion_responsable: str | None,
) -> bool:
    """Whether ``alcance`` may propose a revision of an indicator's targets.

    - ``analista``: any indicator (DIGER proposes too, with its projection support);
    - ``coordinador_mesa``: indicators of goals of their sectors (the mesa's technical
      coordinator);
    - ``upgret``: the institutional indicators their institution is responsible for;
    - anyone else (``admin`` and the system actor included: a proposal is an act of a named
      person of the technical level): no.

    Args:
        alcance: the user's scope.
        nivel: the level of the indicator's goal.
        sector: the sector of the indicator's goal (None for a presidential goal).
        institucion_responsable: sigla of the institution that reports the indicator.
    """
    if alcance is None:
        return False
    if alcance.rol is Rol.analista:
        return True
    if alcance.rol is Rol.coordinador_mesa:
        return sector is not None and sector in alcance.sectores
    if alcance.rol is Rol.upgret:
        return (
            nivel == "institucional"
            and institucion_responsable is not None
            and institucion_responsable in alcance.instituciones
        )
    return False


def puede_opinar_revision(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may give the methodological opinion on a target revision: DIGER
    analysts only (never on their own proposal: checked by the service, which knows who
    proposed)."""
    return alcance is not None and alcance.rol is Rol.analista


def puede_decidir_revision(
    alcance: Alcance | None, *, nivel: str | None, sector: str | None
) -> bool:
    """Whether ``alcance`` may approve, return or reject a target revision of an indicator.

    - an indicator of a presidential goal: ``presidencia``;
    - any other: a ``ministro`` with the goal's sector in scope;
    - anyone else (analysts, coordinators, ``admin`` and the system actor): no. Nobody decides
      their own proposal (checked by the service).

    Args:
        alcance: the user's scope.
        nivel: the level of the indicator's goal.
        sector: the sector of the indicator's goal.
    """
    if alcance is None:
        return False
    if nivel == "presidencial":
        return alcance.rol is Rol.presidencia
    return alcance.rol is Rol.ministro and sector is not None and sector in alcance.sectores


# --- each role's home (issue #12) -----------------------------------------------------------


def tipo_inicio(alcance: Alcance | None) -> TipoInicio | None:
    """Which home ``alcance`` lands on after login (``/inicio``).

    - ``ministro`` and ``presidencia``: ``politico`` (their sectors' goals, what needs attention,
      their pending decisions; presidencia's scope is the whole country);
    - ``coordinador_mesa``: ``mesa`` (their mesas' next session, overdue acuerdos, what to prepare);
    - ``upgret``: ``institucion`` (their reports and acuerdos);
    - ``analista``: ``analista`` (the review queue, data quality, alerts);
    - ``admin``: ``admin`` (import, audit, the national alerts);
    - nobody logged in: None.
    """
    if alcance is None:
        return None
    return {
        Rol.ministro: "politico",
        Rol.presidencia: "politico",
        Rol.coordinador_mesa: "mesa",
        Rol.upgret: "institucion",
        Rol.analista: "analista",
        Rol.admin: "admin",
    }.get(alcance.rol)  # type: ignore[return-value]


def sectores_en_foco(alcance: Alcance | None) -> frozenset[str] | None:
    """The sectors a user's home, the navbar's alert badge and its «Alertas» link are about.

    Not a permission to see (a minister sees the whole MCR): the part of it that is their work.

    - ``ministro`` and ``coordinador_mesa``: their sectors (a minister without sectors: None);
    - everyone else: None, "everything the user sees" (the national picture for presidencia,
      analysts and admins; a UPGRET's data is already cut to its institution);
    - nobody logged in: an empty set (nothing).
    """
    if alcance is None:
        return frozenset()
    if alcance.rol in {Rol.ministro, Rol.coordinador_mesa} and alcance.sectores:
        return frozenset(alcance.sectores)
    if alcance.rol is Rol.coordinador_mesa:
        return frozenset()
    return None


# --- users and their e-mail (issue #13) --------------------------------------------------------

#: The refusal of the users' page and its services to anyone but an admin.
SIN_PERMISO_USUARIOS = "Solo los administradores pueden gestionar los usuarios de SIGPRET."
#: The refusal of someone else's preferences.
SIN_PERMISO_PREFERENCIAS = "Solo puede cambiar sus propias preferencias de correo."

#: The e-mails a user may choose (DOMAIN.md §10): the weekly digest of high alerts in their
#: scope, and the reminders (reports and acuerdos due or late, versions returned, proposals
#: waiting for a decision).
CORREO_RESUMEN = "resumen"
CORREO_RECORDATORIOS = "recordatorios"

#: Why a role may not switch an e-mail off (shown next to the locked choice).
MOTIVOS_OBLIGATORIOS: dict[Rol, dict[str, str]] = {
    Rol.upgret: {
        CORREO_RECORDATORIOS: (
            "Como unidad de planificación (UPGRET) de su institución, usted responde por sus "
            "reportes: los recordatorios de plazo, atraso y versiones devueltas no se pueden "
            "apagar."
        )
    },
    Rol.ministro: {
        CORREO_RESUMEN: (
            "Como ministro o ministra, el resumen semanal de alertas altas de su sector no se "
            "puede apagar."
        )
    },
    Rol.presidencia: {
        CORREO_RESUMEN: (
            "La Presidencia recibe siempre el resumen semanal de las alertas altas de la MCR."
        )
    },
}


def puede_administrar_usuarios(alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may list, create, disable, re-enable and reset users (admin)."""
    return alcance is not None and alcance.rol is Rol.admin


def puede_editar_preferencias(alcance: Alcance | None, usuario: str) -> bool:
    """Whether ``alcance`` may change the e-mail and preferences of ``usuario`` (the user
    themself, or an admin)."""
    if alcance is None:
        return False
    return alcance.usuario == usuario or puede_administrar_usuarios(alcance)


def correos_obligatorios(rol: Rol) -> frozenset[str]:
    """The e-mails a user of ``rol`` always gets, whatever they choose (their duty)."""
    return frozenset(MOTIVOS_OBLIGATORIOS.get(rol, {}))


def puede_ver_aviso(alcance: Alcance | None, destinatario: str | None) -> bool:
    """Whether ``alcance`` may read, or mark read/unread, a notice addressed to ``destinatario``:
    only its recipient (no role reads another person's notices)."""
    return alcance is not None and bool(destinatario) and alcance.usuario == destinatario
