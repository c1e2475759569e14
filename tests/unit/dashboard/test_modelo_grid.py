"""AG Grid's filter model and sort applied on the server: the rows the grid shows, in its order."""

from __future__ import annotations

import pytest

from dashboard.components import grid as grids
from dashboard.components import modelo_grid as mg
from dashboard.components.modelo_grid import ModeloInvalido

COLUMNAS = [
    grids.columna_enlace("codigo", "Código"),
    grids.columna_texto("descripcion", "Meta"),
    grids.columna_porcentaje("avance", "Avance"),
    grids.columna_semaforo("Semáforo"),
    {**grids.columna_texto("fecha", "Fecha"), "filter": "agDateColumnFilter"},
    {"field": "sin_filtro", "headerName": "Sin filtro", "filter": False, "sortable": False},
]

FILAS = [
    {
        "codigo": "MP-01",
        "descripcion": "Reducir la Pobreza",
        "avance": 74.05,
        "fecha": "2026-01-10",
    },
    {"codigo": "MP-02", "descripcion": "Empleo digno", "avance": None, "fecha": None},
    {"codigo": "MP-03", "descripcion": "Pobreza extrema", "avance": 40.0, "fecha": "2026-03-01"},
    {"codigo": "MP-04", "descripcion": None, "avance": 90.0, "fecha": "2026-02-15"},
]
for _fila, _estado in zip(FILAS, ["amarillo", "sin_dato", "rojo", "verde"], strict=True):
    _fila.update(grids.campos_estado(_estado))


def _codigos(filas) -> list[str]:
    return [f["codigo"] for f in filas]


@pytest.mark.parametrize(
    ("modelo", "esperados"),
    [
        ({"filterType": "text", "type": "contains", "filter": "pobreza"}, ["MP-01", "MP-03"]),
        ({"filterType": "text", "type": "notContains", "filter": "pobreza"}, ["MP-02", "MP-04"]),
        ({"filterType": "text", "type": "startsWith", "filter": "EMP"}, ["MP-02"]),
        ({"filterType": "text", "type": "equals", "filter": "empleo digno"}, ["MP-02"]),
        ({"filterType": "text", "type": "blank"}, ["MP-04"]),
        ({"filterType": "text", "type": "notBlank"}, ["MP-01", "MP-02", "MP-03"]),
        (
            {
                "filterType": "text",
                "operator": "OR",
                "conditions": [
                    {"filterType": "text", "type": "endsWith", "filter": "digno"},
                    {"filterType": "text", "type": "contains", "filter": "extrema"},
                ],
            },
            ["MP-02", "MP-03"],
        ),
    ],
)
def test_text_filters_follow_ag_grid(modelo, esperados) -> None:
    """Case-insensitive text conditions; an empty cell passes notContains and blank only;
    OR joins two conditions."""
    assert _codigos(mg.filtrar(FILAS, COLUMNAS, {"descripcion": modelo})) == esperados


def test_number_and_date_filters_follow_ag_grid() -> None:
    """inRange excludes both ends (AG Grid's default); an empty cell never passes a comparison;
    a date filter compares the day of an ISO date."""
    en_rango = {"avance": {"filterType": "number", "type": "inRange", "filter": 40, "filterTo": 90}}
    assert _codigos(mg.filtrar(FILAS, COLUMNAS, en_rango)) == ["MP-01"]
    distinto = {"avance": {"filterType": "number", "type": "notEqual", "filter": 40}}
    assert _codigos(mg.filtrar(FILAS, COLUMNAS, distinto)) == ["MP-01", "MP-04"]
    vacio = {"avance": {"filterType": "number", "type": "blank"}}
    assert _codigos(mg.filtrar(FILAS, COLUMNAS, vacio)) == ["MP-02"]
    despues = {
        "fecha": {"filterType": "date", "type": "greaterThan", "dateFrom": "2026-02-01 00:00:00"}
    }
    assert _codigos(mg.filtrar(FILAS, COLUMNAS, despues)) == ["MP-03", "MP-04"]


