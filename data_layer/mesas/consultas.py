"""Read the MESGEPRET into DataFrames (session in, DataFrames out) and derive their states.

:func:`load_mesas` reads every mesa table once into a :class:`FramesMesas` (a few thousand rows for
22 mesas); the other functions are pure pandas on those frames, used by the pages and by
:mod:`~data_layer.mesas.alertas`, so that "late", "overdue" and "open" are computed in one place.
Dates are ``datetime64`` (midnight); ``fecha_hora`` of a session keeps its time of day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from data_layer.mesas import reglas
from data_layer.mesas.models import (
    ActividadPlan,
    Acuerdo,
    Asistencia,
    AyudaMemoria,
    CuelloBotella,
    EquipoApoyo,
    EstadoPlan,
    EstadoSesion,
    Estrategia,
    GrupoTrabajo,
    Mesa,
    MiembroMesa,
    PlanTrabajo,
    Producto,
    PuntoAgenda,
    SeguimientoAcuerdo,
    SesionMesa,
    acuerdo_indicador,
    acuerdo_meta,
    cuello_botella_indicador,
    cuello_botella_meta,
    estrategia_indicador,
    estrategia_meta,
    grupo_trabajo_miembro,
)
from data_layer.models import Indicador, Institucion, Meta, Sector

#: Columns of each frame, in order.
COLUMNAS: dict[str, tuple[str, ...]] = {
    "mesas": (
        "id",
        "sector",
        "sector_nombre",
        "coordinador_politico",
        "coordinador_politico_cargo",
        "coordinador_politico_institucion",
        "coordinador_tecnico",
        "coordinador_tecnico_cargo",
        "coordinador_tecnico_institucion",
        "analista_diger",
        "instalada_en",
    ),
    "miembros": (
        "id",
        "sector",
        "institucion",
        "nombre",
        "cargo",
        "correo",
        "telefono",
        "nivel",
        "es_director_upgret",
        "acreditado_en",
        "activo",
        "baja_en",
    ),
    "equipo_apoyo": ("id", "sector", "nombre", "rol", "institucion", "correo", "activo"),
    "grupos": ("id", "sector", "nombre", "tema", "coordinador_id", "creado_en", "activo"),
    "grupo_miembros": ("grupo_id", "miembro_id"),
    "planes": ("id", "sector", "anio", "estado", "aprobado_en", "aprobado_por"),
    "actividades": (
        "id",
        "plan_id",
        "sector",
        "anio",
        "orden",
        "actividad",
        "resultado_esperado",
        "responsable",
        "fecha_inicio",
        "fecha_fin",
        "estado",
    ),
    "sesiones": (
        "id",
        "sector",
        "nivel",
        "fecha_hora",
        "lugar",
        "convocatoria_enviada_en",
        "justificacion_convocatoria",
        "estado",
        "motivo_cancelacion",
        "puntos_agenda",
    ),
    "agenda": ("sesion_id", "orden", "titulo", "tipo", "acuerdo_id"),
    "ayudas_memoria": (
        "id",
        "sector",
        "sesion_id",
        "numero",
        "elaborada_en",
        "distribuida_en",
        "corrige_a_id",
        "motivo_correccion",
        "registrada_por",
    ),
    "asistencia": ("ayuda_memoria_id", "miembro_id", "presente"),
    "acuerdos": (
        "id",
        "sector",
        "sesion_id",
        "fecha_sesion",
        "ayuda_memoria_id",
        "acta",
        "texto",
        "institucion",
        "persona_responsable",
        "fecha_limite",
        "estado",
        "resultado",
    ),
    "acuerdo_metas": ("acuerdo_id", "meta"),
    "acuerdo_indicadores": ("acuerdo_id", "indicador"),
    "seguimientos": (
        "id",
        "acuerdo_id",
        "fecha",
        "estado_anterior",
        "estado_nuevo",
        "nota",
        "usuario",
        "sesion_id",
    ),
    "cuellos": (
        "id",
        "sector",
        "descripcion",
        "ambito",
        "institucion",
        "identificado_en",
        "estado",
    ),
    "cuello_metas": ("cuello_id", "meta"),
    "cuello_indicadores": ("cuello_id", "indicador"),
    "estrategias": (
        "id",
        "sector",
        "descripcion",
        "responsable",
        "institucion",
        "cuello_id",
        "fecha_inicio",
        "fecha_fin",
        "estado",
    ),
    "estrategia_metas": ("estrategia_id", "meta"),
    "estrategia_indicadores": ("estrategia_id", "indicador"),
    "productos": (
        "id",
        "sector",
        "tipo",
        "titulo",
        "entregado_en",
        "documento_nombre",
        "documento_url",
        "documento_ruta",
    ),
}

_FECHAS = {
    "instalada_en",
    "acreditado_en",
    "baja_en",
    "creado_en",
    "aprobado_en",
    "fecha_inicio",
    "fecha_fin",
    "fecha_hora",
    "convocatoria_enviada_en",
    "elaborada_en",
    "distribuida_en",
    "fecha_sesion",
    "fecha_limite",
    "fecha",
    "identificado_en",
    "entregado_en",
}
_BOOLEANOS = {"es_director_upgret", "activo", "presente"}
_ENTEROS_OPCIONALES = {"coordinador_id", "acuerdo_id", "corrige_a_id", "acta", "sesion_id"}
_ENUMS = {"nivel", "estado", "tipo", "ambito", "estado_anterior", "estado_nuevo"}


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates → datetime64, flags → bool, optional ids → nullable Int64, enums → text."""
    conversiones: dict[str, pd.Series] = {}
    for columna in frame.columns:
        if columna in _FECHAS:
            conversiones[columna] = pd.to_datetime(frame[columna])
        elif columna in _BOOLEANOS:
            conversiones[columna] = frame[columna].astype(bool)
        elif columna in _ENTEROS_OPCIONALES:
            conversiones[columna] = frame[columna].astype("Int64")
        elif columna in _ENUMS:
            conversiones[columna] = frame[columna].map(str, na_action="ignore").astype("str")
    return frame.assign(**conversiones)


