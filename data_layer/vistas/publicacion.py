"""The /publicacion page's content (issue #14): the quarters an analyst may publish, the review of
one of them before publishing, every edition published or withdrawn, and the two writes.

Every function checks :func:`data_layer.permisos.puede_publicar` itself (and the service checks
again): a forged callback of a role that may not publish gets the refusal and reads or writes
nothing. The values are plain text, ready for the page to lay out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from data_layer import formato, periods, permisos
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.engine.frames import MCR, Reglas
from data_layer.publicacion import consultas, instantanea, servicio
from data_layer.publicacion.consultas import Edicion
from data_layer.publicacion.servicio import ErrorPublicacion, Preparada

_log = logging.getLogger(__name__)

#: A preparation that failed because the database did not answer (nothing was published).
SIN_BASE = (
    "No se publicó nada: la base de datos no respondió al preparar las cifras. Intente de nuevo "
    "en unos minutos."
)


def _exigir(actor: Alcance | None) -> Alcance:
    if actor is None or not permisos.puede_publicar(actor):
        raise ErrorPublicacion(permisos.SIN_PERMISO_PUBLICAR)
    return actor


def _momento(valor: dt.datetime | None) -> str:
    return valor.strftime("%d/%m/%Y %H:%M") if valor is not None else "—"


def _fecha(valor: dt.date) -> str:
    return valor.strftime("%d/%m/%Y")


def ruta_vista_previa(periodo: str) -> str:
    """The preview of ``periodo`` (``/publicacion/vista-previa/<periodo>``)."""
    return f"/publicacion/vista-previa/{periodo}"


def ruta_portal(periodo: str, edicion: int) -> str:
    """The public page of one edition."""
    return f"/publico/{periodo}?edicion={edicion}"


# --- the quarters -------------------------------------------------------------------------------


def _en_portal(e: Edicion | None) -> str:
    if e is None:
        return "sin publicar"
    return f"publicado, edición {e.edicion} del {_fecha(e.publicada_en.date())}"


def opciones_trimestres(
    engine: Engine, mcr: MCR, reglas: Reglas, actor: Alcance | None, hoy: dt.date | None = None
) -> list[tuple[str, str]]:
    """The quarters ``actor`` may publish today, latest first, as (value, label) pairs: each
    label says whether the quarter is already on the portal.

    Raises:
        ErrorPublicacion: the actor may not publish.
    """
    _exigir(actor)
    dia = hoy or periods.hoy_honduras()
    with session_factory(engine)() as s:
        vigentes = {e.periodo: e for e in consultas.publicadas(s)}
    return [
        (p, f"{p} ({_en_portal(vigentes.get(p))})")
        for p in servicio.trimestres_publicables(mcr, reglas, dia)
    ]


@dataclass(frozen=True)
class Revision:
    """What «Publicar» would publish for a quarter, and how it compares with the portal.

    Attributes:
        periodo: the quarter.
        huella: the SHA-256 of the snapshot the preview shows now (sent back with «Publicar»:
            the service refuses when the data changed since).
        huella_corta: its first 12 characters, as the preview's banner shows them.
        fecha_corte: the cut date of the figures (dd/mm/aaaa).
        en_portal: the quarter's state on the portal, in words.
        resumen: the headline figures (national avance, number of presidential goals).
        aviso: what publishing would do (first edition, a new edition, nothing new).
        publicable: False when the current edition already holds these same figures.
        vista_previa: the preview's address.
    """

    periodo: str
    huella: str
    huella_corta: str
    fecha_corte: str
    en_portal: str
    resumen: str
    aviso: str
    publicable: bool
    vista_previa: str


def _resumen(contenido: instantanea.Instantanea) -> str:
    nacional = contenido.get("nacional") or {}
    presidenciales = contenido.get("metas_presidenciales") or []
    return (
        f"Avance de las metas presidenciales: {formato.format_porcentaje(nacional.get('avance'))}"
        f" · {formato.format_entero(len(presidenciales))} metas presidenciales"
        f" · {formato.format_entero(len(contenido.get('sectores') or []))} sectores"
    )


def _preparar(engine: Engine, periodo: object, actor: Alcance, reglas: Reglas) -> Preparada:
    """:func:`servicio.preparar` in a read session; a database failure becomes a refusal."""
    try:
        with session_factory(engine)() as s:
            return servicio.preparar(s, str(periodo or ""), actor=actor, reglas=reglas)
    except DBAPIError as exc:
        _log.error("Vista previa no preparada (%s, %s): %s", periodo, actor.usuario, type(exc))
        raise ErrorPublicacion(SIN_BASE) from None


def revisar(engine: Engine, periodo: object, actor: Alcance | None, reglas: Reglas) -> Revision:
    """Prepare ``periodo`` as the preview shows it now, and say what publishing would do.

    Raises:
        ErrorPublicacion: the actor may not publish, or the quarter cannot be published.
    """
    a = _exigir(actor)
    preparada = _preparar(engine, periodo, a, reglas)
    with session_factory(engine)() as s:
        actual = consultas.vigente_de(s, preparada.periodo)
        ediciones = [e for e in consultas.todas(s) if e.periodo == preparada.periodo]
    siguiente = max((e.edicion for e in ediciones), default=0) + 1
    vigente = next((e for e in ediciones if e.vigente), None)
    if actual is None:
        aviso = f"Se publicará como edición {siguiente} de {preparada.periodo}."
        publicable = True
    elif instantanea.huella_cifras(json.loads(actual.contenido)) == instantanea.huella_cifras(
        preparada.contenido
    ):
        aviso = (
            f"La edición {actual.edicion} ya publicó estas mismas cifras: no hay nada nuevo que "
            "publicar."
        )
        publicable = False
    else:
        aviso = (
            f"Las cifras cambiaron desde la edición {actual.edicion} (se validaron "
            f"correcciones): se publicará la edición {siguiente}, que reemplaza a la "
            f"{actual.edicion} en el portal."
        )
        publicable = True
    return Revision(
        periodo=preparada.periodo,
        huella=preparada.huella,
        huella_corta=preparada.huella[:12],
        fecha_corte=_fecha(preparada.fecha_corte),
        en_portal=_en_portal(vigente),
        resumen=_resumen(preparada.contenido),
        aviso=aviso,
        publicable=publicable,
        vista_previa=ruta_vista_previa(preparada.periodo),
    )


def preparar(engine: Engine, periodo: object, actor: Alcance | None, reglas: Reglas) -> Preparada:
    """The snapshot «Publicar» stores, prepared in a read session before the short write.

    Raises:
        ErrorPublicacion: the actor may not publish, the quarter cannot be published, or the
            database did not answer.
    """
    return _preparar(engine, periodo, _exigir(actor), reglas)


def publicar(session: Session, preparada: Preparada, huella_vista: object, actor: Alcance) -> str:
    """Publish ``preparada`` in ``session``'s write transaction, if it is what the analyst
    reviewed (``huella_vista``); returns the confirmation.

    Raises:
        ErrorPublicacion: refused (permission, the same figures already published).
        ConflictoPublicacion: the data changed since the review.
    """
    pub = servicio.publicar(
        session,
        preparada,
        huella_vista=huella_vista if isinstance(huella_vista, str) else None,
        actor=_exigir(actor),
    )
    return (
        f"{pub.periodo} publicado en el portal (edición {pub.edicion}, cifras validadas al "
        f"{_fecha(pub.fecha_corte)}). Cualquier persona lo ve ya en /publico/{pub.periodo}."
    )


def retirar(session: Session, publicacion_id: object, motivo: object, actor: Alcance) -> str:
    """Withdraw edition ``publicacion_id`` in ``session``'s write transaction; returns the
    confirmation.

    Raises:
        ErrorPublicacion: refused (permission, no or too short a reason, unknown edition,
            already withdrawn).
    """
    try:
        ident = int(str(publicacion_id))
    except (TypeError, ValueError):
        raise ErrorPublicacion("Esa publicación no existe.") from None
    pub = servicio.retirar(
        session,
        ident,
        motivo=motivo if isinstance(motivo, str) else None,
        actor=_exigir(actor),
    )
    return (
        f"Edición {pub.edicion} de {pub.periodo} retirada del portal. El motivo quedó en el "
        "registro de auditoría."
    )


# --- the editions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FilaPublicacion:
    """One edition as the page lists it (every value text)."""

    id: int
    periodo: str
    edicion: str
    estado: str
    #: ``vigente``, ``reemplazada`` or ``retirada`` (the badge's colour).
    clase: str
    fecha_corte: str
    publicada: str
    retiro: str
    #: The edition's public page, while it is published (a replaced edition stays readable).
    enlace: str | None
    retirable: bool


def _fila(e: Edicion) -> FilaPublicacion:
    if e.retirada_en is not None:
        estado, clase = "Retirada", "retirada"
        retiro = f"{_momento(e.retirada_en)} por {e.retirada_por}: {e.motivo_retiro}"
    elif e.vigente:
        estado, clase, retiro = "En el portal", "vigente", ""
    else:
        estado, clase, retiro = "Reemplazada por una edición posterior", "reemplazada", ""
    publicada = e.retirada_en is None
    return FilaPublicacion(
        id=e.id,
        periodo=e.periodo,
        edicion=str(e.edicion),
        estado=estado,
        clase=clase,
        fecha_corte=_fecha(e.fecha_corte),
        publicada=f"{_momento(e.publicada_en)} por {e.publicada_por}",
        retiro=retiro,
        enlace=ruta_portal(e.periodo, e.edicion) if publicada else None,
        retirable=publicada,
    )


def publicaciones(engine: Engine, actor: Alcance | None) -> list[FilaPublicacion]:
    """Every edition, published or withdrawn, latest quarter and edition first.

    Raises:
        ErrorPublicacion: the actor may not publish.
    """
    _exigir(actor)
    with session_factory(engine)() as s:
        return [_fila(e) for e in consultas.todas(s)]


def descripcion(engine: Engine, publicacion_id: object, actor: Alcance | None) -> str:
    """«2026-T3, edición 2 (publicada el …)»: what the withdrawal dialog names.

    Raises:
        ErrorPublicacion: the actor may not publish, or no such edition.
    """
    _exigir(actor)
    with session_factory(engine)() as s:
        fila = next((e for e in consultas.todas(s) if str(e.id) == str(publicacion_id)), None)
    if fila is None:
        raise ErrorPublicacion("Esa publicación no existe.")
    return (
        f"{fila.periodo}, edición {fila.edicion} (publicada el {_momento(fila.publicada_en)} "
        f"por {fila.publicada_por})"
    )
