"""The audit page's content (``data_layer.vistas.auditoria.consultar_auditoria``), read from a
real SQLite database (the page itself only formats it)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from data_layer.db import session_scope
from data_layer.models import Auditoria
from data_layer.vistas.auditoria import FiltroAuditoria, consultar_auditoria

UTC = dt.UTC


def _insertar(engine) -> None:
    """Ana logs in and out on 01/03/2025 (Honduras), Beto logs in on 02/03 and fails on 03/03."""
    registros = [
        (dt.datetime(2025, 3, 1, 12, 0, tzinfo=UTC), "ana", "login"),
        (dt.datetime(2025, 3, 1, 13, 0, tzinfo=UTC), "ana", "logout"),
        (dt.datetime(2025, 3, 2, 12, 0, tzinfo=UTC), "beto", "login"),
        (dt.datetime(2025, 3, 3, 12, 0, tzinfo=UTC), "beto", "login_fallido"),
    ]
    with session_scope(engine) as s:
        s.execute(
            insert(Auditoria),
            [{"momento": m, "usuario": u, "accion": a} for m, u, a in registros],
        )


def test_consultar_auditoria_filters_rows_but_offers_the_whole_log(sqlite_engine) -> None:
    """Filtered by action «login»: Ana's and Beto's logins, newest first, as text rows, and a
    total of 2; the user and action filters still offer everything in the log, actions sorted by
    their Spanish name (Cierre… before Inicio de sesión before Inicio de sesión fallido)."""
    _insertar(sqlite_engine)
    consulta = consultar_auditoria(sqlite_engine, FiltroAuditoria(accion="login"))
    assert [f["usuario"] for f in consulta.filas] == ["beto", "ana"]
    assert [f["momento_texto"] for f in consulta.filas] == ["02/03/2025 06:00", "01/03/2025 06:00"]
    assert {f["accion_texto"] for f in consulta.filas} == {"Inicio de sesión"}
    assert consulta.total == 2
    assert consulta.usuarios == ["ana", "beto"]
    assert consulta.acciones == ["logout", "login", "login_fallido"]


def test_consultar_auditoria_of_a_filter_nobody_matches(sqlite_engine) -> None:
    """A day with no record: no row and a total of 0, the filters' options unchanged."""
    _insertar(sqlite_engine)
    dia = dt.date(2025, 4, 1)
    consulta = consultar_auditoria(sqlite_engine, FiltroAuditoria(desde=dia, hasta=dia))
    assert (consulta.filas, consulta.total) == ([], 0)
    assert consulta.usuarios == ["ana", "beto"]
