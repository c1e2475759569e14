"""Use on a tablet, a phone and the keyboard, in a real browser: no page scrolls sideways at 768 or
390 px, the navbar folds under «Menú», the 404 page speaks Spanish, Enter follows a grid link,
and the grid, the plotly toolbar, the date pickers and the date fields never show English."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from dashboard import create_app

pytestmark = pytest.mark.e2e

#: The main pages a person opens on a tablet: start, alerts, a sector, a goal, an indicator,
#: the mesas and the reports (each with a wide grid or table).
PAGINAS = (
    "/",
    "/alertas",
    "/sectores/SAL",
    "/metas/MS-SAL-01",
    "/indicadores/MP-02-I2",
    "/mesas",
    "/reportes",
)

#: Words AG Grid shows when its Spanish texts are missing.
INGLES = (
    "Contains",
    "Equals",
    "Filter...",
    "Not equal",
    "Starts with",
    "Ends with",
    "Select All",
    "Search...",
    "Apply",
    "Reset",
    "Blank",
    "Page ",
)
#: The plotly toolbar's English button titles.
PLOTLY_INGLES = {
    "Download plot as a png",
    "Download plot as a PNG",
    "Download plot",
    "Zoom",
    "Pan",
    "Zoom in",
    "Zoom out",
    "Reset axes",
    "Autoscale",
    "Box Select",
    "Lasso Select",
    "Produced with Plotly.js",
    "Show closest data on hover",
    "Compare data on hover",
}


def _esperar(dash_duo, condicion, mensaje: str, segundos: float = 25) -> None:
    try:
        WebDriverWait(dash_duo.driver, segundos, poll_frequency=0.25).until(lambda _d: condicion())
    except TimeoutException:
        assert condicion(), mensaje


def _ruta(dash_duo) -> str:
    return urlparse(dash_duo.driver.current_url).path


def _sin_errores(dash_duo) -> None:
    assert [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"] == []


def _abrir_y_esperar(dash_duo, ruta: str) -> None:
    """Open ``ruta`` and wait until its title is drawn and no callback is running."""
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + ruta)
    dash_duo.wait_for_element("h1", timeout=25)

    def quieta() -> bool:
        return dash_duo.driver.execute_script(
            "return document.querySelector('[data-dash-is-loading=\"true\"]') === null "
            "&& document.querySelector('._dash-loading') === null;"
        )

    _esperar(dash_duo, quieta, f"{ruta} sigue cargando")
    dash_duo.driver.execute_script("return new Promise(r => setTimeout(r, 800));")
    _esperar(dash_duo, quieta, f"{ruta} sigue cargando")


def _anchos(dash_duo) -> tuple[int, int]:
    return tuple(
        dash_duo.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth];"
        )
    )


def _emular_ancho(dash_duo, ancho: int, alto: int) -> None:
    """Make the page ``ancho`` CSS pixels wide (a headless window cannot be under 500 px)."""
    dash_duo.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": ancho, "height": alto, "deviceScaleFactor": 1, "mobile": False},
    )


@pytest.mark.parametrize(("ancho", "alto"), [(768, 1024), (390, 844)])
def test_main_pages_do_not_scroll_sideways(
    dash_duo, demo_database_url, tmp_path: Path, ancho, alto
):
    """At tablet (768 px) and phone (390 px) width no main page is wider than the screen: wide
    grids and tables scroll inside their own box, never the page. A capture of each page is kept
    in the test's folder for a person to look at when it fails."""
    dash_duo.start_server(create_app(demo_database_url))
    _emular_ancho(dash_duo, ancho, alto)
    anchas = {}
    for ruta in PAGINAS:
        _abrir_y_esperar(dash_duo, ruta)
        dash_duo.driver.save_screenshot(str(tmp_path / f"{ruta.strip('/').replace('/', '_')}.png"))
        scroll, visible = _anchos(dash_duo)
        assert visible == ancho
        if scroll > visible:
            anchas[ruta] = scroll
    assert anchas == {}, f"páginas más anchas que {ancho} px: {anchas}"
    _sin_errores(dash_duo)


