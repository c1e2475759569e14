"""The presidential overview: evaluable periods, eje groups, presidential goals and their trend.

Pure functions of a :class:`~data_layer.engine.Resultado` and the :class:`MCR`; the dashboard's
``data`` module caches the engine results they read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from data_layer import periods
from data_layer.engine import Resultado, agregar
from data_layer.engine.frames import ESTADOS, MCR
from data_layer.engine.progress import round_half_up

#: Goals of this level are the overview's subject.
NIVEL_PRESIDENCIAL = "presidencial"


def conteo_estados(semaforos: pd.Series) -> dict[str, int]:
    """How many items are in each state, for every state in display order (zeros included)."""
    conteos = semaforos.value_counts()
    return {e: int(conteos.get(e, 0)) for e in ESTADOS}


def periodos_evaluables(mcr: MCR) -> list[str]:
    """Quarters that close a programmed period of some indicator, latest first.

    A quarterly target gives its own quarter; a semestral or annual one gives the quarter in which
    it ends (``2024-S1`` → ``2024-T2``, ``2024`` → ``2024-T4``).
    """
    unicos = pd.unique(mcr.programacion["periodo"].astype(str))
    trimestres = {periods.resolver(texto, "trimestral") for texto in unicos}
    return sorted(trimestres, key=lambda t: periods.parse(t).ordinal, reverse=True)


def periodo_por_defecto(
    disponibles: list[str], fecha_corte: dt.date, plazo_dias: int
) -> str | None:
    """The quarter pages open on: the latest one whose reports are due at ``fecha_corte``.

    When that quarter has no programacion, the latest available quarter before it is used, or the
    earliest available one when all lie in the future; None when nothing is programmed.
    """
    if not disponibles:
        return None
    vencido = periods.parse(periods.ultimo_trimestre_vencido(fecha_corte, plazo_dias))
    anteriores = [p for p in disponibles if periods.parse(p).ordinal <= vencido.ordinal]
    if anteriores:
        return max(anteriores, key=lambda p: periods.parse(p).ordinal)
    return min(disponibles, key=lambda p: periods.parse(p).ordinal)


def trimestre_anterior(periodo: str) -> str:
    """The quarter before ``periodo`` (``2025-T1`` → ``2024-T4``); a quarter text is expected."""
    p = periods.parse(periods.resolver(periodo, "trimestral"))
    return str(periods.from_ordinal(p.ordinal - 1, "trimestral"))


def ejes_hoja(mcr: MCR) -> pd.DataFrame:
    """The eje groups of the overview: ejes that have no dimensions (E1, E2-ECO, E2-SOC, E3, E4).

    Returns:
        Frame indexed by eje code (sorted) with column ``nombre``.
    """
    ejes = mcr.ejes.set_index("codigo")
    padres = set(mcr.ejes["eje_padre"].dropna().astype(str))
    return ejes.loc[~ejes.index.isin(padres), ["nombre"]].sort_index()


def resumen_ejes(res: Resultado, mcr: MCR, metas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Avance and state counts of the presidential goals of each eje group.

    The groups are the ejes without dimensions (E1, E2-ECO, E2-SOC, E3, E4). A goal attached
    directly to an eje that has dimensions (E2) would belong to no group, so such an eje gets a
    group of its own holding only those goals ("sin dimensión"); every presidential goal is thus
    counted exactly once. Roll-ups are the engine's :func:`agregar`.

    Args:
        res: the engine's result.
        mcr: the MCR.
        metas: the goals to roll up, a subset of ``res.metas`` (e.g. after the URL filters);
            default all of them.

    Returns:
        Frame indexed by eje code (sorted) with ``nombre``, ``avance`` (NaN when no goal has
        one), ``n_metas`` and one count column per state.
    """
    metas = res.metas if metas is None else metas
    columnas = ["avance", "n_metas", *ESTADOS]
    grupos = ejes_hoja(mcr)
    agregado = agregar(metas, mcr, por="eje", niveles=[NIVEL_PRESIDENCIAL])
    partes = [grupos.join(agregado.reindex(grupos.index)[columnas])]

    presidenciales = metas.loc[metas["nivel"] == NIVEL_PRESIDENCIAL]
    padres = sorted(set(mcr.ejes["eje_padre"].dropna().astype(str)))
    directas = presidenciales.loc[presidenciales["eje"].isin(padres)]
    if len(directas):
        con_metas = sorted(set(directas["eje"].astype(str)))
        propio = agregar(directas, mcr, por="eje", niveles=[NIVEL_PRESIDENCIAL]).reindex(con_metas)
        nombres = mcr.ejes.set_index("codigo")["nombre"].reindex(con_metas)
        partes.append(
            propio[columnas].assign(nombre=nombres.astype(str) + " (sin dimensión)")[
                ["nombre", *columnas]
            ]
        )
    out = pd.concat(partes).sort_index()
    conteos = ["n_metas", *ESTADOS]
    out[conteos] = out[conteos].fillna(0).astype("int64")
    return out


