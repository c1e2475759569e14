"""What the mesa documents say, read from the database: convocatoria, ayuda memoria, acuerdos board.

The readers here turn a caller's ``Session`` into the plain data of :mod:`data_layer.documentos`
(which builds the files). Distributed minutes are a frozen document: what they printed that can
move afterwards (the attendance's names and cargos, each acuerdo's status and result, the
follow-up notes) is stored when they are distributed (:func:`congelar`, called by
``servicio.distribuir_ayuda_memoria``) and every later download prints that copy. Each acuerdo's
status is the one it had on the distribution date, read from its (linear) history
(:func:`estado_en`), so a distribution recorded days later does not print later changes either;
minutes distributed before the copy existed are rebuilt the same way when downloaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import documentos as doc
from data_layer.mesas import reglas
from data_layer.mesas.models import (
    Acuerdo,
    AyudaMemoria,
    Mesa,
    SeguimientoAcuerdo,
    SesionMesa,
    TipoPunto,
)
from data_layer.models import Sector, Usuario


def nombre_mesa(mesa: Mesa) -> str:
    """The mesa's name as documents print it."""
    return f"Mesa Sectorial de {mesa.sector.nombre}"


def estados_al(
    acuerdos: list[Acuerdo], fecha_corte: dt.date, estados: list[str] | None = None
) -> list[str]:
    """Each acuerdo's status at ``fecha_corte`` (``vencido`` when overdue, see ``reglas``).

    Args:
        acuerdos: the acuerdos.
        fecha_corte: the date the statuses refer to.
        estados: the statuses set by hand to derive from (default: their current ones).
    """
    if not acuerdos:
        return []
    vigentes = reglas.estado_vigente(
        pd.Series(estados or [a.estado.value for a in acuerdos], dtype="str"),
        pd.Series([a.fecha_limite for a in acuerdos]),
        fecha_corte,
    )
    return list(vigentes)


def estado_en(acuerdo: Acuerdo, fecha: dt.date, historia: list[SeguimientoAcuerdo]) -> str:
    """The status set by hand that ``acuerdo`` had on ``fecha``, from its history.

    The history is linear (each change starts from the previous one's status, see
    ``servicio.cambiar_estado_acuerdo``): the status on ``fecha`` is the one the first change
    dated after it started from, or the current one when no change is dated after it.

    Args:
        acuerdo: the acuerdo.
        fecha: the date.
        historia: its follow-ups, in the order they were recorded.
    """
    for cambio in historia:
        if cambio.fecha > fecha and cambio.estado_anterior != cambio.estado_nuevo:
            return cambio.estado_anterior.value
    return acuerdo.estado.value


def _historias(session: Session, acuerdos: list[Acuerdo]) -> dict[int, list[SeguimientoAcuerdo]]:
    """The follow-ups of each of ``acuerdos``, in the order they were recorded (read afresh, not
    from a relationship loaded earlier in the transaction)."""
    historias: dict[int, list[SeguimientoAcuerdo]] = {a.id: [] for a in acuerdos}
    for cambio in session.scalars(
        select(SeguimientoAcuerdo)
        .where(SeguimientoAcuerdo.acuerdo_id.in_(list(historias)))
        .order_by(SeguimientoAcuerdo.id)
    ):
        historias[cambio.acuerdo_id].append(cambio)
    return historias


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


def nombre_de_usuario(session: Session, usuario: str | None) -> str | None:
    """The full name of the user whose login is ``usuario`` (None: unknown or nameless, such as
    the system actor of the CLI and the demo loader)."""
    if not usuario:
        return None
    nombre = session.scalar(select(Usuario.nombre).where(Usuario.usuario == usuario))
    return (nombre or "").strip() or None


def datos_convocatoria(
    session: Session, sesion_id: int, *, es_demo: bool
) -> tuple[str, doc.DatosConvocatoria] | None:
    """The sector and the convocatoria data of a session (None when it does not exist).

    It names who convened it by their full name (``Usuario.nombre``), never by their login.
    """
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
        convocada_por=nombre_de_usuario(session, sesion.convocada_por),
        es_demo=es_demo,
    )


# --- the parts of an ayuda memoria that move, live or frozen ------------------------------------


@dataclasses.dataclass(frozen=True)
class _Partes:
    """Attendance, the session's acuerdos and the follow-up of earlier ones, as printed."""

    participantes: list[doc.Participante]
    acuerdos: list[doc.FilaAcuerdo]
    seguimiento: list[doc.FilaAcuerdo]


