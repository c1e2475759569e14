"""The evidence download route and uploads through the real Flask/Dash stack (issue #10): demo
users logged in through the real form, on SQLite and PostgreSQL copies of the demo.

``GET /evidencias/<clave>``: the owner institution and an analyst get the file as an attachment
with safe headers; another institution gets 403, an unknown clave 404, an anonymous visitor the
login page. Only the callbacks that carry an evidence upload may send more than 2 MB.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path

import pytest
from dash import Input, Output, State, html
from sqlalchemy import select

from dashboard import ASSETS_DIR, create_app
from dashboard import evidencias as web_ev
from dashboard.components import formularios
from data_layer import evidencias
from data_layer.auth import Alcance
from data_layer.config import Settings
from data_layer.db import get_engine, session_factory
from data_layer.demo import clave_demo
from data_layer.envios import nuevo_token
from data_layer.models import Avance, Indicador, Institucion, Rol
from tests.conftest import llamada_barra, login_http
from tests.unit.data_layer.test_evidencias_tipos import SVG_SCRIPT, pdf

UPGRET_SESAL = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
OTRA = ("upgret.seduc", "Reportes-SEDUC-2026")


@pytest.fixture
def carpeta(tmp_path: Path) -> Path:
    """The app's evidence folder (SIGPRET_EVIDENCIAS) for this test."""
    return tmp_path / "evidencias"


@pytest.fixture
def app(private_demo_url: str, carpeta: Path):
    """A fresh app on a private copy of the demo (whose users include SEDUC's upgret),
    storing evidence in ``carpeta``."""
    ajustes = dataclasses.replace(Settings.from_env(), evidencias_dir=str(carpeta))
    return create_app(private_demo_url, settings=ajustes)


def cliente(app, usuario: str | None, clave: str | None = None):
    """A test client, logged in as ``usuario`` (None: anonymous)."""
    c = app.server.test_client()
    if usuario is not None:
        respuesta = login_http(c, usuario, clave or clave_demo(usuario))
        assert respuesta.status_code == 302
    return c


def _evidencia_enviada(url: str, carpeta: Path, *, adjuntar: bool = True) -> str:
    """A SESAL PDF uploaded by upgret.sesal, attached to one of its validated versions (a
    fixture shortcut: attaching through the service is tested in tests/integration/reportes)."""
    with session_factory(get_engine(url), escritura=True)() as s, s.begin():
        e = evidencias.guardar(
            s,
            actor=UPGRET_SESAL,
            institucion="SESAL",
            nombre="Informe de partos (T2).pdf",
            contenido=pdf(),
            carpeta=carpeta,
        )
        if adjuntar:
            version = s.scalars(
                select(Avance)
                .join(Indicador, Indicador.id == Avance.indicador_id)
                .join(Institucion, Institucion.id == Indicador.institucion_responsable_id)
                .where(Institucion.sigla == "SESAL")
                .order_by(Avance.id)
            ).first()
            version.evidencia_id = e.id
        return e.clave


def test_owner_and_analyst_download_the_file_as_a_safe_attachment(app, private_demo_url, carpeta):
    """upgret.sesal and the analyst get 200: the exact bytes, as an attachment named after the
    sanitized original name, typed by content, with nosniff, a sandbox CSP and no caching; the
    file sits in the configured folder under its clave, outside the assets folder."""
    clave = _evidencia_enviada(private_demo_url, carpeta)
    assert (carpeta / clave).is_file() and ASSETS_DIR.resolve() not in carpeta.resolve().parents
    for usuario in ("upgret.sesal", "analista", "presidencia"):
        respuesta = cliente(app, usuario).get(web_ev.href(clave))
        assert respuesta.status_code == 200, usuario
        assert respuesta.data == pdf()
        assert respuesta.mimetype == "application/pdf"
        disposicion = respuesta.headers["Content-Disposition"]
        assert disposicion.startswith("attachment") and "Informe de partos (T2).pdf" in disposicion
        assert respuesta.headers["X-Content-Type-Options"] == "nosniff"
        assert respuesta.headers["Content-Security-Policy"].startswith("sandbox")
        assert "no-store" in respuesta.headers["Cache-Control"]
        assert "ETag" not in respuesta.headers


