"""The logged-in user's notices for the web: the navbar's bell and the ``/avisos`` page.

Thin wrappers over :mod:`data_layer.avisos.servicio` with the current user's scope (never an
account taken from the browser): a forged callback naming somebody else's notice is refused there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard import data
from data_layer.avisos import servicio
from data_layer.db import session_factory
from data_layer.periods import hora_honduras

#: The refusal of somebody else's notice (the service's words).
AJENO = servicio.AJENO


@dataclass(frozen=True)
class AvisoWeb:
    """One notice as the page shows it (texts ready to render)."""

    id: int
    tipo: str
    asunto: str
    texto: str
    enlace: str
    cuando: str
    leido: bool


def _cuando(momento: dt.datetime) -> str:
    return hora_honduras(momento).strftime("%d/%m/%Y %H:%M")


def no_leidos() -> int:
    """The bell's number: the current user's unread notices (0 for nobody)."""
    alcance = data.alcance_actual()
    if alcance is None:
        return 0
    with data.sesion_lectura() as s:
        return servicio.no_leidos(s, alcance)


def listar() -> list[AvisoWeb]:
    """The current user's notices, newest first."""
    alcance = data.alcance_actual()
    if alcance is None:
        return []
    with data.sesion_lectura() as s:
        avisos = servicio.listar(s, alcance)
    return [
        AvisoWeb(a.id, a.tipo_texto, a.asunto, a.texto, a.enlace, _cuando(a.creado_en), a.leido)
        for a in avisos
    ]


def marcar(aviso_id: object, *, leido: bool) -> str | None:
    """Mark one of the current user's notices; returns the refusal, or None when done."""
    alcance = data.alcance_actual()
    try:
        with session_factory(data.datos().engine, escritura=True)() as s, s.begin():
            servicio.marcar(s, alcance, aviso_id, leido=leido)
    except servicio.ErrorAviso as exc:
        return str(exc)
    return None


def marcar_todos() -> int:
    """Mark every unread notice of the current user read; returns how many."""
    alcance = data.alcance_actual()
    with session_factory(data.datos().engine, escritura=True)() as s, s.begin():
        return servicio.marcar_todos(s, alcance)
