"""Server time of the dashboard's page callbacks at 1× and 10× the demo, and their response sizes.

Run ``python -m bench.callbacks [--scales 1 10] [--repeats 30]``. For each scale a SQLite database
is built in a temporary folder: 1× is the demo (``seeds/demo``), 10× a synthetic MCR ten times the
demo (:func:`bench.synthetic.build_mcr`) written in the import format (:func:`write_import_csvs`)
and loaded by the real importer. A fresh app (:func:`dashboard.create_app`) then serves the
benchmark: every page callback is called as the plain Python function Dash calls, inside
``app.server.test_request_context()``, so what is timed is the callback's own server work (data
access, cached engine results, view functions, figures), not the network or the browser.

Per case it reports the first call (cold: the app's result cache is empty, so this includes the
engine run the first visitor pays for), then, after one warm-up, the median and p95 of
``repeats`` calls, and the size of the JSON Dash would send (``plotly.io.json.to_json_plotly`` of
the callback's return value). The output is a Markdown table (pasted into ``BENCHMARKS.md``).
"""

from __future__ import annotations

import argparse
import functools
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import dash
    import numpy as np

    from data_layer.engine.frames import MCR

RAIZ = Path(__file__).resolve().parent.parent
SEEDS_DEMO = RAIZ / "seeds" / "demo"

#: Targets of issue #3: p95 server time per callback (ms) by scale, and the largest response.
OBJETIVO_P95_MS = {1.0: 150.0, 10.0: 500.0}
OBJETIVO_KB = 1024.0


# --------------------------------------------------------------------------------------------
# The synthetic MCR in the import format


def _lista(frame: Any, clave: str, valor: str) -> Any:
    """``valor`` of each ``clave`` joined with ``;`` (the import format's list cell)."""
    return frame.groupby(clave, sort=False)[valor].agg(";".join)


def write_import_csvs(mcr: MCR, folder: Path) -> Path:
    """Write ``mcr`` as the CSV folder of the import format (DOMAIN.md §6), one file per sheet.

    Many-to-many links become ``;`` lists: a sector's ejes, an institution's sectors (its main
    sector first), a goal's ``contribuye_a`` and an indicator's transversal themes. Programacion
    carries the current target only (the format has one ``meta`` column, so the MCR's original
    targets are lost: after the import ``meta_original`` equals ``meta``). Dates are written
    ``aaaa-mm-dd``, years as integers and empty cells for missing values.

    Args:
        mcr: the MCR to write (e.g. :func:`bench.synthetic.build_mcr`).
        folder: where to write; created when missing.

    Returns:
        ``folder``, ready for :func:`data_layer.importer.import_mcr`.
    """
    import pandas as pd

    folder.mkdir(parents=True, exist_ok=True)

    from data_layer.importer.esquema import ESQUEMA

    def escribir(nombre: str, frame: pd.DataFrame) -> None:
        # The sheet's columns in the importer's own order (its schema is the format's definition).
        columnas = [c.nombre for c in ESQUEMA[nombre]]
        frame[columnas].to_csv(folder / f"{nombre}.csv", index=False, date_format="%Y-%m-%d")

    def unido(codigos: pd.Series, listas: pd.Series) -> np.ndarray:
        return codigos.map(listas).fillna("").to_numpy()

    escribir("ejes", mcr.ejes)
    sectores = mcr.sectores
    escribir(
        "sectores",
        pd.DataFrame(
            {
                "codigo": sectores["codigo"],
                "nombre": sectores["nombre"],
                "ejes": unido(sectores["codigo"], _lista(mcr.sector_ejes, "sector", "eje")),
                "institucion_rectora": sectores["institucion_rectora"],
            }
        ),
    )
    participaciones = mcr.institucion_sectores.sort_values(
        ["institucion", "principal"], ascending=[True, False], kind="stable"
    )
    instituciones = mcr.instituciones
    escribir(
        "instituciones",
        pd.DataFrame(
            {
                "sigla": instituciones["sigla"],
                "nombre": instituciones["nombre"],
                "sectores": unido(
                    instituciones["sigla"], _lista(participaciones, "institucion", "sector")
                ),
            }
        ),
    )
    metas = mcr.metas
    escribir(
        "metas",
        pd.DataFrame(
            {
                "codigo": metas["codigo"],
                "nivel": metas["nivel"],
                "descripcion": metas["descripcion"],
                "eje": metas["eje"],
                "sector": metas["sector"],
                "institucion": metas["institucion"],
                "contribuye_a": unido(
                    metas["codigo"], _lista(mcr.contribuciones, "meta", "meta_destino")
                ),
                "peso": metas["peso"],
            }
        ),
    )
    ind = mcr.indicadores
    escribir(
        "indicadores",
        ind.assign(
            anio_base=ind["anio_base"].astype("Int64"),
            temas_transversales=unido(
                ind["codigo"], _lista(mcr.indicador_temas, "indicador", "tema")
            ),
        ),
    )
    escribir("programacion", mcr.programacion)
    escribir("avances", mcr.avances.assign(comentario=""))
    return folder


