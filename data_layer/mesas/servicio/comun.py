"""What every MESGEPRET write shares: the refusal, the permission check and the small helpers."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer.auth import Alcance, registrar
from data_layer.errores import ErrorDeDatos
from data_layer.mesas.models import Mesa, SesionMesa
from data_layer.models import Indicador, Institucion, Meta, Rol, Sector

E = TypeVar("E", bound=enum.Enum)

_ROLES_QUE_ESCRIBEN_TODO = {Rol.analista, Rol.admin}


class ErrorMesa(ErrorDeDatos):
    """A refused mesa operation; the message is in Spanish and says why."""


@dataclass(frozen=True)
class Coordinador:
    """A coordinator of one level of a mesa: name, cargo and institution (sigla)."""

    nombre: str
    cargo: str
    institucion: str


class _Fila(Protocol):
    """A row of a mesa table once flushed: it has its id."""

    @property
    def id(self) -> int: ...


class _FilaConEstado(_Fila, Protocol):
    """A row whose life is an enum ``estado`` (bottleneck, strategy, activity)."""

    estado: Any


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


# --- the two audited writes every part repeats ------------------------------------------------


def _alta(
    session: Session,
    fila: _Fila,
    accion: str,
    *,
    mesa: Mesa | None,
    tipo: str | None,
    nuevo: dict[str, Any],
    usuario: str | None,
) -> None:
    """Insert ``fila`` and audit it as ``{"nuevo": nuevo}`` under ``mesa:<sector>/<tipo>:<id>``.

    The flush comes first because the audit record names the new row by its id.
    """
    session.add(fila)
    session.flush()
    registrar(
        session,
        accion,
        usuario=usuario,
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
    usuario: str | None,
) -> None:
    """Set ``fila.estado`` to ``nuevo`` and audit old → new; an unchanged status writes nothing."""
    anterior = fila.estado
    if nuevo == anterior:
        return
    fila.estado = nuevo
    registrar(
        session,
        accion,
        usuario=usuario,
        entidad=_entidad(session.get(Mesa, mesa_id), tipo, fila.id),
        detalle={"estado": [anterior.value, nuevo.value]},
    )
