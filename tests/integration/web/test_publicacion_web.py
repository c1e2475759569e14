"""The /publicacion page's callbacks through the real Flask/Dash stack (issue #14), on a private
copy of the demo (SQLite and PostgreSQL), logged in through the real form.

An analyst reviews, publishes (once, however many times the same click arrives) and withdraws
with a reason; a stale huella or a short reason writes nothing and says so in Spanish. A UPGRET
or a minister forging the same requests, with real ids and huellas, is refused and nothing is
written, the audit trail included.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from dash._utils import split_callback_id
from sqlalchemy import func, select

from dashboard import create_app
from data_layer import permisos
from data_layer.db import get_engine, session_factory
from data_layer.engine.frames import Reglas
from data_layer.envios import nuevo_token
from data_layer.models import Auditoria
from data_layer.publicacion import servicio
from data_layer.publicacion.models import Publicacion
from tests.conftest import borrar_publicaciones, cliente_demo, sesion_de_prueba


class pagina:  # noqa: N801 - the page's ids (its module registers a page when imported)
    TRIMESTRE = "publicacion-trimestre"
    HUELLA = "publicacion-huella"
    PUBLICAR = "publicacion-publicar"
    PUBLICAR_TOKEN = "publicacion-publicar-token"
    RECARGA = "publicacion-recarga"
    ELEGIDA = "publicacion-elegida"
    MOTIVO = "publicacion-motivo"
    CONFIRMAR = "publicacion-confirmar-retiro"
    RETIRO_TOKEN = "publicacion-retiro-token"
    DIALOGO = "publicacion-dialogo"


@pytest.fixture
def app(private_demo_url: str):
    """A fresh app on the test's private demo database."""
    return create_app(private_demo_url)


