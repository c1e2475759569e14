"""Alerts of DOMAIN.md §4 and §8 that need only the MCR and its evaluation (no mesas).

One function per alert type, each returning a frame with :data:`COLUMNAS_ALERTAS` and the
structured fields its message is written from (:data:`CAMPOS_MENSAJE`); the ``mensaje`` column is
empty there. :func:`con_mensajes` writes the Spanish messages, numbers formatted by
:func:`~data_layer.engine.mensajes.format_number`, for the rows it is given: the rows a page
shows, a digest lists or an export writes, never the hundreds of thousands of a large MCR at
once (issue #15). :func:`generar_alertas` returns every alert with its message.

- ``indicador_rojo``, ``indicador_amarillo`` ....... :func:`alert_semaforo`
- ``alerta_temprana`` .............................. :func:`alert_temprana`
- ``reporte_faltante`` ............................. :func:`alert_reporte_faltante`
- ``reporte_tardio`` ............................... :func:`alert_reporte_tardio`
- ``dato_atipico`` ................................. :func:`alert_dato_atipico`
- ``revisar_programacion`` ......................... :func:`alert_revisar_programacion`
- ``meta_sin_programacion`` ........................ :func:`alert_meta_sin_programacion`
- ``cadena_rota`` .................................. :func:`alert_cadena_rota`
- ``validacion_pendiente`` (§8) .................... :func:`alert_validacion_pendiente`
- ``reporte_devuelto`` (§8) ........................ :func:`alert_reporte_devuelto`
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from data_layer import formato, periods
from data_layer.engine.frames import AMARILLO, MCR, ROJO, Reglas
from data_layer.engine.grupos import anterior as valor_anterior
from data_layer.engine.grupos import mediana_por_fila, tramos
from data_layer.engine.inputs import Entradas, is_late, is_overdue, lookup, preparar
from data_layer.engine.mensajes import (
    format_number,
    format_value,
    join_per_indicator,
    plano,
    texto,
)
from data_layer.engine.progress import (
    REGLA_LINEA_BASE,
    resolve_periods,
    select_rule,
    sin_meta_programada,
)
from data_layer.engine.rollup import prepare_contribuciones, prepare_metas

COLUMNAS_ALERTAS = ("tipo", "severidad", "entidad_tipo", "entidad", "mensaje", "enlace", "periodo")

#: Severity of each alert type.
SEVERIDADES: dict[str, str] = {
    "indicador_rojo": "alta",
    "indicador_amarillo": "media",
    "reporte_faltante": "media",
    "reporte_tardio": "baja",
    "dato_atipico": "media",
    "revisar_programacion": "baja",
    "meta_sin_programacion": "media",
    "cadena_rota": "media",
    "validacion_pendiente": "media",
    "reporte_devuelto": "media",
}

#: Severity of ``alerta_temprana`` by forecast.
SEVERIDAD_ALERTA_TEMPRANA: dict[str, str] = {"improbable": "media", "en_riesgo": "baja"}

_ORDEN_SEVERIDAD = {"alta": 0, "media": 1, "baja": 2}


#: Structured fields of an alert its message is written from (NaN / NA where a type has none):
#: numbers ``m_avance``, ``m_valor``, ``m_meta``, ``m_base`` (the baseline, when P is measured
#: from it), ``m_verde``/``m_amarillo`` (the indicator's own thresholds, when they differ from
#: the rules'), ``m_anterior``, ``m_z``, ``m_limite``, ``m_n``, ``m_anio``; texts ``m_texto``,
#: ``m_caso`` (which wording) and ``m_metodo``. :func:`con_mensajes` drops them.
CAMPOS_MENSAJE = (
    "m_avance",
    "m_valor",
    "m_meta",
    "m_base",
    "m_verde",
    "m_amarillo",
    "m_anterior",
    "m_z",
    "m_limite",
    "m_n",
    "m_anio",
    "m_texto",
    "m_caso",
    "m_metodo",
)
_CAMPOS_TEXTO = ("m_texto", "m_caso", "m_metodo")


#: An alert type's rows as numpy columns (texts as object arrays), before they become a frame.
_Filas = dict[str, np.ndarray]


def _filas(
    tipo: str,
    entidad_tipo: str,
    entidad: object,
    periodo: object,
    severidad: object = None,
    **campos: object,
) -> _Filas:
    entidad = plano(entidad)
    n = len(entidad)
    ruta = "/indicadores/" if entidad_tipo == "indicador" else "/metas/"

    def columna_texto(valor: object) -> np.ndarray:
        return np.full(n, valor, dtype=object) if isinstance(valor, str) else plano(valor)

    filas: _Filas = {
        "tipo": columna_texto(tipo),
        "severidad": columna_texto(SEVERIDADES[tipo] if severidad is None else severidad),
        "entidad_tipo": columna_texto(entidad_tipo),
        "entidad": entidad,
        "enlace": texto(ruta, entidad),
        "periodo": columna_texto(periodo),
    }
    for campo, valor in campos.items():
        if campo in _CAMPOS_TEXTO:
            filas[campo] = plano(valor)
        else:
            filas[campo] = np.broadcast_to(np.asarray(valor, dtype=float), (n,))
    return filas


def _marco(partes: list[_Filas], orden: np.ndarray | None = None) -> pd.DataFrame:
    """The alerts of ``partes`` as one frame (:data:`COLUMNAS_ALERTAS` as text, then
    :data:`CAMPOS_MENSAJE`; NaN / None where a type has no such field), in ``orden`` if given."""
    largos = [len(p["tipo"]) for p in partes]
    n = sum(largos)

    def columna(nombre: str, vacio: object, dtype: type) -> np.ndarray:
        trozos = [
            p[nombre] if nombre in p else np.full(largo, vacio, dtype=dtype)
            for p, largo in zip(partes, largos, strict=True)
        ]
        todo = np.concatenate(trozos) if trozos else np.zeros(0, dtype=dtype)
        return todo if orden is None else todo[orden]

    datos: dict[str, object] = {}
    for nombre in COLUMNAS_ALERTAS:
        if nombre == "mensaje":
            datos[nombre] = pd.array(np.full(n, None, dtype=object), dtype="str")
        else:
            datos[nombre] = pd.array(columna(nombre, None, object), dtype="str")
    for nombre in CAMPOS_MENSAJE:
        texto_campo = nombre in _CAMPOS_TEXTO
        datos[nombre] = columna(
            nombre, None if texto_campo else np.nan, object if texto_campo else float
        )
    return pd.DataFrame(datos, index=pd.RangeIndex(n), copy=False)


def _umbrales_propios(d: pd.DataFrame, reglas: Reglas | None) -> tuple[np.ndarray, np.ndarray]:
    """The indicator's own thresholds where they are not the rules' (a 72 % in rojo is then no
    mistake), else NaN."""
    nada = np.full(len(d), np.nan)
    if reglas is None or "umbral_verde" not in d or "umbral_amarillo" not in d:
        return nada, nada
    verde = d["umbral_verde"].to_numpy(dtype="float64")
    amarillo = d["umbral_amarillo"].to_numpy(dtype="float64")
    propios = (verde != reglas.umbral_verde) | (amarillo != reglas.umbral_amarillo)
    return np.where(propios, verde, np.nan), np.where(propios, amarillo, np.nan)


def alert_semaforo(indicadores: pd.DataFrame, reglas: Reglas | None = None) -> pd.DataFrame:
    """indicador_rojo / indicador_amarillo: the indicator's state at the evaluated period; with
    ``reglas``, an indicator whose thresholds differ from the rules' says which are its own."""
    return _marco(_filas_semaforo(indicadores, reglas))


