"""The one place pages get data: engine results per period (cached), the MCR and the data context.

Each Dash app owns one :class:`Datos` (its database, rules and cache), stored on its Flask server;
page callbacks reach it through the module functions below, which only work inside a request
(callbacks always run in one). Nothing here connects at import time or when the app is created:
the engine is created on first use, after gunicorn forks its workers.

The frames handed to pages (:func:`resumen_ejes`, :func:`metas_presidenciales`) are pure functions
of a :class:`Resultado` and the :class:`MCR`, so they can be tested without a database or a browser.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from dataclasses import dataclass

import pandas as pd
from flask import current_app
from flask_caching import Cache
from sqlalchemy import Engine

from data_layer import periods, queries
from data_layer.db import get_engine, session_factory
from data_layer.engine import Resultado, agregar, run
from data_layer.engine.frames import ESTADOS, MCR, Reglas

#: Key of the app's :class:`Datos` in ``flask.Flask.extensions``.
EXTENSION = "sigpret_datos"

#: Honduras keeps UTC−6 all year (no daylight saving time since 2006).
ZONA_HONDURAS = dt.timezone(dt.timedelta(hours=-6), "CST")

#: Eje groups of the presidential overview are the ejes without dimensions (E1, E2-ECO, ...).
NIVEL_PRESIDENCIAL = "presidencial"


@dataclass(frozen=True)
class ContextoDatos:
    """What the shell says about the data: its version, whether it is a demo, and its date.

    Attributes:
        version: id of the latest import that changed data (0 when there was none).
        es_demo: whether that import loaded the demonstration dataset.
        fecha_datos: the day (Honduras time) of that import, or None.
    """

    version: int
    es_demo: bool
    fecha_datos: dt.date | None


def hoy_honduras() -> dt.date:
    """Today's date in Honduras: the default cut date of every evaluation."""
    return dt.datetime.now(ZONA_HONDURAS).date()


def _fecha_honduras(momento: dt.datetime | None) -> dt.date | None:
    if momento is None:
        return None
    if momento.tzinfo is None:  # SQLite's CURRENT_TIMESTAMP is UTC without a zone
        momento = momento.replace(tzinfo=dt.UTC)
    return momento.astimezone(ZONA_HONDURAS).date()


class Datos:
    """Data access of one Dash app: its database, its rules and its result cache."""

    def __init__(self, database_url: str, cache: Cache, reglas: Reglas) -> None:
        """Keep the configuration; connect only on first use.

        Args:
            database_url: SQLAlchemy URL of the database.
            cache: the app's Flask-Caching cache (results are stored there).
            reglas: the computation rules (thresholds, deadlines).
        """
        self.database_url = database_url
        self.cache = cache
        self.reglas = reglas
        # Results of different databases or rules must never share a Redis key.
        self._huella = hashlib.sha256(f"{database_url}|{reglas!r}".encode()).hexdigest()[:16]
        self._lock = threading.Lock()
        self._mcr: tuple[int, MCR] | None = None

    @property
    def engine(self) -> Engine:
        """The process-wide SQLAlchemy engine of this database (created lazily)."""
        return get_engine(self.database_url)

    def version(self) -> int:
        """The current data version (id of the latest import)."""
        with session_factory(self.engine)() as session:
            return queries.data_version(session)

    def contexto(self) -> ContextoDatos:
        """Version, demo flag and date of the latest import."""
        with session_factory(self.engine)() as session:
            ultima = queries.latest_import(session)
        if ultima is None:
            return ContextoDatos(version=0, es_demo=False, fecha_datos=None)
        return ContextoDatos(
            version=ultima.id,
            es_demo=bool(ultima.es_demo),
            fecha_datos=_fecha_honduras(ultima.realizada_en),
        )

    def mcr(self, version: int | None = None) -> MCR:
        """The whole MCR at ``version`` (default: current), read once per version per process."""
        version = self.version() if version is None else version
        with self._lock:
            if self._mcr is None or self._mcr[0] != version:
                with session_factory(self.engine)() as session:
                    self._mcr = (version, queries.load_mcr(session))
            return self._mcr[1]

    def clave_resultado(self, periodo: str, fecha_corte: dt.date, version: int) -> str:
        """The cache key of a result: database and rules, data version, period and cut date."""
        return f"resultado:{self._huella}:{version}:{periodo}:{fecha_corte.isoformat()}"

    def resultado(
        self, periodo: str, fecha_corte: dt.date, version: int | None = None
    ) -> Resultado:
        """The engine's evaluation of ``periodo`` as known at ``fecha_corte``, cached.

        The cache key holds the period, the cut date and the data version, so any import
        invalidates it in every worker.

        Args:
            periodo: the evaluated quarter (or any period text).
            fecha_corte: the cut date.
            version: the data version to evaluate (default: the current one).
        """
        periods.parse(periodo)  # reject a malformed period before it reaches a cache key
        version = self.version() if version is None else version
        clave = self.clave_resultado(periodo, fecha_corte, version)
        guardado = self.cache.get(clave)
        if isinstance(guardado, Resultado):
            return guardado
        res = run(self.mcr(version), periodo, fecha_corte, self.reglas)
        self.cache.set(clave, res)
        return res


