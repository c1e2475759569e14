"""Reporting periods: ``2024-T3`` (quarter), ``2024-S1`` (semester), ``2024`` (year).

Parsing, calendar arithmetic and the as-of resolution of DOMAIN.md §2 live here, once. The
vectorised helpers map the (few) distinct period texts of a column: one dictionary lookup per row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

PERIOD_RE = re.compile(r"^(?P<anio>\d{4})(?:-(?P<tipo>[TS])(?P<n>\d))?$")

#: Frequency name → number of periods in a year.
PERIODOS_POR_ANIO = {"trimestral": 4, "semestral": 2, "anual": 1}
_LETRA = {"trimestral": "T", "semestral": "S", "anual": ""}
_FRECUENCIA_DE_LETRA = {"T": "trimestral", "S": "semestral", None: "anual"}


#: Honduras keeps UTC−6 all year (no daylight saving time since 2006).
ZONA_HONDURAS = dt.timezone(dt.timedelta(hours=-6), "CST")


def como_utc(momento: dt.datetime) -> dt.datetime:
    """A stored time as aware UTC (SQLite returns UTC times without a zone)."""
    return momento if momento.tzinfo else momento.replace(tzinfo=dt.UTC)


def hora_honduras(momento: dt.datetime) -> dt.datetime:
    """A stored time in Honduras time."""
    return como_utc(momento).astimezone(ZONA_HONDURAS)


def hoy_honduras() -> dt.date:
    """Today's date in Honduras: the default cut date of every evaluation."""
    return dt.datetime.now(ZONA_HONDURAS).date()


class PeriodoInvalido(ValueError):
    """A text that is not a period; the message is in Spanish, for the user."""


@dataclass(frozen=True, order=True)
class Periodo:
    """A parsed period: ``anio``, its ``frecuencia`` and its number within the year (1-based)."""

    anio: int
    n: int
    frecuencia: str

    def __str__(self) -> str:
        letra = _LETRA[self.frecuencia]
        return f"{self.anio}-{letra}{self.n}" if letra else str(self.anio)

    @property
    def ordinal(self) -> int:
        """Position on the time line of its own frequency (consecutive periods differ by 1)."""
        return self.anio * PERIODOS_POR_ANIO[self.frecuencia] + self.n - 1

    @property
    def inicio(self) -> dt.date:
        """First day of the period."""
        meses = 12 // PERIODOS_POR_ANIO[self.frecuencia]
        return dt.date(self.anio, (self.n - 1) * meses + 1, 1)

    @property
    def fin(self) -> dt.date:
        """Last day of the period."""
        meses = 12 // PERIODOS_POR_ANIO[self.frecuencia]
        ultimo_mes = self.n * meses
        if ultimo_mes == 12:
            return dt.date(self.anio, 12, 31)
        return dt.date(self.anio, ultimo_mes + 1, 1) - dt.timedelta(days=1)

    def desplazar(self, pasos: int) -> Periodo:
        """The period ``pasos`` periods later (earlier when negative), same frequency."""
        return from_ordinal(self.ordinal + pasos, self.frecuencia)


def from_ordinal(ordinal: int, frecuencia: str) -> Periodo:
    """Inverse of :attr:`Periodo.ordinal`."""
    por_anio = PERIODOS_POR_ANIO[frecuencia]
    return Periodo(anio=ordinal // por_anio, n=ordinal % por_anio + 1, frecuencia=frecuencia)


@cache
def parse(texto: str) -> Periodo:
    """Parse ``2024-T3``, ``2024-S1`` or ``2024``.

    Raises:
        PeriodoInvalido: with a Spanish message naming the accepted forms.
    """
    m = PERIOD_RE.match(str(texto).strip())
    if m is None:
        raise PeriodoInvalido(
            f"«{texto}» no es un periodo válido (use 2024-T1 a 2024-T4, 2024-S1, 2024-S2 o 2024)"
        )
    tipo = m.group("tipo")
    n = int(m.group("n")) if tipo else 1
    frecuencia = _FRECUENCIA_DE_LETRA[tipo]
    if not 1 <= n <= PERIODOS_POR_ANIO[frecuencia]:
        raise PeriodoInvalido(
            f"«{texto}» no es un periodo válido (use 2024-T1 a 2024-T4, 2024-S1, 2024-S2 o 2024)"
        )
    return Periodo(anio=int(m.group("anio")), n=n, frecuencia=frecuencia)


def frecuencia_de(texto: str) -> str:
    """Frequency of a period text (``trimestral``, ``semestral`` or ``anual``)."""
    return parse(texto).frecuencia


@cache
def resolver(evaluado: str, frecuencia: str) -> str:
    """The latest period of ``frecuencia`` that ends on or before the end of ``evaluado``.

    As of ``2024-T3``: trimestral → ``2024-T3``, semestral → ``2024-S1``, anual → ``2023``.
    """
    fin = parse(evaluado).fin  # always the last day of a month
    por_anio = PERIODOS_POR_ANIO[frecuencia]
    completos = fin.month // (12 // por_anio)
    if completos == 0:
        return str(Periodo(fin.year - 1, por_anio, frecuencia))
    return str(Periodo(fin.year, completos, frecuencia))


def vencimiento(periodo: str, plazo_dias: int) -> dt.date:
    """Date by which the report of ``periodo`` is due."""
    return parse(periodo).fin + dt.timedelta(days=plazo_dias)


def ultimo_trimestre_vencido(fecha_corte: dt.date, plazo_dias: int) -> str:
    """The latest quarter whose reports are due on or before ``fecha_corte``."""
    q = Periodo((fecha_corte.year), (fecha_corte.month - 1) // 3 + 1, "trimestral")
    while q.fin + dt.timedelta(days=plazo_dias) > fecha_corte:
        q = q.desplazar(-1)
    return str(q)


def rango(desde: str, hasta: str) -> list[str]:
    """Every period from ``desde`` to ``hasta`` inclusive (same frequency)."""
    a, b = parse(desde), parse(hasta)
    if a.frecuencia != b.frecuencia:
        raise PeriodoInvalido(f"«{desde}» y «{hasta}» tienen frecuencias distintas")
    return [str(from_ordinal(o, a.frecuencia)) for o in range(a.ordinal, b.ordinal + 1)]


def period_columns(periodos: pd.Series) -> pd.DataFrame:
    """Calendar attributes of a column of period texts, aligned with its index.

    Returns a frame with ``frecuencia`` (str), ``anio`` (int), ``ordinal`` (int) and ``fin``
    (datetime64). Parses each distinct text once.
    """
    unicos = pd.unique(periodos.astype(str))
    parsed = {p: parse(p) for p in unicos}
    tabla = pd.DataFrame(
        {
            "frecuencia": [parsed[p].frecuencia for p in unicos],
            "anio": [parsed[p].anio for p in unicos],
            "ordinal": [parsed[p].ordinal for p in unicos],
            "fin": pd.to_datetime([parsed[p].fin for p in unicos]),
        },
        index=pd.Index(unicos, name="periodo"),
    )
    out = tabla.reindex(periodos.astype(str).to_numpy())
    out.index = periodos.index
    return out
