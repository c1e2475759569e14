"""Figures and building blocks of the level pages: states shown with words, es-HN numbers, links."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.components import institucion as ui_inst
from dashboard.components import niveles as ui
from dashboard.figures.niveles import (
    PRESENTACION_BANDA,
    PRESENTACION_REPORTE,
    figure_evaluacion,
    figure_mapa_estados,
    figure_reportes,
)
from dashboard.filtros import Filtros
from dashboard.formatting import ESTADOS_PRESENTACION
from data_layer.engine.frames import Reglas


def _mapa() -> pd.DataFrame:
    """Two rows × two quarters: SAL verde 83.75 % then rojo 60.4 %; EDU sin dato then blank."""
    return pd.DataFrame(
        {
            "fila": ["SAL", "SAL", "EDU", "EDU"],
            "periodo": ["2024-T2", "2024-T3", "2024-T2", "2024-T3"],
            "avance": [83.75, 60.4, np.nan, np.nan],
            "n_metas": [2, 1, 3, 0],
            "semaforo": ["verde", "rojo", "sin_dato", None],
        }
    )


def test_mapa_estados_writes_icon_and_avance_in_each_cell():
    """Each cell: the state's position on the discrete scale, its icon and the rounded avance
    (83.75 → 84); a blank cell has no value and no text; rows keep their order."""
    fig = figure_mapa_estados(
        _mapa(),
        {"SAL": "Salud", "EDU": "Educación"},
        {"SAL": "SAL · Salud", "EDU": "EDU · Educación"},
        {("SAL", "2024-T2"): "/sectores/SAL?periodo=2024-T2"},
        titulo_filas="Sector",
    )
    mapa = fig.data[0]
    orden = list(ESTADOS_PRESENTACION)
    assert list(mapa.y) == ["Salud", "Educación"]
    assert list(mapa.x) == ["2024-T2", "2024-T3"]
    assert [list(f) for f in mapa.z] == [
        [orden.index("verde"), orden.index("rojo")],
        [orden.index("sin_dato"), None],
    ]
    assert [list(f) for f in mapa.text] == [["✔ 84", "✖ 60"], ["?", ""]]
    assert mapa.customdata[0][0][1] == "/sectores/SAL?periodo=2024-T2"
    assert mapa.customdata[0][1][1] == ""
    assert "Verde" in mapa.customdata[0][0][0] and "83.8 %" in mapa.customdata[0][0][0]
    assert "sin metas" in mapa.customdata[1][1][0]
    assert fig.layout.separators == ".,"


def test_mapa_estados_colours_each_state_with_its_own_colour():
    """The discrete scale maps state i to exactly its colour (zmin/zmax centre the integers)."""
    fig = figure_mapa_estados(_mapa(), {}, {}, {}, titulo_filas="Sector")
    mapa = fig.data[0]
    n = len(ESTADOS_PRESENTACION)
    assert (mapa.zmin, mapa.zmax) == (-0.5, n - 0.5)
    escala = [tuple(p) for p in mapa.colorscale]
    for i, p in enumerate(ESTADOS_PRESENTACION.values()):
        centro = (i + 0.5) / n
        tramo = [c for pos, c in escala if pos <= centro]
        assert tramo[-1] == p.fondo, p.estado


def test_mapa_estados_legend_names_only_the_states_present():
    """Legend entries carry the icon and the word of each state that appears, nothing else."""
    fig = figure_mapa_estados(_mapa(), {}, {}, {}, titulo_filas="Sector")
    nombres = [t.name for t in fig.data[1:]]
    assert nombres == ["✖ Rojo", "✔ Verde", "? Sin dato"]


def test_mapa_estados_empty_says_so():
    """With nothing to draw the figure says it in Spanish instead of an empty grid."""
    fig = figure_mapa_estados(
        pd.DataFrame(columns=["fila", "periodo", "avance", "n_metas", "semaforo"]),
        {},
        {},
        {},
        titulo_filas="Sector",
    )
    assert fig.layout.annotations[0].text == "No hay metas que mostrar en el mapa."


def test_evaluacion_bars_carry_band_word_and_colour_and_the_mean_line():
    """Bars 2023 (70 %, medio) and 2024 (85.25 %, alto) labelled "85.3 % · Alto" in the band's
    colour; the mean of all institutions is a second trace; the band limits are drawn."""
    tabla = pd.DataFrame(
        {
            "anio": [2023, 2024],
            "avance": [70.0, 85.25],
            "banda": ["medio", "alto"],
            "n_metas": [3, 4],
            "promedio": [74.1, 75.0],
            "n_instituciones": [94, 95],
        }
    )
    fig = figure_evaluacion(tabla, Reglas())
    barras, promedio = fig.data
    assert list(barras.x) == ["2023", "2024"]
    assert list(barras.text) == ["70.0 % · Medio", "85.3 % · Alto"]
    assert list(barras.marker.color) == [
        PRESENTACION_BANDA["medio"].fondo,
        PRESENTACION_BANDA["alto"].fondo,
    ]
    assert list(promedio.y) == [74.1, 75.0]
    assert sorted(s.y0 for s in fig.layout.shapes) == [61.0, 81.0]
    assert figure_evaluacion(tabla.iloc[0:0], Reglas()).layout.annotations


def test_reportes_stacks_only_the_states_that_occur():
    """One trace per report state with at least one report, in display order, counts as text."""
    conteo = pd.DataFrame(
        {
            "periodo": ["2024-T1", "2024-S1"],
            "vencimiento": pd.to_datetime(["2024-04-15", "2024-07-15"]),
            "total": [3, 2],
            "a_tiempo": [2, 1],
            "tardio": [1, 0],
            "faltante": [0, 1],
            "pendiente": [0, 0],
        }
    )
    fig = figure_reportes(conteo)
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == [
        f"{p.icono} {p.etiqueta}"
        for e, p in PRESENTACION_REPORTE.items()
        if e in ("a_tiempo", "tardio", "faltante")
    ]
    assert list(fig.data[1].text) == ["1", ""]
    assert list(fig.layout.xaxis.categoryarray) == ["2024-T1", "2024-S1"]


@pytest.mark.parametrize(
    ("valor", "texto"),
    [
        (1234, "1,234"),
        (1234.0, "1,234"),
        (74.25, "74.25"),
        (74.5, "74.5"),
        (0.125, "0.13"),
        (-3, "-3"),
        (None, "—"),
        (np.nan, "—"),
    ],
)
def test_format_valor_shows_whole_numbers_without_decimals(valor, texto):
    """Values and targets in Honduran format: comma thousands, decimals only when there are."""
    assert ui.format_valor(valor) == texto


def test_filas_grupos_link_down_keeping_filters_and_leave_stateless_rows_blank():
    """Each row links to the group's page with the current filters; a group without goals has
    no state (the cell shows "—", the export says "Sin metas") and sorts after the others."""
    tabla = pd.DataFrame(
        {
            "codigo": ["SAL", "GOB"],
            "nombre": ["Salud", "Gobernabilidad"],
            "avance": [80.0, np.nan],
            "n_metas": [2, 0],
            **{e: [0, 0] for e in ESTADOS_PRESENTACION},
            "semaforo": ["amarillo", None],
        }
    )
    filas = ui.filas_grupos(tabla, "sector", Filtros(periodo="2024-T3", tema="Género"))
    assert filas[0]["codigo_href"] == "/sectores/SAL?periodo=2024-T3&tema=G%C3%A9nero"
    assert filas[0]["avance_texto"] == "80.0 %"
    assert filas[0]["semaforo_etiqueta"] == "Amarillo"
    assert filas[1]["semaforo"] is None
    assert filas[1]["semaforo_etiqueta"] == "Sin metas"
    assert filas[1]["semaforo_orden"] > filas[0]["semaforo_orden"]
    assert filas[1]["avance_texto"] == "—"


def test_filas_reportes_most_late_first_with_dates_in_words():
    """Late and missing reports: most days late first, dates dd/mm/aaaa, the state in words,
    the indicator linked."""
    reportes = pd.DataFrame(
        {
            "indicador": ["I1", "I2"],
            "nombre": ["Uno", "Dos"],
            "meta_codigo": ["M1", "M1"],
            "periodo": ["2024-T2", "2024-T3"],
            "vencimiento": pd.to_datetime(["2024-07-15", "2024-10-15"]),
            "fecha_reporte": pd.to_datetime(["2024-07-20", None]),
            "estado": ["tardio", "faltante"],
            "dias_atraso": [5, 87],
        }
    )
    filas = ui_inst.filas_reportes(reportes, Filtros())
    assert [f["indicador"] for f in filas] == ["I2", "I1"]
    assert filas[0]["estado_texto"] == "✖ Faltante"
    assert filas[0]["fecha_reporte_texto"] == "—"
    assert filas[1]["vencimiento_texto"] == "15/07/2024"
    assert filas[1]["fecha_reporte_texto"] == "20/07/2024"
    assert filas[0]["indicador_href"] == "/indicadores/I2"
    assert filas[1]["clave"] == "I1|2024-T2"
