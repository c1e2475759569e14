"""Roll-ups (DOMAIN.md §3): goals, then sectors / ejes / institutions, and the institutional bands.

Each rule in one function:

- a goal's avance directo and cobertura from its own indicators ..... :func:`direct_rollup`
- a goal's avance de contribuyentes from the goals under it ......... :func:`contributors_rollup`
- a goal's semáforo ................................................. :func:`goal_semaforo`
- which goals belong to an eje / sector / institution ............... :func:`group_membership`
- weighted mean and counts per group ................................ :func:`agregar_pares`
- bajo / medio / alto ............................................... :func:`classify_banda`

Goals are computed level by level (institucional, sectorial, presidencial): a goal's avance de
contribuyentes uses the final avance of the goals of the levels below it. A contribution from a
goal of the same or a higher level (not expected in an MCR) finds no avance yet and is left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from data_layer.engine.frames import (
    AMARILLO,
    ESTADOS_CON_VALOR,
    MCR,
    NO_PROGRAMADO,
    PENDIENTE,
    ROJO,
    SIN_DATO,
    VERDE,
    Reglas,
)
from data_layer.engine.progress import classify_semaforo, evaluar_indicadores, round_half_up

#: Columns of :func:`evaluar_metas`, in order.
COLUMNAS_METAS = (
    "nivel",
    "eje",
    "sector",
    "institucion",
    "peso",
    "n_indicadores",
    "avance_directo",
    "cobertura",
    "avance_contribuyentes",
    "avance",
    "semaforo",
)

#: Levels in computation order: each one's contributors are already final.
ORDEN_NIVELES = ("institucional", "sectorial", "presidencial")

BANDAS = ("bajo", "medio", "alto")

#: A missing text in an object array (for ``np.where``).
_NINGUNO = np.array(None, dtype=object)

#: Count columns of :func:`agregar`, in order.
ESTADOS_AGREGAR = (VERDE, AMARILLO, ROJO, SIN_DATO, PENDIENTE, NO_PROGRAMADO)


def prepare_metas(metas: pd.DataFrame) -> pd.DataFrame:
    """Goals indexed by code, text columns as text, ``peso`` defaulting to 1."""
    out = pd.DataFrame(index=pd.Index(metas["codigo"].astype("str"), name="codigo"))
    for col in ("nivel", "eje", "sector", "institucion"):
        out[col] = metas[col].astype("str").to_numpy()
    out["peso"] = pd.to_numeric(metas["peso"], errors="coerce").fillna(1.0).to_numpy(dtype=float)
    return out


def _weighted_mean(suma_ponderada: pd.Series, suma_pesos: pd.Series) -> pd.Series:
    """Σ w·x / Σ w, NaN when no weight."""
    return (suma_ponderada / suma_pesos.where(suma_pesos > 0)).astype(float)


def direct_rollup(indicadores: pd.DataFrame, metas_index: pd.Index) -> pd.DataFrame:
    """Avance directo and cobertura of each goal from its own indicators.

    avance directo = Σ peso·clip(P, 0, 100) / Σ peso over the indicators with a value (verde,
    amarillo, rojo); cobertura = weight with a value / weight of the indicators that are neither
    no_programado nor pendiente × 100 (NaN when that weight is 0).

    Returns:
        Frame indexed like ``metas_index``: ``n_indicadores``, ``avance_directo``, ``cobertura``,
        ``peso_exigible`` (the cobertura denominator), ``hay_pendiente``.
    """
    # States and goals as integer codes: each distinct text is looked at once.
    codigos, estados = pd.factorize(indicadores["semaforo"].to_numpy(dtype=object))
    estados = pd.Index(estados)

    def es(nombres: tuple[str, ...]) -> np.ndarray:
        return np.r_[estados.isin(nombres), False][codigos]

    con_valor = es(ESTADOS_CON_VALOR)
    peso = indicadores["peso"].to_numpy(dtype=float)
    p = indicadores["avance_pct"].clip(0, 100).to_numpy(dtype=float)
    meta = pd.Index(metas_index).get_indexer(indicadores["meta_codigo"].to_numpy(dtype=object))
    de_una_meta = meta >= 0
    partes = pd.DataFrame(
        {
            "meta": meta,
            "n_indicadores": 1,
            "peso_valor": np.where(con_valor, peso, 0.0),
            "suma_ponderada": np.where(con_valor, peso * p, 0.0),
            "peso_exigible": np.where(~es((NO_PROGRAMADO, PENDIENTE)), peso, 0.0),
            "hay_pendiente": es((PENDIENTE,)),
        }
    )
    if not de_una_meta.all():
        partes = partes[de_una_meta]
    sumas = partes.groupby("meta", sort=False).sum().reindex(np.arange(len(metas_index)))
    sumas.index = metas_index
    sumas["n_indicadores"] = sumas["n_indicadores"].fillna(0).astype(np.int64)
    sumas["hay_pendiente"] = sumas["hay_pendiente"].fillna(0).astype(bool)
    sumas["peso_exigible"] = sumas["peso_exigible"].fillna(0.0)
    return pd.DataFrame(
        {
            "n_indicadores": sumas["n_indicadores"],
            "avance_directo": _weighted_mean(sumas["suma_ponderada"], sumas["peso_valor"]),
            "cobertura": _weighted_mean(sumas["peso_valor"] * 100.0, sumas["peso_exigible"]),
            "peso_exigible": sumas["peso_exigible"],
            "hay_pendiente": sumas["hay_pendiente"],
        },
        index=metas_index,
    )


def contributors_rollup(
    contribuciones: pd.DataFrame, avance: pd.Series, semaforo: pd.Series, destinos: pd.Index
) -> pd.DataFrame:
    """Avance de contribuyentes of the goals ``destinos``.

    Weighted mean (contribution ``peso``) of the ``avance`` of the goals contributing to each
    destination; children in sin_dato or without avance are left out.

    Returns:
        Frame indexed by ``destinos``: ``avance_contribuyentes`` and ``n_contribuyentes`` (every
        contributing link, used or not).
    """
    c = contribuciones[contribuciones["meta_destino"].isin(destinos)]
    codigos, unicos = pd.factorize(destinos)
    media, cuantos = _contributors_sums(
        pd.Index(unicos).get_indexer(c["meta_destino"]),
        avance.reindex(c["meta"]).to_numpy(),
        semaforo.reindex(c["meta"]).to_numpy(),
        c["peso"].to_numpy(),
        len(unicos),
    )
    return pd.DataFrame(
        {"avance_contribuyentes": media[codigos], "n_contribuyentes": cuantos[codigos]},
        index=destinos,
    )


def _contributors_sums(
    destino: np.ndarray,
    hijo_avance: np.ndarray,
    hijo_semaforo: np.ndarray,
    peso: np.ndarray,
    n: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The rule of :func:`contributors_rollup` on positions: per destination ``0..n-1``, the
    weighted mean of the usable children's avance and the number of links."""
    usable = ~np.isnan(hijo_avance) & (hijo_semaforo != SIN_DATO)
    partes = pd.DataFrame(
        {
            "destino": destino,
            "n_contribuyentes": 1,
            "peso": np.where(usable, peso, 0.0),
            "suma_ponderada": np.where(usable, peso * np.nan_to_num(hijo_avance), 0.0),
        }
    )
    sumas = partes.groupby("destino", sort=False).sum().reindex(np.arange(n))
    return (
        _weighted_mean(sumas["suma_ponderada"], sumas["peso"]).to_numpy(),
        sumas["n_contribuyentes"].fillna(0).to_numpy().astype(np.int64),
    )


