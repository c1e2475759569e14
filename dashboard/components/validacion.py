"""The pieces of the review queue page (``/validacion``): the grid's columns, the filter bar, the
detail panel, the review form, the reapertura form and the table of reaperturas in force.

Texts and numbers come ready from :mod:`data_layer.vistas.validacion`; flags render as badges
(``BanderasCelda`` in ``assets/validacion.js``) and evidence as an external link
(``EvidenciaCelda``), both as text, never as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import formularios as fm
from dashboard.components import grid as grids
from dashboard.components.filtros import TEXTOS_DROPDOWN
from data_layer.reportes.servicio import Omitida

P = "validacion"
GRID = f"{P}-grid"
RESUMEN = f"{P}-resumen"
REFRESCO = f"{P}-refresco"
DETALLE = f"{P}-detalle"
OBSERVACION = f"{P}-observacion"
VALIDAR = f"{P}-validar"
DEVOLVER = f"{P}-devolver"
VALIDAR_VARIOS = f"{P}-validar-varios"
SELECCION = f"{P}-seleccion-texto"
MENSAJE = f"{P}-mensaje"
TOKEN = f"{P}-token"
FILTROS = ("institucion", "sector", "periodo", "bandera", "tipo")
ETIQUETAS_FILTRO = {
    "institucion": ("Institución", "Todas las instituciones"),
    "sector": ("Sector", "Todos los sectores"),
    "periodo": ("Período", "Todos los períodos"),
    "bandera": ("Bandera", "Todas"),
    "tipo": ("Tipo", "Reportes y correcciones"),
}
# Reaperturas
R_INSTITUCION = f"{P}-reab-institucion"
R_PERIODO = f"{P}-reab-periodo"
R_MOTIVO = f"{P}-reab-motivo"
R_VENCE = f"{P}-reab-vence"
R_BOTON = f"{P}-reabrir"
R_TOKEN = f"{P}-reab-token"
R_MENSAJE = f"{P}-reab-mensaje"
R_LISTA = f"{P}-reab-lista"
R_REFRESCO = f"{P}-reab-refresco"


def id_filtro(nombre: str) -> str:
    """The id of a filter dropdown (``validacion-sector``…)."""
    return f"{P}-{nombre}"


def _numero(field: str, titulo: str, **opciones: Any) -> dict[str, Any]:
    return {
        "field": field,
        "headerName": titulo,
        "filter": "agNumberColumnFilter",
        "type": "rightAligned",
        "valueFormatter": {"function": f"params.data ? params.data.{field}_texto : ''"},
        "cellClass": "celda-numero",
        **opciones,
    }


COLUMNAS: list[dict[str, Any]] = [
    {
        "field": "indicador",
        "headerName": "Indicador",
        "filter": "agTextColumnFilter",
        "tooltipField": "indicador_nombre",
        "pinned": "left",
        "width": 150,
    },
    {
        "field": "banderas_texto",
        "headerName": "Banderas",
        "filter": "agTextColumnFilter",
        "cellRenderer": "BanderasCelda",
        "width": 185,
    },
    grids.columna_texto("institucion", "Institución", width=128, tooltipField="institucion_nombre"),
    grids.columna_texto("periodo", "Período", width=98),
    _numero("valor", "Valor", width=88),
    _numero("meta", "Meta", width=80),
    _numero("valor_anterior", "Valor anterior", width=96),
    grids.columna_porcentaje("avance", "Avance resultante", width=116),
    grids.columna_semaforo("Estado resultante", width=130),
    grids.columna_texto("tipo", "Tipo", width=115),
    grids.columna_texto("explicacion", "Explicación", width=260, tooltipField="explicacion"),
    {
        "field": "evidencia",
        "headerName": "Evidencia",
        "cellRenderer": "EvidenciaCelda",
        "filter": "agTextColumnFilter",
        "width": 105,
    },
    {
        "field": "recibido",
        "headerName": "Recibido",
        "filter": "agTextColumnFilter",
        "valueFormatter": {"function": "params.data ? params.data.recibido_texto : ''"},
        "filterValueGetter": {"function": "params.data.recibido_texto"},
        "width": 140,
    },
    grids.columna_texto("enviado_por", "Enviado por", width=140),
    grids.columna_texto("sector_nombre", "Sector", width=170),
]


def grid_cola() -> Any:
    """The queue's grid: several rows can be selected (checkboxes), flags as badges."""
    return grids.grid(
        GRID,
        COLUMNAS,
        row_id="id",
        auto_height=False,
        style={"height": "520px"},
        opciones={
            "rowSelection": {
                "mode": "multiRow",
                "checkboxes": True,
                "headerCheckbox": True,
                "enableClickSelection": True,
                "selectAll": "filtered",
            },
            "selectionColumnDef": {"pinned": "left", "width": 44},
            "pagination": True,
            "paginationPageSize": 50,
            "paginationPageSizeSelector": [25, 50, 100, 200],
        },
        className="validacion-grid",
    )


