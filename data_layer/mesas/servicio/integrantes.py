"""Who makes up a mesa: the mesa and its coordinators, and its accredited members."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance, alcance_de, buscar, registrar
from data_layer.mesas import reglas
from data_layer.mesas.models import Mesa, MiembroMesa, NivelMesa
from data_layer.mesas.servicio.comun import (
    Coordinador,
    ErrorMesa,
    _alta,
    _autorizar_administrar,
    _autorizar_mesa,
    _entidad,
    _enum,
    _fecha,
    _hasta_hoy,
    _institucion,
    _mesa,
    _obtener,
    _opcional,
    _requerido,
)
from data_layer.models import Institucion, Sector, Usuario

_CORREO = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _correo(valor: str | None) -> str | None:
    """The e-mail without blanks, or None; refused when it is not an address."""
    correo = _opcional(valor)
    if correo and not _CORREO.match(correo):
        raise ErrorMesa(f"«{correo}» no es un correo electrónico válido.")
    return correo


# --- mesa and coordinators --------------------------------------------------------------------


def _usuario_designado(
    session: Session, nombre: str | None, sector: str, nivel: str
) -> Usuario | None:
    """The active user designated coordinator of ``nivel`` (None when no account is named).

    Raises:
        ErrorMesa: unknown or disabled user, or a role that cannot coordinate that level
            (:func:`permisos.puede_designar_politico`, :func:`permisos.puede_designar_tecnico`).
    """
    nombre = _opcional(nombre)
    if nombre is None:
        return None
    usuario = buscar(session, nombre)
    if usuario is None or not usuario.activo:
        raise ErrorMesa(f"«{nombre}» no es un usuario activo de SIGPRET.")
    designado = alcance_de(usuario)
    if nivel == NivelMesa.politico and not permisos.puede_designar_politico(designado, sector):
        raise ErrorMesa(
            f"El coordinador político debe ser un usuario con rol ministro del sector {sector}; "
            f"«{nombre}» no lo es."
        )
    if nivel == NivelMesa.tecnico and not permisos.puede_designar_tecnico(designado):
        raise ErrorMesa(
            f"El coordinador técnico-operativo debe ser un usuario con rol coordinador de mesa; "
            f"«{nombre}» no lo es."
        )
    return usuario


def _coordinador(
    session: Session, c: Coordinador, nivel: NivelMesa, sector: str
) -> tuple[str, str, Institucion, Usuario | None]:
    usuario = _usuario_designado(session, c.usuario, sector, nivel)
    nombre = c.nombre if (c.nombre or "").strip() or usuario is None else usuario.nombre
    return (
        _requerido(nombre, f"nombre del coordinador {NOMBRE_NIVEL[nivel]}"),
        _requerido(c.cargo, f"cargo del coordinador {NOMBRE_NIVEL[nivel]}"),
        _institucion(session, c.institucion),
        usuario,
    )


#: How the guidelines name each level's coordinator.
NOMBRE_NIVEL = {NivelMesa.politico: "político", NivelMesa.tecnico: "técnico-operativo"}


def crear_mesa(
    session: Session,
    sector: str,
    *,
    coordinador_politico: Coordinador,
    coordinador_tecnico: Coordinador,
    analista_diger: str | None = None,
    analistas: Sequence[str] = (),
    instalada_en: dt.date | None = None,
    actor: Alcance,
) -> Mesa:
    """Create the mesa of ``sector`` with the coordinators of its two levels and its analysts.

    A coordinator named with a user (:class:`Coordinador` ``usuario``) is designated: the
    political one approves the mesa's plan and strategies, the technical one writes in the mesa
    from then on (no separate step). ``analistas`` are the DIGER analysts (users) assigned.

    Raises:
        ErrorMesa: the actor may not create mesas (:func:`permisos.puede_administrar_mesas`),
            unknown sector or institution, a mesa already exists, a blank field, a user who may
            not hold that designation.
    """
    _autorizar_administrar(actor)
    sector_obj = session.scalars(select(Sector).where(Sector.codigo == sector)).first()
    if sector_obj is None:
        raise ErrorMesa(f"«{sector}» no es el código de un sector.")
    if session.scalars(select(Mesa).where(Mesa.sector_id == sector_obj.id)).first():
        raise ErrorMesa(f"El sector {sector_obj.nombre} ya tiene su mesa: hay una mesa por sector.")
    pn, pc, pi, pu = _coordinador(session, coordinador_politico, NivelMesa.politico, sector)
    tn, tc, ti, tu = _coordinador(session, coordinador_tecnico, NivelMesa.tecnico, sector)
    asignados = _analistas(session, analistas)
    mesa = Mesa(
        sector=sector_obj,
        coordinador_politico_nombre=pn,
        coordinador_politico_cargo=pc,
        institucion_politico=pi,
        coordinador_politico_usuario=pu,
        coordinador_tecnico_nombre=tn,
        coordinador_tecnico_cargo=tc,
        institucion_tecnico=ti,
        coordinador_tecnico_usuario=tu,
        analista_diger=_opcional(analista_diger),
        analistas=asignados,
        instalada_en=instalada_en,
    )
    _alta(
        session,
        mesa,
        "mesa_creada",
        mesa=mesa,
        tipo=None,
        nuevo={
            "coordinador_politico": [pn, pc, pi.sigla, pu.usuario if pu else None],
            "coordinador_tecnico": [tn, tc, ti.sigla, tu.usuario if tu else None],
            "analista_diger": mesa.analista_diger,
            "analistas": [u.usuario for u in asignados],
            "instalada_en": instalada_en,
        },
        actor=actor,
    )
    return mesa


def _mesa_a_administrar(session: Session, sector: str) -> Mesa:
    """The mesa of ``sector`` locked for a designation (the caller checked the actor may
    administer mesas: designating is DIGER's, not only the mesa's assigned analysts')."""
    mesa = session.scalars(
        select(Mesa)
        .join(Sector, Sector.id == Mesa.sector_id)
        .where(Sector.codigo == sector)
        .with_for_update(of=Mesa)
    ).first()
    if mesa is None:
        raise ErrorMesa(f"No existe la mesa del sector «{sector}».")
    return mesa


def designar_coordinador(
    session: Session,
    sector: str,
    nivel: NivelMesa | str,
    coordinador: Coordinador,
    *,
    actor: Alcance,
) -> Mesa:
    """Designate a new coordinator of the political or technical level of a mesa.

    The previous coordinator's user (if any) stops coordinating at once; the new one's scope
    follows from the designation.

    Raises:
        ErrorMesa: the actor may not designate coordinators
            (:func:`permisos.puede_administrar_mesas`), unknown mesa, level or institution, a
            user who may not hold that designation, nothing changes.
    """
    _autorizar_administrar(actor)
    mesa = _mesa_a_administrar(session, sector)
    nivel = _enum(NivelMesa, nivel, "nivel")
    nombre, cargo, institucion, usuario = _coordinador(session, coordinador, nivel, sector)
    prefijo = f"coordinador_{nivel.value}"
    previo_usuario = getattr(mesa, f"{prefijo}_usuario")
    anterior = [
        getattr(mesa, f"{prefijo}_nombre"),
        getattr(mesa, f"{prefijo}_cargo"),
        (
            mesa.institucion_politico if nivel == NivelMesa.politico else mesa.institucion_tecnico
        ).sigla,
        previo_usuario.usuario if previo_usuario else None,
    ]
    nuevo = [nombre, cargo, institucion.sigla, usuario.usuario if usuario else None]
    if anterior == nuevo:
        raise ErrorMesa(
            f"{nombre} ya es el coordinador {NOMBRE_NIVEL[nivel]} de la mesa: no hay cambios."
        )
    setattr(mesa, f"{prefijo}_nombre", nombre)
    setattr(mesa, f"{prefijo}_cargo", cargo)
    setattr(mesa, f"{prefijo}_usuario", usuario)
    if nivel == NivelMesa.politico:
        mesa.institucion_politico = institucion
    else:
        mesa.institucion_tecnico = institucion
    registrar(
        session,
        "coordinador_designado",
        usuario=actor.usuario,
        entidad=_entidad(mesa),
        detalle={prefijo: [anterior, nuevo]},
    )
    return mesa


def _analistas(session: Session, usuarios: Sequence[str]) -> list[Usuario]:
    """The active ``analista`` users named, in order, without repeats."""
    elegidos: list[Usuario] = []
    for nombre in dict.fromkeys(u.strip() for u in usuarios if u and u.strip()):
        usuario = buscar(session, nombre)
        if usuario is None or not usuario.activo:
            raise ErrorMesa(f"«{nombre}» no es un usuario activo de SIGPRET.")
        if not permisos.puede_asignarse_a_mesa(alcance_de(usuario)):
            raise ErrorMesa(f"«{nombre}» no es analista de la DIGER: no se le puede asignar.")
        elegidos.append(usuario)
    return elegidos


def asignar_analistas(
    session: Session, sector: str, usuarios: Sequence[str], *, actor: Alcance
) -> Mesa:
    """Set the DIGER analysts assigned to the mesa of ``sector`` (the whole list: those left out
    stop writing in it).

    Raises:
        ErrorMesa: the actor may not administer mesas, unknown mesa, a user who is not an
            active analyst, nothing changes.
    """
    _autorizar_administrar(actor)
    mesa = _mesa_a_administrar(session, sector)
    elegidos = _analistas(session, usuarios)
    anterior = sorted(u.usuario for u in mesa.analistas)
    nuevo = sorted(u.usuario for u in elegidos)
    if anterior == nuevo:
        raise ErrorMesa("Los analistas asignados ya son esos: no hay cambios.")
    mesa.analistas = elegidos
    registrar(
        session,
        "analistas_asignados",
        usuario=actor.usuario,
        entidad=_entidad(mesa),
        detalle={"analistas": [anterior, nuevo]},
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
    actor: Alcance,
    hoy: dt.date | None = None,
) -> MiembroMesa:
    """Accredit a member of an institution in a mesa, at the political or technical level.

    At most :data:`~data_layer.mesas.reglas.MAX_MIEMBROS_TECNICOS` active technical members per
    institution, the UPGRET director included; the political level has no limit. Members given
    de baja do not count.

    Raises:
        ErrorMesa: the actor may not write in the mesa, the limit is reached (naming the members
            who fill it), the person is already accredited, a second UPGRET director, a political
            UPGRET director, bad e-mail, accredited after ``hoy`` (default: today in Honduras).
    """
    mesa = _mesa(session, sector, actor=actor, bloquear=True)
    _hasta_hoy(acreditado_en, "fecha de acreditación", hoy)
    inst = _institucion(session, institucion)
    nombre = _requerido(nombre, "nombre")
    cargo = _requerido(cargo, "cargo")
    nivel = _enum(NivelMesa, nivel, "nivel")
    correo = _correo(correo)
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
    _alta(
        session,
        miembro,
        "miembro_acreditado",
        mesa=mesa,
        tipo="miembro",
        nuevo={
            "institucion": inst.sigla,
            "nombre": nombre,
            "cargo": cargo,
            "nivel": nivel.value,
            "es_director_upgret": es_director_upgret,
            "correo": correo,
            "telefono": miembro.telefono,
            "acreditado_en": acreditado_en,
        },
        actor=actor,
    )
    return miembro


def dar_de_baja_miembro(
    session: Session,
    miembro_id: int,
    *,
    baja_en: dt.date,
    motivo: str,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> MiembroMesa:
    """End a member's accreditation (kept for the record; no longer counts nor attends).

    Raises:
        ErrorMesa: the actor may not write in the member's mesa, unknown id, already withdrawn,
            a blank reason, a date before the accreditation or after ``hoy`` (default: today
            in Honduras).
    """
    miembro: MiembroMesa = _obtener(session, MiembroMesa, miembro_id, "el miembro", bloquear=True)
    _autorizar_mesa(session, actor, miembro.mesa_id)
    motivo = _requerido(motivo, "motivo de la baja")
    if not miembro.activo:
        raise ErrorMesa(f"{miembro.nombre} ya fue dado(a) de baja el {_fecha(miembro.baja_en)}.")
    _hasta_hoy(baja_en, "fecha de baja", hoy)
    if baja_en < miembro.acreditado_en:
        raise ErrorMesa("La baja no puede ser anterior a la acreditación.")
    miembro.activo, miembro.baja_en, miembro.motivo_baja = False, baja_en, motivo
    registrar(
        session,
        "miembro_dado_de_baja",
        usuario=actor.usuario,
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
    actor: Alcance,
) -> MiembroMesa:
    """Update a member's cargo or contact details (a change of level is a new accreditation).

    A blank field keeps its value; only what changes is written and audited.

    Raises:
        ErrorMesa: the actor may not write in the member's mesa, unknown id, a withdrawn
            member, a malformed e-mail, nothing changes.
    """
    miembro: MiembroMesa = _obtener(session, MiembroMesa, miembro_id, "el miembro")
    _autorizar_mesa(session, actor, miembro.mesa_id)
    if not miembro.activo:
        raise ErrorMesa(
            f"{miembro.nombre} fue dado(a) de baja el {_fecha(miembro.baja_en)}: su registro "
            "queda como estaba."
        )
    cambios: dict[str, list] = {}
    nuevos = {
        "cargo": _opcional(cargo),
        "correo": _correo(correo),
        "telefono": _opcional(telefono),
    }
    for campo, valor in nuevos.items():
        if valor is not None and valor != getattr(miembro, campo):
            cambios[campo] = [getattr(miembro, campo), valor]
            setattr(miembro, campo, valor)
    if not cambios:
        raise ErrorMesa(f"Los datos de {miembro.nombre} ya son esos: no hay cambios.")
    registrar(
        session,
        "miembro_actualizado",
        usuario=actor.usuario,
        entidad=_entidad(miembro.mesa, "miembro", miembro.id),
        detalle=cambios,
    )
    return miembro


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
