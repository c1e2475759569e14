"""Every write of the MESGEPRET, each with the rules of the guidelines (issue #5 "Rules").

Functions take the caller's ``Session`` and leave the commit to it, so a change and its audit
record (``auth.registrar``, with who and old → new) land in the same transaction. A refused
operation raises :class:`ErrorMesa` with a Spanish message for the person at the keyboard and writes
nothing. Forms and imports both go through here; the only way around these checks is a direct
insert, which the alerts still catch (``exceso_miembros``).

This module is long on purpose: it is the one place where a reader finds every write rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_layer.auth import Alcance, registrar
from data_layer.mesas import reglas
from data_layer.mesas.models import (
    ActividadPlan,
    Acuerdo,
    AmbitoCuello,
    Asistencia,
    AyudaMemoria,
    CuelloBotella,
    EquipoApoyo,
    EstadoActividad,
    EstadoAcuerdo,
    EstadoCuello,
    EstadoEstrategia,
    EstadoPlan,
    EstadoSesion,
    Estrategia,
    GrupoTrabajo,
    Mesa,
    MiembroMesa,
    NivelMesa,
    PlanTrabajo,
    Producto,
    PuntoAgenda,
    SeguimientoAcuerdo,
    SesionMesa,
    TipoProducto,
    TipoPunto,
)
from data_layer.models import Indicador, Institucion, Meta, Rol, Sector

E = TypeVar("E", bound=enum.Enum)

_CORREO = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Attempts to take the next acta number when another writer takes it first.
_INTENTOS_NUMERO = 3
_ROLES_QUE_ESCRIBEN_TODO = {Rol.analista, Rol.admin}


class ErrorMesa(ValueError):
    """A refused mesa operation; the message is in Spanish and says why."""


@dataclass(frozen=True)
class Coordinador:
    """A coordinator of one level of a mesa: name, cargo and institution (sigla)."""

    nombre: str
    cargo: str
    institucion: str


# --- permissions ------------------------------------------------------------------------------


def puede_escribir(alcance: Alcance, sector: str) -> bool:
    """Whether a user may write in the mesa of ``sector``: its coordinators, analistas, admin."""
    if alcance.rol in _ROLES_QUE_ESCRIBEN_TODO:
        return True
    return alcance.rol == Rol.coordinador_mesa and sector in alcance.sectores


# --- small helpers ----------------------------------------------------------------------------


def _fecha(valor: dt.date | None) -> str:
    return valor.strftime("%d/%m/%Y") if valor is not None else "—"


def _requerido(valor: str | None, campo: str) -> str:
    limpio = (valor or "").strip()
    if not limpio:
        raise ErrorMesa(f"El campo «{campo}» es obligatorio.")
    return limpio


def _opcional(valor: str | None) -> str | None:
    limpio = (valor or "").strip()
    return limpio or None


def _enum(cls: type[E], valor: object, campo: str) -> E:
    try:
        return cls(valor)
    except ValueError:
        opciones = ", ".join(str(m.value) for m in cls)
        raise ErrorMesa(f"«{valor}» no es un valor válido de {campo} ({opciones}).") from None


def _mesa(session: Session, sector: str, *, bloquear: bool = False) -> Mesa:
    consulta = select(Mesa).join(Sector, Sector.id == Mesa.sector_id).where(Sector.codigo == sector)
    if bloquear:
        # Serialises checks that count rows (PostgreSQL); SQLite already has one writer at a time.
        consulta = consulta.with_for_update(of=Mesa)
    mesa = session.scalars(consulta).first()
    if mesa is None:
        raise ErrorMesa(f"No existe la mesa del sector «{sector}».")
    return mesa


def _obtener(session: Session, cls: type, ident: int, nombre: str):  # type: ignore[no-untyped-def]
    objeto = session.get(cls, ident)
    if objeto is None:
        raise ErrorMesa(f"No existe {nombre} {ident}.")
    return objeto


def _institucion(session: Session, sigla: str | None) -> Institucion:
    sigla = _requerido(sigla, "institución")
    institucion = session.scalars(select(Institucion).where(Institucion.sigla == sigla)).first()
    if institucion is None:
        raise ErrorMesa(f"«{sigla}» no es la sigla de una institución registrada.")
    return institucion


def _por_codigo(
    session: Session, cls: type[Meta] | type[Indicador], codigos: Iterable[str], nombre: str
) -> list[Any]:
    pedidos = list(dict.fromkeys(c.strip() for c in codigos if c and c.strip()))
    if not pedidos:
        return []
    filas: Iterable[Any] = session.scalars(select(cls).where(cls.codigo.in_(pedidos)))
    encontrados = {o.codigo: o for o in filas}
    faltan = [c for c in pedidos if c not in encontrados]
    if faltan:
        raise ErrorMesa(f"No existen {nombre}: {', '.join(faltan)}.")
    return [encontrados[c] for c in pedidos]


def _entidad(mesa: Mesa | None, tipo: str | None = None, ident: int | None = None) -> str:
    # Every caller passes the mesa of an existing row (foreign key), never None in practice.
    base = f"mesa:{mesa.sector.codigo}" if mesa is not None else "mesa:?"
    return f"{base}/{tipo}:{ident}" if tipo else base


def _fecha_sesion(sesion: SesionMesa) -> dt.date:
    return sesion.fecha_hora.date()


# --- mesa and coordinators --------------------------------------------------------------------


def _coordinador(session: Session, c: Coordinador, nivel: str) -> tuple[str, str, Institucion]:
    return (
        _requerido(c.nombre, f"nombre del coordinador {nivel}"),
        _requerido(c.cargo, f"cargo del coordinador {nivel}"),
        _institucion(session, c.institucion),
    )


def crear_mesa(
    session: Session,
    sector: str,
    *,
    coordinador_politico: Coordinador,
    coordinador_tecnico: Coordinador,
    analista_diger: str | None = None,
    instalada_en: dt.date | None = None,
    usuario: str | None,
) -> Mesa:
    """Create the mesa of ``sector`` with the coordinators of its two levels.

    Raises:
        ErrorMesa: unknown sector or institution, a mesa already exists, a blank field.
    """
    sector_obj = session.scalars(select(Sector).where(Sector.codigo == sector)).first()
    if sector_obj is None:
        raise ErrorMesa(f"«{sector}» no es el código de un sector.")
    if session.scalars(select(Mesa).where(Mesa.sector_id == sector_obj.id)).first():
        raise ErrorMesa(f"El sector {sector_obj.nombre} ya tiene su mesa: hay una mesa por sector.")
    pn, pc, pi = _coordinador(session, coordinador_politico, "político")
    tn, tc, ti = _coordinador(session, coordinador_tecnico, "técnico-operativo")
    mesa = Mesa(
        sector=sector_obj,
        coordinador_politico_nombre=pn,
        coordinador_politico_cargo=pc,
        institucion_politico=pi,
        coordinador_tecnico_nombre=tn,
        coordinador_tecnico_cargo=tc,
        institucion_tecnico=ti,
        analista_diger=_opcional(analista_diger),
        instalada_en=instalada_en,
    )
    session.add(mesa)
    session.flush()
    registrar(
        session,
        "mesa_creada",
        usuario=usuario,
        entidad=_entidad(mesa),
        detalle={
            "nuevo": {
                "coordinador_politico": [pn, pc, pi.sigla],
                "coordinador_tecnico": [tn, tc, ti.sigla],
                "analista_diger": mesa.analista_diger,
                "instalada_en": instalada_en,
            }
        },
    )
    return mesa


def designar_coordinador(
    session: Session,
    sector: str,
    nivel: NivelMesa | str,
    coordinador: Coordinador,
    *,
    usuario: str | None,
) -> Mesa:
    """Designate a new coordinator of the political or technical level of a mesa."""
    mesa = _mesa(session, sector)
    nivel = _enum(NivelMesa, nivel, "nivel")
    nombre, cargo, institucion = _coordinador(session, coordinador, nivel.value)
    prefijo = f"coordinador_{nivel.value}"
    anterior = [
        getattr(mesa, f"{prefijo}_nombre"),
        getattr(mesa, f"{prefijo}_cargo"),
        (
            mesa.institucion_politico if nivel == NivelMesa.politico else mesa.institucion_tecnico
        ).sigla,
    ]
    setattr(mesa, f"{prefijo}_nombre", nombre)
    setattr(mesa, f"{prefijo}_cargo", cargo)
    if nivel == NivelMesa.politico:
        mesa.institucion_politico = institucion
    else:
        mesa.institucion_tecnico = institucion
    registrar(
        session,
        "coordinador_designado",
        usuario=usuario,
        entidad=_entidad(mesa),
        detalle={prefijo: [anterior, [nombre, cargo, institucion.sigla]]},
    )
    return mesa


# --- accreditation ----------------------------------------------------------------------------


def _miembros_activos(session: Session, mesa: Mesa, institucion: Institucion) -> list[MiembroMesa]:
    return list(
        session.scalars(
            select(MiembroMesa)
            .where(
                MiembroMesa.mesa_id == mesa.id,
                MiembroMesa.institucion_id == institucion.id,
                MiembroMesa.activo.is_(True),
            )
            .order_by(MiembroMesa.id)
        )
    )


def acreditar_miembro(
    session: Session,
    sector: str,
    *,
    institucion: str,
    nombre: str,
    cargo: str,
    nivel: NivelMesa | str,
    acreditado_en: dt.date,
    correo: str | None = None,
    telefono: str | None = None,
    es_director_upgret: bool = False,
    usuario: str | None,
) -> MiembroMesa:
    """Accredit a member of an institution in a mesa, at the political or technical level.

    At most :data:`~data_layer.mesas.reglas.MAX_MIEMBROS_TECNICOS` active technical members per
    institution, the UPGRET director included; the political level has no limit. Members given
    de baja do not count.

    Raises:
        ErrorMesa: the limit is reached (naming the members who fill it), the person is already
            accredited, a second UPGRET director, a political UPGRET director, bad e-mail.
    """
    mesa = _mesa(session, sector, bloquear=True)
    inst = _institucion(session, institucion)
    nombre = _requerido(nombre, "nombre")
    cargo = _requerido(cargo, "cargo")
    nivel = _enum(NivelMesa, nivel, "nivel")
    correo = _opcional(correo)
    if correo and not _CORREO.match(correo):
        raise ErrorMesa(f"«{correo}» no es un correo electrónico válido.")
    if es_director_upgret and nivel != NivelMesa.tecnico:
        raise ErrorMesa("El director(a) de la UPGRET se acredita en el nivel técnico-operativo.")
    activos = _miembros_activos(session, mesa, inst)
    repetido = next((m for m in activos if m.nombre.casefold() == nombre.casefold()), None)
    if repetido is not None:
        raise ErrorMesa(
            f"{nombre} ya está acreditado(a) por {inst.sigla} en la mesa de {mesa.sector.nombre} "
            f"(nivel {repetido.nivel.value})."
        )
    tecnicos = [m for m in activos if m.nivel == NivelMesa.tecnico]
    if es_director_upgret:
        director = next((m for m in tecnicos if m.es_director_upgret), None)
        if director is not None:
            raise ErrorMesa(
                f"{inst.sigla} ya tiene acreditado a su director(a) de la UPGRET en esta mesa: "
                f"{director.nombre}."
            )
    if nivel == NivelMesa.tecnico and len(tecnicos) >= reglas.MAX_MIEMBROS_TECNICOS:
        lista = "; ".join(
            f"{m.nombre} ({m.cargo}{', director(a) UPGRET' if m.es_director_upgret else ''})"
            for m in tecnicos
        )
        raise ErrorMesa(
            f"No se puede acreditar a {nombre}: {inst.sigla} ya tiene "
            f"{len(tecnicos)} miembros técnicos activos en la mesa de {mesa.sector.nombre} y los "
            f"lineamientos permiten como máximo {reglas.MAX_MIEMBROS_TECNICOS} por institución, "
            f"incluido el director(a) de la UPGRET. Acreditados: {lista}. Dé de baja a uno de "
            "ellos antes de acreditar a otra persona."
        )
    miembro = MiembroMesa(
        mesa=mesa,
        institucion=inst,
        nombre=nombre,
        cargo=cargo,
        correo=correo,
        telefono=_opcional(telefono),
        nivel=nivel,
        es_director_upgret=es_director_upgret,
        acreditado_en=acreditado_en,
        activo=True,
    )
    session.add(miembro)
    session.flush()
    registrar(
        session,
        "miembro_acreditado",
        usuario=usuario,
        entidad=_entidad(mesa, "miembro", miembro.id),
        detalle={
            "nuevo": {
                "institucion": inst.sigla,
                "nombre": nombre,
                "cargo": cargo,
                "nivel": nivel.value,
                "es_director_upgret": es_director_upgret,
                "correo": correo,
                "telefono": miembro.telefono,
                "acreditado_en": acreditado_en,
            }
        },
    )
    return miembro


def dar_de_baja_miembro(
    session: Session, miembro_id: int, *, baja_en: dt.date, motivo: str, usuario: str | None
) -> MiembroMesa:
    """End a member's accreditation (kept for the record; no longer counts nor attends)."""
    miembro: MiembroMesa = _obtener(session, MiembroMesa, miembro_id, "el miembro")
    motivo = _requerido(motivo, "motivo de la baja")
    if not miembro.activo:
        raise ErrorMesa(f"{miembro.nombre} ya fue dado(a) de baja el {_fecha(miembro.baja_en)}.")
    if baja_en < miembro.acreditado_en:
        raise ErrorMesa("La baja no puede ser anterior a la acreditación.")
    miembro.activo, miembro.baja_en, miembro.motivo_baja = False, baja_en, motivo
    registrar(
        session,
        "miembro_dado_de_baja",
        usuario=usuario,
        entidad=_entidad(miembro.mesa, "miembro", miembro.id),
        detalle={"activo": [True, False], "baja_en": [None, baja_en], "motivo": motivo},
    )
    return miembro


