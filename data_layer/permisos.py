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
- goals/indicators an acuerdo, bottleneck, strategy links .. :func:`vinculos_rechazados`
  (the codes of the mesa's own sector: ``mesas.registros.codigos_vinculables``)
- reporting an institution's values (drafts, sends, corrections) :func:`puede_reportar`
- validating, returning, reopening (DIGER) ................. :func:`puede_validar`
- seeing a draft value ..................................... :func:`puede_ver_borrador`
- «Mis reportes»: whose reports a user sees, and writing there :func:`instituciones_mis_reportes`,
  :func:`escribe_mis_reportes`
- the data-quality page (reporting rates) and its sectors .. :func:`puede_ver_calidad`,
  :func:`sectores_calidad`
- an institution's own reporting rates ..................... :func:`puede_ver_calidad_institucion`
- uploading an evidence file for an institution ............ :func:`puede_subir_evidencia`
- opening (downloading) an evidence file ................... :func:`puede_ver_evidencia`
- purging unattached evidence files ........................ :func:`puede_purgar_evidencias`
- the audit log ............................................ :func:`puede_ver_auditoria`
- importing the MCR workbook from the web (preview, apply) . :func:`puede_importar`
- the actor of the CLI and the demo loader ................. :func:`actor_sistema`

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
    """
    if alcance is None or institucion is None:
        return False
    if puede_reportar(alcance, institucion):
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
