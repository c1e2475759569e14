"""A quarter's official snapshot: the aggregates DIGER publishes, as one JSON-ready document.

:func:`construir` is a pure function of the MCR, the quarter and the rules, and reads only the
values validated up to the cut date (:func:`solo_validado`): a draft, sent or returned version
changes nothing in it, not even a state (DOMAIN.md §8). It holds aggregates only (DOMAIN.md
§11): eje and sector progress with their counts of goals per state, the counts per level, the
presidential goals with their avance and state, and DIGER's yearly evaluation of institutions
for the years closed by the quarter. No indicator value, no institutional goal and no mesa
record is in it.

Numbers are stored as the portal prints them (percentages rounded half up to one decimal by
:func:`data_layer.formato.redondear`), so the page, the CSV and the JSON of one snapshot can
never disagree. :func:`canonico` is the document's one serialisation and :func:`huella` its
SHA-256, which the preview shows and the publication checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
from typing import Any

import pandas as pd

from data_layer import formato, periods
from data_layer.engine import (
    Resultado,
    agregar,
    distribucion_bandas,
    evaluacion_institucional,
    run,
)
from data_layer.engine.frames import ESTADOS, MCR, Reglas, empty_frame
from data_layer.vistas import niveles as vn
from data_layer.vistas.resumen import metas_presidenciales, resumen_ejes

#: Version of the document's layout; a reader refuses a layout it does not know.
FORMATO = 1
#: Goal levels, in the order the portal lists them.
NIVELES = ("presidencial", "sectorial", "institucional")

Instantanea = dict[str, Any]


def _pct(valor: Any) -> float | None:
    """A percentage as published: one decimal, half up; None when there is none."""
    if formato.es_vacio(valor):
        return None
    numero = float(valor)
    if not math.isfinite(numero):
        return None
    return float(formato.redondear(numero, 1))


def _estado(valor: Any) -> str | None:
    return None if formato.es_vacio(valor) else str(valor)


def _conteos(fila: pd.Series) -> dict[str, int]:
    return {e: int(fila.get(e, 0) or 0) for e in ESTADOS}


def _grupos(agregado: pd.DataFrame, nombres: pd.Series, reglas: Reglas) -> list[dict[str, Any]]:
    """Rows of an ``agregar`` frame (index = code) with name, avance, state and counts."""
    conteos = ["n_metas", *ESTADOS]
    filas = agregado.fillna({c: 0 for c in conteos})
    estados = vn.estado_grupo(filas, reglas)
    return [
        {
            "codigo": str(codigo),
            "nombre": str(nombres.get(codigo, codigo)),
            "avance": _pct(fila["avance"]),
            "semaforo": _estado(estado),
            "n_metas": int(fila["n_metas"]),
            "conteos": _conteos(fila),
        }
        for (codigo, fila), estado in zip(filas.iterrows(), estados.to_numpy(), strict=True)
    ]


def _ejes(res: Resultado, mcr: MCR, reglas: Reglas) -> list[dict[str, Any]]:
    """The eje groups of the overview (presidential goals), as :func:`resumen_ejes` rolls them."""
    tabla = resumen_ejes(res, mcr)
    return _grupos(tabla, tabla["nombre"], reglas)


def _sectores(res: Resultado, mcr: MCR, reglas: Reglas) -> list[dict[str, Any]]:
    """Every sector with the roll-up of its sectoral goals and the ejes it belongs to."""
    codigos = sorted(mcr.sectores["codigo"].astype("str"))
    agregado = agregar(res.metas, mcr, "sector", niveles=["sectorial"]).reindex(codigos)
    nombres = mcr.sectores.set_index(mcr.sectores["codigo"].astype("str"))["nombre"]
    filas = _grupos(agregado, nombres, reglas)
    enlaces = mcr.sector_ejes.astype({"sector": "str", "eje": "str"})
    for fila in filas:
        fila["ejes"] = sorted(enlaces.loc[enlaces["sector"] == fila["codigo"], "eje"].unique())
    return filas


def _por_nivel(res: Resultado, mcr: MCR, reglas: Reglas) -> list[dict[str, Any]]:
    """National counts of goals per state at each level, with the level's roll-up."""
    metas = res.metas
    pares = pd.DataFrame({"meta": metas.index.to_numpy(), "grupo": metas["nivel"].astype("str")})
    agregado = vn.agregar_pares(metas, pares, pd.Index(NIVELES, name="nivel"))
    nombres = pd.Series(list(NIVELES), index=list(NIVELES))
    filas = _grupos(agregado.loc[list(NIVELES)], nombres, reglas)
    for fila in filas:
        fila["nivel"] = fila.pop("codigo")
        del fila["nombre"]
    return filas


def _presidenciales(res: Resultado, mcr: MCR) -> list[dict[str, Any]]:
    tabla = metas_presidenciales(res, mcr)
    nombres_eje = mcr.ejes.set_index(mcr.ejes["codigo"].astype("str"))["nombre"]
    return [
        {
            "codigo": str(f["codigo"]),
            "descripcion": str(f["descripcion"]),
            "eje": _estado(f["eje"]),
            "eje_nombre": _estado(nombres_eje.get(f["eje"])),
            "avance": _pct(f["avance"]),
            "avance_directo": _pct(f["avance_directo"]),
            "avance_contribuyentes": _pct(f["avance_contribuyentes"]),
            "cobertura": _pct(f["cobertura"]),
            "semaforo": str(f["semaforo"]),
        }
        for f in tabla.to_dict("records")
    ]


