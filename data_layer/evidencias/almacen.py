"""Evidence files on disk: saved under an unguessable ``clave``, opened only within scope.

The bytes live in the configured folder (:attr:`data_layer.config.Settings.evidencias_dir`,
``SIGPRET_EVIDENCIAS``; a volume shared by every web server in production), outside the web
root, each under its ``clave`` (``secrets.token_urlsafe(32)``: 43 characters, 256 random bits),
never under the name the user gave it. The :class:`~data_layer.models.Evidencia` row keeps the
checked type, the sanitized original name, the size, the SHA-256, the institution and who
uploaded it.

- :func:`guardar` checks the scope (:func:`data_layer.permisos.puede_subir_evidencia`) and the
  content (:func:`data_layer.evidencias.tipos.detectar`), writes the file atomically (a temporary
  file in the same folder, renamed) and audits; if the caller's transaction rolls back, the file
  is removed again.
- :func:`abrir` finds a file by ``clave`` and checks the reader's scope
  (:func:`data_layer.permisos.puede_ver_evidencia`).
- :func:`purgar_huerfanas` removes what no version (nor acuerdo follow-up) uses: files without
  a row and rows never attached, after some days (``sigpret evidencias purgar``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import delete, event, exists, select
from sqlalchemy.orm import Session, aliased

from data_layer import periods, permisos
from data_layer.auth import Alcance, ahoracomo_utc, registrar
from data_layer.config import Settings
from data_layer.errores import ErrorDeDatos
from data_layer.evidencias.tipos import MAX_BYTES, TIPOS, Tipo, detectar
from data_layer.mesas.models import Acuerdo, Mesa, SeguimientoAcuerdo
from data_layer.models import (
    Avance,
    EstadoVersion,
    Evidencia,
    Indicador,
    Institucion,
    Meta,
    Sector,
)

#: A ``clave`` as :func:`nueva_clave` makes it (anything else is not looked up).
CLAVE = re.compile(r"[A-Za-z0-9_-]{43}")
#: Rows never attached to a version, and files without a row, are purged after this many days.
DIAS_HUERFANAS = 7
#: Temporary files of interrupted writes are purged after this long.
VIDA_TEMPORALES = dt.timedelta(days=1)
_PREFIJO_TEMPORAL = ".tmp-"
_LARGO_NOMBRE = 200
_PENDIENTES = "sigpret.evidencias"

NO_EXISTE = "El archivo de evidencia no existe o ya no está disponible."
SIN_PERMISO_VER = "No tiene permiso para ver este archivo de evidencia."


class EvidenciaNoEncontrada(ErrorDeDatos):
    """No evidence file with that ``clave`` (or its bytes are missing): a 404."""


class SinPermisoEvidencia(ErrorDeDatos):
    """The file exists but is outside the reader's scope: a 403."""


def ruta_descarga(clave: str) -> str:
    """The download address of the evidence file ``clave`` (the route checks scope)."""
    return f"/evidencias/{quote(str(clave), safe='')}"


def carpeta_configurada() -> Path:
    """The evidence folder of the environment's settings (``SIGPRET_EVIDENCIAS``)."""
    return Path(Settings.from_env().evidencias_dir)


