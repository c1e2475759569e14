"""The issue's journey in a real browser, by clicking: overview → eje → sector → institution →
goal → indicator, every number on the way checked against the engine run on the same data.

The path goes through the Salud mesa of the demo: eje E2-SOC, sector SAL, institution SESAL (its
rectora). The goal and the indicator are chosen as an analyst would, asking "why is this not
green": SESAL's goal with the lowest avance directo, then that goal's indicator with the lowest
avance. The cut date is the dashboard's (today in Honduras) and the period the pages open on is
the latest quarter whose reports are due, as the pages compute it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd
import pytest
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    NoSuchElementException,
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
from data_layer.engine import Resultado, agregar, run
from data_layer.engine.frames import MCR, Reglas
from data_layer.periods import ultimo_trimestre_vencido
from data_layer.queries import load_mcr
from data_layer.vistas.resumen import periodo_por_defecto, periodos_evaluables

pytestmark = pytest.mark.e2e

EJE, SECTOR, INSTITUCION = "E2-SOC", "SAL", "SESAL"

#: The shown text of one grid cell: grid name, row id, column id → text (None while absent).
LEER_CELDA = """
const [grid, fila, columna] = arguments;
const caja = document.querySelector(`div[id*='"grid":"${grid}"']`);
if (!caja) { return null; }
const celda = caja.querySelector(`.ag-row[row-id="${fila}"] .ag-cell[col-id="${columna}"]`);
return celda ? celda.innerText.replace(/\\s+/g, ' ').trim() : null;
"""

#: The state (``data-estado``) of the semáforo badge in one grid row, or None.
LEER_ESTADO_FILA = """
const [grid, fila] = arguments;
const caja = document.querySelector(`div[id*='"grid":"${grid}"']`);
const insignia = caja && caja.querySelector(`.ag-row[row-id="${fila}"] .estado-insignia`);
return insignia ? insignia.getAttribute('data-estado') : null;
"""


@dataclass(frozen=True)
class Esperado:
    """What every step of the journey must show, computed with the engine alone."""

    res: Resultado
    mcr: MCR
    meta: str
    indicador: str

    def avance(self, por: str, codigo: str, nivel: str, metas: pd.DataFrame | None = None) -> str:
        """A group's roll-up at one level, as the pages print it."""
        marco = self.res.metas if metas is None else metas
        return format_porcentaje(
            agregar(marco, self.mcr, por, niveles=[nivel]).loc[codigo, "avance"]
        )


@pytest.fixture(scope="module")
def esperado(demo_database_url) -> Esperado:
    """The engine's evaluation of the demo for the pages' default period and cut date, and the
    goal and indicator the journey will click."""
    engine = make_engine(demo_database_url)
    with Session(engine) as session:
        mcr = load_mcr(session)
    engine.dispose()
    reglas = Reglas()
    corte = hoy_honduras()
    periodo = periodo_por_defecto(
        periodos_evaluables(mcr), corte, reglas.plazo_reporte_dias
    ) or ultimo_trimestre_vencido(corte, reglas.plazo_reporte_dias)
    res = run(mcr, periodo, corte, reglas)

    metas = res.metas
    propias = metas.loc[
        (metas["institucion"] == INSTITUCION)
        & (metas["nivel"] == "institucional")
        & (metas["sector"] == SECTOR)
        & metas["avance_directo"].notna()
    ]
    assert len(propias), "the demo must give SESAL evaluated goals in SAL"
    meta = str(propias.sort_values(["avance_directo"], kind="stable").index[0])
    ind = res.indicadores.loc[
        (res.indicadores["meta_codigo"] == meta) & res.indicadores["avance_pct"].notna()
    ]
    assert len(ind), f"the demo must give {meta} an indicator with a value"
    indicador = str(ind.sort_values(["avance_pct"], kind="stable").index[0])
    return Esperado(res, mcr, meta, indicador)


# --- browser helpers -----------------------------------------------------------------------------


def _esperar(dash_duo, condicion: Callable[[], bool], mensaje: str, segundos: float = 20) -> None:
    """Wait until ``condicion()`` holds (elements replaced under it just mean "not yet")."""

    def comprobar(_driver) -> bool:
        try:
            return bool(condicion())
        except (NoSuchElementException, StaleElementReferenceException):
            return False

    try:
        WebDriverWait(dash_duo.driver, segundos, poll_frequency=0.2).until(comprobar)
    except TimeoutException:
        pytest.fail(mensaje)


def _ruta(dash_duo) -> str:
    return urlparse(dash_duo.driver.current_url).path


def _celda(dash_duo, grid: str, fila: str, columna: str) -> str | None:
    return dash_duo.driver.execute_script(LEER_CELDA, grid, fila, columna)


def _estado_fila(dash_duo, grid: str, fila: str) -> str | None:
    return dash_duo.driver.execute_script(LEER_ESTADO_FILA, grid, fila)


