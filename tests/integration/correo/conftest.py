"""The e-mail tests deliver by hand: no web app's despachador left from an earlier test runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from data_layer.correo import configurar_despacho


@pytest.fixture(autouse=True)
def _sin_despachador() -> Iterator[None]:
    configurar_despacho(None, None)
    yield
    configurar_despacho(None, None)