def _frame(session: Session, stmt: Select, nombre: str) -> pd.DataFrame:
    filas = session.execute(stmt).all()
    return _typed(pd.DataFrame.from_records(filas, columns=list(COLUMNAS[nombre])))


@dataclass(frozen=True)
class FramesMesas:
    """Every mesa table as a DataFrame (see :data:`COLUMNAS`)."""

    mesas: pd.DataFrame
    miembros: pd.DataFrame
    equipo_apoyo: pd.DataFrame
    grupos: pd.DataFrame
    grupo_miembros: pd.DataFrame
    planes: pd.DataFrame
    actividades: pd.DataFrame
    sesiones: pd.DataFrame
    agenda: pd.DataFrame
    ayudas_memoria: pd.DataFrame
    asistencia: pd.DataFrame
    acuerdos: pd.DataFrame
    acuerdo_metas: pd.DataFrame
    acuerdo_indicadores: pd.DataFrame
    seguimientos: pd.DataFrame
    cuellos: pd.DataFrame
    cuello_metas: pd.DataFrame
    cuello_indicadores: pd.DataFrame
    estrategias: pd.DataFrame
    estrategia_metas: pd.DataFrame
    estrategia_indicadores: pd.DataFrame
    productos: pd.DataFrame


def _sector_de(modelo: Any) -> tuple[tuple[Any, Any], ...]:
    """Join pieces to name the sector of a row that has ``mesa_id``."""
    return (Mesa, Mesa.id == modelo.mesa_id), (Sector, Sector.id == Mesa.sector_id)


def _con_sector(stmt: Select, modelo: Any) -> Select:
    for tabla, condicion in _sector_de(modelo):
        stmt = stmt.join(tabla, condicion)
    return stmt


