"""Grid exports are rebuilt on the server from the page's scoped view, never from browser rows.

Requests go through the real Flask/Dash stack of an app on the demo database, logged in through
the real form; the export callback is called as the renderer calls it, and as a forger would.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import time
from typing import Any

import pytest

from dashboard import create_app
from dashboard.components import exportar
from dashboard.components import grid as grids
from data_layer.demo import clave_demo
from tests.conftest import login_http, sesion_de_prueba


@pytest.fixture
def app(demo_database_url):
    """A fresh app on the demo database."""
    return create_app(demo_database_url)


def cliente(app, usuario: str):
    """A test client logged in as a demo user."""
    c = app.server.test_client()
    assert login_http(c, usuario, clave_demo(usuario)).status_code == 302
    return c


def _callback_exportar(app) -> tuple[str, dict[str, Any]]:
    for salida, cb in app.callback_map.items():
        if '"exportar-descarga"' in salida:
            return salida, cb
    raise AssertionError("no export callback")


def pedir_exportacion(
    app,
    c,
    grid: str,
    *,
    formato: str = "csv",
    valores: dict[str, Any] | None = None,
    crudo: bool = False,
) -> tuple[int, Any]:
    """POST the export callback of ``grid`` as the renderer does; every State the callback
    declares gets ``valores[property]`` (or ``valores[type]`` for stores), as a forger may
    choose them. Returns the status and the CSV's rows (header first), None when nothing was
    downloaded; with ``crudo``, the file's name and bytes instead of rows."""
    valores = valores or {}
    salida, cb = _callback_exportar(app)

    def concreto(dependencia: dict[str, Any]) -> dict[str, Any]:
        patron = json.loads(dependencia["id"])
        ident = {k: (grid if v == ["MATCH"] else v) for k, v in patron.items()}
        clave = dependencia["property"] if ident["type"] == "grid" else ident["type"]
        return {"id": ident, "property": dependencia["property"], "value": valores.get(clave)}

    botones = [
        {
            "id": {"type": "exportar", "grid": grid, "formato": f},
            "property": "n_clicks",
            "value": 1 if f == formato else None,
        }
        for f in ("csv", "xlsx")
    ]
    cuerpo = {
        "output": salida,
        "outputs": {"id": {"type": "exportar-descarga", "grid": grid}, "property": "data"},
        "inputs": [botones],
        "state": [concreto(d) for d in cb.get("state", [])],
        "changedPropIds": [
            json.dumps(
                {"formato": formato, "grid": grid, "type": "exportar"}, separators=(",", ":")
            )
            + ".n_clicks"
        ],
    }
    c.get("/login")  # Dash collects the callbacks on the first request
    r = c.post(
        "/_dash-update-component",
        data=json.dumps(cuerpo),
        headers={"Content-Type": "application/json"},
    )
    if r.status_code != 200:
        return r.status_code, None
    pago = json.loads(r.get_data(as_text=True)).get("response") or {}
    if not pago:  # no_update: nothing downloaded
        return 200, None
    datos = next(iter(pago.values()))["data"]
    if crudo:  # the download itself: file name and bytes
        return 200, (datos["filename"], base64.b64decode(datos["content"]))
    texto = base64.b64decode(datos["content"]).decode("utf-8-sig")
    return 200, list(csv.reader(io.StringIO(texto)))


def _forjadas(n: int) -> list[dict[str, Any]]:
    return [
        {"codigo": f"FORJADO-{i}", "descripcion": '=HYPERLINK("http://x")', "avance": 1.0}
        for i in range(n)
    ]


def test_forged_rows_never_reach_an_export(app) -> None:
    """A request carrying 100,000 fabricated rows (as the grid's rowData / virtualRowData, the
    browser's copy of the data that exports used to trust) downloads only the presidential
    goals the server built for the user, at the cost of a real export."""
    from dashboard.pages import resumen

    c = cliente(app, "analista")
    forjadas = _forjadas(100_000)
    valores = {
        "virtualRowData": forjadas,
        "rowData": forjadas,
        "columnDefs": resumen.COLUMNAS,
        "exportar-nombre": "metas-presidenciales",
        "exportar-params": {},
    }
    inicio = time.perf_counter()
    estado, filas = pedir_exportacion(app, c, resumen.GRID, valores=valores)
    duracion = time.perf_counter() - inicio
    assert estado == 200 and filas is not None
    codigos = [f[0] for f in filas[1:]]
    assert codigos and all(codigo.startswith("MP-") for codigo in codigos)
    assert not any("FORJADO" in celda for fila in filas for celda in fila)
    with sesion_de_prueba(app, "/", rol="analista"):
        servidor = resumen.render_resumen({})["filas"]
    assert sorted(codigos) == sorted(f["codigo"] for f in servidor)
    assert duracion < 9


