"""The shared filter bar in a real browser: it changes the content and the URL, back returns to
the previous view, and a link with filters opens with those filters selected."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlparse

import pytest
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy.orm import Session

from dashboard import create_app
from dashboard.data import hoy_honduras
from dashboard.formatting import format_periodo
from data_layer.db import make_engine
from data_layer.engine import run
from data_layer.engine.frames import MCR, Reglas
from data_layer.periods import ultimo_trimestre_vencido
from data_layer.queries import load_mcr

pytestmark = pytest.mark.e2e

FILAS = ".resumen-grid .ag-center-cols-container .ag-row"


def cargar_mcr(url: str) -> MCR:
    """The demo MCR, read straight from the database."""
    engine = make_engine(url)
    with Session(engine) as session:
        mcr = load_mcr(session)
    engine.dispose()
    return mcr


def presidenciales(mcr: MCR, periodo: str, eje_prefijo: str = "", tema: str = "") -> set[str]:
    """Presidential goals, by hand: the eje starts with ``eje_prefijo`` (E2 → E2-ECO, E2-SOC)
    and, with ``tema``, one of the goal's indicators carries it."""
    metas = run(mcr, periodo, hoy_honduras(), Reglas()).metas
    p = metas.loc[metas["nivel"] == "presidencial"]
    codigos = set(p.index[p["eje"].astype(str).str.startswith(eje_prefijo)])
    if tema:
        con_tema = set(mcr.indicador_temas.loc[mcr.indicador_temas["tema"] == tema, "indicador"])
        ind = mcr.indicadores
        codigos &= set(ind.loc[ind["codigo"].isin(con_tema), "meta"])
    return codigos


def query(dash_duo) -> dict[str, str]:
    """The current URL's query parameters."""
    return dict(parse_qsl(urlparse(dash_duo.driver.current_url).query))


def codigos_grid(dash_duo) -> set[str]:
    """Row ids of the overview's goal grid."""
    return {f.get_attribute("row-id") for f in dash_duo.find_elements(FILAS)}


def esperar(dash_duo, condicion, mensaje: str, timeout: float = 15) -> None:
    """Wait until ``condicion()`` holds (elements re-rendered meanwhile are looked up again);
    fail with ``mensaje`` otherwise."""
    espera = WebDriverWait(
        dash_duo.driver,
        timeout,
        ignored_exceptions=(StaleElementReferenceException, NoSuchElementException),
    )
    try:
        espera.until(lambda _d: condicion())
    except TimeoutException:
        pytest.fail(mensaje)


def elegir(dash_duo, selector: str, etiqueta: str) -> None:
    """Choose the option whose text is ``etiqueta`` in the dropdown ``selector`` (again if the
    page re-rendered the dropdown meanwhile)."""
    for intento in range(3):
        dash_duo.wait_for_element(selector)
        try:
            dash_duo.select_dcc_dropdown(selector, value=etiqueta)
            return
        except StaleElementReferenceException:
            if intento == 2:
                raise


def nombre_eje(mcr: MCR, codigo: str) -> str:
    """The filter bar's label of an eje."""
    fila = mcr.ejes.set_index("codigo").loc[codigo]
    prefijo = "↳ " if isinstance(fila["eje_padre"], str) else ""
    return f"{prefijo}{codigo} · {fila['nombre']}"


def test_bar_changes_content_and_url_and_back_returns(dash_duo, demo_database_url):
    """Choosing E1 shows only E1's presidential goals and writes ?eje=E1; adding Rojo narrows
    further and writes both; the browser's back button returns to the E1 view, with the state
    filter empty again; the browser logs no error."""
    mcr = cargar_mcr(demo_database_url)
    periodo = ultimo_trimestre_vencido(hoy_honduras(), Reglas().plazo_reporte_dias)
    todas = presidenciales(mcr, periodo)
    de_e1 = presidenciales(mcr, periodo, "E1")
    assert 0 < len(de_e1) < len(todas)
    metas = run(mcr, periodo, hoy_honduras(), Reglas()).metas
    rojas_e1 = {c for c in de_e1 if metas.loc[c, "semaforo"] == "rojo"}

    dash_duo.start_server(create_app(demo_database_url))
    esperar(dash_duo, lambda: codigos_grid(dash_duo) == todas, "the overview lists every goal")
    assert query(dash_duo) == {}

    elegir(dash_duo, ".filtro-eje", nombre_eje(mcr, "E1"))
    esperar(dash_duo, lambda: query(dash_duo) == {"eje": "E1"}, "the URL carries eje=E1")
    esperar(dash_duo, lambda: codigos_grid(dash_duo) == de_e1, "only E1's goals are listed")

    elegir(dash_duo, ".filtro-estado", "✖ Rojo")
    esperar(
        dash_duo,
        lambda: query(dash_duo) == {"eje": "E1", "estado": "rojo"},
        "the URL carries both filters",
    )
    esperar(dash_duo, lambda: codigos_grid(dash_duo) == rojas_e1, "only E1's red goals")

    dash_duo.driver.back()
    esperar(dash_duo, lambda: query(dash_duo) == {"eje": "E1"}, "back restores ?eje=E1")
    esperar(dash_duo, lambda: codigos_grid(dash_duo) == de_e1, "back restores E1's goals")
    assert "Rojo" not in dash_duo.find_element(".filtro-estado").text

    dash_duo.driver.back()
    esperar(dash_duo, lambda: codigos_grid(dash_duo) == todas, "back again: every goal")
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]


def test_a_link_with_filters_opens_with_them_selected(dash_duo, demo_database_url):
    """/?periodo=2025-T2&eje=E2&tema=Género opens on 2025-T2 with E2 and Género selected and
    lists E2's presidential goals that have an indicator on Género, evaluated in 2025-T2."""
    mcr = cargar_mcr(demo_database_url)
    esperadas = presidenciales(mcr, "2025-T2", "E2", "Género")
    assert esperadas, "the demo must have such goals for this test to mean anything"
    assert esperadas != presidenciales(mcr, "2025-T2", "E2")

    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(dash_duo.server_url + "/?periodo=2025-T2&eje=E2&tema=G%C3%A9nero")
    esperar(dash_duo, lambda: codigos_grid(dash_duo) == esperadas, "the filtered goals")
    dash_duo.wait_for_contains_text("#shell-periodo-texto", format_periodo("2025-T2"))
    assert nombre_eje(mcr, "E2") in dash_duo.find_element(".filtro-eje").text
    assert "Género" in dash_duo.find_element(".filtro-tema").text
    assert "2025-T2" in dash_duo.find_element(".filtro-periodo").text
    assert query(dash_duo) == {"periodo": "2025-T2", "eje": "E2", "tema": "Género"}
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]


def test_hand_edited_link_with_unknown_codes_still_opens(dash_duo, demo_database_url):
    """An eje that does not exist and a malformed period are ignored, not a traceback: the
    overview opens with every presidential goal of the default quarter."""
    mcr = cargar_mcr(demo_database_url)
    periodo = ultimo_trimestre_vencido(hoy_honduras(), Reglas().plazo_reporte_dias)
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(dash_duo.server_url + "/?eje=NOEXISTE&periodo=2025-T9")
    todas = presidenciales(mcr, periodo)
    esperar(dash_duo, lambda: codigos_grid(dash_duo) == todas, "every goal of the default")
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]