def nueva_clave() -> str:
    """A new unguessable ``clave`` (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def nombre_seguro(nombre: str, tipo: Tipo) -> str:
    """The name a download offers: the user's file name without folders, control or reserved
    characters, cut to a sane length, always ending with an extension of the checked ``tipo``
    (a PDF uploaded as ``x.html`` downloads as ``x.html.pdf``)."""
    texto = unicodedata.normalize("NFC", str(nombre or ""))
    texto = re.split(r"[/\\]", texto)[-1]
    texto = "".join(c if (c.isalnum() or c in " ._-()") else "_" for c in texto)
    texto = re.sub(r"\s+", " ", texto).strip(" ._") or "evidencia"
    if not texto.lower().endswith(tipo.extensiones):
        texto = f"{texto[: _LARGO_NOMBRE - 6]}{tipo.extensiones[0]}"
    elif len(texto) > _LARGO_NOMBRE:
        base, punto, extension = texto.rpartition(".")
        texto = f"{base[: _LARGO_NOMBRE - len(extension) - 1]}{punto}{extension}"
    return texto


def tipo_de(evidencia: Evidencia) -> Tipo:
    """The :class:`~data_layer.evidencias.tipos.Tipo` stored with ``evidencia``."""
    return TIPOS[evidencia.tipo]


# --- files that follow the caller's transaction ---------------------------------------------------


@dataclass
class _Pendientes:
    """Files to remove when the session's transaction ends: ``nuevos`` if it rolls back,
    ``borrados`` if it commits."""

    nuevos: list[Path] = field(default_factory=list)
    borrados: list[Path] = field(default_factory=list)


def _quitar(rutas: list[Path]) -> None:
    for ruta in rutas:
        with contextlib.suppress(FileNotFoundError):
            ruta.unlink()
    rutas.clear()


def _pendientes(session: Session) -> _Pendientes:
    pendientes: _Pendientes | None = session.info.get(_PENDIENTES)
    if pendientes is None:
        pendientes = session.info[_PENDIENTES] = _Pendientes()

        def confirmado(_s: Session) -> None:
            pendientes.nuevos.clear()
            _quitar(pendientes.borrados)

        def deshecho(_s: Session) -> None:
            pendientes.borrados.clear()
            _quitar(pendientes.nuevos)

        event.listen(session, "after_commit", confirmado)
        event.listen(session, "after_rollback", deshecho)
    return pendientes


def _escribir(carpeta: Path, clave: str, contenido: bytes) -> Path:
    """Write ``contenido`` as ``carpeta/clave`` atomically: readers never see half a file."""
    carpeta.mkdir(parents=True, exist_ok=True, mode=0o750)
    descriptor, temporal = tempfile.mkstemp(prefix=_PREFIJO_TEMPORAL, dir=carpeta)
    try:
        with os.fdopen(descriptor, "wb") as archivo:
            archivo.write(contenido)
            archivo.flush()
            os.fsync(archivo.fileno())
        os.chmod(temporal, 0o640)
        destino = carpeta / clave
        os.replace(temporal, destino)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporal)
        raise
    return destino


# --- save and open --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Archivo:
    """A file stored by :func:`almacenar`: its ``clave`` on disk and what a row keeps of it."""

    clave: str
    nombre: str
    tipo: Tipo
    tamano: int
    sha256: str


def almacenar(
    session: Session, contenido: bytes, nombre: str, tipo: Tipo, carpeta: Path
) -> Archivo:
    """Write already checked bytes under a new ``clave`` in ``carpeta``, following the session.

    The file is removed again if the caller's transaction rolls back. Evidence files
    (:func:`guardar`) and the documents of a mesa's products
    (:mod:`data_layer.mesas.productos`, in :func:`carpeta_productos`) are stored through here.
    """
    clave = nueva_clave()
    ruta = _escribir(carpeta, clave, contenido)
    _pendientes(session).nuevos.append(ruta)
    return Archivo(
        clave=clave,
        nombre=nombre_seguro(nombre, tipo),
        tipo=tipo,
        tamano=len(contenido),
        sha256=hashlib.sha256(contenido).hexdigest(),
    )


#: Subfolder of the evidence folder holding the documents of the mesas' products (the purge of
#: evidence files never looks into it).
PRODUCTOS = "productos"


def carpeta_productos(carpeta: Path | str | None = None) -> Path:
    """The folder of the products' documents inside the evidence folder ``carpeta``."""
    return Path(carpeta or carpeta_configurada()) / PRODUCTOS


def ruta_guardada(carpeta: Path, clave: object) -> Path | None:
    """The path of the stored file ``clave`` in ``carpeta``, or None (malformed, or missing)."""
    if not isinstance(clave, str) or not CLAVE.fullmatch(clave):
        return None
    ruta = carpeta / clave
    return ruta if ruta.is_file() else None


