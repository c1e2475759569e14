"""The presidential overview in a real browser, checked against the engine's own numbers."""

from __future__ import annotations

from urllib.parse import urlparse

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
from data_layer.engine.frames import MCR, Reglas
from data_layer.periods import ultimo_trimestre_vencido
from data_layer.queries import load_mcr
from data_layer.vistas.resumen import comparaciones

pytestmark = pytest.mark.e2e

FILA = '.resumen-grid .ag-center-cols-container .ag-row[row-id="{codigo}"]'


def _mcr(url: str) -> MCR:
    engine = make_engine(url)
    with Session(engine) as session:
        mcr = load_mcr(session)
    engine.dispose()
    return mcr


def _avances(url: str, periodo: str) -> pd.Series:
    """Each presidential goal's avance in ``periodo`` (the trend's reference)."""
    metas, _ = _engine_view(url, periodo)
    return metas["avance"]


def _engine_view(url: str, periodo: str) -> tuple[pd.DataFrame, dict[str, float]]:
    """Presidential goals and the avance of each eje card, computed with the engine alone.

    Cards: the ejes without dimensions, plus an eje with dimensions (E2) when some presidential
    goal is attached to it directly, rolled up over those goals only.
    """
    mcr = _mcr(url)
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
document.querySelectorAll('.resumen-grid .ag-center-cols-container .ag-row').forEach((fila) => {
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
COLUMNAS = ("avance_directo", "avance_contribuyentes", "semaforo_orden", "estado", "cambio")


def _tendencia(actual: float, anterior: float) -> str:
    """The trend cell, by hand: both avances rounded to one decimal, then subtracted."""
    if pd.isna(actual) or pd.isna(anterior):
        return "—"
    a, b = (float(format_porcentaje(v)[:-2].replace(",", "")) for v in (actual, anterior))
    cambio = round(a - b, 1)
    flecha = "▲" if cambio > 0 else "▼" if cambio < 0 else "="
    return f"{flecha} {'+' if cambio > 0 else ''}{cambio:,.1f} pts"


def _grid_shows(dash_duo, url: str, periodo: str) -> None:
    """Wait until the grid holds exactly the goals of ``periodo`` with their avances, semáforo
    and trend against each goal's own previous evaluable period (an annual goal, the previous
    year); without any trend the column is not there."""
    metas, _ = _engine_view(url, periodo)
    comparadas = comparaciones(_mcr(url), pd.Index(metas.index), periodo)
    previos = {q: _avances(url, q) for q in set(comparadas["trimestre_anterior"].dropna())}
    anteriores = {
        codigo: previos[q].get(codigo) if isinstance(q, str) else None
        for codigo, q in comparadas["trimestre_anterior"].items()
    }
    tendencias = {c: _tendencia(metas.loc[c, "avance"], anteriores[c]) for c in metas.index}
    vs = {comparadas.loc[c, "periodo_anterior"] for c, t in tendencias.items() if t != "—"}
    for c, t in tendencias.items():
        if not vs:
            tendencias[c] = None  # the column is left out
        elif len(vs) > 1 and t != "—":
            tendencias[c] = f"{t} vs. {comparadas.loc[c, 'periodo_anterior']}"
    esperado = {
        codigo: {
            "avance_directo": format_porcentaje(meta["avance_directo"]),
            "avance_contribuyentes": format_porcentaje(meta["avance_contribuyentes"]),
            "semaforo_orden": presentar_estado(meta["semaforo"]).rotulo,
            "estado": meta["semaforo"],
            "cambio": tendencias[codigo],
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
    """The overview opens on the latest due quarter with the engine's avance, semáforo and
    trend against the previous quarter of every presidential goal, the demo banner, one card per
    eje group and the most severe alerts; choosing another quarter in the filter bar
    re-evaluates everything; the browser logs no error."""
    reglas = Reglas()
    periodo = ultimo_trimestre_vencido(hoy_honduras(), reglas.plazo_reporte_dias)
    metas, ejes = _engine_view(demo_database_url, periodo)
    assert len(metas) > 0

    app = create_app(demo_database_url)
    dash_duo.start_server(app)
    dash_duo.wait_for_element(FILA.format(codigo=metas.index[0]), timeout=20)

    # The shell: demo banner and evaluated period; the bar shows that period.
    dash_duo.wait_for_text_to_equal("#shell-demo", "⚠ Datos de demostración")
    dash_duo.wait_for_contains_text("#shell-periodo-texto", format_periodo(periodo))
    assert periodo in dash_duo.find_element(".filtro-periodo").text

    # Every presidential goal, with the engine's numbers and trend, and nothing else.
    _grid_shows(dash_duo, demo_database_url, periodo)

    # One card per eje group, showing the engine's roll-up; every goal counted once.
    tarjetas = dash_duo.find_elements(".tarjeta-eje")
    codigos = [t.find_element(By.CSS_SELECTOR, ".tarjeta-eje-codigo").text for t in tarjetas]
    assert codigos == list(ejes)
    assert {"E1", "E2-ECO", "E2-SOC", "E3", "E4"} <= set(codigos)
    for tarjeta, codigo in zip(tarjetas, codigos, strict=True):
        avance = tarjeta.find_element(By.CSS_SELECTOR, ".tarjeta-eje-avance").text
        assert avance == format_porcentaje(ejes[codigo]), codigo
    enlaces = [e.get_attribute("href") for e in dash_duo.find_elements(".resumen-ejes a")]
    assert [urlparse(h).path for h in enlaces] == [f"/ejes/{c}" for c in codigos]
    total = sum(int(t.text) for t in dash_duo.find_elements(".tarjeta-estado-numero"))
    assert total == len(metas)

    # The alert panel: the 8 most severe alerts, alta first, each linking to its entity.
    alertas = run(_mcr(demo_database_url), periodo, hoy_honduras(), reglas).alertas
    items = dash_duo.find_elements(".alerta-item")
    assert len(items) == min(8, len(alertas))
    assert items[0].find_element(By.CSS_SELECTOR, ".severidad").text == "Alta"
    primera = items[0].find_element(By.CSS_SELECTOR, ".alerta-entidad")
    assert "alta" in set(alertas.loc[alertas["entidad"] == primera.text, "severidad"])
    assert urlparse(primera.get_attribute("href")).path.endswith("/" + primera.text)

    # Another quarter: the URL and the content change to that quarter's evaluation.
    otro = "2024-T4"  # a year closes: annual indicators move, so the trend shows arrows
    metas_otro, _ = _engine_view(demo_database_url, otro)
    assert not metas_otro[["avance_directo", "semaforo"]].equals(
        metas[["avance_directo", "semaforo"]]
    ), "the demo must differ between both quarters for this test to mean anything"
    dash_duo.select_dcc_dropdown(".filtro-periodo", value=format_periodo(otro))
    dash_duo.wait_for_contains_text("#shell-periodo-texto", format_periodo(otro))
    assert urlparse(dash_duo.driver.current_url).query == f"periodo={otro}"
    _grid_shows(dash_duo, demo_database_url, otro)
    assert any(
        "▲" in t or "▼" in t
        for t in (c.text for c in dash_duo.find_elements(".resumen-grid .celda-tendencia"))
    ), "the demo must move some goal between quarters for the trend to mean anything"

    severos = [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]
    assert severos == []
