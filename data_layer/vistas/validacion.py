"""What the review queue (``/validacion``) shows: grid rows, the detail of one version, the filter
choices and the summary line, as plain Spanish text and formatted numbers (no Dash).

The queue itself is :mod:`data_layer.reportes.cola`; numbers are written by
:mod:`data_layer.formato` (the same value never prints differently in two places).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from data_layer import periods
from data_layer.evidencias import ruta_descarga
from data_layer.formato import VACIO, format_entero, format_numero, format_porcentaje
from data_layer.reportes import controles
from data_layer.reportes.cola import SIN_BANDERAS, EntradaCola, ReaperturaVigente

#: Where an evidence file is downloaded (the scope-checked download route of deliverable 4).
#: Filter choices of the flag dropdown: every flag, and "none" (what bulk validation takes).
OPCIONES_BANDERA = [
    *controles.BANDERAS.items(),
    (SIN_BANDERAS, "Sin banderas (se pueden validar en lote)"),
]
OPCIONES_TIPO = [("reporte", "Reportes"), ("correccion", "Solicitudes de corrección")]


def _numero(valor: float) -> str:
    """A reported value: up to two decimals, as typed (``12``, ``12.5``, ``1,234.75``)."""
    if valor is None or (isinstance(valor, float) and math.isnan(valor)):
        return VACIO
    texto = format_numero(valor, 2)
    return texto[:-3] if texto.endswith(".00") else texto


def _nulo(valor: float) -> float | None:
    return None if valor is None or math.isnan(valor) else float(valor)


def momento(valor: dt.datetime | None) -> str:
    """A stored time as Honduras reads it: ``dd/mm/aaaa hh:mm``."""
    if valor is None:
        return VACIO
    return periods.hora_honduras(valor).strftime("%d/%m/%Y %H:%M")


def tipo(e: EntradaCola) -> str:
    """«Corrección» or «Reporte» (a new version after a return says so)."""
    if e.correccion:
        return "Corrección"
    return "Reporte" if e.numero == 1 else f"Reporte (versión {e.numero})"


def evidencia(e: EntradaCola) -> tuple[str, str] | None:
    """The evidence as ``(texto, enlace)``: the uploaded file, else the link; None when none."""
    if e.evidencia_clave:
        return e.evidencia_nombre or "Archivo", ruta_descarga(e.evidencia_clave)
    if e.evidencia_url:
        return "Enlace", e.evidencia_url
    return None


def _enlace_extra(e: EntradaCola) -> tuple[str, str]:
    """The https link when a file is attached too (:func:`evidencia` shows the file first)."""
    if e.evidencia_clave and e.evidencia_url:
        return f"enlace {e.evidencia_url}", e.evidencia_url
    return "", ""


def dias_espera(e: EntradaCola, hoy: dt.date) -> int | None:
    """Days since the version was sent (``validacion_pendiente`` after 5)."""
    if e.recibido_en is None:
        return None
    return (hoy - periods.hora_honduras(e.recibido_en).date()).days


def fila(e: EntradaCola, hoy: dt.date, usuario: str | None = None) -> dict[str, Any]:
    """One grid row: numbers (for sorting) with their text, flags as labels, links.

    Args:
        e: the queue entry.
        hoy: today (Honduras), for the days waiting.
        usuario: the analyst looking: a version they sent is marked (they may not review it).
    """
    ev = evidencia(e)
    espera = dias_espera(e, hoy)
    return {
        "id": e.version_id,
        "tipo": tipo(e),
        "correccion": e.correccion,
        "institucion": e.institucion,
        "institucion_nombre": e.institucion_nombre,
        "sector": e.sector,
        "sector_nombre": e.sector_nombre,
        "indicador": e.indicador,
        "indicador_nombre": e.indicador_nombre,
        "unidad": e.unidad,
        "periodo": e.periodo,
        "valor": _nulo(e.valor),
        "valor_texto": _numero(e.valor),
        "meta": _nulo(e.meta),
        "meta_texto": _numero(e.meta),
        "valor_anterior": _nulo(e.valor_anterior),
        "valor_anterior_texto": _numero(e.valor_anterior),
        "valor_validado": _nulo(e.valor_validado),
        "valor_validado_texto": _numero(e.valor_validado),
        "avance": _nulo(e.avance_pct),
        "avance_texto": format_porcentaje(_nulo(e.avance_pct)),
        "semaforo_resultante": e.semaforo or None,
        "banderas": list(e.banderas),
        "banderas_etiquetas": [controles.BANDERAS[b] for b in e.banderas],
        "banderas_texto": ", ".join(controles.BANDERAS[b] for b in e.banderas) or "Ninguna",
        "explicacion": e.explicacion or e.motivo or "",
        "motivo": e.motivo or "",
        "evidencia": ev[0] if ev else "",
        "evidencia_href": ev[1] if ev else None,
        "recibido": e.recibido_en.isoformat() if e.recibido_en else None,
        "recibido_texto": momento(e.recibido_en),
        "dias_espera": espera,
        "enviado_por": e.enviado_por or VACIO,
        "propia": usuario is not None and e.enviado_por == usuario,
    }


def filas(
    entradas: Sequence[EntradaCola], hoy: dt.date, usuario: str | None = None
) -> list[dict[str, Any]]:
    """The grid rows of ``entradas``, in their order."""
    return [fila(e, hoy, usuario) for e in entradas]


def resumen(entradas: Sequence[EntradaCola], total: int) -> str:
    """The line above the grid: how many are shown, flagged, corrections, and how many could be
    validated at once."""
    if not total:
        return "No hay valores por validar."
    n = len(entradas)
    marcadas = sum(1 for e in entradas if e.banderas)
    correcciones = sum(1 for e in entradas if e.correccion)
    en_lote = sum(1 for e in entradas if not e.con_banderas)
    partes = [
        f"{format_entero(n)} de {format_entero(total)} versiones por validar",
        f"{format_entero(en_lote)} validables en lote (sin banderas ni correcciones)",
        f"{format_entero(marcadas)} con banderas",
    ]
    if correcciones:
        nombre = "solicitud" if correcciones == 1 else "solicitudes"
        partes.append(f"{format_entero(correcciones)} {nombre} de corrección (una por una)")
    return " · ".join(partes) + "."


def seleccionadas(n: int) -> str:
    """How many rows are selected, in words."""
    if n == 0:
        return "Ninguna versión seleccionada."
    return "1 versión seleccionada." if n == 1 else f"{format_entero(n)} versiones seleccionadas."


def opciones_filtros(entradas: Sequence[EntradaCola]) -> dict[str, list[tuple[str, str]]]:
    """The choices of each filter dropdown, from what the queue holds, with counts."""
    inst: Counter[tuple[str, str]] = Counter(
        (e.institucion, e.institucion_nombre) for e in entradas
    )
    sect: Counter[tuple[str, str]] = Counter((e.sector, e.sector_nombre) for e in entradas)
    per: Counter[str] = Counter(e.periodo for e in entradas)
    return {
        "institucion": [(s, f"{s} — {n} ({c})") for (s, n), c in sorted(inst.items())],
        "sector": [
            (s, f"{n or s} ({c})") for (s, n), c in sorted(sect.items(), key=lambda x: x[0][1])
        ],
        "periodo": [
            (p, f"{p} ({c})")
            for p, c in sorted(per.items(), key=lambda x: periods.parse(x[0]).fin, reverse=True)
        ],
        "bandera": list(OPCIONES_BANDERA),
        "tipo": list(OPCIONES_TIPO),
    }


def detalle(e: EntradaCola, hoy: dt.date) -> list[tuple[str, str]]:
    """The labelled fields of one version, for the detail panel (label, text)."""
    ev = evidencia(e)
    campos = [
        ("Indicador", f"{e.indicador} — {e.indicador_nombre}"),
        ("Institución", f"{e.institucion} — {e.institucion_nombre}"),
        ("Sector", e.sector_nombre or VACIO),
        ("Período", e.periodo),
        ("Tipo", tipo(e)),
        ("Valor enviado", f"{_numero(e.valor)} {e.unidad}".strip()),
        ("Meta del período", _numero(e.meta)),
    ]
    if e.correccion:
        campos.append(("Valor validado que reemplazaría", _numero(e.valor_validado)))
        campos.append(("Motivo de la corrección", e.motivo or VACIO))
    if e.devuelta is not None:
        numero, valor, observacion, cuando = e.devuelta
        campos.append(
            (
                "Versión devuelta antes",
                f"v{numero}: {_numero(valor)}, devuelta el {momento(cuando)} — "
                f"«{observacion or 'sin observación'}»",
            )
        )
    enlaces = [t for t, _ in (ev or ("", ""), _enlace_extra(e)) if t]
    campos += [
        ("Valor del período anterior", _numero(e.valor_anterior)),
        ("Avance resultante", format_porcentaje(_nulo(e.avance_pct))),
        ("Explicación de la institución", e.explicacion or VACIO),
        ("Evidencia", " y ".join(enlaces) if enlaces else "Sin evidencia"),
        ("Recibido", momento(e.recibido_en)),
        ("Plazo del reporte", e.vence.strftime("%d/%m/%Y")),
        ("Enviado por", e.enviado_por or VACIO),
    ]
    espera = dias_espera(e, hoy)
    if espera is not None:
        campos.append(("Días en espera", format_entero(espera)))
    return campos


def filas_reaperturas(reaperturas: Sequence[ReaperturaVigente]) -> list[dict[str, Any]]:
    """The rows of the table of reaperturas in force."""
    return [
        {
            "id": r.id,
            "institucion": f"{r.institucion} — {r.institucion_nombre}",
            "periodo": r.periodo,
            "motivo": r.motivo,
            "vence": r.vence_en.strftime("%d/%m/%Y"),
            "creada": f"{r.creada_por}, {momento(r.creada_en)}",
        }
        for r in reaperturas
    ]