def test_other_scopes_get_403_and_unknown_claves_404(app, private_demo_url, carpeta):
    """Another institution's upgret gets 403 (and nothing of the file); an unknown or malformed
    clave is 404 for everyone; a file attached to nothing is the institution's only."""
    clave = _evidencia_enviada(private_demo_url, carpeta)
    suelta = _evidencia_enviada(private_demo_url, carpeta, adjuntar=False)
    otra = cliente(app, *OTRA)
    respuesta = otra.get(web_ev.href(clave))
    assert respuesta.status_code == 403 and pdf() not in respuesta.data
    assert "Content-Disposition" not in respuesta.headers
    analista = cliente(app, "analista")
    assert analista.get(web_ev.href(suelta)).status_code == 403
    assert cliente(app, "upgret.sesal").get(web_ev.href(suelta)).status_code == 200
    for c in (otra, analista):
        for falsa in (evidencias.almacen.nueva_clave(), "no-es-una-clave", clave + "x"):
            assert c.get(f"/evidencias/{falsa}").status_code == 404, falsa
        # A path with folders never reaches the route (Dash's page shell answers it instead).
        assert "Content-Disposition" not in c.get("/evidencias/..%2F..%2Fsecret_key").headers


def test_anonymous_visitors_are_sent_to_login(app, private_demo_url, carpeta):
    """Without a session the route redirects to the login page (nothing is served)."""
    clave = _evidencia_enviada(private_demo_url, carpeta)
    respuesta = cliente(app, None).get(web_ev.href(clave))
    assert respuesta.status_code == 302
    assert respuesta.headers["Location"].startswith("/login?next=")


# --- uploads through a callback: the per-callback request limit ------------------------------

SUBIDA = "prueba-evidencia"


def _con_callback_de_subida(app) -> str:
    """Add to ``app`` a form callback that stores an evidence upload the way the reportes page
    does (``guardar_subida`` inside ``formularios.escribir``) and returns the download link or
    the refusal; its callback-map key."""

    @app.callback(
        Output("prueba-resultado", "children"),
        Input("prueba-guardar", "n_clicks"),
        State(SUBIDA, "contents"),
        State(SUBIDA, "filename"),
        State("prueba-institucion", "data"),
        prevent_initial_call=True,
    )
    def subir(_n, contents, filename, institucion):
        enlace: dict[str, str] = {}

        def accion(s, actor):
            e = web_ev.guardar_subida(
                s, actor=actor, institucion=institucion, contents=contents, filename=filename
            )
            enlace["href"] = web_ev.href(e.clave)
            return "Archivo guardado."

        respuesta = formularios.escribir(accion, token=nuevo_token(), formulario="prueba")
        return enlace.get("href") or html.Div(respuesta.alerta.children)

    return next(k for k in app.callback_map if "prueba-resultado" in k)


