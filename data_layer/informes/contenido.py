"""What the informe de avance and the presidential briefing say, read from the engine's results.

Pure functions of the engine's :class:`~data_layer.engine.Resultado`, the :class:`MCR` and the
mesa frames (the view-model functions the sector, eje and overview pages use, so a PDF prints the
numbers those pages show), plus one query: the institutions' explanations of their reported
values (:func:`explicaciones`). Numbers are formatted later, by the PDF builder, through
:mod:`data_layer.formato`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer.engine import Resultado
from data_layer.engine.frames import ESTADOS, MCR
from data_layer.mesas.frames import FramesMesas
from data_layer.models import Avance, EstadoVersion, Indicador
from data_layer.vistas import mesas as vm
from data_layer.vistas import niveles
from data_layer.vistas import resumen as vr


@dataclass(frozen=True)
class Barra:
    """One bar of a chart: a label, a percentage (None: no value) and a state."""

    etiqueta: str
    valor: float | None
    estado: str


@dataclass(frozen=True)
class FilaIndicador:
    """A red or yellow indicator with its institution's explanation."""

    codigo: str
    nombre: str
    institucion: str
    periodo: str
    valor: float | None
    meta: float | None
    avance: float | None
    estado: str
    explicacion: str | None


@dataclass(frozen=True)
class DatosInformeAvance:
    """Everything an informe de avance prints for one sector and quarter."""

    sector: str
    sector_nombre: str
    periodo: str
    fecha_corte: dt.date
    avance: float | None
    estado: str | None
    conteos: dict[str, int]
    metas: list[Barra]
    indicadores: list[FilaIndicador]
    acuerdos: list[dict[Any, Any]]
    cuellos: list[dict[Any, Any]]
    estrategias: list[dict[Any, Any]]
    es_demo: bool = False


@dataclass(frozen=True)
class PaginaEje:
    """One page of the presidential briefing: an eje's progress, goals and top red items."""

    codigo: str
    nombre: str
    avance: float | None
    estado: str | None
    conteos: dict[str, int]
    metas: list[Barra]
    rojos: list[FilaIndicador] = field(default_factory=list)


@dataclass(frozen=True)
class DatosInformePresidencial:
    """The presidential briefing: one :class:`PaginaEje` per eje."""

    periodo: str
    fecha_corte: dt.date
    ejes: list[PaginaEje]
    es_demo: bool = False


def _numero(valor: object) -> float | None:
    try:
        numero = float(valor)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(numero) else numero


def _barras(tabla: pd.DataFrame, columna: str = "avance_directo") -> list[Barra]:
    return [
        Barra(f"{c} {d}", _numero(a), str(s))
        for c, d, a, s in zip(
            tabla["codigo"], tabla["descripcion"], tabla[columna], tabla["semaforo"], strict=True
        )
    ]


