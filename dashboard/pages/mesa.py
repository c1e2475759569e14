"""Mesa sectorial (``/mesas/<sector>``): one MESGEPRET in detail.

Shows its coordinators (político, técnico-operativo) with their designated users and the
assigned DIGER analysts, accredited members by level and institution, the equipo de apoyo (those
who left apart) and the grupos de trabajo (closed ones marked, each with its reports to the mesa);
the plan de trabajo of the year and its progress; sessions (next and past, each linking to its
page and its PDFs); the acuerdos board (filterable by estado, exportable); and the sector's red
and yellow goals with the bottlenecks and strategies linked to them. "Convocar sesión",
"Acreditar miembro" and "Integrantes y grupos" show only to users who may write in this mesa,
"Configurar mesa" only to those who designate its coordinators (DIGER). A user who may see this
mesa only in summary (see :mod:`data_layer.vistas.mesas`) gets its counts, nothing else.

URL: ``/mesas/SAL?periodo=2026-T2&acuerdo=12``: ``periodo`` is the quarter whose red and yellow
goals are listed (default: the latest quarter whose reports are due); the mesa's records are as of
today. ``acuerdo`` (optional; the links of the alerts and of the "acciones de la mesa" panels)
opens the board unfiltered, scrolled to that acuerdo with its row highlighted and named above the
board; an id that is not one of this mesa's acuerdos is ignored with a notice.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import data, filtros
from dashboard.components import exportar
from dashboard.components import formularios as fm
from dashboard.components import mesa as ui_mesa
from dashboard.components import mesas as ui_mesas
from dashboard.components import niveles as ui
from dashboard.components.atributos import aria
from dashboard.components.migas import migas, migas_children
from data_layer import permisos
from data_layer.vistas import mesas as vm
from data_layer.vistas.linaje import linaje

dash.register_page(
    __name__,
    path_template="/mesas/<sector>",
    name="Mesa sectorial",
    title="Mesa sectorial | SIGPRET",
    description="Miembros, plan de trabajo, sesiones y acuerdos de una mesa sectorial.",
    order=21,
)

P = "mesa"

#: Value of the board's default view: the open acuerdos, the closed ones folded away below.
ABIERTOS = "abiertos"

#: Options of the acuerdos board's status filter.
OPCIONES_ESTADO = [
    {"label": "Abiertos", "value": ABIERTOS},
    {"label": "Todos los estados", "value": "todos"},
] + [{"label": f"{p.icono} {p.etiqueta}", "value": e} for e, p in vm.ESTADOS_ACUERDO.items()]


def layout(sector: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton (no data): the sector and filters in a store, empty containers.

    Args:
        sector: the mesa's sector code, from the path.
        **kwargs: the URL's query parameters.
    """
    f = filtros.from_query(kwargs)
    # Kept raw: the callbacks decide what it means, against the mesa's own board.
    acuerdo = kwargs.get("acuerdo")
    return html.Div(
        [
            dcc.Store(id=f"{P}-params", data={**f.as_dict(), "mesa": sector, "acuerdo": acuerdo}),
            dcc.Store(id=f"{P}-acuerdo-id"),
            dcc.Store(id=f"{P}-desplazado"),
            migas(f"{P}-migas"),
            ui.encabezado(P, "Mesa sectorial (MESGEPRET)"),
            html.Div(id=f"{P}-acciones", className="d-flex flex-wrap gap-2 mb-3"),
            html.Div(id=f"{P}-mensaje"),
            html.Div(id=f"{P}-aviso-acuerdo", role="status"),
            dcc.Loading(html.Div(id=f"{P}-contenido"), type="default", delay_show=300),
            html.Div(
                ui.seccion(
                    "Tablero de acuerdos",
                    html.P(
                        "Acuerdos de la mesa con su responsable, fecha límite y estado a la "
                        "fecha; un acuerdo abierto cuya fecha límite pasó está vencido.",
                        className="seccion-ayuda",
                    ),
                    html.Div(id=f"{P}-conteo-acuerdos", className="mb-2"),
                    html.Div(
                        [
                            html.Span("Mostrar: ", className="me-2 fw-semibold"),
                            dbc.RadioItems(
                                id=f"{P}-estado",
                                options=OPCIONES_ESTADO,
                                value=ABIERTOS,
                                inline=True,
                                className="d-inline-block",
                            ),
                        ],
                        className="mb-2",
                        role="group",
                        **aria(label="Filtrar acuerdos por estado"),
                    ),
                    html.Div(id=f"{P}-acuerdo-resaltado"),
                    ui.bloque_grid(
                        f"{P}-acuerdos",
                        ui_mesas.columnas_acuerdos(),
                        "acuerdos-mesa",
                        params={**f.as_dict(), "mesa": sector},
                        row_id="id",
                        rowClassRules=ui_mesas.REGLAS_FILA_ACUERDOS,
                    ),
                    html.Div(id=f"{P}-acuerdos-cerrados"),
                    clase="mb-4",
                ),
                id=f"{P}-tablero",
                style={"display": "none"},
            ),
            html.Div(id=f"{P}-criticas"),
        ]
    )


