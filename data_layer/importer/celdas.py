"""Converting one cell (CSV text, or an Excel number/date/text) into a typed value.

Each converter returns the value or raises :class:`CeldaInvalida` with a Spanish message saying
what is wrong and how to write it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from data_layer import periods

_NUMERO = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_COMA_DECIMAL = re.compile(r"^[+-]?\d*,\d+$")
_MILES = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_FECHA = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FECHA_DMA = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ANIO = re.compile(r"^\d{4}$")


class CeldaInvalida(ValueError):
    """A cell whose content cannot be read as the column's type; the message is for the user."""


def to_text(valor: Any) -> str:
    """Text of a cell; a whole number typed in Excel (``101`` or ``101.0``) is the text ``101``."""
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, dt.datetime):
        return valor.date().isoformat() if valor.time() == dt.time() else valor.isoformat()
    if isinstance(valor, dt.date):
        return valor.isoformat()
    return str(valor).strip()


def to_number(valor: Any) -> float:
    """A finite number; text must use a decimal point and no thousands separator."""
    if isinstance(valor, bool) or isinstance(valor, dt.date | dt.time):
        raise CeldaInvalida(f"«{to_text(valor)}» no es un número válido")
    if isinstance(valor, int | float):
        numero = float(valor)
    else:
        texto = str(valor).strip()
        if _MILES.match(texto) and "." not in texto:
            raise CeldaInvalida(
                f"«{texto}» no es un número válido (use punto decimal y ningún separador de "
                f"miles: {texto.replace(',', '.')} o {texto.replace(',', '')})"
            )
        if _MILES.match(texto):
            raise CeldaInvalida(
                f"«{texto}» no es un número válido (no use separador de miles: "
                f"{texto.replace(',', '')})"
            )
        if _COMA_DECIMAL.match(texto):
            raise CeldaInvalida(
                f"«{texto}» no es un número válido (use punto decimal: {texto.replace(',', '.')})"
            )
        if texto.endswith("%") and _NUMERO.match(texto[:-1].strip()):
            raise CeldaInvalida(f"«{texto}» no es un número válido (escríbalo sin «%»)")
        if not _NUMERO.match(texto):
            raise CeldaInvalida(f"«{texto}» no es un número válido")
        numero = float(texto)
    if not math.isfinite(numero):
        raise CeldaInvalida(f"«{valor}» no es un número válido")
    return numero


def to_period(valor: Any) -> str:
    """A period in its canonical text (``2024-T3``, ``2024-S1``, ``2024``).

    A year typed as an Excel number (``2024`` or ``2024.0``) is the period ``2024``.
    """
    texto = to_text(valor).upper()
    try:
        return str(periods.parse(texto))
    except periods.PeriodoInvalido as exc:
        raise CeldaInvalida(str(exc)) from None


def to_date(valor: Any) -> dt.date:
    """A date from an Excel date cell or ``aaaa-mm-dd`` text."""
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    texto = to_text(valor)
    if _FECHA.match(texto):
        try:
            return dt.date.fromisoformat(texto)
        except ValueError:
            raise CeldaInvalida(f"«{texto}» no es una fecha válida (no existe ese día)") from None
    dma = _FECHA_DMA.match(texto)
    if dma:
        dia, mes, anio = dma.groups()
        iso = f"{anio}-{int(mes):02d}-{int(dia):02d}"
        raise CeldaInvalida(f"«{texto}» no es una fecha válida (use aaaa-mm-dd: {iso})")
    raise CeldaInvalida(
        f"«{texto}» no es una fecha válida (use aaaa-mm-dd, por ejemplo 2024-04-15)"
    )


def to_year(valor: Any) -> int:
    """A four-digit year."""
    texto = to_text(valor)
    if isinstance(valor, bool) or not _ANIO.match(texto) or texto.startswith("0"):
        raise CeldaInvalida(f"«{texto}» no es un año válido (use 4 dígitos, por ejemplo 2022)")
    return int(texto)


def to_choice(valor: Any, opciones: tuple[str, ...]) -> str:
    """One of ``opciones`` (compared without regard to case or surrounding spaces)."""
    texto = to_text(valor)
    if texto.lower() not in opciones:
        raise CeldaInvalida(
            f"«{texto}» no es un valor válido; valores permitidos: {', '.join(opciones)}"
        )
    return texto.lower()


def to_list(valor: Any) -> list[str]:
    """The ``;``-separated items of a cell, stripped, without blanks or repetitions, in order."""
    items = (item.strip() for item in to_text(valor).split(";"))
    return list(dict.fromkeys(item for item in items if item))
