"""Reading one row of a frame by its label (``celdas.una_fila``), used by the detail views."""

import pandas as pd
import pytest

from data_layer.vistas.celdas import una_fila


def test_una_fila_devuelve_la_fila_como_serie():
    """A unique label gives its row as a Series, its cells read by column name."""
    frame = pd.DataFrame({"avance": [80.0, 40.0]}, index=["MS-01", "MS-02"])

    fila = una_fila(frame, "MS-02")

    assert isinstance(fila, pd.Series)
    assert fila["avance"] == 40.0


def test_una_fila_sin_la_etiqueta_es_keyerror():
    """An absent label raises KeyError, as ``frame.loc`` does."""
    frame = pd.DataFrame({"avance": [80.0]}, index=["MS-01"])

    with pytest.raises(KeyError):
        una_fila(frame, "MS-99")


def test_una_fila_con_etiqueta_repetida_no_devuelve_un_frame():
    """A repeated label is an error, never a frame read as if it were one row."""
    frame = pd.DataFrame({"avance": [80.0, 40.0]}, index=["MS-01", "MS-01"])

    with pytest.raises(ValueError, match="2 rows"):
        una_fila(frame, "MS-01")
