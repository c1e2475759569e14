"""Summary cards: one per eje group (avance and state counts) and one per state (a count tile)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import formatting
from dashboard.components.atributos import aria
from dashboard.components.estado import barra_estados, leyenda_conteos
from dashboard.formatting import ESTADOS_PRESENTACION


def tarjeta_eje(
    codigo: str,
    nombre: str,
    avance: Any,
    conteos: Mapping[str, int],
    *,
    n_metas: int,
    id: str | dict[str, Any] | None = None,
) -> dbc.Card:
    """A card with an eje group's avance, the bar of its goals' states and their counts.

    Args:
        codigo: eje code (``E2-ECO``).
        nombre: eje name.
        avance: weighted avance of its goals (0–100) or None/NaN.
        conteos: number of goals per state code.
        n_metas: number of goals counted.
        id: optional component id.
    """
    detalle = (
        f"promedio ponderado de {formatting.format_entero(n_metas)} "
        + ("meta presidencial" if n_metas == 1 else "metas presidenciales")
        if n_metas
        else "sin metas presidenciales"
    )
    extra: dict[str, Any] = {"id": id} if id is not None else {}
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.Span(codigo, className="tarjeta-eje-codigo"),
                        html.H3(nombre, className="tarjeta-eje-nombre", title=nombre),
                    ],
                    className="tarjeta-eje-encabezado",
                ),
                html.Div(
                    formatting.format_porcentaje(avance),
                    className="tarjeta-eje-avance",
                ),
                html.Div(f"Avance: {detalle}", className="tarjeta-eje-detalle"),
                barra_estados(conteos),
                leyenda_conteos(conteos),
            ]
        ),
        className="tarjeta-eje h-100",
        **extra,
    )


def tarjeta_estado(
    estado: str,
    n: int,
    total: int,
    *,
    rango: str | None = None,
    id: str | dict[str, Any] | None = None,
) -> html.Div:
    """A tile with how many goals are in ``estado`` out of ``total``: icon, number and word.

    Args:
        estado: a state code.
        n: goals in that state.
        total: goals evaluated.
        rango: the avance range of the state (``81 % o más``), shown after its meaning.
        id: optional component id.
    """
    p = formatting.presentar_estado(estado)
    extra: dict[str, Any] = {"id": id} if id is not None else {}
    return html.Div(
        [
            html.Div(
                [
                    html.Span(p.icono, className="estado-icono", **aria(hidden="true")),
                    p.etiqueta,
                ],
                className=f"tarjeta-estado-titulo {p.clase}",
            ),
            html.Div(formatting.format_entero(n), className="tarjeta-estado-numero"),
            html.Div(
                f"de {formatting.format_entero(total)} metas · "
                + p.significado[:1].lower()
                + p.significado[1:]
                + (f": {rango}" if rango else ""),
                className="tarjeta-estado-detalle",
            ),
        ],
        className="tarjeta-estado" + (" tarjeta-estado-cero" if n == 0 else ""),
        title=p.significado,
        **extra,
    )


def tarjetas_estados(
    conteos: Mapping[str, int], *, id_tipo: str, rangos: Mapping[str, str] | None = None
) -> list[html.Div]:
    """One :func:`tarjeta_estado` per state, most urgent first, out of the total of ``conteos``.

    Args:
        conteos: items per state code.
        rangos: avance range per state (``formatting.describir_umbrales``), when known.
        id_tipo: the ``tipo`` of the pattern-matching ids ``{"tipo": id_tipo, "estado": ...}``.
    """
    total = sum(int(n) for n in conteos.values())
    return [
        tarjeta_estado(
            e,
            int(conteos.get(e, 0)),
            total,
            rango=(rangos or {}).get(e),
            id={"tipo": id_tipo, "estado": e},
        )
        for e in ESTADOS_PRESENTACION
    ]


def tarjetas_ejes(resumen: pd.DataFrame, *, id_tipo: str) -> list[dbc.Card]:
    """One :func:`tarjeta_eje` per row of an eje summary (as ``data.resumen_ejes`` returns).

    Args:
        resumen: frame indexed by eje code with ``nombre``, ``avance``, ``n_metas`` and one count
            column per state.
        id_tipo: the ``tipo`` of the pattern-matching ids ``{"tipo": id_tipo, "eje": ...}``.
    """
    return [
        tarjeta_eje(
            str(codigo),
            str(fila["nombre"]),
            fila["avance"],
            {e: int(fila[e]) for e in ESTADOS_PRESENTACION},
            n_metas=int(fila["n_metas"]),
            id={"tipo": id_tipo, "eje": str(codigo)},
        )
        for codigo, fila in zip(resumen.index, resumen.to_dict("records"), strict=True)
    ]