def _filas_semaforo(indicadores: pd.DataFrame, reglas: Reglas | None = None) -> list[_Filas]:
    partes = []
    for estado, tipo in ((ROJO, "indicador_rojo"), (AMARILLO, "indicador_amarillo")):
        d = indicadores[indicadores["semaforo"] == estado]
        desde_base = (
            select_rule(
                d["valor"].to_numpy(),
                d["meta"].to_numpy(),
                d["linea_base"].to_numpy(),
                d["tipo"].to_numpy(),
                d["sentido"].to_numpy(),
            )
            == REGLA_LINEA_BASE
        )
        verde, amarillo = _umbrales_propios(d, reglas)
        partes.append(
            _filas(
                tipo,
                "indicador",
                d.index,
                d["periodo"],
                m_avance=d["avance_pct"].to_numpy(dtype=float),
                m_valor=d["valor"].to_numpy(dtype=float),
                m_meta=d["meta"].to_numpy(dtype=float),
                m_base=np.where(desde_base, d["linea_base"].to_numpy(dtype=float), np.nan),
                m_verde=verde,
                m_amarillo=amarillo,
                m_caso=d["sentido"],
            )
        )
    return partes


def _mensaje_semaforo(a: pd.DataFrame) -> np.ndarray:
    base = a["m_base"].to_numpy(dtype=float)
    verde = a["m_verde"].to_numpy(dtype=float)
    return texto(
        "El indicador ",
        a["entidad"],
        np.where(a["tipo"] == "indicador_rojo", f" está en {ROJO} en ", f" está en {AMARILLO} en "),
        a["periodo"],
        ": avance de ",
        format_number(a["m_avance"]),
        " % (valor ",
        format_value(a["m_valor"]),
        " frente a una meta de ",
        format_value(a["m_meta"]),
        np.where(
            ~np.isnan(base),
            texto(
                "; medido desde la línea base ",
                format_value(base),
                ": (valor − línea base) ÷ (meta − línea base)",
            ),
            "",
        ),
        np.where(a["m_caso"] == "descendente", "; menor es mejor", ""),
        np.where(
            ~np.isnan(verde),
            texto(
                "; umbrales propios de este indicador: verde desde ",
                format_value(verde),
                " %, amarillo desde ",
                format_value(a["m_amarillo"]),
                " %",
            ),
            "",
        ),
        ").",
    )


