"""Centro de alertas (``/alertas``): every alert of the evaluated quarter, most severe first.

Counts by severity and by type at the top, then one row per alert: severity, type, the entity it
is about (a link to its page, keeping the filters), the message, and where the entity sits (eje,
sector, institution). Exportable to CSV and Excel.

Two tabs: «Alertas» (the above) and «Cumplimiento por institución» (``?vista=cumplimiento``):
the institutions ranked by missing, then late, then returned reports from the first quarter of
the evaluated year to the evaluated quarter (:mod:`dashboard.components.cumplimiento`), each a
link to its page, exportable too. A click on a tab writes ``vista`` into the URL.

URL parameters: the shared filter bar's ``periodo``, ``eje``, ``sector``, ``tema`` (the ranking
takes ``periodo``, ``eje`` and ``sector``); ``vista`` (``cumplimiento``; else the alerts); and
the alerts' own ``severidad`` (``alta``, ``media``, ``baja``), ``tipo`` (an alert type code) and
``institucion`` (a sigla); e.g. ``/alertas?severidad=alta&sector=SAL``,
``/alertas?vista=cumplimiento&sector=SAL``.

The alerts' grid is served in blocks (AG Grid's infinite row model): it asks for 100 rows at a
time as it scrolls, with its column filters and sort, and :func:`bloque_alertas` answers with
that block of every alert that passes them (filtered and sorted on the server over all of
them, :func:`data_layer.vistas.alertas.bloque_alertas`) and their count; only the block's
messages and links are formatted and sent. The counts, the note and the exports cover every
alert that passes the filters.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import data, filtros, formatting, respuestas, vistas
from dashboard.components import cambios, exportar
from dashboard.components import cumplimiento as ui_cumplimiento
from dashboard.components import grid as grids
from dashboard.components.alertas import filas_alertas, tarjetas_conteos
from dashboard.components.atributos import aria
from dashboard.components.exportar import seccion_exportable
from dashboard.components.filtros import TEXTOS_DROPDOWN, UBICACION, barra_filtros
from dashboard.components.migas import migas
from dashboard.shell import STORE_PERIODO
from data_layer import permisos
from data_layer.vistas import bloques
from data_layer.vistas.alertas import (
    NOMBRES_SEVERIDAD,
    SEVERIDADES,
    CentroAlertas,
    bloque_alertas,
    centro_alertas,
    nombre_tipo,
)

dash.register_page(
    __name__,
    path="/alertas",
    name="Alertas",
    title="Centro de alertas | SIGPRET",
    description="Todas las alertas del periodo evaluado, por severidad, tipo y lugar.",
    order=90,
)

log = logging.getLogger(__name__)

#: Filters of the shared bar on this page (alerts have no traffic-light state of their own).
CAMPOS = ("periodo", "eje", "sector", "tema")
#: Filters of the shared bar on the compliance tab (reports have no theme).
CAMPOS_CUMPLIMIENTO = ("periodo", "eje", "sector")
#: The tabs: ``vista`` value → label.
VISTAS = {"alertas": "Alertas", "cumplimiento": "Cumplimiento por institución"}
TABS = "alertas-vista"
CUMPLIMIENTO = ui_cumplimiento.id_grid("alertas")
PARAMS_CUMPLIMIENTO = f"{CUMPLIMIENTO}-params"
#: This page's own URL parameters, in order.
PROPIOS = ("severidad", "tipo", "institucion")
#: Gates between the page's own dropdowns / its tabs and their URL sync: they report their value
#: as they mount, which is no reason to sync the URL (:mod:`dashboard.components.cambios`).
PUERTA_PROPIOS = "alertas-propios"
PUERTA_VISTA = "alertas-vista-puerta"
GRID = "alertas-lista"
#: The grid served in blocks of 100 rows, each row as high as three lines of a message (the
#: infinite row model needs one row height; custom.css cuts longer texts, whole on hover).
OPCIONES_GRID = {
    "cacheBlockSize": bloques.TAMANO_BLOQUE,
    "rowHeight": 76,
    # dash-ag-grid answers one block request at a time (a second one pending would never be
    # answered); blocks scrolled past quickly are not asked for.
    "maxConcurrentDatasourceRequests": 1,
    "blockLoadDebounceMillis": 100,
    "rowBuffer": 10,
}

ETIQUETAS_PROPIOS = {
    "severidad": "Severidad",
    "tipo": "Tipo de alerta",
    "institucion": "Institución",
}
TODOS_PROPIOS = {
    "severidad": "Todas las severidades",
    "tipo": "Todos los tipos",
    "institucion": "Todas las instituciones",
}

COLUMNAS = [
    {
        "field": "severidad_orden",
        "headerName": "Severidad",
        "cellRenderer": "SeveridadCelda",
        "filter": "agTextColumnFilter",
        "filterValueGetter": {"function": "params.data.severidad_texto"},
        "width": 120,
        "minWidth": 110,
        "pinned": "left",
    },
    grids.columna_texto("tipo_texto", "Tipo", width=190, minWidth=160),
    grids.columna_enlace("entidad", "Entidad", width=170, minWidth=140),
    # The infinite row model needs a fixed row height: a long message is cut, whole on hover.
    grids.columna_texto(
        "mensaje",
        "Mensaje",
        flex=4,
        minWidth=320,
        wrapText=True,
        tooltipField="mensaje",
        cellClass="celda-mensaje celda-recortada",
    ),
    grids.columna_texto("eje", "Eje", width=95, minWidth=85),
    grids.columna_texto("sector", "Sector", width=110, minWidth=95),
    grids.columna_texto("institucion", "Institución", width=125, minWidth=110),
    grids.columna_texto(
        "periodo",
        "Periodo",
        width=160,
        minWidth=120,
        wrapText=True,
        cellClass="celda-recortada",
        valueFormatter={"function": "params.data ? params.data.periodo_texto : ''"},
        tooltipField="periodo_motivo",
        headerTooltip="El periodo al que se refiere la alerta: un indicador anual o semestral "
        "se evalúa en su último año o semestre cerrado.",
    ),
]


def _propios(valores: dict[str, Any] | None) -> dict[str, str | None]:
    """This page's own parameters from the URL (validated later against the data)."""
    salida: dict[str, str | None] = {}
    for campo in PROPIOS:
        valor = (valores or {}).get(campo)
        if isinstance(valor, list | tuple):
            valor = valor[0] if valor else None
        salida[campo] = valor.strip() if isinstance(valor, str) and valor.strip() else None
    if salida["severidad"] not in SEVERIDADES:
        salida["severidad"] = None
    return salida