def _llamar(
    app, c, disparador: str, valores: dict[str, Any], salida_de: str = "publicacion-"
) -> tuple[dict[str, Any], str]:
    """Send, as Dash's renderer would, the callback that ``disparador`` triggers (the first
    whose outputs name ``salida_de``), with the given values by component id (others None; a
    fresh submission token unless given). Returns the outputs by id and the answer as text."""
    c.get("/login")  # Dash collects the callbacks on the first request
    salida, cb = next(
        (s, cb)
        for s, cb in app.callback_map.items()
        if any(i["id"] == disparador for i in cb["inputs"]) and salida_de in s
    )

    def dep(d: dict[str, str]) -> dict[str, Any]:
        valor = valores.get(d["id"])
        if valor is None and d["id"].endswith("-token"):
            valor = nuevo_token()
        return {"id": d["id"], "property": d["property"], "value": valor}

    r = c.post(
        "/_dash-update-component",
        data=json.dumps(
            {
                "output": salida,
                "outputs": split_callback_id(salida),
                "inputs": [dep(d) for d in cb["inputs"]],
                "state": [dep(d) for d in cb.get("state", [])],
                "changedPropIds": [f"{disparador}.n_clicks"],
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code in (200, 204), r.get_data(as_text=True)[:500]
    if r.status_code == 204:
        return {}, ""
    cuerpo = json.loads(r.get_data(as_text=True))
    return cuerpo.get("response", {}), json.dumps(cuerpo, ensure_ascii=False)


def _revisar(app, c, periodo: str = "2026-T3") -> tuple[dict[str, Any], str]:
    return _llamar(app, c, pagina.TRIMESTRE, {pagina.TRIMESTRE: periodo, pagina.RECARGA: 0})


def _publicar(app, c, huella: Any, token: str | None = None, periodo: str = "2026-T3"):
    return _llamar(
        app,
        c,
        pagina.PUBLICAR,
        {
            pagina.PUBLICAR: 1,
            pagina.TRIMESTRE: periodo,
            pagina.HUELLA: huella,
            pagina.PUBLICAR_TOKEN: token,
            pagina.RECARGA: 0,
        },
    )


def _retirar(app, c, ident: Any, motivo: str, token: str | None = None):
    return _llamar(
        app,
        c,
        pagina.CONFIRMAR,
        {
            pagina.CONFIRMAR: 1,
            pagina.ELEGIDA: ident,
            pagina.MOTIVO: motivo,
            pagina.RETIRO_TOKEN: token,
            pagina.RECARGA: 0,
        },
    )


def _filas(url: str) -> list[Publicacion]:
    with session_factory(get_engine(url))() as s:
        return list(s.scalars(select(Publicacion).order_by(Publicacion.id)))


def _auditados(url: str) -> int:
    with session_factory(get_engine(url))() as s:
        return s.scalar(select(func.count()).select_from(Auditoria)) or 0


def _acciones(url: str) -> list[str]:
    """The publication audit records, in order."""
    with session_factory(get_engine(url))() as s:
        return list(
            s.scalars(
                select(Auditoria.accion)
                .where(Auditoria.accion.like("publicacion_%"))
                .order_by(Auditoria.id)
            )
        )


def _huella_de_hoy(url: str, periodo: str = "2026-T3") -> str:
    """The huella the preview shows now (prepared by the service itself)."""
    with session_factory(get_engine(url))() as s:
        return servicio.preparar(
            s, periodo, actor=permisos.actor_sistema("prueba"), reglas=Reglas()
        ).huella


def test_analyst_publishes_once_and_withdraws_with_a_reason(app, private_demo_url) -> None:
    """The review gives the preview's huella; «Publicar» with it writes edition 1 (audited), the
    same click sent again writes nothing more; a stale huella is refused in Spanish; «Retirar»
    refuses a short reason and then withdraws with a proper one, once."""
    url = private_demo_url
    borrar_publicaciones(url)
    previas = _acciones(url)
    c = cliente_demo(app, "analista")
    salidas, texto = _revisar(app, c)
    huella = salidas[pagina.HUELLA]["data"]
    assert huella == _huella_de_hoy(url)
    assert "Se publicará como edición 1 de 2026-T3" in texto
    assert salidas[pagina.PUBLICAR]["disabled"] is False

    token = nuevo_token()
    _, texto = _publicar(app, c, huella, token)
    assert "2026-T3 publicado en el portal (edición 1" in texto
    _, texto = _publicar(app, c, huella, token)  # the same click, again
    assert "2026-T3 publicado" not in texto
    filas = _filas(url)
    assert [(f.periodo, f.edicion, f.publicada_por, f.huella) for f in filas] == [
        ("2026-T3", 1, "analista", huella)
    ]
    salidas, texto = _revisar(app, c)
    assert "ya publicó estas mismas cifras" in texto and salidas[pagina.PUBLICAR]["disabled"]

    antes = _auditados(url)
    _, texto = _publicar(app, c, "0" * 64, periodo="2026-T2")
    assert "Los datos cambiaron desde la vista previa" in texto and "no se publicó" in texto
    assert len(_filas(url)) == 1 and _auditados(url) == antes

    ident = filas[0].id
    token = nuevo_token()
    salidas, texto = _retirar(app, c, ident, "error", token)
    assert "muy corto" in texto and "No se guardó nada" in texto
    assert salidas[pagina.DIALOGO]["is_open"] is True
    assert pagina.MOTIVO not in salidas  # what was typed stays
    assert _filas(url)[0].retirada_en is None and _auditados(url) == antes
    salidas, texto = _retirar(app, c, ident, "Cifra de SESAL mal validada", token)
    assert "Edición 1 de 2026-T3 retirada del portal" in texto
    assert salidas[pagina.DIALOGO]["is_open"] is False and salidas[pagina.MOTIVO]["value"] == ""
    _retirar(app, c, ident, "Cifra de SESAL mal validada", token)  # the same click, again
    fila = _filas(url)[0]
    assert fila.retirada_por == "analista" and fila.motivo_retiro == "Cifra de SESAL mal validada"
    assert _acciones(url)[len(previas) :] == ["publicacion_publicada", "publicacion_retirada"]
    _, texto = _llamar(app, c, pagina.RECARGA, {pagina.RECARGA: 1}, "publicacion-lista.")
    assert "Retirada" in texto and "Cifra de SESAL mal validada" in texto


@pytest.mark.parametrize("usuario", ["upgret.sesal", "ministro.salud"])
def test_forged_callbacks_of_other_roles_are_refused_and_write_nothing(
    app, private_demo_url, usuario
) -> None:
    """The forged callbacks of a UPGRET or a minister (the list,
    the review, publishing 2026-T1 with its real huella, withdrawing the demo's 2026-T3 with a
    proper reason) are refused in Spanish: no edition, huella or reason leaks, nothing is
    written, the audit trail included."""
    url = private_demo_url
    c = cliente_demo(app, usuario)
    antes_filas = [(f.id, f.retirada_en) for f in _filas(url)]
    assert len(antes_filas) == 2  # the demo's 2026-T2 and 2026-T3
    antes = _auditados(url)

    _, texto = _llamar(app, c, pagina.RECARGA, {pagina.RECARGA: 1}, "publicacion-lista.")
    assert "Solo los analistas de la DIGER" in texto and "2026-T2" not in texto
    salidas, texto = _revisar(app, c, "2026-T1")
    assert "Solo los analistas de la DIGER" in texto and salidas[pagina.HUELLA]["data"] is None
    _, texto = _publicar(app, c, _huella_de_hoy(url, "2026-T1"), periodo="2026-T1")
    assert "Solo los analistas de la DIGER" in texto and "No se publicó nada" in texto
    vigente = next(i for i, _ in antes_filas)
    _, texto = _retirar(app, c, vigente, "Cifra de SESAL mal validada")
    assert "Solo los analistas de la DIGER" in texto and "No se guardó nada" in texto
    assert [(f.id, f.retirada_en) for f in _filas(url)] == antes_filas
    assert _auditados(url) == antes


def test_the_navbar_links_the_page_for_analysts_and_admins_only(app) -> None:
    """«Publicación» is in the analyst's and the admin's navbar, not in a UPGRET's or a
    minister's."""
    from dashboard import shell

    for rol, ve in (("analista", True), ("admin", True), ("upgret", False), ("ministro", False)):
        with sesion_de_prueba(app, "/inicio", rol=rol):
            assert ("href='/publicacion'" in str(shell.navbar())) is ve, rol


def test_the_demo_portal_shows_two_published_quarters(app) -> None:
    """The demo publishes 2026-T2 and 2026-T3 (by the demo analyst, on fixed days): an anonymous
    reader finds 2026-T3 as the latest quarter and both in the history."""
    anonimo = app.server.test_client()
    portada = anonimo.get("/publico").get_data(as_text=True)
    assert "Metas del Gobierno: trimestre 2026-T3" in portada
    historial = anonimo.get("/publico/historial").get_data(as_text=True)
    assert "2026-T2" in historial and "2026-T3" in historial
    api = anonimo.get("/api/publico/v1/publicaciones").get_json()["publicaciones"]
    assert [(p["periodo"], p["edicion"], p["fecha_corte"]) for p in api] == [
        ("2026-T3", 1, "2026-11-20"),
        ("2026-T2", 1, "2026-08-20"),
    ]
