"""The app shell: navbar with the page links, the data context bar, the page container, the footer.

The context bar says which period is being evaluated, when the data was loaded and, whenever the
latest import is the demonstration dataset, shows a "Datos de demostración" banner. Pages tell the
shell which period they show through the ``shell-periodo`` store (a period text, never data).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html
from flask import has_request_context
from flask_login import current_user

from dashboard import data, formatting, respuestas, vistas
from dashboard.components.atributos import aria
from dashboard.seguridad import csrf_token
from data_layer import permisos

#: Store holding the period text the current page evaluates (written by pages).
STORE_PERIODO = "shell-periodo"
CONTEXTO = "shell-contexto"
#: The context bar's «Periodo evaluado» block and its value (filled in the browser).
PERIODO_TEXTO = "shell-periodo-texto"
PERIODO_VALOR = "shell-periodo-valor"
TITULO = "SIGPRET — Presidencia de la República de Honduras"


#: Path of the alert center; its navbar link carries the badge :data:`BADGE_ALERTAS`.
RUTA_ALERTAS = "/alertas"
BADGE_ALERTAS = "shell-alertas-badge"
#: Path of the DIGER review queue; its link (analysts only) carries the number waiting.
RUTA_VALIDACION = "/validacion"
BADGE_VALIDACION = "shell-validacion-badge"
#: Path of «Pendientes de mi decisión» (ministers, presidencia); its link carries the count.
RUTA_PENDIENTES = "/pendientes"
BADGE_PENDIENTES = "shell-pendientes-badge"
#: The bell: a link to ``/avisos`` with the number of unread notices; the store is bumped by
#: that page after each mark, so the number follows without a reload.
RUTA_AVISOS = "/avisos"
CAMPANA = "shell-avisos"
BADGE_AVISOS = "shell-avisos-badge"
STORE_AVISOS = "shell-avisos-cambio"
#: The navbar's links fold into a «Menú» button below this Bootstrap breakpoint (1200 px): on a
#: tablet (768 px) and a phone the links would not fit on one line.
EXPANDIDA_DESDE = "xl"
MENU = "shell-menu"
#: Dash's page for unknown addresses (``dashboard/pages/not_found_404.py``): not in the navbar.
PAGINA_404 = "not_found_404"
MENU_BOTON = "shell-menu-boton"


def _texto_enlace(page: dict[str, Any]) -> Any:
    if page["path"] == RUTA_PENDIENTES:
        return [
            page["name"],
            " ",
            dbc.Badge(
                "",
                id=BADGE_PENDIENTES,
                color="warning",
                text_color="dark",
                pill=True,
                title="Propuestas que esperan su decisión",
            ),  # fmt: skip
        ]
    if page["path"] == RUTA_VALIDACION:
        return [
            page["name"],
            " ",
            dbc.Badge(
                "",
                id=BADGE_VALIDACION,
                color="warning",
                text_color="dark",
                pill=True,
                title="Valores enviados que esperan validación",
            ),
        ]
    if page["path"] != RUTA_ALERTAS:
        return page["name"]
    return [
        page["name"],
        " ",
        dbc.Badge(
            "",
            id=BADGE_ALERTAS,
            color="danger",
            pill=True,
            className="shell-badge-alertas",
            title="Alertas de severidad alta del último trimestre vencido, en su ámbito",
        ),
    ]


def navbar() -> dbc.Navbar:
    """The top bar: the system's name and one link per registered page, in page order.

    Pages whose path has a variable (``/metas/<codigo>``) are reached by drilling down, so they
    have no link here; nor has the page for unknown addresses. Below :data:`EXPANDIDA_DESDE` the
    links and the user's block fold under a «Menú» button. The alert center's link shows the
    number of ``alta`` alerts of the user's scope and opens on it.
    """
    rol = _rol_actual()
    paginas = [
        p
        for p in dash.page_registry.values()
        if not p.get("path_template")
        and p["module"].split(".")[-1] != PAGINA_404
        and (p.get("roles") is None or rol in p["roles"])
        and p.get("en_menu", True)
    ]
    enlaces = [
        dbc.NavItem(dbc.NavLink(_texto_enlace(page), href=_href(page), active="exact"))
        for page in sorted(paginas, key=lambda p: (p.get("order") or 0, p["name"]))
    ]
    if not any(p["path"] == RUTA_VALIDACION for p in paginas):
        # The badge's callback needs its output in every layout (Dash checks callbacks against
        # the layout it validated, built before anyone logged in); for other roles it stays 0.
        enlaces.append(html.Span(id=BADGE_VALIDACION, hidden=True))
    if not any(p["path"] == RUTA_PENDIENTES for p in paginas):
        enlaces.append(html.Span(id=BADGE_PENDIENTES, hidden=True))
    if rol is None:
        enlaces.append(html.Span(id=BADGE_AVISOS, hidden=True))  # the bell is the user's
    return dbc.Navbar(
        dbc.Container(
            [
                html.A(
                    [
                        html.Span("SIGPRET", className="shell-marca-sigla"),
                        html.Span(
                            " — Presidencia de la República de Honduras",
                            className="shell-marca-nombre",
                        ),
                    ],
                    href="/",
                    className="navbar-brand shell-marca",
                    title=TITULO,
                ),
                # A plain button rather than dbc.NavbarToggler: the latter's accessible name is
                # a fixed English "Toggle navigation" and it cannot say whether the menu is open.
                html.Button(
                    [html.Span(className="navbar-toggler-icon", **aria(hidden="true")), " Menú"],
                    id=MENU_BOTON,
                    type="button",
                    className="navbar-toggler shell-menu-boton",
                    n_clicks=0,
                    **aria(controls=MENU, expanded="false"),
                ),
                dbc.Collapse(
                    [dbc.Nav(enlaces, navbar=True, className="ms-auto"), bloque_usuario()],
                    id=MENU,
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand=EXPANDIDA_DESDE,
        className="shell-navbar",
    )


def _href(page: dict[str, Any]) -> str:
    """A page's navbar link; the alert centre's opens on the user's sectors (a minister's, a
    coordinator's: :func:`data_layer.permisos.sectores_en_foco`), as its badge counts."""
    if page["path"] != RUTA_ALERTAS or _rol_actual() is None:
        return str(page["relative_path"])
    from data_layer.vistas.inicio import ruta_alertas

    return ruta_alertas(permisos.sectores_en_foco(current_user.alcance))


