"""Permissions through the pages' callbacks, called as plain functions in a logged-in request
(issue #9): the forged acuerdo link, one permission function behind the page, the callback and
the service, and the institutional evaluation cut to the user's scope.

The write tests run on SQLite and PostgreSQL, each time on a private copy of the demo.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from dashboard import create_app
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.db import get_engine, session_factory
from data_layer.envios import nuevo_token
from data_layer.mesas import registros, servicio
from data_layer.mesas.models import Acuerdo, Mesa, MiembroMesa
from data_layer.models import Indicador, Meta, Rol, Sector
from data_layer.periods import hoy_honduras
from tests.conftest import sesion_de_prueba

#: The session the tests write minutes for: held 20 days ago (dates move with today).
DIA = hoy_honduras() - dt.timedelta(days=20)


@pytest.fixture
def app(private_demo_url: str):
    """A fresh app on the test's private demo database."""
    return create_app(private_demo_url)


def _borrador(url: str) -> int:
    """A Salud session held 20 days ago with draft minutes (written by the system actor); its id."""
    with session_factory(get_engine(url))() as s, s.begin():
        sistema = permisos.actor_sistema("prueba")
        sesion = servicio.convocar_sesion(
            s,
            "SAL",
            nivel="tecnico",
            fecha_hora=dt.datetime.combine(DIA, dt.time(9)),
            lugar="SESAL",
            convocatoria_enviada_en=DIA - dt.timedelta(days=8),
            agenda=["Avance de metas"],
            actor=sistema,
        )
        miembro = s.scalar(
            select(MiembroMesa.id)
            .join(Mesa, Mesa.id == MiembroMesa.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == "SAL", MiembroMesa.baja_en.is_(None))
            .order_by(MiembroMesa.id)
        )
        servicio.registrar_ayuda_memoria(
            s, sesion.id, elaborada_en=DIA, desarrollo="Avance.", presentes=[miembro], actor=sistema
        )
        return sesion.id


def _de_otro_sector(url: str) -> tuple[str, str]:
    """A goal and an indicator of the Education sector (codes)."""
    with session_factory(get_engine(url))() as s:
        meta = s.scalar(
            select(Meta)
            .join(Sector, Sector.id == Meta.sector_id)
            .where(Sector.codigo == "EDU", Meta.indicadores.any())
            .order_by(Meta.codigo)
        )
        assert meta is not None
        indicador = s.scalar(
            select(Indicador.codigo).where(Indicador.meta_id == meta.id).order_by(Indicador.codigo)
        )
        return meta.codigo, str(indicador)


def _agregar_acuerdo(app, sesion: int, metas: list[str], indicadores: list[str]) -> tuple[Any, int]:
    """The Salud coordinator's «Agregar acuerdo» write, with the given links (as a forged
    request may send them): the alert and 1 if it wrote, else 0."""
    from dashboard.components import formularios as fm
    from dashboard.components import sesion_acuerdos
    from dashboard.components.sesion_escritura import Envio

    params = {"sector": "SAL", "sesion_id": str(sesion)}
    valores = {
        "acuerdo-texto": "Revisar la programación",
        "acuerdo-institucion": "SESAL",
        "acuerdo-persona": "Ana Núñez",
        "acuerdo-limite": (DIA + dt.timedelta(days=30)).isoformat(),
        "acuerdo-metas": metas,
        "acuerdo-indicadores": indicadores,
    }
    with sesion_de_prueba(
        app, f"/mesas/SAL/sesiones/{sesion}", rol="coordinador_mesa", sectores=["SAL"]
    ):
        respuesta = fm.escribir(
            sesion_acuerdos.agregar_acuerdo(Envio(params, valores, {})),
            token=nuevo_token(),
            formulario="acuerdo",
        )
    return respuesta.alerta, int(respuesta.estado == "guardado")


@pytest.mark.parametrize("campo", ["metas", "indicadores"])
def test_forged_callback_cannot_link_another_sectors_goal(app, private_demo_url, campo) -> None:
    """A forged «Agregar acuerdo» request from the Salud coordinator naming an Education goal (or
    indicator) is refused with the same message as a code that does not exist, and nothing is
    written; the form's own codes are accepted."""
    sesion = _borrador(private_demo_url)
    meta, indicador = _de_otro_sector(private_demo_url)
    ajeno = meta if campo == "metas" else indicador
    mensajes = []
    for codigo in (ajeno, "NO-EXISTE-01"):
        pedido = {"metas": [], "indicadores": [], campo: [codigo]}
        alerta, version = _agregar_acuerdo(app, sesion, pedido["metas"], pedido["indicadores"])
        assert version == 0, alerta.children
        mensajes.append(str(alerta.children).replace(codigo, "<código>"))
    assert mensajes[0] == mensajes[1]
    assert "no existen o no son del sector Salud" in mensajes[0]
    with session_factory(get_engine(private_demo_url))() as s:
        assert s.scalar(select(Acuerdo).where(Acuerdo.sesion_id == sesion)) is None
        _siglas, metas_sal, indicadores_sal = registros.codigos_para_acuerdo(s, "SAL")
    propio = metas_sal[0] if campo == "metas" else indicadores_sal[0]
    pedido = {"metas": [], "indicadores": [], campo: [propio]}
    alerta, version = _agregar_acuerdo(app, sesion, pedido["metas"], pedido["indicadores"])
    assert version == 1 and "Acuerdo registrado" in str(alerta.children)


