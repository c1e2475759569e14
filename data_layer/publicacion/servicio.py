"""Publishing a quarter on the public portal, and withdrawing an edition (issue #14, item 1).

Publishing takes two steps so that the database's write lock is held for a moment only:

1. :func:`preparar` reads the MCR (validated values only) and builds the quarter's snapshot
   with a read session: the preview shows exactly this, with its :func:`~.instantanea.huella`;
2. :func:`publicar` stores it in a write transaction, after checking under the lock that the
   data did not change since the preparation (the MCR data version, which every validation,
   import and approved target revision moves) and that the snapshot is the one the analyst
   previewed (the huella the page showed). Otherwise nothing is written and the analyst is told
   to look at the preview again.

Publishing the same figures twice (a double click, a retry) is refused with «ya está publicada»:
the quarter's current edition already has that huella. A new edition is for figures that
changed (corrections validated after the earlier publication). :func:`publicar_trimestre` does
both steps for the page and the CLI. Who may: :func:`data_layer.permisos.puede_publicar`; every
publication and withdrawal is audited.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_layer import limites, periods, permisos, queries, versiones
from data_layer.auth import Alcance, ahoracomo_utc, registrar
from data_layer.engine.frames import MCR, Reglas
from data_layer.errores import ErrorDeDatos
from data_layer.models import VersionDatos
from data_layer.publicacion import instantanea
from data_layer.publicacion.consultas import vigente_de
from data_layer.publicacion.models import Publicacion
from data_layer.vistas.resumen import periodos_evaluables


class ErrorPublicacion(ErrorDeDatos):
    """A refused publication or withdrawal; the message is in Spanish and says why."""


class ConflictoPublicacion(ErrorPublicacion):
    """The data changed between the preview and the publication: nothing was published."""


#: Fewest characters a withdrawal's reason has (a word like «error» explains nothing to whoever
#: reads the audit log later).
MIN_MOTIVO = 10

#: The refusal when the figures changed after the preview.
DATOS_CAMBIARON = (
    "Los datos cambiaron desde la vista previa (se validaron o importaron valores): no se "
    "publicó nada. Revise la vista previa de nuevo y vuelva a publicar."
)


@dataclass(frozen=True)
class Preparada:
    """A quarter's snapshot built by :func:`preparar`, ready to be published.

    Attributes:
        periodo: the quarter.
        fecha_corte: the cut date of its figures (the day of the preparation, Honduras).
        contenido: the snapshot (:func:`~.instantanea.construir`).
        huella: its SHA-256.
        version_datos: the MCR data version it was read at.
    """

    periodo: str
    fecha_corte: dt.date
    contenido: instantanea.Instantanea
    huella: str
    version_datos: int


def trimestres_publicables(mcr: MCR, reglas: Reglas, hoy: dt.date) -> list[str]:
    """Quarters with programmed targets whose reports are already due at ``hoy``, latest first
    (a quarter still open would publish «pendiente» everywhere)."""
    ultimo = periods.parse(periods.ultimo_trimestre_vencido(hoy, reglas.plazo_reporte_dias))
    return [p for p in periodos_evaluables(mcr) if periods.parse(p).ordinal <= ultimo.ordinal]


def _ahora(ahora: dt.datetime | None) -> dt.datetime:
    """``ahora`` (or now) as aware UTC: SQLite stores the wall time of an aware value, so a
    Honduras-time ``ahora`` must be converted, not only labelled."""
    return ahoracomo_utc() if ahora is None else periods.como_utc(ahora).astimezone(dt.UTC)


def _exigir_permiso(actor: Alcance | None) -> None:
    if not permisos.puede_publicar(actor):
        raise ErrorPublicacion(permisos.SIN_PERMISO_PUBLICAR)


def _trimestre(periodo: object, reglas: Reglas, hoy: dt.date) -> str:
    """``periodo`` checked: a quarter whose reports are due at ``hoy``."""
    texto = str(periodo or "").strip()
    try:
        p = periods.parse(texto)
    except (ValueError, TypeError):
        raise ErrorPublicacion(
            f"«{texto[:20]}» no es un trimestre válido (p. ej. 2026-T3)."
        ) from None
    if str(p) != texto or periods.frecuencia_de(texto) != "trimestral":
        raise ErrorPublicacion(f"«{texto[:20]}» no es un trimestre (p. ej. 2026-T3).")
    ultimo = periods.parse(periods.ultimo_trimestre_vencido(hoy, reglas.plazo_reporte_dias))
    if p.ordinal > ultimo.ordinal:
        vence = periods.vencimiento(texto, reglas.plazo_reporte_dias)
        raise ErrorPublicacion(
            f"Los reportes de {texto} vencen el {vence:%d/%m/%Y}: el trimestre se publica "
            "después de esa fecha."
        )
    return texto


def preparar(
    session: Session,
    periodo: str,
    *,
    actor: Alcance | None,
    reglas: Reglas,
    hoy: dt.date | None = None,
) -> Preparada:
    """Build the snapshot of ``periodo`` as of today (read-only; the preview shows it).

    Raises:
        ErrorPublicacion: the actor may not publish, or ``periodo`` is not a quarter already
            due, or it has no programmed target.
    """
    _exigir_permiso(actor)
    dia = hoy or periods.hoy_honduras()
    texto = _trimestre(periodo, reglas, dia)
    version = queries.data_version(session)
    mcr = queries.load_mcr(session)
    if texto not in periodos_evaluables(mcr):
        raise ErrorPublicacion(f"Ningún indicador tiene metas programadas en {texto}.")
    contenido = instantanea.construir(mcr, texto, dia, reglas)
    return Preparada(texto, dia, contenido, instantanea.huella(contenido), version)


def publicar(
    session: Session,
    preparada: Preparada,
    *,
    huella_vista: str | None,
    actor: Alcance,
    ahora: dt.datetime | None = None,
) -> Publicacion:
    """Store ``preparada`` as the next edition of its quarter (the caller commits).

    Args:
        session: a write session (on SQLite, ``session_factory(escritura=True)``).
        preparada: the snapshot from :func:`preparar`, built on the server.
        huella_vista: the huella of the preview the analyst looked at.
        actor: who publishes.
        ahora: the moment recorded (tests); default now.

    Raises:
        ErrorPublicacion: no permission, or the quarter's current edition already holds these
            same figures.
        ConflictoPublicacion: the preview was of other figures, or the data changed since the
            preparation.
    """
    _exigir_permiso(actor)
    if huella_vista != preparada.huella:
        raise ConflictoPublicacion(DATOS_CAMBIARON)
    # A write session holds the lock from its first statement on SQLite; on PostgreSQL the
    # values counter row is locked, so that a validation committing meanwhile (which moves it)
    # waits for this publication instead of slipping in after the check.
    session.execute(
        select(VersionDatos.valor).where(VersionDatos.clave == versiones.VALORES).with_for_update()
    )
    if queries.data_version(session) != preparada.version_datos:
        raise ConflictoPublicacion(DATOS_CAMBIARON)
    actual = vigente_de(session, preparada.periodo)
    # The same figures published on another day differ only by their cut date: not a new edition.
    if actual is not None and (
        actual.huella == preparada.huella
        or instantanea.huella_cifras(json.loads(actual.contenido))
        == instantanea.huella_cifras(preparada.contenido)
    ):
        raise ErrorPublicacion(
            f"{preparada.periodo} ya está publicado con estas mismas cifras (edición "
            f"{actual.edicion}, {periods.hora_honduras(actual.publicada_en):%d/%m/%Y %H:%M}): "
            "no se publicó de nuevo."
        )
    ultima = session.scalar(
        select(func.coalesce(func.max(Publicacion.edicion), 0)).where(
            Publicacion.periodo == preparada.periodo
        )
    )
    nueva = Publicacion(
        periodo=preparada.periodo,
        edicion=int(ultima or 0) + 1,
        fecha_corte=preparada.fecha_corte,
        contenido=instantanea.canonico(preparada.contenido),
        huella=preparada.huella,
        publicada_en=_ahora(ahora),
        publicada_por=actor.usuario,
    )
    session.add(nueva)
    try:
        session.flush()
    except IntegrityError:
        raise ErrorPublicacion(
            f"Otra persona publicó {preparada.periodo} en este mismo momento: no se publicó "
            "nada. Revise la lista de publicaciones."
        ) from None
    registrar(
        session,
        "publicacion_publicada",
        usuario=actor.usuario,
        entidad=f"publicacion:{nueva.periodo}/{nueva.edicion}",
        detalle={
            "periodo": nueva.periodo,
            "edicion": nueva.edicion,
            "fecha_corte": nueva.fecha_corte.isoformat(),
            "huella": nueva.huella,
            "reemplaza_edicion": actual.edicion if actual is not None else None,
        },
    )
    return nueva


def publicar_trimestre(
    lectura: Callable[[], Session],
    escritura: Callable[[], Session],
    periodo: str,
    *,
    huella_vista: str | None,
    actor: Alcance,
    reglas: Reglas,
    hoy: dt.date | None = None,
) -> Publicacion:
    """:func:`preparar` with a read session, then :func:`publicar` in a short write transaction.

    Args:
        lectura: makes a read session; escritura: makes a write session.
        periodo, huella_vista, actor, reglas, hoy: as in :func:`preparar` and :func:`publicar`
            (``huella_vista=None`` publishes whatever the preparation gives: the CLI's
            ``--sin-vista-previa``).
    """
    with lectura() as s:
        preparada = preparar(s, periodo, actor=actor, reglas=reglas, hoy=hoy)
    with escritura() as s, s.begin():
        return publicar(
            s,
            preparada,
            huella_vista=preparada.huella if huella_vista is None else huella_vista,
            actor=actor,
        )


def retirar(
    session: Session,
    publicacion_id: int,
    *,
    motivo: str | None,
    actor: Alcance,
    ahora: dt.datetime | None = None,
) -> Publicacion:
    """Withdraw an edition from the portal, with a reason (the caller commits).

    The row and its content stay (the record); the portal stops showing it at once, and shows
    the quarter's previous edition still published, if any.

    Raises:
        ErrorPublicacion: no permission, no reason (or one shorter than :data:`MIN_MOTIVO`),
            an unknown edition, or already withdrawn.
    """
    _exigir_permiso(actor)
    texto = limites.revisar_texto((motivo or "").strip(), "motivo del retiro")
    if not texto:
        raise ErrorPublicacion("Indique el motivo del retiro: queda en el registro de auditoría.")
    if len(texto) < MIN_MOTIVO:
        raise ErrorPublicacion(
            f"El motivo del retiro es muy corto: escriba al menos {MIN_MOTIVO} caracteres "
            "(queda en el registro de auditoría)."
        )
    pub = session.scalars(
        select(Publicacion).where(Publicacion.id == int(publicacion_id)).with_for_update()
    ).first()
    if pub is None:
        raise ErrorPublicacion("Esa publicación no existe.")
    if pub.retirada_en is not None:
        raise ErrorPublicacion(
            f"La edición {pub.edicion} de {pub.periodo} ya fue retirada el "
            f"{periods.hora_honduras(pub.retirada_en):%d/%m/%Y}."
        )
    pub.retirada_en = _ahora(ahora)
    pub.retirada_por = actor.usuario
    pub.motivo_retiro = texto
    session.flush()
    registrar(
        session,
        "publicacion_retirada",
        usuario=actor.usuario,
        entidad=f"publicacion:{pub.periodo}/{pub.edicion}",
        detalle={"motivo": texto, "huella": pub.huella},
    )
    return pub
