"""Downloads of the mesas' products and of the presidential briefing (issue #11 items 5, 6).

Flask routes on the app's server (:func:`registrar`), under ``/descargas/`` (the login guard
answers 401 to anonymous requests there):

- ``/descargas/productos/<clave>``: a version of a product's document, as an attachment, to who
  sees its mesa in detail (:func:`data_layer.permisos.puede_descargar_producto`); 404 for an
  unknown ``clave``, 403 outside the scope; the headers of evidence files (nosniff, sandbox CSP,
  no-store).
- ``/descargas/informe-presidencial/<periodo>.pdf``: the presidential briefing generated on
  request (:func:`data_layer.permisos.puede_generar_informe_presidencial`; 403 otherwise).
"""

from __future__ import annotations

import io

from flask import Flask, Response, abort, send_file

from dashboard.evidencias import CSP, carpeta
from data_layer import evidencias as ev
from data_layer import informes, permisos
from data_layer.db import session_factory
from data_layer.errores import ErrorDeDatos
from data_layer.mesas import productos


def _cabeceras(respuesta: Response) -> Response:
    respuesta.headers["X-Content-Type-Options"] = "nosniff"
    respuesta.headers["Content-Security-Policy"] = CSP
    respuesta.headers["Cache-Control"] = "private, no-store"
    return respuesta


def registrar(server: Flask) -> None:
    """Add the download routes to the app's Flask ``server``."""
    from dashboard import data

    @server.route("/descargas/productos/<clave>")
    def descargar_producto(clave: str) -> Response:
        actor = data.alcance_actual()
        with session_factory(data.datos().engine)() as s:
            try:
                documento, ruta, _ = productos.abrir_documento(
                    s, actor=actor, clave=clave, carpeta=carpeta()
                )
            except ev.EvidenciaNoEncontrada:
                abort(404)
            except ev.SinPermisoEvidencia:
                abort(403)
            nombre, mime = documento.nombre_original, ev.TIPOS[documento.tipo].mime
        return _cabeceras(
            send_file(
                ruta,
                mimetype=mime,
                as_attachment=True,
                download_name=nombre,
                conditional=False,
                etag=False,
                max_age=0,
            )
        )

    @server.route("/descargas/informe-presidencial/<periodo>.pdf")
    def descargar_informe_presidencial(periodo: str) -> Response:
        actor = data.alcance_actual()
        if not permisos.puede_generar_informe_presidencial(actor):
            abort(403)
        with session_factory(data.datos().engine)() as s:
            try:
                contenido = informes.informe_presidencial_pdf(
                    s,
                    periodo,
                    actor=actor,
                    reglas=data.reglas(),
                    hoy=data.hoy_honduras(),
                    resultado=data.datos().resultado(periodo, data.hoy_honduras())
                    if periodo in data.periodos_evaluables(data.mcr())
                    else None,
                )
            except ErrorDeDatos:
                abort(404)
        return _cabeceras(
            send_file(
                io.BytesIO(contenido),
                mimetype="application/pdf",
                as_attachment=True,
                download_name=f"informe-presidencial-{periodo}.pdf",
            )
        )