# --------------------------------------------------------------------------------------------
# Timing


@dataclass(frozen=True)
class Estadisticas:
    """Summary of repeated timings, in milliseconds.

    Attributes:
        n: number of timed calls.
        mediana_ms: median.
        p95_ms: 95th percentile, nearest-rank (the smallest time at or above 95 % of the calls;
            with 30 calls, the second slowest).
        min_ms: fastest call.
        max_ms: slowest call.
    """

    n: int
    mediana_ms: float
    p95_ms: float
    min_ms: float
    max_ms: float


def summarize(tiempos_s: Sequence[float]) -> Estadisticas:
    """Median, nearest-rank p95, min and max (ms) of timings given in seconds.

    Raises:
        ValueError: when there is no timing.
    """
    if not tiempos_s:
        raise ValueError("no timings")
    ordenados = sorted(t * 1000.0 for t in tiempos_s)
    rango = math.ceil(0.95 * len(ordenados))
    return Estadisticas(
        n=len(ordenados),
        mediana_ms=statistics.median(ordenados),
        p95_ms=ordenados[rango - 1],
        min_ms=ordenados[0],
        max_ms=ordenados[-1],
    )


def time_calls(
    llamadas: Sequence[Callable[[], Any]],
) -> tuple[list[float], list[float], list[Any]]:
    """Call each function once, in order.

    Returns:
        Each call's wall time and CPU time of this thread (seconds), and its value. On a busy
        machine the wall time includes waiting for a core; the CPU time does not.
    """
    tiempos, cpu, valores = [], [], []
    for llamada in llamadas:
        c0, t0 = time.thread_time(), time.perf_counter()
        valor = llamada()
        tiempos.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
        valores.append(valor)
    return tiempos, cpu, valores


def response_kb(valor: Any) -> float:
    """Size in KB (1,024 bytes) of ``valor`` as JSON, encoded the way Dash encodes a response."""
    from plotly.io.json import to_json_plotly

    return len(to_json_plotly(valor).encode("utf-8")) / 1024.0


# --------------------------------------------------------------------------------------------
# What is measured: every server callback of the app, with realistic inputs


@dataclass(frozen=True)
class Caso:
    """One measured callback with its inputs.

    Attributes:
        pagina: the page's path (``/sectores/<codigo>``), or ``shell`` / ``barra de filtros`` /
            ``exportar`` for callbacks every page shares.
        nombre: the function timed (the registered callback, or the plain function it calls).
        entrada: the inputs, in a few words.
        llamada: call number ``i`` → the callback's return value. Call 0 is the cold one,
            call 1 the warm-up, calls 2… are timed.
        cubre: the registered callbacks (``module.qualname``) this case times.
    """

    pagina: str
    nombre: str
    entrada: str
    llamada: Callable[[int], Any]
    cubre: tuple[str, ...] = ()


@dataclass(frozen=True)
class Elegidas:
    """The entities the cases open: the largest of each kind, and spread samples of codes."""

    eje: str
    sector: str
    institucion: str
    meta: str
    metas: tuple[str, ...]
    indicador: str
    indicadores: tuple[str, ...]


def _muestra(codigos: Sequence[str], n: int) -> tuple[str, ...]:
    """``n`` codes spread evenly over the sorted ``codigos`` (all of them when fewer)."""
    ordenados = sorted(codigos)
    if len(ordenados) <= n:
        return tuple(ordenados)
    paso = len(ordenados) / n
    return tuple(ordenados[int(i * paso)] for i in range(n))


