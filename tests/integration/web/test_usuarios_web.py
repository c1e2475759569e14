"""Users in the web (issue #13): /usuarios for admin only, forced password change, preferences.

Requests go through the real Flask/Dash stack on a private copy of the demo (SQLite and
PostgreSQL), logged in through the real form.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from dash._utils import split_callback_id
from sqlalchemy import func, select

from dashboard import create_app
from data_layer.db import get_engine, session_factory
from data_layer.demo import clave_demo
from data_layer.envios import nuevo_token
from data_layer.models import Auditoria, Sesion, Usuario
from tests.conftest import login_http

P = "usuarios"


@pytest.fixture
def app(private_demo_url: str):
    """A fresh app on the test's private demo database."""
    return create_app(private_demo_url)


def _cliente(app, usuario: str, clave: str | None = None):
    c = app.server.test_client()
    assert login_http(c, usuario, clave or clave_demo(usuario)).status_code == 302
    return c


def _enviar(app, c, disparador: str, valores: dict[str, Any]) -> tuple[int, str]:
    """Send, as Dash's renderer would, the callback that ``disparador`` triggers, with the given
    values by component id (others None; a fresh submission token unless given)."""
    c.get("/login")  # Dash collects the callbacks on the first request
    salida, cb = next(
        (s, cb)
        for s, cb in app.callback_map.items()
        if any(i["id"] == disparador for i in cb["inputs"]) and f"{P}-" in s
    )

    def dep(d: dict[str, str]) -> dict[str, Any]:
        valor = valores.get(d["id"])
        if valor is None and d["id"].endswith("-token"):
            valor = nuevo_token()
        return {"id": d["id"], "property": d["property"], "value": valor}

    salidas = split_callback_id(salida)
    r = c.post(
        "/_dash-update-component",
        data=json.dumps(
            {
                "output": salida,
                "outputs": salidas,
                "inputs": [dep(d) for d in cb["inputs"]],
                "state": [dep(d) for d in cb.get("state", [])],
                "changedPropIds": [f"{disparador}.n_clicks"],
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    texto = r.get_data(as_text=True)
    if r.status_code == 200:
        texto = json.dumps(json.loads(texto), ensure_ascii=False)
    return r.status_code, texto


def _usuario(url: str, nombre: str) -> Usuario | None:
    with session_factory(get_engine(url))() as s:
        return s.scalars(select(Usuario).where(Usuario.usuario == nombre)).first()


def _auditados(url: str) -> int:
    with session_factory(get_engine(url))() as s:
        return s.scalar(select(func.count()).select_from(Auditoria)) or 0


def _crear(app, c, usuario: str = "upgret.nuevo") -> tuple[int, str]:
    return _enviar(
        app,
        c,
        f"{P}-crear",
        {
            f"{P}-crear": 1,
            f"{P}-usuario": usuario,
            f"{P}-nombre": "Unidad nueva",
            f"{P}-correo": "nuevo@sesal.gob.hn",
            f"{P}-rol": "upgret",
            f"{P}-alcance": ["SESAL"],
        },
    )


def _clave_temporal(texto: str) -> str:
    """The temporary password the answer shows (the text of its ``html.Code``)."""

    def codigos(nodo: Any) -> list[str]:
        if isinstance(nodo, list):
            return [c for n in nodo for c in codigos(n)]
        if isinstance(nodo, dict):
            if nodo.get("type") == "Code":
                return [nodo["props"]["children"]]
            return [c for v in nodo.values() for c in codigos(v)]
        return []

    encontradas = codigos(json.loads(texto))
    assert len(encontradas) == 1, texto
    return encontradas[0]


def test_admin_creates_resets_and_disables_users_from_the_web(app, private_demo_url) -> None:
    """An admin creates a UPGRET (its temporary password is in the answer, only its hash in
    the database), resets a password and disables a user, whose sessions close at once."""
    url = private_demo_url
    admin = _cliente(app, "admin")
    estado, texto = _crear(app, admin)
    assert estado == 200 and "creado" in texto
    temporal = _clave_temporal(texto)
    nuevo = _usuario(url, "upgret.nuevo")
    assert nuevo is not None and nuevo.debe_cambiar_clave and temporal not in nuevo.clave_hash
    estado, texto = _crear(app, admin)
    assert "Ya existe el usuario" in texto and "No se guardó nada" in texto

    victima = _cliente(app, "upgret.sesal")
    assert victima.get("/inicio").status_code == 200
    version = _usuario(url, "upgret.sesal").version
    estado, texto = _enviar(
        app,
        admin,
        f"{P}-deshabilitar",
        {f"{P}-elegido": "upgret.sesal", f"{P}-versiones": {"upgret.sesal": version}},
    )
    assert "deshabilitado; sus sesiones se cerraron" in texto
    assert victima.get("/inicio").status_code == 302  # back to the login
    with session_factory(get_engine(url))() as s:
        abiertas = s.scalars(
            select(Sesion)
            .join(Usuario, Usuario.id == Sesion.usuario_id)
            .where(Usuario.usuario == "upgret.sesal", Sesion.cerrada_en.is_(None))
        ).all()
    assert abiertas == []

    version = _usuario(url, "analista").version
    estado, texto = _enviar(
        app,
        admin,
        f"{P}-restablecer",
        {f"{P}-elegido": "analista", f"{P}-versiones": {"analista": version}},
    )
    assert "restablecida" in texto
    assert (
        login_http(app.server.test_client(), "analista", _clave_temporal(texto)).status_code == 302
    )


@pytest.mark.parametrize("usuario", ["analista", "upgret.sesal", "coord.salud"])
def test_non_admins_and_forged_callbacks_are_refused(app, private_demo_url, usuario) -> None:
    """A non-admin gets no /usuarios link nor list, and their forged callbacks (creating a user,
    disabling or resetting another one with its real id and version) are refused in Spanish
    with nothing written, the audit trail included."""
    url = private_demo_url
    c = _cliente(app, usuario)
    pagina = c.get("/usuarios")
    assert pagina.status_code == 200
    antes = _auditados(url)
    version = _usuario(url, "ministro.salud").version
    estado, texto = _enviar(app, c, f"{P}-recarga", {f"{P}-recarga": 1})
    assert "Solo los administradores" in texto and "ministro.salud" not in texto
    estado, texto = _crear(app, c, "intruso")
    assert estado == 200 and "Solo los administradores" in texto and "No se guardó nada" in texto
    for boton in ("deshabilitar", "restablecer"):
        estado, texto = _enviar(
            app,
            c,
            f"{P}-{boton}",
            {f"{P}-elegido": "ministro.salud", f"{P}-versiones": {"ministro.salud": version}},
        )
        assert estado == 200 and "Solo los administradores" in texto, (boton, texto)
        assert '"Code"' not in texto
    assert _usuario(url, "intruso") is None
    ministro = _usuario(url, "ministro.salud")
    assert ministro.activo and not ministro.debe_cambiar_clave and ministro.version == version
    assert _auditados(url) == antes


def test_a_temporary_password_leads_only_to_clave_until_changed(app, private_demo_url) -> None:
    """Logging in with a temporary password lands on /clave; pages redirect there and callbacks
    are refused until the user sets their own password (asked only for the new one); then the
    temporary one no longer works and the new one leads home."""
    admin = _cliente(app, "admin")
    temporal = _clave_temporal(_crear(app, admin)[1])
    c = app.server.test_client()
    entrada = login_http(c, "upgret.nuevo", temporal)
    assert entrada.status_code == 302 and entrada.headers["Location"] == "/clave"
    assert c.get("/inicio").headers["Location"] == "/clave"
    assert c.post("/_dash-update-component", json={}).status_code == 403
    pagina = c.get("/clave").get_data(as_text=True)
    assert "clave temporal" in pagina and 'name="actual"' not in pagina
    token = re.search(r'name="csrf_token" value="([^"]+)"', pagina).group(1)
    debil = c.post("/clave", data={"csrf_token": token, "nueva": "corta", "repetida": "corta"})
    assert debil.status_code == 400 and "al menos" in debil.get_data(as_text=True)
    nueva = "Planificacion-SESAL-9"
    hecho = c.post("/clave", data={"csrf_token": token, "nueva": nueva, "repetida": nueva})
    assert "Su clave se cambió" in hecho.get_data(as_text=True)
    assert login_http(app.server.test_client(), "upgret.nuevo", temporal).status_code == 401
    final = login_http(app.server.test_client(), "upgret.nuevo", nueva)
    assert final.status_code == 302 and final.headers["Location"] == "/inicio"
    assert not _usuario(private_demo_url, "upgret.nuevo").debe_cambiar_clave


def test_preferences_page_keeps_the_minimum_of_the_role(app, private_demo_url) -> None:
    """«Mis preferencias»: a UPGRET sees the reminders locked with the reason, saves an e-mail
    and switches the digest off; a forged post switching the reminders off is refused."""
    c = _cliente(app, "upgret.sesal")
    pagina = c.get("/preferencias").get_data(as_text=True)
    assert "no se pueden apagar" in pagina and "(obligatorio)" in pagina
    token = re.search(r'name="csrf_token" value="([^"]+)"', pagina).group(1)
    version = re.search(r'name="version" value="(\d+)"', pagina).group(1)
    forjado = c.post(
        "/preferencias",
        data={"csrf_token": token, "version": version, "correo": "upg@sesal.gob.hn"},
    )
    assert forjado.status_code == 400 and "No se guardó nada" in forjado.get_data(as_text=True)
    assert _usuario(private_demo_url, "upgret.sesal").correo is None
    guardado = c.post(
        "/preferencias",
        data={
            "csrf_token": token,
            "version": version,
            "correo": "UPG@sesal.gob.hn",
            "recordatorios": "si",
        },
    )
    assert "se guardaron" in guardado.get_data(as_text=True)
    u = _usuario(private_demo_url, "upgret.sesal")
    assert (u.correo, u.recibe_resumen, u.recibe_recordatorios) == (
        "upg@sesal.gob.hn",
        False,
        True,
    )