def _texto(dash_duo, selector: str) -> str | None:
    elementos = dash_duo.find_elements(selector)
    return elementos[0].text.strip() if elementos else None


def _clic(dash_duo, buscar: Callable[[], object], que: str) -> None:
    """A real mouse click on the element ``buscar()`` returns, once it is in view and nothing
    covers it; the element is looked up again on each try (grids redraw their rows)."""

    def intento() -> bool:
        elemento = buscar()
        dash_duo.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", elemento
        )
        try:
            elemento.click()
        except (ElementClickInterceptedException, ElementNotInteractableException):
            return False
        return True

    _esperar(dash_duo, intento, f"no se pudo hacer clic en {que}")


def _enlace_de_fila(dash_duo, grid: str, fila: str):
    """The link cell of row ``fila`` in grid ``grid``."""
    return dash_duo.driver.find_element(
        By.CSS_SELECTOR, f'div[id*=\'"grid":"{grid}"\'] .ag-row[row-id="{fila}"] a.celda-enlace'
    )


def _numero(texto: str) -> tuple[float, int]:
    """``"1,234.5"`` → (1234.5, 1 decimal shown)."""
    limpio = texto.replace(",", "").strip()
    decimales = len(limpio.split(".")[1]) if "." in limpio else 0
    return float(limpio), decimales


# --- the journey ---------------------------------------------------------------------------------