def _dropdown(campo: str, valor: str | None) -> dbc.Col:
    return dbc.Col(
        [
            html.Label(ETIQUETAS_PROPIOS[campo], className="filtro-etiqueta"),
            dcc.Dropdown(
                id=f"alertas-{campo}",
                options=[{"label": valor, "value": valor}] if valor else [],
                value=valor,
                placeholder=TODOS_PROPIOS[campo],
                searchable=campo != "severidad",
                labels=TEXTOS_DROPDOWN,
                className=f"filtro-dropdown alertas-{campo}",
                optionHeight="auto",
            ),
        ],
        xs=12,
        sm=4,
        className="filtro-campo",
    )


def _vista(valor: Any) -> str:
    """The tab the URL asks for (``alertas`` unless it names another one)."""
    if isinstance(valor, list | tuple):
        valor = valor[0] if valor else None
    return valor if isinstance(valor, str) and valor in VISTAS else "alertas"


def _pestanas(vista: str) -> dbc.Tabs:
    return dbc.Tabs(
        [dbc.Tab(label=etiqueta, tab_id=clave) for clave, etiqueta in VISTAS.items()],
        id=TABS,
        active_tab=vista,
        className="mb-3 alertas-pestanas",
    )


def _layout_cumplimiento(f: filtros.Filtros, visible: bool) -> html.Div:
    """The compliance tab's content: the ranking block, empty (hidden on the alerts tab)."""
    params = {**f.as_dict(), "vista": "cumplimiento"}
    return html.Div(
        [
            dcc.Store(id=PARAMS_CUMPLIMIENTO, data=params if visible else None),
            dcc.Loading(
                ui_cumplimiento.bloque(
                    "alertas",
                    "cumplimiento-por-institucion" + (f"-{f.sector}" if f.sector else ""),
                    params,
                    titulo="¿Qué instituciones tienen más reportes faltantes o tardíos?",
                    alto="65vh",
                ),
                type="default",
                delay_show=300,
            ),
        ],
        id=f"{CUMPLIMIENTO}-contenido",
        hidden=not visible,
    )