def _botones(sector: str, *, escribe: bool, administra: bool) -> list[Any]:
    """The mesa's actions: what its writers record (convene, accredit, members and groups),
    and its set-up for who designates its coordinators (DIGER); both decided by
    :mod:`data_layer.permisos`, the same functions the target pages and services ask."""
    botones: list[Any] = []
    if escribe:
        botones += [
            dbc.Button(
                "Convocar sesión",
                href=f"/mesas/{sector}/convocar",
                id=f"{P}-convocar",
                color="primary",
                size="sm",
            ),
            dbc.Button(
                "Acreditar miembro",
                href=f"/mesas/{sector}/acreditar",
                id=f"{P}-acreditar",
                color="primary",
                outline=True,
                size="sm",
            ),
            dbc.Button(
                "Integrantes y grupos",
                href=f"/mesas/{sector}/integrantes",
                id=f"{P}-integrantes",
                color="primary",
                outline=True,
                size="sm",
            ),
        ]
    botones += [
        dbc.Button("Plan de trabajo", href=f"/mesas/{sector}/plan", id=f"{P}-plan",
                   color="primary", outline=True, size="sm"),
        dbc.Button("Estrategias", href=f"/mesas/{sector}/acciones", id=f"{P}-estrategias",
                   color="primary", outline=True, size="sm"),
    ]  # fmt: skip
    botones.append(
        dcc.Link(
            "Productos e informes",
            href=f"/mesas/{sector}/productos",
            className="btn btn-outline-primary btn-sm",
            id=f"{P}-productos",
        )
    )
    if administra:
        botones.append(
            dbc.Button(
                "Configurar mesa",
                href=f"/mesas/{sector}/configurar",
                id=f"{P}-configurar",
                color="secondary",
                outline=True,
                size="sm",
            )
        )
    botones.append(
        html.A(
            "↓ Acuerdos en Excel",
            href=f"/descargas/acuerdos/{sector}.xlsx",
            className="btn btn-outline-secondary btn-sm",
            id=f"{P}-excel",
        )
    )
    return botones


