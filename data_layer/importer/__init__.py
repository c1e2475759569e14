"""The MCR importer (DOMAIN.md §6): a workbook or CSV folder in, an all-or-nothing upsert out.

Steps: read the sheets (``lectura``), convert every cell (``esquema``), load the stored MCR once
(``estado``), check every rule against file plus database (``validacion``), then compare and write
in one transaction (``escritura``). Every error of the file is collected before anything is written.

An import that changes data is audited in that same transaction: one ``importacion_mcr`` record
(who, file, counts) and one record per updated row or revised target (old → new).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from data_layer.auth import registrar
from data_layer.db import session_factory
from data_layer.importer.escritura import apply_plan, audit_plan, plan_changes
from data_layer.importer.esquema import ESQUEMA, Fila, parse_sheet
from data_layer.importer.estado import Estado, load_estado
from data_layer.importer.lectura import HOJAS, Fuente, read_source
from data_layer.importer.resultado import (
    Errores,
    ErrorImportacion,
    ResultadoImportacion,
    resumir,
)
from data_layer.importer.validacion import validate
from data_layer.models import Importacion

__all__ = ["ErrorImportacion", "ResultadoImportacion", "check_mcr", "import_mcr"]


def _orden(error: ErrorImportacion) -> tuple[int, int, int]:
    """Errors in the order a user reads the file: file, unknown sheets, then sheet, row, column."""
    hoja = HOJAS.index(error.hoja) + 2 if error.hoja in HOJAS else (1 if error.hoja else 0)
    columnas = [c.nombre for c in ESQUEMA.get(error.hoja, ())]
    columna = columnas.index(error.columna) if error.columna in columnas else -1
    return hoja, error.fila or 0, columna


def _fallo(errores: Errores) -> ResultadoImportacion:
    return ResultadoImportacion(ok=False, errores=sorted(errores.lista, key=_orden))


def _read(ruta: Path, errores: Errores) -> tuple[Fuente | None, dict[str, list[Fila]]]:
    fuente = read_source(Path(ruta), errores)
    if fuente is None:
        return None, {}
    return fuente, {nombre: parse_sheet(hoja, errores) for nombre, hoja in fuente.hojas.items()}


def check_mcr(ruta: Path, estado: Estado | None = None) -> list[ErrorImportacion]:
    """Every error of a file, checked against ``estado`` (default: an empty database).

    The same checks as :func:`import_mcr`, without touching a database: for validating an
    upload before importing it, and for tests.
    """
    errores = Errores()
    fuente, filas = _read(ruta, errores)
    if fuente is not None:
        validate(filas, estado or Estado(), errores)
    return sorted(errores.lista, key=_orden)


def import_mcr(
    engine: Engine,
    ruta: Path,
    *,
    dry_run: bool = False,
    es_demo: bool = False,
    usuario: str | None = None,
) -> ResultadoImportacion:
    """Validate an MCR workbook (``.xlsx``) or CSV folder and upsert it by code.

    Args:
        engine: the database to import into (migrated).
        ruta: an ``.xlsx`` file, or a folder with one CSV per sheet (``ejes.csv``...).
        dry_run: validate and count the changes, but write nothing.
        es_demo: mark the :class:`~data_layer.models.Importacion` row as the demo dataset.
        usuario: who imports, for the audit trail (``cli:<os user>`` from the command line).

    Returns:
        The outcome. With any error nothing is written and ``errores`` lists them all (sheet,
        row, column, Spanish message). When something changed one ``Importacion`` row is added
        and the import is audited (see the module docstring); re-importing the same file
        changes nothing and adds no row and no audit record.
    """
    errores = Errores()
    fuente, filas = _read(ruta, errores)
    if fuente is None:
        return _fallo(errores)

    session = session_factory(engine)()
    try:
        estado = load_estado(session)
        deseado = validate(filas, estado, errores)
        if errores:
            session.rollback()
            return _fallo(errores)
        plan = plan_changes(deseado, estado)
        hojas = [h for h in HOJAS if h in fuente.hojas]
        resultado = ResultadoImportacion(
            ok=True, cambios=plan.cambios(hojas), revisiones=len(plan.programacion_revisada)
        )
        if dry_run or not resultado.hubo_cambios:
            session.rollback()
            return resultado
        apply_plan(session, estado, deseado, plan, fuente.origen, usuario)
        importacion = Importacion(
            origen=fuente.origen[:500],
            huella=fuente.huella,
            es_demo=es_demo,
            resumen=resumir(resultado.cambios, resultado.revisiones),
        )
        session.add(importacion)
        session.flush()
        resultado.importacion_id = importacion.id
        detallados = audit_plan(
            session, estado, deseado, plan, usuario=usuario, importacion_id=importacion.id
        )
        # Written last, so that a newest-first audit list shows it above its detail records.
        registrar(
            session,
            "importacion_mcr",
            usuario=usuario,
            entidad=f"importacion:{importacion.id}",
            detalle={
                "archivo": fuente.origen,
                "huella": fuente.huella,
                "demo": es_demo,
                "cambios": {
                    hoja: c
                    for hoja, c in resultado.cambios.items()
                    if c["insertados"] or c["actualizados"]
                },
                "revisiones": resultado.revisiones,
                "registros_detallados": detallados,
            },
        )
        session.commit()
        return resultado
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
