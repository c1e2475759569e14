"""What each role may see (issue #4): the MCR and the engine's results cut down to a user's scope.

The engine always evaluates the whole MCR (a goal's avance does not depend on who looks at it);
these functions then keep only the rows a user may see, so every page, grid, figure and export that
reads data through ``dashboard.data`` shows the same numbers to everyone, and nothing more than
each one may see.

The rules are :mod:`data_layer.permisos`' (one function per rule); this module applies them to
every row of a frame at once:

- ``presidencia``, ``ministro``, ``analista``, ``admin``: everything (:func:`permisos.ve_todo`).
- a goal seen in detail, with all its indicators (:func:`permisos.meta_en_detalle`):
  ``coordinador_mesa``, the goals of their sectors and every presidential goal (the national
  summary); ``upgret``, their institutions' goals;
- an indicator seen by itself (:func:`permisos.indicador_por_responsable`): ``upgret``, the
  indicators their institutions report;
- plus the goals those goals contribute to (:func:`permisos.ve_metas_superiores`: upward along
  the chain, without those goals' other indicators);
- institutions: those the visible goals and indicators name; an institution's evaluation,
  :func:`data_layer.vistas.institucion.evaluacion_visible`.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.engine import Resultado
from data_layer.engine.frames import MCR


def hacia_arriba(mcr: MCR, base: set[str]) -> set[str]:
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


def _texto(valor: object) -> str | None:
    return None if pd.isna(valor) else str(valor)  # type: ignore[call-overload]


def metas_en_detalle(metas: pd.DataFrame, alcance: Alcance) -> np.ndarray:
    """For each row of an MCR goal frame, whether ``alcance`` sees it in detail
    (:func:`permisos.meta_en_detalle`, asked once per distinct level, sector and institution)."""
    columnas = ["nivel", "sector", "institucion"]
    claves = metas[columnas].astype("object").drop_duplicates()
    claves["_ve"] = [
        permisos.meta_en_detalle(alcance, nivel=_texto(n), sector=_texto(s), institucion=_texto(i))
        for n, s, i in claves.itertuples(index=False, name=None)
    ]
    cruce = metas[columnas].astype("object").merge(claves, on=columnas, how="left")
    return cruce["_ve"].to_numpy(dtype=bool)


def entidades_visibles(mcr: MCR, alcance: Alcance) -> tuple[set[str], set[str]] | None:
    """The goal and indicator codes ``alcance`` may see in detail, or None for everything."""
    if permisos.ve_todo(alcance):
        return None
    metas = mcr.metas.astype({"codigo": str})
    indicadores = mcr.indicadores.astype({"codigo": str, "meta": str})
    en_detalle = set(metas.loc[metas_en_detalle(metas, alcance), "codigo"])
    responsables = indicadores["institucion_responsable"].astype("object")
    propias = [
        i
        for i in pd.unique(responsables.dropna())
        if permisos.indicador_por_responsable(alcance, str(i))
    ]
    por_responsable = responsables.isin(propias)
    visibles = indicadores["meta"].isin(en_detalle) | por_responsable
    ind_vis = set(indicadores.loc[visibles, "codigo"])
    base = en_detalle | set(indicadores.loc[por_responsable, "meta"])
    if permisos.ve_metas_superiores(alcance):
        base = hacia_arriba(mcr, base)
    return base, ind_vis


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
        recepciones=por_indicador(mcr.recepciones),
        versiones=por_indicador(mcr.versiones),
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
    if alcance is None or permisos.ve_todo(alcance):
        return "todo"
    return (
        f"{alcance.rol.value}:{','.join(sorted(alcance.sectores))}:"
        f"{','.join(sorted(alcance.instituciones))}"
    )
