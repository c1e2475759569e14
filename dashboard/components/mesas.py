"""Building blocks of the mesa pages and of the "linked actions" panels of the level pages.

Grid columns and rows for ``/mesas`` and the acuerdos board (with the row a link asks for
highlighted, its notices and its scroll), an acuerdo status badge (colour, icon and word), the
compliance flags, and the list of acuerdos, bottlenecks and strategies linked to a sector, goal or
indicator (an acuerdo links to its own row of its mesa's board). Data comes from
:mod:`data_layer.vistas.mesas`; nothing here computes.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import filtros, formatting
from dashboard.components import grid as grids
from dashboard.components.atributos import aria
from dashboard.filtros import Filtros
from data_layer.vistas.mesas import BANDERAS, ESTADOS_ACUERDO, ESTADOS_CERRADOS

#: Words of the states of cuellos de botella, estrategias and plan activities.
ESTADOS_OTROS: dict[str, str] = {
    "abierto": "Abierto",
    "superado": "Superado",
    "propuesta": "Propuesta",
    "aprobada": "Aprobada",
    "en_ejecucion": "En ejecución",
    "concluida": "Concluida",
    "descartada": "Descartada",
    "pendiente": "Pendiente",
    "en_proceso": "En proceso",
    "completada": "Completada",
    "cancelada": "Cancelada",
}


def href_mesa(sector: str, f: Filtros | None = None) -> str:
    """The mesa page of ``sector`` (keeping the filters)."""
    return filtros.href(f"/mesas/{sector}", f or Filtros())


def href_acuerdo(sector: str, acuerdo: int, f: Filtros | None = None) -> str:
    """The mesa page of ``sector`` opened on acuerdo ``acuerdo`` (keeping the filters).

    ``/mesas/SAL?periodo=2026-T2&acuerdo=12``: the page highlights that row of its board.
    """
    base = href_mesa(sector, f)
    return f"{base}{'&' if '?' in base else '?'}acuerdo={int(acuerdo)}"


def insignia_acuerdo(estado: str) -> html.Span:
    """An acuerdo status badge: icon and word on the status colour."""
    p = ESTADOS_ACUERDO[estado]
    return html.Span(
        [html.Span(p.icono, className="estado-icono", **aria(hidden="true")), p.etiqueta],
        className=f"estado-insignia acuerdo-{estado}",
        style={"backgroundColor": p.fondo, "color": p.texto},
    )


def palabra_estado(estado: Any) -> str:
    """The Spanish word of any mesa record's status (acuerdo, bottleneck, strategy, activity)."""
    if estado in ESTADOS_ACUERDO:
        p = ESTADOS_ACUERDO[estado]
        return f"{p.icono} {p.etiqueta}"
    return ESTADOS_OTROS.get(str(estado), str(estado))


def lista_banderas(codigos: list[str]) -> html.Ul:
    """The compliance flags as icon + words (``✔ Sin observaciones`` when none)."""
    if not codigos:
        return html.Ul([html.Li("✔ Sin observaciones")], className="list-unstyled mb-0")
    return html.Ul(
        [
            html.Li([html.Span(BANDERAS[c][0], **aria(hidden="true")), " ", BANDERAS[c][1]])
            for c in codigos
        ],
        className="list-unstyled mb-0",
    )


def _fecha(valor: Any) -> str:
    return formatting.format_fecha(valor)


def _fecha_hora(valor: Any) -> str:
    if formatting.is_empty(valor):
        return formatting.VACIO
    momento = pd.Timestamp(valor)
    return f"{formatting.format_fecha(momento)} {momento:%H:%M}"


# --- /mesas ------------------------------------------------------------------------------------


