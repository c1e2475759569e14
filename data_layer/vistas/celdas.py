"""Reading single cells of the MCR's frames for the detail pages: texts, numbers, names.

Empty cells and NA become None, so a page shows "—" and never "nan".
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from data_layer.engine.frames import MCR


def texto(valor: Any) -> str | None:
    """A text cell as str, or None when empty/NA."""
    if valor is None or (not isinstance(valor, str) and pd.isna(valor)):
        return None
    texto = str(valor).strip()
    return texto or None


def numero(valor: Any) -> float | None:
    """A numeric cell as float, or None when NA."""
    if valor is None or pd.isna(valor):
        return None
    return float(valor)


def una_fila(frame: pd.DataFrame, etiqueta: str) -> pd.Series:
    """The one row of ``frame`` labelled ``etiqueta`` (``frame.loc[etiqueta]``), as a Series.

    Raises:
        KeyError: no row has that label.
        ValueError: several rows have it (``loc`` would give a frame, not a row).
    """
    resultado = frame.loc[etiqueta]
    if isinstance(resultado, pd.DataFrame):
        raise ValueError(f"{etiqueta!r} labels {len(resultado)} rows, not one")
    return resultado


def nombre_de(frame: pd.DataFrame, clave: str, codigo: str | None) -> str | None:
    """The ``nombre`` of the row of ``frame`` whose ``clave`` is ``codigo`` (None if absent)."""
    if codigo is None:
        return None
    filas = frame.loc[frame[clave].astype("str") == codigo, "nombre"]
    return None if filas.empty else str(filas.iloc[0])


def descripciones_metas(mcr: MCR) -> pd.Series:
    """Each goal's description, indexed by its code."""
    return pd.Series(
        mcr.metas["descripcion"].astype("str").to_numpy(),
        index=mcr.metas["codigo"].astype("str").to_numpy(),
    )
