"""Who may see what (issue #4): the login wall, scoped data per role, forged requests, headers.

Requests go through the real Flask/Dash stack of an app on the demo database, logged in through the
real form with the demo users (one per role).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from dash._utils import split_callback_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import create_app
from dashboard.peticiones import es_ruta_de_salud, es_ruta_publica
from data_layer import auth
from data_layer.db import make_engine, session_scope
from data_layer.demo import clave_demo
from tests.conftest import login_http

CABECERAS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


@pytest.fixture
def app(demo_database_url):
    """A fresh app on the demo database."""
    return create_app(demo_database_url)


def cliente(app, usuario: str | None):
    """A test client, logged in as a demo user (or anonymous with None)."""
    c = app.server.test_client()
    if usuario is not None:
        assert login_http(c, usuario, clave_demo(usuario)).status_code == 302
    return c


def _entrada(dependencia: dict[str, Any], valor: Any) -> dict[str, Any]:
    return {"id": dependencia["id"], "property": dependencia["property"], "value": valor}


def cuerpo(app, salida: str, valores: list[Any] | None = None) -> dict[str, Any]:
    """The body Dash's renderer sends for the callback of ``salida`` (values default to None)."""
    declarado = app.callback_map[salida]
    entradas = declarado["inputs"]
    valores = valores if valores is not None else [None] * len(entradas)
    deps = [json.loads(d["id"]) if d["id"].startswith("{") else d["id"] for d in entradas]
    salidas = split_callback_id(salida)
    return {
        "output": salida,
        "outputs": [
            {**o, "id": json.loads(o["id"]) if o["id"].startswith("{") else o["id"]}
            for o in (salidas if isinstance(salidas, list) else [salidas])
        ],
        "inputs": [
            _entrada({"id": i, "property": d["property"]}, v)
            for i, d, v in zip(deps, entradas, valores, strict=True)
        ],
        "state": [
            _entrada({"id": s["id"], "property": s["property"]}, None)
            for s in declarado.get("state", [])
        ],
        "changedPropIds": [],
    }


def llamar(c, body: Any):
    """POST a callback request."""
    return c.post(
        "/_dash-update-component",
        data=json.dumps(body),
        headers={"Content-Type": "application/json"},
    )


def salida_de(app, id_entrada: str) -> str:
    """The output key of the callback whose first input is ``id_entrada``."""
    for salida, cb in app.callback_map.items():
        if cb["inputs"] and cb["inputs"][0]["id"] == id_entrada:
            return salida
    raise AssertionError(f"no hay callback con la entrada {id_entrada}")


def _con_datos(app) -> None:
    # Dash collects the callbacks on its first request; any request will do.
    app.server.test_client().get("/login")


def test_every_route_refuses_anonymous_visitors(app) -> None:
    """Every URL except the login form, its stylesheets, the icon, the public portal (issue #14,
    tested in test_publico.py) and the load balancer's /salud: pages redirect to /login, Dash's
    machinery (layout, dependencies, callbacks, component bundles, assets) answers 401."""
    c = cliente(app, None)
    _con_datos(app)
    publicas = {"/login", "/assets/bootstrap.min.css", "/assets/login.css", "/favicon.ico"}
    for regla in app.server.url_map.iter_rules():
        ruta = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "x", regla.rule)
        if (
            ruta in publicas
            or regla.endpoint == "static"
            or es_ruta_publica(ruta)
            or es_ruta_de_salud(ruta)
        ):
            continue
        for metodo in sorted(regla.methods - {"HEAD", "OPTIONS"}):
            respuesta = c.open(ruta, method=metodo)
            assert respuesta.status_code in {302, 401}, (regla.rule, metodo, respuesta.status_code)
            if respuesta.status_code == 302:
                assert respuesta.headers["Location"].startswith("/login")
    for ruta in ("/", "/metas/MP-01", "/alertas", "/assets/custom.css", "/_dash-layout"):
        assert c.get(ruta).status_code in {302, 401}, ruta


