"""Shared fixtures: databases (SQLite and PostgreSQL) and a clean Dash registry."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text

from data_layer.db import make_engine
from data_layer.migrate import upgrade

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_PG_URL_BASE = os.environ.get("SIGPRET_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _url_del_trabajador(url: str) -> str:
    """Under pytest-xdist each worker has a PostgreSQL database of its own (``test_gw0``, …)."""
    trabajador = os.environ.get("PYTEST_XDIST_WORKER")
    if not trabajador:
        return url
    partes = make_url(url)
    return partes.set(database=f"{partes.database}_{trabajador}").render_as_string(
        hide_password=False
    )


PG_URL = _url_del_trabajador(_PG_URL_BASE)
_bd_creada = False


def unavailable(reason: str) -> None:
    """Skip locally, but fail in CI: there a missing database or browser is a broken build."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: falta un servicio obligatorio)")
    pytest.skip(reason)


def asegurar_bd_postgres() -> None:
    """Create this worker's PostgreSQL database the first time it is needed (xdist only)."""
    global _bd_creada
    if _bd_creada or PG_URL == _PG_URL_BASE:
        return
    nombre = make_url(PG_URL).database
    base = make_engine(_PG_URL_BASE).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with base.connect() as conn:
            existe = conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": nombre}
            )
            if not existe:
                conn.execute(text(f'CREATE DATABASE "{nombre}"'))
    except Exception as exc:  # any connection failure means "no server"
        unavailable(f"PostgreSQL no disponible en {_PG_URL_BASE}: {exc.__class__.__name__}")
    finally:
        base.dispose()
    _bd_creada = True


def _postgres_schema() -> Engine:
    asegurar_bd_postgres()
    engine = make_engine(PG_URL)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    except Exception as exc:  # any connection failure means "no server"
        engine.dispose()
        unavailable(f"PostgreSQL no disponible en {PG_URL}: {exc.__class__.__name__}")
    upgrade(engine)
    return engine


@pytest.fixture(scope="session", autouse=True)
def evidencias_de_sesion(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Files the tests store (the demo's product documents, uploads through an app that keeps
    the configured folder) go to a temporary ``SIGPRET_EVIDENCIAS``, never to ``instance/``."""
    carpeta = tmp_path_factory.mktemp("evidencias")
    antes = os.environ.get("SIGPRET_EVIDENCIAS")
    os.environ["SIGPRET_EVIDENCIAS"] = str(carpeta)
    yield carpeta
    if antes is None:
        os.environ.pop("SIGPRET_EVIDENCIAS", None)
    else:
        os.environ["SIGPRET_EVIDENCIAS"] = antes


@pytest.fixture(scope="session")
def _postgres() -> Iterator[Engine]:
    """The PostgreSQL test database, migrated once per test session."""
    engine = _postgres_schema()
    yield engine
    engine.dispose()


def _vaciar(engine: Engine) -> None:
    """Empty every table (TRUNCATE: fast, and allowed on the append-only audit table)."""
    from data_layer.models import Base

    upgrade(engine)  # a no-op, unless a test migrated down
    tablas = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tablas} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session")
def _sqlite_plantilla(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty SQLite file, copied for each test (cheaper than migrating each time)."""
    ruta = tmp_path_factory.mktemp("plantilla") / "sigpret.db"
    eng = make_engine(f"sqlite:///{ruta}")
    upgrade(eng)
    eng.dispose()  # the last connection checkpoints the WAL into the main file
    return ruta


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    """A migrated, empty database: once on SQLite (a file, WAL) and once on PostgreSQL."""
    if request.param == "sqlite":
        ruta = tmp_path / "sigpret.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_plantilla"), ruta)
        eng = make_engine(f"sqlite:///{ruta}")
        yield eng
        eng.dispose()
    else:
        eng = request.getfixturevalue("_postgres")
        _vaciar(eng)
        yield eng


@pytest.fixture
def sqlite_engine(tmp_path, _sqlite_plantilla: Path) -> Iterator[Engine]:
    """A migrated, empty SQLite database, for tests that need one database only."""
    ruta = tmp_path / "sigpret.db"
    shutil.copyfile(_sqlite_plantilla, ruta)
    eng = make_engine(f"sqlite:///{ruta}")
    yield eng
    eng.dispose()


