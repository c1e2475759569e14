"""The MCR workbook uploaded from the web (issue #10): dry run first, then «Aplicar», as jobs.

1. :func:`iniciar_vista_previa` checks the actor (:func:`data_layer.permisos.puede_importar`)
   and the file, keeps its bytes in a server folder under a random token (with their sha256 in
   the job's row, :class:`~data_layer.models.TareaImportacion`) and starts the dry run in the
   background (:mod:`data_layer.tareas`): :func:`ejecutar_vista_previa`.
2. The page polls :func:`consultar` (progress while the workbook is read, then the preview).
3. :func:`aplicar` starts :func:`ejecutar_aplicacion`, which imports the SAME stored file with the
   CLI's :func:`~data_layer.importer.import_mcr` (one transaction, audited under the web user):
   it refuses when the data version moved since the dry run or the file's hash changed.

Job functions take only the database URL, the token, the folder and the user's name, so that a
queue could run them as they are. A job whose row stops moving for :data:`INTERRUMPIDA_S` (its
process died) is reported as interrupted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import update

from data_layer import permisos, tareas
from data_layer.auth import Alcance
from data_layer.config import INSTANCE_DIR
from data_layer.db import get_engine, session_factory
from data_layer.errores import ErrorDeDatos
from data_layer.formato import format_entero
from data_layer.importer import DatosCambiados, import_mcr, vista_previa_mcr
from data_layer.importer.topes import ArchivoInvalido, revisar_libro
from data_layer.models import TareaImportacion

_log = logging.getLogger(__name__)

#: Where uploaded workbooks wait between the dry run and «Aplicar» (one folder per token).
CARPETA = INSTANCE_DIR / "importaciones"
#: Uploaded files older than this are deleted at the next upload.
CONSERVAR_S = 24 * 3600
#: A running job whose row has not moved for this long died with its process.
INTERRUMPIDA_S = 15 * 60
EN_CURSO = frozenset({"vista_previa", "aplicando"})
#: Job stages: running, then where each run ends.
ETAPAS = ("vista_previa", "con_errores", "lista", "aplicando", "aplicada", "rechazada", "fallida")

NO_EXISTE = "Esa vista previa no existe o ya venció: suba el archivo otra vez."
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


#: Told (with the database URL) after an import applied from the web committed, in its job's
#: thread: the dashboard warms its result cache there, so that nobody pays the cold overview of
#: the new data version (issue #15). A listener's failure is logged, never the import's.
_OYENTES: dict[int, Callable[[str], None]] = {}
_OYENTES_CANDADO = threading.Lock()


def al_aplicar(oyente: Callable[[str], None]) -> Callable[[], None]:
    """Call ``oyente(database_url)`` after each web import that changed data; returns the
    function that stops it."""
    clave = id(oyente)
    with _OYENTES_CANDADO:
        _OYENTES[clave] = oyente

    def quitar() -> None:
        with _OYENTES_CANDADO:
            _OYENTES.pop(clave, None)

    return quitar


def _avisar_aplicada(database_url: str) -> None:
    with _OYENTES_CANDADO:
        oyentes = list(_OYENTES.values())
    for oyente in oyentes:
        try:
            oyente(database_url)
        except Exception:
            _log.exception("Tras la importación web: %s falló", getattr(oyente, "__name__", oyente))


def _ahora() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(momento: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back: they were stored in UTC."""
    return momento if momento.tzinfo else momento.replace(tzinfo=dt.UTC)


def _autorizar(actor: Alcance | None) -> Alcance:
    if actor is None or not permisos.puede_importar(actor):
        raise ErrorDeDatos(permisos.SIN_PERMISO_IMPORTAR)
    return actor


def _nombre_seguro(nombre: str) -> str:
    """The file's own name (no folders), reduced to safe characters, ending in ``.xlsx``."""
    base = Path(nombre.replace("\\", "/")).name
    limpio = re.sub(r"[^\w.\- ]", "_", base).strip(" .") or "mcr.xlsx"
    return limpio[-120:]


