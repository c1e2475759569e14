"""Building blocks of the level pages (eje, sector, institución): header, avance panel, grids.

Grid rows are built here from the frames of :mod:`data_layer.vistas.niveles` (numbers travel as
numbers plus the text :mod:`dashboard.formatting` made of them); links keep the current filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import filtros, formatting
from dashboard.components import grid as grids
from dashboard.components.atributos import aria
from dashboard.components.estado import barra_estados, insignia_estado, leyenda_conteos
from dashboard.components.exportar import botones_exportar, con_parametros
from dashboard.components.filtros import barra_filtros
from dashboard.components.migas import migas
from dashboard.figures import GRAPH_CONFIG
from dashboard.filtros import Filtros
from data_layer.engine.frames import ESTADOS
from data_layer.vistas.linaje import ruta
from data_layer.vistas.niveles import ResumenGrupo

#: How each level of goal is named on screen: label, one goal, several goals.
NIVEL_TEXTO: dict[str, tuple[str, str, str]] = {
    "presidencial": ("Presidencial", "meta presidencial", "metas presidenciales"),
    "sectorial": ("Sectorial", "meta sectorial", "metas sectoriales"),
    "institucional": ("Institucional", "meta institucional", "metas institucionales"),
}

#: Client-side callback of a heat map: a click on a cell opens the page in the cell's
#: ``customdata[1]`` inside the single-page app (as the grids' link cells do) and returns that path.
#: Dash's clickData of a heat map carries the cell's x and y but not its customdata, so the cell
#: is found in the figure itself (a State: nothing travels to the server).
ABRIR_CELDA_JS = """
function (clic, figura) {
    var nada = window.dash_clientside.no_update;
    if (!clic || !clic.points || !clic.points.length || !figura || !figura.data.length) {
        return nada;
    }
    var punto = clic.points[0];
    var mapa = figura.data[0];
    var fila = mapa.y.indexOf(punto.y);
    var columna = mapa.x.indexOf(punto.x);
    if (fila < 0 || columna < 0) { return nada; }
    var href = mapa.customdata[fila][columna][1];
    if (!href) { return nada; }
    window.history.pushState({}, "", href);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
    return href;
}
"""

#: Config of a graph whose cells are links (no zoom or pan to get in the way of a click).
GRAPH_CONFIG_MAPA: dcc.Graph.Config = {**GRAPH_CONFIG, "displayModeBar": False}


def format_valor(valor: Any) -> str:
    """A reported value or target: ``1,234`` for whole numbers, else up to two decimals."""
    if formatting.is_empty(valor):
        return formatting.VACIO
    numero = float(valor)
    if numero.is_integer():
        return formatting.format_numero(numero, 0)
    texto = formatting.format_numero(numero, 2)
    return texto.rstrip("0").rstrip(".") if "." in texto else texto


# --- columns -----------------------------------------------------------------------------------


def columna_numero(field: str, titulo: str, **opciones: Any) -> dict[str, Any]:
    """A number column: sorts and filters on the number, shows ``<field>_texto``."""
    return {
        "field": field,
        "headerName": titulo,
        "filter": "agNumberColumnFilter",
        "type": "rightAligned",
        "valueFormatter": {"function": f"params.data ? params.data.{field}_texto : ''"},
        "cellClass": "celda-numero",
        **opciones,
    }


def columna_conteo(field: str, titulo: str, **opciones: Any) -> dict[str, Any]:
    """A count column (an integer, shown with comma thousands)."""
    return {
        "field": field,
        "headerName": titulo,
        "filter": "agNumberColumnFilter",
        "type": "rightAligned",
        "valueFormatter": {"function": "params.value == null ? '—' : d3.format(',')(params.value)"},
        "cellClass": "celda-numero",
        **opciones,
    }


#: What a goal's state means, where it differs from an indicator's (a goal is «Sin dato» for its
#: coverage, not for one missing report).
SIGNIFICADO_META = {
    "sin_dato": "menos de la mitad del peso de sus indicadores evaluables tiene un valor "
    "validado (cobertura < 50 %)",
}


def ayuda_conteo_metas(estado: str) -> str:
    """The tooltip of a state count column: it counts goals, and what the state means for one."""
    p = formatting.presentar_estado(estado)
    significado = SIGNIFICADO_META.get(estado, p.significado[:1].lower() + p.significado[1:])
    return f"Número de metas en estado «{p.etiqueta}»: {significado}. Cuenta metas, no reportes."


def columnas_conteo_estados() -> list[dict[str, Any]]:
    """One narrow count column per state, headed by the state's icon and word; the tooltip says
    that it counts goals (:func:`ayuda_conteo_metas`)."""
    return [
        columna_conteo(
            e,
            formatting.presentar_estado(e).rotulo,
            width=100,
            minWidth=90,
            headerTooltip=ayuda_conteo_metas(e),
        )
        for e in ESTADOS
    ]


def columnas_metas(*, con_sector: bool = True, con_institucion: bool = True) -> list[dict]:
    """Columns of a goals grid (código → /metas/<código>)."""
    columnas = [
        grids.columna_enlace("codigo", "Código", width=130, minWidth=110, pinned="left"),
        grids.columna_texto(
            "descripcion",
            "Meta",
            flex=3,
            minWidth=280,
            wrapText=True,
            autoHeight=True,
            cellClass="celda-descripcion",
        ),
        grids.columna_texto("nivel_texto", "Nivel", width=130, minWidth=110),
    ]
    if con_sector:
        columnas.append(
            grids.columna_texto("sector", "Sector", width=105, tooltipField="sector_nombre")
        )
    if con_institucion:
        columnas.append(
            grids.columna_texto(
                "institucion", "Institución", width=120, tooltipField="institucion_nombre"
            )
        )
    columnas += [
        grids.columna_porcentaje("avance_directo", "Avance directo", width=125),
        grids.columna_porcentaje("avance_contribuyentes", "Avance de contribuyentes", width=145),
        grids.columna_porcentaje("cobertura", "Cobertura", width=120),
        grids.columna_semaforo("Semáforo", width=155, minWidth=140),
    ]
    return columnas


#: The tooltip of the «Reportes faltantes» column of an institutions grid.
AYUDA_REPORTES_FALTANTES = (
    "Número de reportes vencidos y no recibidos de la institución en este sector, del primer "
    "trimestre del año evaluado hasta el trimestre evaluado. Cuenta reportes (un indicador por "
    "periodo), no metas."
)


def columnas_grupos(
    titulo_codigo: str, titulo_nombre: str, *, faltantes: bool = False
) -> list[dict]:
    """Columns of a sectors or institutions grid (código → its page); with ``faltantes``, a
    «Reportes faltantes» column after the goal counts (``reportes_faltantes``)."""
    extra = []
    if faltantes:
        extra.append(
            columna_conteo(
                "reportes_faltantes",
                "Reportes faltantes",
                width=130,
                headerTooltip=AYUDA_REPORTES_FALTANTES,
            )
        )
    return [
        grids.columna_enlace("codigo", titulo_codigo, width=120, minWidth=100, pinned="left"),
        grids.columna_texto(
            "nombre", titulo_nombre, flex=2, minWidth=220, wrapText=True, autoHeight=True
        ),
        grids.columna_porcentaje("avance", "Avance", width=110),
        columna_conteo(
            "n_metas", "Metas", width=90, headerTooltip="Número de metas (no de reportes)"
        ),
        *columnas_conteo_estados(),
        *extra,
        grids.columna_semaforo("Semáforo", width=150, minWidth=140),
    ]


# --- rows --------------------------------------------------------------------------------------


def _nombres(frame: pd.DataFrame, columna: str) -> dict[str, str]:
    return dict(zip(frame[columna].astype("str"), frame["nombre"].astype("str"), strict=True))


def filas_metas(
    tabla: pd.DataFrame,
    f: Filtros,
    nombres_sector: Mapping[str, str],
    nombres_inst: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Grid rows of :func:`data_layer.vistas.niveles.tabla_metas` (links keep the filters)."""
    consulta = filtros.to_query(f)  # the same on every row
    marco = tabla.assign(
        nivel_texto=tabla["nivel"].map(lambda n: NIVEL_TEXTO.get(n, (n,))[0]),
        sector_nombre=tabla["sector"].map(nombres_sector),
        institucion_nombre=tabla["institucion"].map(nombres_inst),
    )
    return grids.records(
        marco,
        porcentajes=("avance_directo", "avance_contribuyentes", "cobertura"),
        estado="semaforo",
        enlaces={"codigo": lambda fila: ruta("meta", fila["codigo"]) + consulta},
    )


