"""Helpers of the front-door tests (issue #9): apps built from environment settings, clients that
log in through the real form, audit counts.

The database is ``url_puerta``'s (see this folder's conftest): SQLite and PostgreSQL, no MCR (the
front door does not need one).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select

from dashboard import create_app
from data_layer.db import session_factory
from data_layer.models import Auditoria

USUARIO = "ana.perez"
CLAVE = "Clave-Correcta-2026"
#: Settings a test starts without (whatever the shell running the tests has set).
VARIABLES = (
    "REDIS_URL",
    "SIGPRET_DESARROLLO",
    "SIGPRET_PROXY_SALTOS",
    "SIGPRET_LIMITE_LOGIN",
    "SIGPRET_MAX_SOLICITUD_MB",
)


def app_de(url: str, monkeypatch: pytest.MonkeyPatch, **entorno: str):
    """A fresh app on ``url`` with these environment variables (``SIGPRET_*``, ``REDIS_URL``)."""
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    for nombre, valor in entorno.items():
        monkeypatch.setenv(nombre, valor)
    return create_app(url)


def cliente_desde(app, direccion: str, reenviada: str | None = None):
    """A test client whose TCP peer is ``direccion`` (and, optionally, an X-Forwarded-For)."""
    c = app.server.test_client()
    c.environ_base["REMOTE_ADDR"] = direccion
    if reenviada is not None:
        c.environ_base["HTTP_X_FORWARDED_FOR"] = reenviada
    return c


def csrf_de(c, ruta: str = "/login", **peticion: Any) -> str:
    """The CSRF token of the form at ``ruta`` (``peticion``: e.g. ``base_url``)."""
    pagina = c.get(ruta, **peticion).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', pagina).group(1)


def entrar(
    c,
    usuario: str = USUARIO,
    clave: str = CLAVE,
    campos: dict[str, str] | None = None,
    **peticion: Any,
):
    """POST the login form (with its CSRF token and any extra ``campos``); ``peticion`` goes to
    both requests (e.g. ``base_url``)."""
    datos = {"csrf_token": csrf_de(c, **peticion), "usuario": usuario, "clave": clave}
    return c.post("/login", data={**datos, **(campos or {})}, **peticion)


def acciones(url: str, accion: str, usuario: str = USUARIO) -> list[Auditoria]:
    """The audit records of ``accion`` by ``usuario``, oldest first."""
    from data_layer.db import get_engine

    with session_factory(get_engine(url))() as s:
        return list(
            s.scalars(
                select(Auditoria)
                .where(Auditoria.accion == accion, Auditoria.usuario == usuario)
                .order_by(Auditoria.id)
            )
        )


def cuantas(url: str, accion: str, usuario: str = USUARIO) -> int:
    """How many audit records of ``accion`` by ``usuario`` there are."""
    from data_layer.db import get_engine

    with session_factory(get_engine(url))() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(Auditoria)
                .where(Auditoria.accion == accion, Auditoria.usuario == usuario)
            )
            or 0
        )
