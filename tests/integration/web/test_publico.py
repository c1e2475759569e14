"""The public portal, its open data and its API (issue #14) through the real Flask stack.

Anonymous clients on a writable copy of the demo database (SQLite and PostgreSQL): only published
snapshots are reachable, the private app still refuses anonymous callers, published numbers are
frozen, the open-data files say what the portal says, and caching and rate limits hold.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

import pytest
from sqlalchemy import select

from dashboard import create_app
from data_layer import permisos
from data_layer.config import Settings
from data_layer.db import get_engine, session_factory
from data_layer.demo import clave_demo
from data_layer.engine.frames import Reglas
from data_layer.models import Avance, EstadoVersion
from data_layer.publicacion import consultas, datos_abiertos, servicio
from data_layer.reportes import servicio as reportes
from tests.conftest import borrar_publicaciones, login_http

ANALISTA = permisos.actor_sistema("analista")
#: A code of the private MCR that no public page may show (an indicator and an institutional goal).
CODIGOS_PRIVADOS = ("MS-SAL-04-I1", "MI-SESAL")
#: The portal's pages once 2026-T2 and 2026-T3 are published.
PAGINAS = (
    "/publico",
    "/publico/2026-T3",
    "/publico/2026-T3/ejes/E1",
    "/publico/2026-T3/ejes/E2-SOC",
    "/publico/2026-T3/sectores",
    "/publico/2026-T3/instituciones",
    "/publico/2026-T3/instituciones?anio=2024",
    "/publico/2026-T2",
    "/publico/historial",
    "/publico/cambios",
    "/publico/cambios?desde=2026-T2&hasta=2026-T3",
    "/publico/metodologia",
    "/publico/datos",
    "/publico/datos/diccionario",
)


def _publicar(url: str, periodo: str):
    motor = get_engine(url)
    return servicio.publicar_trimestre(
        session_factory(motor),
        session_factory(motor, escritura=True),
        periodo,
        huella_vista=None,
        actor=ANALISTA,
        reglas=Reglas(),
    )


def _validar_enviados(url: str) -> int:
    """Validate every sent version of the demo (a correction arriving after a publication)."""
    motor = get_engine(url)
    with session_factory(motor, escritura=True)() as s, s.begin():
        ids = s.scalars(select(Avance.id).where(Avance.estado == EstadoVersion.enviado)).all()
        for ident in ids:
            reportes.validar(s, actor=ANALISTA, version_id=ident)
    return len(ids)


@pytest.fixture(autouse=True)
def _sin_publicaciones_demo(private_demo_url):
    """These tests publish what they need: they start from the demo without its two published
    quarters (the demo publishes 2026-T2 and 2026-T3)."""
    borrar_publicaciones(private_demo_url)


@pytest.fixture
def app(private_demo_url):
    """A fresh app on a writable copy of the demo."""
    return create_app(private_demo_url)


@pytest.fixture
def anonimo(app):
    """An anonymous test client."""
    return app.server.test_client()


def test_before_any_publication_the_portal_says_so_and_serves_nothing(anonimo) -> None:
    """With nothing published the portal says so in Spanish; no quarter, file or API answer
    exists, although the demo database is full of data."""
    pagina = anonimo.get("/publico")
    assert pagina.status_code == 200
    assert "aún no ha publicado" in pagina.get_data(as_text=True)
    for ruta in (
        "/publico/2026-T3",
        "/publico/2026-T3/sectores",
        "/publico/datos/2026-T3/1/ejes.csv",
        "/api/publico/v1/publicaciones/2026-T3",
    ):
        assert anonimo.get(ruta).status_code == 404, ruta
    assert anonimo.get("/api/publico/v1/publicaciones").get_json()["publicaciones"] == []


def test_published_pages_open_without_login_and_hold_only_aggregates(
    private_demo_url, anonimo
) -> None:
    """Every portal page answers an anonymous visitor, with no script, nothing of Dash and no
    code of the private MCR (indicators, institutional goals)."""
    _publicar(private_demo_url, "2026-T2")
    _publicar(private_demo_url, "2026-T3")
    for ruta in PAGINAS:
        r = anonimo.get(ruta)
        assert r.status_code == 200, ruta
        html = r.get_data(as_text=True)
        assert '<html lang="es">' in html
        assert "<script" not in html and "_dash" not in html, ruta
        for codigo in CODIGOS_PRIVADOS:
            assert codigo not in html, (ruta, codigo)
        assert "sigpret_sesion" not in r.headers.get("Set-Cookie", ""), ruta
    inicio = anonimo.get("/publico").get_data(as_text=True)
    assert "trimestre 2026-T3" in inicio
    api = anonimo.get("/api/publico/v1/publicaciones/2026-T3").get_data(as_text=True)
    for codigo in CODIGOS_PRIVADOS:
        assert codigo not in api


def test_the_private_app_still_refuses_anonymous_callers(private_demo_url, app, anonimo) -> None:
    """Layout, callbacks and pages of the private app answer 401 or the login page to an
    anonymous client, also once something is published; the analysts' preview is behind the
    login and refused to a role that may not publish."""
    _publicar(private_demo_url, "2026-T3")
    assert anonimo.get("/_dash-layout").status_code == 401
    assert anonimo.get("/_dash-dependencies").status_code == 401
    salida = next(iter(app.callback_map))
    forjada = anonimo.post("/_dash-update-component", json={"output": salida, "inputs": []})
    assert forjada.status_code == 401
    for ruta in ("/alertas", "/publicacion", "/publicacion/vista-previa/2026-T3"):
        r = anonimo.get(ruta)
        assert r.status_code == 302 and "/login" in r.headers["Location"], ruta
    upgret = app.server.test_client()
    login_http(upgret, "upgret.sesal", clave_demo("upgret.sesal"))
    negada = upgret.get("/publicacion/vista-previa/2026-T3")
    assert negada.status_code == 403
    assert "Solo los analistas de la DIGER" in negada.get_data(as_text=True)
    analista = app.server.test_client()
    login_http(analista, "analista", clave_demo("analista"))
    previa = analista.get("/publicacion/vista-previa/2026-T4")
    assert previa.status_code == 403 and "vencen el" in previa.get_data(as_text=True)
    previa = analista.get("/publicacion/vista-previa/2026-T3")
    assert previa.status_code == 200
    assert "Vista previa — no publicada" in previa.get_data(as_text=True)
    assert previa.headers["Cache-Control"] == "no-store"


def test_a_withdrawn_edition_is_gone_and_the_previous_one_rules_again(private_demo_url) -> None:
    """Withdrawing edition 2 makes its page, files and API answer 410 and the quarter shows
    edition 1 again; a quarter never published answers 404 everywhere."""
    app = create_app(private_demo_url)
    anonimo = app.server.test_client()
    primera = _publicar(private_demo_url, "2026-T3")
    assert _validar_enviados(private_demo_url) > 0
    segunda = _publicar(private_demo_url, "2026-T3")
    assert segunda.edicion == 2
    assert "edición 2" in anonimo.get("/publico/2026-T3").get_data(as_text=True)
    motor = get_engine(private_demo_url)
    with session_factory(motor, escritura=True)() as s, s.begin():
        servicio.retirar(s, segunda.id, motivo="Cifra mal validada", actor=ANALISTA)
    pagina = anonimo.get("/publico/2026-T3").get_data(as_text=True)
    assert "edición 1" in pagina and "edición 2" not in pagina
    for ruta in (
        "/publico/2026-T3?edicion=2",
        "/publico/2026-T3/sectores?edicion=2",
        "/publico/datos/2026-T3/2/ejes.csv",
        "/publico/datos/2026-T3/2/instantanea.json",
        "/api/publico/v1/publicaciones/2026-T3?edicion=2",
    ):
        assert anonimo.get(ruta).status_code == 410, ruta
    assert "retiró" in anonimo.get("/publico/2026-T3?edicion=2").get_data(as_text=True)
    api = anonimo.get("/api/publico/v1/publicaciones/2026-T3?edicion=2")
    assert api.get_json() == {"error": "Esa edición fue retirada del portal por la DIGER."}
    assert anonimo.get(f"/publico/datos/2026-T3/{primera.edicion}/ejes.csv").status_code == 200
    for ruta in (
        "/publico/2026-T2",
        "/publico/datos/2026-T2/1/ejes.csv",
        "/api/publico/v1/publicaciones/2026-T2",
    ):
        assert anonimo.get(ruta).status_code == 404, ruta


def test_a_later_correction_leaves_the_published_snapshot_intact(private_demo_url, anonimo) -> None:
    """Validating corrections after the publication changes neither the portal page, nor its
    files, nor its ETag; only a new edition would (the next preview differs)."""
    _publicar(private_demo_url, "2026-T3")
    antes = anonimo.get("/publico/2026-T3")
    csv_antes = anonimo.get("/publico/datos/2026-T3/1/metas_presidenciales.csv").data
    motor = get_engine(private_demo_url)
    with session_factory(motor)() as s:
        huella = servicio.preparar(s, "2026-T3", actor=ANALISTA, reglas=Reglas()).huella
    assert _validar_enviados(private_demo_url) > 0
    despues = anonimo.get("/publico/2026-T3")
    assert despues.data == antes.data
    assert despues.headers["ETag"] == antes.headers["ETag"]
    assert anonimo.get("/publico/datos/2026-T3/1/metas_presidenciales.csv").data == csv_antes
    with session_factory(motor)() as s:
        assert servicio.preparar(s, "2026-T3", actor=ANALISTA, reglas=Reglas()).huella != huella


def _csv(texto: bytes) -> list[dict[str, str]]:
    assert texto.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for spreadsheets
    return list(csv.DictReader(io.StringIO(texto.decode("utf-8-sig"))))


def test_open_data_files_match_the_portal_and_the_api(private_demo_url, anonimo) -> None:
    """Each table's CSV, its JSON file and the API give the same rows; the dictionary describes
    every column; the portal prints the same national figure; each answer has the licence."""
    _publicar(private_demo_url, "2026-T3")
    motor = get_engine(private_demo_url)
    with session_factory(motor)() as s:
        ed = consultas.buscar(s, "2026-T3")
        instantanea = consultas.contenido(s, ed.id)
    diccionario = anonimo.get("/publico/datos/diccionario.json").get_json()
    columnas = {t["tabla"]: [c["nombre"] for c in t["columnas"]] for t in diccionario["tablas"]}
    assert set(columnas) == {t.nombre for t in datos_abiertos.TABLAS}
    for tabla in columnas:
        filas_csv = _csv(anonimo.get(f"/publico/datos/2026-T3/1/{tabla}.csv").data)
        archivo = anonimo.get(f"/publico/datos/2026-T3/1/{tabla}.json").get_json()
        api = anonimo.get(f"/api/publico/v1/publicaciones/2026-T3/tablas/{tabla}").get_json()
        assert archivo["filas"] == api["filas"] == datos_abiertos.filas(instantanea, tabla)
        assert archivo["metadatos"]["licencia"] == datos_abiertos.LICENCIA
        assert len(filas_csv) == len(archivo["filas"]) > 0
        assert list(filas_csv[0]) == columnas[tabla]
        for fila_csv, fila in zip(filas_csv, archivo["filas"], strict=True):
            for nombre, valor in fila.items():
                if isinstance(valor, list):
                    esperado = ";".join(valor)
                elif isinstance(valor, float):
                    esperado = f"{valor:.1f}"
                else:
                    esperado = "" if valor is None else str(valor)
                assert fila_csv[nombre] == esperado, (tabla, nombre)
    nacional = instantanea["nacional"]["avance"]
    assert f"{nacional:.1f} %" in anonimo.get("/publico").get_data(as_text=True)
    completo = anonimo.get("/publico/datos/2026-T3/1/instantanea.json").get_json()
    assert completo["instantanea"] == instantanea


def test_pages_and_files_carry_caching_headers_and_answer_304(private_demo_url, anonimo) -> None:
    """Published content is cacheable by browsers and proxies, with an ETag that gives 304."""
    _publicar(private_demo_url, "2026-T3")
    for ruta in ("/publico/2026-T3", "/publico/datos/2026-T3/1/ejes.csv", "/api/publico/v1"):
        r = anonimo.get(ruta)
        assert "public" in r.headers["Cache-Control"] and "max-age=" in r.headers["Cache-Control"]
        etag = r.headers["ETag"]
        otra = anonimo.get(ruta, headers={"If-None-Match": etag})
        assert otra.status_code == 304 and otra.data == b"", ruta
    estilo = anonimo.get("/publico/estatico/publico.css")
    assert estilo.status_code == 200 and "max-age=3600" in estilo.headers["Cache-Control"]


def test_the_portal_is_rate_limited_per_address_in_spanish(private_demo_url) -> None:
    """Past the per-address limit the portal answers 429 with a Spanish page, the API with
    Spanish JSON, both with Retry-After."""
    ajustes = dataclasses.replace(
        Settings.from_env({}), database_url=private_demo_url, limite_publico="3 per minute"
    )
    cliente = create_app(settings=ajustes).server.test_client()
    codigos = [cliente.get("/publico/metodologia").status_code for _ in range(4)]
    assert codigos == [200, 200, 200, 429]
    pagina = cliente.get("/publico")
    assert pagina.status_code == 429 and "Demasiadas solicitudes" in pagina.get_data(as_text=True)
    assert pagina.headers["Retry-After"] == "60"
    api = cliente.get("/api/publico/v1/publicaciones")
    assert api.status_code == 429 and "espere un minuto" in api.get_json()["error"]


def test_every_path_of_the_openapi_description_answers(private_demo_url, anonimo) -> None:
    """The OpenAPI document is 3.1 and every path it lists answers 200 JSON (parameters
    filled with a published quarter and a table of the dictionary)."""
    _publicar(private_demo_url, "2026-T2")
    _publicar(private_demo_url, "2026-T3")
    doc = anonimo.get("/api/publico/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    base = doc["servers"][0]["url"]
    for ruta in doc["paths"]:
        concreta = re.sub(r"\{periodo\}", "2026-T3", ruta).replace("{tabla}", "sectores")
        r = anonimo.get(base + concreta)
        assert r.status_code == 200, ruta
        assert r.mimetype == "application/json"
        json.loads(r.data)
    assert anonimo.get(base + "/publicaciones/2026-T3/tablas/nada").status_code == 404
    assert anonimo.get(base + "/publicaciones/abc").status_code == 404


def test_the_change_log_names_the_goals_whose_state_moved(private_demo_url, anonimo) -> None:
    """The change log between two published quarters lists what the API lists, with the
    states before and after in words."""
    _publicar(private_demo_url, "2026-T2")
    _publicar(private_demo_url, "2026-T3")
    api = anonimo.get("/api/publico/v1/cambios?desde=2026-T2&hasta=2026-T3").get_json()
    assert api["desde"]["periodo"] == "2026-T2" and api["hasta"]["periodo"] == "2026-T3"
    html = anonimo.get("/publico/cambios?desde=2026-T2&hasta=2026-T3").get_data(as_text=True)
    assert sum(api["resumen"].values()) == len(api["cambios"])
    for cambio in api["cambios"]:
        assert cambio["codigo"] in html
    assert f"<strong>{api['resumen']['empeora']}</strong> empeoraron" in html
    assert anonimo.get("/publico/cambios?desde=2025-T1&hasta=2026-T3").status_code == 404


def test_answers_are_compressed_when_the_client_accepts_it(private_demo_url, app) -> None:
    """Pages, files and the private app's pages leave compressed (gzip here) and decompress to
    the same bytes; an ETag revalidation still answers 304."""
    import gzip

    _publicar(private_demo_url, "2026-T3")
    c = app.server.test_client()
    for ruta in (
        "/publico",
        "/publico/datos/2026-T3/1/sectores.csv",
        "/api/publico/v1/publicaciones",
    ):
        plano = c.get(ruta).data
        r = c.get(ruta, headers={"Accept-Encoding": "gzip"})
        assert r.headers["Content-Encoding"] == "gzip", ruta
        assert gzip.decompress(r.data) == plano
        assert len(r.data) < len(plano)
        otra = c.get(ruta, headers={"Accept-Encoding": "gzip", "If-None-Match": r.headers["ETag"]})
        assert otra.status_code == 304
    login_http(c, "analista", clave_demo("analista"))
    pagina = c.get("/alertas", headers={"Accept-Encoding": "gzip"})
    assert pagina.headers["Content-Encoding"] == "gzip" and len(pagina.data) < 8 * 1024
