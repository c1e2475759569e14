"""Breadcrumb chains of each kind of entity (data_layer.vistas.linaje)."""

from __future__ import annotations

import pytest

from data_layer.vistas.linaje import linaje, ruta
from tests.unit.vistas.test_filtros import mcr_pequena


def _cadena(tipo: str, codigo: str) -> list[tuple[str, str, str]]:
    return [(m.tipo, m.codigo, m.ruta) for m in linaje(mcr_pequena(), tipo, codigo)]


INICIO = ("inicio", "", "/")


def test_institutional_goal_chain_goes_eje_sector_institution_goal():
    """MI-SESAL: its sector SAL, SAL's eje E2-SOC, its institution SESAL, then itself."""
    assert _cadena("meta", "MI-SESAL") == [
        INICIO,
        ("eje", "E2-SOC", "/ejes/E2-SOC"),
        ("sector", "SAL", "/sectores/SAL"),
        ("institucion", "SESAL", "/instituciones/SESAL"),
        ("meta", "MI-SESAL", "/metas/MI-SESAL"),
    ]


def test_goal_without_sector_borrows_its_institutions_main_sector():
    """MI-SEDUC names no sector: SEDUC's main sector EDU (not MLP) and EDU's eje are used."""
    assert [c[1] for c in _cadena("meta", "MI-SEDUC")] == ["", "E2-SOC", "EDU", "SEDUC", "MI-SEDUC"]


def test_sectoral_and_presidential_goals_skip_missing_levels():
    """MS-MLP takes MLP's first eje by code (E2-ECO before E2-SOC); MP-1 has only its eje."""
    assert [c[1] for c in _cadena("meta", "MS-MLP")] == ["", "E2-ECO", "MLP", "MS-MLP"]
    assert [c[1] for c in _cadena("meta", "MP-1")] == ["", "E1", "MP-1"]


def test_indicator_chain_is_its_goals_plus_itself():
    """I-SESAL ends the goal's chain, linking to its own page."""
    cadena = _cadena("indicador", "I-SESAL")
    assert cadena[:-1] == _cadena("meta", "MI-SESAL")
    assert cadena[-1] == ("indicador", "I-SESAL", "/indicadores/I-SESAL")


def test_levels_eje_sector_institution():
    """A dimension shows its parent eje; a sector its first eje; an institution its main
    sector and that sector's eje."""
    assert [c[1] for c in _cadena("eje", "E2-ECO")] == ["", "E2", "E2-ECO"]
    assert [c[1] for c in _cadena("eje", "E1")] == ["", "E1"]
    assert [c[1] for c in _cadena("sector", "MLP")] == ["", "E2-ECO", "MLP"]
    assert [c[1] for c in _cadena("institucion", "SEDUC")] == ["", "E2-SOC", "EDU", "SEDUC"]


def test_labels_and_titles_are_readable():
    """Sectors show their name; every crumb has a tooltip with the full name."""
    migas = linaje(mcr_pequena(), "meta", "MI-SESAL")
    assert [m.etiqueta for m in migas] == ["Inicio", "E2-SOC", "Salud", "SESAL", "MI-SESAL"]
    assert migas[1].titulo == "Social"
    assert migas[3].titulo == "Secretaría de Salud"
    assert migas[4].titulo == "Meta MI-SESAL"


def test_unknown_code_gives_only_inicio_and_bad_kind_raises():
    """An unknown code is not an error (the page says it does not exist); a bad kind is."""
    assert _cadena("meta", "NO-EXISTE") == [INICIO]
    assert _cadena("indicador", "NO-EXISTE") == [INICIO]
    with pytest.raises(ValueError):
        linaje(mcr_pequena(), "mesa", "SAL")  # type: ignore[arg-type]


def test_ruta_escapes_codes():
    """A code with a slash or space cannot break the path."""
    assert ruta("meta", "A/B C") == "/metas/A%2FB%20C"
