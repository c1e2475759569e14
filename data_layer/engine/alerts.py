"""Alerts of DOMAIN.md §4 and §8 that need only the MCR and its evaluation (no mesas).

One function per alert type, each returning a frame with :data:`COLUMNAS_ALERTAS`;
:func:`generar_alertas` puts them together and sorts them. Messages are in Spanish, numbers
formatted by :func:`~data_layer.engine.mensajes.format_number`.

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


def _alertas(
    tipo: str,
    entidad_tipo: str,
    entidad: object,
    mensaje: object,
    periodo: object,
    severidad: object = None,
) -> pd.DataFrame:
    entidad = plano(entidad)
    ruta = "/indicadores/" if entidad_tipo == "indicador" else "/metas/"
    return pd.DataFrame(
        {
            "tipo": tipo,
            "severidad": SEVERIDADES[tipo] if severidad is None else plano(severidad),
            "entidad_tipo": entidad_tipo,
            "entidad": entidad,
            "mensaje": plano(mensaje),
            "enlace": texto(ruta, entidad),
            "periodo": periodo if isinstance(periodo, str) else plano(periodo),
        },
        index=pd.RangeIndex(len(entidad)),
        columns=list(COLUMNAS_ALERTAS),
    ).astype("str")


def _umbrales_propios(d: pd.DataFrame, reglas: Reglas | None) -> np.ndarray:
    """«; umbrales propios de este indicador: verde desde 90 %, amarillo desde 75 %» where an
    indicator's thresholds are not the rules' (a 72 % in rojo is then no mistake), else ""."""
    if reglas is None or "umbral_verde" not in d or "umbral_amarillo" not in d:
        return np.full(len(d), "", dtype=object)
    verde = d["umbral_verde"].astype("float64")
    amarillo = d["umbral_amarillo"].astype("float64")
    propios = ((verde != reglas.umbral_verde) | (amarillo != reglas.umbral_amarillo)).to_numpy()
    return np.where(
        propios,
        texto(
            "; umbrales propios de este indicador: verde desde ",
            format_value(verde),
            " %, amarillo desde ",
            format_value(amarillo),
            " %",
        ),
        "",
    )


def alert_semaforo(indicadores: pd.DataFrame, reglas: Reglas | None = None) -> pd.DataFrame:
    """indicador_rojo / indicador_amarillo: the indicator's state at the evaluated period; with
    ``reglas``, an indicator whose thresholds differ from the rules' says which are its own."""
    partes = []
    for estado, tipo in ((ROJO, "indicador_rojo"), (AMARILLO, "indicador_amarillo")):
        d = indicadores[indicadores["semaforo"] == estado]
        mensaje = texto(
            "El indicador ",
            d.index,
            f" está en {estado} en ",
            d["periodo"],
            ": avance de ",
            format_number(d["avance_pct"]),
            " % (valor ",
            format_value(d["valor"]),
            " frente a una meta de ",
            format_value(d["meta"]),
            np.where(
                select_rule(
                    d["valor"].to_numpy(),
                    d["meta"].to_numpy(),
                    d["linea_base"].to_numpy(),
                    d["tipo"].to_numpy(),
                    d["sentido"].to_numpy(),
                )
                == REGLA_LINEA_BASE,
                texto(
                    "; medido desde la línea base ",
                    format_value(d["linea_base"]),
                    ": (valor − línea base) ÷ (meta − línea base)",
                ),
                "",
            ),
            np.where(d["sentido"] == "descendente", "; menor es mejor", ""),
            _umbrales_propios(d, reglas),
            ").",
        )
        partes.append(_alertas(tipo, "indicador", d.index, mensaje, d["periodo"]))
    return pd.concat(partes, ignore_index=True)


def alert_temprana(proyecciones: pd.DataFrame, indicadores: pd.DataFrame) -> pd.DataFrame:
    """alerta_temprana: the projection says the final target is improbable or en_riesgo."""
    p = proyecciones[proyecciones["pronostico"].isin(list(SEVERIDAD_ALERTA_TEMPRANA))]
    evaluado = indicadores["periodo"].reindex(p.index)
    mensaje = texto(
        "El indicador ",
        p.index,
        " (evaluado en ",
        evaluado,
        "): alcanzar la meta de ",
        p["periodo_final"],
        " (",
        format_value(p["meta_final"]),
        ") es ",
        p["pronostico"].map({"improbable": "improbable", "en_riesgo": "en riesgo"}),
        "; avance proyectado de ",
        format_number(p["avance_proyectado"]),
        " %. Método: ",
        p["metodo"],
    )
    return _alertas(
        "alerta_temprana",
        "indicador",
        p.index,
        mensaje,
        evaluado,
        severidad=p["pronostico"].map(SEVERIDAD_ALERTA_TEMPRANA),
    )


