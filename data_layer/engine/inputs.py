"""Normalise the MCR frames into integer-keyed tables the engine computes on.

Every indicator gets a position ``pos`` (its row in the indicator table). Programacion and avances
rows carry that position and the ordinal of their period, so that lookups and grouped sums are
numpy operations on integers instead of joins on text codes. Period arithmetic itself is
``data_layer.periods``: each distinct period text is parsed once and broadcast to its rows.

Assumptions (guaranteed by the database and the importer): one programacion row per (indicador,
periodo); avances hold the validated versions of each period, of which the latest validated by the
cut date counts (DOMAIN.md §8); period texts are valid. Rows whose period frequency differs from
the indicator's frequency are ignored, as are rows of unknown indicators, targets without a number
and avances without a value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from data_layer import periods
from data_layer.engine.frames import MCR

#: Multiplier that packs (pos, ordinal) into one int64 key; ordinals stay below 4 * 9999 + 4.
CLAVE = 1 << 16

_TEXTO_INDICADOR = (
    "meta",
    "nombre",
    "eslabon",
    "unidad",
    "sentido",
    "tipo",
    "frecuencia",
    "institucion_responsable",
)
_NUM_INDICADOR = ("linea_base", "umbral_verde", "umbral_amarillo", "peso")


@dataclass(frozen=True)
class Entradas:
    """The MCR's indicator data, normalised once per evaluation.

    Attributes:
        indicadores: index ``codigo``; text columns, float ``linea_base``/``umbral_*``/``peso``
            (peso defaults to 1), ``pos`` (row position) and ``por_anio`` (periods per year).
        programacion: ``pos, periodo, ordinal, anio, meta, meta_original, vencimiento, clave``,
            sorted by ``clave`` (indicator, then period).
        avances: same period columns plus ``valor`` and ``fecha_reporte``; per (indicator,
            period) the latest version validated by ``fecha_corte``; sorted by ``clave``.
        recepciones: same period columns plus ``recibido_en``: the first receipt of each period
            received by ``fecha_corte`` (validated or not); sorted by ``clave``.
        versiones: same period columns plus ``numero``, ``recibido_en``, ``validado_en``,
            ``devuelto_en``: the versions sent by ``fecha_corte`` (review times after the cut
            date are NaT: not happened yet), except first versions validated by then; sorted by
            ``clave`` then ``numero``. Prepared on first use (only the reporting-cycle alerts
            read them), from ``versiones_mcr``.
        fecha_corte: the cut date of the evaluation.
        plazo_dias: days after a period's end when its report is due.
        versiones_mcr: the MCR's ``versiones`` frame, as given.
    """

    indicadores: pd.DataFrame
    programacion: pd.DataFrame
    avances: pd.DataFrame
    recepciones: pd.DataFrame
    fecha_corte: dt.date
    plazo_dias: int
    versiones_mcr: pd.DataFrame = field(repr=False)

    @cached_property
    def versiones(self) -> pd.DataFrame:
        """See the class docstring (prepared once, on first use)."""
        return prepare_versiones(
            self.versiones_mcr, self.indicadores, self.fecha_corte, self.plazo_dias
        )


def clave(pos: np.ndarray, ordinal: np.ndarray) -> np.ndarray:
    """Pack indicator position and period ordinal into one sortable int64 key."""
    claves = pos.astype(np.int64) * CLAVE
    claves += ordinal.astype(np.int64, copy=False)
    return claves


def per_period(
    periodos: pd.Series, funcion: Callable[[str], Any], dtype: str | type = object
) -> np.ndarray:
    """Apply ``funcion`` to each distinct period text once and broadcast it to every row."""
    codigos, unicos = pd.factorize(periodos.astype(str))
    return np.array([funcion(p) for p in unicos], dtype=dtype)[codigos]


def due_dates(periodos: pd.Series, plazo_dias: int) -> np.ndarray:
    """Due date (datetime64[ns]) of each period's report: period end + ``plazo_dias``."""
    return per_period(
        periodos, lambda p: periods.vencimiento(p, plazo_dias), dtype="datetime64[ns]"
    )


def is_overdue(vencimiento: np.ndarray, fecha_corte: dt.date) -> np.ndarray:
    """A report is overdue when the cut date is past its due date (the due date itself is not)."""
    return np.datetime64(fecha_corte, "ns") > vencimiento


def is_late(fecha_reporte: np.ndarray, vencimiento: np.ndarray) -> np.ndarray:
    """A report is late when it arrived after its due date (False when there is no report)."""
    return fecha_reporte > vencimiento


