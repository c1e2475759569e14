"""The derived states of the mesas at a cut date: pure pandas on :class:`FramesMesas`.

Used by the pages, the reports and :mod:`~data_layer.mesas.alertas`, so that "late", "overdue",
"open" and "over the limit" are computed in one place, on the frames that
:func:`~data_layer.mesas.consultas.load_mesas` reads.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from data_layer.mesas import reglas
from data_layer.mesas.frames import FramesMesas
from data_layer.mesas.models import EstadoPlan, EstadoSesion


def _corte(fecha_corte: dt.date) -> pd.Timestamp:
    return pd.Timestamp(fecha_corte)


def _buscar(claves: pd.Series, valores: pd.Series) -> pd.Series:
    """``valores`` looked up by ``claves`` (aligned with them), keeping the dtype of ``valores``
    (``Series.map`` turns an empty datetime lookup into floats)."""
    encontrados = valores[~valores.index.duplicated(keep="last")].reindex(claves.to_numpy())
    return pd.Series(encontrados.to_numpy(), index=claves.index, name=valores.name)


def acuerdos_al_corte(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """The acuerdos with their status at the cut date and what they address.

    Adds ``estado_vigente`` (``vencido`` when past due and not closed, see
    :func:`~data_layer.mesas.reglas.estado_vigente`), ``abierto``, ``dias_vencido`` (0 when not
    overdue), ``metas`` and ``indicadores`` ("; "-joined codes, empty text when none) and
    ``existe`` (agreed in a session on or before the cut date).
    """
    a = frames.acuerdos
    corte = _corte(fecha_corte)
    vigente = reglas.estado_vigente(a["estado"], a["fecha_limite"], fecha_corte)
    vencido = vigente == "vencido"
    dias = (corte - a["fecha_limite"]).dt.days.where(vencido, 0).astype("int64")
    metas = frames.acuerdo_metas.groupby("acuerdo_id")["meta"].agg("; ".join)
    indicadores = frames.acuerdo_indicadores.groupby("acuerdo_id")["indicador"].agg("; ".join)
    return a.assign(
        estado_vigente=vigente,
        abierto=vigente.isin(reglas.ESTADOS_ACUERDO_ABIERTOS),
        dias_vencido=dias,
        metas=_buscar(a["id"], metas.astype("str")).fillna(""),
        indicadores=_buscar(a["id"], indicadores.astype("str")).fillna(""),
        existe=a["fecha_sesion"].dt.normalize() <= corte,
    )


def sesiones_al_corte(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """The sessions with their convocatoria and ayuda memoria compliance at the cut date.

    Adds ``fecha`` (the session's day), ``dias_anticipacion``, ``convocatoria_tardia`` (fewer than
    5 days' notice, or no agenda), ``acta`` / ``distribuida_en`` of the session's original ayuda
    memoria (distribution after the cut date does not exist yet), ``acta_vigente`` (the latest
    correction, else the original), ``dias_distribucion`` (days from the session to distribution,
    or to the cut date while not distributed; NA for a session not yet held or cancelled) and
    ``ayuda_memoria_tardia``.
    """
    s = frames.sesiones
    corte = _corte(fecha_corte)
    fecha = s["fecha_hora"].dt.normalize()
    dias_anticipacion = reglas.dias_entre(s["convocatoria_enviada_en"], s["fecha_hora"])
    am = frames.ayudas_memoria
    originales = am[am["corrige_a_id"].isna()].set_index("sesion_id")
    corregidas = set(am["corrige_a_id"].dropna().astype("int64"))
    vigentes = am[~am["id"].isin(corregidas)].groupby("sesion_id")["numero"].max()
    distribuida = _buscar(s["id"], originales["distribuida_en"])
    distribuida = distribuida.where(distribuida <= corte)
    celebrada = (fecha <= corte) & (s["estado"] != EstadoSesion.cancelada.value)
    dias_distribucion = (distribuida.fillna(corte) - fecha).dt.days.astype("Int64")
    dias_distribucion = dias_distribucion.where(celebrada.to_numpy(), pd.NA)
    tardia = reglas.es_distribucion_tardia(dias_distribucion).fillna(False).astype(bool)
    return s.assign(
        fecha=fecha,
        dias_anticipacion=dias_anticipacion,
        convocatoria_tardia=reglas.es_convocatoria_tardia(dias_anticipacion)
        | (s["puntos_agenda"] == 0),
        acta=_buscar(s["id"], originales["numero"]).astype("Int64"),
        acta_vigente=_buscar(s["id"], vigentes).astype("Int64"),
        distribuida_en=distribuida,
        dias_distribucion=dias_distribucion,
        ayuda_memoria_tardia=tardia,
    )


def miembros_al_corte(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """The members with ``vigente``: accredited on or before the cut date and not yet de baja."""
    m = frames.miembros
    corte = _corte(fecha_corte)
    vigente = (m["acreditado_en"] <= corte) & (m["baja_en"].isna() | (m["baja_en"] > corte))
    return m.assign(vigente=vigente)


def exceso_tecnicos(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """(sector, institucion) pairs with more than 3 current technical members, and who they are.

    Returns:
        Columns ``sector``, ``institucion``, ``cuantos``, ``nombres`` ("; "-joined).
    """
    m = miembros_al_corte(frames, fecha_corte)
    tecnicos = m[m["vigente"] & (m["nivel"] == "tecnico")]
    por_institucion = tecnicos.groupby(["sector", "institucion"], as_index=False).agg(
        cuantos=("id", "size"), nombres=("nombre", "; ".join)
    )
    return por_institucion[por_institucion["cuantos"] > reglas.MAX_MIEMBROS_TECNICOS].reset_index(
        drop=True
    )


def planes_al_corte(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """Per mesa, its plan de trabajo for the cut date's year: ``plan_estado`` and approval.

    ``plan_estado`` is ``aprobado`` (approved on or before the cut date), ``borrador``,
    ``enviado`` (waiting for the political coordinator), ``devuelto`` or ``sin_plan``.
    """
    anio = fecha_corte.year
    p = frames.planes[frames.planes["anio"] == anio].set_index("sector")
    aprobado = (p["estado"] == EstadoPlan.aprobado.value) & (
        p["aprobado_en"] <= _corte(fecha_corte)
    )
    # Approved after the cut date: it was still waiting for the decision then.
    pendiente = p["estado"].astype("str").replace({EstadoPlan.aprobado.value: "enviado"})
    estado = pd.Series(np.where(aprobado, "aprobado", pendiente), index=p.index, dtype="str")
    mesas = frames.mesas[["sector", "sector_nombre"]]
    return mesas.assign(
        anio=anio,
        plan_estado=_buscar(mesas["sector"], estado).fillna("sin_plan"),
        aprobado_en=_buscar(mesas["sector"], p["aprobado_en"].where(aprobado)),
    ).reset_index(drop=True)


def acciones_vinculadas(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """Every link of an acuerdo, cuello de botella or estrategia to a goal or an indicator.

    For the sector, goal and indicator pages and for ``rojo_sin_accion``: one row per link, with
    ``tipo`` (acuerdo | cuello_botella | estrategia), ``id``, ``sector``, ``descripcion``,
    ``estado`` (an acuerdo's status at the cut date), ``abierta`` (an open acuerdo agreed by the
    cut date, an abierto bottleneck, a strategy proposed, approved or under way),
    ``vinculo`` (meta | indicador) and ``codigo``.
    """
    acuerdos = acuerdos_al_corte(frames, fecha_corte)
    base = {
        "acuerdo": acuerdos.assign(
            descripcion=acuerdos["texto"],
            estado=acuerdos["estado_vigente"],
            abierta=acuerdos["abierto"] & acuerdos["existe"],
        ),
        "cuello_botella": frames.cuellos.assign(abierta=frames.cuellos["estado"] == "abierto"),
        "estrategia": frames.estrategias.assign(
            abierta=frames.estrategias["estado"].isin(reglas.ESTADOS_ESTRATEGIA_ABIERTOS)
        ),
    }
    enlaces = {
        "acuerdo": (frames.acuerdo_metas, frames.acuerdo_indicadores, "acuerdo_id"),
        "cuello_botella": (frames.cuello_metas, frames.cuello_indicadores, "cuello_id"),
        "estrategia": (frames.estrategia_metas, frames.estrategia_indicadores, "estrategia_id"),
    }
    partes = []
    for tipo, filas in base.items():
        filas = filas[["id", "sector", "descripcion", "estado", "abierta"]]
        metas, indicadores, clave = enlaces[tipo]
        for vinculo, enlace, columna in (
            ("meta", metas, "meta"),
            ("indicador", indicadores, "indicador"),
        ):
            unidas = enlace.rename(columns={clave: "id", columna: "codigo"}).merge(filas, on="id")
            partes.append(unidas.assign(tipo=tipo, vinculo=vinculo))
    columnas = ["tipo", "id", "sector", "descripcion", "estado", "abierta", "vinculo", "codigo"]
    return pd.concat(partes, ignore_index=True)[columnas]


def resumen_mesas(frames: FramesMesas, fecha_corte: dt.date) -> pd.DataFrame:
    """All mesas at a glance at the cut date (the ``/mesas`` page), one row per mesa.

    Columns: ``sector``, ``sector_nombre``, ``coordinador_politico``, ``coordinador_tecnico``,
    ``proxima_sesion`` (next convocada session from the cut date on), ``ultima_sesion``,
    ``acuerdos_pendientes`` (open, not overdue), ``acuerdos_vencidos``, ``ultima_acta`` and
    ``ultima_acta_distribuida_en`` (of the latest session held), ``ultima_acta_a_tiempo`` (NA while
    it is not yet due), ``plan_estado``, ``productos_entregados``, ``miembros_activos``,
    ``convocatorias_tardias`` and ``ayudas_memoria_tardias`` (in the 365 days up to the cut date),
    ``exceso_miembros`` (institutions over the technical limit).
    """
    corte = _corte(fecha_corte)
    desde = corte - pd.Timedelta(days=365)
    s = sesiones_al_corte(frames, fecha_corte)
    activas = s[s["estado"] != EstadoSesion.cancelada.value]
    futuras = activas[(activas["fecha"] >= corte) & (activas["estado"] == "convocada")]
    pasadas = activas[activas["fecha"] <= corte].sort_values(["fecha_hora", "id"])
    ultima = pasadas.groupby("sector").tail(1).set_index("sector")
    recientes = activas[(activas["fecha"] > desde) & (activas["convocatoria_enviada_en"] <= corte)]
    a = acuerdos_al_corte(frames, fecha_corte)
    a = a[a["existe"]]
    m = miembros_al_corte(frames, fecha_corte)
    entregados = frames.productos[frames.productos["entregado_en"] <= corte]
    exceso = exceso_tecnicos(frames, fecha_corte)
    planes = planes_al_corte(frames, fecha_corte).set_index("sector")
    a_tiempo = ~ultima["ayuda_memoria_tardia"]
    pendiente_aun = ultima["distribuida_en"].isna() & ~ultima["ayuda_memoria_tardia"]
    sector = frames.mesas["sector"]

    def contar(serie: pd.Series) -> pd.Series:
        return sector.map(serie.value_counts()).fillna(0).astype("int64")

    return pd.DataFrame(
        {
            "sector": sector,
            "sector_nombre": frames.mesas["sector_nombre"],
            "coordinador_politico": frames.mesas["coordinador_politico"],
            "coordinador_tecnico": frames.mesas["coordinador_tecnico"],
            "proxima_sesion": _buscar(sector, futuras.groupby("sector")["fecha_hora"].min()),
            "ultima_sesion": _buscar(sector, ultima["fecha_hora"]),
            "acuerdos_pendientes": contar(
                a.loc[a["abierto"] & (a["estado_vigente"] != "vencido"), "sector"]
            ),
            "acuerdos_vencidos": contar(a.loc[a["estado_vigente"] == "vencido", "sector"]),
            "ultima_acta": _buscar(sector, ultima["acta"]).astype("Int64"),
            "ultima_acta_distribuida_en": _buscar(sector, ultima["distribuida_en"]),
            "ultima_acta_a_tiempo": sector.map(a_tiempo.mask(pendiente_aun, pd.NA)).astype(
                "boolean"
            ),
            "plan_estado": sector.map(planes["plan_estado"]),
            "productos_entregados": contar(entregados["sector"]),
            "miembros_activos": contar(m.loc[m["vigente"], "sector"]),
            "convocatorias_tardias": contar(
                recientes.loc[recientes["convocatoria_tardia"], "sector"]
            ),
            "ayudas_memoria_tardias": contar(
                recientes.loc[recientes["ayuda_memoria_tardia"], "sector"]
            ),
            "exceso_miembros": contar(exceso["sector"]),
        }
    )
