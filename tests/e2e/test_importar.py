"""An analyst imports the MCR workbook from the web (issue #10) in a real browser: uploads the demo
workbook with one value changed, sees the dry run (that value old → new), applies it and sees the
result, with no severe console error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from dashboard import create_app
from data_layer.db import make_engine, session_factory
from data_layer.importer import web
from data_layer.models import Avance, EstadoVersion, Importacion, Indicador
from tests.e2e.conftest import SEEDS_DEMO
from tests.integration.importer.helpers import csv_folder_to_xlsx

pytestmark = pytest.mark.e2e


@pytest.fixture
def url_bd(demo_database_url: str, tmp_path: Path, monkeypatch) -> str:
    """A private copy of the demo database (the test writes), uploads in a private folder."""
    destino = tmp_path / "sigpret.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    monkeypatch.setattr(web, "CARPETA", tmp_path / "subidas")
    return f"sqlite:///{destino}"


@pytest.fixture
def libro(tmp_path: Path) -> tuple[Path, str, str, float]:
    """The demo as a workbook with the value of its first avances row raised by 7: the file, and
    that row's indicator, period and new value."""
    ruta = csv_folder_to_xlsx(SEEDS_DEMO, tmp_path / "MCR demo.xlsx")
    libro = load_workbook(ruta)
    hoja = libro["avances"]
    indicador, periodo, valor = (c.value for c in hoja[2][:3])
    hoja.cell(row=2, column=3, value=valor + 7)
    libro.save(ruta)
    return ruta, str(indicador), str(periodo), valor + 7


def test_analyst_previews_and_applies_a_changed_workbook(dash_duo, url_bd, libro) -> None:
    """The preview lists the one changed value with its old and new value; «Aplicar cambios»
    writes it; the page says so and the demo banner goes (the latest import is the analyst's)."""
    ruta, indicador, periodo, nuevo = libro
    dash_duo.start_server(create_app(url_bd), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/importar")
    dash_duo.wait_for_element("#importar-archivo input[type=file]").send_keys(str(ruta))

    # The demo's reporting cycle holds some values back (sent, returned, corrected): those show
    # as new or changed too; the raised value must be among the changes.
    dash_duo.wait_for_contains_text("#importar-detalles", "con cambios", timeout=60)
    dash_duo.wait_for_contains_text("#importar-resumen", "Avances")
    cambios = dash_duo.find_element(".importar-cambios").get_attribute("textContent")
    assert f"{indicador} · {periodo}" in cambios and f"{nuevo:,.10g}" in cambios
    boton = dash_duo.wait_for_element("#importar-aplicar")
    assert "d-none" not in boton.get_attribute("class")

    dash_duo.driver.execute_script("arguments[0].click();", boton)
    dash_duo.wait_for_contains_text("#importar-estado", "Cambios aplicados", timeout=60)
    assert "con cambios" in dash_duo.find_element("#importar-estado").text
    assert "d-none" in dash_duo.find_element("#importar-aplicar").get_attribute("class")
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/importar")
    dash_duo.wait_for_element("#importar-archivo")
    assert not dash_duo.driver.find_elements("css selector", "#shell-demo")

    engine = make_engine(url_bd)
    with session_factory(engine)() as s:
        valor = s.scalar(
            select(Avance.valor)
            .join(Indicador, Indicador.id == Avance.indicador_id)
            .where(
                Indicador.codigo == indicador,
                Avance.periodo == periodo,
                Avance.estado == EstadoVersion.validado,
            )
        )
        ultima = s.scalars(select(Importacion).order_by(Importacion.id.desc())).first()
    engine.dispose()
    assert valor == pytest.approx(nuevo)
    assert ultima is not None and not ultima.es_demo and ultima.origen == "MCR demo.xlsx"
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]


@pytest.mark.usuario("upgret.sesal")
def test_upgret_sees_no_import_link_and_a_refusal(dash_duo, demo_database_url) -> None:
    """A UPGRET user's navbar has no «Importar MCR» link, and /importar shows only the refusal
    (no upload area)."""
    from data_layer import permisos
    from tests.e2e.test_roles import enlaces_navbar

    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_element(".shell-navbar", timeout=20)
    assert "Importar MCR" not in " ".join(enlaces_navbar(dash_duo))
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/importar")
    dash_duo.wait_for_text_to_equal("#importar-sin-permiso", permisos.SIN_PERMISO_IMPORTAR)
    assert not dash_duo.driver.find_elements("css selector", "#importar-archivo")
