"""The checks at entry of a value and the flags of the review queue (DOMAIN.md §8).

Every check runs the engine itself on the indicator's series with the candidate value in place,
so "avance", "semáforo" and "atípico" mean exactly what they mean on the dashboard:

- a value impossible for its unit (a percentage outside 0–100, a negative count) is **refused**;
- a robust z-score of the change above ``reglas.atipico_z`` (the engine's ``dato_atipico``), an
  avance above ``reglas.revisar_programacion_sobre`` (120 %) or a ``rojo`` state are **warnings**:
  the value is sent only with an explanation of the variance;
- for the review queue: ``atipico``, ``sin_evidencia``, ``tardio`` and ``gran_variacion`` (the
  value moves more than ``reglas.gran_variacion_pct`` from the previous period, or is above
  120 %).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from data_layer import formato, periods, queries
from data_layer.engine.alerts import alert_dato_atipico
from data_layer.engine.frames import MCR, ROJO, Reglas
from data_layer.engine.inputs import preparar
from data_layer.engine.progress import evaluate_at
from data_layer.reportes.reglas import valor_imposible

#: Review-queue flags and their Spanish labels.
BANDERAS = {
    "atipico": "Atípico",
    "sin_evidencia": "Sin evidencia",
    "tardio": "Tardío",
    "gran_variacion": "Gran variación",
}


@dataclass(frozen=True)
class Candidato:
    """A value someone wants to report: indicator code, period and value."""

    indicador: str
    periodo: str
    valor: float


@dataclass
class Revision:
    """What the engine says of a candidate value, and what it requires.

    Attributes:
        meta: the period's target (current), NaN when none.
        avance_pct: the resulting avance (%), NaN when it cannot be computed.
        semaforo: the resulting state (``verde``, ``amarillo``, ``rojo``…).
        valor_anterior: the validated value of the previous period, NaN when none.
        atipico, sobre_tope, rojo, gran_variacion: the engine's findings.
        bloqueos: why the value cannot be reported at all (Spanish).
        avisos: why the value needs an explanation of the variance (Spanish).
    """

    candidato: Candidato
    unidad: str = ""
    meta: float = math.nan
    avance_pct: float = math.nan
    semaforo: str = ""
    valor_anterior: float = math.nan
    atipico: bool = False
    sobre_tope: bool = False
    rojo: bool = False
    gran_variacion: bool = False
    bloqueos: list[str] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)

    @property
    def requiere_explicacion(self) -> bool:
        """Whether the value is sent only with an explanation of the variance."""
        return bool(self.avisos)


def _superponer(mcr: MCR, candidatos: Sequence[Candidato]) -> MCR:
    """``mcr`` with each candidate as its period's value (replacing the validated one)."""
    av = mcr.avances
    pares = pd.MultiIndex.from_tuples([(c.indicador, c.periodo) for c in candidatos])
    propios = pd.MultiIndex.from_arrays([av["indicador"].astype(str), av["periodo"].astype(str)])
    resto = av[~propios.isin(pares)]
    nuevos = pd.DataFrame(
        {
            "indicador": [c.indicador for c in candidatos],
            "periodo": [c.periodo for c in candidatos],
            "valor": [float(c.valor) for c in candidatos],
            "fecha_reporte": pd.NaT,
            "validado_en": pd.NaT,
        }
    ).astype({"fecha_reporte": "datetime64[ns]", "validado_en": "datetime64[ns]"})
    partes = [p for p in (resto, nuevos) if len(p)]
    avances = pd.concat(partes, ignore_index=True) if partes else nuevos
    return MCR(
        indicadores=mcr.indicadores,
        programacion=mcr.programacion,
        avances=avances,
        recepciones=mcr.recepciones,
    )


def _valores_anteriores(av: pd.DataFrame, pos: np.ndarray, ordinales: np.ndarray) -> np.ndarray:
    """For each (indicator position, period ordinal), the value of the indicator's latest period
    before it (NaN when none), in one sorted search instead of one filter per candidate."""
    if not len(av):
        return np.full(len(pos), np.nan)
    av_pos = av["pos"].to_numpy(dtype="int64")
    av_ord = av["ordinal"].to_numpy(dtype="int64")
    orden = np.lexsort((av_ord, av_pos))  # by position, then period; stable
    claves = av_pos[orden] * (1 << 32) + (av_ord[orden] + (1 << 31))
    buscadas = pos.astype("int64") * (1 << 32) + (ordinales + (1 << 31))
    previo = np.searchsorted(claves, buscadas, side="left") - 1
    valido = previo >= 0
    valido[valido] = av_pos[orden][previo[valido]] == pos[valido]
    valores = av["valor"].to_numpy(dtype="float64", na_value=np.nan)[orden]
    return np.where(valido, valores[np.where(valido, previo, 0)], np.nan)