def _rol_actual() -> str | None:
    """The logged-in user's role (None outside a request, e.g. when Dash validates the layout)."""
    if not has_request_context() or not getattr(current_user, "is_authenticated", False):
        return None
    return current_user.alcance.rol.value


def bloque_usuario() -> html.Div | None:
    """Who is logged in, with links to change the password and to log out (a CSRF-protected POST).

    The user's name is rendered as text (never as HTML).
    """
    if _rol_actual() is None:
        return None
    alcance = current_user.alcance
    ambito = sorted(alcance.sectores | alcance.instituciones)
    titulo = f"Rol: {alcance.rol.value}" + (f" · alcance: {', '.join(ambito)}" if ambito else "")
    return html.Div(
        [
            html.Span(
                ["Usuario: ", html.Strong(alcance.usuario)],
                className="shell-usuario-nombre",
                title=titulo,
                id="shell-usuario",
            ),
            campana(),
            html.A(
                "Mi cuenta",
                href="/preferencias",
                className="shell-usuario-enlace",
                title="Correo, correos que recibe y cambio de clave",
            ),
            html.Form(
                [
                    dcc.Input(type="hidden", name="csrf_token", value=csrf_token()),
                    html.Button("Salir", type="submit", className="btn btn-sm btn-outline-light"),
                ],
                method="POST",
                action="/logout",
                className="shell-usuario-salir",
            ),
        ],
        className="shell-usuario",
    )


