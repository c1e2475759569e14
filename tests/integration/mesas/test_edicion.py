"""Before distribution a session's acuerdos can be corrected or deleted, and a session not yet
held can be rescheduled or cancelled, each with its reason and audited old → new; after
distribution only the audited correction path exists (issue #9), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from data_layer.db import session_factory
from data_layer.errores import CampoDemasiadoLargo
from data_layer.mesas import servicio
from data_layer.mesas.models import Acuerdo, EstadoSesion, SesionMesa
from data_layer.mesas.servicio import ErrorMesa
from data_layer.models import Auditoria

from .conftest import ACTOR, HOY, USUARIO, acreditar, convocar, sesion_con_acta

SESION = dt.datetime(2026, 3, 10, 9, 0)


def _auditoria(s, accion: str) -> list[dict]:
    return [
        json.loads(a.detalle)
        for a in s.scalars(
            select(Auditoria).where(Auditoria.accion == accion).order_by(Auditoria.id)
        )
    ]


def _acuerdo(s, ayuda_id: int, texto: str = "Enviar los datos del trimestre"):
    return servicio.registrar_acuerdo(
        s,
        ayuda_id,
        texto=texto,
        institucion="SESAL",
        persona_responsable="Marta Díaz",
        fecha_limite=dt.date(2026, 4, 1),
        metas=["MS-01"],
        actor=ACTOR,
    )


@pytest.fixture
def borrador(db):
    """A Salud session held on 10/03/2026 with draft minutes and one acuerdo: (ayuda, acuerdo)."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        acuerdo = _acuerdo(s, ayuda.id)
        return ayuda.id, acuerdo.id


def _editar(s, acuerdo_id: int, **cambios):
    datos = {
        "texto": "Enviar los datos del trimestre",
        "institucion": "SESAL",
        "persona_responsable": "Marta Díaz",
        "fecha_limite": dt.date(2026, 4, 1),
        "metas": ["MS-01"],
        **cambios,
    }
    return servicio.editar_acuerdo(s, acuerdo_id, **datos, actor=ACTOR)


def test_a_draft_acuerdo_is_corrected_and_audited_field_by_field(db, borrador) -> None:
    """Correcting the text, person, due date and links of a draft acuerdo changes it, moves its
    version and audits each changed field as [old, new] with who; saving it unchanged is
    refused as having nothing to save."""
    _, acuerdo_id = borrador
    with session_factory(db)() as s, s.begin():
        _editar(
            s,
            acuerdo_id,
            texto="Enviar los datos depurados",
            persona_responsable="Pedro Ruiz",
            fecha_limite=dt.date(2026, 4, 15),
            metas=[],
            indicadores=["MS-01-I1"],
            version=1,
        )
    with session_factory(db)() as s:
        acuerdo = s.get(Acuerdo, acuerdo_id)
        assert (acuerdo.texto, acuerdo.persona_responsable, acuerdo.version) == (
            "Enviar los datos depurados",
            "Pedro Ruiz",
            2,
        )
        assert [i.codigo for i in acuerdo.indicadores] == ["MS-01-I1"] and acuerdo.metas == []
        registro = s.scalars(select(Auditoria).where(Auditoria.accion == "acuerdo_editado")).one()
        detalle = json.loads(registro.detalle)
    assert registro.usuario == USUARIO
    assert detalle["texto"] == ["Enviar los datos del trimestre", "Enviar los datos depurados"]
    assert detalle["fecha_limite"] == ["2026-04-01", "2026-04-15"]
    assert detalle["metas"] == [["MS-01"], []]
    assert detalle["indicadores"] == [[], ["MS-01-I1"]]
    assert detalle["version"] == [1, 2] and "institucion" not in detalle
    with (
        session_factory(db)() as s,
        s.begin(),
        pytest.raises(ErrorMesa, match="no hay qué guardar"),
    ):
        _editar(
            s,
            acuerdo_id,
            texto="Enviar los datos depurados",
            persona_responsable="Pedro Ruiz",
            fecha_limite=dt.date(2026, 4, 15),
            metas=[],
            indicadores=["MS-01-I1"],
        )


def test_a_draft_acuerdo_edit_keeps_the_recording_rules(db, borrador) -> None:
    """An edit obeys the rules of recording: no blank text, no due date before the session, no
    goal of another sector."""
    _, acuerdo_id = borrador
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa, match="texto del acuerdo"):
            _editar(s, acuerdo_id, texto="  ")
        with pytest.raises(ErrorMesa, match="anterior a la sesión"):
            _editar(s, acuerdo_id, fecha_limite=dt.date(2026, 3, 1))
        with pytest.raises(ErrorMesa, match="no existen o no son del sector Salud"):
            _editar(s, acuerdo_id, metas=["ME-01"])


