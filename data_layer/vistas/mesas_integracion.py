"""How the mesas show on the other pages: their actions and alerts, within the user's scope.

The sector, goal and indicator pages list the acuerdos, bottlenecks and strategies of the mesas
linked to what they show (:func:`acciones_de_entidad`); the alert centre and the overview show the
mesa alerts among the engine's (:func:`alertas_con_mesas`). Both keep only the mesas the user sees
in detail (:func:`~data_layer.vistas.mesas.accesos`). Pure pandas, like the mesa pages' views.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Literal

import pandas as pd

from data_layer.auth import Alcance
from data_layer.engine import Resultado
from data_layer.engine.frames import MCR
from data_layer.mesas import estados
from data_layer.mesas.alertas import alertas_mesas
from data_layer.mesas.frames import FramesMesas
from data_layer.vistas.alertas import enriquecer_alertas
from data_layer.vistas.linaje import ejes_de_sectores
from data_layer.vistas.mesas import TIPOS_ACCION, accesos


def acciones_al_corte(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """Every link of an action to a goal or indicator that exists at the cut date: those of
    :func:`~data_layer.mesas.estados.acciones_vinculadas` without the acuerdos agreed later.

    The same for every page and user on a day (callers may cache it per mesa version and cut
    date and pass it to :func:`acciones_de`).
    """
    a = estados.acciones_vinculadas(frames, fecha_corte)
    acuerdos = estados.acuerdos_al_corte(frames, fecha_corte)
    futuros = set(acuerdos.loc[~acuerdos["existe"], "id"])
    return a.loc[~((a["tipo"] == "acuerdo") & a["id"].isin(futuros))]


def acciones_de(
    frames: FramesMesas,
    fecha_corte: dt.date,
    metas: set[str] | frozenset[str] = frozenset(),
    indicadores: set[str] | frozenset[str] = frozenset(),
    alcance: Alcance | None = None,
    al_corte: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The acuerdos, bottlenecks and strategies linked to any of ``metas`` or ``indicadores``.

    Acuerdos agreed after the cut date do not exist yet; actions of a mesa that ``alcance`` does
    not see in detail are left out (see :func:`~data_layer.vistas.mesas.accesos`). One row per
    action (its links joined), acuerdos first, open ones before closed ones.

    Args:
        al_corte: :func:`acciones_al_corte` of ``frames`` and ``fecha_corte`` when the caller
            keeps it (computed here otherwise).

    Returns:
        Columns ``tipo``, ``tipo_texto``, ``id``, ``sector``, ``descripcion``, ``estado``,
        ``abierta``, ``vinculos`` (sorted codes it is linked to among those asked for).
    """
    a = acciones_al_corte(frames, fecha_corte) if al_corte is None else al_corte
    pedido = ((a["vinculo"] == "meta") & a["codigo"].isin(metas)) | (
        (a["vinculo"] == "indicador") & a["codigo"].isin(indicadores)
    )
    detalle = {s for s, acceso in accesos(frames, alcance).items() if acceso == "detalle"}
    a = a.loc[pedido & a["sector"].isin(detalle)]
    columnas = [
        "tipo",
        "tipo_texto",
        "id",
        "sector",
        "descripcion",
        "estado",
        "abierta",
        "vinculos",
    ]
    if a.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columnas})
    tabla = a.groupby(["tipo", "id"], as_index=False, sort=False).agg(
        sector=("sector", "first"),
        descripcion=("descripcion", "first"),
        estado=("estado", "first"),
        abierta=("abierta", "first"),
        vinculos=("codigo", lambda c: sorted(set(c))),
    )
    orden_tipo = {t: i for i, t in enumerate(TIPOS_ACCION)}
    tabla = tabla.assign(
        tipo_texto=tabla["tipo"].map(TIPOS_ACCION),
        _t=tabla["tipo"].map(orden_tipo),
        _a=(~tabla["abierta"].astype(bool)).astype("int64"),
    ).sort_values(["_t", "_a", "id"], kind="stable")
    return tabla[columnas].reset_index(drop=True)


