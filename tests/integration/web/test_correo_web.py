"""The /correo page through the real Flask/Dash stack (logged in through the real form): an
admin reads the outbox and the local mailbox, downloads an attachment and queues a failed
message again (audited); any other role, even with a forged callback, gets the refusal, no
message data, and retries nothing."""

from __future__ import annotations

import json
import re
import shutil
from typing import Any

import pytest
from sqlalchemy import func, select, update

from dashboard import create_app
from data_layer.config import Settings
from data_layer.correo import EstadoCorreo, MensajeCorreo, configurar_despacho
from data_layer.correo.entrega import enviar_pendientes
from data_layer.db import make_engine, session_factory
from data_layer.demo import clave_demo
from data_layer.models import Auditoria
from tests.conftest import login_http


@pytest.fixture
def url(demo_database_url, tmp_path):
    """A copy of the demo database (its convocatorias queued mail when it was loaded)."""
    origen = demo_database_url.split("///", 1)[1]
    destino = tmp_path / "sigpret.db"
    shutil.copyfile(origen, destino)
    return f"sqlite:///{destino}"


@pytest.fixture
def app(url):
    aplicacion = create_app(url)
    configurar_despacho(None, None)  # these tests deliver by hand
    yield aplicacion
    configurar_despacho(None, None)


def _cliente(app, usuario: str):
    c = app.server.test_client()
    assert login_http(c, usuario, clave_demo(usuario)).status_code == 302
    return c


def _llamar(app, c, *, reintentar: int | None = None) -> str:
    salida = next(s for s in app.callback_map if s.startswith("..correo-contenido.children"))
    cb = app.callback_map[salida]
    patron = {"type": "correo-reintentar", "id": reintentar or 0}
    cuerpo: dict[str, Any] = {
        "output": salida,
        "outputs": [
            {"id": "correo-contenido", "property": "children"},
            {"id": "correo-mensaje", "property": "children"},
        ],
        "inputs": [
            {"id": "correo-actualizar", "property": "n_clicks", "value": None},
            [{"id": patron, "property": "n_clicks", "value": 1}] if reintentar else [],
        ],
        "changedPropIds": [json.dumps(patron, separators=(",", ":"), sort_keys=True) + ".n_clicks"]
        if reintentar
        else [],
    }
    assert len(cb["inputs"]) == 2
    respuesta = c.post(
        "/_dash-update-component",
        data=json.dumps(cuerpo),
        headers={"Content-Type": "application/json"},
    )
    assert respuesta.status_code == 200, respuesta.get_data(as_text=True)[:500]
    # Dash escapes «/» and accents in its JSON: read it back as plain text.
    return json.dumps(json.loads(respuesta.get_data(as_text=True)), ensure_ascii=False)


def _buzon(url: str) -> None:
    engine = make_engine(url)
    ajustes = Settings(database_url=url, redis_url=None, secret_key=None, reglas_path=None)
    assert enviar_pendientes(engine, ajustes).enviados > 0
    engine.dispose()


def _mensaje(url: str) -> MensajeCorreo:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        m = s.scalars(select(MensajeCorreo).order_by(MensajeCorreo.id)).first()
    engine.dispose()
    assert m is not None
    return m


def test_admin_lee_el_buzon_local_y_descarga_el_adjunto(app, url):
    """Delivered in embedded mode, the demo's convocatorias are in the admin's local mailbox
    with their attachments, which download (a PDF that opens)."""
    _buzon(url)
    c = _cliente(app, "admin")
    texto = _llamar(app, c)
    assert "Buzón local" in texto and "Convocatoria: Sesión" in texto
    ids = re.findall(r"/descargas/correo/adjunto/(\d+)", texto)
    assert ids
    respuesta = c.get(f"/descargas/correo/adjunto/{ids[0]}")
    assert respuesta.status_code == 200 and respuesta.mimetype == "application/pdf"
    assert respuesta.data.startswith(b"%PDF-")


@pytest.mark.parametrize("usuario", ["analista", "coord.salud", "upgret.sesal", "presidencia"])
def test_otros_roles_reciben_la_negativa_aun_forjando_el_callback(app, url, usuario):
    """Any role but admin gets the refusal from the callback (forged retry included): no message
    data, the message unchanged, nothing audited, and the attachment route answers 403."""
    engine = make_engine(url)
    with session_factory(engine)() as s, s.begin():
        s.execute(
            update(MensajeCorreo)
            .where(MensajeCorreo.id == 1)
            .values(estado=EstadoCorreo.fallido, intentos=8)
        )
    c = _cliente(app, usuario)
    texto = _llamar(app, c, reintentar=1)
    assert "Solo los administradores" in texto
    assert "Convocatoria:" not in texto and "@" not in texto
    m = _mensaje(url)
    assert m.estado is EstadoCorreo.fallido and m.intentos == 8
    with session_factory(engine)() as s:
        assert not s.scalar(select(func.count()).where(Auditoria.accion == "correo_reintentado"))
    assert c.get("/descargas/correo/adjunto/1").status_code == 403
    engine.dispose()


def test_admin_reintenta_un_fallido_auditado(app, url):
    """«Reintentar» on a failed message puts it back in the queue with its tries reset, says so,
    and audits it under the admin's name."""
    engine = make_engine(url)
    with session_factory(engine)() as s, s.begin():
        s.execute(
            update(MensajeCorreo)
            .where(MensajeCorreo.id == 1)
            .values(estado=EstadoCorreo.fallido, intentos=8, ultimo_error="Conexión rechazada")
        )
    c = _cliente(app, "admin")
    assert "Falló tras 8 intentos: Conexión rechazada" in _llamar(app, c)
    assert "volvió a la cola" in _llamar(app, c, reintentar=1)
    m = _mensaje(url)
    assert m.estado is EstadoCorreo.en_cola and m.intentos == 0
    with session_factory(engine)() as s:
        usuario = s.scalar(
            select(Auditoria.usuario).where(Auditoria.accion == "correo_reintentado")
        )
    assert usuario == "admin"
    engine.dispose()
