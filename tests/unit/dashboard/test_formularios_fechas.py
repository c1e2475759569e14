"""The form helpers for dates and times: text fields (never the browser's own date picker) and
readers that name the field in a Spanish refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.components import formularios as fm
from data_layer.mesas.servicio import ErrorMesa


def test_date_and_time_fields_are_text_with_day_first_hints():
    """A date field is a text input asking dd/mm/aaaa and a time field asks hh:mm: a browser in
    English cannot turn them into month-first or 12-hour pickers."""
    fecha = fm.entrada_fecha("x-fecha")
    hora = fm.entrada_hora("x-hora")
    assert (fecha.type, fecha.placeholder) == ("text", "dd/mm/aaaa")
    assert (hora.type, hora.placeholder) == ("text", "hh:mm")
    assert fecha.pattern == fm.PATRON_FECHA


def test_readers_accept_day_first_and_iso():
    """The form readers take what the fields ask for and the ISO dates older clients send."""
    assert fm.leer_fecha("05/01/2027", "inicio") == dt.date(2027, 1, 5)
    assert fm.leer_fecha("2027-01-05", "inicio") == dt.date(2027, 1, 5)
    assert fm.leer_hora("07:05", "hora") == dt.time(7, 5)


@pytest.mark.parametrize(
    ("leer", "texto", "mensaje"),
    [
        (fm.leer_fecha, None, "El campo «fecha límite» es obligatorio."),
        (fm.leer_fecha, "31/02/2027", "no es una fecha que exista"),
        (fm.leer_fecha, "02-2027", "dd/mm/aaaa"),
        (fm.leer_hora, "", "El campo «fecha límite» es obligatorio."),
        (fm.leer_hora, "7 pm", "24 horas"),
    ],
)
def test_readers_refuse_naming_the_field(leer, texto, mensaje):
    """A missing or malformed value is a mesa refusal (shown as an alert, nothing saved) that
    says which field was wrong."""
    with pytest.raises(ErrorMesa) as exc:
        leer(texto, "fecha límite")
    assert mensaje in str(exc.value)
    assert "fecha límite" in str(exc.value)
