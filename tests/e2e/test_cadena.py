"""The value chain (/cadena) in a real browser: the chart loads on the demo, and stays readable
at 500+ goals (a demo-sized synthetic MCR): few labels per ring, E2's dimensions on the same
ring as the other ejes, one level more per click."""

from __future__ import annotations

import dash
import pytest
from dash import dcc, html

from bench.synthetic import FECHA_CORTE_BENCH, PERIODO_BENCH, build_mcr
from dashboard import create_app
from dashboard.figures.cadena import figure_cadena
from data_layer.engine import run
from data_layer.vistas import cadena as vista
from tests.e2e.test_filtros import esperar
from tests.e2e.test_mesas import sin_severos

pytestmark = pytest.mark.e2e

#: Most labels a ring may show (a ring of the 640 px chart holds about that many 12 px labels
#: side by side): beyond that a ring is a wall of text.
MAX_ETIQUETAS_POR_ANILLO = 60

#: For each drawn slice of the sunburst: its ring (depth from the chart's centre), its label as
#: drawn, and whether that label is shown (plotly hides the ones under ``uniformtext.minsize``).
ROTULOS = """
const salida = [];
document.querySelectorAll(arguments[0] + ' g.slice').forEach(g => {
  const d = g.__data__ || {};
  const t = g.querySelector('text.slicetext');
  const texto = t ? t.textContent : '';
  let visible = false;
  if (t && texto) {
    const caja = t.getBoundingClientRect();
    const estilo = getComputedStyle(t);
    visible = caja.width > 0 && caja.height > 0 && estilo.display !== 'none'
      && estilo.visibility !== 'hidden' && parseFloat(estilo.opacity || '1') > 0;
  }
  salida.push([d.depth === undefined ? -1 : d.depth, texto, visible]);
});
return salida;
"""


#: Click the slice labelled ``arguments[1]`` (as a person would: on its surface).
CLIC_EN = """
for (const g of document.querySelectorAll(arguments[0] + ' g.slice')) {
  const t = g.querySelector('text.slicetext');
  if (t && t.textContent === arguments[1]) {
    const p = g.querySelector('path.surface');
    const caja = p.getBoundingClientRect();
    const opciones = {bubbles: true, clientX: caja.x + caja.width / 2,
                      clientY: caja.y + caja.height / 2};
    p.dispatchEvent(new MouseEvent('mouseover', opciones));
    p.dispatchEvent(new MouseEvent('click', opciones));
    return true;
  }
}
return false;
"""


def rotulos(dash_duo, selector: str) -> list[list]:
    """``[ring, label, visible]`` of every slice the chart draws."""
    return dash_duo.driver.execute_script(ROTULOS, selector)


def visibles_por_anillo(filas: list[list]) -> dict[int, int]:
    """How many labels are shown on each ring."""
    cuenta: dict[int, int] = {}
    for anillo, _texto, visible in filas:
        if visible:
            cuenta[anillo] = cuenta.get(anillo, 0) + 1
    return cuenta


@pytest.mark.usuario(None)
def test_a_500_goal_chain_shows_few_labels_per_ring_and_e2s_dimensions_in_view(dash_duo):
    """A demo-sized synthetic MCR (600+ goals): the chart draws three rings at a time, no ring
    shows more than MAX_ETIQUETAS_POR_ANILLO labels, E2-ECO and E2-SOC are labelled on the
    ejes' ring (not one ring further out), and a click on an eje shows that eje's goals one
    level deeper, still within the limit."""
    mcr = build_mcr(1)
    res = run(mcr, PERIODO_BENCH, FECHA_CORTE_BENCH)
    arbol = vista.nodos_cadena(res, mcr)
    v = vista.vista_cadena(arbol, mcr)
    assert v.n_metas >= 500
    app = dash.Dash(__name__)
    app.layout = html.Div(
        dcc.Graph(id="grafico", figure=figure_cadena(v.nodos), style={"height": "640px"})
    )
    dash_duo.start_server(app)
    esperar(dash_duo, lambda: rotulos(dash_duo, "#grafico"), "el gráfico no se dibuja", 30)
    filas = rotulos(dash_duo, "#grafico")
    cuenta = visibles_por_anillo(filas)
    assert max(cuenta.values()) <= MAX_ETIQUETAS_POR_ANILLO, cuenta
    assert max(a for a, _, _ in filas) <= 3
    ejes = {t for a, t, vis in filas if a == 1 and vis}
    assert {"E2-ECO", "E2-SOC", "E1", "E3", "E4"} <= ejes, ejes
    dibujadas = len(filas)

    # Down into E2-SOC: its presidential goals are the first ring, labelled within the limit.
    dash_duo.driver.execute_script(CLIC_EN, "#grafico", "E2-SOC")
    esperar(
        dash_duo,
        lambda: (f := rotulos(dash_duo, "#grafico")) and len(f) != dibujadas,
        "el clic no baja un nivel",
    )
    dentro = rotulos(dash_duo, "#grafico")
    assert [t for a, t, _ in dentro if a == 0] == ["E2-SOC"]
    assert any(t.split(" ")[-1].startswith("MP-") for a, t, vis in dentro if a == 1 and vis)
    assert max(visibles_por_anillo(dentro).values()) <= MAX_ETIQUETAS_POR_ANILLO
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]


def test_the_value_chain_page_draws_its_chart_on_the_demo(dash_duo, demo_database_url):
    """/cadena on the demo (as the analyst): the sunburst is drawn with the ejes on its first
    ring, E2 as its two dimensions, every ring within the label limit; a click on E2-ECO goes
    down into it without leaving the page; no error is logged."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(dash_duo.server_url + "/cadena")
    esperar(dash_duo, lambda: rotulos(dash_duo, "#cadena-grafico"), "el gráfico no se dibuja", 30)
    filas = rotulos(dash_duo, "#cadena-grafico")
    ejes = {t for a, t, vis in filas if a == 1 and vis}
    assert {"E2-ECO", "E2-SOC"} <= ejes and "E2" not in ejes, ejes
    assert max(visibles_por_anillo(filas).values()) <= MAX_ETIQUETAS_POR_ANILLO
    assert max(a for a, _, _ in filas) <= 3
    assert dash_duo.driver.execute_script(CLIC_EN, "#cadena-grafico", "E2-ECO")
    esperar(
        dash_duo,
        lambda: [t for a, t, _ in rotulos(dash_duo, "#cadena-grafico") if a == 0] == ["E2-ECO"],
        "el clic no baja al eje",
    )
    assert dash_duo.driver.current_url.split("?")[0].endswith("/cadena")
    sin_severos(dash_duo)
