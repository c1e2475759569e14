"""Reading target revisions: an indicator's history, and what waits for a user.

Session in, plain frozen dataclasses out (pages get them through ``dashboard.vistas``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.models import Indicador, Meta, Nivel, Rol, Usuario
from data_layer.pendientes import Pendiente
from data_layer.periods import hora_honduras
from data_layer.revisiones.models import EstadoPropuesta, PropuestaMeta
from data_layer.revisiones.servicio import ESTADOS_TEXTO

#: The kind of a target revision on «Pendientes de mi decisión».
TIPO = "Revisión de meta"
#: Anchor of the history section on the indicator page (links from «pendientes» land there).
ANCLA = "revisiones-de-meta"


@dataclass(frozen=True)
class PeriodoRevision:
    """One period of a proposal: the current target when proposed, the proposed one, and
    whether approval applied it (None until decided)."""

    periodo: str
    meta_vigente: float
    meta_propuesta: float
    aplicada: bool | None


@dataclass(frozen=True)
class Revision:
    """One version of a target revision proposal, as the history shows it.

    Names (``*_nombre``) are the users' full names, or their user names when they have none.
    Dates are Honduras days.
    """

    id: int
    numero: int
    anterior_id: int | None
    estado: str
    estado_texto: str
    version: int
    periodos: tuple[PeriodoRevision, ...]
    justificacion: str
    metodo_proyeccion: str | None
    acuerdo_id: int | None
    propuesta_por: str
    propuesta_nombre: str
    fecha_propuesta: dt.date
    opinion: str | None
    opinion_texto: str | None
    opinion_por: str | None
    opinion_nombre: str | None
    fecha_opinion: dt.date | None
    decision_por: str | None
    decision_nombre: str | None
    fecha_decision: dt.date | None
    decision_nota: str | None
    corregida: bool

    @property
    def abierta(self) -> bool:
        """Whether it still waits for an opinion or a decision."""
        return self.estado in (EstadoPropuesta.propuesta, EstadoPropuesta.con_opinion)


def _nombres(session: Session, usuarios: set[str]) -> dict[str, str]:
    if not usuarios:
        return {}
    filas = session.execute(
        select(Usuario.usuario, Usuario.nombre).where(Usuario.usuario.in_(usuarios))
    )
    return {u: (n or u) for u, n in filas}


def _dia(momento: dt.datetime | None) -> dt.date | None:
    return None if momento is None else hora_honduras(momento).date()


def historial(session: Session, codigo: str) -> list[Revision]:
    """Every version of every target revision proposal of indicator ``codigo``, newest first."""
    propuestas = list(
        session.scalars(
            select(PropuestaMeta)
            .join(Indicador, Indicador.id == PropuestaMeta.indicador_id)
            .where(Indicador.codigo == str(codigo))
            .options(selectinload(PropuestaMeta.periodos))
            .order_by(PropuestaMeta.id.desc())
        )
    )
    corregidas = {p.anterior_id for p in propuestas if p.anterior_id is not None}
    nombres = _nombres(
        session,
        {
            u
            for p in propuestas
            for u in (p.propuesta_por, p.opinion_por, p.decision_por)
            if u is not None
        },
    )
    return [
        Revision(
            id=p.id,
            numero=p.numero,
            anterior_id=p.anterior_id,
            estado=p.estado.value,
            estado_texto=ESTADOS_TEXTO[p.estado],
            version=p.version,
            periodos=tuple(
                PeriodoRevision(f.periodo, f.meta_vigente, f.meta_propuesta, f.aplicada)
                for f in p.periodos
            ),
            justificacion=p.justificacion,
            metodo_proyeccion=p.metodo_proyeccion,
            acuerdo_id=p.acuerdo_id,
            propuesta_por=p.propuesta_por,
            propuesta_nombre=nombres.get(p.propuesta_por, p.propuesta_por),
            fecha_propuesta=p.fecha_propuesta,
            opinion=p.opinion.value if p.opinion else None,
            opinion_texto=p.opinion_texto,
            opinion_por=p.opinion_por,
            opinion_nombre=nombres.get(p.opinion_por or "", p.opinion_por),
            fecha_opinion=_dia(p.opinion_en),
            decision_por=p.decision_por,
            decision_nombre=nombres.get(p.decision_por or "", p.decision_por),
            fecha_decision=p.fecha_decision,
            decision_nota=p.decision_nota,
            corregida=p.id in corregidas,
        )
        for p in propuestas
    ]


def href_indicador(codigo: str) -> str:
    """The indicator page's history section, where its proposals are decided."""
    return f"/indicadores/{quote(str(codigo), safe='')}#{ANCLA}"