def choose_inputs(m: MCR, n: int) -> Elegidas:
    """The heaviest realistic pages of ``m``: the eje group, sector and institution with the most
    goals, the presidential goal with the most contributors, the indicator with the most
    programmed periods; plus ``n`` goals and ``n`` indicators spread over their codes."""
    metas = m.metas.astype({"codigo": "str"})
    por_sector = metas["sector"].value_counts()
    por_eje = metas["eje"].value_counts()
    enlaces = m.sector_ejes.assign(n=m.sector_ejes["sector"].map(por_sector).fillna(0))
    por_eje = por_eje.add(enlaces.groupby("eje")["n"].sum(), fill_value=0)
    hojas = set(m.ejes["codigo"].astype("str")) - set(m.ejes["eje_padre"].dropna().astype("str"))
    eje = str(por_eje[por_eje.index.isin(hojas)].idxmax())
    presidenciales = metas.loc[metas["nivel"] == "presidencial", "codigo"]
    contribuyentes = m.contribuciones["meta_destino"].astype("str").value_counts()
    meta = str(contribuyentes.reindex(presidenciales).fillna(0).idxmax())
    indicador = str(m.programacion["indicador"].astype("str").value_counts().idxmax())
    return Elegidas(
        eje=eje,
        sector=str(por_sector.idxmax()),
        institucion=str(metas["institucion"].value_counts().idxmax()),
        meta=meta,
        metas=_muestra(list(metas["codigo"]), n),
        indicador=indicador,
        indicadores=_muestra(list(m.indicadores["codigo"].astype("str")), n),
    )


def _buscar(componente: Any, predicado: Callable[[Any], bool]) -> Any:
    """The first component of a Dash tree for which ``predicado`` holds (None when none)."""
    if predicado(componente):
        return componente
    hijos = getattr(componente, "children", None)
    for hijo in hijos if isinstance(hijos, list | tuple) else [hijos]:
        if hijo is not None and not isinstance(hijo, str | int | float):
            encontrado = _buscar(hijo, predicado)
            if encontrado is not None:
                return encontrado
    return None


def page_params(modulo: Any, **url: str) -> dict[str, Any]:
    """What a page's ``<page>-params`` store holds for a URL: the page's own ``layout(**url)``."""
    esqueleto = modulo.layout(**url)
    tienda = _buscar(esqueleto, lambda c: str(getattr(c, "id", "")).endswith("-params"))
    if tienda is None:
        raise LookupError(f"{modulo.__name__}: no <page>-params store in the layout")
    return dict(tienda.data)


def server_callbacks(app: dash.Dash) -> dict[str, Callable[..., Any]]:
    """Every server-side callback of ``app`` (pages, shell, shared components) as the plain
    function Dash calls, keyed ``module.qualname``; client-side callbacks are left out."""
    from dash._callback import GLOBAL_CALLBACK_MAP

    funciones: dict[str, Callable[..., Any]] = {}
    for mapa in (app.callback_map, GLOBAL_CALLBACK_MAP):
        for registro in mapa.values():
            cruda = getattr(registro.get("callback"), "__wrapped__", None)
            if cruda is not None:
                funciones[f"{cruda.__module__}.{cruda.__qualname__}"] = cruda
    return funciones


def acciones_mesa(
    cb: dict[str, Callable[..., Any]], ruta: str, pagina: str, codigo: str, params: dict
) -> list[Caso]:
    """The page's panel of the mesas' acuerdos, bottlenecks and strategies, when it has one."""
    nombre = f"dashboard.pages.{pagina}.render_acciones_mesa"
    if nombre not in cb:
        return []
    return [Caso(ruta, "render_acciones_mesa", codigo, lambda _i: cb[nombre](params), (nombre,))]


def _descarga(exportar: Any, formato: str, filas: Any, columnas: Any, _i: int) -> Any:
    return exportar.build_descarga(formato, "alertas", filas, columnas)


def _layout(modulo: Any, url: dict[str, str], _i: int) -> Any:
    return modulo.layout(**url)


