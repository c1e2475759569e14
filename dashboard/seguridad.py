"""The front door's wiring: sessions, proxy trust, the request guard, security headers, limits.

Nothing is served without a live server-side session (see :mod:`data_layer.auth`): pages redirect
to ``/login``; Dash callbacks, layouts and downloads answer 401. The Flask session cookie holds
only a random token (signed, HTTP-only, SameSite=Lax, Secure unless the app runs in the explicit
development mode of ``sigpret serve`` on a loopback address); the session row in the database
decides whether it is still valid, so logging out, disabling a user or changing a password ends
the session for every worker at once.

:func:`configure` installs, in this order: the per-request log line (:mod:`dashboard.registro`),
ProxyFix with the configured hops, the request-size limit (2 MB; only the callbacks that carry
an evidence upload may send up to a 10 MB file, :func:`lleva_evidencia`), the rate limit
(:mod:`dashboard.limitador`), the path check and the guard, the login pages
(:mod:`dashboard.acceso`), the headers and the error answers (:mod:`dashboard.errores`).
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, abort, current_app, redirect, request, session
from flask_login import LoginManager, UserMixin, current_user
from sqlalchemy.orm import Session
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import data
from dashboard.peticiones import (
    es_ruta_de_salud,
    es_ruta_publica,
    peticion_callback_valida,
    ruta_valida,
)
from data_layer import auth, plazos
from data_layer.config import Settings
from data_layer.db import get_engine, session_factory

LOGIN = "/login"
#: Paths served without a session: the login form, the stylesheets it uses, the icon.
PUBLICAS = {LOGIN, "/assets/bootstrap.min.css", "/assets/login.css", "/favicon.ico"}
#: What a user who logged in with a temporary password may reach until they set their own.
CAMBIO_OBLIGADO = {"/clave", "/logout", "/assets/bootstrap.min.css", "/assets/login.css"}
#: The answer to anything else (machine clients; pages redirect to /clave).
DEBE_CAMBIAR = "Debe cambiar su clave temporal antes de seguir."
#: Paths that answer 401 instead of a redirect when there is no session (machine clients).
_API = ("/_dash-", "/_reload-hash", "/descargas/")
#: HSTS in production: two years, subdomains of the app's host included.
HSTS = "max-age=63072000; includeSubDomains"
_EXTENSION = "sigpret.puerta"


@dataclass(frozen=True)
class Puerta:
    """What the front door's views need: sessions on the users' database (``escritura`` for
    the writes: on SQLite they take the write lock at their start, so a commit elsewhere between
    their read and their write cannot refuse them), and the mode."""

    fabrica: Callable[[], Session]
    desarrollo: bool
    escritura: Callable[[], Session]


def puerta() -> Puerta:
    """The current app's :class:`Puerta`."""
    return current_app.extensions[_EXTENSION]  # type: ignore[no-any-return]


class UsuarioWeb(UserMixin):
    """The logged-in user as Flask-Login sees it: the token's user and scope."""

    def __init__(
        self, alcance: auth.Alcance, token: str, *, debe_cambiar_clave: bool = False
    ) -> None:
        """Keep the user's scope and session token (the token never leaves the server), and
        whether they logged in with a temporary password (then only ``/clave`` is served)."""
        self.alcance = alcance
        self.token = token
        self.debe_cambiar_clave = debe_cambiar_clave

    def get_id(self) -> str:
        """Flask-Login's id: the user name."""
        return self.alcance.usuario


def _clave_secreta(configurada: str | None, instancia: Path) -> str:
    """SECRET_KEY, or a random key kept in ``instance/secret_key`` (shared by local workers).

    Workers start at the same time: each writes a candidate to a file of its own and links it
    to ``secret_key``, which fails if another one got there first (the link is atomic), so
    every worker reads the same, complete key.
    """
    if configurada:
        return configurada
    ruta = instancia / "secret_key"
    if not ruta.exists():
        ruta.parent.mkdir(parents=True, exist_ok=True)
        candidata = ruta.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(8)}")
        candidata.write_text(secrets.token_hex(32))
        candidata.chmod(0o600)
        try:
            os.link(candidata, ruta)
        except FileExistsError:
            pass  # another worker's key won
        finally:
            candidata.unlink()
    return ruta.read_text().strip()


def direccion_cliente() -> str:
    """The client's address (behind trusted proxies, the one ProxyFix took from the headers)."""
    return (request.remote_addr or "desconocida")[:64]


