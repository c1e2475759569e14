"""The detail pages in a real browser: goal → indicator by clicking, back, and the value chain;
every number checked against the engine run on the same demo database."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy.orm import Session

from dashboard import create_app
from dashboard.data import hoy_honduras
from dashboard.formatting import format_porcentaje, presentar_estado
from data_layer.db import make_engine
from data_layer.engine import run
from data_layer.engine.frames import Reglas
from data_layer.queries import load_mcr
from data_layer.vistas import cadena as vista_cadena
from data_layer.vistas import detalle as vista
from data_layer.vistas import detalle_indicador as vista_indicador
from data_layer.vistas.resumen import periodo_por_defecto, periodos_evaluables
from tests.e2e.test_cadena import CLIC_EN

pytestmark = pytest.mark.e2e

META = "MS-SAL-01"
FILAS = "section[aria-label='{seccion}'] .ag-center-cols-container .ag-row"


@pytest.fixture(scope="module")
def motor(demo_database_url):
    """The demo MCR and the engine's result for the period the pages open on."""
    engine = make_engine(demo_database_url)
    with Session(engine) as session:
        mcr = load_mcr(session)
    engine.dispose()
    reglas = Reglas()
    periodo = periodo_por_defecto(
        periodos_evaluables(mcr), hoy_honduras(), reglas.plazo_reporte_dias
    )
    return mcr, run(mcr, periodo, hoy_honduras(), reglas)


def _esperar(dash_duo, condicion, segundos: float = 20):
    # An element read while the page redraws it is stale: ask again, as a person looks again.
    espera = WebDriverWait(
        dash_duo.driver, segundos, ignored_exceptions=(StaleElementReferenceException,)
    )
    try:
        espera.until(lambda _d: condicion())
    except TimeoutException:
        assert condicion()


def _filas(dash_duo, seccion: str) -> list[str]:
    return [
        e.get_attribute("row-id") for e in dash_duo.find_elements(FILAS.format(seccion=seccion))
    ]


def _click(dash_duo, elemento) -> None:
    """A real click, once the element is scrolled into view and nothing covers it (grids and
    loading overlays may still be settling)."""

    def intento(_d) -> bool:
        dash_duo.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", elemento
        )
        try:
            elemento.click()
        except ElementClickInterceptedException:
            return False
        return True

    WebDriverWait(dash_duo.driver, 10, poll_frequency=0.3).until(intento)


def _elegir(dash_duo, selector: str, codigo: str) -> None:
    """Open a searchable dropdown, type ``codigo`` and click the option that starts with it;
    each step is retried, since a re-render may close the menu or replace its elements."""

    def intento(_d) -> bool:
        buscadores = dash_duo.find_elements("input.dash-dropdown-search")
        if not buscadores:
            _click(dash_duo, dash_duo.find_element(selector))
            return False
        if buscadores[0].get_attribute("value") != codigo:
            buscadores[0].clear()
            buscadores[0].send_keys(codigo)
            return False
        for o in dash_duo.find_elements(".dash-dropdown-options .dash-dropdown-option"):
            if o.text.startswith(f"{codigo} · "):
                o.click()
                return True
        return False

    WebDriverWait(
        dash_duo.driver,
        20,
        poll_frequency=0.5,
        ignored_exceptions=(StaleElementReferenceException, ElementClickInterceptedException),
    ).until(intento)


def _sin_errores(dash_duo) -> None:
    severos = [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]
    assert severos == []


def test_goal_to_indicator_and_back(dash_duo, demo_database_url, motor):
    """The goal page shows the engine's avance directo and de contribuyentes, its contributors
    and indicators; clicking an indicator opens its page with the engine's table of periods and
    state; the browser's back button returns to the goal."""
    mcr, res = motor
    fila = res.metas.loc[META]
    contribuyentes = vista.metas_contribuyentes(res, mcr, META)
    indicadores = vista.indicadores_de_meta(res, mcr, META)
    assert len(contribuyentes) and len(indicadores)

    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/metas/{META}")
    dash_duo.wait_for_text_to_equal(
        "#meta-avance-directo-numero", format_porcentaje(fila["avance_directo"]), timeout=20
    )
    dash_duo.wait_for_text_to_equal(
        "#meta-avance-contribuyentes-numero", format_porcentaje(fila["avance_contribuyentes"])
    )
    assert (
        presentar_estado(fila["semaforo"]).etiqueta in dash_duo.find_element("#meta-semaforo").text
    )
    _esperar(
        dash_duo,
        lambda: (
            sorted(_filas(dash_duo, "Metas que contribuyen a esta meta"))
            == sorted(contribuyentes["codigo"])
        ),
    )
    _esperar(
        dash_duo,
        lambda: _filas(dash_duo, "Indicadores de la meta") == indicadores["codigo"].tolist(),
    )
    assert dash_duo.find_element("#meta-brecha").text.strip()

    # Click the first indicator: client-side navigation to its page.
    codigo = indicadores["codigo"].iloc[0]
    enlace = dash_duo.find_element(
        "section[aria-label='Indicadores de la meta'] .ag-pinned-left-cols-container "
        f".ag-row[row-id='{codigo}'] a.celda-enlace"
    )
    _click(dash_duo, enlace)
    _esperar(
        dash_duo, lambda: urlparse(dash_duo.driver.current_url).path == f"/indicadores/{codigo}"
    )
    nombre = mcr.indicadores.set_index("codigo").loc[codigo, "nombre"]
    dash_duo.wait_for_text_to_equal("#indicador-titulo", nombre, timeout=20)
    serie = vista_indicador.serie_indicador(mcr, codigo, hoy_honduras(), Reglas())
    _esperar(dash_duo, lambda: _filas(dash_duo, "Periodos") == serie["periodo"].tolist())
    estado = res.indicadores.loc[codigo, "semaforo"]
    assert presentar_estado(estado).etiqueta in dash_duo.find_element("#indicador-semaforo").text
    assert dash_duo.find_element("#indicador-metodo").text.startswith("Método: ")
    assert META in dash_duo.find_element("#indicador-metas-lista").text
    _esperar(
        dash_duo,
        lambda: len(dash_duo.find_elements("#indicador-grafico .scatterlayer .trace")) >= 3,
    )

    dash_duo.driver.back()
    _esperar(dash_duo, lambda: urlparse(dash_duo.driver.current_url).path == f"/metas/{META}")
    dash_duo.wait_for_text_to_equal(
        "#meta-avance-directo-numero", format_porcentaje(fila["avance_directo"]), timeout=20
    )
    _sin_errores(dash_duo)