def explicaciones(session: Session, pares: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The institutions' explanation of each (indicator, period) value: the explanation of
    the variance (or, without one, the comment) of the latest version that is not a draft."""
    if not pares:
        return {}
    codigos = sorted({c for c, _ in pares})
    filas = session.execute(
        select(Indicador.codigo, Avance.periodo, Avance.explicacion, Avance.comentario)
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .where(Indicador.codigo.in_(codigos), Avance.estado != EstadoVersion.borrador)
        .order_by(Avance.id)
    ).all()
    buscados = set(pares)
    out: dict[tuple[str, str], str] = {}
    for codigo, periodo, explicacion, comentario in filas:
        texto = (explicacion or comentario or "").strip()
        if (codigo, periodo) in buscados and texto:
            out[(codigo, periodo)] = texto
    return out


def _indicadores(
    res: Resultado, mcr: MCR, metas: pd.Index, estados: tuple[str, ...], session: Session | None
) -> list[FilaIndicador]:
    ind = res.indicadores
    elegidos = ind.loc[ind["meta_codigo"].isin(metas) & ind["semaforo"].isin(estados)]
    orden = elegidos["semaforo"].map({e: i for i, e in enumerate(ESTADOS)})
    elegidos = elegidos.assign(_o=orden, _a=elegidos["avance_pct"]).sort_values(
        ["_o", "_a"], kind="stable"
    )
    nombres = mcr.indicadores.set_index("codigo")["nombre"]
    pares = [(str(c), str(p)) for c, p in zip(elegidos.index, elegidos["periodo"], strict=True)]
    textos = explicaciones(session, pares) if session is not None else {}
    return [
        FilaIndicador(
            codigo=str(c),
            nombre=str(nombres.get(c, "")),
            institucion=str(f.institucion_responsable),
            periodo=str(f.periodo),
            valor=_numero(f.valor),
            meta=_numero(f.meta),
            avance=_numero(f.avance_pct),
            estado=str(f.semaforo),
            explicacion=textos.get((str(c), str(f.periodo))),
        )
        for c, f in zip(elegidos.index, elegidos.itertuples(index=False), strict=True)
    ]


def informe_avance(
    res: Resultado,
    mcr: MCR,
    frames: FramesMesas,
    sector: str,
    *,
    session: Session | None = None,
    es_demo: bool = False,
) -> DatosInformeAvance:
    """The informe de avance of ``sector`` at the result's quarter and cut date.

    The header numbers are the sector page's (:func:`niveles.resumen_grupo` of the sector's
    goals); the chart lists the sector's sectorial goals with their avance directo.
    """
    del_sector = niveles.metas_del_grupo(res.metas, mcr, "sector", sector)
    resumen = niveles.resumen_grupo(del_sector, "sector", res.reglas)
    tabla = niveles.tabla_metas(del_sector, mcr)
    propias = tabla.loc[tabla["nivel"] == niveles.NIVEL_PROPIO["sector"]]
    tablero = vm.tablero_acuerdos(frames, res.fecha_corte, sector)
    cuellos = frames.cuellos.loc[frames.cuellos["sector"] == sector]
    estrategias = frames.estrategias.loc[frames.estrategias["sector"] == sector]
    return DatosInformeAvance(
        sector=sector,
        sector_nombre=niveles.nombre_grupo(mcr, "sector", sector) or sector,
        periodo=res.periodo,
        fecha_corte=res.fecha_corte,
        avance=_numero(resumen.avance),
        estado=resumen.estado,
        conteos=resumen.conteos,
        metas=_barras(propias),
        indicadores=_indicadores(res, mcr, del_sector.index, ("rojo", "amarillo"), session),
        acuerdos=tablero[
            ["texto", "institucion", "persona_responsable", "fecha_limite", "estado"]
        ].to_dict("records"),
        cuellos=cuellos[["descripcion", "ambito", "institucion", "estado"]].to_dict("records"),
        estrategias=estrategias[["descripcion", "responsable", "estado"]].to_dict("records"),
        es_demo=es_demo,
    )


#: Red items each eje page lists at most.
ROJOS_POR_EJE = 6


def informe_presidencial(
    res: Resultado, mcr: MCR, *, session: Session | None = None, es_demo: bool = False
) -> DatosInformePresidencial:
    """The presidential briefing: for each eje (E1…E4; E2 with both dimensions), its avance and
    state (the eje page's header), its presidential goals with avance and state (the overview's
    list), and its worst red indicators."""
    ejes = mcr.ejes.loc[mcr.ejes["eje_padre"].isna()].sort_values("codigo")
    presidenciales = vr.metas_presidenciales(res, mcr)
    paginas = []
    for codigo, nombre in zip(ejes["codigo"].astype(str), ejes["nombre"].astype(str), strict=True):
        del_eje = niveles.metas_del_grupo(res.metas, mcr, "eje", codigo)
        resumen = niveles.resumen_grupo(del_eje, "eje", res.reglas)
        propias = presidenciales.loc[presidenciales["codigo"].isin(del_eje.index)]
        rojos = _indicadores(res, mcr, del_eje.index, ("rojo",), session)[:ROJOS_POR_EJE]
        paginas.append(
            PaginaEje(
                codigo=codigo,
                nombre=nombre,
                avance=_numero(resumen.avance),
                estado=resumen.estado,
                conteos=resumen.conteos,
                metas=_barras(propias, "avance"),
                rojos=rojos,
            )
        )
    return DatosInformePresidencial(res.periodo, res.fecha_corte, paginas, es_demo)
