"""How numbers, dates, periods and traffic-light states look on screen (Spanish, Honduras).

Numbers are written by :mod:`data_layer.formato`, the one formatting function of the product
(alerts, grids, exports, PDFs and the command line use it too): a decimal point and comma
thousands (``1,234.5``), percentages with one decimal and a space before the sign (``74.1 %``),
half-up rounding on the decimal a person reads (``74.05`` → ``74.1``). Dates are ``dd/mm/aaaa``;
a missing value is an em dash.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
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

# Numbers: the product's one formatting function, re-exported for the dashboard's modules.
from data_layer.formato import VACIO as VACIO
from data_layer.formato import es_vacio as is_empty
from data_layer.formato import format_entero as format_entero
from data_layer.formato import format_numero as format_numero
from data_layer.formato import format_porcentaje as format_porcentaje
from data_layer.formato import redondear as redondear

MESES = (
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


def format_momento(valor: dt.datetime | None) -> str:
    """A moment (already in Honduras time) as ``dd/mm/aaaa hh:mm``, or "—"."""
    if valor is None:
        return VACIO
    return valor.strftime("%d/%m/%Y %H:%M")


def format_periodo(periodo: str) -> str:
    """A period with its months in words, for selectors: ``2024-T3 · julio a septiembre de 2024``.

    Raises:
        PeriodoInvalido: when ``periodo`` is not a period.
    """
    p = periods.parse(periodo)
    if p.frecuencia == "anual":
        return f"{p} · año {p.anio}"
    return f"{p} · {MESES[p.inicio.month - 1]} a {MESES[p.fin.month - 1]} de {p.anio}"


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
            SIN_DATO,
            "Sin dato",
            "Reporte vencido y no recibido (en una meta: menos de la mitad de sus indicadores "
            "con dato)",
            "?",
            "#495057",
            "#ffffff",
            3,
        ),
        PresentacionEstado(
            PENDIENTE,
            "Pendiente",
            "El plazo de reporte aún no vence, o el valor enviado espera la validación de la DIGER",
            "◷",
            "#0a58ca",
            "#ffffff",
            4,
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