def actualizar_contacto(
    session: Session,
    miembro_id: int,
    *,
    cargo: str | None = None,
    correo: str | None = None,
    telefono: str | None = None,
    usuario: str | None,
) -> MiembroMesa:
    """Update a member's cargo or contact details (a change of level is a new accreditation)."""
    miembro: MiembroMesa = _obtener(session, MiembroMesa, miembro_id, "el miembro")
    cambios: dict[str, list] = {}
    nuevos = {
        "cargo": _opcional(cargo),
        "correo": _opcional(correo),
        "telefono": _opcional(telefono),
    }
    if nuevos["correo"] and not _CORREO.match(nuevos["correo"]):
        raise ErrorMesa(f"«{nuevos['correo']}» no es un correo electrónico válido.")
    for campo, valor in nuevos.items():
        if valor is not None and valor != getattr(miembro, campo):
            cambios[campo] = [getattr(miembro, campo), valor]
            setattr(miembro, campo, valor)
    if cambios:
        registrar(
            session,
            "miembro_actualizado",
            usuario=usuario,
            entidad=_entidad(miembro.mesa, "miembro", miembro.id),
            detalle=cambios,
        )
    return miembro


# --- equipo de apoyo and grupos de trabajo ----------------------------------------------------


def agregar_apoyo(
    session: Session,
    sector: str,
    *,
    nombre: str,
    rol: str,
    institucion: str | None = None,
    correo: str | None = None,
    usuario: str | None,
) -> EquipoApoyo:
    """Add a person to the mesa's equipo de apoyo with their role (notes, logistics...)."""
    mesa = _mesa(session, sector)
    inst = _institucion(session, institucion) if _opcional(institucion) else None
    correo = _opcional(correo)
    if correo and not _CORREO.match(correo):
        raise ErrorMesa(f"«{correo}» no es un correo electrónico válido.")
    apoyo = EquipoApoyo(
        mesa_id=mesa.id,
        nombre=_requerido(nombre, "nombre"),
        rol=_requerido(rol, "rol"),
        institucion=inst,
        correo=correo,
        activo=True,
    )
    session.add(apoyo)
    session.flush()
    registrar(
        session,
        "equipo_apoyo_agregado",
        usuario=usuario,
        entidad=_entidad(mesa, "apoyo", apoyo.id),
        detalle={"nuevo": {"nombre": apoyo.nombre, "rol": apoyo.rol, "institucion": institucion}},
    )
    return apoyo


