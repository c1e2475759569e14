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
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import data, filtros, formatting, vistas
from dashboard.components import cumplimiento as ui_cumplimiento
from dashboard.components import exportar
from dashboard.components import grid as grids
from dashboard.components.alertas import MAX_FILAS, filas_alertas, tarjetas_conteos
from dashboard.components.atributos import aria
from dashboard.components.exportar import seccion_exportable
from dashboard.components.filtros import TEXTOS_DROPDOWN, UBICACION, barra_filtros
from dashboard.components.migas import migas
from dashboard.shell import STORE_PERIODO
from data_layer import permisos
from data_layer.vistas.alertas import NOMBRES_SEVERIDAD, SEVERIDADES, centro_alertas, nombre_tipo

dash.register_page(
    __name__,
    path="/alertas",
    name="Alertas",
    title="Centro de alertas | SIGPRET",
    description="Todas las alertas del periodo evaluado, por severidad, tipo y lugar.",
    order=90,
)

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
GRID = "alertas-lista"

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
    grids.columna_texto("mensaje", "Mensaje", flex=4, minWidth=320, wrapText=True, autoHeight=True),
    grids.columna_texto("eje", "Eje", width=95, minWidth=85),
    grids.columna_texto("sector", "Sector", width=110, minWidth=95),
    grids.columna_texto("institucion", "Institución", width=125, minWidth=110),
    grids.columna_texto(
        "periodo",
        "Periodo",
        width=160,
        minWidth=120,
        wrapText=True,
        autoHeight=True,
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
        ]
    )


SALIDAS = {
    "conteos": Output("alertas-conteos", "children"),
    "filas": Output(grids.id_grid(GRID), "rowData"),
    "nota": Output("alertas-nota", "children"),
    "severidades": Output("alertas-severidad", "options"),
    "tipos": Output("alertas-tipo", "options"),
    "instituciones": Output("alertas-institucion", "options"),
    "mensaje": Output("alertas-mensaje", "children"),
    "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
}


@callback(Input("alertas-params", "data"), output=SALIDAS, prevent_initial_call="initial_duplicate")
def render_alertas(params: dict[str, Any] | None) -> dict[str, Any]:
    """Alerts of the URL's quarter that pass both filter rows, with their counts (nothing while
    the compliance tab is shown: its store is empty)."""
    if params is None:
        return dict.fromkeys(SALIDAS, dash.no_update)
    m = data.mcr()
    if not data.periodos_evaluables(m):
        aviso = dbc.Alert("Aún no hay datos: importe la MCR para ver las alertas.", color="info")
        vacio: dict[str, Any] = dict.fromkeys(SALIDAS, [])
        vacio.update(nota=None, mensaje=aviso, periodo=None)
        return vacio
    f = data.filtros_validos(filtros.from_query(params))
    propios = _propios(params)
    periodo = data.periodo_efectivo(f.periodo)
    centro = centro_alertas(vistas.alertas(periodo), m, f, **propios)
    elegidas = centro.alertas
    nota = f"{formatting.format_entero(len(elegidas))} alertas en {periodo}."
    if len(elegidas) > MAX_FILAS:
        nota += (
            f" Se muestran las {formatting.format_entero(MAX_FILAS)} más graves; "
            "use los filtros para ver las demás."
        )
    mensaje = None
    if not len(elegidas):
        mensaje = dbc.Alert("Ninguna alerta cumple los filtros elegidos.", color="success")
    return {
        "conteos": tarjetas_conteos(elegidas),
        "filas": filas_alertas(elegidas, f, periodo),
        "nota": nota,
        "severidades": [{"label": NOMBRES_SEVERIDAD[s], "value": s} for s in SEVERIDADES],
        "tipos": [{"label": nombre_tipo(t), "value": t} for t in centro.tipos],
        "instituciones": [
            {"label": f"{s} · {nombre}", "value": s} for s, nombre in centro.instituciones
        ],
        "mensaje": mensaje,
        "periodo": periodo,
    }


def query_propios(cambios: dict[str, str | None], search: str | None) -> str | None:
    """The query string with this page's own parameters changed; None when nothing changes."""
    actuales = dict(parse_qsl((search or "").lstrip("?")))
    nuevos = {k: v for k, v in {**actuales, **cambios}.items() if v}
    if nuevos == {k: v for k, v in actuales.items() if v}:
        return None
    return "?" + urlencode(list(nuevos.items())) if nuevos else ""


@callback(
    Output(UBICACION, "search", allow_duplicate=True),
    Input("alertas-severidad", "value"),
    Input("alertas-tipo", "value"),
    Input("alertas-institucion", "value"),
    State(UBICACION, "search"),
    prevent_initial_call=True,
)
def sync_url_propios(
    severidad: str | None, tipo: str | None, institucion: str | None, search: str | None
) -> Any:
    """This page's own filters into the URL (a new history entry, like the shared bar)."""
    nueva = query_propios(
        {"severidad": severidad, "tipo": tipo, "institucion": institucion}, search
    )
    return dash.no_update if nueva is None else nueva


@callback(
    Output(UBICACION, "search", allow_duplicate=True),
    Input(TABS, "active_tab"),
    State(UBICACION, "search"),
    prevent_initial_call=True,
)
def sync_url_vista(vista: str | None, search: str | None) -> Any:
    """The chosen tab into the URL (``vista=cumplimiento``; nothing for the alerts)."""
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


@exportar.fuente(GRID)
def exportar_alertas(params: dict[str, Any]) -> exportar.Tabla:
    """The alerts grid for the URL's filters (render_alertas' ``filas``), rebuilt on the
    server for its exports."""
    return exportar.Tabla(render_alertas(params)["filas"], COLUMNAS)


@callback(Output("alertas-informe", "children"), Input(STORE_PERIODO, "data"))
def boton_informe(periodo: str | None) -> Any:
    """The presidential briefing of the evaluated quarter, for whom may generate it."""
    if not periodo or not permisos.puede_generar_informe_presidencial(data.alcance_actual()):
        return None
    return html.A(
        f"↓ Informe presidencial {periodo} (PDF, una página por eje)",
        href=f"/descargas/informe-presidencial/{periodo}.pdf",
        id="alertas-informe-presidencial",
        className="btn btn-outline-primary btn-sm",
    )
