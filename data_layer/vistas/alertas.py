"""The alert center and the overview's alert panel: alerts with their place in the MCR.

The engine's alerts name an entity (an indicator or a goal) and its page (``enlace``); this module
adds where that entity sits (the goal, its level, eje, sector and institution, as the breadcrumbs
say), the entity's semáforo, Spanish names for types and severities, and the orderings and counts
the pages show.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_layer.engine import Resultado
from data_layer.engine.alerts import con_mensajes
from data_layer.engine.frames import MCR, NIVELES
from data_layer.vistas.bloques import Bloque, Columna, bloque
from data_layer.vistas.filtros import FiltrosLike, filtrar_alertas
from data_layer.vistas.linaje import ejes_de_sectores, sectores_principales

#: Severities, most severe first.
SEVERIDADES = ("alta", "media", "baja")

# The "no value" branch of np.where: None as a 0-d object array (what np.where makes of a bare
# None, which numpy's stubs do not accept).
_NINGUNO = np.array(None, dtype=object)

#: Spanish name of each severity.
NOMBRES_SEVERIDAD: dict[str, str] = {"alta": "Alta", "media": "Media", "baja": "Baja"}

#: Spanish name of each alert type (DOMAIN.md §4).
NOMBRES_TIPO: dict[str, str] = {
    "indicador_rojo": "Indicador en rojo",
    "indicador_amarillo": "Indicador en amarillo",
    "alerta_temprana": "Alerta temprana",
    "reporte_faltante": "Reporte faltante",
    "reporte_tardio": "Reporte tardío",
    "dato_atipico": "Dato atípico",
    "revisar_programacion": "Revisar programación",
    "meta_sin_programacion": "Meta sin programación",
    "cadena_rota": "Cadena de valor rota",
    "validacion_pendiente": "Validación pendiente",
    "reporte_devuelto": "Reporte devuelto sin corregir",
    "acuerdo_vencido": "Acuerdo vencido",
    "convocatoria_tardia": "Convocatoria tardía",
    "ayuda_memoria_tardia": "Ayuda memoria tardía",
    "exceso_miembros": "Exceso de miembros",
    "mesa_sin_plan": "Mesa sin plan de trabajo",
    "rojo_sin_accion": "Rojo sin acción",
}

#: Columns :func:`enriquecer_alertas` adds.
COLUMNAS_LUGAR = ("meta", "nivel", "eje", "sector", "institucion", "semaforo")


def nombre_tipo(tipo: str) -> str:
    """The Spanish name of an alert type (the code itself for a type not listed)."""
    return NOMBRES_TIPO.get(tipo, tipo.replace("_", " ").capitalize())


def _lugar_de_metas(mcr: MCR) -> pd.DataFrame:
    """Per goal code: nivel, eje, sector and institution, levels borrowed as in the breadcrumbs."""
    metas = mcr.metas
    codigos = metas["codigo"].astype("str").to_numpy()
    institucion = metas["institucion"].astype("str")
    sector = metas["sector"].astype("str")
    sector = sector.fillna(institucion.map(sectores_principales(mcr)))
    eje = metas["eje"].astype("str").fillna(sector.map(ejes_de_sectores(mcr)))
    return pd.DataFrame(
        {
            "nivel": metas["nivel"].astype("str").to_numpy(),
            "eje": eje.to_numpy(),
            "sector": sector.to_numpy(),
            "institucion": institucion.to_numpy(),
        },
        index=pd.Index(codigos, name="meta"),
    )


def enriquecer_alertas(res: Resultado, mcr: MCR) -> pd.DataFrame:
    """The engine's alerts with their entity's goal, level, eje, sector, institution and state.

    An indicator's goal is its own; its institution is the one responsible for it (else its
    goal's); its state is its semáforo in ``res``. A goal's place is its own, with missing levels
    borrowed like the breadcrumbs do (a sectoral goal's eje is its sector's first eje). Other
    entities get NA.

    Returns:
        ``res.alertas`` with the columns :data:`COLUMNAS_LUGAR` added (text, NA when unknown).
    """
    alertas = res.alertas
    lugar = _lugar_de_metas(mcr)
    tipo = alertas["entidad_tipo"].astype("str").to_numpy()
    entidad = alertas["entidad"].astype("str")
    es_indicador = tipo == "indicador"
    es_meta = tipo == "meta"

    indicadores = mcr.indicadores.set_index(mcr.indicadores["codigo"].astype("str"))
    meta_de_indicador = indicadores["meta"].astype("str").reindex(entidad).to_numpy()
    meta = pd.Series(
        np.where(es_indicador, meta_de_indicador, np.where(es_meta, entidad.to_numpy(), _NINGUNO)),
        index=alertas.index,
        dtype="str",
    )
    de_la_meta = lugar.reindex(meta.to_numpy())

    responsable = indicadores["institucion_responsable"].astype("str").reindex(entidad).to_numpy()
    institucion = pd.Series(
        np.where(es_indicador, responsable, _NINGUNO), index=alertas.index, dtype="str"
    ).fillna(pd.Series(de_la_meta["institucion"].to_numpy(), index=alertas.index))

    estado_indicador = res.indicadores["semaforo"].astype("str").reindex(entidad).to_numpy()
    estado_meta = res.metas["semaforo"].astype("str").reindex(entidad).to_numpy()
    semaforo = np.where(es_indicador, estado_indicador, np.where(es_meta, estado_meta, _NINGUNO))

    return alertas.assign(
        meta=meta,
        nivel=de_la_meta["nivel"].to_numpy(),
        eje=de_la_meta["eje"].to_numpy(),
        sector=de_la_meta["sector"].to_numpy(),
        institucion=institucion.to_numpy(),
        semaforo=pd.Series(semaforo, index=alertas.index, dtype="str"),
    )


def _rango(serie: pd.Series, orden: tuple[str, ...]) -> pd.Series:
    return serie.map({v: i for i, v in enumerate(orden)}).fillna(len(orden))


def ordenar_alertas(alertas: pd.DataFrame) -> pd.DataFrame:
    """Most severe first; then alerts about higher-level goals (presidencial before sectorial
    before institucional), then type, entity and period: what a minister should read first."""
    claves = alertas.assign(
        _sev=_rango(alertas["severidad"], SEVERIDADES),
        _nivel=_rango(alertas["nivel"], NIVELES) if "nivel" in alertas else 0,
    )
    return (
        claves.sort_values(["_sev", "_nivel", "tipo", "entidad", "periodo"], kind="stable")
        .drop(columns=["_sev", "_nivel"])
        .reset_index(drop=True)
    )


def agrupar_por_entidad(alertas: pd.DataFrame) -> pd.DataFrame:
    """One row per entity (the same indicator or goal): its first alert in
    :func:`ordenar_alertas`' order, with how many other alerts it has (``otras``, an int), what
    they are (``otras_texto``: «Reporte faltante (2024-T2), Dato atípico (2024-T3)», NA when
    there are none) and every type of the group (``tipos``, a tuple). Alerts without an entity
    are never grouped."""
    ordenadas = ordenar_alertas(alertas)
    sin_entidad = "#" + pd.Series(ordenadas.index.astype("str"), index=ordenadas.index)
    llave = (
        ordenadas["entidad_tipo"].astype("str") + "|" + ordenadas["entidad"].astype("str")
    ).where(ordenadas["entidad"].notna().to_numpy(), sin_entidad)
    descripcion = [
        nombre_tipo(str(t)) + ("" if pd.isna(p) else f" ({p})")
        for t, p in zip(ordenadas["tipo"], ordenadas["periodo"], strict=True)
    ]
    grupos = pd.DataFrame(
        {"llave": llave.to_numpy(), "tipo": ordenadas["tipo"].astype("str"), "texto": descripcion}
    ).groupby("llave", sort=False)
    primeras = ordenadas.loc[~llave.duplicated().to_numpy()]
    clave_primera = llave.loc[primeras.index]
    otras = {k: list(g["texto"])[1:] for k, g in grupos}
    tipos = {k: tuple(dict.fromkeys(g["tipo"])) for k, g in grupos}
    return primeras.assign(
        otras=[len(otras[k]) for k in clave_primera],
        otras_texto=pd.Series(
            [", ".join(otras[k]) or None for k in clave_primera], index=primeras.index, dtype=object
        ),
        tipos=pd.Series([tipos[k] for k in clave_primera], index=primeras.index, dtype=object),
    ).reset_index(drop=True)


def alertas_destacadas(alertas: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """The ``n`` entities whose alerts to show first, one row each with the others grouped
    under it (see :func:`agrupar_por_entidad` and :func:`ordenar_alertas`), their messages
    written (:func:`~data_layer.engine.alerts.con_mensajes`)."""
    return con_mensajes(agrupar_por_entidad(alertas).head(n))


def filtrar_propios(
    alertas: pd.DataFrame,
    severidad: str | None = None,
    tipo: str | None = None,
    institucion: str | None = None,
) -> pd.DataFrame:
    """The alert center's own filters: severity, type and institution (None: no filter)."""
    mascara = np.ones(len(alertas), dtype=bool)
    for columna, valor in (("severidad", severidad), ("tipo", tipo), ("institucion", institucion)):
        if valor:
            mascara = mascara & (alertas[columna].astype("str") == valor).to_numpy()
    return alertas.loc[mascara]