def crear_grupo_trabajo(
    session: Session,
    sector: str,
    *,
    nombre: str,
    tema: str,
    creado_en: dt.date,
    miembros_ids: Sequence[int] = (),
    coordinador_id: int | None = None,
    usuario: str | None,
) -> GrupoTrabajo:
    """Create a grupo de trabajo of active members of the mesa; its coordinator is a member."""
    mesa = _mesa(session, sector)
    nombre = _requerido(nombre, "nombre del grupo")
    if session.scalars(
        select(GrupoTrabajo).where(GrupoTrabajo.mesa_id == mesa.id, GrupoTrabajo.nombre == nombre)
    ).first():
        raise ErrorMesa(f"La mesa ya tiene un grupo de trabajo llamado «{nombre}».")
    ids = list(dict.fromkeys([*miembros_ids, *([coordinador_id] if coordinador_id else [])]))
    miembros = _miembros_elegibles(session, mesa, ids, creado_en)
    grupo = GrupoTrabajo(
        mesa_id=mesa.id,
        nombre=nombre,
        tema=_requerido(tema, "tema"),
        coordinador_id=coordinador_id,
        creado_en=creado_en,
        activo=True,
        miembros=[miembros[i] for i in ids],
    )
    session.add(grupo)
    session.flush()
    registrar(
        session,
        "grupo_trabajo_creado",
        usuario=usuario,
        entidad=_entidad(mesa, "grupo", grupo.id),
        detalle={"nuevo": {"nombre": nombre, "tema": grupo.tema, "miembros": ids}},
    )
    return grupo


def _miembros_elegibles(
    session: Session, mesa: Mesa, ids: Sequence[int], fecha: dt.date
) -> dict[int, MiembroMesa]:
    """The members ``ids`` of ``mesa`` accredited and active on ``fecha``; any other is refused."""
    if not ids:
        return {}
    encontrados = {
        m.id: m
        for m in session.scalars(
            select(MiembroMesa).where(MiembroMesa.id.in_(ids), MiembroMesa.mesa_id == mesa.id)
        )
    }
    rechazados = []
    for i in ids:
        m = encontrados.get(i)
        if m is None:
            rechazados.append(f"{i} (no es miembro acreditado de esta mesa)")
        elif m.acreditado_en > fecha:
            rechazados.append(f"{m.nombre} (acreditado(a) el {_fecha(m.acreditado_en)})")
        elif m.baja_en is not None and m.baja_en <= fecha:
            rechazados.append(f"{m.nombre} (dado(a) de baja el {_fecha(m.baja_en)})")
    if rechazados:
        raise ErrorMesa(
            f"Solo pueden figurar miembros acreditados y activos de la mesa al {_fecha(fecha)}: "
            + "; ".join(rechazados)
            + "."
        )
    return encontrados


# --- plan de trabajo --------------------------------------------------------------------------


def crear_plan(session: Session, sector: str, anio: int, *, usuario: str | None) -> PlanTrabajo:
    """Start the plan de trabajo of a mesa for ``anio`` (a draft)."""
    mesa = _mesa(session, sector)
    if session.scalars(
        select(PlanTrabajo).where(PlanTrabajo.mesa_id == mesa.id, PlanTrabajo.anio == anio)
    ).first():
        raise ErrorMesa(f"La mesa de {mesa.sector.nombre} ya tiene plan de trabajo {anio}.")
    plan = PlanTrabajo(mesa_id=mesa.id, anio=anio, estado=EstadoPlan.borrador)
    session.add(plan)
    session.flush()
    registrar(
        session,
        "plan_creado",
        usuario=usuario,
        entidad=_entidad(mesa, "plan", plan.id),
        detalle={"nuevo": {"anio": anio, "estado": "borrador"}},
    )
    return plan