def revisar_mcr(
    mcr: MCR, candidatos: Sequence[Candidato], reglas: Reglas, hoy: dt.date
) -> list[Revision]:
    """Check ``candidatos`` against an MCR holding their indicators (pure: no database).

    Args:
        mcr: at least the candidates' indicators, targets and validated values.
        candidatos: one value per indicator and period (a later duplicate wins).
        reglas: thresholds (semáforo, outlier, 120 %, large change).
        hoy: the evaluation's cut date.
    """
    if not candidatos:
        return []
    unicos = list({(c.indicador, c.periodo): c for c in candidatos}.values())
    ent = preparar(_superponer(mcr, unicos), hoy, reglas.plazo_reporte_dias)
    ind = ent.indicadores
    pos = ind.index.get_indexer(pd.Index([c.indicador for c in unicos]))
    if (pos < 0).any():
        faltan = [c.indicador for c, p in zip(unicos, pos, strict=True) if p < 0]
        raise KeyError(f"Indicadores desconocidos: {', '.join(faltan)}")
    evaluados = evaluate_at(ent, [c.periodo for c in unicos], reglas, pos=pos)

    ordinales = np.array([periods.parse(c.periodo).ordinal for c in unicos], dtype=np.int64)
    hasta = np.full(len(ind), -1, dtype=np.int64)
    np.maximum.at(hasta, pos, ordinales)
    atipicos = alert_dato_atipico(ent, hasta, reglas)
    marcados = set(zip(atipicos["entidad"], atipicos["periodo"], strict=True))

    anteriores = _valores_anteriores(ent.avances, pos, ordinales)
    unidades = ind["unidad"].to_numpy()[pos]
    metas = evaluados["meta_periodo"].to_numpy(dtype="float64", na_value=np.nan)
    avances_pct = evaluados["avance_pct"].to_numpy(dtype="float64", na_value=np.nan)
    semaforos = evaluados["semaforo"].to_numpy()
    revisiones = {}
    for i, c in enumerate(unicos):
        unidad = str(unidades[i])
        r = Revision(candidato=c, unidad=unidad)
        r.meta = float(metas[i])
        r.avance_pct = float(avances_pct[i])
        r.semaforo = str(semaforos[i])
        r.valor_anterior = float(anteriores[i])
        imposible = valor_imposible(float(c.valor), unidad)
        if imposible:
            r.bloqueos.append(imposible)
        r.atipico = (c.indicador, c.periodo) in marcados and imposible is None
        r.sobre_tope = r.avance_pct > reglas.revisar_programacion_sobre
        r.rojo = r.semaforo == ROJO
        if not math.isnan(r.valor_anterior) and r.valor_anterior != 0:
            cambio = abs(float(c.valor) - r.valor_anterior) / abs(r.valor_anterior) * 100
            r.gran_variacion = cambio > reglas.gran_variacion_pct
        r.gran_variacion = r.gran_variacion or r.sobre_tope
        if r.atipico:
            r.avisos.append(
                "El cambio respecto del período anterior es atípico para este indicador "
                f"(puntuación z robusta mayor que {formato.format_numero(reglas.atipico_z)})."
            )
        if r.sobre_tope:
            r.avisos.append(
                f"El avance resultante ({formato.format_numero(r.avance_pct)} %) supera el "
                f"{formato.format_numero(reglas.revisar_programacion_sobre)} %."
            )
        if r.rojo:
            r.avisos.append("El indicador queda en rojo con este valor.")
        revisiones[(c.indicador, c.periodo)] = r
    return [revisiones[(c.indicador, c.periodo)] for c in candidatos]


def revisar(
    session: Session, candidatos: Sequence[Candidato], reglas: Reglas, hoy: dt.date
) -> list[Revision]:
    """:func:`revisar_mcr` reading only the candidates' indicators from the database."""
    if not candidatos:
        return []
    mcr = queries.load_mcr_indicadores(session, [c.indicador for c in candidatos])
    return revisar_mcr(mcr, candidatos, reglas, hoy)


def banderas(revision: Revision, *, con_evidencia: bool, tardio: bool) -> list[str]:
    """The review-queue flags of a sent value (keys of :data:`BANDERAS`), in display order."""
    out = []
    if revision.atipico:
        out.append("atipico")
    if not con_evidencia:
        out.append("sin_evidencia")
    if tardio:
        out.append("tardio")
    if revision.gran_variacion:
        out.append("gran_variacion")
    return out
