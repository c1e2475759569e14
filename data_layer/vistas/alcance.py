"""What each role may see (issue #4): the MCR and the engine's results cut down to a user's scope.

The engine always evaluates the whole MCR (a goal's avance does not depend on who looks at it);
these functions then keep only the rows a user may see, so every page, grid, figure and export that
reads data through ``dashboard.data`` shows the same numbers to everyone, and nothing more than
each one may see.

- ``presidencia``, ``ministro``, ``analista``, ``admin``: everything.
- ``coordinador_mesa``: the goals and indicators of their sectors, the goals those contribute to,
  and every presidential goal (the national summary); nothing else in detail.
- ``upgret``: their institutions' goals and the indicators they report, plus the goals those goals
  contribute to (upward along the chain, without those goals' other indicators).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from data_layer.auth import Alcance
from data_layer.engine import Resultado
from data_layer.engine.frames import MCR
from data_layer.models import Rol


def _hacia_arriba(mcr: MCR, base: set[str]) -> set[str]:
    """``base`` plus every goal reachable from it through contribution links (three levels)."""
    visibles = set(base)
    frontera = set(base)
    enlaces = mcr.contribuciones[["meta", "meta_destino"]].astype(str)
    for _ in range(3):  # institucional → sectorial → presidencial
        nuevos = set(enlaces.loc[enlaces["meta"].isin(frontera), "meta_destino"]) - visibles
        if not nuevos:
            break
        visibles |= nuevos
        frontera = nuevos
    return visibles


def entidades_visibles(mcr: MCR, alcance: Alcance) -> tuple[set[str], set[str]] | None:
    """The goal and indicator codes ``alcance`` may see in detail, or None for everything."""
    if alcance.ve_todo:
        return None
    metas = mcr.metas.astype({"codigo": str})
    indicadores = mcr.indicadores.astype({"codigo": str, "meta": str})
    if alcance.rol is Rol.coordinador_mesa:
        propias = set(metas.loc[metas["sector"].isin(alcance.sectores), "codigo"])
        presidenciales = set(metas.loc[metas["nivel"] == "presidencial", "codigo"])
        metas_vis = _hacia_arriba(mcr, propias) | presidenciales
        con_indicadores = propias | presidenciales
        ind_vis = set(indicadores.loc[indicadores["meta"].isin(con_indicadores), "codigo"])
        return metas_vis, ind_vis
    # upgret, and any scope we do not know: only what belongs to its institutions (fail closed).
    instituciones = alcance.instituciones if alcance.rol is Rol.upgret else frozenset()
    propias = set(metas.loc[metas["institucion"].isin(instituciones), "codigo"])
    responsables = indicadores["institucion_responsable"].isin(instituciones)
    reporta = indicadores["meta"].isin(propias) | responsables
    ind_vis = set(indicadores.loc[reporta, "codigo"])
    base = propias | set(indicadores.loc[responsables, "meta"])
    return _hacia_arriba(mcr, base), ind_vis


def restringir_mcr(mcr: MCR, alcance: Alcance) -> MCR:
    """The part of ``mcr`` that ``alcance`` may see (eje and sector names are public: kept)."""
    visibles = entidades_visibles(mcr, alcance)
    if visibles is None:
        return mcr
    metas_vis, ind_vis = visibles
    metas = mcr.metas.loc[mcr.metas["codigo"].astype(str).isin(metas_vis)]
    indicadores = mcr.indicadores.loc[mcr.indicadores["codigo"].astype(str).isin(ind_vis)]
    contrib = mcr.contribuciones
    contrib = contrib.loc[
        contrib["meta"].astype(str).isin(metas_vis)
        & contrib["meta_destino"].astype(str).isin(metas_vis)
    ]
    referidas = set(metas["institucion"].dropna().astype(str)) | set(
        indicadores["institucion_responsable"].dropna().astype(str)
    )
    instituciones = mcr.instituciones.loc[mcr.instituciones["sigla"].astype(str).isin(referidas)]
    participaciones = mcr.institucion_sectores.loc[
        mcr.institucion_sectores["institucion"].astype(str).isin(referidas)
    ]

    def por_indicador(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.loc[frame["indicador"].astype(str).isin(ind_vis)]

    return replace(
        mcr,
        metas=metas,
        contribuciones=contrib,
        indicadores=indicadores,
        instituciones=instituciones,
        institucion_sectores=participaciones,
        indicador_temas=por_indicador(mcr.indicador_temas),
        programacion=por_indicador(mcr.programacion),
        avances=por_indicador(mcr.avances),
    )


def _solo(metas: pd.DataFrame, visibles: set[str]) -> pd.DataFrame:
    return metas.loc[metas.index.astype(str).isin(visibles)]


def restringir_metas(metas: pd.DataFrame, mcr: MCR, alcance: Alcance) -> pd.DataFrame:
    """The engine's goal frame limited to the goals ``alcance`` may see (as in a result)."""
    visibles = entidades_visibles(mcr, alcance)
    return metas if visibles is None else _solo(metas, visibles[0])


def restringir_resultado(res: Resultado, mcr: MCR, alcance: Alcance) -> Resultado:
    """The engine's result limited to what ``alcance`` may see (same numbers, fewer rows)."""
    visibles = entidades_visibles(mcr, alcance)
    if visibles is None:
        return res
    metas_vis, ind_vis = visibles
    alertas = res.alertas
    visible = (
        (alertas["entidad_tipo"] == "indicador") & alertas["entidad"].astype(str).isin(ind_vis)
    ) | ((alertas["entidad_tipo"] == "meta") & alertas["entidad"].astype(str).isin(metas_vis))
    return replace(
        res,
        indicadores=res.indicadores.loc[res.indicadores.index.astype(str).isin(ind_vis)],
        metas=_solo(res.metas, metas_vis),
        proyecciones=res.proyecciones.loc[res.proyecciones.index.astype(str).isin(ind_vis)],
        alertas=alertas.loc[visible],
    )


def clave_alcance(alcance: Alcance | None) -> str:
    """A cache-key fragment for ``alcance`` (``todo`` for the roles that see everything)."""
    if alcance is None or alcance.ve_todo:
        return "todo"
    return (
        f"{alcance.rol.value}:{','.join(sorted(alcance.sectores))}:"
        f"{','.join(sorted(alcance.instituciones))}"
    )
