"""Issue #12's mesa details on the demo: the session page's breadcrumbs, closed acuerdos folded
away on the mesa and sector pages, and institution pickers that put the mesa's own first."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import create_app
from dashboard.components import mesas as ui_mesas
from dashboard.data import hoy_honduras
from dashboard.filtros import Filtros
from data_layer.db import make_engine
from data_layer.mesas import registros
from data_layer.mesas.consultas import load_mesas
from data_layer.mesas.models import SesionMesa
from data_layer.mesas.opciones import (
    SEPARADOR_OTRAS,
    VALOR_SEPARADOR,
    opciones_instituciones,
    siglas_propias,
)
from data_layer.models import Institucion
from data_layer.vistas import mesas as vm
from tests.conftest import sesion_de_prueba


@pytest.fixture(scope="module")
def engine(demo_database_url: str):
    """An engine on the demo database."""
    e = make_engine(demo_database_url)
    yield e
    e.dispose()


@pytest.fixture
def app(demo_database_url: str):
    """A fresh app on the demo database."""
    return create_app(demo_database_url)


def test_institution_options_put_the_mesas_own_first_then_a_disabled_separator(engine) -> None:
    """Salud's picker lists «SIGLA — Nombre», its own institutions (SESAL among them) first in
    sigla order, then the disabled «── Otras instituciones ──» line, then every other
    institution; each institution appears exactly once."""
    with Session(engine) as s:
        opciones = opciones_instituciones(s, "SAL")
        propias = siglas_propias(s, "SAL")
        todas = list(s.scalars(select(Institucion.sigla)))
    corte = next(i for i, o in enumerate(opciones) if o["value"] == VALOR_SEPARADOR)
    assert opciones[corte] == {"value": VALOR_SEPARADOR, "label": SEPARADOR_OTRAS, "disabled": True}
    primeras = [o["value"] for o in opciones[:corte]]
    otras = [o["value"] for o in opciones[corte + 1 :]]
    assert "SESAL" in primeras and set(primeras) == set(propias)
    assert primeras == sorted(primeras) and otras == sorted(otras)
    assert sorted(primeras + otras) == sorted(todas)
    sesal = next(o for o in opciones if o["value"] == "SESAL")
    assert sesal["label"].startswith("SESAL — ") and len(sesal["label"]) > len("SESAL — ")


def test_an_empty_choice_comes_before_the_mesas_institutions(engine) -> None:
    """With ``vacia`` (the bottleneck form's «—»), the empty choice is first, then the mesa's
    own institutions."""
    with Session(engine) as s:
        opciones = opciones_instituciones(s, "SAL", vacia="—")
        propias = siglas_propias(s, "SAL")
    assert opciones[0] == {"value": "", "label": "—"}
    assert opciones[1]["value"] in propias


def test_the_session_page_has_breadcrumbs_back_to_its_mesa(app, engine) -> None:
    """A Salud session page's crumbs read Mesas › Salud › Sesión N, Mesas and Salud linking to
    /mesas and /mesas/SAL, N being the session's place by date among the mesa's sessions."""
    from dashboard.pages import mesa_sesion

    with Session(engine) as s:
        sesiones = list(
            s.scalars(
                select(SesionMesa)
                .join(SesionMesa.mesa)
                .order_by(SesionMesa.fecha_hora, SesionMesa.id)
            )
        )
        de_salud = [x for x in sesiones if x.mesa.sector.codigo == "SAL"]
        ultima = de_salud[-1]
        assert registros.numero_sesion(s, ultima) == len(de_salud)
    params = {"sector": "SAL", "sesion_id": str(ultima.id)}
    with sesion_de_prueba(app, f"/mesas/SAL/sesiones/{ultima.id}", rol="analista"):
        salida = mesa_sesion.mostrar(params, 0)
    migas = salida["migas"]
    textos = [
        str(m.children.children if hasattr(m.children, "href") else m.children) for m in migas
    ]
    assert textos == ["Mesas", "Salud", f"Sesión {len(de_salud)}"]
    assert [m.children.href for m in migas[:2]] == ["/mesas", "/mesas/SAL"]


def test_the_mesa_board_folds_closed_acuerdos_away_by_default(app, demo_database_url) -> None:
    """By default the board shows the open acuerdos only, and the fulfilled and cancelled ones
    are listed under a closed «Acuerdos cerrados (N)»; «Todos los estados» shows them all."""
    from dashboard.pages import mesa

    engine = make_engine(demo_database_url)
    with Session(engine) as s:
        frames = load_mesas(s)
    engine.dispose()
    todos = vm.tablero_acuerdos(frames, hoy_honduras(), "SAL")
    cerrados = int(todos["estado"].isin(vm.ESTADOS_CERRADOS).sum())
    assert 0 < cerrados < len(todos)
    params = mesa.layout("SAL").children[0].data
    with sesion_de_prueba(app, "/mesas/SAL", rol="analista"):
        filas, _conteo, plegados = mesa.render_tablero(params, mesa.ABIERTOS)
        filas_todos, _c, nada = mesa.render_tablero(params, "todos")
    assert len(filas) == len(todos) - cerrados
    assert not {f["estado"] for f in filas} & set(vm.ESTADOS_CERRADOS)
    assert plegados.children[0].children == f"Acuerdos cerrados ({cerrados})"
    assert not getattr(plegados, "open", False)
    assert len(plegados.children[1].children) == cerrados
    assert len(filas_todos) == len(todos) and nada is None


def test_the_sector_panel_folds_fulfilled_acuerdos_under_a_summary() -> None:
    """In the sector page's «acciones de la mesa» panel, open acuerdos and bottlenecks stay in
    the list and the fulfilled and cancelled acuerdos go under «Acuerdos cerrados (2)»."""
    fila = {"sector": "SAL", "descripcion": "x", "vinculos": ["MS-SAL-01"]}
    acciones = pd.DataFrame(
        [
            {**fila, "id": 1, "tipo": "acuerdo", "tipo_texto": "Acuerdo", "estado": "pendiente"},
            {**fila, "id": 2, "tipo": "acuerdo", "tipo_texto": "Acuerdo", "estado": "cumplido"},
            {**fila, "id": 3, "tipo": "acuerdo", "tipo_texto": "Acuerdo", "estado": "cancelado"},
            {**fila, "id": 4, "tipo": "cuello", "tipo_texto": "Cuello", "estado": "cumplido"},
        ]
    )
    panel = ui_mesas.panel_acciones(acciones, Filtros(), vacio="", id="p")
    lista, plegado = panel.children
    assert len(lista.children) == 2
    assert plegado.children[0].children == "Acuerdos cerrados (2)"
    assert len(plegado.children[1].children) == 2
