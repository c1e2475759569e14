"""Every indicator avance explains itself in a real browser: hovering an avance in a goal's
indicator table shows its formula with the real numbers, and the indicator page unfolds «¿Cómo
se calcula?»; both texts are the engine's (run on the same demo database)."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy.orm import Session

from dashboard import create_app
from dashboard.data import hoy_honduras
from data_layer.db import make_engine
from data_layer.engine import run
from data_layer.engine.frames import Reglas
from data_layer.queries import load_mcr
from data_layer.vistas import detalle as vista
from data_layer.vistas.resumen import periodo_por_defecto, periodos_evaluables

pytestmark = pytest.mark.e2e

#: A Salud goal whose first indicator is a stock measured from a baseline (the demo's
#: «Partos atendidos en establecimientos de salud», baseline 78).
META = "MS-SAL-01"
INDICADOR = "MS-SAL-01-I1"


@pytest.fixture(scope="module")
def indicadores(demo_database_url):
    """The engine's rows of the goal's indicators (with formula and explanation) at the period
    the pages open on."""
    engine = make_engine(demo_database_url)
    with Session(engine) as session:
        mcr = load_mcr(session)
    engine.dispose()
    reglas = Reglas()
    periodo = periodo_por_defecto(
        periodos_evaluables(mcr), hoy_honduras(), reglas.plazo_reporte_dias
    )
    res = run(mcr, periodo, hoy_honduras(), reglas)
    return vista.indicadores_de_meta(res, mcr, META).set_index("codigo")


def _esperar(dash_duo, condicion, segundos: float = 20):
    try:
        WebDriverWait(dash_duo.driver, segundos, poll_frequency=0.3).until(lambda _d: condicion())
    except TimeoutException:
        assert condicion()


def _sin_errores(dash_duo) -> None:
    severos = [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]
    assert severos == []


def test_hover_on_an_avance_shows_its_formula(dash_duo, demo_database_url, indicadores):
    """On the goal page, the indicator table has a Línea base column, and hovering the stock
    indicator's avance shows «(A − B) ÷ (T − B) = P %» with the engine's numbers and result."""
    fila = indicadores.loc[INDICADOR]
    assert fila["formula"].startswith("(") and "−" in fila["formula"]
    dash_duo.start_server(create_app(demo_database_url), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + f"/metas/{META}")
    celda = (
        "section[aria-label='Indicadores de la meta'] .ag-center-cols-container "
        f".ag-row[row-id='{INDICADOR}'] .ag-cell[col-id='{{col}}']"
    )
    dash_duo.wait_for_element(celda.format(col="avance_pct"), timeout=30)
    encabezados = [
        e.text.strip()
        for e in dash_duo.find_elements(
            "section[aria-label='Indicadores de la meta'] .ag-header-cell-text"
        )
    ]
    assert "Línea base" in encabezados
    _esperar(dash_duo, lambda: dash_duo.find_element(celda.format(col="linea_base")).text == "78")

    avance = dash_duo.find_element(celda.format(col="avance_pct"))
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", avance
    )

    def tooltip() -> str:
        ActionChains(dash_duo.driver).move_to_element(avance).perform()
        burbujas = dash_duo.find_elements(".ag-tooltip")
        return burbujas[0].text if burbujas else ""

    _esperar(dash_duo, lambda: fila["formula"] in tooltip())
    assert tooltip().strip() == fila["explicacion"]
    _sin_errores(dash_duo)


def test_indicator_page_unfolds_how_it_is_computed(dash_duo, demo_database_url, indicadores):
    """The indicator page's header gives the avance and the baseline; one click on «¿Cómo se
    calcula?» shows the formula, the same text the goal table's tooltip shows."""
    fila = indicadores.loc[INDICADOR]
    dash_duo.start_server(create_app(demo_database_url), navigate=False)
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + f"/indicadores/{INDICADOR}")
    resumen = dash_duo.wait_for_element("#indicador-como-se-calcula summary", timeout=30)
    assert "línea base 78" in resumen.text and "¿Cómo se calcula?" in resumen.text
    formula = dash_duo.find_element("#indicador-formula")
    assert not formula.is_displayed()
    resumen.click()
    _esperar(dash_duo, lambda: formula.is_displayed())
    assert formula.text == fila["explicacion"]
    assert fila["formula"] in formula.text
    _sin_errores(dash_duo)