@callback(
    Output(f"{P}-migas", "children"),
    Output(f"{P}-titulo", "children"),
    Output(f"{P}-subtitulo", "children"),
    Output(f"{P}-acciones", "children"),
    Output(f"{P}-mensaje", "children"),
    Output(f"{P}-contenido", "children"),
    Output(f"{P}-tablero", "style"),
    Output(f"{P}-criticas", "children"),
    Input(f"{P}-params", "data"),
)
def render_mesa(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """Fill the page for the URL's sector, as far as the user may see it."""
    params = params or {}
    sector = str(params.get("mesa") or "")
    m = data.mcr()
    f = data.validar_filtros(filtros.from_query(params), m)
    frames = data.mesas()
    mesa = vm.ficha_mesa(frames, sector)
    acceso = vm.accesos(frames, data.alcance_de_recorte()).get(str(sector), "ninguno")
    oculto = {"display": "none"}
    if mesa is None or acceso == "ninguno":
        aviso = ui.aviso_no_existe("la mesa sectorial", sector)
        return [], "Mesa sectorial", None, [], aviso, None, oculto, None
    titulo = f"Mesa de {mesa['sector_nombre']}"
    subtitulo = dcc.Link(
        f"Ver el sector {sector} ›", href=filtros.href(f"/sectores/{sector}", f), id=f"{P}-sector"
    )
    migas_ = migas_children(linaje(m, "sector", sector), f)
    corte = data.hoy_honduras()
    if acceso == "resumen":
        tabla = vm.tabla_mesas(frames, corte, data.alcance_de_recorte())
        return (
            migas_,
            titulo,
            subtitulo,
            [],
            None,
            ui_mesa.seccion_resumen(tabla, sector),
            oculto,
            None,
        )

    contenido = [
        ui_mesa.seccion_coordinacion(
            mesa,
            vm.analistas_mesa(frames, sector),
            vm.apoyo_mesa(frames, sector),
            vm.grupos_mesa(frames, sector),
            vm.informes_grupos_mesa(frames, sector),
        ),
        ui_mesa.seccion_miembros(vm.miembros_mesa(frames, corte, sector)),
        ui_mesa.seccion_plan(vm.plan_mesa(frames, corte, sector)),
        ui_mesa.seccion_sesiones(vm.sesiones_mesa(frames, corte, sector), sector),
    ]
    periodo = data.periodo_efectivo(f.periodo)
    res = data.resultado(periodo, corte)
    criticas = vm.acciones_metas_criticas(frames, corte, res.metas, sector)
    return (
        migas_,
        titulo,
        subtitulo,
        _botones(
            sector,
            escribe=fm.puede_escribir(sector),
            administra=permisos.puede_administrar_mesas(data.alcance_actual()),
        ),
        None,
        contenido,
        {},
        ui_mesa.seccion_criticas(criticas, f, periodo),
    )


def render_acuerdos(params: dict[str, Any] | None, estado: str | None) -> tuple[Any, Any]:
    """The acuerdos board of the URL's mesa: the open acuerdos (``abiertos``, the default),
    one status, or all of them (``todos``).

    The row of the acuerdo the URL asks for (``?acuerdo=<id>`` of this mesa) is highlighted.
    """
    filas, conteo, _cerrados = render_tablero(params, estado)
    return filas, conteo


@callback(
    Output({"type": "grid", "grid": f"{P}-acuerdos"}, "rowData"),
    Output(f"{P}-conteo-acuerdos", "children"),
    Output(f"{P}-acuerdos-cerrados", "children"),
    Input(f"{P}-params", "data"),
    Input(f"{P}-estado", "value"),
)
def render_tablero(params: dict[str, Any] | None, estado: str | None) -> tuple[Any, Any, Any]:
    """The board's rows and counts, and, in the default view (open acuerdos), the closed ones
    folded away under «Acuerdos cerrados (N)» (:func:`data_layer.vistas.mesas.separar_cerrados`).
    """
    params = params or {}
    sector = str(params.get("mesa") or "")
    frames = data.mesas()
    if vm.accesos(frames, data.alcance_de_recorte()).get(sector) != "detalle":
        return [], None, None
    f = filtros.from_query(params)
    corte = data.hoy_honduras()
    todos = vm.tablero_acuerdos(frames, corte, sector)
    cerrados = None
    if estado == ABIERTOS or estado is None:
        tablero, lista_cerrados = vm.separar_cerrados(todos)
        cerrados = ui_mesas.acuerdos_cerrados(lista_cerrados, sector, f, id=f"{P}-cerrados")
    elif estado in vm.ESTADOS_ACUERDO:
        tablero = todos.loc[todos["estado"] == estado]
    else:
        tablero = todos
    conteo = vm.conteo_acuerdos(todos)
    resumen = html.Div(
        [
            html.Span(
                [ui_mesas.insignia_acuerdo(e), f" {n}"], className="me-3", id=f"{P}-conteo-{e}"
            )
            for e, n in conteo.items()
        ]
    )
    resaltado = vm.acuerdo_pedido(todos, params.get("acuerdo"))
    return ui_mesas.filas_acuerdos(tablero, f, resaltado), resumen, cerrados


@callback(
    Output(f"{P}-aviso-acuerdo", "children"),
    Output(f"{P}-acuerdo-resaltado", "children"),
    Output(f"{P}-acuerdo-id", "data"),
    Output(f"{P}-estado", "value"),
    Output({"type": "grid", "grid": f"{P}-acuerdos"}, "filterModel"),
    Input(f"{P}-params", "data"),
)
def render_acuerdo_pedido(params: dict[str, Any] | None) -> tuple[Any, ...]:
    """The acuerdo the URL asks for (``?acuerdo=<id>``), once, when the page opens.

    One of this mesa's acuerdos: the board's filters are cleared (every status, no column
    filter), the words above the board name it and its id goes to the store the scroll reads.
    Anything else (text, an unknown id, another mesa's acuerdo) is ignored with a notice at the
    top of the page. Users who do not see the mesa in detail get nothing.
    """
    params = params or {}
    pedido = params.get("acuerdo")
    nada = dash.no_update
    sector = str(params.get("mesa") or "")
    frames = data.mesas()
    if (
        pedido in (None, "")
        or vm.accesos(frames, data.alcance_de_recorte()).get(sector) != "detalle"
    ):
        return None, None, None, nada, nada
    todos = vm.tablero_acuerdos(frames, data.hoy_honduras(), sector)
    resaltado = vm.acuerdo_pedido(todos, pedido)
    if resaltado is None:
        return ui_mesas.aviso_acuerdo_ausente(pedido), None, None, nada, nada
    texto = ui_mesas.aviso_acuerdo_resaltado(todos, resaltado)
    return None, texto, resaltado, "todos", {}


clientside_callback(
    ui_mesas.DESPLAZAR_A_ACUERDO_JS,
    Output(f"{P}-desplazado", "data"),
    Input(f"{P}-acuerdo-id", "data"),
    Input(f"{P}-tablero", "style"),
)


# --- export of the acuerdos board: rebuilt on the server from the mesa and its status filter ----

clientside_callback(
    "function (estado, params) { return Object.assign({}, params || {}, {estado: estado}); }",
    Output(exportar.id_parametros(f"{P}-acuerdos"), "data"),
    Input(f"{P}-estado", "value"),
    State(exportar.id_parametros(f"{P}-acuerdos"), "data"),
)


@exportar.fuente(f"{P}-acuerdos")
def exportar_acuerdos(params: dict[str, Any]) -> exportar.Tabla:
    """The acuerdos board as render_acuerdos fills it for the mesa and status (1st output;
    nothing when the user does not see the mesa in detail)."""
    filas = render_acuerdos(params, params.get("estado"))[0]
    return exportar.Tabla(filas, ui_mesas.columnas_acuerdos())
