"""Errors told apart (issue #9): a database that stops answering is a system error (503, a Spanish
message the page can show, one short log line however many requests fail), and a forged callback
is a bad request (400, one short line each), never a traceback in the log.

The outage is real: after logging in, the SQLite file's folder is replaced by a plain file, so
every new connection fails as it does when the disk or the server goes away.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from data_layer import auth
from data_layer.db import get_engine, make_engine, session_scope
from data_layer.migrate import upgrade
from tests.conftest import SALIDAS_BARRA, llamada_barra
from tests.integration.web.puerta.ayuda import (
    CLAVE,
    USUARIO,
    app_de,
    cliente_desde,
    entrar,
)

LLAMADA = llamada_barra("/")


@pytest.fixture
def base_que_se_cae(tmp_path: Path) -> tuple[str, Path]:
    """A SQLite database (with ``ana.perez``) inside its own folder, and that folder."""
    carpeta = tmp_path / "datos"
    url = f"sqlite:///{carpeta / 'sigpret.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as s:
        auth.crear_usuario(s, USUARIO, "analista", CLAVE, actor="prueba")
    engine.dispose()
    return url, carpeta


def _caer(url: str, carpeta: Path) -> None:
    """Close the app's connections and make the database impossible to open."""
    get_engine(url).dispose()
    shutil.rmtree(carpeta)
    carpeta.write_text("ya no es una carpeta")


def _con_traza(registros) -> list[logging.LogRecord]:
    return [r for r in registros.records if r.exc_info or r.stack_info]


def test_a_database_outage_answers_503_with_one_log_line(
    base_que_se_cae, monkeypatch, registros
) -> None:
    """Twenty callbacks while the database is down: each gets 503 with a Spanish message saying
    nothing was saved; the log gets one concise line (error class and message), no traceback."""
    url, carpeta = base_que_se_cae
    app = app_de(url, monkeypatch)
    c = cliente_desde(app, "10.3.0.1")
    assert entrar(c).status_code == 302
    _caer(url, carpeta)
    registros.clear()
    for _ in range(20):
        respuesta = c.post("/_dash-update-component", json=LLAMADA)
        assert respuesta.status_code == 503
        assert "No se guardó" in respuesta.get_json()["error"]
        assert respuesta.headers["Retry-After"]
    pagina = c.get("/")
    assert pagina.status_code == 503 and "no está disponible" in pagina.get_data(as_text=True)
    assert not _con_traza(registros)
    avisos = [r for r in registros.records if "OperationalError" in r.getMessage()]
    assert len(avisos) == 1, [r.getMessage() for r in avisos]
    assert "unable to open database file" in avisos[0].getMessage()
    assert "SELECT" not in avisos[0].getMessage()  # no SQL text (nor its parameters)


def test_a_forged_callback_gets_400_and_one_short_line(url_puerta, monkeypatch, registros) -> None:
    """A callback envelope that makes Dash fail (a declared output without its property) is a
    bad request: 400, one log line naming the error, no traceback."""
    app = app_de(url_puerta, monkeypatch)
    c = cliente_desde(app, "10.3.0.2")
    assert entrar(c).status_code == 302
    registros.clear()
    forjada = {**LLAMADA, "outputs": [{"id": i} for i, _ in SALIDAS_BARRA]}
    respuesta = c.post("/_dash-update-component", json=forjada)
    assert respuesta.status_code == 400
    assert respuesta.get_json() == {"error": "Solicitud no válida."}
    assert not _con_traza(registros)
    rechazos = [r for r in registros.records if "rechaz" in r.getMessage()]
    assert len(rechazos) == 1 and "\n" not in rechazos[0].getMessage()
