"""Correcting and deleting draft acuerdos, rescheduling and cancelling a session, through the
session page on the real Flask/Dash stack (SQLite and PostgreSQL, issue #9)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from data_layer.db import get_engine, session_factory
from data_layer.mesas.models import Acuerdo, AyudaMemoria, EstadoSesion, SesionMesa
from data_layer.periods import hoy_honduras
from tests.integration.web import test_formularios as base
from tests.integration.web.test_envios_formularios import ACUERDO, _borrador, respuesta
from tests.integration.web.test_formularios import (
    CONVOCATORIA,
    _dia,
    callback,
    cliente,
    ultima_sesion_creada,
)

url_bd = base.url_bd
app = base.app


def _acuerdo_de(url: str, params: dict) -> Acuerdo | None:
    sesion = int(params["mesa-sesion-params"]["sesion_id"])
    with session_factory(get_engine(url))() as s:
        return s.scalars(select(Acuerdo).where(Acuerdo.sesion_id == sesion)).first()


def test_a_draft_acuerdo_is_corrected_then_deleted_from_the_session_page(app, url_bd) -> None:
    """The coordinator picks the acuerdo in «Corregir o eliminar»: the form loads it; saving the
    corrected text records it; deleting it with a reason removes it, and the block hides once
    the draft has no acuerdos left."""
    c, params = _borrador(app, url_bd)
    _, texto = callback(app, c, "mesa-sesion-agregar-acuerdo", {**params, **ACUERDO})
    assert "Acuerdo registrado" in texto
    acuerdo = _acuerdo_de(url_bd, params)
    _, texto = callback(app, c, "mesa-sesion-params", params, "mesa-sesion-bloque-editar")
    salida = respuesta(texto)
    assert salida["mesa-sesion-bloque-editar"]["hidden"] is False
    assert [o["value"] for o in salida["mesa-sesion-editar-acuerdo"]["options"]] == [acuerdo.id]

    _, texto = callback(
        app, c, "mesa-sesion-editar-acuerdo", {**params, "mesa-sesion-editar-acuerdo": acuerdo.id}
    )
    cargado = respuesta(texto)
    assert cargado["mesa-sesion-editar-texto"]["value"] == ACUERDO["mesa-sesion-acuerdo-texto"]
    assert cargado["mesa-sesion-editar-persona"]["value"] == "Ana Núñez"
    assert cargado["mesa-sesion-editar-version"]["data"] == 1

    formulario = {
        **params,
        "mesa-sesion-editar-acuerdo": acuerdo.id,
        **{k.replace("-acuerdo-", "-editar-"): v for k, v in ACUERDO.items()},
        "mesa-sesion-editar-texto": "Enviar el informe de cobertura depurado",
        "mesa-sesion-editar-version": 1,
    }
    _, texto = callback(app, c, "mesa-sesion-guardar-acuerdo", formulario)
    assert f"Acuerdo N.º {acuerdo.id} corregido." in texto
    assert _acuerdo_de(url_bd, params).texto == "Enviar el informe de cobertura depurado"

    _, texto = callback(
        app,
        c,
        "mesa-sesion-eliminar-acuerdo",
        {**formulario, "mesa-sesion-editar-version": 2, "mesa-sesion-eliminar-motivo": ""},
    )
    assert "motivo de la eliminación" in texto
    _, texto = callback(
        app,
        c,
        "mesa-sesion-eliminar-acuerdo",
        {
            **formulario,
            "mesa-sesion-editar-version": 2,
            "mesa-sesion-eliminar-motivo": "Acuerdo duplicado",
        },
    )
    assert f"Acuerdo N.º {acuerdo.id} eliminado." in texto
    assert _acuerdo_de(url_bd, params) is None
    _, texto = callback(app, c, "mesa-sesion-params", params, "mesa-sesion-bloque-editar")
    assert respuesta(texto)["mesa-sesion-bloque-editar"]["hidden"] is True


def test_after_distribution_the_page_offers_no_edit_and_a_forged_one_is_refused(
    app, url_bd
) -> None:
    """Once the minutes are distributed the edit block is hidden, and a forged «Guardar cambios
    del acuerdo» is refused by the service (final: register a correction)."""
    c, params = _borrador(app, url_bd)
    callback(app, c, "mesa-sesion-agregar-acuerdo", {**params, **ACUERDO})
    acuerdo = _acuerdo_de(url_bd, params)
    _, texto = callback(
        app, c, "mesa-sesion-distribuir", {**params, "mesa-sesion-distribuida": _dia(2)}
    )
    assert "ya es definitiva" in texto
    _, texto = callback(app, c, "mesa-sesion-params", params, "mesa-sesion-bloque-editar")
    assert respuesta(texto)["mesa-sesion-bloque-editar"]["hidden"] is True
    _, texto = callback(
        app,
        c,
        "mesa-sesion-guardar-acuerdo",
        {
            **params,
            "mesa-sesion-editar-acuerdo": acuerdo.id,
            **{k.replace("-acuerdo-", "-editar-"): v for k, v in ACUERDO.items()},
            "mesa-sesion-editar-texto": "Cambiado después de distribuir",
            "mesa-sesion-editar-version": 1,
        },
    )
    assert "es definitiva y no se puede modificar" in texto
    assert _acuerdo_de(url_bd, params).texto == ACUERDO["mesa-sesion-acuerdo-texto"]


def test_a_session_is_rescheduled_then_cancelled_from_its_page(app, url_bd) -> None:
    """A convened session shows «Reprogramar o cancelar»; rescheduling it with a reason moves
    it; cancelling it with a reason marks it cancelled, shown with its reason, and the block
    hides."""
    c = cliente(app, "coord.salud")
    hoy = hoy_honduras()
    futura = {
        "mesa-convocar-params": {"sector": "SAL"},
        **CONVOCATORIA,
        "mesa-convocar-enviada": hoy.isoformat(),
        "mesa-convocar-fecha": (hoy + dt.timedelta(days=10)).isoformat(),
    }
    _, texto = callback(app, c, "mesa-convocar-enviar", futura)
    assert "Sesión convocada" in texto
    sesion = ultima_sesion_creada(url_bd, "SAL")
    params = {"mesa-sesion-params": {"sector": "SAL", "sesion_id": str(sesion)}}
    _, texto = callback(app, c, "mesa-sesion-params", params, "mesa-sesion-bloque-sesion")
    assert respuesta(texto)["mesa-sesion-bloque-sesion"]["hidden"] is False
    citacion = respuesta(texto)["mesa-sesion-citacion"]["data"]

    nueva = hoy + dt.timedelta(days=12)
    _, texto = callback(
        app,
        c,
        "mesa-sesion-reprogramar",
        {
            **params,
            "mesa-sesion-citacion": citacion,
            "mesa-sesion-reprogramar-fecha": nueva.isoformat(),
            "mesa-sesion-reprogramar-hora": "15:00",
            "mesa-sesion-reprogramar-motivo": "Gira de la ministra",
        },
    )
    assert f"Sesión reprogramada: {nueva:%d/%m/%Y}, 15:00" in texto
    assert json.loads(texto)["response"]["mesa-sesion-reprogramar-motivo"]["value"] == ""

    _, texto = callback(
        app, c, "mesa-sesion-cancelar", {**params, "mesa-sesion-cancelar-motivo": "Emergencia"}
    )
    assert "Sesión cancelada" in texto
    with session_factory(get_engine(url_bd))() as s:
        guardada = s.get(SesionMesa, sesion)
        assert (guardada.estado, guardada.motivo_cancelacion) == (
            EstadoSesion.cancelada,
            "Emergencia",
        )
        assert guardada.fecha_hora == dt.datetime.combine(nueva, dt.time(15))
    _, texto = callback(app, c, "mesa-sesion-params", params, "mesa-sesion-bloque-sesion")
    salida = respuesta(texto)
    assert salida["mesa-sesion-bloque-sesion"]["hidden"] is True
    assert "Sesión cancelada. Motivo: Emergencia" in json.dumps(salida, ensure_ascii=False)


def test_a_stale_draft_save_shows_the_current_text_next_to_the_users(app, url_bd) -> None:
    """Ana loaded the draft (version 1); Luis saved a paragraph; Ana saves hers: nothing of
    hers is written, she is told why, the form now holds Luis's text (and its version) and,
    below, her own text, so nothing she typed is lost."""
    c, params = _borrador(app, url_bd)
    miembro = [base.primer_miembro(url_bd, "SAL")]
    acta = {**params, "mesa-sesion-elaborada": _dia(0), "mesa-sesion-asistencia": miembro}
    luis = "Se revisó el avance.\nLuis: la cobertura subió al 85 %."
    _, texto = callback(
        app,
        c,
        "mesa-sesion-guardar",
        {**acta, "mesa-sesion-desarrollo": luis, "mesa-sesion-acta-version": 1},
    )
    assert "Cambios guardados" in texto
    ana = "Se revisó el avance.\nAna: faltan los datos de Olancho."
    _, texto = callback(
        app,
        c,
        "mesa-sesion-guardar",
        {**acta, "mesa-sesion-desarrollo": ana, "mesa-sesion-acta-version": 1},
    )
    salida = respuesta(texto)
    mensaje = json.dumps(salida["mesa-sesion-alerta"], ensure_ascii=False)
    assert (
        "Otra persona guardó cambios en el acta" in mensaje and "Cambios guardados" not in mensaje
    )
    assert salida["mesa-sesion-desarrollo"]["value"] == luis
    assert salida["mesa-sesion-acta-version"]["data"] == 2
    assert "Ana: faltan los datos de Olancho." in json.dumps(
        salida["mesa-sesion-acta-suyo"], ensure_ascii=False
    )
    sesion = int(params["mesa-sesion-params"]["sesion_id"])
    with session_factory(get_engine(url_bd))() as s:
        guardada = s.scalars(select(AyudaMemoria).where(AyudaMemoria.sesion_id == sesion)).one()
        assert guardada.desarrollo == luis
    _, texto = callback(
        app,
        c,
        "mesa-sesion-guardar",
        {**acta, "mesa-sesion-desarrollo": f"{luis}\n{ana}", "mesa-sesion-acta-version": 2},
    )
    assert "Cambios guardados" in texto


def test_a_status_change_from_a_stale_status_is_refused_and_the_note_stays(app, url_bd) -> None:
    """The page showed the acuerdo «Pendiente»; meanwhile someone marked it en proceso; the
    user's change is refused saying so, the page reloads (its version moves) and the note they
    typed stays in the form."""
    c, params = _borrador(app, url_bd)
    callback(app, c, "mesa-sesion-agregar-acuerdo", {**params, **ACUERDO})
    acuerdo = _acuerdo_de(url_bd, params)
    cambio = {
        **params,
        "mesa-sesion-estado-acuerdo": acuerdo.id,
        "mesa-sesion-estado-fecha": _dia(1),
        "mesa-sesion-estados-vistos": {str(acuerdo.id): "pendiente"},
    }
    _, texto = callback(
        app,
        c,
        "mesa-sesion-cambiar-estado",
        {**cambio, "mesa-sesion-estado-nuevo": "en_proceso", "mesa-sesion-estado-nota": "Inició"},
    )
    assert "«En proceso»" in texto
    _, texto = callback(
        app,
        c,
        "mesa-sesion-cambiar-estado",
        {**cambio, "mesa-sesion-estado-nuevo": "cumplido", "mesa-sesion-estado-nota": "Entregó"},
    )
    salida = respuesta(texto)
    assert "ya no está «Pendiente»" in json.dumps(salida["mesa-sesion-alerta"], ensure_ascii=False)
    assert "mesa-sesion-estado-nota" not in salida
    assert salida["mesa-sesion-version"]["data"] == 1
    assert _acuerdo_de(url_bd, params).estado.value == "en_proceso"


def _auditados(url: str) -> int:
    from sqlalchemy import func

    from data_layer.models import Auditoria

    with session_factory(get_engine(url))() as s:
        return s.scalar(select(func.count()).select_from(Auditoria)) or 0


@pytest.mark.parametrize("usuario", ["coord.agro", "upgret.sesal"])
def test_forged_session_page_requests_with_another_mesas_ids_are_refused(
    app, url_bd, usuario
) -> None:
    """Another mesa's coordinator, or an institution's UPGRET, sends every write of the Salud
    session page with Salud's session and acuerdo ids (as a forged request would): each is
    refused with the permission message and nothing is written; loading the acuerdo into the
    edit form gives an empty form (its content never leaves the server)."""
    c_salud, params = _borrador(app, url_bd)
    callback(app, c_salud, "mesa-sesion-agregar-acuerdo", {**params, **ACUERDO})
    acuerdo = _acuerdo_de(url_bd, params)
    c = cliente(app, usuario)

    _, texto = callback(
        app, c, "mesa-sesion-editar-acuerdo", {**params, "mesa-sesion-editar-acuerdo": acuerdo.id}
    )
    cargado = respuesta(texto)
    assert cargado["mesa-sesion-editar-texto"]["value"] == ""
    assert cargado["mesa-sesion-editar-version"]["data"] is None
    assert ACUERDO["mesa-sesion-acuerdo-texto"] not in texto

    edicion = {
        **params,
        "mesa-sesion-editar-acuerdo": acuerdo.id,
        **{k.replace("-acuerdo-", "-editar-"): v for k, v in ACUERDO.items()},
        "mesa-sesion-editar-texto": "Texto forjado",
        "mesa-sesion-editar-version": 1,
        "mesa-sesion-eliminar-motivo": "Forjado",
    }
    envios = {
        "mesa-sesion-agregar-acuerdo": {**params, **ACUERDO},
        "mesa-sesion-guardar-acuerdo": edicion,
        "mesa-sesion-eliminar-acuerdo": edicion,
        "mesa-sesion-cambiar-estado": {
            **params,
            "mesa-sesion-estado-acuerdo": acuerdo.id,
            "mesa-sesion-estado-nuevo": "cancelado",
            "mesa-sesion-estado-fecha": _dia(1),
            "mesa-sesion-estado-nota": "Forjado",
            "mesa-sesion-estados-vistos": {str(acuerdo.id): "pendiente"},
        },
        "mesa-sesion-guardar": {**params, "mesa-sesion-desarrollo": "Forjado"},
        "mesa-sesion-distribuir": {**params, "mesa-sesion-distribuida": _dia(2)},
        "mesa-sesion-corregir": {
            **params,
            "mesa-sesion-correccion-motivo": "Forjado",
            "mesa-sesion-correccion-fecha": _dia(2),
        },
        "mesa-sesion-reprogramar": {
            **params,
            "mesa-sesion-reprogramar-fecha": _dia(30),
            "mesa-sesion-reprogramar-hora": "10:00",
            "mesa-sesion-reprogramar-motivo": "Forjado",
        },
        "mesa-sesion-cancelar": {**params, "mesa-sesion-cancelar-motivo": "Forjado"},
    }
    antes = _auditados(url_bd)
    for boton, valores in envios.items():
        _, texto = callback(app, c, boton, valores)
        assert "Solo los coordinadores de esta mesa" in texto, boton
    assert _auditados(url_bd) == antes
    guardado = _acuerdo_de(url_bd, params)
    assert guardado is not None and guardado.texto == ACUERDO["mesa-sesion-acuerdo-texto"]


def test_a_reschedule_from_a_stale_page_is_refused_and_says_the_current_date(app, url_bd) -> None:
    """Two coordinators have the session page open; the first reschedules it; the second, whose
    page still shows the old date, reschedules too: nothing of the second is written, and they
    are told the session's current date and place (no silent overwrite)."""
    c = cliente(app, "coord.salud")
    hoy = hoy_honduras()
    _, texto = callback(
        app,
        c,
        "mesa-convocar-enviar",
        {
            "mesa-convocar-params": {"sector": "SAL"},
            **CONVOCATORIA,
            "mesa-convocar-enviada": hoy.isoformat(),
            "mesa-convocar-fecha": (hoy + dt.timedelta(days=10)).isoformat(),
        },
    )
    assert "Sesión convocada" in texto
    sesion = ultima_sesion_creada(url_bd, "SAL")
    params = {"mesa-sesion-params": {"sector": "SAL", "sesion_id": str(sesion)}}
    _, texto = callback(app, c, "mesa-sesion-params", params, "mesa-sesion-bloque-sesion")
    vista = respuesta(texto)["mesa-sesion-citacion"]["data"]  # both pages show this

    def reprogramar(dias: int, hora: str) -> str:
        _, texto = callback(
            app,
            c,
            "mesa-sesion-reprogramar",
            {
                **params,
                "mesa-sesion-citacion": vista,
                "mesa-sesion-reprogramar-fecha": (hoy + dt.timedelta(days=dias)).isoformat(),
                "mesa-sesion-reprogramar-hora": hora,
                "mesa-sesion-reprogramar-motivo": "Agenda de la ministra",
            },
        )
        return texto

    assert "Sesión reprogramada" in reprogramar(12, "15:00")
    segunda = reprogramar(20, "08:00")
    primera = hoy + dt.timedelta(days=12)
    assert "Otra persona reprogramó esta sesión" in segunda
    assert f"{primera:%d/%m/%Y} a las 15:00" in segunda
    with session_factory(get_engine(url_bd))() as s:
        assert s.get(SesionMesa, sesion).fecha_hora == dt.datetime.combine(primera, dt.time(15))
