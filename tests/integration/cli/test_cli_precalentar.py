"""`sigpret import mcr` warms the shared result cache (Redis) like a web import (issue #15)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from redis import Redis

from data_layer.config import Settings
from data_layer.engine import Resultado
from tests.conftest import unavailable
from tests.integration.cli.test_cli import run_cli, write_mcr

#: A Redis database of this test module's own (others use other numbers).
REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_limpio() -> Iterator[Redis]:
    """Redis database 13, emptied before and after."""
    cliente = Redis.from_url(REDIS_URL)
    try:
        cliente.flushdb()
    except Exception as exc:  # any connection failure means "no server"
        unavailable(f"Redis no disponible en {REDIS_URL}: {exc.__class__.__name__}")
    yield cliente
    cliente.flushdb()
    cliente.close()


def _resultado_en_cache(url: str, redis_url: str | None) -> object:
    """What a web worker of ``url`` finds in the shared cache for the overview's quarter."""
    from dashboard import create_app, data

    ajustes = dataclasses.replace(Settings.from_env(), database_url=url, redis_url=redis_url)
    app = create_app(settings=ajustes)
    datos = app.server.extensions[data.EXTENSION]
    with app.server.app_context():
        clave = datos.clave_resultado(
            data.periodo_efectivo(None), data.hoy_honduras(), datos.version()
        )
        return datos.cache.get(clave)


def test_a_cli_import_warms_the_shared_cache_for_the_web_workers(
    engine, monkeypatch, tmp_path, capsys, redis_limpio
) -> None:
    """With REDIS_URL, an import that changed data leaves the new version's overview result in
    Redis under the key the web workers read: nobody pays the cold overview after a CLI import.
    A re-import that changes nothing warms nothing (the cached version is still current)."""
    url = engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    codigo, out, err = run_cli(capsys, "import", "mcr", str(write_mcr(tmp_path / "mcr")))
    assert codigo == 0, err
    assert "Caché de resultados precalentada" in out
    assert isinstance(_resultado_en_cache(url, REDIS_URL), Resultado)

    codigo, out, _ = run_cli(capsys, "import", "mcr", str(write_mcr(tmp_path / "otra")))
    assert codigo == 0 and "Sin cambios" in out
    assert "precalentada" not in out


def test_without_redis_the_cli_import_warms_nothing(engine, monkeypatch, tmp_path, capsys) -> None:
    """Without REDIS_URL each server process has its own cache, out of the command's reach: the
    import says nothing about the cache and does not compute the overview."""
    url = engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("REDIS_URL", raising=False)
    codigo, out, err = run_cli(capsys, "import", "mcr", str(write_mcr(tmp_path / "mcr")))
    assert codigo == 0, err
    assert "precalentada" not in out and "caché" not in err
