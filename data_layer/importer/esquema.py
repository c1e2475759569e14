"""The columns of each sheet of the MCR workbook (DOMAIN.md §6) and the per-cell parsing of a sheet.

Cross-row and cross-sheet rules (references, duplicates, levels...) live in ``validacion``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from sqlalchemy.orm import InstrumentedAttribute

from data_layer import limites
from data_layer.importer import celdas
from data_layer.importer.lectura import FormulaSinValor, HojaCruda
from data_layer.importer.resultado import Errores
from data_layer.models import (
    Avance,
    Eje,
    Eslabon,
    Frecuencia,
    Indicador,
    Institucion,
    Meta,
    Nivel,
    Sector,
    Sentido,
    TemaTransversal,
    Tipo,
)

TEXTO, NUMERO, PERIODO, FECHA, ANIO, LISTA, OPCION = (
    "texto",
    "numero",
    "periodo",
    "fecha",
    "anio",
    "lista",
    "opcion",
)


def _largo(atributo: InstrumentedAttribute[Any]) -> int | None:
    """The maximum length of a text column (:func:`data_layer.limites.tope`), so that SQLite and
    PostgreSQL behave alike and the importer admits what a form admits."""
    return limites.tope(atributo.property.columns[0])


@dataclass(frozen=True)
class Columna:
    """One column of a sheet: its header name, its type and whether a value is required."""

    nombre: str
    tipo: str = TEXTO
    obligatoria: bool = True
    largo: int | None = None
    opciones: tuple[str, ...] = ()
    positivo: bool = False


def _opciones(enumeracion: type[Any]) -> tuple[str, ...]:
    return tuple(m.value for m in enumeracion)


ESQUEMA: dict[str, tuple[Columna, ...]] = {
    "ejes": (
        Columna("codigo", largo=_largo(Eje.codigo)),
        Columna("nombre", largo=_largo(Eje.nombre)),
        Columna("eje_padre", obligatoria=False),
    ),
    "sectores": (
        Columna("codigo", largo=_largo(Sector.codigo)),
        Columna("nombre", largo=_largo(Sector.nombre)),
        Columna("ejes", LISTA),
        Columna("institucion_rectora", obligatoria=False),
    ),
    "instituciones": (
        Columna("sigla", largo=_largo(Institucion.sigla)),
        Columna("nombre", largo=_largo(Institucion.nombre)),
        Columna("sectores", LISTA),
    ),
    "metas": (
        Columna("codigo", largo=_largo(Meta.codigo)),
        Columna("nivel", OPCION, opciones=_opciones(Nivel)),
        Columna("descripcion", largo=_largo(Meta.descripcion)),
        # Which of eje / sector / institucion is required depends on the level.
        Columna("eje", obligatoria=False),
        Columna("sector", obligatoria=False),
        Columna("institucion", obligatoria=False),
        Columna("contribuye_a", LISTA, obligatoria=False),
        Columna("peso", NUMERO, obligatoria=False, positivo=True),
    ),
    "indicadores": (
        Columna("codigo", largo=_largo(Indicador.codigo)),
        Columna("meta"),
        Columna("nombre", largo=_largo(Indicador.nombre)),
        Columna("eslabon", OPCION, opciones=_opciones(Eslabon)),
        Columna("unidad", largo=_largo(Indicador.unidad)),
        Columna("sentido", OPCION, opciones=_opciones(Sentido)),
        Columna("tipo", OPCION, opciones=_opciones(Tipo)),
        Columna("frecuencia", OPCION, opciones=_opciones(Frecuencia)),
        Columna("linea_base", NUMERO, obligatoria=False),
        Columna("anio_base", ANIO, obligatoria=False),
        Columna("fuente", largo=_largo(Indicador.fuente)),
        Columna("institucion_responsable"),
        Columna(
            "temas_transversales", LISTA, obligatoria=False, largo=_largo(TemaTransversal.nombre)
        ),
        Columna("umbral_verde", NUMERO, obligatoria=False),
        Columna("umbral_amarillo", NUMERO, obligatoria=False),
        Columna("peso", NUMERO, obligatoria=False, positivo=True),
    ),
    "programacion": (
        Columna("indicador"),
        Columna("periodo", PERIODO),
        Columna("meta", NUMERO),
    ),
    "avances": (
        Columna("indicador"),
        Columna("periodo", PERIODO),
        Columna("valor", NUMERO),
        Columna("fecha_reporte", FECHA),
        Columna("comentario", obligatoria=False, largo=_largo(Avance.comentario)),
    ),
}


#: The columns of a row that were all readable.
_NINGUNA: frozenset[str] = frozenset()
#: Column types whose values repeat across rows (periods, choices, dates, codes): each distinct
#: value is converted once per sheet and its rows share one object (issue #15: memory at 100×).
_REPETIDOS = (TEXTO, PERIODO, FECHA, ANIO, OPCION)


class Fila:
    """A parsed row: its spreadsheet row number and one typed value (or None) per column.

    A view on its sheet's columns (:class:`Hoja`), made when the row is looked at. ``invalidas``
    names the columns whose cell was present but unreadable (already reported), so that later
    checks do not report them a second time.
    """

    __slots__ = ("_hoja", "_i")

    def __init__(self, hoja: Hoja, i: int) -> None:
        self._hoja = hoja
        self._i = i

    @property
    def numero(self) -> int:
        """The row number as the spreadsheet shows it (the header is row 1)."""
        return self._hoja.numeros[self._i]

    @property
    def invalidas(self) -> frozenset[str]:
        """The columns of this row whose cell was unreadable (already reported)."""
        return self._hoja.invalidas.get(self._i, _NINGUNA)

    @property
    def valores(self) -> dict[str, Any]:
        """Column name → typed value."""
        return {nombre: self[nombre] for nombre in self._hoja.columnas}

    def __getitem__(self, columna: str) -> Any:
        valor = self._hoja.columnas[columna][self._i]
        # Number columns are arrays of floats where NaN stands for an empty cell (a cell read
        # as a number is always finite, see :func:`~data_layer.importer.celdas.to_number`).
        return None if valor != valor else valor


class Hoja(Sequence[Fila]):
    """The parsed rows of one sheet, stored by column (issue #15): row numbers and number columns
    as arrays of machine integers and floats, other columns as lists whose repeated values share
    one object. Indexing or iterating hands out :class:`Fila` views.
    """

    def __init__(self, columnas: tuple[Columna, ...]) -> None:
        self.numeros: array[int] = array("q")
        self.columnas: dict[str, Any] = {
            c.nombre: array("d") if c.tipo == NUMERO else [] for c in columnas
        }
        #: Row index → the columns of that row whose cell was unreadable.
        self.invalidas: dict[int, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self.numeros)

    @overload
    def __getitem__(self, i: int) -> Fila: ...
    @overload
    def __getitem__(self, i: slice) -> list[Fila]: ...
    def __getitem__(self, i: int | slice) -> Fila | list[Fila]:
        if isinstance(i, slice):
            return [Fila(self, j) for j in range(len(self))[i]]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return Fila(self, i)

    def __iter__(self) -> Iterator[Fila]:
        return (Fila(self, i) for i in range(len(self)))


def _convert(columna: Columna, valor: Any) -> Any:
    if columna.tipo == NUMERO:
        numero = celdas.to_number(valor)
        if columna.positivo and numero <= 0:
            raise celdas.CeldaInvalida(f"«{celdas.to_text(valor)}» debe ser mayor que cero")
        return numero
    if columna.tipo == PERIODO:
        return celdas.to_period(valor)
    if columna.tipo == FECHA:
        return celdas.to_date(valor)
    if columna.tipo == ANIO:
        return celdas.to_year(valor)
    if columna.tipo == OPCION:
        return celdas.to_choice(valor, columna.opciones)
    if columna.tipo == LISTA:
        items = celdas.to_list(valor)
        largos = [i for i in items if columna.largo and len(i) > columna.largo]
        if largos:
            raise celdas.CeldaInvalida(
                f"«{largos[0]}» es demasiado largo (máximo {columna.largo} caracteres)"
            )
        return items
    texto = celdas.to_text(valor)
    if columna.largo and len(texto) > columna.largo:
        raise celdas.CeldaInvalida(
            f"el texto tiene {len(texto)} caracteres; el máximo es {columna.largo}"
        )
    return texto


def _blank(valor: Any) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _locate_columns(
    hoja: HojaCruda, errores: Errores, columnas: tuple[Columna, ...]
) -> dict[str, int] | None:
    """Header name → position; None when a required column is missing or repeated."""
    conocidas = {c.nombre for c in columnas}
    posiciones: dict[str, int] = {}
    utilizable = True
    for i, encabezado in enumerate(hoja.encabezados):
        if not encabezado:
            continue
        if encabezado in posiciones:
            errores.add(hoja.nombre, 1, encabezado, "la columna aparece dos veces")
            utilizable = False
        elif encabezado not in conocidas:
            errores.add(
                hoja.nombre,
                1,
                encabezado,
                "columna desconocida; las columnas de esta hoja son: "
                + ", ".join(c.nombre for c in columnas),
            )
        else:
            posiciones[encabezado] = i
    for columna in columnas:
        if columna.nombre not in posiciones and columna.obligatoria:
            errores.add(hoja.nombre, 1, columna.nombre, "falta la columna obligatoria")
            utilizable = False
    return posiciones if utilizable else None


def parse_sheet(
    hoja: HojaCruda, errores: Errores, columnas: tuple[Columna, ...] | None = None
) -> Hoja:
    """Check a sheet's header and convert every cell; record every problem in ``errores``.

    ``columnas`` replaces the sheet's :data:`ESQUEMA` (the planning units' ``avances`` upload,
    where ``fecha_reporte`` is stamped by the system, not typed).

    Rows are converted as they are read; reading stops once ``errores`` is
    :attr:`~data_layer.importer.resultado.Errores.lleno`.

    Returns:
        One :class:`Fila` per non-empty row (none when the header is unusable). A missing
        optional column reads as empty cells.
    """
    columnas = ESQUEMA[hoja.nombre] if columnas is None else columnas
    posiciones = _locate_columns(hoja, errores, columnas)
    filas = Hoja(columnas)
    if posiciones is None:
        return filas
    # Per column: where its cell is, its values so far, and the conversions already made.
    destinos: list[tuple[Columna, int | None, Any, dict[Any, Any] | None]] = [
        (
            c,
            posiciones.get(c.nombre),
            filas.columnas[c.nombre],
            {} if c.tipo in _REPETIDOS else None,
        )
        for c in columnas
    ]
    for numero, celdas_fila in hoja.filas:
        if errores.lleno:  # the file is rejected anyway: stop reading it
            errores.detener(hoja.nombre, numero)
            break
        invalidas: set[str] = set()
        for columna, pos, destino, hechos in destinos:
            crudo = celdas_fila[pos] if pos is not None and pos < len(celdas_fila) else None
            clave = (type(crudo), crudo)
            if hechos is not None and clave in hechos:
                destino.append(hechos[clave])
                continue
            valor = _parse_cell(hoja.nombre, numero, columna, crudo, errores, invalidas)
            if hechos is not None and columna.nombre not in invalidas:
                valor = hechos.setdefault(clave, valor)
            destino.append(_NAN if valor is None and columna.tipo == NUMERO else valor)
        if invalidas:
            filas.invalidas[len(filas.numeros)] = frozenset(invalidas)
        filas.numeros.append(numero)
    return filas


_NAN = float("nan")


def _parse_cell(
    hoja: str, numero: int, columna: Columna, crudo: Any, errores: Errores, invalidas: set[str]
) -> Any:
    """One cell's typed value; a problem is reported and its column added to ``invalidas``."""
    vacio: Any = [] if columna.tipo == LISTA else None
    if isinstance(crudo, FormulaSinValor):
        errores.add(hoja, numero, columna.nombre, crudo.mensaje())
        invalidas.add(columna.nombre)
        return vacio
    if _blank(crudo):
        if columna.obligatoria:
            errores.add(hoja, numero, columna.nombre, "falta el valor (obligatorio)")
            invalidas.add(columna.nombre)
        return vacio
    try:
        valor = _convert(columna, crudo)
    except celdas.CeldaInvalida as exc:
        errores.add(hoja, numero, columna.nombre, str(exc))
        invalidas.add(columna.nombre)
        return vacio
    if columna.tipo == LISTA and not valor and columna.obligatoria:
        errores.add(hoja, numero, columna.nombre, "falta el valor (obligatorio)")
        invalidas.add(columna.nombre)
    return valor
