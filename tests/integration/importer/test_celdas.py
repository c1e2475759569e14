"""Single cells: CSV text and Excel numbers/dates become the column's type or a clear error."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_layer.importer.celdas import (
    CeldaInvalida,
    to_choice,
    to_date,
    to_list,
    to_number,
    to_period,
    to_text,
    to_year,
)


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [
        (2024, "2024"),
        (2024.0, "2024"),
        ("2024", "2024"),
        (" 2024-t3 ", "2024-T3"),
        ("2025-S2", "2025-S2"),
    ],
)
def test_periods_from_numbers_and_text(valor, esperado):
    """A year typed as an Excel number (int or float) is the annual period; text is normalised."""
    assert to_period(valor) == esperado


@pytest.mark.parametrize("valor", ["2024-T5", "2024-S3", "24", 2024.5, "2024-Q1"])
def test_bad_periods(valor):
    """Impossible periods are rejected with the accepted forms."""
    with pytest.raises(CeldaInvalida, match="no es un periodo válido"):
        to_period(valor)


def test_codes_typed_as_numbers_are_text():
    """101 and 101.0 typed in Excel are the code «101»; text is stripped."""
    assert to_text(101) == to_text(101.0) == to_text(" 101 ") == "101"
    assert to_text(1.5) == "1.5"


@pytest.mark.parametrize(
    ("texto", "pista"),
    [
        ("12,5", "use punto decimal: 12.5"),
        ("1,234.5", "no use separador de miles: 1234.5"),
        ("45%", "escríbalo sin «%»"),
        ("nan", "no es un número válido"),
        ("inf", "no es un número válido"),
        ("doce", "no es un número válido"),
    ],
)
def test_bad_numbers_say_how_to_write_them(texto, pista):
    """Decimal commas, thousands separators, percent signs and words are not numbers."""
    with pytest.raises(CeldaInvalida) as exc:
        to_number(texto)
    assert pista in str(exc.value)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_written_with_a_point_read_back_exactly(x):
    """Any finite float written as Python writes it (point decimal) reads back identical."""
    assert to_number(repr(x)) == x
    assert to_number(x) == x


def test_dates_from_cells_and_text():
    """Excel date/datetime cells and aaaa-mm-dd text are dates; other forms are errors."""
    assert to_date(dt.datetime(2024, 4, 10, 0, 0)) == dt.date(2024, 4, 10)
    assert to_date(dt.date(2024, 4, 10)) == to_date(" 2024-04-10 ") == dt.date(2024, 4, 10)
    with pytest.raises(CeldaInvalida, match=r"use aaaa-mm-dd: 2024-04-03"):
        to_date("3/4/2024")
    with pytest.raises(CeldaInvalida, match="no es una fecha válida"):
        to_date(45390)


def test_years_lists_and_choices():
    """Years have 4 digits; lists split on «;»; choices ignore case and list allowed values."""
    assert to_year(2022) == to_year(2022.0) == to_year("2022") == 2022
    for malo in ("22", "0999", "2022.5", 12345):
        with pytest.raises(CeldaInvalida, match="4 dígitos"):
            to_year(malo)
    assert to_list(" E2-ECO ; E2-SOC;;E2-ECO ") == ["E2-ECO", "E2-SOC"]
    assert to_choice(" Trimestral ", ("trimestral", "anual")) == "trimestral"
    with pytest.raises(CeldaInvalida, match="valores permitidos: trimestral, anual"):
        to_choice("mensual", ("trimestral", "anual"))