def goal_semaforo(
    n_indicadores: np.ndarray,
    peso_exigible: np.ndarray,
    hay_pendiente: np.ndarray,
    cobertura: np.ndarray,
    avance_directo: np.ndarray,
    avance_contribuyentes: np.ndarray,
    n_contribuyentes: np.ndarray,
    reglas: Reglas,
) -> np.ndarray:
    """A goal's state.

    With own indicators: nothing exigible → pendiente if any indicator is pendiente, else
    no_programado; cobertura < ``reglas.cobertura_minima`` → sin_dato; else the traffic light of
    the rounded avance directo. Without own indicators: the traffic light of the rounded avance de
    contribuyentes; if there is none, sin_dato when it has contributors, no_programado otherwise.
    """
    directo = np.select(
        [
            (peso_exigible <= 0) & hay_pendiente,
            peso_exigible <= 0,
            (cobertura < reglas.cobertura_minima) | np.isnan(avance_directo),
        ],
        [PENDIENTE, NO_PROGRAMADO, SIN_DATO],
        default=classify_semaforo(
            round_half_up(avance_directo), reglas.umbral_verde, reglas.umbral_amarillo
        ),
    )
    por_contribuyentes = np.select(
        [~np.isnan(avance_contribuyentes), n_contribuyentes > 0],
        [
            classify_semaforo(
                round_half_up(avance_contribuyentes), reglas.umbral_verde, reglas.umbral_amarillo
            ),
            SIN_DATO,
        ],
        default=NO_PROGRAMADO,
    )
    return np.where(n_indicadores > 0, directo, por_contribuyentes)


