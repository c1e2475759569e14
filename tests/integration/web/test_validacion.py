"""The review queue page (``/validacion``, issue #10) through the real Flask/Dash stack, on SQLite
and PostgreSQL: validate and return through the callbacks, bulk validation skipping flagged
values, forged version ids and a UPGRET user calling the callbacks refused, a double submit
written once, a concurrent review named, self-review refused, and reaperturas.

Each test runs on a database holding exactly the demo (``private_demo_url``) plus a few values
sent through the reporting service by the institutions' UPGRET (:func:`bench.validacion.
sembrar_envios`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import func, select

from bench.validacion import sembrar_envios
from dashboard import create_app
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.db import get_engine, session_factory
from data_layer.demo import clave_demo
from data_layer.envios import nuevo_token
from data_layer.models import Auditoria, Avance, EstadoVersion, Reapertura, Rol
from data_layer.periods import hoy_honduras
from data_layer.reportes import cola, servicio
from tests.conftest import login_http

P = "validacion"


@pytest.fixture
def url_bd(private_demo_url: str) -> str:
    """The demo database of the test with eight values sent by the UPGRET units."""
    assert len(sembrar_envios(get_engine(private_demo_url), 8)) == 8
    return private_demo_url


@pytest.fixture
def app(url_bd: str):
    """A fresh app on the private database."""
    return create_app(url_bd)


def cliente(app, usuario: str):
    """A test client logged in through the real form as a demo user."""
    c = app.server.test_client()
    assert login_http(c, usuario, clave_demo(usuario)).status_code == 302
    return c


def enviar_callback(
    app, c, salida_con: str, disparador: str, valores: dict[str, Any]
) -> tuple[int, str]:
    """POST the callback whose output contains ``salida_con`` as the renderer does when
    ``disparador`` (an input id) changed, with ``valores`` by component id (others None)."""
    c.get("/login")  # Dash collects the callbacks on the first request
    salida, cb = next((k, v) for k, v in app.callback_map.items() if salida_con in k)

    def dep(d: dict[str, str]) -> dict[str, Any]:
        return {"id": d["id"], "property": d["property"], "value": valores.get(d["id"])}

    salidas = [
        {"id": o.split(".")[0], "property": o.split(".")[1]} for o in salida.strip(".").split("...")
    ]
    disparo = next(d for d in cb["inputs"] if d["id"] == disparador)
    cuerpo = {
        "output": salida,
        "outputs": salidas,
        "inputs": [dep(d) for d in cb["inputs"]],
        "state": [dep(d) for d in cb.get("state", [])],
        "changedPropIds": [f"{disparador}.{disparo['property']}"],
    }
    r = c.post(
        "/_dash-update-component",
        data=json.dumps(cuerpo),
        headers={"Content-Type": "application/json"},
    )
    texto = r.get_data(as_text=True)
    if r.status_code == 200:
        texto = json.dumps(json.loads(texto), ensure_ascii=False)
    return r.status_code, texto


def revisar(app, c, boton: str, ids: list[Any], observacion: str | None = None, token=None):
    """Press «Validar», «Devolver» or «Validar seleccionados» with rows ``ids`` selected."""
    return enviar_callback(
        app,
        c,
        f"{P}-mensaje",
        f"{P}-{boton}",
        {
            f"{P}-{boton}": 1,
            f"{P}-grid": [{"id": i} for i in ids],
            f"{P}-observacion": observacion,
            f"{P}-token": token or nuevo_token(),
            f"{P}-refresco": 0,
        },
    )


def cola_actual(url: str) -> list[cola.EntradaCola]:
    """The queue as an analyst would see it today."""
    with session_factory(get_engine(url))() as s:
        return cola.consultar_cola(s, Alcance(usuario="x", rol=Rol.analista), hoy=hoy_honduras())


def estado(url: str, version_id: int) -> tuple[EstadoVersion, str | None, str | None]:
    """A version's state, reviewer and observación."""
    with session_factory(get_engine(url))() as s:
        v = s.get(Avance, version_id)
        return v.estado, v.revisado_por, v.observacion


def auditorias(url: str, accion: str) -> int:
    """Audit records of ``accion``."""
    with session_factory(get_engine(url))() as s:
        return s.scalar(
            select(func.count()).select_from(Auditoria).where(Auditoria.accion == accion)
        )


def test_analyst_sees_the_queue_with_flags_and_filters(app, url_bd) -> None:
    """The queue callback lists every sent value with its formatted figures and flags; a filter
    by flag narrows it; the summary counts what can be validated in bulk."""
    c = cliente(app, "analista")
    valores = {f"{P}-refresco": 0}
    status, texto = enviar_callback(app, c, f"{P}-grid.rowData", f"{P}-refresco", valores)
    assert status == 200
    filas = json.loads(texto)["response"][f"{P}-grid"]["rowData"]
    assert len(filas) == len(cola_actual(url_bd))  # the demo's waiting values and the sown ones
    assert {"valor_texto", "meta_texto", "avance_texto", "banderas", "enviado_por"} <= set(filas[0])
    assert "versiones por validar" in texto

    status, texto = enviar_callback(
        app, c, f"{P}-grid.rowData", f"{P}-bandera", {**valores, f"{P}-bandera": "sin_banderas"}
    )
    filtradas = json.loads(texto)["response"][f"{P}-grid"]["rowData"]
    assert filtradas and all(not f["banderas"] for f in filtradas)
    assert len(filtradas) == sum(1 for e in cola_actual(url_bd) if not e.con_banderas)


