"""The permission rules of ``data_layer.permisos``, one by one, for every role (issue #9)."""

from __future__ import annotations

import pytest

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.models import Rol


def _a(rol: Rol, sectores=(), instituciones=()) -> Alcance:
    return Alcance(
        usuario="u", rol=rol, sectores=frozenset(sectores), instituciones=frozenset(instituciones)
    )


PRESIDENCIA = _a(Rol.presidencia)
MINISTRO = _a(Rol.ministro, sectores={"SAL"})
COORD_SAL = _a(Rol.coordinador_mesa, sectores={"SAL"})
COORD_EDU = _a(Rol.coordinador_mesa, sectores={"EDU"})
UPGRET_SESAL = _a(Rol.upgret, instituciones={"SESAL"})
ANALISTA = Alcance(usuario="u", rol=Rol.analista, mesas=frozenset({"SAL"}))
ANALISTA_OTRA_MESA = Alcance(usuario="u", rol=Rol.analista, mesas=frozenset({"EDU"}))
ADMIN = _a(Rol.admin)


@pytest.mark.parametrize(
    ("alcance", "esperado"),
    [
        (PRESIDENCIA, True),
        (MINISTRO, True),
        (ANALISTA, True),
        (ADMIN, True),
        (COORD_SAL, False),
        (UPGRET_SESAL, False),
        (None, False),
    ],
)
def test_ve_todo_only_for_the_whole_mcr_roles(alcance, esperado) -> None:
    """presidencia, ministro, analista and admin see the whole MCR; nobody logged in sees none."""
    assert permisos.ve_todo(alcance) is esperado
    if alcance is not None:
        assert alcance.ve_todo is esperado  # the Alcance property asks the same rule


@pytest.mark.parametrize(
    ("alcance", "meta", "esperado"),
    [
        (COORD_SAL, ("sectorial", "SAL", None), True),
        (COORD_SAL, ("institucional", "SAL", "SESAL"), True),
        (COORD_SAL, ("sectorial", "EDU", None), False),
        (COORD_SAL, ("institucional", "EDU", "SEDUC"), False),
        (COORD_SAL, ("presidencial", None, None), True),
        (UPGRET_SESAL, ("institucional", "SAL", "SESAL"), True),
        (UPGRET_SESAL, ("institucional", "SAL", "IHSS"), False),
        (UPGRET_SESAL, ("presidencial", None, None), False),
        (ANALISTA, ("institucional", "EDU", "SEDUC"), True),
        (None, ("presidencial", None, None), False),
    ],
)
def test_meta_en_detalle(alcance, meta, esperado) -> None:
    """A coordinator sees their sectors' goals and the presidential ones; a upgret user their
    institution's; a whole-MCR role every goal; nobody logged in, none."""
    nivel, sector, institucion = meta
    assert (
        permisos.meta_en_detalle(alcance, nivel=nivel, sector=sector, institucion=institucion)
        is esperado
    )


def test_indicators_by_responsible_institution_only_for_upgret() -> None:
    """A upgret user sees the indicators their institution reports; a coordinator does not get
    indicators by their institution (only through their sectors' goals)."""
    assert permisos.indicador_por_responsable(UPGRET_SESAL, "SESAL")
    assert not permisos.indicador_por_responsable(UPGRET_SESAL, "SEDUC")
    assert not permisos.indicador_por_responsable(COORD_SAL, "SESAL")
    assert not permisos.indicador_por_responsable(UPGRET_SESAL, None)


def test_evaluation_needs_every_averaged_goal_in_scope() -> None:
    """An institution's evaluation is shown only when every goal it averages is in scope: the
    health coordinator sees SESAL's (all in SAL), not SEDUC's, nor one split across sectors."""
    sesal = [("institucional", "SAL", "SESAL")] * 2
    seduc = [("institucional", "EDU", "SEDUC")]
    mixta = [("institucional", "SAL", "IHSS"), ("institucional", "EDU", "IHSS")]
    assert permisos.puede_ver_evaluacion(COORD_SAL, sesal)
    assert not permisos.puede_ver_evaluacion(COORD_SAL, seduc)
    assert not permisos.puede_ver_evaluacion(COORD_SAL, mixta)
    assert permisos.puede_ver_evaluacion(UPGRET_SESAL, sesal)
    assert not permisos.puede_ver_evaluacion(UPGRET_SESAL, seduc)
    assert permisos.puede_ver_evaluacion(ANALISTA, seduc)
    assert not permisos.puede_ver_evaluacion(None, sesal)


