"""es-HN formatting of numbers, percentages, dates and periods, and the state presentation."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pandas as pd
import pytest

from dashboard import formatting
from dashboard.formatting import (
    ESTADOS_PRESENTACION,
    VACIO,
    contraste,
    describir_umbrales,
    format_entero,
    format_fecha,
    format_numero,
    format_periodo,
    format_porcentaje,
    presentar_estado,
)
from data_layer.engine.frames import ESTADOS, Reglas
from data_layer.periods import PeriodoInvalido


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [
        (1234.5, "1,234.5"),
        (1234567.891, "1,234,567.9"),
        (0, "0.0"),
        (7, "7.0"),
        (-1234.56, "-1,234.6"),
        (999.95, "1,000.0"),
        (Decimal("12.25"), "12.3"),
    ],
)
def test_format_numero_uses_decimal_point_and_comma_thousands(valor, esperado):
    """Honduras writes a decimal point and comma thousands, one decimal by default."""
    assert format_numero(valor) == esperado


def test_format_numero_rounds_half_up_on_the_written_decimal():
    """74.05 and 0.25 round up as a person would, although their binary floats lie below."""
    assert format_numero(74.05) == "74.1"
    assert format_numero(0.25) == "0.3"
    assert format_numero(2.675, decimales=2) == "2.68"
    assert format_numero(0.5, decimales=0) == "1"
    assert format_numero(-0.5, decimales=0) == "-1"


def test_format_numero_never_shows_negative_zero():
    """A tiny negative value rounds to "0.0", not "-0.0"."""
    assert format_numero(-0.04) == "0.0"


@pytest.mark.parametrize(
    "vacio", [None, math.nan, float("nan"), pd.NA, pd.NaT, "", "   ", math.inf, -math.inf, "abc"]
)
def test_empty_values_show_an_em_dash(vacio):
    """Missing, not-a-number and non-numeric values show "—" in every number format."""
    assert format_numero(vacio) == VACIO
    assert format_porcentaje(vacio) == VACIO
    assert format_entero(vacio) == VACIO


def test_format_porcentaje_has_one_decimal_and_a_space_before_the_sign():
    """Percentages read ``74.1 %`` on the 0–100 scale (values above 100 too)."""
    assert format_porcentaje(74.14) == "74.1 %"
    assert format_porcentaje(100) == "100.0 %"
    assert format_porcentaje(1234.56) == "1,234.6 %"
    assert format_porcentaje(-12.35) == "-12.4 %"


def test_format_entero_rounds_to_an_integer_with_thousands():
    """Counts have no decimals and comma thousands."""
    assert format_entero(1234) == "1,234"
    assert format_entero(12.5) == "13"


def test_format_fecha_is_day_month_year():
    """Dates, datetimes, timestamps and ISO texts show as dd/mm/aaaa; empties as "—"."""
    assert format_fecha(dt.date(2026, 3, 5)) == "05/03/2026"
    assert format_fecha(dt.datetime(2026, 11, 23, 18, 30)) == "23/11/2026"
    assert format_fecha(pd.Timestamp("2025-01-31")) == "31/01/2025"
    assert format_fecha("2024-07-15") == "15/07/2024"
    assert format_fecha(None) == VACIO
    assert format_fecha(pd.NaT) == VACIO
    assert format_fecha("no es fecha") == VACIO


def test_format_periodo_names_the_months():
    """Selectors show the months a period covers, in Spanish."""
    assert format_periodo("2026-T3") == "2026-T3 · julio a septiembre de 2026"
    assert format_periodo("2026-T1") == "2026-T1 · enero a marzo de 2026"
    assert format_periodo("2025-S2") == "2025-S2 · julio a diciembre de 2025"
    assert format_periodo("2024") == "2024 · año 2024"
    with pytest.raises(PeriodoInvalido):
        format_periodo("2024-T5")


def test_every_engine_state_has_a_distinct_icon_label_and_colour():
    """Each of the six states has its own icon, word and colour: colour is never alone."""
    assert set(ESTADOS_PRESENTACION) == set(ESTADOS)
    presentaciones = list(ESTADOS_PRESENTACION.values())
    for campo in ("icono", "etiqueta", "fondo", "significado"):
        valores = [getattr(p, campo) for p in presentaciones]
        assert len(set(valores)) == len(valores), campo
    assert all(p.icono.strip() and p.etiqueta.strip() for p in presentaciones)


def test_state_order_puts_the_most_urgent_first():
    """Display order is the engine's severity order: rojo, amarillo, verde, then the rest."""
    assert [p.estado for p in sorted(ESTADOS_PRESENTACION.values(), key=lambda p: p.orden)] == list(
        ESTADOS
    )
    assert list(ESTADOS_PRESENTACION) == list(ESTADOS)


def test_state_words_and_icons():
    """The words users read for the main states, with the icon before the word."""
    assert presentar_estado("verde").rotulo == "✔ Verde"
    assert presentar_estado("amarillo").rotulo == "▲ Amarillo"
    assert presentar_estado("rojo").rotulo == "✖ Rojo"
    assert presentar_estado("sin_dato").etiqueta == "Sin dato"
    assert presentar_estado("no_programado").clase == "estado-no-programado"


def test_unknown_state_is_rejected():
    """A text that is not a state raises instead of showing a wrong colour."""
    with pytest.raises(ValueError, match="no es un estado"):
        presentar_estado("azul")
    with pytest.raises(ValueError):
        presentar_estado(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("estado", list(ESTADOS))
def test_state_colours_meet_wcag_aa_contrast(estado):
    """Text on every state colour has a contrast ratio of at least 4.5:1 (WCAG AA)."""
    p = presentar_estado(estado)
    assert contraste(p.texto, p.fondo) >= 4.5


def test_contrast_ratio_reference_values():
    """The contrast function gives the WCAG reference values: 21 for black on white, 1 for equal."""
    assert contraste("#000000", "#ffffff") == pytest.approx(21.0)
    assert contraste("#777777", "#777777") == pytest.approx(1.0)
    # #767676 on white is the classic 4.54:1 example.
    assert contraste("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_describir_umbrales_follows_the_rules():
    """The state ranges shown to users come from the configured thresholds, as integers."""
    assert describir_umbrales(Reglas()) == {
        "verde": "81 % o más",
        "amarillo": "61 % a 80 %",
        "rojo": "60 % o menos",
    }
    propias = describir_umbrales(Reglas(umbral_verde=90, umbral_amarillo=75))
    assert propias["amarillo"] == "75 % a 89 %"


def test_is_empty():
    """Only missing values count as empty; zero and False do not."""
    assert formatting.is_empty(None) and formatting.is_empty(math.nan)
    assert not formatting.is_empty(0) and not formatting.is_empty(0.0)
    assert not formatting.is_empty([1, 2])
