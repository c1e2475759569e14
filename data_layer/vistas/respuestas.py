"""Ministers' responses as the goal page and the overview show them (issue #11, item 7).

- :func:`panel_meta`: a goal's current response and its history, its state in the period shown
  and whether the user may answer (a minister of its sector, the goal red in that period);
- :func:`recientes`: the current responses of the goals the user sees, newest first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from data_layer import periods, permisos, respuestas
from data_layer.auth import Alcance
from data_layer.engine import Resultado
from data_layer.engine.frames import MCR
from data_layer.models import RespuestaMinistro


@dataclass(frozen=True)
class Respuesta:
    """One response as shown."""

    id: int
    meta: str
    periodo: str
    texto: str
    acciones: str
    fecha_esperada: dt.date | None
    firmante: str
    registrada: dt.date
    descripcion: str = ""


@dataclass(frozen=True)
class PanelMeta:
    """The goal page's response section."""

    meta: str
    periodo: str
    semaforo: str | None
    puede_responder: bool
    vigente: Respuesta | None
    anteriores: list[Respuesta] = field(default_factory=list)


def _fila(r: RespuestaMinistro, codigo: str) -> Respuesta:
    return Respuesta(
        id=r.id,
        meta=codigo,
        periodo=r.periodo,
        texto=r.texto,
        acciones=r.acciones,
        fecha_esperada=r.fecha_esperada,
        firmante=r.firmante,
        registrada=periods.hora_honduras(r.registrada_en).date(),
    )


def semaforo(res: Resultado, codigo: str) -> str | None:
    """The goal's state in the evaluated period of ``res`` (None: not evaluated)."""
    if codigo not in res.metas.index:
        return None
    valor = res.metas.at[codigo, "semaforo"]
    return str(valor) if isinstance(valor, str) else None


def panel_meta(
    session: Session, alcance: Alcance | None, res: Resultado, codigo: str, sector: str | None
) -> PanelMeta:
    """The response section of goal ``codigo`` (of ``sector``) for the period of ``res``."""
    estado = semaforo(res, codigo)
    historia = [_fila(r, codigo) for r in respuestas.historial(session, codigo)]
    return PanelMeta(
        meta=codigo,
        periodo=res.periodo,
        semaforo=estado,
        puede_responder=estado == "rojo" and permisos.puede_responder_meta(alcance, sector),
        vigente=historia[0] if historia else None,
        anteriores=historia[1:],
    )


def recientes(session: Session, mcr: MCR, limite: int = 5) -> list[Respuesta]:
    """The current responses of the goals of ``mcr`` (the MCR as the user sees it), newest
    first (at most ``limite``)."""
    descripciones = dict(
        zip(mcr.metas["codigo"].astype(str), mcr.metas["descripcion"].astype(str), strict=True)
    )
    filas = [
        dataclasses.replace(_fila(r, codigo), descripcion=descripciones[codigo])
        for codigo, r in respuestas.vigentes(session).items()
        if codigo in descripciones
    ]
    return sorted(filas, key=lambda r: r.id, reverse=True)[:limite]
