"""The responsible institution reports on its acuerdos (issue #11, item 7), SQLite and PostgreSQL.

Its UPGRET moves an acuerdo to «en proceso», reports it «cumplido» with evidence (a file of its
own or an https:// link), adds notes; another institution, another role or a forged id is
refused and nothing is written; a stale page is refused; closing and cancelling stay the mesa's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data_layer import evidencias, permisos
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.mesas import servicio
from data_layer.mesas.models import Acuerdo, SeguimientoAcuerdo
from data_layer.mesas.servicio import ConflictoEdicion, ErrorMesa
from data_layer.models import Auditoria, Rol
from tests.unit.data_layer.test_evidencias_tipos import pdf

from .conftest import ACTOR, HOY, acreditar, sesion_con_acta

UPGRET_SESAL = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
UPGRET_IHSS = Alcance(usuario="upgret.ihss", rol=Rol.upgret, instituciones=frozenset({"IHSS"}))
MINISTRO = Alcance(usuario="ministro.salud", rol=Rol.ministro, sectores=frozenset({"SAL"}))
HOY_INFORME = dt.date(2026, 3, 20)


@pytest.fixture
def acuerdo(db) -> int:
    """An acuerdo of the Salud mesa, SESAL responsible, due 2026-04-30, pendiente."""
    with session_factory(db, escritura=True)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Ana Uno")
        _, ayuda = sesion_con_acta(s, "SAL", dt.datetime(2026, 3, 10, 9), [m.id])
        return servicio.registrar_acuerdo(
            s,
            ayuda.id,
            texto="Publicar el informe de abastecimiento de medicamentos",
            institucion="SESAL",
            persona_responsable="Ana Uno",
            fecha_limite=dt.date(2026, 4, 30),
            actor=ACTOR,
        ).id


def _informar(db, ident, actor=UPGRET_SESAL, **kw):
    with session_factory(db, escritura=True)() as s, s.begin():
        kw.setdefault("estado", "en_proceso")
        kw.setdefault("nota", "Se contrató la consultoría.")
        kw.setdefault("version", 1)
        return servicio.informar_acuerdo(s, ident, actor=actor, hoy=HOY_INFORME, **kw).id


def _leer(db, ident):
    with session_factory(db)() as s:
        a = s.get(Acuerdo, ident)
        n = s.scalar(select(func.count()).select_from(SeguimientoAcuerdo))
        audit = s.scalar(select(func.count()).select_from(Auditoria))
        return a.estado.value, a.version, n, audit


def test_upgret_moves_its_acuerdo_to_en_proceso_with_a_note(db, acuerdo):
    """The responsible institution's UPGRET starts its acuerdo: new status, a history row with
    its note and login, the version bumped and one audit record."""
    _, _, _, audit = _leer(db, acuerdo)
    _informar(db, acuerdo)
    estado, version, n, audit2 = _leer(db, acuerdo)
    assert (estado, version, n, audit2) == ("en_proceso", 2, 1, audit + 1)
    with session_factory(db)() as s:
        fila = s.scalars(select(SeguimientoAcuerdo)).one()
        assert (fila.estado_anterior.value, fila.estado_nuevo.value) == ("pendiente", "en_proceso")
        assert (fila.usuario, fila.fecha) == ("upgret.sesal", HOY_INFORME)
        ultimo = s.scalars(select(Auditoria).order_by(Auditoria.id.desc())).first()
        assert ultimo.accion == "acuerdo_informe" and ultimo.usuario == "upgret.sesal"


def test_cumplido_needs_evidence_a_link_or_an_own_file(db, acuerdo, tmp_path: Path):
    """«Cumplido» without evidence is refused; with an https link or a file of the institution
    it is recorded, and the file is then seen by who sees the mesa in detail."""
    with pytest.raises(ErrorMesa, match="adjunte la evidencia"):
        _informar(db, acuerdo, estado="cumplido")
    with pytest.raises(ErrorMesa, match="https://"):
        _informar(db, acuerdo, estado="cumplido", evidencia_url="http://sesal.gob.hn/x")
    carpeta = tmp_path / "ev"
    with session_factory(db, escritura=True)() as s, s.begin():
        e = evidencias.guardar(
            s,
            actor=UPGRET_SESAL,
            institucion="SESAL",
            nombre="informe.pdf",
            contenido=pdf(),
            carpeta=carpeta,
        )
        ident, clave = e.id, e.clave
    _informar(db, acuerdo, estado="cumplido", evidencia_id=ident, nota="Informe publicado.")
    assert _leer(db, acuerdo)[:2] == ("cumplido", 2)
    with session_factory(db)() as s:
        coord = Alcance(usuario="c", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
        assert evidencias.abrir(s, actor=coord, clave=clave, carpeta=carpeta)[0].id == ident
        otro = Alcance(usuario="c2", rol=Rol.coordinador_mesa, sectores=frozenset({"EDU"}))
        with pytest.raises(evidencias.SinPermisoEvidencia):
            evidencias.abrir(s, actor=otro, clave=clave, carpeta=carpeta)
        # Attached to a follow-up, the file is no longer an orphan to purge.
        r = evidencias.purgar_huerfanas(
            s,
            carpeta=carpeta,
            dias=0,
            ahora=dt.datetime.now(dt.UTC) + dt.timedelta(days=1),
            simular=True,
        )
        assert r.filas == 0


def test_a_file_of_another_institution_is_refused(db, acuerdo, tmp_path: Path):
    """Evidence must be the responsible institution's own file."""
    with session_factory(db, escritura=True)() as s, s.begin():
        ajeno = evidencias.guardar(
            s,
            actor=UPGRET_IHSS,
            institucion="IHSS",
            nombre="x.pdf",
            contenido=pdf(),
            carpeta=tmp_path,
        ).id
    with pytest.raises(ErrorMesa, match="no es de la institución responsable"):
        _informar(db, acuerdo, estado="cumplido", evidencia_id=ajeno)
    assert _leer(db, acuerdo)[:3] == ("pendiente", 1, 0)


