"""Every mesa form writes once per render, is reset after a save and keeps what was typed after a
refusal (issue #9, «Writes that cannot corrupt the record»), through the real Flask/Dash stack on
SQLite and PostgreSQL.

Found: a second click on «Convocar» created an identical second session; a double click on
«Agregar acuerdo» made two acuerdos; the acuerdo form was not cleared after a save, so the next
acuerdo inherited the previous text, person and goals. Each send carries the form render's token
(``<page>-token`` stores); a repeated token writes nothing.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from data_layer.db import get_engine, session_factory
from data_layer.envios import YA_ENVIADO, nuevo_token
from data_layer.mesas.models import Acuerdo, MiembroMesa, SesionMesa
from tests.integration.web import test_formularios as base
from tests.integration.web.test_formularios import (
    CONVOCATORIA,
    _dia,
    callback,
    cliente,
    contar,
    primer_miembro,
    ultima_sesion_creada,
)

#: The same fixtures as the forms' tests: the demo (SQLite, then PostgreSQL) and a fresh app.
url_bd = base.url_bd
app = base.app

#: An acuerdo as the coordinator types it in the session page's form.
ACUERDO = {
    "mesa-sesion-acuerdo-texto": "Enviar el informe de cobertura",
    "mesa-sesion-acuerdo-institucion": "SESAL",
    "mesa-sesion-acuerdo-persona": "Ana Núñez",
    "mesa-sesion-acuerdo-limite": _dia(30),
}


def respuesta(texto: str) -> dict[str, Any]:
    """The outputs of a callback's answer, by component id."""
    return json.loads(texto)["response"]


def _borrador(app, url: str) -> tuple[Any, dict[str, Any]]:
    """The Salud coordinator's client and the params of a new session with draft minutes,
    made through the forms."""
    c = cliente(app, "coord.salud")
    _, texto = callback(
        app, c, "mesa-convocar-enviar", {"mesa-convocar-params": {"sector": "SAL"}, **CONVOCATORIA}
    )
    assert "Sesión convocada" in texto
    params = {
        "mesa-sesion-params": {"sector": "SAL", "sesion_id": str(ultima_sesion_creada(url, "SAL"))}
    }
    _, texto = callback(
        app,
        c,
        "mesa-sesion-guardar",
        {
            **params,
            "mesa-sesion-elaborada": _dia(0),
            "mesa-sesion-asistencia": [primer_miembro(url, "SAL")],
            "mesa-sesion-desarrollo": "Se revisó el avance.",
        },
    )
    assert "Ayuda memoria registrada" in texto
    return c, params


def _acuerdos(url: str, params: dict[str, Any]) -> list[str]:
    sesion = int(params["mesa-sesion-params"]["sesion_id"])
    with session_factory(get_engine(url))() as s:
        return list(s.scalars(select(Acuerdo.texto).where(Acuerdo.sesion_id == sesion)))


def test_second_click_on_convocar_creates_no_second_session(app, url_bd) -> None:
    """Two sends of the same «Convocar» render (a double click, a resend after a slow answer)
    create one session; the second is told that nothing was recorded twice, and the form is
    cleared with a new token after the first."""
    c = cliente(app, "coord.salud")
    token = nuevo_token()
    datos = {
        "mesa-convocar-params": {"sector": "SAL"},
        **CONVOCATORIA,
        "mesa-convocar-token": token,
    }
    antes = contar(url_bd, SesionMesa)
    _, primera = callback(app, c, "mesa-convocar-enviar", datos)
    _, segunda = callback(app, c, "mesa-convocar-enviar", datos)
    assert "Sesión convocada" in primera
    assert YA_ENVIADO in segunda
    assert contar(url_bd, SesionMesa) == antes + 1
    salida = respuesta(primera)
    assert salida["mesa-convocar-lugar"]["value"] == ""
    assert salida["mesa-convocar-agenda"]["value"] == ""
    assert salida["mesa-convocar-token"]["data"] not in (None, token)