def prepare_contribuciones(contribuciones: pd.DataFrame) -> pd.DataFrame:
    """Contribution links with text codes and ``peso`` defaulting to 1."""
    return pd.DataFrame(
        {
            "meta": contribuciones["meta"].astype("str").to_numpy(),
            "meta_destino": contribuciones["meta_destino"].astype("str").to_numpy(),
            "peso": pd.to_numeric(contribuciones["peso"], errors="coerce")
            .fillna(1.0)
            .to_numpy(dtype=float),
        }
    )


def evaluar_metas(
    mcr: MCR, indicadores: pd.DataFrame, reglas: Reglas | None = None
) -> pd.DataFrame:
    """Evaluate every goal from its indicators' evaluation and its contributing goals.

    Args:
        mcr: the MCR (goals and contributions).
        indicadores: the output of :func:`~data_layer.engine.progress.evaluar_indicadores`.
        reglas: thresholds and cobertura mínima.

    Returns:
        One row per goal, index ``codigo``, columns :data:`COLUMNAS_METAS` (cobertura 0–100).
    """
    reglas = reglas or Reglas()
    metas = prepare_metas(mcr.metas)
    contribuciones = prepare_contribuciones(mcr.contribuciones)
    directo = direct_rollup(indicadores, metas.index)

    # Goals by position (codes are unique); a link to or from an unknown goal is -1.
    n = len(metas)
    origen = metas.index.get_indexer(pd.Index(contribuciones["meta"], dtype=object))
    destino = metas.index.get_indexer(pd.Index(contribuciones["meta_destino"], dtype=object))
    peso_enlace = contribuciones["peso"].to_numpy()
    nivel = metas["nivel"].to_numpy(dtype=object)
    n_indicadores = directo["n_indicadores"].to_numpy()
    avance_directo = directo["avance_directo"].to_numpy()

    avance = np.full(n, np.nan)
    semaforo = np.full(n, NO_PROGRAMADO, dtype=object)
    avance_contribuyentes = np.full(n, np.nan)
    for nivel_actual in ORDEN_NIVELES:
        filas = np.flatnonzero(nivel == nivel_actual)
        del_nivel = np.zeros(n + 1, dtype=bool)
        del_nivel[filas] = True
        enlaces = np.flatnonzero(del_nivel[destino])  # destino -1 reads the extra False
        hijo = origen[enlaces]
        conocido = hijo >= 0
        media, cuantos = _contributors_sums(
            destino[enlaces],
            np.where(conocido, avance[hijo], np.nan),
            np.where(conocido, semaforo[hijo], _NINGUNO),
            peso_enlace[enlaces],
            n,
        )
        media, cuantos = media[filas], cuantos[filas]
        propios = n_indicadores[filas] > 0
        avance[filas] = np.where(propios, avance_directo[filas], media)
        semaforo[filas] = goal_semaforo(
            n_indicadores[filas],
            directo["peso_exigible"].to_numpy()[filas],
            directo["hay_pendiente"].to_numpy()[filas],
            directo["cobertura"].to_numpy()[filas],
            avance_directo[filas],
            media,
            cuantos,
            reglas,
        )
        avance_contribuyentes[filas] = media

    return pd.DataFrame(
        {
            "nivel": metas["nivel"],
            "eje": metas["eje"],
            "sector": metas["sector"],
            "institucion": metas["institucion"],
            "peso": metas["peso"],
            "n_indicadores": directo["n_indicadores"],
            "avance_directo": directo["avance_directo"],
            "cobertura": directo["cobertura"],
            "avance_contribuyentes": avance_contribuyentes,
            "avance": avance,
            "semaforo": pd.Series(semaforo, index=metas.index, dtype="str"),
        },
        index=metas.index,
    )