def revisar_archivo(nombre: str, contenido: bytes) -> None:
    """Refuse, in Spanish, what cannot be an MCR workbook before it is stored.

    Checks the extension, then the ZIP directory (:func:`~data_layer.importer.topes.revisar_libro`:
    a workbook inside, no password, no part expanding abnormally — a zip bomb renamed
    ``.xlsx``). The importer's reader then checks each sheet, like the command line.

    Raises:
        ArchivoInvalido: with the reason.
    """
    if not nombre.lower().endswith(".xlsx"):
        raise ArchivoInvalido(
            f"«{_nombre_seguro(nombre)}» no es un libro de Excel (.xlsx). Guarde la MCR como "
            "«Libro de Excel (.xlsx)» y súbala otra vez."
        )
    if not contenido:
        raise ArchivoInvalido("El archivo está vacío.")
    revisar_libro(contenido, _nombre_seguro(nombre))


def _purgar(carpeta: Path) -> None:
    """Delete the uploads older than :data:`CONSERVAR_S` (nobody will apply them any more)."""
    if not carpeta.is_dir():
        return
    limite = time.time() - CONSERVAR_S
    for sub in carpeta.iterdir():
        try:
            if sub.is_dir() and sub.stat().st_mtime < limite:
                shutil.rmtree(sub, ignore_errors=True)
        except OSError:
            continue


def _ruta(carpeta: Path, token: str, archivo: str) -> Path:
    if not _TOKEN.match(token):
        raise ErrorDeDatos(NO_EXISTE)
    return carpeta / token / archivo


def _huella(contenido: bytes) -> str:
    return hashlib.sha256(contenido).hexdigest()


def subir(
    actor: Alcance | None,
    database_url: str,
    nombre: str,
    contenido: bytes,
    carpeta: Path | None = None,
) -> str:
    """Check and keep an uploaded workbook, and record its job (not started).

    Args:
        actor: who uploads (analista or admin).
        database_url: the database the job row goes to.
        nombre: the file's name as the browser sent it.
        contenido: its bytes.
        carpeta: where uploads wait (default :data:`CARPETA`).

    Returns:
        The job's token (random; the only handle on the file).

    Raises:
        ErrorDeDatos: the actor may not import, or the file is refused (:class:`ArchivoInvalido`).
    """
    actor = _autorizar(actor)
    revisar_archivo(nombre, contenido)
    carpeta = carpeta or CARPETA
    _purgar(carpeta)
    token = secrets.token_urlsafe(24)
    archivo = _nombre_seguro(nombre)
    ruta = _ruta(carpeta, token, archivo)
    ruta.parent.mkdir(parents=True, exist_ok=False)
    ruta.write_bytes(contenido)
    ahora = _ahora()
    fabrica = session_factory(get_engine(database_url), escritura=True)
    with fabrica() as s, s.begin():
        s.add(
            TareaImportacion(
                token=token,
                usuario=actor.usuario,
                archivo=archivo,
                huella=_huella(contenido),
                tamano=len(contenido),
                etapa="vista_previa",
                progreso=0,
                mensaje="En espera de iniciar la lectura",
                creada_en=ahora,
                actualizada_en=ahora,
            )
        )
    return token


def iniciar_vista_previa(
    actor: Alcance | None,
    database_url: str,
    nombre: str,
    contenido: bytes,
    carpeta: Path | None = None,
) -> str:
    """Keep the upload (:func:`subir`) and start its dry run in the background; its token."""
    carpeta = carpeta or CARPETA
    token = subir(actor, database_url, nombre, contenido, carpeta)
    tareas.lanzar(ejecutar_vista_previa, database_url, token, str(carpeta))
    return token


def _actualizar(database_url: str, token: str, **valores: Any) -> None:
    fabrica = session_factory(get_engine(database_url), escritura=True)
    with fabrica() as s, s.begin():
        s.execute(
            update(TareaImportacion)
            .where(TareaImportacion.token == token)
            .values(actualizada_en=_ahora(), **valores)
        )


