"""Browser tests: Debian's chromium and chromedriver, headless, and a seeded demo database.

Run with ``pytest tests/e2e --headless``. Without chromium/chromedriver the tests are skipped
locally and fail under ``CI=true`` (see ``tests.conftest.unavailable``).
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

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


def _puerto_libre() -> int:
    """A free loopback port for this test's server (dash_duo's default 8050 is shared)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def entrar(dash_duo, usuario: str = "analista", clave: str | None = None) -> None:
    """Log in through the real /login form as a demo user (the browser keeps the cookie)."""
    from data_layer.demo import clave_demo

    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/login")
    dash_duo.wait_for_element("#usuario").send_keys(usuario)
    dash_duo.find_element("#clave").send_keys(clave or clave_demo(usuario))
    dash_duo.find_element("button[type=submit]").click()
    dash_duo.wait_for_element("#react-entry-point")


def cambiar_de_usuario(dash_duo, usuario: str, clave: str | None = None) -> None:
    """Log out and in as ``usuario``. The page is left first: a callback still answering could
    set the old session's cookie again after it was deleted (off the site, only DevTools clears
    it)."""
    salir(dash_duo)
    entrar(dash_duo, usuario, clave)


def salir(dash_duo) -> None:
    """Drop the session cookie for good (the next login starts a new server-side session)."""
    dash_duo.driver.get("about:blank")
    dash_duo.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


@pytest.fixture(autouse=True)
def _sesion_iniciada(request: pytest.FixtureRequest) -> None:
    """Browser tests start logged in: as ``analista`` unless marked ``@pytest.mark.usuario(...)``,
    or not at all with ``@pytest.mark.usuario(None)``. The login itself goes through the form."""
    if "dash_duo" not in request.fixturenames:
        return
    duo = request.getfixturevalue("dash_duo")
    marca = request.node.get_closest_marker("usuario")
    usuario = marca.args[0] if marca else "analista"
    original = duo.start_server

    def start_server(app, navigate: bool = True, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("port", _puerto_libre())  # browser tests may run in parallel workers
        original(app, navigate=False, **kwargs)
        if usuario is not None:
            entrar(duo, usuario)
        if navigate:
            duo.server_url = duo.server.url  # the setter opens the page and waits for Dash

    duo.start_server = start_server


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