def guardar(
    session: Session,
    *,
    actor: Alcance,
    institucion: str,
    nombre: str,
    contenido: bytes,
    carpeta: Path | str | None = None,
    maximo: int = MAX_BYTES,
    ahora: dt.datetime | None = None,
) -> Evidencia:
    """Check and store an evidence file of ``institucion``; return its (flushed) row.

    The row's ``id`` is what :func:`data_layer.reportes.servicio.guardar` takes as
    ``evidencia_id`` (which refuses a file of another institution than the indicator's). Run
    both in the same transaction: if the report is refused, the file goes away with the row.

    Args:
        session: the caller's write session (the caller commits).
        actor: who uploads; only whoever reports the institution's values may.
        institucion: the sigla of the institution the file belongs to.
        nombre: the file name the user gave (kept sanitized for the download; never used on
            disk nor to decide the type).
        contenido: the file's bytes.
        carpeta: the evidence folder; default the environment's settings.
        maximo: largest size in bytes (10 MB).
        ahora: the upload moment (tests); default now.

    Raises:
        EvidenciaRechazada: empty, too large, or a type not accepted (Spanish reason).
        ErrorDeDatos: the actor may not upload for ``institucion`` (or it does not exist).
    """
    if not permisos.puede_subir_evidencia(actor, institucion):
        raise ErrorDeDatos(permisos.SIN_PERMISO_EVIDENCIA)
    inst = session.scalars(select(Institucion).where(Institucion.sigla == str(institucion))).first()
    if inst is None:
        raise ErrorDeDatos(permisos.SIN_PERMISO_EVIDENCIA)
    tipo = detectar(contenido, nombre, maximo=maximo)
    archivo = almacenar(session, contenido, nombre, tipo, Path(carpeta or carpeta_configurada()))
    evidencia = Evidencia(
        clave=archivo.clave,
        nombre_original=archivo.nombre,
        tipo=tipo.codigo,
        tamano=archivo.tamano,
        sha256=archivo.sha256,
        institucion=inst,
        subido_por=actor.usuario,
        subido_en=periods.como_utc(ahora).astimezone(dt.UTC) if ahora else ahoracomo_utc(),
    )
    session.add(evidencia)
    session.flush()
    registrar(
        session,
        "evidencia.subir",
        usuario=actor.usuario,
        entidad=f"evidencia:{evidencia.id}",
        detalle={
            "institucion": inst.sigla,
            "nombre": evidencia.nombre_original,
            "tipo": tipo.codigo,
            "tamano": evidencia.tamano,
            "sha256": evidencia.sha256,
        },
    )
    return evidencia


def _enviadas(
    session: Session, evidencia_id: int
) -> list[tuple[str | None, str | None, str | None, str | None]]:
    """``(nivel, sector, institucion de la meta, institucion responsable)`` of every non-draft
    version carrying the file (what :func:`permisos.puede_ver_evidencia` needs)."""
    inst_meta = aliased(Institucion)
    responsable = aliased(Institucion)
    filas = session.execute(
        select(Meta.nivel, Sector.codigo, inst_meta.sigla, responsable.sigla)
        .select_from(Avance)
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .join(Meta, Meta.id == Indicador.meta_id)
        .join(responsable, responsable.id == Indicador.institucion_responsable_id)
        .outerjoin(Sector, Sector.id == Meta.sector_id)
        .outerjoin(inst_meta, inst_meta.id == Meta.institucion_id)
        .where(Avance.evidencia_id == evidencia_id, Avance.estado != EstadoVersion.borrador)
        .distinct()
    ).all()
    return [(str(n), s, i, r) for n, s, i, r in filas]