def test_unknown_goal_and_indicator_say_so(dash_duo, demo_database_url):
    """Unknown codes show a Spanish "no existe" message, never a traceback."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/metas/NO-EXISTE")
    dash_duo.wait_for_contains_text("#meta-no-existe", "no existe", timeout=20)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/indicadores/NO-EXISTE")
    dash_duo.wait_for_contains_text("#indicador-no-existe", "no existe", timeout=20)
    _sin_errores(dash_duo)


def test_value_chain_sunburst_goal_choice_and_click(dash_duo, demo_database_url, motor):
    """The value chain draws the sunburst and the default goal's indicators along the chain;
    choosing another goal puts it in the URL and shows its indicators; clicking a goal with goals
    below it in the sunburst goes down into it and shows its indicators; clicking a goal with
    nothing below opens that goal's page."""
    mcr, res = motor
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/cadena")
    _esperar(dash_duo, lambda: len(dash_duo.find_elements("#cadena-grafico g.slice")) > 100)

    def tarjetas() -> list[str]:
        return [
            e.get_attribute("data-codigo")
            for e in dash_duo.find_elements(".cadena-eslabones .tarjeta-indicador")
        ]

    defecto = dash_duo.find_element("#cadena-meta").text.split(" · ")[0].strip()
    esperado = vista_cadena.indicadores_por_eslabon(res, mcr, defecto)["codigo"].tolist()
    _esperar(dash_duo, lambda: tarjetas() == esperado)

    _elegir(dash_duo, "#cadena-meta", META)
    _esperar(
        dash_duo,
        lambda: parse_qs(urlparse(dash_duo.driver.current_url).query).get("meta") == [META],
    )
    esperado = vista_cadena.indicadores_por_eslabon(res, mcr, META)["codigo"].tolist()
    _esperar(dash_duo, lambda: tarjetas() == esperado)

    # A presidential goal's slice: clicking it goes down into it (issue #12: the chart shows
    # three rings at a time) and shows its indicators below, without leaving the page.
    def rebanada(sufijo: str):
        for r in dash_duo.find_elements("#cadena-grafico g.slice"):
            texto = r.find_element(By.CSS_SELECTOR, "text").get_attribute("textContent")
            if texto.endswith(sufijo):
                return r
        return None

    # The chosen goal opened the chart on it; back to the top to find MP-16.
    dash_duo.wait_for_page(f"{dash_duo.server_url}/cadena")
    _esperar(dash_duo, lambda: rebanada("MP-16") is not None)
    _click(dash_duo, rebanada("MP-16").find_element(By.CSS_SELECTOR, "path"))
    _esperar(
        dash_duo,
        lambda: parse_qs(urlparse(dash_duo.driver.current_url).query).get("meta") == ["MP-16"],
    )
    esperado = vista_cadena.indicadores_por_eslabon(res, mcr, "MP-16")["codigo"].tolist()
    _esperar(dash_duo, lambda: tarjetas() == esperado)
    assert urlparse(dash_duo.driver.current_url).path == "/cadena"

    # A goal with nothing below it (an institutional goal under MP-16) opens its page.
    hoja = next(c for c in vista_cadena.metas_debajo(mcr, "MP-16") if c.startswith("MI-"))
    _esperar(dash_duo, lambda: rebanada(hoja) is not None)
    etiqueta = rebanada(hoja).find_element(By.CSS_SELECTOR, "text").get_attribute("textContent")
    # Dispatched on the slice itself: a thin ring's bounding-box centre may lie off the slice.
    assert dash_duo.driver.execute_script(CLIC_EN, "#cadena-grafico", etiqueta)
    _esperar(dash_duo, lambda: urlparse(dash_duo.driver.current_url).path == f"/metas/{hoja}")
    dash_duo.wait_for_contains_text("#meta-encabezado", hoja, timeout=20)
    _sin_errores(dash_duo)