@pytest.mark.parametrize(
    "alcance",
    [
        Alcance(usuario="prueba", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"})),
        Alcance(usuario="prueba", rol=Rol.coordinador_mesa, sectores=frozenset({"AGRO"})),
        Alcance(usuario="prueba", rol=Rol.ministro, sectores=frozenset({"SAL"})),
        Alcance(usuario="prueba", rol=Rol.upgret, instituciones=frozenset({"SESAL"})),
    ],
    ids=["coordinador_SAL", "coordinador_AGRO", "ministro", "upgret"],
)
def test_page_callback_and_service_ask_the_same_permission_function(
    app, private_demo_url, monkeypatch, alcance
) -> None:
    """Whether the convocatoria form of the Salud mesa shows (page), whether its «Convocar»
    callback writes (even forged), and whether the service called directly with that actor (as
    the CLI calls it) writes: all three answers come from ``permisos.puede_escribir_mesa`` with
    the same user and mesa, and agree."""
    from dashboard.pages import mesa_convocar

    llamadas: list[tuple[Alcance | None, str, bool]] = []
    real = permisos.puede_escribir_mesa

    def registrada(a: Alcance | None, sector: str) -> bool:
        respuesta = real(a, sector)
        llamadas.append((a, sector, respuesta))
        return respuesta

    monkeypatch.setattr(permisos, "puede_escribir_mesa", registrada)
    puede = real(alcance, "SAL")
    enviada, dia = DIA - dt.timedelta(days=9), DIA
    rol = alcance.rol.value
    contexto = {"rol": rol, "sectores": alcance.sectores, "instituciones": alcance.instituciones}

    with sesion_de_prueba(app, "/mesas/SAL/convocar", **contexto):
        _nombre, _aviso, oculto = mesa_convocar.mostrar({"sector": "SAL"})
    pagina = llamadas[-1]
    with sesion_de_prueba(app, "/mesas/SAL/convocar", **contexto):
        respuesta = mesa_convocar.convocar(
            1, {"sector": "SAL"}, "tecnico", enviada.isoformat(), dia.isoformat(), "09:00",
            "SESAL", "Avance de metas", None, nuevo_token(),
        )  # fmt: skip
    callback = llamadas[-1]
    with session_factory(get_engine(private_demo_url), escritura=True)() as s, s.begin():
        try:
            servicio.convocar_sesion(
                s, "SAL", nivel="tecnico", fecha_hora=dt.datetime.combine(dia, dt.time(9)),
                lugar="SESAL", convocatoria_enviada_en=enviada, agenda=["Avance"], actor=alcance,
            )  # fmt: skip
            directo = True
        except servicio.ErrorMesa as error:
            assert str(error) == permisos.SIN_PERMISO_MESA
            directo = False
    cli = llamadas[-1]

    assert [(c[1], c[2]) for c in (pagina, callback, cli)] == [("SAL", puede)] * 3
    assert {(c[0].usuario, c[0].rol) for c in (pagina, callback, cli)} == {("prueba", alcance.rol)}
    assert oculto is (not puede)
    assert ("Sesión convocada" in str(respuesta)) is puede
    assert (permisos.SIN_PERMISO_MESA in str(respuesta)) is (not puede)
    assert directo is puede


@pytest.fixture
def app_demo(demo_database_url: str):
    """A fresh app on the shared demo database (read only)."""
    return create_app(demo_database_url)


def _evaluacion(app, sigla: str, **usuario: Any) -> str:
    from dashboard.pages import institucion

    with sesion_de_prueba(app, f"/instituciones/{sigla}", **usuario):
        tabla, _figura = institucion.render_evaluacion({"codigo": sigla})
    return str(tabla)


def test_evaluation_shows_only_institutions_in_scope(app_demo) -> None:
    """The health coordinator sees the yearly evaluation of SESAL (all its goals in Salud) but
    not that of SEDUC (Education), which an analyst does see."""
    vacia = "aún no tiene años evaluados"
    salud = {"rol": "coordinador_mesa", "sectores": ["SAL"]}
    assert vacia not in _evaluacion(app_demo, "SEDUC", rol="analista")
    assert vacia not in _evaluacion(app_demo, "SESAL", **salud)
    assert vacia in _evaluacion(app_demo, "SEDUC", **salud)
