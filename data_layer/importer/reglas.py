"""Building blocks of the cross-row checks: the desired state, code indexes, references, cycles."""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from data_layer.importer.esquema import Fila
from data_layer.importer.estado import MetasDeseadas, ValoresDeseados
from data_layer.importer.resultado import Errores


@dataclass
class Deseado:
    """What the file asks the database to hold, by code (same shape as :class:`Estado`)."""

    ejes: dict[str, dict[str, Any]] = field(default_factory=dict)
    sectores: dict[str, dict[str, Any]] = field(default_factory=dict)
    instituciones: dict[str, dict[str, Any]] = field(default_factory=dict)
    temas: set[str] = field(default_factory=set)
    metas: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicadores: dict[str, dict[str, Any]] = field(default_factory=dict)
    programacion: MetasDeseadas = field(default_factory=MetasDeseadas)
    avances: ValoresDeseados = field(default_factory=ValoresDeseados)


def index_by_code(
    hoja: str, filas: Sequence[Fila], clave: str, errores: Errores
) -> dict[str, Fila]:
    """Rows by code; a repeated code is reported at its second row and left out."""
    vistas: dict[str, Fila] = {}
    for fila in filas:
        codigo = fila[clave]
        if codigo is None:
            continue
        if codigo in vistas:
            errores.add(
                hoja,
                fila.numero,
                clave,
                f"«{codigo}» está repetido (ya aparece en la fila {vistas[codigo].numero})",
            )
        else:
            vistas[codigo] = fila
    return vistas


class Referencias:
    """Reports references to codes that exist neither in the file nor in the database."""

    def __init__(self, errores: Errores) -> None:
        self.errores = errores

    def check(
        self, hoja: str, fila: Fila, columna: str, codigo: str | None, conocidos: Container[str]
    ) -> bool:
        """True when ``codigo`` is empty or known; otherwise report it."""
        if codigo is None or codigo in conocidos:
            return True
        que = {
            "eje": "el eje",
            "eje_padre": "el eje",
            "ejes": "el eje",
            "sector": "el sector",
            "sectores": "el sector",
            "institucion": "la institución",
            "institucion_rectora": "la institución",
            "institucion_responsable": "la institución",
            "meta": "la meta",
            "contribuye_a": "la meta",
            "indicador": "el indicador",
        }[columna]
        self.errores.add(
            hoja,
            fila.numero,
            columna,
            f"{que} «{codigo}» no existe (ni en el archivo ni en la base de datos)",
        )
        return False

    def check_all(
        self, hoja: str, fila: Fila, columna: str, codigos: Iterable[str], conocidos: Container[str]
    ) -> list[str]:
        """The known codes among ``codigos``; each unknown one is reported."""
        return [c for c in codigos if self.check(hoja, fila, columna, c, conocidos)]


def find_cycles(aristas: dict[str, list[str]]) -> list[list[str]]:
    """Every elementary cycle reached by an iterative depth-first search (one per back edge)."""
    color: dict[str, int] = {}
    ciclos: list[list[str]] = []
    for inicio in aristas:
        if color.get(inicio):
            continue
        camino: list[str] = []
        pila: list[tuple[str, Iterable[str]]] = [(inicio, iter(aristas.get(inicio, ())))]
        color[inicio] = 1
        camino.append(inicio)
        while pila:
            nodo, siguientes = pila[-1]
            avanzo = False
            for sig in siguientes:
                estado = color.get(sig, 0)
                if estado == 1:
                    ciclos.append([*camino[camino.index(sig) :], sig])
                elif estado == 0:
                    color[sig] = 1
                    camino.append(sig)
                    pila.append((sig, iter(aristas.get(sig, ()))))
                    avanzo = True
                    break
            if not avanzo:
                color[nodo] = 2
                camino.pop()
                pila.pop()
    return ciclos