def columnas_mesas() -> list[dict[str, Any]]:
    """Columns of the ``/mesas`` grid."""
    return [
        grids.columna_enlace("sector", "Mesa", pinned="left", width=110, minWidth=90),
        grids.columna_texto("sector_nombre", "Sector", minWidth=180, flex=2),
        grids.columna_texto("proxima_sesion_texto", "Próxima sesión", width=150),
        {
            "field": "acuerdos_pendientes",
            "headerName": "Acuerdos pendientes",
            "filter": "agNumberColumnFilter",
            "type": "rightAligned",
            "width": 130,
        },
        {
            "field": "acuerdos_vencidos",
            "headerName": "Acuerdos vencidos",
            "filter": "agNumberColumnFilter",
            "type": "rightAligned",
            "width": 130,
            "cellStyle": {
                "styleConditions": [
                    {
                        "condition": "params.value > 0",
                        "style": {"color": "#b02a37", "fontWeight": "600"},
                    }
                ]
            },
        },
        grids.columna_texto("ultima_acta_texto", "Última ayuda memoria", width=190),
        grids.columna_texto("plan_texto", "Plan de trabajo", width=170),
        {
            "field": "productos_entregados",
            "headerName": "Productos entregados",
            "filter": "agNumberColumnFilter",
            "type": "rightAligned",
            "width": 130,
        },
        grids.columna_texto("productos_texto", "Productos del año", width=170),
        grids.columna_texto(
            "banderas_texto",
            "Cumplimiento",
            minWidth=220,
            flex=2,
            wrapText=True,
            autoHeight=True,
        ),
    ]


def _texto_acta(fila: dict[str, Any]) -> str:
    acta = fila.get("ultima_acta")
    if acta is None or formatting.is_empty(acta):
        return "Sin ayuda memoria"
    a_tiempo = fila.get("ultima_acta_a_tiempo")
    distribuida = fila.get("ultima_acta_distribuida_en")
    if formatting.is_empty(distribuida):
        cuando = "tardía, sin distribuir" if a_tiempo is False else "aún en plazo"
        return f"N.º {int(acta)} · {cuando}"
    marca = "✔ a tiempo" if a_tiempo else "✖ tardía"
    return f"N.º {int(acta)} · {_fecha(distribuida)} · {marca}"


def filas_mesas(tabla: pd.DataFrame, f: Filtros) -> list[dict[str, Any]]:
    """Rows of the ``/mesas`` grid from :func:`data_layer.vistas.mesas.tabla_mesas`."""
    columnas = [
        "sector",
        "sector_nombre",
        "proxima_sesion",
        "acuerdos_pendientes",
        "acuerdos_vencidos",
        "ultima_acta",
        "ultima_acta_distribuida_en",
        "ultima_acta_a_tiempo",
        "plan_texto",
        "productos_entregados",
        "productos_texto",
        "banderas_texto",
        "acceso",
    ]
    filas = grids.records(
        tabla[columnas].astype(object), enlaces={"sector": lambda r: href_mesa(r["sector"], f)}
    )
    for fila in filas:
        fila["proxima_sesion_texto"] = (
            _fecha_hora(fila["proxima_sesion"])
            if fila["proxima_sesion"] is not None
            else "Sin convocar"
        )
        fila["ultima_acta_texto"] = _texto_acta(fila)
        for clave in ("proxima_sesion", "ultima_acta_distribuida_en"):
            fila.pop(clave)
        fila["ultima_acta"] = None if fila["ultima_acta"] is None else int(fila["ultima_acta"])
    return filas


# --- acuerdos board ----------------------------------------------------------------------------


def columnas_acuerdos() -> list[dict[str, Any]]:
    """Columns of the acuerdos board."""
    condiciones = [
        {
            "condition": f"params.data && params.data.estado === '{e}'",
            "style": {"backgroundColor": p.fondo, "color": p.texto, "fontWeight": "600"},
        }
        for e, p in ESTADOS_ACUERDO.items()
    ]
    return [
        grids.columna_texto(
            "texto", "Acuerdo", minWidth=260, flex=3, wrapText=True, autoHeight=True
        ),
        grids.columna_texto("acta_texto", "Ayuda memoria", width=120),
        grids.columna_texto("institucion", "Institución responsable", width=140),
        grids.columna_texto("persona_responsable", "Persona responsable", minWidth=180, flex=1),
        {
            **grids.columna_texto("fecha_limite", "Fecha límite", width=130),
            "filter": "agDateColumnFilter",
            "valueFormatter": {"function": "params.data ? params.data.fecha_limite_texto : ''"},
        },
        {
            "field": "estado_orden",
            "headerName": "Estado",
            "width": 140,
            "filter": "agTextColumnFilter",
            "valueFormatter": {"function": "params.data ? params.data.estado_etiqueta : ''"},
            "filterValueGetter": {"function": "params.data.estado_etiqueta"},
            "getQuickFilterText": {"function": "params.data.estado_etiqueta"},
            "cellStyle": {"styleConditions": condiciones},
            "cellClass": "celda-estado-acuerdo",
        },
        {
            "field": "metas",
            "headerName": "Metas vinculadas",
            "cellRenderer": "EnlacesCelda",
            "minWidth": 150,
            "flex": 1,
            "filter": "agTextColumnFilter",
            "wrapText": True,
            "autoHeight": True,
        },
    ]


