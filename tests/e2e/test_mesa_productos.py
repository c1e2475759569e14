"""The products of a mesa in a real browser (issue #11 item 5): the Salud coordinator uploads a
PDF to «Diagnóstico sectorial» on ``/mesas/SAL/productos`` and sees it listed as the current
version with a working download link. No SEVERE console messages."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from dashboard import create_app
from data_layer.config import Settings
from tests.e2e.test_mesas import sin_severos

pytestmark = [pytest.mark.e2e, pytest.mark.usuario("coord.salud")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TARJETA = "#producto-diagnostico_sectorial"

#: The download's HTTP status, fetched with the browser's own session cookie.
ESTADO_DESCARGA = """
var listo = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: "same-origin"}).then(function (r) { listo(r.status); });
"""


@pytest.fixture
def app(demo_database_url: str, tmp_path: Path):
    """A fresh app on a private copy of the demo, storing documents in a folder of this test
    (the demo's own documents stay listed; the upload is what the test downloads)."""
    destino = tmp_path / "sigpret.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    ajustes = dataclasses.replace(Settings.from_env(), evidencias_dir=str(tmp_path / "ev"))
    return create_app(f"sqlite:///{destino}", settings=ajustes)


def test_coordinator_uploads_a_diagnostico_and_sees_its_version(dash_duo, app, tmp_path) -> None:
    """coord.salud opens the products of the Salud mesa, chooses a PDF for «Diagnóstico
    sectorial» and uploads it: the page confirms the new version, lists it first as «Vigente»
    with a link under /descargas/productos/ that downloads (200), and logs no severe error."""
    archivo = tmp_path / "diagnostico-salud-actualizado.pdf"
    archivo.write_bytes(PDF)
    dash_duo.start_server(app, navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/mesas/SAL/productos")
    dash_duo.wait_for_contains_text("#mesa-productos-conteo", "productos", timeout=20)
    dash_duo.wait_for_contains_text(TARJETA, "Diagnóstico sectorial", timeout=10)
    assert dash_duo.find_element("#mesa-productos-tipo").get_attribute("value") == (
        "diagnostico_sectorial"
    )
    dash_duo.find_element("#mesa-productos-evidencia input[type=file]").send_keys(str(archivo))
    dash_duo.wait_for_contains_text("#mesa-productos-archivo", archivo.name, timeout=10)
    dash_duo.find_element("#mesa-productos-subir").click()
    dash_duo.wait_for_contains_text(
        "#mesa-productos-resultado", "Documento guardado como versión", timeout=20
    )
    dash_duo.wait_for_contains_text(TARJETA, archivo.name, timeout=15)

    primera = dash_duo.find_element(f"{TARJETA} li")
    assert "Vigente" in primera.text and archivo.name in primera.text
    enlace = primera.find_element("css selector", "a")
    href = enlace.get_attribute("href")
    assert "/descargas/productos/" in href and enlace.text.endswith(archivo.name)
    assert dash_duo.driver.execute_async_script(ESTADO_DESCARGA, href) == 200
    sin_severos(dash_duo)
