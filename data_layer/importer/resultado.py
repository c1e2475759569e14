"""What an import reports back: its errors (in Spanish, located in the file) and its counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from data_layer.formato import format_entero
from data_layer.importer.topes import MAX_ERRORES_LISTADOS, MAX_ERRORES_REVISADOS


@dataclass(frozen=True)
class ErrorImportacion:
    """One problem found in the imported file, located as a spreadsheet user would look for it.

    Attributes:
        hoja: sheet name (``avances``...); empty for a problem with the file itself.
        fila: row number as the spreadsheet shows it (the header is row 1), or None.
        columna: column (header) name, or None.
        mensaje: what is wrong, in Spanish.
    """

    hoja: str
    fila: int | None
    columna: str | None
    mensaje: str

    def __str__(self) -> str:
        partes = []
        if self.hoja:
            partes.append(f"Hoja «{self.hoja}»")
        if self.fila is not None:
            partes.append(f"fila {self.fila}")
        if self.columna:
            partes.append(f"columna «{self.columna}»")
        if not partes:
            return self.mensaje
        texto = ", ".join(partes)
        return f"{texto[0].upper()}{texto[1:]}: {self.mensaje}"


@dataclass
class ResultadoImportacion:
    """Outcome of :func:`data_layer.importer.import_mcr`.

    Attributes:
        ok: True when the file was valid (and, unless dry-run, written).
        errores: the problems found (at most
            :data:`~data_layer.importer.topes.MAX_ERRORES_LISTADOS`, then one line «… y N
            errores más»); empty when ``ok``.
        total_errores: how many problems were found in all.
        cambios: per sheet, ``{"insertados": n, "actualizados": n, "sin_cambios": n}``.
        revisiones: number of targets (programacion rows) whose current value was revised.
        conservadas: targets set by an approved revision that the file carries with an older
            value, left as they are («MS-01-I1 · 2026-T4: conservada: revisión aprobada el
            dd/mm/aaaa por <usuario>»); neither changes nor errors.
        importacion_id: id of the :class:`~data_layer.models.Importacion` row written, or None
            when nothing changed, on a dry run or on error.
    """

    ok: bool
    errores: list[ErrorImportacion] = field(default_factory=list)
    cambios: dict[str, dict[str, int]] = field(default_factory=dict)
    revisiones: int = 0
    conservadas: list[str] = field(default_factory=list)
    importacion_id: int | None = None
    total_errores: int = 0

    @property
    def hubo_cambios(self) -> bool:
        """Whether the import inserted or updated anything (or would, on a dry run)."""
        return self.revisiones > 0 or any(
            c["insertados"] or c["actualizados"] for c in self.cambios.values()
        )

    def resumen(self) -> str:
        """A short Spanish summary of the counts, e.g. ``metas: 3 nuevas...``."""
        return resumir(self.cambios, self.revisiones, len(self.conservadas))


def resumir(cambios: dict[str, dict[str, int]], revisiones: int, conservadas: int = 0) -> str:
    """Short Spanish summary of per-sheet counts, for the Importacion row and the CLI."""
    partes = [
        f"{hoja}: {c['insertados']} nuevos, {c['actualizados']} actualizados, "
        f"{c['sin_cambios']} sin cambios"
        for hoja, c in cambios.items()
        if c["insertados"] or c["actualizados"] or c["sin_cambios"]
    ]
    if revisiones:
        partes.append(f"revisiones de programación: {revisiones}")
    if conservadas:
        partes.append(f"metas conservadas por una revisión aprobada: {conservadas}")
    return "; ".join(partes) if partes else "sin cambios"


class Errores:
    """Collects the errors of an import, so that the user sees them at once, within bounds.

    The first ``listar`` errors are kept; the rest are only counted. With ``revisar`` errors the
    file is :attr:`lleno`: readers and checks stop (the file is rejected anyway), and
    :meth:`resultado` says where the check stopped.
    """

    def __init__(
        self, listar: int = MAX_ERRORES_LISTADOS, revisar: int = MAX_ERRORES_REVISADOS
    ) -> None:
        self.lista: list[ErrorImportacion] = []
        self.total = 0
        self.listar, self.revisar = listar, revisar
        #: Where the check stopped (sheet, row), once :attr:`lleno`.
        self.detenido: tuple[str, int | None] | None = None

    def add(self, hoja: str, fila: int | None, columna: str | None, mensaje: str) -> None:
        """Record one error (kept while fewer than ``listar`` are, counted always)."""
        self.total += 1
        if len(self.lista) < self.listar:
            self.lista.append(ErrorImportacion(hoja, fila, columna, mensaje))

    @property
    def lleno(self) -> bool:
        """Whether so many errors were found that checking the file any further is pointless."""
        return self.total >= self.revisar

    def detener(self, hoja: str, fila: int | None) -> None:
        """Note where reading stopped because the file is :attr:`lleno` (the first place only)."""
        if self.detenido is None:
            self.detenido = (hoja, fila)

    def resultado(
        self, clave: Callable[[ErrorImportacion], Any] | None = None
    ) -> list[ErrorImportacion]:
        """The kept errors (sorted by ``clave``), then «… y N errores más» if some were not."""
        lista = sorted(self.lista, key=clave) if clave is not None else list(self.lista)
        resto = self.total - len(self.lista)
        if resto <= 0:
            return lista
        texto = f"… y {format_entero(resto)} {'error más' if resto == 1 else 'errores más'}"
        if self.detenido is not None:
            hoja, fila = self.detenido
            lugar = f"hoja «{hoja}»" + (f", fila {format_entero(fila)}" if fila else "")
            texto += (
                f"; con {format_entero(self.total)} errores se dejó de revisar el archivo "
                f"({lugar}): corrija los de arriba y súbalo otra vez para ver los demás"
            )
        else:
            texto += f" (se muestran los primeros {format_entero(len(self.lista))})"
        lista.append(ErrorImportacion("", None, None, texto))
        return lista

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total
