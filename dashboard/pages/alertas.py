"""Centro de alertas (``/alertas``): every alert of the evaluated quarter, most severe first.

Counts by severity and by type at the top, then one row per alert: severity, type, the entity it
is about (a link to its page, keeping the filters), the message, and where the entity sits (eje,
sector, institution). Exportable to CSV and Excel.

URL parameters: the shared filter bar's ``periodo``, ``eje``, ``sector``, ``tema``; and this
page's own ``severidad`` (``alta``, ``media``, ``baja``), ``tipo`` (an alert type code) and
``institucion`` (a sigla); e.g. ``/alertas?severidad=alta&sector=SAL``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import data, filtros, formatting, vistas
from dashboard.components import exportar
from dashboard.components import grid as grids
from dashboard.components.exportar import seccion_exportable
from dashboard.components.filtros import TEXTOS_DROPDOWN, UBICACION, barra_filtros
from dashboard.components.migas import migas
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from data_layer.vistas.alertas import (
    NOMBRES_SEVERIDAD,
    SEVERIDADES,
    conteo_alertas,
    conteo_severidades,
    filtrar_propios,
    nombre_tipo,
)
from data_layer.vistas.filtros import filtrar_alertas

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
#: This page's own URL parameters, in order.
PROPIOS = ("severidad", "tipo", "institucion")
GRID = "alertas-lista"

#: Most rows sent to the browser (the rest is reached with the filters): keeps the response small.
MAX_FILAS = 1000

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
    grids.columna_texto("periodo", "Periodo", width=110, minWidth=100),
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


def layout(**kwargs: Any) -> html.Div:
    """The page skeleton (no data): both filter rows with the URL's values, empty containers.

    Args:
        **kwargs: the URL's query parameters (see the module docstring).
    """
    f = filtros.from_query(kwargs)
    propios = _propios(kwargs)
    return html.Div(
        [
            dcc.Store(id="alertas-params", data={**f.as_dict(), **propios}),
            migas("alertas-migas"),
            html.H1("Centro de alertas", className="pagina-titulo"),
            html.P(
                "Todo lo que requiere atención en el periodo evaluado: las más graves primero. "
                "Cada alerta lleva a la página de su indicador o meta.",
                className="pagina-subtitulo mb-2",
            ),
            barra_filtros(f, campos=CAMPOS),
            html.Section(
                dbc.Row([_dropdown(c, propios[c]) for c in PROPIOS], className="g-2"),
                className="barra-filtros barra-filtros-propios",
                **{"aria-label": "Filtros de alertas"},
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
                            **{"aria-label": "Alertas por severidad y tipo"},
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
        ]
    )


def opciones_propias(alertas: pd.DataFrame, m: Any) -> dict[str, list[dict[str, str]]]:
    """Options of the page's own dropdowns: severities; types and institutions present."""
    tipos = sorted(set(alertas["tipo"].astype("str").unique()), key=nombre_tipo)
    nombres = m.instituciones.set_index(m.instituciones["sigla"].astype("str"))["nombre"]
    siglas = sorted(set(alertas["institucion"].dropna().astype("str").unique()))
    return {
        "severidad": [{"label": NOMBRES_SEVERIDAD[s], "value": s} for s in SEVERIDADES],
        "tipo": [{"label": nombre_tipo(t), "value": t} for t in tipos],
        "institucion": [{"label": f"{s} · {nombres.get(s, s)}", "value": s} for s in siglas],
    }


def filas_alertas(alertas: pd.DataFrame, f: Filtros) -> list[dict[str, Any]]:
    """The grid's rows: only the fields its columns read; entity links keep the filters."""
    orden = {s: i for i, s in enumerate(SEVERIDADES)}
    filas = []
    for i, fila in enumerate(alertas.head(MAX_FILAS).to_dict("records")):
        severidad = str(fila["severidad"])
        filas.append(
            {
                "id": str(i),
                "severidad": severidad,
                "severidad_orden": orden.get(severidad, len(orden)),
                "severidad_texto": NOMBRES_SEVERIDAD.get(severidad, severidad),
                "severidad_orden_exportar": NOMBRES_SEVERIDAD.get(severidad, severidad),
                "tipo_texto": nombre_tipo(str(fila["tipo"])),
                "entidad": str(fila["entidad"]),
                "entidad_href": filtros.href(str(fila["enlace"]), f),
                "mensaje": str(fila["mensaje"]),
                **{
                    c: None if formatting.is_empty(fila.get(c)) else str(fila[c])
                    for c in ("eje", "sector", "institucion", "periodo")
                },
            }
        )
    return filas


