"""What the eje and sector pages show: the group's roll-up, its grids and its heat map.

Each function builds one whole view from engine results, so the dashboard can cache it per group,
period and filters (``dashboard.data``) and a page callback only formats it. The rules themselves
live in :mod:`data_layer.vistas.niveles` and :mod:`data_layer.vistas.filtros`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from data_layer.engine.frames import MCR, Reglas
from data_layer.vistas import niveles as vn
from data_layer.vistas.filtros import FiltroParcial, FiltrosLike, filtrar_metas

#: The kinds of group with a page of their own here.
Grupo = Literal["eje", "sector"]

#: What the heat map of each kind of group has as rows.
FILAS_MAPA: dict[Grupo, Literal["sector", "institucion"]] = {
    "eje": "sector",
    "sector": "institucion",
}

#: Most goals a group page lists: keeps the answer small (well under 1 MB) on big MCRs.
MAX_FILAS_METAS = 800


@dataclass(frozen=True)
class VistaGrupo:
    """The content of an eje or sector page for one period and filters.

    Attributes:
        resumen: the group's avance and state counts (:func:`~vistas.niveles.resumen_grupo`).
        sectores: for an eje, its sectors' roll-up (:func:`~vistas.niveles.tabla_sectores`);
            None for a sector.
        instituciones: the institutions' roll-up inside the group.
        metas: the goals grid, at most :data:`MAX_FILAS_METAS` rows (by level, then the most
            urgent state first, so a cut keeps the top of the chain and the worst goals).
        total_metas: how many goals passed the filters before that cut.
    """

    resumen: vn.ResumenGrupo
    sectores: pd.DataFrame | None
    instituciones: pd.DataFrame
    metas: pd.DataFrame
    total_metas: int


def vista_grupo(
    metas: pd.DataFrame, mcr: MCR, por: Grupo, codigo: str, f: FiltrosLike, reglas: Reglas
) -> VistaGrupo:
    """The eje or sector page's content from the engine's goal frame of the evaluated period.

    The theme filter narrows every figure of the page; the state filter narrows the rows of the
    grids, never the roll-up (the header keeps the group's whole avance). A sector lists the
    institutions of its mesa even without goals in it, unless a theme narrows the page.

    Args:
        metas: the engine's goal frame (``Resultado.metas``).
        mcr: the MCR.
        por: ``eje`` or ``sector``.
        codigo: the group's code.
        f: the page's filters (tema and estado are used; eje and sector are the page itself).
        reglas: thresholds of the groups' states.
    """
    grupo = filtrar_metas(
        vn.metas_del_grupo(metas, mcr, por, codigo), mcr, FiltroParcial(tema=f.tema)
    )
    resumen = vn.resumen_grupo(grupo, por, reglas)
    sectores = vn.tabla_sectores(grupo, mcr, codigo, reglas) if por == "eje" else None
    miembros = () if por == "eje" or f.tema else vn.instituciones_del_sector(mcr, codigo)
    instituciones = vn.tabla_instituciones(grupo, mcr, reglas, incluir=miembros)
    if f.estado:
        instituciones = instituciones.loc[instituciones["semaforo"] == f.estado]
        if sectores is not None:
            sectores = sectores.loc[sectores["semaforo"] == f.estado]
    tabla = vn.tabla_metas(filtrar_metas(grupo, mcr, FiltroParcial(estado=f.estado)), mcr)
    return VistaGrupo(
        resumen=resumen,
        sectores=sectores,
        instituciones=instituciones,
        metas=tabla.head(MAX_FILAS_METAS),
        total_metas=len(tabla),
    )


@dataclass(frozen=True)
class Ubicacion:
    """Where an eje or a sector sits: what its page's subtitle links to.

    Attributes:
        eje_padre: an eje's parent eje (``E2`` for the dimension ``E2-SOC``), else None.
        ejes: a sector's ejes, sorted (empty for an eje).
        rectora: a sector's rectora institution (sigla), else None.
    """

    eje_padre: str | None = None
    ejes: tuple[str, ...] = ()
    rectora: str | None = None


def ubicacion_grupo(mcr: MCR, por: Grupo, codigo: str) -> Ubicacion:
    """The parent eje of an eje, or the ejes and rectora institution of a sector."""
    if por == "eje":
        padre = mcr.ejes.loc[mcr.ejes["codigo"] == codigo, "eje_padre"].dropna()
        return Ubicacion(eje_padre=str(padre.iloc[0]) if len(padre) else None)
    enlaces = mcr.sector_ejes
    ejes = sorted(set(enlaces.loc[enlaces["sector"] == codigo, "eje"].astype("str")))
    rectora = mcr.sectores.loc[mcr.sectores["codigo"] == codigo, "institucion_rectora"].dropna()
    return Ubicacion(ejes=tuple(ejes), rectora=str(rectora.iloc[0]) if len(rectora) else None)


def filas_mapa(mcr: MCR, por: Grupo, codigo: str) -> list[str]:
    """The rows of a group's heat map, in display order.

    An eje's map has its sectors (:func:`~vistas.niveles.sectores_del_eje`); a sector's map the
    institutions with institutional goals in the sector.
    """
    if por == "eje":
        return vn.sectores_del_eje(mcr, codigo)
    nivel = vn.NIVEL_PROPIO["institucion"]
    propias = mcr.metas.loc[(mcr.metas["nivel"] == nivel) & (mcr.metas["sector"] == codigo)]
    return sorted(set(propias["institucion"].dropna().astype("str")))


def mapa_grupo(
    metas_por_trimestre: Mapping[str, pd.DataFrame],
    mcr: MCR,
    por: Grupo,
    codigo: str,
    f: FiltrosLike,
    reglas: Reglas,
) -> pd.DataFrame:
    """The heat map of a group: each row's roll-up state in each quarter.

    An eje's rows are its sectors, rolled up over their sectorial goals; a sector's rows are the
    institutions, rolled up over their institutional goals in the sector. The theme filter
    applies; the state filter does not (the map shows every state).

    Args:
        metas_por_trimestre: quarter → the engine's goal frame as of that quarter, oldest first
            (:func:`data_layer.engine.metas_por_periodo`).
        mcr: the MCR.
        por: ``eje`` or ``sector``.
        codigo: the group's code.
        f: the page's filters.
        reglas: thresholds of the cells' states.

    Returns:
        The long frame of :func:`~vistas.niveles.mapa_estados`.
    """
    filas = filas_mapa(mcr, por, codigo)
    fila = FILAS_MAPA[por]
    nivel = vn.NIVEL_PROPIO[fila]
    tema = FiltroParcial(tema=f.tema)
    por_periodo = {}
    for t, metas in metas_por_trimestre.items():
        if por == "eje":
            dentro = metas["sector"].isin(filas)
        else:
            dentro = metas["sector"] == codigo
        por_periodo[t] = filtrar_metas(metas.loc[(metas["nivel"] == nivel) & dentro], mcr, tema)
    return vn.mapa_estados(por_periodo, mcr, fila, filas, reglas)