def group_membership(
    metas: pd.DataFrame, mcr: MCR, por: Literal["eje", "sector", "institucion"]
) -> pd.DataFrame:
    """(goal, group) pairs: which goals an eje / sector / institution is made of.

    A goal belongs to its own ``eje`` / ``sector`` / ``institucion``. For ``por="eje"`` a goal with
    a sector but no eje belongs to every eje of that sector (``mcr.sector_ejes``), and a parent eje
    (E2) also holds the goals of its dimensions (E2-ECO, E2-SOC), each goal once.

    Returns:
        Frame with columns ``meta`` and ``grupo``, without duplicates.
    """
    propio = pd.DataFrame({"meta": metas.index.to_numpy(), "grupo": metas[por].to_numpy()})
    propio = propio[propio["grupo"].notna()]
    if por != "eje":
        return propio.reset_index(drop=True)
    sin_eje = metas[metas["eje"].isna() & metas["sector"].notna()]
    sector_ejes = pd.DataFrame(
        {
            "sector": mcr.sector_ejes["sector"].astype("str").to_numpy(),
            "grupo": mcr.sector_ejes["eje"].astype("str").to_numpy(),
        }
    )
    via_sector = pd.DataFrame(
        {"meta": sin_eje.index.to_numpy(), "sector": sin_eje["sector"].to_numpy()}
    ).merge(sector_ejes, on="sector")[["meta", "grupo"]]
    pares = pd.concat([propio, via_sector], ignore_index=True)
    padres = pd.Series(
        mcr.ejes["eje_padre"].astype("str").to_numpy(),
        index=mcr.ejes["codigo"].astype("str").to_numpy(),
    ).dropna()
    # One pass per level of the eje hierarchy (DOMAIN.md has one: dimensions under E2).
    nuevos = pares
    while len(nuevos):
        nuevos = pd.DataFrame(
            {"meta": nuevos["meta"].to_numpy(), "grupo": nuevos["grupo"].map(padres).to_numpy()}
        ).dropna()
        nuevos = nuevos[
            ~nuevos.set_index(["meta", "grupo"]).index.isin(
                pares.set_index(["meta", "grupo"]).index
            )
        ]
        pares = pd.concat([pares, nuevos], ignore_index=True)
    return pares.drop_duplicates().reset_index(drop=True)


def _all_groups(mcr: MCR, por: str) -> pd.Index:
    fuente = {
        "eje": mcr.ejes["codigo"],
        "sector": mcr.sectores["codigo"],
        "institucion": mcr.instituciones["sigla"],
    }[por]
    return pd.Index(fuente.astype("str").to_numpy(), name=por)


