"""What waits for a user's decision: one row per proposal, plan or strategy, from every kind.

Each kind of proposal offers a ``pendientes(session, actor) -> list[Pendiente]`` (target
revisions: :func:`data_layer.revisiones.consultas.pendientes`); the «Pendientes de mi decisión»
page lists them together, oldest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Pendiente:
    """One thing waiting for the acting user.

    Attributes:
        tipo: its kind, in Spanish («Revisión de meta», «Plan de trabajo», «Estrategia»).
        titulo: what it is about, in one line.
        sector: the sector's name, or None (a presidential goal's indicator).
        propuesto_por: who sent it (name, or user name when it has none).
        desde: the day (Honduras) it started waiting.
        href: the page where the user decides.
    """

    tipo: str
    titulo: str
    sector: str | None
    propuesto_por: str
    desde: dt.date
    href: str
