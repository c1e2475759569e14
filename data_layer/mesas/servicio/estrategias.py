"""Strategies / courses of action: the mesa proposes, the political coordinator decides.

Life of a strategy (DOMAIN.md §9, issue #11): ``propuesta → aprobada → en_ejecucion → concluida``,
or ``descartada`` from any open state. Who may take each step is
:func:`data_layer.permisos.puede_cambiar_estrategia`: approving is the mesa's designated political
coordinator's (never on their own proposal); starting, concluding and discarding are the mesa's.
The political coordinator may also return a proposal with a note (:func:`devolver_estrategia`):
it stays ``propuesta`` but waits for the mesa, which edits and sends it again
(:func:`reenviar_estrategia`). Every step is a
:class:`~data_layer.mesas.models.DecisionEstrategia` row (never updated) and an audit record;
each locks the strategy and checks its state and the version the page loaded.

Only a ``propuesta`` or later ``aprobada``/``en_ejecucion`` strategy keeps a red indicator from
``rojo_sin_accion`` once approved (:data:`data_layer.mesas.reglas.ESTADOS_ESTRATEGIA_ABIERTOS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from data_layer import limites, permisos
from data_layer.auth import Alcance, registrar
from data_layer.avisos import eventos, notificar
from data_layer.mesas.models import (
    CuelloBotella,
    DecisionEstrategia,
    EstadoEstrategia,
    Estrategia,
    Mesa,
)
from data_layer.mesas.servicio.acciones import _vinculos
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    ErrorMesa,
    _alta,
    _autorizar_mesa,
    _entidad,
    _enum,
    _hoy,
    _institucion,
    _mesa,
    _obtener,
    _opcional,
    _requerido,
)
from data_layer.mesas.servicio.plan import politico_de

#: Words of each status in the refusals.
PALABRAS = {
    "propuesta": "propuesta",
    "aprobada": "aprobada",
    "en_ejecucion": "en ejecución",
    "concluida": "concluida",
    "descartada": "descartada",
}


def contenido_estrategia(estrategia: Estrategia) -> dict[str, Any]:
    """What a page shows of a strategy when a change collides with another one."""
    return {
        "descripcion": estrategia.descripcion,
        "estado": estrategia.estado.value,
        "version": estrategia.version,
    }


def registrar_estrategia(
    session: Session,
    sector: str,
    *,
    descripcion: str,
    responsable: str,
    metas: Iterable[str] = (),
    indicadores: Iterable[str] = (),
    estado: EstadoEstrategia | str = EstadoEstrategia.propuesta,
    institucion: str | None = None,
    cuello_botella_id: int | None = None,
    fecha_inicio: dt.date | None = None,
    fecha_fin: dt.date | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> Estrategia:
    """Propose a strategy / course of action and the goals/indicators it addresses (at least one,
    of the mesa's sector); it waits for the political coordinator's approval.

    ``estado`` other than ``propuesta`` records history decided outside SIGPRET: only admin, in a
    mesa with no designated political coordinator
    (:func:`data_layer.permisos.puede_registrar_historial`).
    """
    mesa = _mesa(session, sector, actor=actor)
    estado = _enum(EstadoEstrategia, estado, "estado de la estrategia")
    if estado != EstadoEstrategia.propuesta and not permisos.puede_registrar_historial(
        actor, politico_de(mesa)
    ):
        raise ErrorMesa(
            "Una estrategia nueva se registra como propuesta: la aprueba el coordinador político "
            "de la mesa."
        )
    inst = _institucion(session, institucion) if _opcional(institucion) else None
    if cuello_botella_id is not None:
        cuello: CuelloBotella = _obtener(
            session, CuelloBotella, cuello_botella_id, "el cuello de botella"
        )
        if cuello.mesa_id != mesa.id:
            raise ErrorMesa("El cuello de botella es de otra mesa.")
    if fecha_inicio and fecha_fin and fecha_fin < fecha_inicio:
        raise ErrorMesa("La fecha de fin no puede ser anterior a la de inicio.")
    m, i = _vinculos(session, mesa, metas, indicadores, "Una estrategia")
    estrategia = Estrategia(
        mesa_id=mesa.id,
        descripcion=_requerido(descripcion, "descripción"),
        responsable=_requerido(responsable, "responsable"),
        institucion=inst,
        cuello_botella_id=cuello_botella_id,
        fecha_inicio=fecha_inicio,
        fecha_fin=fecha_fin,
        estado=estado,
        metas=m,
        indicadores=i,
        propuesta_por=actor.usuario,
        propuesta_en=_hoy(hoy),
        version=1,
    )
    _alta(
        session,
        estrategia,
        "estrategia_registrada",
        mesa=mesa,
        tipo="estrategia",
        nuevo={
            "descripcion": estrategia.descripcion,
            "responsable": estrategia.responsable,
            "estado": estado.value,
            "cuello_botella": cuello_botella_id,
            "metas": [x.codigo for x in m],
            "indicadores": [x.codigo for x in i],
        },
        actor=actor,
    )
    if estado == EstadoEstrategia.propuesta:
        notificar(session, eventos.estrategia_propuesta(estrategia, mesa))
    return estrategia


def _para_cambiar(
    session: Session, estrategia_id: int, version: int | None
) -> tuple[Estrategia, Mesa]:
    """The strategy, locked and read afresh, checked against the version the page loaded."""
    estrategia: Estrategia = _obtener(
        session, Estrategia, estrategia_id, "la estrategia", bloquear=True
    )
    mesa = session.get(Mesa, estrategia.mesa_id)
    assert mesa is not None  # a foreign key
    if version is not None and version != estrategia.version:
        raise ConflictoEdicion(
            "La estrategia cambió mientras usted la revisaba (ahora está "
            f"«{PALABRAS[estrategia.estado.value]}»): no se guardó nada. Recargue la página para "
            "verla.",
            contenido_estrategia(estrategia),
        )
    return estrategia, mesa


def _historia(
    session: Session,
    estrategia: Estrategia,
    mesa: Mesa,
    anterior: EstadoEstrategia,
    accion: str,
    *,
    nota: str | None,
    fecha: dt.date,
    actor: Alcance,
) -> None:
    """Keep the step in the strategy's history and audit it with its note."""
    estrategia.version += 1
    session.add(
        DecisionEstrategia(
            estrategia_id=estrategia.id,
            estado_anterior=anterior,
            estado_nuevo=estrategia.estado,
            accion=accion,
            usuario=actor.usuario,
            fecha=fecha,
            nota=nota,
        )
    )
    registrar(
        session,
        f"estrategia_{accion}",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "estrategia", estrategia.id),
        detalle={"estado": [anterior.value, estrategia.estado.value], "nota": nota},
    )
    session.flush()
    if accion == "reenviada":
        notificar(session, eventos.estrategia_propuesta(estrategia, mesa))
        return
    evento = eventos.estrategia_decidida(estrategia, mesa, accion, nota, actor.usuario)
    if evento is not None:
        notificar(session, evento)


