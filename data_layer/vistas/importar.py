"""What the import page (``/importar``) shows of a dry run, as plain rows of Spanish text.

The dry run arrives as the JSON of :meth:`data_layer.importer.VistaPrevia.to_json`; these pure
functions turn it into the rows of the page's tables (per-sheet counts, old → new changes,
errors) so they can be tested without a browser.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from data_layer.formato import format_entero

#: Sheet names as an analyst reads them.
NOMBRES_HOJA = {
    "ejes": "Ejes",
    "sectores": "Sectores",
    "instituciones": "Instituciones",
    "metas": "Metas",
    "indicadores": "Indicadores",
    "temas_transversales": "Temas transversales",
    "programacion": "Programación",
    "avances": "Avances",
}
_FECHA = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: What each job stage is called on the page.
ETAPAS = {
    "vista_previa": "Revisando el archivo",
    "con_errores": "El archivo tiene errores",
    "lista": "Vista previa lista",
    "aplicando": "Aplicando los cambios",
    "aplicada": "Cambios aplicados",
    "rechazada": "No se aplicó",
    "fallida": "Error del sistema",
}


def nombre_hoja(hoja: str) -> str:
    """A sheet's Spanish name (the file's name when unknown; empty for the file itself)."""
    return NOMBRES_HOJA.get(hoja, hoja)


def texto_valor(valor: Any) -> str:
    """A cell value of the preview as text: dates ``dd/mm/aaaa``, numbers ``1,234.5``, lists
    with ``;`` (as in the file), an empty cell as «(vacío)»."""
    if valor is None or valor == "" or valor == []:
        return "(vacío)"
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, int | float):
        return f"{valor:,.10g}"
    if isinstance(valor, list):
        return "; ".join(texto_valor(v) for v in valor)
    texto = str(valor)
    if _FECHA.match(texto):
        return dt.date.fromisoformat(texto).strftime("%d/%m/%Y")
    return texto


def filas_resumen(vista: dict[str, Any]) -> list[dict[str, str]]:
    """One row per sheet: ``hoja``, ``nuevos``, ``cambiados``, ``sin_cambios`` (formatted)."""
    return [
        {
            "hoja": nombre_hoja(h["hoja"]),
            "nuevos": format_entero(h["insertados"]),
            "cambiados": format_entero(h["actualizados"]),
            "sin_cambios": format_entero(h["sin_cambios"]),
        }
        for h in vista.get("hojas", [])
    ]


def filas_cambios(hoja: dict[str, Any]) -> list[dict[str, str]]:
    """One row per changed column of each changed row: ``clave``, ``columna``, ``antes``,
    ``despues`` (the key is repeated on each of its columns)."""
    return [
        {
            "clave": cambiado["clave"],
            "columna": c["columna"],
            "antes": texto_valor(c["antes"]),
            "despues": texto_valor(c["despues"]),
        }
        for cambiado in hoja.get("cambiados", [])
        for c in cambiado["cambios"]
    ]


def filas_conservadas(hoja: dict[str, Any]) -> list[dict[str, str]]:
    """One row per target kept by an approved revision: ``clave``, ``archivo`` (the older value
    the file carries), ``vigente`` (the approved one, kept) and ``mensaje`` («conservada:
    revisión aprobada el dd/mm/aaaa por <usuario>»)."""
    return [
        {
            "clave": c["clave"],
            "archivo": texto_valor(c["archivo"]),
            "vigente": texto_valor(c["vigente"]),
            "mensaje": c["mensaje"],
        }
        for c in hoja.get("conservadas", [])
    ]


def filas_errores(vista: dict[str, Any]) -> list[dict[str, str]]:
    """One row per error: ``hoja``, ``fila``, ``columna``, ``mensaje`` (empty when unknown)."""
    return [
        {
            "hoja": nombre_hoja(e["hoja"]) if e["hoja"] else "(archivo)",
            "fila": "" if e["fila"] is None else format_entero(e["fila"]),
            "columna": e["columna"] or "",
            "mensaje": e["mensaje"],
        }
        for e in vista.get("errores", [])
    ]


def texto_detalle(hoja: dict[str, Any]) -> str:
    """The summary line of a sheet's expandable detail («3 nuevos, 1 con cambios»)."""
    partes = []
    if hoja["insertados"]:
        partes.append(f"{format_entero(hoja['insertados'])} nuevos")
    if hoja["actualizados"]:
        partes.append(f"{format_entero(hoja['actualizados'])} con cambios")
    partes.append(f"{format_entero(hoja['sin_cambios'])} sin cambios")
    if hoja.get("total_conservadas"):
        partes.append(
            f"{format_entero(hoja['total_conservadas'])} conservadas por una revisión aprobada"
        )
    return f"{nombre_hoja(hoja['hoja'])}: {', '.join(partes)}"


def puede_aplicar(tarea: dict[str, Any] | None) -> bool:
    """Whether the «Aplicar cambios» button is offered: a finished preview without errors that
    changes something."""
    if not tarea or tarea.get("etapa") != "lista":
        return False
    vista = tarea.get("vista_previa") or {}
    return bool(vista.get("ok") and vista.get("hubo_cambios"))
