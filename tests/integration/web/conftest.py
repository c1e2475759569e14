"""A demo database each web test may write: a copy of the SQLite demo, or PostgreSQL's demo schema.

The PostgreSQL demo lives in a schema of its own (:data:`ESQUEMA`) of the ``SIGPRET_TEST_PG_URL``
database, reached through the URL's ``search_path``: other tests empty the ``public`` schema
between tests, and loading the demo takes about 25 s, so it is loaded once per session. A copy of
every table the web app can write is kept in a second schema (:data:`COPIA`); before each test
those tables are truncated and refilled from it and every sequence is put back, which restores
the demo exactly in a fraction of a second. The MCR tables are left alone: only an import writes
them, and :func:`private_demo_url` fails a test that imports.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, Table, func, select, text
from sqlalchemy.engine import make_url

import data_layer.mesas.models  # noqa: F401 (registers the mesa tables in Base.metadata)
from data_layer import auth, models
from data_layer.db import get_engine, make_engine, session_scope
from data_layer.migrate import upgrade
from tests.conftest import PG_URL, _vaciar, asegurar_bd_postgres, unavailable
from tests.proxy_tcp import ProxyTCP

#: Schema holding the PostgreSQL demo the tests use, and the one holding its pristine copy.
ESQUEMA = "web_demo"
COPIA = "web_demo_copia"

#: Tables only ``import_mcr`` writes (with an ``importacion`` row each time): not restored.
#: (``avance`` is restored: the reporting forms write value versions; so are ``programacion``
#: and ``revision_programacion``: an approved target revision writes them.)
TABLAS_MCR = frozenset(
    t.name if isinstance(t, Table) else t.__tablename__
    for t in (
        models.Eje,
        models.Sector,
        models.sector_eje,
        models.Institucion,
        models.InstitucionSector,
        models.TemaTransversal,
        models.Meta,
        models.Contribucion,
        models.Indicador,
        models.indicador_tema,
        models.Importacion,
    )
)


def url_en_esquema(url: str, esquema: str) -> str:
    """``url`` with every connection's ``search_path`` set to ``esquema`` only."""
    en_esquema = make_url(url).update_query_dict({"options": f"-csearch_path={esquema}"})
    return en_esquema.render_as_string(hide_password=False)


@dataclass(frozen=True)
class DemoPostgres:
    """The PostgreSQL demo of the session and what restoring it needs.

    Attributes:
        url: the URL whose connections work in :data:`ESQUEMA`.
        tablas: the tables restored before each test, parents first.
        secuencias: every sequence of the schema with its value after the demo load
            (None: never used).
        importacion: the id of the demo's import (a test that imports changes the latest one).
    """

    url: str
    tablas: tuple[str, ...]
    secuencias: tuple[tuple[str, int | None], ...]
    importacion: int

    def restaurar(self, engine: Engine) -> None:
        """Put the restored tables and every sequence back as the demo left them."""
        lista = ", ".join(f'"{ESQUEMA}"."{t}"' for t in self.tablas)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {lista}"))
            for t in self.tablas:
                conn.execute(text(f'INSERT INTO "{ESQUEMA}"."{t}" SELECT * FROM "{COPIA}"."{t}"'))
            for secuencia, valor in self.secuencias:
                conn.execute(
                    text("SELECT setval(CAST(:s AS regclass), :v, :usada)"),
                    {
                        "s": f'"{ESQUEMA}"."{secuencia}"',
                        "v": valor or 1,
                        "usada": valor is not None,
                    },
                )


def ultima_importacion(engine: Engine) -> int:
    """The id of the latest import in ``engine``'s database (0: none)."""
    with engine.connect() as conn:
        return conn.scalar(select(func.max(models.Importacion.__table__.c.id))) or 0


def _crear_esquemas(admin: Engine) -> None:
    try:
        with admin.begin() as conn:
            for esquema in (ESQUEMA, COPIA):
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{esquema}" CASCADE'))
                conn.execute(text(f'CREATE SCHEMA "{esquema}"'))
    except Exception as exc:  # any connection failure means "no server"
        admin.dispose()
        unavailable(f"PostgreSQL no disponible en {PG_URL}: {exc.__class__.__name__}")


@pytest.fixture(scope="session")
def _demo_postgres() -> Iterator[DemoPostgres]:
    """The demo (migrate + ``cargar_demo``) in :data:`ESQUEMA`, loaded once, and its copy."""
    from data_layer.demo import cargar_demo

    asegurar_bd_postgres()
    admin = make_engine(PG_URL)
    _crear_esquemas(admin)
    url = url_en_esquema(PG_URL, ESQUEMA)
    engine = make_engine(url)
    upgrade(engine)
    resultado = cargar_demo(engine)
    assert resultado.importacion.ok, [str(e) for e in resultado.importacion.errores]
    importacion = ultima_importacion(engine)
    engine.dispose()

    tablas = tuple(t.name for t in models.Base.metadata.sorted_tables if t.name not in TABLAS_MCR)
    with admin.begin() as conn:
        for t in tablas:
            conn.execute(text(f'CREATE TABLE "{COPIA}"."{t}" AS TABLE "{ESQUEMA}"."{t}"'))
        secuencias = conn.execute(
            text("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = :e"),
            {"e": ESQUEMA},
        ).all()
    demo = DemoPostgres(
        url=url,
        tablas=tablas,
        secuencias=tuple((str(s), v) for s, v in secuencias),
        importacion=importacion,
    )
    yield demo
    get_engine(url).dispose()  # the apps' pooled connections, before the schemas go
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{ESQUEMA}", "{COPIA}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def private_demo_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database holding exactly the demo, that the test may write: once a private copy of the
    SQLite demo file, once PostgreSQL's demo schema, restored before the test."""
    if request.param == "sqlite":
        origen = request.getfixturevalue("demo_database_url").split("///", 1)[1]
        destino = tmp_path / "demo.db"
        shutil.copyfile(origen, destino)
        yield f"sqlite:///{destino}"
        return
    demo: DemoPostgres = request.getfixturevalue("_demo_postgres")
    engine = get_engine(demo.url)  # the engine the app under test uses too
    demo.restaurar(engine)
    yield demo.url
    assert ultima_importacion(engine) == demo.importacion, (
        "la prueba importó una MCR: esta base solo restaura las tablas que escribe la web"
    )


# --- PostgreSQL behind a TCP proxy, for the fault tests (tests/proxy_tcp.py) ---

#: The password of «ana», the analyst of :func:`postgres` (the fault tests' database).
CLAVE_ANA = "Clave-De-Prueba-2026"


@pytest.fixture
def postgres(_postgres: Engine) -> Engine:
    """The PostgreSQL test database, emptied, with one analyst user."""
    _vaciar(_postgres)
    with session_scope(_postgres) as s:
        auth.crear_usuario(s, "ana", "analista", CLAVE_ANA, actor="prueba")
    return _postgres


@pytest.fixture
def proxy(postgres: Engine) -> Iterator[ProxyTCP]:
    """A TCP proxy in front of the test database's PostgreSQL server."""
    url = postgres.url
    with ProxyTCP(url.host or "127.0.0.1", url.port or 5432) as p:
        yield p


def url_por(proxy: ProxyTCP) -> str:
    """The test database's URL, reached through ``proxy``."""
    url = make_url(PG_URL).set(host="127.0.0.1", port=proxy.puerto)
    return url.render_as_string(hide_password=False)
