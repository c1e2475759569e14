"""What the page of a mesa's own people shows (``/mesas/<sector>/integrantes``; issue #11).

One read, :func:`integrantes_mesa`, turns the reads of :mod:`data_layer.mesas.configuracion` into
plain rows and choices (no ORM object leaves the session): the members by level and institution
with those withdrawn apart (date and reason), the equipo de apoyo with those who left apart, the
grupos de trabajo (open first) with their members and reports, and the choices of each form:
institutions of the mesa, their UPGRET users, active members, open groups, and the sessions
whose agenda may still take a group's report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from data_layer.mesas import configuracion, registros
from data_layer.mesas.contenido import nombre_mesa

#: The words of each level of a mesa.
NIVELES = {"politico": "Político", "tecnico": "Técnico-operativo"}


def _fecha(valor: dt.date | dt.datetime | None) -> str:
    return valor.strftime("%d/%m/%Y") if valor is not None else "—"


@dataclass(frozen=True)
class FilaMiembro:
    """An accredited member (active, or withdrawn with ``baja`` and ``motivo``)."""

    id: int
    nivel: str
    institucion: str
    nombre: str
    cargo: str
    correo: str
    telefono: str
    director_upgret: bool
    acreditado: str
    baja: str = ""
    motivo: str = ""

    @property
    def etiqueta(self) -> str:
        """How a form's choice names the member."""
        return f"{self.nombre} ({self.institucion}, {NIVELES.get(self.nivel, self.nivel)})"


@dataclass(frozen=True)
class FilaApoyo:
    """A person of the equipo de apoyo (``baja`` set once they left)."""

    id: int
    nombre: str
    rol: str
    institucion: str
    usuario: str
    correo: str
    baja: str = ""


@dataclass(frozen=True)
class FilaGrupo:
    """A grupo de trabajo with its members and its reports (``(sesión, nota)``)."""

    id: int
    nombre: str
    tema: str
    coordinador_id: int | None
    coordinador: str
    miembros_ids: list[int]
    miembros: list[str]
    creado: str
    activo: bool
    cerrado: str
    informes: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Integrantes:
    """Everything the page shows of one mesa, and the choices of its forms.

    Attributes:
        mesa: the mesa's name.
        miembros: active members, político first, by institution and name.
        retirados: withdrawn members (never deleted), latest withdrawal first.
        apoyo: the active equipo de apoyo; ``apoyo_retirado``: those who left.
        grupos: every group, open ones first.
        instituciones: ``(sigla, etiqueta)`` of the institutions taking part in the mesa.
        upgret: ``(sigla, usuario, etiqueta)`` of their active UPGRET users.
        sesiones: ``(id, etiqueta)`` of the sessions whose agenda may take a group's report.
    """

    mesa: str
    miembros: list[FilaMiembro]
    retirados: list[FilaMiembro]
    apoyo: list[FilaApoyo]
    apoyo_retirado: list[FilaApoyo]
    grupos: list[FilaGrupo]
    instituciones: list[tuple[str, str]]
    upgret: list[tuple[str, str, str]]
    sesiones: list[tuple[int, str]]

    @property
    def grupos_abiertos(self) -> list[FilaGrupo]:
        """The groups that may still change, close or report."""
        return [g for g in self.grupos if g.activo]

    def miembro(self, ident: Any) -> FilaMiembro | None:
        """The active member ``ident`` of this mesa (a form's value), or None."""
        return next((m for m in self.miembros if str(m.id) == str(ident)), None)

    def grupo(self, ident: Any) -> FilaGrupo | None:
        """The group ``ident`` of this mesa (a form's value), or None."""
        return next((g for g in self.grupos if str(g.id) == str(ident)), None)


def integrantes_mesa(s: Session, sector: str) -> Integrantes | None:
    """The people of the mesa of ``sector`` and the choices of its forms (None: no mesa)."""
    mesa = registros.mesa_de_sector(s, sector)
    if mesa is None:
        return None
    activos, bajas = configuracion.miembros(s, mesa)

    def fila(m: Any) -> FilaMiembro:
        return FilaMiembro(
            id=m.id,
            nivel=m.nivel.value,
            institucion=m.institucion.sigla,
            nombre=m.nombre,
            cargo=m.cargo,
            correo=m.correo or "",
            telefono=m.telefono or "",
            director_upgret=m.es_director_upgret,
            acreditado=_fecha(m.acreditado_en),
            baja=_fecha(m.baja_en) if m.baja_en else "",
            motivo=m.motivo_baja or "",
        )

    miembros = sorted(
        (fila(m) for m in activos), key=lambda f: (f.nivel != "politico", f.institucion, f.nombre)
    )
    retirados = [fila(m) for m in sorted(bajas, key=lambda m: (m.baja_en, m.id), reverse=True)]
    apoyo = [
        FilaApoyo(
            id=a.id,
            nombre=a.nombre,
            rol=a.rol,
            institucion=a.institucion.sigla if a.institucion else "",
            usuario=a.usuario.usuario if a.usuario else "",
            correo=a.correo or "",
            baja=_fecha(a.baja_en) if not a.activo else "",
        )
        for a in configuracion.equipo_apoyo(s, mesa)
    ]
    informes: dict[int, list[tuple[str, str]]] = {}
    for i in configuracion.informes(s, mesa):
        informes.setdefault(i.grupo_id, []).append((_fecha(i.sesion.fecha_hora), i.nota))
    grupos = [
        FilaGrupo(
            id=g.id,
            nombre=g.nombre,
            tema=g.tema,
            coordinador_id=g.coordinador_id,
            coordinador=g.coordinador.nombre if g.coordinador else "",
            miembros_ids=sorted(m.id for m in g.miembros),
            miembros=sorted(m.nombre for m in g.miembros),
            creado=_fecha(g.creado_en),
            activo=g.activo,
            cerrado=_fecha(g.cerrado_en) if g.cerrado_en else "",
            informes=informes.get(g.id, []),
        )
        for g in configuracion.grupos(s, mesa)
    ]
    instituciones = configuracion.instituciones_de_mesa(s, mesa)
    sesiones = [
        (
            x.id,
            f"{x.fecha_hora:%d/%m/%Y %H:%M} · nivel "
            f"{NIVELES.get(x.nivel.value, x.nivel.value).lower()} · {x.lugar}",
        )
        for x in configuracion.sesiones_para_informe(s, mesa)
    ]
    return Integrantes(
        mesa=nombre_mesa(mesa),
        miembros=miembros,
        retirados=retirados,
        apoyo=[a for a in apoyo if not a.baja],
        apoyo_retirado=[a for a in apoyo if a.baja],
        grupos=grupos,
        instituciones=[(i.sigla, f"{i.sigla} — {i.nombre}") for i in instituciones],
        upgret=configuracion.upgret_de(s, [i.sigla for i in instituciones]),
        sesiones=sesiones,
    )