def _llamar(c, salida: str, contents: str, filename: str = "acta.pdf", institucion="SESAL"):
    cuerpo = {
        "output": salida,
        "outputs": {"id": "prueba-resultado", "property": "children"},
        "inputs": [{"id": "prueba-guardar", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": SUBIDA, "property": "contents", "value": contents},
            {"id": SUBIDA, "property": "filename", "value": filename},
            {"id": "prueba-institucion", "property": "data", "value": institucion},
        ],
        "changedPropIds": ["prueba-guardar.n_clicks"],
    }
    return c.post(
        "/_dash-update-component",
        data=json.dumps(cuerpo),
        headers={"Content-Type": "application/json"},
    )


def _resultado(respuesta) -> str:
    return json.dumps(
        respuesta.get_json()["response"]["prueba-resultado"]["children"], ensure_ascii=False
    )


def _data_url(contenido: bytes) -> str:
    return "data:application/pdf;base64," + base64.b64encode(contenido).decode()


def test_an_evidence_callback_may_carry_a_large_file_and_others_may_not(app, carpeta):
    """A 6 MB PDF goes through a callback that reads an evidence upload (stored, then
    downloadable by its owner); the same body sent to any other callback is refused with the
    2 MB limit's Spanish 413; above the evidence limit even the upload callback gets 413."""
    salida = _con_callback_de_subida(app)
    c = cliente(app, "upgret.sesal")
    grande = pdf()[:-6] + b"\n" * (6 * 1024 * 1024) + b"%%EOF\n"
    respuesta = _llamar(c, salida, _data_url(grande))
    assert respuesta.status_code == 200, respuesta.data[:300]
    enlace = json.loads(_resultado(respuesta))
    assert enlace.startswith("/evidencias/")
    assert c.get(enlace).data == grande

    otra = llamada_barra("x" * 3_000_000)
    rechazo = c.post(
        "/_dash-update-component",
        data=json.dumps(otra),
        headers={"Content-Type": "application/json"},
    )
    assert rechazo.status_code == 413
    assert "el máximo es 2.0 MB" in rechazo.get_json()["error"]

    enorme = _llamar(c, salida, "data:application/pdf;base64," + "A" * (15 * 1024 * 1024))
    assert enorme.status_code == 413


def test_a_forged_upload_for_another_institution_or_a_malicious_file_is_refused(app, carpeta):
    """Through the callback, upgret.sesal cannot store a file as SEDUC's (a forged state), and an
    SVG with script is refused with its Spanish reason; nothing is written."""
    salida = _con_callback_de_subida(app)
    c = cliente(app, "upgret.sesal")
    ajena = _resultado(_llamar(c, salida, _data_url(pdf()), institucion="SEDUC"))
    assert "Solo la unidad de planificación" in ajena
    svg = "data:image/svg+xml;base64," + base64.b64encode(SVG_SCRIPT).decode()
    assert "SVG no se admiten" in _resultado(_llamar(c, salida, svg, filename="grafico.png"))
    assert not carpeta.exists() or not any(carpeta.iterdir())


def test_the_import_callback_admits_a_workbook_above_the_general_limit(app):
    """/importar's callback may carry a workbook up to SIGPRET_MAX_LIBRO_MB (the demo at 10× is
    6.6 MB); the same body on any other callback gets the general 2 MB limit's 413."""
    from dashboard.pages import importar

    c = cliente(app, "analista")  # the first request registers the pages' callbacks
    mapa = app.callback_map
    salida = next(
        k
        for k, v in mapa.items()
        if any(i.get("id") == importar.SUBIDA for i in v.get("inputs", []))
    )
    libro = "data:application/octet-stream;base64," + "A" * (8 * 1024 * 1024)
    cuerpo = {
        "output": salida,
        "outputs": [
            {"id": o.split(".")[0], "property": o.split(".")[1]}
            for o in salida.strip(".").split("...")
            if o
        ],
        "inputs": [
            {
                "id": importar.SUBIDA,
                "property": "data",
                "value": {"contenido": libro, "nombre": "x.xlsx"},
            },
            {"id": importar.INTERVALO, "property": "n_intervals", "value": None},
            {"id": importar.APLICAR, "property": "n_clicks", "value": None},
        ],
        "changedPropIds": [f"{importar.SUBIDA}.data"],
        "state": [{"id": "importar-token", "property": "data", "value": None}],
    }
    respuesta = c.post(
        "/_dash-update-component",
        data=json.dumps(cuerpo),
        headers={"Content-Type": "application/json"},
    )
    assert respuesta.status_code == 200, respuesta.data[:200]
    otra = llamada_barra(libro)
    rechazo = c.post(
        "/_dash-update-component",
        data=json.dumps(otra),
        headers={"Content-Type": "application/json"},
    )
    assert rechazo.status_code == 413