def datos() -> Datos:
    """The :class:`Datos` of the app serving the current request."""
    return current_app.extensions[EXTENSION]


def contexto() -> ContextoDatos:
    """Version, demo flag and date of the latest import (see :meth:`Datos.contexto`)."""
    return datos().contexto()


def reglas() -> Reglas:
    """The computation rules of the current app."""
    return datos().reglas


def mcr() -> MCR:
    """The current MCR (see :meth:`Datos.mcr`)."""
    return datos().mcr()


def resultado(periodo: str, fecha_corte: dt.date) -> Resultado:
    """The cached engine result for ``periodo`` at ``fecha_corte`` (see :meth:`Datos.resultado`)."""
    return datos().resultado(periodo, fecha_corte)


@dataclass(frozen=True)
class ResumenPresidencial:
    """What the presidential overview shows for one period.

    Attributes:
        metas: the presidential goals (see :func:`metas_presidenciales`).
        ejes: the eje groups' avance and counts (see :func:`resumen_ejes`).
        conteos: number of presidential goals per state (every state present, zeros included).
    """

    metas: pd.DataFrame
    ejes: pd.DataFrame
    conteos: dict[str, int]


def resumen_presidencial(periodo: str, fecha_corte: dt.date) -> ResumenPresidencial:
    """The overview of ``periodo`` at ``fecha_corte``: results and MCR of one data version."""
    d = datos()
    version = d.version()
    res = d.resultado(periodo, fecha_corte, version)
    mcr = d.mcr(version)
    metas = metas_presidenciales(res, mcr)
    return ResumenPresidencial(
        metas=metas, ejes=resumen_ejes(res, mcr), conteos=conteo_estados(metas["semaforo"])
    )


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
    """The quarter the overview opens on: the latest one whose reports are due at ``fecha_corte``.

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


def ejes_hoja(mcr: MCR) -> pd.DataFrame:
    """The eje groups of the overview: ejes that have no dimensions (E1, E2-ECO, E2-SOC, E3, E4).

    Returns:
        Frame indexed by eje code (sorted) with column ``nombre``.
    """
    ejes = mcr.ejes.set_index("codigo")
    padres = set(mcr.ejes["eje_padre"].dropna().astype(str))
    return ejes.loc[~ejes.index.isin(padres), ["nombre"]].sort_index()


def resumen_ejes(res: Resultado, mcr: MCR) -> pd.DataFrame:
    """Avance and state counts of the presidential goals of each eje group.

    The groups are the ejes without dimensions (E1, E2-ECO, E2-SOC, E3, E4). A goal attached
    directly to an eje that has dimensions (E2) would belong to no group, so such an eje gets a
    group of its own holding only those goals ("sin dimensión"); every presidential goal is thus
    counted exactly once. Roll-ups are the engine's :func:`agregar`.

    Returns:
        Frame indexed by eje code (sorted) with ``nombre``, ``avance`` (NaN when no goal has
        one), ``n_metas`` and one count column per state.
    """
    columnas = ["avance", "n_metas", *ESTADOS]
    grupos = ejes_hoja(mcr)
    agregado = agregar(res.metas, mcr, por="eje", niveles=[NIVEL_PRESIDENCIAL])
    partes = [grupos.join(agregado.reindex(grupos.index)[columnas])]

    presidenciales = res.metas.loc[res.metas["nivel"] == NIVEL_PRESIDENCIAL]
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


def metas_presidenciales(res: Resultado, mcr: MCR) -> pd.DataFrame:
    """The presidential goals with their avance and semáforo, most urgent state first.

    Returns:
        Frame with ``codigo``, ``descripcion``, ``eje``, ``avance_directo``,
        ``avance_contribuyentes``, ``cobertura``, ``avance`` and ``semaforo``, sorted by state
        severity (rojo, amarillo, verde, sin_dato, pendiente, no_programado), then code.
    """
    metas = res.metas.loc[res.metas["nivel"] == NIVEL_PRESIDENCIAL]
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