def alert_temprana(proyecciones: pd.DataFrame, indicadores: pd.DataFrame) -> pd.DataFrame:
    """alerta_temprana: the projection says the final target is improbable or en_riesgo."""
    return _marco(_filas_temprana(proyecciones, indicadores))


def _filas_temprana(proyecciones: pd.DataFrame, indicadores: pd.DataFrame) -> list[_Filas]:
    p = proyecciones[proyecciones["pronostico"].isin(list(SEVERIDAD_ALERTA_TEMPRANA))]
    evaluado = indicadores["periodo"].reindex(p.index)
    return [
        _filas(
            "alerta_temprana",
            "indicador",
            p.index,
            evaluado,
            severidad=p["pronostico"].map(SEVERIDAD_ALERTA_TEMPRANA),
            m_texto=p["periodo_final"],
            m_meta=p["meta_final"].to_numpy(dtype=float),
            m_caso=p["pronostico"],
            m_avance=p["avance_proyectado"].to_numpy(dtype=float),
            m_metodo=p["metodo"],
        )
    ]


def _mensaje_temprana(a: pd.DataFrame) -> np.ndarray:
    return texto(
        "El indicador ",
        a["entidad"],
        " (evaluado en ",
        a["periodo"],
        "): alcanzar la meta de ",
        a["m_texto"],
        " (",
        format_value(a["m_meta"]),
        ") es ",
        a["m_caso"].map({"improbable": "improbable", "en_riesgo": "en riesgo"}),
        "; avance proyectado de ",
        format_number(a["m_avance"]),
        " %. Método: ",
        a["m_metodo"],
    )


def alert_reporte_faltante(
    ent: Entradas, ordinal_resuelto: np.ndarray, periodo_resuelto: pd.Series
) -> pd.DataFrame:
    """reporte_faltante: one alert per indicator listing every programmed period up to the
    resolved one whose report is overdue at the cut date and was never received (a report sent
    and waiting for validation is not missing: DOMAIN.md §8).

    Periods whose ascendente flujo/acumulado target is 0 are not programmed and not listed.
    """
    return _marco(_filas_reporte_faltante(ent, ordinal_resuelto, periodo_resuelto))


def _filas_reporte_faltante(
    ent: Entradas, ordinal_resuelto: np.ndarray, periodo_resuelto: pd.Series
) -> list[_Filas]:
    ind = ent.indicadores
    prog = ent.programacion
    pos = prog["pos"].to_numpy()
    faltan = (prog["ordinal"].to_numpy() <= ordinal_resuelto[pos]) & is_overdue(
        prog["vencimiento"].to_numpy(), ent.fecha_corte
    )
    # Only a zero target can be "not programmed": the rule is checked on those rows alone.
    meta = prog["meta"].to_numpy()
    cero = np.flatnonzero(faltan & (meta == 0))
    faltan[cero] = ~sin_meta_programada(
        meta[cero], ind["tipo"].to_numpy()[pos[cero]], ind["sentido"].to_numpy()[pos[cero]]
    )
    cuales = np.flatnonzero(faltan)
    recibidas = lookup(ent.recepciones["clave"].to_numpy(), prog["clave"].to_numpy()[cuales])
    faltan[cuales[recibidas >= 0]] = False
    cual, cuantos, lista = join_per_indicator(pos[faltan], prog["periodo"].to_numpy()[faltan])
    return [
        _filas(
            "reporte_faltante",
            "indicador",
            ind.index.to_numpy()[cual],
            periodo_resuelto.to_numpy()[cual],
            m_n=cuantos,
            m_texto=lista,
        )
    ]


def _mensaje_faltante(a: pd.DataFrame) -> np.ndarray:
    cuantos = a["m_n"].to_numpy(dtype=float).astype(np.int64)
    plural = cuantos > 1
    return texto(
        "El indicador ",
        a["entidad"],
        np.where(plural, ": faltan ", ": falta "),
        cuantos.astype(str),
        np.where(plural, " reportes vencidos: ", " reporte vencido: "),
        a["m_texto"],
        ".",
    )


