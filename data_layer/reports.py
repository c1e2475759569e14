"""The tables of ``sigpret report …`` (DOMAIN.md §7) and their CSV and readable renderings.

Numbers are written by the product's one formatting function (:mod:`data_layer.formato`): the
terminal shows ``74.1 %`` where the dashboard shows ``74.1 %``.
"""

from __future__ import annotations

import io
import math
from collections.abc import Hashable, Mapping

import pandas as pd

from data_layer import formato

#: Report name → (source frame of the engine result, {report column: source column}).
COLUMNAS_REPORTE: dict[str, dict[str, str]] = {
    "indicadores": {
        "indicador": "codigo",
        "periodo": "periodo",
        "meta": "meta",
        "valor": "valor",
        "avance_pct": "avance_pct",
        "semaforo": "semaforo",
    },
    "metas": {
        "meta": "codigo",
        "nivel": "nivel",
        "avance_directo": "avance_directo",
        "cobertura": "cobertura",
        "avance_contribuyentes": "avance_contribuyentes",
        "semaforo": "semaforo",
    },
    "alertas": {
        "tipo": "tipo",
        "severidad": "severidad",
        "entidad": "entidad",
        "mensaje": "mensaje",
    },
}

#: Percentages (0–100 scale) printed with one decimal.
PORCENTAJES = {"avance_pct", "avance_directo", "cobertura", "avance_contribuyentes"}


def report_frame(nombre: str, fuente: pd.DataFrame) -> pd.DataFrame:
    """Select and rename the columns of report ``nombre`` from an engine result frame.

    Indicator and goal reports are sorted by code; alerts keep the engine's order (severest first).
    """
    mapa = COLUMNAS_REPORTE[nombre]
    datos = fuente.reset_index() if "codigo" in mapa.values() else fuente
    tabla = datos[list(mapa.values())].set_axis(list(mapa), axis=1)
    if "codigo" in mapa.values():
        tabla = tabla.sort_values(tabla.columns[0], kind="stable")
    return tabla.reset_index(drop=True)


def _plain_number(valor: object, porcentaje: bool) -> str:
    """CSV number: point decimal, no thousands separator; empty when missing."""
    if valor is None or (isinstance(valor, float) and math.isnan(valor)) or valor is pd.NA:
        return ""
    x = float(valor)  # type: ignore[arg-type]
    if porcentaje:
        return formato.format_numero(x, 1, miles=False)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return formato.format_numero(x, 6, miles=False).rstrip("0").rstrip(".")


def _es_hn_number(valor: object, porcentaje: bool) -> str:
    """Readable number as Honduras writes it: ``1,234.5``; ``74.1 %`` for percentages."""
    if valor is None or (isinstance(valor, float) and math.isnan(valor)) or valor is pd.NA:
        return "—"
    x = float(valor)  # type: ignore[arg-type]
    if porcentaje:
        return formato.format_porcentaje(x)
    if x.is_integer():
        return formato.format_entero(x)
    return formato.format_numero(x, 2)


def _render_cells(frame: pd.DataFrame, numero) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    celdas = {}
    for columna in frame.columns:
        serie = frame[columna]
        if pd.api.types.is_numeric_dtype(serie) and not pd.api.types.is_bool_dtype(serie):
            pct = columna in PORCENTAJES
            celdas[columna] = [numero(v, pct) for v in serie.tolist()]
        else:
            celdas[columna] = ["" if pd.isna(v) else str(v) for v in serie.tolist()]
    return pd.DataFrame(celdas, columns=frame.columns, dtype=object)


def to_csv(frame: pd.DataFrame) -> str:
    """CSV: header row, point decimals, no thousands separator, empty cells where no value."""
    buffer = io.StringIO()
    _render_cells(frame, _plain_number).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def to_table(frame: pd.DataFrame) -> str:
    """A readable fixed-width table with es-HN numbers, for the terminal."""
    celdas = _render_cells(frame, _es_hn_number)
    if celdas.empty:
        return "(sin filas)\n"
    anchos = {c: max(len(c), *(len(v) for v in celdas[c])) for c in celdas.columns}
    numericas = {
        c
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    }

    def linea(valores: Mapping[Hashable, str]) -> str:
        partes = [
            valores[c].rjust(anchos[c]) if c in numericas else valores[c].ljust(anchos[c])
            for c in celdas.columns
        ]
        return "  ".join(partes).rstrip()

    filas = [linea({c: c for c in celdas.columns})]
    filas.append("  ".join("-" * anchos[c] for c in celdas.columns))
    filas.extend(linea(fila) for fila in celdas.to_dict("records"))
    return "\n".join(filas) + f"\n({len(celdas)} filas)\n"