def _momentos(columna: pd.Series) -> np.ndarray:
    """A column of times as datetime64[ns] numbers (no copy when it already is one)."""
    if columna.dtype == "datetime64[ns]":
        return columna.to_numpy()
    return pd.to_datetime(columna).to_numpy(dtype="datetime64[ns]")


def known_at_cut(avances: pd.DataFrame, fecha_corte: dt.date) -> pd.DataFrame:
    """The validated versions that exist for an evaluation at ``fecha_corte``.

    A version validated after the cut date is ignored: the evaluation is "as known at the cut
    date" (DOMAIN.md §8). A version without a validation date counts from its report date; one
    with neither cannot be placed in time and is kept. Of several versions of one period, the
    latest validated counts (:func:`latest_per_period`).
    """
    conocidas = _conocidas(avances, fecha_corte)
    return avances if conocidas.all() else avances[conocidas]


def _conocidas(avances: pd.DataFrame, fecha_corte: dt.date) -> np.ndarray:
    """The rule of :func:`known_at_cut` as a mask of ``avances`` rows."""
    validado = _momentos(avances["validado_en"])
    validado = np.where(np.isnat(validado), _momentos(avances["fecha_reporte"]), validado)
    return np.isnat(validado) | (validado <= np.datetime64(fecha_corte, "ns"))


def latest_per_period(rows: pd.DataFrame) -> pd.DataFrame:
    """Of a ``clave``-sorted frame, the latest validated row of each (indicator, period).

    The common case (one version per period) is one vectorised comparison.
    """
    claves = rows["clave"].to_numpy()
    if len(claves) < 2 or not (claves[1:] == claves[:-1]).any():
        return rows
    # NaT (no validation date) views as the smallest integer: it sorts first.
    validado = rows["validado_en"].to_numpy().astype("datetime64[ns]").view(np.int64)
    orden = np.lexsort((validado, claves))
    claves = claves[orden]
    ultima = np.r_[claves[1:] != claves[:-1], True]
    return rows.iloc[orden[ultima]].reset_index(drop=True)


def prepare_indicadores(indicadores: pd.DataFrame) -> pd.DataFrame:
    """Index the indicators by code and give their columns the engine's dtypes."""
    columnas: dict[str, Any] = {
        col: indicadores[col].astype("str").array for col in _TEXTO_INDICADOR
    }
    for col in _NUM_INDICADOR:
        columnas[col] = pd.to_numeric(indicadores[col], errors="coerce").to_numpy(dtype=float)
    columnas["peso"] = np.where(np.isnan(columnas["peso"]), 1.0, columnas["peso"])
    columnas["pos"] = np.arange(len(indicadores), dtype=np.int64)
    codigos, frecuencias = pd.factorize(columnas["frecuencia"].to_numpy(dtype=object))
    columnas["por_anio"] = np.array(
        [periods.PERIODOS_POR_ANIO.get(f, 0) for f in frecuencias] + [0], dtype=np.int64
    )[codigos]
    return pd.DataFrame(
        columnas,
        index=pd.Index(indicadores["codigo"].astype(str), name="codigo"),
        copy=False,
    )


def _texto(columna: pd.Series | np.ndarray) -> np.ndarray:
    """A text column as a numpy object array (hashing Python ``str`` objects there is several
    times faster than through pandas' ``str`` dtype)."""
    if isinstance(columna, pd.Series):
        if columna.dtype != object and not isinstance(columna.dtype, pd.StringDtype):
            columna = columna.astype("str")
        return columna.to_numpy(dtype=object)
    return np.asarray(columna, dtype=object)


def _posiciones(indice: pd.Index, codigos: np.ndarray) -> np.ndarray:
    """Row of each code in ``indice`` (-1 when absent).

    Rows of one indicator come together (the database and the importer order them), so each run
    of equal codes is looked up once: the text hashing is per indicator, not per row. Unsorted
    input gives the same result, only slower.
    """
    if len(codigos) == 0:
        return np.zeros(0, dtype=np.int64)
    nuevo = np.empty(len(codigos), dtype=bool)
    nuevo[0] = True
    np.not_equal(codigos[1:], codigos[:-1], out=nuevo[1:])
    inicios = np.flatnonzero(nuevo)
    primeros = codigos[inicios]
    if len(primeros) == len(indice) and (primeros == indice.to_numpy(dtype=object)).all():
        pos = np.arange(len(indice), dtype=np.int64)  # every indicator, in the table's order
    else:
        pos = indice.get_indexer(pd.Index(primeros, dtype=object))
    return np.repeat(pos.astype(np.int64, copy=False), np.diff(np.r_[inicios, len(codigos)]))


