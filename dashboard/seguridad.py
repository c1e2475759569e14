"""The front door: login, logout and password change, the request guard, security headers, errors.

Nothing is served without a live server-side session (see :mod:`data_layer.auth`): pages redirect to
``/login``; Dash callbacks, layouts and downloads answer 401. The Flask session cookie holds only a
random token (signed, HTTP-only, SameSite=Lax, Secure except on loopback development servers); the
session row in the database decides whether it is still valid, so logging out, disabling a user or
changing a password ends the session for every worker at once.

Forms are plain server-rendered HTML with a per-session CSRF token; every text is escaped.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, abort, redirect, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from data_layer import auth
from data_layer.db import get_engine, session_factory

LOGIN, LOGOUT, CLAVE = "/login", "/logout", "/clave"
#: Paths served without a session: the login form and the stylesheets it uses.
PUBLICAS = {LOGIN, "/assets/bootstrap.min.css", "/assets/login.css", "/favicon.ico"}
#: Paths that answer 401 instead of a redirect when there is no session (machine clients).
_API = ("/_dash-", "/_reload-hash", "/descargas/")


class UsuarioWeb(UserMixin):
    """The logged-in user as Flask-Login sees it: the token's user and scope."""

    def __init__(self, alcance: auth.Alcance, token: str) -> None:
        """Keep the user's scope and session token (the token never leaves the server)."""
        self.alcance = alcance
        self.token = token

    def get_id(self) -> str:
        """Flask-Login's id: the user name."""
        return self.alcance.usuario


def _es_loopback(host: str) -> bool:
    nombre = host.rsplit(":", 1)[0].strip("[]") if host.count(":") <= 1 else host.strip("[]")
    if nombre == "localhost":
        return True
    try:
        return ipaddress.ip_address(nombre).is_loopback
    except ValueError:
        return False


class SesionFlask(SecureCookieSessionInterface):
    """Secure cookies everywhere except a development server reached on a loopback address."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure unless the request came to 127.0.0.1 / localhost over plain HTTP."""
        if request and not request.is_secure and _es_loopback(request.host):
            return False
        return True


def _clave_secreta(configurada: str | None, instancia: Path) -> str:
    """SECRET_KEY, or a random key kept in ``instance/secret_key`` (shared by local workers)."""
    if configurada:
        return configurada
    ruta = instancia / "secret_key"
    if not ruta.exists():
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_text(secrets.token_hex(32))
        ruta.chmod(0o600)
    return ruta.read_text().strip()


def direccion_cliente() -> str:
    """The client's address (behind a proxy, configure ProxyFix so this is the real one)."""
    return (request.remote_addr or "desconocida")[:64]


def csrf_token() -> str:
    """This session's CSRF token for forms (created on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _csrf_valido() -> bool:
    enviado = request.form.get("csrf_token", "")
    esperado = session.get("csrf", "")
    return bool(esperado) and hmac.compare_digest(enviado, esperado)


def _siguiente_seguro(destino: str | None) -> str:
    """Only same-site relative paths are followed after login (no open redirect)."""
    if not destino:
        return "/"
    partes = urlsplit(destino)
    if partes.scheme or partes.netloc or not destino.startswith("/") or destino.startswith("//"):
        return "/"
    return destino


# --- callback requests ---------------------------------------------------------------------


def _lista_de_dependencias(valor: Any, esperadas: int) -> bool:
    """``inputs``/``state``: one entry per declared dependency, each ``{"id", "property"}`` (or a
    list of them, for pattern-matching ALL / ALLSMALLER)."""
    if not isinstance(valor, list) or len(valor) != esperadas:
        return False
    for entrada in valor:
        for item in entrada if isinstance(entrada, list) else [entrada]:
            if not isinstance(item, dict) or "id" not in item or "property" not in item:
                return False
            if not isinstance(item["property"], str) or not isinstance(item["id"], str | dict):
                return False
    return True


def peticion_callback_valida(cuerpo: Any, callbacks: dict[str, Any]) -> bool:
    """Whether a ``/_dash-update-component`` body has the shape Dash's renderer sends for one of
    this app's callbacks (values are checked by the callbacks themselves)."""
    if not isinstance(cuerpo, dict):
        return False
    salida = cuerpo.get("output")
    if not isinstance(salida, str) or salida not in callbacks:
        return False
    declarado = callbacks[salida]
    if not _lista_de_dependencias(cuerpo.get("inputs"), len(declarado.get("inputs", []))):
        return False
    if not _lista_de_dependencias(cuerpo.get("state", []), len(declarado.get("state", []))):
        return False
    cambiados = cuerpo.get("changedPropIds", [])
    if not isinstance(cambiados, list) or not all(isinstance(c, str) for c in cambiados):
        return False
    return isinstance(cuerpo.get("outputs", {}), dict | list)


