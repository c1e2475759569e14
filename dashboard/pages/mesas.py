"""Mesas sectoriales (``/mesas``): the 22 MESGEPRET at a glance.

One row per mesa the user may see (see :mod:`data_layer.vistas.mesas` for the scope rules): the
next session, pending and overdue acuerdos, the last ayuda memoria and whether it went out on
time, the plan de trabajo's status, products delivered and the compliance flags (convocatoria
tardía, ayuda memoria tardía, exceso de miembros, sin plan). Each mesa links to ``/mesas/<sector>``.

URL: ``/mesas``. The status is computed at today's date (Honduras); no filter applies.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, filtros
from dashboard.components import exportar
from dashboard.components import mesas as ui_mesas
from dashboard.components import niveles as ui
from dashboard.components.migas import migas
from data_layer.vistas import mesas as vm

dash.register_page(
    __name__,
    path="/mesas",
    name="Mesas sectoriales",
    title="Mesas sectoriales | SIGPRET",
    description="Las 22 mesas sectoriales (MESGEPRET): sesiones, acuerdos y cumplimiento.",
    order=20,
)

P = "mesas"


def layout(**kwargs: Any) -> html.Div:
    """The page skeleton (no data): a store with the query, the grid and its summary.

    Args:
        **kwargs: the URL's query parameters (kept in links).
    """
    f = filtros.from_query(kwargs)
    return html.Div(
        [
            dcc.Store(id=f"{P}-params", data=f.as_dict()),
            migas(f"{P}-migas"),
            html.Div(
                [
                    html.Div(
                        "MESGEPRET",
                        className="nivel-tipo text-uppercase small fw-semibold text-muted",
                    ),
                    html.H1("Mesas sectoriales", className="pagina-titulo"),
                    html.P(
                        "Cada mesa sectorial de gestión por resultados: su próxima sesión, sus "
                        "acuerdos pendientes y vencidos, su última ayuda memoria y el "
                        "cumplimiento de los lineamientos. Abra una mesa para ver su detalle.",
                        className="pagina-subtitulo",
                    ),
                ],
                className="mb-2",
            ),
            html.Div(id=f"{P}-resumen", className="mb-3"),
            ui.seccion(
                "Todas las mesas",
                ui.bloque_grid(
                    f"{P}-tabla",
                    ui_mesas.columnas_mesas(),
                    "mesas-sectoriales",
                    params=f.as_dict(),
                    row_id="sector",
                ),
                clase="",
            ),
            html.Div(id=f"{P}-sin-mesa", className="mt-4"),
        ]
    )


@callback(Output(f"{P}-sin-mesa", "children"), Input(f"{P}-params", "data"))
def render_sin_mesa(_params: dict[str, Any] | None) -> Any:
    """The sectors without a mesa, each with «Instalar mesa», to DIGER (who may install them;
    issue #11). Nobody else sees this list."""
    from data_layer import permisos
    from data_layer.mesas import configuracion

    if not permisos.puede_administrar_mesas(data.alcance_actual()):
        return None
    with data.sesion_lectura() as s:
        sin_mesa = configuracion.sectores_sin_mesa(s)
    if not sin_mesa:
        return None
    return ui.seccion(
        f"Sectores sin mesa ({len(sin_mesa)})",
        html.Ul(
            [
                html.Li(
                    [
                        html.Span(f"{codigo} — {nombre} ", className="me-2"),
                        dcc.Link(
                            "Instalar mesa",
                            href=f"/mesas/{codigo}/configurar",
                            className="btn btn-primary btn-sm",
                            id=f"{P}-instalar-{codigo}",
                        ),
                    ],
                    className="mb-2",
                )
                for codigo, nombre in sin_mesa
            ],
            className="list-unstyled",
        ),
        clase="",
    )


@callback(
    Output({"type": "grid", "grid": f"{P}-tabla"}, "rowData"),
    Output(f"{P}-resumen", "children"),
    Input(f"{P}-params", "data"),
)
def render_mesas(params: dict[str, Any] | None) -> tuple[list[dict[str, Any]], Any]:
    """Fill the grid with the mesas the user may see, at today's date."""
    f = filtros.from_query(params or {})
    tabla = vm.tabla_mesas(data.mesas(), data.hoy_honduras(), data.alcance_de_recorte())
    if tabla.empty:
        return [], html.P("Su usuario no tiene acceso a ninguna mesa sectorial.", id=f"{P}-vacio")
    vencidos = int(tabla["acuerdos_vencidos"].sum())
    con_banderas = int(tabla["banderas"].map(bool).sum())
    resumen = html.P(
        [
            html.Strong(f"{len(tabla)} mesas"),
            f" · {vencidos} acuerdos vencidos · {con_banderas} mesas con observaciones de "
            "cumplimiento",
        ],
        id=f"{P}-conteo",
    )
    return ui_mesas.filas_mesas(tabla, f), resumen


@exportar.fuente(f"{P}-tabla")
def exportar_mesas(params: dict[str, Any]) -> exportar.Tabla:
    """The mesas grid the user may see (render_mesas' 1st output), rebuilt for its exports."""
    return exportar.Tabla(render_mesas(params)[0], ui_mesas.columnas_mesas())
