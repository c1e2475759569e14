"""The database timeouts are settings like the others: defaults, and a wrong value stops the
start with a Spanish message naming the variable (issue #15)."""

from __future__ import annotations

import pytest

from data_layer.config import ErrorConfiguracion, Settings, tiempos_bd


def test_defaults_connect_3_s_and_statement_30_s() -> None:
    """Without the variables, 3 s to connect and 30 s per statement."""
    assert tiempos_bd({}) == (3, 30)
    ajustes = Settings.from_env({})
    assert (ajustes.bd_conexion_s, ajustes.bd_consulta_s) == (3, 30)


def test_values_are_read_and_checked() -> None:
    """Whole seconds in range are taken; libpq's 2 s minimum and nonsense are refused in
    Spanish."""
    assert tiempos_bd({"SIGPRET_BD_CONEXION_S": "5", "SIGPRET_BD_CONSULTA_S": "120"}) == (5, 120)
    with pytest.raises(ErrorConfiguracion, match="SIGPRET_BD_CONEXION_S debe ser un número"):
        tiempos_bd({"SIGPRET_BD_CONEXION_S": "1"})
    with pytest.raises(ErrorConfiguracion, match="SIGPRET_BD_CONSULTA_S"):
        Settings.from_env({"SIGPRET_BD_CONSULTA_S": "treinta"})