def filas_grupos(
    tabla: pd.DataFrame, tipo: Literal["sector", "institucion"], f: Filtros
) -> list[dict[str, Any]]:
    """Grid rows of a sectors / institutions table (``tipo`` ``sector`` or ``institucion``).

    A group without goals has no state: its traffic-light cell shows "—" and exports "Sin metas".
    """
    consulta = filtros.to_query(f)  # the same on every row
    filas = grids.records(
        tabla.drop(columns="semaforo"),
        porcentajes=("avance",),
        enlaces={"codigo": lambda fila: ruta(tipo, fila["codigo"]) + consulta},
    )
    for fila, estado in zip(filas, tabla["semaforo"], strict=True):
        if isinstance(estado, str):
            fila.update(grids.campos_estado(estado))
        else:
            # No goal, no state: the cell shows "—", exports and filters as "Sin metas".
            fila["semaforo"] = None
            fila["semaforo_orden"] = len(ESTADOS)
            fila["semaforo_etiqueta"] = "Sin metas"
            fila["semaforo_significado"] = "No tiene metas de este nivel"
    return filas


# --- layout pieces -----------------------------------------------------------------------------


def seccion(titulo: str, *contenido: Any, id: str | None = None, clase: str = "mb-4") -> Any:
    """A titled section of a page."""
    extra: dict[str, Any] = {"id": id} if id else {}
    return html.Section(
        [html.H2(titulo, className="seccion-titulo"), *contenido],
        className=clase,
        **aria(label=titulo),
        **extra,
    )


