"""Downloads of the MESGEPRET documents: convocatoria and ayuda memoria (PDF), acuerdos (XLSX).

Flask routes on the app's server (:func:`registrar`):

- ``/descargas/convocatoria/<sesion_id>.pdf``
- ``/descargas/ayuda-memoria/<ayuda_id>.pdf``
- ``/descargas/acuerdos/<sector>.xlsx``

The login guard already answers 401 to anonymous requests under ``/descargas/``; these routes also
check scope (:func:`data_layer.permisos.puede_descargar`): a user who may not see the mesa's
records gets 403. The functions ``datos_*`` read the
database (a caller's ``Session``) into the plain data of :mod:`data_layer.documentos`.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pandas as pd
from flask import Flask, Response, abort, send_file
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import documentos as doc
from data_layer import permisos
from data_layer.db import session_factory
from data_layer.mesas import registros, reglas
from data_layer.mesas.models import (
    Acuerdo,
    AyudaMemoria,
    Mesa,
    SeguimientoAcuerdo,
    SesionMesa,
    TipoPunto,
)
from data_layer.models import Sector

MIME_PDF = "application/pdf"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def nombre_mesa(mesa: Mesa) -> str:
    """The mesa's name as documents print it."""
    return f"Mesa Sectorial de {mesa.sector.nombre}"


def estados_al(acuerdos: list[Acuerdo], fecha_corte: dt.date) -> list[str]:
    """Each acuerdo's status at ``fecha_corte`` (``vencido`` when overdue, see ``reglas``)."""
    if not acuerdos:
        return []
    estados = reglas.estado_vigente(
        pd.Series([a.estado.value for a in acuerdos], dtype="str"),
        pd.Series([a.fecha_limite for a in acuerdos]),
        fecha_corte,
    )
    return list(estados)


def _vinculos(acuerdo: Acuerdo) -> list[str]:
    return [m.codigo for m in acuerdo.metas] + [i.codigo for i in acuerdo.indicadores]


def _fila(acuerdo: Acuerdo, estado: str, nota: str | None = None) -> doc.FilaAcuerdo:
    return doc.FilaAcuerdo(
        texto=acuerdo.texto,
        institucion=acuerdo.institucion_responsable.sigla,
        persona=acuerdo.persona_responsable,
        fecha_limite=acuerdo.fecha_limite,
        estado=estado,
        resultado=acuerdo.resultado,
        vinculos=_vinculos(acuerdo),
        nota=nota,
    )


def datos_convocatoria(
    session: Session, sesion_id: int, *, es_demo: bool
) -> tuple[str, doc.DatosConvocatoria] | None:
    """The sector and the convocatoria data of a session (None when it does not exist)."""
    sesion = session.get(SesionMesa, sesion_id)
    if sesion is None:
        return None
    return sesion.mesa.sector.codigo, doc.DatosConvocatoria(
        mesa=nombre_mesa(sesion.mesa),
        nivel=sesion.nivel.value,
        enviada_en=sesion.convocatoria_enviada_en,
        fecha_hora=sesion.fecha_hora,
        lugar=sesion.lugar,
        agenda=[p.titulo for p in sesion.agenda],
        justificacion=sesion.justificacion_convocatoria,
        convocada_por=sesion.convocada_por,
        es_demo=es_demo,
    )


def datos_ayuda_memoria(
    session: Session, ayuda_id: int, *, fecha_corte: dt.date, es_demo: bool
) -> tuple[str, doc.DatosAyudaMemoria] | None:
    """The sector and the ayuda memoria data (None when it does not exist).

    Acuerdos are those of the session; the follow-up lists the earlier acuerdos carried into its
    agenda with their status at ``fecha_corte`` and the last note recorded in this session.
    """
    ayuda = session.get(AyudaMemoria, ayuda_id)
    if ayuda is None:
        return None
    sesion = ayuda.sesion
    participantes = sorted(
        (
            doc.Participante(
                nombre=a.miembro.nombre,
                cargo=a.miembro.cargo,
                institucion=a.miembro.institucion.sigla,
                nivel=a.miembro.nivel.value,
                presente=a.presente,
            )
            for a in ayuda.asistencia
        ),
        key=lambda p: (p.institucion, p.nombre),
    )
    propios = list(
        session.scalars(select(Acuerdo).where(Acuerdo.sesion_id == sesion.id).order_by(Acuerdo.id))
    )
    ids_previos = [
        p.acuerdo_id
        for p in sesion.agenda
        if p.tipo == TipoPunto.seguimiento_acuerdo and p.acuerdo_id is not None
    ]
    previos = [a for a in (session.get(Acuerdo, i) for i in ids_previos) if a is not None]
    notas = {
        s.acuerdo_id: s.nota
        for s in session.scalars(
            select(SeguimientoAcuerdo)
            .where(SeguimientoAcuerdo.sesion_id == sesion.id)
            .order_by(SeguimientoAcuerdo.id)
        )
    }
    corregida = session.get(AyudaMemoria, ayuda.corrige_a_id) if ayuda.corrige_a_id else None
    return sesion.mesa.sector.codigo, doc.DatosAyudaMemoria(
        mesa=nombre_mesa(sesion.mesa),
        numero=ayuda.numero,
        nivel=sesion.nivel.value,
        fecha_hora=sesion.fecha_hora,
        lugar=sesion.lugar,
        elaborada_en=ayuda.elaborada_en,
        participantes=participantes,
        agenda=[p.titulo for p in sesion.agenda],
        desarrollo=ayuda.desarrollo,
        acuerdos=[
            _fila(a, e) for a, e in zip(propios, estados_al(propios, fecha_corte), strict=True)
        ],
        seguimiento=[
            _fila(a, e, notas.get(a.id))
            for a, e in zip(previos, estados_al(previos, fecha_corte), strict=True)
        ],
        distribuida_en=ayuda.distribuida_en,
        corrige_a=corregida.numero if corregida is not None else None,
        motivo_correccion=ayuda.motivo_correccion,
        es_demo=es_demo,
    )


