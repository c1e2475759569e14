"""Each server process reads new data in the background (issue #15, :mod:`dashboard.vigia`): at
start and after every change of the data version it has the MCR read and the default overview's
engine result computed before any visitor asks, on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest

from bench.validacion import sembrar_envios
from dashboard import create_app, data, vigia
from data_layer.db import get_engine


@pytest.fixture
def app(private_demo_url: str):
    """A fresh app on a private copy of the demo (the test sends values)."""
    return create_app(private_demo_url)


def _listo(app) -> tuple[int, bool, bool]:
    """The current data version, whether this process holds its MCR, and whether the default
    overview's engine result for it is in the result cache."""
    with app.server.app_context():
        d = data.datos()
        version = d.version()
        mcr = d._mcr is not None and d._mcr[0] == version
        clave = d.clave_resultado(data.periodo_efectivo(None), data.hoy_honduras(), version)
        return version, mcr, d.cache.get(clave) is not None


def test_a_pass_reads_and_warms_each_new_version_once(app, private_demo_url: str) -> None:
    """The first pass reads the MCR and computes the overview; a pass without a change does
    nothing; after institutions send values (a new data version) the next pass reads again."""
    vigilante = vigia.Vigia(app.server)
    assert _listo(app)[1:] == (False, False)
    assert vigilante.pasada() is True
    version, mcr, resultado = _listo(app)
    assert (vigilante.version, mcr, resultado) == (version, True, True)
    assert vigilante.pasada() is False

    assert sembrar_envios(get_engine(private_demo_url), 4)
    nueva, mcr, resultado = _listo(app)
    assert nueva != version and not mcr
    assert vigilante.pasada() is True
    assert _listo(app) == (nueva, True, True)


def test_the_thread_follows_the_version_by_itself(app, private_demo_url: str) -> None:
    """Started, the thread warms the current version at once and a new one within seconds."""
    vigilante = vigia.vigilar(app.server, intervalo=0.1)
    try:
        _esperar(lambda: vigilante.version == _listo(app)[0])
        assert sembrar_envios(get_engine(private_demo_url), 4)
        _esperar(lambda: vigilante.version == _listo(app)[0])
        assert _listo(app)[1:] == (True, True)
    finally:
        vigilante.detener()


def _esperar(condicion, segundos: float = 60) -> None:
    limite = time.monotonic() + segundos
    while not condicion():
        assert time.monotonic() < limite, "el hilo no leyó la versión nueva"
        time.sleep(0.05)