def pendientes(session: Session, actor: Alcance | None) -> list[Pendiente]:
    """The target revisions waiting for ``actor``, oldest first.

    - a DIGER ``analista``: proposals sent and without opinion, except their own;
    - a ``ministro``: proposals with opinion of indicators of their sectors' goals (not
      presidential), except their own;
    - ``presidencia``: proposals with opinion of indicators of presidential goals;
    - anyone else: nothing.

    Each row's rule is the services' own (:func:`permisos.puede_opinar_revision`,
    :func:`permisos.puede_decidir_revision`), asked again per row.
    """
    if actor is None:
        return []
    if permisos.puede_opinar_revision(actor):
        estado = EstadoPropuesta.propuesta
    elif actor.rol in (Rol.ministro, Rol.presidencia):
        estado = EstadoPropuesta.con_opinion
    else:
        return []
    propuestas = list(
        session.scalars(
            select(PropuestaMeta)
            .where(PropuestaMeta.estado == estado, PropuestaMeta.propuesta_por != actor.usuario)
            .options(
                selectinload(PropuestaMeta.indicador)
                .selectinload(Indicador.meta)
                .selectinload(Meta.sector)
            )
            .order_by(PropuestaMeta.fecha_propuesta, PropuestaMeta.id)
        )
    )
    nombres = _nombres(session, {p.propuesta_por for p in propuestas})
    filas: list[Pendiente] = []
    for p in propuestas:
        meta = p.indicador.meta
        sector = meta.sector
        if estado is EstadoPropuesta.con_opinion and not permisos.puede_decidir_revision(
            actor, nivel=str(meta.nivel), sector=sector.codigo if sector else None
        ):
            continue
        periodos = ", ".join(f.periodo for f in p.periodos)
        presidencial = " (meta presidencial)" if meta.nivel is Nivel.presidencial else ""
        filas.append(
            Pendiente(
                tipo=TIPO,
                titulo=f"{p.indicador.codigo} · {p.indicador.nombre}{presidencial}: metas de "
                f"{periodos}",
                sector=sector.nombre if sector else None,
                propuesto_por=nombres.get(p.propuesta_por, p.propuesta_por),
                desde=p.fecha_propuesta,
                href=href_indicador(p.indicador.codigo),
            )
        )
    return filas


def acuerdos_del_sector(session: Session, sector: str | None) -> list[tuple[int, str]]:
    """The acuerdos of the mesa of ``sector`` a proposal may cite: ``(id, label)``, newest
    first (none for a presidential goal's indicator, which has no sector)."""
    if not sector:
        return []
    from data_layer.mesas.models import Acuerdo, Mesa
    from data_layer.models import Sector

    filas = session.execute(
        select(Acuerdo.id, Acuerdo.texto, Acuerdo.fecha_limite)
        .join(Mesa, Mesa.id == Acuerdo.mesa_id)
        .join(Sector, Sector.id == Mesa.sector_id)
        .where(Sector.codigo == sector)
        .order_by(Acuerdo.id.desc())
    )
    return [
        (i, f"Acuerdo {i}: {texto[:90]}{'…' if len(texto) > 90 else ''} (vence {limite:%d/%m/%Y})")
        for i, texto, limite in filas
    ]