def alert_reporte_tardio(
    ent: Entradas, ordinal_resuelto: np.ndarray, periodo_resuelto: pd.Series, anio: int
) -> pd.DataFrame:
    """reporte_tardio: one alert per indicator listing the periods of the evaluated year (up to
    the resolved period) whose report was first received after its due date, with the days late
    (timeliness counts from the first receipt, validated or not: DOMAIN.md §8)."""
    return _marco(_filas_reporte_tardio(ent, ordinal_resuelto, periodo_resuelto, anio))


def _filas_reporte_tardio(
    ent: Entradas, ordinal_resuelto: np.ndarray, periodo_resuelto: pd.Series, anio: int
) -> list[_Filas]:
    av = ent.recepciones
    pos = av["pos"].to_numpy()
    tarde = (
        (av["anio"].to_numpy() == anio)
        & (av["ordinal"].to_numpy() <= ordinal_resuelto[pos])
        & is_late(av["recibido_en"].to_numpy(), av["vencimiento"].to_numpy())
    )
    filas = av[tarde]
    dias = ((filas["recibido_en"] - filas["vencimiento"]).dt.days).to_numpy(dtype=np.int64)
    detalle = texto(
        filas["periodo"],
        " (",
        dias.astype(str),
        np.where(dias == 1, " día", " días"),
        " de atraso)",
    )
    cual, _, lista = join_per_indicator(pos[tarde], detalle)
    return [
        _filas(
            "reporte_tardio",
            "indicador",
            ent.indicadores.index.to_numpy()[cual],
            periodo_resuelto.to_numpy()[cual],
            m_anio=anio,
            m_texto=lista,
        )
    ]


def _mensaje_tardio(a: pd.DataFrame) -> np.ndarray:
    anio = a["m_anio"].to_numpy(dtype=float).astype(np.int64).astype(str)
    return texto(
        "El indicador ",
        a["entidad"],
        " reportó después del plazo en ",
        anio,
        ": ",
        a["m_texto"],
        ".",
    )


def _es_porcentaje(unidad: pd.Series) -> np.ndarray:
    """A unit is a percentage when it contains "%" or starts with "porcentaje"."""
    codigos, unicas = pd.factorize(unidad.fillna("").astype(str))
    limpias = [u.strip().lower() for u in unicas]
    es = np.array([("%" in u) or u.startswith("porcentaje") for u in limpias], dtype=bool)
    return es[codigos]


def alert_dato_atipico(ent: Entradas, ordinal_resuelto: np.ndarray, reglas: Reglas) -> pd.DataFrame:
    """dato_atipico per (indicator, period) up to the resolved period.

    Either a robust z-score of the period-to-period change, 0.6745·(d − median(d)) / MAD, above
    ``reglas.atipico_z`` in absolute value (only with ≥ ``reglas.atipico_min_cambios`` changes and
    MAD > 0), or an impossible value: a percentage unit with a value above 100 or below 0.
    """
    return _marco(_filas_dato_atipico(ent, ordinal_resuelto, reglas))


def _filas_dato_atipico(
    ent: Entradas, ordinal_resuelto: np.ndarray, reglas: Reglas
) -> list[_Filas]:
    ind = ent.indicadores
    av = ent.avances
    pos = av["pos"].to_numpy()
    dentro = av["ordinal"].to_numpy() <= ordinal_resuelto[pos]
    todas = bool(dentro.all())
    pos = pos if todas else pos[dentro]
    valor = av["valor"].to_numpy() if todas else av["valor"].to_numpy()[dentro]
    # Rows are sorted by indicator then period: each indicator's series is one run.
    t = tramos(pos)
    anterior = valor_anterior(t, valor)
    d = valor - anterior
    cambios_matriz = t.matriz(d)  # one row per indicator
    cambios, mediana = mediana_por_fila(cambios_matriz)
    _, mad = mediana_por_fila(np.abs(cambios_matriz - mediana[:, None]))
    mediana, mad = mediana[t.tramo], mad[t.tramo]
    with np.errstate(divide="ignore", invalid="ignore"):
        z = 0.6745 * (d - mediana) / mad
    atipico = (
        (cambios[t.tramo] >= reglas.atipico_min_cambios)
        & (mad > 0)
        & (np.abs(z) > reglas.atipico_z)
    )
    imposible = _es_porcentaje(ind["unidad"])[pos] & ((valor > 100) | (valor < 0))

    hay = imposible | atipico
    codigo = ind.index.to_numpy()[pos[hay]]
    periodo = (av["periodo"].to_numpy() if todas else av["periodo"].to_numpy()[dentro])[hay]
    return [
        _filas(
            "dato_atipico",
            "indicador",
            codigo,
            periodo,
            m_caso=np.where(imposible[hay], "imposible", "cambio"),
            m_valor=valor[hay],
            m_anterior=anterior[hay],
            m_z=z[hay],
            m_limite=reglas.atipico_z,
        )
    ]


