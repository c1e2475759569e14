"""The demo's publications: 2026-T2 and 2026-T3 on the public portal, so that ``make run``
shows a portal with a latest quarter and a history from the first start.

Published through the real service (:func:`~data_layer.publicacion.servicio.preparar` and
:func:`~data_layer.publicacion.servicio.publicar`) by the demo analyst, audited, on fixed days
after each quarter's last demo validation: the same demo always publishes the same figures.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from data_layer import auth, periods
from data_layer.db import session_factory
from data_layer.engine.frames import Reglas
from data_layer.publicacion import consultas, servicio

#: (quarter, cut date, moment of publication in Honduras): each a day after the quarter's last
#: validation of the demo (2026-T2's late reports were validated up to 19/08/2026, the
#: 2026-T3 cycle up to 19/11/2026).
PUBLICACIONES_DEMO = (
    ("2026-T2", dt.date(2026, 8, 20), dt.datetime(2026, 8, 20, 10, 0)),
    ("2026-T3", dt.date(2026, 11, 20), dt.datetime(2026, 11, 20, 10, 0)),
)
#: Who publishes them (a demo user).
ANALISTA_DEMO = "analista"


def publicar_demo(engine: Engine, reglas: Reglas | None = None) -> list[str]:
    """Publish the demo quarters not published yet; returns «2026-T2 (edición 1)»… per edition
    written. Idempotent: a quarter already on the portal is left alone."""
    reglas = reglas or Reglas()
    with session_factory(engine)() as s:
        usuario = auth.buscar(s, ANALISTA_DEMO)
        if usuario is None:
            return []
        actor = auth.alcance_de(usuario)
        ya = {e.periodo for e in consultas.todas(s)}
    hechas: list[str] = []
    for periodo, corte, momento in PUBLICACIONES_DEMO:
        if periodo in ya:
            continue
        with session_factory(engine)() as s:
            preparada = servicio.preparar(s, periodo, actor=actor, reglas=reglas, hoy=corte)
        with session_factory(engine, escritura=True)() as s, s.begin():
            pub = servicio.publicar(
                s,
                preparada,
                huella_vista=preparada.huella,
                actor=actor,
                ahora=momento.replace(tzinfo=periods.ZONA_HONDURAS),
            )
            hechas.append(f"{pub.periodo} (edición {pub.edicion})")
    return hechas
