"""The data-quality page's callbacks and the institution card, called as plain functions on the
fixture MCR (whose imported values make 2024-T2 the latest quarter with reports due)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import create_app
from tests.conftest import sesion_de_prueba

FIXTURE_MCR = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"


@pytest.fixture
def app(sqlite_engine):
    """A fresh app on the fixture MCR."""
    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR).ok
    return create_app(sqlite_engine.url.render_as_string(hide_password=False))


def test_analyst_gets_filters_rows_and_trend(app):
    """As analista: the period options hold the due quarters, the default is the latest; the
    institution rows carry rates and links to the institution page and its reports; the trend
    has the two rates."""
    from dashboard.pages import calidad

    with sesion_de_prueba(app, "/calidad"):
        filtros = calidad.init_filtros({})
        assert filtros["periodo"] == filtros["periodos"][0]["value"]
        salida = calidad.render_calidad(filtros["periodo"], None)
    assert salida["mensaje"] is None
    filas = salida["instituciones"]
    assert filas and {"completitud", "puntualidad_texto", "esperados"} <= set(filas[0])
    sesal = next(f for f in filas if f["institucion"] == "SESAL")
    assert sesal["institucion_href"] == "/instituciones/SESAL"
    assert sesal["reportes_href"] == "/reportes?institucion=SESAL"
    assert [t.name for t in salida["tendencia"].data][0].startswith("Completitud")
    assert salida["sectores"][0]["nombre_href"].startswith("/calidad?periodo=")


def test_forged_request_from_upgret_gets_nothing(app):
    """An upgret user calling the callbacks directly (a forged request) gets the refusal and no
    rows; the layout sent to them is only the refusal."""
    from dashboard.pages import calidad

    with sesion_de_prueba(app, "/calidad", rol="upgret", instituciones=["SESAL"]):
        assert calidad.init_filtros({"periodo": "2024-T2"})["periodos"] == []
        salida = calidad.render_calidad("2024-T2", "SAL")
        assert salida["instituciones"] == [] and salida["sectores"] == []
        assert "calidad-sin-permiso" in str(calidad.layout())


def test_coordinator_cannot_forge_another_sector(app):
    """A Salud coordinator asking for Educación gets Salud's rows only."""
    from dashboard.pages import calidad

    with sesion_de_prueba(app, "/calidad", rol="coordinador_mesa", sectores=["SAL"]):
        salida = calidad.render_calidad("2024-T2", "EDU")
    assert {f["institucion"] for f in salida["instituciones"]} <= {"SESAL", "SEDUC"}
    assert {f["sector"] for f in salida["sectores"]} == {"SAL"}


def test_institution_page_card(app):
    """The institution page shows its own rates and a link to /calidad on that quarter; an
    upgret of another institution does not get the card."""
    from dashboard.pages import institucion

    with sesion_de_prueba(app, "/instituciones/SESAL"):
        tarjeta = institucion.render_calidad({"codigo": "SESAL"})
    assert "Completitud" in str(tarjeta) and "/calidad?periodo=" in str(tarjeta)
    with sesion_de_prueba(app, "/instituciones/SESAL", rol="upgret", instituciones=["SEDUC"]):
        assert institucion.render_calidad({"codigo": "SESAL"}) is None