def csrf_token() -> str:
    """This session's CSRF token for forms (created on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return str(session["csrf"])


def csrf_valido() -> bool:
    """Whether the posted form carries this session's CSRF token."""
    enviado = request.form.get("csrf_token", "")
    esperado = session.get("csrf", "")
    return bool(esperado) and hmac.compare_digest(enviado, esperado)


def _json(texto: str, estado: int) -> Response:
    return Response(f'{{"error": "{texto}"}}', status=estado, mimetype="application/json")


def _cambio_obligado() -> Response:
    """Pages go to /clave; callbacks, downloads and posts are refused (403)."""
    if request.path.startswith(_API) or request.method != "GET":
        return _json(DEBE_CAMBIAR, 403)
    return redirect("/clave")  # type: ignore[return-value]


#: The store whose callbacks carry an MCR workbook (/importar: the upload's contents, checked
#: in the browser against the limit, are kept there for the server callback).
SUBIDA_LIBRO = "importar-subida"


def _subidas(declarado: dict[str, Any]) -> list[Any]:
    return [
        d.get("id")
        for d in [*declarado.get("inputs", []), *declarado.get("state", [])]
        if d.get("property") == "contents"
    ]


def lleva_evidencia(declarado: dict[str, Any]) -> bool:
    """Whether a callback (its entry in Dash's callback map) reads the ``contents`` of an
    evidence upload (:func:`dashboard.components.evidencia.subida_de_evidencia`)."""
    from dashboard.components.evidencia import es_subida_de_evidencia

    return any(es_subida_de_evidencia(i) for i in _subidas(declarado))


def lleva_libro(declarado: dict[str, Any]) -> bool:
    """Whether a callback reads /importar's workbook (the store holding the upload)."""
    return any(
        d.get("id") == SUBIDA_LIBRO and d.get("property") == "data"
        for d in [*declarado.get("inputs", []), *declarado.get("state", [])]
    )


def limite_libro(settings: Settings) -> int:
    """Largest request of a callback carrying an MCR workbook (base64, with room for the rest)."""
    return -(-settings.max_libro_bytes // 3) * 4 + 64 * 1024


def _cabeceras(respuesta: Response, scripts: str, desarrollo: bool) -> Response:
    # A route with a stricter policy of its own (evidence downloads: sandbox) keeps it.
    respuesta.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; "
        f"script-src {scripts}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; "
        "font-src 'self' data:; "
        "connect-src 'self'; "
        "object-src 'none'; "
        "base-uri 'self'; "
        "form-action 'self'; "
        "frame-ancestors 'none'",
    )
    respuesta.headers["X-Content-Type-Options"] = "nosniff"
    respuesta.headers["Referrer-Policy"] = "same-origin"
    respuesta.headers["X-Frame-Options"] = "DENY"
    if not desarrollo:
        respuesta.headers["Strict-Transport-Security"] = HSTS
    if es_ruta_publica(request.path) and "Cache-Control" in respuesta.headers:
        return respuesta  # the portal's own caching of published, frozen content
    if not request.path.startswith(("/assets/", "/_dash-component-suites/", "/favicon.ico")):
        respuesta.headers["Cache-Control"] = "no-store"
    return respuesta


