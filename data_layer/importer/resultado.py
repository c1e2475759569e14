"""What an import reports back: its errors (in Spanish, located in the file) and its counts."""

from __future__ import annotations

from dataclasses import dataclass, field


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
        errores: every problem found; empty when ``ok``.
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
    """Collects every error of an import, so that the user sees them all at once."""

    def __init__(self) -> None:
        self.lista: list[ErrorImportacion] = []

    def add(self, hoja: str, fila: int | None, columna: str | None, mensaje: str) -> None:
        """Record one error."""
        self.lista.append(ErrorImportacion(hoja, fila, columna, mensaje))

    def __bool__(self) -> bool:
        return bool(self.lista)

    def __len__(self) -> int:
        return len(self.lista)
