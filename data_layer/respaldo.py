"""Backups and restores of the database (``sigpret db backup`` / ``sigpret db restore``).

SQLite is copied with SQLite's online backup API in a single step: one read transaction, so the
copy is the database as of one instant even while the server writes (WAL lets writers go on).
Copying the file instead can lose acknowledged writes still in the ``-wal`` file, or tear pages
written during the copy (a copy taken that way lost 22 acuerdos and a whole import).

A restore never writes over the live file: the backup is copied next to it, checked, and renamed
onto it (atomic); the previous database stays as a hard link named ``….antes-AAAAMMDD-HHMMSS``.
It refuses while another process has the database open (the server, a worker): the running app
would keep writing into the replaced file and those writes would vanish.

PostgreSQL is dumped with ``pg_dump --format=custom`` (one snapshot: consistent while others
write) and restored with ``pg_restore --clean --if-exists --single-transaction`` (all or nothing).
The connection parameters go to them as a libpq connection string without the password, which
goes in the ``PGPASSWORD`` environment variable (never on a command line ``ps`` can show).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.engine import URL

from data_layer.errores import ErrorDeDatos

#: Byte of the ``-shm`` file every open WAL connection holds a shared lock on (SQLite's "DMS"
#: lock: WALINDEX_LOCK_OFFSET 120 + 8), so an exclusive lock on it fails while anyone has it open.
_BYTE_DMS = 128


class ErrorRespaldo(ErrorDeDatos):
    """A backup or restore that cannot be done; the message (Spanish) says why and what to do."""


@dataclass(frozen=True)
class Resultado:
    """What a backup or restore did, in Spanish lines for the operator."""

    lineas: tuple[str, ...]


def _es_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _ruta_sqlite(url: str) -> Path:
    ruta = make_url(url).database
    if not ruta or ruta == ":memory:":
        raise ErrorRespaldo("la base SQLite en memoria no se puede respaldar ni restaurar.")
    return Path(ruta)


def _tamano(ruta: Path) -> str:
    return f"{ruta.stat().st_size / 1024 / 1024:.1f} MB"


def _temporal_junto_a(ruta: Path) -> Path:
    """A new file name in ``ruta``'s folder (same file system: the rename is atomic)."""
    return ruta.with_name(f".{ruta.name}.{os.getpid()}.tmp")