def configure(
    server: Flask,
    settings: Settings,
    *,
    instancia: Path,
    assets: Path,
    csp_script_hashes: Callable[[], list[str]],
    callbacks: Callable[[], dict[str, Any]],
) -> None:
    """Install the front door on ``server`` (see the module docstring for the order).

    Args:
        server: the Dash app's Flask server.
        settings: the configuration (database, proxy hops, mode, limits, Redis).
        instancia: the instance folder (where a generated secret key is kept).
        assets: the assets folder (the icon).
        csp_script_hashes: returns the CSP hashes of the app's inline scripts (Dash's own).
        callbacks: returns the app's callback map (forged callback requests are refused).
    """
    from dashboard import acceso, errores, limitador, publico, registro, salud
    from dashboard.components.evidencia import limite_solicitud

    registro.configurar(settings.desarrollo)
    registro.instalar(server)
    if settings.proxy_saltos:
        saltos = settings.proxy_saltos
        server.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            server.wsgi_app, x_for=saltos, x_proto=saltos, x_host=0, x_port=0, x_prefix=0
        )
    server.config.update(
        SECRET_KEY=_clave_secreta(settings.secret_key, instancia),
        SESSION_COOKIE_NAME="sigpret_sesion",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=not settings.desarrollo,
        PERMANENT_SESSION_LIFETIME=auth.DURACION_MAXIMA,
        MAX_CONTENT_LENGTH=settings.max_solicitud_bytes,
        PROPAGATE_EXCEPTIONS=False,
        DEBUG=False,
        SIGPRET_ASSETS=str(assets),
        SIGPRET_LIMITE_LIBRO=limite_libro(settings),
    )

    def fabrica() -> Session:
        # The engine is created on first use, after gunicorn forks (never at app creation).
        return session_factory(get_engine(settings.database_url))()

    def fabrica_escritura() -> Session:
        return session_factory(get_engine(settings.database_url), escritura=True)()

    server.extensions[_EXTENSION] = Puerta(
        fabrica=fabrica, desarrollo=settings.desarrollo, escritura=fabrica_escritura
    )
    limitador.instalar(server, settings)

    login_manager = LoginManager()
    # No `current_user` in templates: rendering an error page must not query the sessions
    # table (it may be the very thing that is down).
    login_manager.init_app(server, add_context_processor=False)

    @login_manager.request_loader
    def _cargar(_request: Any) -> UsuarioWeb | None:
        token = session.get("token")
        if not token:
            return None
        # Bounded (PostgreSQL): with the database unreachable every request would hang here,
        # the login page's POST included; it answers 503 within a few seconds instead.
        # The activity touch never fails the request: a write lock held elsewhere (a long import
        # on SQLite) costs the touch only (auth.guardar_actividad).
        with plazos.limite_de_espera(plazos.SESION_S), fabrica() as db:
            vigente = auth.sesion_vigente(db, token)
            auth.guardar_actividad(db)
            if vigente is None:
                return None
        # After the commit (a commit forgets the request's versions): read in the same statement.
        data.anotar_versiones(
            settings.database_url, vigente.version_datos, vigente.escrituras, vigente.mesas
        )
        return UsuarioWeb(vigente.alcance, token, debe_cambiar_clave=vigente.debe_cambiar_clave)

    @server.before_request
    def _guardia() -> Response | None:
        if not ruta_valida(request):
            abort(400)
        if request.path in PUBLICAS:
            return None
        if es_ruta_publica(request.path):
            # The portal reads published snapshots only; no session is looked up (issue #14).
            return None
        if es_ruta_de_salud(request.path):
            # The load balancer's check: no session (it must answer while the database is down).
            return None
        if current_user.is_authenticated:
            if current_user.debe_cambiar_clave and request.path not in CAMBIO_OBLIGADO:
                return _cambio_obligado()
            if request.path == "/_dash-update-component":
                return _callback_admitido()
            return None
        if request.path.startswith(_API) or request.method != "GET":
            return _json("Sesión no iniciada o vencida: vuelva a iniciar sesión.", 401)
        destino = request.full_path if request.query_string else request.path
        return redirect(f"{LOGIN}?{urlencode({'next': destino})}")  # type: ignore[return-value]

    # The request limit is 2 MB, except for the callbacks that carry an evidence upload. Which
    # callback a request is for is in its JSON body, so the body is read up to the larger limit
    # (only for logged-in users), and refused if it is larger than 2 MB and not one of them.
    limite_evidencia = max(
        settings.max_solicitud_bytes, limite_solicitud(settings.max_evidencia_bytes)
    )
    limite_mayor = max(limite_evidencia, limite_libro(settings))

    def _limite(declarado: dict[str, Any]) -> int:
        if lleva_libro(declarado):
            return max(settings.max_solicitud_bytes, limite_libro(settings))
        if lleva_evidencia(declarado):
            return limite_evidencia
        return settings.max_solicitud_bytes

    def _callback_admitido() -> Response | None:
        request.max_content_length = limite_mayor
        cuerpo: Any = request.get_json(silent=True)
        mapa = callbacks()
        if not peticion_callback_valida(cuerpo, mapa):
            return _json(errores.NO_VALIDA, 400)
        limite = _limite(mapa[cuerpo["output"]])
        if len(request.get_data()) > limite:
            request.max_content_length = limite
            abort(413)
        return None

    server.register_blueprint(acceso.bp)
    publico.registrar(server)
    salud.registrar(server, settings)

    @server.after_request
    def _seguridad(respuesta: Response) -> Response:
        scripts = " ".join(["'self'", *csp_script_hashes()])
        return _cabeceras(respuesta, scripts, settings.desarrollo)

    errores.instalar(server, time.monotonic)
