"""`sigpret report` cuts at today's date in Honduras, not at the server's (issue #9).

The clock is frozen at 19:30 of 31 March 2026 in Honduras, which is already 1 April on a server
that keeps UTC: the functions the code reads the date from (``date.today()``, as a UTC server
answers it, and ``datetime.now(zone)``) are replaced, in the CLI and in ``data_layer.periods``, by
ones that answer for that instant.
"""

from __future__ import annotations

import csv
import datetime as dt
import types

import pytest

import data_layer.cli
import data_layer.periods
from data_layer.cli import main

#: 19:30 on 31/03/2026 in Honduras (UTC−6): 01:30 on 01/04/2026 in UTC.
INSTANTE = dt.datetime(2026, 4, 1, 1, 30, tzinfo=dt.UTC)


class _Fecha(dt.date):
    @classmethod
    def today(cls) -> dt.date:  # a server whose local time is UTC
        return INSTANTE.date()


class _Momento(dt.datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
        return INSTANTE.astimezone(tz) if tz is not None else INSTANTE.replace(tzinfo=None)


@pytest.fixture
def reloj_utc(monkeypatch) -> None:
    """Freeze the clock the CLI and ``periods`` read at :data:`INSTANTE`, on a UTC server."""
    reloj = types.SimpleNamespace(
        **{n: getattr(dt, n) for n in dir(dt) if not n.startswith("__")},
    )
    reloj.date, reloj.datetime = _Fecha, _Momento
    for modulo in (data_layer.cli, data_layer.periods):
        monkeypatch.setattr(modulo, "dt", reloj)


@pytest.fixture
def demo(demo_database_url, monkeypatch) -> str:
    """The demo database as the CLI's database."""
    monkeypatch.setenv("DATABASE_URL", demo_database_url)
    return demo_database_url


def test_the_frozen_clock_is_still_the_31st_in_honduras(reloj_utc) -> None:
    """The premise: at that instant Honduras is on the 31st while the server is on the 1st."""
    assert data_layer.periods.hoy_honduras() == dt.date(2026, 3, 31)
    assert data_layer.cli.dt.date.today() == dt.date(2026, 4, 1)


def test_report_without_cut_date_uses_honduras_today(demo, reloj_utc, capsys) -> None:
    """After 18:00 in Honduras on a UTC server, `sigpret report` without ``--fecha-corte``
    evaluates at Honduras' date (31/03/2026), not tomorrow's: the header says so and the alerts
    (overdue acuerdos included) are exactly those of ``--fecha-corte 2026-03-31``."""
    assert main(["report", "metas", "--periodo", "2025-T4"]) == 0
    encabezado = capsys.readouterr().out.splitlines()[0]
    assert "fecha de corte 31/03/2026" in encabezado

    base = ["report", "alertas", "--periodo", "2025-T4", "--formato", "csv"]
    assert main(base) == 0
    por_defecto = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert main([*base, "--fecha-corte", "2026-03-31"]) == 0
    explicita = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert por_defecto == explicita