def _nota(nota: str | None, campo: str, requerida: bool) -> str | None:
    if requerida:
        return limites.revisar_texto(_requerido(nota, campo), campo)
    limpia = _opcional(nota)
    return limites.revisar_texto(limpia, campo) if limpia else None


def cambiar_estado_estrategia(
    session: Session,
    estrategia_id: int,
    estado: EstadoEstrategia | str,
    *,
    nota: str | None = None,
    version: int | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> Estrategia:
    """Move a strategy along its life (``propuesta → aprobada → en_ejecucion → concluida``, or
    ``descartada``; discarding needs a note). Who may take each step:
    :func:`data_layer.permisos.puede_cambiar_estrategia`."""
    estrategia: Estrategia = _obtener(session, Estrategia, estrategia_id, "la estrategia")
    mesa = session.get(Mesa, estrategia.mesa_id)
    assert mesa is not None  # a foreign key
    nuevo = _enum(EstadoEstrategia, estado, "estado de la estrategia")
    anterior = estrategia.estado
    quien = permisos.quien_cambia_estrategia(anterior.value, nuevo.value)
    politico = politico_de(mesa)
    if quien is None:
        # Someone with no say in this mesa learns nothing about the rules.
        if not permisos.puede_aprobar_en_mesa(actor, politico):
            _autorizar_mesa(session, actor, mesa.id)
        raise ErrorMesa(
            f"Una estrategia {PALABRAS[anterior.value]} no pasa a «{PALABRAS[nuevo.value]}»."
        )
    if not permisos.puede_cambiar_estrategia(
        actor, mesa.sector.codigo, politico, estrategia.propuesta_por, anterior.value, nuevo.value
    ):
        if quien == "mesa":
            raise ErrorMesa(permisos.SIN_PERMISO_MESA)
        if permisos.puede_aprobar_en_mesa(actor, politico):
            raise ErrorMesa(permisos.PROPUESTA_PROPIA)
        raise ErrorMesa(permisos.SIN_PERMISO_APROBAR)
    texto = _nota(nota, "motivo", requerida=nuevo == EstadoEstrategia.descartada)
    estrategia, mesa = _para_cambiar(session, estrategia_id, version)
    if estrategia.estado != anterior:  # pragma: no cover - caught by the version or the lock
        raise ErrorMesa("La estrategia cambió mientras usted la revisaba. No se guardó nada.")
    if nuevo == EstadoEstrategia.aprobada and estrategia.devuelta_en is not None:
        raise ErrorMesa(
            "La estrategia fue devuelta a la mesa: se aprueba cuando la mesa la envíe de nuevo."
        )
    estrategia.estado = nuevo
    _historia(
        session, estrategia, mesa, anterior, nuevo.value, nota=texto, fecha=_hoy(hoy), actor=actor
    )
    return estrategia


def devolver_estrategia(
    session: Session,
    estrategia_id: int,
    *,
    nota: str,
    version: int | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> Estrategia:
    """Return a proposed strategy to the mesa with a note (required): it stays ``propuesta`` and
    waits for the mesa to edit and send it again. Only the political coordinator, never on their
    own proposal."""
    estrategia: Estrategia = _obtener(session, Estrategia, estrategia_id, "la estrategia")
    mesa = session.get(Mesa, estrategia.mesa_id)
    assert mesa is not None  # a foreign key
    politico = politico_de(mesa)
    if not permisos.puede_aprobar_en_mesa(actor, politico):
        raise ErrorMesa(permisos.SIN_PERMISO_APROBAR)
    if not permisos.puede_decidir_propuesta(actor, politico, estrategia.propuesta_por):
        raise ErrorMesa(permisos.PROPUESTA_PROPIA)
    texto = _nota(nota, "nota de devolución", requerida=True)
    estrategia, mesa = _para_cambiar(session, estrategia_id, version)
    if estrategia.estado != EstadoEstrategia.propuesta or estrategia.devuelta_en is not None:
        raise ErrorMesa("Solo se devuelve una estrategia propuesta que espera su decisión.")
    dia = _hoy(hoy)
    estrategia.devuelta_en = dia
    _historia(
        session,
        estrategia,
        mesa,
        EstadoEstrategia.propuesta,
        "devuelta",
        nota=texto,
        fecha=dia,
        actor=actor,
    )
    return estrategia


def reenviar_estrategia(
    session: Session,
    estrategia_id: int,
    *,
    descripcion: str,
    nota: str | None = None,
    version: int | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> Estrategia:
    """Send a returned strategy again, with its description revised (old → new audited); the
    sender becomes its proposer."""
    estrategia: Estrategia = _obtener(session, Estrategia, estrategia_id, "la estrategia")
    _autorizar_mesa(session, actor, estrategia.mesa_id)
    estrategia, mesa = _para_cambiar(session, estrategia_id, version)
    if estrategia.devuelta_en is None:
        raise ErrorMesa("Solo se vuelve a enviar una estrategia que el coordinador devolvió.")
    nueva = _requerido(descripcion, "descripción")
    texto = _nota(nota, "nota", requerida=False)
    dia = _hoy(hoy)
    anterior_desc = estrategia.descripcion
    estrategia.descripcion = nueva
    estrategia.devuelta_en = None
    estrategia.propuesta_por, estrategia.propuesta_en = actor.usuario, dia
    _historia(
        session,
        estrategia,
        mesa,
        EstadoEstrategia.propuesta,
        "reenviada",
        nota=texto
        if anterior_desc == nueva
        else f"{texto or ''}\n[Antes: {anterior_desc}]".strip(),
        fecha=dia,
        actor=actor,
    )
    return estrategia