def _mensaje_atipico(a: pd.DataFrame) -> np.ndarray:
    valor = format_value(a["m_valor"])
    return np.where(
        a["m_caso"] == "imposible",
        texto(
            "El indicador ",
            a["entidad"],
            " reportó ",
            valor,
            " en ",
            a["periodo"],
            ", imposible para un porcentaje (debe estar entre 0 y 100).",
        ),
        texto(
            "El indicador ",
            a["entidad"],
            " pasó de ",
            format_value(a["m_anterior"]),
            " a ",
            valor,
            " en ",
            a["periodo"],
            ": cambio atípico (puntaje z robusto de ",
            format_number(a["m_z"]),
            "; el límite es ",
            formato.format_numeros(a["m_limite"], 1),
            ").",
        ),
    )


def alert_revisar_programacion(indicadores: pd.DataFrame, reglas: Reglas) -> pd.DataFrame:
    """revisar_programacion: rounded P above ``reglas.revisar_programacion_sobre``.

    Informational: the indicator keeps its traffic light (verde with the default thresholds).
    """
    return _marco(_filas_revisar_programacion(indicadores, reglas))


def _filas_revisar_programacion(indicadores: pd.DataFrame, reglas: Reglas) -> list[_Filas]:
    d = indicadores[indicadores["avance_redondeado"] > reglas.revisar_programacion_sobre]
    return [
        _filas(
            "revisar_programacion",
            "indicador",
            d.index,
            d["periodo"],
            m_avance=d["avance_pct"].to_numpy(dtype=float),
            m_limite=reglas.revisar_programacion_sobre,
        )
    ]


def _mensaje_revisar(a: pd.DataFrame) -> np.ndarray:
    return texto(
        "El indicador ",
        a["entidad"],
        " tiene un avance de ",
        format_number(a["m_avance"]),
        " % en ",
        a["periodo"],
        ", más del ",
        formato.format_numeros(a["m_limite"], 1),
        " %: revise si la meta programada está subestimada.",
    )


def alert_meta_sin_programacion(
    ent: Entradas, mcr: MCR, metas: pd.DataFrame, periodo: str
) -> pd.DataFrame:
    """meta_sin_programacion: a goal with own indicators none of which has a target in the
    evaluated year, or a goal with neither indicators nor contributors."""
    return _marco(_filas_meta_sin_programacion(ent, mcr, metas, periodo))


def _filas_meta_sin_programacion(
    ent: Entradas, mcr: MCR, metas: pd.DataFrame, periodo: str
) -> list[_Filas]:
    anio = periods.parse(periodo).anio
    ind = ent.indicadores
    prog = ent.programacion
    con_meta_anual = np.zeros(len(ind), dtype=bool)
    con_meta_anual[prog["pos"].to_numpy()[prog["anio"].to_numpy() == anio]] = True
    # Goals by position: each distinct code once, then every goal row of that code.
    codigos, unicos = pd.factorize(metas.index)
    meta_de = pd.Index(unicos).get_indexer(ind["meta"].to_numpy(dtype=object))
    es_de = meta_de >= 0
    tiene_indicadores = np.zeros(len(unicos) + 1, dtype=bool)
    tiene_indicadores[meta_de[es_de]] = True
    programada = np.zeros(len(unicos) + 1, dtype=bool)
    programada[meta_de[es_de & con_meta_anual]] = True
    tiene_indicadores, programada = tiene_indicadores[codigos], programada[codigos]
    destinos = mcr.contribuciones["meta_destino"].astype("str").to_numpy(dtype=object)
    tiene_contribuyentes = metas.index.isin(destinos)

    sin_programa = tiene_indicadores & ~programada
    vacia = ~tiene_indicadores & ~tiene_contribuyentes
    hay = sin_programa | vacia
    return [
        _filas(
            "meta_sin_programacion",
            "meta",
            metas.index.to_numpy()[hay],
            periodo,
            m_caso=np.where(sin_programa[hay], "sin_programa", "vacia"),
            m_anio=anio,
        )
    ]


def _mensaje_sin_programacion(a: pd.DataFrame) -> np.ndarray:
    anio = a["m_anio"].to_numpy(dtype=float).astype(np.int64).astype(str)
    return np.where(
        a["m_caso"] == "sin_programa",
        texto(
            "La meta ",
            a["entidad"],
            " no tiene metas programadas para ",
            anio,
            " en ninguno de sus indicadores.",
        ),
        texto("La meta ", a["entidad"], " no tiene indicadores ni metas que contribuyan a ella."),
    )


def alert_cadena_rota(mcr: MCR, periodo: str) -> pd.DataFrame:
    """cadena_rota: a break in the value chain between goal levels.

    A sectorial goal with no contributing institucional goal, an institucional goal contributing
    to no sectorial goal, a presidencial goal with no contributing sectorial goal.
    """
    return _marco(_filas_cadena_rota(mcr, periodo))


