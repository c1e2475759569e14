"""The reporting calendar and the state of a report, once (DOMAIN.md §8).

A period's report is due ``plazo_reporte_dias`` after the period ends (the engine's deadline); it
closes for first reports ``cierre_dias`` after that deadline, unless an analyst reopened it for
the institution. The state a planning unit sees for each indicator and period follows from its
latest version and that calendar (:func:`estado_reporte`).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata

from data_layer import periods
from data_layer.engine.frames import Reglas
from data_layer.models import EstadoVersion


class EstadoReporte(enum.StrEnum):
    """What a planning unit sees of one indicator and period."""

    por_reportar = "por_reportar"
    borrador = "borrador"
    enviado = "enviado"
    devuelto = "devuelto"
    validado = "validado"
    tardio = "tardio"
    cerrado = "cerrado"


#: Spanish labels of :class:`EstadoReporte`, for pages and exports.
ETIQUETAS = {
    EstadoReporte.por_reportar: "Por reportar",
    EstadoReporte.borrador: "Borrador",
    EstadoReporte.enviado: "Enviado (por validar)",
    EstadoReporte.devuelto: "Devuelto",
    EstadoReporte.validado: "Validado",
    EstadoReporte.tardio: "Tardío",
    EstadoReporte.cerrado: "Cerrado",
}

#: Spanish labels of the version states.
ETIQUETAS_VERSION = {
    EstadoVersion.borrador: "Borrador",
    EstadoVersion.enviado: "Enviado (por validar)",
    EstadoVersion.devuelto: "Devuelto",
    EstadoVersion.validado: "Validado",
    EstadoVersion.reemplazado: "Reemplazado",
}


def vencimiento(periodo: str, reglas: Reglas) -> dt.date:
    """The day a period's report is due (the period's end + ``plazo_reporte_dias``)."""
    return periods.vencimiento(periodo, reglas.plazo_reporte_dias)


def cierre(periodo: str, reglas: Reglas) -> dt.date:
    """The last day a first report of ``periodo`` is accepted without a reapertura."""
    return vencimiento(periodo, reglas) + dt.timedelta(days=reglas.cierre_dias)


def cerrado(periodo: str, hoy: dt.date, reglas: Reglas, *, reabierto: bool = False) -> bool:
    """Whether ``periodo`` is closed for first reports on ``hoy`` (a reapertura opens it)."""
    return hoy > cierre(periodo, reglas) and not reabierto


def terminado(periodo: str, hoy: dt.date) -> bool:
    """Whether ``periodo`` has ended by ``hoy``: only then can its value be reported."""
    return periods.parse(periodo).fin < hoy


def estado_reporte(
    ultimo: EstadoVersion | None,
    periodo: str,
    hoy: dt.date,
    reglas: Reglas,
    *,
    recibido: bool,
    reabierto: bool = False,
) -> EstadoReporte:
    """The state of one indicator and period for its planning unit.

    Args:
        ultimo: the state of the period's latest version (None: never reported).
        periodo: the period.
        hoy: today (Honduras).
        reglas: the calendar's numbers.
        recibido: whether any version of the period was ever sent (a first report was made).
        reabierto: whether a reapertura for the institution and period is in force.
    """
    if ultimo in (EstadoVersion.validado, EstadoVersion.reemplazado):
        return EstadoReporte.validado
    if ultimo is EstadoVersion.enviado:
        return EstadoReporte.enviado
    if ultimo is EstadoVersion.devuelto:
        return EstadoReporte.devuelto
    if not recibido and cerrado(periodo, hoy, reglas, reabierto=reabierto):
        return EstadoReporte.cerrado
    if ultimo is EstadoVersion.borrador:
        return EstadoReporte.borrador
    if hoy > vencimiento(periodo, reglas):
        return EstadoReporte.tardio
    return EstadoReporte.por_reportar


# --- units ------------------------------------------------------------------------------------

_ADMITE_NEGATIVOS = re.compile(r"variaci|crecimiento|cambio|saldo|balance|diferencia|deficit")


def _plano(texto: str) -> str:
    sin_tildes = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode()
    return sin_tildes.strip().lower()


def es_porcentaje(unidad: str | None) -> bool:
    """A unit is a percentage when it contains "%" or starts with "porcentaje" (the engine's
    rule for ``dato_atipico``)."""
    u = _plano(unidad or "")
    return "%" in u or u.startswith("porcentaje")


def admite_negativos(unidad: str | None) -> bool:
    """Whether a value of ``unidad`` may be negative: only changes, growth rates and balances;
    counts, amounts and percentages may not."""
    return bool(_ADMITE_NEGATIVOS.search(_plano(unidad or "")))


def valor_imposible(valor: float, unidad: str | None) -> str | None:
    """Why ``valor`` cannot be a value of ``unidad`` (refused at entry), or None."""
    if es_porcentaje(unidad) and not 0 <= valor <= 100:
        return "Un porcentaje debe estar entre 0 y 100."
    if valor < 0 and not es_porcentaje(unidad) and not admite_negativos(unidad):
        return f"La unidad «{unidad}» no admite valores negativos."
    return None
