"""The value chain (``/cadena``): the whole MCR as a tree, and a goal's indicators by eslabón.

The tree goes eje → presidential goal → sectoral goal → institutional goal, following the
contribution links downward (only towards a lower level). A goal that contributes to several
parents appears under each of them, so every node's id is its path from the root. Goals the chain
does not reach from any eje (a broken chain: DOMAIN.md §4 ``cadena_rota``) hang from a root of
their own, :data:`RAIZ_SIN_VINCULO`, so that nothing of the MCR is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data_layer.engine import Resultado
from data_layer.engine.frames import ESLABONES, ESTADOS, MCR, NIVELES
from data_layer.engine.rollup import prepare_contribuciones
from data_layer.vistas.detalle import indicadores_de_metas

#: Id of the root holding the goals no eje reaches.
RAIZ_SIN_VINCULO = "sin-vinculo"
ETIQUETA_SIN_VINCULO = "Fuera de la cadena"

#: Separator of the path ids of the tree's nodes.
SEPARADOR = "/"

#: Columns of :func:`nodos_cadena`, in order.
COLUMNAS_NODOS = (
    "id",
    "padre",
    "tipo",
    "codigo",
    "nivel",
    "descripcion",
    "avance",
    "semaforo",
)

_RANGO_NIVEL = {nivel: i for i, nivel in enumerate(NIVELES)}
_ORDEN_ESLABON = {e: i for i, e in enumerate(ESLABONES)}
_ORDEN_ESTADO = {e: i for i, e in enumerate(ESTADOS)}


def _hijos_por_meta(mcr: MCR) -> pd.DataFrame:
    """Contribution links that go down a level: ``padre`` (the goal fed) and ``hijo``."""
    c = prepare_contribuciones(mcr.contribuciones)
    rango = pd.Series(
        mcr.metas["nivel"].astype("str").map(_RANGO_NIVEL).to_numpy(),
        index=mcr.metas["codigo"].astype("str").to_numpy(),
    )
    baja = rango.reindex(c["meta"]).to_numpy() > rango.reindex(c["meta_destino"]).to_numpy()
    return (
        pd.DataFrame({"padre": c["meta_destino"].to_numpy(), "hijo": c["meta"].to_numpy()})
        .loc[baja]
        .sort_values(["padre", "hijo"], kind="stable")
        .reset_index(drop=True)
    )


def _expandir(raices: pd.DataFrame, enlaces: pd.DataFrame) -> pd.DataFrame:
    """``raices`` (``id``, ``padre``, ``codigo`` of goal nodes) and every descendant by ``enlaces``.

    Levels are at most three, so the loop runs at most three times (guarded for bad data).
    """
    partes = [raices]
    frontera = raices
    for _ in range(len(NIVELES) + 1):
        siguiente = frontera[["id", "codigo"]].merge(enlaces, left_on="codigo", right_on="padre")
        if siguiente.empty:
            break
        frontera = pd.DataFrame(
            {
                "id": (siguiente["id"] + SEPARADOR + siguiente["hijo"]).to_numpy(),
                "padre": siguiente["id"].to_numpy(),
                "codigo": siguiente["hijo"].to_numpy(),
            }
        )
        partes.append(frontera)
    return pd.concat(partes, ignore_index=True)


def _nodos_ejes(mcr: MCR) -> pd.DataFrame:
    ejes = mcr.ejes
    codigos = ejes["codigo"].astype("str")
    conocidos = set(codigos)
    padre = ejes["eje_padre"].astype("str").where(ejes["eje_padre"].astype("str").isin(conocidos))
    return pd.DataFrame(
        {
            "id": codigos.to_numpy(),
            "padre": padre.fillna("").to_numpy(),
            "tipo": "eje",
            "codigo": codigos.to_numpy(),
            "nivel": "eje",
            "descripcion": ejes["nombre"].astype("str").to_numpy(),
        }
    )


def nodos_cadena(res: Resultado, mcr: MCR) -> pd.DataFrame:
    """Every node of the value-chain tree, parents before children.

    Returns:
        Frame with :data:`COLUMNAS_NODOS`: ``id`` (the path from the root, unique), ``padre``
        (the parent's id, ``""`` for roots), ``tipo`` (``eje``, ``meta`` or ``grupo`` for
        :data:`RAIZ_SIN_VINCULO`), ``codigo``, ``nivel``, ``descripcion`` (the eje's name for
        ejes), ``avance`` and ``semaforo`` (the engine's, for goals; NaN/None for the others).
    """
    metas = mcr.metas.assign(codigo=mcr.metas["codigo"].astype("str"))
    enlaces = _hijos_por_meta(mcr)
    ejes = _nodos_ejes(mcr)

    presidenciales = metas.loc[
        (metas["nivel"] == "presidencial") & metas["eje"].astype("str").isin(set(ejes["id"]))
    ]
    raices = pd.DataFrame(
        {
            "id": (
                presidenciales["eje"].astype("str") + SEPARADOR + presidenciales["codigo"]
            ).to_numpy(),
            "padre": presidenciales["eje"].astype("str").to_numpy(),
            "codigo": presidenciales["codigo"].to_numpy(),
        }
    )
    arbol = _expandir(raices, enlaces)

    # Goals no eje reaches: the topmost of them hang from their own root.
    fuera = metas.loc[~metas["codigo"].isin(set(arbol["codigo"]))]
    con_padre_fuera = set(enlaces.loc[enlaces["padre"].isin(set(fuera["codigo"])), "hijo"])
    tope = fuera.loc[~fuera["codigo"].isin(con_padre_fuera)]
    if len(fuera):
        sueltas = pd.DataFrame(
            {
                "id": (RAIZ_SIN_VINCULO + SEPARADOR + tope["codigo"]).to_numpy(),
                "padre": RAIZ_SIN_VINCULO,
                "codigo": tope["codigo"].to_numpy(),
            }
        )
        arbol = pd.concat([arbol, _expandir(sueltas, enlaces)], ignore_index=True)

    info = metas.set_index("codigo")
    evaluadas = res.metas.reindex(arbol["codigo"])
    nodos_metas = pd.DataFrame(
        {
            "id": arbol["id"].to_numpy(),
            "padre": arbol["padre"].to_numpy(),
            "tipo": "meta",
            "codigo": arbol["codigo"].to_numpy(),
            "nivel": info["nivel"].reindex(arbol["codigo"]).astype("str").to_numpy(),
            "descripcion": info["descripcion"].reindex(arbol["codigo"]).astype("str").to_numpy(),
            "avance": evaluadas["avance"].to_numpy(dtype=float),
            "semaforo": evaluadas["semaforo"].astype("str").to_numpy(),
        }
    )
    partes = [ejes]
    if len(fuera):
        partes.append(
            pd.DataFrame(
                {
                    "id": [RAIZ_SIN_VINCULO],
                    "padre": [""],
                    "tipo": ["grupo"],
                    "codigo": [""],
                    "nivel": ["grupo"],
                    "descripcion": [ETIQUETA_SIN_VINCULO],
                }
            )
        )
    partes.append(nodos_metas)
    out = pd.concat(partes, ignore_index=True)
    out["avance"] = out["avance"].astype(float)
    out["semaforo"] = out["semaforo"].astype("object").where(out["tipo"] == "meta", None)
    return out[list(COLUMNAS_NODOS)]


def filtrar_nodos(
    nodos: pd.DataFrame,
    mcr: MCR,
    *,
    eje: str | None = None,
    sector: str | None = None,
    estado: str | None = None,
) -> pd.DataFrame:
    """The part of the tree (:func:`nodos_cadena`) that matches the filters, roots kept.

    ``eje``: the branch of that eje (with its dimensions' branches when it has any). ``sector``:
    goals of that sector and everything below them. ``estado``: goals in that state. Each node
    kept brings its ancestors along, so the tree stays whole; None filters nothing.
    """
    if not (eje or sector or estado):
        return nodos
    ids = nodos["id"].astype("str")
    caminos = ids.str.split(SEPARADOR)
    mascara = pd.Series(True, index=nodos.index)
    if eje:
        dimensiones = mcr.ejes.loc[mcr.ejes["eje_padre"].astype("str") == eje, "codigo"]
        mascara &= caminos.str[0].isin({eje, *dimensiones.astype("str")})
    if sector:
        del_sector = set(mcr.metas.loc[mcr.metas["sector"] == sector, "codigo"].astype("str"))
        mascara &= caminos.map(lambda camino: not del_sector.isdisjoint(camino)).astype(bool)
    if estado:
        mascara &= (nodos["semaforo"] == estado).fillna(False).astype(bool)
    padre_de = dict(zip(ids, nodos["padre"].astype("str"), strict=True))
    conservar = set(ids[mascara])
    for nodo in list(conservar):
        padre = padre_de.get(nodo, "")
        while padre and padre not in conservar:
            conservar.add(padre)
            padre = padre_de.get(padre, "")
    return nodos.loc[ids.isin(conservar)].reset_index(drop=True)


def metas_repetidas(nodos: pd.DataFrame) -> int:
    """How many goals appear more than once in the tree (they feed several goals)."""
    cuenta = nodos.loc[nodos["tipo"] == "meta", "codigo"].value_counts()
    return int((cuenta > 1).sum())


def opciones_metas(mcr: MCR) -> pd.DataFrame:
    """The goals to choose from, by level (presidential first), then code.

    Returns:
        Frame with ``codigo``, ``nivel`` and ``descripcion``.
    """
    metas = pd.DataFrame(
        {
            "codigo": mcr.metas["codigo"].astype("str").to_numpy(),
            "nivel": mcr.metas["nivel"].astype("str").to_numpy(),
            "descripcion": mcr.metas["descripcion"].astype("str").to_numpy(),
        }
    )
    orden = metas["nivel"].map(_RANGO_NIVEL).fillna(len(NIVELES))
    return (
        metas.assign(_orden=orden)
        .sort_values(["_orden", "codigo"], kind="stable")
        .drop(columns="_orden")
        .reset_index(drop=True)
    )


def aplanar_dimensiones(nodos: pd.DataFrame) -> pd.DataFrame:
    """The tree with an eje's dimensions (E2-ECO, E2-SOC) as roots beside the other ejes.

    An eje split into dimensions would otherwise add a ring to its branch only (eje → dimension
    → presidential…), pushing that branch's goals one ring further out than the other ejes'
    and out of the chart's view. Each dimension becomes a root of its own; its parent eje is
    left out when nothing else hangs from it. Ids do not change (links and filters keep
    working); only ``padre`` of the dimensions does.
    """
    ejes = nodos["tipo"] == "eje"
    padres_eje = set(nodos.loc[ejes & (nodos["padre"] != ""), "padre"])
    if not padres_eje:
        return nodos
    dimension = ejes & nodos["padre"].isin(padres_eje)
    out = nodos.assign(padre=nodos["padre"].where(~dimension, ""))
    con_otros_hijos = set(out.loc[out["padre"].isin(padres_eje), "padre"])
    vacios = padres_eje - con_otros_hijos
    return out.loc[~out["id"].isin(vacios)].reset_index(drop=True)


#: Most nodes the sunburst draws: above it the institutional level is left to the goal list (a
#: chart of thousands of goals is unreadable and weighs megabytes).
MAX_NODOS_GRAFICO = 2500


@dataclass(frozen=True)
class VistaCadena:
    """What ``/cadena`` shows for some filters.

    Attributes:
        nodos: the tree the chart draws (without the institutional level when it was cut), an
            eje's dimensions as roots (:func:`aplanar_dimensiones`).
        conteos: goals in the view per state (every state, zeros included).
        n_metas: distinct goals in the view.
        repetidas: goals that appear under more than one parent (:func:`metas_repetidas`).
        sin_vinculo: whether the view holds goals no eje reaches (:data:`RAIZ_SIN_VINCULO`).
        recortada: whether the chart was cut at the sectoral level.
        opciones: the goals of the view to choose from (:func:`opciones_metas` order).
        defecto: the goal shown by default: the most urgent presidential goal of the view (state
            order, then code), else the first option; None for an empty view.
    """

    nodos: pd.DataFrame
    conteos: dict[str, int]
    n_metas: int
    repetidas: int
    sin_vinculo: bool
    recortada: bool
    opciones: pd.DataFrame
    defecto: str | None


def vista_cadena(
    arbol: pd.DataFrame,
    mcr: MCR,
    *,
    eje: str | None = None,
    sector: str | None = None,
    estado: str | None = None,
    max_nodos: int = MAX_NODOS_GRAFICO,
) -> VistaCadena:
    """The value chain page's content: the filtered tree and what is said about it.

    Args:
        arbol: the whole tree (:func:`nodos_cadena`).
        mcr: the MCR (as the user may see it).
        eje, sector, estado: the filters (:func:`filtrar_nodos`).
        max_nodos: above this many nodes the chart stops at the sectoral level.
    """
    nodos = filtrar_nodos(arbol, mcr, eje=eje, sector=sector, estado=estado)
    metas = nodos.loc[nodos["tipo"] == "meta"].drop_duplicates("codigo")
    cuenta = metas["semaforo"].value_counts()
    recortada = len(nodos) > max_nodos
    opciones = opciones_metas(mcr)
    opciones = opciones.loc[opciones["codigo"].isin(set(metas["codigo"]))].reset_index(drop=True)
    presidenciales = metas.loc[metas["nivel"] == "presidencial"]
    urgentes = presidenciales.assign(
        _orden=presidenciales["semaforo"].map(_ORDEN_ESTADO).fillna(len(ESTADOS))
    ).sort_values(["_orden", "codigo"], kind="stable")
    if len(urgentes):
        defecto: str | None = str(urgentes["codigo"].iloc[0])
    elif len(opciones):
        defecto = str(opciones["codigo"].iloc[0])
    else:
        defecto = None
    return VistaCadena(
        nodos=aplanar_dimensiones(
            nodos.loc[nodos["nivel"] != "institucional"] if recortada else nodos
        ),
        conteos={e: int(cuenta.get(e, 0)) for e in ESTADOS},
        n_metas=len(metas),
        repetidas=metas_repetidas(nodos),
        sin_vinculo=bool((nodos["id"] == RAIZ_SIN_VINCULO).any()),
        recortada=recortada,
        opciones=opciones,
        defecto=defecto,
    )


def nodo_de_meta(nodos: pd.DataFrame, codigo: object) -> str | None:
    """Where the chart opens for a chosen goal (``?meta=``): the id of the first node of goal
    ``codigo`` that has nodes below it in ``nodos``; None when the goal is not in the tree or
    nothing hangs from it (the chart then opens at its top)."""
    if not isinstance(codigo, str) or not codigo:
        return None
    padres = set(nodos["padre"].astype("str"))
    ids = nodos.loc[(nodos["tipo"] == "meta") & (nodos["codigo"] == codigo), "id"].astype("str")
    return next((i for i in ids if i in padres), None)


def existe_meta(mcr: MCR, codigo: object) -> bool:
    """Whether ``codigo`` (a value from the browser: anything) is a goal of ``mcr``."""
    if not isinstance(codigo, str) or not codigo:
        return False
    return bool((mcr.metas["codigo"].astype("str") == codigo).any())


def metas_debajo(mcr: MCR, codigo: str) -> list[str]:
    """``codigo`` and every goal below it in the chain (each once), top-down."""
    enlaces = _hijos_por_meta(mcr)
    vistos = [str(codigo)]
    frontera = [str(codigo)]
    for _ in range(len(NIVELES) + 1):
        hijos = enlaces.loc[enlaces["padre"].isin(frontera), "hijo"].tolist()
        frontera = [h for h in dict.fromkeys(hijos) if h not in vistos]
        if not frontera:
            break
        vistos.extend(frontera)
    return vistos


def indicadores_por_eslabon(
    res: Resultado, mcr: MCR, codigo: str, *, con_contribuyentes: bool = True
) -> pd.DataFrame:
    """The indicators of goal ``codigo`` (and, by default, of every goal below it), in chain
    order insumo → actividad → producto → resultado → impacto.

    Returns:
        The columns of :func:`~data_layer.vistas.detalle.indicadores_de_metas` plus
        ``propio`` (it belongs to ``codigo`` itself); sorted by
        eslabón, own indicators first, then state severity and code.
    """
    metas = metas_debajo(mcr, codigo) if con_contribuyentes else [str(codigo)]
    out = indicadores_de_metas(res, mcr, metas)
    out["propio"] = out["meta_codigo"] == str(codigo)
    orden_eslabon = out["eslabon"].map(_ORDEN_ESLABON).fillna(len(ESLABONES))
    orden_estado = out["semaforo"].map({e: i for i, e in enumerate(ESTADOS)}).fillna(len(ESTADOS))
    return (
        out.assign(_e=orden_eslabon, _p=~out["propio"], _s=orden_estado)
        .sort_values(["_e", "_p", "_s", "codigo"], kind="stable")
        .drop(columns=["_e", "_p", "_s"])
        .reset_index(drop=True)
    )


@dataclass(frozen=True)
class ConteoEslabones:
    """How many indicators the eslabón columns of a goal hold, and whose.

    Attributes:
        propios: the goal's own indicators.
        ajenos: the indicators of the goals below it.
        metas_ajenas: how many goals below it those belong to.
    """

    propios: int
    ajenos: int
    metas_ajenas: int


def conteo_eslabones(indicadores: pd.DataFrame) -> ConteoEslabones:
    """The counts of :func:`indicadores_por_eslabon`'s rows (own ones, the others, their goals)."""
    propio = indicadores["propio"].astype(bool)
    return ConteoEslabones(
        propios=int(propio.sum()),
        ajenos=int((~propio).sum()),
        metas_ajenas=int(indicadores.loc[~propio, "meta_codigo"].nunique()),
    )