def test_a_draft_acuerdo_is_deleted_with_its_reason_kept_in_the_audit(db, borrador) -> None:
    """A duplicate acuerdo of draft minutes is deleted; without a reason it is refused; the audit
    keeps its whole content and the reason."""
    _, acuerdo_id = borrador
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa, match="motivo de la eliminación"):
            servicio.eliminar_acuerdo(s, acuerdo_id, motivo=" ", actor=ACTOR)
    with session_factory(db)() as s, s.begin():
        servicio.eliminar_acuerdo(s, acuerdo_id, motivo="Acuerdo duplicado", version=1, actor=ACTOR)
    with session_factory(db)() as s:
        assert s.get(Acuerdo, acuerdo_id) is None
        (detalle,) = _auditoria(s, "acuerdo_eliminado")
    assert detalle["motivo"] == "Acuerdo duplicado"
    assert detalle["anterior"]["texto"] == "Enviar los datos del trimestre"
    assert detalle["anterior"]["metas"] == ["MS-01"]


def test_after_distribution_acuerdos_are_neither_edited_nor_deleted(db, borrador) -> None:
    """Once the minutes are distributed their acuerdos are final: editing or deleting one is
    refused, pointing to the correction, and nothing changes."""
    ayuda_id, acuerdo_id = borrador
    with session_factory(db)() as s, s.begin():
        servicio.distribuir_ayuda_memoria(
            s, ayuda_id, distribuida_en=dt.date(2026, 3, 12), actor=ACTOR, hoy=HOY
        )
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa, match="es definitiva .* Registre una corrección"):
            _editar(s, acuerdo_id, texto="Cambiado después")
        with pytest.raises(ErrorMesa, match="es definitiva"):
            servicio.eliminar_acuerdo(s, acuerdo_id, motivo="Ya no", actor=ACTOR)
    with session_factory(db)() as s:
        acuerdo = s.get(Acuerdo, acuerdo_id)
        assert (acuerdo.texto, acuerdo.version) == ("Enviar los datos del trimestre", 1)
        assert _auditoria(s, "acuerdo_editado") == _auditoria(s, "acuerdo_eliminado") == []


def test_an_acuerdo_with_a_history_is_cancelled_not_deleted(db, borrador) -> None:
    """An acuerdo with a follow-up, or on a later session's agenda, is part of the record: its
    deletion is refused, pointing to «Cancelado»."""
    _, acuerdo_id = borrador
    with session_factory(db)() as s, s.begin():
        convocar(s, "SAL", dt.datetime(2026, 4, 20, 9))  # carries the open acuerdo in
        with pytest.raises(ErrorMesa, match="figura en la agenda de la sesión del 20/04/2026"):
            servicio.eliminar_acuerdo(s, acuerdo_id, motivo="Duplicado", actor=ACTOR)
        servicio.anotar_seguimiento(
            s, acuerdo_id, nota="Avanza", fecha=dt.date(2026, 3, 20), actor=ACTOR, hoy=HOY
        )
        with pytest.raises(ErrorMesa, match="ya tiene seguimiento registrado.*«Cancelado»"):
            servicio.eliminar_acuerdo(s, acuerdo_id, motivo="Duplicado", actor=ACTOR)


# --- sessions: cancelling and rescheduling ----------------------------------------------------