def conteo_alertas(alertas: pd.DataFrame) -> pd.DataFrame:
    """Alerts per type and severity: one row per type present (most severe types first), one
    column per severity (zeros included) and ``total``."""
    if alertas.empty:
        return pd.DataFrame(columns=[*SEVERIDADES, "total"], dtype="int64").rename_axis("tipo")
    tabla = (
        pd.crosstab(alertas["tipo"].astype("str"), alertas["severidad"].astype("str"))
        .reindex(columns=list(SEVERIDADES), fill_value=0)
        .astype("int64")
    )
    tabla["total"] = tabla.sum(axis=1)
    tabla = tabla.sort_values(list(SEVERIDADES), ascending=False, kind="stable")
    return tabla.rename_axis(index="tipo", columns=None)


def conteo_severidades(alertas: pd.DataFrame) -> dict[str, int]:
    """Number of alerts per severity, most severe first (zeros included)."""
    conteos = alertas["severidad"].astype("str").value_counts()
    return {s: int(conteos.get(s, 0)) for s in SEVERIDADES}


@dataclass(frozen=True)
class CentroAlertas:
    """What the alert center shows for its two rows of filters.

    Attributes:
        alertas: the alerts that pass both rows (the shared bar's and the page's own), in the
            order they came.
        tipos: the alert types present under the shared bar's filters, by Spanish name (the
            options of the page's own type filter).
        instituciones: (sigla, name) of the institutions present under the shared bar's filters,
            by sigla (a sigla the MCR does not name is its own name).
    """

    alertas: pd.DataFrame
    tipos: list[str]
    instituciones: list[tuple[str, str]]