def _leer(database_url: str, token: str) -> TareaImportacion | None:
    if not _TOKEN.match(token or ""):
        return None
    with session_factory(get_engine(database_url))() as s:
        return s.get(TareaImportacion, token)


def ejecutar_vista_previa(database_url: str, token: str, carpeta: str) -> None:
    """The dry-run job: read and check the stored file, compare it, store the preview."""
    tarea = _leer(database_url, token)
    if tarea is None:
        return
    ruta = _ruta(Path(carpeta), token, tarea.archivo)
    ultimo = [-1]

    def progreso(texto: str, fraccion: float) -> None:
        pct = int(fraccion * 100)
        if pct != ultimo[0]:
            ultimo[0] = pct
            _actualizar(database_url, token, progreso=pct, mensaje=texto)

    try:
        vista = vista_previa_mcr(get_engine(database_url), ruta, progreso)
    except Exception:
        _log.exception("Vista previa de importación fallida (%s)", token)
        _actualizar(
            database_url,
            token,
            etapa="fallida",
            mensaje="No se pudo terminar la vista previa por un error del sistema. "
            "Inténtelo de nuevo; si persiste, avise al administrador.",
        )
        raise
    if vista.ok:
        if vista.hubo_cambios:
            mensaje = (
                "Revise los cambios de abajo; nada se guarda hasta que pulse «Aplicar cambios»."
            )
        elif vista.conservadas:
            mensaje = (
                "El archivo no cambia nada: sus metas distintas son anteriores a revisiones "
                "aprobadas y se conservan las aprobadas (vea «Programación»). No hay nada que "
                "aplicar."
            )
        else:
            mensaje = "El archivo es igual a los datos del sistema: no hay nada que aplicar."
    else:
        n = max(vista.total_errores, len(vista.errores))
        mensaje = f"El archivo tiene {format_entero(n)} {'error' if n == 1 else 'errores'}."
    _actualizar(
        database_url,
        token,
        etapa="lista" if vista.ok else "con_errores",
        progreso=100,
        mensaje=mensaje,
        version_datos=vista.version,
        vista_previa=json.dumps(vista.to_json(), ensure_ascii=False),
    )


def aplicar(
    actor: Alcance | None, database_url: str, token: str, carpeta: Path | None = None
) -> None:
    """Start applying a previewed file (its own user's, valid, with changes, not yet applied).

    Raises:
        ErrorDeDatos: not allowed, unknown token, or the preview cannot be applied.
    """
    actor = _autorizar(actor)
    if not _TOKEN.match(token or ""):
        raise ErrorDeDatos(NO_EXISTE)
    fabrica = session_factory(get_engine(database_url), escritura=True)
    with fabrica() as s, s.begin():
        tarea = s.get(TareaImportacion, token, with_for_update=True)
        if tarea is None or tarea.usuario != actor.usuario:
            raise ErrorDeDatos(NO_EXISTE)
        if tarea.etapa != "lista":
            raise ErrorDeDatos(
                "Esta vista previa ya se aplicó, se está aplicando o tiene errores: no se "
                "puede aplicar."
            )
        vista = json.loads(tarea.vista_previa or "{}")
        if not vista.get("hubo_cambios"):
            raise ErrorDeDatos("El archivo no cambia nada: no hay nada que aplicar.")
        tarea.etapa, tarea.progreso = "aplicando", 0
        tarea.mensaje, tarea.actualizada_en = "Aplicando los cambios…", _ahora()
    tareas.lanzar(ejecutar_aplicacion, database_url, token, str(carpeta or CARPETA), actor.usuario)


