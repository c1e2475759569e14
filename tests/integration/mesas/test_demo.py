"""The demo mesas: they load through the service on SQLite and PostgreSQL, fire every mesa alert,
are deterministic and load only once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from data_layer.db import session_factory, session_scope
from data_layer.demo import DEMO_DIR
from data_layer.engine import run
from data_layer.importer import import_mcr
from data_layer.mesas.alertas import SEVERIDADES_MESAS, alertas_mesas
from data_layer.mesas.consultas import load_mesas
from data_layer.mesas.demo import cargar_demo_mesas
from data_layer.mesas.estados import acuerdos_al_corte
from data_layer.models import Auditoria
from data_layer.queries import load_mcr

CORTE = dt.date(2026, 11, 23)

#: What the fixed seed writes on the demo MCR, whatever the database.
CONTEOS = {
    "mesas": 22,
    "miembros": 278,
    # Includes the Salud session of the institutions' demo (data_layer.mesas.demo_instituciones):
    # one session, its distributed minutes and three SESAL acuerdos.
    "sesiones": 350,
    "ayudas_memoria": 332,
    "acuerdos": 548,
    "estrategias": 76,
    "productos": 154,
}


def test_demo_loads_once_and_fires_every_mesa_alert(engine) -> None:
    """On the demo MCR the loader writes the same mesas on both databases, a second call writes
    nothing, acuerdos are in every state, and every mesa alert fires at 23/11/2026: the one
    institution over the limit in Salud, the mesas without an approved 2026 plan (TUR, CAD)."""
    assert import_mcr(engine, DEMO_DIR, dry_run=False, es_demo=True).ok
    with session_scope(engine) as s:
        assert cargar_demo_mesas(s, CORTE) == CONTEOS
    with session_factory(engine)() as s:
        auditados = s.scalar(select(func.count()).select_from(Auditoria))
    with session_scope(engine) as s:
        assert cargar_demo_mesas(s, CORTE) == {}
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(Auditoria)) == auditados
        frames = load_mesas(s)
        resultado = run(load_mcr(s), "2026-T3", CORTE)
    alertas = alertas_mesas(frames, CORTE, resultado.indicadores, resultado.metas)
    assert set(alertas["tipo"]) == set(SEVERIDADES_MESAS)
    por_tipo = alertas.groupby("tipo")["entidad"].agg(lambda e: sorted(set(e)))
    assert por_tipo["exceso_miembros"] == ["SAL"]
    assert por_tipo["mesa_sin_plan"] == ["CAD", "TUR"]
    estados = set(acuerdos_al_corte(frames, CORTE)["estado_vigente"])
    assert estados == {"pendiente", "en_proceso", "cumplido", "vencido", "cancelado"}
    # Nothing in the demo happens after its reference date.
    assert (frames.ayudas_memoria["distribuida_en"].dropna() <= "2026-11-23").all()
    assert (frames.seguimientos["fecha"] <= "2026-11-23").all()