def barra_filtros() -> dbc.Row:
    """The five filter dropdowns (their choices arrive with the queue)."""
    columnas = []
    for nombre in FILTROS:
        etiqueta, todos = ETIQUETAS_FILTRO[nombre]
        columnas.append(
            dbc.Col(
                [
                    html.Label(etiqueta, className="filtro-etiqueta", htmlFor=id_filtro(nombre)),
                    dcc.Dropdown(
                        id=id_filtro(nombre),
                        options=[],
                        placeholder=todos,
                        labels=TEXTOS_DROPDOWN,
                        className=f"filtro-dropdown {id_filtro(nombre)}",
                        optionHeight="auto",
                    ),
                ],
                xs=12,
                md=6,
                lg=True,
                className="filtro-campo",
            )
        )
    return dbc.Row(columnas, className="g-2 mb-2 validacion-filtros")


def formulario_revision() -> dbc.Card:
    """The detail panel of the selected version and the review buttons."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Revisión", className="h5"),
                fm.campo(
                    "Observación",
                    dbc.Textarea(id=OBSERVACION, rows=2, maxLength=2000),
                    "Obligatoria para devolver: diga a la institución qué debe corregir.",
                ),
                html.Div(
                    [
                        dbc.Button(
                            "Validar", id=VALIDAR, color="success", disabled=True, n_clicks=0
                        ),
                        dbc.Button(
                            "Devolver",
                            id=DEVOLVER,
                            color="warning",
                            disabled=True,
                            n_clicks=0,
                            className="ms-2",
                        ),
                    ],
                    className="mb-3",
                ),
                html.Div(
                    "Elija una versión en la tabla para ver su detalle.",
                    id=DETALLE,
                    className="validacion-detalle",
                ),
            ]
        ),
        className="validacion-panel",
    )


def barra_lote() -> html.Div:
    """The bulk action above the grid: how many are selected and «Validar seleccionados»."""
    return html.Div(
        [
            html.Div(id=RESUMEN, className="fw-semibold me-3", role="status"),
            dbc.Button(
                "Validar seleccionados",
                id=VALIDAR_VARIOS,
                color="primary",
                disabled=True,
                n_clicks=0,
                size="sm",
                className="ms-auto",
                title="Solo se validan en lote las versiones sin banderas; las demás se omiten "
                "y se revisan una por una.",
            ),
            html.Span(id=SELECCION, className="small text-muted ms-2"),
        ],
        className="mb-2 d-flex align-items-center flex-wrap",
    )


def detalle(campos: Sequence[tuple[str, str]], enlace: str | None, banderas: Sequence[str]) -> Any:
    """The labelled fields of a version (text only), its evidence link and its flags."""
    filas: list[Any] = []
    for etiqueta, texto in campos:
        valor: Any = texto
        if etiqueta == "Evidencia" and enlace:
            valor = html.A(texto, href=enlace, target="_blank", rel="noopener noreferrer")
        filas += [html.Dt(etiqueta, className="col-12 mb-0"), html.Dd(valor, className="col-12")]
    insignias = [
        dbc.Badge(b, color="warning", text_color="dark", className="me-1 validacion-bandera")
        for b in banderas
    ] or [dbc.Badge("Sin banderas", color="success", className="validacion-bandera")]
    return html.Div([html.Div(insignias, className="mb-2"), html.Dl(filas, className="row small")])


def omitidas(lista: Sequence[Omitida]) -> Any:
    """The versions a bulk validation left out, each with its reason."""
    return html.Ul(
        [html.Li(f"{o.indicador} · {o.periodo}: {o.motivo}") for o in lista],
        className="mb-0 small",
    )


def formulario_reapertura() -> dbc.Card:
    """Reopen a closed period for one institution: institution, period, reason, expiry."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Reabrir un período cerrado", className="h5"),
                html.P(
                    "Permite a una institución enviar los primeros reportes de un período ya "
                    "cerrado, hasta la fecha indicada (máximo 90 días).",
                    className="small text-muted",
                ),
                dbc.Row(
                    [
                        dbc.Col(
                            fm.campo(
                                "Institución",
                                dcc.Dropdown(id=R_INSTITUCION, options=[], labels=TEXTOS_DROPDOWN),
                            ),
                            md=5,
                        ),
                        dbc.Col(
                            fm.campo(
                                "Período",
                                dcc.Dropdown(
                                    id=R_PERIODO,
                                    options=[],
                                    labels=TEXTOS_DROPDOWN,
                                    placeholder="Elija el período cerrado",
                                ),
                            ),
                            md=3,
                        ),
                        dbc.Col(
                            fm.campo("Vence el", fm.entrada_fecha(R_VENCE)),
                            md=4,
                        ),
                    ]
                ),
                fm.campo("Motivo", dbc.Textarea(id=R_MOTIVO, rows=2, maxLength=2000)),
                dbc.Button("Reabrir", id=R_BOTON, color="primary", n_clicks=0),
                html.Div(id=R_MENSAJE),
            ]
        ),
        className="mb-3",
    )


def tabla_reaperturas(filas: Sequence[dict[str, Any]]) -> Any:
    """The reaperturas in force, as a plain table (text only)."""
    if not filas:
        return html.P("No hay reaperturas vigentes.", className="text-muted")
    encabezado = html.Thead(
        html.Tr([html.Th(t) for t in ("Institución", "Período", "Motivo", "Vence", "Creada por")])
    )
    cuerpo = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(f["institucion"]),
                    html.Td(f["periodo"]),
                    html.Td(f["motivo"]),
                    html.Td(f["vence"]),
                    html.Td(f["creada"]),
                ]
            )
            for f in filas
        ]
    )
    return dbc.Table([encabezado, cuerpo], bordered=False, hover=True, size="sm", responsive=True)