def centro_alertas(
    alertas: pd.DataFrame,
    mcr: MCR,
    f: FiltrosLike,
    severidad: str | None = None,
    tipo: str | None = None,
    institucion: str | None = None,
) -> CentroAlertas:
    """The alert center's content: ``alertas`` (:func:`enriquecer_alertas` rows) under the shared
    filters ``f`` (:func:`~data_layer.vistas.filtros.filtrar_alertas`) and the page's own ones
    (:func:`filtrar_propios`); the own filters' options come from the first cut only, so choosing
    a type never hides the other types from its dropdown."""
    del_lugar = filtrar_alertas(alertas, mcr, f)
    nombres = mcr.instituciones.set_index(mcr.instituciones["sigla"].astype("str"))["nombre"]
    siglas = sorted(set(del_lugar["institucion"].dropna().astype("str").unique()))
    return CentroAlertas(
        alertas=filtrar_propios(del_lugar, severidad, tipo, institucion),
        tipos=sorted(set(del_lugar["tipo"].astype("str").unique()), key=nombre_tipo),
        instituciones=[(s, str(nombres.get(s, s))) for s in siglas],
    )


#: The alert centre grid's columns (their ids) and what each filters and sorts on: the severity
#: filters on its Spanish name and sorts most severe first, the type on its Spanish name.
COLUMNAS_GRID: dict[str, Columna] = {
    "severidad_orden": Columna(filtro="severidad_texto", orden="severidad_orden"),
    "tipo_texto": Columna(filtro="tipo_texto", orden="tipo_texto"),
    **{
        c: Columna(filtro=c, orden=c)
        for c in ("entidad", "mensaje", "eje", "sector", "institucion", "periodo")
    },
}


def _nombra(filtro: object, orden: object, columna: str) -> bool:
    """Whether the grid's filter or sort model mentions ``columna``."""
    if isinstance(filtro, dict) and columna in filtro:
        return True
    return isinstance(orden, list) and any(
        isinstance(o, dict) and o.get("colId") == columna for o in orden
    )


def bloque_alertas(
    alertas: pd.DataFrame,
    inicio: object = 0,
    fin: object = None,
    orden: object = None,
    filtro: object = None,
) -> Bloque:
    """One block of the alert centre's grid (AG Grid's infinite row model): ``alertas`` (the
    centre's, in its order) under the grid's ``filterModel`` and ``sortModel``, rows
    ``inicio``..``fin`` (clamped, see :func:`data_layer.vistas.bloques.bloque`), and how many
    pass.

    Raises:
        data_layer.vistas.bloques.ModeloInvalido: a filter model the grid could not have sent.
    """
    if _nombra(filtro, orden, "mensaje"):
        # The engine leaves messages unwritten (they are written for the rows shown); a filter
        # or sort on the message needs every row's text.
        alertas = con_mensajes(alertas)
    severidad = alertas["severidad"].astype("str")
    tabla = alertas.assign(
        severidad_orden=_rango(severidad, SEVERIDADES).astype("int64"),
        severidad_texto=severidad.map(lambda s: NOMBRES_SEVERIDAD.get(s, s)),
        tipo_texto=alertas["tipo"].astype("str").map(nombre_tipo),
    )
    return bloque(tabla, COLUMNAS_GRID, inicio, fin, orden, filtro)
