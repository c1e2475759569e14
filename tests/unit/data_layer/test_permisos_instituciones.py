"""The permission rules of the institutions' part of the mesas and of the ministers' responses
(issue #11, item 7): pure functions of the user's scope, failing closed."""

from __future__ import annotations

import pytest

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.models import Rol

UPGRET_SESAL = Alcance(usuario="u", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
MINISTRA_SAL = Alcance(usuario="m", rol=Rol.ministro, sectores=frozenset({"SAL"}))
COORD_SAL = Alcance(usuario="c", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"}))


def test_upgret_downloads_sent_documents_of_its_mesas_only():
    """A UPGRET whose institution takes part in the mesa downloads what was sent (convocatoria,
    distributed minutes), never a draft nor another mesa's documents."""
    participan = {"SESAL", "IHSS"}
    assert permisos.puede_descargar_documento(UPGRET_SESAL, "SAL", participan, enviado=True)
    assert not permisos.puede_descargar_documento(UPGRET_SESAL, "SAL", participan, enviado=False)
    assert not permisos.puede_descargar_documento(UPGRET_SESAL, "EDU", {"SEDUC"}, enviado=True)
    assert not permisos.puede_descargar_documento(None, "SAL", participan, enviado=True)


def test_who_sees_the_mesa_in_detail_downloads_drafts_too():
    """The mesa's own readers (coordinator, minister) keep every download, drafts included; a
    coordinator of another sector does not get drafts by taking part."""
    assert permisos.puede_descargar_documento(COORD_SAL, "SAL", (), enviado=False)
    assert permisos.puede_descargar_documento(MINISTRA_SAL, "SAL", (), enviado=False)
    otro = Alcance(usuario="c2", rol=Rol.coordinador_mesa, sectores=frozenset({"EDU"}))
    assert not permisos.puede_descargar_documento(otro, "SAL", (), enviado=True)


@pytest.mark.parametrize(
    ("alcance", "sector", "esperado"),
    [
        (MINISTRA_SAL, "SAL", True),
        (MINISTRA_SAL, "EDU", False),
        (MINISTRA_SAL, None, False),
        (Alcance(usuario="p", rol=Rol.presidencia), "SAL", False),
        (COORD_SAL, "SAL", False),
        (UPGRET_SESAL, "SAL", False),
        (None, "SAL", False),
    ],
)
def test_only_the_sectors_minister_answers(alcance, sector, esperado):
    """Only a ``ministro`` of the goal's sector answers the Presidency; presidential goals (no
    sector) are answered by nobody here."""
    assert permisos.puede_responder_meta(alcance, sector) is esperado


def test_mis_acuerdos_is_for_upgret_with_an_institution():
    """«Mis acuerdos» opens for UPGRET users with an institution only."""
    assert permisos.ve_mis_acuerdos(UPGRET_SESAL)
    assert not permisos.ve_mis_acuerdos(Alcance(usuario="u", rol=Rol.upgret))
    assert not permisos.ve_mis_acuerdos(COORD_SAL)
    assert not permisos.ve_mis_acuerdos(None)


def test_acuerdo_evidence_is_seen_with_its_mesa():
    """A file attached to an acuerdo's follow-up is seen by who sees that mesa in detail."""
    assert permisos.puede_ver_evidencia(COORD_SAL, "SESAL", mesas=["SAL"])
    otro = Alcance(usuario="c2", rol=Rol.coordinador_mesa, sectores=frozenset({"EDU"}))
    assert not permisos.puede_ver_evidencia(otro, "SESAL", mesas=["SAL"])
    ihss = Alcance(usuario="u2", rol=Rol.upgret, instituciones=frozenset({"IHSS"}))
    assert not permisos.puede_ver_evidencia(ihss, "SESAL", mesas=["SAL"])
