"""The demonstration dataset: the demo MCR, one demo user per role, the reporting cycle of
2026-T3 (:mod:`data_layer.reportes.demo`), the demo mesas and two published quarters
(:mod:`data_layer.publicacion.demo`).

`sigpret seed demo` and the test fixtures load it through the same code as real data (the
importer, the user functions, the reporting services, the mesa service), so the demo obeys every
rule.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

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
    ("upgret.seduc", "upgret", ("SEDUC",), "Reportes-SEDUC-2026", "UPGRET de la SEDUC"),
    ("upgret.sedesol", "upgret", ("SEDESOL",), "Reportes-SEDESOL-2026", "UPGRET de la SEDESOL"),
    ("analista", "analista", (), "DIGER-Seguimiento-2026", "Analista de la DIGER"),
    ("analista2", "analista", (), "DIGER-Revision-2026", "Segunda analista de la DIGER"),
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
    pasos_ciclo: int = 0
    revisiones: int = 0
    publicaciones: list[str] = field(default_factory=list)


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


def cargar_demo(engine: Engine, *, carpeta: Path | str | None = None) -> ResultadoDemo:
    """Import the demo MCR, then (if it imported) the demo users, the reporting cycle, the
    demo mesas, and the publication of 2026-T2 and 2026-T3 on the public portal.

    The 2026-T3 values of the cycle's institutions are held back from the import and reported
    through the services instead (:mod:`data_layer.reportes.demo`). Idempotent: a second call
    changes nothing.

    Args:
        engine: the migrated database.
        carpeta: the evidence folder where the mesas' product documents are stored (default:
            the configured one, ``SIGPRET_EVIDENCIAS``, which the app reads).
    """
    from data_layer.mesas.demo import cargar_demo_mesas
    from data_layer.reportes import demo as ciclo

    with tempfile.TemporaryDirectory(prefix="sigpret-demo-") as temporal:
        # The folder's name is the import's origen: "demo", as seeds/demo.
        copia = Path(temporal) / DEMO_DIR.name
        retenidos = ciclo.retener(DEMO_DIR, copia)
        importacion = import_mcr(engine, copia, es_demo=True, usuario="seed demo")
    resultado = ResultadoDemo(importacion=importacion)
    if not importacion.ok:
        return resultado
    resultado.usuarios_creados = crear_usuarios_demo(engine)
    resultado.pasos_ciclo = ciclo.cargar_ciclo(engine, retenidos, DEMO_DIR)
    with session_scope(engine) as session:
        resultado.mesas = cargar_demo_mesas(session, carpeta=carpeta)
    from data_layer.revisiones.demo import cargar_demo_revisiones

    with session_scope(engine) as session:
        resultado.revisiones = cargar_demo_revisiones(session)
    from data_layer.publicacion.demo import publicar_demo

    resultado.publicaciones = publicar_demo(engine)
    return resultado