def agregar_actividad(
    session: Session,
    plan_id: int,
    *,
    actividad: str,
    resultado_esperado: str,
    responsable: str,
    fecha_inicio: dt.date,
    fecha_fin: dt.date,
    usuario: str | None,
) -> ActividadPlan:
    """Add an activity to a draft plan (an approved plan changes only through a new approval)."""
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo")
    if plan.estado == EstadoPlan.aprobado:
        raise ErrorMesa(
            f"El plan de trabajo {plan.anio} ya fue aprobado el {_fecha(plan.aprobado_en)}: no se "
            "le agregan actividades sin una nueva aprobación de las máximas autoridades."
        )
    if fecha_fin < fecha_inicio:
        raise ErrorMesa("La fecha de fin de la actividad no puede ser anterior a la de inicio.")
    orden = (
        session.scalar(
            select(func.max(ActividadPlan.orden)).where(ActividadPlan.plan_id == plan.id)
        )
        or 0
    ) + 1
    nueva = ActividadPlan(
        plan_id=plan.id,
        orden=orden,
        actividad=_requerido(actividad, "actividad"),
        resultado_esperado=_requerido(resultado_esperado, "resultado esperado"),
        responsable=_requerido(responsable, "responsable"),
        fecha_inicio=fecha_inicio,
        fecha_fin=fecha_fin,
        estado=EstadoActividad.pendiente,
    )
    session.add(nueva)
    session.flush()
    mesa = session.get(Mesa, plan.mesa_id)
    registrar(
        session,
        "actividad_agregada",
        usuario=usuario,
        entidad=_entidad(mesa, "actividad", nueva.id),
        detalle={
            "nuevo": {
                "plan": plan.anio,
                "actividad": nueva.actividad,
                "resultado_esperado": nueva.resultado_esperado,
                "responsable": nueva.responsable,
                "fechas": [fecha_inicio, fecha_fin],
            }
        },
    )
    return nueva


def aprobar_plan(
    session: Session,
    plan_id: int,
    *,
    aprobado_en: dt.date,
    aprobado_por: str,
    usuario: str | None,
) -> PlanTrabajo:
    """Record the approval of a plan by the mesa's top authorities (who, when)."""
    plan: PlanTrabajo = _obtener(session, PlanTrabajo, plan_id, "el plan de trabajo")
    aprobado_por = _requerido(aprobado_por, "aprobado por")
    if plan.estado == EstadoPlan.aprobado:
        raise ErrorMesa(f"El plan de trabajo {plan.anio} ya fue aprobado.")
    cuantas = session.scalar(
        select(func.count()).select_from(ActividadPlan).where(ActividadPlan.plan_id == plan.id)
    )
    if not cuantas:
        raise ErrorMesa("Un plan de trabajo sin actividades no se puede aprobar.")
    plan.estado, plan.aprobado_en, plan.aprobado_por = (
        EstadoPlan.aprobado,
        aprobado_en,
        aprobado_por,
    )
    registrar(
        session,
        "plan_aprobado",
        usuario=usuario,
        entidad=_entidad(session.get(Mesa, plan.mesa_id), "plan", plan.id),
        detalle={
            "estado": ["borrador", "aprobado"],
            "aprobado_en": [None, aprobado_en],
            "aprobado_por": [None, aprobado_por],
        },
    )
    return plan


def cambiar_estado_actividad(
    session: Session, actividad_id: int, estado: EstadoActividad | str, *, usuario: str | None
) -> ActividadPlan:
    """Record the progress of an activity of the plan."""
    act: ActividadPlan = _obtener(session, ActividadPlan, actividad_id, "la actividad")
    nuevo = _enum(EstadoActividad, estado, "estado de la actividad")
    anterior = act.estado
    if nuevo == anterior:
        return act
    act.estado = nuevo
    registrar(
        session,
        "actividad_estado",
        usuario=usuario,
        entidad=_entidad(session.get(Mesa, act.plan.mesa_id), "actividad", act.id),
        detalle={"estado": [anterior.value, nuevo.value]},
    )
    return act


# --- sessions and convocatorias ---------------------------------------------------------------


def _titulo_seguimiento(acuerdo: Acuerdo) -> str:
    return (
        f"Seguimiento de acuerdos: acuerdo {acuerdo.id} — {acuerdo.texto} (responsable: "
        f"{acuerdo.institucion_responsable.sigla}, {acuerdo.persona_responsable}; fecha límite "
        f"{_fecha(acuerdo.fecha_limite)})"
    )


def acuerdos_abiertos(session: Session, mesa_id: int, antes_de: dt.datetime) -> list[Acuerdo]:
    """Open acuerdos of a mesa agreed in sessions before ``antes_de``, by due date."""
    return list(
        session.scalars(
            select(Acuerdo)
            .join(SesionMesa, SesionMesa.id == Acuerdo.sesion_id)
            .where(
                Acuerdo.mesa_id == mesa_id,
                Acuerdo.estado.in_(reglas.ESTADOS_ACUERDO_ABIERTOS),
                SesionMesa.fecha_hora < antes_de,
            )
            .order_by(Acuerdo.fecha_limite, Acuerdo.id)
        )
    )


