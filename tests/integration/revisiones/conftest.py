"""A small MCR for target revisions: Salud and Educación, a sectoral, an institutional and a
presidential goal with one quarterly indicator each (targets for 2026), and the actors."""

from __future__ import annotations

import datetime as dt

import pytest

from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.models import Eje, Indicador, Institucion, Meta, Programacion, Rol, Sector

#: "Today" of most tests: 2026-T1 and T2 have ended, T3 and T4 are open.
HOY = dt.date(2026, 8, 15)
AHORA = dt.datetime(2026, 8, 15, 15, 0, tzinfo=dt.UTC)
METAS_2026 = {"2026-T1": 80.0, "2026-T2": 82.0, "2026-T3": 84.0, "2026-T4": 86.0}

COORD = Alcance("coord.salud", Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
COORD_EDU = Alcance("coord.educacion", Rol.coordinador_mesa, sectores=frozenset({"EDU"}))
ANALISTA = Alcance("analista", Rol.analista)
ANALISTA2 = Alcance("analista2", Rol.analista)
UPGRET = Alcance("upgret.sesal", Rol.upgret, instituciones=frozenset({"SESAL"}))
UPGRET_SEDUC = Alcance("upgret.seduc", Rol.upgret, instituciones=frozenset({"SEDUC"}))
MINISTRO = Alcance("ministro.salud", Rol.ministro, sectores=frozenset({"SAL"}))
MINISTRO_EDU = Alcance("ministro.educacion", Rol.ministro, sectores=frozenset({"EDU"}))
PRESIDENCIA = Alcance("presidencia", Rol.presidencia)
ADMIN = Alcance("admin", Rol.admin)


def _indicador(codigo: str, meta: Meta, inst: Institucion) -> Indicador:
    return Indicador(
        codigo=codigo,
        meta=meta,
        nombre=f"Indicador {codigo}",
        eslabon="resultado",
        unidad="%",
        sentido="ascendente",
        tipo="stock",
        frecuencia="trimestral",
        fuente="registro administrativo",
        institucion_responsable=inst,
        programacion=[
            Programacion(periodo=p, meta_original=v, meta=v) for p, v in METAS_2026.items()
        ],
    )


@pytest.fixture
def db(engine):
    """Goals MS-01 (sectorial, SAL), MI-01 (institutional, SAL, SESAL), MP-01 (presidential)
    and ME-01 (sectorial, EDU), with indicators MS-01-I1, MI-01-I1, MP-01-I1, ME-01-I1."""
    with session_factory(engine)() as s, s.begin():
        eje = Eje(codigo="E2", nombre="Crecimiento Inclusivo y Sostenible")
        sal, edu = Sector(codigo="SAL", nombre="Salud"), Sector(codigo="EDU", nombre="Educación")
        sesal = Institucion(sigla="SESAL", nombre="Secretaría de Salud")
        seduc = Institucion(sigla="SEDUC", nombre="Secretaría de Educación")
        ms = Meta(codigo="MS-01", nivel="sectorial", descripcion="Salud materna", sector=sal)
        mi = Meta(
            codigo="MI-01",
            nivel="institucional",
            descripcion="Partos institucionales",
            sector=sal,
            institucion=sesal,
        )
        mp = Meta(codigo="MP-01", nivel="presidencial", descripcion="Mortalidad", eje=eje)
        me = Meta(codigo="ME-01", nivel="sectorial", descripcion="Matrícula", sector=edu)
        s.add_all([eje, sal, edu, sesal, seduc, ms, mi, mp, me])
        s.add_all(
            [
                _indicador("MS-01-I1", ms, sesal),
                _indicador("MI-01-I1", mi, sesal),
                _indicador("MP-01-I1", mp, sesal),
                _indicador("ME-01-I1", me, seduc),
            ]
        )
    return engine
