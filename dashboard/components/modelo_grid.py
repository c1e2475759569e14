"""AG Grid's filter and sort, applied on the server to rows the server built (for the exports).

An export never takes rows from the browser: it rebuilds the grid's rows from the page's own
scoped view and applies to them what the browser may send, the grid's ``filterModel`` and the
sort of its ``columnState``. Both are validated against the grid's server-side columns (a column
the grid does not have, an unknown filter type or an oversized model is refused) and applied
with AG Grid's own rules, so the file holds the rows the grid shows, in the same order:

- text filters (``agTextColumnFilter``) compare case-insensitively the column's value, or the
  row field its ``filterValueGetter`` reads (``params.data.semaforo_etiqueta``); an empty cell
  passes ``notEqual``, ``notContains`` and ``blank`` only;
- number and date filters (``inRange`` excludes both ends, as AG Grid's default); an empty cell
  passes ``blank`` only;
- conditions are joined with the model's ``operator`` (``AND`` / ``OR``);
- sorting is AG Grid's default comparator, column by column in ``sortIndex`` order, stable
  (rows that compare equal keep the page's order); empty values first when ascending.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

#: Conditions one column's filter may combine (AG Grid offers two by default).
MAX_CONDICIONES = 5
#: Characters of one filter's text.
MAX_TEXTO_FILTRO = 500

TIPOS_TEXTO = frozenset(
    {"equals", "notEqual", "contains", "notContains", "startsWith", "endsWith", "blank", "notBlank"}
)
TIPOS_ESCALAR = frozenset(
    {
        "equals",
        "notEqual",
        "lessThan",
        "lessThanOrEqual",
        "greaterThan",
        "greaterThanOrEqual",
        "inRange",
        "blank",
        "notBlank",
    }
)

_LECTOR = re.compile(r"^\s*params\.data\.(\w+)\s*$")

Fila = Mapping[str, Any]
Prueba = Callable[[Fila], bool]


class ModeloInvalido(ValueError):
    """A filter model or column state the grid could not have sent."""


def hojas(column_defs: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Leaf columns of possibly grouped column definitions, in order."""
    resultado: list[Mapping[str, Any]] = []
    for col in column_defs or []:
        if col.get("children"):
            resultado.extend(hojas(col["children"]))
        else:
            resultado.append(col)
    return resultado


def _por_id(column_defs: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {str(c.get("colId") or c["field"]): c for c in hojas(column_defs) if c.get("field")}


def _campo_filtro(columna: Mapping[str, Any]) -> str:
    """The row field a column's filter reads: its ``filterValueGetter``'s field, or its own."""
    lector = columna.get("filterValueGetter")
    if isinstance(lector, Mapping):
        encontrado = _LECTOR.match(str(lector.get("function", "")))
        if encontrado:
            return encontrado.group(1)
    return str(columna["field"])


def _vacio(valor: Any) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _texto(valor: Any) -> str:
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, list | tuple):
        return ",".join(_texto(v) for v in valor)
    if isinstance(valor, Mapping):
        return " ".join(_texto(v) for v in valor.values())
    return str(valor)


def _prueba_texto(campo: str, tipo: str, filtro: Any) -> Prueba:
    if tipo not in TIPOS_TEXTO:
        raise ModeloInvalido(f"tipo de filtro de texto desconocido: {tipo!r}")
    if tipo in ("blank", "notBlank"):
        quiere_vacio = tipo == "blank"
        return lambda f: _vacio(f.get(campo)) == quiere_vacio
    if not isinstance(filtro, str) or len(filtro) > MAX_TEXTO_FILTRO:
        raise ModeloInvalido("el texto de un filtro debe ser un texto corto")
    buscado = filtro.lower()
    compara: Callable[[str], bool] = {
        "equals": lambda v: v == buscado,
        "notEqual": lambda v: v != buscado,
        "contains": lambda v: buscado in v,
        "notContains": lambda v: buscado not in v,
        "startsWith": lambda v: v.startswith(buscado),
        "endsWith": lambda v: v.endswith(buscado),
    }[tipo]
    pasa_vacio = tipo in ("notEqual", "notContains")

    def prueba(fila: Fila) -> bool:
        valor = fila.get(campo)
        if valor is None:
            return pasa_vacio
        return compara(_texto(valor).lower())

    return prueba


def _numero(valor: Any) -> float | None:
    if isinstance(valor, bool) or not isinstance(valor, int | float):
        return None
    return float(valor)


def _fecha(valor: Any) -> dt.date | None:
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    if isinstance(valor, str):
        try:
            return dt.date.fromisoformat(valor.strip()[:10])
        except ValueError:
            return None
    return None


def _prueba_escalar(
    campo: str, tipo: str, desde: Any, hasta: Any, leer: Callable[[Any], Any]
) -> Prueba:
    if tipo not in TIPOS_ESCALAR:
        raise ModeloInvalido(f"tipo de filtro desconocido: {tipo!r}")
    if tipo in ("blank", "notBlank"):
        quiere_vacio = tipo == "blank"
        return lambda f: (leer(f.get(campo)) is None) == quiere_vacio
    a, b = leer(desde), leer(hasta)
    if a is None or (tipo == "inRange" and b is None):
        raise ModeloInvalido("un filtro sin valor que comparar")
    compara: Callable[[Any], bool] = {
        "equals": lambda v: v == a,
        "notEqual": lambda v: v != a,
        "lessThan": lambda v: v < a,
        "lessThanOrEqual": lambda v: v <= a,
        "greaterThan": lambda v: v > a,
        "greaterThanOrEqual": lambda v: v >= a,
        "inRange": lambda v: min(a, b) < v < max(a, b),
    }[tipo]

    def prueba(fila: Fila) -> bool:
        valor = leer(fila.get(campo))
        return False if valor is None else compara(valor)

    return prueba