def convocar_sesion(
    session: Session,
    sector: str,
    *,
    nivel: NivelMesa | str,
    fecha_hora: dt.datetime,
    lugar: str,
    convocatoria_enviada_en: dt.date,
    agenda: Sequence[str],
    justificacion: str | None = None,
    usuario: str | None,
) -> SesionMesa:
    """Call a session: date, place, agenda; open acuerdos are carried into its agenda.

    The convocatoria goes out at least 5 days ahead with at least one agenda item. Fewer days are
    accepted only with a justification, and the session is then flagged ``convocatoria_tardia``.
    Every open acuerdo of the mesa (pendiente, en proceso, vencido) agreed in an earlier session
    becomes a "Seguimiento de acuerdos" item after the given topics.

    Raises:
        ErrorMesa: no agenda, late without justification, sent after the session, blank place.
    """
    mesa = _mesa(session, sector)
    nivel = _enum(NivelMesa, nivel, "nivel")
    lugar = _requerido(lugar, "lugar")
    temas = [t.strip() for t in agenda if t and t.strip()]
    if not temas:
        raise ErrorMesa("La convocatoria debe llevar una agenda con al menos un punto.")
    dias = (fecha_hora.date() - convocatoria_enviada_en).days
    if dias < 0:
        raise ErrorMesa("La convocatoria no puede enviarse después de la fecha de la sesión.")
    justificacion = _opcional(justificacion)
    if reglas.es_convocatoria_tardia(dias) and justificacion is None:
        raise ErrorMesa(
            f"La convocatoria se envía con {dias} día(s) de anticipación y los lineamientos piden "
            f"al menos {reglas.DIAS_MINIMOS_CONVOCATORIA}. Para convocar con menos anticipación "
            "registre la justificación (quedará señalada como convocatoria tardía)."
        )
    sesion = SesionMesa(
        mesa_id=mesa.id,
        nivel=nivel,
        fecha_hora=fecha_hora,
        lugar=lugar,
        convocatoria_enviada_en=convocatoria_enviada_en,
        justificacion_convocatoria=justificacion,
        convocada_por=usuario,
        estado=EstadoSesion.convocada,
    )
    session.add(sesion)
    session.flush()
    puntos = [PuntoAgenda(orden=i, titulo=t, tipo=TipoPunto.tema) for i, t in enumerate(temas, 1)]
    arrastrados = acuerdos_abiertos(session, mesa.id, fecha_hora)
    puntos += [
        PuntoAgenda(
            orden=len(temas) + i,
            titulo=_titulo_seguimiento(a),
            tipo=TipoPunto.seguimiento_acuerdo,
            acuerdo_id=a.id,
        )
        for i, a in enumerate(arrastrados, 1)
    ]
    for punto in puntos:
        punto.sesion_id = sesion.id
    session.add_all(puntos)
    session.flush()
    registrar(
        session,
        "sesion_convocada",
        usuario=usuario,
        entidad=_entidad(mesa, "sesion", sesion.id),
        detalle={
            "nuevo": {
                "nivel": nivel.value,
                "fecha_hora": fecha_hora,
                "lugar": lugar,
                "convocatoria_enviada_en": convocatoria_enviada_en,
                "dias_anticipacion": dias,
                "justificacion": justificacion,
                "agenda": temas,
                "acuerdos_arrastrados": [a.id for a in arrastrados],
            }
        },
    )
    return sesion


def cancelar_sesion(
    session: Session, sesion_id: int, *, motivo: str, usuario: str | None
) -> SesionMesa:
    """Cancel a session that has not been held (no ayuda memoria)."""
    sesion: SesionMesa = _obtener(session, SesionMesa, sesion_id, "la sesión")
    motivo = _requerido(motivo, "motivo de la cancelación")
    if sesion.estado != EstadoSesion.convocada:
        raise ErrorMesa(f"La sesión está {sesion.estado.value}: solo se cancela una convocada.")
    sesion.estado, sesion.motivo_cancelacion = EstadoSesion.cancelada, motivo
    registrar(
        session,
        "sesion_cancelada",
        usuario=usuario,
        entidad=_entidad(sesion.mesa, "sesion", sesion.id),
        detalle={"estado": ["convocada", "cancelada"], "motivo": motivo},
    )
    return sesion


# --- ayudas memoria ---------------------------------------------------------------------------


def _asistencia(
    session: Session, sesion: SesionMesa, presentes: Iterable[int]
) -> tuple[list[Asistencia], list[int]]:
    """Attendance rows: every eligible member of the session's level, plus any other present."""
    ids = list(dict.fromkeys(presentes))
    if not ids:
        raise ErrorMesa("La ayuda memoria debe registrar al menos un participante presente.")
    fecha = _fecha_sesion(sesion)
    elegibles = _miembros_elegibles(session, sesion.mesa, ids, fecha)
    del_nivel = session.scalars(
        select(MiembroMesa).where(
            MiembroMesa.mesa_id == sesion.mesa_id,
            MiembroMesa.nivel == sesion.nivel,
            MiembroMesa.acreditado_en <= fecha,
            (MiembroMesa.baja_en.is_(None)) | (MiembroMesa.baja_en > fecha),
        )
    )
    filas = {m.id: Asistencia(miembro_id=m.id, presente=m.id in elegibles) for m in del_nivel}
    for i in ids:
        filas[i] = Asistencia(miembro_id=i, presente=True)
    return [filas[k] for k in sorted(filas)], sorted(ids)


def _numerar(session: Session, ayuda: AyudaMemoria) -> None:
    """Give ``ayuda`` the next acta number of its mesa and insert it.

    The unique constraint (mesa, numero) is the guard: if another writer took the number between
    reading the maximum and inserting, the insert fails inside a savepoint and is retried.
    """
    for _ in range(_INTENTOS_NUMERO):
        ayuda.numero = (
            session.scalar(
                select(func.max(AyudaMemoria.numero)).where(AyudaMemoria.mesa_id == ayuda.mesa_id)
            )
            or 0
        ) + 1
        try:
            with session.begin_nested():
                session.add(ayuda)
                session.flush()
            return
        except IntegrityError as exc:
            if "corrige_a" in str(exc.orig):
                raise ErrorMesa("Esa ayuda memoria ya tiene una corrección registrada.") from None
    raise ErrorMesa("No se pudo asignar el número de acta; intente de nuevo.")


def registrar_ayuda_memoria(
    session: Session,
    sesion_id: int,
    *,
    elaborada_en: dt.date,
    desarrollo: str,
    presentes: Iterable[int],
    usuario: str | None,
) -> AyudaMemoria:
    """Record the minutes of a session: next acta number of the mesa, attendance, development.

    Attendance comes only from the mesa's members accredited and active on the session date. The
    agenda is the session's; agreements are added with :func:`registrar_acuerdo` until the minutes
    are distributed.

    Raises:
        ErrorMesa: cancelled session, minutes already recorded, a participant who is not an
            accredited active member, written before the session.
    """
    sesion: SesionMesa = _obtener(session, SesionMesa, sesion_id, "la sesión")
    if sesion.estado == EstadoSesion.cancelada:
        raise ErrorMesa("La sesión fue cancelada: no lleva ayuda memoria.")
    existente = session.scalars(
        select(AyudaMemoria).where(
            AyudaMemoria.sesion_id == sesion.id, AyudaMemoria.corrige_a_id.is_(None)
        )
    ).first()
    if existente is not None:
        raise ErrorMesa(
            f"La sesión ya tiene su ayuda memoria (acta {existente.numero}): edítela mientras no "
            "se distribuya, o registre una corrección si ya fue distribuida."
        )
    if elaborada_en < _fecha_sesion(sesion):
        raise ErrorMesa("La ayuda memoria no puede elaborarse antes de la sesión.")
    filas, ids = _asistencia(session, sesion, presentes)
    ayuda = AyudaMemoria(
        mesa_id=sesion.mesa_id,
        sesion_id=sesion.id,
        elaborada_en=elaborada_en,
        desarrollo=_requerido(desarrollo, "desarrollo de la sesión"),
        registrada_por=usuario,
        asistencia=filas,
    )
    _numerar(session, ayuda)
    sesion.estado = EstadoSesion.realizada
    registrar(
        session,
        "ayuda_memoria_registrada",
        usuario=usuario,
        entidad=_entidad(sesion.mesa, "ayuda_memoria", ayuda.id),
        detalle={
            "nuevo": {
                "numero": ayuda.numero,
                "sesion": sesion.id,
                "elaborada_en": elaborada_en,
                "presentes": ids,
            },
            "sesion_estado": ["convocada", "realizada"],
        },
    )
    return ayuda