def _layout_alertas(f: filtros.Filtros, propios: dict[str, str | None], visible: bool) -> html.Div:
    """The alerts tab's content: the page's own filters, counts and grid, empty (hidden on the
    compliance tab)."""
    return html.Div(
        [
            dcc.Store(id="alertas-params", data={**f.as_dict(), **propios} if visible else None),
            *cambios.almacenes(PUERTA_PROPIOS, [propios[c] for c in PROPIOS]),
            html.Section(
                dbc.Row([_dropdown(c, propios[c]) for c in PROPIOS], className="g-2"),
                className="barra-filtros barra-filtros-propios",
                **aria(label="Filtros de alertas"),
            ),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id="alertas-mensaje"),
                        html.Section(
                            [
                                html.H2("Alertas por severidad y tipo", className="seccion-titulo"),
                                html.Div(id="alertas-conteos", className="alertas-conteos"),
                            ],
                            className="mb-4",
                            **aria(label="Alertas por severidad y tipo"),
                        ),
                        seccion_exportable(
                            "alertas",
                            GRID,
                            "Alertas",
                            COLUMNAS,
                            "alertas",
                            "Alertas",
                            params={**f.as_dict(), **propios},
                            opciones=OPCIONES_GRID,
                            rowModelType="infinite",
                        ),
                    ]
                ),
                type="default",
                delay_show=300,
            ),
        ],
        id="alertas-contenido",
        hidden=not visible,
    )


def layout(**kwargs: Any) -> html.Div:
    """The page skeleton (no data): the tabs, the chosen tab's filter bar, both tabs' empty
    containers (the other one hidden, its parameters store empty so it computes nothing).

    Args:
        **kwargs: the URL's query parameters (see the module docstring).
    """
    f = filtros.from_query(kwargs)
    vista = _vista(kwargs.get("vista"))
    cumplimiento = vista == "cumplimiento"
    return html.Div(
        [
            migas("alertas-migas"),
            html.H1("Centro de alertas", className="pagina-titulo"),
            html.P(
                "Todo lo que requiere atención en el periodo evaluado: las más graves primero. "
                "Cada alerta lleva a la página de su indicador o meta.",
                className="pagina-subtitulo mb-2",
            ),
            html.Div(id="alertas-informe", className="mb-2"),
            _pestanas(vista),
            barra_filtros(f, campos=CAMPOS_CUMPLIMIENTO if cumplimiento else CAMPOS),
            _layout_alertas(f, _propios(kwargs), not cumplimiento),
            _layout_cumplimiento(f, cumplimiento),
            *cambios.almacenes(PUERTA_VISTA, [vista]),
        ]
    )


SALIDAS = {
    "conteos": Output("alertas-conteos", "children"),
    "nota": Output("alertas-nota", "children"),
    "severidades": Output("alertas-severidad", "options"),
    "tipos": Output("alertas-tipo", "options"),
    "instituciones": Output("alertas-institucion", "options"),
    "mensaje": Output("alertas-mensaje", "children"),
    "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
}


def _centro(params: Any) -> tuple[CentroAlertas, filtros.Filtros, str] | None:
    """The alert centre of the page's parameters, read again under the current user's scope
    (a forged parameter outside it finds nothing), with the validated filters and the evaluated
    quarter; None before any MCR is imported."""
    m = data.mcr()
    if not data.periodos_evaluables(m):
        return None
    params = params if isinstance(params, dict) else {}
    f = data.filtros_validos(filtros.from_query(params))
    periodo = data.periodo_efectivo(f.periodo)
    return centro_alertas(vistas.alertas(periodo), m, f, **_propios(params)), f, periodo


