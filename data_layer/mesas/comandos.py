"""``sigpret mesas …``: install and run the 22 mesas from the command line (issue #11).

Every command writes through :mod:`data_layer.mesas.servicio` as
:func:`data_layer.permisos.actor_sistema` (the audit records ``cli:<user>``), in one
transaction; a refusal is printed in Spanish and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from data_layer import permisos
from data_layer.config import Settings
from data_layer.errores import ErrorDeDatos
from data_layer.mesas.servicio import ErrorMesa


def _fecha(texto: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es una fecha válida (aaaa-mm-dd)") from None


def agregar_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``mesas`` and its actions to the ``sigpret`` parser."""
    mesas = sub.add_parser("mesas", help="instalar y administrar las mesas sectoriales")
    acc = mesas.add_subparsers(dest="accion", required=True, metavar="ACCION")
    acc.add_parser("listar", help="los sectores, con o sin mesa, y sus coordinadores")

    inst = acc.add_parser("instalar", help="instalar la mesa de un sector")
    inst.add_argument("sector", metavar="SECTOR")
    for nivel, nombre in (("politico", "político"), ("tecnico", "técnico-operativo")):
        inst.add_argument(
            f"--{nivel}", required=True, metavar="USUARIO", help=f"coordinador {nombre}"
        )
        inst.add_argument(
            f"--cargo-{nivel}",
            default="Ministro(a)" if nivel == "politico" else "Coordinador(a) técnico(a)",
            help="cargo (por defecto: %(default)s)",
        )
        inst.add_argument(
            f"--institucion-{nivel}",
            default="",
            metavar="SIGLA",
            help="institución (por defecto: la rectora del sector)",
        )
    inst.add_argument("--analista", action="append", default=[], metavar="USUARIO")
    inst.add_argument("--fecha", type=_fecha, help="fecha de instalación aaaa-mm-dd")

    des = acc.add_parser("designar", help="designar otro coordinador de una mesa")
    des.add_argument("sector", metavar="SECTOR")
    des.add_argument("--nivel", required=True, choices=["politico", "tecnico"])
    des.add_argument("--usuario", required=True, metavar="USUARIO")
    des.add_argument("--cargo", required=True)
    des.add_argument("--institucion", default="", metavar="SIGLA")

    ana = acc.add_parser("analistas", help="fijar los analistas asignados a una mesa")
    ana.add_argument("sector", metavar="SECTOR")
    ana.add_argument("usuarios", nargs="*", metavar="USUARIO")

    car = acc.add_parser("cargar", help="instalar varias mesas desde un .xlsx o .csv (todo o nada)")
    car.add_argument("ruta", type=Path, metavar="ARCHIVO")
    pla = acc.add_parser("plantilla", help="escribir un archivo de carga con los sectores sin mesa")
    pla.add_argument("ruta", type=Path, metavar="ARCHIVO")


def _rectora(s, codigo: str, sigla: str) -> str:  # type: ignore[no-untyped-def]
    from data_layer.mesas import configuracion

    if sigla:
        return sigla
    sector = configuracion.sector(s, codigo)
    if sector is None or sector.rectora is None:
        raise ErrorMesa(
            f"Indique la institución: el sector «{codigo}» no tiene institución rectora."
        )
    return sector.rectora.sigla


def ejecutar(settings: Settings, args: argparse.Namespace) -> int:
    """Run one ``sigpret mesas`` action; returns the exit status.

    Raises:
        ErrorDeDatos: a refusal (the caller prints it; nothing was written).
    """
    from data_layer.db import get_engine, session_factory, session_scope
    from data_layer.mesas import carga, configuracion, servicio

    engine = get_engine(settings.database_url)
    actor = permisos.actor_sistema()
    if args.accion == "listar":
        with session_factory(engine)() as s:
            filas = configuracion.estado_sectores(s)
        con = sum(f.instalada for f in filas)
        print(f"{len(filas)} sectores: {con} con mesa, {len(filas) - con} sin mesa.")
        for f in filas:
            if not f.instalada:
                print(f"  {f.codigo:8} {f.nombre[:40]:40} SIN MESA")
                continue
            print(
                f"  {f.codigo:8} {f.nombre[:40]:40} político: {f.politico}; técnico: {f.tecnico}; "
                f"analistas: {', '.join(f.analistas) or '—'}"
            )
        return 0
    if args.accion == "plantilla":
        with session_factory(engine)() as s:
            codigos = [c for c, _ in configuracion.sectores_sin_mesa(s)]
        tabla = carga.plantilla(codigos)
        if args.ruta.suffix.lower() == ".xlsx":
            tabla.to_excel(args.ruta, index=False)
        else:
            tabla.to_csv(args.ruta, index=False)
        print(f"Plantilla con {len(codigos)} sectores sin mesa escrita en {args.ruta}.")
        return 0
    if args.accion == "cargar":
        tabla = carga.leer(args.ruta)
        factory = session_factory(engine, escritura=True)
        with factory() as s:
            s.begin()
            resultado = carga.cargar(s, tabla, actor=actor)
            if not resultado.ok:
                s.rollback()
                raise ErrorMesa(
                    f"Carga rechazada: {len(resultado.errores)} error(es). No se guardó nada.\n  - "
                    + "\n  - ".join(resultado.errores)
                )
            s.commit()
        print(f"Mesas instaladas: {len(resultado.creadas)} ({', '.join(resultado.creadas)}).")
        return 0
    with session_scope(engine) as s:
        if args.accion == "instalar":
            mesa = servicio.crear_mesa(
                s,
                args.sector,
                coordinador_politico=servicio.Coordinador(
                    "",
                    args.cargo_politico,
                    _rectora(s, args.sector, args.institucion_politico),
                    args.politico,
                ),
                coordinador_tecnico=servicio.Coordinador(
                    "",
                    args.cargo_tecnico,
                    _rectora(s, args.sector, args.institucion_tecnico),
                    args.tecnico,
                ),
                analistas=args.analista,
                instalada_en=args.fecha,
                actor=actor,
            )
            print(
                f"Mesa de {mesa.sector.nombre} instalada: político "
                f"{mesa.coordinador_politico_nombre}, técnico-operativo "
                f"{mesa.coordinador_tecnico_nombre}."
            )
        elif args.accion == "designar":
            mesa = servicio.designar_coordinador(
                s,
                args.sector,
                args.nivel,
                servicio.Coordinador(
                    "", args.cargo, _rectora(s, args.sector, args.institucion), args.usuario
                ),
                actor=actor,
            )
            print(f"Coordinador {args.nivel} de la mesa {args.sector}: {args.usuario}.")
        else:
            servicio.asignar_analistas(s, args.sector, args.usuarios, actor=actor)
            print(f"Analistas de la mesa {args.sector}: {', '.join(args.usuarios) or 'ninguno'}.")
    return 0


__all__ = ["ErrorDeDatos", "agregar_parser", "ejecutar"]