def test_navbar_folds_under_menu_at_tablet_width(dash_duo, demo_database_url):
    """At 768 px the navbar's links are folded under a «Menú» button (aria-expanded false); the
    button opens them, a link navigates and closes the menu again."""
    dash_duo.start_server(create_app(demo_database_url))
    _emular_ancho(dash_duo, 768, 1024)
    _abrir_y_esperar(dash_duo, "/")
    boton = dash_duo.wait_for_element("#shell-menu-boton")
    assert boton.is_displayed()
    assert boton.text.strip() == "Menú"
    assert boton.get_attribute("aria-expanded") == "false"
    enlace = dash_duo.find_element("#shell-menu a.nav-link[href='/alertas']")
    assert not enlace.is_displayed()
    assert _anchos(dash_duo)[0] <= 768

    boton.click()
    _esperar(dash_duo, enlace.is_displayed, "el menú no se abrió")
    assert boton.get_attribute("aria-expanded") == "true"
    assert _anchos(dash_duo)[0] <= 768
    enlace.click()
    _esperar(dash_duo, lambda: _ruta(dash_duo) == "/alertas", "el enlace del menú no navegó")
    _esperar(dash_duo, lambda: not enlace.is_displayed(), "el menú no se cerró al navegar")
    assert dash_duo.find_element("#shell-menu-boton").get_attribute("aria-expanded") == "false"
    _sin_errores(dash_duo)


def test_wide_screen_shows_the_links_without_menu_button(dash_duo, demo_database_url):
    """On a desktop (1440 px) the links are in the bar and the «Menú» button is hidden."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.set_window_size(1440, 900)
    _abrir_y_esperar(dash_duo, "/")
    assert not dash_duo.find_element("#shell-menu-boton").is_displayed()
    assert dash_duo.find_element("#shell-menu a.nav-link[href='/alertas']").is_displayed()


def test_unknown_address_shows_spanish_404_with_link_home(dash_duo, demo_database_url):
    """An address that is no page shows «Página no encontrada» (never Dash's English «404 - Page
    not found») with a link that takes the person back to the start page; the 404 page has no
    link in the navbar."""
    dash_duo.start_server(create_app(demo_database_url))
    _abrir_y_esperar(dash_duo, "/esta-pagina-no-existe")
    dash_duo.wait_for_text_to_equal("#pagina-404-titulo", "Página no encontrada")
    cuerpo = dash_duo.find_element("main").text
    assert "Page not found" not in cuerpo
    assert dash_duo.driver.title == "Página no encontrada | SIGPRET"
    assert not dash_duo.find_elements("#shell-menu a[href='/404']")
    dash_duo.find_element("#pagina-404-inicio").click()
    _esperar(dash_duo, lambda: _ruta(dash_duo) == "/inicio", "el enlace no volvió al inicio")
    dash_duo.wait_for_element("#inicio-titular", timeout=30)
    _sin_errores(dash_duo)


def test_enter_on_a_grid_link_cell_opens_it(dash_duo, demo_database_url):
    """With the keyboard focus on a grid cell that holds a link (the goal's code), Enter opens
    the goal's page inside the app, as a click does; the focused cell has a visible ring."""
    dash_duo.start_server(create_app(demo_database_url))
    _abrir_y_esperar(dash_duo, "/")
    selector = ".ag-row[row-id='MP-02'] .ag-cell[col-id='codigo']"
    celda = dash_duo.wait_for_element(selector, timeout=25)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", celda)
    dash_duo.driver.execute_script("arguments[0].focus();", celda)
    activo = dash_duo.driver.switch_to.active_element
    assert activo.get_attribute("col-id") == "codigo"
    # the house ring is drawn on keyboard focus (a 3 px outline, not the browser's default)
    activo.send_keys(Keys.ARROW_DOWN, Keys.ARROW_UP)
    activo = dash_duo.driver.switch_to.active_element
    assert activo.value_of_css_property("outline-width") == "3px"
    activo.send_keys(Keys.ENTER)
    _esperar(dash_duo, lambda: _ruta(dash_duo) == "/metas/MP-02", "Enter no abrió la meta")
    dash_duo.wait_for_element("#meta-migas", timeout=25)
    _sin_errores(dash_duo)


def test_grid_menus_and_plotly_toolbar_are_in_spanish(dash_duo, demo_database_url):
    """The grid's filter menu and the plotly toolbar's buttons show Spanish texts, never the
    libraries' English defaults."""
    dash_duo.start_server(create_app(demo_database_url))
    _abrir_y_esperar(dash_duo, "/alertas")
    boton = dash_duo.wait_for_element(".ag-header-cell .ag-header-cell-filter-button", timeout=25)
    dash_duo.driver.execute_script("arguments[0].click();", boton)
    popup = dash_duo.wait_for_element(".ag-popup", timeout=10)
    _esperar(dash_duo, lambda: popup.find_elements(By.CSS_SELECTOR, "input"), "sin filtro")
    textos = (
        popup.text
        + " "
        + " ".join(
            (e.get_attribute("placeholder") or "") + " " + (e.get_attribute("aria-label") or "")
            for e in popup.find_elements(By.CSS_SELECTOR, "input, select, button, [role]")
        )
    )
    assert [p for p in INGLES if p in textos] == [], textos

    _abrir_y_esperar(dash_duo, "/indicadores/MP-02-I2")
    dash_duo.wait_for_element("#indicador-grafico .main-svg", timeout=25)
    titulos = [
        b.get_attribute("data-title")
        for b in dash_duo.find_elements("#indicador-grafico .modebar-btn")
    ]
    assert "Descargar gráfica como PNG" in titulos
    assert set(titulos) & PLOTLY_INGLES == set()
    _sin_errores(dash_duo)


def test_audit_date_picker_speaks_spanish(dash_duo, demo_database_url):
    """The audit log's date range picker shows dd/mm/aaaa, Spanish month names and Spanish
    labels on its buttons (the date-fns Spanish locale is served from assets/)."""
    dash_duo.start_server(create_app(demo_database_url))
    _abrir_y_esperar(dash_duo, "/auditoria")
    desde = dash_duo.wait_for_element("#auditoria-fechas", timeout=25)
    desde.click()
    meses = (
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ).split()

    def calendario() -> str:
        return dash_duo.driver.execute_script(
            'const c = document.querySelector(\'[class*="dash-datepicker-calendar"],'
            ' [class*="dash-datepicker-content"], [role=dialog]\');'
            "return c ? c.innerText.toLowerCase() : '';"
        )

    _esperar(dash_duo, lambda: any(m in calendario() for m in meses), "el calendario no abrió")
    etiquetas = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('[aria-label]'))"
        ".map(e => e.getAttribute('aria-label'));"
    )
    assert "Mes siguiente" in etiquetas
    assert not {"Next month", "Previous month", "Close calendar", "Clear Dates"} & set(etiquetas)
    for ingles in ("january", "february", "december", "monday", "sunday"):
        assert ingles not in calendario()
    _sin_errores(dash_duo)