def test_journey_from_overview_to_indicator_by_clicking(dash_duo, demo_database_url, esperado):
    """Overview → eje E2-SOC card → SAL (eje's sector grid) → SESAL (sector's institution
    grid) → SESAL's weakest goal → its weakest indicator, all by clicking. Each page shows the
    engine's numbers: the eje card and eje headline (presidential roll-up), the sector's row and
    headline (sectorial roll-up), the institution's row in the sector and its headline
    (institutional roll-up), the goal's row, its avance directo, de contribuyentes and semáforo,
    the indicator's row, then its state, avance and value for the evaluated period. The
    breadcrumbs end Eje › Sector › Institución › Meta › Indicador, each a link up; the browser's
    back button returns to the goal; the console logs no error."""
    res, mcr, meta, indicador = esperado.res, esperado.mcr, esperado.meta, esperado.indicador
    fila_meta = res.metas.loc[meta]
    fila_ind = res.indicadores.loc[indicador]
    avance_eje = esperado.avance("eje", EJE, "presidencial")
    avance_sector = esperado.avance("sector", SECTOR, "sectorial")

    dash_duo.start_server(create_app(demo_database_url))

    # 1. Overview: the eje card shows the eje's presidential roll-up; click it.
    tarjeta = f".resumen-ejes a[href='/ejes/{EJE}']"
    _esperar(
        dash_duo,
        lambda: _texto(dash_duo, f"{tarjeta} .tarjeta-eje-avance") == avance_eje,
        f"la tarjeta del eje {EJE} no muestra {avance_eje}",
    )
    _clic(dash_duo, lambda: dash_duo.find_element(tarjeta), f"la tarjeta del eje {EJE}")

    # 2. Eje: headline as the card; SAL's row shows its sectorial roll-up; click SAL.
    _esperar(dash_duo, lambda: _ruta(dash_duo) == f"/ejes/{EJE}", "no se abrió el eje")
    dash_duo.wait_for_text_to_equal("#eje-avance-numero", avance_eje, timeout=20)
    _esperar(
        dash_duo,
        lambda: _celda(dash_duo, "eje-sectores", SECTOR, "avance") == avance_sector,
        f"la fila {SECTOR} del eje no muestra {avance_sector}",
    )
    dash_duo.wait_for_element("#eje-mapa .hm", timeout=20)  # the last callback has answered
    _clic(dash_duo, lambda: _enlace_de_fila(dash_duo, "eje-sectores", SECTOR), SECTOR)

    # 3. Sector: headline; SESAL's row averages SESAL's institutional goals of this sector.
    _esperar(dash_duo, lambda: _ruta(dash_duo) == f"/sectores/{SECTOR}", "no se abrió el sector")
    dash_duo.wait_for_text_to_equal("#sector-avance-numero", avance_sector, timeout=20)
    del_sector = res.metas.loc[res.metas["sector"] == SECTOR]
    avance_en_sector = esperado.avance("institucion", INSTITUCION, "institucional", del_sector)
    _esperar(
        dash_duo,
        lambda: _celda(dash_duo, "sector-instituciones", INSTITUCION, "avance") == avance_en_sector,
        f"la fila {INSTITUCION} del sector no muestra {avance_en_sector}",
    )
    dash_duo.wait_for_element("#sector-mapa .hm", timeout=20)
    _clic(
        dash_duo,
        lambda: _enlace_de_fila(dash_duo, "sector-instituciones", INSTITUCION),
        INSTITUCION,
    )

    # 4. Institution: headline; the goal's row shows its avance directo and state; click it.
    _esperar(
        dash_duo,
        lambda: _ruta(dash_duo) == f"/instituciones/{INSTITUCION}",
        "no se abrió la institución",
    )
    dash_duo.wait_for_text_to_equal(
        "#institucion-avance-numero",
        esperado.avance("institucion", INSTITUCION, "institucional"),
        timeout=20,
    )
    _esperar(
        dash_duo,
        lambda: (
            (
                _celda(dash_duo, "institucion-metas", meta, "avance_directo"),
                _estado_fila(dash_duo, "institucion-metas", meta),
            )
            == (format_porcentaje(fila_meta["avance_directo"]), fila_meta["semaforo"])
        ),
        f"la fila de {meta} no muestra el avance y el semáforo del motor",
    )
    dash_duo.wait_for_element("#reportes-total-faltante", timeout=20)
    _clic(dash_duo, lambda: _enlace_de_fila(dash_duo, "institucion-metas", meta), meta)

    # 5. Goal: both avances side by side and the state; the indicator's row; click it.
    _esperar(dash_duo, lambda: _ruta(dash_duo) == f"/metas/{meta}", "no se abrió la meta")
    directo = format_porcentaje(fila_meta["avance_directo"])
    dash_duo.wait_for_text_to_equal("#meta-avance-directo-numero", directo, timeout=20)
    dash_duo.wait_for_text_to_equal(
        "#meta-avance-contribuyentes-numero", format_porcentaje(fila_meta["avance_contribuyentes"])
    )
    etiqueta_meta = presentar_estado(fila_meta["semaforo"]).etiqueta
    assert etiqueta_meta in dash_duo.find_element("#meta-semaforo").text
    _esperar(
        dash_duo,
        lambda: (
            (
                _celda(dash_duo, "meta-indicadores", indicador, "avance_pct"),
                _estado_fila(dash_duo, "meta-indicadores", indicador),
            )
            == (format_porcentaje(fila_ind["avance_pct"]), fila_ind["semaforo"])
        ),
        f"la fila de {indicador} no muestra el avance y el semáforo del motor",
    )
    _clic(dash_duo, lambda: _enlace_de_fila(dash_duo, "meta-indicadores", indicador), indicador)

    # 6. Indicator: its state, and the evaluated period's row with the engine's avance and value.
    _esperar(
        dash_duo, lambda: _ruta(dash_duo) == f"/indicadores/{indicador}", "no se abrió el indicador"
    )
    nombre = mcr.indicadores.set_index("codigo").loc[indicador, "nombre"]
    dash_duo.wait_for_text_to_equal("#indicador-titulo", nombre, timeout=20)
    assert presentar_estado(fila_ind["semaforo"]).etiqueta in (
        dash_duo.find_element("#indicador-semaforo").text
    )
    periodo = str(fila_ind["periodo"])
    _esperar(
        dash_duo,
        lambda: (
            (
                _celda(dash_duo, "indicador-periodos", periodo, "avance_pct"),
                _estado_fila(dash_duo, "indicador-periodos", periodo),
            )
            == (format_porcentaje(fila_ind["avance_pct"]), fila_ind["semaforo"])
        ),
        f"la fila {periodo} del indicador no muestra el avance y el semáforo del motor",
    )
    valor, decimales = _numero(_celda(dash_duo, "indicador-periodos", periodo, "valor_periodo"))
    assert valor == pytest.approx(float(fila_ind["valor_periodo"]), abs=0.5 * 10**-decimales)

    # The breadcrumbs name the whole chain, each level a link up.
    migas = dash_duo.find_elements("#indicador-migas li")
    tipos = [m.find_element(By.CSS_SELECTOR, ".miga-tipo").text.strip() for m in migas[1:]]
    etiquetas = [m.find_element(By.CSS_SELECTOR, ".miga-etiqueta").text.strip() for m in migas[1:]]
    nombre_sector = mcr.sectores.set_index("codigo").loc[SECTOR, "nombre"]
    assert tipos == ["Eje", "Sector", "Institución", "Meta", "Indicador"]
    assert etiquetas == [EJE, nombre_sector, INSTITUCION, meta, indicador]
    enlaces = [
        urlparse(a.get_attribute("href")).path
        for a in dash_duo.find_elements("#indicador-migas li a")
    ]
    assert enlaces == [
        "/",
        f"/ejes/{EJE}",
        f"/sectores/{SECTOR}",
        f"/instituciones/{INSTITUCION}",
        f"/metas/{meta}",
    ]

    # 7. Back: the goal page again, with its numbers.
    dash_duo.driver.back()
    _esperar(dash_duo, lambda: _ruta(dash_duo) == f"/metas/{meta}", "atrás no volvió a la meta")
    dash_duo.wait_for_text_to_equal("#meta-avance-directo-numero", directo, timeout=20)
    assert etiqueta_meta in dash_duo.find_element("#meta-semaforo").text

    assert [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"] == []
