"""Data quality of the reporting cycle (DOMAIN.md §8), as DHIS2's reporting rates.

Pure pandas on the engine's :class:`~data_layer.engine.frames.MCR` (no I/O): one row per expected
report, then sums per institution, sector and quarter. A rule, one function:

- which reports are expected at a cut date, and in which quarter .. :func:`reportes_esperados`
- each expected report's receipt, timeliness, validation, returns .. :func:`estado_reportes`
- the counts and rates of a group of reports ...................... :func:`tasas`
- worst first ...................................................... :func:`ordenar_peores`

Definitions (per indicator × period, everything as known at the cut date):

- **esperado**: programmed (a target that is not "nothing programmed", as the engine reads a 0
  target of an ascendente flujo/acumulado indicator) and due by the cut date (its deadline has
  passed). Semestral and annual reports count in the quarter in which their period ends.
- **recibido**: its first receipt (sent, validated or not) is on or before the cut date.
- **a tiempo**: first received on or before its deadline.
- **validado**: a version validated on or before the cut date.
- **devuelto**: a version returned on or before the cut date (ever, even if later validated).
- **con explicación**: a version sent with an explanation of a variance — what the checks at
  entry (outlier, above 120 %, rojo) require; the flags themselves are recomputed only in the
  review queue, so this is the count of reports that raised one.
- **completitud** = recibidos ÷ esperados; **puntualidad** = a tiempo ÷ esperados (percentages).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from data_layer import periods
from data_layer.engine.frames import MCR
from data_layer.engine.inputs import (
    is_overdue,
    lookup,
    per_period,
    prepare_avances,
    prepare_indicadores,
    prepare_programacion,
    prepare_recepciones,
    take,
)
from data_layer.engine.progress import sin_meta_programada
from data_layer.vistas.linaje import sectores_principales

#: The counts of a group of reports, in display order.
CONTEOS = ("esperados", "recibidos", "a_tiempo", "validados", "devueltos", "con_explicacion")
#: The rates (percent of esperados).
TASAS = ("completitud", "puntualidad")


def trimestre_de(periodo: str) -> str:
    """The quarter in which ``periodo`` ends (``2024-S1`` → ``2024-T2``, ``2024`` → ``2024-T4``)."""
    fin = periods.parse(periodo).fin
    return f"{fin.year}-T{(fin.month - 1) // 3 + 1}"


def reportes_esperados(mcr: MCR, fecha_corte: dt.date, plazo_dias: int) -> pd.DataFrame:
    """One row per expected report at ``fecha_corte``: programmed and past its deadline.

    Returns:
        Columns ``indicador, periodo, trimestre, vencimiento, clave, institucion, sector``; the
        sector is the indicator's goal's, else its institution's main sector.
    """
    ind = prepare_indicadores(mcr.indicadores)
    prog = prepare_programacion(mcr.programacion, ind, plazo_dias)
    pos = prog["pos"].to_numpy()
    esperado = ~sin_meta_programada(
        prog["meta"].to_numpy(), ind["tipo"].to_numpy()[pos], ind["sentido"].to_numpy()[pos]
    ) & is_overdue(prog["vencimiento"].to_numpy(), fecha_corte)
    prog = prog[esperado]
    pos = prog["pos"].to_numpy()
    institucion = ind["institucion_responsable"].to_numpy()[pos]
    metas = mcr.metas.set_index(mcr.metas["codigo"].astype("str"))
    sector_meta = metas["sector"].astype("str").reindex(ind["meta"].to_numpy()[pos])
    principal = pd.Series(institucion).map(sectores_principales(mcr))
    return pd.DataFrame(
        {
            "indicador": ind.index.to_numpy()[pos],
            "periodo": prog["periodo"].to_numpy(),
            "trimestre": per_period(prog["periodo"], trimestre_de),
            "vencimiento": prog["vencimiento"].to_numpy(),
            "clave": prog["clave"].to_numpy(),
            "institucion": institucion,
            "sector": sector_meta.fillna(principal.set_axis(sector_meta.index)).to_numpy(),
        }
    )


def estado_reportes(mcr: MCR, fecha_corte: dt.date, plazo_dias: int) -> pd.DataFrame:
    """The expected reports (:func:`reportes_esperados`) with boolean columns ``recibido``,
    ``a_tiempo``, ``validado``, ``devuelto`` and ``con_explicacion`` at ``fecha_corte``."""
    esperados = reportes_esperados(mcr, fecha_corte, plazo_dias)
    ind = prepare_indicadores(mcr.indicadores)
    claves = esperados["clave"].to_numpy()
    recepciones = prepare_recepciones(mcr, ind, fecha_corte, plazo_dias)
    fila = lookup(recepciones["clave"].to_numpy(), claves)
    primera = take(recepciones["recibido_en"], fila, np.datetime64("NaT"))
    validados = prepare_avances(mcr.avances, ind, fecha_corte, plazo_dias)

    corte = pd.Timestamp(fecha_corte)
    v = mcr.versiones
    recibido = pd.to_datetime(v["recibido_en"]).astype("datetime64[ns]")
    devuelto = pd.to_datetime(v["devuelto_en"]).astype("datetime64[ns]")
    enviada = (recibido.notna() & (recibido <= corte)).to_numpy()
    llave_v = (v["indicador"].astype(str) + "|" + v["periodo"].astype(str)).to_numpy()
    devueltas = llave_v[enviada & (devuelto.notna() & (devuelto <= corte)).to_numpy()]
    explicadas = llave_v[enviada & v["explicacion"].to_numpy(dtype=bool)]
    llave = (esperados["indicador"].astype(str) + "|" + esperados["periodo"]).to_numpy()
    return esperados.assign(
        recibido=fila >= 0,
        a_tiempo=(fila >= 0) & (primera <= esperados["vencimiento"].to_numpy()),
        validado=lookup(validados["clave"].to_numpy(), claves) >= 0,
        devuelto=np.isin(llave, devueltas),
        con_explicacion=np.isin(llave, explicadas),
    )


def tasas(estado: pd.DataFrame, por: list[str]) -> pd.DataFrame:
    """The counts :data:`CONTEOS` and rates :data:`TASAS` of ``estado`` grouped by ``por``.

    Rates are percentages of ``esperados`` (NaN when nothing was expected).
    """
    columnas = {
        "esperados": "clave",
        "recibidos": "recibido",
        "a_tiempo": "a_tiempo",
        "validados": "validado",
        "devueltos": "devuelto",
        "con_explicacion": "con_explicacion",
    }
    if estado.empty:
        vacio = pd.DataFrame(columns=[*por, *CONTEOS, *TASAS])
        return vacio.astype({c: "int64" for c in CONTEOS} | {t: "float64" for t in TASAS})
    grupos = estado.groupby(por, sort=True, dropna=False)
    out = pd.DataFrame({"esperados": grupos.size()})
    for nombre, col in columnas.items():
        if nombre != "esperados":
            out[nombre] = grupos[col].sum().astype("int64")
    esperados = out["esperados"].astype(float)
    out["completitud"] = 100.0 * out["recibidos"] / esperados
    out["puntualidad"] = 100.0 * out["a_tiempo"] / esperados
    return out.reset_index()


def ordenar_peores(tabla: pd.DataFrame, clave: str) -> pd.DataFrame:
    """Worst first: lowest completeness, then lowest timeliness, then most reports expected
    (the bigger gap), then ``clave``."""
    return tabla.sort_values(
        ["completitud", "puntualidad", "esperados", clave],
        ascending=[True, True, False, True],
        kind="stable",
    ).reset_index(drop=True)