#: Row classes of the acuerdos board: the acuerdo a link asked for (see :func:`filas_acuerdos`).
REGLAS_FILA_ACUERDOS: dict[str, str] = {
    "acuerdo-resaltado": "params.data && params.data.resaltado === true",
}

#: Client-side callback of the mesa page: once the board is shown and its rows are drawn, scroll
#: the page (the grid grows with its rows, so the page scrolls, not the grid) until the
#: highlighted acuerdo's row is in the middle of the window. The grid measures its wrapped rows
#: after drawing them, which moves the rows below, so it waits until the row stays put for two
#: looks in a row. Returns the id it scrolled to (None when the row never appeared).
DESPLAZAR_A_ACUERDO_JS = """
function (ident, estilo) {
    var nada = window.dash_clientside.no_update;
    if (ident === null || ident === undefined || !estilo || estilo.display === "none") {
        return nada;
    }
    var selector = "div[id*='mesa-acuerdos'] .ag-center-cols-container .ag-row[row-id='"
        + String(ident) + "']";
    return new Promise(function (listo) {
        var intentos = 0;
        var antes = null;
        function buscar() {
            var fila = document.querySelector(selector);
            var ahora = fila ? fila.getBoundingClientRect().top + window.scrollY : null;
            if (fila && ahora === antes) {
                fila.scrollIntoView({block: "center"});
                listo(ident);
            } else if (++intentos < 60) {
                antes = ahora;
                setTimeout(buscar, 150);
            } else {
                if (fila) { fila.scrollIntoView({block: "center"}); }
                listo(fila ? ident : null);
            }
        }
        buscar();
    });
}
"""


def filas_acuerdos(
    tablero: pd.DataFrame, f: Filtros, resaltado: int | None = None
) -> list[dict[str, Any]]:
    """Rows of the acuerdos board from :func:`data_layer.vistas.mesas.tablero_acuerdos`.

    Args:
        tablero: the board (all of it, or one status).
        f: the page's filters, kept by the goal and indicator links.
        resaltado: the acuerdo a link asked for: its row gets ``resaltado`` true, which
            :data:`REGLAS_FILA_ACUERDOS` turns into the ``acuerdo-resaltado`` class.
    """
    filas = []
    for r in tablero.to_dict("records"):
        metas = list(r["metas"]) + list(r["indicadores"])
        enlaces = [
            {
                "texto": c,
                "href": filtros.href(("/metas/" if c in r["metas"] else "/indicadores/") + c, f),
            }
            for c in metas
        ]
        filas.append(
            {
                "id": int(r["id"]),
                "texto": r["texto"],
                "acta_texto": "—" if pd.isna(r["acta"]) else f"N.º {int(r['acta'])}",
                "institucion": r["institucion"],
                "persona_responsable": r["persona_responsable"],
                "fecha_limite": pd.Timestamp(r["fecha_limite"]).date().isoformat(),
                "fecha_limite_texto": _fecha(r["fecha_limite"]),
                "estado": r["estado"],
                "estado_orden": int(r["estado_orden"]),
                "estado_etiqueta": r["estado_etiqueta"],
                "estado_orden_exportar": ESTADOS_ACUERDO[r["estado"]].etiqueta,
                "metas": "; ".join(metas),  # what the column filters on and exports
                "metas_enlaces": enlaces,
                "resaltado": resaltado is not None and int(r["id"]) == resaltado,
            }
        )
    return filas


def aviso_acuerdo_resaltado(tablero: pd.DataFrame, acuerdo: int) -> html.P:
    """The words next to the board that name the highlighted acuerdo (not colour alone)."""
    fila = tablero.loc[tablero["id"] == acuerdo].iloc[0]
    return html.P(
        [
            html.Span("→", className="me-1", **aria(hidden="true")),
            f"Acuerdo N.º {acuerdo} resaltado en el tablero ({fila['estado_etiqueta']}): "
            f"«{fila['texto']}»",
        ],
        className="small mb-2 aviso-acuerdo-resaltado",
    )


def aviso_acuerdo_ausente(valor: Any) -> dbc.Alert:
    """The notice for a ``?acuerdo=`` that is not one of this mesa's acuerdos (it is ignored)."""
    pedido = str(valor[0] if isinstance(valor, list | tuple) and valor else valor).strip()
    recorte = pedido if len(pedido) <= 40 else pedido[:39] + "…"
    return dbc.Alert(
        f"El enlace pide el acuerdo «{recorte}», que no está entre los acuerdos de esta mesa: "
        "se muestra el tablero completo.",
        color="info",
        className="small py-2",
    )


