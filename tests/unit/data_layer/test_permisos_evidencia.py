"""Who may upload and open an evidence file (issue #10): the institution always; others only
through a sent version whose indicator they see; a draft's file stays within the institution."""

from __future__ import annotations

import pytest

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.models import Rol

UPGRET_SESAL = Alcance(usuario="u.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
UPGRET_SEDUC = Alcance(usuario="u.seduc", rol=Rol.upgret, instituciones=frozenset({"SEDUC"}))
COORD_SAL = Alcance(usuario="c.sal", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
COORD_EDU = Alcance(usuario="c.edu", rol=Rol.coordinador_mesa, sectores=frozenset({"EDU"}))
ANALISTA = Alcance(usuario="analista", rol=Rol.analista)
PRESIDENCIA = Alcance(usuario="presidencia", rol=Rol.presidencia)
MINISTRO = Alcance(usuario="ministro", rol=Rol.ministro, sectores=frozenset({"SAL"}))
ADMIN = Alcance(usuario="admin", rol=Rol.admin)
#: A sent version of a sectoral Salud indicator reported by SESAL.
ENVIADA_SAL = [("sectorial", "SAL", None, "SESAL")]


def test_only_the_institution_uploads_its_evidence() -> None:
    """A upgret uploads only for its own institution (admin for support); analysts, ministers,
    coordinators and presidencia do not upload."""
    assert permisos.puede_subir_evidencia(UPGRET_SESAL, "SESAL")
    assert not permisos.puede_subir_evidencia(UPGRET_SESAL, "SEDUC")
    assert permisos.puede_subir_evidencia(ADMIN, "SEDUC")
    for otro in (ANALISTA, PRESIDENCIA, MINISTRO, COORD_SAL, None):
        assert not permisos.puede_subir_evidencia(otro, "SESAL")


@pytest.mark.parametrize(
    ("alcance", "ve"),
    [
        (UPGRET_SESAL, True),
        (ANALISTA, True),
        (PRESIDENCIA, True),
        (MINISTRO, True),
        (ADMIN, True),
        (COORD_SAL, True),
        (COORD_EDU, False),
        (UPGRET_SEDUC, False),
        (None, False),
    ],
)
def test_a_sent_versions_file_is_seen_by_who_sees_its_indicator(alcance, ve) -> None:
    """Once a version carrying the file is sent, whoever sees the indicator sees the file: the
    whole-MCR roles, the sector's coordinator, the institution; not another sector's
    coordinator nor another institution."""
    assert permisos.puede_ver_evidencia(alcance, "SESAL", ENVIADA_SAL) is ve


@pytest.mark.parametrize("alcance", [ANALISTA, PRESIDENCIA, MINISTRO, COORD_SAL, UPGRET_SEDUC])
def test_a_draft_or_unattached_file_stays_within_the_institution(alcance) -> None:
    """A file attached to nothing but drafts (or to nothing yet) is seen only by its
    institution (and admin), as the draft itself."""
    assert not permisos.puede_ver_evidencia(alcance, "SESAL", [])
    assert permisos.puede_ver_evidencia(UPGRET_SESAL, "SESAL", [])
    assert permisos.puede_ver_evidencia(ADMIN, "SESAL", [])


def test_the_responsible_institutions_upgret_sees_files_on_other_goals() -> None:
    """A upgret sees the file of a sent version of an indicator its institution reports, even
    when the goal belongs to another institution."""
    enviada = [("institucional", None, "SEDUC", "SESAL")]
    assert permisos.puede_ver_evidencia(UPGRET_SESAL, "SESAL", enviada)
    assert permisos.puede_ver_evidencia(UPGRET_SEDUC, "SESAL", enviada)
    assert not permisos.puede_ver_evidencia(COORD_SAL, "SESAL", enviada)


def test_only_admin_purges() -> None:
    """Purging evidence files is an administrator's (the CLI's) task."""
    assert permisos.puede_purgar_evidencias(ADMIN)
    assert permisos.puede_purgar_evidencias(permisos.actor_sistema("prueba"))
    assert not permisos.puede_purgar_evidencias(ANALISTA)
    assert not permisos.puede_purgar_evidencias(None)
