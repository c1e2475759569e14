"""Normalised inputs (``engine.inputs.preparar``): receipts shared with the known values only
when they are the same rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_layer.engine.inputs import preparar, prepare_indicadores, prepare_recepciones
from tests.unit.engine.builders import build_mcr, indicador

CORTE = dt.date(2024, 11, 1)


@pytest.mark.parametrize(
    "avances",
    [
        # every value received and validated the same day: the same rows
        [("I1", "2024-T1", 5.0, "2024-04-10"), ("I1", "2024-T2", 6.0, "2024-07-10")],
        # T2 received before the cut but validated after it: received, not yet a known value
        [
            ("I1", "2024-T1", 5.0, "2024-04-10"),
            ("I1", "2024-T2", 6.0, "2024-07-10", "2024-11-20"),
        ],
        # T3 reported after the cut: neither received nor known
        [("I1", "2024-T1", 5.0, "2024-04-10"), ("I1", "2024-T3", 6.0, "2024-11-05")],
    ],
)
def test_receipts_equal_their_own_preparation(avances: list[tuple]) -> None:
    """The receipts ``preparar`` gives (sharing the known values' columns when the rows are the
    same) equal the receipts prepared on their own, frame for frame."""
    mcr = build_mcr(
        [indicador("I1")],
        [("I1", "2024-T1", 10.0), ("I1", "2024-T2", 10.0), ("I1", "2024-T3", 10.0)],
        avances,
    )
    ent = preparar(mcr, CORTE, 15)
    solas = prepare_recepciones(mcr, prepare_indicadores(mcr.indicadores), CORTE, 15)
    pd.testing.assert_frame_equal(ent.recepciones, solas)
    assert len(ent.recepciones) == (1 if avances[1][1] == "2024-T3" else 2)
    assert len(ent.avances) == 1 + (len(avances[1]) == 4 and avances[1][1] == "2024-T2")
