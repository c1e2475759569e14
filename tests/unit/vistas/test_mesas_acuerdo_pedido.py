"""Which acuerdo a ``/mesas/<sector>?acuerdo=<id>`` link may highlight (``vm.acuerdo_pedido``).

On the two hand-built mesas of :mod:`tests.unit.vistas.test_mesas`: at the cut date SAL's board
holds acuerdos 1, 2 and 3 (4 is agreed later); EDU has none.
"""

from __future__ import annotations

import pytest

from data_layer.vistas import mesas as vm
from tests.unit.vistas.test_mesas import CORTE, mesas_de_prueba


@pytest.fixture(scope="module")
def tablero_sal():
    """SAL's whole board at the cut date."""
    return vm.tablero_acuerdos(mesas_de_prueba(), CORTE, "SAL")


def test_un_id_del_tablero_se_resalta(tablero_sal) -> None:
    """An id on the mesa's board comes back as an int, blanks around it allowed; a repeated
    parameter counts by its first value."""
    assert vm.acuerdo_pedido(tablero_sal, "3") == 3
    assert vm.acuerdo_pedido(tablero_sal, " 1 ") == 1
    assert vm.acuerdo_pedido(tablero_sal, ["2", "3"]) == 2


@pytest.mark.parametrize(
    "valor",
    [None, "", "abc", "1.0", "-1", "+1", "1e0", "0x1", "١", "99", "4", "3; DROP", ["x", "1"]],
)
def test_lo_que_no_es_un_acuerdo_del_tablero_se_ignora(tablero_sal, valor) -> None:
    """Text, other digits than ASCII, unknown ids and an acuerdo agreed after the cut date (4)
    highlight nothing."""
    assert vm.acuerdo_pedido(tablero_sal, valor) is None


def test_el_acuerdo_de_otra_mesa_se_ignora() -> None:
    """SAL's acuerdo 1 asked on EDU's board highlights nothing there."""
    tablero_edu = vm.tablero_acuerdos(mesas_de_prueba(), CORTE, "EDU")
    assert vm.acuerdo_pedido(tablero_edu, "1") is None
