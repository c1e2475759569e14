"""The demonstration dataset: the demo MCR, one demo user per role and the demo mesas.

`sigpret seed demo` and the test fixtures load it through the same code as real data (the
importer, the user functions, the mesa service), so the demo obeys every rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from data_layer import auth
from data_layer.config import PROJECT_ROOT
from data_layer.db import session_scope
from data_layer.importer import ResultadoImportacion, import_mcr

DEMO_DIR = PROJECT_ROOT / "seeds" / "demo"

#: One user per role: (usuario, rol, alcance, clave, nombre). Created only with the demo data,
#: marked as demo users, and listed in the README.
USUARIOS_DEMO = (
    ("presidencia", "presidencia", (), "Casa-de-Gobierno-2026", "Despacho Presidencial"),
    ("ministro.salud", "ministro", ("SAL",), "Ministra-Salud-2026", "Ministra de Salud"),
    ("coord.salud", "coordinador_mesa", ("SAL",), "Mesa-Salud-2026", "Coordinación mesa Salud"),
    ("upgret.sesal", "upgret", ("SESAL",), "Reportes-SESAL-2026", "UPGRET de la SESAL"),
    ("analista", "analista", (), "DIGER-Seguimiento-2026", "Analista de la DIGER"),
    ("admin", "admin", (), "Soporte-Tecnico-2026", "Administración del sistema"),
)


def clave_demo(usuario: str) -> str:
    """The published password of a demo user."""
    return next(u[3] for u in USUARIOS_DEMO if u[0] == usuario)


@dataclass
class ResultadoDemo:
    """What loading the demo did."""

    importacion: ResultadoImportacion
    usuarios_creados: list[str] = field(default_factory=list)
    mesas: dict[str, int] = field(default_factory=dict)


def crear_usuarios_demo(engine: Engine) -> list[str]:
    """Create the demo users that do not exist yet; returns their names."""
    creados = []
    with session_scope(engine) as session:
        for usuario, rol, alcance, clave, nombre in USUARIOS_DEMO:
            if auth.buscar(session, usuario) is None:
                auth.crear_usuario(
                    session,
                    usuario,
                    rol,
                    clave,
                    alcance=alcance,
                    nombre=nombre,
                    es_demo=True,
                    actor="seed demo",
                )
                creados.append(usuario)
    return creados


def cargar_demo(engine: Engine) -> ResultadoDemo:
    """Import the demo MCR, then (if it imported) the demo users and the demo mesas.

    Idempotent: a second call changes nothing.
    """
    from data_layer.mesas.demo import cargar_demo_mesas

    importacion = import_mcr(engine, DEMO_DIR, es_demo=True, usuario="seed demo")
    resultado = ResultadoDemo(importacion=importacion)
    if not importacion.ok:
        return resultado
    resultado.usuarios_creados = crear_usuarios_demo(engine)
    with session_scope(engine) as session:
        resultado.mesas = cargar_demo_mesas(session)
    return resultado
