"""Issue #12's mesa details in a real browser, as the Salud coordinator: the session page's
breadcrumbs back to the mesa, and the acuerdo form's institution picker (the mesa's own
institutions first, «SIGLA — Nombre», a disabled separator before the others)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import create_app
from data_layer.db import make_engine
from data_layer.mesas import registros
from data_layer.mesas.models import SesionMesa
from data_layer.mesas.opciones import SEPARADOR_OTRAS, siglas_propias
from tests.e2e.test_filtros import esperar
from tests.e2e.test_mesas import sin_severos

pytestmark = pytest.mark.e2e


@pytest.mark.usuario("coord.salud")
def test_session_page_breadcrumbs_and_institution_picker(dash_duo, demo_database_url) -> None:
    """On a Salud session page the crumbs read «Mesas › Salud › Sesión N» and «Salud» goes back
    to /mesas/SAL; the new-acuerdo picker shows «SESAL — …», the mesa's institutions before a
    disabled «── Otras instituciones ──» line; no error is logged."""
    engine = make_engine(demo_database_url)
    with Session(engine) as s:
        sesion = s.scalars(
            select(SesionMesa)
            .join(SesionMesa.mesa)
            .order_by(SesionMesa.fecha_hora.desc(), SesionMesa.id.desc())
        ).all()
        sesion = next(x for x in sesion if x.mesa.sector.codigo == "SAL")
        numero = registros.numero_sesion(s, sesion)
        propias = siglas_propias(s, "SAL")
        ident = sesion.id
    engine.dispose()

    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.driver.get(f"{dash_duo.server_url}/mesas/SAL/sesiones/{ident}")
    dash_duo.wait_for_contains_text("#mesa-sesion-migas", f"Sesión {numero}", timeout=20)
    migas = [e.text for e in dash_duo.find_elements("#mesa-sesion-migas li")]
    assert migas == ["Mesas", "Salud", f"Sesión {numero}"]

    opciones = dash_duo.find_elements("#mesa-sesion-acuerdo-institucion option")
    esperar(
        dash_duo,
        lambda: len(dash_duo.find_elements("#mesa-sesion-acuerdo-institucion option")) > 10,
        "el selector de institución no se llena",
        20,
    )
    opciones = dash_duo.find_elements("#mesa-sesion-acuerdo-institucion option")
    textos = [o.get_attribute("textContent") for o in opciones]
    valores = [o.get_attribute("value") for o in opciones]
    corte = textos.index(SEPARADOR_OTRAS)
    assert opciones[corte].get_attribute("disabled") is not None
    antes = {v for v in valores[:corte] if v}
    assert antes == set(propias) and "SESAL" in antes
    assert any(t.startswith("SESAL — ") for t in textos)
    assert not set(valores[corte + 1 :]) & set(propias)

    dash_duo.find_element("#mesa-sesion-miga-mesa").click()
    esperar(dash_duo, lambda: dash_duo.driver.current_url.endswith("/mesas/SAL"), "vuelve")
    dash_duo.wait_for_text_to_equal("#mesa-titulo", "Mesa de Salud", timeout=15)
    sin_severos(dash_duo)
