"""A DIGER analyst reviews sent values in a real browser (``/validacion``, issue #10): sees the
values the UPGRET units sent, returns one with an observación, validates another, with no severe
console error; a UPGRET user gets the refusal and no link."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from bench.validacion import sembrar_envios
from dashboard import create_app
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.db import make_engine, session_factory
from data_layer.models import Avance, EstadoVersion, Rol
from data_layer.periods import hoy_honduras
from data_layer.reportes import cola

pytestmark = pytest.mark.e2e

FILA = ".validacion-grid .ag-center-cols-container .ag-row[row-id='{id}']"


@pytest.fixture
def url_bd(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the demo database with six values sent by the UPGRET units."""
    destino = tmp_path / "sigpret.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    engine = make_engine(url)
    assert len(sembrar_envios(engine, 6)) == 6
    engine.dispose()
    return url


def _cola(url: str) -> list[cola.EntradaCola]:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        entradas = cola.consultar_cola(
            s, Alcance(usuario="x", rol=Rol.analista), hoy=hoy_honduras()
        )
    engine.dispose()
    return entradas


def _estado(url: str, version_id: int) -> tuple[EstadoVersion, str | None]:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        v = s.scalars(select(Avance).where(Avance.id == version_id)).one()
        resultado = (v.estado, v.observacion)
    engine.dispose()
    return resultado


def _elegir(dash_duo, version_id: int) -> None:
    """Click a row's indicator cell (selecting only that row) and wait for its detail."""
    celda = dash_duo.wait_for_element(FILA.format(id=version_id) + " .ag-cell[col-id='periodo']")
    dash_duo.driver.execute_script("arguments[0].click();", celda)
    dash_duo.wait_for_contains_text("#validacion-detalle", "Valor enviado")


def _pulsar(dash_duo, selector: str) -> None:
    """Click a button wherever it is on the page (scrolled into view by the script)."""
    dash_duo.driver.execute_script("arguments[0].click();", dash_duo.find_element(selector))


def test_analyst_returns_one_value_and_validates_another(dash_duo, url_bd) -> None:
    """The analyst sees the sent values (badge in the navbar), opens one, returns it with an
    observación, then validates an unflagged one; both leave the queue and the database holds
    the decisions."""
    entradas = _cola(url_bd)
    devolver = entradas[0]
    validar = next(e for e in entradas[1:] if not e.banderas)
    dash_duo.start_server(create_app(url_bd), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/validacion")
    n = len(entradas)  # the six sown here and the demo's own waiting values
    dash_duo.wait_for_contains_text("#shell-validacion-badge", str(n))
    dash_duo.wait_for_element(FILA.format(id=devolver.version_id), timeout=20)
    dash_duo.wait_for_contains_text("#validacion-resumen", f"{n} de {n} versiones por validar")

    _elegir(dash_duo, devolver.version_id)
    assert devolver.indicador in dash_duo.find_element("#validacion-detalle").text
    _pulsar(dash_duo, "#validacion-devolver")
    dash_duo.wait_for_contains_text("#validacion-mensaje", "Escriba la observación")
    dash_duo.find_element("#validacion-observacion").send_keys("Falta el dato de la región 3.")
    _pulsar(dash_duo, "#validacion-devolver")
    dash_duo.wait_for_contains_text("#validacion-mensaje", "Devuelto a la institución")
    dash_duo.wait_for_contains_text(
        "#validacion-resumen", f"{n - 1} de {n - 1} versiones por validar"
    )

    _elegir(dash_duo, validar.version_id)
    _pulsar(dash_duo, "#validacion-validar")
    dash_duo.wait_for_contains_text("#validacion-mensaje", "Validado:")
    dash_duo.wait_for_contains_text(
        "#validacion-resumen", f"{n - 2} de {n - 2} versiones por validar"
    )
    assert not dash_duo.driver.find_elements("css selector", FILA.format(id=validar.version_id))

    assert _estado(url_bd, devolver.version_id) == (
        EstadoVersion.devuelto,
        "Falta el dato de la región 3.",
    )
    assert _estado(url_bd, validar.version_id)[0] is EstadoVersion.validado
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]


@pytest.mark.usuario("upgret.sesal")
def test_upgret_sees_no_validation_link_and_a_refusal(dash_duo, url_bd) -> None:
    """A UPGRET user's navbar has no «Validación» link, and /validacion shows only the refusal
    (no queue)."""
    from tests.e2e.test_roles import enlaces_navbar

    dash_duo.start_server(create_app(url_bd))
    dash_duo.wait_for_element(".shell-navbar", timeout=20)
    assert "Validación" not in " ".join(enlaces_navbar(dash_duo))
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + "/validacion")
    dash_duo.wait_for_text_to_equal("#validacion-sin-permiso", permisos.SIN_PERMISO_VALIDAR)
    assert not dash_duo.driver.find_elements("css selector", "#validacion-grid")
