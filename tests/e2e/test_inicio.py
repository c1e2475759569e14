"""Each role lands on its own home (issue #12), in a real browser: the login form without a
destination opens ``/inicio`` with the blocks of that role's work, and no SEVERE error."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from selenium.webdriver.support.wait import WebDriverWait

from dashboard import create_app
from tests.e2e.conftest import entrar

pytestmark = pytest.mark.e2e


def _aterrizar(dash_duo, demo_database_url: str, usuario: str) -> None:
    """Log in through the form (no ``next``) and wait until the home has drawn its blocks."""
    dash_duo.start_server(create_app(demo_database_url), navigate=False)
    entrar(dash_duo, usuario)
    WebDriverWait(dash_duo.driver, 20).until(
        lambda d: urlparse(d.current_url).path == "/inicio", "el login no llevó a /inicio"
    )
    dash_duo.wait_for_element("#inicio-titular", timeout=30)


def _texto(dash_duo, selector: str) -> str:
    return dash_duo.find_element(selector).text


def _sin_errores(dash_duo) -> None:
    severos = [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]
    assert severos == []


@pytest.mark.usuario(None)
def test_minister_lands_on_their_sector(dash_duo, demo_database_url) -> None:
    """ministro.salud: «Su sector · Salud», the headline naming what needs attention, the Salud
    tiles per state linking to the sector page, the high alerts of Salud, the decisions waiting
    (linking to /pendientes), the navbar's «Alertas» opening Salud's alerts and a link to the
    national overview."""
    _aterrizar(dash_duo, demo_database_url, "ministro.salud")
    assert _texto(dash_duo, "#inicio-titulo") == "Su sector"
    assert _texto(dash_duo, "#inicio-subtitulo") == "Salud"
    assert _texto(dash_duo, "#inicio-titular").startswith("Requiere su atención:")
    sector = _texto(dash_duo, "#inicio-sector-SAL")
    assert "Avance del sector" in sector and "Rojo" in sector and "Verde" in sector
    dash_duo.find_element('#inicio-sector-SAL a[href="/sectores/SAL?estado=rojo"]')
    assert "del sector Salud" in _texto(dash_duo, "#inicio-alertas")
    assert "esperan su decisión" in _texto(dash_duo, "#inicio-decisiones")
    dash_duo.find_element('#inicio-decisiones a[href="/pendientes"]')
    dash_duo.find_element('.shell-navbar a[href="/alertas?sector=SAL"]')
    dash_duo.find_element('#inicio-enlaces a[href="/"]')
    _sin_errores(dash_duo)


@pytest.mark.usuario(None)
def test_coordinator_lands_on_their_mesa(dash_duo, demo_database_url) -> None:
    """coord.salud: «Su mesa · Salud» with the next session, the overdue acuerdos and what to
    prepare, each linking into the mesa's pages."""
    _aterrizar(dash_duo, demo_database_url, "coord.salud")
    assert _texto(dash_duo, "#inicio-titulo") == "Su mesa"
    assert "Próxima sesión" in _texto(dash_duo, "#inicio-sesion-SAL")
    assert "Acuerdos vencidos" in _texto(dash_duo, "#inicio-vencidos-SAL")
    assert "Qué preparar" in _texto(dash_duo, "#inicio-preparar-SAL")
    dash_duo.find_element('#inicio-vencidos-SAL a[href="/mesas/SAL"]')
    _sin_errores(dash_duo)


@pytest.mark.usuario(None)
def test_upgret_lands_on_its_institution(dash_duo, demo_database_url) -> None:
    """upgret.sesal: «Su institución · SESAL», its reports (the value the DIGER returned among
    them, linking to /reportes) and its acuerdos (linking to /mis-acuerdos); no other
    institution's reports."""
    _aterrizar(dash_duo, demo_database_url, "upgret.sesal")
    assert _texto(dash_duo, "#inicio-titulo") == "Su institución"
    assert _texto(dash_duo, "#inicio-subtitulo") == "SESAL"
    reportes = _texto(dash_duo, "#inicio-reportes")
    assert "Sus reportes · SESAL" in reportes and "devuelto" in reportes
    assert "MI-SEDUC" not in reportes
    dash_duo.find_element('#inicio-reportes a[href="/reportes"]')
    dash_duo.find_element('#inicio-acuerdos a[href="/mis-acuerdos"]')
    _sin_errores(dash_duo)


@pytest.mark.usuario(None)
def test_analyst_lands_on_the_work_queue(dash_duo, demo_database_url) -> None:
    """analista: «Su cola de trabajo» with the values waiting for validation (→ /validacion),
    the atípicos and reporting rates (→ /calidad) and the national high alerts."""
    _aterrizar(dash_duo, demo_database_url, "analista")
    assert _texto(dash_duo, "#inicio-titulo") == "Su cola de trabajo"
    assert "Validaciones en espera" in _texto(dash_duo, "#inicio-validacion")
    dash_duo.find_element('#inicio-validacion a[href="/validacion"]')
    assert "completitud" in _texto(dash_duo, "#inicio-calidad")
    assert "en el país" in _texto(dash_duo, "#inicio-alertas")
    _sin_errores(dash_duo)


@pytest.mark.usuario(None)
def test_presidencia_lands_on_the_presidential_goals(dash_duo, demo_database_url) -> None:
    """presidencia: «El país», the presidential goals per state (tiles linking to the overview
    filtered by state), the national high alerts and its pending decisions."""
    _aterrizar(dash_duo, demo_database_url, "presidencia")
    assert _texto(dash_duo, "#inicio-titulo") == "El país"
    assert "Metas presidenciales" in _texto(dash_duo, "#inicio-presidencial")
    dash_duo.find_element('#inicio-presidencial a[href="/?estado=rojo"]')
    assert "en el país" in _texto(dash_duo, "#inicio-alertas")
    assert _texto(dash_duo, "#inicio-decisiones")
    dash_duo.find_element('.shell-navbar a[href="/alertas"]')
    _sin_errores(dash_duo)


def test_overview_sector_filter_warns_on_an_unknown_sector(dash_duo, demo_database_url) -> None:
    """The national overview takes ``?sector=``: a code that is not in the MCR shows a Spanish
    notice and the national picture, with no error in the browser."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(dash_duo.server_url + "/?sector=NOEXISTE")
    dash_duo.wait_for_contains_text(
        "#resumen-sector-desconocido", "No existe el sector «NOEXISTE»", timeout=30
    )
    assert dash_duo.find_element(".filtro-sector")
    _sin_errores(dash_duo)