def casos_mesas(cb: dict[str, Callable[..., Any]]) -> list[Caso]:
    """The mesa pages' read callbacks (issue #5), on the mesa with the most acuerdos.

    Only where the database has mesas (the demo, 1×; the synthetic 10× MCR has none). The forms'
    write callbacks are not timed: they change the data every call.
    """
    from dashboard import data
    from dashboard.pages import mesa, mesas

    acuerdos = data.mesas().acuerdos
    if acuerdos.empty or "dashboard.pages.mesa.render_mesa" not in cb:
        return []
    sector = str(acuerdos["sector"].value_counts().idxmax())
    ultimo = str(acuerdos.loc[acuerdos["sector"] == sector, "id"].max())
    pm = page_params(mesa, sector=sector)
    con_acuerdo = page_params(mesa, sector=sector, acuerdo=ultimo)
    casos = [
        Caso(
            "/mesas",
            "render_mesas",
            "22 mesas",
            functools.partial(
                _llamar, cb["dashboard.pages.mesas.render_mesas"], page_params(mesas)
            ),
            ("dashboard.pages.mesas.render_mesas",),
        ),
        Caso(
            "/mesas/<sector>",
            "render_mesa",
            sector,
            functools.partial(_llamar, cb["dashboard.pages.mesa.render_mesa"], pm),
            ("dashboard.pages.mesa.render_mesa",),
        ),
        Caso(
            "/mesas/<sector>",
            "render_tablero",
            f"{sector}, todos los estados",
            functools.partial(_llamar, cb["dashboard.pages.mesa.render_tablero"], pm, "todos"),
            ("dashboard.pages.mesa.render_tablero",),
        ),
    ]
    pedido = "dashboard.pages.mesa.render_acuerdo_pedido"
    if pedido in cb:
        casos.append(
            Caso(
                "/mesas/<sector>",
                "render_acuerdo_pedido",
                f"{sector}?acuerdo={ultimo}",
                functools.partial(_llamar, cb[pedido], con_acuerdo),
                (pedido,),
            )
        )
    return casos


def _llamar(funcion: Callable[..., Any], *args: Any) -> Any:
    """``funcion(*args)``, ignoring the call number the benchmark passes last."""
    return funcion(*args[:-1])