def _acuerdos_y_previos(
    session: Session, sesion: SesionMesa
) -> tuple[list[Acuerdo], list[Acuerdo]]:
    """The session's own acuerdos (by id) and the earlier ones its agenda follows up."""
    propios = list(
        session.scalars(select(Acuerdo).where(Acuerdo.sesion_id == sesion.id).order_by(Acuerdo.id))
    )
    ids_previos = [
        p.acuerdo_id
        for p in sesion.agenda
        if p.tipo == TipoPunto.seguimiento_acuerdo and p.acuerdo_id is not None
    ]
    previos = [a for a in (session.get(Acuerdo, i) for i in ids_previos) if a is not None]
    return propios, previos


def _partes(session: Session, ayuda: AyudaMemoria, fecha: dt.date, *, historia: bool) -> _Partes:
    """The moving parts of ``ayuda`` at ``fecha``: statuses from the history (``historia``, for
    distributed minutes) or the current ones (drafts)."""
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
    propios, previos = _acuerdos_y_previos(session, sesion)
    notas = {
        s.acuerdo_id: s.nota
        for s in session.scalars(
            select(SeguimientoAcuerdo)
            .where(SeguimientoAcuerdo.sesion_id == sesion.id, SeguimientoAcuerdo.fecha <= fecha)
            .order_by(SeguimientoAcuerdo.id)
        )
    }

    def filas(acuerdos: list[Acuerdo], con_nota: bool) -> list[doc.FilaAcuerdo]:
        manuales = None
        if historia:
            historias = _historias(session, acuerdos)
            manuales = [estado_en(a, fecha, historias[a.id]) for a in acuerdos]
        return [
            _fila(a, e, notas.get(a.id) if con_nota else None)
            for a, e in zip(acuerdos, estados_al(acuerdos, fecha, manuales), strict=True)
        ]

    return _Partes(participantes, filas(propios, False), filas(previos, True))


def congelar(session: Session, ayuda: AyudaMemoria, fecha: dt.date) -> dict[str, Any]:
    """The moving parts of ``ayuda`` as they were on its distribution date ``fecha``, as JSON.

    Stored in ``AyudaMemoria.contenido_distribuido`` by the distribution; read back by
    :func:`datos_ayuda_memoria` for every later download.
    """
    partes = _partes(session, ayuda, fecha, historia=True)

    def a_json(fila: Any) -> dict[str, Any]:
        datos = dataclasses.asdict(fila)
        if "fecha_limite" in datos:
            datos["fecha_limite"] = datos["fecha_limite"].isoformat()
            datos["vinculos"] = list(datos["vinculos"])
        return datos

    return {
        "fecha": fecha.isoformat(),
        "participantes": [a_json(p) for p in partes.participantes],
        "acuerdos": [a_json(a) for a in partes.acuerdos],
        "seguimiento": [a_json(a) for a in partes.seguimiento],
    }


def _descongelar(contenido: dict[str, Any]) -> _Partes:
    def fila(datos: dict[str, Any]) -> doc.FilaAcuerdo:
        return doc.FilaAcuerdo(
            **{**datos, "fecha_limite": dt.date.fromisoformat(datos["fecha_limite"])}
        )

    return _Partes(
        participantes=[doc.Participante(**p) for p in contenido["participantes"]],
        acuerdos=[fila(a) for a in contenido["acuerdos"]],
        seguimiento=[fila(a) for a in contenido["seguimiento"]],
    )


def datos_ayuda_memoria(
    session: Session, ayuda_id: int, *, fecha_corte: dt.date, es_demo: bool
) -> tuple[str, doc.DatosAyudaMemoria] | None:
    """The sector and the ayuda memoria data (None when it does not exist).

    Distributed minutes print their frozen copy (:func:`congelar`). A draft prints the session's
    acuerdos and the follow-up of the earlier acuerdos carried into its agenda, with their status
    at ``fecha_corte`` and the last note recorded in this session.
    """
    ayuda = session.get(AyudaMemoria, ayuda_id)
    if ayuda is None:
        return None
    sesion = ayuda.sesion
    if ayuda.distribuida_en is not None:
        contenido = ayuda.contenido_distribuido or congelar(session, ayuda, ayuda.distribuida_en)
        partes = _descongelar(contenido)
    else:
        partes = _partes(session, ayuda, fecha_corte, historia=False)
    corregida = session.get(AyudaMemoria, ayuda.corrige_a_id) if ayuda.corrige_a_id else None
    return sesion.mesa.sector.codigo, doc.DatosAyudaMemoria(
        mesa=nombre_mesa(sesion.mesa),
        numero=ayuda.numero,
        nivel=sesion.nivel.value,
        fecha_hora=sesion.fecha_hora,
        lugar=sesion.lugar,
        elaborada_en=ayuda.elaborada_en,
        participantes=partes.participantes,
        agenda=[p.titulo for p in sesion.agenda],
        desarrollo=ayuda.desarrollo,
        acuerdos=partes.acuerdos,
        seguimiento=partes.seguimiento,
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
