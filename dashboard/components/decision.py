"""The «Aprobar / Devolver con nota» box of a proposal waiting for the political coordinator.

The plan de trabajo and the strategies are decided the same way: a box ``<P>-decidir`` (hidden
until the page shows it to who may decide) with a note and the two buttons ``<P>-aprobar`` and
``<P>-devolver``, each sending one write (:func:`registrar`). The service checks that the actor
is the mesa's designated political coordinator, and that returning carries a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import State, html

from dashboard.components.pagina_mesa import Hacer, al_pulsar


def botones(p: str) -> list[dbc.Button]:
    """«Aprobar» and «Devolver con nota» of page ``p``."""
    return [
        dbc.Button("Aprobar", id=f"{p}-aprobar", color="success", className="me-2"),
        dbc.Button("Devolver con nota", id=f"{p}-devolver", color="warning", className="me-2"),
    ]


def caja(p: str, titulo: str, *partes: Any) -> html.Div:
    """The decision box of page ``p`` (hidden until the page shows it), holding ``partes``."""
    return html.Div(
        id=f"{p}-decidir",
        hidden=True,
        className="border rounded p-3 mb-3 bg-light",
        children=[html.H2(titulo, className="h5"), *partes],
    )


def registrar(
    p: str, que: str, leer: Mapping[str, State], *, aprobar: Hacer, devolver: Hacer
) -> None:
    """Register the two decisions of page ``p`` (forms ``aprobar_<que>``, ``devolver_<que>``).

    Args:
        p: the page's id prefix.
        que: what is decided (``plan``, ``estrategia``), naming the forms.
        leer: what both decisions read from the page (the note, the record), by name.
        aprobar: the approval's write.
        devolver: the return's write.
    """
    al_pulsar(p, "aprobar", f"aprobar_{que}", leer)(aprobar)
    al_pulsar(p, "devolver", f"devolver_{que}", leer)(devolver)
