"""Importer test helpers: editable copies of the valid fixture, workbooks, database dumps."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import Engine, func, select

from data_layer.models import Base

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"
_ENTERO = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
_FECHA = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def copy_fixture(
    destino: Path, ediciones: dict[str, list[tuple[str, str]]] | None = None, hojas=None
) -> Path:
    """Copy the valid CSV fixture to ``destino``, optionally editing and/or keeping some sheets.

    Args:
        destino: folder to create.
        ediciones: per sheet, ``(old, new)`` text replacements; ``old`` must occur exactly once
            (an empty ``old`` appends ``new`` as a last line).
        hojas: names of the sheets to keep (default: all seven).
    """
    destino.mkdir(parents=True)
    for archivo in FIXTURE.glob("*.csv"):
        if hojas is None or archivo.stem in hojas:
            shutil.copy(archivo, destino / archivo.name)
    for hoja, cambios in (ediciones or {}).items():
        ruta = destino / f"{hoja}.csv"
        texto = ruta.read_text(encoding="utf-8-sig")
        for viejo, nuevo in cambios:
            if viejo == "":
                texto = texto + nuevo + "\n"
                continue
            assert texto.count(viejo) == 1, f"{viejo!r} must occur once in {hoja}.csv"
            texto = texto.replace(viejo, nuevo)
        ruta.write_text(texto, encoding="utf-8")
    return destino


def _typed(texto: str, columna: str) -> Any:
    """What a person typing the CSV cell into Excel would get: numbers, dates, or text."""
    if texto == "":
        return None
    if _ENTERO.match(texto):
        return int(texto)
    if _DECIMAL.match(texto):
        return float(texto)
    if _FECHA.match(texto) and columna.startswith("fecha"):
        return dt.datetime.fromisoformat(texto)
    return texto


def csv_folder_to_xlsx(carpeta: Path, destino: Path) -> Path:
    """A workbook with one sheet per CSV of ``carpeta``, cells typed as Excel would type them.

    Empty CSV lines stay empty rows, so row numbers match.
    """
    libro = Workbook()
    libro.remove(libro.active)
    for archivo in sorted(carpeta.glob("*.csv")):
        hoja = libro.create_sheet(archivo.stem)
        with archivo.open(encoding="utf-8-sig", newline="") as f:
            filas = list(csv.reader(f))
        encabezados = filas[0]
        for numero, fila in enumerate(filas, start=1):
            for col, texto in enumerate(fila, start=1):
                valor = texto if numero == 1 else _typed(texto, encabezados[col - 1])
                if valor is not None:
                    hoja.cell(row=numero, column=col, value=valor)
    libro.save(destino)
    return destino


def write_xlsx(destino: Path, hojas: dict[str, list[list[Any]]]) -> Path:
    """A workbook from explicit rows (first row = header); None leaves a cell empty."""
    libro = Workbook()
    libro.remove(libro.active)
    for nombre, filas in hojas.items():
        hoja = libro.create_sheet(nombre)
        for numero, fila in enumerate(filas, start=1):
            for col, valor in enumerate(fila, start=1):
                if valor is not None:
                    hoja.cell(row=numero, column=col, value=valor)
    libro.save(destino)
    return destino


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: equal dumps mean an unchanged database."""
    with engine.connect() as conn:
        return {
            tabla.name: sorted(
                (tuple(fila) for fila in conn.execute(select(tabla))),
                key=lambda fila: tuple((v is None, str(v)) for v in fila),
            )
            for tabla in Base.metadata.sorted_tables
        }


def counts(engine: Engine) -> dict[str, int]:
    """Number of rows of every data table (not the cache-version counters, which are bookkeeping
    that the migration seeds)."""
    with engine.connect() as conn:
        return {
            tabla.name: conn.execute(select(func.count()).select_from(tabla)).scalar_one()
            for tabla in Base.metadata.sorted_tables
            if tabla.name != "version_datos"
        }


def located(errores: list[Any]) -> set[tuple[str, int | None, str | None]]:
    """The (sheet, row, column) of each error."""
    return {(e.hoja, e.fila, e.columna) for e in errores}


#: The day of :func:`aprobar_revision`'s approval: 2024-S1 and 2024-S2 have not ended.
DIA_APROBACION = dt.date(2024, 5, 10)


def aprobar_revision(
    engine: Engine,
    indicador: str,
    metas: dict[str, float],
    hoy: dt.date = DIA_APROBACION,
) -> int:
    """Propose (Salud's technical coordinator), give an opinion (an analyst) and approve
    (``ministro.salud``) new targets through the revision service; returns the proposal's id."""
    from data_layer.auth import Alcance
    from data_layer.db import session_factory
    from data_layer.models import Rol
    from data_layer.revisiones import servicio

    momento = dt.datetime.combine(hoy, dt.time(15), dt.UTC)
    sal = frozenset({"SAL"})
    with session_factory(engine)() as s, s.begin():
        propuesta = servicio.proponer(
            s,
            indicador,
            metas,
            justificacion="El ritmo observado no alcanza la meta programada.",
            actor=Alcance("coord.salud", Rol.coordinador_mesa, sectores=sal),
            hoy=hoy,
            ahora=momento,
        )
        pid = propuesta.id
    with session_factory(engine)() as s, s.begin():
        servicio.opinar(
            s,
            pid,
            opinion="favorable",
            texto="La tendencia sustenta las metas propuestas.",
            actor=Alcance("analista", Rol.analista),
            ahora=momento,
        )
    with session_factory(engine)() as s, s.begin():
        servicio.decidir(
            s,
            pid,
            "aprobar",
            nota="Aprobado en la sesión política de la mesa.",
            actor=Alcance("ministro.salud", Rol.ministro, sectores=sal),
            hoy=hoy,
            ahora=momento,
        )
    return pid