def test_a_convened_session_is_cancelled_with_its_reason_and_audited(db) -> None:
    """Cancelling needs a reason, records it and audits the status old → new; a held session
    (with minutes) or an already cancelled one cannot be cancelled."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        sesion = convocar(s, "SAL", dt.datetime(2026, 5, 20, 9))
        realizada, _ = sesion_con_acta(s, "SAL", SESION, [m.id])
        with pytest.raises(ErrorMesa, match="motivo de la cancelación"):
            servicio.cancelar_sesion(s, sesion.id, motivo="", actor=ACTOR)
        servicio.cancelar_sesion(s, sesion.id, motivo="Visita presidencial", actor=ACTOR)
        assert (sesion.estado, sesion.motivo_cancelacion) == (
            EstadoSesion.cancelada,
            "Visita presidencial",
        )
        with pytest.raises(ErrorMesa, match="fue cancelada"):
            servicio.cancelar_sesion(s, sesion.id, motivo="Otra vez", actor=ACTOR)
        with pytest.raises(ErrorMesa, match="ya se realizó"):
            servicio.cancelar_sesion(s, realizada.id, motivo="Tarde", actor=ACTOR)
        (detalle,) = _auditoria(s, "sesion_cancelada")
    assert detalle == {"estado": ["convocada", "cancelada"], "motivo": "Visita presidencial"}


def test_a_convened_session_is_rescheduled_with_its_reason_and_audited(db) -> None:
    """Rescheduling needs a reason and a change; it moves the date, time and place and audits
    each as [old, new]; a held session cannot be rescheduled."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        sesion = convocar(s, "SAL", dt.datetime(2026, 5, 20, 9), enviada=dt.date(2026, 5, 10))
        realizada, _ = sesion_con_acta(s, "SAL", SESION, [m.id])
        nueva = dt.datetime(2026, 5, 27, 14, 30)
        with pytest.raises(ErrorMesa, match="motivo de la reprogramación"):
            servicio.reprogramar_sesion(s, sesion.id, fecha_hora=nueva, motivo="", actor=ACTOR)
        with pytest.raises(ErrorMesa, match="no hay cambio"):
            servicio.reprogramar_sesion(
                s, sesion.id, fecha_hora=sesion.fecha_hora, motivo="Nada", actor=ACTOR
            )
        servicio.reprogramar_sesion(
            s, sesion.id, fecha_hora=nueva, lugar="SESAL, sala 2", motivo="Gira", actor=ACTOR
        )
        with pytest.raises(ErrorMesa, match="ya se realizó"):
            servicio.reprogramar_sesion(s, realizada.id, fecha_hora=nueva, motivo="x", actor=ACTOR)
        (detalle,) = _auditoria(s, "sesion_reprogramada")
    with session_factory(db)() as s:
        guardada = s.get(SesionMesa, sesion.id)
        assert (guardada.fecha_hora, guardada.lugar, guardada.estado) == (
            nueva,
            "SESAL, sala 2",
            EstadoSesion.convocada,
        )
    assert detalle["motivo"] == "Gira"
    assert detalle["fecha_hora"] == ["2026-05-20 09:00:00", "2026-05-27 14:30:00"]
    assert detalle["lugar"] == ["Casa Presidencial, salón de reuniones", "SESAL, sala 2"]


def test_rescheduling_keeps_the_five_day_rule_of_the_convocatoria(db) -> None:
    """The convocatoria keeps the date it was sent: a new date fewer than 5 days after it needs
    the justification (then it is recorded), and a date before it is refused."""
    with session_factory(db)() as s, s.begin():
        sesion = convocar(s, "SAL", dt.datetime(2026, 5, 20, 9), enviada=dt.date(2026, 5, 10))
        antes = dt.datetime(2026, 5, 12, 9)
        with pytest.raises(ErrorMesa, match="2 día\\(s\\) de anticipación.*justificación"):
            servicio.reprogramar_sesion(s, sesion.id, fecha_hora=antes, motivo="x", actor=ACTOR)
        with pytest.raises(ErrorMesa, match="no puede reprogramarse a una fecha anterior"):
            servicio.reprogramar_sesion(
                s, sesion.id, fecha_hora=dt.datetime(2026, 5, 9, 9), motivo="x", actor=ACTOR
            )
        servicio.reprogramar_sesion(
            s, sesion.id, fecha_hora=antes, motivo="Urgencia", justificacion="Pedido", actor=ACTOR
        )
        assert sesion.justificacion_convocatoria == "Pedido"


def test_reasons_kept_only_by_the_audit_are_capped_like_any_field(db, borrador) -> None:
    """The reason for deleting a draft acuerdo or rescheduling a session has no column of its
    own (only the audit record keeps it), yet a 5,000-character one is refused with the same
    Spanish message as any field too long, and nothing is written."""
    _, acuerdo_id = borrador
    largo = "x" * 5_000
    with session_factory(db)() as s, s.begin():
        sesion = convocar(s, "SAL", dt.datetime(2026, 5, 20, 9), enviada=dt.date(2026, 5, 10))
    for llamada, campo in (
        (
            lambda s: servicio.eliminar_acuerdo(s, acuerdo_id, motivo=largo, actor=ACTOR),
            "motivo de la eliminación",
        ),
        (
            lambda s: servicio.reprogramar_sesion(
                s, sesion.id, fecha_hora=dt.datetime(2026, 5, 27, 9), motivo=largo, actor=ACTOR
            ),
            "motivo de la reprogramación",
        ),
    ):
        with pytest.raises(CampoDemasiadoLargo) as error:
            with session_factory(db)() as s, s.begin():
                llamada(s)
        assert str(error.value) == (
            f"El campo «{campo}» admite como máximo 2,000 caracteres (tiene 5,000)."
        )
    with session_factory(db)() as s:
        assert s.get(Acuerdo, acuerdo_id) is not None
        assert s.get(SesionMesa, sesion.id).fecha_hora == dt.datetime(2026, 5, 20, 9)
        assert _auditoria(s, "acuerdo_eliminado") == _auditoria(s, "sesion_reprogramada") == []