def _de_acuerdos(session: Session, evidencia_id: int) -> list[str]:
    """Sector codes of the mesas whose acuerdo follow-ups carry the file."""
    return list(
        session.scalars(
            select(Sector.codigo)
            .select_from(SeguimientoAcuerdo)
            .join(Acuerdo, Acuerdo.id == SeguimientoAcuerdo.acuerdo_id)
            .join(Mesa, Mesa.id == Acuerdo.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(SeguimientoAcuerdo.evidencia_id == evidencia_id)
            .distinct()
        )
    )


def abrir(
    session: Session, *, actor: Alcance | None, clave: str, carpeta: Path | str | None = None
) -> tuple[Evidencia, Path]:
    """The evidence file ``clave`` and the path of its bytes, if ``actor`` may see it.

    Raises:
        EvidenciaNoEncontrada: no such ``clave``, or its bytes are missing (404).
        SinPermisoEvidencia: the file exists but ``actor`` may not see it (403).
    """
    if not isinstance(clave, str) or not CLAVE.fullmatch(clave):
        raise EvidenciaNoEncontrada(NO_EXISTE)
    evidencia = session.scalars(select(Evidencia).where(Evidencia.clave == clave)).first()
    if evidencia is None:
        raise EvidenciaNoEncontrada(NO_EXISTE)
    if not permisos.puede_ver_evidencia(
        actor,
        evidencia.institucion.sigla,
        _enviadas(session, evidencia.id),
        mesas=_de_acuerdos(session, evidencia.id),
    ):
        raise SinPermisoEvidencia(SIN_PERMISO_VER)
    ruta = Path(carpeta or carpeta_configurada()) / clave
    if not ruta.is_file():
        raise EvidenciaNoEncontrada(NO_EXISTE)
    return evidencia, ruta


# --- purge ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgaEvidencias:
    """What :func:`purgar_huerfanas` removed (or, in a dry run, would remove).

    Attributes:
        filas: rows never attached to a version, removed with their files.
        archivos: files in the folder without a row.
        temporales: temporary files of interrupted writes.
        faltantes: claves of rows whose file is missing (reported, never removed).
    """

    filas: int
    archivos: int
    temporales: int
    faltantes: tuple[str, ...]


def purgar_huerfanas(
    session: Session,
    *,
    actor: Alcance | None = None,
    carpeta: Path | str | None = None,
    dias: int = DIAS_HUERFANAS,
    ahora: dt.datetime | None = None,
    simular: bool = False,
) -> PurgaEvidencias:
    """Remove evidence no version uses, older than ``dias`` (audited).

    A row no version (draft or not) has ever pointed to is deleted, and its file once the
    caller commits; a file of the folder whose name is a ``clave`` without a row, last written
    more than ``dias`` ago, is deleted (a younger one may belong to an upload still in
    progress); temporary files older than a day too. Files with other names are left alone.

    Args:
        session: the caller's write session.
        actor: who purges (an administrator; default the system's actor of the CLI).
        carpeta: the evidence folder; default the environment's settings.
        dias: age after which unattached evidence is purged.
        ahora: the current moment (tests).
        simular: count only, remove nothing.

    Raises:
        ErrorDeDatos: ``actor`` may not purge.
    """
    actor = actor or permisos.actor_sistema()
    if not permisos.puede_purgar_evidencias(actor):
        raise ErrorDeDatos(permisos.SIN_PERMISO_PURGAR)
    ahora = ahora or ahoracomo_utc()
    limite = ahora - dt.timedelta(days=dias)
    carpeta = Path(carpeta or carpeta_configurada())

    sueltas = session.scalars(
        select(Evidencia).where(
            Evidencia.subido_en < limite,
            ~exists().where(Avance.evidencia_id == Evidencia.id),
            ~exists().where(SeguimientoAcuerdo.evidencia_id == Evidencia.id),
        )
    ).all()
    claves = set(session.scalars(select(Evidencia.clave)))
    existentes = {p.name: p for p in carpeta.iterdir()} if carpeta.is_dir() else {}
    faltantes = tuple(sorted(c for c in claves if c not in existentes))

    def viejo(ruta: Path, antes: dt.datetime) -> bool:
        try:
            return dt.datetime.fromtimestamp(ruta.stat().st_mtime, dt.UTC) < antes
        except FileNotFoundError:
            return False

    sin_fila = [
        p
        for n, p in existentes.items()
        if CLAVE.fullmatch(n) and n not in claves and viejo(p, limite)
    ]
    temporales = [
        p
        for n, p in existentes.items()
        if n.startswith(_PREFIJO_TEMPORAL) and viejo(p, ahora - VIDA_TEMPORALES)
    ]
    resultado = PurgaEvidencias(len(sueltas), len(sin_fila), len(temporales), faltantes)
    if simular:
        return resultado

    _quitar([*sin_fila, *temporales])
    if sueltas:
        _pendientes(session).borrados.extend(carpeta / e.clave for e in sueltas)
        session.execute(delete(Evidencia).where(Evidencia.id.in_([e.id for e in sueltas])))
    registrar(
        session,
        "evidencia.purgar",
        usuario=actor.usuario,
        entidad="evidencias",
        detalle={
            "dias": dias,
            "filas": resultado.filas,
            "archivos": resultado.archivos,
            "temporales": resultado.temporales,
            "faltantes": len(faltantes),
        },
    )
    return resultado
