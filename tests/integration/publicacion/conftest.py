"""Publishing quarters of the importer's small valid MCR (tests/fixtures/mcr_valida), with the
users of the reporting cycle: helpers that prepare, publish, report and validate through the
real services, and read back what was written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from data_layer.db import session_factory
from data_layer.engine.frames import Reglas
from data_layer.models import Auditoria
from data_layer.publicacion import servicio
from data_layer.publicacion.models import Publicacion
from data_layer.reportes import servicio as reportes
from tests.integration.reportes.conftest import (  # noqa: F401 - the fixture is used by name
    ANALISTA,
    ANALISTA_2,
    UPGRET_SEDUC,
    UPGRET_SESAL,
    mcr,
    momento,
)

#: SEDUC's quarterly «aulas construidas» (flujo; 2024-T1: target 10, 10 validated by the
#: import; 2024-T2: target 12.5, no value). Its goal MI-SEDUC-01 is institutional.
AULAS = "MI-SEDUC-01-I1"
#: SESAL's quarterly «controles prenatales» (acumulado; 2024-T1: 950 of 1000 validated by the
#: import; 2024-T2: target 1200, no value).
CONTROLES = "MI-SESAL-01-I1"
#: The quarter most tests publish: its reports were due on 15/07/2024.
TRIMESTRE = "2024-T2"
#: A day when 2024-T2 is due and published.
HOY = dt.date(2024, 8, 1)
REGLAS = Reglas()
#: The audit actions of this feature.
ACCIONES = ("publicacion_publicada", "publicacion_retirada")


def preparar(db, periodo: str = TRIMESTRE, hoy: dt.date = HOY, actor=ANALISTA):
    """:func:`servicio.preparar` in a read session."""
    with session_factory(db)() as s:
        return servicio.preparar(s, periodo, actor=actor, reglas=REGLAS, hoy=hoy)


def publicar(db, preparada, actor=ANALISTA, huella_vista: Any = ..., ahora=None) -> Publicacion:
    """:func:`servicio.publicar` in a committed write transaction (the huella the analyst saw
    defaults to the preparation's)."""
    vista = preparada.huella if huella_vista is ... else huella_vista
    with session_factory(db, escritura=True)() as s, s.begin():
        return servicio.publicar(s, preparada, huella_vista=vista, actor=actor, ahora=ahora)


def publicar_trimestre(db, periodo: str = TRIMESTRE, hoy: dt.date = HOY, actor=ANALISTA):
    """What the page and the CLI do: prepare, then publish what was prepared."""
    return servicio.publicar_trimestre(
        session_factory(db),
        session_factory(db, escritura=True),
        periodo,
        huella_vista=None,
        actor=actor,
        reglas=REGLAS,
        hoy=hoy,
    )


def retirar(db, publicacion_id: int, motivo: str | None, actor=ANALISTA, ahora=None):
    """:func:`servicio.retirar` in a committed write transaction."""
    with session_factory(db, escritura=True)() as s, s.begin():
        return servicio.retirar(s, publicacion_id, motivo=motivo, actor=actor, ahora=ahora)


def filas(db) -> list[Publicacion]:
    """Every stored edition, by id."""
    with session_factory(db)() as s:
        return list(s.scalars(select(Publicacion).order_by(Publicacion.id)))


def auditoria(db, acciones: tuple[str, ...] = ACCIONES) -> list[Auditoria]:
    """The audit rows of these actions, oldest first."""
    with session_factory(db)() as s:
        return list(
            s.scalars(
                select(Auditoria).where(Auditoria.accion.in_(acciones)).order_by(Auditoria.id)
            )
        )


def n_publicaciones(db) -> int:
    with session_factory(db)() as s:
        return int(s.scalar(select(func.count()).select_from(Publicacion)) or 0)


def escribir(db, funcion, **kwargs):
    """A reporting service in a committed write transaction; returns the version's id."""
    with session_factory(db, escritura=True)() as s, s.begin():
        return funcion(s, **kwargs).id


def reportar(db, codigo: str, valor: float, ahora: dt.datetime, *, enviar: bool = True) -> int:
    """The responsible UPGRET saves (and sends) the 2024-T2 value of ``codigo``."""
    actor = UPGRET_SEDUC if codigo == AULAS else UPGRET_SESAL
    return escribir(
        db,
        reportes.guardar,
        actor=actor,
        indicador=codigo,
        periodo=TRIMESTRE,
        valor=valor,
        enviar=enviar,
        ahora=ahora,
    )


def validar(db, version_id: int, ahora: dt.datetime, actor=ANALISTA) -> int:
    """A DIGER analyst validates a sent version."""
    return escribir(db, reportes.validar, actor=actor, version_id=version_id, ahora=ahora)


def nivel(contenido: dict, nombre: str) -> dict:
    """The row of one goal level (presidencial, sectorial, institucional) of a snapshot."""
    return next(f for f in contenido["niveles"] if f["nivel"] == nombre)
