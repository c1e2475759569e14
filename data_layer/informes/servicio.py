"""Generating the progress reports: permission, the engine's evaluation, the PDF, and keeping an
informe de avance as a product document of its mesa (regenerating makes a new version)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from data_layer import periods, permisos
from data_layer.auth import Alcance
from data_layer.engine import Resultado, run
from data_layer.engine.frames import Reglas
from data_layer.errores import ErrorDeDatos
from data_layer.informes import contenido
from data_layer.informes import pdf as pdfs
from data_layer.mesas import productos
from data_layer.mesas.consultas import load_mesas
from data_layer.mesas.models import DocumentoProducto, TipoProducto
from data_layer.mesas.servicio import ErrorMesa
from data_layer.queries import latest_import, load_mcr


def _trimestre(periodo: str) -> periods.Periodo:
    """``periodo`` parsed, refused in Spanish unless it is a quarter."""
    try:
        p = periods.parse(periodo)
    except ValueError:
        p = None
    if p is None or p.frecuencia != "trimestral":
        raise ErrorDeDatos(f"«{periodo}» no es un trimestre (p. ej. 2026-T3).")
    return p


def evaluar(
    session: Session, periodo: str, *, reglas: Reglas | None = None, hoy: dt.date | None = None
) -> Resultado:
    """The engine's evaluation of ``periodo`` at today's date (Honduras), as the pages do."""
    return run(load_mcr(session), str(_trimestre(periodo)), hoy or periods.hoy_honduras(), reglas)


def _es_demo(session: Session) -> bool:
    ultima = latest_import(session)
    return ultima is not None and bool(ultima.es_demo)


def informe_avance_pdf(
    session: Session,
    sector: str,
    periodo: str,
    *,
    actor: Alcance | None,
    reglas: Reglas | None = None,
    hoy: dt.date | None = None,
    resultado: Resultado | None = None,
) -> bytes:
    """The informe de avance of ``sector`` at ``periodo`` as PDF bytes (not stored).

    Raises:
        ErrorMesa: ``actor`` (None: nobody logged in) may not generate it.
        ErrorDeDatos: ``periodo`` is not a quarter.
    """
    if not permisos.puede_generar_informe_avance(actor, sector):
        raise ErrorMesa(permisos.SIN_PERMISO_PRODUCTO)
    res = resultado or evaluar(session, periodo, reglas=reglas, hoy=hoy)
    datos = contenido.informe_avance(
        res,
        load_mcr(session),
        load_mesas(session),
        sector,
        session=session,
        es_demo=_es_demo(session),
    )
    return pdfs.pdf_informe_avance(datos)


def guardar_informe_avance(
    session: Session,
    sector: str,
    periodo: str,
    contenido_pdf: bytes,
    *,
    actor: Alcance,
    carpeta: Path | str | None = None,
    hoy: dt.date | None = None,
) -> DocumentoProducto:
    """Keep an informe de avance already generated (:func:`informe_avance_pdf`) as a new version
    of the mesa's «informes de avance» product of the quarter's year (audited).

    Only the write: the caller generates the PDF first in a read session, so a write session
    (on SQLite, the database's single write lock) is held just to store the file and its row,
    not while the engine evaluates. The upload service checks the permission again and takes
    the mesa's row lock, so versions stay numbered one after another.

    Raises:
        ErrorMesa: ``actor`` may not write in the mesa, or the mesa does not exist.
        ErrorDeDatos: ``periodo`` is not a quarter.
    """
    return productos.subir_documento(
        session,
        sector,
        tipo=TipoProducto.informe_avance,
        anio=_trimestre(periodo).anio,
        nombre=pdfs.nombre_informe_avance(sector, periodo),
        contenido=contenido_pdf,
        actor=actor,
        periodo=periodo,
        generado=True,
        nota=f"Generado por SIGPRET para el periodo {periodo}.",
        carpeta=carpeta,
        hoy=hoy,
    )


def generar_informe_avance(
    session: Session,
    sector: str,
    periodo: str,
    *,
    actor: Alcance,
    reglas: Reglas | None = None,
    hoy: dt.date | None = None,
    carpeta: Path | str | None = None,
    resultado: Resultado | None = None,
) -> DocumentoProducto:
    """Generate the informe de avance of ``sector`` at ``periodo`` and keep it, in one session.

    For a caller that already holds its write transaction for other reasons (the demo loader,
    which writes everything in one). The web and the CLI instead call :func:`informe_avance_pdf`
    in a read session and then :func:`guardar_informe_avance` in a short write session.

    Raises:
        ErrorMesa: ``actor`` may not write in the mesa, or the mesa does not exist.
        ErrorDeDatos: ``periodo`` is not a quarter.
    """
    contenido_pdf = informe_avance_pdf(
        session, sector, periodo, actor=actor, reglas=reglas, hoy=hoy, resultado=resultado
    )
    return guardar_informe_avance(
        session, sector, periodo, contenido_pdf, actor=actor, carpeta=carpeta, hoy=hoy
    )


def informe_presidencial_pdf(
    session: Session,
    periodo: str,
    *,
    actor: Alcance | None,
    reglas: Reglas | None = None,
    hoy: dt.date | None = None,
    resultado: Resultado | None = None,
) -> bytes:
    """The presidential briefing at ``periodo`` as PDF bytes (one page per eje).

    Raises:
        ErrorDeDatos: ``actor`` may not generate it, or ``periodo`` is not a quarter.
    """
    if not permisos.puede_generar_informe_presidencial(actor):
        raise ErrorDeDatos(permisos.SIN_PERMISO_INFORME_PRESIDENCIAL)
    res = resultado or evaluar(session, periodo, reglas=reglas, hoy=hoy)
    datos = contenido.informe_presidencial(
        res, load_mcr(session), session=session, es_demo=_es_demo(session)
    )
    return pdfs.pdf_informe_presidencial(datos)