def _exigir_borrador(ayuda: AyudaMemoria) -> None:
    if ayuda.distribuida_en is not None:
        raise ErrorMesa(
            f"El acta {ayuda.numero} se distribuyó el {_fecha(ayuda.distribuida_en)}: es "
            "definitiva y no se puede modificar. Registre una corrección (una nueva ayuda memoria "
            "que la referencia)."
        )


def _presentes(ayuda: AyudaMemoria) -> list[int]:
    return sorted(a.miembro_id for a in ayuda.asistencia if a.presente)


def editar_ayuda_memoria(
    session: Session,
    ayuda_id: int,
    *,
    desarrollo: str | None = None,
    presentes: Iterable[int] | None = None,
    usuario: str | None,
) -> AyudaMemoria:
    """Edit minutes that have not been distributed yet (refused once distributed: final)."""
    ayuda: AyudaMemoria = _obtener(session, AyudaMemoria, ayuda_id, "la ayuda memoria")
    _exigir_borrador(ayuda)
    cambios: dict[str, list] = {}
    if desarrollo is not None:
        nuevo = _requerido(desarrollo, "desarrollo de la sesión")
        if nuevo != ayuda.desarrollo:
            cambios["desarrollo"] = [ayuda.desarrollo, nuevo]
            ayuda.desarrollo = nuevo
    if presentes is not None:
        filas, ids = _asistencia(session, ayuda.sesion, presentes)
        anteriores = _presentes(ayuda)
        if ids != anteriores:
            ayuda.asistencia.clear()
            session.flush()
            ayuda.asistencia.extend(filas)
            cambios["presentes"] = [anteriores, ids]
    if cambios:
        session.flush()
        registrar(
            session,
            "ayuda_memoria_editada",
            usuario=usuario,
            entidad=_entidad(ayuda.sesion.mesa, "ayuda_memoria", ayuda.id),
            detalle=cambios,
        )
    return ayuda


def distribuir_ayuda_memoria(
    session: Session, ayuda_id: int, *, distribuida_en: dt.date, usuario: str | None
) -> AyudaMemoria:
    """Record that the minutes went out to every participant; from then on they are final.

    Distributing later than 7 days after the session is recorded as it happened and raises
    ``ayuda_memoria_tardia``.
    """
    ayuda: AyudaMemoria = _obtener(session, AyudaMemoria, ayuda_id, "la ayuda memoria")
    _exigir_borrador(ayuda)
    if distribuida_en < ayuda.elaborada_en:
        raise ErrorMesa("La ayuda memoria no puede distribuirse antes de elaborarse.")
    ayuda.distribuida_en = distribuida_en
    dias = (distribuida_en - _fecha_sesion(ayuda.sesion)).days
    registrar(
        session,
        "ayuda_memoria_distribuida",
        usuario=usuario,
        entidad=_entidad(ayuda.sesion.mesa, "ayuda_memoria", ayuda.id),
        detalle={
            "numero": ayuda.numero,
            "distribuida_en": [None, distribuida_en],
            "dias_despues_de_la_sesion": dias,
            "tardia": bool(reglas.es_distribucion_tardia(dias)),
        },
    )
    return ayuda


def corregir_ayuda_memoria(
    session: Session,
    ayuda_id: int,
    *,
    motivo: str,
    elaborada_en: dt.date,
    desarrollo: str | None = None,
    presentes: Iterable[int] | None = None,
    usuario: str | None,
) -> AyudaMemoria:
    """Correct distributed minutes: a new ayuda memoria (next acta number) referencing them.

    The corrected record is left untouched; what is not given is copied from it. Its acuerdos
    stay as agreed (they are final); the correction may add new ones before it is distributed.

    Raises:
        ErrorMesa: the minutes are not distributed yet (edit them instead), they already have a
            correction (correct the latest version), no reason given.
    """
    original: AyudaMemoria = _obtener(session, AyudaMemoria, ayuda_id, "la ayuda memoria")
    motivo = _requerido(motivo, "motivo de la corrección")
    if original.distribuida_en is None:
        raise ErrorMesa(
            f"El acta {original.numero} aún no se ha distribuido: puede editarla directamente."
        )
    posterior = session.scalars(
        select(AyudaMemoria).where(AyudaMemoria.corrige_a_id == original.id)
    ).first()
    if posterior is not None:
        raise ErrorMesa(
            f"El acta {original.numero} ya fue corregida por el acta {posterior.numero}: corrija "
            "la versión vigente."
        )
    if elaborada_en < original.distribuida_en:
        raise ErrorMesa("La corrección no puede ser anterior a la distribución del acta corregida.")
    filas, ids = _asistencia(
        session, original.sesion, presentes if presentes is not None else _presentes(original)
    )
    correccion = AyudaMemoria(
        mesa_id=original.mesa_id,
        sesion_id=original.sesion_id,
        elaborada_en=elaborada_en,
        desarrollo=_requerido(desarrollo, "desarrollo de la sesión")
        if desarrollo is not None
        else original.desarrollo,
        corrige_a_id=original.id,
        motivo_correccion=motivo,
        registrada_por=usuario,
        asistencia=filas,
    )
    _numerar(session, correccion)
    registrar(
        session,
        "ayuda_memoria_corregida",
        usuario=usuario,
        entidad=_entidad(original.sesion.mesa, "ayuda_memoria", correccion.id),
        detalle={
            "corrige_a": {"id": original.id, "numero": original.numero},
            "motivo": motivo,
            "numero": [original.numero, correccion.numero],
            "desarrollo": [original.desarrollo, correccion.desarrollo],
            "presentes": [_presentes(original), ids],
        },
    )
    return correccion


# --- acuerdos ---------------------------------------------------------------------------------


