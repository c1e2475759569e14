"""Fixtures of the front-door tests (issue #9): a small database with one user, the app's log
records (its ``sigpret`` loggers do not propagate to the root logger) and a stopped clock."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from data_layer import auth
from data_layer.db import session_scope
from tests.integration.web.puerta.ayuda import CLAVE, USUARIO


@pytest.fixture
def url_puerta(engine: Engine) -> str:
    """A migrated, empty database (SQLite, then PostgreSQL) with one analyst, ``ana.perez``."""
    with session_scope(engine) as s:
        auth.crear_usuario(s, USUARIO, "analista", CLAVE, actor="prueba")
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def registros(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every log record of the app, the ``sigpret`` loggers' included."""
    caplog.set_level(logging.INFO)
    logger = logging.getLogger("sigpret")
    logger.addHandler(caplog.handler)
    try:
        yield caplog
    finally:
        logger.removeHandler(caplog.handler)


@dataclass
class Reloj:
    """The data layer's clock, stopped at ``ahora`` until a test moves it."""

    ahora: dt.datetime

    def avanzar(self, segundos: float) -> None:
        """Move the clock forward."""
        self.ahora += dt.timedelta(seconds=segundos)


@pytest.fixture
def reloj(monkeypatch: pytest.MonkeyPatch) -> Reloj:
    """Stop the data layer's clock (logins, sessions, the throttle) at the real time now, so a
    test of the delays does not depend on how fast this machine runs it."""
    parado = Reloj(auth.ahoracomo_utc())
    monkeypatch.setattr(auth, "ahoracomo_utc", lambda: parado.ahora)
    return parado
