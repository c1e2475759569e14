"""The products of a mesa for a year (``/mesas/<sector>/productos``): one card per product with
its state and its document versions (newest first, each a download link)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from data_layer import formato
from data_layer.mesas.productos import FilaProducto, VersionDocumento
from data_layer.periods import hora_honduras


def _fecha(valor: Any) -> str:
    return valor.strftime("%d/%m/%Y") if valor is not None else "—"


def _version(v: VersionDocumento, actual: bool) -> html.Li:
    tamano = formato.format_numero(v.tamano / 1024, 0)
    detalle = f" · {v.tipo.upper()}, {tamano} KB · {v.subido_por}, " + hora_honduras(
        v.subido_en
    ).strftime("%d/%m/%Y %H:%M")
    partes: list[Any] = [
        html.A(f"Versión {v.numero}: {v.nombre}", href=v.href, className="fw-semibold"),
        html.Span(detalle, className="text-muted small"),
    ]
    if actual:
        partes.insert(0, dbc.Badge("Vigente", color="primary", className="me-2"))
    if v.periodo:
        partes.append(dbc.Badge(f"Periodo {v.periodo}", color="info", className="ms-2"))
    if v.generado:
        partes.append(dbc.Badge("Generado por SIGPRET", color="secondary", className="ms-2"))
    if v.nota:
        partes.append(html.Div(v.nota, className="small"))
    return html.Li(partes, className="mb-1")


def tarjeta(fila: FilaProducto) -> dbc.Card:
    """One product: its name, whether it exists for the year, and its versions."""
    estado = (
        dbc.Badge(f"✔ Entregado el {_fecha(fila.entregado_en)}", color="success")
        if fila.entregado
        else dbc.Badge("– Pendiente", color="light", text_color="dark")
    )
    cuerpo: list[Any] = [
        html.Div(
            [html.H2(fila.etiqueta, className="h6 mb-0 me-2"), estado],
            className="d-flex align-items-center flex-wrap gap-1 mb-1",
        )
    ]
    if fila.versiones:
        cuerpo.append(
            html.Ul(
                [_version(v, i == 0) for i, v in enumerate(fila.versiones)],
                className="list-unstyled mb-0",
            )
        )
    else:
        cuerpo.append(html.Div("Sin documentos.", className="text-muted small"))
    return dbc.Card(dbc.CardBody(cuerpo), className="mb-2", id=f"producto-{fila.tipo}")


def lista(filas: Sequence[FilaProducto], anio: int) -> html.Div:
    """The count line («5/7 productos 2026») and the seven cards."""
    hechos = sum(f.entregado for f in filas)
    return html.Div(
        [
            html.P(
                html.Strong(f"{hechos}/{len(filas)} productos {anio}"),
                id="mesa-productos-conteo",
            ),
            *[tarjeta(f) for f in filas],
        ]
    )
