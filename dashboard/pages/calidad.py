"""Calidad de datos (``/calidad``): the institutions' reporting rates, as DHIS2 shows them.

For one quarter (the reports whose deadline fell in it): per institution, worst first, and per
sector, how many reports were expected, received, on time, validated, returned and sent with an
explanation of a variance, with completeness (received ÷ expected) and timeliness (on time ÷
expected); and the trend of both rates over the quarters. Each institution links to its page and
to its reports; each sector filters the page on it.

Who: :func:`data_layer.permisos.puede_ver_calidad` (DIGER analysts, presidencia, ministers: every
sector; mesa coordinators: their sectors). The navbar shows the link only to them; the layout and
the callback ask again, so a forged request from another role gets nothing.

URL: ``/calidad?periodo=2024-T3&sector=SAL``. ``periodo``: the quarter (default: the latest
quarter with reports due at today's date); ``sector``: one sector (default: every visible one).
Unknown or not visible values are ignored.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, dcc, html

from dashboard import data, formatting
from dashboard import vistas as vistas_app
from dashboard.components import calidad as piezas
from dashboard.components import grid as grids
from dashboard.components.niveles import grafico, seccion
from dashboard.figures.calidad import figure_tendencia
from data_layer import permisos
from data_layer.vistas.calidad import vista_calidad

#: Roles that see the navbar link (the rule is ``permisos.puede_ver_calidad``).
ROLES = tuple(sorted(r.value for r in permisos.ROLES_CALIDAD))

dash.register_page(
    __name__,
    path="/calidad",
    name="Calidad de datos",
    title="Calidad de datos | SIGPRET",
    description="Completitud y puntualidad de los reportes por institución, sector y trimestre.",
    order=90,
    roles=ROLES,
)

P = "calidad"
PERIODO = f"{P}-periodo"
SECTOR = f"{P}-sector"
PARAMS = f"{P}-params"
TOTAL = f"{P}-total"
INSTITUCIONES = f"{P}-instituciones"
SECTORES = f"{P}-sectores"
TENDENCIA = f"{P}-tendencia"
MENSAJE = f"{P}-mensaje"


def _sin_permiso() -> dbc.Alert:
    return dbc.Alert(permisos.SIN_PERMISO_CALIDAD, color="danger", id=f"{P}-sin-permiso")


def layout(**kwargs: Any) -> html.Div:
    """The skeleton: the filters (the URL's values in a store), empty cards, grids and chart."""
    titulo = html.H1("Calidad de datos", className="pagina-titulo")
    a = data.alcance_actual()
    if a is not None and not permisos.puede_ver_calidad(a):
        return html.Div([titulo, _sin_permiso()])
    params = {k: str(kwargs[k]) for k in ("periodo", "sector") if isinstance(kwargs.get(k), str)}
    return html.Div(
        [
            titulo,
            html.P(
                "¿Reportan las instituciones a tiempo? Para los reportes que vencieron en el "
                "trimestre: completitud = recibidos ÷ esperados; puntualidad = recibidos a tiempo "
                "÷ esperados. Las instituciones que peor reportan aparecen primero.",
                className="pagina-subtitulo mb-2",
            ),
            dcc.Store(id=PARAMS, data=params),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Trimestre", html_for=PERIODO),
                            dcc.Dropdown(id=PERIODO, clearable=False, searchable=False),
                        ],
                        md=4,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Sector", html_for=SECTOR),
                            dcc.Dropdown(id=SECTOR, placeholder="Todos los sectores"),
                        ],
                        md=5,
                    ),
                ],
                className="mb-3",
            ),
            html.Div(id=MENSAJE),
            html.Div(id=TOTAL, className="mb-3"),
            seccion(
                "Instituciones (las que peor reportan primero)",
                grids.grid(
                    INSTITUCIONES,
                    piezas.columnas_instituciones(),
                    row_id="institucion",
                    auto_height=False,
                    style={"height": "460px"},
                ),
            ),
            seccion(
                "Tendencia por trimestre",
                grafico(TENDENCIA, alto="320px"),
            ),
            seccion(
                "Sectores",
                grids.grid(SECTORES, piezas.columnas_sectores(), row_id="sector"),
            ),
        ]
    )


SALIDAS = {
    "periodos": Output(PERIODO, "options"),
    "periodo": Output(PERIODO, "value"),
    "sectores": Output(SECTOR, "options"),
    "sector": Output(SECTOR, "value"),
}


@callback(Input(PARAMS, "data"), output=SALIDAS)
def init_filtros(params: dict[str, Any] | None) -> dict[str, Any]:
    """The filters' options and the URL's values (those the user may see; else the defaults)."""
    params = params or {}
    v = _vista(params.get("periodo"), params.get("sector"))
    if v is None:
        return {"periodos": [], "periodo": None, "sectores": [], "sector": None}
    return {
        "periodos": [{"label": formatting.format_periodo(p), "value": p} for p in v.periodos],
        "periodo": v.periodo,
        "sectores": [{"label": n, "value": c} for c, n in v.sectores],
        "sector": v.sector,
    }


def _vista(periodo: Any, sector: Any) -> Any:
    """The view for the current user, or None when they may not see the page."""
    a = data.alcance_actual()
    if not permisos.puede_ver_calidad(a):
        return None
    return vista_calidad(
        vistas_app.estado_calidad(),
        data.datos().mcr_completa(),
        periodo=periodo if isinstance(periodo, str) else None,
        sector=sector if isinstance(sector, str) else None,
        permitidos=permisos.sectores_calidad(a),
    )


SALIDAS_VISTA = {
    "mensaje": Output(MENSAJE, "children"),
    "total": Output(TOTAL, "children"),
    "instituciones": Output(INSTITUCIONES, "rowData"),
    "sectores": Output(SECTORES, "rowData"),
    "tendencia": Output(TENDENCIA, "figure"),
}


@callback(Input(PERIODO, "value"), Input(SECTOR, "value"), output=SALIDAS_VISTA)
def render_calidad(periodo: Any, sector: Any) -> dict[str, Any]:
    """The cards, the institutions (worst first), the sectors and the trend for the filters.

    The user's scope is asked again here: a forged request from a role without the page, or for
    a sector outside a coordinator's, gets nothing of it.
    """
    v = _vista(periodo, sector)
    vacio = {"data": [], "layout": {"separators": ".,"}}
    if v is None:
        return {
            "mensaje": _sin_permiso(),
            "total": None,
            "instituciones": [],
            "sectores": [],
            "tendencia": vacio,
        }
    if v.periodo is None:
        return {
            "mensaje": dbc.Alert("Aún no vence ningún reporte.", color="info"),
            "total": None,
            "instituciones": [],
            "sectores": [],
            "tendencia": vacio,
        }
    return {
        "mensaje": None,
        "total": piezas.tarjetas(v.total, P),
        "instituciones": piezas.filas_instituciones(v.instituciones),
        "sectores": piezas.filas_sectores(v.por_sector, v.periodo),
        "tendencia": figure_tendencia(v.tendencia),
    }