# --- linked actions (sector, goal and indicator pages) ----------------------------------------


def acuerdos_cerrados(
    cerrados: pd.DataFrame, sector: str, f: Filtros, *, id: str
) -> html.Details | None:
    """The fulfilled and cancelled acuerdos of a board, folded: «Acuerdos cerrados (N)».

    Args:
        cerrados: rows of :func:`data_layer.vistas.mesas.tablero_acuerdos` (closed ones).
        sector: the mesa's sector code (each acuerdo links to its row on the board).
        f: the page's filters (kept in the links).
        id: the element's id.

    Returns:
        A closed ``<details>`` listing each acuerdo (status, N.º, text, institution, link to its
        row on the board), or None when there is none.
    """
    if cerrados.empty:
        return None
    items = [
        html.Li(
            [
                insignia_acuerdo(str(r["estado"])),
                " ",
                dcc.Link(f"N.º {int(r['id'])}", href=href_acuerdo(sector, int(r["id"]), f)),
                f" · {r['texto']}",
                html.Span(f" · {r['institucion']}", className="text-muted")
                if r.get("institucion")
                else None,
            ],
            className="list-group-item small",
        )
        for r in cerrados.to_dict("records")
    ]
    return html.Details(
        [
            html.Summary(
                f"Acuerdos cerrados ({formatting.format_entero(len(cerrados))})",
                className="fw-semibold",
            ),
            html.Ul(items, className="list-group mt-2"),
        ],
        id=id,
        className="acuerdos-cerrados mt-3",
    )


def panel_acciones(acciones: pd.DataFrame, f: Filtros, *, vacio: str, id: str) -> html.Div:
    """The acuerdos, bottlenecks and strategies linked to an entity.

    From :func:`~data_layer.vistas.mesas_integracion.acciones_de`.

    Each item says its kind, its status (icon and word), its text, what it is linked to and
    links to its mesa. Fulfilled and cancelled acuerdos are folded away at the end under
    «Acuerdos cerrados (N)».
    """
    if acciones.empty:
        return html.Div(html.P(vacio, className="text-muted mb-0"), id=id)
    cerrado = (acciones["tipo"] == "acuerdo") & acciones["estado"].isin(ESTADOS_CERRADOS)
    abiertas, cerradas = acciones.loc[~cerrado], acciones.loc[cerrado]
    lista = _items_acciones(abiertas, f)
    partes: list[Any] = [html.Ul(lista, className="list-group")] if lista else []
    if not cerradas.empty:
        partes.append(
            html.Details(
                [
                    html.Summary(
                        f"Acuerdos cerrados ({formatting.format_entero(len(cerradas))})",
                        className="fw-semibold",
                    ),
                    html.Ul(_items_acciones(cerradas, f), className="list-group mt-2"),
                ],
                className="acuerdos-cerrados mt-2",
            )
        )
    return html.Div(partes, id=id)


def _items_acciones(acciones: pd.DataFrame, f: Filtros) -> list[html.Li]:
    items = []
    for r in acciones.to_dict("records"):
        estado = str(r["estado"])
        es_acuerdo = r["tipo"] == "acuerdo"
        marca = (
            insignia_acuerdo(estado)
            if es_acuerdo and estado in ESTADOS_ACUERDO
            else html.Span(palabra_estado(estado), className="badge text-bg-light border")
        )
        # An acuerdo opens its mesa on its own row of the board; other actions, the mesa.
        enlace = (
            href_acuerdo(r["sector"], int(r["id"]), f) if es_acuerdo else href_mesa(r["sector"], f)
        )
        items.append(
            html.Li(
                [
                    html.Div(
                        [
                            html.Span(r["tipo_texto"], className="fw-semibold me-2"),
                            marca,
                            html.Span(
                                [
                                    " · Mesa ",
                                    dcc.Link(r["sector"], href=enlace),
                                ],
                                className="small text-muted ms-2",
                            ),
                        ]
                    ),
                    html.Div(r["descripcion"]),
                    html.Div(
                        "Vinculado a: " + ", ".join(r["vinculos"]), className="small text-muted"
                    ),
                ],
                className="list-group-item",
            )
        )
    return items
