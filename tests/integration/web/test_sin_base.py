"""PostgreSQL stops answering (issue #15): the user is told so in Spanish within seconds, and
the app recovers by itself when it answers again.

Found: during a network partition both workers froze for 60 s (even the login page), because
no wait on the database was bounded. Here the app reaches a real PostgreSQL through a TCP
proxy on loopback (:mod:`tests.proxy_tcp`) that is frozen: it accepts connections and never
forwards a byte, as a partition or a hung server would.

The bounds asserted are generous limits for a shared test machine, not timings: the defaults
(2 s pool ping + 3 s connect, 5 s for the whole session check) answer in about 5 s.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import Engine, make_url

from dashboard import create_app
from dashboard.errores import NO_DISPONIBLE
from data_layer.db import get_engine
from tests.conftest import PG_URL, login_http
from tests.integration.web.conftest import CLAVE_ANA as CLAVE
from tests.integration.web.conftest import url_por
from tests.proxy_tcp import ProxyTCP

pytestmark = pytest.mark.postgres

#: The most a request may take to answer 503 while the database is frozen (asserted bound).
LIMITE_S = 10.0


def test_with_the_database_frozen_a_page_answers_503_in_spanish_and_recovers(
    proxy: ProxyTCP, postgres: Engine
) -> None:
    """A logged-in analyst opens a page while the database does not answer: the answer is a
    503 page saying «Sin conexión con la base de datos», within the bound, whether the worker
    had a pooled connection (first request) or not (second); once the database answers again
    the same app serves the page, without a restart."""
    url = url_por(proxy)
    app = create_app(url)
    cliente = app.server.test_client()
    assert login_http(cliente, "ana", CLAVE).status_code == 302
    assert cliente.get("/").status_code == 200

    proxy.congelar()
    try:
        for _ in range(2):
            inicio = time.monotonic()
            respuesta = cliente.get("/")
            duracion = time.monotonic() - inicio
            assert respuesta.status_code == 503
            assert "Sin conexión con la base de datos" in respuesta.get_data(as_text=True)
            assert respuesta.headers["Retry-After"]
            assert duracion < LIMITE_S, f"respondió en {duracion:.1f} s"
        # A callback (what the browser sends once a page is open) gets the same text, as JSON.
        inicio = time.monotonic()
        respuesta = cliente.post("/_dash-update-component", json={"output": "x"})
        assert respuesta.status_code == 503
        assert respuesta.get_json() == {"error": NO_DISPONIBLE}
        assert time.monotonic() - inicio < LIMITE_S
    finally:
        proxy.descongelar()

    assert cliente.get("/").status_code == 200
    get_engine(url).dispose()


def test_a_statement_that_outlasts_the_statement_timeout_is_cancelled_by_the_server(
    postgres: Engine, monkeypatch
) -> None:
    """``SIGPRET_BD_CONSULTA_S`` reaches the server: a query running longer is cancelled there
    (``statement_timeout``) with a database error, and the connection stays usable."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from data_layer.db import make_engine

    monkeypatch.setenv("SIGPRET_BD_CONSULTA_S", "1")
    engine = make_engine(PG_URL)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SHOW statement_timeout")) == "1s"
            with pytest.raises(OperationalError, match="statement timeout"):
                conn.execute(text("SELECT pg_sleep(5)"))
            conn.rollback()
            assert conn.scalar(text("SELECT 1")) == 1
    finally:
        engine.dispose()


def test_the_url_keeps_its_own_options_and_timeouts() -> None:
    """A URL that already sets ``options`` (a ``search_path``) keeps it, with the statement
    timeout added; one that sets its own ``statement_timeout`` or ``connect_timeout`` keeps
    them."""
    from data_layer.plazos import Tiempos, url_con_tiempos

    tiempos = Tiempos(conexion_s=4, consulta_s=20)
    url = url_con_tiempos(make_url("postgresql://u@h/bd?options=-csearch_path%3Dx"), tiempos)
    assert url.query["options"] == "-csearch_path=x -c statement_timeout=20000"
    assert url.query["connect_timeout"] == "4"
    propia = make_url("postgresql://u@h/bd?options=-cstatement_timeout%3D5s&connect_timeout=9")
    assert url_con_tiempos(propia, tiempos) == propia
