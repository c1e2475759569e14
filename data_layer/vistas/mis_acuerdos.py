"""«Mis acuerdos» (``/mis-acuerdos``): what a UPGRET sees of the mesas (issue #11, item 7).

Two lists for the user's institutions (:func:`data_layer.permisos.ve_mis_acuerdos`):

- the acuerdos they are responsible for, in any mesa: mesa, session, acta, text, person, due
  date, status at today (``vencido`` when overdue), follow-up notes with their evidence, the
  version the report form sends back and the statuses they may give it;
- the documents of the mesas they take part in (coordinate, or have active accredited members):
  each session's convocatoria and its distributed ayuda memoria (drafts are never listed:
  :func:`data_layer.permisos.puede_descargar_documento`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.evidencias import ruta_descarga
from data_layer.mesas.contenido import estados_al, nombre_mesa
from data_layer.mesas.models import (
    Acuerdo,
    AyudaMemoria,
    EstadoSesion,
    Mesa,
    MiembroMesa,
    SeguimientoAcuerdo,
    SesionMesa,
)
from data_layer.models import Institucion, Sector

NIVELES = {"politico": "Político", "tecnico": "Técnico-operativo"}


@dataclass(frozen=True)
class Seguimiento:
    """One follow-up of an acuerdo as the page shows it."""

    fecha: dt.date
    estado_anterior: str
    estado_nuevo: str
    nota: str
    usuario: str | None
    evidencia_nombre: str | None = None
    evidencia_href: str | None = None
    enlace: str | None = None


@dataclass(frozen=True)
class FilaAcuerdo:
    """An acuerdo of the user's institution."""

    id: int
    version: int
    sector: str
    mesa: str
    sesion_fecha: dt.date
    sesion_nivel: str
    acta: int | None
    texto: str
    institucion: str
    persona: str
    fecha_limite: dt.date
    estado: str
    estado_guardado: str
    estados_permitidos: tuple[str, ...]
    seguimientos: list[Seguimiento] = field(default_factory=list)

    @property
    def abierto(self) -> bool:
        """Whether the institution may still report on it (not cumplido nor cancelado)."""
        return self.estado_guardado in ("pendiente", "en_proceso")


@dataclass(frozen=True)
class FilaDocumento:
    """A session of a mesa the institution takes part in, with its downloadable documents."""

    sector: str
    mesa: str
    fecha: dt.datetime
    nivel: str
    lugar: str
    estado: str
    convocatoria_href: str
    acta: int | None = None
    ayuda_href: str | None = None


@dataclass(frozen=True)
class MisAcuerdos:
    """The page's content."""

    instituciones: tuple[str, ...]
    acuerdos: list[FilaAcuerdo]
    documentos: list[FilaDocumento]

    @property
    def abiertos(self) -> int:
        """How many acuerdos are still to be carried out."""
        return sum(1 for a in self.acuerdos if a.abierto)

    @property
    def vencidos(self) -> int:
        """How many are overdue today."""
        return sum(1 for a in self.acuerdos if a.estado == "vencido")


def _seguimientos(filas: list[SeguimientoAcuerdo]) -> list[Seguimiento]:
    return [
        Seguimiento(
            fecha=f.fecha,
            estado_anterior=f.estado_anterior.value,
            estado_nuevo=f.estado_nuevo.value,
            nota=f.nota,
            usuario=f.usuario,
            evidencia_nombre=f.evidencia.nombre_original if f.evidencia is not None else None,
            evidencia_href=ruta_descarga(f.evidencia.clave) if f.evidencia is not None else None,
            enlace=f.evidencia_url,
        )
        for f in sorted(filas, key=lambda f: (f.fecha, f.id), reverse=True)
    ]


def acuerdos_de(
    session: Session, alcance: Alcance, instituciones: frozenset[str], hoy: dt.date
) -> list[FilaAcuerdo]:
    """The acuerdos whose responsible institution is one of ``instituciones``, open ones first
    (by due date), then the closed ones."""
    acuerdos = list(
        session.scalars(
            select(Acuerdo)
            .join(Institucion, Institucion.id == Acuerdo.institucion_responsable_id)
            .where(Institucion.sigla.in_(sorted(instituciones)))
            .options(selectinload(Acuerdo.seguimientos))
            .order_by(Acuerdo.fecha_limite, Acuerdo.id)
        )
    )
    actas = {
        a.id: a.numero
        for a in session.scalars(
            select(AyudaMemoria).where(
                AyudaMemoria.id.in_([x.ayuda_memoria_id for x in acuerdos if x.ayuda_memoria_id])
            )
        )
    }
    filas = []
    for a, vigente in zip(acuerdos, estados_al(acuerdos, hoy), strict=True):
        sector = a.mesa.sector.codigo
        sigla = a.institucion_responsable.sigla
        filas.append(
            FilaAcuerdo(
                id=a.id,
                version=a.version,
                sector=sector,
                mesa=nombre_mesa(a.mesa),
                sesion_fecha=a.sesion.fecha_hora.date(),
                sesion_nivel=NIVELES.get(a.sesion.nivel.value, a.sesion.nivel.value),
                acta=actas.get(a.ayuda_memoria_id) if a.ayuda_memoria_id else None,
                texto=a.texto,
                institucion=sigla,
                persona=a.persona_responsable,
                fecha_limite=a.fecha_limite,
                estado=vigente,
                estado_guardado=a.estado.value,
                estados_permitidos=tuple(
                    sorted(permisos.estados_acuerdo_permitidos(alcance, sector, sigla))
                ),
                seguimientos=_seguimientos(list(a.seguimientos)),
            )
        )
    return sorted(filas, key=lambda f: not f.abierto)