def bloque_grid(
    grid_id: str,
    columnas: list[dict],
    archivo: str,
    params: Mapping[str, Any] | None = None,
    **props: Any,
) -> html.Div:
    """A grid with its export buttons (the grid gets the dict id export needs).

    ``params`` are the page's parameters its export is rebuilt from (see
    :func:`dashboard.components.exportar.botones_exportar`); :func:`esqueleto` gives them to the
    grids of its sections.
    """
    return html.Div(
        [
            botones_exportar(grid_id, archivo, params),
            grids.grid(grids.id_grid(grid_id), columnas, **props),
        ],
        className="bloque-grid",
    )


def grafico(id: str, config: dcc.Graph.Config | None = None, alto: str | None = None) -> dcc.Graph:
    """An empty graph, filled by a callback, with the house config (Spanish locale).

    Args:
        id: the graph's id.
        config: plotly config (default :data:`dashboard.figures.GRAPH_CONFIG`).
        alto: CSS height of the graph's box when the figure's own height should not rule it.
    """
    # dcc.Graph reads style.height: pass a style only when there is one (never None).
    extra: dict[str, Any] = {"style": {"height": alto}} if alto else {}
    return dcc.Graph(
        id=id,
        config=config or GRAPH_CONFIG,
        figure={"data": [], "layout": {"separators": ".,"}},
        **extra,
    )


def estilo_alto(figura: go.Figure) -> dict[str, str]:
    """The style that pins a graph's box to its figure's own height (a callback's output).

    A graph whose height depends on its data (a heat map grows with its rows) must not leave its
    box without a height: ``dcc.Graph`` then sizes the box "100 %" of a section that has no
    height either, and the first window resize (a tablet turned, a browser window resized, a
    screenshot tool) lets plotly measure that box, find nothing and collapse it to zero, so the
    figure spills over the next section and only its first row shows. Giving the box the
    figure's height in pixels keeps every row visible at any window size.

    Args:
        figura: a figure whose layout has a height.

    Returns:
        ``{"height": "<px>px"}``.
    """
    return {"height": f"{int(figura.layout.height)}px"}


def cabecera(izquierda: Any, derecha: Any) -> dbc.Row:
    """The two panels under the title: the avance (left) and a detail panel (right)."""
    return dbc.Row(
        [dbc.Col(izquierda, lg=5, className="mb-3"), dbc.Col(derecha, lg=7, className="mb-3")],
        className="nivel-cabecera g-3",
    )


def encabezado(prefijo: str, tipo: str) -> html.Div:
    """The page title and subtitle placeholders (``<prefijo>-titulo``, ``<prefijo>-subtitulo``)."""
    return html.Div(
        [
            html.Div(tipo, className="nivel-tipo text-uppercase small fw-semibold text-muted"),
            html.H1(id=f"{prefijo}-titulo", className="pagina-titulo"),
            html.Div(id=f"{prefijo}-subtitulo", className="pagina-subtitulo"),
        ],
        className="mb-2",
    )


def esqueleto(
    prefijo: str,
    tipo: str,
    codigo: str | None,
    f: Filtros,
    campos: tuple[str, ...],
    secciones: list[Any],
    *,
    navegar: bool = False,
) -> html.Div:
    """The skeleton of a level page (eje, sector, institución): no data, only containers.

    A store with the URL's code and filters (``<prefijo>-params``, the input of the page's
    callbacks, from which the sections' grid exports are rebuilt too), breadcrumbs, title,
    filter bar, a message slot and the page's sections under a loading spinner
    (``<prefijo>-contenido``, hidden when the code does not exist).

    Args:
        prefijo: the page's id prefix.
        tipo: what the page shows, in Spanish (the title until the data arrives).
        codigo: the entity's code, from the path.
        f: the URL's filters.
        campos: the filters the bar offers.
        secciones: the page's sections.
        navegar: add the ``<prefijo>-navegar`` store a heat map's click writes to.
    """
    params = {"codigo": codigo, **f.as_dict()}
    return html.Div(
        [
            dcc.Store(id=f"{prefijo}-params", data=params),
            *([dcc.Store(id=f"{prefijo}-navegar")] if navegar else []),
            migas(f"{prefijo}-migas"),
            encabezado(prefijo, tipo),
            barra_filtros(f, campos=campos),
            html.Div(id=f"{prefijo}-mensaje"),
            dcc.Loading(
                html.Div(con_parametros(secciones, params), id=f"{prefijo}-contenido"),
                type="default",
                delay_show=300,
            ),
        ]
    )