def test_validate_and_return_through_the_callbacks(app, url_bd) -> None:
    """«Validar» validates the selected version as the analyst; «Devolver» without observación is
    refused in Spanish and writes nothing; with one, returns the version."""
    primera, segunda = (e.version_id for e in cola_actual(url_bd)[:2])
    c = cliente(app, "analista")

    status, texto = revisar(app, c, "validar", [primera])
    assert status == 200 and "Validado:" in texto
    assert estado(url_bd, primera)[:2] == (EstadoVersion.validado, "analista")

    status, texto = revisar(app, c, "devolver", [segunda], observacion="  ")
    assert "Escriba la observación" in texto
    assert estado(url_bd, segunda)[0] is EstadoVersion.enviado

    status, texto = revisar(app, c, "devolver", [segunda], observacion="Falta la región 3.")
    assert "Devuelto a la institución" in texto
    assert estado(url_bd, segunda) == (EstadoVersion.devuelto, "analista", "Falta la región 3.")


def test_bulk_validation_skips_flagged_values_with_the_reason(app, url_bd) -> None:
    """«Validar seleccionados» validates the unflagged versions and lists each flagged one with
    why it was left out."""
    entradas = cola_actual(url_bd)
    marcadas = [e.version_id for e in entradas if e.con_banderas]
    limpias = [e.version_id for e in entradas if not e.con_banderas]
    assert marcadas and limpias
    c = cliente(app, "analista")
    _, texto = revisar(app, c, "validar-varios", [e.version_id for e in entradas])
    assert f"Validadas: {len(limpias)}." in texto and f"Omitidas: {len(marcadas)}" in texto
    assert "valídela una por una" in texto
    assert all(estado(url_bd, i)[0] is EstadoVersion.validado for i in limpias)
    assert all(estado(url_bd, i)[0] is EstadoVersion.enviado for i in marcadas)


def test_forged_version_ids_are_refused(app, url_bd) -> None:
    """Ids the analyst cannot review (unknown, not a number, a draft of an institution) are
    refused by the service and nothing is written, one by one or in bulk."""
    entrada = next(e for e in cola_actual(url_bd) if not e.correccion)
    upgret = Alcance(
        usuario="upgret.x", rol=Rol.upgret, instituciones=frozenset({entrada.institucion})
    )
    with session_factory(get_engine(url_bd), escritura=True)() as s, s.begin():
        servicio.devolver(
            s,
            actor=Alcance(usuario="analista.dos", rol=Rol.analista),
            version_id=entrada.version_id,
            observacion="Revise.",
        )
        borrador = servicio.guardar(
            s,
            actor=upgret,
            indicador=entrada.indicador,
            periodo=entrada.periodo,
            valor=entrada.valor,
            explicacion="Borrador corregido.",
        ).id
    antes = auditorias(url_bd, "valor_validado")
    c = cliente(app, "analista")
    for forjado in (99999999, "1 OR 1=1"):
        _, texto = revisar(app, c, "validar", [forjado])
        assert "La versión indicada no existe." in texto
    _, texto = revisar(app, c, "validar", [borrador])
    assert "todavía no fue enviada" in texto
    _, texto = revisar(app, c, "validar-varios", [99999999, "x", borrador])
    assert "Validadas: 0." in texto and "no existen" in texto
    assert estado(url_bd, borrador)[0] is EstadoVersion.borrador
    assert auditorias(url_bd, "valor_validado") == antes


def test_upgret_calling_the_callbacks_is_refused(app, url_bd) -> None:
    """A UPGRET user who forges the page's requests gets the refusal: no queue rows, no
    validation, no reapertura, no pending count."""
    [entrada] = cola_actual(url_bd)[:1]
    with session_factory(get_engine(url_bd))() as s:
        reaperturas = s.scalar(select(func.count()).select_from(Reapertura))
    c = cliente(app, "upgret.sesal")
    _, texto = enviar_callback(app, c, f"{P}-grid.rowData", f"{P}-refresco", {f"{P}-refresco": 0})
    assert permisos.SIN_PERMISO_VALIDAR in texto
    assert json.loads(texto)["response"][f"{P}-grid"]["rowData"] == []

    _, texto = revisar(app, c, "validar", [entrada.version_id])
    assert permisos.SIN_PERMISO_VALIDAR in texto
    _, texto = revisar(app, c, "validar-varios", [entrada.version_id])
    assert permisos.SIN_PERMISO_VALIDAR in texto
    assert estado(url_bd, entrada.version_id)[0] is EstadoVersion.enviado

    _, texto = enviar_callback(
        app,
        c,
        f"{P}-reab-mensaje",
        f"{P}-reabrir",
        {
            f"{P}-reabrir": 1,
            f"{P}-reab-institucion": "SESAL",
            f"{P}-reab-periodo": "2026-T3",
            f"{P}-reab-motivo": "Forzado",
            f"{P}-reab-vence": (hoy_honduras() + dt.timedelta(days=5)).isoformat(),
            f"{P}-reab-token": nuevo_token(),
        },
    )
    assert permisos.SIN_PERMISO_VALIDAR in texto
    with session_factory(get_engine(url_bd))() as s:
        assert s.scalar(select(func.count()).select_from(Reapertura)) == reaperturas


