"""The front door's pages, as a Flask blueprint: login, logout, password change, one's e-mail
preferences («Mis preferencias»), and the icon.

Pages are Jinja templates of ``dashboard/templates`` (auto-escaped: whatever a user typed comes
back as text). Checking passwords, the throttle and the audit records are the data layer's
(:mod:`data_layer.login`); these views read the form, check its CSRF token and answer in Spanish.
The per-address rate limit of the POSTs is attached to this blueprint by
:mod:`dashboard.limitador`.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
)
from flask_login import current_user, login_user, logout_user

from dashboard import seguridad
from dashboard.peticiones import SiguienteInvalido, siguiente_seguro
from data_layer import auth, usuarios
from data_layer import login as ingreso

bp = Blueprint("acceso", __name__, template_folder="templates")

LOGIN, LOGOUT, CLAVE = "/login", "/logout", "/clave"
PREFERENCIAS = "/preferencias"
#: Where a login without a destination lands: each role's home (issue #12).
INICIO = "/inicio"
FAVICON = "/favicon.ico"


def _siguiente() -> str:
    try:
        return siguiente_seguro(request.values.get("next"))
    except SiguienteInvalido:
        abort(400)


def _destino(siguiente: str) -> str:
    """Where to go once logged in: ``next``, or the role's home when it is empty or ``/`` (the
    national overview stays one click away, in the navbar's brand and the home's link)."""
    return INICIO if siguiente == "/" else siguiente


def _pagina(plantilla: str, estado: int = 200, **contexto: object) -> Response:
    html = render_template(plantilla, csrf_token=seguridad.csrf_token(), **contexto)
    return Response(html, status=estado, mimetype="text/html")


def _login_form(mensaje: str | None, usuario: str, siguiente: str, estado: int) -> Response:
    return _pagina(
        "login.html",
        estado,
        titulo="Iniciar sesión",
        mensaje=mensaje,
        usuario=usuario,
        siguiente=siguiente,
    )


@bp.route(LOGIN, methods=["GET", "POST"])
def login() -> Response:
    """The login form; on POST, check the password (throttled) and open the session."""
    siguiente = _siguiente()
    if request.method != "POST":  # GET, and HEAD (which Flask adds to every GET route)
        if current_user.is_authenticated:
            return redirect(_destino(siguiente))  # type: ignore[return-value]
        return _login_form(None, "", siguiente, 200)
    usuario = request.form.get("usuario", "")[:60]
    if not seguridad.csrf_valido():
        return _login_form("El formulario venció; inténtelo de nuevo.", usuario, siguiente, 400)
    resultado = ingreso.autenticar(
        seguridad.puerta().escritura,
        usuario,
        request.form.get("clave", "")[:200],
        seguridad.direccion_cliente(),
    )
    alcance = resultado.alcance
    if not resultado.ok or alcance is None or resultado.token is None:
        estado = 429 if resultado.espera_s else 401
        return _login_form(resultado.mensaje, usuario, siguiente, estado)
    session.clear()  # a new session id after login: no fixation
    session.permanent = True
    session["token"] = resultado.token
    login_user(
        seguridad.UsuarioWeb(
            alcance, resultado.token, debe_cambiar_clave=resultado.debe_cambiar_clave
        )
    )
    if resultado.debe_cambiar_clave:
        return redirect(CLAVE)  # type: ignore[return-value]
    return redirect(_destino(siguiente))  # type: ignore[return-value]


@bp.route(LOGOUT, methods=["POST"])
def logout() -> Response:
    """End the session on the server (every worker sees it at once) and forget the cookie."""
    if not seguridad.csrf_valido():
        abort(400)
    with seguridad.puerta().escritura() as db, db.begin():
        auth.terminar_sesion(db, session.get("token"), seguridad.direccion_cliente())
    logout_user()
    session.clear()
    return redirect(LOGIN)  # type: ignore[return-value]


def _clave_obligada(nueva: str) -> str | None:
    """Set the password of a user who logged in with a temporary one; the refusal, or None."""
    try:
        with seguridad.puerta().escritura() as db, db.begin():
            usuarios.fijar_clave_obligada(db, current_user.alcance.usuario, nueva)
    except auth.ErrorUsuario as exc:
        return str(exc)
    return None


@bp.route(CLAVE, methods=["GET", "POST"])
def clave() -> Response:
    """Change one's own password (proving the current one, throttled); every session ends.

    A user who logged in with a temporary password (spent at that login) is sent here until
    they set their own: the form asks only for the new one.
    """
    obligada = bool(getattr(current_user, "debe_cambiar_clave", False))

    def formulario(mensaje: str | None = None, estado: int = 200) -> Response:
        return _pagina(
            "clave.html",
            estado,
            titulo="Cambiar la clave",
            mensaje=mensaje,
            min_largo=auth.MIN_LARGO_CLAVE,
            obligada=obligada,
        )

    if request.method != "POST":  # GET, and HEAD (which Flask adds to every GET route)
        return formulario()
    if not seguridad.csrf_valido():
        return formulario("El formulario venció.", 400)
    if request.form.get("nueva") != request.form.get("repetida"):
        return formulario("Las claves nuevas no coinciden.")
    if obligada:
        rechazo = _clave_obligada(request.form.get("nueva", "")[:200])
        if rechazo is not None:
            return formulario(rechazo, 400)
        logout_user()
        session.clear()
        return _pagina("clave_cambiada.html", titulo="Clave cambiada")
    resultado = ingreso.cambiar_clave_propia(
        seguridad.puerta().escritura,
        current_user.alcance.usuario,
        request.form.get("actual", ""),
        request.form.get("nueva", ""),
        seguridad.direccion_cliente(),
    )
    if not resultado.ok:
        return formulario(resultado.mensaje, 429 if resultado.espera_s else 400)
    logout_user()
    session.clear()
    return _pagina("clave_cambiada.html", titulo="Clave cambiada")


@bp.route(PREFERENCIAS, methods=["GET", "POST"])
def preferencias() -> Response:
    """«Mis preferencias»: the user's e-mail and which e-mails they get (never below what their
    role requires: the locked choices say why)."""
    alcance = current_user.alcance

    def formulario(mensaje: str | None = None, estado: int = 200, exito: bool = False) -> Response:
        with seguridad.puerta().fabrica() as db:
            actuales = usuarios.preferencias(db, alcance, alcance.usuario)
        return _pagina(
            "preferencias.html",
            estado,
            titulo="Mis preferencias",
            mensaje=mensaje,
            exito=exito,
            p=actuales,
        )

    if request.method != "POST":
        return formulario()
    if not seguridad.csrf_valido():
        return formulario("El formulario venció.", 400)
    try:
        version = int(request.form.get("version", ""))
    except ValueError:
        return formulario("El formulario venció.", 400)
    try:
        with seguridad.puerta().escritura() as db, db.begin():
            cambio = usuarios.guardar_preferencias(
                db,
                alcance,
                alcance.usuario,
                correo=request.form.get("correo", "")[:300],
                resumen=request.form.get("resumen") == "si",
                recordatorios=request.form.get("recordatorios") == "si",
                version=version,
            )
    except auth.ErrorUsuario as exc:
        return formulario(f"No se guardó nada: {exc}", 400)
    if not cambio:
        return formulario("No cambió nada: no hay qué guardar.")
    return formulario("Sus preferencias se guardaron.", exito=True)


@bp.route(FAVICON)
def favicon() -> Response:
    """The icon, and nothing else (public: browsers ask for it before logging in)."""
    return send_from_directory(
        current_app.config["SIGPRET_ASSETS"],
        "favicon.ico",
        mimetype="image/vnd.microsoft.icon",
        max_age=86400,
    )
