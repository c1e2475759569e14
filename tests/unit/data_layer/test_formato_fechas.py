"""How a typed date or time is read: ``dd/mm/aaaa`` and 24-hour ``hh:mm``, ISO kept for links."""

from __future__ import annotations

import datetime as dt

import pytest

from data_layer import formato


@pytest.mark.parametrize(
    ("texto", "fecha"),
    [
        ("03/04/2026", dt.date(2026, 4, 3)),
        ("3/4/2026", dt.date(2026, 4, 3)),
        (" 31/12/2026 ", dt.date(2026, 12, 31)),
        ("31-12-2026", dt.date(2026, 12, 31)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("2026-04-03", dt.date(2026, 4, 3)),
        ("2026-04-03T09:30:00", dt.date(2026, 4, 3)),
    ],
)
def test_leer_fecha_reads_day_first_and_iso(texto, fecha):
    """A date typed as dd/mm/aaaa is day-first (03/04 is the 3rd of April, never March 4th) and
    an ISO date, as old links and forms send, is still read."""
    assert formato.leer_fecha(texto) == fecha


@pytest.mark.parametrize("texto", [None, "", "   "])
def test_leer_fecha_empty_is_none(texto):
    """An empty field is "no date" (the form decides whether it is required)."""
    assert formato.leer_fecha(texto) is None


def test_leer_fecha_passes_dates_through():
    """A date or datetime already parsed is returned as a date."""
    assert formato.leer_fecha(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    assert formato.leer_fecha(dt.datetime(2026, 1, 2, 8, 0)) == dt.date(2026, 1, 2)


@pytest.mark.parametrize(
    ("texto", "mensaje"),
    [
        ("04/31/2026", "no es una fecha que exista"),
        ("30/02/2026", "no es una fecha que exista"),
        ("29/02/2025", "no es una fecha que exista"),
        ("12/2026", "escríbala como dd/mm/aaaa"),
        ("mañana", "escríbala como dd/mm/aaaa"),
        ("03/04/26", "escríbala como dd/mm/aaaa"),
        ("2026/04/03", "escríbala como dd/mm/aaaa"),
    ],
)
def test_leer_fecha_refuses_in_spanish(texto, mensaje):
    """A month-first or impossible date, a two-digit year or free text is refused with a Spanish
    message naming what was typed, never guessed."""
    with pytest.raises(formato.FechaInvalida, match=mensaje) as exc:
        formato.leer_fecha(texto)
    assert f"«{texto}»" in str(exc.value)


@pytest.mark.parametrize(
    ("texto", "hora"),
    [
        ("14:30", dt.time(14, 30)),
        ("9:05", dt.time(9, 5)),
        ("00:00", dt.time(0, 0)),
        ("23:59", dt.time(23, 59)),
        ("08:15:42", dt.time(8, 15)),
    ],
)
def test_leer_hora_reads_24_hours(texto, hora):
    """A time is read on the 24-hour clock; seconds, if typed, are dropped."""
    assert formato.leer_hora(texto) == hora


@pytest.mark.parametrize("texto", ["24:00", "12:60", "2:30 PM", "14h30", "1430", "a"])
def test_leer_hora_refuses_in_spanish(texto):
    """Hours past 23, minutes past 59, AM/PM or no colon are refused with a Spanish message."""
    with pytest.raises(formato.FechaInvalida, match="formato de 24 horas"):
        formato.leer_hora(texto)


def test_leer_hora_empty_is_none():
    """An empty time field is "no time"."""
    assert formato.leer_hora("") is None
    assert formato.leer_hora(None) is None


def test_format_fecha_entrada_round_trips():
    """What a date field is filled with reads back as the same date."""
    fecha = dt.date(2026, 3, 7)
    assert formato.format_fecha_entrada(fecha) == "07/03/2026"
    assert formato.leer_fecha(formato.format_fecha_entrada(fecha)) == fecha
    assert formato.format_fecha_entrada(None) == ""