def alert_reporte_faltante(
    ent: Entradas, ordinal_resuelto: np.ndarray, periodo_resuelto: pd.Series
) -> pd.DataFrame:
    """reporte_faltante: one alert per indicator listing every programmed period up to the
    resolved one whose report is overdue at the cut date and was never received (a report sent
    and waiting for validation is not missing: DOMAIN.md §8).

    Periods whose ascendente flujo/acumulado target is 0 are not programmed and not listed.
    """
    ind = ent.indicadores
    prog = ent.programacion
    pos = prog["pos"].to_numpy()
    faltan = (
        (prog["ordinal"].to_numpy() <= ordinal_resuelto[pos])
        & ~sin_meta_programada(
            prog["meta"].to_numpy(), ind["tipo"].to_numpy()[pos], ind["sentido"].to_numpy()[pos]
        )
        & is_overdue(prog["vencimiento"].to_numpy(), ent.fecha_corte)
        & (lookup(ent.recepciones["clave"].to_numpy(), prog["clave"].to_numpy()) < 0)
    )
    cual, cuantos, lista = join_per_indicator(pos[faltan], prog["periodo"].to_numpy()[faltan])
    codigos = ind.index.to_numpy()[cual]
    plural = cuantos > 1
    mensaje = texto(
        "El indicador ",
        codigos,
        np.where(plural, ": faltan ", ": falta "),
        cuantos.astype(str),
        np.where(plural, " reportes vencidos: ", " reporte vencido: "),
        lista,
        ".",
    )
    return _alertas(
        "reporte_faltante", "indicador", codigos, mensaje, periodo_resuelto.to_numpy()[cual]
    )