@pytest.fixture(autouse=True)
def _sin_despacho_de_correo() -> Iterator[None]:
    """No test inherits the e-mail despachador of an app an earlier test created on the same
    database URL (it would deliver that test's mail in a thread); an app made in the test
    activates its own."""
    from data_layer.correo import configurar_despacho

    configurar_despacho(None, None)
    yield
    configurar_despacho(None, None)


@pytest.fixture(autouse=True)
def _sin_alcances_previos() -> Iterator[None]:
    """Each test starts with no cached session scope (tests empty databases and reuse ids)."""
    from data_layer import auth

    auth.olvidar_alcances()
    yield


@pytest.fixture(autouse=True)
def _clean_dash_globals() -> Iterator[None]:
    """Each test starts with no registered page or callback (pages register on import)."""
    yield
    if "dash" in sys.modules:
        import dash._callback
        import dash._pages

        dash._pages.PAGE_REGISTRY.clear()
        dash._callback.GLOBAL_CALLBACK_LIST.clear()
        dash._callback.GLOBAL_CALLBACK_MAP.clear()
        dash._callback.GLOBAL_INLINE_SCRIPTS.clear()


@contextmanager
def sesion_de_prueba(
    app, path: str = "/", rol: str = "analista", sectores=(), instituciones=()
) -> Iterator[None]:
    """A request of ``app`` (as Dash runs callbacks) made by a logged-in user of ``rol``.

    For calling page callbacks as plain functions; the scope decides what data they see.
    """
    from flask_login import login_user

    from dashboard.seguridad import UsuarioWeb
    from data_layer.auth import Alcance
    from data_layer.models import Rol

    alcance = Alcance(
        usuario="prueba",
        rol=Rol(rol),
        sectores=frozenset(sectores),
        instituciones=frozenset(instituciones),
    )
    with app.server.test_request_context(path):
        login_user(UsuarioWeb(alcance, token="prueba"))
        yield


#: The navbar's one callback (context and badges, :func:`dashboard.shell._register_barra`), in
#: the order the app declares its outputs when every page is registered.
SALIDAS_BARRA = (
    ("shell-contexto", "children"),
    ("shell-alertas-badge", "children"),
    ("shell-validacion-badge", "children"),
    ("shell-pendientes-badge", "children"),
    ("shell-avisos-badge", "children"),
)


def llamada_barra(pathname: object = "/") -> dict:
    """The body Dash's renderer sends for the navbar's callback on a navigation to
    ``pathname``: a cheap, always-present callback for tests of the request machinery."""
    return {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in SALIDAS_BARRA) + "..",
        "outputs": [{"id": i, "property": p} for i, p in SALIDAS_BARRA],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "shell-avisos-cambio", "property": "data", "value": None},
        ],
        "changedPropIds": [],
        "state": [],
    }


def login_http(cliente, usuario: str, clave: str):
    """Log a Flask test client in through the real form (GET for the CSRF token, then POST)."""
    pagina = cliente.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', pagina).group(1)
    return cliente.post("/login", data={"csrf_token": token, "usuario": usuario, "clave": clave})


def cliente_demo(app, usuario: str):
    """A test client of ``app`` logged in through the real form as the demo user ``usuario``."""
    from data_layer.demo import clave_demo

    c = app.server.test_client()
    assert login_http(c, usuario, clave_demo(usuario)).status_code == 302
    return c


@pytest.fixture(scope="session")
def demo_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated SQLite database with the whole demo (MCR, one user per role, mesas), once per
    session, loaded as `sigpret seed demo` does."""
    from data_layer.demo import DEMO_DIR, cargar_demo

    if not (DEMO_DIR / "metas.csv").exists():
        pytest.fail(f"Faltan los datos de demostración en {DEMO_DIR}")
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'sigpret.db'}"
    engine = make_engine(url)
    upgrade(engine)
    resultado = cargar_demo(engine)
    engine.dispose()
    assert resultado.importacion.ok, [str(e) for e in resultado.importacion.errores]
    yield url


def borrar_publicaciones(url: str) -> None:
    """Remove the demo's published quarters (2026-T2, 2026-T3) from the database at ``url``, for
    tests that start from an empty public portal."""
    from data_layer.db import get_engine, session_factory
    from data_layer.publicacion.models import Publicacion

    with session_factory(get_engine(url), escritura=True)() as s, s.begin():
        s.query(Publicacion).delete()
