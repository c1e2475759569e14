"""A long write elsewhere does not fail a logged-in page (issue #15): on SQLite, with another
connection holding the write lock (a large import), a request whose session activity is due is
served; only the activity touch is dropped."""

from __future__ import annotations

import datetime as dt
import sqlite3

from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from dashboard import create_app
from data_layer.db import make_engine, session_scope
from data_layer.demo import clave_demo
from data_layer.models import Sesion
from tests.conftest import login_http


def test_a_page_is_served_while_another_connection_holds_the_write_lock(
    demo_database_url,
) -> None:
    """The analyst's session is two minutes idle (its touch is due); a connection holds SQLite's
    write lock; the page still answers 200 quickly instead of waiting the busy timeout and
    failing with a 503."""
    app = create_app(demo_database_url)
    c = app.server.test_client()
    assert login_http(c, "analista2", clave_demo("analista2")).status_code == 302
    engine = make_engine(demo_database_url)
    hace = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)
    with session_scope(engine) as s:
        s.execute(update(Sesion).where(Sesion.cerrada_en.is_(None)).values(ultima_actividad=hace))
    bloqueo = sqlite3.connect(make_url(demo_database_url).database, isolation_level=None)
    try:
        bloqueo.execute("BEGIN IMMEDIATE")
        respuesta = c.get("/preferencias")
        assert respuesta.status_code == 200, respuesta.status_code
    finally:
        bloqueo.execute("ROLLBACK")
        bloqueo.close()
    # Once the lock is gone, the next request records the activity.
    assert c.get("/preferencias").status_code == 200
    with session_scope(engine) as s:
        ultimas = s.scalars(
            select(Sesion.ultima_actividad).where(Sesion.cerrada_en.is_(None))
        ).all()
    assert any(u.replace(tzinfo=dt.UTC) > hace + dt.timedelta(minutes=1) for u in ultimas)
    engine.dispose()
