"""The level pages (eje, sector, institución) on the demo data, checked against the engine.

The first tests call the pages' callbacks as plain functions (inside a request, as Dash runs
them); the ``e2e`` ones drive a real browser: eje → sector → institución by clicking, a heat-map
cell, a filter, and an unknown code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlparse

import plotly
import pytest
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy.orm import Session

from dashboard import create_app
from dashboard.data import hoy_honduras
from dashboard.formatting import format_porcentaje
from data_layer.db import make_engine
from data_layer.engine import Resultado, agregar, run
from data_layer.engine.alerts import con_mensajes
from data_layer.engine.frames import MCR, Reglas
from data_layer.engine.rollup import group_membership
from data_layer.periods import ultimo_trimestre_vencido
from data_layer.queries import load_mcr
from data_layer.vistas.resumen import periodo_por_defecto, periodos_evaluables
from tests.conftest import sesion_de_prueba

#: One megabyte: no callback response may be larger (issue #3).
UN_MB = 1_000_000


@pytest.fixture(scope="module")
def demo(demo_database_url) -> tuple[MCR, str, Resultado]:
    """The demo MCR, the quarter the pages open on, and the engine's evaluation of it."""
    engine = make_engine(demo_database_url)
    with Session(engine) as session:
        mcr = load_mcr(session)
    engine.dispose()
    reglas = Reglas()
    periodo = periodo_por_defecto(
        periodos_evaluables(mcr), hoy_honduras(), reglas.plazo_reporte_dias
    ) or ultimo_trimestre_vencido(hoy_honduras(), reglas.plazo_reporte_dias)
    return mcr, periodo, run(mcr, periodo, hoy_honduras(), reglas)


@pytest.fixture
def paginas(demo_database_url) -> Iterator[dict]:
    """The three page modules of a fresh app on the demo database, inside a request."""
    app = create_app(demo_database_url)
    from dashboard.pages import eje, institucion, sector

    with sesion_de_prueba(app, "/"):
        yield {"eje": eje, "sector": sector, "institucion": institucion}


def _texto(componente) -> str:
    if isinstance(componente, str | int | float):
        return str(componente)
    if isinstance(componente, list | tuple):
        return "".join(_texto(c) for c in componente)
    hijos = getattr(componente, "children", None)
    return "" if hijos is None else _texto(hijos)


def _buscar(componente, id_: str):
    """The component with ``id_`` inside a Dash component tree, or None."""
    if getattr(componente, "id", None) == id_:
        return componente
    hijos = getattr(componente, "children", None)
    for hijo in hijos if isinstance(hijos, list | tuple) else [hijos]:
        if hijo is not None and not isinstance(hijo, str | int | float):
            encontrado = _buscar(hijo, id_)
            if encontrado is not None:
                return encontrado
    return None


def _tamano(respuesta) -> int:
    return len(json.dumps(respuesta, cls=plotly.utils.PlotlyJSONEncoder))


def _avance(res: Resultado, mcr: MCR, por: str, codigo: str, nivel: str) -> float:
    return agregar(res.metas, mcr, por, niveles=[nivel]).loc[codigo, "avance"]


def test_eje_page_shows_the_engine_roll_ups(paginas, demo):
    """/ejes/E2-SOC: the headline is the overview card's number (presidential goals of the eje),
    every sector of the eje is listed with its sectorial avance, every goal of the eje (all
    levels) is in the goal grid; each response stays under 1 MB."""
    mcr, periodo, res = demo
    salida = paginas["eje"].render_eje({"codigo": "E2-SOC"})
    migas, titulo, mensaje, avance = (salida[k] for k in ("migas", "titulo", "mensaje", "avance"))
    sectores, instituciones, metas = salida["sectores"], salida["instituciones"], salida["metas"]
    estilo, p = salida["contenido"], salida["periodo"]
    assert p == periodo and estilo == {} and mensaje is None
    assert titulo.startswith("E2-SOC · ")
    numero = _buscar(avance, "eje-avance-numero")
    assert _texto(numero) == format_porcentaje(_avance(res, mcr, "eje", "E2-SOC", "presidencial"))
    esperados = set(mcr.sector_ejes.loc[mcr.sector_ejes["eje"] == "E2-SOC", "sector"])
    assert {f["codigo"] for f in sectores} == esperados
    for fila in sectores:
        assert fila["avance_texto"] == format_porcentaje(
            _avance(res, mcr, "sector", fila["codigo"], "sectorial")
        )
        assert fila["codigo_href"] == f"/sectores/{fila['codigo']}"
    pares = group_membership(res.metas, mcr, "eje")
    assert {f["codigo"] for f in metas} == set(pares.loc[pares["grupo"] == "E2-SOC", "meta"])
    assert all(f["codigo_href"].startswith("/metas/") for f in metas)
    assert all(f["codigo_href"].startswith("/instituciones/") for f in instituciones)
    assert "Inicio" in _texto(migas)
    assert _tamano(salida) < UN_MB
    assert _tamano(paginas["eje"].render_mapa({"codigo": "E2-SOC"})) < UN_MB


