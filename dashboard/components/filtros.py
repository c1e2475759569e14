"""The filter bar every page shares: period, eje, sector, transversal theme and state.

The filters live in the URL query string (``?periodo=2025-T3&eje=E1``), the single source of
truth: :func:`barra_filtros` renders dropdowns holding the URL's values and the MCR's options; a
callback turns any change into a new query string on Dash pages' location
(``_pages_location``, which pushes a browser history entry), so a copied link opens the same view
and back / forward move between views. Dash pages then re-render the page with the new
``**kwargs``, and the page's callbacks read them from its ``<page>-params`` store.

The default period never appears in the URL: the dropdown shows it, and a link without
``periodo`` always opens the latest quarter whose reports are due.

Usage in a page layout::

    f = filtros.from_query(kwargs)
    barra_filtros(f, campos=("periodo", "eje", "tema", "estado"))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, dcc, html
from dash.dependencies import Wildcard

from dashboard import data, formatting
from dashboard.components import cambios
from dashboard.components.atributos import aria
from dashboard.filtros import CAMPOS, Filtros, from_query
from dashboard.formatting import ESTADOS_PRESENTACION
from data_layer.engine.frames import MCR

#: Pattern-matching type of every filter dropdown: ``{"type": TIPO, "campo": "eje"}``.
TIPO = "filtro"

#: The gate (:mod:`dashboard.components.cambios`) between the dropdowns and the URL sync: Dash 4's
#: dropdowns report their value as they mount, which is no reason to sync the URL.
PUERTA = "filtros"

#: Dash pages' location component (its ``search`` is the query string).
UBICACION = cambios.UBICACION

#: Visible label of each filter.
ETIQUETAS: dict[str, str] = {
    "periodo": "Periodo evaluado",
    "eje": "Eje estratégico",
    "sector": "Sector",
    "tema": "Tema transversal",
    "estado": "Estado (semáforo)",
}

#: Placeholder of each filter when nothing is chosen.
TODOS: dict[str, str] = {
    "periodo": "Último trimestre vencido",
    "eje": "Todos los ejes",
    "sector": "Todos los sectores",
    "tema": "Todos los temas",
    "estado": "Todos los estados",
}

#: The dropdown's own texts in Spanish (``dcc.Dropdown(labels=...)``); for every dropdown.
TEXTOS_DROPDOWN: dcc.Dropdown.Labels = {
    "select_all": "Seleccionar todo",
    "deselect_all": "Quitar la selección",
    "selected_count": "{num_selected} seleccionados",
    "search": "Buscar",
    "clear_search": "Borrar la búsqueda",
    "clear_selection": "Quitar la selección",
    "no_options_found": "Sin coincidencias",
}

#: Id of the "Quitar filtros" button (a dict, so that pages without the bar raise no error).
LIMPIAR = {"type": "filtros-limpiar", "barra": "principal"}


def id_filtro(campo: str | Wildcard) -> dict[str, str | Wildcard]:
    """The pattern-matching id of a filter dropdown."""
    return {"type": TIPO, "campo": campo}


def _dropdown(campo: str, valor: str | None, lista: list[dict[str, str]]) -> dbc.Col:
    return dbc.Col(
        [
            html.Label(ETIQUETAS[campo], className="filtro-etiqueta"),
            dcc.Dropdown(
                id=id_filtro(campo),
                options=lista,
                value=valor,
                placeholder=TODOS[campo],
                clearable=campo != "periodo",
                searchable=campo in ("eje", "sector", "tema"),
                labels=TEXTOS_DROPDOWN,
                className=f"filtro-dropdown filtro-{campo}",
                optionHeight="auto",
                maxHeight=320,
            ),
        ],
        xs=12,
        sm=6,
        lg=True,
        className="filtro-campo",
    )


def barra_filtros(f: Filtros, campos: Sequence[str] = CAMPOS) -> html.Section:
    """One row of labelled Spanish dropdowns holding the filters ``f``, with their options.

    The options come with the page (issue #15: they were one more request, and a second one to
    sync the URL, on every page open): the MCR the user may see, read once per data version.
    Dash also calls page layouts with nobody logged in, to validate its callbacks: then the
    dropdowns only hold the URL's values.

    Args:
        f: the URL's filters (``filtros.from_query(kwargs)``).
        campos: which filters this page offers, in order (a subset of
            :data:`dashboard.filtros.CAMPOS`); filters not offered stay in the URL untouched.
    """
    desconocidos = set(campos) - set(CAMPOS)
    if desconocidos:
        raise ValueError(f"Filtros desconocidos: {', '.join(sorted(desconocidos))}")
    ids = [{"type": TIPO, "campo": c} for c in campos]
    valores: list[str | None] = [f.as_dict()[c] for c in campos]
    if data.alcance_actual() is None:
        listas = [[{"label": v, "value": v}] if v else [] for v in valores]
    else:
        listas, valores = fill_opciones(ids, valores, data.mcr(), data.periodo_efectivo(None))
    return html.Section(
        dbc.Row(
            [
                *cambios.almacenes(PUERTA, [valores]),
                *(_dropdown(c, v, o) for c, v, o in zip(campos, valores, listas, strict=True)),
                dbc.Col(
                    dbc.Button(
                        "Quitar filtros",
                        id=LIMPIAR,
                        color="link",
                        size="sm",
                        className="filtros-limpiar",
                        title="Volver a todos los ejes, sectores, temas y estados",
                    ),
                    xs="auto",
                    className="filtro-campo filtro-acciones",
                ),
            ],
            className="g-2 align-items-end",
        ),
        className="barra-filtros",
        **aria(label="Filtros"),
    )


def opciones(campo: str, m: MCR) -> list[dict[str, str]]:
    """The options of one filter from the MCR, labels in Spanish.

    Periods: evaluable quarters, latest first, with their months; ejes: code and name, each
    dimension under its eje; sectors and themes: by name; states: icon and word, most urgent first.
    """
    if campo == "periodo":
        return [
            {"label": formatting.format_periodo(p), "value": p} for p in data.periodos_evaluables(m)
        ]
    if campo == "eje":
        ejes = m.ejes.assign(codigo=m.ejes["codigo"].astype("str")).sort_values("codigo")
        return [
            {
                "label": ("↳ " if isinstance(fila.eje_padre, str) else "")
                + f"{fila.codigo} · {fila.nombre}",
                "value": str(fila.codigo),
            }
            for fila in ejes.itertuples(index=False)
        ]
    if campo == "sector":
        sectores = m.sectores.sort_values("nombre")
        return [
            {"label": str(fila.nombre), "value": str(fila.codigo)}
            for fila in sectores.itertuples(index=False)
        ]
    if campo == "tema":
        temas = sorted(set(m.indicador_temas["tema"].astype("str").unique()))
        return [{"label": t, "value": t} for t in temas]
    if campo == "estado":
        return [{"label": p.rotulo, "value": e} for e, p in ESTADOS_PRESENTACION.items()]
    raise ValueError(f"«{campo}» no es un filtro")


def _todas_las_opciones(m: MCR) -> dict[str, list[dict[str, str]]]:
    return {c: opciones(c, m) for c in CAMPOS}


def fill_opciones(
    ids: list[dict[str, str]], valores: list[str | None], m: MCR, periodo_defecto: str
) -> tuple[list[list[dict[str, str]]], list[str | None]]:
    """Options and values of the bar's dropdowns (built once per MCR object).

    A value the MCR does not offer becomes None; the period shows the default when the URL has
    none.

    Args:
        ids: the dropdowns' ids, in page order.
        valores: their current values.
        m: the MCR.
        periodo_defecto: the quarter evaluated when the URL names none.
    """
    todas, nuevos = [], []
    por_campo = data.por_mcr(m, "opciones_filtros", _todas_las_opciones)
    for id_, valor in zip(ids, valores, strict=True):
        lista = por_campo[id_["campo"]]
        validos = {o["value"] for o in lista}
        if id_["campo"] == "periodo" and valor not in validos:
            valor = periodo_defecto
        todas.append(lista)
        nuevos.append(valor if valor in validos else None)
    return todas, nuevos


def query_de(
    ids: list[dict[str, str]], valores: list[str | None], search: str | None, periodo_defecto: str
) -> str | None:
    """The new query string for the bar's values, or None when the view does not change.

    Parameters the bar does not hold (other filters, a page's own parameters) are kept; the
    default period is left out.

    Args:
        ids: the dropdowns' ids.
        valores: their values.
        search: the current query string (``?eje=E1``) or None.
        periodo_defecto: the quarter a URL without ``periodo`` opens.
    """
    actuales = dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=False))
    cambios = {i["campo"]: v for i, v in zip(ids, valores, strict=True)}
    if cambios.get("periodo") == periodo_defecto:
        cambios["periodo"] = None
    nuevos = {**actuales, **cambios}
    if from_query(nuevos) == from_query(actuales) and all(
        nuevos.get(k) == actuales.get(k) for k in actuales if k not in CAMPOS
    ):
        return None
    f = from_query(nuevos)
    pares = [(c, v) for c, v in f.as_dict().items() if v]
    pares += [(k, v) for k, v in actuales.items() if k not in CAMPOS and v]
    return "?" + urlencode(pares) if pares else ""


def register_callbacks(app: Dash) -> None:
    """Attach the filter bar's callbacks (URL sync, clear) to ``app``."""

    cambios.registrar(PUERTA, Input(id_filtro(ALL), "value"), app=app)

    @app.callback(
        cambios.salida(PUERTA),
        cambios.entrada(PUERTA),
        State(id_filtro(ALL), "id"),
        State(UBICACION, "search"),
        prevent_initial_call=True,
    )
    def sync_url(cambio: Any, ids: list[dict[str, str]], search: str | None) -> Any:
        if not ids or not isinstance(cambio, list) or len(cambio) != 1:
            return dash.no_update
        valores = cambio[0]
        if not isinstance(valores, list) or len(valores) != len(ids):
            return dash.no_update
        valores = [v if isinstance(v, str) else None for v in valores]
        nueva = query_de(ids, valores, search, data.periodo_efectivo(None))
        return dash.no_update if nueva is None else nueva

    @app.callback(
        Output(id_filtro(ALL), "value", allow_duplicate=True),
        Input({**LIMPIAR, "barra": ALL}, "n_clicks"),
        State(id_filtro(ALL), "id"),
        State(id_filtro(ALL), "value"),
        prevent_initial_call=True,
    )
    def clear_filtros(
        n_clicks: list[int | None], ids: list[dict[str, str]], valores: list[str | None]
    ) -> list[str | None]:
        if not any(n_clicks):
            raise dash.exceptions.PreventUpdate
        return [v if i["campo"] == "periodo" else None for i, v in zip(ids, valores, strict=True)]
