"""Target revision notices (DOMAIN.md §10) on SQLite and PostgreSQL: once the DIGER gives its
opinion, the ministers who may decide it are told (the sector's; for a presidential goal,
presidencia) and nobody else; the decision tells the proposer only."""

from __future__ import annotations

from tests.integration.revisiones.conftest import ANALISTA, ANALISTA2, COORD, MINISTRO, UPGRET, db  # noqa: F401
from tests.integration.revisiones.test_servicio import _decidir, _opinar, _proponer

from .comun import crear_usuarios, destinatarios

USUARIOS = (
    ("coord.salud", "coordinador_mesa", ("SAL",)),
    ("upgret.sesal", "upgret", ("SESAL",)),
    ("ministro.salud", "ministro", ("SAL",)),
    ("ministro.educacion", "ministro", ("EDU",)),
    ("presidencia", "presidencia", ()),
    ("analista2", "analista", ()),
)


def test_a_sectoral_revision_tells_the_sectors_minister_then_the_proposer(db) -> None:  # noqa: F811
    """Proposed: nobody yet (the analyst's opinion comes first). With opinion: ministro.salud
    only. Approved: coord.salud only."""
    crear_usuarios(db, *USUARIOS)
    pid = _proponer(db, COORD)
    assert destinatarios(db, "propuesta_pendiente") == set()
    _opinar(db, pid, ANALISTA2)
    assert destinatarios(db, "propuesta_pendiente") == {"ministro.salud"}
    _decidir(db, pid, "aprobar", MINISTRO)
    assert destinatarios(db, "decision_tomada") == {"coord.salud"}
    assert destinatarios(db, "propuesta_pendiente") == {"ministro.salud"}


def test_a_presidential_revision_tells_presidencia_not_the_ministers(db) -> None:  # noqa: F811
    """A revision of the presidential goal's indicator (proposed by an analyst) waits for
    presidencia only."""
    crear_usuarios(db, *USUARIOS)
    pid = _proponer(db, ANALISTA, codigo="MP-01-I1")
    _opinar(db, pid, ANALISTA2)
    assert destinatarios(db, "propuesta_pendiente") == {"presidencia"}
