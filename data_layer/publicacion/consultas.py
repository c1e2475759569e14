"""What is published, and only that: the reads of the public portal, the open data and the API.

Every function here answers from :class:`~.models.Publicacion` rows only; none reads the MCR.
A withdrawn edition is never returned as published; the quarter's current edition is its latest
one not withdrawn (:func:`vigente_de`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from data_layer import periods
from data_layer.publicacion import instantanea
from data_layer.publicacion.models import Publicacion


@dataclass(frozen=True)
class Edicion:
    """One edition of a quarter's publication, without its content.

    Attributes:
        id, periodo, edicion, fecha_corte, huella: as stored.
        publicada_en: when it was published (Honduras time).
        retirada_en: when it was withdrawn (Honduras time), or None while published.
        vigente: whether it is its quarter's current edition.
    """

    id: int
    periodo: str
    edicion: int
    fecha_corte: dt.date
    huella: str
    publicada_en: dt.datetime
    publicada_por: str
    retirada_en: dt.datetime | None
    retirada_por: str | None
    motivo_retiro: str | None
    vigente: bool


_COLUMNAS = (
    Publicacion.id,
    Publicacion.periodo,
    Publicacion.edicion,
    Publicacion.fecha_corte,
    Publicacion.huella,
    Publicacion.publicada_en,
    Publicacion.publicada_por,
    Publicacion.retirada_en,
    Publicacion.retirada_por,
    Publicacion.motivo_retiro,
)


def _vigentes_ids(session: Session) -> set[int]:
    """Ids of every quarter's current edition (latest not withdrawn)."""
    posterior = aliased(Publicacion)
    stmt = select(Publicacion.id).where(
        Publicacion.retirada_en.is_(None),
        ~select(posterior.id)
        .where(
            posterior.periodo == Publicacion.periodo,
            posterior.edicion > Publicacion.edicion,
            posterior.retirada_en.is_(None),
        )
        .exists(),
    )
    return set(session.scalars(stmt))


def _edicion(fila: tuple, vigentes: set[int]) -> Edicion:
    (id_, periodo, edicion, corte, huella, en, por, retirada, retiro_por, motivo) = fila
    return Edicion(
        id=id_,
        periodo=periodo,
        edicion=edicion,
        fecha_corte=corte,
        huella=huella,
        publicada_en=periods.hora_honduras(en),
        publicada_por=por,
        retirada_en=periods.hora_honduras(retirada) if retirada is not None else None,
        retirada_por=retiro_por,
        motivo_retiro=motivo,
        vigente=id_ in vigentes,
    )


def _orden(e: Edicion) -> tuple[int, int]:
    return (-periods.parse(e.periodo).ordinal, -e.edicion)


def todas(session: Session) -> list[Edicion]:
    """Every edition, published or withdrawn, latest quarter and edition first (the analysts'
    list; the portal uses :func:`publicadas`)."""
    vigentes = _vigentes_ids(session)
    filas = session.execute(select(*_COLUMNAS)).all()
    return sorted((_edicion(tuple(f), vigentes) for f in filas), key=_orden)


def publicadas(session: Session) -> list[Edicion]:
    """The current edition of every published quarter, latest quarter first."""
    vigentes = _vigentes_ids(session)
    if not vigentes:
        return []
    filas = session.execute(select(*_COLUMNAS).where(Publicacion.id.in_(vigentes))).all()
    return sorted((_edicion(tuple(f), vigentes) for f in filas), key=_orden)


def vigente_de(session: Session, periodo: str) -> Publicacion | None:
    """The current edition of ``periodo`` (latest not withdrawn), or None."""
    return session.scalars(
        select(Publicacion)
        .where(Publicacion.periodo == str(periodo), Publicacion.retirada_en.is_(None))
        .order_by(Publicacion.edicion.desc())
        .limit(1)
    ).first()


def ediciones_de(session: Session, periodo: str) -> list[Edicion]:
    """Every edition of ``periodo`` still published, latest first (earlier editions stay
    readable: a correction does not erase what was published before)."""
    vigentes = _vigentes_ids(session)
    filas = session.execute(
        select(*_COLUMNAS).where(
            Publicacion.periodo == str(periodo), Publicacion.retirada_en.is_(None)
        )
    ).all()
    return sorted((_edicion(tuple(f), vigentes) for f in filas), key=_orden)


def buscar(session: Session, periodo: str, edicion: int | None = None) -> Edicion | None:
    """Edition ``edicion`` of ``periodo`` (its current one when None), published or withdrawn;
    None when it does not exist. The caller refuses a withdrawn one (``retirada_en``)."""
    vigentes = _vigentes_ids(session)
    stmt = select(*_COLUMNAS).where(Publicacion.periodo == str(periodo))
    if edicion is None:
        stmt = stmt.where(Publicacion.id.in_(vigentes))
    else:
        stmt = stmt.where(Publicacion.edicion == int(edicion))
    fila = session.execute(stmt).first()
    return _edicion(tuple(fila), vigentes) if fila is not None else None


def contenido(session: Session, publicacion_id: int) -> instantanea.Instantanea:
    """The stored snapshot of a publication, parsed (its layout checked).

    Raises:
        LookupError: no such publication.
        ValueError: a layout this version of SIGPRET does not know.
    """
    texto = session.scalar(select(Publicacion.contenido).where(Publicacion.id == publicacion_id))
    if texto is None:
        raise LookupError(publicacion_id)
    datos = json.loads(texto)
    if datos.get("formato") != instantanea.FORMATO:
        raise ValueError(f"Formato de publicación desconocido: {datos.get('formato')}")
    return datos
