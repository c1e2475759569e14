"""Settings read from the environment, with the defaults of a local demo installation.

Every value is checked when it is read (:meth:`Settings.from_env`): a wrong one stops the start
with a Spanish message naming the variable and what it accepts (:class:`ErrorConfiguracion`),
instead of surfacing later as a strange failure.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("SIGPRET_INSTANCE", PROJECT_ROOT / "instance"))

#: Largest request body of forms and callbacks, in MB, unless SIGPRET_MAX_SOLICITUD_MB says.
MAX_SOLICITUD_MB = 2.0
#: Largest MCR workbook uploaded on /importar, in MB, unless SIGPRET_MAX_LIBRO_MB says (the
#: demo at 10× is 6.6 MB; larger workbooks go through `sigpret import mcr`).
MAX_LIBRO_MB = 12.0
#: Largest evidence file (DOMAIN.md §8). The callbacks that carry an evidence upload raise the
#: request limit for themselves only (:mod:`dashboard.seguridad`); every other request keeps the
#: 2 MB above.
MAX_EVIDENCIA_BYTES = 10 * 1024 * 1024
#: Where evidence files live unless SIGPRET_EVIDENCIAS says (outside the web root).
EVIDENCIAS_DIR = INSTANCE_DIR / "evidencias"
#: The folder Dash serves to the browser: evidence must never live under it.
_WEB_ROOT = PROJECT_ROOT / "assets"
#: Per-address rate limit of the login and password forms (Flask-Limiter notation).
LIMITE_LOGIN = "20 per minute;200 per hour"
#: Per-address rate limit of the public portal, its open data and its API (issue #14).
LIMITE_PUBLICO = "120 per minute;2000 per hour"
#: The From of every e-mail unless SMTP_REMITENTE says.
REMITENTE = "SIGPRET <no-responder@sigpret.local>"
#: Where the links of the e-mails point unless SIGPRET_URL_BASE says (the local demo).
URL_BASE = "http://127.0.0.1:8050"
#: Database connect and statement timeouts in seconds, unless SIGPRET_BD_CONEXION_S and
#: SIGPRET_BD_CONSULTA_S say (see :mod:`data_layer.plazos`).
BD_CONEXION_S = 3
BD_CONSULTA_S = 30
#: Most reverse proxies that may be trusted in front of the app.
MAX_SALTOS = 5

_SI = {"1", "true", "si", "sí", "yes", "on"}
_NO = {"", "0", "false", "no", "off"}


class ErrorConfiguracion(ValueError):
    """A wrong environment variable; the message (Spanish) names it and what it accepts."""


def default_database_url() -> str:
    """The embedded SQLite database under ``instance/``."""
    return f"sqlite:///{INSTANCE_DIR / 'sigpret.db'}"


def _entero(entorno: Mapping[str, str], nombre: str, defecto: int, minimo: int, maximo: int) -> int:
    texto = entorno.get(nombre, "").strip()
    if not texto:
        return defecto
    try:
        valor = int(texto)
    except ValueError:
        valor = minimo - 1
    if not minimo <= valor <= maximo:
        raise ErrorConfiguracion(
            f"{nombre} debe ser un número entero de {minimo} a {maximo}, no «{texto}»."
        )
    return valor


def _si_no(entorno: Mapping[str, str], nombre: str) -> bool:
    texto = entorno.get(nombre, "").strip().lower()
    if texto in _SI:
        return True
    if texto in _NO:
        return False
    raise ErrorConfiguracion(f"{nombre} debe ser 1 (sí) o 0 (no), no «{texto}».")


def _megas(entorno: Mapping[str, str], nombre: str, defecto: float) -> int:
    texto = entorno.get(nombre, "").strip()
    if not texto:
        return int(defecto * 1024 * 1024)
    try:
        valor = float(texto)
    except ValueError:
        valor = 0.0
    if not 0 < valor <= 100:
        raise ErrorConfiguracion(
            f"{nombre} debe ser un tamaño en MB mayor que 0 y de hasta 100 (p. ej. 2 o 0.5), "
            f"no «{texto}»."
        )
    return int(valor * 1024 * 1024)


def _carpeta_evidencias(entorno: Mapping[str, str]) -> str:
    texto = entorno.get("SIGPRET_EVIDENCIAS", "").strip()
    carpeta = Path(texto).expanduser() if texto else EVIDENCIAS_DIR
    if not carpeta.is_absolute():
        raise ErrorConfiguracion(
            f"SIGPRET_EVIDENCIAS debe ser una ruta absoluta (p. ej. /srv/sigpret/evidencias), "
            f"no «{texto}»."
        )
    resuelta = carpeta.resolve()
    web = _WEB_ROOT.resolve()
    if resuelta == web or web in resuelta.parents:
        raise ErrorConfiguracion(
            f"SIGPRET_EVIDENCIAS no puede estar dentro de la carpeta pública {web}: los archivos "
            "de evidencia se sirven solo por la ruta que revisa permisos."
        )
    return str(carpeta)


def _limite(entorno: Mapping[str, str], nombre: str, defecto: str) -> str:
    texto = entorno.get(nombre, "").strip() or defecto
    from limits import parse_many  # Flask-Limiter's own parser: the notation it will read

    try:
        parse_many(texto)
    except ValueError:
        raise ErrorConfiguracion(
            f"{nombre} debe ser un límite como «20 per minute;200 per hour», no «{texto}»."
        ) from None
    return texto


def _remitente(entorno: Mapping[str, str]) -> str:
    texto = entorno.get("SMTP_REMITENTE", "").strip() or REMITENTE
    if "@" not in parseaddr(texto)[1]:
        raise ErrorConfiguracion(
            f"SMTP_REMITENTE debe ser una dirección de correo (p. ej. «SIGPRET "
            f"<no-responder@sigpret.gob.hn>»), no «{texto}»."
        )
    return texto


def _url_base(entorno: Mapping[str, str]) -> str:
    texto = entorno.get("SIGPRET_URL_BASE", "").strip() or URL_BASE
    if not texto.startswith(("http://", "https://")):
        raise ErrorConfiguracion(
            f"SIGPRET_URL_BASE debe empezar con http:// o https:// (p. ej. "
            f"https://sigpret.gob.hn), no «{texto}»."
        )
    return texto.rstrip("/")


@dataclass(frozen=True)
class Settings:
    """Runtime configuration; see the README's configuration table.

    Attributes:
        database_url: SQLAlchemy URL (``DATABASE_URL``).
        redis_url: shared cache and rate-limit storage (``REDIS_URL``), or None.
        secret_key: signs the session cookie (``SECRET_KEY``), or None.
        reglas_path: TOML file overriding the computation rules (``SIGPRET_REGLAS``), or None.
        proxy_saltos: reverse proxies trusted in front of the app (``SIGPRET_PROXY_SALTOS``):
            0 means none, so X-Forwarded-* headers are ignored.
        desarrollo: explicit development mode (``SIGPRET_DESARROLLO``; ``sigpret serve`` on a
            loopback address sets it): cookies without Secure, no HSTS, readable log lines.
        max_solicitud_bytes: largest request body (``SIGPRET_MAX_SOLICITUD_MB``).
        limite_login: per-address rate limit of the login and password forms
            (``SIGPRET_LIMITE_LOGIN``).
        limite_publico: per-address rate limit of the public portal, open data and API
            (``SIGPRET_LIMITE_PUBLICO``).
        workers: gunicorn worker processes (``WEB_CONCURRENCY``).
        hilos: threads per worker (``SIGPRET_HILOS``).
        puerto: the port gunicorn binds in production (``PORT``).
        evidencias_dir: the folder of evidence files (``SIGPRET_EVIDENCIAS``; default
            ``instance/evidencias``), outside the web root; in production a volume shared by
            every web server.
        max_evidencia_bytes: largest evidence file (10 MB, DOMAIN.md §8).
        max_libro_bytes: largest MCR workbook uploaded on /importar (``SIGPRET_MAX_LIBRO_MB``).
        smtp_host: the SMTP server e-mail leaves through (``SMTP_HOST``); None: the embedded
            mode, which delivers every message to the local mailbox read on /correo.
        smtp_puerto: its port (``SMTP_PORT``, default 587).
        smtp_usuario: login on the server (``SMTP_USUARIO``), or None (no login).
        smtp_clave: its password (``SMTP_CLAVE``).
        smtp_remitente: the From address (``SMTP_REMITENTE``).
        url_base: where users open SIGPRET (``SIGPRET_URL_BASE``): the links of every e-mail.
        bd_conexion_s: PostgreSQL connect timeout (``SIGPRET_BD_CONEXION_S``, 2 to 60).
        bd_consulta_s: PostgreSQL statement timeout (``SIGPRET_BD_CONSULTA_S``, 1 to 3600).
    """

    database_url: str
    redis_url: str | None
    secret_key: str | None
    reglas_path: str | None
    proxy_saltos: int = 0
    desarrollo: bool = False
    max_solicitud_bytes: int = int(MAX_SOLICITUD_MB * 1024 * 1024)
    limite_login: str = LIMITE_LOGIN
    limite_publico: str = LIMITE_PUBLICO
    workers: int = 2
    hilos: int = 8
    puerto: int = 8050
    evidencias_dir: str = str(EVIDENCIAS_DIR)
    max_evidencia_bytes: int = MAX_EVIDENCIA_BYTES
    max_libro_bytes: int = int(MAX_LIBRO_MB * 1024 * 1024)
    smtp_host: str | None = None
    smtp_puerto: int = 587
    smtp_usuario: str | None = None
    smtp_clave: str | None = None
    smtp_remitente: str = REMITENTE
    url_base: str = URL_BASE
    bd_conexion_s: int = BD_CONEXION_S
    bd_consulta_s: int = BD_CONSULTA_S

    @classmethod
    def from_env(cls, entorno: Mapping[str, str] | None = None) -> Settings:
        """Read and check the settings from environment variables.

        Raises:
            ErrorConfiguracion: a variable has a value it does not accept.
        """
        e = os.environ if entorno is None else entorno
        return cls(
            database_url=e.get("DATABASE_URL") or default_database_url(),
            redis_url=e.get("REDIS_URL") or None,
            secret_key=e.get("SECRET_KEY") or None,
            reglas_path=e.get("SIGPRET_REGLAS") or None,
            proxy_saltos=_entero(e, "SIGPRET_PROXY_SALTOS", 0, 0, MAX_SALTOS),
            desarrollo=_si_no(e, "SIGPRET_DESARROLLO"),
            max_solicitud_bytes=_megas(e, "SIGPRET_MAX_SOLICITUD_MB", MAX_SOLICITUD_MB),
            max_libro_bytes=_megas(e, "SIGPRET_MAX_LIBRO_MB", MAX_LIBRO_MB),
            limite_login=_limite(e, "SIGPRET_LIMITE_LOGIN", LIMITE_LOGIN),
            limite_publico=_limite(e, "SIGPRET_LIMITE_PUBLICO", LIMITE_PUBLICO),
            workers=_entero(e, "WEB_CONCURRENCY", 2, 1, 64),
            hilos=_entero(e, "SIGPRET_HILOS", 8, 1, 64),
            puerto=_entero(e, "PORT", 8050, 1, 65535),
            evidencias_dir=_carpeta_evidencias(e),
            smtp_host=e.get("SMTP_HOST", "").strip() or None,
            smtp_puerto=_entero(e, "SMTP_PORT", 587, 1, 65535),
            smtp_usuario=e.get("SMTP_USUARIO", "").strip() or None,
            smtp_clave=e.get("SMTP_CLAVE") or None,
            smtp_remitente=_remitente(e),
            url_base=_url_base(e),
            bd_conexion_s=_entero(e, "SIGPRET_BD_CONEXION_S", BD_CONEXION_S, 2, 60),
            bd_consulta_s=_entero(e, "SIGPRET_BD_CONSULTA_S", BD_CONSULTA_S, 1, 3600),
        )


def tiempos_bd(entorno: Mapping[str, str] | None = None) -> tuple[int, int]:
    """The database connect and statement timeouts in seconds (``SIGPRET_BD_CONEXION_S``,
    ``SIGPRET_BD_CONSULTA_S``), checked like every other setting.

    Raises:
        ErrorConfiguracion: one of them is not a whole number in its range.
    """
    e = os.environ if entorno is None else entorno
    return (
        _entero(e, "SIGPRET_BD_CONEXION_S", BD_CONEXION_S, 2, 60),
        _entero(e, "SIGPRET_BD_CONSULTA_S", BD_CONSULTA_S, 1, 3600),
    )
