"""The alert center in a real browser: counts against the engine, its filters, and an export
that downloads a readable file."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import create_app
from dashboard.data import hoy_honduras
from data_layer.db import make_engine, session_factory
from data_layer.engine import run
from data_layer.engine.frames import MCR, Reglas
from data_layer.mesas.alertas import alertas_mesas
from data_layer.mesas.consultas import load_mesas
from data_layer.periods import ultimo_trimestre_vencido
from tests.e2e.test_filtros import cargar_mcr, elegir, esperar, query

pytestmark = pytest.mark.e2e


def alertas_del_sector(mcr: MCR, alertas, sector: str):
    """Alerts whose entity's goal is in ``sector``, by hand: an indicator through its goal."""
    meta_de = mcr.indicadores.set_index("codigo")["meta"]
    sector_de = mcr.metas.set_index("codigo")["sector"]
    meta = (
        alertas["entidad"]
        .map(meta_de)
        .where(alertas["entidad_tipo"] == "indicador", alertas["entidad"])
    )
    sector_entidad = meta.map(sector_de)
    # Mesa alerts (a mesa, an acuerdo) carry their sector in their link: /mesas/<sector>...
    de_mesa = alertas["enlace"].str.extract(r"^/mesas/([^/?]+)")[0]
    sector_entidad = sector_entidad.where(de_mesa.isna(), de_mesa)
    return alertas.loc[sector_entidad == sector]


def numero(dash_duo, severidad: str) -> int:
    """The number in a severity tile."""
    texto = dash_duo.find_element(f"#alertas-conteo-{severidad} .alertas-conteo-numero").text
    return int(texto.replace(",", ""))


def conteos(dash_duo) -> dict[str, int]:
    """The three severity tiles."""
    return {s: numero(dash_duo, s) for s in ("alta", "media", "baja")}


def descargado(carpeta: Path, patron: str, timeout: float = 15) -> Path:
    """The file matching ``patron`` in the download folder, once fully written."""
    limite = time.monotonic() + timeout
    while time.monotonic() < limite:
        listos = list(carpeta.glob(patron))
        if listos and not list(carpeta.glob("*.crdownload")):
            return listos[0]
        time.sleep(0.2)
    pytest.fail(f"no se descargó {patron} en {carpeta}")


def test_alert_center_counts_filters_and_exports(dash_duo, demo_database_url, descargas):
    """The tiles count the engine's alerts by severity; choosing "Alta" and the Salud sector
    writes both into the URL and leaves exactly the engine's alta alerts of that sector; the
    CSV and Excel exports hold those rows with Spanish headers, are named after the filters
    (sigpret-alertas-SAL-alta-<período>_<fecha>) and the workbook has its «Filtros» sheet; no
    error is logged."""
    mcr = cargar_mcr(demo_database_url)
    periodo = ultimo_trimestre_vencido(hoy_honduras(), Reglas().plazo_reporte_dias)
    res = run(mcr, periodo, hoy_honduras(), Reglas())
    engine = make_engine(demo_database_url)
    with session_factory(engine)() as session:
        mesas = load_mesas(session)
    engine.dispose()
    alertas = pd.concat(
        [res.alertas, alertas_mesas(mesas, hoy_honduras(), res.indicadores, res.metas)],
        ignore_index=True,
    )
    por_severidad = alertas["severidad"].value_counts()
    esperado = {s: int(por_severidad.get(s, 0)) for s in ("alta", "media", "baja")}
    altas_sal = alertas_del_sector(mcr, alertas.loc[alertas["severidad"] == "alta"], "SAL")
    assert 0 < len(altas_sal) < esperado["alta"]

    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(dash_duo.server_url + "/alertas")
    dash_duo.wait_for_element("#alertas-conteo-alta", timeout=20)
    esperar(dash_duo, lambda: conteos(dash_duo) == esperado, f"tiles show {esperado}")
    # The navbar badge is the number of alta alerts of the default quarter.
    dash_duo.wait_for_contains_text("#shell-alertas-badge", str(esperado["alta"]))

    elegir(dash_duo, ".alertas-severidad", "Alta")
    esperar(dash_duo, lambda: query(dash_duo) == {"severidad": "alta"}, "URL has severidad")
    esperar(
        dash_duo,
        lambda: conteos(dash_duo) == {"alta": esperado["alta"], "media": 0, "baja": 0},
        "only alta alerts",
    )
    elegir(dash_duo, ".filtro-sector", "Salud")
    esperar(
        dash_duo,
        lambda: query(dash_duo) == {"severidad": "alta", "sector": "SAL"},
        "URL has severidad and sector",
    )
    esperar(
        dash_duo,
        lambda: conteos(dash_duo) == {"alta": len(altas_sal), "media": 0, "baja": 0},
        "only alta alerts of Salud",
    )
    dash_duo.wait_for_contains_text("#alertas-nota", f"{len(altas_sal)} alertas")

    # CSV: BOM, Spanish headers, one row per alert shown.
    dash_duo.find_element(".exportar-csv").click()
    archivo = descargado(descargas, "sigpret-alertas-SAL-alta-*_*.csv")
    contenido = archivo.read_bytes()
    assert contenido.startswith(b"\xef\xbb\xbf")
    filas = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))
    assert filas[0] == [
        "Severidad",
        "Tipo",
        "Entidad",
        "Mensaje",
        "Eje",
        "Sector",
        "Institución",
        "Periodo",
    ]
    assert sorted(f[2] for f in filas[1:]) == sorted(altas_sal["entidad"])
    assert {f[0] for f in filas[1:]} == {"Alta"}
    assert {f[5] for f in filas[1:]} == {"SAL"}

    # Excel: the same rows, readable with openpyxl, named after its filters and period, with
    # the «Filtros» sheet saying how it was made (issue #12).
    dash_duo.find_element(".exportar-xlsx").click()
    libro = openpyxl.load_workbook(descargado(descargas, "sigpret-alertas-SAL-alta-*_*.xlsx"))
    valores = [[c.value for c in fila] for fila in libro.active.iter_rows()]
    assert valores[0][:3] == ["Severidad", "Tipo", "Entidad"]
    assert sorted(v[2] for v in valores[1:]) == sorted(altas_sal["entidad"])
    hoja_filtros = dict(libro["Filtros"].iter_rows(min_row=2, values_only=True))
    assert hoja_filtros["Sector"] == "SAL" and hoja_filtros["Severidad"] == "alta"
    assert hoja_filtros["Usuario"] == "analista" and "Período evaluado" in hoja_filtros

    # Back removes the sector filter again.
    dash_duo.driver.back()
    esperar(dash_duo, lambda: query(dash_duo) == {"severidad": "alta"}, "back: severidad only")
    esperar(dash_duo, lambda: numero(dash_duo, "alta") == esperado["alta"], "back: all alta")
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]