@pytest.mark.parametrize(
    "actor",
    [UPGRET_IHSS, MINISTRO, Alcance(usuario="p", rol=Rol.presidencia)],
    ids=["upgret-de-otra-institucion", "ministro", "presidencia"],
)
def test_others_are_refused_and_nothing_is_written(db, acuerdo, actor):
    """Another institution's UPGRET, a minister or the Presidency may not report on the acuerdo:
    the mesa's refusal, nothing written, nothing audited."""
    antes = _leer(db, acuerdo)
    with pytest.raises(ErrorMesa) as exc:
        _informar(db, acuerdo, actor=actor)
    assert str(exc.value) == permisos.SIN_PERMISO_ACUERDO
    assert _leer(db, acuerdo) == antes


def test_a_forged_acuerdo_id_is_refused_like_a_foreign_one(db, acuerdo):
    """An id that does not exist gets the same refusal as another institution's acuerdo: the
    response reveals nothing."""
    with pytest.raises(ErrorMesa) as exc:
        _informar(db, acuerdo + 999)
    assert str(exc.value) == permisos.SIN_PERMISO_ACUERDO


def test_the_institution_may_not_cancel_nor_reopen(db, acuerdo):
    """Cancelling is the mesa's; once cumplido (or cancelled) only the mesa reopens it."""
    with pytest.raises(ErrorMesa, match="cancelarlo corresponde a la mesa"):
        _informar(db, acuerdo, estado="cancelado")
    _informar(db, acuerdo, estado="cumplido", evidencia_url="https://salud.gob.hn/informe")
    with pytest.raises(ErrorMesa, match="solo la mesa puede reabrirlo"):
        _informar(db, acuerdo, estado="en_proceso", version=2)
    # The mesa may (its analyst reopens it).
    _informar(db, acuerdo, actor=ACTOR, estado="en_proceso", version=2, nota="Falta el anexo.")
    assert _leer(db, acuerdo)[:2] == ("en_proceso", 3)


def test_a_stale_page_is_refused(db, acuerdo):
    """A report made from a page that showed an older version is refused with the current
    status; a note-only report bumps the version too."""
    _informar(db, acuerdo, estado=None, nota="Reunión con el proveedor.")
    assert _leer(db, acuerdo)[:2] == ("pendiente", 2)
    with pytest.raises(ConflictoEdicion) as exc:
        _informar(db, acuerdo, version=1)
    assert exc.value.actual == {"estado": "pendiente", "version": 2}
    assert _leer(db, acuerdo)[:3] == ("pendiente", 2, 1)


def test_a_note_is_required(db, acuerdo):
    """Every report carries a note."""
    with pytest.raises(ErrorMesa, match="nota de seguimiento"):
        _informar(db, acuerdo, nota="  ")


def test_permission_functions():
    """The rule in one place: the institution gives only en_proceso and cumplido; the mesa
    every status; others none."""
    assert permisos.estados_acuerdo_permitidos(UPGRET_SESAL, "SAL", "SESAL") == frozenset(
        {"en_proceso", "cumplido"}
    )
    assert permisos.estados_acuerdo_permitidos(UPGRET_IHSS, "SAL", "SESAL") == frozenset()
    assert "cancelado" in permisos.estados_acuerdo_permitidos(ACTOR, "SAL", "SESAL")
    assert not permisos.puede_actualizar_acuerdo(None, "SAL", "SESAL")
    assert HOY >= HOY_INFORME
