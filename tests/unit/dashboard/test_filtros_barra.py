"""The URL filter contract, the filter bar's options and URL sync, breadcrumbs and validation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dash_bootstrap_components as dbc
import pytest
from dash import dcc

from dashboard import create_app, data, filtros
from dashboard.components import filtros as barra
from dashboard.components.migas import migas, migas_children
from dashboard.filtros import Filtros, from_query, href, to_query
from data_layer.vistas.linaje import linaje
from tests.conftest import sesion_de_prueba
from tests.unit.vistas.test_filtros import mcr_pequena

FIXTURE_MCR = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"


# --- dashboard/filtros.py: the URL contract ---------------------------------------------------


def test_from_query_keeps_well_formed_values_and_drops_the_rest():
    """Valid values pass; a malformed period, an unknown state, markup or an empty value are
    "no filter"; a repeated parameter keeps its first value; unknown parameters are ignored."""
    f = from_query(
        {
            "periodo": "2025-T3",
            "eje": ["E1", "E2"],
            "sector": " SAL ",
            "tema": "Género",
            "estado": "rojo",
            "otro": "x",
        }
    )
    assert f == Filtros(periodo="2025-T3", eje="E1", sector="SAL", tema="Género", estado="rojo")
    malos = from_query(
        {"periodo": "2025-T9", "eje": "<script>", "sector": "", "tema": None, "estado": "azul"}
    )
    assert malos == Filtros()
    assert from_query(None) == Filtros()


def test_a_semester_or_year_means_its_last_quarter():
    """The dashboard evaluates quarters: 2024-S1 is 2024-T2 and 2024 is 2024-T4."""
    assert from_query({"periodo": "2024-S1"}).periodo == "2024-T2"
    assert from_query({"periodo": "2024"}).periodo == "2024-T4"


def test_href_adds_the_filters_to_a_route_that_has_a_query():
    """A link that already carries a query (an acuerdo on its mesa page) gets the filters after
    an ``&``, never a second ``?``; without filters it is unchanged."""
    f = Filtros(sector="SAL", periodo="2026-T3")
    assert href("/mesas/SAL?acuerdo=546", f) == "/mesas/SAL?acuerdo=546&periodo=2026-T3&sector=SAL"
    assert href("/mesas/SAL?acuerdo=546", Filtros()) == "/mesas/SAL?acuerdo=546"


def test_to_query_and_href_round_trip():
    """The query string holds only set values, in a fixed order, URL-encoded; parsing it back
    gives the same filters; href keeps filters and can change one."""
    f = Filtros(periodo="2025-T3", eje="E1", tema="Género")
    assert to_query(f) == "?periodo=2025-T3&eje=E1&tema=G%C3%A9nero"
    assert to_query(Filtros()) == ""
    from urllib.parse import parse_qsl

    assert from_query(dict(parse_qsl(to_query(f)[1:]))) == f
    assert href("/metas/MP-01", f, eje=None) == "/metas/MP-01?periodo=2025-T3&tema=G%C3%A9nero"
    assert f.con(estado="verde").estado == "verde"
    assert f.con(estado="mal").estado is None


# --- the filter bar ------------------------------------------------------------------------------


def _ids(*campos: str) -> list[dict[str, str]]:
    return [barra.id_filtro(c) for c in campos]


def test_barra_has_one_labelled_dropdown_per_field_with_the_urls_values():
    """The bar holds the requested fields in order, pattern-matching ids, initial values from
    the filters; an unknown field is a programming error."""
    seccion = barra.barra_filtros(Filtros(eje="E1", estado="rojo"), campos=("eje", "estado"))
    columnas = [c for c in seccion.children.children if isinstance(c, dbc.Col)][:-1]
    dropdowns = [c.children[1] for c in columnas]
    assert [d.id for d in dropdowns] == _ids("eje", "estado")
    assert [d.value for d in dropdowns] == ["E1", "rojo"]
    assert [c.children[0].children for c in columnas] == [
        "Eje estratégico",
        "Estado (semáforo)",
    ]
    with pytest.raises(ValueError):
        barra.barra_filtros(Filtros(), campos=("ciudad",))


def test_opciones_come_from_the_mcr_in_spanish():
    """Ejes by code with their dimensions marked; sectors by name; themes sorted; states with
    icon and word, most urgent first; periods are the evaluable quarters, latest first."""
    mcr = mcr_pequena()
    assert [o["label"] for o in barra.opciones("eje", mcr)] == [
        "E1 · Derechos",
        "E2 · Crecimiento",
        "↳ E2-ECO · Económico",
        "↳ E2-SOC · Social",
    ]
    assert [o["value"] for o in barra.opciones("sector", mcr)] == ["EDU", "MLP", "SAL"]
    assert [o["value"] for o in barra.opciones("tema", mcr)] == ["Género", "Transparencia"]
    estados = barra.opciones("estado", mcr)
    assert estados[0] == {"label": "✖ Rojo", "value": "rojo"}
    assert [o["value"] for o in estados][-1] == "no_programado"
    assert [o["value"] for o in barra.opciones("periodo", mcr)] == ["2024-T2", "2024-T1"]
    assert barra.opciones("periodo", mcr)[0]["label"] == "2024-T2 · abril a junio de 2024"


def test_fill_opciones_drops_unknown_values_and_shows_the_default_period():
    """A code the MCR lacks is cleared; a missing or non-evaluable period shows the default."""
    opciones, valores = barra.fill_opciones(
        _ids("periodo", "eje", "tema"), [None, "E9", "Género"], mcr_pequena(), "2024-T2"
    )
    assert valores == ["2024-T2", None, "Género"]
    assert len(opciones) == 3
    _, valores = barra.fill_opciones(_ids("periodo"), ["2024-T1"], mcr_pequena(), "2024-T2")
    assert valores == ["2024-T1"]


def test_query_de_writes_changes_and_leaves_the_url_alone_otherwise():
    """A changed value gives a new query string (a new history entry); the same view gives
    None (no entry, so back still works); the default period stays out of the URL; parameters
    the bar does not hold are kept."""
    ids = _ids("periodo", "eje", "estado")

    def query(valores: list, search: str) -> str | None:
        return barra.query_de(ids, valores, search, "2024-T2")

    assert query(["2024-T2", "E1", None], "") == "?eje=E1"
    assert query(["2024-T2", "E1", None], "?eje=E1") is None
    assert query(["2024-T1", "E1", None], "?eje=E1") == "?periodo=2024-T1&eje=E1"
    assert query(["2024-T2", None, None], "?eje=E1&periodo=2024-T1") == ""
    # The same filters in another order are the same view.
    assert query(["2024-T1", "E1", None], "?eje=E1&periodo=2024-T1") is None
    # A filter this page does not offer (sector) and a page parameter (severidad) stay.
    assert query(["2024-T2", "E2", None], "?sector=SAL&severidad=alta") == (
        "?eje=E2&sector=SAL&severidad=alta"
    )


# --- breadcrumbs ---------------------------------------------------------------------------------


def test_migas_link_every_level_but_the_current_one_and_keep_filters():
    """Each ancestor is a client-side link carrying the filters; the last crumb is the current
    page (aria-current) without a link; the placeholder starts with Inicio."""
    f = Filtros(periodo="2024-T1", tema="Género")
    hijos = migas_children(linaje(mcr_pequena(), "meta", "MI-SESAL"), f)
    enlaces = [h.children for h in hijos[:-1]]
    assert all(isinstance(e, dcc.Link) for e in enlaces)
    assert [e.href for e in enlaces] == [
        "/?periodo=2024-T1&tema=G%C3%A9nero",
        "/ejes/E2-SOC?periodo=2024-T1&tema=G%C3%A9nero",
        "/sectores/SAL?periodo=2024-T1&tema=G%C3%A9nero",
        "/instituciones/SESAL?periodo=2024-T1&tema=G%C3%A9nero",
    ]
    ultima = hijos[-1]
    assert ultima.to_plotly_json()["props"]["aria-current"] == "page"
    assert [c.children for c in ultima.children] == ["Meta ", "MI-SESAL"]
    assert migas("meta-migas").children.id == "meta-migas"


# --- data.py: what the URL may ask for -----------------------------------------------------------


def test_validar_filtros_drops_codes_the_mcr_does_not_know():
    """Unknown eje, sector, theme and non-evaluable periods become None; known ones stay."""
    mcr = mcr_pequena()
    f = Filtros(periodo="2024-T1", eje="E2-ECO", sector="SAL", tema="Género", estado="rojo")
    assert data.validar_filtros(f, mcr) == f
    malos = Filtros(periodo="2030-T1", eje="E9", sector="ZZZ", tema="Ninguno", estado="verde")
    assert data.validar_filtros(malos, mcr) == Filtros(estado="verde")


@pytest.fixture
def app_fixture(sqlite_engine):
    """A fresh app on the fixture MCR, inside a request (as callbacks run)."""
    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR).ok
    app = create_app(sqlite_engine.url.render_as_string(hide_password=False))
    with sesion_de_prueba(app, "/"):
        yield app


def test_periodo_efectivo_takes_the_urls_evaluable_period_or_the_default(app_fixture, monkeypatch):
    """The fixture programs quarters up to 2025-T4; on 2025-01-20 the latest due quarter is
    2024-T4: a URL without period, or with one that is not evaluable, gets 2024-T4."""
    evaluables = data.periodos_evaluables(data.mcr())
    assert "2024-T4" in evaluables and "2024-T2" in evaluables
    monkeypatch.setattr(data, "hoy_honduras", lambda: dt.date(2025, 1, 20))
    assert data.periodo_efectivo(None) == "2024-T4"
    assert data.periodo_efectivo("2024-T2") == "2024-T2"
    assert data.periodo_efectivo("2031-T1") == "2024-T4"
    assert data.filtros_validos(Filtros(eje="E2-SOC", sector="NADA")) == Filtros(eje="E2-SOC")


def test_filter_callbacks_are_registered_once_per_app(app_fixture):
    """create_app registers the bar's and the export's callbacks (through the shell)."""
    salidas = " ".join(app_fixture.callback_map)
    assert '"type":"filtro"' in salidas.replace(" ", "")
    assert "_pages_location.search" in salidas
    assert "exportar-descarga" in salidas
    assert filtros.CAMPOS == ("periodo", "eje", "sector", "tema", "estado")


def test_barra_comes_with_its_options_for_a_logged_in_user(app_fixture, monkeypatch):
    """Inside a logged-in request the bar carries the MCR's options (no options request per page
    open): a URL without period shows the default quarter, an unknown code is cleared."""
    monkeypatch.setattr(data, "hoy_honduras", lambda: dt.date(2025, 1, 20))
    seccion = barra.barra_filtros(Filtros(eje="E9"), campos=("periodo", "eje", "estado"))
    columnas = [c for c in seccion.children.children if isinstance(c, dbc.Col)][:-1]
    periodo, eje, estado = (c.children[1] for c in columnas)
    assert periodo.value == "2024-T4"
    assert "2024-T2" in [o["value"] for o in periodo.options]
    assert eje.value is None
    assert [o["value"] for o in eje.options] == [
        o["value"] for o in barra.opciones("eje", data.mcr())
    ]
    assert estado.options[0] == {"label": "✖ Rojo", "value": "rojo"}