@callback(Input("alertas-params", "data"), output=SALIDAS, prevent_initial_call="initial_duplicate")
@respuestas.compartida
def render_alertas(params: dict[str, Any] | None) -> dict[str, Any]:
    """Counts of the alerts of the URL's quarter that pass both filter rows, the note and the
    own filters' options (the grid asks for its rows itself: :func:`bloque_alertas`); nothing
    while the compliance tab is shown (its store is empty)."""
    if params is None:
        return dict.fromkeys(SALIDAS, dash.no_update)
    calculado = _centro(params)
    if calculado is None:
        aviso = dbc.Alert("Aún no hay datos: importe la MCR para ver las alertas.", color="info")
        vacio: dict[str, Any] = dict.fromkeys(SALIDAS, [])
        vacio.update(nota=None, mensaje=aviso, periodo=None)
        return vacio
    centro, _f, periodo = calculado
    elegidas = centro.alertas
    nota = f"{formatting.format_entero(len(elegidas))} alertas en {periodo}."
    mensaje = None
    if not len(elegidas):
        mensaje = dbc.Alert("Ninguna alerta cumple los filtros elegidos.", color="success")
    return {
        "conteos": tarjetas_conteos(elegidas),
        "nota": nota,
        "severidades": [{"label": NOMBRES_SEVERIDAD[s], "value": s} for s in SEVERIDADES],
        "tipos": [{"label": nombre_tipo(t), "value": t} for t in centro.tipos],
        "instituciones": [
            {"label": f"{s} · {nombre}", "value": s} for s, nombre in centro.instituciones
        ],
        "mensaje": mensaje,
        "periodo": periodo,
    }


#: The answer to a block the grid may not have (nothing to show, nothing leaked).
SIN_FILAS: dict[str, Any] = {"rowData": [], "rowCount": 0}


@callback(
    Output(grids.id_grid(GRID), "getRowsResponse"),
    Input(grids.id_grid(GRID), "getRowsRequest"),
    State("alertas-params", "data"),
    prevent_initial_call=True,
)
@respuestas.compartida
def bloque_grid(pedido: Any, params: dict[str, Any] | None) -> dict[str, Any]:
    """One block of the alerts grid (AG Grid's infinite row model): the rows ``startRow`` to
    ``endRow`` (at most :data:`data_layer.vistas.bloques.MAX_BLOQUE`) of every alert of the
    page's filters and the user's scope (read again here) that passes the grid's column filters,
    in its sort, formatted for that block only, and how many pass. A request the grid could not
    have sent gets no rows."""
    if not isinstance(pedido, dict) or params is None:
        return SIN_FILAS
    calculado = _centro(params)
    if calculado is None:
        return SIN_FILAS
    centro, f, periodo = calculado
    try:
        b = bloque_alertas(
            centro.alertas,
            pedido.get("startRow"),
            pedido.get("endRow"),
            pedido.get("sortModel"),
            pedido.get("filterModel"),
        )
    except bloques.ModeloInvalido as exc:
        log.warning("Bloque de alertas rechazado: %s", exc)
        return SIN_FILAS
    return {"rowData": filas_alertas(b.filas, f, periodo, inicio=b.inicio), "rowCount": b.total}


def query_propios(cambios: dict[str, str | None], search: str | None) -> str | None:
    """The query string with this page's own parameters changed; None when nothing changes."""
    actuales = dict(parse_qsl((search or "").lstrip("?")))
    nuevos = {k: v for k, v in {**actuales, **cambios}.items() if v}
    if nuevos == {k: v for k, v in actuales.items() if v}:
        return None
    return "?" + urlencode(list(nuevos.items())) if nuevos else ""


def _textos(cambio: Any, n: int) -> list[str | None] | None:
    """The gate's values (:mod:`dashboard.components.cambios`) as ``n`` texts or None; None
    when the request could not come from the page."""
    if not isinstance(cambio, list) or len(cambio) != n:
        return None
    return [v if isinstance(v, str) else None for v in cambio]


cambios.registrar(PUERTA_PROPIOS, *(Input(f"alertas-{c}", "value") for c in PROPIOS))


@callback(
    cambios.salida(PUERTA_PROPIOS),
    cambios.entrada(PUERTA_PROPIOS),
    State(UBICACION, "search"),
    prevent_initial_call=True,
)
def sync_url_propios(cambio: Any, search: str | None) -> Any:
    """This page's own filters into the URL (a new history entry, like the shared bar), when a
    person changed one (``cambio``: severidad, tipo, institución)."""
    valores = _textos(cambio, len(PROPIOS))
    if valores is None:
        return dash.no_update
    nueva = query_propios(dict(zip(PROPIOS, valores, strict=True)), search)
    return dash.no_update if nueva is None else nueva