def ejecutar_aplicacion(database_url: str, token: str, carpeta: str, usuario: str) -> None:
    """The apply job: import the stored file if nothing changed since its dry run."""
    tarea = _leer(database_url, token)
    if tarea is None:
        return
    ruta = _ruta(Path(carpeta), token, tarea.archivo)
    if not ruta.is_file() or _huella(ruta.read_bytes()) != tarea.huella:
        _actualizar(
            database_url,
            token,
            etapa="rechazada",
            mensaje="El archivo de la vista previa ya no está en el servidor o cambió. No se "
            "guardó nada: suba el archivo otra vez.",
        )
        return
    try:
        resultado = import_mcr(
            get_engine(database_url),
            ruta,
            usuario=usuario,
            version_esperada=tarea.version_datos,
            huella_esperada=tarea.huella,
        )
    except DatosCambiados as exc:
        _actualizar(database_url, token, etapa="rechazada", mensaje=str(exc))
        return
    except Exception:
        _log.exception("Importación web fallida (%s)", token)
        _actualizar(
            database_url,
            token,
            etapa="fallida",
            mensaje="No se pudo aplicar por un error del sistema; no se guardó nada. "
            "Inténtelo de nuevo; si persiste, avise al administrador.",
        )
        raise
    if not resultado.ok:  # only if the rules or data moved under a dry run that passed
        _actualizar(
            database_url,
            token,
            etapa="rechazada",
            mensaje="El archivo ya no pasa la validación contra los datos actuales; no se guardó "
            "nada. Suba el archivo y revise la vista previa otra vez.",
        )
        return
    _actualizar(
        database_url,
        token,
        etapa="aplicada",
        progreso=100,
        importacion_id=resultado.importacion_id,
        mensaje=_aplicados(resultado.cambios, resultado.revisiones, len(resultado.conservadas)),
    )
    shutil.rmtree(ruta.parent, ignore_errors=True)
    _avisar_aplicada(database_url)


def _aplicados(cambios: dict[str, dict[str, int]], revisiones: int, conservadas: int = 0) -> str:
    """«Cambios aplicados: avances: 1 con cambios.», naming only the sheets that changed."""
    partes = []
    for hoja, c in cambios.items():
        cuanto = [
            f"{format_entero(c[clave])} {texto}"
            for clave, texto in (("insertados", "nuevos"), ("actualizados", "con cambios"))
            if c[clave]
        ]
        if cuanto:
            partes.append(f"{hoja.replace('_', ' ')}: {' y '.join(cuanto)}")
    if revisiones:
        partes.append(f"metas programadas revisadas: {format_entero(revisiones)}")
    if conservadas:
        partes.append(f"metas conservadas por una revisión aprobada: {format_entero(conservadas)}")
    return (
        f"Cambios aplicados y registrados en la auditoría — {'; '.join(partes)}. "
        "Las páginas muestran ya los datos nuevos."
    )


def consultar(actor: Alcance | None, database_url: str, token: str | None) -> dict[str, Any] | None:
    """The state of the actor's own job ``token``, or None (unknown, or another user's).

    Returns:
        ``token, archivo, etapa, en_curso, progreso, mensaje, importacion_id`` and
        ``vista_previa`` (the dry run's JSON, once done).

    Raises:
        ErrorDeDatos: the actor may not import.
    """
    actor = _autorizar(actor)
    tarea = _leer(database_url, token or "")
    if tarea is None or tarea.usuario != actor.usuario:
        return None
    etapa, mensaje = tarea.etapa, tarea.mensaje
    quieta = (_ahora() - _utc(tarea.actualizada_en)).total_seconds()
    if etapa in EN_CURSO and quieta > INTERRUMPIDA_S:
        etapa = "fallida"
        mensaje = "El proceso se interrumpió (el servidor se reinició). Suba el archivo otra vez."
    return {
        "token": tarea.token,
        "archivo": tarea.archivo,
        "etapa": etapa,
        "en_curso": etapa in EN_CURSO,
        "progreso": tarea.progreso,
        "mensaje": mensaje,
        "importacion_id": tarea.importacion_id,
        "vista_previa": json.loads(tarea.vista_previa) if tarea.vista_previa else None,
    }
