"""The goal page's grid rows (``/metas/<codigo>``): its contributing goals and its indicators.

Rows are built from the frames of :func:`data_layer.vistas.detalle.contenido_meta`: numbers travel
as numbers plus the text :mod:`dashboard.formatting` made of them; links keep the filters.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.components import detalle as det
from dashboard.components import grid as grids
from dashboard.filtros import Filtros

#: What the "¿Entra en el promedio?" column says, and its tooltip.
CUENTA_TEXTO = {True: "Sí", False: "No"}
CUENTA_MOTIVO = {True: "Su avance entra en el promedio", False: "Sin avance o en «Sin dato»"}


def filas_contribuyentes(contribuyentes: pd.DataFrame, f: Filtros) -> list[dict[str, Any]]:
    """Rows of the contributing goals' grid: level and "counts in the mean" as text, each code a
    link to its goal keeping the filters."""
    filas = grids.records(
        contribuyentes.assign(
            nivel_texto=contribuyentes["nivel"].map(det.NIVELES),
            cuenta_texto=contribuyentes["cuenta"].map(CUENTA_TEXTO),
            cuenta_motivo=contribuyentes["cuenta"].map(CUENTA_MOTIVO),
        ).drop(columns=["cuenta", "nivel"]),
        porcentajes=("avance", "participacion"),
        estado="semaforo",
        enlaces={"codigo": lambda fila: det.enlace_meta(fila["codigo"], f)},
    )
    det.con_textos(filas, numeros=("peso",))
    return filas


def filas_indicadores(
    indicadores: pd.DataFrame, f: Filtros, evaluado: str | None = None
) -> list[dict[str, Any]]:
    """Rows of the goal's indicators' grid: the eslabón as text, each code a link to its
    indicator keeping the filters, and why a period is not the evaluated quarter ``evaluado``."""
    filas = grids.records(
        indicadores.assign(eslabon_texto=indicadores["eslabon"].map(det.ESLABONES_TEXTO)),
        porcentajes=("avance_pct",),
        estado="semaforo",
        enlaces={"codigo": lambda fila: det.enlace_indicador(fila["codigo"], f)},
    )
    det.con_textos(filas, numeros=("meta", "valor", "linea_base", "peso"))
    return det.con_motivos(filas, evaluado)
