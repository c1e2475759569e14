"""Report notices (DOMAIN.md §10) on SQLite and PostgreSQL: the institution's UPGRET users — and
only they — are reminded 5 days before a report is due, told once it is late, and told when a
sent value is returned; running the scheduled checks again tells nobody twice.

The importer's MCR: SEDUC's and SESAL's quarterly indicators have 2024-T2 due on 2024-07-15
(not reported); SESAL's 2024-S1 value is validated by the import.
"""

from __future__ import annotations

import datetime as dt

from data_layer.avisos.programados import revisar_programados
from data_layer.db import session_factory
from data_layer.reportes import servicio
from tests.integration.reportes.conftest import ANALISTA, UPGRET_SEDUC, mcr, momento  # noqa: F401

from .comun import avisos, crear_usuarios, destinatarios


def _usuarios(engine) -> None:
    crear_usuarios(
        engine,
        ("upgret.seduc", "upgret", ("SEDUC",)),
        ("upgret.seduc2", "upgret", ("SEDUC",)),
        ("upgret.sesal", "upgret", ("SESAL",)),
        ("analista.uno", "analista", ()),
        ("ministro.edu", "ministro", ("EDU",)),
    )


def _revisar(engine, hoy: dt.date) -> int:
    with session_factory(engine)() as s, s.begin():
        return revisar_programados(s, hoy, resumen=False).total


def test_reports_due_in_5_days_then_late_remind_only_the_institutions_upgret(mcr) -> None:  # noqa: F811
    """6 days before: nothing. 5 days before: one notice per institution and period to its own
    UPGRET users (twice run: the same notices). SEDUC then sends its value; after the deadline
    only SESAL, still missing, is told it is late."""
    _usuarios(mcr)
    assert _revisar(mcr, dt.date(2024, 7, 9)) == 0
    assert _revisar(mcr, dt.date(2024, 7, 10)) == 3
    antes = avisos(mcr)
    assert _revisar(mcr, dt.date(2024, 7, 10)) == 0
    assert _revisar(mcr, dt.date(2024, 7, 12)) == 0  # the same period, already reminded
    assert (
        avisos(mcr)
        == antes
        == {
            "upgret.seduc": [
                (
                    "reporte_por_vencer",
                    "reporte_por_vencer:SEDUC:2024-T2",
                    "/reportes?institucion=SEDUC",
                )
            ],
            "upgret.seduc2": [
                (
                    "reporte_por_vencer",
                    "reporte_por_vencer:SEDUC:2024-T2",
                    "/reportes?institucion=SEDUC",
                )
            ],
            "upgret.sesal": [
                (
                    "reporte_por_vencer",
                    "reporte_por_vencer:SESAL:2024-T2",
                    "/reportes?institucion=SESAL",
                )
            ],
        }
    )
    with session_factory(mcr, escritura=True)() as s, s.begin():
        servicio.guardar(
            s,
            actor=UPGRET_SEDUC,
            indicador="MI-SEDUC-01-I1",
            periodo="2024-T2",
            valor=12,
            enviar=True,
            ahora=momento(2024, 7, 14),
        )
    assert _revisar(mcr, dt.date(2024, 7, 20)) == 1
    assert _revisar(mcr, dt.date(2024, 7, 21)) == 0
    assert avisos(mcr, "reporte_atrasado") == {
        "upgret.sesal": [
            ("reporte_atrasado", "reporte_atrasado:SESAL:2024-T2", "/reportes?institucion=SESAL")
        ]
    }


def test_a_returned_value_tells_its_institutions_upgret_users_only(mcr) -> None:  # noqa: F811
    """The analyst returns SEDUC's value: both SEDUC accounts are told, with the observación;
    SESAL's UPGRET, the analyst and the minister are not."""
    _usuarios(mcr)
    with session_factory(mcr, escritura=True)() as s, s.begin():
        version = servicio.guardar(
            s,
            actor=UPGRET_SEDUC,
            indicador="MI-SEDUC-01-I1",
            periodo="2024-T2",
            valor=12,
            enviar=True,
            ahora=momento(2024, 7, 10),
        )
    with session_factory(mcr, escritura=True)() as s, s.begin():
        servicio.devolver(
            s,
            actor=ANALISTA,
            version_id=version.id,
            observacion="Falta la región 3.",
            ahora=momento(2024, 7, 12),
        )
    assert destinatarios(mcr, "version_devuelta") == {"upgret.seduc", "upgret.seduc2"}
    with session_factory(mcr)() as s:
        from data_layer.auth import alcance_de, buscar
        from data_layer.avisos.servicio import listar

        (aviso,) = listar(s, alcance_de(buscar(s, "upgret.seduc")))
    assert "Falta la región 3." in aviso.texto and "MI-SEDUC-01-I1" in aviso.asunto
    assert aviso.enlace == "/reportes?institucion=SEDUC"
