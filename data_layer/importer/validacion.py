"""Cross-row and cross-sheet rules of an MCR file, checked against the file plus the database.

:func:`validate` turns the parsed rows into the state the file asks for (:class:`Deseado`, by
code), reporting every broken rule: unknown references, duplicates, eje cycles, periods of the
wrong frequency, thresholds, dates. The rules of goals live in ``validacion_metas``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from data_layer import periods
from data_layer.importer.esquema import Fila
from data_layer.importer.estado import Estado
from data_layer.importer.reglas import Deseado, Referencias, find_cycles, index_by_code
from data_layer.importer.resultado import Errores
from data_layer.importer.validacion_metas import validate_metas


def _clave_tema(nombre: str) -> str:
    sin_tildes = unicodedata.normalize("NFKD", nombre.casefold())
    return " ".join("".join(c for c in sin_tildes if not unicodedata.combining(c)).split())


def _validate_ejes(filas: Sequence[Fila], estado: Estado, errores: Errores, d: Deseado) -> set[str]:
    por_codigo = index_by_code("ejes", filas, "codigo", errores)
    conocidos = set(estado.ejes) | set(por_codigo)
    refs = Referencias(errores)
    for codigo, fila in por_codigo.items():
        padre = fila["eje_padre"]
        if padre == codigo:
            errores.add("ejes", fila.numero, "eje_padre", "un eje no puede ser su propio eje_padre")
            padre = None
        elif not refs.check("ejes", fila, "eje_padre", padre, conocidos):
            padre = None
        d.ejes[codigo] = {"nombre": fila["nombre"], "eje_padre": padre}
    padres = {c: v["eje_padre"] for c, v in estado.ejes.items()}
    padres.update({c: v["eje_padre"] for c, v in d.ejes.items()})
    aristas = {c: [p] for c, p in padres.items() if p is not None}
    for ciclo in find_cycles(aristas):
        en_archivo = [c for c in ciclo if c in por_codigo]
        if en_archivo:
            fila = por_codigo[en_archivo[0]]
            errores.add(
                "ejes",
                fila.numero,
                "eje_padre",
                "los ejes forman un ciclo: " + " → ".join(ciclo),
            )
    return conocidos


def _validate_sectores(
    filas: Sequence[Fila], errores: Errores, d: Deseado, ejes: set[str], inst: set[str]
) -> None:
    refs = Referencias(errores)
    for codigo, fila in index_by_code("sectores", filas, "codigo", errores).items():
        rectora = fila["institucion_rectora"]
        refs.check("sectores", fila, "institucion_rectora", rectora, inst)
        d.sectores[codigo] = {
            "nombre": fila["nombre"],
            "institucion_rectora": rectora,
            "ejes": frozenset(refs.check_all("sectores", fila, "ejes", fila["ejes"], ejes)),
        }


def _validate_instituciones(
    filas: Sequence[Fila], errores: Errores, d: Deseado, sectores: set[str]
) -> None:
    refs = Referencias(errores)
    for sigla, fila in index_by_code("instituciones", filas, "sigla", errores).items():
        validos = refs.check_all("instituciones", fila, "sectores", fila["sectores"], sectores)
        # The first sector listed is the institution's main one.
        principal = fila["sectores"][0] if fila["sectores"] else None
        d.instituciones[sigla] = {
            "nombre": fila["nombre"],
            "sectores": frozenset((s, s == principal) for s in validos),
        }


def _validate_indicadores(
    filas: Sequence[Fila],
    estado: Estado,
    errores: Errores,
    d: Deseado,
    conocidos: dict[str, set[str]],
) -> None:
    refs = Referencias(errores)
    temas = {_clave_tema(t): t for t in sorted(estado.temas)}
    con_datos = estado.programacion.indicadores() | estado.avances.indicadores()
    for codigo, fila in index_by_code("indicadores", filas, "codigo", errores).items():
        refs.check("indicadores", fila, "meta", fila["meta"], conocidos["metas"])
        refs.check(
            "indicadores",
            fila,
            "institucion_responsable",
            fila["institucion_responsable"],
            conocidos["instituciones"],
        )
        verde, amarillo = fila["umbral_verde"], fila["umbral_amarillo"]
        if (verde is None) != (amarillo is None) and not fila.invalidas & {
            "umbral_verde",
            "umbral_amarillo",
        }:
            falta = "umbral_amarillo" if amarillo is None else "umbral_verde"
            errores.add(
                "indicadores", fila.numero, falta, "indique los dos umbrales o deje ambos vacíos"
            )
        elif verde is not None and amarillo is not None and verde <= amarillo:
            errores.add(
                "indicadores",
                fila.numero,
                "umbral_verde",
                f"umbral_verde ({verde:g}) debe ser mayor que umbral_amarillo ({amarillo:g})",
            )
        anterior = estado.indicadores.get(codigo)
        frecuencia = fila["frecuencia"]
        if (
            anterior is not None
            and frecuencia is not None
            and anterior["frecuencia"] != frecuencia
            and codigo in con_datos
        ):
            errores.add(
                "indicadores",
                fila.numero,
                "frecuencia",
                f"el indicador ya tiene programación o avances {anterior['frecuencia']}es; "
                f"no se puede cambiar su frecuencia a {frecuencia}",
            )
        # «genero» and «Género» are the same theme: keep the first spelling seen.
        nombres_temas = [
            temas.setdefault(_clave_tema(tema), tema) for tema in fila["temas_transversales"]
        ]
        d.temas.update(nombres_temas)
        d.indicadores[codigo] = {
            "meta": fila["meta"],
            **{
                c: fila[c]
                for c in (
                    "nombre",
                    "eslabon",
                    "unidad",
                    "sentido",
                    "tipo",
                    "frecuencia",
                    "linea_base",
                    "anio_base",
                    "fuente",
                    "umbral_verde",
                    "umbral_amarillo",
                )
            },
            "peso": fila["peso"] if fila["peso"] is not None else 1.0,
            "institucion_responsable": fila["institucion_responsable"],
            "temas": frozenset(nombres_temas),
        }


def validate_periodos(
    hoja: str,
    filas: Sequence[Fila],
    estado: Estado,
    errores: Errores,
    d: Deseado,
) -> dict[tuple[str, str], Fila]:
    """Shared checks of ``programacion`` and ``avances``: indicator, frequency, duplicates."""
    refs = Referencias(errores)
    frecuencia_de = {c: v["frecuencia"] for c, v in estado.indicadores.items()}
    frecuencia_de.update({c: v["frecuencia"] for c, v in d.indicadores.items()})
    vistas: dict[tuple[str, str], Fila] = {}
    for fila in filas:
        indicador, periodo = fila["indicador"], fila["periodo"]
        if not refs.check(hoja, fila, "indicador", indicador, frecuencia_de):
            continue
        if indicador is None or periodo is None:
            continue
        frecuencia = frecuencia_de[indicador]
        if frecuencia is not None and periods.frecuencia_de(periodo) != frecuencia:
            errores.add(
                hoja,
                fila.numero,
                "periodo",
                f"el periodo «{periodo}» es {periods.frecuencia_de(periodo)} pero el indicador "
                f"«{indicador}» es {frecuencia}",
            )
            continue
        clave = (indicador, periodo)
        if clave in vistas:
            errores.add(
                hoja,
                fila.numero,
                "periodo",
                f"el indicador «{indicador}» ya tiene una fila para el periodo «{periodo}» "
                f"(fila {vistas[clave].numero})",
            )
            continue
        vistas[clave] = fila
    return vistas


def _meta_admitida(clave: tuple[str, str], fila: Fila, estado: Estado, errores: Errores) -> bool:
    """Whether the file's target may stand against a target set by an approved revision.

    A protected target (its current value comes from an approved revision proposal) accepts the
    approved value (no change) and any value it held before the approval (an older workbook:
    the import keeps the approved one). A third value is refused: approved targets change only
    through a new revision proposal (DOMAIN.md §9).
    """
    actual = estado.programacion.get(clave)
    if actual is None or actual.aprobada is None:
        return True
    meta, aprobada = fila["meta"], actual.aprobada
    if meta == actual.meta or meta in aprobada.anteriores:
        return True
    anteriores = ", ".join(f"{v:g}" for v in sorted(aprobada.anteriores))
    errores.add(
        "programacion",
        fila.numero,
        "meta",
        f"la meta de «{clave[0]}» en «{clave[1]}» es {actual.meta:g} por la {aprobada.texto()} "
        f"(antes: {anteriores}) y el archivo trae {meta:g}: las metas aprobadas en una revisión "
        "solo cambian con una nueva propuesta de revisión de meta (página del indicador, "
        "«Revisiones de meta»)",
    )
    return False


def validate(filas: dict[str, Sequence[Fila]], estado: Estado, errores: Errores) -> Deseado:
    """Check every cross-row rule and build the desired state; problems go to ``errores``."""
    d = Deseado()
    conocidos: dict[str, set[str]] = {
        "ejes": _validate_ejes(filas.get("ejes", []), estado, errores, d),
        "sectores": set(estado.sectores) | {f["codigo"] for f in filas.get("sectores", [])},
        "instituciones": set(estado.instituciones)
        | {f["sigla"] for f in filas.get("instituciones", [])},
    }
    _validate_sectores(
        filas.get("sectores", []),
        errores,
        d,
        conocidos["ejes"],
        conocidos["instituciones"],
    )
    _validate_instituciones(filas.get("instituciones", []), errores, d, conocidos["sectores"])
    validate_metas(filas.get("metas", []), estado, errores, d, conocidos)
    conocidos["metas"] = set(estado.metas) | set(d.metas)
    _validate_indicadores(filas.get("indicadores", []), estado, errores, d, conocidos)

    for clave, fila in validate_periodos(
        "programacion", filas.get("programacion", []), estado, errores, d
    ).items():
        if fila["meta"] is not None and _meta_admitida(clave, fila, estado, errores):
            d.programacion[clave] = fila["meta"]

    for clave, fila in validate_periodos(
        "avances", filas.get("avances", []), estado, errores, d
    ).items():
        fecha = fila["fecha_reporte"]
        if fecha is not None and fecha < periods.parse(clave[1]).inicio:
            errores.add(
                "avances",
                fila.numero,
                "fecha_reporte",
                f"la fecha de reporte {fecha.isoformat()} es anterior al inicio del periodo "
                f"«{clave[1]}»",
            )
        if fila["valor"] is not None and fecha is not None:
            d.avances[clave] = (fila["valor"], fecha, fila["comentario"])
    return d
