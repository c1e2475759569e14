"""Rendering of `sigpret report` tables: the CSV contract of DOMAIN.md §7 and the readable table."""

from __future__ import annotations

import math

import pandas as pd

from data_layer.reports import report_frame, to_csv, to_table


def _indicadores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "periodo": ["2024-T4", "2024"],
            "meta": [1234567.0, 12.5],
            "valor": [1000.0, math.nan],
            "avance_pct": [81.04, math.nan],
            "semaforo": ["verde", "sin_dato"],
            "otra": [1, 2],
        },
        index=pd.Index(["IND-1", "IND-2"], name="codigo"),
    )


def test_report_columns_and_order() -> None:
    """The indicator report has exactly the contract's columns, in order, from the engine frame."""
    tabla = report_frame("indicadores", _indicadores())
    assert list(tabla.columns) == [
        "indicador",
        "periodo",
        "meta",
        "valor",
        "avance_pct",
        "semaforo",
    ]
    assert tabla["indicador"].tolist() == ["IND-1", "IND-2"]


def test_csv_conventions() -> None:
    """CSV: point decimal, no thousands separator, one-decimal percentages, empty if missing."""
    csv = to_csv(report_frame("indicadores", _indicadores()))
    assert csv.splitlines() == [
        "indicador,periodo,meta,valor,avance_pct,semaforo",
        "IND-1,2024-T4,1234567,1000,81.0,verde",
        "IND-2,2024,12.5,,,sin_dato",
    ]


def test_csv_quotes_text_with_commas() -> None:
    """Messages containing commas stay in one CSV cell."""
    alertas = pd.DataFrame(
        {"tipo": ["x"], "severidad": ["alta"], "entidad": ["M-1"], "mensaje": ["uno, dos"]}
    )
    assert to_csv(report_frame("alertas", alertas)).splitlines()[1] == 'x,alta,M-1,"uno, dos"'


def test_readable_table_uses_es_hn_numbers() -> None:
    """The terminal table writes 1,234,567 and 81.0 % and a dash for missing values."""
    tabla = to_table(report_frame("indicadores", _indicadores()))
    assert "1,234,567" in tabla and "81.0 %" in tabla and "—" in tabla
    assert tabla.rstrip().endswith("(2 filas)")


def test_percentage_rounding_is_one_decimal() -> None:
    """Percentages are written with exactly one decimal (66.66… → 66.7)."""
    metas = pd.DataFrame(
        {
            "nivel": ["sectorial"],
            "avance_directo": [200 / 3],
            "cobertura": [100.0],
            "avance_contribuyentes": [math.nan],
            "semaforo": ["verde"],
        },
        index=pd.Index(["MS-1"], name="codigo"),
    )
    assert (
        to_csv(report_frame("metas", metas)).splitlines()[1] == "MS-1,sectorial,66.7,100.0,,verde"
    )