def anios_cerrados(mcr: MCR, periodo: str) -> list[int]:
    """Years whose fourth quarter is ``periodo`` or earlier and that have institutional goals
    programmed, oldest first: the years whose evaluation a publication of ``periodo`` carries."""
    ultimo = periods.parse(periodo).inicio.year
    if periods.parse(periodo).ordinal < periods.parse(f"{ultimo}-T4").ordinal:
        ultimo -= 1
    # The evaluation averages institutional goals: a year only other levels programmed
    # would be published as an evaluation of no institution.
    metas = mcr.metas.loc[mcr.metas["nivel"].astype("str") == "institucional", "codigo"]
    propios = mcr.indicadores["meta"].astype("str").isin(metas.astype("str"))
    indicadores = mcr.indicadores.loc[propios, "codigo"].astype("str")
    prog = mcr.programacion
    programados = pd.unique(prog.loc[prog["indicador"].astype("str").isin(indicadores), "periodo"])
    anios = {periods.parse(str(p)).inicio.year for p in programados}
    return sorted(a for a in anios if a <= ultimo)


def _evaluacion(mcr: MCR, anio: int, fecha_corte: dt.date, reglas: Reglas) -> dict[str, Any]:
    """DIGER's evaluation of one year: every evaluated institution, the mean and the bands."""
    tabla = evaluacion_institucional(mcr, anio, fecha_corte, reglas)
    evaluadas = tabla.loc[tabla["avance"].notna()].sort_index()
    nombres = mcr.instituciones.set_index(mcr.instituciones["sigla"].astype("str"))["nombre"]
    bandas = distribucion_bandas(evaluadas)
    return {
        "anio": anio,
        "n_instituciones": len(evaluadas),
        "promedio": _pct(evaluadas["avance"].mean()) if len(evaluadas) else None,
        "bandas": {str(b): int(n) for b, n in bandas.items()},
        "instituciones": [
            {
                "sigla": str(sigla),
                "nombre": str(nombres.get(sigla, sigla)),
                "avance": _pct(fila["avance"]),
                "banda": str(fila["banda"]),
                "n_metas": int(fila["n_metas"]),
            }
            for sigla, fila in evaluadas.iterrows()
        ],
    }


def solo_validado(mcr: MCR, fecha_corte: dt.date) -> MCR:
    """``mcr`` without anything DIGER has not validated by ``fecha_corte``.

    The engine never takes a value from a sent or returned version, but it counts the receipt
    of a report waiting for validation: such an indicator is ``pendiente`` instead of
    ``sin_dato``, which moves the counts per state and a goal's cobertura (so even its avance).
    That is right for the analysts' pages (the report is not missing, §8); a publication holds
    validated data only. So receipts and the reporting cycle's versions are dropped, and so are
    values validated after the cut date (their report date would count as a receipt).
    """
    avances = mcr.avances
    validado = pd.to_datetime(avances["validado_en"].fillna(avances["fecha_reporte"]))
    return dataclasses.replace(
        mcr,
        avances=avances.loc[(validado <= pd.Timestamp(fecha_corte)).to_numpy()],
        recepciones=empty_frame("recepciones"),
        versiones=empty_frame("versiones"),
    )


def construir(mcr: MCR, periodo: str, fecha_corte: dt.date, reglas: Reglas) -> Instantanea:
    """The snapshot of quarter ``periodo`` as of ``fecha_corte``.

    Args:
        mcr: the MCR (``queries.load_mcr``); only what was validated by ``fecha_corte`` is
            read (:func:`solo_validado`).
        periodo: a quarter, e.g. ``2026-T3``.
        fecha_corte: the cut date (the day of publication, in Honduras).
        reglas: the thresholds and deadlines in force (they are recorded in the snapshot).

    Returns:
        A JSON-ready dict (see the module docstring and :data:`FORMATO`).
    """
    mcr = solo_validado(mcr, fecha_corte)
    res = run(mcr, periodo, fecha_corte, reglas)
    niveles = _por_nivel(res, mcr, reglas)
    return {
        "formato": FORMATO,
        "periodo": periodo,
        "fecha_corte": fecha_corte.isoformat(),
        "reglas": {
            "umbral_verde": reglas.umbral_verde,
            "umbral_amarillo": reglas.umbral_amarillo,
            "cobertura_minima": reglas.cobertura_minima,
            "banda_medio": reglas.banda_medio,
            "banda_alto": reglas.banda_alto,
            "plazo_reporte_dias": reglas.plazo_reporte_dias,
        },
        # The national figure is the roll-up of the presidential goals.
        "nacional": niveles[0],
        "niveles": niveles,
        "ejes": _ejes(res, mcr, reglas),
        "sectores": _sectores(res, mcr, reglas),
        "metas_presidenciales": _presidenciales(res, mcr),
        "evaluacion_institucional": [
            _evaluacion(mcr, anio, fecha_corte, reglas) for anio in anios_cerrados(mcr, periodo)
        ],
    }


def canonico(instantanea: Instantanea) -> str:
    """The snapshot's one text: JSON with sorted keys, no spaces, non-ASCII kept."""
    return json.dumps(instantanea, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def huella(instantanea: Instantanea) -> str:
    """SHA-256 (hex) of :func:`canonico`."""
    return hashlib.sha256(canonico(instantanea).encode("utf-8")).hexdigest()


def huella_cifras(instantanea: Instantanea) -> str:
    """SHA-256 of the snapshot without its cut date: equal for the same figures published on
    two days (the second is not a new edition)."""
    return huella({k: v for k, v in instantanea.items() if k != "fecha_corte"})