def alertas_con_mesas(
    alertas: pd.DataFrame,
    res: Resultado,
    mcr: MCR,
    frames: FramesMesas,
    fecha_corte: dt.date,
    alcance: Alcance | None = None,
) -> pd.DataFrame:
    """The engine's enriched alerts plus the mesa alerts, as far as ``alcance`` may see them.

    ``rojo_sin_accion`` is computed on ``res.indicadores`` (already cut down to the user's
    scope, so only visible indicators raise it) and placed like any indicator alert. Alerts about
    a mesa or one of its acuerdos get the mesa's sector and that sector's eje, and are kept only
    for the mesas ``alcance`` sees in detail (see :func:`~data_layer.vistas.mesas.accesos`); their
    ``nivel`` is ``sectorial`` (a mesa is sectoral), so the overview ranks them with the sectoral
    goals.

    Args:
        alertas: :func:`~data_layer.vistas.alertas.enriquecer_alertas` of ``res``.
        res: the engine's result (as the user may see it).
        mcr: the MCR (as the user may see it).
        frames: the mesas.
        fecha_corte: the cut date of the mesa alerts.
        alcance: the user's scope (None: everything).

    Returns:
        ``alertas`` and the mesa alerts together, same columns, unsorted.
    """
    propias = alertas_mesas(frames, fecha_corte, res.indicadores, res.metas)
    lugar = enriquecer_alertas(replace(res, alertas=propias), mcr)
    de_mesa = lugar["entidad_tipo"].isin(["mesa", "acuerdo"])
    sector = lugar["enlace"].str.extract(r"^/mesas/([^/?#]+)", expand=False)
    sector = sector.where(de_mesa, lugar["sector"]).astype("str")
    eje = sector.map(ejes_de_sectores(mcr)).where(de_mesa, lugar["eje"]).astype("str")
    # A mesa works at the sector level: its alerts rank with the sectoral goals' ones.
    nivel = lugar["nivel"].where(~de_mesa, "sectorial").astype("str")
    lugar = lugar.assign(sector=sector, eje=eje, nivel=nivel)
    detalle = {s for s, a in accesos(frames, alcance).items() if a == "detalle"}
    visibles = ~de_mesa | lugar["sector"].isin(detalle)
    return pd.concat([alertas, lugar.loc[visibles]], ignore_index=True)


def acciones_de_entidad(
    frames: FramesMesas,
    fecha_corte: dt.date,
    mcr: MCR,
    tipo: Literal["sector", "meta", "indicador"],
    codigo: str,
    alcance: Alcance | None = None,
    al_corte: pd.DataFrame | None = None,
) -> pd.DataFrame | None:
    """The actions of :func:`acciones_de` for a sector, goal or indicador page (``al_corte``:
    see there).

    A sector's: those linked to its goals or their indicators; a goal's: those linked to it or to
    one of its indicators; an indicator's: those linked to it or to its goal. Only the goals and
    indicators in ``mcr`` (the user's view of it) count.

    Returns:
        :func:`acciones_de`'s table, or None when ``codigo`` is not in ``mcr``.
    """
    metas = mcr.metas.astype({"codigo": "str", "sector": "str"})
    indicadores = mcr.indicadores.astype({"codigo": "str", "meta": "str"})
    if tipo == "sector":
        if codigo not in set(mcr.sectores["codigo"].astype("str")):
            return None
        propias = set(metas.loc[metas["sector"] == codigo, "codigo"])
        suyos = set(indicadores.loc[indicadores["meta"].isin(propias), "codigo"])
    elif tipo == "meta":
        if codigo not in set(metas["codigo"]):
            return None
        propias = {codigo}
        suyos = set(indicadores.loc[indicadores["meta"] == codigo, "codigo"])
    else:
        fila = indicadores.loc[indicadores["codigo"] == codigo]
        if fila.empty:
            return None
        propias = set(fila["meta"])
        suyos = {codigo}
    return acciones_de(frames, fecha_corte, propias, suyos, alcance, al_corte)