# --- HTML ---------------------------------------------------------------------------------------


def pagina(titulo: str, cuerpo: str, estado: int = 200) -> Response:
    """A minimal Spanish HTML page with the vendored Bootstrap (no script at all)."""
    html = f"""<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(titulo)} | SIGPRET</title>
<link rel="stylesheet" href="/assets/bootstrap.min.css">
<link rel="stylesheet" href="/assets/login.css">
</head>
<body class="login-fondo">
<main class="login-caja">
<p class="login-marca">SIGPRET · Presidencia de la República de Honduras</p>
{cuerpo}
</main>
</body>
</html>"""
    return Response(html, status=estado, mimetype="text/html")


def _aviso(mensaje: str | None, clase: str = "danger") -> str:
    if not mensaje:
        return ""
    return f'<div class="alert alert-{clase}" role="alert">{escape(mensaje)}</div>'


def formulario_login(mensaje: str | None = None, usuario: str = "", siguiente: str = "/") -> str:
    """The login form (fields ``usuario`` and ``clave``, CSRF token)."""
    return f"""<h1 class="h3 mb-3">Iniciar sesión</h1>
{_aviso(mensaje)}
<form method="post" action="{LOGIN}" autocomplete="on">
<input type="hidden" name="csrf_token" value="{escape(csrf_token())}">
<input type="hidden" name="next" value="{escape(siguiente)}">
<div class="mb-3"><label class="form-label" for="usuario">Usuario</label>
<input class="form-control" id="usuario" name="usuario" value="{escape(usuario)}"
 autocomplete="username" required maxlength="60" autofocus></div>
<div class="mb-3"><label class="form-label" for="clave">Clave</label>
<input class="form-control" id="clave" name="clave" type="password"
 autocomplete="current-password" required maxlength="200"></div>
<button class="btn btn-primary w-100" type="submit">Entrar</button>
</form>
<p class="login-nota">Acceso reservado a la Presidencia y a las instituciones del Gobierno de
Honduras. Los intentos de acceso quedan registrados.</p>"""


def formulario_clave(mensaje: str | None = None) -> str:
    """The password-change form."""
    return f"""<h1 class="h3 mb-3">Cambiar la clave</h1>
{_aviso(mensaje)}
<form method="post" action="{CLAVE}">
<input type="hidden" name="csrf_token" value="{escape(csrf_token())}">
<div class="mb-3"><label class="form-label" for="actual">Clave actual</label>
<input class="form-control" id="actual" name="actual" type="password" required
 autocomplete="current-password"></div>
<div class="mb-3"><label class="form-label" for="nueva">Clave nueva (al menos
{auth.MIN_LARGO_CLAVE} caracteres)</label>
<input class="form-control" id="nueva" name="nueva" type="password" required
 autocomplete="new-password"></div>
<div class="mb-3"><label class="form-label" for="repetida">Repita la clave nueva</label>
<input class="form-control" id="repetida" name="repetida" type="password" required
 autocomplete="new-password"></div>
<button class="btn btn-primary w-100" type="submit">Cambiar la clave</button>
</form>
<p class="login-nota"><a href="/">Volver al tablero</a></p>"""