def _filas_cadena_rota(mcr: MCR, periodo: str) -> list[_Filas]:
    metas = prepare_metas(mcr.metas)
    contribuciones = prepare_contribuciones(mcr.contribuciones)
    n = len(metas)
    nivel = metas["nivel"].to_numpy(dtype=object)
    # Goals by position (codes are unique, as reindexing required): n stands for "no such goal".
    origen = metas.index.get_indexer(pd.Index(contribuciones["meta"], dtype=object))
    destino = metas.index.get_indexer(pd.Index(contribuciones["meta_destino"], dtype=object))
    origen[origen < 0], destino[destino < 0] = n, n
    nivel_de = np.r_[nivel, None]
    inst_a_sect = (nivel_de[origen] == "institucional") & (nivel_de[destino] == "sectorial")
    sect_a_pres = (nivel_de[origen] == "sectorial") & (nivel_de[destino] == "presidencial")

    def alguna(posiciones: np.ndarray) -> np.ndarray:
        marca = np.zeros(n + 1, dtype=bool)
        marca[posiciones] = True
        return marca[:n]

    casos = [
        ((nivel == "sectorial") & ~alguna(destino[inst_a_sect]), "sectorial"),
        ((nivel == "institucional") & ~alguna(origen[inst_a_sect]), "institucional"),
        ((nivel == "presidencial") & ~alguna(destino[sect_a_pres]), "presidencial"),
    ]
    # A goal has one level, so the cases never overlap: one pass in code order.
    caso = np.select([m for m, _ in casos], [c for _, c in casos], default="")
    rota = caso != ""
    return [
        _filas(
            "cadena_rota",
            "meta",
            metas.index.to_numpy()[rota],
            periodo,
            m_caso=caso[rota].astype(object),
        )
    ]


_PLANTILLAS_CADENA = {
    "sectorial": "La meta sectorial {} no tiene metas institucionales que contribuyan a ella.",
    "institucional": "La meta institucional {} no contribuye a ninguna meta sectorial.",
    "presidencial": "La meta presidencial {} no tiene metas sectoriales que contribuyan a ella.",
}


def _mensaje_cadena(a: pd.DataFrame) -> np.ndarray:
    mensaje = np.full(len(a), None, dtype=object)
    caso = a["m_caso"].to_numpy(dtype=object)
    for nombre, plantilla in _PLANTILLAS_CADENA.items():
        antes, despues = plantilla.split("{}")
        es = caso == nombre
        mensaje[es] = texto(antes, a["entidad"].to_numpy()[es], despues)
    return mensaje


def _dias_desde(momentos: pd.Series, fecha_corte: dt.date) -> np.ndarray:
    """Whole days from each Honduras date of ``momentos`` to the cut date (-1 where NaT)."""
    return (pd.Timestamp(fecha_corte) - momentos).dt.days.fillna(-1).to_numpy(dtype=np.int64)


def _fechas(momentos: pd.Series) -> np.ndarray:
    """Dates as the UI writes them (dd/mm/aaaa)."""
    return momentos.dt.strftime("%d/%m/%Y").to_numpy(dtype=object)


def alert_validacion_pendiente(ent: Entradas, reglas: Reglas) -> pd.DataFrame:
    """validacion_pendiente per (indicator, period): a version sent more than
    ``reglas.validacion_pendiente_dias`` days before the cut date and neither validated nor
    returned by then (DOMAIN.md §8). Any period: the work is pending whatever quarter is
    evaluated."""
    return _marco(_filas_validacion_pendiente(ent, reglas))


def _filas_validacion_pendiente(ent: Entradas, reglas: Reglas) -> list[_Filas]:
    v = ent.versiones
    sin_revisar = v["validado_en"].isna() & v["devuelto_en"].isna()
    dias = _dias_desde(v["recibido_en"], ent.fecha_corte)
    hay = sin_revisar.to_numpy() & (dias > reglas.validacion_pendiente_dias)
    filas = v[hay]
    return [
        _filas(
            "validacion_pendiente",
            "indicador",
            ent.indicadores.index.to_numpy()[filas["pos"].to_numpy()],
            filas["periodo"],
            m_texto=_fechas(filas["recibido_en"]),
            m_n=dias[hay],
            m_limite=reglas.validacion_pendiente_dias,
        )
    ]


def _mensaje_validacion(a: pd.DataFrame) -> np.ndarray:
    return texto(
        "El reporte de ",
        a["periodo"],
        " del indicador ",
        a["entidad"],
        " fue enviado el ",
        a["m_texto"],
        " y lleva ",
        a["m_n"].to_numpy(dtype=float).astype(np.int64).astype(str),
        " días sin validar ni devolver (el plazo de revisión es de ",
        a["m_limite"].to_numpy(dtype=float).astype(np.int64).astype(str),
        " días).",
    )


