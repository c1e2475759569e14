"""The page of a mesa's own people (``/mesas/<sector>/integrantes``) through the real Flask/Dash
stack: forged callbacks carrying another mesa's member, support person or group are refused with
nothing written; a member's withdrawal is kept and listed apart; the demo shows the Salud mesa
set up in full.

Each test runs on SQLite and on PostgreSQL, on a database holding exactly the demo.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from dashboard import create_app
from data_layer.db import get_engine, session_factory
from data_layer.mesas.models import (
    EquipoApoyo,
    GrupoTrabajo,
    InformeGrupo,
    Mesa,
    MiembroMesa,
    SesionMesa,
)
from data_layer.models import Auditoria, Sector
from data_layer.periods import hoy_honduras
from data_layer.vistas.integrantes import integrantes_mesa
from tests.conftest import cliente_demo
from tests.integration.web.test_formularios import callback

P = "mesa-integrantes"


@pytest.fixture
def app(private_demo_url: str):
    """A fresh app on the test's private demo database."""
    return create_app(private_demo_url)


def _de(url: str, modelo: Any, sector: str, **filtros: Any) -> Any:
    """The first row (by id) of ``modelo`` in the mesa of ``sector`` matching ``filtros``."""
    with session_factory(get_engine(url))() as s:
        consulta = (
            select(modelo)
            .join(Mesa, Mesa.id == modelo.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == sector)
            .where(*(getattr(modelo, k) == v for k, v in filtros.items()))
            .order_by(modelo.id)
        )
        return s.scalars(consulta).first()


def _auditados(url: str) -> int:
    with session_factory(get_engine(url))() as s:
        return s.scalar(select(func.count()).select_from(Auditoria)) or 0


def test_forged_callbacks_with_another_mesas_records_are_refused(app, private_demo_url) -> None:
    """coord.salud sends each write of the Salud page with an Agro member, support person or
    group id (and once claiming the Agro page itself): every one is refused in Spanish saying
    nothing was saved, and the database, audit trail included, is unchanged."""
    url = private_demo_url
    miembro = _de(url, MiembroMesa, "AGRO", activo=True)
    apoyo = _de(url, EquipoApoyo, "AGRO", activo=True)
    grupo = _de(url, GrupoTrabajo, "AGRO", activo=True)
    sesion = _de(url, SesionMesa, "AGRO", estado="convocada")
    assert miembro is not None and apoyo is not None and grupo is not None and sesion is not None
    hoy = hoy_honduras().isoformat()
    envios: list[tuple[str, dict[str, Any]]] = [
        ("contacto", {"miembro": str(miembro.id), "correo": "intruso@salud.gob.hn"}),
        ("baja", {"miembro": str(miembro.id), "fecha": hoy, "motivo": "Forjado"}),
        ("retiro", {"apoyo": str(apoyo.id), "fecha": hoy}),
        ("gmiembros", {"grupo": str(grupo.id), "lista": [], "fecha": hoy}),
        ("cierre", {"grupo": str(grupo.id), "fecha": hoy}),
        ("informe", {"grupo": str(grupo.id), "sesion": str(sesion.id), "nota": "Forjado"}),
    ]
    c = cliente_demo(app, "coord.salud")
    antes = _auditados(url)
    for sector in ("SAL", "AGRO"):
        for formulario, campos in envios:
            valores = {f"{P}-params": {"sector": sector}, f"{P}-{formulario}-enviar": 1}
            valores |= {f"{P}-{formulario}-{k}": v for k, v in campos.items()}
            estado, texto = callback(app, c, f"{P}-{formulario}-enviar", valores)
            assert estado == 200, (formulario, sector)
            assert "No se guardó nada" in texto, (formulario, sector, texto)
            assert "quedó" not in texto and "Se actualizó" not in texto
    assert _auditados(url) == antes
    assert _de(url, MiembroMesa, "AGRO", id=miembro.id).activo
    assert _de(url, MiembroMesa, "AGRO", id=miembro.id).correo != "intruso@salud.gob.hn"
    assert _de(url, EquipoApoyo, "AGRO", id=apoyo.id).activo
    assert _de(url, GrupoTrabajo, "AGRO", id=grupo.id).activo


def test_a_withdrawal_is_kept_and_a_refusal_keeps_what_was_typed(app, private_demo_url) -> None:
    """Without a reason the withdrawal is refused and the form keeps the member and date typed;
    with it the member is withdrawn (audited), and the page lists them apart with date and
    reason instead of among the active members."""
    url = private_demo_url
    miembro = _de(url, MiembroMesa, "SAL", activo=True, nivel="politico")
    c = cliente_demo(app, "coord.salud")
    hoy = hoy_honduras()
    valores = {
        f"{P}-params": {"sector": "SAL"},
        f"{P}-baja-enviar": 1,
        f"{P}-baja-miembro": str(miembro.id),
        f"{P}-baja-fecha": hoy.isoformat(),
    }
    _, texto = callback(app, c, f"{P}-baja-enviar", valores)
    respuesta = json.loads(texto)["response"]
    assert "motivo de la baja" in texto and "No se guardó nada" in texto
    assert f"{P}-baja-miembro" not in respuesta  # what was typed stays (no_update)
    _, texto = callback(app, c, f"{P}-baja-enviar", {**valores, f"{P}-baja-motivo": "Renuncia"})
    assert "quedó dado(a) de baja" in texto
    assert json.loads(texto)["response"][f"{P}-baja-miembro"]["value"] is None  # form reset

    _, texto = callback(app, c, f"{P}-params", {f"{P}-params": {"sector": "SAL"}})
    respuesta = json.loads(texto)["response"]
    miembros = json.dumps(respuesta[f"{P}-miembros"]["children"], ensure_ascii=False)
    activos, _, retirados = miembros.partition("Dados de baja")
    assert miembro.nombre in retirados and "Renuncia" in retirados
    assert hoy.strftime("%d/%m/%Y") in retirados
    assert miembro.nombre not in activos
    opciones = respuesta[f"{P}-baja-miembro"]["options"]
    assert str(miembro.id) not in {o["value"] for o in opciones}


def test_the_demo_sets_the_salud_mesa_up_in_full(private_demo_url) -> None:
    """The demo's Salud mesa has a support person linked to upgret.sesal, one who left the team
    with a date, a closed group, and an open group whose report is on a session's agenda."""
    with session_factory(get_engine(private_demo_url))() as s:
        vista = integrantes_mesa(s, "SAL")
        informes = s.scalar(select(func.count()).select_from(InformeGrupo))
    assert vista is not None
    assert "upgret.sesal" in {a.usuario for a in vista.apoyo}
    assert [a.baja for a in vista.apoyo_retirado] == ["30/09/2025"]
    cerrados = [g for g in vista.grupos if not g.activo]
    assert [g.cerrado for g in cerrados] == ["13/12/2024"]
    con_informe = [g for g in vista.grupos if g.informes]
    assert len(con_informe) == 1 and con_informe[0].activo
    assert informes == 1
