"""What a mesa does about its goals: bottlenecks and products (strategies: ``estrategias``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.orm import Session

from data_layer.auth import Alcance
from data_layer.mesas.models import (
    AmbitoCuello,
    CuelloBotella,
    EstadoCuello,
    Mesa,
    Producto,
    TipoProducto,
)
from data_layer.mesas.servicio.comun import (
    ErrorMesa,
    _alta,
    _autorizar_mesa,
    _cambiar_estado,
    _enum,
    _hasta_hoy,
    _institucion,
    _mesa,
    _obtener,
    _opcional,
    _requerido,
    _vinculos_del_sector,
)
from data_layer.models import Indicador, Meta


def _vinculos(
    session: Session, mesa: Mesa, metas: Iterable[str], indicadores: Iterable[str], que: str
) -> tuple[list[Meta], list[Indicador]]:
    """At least one goal or indicator, all of the mesa's own sector (``_vinculos_del_sector``)."""
    m, i = _vinculos_del_sector(session, mesa, metas, indicadores)
    if not m and not i:
        raise ErrorMesa(f"{que} debe vincularse al menos a una meta o a un indicador.")
    return m, i


def registrar_cuello_botella(
    session: Session,
    sector: str,
    *,
    descripcion: str,
    ambito: AmbitoCuello | str,
    identificado_en: dt.date,
    metas: Iterable[str] = (),
    indicadores: Iterable[str] = (),
    institucion: str | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> CuelloBotella:
    """Record a bottleneck and the goals/indicators it holds back (at least one, of the mesa's
    sector).

    Raises:
        ErrorMesa: the actor may not write in the mesa, an identification date after ``hoy``
            (default today in Honduras), an institutional one without institution, no link or
            a link outside the mesa's sector.
    """
    mesa = _mesa(session, sector, actor=actor)
    _hasta_hoy(identificado_en, "fecha de identificación", hoy)
    ambito = _enum(AmbitoCuello, ambito, "ámbito")
    inst = _institucion(session, institucion) if _opcional(institucion) else None
    if ambito == AmbitoCuello.institucional and inst is None:
        raise ErrorMesa("Un cuello de botella institucional debe indicar la institución.")
    m, i = _vinculos(session, mesa, metas, indicadores, "Un cuello de botella")
    cuello = CuelloBotella(
        mesa_id=mesa.id,
        descripcion=_requerido(descripcion, "descripción"),
        ambito=ambito,
        institucion=inst,
        identificado_en=identificado_en,
        estado=EstadoCuello.abierto,
        metas=m,
        indicadores=i,
    )
    _alta(
        session,
        cuello,
        "cuello_botella_registrado",
        mesa=mesa,
        tipo="cuello_botella",
        nuevo={
            "descripcion": cuello.descripcion,
            "ambito": ambito.value,
            "institucion": inst.sigla if inst else None,
            "metas": [x.codigo for x in m],
            "indicadores": [x.codigo for x in i],
        },
        actor=actor,
    )
    return cuello


def cambiar_estado_cuello(
    session: Session, cuello_id: int, estado: EstadoCuello | str, *, actor: Alcance
) -> CuelloBotella:
    """Mark a bottleneck as overcome (or open again).

    Raises:
        ErrorMesa: the actor may not write in the mesa, an unknown status, or the bottleneck
            already has that status (nothing changes).
    """
    cuello: CuelloBotella = _obtener(session, CuelloBotella, cuello_id, "el cuello de botella")
    _autorizar_mesa(session, actor, cuello.mesa_id)
    nuevo = _enum(EstadoCuello, estado, "estado del cuello de botella")
    _cambiar_estado(
        session,
        cuello,
        nuevo,
        accion="cuello_botella_estado",
        mesa_id=cuello.mesa_id,
        tipo="cuello_botella",
        que=f"El cuello de botella N.º {cuello.id}",
        actor=actor,
    )
    return cuello


def registrar_producto(
    session: Session,
    sector: str,
    *,
    tipo: TipoProducto | str,
    titulo: str,
    entregado_en: dt.date | None = None,
    documento_nombre: str | None = None,
    documento_url: str | None = None,
    documento_ruta: str | None = None,
    actor: Alcance,
) -> Producto:
    """Record a product of the mesa and its document (file name, and a URL or a stored path).

    The product belongs to the year it was delivered (as migration 0011 filled the rows written
    before products had a year); an undelivered one has no year yet.
    """
    mesa = _mesa(session, sector, actor=actor)
    tipo = _enum(TipoProducto, tipo, "tipo de producto")
    nombre, url, ruta = (
        _opcional(documento_nombre),
        _opcional(documento_url),
        _opcional(documento_ruta),
    )
    if nombre and not (url or ruta):
        raise ErrorMesa("Indique el enlace (URL) o la ruta donde está guardado el documento.")
    if (url or ruta) and not nombre:
        raise ErrorMesa("Indique el nombre del archivo del documento.")
    producto = Producto(
        mesa_id=mesa.id,
        tipo=tipo,
        titulo=_requerido(titulo, "título"),
        entregado_en=entregado_en,
        documento_nombre=nombre,
        documento_url=url,
        documento_ruta=ruta,
        anio=entregado_en.year if entregado_en is not None else None,
    )
    _alta(
        session,
        producto,
        "producto_registrado",
        mesa=mesa,
        tipo="producto",
        nuevo={
            "tipo": tipo.value,
            "titulo": producto.titulo,
            "entregado_en": entregado_en,
            "documento": [nombre, url or ruta],
        },
        actor=actor,
    )
    return producto
