"""Downloads of the MESGEPRET documents: convocatoria and ayuda memoria (PDF), acuerdos (XLSX).

Flask routes on the app's server (:func:`registrar`):

- ``/descargas/convocatoria/<sesion_id>.pdf``
- ``/descargas/ayuda-memoria/<ayuda_id>.pdf``
- ``/descargas/acuerdos/<sector>.xlsx`` (saved as ``sigpret-acuerdos-<sector>_<fecha>.xlsx``, with
  a «Filtros» sheet: :mod:`data_layer.vistas.exportacion`)
- ``/descargas/correo/adjunto/<adjunto_id>``: an attachment of an outgoing e-mail (admin only)

The login guard already answers 401 to anonymous requests under ``/descargas/``; these routes also
check scope (:func:`data_layer.permisos.puede_descargar`): a user who may not see the mesa's
records gets 403; a UPGRET of an institution taking part in the mesa downloads its convocatorias
and distributed ayudas memoria (:func:`data_layer.permisos.puede_descargar_documento`), never a
draft. What each document says is read by :mod:`data_layer.mesas.contenido`
(distributed minutes print the copy frozen at their distribution) and built into a file by
:mod:`data_layer.documentos`.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Flask, Response, abort, send_file
from sqlalchemy.orm import Session

from data_layer import documentos as doc
from data_layer import permisos
from data_layer.db import session_factory
from data_layer.mesas import registros
from data_layer.mesas.contenido import (
    datos_ayuda_memoria,
    datos_convocatoria,
    filas_acuerdos,
    nombre_mesa,
)
from data_layer.vistas import correo as vistas_correo
from data_layer.vistas import exportacion
from data_layer.vistas import mis_acuerdos as vistas_mis_acuerdos

MIME_PDF = "application/pdf"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def registrar(server: Flask) -> None:
    """Add the download routes to the app's Flask ``server``."""
    from dashboard import data

    def sesion_bd() -> Session:
        return session_factory(data.datos().engine)()

    def archivo(contenido: bytes, mime: str, nombre: str) -> Response:
        return send_file(
            io.BytesIO(contenido), mimetype=mime, as_attachment=True, download_name=nombre
        )

    def de_la_mesa(
        leido: tuple[str, Any] | None, s: Session | None = None, *, enviado: bool = False
    ) -> tuple[str, Any]:
        """The document's (sector, data): 404 when it does not exist, 403 outside the scope.

        With ``s``, a document sent to the participants (``enviado``) is also open to the
        institutions taking part in the mesa (:func:`permisos.puede_descargar_documento`).
        """
        if leido is None:
            abort(404)
        sector, datos = leido
        alcance = data.alcance_actual()
        if s is not None:
            permitido = vistas_mis_acuerdos.puede_descargar(s, alcance, sector, enviado=enviado)
        else:
            permitido = permisos.puede_descargar(alcance, sector)
        if not permitido:
            abort(403)
        return sector, datos

    @server.route("/descargas/correo/adjunto/<int:adjunto_id>")
    def descargar_adjunto_correo(adjunto_id: int) -> Response:
        """An attachment of an outgoing message, for an admin only (/correo)."""
        alcance = data.alcance_actual()
        if not permisos.puede_administrar_correo(alcance):
            abort(403)
        leido = vistas_correo.adjunto(data.datos().engine, adjunto_id, alcance)
        if leido is None:
            abort(404)
        nombre, mime, contenido = leido
        return archivo(contenido, mime, nombre)

    @server.route("/descargas/convocatoria/<int:sesion_id>.pdf")
    def descargar_convocatoria(sesion_id: int) -> Response:
        es_demo = data.contexto().es_demo
        with sesion_bd() as s:
            sector, datos = de_la_mesa(
                datos_convocatoria(s, sesion_id, es_demo=es_demo), s, enviado=True
            )
        return archivo(
            doc.pdf_convocatoria(datos), MIME_PDF, f"convocatoria-{sector}-{sesion_id}.pdf"
        )

    @server.route("/descargas/ayuda-memoria/<int:ayuda_id>.pdf")
    def descargar_ayuda_memoria(ayuda_id: int) -> Response:
        es_demo = data.contexto().es_demo
        with sesion_bd() as s:
            sector, datos = de_la_mesa(
                datos_ayuda_memoria(s, ayuda_id, fecha_corte=data.hoy_honduras(), es_demo=es_demo),
                s,
                enviado=vistas_mis_acuerdos.ayuda_distribuida(s, ayuda_id),
            )
        return archivo(
            doc.pdf_ayuda_memoria(datos),
            MIME_PDF,
            f"ayuda-memoria-{sector}-acta-{datos.numero}.pdf",
        )

    @server.route("/descargas/acuerdos/<sector>.xlsx")
    def descargar_acuerdos(sector: str) -> Response:
        alcance = data.alcance_actual()
        if not permisos.puede_descargar(alcance, sector):
            abort(403)
        hoy = data.hoy_honduras()
        es_demo = data.contexto().es_demo
        with sesion_bd() as s:
            mesa = registros.mesa_de_sector(s, sector)
            if mesa is None:
                abort(404)
            filas = filas_acuerdos(s, sector, hoy)
            nombre = nombre_mesa(mesa)
        descripcion = exportacion.describir(
            "acuerdos",
            {"mesa": sector},
            periodo=None,
            usuario=alcance.usuario if alcance is not None else "",
            titulo=f"Tablero de acuerdos - {nombre}",
        )
        contenido = doc.xlsx_acuerdos(
            filas,
            mesa=nombre,
            fecha_corte=hoy,
            es_demo=es_demo,
            filtros=descripcion.hoja_filtros(),
        )
        return archivo(contenido, MIME_XLSX, f"{descripcion.nombre()}.xlsx")
