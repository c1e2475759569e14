"""What an Excel export says about itself: its file name and its «Filtros» sheet.

Every table SIGPRET lets a user download (a grid's export, the acuerdos board) is described by
one :class:`Exportacion`: which table, the filters and period it was made with, when and by whom.
From it come

- the file name, :meth:`Exportacion.nombre`:
  ``sigpret-<tabla>-<códigos de filtro>-<período>_<fecha>`` (``sigpret-metas-del-sector-SAL-rojo-
  2026-T2_2026-08-20``), so a folder of downloads says what each file holds;
- the rows of the workbook's «Filtros» sheet, :meth:`Exportacion.hoja_filtros`: the table, the
  period evaluated, each filter (the page's and the grid's column filters), the moment it was
  generated (Honduras time, a real Excel date) and the user.

Pure functions of what the caller passes: the page's parameters as the export rebuilt them (already
validated by the page's own code), the effective period and the user's name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from data_layer import periods

#: The page parameters that are filters, in file-name order, with their Spanish label. The
#: period is not here: it has its own line and the last place in the name.
ETIQUETAS_FILTRO: dict[str, str] = {
    "codigo": "Código",
    "sigla": "Institución",
    "mesa": "Mesa",
    "eje": "Eje",
    "sector": "Sector",
    "tema": "Tema transversal",
    "estado": "Estado",
    "severidad": "Severidad",
    "tipo": "Tipo de alerta",
    "institucion": "Institución",
    "usuario": "Usuario",
    "accion": "Acción",
    "desde": "Desde",
    "hasta": "Hasta",
}

#: Parameters that never go into the name or the sheet (navigation, not filters).
NO_FILTROS = frozenset({"periodo", "meta", "pestana", "vista"})

#: How AG Grid's filter types read in Spanish.
TIPOS_FILTRO_COLUMNA: dict[str, str] = {
    "equals": "igual a",
    "notEqual": "distinto de",
    "contains": "contiene",
    "notContains": "no contiene",
    "startsWith": "empieza por",
    "endsWith": "termina en",
    "lessThan": "menor que",
    "lessThanOrEqual": "menor o igual que",
    "greaterThan": "mayor que",
    "greaterThanOrEqual": "mayor o igual que",
    "inRange": "entre",
    "blank": "vacío",
    "notBlank": "no vacío",
}

#: Characters of the file name before the date (browsers and file systems cut longer names).
MAX_NOMBRE = 120

_NO_SEGURO = re.compile(r"[^A-Za-z0-9.-]+")


def _segmento(texto: Any) -> str:
    """``texto`` as a piece of a file name: ASCII letters, digits, dots and dashes."""
    plano = unicodedata.normalize("NFKD", str(texto)).encode("ascii", "ignore").decode()
    return _NO_SEGURO.sub("-", plano).strip("-.")


def _texto_valor(valor: Any) -> str:
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    return str(valor)


def describir_filtro_columna(encabezado: str, modelo: Mapping[str, Any]) -> str:
    """One grid column filter (AG Grid's ``filterModel`` entry) in Spanish.

    ``{"filterType": "number", "type": "inRange", "filter": 10, "filterTo": 95}`` on «Avance» →
    ``Avance entre 10 y 95``; combined conditions are joined with «y» / «o».
    """
    condiciones = modelo.get("conditions")
    if isinstance(condiciones, list) and condiciones:
        union = " y " if str(modelo.get("operator", "AND")).upper() == "AND" else " o "
        return union.join(
            describir_filtro_columna(encabezado, c) for c in condiciones if isinstance(c, Mapping)
        )
    tipo = str(modelo.get("type") or "")
    verbo = TIPOS_FILTRO_COLUMNA.get(tipo, tipo)
    desde = modelo.get("dateFrom") if modelo.get("filterType") == "date" else modelo.get("filter")
    hasta = modelo.get("dateTo") if modelo.get("filterType") == "date" else modelo.get("filterTo")
    if tipo in ("blank", "notBlank"):
        return f"{encabezado} {verbo}"
    if tipo == "inRange":
        return f"{encabezado} entre {_texto_valor(desde)} y {_texto_valor(hasta)}"
    return f"{encabezado} {verbo} «{_texto_valor(desde)}»"


def _texto_periodo(periodo: str) -> str:
    try:
        p = periods.parse(periodo)
    except periods.PeriodoInvalido:
        return periodo
    return f"{p} (del {p.inicio:%d/%m/%Y} al {p.fin:%d/%m/%Y})"


@dataclass(frozen=True)
class Exportacion:
    """One downloaded table and how it was made.

    Attributes:
        tabla: the table's short name (``metas-del-sector``), the file name's first part.
        titulo: what the table is, for the sheet (``Metas del sector``).
        filtros: ``(parameter, value)`` of the page's filters that were applied, in
            :data:`ETIQUETAS_FILTRO` order (empty values left out).
        periodo: the quarter the rows were evaluated for; None for tables without a period.
        generado: when (Honduras time).
        usuario: who downloaded it.
        columnas: descriptions of the grid's column filters (:func:`describir_filtro_columna`).
    """

    tabla: str
    titulo: str
    filtros: tuple[tuple[str, str], ...]
    periodo: str | None
    generado: dt.datetime
    usuario: str
    columnas: tuple[str, ...] = field(default=())

    def nombre(self) -> str:
        """The file's name without extension: ``sigpret-<tabla>-<códigos>-<período>_<fecha>``."""
        partes = ["sigpret", _segmento(self.tabla) or "tabla"]
        partes += [s for _, valor in self.filtros if (s := _segmento(valor))]
        if self.periodo:
            partes.append(_segmento(self.periodo))
        base = "-".join(partes)[:MAX_NOMBRE].rstrip("-.")
        return f"{base}_{self.generado.date().isoformat()}"

    def hoja_filtros(self) -> list[tuple[str, Any]]:
        """The «Filtros» sheet's rows, ``(what, value)``; the moment is a ``datetime``."""
        filas: list[tuple[str, Any]] = [("Tabla", self.titulo)]
        if self.periodo:
            filas.append(("Período evaluado", _texto_periodo(self.periodo)))
        for clave, valor in self.filtros:
            filas.append((ETIQUETAS_FILTRO.get(clave, clave.capitalize()), valor))
        filas += [("Filtro de columna", texto) for texto in self.columnas]
        if not self.filtros and not self.columnas:
            filas.append(("Filtros", "Ninguno: todas las filas que el usuario puede ver"))
        filas.append(("Generado", self.generado.replace(tzinfo=None, microsecond=0)))
        filas.append(("Usuario", self.usuario or "—"))
        return filas


def filtros_aplicados(params: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The filters in ``params`` (a page's parameters) that filter something, in name order.

    Known parameters come first in :data:`ETIQUETAS_FILTRO` order, unknown ones after them in
    alphabetical order; None, empty texts and :data:`NO_FILTROS` are left out.
    """
    orden = {clave: i for i, clave in enumerate(ETIQUETAS_FILTRO)}
    claves = sorted(
        (c for c in params if c not in NO_FILTROS),
        key=lambda c: (orden.get(c, len(orden)), c),
    )
    salida = []
    for clave in claves:
        valor = params[clave]
        if valor is None or valor is False or (isinstance(valor, str) and not valor.strip()):
            continue
        salida.append((clave, _texto_valor(valor).strip()))
    return tuple(salida)


def titulo_de(tabla: str) -> str:
    """A readable title from a table's short name: ``metas-del-sector`` → ``Metas del sector``."""
    texto = " ".join(t for t in re.split(r"[-_]+", tabla) if t)
    return texto[:1].upper() + texto[1:] if texto else "Tabla"


def describir(
    tabla: str,
    params: Mapping[str, Any],
    *,
    periodo: str | None,
    usuario: str,
    generado: dt.datetime | None = None,
    columnas: Iterable[str] = (),
    titulo: str | None = None,
) -> Exportacion:
    """The :class:`Exportacion` of one download.

    Args:
        tabla: the table's short name (the page's file name for it).
        params: the page's parameters the rows were rebuilt from (validated by the page).
        periodo: the effective quarter, or None for tables without a period.
        usuario: who downloads it.
        generado: when; default now, in Honduras time.
        columnas: descriptions of the grid's column filters.
        titulo: the table's title; default from ``tabla``.
    """
    momento = generado or dt.datetime.now(periods.ZONA_HONDURAS)
    return Exportacion(
        tabla=tabla,
        titulo=titulo or titulo_de(tabla),
        filtros=filtros_aplicados(params),
        periodo=periodo,
        generado=momento,
        usuario=usuario,
        columnas=tuple(columnas),
    )


def filtros_de_columnas(modelo: Any, encabezados: Mapping[str, str]) -> Sequence[str]:
    """Descriptions of a grid's ``filterModel`` (already validated), by column header.

    Args:
        modelo: the grid's filter model, ``{field: model}``.
        encabezados: each column's header by field (or colId).
    """
    if not isinstance(modelo, Mapping):
        return []
    return [
        describir_filtro_columna(encabezados.get(str(campo), str(campo)), m)
        for campo, m in modelo.items()
        if isinstance(m, Mapping)
    ]