def mesas_de(session: Session, instituciones: frozenset[str]) -> list[Mesa]:
    """The mesas ``instituciones`` take part in: they coordinate them (either level) or have
    active accredited members."""
    ids = select(Institucion.id).where(Institucion.sigla.in_(sorted(instituciones)))
    miembro = select(MiembroMesa.mesa_id).where(
        MiembroMesa.activo, MiembroMesa.institucion_id.in_(ids)
    )
    return list(
        session.scalars(
            select(Mesa).where(
                or_(
                    Mesa.coordinador_politico_institucion_id.in_(ids),
                    Mesa.coordinador_tecnico_institucion_id.in_(ids),
                    Mesa.id.in_(miembro),
                )
            )
        )
    )


def documentos_de(
    session: Session, alcance: Alcance, instituciones: frozenset[str]
) -> list[FilaDocumento]:
    """Convocatorias and distributed ayudas memoria of the institutions' mesas, newest first."""
    mesas = {m.id: m for m in mesas_de(session, instituciones)}
    if not mesas:
        return []
    sesiones = session.scalars(
        select(SesionMesa)
        .where(SesionMesa.mesa_id.in_(list(mesas)), SesionMesa.estado != EstadoSesion.cancelada)
        .order_by(SesionMesa.fecha_hora.desc())
    ).all()
    # The current distributed minutes of each session: the latest distributed one.
    ayudas: dict[int, AyudaMemoria] = {}
    for a in session.scalars(
        select(AyudaMemoria)
        .where(
            AyudaMemoria.sesion_id.in_([s.id for s in sesiones]),
            AyudaMemoria.distribuida_en.is_not(None),
        )
        .order_by(AyudaMemoria.numero)
    ):
        ayudas[a.sesion_id] = a
    filas = []
    for s in sesiones:
        sector = mesas[s.mesa_id].sector.codigo
        if not permisos.puede_descargar_documento(alcance, sector, instituciones, enviado=True):
            continue  # pragma: no cover - the mesas are the institutions' own
        ayuda = ayudas.get(s.id)
        filas.append(
            FilaDocumento(
                sector=sector,
                mesa=nombre_mesa(mesas[s.mesa_id]),
                fecha=s.fecha_hora,
                nivel=NIVELES.get(s.nivel.value, s.nivel.value),
                lugar=s.lugar,
                estado=s.estado.value,
                convocatoria_href=f"/descargas/convocatoria/{s.id}.pdf",
                acta=ayuda.numero if ayuda is not None else None,
                ayuda_href=f"/descargas/ayuda-memoria/{ayuda.id}.pdf" if ayuda else None,
            )
        )
    return filas


def mis_acuerdos(session: Session, alcance: Alcance | None, hoy: dt.date) -> MisAcuerdos | None:
    """The page's content for ``alcance`` (None: the role has no «Mis acuerdos»)."""
    if alcance is None or not permisos.ve_mis_acuerdos(alcance):
        return None
    instituciones = frozenset(alcance.instituciones)
    return MisAcuerdos(
        instituciones=tuple(sorted(instituciones)),
        acuerdos=acuerdos_de(session, alcance, instituciones, hoy),
        documentos=documentos_de(session, alcance, instituciones),
    )


def instituciones_de_mesa(session: Session, sector: str) -> frozenset[str]:
    """Siglas of the institutions taking part in the mesa of ``sector`` (coordinators' and
    active members'), for :func:`data_layer.permisos.puede_descargar_documento`."""
    mesa = session.scalars(
        select(Mesa).join(Sector, Sector.id == Mesa.sector_id).where(Sector.codigo == sector)
    ).first()
    if mesa is None:
        return frozenset()
    miembros = session.scalars(
        select(Institucion.sigla)
        .join(MiembroMesa, MiembroMesa.institucion_id == Institucion.id)
        .where(MiembroMesa.mesa_id == mesa.id, MiembroMesa.activo)
    )
    return frozenset({*miembros, mesa.institucion_politico.sigla, mesa.institucion_tecnico.sigla})


def puede_descargar(
    session: Session, alcance: Alcance | None, sector: str, *, enviado: bool
) -> bool:
    """Whether ``alcance`` may download a convocatoria or ayuda memoria of the mesa of ``sector``
    (the rule: :func:`data_layer.permisos.puede_descargar_documento`; the participating
    institutions are read only when the user does not see the mesa in detail)."""
    if permisos.puede_descargar(alcance, sector):
        return True
    if alcance is None or not enviado:
        return False
    return permisos.puede_descargar_documento(
        alcance, sector, instituciones_de_mesa(session, sector), enviado=enviado
    )


def ayuda_distribuida(session: Session, ayuda_id: int) -> bool:
    """Whether ayuda memoria ``ayuda_id`` was distributed (sent to the participants)."""
    ayuda = session.get(AyudaMemoria, ayuda_id)
    return ayuda is not None and ayuda.distribuida_en is not None


def institucion_de_acuerdo(session: Session, acuerdo_id: int) -> str | None:
    """The responsible institution's sigla of acuerdo ``acuerdo_id`` (None: no such acuerdo):
    whose evidence folder a file uploaded with the report belongs to."""
    acuerdo = session.get(Acuerdo, acuerdo_id)
    return acuerdo.institucion_responsable.sigla if acuerdo is not None else None
