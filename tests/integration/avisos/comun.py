"""Helpers of the notice tests: users by role and scope, and who was told what."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from data_layer import auth
from data_layer.avisos.models import Aviso
from data_layer.db import session_factory
from data_layer.models import Usuario

CLAVE = "Clave-Segura-2026"


def crear_usuarios(engine, *usuarios: tuple[str, str, tuple[str, ...]]) -> None:
    """Create ``(usuario, rol, alcance)`` accounts."""
    with session_factory(engine)() as s, s.begin():
        for usuario, rol, alcance in usuarios:
            auth.crear_usuario(s, usuario, rol, CLAVE, alcance=alcance, nombre=usuario.title())


def avisos(engine, tipo: str | None = None) -> dict[str, list[tuple[str, str, str]]]:
    """Every notice by account: ``(tipo, clave, enlace)``, oldest first."""
    por: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    consulta = (
        select(Usuario.usuario, Aviso.tipo, Aviso.clave, Aviso.enlace)
        .join(Usuario, Usuario.id == Aviso.usuario_id)
        .order_by(Aviso.id)
    )
    if tipo is not None:
        consulta = consulta.where(Aviso.tipo == tipo)
    with session_factory(engine)() as s:
        for usuario, t, clave, enlace in s.execute(consulta):
            por[usuario].append((t, clave, enlace))
    return dict(por)


def destinatarios(engine, tipo: str) -> set[str]:
    """The accounts told of events of ``tipo``."""
    return set(avisos(engine, tipo))