cambios.registrar(PUERTA_VISTA, Input(TABS, "active_tab"))


@callback(
    cambios.salida(PUERTA_VISTA),
    cambios.entrada(PUERTA_VISTA),
    State(UBICACION, "search"),
    prevent_initial_call=True,
)
def sync_url_vista(cambio: Any, search: str | None) -> Any:
    """The chosen tab into the URL (``vista=cumplimiento``; nothing for the alerts), when a
    person chose one (``cambio``: ``[tab]``)."""
    valores = _textos(cambio, 1)
    if valores is None:
        return dash.no_update
    vista = valores[0]
    nueva = query_propios({"vista": vista if vista and vista != "alertas" else None}, search)
    return dash.no_update if nueva is None else nueva


SALIDAS_CUMPLIMIENTO = {
    "ventana": Output(f"{CUMPLIMIENTO}-ventana", "children"),
    "mensaje": Output(f"{CUMPLIMIENTO}-mensaje", "children"),
    "filas": Output(grids.id_grid(CUMPLIMIENTO), "rowData"),
    "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
}


@callback(
    Input(PARAMS_CUMPLIMIENTO, "data"),
    output=SALIDAS_CUMPLIMIENTO,
    prevent_initial_call="initial_duplicate",
)
@respuestas.compartida
def render_cumplimiento(params: dict[str, Any] | None) -> dict[str, Any]:
    """The compliance ranking of the URL's quarter, eje and sector, cut to the user's scope
    (asked again here, so a forged sector outside it gets no rows); nothing while the alerts
    tab is shown (its store is empty)."""
    if params is None:
        return dict.fromkeys(SALIDAS_CUMPLIMIENTO, dash.no_update)
    m = data.mcr()
    if not data.periodos_evaluables(m):
        aviso = dbc.Alert(
            "Aún no hay datos: importe la MCR para ver el cumplimiento.", color="info"
        )
        return {"ventana": None, "mensaje": aviso, "filas": [], "periodo": None}
    f = data.filtros_validos(filtros.from_query(params if isinstance(params, dict) else {}))
    periodo = data.periodo_efectivo(f.periodo)
    c = vistas.cumplimiento(periodo, sector=f.sector, eje=f.eje)
    return {**ui_cumplimiento.salida(c, f), "periodo": periodo}


@exportar.fuente(CUMPLIMIENTO)
def exportar_cumplimiento(params: dict[str, Any]) -> exportar.Tabla:
    """The compliance ranking for the URL's filters, rebuilt on the server for its exports."""
    return exportar.Tabla(render_cumplimiento(params)["filas"], ui_cumplimiento.columnas())


def filas_exportadas(params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row of the alerts grid for the page's parameters (all the blocks, before the
    grid's column filters and sort), under the current user's scope."""
    calculado = _centro(params)
    if calculado is None:
        return []
    centro, f, periodo = calculado
    return filas_alertas(centro.alertas, f, periodo)


@exportar.fuente(GRID)
def exportar_alertas(params: dict[str, Any]) -> exportar.Tabla:
    """Every alert of the URL's filters as grid rows, rebuilt on the server for its exports (the
    export applies the grid's column filters and sort to them)."""
    return exportar.Tabla(filas_exportadas(params), COLUMNAS)


@callback(
    Output("alertas-informe", "children"),
    Input(STORE_PERIODO, "data"),
    prevent_initial_call=True,
)
def boton_informe(periodo: str | None) -> Any:
    """The presidential briefing of the evaluated quarter, for whom may generate it (once the
    page has reported its quarter: the store may still hold the previous page's)."""
    if not periodo or not permisos.puede_generar_informe_presidencial(data.alcance_actual()):
        return None
    return html.A(
        f"↓ Informe presidencial {periodo} (PDF, una página por eje)",
        href=f"/descargas/informe-presidencial/{periodo}.pdf",
        id="alertas-informe-presidencial",
        className="btn btn-outline-primary btn-sm",
    )
