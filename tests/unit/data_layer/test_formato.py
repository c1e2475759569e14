"""One formatting function: a number prints the same in an alert, a grid, a PDF and the CLI."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.components import grid as grids
from dashboard.components import tabla_archivo
from data_layer import documentos, formato, reports
from data_layer.engine.alerts import alert_semaforo, con_mensajes
from data_layer.engine.mensajes import format_number

#: Halves written in decimal, which binary floats hold a hair below or above the tie.
MITADES = [74.05, 0.125, 2.675, -0.05, 0.05, 1.45, 2.5, -2.5, 1_234.45, 100.0]


@pytest.mark.parametrize(
    ("valor", "decimales", "texto"),
    [
        (74.05, 1, "74.1"),
        (0.125, 2, "0.13"),
        (2.675, 2, "2.68"),
        (-0.05, 1, "-0.1"),
        (-0.04, 1, "0.0"),
        (1_234.45, 1, "1,234.5"),
        (None, 1, "—"),
        (float("nan"), 1, "—"),
        (float("inf"), 1, "—"),
    ],
)
def test_halves_round_up_on_the_decimal_a_person_reads(valor, decimales, texto) -> None:
    """Half away from zero on the written decimal (74.05 → 74.1, 2.675 → 2.68, −0.05 → −0.1),
    never on the binary float (where Python's round and format give 74.0 and 2.67)."""
    assert formato.format_numero(valor, decimales) == texto
    assert formato.format_numeros([valor], decimales).tolist() == [texto]


def _alerta(avance: float) -> str:
    """The message of an indicador_rojo alert with ``avance`` as its avance."""
    indicadores = pd.DataFrame(
        {
            "semaforo": ["rojo"],
            "periodo": ["2026-T2"],
            "avance_pct": [avance],
            "valor": [avance],
            "meta": [100.0],
            "linea_base": [float("nan")],
            "tipo": ["stock"],
            "sentido": ["ascendente"],
        },
        index=pd.Index(["IND-1"], name="codigo"),
    )
    return str(con_mensajes(alert_semaforo(indicadores))["mensaje"].iloc[0])


@pytest.mark.parametrize("valor", MITADES)
def test_a_value_prints_the_same_in_alerts_grids_exports_pdfs_and_the_cli(valor) -> None:
    """The alert message, the grid's cell text and its CSV export, a PDF's number and the CLI's
    table and CSV all write the value the same way (they used to disagree on 74.05: "74.0" in
    the alert, "74.1 %" in the grid)."""
    esperado = formato.format_numero(valor, 1)
    # Alert message (the engine's vectorised messages).
    assert f"avance de {esperado} %" in _alerta(valor)
    assert format_number(np.array([valor])).tolist() == [esperado]
    # Grid value formatter (the text the cell shows) and the exported number.
    fila = grids.records(pd.DataFrame({"avance": [valor]}), porcentajes=("avance",))[0]
    assert fila["avance_texto"] == f"{esperado} %"
    exportado = tabla_archivo.valor_exportado(fila, "avance")
    assert formato.format_numero(exportado, 1) == esperado
    # PDF text helper.
    assert documentos.cifra(valor, 1) == esperado
    # CLI: readable table and CSV.
    tabla = pd.DataFrame({"indicador": ["IND-1"], "avance_pct": [valor]})
    assert f"{esperado} %" in reports.to_table(tabla)
    assert reports.to_csv(tabla).splitlines()[1] == f"IND-1,{esperado.replace(',', '')}"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True, width=64),
            st.integers(-(10**7), 10**7).map(lambda n: n / 20),  # exact halves at 1 decimal
            st.integers(-(10**7), 10**7).map(lambda n: n / 200),  # halves at 2 decimals
            st.integers(-(10**6), 10**6).map(lambda n: n / 20 + 1e-12),  # a hair past a half
        ),
        max_size=40,
    ),
    st.sampled_from([0, 1, 2]),
)
def test_the_vectorised_format_equals_the_scalar_one(valores, decimales) -> None:
    """The alert messages format whole arrays at once; each value must print exactly as the
    one-value function prints it, halves and near-halves included."""
    esperado = [formato.format_numero(v, decimales) for v in valores]
    assert formato.format_numeros(np.array(valores, dtype=float), decimales).tolist() == esperado


def test_a_chart_hover_writes_the_value_as_its_bar_label_does() -> None:
    """The yearly evaluation chart's hover used d3's ``.1f`` in the browser (74.05 → "74.0")
    while its bar said "74.1 %": the hover now carries the text Python wrote."""
    from dashboard.figures.niveles import figure_evaluacion
    from data_layer.engine.frames import Reglas

    tabla = pd.DataFrame(
        {
            "anio": [2025],
            "avance": [74.05],
            "banda": ["medio"],
            "n_metas": [3],
            "promedio": [2.675],
            "n_instituciones": [90],
        }
    )
    barras, promedio = figure_evaluacion(tabla, Reglas()).data
    assert barras.text[0].startswith("74.1 %")
    assert barras.customdata[0][2] == "74.1 %" and "%{customdata[2]}" in barras.hovertemplate
    assert list(promedio.customdata) == ["2.7 %"] and "%{y" not in promedio.hovertemplate


@pytest.mark.parametrize(
    ("texto", "numero"),
    [
        ("1234.5", 1234.5),
        ("12,500", 12500.0),
        ("1,234,567.25", 1234567.25),
        (" -3.5 ", -3.5),
        (".5", 0.5),
        ("42", 42.0),
        (7, 7.0),
        ("", None),
        (None, None),
    ],
)
def test_leer_numero_reads_numbers_as_sigpret_prints_them(texto, numero) -> None:
    """A typed number is read with the point as the decimal separator and the comma only as a
    thousands separator (the way every table of the app prints numbers)."""
    from data_layer.formato import leer_numero

    assert leer_numero(texto) == numero


@pytest.mark.parametrize("texto", ["12,5", "1,23", "12,50.3", "1.234,5", "abc", "1e400", "nan"])
def test_leer_numero_refuses_ambiguous_commas_and_non_numbers(texto) -> None:
    """A comma that is not a thousands group («12,5») is refused with a Spanish message instead
    of being guessed (read as a decimal, «12,500» would silently become 12.5)."""
    from data_layer.formato import NumeroInvalido, leer_numero

    with pytest.raises(NumeroInvalido, match="no es un número|finito"):
        leer_numero(texto)