def agregar(
    metas: pd.DataFrame,
    mcr: MCR,
    por: Literal["eje", "sector", "institucion"],
    niveles: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Weighted mean of goals' avance and counts per state, per eje, sector or institution.

    Args:
        metas: the output of :func:`evaluar_metas`.
        mcr: the MCR (the groups and, for ejes, sector ↔ eje links and parent ejes).
        por: ``"eje"``, ``"sector"`` or ``"institucion"``; membership as in
            :func:`group_membership`.
        niveles: only goals of these levels (all when None).

    Returns:
        Index = the group's code (sigla for institutions), named ``por``; every group of the MCR
        (plus any group a goal names that the MCR lacks). Columns as :func:`agregar_pares`.
    """
    if niveles is not None:
        metas = metas[metas["nivel"].isin(list(niveles))]
    return agregar_pares(metas, group_membership(metas, mcr, por), _all_groups(mcr, por))


def agregar_pares(metas: pd.DataFrame, pares: pd.DataFrame, grupos: pd.Index) -> pd.DataFrame:
    """The roll-up rule itself: weighted mean of goals' avance and counts per state, per group.

    Args:
        metas: goals evaluated by :func:`evaluar_metas` (index = goal code).
        pares: which goals make each group: columns ``meta`` and ``grupo`` (a goal may be in
            several groups; see :func:`group_membership`).
        grupos: the groups to report, in order (named as the result's index); any group named
            in ``pares`` but missing here is appended.

    Returns:
        Index = ``grupos``. Columns ``avance`` (mean of the goals' avance weighted by goal
        ``peso``, leaving out goals in sin_dato or without avance; NaN when none), ``n_metas`` and
        one count per state (:data:`ESTADOS_AGREGAR`).
    """
    m = metas.reindex(pares["meta"])
    usable = (m["semaforo"] != SIN_DATO).to_numpy() & m["avance"].notna().to_numpy()
    peso = m["peso"].to_numpy(dtype=float)
    partes = pd.DataFrame(
        {
            "grupo": pares["grupo"].to_numpy(),
            "n_metas": 1,
            "peso": np.where(usable, peso, 0.0),
            "suma_ponderada": np.where(usable, peso * m["avance"].fillna(0).to_numpy(), 0.0),
        }
    )
    for estado in ESTADOS_AGREGAR:
        partes[estado] = (m["semaforo"] == estado).to_numpy().astype(np.int64)
    sumas = partes.groupby("grupo", sort=False).sum()
    grupos = grupos.append(sumas.index.difference(grupos).rename(grupos.name))
    sumas = sumas.reindex(grupos)
    out = pd.DataFrame(
        {"avance": _weighted_mean(sumas["suma_ponderada"], sumas["peso"])}, index=grupos
    )
    out["n_metas"] = sumas["n_metas"].fillna(0).astype(np.int64)
    for estado in ESTADOS_AGREGAR:
        out[estado] = sumas[estado].fillna(0).astype(np.int64)
    return out


def classify_banda(avance: pd.Series, reglas: Reglas) -> pd.Series:
    """bajo / medio / alto of the half-up rounded avance (NA when there is no avance)."""
    redondeado = round_half_up(avance.to_numpy(dtype=float))
    banda = np.select(
        [redondeado >= reglas.banda_alto, redondeado >= reglas.banda_medio],
        ["alto", "medio"],
        default="bajo",
    )
    return pd.Series(banda, index=avance.index, dtype="str").where(~np.isnan(redondeado))


def evaluacion_institucional(
    mcr: MCR, anio: int, fecha_corte: dt.date, reglas: Reglas | None = None
) -> pd.DataFrame:
    """DIGER's yearly institutional evaluation.

    Each institution's institutional goals are evaluated as of ``{anio}-T4``; goals in sin_dato,
    pendiente or no_programado are left out and the others averaged, weighted by goal ``peso``.

    Returns:
        Index ``sigla`` (every institution of the MCR, and any named by a goal): ``anio``,
        ``avance`` (NaN when no goal was evaluated), ``banda`` (:func:`classify_banda`),
        ``n_metas`` (goals that entered the mean).
    """
    reglas = reglas or Reglas()
    indicadores = evaluar_indicadores(mcr, f"{anio}-T4", fecha_corte, reglas)
    metas = evaluar_metas(mcr, indicadores, reglas)
    evaluadas = metas[
        (metas["nivel"] == "institucional") & metas["semaforo"].isin(ESTADOS_CON_VALOR)
    ]
    por_institucion = agregar(evaluadas, mcr, "institucion")
    por_institucion.index = por_institucion.index.rename("sigla")
    out = pd.DataFrame(
        {
            "anio": np.full(len(por_institucion), anio, dtype=np.int64),
            "avance": por_institucion["avance"],
        },
        index=por_institucion.index,
    )
    out["banda"] = classify_banda(out["avance"], reglas)
    out["n_metas"] = por_institucion["n_metas"]
    return out


def distribucion_bandas(evaluacion: pd.DataFrame) -> pd.Series:
    """Number of institutions per band (bajo, medio, alto; institutions without avance aside)."""
    return (
        evaluacion["banda"]
        .value_counts()
        .reindex(list(BANDAS), fill_value=0)
        .astype(np.int64)
        .rename("instituciones")
        .rename_axis("banda")
    )