def campana() -> html.A:
    """The bell: a link to ``/avisos`` whose badge counts the user's unread notices."""
    return html.A(
        [
            html.Img(src="/assets/campana.svg", alt="", className="shell-campana"),
            html.Span("Avisos", className="visually-hidden"),
            " ",
            dbc.Badge("", id=BADGE_AVISOS, color="info", text_color="dark", pill=True),
        ],
        href=RUTA_AVISOS,
        id=CAMPANA,
        className="shell-usuario-enlace shell-avisos",
        title="Avisos sin leer",
    )


def layout() -> html.Div:
    """The whole page frame; the page itself goes in ``dash.page_container``. No data access."""
    return html.Div(
        [
            dcc.Store(id=STORE_PERIODO, storage_type="memory"),
            dcc.Store(id=STORE_AVISOS, storage_type="memory"),
            html.A("Saltar al contenido", href="#contenido", className="visually-hidden-focusable"),
            navbar(),
            html.Div(
                dbc.Container(
                    html.Div(
                        [
                            # The page reports its quarter after the bar is drawn: the browser
                            # writes it here (:data:`_PERIODO_JS`), no server request.
                            html.Span(
                                ["Periodo evaluado: ", html.Strong(id=PERIODO_VALOR)],
                                id=PERIODO_TEXTO,
                                hidden=True,
                            ),
                            html.Div(id=CONTEXTO, className="shell-contexto-datos"),
                        ],
                        className="shell-contexto",
                    ),
                    fluid=True,
                ),
                className="shell-contexto-barra",
                role="status",
                **aria(live="polite"),
            ),
            html.Main(
                dbc.Container(dash.page_container, fluid=True, className="py-3"),
                id="contenido",
            ),
            html.Footer(
                dbc.Container(
                    "SIGPRET · Sistema de Gerencia Pública por Resultados y Transparencia · "
                    "Dirección de Gestión por Resultados (DIGER)",
                    fluid=True,
                ),
                className="shell-pie",
            ),
        ],
        className="shell",
    )


def contexto_children(contexto: data.ContextoDatos, fecha_corte: dt.date) -> list[Any]:
    """The context bar's data part: demo banner, data date and cut date (the evaluated period
    sits beside it, filled in the browser from what the page reports: :data:`_PERIODO_JS`).

    Args:
        contexto: the latest import's version, demo flag and date.
        fecha_corte: the cut date of the evaluation.
    """
    partes: list[Any] = []
    if contexto.es_demo:
        partes.append(
            html.Span(
                [html.Span("⚠", **aria(hidden="true")), " Datos de demostración"],
                className="shell-demo",
                id="shell-demo",
                title="Los datos mostrados son ficticios, generados para demostrar el sistema.",
            )
        )
    if contexto.version:
        partes.append(
            html.Span(["Datos al ", html.Strong(formatting.format_fecha(contexto.fecha_datos))])
        )
    else:
        partes.append(html.Span("Aún no se han cargado datos", className="shell-sin-datos"))
    partes.append(
        html.Span(["Fecha de corte: ", html.Strong(formatting.format_fecha(fecha_corte))])
    )
    return partes


def register_callbacks(app: Dash) -> None:
    """Attach the shell's callbacks to ``app`` (the shell is not a page, so it registers here).

    The shared components' callbacks (filter bar, export buttons) register here too: they are
    not pages either, and ``create_app`` calls this once per app.
    """
    from dashboard.components import exportar, filtros

    filtros.register_callbacks(app)
    exportar.register_callbacks(app)

    _register_barra(app)
    app.clientside_callback(
        _PERIODO_JS,
        Output(PERIODO_VALOR, "children"),
        Output(PERIODO_TEXTO, "hidden"),
        Input(STORE_PERIODO, "data"),
    )

    # Open and close the folded menu in the browser (no round trip); a navigation closes it.
    app.clientside_callback(
        """
        function (_n, _pathname, abierto) {
            const ctx = window.dash_clientside.callback_context;
            const porBoton = ctx.triggered.some((t) => t.prop_id.endsWith(".n_clicks"));
            const nuevo = porBoton ? !abierto : false;
            return [nuevo, nuevo ? "true" : "false"];
        }
        """,
        Output(MENU, "is_open"),
        Output(MENU_BOTON, "aria-expanded"),
        Input(MENU_BOTON, "n_clicks"),
        Input("_pages_location", "pathname"),
        State(MENU, "is_open"),
        prevent_initial_call=True,
    )


