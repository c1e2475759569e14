"""``sigpret avisos revisar``: run the scheduled notices once (reminders, acuerdos, the digest).

The worker's scheduler runs the same :func:`data_layer.avisos.programados.revisar_programados`;
running it again the same day writes nothing new.
"""

from __future__ import annotations

import argparse
import datetime as dt

from data_layer.config import Settings
from data_layer.formato import format_entero


def _fecha(texto: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es una fecha válida (aaaa-mm-dd)") from None


def agregar_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``avisos`` and its action to the ``sigpret`` parser."""
    avisos = sub.add_parser("avisos", help="avisos en la aplicación")
    acc = avisos.add_subparsers(dest="accion", required=True, metavar="ACCION")
    rev = acc.add_parser(
        "revisar",
        help="escribir los avisos programados del día: reportes por vencer y atrasados, "
        "acuerdos por vencer y vencidos, resumen semanal de alertas altas (idempotente)",
    )
    rev.add_argument(
        "--fecha", type=_fecha, metavar="AAAA-MM-DD", help="el día revisado (por defecto: hoy)"
    )
    rev.add_argument(
        "--sin-resumen", action="store_true", help="sin el resumen semanal de alertas altas"
    )


def ejecutar(settings: Settings, args: argparse.Namespace) -> int:
    """Run ``sigpret avisos revisar`` in one transaction; prints what it wrote."""
    from data_layer.avisos import TIPOS
    from data_layer.avisos.programados import revisar_programados
    from data_layer.db import get_engine, session_factory
    from data_layer.engine.frames import Reglas
    from data_layer.periods import hoy_honduras

    engine = get_engine(settings.database_url)
    hoy = args.fecha or hoy_honduras()
    with session_factory(engine, escritura=True)() as s, s.begin():
        revision = revisar_programados(
            s, hoy, reglas=Reglas.from_toml(settings.reglas_path), resumen=not args.sin_resumen
        )
    print(f"Avisos del {hoy.strftime('%d/%m/%Y')}: {format_entero(revision.total)} nuevos.")
    for tipo, n in sorted(revision.avisos.items()):
        if n:
            print(f"  {TIPOS[tipo]}: {format_entero(n)}")
    return 0