def test_alert_grid_loads_later_blocks_and_filters_on_the_server(dash_duo, demo_database_url):
    """The grid arrives with its first block of 100 alerts and the count of all of them (the
    tiles' sum); scrolling across two blocks shows both (dash-ag-grid answers one request at a
    time); scrolling to the bottom loads the last block (the last alert is reachable,
    no cap); a column filter on the severity («Media») and a sort on the entity are answered
    by the server over every alert: only media alerts, the media tile's count, sorted; no
    error is logged."""
    from tests.e2e.test_roles import filas_contadas, filas_grid

    grid = "alertas-lista"
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(dash_duo.server_url + "/alertas")
    dash_duo.wait_for_element("#alertas-conteo-alta", timeout=20)
    esperar(dash_duo, lambda: filas_grid(dash_duo, grid), "first block loaded", 30)
    esperado = conteos(dash_duo)
    total = sum(esperado.values())
    assert total > 100, "the demo has more alerts than one block"
    esperar(dash_duo, lambda: filas_contadas(dash_duo, grid) == total, "the grid counts all")
    assert len(filas_grid(dash_duo, grid)) == 100

    def ids() -> set[str]:
        return {f["id"] for f in filas_grid(dash_duo, grid) or []}

    # Rows 195.. straddle two blocks, asked for one after the other: both arrive.
    desplazar = (
        "document.querySelector('.alertas-grid .ag-body-viewport').scrollTop = arguments[0];"
    )
    dash_duo.driver.execute_script(desplazar, 195 * 76)
    esperar(
        dash_duo,
        lambda: (
            {"199", "200"} <= ids() and not dash_duo.find_elements(".alertas-grid .celda-cargando")
        ),
        "the rows of both blocks shown",
        20,
    )
    dash_duo.driver.execute_script(desplazar, 10**9)

    esperar(dash_duo, lambda: str(total - 1) in ids(), "the last block loaded", 20)
    assert str((total - 1) // 100 * 100) in ids()  # the whole last block
    ultima = f'.alertas-grid .ag-row[row-id="{total - 1}"] .celda-mensaje'
    esperar(dash_duo, lambda: dash_duo.find_element(ultima).text.strip(), "last alert shown")

    dash_duo.driver.execute_script(
        """
        const api = dash_ag_grid.getApi(arguments[0]);
        api.setFilterModel({severidad_orden: arguments[1]});
        api.applyColumnState({state: arguments[2], defaultState: {sort: null}});
        """,
        {"type": "grid", "grid": grid},
        {"filterType": "text", "type": "equals", "filter": "Media"},
        [{"colId": "entidad", "sort": "asc"}],
    )
    esperar(
        dash_duo,
        lambda: filas_contadas(dash_duo, grid) == esperado["media"],
        "the server's count of media alerts",
    )

    def medias() -> list[dict] | None:
        filas = filas_grid(dash_duo, grid) or []
        return filas if filas and {f["severidad"] for f in filas} == {"media"} else None

    esperar(dash_duo, medias, "only media alerts")
    entidades = [f["entidad"] for f in medias() or []]
    assert len(entidades) == min(100, esperado["media"])
    assert entidades == sorted(entidades)
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]