def build_cases(app: dash.Dash, e: Elegidas) -> list[Caso]:
    """Every page's callbacks (and the shell's, the filter bar's and the export's) with inputs.

    Must run inside a request of ``app`` (some inputs come from the data, e.g. the export's
    rows are the alert centre's).
    """
    from dashboard import pages as _pages  # noqa: F401  (page modules are imported by create_app)
    from dashboard.components import exportar, grid
    from dashboard.components import filtros as barra
    from dashboard.filtros import CAMPOS
    from dashboard.pages import alertas, cadena, eje, indicador, institucion, meta, resumen, sector

    cb = server_callbacks(app)

    def fijo(nombre: str, *args: Any) -> Callable[[int], Any]:
        return lambda _i: cb[nombre](*args)

    def caso(pagina: str, nombre: str, entrada: str, *args: Any) -> Caso:
        corto = nombre.rsplit(".", 1)[-1]
        return Caso(pagina, corto, entrada, fijo(nombre, *args), (nombre,))

    def rotando(
        pagina: str, nombre: str, entrada: str, modulo: Any, codigos: Sequence[str]
    ) -> Caso:
        params = [page_params(modulo, codigo=c) for c in codigos]
        return Caso(
            pagina,
            nombre.rsplit(".", 1)[-1],
            entrada,
            lambda i: cb[nombre](params[i % len(params)]),
            (nombre,),
        )

    pr = page_params(resumen)
    casos = [
        caso("/", "dashboard.pages.resumen.render_resumen", "sin filtros", pr),
        caso(
            "/",
            "dashboard.pages.resumen.render_resumen",
            f"eje={e.eje}, estado=rojo",
            page_params(resumen, eje=e.eje, estado="rojo"),
        ),
    ]
    pe = page_params(eje, codigo=e.eje)
    casos += [
        caso("/ejes/<codigo>", "dashboard.pages.eje.render_eje", e.eje, pe),
        caso("/ejes/<codigo>", "dashboard.pages.eje.render_mapa", e.eje, pe),
    ]
    ps = page_params(sector, codigo=e.sector)
    casos += [
        caso("/sectores/<codigo>", "dashboard.pages.sector.render_sector", e.sector, ps),
        caso("/sectores/<codigo>", "dashboard.pages.sector.render_mapa", e.sector, ps),
        caso("/sectores/<codigo>", "dashboard.pages.sector.render_cumplimiento", e.sector, ps),
    ]
    casos += acciones_mesa(cb, "/sectores/<codigo>", "sector", e.sector, ps)
    pi = page_params(institucion, sigla=e.institucion)
    for nombre in ("render_institucion", "render_evaluacion", "render_reportes"):
        casos.append(
            caso(
                "/instituciones/<sigla>",
                f"dashboard.pages.institucion.{nombre}",
                e.institucion,
                pi,
            )
        )
    casos += [
        caso(
            "/metas/<codigo>",
            "dashboard.pages.meta.render_meta",
            f"{e.meta} (most contributors)",
            page_params(meta, codigo=e.meta),
        ),
        rotando(
            "/metas/<codigo>",
            "dashboard.pages.meta.render_meta",
            f"{len(e.metas)} distinct goals",
            meta,
            e.metas,
        ),
        caso(
            "/indicadores/<codigo>",
            "dashboard.pages.indicador.render_indicador",
            f"{e.indicador} (most periods)",
            page_params(indicador, codigo=e.indicador),
        ),
        rotando(
            "/indicadores/<codigo>",
            "dashboard.pages.indicador.render_indicador",
            f"first open of {len(e.indicadores)} distinct indicators",
            indicador,
            e.indicadores,
        ),
    ]
    casos += acciones_mesa(cb, "/metas/<codigo>", "meta", e.meta, page_params(meta, codigo=e.meta))
    casos += acciones_mesa(
        cb,
        "/indicadores/<codigo>",
        "indicador",
        e.indicador,
        page_params(indicador, codigo=e.indicador),
    )
    pc = page_params(cadena)
    clic = {"points": [{"customdata": e.meta}]}
    casos += [
        caso("/cadena", "dashboard.pages.cadena.render_cadena", "sin filtros", pc),
        caso(
            "/cadena",
            "dashboard.pages.cadena.render_eslabones",
            f"{e.meta}, with contributors",
            e.meta,
            True,
            pc,
        ),
        caso("/cadena", "dashboard.pages.cadena.go_to_meta", "sunburst click", clic, pc),
        caso("/cadena", "dashboard.pages.cadena.choose_meta", e.meta, e.meta, "", None),
    ]
    pa = page_params(alertas)
    casos += [
        caso("/alertas", "dashboard.pages.alertas.render_alertas", "sin filtros", pa),
        caso(
            "/alertas",
            "dashboard.pages.alertas.render_alertas",
            f"severidad=alta, sector={e.sector}",
            page_params(alertas, severidad="alta", sector=e.sector),
        ),
        caso(
            "/alertas",
            "dashboard.pages.alertas.sync_url_propios",
            "severidad=alta",
            ["alta", None, None],
            "",
        ),
    ]
    bloque = "dashboard.pages.alertas.bloque_grid"
    if bloque in cb:  # the alerts grid served in blocks (issue #15)
        medias = {"severidad_orden": {"filterType": "text", "type": "equals", "filter": "Media"}}
        casos += [
            caso("/alertas", bloque, "rows 0–100, sin filtros", {"startRow": 0, "endRow": 100}, pa),
            caso(
                "/alertas",
                bloque,
                "rows 300–400, Media, by entity desc",
                {
                    "startRow": 300,
                    "endRow": 400,
                    "filterModel": medias,
                    "sortModel": [{"colId": "entidad", "sort": "desc"}],
                },
                pa,
            ),
            caso("/alertas", bloque, "forged endRow 10⁹", {"startRow": 0, "endRow": 10**9}, pa),
        ]
    casos += casos_mesas(cb)
    # The navbar's one callback reads dash.ctx (what triggered it): `make bench-load` and
    # `python -m bench.carga.costo --detalle` time it as the browser sends it.
    locales = "dashboard.components.filtros.register_callbacks.<locals>."
    ids = [barra.id_filtro(c) for c in CAMPOS]
    con_eje = [None, e.eje, None, None, None]
    casos += [
        caso("barra de filtros", locales + "sync_url", f"eje={e.eje}", [con_eje], ids, ""),
        caso("barra de filtros", locales + "clear_filtros", "clic", [1], ids, con_eje),
    ]

    # The export callback reads dash.ctx (which button); its body is build_descarga, timed
    # here on the alert centre's grid: the longest grid of the app.
    # Every alert of the grid (before issue #15: the 1,000 the page sent).
    todas = getattr(alertas, "filas_exportadas", None)
    filas = todas(pa) if todas else cb["dashboard.pages.alertas.render_alertas"](pa)["filas"]
    rejilla = _buscar(
        alertas.layout(), lambda c: getattr(c, "id", None) == grid.id_grid("alertas-lista")
    )
    columnas = list(rejilla.columnDefs)
    for formato in ("csv", "xlsx"):
        casos.append(
            Caso(
                "exportar",
                "build_descarga",
                f"{formato}, alerts grid ({len(filas):,} rows)",
                functools.partial(_descarga, exportar, formato, filas, columnas),
                ("dashboard.components.exportar.register_callbacks.<locals>.download_grid",),
            )
        )
    for ruta, modulo, url in (
        ("/", resumen, {}),
        ("/ejes/<codigo>", eje, {"codigo": e.eje}),
        ("/sectores/<codigo>", sector, {"codigo": e.sector}),
        ("/instituciones/<sigla>", institucion, {"sigla": e.institucion}),
        ("/metas/<codigo>", meta, {"codigo": e.meta}),
        ("/indicadores/<codigo>", indicador, {"codigo": e.indicador}),
        ("/cadena", cadena, {}),
        ("/alertas", alertas, {}),
    ):
        casos.append(
            Caso(
                ruta,
                "layout",
                "skeleton (no data)",
                functools.partial(_layout, modulo, url),
            )
        )
    return casos


