"""Building blocks of the detail pages (goal, indicator, value chain): big avance figures, the
sentences that explain them, metadata lists, goal links and indicator cards.

Texts are Spanish and every number goes through :mod:`dashboard.formatting`; a state is always
shown as icon + word on its colour (:func:`~dashboard.components.estado.insignia_estado`).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import filtros, formatting
from dashboard.components import grid as grids
from dashboard.components.atributos import aria
from dashboard.components.estado import insignia_estado
from dashboard.filtros import Filtros
from data_layer.engine.explicacion import motivo_periodo
from data_layer.engine.frames import ESLABONES, Reglas
from data_layer.vistas.detalle import BRECHA_RELEVANTE, AvancesMeta
from data_layer.vistas.detalle_indicador import FichaIndicador
from data_layer.vistas.linaje import ruta

NIVELES: dict[str, str] = {
    "presidencial": "Meta presidencial",
    "sectorial": "Meta sectorial",
    "institucional": "Meta institucional",
}

ESLABONES_TEXTO: dict[str, str] = {
    "insumo": "Insumo",
    "actividad": "Actividad",
    "producto": "Producto",
    "resultado": "Resultado",
    "impacto": "Impacto",
}

SENTIDOS = {
    "ascendente": "Ascendente (más es mejor)",
    "descendente": "Descendente (menos es mejor)",
}
TIPOS = {
    "flujo": "Flujo (valor del periodo contra meta del periodo)",
    "acumulado": "Acumulado (suma de valores contra suma de metas)",
    "stock": "Stock (nivel contra meta del periodo)",
}
FRECUENCIAS = {"trimestral": "Trimestral", "semestral": "Semestral", "anual": "Anual"}

#: Who contributes to a goal of each level, for the sentences.
_CONTRIBUYENTES: dict[str, str] = {
    "presidencial": "las metas sectoriales que contribuyen",
    "sectorial": "las metas institucionales que contribuyen",
}


def enlace_meta(codigo: str, f: Filtros) -> str:
    """The link to a goal's page, keeping the filters."""
    return filtros.href(ruta("meta", codigo), f)


def enlace_indicador(codigo: str, f: Filtros) -> str:
    """The link to an indicator's page, keeping the filters."""
    return filtros.href(ruta("indicador", codigo), f)


def enlace_institucion(sigla: str, f: Filtros) -> str:
    """The link to an institution's page, keeping the filters."""
    return filtros.href(ruta("institucion", sigla), f)


def decimales_de(valores: Iterable[Any], maximo: int = 2) -> int:
    """The fewest decimals (0 to ``maximo``) that show every number of ``valores`` exactly."""
    numeros = [float(v) for v in valores if not formatting.is_empty(v)]
    for d in range(maximo + 1):
        if all(math.isclose(round(v, d), v, abs_tol=1e-9) for v in numeros):
            return d
    return maximo


def numero(valor: Any, decimales: int | None = None) -> str:
    """A number as shown on the detail pages (``1,234.5``, "—" when missing).

    Args:
        valor: the number.
        decimales: digits after the point; by default as few as show it exactly (at most 2).
    """
    if decimales is None:
        decimales = decimales_de([valor])
    return formatting.format_numero(valor, decimales)


def tarjeta_avance(
    titulo: str,
    avance: float | None,
    estado: str | None,
    detalle: str,
    *,
    id: str,
    sin_estado: str = "No aplica",
    explicacion: str | None = None,
) -> html.Div:
    """A big avance figure with its state badge and one line saying where it comes from.

    Args:
        titulo: what the number is (``Avance directo``).
        avance: 0–100, or None.
        estado: the state to show next to it, or None (``sin_estado`` is written instead).
        detalle: where the number comes from.
        id: the component id (tests and screen readers find it).
        sin_estado: the text when there is no state.
        explicacion: how the number is computed, unfolded by «¿Cómo se calcula?».
    """
    insignia = (
        insignia_estado(estado, id=f"{id}-estado")
        if estado
        else html.Span(sin_estado, className="text-body-secondary", id=f"{id}-estado")
    )
    return html.Div(
        [
            html.Div(titulo, className="detalle-avance-titulo fw-semibold"),
            html.Div(
                formatting.format_porcentaje(avance),
                className="detalle-avance-numero display-5 fw-bold",
                id=f"{id}-numero",
            ),
            html.Div(insignia, className="mb-2"),
            html.Div(detalle, className="detalle-avance-detalle small text-body-secondary"),
            html.Details(
                [
                    html.Summary("¿Cómo se calcula?", className="small"),
                    html.P(explicacion, className="small mb-0 mt-1", id=f"{id}-formula"),
                ],
                className="como-se-calcula mt-1",
            )
            if explicacion
            else None,
        ],
        className="panel detalle-avance h-100 p-3",
        id=id,
    )