# --- wiring -------------------------------------------------------------------------------------


def configure(
    server: Flask,
    database_url: str,
    *,
    secret_key: str | None,
    instancia: Path,
    csp_script_hashes: Callable[[], list[str]],
    callbacks: Callable[[], dict[str, Any]],
) -> None:
    """Install sessions, the login routes, the guard, the headers and the error pages on ``server``.

    Args:
        server: the Dash app's Flask server.
        database_url: where users and sessions live.
        secret_key: ``SECRET_KEY`` (None: a random key kept under ``instancia``).
        instancia: the instance folder.
        csp_script_hashes: returns the CSP hashes of the app's inline scripts (Dash's own).
        callbacks: returns the app's callback map (forged callback requests are refused).
    """
    server.config.update(
        SECRET_KEY=_clave_secreta(secret_key, instancia),
        SESSION_COOKIE_NAME="sigpret_sesion",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=auth.DURACION_MAXIMA,
        PROPAGATE_EXCEPTIONS=False,
        DEBUG=False,
    )
    server.session_interface = SesionFlask()

    def fabrica() -> Session:
        # The engine is created on first use, after gunicorn forks (never at app creation).
        return session_factory(get_engine(database_url))()

    login_manager = LoginManager()
    login_manager.init_app(server)

    @login_manager.request_loader
    def _cargar(_request: Any) -> UsuarioWeb | None:
        token = session.get("token")
        if not token:
            return None
        with fabrica() as db, db.begin():
            usuario = auth.validar_sesion(db, token)
            if usuario is None:
                return None
            return UsuarioWeb(auth.alcance_de(usuario), token)

    @server.before_request
    def _guardia() -> Response | None:
        if request.path in PUBLICAS:
            return None
        if current_user.is_authenticated:
            if request.path == "/_dash-update-component" and not peticion_callback_valida(
                request.get_json(silent=True), callbacks()
            ):
                return Response(
                    '{"error": "Solicitud no válida."}', status=400, mimetype="application/json"
                )
            return None
        if request.path.startswith(_API) or request.method != "GET":
            return Response(
                '{"error": "Sesión no iniciada o vencida: vuelva a iniciar sesión."}',
                status=401,
                mimetype="application/json",
            )
        destino = request.full_path if request.query_string else request.path
        return redirect(f"{LOGIN}?next={_siguiente_seguro(destino)}")

    @server.route(LOGIN, methods=["GET", "POST"])
    def login() -> Response:
        siguiente = _siguiente_seguro(request.values.get("next"))
        if request.method == "GET":
            if current_user.is_authenticated:
                return redirect(siguiente)
            return pagina("Iniciar sesión", formulario_login(siguiente=siguiente))
        if not _csrf_valido():
            return pagina(
                "Iniciar sesión",
                formulario_login("El formulario venció; inténtelo de nuevo.", siguiente=siguiente),
                400,
            )
        usuario = request.form.get("usuario", "")[:60]
        with fabrica() as db, db.begin():
            resultado = auth.iniciar_sesion(
                db, usuario, request.form.get("clave", "")[:200], direccion_cliente()
            )
            alcance = auth.alcance_de(resultado.usuario) if resultado.ok else None
        if not resultado.ok or alcance is None or resultado.token is None:
            return pagina(
                "Iniciar sesión",
                formulario_login(resultado.mensaje, usuario=usuario, siguiente=siguiente),
                401,
            )
        session.clear()  # a new session id after login: no fixation
        session.permanent = True
        session["token"] = resultado.token
        login_user(UsuarioWeb(alcance, resultado.token))
        return redirect(siguiente)

    @server.route(LOGOUT, methods=["POST"])
    def logout() -> Response:
        if not _csrf_valido():
            abort(400)
        with fabrica() as db, db.begin():
            auth.terminar_sesion(db, session.get("token"), direccion_cliente())
        logout_user()
        session.clear()
        return redirect(LOGIN)

    @server.route(CLAVE, methods=["GET", "POST"])
    def cambiar_clave() -> Response:
        if request.method == "GET":
            return pagina("Cambiar la clave", formulario_clave())
        if not _csrf_valido():
            return pagina("Cambiar la clave", formulario_clave("El formulario venció."), 400)
        nombre = current_user.alcance.usuario
        if request.form.get("nueva") != request.form.get("repetida"):
            return pagina("Cambiar la clave", formulario_clave("Las claves nuevas no coinciden."))
        with fabrica() as db, db.begin():
            usuario = auth.buscar(db, nombre)
            if usuario is None or not auth.verificar_clave(usuario, request.form.get("actual", "")):
                return pagina(
                    "Cambiar la clave", formulario_clave("La clave actual no es correcta."), 400
                )
            try:
                auth.cambiar_clave(db, nombre, request.form.get("nueva", ""), actor=nombre)
            except auth.ErrorUsuario as exc:
                return pagina("Cambiar la clave", formulario_clave(str(exc)), 400)
        logout_user()
        session.clear()
        return pagina(
            "Clave cambiada",
            _aviso("Su clave se cambió y todas sus sesiones se cerraron.", "success")
            + f'<p><a class="btn btn-primary" href="{LOGIN}">Iniciar sesión</a></p>',
        )

    @server.after_request
    def _cabeceras(respuesta: Response) -> Response:
        scripts = " ".join(["'self'", *csp_script_hashes()])
        respuesta.headers["Content-Security-Policy"] = (
            "default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; "
            "font-src 'self' data:; "
            "connect-src 'self'; "
            "object-src 'none'; "
            "base-uri 'self'; "
            "form-action 'self'; "
            "frame-ancestors 'none'"
        )
        respuesta.headers["X-Content-Type-Options"] = "nosniff"
        respuesta.headers["Referrer-Policy"] = "same-origin"
        respuesta.headers["X-Frame-Options"] = "DENY"
        if not request.path.startswith(("/assets/", "/_dash-component-suites/")):
            respuesta.headers["Cache-Control"] = "no-store"
        return respuesta

    @server.errorhandler(Exception)
    def _error_en_callback(error: Exception) -> Response:
        # A callback request that makes Dash or a callback fail was built by hand (the renderer
        # only sends what the page shows): refuse it as a bad request, and log it for review.
        if isinstance(error, HTTPException):
            return error  # type: ignore[return-value]
        server.logger.warning("Solicitud rechazada en %s", request.path, exc_info=error)
        if request.path == "/_dash-update-component":
            return Response(
                '{"error": "Solicitud no válida."}', status=400, mimetype="application/json"
            )
        return _manejador(
            "Error del sistema", "Ocurrió un error. Ya quedó registrado; intente más tarde.", 500
        )(error)

    for codigo, titulo, texto in (
        (400, "Solicitud no válida", "La solicitud no es válida."),
        (403, "Acceso denegado", "No tiene permiso para ver esta página."),
        (404, "Página no encontrada", "La página que busca no existe."),
        (405, "Método no permitido", "Esta dirección no admite esa operación."),
        (500, "Error del sistema", "Ocurrió un error. Ya quedó registrado; intente más tarde."),
    ):
        server.register_error_handler(codigo, _manejador(titulo, texto, codigo))


def _manejador(titulo: str, texto: str, codigo: int) -> Callable[[Exception], Response]:
    def manejar(_error: Exception) -> Response:
        return pagina(
            titulo,
            f'<h1 class="h3">{escape(titulo)}</h1><p>{escape(texto)}</p>'
            '<p><a href="/">Ir al inicio</a></p>',
            codigo,
        )

    return manejar
