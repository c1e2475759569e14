"""The reporting cycle's alerts (DOMAIN.md §8), case by case.

- ``validacion_pendiente``: a version sent more than ``Reglas.validacion_pendiente_dias`` days
  before the cut date and neither validated nor returned by then;
- ``reporte_devuelto``: a version returned more than ``Reglas.reporte_devuelto_dias`` days before
  the cut date and not sent again since.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data_layer.engine import run
from data_layer.engine.alerts import con_mensajes
from data_layer.engine.frames import Reglas
from tests.unit.engine.builders import build_mcr, indicador

PROG = [("I1", "2024-T3", 100.0)]
ENVIO = "2024-10-10"


def _alertas(versiones, corte: dt.date, reglas: Reglas | None = None) -> pd.DataFrame:
    mcr = build_mcr([indicador("I1")], PROG, versiones=versiones)
    alertas = con_mensajes(run(mcr, "2024-T3", corte, reglas or Reglas()).alertas)
    return alertas[alertas["tipo"].isin(["validacion_pendiente", "reporte_devuelto"])]


def _dias(n: int) -> dt.date:
    return dt.date(2024, 10, 10) + dt.timedelta(days=n)


def test_sent_four_days_ago_is_not_yet_pending():
    """Sent on 10/10, not reviewed: on 14/10 (4 days) there is no alert."""
    assert _alertas([("I1", "2024-T3", 1, ENVIO, None, None)], _dias(4)).empty


def test_sent_five_days_ago_is_not_yet_pending():
    """Exactly 5 days is not "more than 5 days": no alert."""
    assert _alertas([("I1", "2024-T3", 1, ENVIO, None, None)], _dias(5)).empty


def test_sent_six_days_ago_and_not_reviewed_is_pending():
    """Sent on 10/10, not reviewed: on 16/10 (6 days) one validacion_pendiente, severity
    media, about the indicator, naming the period, the send date and the days waiting."""
    a = _alertas([("I1", "2024-T3", 1, ENVIO, None, None)], _dias(6))
    assert list(a["tipo"]) == ["validacion_pendiente"]
    fila = a.iloc[0]
    assert fila["severidad"] == "media"
    assert fila["entidad"] == "I1"
    assert fila["periodo"] == "2024-T3"
    assert fila["enlace"] == "/indicadores/I1"
    assert "2024-T3" in fila["mensaje"] and "10/10/2024" in fila["mensaje"]
    assert "6 días" in fila["mensaje"]


def test_a_reviewed_version_is_not_pending():
    """Validated (or returned) on 12/10: no validacion_pendiente on 20/10."""
    validada = [("I1", "2024-T3", 1, ENVIO, "2024-10-12", None)]
    assert _alertas(validada, _dias(10)).empty
    devuelta = [("I1", "2024-T3", 1, ENVIO, None, "2024-10-12")]
    assert "validacion_pendiente" not in set(_alertas(devuelta, _dias(10))["tipo"])


def test_a_review_after_the_cut_date_had_not_happened_yet():
    """Validated on 30/10: at a cut date of 20/10 the version was still waiting (reproducible
    past cut dates)."""
    a = _alertas([("I1", "2024-T3", 1, ENVIO, "2024-10-30", None)], _dias(10))
    assert list(a["tipo"]) == ["validacion_pendiente"]


def test_a_cut_date_before_sending_has_no_alert():
    """A version sent on 10/10 does not exist on 05/10: neither alert."""
    assert _alertas([("I1", "2024-T3", 1, ENVIO, None, None)], dt.date(2024, 10, 5)).empty
    devuelta = [("I1", "2024-T3", 1, ENVIO, None, "2024-10-11")]
    assert _alertas(devuelta, dt.date(2024, 10, 5)).empty


def test_the_threshold_comes_from_the_rules():
    """With validacion_pendiente_dias = 2, three days waiting is already an alert."""
    a = _alertas(
        [("I1", "2024-T3", 1, ENVIO, None, None)], _dias(3), Reglas(validacion_pendiente_dias=2)
    )
    assert list(a["tipo"]) == ["validacion_pendiente"]


DEVUELTA = ("I1", "2024-T3", 1, "2024-10-08", None, ENVIO)


def test_returned_four_days_ago_is_not_yet_an_alert():
    """Returned on 10/10, not sent again: on 14/10 (4 days) no alert."""
    assert _alertas([DEVUELTA], _dias(4)).empty


def test_returned_six_days_ago_and_not_resent_is_an_alert():
    """Returned on 10/10, not sent again: on 16/10 one reporte_devuelto, severity media,
    naming the period, the return date and the days."""
    a = _alertas([DEVUELTA], _dias(6))
    assert list(a["tipo"]) == ["reporte_devuelto"]
    fila = a.iloc[0]
    assert fila["severidad"] == "media"
    assert fila["periodo"] == "2024-T3"
    assert "2024-T3" in fila["mensaje"] and "10/10/2024" in fila["mensaje"]
    assert "6 días" in fila["mensaje"]


def test_a_resent_report_is_not_returned_any_more():
    """Returned on 10/10 and sent again on 12/10 (version 2, validated on 13/10): on 20/10
    neither alert; the corrected version, not reviewed, is pending instead after 5 days."""
    corregida = ("I1", "2024-T3", 2, "2024-10-12", "2024-10-13", None)
    assert _alertas([DEVUELTA, corregida], _dias(10)).empty
    sin_revisar = ("I1", "2024-T3", 2, "2024-10-12", None, None)
    assert list(_alertas([DEVUELTA, sin_revisar], _dias(10))["tipo"]) == ["validacion_pendiente"]


def test_a_resend_after_the_cut_date_had_not_happened_yet():
    """Returned on 10/10, sent again on 25/10: at a cut date of 20/10 it is still returned."""
    corregida = ("I1", "2024-T3", 2, "2024-10-25", None, None)
    assert list(_alertas([DEVUELTA, corregida], _dias(10))["tipo"]) == ["reporte_devuelto"]
