"""``sigpret db backup`` / ``sigpret db restore`` on SQLite and PostgreSQL (issue #15).

Found: copying the SQLite file while the server wrote lost 22 acknowledged acuerdos and a whole
import. Here a thread keeps committing rows into a real table (``intento_login``) while the
backup runs; after restoring, every row acknowledged before the backup started is there, nothing
written after it finished is, the restored database migrates (``sigpret db upgrade``) and opens.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, make_url, select, text

from data_layer.cli import main
from data_layer.db import get_engine, make_engine
from data_layer.migrate import upgrade
from data_layer.models import IntentoLogin
from data_layer.respaldo import conexion_libpq
from tests.conftest import PG_URL, asegurar_bd_postgres, unavailable

#: A PostgreSQL database of its own: a restore refuses while anyone else is connected, and the
#: shared test database always has someone.
BD_RESPALDO = "_respaldo"
AHORA = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)


class Escritor(threading.Thread):
    """Commits one ``intento_login`` row per transaction until stopped; ``confirmadas`` lists
    the rows whose commit returned (what a user was told was saved), in order."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(daemon=True)
        self.engine = engine
        self.confirmadas: list[str] = []
        self.alto = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        n = 0
        try:
            while not self.alto.is_set():
                n += 1
                usuario = f"w{n}"
                with self.engine.begin() as conn:
                    conn.execute(
                        insert(IntentoLogin).values(
                            usuario=usuario, direccion="127.0.0.1", momento=AHORA
                        )
                    )
                self.confirmadas.append(usuario)
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            self.error = exc


def _relleno(engine: Engine, filas: int) -> None:
    """Bulk rows, so the backup takes long enough for writes to land while it runs."""
    with engine.begin() as conn:
        conn.execute(
            insert(IntentoLogin),
            [
                {"usuario": f"r{i}", "direccion": "10.0.0.1" + "x" * 40, "momento": AHORA}
                for i in range(filas)
            ],
        )


@pytest.fixture
def url_sqlite(tmp_path: Path) -> str:
    """A migrated SQLite database in a temporary folder."""
    url = f"sqlite:///{tmp_path / 'sigpret.db'}"
    eng = make_engine(url)
    upgrade(eng)
    eng.dispose()
    return url


