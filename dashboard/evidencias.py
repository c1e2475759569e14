"""Evidence files on the web: the download route ``GET /evidencias/<clave>`` and the save helper
forms use.

The route (a Blueprint, registered by :func:`registrar` from ``create_app``) answers:

- anonymous: the login guard redirects to ``/login`` (:mod:`dashboard.seguridad`);
- an unknown or malformed ``clave``, or a file whose bytes are gone: 404;
- a file outside the user's scope (:func:`data_layer.permisos.puede_ver_evidencia`): 403, and
  nothing else about it;
- otherwise the file as an attachment, with its sanitized original name and the media type of
  its checked content, ``X-Content-Type-Options: nosniff``, ``Content-Security-Policy: sandbox``
  (even if a browser rendered it, it could run nothing) and ``Cache-Control: no-store``.

Pages link a file with :func:`href`, and save an upload with :func:`guardar_subida` inside
:func:`dashboard.components.formularios.escribir`'s transaction (see
:mod:`dashboard.components.evidencia`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, send_file
from sqlalchemy.orm import Session

from data_layer import evidencias as ev
from data_layer.auth import Alcance
from data_layer.config import Settings
from data_layer.db import session_factory
from data_layer.evidencias import ruta_descarga
from data_layer.models import Evidencia

bp = Blueprint("evidencias", __name__)

_CARPETA = "SIGPRET_EVIDENCIAS"
_MAXIMO = "SIGPRET_MAX_EVIDENCIA_BYTES"
#: What a served evidence file may do if a browser ever renders it: nothing.
CSP = "sandbox; default-src 'none'; frame-ancestors 'none'"


def href(clave: str) -> str:
    """The download address of the evidence file ``clave``."""
    return ruta_descarga(clave)


def carpeta() -> Path:
    """The current app's evidence folder."""
    return Path(current_app.config[_CARPETA])


def maximo() -> int:
    """The current app's largest evidence file, in bytes."""
    return int(current_app.config[_MAXIMO])


def guardar_subida(
    session: Session, *, actor: Alcance, institucion: str, contents: Any, filename: Any
) -> Evidencia:
    """Decode a ``dcc.Upload``'s ``contents``/``filename`` and store it as evidence of
    ``institucion`` in the app's folder (:func:`data_layer.evidencias.guardar`: scope, content
    and size checked, audited). Returns the row; pass its ``id`` to
    ``data_layer.reportes.servicio.guardar(..., evidencia_id=)`` in the same transaction.

    Raises:
        data_layer.errores.ErrorDeDatos: the Spanish refusal (``EvidenciaRechazada`` for the
            content, or another institution's upload).
    """
    subida = ev.desde_upload(contents, filename, maximo=maximo())
    return ev.guardar(
        session,
        actor=actor,
        institucion=institucion,
        nombre=subida.nombre,
        contenido=subida.contenido,
        carpeta=carpeta(),
        maximo=maximo(),
    )


@bp.get("/evidencias/<clave>")
def descargar(clave: str) -> Response:
    """The evidence file ``clave`` as an attachment, if the user may see it."""
    from dashboard import data

    actor = data.alcance_actual()
    with session_factory(data.datos().engine)() as s:
        try:
            evidencia, ruta = ev.abrir(s, actor=actor, clave=clave, carpeta=carpeta())
        except ev.EvidenciaNoEncontrada:
            abort(404)
        except ev.SinPermisoEvidencia:
            abort(403)
        nombre, mime = evidencia.nombre_original, ev.tipo_de(evidencia).mime
    respuesta = send_file(
        ruta,
        mimetype=mime,
        as_attachment=True,
        download_name=nombre,
        conditional=False,
        etag=False,
        max_age=0,
    )
    respuesta.headers["X-Content-Type-Options"] = "nosniff"
    respuesta.headers["Content-Security-Policy"] = CSP
    respuesta.headers["Cache-Control"] = "private, no-store"
    return respuesta


def registrar(server: Flask, settings: Settings) -> None:
    """Add the download route to ``server`` and keep the evidence folder and limit it uses."""
    server.config[_CARPETA] = settings.evidencias_dir
    server.config[_MAXIMO] = settings.max_evidencia_bytes
    server.register_blueprint(bp)
