"""The engine's rules for versioned values (DOMAIN.md §8), case by case.

- official figures at a cut date use, per indicator and period, the latest version validated on
  or before it;
- timeliness counts from the period's first receipt (validated or not);
- a report received and waiting for validation is neither missing nor ``sin_dato``.
"""

from __future__ import annotations

import datetime as dt

from data_layer.engine import evaluar_indicadores, run
from data_layer.engine.frames import Reglas
from tests.unit.engine.builders import build_mcr, indicador

#: 2024-T3 is due on 2024-10-15 (30/09 + 15 days).
PROG = [("I1", "2024-T3", 100.0)]


def _evaluar(avances=(), recepciones=(), corte=dt.date(2024, 12, 31)):
    mcr = build_mcr([indicador("I1")], PROG, avances, recepciones=recepciones)
    return evaluar_indicadores(mcr, "2024-T3", corte, Reglas()).loc["I1"]


def _tipos(avances=(), recepciones=(), corte=dt.date(2024, 12, 31)) -> set[str]:
    mcr = build_mcr([indicador("I1")], PROG, avances, recepciones=recepciones)
    return set(run(mcr, "2024-T3", corte, Reglas()).alertas["tipo"])


#: A value received on 10/10, validated 12/10 (90), corrected and validated again on 20/11 (70).
VERSIONES = [
    ("I1", "2024-T3", 90.0, "2024-10-10", "2024-10-12"),
    ("I1", "2024-T3", 70.0, "2024-10-10", "2024-11-20"),
]


def test_the_latest_version_validated_by_the_cut_date_counts():
    """Before the correction's validation the first value counts; from that day, the
    correction (whatever the order of the rows)."""
    assert _evaluar(VERSIONES, corte=dt.date(2024, 11, 19))["valor"] == 90.0
    assert _evaluar(VERSIONES, corte=dt.date(2024, 11, 20))["valor"] == 70.0
    assert _evaluar(VERSIONES[::-1], corte=dt.date(2024, 11, 20))["valor"] == 70.0


def test_nothing_counts_before_the_first_validation():
    """A value received on 10/10 and validated on 12/10 is not known on 11/10: pendiente
    (received in time), not sin_dato."""
    r = _evaluar(VERSIONES, corte=dt.date(2024, 10, 11))
    assert r["semaforo"] == "pendiente"


def test_received_not_validated_is_not_missing():
    """Past the deadline, a report received on time and waiting for validation is pendiente
    and raises no reporte_faltante; with nothing received it is sin_dato and missing."""
    recibido = [("I1", "2024-T3", "2024-10-14")]
    assert _evaluar(recepciones=recibido)["semaforo"] == "pendiente"
    assert "reporte_faltante" not in _tipos(recepciones=recibido)
    assert _evaluar()["semaforo"] == "sin_dato"
    assert "reporte_faltante" in _tipos()


def test_a_receipt_after_the_cut_date_does_not_exist_yet():
    """A report received after the cut date is unknown at that date."""
    recibido = [("I1", "2024-T3", "2024-11-02")]
    assert _evaluar(recepciones=recibido, corte=dt.date(2024, 11, 1))["semaforo"] == "sin_dato"


def test_timeliness_counts_from_the_first_receipt():
    """First received on time (14/10), validated late: not tardío. First received late (20/10),
    even if not validated yet: tardío and reporte_tardio."""
    a_tiempo = [("I1", "2024-T3", 80.0, "2024-10-14", "2024-11-30")]
    assert not _evaluar(a_tiempo)["tardio"]
    assert "reporte_tardio" not in _tipos(a_tiempo)
    tarde = [("I1", "2024-T3", "2024-10-20")]
    assert _evaluar(recepciones=tarde)["tardio"]
    assert "reporte_tardio" in _tipos(recepciones=tarde)