def test_a_filter_value_getter_filters_on_the_shown_word() -> None:
    """The traffic-light column sorts on its order number but filters on its Spanish word."""
    modelo = {"semaforo_orden": {"filterType": "text", "type": "equals", "filter": "rojo"}}
    assert _codigos(mg.filtrar(FILAS, COLUMNAS, modelo)) == ["MP-03"]


def test_several_columns_must_all_pass() -> None:
    """Filters of different columns combine with AND, as in the grid."""
    modelo = {
        "descripcion": {"filterType": "text", "type": "contains", "filter": "pobreza"},
        "avance": {"filterType": "number", "type": "greaterThan", "filter": 50},
    }
    assert _codigos(mg.filtrar(FILAS, COLUMNAS, modelo)) == ["MP-01"]


@pytest.mark.parametrize(
    "modelo",
    [
        {"clave_hash": {"filterType": "text", "type": "contains", "filter": "a"}},
        {"sin_filtro": {"filterType": "text", "type": "contains", "filter": "a"}},
        {"descripcion": {"filterType": "text", "type": "regex", "filter": ".*"}},
        {"descripcion": {"filterType": "set", "values": ["a"]}},
        {"descripcion": {"filterType": "text", "type": "contains", "filter": "x" * 501}},
        {"descripcion": {"filterType": "text", "conditions": [{}] * 50}},
        {"avance": {"filterType": "number", "type": "equals", "filter": "1; DROP"}},
        {"descripcion": "contains"},
        ["descripcion"],
    ],
)
def test_a_model_the_grid_could_not_send_is_refused(modelo) -> None:
    """A column the grid does not have or does not filter, an unknown type, an oversized text
    or too many conditions: refused, never guessed."""
    with pytest.raises(ModeloInvalido):
        mg.filtrar(FILAS, COLUMNAS, modelo)


def test_sort_is_ag_grids_default_comparator_and_stable() -> None:
    """Ascending puts empty values first, descending last; equal values keep the page's order;
    several sorted columns apply in sortIndex order."""
    asc = [{"colId": "avance", "sort": "asc", "sortIndex": 0}]
    assert _codigos(mg.ordenar(FILAS, COLUMNAS, asc)) == ["MP-02", "MP-03", "MP-01", "MP-04"]
    desc = [{"colId": "avance", "sort": "desc"}]
    assert _codigos(mg.ordenar(FILAS, COLUMNAS, desc)) == ["MP-04", "MP-01", "MP-03", "MP-02"]
    filas = [
        {"codigo": "A", "avance": 1.0, "descripcion": "y"},
        {"codigo": "B", "avance": 2.0, "descripcion": "x"},
        {"codigo": "C", "avance": 1.0, "descripcion": "x"},
        {"codigo": "D", "avance": 1.0, "descripcion": "y"},
    ]
    dos = [
        {"colId": "avance", "sort": "asc", "sortIndex": 1},
        {"colId": "descripcion", "sort": "asc", "sortIndex": 0},
    ]
    assert _codigos(mg.ordenar(filas, COLUMNAS, dos)) == ["C", "B", "A", "D"]
    # Uppercase sorts before lowercase (AG Grid compares with < on the raw text).
    textos = [{"codigo": "a", "descripcion": "b"}, {"codigo": "B", "descripcion": "B"}]
    orden = [{"colId": "descripcion", "sort": "asc"}]
    assert _codigos(mg.ordenar(textos, COLUMNAS, orden)) == ["B", "a"]


def test_sort_on_a_column_the_grid_does_not_sort_is_refused() -> None:
    """Sorting on an unknown or unsortable column, or in an unknown direction, is refused."""
    for estado in (
        [{"colId": "clave", "sort": "asc"}],
        [{"colId": "sin_filtro", "sort": "asc"}],
        [{"colId": "avance", "sort": "sideways"}],
    ):
        with pytest.raises(ModeloInvalido):
            mg.ordenar(FILAS, COLUMNAS, estado)
