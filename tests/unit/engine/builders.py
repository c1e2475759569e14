"""Tiny hand-made MCRs for the engine tests: what a test states, sensible defaults otherwise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd

from data_layer.engine.frames import COLUMNAS, MCR, typed_frame

#: Default evaluation: 2024-T3 with every report of the quarter overdue.
PERIODO = "2024-T3"
CORTE = dt.date(2024, 12, 31)


def indicador(
    codigo: str,
    meta: str = "M1",
    *,
    tipo: str = "flujo",
    sentido: str = "ascendente",
    frecuencia: str = "trimestral",
    linea_base: float | None = None,
    unidad: str = "número de personas",
    umbral_verde: float | None = None,
    umbral_amarillo: float | None = None,
    peso: float | None = None,
    institucion: str = "SESAL",
) -> dict:
    """One indicator row."""
    return {
        "codigo": codigo,
        "meta": meta,
        "nombre": f"Indicador {codigo}",
        "eslabon": "producto",
        "unidad": unidad,
        "sentido": sentido,
        "tipo": tipo,
        "frecuencia": frecuencia,
        "linea_base": linea_base,
        "anio_base": None if linea_base is None else 2022,
        "fuente": "Registro administrativo",
        "institucion_responsable": institucion,
        "umbral_verde": umbral_verde,
        "umbral_amarillo": umbral_amarillo,
        "peso": peso,
    }


def meta(
    codigo: str,
    nivel: str = "institucional",
    *,
    eje: str | None = None,
    sector: str | None = None,
    institucion: str | None = None,
    peso: float | None = None,
) -> dict:
    """One goal row."""
    return {
        "codigo": codigo,
        "nivel": nivel,
        "descripcion": f"Meta {codigo}",
        "eje": eje,
        "sector": sector,
        "institucion": institucion,
        "peso": peso,
    }


def _frame(nombre: str, filas: Iterable[Sequence | dict]) -> pd.DataFrame:
    filas = list(filas)
    columnas = list(COLUMNAS[nombre])
    if not filas:
        return typed_frame(pd.DataFrame({c: [] for c in columnas}), nombre)
    if isinstance(filas[0], dict):
        frame = pd.DataFrame(filas, columns=columnas)
    else:
        frame = pd.DataFrame([list(f) + [None] * (len(columnas) - len(f)) for f in filas])
        frame.columns = columnas
    return typed_frame(frame, nombre)


def build_mcr(
    indicadores: Iterable[dict] = (),
    programacion: Iterable[tuple] = (),
    avances: Iterable[tuple] = (),
    metas: Iterable[dict] | None = None,
    contribuciones: Iterable[tuple] = (),
    ejes: Iterable[tuple] = (),
    sectores: Iterable[tuple] = (),
    sector_ejes: Iterable[tuple] = (),
    instituciones: Iterable[tuple] = (),
    recepciones: Iterable[tuple] = (),
    versiones: Iterable[tuple] = (),
) -> MCR:
    """An MCR from plain rows.

    Args:
        indicadores: :func:`indicador` rows.
        programacion: ``(indicador, periodo, meta)`` or ``(indicador, periodo, meta,
            meta_original)``; the original target defaults to the current one.
        avances: ``(indicador, periodo, valor, "aaaa-mm-dd")`` or with a fifth item, the
            validation date ``"aaaa-mm-dd"`` (default: the report date).
        recepciones: ``(indicador, periodo, "aaaa-mm-dd")``: first receipts of reports not (yet)
            validated.
        versiones: ``(indicador, periodo, numero, recibido, validado, devuelto)`` with dates
            ``"aaaa-mm-dd"`` or None (sent versions with their review days).
        metas: :func:`meta` rows; by default one institucional goal per goal code the indicators
            name.
        contribuciones: ``(meta, meta_destino)`` or ``(meta, meta_destino, peso)``.
        ejes: ``(codigo, nombre, eje_padre)``; sectores: ``(codigo, nombre)``; sector_ejes:
            ``(sector, eje)``; instituciones: ``(sigla, nombre)``.
    """
    indicadores = list(indicadores)
    if metas is None:
        metas = [meta(c) for c in dict.fromkeys(i["meta"] for i in indicadores)]
    prog = [(f[0], f[1], f[3] if len(f) > 3 else f[2], f[2]) for f in programacion]
    return MCR(
        ejes=_frame("ejes", ejes),
        sectores=_frame("sectores", sectores),
        sector_ejes=_frame("sector_ejes", sector_ejes),
        instituciones=_frame("instituciones", instituciones),
        metas=_frame("metas", metas),
        contribuciones=_frame("contribuciones", [(*c, 1.0)[:3] for c in contribuciones]),
        indicadores=_frame("indicadores", indicadores),
        programacion=_frame("programacion", prog),
        avances=_frame(
            "avances",
            [
                (a[0], a[1], a[2], pd.Timestamp(a[3]), pd.Timestamp(a[4]) if len(a) > 4 else None)
                for a in avances
            ],
        ),
        recepciones=_frame("recepciones", [(r[0], r[1], pd.Timestamp(r[2])) for r in recepciones]),
        versiones=_frame(
            "versiones",
            [
                (*v[:3], *(pd.Timestamp(x) if x else None for x in v[3:6]), *v[6:7])
                for v in versiones
            ],
        ),
    )