def _condicion(campo: str, modelo: Mapping[str, Any], clase: str) -> Prueba:
    tipo = str(modelo.get("type"))
    if clase == "text":
        return _prueba_texto(campo, tipo, modelo.get("filter"))
    if clase == "number":
        return _prueba_escalar(campo, tipo, modelo.get("filter"), modelo.get("filterTo"), _numero)
    return _prueba_escalar(campo, tipo, modelo.get("dateFrom"), modelo.get("dateTo"), _fecha)


def _prueba_columna(columna: Mapping[str, Any], modelo: Any) -> Prueba:
    if not isinstance(modelo, Mapping):
        raise ModeloInvalido("el filtro de una columna debe ser un objeto")
    clase = modelo.get("filterType")
    if clase not in ("text", "number", "date"):
        raise ModeloInvalido(f"clase de filtro desconocida: {clase!r}")
    campo = _campo_filtro(columna) if clase == "text" else str(columna["field"])
    condiciones = modelo.get("conditions")
    if condiciones is None:
        return _condicion(campo, modelo, clase)
    if not isinstance(condiciones, list) or not 0 < len(condiciones) <= MAX_CONDICIONES:
        raise ModeloInvalido("condiciones de un filtro fuera de lo que ofrece la tabla")
    pruebas = []
    for condicion in condiciones:
        if not isinstance(condicion, Mapping):
            raise ModeloInvalido("una condición de un filtro debe ser un objeto")
        pruebas.append(_condicion(campo, condicion, clase))
    operador = modelo.get("operator", "AND")
    if operador == "AND":
        return lambda f: all(p(f) for p in pruebas)
    if operador == "OR":
        return lambda f: any(p(f) for p in pruebas)
    raise ModeloInvalido(f"operador desconocido: {operador!r}")


def filtrar(
    filas: Sequence[Fila], column_defs: Sequence[Mapping[str, Any]], modelo: Any
) -> list[Fila]:
    """The rows that pass the grid's ``filterModel`` (all of them when there is none).

    Args:
        filas: the rows the server built, in the page's order.
        column_defs: the grid's server-side columns.
        modelo: the ``filterModel`` the browser sent (column id → filter).

    Raises:
        ModeloInvalido: not a model of this grid's filterable columns.
    """
    if modelo in (None, {}):
        return list(filas)
    if not isinstance(modelo, Mapping):
        raise ModeloInvalido("el modelo de filtros debe ser un objeto")
    columnas = _por_id(column_defs)
    pruebas = []
    for col_id, filtro in modelo.items():
        columna = columnas.get(str(col_id))
        # Every column filters unless it says otherwise (the house's defaultColDef).
        if columna is None or columna.get("filter", True) is False:
            raise ModeloInvalido(f"la tabla no filtra por la columna {col_id!r}")
        pruebas.append(_prueba_columna(columna, filtro))
    return [f for f in filas if all(p(f) for p in pruebas)]


def _compara(a: Any, b: Any) -> int:
    """AG Grid's default comparator: empty first, then ``<`` / ``>`` on the raw values."""
    if a is None and b is None:
        return 0
    if a is None:
        return -1
    if b is None:
        return 1
    if type(a) is not type(b) and not (_numero(a) is not None and _numero(b) is not None):
        a, b = _texto(a), _texto(b)
    return 1 if a > b else -1 if a < b else 0


def _clave_de(campo: str) -> Callable[[Mapping[str, Any]], Any]:
    """The sort key of one column: rows compared by AG Grid's rules (:func:`_compara`)."""

    def comparar(x: Mapping[str, Any], y: Mapping[str, Any]) -> int:
        return _compara(x.get(campo), y.get(campo))

    return functools.cmp_to_key(comparar)


def ordenar(
    filas: Sequence[Fila],
    column_defs: Sequence[Mapping[str, Any]],
    column_state: Sequence[Mapping[str, Any]] | None,
) -> list[Fila]:
    """The rows in the order the grid shows them under the sort of its ``columnState``.

    Raises:
        ModeloInvalido: a sort on a column the grid does not have, or not ``asc``/``desc``.
    """
    if not column_state:
        return list(filas)
    if not isinstance(column_state, Sequence):
        raise ModeloInvalido("el estado de las columnas debe ser una lista")
    columnas = _por_id(column_defs)
    criterios: list[tuple[int, str, str]] = []
    for posicion, estado in enumerate(column_state):
        if not isinstance(estado, Mapping) or not estado.get("sort"):
            continue
        columna = columnas.get(str(estado.get("colId")))
        sentido = estado["sort"]
        if columna is None or columna.get("sortable") is False or sentido not in ("asc", "desc"):
            raise ModeloInvalido(f"la tabla no ordena por {estado.get('colId')!r}")
        indice = estado.get("sortIndex")
        orden = indice if isinstance(indice, int) and not isinstance(indice, bool) else posicion
        criterios.append((orden, str(columna["field"]), sentido))
    resultado = list(filas)
    # Stable sorts from the least to the most significant column give the multi-column order.
    for _, campo, sentido in sorted(criterios, reverse=True):
        resultado.sort(key=_clave_de(campo), reverse=sentido == "desc")
    return resultado