def filas_acuerdos(session: Session, sector: str, fecha_corte: dt.date) -> list[dict[str, Any]]:
    """The acuerdos board of a mesa (rows for :func:`documentos.xlsx_acuerdos`), by due date."""
    acuerdos = list(
        session.scalars(
            select(Acuerdo)
            .join(Mesa, Mesa.id == Acuerdo.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(Sector.codigo == sector)
            .order_by(Acuerdo.fecha_limite, Acuerdo.id)
        )
    )
    actas = {
        a.id: a.numero
        for a in session.scalars(
            select(AyudaMemoria).where(
                AyudaMemoria.id.in_([a.ayuda_memoria_id for a in acuerdos if a.ayuda_memoria_id])
            )
        )
    }
    return [
        {
            "acta": actas.get(a.ayuda_memoria_id) if a.ayuda_memoria_id else None,
            "fecha_sesion": a.sesion.fecha_hora.date(),
            "texto": a.texto,
            "institucion": a.institucion_responsable.sigla,
            "persona": a.persona_responsable,
            "fecha_limite": a.fecha_limite,
            "estado": estado,
            "resultado": a.resultado,
            "vinculos": _vinculos(a),
        }
        for a, estado in zip(acuerdos, estados_al(acuerdos, fecha_corte), strict=True)
    ]


def registrar(server: Flask) -> None:
    """Add the download routes to the app's Flask ``server``."""
    from dashboard import data

    def sesion_bd() -> Session:
        return session_factory(data.datos().engine)()

    def archivo(contenido: bytes, mime: str, nombre: str) -> Response:
        return send_file(
            io.BytesIO(contenido), mimetype=mime, as_attachment=True, download_name=nombre
        )

    def de_la_mesa(leido: tuple[str, Any] | None) -> tuple[str, Any]:
        """The document's (sector, data): 404 when it does not exist, 403 outside the scope."""
        if leido is None:
            abort(404)
        sector, datos = leido
        if not permisos.puede_descargar(data.alcance_actual(), sector):
            abort(403)
        return sector, datos

    @server.route("/descargas/convocatoria/<int:sesion_id>.pdf")
    def descargar_convocatoria(sesion_id: int) -> Response:
        es_demo = data.contexto().es_demo
        with sesion_bd() as s:
            sector, datos = de_la_mesa(datos_convocatoria(s, sesion_id, es_demo=es_demo))
        return archivo(
            doc.pdf_convocatoria(datos), MIME_PDF, f"convocatoria-{sector}-{sesion_id}.pdf"
        )

    @server.route("/descargas/ayuda-memoria/<int:ayuda_id>.pdf")
    def descargar_ayuda_memoria(ayuda_id: int) -> Response:
        es_demo = data.contexto().es_demo
        with sesion_bd() as s:
            sector, datos = de_la_mesa(
                datos_ayuda_memoria(s, ayuda_id, fecha_corte=data.hoy_honduras(), es_demo=es_demo)
            )
        return archivo(
            doc.pdf_ayuda_memoria(datos),
            MIME_PDF,
            f"ayuda-memoria-{sector}-acta-{datos.numero}.pdf",
        )

    @server.route("/descargas/acuerdos/<sector>.xlsx")
    def descargar_acuerdos(sector: str) -> Response:
        if not permisos.puede_descargar(data.alcance_actual(), sector):
            abort(403)
        hoy = data.hoy_honduras()
        es_demo = data.contexto().es_demo
        with sesion_bd() as s:
            mesa = registros.mesa_de_sector(s, sector)
            if mesa is None:
                abort(404)
            filas = filas_acuerdos(s, sector, hoy)
            nombre = nombre_mesa(mesa)
        contenido = doc.xlsx_acuerdos(filas, mesa=nombre, fecha_corte=hoy, es_demo=es_demo)
        return archivo(contenido, MIME_XLSX, f"acuerdos-{sector}.xlsx")
