"""Products of a mesa with their documents, and the informe de avance (issue #11 items 5, 6)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import informes
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.evidencias import EvidenciaNoEncontrada, EvidenciaRechazada, SinPermisoEvidencia
from data_layer.mesas import productos
from data_layer.mesas.models import DocumentoProducto
from data_layer.mesas.servicio import ConflictoEdicion, ErrorMesa
from data_layer.models import Auditoria, Rol
from tests.integration.mesas.conftest import ACTOR, HOY
from tests.pdf_texto import texto_pdf

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COORD_SAL = Alcance(usuario="coord.salud", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
MINISTRO = Alcance(usuario="ministro.salud", rol=Rol.ministro, sectores=frozenset({"SAL"}))
UPGRET = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))


def _docx() -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return salida.getvalue()


def _subir(s: Session, actor: Alcance, carpeta, sector="SAL", contenido=PDF, **extra):
    datos = {"tipo": "diagnostico_sectorial", "anio": 2026, "nombre": "diag.pdf"}
    datos.update(extra)
    return productos.subir_documento(
        s, sector, contenido=contenido, actor=actor, carpeta=carpeta, hoy=HOY, **datos
    )


def test_coordinator_uploads_and_versions_are_kept(db, tmp_path) -> None:
    """A coordinator of the mesa uploads; a second upload is version 2 and version 1 stays
    downloadable; each upload is audited and the product counts as delivered."""
    fabrica = session_factory(db, escritura=True)
    with fabrica() as s, s.begin():
        v1 = _subir(s, COORD_SAL, tmp_path, versiones_vistas=0)
    with fabrica() as s, s.begin():
        v2 = _subir(s, COORD_SAL, tmp_path, contenido=_docx(), nombre="d.docx", versiones_vistas=1)
    assert (v1.numero, v2.numero) == (1, 2)
    with fabrica() as s:
        filas = productos.productos_del_anio(s, "SAL", 2026, actor=MINISTRO)
        diag = filas[0]
        assert diag.entregado and [v.numero for v in diag.versiones] == [2, 1]
        doc1, ruta1, sector = productos.abrir_documento(
            s, actor=MINISTRO, clave=v1.clave, carpeta=tmp_path
        )
        assert ruta1.read_bytes() == PDF and sector == "SAL" and doc1.tipo == "pdf"
        acciones = s.scalars(
            select(Auditoria.accion).where(Auditoria.accion == "producto_documento_subido")
        ).all()
        assert len(acciones) == 2
        assert sum(f.entregado for f in filas) == 1


@pytest.mark.parametrize("actor", [MINISTRO, UPGRET, COORD_SAL])
def test_who_may_not_upload_is_refused(db, tmp_path, actor) -> None:
    """Ministers, UPGRET users and a coordinator of another sector may not upload; nothing is
    written and the refusal is in Spanish."""
    with session_factory(db, escritura=True)() as s, s.begin():
        sector = "EDU" if actor is COORD_SAL else "SAL"
        with pytest.raises(ErrorMesa, match="Solo los coordinadores"):
            _subir(s, actor, tmp_path, sector=sector)
    with session_factory(db)() as s:
        assert s.scalars(select(DocumentoProducto)).all() == []
    assert (
        not any((tmp_path / "productos").glob("*")) if (tmp_path / "productos").exists() else True
    )


def test_download_scope(db, tmp_path) -> None:
    """Who sees the mesa in detail downloads; a coordinator of another sector, a UPGRET user or
    nobody gets a 403-type refusal; an unknown clave is a 404-type refusal."""
    with session_factory(db, escritura=True)() as s, s.begin():
        clave = _subir(s, ACTOR, tmp_path).clave
    otro = Alcance(usuario="c.edu", rol=Rol.coordinador_mesa, sectores=frozenset({"EDU"}))
    with session_factory(db)() as s:
        for actor in (otro, UPGRET, None):
            with pytest.raises(SinPermisoEvidencia):
                productos.abrir_documento(s, actor=actor, clave=clave, carpeta=tmp_path)
        with pytest.raises(EvidenciaNoEncontrada):
            productos.abrir_documento(s, actor=ACTOR, clave="x" * 43, carpeta=tmp_path)
        assert productos.productos_del_anio(s, "SAL", 2026, actor=otro) is None


@pytest.mark.parametrize(
    ("contenido", "mensaje"),
    [
        (b"MZ\x90\x00programa", "ejecutables"),
        (b"<html><script>alert(1)</script></html>", "HTML"),
        (b"%PDF-1.4\n/JavaScript (x)\n%%EOF", "JavaScript"),
        (b"a,b\n1,2\n", "PDF, DOCX o XLSX"),
        (b"", "vacío"),
    ],
)
def test_hostile_or_wrong_files_are_refused(db, tmp_path, contenido, mensaje) -> None:
    """Executables, HTML, a PDF with JavaScript, a CSV (not a document) and an empty file are
    refused in Spanish before anything is stored."""
    with session_factory(db, escritura=True)() as s, s.begin():
        with pytest.raises(EvidenciaRechazada, match=mensaje):
            _subir(s, ACTOR, tmp_path, contenido=contenido)
    with session_factory(db)() as s:
        assert s.scalars(select(DocumentoProducto)).all() == []


def test_concurrent_upload_is_detected(db, tmp_path) -> None:
    """An upload made from a page that showed fewer versions than exist is refused (someone
    uploaded meanwhile) and writes nothing."""
    with session_factory(db, escritura=True)() as s, s.begin():
        _subir(s, ACTOR, tmp_path, versiones_vistas=0)
    with session_factory(db, escritura=True)() as s, s.begin():
        with pytest.raises(ConflictoEdicion, match="No se guardó nada"):
            _subir(s, COORD_SAL, tmp_path, versiones_vistas=0)
    with session_factory(db)() as s:
        assert len(s.scalars(select(DocumentoProducto)).all()) == 1


def test_rollback_removes_the_stored_file(db, tmp_path) -> None:
    """A transaction that rolls back after the upload leaves no file behind."""
    with session_factory(db, escritura=True)() as s:
        s.begin()
        documento = _subir(s, ACTOR, tmp_path)
        ruta = tmp_path / "productos" / documento.clave
        assert ruta.is_file()
        s.rollback()
    assert not ruta.exists()


def test_informe_de_avance_is_kept_as_a_product_version(db, tmp_path) -> None:
    """Generating the informe de avance stores a PDF as a version of «Informes de avance» of
    the quarter's year; regenerating makes version 2; a user who does not write is refused."""
    fabrica = session_factory(db, escritura=True)
    for esperado in (1, 2):
        with fabrica() as s, s.begin():
            doc = informes.generar_informe_avance(
                s, "SAL", "2026-T2", actor=COORD_SAL, hoy=HOY, carpeta=tmp_path
            )
        assert doc.numero == esperado and doc.periodo == "2026-T2" and doc.generado
    texto = texto_pdf((tmp_path / "productos" / doc.clave).read_bytes())
    assert "Informe de avance del sector Salud (SAL)" in texto
    assert "2026-T2" in texto
    with fabrica() as s, s.begin():
        with pytest.raises(ErrorMesa):
            informes.generar_informe_avance(
                s, "SAL", "2026-T2", actor=MINISTRO, hoy=HOY, carpeta=tmp_path
            )
        with pytest.raises(Exception, match="no es un trimestre"):
            informes.generar_informe_avance(
                s, "SAL", "2026-S1", actor=ACTOR, hoy=HOY, carpeta=tmp_path
            )


def test_presidential_briefing_permission() -> None:
    """Only presidencia, analistas and admin may generate the presidential briefing."""
    from data_layer import permisos

    assert permisos.puede_generar_informe_presidencial(Alcance(usuario="p", rol=Rol.presidencia))
    assert permisos.puede_generar_informe_presidencial(ACTOR)
    assert not permisos.puede_generar_informe_presidencial(MINISTRO)
    assert not permisos.puede_generar_informe_presidencial(COORD_SAL)
    assert not permisos.puede_generar_informe_presidencial(None)
    assert dt.date(2026, 1, 1) < HOY
