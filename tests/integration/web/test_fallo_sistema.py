"""A write that fails for a system reason tells the user in Spanish that nothing was saved and
keeps what they typed (issue #9), tested against a real locked database and a real closed port.

Found: during a database outage the browser showed nothing, the text typed was lost, and the
server logged each attempt as a forged request with a full traceback (110,000 log lines for a
20-second outage). Now :func:`dashboard.components.formularios.escribir` answers
«No se guardó nada: la base de datos no respondió…», the form keeps its values and its token,
and the log gets one line per failed write.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest
from dash import no_update
from sqlalchemy import event, func, select

from dashboard import create_app
from dashboard.components import formularios as fm
from data_layer.db import get_engine, session_factory
from data_layer.envios import EnvioFormulario, nuevo_token
from data_layer.mesas.models import SesionMesa
from data_layer.periods import hoy_honduras
from tests.conftest import sesion_de_prueba

DIA = hoy_honduras() - dt.timedelta(days=20)
#: What the coordinator typed in the convocatoria form.
TECLEADO = {
    "nivel": "tecnico",
    "enviada": (DIA - dt.timedelta(days=9)).isoformat(),
    "fecha": DIA.isoformat(),
    "hora": "09:00",
    "lugar": "Secretaría de Salud",
    "agenda": "Revisión del avance\nPlan de trabajo",
    "justificacion": None,
}


def _convocar(app, token: str) -> dict:
    """The Salud coordinator's «Convocar» callback, called as Dash calls it in a request."""
    from dashboard.pages import mesa_convocar

    with sesion_de_prueba(app, "/mesas/SAL/convocar", rol="coordinador_mesa", sectores=["SAL"]):
        return mesa_convocar.convocar(1, {"sector": "SAL"}, *TECLEADO.values(), token)


def _fallo_contado(caplog, salida: dict, token: str) -> None:
    """The answer says nothing was saved, touches neither the fields nor the token, and the log
    has one line for it, without a traceback."""
    assert fm.SIN_BASE in str(salida["resultado"])
    assert salida["token"] is no_update
    assert all(v is no_update for v in salida["campos"].values())
    registros = [r for r in caplog.records if r.name == fm.__name__]
    assert len(registros) == 1, [r.getMessage() for r in registros]
    assert registros[0].exc_info is None and "\n" not in registros[0].getMessage()
    assert "convocar_sesion" in registros[0].getMessage()


@pytest.fixture
def url_sqlite(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the SQLite demo."""
    destino = tmp_path / "bloqueada.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    return f"sqlite:///{destino}"


def test_a_write_on_a_locked_database_says_nothing_was_saved_and_keeps_the_form(
    url_sqlite, caplog
) -> None:
    """Another process holds the SQLite database's write lock (``BEGIN EXCLUSIVE``) longer than
    the busy timeout: «Convocar» answers in Spanish that nothing was saved, keeps what was typed
    (and the token, to send again), writes nothing and logs one line; once the lock is
    released the same form, sent again, is recorded."""
    app = create_app(url_sqlite)
    engine = get_engine(url_sqlite)

    @event.listens_for(engine, "connect")
    def _espera_corta(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA busy_timeout=300")  # the real lock, a shorter wait

    engine.dispose()
    with session_factory(engine)() as s:
        antes = s.scalar(select(func.count()).select_from(SesionMesa))
    bloqueo = sqlite3.connect(url_sqlite.split("///", 1)[1], isolation_level=None)
    bloqueo.execute("BEGIN EXCLUSIVE")
    token = nuevo_token()
    try:
        with caplog.at_level(logging.WARNING):
            salida = _convocar(app, token)
    finally:
        bloqueo.execute("ROLLBACK")
        bloqueo.close()
    _fallo_contado(caplog, salida, token)
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(SesionMesa)) == antes
        assert s.get(EnvioFormulario, token) is None
    assert "Sesión convocada" in str(_convocar(app, token)["resultado"])
    engine.dispose()


def test_a_write_with_the_database_down_says_nothing_was_saved(caplog) -> None:
    """The database server does not answer (a PostgreSQL URL on a closed loopback port):
    «Convocar» answers in Spanish that nothing was saved, keeps the form, logs one line."""
    app = create_app("postgresql://sigpret@127.0.0.1:9/sigpret")
    token = nuevo_token()
    with caplog.at_level(logging.WARNING):
        salida = _convocar(app, token)
    _fallo_contado(caplog, salida, token)
    get_engine("postgresql://sigpret@127.0.0.1:9/sigpret").dispose()