def _queries() -> dict[str, Select]:
    ip, it = aliased(Institucion), aliased(Institucion)
    puntos = (
        select(PuntoAgenda.sesion_id, func.count().label("n"))
        .group_by(PuntoAgenda.sesion_id)
        .subquery()
    )
    return {
        "mesas": select(
            Mesa.id,
            Sector.codigo,
            Sector.nombre,
            Mesa.coordinador_politico_nombre,
            Mesa.coordinador_politico_cargo,
            ip.sigla,
            Mesa.coordinador_tecnico_nombre,
            Mesa.coordinador_tecnico_cargo,
            it.sigla,
            Mesa.analista_diger,
            Mesa.instalada_en,
        )
        .join(Sector, Sector.id == Mesa.sector_id)
        .join(ip, ip.id == Mesa.coordinador_politico_institucion_id)
        .join(it, it.id == Mesa.coordinador_tecnico_institucion_id)
        .order_by(Sector.codigo),
        "miembros": _con_sector(
            select(
                MiembroMesa.id,
                Sector.codigo,
                Institucion.sigla,
                MiembroMesa.nombre,
                MiembroMesa.cargo,
                MiembroMesa.correo,
                MiembroMesa.telefono,
                MiembroMesa.nivel,
                MiembroMesa.es_director_upgret,
                MiembroMesa.acreditado_en,
                MiembroMesa.activo,
                MiembroMesa.baja_en,
            ).join(Institucion, Institucion.id == MiembroMesa.institucion_id),
            MiembroMesa,
        ).order_by(MiembroMesa.id),
        "equipo_apoyo": _con_sector(
            select(
                EquipoApoyo.id,
                Sector.codigo,
                EquipoApoyo.nombre,
                EquipoApoyo.rol,
                Institucion.sigla,
                EquipoApoyo.correo,
                EquipoApoyo.activo,
            ).outerjoin(Institucion, Institucion.id == EquipoApoyo.institucion_id),
            EquipoApoyo,
        ).order_by(EquipoApoyo.id),
        "grupos": _con_sector(
            select(
                GrupoTrabajo.id,
                Sector.codigo,
                GrupoTrabajo.nombre,
                GrupoTrabajo.tema,
                GrupoTrabajo.coordinador_id,
                GrupoTrabajo.creado_en,
                GrupoTrabajo.activo,
            ),
            GrupoTrabajo,
        ).order_by(GrupoTrabajo.id),
        "grupo_miembros": select(
            grupo_trabajo_miembro.c.grupo_trabajo_id, grupo_trabajo_miembro.c.miembro_mesa_id
        ).order_by(
            grupo_trabajo_miembro.c.grupo_trabajo_id, grupo_trabajo_miembro.c.miembro_mesa_id
        ),
        "planes": _con_sector(
            select(
                PlanTrabajo.id,
                Sector.codigo,
                PlanTrabajo.anio,
                PlanTrabajo.estado,
                PlanTrabajo.aprobado_en,
                PlanTrabajo.aprobado_por,
            ),
            PlanTrabajo,
        ).order_by(Sector.codigo, PlanTrabajo.anio),
        "actividades": _con_sector(
            select(
                ActividadPlan.id,
                ActividadPlan.plan_id,
                Sector.codigo,
                PlanTrabajo.anio,
                ActividadPlan.orden,
                ActividadPlan.actividad,
                ActividadPlan.resultado_esperado,
                ActividadPlan.responsable,
                ActividadPlan.fecha_inicio,
                ActividadPlan.fecha_fin,
                ActividadPlan.estado,
            ).join(PlanTrabajo, PlanTrabajo.id == ActividadPlan.plan_id),
            PlanTrabajo,
        ).order_by(ActividadPlan.plan_id, ActividadPlan.orden),
        "sesiones": _con_sector(
            select(
                SesionMesa.id,
                Sector.codigo,
                SesionMesa.nivel,
                SesionMesa.fecha_hora,
                SesionMesa.lugar,
                SesionMesa.convocatoria_enviada_en,
                SesionMesa.justificacion_convocatoria,
                SesionMesa.estado,
                SesionMesa.motivo_cancelacion,
                func.coalesce(puntos.c.n, 0),
            ).outerjoin(puntos, puntos.c.sesion_id == SesionMesa.id),
            SesionMesa,
        ).order_by(SesionMesa.fecha_hora, SesionMesa.id),
        "agenda": select(
            PuntoAgenda.sesion_id,
            PuntoAgenda.orden,
            PuntoAgenda.titulo,
            PuntoAgenda.tipo,
            PuntoAgenda.acuerdo_id,
        ).order_by(PuntoAgenda.sesion_id, PuntoAgenda.orden),
        "ayudas_memoria": _con_sector(
            select(
                AyudaMemoria.id,
                Sector.codigo,
                AyudaMemoria.sesion_id,
                AyudaMemoria.numero,
                AyudaMemoria.elaborada_en,
                AyudaMemoria.distribuida_en,
                AyudaMemoria.corrige_a_id,
                AyudaMemoria.motivo_correccion,
                AyudaMemoria.registrada_por,
            ),
            AyudaMemoria,
        ).order_by(Sector.codigo, AyudaMemoria.numero),
        "asistencia": select(
            Asistencia.ayuda_memoria_id, Asistencia.miembro_id, Asistencia.presente
        ).order_by(Asistencia.ayuda_memoria_id, Asistencia.miembro_id),
        "acuerdos": _con_sector(
            select(
                Acuerdo.id,
                Sector.codigo,
                Acuerdo.sesion_id,
                SesionMesa.fecha_hora,
                Acuerdo.ayuda_memoria_id,
                AyudaMemoria.numero,
                Acuerdo.texto,
                Institucion.sigla,
                Acuerdo.persona_responsable,
                Acuerdo.fecha_limite,
                Acuerdo.estado,
                Acuerdo.resultado,
            )
            .join(SesionMesa, SesionMesa.id == Acuerdo.sesion_id)
            .outerjoin(AyudaMemoria, AyudaMemoria.id == Acuerdo.ayuda_memoria_id)
            .join(Institucion, Institucion.id == Acuerdo.institucion_responsable_id),
            Acuerdo,
        ).order_by(Acuerdo.id),
        "acuerdo_metas": select(acuerdo_meta.c.acuerdo_id, Meta.codigo)
        .join(Meta, Meta.id == acuerdo_meta.c.meta_id)
        .order_by(acuerdo_meta.c.acuerdo_id, Meta.codigo),
        "acuerdo_indicadores": select(acuerdo_indicador.c.acuerdo_id, Indicador.codigo)
        .join(Indicador, Indicador.id == acuerdo_indicador.c.indicador_id)
        .order_by(acuerdo_indicador.c.acuerdo_id, Indicador.codigo),
        "seguimientos": select(
            SeguimientoAcuerdo.id,
            SeguimientoAcuerdo.acuerdo_id,
            SeguimientoAcuerdo.fecha,
            SeguimientoAcuerdo.estado_anterior,
            SeguimientoAcuerdo.estado_nuevo,
            SeguimientoAcuerdo.nota,
            SeguimientoAcuerdo.usuario,
            SeguimientoAcuerdo.sesion_id,
        ).order_by(SeguimientoAcuerdo.acuerdo_id, SeguimientoAcuerdo.id),
        "cuellos": _con_sector(
            select(
                CuelloBotella.id,
                Sector.codigo,
                CuelloBotella.descripcion,
                CuelloBotella.ambito,
                Institucion.sigla,
                CuelloBotella.identificado_en,
                CuelloBotella.estado,
            ).outerjoin(Institucion, Institucion.id == CuelloBotella.institucion_id),
            CuelloBotella,
        ).order_by(CuelloBotella.id),
        "cuello_metas": select(cuello_botella_meta.c.cuello_botella_id, Meta.codigo)
        .join(Meta, Meta.id == cuello_botella_meta.c.meta_id)
        .order_by(cuello_botella_meta.c.cuello_botella_id, Meta.codigo),
        "cuello_indicadores": select(cuello_botella_indicador.c.cuello_botella_id, Indicador.codigo)
        .join(Indicador, Indicador.id == cuello_botella_indicador.c.indicador_id)
        .order_by(cuello_botella_indicador.c.cuello_botella_id, Indicador.codigo),
        "estrategias": _con_sector(
            select(
                Estrategia.id,
                Sector.codigo,
                Estrategia.descripcion,
                Estrategia.responsable,
                Institucion.sigla,
                Estrategia.cuello_botella_id,
                Estrategia.fecha_inicio,
                Estrategia.fecha_fin,
                Estrategia.estado,
            ).outerjoin(Institucion, Institucion.id == Estrategia.institucion_id),
            Estrategia,
        ).order_by(Estrategia.id),
        "estrategia_metas": select(estrategia_meta.c.estrategia_id, Meta.codigo)
        .join(Meta, Meta.id == estrategia_meta.c.meta_id)
        .order_by(estrategia_meta.c.estrategia_id, Meta.codigo),
        "estrategia_indicadores": select(estrategia_indicador.c.estrategia_id, Indicador.codigo)
        .join(Indicador, Indicador.id == estrategia_indicador.c.indicador_id)
        .order_by(estrategia_indicador.c.estrategia_id, Indicador.codigo),
        "productos": _con_sector(
            select(
                Producto.id,
                Sector.codigo,
                Producto.tipo,
                Producto.titulo,
                Producto.entregado_en,
                Producto.documento_nombre,
                Producto.documento_url,
                Producto.documento_ruta,
            ),
            Producto,
        ).order_by(Producto.id),
    }


def load_mesas(session: Session) -> FramesMesas:
    """Read every mesa table into :class:`FramesMesas` (one query per frame)."""
    consultas = _queries()
    return FramesMesas(
        **{f.name: _frame(session, consultas[f.name], f.name) for f in fields(FramesMesas)}
    )


# --- derived states (pure pandas) -------------------------------------------------------------


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

    ``plan_estado`` is ``aprobado`` (approved on or before the cut date), ``borrador`` or
    ``sin_plan``.
    """
    anio = fecha_corte.year
    p = frames.planes[frames.planes["anio"] == anio].set_index("sector")
    aprobado = (p["estado"] == EstadoPlan.aprobado.value) & (
        p["aprobado_en"] <= _corte(fecha_corte)
    )
    estado = pd.Series(np.where(aprobado, "aprobado", "borrador"), index=p.index, dtype="str")
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
