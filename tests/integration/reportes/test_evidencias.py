"""Evidence files on SQLite and PostgreSQL (issue #10, deliverable 4): stored outside the web root
under an unguessable name, opened only within scope, attached to a report by the institution
that owns them, removed with a refused transaction, purged when no version uses them."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard import ASSETS_DIR
from data_layer import cli, evidencias, permisos
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.errores import ErrorDeDatos
from data_layer.models import Auditoria, Avance, Evidencia, Rol
from data_layer.reportes import servicio
from data_layer.reportes.servicio import ErrorReporte
from tests.unit.data_layer.test_evidencias_tipos import HTML, pdf, xlsx

from .conftest import ANALISTA, UPGRET_SEDUC, UPGRET_SESAL, momento

AULAS = "MI-SEDUC-01-I1"
EN_PLAZO = momento(2024, 7, 10)
PRESIDENCIA = Alcance(usuario="presidencia", rol=Rol.presidencia)
#: The Education coordinator sees SEDUC's goal (sector EDU); the Health one does not.
COORD_EDU = Alcance(usuario="coord.edu", rol=Rol.coordinador_mesa, sectores=frozenset({"EDU"}))
COORD_SAL = Alcance(usuario="coord.sal", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"}))


@pytest.fixture
def carpeta(tmp_path: Path) -> Path:
    """The configured evidence folder of the test (created by the first save)."""
    return tmp_path / "evidencias"


def _subir(db, carpeta, actor=UPGRET_SEDUC, institucion="SEDUC", contenido=None, **kw):
    with session_factory(db, escritura=True)() as s, s.begin():
        e = evidencias.guardar(
            s,
            actor=actor,
            institucion=institucion,
            nombre=kw.pop("nombre", "Informe aulas T2.pdf"),
            contenido=pdf() if contenido is None else contenido,
            carpeta=carpeta,
            **kw,
        )
        return e.id, e.clave


def _abrir(db, carpeta, actor, clave):
    with session_factory(db)() as s:
        evidencia, ruta = evidencias.abrir(s, actor=actor, clave=clave, carpeta=carpeta)
        return evidencia.nombre_original, ruta


def _reportar(db, evidencia_id, *, actor=UPGRET_SEDUC, enviar=False, valor=12):
    with session_factory(db, escritura=True)() as s, s.begin():
        return servicio.guardar(
            s,
            actor=actor,
            indicador=AULAS,
            periodo="2024-T2",
            valor=valor,
            evidencia_id=evidencia_id,
            enviar=enviar,
            ahora=EN_PLAZO,
        ).id


def _archivos(carpeta: Path) -> list[str]:
    return sorted(p.name for p in carpeta.iterdir()) if carpeta.exists() else []


def test_a_file_is_stored_under_an_unguessable_clave_outside_the_web_root(mcr, carpeta) -> None:
    """The bytes land in the configured folder, named by a 43-character random clave (never the
    user's name), outside the assets folder; the row keeps type, size, hash and who; the
    upload is audited."""
    ident, clave = _subir(mcr, carpeta, nombre="../../assets/Informe aulas T2.pdf")
    assert _archivos(carpeta) == [clave]
    assert evidencias.CLAVE.fullmatch(clave) and "Informe" not in clave
    ruta = (carpeta / clave).resolve()
    assert (carpeta / clave).read_bytes() == pdf()
    assert ASSETS_DIR.resolve() not in ruta.parents
    _, otra = _subir(mcr, carpeta)
    assert otra != clave
    with session_factory(mcr)() as s:
        fila = s.get(Evidencia, ident)
        assert (fila.tipo, fila.tamano, fila.subido_por) == ("pdf", len(pdf()), "upgret.seduc")
        assert fila.nombre_original == "Informe aulas T2.pdf"
        assert len(fila.sha256) == 64
        auditado = s.scalar(
            select(func.count()).where(
                Auditoria.accion == "evidencia.subir", Auditoria.entidad == f"evidencia:{ident}"
            )
        )
        assert auditado == 1


def test_opening_follows_the_scope_of_the_versions_that_carry_the_file(mcr, carpeta) -> None:
    """Unattached or draft-only: only the institution opens it. Once sent: the analyst,
    presidencia and the goal's sector coordinator too; another institution and another
    sector's coordinator never; an unknown or malformed clave is «not found»."""
    ident, clave = _subir(mcr, carpeta)
    assert _abrir(mcr, carpeta, UPGRET_SEDUC, clave)[1] == carpeta / clave
    for ajeno in (ANALISTA, PRESIDENCIA, UPGRET_SESAL, COORD_EDU, None):
        with pytest.raises(evidencias.SinPermisoEvidencia):
            _abrir(mcr, carpeta, ajeno, clave)
    borrador = _reportar(mcr, ident)
    with pytest.raises(evidencias.SinPermisoEvidencia):
        _abrir(mcr, carpeta, ANALISTA, clave)
    with session_factory(mcr, escritura=True)() as s, s.begin():
        servicio.enviar(s, actor=UPGRET_SEDUC, version_id=borrador, ahora=EN_PLAZO)
    for permitido in (ANALISTA, PRESIDENCIA, UPGRET_SEDUC, COORD_EDU):
        assert _abrir(mcr, carpeta, permitido, clave)[0] == "Informe aulas T2.pdf"
    for ajeno in (UPGRET_SESAL, COORD_SAL):
        with pytest.raises(evidencias.SinPermisoEvidencia):
            _abrir(mcr, carpeta, ajeno, clave)
    for desconocida in ("x" * 43, "../" + clave, clave[:-1], ""):
        with pytest.raises(evidencias.EvidenciaNoEncontrada):
            _abrir(mcr, carpeta, ANALISTA, desconocida)
    (carpeta / clave).unlink()
    with pytest.raises(evidencias.EvidenciaNoEncontrada):
        _abrir(mcr, carpeta, UPGRET_SEDUC, clave)


def test_another_institutions_upgret_cannot_upload_for_it(mcr, carpeta) -> None:
    """upgret.sesal uploading as SEDUC (a forged callback) is refused; an analyst does not
    upload; an unknown institution is refused alike; nothing is written."""
    for actor, institucion in ((UPGRET_SESAL, "SEDUC"), (ANALISTA, "SEDUC"), (UPGRET_SESAL, "NO")):
        with pytest.raises(ErrorDeDatos, match="Solo la unidad de planificación"):
            _subir(mcr, carpeta, actor=actor, institucion=institucion)
    assert _archivos(carpeta) == []
    with session_factory(mcr)() as s:
        assert s.scalar(select(func.count()).select_from(Evidencia)) == 0


def test_a_refused_file_leaves_nothing_behind(mcr, carpeta) -> None:
    """HTML renamed .pdf is refused in Spanish before anything is written (no file, no row)."""
    with pytest.raises(evidencias.EvidenciaRechazada, match="HTML"):
        _subir(mcr, carpeta, contenido=HTML, nombre="informe.pdf")
    assert _archivos(carpeta) == []


def test_evidence_is_linked_by_the_report_and_refused_for_another_institution(mcr, carpeta) -> None:
    """``servicio.guardar(evidencia_id=)`` attaches the institution's own file; SESAL's file
    cannot be attached to a SEDUC indicator (it «does not exist» for it)."""
    propia, _ = _subir(mcr, carpeta, contenido=xlsx(), nombre="aulas.xlsx")
    version = _reportar(mcr, propia)
    with session_factory(mcr)() as s:
        assert s.get(Avance, version).evidencia_id == propia
    ajena, _ = _subir(mcr, carpeta, actor=UPGRET_SESAL, institucion="SESAL")
    with pytest.raises(ErrorReporte, match="no existe"):
        _reportar(mcr, ajena, valor=13)


def test_the_file_goes_away_when_the_transaction_rolls_back(mcr, carpeta) -> None:
    """Upload and report in one transaction: when the report is refused, the stored file is
    removed with its row."""
    with pytest.raises(ErrorReporte):
        with session_factory(mcr, escritura=True)() as s, s.begin():
            e = evidencias.guardar(
                s,
                actor=UPGRET_SEDUC,
                institucion="SEDUC",
                nombre="a.pdf",
                contenido=pdf(),
                carpeta=carpeta,
            )
            assert _archivos(carpeta) == [e.clave]
            servicio.guardar(
                s,
                actor=UPGRET_SEDUC,
                indicador=AULAS,
                periodo="2024-T2",
                valor=-5,
                evidencia_id=e.id,
                ahora=EN_PLAZO,
            )
    assert _archivos(carpeta) == []
    with session_factory(mcr)() as s:
        assert s.scalar(select(func.count()).select_from(Evidencia)) == 0


def _envejecer(ruta: Path, dias: int) -> None:
    antes = time.time() - dias * 86400
    os.utime(ruta, (antes, antes))


def test_purge_removes_only_what_no_version_uses(mcr, carpeta) -> None:
    """Rows never attached after 7 days go with their files (after the commit); attached
    ones stay; old files without a row and old temporary files go; young ones, and files with
    other names, stay. A dry run counts only; only an admin purges."""
    hace = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    suelta, clave_suelta = _subir(mcr, carpeta, ahora=hace)
    usada, clave_usada = _subir(mcr, carpeta, ahora=hace)
    _reportar(mcr, usada)
    reciente, clave_reciente = _subir(mcr, carpeta)
    huerfano = carpeta / evidencias.almacen.nueva_clave()
    huerfano.write_bytes(b"x")
    _envejecer(huerfano, 10)
    joven = carpeta / evidencias.almacen.nueva_clave()
    joven.write_bytes(b"x")
    temporal = carpeta / ".tmp-abc"
    temporal.write_bytes(b"x")
    _envejecer(temporal, 2)
    ajeno = carpeta / "LEEME.txt"
    ajeno.write_text("no tocar")

    with session_factory(mcr, escritura=True)() as s, s.begin():
        with pytest.raises(ErrorDeDatos, match="administradores"):
            evidencias.purgar_huerfanas(s, actor=ANALISTA, carpeta=carpeta)
    with session_factory(mcr, escritura=True)() as s, s.begin():
        simulada = evidencias.purgar_huerfanas(s, carpeta=carpeta, simular=True)
    assert (simulada.filas, simulada.archivos, simulada.temporales) == (1, 1, 1)
    assert len(_archivos(carpeta)) == 7
    with session_factory(mcr, escritura=True)() as s, s.begin():
        hecha = evidencias.purgar_huerfanas(
            s, actor=permisos.actor_sistema("prueba"), carpeta=carpeta
        )
        assert (carpeta / clave_suelta).exists()  # removed only once the deletion commits
    assert hecha == simulada
    assert _archivos(carpeta) == sorted(["LEEME.txt", clave_usada, clave_reciente, joven.name])
    with session_factory(mcr)() as s:
        assert s.get(Evidencia, suelta) is None
        assert s.get(Evidencia, usada) is not None and s.get(Evidencia, reciente) is not None
        assert s.scalar(select(func.count()).where(Auditoria.accion == "evidencia.purgar")) == 1


def test_cli_purge(mcr, carpeta, monkeypatch, capsys) -> None:
    """``sigpret evidencias purgar --simular`` reads the configured folder and deletes nothing;
    without ``--simular`` it purges; a bad ``--dias`` is a Spanish error."""
    hace = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    _, clave = _subir(mcr, carpeta, ahora=hace)
    monkeypatch.setenv("DATABASE_URL", mcr.url.render_as_string(hide_password=False))
    monkeypatch.setenv("SIGPRET_EVIDENCIAS", str(carpeta))
    assert cli.main(["evidencias", "purgar", "--simular"]) == 0
    salida = capsys.readouterr().out
    assert "Simulación" in salida and "nunca adjuntados a una versión (más de 7 días): 1" in salida
    assert _archivos(carpeta) == [clave]
    assert cli.main(["evidencias", "purgar", "--dias", "20"]) == 0
    assert _archivos(carpeta) == []
    assert cli.main(["evidencias", "purgar", "--dias", "0"]) == 2
