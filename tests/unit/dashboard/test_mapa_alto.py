"""The state heat map's height follows its rows, and its graph box is pinned to that height.

Regression: on /sectores/SAL only the first row (ARSA) of the heat map showed and the goals grid
covered the rest. The graph's box had no height of its own ("100 %" of a section sized by its
content); after a window resize plotly measured that box, found no height and collapsed it to
zero, so the figure spilled under the next section. The fix gives the box, from the callback,
the figure's own height in pixels.
"""

from __future__ import annotations

from pathlib import Path

import dash
import pandas as pd
import pytest

from dashboard import create_app
from dashboard.components import niveles as ui
from dashboard.figures.niveles import alto_mapa_estados, figure_mapa_estados
from tests.conftest import sesion_de_prueba

FIXTURE_MCR = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"


def _mapa(n_filas: int) -> pd.DataFrame:
    """``n_filas`` rows × two quarters, every cell verde at 90 %."""
    filas = [f"F{i}" for i in range(n_filas)]
    return pd.DataFrame(
        {
            "fila": [f for f in filas for _ in range(2)],
            "periodo": ["2024-T2", "2024-T3"] * n_filas,
            "avance": [90.0] * (2 * n_filas),
            "n_metas": [1] * (2 * n_filas),
            "semaforo": ["verde"] * (2 * n_filas),
        }
    )


def _figura(n_filas: int):
    return figure_mapa_estados(_mapa(n_filas), {}, {}, {}, titulo_filas="Institución")


def test_heat_map_height_grows_by_one_row_height_per_row():
    """1, 2 and 5 rows give 134, 168 and 270 px (100 px of quarters and legend + 34 px a row):
    every row keeps its height however many rows there are."""
    alturas = [_figura(n).layout.height for n in (1, 2, 5)]
    assert alturas == [134, 168, 270]
    assert [alto_mapa_estados(n) for n in (1, 2, 5)] == alturas
    assert [len(_figura(n).data[0].y) for n in (1, 2, 5)] == [1, 2, 5]


def test_estilo_alto_pins_the_box_to_the_figure_height():
    """The graph box's style carries the figure's height in pixels (a 5-row map: 270px)."""
    assert ui.estilo_alto(_figura(5)) == {"height": "270px"}


@pytest.fixture
def paginas(sqlite_engine):
    """The eje and sector page modules of a fresh app on the fixture MCR, inside a request of a
    logged-in analyst (who sees the whole MCR)."""
    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR).ok
    app = create_app(sqlite_engine.url.render_as_string(hide_password=False))
    from dashboard.pages import eje, sector

    with sesion_de_prueba(app, "/"):
        yield {"eje": eje, "sector": sector}


def test_map_callbacks_send_the_box_height_with_the_figure(paginas):
    """/ejes/E2-SOC: a row per sector of the eje (SAL, EDU, MLPS: 3 rows, 202 px); /sectores/SAL:
    one row (SESAL, 134 px); each callback sends the graph's box that same height. /sectores/GOB
    has no goals: the "no goals" figure and a 160 px box. An unknown code changes neither."""
    figura, estilo = paginas["eje"].render_mapa({"codigo": "E2-SOC"})
    assert sorted(figura.data[0].y) == ["Educación", "Mercado Laboral y Protección Social", "Salud"]
    assert (figura.layout.height, estilo) == (202, {"height": "202px"})
    figura, estilo = paginas["sector"].render_mapa({"codigo": "SAL"})
    assert list(figura.data[0].y) == ["SESAL"]
    assert (figura.layout.height, estilo) == (134, {"height": "134px"})
    figura, estilo = paginas["sector"].render_mapa({"codigo": "GOB"})
    assert figura.layout.annotations[0].text == "No hay metas que mostrar en el mapa."
    assert estilo == {"height": "160px"}
    assert paginas["sector"].render_mapa({"codigo": "NADA"}) == (dash.no_update, dash.no_update)
