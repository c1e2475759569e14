"""A planning unit reports a value in a real browser (issue #10): upgret.sesal opens «Mis
reportes», clicks a period to report, types the value and an explanation, sends it and sees it
«Enviado (por validar)», with no severe console error."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from dashboard import create_app
from data_layer import periods
from data_layer.auth import Alcance
from data_layer.db import make_engine, session_factory
from data_layer.engine.frames import Reglas
from data_layer.models import Rol
from data_layer.reportes import servicio
from data_layer.vistas import reportes as vm

pytestmark = [pytest.mark.e2e, pytest.mark.usuario("upgret.sesal")]

UPGRET = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
ANALISTA = Alcance(usuario="analista", rol=Rol.analista)


@pytest.fixture
def url_bd(demo_database_url: str, tmp_path: Path) -> tuple[str, dict]:
    """A private copy of the demo where SESAL has a period to report today (a closed one is
    reopened by an analyst when needed): the URL and that row."""
    destino = tmp_path / "sigpret.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    engine = make_engine(url)
    hoy = periods.hoy_honduras()
    with session_factory(engine)() as s:
        filas = vm.mis_reportes(s, UPGRET, hoy, Reglas()).filas
    fila = next(f for f in filas if f["estado"] in vm.EDITABLES | {"cerrado"})
    if fila["estado"] == "cerrado":
        with session_factory(engine, escritura=True)() as s, s.begin():
            servicio.reabrir(
                s,
                actor=ANALISTA,
                institucion="SESAL",
                periodo=fila["periodo"],
                motivo="Prueba",
                vence_en=hoy + dt.timedelta(days=10),
            )
    engine.dispose()
    return url, fila


def test_upgret_reports_a_value_and_sees_it_sent(dash_duo, url_bd) -> None:
    """Row → form → value + explanation → «Enviar» → the form says «Enviado (por validar)» and
    the summary counts it among the sent ones waiting for validation."""
    url, fila = url_bd
    engine = make_engine(url)
    with session_factory(engine)() as s:
        enviados = vm.mis_reportes(s, UPGRET, periods.hoy_honduras(), Reglas()).conteos["enviados"]
    engine.dispose()
    dash_duo.start_server(create_app(url), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/reportes")
    dash_duo.wait_for_contains_text("#reportes-resumen", "Por reportar", timeout=15)
    clave = f"{fila['indicador']}|{fila['periodo']}"
    celda = dash_duo.wait_for_element(f'.ag-row[row-id="{clave}"] .ag-cell[col-id="indicador"]')
    celda.click()
    dash_duo.wait_for_contains_text("#reportes-form-clave", fila["indicador"], timeout=10)
    texto = f"{fila['meta']:.10g}"
    for _ in range(3):  # select all and type, as a person does (React sees every key)
        valor = dash_duo.find_element("#reportes-valor")
        valor.send_keys(Keys.CONTROL, "a")
        valor.send_keys(Keys.DELETE)
        valor.send_keys(texto)
        time.sleep(0.5)
        if dash_duo.find_element("#reportes-valor").get_attribute("value") == texto:
            break
    dash_duo.find_element("#reportes-explicacion").send_keys("Dato del sistema de información.")
    dash_duo.wait_for_text_to_equal("#reportes-motivo", "", timeout=10)
    dash_duo.find_element("#reportes-enviar").click()
    dash_duo.wait_for_contains_text("#reportes-form-estado", "Enviado (por validar)", timeout=15)
    dash_duo.wait_for_text_to_equal("#reportes-n-enviados", str(enviados + 1), timeout=15)
    severos = [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]
    assert severos == []