def _calendar(periodos: pd.Series | np.ndarray, plazo_dias: int) -> dict[str, np.ndarray]:
    """Periods per year, ordinal, year and due date of each row, parsing each text once."""
    codigos, unicos = pd.factorize(_texto(periodos))
    parsed = [periods.parse(p) for p in unicos]
    tabla = {
        "por_anio": np.array(
            [periods.PERIODOS_POR_ANIO[p.frecuencia] for p in parsed], dtype=np.int64
        ),
        "ordinal": np.array([p.ordinal for p in parsed], dtype=np.int64),
        "anio": np.array([p.anio for p in parsed], dtype=np.int64),
        "vencimiento": np.array(
            [periods.vencimiento(str(p), plazo_dias) for p in parsed], dtype="datetime64[ns]"
        ),
    }
    return {nombre: valores[codigos] for nombre, valores in tabla.items()}


def _period_rows(
    frame: pd.DataFrame | dict[str, np.ndarray],
    indicadores: pd.DataFrame,
    plazo_dias: int,
    columnas: tuple[str, ...],
) -> pd.DataFrame:
    """Attach ``pos`` and the period's calendar columns; drop rows that do not fit an indicator.

    ``columnas`` of ``frame`` are carried over unchanged. Sorted by ``clave`` (stable; input
    already in that order, as the database gives it, is not sorted again).
    """
    pos = _posiciones(indicadores.index, _texto(frame["indicador"]))
    periodo = _texto(frame["periodo"])
    cal = _calendar(periodo, plazo_dias)
    ok = (pos >= 0) & (indicadores["por_anio"].to_numpy()[np.maximum(pos, 0)] == cal["por_anio"])
    todas = bool(ok.all())
    claves = clave(pos, cal["ordinal"]) if todas else clave(pos[ok], cal["ordinal"][ok])
    orden = None if (np.diff(claves) >= 0).all() else np.argsort(claves, kind="stable")

    def filas(valores: np.ndarray) -> np.ndarray:
        valores = valores if todas else valores[ok]
        return valores if orden is None else valores[orden]

    # copy=False: the columns are this function's own arrays; copying and consolidating millions
    # of rows into blocks would cost more than computing them.
    return pd.DataFrame(
        {
            "pos": filas(pos),
            # object, not pandas' str: no per-row validation of texts that are already str
            "periodo": pd.Series(filas(periodo), dtype=object, copy=False),
            "ordinal": filas(cal["ordinal"]),
            "anio": filas(cal["anio"]),
            "vencimiento": filas(cal["vencimiento"]),
            "clave": claves if orden is None else claves[orden],
            **{col: filas(np.asarray(frame[col])) for col in columnas},
        },
        copy=False,
    )


def prepare_programacion(
    programacion: pd.DataFrame, indicadores: pd.DataFrame, plazo_dias: int
) -> pd.DataFrame:
    """Targets per (indicator, period); ``meta_original`` defaults to the current target."""
    meta = pd.to_numeric(programacion["meta"], errors="coerce").to_numpy(dtype=float)
    original = pd.to_numeric(programacion["meta_original"], errors="coerce").to_numpy(dtype=float)
    con_meta = ~np.isnan(meta)
    filas = {
        "indicador": _texto(programacion["indicador"]),
        "periodo": _texto(programacion["periodo"]),
        "meta": meta,
        "meta_original": np.where(np.isnan(original), meta, original),
    }
    if not con_meta.all():
        filas = {col: valores[con_meta] for col, valores in filas.items()}
    return _period_rows(filas, indicadores, plazo_dias, ("meta", "meta_original"))


def _avances_rows(
    avances: pd.DataFrame, indicadores: pd.DataFrame, plazo_dias: int
) -> pd.DataFrame:
    """Every avances row (with or without a value) placed by :func:`_period_rows`, with
    ``valor``, ``fecha_reporte`` and ``validado_en`` (the report date when the frame has none)."""
    fecha = pd.to_datetime(avances["fecha_reporte"]).to_numpy(dtype="datetime64[ns]")
    validado = (
        pd.to_datetime(avances["validado_en"]).to_numpy(dtype="datetime64[ns]")
        if "validado_en" in avances
        else fecha
    )
    frame = {
        "indicador": _texto(avances["indicador"]),
        "periodo": _texto(avances["periodo"]),
        "valor": pd.to_numeric(avances["valor"], errors="coerce").to_numpy(dtype=float),
        "fecha_reporte": fecha,
        "validado_en": validado,
    }
    return _period_rows(frame, indicadores, plazo_dias, ("valor", "fecha_reporte", "validado_en"))


