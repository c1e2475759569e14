"""The small valid MCR of the importer's tests, and the users of the reporting cycle."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from data_layer import periods
from data_layer.auth import Alcance
from data_layer.importer import import_mcr
from data_layer.models import Rol

FIXTURE = Path(__file__).parents[2] / "fixtures" / "mcr_valida"

UPGRET_SEDUC = Alcance(usuario="upgret.seduc", rol=Rol.upgret, instituciones=frozenset({"SEDUC"}))
UPGRET_SESAL = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
ANALISTA = Alcance(usuario="analista.uno", rol=Rol.analista)
ANALISTA_2 = Alcance(usuario="analista.dos", rol=Rol.analista)


def momento(anio: int, mes: int, dia: int, hora: int = 10) -> dt.datetime:
    """A Honduras local time as an aware datetime (what the services receive as ``ahora``)."""
    return dt.datetime(anio, mes, dia, hora, tzinfo=periods.ZONA_HONDURAS)


@pytest.fixture
def mcr(engine):
    """The importer's valid MCR (SEDUC, SESAL…; values of 2024-T1 validated by import)."""
    resultado = import_mcr(engine, FIXTURE)
    assert resultado.ok, resultado.errores
    return engine