@pytest.mark.usuario("coord.salud")
def test_date_and_time_fields_take_day_first_and_24_hours(dash_duo, demo_database_url):
    """The convocatoria's date fields ask for dd/mm/aaaa and its time field for hh:mm whatever
    the browser's language: what is typed stays as typed, and a session a few days after the
    date sent is read day first (03/… is the third), so the late-notice warning appears."""
    dash_duo.start_server(create_app(demo_database_url))
    _abrir_y_esperar(dash_duo, "/mesas/SAL/convocar")
    fecha = dash_duo.wait_for_element("#mesa-convocar-fecha", timeout=25)
    enviada = dash_duo.find_element("#mesa-convocar-enviada")
    hora = dash_duo.find_element("#mesa-convocar-hora")
    for campo in (fecha, enviada):
        assert campo.get_attribute("type") == "text"
        assert campo.get_attribute("placeholder") == "dd/mm/aaaa"
    assert hora.get_attribute("type") == "text"
    assert hora.get_attribute("placeholder") == "hh:mm"

    enviada.send_keys("01/12/2030")
    fecha.send_keys("03/12/2030")
    hora.send_keys("15:45")
    assert fecha.get_attribute("value") == "03/12/2030"
    assert hora.get_attribute("value") == "15:45"
    # two days' notice, read day first (month first, 12 January to 12 March, it would not be late)
    dash_duo.wait_for_contains_text("#mesa-convocar-aviso-plazo", "es 2 día(s) después", timeout=20)
    assert dash_duo.driver.execute_script("return arguments[0].checkValidity();", fecha) is True
    fecha.send_keys(Keys.CONTROL, "a")
    fecha.send_keys(Keys.BACKSPACE, "2030/12/03")  # neither dd/mm/aaaa nor ISO
    assert dash_duo.driver.execute_script("return arguments[0].checkValidity();", fecha) is False
    _esperar(
        dash_duo,
        lambda: dash_duo.find_element("#mesa-convocar-aviso-plazo").text == "",
        "una fecha mal escrita no debe calcular la anticipación",
    )
    _sin_errores(dash_duo)
