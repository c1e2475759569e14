"""The mesa frames: every MESGEPRET table as a DataFrame, its columns in order.

:class:`FramesMesas` is what :func:`~data_layer.mesas.consultas.load_mesas` returns and what the
derived states (:mod:`~data_layer.mesas.estados`), the mesa alerts and the mesa views read.
Dates are ``datetime64`` (midnight); ``fecha_hora`` of a session keeps its time of day.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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
        "politico_usuario",
        "tecnico_usuario",
    ),
    "mesa_analistas": ("sector", "usuario", "nombre"),
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
    "equipo_apoyo": (
        "id",
        "sector",
        "nombre",
        "rol",
        "institucion",
        "correo",
        "activo",
        "usuario",
        "baja_en",
    ),
    "grupos": (
        "id",
        "sector",
        "nombre",
        "tema",
        "coordinador_id",
        "creado_en",
        "activo",
        "cerrado_en",
    ),
    "grupo_miembros": ("grupo_id", "miembro_id"),
    "informes_grupo": ("id", "grupo_id", "sesion_id", "fecha_sesion", "nota"),
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
        "anio",
    ),
}


@dataclass(frozen=True)
class FramesMesas:
    """Every mesa table as a DataFrame (see :data:`COLUMNAS`)."""

    mesas: pd.DataFrame
    mesa_analistas: pd.DataFrame
    miembros: pd.DataFrame
    equipo_apoyo: pd.DataFrame
    grupos: pd.DataFrame
    grupo_miembros: pd.DataFrame
    informes_grupo: pd.DataFrame
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
