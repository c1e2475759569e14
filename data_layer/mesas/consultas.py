"""Read the MESGEPRET into DataFrames (session in, :class:`FramesMesas` out).

:func:`load_mesas` reads every mesa table once into a :class:`~data_layer.mesas.frames.FramesMesas`
(a few thousand rows for 22 mesas); what they mean at a cut date ("late", "overdue", "open") is
derived in one place, :mod:`~data_layer.mesas.estados`.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from data_layer.mesas.frames import COLUMNAS, FramesMesas
from data_layer.mesas.models import (
    ActividadPlan,
    Acuerdo,
    Asistencia,
    AyudaMemoria,
    CuelloBotella,
    EquipoApoyo,
    Estrategia,
    GrupoTrabajo,
    InformeGrupo,
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
    mesa_analista,
)
from data_layer.models import Indicador, Institucion, Meta, Sector, Usuario

_FECHAS = {
    "instalada_en",
    "acreditado_en",
    "baja_en",
    "creado_en",
    "cerrado_en",
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


def _sector_de(modelo: Any) -> tuple[tuple[Any, Any], ...]:
    """Join pieces to name the sector of a row that has ``mesa_id``."""
    return (Mesa, Mesa.id == modelo.mesa_id), (Sector, Sector.id == Mesa.sector_id)


def _con_sector(stmt: Select, modelo: Any) -> Select:
    for tabla, condicion in _sector_de(modelo):
        stmt = stmt.join(tabla, condicion)
    return stmt


def _queries() -> dict[str, Select]:
    ip, it = aliased(Institucion), aliased(Institucion)
    up, ut = aliased(Usuario), aliased(Usuario)
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
            up.usuario,
            ut.usuario,
        )
        .join(Sector, Sector.id == Mesa.sector_id)
        .join(ip, ip.id == Mesa.coordinador_politico_institucion_id)
        .join(it, it.id == Mesa.coordinador_tecnico_institucion_id)
        .outerjoin(up, up.id == Mesa.coordinador_politico_usuario_id)
        .outerjoin(ut, ut.id == Mesa.coordinador_tecnico_usuario_id)
        .order_by(Sector.codigo),
        "mesa_analistas": select(Sector.codigo, Usuario.usuario, Usuario.nombre)
        .select_from(mesa_analista)
        .join(Mesa, Mesa.id == mesa_analista.c.mesa_id)
        .join(Sector, Sector.id == Mesa.sector_id)
        .join(Usuario, Usuario.id == mesa_analista.c.usuario_id)
        .order_by(Sector.codigo, Usuario.usuario),
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
                Usuario.usuario,
                EquipoApoyo.baja_en,
            )
            .outerjoin(Institucion, Institucion.id == EquipoApoyo.institucion_id)
            .outerjoin(Usuario, Usuario.id == EquipoApoyo.usuario_id),
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
                GrupoTrabajo.cerrado_en,
            ),
            GrupoTrabajo,
        ).order_by(GrupoTrabajo.id),
        "informes_grupo": select(
            InformeGrupo.id,
            InformeGrupo.grupo_id,
            InformeGrupo.sesion_id,
            SesionMesa.fecha_hora,
            InformeGrupo.nota,
        )
        .join(SesionMesa, SesionMesa.id == InformeGrupo.sesion_id)
        .order_by(SesionMesa.fecha_hora, InformeGrupo.id),
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
                Producto.anio,
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
