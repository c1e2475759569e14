"""The products page's writes and the products' downloads through the web (issue #11 items 5, 6)."""

from __future__ import annotations

import base64
import sqlite3

from sqlalchemy import select

from data_layer import envios, formato, informes
from data_layer.db import get_engine, session_factory
from data_layer.mesas.consultas import load_mesas
from data_layer.mesas.models import DocumentoProducto
from data_layer.periods import hoy_honduras
from data_layer.vistas import mesas as vm
from tests.integration.web.test_formularios import app, callback, cliente, url_bd  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SUBIDA = "data:application/pdf;base64," + base64.b64encode(PDF).decode()


def _documentos(url: str) -> list[DocumentoProducto]:
    with session_factory(get_engine(url))() as s:
        return list(s.scalars(select(DocumentoProducto).order_by(DocumentoProducto.id)))


def _subir(app, c, sector: str, tipo: str = "marco_resultados"):  # noqa: F811
    return callback(
        app,
        c,
        "mesa-productos-subir",
        {
            "mesa-productos-params": {"sector": sector},
            "mesa-productos-anio": str(hoy_honduras().year),
            "mesa-productos-tipo": tipo,
            "mesa-productos-evidencia": SUBIDA,
            "mesa-productos-vistas": {},
        },
    )


def test_forged_upload_to_another_mesa_is_refused(app, url_bd) -> None:  # noqa: F811
    """The Salud coordinator sends the upload callback with the Educación mesa in its params:
    the service refuses it in Spanish and nothing is stored."""
    antes = len(_documentos(url_bd))
    _, texto = _subir(app, cliente(app, "coord.salud"), "EDU")
    assert "Solo los coordinadores" in texto and "No se guardó nada" in texto
    assert len(_documentos(url_bd)) == antes


def test_upload_download_scope_and_matrix(app, url_bd) -> None:  # noqa: F811
    """An upload from the page is stored; who sees the mesa downloads it as an attachment with
    safe headers, a UPGRET user gets 403, anonymous 401; /mesas counts the product."""
    with session_factory(get_engine(url_bd))() as s:
        antes = vm.tabla_mesas(load_mesas(s), hoy_honduras()).set_index("sector")
    _, texto = _subir(app, cliente(app, "coord.salud"), "SAL", "mecanismos_informacion")
    assert "guardado como versión" in texto
    documento = _documentos(url_bd)[-1]
    ruta = f"/descargas/productos/{documento.clave}"
    r = cliente(app, "ministro.salud").get(ruta)
    assert r.status_code == 200 and r.data == PDF
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in r.headers["Content-Disposition"]
    assert cliente(app, "upgret.sesal").get(ruta).status_code == 403
    assert cliente(app, None).get(ruta).status_code == 401
    with session_factory(get_engine(url_bd))() as s:
        despues = vm.tabla_mesas(load_mesas(s), hoy_honduras()).set_index("sector")
    # The demo's «mecanismos de información» of Salud is of 2025: this year's is the first.
    assert int(despues.loc["SAL", "productos_anio"]) == int(antes.loc["SAL", "productos_anio"]) + 1
    assert despues.loc["SAL", "productos_texto"].endswith(f"productos {hoy_honduras().year}")


def test_presidential_briefing_download(app, url_bd) -> None:  # noqa: F811
    """presidencia downloads the briefing PDF; a minister gets 403."""
    ok = cliente(app, "presidencia").get("/descargas/informe-presidencial/2026-T2.pdf")
    assert ok.status_code == 200 and ok.data.startswith(b"%PDF")
    assert (
        cliente(app, "ministro.salud")
        .get("/descargas/informe-presidencial/2026-T2.pdf")
        .status_code
        == 403
    )
    assert formato.format_porcentaje(50) == "50.0 %"


def test_informe_is_computed_before_the_write_transaction(app, url_bd, monkeypatch) -> None:  # noqa: F811
    """«Generar informe de avance» evaluates and draws the PDF before its write transaction
    opens: meanwhile another writer gets SQLite's write lock at once (it is not held for the
    seconds the engine takes); then the informe is stored as the next version."""
    pasos: list[str] = []
    original_pdf, original_reclamar = informes.informe_avance_pdf, envios.reclamar

    def pdf(*args, **kwargs) -> bytes:
        pasos.append("pdf")
        if url_bd.startswith("sqlite"):
            otro = sqlite3.connect(url_bd.split("///", 1)[1], timeout=0.5)
            try:
                otro.execute("BEGIN IMMEDIATE")  # raises «database is locked» if a writer holds it
                otro.rollback()
            finally:
                otro.close()
        return original_pdf(*args, **kwargs)

    def reclamar(*args, **kwargs):
        pasos.append("escritura")
        return original_reclamar(*args, **kwargs)

    monkeypatch.setattr(informes, "informe_avance_pdf", pdf)
    monkeypatch.setattr(envios, "reclamar", reclamar)
    antes = len(_documentos(url_bd))
    _, texto = callback(
        app,
        cliente(app, "coord.salud"),
        "mesa-productos-generar",
        {"mesa-productos-params": {"sector": "SAL"}, "mesa-productos-periodo": "2026-T3"},
    )
    assert "guardado como versión 2" in texto, texto
    assert pasos == ["pdf", "escritura"]
    nuevo = _documentos(url_bd)[-1]
    assert len(_documentos(url_bd)) == antes + 1
    assert (nuevo.periodo, nuevo.numero, nuevo.generado) == ("2026-T3", 2, True)