def _known_values(filas: pd.DataFrame, fecha_corte: dt.date) -> pd.DataFrame:
    """Of placed avances rows, the value that counts per (indicator, period) at ``fecha_corte``."""
    cuentan = ~np.isnan(filas["valor"].to_numpy()) & _conocidas(filas, fecha_corte)
    if not cuentan.all():
        filas = filas.iloc[np.flatnonzero(cuentan)].reset_index(drop=True)
    return latest_per_period(filas).drop(columns="validado_en")


def prepare_avances(
    avances: pd.DataFrame, indicadores: pd.DataFrame, fecha_corte: dt.date, plazo_dias: int
) -> pd.DataFrame:
    """The value that counts per (indicator, period) at ``fecha_corte``: the latest version
    validated by then (:func:`known_at_cut`, :func:`latest_per_period`)."""
    return _known_values(_avances_rows(avances, indicadores, plazo_dias), fecha_corte)


def _first_receipts(
    filas_avances: pd.DataFrame,
    recepciones: pd.DataFrame,
    indicadores: pd.DataFrame,
    fecha_corte: dt.date,
    plazo_dias: int,
    valores: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The first receipt per (indicator, period) by ``fecha_corte``, from placed avances rows
    (their report dates) and the ``recepciones`` frame.

    ``valores`` (the known values of the same rows, :func:`_known_values`) are shared instead of
    copied when they are exactly the received rows, as when every value is received and
    validated the same day and there is no other receipt.
    """
    corte = np.datetime64(fecha_corte, "ns")
    columnas = ["pos", "periodo", "ordinal", "anio", "vencimiento", "clave"]
    if valores is not None and not len(recepciones):
        fecha = filas_avances["fecha_reporte"].to_numpy(dtype="datetime64[ns]")
        recibidas = np.flatnonzero(~np.isnat(fecha) & (fecha <= corte))
        if (
            len(recibidas) == len(valores)
            and (filas_avances["clave"].to_numpy()[recibidas] == valores["clave"].to_numpy()).all()
            and (fecha[recibidas] == valores["fecha_reporte"].to_numpy()).all()
        ):
            return pd.DataFrame(
                {**{c: valores[c] for c in columnas}, "recibido_en": valores["fecha_reporte"]},
                copy=False,
            )
    partes = [filas_avances[columnas].assign(recibido_en=filas_avances["fecha_reporte"])]
    if len(recepciones):
        frame = {
            "indicador": _texto(recepciones["indicador"]),
            "periodo": _texto(recepciones["periodo"]),
            "recibido_en": pd.to_datetime(recepciones["recibido_en"]).to_numpy(
                dtype="datetime64[ns]"
            ),
        }
        partes.append(_period_rows(frame, indicadores, plazo_dias, ("recibido_en",)))
    todas = partes[0] if len(partes) == 1 else pd.concat(partes, ignore_index=True)
    recibido = todas["recibido_en"].to_numpy(dtype="datetime64[ns]")
    validas = ~np.isnat(recibido) & (recibido <= corte)
    if not validas.all():
        todas = todas[validas]
    claves = todas["clave"].to_numpy()
    if len(partes) == 1 and (np.diff(claves) > 0).all():
        return todas.reset_index(drop=True)  # one receipt per period, already in order
    momento = todas["recibido_en"].to_numpy(dtype="datetime64[ns]").view(np.int64)
    orden = np.lexsort((momento, claves))
    claves = claves[orden]
    primera = np.r_[True, claves[1:] != claves[:-1]] if len(claves) else np.zeros(0, bool)
    return todas.iloc[orden[primera]].reset_index(drop=True)


def prepare_recepciones(
    mcr: MCR, indicadores: pd.DataFrame, fecha_corte: dt.date, plazo_dias: int
) -> pd.DataFrame:
    """The first receipt of each (indicator, period) received by ``fecha_corte``.

    Receipts are the ``recepciones`` frame (sent versions, validated or not) together with the
    report dates of the validated values, so an MCR built without receipts (tests, imports)
    still counts its values as received.
    """
    filas = _avances_rows(mcr.avances, indicadores, plazo_dias)
    return _first_receipts(filas, mcr.recepciones, indicadores, fecha_corte, plazo_dias)


def prepare_versiones(
    versiones: pd.DataFrame, indicadores: pd.DataFrame, fecha_corte: dt.date, plazo_dias: int
) -> pd.DataFrame:
    """The versions sent by ``fecha_corte``, as known that day: a validation or return after the
    cut date has not happened yet (NaT). First versions validated by then are left out: they
    raise no alert of the reporting cycle and follow no returned version."""
    corte = pd.Timestamp(fecha_corte)
    corte64 = np.datetime64(fecha_corte, "ns")
    recibido = _momentos(versiones["recibido_en"])
    validado = _momentos(versiones["validado_en"])
    # A first version validated by the cut date can neither wait for review nor be a resend
    # (a resend is number 2 or more): most rows of a mature MCR, dropped before any work.
    # (NaT compares False: a missing receipt is not sent, a missing validation is not done.)
    util = np.isnat(validado) | (validado > corte64) | (versiones["numero"].to_numpy() > 1)
    enviadas = versiones.iloc[np.flatnonzero((recibido <= corte64) & util)]
    tiempos = {
        col: pd.to_datetime(enviadas[col]).astype("datetime64[ns]")
        for col in ("recibido_en", "validado_en", "devuelto_en")
    }
    frame = pd.DataFrame(
        {
            "indicador": enviadas["indicador"].astype(str).to_numpy(),
            "periodo": enviadas["periodo"].astype(str).to_numpy(),
            "numero": pd.to_numeric(enviadas["numero"]).to_numpy(dtype=np.int64),
            **{
                col: t.where(t <= corte).to_numpy(dtype="datetime64[ns]")
                for col, t in tiempos.items()
            },
        },
        copy=False,
    )
    filas = _period_rows(
        frame,
        indicadores,
        plazo_dias,
        ("numero", "recibido_en", "validado_en", "devuelto_en"),
    )
    return filas.sort_values(["clave", "numero"], kind="stable").reset_index(drop=True)


def preparar(mcr: MCR, fecha_corte: dt.date, plazo_dias: int) -> Entradas:
    """Normalise the indicator data of ``mcr`` for an evaluation at ``fecha_corte``."""
    indicadores = prepare_indicadores(mcr.indicadores)
    # avances are placed once: both the values and the receipts come from them
    filas_avances = _avances_rows(mcr.avances, indicadores, plazo_dias)
    avances = _known_values(filas_avances, fecha_corte)
    return Entradas(
        indicadores=indicadores,
        programacion=prepare_programacion(mcr.programacion, indicadores, plazo_dias),
        avances=avances,
        recepciones=_first_receipts(
            filas_avances, mcr.recepciones, indicadores, fecha_corte, plazo_dias, avances
        ),
        fecha_corte=fecha_corte,
        plazo_dias=plazo_dias,
        versiones_mcr=mcr.versiones,
    )


def programmed_span(programacion: pd.DataFrame, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Row index of each indicator's first and last programmed period (-1 when it has none).

    Relies on ``programacion`` being sorted by ``clave``.
    """
    pos = programacion["pos"].to_numpy()
    primero = np.full(n, -1, dtype=np.int64)
    ultimo = np.full(n, -1, dtype=np.int64)
    if len(pos):
        cambia = np.flatnonzero(np.r_[True, pos[1:] != pos[:-1]])
        primero[pos[cambia]] = cambia
        fin = np.r_[cambia[1:], len(pos)] - 1
        ultimo[pos[cambia]] = fin
    return primero, ultimo


def lookup(claves_ordenadas: np.ndarray, claves: np.ndarray) -> np.ndarray:
    """Row of each of ``claves`` in the sorted unique ``claves_ordenadas`` (-1 when absent)."""
    if len(claves_ordenadas) == 0:
        return np.full(len(claves), -1, dtype=np.int64)
    i = np.searchsorted(claves_ordenadas, claves)
    i = np.minimum(i, len(claves_ordenadas) - 1)
    return np.where(claves_ordenadas[i] == claves, i, -1)


def take(valores: pd.Series | np.ndarray, idx: np.ndarray, vacio: Any) -> np.ndarray:
    """``valores[idx]`` with ``vacio`` where ``idx`` is -1 (no matching row)."""
    arr = np.asarray(valores)
    if len(arr) == 0:
        return np.full(len(idx), vacio, dtype=arr.dtype if arr.dtype.kind != "O" else object)
    return np.where(idx >= 0, arr[np.maximum(idx, 0)], vacio)
