"""Reading an MCR file (an ``.xlsx`` workbook or a folder of CSVs) into raw sheets of cells.

Nothing is interpreted here beyond finding the sheets, their header row and their non-empty rows;
cell values are kept as the file gives them (text from CSV; text, numbers or dates from Excel).

Rows are read as a stream (issue #15): :func:`read_source` checks the file cheaply first
(:mod:`~data_layer.importer.topes`: the workbook's ZIP, each sheet's declared dimension and merged
ranges), reads each sheet's header, and hands out the rest of its rows lazily in
:attr:`HojaCruda.filas`, so that the caller converts each row as it is read and stops as soon as
the file has too many errors. Use the :class:`Fuente` as a context manager: it keeps the workbook
open until the rows are consumed.

A sheet stops at :data:`~data_layer.importer.topes.MAX_FILAS` rows or at a cell beyond
:data:`~data_layer.importer.topes.MAX_COLUMNAS`; a CSV line longer than
:data:`~data_layer.importer.topes.MAX_LINEA` is refused. A formula cell without a cached value is
handed out as :class:`FormulaSinValor` (the cell parser reports it); an empty ``avances`` sheet
is reported here.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from data_layer.formato import format_entero
from data_layer.importer import topes
from data_layer.importer.resultado import Errores

#: Told, before each sheet of a workbook is read, its name, its position and the number of sheets
#: (a progress bar for large workbooks; see :mod:`data_layer.importer.web`).
Avance = Callable[[str, int, int], None]
Filas = Generator[tuple[int, tuple[Any, ...]], None, None]

#: The sheets of DOMAIN.md §6, in dependency order.
HOJAS = ("ejes", "sectores", "instituciones", "metas", "indicadores", "programacion", "avances")

#: An ``avances`` sheet with no row under its header.
AVANCES_VACIA = (
    "la hoja «avances» está vacía: no tiene ninguna fila de valores debajo del encabezado. "
    "Escriba los avances (una fila por indicador y periodo) o, si el archivo no trae avances, "
    "quite la hoja"
)


class FormulaSinValor:
    """A formula cell whose result was never calculated (a workbook written by a program and not
    saved by Excel): there is no value to import. ``celda`` is its coordinate (``C5``)."""

    __slots__ = ("celda",)

    def __init__(self, celda: str) -> None:
        self.celda = celda

    def __repr__(self) -> str:
        return f"FormulaSinValor({self.celda!r})"

    def mensaje(self) -> str:
        """The Spanish error for this cell."""
        return (
            f"la celda {self.celda} tiene una fórmula sin valor calculado: abra el libro en "
            "Excel y guárdelo antes de subirlo (Excel calcula y guarda el resultado), o escriba "
            "el valor"
        )


@dataclass
class HojaCruda:
    """One sheet: normalised header names and its non-empty rows with their row number.

    ``filas`` is consumed once (lazily, while the :class:`Fuente` is open).
    """

    nombre: str
    encabezados: list[str]
    filas: Iterable[tuple[int, tuple[Any, ...]]] = field(default_factory=list)


@dataclass
class Fuente:
    """A whole file: its name, its sha256 fingerprint and its known sheets.

    A context manager: leaving it closes the workbook (the rows not read by then are lost).
    """

    origen: str
    huella: str
    hojas: dict[str, HojaCruda]
    cierre: contextlib.ExitStack = field(default_factory=contextlib.ExitStack, repr=False)

    def __enter__(self) -> Fuente:
        return self

    def __exit__(
        self,
        tipo: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cierre.close()


def _vacia(valor: Any) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _normalizar_encabezado(valor: Any) -> str:
    if valor is None or isinstance(valor, FormulaSinValor):
        return ""
    return str(valor).strip().lower()


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


def _abrir_hoja(
    nombre: str,
    filas: Filas,
    errores: Errores,
    avance: Callable[[], None] | None = None,
) -> HojaCruda | None:
    """Header = row 1; the later rows stay a stream (the first one is read to know whether there
    is one). None for a sheet with nothing in it; a sheet with rows but no header is kept (its
    header check then reports the missing columns)."""
    encabezados: list[str] = []
    primera: list[tuple[int, tuple[Any, ...]]] = []
    for numero, fila in filas:
        if numero == 1:
            for valor in fila:
                if isinstance(valor, FormulaSinValor):
                    errores.add(nombre, 1, None, valor.mensaje())
            encabezados = [_normalizar_encabezado(v) for v in fila]
            continue
        primera.append((numero, fila))
        break
    if not any(encabezados) and not primera:
        return None

    def resto() -> Filas:
        if avance is not None:
            avance()
        yield from primera
        yield from filas

    return HojaCruda(nombre, encabezados, resto() if primera else [])


def _sin_filas(hoja: HojaCruda | None) -> bool:
    """Whether a sheet has no row under its header (or nothing at all)."""
    return hoja is None or (isinstance(hoja.filas, list) and not hoja.filas)


def _tope_filas(nombre: str, numero: int, errores: Errores) -> bool:
    """Whether row ``numero`` is beyond :data:`~topes.MAX_FILAS` (then reported)."""
    if numero <= topes.MAX_FILAS:
        return False
    errores.add(
        nombre,
        numero,
        None,
        f"la hoja tiene más de {format_entero(topes.MAX_FILAS)} filas, el máximo; divida el "
        "archivo y no se leyó el resto",
    )
    return True


# --- workbooks -----------------------------------------------------------------------------------


def _analizador(lector: Any, fuente: Any) -> Any:
    """openpyxl's own sheet parser (values cached by Excel, dates by the cell's style) that also
    tells a formula cell without a cached value (:class:`FormulaSinValor`) from an empty one.

    openpyxl's read-only sheets pad every row to the declared width and every missing row up to
    the declared height (a sheet declaring ``XFD1048576`` yields a million rows of 16,384 cells);
    this parser yields only the rows and cells the file has.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Analizador(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            celda: dict[str, Any] = super().parse_cell(element)
            if celda["value"] is None and element.find(FORMULA_TAG) is not None:
                celda["value"] = FormulaSinValor(topes.coordenada(celda["column"], celda["row"]))
            return celda

    return Analizador(
        fuente,
        lector.shared_strings,
        data_only=True,
        epoch=lector.wb.epoch,
        date_formats=lector.wb._date_formats,
        timedelta_formats=lector.wb._timedelta_formats,
    )


def _filas_xlsx(lector: Any, parte: str, nombre: str, archivo: str, errores: Errores) -> Filas:
    """The non-empty rows of a workbook sheet, as ``(row number, values)``, within the caps."""
    try:
        with lector.archive.open(parte) as fuente:
            for numero, celdas in _analizador(lector, fuente).parse():
                if errores.lleno:
                    errores.detener(nombre, numero)
                    return
                if _tope_filas(nombre, numero, errores):
                    return
                valores: dict[int, Any] = {}
                for celda in celdas:
                    valor = celda["value"]
                    if _vacia(valor):
                        continue
                    columna = celda["column"]
                    if columna > topes.MAX_COLUMNAS:
                        errores.add(
                            nombre,
                            numero,
                            None,
                            f"la celda {topes.coordenada(columna, numero)} está más allá de la "
                            f"columna {format_entero(topes.MAX_COLUMNAS)}, el máximo; borre las "
                            "columnas sobrantes y no se leyó el resto de la hoja",
                        )
                        return
                    valores[columna] = valor
                if valores:
                    yield numero, tuple(valores.get(i) for i in range(1, max(valores) + 1))
    except Exception:  # openpyxl and zipfile raise many kinds of errors on a damaged sheet
        errores.add(nombre, None, None, _danado(archivo))


def _danado(archivo: str) -> str:
    return (
        f"«{archivo}» no es un libro de Excel (.xlsx) válido o está dañado; ábralo y guárdelo de "
        "nuevo como .xlsx"
    )


def _dimension(nombre: str, ref: str, errores: Errores) -> bool:
    """Whether the declared dimension fits the caps (else it is reported)."""
    try:
        _, _, columnas, filas = topes.rango(ref)
    except ValueError:
        return True  # a malformed dimension is ignored, as Excel does; the rows are capped anyway
    if columnas <= topes.MAX_COLUMNAS and filas <= topes.MAX_FILAS:
        return True
    errores.add(
        nombre,
        None,
        None,
        f"la hoja declara datos hasta la celda {ref.split(':')[-1].upper()} "
        f"({format_entero(columnas)} columnas y {format_entero(filas)} filas); el máximo es "
        f"{format_entero(topes.MAX_COLUMNAS)} columnas y {format_entero(topes.MAX_FILAS)} filas. "
        "Borre las filas y columnas vacías sobrantes (o copie los datos a un libro nuevo) y "
        "guárdelo otra vez",
    )
    return False


def _combinadas(hoja: HojaCruda, rangos: list[str], errores: Errores) -> bool:
    """Report the merged ranges over the sheet's named columns; whether there is any."""
    nombradas = {i + 1 for i, encabezado in enumerate(hoja.encabezados) if encabezado}
    malas = []
    for ref in rangos:
        try:
            c1, f1, c2, _ = topes.rango(ref)
        except ValueError:
            continue
        if f1 == 1 or any(c1 <= c <= c2 for c in nombradas):
            malas.append((ref, c1, f1))
    malas.sort(key=lambda m: (m[2], m[1]))
    for ref, c1, f1 in malas[: topes.MAX_COMBINADAS_LISTADAS]:
        errores.add(
            hoja.nombre,
            f1,
            hoja.encabezados[c1 - 1] if c1 <= len(hoja.encabezados) else None,
            f"las celdas {ref.upper()} están combinadas: sepárelas (Inicio › Combinar y centrar › "
            "Separar celdas) y escriba el valor en cada fila; no se revisó el resto de la hoja",
        )
    if len(malas) > topes.MAX_COMBINADAS_LISTADAS:
        n = len(malas) - topes.MAX_COMBINADAS_LISTADAS
        siguiente = malas[topes.MAX_COMBINADAS_LISTADAS]
        errores.add(
            hoja.nombre,
            siguiente[2],
            None,
            f"y {format_entero(n)} rangos de celdas combinadas más a partir de "
            f"{siguiente[0].upper()}",
        )
    return bool(malas)


def _abrir_lector(ruta: Path) -> Any:
    """openpyxl's workbook reader with the workbook, its shared strings and its styles read, but
    no sheet: ``load_workbook(read_only=True)`` looks for each sheet's dimension with a parse
    that, when a sheet declares none, reads the whole sheet before anything is checked."""
    from openpyxl.reader.excel import ExcelReader  # heavy import, only needed for workbooks
    from openpyxl.styles.stylesheet import apply_stylesheet

    lector = ExcelReader(ruta, read_only=True, data_only=True, keep_links=False)
    try:
        lector.read_manifest()
        lector.read_strings()
        lector.read_workbook()
        apply_stylesheet(lector.archive, lector.wb)
    except BaseException:
        lector.archive.close()
        raise
    return lector


def _read_xlsx(
    ruta: Path,
    errores: Errores,
    cierre: contextlib.ExitStack,
    avance: Avance | None,
    solo: tuple[str, ...] | None,
) -> dict[str, HojaCruda]:
    try:
        archivo = topes.abrir_libro(ruta, ruta.name)
    except topes.ArchivoInvalido as exc:
        errores.add("", None, None, str(exc))
        return {}
    cierre.callback(archivo.close)
    try:
        lector = _abrir_lector(ruta)
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        errores.add("", None, None, _danado(ruta.name))
        return {}
    cierre.callback(lector.archive.close)
    hojas: dict[str, HojaCruda] = {}
    partes = [
        (hoja.name, rel.target)
        for hoja, rel in lector.parser.find_sheets()
        if rel.target in lector.valid_files and "chartsheet" not in rel.Type
    ]
    total = len(partes)
    for numero, (titulo, parte) in enumerate(partes, start=1):
        if solo is not None and titulo.strip().lower() not in solo:
            continue
        try:
            exploracion = topes.explorar_hoja(archivo, parte)
        except topes.ERRORES_ZIP:
            errores.add(titulo, None, None, _danado(ruta.name))
            continue
        if exploracion.dimension and not _dimension(titulo, exploracion.dimension, errores):
            continue

        def aviso(titulo: str = titulo, numero: int = numero) -> None:
            if avance is not None:
                avance(titulo, numero, total)

        filas = _filas_xlsx(lector, parte, titulo, ruta.name, errores)
        cierre.callback(filas.close)
        antes = len(errores)
        hoja = _abrir_hoja(titulo, filas, errores, aviso)
        if _sin_filas(hoja) and titulo.strip().lower() == "avances" and len(errores) == antes:
            errores.add("avances", None, None, AVANCES_VACIA)
            continue
        nombre = _nombre_hoja(titulo, errores, hoja is not None)
        if nombre is None or hoja is None:
            continue
        hoja.nombre = nombre
        if _combinadas(hoja, exploracion.combinadas, errores):
            continue
        _agregar(hojas, hoja, errores)
    return hojas


# --- CSV -----------------------------------------------------------------------------------------


class _LineaLarga(Exception):
    pass


def _lineas(archivo: Any) -> Iterator[str]:
    """The file's lines, refusing one longer than :data:`~topes.MAX_LINEA` before it is whole."""
    while True:
        linea = archivo.readline(topes.MAX_LINEA + 1)
        if not linea:
            return
        if len(linea) > topes.MAX_LINEA:
            raise _LineaLarga
        yield linea


def _filas_csv(ruta: Path, nombre: str, errores: Errores) -> Filas:
    """The non-empty rows of a CSV, as ``(row number, values)``, within the caps."""
    numero = 0
    try:
        with ruta.open(encoding="utf-8-sig", newline="") as archivo:
            for numero, fila in enumerate(csv.reader(_lineas(archivo)), start=1):
                if errores.lleno:
                    errores.detener(nombre, numero)
                    return
                if _tope_filas(nombre, numero, errores):
                    return
                if len(fila) > topes.MAX_COLUMNAS and not all(
                    _vacia(v) for v in fila[topes.MAX_COLUMNAS :]
                ):
                    errores.add(
                        nombre,
                        numero,
                        None,
                        f"la fila tiene {format_entero(len(fila))} columnas; el máximo es "
                        f"{format_entero(topes.MAX_COLUMNAS)} y no se leyó el resto del archivo",
                    )
                    return
                if not all(_vacia(v) for v in fila):
                    yield numero, tuple(fila[: topes.MAX_COLUMNAS])
    except UnicodeDecodeError:
        errores.add(
            nombre,
            None,
            None,
            f"el archivo «{ruta.name}» no está codificado en UTF-8; guárdelo como «CSV UTF-8»",
        )
    except _LineaLarga:
        errores.add(
            nombre,
            numero + 1,
            None,
            f"la fila tiene más de {format_entero(topes.MAX_LINEA)} caracteres: el archivo "
            f"«{ruta.name}» no es un CSV de la MCR y no se leyó el resto",
        )
    except csv.Error:
        errores.add(
            nombre,
            numero + 1,
            None,
            f"el archivo «{ruta.name}» no es un CSV válido a partir de esta fila (comillas sin "
            f"cerrar o un valor de más de {format_entero(csv.field_size_limit())} caracteres)",
        )


def _read_csv(ruta: Path, errores: Errores) -> HojaCruda | None:
    filas = _filas_csv(ruta, ruta.stem, errores)
    hoja = _abrir_hoja(ruta.stem, filas, errores)
    if hoja is not None and len(hoja.encabezados) == 1 and ";" in hoja.encabezados[0]:
        filas.close()
        errores.add(
            ruta.stem,
            1,
            None,
            f"el archivo «{ruta.name}» usa «;» como separador; guárdelo separado por comas",
        )
        return None
    return hoja


def _read_folder(
    ruta: Path, errores: Errores, solo: tuple[str, ...] | None
) -> tuple[dict[str, HojaCruda], list[Path]]:
    hojas: dict[str, HojaCruda] = {}
    usados: list[Path] = []
    for archivo in sorted(p for p in ruta.iterdir() if p.is_file() and p.suffix.lower() == ".csv"):
        if solo is not None and archivo.stem.strip().lower() not in solo:
            continue
        antes = len(errores)
        hoja = _read_csv(archivo, errores)
        vacia = _sin_filas(hoja) and archivo.stem.strip().lower() == "avances"
        if vacia and len(errores) == antes:
            errores.add("avances", None, None, AVANCES_VACIA)
            continue
        nombre = _nombre_hoja(archivo.stem, errores, hoja is not None)
        if nombre is not None and hoja is not None:
            hoja.nombre = nombre
            _agregar(hojas, hoja, errores)
            usados.append(archivo)
    return hojas, usados


# --- the file ------------------------------------------------------------------------------------


def _agregar(hojas: dict[str, HojaCruda], hoja: HojaCruda, errores: Errores) -> None:
    if hoja.nombre in hojas:
        errores.add(hoja.nombre, None, None, "la hoja aparece dos veces en el archivo")
    else:
        hojas[hoja.nombre] = hoja


def _huella(archivos: list[Path]) -> str:
    """sha256 of the file, or of the names and bytes of the CSVs of a folder (sorted)."""
    h = hashlib.sha256()

    def volcar(archivo: Path) -> None:
        with archivo.open("rb") as f:
            for bloque in iter(lambda: f.read(1024 * 1024), b""):
                h.update(bloque)

    if len(archivos) == 1 and archivos[0].suffix.lower() == ".xlsx":
        volcar(archivos[0])
        return h.hexdigest()
    for archivo in sorted(archivos, key=lambda p: p.name):
        h.update(archivo.name.encode())
        h.update(b"\0")
        volcar(archivo)
        h.update(b"\0")
    return h.hexdigest()


def read_source(
    ruta: Path,
    errores: Errores,
    avance: Avance | None = None,
    solo: tuple[str, ...] | None = None,
) -> Fuente | None:
    """Open a workbook or a CSV folder; on any problem record it in ``errores``.

    ``avance``, if given, is told when each sheet of a workbook starts being read. ``solo``
    limits the sheets considered (others are ignored, unread).

    Returns:
        The known sheets found, their rows still to be read (use the result in a ``with``), or
        None when the path cannot be used or holds no usable known sheet.
    """
    ruta = Path(ruta)
    if not ruta.exists():
        errores.add("", None, None, f"no existe el archivo o carpeta «{ruta}»")
        return None
    cierre = contextlib.ExitStack()
    try:
        if ruta.is_dir():
            hojas, usados = _read_folder(ruta, errores, solo)
        elif ruta.suffix.lower() == ".xlsx":
            hojas, usados = _read_xlsx(ruta, errores, cierre, avance, solo), [ruta]
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
                    f"«{ruta.name}» no contiene ninguna de las hojas de la MCR ({', '.join(HOJAS)})"
                    if solo is None
                    else f"«{ruta.name}» no tiene la hoja «{'», «'.join(solo)}» (o está vacía)",
                )
            cierre.close()
            return None
        # Sheet-level problems (an unknown sheet...) are kept in ``errores``; the caller goes on
        # validating the known sheets so that the user sees every problem at once.
        fuente = Fuente(origen=ruta.name, huella=_huella(usados), hojas=hojas, cierre=cierre)
    except BaseException:
        cierre.close()
        raise
    return fuente


__all__ = [
    "AVANCES_VACIA",
    "HOJAS",
    "Avance",
    "FormulaSinValor",
    "Fuente",
    "HojaCruda",
    "read_source",
]
