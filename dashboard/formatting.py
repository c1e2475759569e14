"""How numbers, dates, periods and traffic-light states look on screen (Spanish, Honduras).

Honduras writes a decimal point and comma thousands (``1,234.5``); percentages carry one decimal
and a space before the sign (``74.1 %``); dates are ``dd/mm/aaaa``; a missing value is an em dash.
Rounding is half-up on the decimal a person reads (``74.05`` → ``74.1``), not on the binary float,
so the screen agrees with a hand calculation and with the engine's half-up semáforo rounding.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import pandas as pd

from data_layer import periods
from data_layer.engine.frames import (
    AMARILLO,
    NO_PROGRAMADO,
    PENDIENTE,
    ROJO,
    SIN_DATO,
    VERDE,
    Reglas,
)

#: What the screen shows where a value does not exist.
VACIO = "—"

_MESES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)


def is_empty(valor: Any) -> bool:
    """True for None, NaN, NA, NaT and blank text: everything that shows as "—"."""
    if valor is None:
        return True
    if isinstance(valor, str):
        return not valor.strip()
    try:
        return bool(pd.isna(valor))
    except (TypeError, ValueError):  # list-likes are not "a value"
        return False


def redondear(valor: float | int | Decimal, decimales: int) -> Decimal:
    """``valor`` rounded half-up on its shortest decimal text (``74.05`` → ``74.1``).

    Raises:
        InvalidOperation: for a value that is not a number.
    """
    # str() gives the shortest decimal that round-trips the float: 74.05 stays 74.05.
    numero = Decimal(str(valor))
    redondeado = numero.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)
    # Avoid "-0.0" for tiny negative numbers.
    return redondeado.copy_abs() if redondeado.is_zero() else redondeado


def format_numero(valor: Any, decimales: int = 1) -> str:
    """A number as Honduras writes it: ``1,234.5`` (half-up rounding, comma thousands).

    Args:
        valor: an int, float or Decimal; None/NaN give "—".
        decimales: digits after the decimal point.

    Returns:
        The formatted text, or :data:`VACIO`.
    """
    if is_empty(valor):
        return VACIO
    try:
        redondeado = redondear(valor, decimales)
    except (InvalidOperation, ValueError, TypeError):
        return VACIO
    if not redondeado.is_finite():
        return VACIO
    return f"{redondeado:,.{decimales}f}"


def format_entero(valor: Any) -> str:
    """A count: ``1,234`` (half-up rounded to an integer), or "—"."""
    return format_numero(valor, decimales=0)


def format_porcentaje(valor: Any, decimales: int = 1) -> str:
    """A percentage on the 0–100 scale with one decimal: ``74.1 %``, or "—"."""
    texto = format_numero(valor, decimales)
    return VACIO if texto == VACIO else f"{texto} %"


def format_fecha(valor: Any) -> str:
    """A date (or datetime, Timestamp, ISO text) as ``dd/mm/aaaa``, or "—"."""
    if is_empty(valor):
        return VACIO
    if isinstance(valor, str):
        try:
            valor = dt.date.fromisoformat(valor.strip()[:10])
        except ValueError:
            return VACIO
    if isinstance(valor, pd.Timestamp):
        valor = valor.to_pydatetime()
    if isinstance(valor, dt.datetime | dt.date):
        return valor.strftime("%d/%m/%Y")
    return VACIO


def format_periodo(periodo: str) -> str:
    """A period with its months in words, for selectors: ``2024-T3 · julio a septiembre de 2024``.

    Raises:
        PeriodoInvalido: when ``periodo`` is not a period.
    """
    p = periods.parse(periodo)
    if p.frecuencia == "anual":
        return f"{p} · año {p.anio}"
    return f"{p} · {_MESES[p.inicio.month - 1]} a {_MESES[p.fin.month - 1]} de {p.anio}"


@dataclass(frozen=True)
class PresentacionEstado:
    """How one traffic-light state is shown: never by colour alone.

    Attributes:
        estado: the engine's state code (``verde``, ``amarillo``...).
        etiqueta: the short Spanish word shown next to the icon.
        significado: what it means, for tooltips and legends.
        icono: a text symbol with a distinct shape per state.
        fondo: background colour (hex) of badges and chart segments.
        texto: text colour on that background (WCAG AA, contrast ≥ 4.5:1).
        orden: display order, most urgent first.
    """

    estado: str
    etiqueta: str
    significado: str
    icono: str
    fondo: str
    texto: str
    orden: int

    @property
    def clase(self) -> str:
        """The CSS class of badges in this state (``estado-verde``...)."""
        return f"estado-{self.estado.replace('_', '-')}"

    @property
    def rotulo(self) -> str:
        """Icon and word together, as shown in tables: ``✖ Rojo``."""
        return f"{self.icono} {self.etiqueta}"


#: The six states in display order (most urgent first); keys are the engine's state codes.
ESTADOS_PRESENTACION: dict[str, PresentacionEstado] = {
    p.estado: p
    for p in (
        PresentacionEstado(ROJO, "Rojo", "Crítico", "✖", "#b02a37", "#ffffff", 0),
        PresentacionEstado(AMARILLO, "Amarillo", "En riesgo", "▲", "#ffcd39", "#332701", 1),
        PresentacionEstado(VERDE, "Verde", "En meta", "✔", "#146c43", "#ffffff", 2),
        PresentacionEstado(
            SIN_DATO, "Sin dato", "Reporte vencido y no recibido", "?", "#495057", "#ffffff", 3
        ),
        PresentacionEstado(
            PENDIENTE, "Pendiente", "El plazo de reporte aún no vence", "◷", "#0a58ca", "#ffffff", 4
        ),
        PresentacionEstado(
            NO_PROGRAMADO, "No programado", "Sin meta para el periodo", "–", "#e9ecef", "#343a40", 5
        ),
    )
}


def presentar_estado(estado: str) -> PresentacionEstado:
    """The presentation of a state code.

    Raises:
        ValueError: for a text that is not one of the six states.
    """
    try:
        return ESTADOS_PRESENTACION[estado]
    except (KeyError, TypeError):
        raise ValueError(f"«{estado}» no es un estado de semáforo") from None


def contraste(color_a: str, color_b: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours (1 to 21)."""

    def luminancia(color: str) -> float:
        canales = [int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lineales = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in canales]
        return 0.2126 * lineales[0] + 0.7152 * lineales[1] + 0.0722 * lineales[2]

    claro, oscuro = sorted((luminancia(color_a), luminancia(color_b)), reverse=True)
    return (claro + 0.05) / (oscuro + 0.05)


def describir_umbrales(reglas: Reglas) -> dict[str, str]:
    """The avance range of each coloured state under ``reglas``, e.g. ``{"verde": "81 % o más"}``.

    The engine rounds P half-up to an integer before classifying, so the ranges are integers.
    """
    verde = math.ceil(reglas.umbral_verde)
    amarillo = math.ceil(reglas.umbral_amarillo)
    return {
        VERDE: f"{verde} % o más",
        AMARILLO: f"{amarillo} % a {verde - 1} %",
        ROJO: f"{amarillo - 1} % o menos",
    }