def alert_reporte_devuelto(ent: Entradas, reglas: Reglas) -> pd.DataFrame:
    """reporte_devuelto per (indicator, period): the period's latest version sent by the cut
    date was returned more than ``reglas.reporte_devuelto_dias`` days before it, and the
    institution has not sent a corrected version since (DOMAIN.md §8)."""
    return _marco(_filas_reporte_devuelto(ent, reglas))


def _filas_reporte_devuelto(ent: Entradas, reglas: Reglas) -> list[_Filas]:
    v = ent.versiones
    # Versions are sorted by clave then numero: the last row of each clave is the latest sent.
    claves = v["clave"].to_numpy()
    ultima = np.r_[claves[1:] != claves[:-1], True] if len(claves) else np.zeros(0, dtype=bool)
    dias = _dias_desde(v["devuelto_en"], ent.fecha_corte)
    hay = ultima & v["devuelto_en"].notna().to_numpy() & (dias > reglas.reporte_devuelto_dias)
    filas = v[hay]
    return [
        _filas(
            "reporte_devuelto",
            "indicador",
            ent.indicadores.index.to_numpy()[filas["pos"].to_numpy()],
            filas["periodo"],
            m_texto=_fechas(filas["devuelto_en"]),
            m_n=dias[hay],
        )
    ]


def _mensaje_devuelto(a: pd.DataFrame) -> np.ndarray:
    return texto(
        "El reporte de ",
        a["periodo"],
        " del indicador ",
        a["entidad"],
        " fue devuelto por la DIGER el ",
        a["m_texto"],
        " y la institución no lo ha vuelto a enviar (",
        a["m_n"].to_numpy(dtype=float).astype(np.int64).astype(str),
        " días).",
    )


#: Who writes the message of each alert type, from the alert's structured fields.
_ESCRITORES = {
    "indicador_rojo": _mensaje_semaforo,
    "indicador_amarillo": _mensaje_semaforo,
    "alerta_temprana": _mensaje_temprana,
    "reporte_faltante": _mensaje_faltante,
    "reporte_tardio": _mensaje_tardio,
    "dato_atipico": _mensaje_atipico,
    "revisar_programacion": _mensaje_revisar,
    "meta_sin_programacion": _mensaje_sin_programacion,
    "cadena_rota": _mensaje_cadena,
    "validacion_pendiente": _mensaje_validacion,
    "reporte_devuelto": _mensaje_devuelto,
}


def con_mensajes(alertas: pd.DataFrame) -> pd.DataFrame:
    """``alertas`` with the Spanish message of every row written and the structured fields
    (:data:`CAMPOS_MENSAJE`) dropped: call it on the rows shown, listed or exported.

    Rows that already carry a message (the mesas' alerts, or rows written before) keep it; order,
    index and the other columns (e.g. those :func:`~data_layer.vistas.alertas.enriquecer_alertas`
    adds) are kept.
    """
    if "mensaje" not in alertas:
        alertas = alertas.assign(mensaje=pd.Series(None, index=alertas.index, dtype="str"))
    mensaje = alertas["mensaje"].to_numpy(dtype=object).copy()
    falta = pd.isna(mensaje)
    if falta.any() and "m_caso" in alertas:
        tipos = alertas["tipo"].to_numpy(dtype=object)
        for tipo, escribir in _ESCRITORES.items():
            cuales = falta & (tipos == tipo)
            if cuales.any():
                mensaje[cuales] = escribir(alertas.loc[cuales])
    out = alertas.drop(columns=[c for c in CAMPOS_MENSAJE if c in alertas])
    out["mensaje"] = pd.Series(mensaje, index=out.index, dtype="str")
    return out


def _rangos(valores: np.ndarray, orden: dict[str, int] | None = None) -> np.ndarray:
    """Integer rank of each text, in text order (or ``orden``'s), missing or unknown last."""
    codigos, unicos = pd.factorize(valores, sort=orden is None)
    rango = (
        np.arange(len(unicos))
        if orden is None
        else np.array([orden.get(u, len(orden)) for u in unicos], dtype=np.int64)
    )
    ultimo = len(unicos) if orden is None else len(orden)
    return np.where(codigos >= 0, np.r_[rango, 0][codigos], ultimo)


def sort_alertas(alertas: pd.DataFrame) -> pd.DataFrame:
    """Severity first (alta, media, baja), then tipo, entidad and periodo (:func:`_orden`)."""
    orden = _orden(*(alertas[c].to_numpy(dtype=object) for c in _CLAVES_ORDEN))
    return alertas.take(orden).reset_index(drop=True)


_CLAVES_ORDEN = ("severidad", "tipo", "entidad", "periodo")