def metas_presidenciales(
    res: Resultado, mcr: MCR, metas: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The presidential goals with their avance and semáforo, most urgent state first.

    Args:
        res: the engine's result.
        mcr: the MCR (descriptions).
        metas: a subset of ``res.metas`` to list (e.g. after the URL filters); default all.

    Returns:
        Frame with ``codigo``, ``descripcion``, ``eje``, ``avance_directo``,
        ``avance_contribuyentes``, ``cobertura``, ``avance`` and ``semaforo``, sorted by state
        severity (rojo, amarillo, verde, sin_dato, pendiente, no_programado), then code.
    """
    metas = res.metas if metas is None else metas
    metas = metas.loc[metas["nivel"] == NIVEL_PRESIDENCIAL]
    descripciones = mcr.metas.set_index("codigo")["descripcion"]
    out = pd.DataFrame(
        {
            "codigo": metas.index.astype(str),
            "descripcion": descripciones.reindex(metas.index).to_numpy(),
            "eje": metas["eje"].to_numpy(),
            "avance_directo": metas["avance_directo"].to_numpy(dtype="float64"),
            "avance_contribuyentes": metas["avance_contribuyentes"].to_numpy(dtype="float64"),
            "cobertura": metas["cobertura"].to_numpy(dtype="float64"),
            "avance": metas["avance"].to_numpy(dtype="float64"),
            "semaforo": metas["semaforo"].astype(str).to_numpy(),
        }
    )
    orden = out["semaforo"].map({e: i for i, e in enumerate(ESTADOS)})
    return (
        out.assign(_orden=orden)
        .sort_values(["_orden", "codigo"], kind="stable")
        .drop(columns="_orden")
        .reset_index(drop=True)
    )


def tendencia(actual: pd.Series, anterior: pd.Series) -> pd.DataFrame:
    """Change of each goal's avance against the previous quarter, in percentage points.

    Both avances are rounded to one decimal (what the screen shows) before comparing, so a goal
    shown at ``74.1 %`` twice is ``=`` even if the unrounded numbers differ.

    Args:
        actual: avance (0–100) per goal code in the evaluated quarter.
        anterior: avance per goal code in the previous quarter (missing codes have none).

    Returns:
        Frame indexed like ``actual`` with ``avance_anterior`` (NaN when unknown), ``cambio``
        (points; NaN when either avance is missing) and ``tendencia`` (``sube``, ``baja``,
        ``igual``, or NA when it cannot be computed).
    """
    previo = anterior.reindex(actual.index).to_numpy(dtype=float)
    ahora = actual.to_numpy(dtype=float)
    cambio = round_half_up(ahora * 10) / 10 - round_half_up(previo * 10) / 10
    cambio = np.round(cambio, 1)  # remove float noise of the subtraction (0.1 - 0.0 ...)
    sentido = np.select([cambio > 0, cambio < 0, cambio == 0], ["sube", "baja", "igual"], "")
    return pd.DataFrame(
        {
            "avance_anterior": previo,
            "cambio": cambio,
            "tendencia": pd.Series(sentido, index=actual.index, dtype="str").replace("", pd.NA),
        },
        index=actual.index,
    )


#: Frequencies from the finest to the coarsest.
_FRECUENCIAS = ("trimestral", "semestral", "anual")


def frecuencia_metas(mcr: MCR) -> pd.Series:
    """The frequency at which each goal can move: the finest frequency of its own indicators
    or, for a goal without indicators of its own, of the goals contributing to it (down the
    chain). A goal of annual indicators only changes once a year.

    Returns:
        Series indexed by goal code: ``trimestral``, ``semestral``, ``anual`` or None (no
        indicator anywhere below it).
    """
    rango = {f: i for i, f in enumerate(_FRECUENCIAS)}
    ind = mcr.indicadores
    propio = ind["frecuencia"].astype("str").map(rango).groupby(ind["meta"].astype("str")).min()
    codigos = pd.Index(mcr.metas["codigo"].astype("str"))
    actual = propio.reindex(codigos).astype("float64")
    contrib = mcr.contribuciones
    hijo = contrib["meta"].astype("str").to_numpy()
    destino = contrib["meta_destino"].astype("str").to_numpy()
    for _ in range(len(_FRECUENCIAS) + 1):  # one pass per level of the chain is enough
        de_hijos = pd.Series(actual.reindex(hijo).to_numpy(), index=destino).groupby(level=0).min()
        faltan = actual.isna()
        if not faltan.any():
            break
        actual = actual.fillna(de_hijos.reindex(codigos))
    nombres = np.array(_FRECUENCIAS, dtype=object)
    conocido = actual.notna().to_numpy()
    out = np.full(len(actual), None, dtype=object)
    out[conocido] = nombres[actual.to_numpy()[conocido].astype(np.int64)]
    return pd.Series(out, index=codigos, dtype=object)


def periodo_comparado(periodo: str, frecuencia: str) -> tuple[str, str, str]:
    """What a goal of ``frecuencia`` evaluated as of quarter ``periodo`` is compared with.

    Returns:
        ``(own period, previous own period, quarter in which that previous period ends)``: as of
        ``2026-T3``, anual → ``("2025", "2024", "2024-T4")``; trimestral → ``("2026-T3",
        "2026-T2", "2026-T2")``; semestral → ``("2026-S1", "2025-S2", "2025-T4")``.
    """
    propio = periods.resolver(periodo, frecuencia)
    anterior = str(periods.parse(propio).desplazar(-1))
    return propio, anterior, periods.resolver(anterior, "trimestral")


#: Columns of :func:`comparaciones`.
COLUMNAS_COMPARACION = ("periodo_propio", "periodo_anterior", "trimestre_anterior")


def comparaciones(mcr: MCR, metas: pd.Index, periodo: str) -> pd.DataFrame:
    """For each goal of ``metas``, its own period as of ``periodo`` and the previous one it is
    compared with (:func:`frecuencia_metas`, :func:`periodo_comparado`).

    Returns:
        Frame indexed by ``metas``, columns :data:`COLUMNAS_COMPARACION` (None for a goal
        without any indicator below it).
    """
    frecuencias = frecuencia_metas(mcr).reindex(metas)
    filas = {
        f: periodo_comparado(periodo, f) for f in pd.unique(frecuencias.dropna().astype("str"))
    }
    vacio = (None, None, None)
    datos = [filas.get(f, vacio) if isinstance(f, str) else vacio for f in frecuencias]
    return pd.DataFrame(datos, index=metas, columns=list(COLUMNAS_COMPARACION), dtype=object)


def tendencia_propia(
    actual: pd.Series, comparadas: pd.DataFrame, avances: Mapping[str, pd.Series]
) -> pd.DataFrame:
    """Each goal's trend against its own previous evaluable period (:func:`tendencia`).

    Args:
        actual: avance per goal code in the evaluated quarter.
        comparadas: :func:`comparaciones` of those goals.
        avances: quarter → avance per goal code as of that quarter, for every
            ``trimestre_anterior`` of ``comparadas``.

    Returns:
        :func:`tendencia`'s frame plus ``periodo_propio`` and ``periodo_anterior``.
    """
    anterior = pd.Series(np.nan, index=actual.index, dtype="float64")
    trimestres = comparadas["trimestre_anterior"].reindex(actual.index)
    for trimestre, avance in avances.items():
        cuales = (trimestres == trimestre).to_numpy()
        anterior[cuales] = avance.reindex(actual.index[cuales]).to_numpy(dtype="float64")
    out = tendencia(actual, anterior)
    out["periodo_propio"] = comparadas["periodo_propio"].reindex(actual.index).to_numpy()
    out["periodo_anterior"] = comparadas["periodo_anterior"].reindex(actual.index).to_numpy()
    return out


def metas_del_sector_y_superiores(mcr: MCR, sector: str) -> pd.Index:
    """Codes of the goals of ``sector`` and of every goal they contribute to (up to the
    presidential goals): what the overview keeps under its sector filter, so ``/?sector=SAL``
    shows the presidential goals Salud contributes to. An unknown sector gives none."""
    from data_layer.vistas.alcance import hacia_arriba

    propias = mcr.metas.loc[mcr.metas["sector"].astype("str") == sector, "codigo"]
    return pd.Index(sorted(hacia_arriba(mcr, set(propias.astype("str")))))