def test_a_coordinator_cannot_export_another_sectors_data_by_forging_params(app) -> None:
    """The Salud coordinator exports the goals of the Salud sector page; the same export with
    the URL's code forged to EDU, or the acuerdos board of another mesa, holds no row (the
    page says «no existe o no tiene acceso»). An analyst gets EDU's goals."""
    salud = cliente(app, "coord.salud")
    _, propias = pedir_exportacion(
        app, salud, "sector-metas", valores={"exportar-params": {"codigo": "SAL"}}
    )
    assert propias is not None and len(propias) > 1
    _, ajenas = pedir_exportacion(
        app, salud, "sector-metas", valores={"exportar-params": {"codigo": "EDU"}}
    )
    assert ajenas is not None and ajenas[1:] == []
    _, tablero = pedir_exportacion(
        app, salud, "mesa-acuerdos", valores={"exportar-params": {"mesa": "EDU"}}
    )
    assert tablero is not None and tablero[1:] == []
    _, tablero_propio = pedir_exportacion(
        app, salud, "mesa-acuerdos", valores={"exportar-params": {"mesa": "SAL"}}
    )
    assert tablero_propio is not None and len(tablero_propio) > 1

    analista = cliente(app, "analista")
    _, edu = pedir_exportacion(
        app, analista, "sector-metas", valores={"exportar-params": {"codigo": "EDU"}}
    )
    assert edu is not None and len(edu) > 1


def test_an_export_applies_the_grids_filter_model_and_sort_to_the_servers_rows(app) -> None:
    """The alert centre's export under a column filter and a descending sort: the rows the
    server built that pass the filter, in the grid's order; a filter on a column the grid
    does not have downloads nothing."""
    from dashboard.pages import alertas

    c = cliente(app, "analista")
    modelo = {"mensaje": {"filterType": "text", "type": "contains", "filter": "avance"}}
    # AG Grid sends one entry per column: order, visibility and sort.
    orden = [
        {"colId": c["field"], "hide": False, "sort": None, "sortIndex": None}
        for c in alertas.COLUMNAS
    ]
    orden[[c["field"] for c in alertas.COLUMNAS].index("entidad")].update(sort="desc", sortIndex=0)
    valores = {"exportar-params": {}, "filterModel": modelo, "columnState": orden}
    estado, filas = pedir_exportacion(app, c, alertas.GRID, valores=valores)
    assert estado == 200 and filas is not None
    with sesion_de_prueba(app, "/alertas", rol="analista"):
        todas = alertas.filas_exportadas({})
    esperadas = [f for f in todas if "avance" in f["mensaje"].lower()]
    assert 0 < len(esperadas) < len(todas)
    entidades = [f[2] for f in filas[1:]]
    assert entidades == sorted((f["entidad"] for f in esperadas), reverse=True)

    forjado = {**valores, "filterModel": {"clave_hash": modelo["mensaje"]}}
    assert pedir_exportacion(app, c, alertas.GRID, valores=forjado) == (200, None)


#: A URL per page with export buttons, as its layout receives it.
PAGINAS = {
    "dashboard.pages.resumen": {},
    "dashboard.pages.alertas": {},
    "dashboard.pages.auditoria": {},
    "dashboard.pages.eje": {"codigo": "E1"},
    "dashboard.pages.sector": {"codigo": "SAL"},
    "dashboard.pages.institucion": {"sigla": "SESAL"},
    "dashboard.pages.meta": {"codigo": "MP-01"},
    "dashboard.pages.indicador": {"codigo": "MP-01-I1"},
    "dashboard.pages.mesas": {},
    "dashboard.pages.mesa": {"sector": "SAL"},
}


def _componentes(raiz: Any):
    pendientes = [raiz]
    while pendientes:
        actual = pendientes.pop()
        if isinstance(actual, list | tuple):
            pendientes.extend(actual)
            continue
        yield actual
        hijos = getattr(actual, "children", None)
        if hijos is not None and not isinstance(hijos, str | int | float):
            pendientes.append(hijos)


