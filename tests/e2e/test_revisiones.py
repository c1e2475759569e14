"""«Proponer revisión de meta» in a real browser on a private copy of the demo: the Salud mesa's
technical coordinator opens an indicator, finds the open period prefilled with the projection's
suggested value, writes the justification and sends; the history shows the proposal with the
projection it used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard import create_app
from data_layer.db import make_engine
from data_layer.engine.proyeccion_metas import ProyeccionMeta, proyectar_meta
from data_layer.models import Avance, EstadoVersion, Indicador
from data_layer.periods import hoy_honduras
from data_layer.revisiones.models import PropuestaMeta

pytestmark = pytest.mark.e2e

CODIGO = "MS-SAL-04-I2"


@pytest.fixture
def copia(demo_database_url: str, tmp_path: Path) -> str:
    """A private copy of the demo (this test writes a proposal)."""
    destino = tmp_path / "revisiones.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    return f"sqlite:///{destino}"


def _sugerida(url: str) -> tuple[str, float]:
    """The open quarter of 2026 and the projection's suggested value for it, from the
    indicator's validated values (as the page computes it)."""
    engine = make_engine(url)
    with Session(engine) as s:
        puntos = s.execute(
            select(Avance.periodo, Avance.valor)
            .join(Indicador)
            .where(Indicador.codigo == CODIGO, Avance.estado == EstadoVersion.validado)
        ).all()
    engine.dispose()
    p = proyectar_meta([(a, float(b)) for a, b in puntos], "2026-T4")
    assert isinstance(p, ProyeccionMeta)
    return "2026-T4", p.sugerido("2026-T4") or 0.0


@pytest.mark.usuario("coord.salud")
def test_coordinator_proposes_with_the_projection_prefilled(dash_duo, copia) -> None:
    """The open period's field holds the suggested value (not the current target); sending with
    a justification records the proposal, with the projection's method, and lists it first."""
    if hoy_honduras().year != 2026:
        pytest.skip("El demo programa metas hasta 2026-T4: después no hay periodos abiertos.")
    periodo, sugerida = _sugerida(copia)
    dash_duo.start_server(create_app(copia), navigate=False)
    dash_duo.driver.get(f"{dash_duo.server.url.rstrip('/')}/indicadores/{CODIGO}")
    campo = dash_duo.wait_for_element(".campo-meta-propuesta", timeout=30)
    assert float(campo.get_attribute("value")) == pytest.approx(sugerida, abs=0.05)
    dash_duo.find_element("#revision-justificacion").send_keys(
        "El abastecimiento de medicamentos no alcanza la meta de despacho de fin de año."
    )
    boton = dash_duo.find_element("#revision-proponer")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", boton)
    dash_duo.wait_for_element_by_css_selector("#revision-proponer:not([disabled])")
    # The page's loading overlay may still cover the form for a moment: click the button itself.
    dash_duo.driver.execute_script("arguments[0].click()", boton)
    dash_duo.wait_for_contains_text("#revision-proponer-resultado", "enviada", timeout=20)
    dash_duo.wait_for_contains_text("#revision-lista", "Enviada, sin opinión", timeout=20)
    primera = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".tarjeta-revision")[0]
    assert "Proyección usada" in primera.text and periodo in primera.text
    engine = make_engine(copia)
    with Session(engine) as s:
        p = s.scalars(
            select(PropuestaMeta)
            .options(selectinload(PropuestaMeta.periodos))
            .order_by(PropuestaMeta.id.desc())
        ).first()
        assert p.propuesta_por == "coord.salud" and p.metodo_proyeccion
        assert [f.periodo for f in p.periodos] == [periodo]
        assert p.periodos[0].meta_propuesta == pytest.approx(sugerida, abs=0.05)
    engine.dispose()
