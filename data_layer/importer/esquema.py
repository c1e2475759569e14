"""The columns of each sheet of the MCR workbook (DOMAIN.md §6) and the per-cell parsing of a sheet.

Cross-row and cross-sheet rules (references, duplicates, levels...) live in ``validacion``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class Fila:
    """A parsed row: its spreadsheet row number and one typed value (or None) per column.

    ``invalidas`` names the columns whose cell was present but unreadable (already reported), so
    that later checks do not report them a second time.
    """

    numero: int
    valores: dict[str, Any]
    invalidas: set[str] = field(default_factory=set)

    def __getitem__(self, columna: str) -> Any:
        return self.valores[columna]


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
) -> list[Fila]:
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
    if posiciones is None:
        return []
    filas: list[Fila] = []
    for numero, celdas_fila in hoja.filas:
        if errores.lleno:  # the file is rejected anyway: stop reading it
            errores.detener(hoja.nombre, numero)
            break
        fila = Fila(numero, {})
        for columna in columnas:
            pos = posiciones.get(columna.nombre)
            crudo = celdas_fila[pos] if pos is not None and pos < len(celdas_fila) else None
            if isinstance(crudo, FormulaSinValor):
                errores.add(hoja.nombre, numero, columna.nombre, crudo.mensaje())
                fila.invalidas.add(columna.nombre)
                valor: Any = [] if columna.tipo == LISTA else None
            elif _blank(crudo):
                valor = [] if columna.tipo == LISTA else None
                if columna.obligatoria:
                    errores.add(hoja.nombre, numero, columna.nombre, "falta el valor (obligatorio)")
                    fila.invalidas.add(columna.nombre)
            else:
                try:
                    valor = _convert(columna, crudo)
                except celdas.CeldaInvalida as exc:
                    errores.add(hoja.nombre, numero, columna.nombre, str(exc))
                    fila.invalidas.add(columna.nombre)
                    valor = [] if columna.tipo == LISTA else None
                else:
                    if columna.tipo == LISTA and not valor and columna.obligatoria:
                        errores.add(
                            hoja.nombre, numero, columna.nombre, "falta el valor (obligatorio)"
                        )
                        fila.invalidas.add(columna.nombre)
            fila.valores[columna.nombre] = valor
        filas.append(fila)
    return filas