def aviso_no_existe(tipo: str, codigo: str | None) -> dbc.Alert:
    """The Spanish "does not exist" message of an unknown code, with a way back."""
    return dbc.Alert(
        [
            html.Strong(f"No existe {tipo} «{codigo or ''}» en la MCR, o no tiene acceso. "),
            "Revise el enlace o vuelva al ",
            dcc.Link("Resumen presidencial", href="/"),
            ".",
        ],
        color="warning",
        className="nivel-no-existe",
    )


def nota_filtros(f: Filtros, campos_grupo: tuple[str, ...] = ("tema",)) -> html.Div | None:
    """A line saying which filters narrow this page's numbers, or None when none does."""
    partes = []
    if f.tema and "tema" in campos_grupo:
        partes.append(f"solo las metas con indicadores del tema «{f.tema}»")
    if f.sector and "sector" in campos_grupo:
        partes.append(f"solo las metas del sector {f.sector}")
    if f.estado:
        partes.append(
            f"las listas muestran solo el estado «{formatting.presentar_estado(f.estado).etiqueta}»"
        )
    if not partes:
        return None
    return html.Div("Filtrado: " + "; ".join(partes) + ".", className="nivel-nota-filtros")


def panel_avance(resumen: ResumenGrupo, nivel: str, tipo_grupo: str, id: str) -> html.Div:
    """The headline: the group's avance at its own level, its state, and its goals per state.

    Args:
        resumen: :func:`data_layer.vistas.niveles.resumen_grupo`.
        nivel: the group's own level (``presidencial``...).
        tipo_grupo: "del eje", "del sector", "de la institución".
        id: the id of the big number (tests read it).
    """
    _, singular, plural = NIVEL_TEXTO[nivel]
    if resumen.n_metas:
        detalle = (
            f"Promedio ponderado de {formatting.format_entero(resumen.n_metas)} "
            f"{singular if resumen.n_metas == 1 else plural} {tipo_grupo}"
        )
    else:
        detalle = f"No hay {plural} {tipo_grupo}"
    return html.Div(
        [
            html.H3("Avance", className="panel-titulo"),
            html.Div(
                [
                    html.Span(
                        formatting.format_porcentaje(resumen.avance),
                        id=id,
                        className="nivel-avance-numero display-6 fw-bold",
                    ),
                    insignia_estado(resumen.estado) if resumen.estado else None,
                ],
                className="nivel-avance-linea d-flex align-items-center gap-3",
            ),
            html.Div(detalle, className="nivel-avance-detalle text-muted small mb-2"),
            barra_estados(resumen.conteos),
            leyenda_conteos(resumen.conteos),
        ],
        className="panel nivel-avance pb-2",
    )


def tabla_por_nivel(por_nivel: pd.DataFrame) -> html.Div:
    """Avance and goals per state for each level of goal in the group (a small table)."""
    if por_nivel.empty:
        return html.Div("Sin metas.", className="text-muted")
    estados = [e for e in ESTADOS if int(por_nivel[e].sum()) > 0]
    encabezado = html.Thead(
        html.Tr(
            [
                html.Th("Nivel", scope="col"),
                html.Th("Avance", scope="col", className="text-end"),
                html.Th("Metas", scope="col", className="text-end"),
                *(
                    html.Th(
                        formatting.presentar_estado(e).rotulo, scope="col", className="text-end"
                    )
                    for e in estados
                ),
            ]
        )
    )
    cuerpo = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(NIVEL_TEXTO[str(nivel)][0], scope="row"),
                    html.Td(formatting.format_porcentaje(fila["avance"]), className="text-end"),
                    html.Td(formatting.format_entero(fila["n_metas"]), className="text-end"),
                    *(
                        html.Td(formatting.format_entero(fila[e]), className="text-end")
                        for e in estados
                    ),
                ]
            )
            for nivel, fila in por_nivel.iterrows()
        ]
    )
    return html.Div(
        [
            html.H3("Metas por nivel", className="panel-titulo"),
            html.P(
                "Cada nivel se promedia por separado: las metas de un nivel ya resumen a las del "
                "nivel inferior.",
                className="panel-subtitulo",
            ),
            dbc.Table(
                [encabezado, cuerpo], size="sm", className="nivel-tabla mb-2", responsive=True
            ),
        ],
        className="panel",
    )


def nombres_de(frame: pd.DataFrame, columna: str) -> dict[str, str]:
    """Code → name of an MCR table (``mcr.sectores`` by ``codigo``, instituciones by ``sigla``)."""
    return _nombres(frame, columna)
