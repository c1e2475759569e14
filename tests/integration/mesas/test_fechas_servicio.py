"""The mesas record what already happened: the services refuse dates after today (issue #9).

Until issue #9 only the forms checked these dates; now each service does (with ``hoy``, default
today in Honduras), so the CLI or a forged callback cannot write minutes of a session that has
not taken place, nor a distribution, follow-up, correction, accreditation or bottleneck dated in
the future.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from data_layer.db import session_factory
from data_layer.mesas import servicio
from data_layer.mesas.servicio import ErrorMesa
from data_layer.models import Auditoria
from data_layer.periods import hoy_honduras

from .conftest import ACTOR, acreditar, convocar

SESION = dt.datetime(2026, 3, 10, 9, 0)
#: "Today" of these tests: ten days after the session.
HOY = dt.date(2026, 3, 20)
MANANA = HOY + dt.timedelta(days=1)


@pytest.fixture
def ids(db) -> dict[str, int]:
    """A Salud member, a session held on 10/03/2026 with minutes distributed on the 12th, and
    an acuerdo; plus a session with draft minutes."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Ana Uno", acreditado_en=dt.date(2026, 1, 10))
        sesion = convocar(s, "SAL", SESION)
        ayuda = servicio.registrar_ayuda_memoria(
            s, sesion.id, elaborada_en=SESION.date(), desarrollo="Avance.", presentes=[m.id],
            actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        acuerdo = servicio.registrar_acuerdo(
            s, ayuda.id, texto="Enviar datos", institucion="SESAL", persona_responsable="Ana",
            fecha_limite=dt.date(2026, 4, 30), actor=ACTOR,
        )  # fmt: skip
        otra = convocar(s, "SAL", SESION + dt.timedelta(days=1))
        borrador = servicio.registrar_ayuda_memoria(
            s, otra.id, elaborada_en=otra.fecha_hora.date(), desarrollo="Avance.",
            presentes=[m.id], actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=dt.date(2026, 3, 12), actor=ACTOR, hoy=HOY
        )
        nueva = convocar(s, "SAL", SESION + dt.timedelta(days=2))
        return {
            "miembro": m.id,
            "distribuida": ayuda.id,
            "borrador": borrador.id,
            "acuerdo": acuerdo.id,
            "sin_acta": nueva.id,
        }


#: Each dated write, with the field its message names.
FECHADAS: dict[str, tuple[str, Callable[[Any, dict[str, int], dt.date], Any]]] = {
    "acreditar_miembro": (
        "fecha de acreditación",
        lambda s, i, f: servicio.acreditar_miembro(
            s, "SAL", institucion="IHSS", nombre="Berta", cargo="Técnica", nivel="tecnico",
            acreditado_en=f, actor=ACTOR, hoy=HOY,
        ),
    ),
    "registrar_ayuda_memoria": (
        "fecha de elaboración",
        lambda s, i, f: servicio.registrar_ayuda_memoria(
            s, i["sin_acta"], elaborada_en=f, desarrollo="x", presentes=[i["miembro"]],
            actor=ACTOR, hoy=HOY,
        ),
    ),
    "distribuir_ayuda_memoria": (
        "fecha de distribución",
        lambda s, i, f: servicio.distribuir_ayuda_memoria(
            s, i["borrador"], distribuida_en=f, actor=ACTOR, hoy=HOY
        ),
    ),
    "corregir_ayuda_memoria": (
        "fecha de la corrección",
        lambda s, i, f: servicio.corregir_ayuda_memoria(
            s, i["distribuida"], motivo="Faltó un asistente", elaborada_en=f, actor=ACTOR,
            hoy=HOY,
        ),
    ),
    "cambiar_estado_acuerdo": (
        "fecha del seguimiento",
        lambda s, i, f: servicio.cambiar_estado_acuerdo(
            s, i["acuerdo"], "en_proceso", nota="Inició", fecha=f, actor=ACTOR, hoy=HOY
        ),
    ),
    "anotar_seguimiento": (
        "fecha del seguimiento",
        lambda s, i, f: servicio.anotar_seguimiento(
            s, i["acuerdo"], nota="Avanza", fecha=f, actor=ACTOR, hoy=HOY
        ),
    ),
    "registrar_cuello_botella": (
        "fecha de identificación",
        lambda s, i, f: servicio.registrar_cuello_botella(
            s, "SAL", descripcion="Falta de personal", ambito="sectorial", identificado_en=f,
            metas=["MS-01"], actor=ACTOR, hoy=HOY,
        ),
    ),
}  # fmt: skip


def _auditados(db) -> int:
    with session_factory(db)() as s:
        return s.scalar(select(func.count()).select_from(Auditoria)) or 0


@pytest.mark.parametrize("nombre", list(FECHADAS))
def test_a_date_after_today_is_refused_and_today_is_accepted(db, ids, nombre) -> None:
    """Dated tomorrow: refused in Spanish naming the field, nothing written; dated today: done."""
    campo, llamada = FECHADAS[nombre]
    antes = _auditados(db)
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa) as error:
        llamada(s, ids, MANANA)
    assert str(error.value) == (
        f"La {campo} (21/03/2026) es posterior a hoy (20/03/2026): aquí se registra lo que ya "
        "ocurrió."
    )
    assert _auditados(db) == antes
    with session_factory(db)() as s, s.begin():
        llamada(s, ids, HOY)
    assert _auditados(db) > antes


def test_minutes_only_after_the_session(db, ids) -> None:
    """A session on 25/03/2026 seen on the 20th: its minutes are refused (whatever their date),
    saying when they can be written; on the 25th they are accepted."""
    with session_factory(db)() as s, s.begin():
        futura = convocar(s, "SAL", dt.datetime(2026, 3, 25, 9, 0), enviada=dt.date(2026, 3, 15))
    for hoy, acepta in ((HOY, False), (dt.date(2026, 3, 25), True)):
        with session_factory(db)() as s, s.begin():
            try:
                servicio.registrar_ayuda_memoria(
                    s, futura.id, elaborada_en=dt.date(2026, 3, 25), desarrollo="Adelantado",
                    presentes=[ids["miembro"]], actor=ACTOR, hoy=hoy,
                )  # fmt: skip
                registrada = True
            except ErrorMesa as error:
                assert str(error) == (
                    "La sesión es el 25/03/2026: su ayuda memoria se registra cuando se haya "
                    "realizado."
                )
                registrada = False
        assert registrada is acepta


def test_without_hoy_the_services_use_today_in_honduras(db, ids) -> None:
    """Called without ``hoy`` (as the forms call them), tomorrow in Honduras is refused and
    today is accepted."""
    manana = hoy_honduras() + dt.timedelta(days=1)
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa, match="es posterior a hoy"):
            servicio.anotar_seguimiento(s, ids["acuerdo"], nota="x", fecha=manana, actor=ACTOR)
        servicio.anotar_seguimiento(s, ids["acuerdo"], nota="x", fecha=hoy_honduras(), actor=ACTOR)
