"""A block of a long grid served on the server (``data_layer.vistas.bloques`` and the alert
centre's ``bloque_alertas``): AG Grid's text filters and sort over the whole table, the bounds
clamped, and forged models refused without an unexpected exception."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_layer.vistas import alertas as va
from data_layer.vistas import bloques as vb
from data_layer.vistas.filtros import FiltroParcial
from tests.unit.dashboard.test_vistas_resumen_alertas import ALERTAS, _resultado
from tests.unit.vistas.test_filtros import mcr_pequena

COLUMNAS = {
    "nombre": vb.Columna(filtro="nombre", orden="nombre"),
    "nivel_orden": vb.Columna(filtro="nivel_texto", orden="nivel_orden"),
}


def tabla(n: int = 6) -> pd.DataFrame:
    """``n`` rows: names «Fila 0»… with one empty and one blank, a level shown as a word."""
    nombres: list[str | None] = [f"Fila {i}" for i in range(n)]
    nombres[1] = None
    nombres[2] = "  "
    niveles = [i % 3 for i in range(n)]
    return pd.DataFrame(
        {
            "clave": [f"k{i}" for i in range(n)],
            "nombre": pd.Series(nombres, dtype=object),
            "nivel_orden": niveles,
            "nivel_texto": [("Alta", "Media", "Baja")[v] for v in niveles],
        }
    )


def claves(b: vb.Bloque) -> list[str]:
    return b.filas["clave"].tolist()


def texto(tipo: str, filtro: str | None = None) -> dict:
    """One condition of AG Grid's text filter."""
    return {"filterType": "text", "type": tipo, **({"filter": filtro} if filtro else {})}


@pytest.mark.parametrize(
    ("modelo", "esperadas"),
    [
        (texto("contains", "FILA 3"), ["k3"]),
        (texto("notContains", "fila"), ["k1", "k2"]),
        (texto("equals", "fila 4"), ["k4"]),
        (texto("notEqual", "fila 4"), ["k0", "k1", "k2", "k3", "k5"]),
        (texto("startsWith", "fi"), ["k0", "k3", "k4", "k5"]),
        (texto("endsWith", "5"), ["k5"]),
        (texto("blank"), ["k1", "k2"]),
        (texto("notBlank"), ["k0", "k3", "k4", "k5"]),
        (
            {
                "filterType": "text",
                "operator": "OR",
                "conditions": [texto("equals", "fila 0"), texto("endsWith", "5")],
            },
            ["k0", "k5"],
        ),
        (
            {
                "filterType": "text",
                "operator": "AND",
                "conditions": [texto("startsWith", "fila"), texto("notContains", "3")],
            },
            ["k0", "k4", "k5"],
        ),
    ],
)
def test_each_text_filter_type_follows_ag_grid(modelo, esperadas):
    """Each of AG Grid's text filter types, case-insensitive, with AG Grid's rule for empty
    cells (they pass notEqual, notContains and blank only; a blank text counts as empty), and
    two conditions joined by OR and by AND; the count is of the rows that pass."""
    b = vb.bloque(tabla(), COLUMNAS, 0, 100, None, {"nombre": modelo})
    assert claves(b) == esperadas
    assert b.total == len(esperadas) and b.inicio == 0


def test_a_column_filters_on_its_shown_text_and_sorts_on_its_own_field():
    """The level column filters on its word («media») and sorts on its number (Alta first);
    a sort keeps the table's order among equal rows, and a second column breaks ties."""
    b = vb.bloque(tabla(), COLUMNAS, 0, 100, None, {"nivel_orden": texto("equals", "MEDIA")})
    assert claves(b) == ["k1", "k4"]
    orden = [{"colId": "nivel_orden", "sort": "desc"}]
    assert claves(vb.bloque(tabla(), COLUMNAS, 0, 100, orden)) == [
        "k2",
        "k5",
        "k1",
        "k4",
        "k0",
        "k3",
    ]
    dos = [{"colId": "nivel_orden", "sort": "asc"}, {"colId": "nombre", "sort": "desc"}]
    assert claves(vb.bloque(tabla(), COLUMNAS, 0, 100, dos)) == ["k3", "k0", "k4", "k1", "k5", "k2"]