def tarjetas_conteos(alertas: pd.DataFrame) -> list[Any]:
    """Severity tiles and a table of counts per type and severity."""
    severidades = conteo_severidades(alertas)
    tiles = html.Div(
        [
            html.Div(
                [
                    html.Div(NOMBRES_SEVERIDAD[s], className=f"severidad severidad-{s}"),
                    html.Div(formatting.format_entero(n), className="alertas-conteo-numero"),
                    html.Div("alertas", className="alertas-conteo-detalle"),
                ],
                className="alertas-conteo",
                id=f"alertas-conteo-{s}",
            )
            for s, n in severidades.items()
        ],
        className="alertas-conteos-severidad",
    )
    tabla = conteo_alertas(alertas)
    encabezado = html.Thead(
        html.Tr(
            [html.Th("Tipo", scope="col")]
            + [
                html.Th(NOMBRES_SEVERIDAD[s], scope="col", className="text-end")
                for s in SEVERIDADES
            ]
            + [html.Th("Total", scope="col", className="text-end")]
        )
    )
    cuerpo = html.Tbody(
        [
            html.Tr(
                [html.Th(nombre_tipo(str(tipo)), scope="row")]
                + [
                    html.Td(
                        formatting.format_entero(fila[c]) if fila[c] else "", className="text-end"
                    )
                    for c in (*SEVERIDADES, "total")
                ]
            )
            for tipo, fila in tabla.iterrows()
        ]
    )
    return [
        dbc.Row(
            [
                dbc.Col(tiles, lg=4),
                dbc.Col(
                    dbc.Table(
                        [encabezado, cuerpo],
                        size="sm",
                        hover=True,
                        className="alertas-tabla-conteos mb-0",
                        id="alertas-tabla-conteos",
                    ),
                    lg=8,
                ),
            ],
            className="g-3",
        )
    ]


@callback(
    Output("alertas-conteos", "children"),
    Output(grids.id_grid(GRID), "rowData"),
    Output("alertas-nota", "children"),
    Output("alertas-severidad", "options"),
    Output("alertas-tipo", "options"),
    Output("alertas-institucion", "options"),
    Output("alertas-mensaje", "children"),
    Output(STORE_PERIODO, "data", allow_duplicate=True),
    Input("alertas-params", "data"),
    prevent_initial_call="initial_duplicate",
)
def render_alertas(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """Alerts of the URL's quarter that pass both filter rows, with their counts."""
    m = data.mcr()
    if not data.periodos_evaluables(m):
        aviso = dbc.Alert("Aún no hay datos: importe la MCR para ver las alertas.", color="info")
        return [], [], None, [], [], [], aviso, None
    f = data.filtros_validos(filtros.from_query(params))
    propios = _propios(params)
    periodo = data.periodo_efectivo(f.periodo)
    todas = vistas.alertas(periodo)
    del_lugar = filtrar_alertas(todas, m, f)
    elegidas = filtrar_propios(del_lugar, **propios)
    opciones = opciones_propias(del_lugar, m)
    nota = f"{formatting.format_entero(len(elegidas))} alertas en {periodo}."
    if len(elegidas) > MAX_FILAS:
        nota += (
            f" Se muestran las {formatting.format_entero(MAX_FILAS)} más graves; "
            "use los filtros para ver las demás."
        )
    mensaje = None
    if elegidas.empty:
        mensaje = dbc.Alert("Ninguna alerta cumple los filtros elegidos.", color="success")
    return (
        tarjetas_conteos(elegidas),
        filas_alertas(elegidas, f),
        nota,
        opciones["severidad"],
        opciones["tipo"],
        opciones["institucion"],
        mensaje,
        periodo,
    )


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


@exportar.fuente(GRID)
def exportar_alertas(params: dict[str, Any]) -> exportar.Tabla:
    """The alerts grid for the URL's filters (render_alertas' 2nd output), rebuilt on the
    server for its exports."""
    return exportar.Tabla(render_alertas(params)[1], COLUMNAS)
