"""The ``sigpret`` command line (DOMAIN.md §7): schema, demo data, imports, reports, server."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from data_layer.config import ErrorConfiguracion, Settings
from data_layer.errores import ErrorDeDatos

if TYPE_CHECKING:
    import pandas as pd

    from data_layer.engine import Resultado
    from data_layer.importer import ResultadoImportacion

# argparse has no Spanish catalogue; its messages go through a module-level gettext alias.
_ARGPARSE_ES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "show this help message and exit": "mostrar esta ayuda y salir",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "opción no válida: %(value)r (opciones: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltan argumentos obligatorios: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "expected one argument": "se esperaba un valor",
    "invalid %(type)s value: %(value)r": "valor no válido: %(value)r",
}
argparse._ = lambda texto: _ARGPARSE_ES.get(texto, texto)  # type: ignore[attr-defined]


class CliError(Exception):
    """A user error: printed in Spanish without a traceback, exit status 2."""


def _fecha(texto: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{texto}» no es una fecha válida (use aaaa-mm-dd, p. ej. 2025-03-31)"
        ) from None


def _periodo(texto: str) -> str:
    from data_layer.periods import PeriodoInvalido, parse

    try:
        return str(parse(texto))
    except PeriodoInvalido as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with Spanish help."""
    parser = argparse.ArgumentParser(
        prog="sigpret", description="SIGPRET: seguimiento de la MCR y de las MESGEPRET."
    )
    sub = parser.add_subparsers(dest="comando", required=True, metavar="COMANDO")

    db = sub.add_parser("db", help="esquema de la base de datos")
    db_sub = db.add_subparsers(dest="accion", required=True, metavar="ACCION")
    db_sub.add_parser("upgrade", help="crear o migrar el esquema")
    backup = db_sub.add_parser(
        "backup",
        help="respaldar la base de datos en un archivo nuevo (coherente aunque el servidor "
        "esté escribiendo)",
    )
    backup.add_argument("destino", type=Path, metavar="DESTINO", help="archivo nuevo")
    restore = db_sub.add_parser(
        "restore",
        help="reemplazar la base de datos por un respaldo (detenga antes la aplicación)",
    )
    restore.add_argument("origen", type=Path, metavar="ORIGEN", help="archivo de respaldo")
    db_sub.add_parser(
        "purgar",
        help="borrar sesiones terminadas, intentos de inicio de sesión de más de 30 días y "
        "contadores de intentos fallidos olvidados",
    )

    seed = sub.add_parser("seed", help="datos de demostración")
    seed_sub = seed.add_subparsers(dest="accion", required=True, metavar="ACCION")
    demo = seed_sub.add_parser("demo", help="cargar la MCR de demostración de seeds/demo")
    demo.add_argument(
        "--si-vacia",
        action="store_true",
        help="cargarla solo si la base no tiene todavía ninguna MCR (lo usa `make run`)",
    )

    imp = sub.add_parser("import", help="importar datos")
    imp_sub = imp.add_subparsers(dest="accion", required=True, metavar="ACCION")
    mcr = imp_sub.add_parser("mcr", help="importar un libro .xlsx o una carpeta de CSV de la MCR")
    mcr.add_argument("ruta", type=Path, metavar="RUTA")
    mcr.add_argument("--dry-run", action="store_true", help="validar sin escribir nada")

    rep = sub.add_parser("report", help="reportes")
    rep.add_argument("tipo", choices=["indicadores", "metas", "alertas"])
    rep.add_argument(
        "--periodo",
        type=_periodo,
        help="periodo evaluado (por defecto: el último trimestre cuyos reportes ya vencieron)",
    )
    rep.add_argument(
        "--fecha-corte",
        type=_fecha,
        help="fecha de corte aaaa-mm-dd (por defecto: hoy en Honduras)",
    )
    rep.add_argument("--formato", choices=["tabla", "csv"], default="tabla")

    inf = sub.add_parser("informe", help="informes de avance (PDF)")
    inf_sub = inf.add_subparsers(dest="accion", required=True, metavar="ACCION")
    inf_sector = inf_sub.add_parser(
        "sector", help="informe de avance de un sector; se guarda como producto de su mesa"
    )
    inf_sector.add_argument("sector", metavar="SECTOR", help="código del sector (p. ej. SAL)")
    inf_pres = inf_sub.add_parser("presidencial", help="informe presidencial, una página por eje")
    for p in (inf_sector, inf_pres):
        p.add_argument(
            "--periodo",
            type=_periodo,
            help="trimestre evaluado (por defecto: el último cuyos reportes ya vencieron)",
        )
        p.add_argument("--salida", type=Path, help="copiar el PDF a este archivo")

    users = sub.add_parser("users", help="usuarios y roles")
    users_sub = users.add_subparsers(dest="accion", required=True, metavar="ACCION")
    crear = users_sub.add_parser(
        "create", help="crear un usuario (la clave se pide, o viene en SIGPRET_CLAVE)"
    )
    crear.add_argument("usuario", metavar="USUARIO")
    crear.add_argument(
        "--rol",
        required=True,
        help="presidencia, ministro, coordinador_mesa, upgret, analista o admin",
    )
    crear.add_argument(
        "--alcance",
        nargs="*",
        default=[],
        metavar="CODIGO",
        help="códigos de sector (ministro, coordinador_mesa) o siglas de institución (upgret)",
    )
    crear.add_argument("--nombre", default="", help="nombre completo")
    for accion, ayuda in (
        ("disable", "deshabilitar un usuario y cerrar sus sesiones"),
        ("set-password", "cambiar la clave y cerrar sus sesiones"),
    ):
        users_sub.add_parser(accion, help=ayuda).add_argument("usuario", metavar="USUARIO")
    users_sub.add_parser("list", help="listar los usuarios")

    evid = sub.add_parser("evidencias", help="archivos de evidencia de los reportes")
    evid_sub = evid.add_subparsers(dest="accion", required=True, metavar="ACCION")
    purgar = evid_sub.add_parser(
        "purgar",
        help="borrar los archivos de evidencia que ninguna versión usa (subidos hace más de "
        "--dias días) y los archivos de la carpeta sin registro",
    )
    purgar.add_argument(
        "--dias", type=int, default=7, help="antigüedad mínima en días (por defecto 7)"
    )
    purgar.add_argument("--simular", action="store_true", help="solo contar, sin borrar nada")

    correo = sub.add_parser("correo", help="correo saliente (bandeja de salida)")
    correo_sub = correo.add_subparsers(dest="accion", required=True, metavar="ACCION")
    correo_sub.add_parser(
        "trabajar",
        help="trabajador de correo: con REDIS_URL, un trabajador RQ; sin él, revisa la bandeja "
        "cada pocos segundos (Ctrl+C para detener)",
    )
    correo_sub.add_parser(
        "enviar-pendientes", help="entregar una vez los mensajes en cola que ya toca enviar"
    )

    from data_layer.mesas.comandos import agregar_parser as _parser_mesas

    _parser_mesas(sub)

    from data_layer.avisos.comandos import agregar_parser as _parser_avisos

    _parser_avisos(sub)

    from data_layer.publicacion.comandos import agregar_parser as _parser_publicacion

    _parser_publicacion(sub)

    serve = sub.add_parser(
        "serve",
        help="servir el tablero con gunicorn (en 127.0.0.1: modo de desarrollo, sin HTTPS)",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    return parser


def cmd_db_upgrade(settings: Settings) -> int:
    """Create or migrate the schema."""
    from data_layer.db import get_engine
    from data_layer.migrate import upgrade

    upgrade(get_engine(settings.database_url))
    print("Esquema de la base de datos al día.")
    return 0


def cmd_db_respaldo(settings: Settings, accion: str, ruta: Path) -> int:
    """Back the database up into a new file, or restore it from one (``sigpret db backup`` /
    ``sigpret db restore``)."""
    from data_layer.respaldo import respaldar, restaurar

    try:
        if accion == "backup":
            resultado = respaldar(settings.database_url, ruta)
        else:
            resultado = restaurar(settings.database_url, ruta)
    except ErrorDeDatos as exc:
        raise CliError(str(exc)) from None
    for linea in resultado.lineas:
        print(linea)
    if accion == "restore":
        print("  Ejecute ahora «sigpret db upgrade» y vuelva a iniciar la aplicación.")
    return 0


def cmd_db_purgar(settings: Settings) -> int:
    """Purge ended sessions, old login attempts and forgotten failure counters."""
    from data_layer.auth import ahoracomo_utc
    from data_layer.db import get_engine
    from data_layer.purga import purgar_todo

    total = purgar_todo(get_engine(settings.database_url), ahoracomo_utc())
    print("Purga terminada (la auditoría se conserva completa).")
    print(f"  sesiones vencidas o cerradas: {total.sesiones}")
    print(f"  intentos de inicio de sesión de más de 30 días: {total.intentos}")
    print(f"  contadores de intentos fallidos olvidados: {total.frenos}")
    return 0


def cmd_evidencias_purgar(settings: Settings, dias: int, simular: bool) -> int:
    """Purge evidence files no version uses (``sigpret evidencias purgar``)."""
    from data_layer.db import get_engine, session_scope
    from data_layer.evidencias import purgar_huerfanas

    if dias < 1:
        raise CliError("--dias debe ser un número entero de al menos 1.")
    with session_scope(get_engine(settings.database_url)) as s:
        r = purgar_huerfanas(s, carpeta=settings.evidencias_dir, dias=dias, simular=simular)
    print("Simulación: no se borró nada." if simular else "Purga de evidencias terminada.")
    print(f"  carpeta: {settings.evidencias_dir}")
    print(f"  registros nunca adjuntados a una versión (más de {dias} días): {r.filas}")
    print(f"  archivos sin registro: {r.archivos}")
    print(f"  archivos temporales de escrituras interrumpidas: {r.temporales}")
    if r.faltantes:
        print(f"  AVISO: {len(r.faltantes)} registros cuyo archivo falta en la carpeta.")
    return 0


def _import(settings: Settings, ruta: Path, *, dry_run: bool, es_demo: bool) -> int:
    from data_layer.db import get_engine
    from data_layer.importer import import_mcr

    resultado = import_mcr(
        get_engine(settings.database_url),
        ruta,
        dry_run=dry_run,
        es_demo=es_demo,
        usuario=f"cli:{getpass.getuser()}",
    )
    codigo = _print_import(resultado, dry_run=dry_run)
    if resultado.importacion_id is not None:
        _precalentar(settings)
    return codigo


def _precalentar(settings: Settings) -> None:
    """After an import that changed data, warm the shared result cache (Redis) for the new data
    version, as a web import does (issue #15): the first visitor does not pay the cold overview.

    Only with ``REDIS_URL``: without it each server process has its own cache, which this
    command cannot reach. A failure is a warning; the import stays done.
    """
    if not settings.redis_url:
        return
    try:
        # Lazy, like `sigpret serve`: importing the data layer never loads Dash or Flask.
        from dashboard import precalentar_cache_compartida

        precalentar_cache_compartida(settings)
    except Exception as exc:  # the import is committed: say so and go on
        print(
            f"AVISO: no se pudo precalentar la caché de resultados ({exc.__class__.__name__}: "
            f"{exc}); la primera persona que abra el resumen la calculará.",
            file=sys.stderr,
        )
        return
    print("Caché de resultados precalentada para la nueva versión de los datos.")


def _print_import(resultado: ResultadoImportacion, *, dry_run: bool) -> int:
    """Print an import's outcome (errors to stderr) and return the exit status."""
    if not resultado.ok:
        print(
            f"Importación rechazada: {max(resultado.total_errores, len(resultado.errores))} "
            "error(es). No se escribió nada.",
            file=sys.stderr,
        )
        for error in resultado.errores:
            print(f"  - {error}", file=sys.stderr)
        return 1
    encabezado = (
        "Validación correcta (--dry-run: no se escribió nada)."
        if dry_run
        else (
            "Importación completada."
            if resultado.importacion_id
            else "Sin cambios: los datos ya estaban al día."
        )
    )
    print(encabezado)
    for tabla, cuentas in resultado.cambios.items():
        detalle = ", ".join(f"{k}: {v}" for k, v in cuentas.items())
        print(f"  {tabla}: {detalle}")
    if resultado.revisiones:
        print(f"  metas revisadas: {resultado.revisiones}")
    if resultado.conservadas:
        print(f"  metas conservadas por una revisión aprobada: {len(resultado.conservadas)}")
        for linea in resultado.conservadas:
            print(f"    - {linea}")
    return 0


def cmd_seed_demo(settings: Settings, *, solo_si_vacia: bool) -> int:
    """Load the demo: the MCR through the real importer, one user per role, the mesas."""
    from data_layer.db import get_engine, session_factory
    from data_layer.demo import USUARIOS_DEMO, cargar_demo
    from data_layer.mesas.demo import resumen_demo

    engine = get_engine(settings.database_url)
    if solo_si_vacia:
        from sqlalchemy import func, select

        from data_layer.models import Meta

        with session_factory(engine)() as session:
            if session.scalar(select(func.count()).select_from(Meta)):
                print("La base ya tiene una MCR: no se cargan los datos de demostración.")
                return 0
    resultado = cargar_demo(engine, carpeta=settings.evidencias_dir)
    codigo = _print_import(resultado.importacion, dry_run=False)
    if codigo:
        return codigo
    print(resumen_demo(resultado.mesas))
    if resultado.pasos_ciclo:
        print(
            f"Ciclo de reportes de demostración: {resultado.pasos_ciclo} pasos (2026-T3 de SESAL, "
            "SEDUC y SEDESOL: enviados, devueltos, corregidos, una reapertura)."
        )
    if resultado.publicaciones:
        print(
            "Portal público (/publico): publicados "
            + ", ".join(resultado.publicaciones)
            + " por el analista de demostración."
        )
    if resultado.usuarios_creados:
        claves = {u[0]: u[3] for u in USUARIOS_DEMO}
        print("Usuarios de demostración (usuario / clave):")
        for usuario in resultado.usuarios_creados:
            print(f"  {usuario:16} {claves[usuario]}")
    return 0


def cmd_report(
    settings: Settings, tipo: str, periodo: str | None, fecha_corte: dt.date | None, formato: str
) -> int:
    """Print one of the three reports."""
    from sqlalchemy.exc import DBAPIError

    from data_layer.db import get_engine, session_factory
    from data_layer.engine import run
    from data_layer.engine.frames import Reglas
    from data_layer.periods import hoy_honduras, ultimo_trimestre_vencido
    from data_layer.queries import latest_import, load_mcr
    from data_layer.reports import report_frame, to_csv, to_table

    reglas = Reglas.from_toml(settings.reglas_path)
    # Honduras' date, not the server's: after 18:00 a UTC server is already on tomorrow.
    corte = fecha_corte or hoy_honduras()
    evaluado = periodo or ultimo_trimestre_vencido(corte, reglas.plazo_reporte_dias)
    with session_factory(get_engine(settings.database_url))() as session:
        try:
            mcr = load_mcr(session)
            ultima = latest_import(session)
        except DBAPIError as exc:
            raise CliError(
                "no se pudo leer la base de datos; ¿ejecutó «sigpret db upgrade»? "
                f"({exc.orig.__class__.__name__})"
            ) from None
    resultado = run(mcr, evaluado, corte, reglas)
    fuente = {
        "indicadores": resultado.indicadores,
        "metas": resultado.metas,
        "alertas": resultado.alertas,
    }[tipo]
    if tipo == "alertas":
        from data_layer.engine.alerts import con_mensajes

        # an export: every message is written (the engine leaves them to the rows used)
        fuente = con_mensajes(_con_alertas_mesas(settings, fuente, resultado, corte))
    tabla = report_frame(tipo, fuente)
    if formato == "csv":
        sys.stdout.write(to_csv(tabla))
    else:
        demo = " — DATOS DE DEMOSTRACIÓN" if ultima is not None and ultima.es_demo else ""
        print(
            f"Reporte de {tipo} — periodo evaluado {evaluado}, fecha de corte "
            f"{corte:%d/%m/%Y}{demo}"
        )
        sys.stdout.write(to_table(tabla))
    return 0


def _con_alertas_mesas(
    settings: Settings, alertas: pd.DataFrame, resultado: Resultado, corte: dt.date
) -> pd.DataFrame:
    """The engine's alerts plus the mesa alerts (DOMAIN.md §4) at ``corte``, severest first."""
    import pandas as pd

    from data_layer.db import get_engine, session_factory
    from data_layer.engine.alerts import sort_alertas
    from data_layer.mesas.alertas import alertas_mesas
    from data_layer.mesas.consultas import load_mesas

    with session_factory(get_engine(settings.database_url))() as session:
        frames = load_mesas(session)
    mesas = alertas_mesas(frames, corte, resultado.indicadores, resultado.metas)
    return sort_alertas(pd.concat([alertas, mesas], ignore_index=True))


def cmd_informe(settings: Settings, args: argparse.Namespace) -> int:
    """Generate an informe de avance (kept as a product of the mesa) or the presidential
    briefing, as the system's actor; ``--salida`` writes a copy of the PDF."""
    from data_layer import informes, permisos
    from data_layer.db import get_engine, session_factory
    from data_layer.engine.frames import Reglas
    from data_layer.errores import ErrorDeDatos
    from data_layer.periods import hoy_honduras, ultimo_trimestre_vencido

    reglas = Reglas.from_toml(settings.reglas_path)
    hoy = hoy_honduras()
    periodo = args.periodo or ultimo_trimestre_vencido(hoy, reglas.plazo_reporte_dias)
    actor = permisos.actor_sistema()
    engine = get_engine(settings.database_url)
    try:
        # The engine evaluates in a read session: the write lock is held only to store.
        with session_factory(engine)() as s:
            if args.accion == "sector":
                contenido = informes.informe_avance_pdf(
                    s, args.sector, periodo, actor=actor, reglas=reglas, hoy=hoy
                )
            else:
                contenido = informes.informe_presidencial_pdf(
                    s, periodo, actor=actor, reglas=reglas, hoy=hoy
                )
                mensaje = f"Informe presidencial {periodo} generado."
        if args.accion == "sector":
            with session_factory(engine, escritura=True)() as s, s.begin():
                doc = informes.guardar_informe_avance(
                    s,
                    args.sector,
                    periodo,
                    contenido,
                    actor=actor,
                    hoy=hoy,
                    carpeta=settings.evidencias_dir,
                )
            mensaje = (
                f"Informe de avance {periodo} del sector {args.sector} guardado como "
                f"versión {doc.numero} de «Informes de avance {periodo[:4]}»."
            )
    except ErrorDeDatos as exc:
        raise CliError(str(exc)) from None
    if args.salida is not None:
        args.salida.write_bytes(contenido)
        mensaje += f" Copia en {args.salida}."
    elif args.accion == "presidencial":
        destino = Path(f"informe-presidencial-{periodo}.pdf")
        destino.write_bytes(contenido)
        mensaje += f" Guardado en {destino}."
    print(mensaje)
    return 0


def _leer_clave() -> str:
    """The new password: from SIGPRET_CLAVE (scripts) or typed twice at a prompt."""
    clave = os.environ.get("SIGPRET_CLAVE")
    if clave:
        return clave
    if not sys.stdin.isatty():
        raise CliError("no hay terminal para pedir la clave: defina SIGPRET_CLAVE")
    primera = getpass.getpass("Clave nueva: ")
    if primera != getpass.getpass("Repita la clave: "):
        raise CliError("las claves no coinciden")
    return primera


def cmd_users(settings: Settings, args: argparse.Namespace) -> int:
    """Create, disable, re-key or list users (audited)."""
    from data_layer import auth
    from data_layer.db import get_engine, session_scope
    from data_layer.errores import ErrorDeDatos

    actor = f"cli:{getpass.getuser()}"
    try:
        with session_scope(get_engine(settings.database_url)) as session:
            if args.accion == "list":
                usuarios = auth.listar(session)
                if not usuarios:
                    print(
                        "No hay usuarios. Cree el primero con: "
                        "sigpret users create USUARIO --rol admin"
                    )
                for u in usuarios:
                    alcance = [s.codigo for s in u.sectores] + [i.sigla for i in u.instituciones]
                    estado = "activo" if u.activo else "deshabilitado"
                    demo = " (demo)" if u.es_demo else ""
                    print(
                        f"{u.usuario:24} {u.rol.value:17} {estado:13} "
                        f"{' '.join(alcance) or '—'}{demo}"
                    )
                return 0
            if args.accion == "create":
                auth.parse_rol(args.rol)  # say a wrong role before asking for a password
                if auth.buscar(session, args.usuario) is not None:
                    raise auth.ErrorUsuario(f"Ya existe el usuario «{args.usuario}».")
                usuario = auth.crear_usuario(
                    session,
                    args.usuario,
                    args.rol,
                    _leer_clave(),
                    alcance=args.alcance,
                    nombre=args.nombre,
                    actor=actor,
                )
                print(f"Usuario «{usuario.usuario}» creado con el rol {usuario.rol.value}.")
            elif args.accion == "disable":
                auth.deshabilitar(session, args.usuario, actor=actor)
                print(f"Usuario «{args.usuario}» deshabilitado; sus sesiones se cerraron.")
            else:
                auth.cambiar_clave(session, args.usuario, _leer_clave(), actor=actor)
                print(f"Clave de «{args.usuario}» cambiada; sus sesiones se cerraron.")
    except ErrorDeDatos as exc:
        raise CliError(str(exc)) from None
    return 0


def cmd_correo(settings: Settings, accion: str) -> int:
    """Deliver the outbox once, or run the e-mail worker (``sigpret correo …``)."""
    from data_layer.correo.trabajador import trabajar

    if accion == "enviar-pendientes":
        resultado = trabajar(settings, una_vez=True)
        assert resultado is not None
        destino = f"por SMTP ({settings.smtp_host})" if settings.smtp_host else "al buzón local"
        print(f"Correo entregado {destino}: {resultado.enviados} enviados.")
        print(f"  en cola para reintentar: {resultado.reintentar}")
        print(f"  fallidos (agotaron los intentos): {resultado.fallidos}")
        return 0
    modo = "RQ en REDIS_URL" if settings.redis_url else "sin Redis: revisa la bandeja"
    print(f"Trabajador de correo ({modo}); Ctrl+C para detener.")
    trabajar(settings)
    return 0


def cmd_serve(settings: Settings, host: str, port: int) -> int:
    """Serve the dashboard with gunicorn and the Procfile's options (threaded workers).

    On a loopback address the app runs in development mode (plain HTTP: cookies without
    Secure, no HSTS, readable log lines); anywhere else in production mode, which needs HTTPS
    in front (see the README's reverse proxy section).
    """
    import dataclasses

    from data_layer.servidor import es_loopback, servir

    ajustes = dataclasses.replace(settings, desarrollo=settings.desarrollo or es_loopback(host))

    def cargar() -> object:
        # The only import of the dashboard from the data layer: lazy, in each gunicorn worker.
        from dashboard import create_app

        return create_app(settings=ajustes).server

    if not ajustes.redis_url and not ajustes.smtp_host:
        # Embedded mode: what was queued while the server was off (the demo's convocatorias, a
        # CLI write) goes to the local mailbox now, before gunicorn forks; the connection is
        # closed again (an SQLite connection must not cross a fork). Later writes wake the
        # delivery themselves.
        from data_layer.correo.trabajador import enviar
        from data_layer.db import get_engine, normalise_url

        enviar(normalise_url(ajustes.database_url))
        get_engine(normalise_url(ajustes.database_url)).dispose()
    if ajustes.desarrollo:
        print(f"SIGPRET en http://{host}:{port}  (modo de desarrollo; Ctrl+C para detener)")
    else:
        print(
            f"SIGPRET en {host}:{port} en modo de producción: las cookies exigen HTTPS, "
            "sírvalo detrás de un proxy inverso (ver README)."
        )
    servir(cargar, host, port, ajustes)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sigpret`` console command."""
    args = build_parser().parse_args(argv)
    try:
        try:
            settings = Settings.from_env()
        except ErrorConfiguracion as exc:
            raise CliError(str(exc)) from None
        if args.comando == "db":
            if args.accion == "purgar":
                return cmd_db_purgar(settings)
            if args.accion in ("backup", "restore"):
                return cmd_db_respaldo(
                    settings, args.accion, args.destino if args.accion == "backup" else args.origen
                )
            return cmd_db_upgrade(settings)
        if args.comando == "seed":
            return cmd_seed_demo(settings, solo_si_vacia=args.si_vacia)
        if args.comando == "import":
            return _import(settings, args.ruta, dry_run=args.dry_run, es_demo=False)
        if args.comando == "evidencias":
            return cmd_evidencias_purgar(settings, args.dias, args.simular)
        if args.comando == "informe":
            return cmd_informe(settings, args)
        if args.comando == "users":
            return cmd_users(settings, args)
        if args.comando == "correo":
            return cmd_correo(settings, args.accion)
        if args.comando == "mesas":
            from data_layer.mesas.comandos import ejecutar as _mesas

            try:
                return _mesas(settings, args)
            except ErrorDeDatos as exc:
                raise CliError(str(exc)) from None
        if args.comando == "avisos":
            from data_layer.avisos.comandos import ejecutar as _avisos

            return _avisos(settings, args)
        if args.comando == "publicacion":
            from data_layer.publicacion.comandos import ejecutar as _publicacion

            try:
                return _publicacion(settings, args)
            except ErrorDeDatos as exc:
                raise CliError(str(exc)) from None
        if args.comando == "report":
            return cmd_report(settings, args.tipo, args.periodo, args.fecha_corte, args.formato)
        return cmd_serve(settings, args.host, args.port)
    except CliError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