def test_empty_values_sort_first_ascending_and_last_descending():
    """AG Grid's default comparator: an empty name before every text when ascending, after
    every text when descending."""
    sin_blanco = tabla().drop(index=2)
    asc = vb.bloque(sin_blanco, COLUMNAS, 0, 100, [{"colId": "nombre", "sort": "asc"}])
    desc = vb.bloque(sin_blanco, COLUMNAS, 0, 100, [{"colId": "nombre", "sort": "desc"}])
    assert claves(asc) == ["k1", "k0", "k3", "k4", "k5"]
    assert claves(desc) == ["k5", "k4", "k3", "k0", "k1"]


def test_the_block_is_cut_after_filtering_and_sorting_the_whole_table():
    """Rows 100..200 of 250 sorted descending are the whole table's 150th..51st: the sort
    and the filter see every row, not only the block's; the count is of all that pass."""
    grande = tabla(250)
    orden = [{"colId": "nivel_orden", "sort": "asc"}]
    b = vb.bloque(grande, COLUMNAS, 100, 200, orden, {"nombre": texto("startsWith", "fila")})
    todas = grande.loc[grande["nombre"].str.startswith("Fila", na=False)]
    esperadas = todas.sort_values("nivel_orden", kind="stable")["clave"].tolist()
    assert b.total == len(todas) == 248
    assert claves(b) == esperadas[100:200] and b.inicio == 100


@pytest.mark.parametrize(
    ("inicio", "fin", "esperado"),
    [
        (0, 100, (0, 100)),
        (0, 10**9, (0, vb.MAX_BLOQUE)),
        (-50, 30, (0, 30)),
        (500, 400, (500, 500)),
        (None, None, (0, vb.TAMANO_BLOQUE)),
        ("0", "1000", (0, vb.TAMANO_BLOQUE)),
        (True, 5.0, (0, 5)),
        (float("nan"), float("inf"), (0, vb.TAMANO_BLOQUE)),
        (10.7, 60, (10, 60)),
    ],
)
def test_bounds_are_clamped(inicio, fin, esperado):
    """startRow is 0 or more and a block is at most MAX_BLOQUE rows whatever endRow says (a
    forged 10⁹ gets one block); what is not a number gives the default block."""
    assert vb.limites(inicio, fin) == esperado


def test_a_forged_end_row_never_sends_the_whole_table():
    """endRow = 10⁹ on 1,000 rows answers MAX_BLOQUE rows, and the count of all of them."""
    b = vb.bloque(tabla(1000), COLUMNAS, 0, 10**9)
    assert len(b.filas) == vb.MAX_BLOQUE and b.total == 1000


@pytest.mark.parametrize(
    "modelo",
    [
        {"otra": texto("contains", "a")},
        {"nombre": texto("regex", ".*")},
        {"nombre": {"filterType": "number", "type": "equals", "filter": 3}},
        {"nombre": texto("contains", "x" * (vb.MAX_TEXTO_FILTRO + 1))},
        {"nombre": {"filterType": "text", "type": "contains", "filter": 3}},
        {"nombre": {"filterType": "text", "operator": "XOR", "conditions": [texto("blank")]}},
        {"nombre": {"filterType": "text", "conditions": [texto("blank")] * 6}},
        {"nombre": {"filterType": "text", "conditions": ["blank"]}},
        {"nombre": "contains"},
        ["nombre"],
        {1: texto("contains", "a")},
    ],
)
def test_forged_filter_models_are_refused(modelo):
    """A column the grid does not declare, a type AG Grid's text filter does not offer, an
    oversized text, a non-text filter, an unknown operator, too many conditions or a model of
    the wrong shape raise ModeloInvalido (the page then answers no rows)."""
    with pytest.raises(vb.ModeloInvalido):
        vb.bloque(tabla(), COLUMNAS, 0, 100, None, modelo)


def test_forged_sort_entries_are_ignored():
    """Sort entries on undeclared columns, with another direction or of the wrong shape are
    ignored: the table keeps its order."""
    forjado = [
        {"colId": "clave", "sort": "desc"},
        {"colId": "nombre", "sort": "sideways"},
        "nombre",
        {"colId": ["nombre"], "sort": "asc"},
    ]
    assert claves(vb.bloque(tabla(), COLUMNAS, 0, 100, forjado)) == [f"k{i}" for i in range(6)]
    assert claves(vb.bloque(tabla(), COLUMNAS, 0, 100, "nombre")) == [f"k{i}" for i in range(6)]