# --------------------------------------------------------------------------------------------
# Running


@dataclass(frozen=True)
class Medicion:
    """One case measured at one scale.

    Attributes:
        caso: what was measured.
        escala: 1 (demo) or the synthetic scale.
        frio_ms: the first call, with the app's result cache and the pages' memos empty.
        tiempos: the timed warm calls (wall time).
        cpu: the same calls' CPU time (what they cost without waiting for a core).
        kb: the largest response among all the calls, in KB.
    """

    caso: Caso
    escala: float
    frio_ms: float
    tiempos: Estadisticas
    cpu: Estadisticas
    kb: float


def clear_caches(app: dash.Dash) -> None:
    """Empty the app's result cache, its per-process memo of results and the pages' memos.

    What a first visitor meets right after an import (the data version changes every key), except
    that the MCR itself stays in memory (its reading is measured on its own: :func:`read_mcr`).
    """
    from dashboard import data, page_modules

    with app.server.app_context():
        data.datos().vaciar()
    for nombre in page_modules():
        modulo = sys.modules.get(nombre)
        for valor in vars(modulo).values() if modulo else ():
            if getattr(valor, "__module__", None) == nombre and hasattr(valor, "cache_clear"):
                valor.cache_clear()


def measure_case(app: dash.Dash, caso: Caso, repeats: int, escala: float) -> Medicion:
    """Time one case: a cold call, one warm-up, then ``repeats`` calls (inside a request)."""
    clear_caches(app)
    frio, _, valores = time_calls([lambda: caso.llamada(0), lambda: caso.llamada(1)])
    tiempos, cpu, resto = time_calls(
        [functools.partial(caso.llamada, i) for i in range(2, repeats + 2)]
    )
    kb = max(response_kb(v) for v in [*valores, *resto])
    return Medicion(caso, escala, frio[0] * 1000.0, summarize(tiempos), summarize(cpu), kb)


def read_mcr(database_url: str) -> tuple[MCR, float]:
    """The whole MCR and the seconds it took to read it from the database (the app does it once
    per data version and process)."""
    from data_layer import queries
    from data_layer.db import get_engine, session_factory

    t0 = time.perf_counter()
    with session_factory(get_engine(database_url))() as session:
        m = queries.load_mcr(session)
    return m, time.perf_counter() - t0


def build_database(escala: float, carpeta: Path, seed: int = 0) -> str:
    """A migrated SQLite database in ``carpeta`` holding the demo (scale 1, with its mesas) or a
    synthetic MCR (no mesas).

    Returns:
        Its SQLAlchemy URL.

    Raises:
        RuntimeError: when the importer rejects the data (with its first errors).
    """
    from data_layer.db import make_engine
    from data_layer.importer import import_mcr
    from data_layer.migrate import upgrade

    url = f"sqlite:///{carpeta / f'sigpret_{escala:g}x.db'}"
    engine = make_engine(url)
    upgrade(engine)
    if escala == 1:
        try:  # the whole demo, as `sigpret seed demo` loads it: MCR, users and mesas
            from data_layer.demo import cargar_demo
        except ImportError:
            resultado = import_mcr(engine, SEEDS_DEMO, es_demo=True)
        else:
            resultado = cargar_demo(engine).importacion
    else:
        from bench.synthetic import build_mcr

        origen = write_import_csvs(build_mcr(escala, seed), carpeta / f"csv_{escala:g}x")
        resultado = import_mcr(engine, origen)
    engine.dispose()
    if not resultado.ok:
        primeros = "\n".join(str(e) for e in resultado.errores[:10])
        raise RuntimeError(f"import of scale {escala:g} failed:\n{primeros}")
    return url


