"""What every MESGEPRET write shares: the refusal, the permission checks and the small helpers.

Every service takes the acting user's scope (keyword ``actor``, an
:class:`~data_layer.auth.Alcance`) and checks it here, through :mod:`data_layer.permisos`, before
reading anything else; the audit records ``actor.usuario``. The CLI and the demo loader pass
:func:`data_layer.permisos.actor_sistema`.
Services whose rules depend on today take ``hoy`` (default: today in Honduras), so tests and the
demo loader can write history as of another date.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import limites, permisos
from data_layer.auth import Alcance, registrar
from data_layer.errores import ErrorDeDatos
from data_layer.mesas import registros
from data_layer.mesas.models import Mesa, SesionMesa
from data_layer.models import Indicador, Institucion, Meta, Sector
from data_layer.periods import hoy_honduras

E = TypeVar("E", bound=enum.Enum)


class ErrorMesa(ErrorDeDatos):
    """A refused mesa operation; the message is in Spanish and says why."""


class ConflictoEdicion(ErrorMesa):
    """Someone saved the record after the form loaded it: this save was refused, nothing written.

    Attributes:
        actual: the record's current content (what the form shows instead, next to what the
            user typed), including its current ``version``.
    """

    def __init__(self, mensaje: str, actual: dict[str, Any]) -> None:
        super().__init__(mensaje)
        self.actual = actual


@dataclass(frozen=True)
class Coordinador:
    """A coordinator of one level of a mesa: name, cargo and institution (sigla), and the SIGPRET
    user designated (``usuario``; None while the person has no account). With a user, a blank
    name is taken from the account."""

    nombre: str
    cargo: str
    institucion: str
    usuario: str | None = None


class _Fila(Protocol):
    """A row of a mesa table once flushed: it has its id."""

    @property
    def id(self) -> int: ...


class _FilaConEstado(_Fila, Protocol):
    """A row whose life is an enum ``estado`` (bottleneck, strategy, activity)."""

    estado: Any


# --- permissions ------------------------------------------------------------------------------


def _autorizar(actor: Alcance, sector: str) -> None:
    """Refuse, in Spanish, an actor who may not write in the mesa of ``sector``."""
    if not permisos.puede_escribir_mesa(actor, sector):
        raise ErrorMesa(permisos.SIN_PERMISO_MESA)


def _autorizar_mesa(session: Session, actor: Alcance, mesa_id: int) -> Mesa:
    """The mesa ``mesa_id`` (of a record read by id), once ``actor`` may write in it."""
    mesa = session.get(Mesa, mesa_id)
    if mesa is None:  # pragma: no cover - a foreign key always names an existing mesa
        raise ErrorMesa("El registro solicitado no existe.")
    _autorizar(actor, mesa.sector.codigo)
    return mesa


def _autorizar_administrar(actor: Alcance) -> None:
    """Refuse an actor who may not create mesas nor designate coordinators."""
    if not permisos.puede_administrar_mesas(actor):
        raise ErrorMesa(permisos.SIN_PERMISO_ADMINISTRAR)


# --- dates ------------------------------------------------------------------------------------


def _hoy(hoy: dt.date | None) -> dt.date:
    """``hoy``, or today in Honduras."""
    return hoy if hoy is not None else hoy_honduras()


def _hasta_hoy(fecha: dt.date, nombre: str, hoy: dt.date | None) -> None:
    """Refuse a date after today: the mesas record what already happened.

    Args:
        fecha: the date of the record.
        nombre: the field's name, for the message (``fecha de distribución``...).
        hoy: today (None: today in Honduras).
    """
    dia = _hoy(hoy)
    if fecha > dia:
        raise ErrorMesa(
            f"La {nombre} ({fecha:%d/%m/%Y}) es posterior a hoy ({dia:%d/%m/%Y}): aquí se "
            "registra lo que ya ocurrió."
        )


# --- small helpers ----------------------------------------------------------------------------


def _fecha(valor: dt.date | None) -> str:
    return valor.strftime("%d/%m/%Y") if valor is not None else "—"


def _requerido(valor: str | None, campo: str) -> str:
    limpio = (valor or "").strip()
    if not limpio:
        raise ErrorMesa(f"El campo «{campo}» es obligatorio.")
    return limpio


def _motivo(valor: str | None, campo: str) -> str:
    """A required reason, at most :data:`data_layer.limites.TOPE_MOTIVO` characters (reasons
    kept only by the audit record have no column to check them)."""
    return limites.revisar_texto(_requerido(valor, campo), campo)


def _opcional(valor: str | None) -> str | None:
    limpio = (valor or "").strip()
    return limpio or None


def _enum(cls: type[E], valor: object, campo: str) -> E:
    try:
        return cls(valor)
    except ValueError:
        opciones = ", ".join(str(m.value) for m in cls)
        raise ErrorMesa(f"«{valor}» no es un valor válido de {campo} ({opciones}).") from None


def _mesa(session: Session, sector: str, *, actor: Alcance, bloquear: bool = False) -> Mesa:
    """The mesa of ``sector``, once ``actor`` may write in it."""
    _autorizar(actor, sector)
    consulta = select(Mesa).join(Sector, Sector.id == Mesa.sector_id).where(Sector.codigo == sector)
    if bloquear:
        # Serialises checks that count rows (PostgreSQL); SQLite already has one writer at a time.
        consulta = consulta.with_for_update(of=Mesa)
    mesa = session.scalars(consulta).first()
    if mesa is None:
        raise ErrorMesa(f"No existe la mesa del sector «{sector}».")
    return mesa


def _obtener(  # type: ignore[no-untyped-def]
    session: Session, cls: type, ident: int, nombre: str, *, bloquear: bool = False
):
    """The row ``ident`` of ``cls``; with ``bloquear``, read afresh and locked until commit.

    Services that check a row's state before changing it (a draft, a status, a version) lock it:
    on PostgreSQL ``SELECT … FOR UPDATE`` makes a second writer wait and then read the first
    one's committed change; SQLite write sessions already hold the only write lock.
    """
    if bloquear:
        objeto = session.scalars(
            select(cls)
            .where(cls.id == ident)  # type: ignore[attr-defined]
            .with_for_update()
            .execution_options(populate_existing=True)
        ).first()
    else:
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


def _vinculos_del_sector(
    session: Session, mesa: Mesa, metas: Iterable[str], indicadores: Iterable[str]
) -> tuple[list[Meta], list[Indicador]]:
    """The goals and indicators ``metas`` and ``indicadores``, all of the mesa's own sector.

    What may be linked is what the forms offer (:func:`registros.codigos_vinculables`); the rule
    is :func:`permisos.vinculos_rechazados`. A code of another sector and one that does not exist
    get the same message.

    Raises:
        ErrorMesa: a code that is not a goal (indicator) of the mesa's sector.
    """
    metas = [c.strip() for c in metas if c and c.strip()]
    indicadores = [c.strip() for c in indicadores if c and c.strip()]
    if not metas and not indicadores:
        return [], []
    sector = mesa.sector
    metas_ok, indicadores_ok = registros.codigos_vinculables(session, sector.codigo)
    for pedidos, permitidos, nombre in (
        (metas, metas_ok, "las metas"),
        (indicadores, indicadores_ok, "los indicadores"),
    ):
        rechazados = permisos.vinculos_rechazados(pedidos, set(permitidos))
        if rechazados:
            raise ErrorMesa(
                f"No se pueden vincular {nombre} {', '.join(rechazados)}: no existen o no son "
                f"del sector {sector.nombre}."
            )
    return (
        _por_codigo(session, Meta, metas, "las metas"),
        _por_codigo(session, Indicador, indicadores, "los indicadores"),
    )


def _entidad(mesa: Mesa | None, tipo: str | None = None, ident: int | None = None) -> str:
    # Every caller passes the mesa of an existing row (foreign key), never None in practice.
    base = f"mesa:{mesa.sector.codigo}" if mesa is not None else "mesa:?"
    return f"{base}/{tipo}:{ident}" if tipo else base


def _fecha_sesion(sesion: SesionMesa) -> dt.date:
    return sesion.fecha_hora.date()


# --- the two audited writes every part repeats ------------------------------------------------


def _alta(
    session: Session,
    fila: _Fila,
    accion: str,
    *,
    mesa: Mesa | None,
    tipo: str | None,
    nuevo: dict[str, Any],
    actor: Alcance,
) -> None:
    """Insert ``fila`` and audit it as ``{"nuevo": nuevo}`` under ``mesa:<sector>/<tipo>:<id>``.

    The flush comes first because the audit record names the new row by its id.
    """
    session.add(fila)
    session.flush()
    registrar(
        session,
        accion,
        usuario=actor.usuario,
        entidad=_entidad(mesa, tipo, fila.id),
        detalle={"nuevo": nuevo},
    )


def _cambiar_estado(
    session: Session,
    fila: _FilaConEstado,
    nuevo: enum.Enum,
    *,
    accion: str,
    mesa_id: int,
    tipo: str,
    que: str,
    actor: Alcance,
) -> None:
    """Set ``fila.estado`` to ``nuevo`` and audit old → new.

    Args:
        que: the record as the user names it (``La actividad N.º 3``), for the refusal.

    Raises:
        ErrorMesa: the record already has that status: nothing would change (the page must not
            say «quedó …» for a save that wrote nothing).
    """
    anterior = fila.estado
    if nuevo == anterior:
        raise ErrorMesa(f"{que} ya está en ese estado: no hay cambios.")
    fila.estado = nuevo
    registrar(
        session,
        accion,
        usuario=actor.usuario,
        entidad=_entidad(session.get(Mesa, mesa_id), tipo, fila.id),
        detalle={"estado": [anterior.value, nuevo.value]},
    )
