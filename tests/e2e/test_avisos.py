"""The bell and /avisos in a real browser (a private copy of the demo, where DIGER returned three
of SESAL's values): upgret.sesal sees the bell with the number of unread notices, opens /avisos
from it, marks one read and the number goes down; each notice links to what it is about."""

from __future__ import annotations

import shutil

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy import func, select

from dashboard import create_app
from data_layer.avisos.models import Aviso
from data_layer.db import make_engine, session_factory
from data_layer.models import Usuario

pytestmark = pytest.mark.e2e


@pytest.fixture
def copia(demo_database_url: str, tmp_path) -> str:
    """A private copy of the demo (this test marks a notice read)."""
    destino = tmp_path / "avisos.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    return f"sqlite:///{destino}"


def _no_leidos(url: str, usuario: str) -> int:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        n = s.scalar(
            select(func.count())
            .select_from(Aviso)
            .join(Usuario, Usuario.id == Aviso.usuario_id)
            .where(Usuario.usuario == usuario, Aviso.leido_en.is_(None))
        )
    engine.dispose()
    return int(n or 0)


def _esperar_campana(dash_duo, n: int) -> None:
    """Wait until the bell's badge reads ``n`` (its number; «sin leer» is for screen readers)."""
    dash_duo.wait_for_element("#shell-avisos-badge", timeout=20)
    WebDriverWait(dash_duo.driver, 20).until(
        lambda d: d.find_element(By.ID, "shell-avisos-badge").text.split()[:1] == [str(n)]
    )


@pytest.mark.usuario("upgret.sesal")
def test_upgret_sees_the_bell_opens_its_notices_and_marks_one_read(dash_duo, copia) -> None:
    """The bell shows the unread count of the database; clicking it opens /avisos with one
    item per notice linking to «Mis reportes» of SESAL; «Marcar como leído» lowers the bell by
    one and the notice shows as read; the browser logs no SEVERE error."""
    n = _no_leidos(copia, "upgret.sesal")
    assert n >= 2
    dash_duo.start_server(create_app(copia))
    _esperar_campana(dash_duo, n)
    dash_duo.find_element("#shell-avisos").click()
    dash_duo.wait_for_element("#avisos-grupo .avisos-no-leido", timeout=20)
    assert dash_duo.driver.current_url.endswith("/avisos")
    items = dash_duo.find_elements("#avisos-grupo .avisos-item")
    assert len(items) == n
    enlaces = {a.get_attribute("href") for a in dash_duo.find_elements(".avisos-asunto")}
    assert {e.split("/", 3)[3] for e in enlaces} == {"reportes?institucion=SESAL"}
    boton = dash_duo.find_element("#avisos-grupo .avisos-no-leido button")
    assert boton.text == "Marcar como leído"
    boton.click()
    _esperar_campana(dash_duo, n - 1)
    dash_duo.wait_for_element("#avisos-grupo .avisos-leido", timeout=20)
    assert len(dash_duo.find_elements("#avisos-grupo .avisos-no-leido")) == n - 1
    assert _no_leidos(copia, "upgret.sesal") == n - 1
    assert not [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"]
