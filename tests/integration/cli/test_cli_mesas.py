"""`sigpret report alertas` on the demo lists the mesa alerts (DOMAIN.md §4) with the engine's.

The demo (``sigpret seed demo``) is built so that every mesa alert fires at its reference date
(23/11/2026): overdue acuerdos, late convocatorias and ayudas memoria, one institution over the
limit of technical members, mesas without an approved plan, red indicators without an action.
"""

from __future__ import annotations

import csv

import pytest

from data_layer.cli import main

TIPOS_MESAS = {
    "acuerdo_vencido",
    "convocatoria_tardia",
    "ayuda_memoria_tardia",
    "exceso_miembros",
    "mesa_sin_plan",
    "rojo_sin_accion",
}


@pytest.fixture
def demo(demo_database_url, monkeypatch) -> str:
    """The demo database as the CLI's database."""
    monkeypatch.setenv("DATABASE_URL", demo_database_url)
    return demo_database_url


def test_report_alertas_incluye_cada_alerta_de_mesa(demo, capsys) -> None:
    """Every mesa alert type appears next to the engine's alerts, severest first overall, and
    the mesa alerts point at their mesa (exceso_miembros names SAL, whose demo has the excess)."""
    codigo = main(
        [
            "report",
            "alertas",
            "--periodo",
            "2026-T3",
            "--fecha-corte",
            "2026-11-23",
            "--formato",
            "csv",
        ]
    )
    salida = capsys.readouterr().out
    assert codigo == 0
    filas = list(csv.DictReader(salida.splitlines()))
    tipos = {f["tipo"] for f in filas}
    assert tipos >= TIPOS_MESAS
    assert "indicador_rojo" in tipos  # the engine's alerts are still there
    rangos = [{"alta": 0, "media": 1, "baja": 2}[f["severidad"]] for f in filas]
    assert rangos == sorted(rangos)
    exceso = [f for f in filas if f["tipo"] == "exceso_miembros"]
    assert [f["entidad"] for f in exceso] == ["SAL"]
    assert all(f["mensaje"] for f in filas if f["tipo"] in TIPOS_MESAS)
