"""Ministers' responses to the Presidency on red goals of their sector (issue #11, item 7).

When a goal of a sector is red, the Presidency asks its minister what is happening and what is
being done. :func:`registrar_respuesta` records the answer (who may: the sector's ``ministro``,
:func:`data_layer.permisos.puede_responder_meta`); everyone who sees the goal reads it on the
goal page and on the overview (:func:`vigentes`, :func:`historial`).

Responses are versioned: a new one supersedes the goal's current response (``reemplaza_id``) and
never overwrites it. The form says which response it saw (``reemplaza_a``): if another was
recorded meanwhile, the new one is refused, so nobody supersedes an answer they have not read.
The goal row is locked while the check runs (PostgreSQL; SQLite already has one writer), and the
unique ``reemplaza_id`` keeps the history a line even so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from data_layer import limites, permisos
from data_layer.auth import Alcance, ahoracomo_utc, registrar
from data_layer.errores import ErrorDeDatos
from data_layer.models import Meta, RespuestaMinistro, Sector
from data_layer.periods import hoy_honduras, parse

#: The refusal of a response on a goal that is not red in the period shown.
NO_ROJA = (
    "La respuesta a la Presidencia se registra sobre una meta en rojo en el período evaluado; "
    "esta meta no está en rojo en {periodo}."
)
#: How long the «quién responde» line may be (the column's length).
LARGO_FIRMANTE = 200


class ErrorRespuesta(ErrorDeDatos):
    """A refused response; the message is in Spanish and says why."""


def _texto(valor: str | None, campo: str) -> str:
    limpio = (valor or "").strip()
    if not limpio:
        raise ErrorRespuesta(f"El campo «{campo}» es obligatorio.")
    return limpio


def vigente(session: Session, meta_id: int) -> RespuestaMinistro | None:
    """The goal's current response: the latest one, which no other supersedes (None: none)."""
    posterior = aliased(RespuestaMinistro)
    return session.scalars(
        select(RespuestaMinistro)
        .where(
            RespuestaMinistro.meta_id == meta_id,
            ~select(posterior.id).where(posterior.reemplaza_id == RespuestaMinistro.id).exists(),
        )
        .order_by(RespuestaMinistro.id.desc())
    ).first()


def registrar_respuesta(
    session: Session,
    meta: str,
    *,
    periodo: str,
    semaforo: str | None,
    texto: str | None,
    acciones: str | None,
    fecha_esperada: dt.date | None,
    firmante: str | None,
    reemplaza_a: int | None,
    actor: Alcance,
    ahora: dt.datetime | None = None,
    hoy: dt.date | None = None,
) -> RespuestaMinistro:
    """Record the minister's response on goal ``meta``, red in ``periodo``.

    Args:
        session: the caller's write session (the caller commits).
        meta: the goal's code.
        periodo: the evaluated period the response answers (``2026-T1``).
        semaforo: the goal's state in ``periodo``, as the server's engine evaluated it (the page
            passes its own result, never a value from the browser); only ``rojo`` is answered.
        texto: what is happening (why the goal is red).
        acciones: what is being done about it.
        fecha_esperada: by when an improvement is expected (optional; not in the past).
        firmante: who answers, as signed (default: the actor's login).
        reemplaza_a: the id of the current response the form showed (None: it showed none).
        actor: who records it (a ``ministro`` of the goal's sector).
        ahora: the moment recorded (tests, the demo loader); default now.
        hoy: today (default: today in Honduras).

    Raises:
        ErrorRespuesta: the actor may not answer for this goal (also when it does not exist:
            nothing is revealed), the goal is not red, a bad period, a missing text, an expected
            date in the past, or another response was recorded after the form loaded.
    """
    fila = session.execute(
        select(Meta, Sector.codigo)
        .outerjoin(Sector, Sector.id == Meta.sector_id)
        .where(Meta.codigo == str(meta))
        .with_for_update(of=Meta)
    ).first()
    if fila is None or not permisos.puede_responder_meta(actor, fila[1]):
        raise ErrorRespuesta(permisos.SIN_PERMISO_RESPUESTA)
    objetivo: Meta = fila[0]
    try:
        parse(str(periodo))
    except (ValueError, TypeError):
        raise ErrorRespuesta(f"«{periodo}» no es un período válido.") from None
    if semaforo != "rojo":
        raise ErrorRespuesta(NO_ROJA.format(periodo=periodo))
    situacion = limites.revisar_texto(_texto(texto, "situación de la meta"), "situación")
    hecho = limites.revisar_texto(_texto(acciones, "qué se está haciendo"), "qué se hace")
    dia = hoy or hoy_honduras()
    if fecha_esperada is not None and fecha_esperada < dia:
        raise ErrorRespuesta(
            f"La fecha esperada ({fecha_esperada:%d/%m/%Y}) ya pasó: indique una fecha futura."
        )
    quien = (firmante or "").strip() or actor.usuario
    if len(quien) > LARGO_FIRMANTE:
        raise ErrorRespuesta(f"«Quién responde» admite {LARGO_FIRMANTE} caracteres.")
    actual = vigente(session, objetivo.id)
    if (actual.id if actual is not None else None) != reemplaza_a:
        raise ErrorRespuesta(
            "Otra respuesta a esta meta se registró mientras usted escribía: la página la muestra "
            "ahora. Léala y vuelva a enviar la suya si sigue haciendo falta."
        )
    nueva = RespuestaMinistro(
        meta_id=objetivo.id,
        periodo=str(periodo),
        texto=situacion,
        acciones=hecho,
        fecha_esperada=fecha_esperada,
        firmante=quien,
        usuario=actor.usuario,
        registrada_en=ahora or ahoracomo_utc(),
        reemplaza_id=actual.id if actual is not None else None,
    )
    session.add(nueva)
    session.flush()
    registrar(
        session,
        "respuesta_ministro",
        usuario=actor.usuario,
        entidad=f"meta:{objetivo.codigo}/respuesta:{nueva.id}",
        detalle={
            "periodo": nueva.periodo,
            "texto": situacion,
            "acciones": hecho,
            "fecha_esperada": fecha_esperada,
            "firmante": quien,
            "reemplaza": nueva.reemplaza_id,
        },
    )
    return nueva


def historial(session: Session, meta: str) -> list[RespuestaMinistro]:
    """Every response on goal ``meta``, newest first (the first one is the current one)."""
    return list(
        session.scalars(
            select(RespuestaMinistro)
            .join(Meta, Meta.id == RespuestaMinistro.meta_id)
            .where(Meta.codigo == str(meta))
            .order_by(RespuestaMinistro.id.desc())
        )
    )


def vigentes(session: Session, metas: Iterable[str] | None = None) -> dict[str, RespuestaMinistro]:
    """The current response of each goal that has one, by goal code (``metas``: only those)."""
    posterior = aliased(RespuestaMinistro)
    consulta = (
        select(Meta.codigo, RespuestaMinistro)
        .join(Meta, Meta.id == RespuestaMinistro.meta_id)
        .where(~select(posterior.id).where(posterior.reemplaza_id == RespuestaMinistro.id).exists())
        .order_by(RespuestaMinistro.id)
    )
    if metas is not None:
        consulta = consulta.where(Meta.codigo.in_(list(metas)))
    return {codigo: r for codigo, r in session.execute(consulta).all()}
