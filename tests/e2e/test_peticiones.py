"""What a page open sends to the server (issue #15: fewer round trips per page).

The browser records every callback request it sends (a ``fetch`` wrapper installed before the
page's own scripts through the DevTools protocol); each test opens pages as a person does and
checks the shell's housekeeping: the navbar's callback once per navigation, no URL sync and no
filter options request when nobody touched a filter, and a real change still reaching the URL.
"""

from __future__ import annotations

import time

import pytest

from dashboard import create_app
from dashboard.formatting import format_periodo

pytestmark = pytest.mark.e2e

#: Keeps the ``output`` of every callback request in ``window.__llamadas``.
_REGISTRO = """
window.__llamadas = [];
const fetchOriginal = window.fetch;
window.fetch = function (recurso, opciones) {
    const url = typeof recurso === "string" ? recurso : recurso.url;
    if (url.includes("_dash-update-component") && opciones && opciones.body) {
        try { window.__llamadas.push(JSON.parse(opciones.body).output); } catch (e) {}
    }
    return fetchOriginal.apply(this, arguments);
};
"""


def _llamadas(dash_duo) -> list[str]:
    """The callbacks sent since the page loaded, once none has been sent for two seconds."""
    anterior, quieto = -1, 0.0
    while quieto < 2.0:
        actual = dash_duo.driver.execute_script("return window.__llamadas.length")
        quieto = quieto + 0.25 if actual == anterior else 0.0
        anterior = actual
        time.sleep(0.25)
    return list(dash_duo.driver.execute_script("return window.__llamadas"))


def _abrir(dash_duo, ruta: str, selector: str, texto: str) -> list[str]:
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + ruta)
    dash_duo.wait_for_contains_text(selector, texto, timeout=30)
    return _llamadas(dash_duo)


def test_a_page_open_sends_no_housekeeping_twice(dash_duo, demo_database_url):
    """Opening the overview, the alert centre and a sector: the navbar's callback runs once,
    the period still appears in the context bar (written in the browser, as the server writes
    it), and neither the filter options nor any URL sync is requested while nobody changes a
    filter (a real change reaching the URL: tests/e2e/test_filtros.py)."""
    dash_duo.start_server(create_app(demo_database_url), navigate=False)
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _REGISTRO})
    for ruta, selector, texto in (
        ("/", "#shell-periodo-texto", "Periodo evaluado"),
        ("/alertas", "#alertas-nota", "alertas en"),
        ("/sectores/SAL", "#shell-periodo-texto", "Periodo evaluado"),
    ):
        llamadas = _abrir(dash_duo, ruta, selector, texto)
        assert sum("shell-contexto.children" in o for o in llamadas) == 1, (ruta, llamadas)
        assert not [o for o in llamadas if "_pages_location.search" in o], (ruta, llamadas)
        assert not [o for o in llamadas if '"type":"filtro"' in o.replace(" ", "")], llamadas
        valor = dash_duo.find_element("#shell-periodo-valor").text
        assert valor == format_periodo(valor.split(" · ")[0]), (ruta, valor)
