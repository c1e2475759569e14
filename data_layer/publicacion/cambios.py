"""What changed between two published snapshots (issue #14, item 4): goals, ejes and sectors
whose state moved, with their avance before and after.

A pure function of two stored snapshots: the change log of the portal and of the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from data_layer.publicacion.instantanea import Instantanea

#: How bad each state is, for «mejoró» / «empeoró» (sin_dato and the others are not ranked).
_RANGO = {"rojo": 0, "amarillo": 1, "verde": 2}


@dataclass(frozen=True)
class Cambio:
    """One item whose state changed between two snapshots.

    Attributes:
        tipo: ``meta`` (a presidential goal), ``eje`` or ``sector``.
        codigo, nombre: the item.
        antes, despues: its state in the earlier and the later snapshot (None: it was not in it).
        avance_antes, avance_despues: its avance in each (None: none).
        sentido: ``mejora``, ``empeora`` or ``cambio`` (not comparable: sin_dato, new, gone…).
    """

    tipo: str
    codigo: str
    nombre: str
    antes: str | None
    despues: str | None
    avance_antes: float | None
    avance_despues: float | None
    sentido: str


def _sentido(antes: str | None, despues: str | None) -> str:
    if antes in _RANGO and despues in _RANGO:
        return "mejora" if _RANGO[despues] > _RANGO[antes] else "empeora"
    return "cambio"


def _indice(filas: list[dict[str, Any]], nombre: str) -> dict[str, dict[str, Any]]:
    return {f["codigo"]: {**f, "_nombre": f[nombre]} for f in filas}


def _comparar(tipo: str, antes: dict, despues: dict) -> list[Cambio]:
    cambios = []
    for codigo in sorted(set(antes) | set(despues)):
        a, d = antes.get(codigo), despues.get(codigo)
        estado_a = a["semaforo"] if a else None
        estado_d = d["semaforo"] if d else None
        if estado_a == estado_d:
            continue
        cambios.append(
            Cambio(
                tipo=tipo,
                codigo=codigo,
                nombre=(d or a or {})["_nombre"],
                antes=estado_a,
                despues=estado_d,
                avance_antes=a["avance"] if a else None,
                avance_despues=d["avance"] if d else None,
                sentido=_sentido(estado_a, estado_d),
            )
        )
    return cambios


def cambios(anterior: Instantanea, posterior: Instantanea) -> list[Cambio]:
    """Presidential goals, ejes and sectors whose state differs from ``anterior`` to
    ``posterior``: goals first, then ejes, then sectors; worsened before improved, then code."""
    todos = [
        *_comparar(
            "meta",
            _indice(anterior["metas_presidenciales"], "descripcion"),
            _indice(posterior["metas_presidenciales"], "descripcion"),
        ),
        *_comparar(
            "eje", _indice(anterior["ejes"], "nombre"), _indice(posterior["ejes"], "nombre")
        ),
        *_comparar(
            "sector",
            _indice(anterior["sectores"], "nombre"),
            _indice(posterior["sectores"], "nombre"),
        ),
    ]
    orden_tipo = {"meta": 0, "eje": 1, "sector": 2}
    orden_sentido = {"empeora": 0, "cambio": 1, "mejora": 2}
    return sorted(todos, key=lambda c: (orden_tipo[c.tipo], orden_sentido[c.sentido], c.codigo))


def resumen(lista: list[Cambio]) -> dict[str, int]:
    """How many items improved, worsened or changed otherwise."""
    return {s: sum(1 for c in lista if c.sentido == s) for s in ("mejora", "empeora", "cambio")}
