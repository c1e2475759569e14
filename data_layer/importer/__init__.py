"""The MCR importer (DOMAIN.md §6): a workbook or CSV folder in, an all-or-nothing upsert out.

Steps: read the sheets (``lectura``), convert every cell (``esquema``), load the stored MCR once
(``estado``), check every rule against file plus database (``validacion``), then compare and write
in one transaction (``escritura``). Every error of the file is collected before anything is written.

An import that changes data is audited in that same transaction: one ``importacion_mcr`` record
(who, file, counts) and one record per updated row or revised target (old → new).

:func:`vista_previa_mcr` is the detailed dry run (per sheet, new codes and old → new of each
changed row, :mod:`~data_layer.importer.vista_previa`), for the web upload; it records the data
version it compared against, and :func:`import_mcr` given ``version_esperada`` refuses to write
when another import committed since (:class:`DatosCambiados`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from data_layer import queries, versiones
from data_layer.auth import registrar
from data_layer.db import session_factory
from data_layer.errores import ErrorDeDatos
from data_layer.importer.escritura import apply_plan, audit_plan, plan_changes
from data_layer.importer.esquema import ESQUEMA, Fila, parse_sheet
from data_layer.importer.estado import Estado, load_estado
from data_layer.importer.lectura import HOJAS, Fuente, read_source
from data_layer.importer.resultado import (
    Errores,
    ErrorImportacion,
    ResultadoImportacion,
)
from data_layer.importer.validacion import validate
from data_layer.importer.vista_previa import detalle_plan, errores_json
from data_layer.models import Importacion

__all__ = [
    "DatosCambiados",
    "ErrorImportacion",
    "ResultadoImportacion",
    "VistaPrevia",
    "check_mcr",
    "import_mcr",
    "vista_previa_mcr",
]

#: Told how a dry run goes: a Spanish description of the step and the fraction done (0–1).
Progreso = Callable[[str, float], None]
#: Counter of :mod:`data_layer.versiones` moved by a checked import: it takes the write lock
#: before the data version is compared, so two imports of the same preview cannot both pass.
_CERROJO = "importacion"


class DatosCambiados(ErrorDeDatos):
    """The database changed since the dry run (another import, or another file): nothing written."""


@dataclass
class VistaPrevia:
    """A detailed dry run (:func:`vista_previa_mcr`).

    Attributes:
        archivo: the file's name.
        huella: sha256 of the file (empty when it could not be read).
        version: the data version the file was compared against.
        errores: the problems of the file (sheet, row, column, Spanish message), at most
            :data:`~data_layer.importer.topes.MAX_ERRORES_LISTADOS` and a last line «… y N
            errores más».
        total_errores: how many problems were found in all.
        hojas: per sheet, counts and details (see
            :func:`~data_layer.importer.vista_previa.detalle_plan`); empty with errors.
        revisiones: targets whose current value would be revised.
        conservadas: targets set by an approved revision that the file carries with an older
            value (kept; listed in the ``programacion`` sheet's ``conservadas``).
    """

    archivo: str
    huella: str
    version: int
    errores: list[ErrorImportacion] = field(default_factory=list)
    hojas: list[dict[str, Any]] = field(default_factory=list)
    revisiones: int = 0
    conservadas: int = 0
    total_errores: int = 0

    @property
    def ok(self) -> bool:
        """Whether the file is valid (it could be applied)."""
        return not self.errores

    @property
    def hubo_cambios(self) -> bool:
        """Whether applying would insert or change anything."""
        return self.revisiones > 0 or any(h["insertados"] or h["actualizados"] for h in self.hojas)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (errors cut at :data:`~data_layer.importer.vista_previa.MAX_ERRORES`)."""
        return {
            "archivo": self.archivo,
            "huella": self.huella,
            "version": self.version,
            "ok": self.ok,
            "hubo_cambios": self.hubo_cambios,
            "total_errores": max(self.total_errores, len(self.errores)),
            "errores": errores_json(self.errores),
            "hojas": self.hojas,
            "revisiones": self.revisiones,
            "conservadas": self.conservadas,
        }


def _orden(error: ErrorImportacion) -> tuple[int, int, int]:
    """Errors in the order a user reads the file: file, unknown sheets, then sheet, row, column."""
    hoja = HOJAS.index(error.hoja) + 2 if error.hoja in HOJAS else (1 if error.hoja else 0)
    columnas = [c.nombre for c in ESQUEMA.get(error.hoja, ())]
    columna = columnas.index(error.columna) if error.columna in columnas else -1
    return hoja, error.fila or 0, columna


def _fallo(errores: Errores) -> ResultadoImportacion:
    return ResultadoImportacion(
        ok=False, errores=errores.resultado(_orden), total_errores=len(errores)
    )


def _read(
    ruta: Path, errores: Errores, progreso: Progreso | None = None
) -> tuple[Fuente | None, dict[str, Sequence[Fila]]]:
    def hoja(nombre: str, numero: int, total: int) -> None:
        if progreso is not None:
            texto = f"Leyendo la hoja «{nombre}» ({numero} de {total})"
            progreso(texto, 0.6 * (numero - 1) / total)

    fuente = read_source(Path(ruta), errores, hoja)
    if fuente is None:
        return None, {}
    with fuente:  # rows are read as they are converted; a file with too many errors stops early
        return fuente, {nombre: parse_sheet(h, errores) for nombre, h in fuente.hojas.items()}


def check_mcr(ruta: Path, estado: Estado | None = None) -> list[ErrorImportacion]:
    """Every error of a file, checked against ``estado`` (default: an empty database).

    The same checks as :func:`import_mcr`, without touching a database: for validating an
    upload before importing it, and for tests.
    """
    errores = Errores()
    fuente, filas = _read(ruta, errores)
    if fuente is not None and not errores.lleno:
        validate(filas, estado or Estado(), errores)
    return errores.resultado(_orden)


#: Why a checked import is refused.
_CAMBIARON = (
    "Los datos del sistema cambiaron después de la vista previa (otra importación se aplicó "
    "mientras tanto) o el archivo ya no es el mismo. No se guardó nada: suba el archivo y "
    "revise la vista previa otra vez."
)


def vista_previa_mcr(engine: Engine, ruta: Path, progreso: Progreso | None = None) -> VistaPrevia:
    """The detailed dry run of a file against the database: nothing is written.

    The same reading and checks as :func:`import_mcr`; on success, per sheet, what would be
    inserted, changed (old → new) and left as is.

    Args:
        engine: the database (migrated).
        ruta: an ``.xlsx`` file or a CSV folder.
        progreso: told each step (for a progress bar), with the fraction done.
    """
    errores = Errores()
    with session_factory(engine)() as session:
        # Read before the MCR: if an import commits in between, the older version makes the
        # apply refuse (safe), never the other way round.
        version = queries.data_version(session)
    fuente, filas = _read(ruta, errores, progreso)
    vista = VistaPrevia(
        archivo=Path(ruta).name, huella=fuente.huella if fuente else "", version=version
    )
    if fuente is None or errores.lleno:
        vista.errores, vista.total_errores = errores.resultado(_orden), len(errores)
        return vista
    if progreso is not None:
        progreso("Comparando con los datos del sistema", 0.65)
    with session_factory(engine)() as session:
        estado = load_estado(session)
        session.rollback()
    if progreso is not None:
        progreso("Validando las reglas de la MCR", 0.8)
    deseado = validate(filas, estado, errores)
    if errores:
        vista.errores, vista.total_errores = errores.resultado(_orden), len(errores)
        return vista
    if progreso is not None:
        progreso("Preparando el detalle de los cambios", 0.9)
    plan = plan_changes(deseado, estado)
    hojas = [h for h in HOJAS if h in fuente.hojas]
    vista.hojas = detalle_plan(deseado, estado, plan, hojas)
    vista.revisiones = len(plan.programacion_revisada)
    vista.conservadas = len(plan.programacion_conservada)
    return vista


def import_mcr(
    engine: Engine,
    ruta: Path,
    *,
    dry_run: bool = False,
    es_demo: bool = False,
    usuario: str | None = None,
    version_esperada: int | None = None,
    huella_esperada: str | None = None,
) -> ResultadoImportacion:
    """Validate an MCR workbook (``.xlsx``) or CSV folder and upsert it by code.

    Args:
        engine: the database to import into (migrated).
        ruta: an ``.xlsx`` file, or a folder with one CSV per sheet (``ejes.csv``...).
        dry_run: validate and count the changes, but write nothing.
        es_demo: mark the :class:`~data_layer.models.Importacion` row as the demo dataset.
        usuario: who imports, for the audit trail (``cli:<os user>`` from the command line).
        version_esperada: the data version a dry run compared against (the web upload): the
            import takes the write lock and refuses when the version moved since.
        huella_esperada: the sha256 the dry run read: a different file is refused.

    Raises:
        DatosCambiados: ``version_esperada`` or ``huella_esperada`` does not match; nothing
            was written.

    Returns:
        The outcome. With any error nothing is written and ``errores`` lists them all (sheet,
        row, column, Spanish message). When something changed one ``Importacion`` row is added
        and the import is audited (see the module docstring); re-importing the same file
        changes nothing and adds no row and no audit record.
    """
    errores = Errores()
    fuente, filas = _read(ruta, errores)
    if fuente is None or errores.lleno:
        return _fallo(errores)

    if huella_esperada is not None and fuente.huella != huella_esperada:
        raise DatosCambiados(_CAMBIARON)
    for intento in range(_INTENTOS):
        preparada = _preparar(engine, fuente, filas, errores, version_esperada)
        if isinstance(preparada, ResultadoImportacion):
            return preparada
        if dry_run or not preparada.resultado.hubo_cambios:
            return preparada.resultado
        try:
            return _escribir(engine, fuente, preparada, es_demo=es_demo, usuario=usuario)
        except DatosCambiados:
            # Another change committed while this file was being prepared. A checked import
            # (the web's, against a preview) is refused; the command line prepares again.
            if version_esperada is not None or intento == _INTENTOS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


#: How many times an unchecked import (the command line) prepares again when another change
#: commits during its preparation.
_INTENTOS = 3


@dataclass
class _Preparada:
    """What the read-only preparation of an import hands to its short write."""

    version: int
    estado: Estado
    deseado: Any
    plan: Any
    resultado: ResultadoImportacion


def _preparar(
    engine: Engine,
    fuente: Fuente,
    filas: dict[str, Sequence[Fila]],
    errores: Errores,
    version_esperada: int | None,
) -> _Preparada | ResultadoImportacion:
    """Load the stored MCR, check every rule and plan the changes, in a read-only transaction:
    no write lock is held while the slow part runs, so logins and reports go on (issue #15).

    The data version is read before the MCR: if a change commits in between, the write sees a
    newer version and refuses, never the other way round.
    """
    with session_factory(engine)() as session:
        version = queries.data_version(session)
        if version_esperada is not None and version != version_esperada:
            raise DatosCambiados(_CAMBIARON)
        estado = load_estado(session)
        session.rollback()
    deseado = validate(filas, estado, errores)
    if errores:
        return _fallo(errores)
    plan = plan_changes(deseado, estado)
    hojas = [h for h in HOJAS if h in fuente.hojas]
    resultado = ResultadoImportacion(
        ok=True,
        cambios=plan.cambios(hojas),
        revisiones=len(plan.programacion_revisada),
        conservadas=plan.conservadas(estado),
    )
    return _Preparada(version, estado, deseado, plan, resultado)


def _escribir(
    engine: Engine, fuente: Fuente, p: _Preparada, *, es_demo: bool, usuario: str | None
) -> ResultadoImportacion:
    """The write of a prepared import, in one short transaction: take the import lock, check
    that nothing changed since the preparation (:class:`DatosCambiados` otherwise, nothing
    written), apply the plan, record the import and audit it."""
    resultado = p.resultado
    session = session_factory(engine)()
    try:
        versiones.mover(session, _CERROJO)
        if queries.data_version(session) != p.version:
            raise DatosCambiados(_CAMBIARON)
        apply_plan(session, p.estado, p.deseado, p.plan, fuente.origen, usuario)
        importacion = Importacion(
            origen=fuente.origen[:500],
            huella=fuente.huella,
            es_demo=es_demo,
            resumen=resultado.resumen(),
        )
        session.add(importacion)
        session.flush()
        resultado.importacion_id = importacion.id
        detallados = audit_plan(
            session, p.estado, p.deseado, p.plan, usuario=usuario, importacion_id=importacion.id
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
                # Approved targets the file carried with an older value, left as they were.
                **({"conservadas": resultado.conservadas} if resultado.conservadas else {}),
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