def alert_reporte_tardio(
    ent: Entradas, ordinal_resuelto: np.ndarray, periodo_resuelto: pd.Series, anio: int
) -> pd.DataFrame:
    """reporte_tardio: one alert per indicator listing the periods of the evaluated year (up to
    the resolved period) whose report was first received after its due date, with the days late
    (timeliness counts from the first receipt, validated or not: DOMAIN.md §8)."""
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
    codigos = ent.indicadores.index.to_numpy()[cual]
    mensaje = texto("El indicador ", codigos, f" reportó después del plazo en {anio}: ", lista, ".")
    return _alertas(
        "reporte_tardio", "indicador", codigos, mensaje, periodo_resuelto.to_numpy()[cual]
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
    ind = ent.indicadores
    av = ent.avances
    av = av[av["ordinal"].to_numpy() <= ordinal_resuelto[av["pos"].to_numpy()]]
    grupo = av["pos"]
    anterior = av.groupby("pos", sort=False)["valor"].shift(1)
    d = av["valor"] - anterior
    cambios = d.groupby(grupo).transform("count")
    mediana = d.groupby(grupo).transform("median")
    mad = (d - mediana).abs().groupby(grupo).transform("median")
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (0.6745 * (d - mediana) / mad).to_numpy()
    atipico = (
        (cambios >= reglas.atipico_min_cambios).to_numpy()
        & (mad > 0).to_numpy()
        & (np.abs(z) > reglas.atipico_z)
    )
    pos = av["pos"].to_numpy()
    valor = av["valor"].to_numpy()
    imposible = _es_porcentaje(ind["unidad"])[pos] & ((valor > 100) | (valor < 0))

    hay = imposible | atipico
    codigo = ind.index.to_numpy()[pos[hay]]
    periodo = av["periodo"].to_numpy()[hay]
    imposible, valor = imposible[hay], valor[hay]
    mensaje = np.where(
        imposible,
        texto(
            "El indicador ",
            codigo,
            " reportó ",
            format_value(valor),
            " en ",
            periodo,
            ", imposible para un porcentaje (debe estar entre 0 y 100).",
        ),
        texto(
            "El indicador ",
            codigo,
            " pasó de ",
            format_value(anterior.to_numpy()[hay]),
            " a ",
            format_value(valor),
            " en ",
            periodo,
            ": cambio atípico (puntaje z robusto de ",
            format_number(z[hay]),
            f"; el límite es {formato.format_numero(reglas.atipico_z)}).",
        ),
    )
    return _alertas("dato_atipico", "indicador", codigo, mensaje, periodo)


def alert_revisar_programacion(indicadores: pd.DataFrame, reglas: Reglas) -> pd.DataFrame:
    """revisar_programacion: rounded P above ``reglas.revisar_programacion_sobre``.

    Informational: the indicator keeps its traffic light (verde with the default thresholds).
    """
    d = indicadores[indicadores["avance_redondeado"] > reglas.revisar_programacion_sobre]
    mensaje = texto(
        "El indicador ",
        d.index,
        " tiene un avance de ",
        format_number(d["avance_pct"]),
        " % en ",
        d["periodo"],
        f", más del {formato.format_porcentaje(reglas.revisar_programacion_sobre)}: revise si la "
        "meta programada está subestimada.",
    )
    return _alertas("revisar_programacion", "indicador", d.index, mensaje, d["periodo"])


def alert_meta_sin_programacion(
    ent: Entradas, mcr: MCR, metas: pd.DataFrame, periodo: str
) -> pd.DataFrame:
    """meta_sin_programacion: a goal with own indicators none of which has a target in the
    evaluated year, or a goal with neither indicators nor contributors."""
    anio = periods.parse(periodo).anio
    ind = ent.indicadores
    prog = ent.programacion
    con_meta_anual = np.zeros(len(ind), dtype=bool)
    con_meta_anual[prog["pos"].to_numpy()[prog["anio"].to_numpy() == anio]] = True
    por_meta = pd.Series(con_meta_anual, index=ind["meta"].to_numpy()).groupby(level=0).any()
    tiene_indicadores = metas.index.isin(ind["meta"])
    programada = por_meta.reindex(metas.index, fill_value=False).to_numpy(dtype=bool)
    destinos = prepare_contribuciones(mcr.contribuciones)["meta_destino"]
    tiene_contribuyentes = metas.index.isin(destinos)

    sin_programa = tiene_indicadores & ~programada
    vacia = ~tiene_indicadores & ~tiene_contribuyentes
    hay = sin_programa | vacia
    codigos = metas.index.to_numpy()[hay]
    mensaje = np.where(
        sin_programa[hay],
        texto(
            "La meta ",
            codigos,
            f" no tiene metas programadas para {anio} en ninguno de sus indicadores.",
        ),
        texto("La meta ", codigos, " no tiene indicadores ni metas que contribuyan a ella."),
    )
    return _alertas("meta_sin_programacion", "meta", codigos, mensaje, periodo)


def alert_cadena_rota(mcr: MCR, periodo: str) -> pd.DataFrame:
    """cadena_rota: a break in the value chain between goal levels.

    A sectorial goal with no contributing institucional goal, an institucional goal contributing
    to no sectorial goal, a presidencial goal with no contributing sectorial goal.
    """
    metas = prepare_metas(mcr.metas)
    contribuciones = prepare_contribuciones(mcr.contribuciones)
    nivel = metas["nivel"]
    origen = nivel.reindex(contribuciones["meta"]).to_numpy()
    destino = nivel.reindex(contribuciones["meta_destino"]).to_numpy()
    inst_a_sect = contribuciones[(origen == "institucional") & (destino == "sectorial")]
    sect_a_pres = contribuciones[(origen == "sectorial") & (destino == "presidencial")]
    codigos = metas.index
    casos = [
        (
            (nivel == "sectorial").to_numpy() & ~codigos.isin(inst_a_sect["meta_destino"]),
            "La meta sectorial {} no tiene metas institucionales que contribuyan a ella.",
        ),
        (
            (nivel == "institucional").to_numpy() & ~codigos.isin(inst_a_sect["meta"]),
            "La meta institucional {} no contribuye a ninguna meta sectorial.",
        ),
        (
            (nivel == "presidencial").to_numpy() & ~codigos.isin(sect_a_pres["meta_destino"]),
            "La meta presidencial {} no tiene metas sectoriales que contribuyan a ella.",
        ),
    ]
    partes = []
    for mascara, plantilla in casos:
        antes, despues = plantilla.split("{}")
        c = codigos.to_numpy()[mascara]
        partes.append(_alertas("cadena_rota", "meta", c, texto(antes, c, despues), periodo))
    return pd.concat(partes, ignore_index=True)


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
    v = ent.versiones
    sin_revisar = v["validado_en"].isna() & v["devuelto_en"].isna()
    dias = _dias_desde(v["recibido_en"], ent.fecha_corte)
    hay = sin_revisar.to_numpy() & (dias > reglas.validacion_pendiente_dias)
    filas = v[hay]
    codigos = ent.indicadores.index.to_numpy()[filas["pos"].to_numpy()]
    mensaje = texto(
        "El reporte de ",
        filas["periodo"],
        " del indicador ",
        codigos,
        " fue enviado el ",
        _fechas(filas["recibido_en"]),
        " y lleva ",
        dias[hay].astype(str),
        " días sin validar ni devolver (el plazo de revisión es de "
        f"{reglas.validacion_pendiente_dias} días).",
    )
    return _alertas("validacion_pendiente", "indicador", codigos, mensaje, filas["periodo"])


def alert_reporte_devuelto(ent: Entradas, reglas: Reglas) -> pd.DataFrame:
    """reporte_devuelto per (indicator, period): the period's latest version sent by the cut
    date was returned more than ``reglas.reporte_devuelto_dias`` days before it, and the
    institution has not sent a corrected version since (DOMAIN.md §8)."""
    v = ent.versiones
    # Versions are sorted by clave then numero: the last row of each clave is the latest sent.
    claves = v["clave"].to_numpy()
    ultima = np.r_[claves[1:] != claves[:-1], True] if len(claves) else np.zeros(0, dtype=bool)
    dias = _dias_desde(v["devuelto_en"], ent.fecha_corte)
    hay = ultima & v["devuelto_en"].notna().to_numpy() & (dias > reglas.reporte_devuelto_dias)
    filas = v[hay]
    codigos = ent.indicadores.index.to_numpy()[filas["pos"].to_numpy()]
    mensaje = texto(
        "El reporte de ",
        filas["periodo"],
        " del indicador ",
        codigos,
        " fue devuelto por la DIGER el ",
        _fechas(filas["devuelto_en"]),
        " y la institución no lo ha vuelto a enviar (",
        dias[hay].astype(str),
        " días).",
    )
    return _alertas("reporte_devuelto", "indicador", codigos, mensaje, filas["periodo"])


def sort_alertas(alertas: pd.DataFrame) -> pd.DataFrame:
    """Severity first (alta, media, baja), then tipo, entidad and periodo."""
    rango = alertas["severidad"].map(_ORDEN_SEVERIDAD)
    return (
        alertas.assign(_rango=rango)
        .sort_values(["_rango", "tipo", "entidad", "periodo"], kind="stable")
        .drop(columns="_rango")
        .reset_index(drop=True)
    )


def alerts(
    ent: Entradas,
    mcr: MCR,
    indicadores: pd.DataFrame,
    metas: pd.DataFrame,
    proyecciones: pd.DataFrame,
    periodo: str,
    reglas: Reglas,
) -> pd.DataFrame:
    """:func:`generar_alertas` on already normalised inputs."""
    resuelto = resolve_periods(ent.indicadores["frecuencia"], periodo)
    ordinal = resuelto["ordinal"].to_numpy()
    partes = [
        alert_semaforo(indicadores, reglas),
        alert_temprana(proyecciones, indicadores),
        alert_reporte_faltante(ent, ordinal, resuelto["periodo"]),
        alert_reporte_tardio(ent, ordinal, resuelto["periodo"], periods.parse(periodo).anio),
        alert_dato_atipico(ent, ordinal, reglas),
        alert_revisar_programacion(indicadores, reglas),
        alert_meta_sin_programacion(ent, mcr, metas, periodo),
        alert_cadena_rota(mcr, periodo),
        alert_validacion_pendiente(ent, reglas),
        alert_reporte_devuelto(ent, reglas),
    ]
    return sort_alertas(pd.concat(partes, ignore_index=True))


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
        Columns :data:`COLUMNAS_ALERTAS`, sorted by severity (alta first), tipo, entidad.
    """
    reglas = reglas or Reglas()
    ent = preparar(mcr, fecha_corte, reglas.plazo_reporte_dias)
    return alerts(ent, mcr, indicadores, metas, proyecciones, periodo, reglas)
