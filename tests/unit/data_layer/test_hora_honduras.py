"""Honduras time, defined once in data_layer.periods (UTC−6 all year; SQLite stores naive UTC)."""

from __future__ import annotations

import datetime as dt

from data_layer.periods import ZONA_HONDURAS, como_utc, hora_honduras, hoy_honduras


def test_naive_stored_times_are_read_as_utc() -> None:
    """A naive time (what SQLite returns) is UTC; an aware one is kept as it is."""
    assert como_utc(dt.datetime(2026, 1, 1, 3, 0)) == dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)
    aware = dt.datetime(2026, 1, 1, 3, 0, tzinfo=ZONA_HONDURAS)
    assert como_utc(aware) is aware


def test_honduras_time_is_six_hours_behind_utc_all_year() -> None:
    """03:00 UTC on 1 January is 21:00 of 31 December in Honduras, in July too (no DST)."""
    enero = hora_honduras(dt.datetime(2026, 1, 1, 3, 0))
    julio = hora_honduras(dt.datetime(2026, 7, 1, 3, 0, tzinfo=dt.UTC))
    assert (enero.date(), enero.hour) == (dt.date(2025, 12, 31), 21)
    assert (julio.date(), julio.hour) == (dt.date(2026, 6, 30), 21)


def test_today_in_honduras_matches_the_clock() -> None:
    """`hoy_honduras` is today's date at UTC−6."""
    esperado = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=6)).date()
    assert hoy_honduras() in {esperado, esperado + dt.timedelta(days=1)}
