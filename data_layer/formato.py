"""How every number and date of the product is written and read: one rule each, in one place.

Honduras writes a decimal point and comma thousands (``1,234.5``); percentages carry one decimal
and a space before the sign (``74.1 %``); a missing value is an em dash. Rounding is half away
from zero on the decimal a person reads (``74.05`` → ``74.1``, ``0.125`` → ``0.13``, ``2.675`` →
``2.68``, ``-0.05`` → ``-0.1``), never on the binary float (where 74.05 is 74.0499…, so Python's
``round`` and ``format`` give 74.0), so a value prints the same in an alert message, a grid, an
export, a PDF and the command line, and agrees with a hand calculation and with the engine's
half-up semáforo rounding.

:func:`format_numero` formats one value; :func:`format_numeros` formats an array the same way,
vectorised (the alert messages format hundreds of thousands of numbers at 100×): it rounds with
floats where that is exact and falls back to :func:`format_numero` for the few values within a
hair of a tie.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

#: What is printed where a value does not exist.
VACIO = "—"

#: Within this relative distance of a tie, the float rounding of :func:`format_numeros` is not
#: trusted and the exact decimal rule decides.
_CERCA_DEL_EMPATE = 1e-9


def es_vacio(valor: Any) -> bool:
    """True for None, NaN, NA, NaT and blank text: everything printed as "—"."""
    if valor is None:
        return True
    if isinstance(valor, str):
        return not valor.strip()
    try:
        return bool(pd.isna(valor))
    except (TypeError, ValueError):  # list-likes are not "a value"
        return False


def redondear(valor: float | int | Decimal, decimales: int) -> Decimal:
    """``valor`` rounded half away from zero on its shortest decimal text (``74.05`` → ``74.1``).

    Raises:
        InvalidOperation: for a value that is not a number.
    """
    # str() gives the shortest decimal that round-trips the float: 74.05 stays 74.05.
    numero = Decimal(str(valor))
    redondeado = numero.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)
    # Avoid "-0.0" for tiny negative numbers.
    return redondeado.copy_abs() if redondeado.is_zero() else redondeado


def format_numero(valor: Any, decimales: int = 1, *, miles: bool = True) -> str:
    """A number as Honduras writes it: ``1,234.5`` (rounded by :func:`redondear`).

    Args:
        valor: an int, float or Decimal; None/NaN/infinite give "—".
        decimales: digits after the decimal point.
        miles: comma thousands (False for machine-readable CSV: ``1234.5``).

    Returns:
        The formatted text, or :data:`VACIO`.
    """
    if es_vacio(valor) or isinstance(valor, bool):
        return VACIO
    try:
        redondeado = redondear(valor, decimales)
    except (InvalidOperation, ValueError, TypeError):
        return VACIO
    if not redondeado.is_finite():
        return VACIO
    return f"{redondeado:{',' if miles else ''}.{decimales}f}"


def format_entero(valor: Any) -> str:
    """A count: ``1,234`` (rounded to an integer), or "—"."""
    return format_numero(valor, decimales=0)


def format_porcentaje(valor: Any, decimales: int = 1) -> str:
    """A percentage on the 0–100 scale with one decimal: ``74.1 %``, or "—"."""
    texto = format_numero(valor, decimales)
    return VACIO if texto == VACIO else f"{texto} %"


def _flotantes(valores: Any) -> np.ndarray:
    """``valores`` as a float array (anything not a number becomes NaN)."""
    if isinstance(valores, pd.Series | pd.Index):
        valores = valores.to_numpy()
    arreglo = np.asarray(valores)
    if arreglo.dtype.kind in "fiu":
        return arreglo.astype("float64")
    serie = pd.to_numeric(pd.Series(arreglo.ravel(), dtype=object), errors="coerce")
    return serie.to_numpy(dtype="float64", na_value=np.nan).reshape(arreglo.shape)


def format_numeros(valores: Any, decimales: int = 1) -> np.ndarray:
    """:func:`format_numero` of every value of an array (Series, array, list), vectorised.

    Returns:
        An object array of texts, positionally aligned with ``valores`` (an index is ignored).
    """
    numeros = _flotantes(valores)
    resultado = np.full(numeros.shape, VACIO, dtype=object)
    finitos = np.isfinite(numeros)
    escala = 10.0**decimales
    # Values near the float limit overflow to inf here: they fall under ">= 2**52" below and are
    # formatted one by one, so the overflow is expected, not an error.
    with np.errstate(over="ignore", invalid="ignore"):
        absolutos = np.abs(np.where(finitos, numeros, 0.0)) * escala
        fraccion = absolutos - np.floor(absolutos)
    dudosos = finitos & (
        (np.abs(fraccion - 0.5) <= _CERCA_DEL_EMPATE * np.maximum(absolutos, 1.0))
        | (absolutos >= 2.0**52)
    )
    seguros = finitos & ~dudosos
    if seguros.any():
        enteros = np.floor(absolutos[seguros] + 0.5) * np.sign(numeros[seguros])
        # + 0.0 turns the -0.0 of a tiny negative number into 0.0 ("0.0", never "-0.0").
        redondeados = enteros / escala + 0.0
        formato = np.frompyfunc(f"{{:,.{decimales}f}}".format, 1, 1)
        resultado[seguros] = formato(redondeados)
    for i in np.flatnonzero(dudosos):
        resultado[i] = format_numero(float(numeros[i]), decimales)
    return resultado


class NumeroInvalido(ValueError):
    """A typed text that is not a number as SIGPRET writes them; the message is in Spanish."""


#: A number as SIGPRET writes it: an optional sign, digits with optional comma thousands groups
#: (``12,500``), an optional point and decimals.
_NUMERO = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$")


def leer_numero(texto: Any) -> float | None:
    """A number typed by a person, read the way SIGPRET prints them: the point is the decimal
    separator and a comma only groups thousands (``12,500.5``). A comma anywhere else
    (``12,5``) is refused rather than guessed: read as a decimal it would turn the «12,500» a
    person copied from a table into 12.5.

    Returns:
        The number, or None for an empty text.

    Raises:
        NumeroInvalido: not a finite number in that form (Spanish message).
    """
    if texto is None:
        return None
    if isinstance(texto, int | float) and not isinstance(texto, bool):
        numero = float(texto)
    else:
        limpio = str(texto).strip().replace(" ", "")
        if not limpio:
            return None
        if not _NUMERO.match(limpio):
            if "," in limpio:
                raise NumeroInvalido(
                    f"«{texto}» no es un número: use el punto para los decimales (1234.5); la "
                    "coma solo separa miles (12,500)."
                )
            raise NumeroInvalido(f"«{texto}» no es un número.")
        numero = float(limpio.replace(",", ""))
    if math.isnan(numero) or math.isinf(numero):
        raise NumeroInvalido("El valor debe ser un número finito.")
    return numero


class FechaInvalida(ValueError):
    """A typed date or time that SIGPRET cannot read; the message is in Spanish."""


#: A date as people in Honduras type it: ``dd/mm/aaaa`` (one-digit day or month allowed, ``-``
#: or ``.`` accepted in place of ``/``).
_FECHA_DMA = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
#: A date as machines write it (``aaaa-mm-dd``), optionally followed by a time (``T09:30``).
_FECHA_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?$")
#: A 24-hour time: ``9:30``, ``09:30`` or ``09:30:00``.
_HORA = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def format_fecha_entrada(valor: dt.date | None) -> str:
    """A date as a date field shows it (``dd/mm/aaaa``), or "" for no date."""
    return "" if valor is None else valor.strftime("%d/%m/%Y")


def leer_fecha(texto: Any) -> dt.date | None:
    """A date typed by a person: ``dd/mm/aaaa`` (as SIGPRET prints them) or ISO ``aaaa-mm-dd``.

    The day comes first whatever the browser's language: ``03/04/2026`` is the 3rd of April.

    Returns:
        The date, or None for an empty text.

    Raises:
        FechaInvalida: not a date in either form, or a day that does not exist (Spanish message).
    """
    if texto is None:
        return None
    if isinstance(texto, dt.datetime):
        return texto.date()
    if isinstance(texto, dt.date):
        return texto
    limpio = str(texto).strip()
    if not limpio:
        return None
    if m := _FECHA_DMA.match(limpio):
        dia, mes, anio = (int(g) for g in m.groups())
    elif m := _FECHA_ISO.match(limpio):
        anio, mes, dia = (int(g) for g in m.groups())
    else:
        raise FechaInvalida(f"«{texto}» no es una fecha: escríbala como dd/mm/aaaa (31/12/2026).")
    try:
        return dt.date(anio, mes, dia)
    except ValueError:
        raise FechaInvalida(f"«{texto}» no es una fecha que exista (dd/mm/aaaa).") from None


def leer_hora(texto: Any) -> dt.time | None:
    """A time typed by a person, on the 24-hour clock: ``14:30`` (``9:05`` and ``14:30:00`` too).

    Returns:
        The time (seconds dropped), or None for an empty text.

    Raises:
        FechaInvalida: not a 24-hour ``hh:mm`` time (Spanish message).
    """
    if texto is None:
        return None
    if isinstance(texto, dt.time):
        return texto.replace(second=0, microsecond=0)
    limpio = str(texto).strip()
    if not limpio:
        return None
    m = _HORA.match(limpio)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise FechaInvalida(
            f"«{texto}» no es una hora: escríbala en formato de 24 horas, hh:mm (14:30)."
        )
    return dt.time(int(m.group(1)), int(m.group(2)))