def registrar_acuerdo(
    session: Session,
    ayuda_memoria_id: int,
    *,
    texto: str,
    institucion: str,
    persona_responsable: str,
    fecha_limite: dt.date | None,
    metas: Iterable[str] = (),
    indicadores: Iterable[str] = (),
    resultado: str | None = None,
    usuario: str | None,
) -> Acuerdo:
    """Record an agreement in minutes not yet distributed, with whom, by when and what it serves.

    Raises:
        ErrorMesa: missing institution, person or due date; due before the session; unknown
            goal or indicator codes; minutes already distributed (final).
    """
    ayuda: AyudaMemoria = _obtener(session, AyudaMemoria, ayuda_memoria_id, "la ayuda memoria")
    _exigir_borrador(ayuda)
    texto = _requerido(texto, "texto del acuerdo")
    inst = _institucion(session, institucion)
    persona = _requerido(persona_responsable, "persona responsable")
    if fecha_limite is None:
        raise ErrorMesa("El campo «fecha límite» es obligatorio.")
    if fecha_limite < _fecha_sesion(ayuda.sesion):
        raise ErrorMesa("La fecha límite del acuerdo no puede ser anterior a la sesión.")
    acuerdo = Acuerdo(
        mesa_id=ayuda.mesa_id,
        sesion_id=ayuda.sesion_id,
        ayuda_memoria_id=ayuda.id,
        texto=texto,
        institucion_responsable=inst,
        persona_responsable=persona,
        fecha_limite=fecha_limite,
        estado=EstadoAcuerdo.pendiente,
        resultado=_opcional(resultado),
        metas=_por_codigo(session, Meta, metas, "las metas"),
        indicadores=_por_codigo(session, Indicador, indicadores, "los indicadores"),
    )
    session.add(acuerdo)
    session.flush()
    registrar(
        session,
        "acuerdo_registrado",
        usuario=usuario,
        entidad=_entidad(ayuda.sesion.mesa, "acuerdo", acuerdo.id),
        detalle={
            "nuevo": {
                "acta": ayuda.numero,
                "texto": texto,
                "institucion": inst.sigla,
                "persona_responsable": persona,
                "fecha_limite": fecha_limite,
                "metas": [m.codigo for m in acuerdo.metas],
                "indicadores": [i.codigo for i in acuerdo.indicadores],
            }
        },
    )
    return acuerdo


def _seguimiento(
    session: Session,
    acuerdo: Acuerdo,
    nuevo: EstadoAcuerdo,
    nota: str,
    fecha: dt.date,
    sesion_id: int | None,
    usuario: str | None,
) -> SeguimientoAcuerdo:
    if fecha < _fecha_sesion(acuerdo.sesion):
        raise ErrorMesa("El seguimiento no puede ser anterior a la sesión del acuerdo.")
    if sesion_id is not None:
        sesion: SesionMesa = _obtener(session, SesionMesa, sesion_id, "la sesión")
        if sesion.mesa_id != acuerdo.mesa_id:
            raise ErrorMesa("El seguimiento solo puede registrarse en una sesión de la misma mesa.")
    fila = SeguimientoAcuerdo(
        acuerdo_id=acuerdo.id,
        fecha=fecha,
        estado_anterior=acuerdo.estado,
        estado_nuevo=nuevo,
        nota=nota,
        usuario=usuario,
        sesion_id=sesion_id,
    )
    session.add(fila)
    return fila


def cambiar_estado_acuerdo(
    session: Session,
    acuerdo_id: int,
    estado: EstadoAcuerdo | str,
    *,
    nota: str | None,
    fecha: dt.date,
    sesion_id: int | None = None,
    resultado: str | None = None,
    usuario: str | None,
) -> SeguimientoAcuerdo:
    """Change an acuerdo's status, with the follow-up note that explains it (history row).

    ``vencido`` is not set by hand: it follows from the due date (``reglas.estado_vigente``).

    Raises:
        ErrorMesa: no note, ``vencido`` requested, same status, unknown status.
    """
    acuerdo: Acuerdo = _obtener(session, Acuerdo, acuerdo_id, "el acuerdo")
    nuevo = _enum(EstadoAcuerdo, estado, "estado del acuerdo")
    nota_limpia = _opcional(nota)
    if nota_limpia is None:
        raise ErrorMesa(
            "Un cambio de estado de un acuerdo necesita una nota de seguimiento que lo explique."
        )
    if nuevo == EstadoAcuerdo.vencido:
        raise ErrorMesa(
            "El estado «vencido» lo asigna el sistema cuando pasa la fecha límite sin cumplirse; "
            "no se registra a mano."
        )
    anterior = acuerdo.estado
    if nuevo == anterior:
        raise ErrorMesa(
            f"El acuerdo ya está en estado «{nuevo.value}»; para dejar constancia sin cambiar el "
            "estado registre una nota de seguimiento."
        )
    fila = _seguimiento(session, acuerdo, nuevo, nota_limpia, fecha, sesion_id, usuario)
    acuerdo.estado = nuevo
    cambios: dict[str, object] = {"estado": [anterior.value, nuevo.value], "nota": nota_limpia}
    if _opcional(resultado) is not None:
        cambios["resultado"] = [acuerdo.resultado, _opcional(resultado)]
        acuerdo.resultado = _opcional(resultado)
    session.flush()
    registrar(
        session,
        "acuerdo_estado",
        usuario=usuario,
        entidad=_entidad(acuerdo.mesa, "acuerdo", acuerdo.id),
        detalle=cambios,
    )
    return fila


def anotar_seguimiento(
    session: Session,
    acuerdo_id: int,
    *,
    nota: str,
    fecha: dt.date,
    sesion_id: int | None = None,
    usuario: str | None,
) -> SeguimientoAcuerdo:
    """Add a follow-up note to an acuerdo without changing its status."""
    acuerdo: Acuerdo = _obtener(session, Acuerdo, acuerdo_id, "el acuerdo")
    nota = _requerido(nota, "nota de seguimiento")
    fila = _seguimiento(session, acuerdo, acuerdo.estado, nota, fecha, sesion_id, usuario)
    session.flush()
    registrar(
        session,
        "acuerdo_seguimiento",
        usuario=usuario,
        entidad=_entidad(acuerdo.mesa, "acuerdo", acuerdo.id),
        detalle={"nota": nota, "fecha": fecha},
    )
    return fila


# --- cuellos de botella, estrategias, productos ----------------------------------------------


def _vinculos(session: Session, metas: Iterable[str], indicadores: Iterable[str], que: str):  # type: ignore[no-untyped-def]
    m = _por_codigo(session, Meta, metas, "las metas")
    i = _por_codigo(session, Indicador, indicadores, "los indicadores")
    if not m and not i:
        raise ErrorMesa(f"{que} debe vincularse al menos a una meta o a un indicador.")
    return m, i


