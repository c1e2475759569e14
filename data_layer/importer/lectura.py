"""Reading an MCR file (an ``.xlsx`` workbook or a folder of CSVs) into raw sheets of cells.

Nothing is interpreted here beyond finding the sheets, their header row and their non-empty rows;
cell values are kept as the file gives them (text from CSV; text, numbers or dates from Excel).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_layer.importer.resultado import Errores

#: Told, before each sheet of a workbook is read, its name, its position and the number of sheets
#: (a progress bar for large workbooks; see :mod:`data_layer.importer.web`).
Avance = Callable[[str, int, int], None]

#: The sheets of DOMAIN.md §6, in dependency order.
HOJAS = ("ejes", "sectores", "instituciones", "metas", "indicadores", "programacion", "avances")


@dataclass
class HojaCruda:
    """One sheet as read: normalised header names and the non-empty rows with their row number."""

    nombre: str
    encabezados: list[str]
    filas: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)


@dataclass
class Fuente:
    """A whole file as read: its name, its sha256 fingerprint and its known sheets."""

    origen: str
    huella: str
    hojas: dict[str, HojaCruda]


def _vacia(valor: Any) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _normalizar_encabezado(valor: Any) -> str:
    return "" if valor is None else str(valor).strip().lower()


def _leer_filas(nombre: str, filas: Any) -> HojaCruda | None:
    """Header = first row; later rows kept when they have any non-blank cell.

    Returns None for a sheet with nothing in it; a sheet with rows but no header is kept (its
    header check then reports the missing columns).
    """
    hoja: HojaCruda | None = None
    for numero, fila in enumerate(filas, start=1):
        if hoja is None:
            hoja = HojaCruda(nombre, [_normalizar_encabezado(v) for v in fila])
            continue
        if not all(_vacia(v) for v in fila):
            hoja.filas.append((numero, tuple(fila)))
    if hoja is None or (not any(hoja.encabezados) and not hoja.filas):
        return None
    return hoja


def _nombre_hoja(nombre: str, errores: Errores, tiene_contenido: bool) -> str | None:
    """The known sheet a sheet/file name stands for; an unknown name with content is an error."""
    clave = nombre.strip().lower()
    if clave in HOJAS:
        return clave
    if tiene_contenido:
        errores.add(
            nombre,
            None,
            None,
            f"«{nombre}» no es una hoja conocida; las hojas válidas son: {', '.join(HOJAS)}",
        )
    return None


def _agregar(hojas: dict[str, HojaCruda], hoja: HojaCruda, errores: Errores) -> None:
    if hoja.nombre in hojas:
        errores.add(hoja.nombre, None, None, "la hoja aparece dos veces en el archivo")
    else:
        hojas[hoja.nombre] = hoja


def _read_xlsx(ruta: Path, errores: Errores, avance: Avance | None = None) -> dict[str, HojaCruda]:
    from openpyxl import load_workbook  # heavy import, only needed for workbooks

    hojas: dict[str, HojaCruda] = {}
    try:
        libro = load_workbook(ruta, read_only=True, data_only=True)
        try:
            for numero, hoja_excel in enumerate(libro.worksheets, start=1):
                if avance is not None:
                    avance(hoja_excel.title, numero, len(libro.worksheets))
                hoja = _leer_filas(hoja_excel.title, hoja_excel.iter_rows(values_only=True))
                nombre = _nombre_hoja(hoja_excel.title, errores, hoja is not None)
                if nombre is not None and hoja is not None:
                    hoja.nombre = nombre
                    _agregar(hojas, hoja, errores)
        finally:
            libro.close()
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        errores.add(
            "",
            None,
            None,
            f"«{ruta.name}» no es un libro de Excel (.xlsx) válido o está dañado "
            f"({exc.__class__.__name__}); ábralo y guárdelo de nuevo como .xlsx",
        )
        return {}
    return hojas


def _read_csv(ruta: Path, errores: Errores) -> HojaCruda | None:
    try:
        with ruta.open(encoding="utf-8-sig", newline="") as archivo:
            hoja = _leer_filas(ruta.stem, csv.reader(archivo))
    except UnicodeDecodeError:
        errores.add(
            ruta.stem,
            None,
            None,
            f"el archivo «{ruta.name}» no está codificado en UTF-8; guárdelo como «CSV UTF-8»",
        )
        return None
    except csv.Error as exc:
        errores.add(ruta.stem, None, None, f"el archivo «{ruta.name}» no es un CSV válido: {exc}")
        return None
    if hoja is not None and len(hoja.encabezados) == 1 and ";" in hoja.encabezados[0]:
        errores.add(
            ruta.stem,
            1,
            None,
            f"el archivo «{ruta.name}» usa «;» como separador; guárdelo separado por comas",
        )
        return None
    return hoja


def _read_folder(ruta: Path, errores: Errores) -> tuple[dict[str, HojaCruda], list[Path]]:
    hojas: dict[str, HojaCruda] = {}
    usados: list[Path] = []
    for archivo in sorted(p for p in ruta.iterdir() if p.is_file() and p.suffix.lower() == ".csv"):
        hoja = _read_csv(archivo, errores)
        nombre = _nombre_hoja(archivo.stem, errores, hoja is not None)
        if nombre is not None and hoja is not None:
            hoja.nombre = nombre
            _agregar(hojas, hoja, errores)
            usados.append(archivo)
    return hojas, usados


def _huella(archivos: list[Path]) -> str:
    """sha256 of the file, or of the names and bytes of the CSVs of a folder (sorted)."""
    h = hashlib.sha256()
    if len(archivos) == 1 and archivos[0].suffix.lower() == ".xlsx":
        h.update(archivos[0].read_bytes())
        return h.hexdigest()
    for archivo in sorted(archivos, key=lambda p: p.name):
        h.update(archivo.name.encode())
        h.update(b"\0")
        h.update(archivo.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def read_source(ruta: Path, errores: Errores, avance: Avance | None = None) -> Fuente | None:
    """Read a workbook or a CSV folder; on any problem record it in ``errores``.

    ``avance``, if given, is told before each sheet of a workbook is read.

    Returns:
        The known sheets found, or None when the path cannot be used or holds no known sheet.
    """
    ruta = Path(ruta)
    if not ruta.exists():
        errores.add("", None, None, f"no existe el archivo o carpeta «{ruta}»")
        return None
    if ruta.is_dir():
        hojas, usados = _read_folder(ruta, errores)
    elif ruta.suffix.lower() == ".xlsx":
        hojas, usados = _read_xlsx(ruta, errores, avance), [ruta]
    else:
        errores.add(
            "",
            None,
            None,
            f"«{ruta.name}» no es un libro .xlsx ni una carpeta con un CSV por hoja "
            f"({', '.join(h + '.csv' for h in HOJAS)})",
        )
        return None
    if not hojas:
        if not errores:
            errores.add(
                "",
                None,
                None,
                f"«{ruta.name}» no contiene ninguna de las hojas de la MCR ({', '.join(HOJAS)})",
            )
        return None
    # Sheet-level problems (an unknown sheet...) are kept in ``errores``; the caller goes on
    # validating the known sheets so that the user sees every problem at once.
    return Fuente(origen=ruta.name, huella=_huella(usados), hojas=hojas)