def frase_brecha(avances: AvancesMeta, nivel: str) -> str:
    """One sentence on what the gap between the goal's two avances means."""
    d = formatting.format_porcentaje(avances.avance_directo)
    c = formatting.format_porcentaje(avances.avance_contribuyentes)
    quienes = _CONTRIBUYENTES.get(nivel, "las metas que contribuyen")
    umbral = formatting.format_entero(BRECHA_RELEVANTE)
    if avances.brecha == "contribuyentes_adelante":
        return (
            f"{quienes.capitalize()} avanzan ({c}) pero esta meta no se mueve igual ({d}): "
            "revisar la teoría de cambio, porque lo que se produce no está logrando el resultado."
        )
    if avances.brecha == "meta_adelante":
        return (
            f"Esta meta avanza ({d}) más que {quienes} ({c}): algo fuera de la cadena la mueve, "
            "o le faltan contribuyentes en la MCR; revisar la vinculación."
        )
    if avances.brecha == "coherente":
        return (
            f"El avance directo ({d}) y el de contribuyentes ({c}) van de la mano (menos de "
            f"{umbral} puntos de diferencia): la cadena de valor se comporta como se espera."
        )
    if avances.brecha == "solo_directo":
        if avances.n_contribuyentes == 0:
            return f"Ninguna meta contribuye a esta: su avance ({d}) viene solo de sus indicadores."
        return (
            f"Solo se conoce el avance directo ({d}): {quienes} no tienen avance en este "
            "periodo, así que la cadena no se puede contrastar."
        )
    if avances.brecha == "solo_contribuyentes":
        if avances.n_indicadores == 0:
            return (
                f"La meta no tiene indicadores propios: su avance y su semáforo vienen de "
                f"{quienes} ({c})."
            )
        return (
            f"Sus indicadores aún no tienen valores para este periodo; {quienes} avanzan {c}, "
            "pero el semáforo de la meta sigue a sus propios indicadores."
        )
    return (
        "Todavía no hay avance que comparar: ni sus indicadores ni sus contribuyentes tienen "
        "valores para este periodo."
    )


def frase_cobertura(avances: AvancesMeta, reglas: Reglas) -> str:
    """One sentence on the goal's cobertura: how much of what was due was reported."""
    minima = formatting.format_porcentaje(reglas.cobertura_minima, 0)
    if avances.n_indicadores == 0:
        return "Sin indicadores propios: la cobertura no aplica."
    if avances.cobertura is None:
        return (
            "Ningún indicador tiene un reporte exigible en este periodo (están pendientes o sin "
            "meta programada): la cobertura todavía no aplica."
        )
    return (
        f"Cobertura {formatting.format_porcentaje(avances.cobertura)}: "
        f"{formatting.format_entero(avances.n_con_valor)} de "
        f"{formatting.format_entero(avances.n_exigibles)} indicadores con reporte exigible "
        f"tienen valor (ponderado por peso). Con menos de {minima} la meta se muestra "
        "«Sin dato»."
    )


def lista_metas(metas: pd.DataFrame, f: Filtros, *, vacio: str, id: str) -> html.P | html.Ul:
    """A compact list of goals: code (a link), level, description, avance and state.

    Args:
        metas: frame with ``codigo``, ``nivel``, ``descripcion``, ``avance`` and ``semaforo``
            (and optionally ``distancia``, shown as indentation).
        f: the filters kept in the links.
        vacio: what to say when there is no goal.
        id: the list's id.
    """
    if metas.empty:
        return html.P(vacio, className="text-body-secondary mb-0", id=id)
    items = []
    for fila in metas.to_dict("records"):
        sangria = max(int(fila.get("distancia", 1) or 0) - 1, 0)
        items.append(
            html.Li(
                [
                    html.Div(
                        [
                            dcc.Link(
                                fila["codigo"],
                                href=enlace_meta(fila["codigo"], f),
                                className="fw-semibold me-2",
                            ),
                            html.Span(
                                NIVELES.get(str(fila["nivel"]), ""),
                                className="small text-body-secondary",
                            ),
                        ]
                    ),
                    html.Div(str(fila["descripcion"]), className="small"),
                    html.Div(
                        [
                            html.Span(
                                formatting.format_porcentaje(fila["avance"]),
                                className="fw-semibold me-2",
                            ),
                            insignia_estado(str(fila["semaforo"])),
                        ],
                        className="mt-1",
                    ),
                ],
                className="list-group-item",
                style={"paddingLeft": f"{1 + 1.25 * sangria}rem"},
                **{"data-codigo": fila["codigo"]},
            )
        )
    return html.Ul(items, className="list-group detalle-lista-metas", id=id)