def test_every_export_button_has_a_server_source_with_the_grids_columns(app) -> None:
    """Each grid with export buttons, on every page, has a registered source that rebuilds it
    with the grid's own columns, and its buttons carry the page's parameters (or a callback
    fills them, on the audit log); each source returns rows for the demo."""
    import importlib

    vistos = set()
    with sesion_de_prueba(app, "/", rol="analista"):
        for nombre, url in PAGINAS.items():
            pagina = importlib.import_module(nombre).layout(**url)
            comps = list(_componentes(pagina))
            grids_ = {
                c.id["grid"]: c
                for c in comps
                if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == "grid"
            }
            stores = {
                c.id["grid"]: c.data
                for c in comps
                if isinstance(getattr(c, "id", None), dict)
                and c.id.get("type") == "exportar-params"
            }
            assert stores, nombre
            for grid_id, params in stores.items():
                vistos.add(grid_id)
                assert grid_id in exportar.fuentes(), grid_id
                if nombre != "dashboard.pages.auditoria":
                    assert params is not None, grid_id
                tabla = exportar.fuentes()[grid_id](exportar.parametros(params or {}))
                # The periods grid (acumulado columns) and the overview's goals (the Tendencia
                # column, only when there is something to compare) get columns from the data.
                assert list(tabla.columnas) == list(grids_[grid_id].columnDefs) or (
                    grid_id == "indicador-periodos"
                    or (
                        grid_id == "resumen-metas"
                        and list(tabla.columnas)[: len(grids_[grid_id].columnDefs)]
                        == list(grids_[grid_id].columnDefs)
                    )
                ), grid_id
                assert tabla.filas, grid_id
    assert vistos == set(exportar.fuentes())
    assert grids.id_grid("x")["type"] == "grid"


#: Parameters naming nothing that exists (a stale link or a forged request), per page.
INEXISTENTES = {
    "dashboard.pages.eje": {"codigo": "NOPE"},
    "dashboard.pages.sector": {"codigo": "NOPE"},
    "dashboard.pages.institucion": {"sigla": "NOPE"},
    "dashboard.pages.meta": {"codigo": "NOPE"},
    "dashboard.pages.indicador": {"codigo": "NOPE"},
    "dashboard.pages.mesa": {"sector": "NOPE"},
}


def test_an_export_of_something_that_does_not_exist_is_an_empty_table(app) -> None:
    """Exporting a grid for a code that does not exist (or the user may not see) gives a table
    with no rows, never an error answered as a forged request: the page itself shows «no existe
    o no tiene acceso»."""
    import importlib

    with sesion_de_prueba(app, "/", rol="coordinador_mesa", sectores=["SAL"]):
        for nombre, url in INEXISTENTES.items():
            importlib.import_module(nombre)
            prefijo = nombre.rsplit(".", 1)[1]
            fuentes = {g: f for g, f in exportar.fuentes().items() if g.startswith(f"{prefijo}-")}
            assert fuentes, nombre
            for grid_id, fuente in fuentes.items():
                tabla = fuente(exportar.parametros(url))
                assert list(tabla.filas) == [], grid_id
                assert isinstance(list(tabla.columnas), list), grid_id


def test_an_excel_export_says_what_it_holds_in_its_name_and_filtros_sheet(app) -> None:
    """Through the real callback, the Salud coordinator's Excel export of the Salud sector
    page filtered to yellow goals is named
    sigpret-metas-del-sector-SAL-amarillo-<período>_<fecha>.xlsx
    (the period the page evaluated), its avance cells are numbers shown with «%», and its
    «Filtros» sheet holds the period, the filters, the moment and the user (issue #12)."""
    import openpyxl

    c = cliente(app, "coord.salud")
    valores = {
        "exportar-params": {"codigo": "SAL", "estado": "amarillo", "periodo": None},
        "exportar-nombre": "metas-del-sector",
    }
    estado, (nombre, contenido) = pedir_exportacion(
        app, c, "sector-metas", formato="xlsx", valores=valores, crudo=True
    )
    assert estado == 200
    with sesion_de_prueba(app, "/sectores/SAL", rol="coordinador_mesa", sectores=["SAL"]):
        from dashboard import data

        periodo = data.periodo_efectivo(None)
    assert re.fullmatch(
        rf"sigpret-metas-del-sector-SAL-amarillo-{periodo}_\d{{4}}-\d{{2}}-\d{{2}}\.xlsx", nombre
    ), nombre
    libro = openpyxl.load_workbook(io.BytesIO(contenido))
    hoja = libro.worksheets[0]
    encabezados = [c.value for c in hoja[1]]
    assert hoja.max_row > 1
    columna = encabezados.index("Avance directo") + 1
    celdas = [hoja.cell(row=r, column=columna) for r in range(2, hoja.max_row + 1)]
    numeros = [x for x in celdas if x.value is not None]
    assert numeros and all(x.data_type == "n" and x.number_format.endswith('"%"') for x in numeros)
    filtros = dict(libro["Filtros"].iter_rows(min_row=2, values_only=True))
    assert filtros["Período evaluado"].startswith(periodo)
    assert filtros["Código"] == "SAL" and filtros["Estado"] == "amarillo"
    assert filtros["Usuario"] == "coord.salud"
