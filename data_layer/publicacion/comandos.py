"""``sigpret publicacion …``: list, publish and withdraw the public portal's editions from the
command line (issue #14), as a named user.

The same services as the /publicacion page (:mod:`data_layer.publicacion.servicio`), with the
scope of the user given by ``--usuario`` (who must exist, be active and be allowed to publish:
an analyst or an admin); the audit records that user. A refusal is printed in Spanish and
nothing is written.
"""

from __future__ import annotations

import argparse

from data_layer.auth import Alcance
from data_layer.config import Settings
from data_layer.publicacion.servicio import ErrorPublicacion

#: Fewest characters of a huella prefix ``--huella`` accepts (the preview shows 12).
MIN_HUELLA = 12


def agregar_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``publicacion`` and its actions to the ``sigpret`` parser."""
    pub = sub.add_parser("publicacion", help="publicar trimestres en el portal público")
    acc = pub.add_subparsers(dest="accion", required=True, metavar="ACCION")
    listar = acc.add_parser(
        "listar", help="las ediciones publicadas y retiradas, y los trimestres publicables"
    )
    publicar = acc.add_parser("publicar", help="publicar un trimestre en el portal")
    publicar.add_argument("periodo", metavar="TRIMESTRE", help="p. ej. 2026-T3")
    vista = publicar.add_mutually_exclusive_group(required=True)
    vista.add_argument(
        "--huella",
        metavar="HUELLA",
        help="la huella que mostró la vista previa (al menos sus 12 primeros caracteres): "
        "si las cifras cambiaron desde entonces, no se publica nada",
    )
    vista.add_argument(
        "--sin-vista-previa",
        action="store_true",
        help="publicar las cifras validadas de hoy sin comparar con una vista previa",
    )
    retirar = acc.add_parser("retirar", help="retirar una edición del portal")
    retirar.add_argument("id", type=int, metavar="ID", help="el número que da «listar»")
    retirar.add_argument(
        "--motivo", required=True, help="por qué se retira (queda en la auditoría)"
    )
    for p in (listar, publicar, retirar):
        p.add_argument(
            "--usuario",
            required=True,
            metavar="USUARIO",
            help="quién lo hace: un analista de la DIGER o un administrador",
        )


def _actor(s, usuario: str) -> Alcance:  # type: ignore[no-untyped-def]
    from data_layer import auth, permisos

    u = auth.buscar(s, usuario)
    if u is None:
        raise ErrorPublicacion(f"No existe el usuario «{usuario}».")
    if not u.activo:
        raise ErrorPublicacion(f"El usuario «{usuario}» está deshabilitado.")
    actor = auth.alcance_de(u)
    if not permisos.puede_publicar(actor):
        raise ErrorPublicacion(permisos.SIN_PERMISO_PUBLICAR)
    return actor


def ejecutar(settings: Settings, args: argparse.Namespace) -> int:
    """Run one ``sigpret publicacion`` action; returns the exit status.

    Raises:
        ErrorDeDatos: a refusal (the caller prints it; nothing was written).
    """
    from data_layer import periods, queries
    from data_layer.db import get_engine, session_factory
    from data_layer.engine.frames import Reglas
    from data_layer.publicacion import consultas, servicio

    engine = get_engine(settings.database_url)
    reglas = Reglas.from_toml(settings.reglas_path)
    with session_factory(engine)() as s:
        actor = _actor(s, args.usuario)
        if args.accion == "listar":
            ediciones = consultas.todas(s)
            publicables = servicio.trimestres_publicables(
                queries.load_mcr(s), reglas, periods.hoy_honduras()
            )
    if args.accion == "listar":
        if not ediciones:
            print("Todavía no se ha publicado ningún trimestre.")
        for e in ediciones:
            estado = (
                f"retirada el {e.retirada_en:%d/%m/%Y %H:%M} por {e.retirada_por}: "
                f"{e.motivo_retiro}"
                if e.retirada_en is not None
                else ("en el portal" if e.vigente else "reemplazada")
            )
            print(
                f"  id {e.id:<4} {e.periodo} edición {e.edicion:<3} cifras al "
                f"{e.fecha_corte:%d/%m/%Y}, publicada el {e.publicada_en:%d/%m/%Y %H:%M} por "
                f"{e.publicada_por}; {estado}"
            )
        print(f"Trimestres publicables hoy: {', '.join(publicables) or 'ninguno'}.")
        return 0
    if args.accion == "publicar":
        with session_factory(engine)() as s:
            preparada = servicio.preparar(s, args.periodo, actor=actor, reglas=reglas)
        huella = preparada.huella
        if not args.sin_vista_previa:
            dada = str(args.huella).strip().lower()
            if len(dada) < MIN_HUELLA:
                raise ErrorPublicacion(
                    f"Dé al menos los {MIN_HUELLA} primeros caracteres de la huella de la vista "
                    "previa. No se publicó nada."
                )
            huella = preparada.huella if preparada.huella.startswith(dada) else dada
        with session_factory(engine, escritura=True)() as s, s.begin():
            pub = servicio.publicar(s, preparada, huella_vista=huella, actor=actor)
        print(
            f"{pub.periodo} publicado en el portal: edición {pub.edicion} (id {pub.id}), cifras "
            f"validadas al {pub.fecha_corte:%d/%m/%Y}, huella {pub.huella[:12]}."
        )
        return 0
    with session_factory(engine, escritura=True)() as s, s.begin():
        pub = servicio.retirar(s, args.id, motivo=args.motivo, actor=actor)
    print(f"Edición {pub.edicion} de {pub.periodo} retirada del portal (id {pub.id}).")
    return 0
