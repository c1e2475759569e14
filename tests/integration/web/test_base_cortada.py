"""PostgreSQL's connections are killed while writes flow (issue #15): every acknowledged write is
in the database afterwards, a write that failed says so, and the app recovers by itself.

The app and the writers reach a real PostgreSQL through a TCP proxy on loopback
(:mod:`tests.proxy_tcp`) whose :meth:`~tests.proxy_tcp.ProxyTCP.cortar` resets every open
connection, as a restarted server or a dropped network link would.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from dashboard import create_app
from data_layer import auth
from data_layer.db import get_engine, session_scope
from data_layer.models import Rol, Usuario
from tests.conftest import login_http
from tests.integration.web.conftest import CLAVE_ANA as CLAVE
from tests.integration.web.conftest import url_por
from tests.proxy_tcp import ProxyTCP

pytestmark = pytest.mark.postgres

HILOS = 4
ESCRITURAS = 30


def test_killed_connections_lose_no_acknowledged_write(proxy: ProxyTCP, postgres: Engine) -> None:
    """Four writers create users through the proxy while every connection is reset three
    times: each write whose commit returned is in the database; the ones that failed raised (no
    silent loss); every writer's last writes succeed again without any restart."""
    url = url_por(proxy)
    motor = get_engine(url)
    confirmadas: list[str] = []
    fallidas: list[str] = []
    candado = threading.Lock()

    def escribir(hilo: int) -> None:
        for i in range(ESCRITURAS):
            nombre = f"u{hilo}_{i:02d}"
            try:
                with session_scope(motor) as s:
                    auth.crear_usuario(s, nombre, Rol.analista, CLAVE, actor="prueba")
            except DBAPIError:
                with candado:
                    fallidas.append(nombre)
            else:
                with candado:
                    confirmadas.append(nombre)
            time.sleep(0.01)

    hilos = [threading.Thread(target=escribir, args=(h,)) for h in range(HILOS)]
    for h in hilos:
        h.start()
    for _ in range(3):
        time.sleep(0.15)
        proxy.cortar()
    for h in hilos:
        h.join(120)
    assert not any(h.is_alive() for h in hilos)
    assert proxy.conexiones > HILOS  # the resets took effect: dead connections were replaced

    with session_scope(postgres) as s:
        guardados = set(s.scalars(select(Usuario.usuario)))
    assert set(confirmadas) <= guardados
    assert len(confirmadas) + len(fallidas) == HILOS * ESCRITURAS
    for h in range(HILOS):
        assert f"u{h}_{ESCRITURAS - 1:02d}" in confirmadas  # recovered by itself
    motor.dispose()


def test_after_its_connections_are_killed_a_page_is_served_again(
    proxy: ProxyTCP, postgres: Engine
) -> None:
    """A logged-in analyst's next page after every pooled connection was reset is served (the
    pool's check replaces dead connections): no restart, no error page."""
    url = url_por(proxy)
    app = create_app(url)
    cliente = app.server.test_client()
    assert login_http(cliente, "ana", CLAVE).status_code == 302
    assert cliente.get("/").status_code == 200
    proxy.cortar()
    assert cliente.get("/").status_code == 200
    assert cliente.get("/preferencias").status_code == 200
    get_engine(url).dispose()
