"""Reads for setting a mesa up (issue #11): sectors with and without a mesa, who may be
designated, the institutions of a mesa and the history of its designations.

The history is read from the audit trail (``mesa_creada``, ``coordinador_designado``,
``analistas_asignados``): every designation already writes one append-only record with who,
when and old → new, so a second history table would only repeat it (and could disagree with it).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import alcance_de
from data_layer.mesas.models import (
    AyudaMemoria,
    EquipoApoyo,
    GrupoTrabajo,
    InformeGrupo,
    Mesa,
    MiembroMesa,
    SesionMesa,
)
from data_layer.models import Auditoria, Institucion, Rol, Sector, Usuario
from data_layer.periods import hora_honduras

#: Audit actions that change who runs a mesa, with their Spanish name.
ACCIONES_DESIGNACION = {
    "mesa_creada": "Instalación de la mesa",
    "coordinador_designado": "Designación de coordinador",
    "analistas_asignados": "Asignación de analistas",
}


@dataclass(frozen=True)
class FilaSector:
    """One sector of the MCR and its mesa, if installed (what ``sigpret mesas listar`` prints)."""

    codigo: str
    nombre: str
    instalada: bool
    instalada_en: dt.date | None = None
    politico: str | None = None
    tecnico: str | None = None
    analistas: tuple[str, ...] = ()


def _persona(nombre: str, usuario: Usuario | None) -> str:
    return f"{nombre} ({usuario.usuario})" if usuario is not None else nombre


def estado_sectores(s: Session) -> list[FilaSector]:
    """Every sector, by code, with its mesa's coordinators and analysts when it has one."""
    mesas = {m.sector_id: m for m in s.scalars(select(Mesa))}
    filas = []
    for sector in s.scalars(select(Sector).order_by(Sector.codigo)):
        m = mesas.get(sector.id)
        if m is None:
            filas.append(FilaSector(sector.codigo, sector.nombre, False))
            continue
        filas.append(
            FilaSector(
                sector.codigo,
                sector.nombre,
                True,
                m.instalada_en,
                _persona(m.coordinador_politico_nombre, m.coordinador_politico_usuario),
                _persona(m.coordinador_tecnico_nombre, m.coordinador_tecnico_usuario),
                tuple(u.usuario for u in m.analistas),
            )
        )
    return filas


def sectores_sin_mesa(s: Session) -> list[tuple[str, str]]:
    """``(codigo, nombre)`` of the sectors that have no mesa yet, by code."""
    return [(f.codigo, f.nombre) for f in estado_sectores(s) if not f.instalada]


def sector(s: Session, codigo: Any) -> Sector | None:
    """The sector of ``codigo`` (from a URL: anything else gives None)."""
    return s.scalars(select(Sector).where(Sector.codigo == str(codigo or ""))).first()


def _activos(s: Session, rol: Rol) -> list[Usuario]:
    return list(
        s.scalars(
            select(Usuario)
            .where(Usuario.rol == rol, Usuario.activo.is_(True))
            .order_by(Usuario.nombre, Usuario.usuario)
        )
    )


@dataclass(frozen=True)
class Candidatos:
    """Who may be designated in the mesa of a sector: ``(usuario, etiqueta)`` pairs."""

    politicos: list[tuple[str, str]]
    tecnicos: list[tuple[str, str]]
    analistas: list[tuple[str, str]]


def _etiqueta(u: Usuario) -> str:
    return f"{u.nombre} ({u.usuario})" if u.nombre else u.usuario


def candidatos(s: Session, codigo: str) -> Candidatos:
    """Active users who may be political coordinator (ministros of the sector), technical
    coordinator (coordinadores de mesa) and assigned analyst of the mesa of ``codigo``; the
    rules are :mod:`data_layer.permisos`'."""
    return Candidatos(
        politicos=[
            (u.usuario, _etiqueta(u))
            for u in _activos(s, Rol.ministro)
            if permisos.puede_designar_politico(alcance_de(u), codigo)
        ],
        tecnicos=[
            (u.usuario, _etiqueta(u))
            for u in _activos(s, Rol.coordinador_mesa)
            if permisos.puede_designar_tecnico(alcance_de(u))
        ],
        analistas=[
            (u.usuario, _etiqueta(u))
            for u in _activos(s, Rol.analista)
            if permisos.puede_asignarse_a_mesa(alcance_de(u))
        ],
    )


def instituciones_de_mesa(s: Session, mesa: Mesa) -> list[Institucion]:
    """The institutions that take part in ``mesa``: its coordinators' and those with an active
    accredited member, by sigla."""
    ids = {mesa.coordinador_politico_institucion_id, mesa.coordinador_tecnico_institucion_id}
    ids |= set(
        s.scalars(
            select(MiembroMesa.institucion_id).where(
                MiembroMesa.mesa_id == mesa.id, MiembroMesa.activo.is_(True)
            )
        )
    )
    return list(s.scalars(select(Institucion).where(Institucion.id.in_(ids)).order_by("sigla")))


def upgret_de(s: Session, siglas: list[str]) -> list[tuple[str, str, str]]:
    """``(sigla, usuario, etiqueta)`` of the active UPGRET users of the institutions ``siglas``."""
    filas = [
        (i.sigla, u.usuario, _etiqueta(u))
        for u in _activos(s, Rol.upgret)
        for i in u.instituciones
        if i.sigla in siglas
    ]
    return sorted(filas)


def miembros(s: Session, mesa: Mesa) -> tuple[list[MiembroMesa], list[MiembroMesa]]:
    """The mesa's active members and, apart, those withdrawn (history: never deleted)."""
    todos = list(
        s.scalars(
            select(MiembroMesa)
            .where(MiembroMesa.mesa_id == mesa.id)
            .order_by(MiembroMesa.institucion_id, MiembroMesa.nivel, MiembroMesa.nombre)
        )
    )
    return [m for m in todos if m.activo], [m for m in todos if not m.activo]


