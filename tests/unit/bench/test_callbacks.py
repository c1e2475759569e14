"""The dashboard benchmark's parts: the import-format writer, the timing summary, response sizes."""

from __future__ import annotations

import time

import dash
import numpy as np
import pandas as pd
import pytest

from bench.callbacks import (
    Estadisticas,
    page_params,
    response_kb,
    server_callbacks,
    summarize,
    time_calls,
    write_import_csvs,
)
from bench.synthetic import build_mcr
from data_layer import queries
from data_layer.db import session_factory
from data_layer.importer import import_mcr


def _normal(valor: object) -> object:
    """A cell comparable across the round trip: missing as None, floats to 6 decimals."""
    if valor is None or valor is pd.NaT or (isinstance(valor, float) and np.isnan(valor)):
        return None
    return round(valor, 6) if isinstance(valor, float) else valor


def _filas(frame: pd.DataFrame, columnas: list[str]) -> list[tuple]:
    """The rows of ``columnas`` as sorted tuples of comparable cells."""
    filas = [tuple(_normal(v) for v in fila) for fila in frame[columnas].itertuples(index=False)]
    return sorted(filas, key=repr)


def test_csv_writer_round_trips_through_the_importer(sqlite_engine, tmp_path):
    """A tiny synthetic MCR written with write_import_csvs is accepted by the real importer
    with no error, and reading the database back gives the same MCR: every goal, link,
    indicator, theme, target and value (the original targets become the current ones: the
    format has one target column)."""
    mcr = build_mcr(0.02, seed=5)
    carpeta = write_import_csvs(mcr, tmp_path / "csv")
    assert sorted(p.name for p in carpeta.iterdir()) == [
        "avances.csv",
        "ejes.csv",
        "indicadores.csv",
        "instituciones.csv",
        "metas.csv",
        "programacion.csv",
        "sectores.csv",
    ]
    resultado = import_mcr(sqlite_engine, carpeta)
    assert resultado.ok, [str(e) for e in resultado.errores[:5]]
    with session_factory(sqlite_engine)() as session:
        leida = queries.load_mcr(session)

    for nombre, columnas in {
        "ejes": ["codigo", "nombre", "eje_padre"],
        "sectores": ["codigo", "nombre", "institucion_rectora"],
        "sector_ejes": ["sector", "eje"],
        "instituciones": ["sigla", "nombre"],
        "institucion_sectores": ["institucion", "sector", "principal"],
        "metas": ["codigo", "nivel", "descripcion", "eje", "sector", "institucion", "peso"],
        "contribuciones": ["meta", "meta_destino", "peso"],
        "indicadores": list(mcr.indicadores.columns),
        "indicador_temas": ["indicador", "tema"],
        "programacion": ["indicador", "periodo", "meta"],
        "avances": ["indicador", "periodo", "valor", "fecha_reporte"],
    }.items():
        original, importada = getattr(mcr, nombre), getattr(leida, nombre)
        assert len(importada) == len(original), nombre
        assert _filas(importada, columnas) == _filas(original, columnas), nombre
    assert (leida.programacion["meta_original"] == leida.programacion["meta"]).all()
    # not a trivial MCR: every list cell of the format was exercised
    assert len(mcr.avances) > 100 and len(mcr.contribuciones) >= 10
    assert len(mcr.indicador_temas) > 0 and (~mcr.institucion_sectores["principal"]).any()


def test_summarize_gives_median_nearest_rank_p95_min_max_in_ms():
    """20 timings of 10, 20, … 200 ms: median 105 ms (mean of the 10th and 11th), p95 the 19th
    smallest (190 ms: ceil(0.95 × 20) = 19), min 10, max 200; order does not matter."""
    tiempos = [i / 100 for i in range(20, 0, -1)]
    assert summarize(tiempos) == Estadisticas(
        n=20,
        mediana_ms=pytest.approx(105.0),
        p95_ms=pytest.approx(190.0),
        min_ms=pytest.approx(10.0),
        max_ms=pytest.approx(200.0),
    )
    una = summarize([0.0425])
    assert una.mediana_ms == una.p95_ms == una.min_ms == pytest.approx(42.5)
    with pytest.raises(ValueError):
        summarize([])


def test_time_calls_times_each_call_and_keeps_its_value():
    """Each call is timed on its own (a 20 ms sleep takes at least 20 ms of wall time but almost
    no CPU; 20 ms of busy work takes CPU), and the values come back in call order."""

    def ocupado() -> str:
        fin = time.thread_time() + 0.02
        while time.thread_time() < fin:
            pass
        return "b"

    tiempos, cpu, valores = time_calls([lambda: time.sleep(0.02) or "a", ocupado])
    assert valores == ["a", "b"]
    assert tiempos[0] >= 0.02 and cpu[0] < 0.01
    assert cpu[1] >= 0.02 and tiempos[1] >= cpu[1] * 0.99
    assert summarize(tiempos).max_ms >= 20.0


def test_response_kb_is_the_json_dash_would_send():
    """A 1,016-character text in a one-key dict is 1,024 bytes of JSON ({"a":"…"}): 1 KB;
    Dash components and no_update are encoded as Dash encodes them, not rejected."""
    assert response_kb({"a": "x" * 1016}) == pytest.approx(1.0)
    assert response_kb([dash.no_update, dash.html.Div("hola"), None]) > 0


def test_callbacks_and_page_params_are_found_in_a_real_app(tmp_path):
    """The benchmark finds the registered page callbacks as plain functions, and a page's
    params are exactly what its layout stores for a URL."""
    from dashboard import create_app

    app = create_app(f"sqlite:///{tmp_path / 'vacia.db'}")
    funciones = server_callbacks(app)
    assert "dashboard.pages.resumen.render_resumen" in funciones
    assert "dashboard.pages.indicador.render_indicador" in funciones
    assert funciones["dashboard.pages.resumen.render_resumen"].__name__ == "render_resumen"
    from dashboard.pages import sector

    params = page_params(sector, codigo="SAL", estado="rojo")
    assert params["codigo"] == "SAL" and params["estado"] == "rojo"