def test_double_click_on_agregar_acuerdo_records_one_and_clears_the_form(app, url_bd) -> None:
    """The same «Agregar acuerdo» render sent twice records one acuerdo; after the save every
    field of the form is empty (the next acuerdo inherits no text, person nor goals) and the
    form has a new token."""
    c, params = _borrador(app, url_bd)
    token = nuevo_token()
    datos = {
        **params,
        **ACUERDO,
        "mesa-sesion-token-acuerdo": token,
    }
    _, primera = callback(app, c, "mesa-sesion-agregar-acuerdo", datos)
    _, segunda = callback(app, c, "mesa-sesion-agregar-acuerdo", datos)
    assert "Acuerdo registrado" in primera
    assert YA_ENVIADO in segunda
    assert _acuerdos(url_bd, params) == [ACUERDO["mesa-sesion-acuerdo-texto"]]
    salida = respuesta(primera)
    vacios = {
        "texto": "",
        "institucion": None,
        "persona": "",
        "limite": None,
        "metas": [],
        "indicadores": [],
        "resultado": "",
    }
    for campo, vacio in vacios.items():
        assert salida[f"mesa-sesion-acuerdo-{campo}"]["value"] == vacio, campo
    assert salida["mesa-sesion-token-acuerdo"]["data"] not in (None, token)


def test_a_refused_write_keeps_what_was_typed_and_can_be_sent_again(app, url_bd) -> None:
    """An acuerdo refused by a rule (due before the session) leaves the fields and the token as
    they were (the answer does not touch them); the same render, corrected, is then recorded."""
    c, params = _borrador(app, url_bd)
    token = nuevo_token()
    datos = {**params, **ACUERDO, "mesa-sesion-token-acuerdo": token}
    _, texto = callback(
        app, c, "mesa-sesion-agregar-acuerdo", {**datos, "mesa-sesion-acuerdo-limite": _dia(-1)}
    )
    assert "no puede ser anterior a la sesión" in texto
    salida = respuesta(texto)
    assert not any(k.startswith("mesa-sesion-acuerdo-") for k in salida)
    assert "mesa-sesion-token-acuerdo" not in salida
    _, texto = callback(app, c, "mesa-sesion-agregar-acuerdo", datos)
    assert "Acuerdo registrado" in texto
    assert len(_acuerdos(url_bd, params)) == 1


def test_double_accreditation_accredits_once(app, url_bd) -> None:
    """The same «Acreditar» render sent twice accredits the person once."""
    c = cliente(app, "coord.salud")
    datos = {
        "mesa-acreditar-params": {"sector": "SAL"},
        "mesa-acreditar-institucion": "IHSS",
        "mesa-acreditar-nombre": "Rosa Doble Clic",
        "mesa-acreditar-cargo": "Técnica",
        "mesa-acreditar-nivel": "politico",
        "mesa-acreditar-fecha": _dia(-5),
        "mesa-acreditar-token": nuevo_token(),
    }
    _, primera = callback(app, c, "mesa-acreditar-enviar", datos)
    _, segunda = callback(app, c, "mesa-acreditar-enviar", datos)
    assert "quedó acreditado(a)" in primera
    assert YA_ENVIADO in segunda
    with session_factory(get_engine(url_bd))() as s:
        veces = s.scalar(
            select(func.count())
            .select_from(MiembroMesa)
            .where(MiembroMesa.nombre == "Rosa Doble Clic")
        )
    assert veces == 1


def test_every_mesa_write_form_has_a_token_and_disables_its_button_while_saving(app) -> None:
    """Every callback of the mesa pages fired by a button (each is a write) reads its form's
    token, and is declared to the browser with ``running``: the button is disabled until the
    answer arrives."""
    c = cliente(app, "coord.salud")
    dependencias = c.get("/_dash-dependencies").get_json()
    escrituras = [
        d
        for d in dependencias
        if d["inputs"][0]["property"] == "n_clicks" and d["inputs"][0]["id"].startswith("mesa-")
    ]
    botones = {d["inputs"][0]["id"] for d in escrituras}
    assert {
        "mesa-convocar-enviar",
        "mesa-acreditar-enviar",
        "mesa-sesion-guardar",
        "mesa-sesion-agregar-acuerdo",
        "mesa-sesion-guardar-acuerdo",
        "mesa-sesion-eliminar-acuerdo",
        "mesa-sesion-distribuir",
        "mesa-sesion-corregir",
        "mesa-sesion-cambiar-estado",
        "mesa-sesion-reprogramar",
        "mesa-sesion-cancelar",
    } <= botones
    for d in escrituras:
        boton = d["inputs"][0]["id"]
        assert any("-token" in e["id"] for e in d["state"]), boton
        assert d.get("running", {}).get("running") == {f"{boton}.disabled": True}, boton
