"""A planning unit's upload of its ``avances`` sheet (the import format): all values or none.

The sheet is read and checked by the MCR importer's own functions (:mod:`data_layer.importer`:
reading, cell parsing, indicator/frequency/duplicate checks), with ``fecha_reporte`` optional and
ignored: the receipt is stamped by the system. Only the user's institutions' indicators are
accepted (another institution's, or an unknown code, is an error of its row). Each row then goes
through :func:`data_layer.reportes.servicio.guardar` (``enviar=True``), so every rule of a value
sent from the form applies (period programmed, ended and open, value possible for its unit,
explanation of a flagged value…). Any error anywhere rejects the whole sheet: the caller's
transaction is rolled back and every error is reported with its sheet, row and column.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.engine.frames import Reglas
from data_layer.formato import format_entero
from data_layer.importer.esquema import ESQUEMA, Columna, Fila, parse_sheet
from data_layer.importer.estado import Estado
from data_layer.importer.lectura import read_source
from data_layer.importer.reglas import Deseado
from data_layer.importer.resultado import Errores, ErrorImportacion
from data_layer.importer.topes import MAX_ERRORES_REVISADOS, ArchivoInvalido, revisar_libro
from data_layer.importer.validacion import validate_periodos
from data_layer.models import Avance, Indicador, Institucion, Rol
from data_layer.reportes import servicio
from data_layer.reportes.servicio import ErrorReporte

HOJA = "avances"
#: The ``avances`` sheet's columns, with ``fecha_reporte`` optional (the system stamps it).
COLUMNAS: tuple[Columna, ...] = tuple(
    dataclasses.replace(c, obligatoria=False) if c.nombre == "fecha_reporte" else c
    for c in ESQUEMA[HOJA]
)


class ErrorPlanilla(ErrorReporte):
    """The sheet was rejected: nothing was saved.

    Attributes:
        errores: the problems, located by sheet, row and column (at most
            :data:`~data_layer.importer.topes.MAX_ERRORES_LISTADOS`, then «… y N errores más»).
    """

    def __init__(self, errores: list[ErrorImportacion], total: int | None = None) -> None:
        n = max(total or 0, len(errores))
        cuantos = ("al menos " if n >= MAX_ERRORES_REVISADOS else "") + format_entero(n)
        super().__init__(
            f"La planilla tiene {cuantos} {'error' if n == 1 else 'errores'}: no se guardó ningún "
            f"valor. {'Corríjalo' if n == 1 else 'Corríjalos'} y súbala de nuevo."
        )
        self.errores = errores


def _orden(error: ErrorImportacion) -> tuple[int, int, int]:
    columnas = [c.nombre for c in COLUMNAS]
    columna = columnas.index(error.columna) if error.columna in columnas else -1
    return (0 if not error.hoja else 1), error.fila or 0, columna


def leer(nombre: str, contenido: bytes, errores: Errores) -> Sequence[Fila]:
    """The rows of the ``avances`` sheet of an ``.xlsx`` workbook or a ``.csv`` file.

    Problems go to ``errores`` (the file's, with an empty sheet name). Other sheets of a workbook
    are ignored (not read). The file is checked and read like the MCR importer's
    (:mod:`data_layer.importer.topes`): a zip bomb, a sheet declaring an absurd size, too many
    rows or errors are refused without reading the whole file.
    """
    minuscula = nombre.lower()
    with tempfile.TemporaryDirectory(prefix="sigpret-planilla-") as carpeta:
        if minuscula.endswith(".csv"):
            ruta = Path(carpeta)
            (ruta / f"{HOJA}.csv").write_bytes(contenido)
        elif minuscula.endswith(".xlsx"):
            try:
                revisar_libro(contenido, Path(nombre.replace("\\", "/")).name or "avances.xlsx")
            except ArchivoInvalido as exc:
                errores.add("", None, None, str(exc))
                return []
            ruta = Path(carpeta) / "avances.xlsx"
            ruta.write_bytes(contenido)
        else:
            errores.add(
                "", None, None, "Suba la hoja «avances» como libro de Excel (.xlsx) o como .csv."
            )
            return []
        fuente = read_source(ruta, errores, solo=(HOJA,))
        if fuente is None or HOJA not in fuente.hojas:
            if not errores:
                errores.add("", None, None, "El archivo no tiene la hoja «avances» (o está vacía).")
            return []
        with fuente:
            return parse_sheet(fuente.hojas[HOJA], errores, COLUMNAS)


def _columna(mensaje: str) -> str:
    """The column a refusal of the service is about (to locate it in the sheet)."""
    texto = mensaje.lower()
    if "explique" in texto:
        return "comentario"
    if any(p in texto for p in ("ya está validado", "ya fue enviado", "período", "periodo")):
        return "periodo"
    if any(p in texto for p in ("valor", "porcentaje", "unidad", "número", "finito")):
        return "valor"
    if "evidencia" in texto or "unidad de planificación" in texto:
        return "indicador"
    return "periodo"


def _propios(session: Session, actor: Alcance) -> dict[str, str]:
    """Code → frequency of the indicators ``actor`` reports."""
    consulta = select(Indicador.codigo, Indicador.frecuencia, Institucion.sigla).join(
        Institucion, Institucion.id == Indicador.institucion_responsable_id
    )
    if actor.rol is not Rol.admin:
        consulta = consulta.where(Institucion.sigla.in_(sorted(actor.instituciones)))
    return {
        codigo: str(frecuencia)
        for codigo, frecuencia, sigla in session.execute(consulta)
        if permisos.puede_reportar(actor, sigla)
    }


def subir_avances(
    session: Session,
    *,
    actor: Alcance,
    nombre: str,
    contenido: bytes,
    reglas: Reglas | None = None,
    ahora: dt.datetime | None = None,
) -> list[Avance]:
    """Send every value of the sheet as a new ``enviado`` version, or none of them.

    Runs in the caller's write transaction; on any error it raises and the caller rolls back.

    Returns:
        The sent versions, in the sheet's order.

    Raises:
        ErrorReporte: the actor reports no institution.
        ErrorPlanilla: every problem of the sheet (nothing may be kept: roll back).
    """
    if actor.rol is not Rol.admin and not any(
        permisos.puede_reportar(actor, s) for s in actor.instituciones
    ):
        raise ErrorReporte(permisos.SIN_PERMISO_REPORTAR)
    errores = Errores()
    filas = leer(nombre, contenido, errores)
    propios = _propios(session, actor)
    if not filas and not errores:
        errores.add(HOJA, None, None, "La hoja «avances» no tiene filas con valores.")
    if errores.lleno:
        raise ErrorPlanilla(errores.resultado(_orden), len(errores))
    nuestras = []
    for fila in filas:
        codigo = fila["indicador"]
        if codigo is not None and codigo not in propios:
            errores.add(
                HOJA,
                fila.numero,
                "indicador",
                f"el indicador «{codigo}» no existe o no es de su institución: solo puede "
                "reportar los indicadores de los que su institución es responsable",
            )
        else:
            nuestras.append(fila)
    estado = Estado(indicadores={c: {"frecuencia": f} for c, f in propios.items()})
    validas = validate_periodos(HOJA, nuestras, estado, errores, Deseado())
    if errores:
        raise ErrorPlanilla(errores.resultado(_orden), len(errores))
    enviadas = []
    for (indicador, periodo), fila in validas.items():
        if fila["valor"] is None:
            continue
        try:
            enviadas.append(
                servicio.guardar(
                    session,
                    actor=actor,
                    indicador=indicador,
                    periodo=periodo,
                    valor=fila["valor"],
                    explicacion=fila["comentario"],
                    enviar=True,
                    reglas=reglas,
                    ahora=ahora,
                )
            )
        except ErrorReporte as exc:
            errores.add(HOJA, fila.numero, _columna(str(exc)), str(exc))
    if errores:
        raise ErrorPlanilla(errores.resultado(_orden), len(errores))
    return enviadas
