"""``/mesas/<sector>?acuerdo=<id>`` on the demo: the mesa page's callbacks as plain functions, and
the links that lead there (the ``acuerdo_vencido`` alerts and the "acciones de la mesa" panels).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
from dash import no_update
from sqlalchemy.orm import Session

from dashboard import create_app
from dashboard.components import mesas as ui_mesas
from dashboard.data import hoy_honduras
from dashboard.filtros import Filtros
from data_layer.db import make_engine
from data_layer.mesas.alertas import alerta_acuerdo_vencido
from data_layer.mesas.consultas import load_mesas
from data_layer.mesas.frames import FramesMesas
from data_layer.vistas import mesas as vm
from tests.conftest import sesion_de_prueba


@pytest.fixture(scope="module")
def frames(demo_database_url: str) -> FramesMesas:
    """The demo's mesa frames, to pick acuerdos from."""
    engine = make_engine(demo_database_url)
    with Session(engine) as session:
        cargadas = load_mesas(session)
    engine.dispose()
    return cargadas


@pytest.fixture
def app(demo_database_url: str):
    """A fresh app on the demo database."""
    return create_app(demo_database_url)


def _pagina(app, url: str, rol: str = "analista", sectores: tuple[str, ...] = ()):
    """The mesa page module, its params store for ``url`` (built by its own layout), and the
    request context a logged-in ``rol`` user makes (to be entered by the caller)."""
    from dashboard.pages import mesa

    partes = urlsplit(url)
    sector = partes.path.rsplit("/", 1)[-1]
    params = mesa.layout(sector, **dict(parse_qsl(partes.query))).children[0].data
    return mesa, params, sesion_de_prueba(app, url, rol=rol, sectores=sectores)


def _acuerdo_de(frames: FramesMesas, sector: str, posicion: int = -1) -> int:
    """An acuerdo on ``sector``'s board today (the last one: the farthest down the board)."""
    return int(vm.tablero_acuerdos(frames, hoy_honduras(), sector)["id"].iloc[posicion])


def test_un_acuerdo_de_la_mesa_se_resalta_con_los_filtros_limpios(app, frames) -> None:
    """SAL's own acuerdo: named above the board, its id to the scroll, every status shown, no
    column filter, and exactly its row marked on the board."""
    ident = _acuerdo_de(frames, "SAL")
    mesa, params, contexto = _pagina(app, f"/mesas/SAL?acuerdo={ident}")
    with contexto:
        aviso, texto, resaltado, estado, modelo = mesa.render_acuerdo_pedido(params)
        filas, _conteo = mesa.render_acuerdos(params, "todos")
    assert aviso is None
    assert f"Acuerdo N.º {ident} resaltado en el tablero" in str(texto)
    assert (resaltado, estado, modelo) == (ident, "todos", {})
    assert [f["id"] for f in filas if f["resaltado"]] == [ident]


@pytest.mark.parametrize("pedido", ["ajeno", "12abc", "999999"])
def test_un_id_ajeno_o_desconocido_se_ignora_con_un_aviso(app, frames, pedido) -> None:
    """Another mesa's acuerdo, text or an unknown id: a Spanish notice naming what was asked,
    nothing highlighted, the board's filters left alone."""
    if pedido == "ajeno":
        pedido = str(_acuerdo_de(frames, "AGRO"))
    mesa, params, contexto = _pagina(app, f"/mesas/SAL?acuerdo={pedido}")
    with contexto:
        aviso, texto, resaltado, estado, modelo = mesa.render_acuerdo_pedido(params)
        filas, _conteo = mesa.render_acuerdos(params, "todos")
    assert aviso.children == (
        f"El enlace pide el acuerdo «{pedido}», que no está entre los acuerdos de esta mesa: "
        "se muestra el tablero completo."
    )
    assert (texto, resaltado, estado, modelo) == (None, None, no_update, no_update)
    assert filas and not any(f["resaltado"] for f in filas)


def test_sin_acuerdo_en_el_enlace_no_hay_aviso(app) -> None:
    """The plain mesa URL shows no notice and scrolls nowhere."""
    mesa, params, contexto = _pagina(app, "/mesas/SAL")
    with contexto:
        assert mesa.render_acuerdo_pedido(params) == (None, None, None, no_update, no_update)


def test_quien_no_ve_la_mesa_en_detalle_no_sabe_si_el_acuerdo_existe(app, frames) -> None:
    """The coordinator of another mesa sees SAL only in summary: a real SAL acuerdo in the link
    gives neither the highlight nor a notice."""
    ident = _acuerdo_de(frames, "SAL")
    mesa, params, contexto = _pagina(
        app, f"/mesas/SAL?acuerdo={ident}", rol="coordinador_mesa", sectores=("AGRO",)
    )
    with contexto:
        assert mesa.render_acuerdo_pedido(params) == (None, None, None, no_update, no_update)


def test_el_enlace_de_acuerdo_vencido_abre_su_acuerdo_resaltado(app, frames) -> None:
    """Each acuerdo_vencido alert links to ``/mesas/<sector>?acuerdo=<id>``; the alert centre
    keeps that link (adding its filters after it), and the mesa page it opens highlights that
    very acuerdo."""
    from dashboard.pages import alertas as pagina_alertas

    vencidos = alerta_acuerdo_vencido(frames, hoy_honduras())
    assert not vencidos.empty
    sectores = frames.acuerdos.set_index("id")["sector"]
    for fila in vencidos.to_dict("records"):
        sector = sectores[int(fila["entidad"])]
        assert fila["enlace"] == f"/mesas/{sector}?acuerdo={fila['entidad']}"
    primera = vencidos.iloc[[0]]
    ident = int(primera["entidad"].iloc[0])
    enlace = primera["enlace"].iloc[0]
    assert pagina_alertas.filas_alertas(primera, Filtros())[0]["entidad_href"] == enlace
    con_filtro = pagina_alertas.filas_alertas(primera, Filtros(periodo="2026-T2"))
    assert con_filtro[0]["entidad_href"] == f"{enlace}&periodo=2026-T2"

    for url in (enlace, con_filtro[0]["entidad_href"]):
        mesa, params, contexto = _pagina(app, url)
        with contexto:
            _aviso, _texto, resaltado, *_ = mesa.render_acuerdo_pedido(params)
        assert resaltado == ident, url


def test_el_panel_de_acciones_enlaza_el_acuerdo_en_su_mesa() -> None:
    """In the "acciones de la mesa" panel an acuerdo links to its row of its mesa's board and a
    bottleneck to the mesa, both keeping the page's filters."""
    acciones = pd.DataFrame(
        {
            "tipo": ["acuerdo", "cuello_botella"],
            "tipo_texto": ["Acuerdo", "Cuello de botella"],
            "id": [12, 7],
            "sector": ["SAL", "SAL"],
            "descripcion": ["Enviar el informe", "Falta presupuesto"],
            "estado": ["pendiente", "abierto"],
            "abierta": [True, True],
            "vinculos": [["MS-SAL-01"], ["MS-SAL-01"]],
        }
    )
    panel = ui_mesas.panel_acciones(
        acciones, Filtros(periodo="2026-T2"), vacio="", id="prueba-acciones"
    )
    lista = panel.children[0]  # the open actions' list (closed acuerdos fold after it)
    enlaces = [item.children[0].children[2].children[1].href for item in lista.children]
    assert enlaces == ["/mesas/SAL?periodo=2026-T2&acuerdo=12", "/mesas/SAL?periodo=2026-T2"]
    assert ui_mesas.href_acuerdo("SAL", 12) == "/mesas/SAL?acuerdo=12"