def test_every_callback_refuses_anonymous_requests(app) -> None:
    """Each registered callback, called without a session, answers 401 and no data."""
    c = cliente(app, None)
    _con_datos(app)
    assert app.callback_map
    for salida in app.callback_map:
        respuesta = llamar(c, cuerpo(app, salida))
        assert respuesta.status_code == 401, salida
        assert "Sesión no iniciada" in respuesta.get_data(as_text=True)


@pytest.mark.parametrize(
    "forjado",
    [
        "no es json",
        [1, 2],
        {"x": 1},
        {"output": "no-existe.children", "inputs": [], "changedPropIds": []},
        {"output": None},
    ],
)
def test_forged_callback_envelopes_are_refused(app, forjado) -> None:
    """Bodies Dash's renderer never sends (unknown outputs, wrong shapes) get a 400, not a 500."""
    c = cliente(app, "analista")
    datos = forjado if isinstance(forjado, str) else json.dumps(forjado)
    respuesta = c.post(
        "/_dash-update-component", data=datos, headers={"Content-Type": "application/json"}
    )
    assert respuesta.status_code == 400


def test_wrong_number_of_inputs_is_refused(app) -> None:
    """A known callback with one input too many (an id the page never showed) is refused."""
    c = cliente(app, "analista")
    body = cuerpo(app, salida_de(app, "meta-params"))
    body["inputs"].append({"id": "otra-cosa", "property": "value", "value": 1})
    assert llamar(c, body).status_code == 400


def _meta_de_otro(codigo_propio: str) -> tuple[str, str]:
    return codigo_propio, "MS-EDU-01"


@pytest.mark.parametrize(
    ("usuario", "ve", "no_ve"),
    [
        ("analista", ["MI-SESAL-01", "MS-EDU-01", "MP-01"], []),
        ("presidencia", ["MI-SESAL-01", "MS-EDU-01"], []),
        ("ministro.salud", ["MI-SESAL-01", "MS-EDU-01"], []),
        ("admin", ["MS-EDU-01"], []),
        ("coord.salud", ["MS-SAL-01", "MI-SESAL-01", "MP-01"], ["MS-EDU-01", "MI-SEDUC-01"]),
        ("upgret.sesal", ["MI-SESAL-01"], ["MS-EDU-01", "MI-IHSS-01", "MI-SEDUC-01"]),
    ],
)
def test_goal_page_shows_only_goals_in_scope(app, usuario, ve, no_ve) -> None:
    """The goal page's callback, asked (even by a forged request) for a goal outside the user's
    scope, answers "no existe o no tiene acceso" and sends none of that goal's data."""
    c = cliente(app, usuario)
    salida = salida_de(app, "meta-params")
    for codigo in ve:
        texto = llamar(c, cuerpo(app, salida, [{"codigo": codigo}])).get_data(as_text=True)
        assert "no tiene acceso" not in texto, (usuario, codigo)
        assert codigo in texto
    for codigo in no_ve:
        respuesta = llamar(c, cuerpo(app, salida, [{"codigo": codigo}]))
        assert respuesta.status_code == 200
        texto = respuesta.get_data(as_text=True)
        assert "no tiene acceso" in texto, (usuario, codigo)
        assert f"{codigo}-I1" not in texto  # none of its indicators


def test_upgret_alerts_are_only_its_own(app, demo_database_url) -> None:
    """The alert centre of an UPGRET user lists only alerts of its institution's goals and
    indicators (and of the goals they contribute to)."""
    from tests.integration.web.test_alertas_bloques import pedir

    c = cliente(app, "upgret.sesal")
    codigos: set[str] = set()
    inicio, total = 0, 1
    while inicio < total:  # every block of the grid
        estado, bloque = pedir(app, c, {"startRow": inicio, "endRow": inicio + 100}, {})
        assert estado == 200 and bloque is not None
        codigos |= {fila["entidad"] for fila in bloque["rowData"]}
        inicio, total = inicio + 100, bloque["rowCount"]
    assert codigos, "the demo has alerts for SESAL"
    ajenos = {c for c in codigos if c.startswith("MI-") and not c.startswith("MI-SESAL")}
    assert not ajenos