@settings(max_examples=150, deadline=None)
@given(
    inicio=st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=5)),
    fin=st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=5)),
    orden=st.recursive(
        st.one_of(st.none(), st.text(max_size=8), st.integers()),
        lambda hijos: st.one_of(
            st.lists(hijos, max_size=4), st.dictionaries(st.text(max_size=8), hijos, max_size=4)
        ),
        max_leaves=10,
    ),
    filtro=st.recursive(
        st.one_of(st.none(), st.sampled_from(["nombre", "text", "contains", "AND"]), st.integers()),
        lambda hijos: st.one_of(
            st.lists(hijos, max_size=4),
            st.dictionaries(
                st.sampled_from(
                    ["nombre", "nivel_orden", "filterType", "type", "filter", "conditions"]
                ),
                hijos,
                max_size=4,
            ),
        ),
        max_leaves=12,
    ),
)
def test_any_request_gives_a_bounded_block_or_a_refusal(inicio, fin, orden, filtro):
    """Whatever the browser sends, the answer is at most MAX_BLOQUE rows of the table, or
    ModeloInvalido: never another exception."""
    try:
        b = vb.bloque(tabla(), COLUMNAS, inicio, fin, orden, filtro)
    except vb.ModeloInvalido:
        return
    assert len(b.filas) <= vb.MAX_BLOQUE and 0 <= b.total <= 6
    assert set(b.filas["clave"]) <= set(tabla()["clave"])


def test_alert_blocks_filter_severity_and_type_by_their_spanish_names():
    """In the alert centre's grid the severity column filters on «Alta»/«Media»/«Baja» and
    sorts most severe first; the type column filters and sorts on the type's Spanish name."""
    enriquecidas = va.enriquecer_alertas(_resultado(ALERTAS), mcr_pequena())
    alertas = va.centro_alertas(enriquecidas, mcr_pequena(), FiltroParcial()).alertas
    altas = va.bloque_alertas(alertas, 0, 100, None, {"severidad_orden": texto("equals", "alta")})
    assert altas.total == int((alertas["severidad"] == "alta").sum()) > 0
    assert set(altas.filas["severidad"]) == {"alta"}
    por_severidad = va.bloque_alertas(
        alertas, 0, 100, [{"colId": "severidad_orden", "sort": "desc"}]
    )
    rangos = por_severidad.filas["severidad"].map({"alta": 0, "media": 1, "baja": 2}).tolist()
    assert rangos == sorted(rangos, reverse=True)
    rojo = va.bloque_alertas(alertas, 0, 100, None, {"tipo_texto": texto("contains", "en rojo")})
    assert set(rojo.filas["tipo"]) == {"indicador_rojo"}
    por_tipo = va.bloque_alertas(alertas, 0, 100, [{"colId": "tipo_texto", "sort": "asc"}])
    nombres = [va.nombre_tipo(t) for t in por_tipo.filas["tipo"]]
    assert nombres == sorted(nombres) and por_tipo.total == len(alertas)
    assert list(por_tipo.filas.columns[: len(alertas.columns)]) == list(alertas.columns)


def test_alert_blocks_filter_and_sort_on_messages_the_engine_left_unwritten():
    """The engine writes alert messages only for the rows shown; a grid filter or sort on the
    «Mensaje» column still sees every row's Spanish text."""
    import datetime as dt

    from data_layer.engine import run
    from tests.unit.engine.builders import build_mcr, indicador, meta

    mcr = build_mcr(
        [indicador("I1", meta="M1"), indicador("I2", meta="M1")],
        [("I1", "2024-T3", 100.0), ("I2", "2024-T3", 100.0)],
        [("I1", "2024-T3", 10.0, "2024-10-01"), ("I2", "2024-T3", 95.0, "2024-10-01")],
        metas=[meta("M1")],
    )
    alertas = run(mcr, "2024-T3", dt.date(2024, 12, 31)).alertas
    assert alertas["mensaje"].isna().all()  # left for the rows shown
    rojas = va.bloque_alertas(alertas, 0, 100, None, {"mensaje": texto("contains", "I1")})
    assert rojas.total >= 1
    assert all("I1" in m for m in rojas.filas["mensaje"])
    ordenadas = va.bloque_alertas(alertas, 0, 100, [{"colId": "mensaje", "sort": "asc"}])
    assert list(ordenadas.filas["mensaje"]) == sorted(ordenadas.filas["mensaje"])