def test_double_submit_writes_once(app, url_bd) -> None:
    """The same form render sent twice (double click, retry) validates once: the second send is
    told so and nothing more is written."""
    primera = cola_actual(url_bd)[0].version_id
    c = cliente(app, "analista")
    token = nuevo_token()
    antes = auditorias(url_bd, "valor_validado")
    _, texto = revisar(app, c, "validar", [primera], token=token)
    assert "Validado:" in texto
    _, texto = revisar(app, c, "validar", [primera], token=token)
    assert "no se registró dos veces" in texto
    assert auditorias(url_bd, "valor_validado") == antes + 1


def test_concurrent_review_names_who_and_when(app, url_bd) -> None:
    """A version another analyst validated meanwhile is refused saying who did it; nothing is
    written and the page is told to refresh the queue (selection cleared)."""
    primera = cola_actual(url_bd)[0].version_id
    with session_factory(get_engine(url_bd), escritura=True)() as s, s.begin():
        servicio.validar(
            s, actor=Alcance(usuario="analista.dos", rol=Rol.analista), version_id=primera
        )
    c = cliente(app, "analista")
    antes = auditorias(url_bd, "valor_devuelto")
    _, texto = revisar(app, c, "devolver", [primera], observacion="Revise.")
    assert "ya fue validada por analista.dos" in texto and "La cola se actualizó" in texto
    respuesta = json.loads(texto)["response"]
    assert respuesta[f"{P}-grid"]["selectedRows"] == []
    assert respuesta[f"{P}-refresco"]["data"] == 1
    assert estado(url_bd, primera)[:2] == (EstadoVersion.validado, "analista.dos")
    assert auditorias(url_bd, "valor_devuelto") == antes


def test_nobody_validates_what_they_sent(app, url_bd) -> None:
    """An admin who sent a value (admins may report) cannot validate it: the service's message
    is shown and nothing is written."""
    entrada = next(e for e in cola_actual(url_bd) if e.correccion)
    with session_factory(get_engine(url_bd), escritura=True)() as s, s.begin():
        servicio.devolver(
            s,
            actor=Alcance(usuario="analista", rol=Rol.analista),
            version_id=entrada.version_id,
            observacion="Revise.",
        )
        v = servicio.solicitar_correccion(
            s,
            actor=Alcance(usuario="admin", rol=Rol.admin),
            indicador=entrada.indicador,
            periodo=entrada.periodo,
            valor=entrada.valor_validado + 1,
            motivo="Corrección de soporte.",
            explicacion="Ajuste.",
        )
        propia = v.id
    c = cliente(app, "admin")
    _, texto = revisar(app, c, "validar", [propia])
    assert "Nadie valida ni devuelve un valor que envió" in texto
    assert estado(url_bd, propia)[0] is EstadoVersion.enviado


def test_reopen_a_period_through_the_form(app, url_bd) -> None:
    """«Reabrir» needs a reason (Spanish refusal, nothing written); with one it records the
    reapertura, which the list of reaperturas in force then shows."""
    c = cliente(app, "analista")
    vence = (hoy_honduras() + dt.timedelta(days=10)).isoformat()
    valores = {
        f"{P}-reabrir": 1,
        f"{P}-reab-institucion": "SESAL",
        f"{P}-reab-periodo": "2026-T3",
        f"{P}-reab-vence": vence,
        f"{P}-reab-token": nuevo_token(),
        f"{P}-reab-refresco": 0,
    }
    _, texto = enviar_callback(app, c, f"{P}-reab-mensaje", f"{P}-reabrir", valores)
    assert "Explique el motivo de la reapertura." in texto
    _, texto = enviar_callback(
        app,
        c,
        f"{P}-reab-mensaje",
        f"{P}-reabrir",
        {**valores, f"{P}-reab-motivo": "Cambio de autoridades en la UPGRET."},
    )
    assert "Período 2026-T3 reabierto para SESAL" in texto
    _, texto = enviar_callback(app, c, f"{P}-reab-lista", f"{P}-tabs", {f"{P}-tabs": "reaperturas"})
    assert "Cambio de autoridades en la UPGRET." in texto and "2026-T3" in texto
