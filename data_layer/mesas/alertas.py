"""The mesa alerts of DOMAIN.md §4, vectorised, in the engine's alert format.

``acuerdo_vencido``, ``convocatoria_tardia``, ``ayuda_memoria_tardia``, ``exceso_miembros``,
``mesa_sin_plan`` and ``rojo_sin_accion``: one function each, put together and sorted by
:func:`alertas_mesas`. The states they test (late, overdue, open, over the limit) come from
:mod:`~data_layer.mesas.estados`, so the pages and the alerts always agree.

Entities: ``mesa`` (``entidad`` = sector code, link ``/mesas/<sector>``), ``acuerdo`` (``entidad`` =
its id, link ``/mesas/<sector>?acuerdo=<id>``), ``indicador`` (link ``/indicadores/<codigo>``).
``periodo`` is the quarter of the date the alert is about (the session, the due date, the cut
date), the plan's year for ``mesa_sin_plan`` and the evaluated period for ``rojo_sin_accion``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from data_layer.engine.alerts import COLUMNAS_ALERTAS, sort_alertas
from data_layer.engine.frames import ROJO
from data_layer.engine.mensajes import format_number, texto
from data_layer.mesas import estados, reglas
from data_layer.mesas.frames import FramesMesas

#: Severity of each mesa alert type.
SEVERIDADES_MESAS: dict[str, str] = {
    "acuerdo_vencido": "alta",
    "convocatoria_tardia": "media",
    "ayuda_memoria_tardia": "media",
    "exceso_miembros": "media",
    "mesa_sin_plan": "media",
    "rojo_sin_accion": "alta",
}

#: Session-level alerts look back this many days from the cut date (older ones are history).
VENTANA_DIAS = 365

_NIVEL = {"politico": "política", "tecnico": "técnica"}


def _fechas(valores: pd.Series) -> np.ndarray:
    """dd/mm/aaaa for each date."""
    return pd.to_datetime(valores).dt.strftime("%d/%m/%Y").to_numpy(dtype=object)


def _dias(valores: pd.Series) -> np.ndarray:
    n = np.asarray(valores, dtype=np.int64)
    return texto(n.astype(str), np.where(n == 1, " día", " días"))


def _recortar(textos: pd.Series, largo: int = 120) -> np.ndarray:
    t = textos.astype("str")
    corto = t.str.len() > largo
    return t.where(~corto, t.str.slice(0, largo - 1).str.rstrip() + "…").to_numpy(dtype=object)


def _frame(tipo: str, entidad_tipo: str, entidad, mensaje, enlace, periodo) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    entidad = np.asarray(entidad, dtype=object)
    return pd.DataFrame(
        {
            "tipo": tipo,
            "severidad": SEVERIDADES_MESAS[tipo],
            "entidad_tipo": entidad_tipo,
            "entidad": entidad,
            "mensaje": np.asarray(mensaje, dtype=object),
            "enlace": np.asarray(enlace, dtype=object),
            "periodo": np.asarray(periodo, dtype=object),
        },
        index=pd.RangeIndex(len(entidad)),
        columns=list(COLUMNAS_ALERTAS),
    ).astype("str")


def _nombres(frames: FramesMesas, sectores: pd.Series) -> np.ndarray:
    nombres = frames.mesas.set_index("sector")["sector_nombre"]
    return sectores.map(nombres).fillna(sectores).to_numpy(dtype=object)


def alerta_acuerdo_vencido(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """acuerdo_vencido: agreed by the cut date, past its due date, not cumplido nor cancelado."""
    a = estados.acuerdos_al_corte(frames, fecha_corte)
    a = a[a["existe"] & (a["estado_vigente"] == "vencido")]
    ident = a["id"].astype("int64").astype("str").to_numpy(dtype=object)
    acta = a["acta"].astype("str").where(a["acta"].notna(), "sin acta").to_numpy(dtype=object)
    mensaje = texto(
        "Acuerdo ",
        ident,
        " de la mesa de ",
        _nombres(frames, a["sector"]),
        " (acta ",
        acta,
        "): «",
        _recortar(a["texto"]),
        "» venció el ",
        _fechas(a["fecha_limite"]),
        " (hace ",
        _dias(a["dias_vencido"]),
        ") sin cumplirse; responsable: ",
        a["institucion"],
        ", ",
        a["persona_responsable"],
        ".",
    )
    enlace = texto("/mesas/", a["sector"], "?acuerdo=", ident)
    return _frame(
        "acuerdo_vencido", "acuerdo", ident, mensaje, enlace, reglas.trimestre(a["fecha_limite"])
    )


def _recientes(s: pd.DataFrame, fecha_corte: dt.date, ventana_dias: int) -> pd.Series:
    desde = pd.Timestamp(fecha_corte) - pd.Timedelta(days=ventana_dias)
    return (s["fecha"] > desde) & (s["estado"] != "cancelada")


def alerta_convocatoria_tardia(
    frames: FramesMesas, fecha_corte: dt.date, ventana_dias: int = VENTANA_DIAS
) -> pd.DataFrame:
    """convocatoria_tardia: a session called fewer than 5 days ahead, or without an agenda.

    Sessions whose convocatoria went out by the cut date and whose date falls within the last
    ``ventana_dias`` days or later; cancelled sessions are left out.
    """
    s = estados.sesiones_al_corte(frames, fecha_corte)
    s = s[
        _recientes(s, fecha_corte, ventana_dias)
        & (s["convocatoria_enviada_en"] <= pd.Timestamp(fecha_corte))
        & s["convocatoria_tardia"]
    ]
    sin_agenda = (s["puntos_agenda"] == 0).to_numpy()
    corta = (s["dias_anticipacion"] < reglas.DIAS_MINIMOS_CONVOCATORIA).to_numpy()
    justificacion = s["justificacion_convocatoria"]
    motivo = np.where(
        justificacion.notna(),
        texto(" Justificación registrada: «", justificacion.fillna(""), "»."),
        " Sin justificación registrada.",
    )
    detalle = texto(
        np.where(
            corta,
            texto(
                " con ",
                _dias(s["dias_anticipacion"]),
                f" de anticipación (mínimo {reglas.DIAS_MINIMOS_CONVOCATORIA})",
            ),
            "",
        ),
        np.where(corta & sin_agenda, " y", ""),
        np.where(sin_agenda, " sin agenda", ""),
    )
    mensaje = texto(
        "La sesión ",
        s["nivel"].map(_NIVEL),
        " del ",
        _fechas(s["fecha"]),
        " de la mesa de ",
        _nombres(frames, s["sector"]),
        " se convocó el ",
        _fechas(s["convocatoria_enviada_en"]),
        detalle,
        ".",
        np.where(corta, motivo, ""),
    )
    return _frame(
        "convocatoria_tardia",
        "mesa",
        s["sector"],
        mensaje,
        texto("/mesas/", s["sector"]),
        reglas.trimestre(s["fecha"]),
    )


def alerta_ayuda_memoria_tardia(
    frames: FramesMesas, fecha_corte: dt.date, ventana_dias: int = VENTANA_DIAS
) -> pd.DataFrame:
    """ayuda_memoria_tardia: minutes distributed more than 7 days after the session, or still
    not distributed when those 7 days have passed (sessions of the last ``ventana_dias`` days)."""
    s = estados.sesiones_al_corte(frames, fecha_corte)
    s = s[_recientes(s, fecha_corte, ventana_dias) & s["ayuda_memoria_tardia"]]
    distribuida = s["distribuida_en"].notna().to_numpy()
    acta = s["acta"].astype("str").to_numpy(dtype=object)
    registrada = s["acta"].notna().to_numpy()
    mensaje = texto(
        np.where(
            registrada,
            texto("La ayuda memoria (acta ", acta, ")"),
            "La ayuda memoria",
        ),
        " de la sesión ",
        s["nivel"].map(_NIVEL),
        " del ",
        _fechas(s["fecha"]),
        " de la mesa de ",
        _nombres(frames, s["sector"]),
        np.where(
            distribuida,
            texto(
                " se distribuyó el ",
                _fechas(s["distribuida_en"].fillna(s["fecha"])),
                ", ",
                _dias(s["dias_distribucion"].fillna(0)),
                " después de la sesión",
            ),
            texto(
                np.where(registrada, " no se ha distribuido", " no se ha registrado"),
                ": han pasado ",
                _dias(s["dias_distribucion"].fillna(0)),
                " desde la sesión",
            ),
        ),
        f" (máximo {reglas.DIAS_MAXIMOS_AYUDA_MEMORIA}).",
    )
    return _frame(
        "ayuda_memoria_tardia",
        "mesa",
        s["sector"],
        mensaje,
        texto("/mesas/", s["sector"]),
        reglas.trimestre(s["fecha"]),
    )


def alerta_exceso_miembros(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """exceso_miembros: an institution with more than 3 current technical members in a mesa."""
    e = estados.exceso_tecnicos(frames, fecha_corte)
    mensaje = texto(
        "La institución ",
        e["institucion"],
        " tiene ",
        e["cuantos"].astype("str"),
        " miembros técnicos acreditados en la mesa de ",
        _nombres(frames, e["sector"]),
        f"; el máximo es {reglas.MAX_MIEMBROS_TECNICOS}, incluido el director(a) de la UPGRET: ",
        e["nombres"],
        ".",
    )
    periodo = reglas.trimestre(
        pd.Series([pd.Timestamp(fecha_corte)] * len(e), dtype="datetime64[ns]")
    )
    return _frame(
        "exceso_miembros", "mesa", e["sector"], mensaje, texto("/mesas/", e["sector"]), periodo
    )


#: What ``mesa_sin_plan`` says of a plan of the year that is not approved, by its state.
SITUACION_PLAN = {
    "borrador": " está en borrador: falta la aprobación de las máximas autoridades.",
    "enviado": " espera la aprobación del coordinador político.",
    "devuelto": " fue devuelto con observaciones: la mesa debe corregirlo y enviarlo de nuevo.",
}


def alerta_mesa_sin_plan(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """mesa_sin_plan: no plan de trabajo for the cut date's year approved by the cut date."""
    p = estados.planes_al_corte(frames, fecha_corte)
    p = p[p["plan_estado"] != "aprobado"]
    anio = str(fecha_corte.year)
    situacion = p["plan_estado"].map(SITUACION_PLAN).fillna("").to_numpy()
    mensaje = np.where(
        (p["plan_estado"] != "sin_plan").to_numpy(),
        texto(f"El plan de trabajo {anio} de la mesa de ", p["sector_nombre"], situacion),
        texto("La mesa de ", p["sector_nombre"], f" no tiene plan de trabajo {anio}."),
    )
    return _frame(
        "mesa_sin_plan",
        "mesa",
        p["sector"],
        mensaje,
        texto("/mesas/", p["sector"]),
        [anio] * len(p),
    )