def registrar_cuello_botella(
    session: Session,
    sector: str,
    *,
    descripcion: str,
    ambito: AmbitoCuello | str,
    identificado_en: dt.date,
    metas: Iterable[str] = (),
    indicadores: Iterable[str] = (),
    institucion: str | None = None,
    usuario: str | None,
) -> CuelloBotella:
    """Record a bottleneck and the goals/indicators it holds back (at least one)."""
    mesa = _mesa(session, sector)
    ambito = _enum(AmbitoCuello, ambito, "ámbito")
    inst = _institucion(session, institucion) if _opcional(institucion) else None
    if ambito == AmbitoCuello.institucional and inst is None:
        raise ErrorMesa("Un cuello de botella institucional debe indicar la institución.")
    m, i = _vinculos(session, metas, indicadores, "Un cuello de botella")
    cuello = CuelloBotella(
        mesa_id=mesa.id,
        descripcion=_requerido(descripcion, "descripción"),
        ambito=ambito,
        institucion=inst,
        identificado_en=identificado_en,
        estado=EstadoCuello.abierto,
        metas=m,
        indicadores=i,
    )
    session.add(cuello)
    session.flush()
    registrar(
        session,
        "cuello_botella_registrado",
        usuario=usuario,
        entidad=_entidad(mesa, "cuello_botella", cuello.id),
        detalle={
            "nuevo": {
                "descripcion": cuello.descripcion,
                "ambito": ambito.value,
                "institucion": inst.sigla if inst else None,
                "metas": [x.codigo for x in m],
                "indicadores": [x.codigo for x in i],
            }
        },
    )
    return cuello


def cambiar_estado_cuello(
    session: Session, cuello_id: int, estado: EstadoCuello | str, *, usuario: str | None
) -> CuelloBotella:
    """Mark a bottleneck as overcome (or open again)."""
    cuello: CuelloBotella = _obtener(session, CuelloBotella, cuello_id, "el cuello de botella")
    nuevo = _enum(EstadoCuello, estado, "estado del cuello de botella")
    anterior = cuello.estado
    if nuevo != anterior:
        cuello.estado = nuevo
        registrar(
            session,
            "cuello_botella_estado",
            usuario=usuario,
            entidad=_entidad(session.get(Mesa, cuello.mesa_id), "cuello_botella", cuello.id),
            detalle={"estado": [anterior.value, nuevo.value]},
        )
    return cuello


def registrar_estrategia(
    session: Session,
    sector: str,
    *,
    descripcion: str,
    responsable: str,
    metas: Iterable[str] = (),
    indicadores: Iterable[str] = (),
    estado: EstadoEstrategia | str = EstadoEstrategia.propuesta,
    institucion: str | None = None,
    cuello_botella_id: int | None = None,
    fecha_inicio: dt.date | None = None,
    fecha_fin: dt.date | None = None,
    usuario: str | None,
) -> Estrategia:
    """Record a strategy / course of action and the goals/indicators it addresses (at least one)."""
    mesa = _mesa(session, sector)
    estado = _enum(EstadoEstrategia, estado, "estado de la estrategia")
    inst = _institucion(session, institucion) if _opcional(institucion) else None
    if cuello_botella_id is not None:
        cuello: CuelloBotella = _obtener(
            session, CuelloBotella, cuello_botella_id, "el cuello de botella"
        )
        if cuello.mesa_id != mesa.id:
            raise ErrorMesa("El cuello de botella es de otra mesa.")
    if fecha_inicio and fecha_fin and fecha_fin < fecha_inicio:
        raise ErrorMesa("La fecha de fin no puede ser anterior a la de inicio.")
    m, i = _vinculos(session, metas, indicadores, "Una estrategia")
    estrategia = Estrategia(
        mesa_id=mesa.id,
        descripcion=_requerido(descripcion, "descripción"),
        responsable=_requerido(responsable, "responsable"),
        institucion=inst,
        cuello_botella_id=cuello_botella_id,
        fecha_inicio=fecha_inicio,
        fecha_fin=fecha_fin,
        estado=estado,
        metas=m,
        indicadores=i,
    )
    session.add(estrategia)
    session.flush()
    registrar(
        session,
        "estrategia_registrada",
        usuario=usuario,
        entidad=_entidad(mesa, "estrategia", estrategia.id),
        detalle={
            "nuevo": {
                "descripcion": estrategia.descripcion,
                "responsable": estrategia.responsable,
                "estado": estado.value,
                "cuello_botella": cuello_botella_id,
                "metas": [x.codigo for x in m],
                "indicadores": [x.codigo for x in i],
            }
        },
    )
    return estrategia


def cambiar_estado_estrategia(
    session: Session, estrategia_id: int, estado: EstadoEstrategia | str, *, usuario: str | None
) -> Estrategia:
    """Move a strategy along its life (propuesta → aprobada → en ejecución → concluida)."""
    estrategia: Estrategia = _obtener(session, Estrategia, estrategia_id, "la estrategia")
    nuevo = _enum(EstadoEstrategia, estado, "estado de la estrategia")
    anterior = estrategia.estado
    if nuevo != anterior:
        estrategia.estado = nuevo
        registrar(
            session,
            "estrategia_estado",
            usuario=usuario,
            entidad=_entidad(session.get(Mesa, estrategia.mesa_id), "estrategia", estrategia.id),
            detalle={"estado": [anterior.value, nuevo.value]},
        )
    return estrategia


def registrar_producto(
    session: Session,
    sector: str,
    *,
    tipo: TipoProducto | str,
    titulo: str,
    entregado_en: dt.date | None = None,
    documento_nombre: str | None = None,
    documento_url: str | None = None,
    documento_ruta: str | None = None,
    usuario: str | None,
) -> Producto:
    """Record a product of the mesa and its document (file name, and a URL or a stored path)."""
    mesa = _mesa(session, sector)
    tipo = _enum(TipoProducto, tipo, "tipo de producto")
    nombre, url, ruta = (
        _opcional(documento_nombre),
        _opcional(documento_url),
        _opcional(documento_ruta),
    )
    if nombre and not (url or ruta):
        raise ErrorMesa("Indique el enlace (URL) o la ruta donde está guardado el documento.")
    if (url or ruta) and not nombre:
        raise ErrorMesa("Indique el nombre del archivo del documento.")
    producto = Producto(
        mesa_id=mesa.id,
        tipo=tipo,
        titulo=_requerido(titulo, "título"),
        entregado_en=entregado_en,
        documento_nombre=nombre,
        documento_url=url,
        documento_ruta=ruta,
    )
    session.add(producto)
    session.flush()
    registrar(
        session,
        "producto_registrado",
        usuario=usuario,
        entidad=_entidad(mesa, "producto", producto.id),
        detalle={
            "nuevo": {
                "tipo": tipo.value,
                "titulo": producto.titulo,
                "entregado_en": entregado_en,
                "documento": [nombre, url or ruta],
            }
        },
    )
    return producto