def equipo_apoyo(s: Session, mesa: Mesa) -> list[EquipoApoyo]:
    """The mesa's equipo de apoyo, active people first (those who left stay, with their date)."""
    filas = s.scalars(select(EquipoApoyo).where(EquipoApoyo.mesa_id == mesa.id))
    return sorted(filas, key=lambda a: (not a.activo, a.nombre))


def grupos(s: Session, mesa: Mesa) -> list[GrupoTrabajo]:
    """The mesa's grupos de trabajo, open ones first."""
    filas = s.scalars(select(GrupoTrabajo).where(GrupoTrabajo.mesa_id == mesa.id))
    return sorted(filas, key=lambda g: (not g.activo, g.nombre))


def informes(s: Session, mesa: Mesa) -> list[InformeGrupo]:
    """The reports of the mesa's groups, latest session first."""
    return list(
        s.scalars(
            select(InformeGrupo)
            .join(SesionMesa, SesionMesa.id == InformeGrupo.sesion_id)
            .where(SesionMesa.mesa_id == mesa.id)
            .order_by(SesionMesa.fecha_hora.desc(), InformeGrupo.id)
        )
    )


def sesiones_para_informe(s: Session, mesa: Mesa) -> list[SesionMesa]:
    """Sessions of the mesa whose agenda may still take a group's report, latest first: not
    cancelled, and no version of their minutes distributed (the rule is
    ``servicio.informar_grupo``'s; this only narrows the choices)."""
    distribuidas = select(AyudaMemoria.sesion_id).where(AyudaMemoria.distribuida_en.is_not(None))
    return list(
        s.scalars(
            select(SesionMesa)
            .where(
                SesionMesa.mesa_id == mesa.id,
                SesionMesa.estado != "cancelada",
                SesionMesa.id.not_in(distribuidas),
            )
            .order_by(SesionMesa.fecha_hora.desc())
        )
    )


def pertenece(s: Session, tipo: str, ident: Any, sector: str) -> bool:
    """Whether ``ident`` (from a form, maybe forged) is a ``tipo`` record of the mesa of
    ``sector``: ``miembro``, ``apoyo``, ``grupo`` or ``sesion``. Anything else gives False."""
    modelos: dict[str, Any] = {
        "miembro": MiembroMesa,
        "apoyo": EquipoApoyo,
        "grupo": GrupoTrabajo,
        "sesion": SesionMesa,
    }
    modelo = modelos.get(tipo)
    try:
        numero = int(ident)
    except (TypeError, ValueError):
        return False
    if modelo is None:
        return False
    return (
        s.scalar(
            select(modelo.id)
            .join(Mesa, Mesa.id == modelo.mesa_id)
            .join(Sector, Sector.id == Mesa.sector_id)
            .where(modelo.id == numero, Sector.codigo == sector)
        )
        is not None
    )


@dataclass(frozen=True)
class Designacion:
    """One change of who runs a mesa, as the audit recorded it."""

    momento: dt.datetime
    usuario: str | None
    #: ``momento`` as people read it: Honduras time, ``dd/mm/aaaa hh:mm``.
    cuando: str
    accion: str
    detalle: str


def _texto_coordinador(valor: Any) -> str:
    if not isinstance(valor, list) or len(valor) < 3:
        return "—"
    nombre, cargo, sigla = valor[0], valor[1], valor[2]
    cuenta = f", usuario {valor[3]}" if len(valor) > 3 and valor[3] else ""
    return f"{nombre} ({cargo}, {sigla}{cuenta})"


def _describir(accion: str, detalle: dict[str, Any]) -> str:
    if accion == "mesa_creada":
        nuevo = detalle.get("nuevo", {})
        analistas = ", ".join(nuevo.get("analistas") or []) or "ninguno"
        return (
            f"Político: {_texto_coordinador(nuevo.get('coordinador_politico'))}. "
            f"Técnico-operativo: {_texto_coordinador(nuevo.get('coordinador_tecnico'))}. "
            f"Analistas: {analistas}."
        )
    if accion == "coordinador_designado":
        partes = []
        for clave, (antes, despues) in detalle.items():
            nivel = "político" if clave.endswith("politico") else "técnico-operativo"
            partes.append(
                f"Coordinador {nivel}: {_texto_coordinador(antes)} → {_texto_coordinador(despues)}."
            )
        return " ".join(partes)
    antes, despues = detalle.get("analistas", [[], []])
    return f"Analistas: {', '.join(antes) or 'ninguno'} → {', '.join(despues) or 'ninguno'}."


def historial_designaciones(s: Session, codigo: str) -> list[Designacion]:
    """Every installation, designation and assignment of the mesa of ``codigo``, newest first."""
    filas = s.scalars(
        select(Auditoria)
        .where(
            Auditoria.entidad == f"mesa:{codigo}",
            Auditoria.accion.in_(list(ACCIONES_DESIGNACION)),
        )
        .order_by(Auditoria.momento.desc(), Auditoria.id.desc())
    )
    historial = []
    for a in filas:
        try:
            detalle = json.loads(a.detalle or "{}")
        except ValueError:  # pragma: no cover - the service always writes JSON
            detalle = {}
        historial.append(
            Designacion(
                a.momento,
                a.usuario,
                f"{hora_honduras(a.momento):%d/%m/%Y %H:%M}",
                ACCIONES_DESIGNACION[a.accion],
                _describir(a.accion, detalle),
            )
        )
    return historial