def test_every_response_carries_the_security_headers(app) -> None:
    """Login page, redirects, assets, pages and callbacks all carry CSP (no unsafe-eval,
    frame-ancestors none), nosniff and a referrer policy."""
    anonimo = cliente(app, None)
    c = cliente(app, "analista")
    respuestas = [
        anonimo.get("/login"),
        anonimo.get("/"),
        anonimo.post("/_dash-update-component", json={}),
        c.get("/"),
        c.get("/assets/custom.css"),
        c.get("/_dash-layout"),
        llamar(c, cuerpo(app, salida_de(app, "meta-params"), [{"codigo": "MP-01"}])),
    ]
    for r in respuestas:
        for cabecera in CABECERAS:
            assert cabecera in r.headers, (r.request.path, cabecera)
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        assert "unsafe-eval" not in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_logout_ends_the_session_on_the_server(app) -> None:
    """After logging out, the same cookie no longer opens anything (callbacks answer 401)."""
    c = cliente(app, "analista")
    body = cuerpo(app, salida_de(app, "meta-params"), [{"codigo": "MP-01"}])
    assert llamar(c, body).status_code == 200
    pagina = c.get("/clave").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', pagina).group(1)
    assert c.post("/logout", data={"csrf_token": token}).status_code == 302
    assert llamar(c, body).status_code == 401


def test_logout_needs_the_csrf_token(app) -> None:
    """A logout POST without the form's token (e.g. from another site) is refused."""
    c = cliente(app, "analista")
    assert c.post("/logout", data={}).status_code == 400
    assert c.get("/_dash-layout").status_code == 200


def test_disabling_a_user_ends_their_open_sessions(app, demo_database_url) -> None:
    """An administrator disables a logged-in user: their very next request is refused."""
    engine = make_engine(demo_database_url)
    with session_scope(engine) as s:
        auth.crear_usuario(s, "temporal", "analista", "Otra-Clave-Segura-26")
    c = app.server.test_client()
    assert login_http(c, "temporal", "Otra-Clave-Segura-26").status_code == 302
    assert c.get("/_dash-layout").status_code == 200
    with session_scope(engine) as s:
        auth.deshabilitar(s, "temporal", actor="admin")
    engine.dispose()
    assert c.get("/_dash-layout").status_code == 401


def test_login_form_escapes_what_users_type(app) -> None:
    """A user name with HTML comes back as text, never as markup."""
    c = app.server.test_client()
    c.environ_base["REMOTE_ADDR"] = "10.77.0.2"  # a failed login: keep 127.0.0.1 unthrottled
    respuesta = login_http(c, "<script>alert(1)</script>", "x" * 12)
    texto = respuesta.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in texto
    assert "&lt;script&gt;" in texto


def test_login_redirect_stays_on_this_site(app) -> None:
    """``next`` pointing to another site is ignored after login (no open redirect): the user
    lands on their home, ``/inicio``."""
    c = app.server.test_client()
    pagina = c.get("/login?next=//malo.example/x").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', pagina).group(1)
    respuesta = c.post(
        "/login",
        data={
            "csrf_token": token,
            "usuario": "analista",
            "clave": clave_demo("analista"),
            "next": "https://malo.example/x",
        },
    )
    assert respuesta.headers["Location"] == "/inicio"


VALORES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda hijos: (
        st.lists(hijos, max_size=3) | st.dictionaries(st.text(max_size=8), hijos, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(datos=st.data())
def test_random_callback_payloads_never_cause_a_server_error(app, datos) -> None:
    """Any registered callback fed random JSON values (of any shape) answers without a 500."""
    if not hasattr(app, "_cliente_prueba"):
        app._cliente_prueba = cliente(app, "upgret.sesal")
    salidas = sorted(app.callback_map)
    salida = datos.draw(st.sampled_from(salidas))
    n = len(app.callback_map[salida]["inputs"])
    valores = datos.draw(st.lists(VALORES, min_size=n, max_size=n))
    respuesta = llamar(app._cliente_prueba, cuerpo(app, salida, valores))
    assert respuesta.status_code != 500, (salida, valores)