#: The quarter the page reports, written as :func:`dashboard.formatting.format_periodo` writes it
#: (``2024-T3 · julio a septiembre de 2024``, ``2024 · año 2024``); the browser tests compare the
#: two. Runs in the browser: the bar's server callback fires once per navigation, not again when
#: the page reports its quarter.
_PERIODO_JS = """
    function (periodo) {
        const meses = __MESES__;
        const m = /^(\\d{4})(?:-([TS])(\\d))?$/.exec(periodo || "");
        if (!m) {
            return ["", true];
        }
        if (!m[2]) {
            return [periodo + " · año " + m[1], false];
        }
        const largo = m[2] === "T" ? 3 : 6;
        const n = Number(m[3]);
        const texto = periodo + " · " + meses[(n - 1) * largo] + " a " + meses[n * largo - 1];
        return [texto + " de " + m[1], false];
    }
    """.replace("__MESES__", json.dumps(formatting.MESES, ensure_ascii=False))


def _conteo(n: int, texto: str) -> list[Any]:
    return [formatting.format_entero(n), html.Span(f" {texto}", className="visually-hidden")]


def _register_barra(app: Dash) -> None:
    """One callback for everything the navbar shows (issue #15: it was five requests on every
    page): the badges and the data context on each navigation; only the context when the page
    reports its quarter; only the bell when the notices page marks some read."""
    registradas = {p["path"] for p in dash.page_registry.values()}
    salidas: dict[str, Output] = {"contexto": Output(CONTEXTO, "children")}
    if RUTA_ALERTAS in registradas:
        salidas["alertas"] = Output(BADGE_ALERTAS, "children")
    if RUTA_VALIDACION in registradas:
        salidas["validacion"] = Output(BADGE_VALIDACION, "children")
    if RUTA_PENDIENTES in registradas:
        salidas["pendientes"] = Output(BADGE_PENDIENTES, "children")
    salidas["avisos"] = Output(BADGE_AVISOS, "children")

    def _barra_compartida(salidas: dict[str, Output]) -> dict[str, Any]:
        contexto = data.contexto()  # one query, for the context and the alerts badge
        compartida: dict[str, Any] = {"contexto": contexto_children(contexto, data.hoy_honduras())}
        if "alertas" in salidas:
            n = vistas.cuantas_alertas_altas() if contexto and contexto.version else 0
            compartida["alertas"] = _conteo(n, "alertas de severidad alta")
        if "validacion" in salidas:
            # 0 unless the user may validate
            compartida["validacion"] = _conteo(
                vistas.pendientes_validacion(), "valores por validar"
            )
        return compartida

    @app.callback(
        output=salidas,
        inputs={
            "_pathname": Input("_pages_location", "pathname"),
            "_cambio": Input(STORE_AVISOS, "data"),
        },
    )
    def update_barra(_pathname: str | None, _cambio: Any) -> dict[str, Any]:
        disparos = set(dash.ctx.triggered_prop_ids.values())
        navegacion = not disparos or "_pages_location" in disparos
        salida: dict[str, Any] = dict.fromkeys(salidas, dash.no_update)
        from dashboard import avisos

        salida["avisos"] = _conteo(avisos.no_leidos(), "sin leer")
        if not navegacion:
            return salida  # only the bell changes: no query for the data context
        # The data context and the alerts and validation badges depend on the scope and the
        # data only: shared by the users of a scope (the notices and decisions are their own).
        salida.update(respuestas.memo("barra", lambda: _barra_compartida(salidas)))
        if "pendientes" in salidas:
            from data_layer import pendientes

            alcance = data.alcance_actual()
            if alcance is None:
                salida["pendientes"] = []
            else:
                with data.sesion_lectura() as s:
                    n = len(pendientes.pendientes(s, alcance))
                salida["pendientes"] = _conteo(n, "decisiones pendientes")
        return salida