def _orden(
    severidad: np.ndarray, tipo: np.ndarray, entidad: np.ndarray, periodo: np.ndarray
) -> np.ndarray:
    """The row order of :func:`sort_alertas`: one stable sort of severity rank, tipo, entidad and
    periodo (texts; an unknown or missing severity or tipo last).

    Each alert type comes from one function that lists its rows by entidad and periodo (indicators
    in the order of the MCR, usually their code order), so rows are sorted by severity and tipo as
    integers, and only the (severity, tipo) blocks not already in entidad and periodo order are
    sorted as text.
    """
    rango = _rangos(severidad, _ORDEN_SEVERIDAD)
    numero_tipo = _rangos(tipo)
    orden = np.lexsort((numero_tipo, rango))
    if len(orden) < 2:
        return orden
    entidad, periodo = entidad[orden], periodo[orden]
    rango, numero_tipo = rango[orden], numero_tipo[orden]
    otro_bloque = (rango[1:] != rango[:-1]) | (numero_tipo[1:] != numero_tipo[:-1])
    bloque = np.cumsum(np.r_[True, otro_bloque])
    if pd.isna(entidad).any() or pd.isna(periodo).any():
        malos = np.unique(bloque)  # missing texts do not compare: sort every block as pandas does
    else:
        igual = entidad[1:] == entidad[:-1]
        en_orden = (
            otro_bloque | (entidad[1:] > entidad[:-1]) | (igual & (periodo[1:] >= periodo[:-1]))
        )
        malos = bloque[1:][~en_orden]
    if len(malos):
        filas = np.flatnonzero(np.isin(bloque, malos))
        dentro = pd.DataFrame(
            {"bloque": bloque[filas], "entidad": entidad[filas], "periodo": periodo[filas]}
        ).sort_values(["bloque", "entidad", "periodo"], kind="stable")
        orden[filas] = orden[filas[dentro.index.to_numpy()]]
    return orden


def alerts(
    ent: Entradas,
    mcr: MCR,
    indicadores: pd.DataFrame,
    metas: pd.DataFrame,
    proyecciones: pd.DataFrame,
    periodo: str,
    reglas: Reglas,
) -> pd.DataFrame:
    """:func:`generar_alertas` on already normalised inputs, with the structured fields
    (:data:`CAMPOS_MENSAJE`) and no message yet (:func:`con_mensajes` writes them), sorted as
    :func:`sort_alertas` sorts. The types' rows are joined and sorted as numpy columns and become
    one frame at the end."""
    resuelto = resolve_periods(ent.indicadores["frecuencia"], periodo)
    ordinal = resuelto["ordinal"].to_numpy()
    partes = [
        *_filas_semaforo(indicadores, reglas),
        *_filas_temprana(proyecciones, indicadores),
        *_filas_reporte_faltante(ent, ordinal, resuelto["periodo"]),
        *_filas_reporte_tardio(ent, ordinal, resuelto["periodo"], periods.parse(periodo).anio),
        *_filas_dato_atipico(ent, ordinal, reglas),
        *_filas_revisar_programacion(indicadores, reglas),
        *_filas_meta_sin_programacion(ent, mcr, metas, periodo),
        *_filas_cadena_rota(mcr, periodo),
        *_filas_validacion_pendiente(ent, reglas),
        *_filas_reporte_devuelto(ent, reglas),
    ]
    claves = [
        np.concatenate([p[c] for p in partes]) if partes else np.zeros(0, dtype=object)
        for c in _CLAVES_ORDEN
    ]
    return _marco(partes, _orden(*claves))


def generar_alertas(
    mcr: MCR,
    indicadores: pd.DataFrame,
    metas: pd.DataFrame,
    proyecciones: pd.DataFrame,
    periodo: str,
    fecha_corte: dt.date,
    reglas: Reglas | None = None,
) -> pd.DataFrame:
    """Every MCR alert of DOMAIN.md §4 for an evaluation.

    Args:
        mcr: the MCR.
        indicadores: :func:`~data_layer.engine.progress.evaluar_indicadores` output.
        metas: :func:`~data_layer.engine.rollup.evaluar_metas` output.
        proyecciones: :func:`~data_layer.engine.projection.proyectar` output.
        periodo: the evaluated period.
        fecha_corte: the cut date (later reports do not exist; decides what is overdue).
        reglas: thresholds.

    Returns:
        Columns :data:`COLUMNAS_ALERTAS` with every message written (:func:`con_mensajes`),
        sorted by severity (alta first), tipo, entidad.
    """
    reglas = reglas or Reglas()
    ent = preparar(mcr, fecha_corte, reglas.plazo_reporte_dias)
    return con_mensajes(alerts(ent, mcr, indicadores, metas, proyecciones, periodo, reglas))
