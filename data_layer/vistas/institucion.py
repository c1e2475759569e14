"""The institution page: the indicators it reports, its yearly evaluation and its reporting record.

Pure functions of the engine's results and the :class:`MCR`: :func:`vista_institucion` is the
page's header and grids, :func:`sectores_de_institucion` its subtitle, :func:`registro_reportes`
its reporting record. The reporting record uses the
engine's due-date helpers (:mod:`data_layer.engine.inputs`), so "late" and "missing" mean here
what they mean in the alerts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_layer import periods, permisos
from data_layer.auth import Alcance
from data_layer.engine import Resultado
from data_layer.engine.explicacion import explicar_filas
from data_layer.engine.frames import MCR, Reglas
from data_layer.engine.inputs import is_late, is_overdue, lookup, preparar, take
from data_layer.engine.progress import (
    resolve_periods,
    sin_meta_programada,
)
from data_layer.vistas import niveles as vn
from data_layer.vistas.celdas import una_fila
from data_layer.vistas.filtros import FiltroParcial, FiltrosLike, filtrar_indicadores, filtrar_metas
from data_layer.vistas.niveles import orden_estado

#: States of an expected report, in display order.
ESTADOS_REPORTE = ("a_tiempo", "tardio", "faltante", "pendiente")


def indicadores_de_institucion(mcr: MCR, sigla: str) -> pd.Index:
    """Codes of the indicators ``sigla`` reports (it is their institución responsable)."""
    ind = mcr.indicadores
    return pd.Index(ind.loc[ind["institucion_responsable"] == sigla, "codigo"].astype("str"))


def tabla_indicadores(indicadores: pd.DataFrame, mcr: MCR) -> pd.DataFrame:
    """The indicators grid of an institution page: most urgent state first, then code.

    Args:
        indicadores: rows of the engine's indicator frame (index ``codigo``).
        mcr: the MCR (names and units).

    Returns:
        Frame with ``codigo``, ``nombre``, ``meta_codigo`` (the goal), ``periodo``, ``unidad``,
        ``meta`` (the target compared), ``valor``, ``linea_base``, ``avance_pct``,
        ``semaforo``, and how the avance was computed: ``formula`` and ``explicacion``
        (:func:`~data_layer.engine.explicacion.explicar_avance`).
    """
    ficha = mcr.indicadores.set_index(mcr.indicadores["codigo"].astype("str"))
    explicadas = explicar_filas(indicadores, mcr)
    out = pd.DataFrame(
        {
            "codigo": indicadores.index.astype("str"),
            "nombre": ficha["nombre"].reindex(indicadores.index).astype("str").to_numpy(),
            "meta_codigo": indicadores["meta_codigo"].astype("str").to_numpy(),
            "periodo": indicadores["periodo"].to_numpy(),
            "unidad": ficha["unidad"].reindex(indicadores.index).to_numpy(),
            "meta": indicadores["meta"].to_numpy(dtype="float64"),
            "valor": indicadores["valor"].to_numpy(dtype="float64"),
            "linea_base": indicadores["linea_base"].to_numpy(dtype="float64"),
            "avance_pct": indicadores["avance_pct"].to_numpy(dtype="float64"),
            "semaforo": indicadores["semaforo"].astype("str").to_numpy(),
            "formula": explicadas["formula"].to_numpy(),
            "explicacion": explicadas["explicacion"].to_numpy(),
        }
    )
    return (
        out.assign(_estado=orden_estado(out["semaforo"]))
        .sort_values(["_estado", "codigo"], kind="stable")
        .drop(columns="_estado")
        .reset_index(drop=True)
    )


def sectores_de_institucion(mcr: MCR, sigla: str) -> list[tuple[str, str]]:
    """The sectors whose mesas ``sigla`` takes part in, as (code, name): its main one first,
    then by code (a sector missing from the sector list is named by its code)."""
    participa = mcr.institucion_sectores
    propias = participa.loc[participa["institucion"] == sigla].sort_values(
        ["principal", "sector"], ascending=[False, True]
    )
    nombres = mcr.sectores.set_index(mcr.sectores["codigo"].astype("str"))["nombre"]
    return [
        (sector, str(nombres.get(sector, sector))) for sector in propias["sector"].astype("str")
    ]


@dataclass(frozen=True)
class VistaInstitucion:
    """The header and grids of an institution page for one period and filters.

    Attributes:
        resumen: avance and state counts of its goals (sector and theme filters applied).
        metas: its goals grid (:func:`~vistas.niveles.tabla_metas`), the state filter applied.
        indicadores: the indicators it reports (:func:`tabla_indicadores`), every filter but the
            eje applied.
    """

    resumen: vn.ResumenGrupo
    metas: pd.DataFrame
    indicadores: pd.DataFrame


def vista_institucion(
    res: Resultado, mcr: MCR, sigla: str, f: FiltrosLike, reglas: Reglas
) -> VistaInstitucion:
    """An institution page's header and grids from the engine's evaluation of one period.

    The sector and theme filters narrow every number (the header's avance too); the state filter
    narrows the goals grid only, never the header; the indicators grid takes sector, theme and
    state. The eje filter does not apply (an institution's page is not inside one eje).

    Args:
        res: the engine's evaluation of the period.
        mcr: the MCR.
        sigla: the institution.
        f: the page's filters.
        reglas: thresholds of the header's state.
    """
    grupo = filtrar_metas(
        vn.metas_del_grupo(res.metas, mcr, "institucion", sigla),
        mcr,
        FiltroParcial(sector=f.sector, tema=f.tema),
    )
    metas = vn.tabla_metas(filtrar_metas(grupo, mcr, FiltroParcial(estado=f.estado)), mcr)
    evaluados = res.indicadores
    propios = evaluados.loc[evaluados.index.isin(indicadores_de_institucion(mcr, sigla))]
    ofrecidos = FiltroParcial(sector=f.sector, tema=f.tema, estado=f.estado)
    return VistaInstitucion(
        resumen=vn.resumen_grupo(grupo, "institucion", reglas),
        metas=metas,
        indicadores=tabla_indicadores(filtrar_indicadores(propios, mcr, ofrecidos), mcr),
    )


def anios_con_datos(mcr: MCR, hasta: str) -> list[int]:
    """Years with at least one reported value, up to the year of period ``hasta``, ascending."""
    if mcr.avances.empty:
        return []
    anios = periods.period_columns(mcr.avances["periodo"])["anio"]
    tope = periods.parse(hasta).anio
    return sorted(int(a) for a in pd.unique(anios) if a <= tope)


def evaluacion_de_institucion(evaluaciones: Sequence[pd.DataFrame], sigla: str) -> pd.DataFrame:
    """An institution's row of DIGER's yearly evaluation, with every institution's mean beside it.

    Args:
        evaluaciones: the engine's :func:`~data_layer.engine.evaluacion_institucional` frames,
            one per year.
        sigla: the institution.

    Returns:
        One row per year in which the institution was evaluated (it has an avance), ascending:
        ``anio``, ``avance``, ``banda``, ``n_metas``, ``promedio`` (plain mean of the avance of
        the institutions evaluated that year, as DIGER publishes it) and ``n_instituciones``.
    """
    filas = []
    for ev in evaluaciones:
        if sigla not in ev.index:
            continue
        propia = una_fila(ev, sigla)
        if pd.isna(propia["avance"]):
            continue
        evaluadas = ev["avance"].dropna()
        filas.append(
            {
                "anio": int(propia["anio"]),
                "avance": float(propia["avance"]),
                "banda": str(propia["banda"]),
                "n_metas": int(propia["n_metas"]),
                "promedio": float(evaluadas.mean()),
                "n_instituciones": len(evaluadas),
            }
        )
    columnas = ["anio", "avance", "banda", "n_metas", "promedio", "n_instituciones"]
    return pd.DataFrame(filas, columns=columnas).sort_values("anio").reset_index(drop=True)


def evaluacion_visible(mcr: MCR, sigla: str, alcance: Alcance | None) -> bool:
    """Whether ``alcance`` may see ``sigla``'s yearly evaluation: the user sees in detail every
    institutional goal it averages (:func:`data_layer.permisos.puede_ver_evaluacion`).

    Args:
        mcr: the whole MCR (not cut to the user's scope: the rule is about every goal).
        sigla: the institution.
        alcance: the user's scope (None: nobody logged in, refused).
    """
    metas = mcr.metas
    suyas = metas.loc[
        (metas["nivel"].astype("str") == "institucional")
        & (metas["institucion"].astype("str") == sigla),
        ["nivel", "sector", "institucion"],
    ].astype("object")
    return permisos.puede_ver_evaluacion(
        alcance,
        [
            tuple(None if pd.isna(v) else str(v) for v in fila)  # type: ignore[misc]
            for fila in suyas.itertuples(index=False, name=None)
        ],
    )


def evaluacion_para(
    alcance: Alcance | None, mcr: MCR, evaluaciones: Sequence[pd.DataFrame], sigla: str
) -> pd.DataFrame:
    """:func:`evaluacion_de_institucion` as ``alcance`` may see it: no row at all when the scope
    does not cover the institution (:func:`evaluacion_visible`).

    Args:
        alcance: the user's scope.
        mcr: the whole MCR.
        evaluaciones: the engine's yearly evaluations (every institution).
        sigla: the institution.
    """
    tabla = evaluacion_de_institucion(evaluaciones, sigla)
    return tabla if evaluacion_visible(mcr, sigla, alcance) else tabla.iloc[0:0]


def _solo_indicadores(mcr: MCR, codigos: pd.Index) -> MCR:
    """The part of ``mcr`` about the indicators ``codigos`` (what the reporting record reads)."""
    ind = mcr.indicadores
    return MCR(
        indicadores=ind.loc[ind["codigo"].astype("str").isin(codigos)],
        programacion=mcr.programacion.loc[mcr.programacion["indicador"].isin(codigos)],
        avances=mcr.avances.loc[mcr.avances["indicador"].isin(codigos)],
        recepciones=mcr.recepciones.loc[mcr.recepciones["indicador"].isin(codigos)],
    )


def reportes_institucion(
    mcr: MCR, sigla: str, periodo: str, fecha_corte: dt.date, plazo_dias: int
) -> pd.DataFrame:
    """Every report ``sigla`` owed up to ``periodo``, and whether it came on time, late or not yet.

    A report is owed for each programmed period of each indicator the institution is responsible
    for, up to the indicator's own period as of ``periodo`` (periods whose ascendente flujo or
    acumulado target is 0 are not programmed: nothing is owed). Its state is ``a_tiempo`` (first
    received by the due date, validated or not), ``tardio`` (first received after it),
    ``faltante`` (never received and the due date has passed at ``fecha_corte``) or ``pendiente``
    (not due yet). Receipts after the cut date do not exist yet. Due dates, lateness and overdue
    are the engine's rules; ``fecha_reporte`` is the day of the first receipt.

    Returns:
        One row per owed report: ``indicador``, ``nombre``, ``meta_codigo``, ``periodo``,
        ``vencimiento`` and ``fecha_reporte`` (datetime64), ``estado`` (:data:`ESTADOS_REPORTE`),
        ``dias_atraso`` (days after the due date of the report, or of the cut date when missing;
        0 otherwise); sorted by period end, then indicator.
    """
    columnas = [
        "indicador",
        "nombre",
        "meta_codigo",
        "periodo",
        "vencimiento",
        "fecha_reporte",
        "estado",
        "dias_atraso",
    ]
    ent = preparar(
        _solo_indicadores(mcr, indicadores_de_institucion(mcr, sigla)), fecha_corte, plazo_dias
    )
    ind = ent.indicadores
    prog = ent.programacion
    if prog.empty:
        return pd.DataFrame(columns=columnas)
    ordinal = resolve_periods(ind["frecuencia"], periodo)["ordinal"].to_numpy()
    pos = prog["pos"].to_numpy()
    debido = (prog["ordinal"].to_numpy() <= ordinal[pos]) & ~sin_meta_programada(
        prog["meta"].to_numpy(), ind["tipo"].to_numpy()[pos], ind["sentido"].to_numpy()[pos]
    )
    prog = prog.loc[debido]
    pos = pos[debido]
    # A report counts from its first receipt (DOMAIN.md §8): one sent and not yet validated is
    # not missing, and its timeliness is that of its first sending.
    i_av = lookup(ent.recepciones["clave"].to_numpy(), prog["clave"].to_numpy())
    fecha = take(ent.recepciones["recibido_en"], i_av, np.datetime64("NaT", "ns")).astype(
        "datetime64[ns]"
    )
    vencimiento = prog["vencimiento"].to_numpy()
    reportado = i_av >= 0
    tarde = reportado & is_late(fecha, vencimiento)
    falta = ~reportado & is_overdue(vencimiento, fecha_corte)
    estado = np.select([tarde, reportado, falta], ["tardio", "a_tiempo", "faltante"], "pendiente")
    corte = np.datetime64(fecha_corte, "ns")
    cero = np.timedelta64(0, "ns")
    atraso = np.where(tarde, fecha - vencimiento, np.where(falta, corte - vencimiento, cero))
    out = pd.DataFrame(
        {
            "indicador": ind.index.to_numpy()[pos],
            "nombre": ind["nombre"].to_numpy()[pos],
            "meta_codigo": ind["meta"].to_numpy()[pos],
            "periodo": prog["periodo"].to_numpy(),
            "vencimiento": vencimiento,
            "fecha_reporte": fecha,
            "estado": estado,
            "dias_atraso": (atraso // np.timedelta64(1, "D")).astype("int64"),
        }
    )
    return out.sort_values(["vencimiento", "indicador"], kind="stable").reset_index(drop=True)


def conteo_reportes(reportes: pd.DataFrame) -> pd.DataFrame:
    """Owed reports per period and state (:func:`reportes_institucion` rows).

    Returns:
        One row per period, chronological (by due date, then quarters before semesters before
        years): ``periodo``, ``vencimiento``, ``total`` and one count column per state of
        :data:`ESTADOS_REPORTE`.
    """
    columnas = ["periodo", "vencimiento", "total", *ESTADOS_REPORTE]
    if reportes.empty:
        return pd.DataFrame(columns=columnas)
    conteos = pd.crosstab(reportes["periodo"], reportes["estado"]).reindex(
        columns=list(ESTADOS_REPORTE), fill_value=0
    )
    vencimiento = reportes.groupby("periodo")["vencimiento"].first()
    calendario = periods.period_columns(conteos.index.to_series())
    frecuencia = calendario["frecuencia"].map(
        {f: i for i, f in enumerate(periods.PERIODOS_POR_ANIO)}
    )
    out = conteos.assign(
        vencimiento=vencimiento.reindex(conteos.index),
        total=conteos.sum(axis=1),
        _fin=calendario["fin"],
        _frecuencia=frecuencia,
    )
    out = out.sort_values(["_fin", "_frecuencia"], kind="stable").rename_axis("periodo")
    return (
        out.reset_index()
        .rename_axis(columns=None)[columnas]
        .astype({c: "int64" for c in ("total", *ESTADOS_REPORTE)})
    )


#: States of a report the institution page lists one by one (the late and the missing ones).
ESTADOS_ATRASO = ("tardio", "faltante")


@dataclass(frozen=True)
class RegistroReportes:
    """An institution's reporting record as its page shows it.

    Attributes:
        conteo: owed reports per period and state (:func:`conteo_reportes`).
        atrasos: the late and missing reports (:func:`reportes_institucion` rows), in its order.
    """

    conteo: pd.DataFrame
    atrasos: pd.DataFrame


def registro_reportes(
    mcr: MCR, sigla: str, periodo: str, fecha_corte: dt.date, plazo_dias: int
) -> RegistroReportes:
    """The reporting record of ``sigla`` up to ``periodo`` (see :func:`reportes_institucion`)."""
    reportes = reportes_institucion(mcr, sigla, periodo, fecha_corte, plazo_dias)
    return RegistroReportes(
        conteo=conteo_reportes(reportes),
        atrasos=reportes.loc[reportes["estado"].isin(ESTADOS_ATRASO)],
    )