@pytest.mark.parametrize(
    ("alcance", "instituciones", "acceso", "escribe"),
    [
        (PRESIDENCIA, (), "detalle", False),
        (MINISTRO, (), "detalle", False),
        (ANALISTA, (), "detalle", True),
        (ANALISTA_OTRA_MESA, (), "detalle", False),
        (ADMIN, (), "detalle", True),
        (COORD_SAL, (), "detalle", True),
        (COORD_EDU, (), "resumen", False),
        (UPGRET_SESAL, ("SESAL", "IHSS"), "resumen", False),
        (UPGRET_SESAL, ("IHSS",), "ninguno", False),
        (None, ("SESAL",), "ninguno", False),
    ],
)
def test_mesa_access_reading_downloads_and_writing(alcance, instituciones, acceso, escribe) -> None:
    """The Salud mesa: who sees it in detail (and downloads its documents), in figures or not
    at all, and who writes in it (its coordinators, its assigned analistas, admin; never
    ministers, nor an analyst assigned to another mesa)."""
    assert permisos.acceso_mesa(alcance, "SAL", instituciones) == acceso
    assert permisos.puede_ver_mesa(alcance, "SAL") is (acceso == "detalle")
    assert permisos.puede_descargar(alcance, "SAL") is (acceso == "detalle")
    assert permisos.puede_escribir_mesa(alcance, "SAL") is escribe


def test_only_diger_creates_mesas_and_reads_the_audit_log() -> None:
    """Creating mesas and reading the audit log: analista and admin only."""
    for alcance in (ANALISTA, ADMIN):
        assert permisos.puede_administrar_mesas(alcance)
        assert permisos.puede_ver_auditoria(alcance)
    for alcance in (PRESIDENCIA, MINISTRO, COORD_SAL, UPGRET_SESAL, None):
        assert not permisos.puede_administrar_mesas(alcance)
        assert not permisos.puede_ver_auditoria(alcance)


def test_only_analista_and_admin_import_the_mcr_from_the_web() -> None:
    """Uploading, previewing and applying the MCR workbook: analista and admin only."""
    for alcance in (ANALISTA, ADMIN):
        assert permisos.puede_importar(alcance)
    for alcance in (PRESIDENCIA, MINISTRO, COORD_SAL, UPGRET_SESAL, None):
        assert not permisos.puede_importar(alcance)


def test_links_outside_the_sector_and_unknown_codes_are_refused_alike() -> None:
    """Of the requested codes, those not in the mesa's own sector are refused, in the order
    asked, whether they exist elsewhere or not at all."""
    vinculables = {"MS-01", "MS-02"}
    assert permisos.vinculos_rechazados(["MS-01", "ME-01", "XX-9", "ME-01"], vinculables) == [
        "ME-01",
        "XX-9",
    ]
    assert permisos.vinculos_rechazados(["MS-02"], vinculables) == []


def test_system_actor_has_admin_rights_and_names_the_os_user() -> None:
    """The CLI's actor writes in any mesa and is audited as ``cli:<user>`` by default."""
    actor = permisos.actor_sistema()
    assert actor.usuario.startswith("cli:") and actor.rol is Rol.admin
    assert permisos.puede_escribir_mesa(actor, "SAL")
    assert permisos.actor_sistema("seed demo").usuario == "seed demo"


def test_only_admin_manages_users_and_each_user_their_own_preferences() -> None:
    """/usuarios and its services are the admin's; a user edits only their own e-mail
    preferences (an admin, anyone's); nobody logged out gets anything."""
    for rol in Rol:
        alcance = Alcance(usuario="x", rol=rol)
        assert permisos.puede_administrar_usuarios(alcance) is (rol is Rol.admin)
        assert permisos.puede_editar_preferencias(alcance, "x")
        assert permisos.puede_editar_preferencias(alcance, "otro") is (rol is Rol.admin)
    assert not permisos.puede_administrar_usuarios(None)
    assert not permisos.puede_editar_preferencias(None, "x")


def test_obligatory_emails_follow_the_duty_of_the_role() -> None:
    """A UPGRET always gets the reminders of its reports; ministers and the Presidency always
    get the weekly digest; the other roles may switch both off; every lock says why."""
    assert permisos.correos_obligatorios(Rol.upgret) == {"recordatorios"}
    assert permisos.correos_obligatorios(Rol.ministro) == {"resumen"}
    assert permisos.correos_obligatorios(Rol.presidencia) == {"resumen"}
    for rol in (Rol.analista, Rol.admin, Rol.coordinador_mesa):
        assert permisos.correos_obligatorios(rol) == frozenset()
    for motivos in permisos.MOTIVOS_OBLIGATORIOS.values():
        assert all(texto.strip() for texto in motivos.values())


@pytest.mark.parametrize(
    ("alcance", "puede"),
    [
        (ANALISTA, True),
        (ADMIN, True),
        (UPGRET_SESAL, False),
        (MINISTRO, False),
        (COORD_SAL, False),
        (PRESIDENCIA, False),
        (None, False),
    ],
)
def test_only_analista_and_admin_publish_the_portal_snapshots(alcance, puede) -> None:
    """``puede_publicar`` (preview, publish, withdraw a quarter on the public portal): DIGER's
    analysts and the administrators only; nobody logged in may not."""
    assert permisos.puede_publicar(alcance) is puede


def test_puede_publicar_names_every_role() -> None:
    """The table above covers every role: the roles that publish are exactly analista and
    admin, so a new role publishes only if someone decides it."""
    assert {r for r in Rol if permisos.puede_publicar(_a(r))} == {Rol.analista, Rol.admin}