def test_sector_page_filters_by_theme_and_state(paginas, demo):
    """/sectores/SAL?tema=Género&estado=rojo: every goal listed is red and has an indicator of
    the theme; every institution listed is red; the mesa link is there."""
    mcr, _periodo, res = demo
    completo = paginas["sector"].render_sector({"codigo": "SAL"})
    filtrado = paginas["sector"].render_sector(
        {"codigo": "SAL", "tema": "Género", "estado": "rojo"}
    )
    metas = filtrado["metas"]
    temas = mcr.indicador_temas
    con_tema = set(temas.loc[temas["tema"] == "Género", "indicador"])
    metas_con_tema = set(mcr.indicadores.loc[mcr.indicadores["codigo"].isin(con_tema), "meta"])
    assert len(metas) < len(completo["metas"])
    assert all(f["semaforo"] == "rojo" for f in metas)
    assert {f["codigo"] for f in metas} <= metas_con_tema
    assert all(f["semaforo"] == "rojo" for f in filtrado["instituciones"])
    assert "Filtrado" in _texto(filtrado["mensaje"])
    assert _buscar(completo["subtitulo"], "sector-mesa").href == "/mesas/SAL"
    numero = _buscar(completo["avance"], "sector-avance-numero")
    assert _texto(numero) == format_porcentaje(_avance(res, mcr, "sector", "SAL", "sectorial"))


def test_unknown_codes_say_no_existe(paginas):
    """An eje, sector or institution the MCR lacks shows a Spanish message, never a traceback."""
    eje = paginas["eje"].render_eje({"codigo": "E9"})
    assert "No existe el eje «E9»" in _texto(eje["mensaje"])
    assert eje["contenido"] == {"display": "none"}
    sector = paginas["sector"].render_sector({"codigo": "<script>"})
    assert "No existe el sector" in _texto(sector["mensaje"])
    inst = paginas["institucion"].render_institucion({"codigo": "NADIE"})
    assert "No existe la institución «NADIE»" in _texto(inst["mensaje"])
    reportes = paginas["institucion"].render_reportes({"codigo": "NADIE"})
    assert (reportes["conteo"], reportes["atrasos"]) == ([], [])


def test_institution_reporting_record_agrees_with_the_engine_alerts(paginas, demo):
    """SESAL's missing reports are exactly the periods the engine's reporte_faltante alerts list
    for SESAL's indicators; its indicator grid holds every indicator it is responsible for."""
    mcr, _periodo, res = demo
    pagina = paginas["institucion"]
    reportes = pagina.render_reportes({"codigo": "SESAL"})
    conteo, atrasos = reportes["conteo"], reportes["atrasos"]
    propios = set(
        mcr.indicadores.loc[mcr.indicadores["institucion_responsable"] == "SESAL", "codigo"]
    )
    alertas = res.alertas.loc[
        (res.alertas["tipo"] == "reporte_faltante") & res.alertas["entidad"].isin(propios)
    ]
    mensajes = con_mensajes(alertas)["mensaje"]
    faltan = sum(int(re.search(r"falta[n]? (\d+)", m).group(1)) for m in mensajes)
    assert sum(f["faltante"] for f in conteo) == faltan
    assert sum(1 for f in atrasos if f["estado"] == "faltante") == faltan
    assert sum(f["tardio"] for f in conteo) == sum(1 for f in atrasos if f["estado"] == "tardio")
    indicadores = pagina.render_institucion({"codigo": "SESAL"})["indicadores"]
    assert {f["codigo"] for f in indicadores} == propios
    evaluacion, figura = pagina.render_evaluacion({"codigo": "SESAL"})
    assert len(figura.data[0].x) >= 1 and _texto(evaluacion)