def alerta_rojo_sin_accion(
    frames: FramesMesas,
    fecha_corte: dt.date,
    indicadores_eval: pd.DataFrame,
    metas_eval: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """rojo_sin_accion: an indicator in rojo with no open acuerdo or estrategia linked to it or
    to its goal.

    Args:
        frames: the mesas.
        fecha_corte: the cut date (decides which acuerdos are open).
        indicadores_eval: the engine's indicator evaluation (index: code; ``meta_codigo``,
            ``semaforo``, ``periodo``, ``avance_pct``).
        metas_eval: the engine's goal evaluation; when given, its ``sector`` names the mesa that
            should act.
    """
    rojos = indicadores_eval[indicadores_eval["semaforo"] == ROJO]
    acciones = estados.acciones_vinculadas(frames, fecha_corte)
    acciones = acciones[acciones["abierta"] & acciones["tipo"].isin(["acuerdo", "estrategia"])]
    con_accion_ind = set(acciones.loc[acciones["vinculo"] == "indicador", "codigo"])
    con_accion_meta = set(acciones.loc[acciones["vinculo"] == "meta", "codigo"])
    codigos = rojos.index.astype("str")
    meta = rojos["meta_codigo"].astype("str")
    sin_accion = ~codigos.isin(con_accion_ind) & ~meta.isin(con_accion_meta).to_numpy()
    rojos, codigos, meta = rojos[sin_accion], codigos[sin_accion], meta[sin_accion]
    if metas_eval is not None and "sector" in metas_eval.columns:
        sector = meta.map(metas_eval["sector"].astype("str"))
        donde: object = np.where(sector.notna(), texto(" (sector ", sector, ")"), "")
    else:
        donde = ""
    mensaje = texto(
        "El indicador ",
        codigos,
        " está en rojo en ",
        rojos["periodo"],
        " (avance de ",
        format_number(rojos["avance_pct"]),
        " %) y ni él ni su meta ",
        meta,
        donde,
        " tienen un acuerdo abierto o una estrategia en curso de una mesa.",
    )
    return _frame(
        "rojo_sin_accion",
        "indicador",
        codigos,
        mensaje,
        texto("/indicadores/", codigos),
        rojos["periodo"],
    )


def alertas_mesas(
    frames: FramesMesas,
    fecha_corte: dt.date,
    indicadores_eval: pd.DataFrame | None = None,
    metas_eval: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every mesa alert of DOMAIN.md §4 at the cut date.

    Args:
        frames: :func:`~data_layer.mesas.consultas.load_mesas` output.
        fecha_corte: the cut date: later events do not exist yet; decides what is overdue.
        indicadores_eval: the engine's indicator evaluation (``Resultado.indicadores``); without
            it ``rojo_sin_accion`` is not computed.
        metas_eval: the engine's goal evaluation (``Resultado.metas``), to name sectors.

    Returns:
        Columns ``COLUMNAS_ALERTAS`` of the engine, sorted by severity (alta first), tipo, entidad.
    """
    partes = [
        alerta_acuerdo_vencido(frames, fecha_corte),
        alerta_convocatoria_tardia(frames, fecha_corte),
        alerta_ayuda_memoria_tardia(frames, fecha_corte),
        alerta_exceso_miembros(frames, fecha_corte),
        alerta_mesa_sin_plan(frames, fecha_corte),
    ]
    if indicadores_eval is not None:
        partes.append(alerta_rojo_sin_accion(frames, fecha_corte, indicadores_eval, metas_eval))
    return sort_alertas(pd.concat(partes, ignore_index=True))
