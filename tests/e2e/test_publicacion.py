"""An analyst publishes a quarter on the public portal and withdraws it (issue #14), in a real
browser.

On a copy of the demo without its two publications: ``analista`` opens /publicacion, reviews
2026-T3 and its preview, publishes it, finds it in the list and on the anonymous portal, then
withdraws it with a reason (a too-short one is refused in Spanish and stays typed) and the
portal no longer shows it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from dashboard import create_app
from tests.conftest import borrar_publicaciones
from tests.e2e.test_mesa_journey import poner, pulsar

pytestmark = pytest.mark.e2e


@pytest.fixture
def sin_publicar(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the demo database with nothing published: its URL."""
    destino = tmp_path / "publicacion.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    borrar_publicaciones(url)
    return url


def _sin_errores(driver) -> None:
    graves = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert graves == [], graves


def test_analyst_previews_publishes_and_withdraws_a_quarter(
    dash_duo, sin_publicar, tmp_path
) -> None:
    """Review → preview (same huella) → «Publicar» → listed «En el portal» and shown at /publico
    → «Retirar…» refuses a short reason keeping it typed → withdrawn with a reason, listed
    «Retirada» with it, and /publico says nothing is published; no SEVERE console error."""
    dash_duo.start_server(create_app(sin_publicar))
    base = dash_duo.server.url.rstrip("/")
    driver = dash_duo.driver
    driver.get(f"{base}/publicacion")
    dash_duo.wait_for_text_to_equal("h1", "Publicación del portal")
    dash_duo.wait_for_contains_text("#publicacion-lista", "Todavía no se ha publicado", timeout=25)
    dash_duo.wait_for_contains_text("#publicacion-aviso", "edición 1 de 2026-T3", timeout=25)
    huella = driver.find_element(By.CSS_SELECTOR, "#publicacion-revision code").text
    assert len(huella) == 12
    driver.save_screenshot(str(tmp_path / "publicacion-revision.png"))

    previa = driver.find_element(By.ID, "publicacion-vista-previa").get_attribute("href")
    driver.get(previa)
    banner = driver.find_element(By.TAG_NAME, "body").text
    assert "Vista previa — no publicada" in banner and huella in banner

    driver.get(f"{base}/publicacion")
    dash_duo.wait_for_contains_text("#publicacion-aviso", "edición 1 de 2026-T3", timeout=25)
    pulsar(dash_duo, "#publicacion-publicar")
    dash_duo.wait_for_contains_text("#publicacion-resultado", "2026-T3 publicado", timeout=25)
    dash_duo.wait_for_contains_text("#publicacion-tabla", "En el portal", timeout=25)
    dash_duo.wait_for_contains_text("#publicacion-aviso", "ya publicó estas mismas cifras")
    assert not driver.find_element(By.ID, "publicacion-publicar").is_enabled()
    driver.save_screenshot(str(tmp_path / "publicacion-publicada.png"))

    driver.get(f"{base}/publico")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Metas del Gobierno: trimestre 2026-T3"

    driver.get(f"{base}/publicacion")
    pulsar(dash_duo, "#publicacion-tabla button")
    dash_duo.wait_for_contains_text("#publicacion-dialogo-texto", "2026-T3, edición 1")
    poner(dash_duo, "#publicacion-motivo", "error")
    pulsar(dash_duo, "#publicacion-confirmar-retiro")
    dash_duo.wait_for_contains_text("#publicacion-retiro-resultado", "muy corto", timeout=25)
    assert "No se guardó nada" in driver.find_element(By.ID, "publicacion-retiro-resultado").text
    assert driver.find_element(By.ID, "publicacion-motivo").get_attribute("value") == "error"
    poner(dash_duo, "#publicacion-motivo", "Cifra de SESAL mal validada")
    pulsar(dash_duo, "#publicacion-confirmar-retiro")
    dash_duo.wait_for_contains_text("#publicacion-resultado", "retirada del portal", timeout=25)
    dash_duo.wait_for_contains_text("#publicacion-tabla", "Retirada", timeout=25)
    assert "Cifra de SESAL mal validada" in driver.find_element(By.ID, "publicacion-tabla").text
    # The review follows: 2026-T3 has no edition on the portal any more.
    dash_duo.wait_for_contains_text("#publicacion-aviso", "edición 2 de 2026-T3", timeout=25)
    _sin_errores(driver)

    driver.get(f"{base}/publico")
    assert "aún no ha publicado" in driver.find_element(By.TAG_NAME, "body").text
