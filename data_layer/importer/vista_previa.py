"""The detailed dry run of an import: per sheet, the new codes, the changed rows (old → new of
each changed column) and how many rows stay as they are.

Built from the same :class:`~data_layer.importer.escritura.Plan` that :func:`apply_plan` writes,
so the preview shows exactly what applying would do. The result is plain JSON (text, numbers,
lists; dates as ``aaaa-mm-dd``), so it can be stored with a background job and sent to a page;
each list keeps at most :data:`MAX_DETALLE` entries (the counts are always complete).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from data_layer.importer.escritura import Plan, cambios_de_fila, texto_conservada
from data_layer.importer.estado import Estado
from data_layer.importer.reglas import Deseado
from data_layer.importer.resultado import ErrorImportacion

#: Most entries kept per list of a sheet (new codes, changed rows); the rest are only counted.
MAX_DETALLE = 500
#: Most errors kept (an unusable file can have one per cell).
MAX_ERRORES = 2000
#: Entities whose rows are keyed by one code, in the order of the workbook.
_ENTIDADES = ("ejes", "sectores", "instituciones", "metas", "indicadores")


def _json(valor: Any) -> Any:
    """A value as JSON holds it: dates as ``aaaa-mm-dd``, sets and tuples as lists."""
    if isinstance(valor, dt.datetime | dt.date):
        return valor.isoformat()[:10]
    if isinstance(valor, list | tuple | set | frozenset):
        return [_json(v) for v in valor]
    return valor


def _cambios(antes: dict[str, Any], despues: dict[str, Any]) -> list[dict[str, Any]]:
    """The changed columns of one row, in file terms, as ``{columna, antes, despues}``."""
    return [
        {"columna": columna, "antes": _json(viejo), "despues": _json(nuevo)}
        for columna, (viejo, nuevo) in cambios_de_fila(antes, despues).items()
    ]


def _hoja(
    hoja: str,
    conteo: dict[str, int],
    nuevos: Sequence[str],
    cambiados: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "hoja": hoja,
        **conteo,
        "nuevos": list(nuevos[:MAX_DETALLE]),
        "cambiados": cambiados[:MAX_DETALLE],
        "recortado": len(nuevos) > MAX_DETALLE or len(cambiados) > MAX_DETALLE,
    }


def _clave(indicador: str, periodo: str) -> str:
    return f"{indicador} · {periodo}"


def detalle_plan(
    deseado: Deseado, estado: Estado, plan: Plan, hojas: Sequence[str]
) -> list[dict[str, Any]]:
    """Per sheet of the file (in workbook order), what applying ``plan`` would do.

    Args:
        deseado: what the file asks for.
        estado: the database before the import.
        plan: :func:`~data_layer.importer.escritura.plan_changes` of the two.
        hojas: the sheets present in the file.

    Returns:
        One dict per sheet: ``hoja``, the counts ``insertados / actualizados / sin_cambios``,
        ``nuevos`` (codes), ``cambiados`` (``{clave, cambios: [{columna, antes, despues}]}``)
        and ``recortado`` (a list was cut at :data:`MAX_DETALLE`). ``programacion`` also has
        ``conservadas`` (``{clave, archivo, vigente, mensaje}``: targets set by an approved
        revision that the file carries with an older value, kept as they are; the message is
        «conservada: revisión aprobada el dd/mm/aaaa por <usuario>») and
        ``total_conservadas``; they are neither changes nor unchanged rows.
    """
    conteos = plan.cambios(hojas)
    salida: list[dict[str, Any]] = []
    for entidad in _ENTIDADES:
        if entidad not in hojas:
            continue
        dif = plan.entidades[entidad]
        nuevos = set(dif.nuevos)
        actuales, deseados = getattr(estado, entidad), getattr(deseado, entidad)
        cambiados = [
            {"clave": codigo, "cambios": _cambios(actuales[codigo], deseados[codigo])}
            for codigo in dict.fromkeys([*dif.filas_cambiadas, *dif.enlaces_cambiados])
            if codigo not in nuevos
        ]
        salida.append(_hoja(entidad, conteos[entidad], dif.nuevos, cambiados))
        if entidad == "indicadores":
            salida.append(
                _hoja("temas_transversales", conteos["temas_transversales"], plan.temas_nuevos, [])
            )
    if "programacion" in hojas:
        revisadas = [
            {
                "clave": _clave(*clave),
                "cambios": [
                    {
                        "columna": "meta",
                        "antes": estado.programacion[clave].meta,
                        "despues": deseado.programacion[clave],
                    }
                ],
            }
            for clave in plan.programacion_revisada
        ]
        nuevas = [_clave(*c) for c in plan.programacion_nueva]
        hoja_prog = _hoja("programacion", conteos["programacion"], nuevas, revisadas)
        conservadas = [
            {
                "clave": _clave(*clave),
                "archivo": deseado.programacion[clave],
                "vigente": estado.programacion[clave].meta,
                "mensaje": texto_conservada(estado, clave),
            }
            for clave in plan.programacion_conservada
        ]
        hoja_prog["conservadas"] = conservadas[:MAX_DETALLE]
        hoja_prog["total_conservadas"] = len(conservadas)
        hoja_prog["recortado"] = hoja_prog["recortado"] or len(conservadas) > MAX_DETALLE
        salida.append(hoja_prog)
    if "avances" in hojas:
        cambiados = []
        for clave in plan.avances_cambiados:
            previo = estado.avances[clave]
            valor, fecha, comentario = deseado.avances[clave]
            antes = {
                "valor": previo.valor,
                "fecha_reporte": previo.fecha_reporte,
                "comentario": previo.comentario,
            }
            despues = {"valor": valor, "fecha_reporte": fecha, "comentario": comentario}
            cambiados.append({"clave": _clave(*clave), "cambios": _cambios(antes, despues)})
        nuevos_av = [_clave(*c) for c in plan.avances_nuevos]
        salida.append(_hoja("avances", conteos["avances"], nuevos_av, cambiados))
    return salida


def errores_json(errores: Sequence[ErrorImportacion]) -> list[dict[str, Any]]:
    """The errors as JSON rows (``hoja, fila, columna, mensaje``), at most :data:`MAX_ERRORES`."""
    return [
        {"hoja": e.hoja, "fila": e.fila, "columna": e.columna, "mensaje": e.mensaje}
        for e in errores[:MAX_ERRORES]
    ]
