"""One page factory for the eje and sector pages, which differ only in their level.

A page module registers its URL with Dash, describes its level in a :class:`Nivel` (texts, grids,
whether it lists the mesas' actions, how its subtitle reads) and calls :func:`crear_pagina`, which
returns the page's ``layout`` and registers its callbacks: the main one (header, avance panel,
grids), the heat map, the heat map's click (client side) and, for a sector, the mesas' actions.
Ids are prefixed by the level (``eje-…``, ``sector-…``).

The callbacks are named after the page (``dashboard.pages.eje.render_eje``,
``dashboard.pages.sector.render_mapa``…), so profiles, logs and the benchmark
(``bench/callbacks.py``) find them under the page that shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import dash
from dash import Input, Output, State, callback, clientside_callback, html

from dashboard import data, filtros, respuestas, vistas
from dashboard.components import cumplimiento as ui_cumplimiento
from dashboard.components import exportar
from dashboard.components import grupo as ui_grupo
from dashboard.components import mesas as ui_mesas
from dashboard.components import niveles as ui
from dashboard.components.migas import migas_children
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from data_layer.vistas import cumplimiento as vc
from data_layer.vistas import niveles as vn
from data_layer.vistas.grupos import Grupo, Ubicacion, ubicacion_grupo
from data_layer.vistas.linaje import linaje

#: Filters the level pages offer (the eje or sector is the page itself).
CAMPOS = ("periodo", "tema", "estado")


@dataclass(frozen=True)
class Grilla:
    """A grid of groups one level down (an eje's sectors, a group's institutions).

    Attributes:
        clave: ``sectores`` or ``instituciones``: the :class:`VistaGrupo` frame it shows and its
            id (``<nivel>-<clave>``).
        titulo: the section's title.
        ayuda: the sentence under the title.
        archivo: the export's file name.
        faltantes: whether it has the «Reportes faltantes» column (a sector's institutions:
            their missing reports in the sector, from the compliance ranking).
    """

    clave: str
    titulo: str
    ayuda: str
    archivo: str
    faltantes: bool = False


#: How each grid's columns are titled: the code, then the name.
COLUMNAS_GRILLA = {"sectores": ("Sector", "Nombre"), "instituciones": ("Sigla", "Institución")}
#: What each grid's rows link to.
FILAS_GRILLA: dict[str, Literal["sector", "institucion"]] = {
    "sectores": "sector",
    "instituciones": "institucion",
}


@dataclass(frozen=True)
class Nivel:
    """What tells the eje page from the sector page.

    Attributes:
        por: ``eje`` or ``sector``; also the prefix of every id.
        tipo: what the page shows (the title until the data arrives), e.g. "Eje estratégico".
        articulo: the "does not exist" message's noun, e.g. "el eje".
        nivel_avance: the level whose goals give the header's avance (``presidencial``...).
        del_grupo: how the avance panel names the group, e.g. "del eje".
        grillas: the grids of groups; the first comes before the heat map, the others after it.
        titulo_mapa, ayuda_mapa: the heat map's section.
        titulo_metas, archivo_metas: the goals grid's section and export file.
        metas_con_sector: whether the goals grid has a sector column.
        titulo_con_codigo: whether the title shows the code before the name (``E1 · …``).
        subtitulo: the subtitle from where the group sits, its code and the filters.
        acciones: for a page listing the mesas' actions linked to its goals, the section's help
            sentence and what it says when there is none; None for a page without that section.
    """

    por: Grupo
    tipo: str
    articulo: str
    nivel_avance: str
    del_grupo: str
    grillas: tuple[Grilla, ...]
    titulo_mapa: str
    ayuda_mapa: str
    titulo_metas: str
    archivo_metas: str
    metas_con_sector: bool
    titulo_con_codigo: bool
    subtitulo: Callable[[Ubicacion, str, Filtros], Any]
    acciones: tuple[str, str] | None = None


@dataclass(frozen=True)
class Pagina:
    """What :func:`crear_pagina` gives a page module: its layout and its server callbacks (as
    plain functions, for tests and the benchmark)."""

    layout: Callable[..., html.Div]
    render: Callable[[dict[str, Any] | None], dict[str, Any]]
    render_mapa: Callable[[dict[str, Any] | None], tuple[Any, Any]]
    render_cumplimiento: Callable[[dict[str, Any] | None], dict[str, Any]]
    render_acciones_mesa: Callable[[dict[str, Any] | None], Any] | None


def _columnas(g: Grilla) -> list[dict[str, Any]]:
    return ui.columnas_grupos(*COLUMNAS_GRILLA[g.clave], faltantes=g.faltantes)


def _grilla(nivel: Nivel, g: Grilla) -> Any:
    return ui.seccion(
        g.titulo,
        html.P(g.ayuda, className="seccion-ayuda"),
        ui.bloque_grid(f"{nivel.por}-{g.clave}", _columnas(g), g.archivo),
    )


def secciones(nivel: Nivel, codigo: str | None = None) -> list[Any]:
    """The page's sections, empty: header panels, the first grid, the compliance ranking of the
    group's institutions, the heat map, the other grids, the mesas' actions (sector) and the
    goals grid. ``codigo`` (the group's) names the compliance export's file."""
    p = nivel.por
    primera, *otras = nivel.grillas
    resto: list[Any] = [_grilla(nivel, g) for g in otras]
    if nivel.acciones is not None:
        resto.append(
            ui.seccion(
                "Acciones de las mesas sectoriales",
                html.P(nivel.acciones[0], className="seccion-ayuda"),
                html.Div(id=f"{p}-acciones-mesa"),
            )
        )
    return [
        ui.cabecera(html.Div(id=f"{p}-avance"), html.Div(id=f"{p}-niveles")),
        _grilla(nivel, primera),
        ui_cumplimiento.bloque(p, f"cumplimiento-por-institucion-{p}-{codigo or ''}"),
        ui.seccion(
            nivel.titulo_mapa,
            html.P(nivel.ayuda_mapa, className="seccion-ayuda"),
            ui.grafico(f"{p}-mapa", ui.GRAPH_CONFIG_MAPA),
        ),
        *resto,
        ui.seccion(
            nivel.titulo_metas,
            ui.bloque_grid(
                f"{p}-metas",
                ui.columnas_metas(con_sector=nivel.metas_con_sector),
                nivel.archivo_metas,
            ),
            clase="",
        ),
    ]


def salidas_render(nivel: Nivel) -> dict[str, Output]:
    """The main callback's outputs, by name: header, avance panel, one per grid of groups (named
    by its :attr:`Grilla.clave`), the goals grid, the content's visibility and the period."""
    p = nivel.por
    return {
        "migas": Output(f"{p}-migas", "children"),
        "titulo": Output(f"{p}-titulo", "children"),
        "subtitulo": Output(f"{p}-subtitulo", "children"),
        "mensaje": Output(f"{p}-mensaje", "children"),
        "avance": Output(f"{p}-avance", "children"),
        "niveles": Output(f"{p}-niveles", "children"),
        **{
            g.clave: Output({"type": "grid", "grid": f"{p}-{g.clave}"}, "rowData")
            for g in nivel.grillas
        },
        "metas": Output({"type": "grid", "grid": f"{p}-metas"}, "rowData"),
        "contenido": Output(f"{p}-contenido", "style"),
        "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
    }