# --- browser ------------------------------------------------------------------------------------


def _esperar(dash_duo, condicion, mensaje: str, timeout: float = 20) -> None:
    try:
        # The grid redraws its rows as data arrives: a row read mid-redraw is stale, read again.
        WebDriverWait(
            dash_duo.driver,
            timeout,
            ignored_exceptions=(StaleElementReferenceException, NoSuchElementException),
        ).until(lambda _d: condicion())
    except TimeoutException:
        pytest.fail(mensaje)


def _clic_enlace(dash_duo, grid: str, codigo: str) -> None:
    """Click the link cell of row ``codigo`` in the grid named ``grid``.

    The grid may redraw its rows right after its data arrives (a stale element): find the link
    again until the click lands. The click is the DOM's own, so the cell's handler navigates.
    """
    selector = f'div[id*=\'"grid":"{grid}"\'] .ag-row[row-id="{codigo}"] a.celda-enlace'

    def clic() -> bool:
        try:
            enlace = dash_duo.driver.find_element(By.CSS_SELECTOR, selector)
            dash_duo.driver.execute_script(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", enlace
            )
        except (NoSuchElementException, StaleElementReferenceException):
            return False
        return True

    _esperar(dash_duo, clic, f"no se encontró el enlace {codigo} en {grid}")


def _rectangulo_estable(dash_duo, elemento) -> list[float]:
    """The element's viewport rectangle once it stops moving (two equal reads)."""
    leer = (
        "const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height];"
    )
    anterior: list[list[float]] = [[]]

    def quieto() -> bool:
        actual = dash_duo.driver.execute_script(leer, elemento)
        estable = actual == anterior[0]
        anterior[0] = actual
        return estable

    _esperar(dash_duo, quieto, "el gráfico no deja de moverse")
    return anterior[0]


def _ruta(dash_duo) -> str:
    return urlparse(dash_duo.driver.current_url).path


