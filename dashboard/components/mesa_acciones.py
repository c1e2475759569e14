"""How the strategies page looks: its ids, its forms and one card per strategy.

The forms are always in the layout (callbacks need their ids) and shown to who may use them: the
decision box (:mod:`dashboard.components.decision`, with the mesa's own status change), the
resend of a returned strategy and the proposal of a new one.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import decision
from dashboard.components import formularios as fm

P = "mesa-acciones"
ESTADOS = {
    "propuesta": "Propuesta",
    "aprobada": "Aprobada",
    "en_ejecucion": "En ejecución",
    "concluida": "Concluida",
    "descartada": "Descartada",
}
COLORES = {"propuesta": "info", "aprobada": "success", "en_ejecucion": "primary",
           "concluida": "secondary", "descartada": "dark"}  # fmt: skip
#: The statuses the mesa itself moves an approved strategy to.
ESTADOS_MESA = ("en_ejecucion", "concluida", "descartada")


def caja_decidir() -> html.Div:
    """The decision box: the political coordinator's buttons, and the mesa's status change."""
    return decision.caja(
        P,
        "Decidir sobre una estrategia",
        fm.campo("Estrategia", dbc.Select(id=f"{P}-elegida")),
        fm.campo(
            "Nota (obligatoria para devolver o descartar)", dbc.Textarea(id=f"{P}-nota", rows=2)
        ),
        html.Div(id=f"{P}-politico", children=decision.botones(P)),
        html.Div(
            id=f"{P}-mesa-estado",
            className="mt-2",
            children=[
                dbc.Select(
                    id=f"{P}-nuevo-estado",
                    options=fm.opciones([(e, ESTADOS[e]) for e in ESTADOS_MESA]),
                    className="d-inline-block w-auto me-2",
                ),
                dbc.Button("Cambiar estado", id=f"{P}-cambiar", color="secondary"),
            ],
        ),
    )


def bloque_reenviar() -> html.Div:
    """Resend a returned strategy, its description corrected."""
    return html.Div(
        id=f"{P}-reenviar-bloque",
        hidden=True,
        className="border rounded p-3 mb-3",
        children=[
            html.H2("Reenviar una estrategia devuelta", className="h5"),
            fm.campo("Estrategia devuelta", dbc.Select(id=f"{P}-devuelta")),
            fm.campo(
                "Descripción corregida",
                dbc.Textarea(id=f"{P}-nueva-descripcion", rows=2),
                "Corrija la descripción según la nota del coordinador político.",
            ),
            fm.campo("Nota para el coordinador (opcional)", dbc.Input(id=f"{P}-nota-reenvio")),
            dbc.Button("Reenviar", id=f"{P}-reenviar", color="primary"),
        ],
    )


def bloque_proponer() -> html.Div:
    """Propose a strategy, linked to the sector's own goals and indicators."""
    return html.Div(
        id=f"{P}-proponer",
        hidden=True,
        children=[
            html.H2("Proponer una estrategia", className="h5 mt-4"),
            fm.campo("Descripción", dbc.Textarea(id=f"{P}-descripcion", rows=2)),
            fm.campo("Responsable", dbc.Input(id=f"{P}-responsable")),
            fm.campo("Metas del sector que atiende", dcc.Dropdown(id=f"{P}-metas", multi=True)),
            fm.campo(
                "Indicadores del sector que atiende",
                dcc.Dropdown(id=f"{P}-indicadores", multi=True),
            ),
            dbc.Button("Proponer", id=f"{P}-registrar", color="primary"),
        ],
    )


def tarjeta(e: Any, espera: bool) -> dbc.Card:
    """One strategy: status, description, links, who proposed it and its decisions.

    Args:
        e: the strategy.
        espera: it waits for the political coordinator's decision.
    """
    estado = e.estado.value
    historia = [
        html.Li(
            f"{d.fecha:%d/%m/%Y} · {d.accion.replace('_', ' ')} por {d.usuario}"
            + (f": «{d.nota}»" if d.nota else ""),
            className="small",
        )
        for d in e.decisiones
    ]
    vinculos = ", ".join([m.codigo for m in e.metas] + [i.codigo for i in e.indicadores])
    situacion = (
        " · Devuelta a la mesa" if e.devuelta_en else
        (" · Espera la decisión del coordinador político" if espera else "")
    )  # fmt: skip
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(
                    [f"N.º {e.id} ", dbc.Badge(ESTADOS[estado], color=COLORES[estado])],
                    className="h6",
                ),
                html.P(e.descripcion, className="mb-1"),
                html.P(
                    f"Responsable: {e.responsable} · Atiende: {vinculos or '—'} · "
                    f"Propuesta por {e.propuesta_por or '—'}{situacion}",
                    className="small text-muted mb-1",
                ),
                html.Ul(historia, className="mb-0"),
            ]
        ),
        className="mb-2",
        id={"tipo": f"{P}-estrategia", "id": e.id},
    )


def codigos(valores: list[str]) -> list[dict[str, str]]:
    """Dropdown options of goal or indicator codes."""
    return [{"label": c, "value": c} for c in valores]
