"""Grid rows, state badges and bars, the eje chart and the shell's context bar."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from dashboard import shell
from dashboard.components import grid as grids
from dashboard.components.estado import barra_estados, describir_conteos, insignia_estado
from dashboard.components.tarjetas import tarjeta_eje, tarjeta_estado
from dashboard.data import ContextoDatos
from dashboard.figures import GRAPH_CONFIG, figure_estados_por_eje


def _texto(componente) -> str:
    """All the text a Dash component tree shows, in order."""
    if isinstance(componente, str | int | float):
        return str(componente)
    if isinstance(componente, list | tuple):
        return "".join(_texto(c) for c in componente)
    hijos = getattr(componente, "children", None)
    return "" if hijos is None else _texto(hijos)


def test_records_are_json_safe_and_carry_formatted_companions():
    """NaN becomes None, each percentage column gets its es-HN text, and the state its fields."""
    frame = pd.DataFrame(
        {
            "codigo": ["MP-01", "MP-02"],
            "avance_directo": [74.05, math.nan],
            "semaforo": ["amarillo", "sin_dato"],
        }
    )
    filas = grids.records(frame, porcentajes=["avance_directo"], estado="semaforo")
    assert filas[0]["avance_directo"] == 74.05
    assert filas[0]["avance_directo_texto"] == "74.1 %"
    assert filas[1]["avance_directo"] is None
    assert filas[1]["avance_directo_texto"] == "—"
    assert filas[0]["semaforo_etiqueta"] == "Amarillo"
    assert filas[0]["semaforo_icono"] == "▲"
    assert filas[0]["semaforo_orden"] == 1
    assert filas[1]["semaforo_clase"] == "estado-sin-dato"


def test_grid_is_in_spanish_and_identifies_rows_by_code():
    """Every grid gets the Spanish localeText, sortable/filterable columns and row ids."""
    g = grids.grid("x-grid", [grids.columna_texto("codigo", "Código")])
    assert g.dashGridOptions["localeText"]["noRowsToShow"] == "No hay filas que mostrar"
    assert g.dashGridOptions["localeText"]["contains"] == "Contiene"
    assert g.defaultColDef["sortable"] and g.defaultColDef["filter"]
    assert g.getRowId == "params.data.codigo"
    assert all(v.strip() for v in grids.LOCALE_TEXT_ES.values())


def test_semaforo_column_sorts_by_urgency_and_filters_by_word():
    """The semáforo column sorts on the numeric order and filters on the Spanish word."""
    col = grids.columna_semaforo()
    assert col["field"] == "semaforo_orden"
    assert col["cellRenderer"] == "SemaforoCelda"
    assert "semaforo_etiqueta" in col["filterValueGetter"]["function"]


def test_insignia_shows_icon_and_word_not_only_colour():
    """A badge carries the icon, the word, the state's class and its meaning as a tooltip."""
    badge = insignia_estado("rojo")
    assert _texto(badge) == "✖Rojo"
    assert "estado-rojo" in badge.className
    assert badge.title == "Crítico"


def test_barra_estados_is_proportional_and_described_for_screen_readers():
    """Segments are proportional to the counts, most urgent first, zero states left out."""
    barra = barra_estados({"verde": 3, "rojo": 1, "amarillo": 0})
    anchos = [(s.className.split()[-1], s.style["width"]) for s in barra.children]
    assert anchos == [("estado-rojo", "25.0000%"), ("estado-verde", "75.0000%")]
    assert getattr(barra, "aria-label") == "1 en Rojo, 3 en Verde"
    assert describir_conteos({}) == "Sin metas"
    assert barra_estados({}).children == []


def test_tarjetas_show_formatted_numbers():
    """The eje card shows its avance as ``74.1 %`` and the tile its count out of the total."""
    card = tarjeta_eje("E1", "Derechos", 74.05, {"verde": 2, "rojo": 1}, n_metas=3)
    texto = _texto(card)
    assert "74.1 %" in texto and "E1" in texto and "3 metas presidenciales" in texto
    assert "2 Verde" in texto and "1 Rojo" in texto
    assert "—" in _texto(tarjeta_eje("E3", "Cultura", math.nan, {}, n_metas=0))
    tile = tarjeta_estado("verde", 1234, 2000, rango="81 % o más")
    assert "1,234" in _texto(tile) and "de 2,000 metas · en meta: 81 % o más" in _texto(tile)


def test_figure_uses_honduran_separators_and_one_trace_per_present_state():
    """The chart prints ``1,234.5`` (separators ".,"), labels every segment with its count,
    and shows only states that have goals, most urgent first."""
    resumen = pd.DataFrame(
        {
            "nombre": ["Derechos", "Económico"],
            "rojo": [1, 0],
            "amarillo": [0, 2],
            "verde": [3, 1],
            "sin_dato": [0, 0],
            "pendiente": [0, 0],
            "no_programado": [0, 0],
        },
        index=pd.Index(["E1", "E2-ECO"], name="codigo"),
    )
    fig = figure_estados_por_eje(resumen)
    assert fig.layout.separators == ".,"
    assert [t.name for t in fig.data] == ["✖ Rojo", "▲ Amarillo", "✔ Verde"]
    assert list(fig.data[2].x) == [3, 1]
    assert list(fig.data[0].text) == ["1", ""]
    assert GRAPH_CONFIG["locale"] == "es"


def test_context_bar_shows_demo_banner_and_dates():
    """The shell says "Datos de demostración" only for demo data, and names the data and cut
    dates (the period is written in the browser: tests/e2e/test_resumen.py)."""
    demo = ContextoDatos(version=3, es_demo=True, fecha_datos=dt.date(2026, 11, 20))
    texto = _texto(shell.contexto_children(demo, dt.date(2026, 11, 23)))
    assert "Datos de demostración" in texto
    assert "Datos al 20/11/2026" in texto and "Fecha de corte: 23/11/2026" in texto

    real = ContextoDatos(version=3, es_demo=False, fecha_datos=dt.date(2026, 11, 20))
    assert "demostración" not in _texto(shell.contexto_children(real, dt.date(2026, 11, 23)))
    vacio = ContextoDatos(version=0, es_demo=False, fecha_datos=None)
    assert "Aún no se han cargado datos" in _texto(
        shell.contexto_children(vacio, dt.date(2026, 11, 23))
    )
