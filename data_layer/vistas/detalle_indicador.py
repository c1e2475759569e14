"""The detail view of one indicator (``/indicadores/<codigo>``).

Pure functions of the engine's :class:`~data_layer.engine.Resultado` and the :class:`MCR`: what an
indicator is, its evaluation at every one of its periods, its projection, its alerts and the goals
it feeds (the goal view's :func:`~data_layer.vistas.detalle.metas_superiores`). No rule of
DOMAIN.md §3 is restated here: every avance, state, due date and late flag comes from the engine
(for the period table, the engine evaluates the indicator once per period).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_layer import periods
from data_layer.engine import Resultado
from data_layer.engine.alerts import con_mensajes
from data_layer.engine.explicacion import explicar_avance
from data_layer.engine.frames import MCR, SIN_DATO, Reglas
from data_layer.engine.inputs import preparar
from data_layer.engine.progress import evaluate_at
from data_layer.vistas.celdas import descripciones_metas, nombre_de, numero, texto, una_fila
from data_layer.vistas.detalle import metas_superiores


@dataclass(frozen=True)
class FichaIndicador:
    """Everything the MCR says about an indicator, with its effective thresholds.

    Attributes:
        codigo, nombre: the indicator.
        meta, meta_descripcion: the goal it belongs to.
        eslabon, unidad, sentido, tipo, frecuencia: how it is measured.
        linea_base, anio_base: the baseline (None when not set).
        fuente: where the data comes from.
        institucion_responsable, institucion_nombre: who reports it (sigla and name).
        temas: its transversal themes, sorted.
        umbral_verde, umbral_amarillo: the thresholds that apply to it.
        umbrales_propios: whether they are its own (else the general rules').
        peso: its weight in its goal.
    """

    codigo: str
    nombre: str
    meta: str
    meta_descripcion: str | None
    eslabon: str
    unidad: str
    sentido: str
    tipo: str
    frecuencia: str
    linea_base: float | None
    anio_base: int | None
    fuente: str | None
    institucion_responsable: str
    institucion_nombre: str | None
    temas: tuple[str, ...]
    umbral_verde: float
    umbral_amarillo: float
    umbrales_propios: bool
    peso: float


def ficha_indicador(res: Resultado, mcr: MCR, codigo: str) -> FichaIndicador | None:
    """The identity card of indicator ``codigo``, or None when the MCR has no such indicator.

    The thresholds are the ones the engine applied (its own, or the rules' defaults).
    """
    codigo = str(codigo)
    filas = mcr.indicadores.loc[mcr.indicadores["codigo"].astype("str") == codigo]
    if filas.empty:
        return None
    fila = filas.iloc[0]
    meta = str(fila["meta"])
    if codigo in res.indicadores.index:
        evaluado = una_fila(res.indicadores, codigo)
        umbral_verde = float(evaluado["umbral_verde"])
        umbral_amarillo = float(evaluado["umbral_amarillo"])
    else:  # a result of another data version: the general rules
        umbral_verde, umbral_amarillo = res.reglas.umbral_verde, res.reglas.umbral_amarillo
    temas = mcr.indicador_temas.loc[mcr.indicador_temas["indicador"].astype("str") == codigo]
    anio_base = numero(fila["anio_base"])
    peso = numero(fila["peso"])
    institucion = str(fila["institucion_responsable"])
    return FichaIndicador(
        codigo=codigo,
        nombre=str(fila["nombre"]),
        meta=meta,
        meta_descripcion=descripciones_metas(mcr).get(meta),
        eslabon=str(fila["eslabon"]),
        unidad=str(fila["unidad"]),
        sentido=str(fila["sentido"]),
        tipo=str(fila["tipo"]),
        frecuencia=str(fila["frecuencia"]),
        linea_base=numero(fila["linea_base"]),
        anio_base=None if anio_base is None else int(anio_base),
        fuente=texto(fila["fuente"]),
        institucion_responsable=institucion,
        institucion_nombre=nombre_de(mcr.instituciones, "sigla", institucion),
        temas=tuple(sorted(temas["tema"].astype("str").unique())),
        umbral_verde=umbral_verde,
        umbral_amarillo=umbral_amarillo,
        umbrales_propios=not (pd.isna(fila["umbral_verde"]) and pd.isna(fila["umbral_amarillo"])),
        peso=1.0 if peso is None else peso,
    )


@dataclass(frozen=True)
class EstadoIndicador:
    """How the engine evaluated an indicator as of the evaluated quarter.

    Attributes:
        semaforo: its state.
        periodo: its own period evaluated (e.g. the year for an annual indicator), or None when
            it has none yet.
    """

    semaforo: str
    periodo: str | None


def estado_indicador(res: Resultado, codigo: str) -> EstadoIndicador:
    """The state and own period of indicator ``codigo``, a row of ``res.indicadores``."""
    fila = res.indicadores.loc[str(codigo)]
    return EstadoIndicador(semaforo=str(fila["semaforo"]), periodo=texto(fila["periodo"]))


#: Columns of :func:`serie_indicador`, in order.
COLUMNAS_SERIE = (
    "periodo",
    "meta_original_periodo",
    "meta_periodo",
    "valor_periodo",
    "meta_original",
    "meta",
    "valor",
    "avance_pct",
    "semaforo",
    "fecha_reporte",
    "vencimiento",
    "tardio",
    "formula",
    "explicacion",
)


def _solo_indicador(mcr: MCR, codigo: str) -> MCR:
    """``mcr`` restricted to one indicator's rows (the engine then evaluates only it)."""
    return dataclasses.replace(
        mcr,
        indicadores=mcr.indicadores.loc[mcr.indicadores["codigo"].astype("str") == codigo],
        programacion=mcr.programacion.loc[mcr.programacion["indicador"].astype("str") == codigo],
        avances=mcr.avances.loc[mcr.avances["indicador"].astype("str") == codigo],
    )


def serie_indicador(mcr: MCR, codigo: str, fecha_corte: dt.date, reglas: Reglas) -> pd.DataFrame:
    """The indicator evaluated by the engine at each of its periods, as known at ``fecha_corte``.

    The periods are those with a target or a reported value, in the indicator's own frequency
    (rows of another frequency are ignored, as the engine does). The inputs are normalised once and
    every period is evaluated in one call of the engine (:func:`evaluate_at`).

    Returns:
        One row per period, in time order, columns :data:`COLUMNAS_SERIE`: the period's own
        original and current targets and value (``*_periodo``), the quantities the engine compares
        (``meta_original``, ``meta``, ``valor``: cumulative for acumulado), ``avance_pct``,
        ``semaforo``, ``fecha_reporte``, ``vencimiento``, ``tardio``, and how the avance was
        computed: ``formula`` and ``explicacion``
        (:func:`~data_layer.engine.explicacion.explicar_avance`). Empty when the indicator has no
        period.
    """
    ent = preparar(_solo_indicador(mcr, str(codigo)), fecha_corte, reglas.plazo_reporte_dias)
    prog = ent.programacion.set_index("periodo")
    columnas = ["periodo", "ordinal"]
    propios = (
        pd.concat([ent.programacion[columnas], ent.avances[columnas]])
        .drop_duplicates("periodo")
        .sort_values("ordinal", kind="stable")
    )
    if ent.indicadores.empty or propios.empty:
        return pd.DataFrame({c: [] for c in COLUMNAS_SERIE}).astype(
            {"periodo": "str", "semaforo": "str", "tardio": bool, "explicacion": "str"}
        )
    # The one indicator (position 0) at each of its periods, in a single engine call.
    ev = evaluate_at(
        ent, propios["periodo"].to_numpy(), reglas, pos=np.zeros(len(propios), dtype=np.int64)
    )
    # ``programacion`` is sorted by period: its first row starts the acumulado sums.
    primero = ent.programacion["periodo"].astype("str")
    explicadas = explicar_avance(ev, {str(codigo): primero.iloc[0]} if len(primero) else None)
    ev = ev.reset_index(drop=True)
    out = pd.DataFrame(
        {
            "periodo": ev["periodo"].astype("str"),
            "meta_original_periodo": prog["meta_original"].reindex(ev["periodo"]).to_numpy(),
            "meta_periodo": ev["meta_periodo"].to_numpy(dtype=float),
            "valor_periodo": ev["valor_periodo"].to_numpy(dtype=float),
            "meta_original": ev["meta_original"].to_numpy(dtype=float),
            "meta": ev["meta"].to_numpy(dtype=float),
            "valor": ev["valor"].to_numpy(dtype=float),
            "avance_pct": ev["avance_pct"].to_numpy(dtype=float),
            "semaforo": ev["semaforo"].astype("str"),
            "fecha_reporte": ev["fecha_reporte"],
            "vencimiento": ev["vencimiento"],
            "tardio": ev["tardio"].astype(bool),
            "formula": explicadas["formula"].to_numpy(),
            "explicacion": explicadas["explicacion"].to_numpy(),
        }
    )
    return out[list(COLUMNAS_SERIE)]


@dataclass(frozen=True)
class Proyeccion:
    """The engine's early warning for one indicator, ready to be drawn.

    Attributes:
        metodo: how it was made, or why there is none (the engine's Spanish text).
        pronostico: ``probable``, ``en_riesgo``, ``improbable`` or None.
        periodo_final, meta_final: the last programmed period and its target (cumulative for
            acumulado).
        valor_proyectado, avance_proyectado: where the trend ends (None without projection).
        periodo_desde, valor_desde: the last value reported up to the evaluated period, where the
            projected line starts (None when there is none).
    """

    metodo: str
    pronostico: str | None
    periodo_final: str | None
    meta_final: float | None
    valor_proyectado: float | None
    avance_proyectado: float | None
    periodo_desde: str | None
    valor_desde: float | None

    @property
    def dibujable(self) -> bool:
        """Whether there is a line to draw: a start point and a projected value."""
        return None not in (self.periodo_desde, self.valor_desde, self.valor_proyectado) and (
            self.periodo_final is not None
        )


def proyeccion_indicador(res: Resultado, serie: pd.DataFrame, codigo: str) -> Proyeccion | None:
    """The projection of ``codigo`` in ``res``, starting at its last value up to the evaluated
    period (from ``serie``, :func:`serie_indicador`); None when ``res`` does not know it."""
    codigo = str(codigo)
    if codigo not in res.proyecciones.index:
        return None
    p = res.proyecciones.loc[codigo]
    resuelto = texto(res.indicadores.loc[codigo, "periodo"])
    periodo_desde = valor_desde = None
    if resuelto is not None and len(serie):
        tope = periods.parse(resuelto).ordinal
        ordinal = serie["periodo"].map(lambda t: periods.parse(t).ordinal)
        con_valor = serie.loc[serie["valor"].notna() & (ordinal <= tope)]
        if len(con_valor):
            periodo_desde = str(con_valor["periodo"].iloc[-1])
            valor_desde = float(con_valor["valor"].iloc[-1])
    return Proyeccion(
        metodo=str(p["metodo"]),
        pronostico=texto(p["pronostico"]),
        periodo_final=texto(p["periodo_final"]),
        meta_final=numero(p["meta_final"]),
        valor_proyectado=numero(p["valor_proyectado"]),
        avance_proyectado=numero(p["avance_proyectado"]),
        periodo_desde=periodo_desde,
        valor_desde=valor_desde,
    )


def alertas_indicador(res: Resultado, codigo: str) -> pd.DataFrame:
    """The engine's alerts about indicator ``codigo``, most severe first, messages written."""
    a = res.alertas
    mascara = (a["entidad_tipo"].astype("str") == "indicador") & (
        a["entidad"].astype("str") == str(codigo)
    )
    return con_mensajes(a.loc[mascara].reset_index(drop=True))


def metas_que_alimenta(res: Resultado, mcr: MCR, codigo: str) -> pd.DataFrame:
    """The goal of indicator ``codigo`` (distance 0) and that goal's chain upward.

    Returns:
        Same columns as :func:`metas_superiores`; empty when the indicator is unknown.
    """
    filas = mcr.indicadores.loc[mcr.indicadores["codigo"].astype("str") == str(codigo), "meta"]
    if filas.empty:
        return metas_superiores(res, mcr, str(codigo)).iloc[0:0]
    meta = str(filas.iloc[0])
    nivel = mcr.metas.loc[mcr.metas["codigo"].astype("str") == meta, "nivel"].astype("str")
    propia = pd.DataFrame(
        {
            "codigo": pd.Series([meta], dtype="str"),
            "nivel": nivel.to_numpy()[:1] if len(nivel) else np.array([None], dtype=object),
            "descripcion": [descripciones_metas(mcr).get(meta)],
            "distancia": np.array([0], dtype=np.int64),
            "via": pd.Series([str(codigo)], dtype="str"),
            "avance": [numero(res.metas["avance"].get(meta))],
            "semaforo": [str(res.metas["semaforo"].get(meta, SIN_DATO))],
        }
    )
    return pd.concat([propia, metas_superiores(res, mcr, meta)], ignore_index=True)
