"""The presidential overview's pieces built from its view (``/``): the goals grid's rows with their
trend, the eje cards as links and the alert panel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import filtros, formatting
from dashboard.components import grid as grids
from dashboard.components.tarjetas import tarjetas_ejes
from dashboard.filtros import Filtros
from data_layer.vistas.alertas import NOMBRES_SEVERIDAD, nombre_tipo

#: Arrow and word of each trend.
FLECHAS = {"sube": ("▲", "Sube"), "baja": ("▼", "Baja"), "igual": ("=", "Igual")}


def texto_tendencia(cambio: Any, tendencia: Any) -> str:
    """``▲ +3.2 pts``, ``▼ -1.0 pts``, ``= 0.0 pts``; "—" when it cannot be computed."""
    if formatting.is_empty(cambio) or formatting.is_empty(tendencia):
        return formatting.VACIO
    flecha = FLECHAS[str(tendencia)][0]
    signo = "+" if cambio > 0 else ""
    return f"{flecha} {signo}{formatting.format_numero(cambio)} pts"


def detalle_tendencia(fila: dict[str, Any]) -> str:
    """The trend's tooltip: what is compared with what (both avances), or why there is no trend."""
    anterior = fila.get("periodo_anterior")
    propio = fila.get("periodo_propio")
    if formatting.is_empty(anterior):
        return "Sin indicadores: no hay con qué comparar"
    if formatting.is_empty(fila.get("avance_anterior")):
        return f"Sin avance en {anterior} (su periodo anterior): no hay con qué comparar"
    if formatting.is_empty(fila.get("avance")):
        return f"Sin avance en {propio} (en {anterior}: {_pct(fila['avance_anterior'])})"
    return (
        f"{_pct(fila['avance'])} en {propio} frente a {_pct(fila['avance_anterior'])} en "
        f"{anterior}, su periodo evaluable anterior"
    )


def _pct(valor: Any) -> str:
    return formatting.format_porcentaje(valor)


def columna_tendencia(anteriores: Sequence[str]) -> dict[str, Any] | None:
    """The Tendencia column, saying what it compares; None when no goal has anything to compare
    with (the column is then left out).

    Args:
        anteriores: the distinct previous periods the goals are compared with.
    """
    if not anteriores:
        return None
    if len(anteriores) == 1:
        titulo = f"Tendencia (vs. {anteriores[0]})"
        ayuda = f"Cambio del avance frente a {anteriores[0]}, en puntos porcentuales"
    else:
        titulo = "Tendencia"
        ayuda = (
            "Cambio del avance de cada meta frente a su propio periodo evaluable anterior (una "
            f"meta de indicadores anuales, frente al año anterior): {', '.join(anteriores)}"
        )
    return {
        "field": "cambio",
        "headerName": titulo,
        "headerTooltip": ayuda,
        "filter": "agNumberColumnFilter",
        "type": "rightAligned",
        "valueFormatter": {"function": "params.data ? params.data.cambio_texto : ''"},
        "tooltipField": "tendencia_detalle",
        "cellClass": "celda-numero celda-tendencia",
        "cellClassRules": {
            "tendencia-sube": "params.data && params.data.tendencia == 'sube'",
            "tendencia-baja": "params.data && params.data.tendencia == 'baja'",
        },
        "flex": 1,
        "minWidth": 130,
    }


def filas_metas(metas: pd.DataFrame, f: Filtros, anteriores: Sequence[str]) -> list[dict[str, Any]]:
    """The goal grid's rows: only the fields its columns read, links keeping the filters.

    Args:
        metas: :attr:`dashboard.vistas.ResumenPresidencial.metas`.
        f: the filters kept in the links.
        anteriores: the distinct previous periods compared with; with more than one, each
            trend names its own (``▲ +3.2 pts vs. 2024``).
    """
    columnas = [
        "codigo",
        "descripcion",
        "eje",
        "avance_directo",
        "avance_contribuyentes",
        "semaforo",
        "avance",
        "avance_anterior",
        "cambio",
        "tendencia",
        "periodo_propio",
        "periodo_anterior",
    ]
    filas = grids.records(
        metas[columnas],
        porcentajes=("avance_directo", "avance_contribuyentes"),
        estado="semaforo",
        enlaces={"codigo": lambda fila: filtros.href(f"/metas/{fila['codigo']}", f)},
    )
    for fila in filas:
        fila["cambio_texto"] = texto_tendencia(fila["cambio"], fila["tendencia"])
        if len(anteriores) > 1 and fila["cambio"] is not None:
            fila["cambio_texto"] += f" vs. {fila['periodo_anterior']}"
        fila["tendencia_detalle"] = detalle_tendencia(fila)
        for sobra in ("avance", "avance_anterior", "periodo_propio", "periodo_anterior"):
            del fila[sobra]
    return filas


def tarjetas_enlazadas(ejes: pd.DataFrame, f: Filtros) -> list[Any]:
    """Eje cards, each a link to the eje's page keeping the filters."""
    return [
        dcc.Link(
            tarjeta,
            href=filtros.href(f"/ejes/{codigo}", f),
            className="tarjeta-enlace",
            title=f"Ver el eje {codigo}",
        )
        for tarjeta, codigo in zip(
            tarjetas_ejes(ejes, id_tipo="resumen-eje"), ejes.index, strict=True
        )
    ]


def _otras(fila: Mapping[Any, Any]) -> list[Any]:
    """«y N alertas más: …» under an entity's first alert, when the entity has others."""
    otras = int(fila.get("otras") or 0)
    if not otras:
        return []
    cuantas = "1 alerta más" if otras == 1 else f"{formatting.format_entero(otras)} alertas más"
    return [html.Div(f"y {cuantas}: {fila['otras_texto']}", className="alerta-otras")]


def lista_alertas(alertas: pd.DataFrame, total: int, f: Filtros) -> list[Any]:
    """The overview's alert panel: one item per entity (its most severe alert's severity, type,
    entity as a link and message), the entity's other alerts named under it."""
    if alertas.empty:
        return [html.P("No hay alertas para este periodo y filtros.", className="text-muted")]
    items = []
    for fila in alertas.to_dict("records"):
        severidad = str(fila["severidad"])
        items.append(
            html.Li(
                [
                    html.Div(
                        [
                            html.Span(
                                NOMBRES_SEVERIDAD.get(severidad, severidad),
                                className=f"severidad severidad-{severidad}",
                            ),
                            html.Span(nombre_tipo(str(fila["tipo"])), className="alerta-tipo"),
                            dcc.Link(
                                str(fila["entidad"]),
                                href=filtros.href(str(fila["enlace"]), f),
                                className="alerta-entidad",
                            ),
                        ],
                        className="alerta-encabezado",
                    ),
                    html.Div(str(fila["mensaje"]), className="alerta-mensaje"),
                    *_otras(fila),
                ],
                className="alerta-item",
            )
        )
    return [
        html.Ul(items, className="alertas-lista"),
        dcc.Link(
            f"Ver las {formatting.format_entero(total)} alertas en el Centro de alertas →",
            href=filtros.href("/alertas", f.con(estado=None)),
            className="alertas-ver-todas",
        ),
    ]