def _fila_dato(termino: str, *valor: Any) -> list[Any]:
    return [html.Dt(termino, className="col-sm-4"), html.Dd(list(valor), className="col-sm-8")]


def lista_metadatos(ficha: FichaIndicador, f: Filtros) -> html.Dl:
    """Every metadata field of an indicator as a definition list (links to its goal and
    institution)."""
    if ficha.linea_base is None:
        base = formatting.VACIO
    else:
        base = numero(ficha.linea_base) + (f" ({ficha.anio_base})" if ficha.anio_base else "")
    origen = "propios del indicador" if ficha.umbrales_propios else "generales"
    umbrales = (
        f"Verde desde {formatting.format_porcentaje(ficha.umbral_verde, 0)}, amarillo desde "
        f"{formatting.format_porcentaje(ficha.umbral_amarillo, 0)} ({origen})"
    )
    filas: list[Any] = []
    filas += _fila_dato(
        "Meta",
        dcc.Link(ficha.meta, href=enlace_meta(ficha.meta, f), id="indicador-enlace-meta"),
        f" · {ficha.meta_descripcion}" if ficha.meta_descripcion else "",
    )
    filas += _fila_dato("Eslabón", ESLABONES_TEXTO.get(ficha.eslabon, ficha.eslabon))
    filas += _fila_dato("Unidad", ficha.unidad)
    filas += _fila_dato("Sentido", SENTIDOS.get(ficha.sentido, ficha.sentido))
    filas += _fila_dato("Tipo", TIPOS.get(ficha.tipo, ficha.tipo))
    filas += _fila_dato("Frecuencia", FRECUENCIAS.get(ficha.frecuencia, ficha.frecuencia))
    filas += _fila_dato("Línea base (año)", base)
    filas += _fila_dato("Fuente", ficha.fuente or formatting.VACIO)
    filas += _fila_dato(
        "Institución responsable",
        dcc.Link(
            ficha.institucion_responsable,
            href=enlace_institucion(ficha.institucion_responsable, f),
            id="indicador-enlace-institucion",
        ),
        f" · {ficha.institucion_nombre}" if ficha.institucion_nombre else "",
    )
    filas += _fila_dato(
        "Temas transversales",
        ", ".join(ficha.temas) if ficha.temas else "Ninguno",
    )
    filas += _fila_dato("Umbrales del semáforo", umbrales)
    filas += _fila_dato("Peso en la meta", numero(ficha.peso))
    return html.Dl(filas, className="row mb-0 detalle-metadatos", id="indicador-metadatos")


def tarjeta_indicador(fila: Mapping[Hashable, Any], f: Filtros, *, mostrar_meta: bool) -> html.Div:
    """A small card of one indicator: code (a link), name, avance and state.

    Args:
        fila: a row of ``data_layer.vistas.cadena.indicadores_por_eslabon``.
        f: the filters kept in the link.
        mostrar_meta: whether to say which goal it belongs to.
    """
    p = formatting.presentar_estado(str(fila["semaforo"]))
    partes: list[Any] = [
        html.Div(
            dcc.Link(fila["codigo"], href=enlace_indicador(fila["codigo"], f)),
            className="fw-semibold small",
        ),
        html.Div(str(fila["nombre"]), className="small mb-1"),
        html.Div(
            [
                html.Span(
                    formatting.format_porcentaje(fila["avance_pct"]),
                    className="small me-2" + (" explicada" if fila.get("explicacion") else ""),
                    # How the avance is computed, on hover (the formula with its numbers).
                    title=fila.get("explicacion") or None,
                ),
                insignia_estado(p.estado),
            ]
        ),
    ]
    if mostrar_meta:
        partes.append(
            html.Div(
                ["Meta ", dcc.Link(fila["meta_codigo"], href=enlace_meta(fila["meta_codigo"], f))],
                className="small text-body-secondary mt-1",
            )
        )
    return html.Div(
        html.Div(partes, className="card-body p-2"),
        className="card mb-2 tarjeta-indicador"
        + ("" if fila.get("propio", True) else " tarjeta-indicador-contribuyente"),
        style={"borderLeft": f"6px solid {p.fondo}"},
        **{"data-codigo": fila["codigo"], "data-estado": p.estado},
    )


