"""The weekly digest of high alerts (DOMAIN.md §10) on the demo: each minister gets the high
alerts of their own sectors only, presidencia the national ones; once per ISO week."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from sqlalchemy import select

from data_layer.avisos import programados
from data_layer.avisos.models import Aviso
from data_layer.db import make_engine, session_factory
from data_layer.engine.alerts import con_mensajes
from data_layer.engine.frames import Reglas
from data_layer.models import Usuario
from data_layer.periods import hoy_honduras
from data_layer.vistas.inicio import alertas_altas


@pytest.fixture
def demo(demo_database_url, tmp_path):
    """A private copy of the demo database (the digest writes notices)."""
    origen = demo_database_url.removeprefix("sqlite:///")
    destino = tmp_path / "demo.db"
    shutil.copyfile(origen, destino)
    engine = make_engine(f"sqlite:///{destino}")
    yield engine
    engine.dispose()


def _resumenes(engine) -> dict[str, list[Aviso]]:
    por: dict[str, list[Aviso]] = {}
    with session_factory(engine)() as s:
        for usuario, aviso in s.execute(
            select(Usuario.usuario, Aviso)
            .join(Usuario, Usuario.id == Aviso.usuario_id)
            .where(Aviso.tipo == "resumen_alertas")
            .order_by(Aviso.id)
        ):
            por.setdefault(usuario, []).append(aviso)
    return por


def _lineas(aviso: Aviso) -> set[str]:
    return {linea[2:] for linea in aviso.texto.splitlines() if linea.startswith("• ")}


def test_each_digest_holds_only_its_readers_scope_once_a_week(demo) -> None:
    """ministro.salud's digest counts and lists only Salud's high alerts; presidencia's counts
    every high alert, some of them outside Salud; a second run in the same week writes nothing,
    the next week writes one more each; no other role gets a digest."""
    hoy = hoy_honduras()
    reglas = Reglas()
    with session_factory(demo)() as s:
        calculadas = programados._alertas(s, hoy, reglas)
    assert calculadas is not None
    tabla, m = calculadas
    salud = alertas_altas(tabla, m, {"SAL"})
    todas = alertas_altas(tabla, m, None)
    assert 0 < len(salud) < len(todas)
    with session_factory(demo)() as s, s.begin():
        programados.revisar_resumen(s, hoy, reglas, programados.Revision())
    resumenes = _resumenes(demo)
    assert set(resumenes) == {"ministro.salud", "presidencia"}
    (ministro,), (presidencia,) = resumenes["ministro.salud"], resumenes["presidencia"]
    assert f" {len(salud)} alerta" in ministro.asunto and "en su ámbito" in ministro.asunto
    assert f" {len(todas)} alerta" in presidencia.asunto and "en el país" in presidencia.asunto
    mensajes_salud = {
        f"{programados.nombre_tipo(t)}: {msg}"
        for t, msg in zip(salud["tipo"], con_mensajes(salud)["mensaje"], strict=True)
    }
    assert _lineas(ministro) and _lineas(ministro) <= mensajes_salud
    assert _lineas(presidencia) - mensajes_salud
    assert ministro.enlace == "/alertas?sector=SAL&severidad=alta"
    with session_factory(demo)() as s, s.begin():
        otra = programados.revisar_programados(s, hoy, reglas=reglas)
        assert otra.avisos["resumen_alertas"] == 0
    siguiente = hoy + dt.timedelta(days=7)
    with session_factory(demo)() as s, s.begin():
        programados.revisar_resumen(s, siguiente, reglas, programados.Revision())
    assert {u: len(a) for u, a in _resumenes(demo).items()} == {
        "ministro.salud": 2,
        "presidencia": 2,
    }