#: Who the benchmark logs in as: a user who sees everything, and a sector coordinator whose
#: every request cuts the data down to the sector (see ``data_layer.vistas.alcance``).
USUARIOS = ("analista", "coordinador")


def log_in(app: dash.Dash, usuario: str, sector: str) -> bool:
    """Log a benchmark user into the current request, as the login does (False without login).

    ``analista`` sees everything; ``coordinador`` is the mesa coordinator of ``sector``.
    """
    if getattr(app.server, "login_manager", None) is None:
        return False
    from flask_login import login_user

    from dashboard.seguridad import UsuarioWeb
    from data_layer.auth import Alcance
    from data_layer.models import Rol

    if usuario == "analista":
        alcance = Alcance(usuario="bench.analista", rol=Rol.analista)
    else:
        alcance = Alcance(
            usuario="bench.coordinador", rol=Rol.coordinador_mesa, sectores=frozenset({sector})
        )
    login_user(UsuarioWeb(alcance, "benchmark"))
    return True


def measure_scale(
    escala: float,
    repeats: int,
    usuarios: Sequence[str],
    seed: int = 0,
    paginas: Sequence[str] | None = None,
) -> tuple[dict[str, list[Medicion]], dict[str, Any]]:
    """Build the scale's database and app, then measure every case (of ``paginas`` only, when
    given) for each user.

    Returns:
        Measurements per user, and facts about the scale (sizes, MCR read time, the chosen
        entities, callbacks left untimed).
    """
    from dashboard import create_app

    with tempfile.TemporaryDirectory(prefix="sigpret-bench-") as tmp:
        t0 = time.perf_counter()
        url = build_database(escala, Path(tmp), seed)
        preparar_s = time.perf_counter() - t0
        m, mcr_s = read_mcr(url)
        e = choose_inputs(m, repeats + 2)  # every user opens the same entities
        app = create_app(database_url=url)
        por_usuario: dict[str, list[Medicion]] = {}
        hechos: dict[str, Any] = {"preparar_s": preparar_s, "mcr_s": mcr_s}
        for usuario in usuarios:
            with app.server.test_request_context("/"):
                if not log_in(app, usuario, e.sector) and usuario != "analista":
                    print(f"  (no login in this app: {usuario} skipped)", file=sys.stderr)
                    continue
                casos = build_cases(app, e)
                if paginas:
                    casos = [c for c in casos if c.pagina in paginas]
                hechos.update(
                    elegidas=e,
                    indicadores=len(m.indicadores),
                    metas=len(m.metas),
                    programacion=len(m.programacion),
                    avances=len(m.avances),
                    sin_medir=sorted(
                        set(server_callbacks(app)) - {c for caso in casos for c in caso.cubre}
                    ),
                )
                mediciones = []
                for caso in casos:
                    print(
                        f"  {escala:g}× {usuario}: {caso.pagina} {caso.nombre} ({caso.entrada})",
                        file=sys.stderr,
                        flush=True,
                    )
                    mediciones.append(measure_case(app, caso, repeats, escala))
                por_usuario[usuario] = mediciones
        from data_layer.db import get_engine

        get_engine(url).dispose()
    return por_usuario, hechos


# --------------------------------------------------------------------------------------------
# Reporting


def target_met(m: Medicion) -> bool:
    """p95 within the scale's target (150 ms at 1×, 500 ms at 10×) and response ≤ 1 MB."""
    objetivo = OBJETIVO_P95_MS.get(m.escala, OBJETIVO_P95_MS[max(OBJETIVO_P95_MS)])
    return m.tiempos.p95_ms <= objetivo and m.kb <= OBJETIVO_KB


