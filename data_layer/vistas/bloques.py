"""One block of a long table for AG Grid's infinite row model: filtered, sorted and cut here.

A grid with ``rowModelType="infinite"`` asks the server for rows ``startRow``..``endRow`` with its
``sortModel`` and ``filterModel``; :func:`bloque` applies them to the whole table (a DataFrame
the caller already cut to the user's scope and the page's filters) and returns that slice and how
many rows pass, so only the block is formatted and sent. What the browser sends is never
trusted:

- a column the grid does not declare (:class:`Columna`), a filter type AG Grid's text filter
  does not offer, a text longer than :data:`MAX_TEXTO_FILTRO`, more than
  :data:`MAX_CONDICIONES` conditions or an unknown operator raise :class:`ModeloInvalido`
  (the caller answers an empty block); a sort entry that is not ``asc``/``desc`` on a declared
  column is ignored;
- the bounds are clamped: ``startRow`` to 0 or more, the block to at most :data:`MAX_BLOQUE`
  rows (a forged ``endRow`` of 10⁹ gets one block, not the table).

Filters follow AG Grid's text filter (as :mod:`dashboard.components.modelo_grid` does for the
exports): case-insensitive, an empty cell passes ``notEqual``, ``notContains`` and ``blank``
only; conditions joined with ``AND``/``OR``. Sorting is AG Grid's default comparator, column
by column in the model's order, stable (equal rows keep the table's order), empty values first
when ascending and last when descending.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Rows per block the grid asks for (its ``cacheBlockSize``).
TAMANO_BLOQUE = 100
#: Most rows one answer carries, whatever ``endRow`` says.
MAX_BLOQUE = 200
#: Conditions one column's filter may combine (AG Grid offers two).
MAX_CONDICIONES = 5
#: Characters of one filter's text.
MAX_TEXTO_FILTRO = 500

TIPOS_TEXTO = frozenset(
    {"equals", "notEqual", "contains", "notContains", "startsWith", "endsWith", "blank", "notBlank"}
)


class ModeloInvalido(ValueError):
    """A filter model the grid could not have sent."""


@dataclass(frozen=True)
class Columna:
    """How one grid column reads the table.

    Attributes:
        filtro: the table column its text filter compares (the text the cell shows).
        orden: the table column its sort compares (the grid's ``field``).
    """

    filtro: str
    orden: str


@dataclass(frozen=True)
class Bloque:
    """One block of rows and how many rows pass the filters.

    Attributes:
        filas: the block's rows of the table (its own columns, its own index), in grid order.
        total: rows of the whole table that pass the filters (the grid's ``rowCount``).
        inicio: the position of the block's first row among them.
    """

    filas: pd.DataFrame
    total: int
    inicio: int


def _entero(valor: Any) -> int | None:
    if isinstance(valor, bool) or not isinstance(valor, int | float):
        return None
    if isinstance(valor, float) and not np.isfinite(valor):
        return None
    return int(valor)


def limites(inicio: Any, fin: Any) -> tuple[int, int]:
    """``startRow`` and ``endRow`` as the block actually served: start at 0 or more, at most
    :data:`MAX_BLOQUE` rows; a missing or malformed end gives :data:`TAMANO_BLOQUE` rows."""
    desde = max(_entero(inicio) or 0, 0)
    hasta = _entero(fin)
    if hasta is None:
        hasta = desde + TAMANO_BLOQUE
    return desde, desde + min(max(hasta - desde, 0), MAX_BLOQUE)


def _vacio(valores: pd.Series) -> np.ndarray:
    texto = valores.astype("string")
    return (valores.isna() | texto.str.strip().eq("").fillna(True)).to_numpy(dtype=bool)


def _condicion(valores: pd.Series, modelo: Any) -> np.ndarray:
    if not isinstance(modelo, Mapping):
        raise ModeloInvalido("una condición de un filtro debe ser un objeto")
    tipo = modelo.get("type")
    if tipo not in TIPOS_TEXTO:
        raise ModeloInvalido(f"tipo de filtro de texto desconocido: {tipo!r}")
    if tipo in ("blank", "notBlank"):
        vacio = _vacio(valores)
        return vacio if tipo == "blank" else ~vacio
    buscado = modelo.get("filter")
    if not isinstance(buscado, str) or len(buscado) > MAX_TEXTO_FILTRO:
        raise ModeloInvalido("el texto de un filtro debe ser un texto corto")
    buscado = buscado.lower()
    texto = valores.astype("string").str.lower()
    if tipo in ("equals", "notEqual"):
        igual = texto.eq(buscado)
    elif tipo in ("contains", "notContains"):
        igual = texto.str.contains(buscado, regex=False)
    elif tipo == "startsWith":
        igual = texto.str.startswith(buscado)
    else:
        igual = texto.str.endswith(buscado)
    # An empty cell matches nothing: it passes the negative filters only.
    if tipo in ("notEqual", "notContains"):
        return (~igual).fillna(True).to_numpy(dtype=bool)
    return igual.fillna(False).to_numpy(dtype=bool)


def _filtro_columna(valores: pd.Series, modelo: Any) -> np.ndarray:
    if not isinstance(modelo, Mapping):
        raise ModeloInvalido("el filtro de una columna debe ser un objeto")
    if modelo.get("filterType", "text") != "text":
        raise ModeloInvalido(f"clase de filtro desconocida: {modelo.get('filterType')!r}")
    condiciones = modelo.get("conditions")
    if condiciones is None:
        return _condicion(valores, modelo)
    if not isinstance(condiciones, list) or not 0 < len(condiciones) <= MAX_CONDICIONES:
        raise ModeloInvalido("condiciones de un filtro fuera de lo que ofrece la tabla")
    pasan = [_condicion(valores, c) for c in condiciones]
    operador = modelo.get("operator", "AND")
    if operador == "AND":
        return np.logical_and.reduce(pasan)
    if operador == "OR":
        return np.logical_or.reduce(pasan)
    raise ModeloInvalido(f"operador desconocido: {operador!r}")


def filtrar(tabla: pd.DataFrame, columnas: Mapping[str, Columna], modelo: Any) -> pd.DataFrame:
    """The rows of ``tabla`` that pass the grid's ``filterModel`` (all when there is none).

    Raises:
        ModeloInvalido: not a text-filter model of the columns in ``columnas``.
    """
    if modelo in (None, {}):
        return tabla
    if not isinstance(modelo, Mapping) or len(modelo) > len(columnas):
        raise ModeloInvalido("el modelo de filtros debe ser un objeto de las columnas")
    mascara = np.ones(len(tabla), dtype=bool)
    for col_id, filtro in modelo.items():
        columna = columnas.get(col_id) if isinstance(col_id, str) else None
        if columna is None:
            raise ModeloInvalido(f"la tabla no filtra por la columna {col_id!r}")
        mascara &= _filtro_columna(tabla[columna.filtro], filtro)
    return tabla.loc[mascara]


def ordenar(tabla: pd.DataFrame, columnas: Mapping[str, Columna], modelo: Any) -> pd.DataFrame:
    """``tabla`` in the order of the grid's ``sortModel`` (``[{colId, sort}]``, most significant
    first); entries on undeclared columns or with another direction are ignored."""
    if not isinstance(modelo, Sequence) or isinstance(modelo, str):
        return tabla
    criterios: list[tuple[str, bool]] = []
    for entrada in list(modelo)[: len(columnas)]:
        if not isinstance(entrada, Mapping):
            continue
        col_id, sentido = entrada.get("colId"), entrada.get("sort")
        columna = columnas.get(col_id) if isinstance(col_id, str) else None
        if columna is not None and sentido in ("asc", "desc"):
            criterios.append((columna.orden, sentido == "asc"))
    resultado = tabla
    # Stable sorts from the least to the most significant column give the multi-column order.
    for campo, ascendente in reversed(criterios):
        resultado = resultado.sort_values(
            campo,
            ascending=ascendente,
            kind="stable",
            na_position="first" if ascendente else "last",
        )
    return resultado


def bloque(
    tabla: pd.DataFrame,
    columnas: Mapping[str, Columna],
    inicio: Any = 0,
    fin: Any = None,
    orden: Any = None,
    filtro: Any = None,
) -> Bloque:
    """Rows ``inicio``..``fin`` of ``tabla`` under the grid's filter and sort models.

    Args:
        tabla: every row the user may see under the page's filters, in the page's order.
        columnas: grid column id → how it reads ``tabla``.
        inicio: the request's ``startRow``.
        fin: the request's ``endRow`` (see :func:`limites`).
        orden: the request's ``sortModel``.
        filtro: the request's ``filterModel``.

    Raises:
        ModeloInvalido: a filter model the grid could not have sent.
    """
    pasan = ordenar(filtrar(tabla, columnas, filtro), columnas, orden)
    desde, hasta = limites(inicio, fin)
    return Bloque(filas=pasan.iloc[desde:hasta], total=len(pasan), inicio=desde)
