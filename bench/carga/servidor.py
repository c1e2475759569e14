"""The database and the production server a load run uses (shared by the recorder and the driver).

The server is the one of the ``Procfile``: ``gunicorn --config gunicorn.conf.py``, with the number
of workers in ``WEB_CONCURRENCY`` and the port in ``PORT``. ``SIGPRET_DESARROLLO=1`` only drops the
Secure flag of the cookie (the load runs on plain HTTP on loopback) and HSTS.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.draw import RAIZ, seed_database

#: The bench users: ``carga.01``… with the analyst's role (who sees everything, like
#: ``analista``). One per simulated user: the login throttle counts a login in flight as a failure
#: of its user and address until the password checks, so dozens of simultaneous logins of one
#: user from one address are (rightly) refused.
PREFIJO_USUARIO = "carga."
CLAVE_CARGA = "Prueba-de-Carga-2026"
ROL_CARGA = "analista"
#: Where the login form is.
LOGIN = "/login"
#: Login attempts per address the server accepts during a run: every simulated user logs in
#: from 127.0.0.1, far past the production limit of 20 a minute.
LIMITE_LOGIN_CARGA = "100000 per minute"


def entorno_servidor(
    base: dict[str, str], database_url: str, redis_url: str | None, puerto: int, workers: int
) -> dict[str, str]:
    """The environment of the server (and of the seeding CLI) for one backend."""
    entorno = {
        **base,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "SIGPRET_DESARROLLO": "1",
        "SIGPRET_LIMITE_LOGIN": LIMITE_LOGIN_CARGA,
        "WEB_CONCURRENCY": str(workers),
        "PORT": str(puerto),
    }
    if redis_url:
        entorno["REDIS_URL"] = redis_url
    else:
        entorno.pop("REDIS_URL", None)
    return entorno


def preparar_sqlite(carpeta: Path, entorno: dict[str, str], usuarios: int) -> None:
    """Create and seed the demo in a fresh SQLite file (``DATABASE_URL`` of ``entorno``), with
    ``usuarios`` bench users."""
    seed_database(carpeta, entorno)
    crear_usuarios_carga(entorno["DATABASE_URL"], usuarios)


def preparar_postgres(
    database_url: str, redis_url: str, entorno: dict[str, str], usuarios: int
) -> None:
    """Empty the PostgreSQL database's ``public`` schema and the Redis database, then seed the
    demo with the real CLI and create ``usuarios`` bench users."""
    import redis
    from sqlalchemy import create_engine, text

    motor = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with motor.begin() as con:
        con.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    motor.dispose()
    redis.Redis.from_url(redis_url).flushdb()
    seed_database(Path(RAIZ), entorno)
    crear_usuarios_carga(database_url, usuarios)


def usuario_carga(numero: int) -> str:
    """The name of the ``numero``-th bench user (1-based)."""
    return f"{PREFIJO_USUARIO}{numero:02d}"


def crear_usuarios_carga(database_url: str, cuantos: int) -> None:
    """Create the bench users that do not exist yet, through the data layer (audited)."""
    from data_layer import auth
    from data_layer.db import make_engine, session_scope

    motor = make_engine(database_url)
    with session_scope(motor) as session:
        for numero in range(1, cuantos + 1):
            nombre = usuario_carga(numero)
            if auth.buscar(session, nombre) is None:
                auth.crear_usuario(
                    session,
                    nombre,
                    ROL_CARGA,
                    CLAVE_CARGA,
                    nombre=f"Usuario de carga {numero}",
                    actor="bench carga",
                )
    motor.dispose()


def arrancar(entorno: dict[str, str], registro: Path) -> subprocess.Popen[bytes]:
    """Start gunicorn as the ``Procfile`` does, its log to ``registro``; wait until it answers."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    salida = registro.open("ab")
    proc = subprocess.Popen(
        [
            str(gunicorn) if gunicorn.exists() else "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "dashboard:create_server()",
        ],
        cwd=RAIZ,
        env=entorno,
        stdout=salida,
        stderr=salida,
    )
    url = f"http://127.0.0.1:{entorno['PORT']}{LOGIN}"
    limite = time.monotonic() + 90
    while time.monotonic() < limite:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn terminó; ver {registro}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return proc
        except urllib.error.HTTPError:
            return proc  # it answers
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"gunicorn no respondió en 90 s; ver {registro}")


def detener(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server this run started (gunicorn stops its workers on SIGTERM)."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