def columnas_eslabon(indicadores: pd.DataFrame, f: Filtros, codigo_meta: str) -> dbc.Row:
    """Five columns, insumo → impacto, each with the cards of the indicators of that eslabón.

    Args:
        indicadores: rows of ``data_layer.vistas.cadena.indicadores_por_eslabon``.
        f: the filters kept in the links.
        codigo_meta: the selected goal (its own indicators are not labelled with it).
    """
    columnas = []
    for eslabon in ESLABONES:
        de_este = indicadores.loc[indicadores["eslabon"] == eslabon]
        tarjetas: list[Component] = [
            tarjeta_indicador(fila, f, mostrar_meta=fila["meta_codigo"] != codigo_meta)
            for fila in de_este.to_dict("records")
        ]
        columnas.append(
            dbc.Col(
                html.Section(
                    [
                        html.H3(
                            [
                                ESLABONES_TEXTO[eslabon],
                                html.Span(
                                    f" ({formatting.format_entero(len(de_este))})",
                                    className="text-body-secondary fw-normal",
                                ),
                            ],
                            className="h6 panel-titulo",
                        ),
                        *(tarjetas or [html.P("Sin indicadores", className="small text-muted")]),
                    ],
                    className="panel p-2 h-100",
                    id=f"cadena-eslabon-{eslabon}",
                    **aria(label=f"Eslabón {ESLABONES_TEXTO[eslabon]}"),
                ),
                xs=12,
                md=6,
                xl=True,
                className="mb-2",
            )
        )
    return dbc.Row(columnas, className="g-2 cadena-eslabones")


def columna_numero(field: str, titulo: str, **opciones: Any) -> dict[str, Any]:
    """A number column that sorts and filters on the number and shows ``<field>_texto``."""
    return {
        "field": field,
        "headerName": titulo,
        "filter": "agNumberColumnFilter",
        "type": "rightAligned",
        "valueFormatter": {"function": f"params.data ? params.data.{field}_texto : ''"},
        "cellClass": "celda-numero",
        **opciones,
    }


#: What the avance column's header says on hover.
AYUDA_AVANCE = (
    "Pase el cursor sobre un avance para ver cómo se calcula: la fórmula con los números reales "
    "y la regla aplicada."
)


def columna_avance(field: str = "avance_pct", titulo: str = "Avance", **opciones: Any) -> dict:
    """An indicator's avance column whose cells explain themselves on hover.

    The row data must carry ``<field>``, ``<field>_texto`` (:func:`grids.records`) and
    ``explicacion`` (:func:`data_layer.engine.explicacion.explicar_avance`).
    """
    return grids.columna_porcentaje(
        field,
        titulo,
        tooltipField="explicacion",
        headerTooltip=AYUDA_AVANCE,
        cellClass="celda-numero celda-explicada",
        **opciones,
    )


def columna_periodo_propio(titulo: str = "Periodo", **opciones: Any) -> dict[str, Any]:
    """An indicator's own evaluated period; the rows' ``periodo_motivo`` (:func:`con_motivos`)
    says on hover why it is not the evaluated quarter (an annual indicator's last closed
    year)."""
    return grids.columna_texto(
        "periodo",
        titulo,
        tooltipField="periodo_motivo",
        headerTooltip="El periodo propio de cada indicador: uno anual o semestral se evalúa en "
        "su último año o semestre cerrado.",
        **opciones,
    )


def con_motivos(filas: list[dict[str, Any]], evaluado: str | None) -> list[dict[str, Any]]:
    """Add ``periodo_motivo`` to grid rows (in place): why each row's ``periodo`` differs from
    the evaluated quarter (:func:`data_layer.engine.explicacion.motivo_periodo`)."""
    for fila in filas:
        motivo = motivo_periodo(fila.get("periodo"), evaluado)
        fila["periodo_motivo"] = motivo or (f"El periodo evaluado, {evaluado}" if evaluado else "")
    return filas


def columna_fecha(field: str, titulo: str, **opciones: Any) -> dict[str, Any]:
    """A date column: sorts on the ISO date, shows ``<field>_texto`` (``dd/mm/aaaa``)."""
    return {
        "field": field,
        "headerName": titulo,
        "filter": "agTextColumnFilter",
        "filterValueGetter": {"function": f"params.data.{field}_texto"},
        "valueFormatter": {"function": f"params.data ? params.data.{field}_texto : ''"},
        **opciones,
    }


def con_textos(
    filas: list[dict[str, Any]],
    *,
    numeros: Iterable[str] = (),
    decimales: int | None = None,
    fechas: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Add ``<field>_texto`` companions for number and date columns to grid rows (in place).

    Numbers get ``decimales`` digits (by default, per value, as few as show it exactly, at most
    2: :func:`numero`). Dates become ISO text in ``<field>`` (so they sort) and ``dd/mm/aaaa`` in
    the companion.
    """
    numeros, fechas = list(numeros), list(fechas)
    for fila in filas:
        for campo in numeros:
            fila[f"{campo}_texto"] = numero(fila.get(campo), decimales)
        for campo in fechas:
            valor = fila.get(campo)
            texto = formatting.format_fecha(valor)
            fila[f"{campo}_texto"] = texto
            if valor is None or formatting.is_empty(valor):
                fila[campo] = None
            else:
                fila[campo] = pd.Timestamp(valor).date().isoformat()
    return filas
