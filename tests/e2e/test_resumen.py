"""The presidential overview in a real browser, checked against the engine's own numbers."""

from __future__ import annotations

import pandas as pd
import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy.orm import Session

from dashboard import create_app
from dashboard.data import hoy_honduras
from dashboard.formatting import format_periodo, format_porcentaje, presentar_estado
from data_layer.db import make_engine
from data_layer.engine import agregar, run
from data_layer.engine.frames import Reglas
from data_layer.periods import ultimo_trimestre_vencido
from data_layer.queries import load_mcr

pytestmark = pytest.mark.e2e

FILA = '#resumen-grid .ag-center-cols-container .ag-row[row-id="{codigo}"]'


def _engine_view(url: str, periodo: str) -> tuple[pd.DataFrame, dict[str, float]]:
    """Presidential goals and the avance of each eje card, computed with the engine alone.

    Cards: the ejes without dimensions, plus an eje with dimensions (E2) when some presidential
    goal is attached to it directly, rolled up over those goals only.
    """
    engine = make_engine(url)
    with Session(engine) as session:
        mcr = load_mcr(session)
    engine.dispose()
    res = run(mcr, periodo, hoy_honduras(), Reglas())
    presidenciales = res.metas.loc[res.metas["nivel"] == "presidencial"]
    padres = set(mcr.ejes["eje_padre"].dropna())
    hojas = [c for c in mcr.ejes["codigo"] if c not in padres]
    todas = agregar(res.metas, mcr, por="eje", niveles=["presidencial"])
    tarjetas = {c: todas.loc[c, "avance"] for c in hojas}
    directas = presidenciales.loc[presidenciales["eje"].isin(padres)]
    if len(directas):
        propias = agregar(directas, mcr, por="eje", niveles=["presidencial"])
        tarjetas.update({c: propias.loc[c, "avance"] for c in set(directas["eje"])})
    return presidenciales, dict(sorted(tarjetas.items()))


#: Every row of the goal grid as {row-id: {col-id: shown text, "estado": data-estado}}.
LEER_GRID = """
const filas = {};
document.querySelectorAll('#resumen-grid .ag-center-cols-container .ag-row').forEach((fila) => {
  const celdas = {};
  fila.querySelectorAll('.ag-cell').forEach((celda) => {
    celdas[celda.getAttribute('col-id')] = celda.innerText.replace(/\\s+/g, ' ').trim();
  });
  const insignia = fila.querySelector('.estado-insignia');
  celdas.estado = insignia ? insignia.getAttribute('data-estado') : null;
  filas[fila.getAttribute('row-id')] = celdas;
});
return filas;
"""
COLUMNAS = ("avance_directo", "avance_contribuyentes", "semaforo_orden", "estado")


def _grid_shows(dash_duo, metas: pd.DataFrame) -> None:
    """Wait until the grid holds exactly these goals with their avances and semáforo."""
    esperado = {
        codigo: {
            "avance_directo": format_porcentaje(meta["avance_directo"]),
            "avance_contribuyentes": format_porcentaje(meta["avance_contribuyentes"]),
            "semaforo_orden": presentar_estado(meta["semaforo"]).rotulo,
            "estado": meta["semaforo"],
        }
        for codigo, meta in metas.iterrows()
    }

    def mostrado(_driver=None) -> dict:
        filas = dash_duo.driver.execute_script(LEER_GRID)
        return {codigo: {c: celdas.get(c) for c in COLUMNAS} for codigo, celdas in filas.items()}

    try:
        WebDriverWait(dash_duo.driver, 15).until(lambda d: mostrado() == esperado)
    except TimeoutException:
        assert mostrado() == esperado


def test_resumen_shows_the_engine_results_and_follows_the_period(dash_duo, demo_database_url):
    """The overview opens on the latest due quarter with the engine's avance and semáforo of
    every presidential goal, the demo banner and one card per eje group; choosing another
    quarter re-evaluates everything; the browser logs no error."""
    reglas = Reglas()
    periodo = ultimo_trimestre_vencido(hoy_honduras(), reglas.plazo_reporte_dias)
    metas, ejes = _engine_view(demo_database_url, periodo)
    assert len(metas) > 0

    app = create_app(demo_database_url)
    dash_duo.start_server(app)
    dash_duo.wait_for_element(FILA.format(codigo=metas.index[0]), timeout=20)

    # The shell: demo banner and evaluated period.
    dash_duo.wait_for_text_to_equal("#shell-demo", "⚠ Datos de demostración")
    dash_duo.wait_for_contains_text("#shell-periodo-texto", format_periodo(periodo))
    assert dash_duo.find_element("#resumen-periodo").text.strip() == format_periodo(periodo)

    # Every presidential goal, with the engine's numbers, and nothing else.
    _grid_shows(dash_duo, metas)

    # One card per eje group, showing the engine's roll-up; every goal counted once.
    tarjetas = dash_duo.find_elements(".tarjeta-eje")
    codigos = [t.find_element(By.CSS_SELECTOR, ".tarjeta-eje-codigo").text for t in tarjetas]
    assert codigos == list(ejes)
    assert {"E1", "E2-ECO", "E2-SOC", "E3", "E4"} <= set(codigos)
    for tarjeta, codigo in zip(tarjetas, codigos, strict=True):
        avance = tarjeta.find_element(By.CSS_SELECTOR, ".tarjeta-eje-avance").text
        assert avance == format_porcentaje(ejes[codigo]), codigo
    total = sum(int(t.text) for t in dash_duo.find_elements(".tarjeta-estado-numero"))
    assert total == len(metas)

    # Another quarter: the content changes to that quarter's evaluation.
    otro = "2025-T2"
    metas_otro, _ = _engine_view(demo_database_url, otro)
    assert not metas_otro[["avance_directo", "semaforo"]].equals(
        metas[["avance_directo", "semaforo"]]
    ), "the demo must differ between both quarters for this test to mean anything"
    dash_duo.select_dcc_dropdown("#resumen-periodo", value=format_periodo(otro))
    dash_duo.wait_for_contains_text("#shell-periodo-texto", format_periodo(otro))
    _grid_shows(dash_duo, metas_otro)

    severos = [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]
    assert severos == []