def _sin_errores(dash_duo) -> None:
    assert [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"] == []


@pytest.mark.e2e
def test_journey_eje_sector_institucion_by_clicking(dash_duo, demo_database_url, demo):
    """From /ejes/E2-SOC a click on SAL opens the sector, a click on SESAL the institution, each
    headline showing the engine's roll-up; back returns to the sector; no console errors."""
    mcr, _periodo, res = demo
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/ejes/E2-SOC")
    dash_duo.wait_for_text_to_equal(
        "#eje-avance-numero",
        format_porcentaje(_avance(res, mcr, "eje", "E2-SOC", "presidencial")),
        timeout=20,
    )
    dash_duo.wait_for_element("#eje-mapa .hm", timeout=20)  # every callback has answered
    _clic_enlace(dash_duo, "eje-sectores", "SAL")
    _esperar(dash_duo, lambda: _ruta(dash_duo) == "/sectores/SAL", "no se abrió el sector")
    dash_duo.wait_for_text_to_equal(
        "#sector-avance-numero",
        format_porcentaje(_avance(res, mcr, "sector", "SAL", "sectorial")),
        timeout=20,
    )
    dash_duo.wait_for_contains_text("#sector-migas", "E2-SOC")
    dash_duo.wait_for_element("#sector-mapa .hm", timeout=20)  # every callback has answered
    _clic_enlace(dash_duo, "sector-instituciones", "SESAL")
    _esperar(dash_duo, lambda: _ruta(dash_duo) == "/instituciones/SESAL", "no se abrió SESAL")
    dash_duo.wait_for_text_to_equal(
        "#institucion-avance-numero",
        format_porcentaje(_avance(res, mcr, "institucion", "SESAL", "institucional")),
        timeout=20,
    )
    dash_duo.wait_for_contains_text("#reportes-total-faltante", "faltante", timeout=20)
    dash_duo.driver.back()
    _esperar(dash_duo, lambda: _ruta(dash_duo) == "/sectores/SAL", "atrás no volvió al sector")
    dash_duo.wait_for_element("#sector-avance-numero", timeout=20)
    _sin_errores(dash_duo)


@pytest.mark.e2e
def test_heat_map_cell_opens_that_row_in_that_quarter(dash_duo, demo_database_url, demo):
    """A click on the first cell of the sector's heat map opens its first institution with the
    first quarter of the map as the evaluated period."""
    mcr, periodo, _res = demo
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/sectores/SAL")
    dash_duo.wait_for_element("#sector-avance-numero", timeout=20)
    dash_duo.wait_for_element("#sector-mapa .hm", timeout=20)
    capa = dash_duo.wait_for_element("#sector-mapa .nsewdrag", timeout=20)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", capa)
    propias = mcr.metas.loc[
        (mcr.metas["nivel"] == "institucional") & (mcr.metas["sector"] == "SAL")
    ]
    primera = sorted(set(propias["institucion"]))[0]
    izquierda, arriba, ancho, alto = _rectangulo_estable(dash_duo, capa)
    filas = len(set(propias["institucion"]))
    # The middle of the first cell: first of 8 quarters, first row.
    acciones = ActionBuilder(dash_duo.driver)
    # Plotly's click reports the point under the last hover: hover first, then click.
    acciones.pointer_action.move_to_location(
        int(izquierda + ancho / 16), int(arriba + alto / (2 * filas))
    ).pause(0.5).click()
    acciones.perform()
    _esperar(
        dash_duo,
        lambda: _ruta(dash_duo) == f"/instituciones/{primera}",
        "el clic en el mapa no abrió la institución",
    )
    parametros = dict(parse_qsl(urlparse(dash_duo.driver.current_url).query))
    assert parametros["periodo"] < periodo
    dash_duo.wait_for_element("#institucion-avance-numero", timeout=20)
    _sin_errores(dash_duo)


@pytest.mark.e2e
def test_state_filter_narrows_the_institution_lists_and_the_url(dash_duo, demo_database_url):
    """Choosing "Amarillo" on /instituciones/SESAL puts estado=amarillo in the URL and leaves
    only amarillo rows in its indicator grid; an unknown sigla says it does not exist."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/instituciones/SESAL")
    filas = 'div[id*=\'"grid":"institucion-indicadores"\'] .ag-center-cols-container .ag-row'
    dash_duo.wait_for_element(filas, timeout=20)
    antes = len(dash_duo.find_elements(filas))
    dash_duo.select_dcc_dropdown(".filtro-estado", value="▲ Amarillo")
    _esperar(
        dash_duo,
        lambda: (
            dict(parse_qsl(urlparse(dash_duo.driver.current_url).query)).get("estado") == "amarillo"
        ),
        "el filtro no llegó a la URL",
    )

    def estados() -> set[str]:
        return {
            e.get_attribute("data-estado")
            for e in dash_duo.find_elements(f"{filas} .estado-insignia")
        }

    _esperar(dash_duo, lambda: estados() == {"amarillo"}, "quedan filas de otro estado")
    assert len(dash_duo.find_elements(filas)) < antes
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/instituciones/NO-EXISTE")
    dash_duo.wait_for_contains_text(".nivel-no-existe", "No existe la institución", timeout=20)
    assert dash_duo.find_element("#institucion-contenido").get_attribute("style") in (
        "display: none;",
    )
    _sin_errores(dash_duo)


def test_pages_are_registered_with_spanish_paths(paginas):
    """The three pages answer at /ejes/<codigo>, /sectores/<codigo>, /instituciones/<sigla>."""
    import dash

    rutas = {p["path_template"] for p in dash.page_registry.values() if p.get("path_template")}
    assert {"/ejes/<codigo>", "/sectores/<codigo>", "/instituciones/<sigla>"} <= rutas


def test_layouts_are_cheap_skeletons(paginas):
    """Layouts need no database: the store holds the URL's code and validated filters only."""
    capa = paginas["sector"].layout(codigo="SAL", periodo="2024-S1", estado="morado", x="1")
    store = _buscar(capa, "sector-params")
    assert store.data == {
        "codigo": "SAL",
        "periodo": "2024-T2",
        "eje": None,
        "sector": None,
        "tema": None,
        "estado": None,
    }
    assert _buscar(paginas["institucion"].layout(), "institucion-params").data["codigo"] is None
