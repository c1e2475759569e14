"""Vectorised Spanish message building: element-wise text concatenation and number formatting.

Numbers are written by the product's one formatting function (:mod:`data_layer.formato`), so an
alert says ``74.1 %`` where the grid shows ``74.1 %``.

Text is built on numpy object arrays (one C-level loop per operation), which is several times
faster than pandas string arithmetic without pyarrow and never aligns on an index by mistake.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_layer import formato


def plano(valores: object) -> np.ndarray:
    """Positional object array: parts come from frames with different indexes, never aligned."""
    if isinstance(valores, pd.Series | pd.Index):
        valores = valores.to_numpy()
    return np.asarray(valores, dtype=object)


def format_number(valores: pd.Series | np.ndarray) -> np.ndarray:
    """``1,234.5``: one decimal, half-up as everywhere (:func:`data_layer.formato.format_numeros`:
    ``74.05`` → ``74.1``), point as decimal separator, comma thousands; NaN → "—"."""
    return formato.format_numeros(valores, 1)


def format_value(valores: pd.Series | np.ndarray) -> np.ndarray:
    """A reported value or target: whole numbers (counts) without decimals, ``401,914``;
    others as :func:`format_number` (``86.3``); NaN → "—"."""
    numeros = np.asarray(valores, dtype=float)
    with np.errstate(invalid="ignore"):
        enteros = np.isfinite(numeros) & (numeros == np.round(numeros))
    return np.where(enteros, formato.format_numeros(numeros, 0), formato.format_numeros(numeros, 1))


def texto(*partes: object) -> np.ndarray:
    """Element-wise concatenation of text parts (plain strings are repeated on every row).

    Missing values (None, NaN) become empty text.
    """
    resultado = np.asarray("", dtype=object)
    for parte in partes:
        if not isinstance(parte, str):
            parte = plano(parte)
            faltan = pd.isna(parte)
            if faltan.any():
                parte = np.where(faltan, "", parte)
        resultado = resultado + parte
    return np.asarray(resultado, dtype=object)


def join_per_indicator(
    pos: np.ndarray, partes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Join ``partes`` with ", " per indicator; ``pos`` must be sorted.

    Returns:
        ``(pos of each indicator, number of parts, joined text)``.
    """
    if len(pos) == 0:
        vacio = np.array([], dtype=np.int64)
        return vacio, vacio, np.array([], dtype=object)
    inicio = np.r_[True, pos[1:] != pos[:-1]]
    cortes = np.flatnonzero(inicio)
    unidos = np.add.reduceat(texto(np.where(inicio, "", ", "), partes), cortes)
    cuantos = np.diff(np.r_[cortes, len(pos)])
    return pos[cortes], cuantos, unidos