def markdown_table(por_escala: dict[float, list[Medicion]]) -> str:
    """One row per case and scale; the scales of a case (same position in every list) are next
    to each other."""
    lineas = [
        "| page | callback | inputs | scale | cold ms | median ms | p95 ms | CPU median ms "
        "| CPU p95 ms | response KB | target met |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    n = max((len(v) for v in por_escala.values()), default=0)
    for i in range(n):
        for escala in sorted(por_escala):
            if i >= len(por_escala[escala]):
                continue
            m = por_escala[escala][i]
            t = m.tiempos
            lineas.append(
                f"| {m.caso.pagina} | {m.caso.nombre} | {m.caso.entrada} | {escala:g}× "
                f"| {m.frio_ms:,.0f} | {t.mediana_ms:,.1f} | {t.p95_ms:,.1f} "
                f"| {m.cpu.mediana_ms:,.1f} | {m.cpu.p95_ms:,.1f} | {m.kb:,.1f} "
                f"| {'yes' if target_met(m) else '**no**'} |"
            )
    return "\n".join(lineas)


def summary_lines(por_escala: dict[float, list[Medicion]]) -> list[str]:
    """Per scale: how many cases meet the targets, the slowest p95, the largest response."""
    lineas = []
    for escala, mediciones in sorted(por_escala.items()):
        peor = max(mediciones, key=lambda m: m.tiempos.p95_ms)
        mayor = max(mediciones, key=lambda m: m.kb)
        frio = max(mediciones, key=lambda m: m.frio_ms)
        ok = sum(target_met(m) for m in mediciones)
        objetivo = OBJETIVO_P95_MS.get(escala, OBJETIVO_P95_MS[max(OBJETIVO_P95_MS)])
        ok_cpu = sum(m.cpu.p95_ms <= objetivo and m.kb <= OBJETIVO_KB for m in mediciones)
        lineas.append(
            f"{'OK ' if ok == len(mediciones) else 'MISS'} {escala:g}×: {ok}/{len(mediciones)} "
            f"callbacks within p95 ≤ {objetivo:g} ms and ≤ 1 MB ({ok_cpu}/{len(mediciones)} "
            f"counting CPU time only); slowest p95 "
            f"{peor.tiempos.p95_ms:,.1f} ms ({peor.caso.pagina} {peor.caso.nombre}); largest "
            f"response {mayor.kb:,.1f} KB ({mayor.caso.pagina} {mayor.caso.nombre}); slowest cold "
            f"call {frio.frio_ms:,.0f} ms ({frio.caso.pagina} {frio.caso.nombre})"
        )
    return lineas


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the machine, one table per user and the targets."""
    from bench.run_engine import machine_lines

    parser = argparse.ArgumentParser(prog="python -m bench.callbacks", description=__doc__)
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic MCRs")
    parser.add_argument("--usuarios", nargs="+", choices=USUARIOS, default=list(USUARIOS))
    parser.add_argument(
        "--paginas",
        nargs="+",
        default=None,
        help="only the cases of these pages (first column: /alertas, exportar, shell…)",
    )
    args = parser.parse_args(argv)

    resultados: dict[str, dict[float, list[Medicion]]] = {u: {} for u in args.usuarios}
    hechos: dict[float, dict[str, Any]] = {}
    for escala in args.scales:
        print(f"scale {escala:g}×: building the database…", file=sys.stderr, flush=True)
        por_usuario, hechos[escala] = measure_scale(
            escala, args.repeats, args.usuarios, args.seed, args.paginas
        )
        for usuario, mediciones in por_usuario.items():
            resultados[usuario][escala] = mediciones

    for linea in machine_lines():
        print(linea)
    print()
    for escala, h in sorted(hechos.items()):
        e = h.get("elegidas")
        print(
            f"- {escala:g}×: {h.get('indicadores', 0):,} indicators, {h.get('metas', 0):,} goals, "
            f"{h.get('programacion', 0):,} programacion rows, {h.get('avances', 0):,} avances "
            f"rows; database built in {h['preparar_s']:.1f} s; MCR read from the database in "
            f"{h['mcr_s'] * 1000:,.0f} ms"
            + (
                f"; opened: eje {e.eje}, sector {e.sector}, institution {e.institucion}, "
                f"goal {e.meta}, indicator {e.indicador}"
                if e
                else ""
            )
        )
        if h.get("sin_medir"):
            print(f"  - not timed: {', '.join(h['sin_medir'])}")
    for usuario, por_escala in resultados.items():
        if not por_escala:
            continue
        print()
        print(f"### User: {usuario}, {args.repeats} timed calls per row")
        print()
        print(markdown_table(por_escala))
        print()
        for linea in summary_lines(por_escala):
            print(linea)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