def _nombrar(funcion: Callable[..., Any], modulo: str, nombre: str) -> None:
    """Name a callback after the page that shows it (see the module docstring)."""
    funcion.__module__ = modulo
    funcion.__name__ = funcion.__qualname__ = nombre


def _fuente(
    grid_id: str,
    render: Callable[[dict[str, Any] | None], dict[str, Any]],
    salida: str,
    columnas: list[dict[str, Any]],
) -> None:
    """Register the export source of ``grid_id``: the ``salida`` rows of ``render``."""

    @exportar.fuente(grid_id)
    def exportar_grilla(params: dict[str, Any]) -> exportar.Tabla:
        return exportar.Tabla(render(params)[salida], columnas)


def crear_pagina(nivel: Nivel, modulo: str) -> Pagina:
    """Build the page of ``nivel`` and register its callbacks (call it once per page import).

    Args:
        nivel: what the page shows.
        modulo: the page module's ``__name__`` (its callbacks are named after it).

    Returns:
        The page's layout and callbacks.
    """
    p = nivel.por

    def layout(codigo: str | None = None, **kwargs: Any) -> html.Div:
        """The page skeleton (no data): the URL's code and filters in a store, empty containers.

        Args:
            codigo: the group's code, from the path.
            **kwargs: the URL's query parameters (the filters).
        """
        f = filtros.from_query(kwargs)
        return ui.esqueleto(
            p, nivel.tipo, codigo, f, CAMPOS, secciones(nivel, codigo), navegar=True
        )

    salidas = salidas_render(nivel)

    def render(params: dict[str, Any] | None) -> dict[str, Any]:
        """Evaluate the URL's quarter and fill the header, the avance panel and the grids."""
        params = params if isinstance(params, dict) else {}
        codigo = params.get("codigo")
        m = data.mcr()
        nombre = vn.nombre_grupo(m, p, codigo)
        if not isinstance(codigo, str) or nombre is None:
            vacio: dict[str, Any] = dict.fromkeys(salidas, [])
            vacio.update(
                titulo=nivel.tipo,
                subtitulo=None,
                mensaje=ui.aviso_no_existe(nivel.articulo, codigo),
                avance=None,
                niveles=None,
                contenido={"display": "none"},
                periodo=dash.no_update,
            )
            return vacio
        f = data.validar_filtros(filtros.from_query(params), m)
        periodo = data.periodo_efectivo(f.periodo)
        vista = vistas.vista_grupo(p, codigo, periodo, f)
        return {
            "migas": migas_children(linaje(m, p, codigo), f),
            "titulo": f"{codigo} · {nombre}" if nivel.titulo_con_codigo else nombre,
            "subtitulo": nivel.subtitulo(ubicacion_grupo(m, p, codigo), codigo, f),
            "mensaje": ui_grupo.nota(f, vista),
            "avance": ui.panel_avance(
                vista.resumen, nivel.nivel_avance, nivel.del_grupo, id=f"{p}-avance-numero"
            ),
            "niveles": ui.tabla_por_nivel(vista.resumen.por_nivel),
            **{
                g.clave: ui.filas_grupos(
                    _tabla(vista, g, codigo, periodo), FILAS_GRILLA[g.clave], f
                )
                for g in nivel.grillas
            },
            "metas": ui_grupo.filas_metas(vista, m, f),
            "contenido": {},
            "periodo": periodo,
        }

    def _tabla(vista: Any, g: Grilla, codigo: str, periodo: str) -> Any:
        """A grid's frame, with its institutions' missing reports when it shows them."""
        tabla = getattr(vista, g.clave)
        if not g.faltantes:
            return tabla
        c = vistas.cumplimiento(periodo, **{p: codigo})
        return vc.faltantes_por_institucion(tabla, c)

    salidas_cumplimiento = {
        "ventana": Output(f"{ui_cumplimiento.id_grid(p)}-ventana", "children"),
        "mensaje": Output(f"{ui_cumplimiento.id_grid(p)}-mensaje", "children"),
        "filas": Output({"type": "grid", "grid": ui_cumplimiento.id_grid(p)}, "rowData"),
    }

    def render_cumplimiento(params: dict[str, Any] | None) -> dict[str, Any]:
        """The compliance ranking of the group's reports in the URL's quarter's window, cut to
        the user's scope."""
        params = params if isinstance(params, dict) else {}
        codigo = params.get("codigo")
        m = data.mcr()
        if not isinstance(codigo, str) or vn.nombre_grupo(m, p, codigo) is None:
            return {"ventana": None, "mensaje": None, "filas": []}
        f = data.validar_filtros(filtros.from_query(params), m)
        c = vistas.cumplimiento(data.periodo_efectivo(f.periodo), **{p: codigo})
        return ui_cumplimiento.salida(c, f)

    def render_mapa(params: dict[str, Any] | None) -> tuple[Any, Any]:
        """The heat map: the state of each row of the group in the last eight quarters."""
        return ui_grupo.mapa(p, params)

    _nombrar(render, modulo, f"render_{p}")
    _nombrar(render_mapa, modulo, "render_mapa")
    _nombrar(render_cumplimiento, modulo, "render_cumplimiento")
    entrada = Input(f"{p}-params", "data")
    # Their answers depend on the URL, the scope and the data only: shared (dashboard.respuestas).
    callback(entrada, output=salidas, prevent_initial_call="initial_duplicate")(
        respuestas.compartida(render)
    )
    callback(
        Output(f"{p}-mapa", "figure"), Output(f"{p}-mapa", "style"), Input(f"{p}-params", "data")
    )(respuestas.compartida(render_mapa))
    callback(entrada, output=salidas_cumplimiento)(respuestas.compartida(render_cumplimiento))
    clientside_callback(
        ui.ABRIR_CELDA_JS,
        Output(f"{p}-navegar", "data"),
        Input(f"{p}-mapa", "clickData"),
        State(f"{p}-mapa", "figure"),
        prevent_initial_call=True,
    )

    # Exports: each grid rebuilt on the server as ``render`` fills it (never rows from the browser).
    for g in nivel.grillas:
        _fuente(f"{p}-{g.clave}", render, g.clave, _columnas(g))
    _fuente(ui_cumplimiento.id_grid(p), render_cumplimiento, "filas", ui_cumplimiento.columnas())
    _fuente(f"{p}-metas", render, "metas", ui.columnas_metas(con_sector=nivel.metas_con_sector))

    acciones = None
    if nivel.acciones is not None:
        if p != "sector":
            raise ValueError(f"Only a sector's page lists the mesas' actions, not the {p}'s")
        vacio_acciones = nivel.acciones[1]

        def render_acciones_mesa(params: dict[str, Any] | None) -> Any:
            """The acuerdos, bottlenecks and strategies of the mesas linked to this group."""
            lista, f = vistas.acciones_de_entidad(p, params)
            if lista is None:
                return None
            return ui_mesas.panel_acciones(lista, f, vacio=vacio_acciones, id=f"{p}-acciones-lista")

        _nombrar(render_acciones_mesa, modulo, "render_acciones_mesa")
        callback(Output(f"{p}-acciones-mesa", "children"), Input(f"{p}-params", "data"))(
            respuestas.compartida(render_acciones_mesa)
        )
        acciones = render_acciones_mesa

    return Pagina(
        layout=layout,
        render=render,
        render_mapa=render_mapa,
        render_cumplimiento=render_cumplimiento,
        render_acciones_mesa=acciones,
    )