def _sincronizar_carpeta(carpeta: Path) -> None:
    """Make a rename in ``carpeta`` durable (the folder's entry reaches the disk)."""
    fd = os.open(carpeta, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copiar_sqlite(origen: Path, destino: Path) -> None:
    """Copy ``origen`` into the new file ``destino`` with the online backup API (one step),
    check it, and leave it as a single self-contained file (rollback journal, no ``-wal``)."""
    fuente = sqlite3.connect(origen, timeout=15)
    copia = sqlite3.connect(destino)
    try:
        # pages=-1: the whole database in one step, inside one read transaction of the source.
        fuente.backup(copia, pages=-1)
        estado = copia.execute("PRAGMA quick_check").fetchone()[0]
        if estado != "ok":
            raise ErrorRespaldo(f"la copia de {origen} no pasó la revisión de SQLite: {estado}")
        copia.execute("PRAGMA journal_mode=DELETE")
        copia.commit()
    finally:
        copia.close()
        fuente.close()
    with open(destino, "rb") as archivo:
        os.fsync(archivo.fileno())


def _abierta_por_otro(ruta: Path) -> bool:
    """Whether another process has the SQLite database ``ruta`` open (in WAL mode every open
    connection holds a shared lock on the ``-shm`` file's DMS byte)."""
    import fcntl

    shm = ruta.with_name(ruta.name + "-shm")
    if not shm.exists():
        return False
    with open(shm, "rb+") as archivo:
        try:
            fcntl.lockf(archivo, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _BYTE_DMS)
        except OSError:
            return True
        fcntl.lockf(archivo, fcntl.LOCK_UN, 1, _BYTE_DMS)
    return False


def _nuevo_destino(destino: Path) -> None:
    if destino.exists():
        raise ErrorRespaldo(
            f"ya existe {destino}: elija otro nombre (p. ej. con la fecha) o bórrelo antes."
        )
    if not destino.parent.is_dir():
        raise ErrorRespaldo(f"no existe la carpeta {destino.parent}.")


def _respaldar_sqlite(url: str, destino: Path) -> Resultado:
    base = _ruta_sqlite(url)
    if not base.exists():
        raise ErrorRespaldo(f"no existe la base de datos {base}.")
    if destino.resolve() == base.resolve():
        raise ErrorRespaldo("el respaldo no puede escribirse sobre la base de datos misma.")
    _nuevo_destino(destino)
    temporal = _temporal_junto_a(destino)
    try:
        _copiar_sqlite(base, temporal)
        os.replace(temporal, destino)
    finally:
        temporal.unlink(missing_ok=True)
    _sincronizar_carpeta(destino.parent)
    return Resultado(
        (
            f"Respaldo de la base SQLite {base} guardado en {destino} ({_tamano(destino)}).",
            "  Copia coherente tomada con la API de respaldo en línea de SQLite (el servidor "
            "puede seguir escribiendo).",
        )
    )


def _restaurar_sqlite(url: str, origen: Path) -> Resultado:
    base = _ruta_sqlite(url)
    if not origen.is_file():
        raise ErrorRespaldo(f"no existe el archivo de respaldo {origen}.")
    if base.exists() and origen.resolve() == base.resolve():
        raise ErrorRespaldo("el respaldo es la base de datos misma.")
    with open(origen, "rb") as archivo:
        if archivo.read(16) != b"SQLite format 3\x00":
            raise ErrorRespaldo(f"{origen} no es un respaldo SQLite de SIGPRET.")
    if base.exists() and _abierta_por_otro(base):
        raise ErrorRespaldo(
            f"la base {base} está abierta por otro proceso (el servidor, un trabajador de "
            "correo o un comando sigpret). Detenga la aplicación y vuelva a intentarlo: lo que "
            "escribiera durante la restauración se perdería."
        )
    base.parent.mkdir(parents=True, exist_ok=True)
    temporal = _temporal_junto_a(base)
    lineas = []
    try:
        _copiar_sqlite(origen, temporal)
        if base.exists():
            # Fold the old WAL into the old file: the kept copy is then complete, and no stale
            # -wal file is left next to the restored one.
            vieja = sqlite3.connect(base)
            vieja.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            vieja.execute("PRAGMA journal_mode=DELETE")
            vieja.close()
            anterior = base.with_name(f"{base.name}.antes-{dt.datetime.now():%Y%m%d-%H%M%S}")
            os.link(base, anterior)
            lineas.append(f"  La base anterior se conserva en {anterior}.")
        os.replace(temporal, base)
    finally:
        temporal.unlink(missing_ok=True)
    _sincronizar_carpeta(base.parent)
    return Resultado((f"Base SQLite {base} restaurada desde {origen} ({_tamano(base)}).", *lineas))


# --- PostgreSQL ----------------------------------------------------------------------------


def _programa(nombre: str) -> str:
    ruta = shutil.which(nombre)
    if ruta is None:
        raise ErrorRespaldo(
            f"no se encontró el programa {nombre} en el PATH. Instale el cliente de PostgreSQL "
            f"de la misma versión mayor que el servidor (p. ej. «apt install "
            f"postgresql-client») y vuelva a intentarlo."
        )
    return ruta


def conexion_libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string for ``url`` without its password, and the environment that
    carries the password (``PGPASSWORD``), if the URL has one.

    Every query parameter of the URL (``sslmode``, ``options``…) is a libpq keyword too.
    """
    from psycopg.conninfo import make_conninfo

    partes: URL = make_url(url)
    parametros: dict[str, str | int] = {"dbname": partes.database or ""}
    if partes.host:
        parametros["host"] = partes.host
    if partes.port:
        parametros["port"] = partes.port
    if partes.username:
        parametros["user"] = partes.username
    for clave, valor in partes.query.items():
        parametros[clave] = valor if isinstance(valor, str) else valor[-1]
    entorno = {"PGPASSWORD": partes.password} if partes.password else {}
    return make_conninfo("", **parametros), entorno


def _ejecutar(orden: list[str], entorno: Mapping[str, str], que: str) -> None:
    resultado = subprocess.run(
        orden, env={**os.environ, **entorno}, capture_output=True, text=True, check=False
    )
    if resultado.returncode != 0:
        detalle = " ".join(resultado.stderr.split())[:800]
        raise ErrorRespaldo(f"{que} falló (código {resultado.returncode}): {detalle}")


def _otras_conexiones(url: str) -> int:
    """How many other sessions are connected to ``url``'s database right now."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from data_layer.db import normalise_url

    engine = create_engine(normalise_url(url), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return int(
                conn.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
                or 0
            )
    finally:
        engine.dispose()


def _respaldar_postgres(url: str, destino: Path) -> Resultado:
    _nuevo_destino(destino)
    programa = _programa("pg_dump")
    conexion, entorno = conexion_libpq(url)
    temporal = _temporal_junto_a(destino)
    try:
        _ejecutar(
            [programa, "--format=custom", f"--file={temporal}", f"--dbname={conexion}"],
            entorno,
            "pg_dump",
        )
        with open(temporal, "rb") as archivo:
            os.fsync(archivo.fileno())
        os.replace(temporal, destino)
    finally:
        temporal.unlink(missing_ok=True)
    _sincronizar_carpeta(destino.parent)
    nombre = make_url(url).database
    return Resultado(
        (
            f"Respaldo de la base PostgreSQL «{nombre}» guardado en {destino} "
            f"({_tamano(destino)}, formato custom de pg_dump).",
            "  Copia coherente: pg_dump lee una sola instantánea (el servidor puede seguir "
            "escribiendo).",
        )
    )


def _restaurar_postgres(url: str, origen: Path) -> Resultado:
    if not origen.is_file():
        raise ErrorRespaldo(f"no existe el archivo de respaldo {origen}.")
    with open(origen, "rb") as archivo:
        if archivo.read(5) != b"PGDMP":
            raise ErrorRespaldo(
                f"{origen} no es un respaldo de pg_dump en formato custom "
                "(el que escribe «sigpret db backup»)."
            )
    programa = _programa("pg_restore")
    otras = _otras_conexiones(url)
    if otras:
        raise ErrorRespaldo(
            f"hay {otras} conexión(es) abiertas a la base de datos (el servidor, un trabajador "
            "de correo u otra persona). Detenga la aplicación y vuelva a intentarlo: lo que "
            "escribieran durante la restauración se perdería."
        )
    conexion, entorno = conexion_libpq(url)
    _ejecutar(
        [
            programa,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={conexion}",
            str(origen),
        ],
        entorno,
        "pg_restore",
    )
    nombre = make_url(url).database
    return Resultado(
        (
            f"Base PostgreSQL «{nombre}» restaurada desde {origen} (en una sola transacción: "
            "todo o nada).",
        )
    )


def respaldar(url: str, destino: Path) -> Resultado:
    """Back the database at ``url`` up into the new file ``destino`` (consistent while others
    write).

    Raises:
        ErrorRespaldo: ``destino`` exists, or the copy failed (the message says why).
    """
    if _es_sqlite(url):
        return _respaldar_sqlite(url, destino)
    return _respaldar_postgres(url, destino)


def restaurar(url: str, origen: Path) -> Resultado:
    """Replace the database at ``url`` by the backup ``origen``; the app must be stopped.

    Raises:
        ErrorRespaldo: the app still has the database open, ``origen`` is not a backup, or the
            restore failed (PostgreSQL: nothing changed; SQLite: the live file is untouched).
    """
    if _es_sqlite(url):
        return _restaurar_sqlite(url, origen)
    return _restaurar_postgres(url, origen)
