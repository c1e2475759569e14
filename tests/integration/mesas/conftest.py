"""A small MCR (two sectors, four institutions, two goals, one indicator each) and two mesas."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.mesas import servicio
from data_layer.models import Indicador, Institucion, Meta, Rol, Sector

USUARIO = "analista.diger"
#: Who writes in these tests: a DIGER analyst assigned to both mesas.
ACTOR = Alcance(usuario=USUARIO, rol=Rol.analista, mesas=frozenset({"SAL", "EDU"}))
#: Who creates the mesas: the system (the CLI's actor).
SISTEMA = permisos.actor_sistema("admin")
#: The tests' "today": after every date they record (the services refuse later dates).
HOY = dt.date(2027, 6, 30)


def _indicador(codigo: str, meta: Meta, institucion: Institucion) -> Indicador:
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
        institucion_responsable=institucion,
    )


def crear_mesa(s: Session, sector: str, sigla: str) -> None:
    """The mesa of ``sector`` with coordinators of institution ``sigla``."""
    servicio.crear_mesa(
        s,
        sector,
        coordinador_politico=servicio.Coordinador("Ministra Ana Pérez", "Ministra", sigla),
        coordinador_tecnico=servicio.Coordinador("Luis Gómez", "Viceministro", sigla),
        actor=SISTEMA,
    )


@pytest.fixture
def db(engine):
    """Sectors SAL and EDU with their mesas; goals MS-01 (SAL), ME-01 (EDU), one indicator each."""
    with session_factory(engine)() as s, s.begin():
        sal = Sector(codigo="SAL", nombre="Salud")
        edu = Sector(codigo="EDU", nombre="Educación")
        inst = {
            sigla: Institucion(sigla=sigla, nombre=f"Institución {sigla}")
            for sigla in ("SESAL", "IHSS", "SEDUC", "SEFIN")
        }
        ms = Meta(codigo="MS-01", nivel="sectorial", descripcion="Meta de salud", sector=sal)
        me = Meta(codigo="ME-01", nivel="sectorial", descripcion="Meta de educación", sector=edu)
        s.add_all([sal, edu, *inst.values(), ms, me])
        s.add_all(
            [_indicador("MS-01-I1", ms, inst["SESAL"]), _indicador("ME-01-I1", me, inst["SEDUC"])]
        )
        s.flush()
        crear_mesa(s, "SAL", "SESAL")
        crear_mesa(s, "EDU", "SEDUC")
    return engine


def acreditar(s: Session, sector: str, sigla: str, nombre: str, nivel: str = "tecnico", **extra):
    """Accredit ``nombre`` of ``sigla`` on 2026-01-10 and return the member."""
    return servicio.acreditar_miembro(
        s,
        sector,
        institucion=sigla,
        nombre=nombre,
        cargo=extra.pop("cargo", "Técnico de planificación"),
        nivel=nivel,
        acreditado_en=extra.pop("acreditado_en", dt.date(2026, 1, 10)),
        actor=ACTOR,
        **extra,
        hoy=HOY,
    )


def convocar(s: Session, sector: str, fecha: dt.datetime, enviada: dt.date | None = None, **extra):
    """Call a technical session of ``sector`` at ``fecha``, sent 7 days ahead unless told."""
    return servicio.convocar_sesion(
        s,
        sector,
        nivel=extra.pop("nivel", "tecnico"),
        fecha_hora=fecha,
        lugar="Casa Presidencial, salón de reuniones",
        convocatoria_enviada_en=enviada or (fecha.date() - dt.timedelta(days=7)),
        agenda=extra.pop("agenda", ["Revisión del avance de metas del trimestre"]),
        actor=ACTOR,
        **extra,
    )


def sesion_con_acta(s: Session, sector: str, fecha: dt.datetime, presentes: list[int]):
    """A session held at ``fecha`` with its ayuda memoria written the same day (not distributed)."""
    sesion = convocar(s, sector, fecha)
    ayuda = servicio.registrar_ayuda_memoria(
        s,
        sesion.id,
        elaborada_en=fecha.date(),
        desarrollo="Se revisó el avance de las metas del sector.",
        presentes=presentes,
        actor=ACTOR,
        hoy=HOY,
    )
    return sesion, ayuda
