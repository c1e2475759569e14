"""The one place pages get data: engine results per period (cached), the MCR and the data context.

Each Dash app owns one :class:`Datos` (its database, rules and cache), stored on its Flask server;
page callbacks reach it through the module functions below, which only work inside a request
(callbacks always run in one). Nothing here connects at import time or when the app is created:
the engine is created on first use, after gunicorn forks its workers.

The frames handed to pages are built by pure functions of ``data_layer.vistas`` (some re-exported
here where pages already use them: :func:`periodo_por_defecto`...), so they can be tested without
a database or a browser; :mod:`dashboard.vistas` caches the views built from them. This module
only reaches and caches data, and validates what the URL asks for (:func:`periodo_efectivo`,
:func:`filtros_validos`).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
from flask import current_app, g, has_request_context
from flask_login import current_user
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from dashboard.cache import CacheTolerante
from dashboard.filtros import Filtros
from data_layer import periods, permisos, queries, versiones
from data_layer.auth import Alcance
from data_layer.db import get_engine, session_factory
from data_layer.engine import Resultado, metas_por_periodo, run
from data_layer.engine.frames import MCR, Reglas
from data_layer.mesas.consultas import load_mesas
from data_layer.mesas.frames import FramesMesas
from data_layer.models import Rol
from data_layer.periods import hoy_honduras
from data_layer.vistas import resumen as vistas_resumen
from data_layer.vistas.alcance import (
    clave_alcance,
    restringir_mcr,
    restringir_metas,
    restringir_resultado,
)
from data_layer.vistas.resumen import (
    NIVEL_PRESIDENCIAL,
    conteo_estados,
    ejes_hoja,
    metas_presidenciales,
    periodo_por_defecto,
    resumen_ejes,
)

__all__ = [
    "EXTENSION",
    "validar_filtros",
    "NIVEL_PRESIDENCIAL",
    "ContextoDatos",
    "Datos",
    "conteo_estados",
    "contexto",
    "datos",
    "ejes_hoja",
    "filtros_validos",
    "hoy_honduras",
    "mcr",
    "mesas",
    "metas_presidenciales",
    "periodo_efectivo",
    "periodo_por_defecto",
    "periodos_evaluables",
    "reglas",
    "resultado",
    "resumen_ejes",
]

T = TypeVar("T")

#: Key of the app's :class:`Datos` in ``flask.Flask.extensions``.
EXTENSION = "sigpret_datos"


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


def _fecha_honduras(momento: dt.datetime | None) -> dt.date | None:
    return None if momento is None else periods.hora_honduras(momento).date()


#: ``g`` keys of the per-request versions (:meth:`Datos._por_peticion`).
_VERSION_DATOS = "sigpret_version_datos"
_VERSION_ESCRITURAS = "sigpret_version_escrituras"
_VERSION_MESAS = "sigpret_version_mesas"


class Datos:
    """Data access of one Dash app: its database, its rules and its result cache."""

    def __init__(self, database_url: str, cache: CacheTolerante, reglas: Reglas) -> None:
        """Keep the configuration; connect only on first use.

        Args:
            database_url: SQLAlchemy URL of the database.
            cache: the app's cache (results are stored there; a failing store is a miss).
            reglas: the computation rules (thresholds, deadlines).
        """
        self.database_url = database_url
        self.cache = cache
        self.reglas = reglas
        # Results of different databases or rules must never share a Redis key.
        self._huella = hashlib.sha256(f"{database_url}|{reglas!r}".encode()).hexdigest()[:16]
        self._lock = threading.Lock()
        self._mcr: tuple[int, MCR] | None = None
        # The MCR cut down per scope, for the current version (cleared when the version changes).
        self._mcr_alcance: dict[str, MCR] = {}
        self._memo: OrderedDict[str, Resultado] = OrderedDict()
        self._mesas: tuple[int, FramesMesas] | None = None

    @property
    def engine(self) -> Engine:
        """The process-wide SQLAlchemy engine of this database (created lazily)."""
        return get_engine(self.database_url)

    def _por_peticion(self, nombre: str, leer: Callable[[Session], int]) -> int:
        """``leer`` once per request (kept in ``g`` under ``nombre`` until the request commits;
        the session check fills it, :func:`anotar_versiones`); outside a request, each time."""
        if not has_request_context():
            with session_factory(self.engine)() as session:
                return leer(session)
        memo: dict[str, int] = g.setdefault(nombre, {})
        if self.database_url not in memo:
            with session_factory(self.engine)() as session:
                memo[self.database_url] = leer(session)
        return memo[self.database_url]

    def version(self) -> int:
        """The current data version (:func:`queries.data_version`), read once per request: a
        callback that asks several times gets the same number, for one database round trip."""
        return self._por_peticion(_VERSION_DATOS, queries.data_version)

    def version_escrituras(self) -> int:
        """The counter every committed write of shown data moves (:data:`versiones.ESCRITURAS`),
        read once per request like :meth:`version`."""
        return self._por_peticion(
            _VERSION_ESCRITURAS, lambda s: versiones.leer(s, versiones.ESCRITURAS)
        )

    def version_mesas(self) -> int:
        """The mesa data version: a counter every committed mesa change moves (0 when none),
        read once per request like :meth:`version`.

        Mesa records change through the forms, without an MCR import; each such transaction
        moves the counter (:mod:`data_layer.versiones`), in commit order.
        """
        return self._por_peticion(_VERSION_MESAS, lambda s: versiones.leer(s, versiones.MESAS))

    def mesas(self, version: int | None = None) -> FramesMesas:
        """Every mesa table at mesa ``version`` (default: current), read once per version.

        Not limited to the user's scope: pages ask :mod:`data_layer.vistas.mesas` what to show.
        """
        version = self.version_mesas() if version is None else version
        with self._lock:
            if self._mesas is None or self._mesas[0] != version:
                with session_factory(self.engine)() as session:
                    self._mesas = (version, load_mesas(session))
            return self._mesas[1]

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

    def mcr_completa(self, version: int | None = None) -> MCR:
        """The whole MCR at ``version`` (default: current), read once per version per process.

        Not limited to the user's scope: for the engine only. Pages use :meth:`mcr`.
        """
        version = self.version() if version is None else version
        with self._lock:
            if self._mcr is not None and self._mcr[0] > version:
                # A newer version is already here (read by the background reader, or another
                # request, after this request read its version): versions only grow, so the
                # older one is never read again for a request that is already out of date.
                return self._mcr[1]
            if self._mcr is None or self._mcr[0] != version:
                gc.unfreeze()  # let the collector reclaim the previous version's frames
                self._mcr = None
                self._mcr_alcance.clear()
                with session_factory(self.engine)() as session:
                    self._mcr = (version, queries.load_mcr(session))
                _congelar_monticulo()
            return self._mcr[1]

    def mcr(self, version: int | None = None) -> MCR:
        """The MCR at ``version`` as the current user may see it (see :mod:`vistas.alcance`)."""
        completa = self.mcr_completa(version)
        a = alcance_de_recorte()
        if a is None:
            return completa
        clave = clave_alcance(a)
        with self._lock:
            if clave not in self._mcr_alcance:
                self._mcr_alcance[clave] = restringir_mcr(completa, a)
            return self._mcr_alcance[clave]

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
        with self._lock:
            guardado = self._memo.get(clave)
            if guardado is not None:
                self._memo.move_to_end(clave)
        if guardado is None:
            # The shared cache (Redis across workers) stores pickles: unpickling a whole result
            # on every callback costs more than the callback, so each process keeps the latest
            # few. Keys hold the data version, so an import invalidates both.
            guardado = self.cache.get(clave)
            if not isinstance(guardado, Resultado):
                guardado = run(self.mcr_completa(version), periodo, fecha_corte, self.reglas)
                self.cache.set(clave, guardado)
            with self._lock:
                self._memo[clave] = guardado
                while len(self._memo) > MEMO_RESULTADOS:
                    self._memo.popitem(last=False)
        a = alcance_de_recorte()
        if a is None:
            return guardado
        return restringir_resultado(guardado, self.mcr_completa(version), a)

    def metas_por_periodo(
        self, periodos: list[str], fecha_corte: dt.date, version: int
    ) -> dict[str, pd.DataFrame]:
        """The goals evaluated as of each of ``periodos`` (engine :func:`metas_por_periodo`).

        For the heat maps: one preparation of the inputs for all quarters instead of one full
        engine run each. Cached per data version, periods and cut date (for everybody), then cut
        down to the current user's scope.
        """
        for p in periodos:
            periods.parse(p)  # reject a malformed period before it reaches a cache key
        clave = f"metas:{self._huella}:{version}:{','.join(periodos)}:{fecha_corte.isoformat()}"
        guardado = self.cache.get(clave)
        if not isinstance(guardado, dict):
            guardado = metas_por_periodo(
                self.mcr_completa(version), periodos, fecha_corte, self.reglas
            )
            self.cache.set(clave, guardado)
        a = alcance_de_recorte()
        if a is None:
            return guardado
        completa = self.mcr_completa(version)
        return {p: restringir_metas(m, completa, a) for p, m in guardado.items()}

    def vista(self, nombre: str, periodo: str, fecha_corte: dt.date, construir: Any) -> Any:
        """A view derived from one evaluation (``construir(resultado, mcr)``), cached like it.

        For views that cost more than a filter (e.g. alerts enriched with their place): the key
        holds the view's name, the data version, the period and the cut date, so an import
        invalidates it too.

        Args:
            nombre: the view's name (unique per ``construir``).
            periodo: the evaluated quarter.
            fecha_corte: the cut date.
            construir: function of (:class:`Resultado`, :class:`MCR`) returning the view.
        """
        version = self.version()
        return self.memo(
            f"{nombre}:{self.clave_resultado(periodo, fecha_corte, version)}",
            lambda: construir(self.resultado(periodo, fecha_corte, version), self.mcr(version)),
        )

    def vaciar(self) -> None:
        """Forget every cached result and view (the shared cache and this process's memo).

        What an import does implicitly (every key holds the data version); for benchmarks and
        tests that must see a first visitor's cost.
        """
        self.cache.clear()
        with self._lock:
            self._memo.clear()

    def memo(self, clave: str, construir: Callable[[], T]) -> T:
        """``construir()`` cached under ``clave`` for the current user's scope.

        ``clave`` must hold everything the value depends on (the data version included, e.g.
        through :meth:`clave_resultado`); the scope is added here, so users who see different
        parts of the MCR never share a value.
        """
        completa = f"vista:{clave_alcance(alcance_de_recorte())}:{clave}"
        guardado = self.cache.get(completa)
        if guardado is not None:
            return guardado  # type: ignore[no-any-return]
        valor = construir()
        self.cache.set(completa, valor)
        return valor


def anotar_versiones(database_url: str, version: int, escrituras: int, mesas: int) -> None:
    """Take this request's data versions as read with its session check (one statement for
    all, :func:`data_layer.auth.sesion_vigente`): :meth:`Datos.version`,
    :meth:`Datos.version_escrituras` and :meth:`Datos.version_mesas` then ask the database
    nothing more until a commit."""
    if has_request_context():
        for nombre, valor in (
            (_VERSION_DATOS, version),
            (_VERSION_ESCRITURAS, escrituras),
            (_VERSION_MESAS, mesas),
        ):
            g.setdefault(nombre, {})[database_url] = valor


@event.listens_for(Session, "after_commit")
def _olvidar_version(_session: Session) -> None:
    """A request that writes reads the data version again after its commit (the memo of
    :meth:`Datos.version` is per request, not across a write)."""
    if has_request_context():
        for nombre in (_VERSION_DATOS, _VERSION_ESCRITURAS, _VERSION_MESAS):
            g.pop(nombre, None)


def _congelar_monticulo() -> None:
    """Move every object alive now out of the garbage collector's reach (``gc.freeze``).

    The process then holds the app, the libraries and the MCR: hundreds of thousands of
    long-lived objects that every full collection would scan again, pausing whichever callback
    triggered it for 0.2–0.8 s (measured: the p95 outliers of ``make bench-dashboard``). Frozen
    objects are still freed by reference counting; only cycles among them wait until the next
    data version unfreezes them (:meth:`Datos.mcr_completa`).
    """
    gc.collect()
    gc.freeze()


#: Engine results each process keeps unpickled (see :meth:`Datos.resultado`).
MEMO_RESULTADOS = 12

#: The scope of a request with no logged-in user: nothing at all (fail closed).
SIN_ALCANCE = Alcance(usuario="", rol=Rol.upgret)


def alcance_actual() -> Alcance | None:
    """Who is asking: the logged-in user's scope; None when nobody is logged in (or outside a
    web request).

    The one answer to "who is this user" for pages, callbacks and downloads; what they may see or
    change is asked of :mod:`data_layer.permisos` with it (None is refused everything there).
    """
    if not has_request_context():
        return None
    usuario = current_user
    if usuario is None or not getattr(usuario, "is_authenticated", False):
        return None
    alcance: Alcance | None = getattr(usuario, "alcance", None)
    return alcance


def alcance_de_recorte() -> Alcance | None:
    """The scope that cuts shared data (MCR, results, mesas) down, where None means "everything".

    None outside a web request (the CLI, benchmarks) and for a role that sees the whole MCR
    (:func:`data_layer.permisos.ve_todo`); inside a request without a logged-in user (the login
    guard normally prevents it), an empty scope, so a mistake can only hide data, never reveal
    it. For the functions of :mod:`data_layer.vistas` that take ``alcance=None`` as everything.
    """
    if not has_request_context():
        return None
    a = alcance_actual()
    if a is None:
        return SIN_ALCANCE
    return None if permisos.ve_todo(a) else a


def sesion_lectura() -> Session:
    """A reading session of the current app's database (``with data.sesion_lectura() as s:``).

    For pages that hand it to :mod:`data_layer.mesas.registros` readers, so they open no engine
    themselves (pages never import :mod:`data_layer.db`). Writes go through the services, in
    :func:`dashboard.components.formularios.escribir`'s write session.
    """
    return session_factory(datos().engine)()


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


def mesas() -> FramesMesas:
    """The mesa frames at the current mesa version (see :meth:`Datos.mesas`)."""
    return datos().mesas()


def resultado(periodo: str, fecha_corte: dt.date) -> Resultado:
    """The cached engine result for ``periodo`` at ``fecha_corte`` (see :meth:`Datos.resultado`)."""
    return datos().resultado(periodo, fecha_corte)


_POR_MCR: dict[tuple[int, str], Any] = {}
_POR_MCR_VIVAS: set[int] = set()
_POR_MCR_LOCK = threading.Lock()


def _olvidar_mcr(ident: int) -> None:
    with _POR_MCR_LOCK:
        _POR_MCR_VIVAS.discard(ident)
        for clave in [c for c in _POR_MCR if c[0] == ident]:
            del _POR_MCR[clave]


def por_mcr(m: MCR, nombre: str, construir: Callable[[MCR], T]) -> T:
    """``construir(m)`` computed once per MCR object in this process, forgotten with the object.

    For small facts every callback asks (the evaluable quarters, the known codes) that would
    otherwise scan the whole MCR each time. An MCR object never changes and lives as long as its
    data version is current (:meth:`Datos.mcr_completa`), so its identity is a safe key.
    """
    ident = id(m)
    with _POR_MCR_LOCK:
        if (ident, nombre) in _POR_MCR:
            return _POR_MCR[(ident, nombre)]  # type: ignore[no-any-return]
    valor = construir(m)
    with _POR_MCR_LOCK:
        if ident not in _POR_MCR_VIVAS:
            _POR_MCR_VIVAS.add(ident)
            weakref.finalize(m, _olvidar_mcr, ident)
        _POR_MCR[(ident, nombre)] = valor
    return valor


def periodos_evaluables(m: MCR) -> list[str]:
    """Quarters that close a programmed period of ``m``, latest first (computed once per MCR).

    See :func:`data_layer.vistas.resumen.periodos_evaluables`.
    """
    return list(por_mcr(m, "periodos_evaluables", vistas_resumen.periodos_evaluables))


def _codigos_conocidos(m: MCR) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    # unique() first: iterating a pandas text column item by item is slow (7,000+ theme tags).
    return (
        frozenset(m.ejes["codigo"].astype("str").unique()),
        frozenset(m.sectores["codigo"].astype("str").unique()),
        frozenset(m.indicador_temas["tema"].astype("str").unique()),
    )


def periodo_efectivo(periodo: str | None) -> str:
    """The quarter a page evaluates: the URL's ``periodo`` when it is evaluable, else the default.

    The default is the latest quarter whose reports are due today (:func:`periodo_por_defecto`);
    with nothing programmed at all, the latest due quarter itself.
    """
    disponibles = periodos_evaluables(mcr())
    if periodo in disponibles:
        return periodo  # type: ignore[return-value]
    plazo = reglas().plazo_reporte_dias
    defecto = periodo_por_defecto(disponibles, hoy_honduras(), plazo)
    return defecto or periods.ultimo_trimestre_vencido(hoy_honduras(), plazo)


def validar_filtros(f: Filtros, m: MCR) -> Filtros:
    """``f`` without the values ``m`` does not know (pure version of :func:`filtros_validos`).

    A period that is not evaluable, an eje, sector or theme that is not in the MCR become None
    ("no filter"); the state is already checked by :func:`dashboard.filtros.from_query`.
    """
    ejes, sectores, temas = por_mcr(m, "codigos_conocidos", _codigos_conocidos)
    return Filtros(
        periodo=f.periodo if f.periodo in periodos_evaluables(m) else None,
        eje=f.eje if f.eje in ejes else None,
        sector=f.sector if f.sector in sectores else None,
        tema=f.tema if f.tema in temas else None,
        estado=f.estado,
    )


def filtros_validos(f: Filtros) -> Filtros:
    """``f`` with the codes the current MCR does not know dropped (see :func:`validar_filtros`)."""
    return validar_filtros(f, mcr())
