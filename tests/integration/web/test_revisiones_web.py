"""Target revisions through the real Flask/Dash stack: forged callbacks (another scope's
proposal or indicator) are refused by the services, and the right approver's decision changes
the current target.

Each test runs on SQLite and on PostgreSQL, on a database holding exactly the demo (which has
proposals in every state: :mod:`data_layer.revisiones.demo`).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from dash._utils import split_callback_id
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dashboard import create_app
from data_layer.db import get_engine, session_factory
from data_layer.envios import nuevo_token
from data_layer.models import Indicador, Programacion
from data_layer.revisiones.models import EstadoPropuesta, PropuestaMeta
from tests.conftest import cliente_demo


@pytest.fixture
def app(private_demo_url: str):
    """A fresh app on the test's private demo database."""
    return create_app(private_demo_url)


def _enviar(app, c, boton: str, valores: dict[Any, Any]) -> str:
    """Send the callback triggered by ``boton`` as the renderer would (values by component id;
    a wildcard state by ``("ALL", property)``: a list of ``{id, property, value}``; a missing
    token gets a fresh one). Returns the response text (status 200 asserted)."""
    c.get("/login")
    salida, cb = next(
        (s, cb) for s, cb in app.callback_map.items() if cb["inputs"][0]["id"] == boton
    )

    def dep(d: dict[str, str]) -> Any:
        if d["id"].startswith("{"):
            return valores.get(("ALL", d["property"]), [])
        valor = valores.get(d["id"])
        if valor is None and d["id"].endswith("-token"):
            valor = nuevo_token()
        return {"id": d["id"], "property": d["property"], "value": valor}

    def con_id(o: dict[str, Any]) -> dict[str, Any]:
        return {**o, "id": json.loads(o["id"])} if o["id"].startswith("{") else o

    salidas = split_callback_id(salida)
    cuerpo = {
        "output": salida,
        "outputs": [con_id(o) for o in salidas] if isinstance(salidas, list) else con_id(salidas),
        "inputs": [dep(d) for d in cb["inputs"]],
        "state": [dep(d) for d in cb.get("state", [])],
        "changedPropIds": [f"{boton}.n_clicks"],
    }
    r = c.post(
        "/_dash-update-component",
        data=json.dumps(cuerpo),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 200, r.get_data(as_text=True)
    return json.dumps(json.loads(r.get_data(as_text=True)), ensure_ascii=False)


def _propuesta(url: str, codigo: str) -> PropuestaMeta:
    with session_factory(get_engine(url))() as s:
        return s.scalars(
            select(PropuestaMeta)
            .join(Indicador)
            .where(Indicador.codigo == codigo)
            .options(selectinload(PropuestaMeta.periodos))
            .order_by(PropuestaMeta.id.desc())
        ).first()


def _meta(url: str, codigo: str, periodo: str) -> tuple[float, float]:
    with session_factory(get_engine(url))() as s:
        p = s.scalars(
            select(Programacion)
            .join(Indicador)
            .where(Indicador.codigo == codigo, Programacion.periodo == periodo)
        ).one()
        return p.meta_original, p.meta


def test_a_forged_decision_on_a_presidential_indicator_is_refused(private_demo_url, app) -> None:
    """The Salud minister sends a decision with the id of the presidential indicator's proposal
    (waiting for presidencia): refused, nothing changes; presidencia then approves it and the
    2026 current target changes while the original stays."""
    p = _propuesta(private_demo_url, "MP-16-I1")
    assert p.estado is EstadoPropuesta.con_opinion
    contexto = {"propuesta": p.id, "version": p.version}
    valores = {"revision-contexto": contexto, "revision-decision-nota": "Aprobada."}
    texto = _enviar(app, cliente_demo(app, "ministro.salud"), "revision-aprobar", valores)
    assert "la Presidencia" in texto and "No se guardó nada" in texto
    assert _propuesta(private_demo_url, "MP-16-I1").estado is EstadoPropuesta.con_opinion

    texto = _enviar(app, cliente_demo(app, "presidencia"), "revision-aprobar", valores)
    assert f"Propuesta {p.id} aprobada" in texto
    assert _propuesta(private_demo_url, "MP-16-I1").estado is EstadoPropuesta.aprobada
    original, vigente = _meta(private_demo_url, "MP-16-I1", "2026")
    assert original == 55.0 and vigente == p.periodos[0].meta_propuesta != 55.0


def test_a_forged_proposal_for_another_scope_is_refused(private_demo_url, app) -> None:
    """The Salud coordinator forges the page's context with an Education indicator, and the SEDUC
    UPGRET with a Salud indicator: both refused by the service, no proposal written."""
    for usuario, codigo in (("coord.salud", "MS-EDU-01-I1"), ("upgret.seduc", "MS-SAL-01-I1")):
        valores = {
            "revision-contexto": {"codigo": codigo},
            ("ALL", "value"): [
                {
                    "id": {"type": "revision-meta-periodo", "periodo": "2026"},
                    "property": "value",
                    "value": 1.0,
                }
            ],
            ("ALL", "id"): [
                {
                    "id": {"type": "revision-meta-periodo", "periodo": "2026"},
                    "property": "id",
                    "value": {"type": "revision-meta-periodo", "periodo": "2026"},
                }
            ],
            "revision-justificacion": "Propuesta forjada.",
        }
        texto = _enviar(app, cliente_demo(app, usuario), "revision-proponer", valores)
        assert "Solo el coordinador técnico" in texto and "No se guardó nada" in texto
    assert _propuesta(private_demo_url, "MS-EDU-01-I1") is None


def test_a_forged_opinion_by_an_institution_is_refused(private_demo_url, app) -> None:
    """A UPGRET user sends the opinion form with the id of a proposal waiting for an opinion:
    only DIGER analysts give it; a second analyst then can."""
    p = _propuesta(private_demo_url, "MI-SESAL-01-I1")
    valores = {
        "revision-contexto": {"propuesta": p.id, "version": p.version},
        "revision-opinion": "favorable",
        "revision-opinion-texto": "Sin observaciones.",
    }
    texto = _enviar(app, cliente_demo(app, "upgret.sesal"), "revision-opinar", valores)
    assert "Solo los analistas de la DIGER" in texto
    texto = _enviar(app, cliente_demo(app, "analista2"), "revision-opinar", valores)
    assert "Opinión registrada" in texto
    assert _propuesta(private_demo_url, "MI-SESAL-01-I1").estado is EstadoPropuesta.con_opinion
