"""Browser tests: Debian's chromium and chromedriver, headless, and a seeded demo database.

Run with ``pytest tests/e2e --headless``. Without chromium/chromedriver the tests are skipped
locally and fail under ``CI=true`` (see ``tests.conftest.unavailable``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

from data_layer.db import make_engine
from data_layer.migrate import upgrade
from tests.conftest import unavailable

SEEDS_DEMO = Path(__file__).resolve().parents[2] / "seeds" / "demo"


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_setup_options() -> Options:
    """Chrome options for dash testing: Debian's chromium, no sandbox (CI runs as root)."""
    options = Options()
    binario = _chromium()
    if binario:
        options.binary_location = binario
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-gpu")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--window-size=1440,900")
    options.add_argument("--lang=es-HN")
    return options


@pytest.fixture(autouse=True)
def _browser_available() -> None:
    """Skip (locally) or fail (CI) before dash_duo tries to start a missing browser."""
    if _chromium() is None:
        unavailable("chromium no está instalado (make browser)")
    if shutil.which("chromedriver") is None:
        unavailable("chromedriver no está instalado (make browser)")


@pytest.fixture(scope="session")
def demo_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated SQLite database with seeds/demo imported once per session (es_demo=True)."""
    from data_layer.importer import import_mcr

    if not (SEEDS_DEMO / "metas.csv").exists():
        pytest.fail(f"Faltan los datos de demostración en {SEEDS_DEMO}")
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'sigpret.db'}"
    engine = make_engine(url)
    upgrade(engine)
    resultado = import_mcr(engine, SEEDS_DEMO, es_demo=True)
    engine.dispose()
    assert resultado.ok, [str(e) for e in resultado.errores]
    yield url


@pytest.fixture
def descargas(dash_duo, tmp_path: Path) -> Path:
    """A folder where the test's browser saves downloads (exports), empty at the start.

    Headless Chrome ignores the download preferences; the DevTools protocol sets the folder.
    """
    carpeta = tmp_path / "descargas"
    carpeta.mkdir()
    dash_duo.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(carpeta)}
    )
    return carpeta