@pytest.fixture
def url_postgresql() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database ``<test db>_respaldo``, dropped afterwards."""
    asegurar_bd_postgres()
    url = make_url(PG_URL)
    nombre = f"{url.database}{BD_RESPALDO}"
    propia = url.set(database=nombre).render_as_string(hide_password=False)
    admin = make_engine(PG_URL).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{nombre}"'))
    except Exception as exc:  # any connection failure means "no server"
        admin.dispose()
        unavailable(f"PostgreSQL no disponible en {PG_URL}: {exc.__class__.__name__}")
    eng = make_engine(propia)
    upgrade(eng)
    eng.dispose()
    yield propia
    get_engine(propia).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest) -> str:
    """The database under test: SQLite (a WAL file) or PostgreSQL."""
    return str(request.getfixturevalue(f"url_{request.param}"))


def _usuarios(url: str) -> set[str]:
    eng = make_engine(url)
    try:
        with eng.connect() as conn:
            return set(conn.scalars(select(IntentoLogin.usuario)))
    finally:
        eng.dispose()


def test_a_backup_taken_while_writes_flow_restores_every_acknowledged_write(
    url: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    """While a thread commits rows, ``sigpret db backup`` copies the database; the writer is
    stopped and ``sigpret db restore`` brings the backup back: every row acknowledged before
    the backup started is there, the rows acknowledged after it finished are not (it is the
    backup, not the live database), and the restored database passes ``sigpret db upgrade``
    and opens."""
    monkeypatch.setenv("DATABASE_URL", url)
    escritor_engine = make_engine(url)
    _relleno(escritor_engine, 60_000)
    escritor = Escritor(escritor_engine)
    escritor.start()
    while len(escritor.confirmadas) < 50 and escritor.is_alive():
        time.sleep(0.01)
    antes = list(escritor.confirmadas)
    destino = tmp_path / "respaldo.bak"
    assert main(["db", "backup", str(destino)]) == 0
    despues_del_respaldo = len(escritor.confirmadas)
    while len(escritor.confirmadas) < despues_del_respaldo + 20 and escritor.is_alive():
        time.sleep(0.01)
    escritor.alto.set()
    escritor.join(timeout=30)
    assert escritor.error is None, escritor.error
    tardias = escritor.confirmadas[despues_del_respaldo:]
    assert despues_del_respaldo > len(antes), "ninguna escritura ocurrió durante el respaldo"
    salida = capsys.readouterr().out
    assert "Respaldo de la base" in salida and str(destino) in salida

    if url.startswith("postgresql"):
        # The writer's pooled connection is still open: the restore refuses, changes nothing.
        assert main(["db", "restore", str(destino)]) == 2
        assert "Detenga la aplicación" in capsys.readouterr().err
    escritor_engine.dispose()

    assert main(["db", "restore", str(destino)]) == 0
    assert "restaurada desde" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    restaurada = _usuarios(url)
    faltan = [u for u in antes if u not in restaurada]
    assert not faltan, f"{len(faltan)} escrituras confirmadas antes del respaldo se perdieron"
    assert not restaurada & set(tardias)
    assert sum(1 for u in restaurada if u.startswith("r")) == 60_000


def test_a_backup_never_overwrites_a_file(url_sqlite: str, tmp_path: Path, monkeypatch, capsys):
    """An existing destination (yesterday's backup, or the database itself) is refused in
    Spanish and left as it was."""
    monkeypatch.setenv("DATABASE_URL", url_sqlite)
    existente = tmp_path / "ayer.bak"
    existente.write_bytes(b"respaldo de ayer")
    assert main(["db", "backup", str(existente)]) == 2
    assert "ya existe" in capsys.readouterr().err
    assert existente.read_bytes() == b"respaldo de ayer"
    base = make_url(url_sqlite).database
    assert main(["db", "backup", str(base)]) == 2
    assert "Error:" in capsys.readouterr().err


def test_a_sqlite_restore_refuses_while_another_process_has_the_database_open(
    url_sqlite: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    """While another process (as the running server would) has the database open, the restore
    is refused with a Spanish message asking to stop the app, and the live file is untouched;
    once that process ends the restore goes through and keeps the previous database."""
    monkeypatch.setenv("DATABASE_URL", url_sqlite)
    destino = tmp_path / "respaldo.db"
    assert main(["db", "backup", str(destino)]) == 0
    base = Path(str(make_url(url_sqlite).database))
    eng = make_engine(url_sqlite)
    with eng.begin() as conn:
        conn.execute(insert(IntentoLogin).values(usuario="nuevo", direccion="x", momento=AHORA))
    eng.dispose()
    servidor = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('PRAGMA journal_mode=WAL'); c.execute('SELECT count(*) FROM usuario'); "
            "print('listo', flush=True); sys.stdin.read()",
            str(base),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert servidor.stdout is not None and servidor.stdout.readline().strip() == "listo"
        assert main(["db", "restore", str(destino)]) == 2
        assert "Detenga la aplicación" in capsys.readouterr().err
        assert "nuevo" in _usuarios(url_sqlite)
    finally:
        servidor.communicate("", timeout=10)
    assert main(["db", "restore", str(destino)]) == 0
    assert "La base anterior se conserva" in capsys.readouterr().out
    assert "nuevo" not in _usuarios(url_sqlite)
    anteriores = list(base.parent.glob(base.name + ".antes-*"))
    assert len(anteriores) == 1 and "nuevo" in _usuarios(f"sqlite:///{anteriores[0]}")


def test_a_restore_refuses_what_is_not_a_backup(url_sqlite: str, tmp_path, monkeypatch, capsys):
    """A file that is not a backup (a CSV, a workbook) is refused before anything changes."""
    monkeypatch.setenv("DATABASE_URL", url_sqlite)
    falso = tmp_path / "metas.csv"
    falso.write_text("codigo,nombre\n")
    assert main(["db", "restore", str(falso)]) == 2
    assert "no es un respaldo" in capsys.readouterr().err


def test_missing_postgres_client_programs_are_explained_in_spanish(
    monkeypatch, tmp_path, capsys
) -> None:
    """Without pg_dump in the PATH the backup says which program is missing and how to get it,
    in Spanish, instead of a traceback."""
    monkeypatch.setenv("DATABASE_URL", "postgresql://sigpret@127.0.0.1:9/sigpret")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["db", "backup", str(tmp_path / "x.dump")]) == 2
    assert "no se encontró el programa pg_dump" in capsys.readouterr().err


def test_the_password_goes_in_the_environment_not_in_the_command_line() -> None:
    """The libpq connection string given to pg_dump/pg_restore carries host, port, user,
    database and the URL's options, but never the password (it goes in PGPASSWORD, which ``ps``
    does not show)."""
    conexion, entorno = conexion_libpq(
        "postgresql://sigpret:s3cr'eto x@db.interno:5433/sigpret?sslmode=require"
        "&options=-csearch_path%3Dweb_demo"
    )
    assert "s3cr" not in conexion
    assert entorno == {"PGPASSWORD": "s3cr'eto x"}
    for parte in ("host=db.interno", "port=5433", "user=sigpret", "dbname=sigpret"):
        assert parte in conexion
    assert "sslmode=require" in conexion and "search_path=web_demo" in conexion
