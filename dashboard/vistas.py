"""The views pages show, cached per data version, period, filters and scope.

Each function reads cached engine results through :mod:`dashboard.data` and builds one page's
view with the pure functions of ``data_layer.vistas`` (the alert centre, the presidential
overview, the eje and sector pages and their heat maps, the institutions' yearly evaluation, an
indicator's periods, the value-chain tree, the mesa actions linked to an entity), so
a page callback only formats what it gets. Only inside a request, like :mod:`dashboard.data`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

import pandas as pd

from dashboard import data
from dashboard.filtros import Filtros, from_query, to_query
from data_layer import periods, permisos, queries
from data_layer.engine import Resultado, evaluacion_institucional
from data_layer.engine.frames import MCR, Reglas
from data_layer.reportes import cola
from data_layer.reportes.calidad import estado_reportes
from data_layer.reportes.cola import EntradaCola
from data_layer.reportes.servicio import ErrorReporte
from data_layer.vistas import cadena as vistas_cadena
from data_layer.vistas import cumplimiento as vistas_cumplimiento
from data_layer.vistas import detalle_indicador as vistas_indicador
from data_layer.vistas import grupos as vistas_grupos
from data_layer.vistas import versiones as vistas_versiones
from data_layer.vistas.alcance import clave_alcance
from data_layer.vistas.alertas import alertas_destacadas, enriquecer_alertas, ordenar_alertas
from data_layer.vistas.filtros import filtrar_alertas, filtrar_metas
from data_layer.vistas.grupos import Grupo, VistaGrupo
from data_layer.vistas.mesas_integracion import alertas_con_mesas
from data_layer.vistas.niveles import trimestres_hasta
from data_layer.vistas.resumen import (
    comparaciones,
    conteo_estados,
    metas_del_sector_y_superiores,
    metas_presidenciales,
    resumen_ejes,
    tendencia_propia,
)


def alertas(periodo: str, fecha_corte: dt.date | None = None) -> pd.DataFrame:
    """Every alert of ``periodo`` (the engine's and the mesas') with its place, most severe first.

    Cached per data version, mesa version, period, cut date and scope. See
    :func:`data_layer.vistas.alertas.enriquecer_alertas`,
    :func:`data_layer.vistas.mesas_integracion.alertas_con_mesas` and
    :func:`~data_layer.vistas.alertas.ordenar_alertas`.
    """
    d = data.datos()
    corte = fecha_corte or data.hoy_honduras()
    version_mesas = d.version_mesas()
    frames = d.mesas(version_mesas)
    a = data.alcance_de_recorte()
    return d.vista(
        f"alertas:mesas{version_mesas}",
        periodo,
        corte,
        lambda res, m: ordenar_alertas(
            alertas_con_mesas(enriquecer_alertas(res, m), res, m, frames, corte, a)
        ),
    )


@dataclass(frozen=True)
class ResumenPresidencial:
    """What the presidential overview shows for one period and filters.

    Attributes:
        metas: the presidential goals that pass the filters (see :func:`metas_presidenciales`),
            with their trend against their own previous evaluable period (``avance_anterior``,
            ``cambio``, ``tendencia``, ``periodo_propio``, ``periodo_anterior``; see
            :func:`data_layer.vistas.resumen.tendencia_propia`): an annual goal against the
            previous year.
        ejes: the eje groups' avance and counts over those goals (see :func:`resumen_ejes`);
            with an eje filter, only the groups inside that eje.
        conteos: number of those goals per state (every state present, zeros included).
        alertas: the most severe alerts that pass the filters (at most 8).
        n_alertas: how many alerts pass the filters.
        periodos_anteriores: the distinct previous periods the goals with a trend are compared
            with, in order (empty: nothing to compare, the trend is not shown).
        comparaciones: the distinct ``(own period, previous period)`` pairs behind those trends,
            in the same order: ``("2025", "2024")`` when every goal is annual.
    """

    metas: pd.DataFrame
    ejes: pd.DataFrame
    conteos: dict[str, int]
    alertas: pd.DataFrame
    n_alertas: int
    periodos_anteriores: tuple[str, ...]
    comparaciones: tuple[tuple[str, str], ...] = ()


def resumen_presidencial(
    periodo: str, fecha_corte: dt.date, f: Filtros | None = None
) -> ResumenPresidencial:
    """The overview of ``periodo`` at ``fecha_corte`` under the filters ``f`` (already valid).

    Cached per data version, mesa version, period, cut date and filters; both quarters'
    results come from the cache and belong to one data version.
    """
    f = f or Filtros()
    d = data.datos()
    # The overview lists mesa alerts too: a form that records an acuerdo changes it without an
    # import, so the mesa version is part of the key (as in :func:`alertas`).
    clave = f"resumen:mesas{d.version_mesas()}" + to_query(replace(f, periodo=None))
    return d.vista(clave, periodo, fecha_corte, lambda res, m: _resumen(d, res, m, f))


def _resumen(d: data.Datos, res: Resultado, m: MCR, f: Filtros) -> ResumenPresidencial:
    periodo, fecha_corte = res.periodo, res.fecha_corte
    # A presidential goal has no sector of its own: under a sector filter the overview keeps the
    # goals that sector contributes to (alerts keep the sector's own, filtrar_alertas's rule).
    elegidas = filtrar_metas(res.metas, m, replace(f, sector=None))
    if f.sector:
        del_sector = metas_del_sector_y_superiores(m, f.sector)
        elegidas = elegidas.loc[elegidas.index.astype("str").isin(del_sector)]
    metas = metas_presidenciales(res, m, elegidas)
    # Each goal against its own previous evaluable period: at most three earlier quarters.
    comparadas = comparaciones(m, pd.Index(metas["codigo"]), periodo)
    trimestres = sorted(set(comparadas["trimestre_anterior"].dropna()))
    avances = {q: d.resultado(q, fecha_corte).metas["avance"].astype("float64") for q in trimestres}
    cambio = tendencia_propia(metas.set_index("codigo")["avance"], comparadas, avances)
    metas = metas.join(cambio, on="codigo")
    con_tendencia = metas.loc[metas["cambio"].notna()]
    orden = con_tendencia.assign(
        _o=con_tendencia["periodo_anterior"].map(lambda t: periods.parse(t).ordinal)
    ).sort_values("_o")
    anteriores = tuple(dict.fromkeys(orden["periodo_anterior"].astype("str")))
    pares = tuple(
        dict.fromkeys(
            zip(
                orden["periodo_propio"].astype("str"),
                orden["periodo_anterior"].astype("str"),
                strict=True,
            )
        )
    )

    ejes = resumen_ejes(res, m, elegidas)
    if f.eje:
        padres = m.ejes.set_index("codigo")["eje_padre"].astype("str")
        dentro = [c for c in ejes.index if c == f.eje or padres.get(c) == f.eje]
        ejes = ejes.loc[dentro]

    todas = filtrar_alertas(alertas(periodo, fecha_corte), m, f)
    return ResumenPresidencial(
        metas=metas,
        ejes=ejes,
        conteos=conteo_estados(metas["semaforo"]),
        alertas=alertas_destacadas(todas, 8),
        n_alertas=len(todas),
        periodos_anteriores=anteriores,
        comparaciones=pares,
    )


def vista_grupo(por: Grupo, codigo: str, periodo: str, f: Filtros) -> VistaGrupo:
    """The content of an eje or sector page (:func:`data_layer.vistas.grupos.vista_grupo`).

    Cached per group, filters, data version, period, cut date and scope.
    """
    clave = f"grupo:{por}:{codigo}" + to_query(replace(f, periodo=None))
    return data.datos().vista(
        clave,
        periodo,
        data.hoy_honduras(),
        lambda res, m: vistas_grupos.vista_grupo(res.metas, m, por, codigo, f, data.reglas()),
    )


@dataclass(frozen=True)
class MapaGrupo:
    """A group's heat map: its quarters (oldest first), its rows and the long frame of states."""

    trimestres: list[str]
    filas: list[str]
    mapa: pd.DataFrame


def mapa_grupo(por: Grupo, codigo: str, periodo: str, f: Filtros) -> MapaGrupo:
    """The heat map of an eje or sector up to ``periodo`` (see :func:`vistas.grupos.mapa_grupo`).

    Eight quarters of goals are evaluated together (:meth:`Datos.metas_por_periodo`), at one data
    version, and the map itself is cached per group, theme, data version, period, cut date and
    scope.
    """
    d = data.datos()
    corte = data.hoy_honduras()
    version = d.version()
    m = d.mcr(version)
    trimestres = trimestres_hasta(periodo, data.periodos_evaluables(m))
    filas = vistas_grupos.filas_mapa(m, por, codigo)

    def construir() -> pd.DataFrame:
        return vistas_grupos.mapa_grupo(
            d.metas_por_periodo(trimestres, corte, version),
            m,
            por,
            codigo,
            f,
            d.reglas,
        )

    clave = f"mapa:{por}:{codigo}:{f.tema or ''}:{d.clave_resultado(periodo, corte, version)}"
    return MapaGrupo(trimestres, filas, d.memo(clave, construir))


def evaluaciones_institucionales(anios: list[int], fecha_corte: dt.date) -> list[pd.DataFrame]:
    """The engine's evaluación institucional of each year (every institution), cached.

    Each year is one engine evaluation of the whole MCR (every institution, whoever asks: the
    institution page shows the user's own rows and the all-institution mean, a public aggregate);
    it is kept in the app's result cache under a key holding the data version, so any import
    invalidates it.
    """
    d = data.datos()
    version = d.version()
    m = d.mcr_completa(version)
    frames = []
    for anio in anios:
        clave = "evaluacion_institucional:" + d.clave_resultado(str(anio), fecha_corte, version)
        ev = d.cache.get(clave)
        if not isinstance(ev, pd.DataFrame):
            ev = evaluacion_institucional(m, anio, fecha_corte, d.reglas)
            d.cache.set(clave, ev)
        frames.append(ev)
    return frames


def estado_calidad(fecha_corte: dt.date | None = None) -> pd.DataFrame:
    """Every expected report with its receipt, timeliness, validation and returns at the cut date
    (:func:`data_layer.reportes.calidad.estado_reportes`, whole MCR), cached per data version and
    cut date; the data-quality views cut it down with :func:`data_layer.permisos.sectores_calidad`.
    """
    d = data.datos()
    version = d.version()
    corte = fecha_corte or data.hoy_honduras()
    clave = "calidad:" + d.clave_resultado("calidad", corte, version)
    estado = d.cache.get(clave)
    if not isinstance(estado, pd.DataFrame):
        estado = estado_reportes(d.mcr_completa(version), corte, d.reglas.plazo_reporte_dias)
        d.cache.set(clave, estado)
    return estado


def cumplimiento(
    periodo: str, *, sector: str | None = None, eje: str | None = None
) -> vistas_cumplimiento.Cumplimiento:
    """The compliance ranking of ``periodo``'s window for the current user
    (:func:`data_layer.vistas.cumplimiento.cumplimiento` on :func:`estado_calidad` today), cut to
    what :func:`data_layer.permisos.sectores_cumplimiento` and
    :func:`~data_layer.permisos.instituciones_cumplimiento` let them see."""
    a = data.alcance_actual()
    return vistas_cumplimiento.cumplimiento(
        estado_calidad(),
        data.datos().mcr_completa(),
        periodo,
        sector=sector,
        eje=eje,
        sectores_visibles=permisos.sectores_cumplimiento(a),
        instituciones_visibles=permisos.instituciones_cumplimiento(a),
    )


@functools.lru_cache(maxsize=256)
def _serie(
    database_url: str,
    reglas: Reglas,
    version: int,
    codigo: str,
    fecha_corte: dt.date,
    alcance: str,
) -> pd.DataFrame:
    return vistas_indicador.serie_indicador(data.datos().mcr(version), codigo, fecha_corte, reglas)


def serie_indicador(codigo: str) -> pd.DataFrame:
    """The indicator's table of periods (:func:`vistas.detalle_indicador.serie_indicador`).

    Memoised per database, rules, data version, indicator, cut date (today) and scope: it does
    not depend on the evaluated period, so changing the period (or coming back to the page) does
    not re-run the engine once per period. Callers must not modify it.
    """
    d = data.datos()
    return _serie(
        d.database_url,
        d.reglas,
        d.version(),
        codigo,
        data.hoy_honduras(),
        clave_alcance(data.alcance_de_recorte()),
    )


@functools.lru_cache(maxsize=32)
def _arbol(
    database_url: str,
    reglas: Reglas,
    version: int,
    periodo: str,
    fecha_corte: dt.date,
    alcance: str,
) -> pd.DataFrame:
    d = data.datos()
    return vistas_cadena.nodos_cadena(d.resultado(periodo, fecha_corte, version), d.mcr(version))


def arbol_cadena(periodo: str) -> pd.DataFrame:
    """The value-chain tree of ``periodo`` the user may see (:func:`vistas.cadena.nodos_cadena`).

    Memoised per database, rules, data version, period, cut date (today) and scope (the page's
    filters then only select from it). Callers must not modify it.
    """
    d = data.datos()
    return _arbol(
        d.database_url,
        d.reglas,
        d.version(),
        periodo,
        data.hoy_honduras(),
        clave_alcance(data.alcance_de_recorte()),
    )


def acciones_de_entidad(
    tipo: Literal["sector", "meta", "indicador"], params: Any
) -> tuple[pd.DataFrame | None, Filtros]:
    """The mesa actions (acuerdos, bottlenecks, strategies) linked to the URL's entity.

    Args:
        tipo: ``sector``, ``meta`` or ``indicador``.
        params: the page's params store (``codigo`` and the filters), as the browser sent it.

    Returns:
        The actions the current user may see (None when the entity is not visible) and the
        validated filters, for the links.
    """
    from data_layer.vistas.mesas_integracion import acciones_al_corte
    from data_layer.vistas.mesas_integracion import acciones_de_entidad as acciones

    params = params if isinstance(params, dict) else {}
    m = data.mcr()
    f = data.validar_filtros(from_query(params), m)
    codigo = params.get("codigo")
    if not isinstance(codigo, str) or codigo not in data.por_mcr(
        m, "codigos_" + tipo, _codigos(tipo)
    ):
        return None, f  # not in the user's view of the MCR (nothing computed, nothing cached)
    d = data.datos()
    version_mesas, hoy = d.version_mesas(), data.hoy_honduras()
    clave_mesas = d.clave_resultado("mesas", hoy, version_mesas)

    def construir() -> pd.DataFrame | None:
        frames = d.mesas(version_mesas)
        # The same for every entity and user on a day: built once per mesa version.
        al_corte = d.memo(
            "acciones-al-corte:" + clave_mesas, lambda: acciones_al_corte(frames, hoy)
        )
        return acciones(frames, hoy, m, tipo, codigo, data.alcance_de_recorte(), al_corte)

    # Per entity, mesa version, data version, day and scope (issue #15: this was most of a
    # sector, goal or indicator page's server time).
    frame = d.memo(f"acciones:{tipo}:{codigo}:{d.version()}:{clave_mesas}", construir)
    return frame, f


def _codigos(tipo: str) -> Callable[[MCR], frozenset[str]]:
    """The codes of ``tipo`` (sector, meta, indicador) in an MCR, as a set."""
    tabla = {"sector": "sectores", "meta": "metas", "indicador": "indicadores"}[tipo]
    return lambda m: frozenset(getattr(m, tabla)["codigo"].astype("str"))


def cola_validacion() -> list[EntradaCola]:
    """The DIGER review queue (:func:`data_layer.reportes.cola.consultar_cola`), cached.

    Cached per database, rules, data version and day (every send, validation and return moves
    the version), shared by the analysts; the permission is checked on every call, before the
    cache is read.

    Raises:
        ErrorReporte: the logged-in user may not validate.
    """
    actor = data.alcance_actual()
    if not permisos.puede_validar(actor):
        raise ErrorReporte(permisos.SIN_PERMISO_VALIDAR)
    d = data.datos()
    hoy = data.hoy_honduras()
    clave = "validacion:" + d.clave_resultado("cola", hoy, d.version())

    def construir() -> list[EntradaCola]:
        with data.sesion_lectura() as s:
            return cola.consultar_cola(s, actor, hoy=hoy, reglas=d.reglas)

    return d.memo(clave, construir)


def pendientes_validacion() -> int:
    """How many sent versions wait for review (the navbar's badge); 0 for non-analysts."""
    actor = data.alcance_actual()
    if not permisos.puede_validar(actor):
        return 0
    with data.sesion_lectura() as s:
        return cola.contar_pendientes(s, actor)


def versiones_indicador(
    codigo: str, institucion_responsable: str
) -> list[vistas_versiones.VersionesPeriodo]:
    """The versions of indicator ``codigo``'s values per period, as the current user may see
    them (drafts only for its institution; see
    :func:`data_layer.vistas.versiones.versiones_por_periodo`).

    Not cached: a saved draft does not move the data version, and one indicator's versions are
    a few rows.
    """
    with data.sesion_lectura() as s:
        filas = queries.load_versiones(s, codigo)
    return vistas_versiones.versiones_por_periodo(
        filas, data.alcance_actual(), institucion_responsable
    )


# --- target revisions (DOMAIN.md §9) -------------------------------------------------------------


def revisiones_indicador(codigo: str, serie: pd.DataFrame) -> tuple[Any, list[tuple[int, str]]]:
    """The «Revisiones de meta» panel of indicator ``codigo`` for the current user, and the
    acuerdos a proposal may cite; ``(None, [])`` when the user does not see the indicator.

    Not cached: a proposal does not move the data version, and one indicator's proposals are a
    few rows.
    """
    from data_layer.revisiones import consultas as consultas_revisiones
    from data_layer.vistas import revisiones as vistas_revisiones

    ambito = vistas_revisiones.ambito_indicador(data.mcr(), codigo)
    if ambito is None:
        return None, []
    with data.sesion_lectura() as s:
        historial = consultas_revisiones.historial(s, codigo)
        acuerdos = consultas_revisiones.acuerdos_del_sector(s, ambito.sector)
    panel = vistas_revisiones.panel_revisiones(
        historial, serie, ambito, data.alcance_actual(), data.hoy_honduras()
    )
    return panel, acuerdos


# --- each role's home (issue #12) ----------------------------------------------------------------


def alertas_altas_de_alcance(periodo: str | None = None) -> pd.DataFrame:
    """The ``alta`` alerts of the default period (or ``periodo``) in the user's focus
    (:func:`data_layer.permisos.sectores_en_foco`): the navbar's badge and the home's block."""
    from data_layer.vistas import inicio as vistas_inicio

    tabla = alertas(periodo or data.periodo_efectivo(None))
    return vistas_inicio.alertas_altas(
        tabla, data.mcr(), permisos.sectores_en_foco(data.alcance_actual())
    )


def cuantas_alertas_altas() -> int:
    """How many alerts :func:`alertas_altas_de_alcance` gives (the navbar's badge, on every
    page), cached per data and mesa version, quarter, day, focus and scope (issue #15: reading
    the whole alert table for a number cost more than the rest of the navbar)."""
    d = data.datos()
    periodo, hoy = data.periodo_efectivo(None), data.hoy_honduras()
    foco = permisos.sectores_en_foco(data.alcance_actual())
    en_foco = "*" if foco is None else ",".join(sorted(foco))
    clave = f"altas:{d.version_mesas()}:{en_foco}:" + d.clave_resultado(periodo, hoy, d.version())
    return int(d.memo(clave, lambda: len(alertas_altas_de_alcance(periodo))))


def inicio() -> Any:
    """The logged-in user's home (:class:`data_layer.vistas.inicio.Inicio`); None when nobody is
    logged in. Each block comes from the view its own page uses (cached there)."""
    from data_layer import pendientes
    from data_layer.vistas import inicio as vi
    from data_layer.vistas import mis_acuerdos as vistas_mis_acuerdos
    from data_layer.vistas import reportes as vistas_reportes
    from data_layer.vistas.calidad import vista_calidad

    alcance = data.alcance_actual()
    tipo = permisos.tipo_inicio(alcance)
    if alcance is None or tipo is None:
        return None
    m = data.mcr()
    hoy = data.hoy_honduras()
    hay_datos = bool(data.periodos_evaluables(m))
    periodo = data.periodo_efectivo(None)
    foco = permisos.sectores_en_foco(alcance)
    nombres = dict(
        zip(m.sectores["codigo"].astype("str"), m.sectores["nombre"].astype("str"), strict=True)
    )
    altas = alertas_altas_de_alcance(periodo) if hay_datos else pd.DataFrame()
    ambito = (
        "del sector " + ", ".join(nombres.get(s, s) for s in sorted(foco))
        if foco
        else "en su ámbito"
        if foco is not None or tipo == "institucion"
        else "en el país"
    )

    def bloque_alertas() -> vi.Bloque:
        return vi.bloque_alertas(
            altas,
            href_todas=vi.ruta_alertas(foco, severidad="alta"),
            ambito=ambito,
        )

    bloques: list[vi.Bloque] = []
    enlaces = [vi.Item("Ver el panorama nacional", "/")]
    titulo, subtitulo = "Su inicio", ""
    if tipo == "politico":
        if foco:
            titulo = "Su sector" if len(foco) == 1 else "Sus sectores"
            subtitulo = ", ".join(nombres.get(s, s) for s in sorted(foco))
            for codigo in sorted(foco):
                if hay_datos:
                    v = vista_grupo("sector", codigo, periodo, Filtros())
                    bloques.append(
                        vi.bloque_sector(codigo, nombres.get(codigo, codigo), v.resumen, v.metas)
                    )
        else:
            titulo, subtitulo = "El país", "Metas presidenciales y decisiones de la Presidencia"
            if hay_datos:
                r = resumen_presidencial(periodo, hoy, Filtros())
                bloques.append(vi.bloque_presidencial(r.metas, r.conteos))
        if hay_datos:
            bloques.append(bloque_alertas())
        with data.sesion_lectura() as s:
            bloques.append(vi.bloque_decisiones(pendientes.pendientes(s, alcance)))
    elif tipo == "mesa":
        titulo = "Su mesa" if foco and len(foco) == 1 else "Sus mesas"
        subtitulo = ", ".join(nombres.get(s, s) for s in sorted(foco or ()))
        frames = data.mesas()
        instaladas = set(frames.mesas["sector"].astype("str"))
        for codigo in sorted(foco or ()):
            nombre = nombres.get(codigo, codigo)
            if codigo in instaladas:
                bloques.extend(vi.bloques_mesa(frames, hoy, codigo, nombre))
            else:
                bloques.append(
                    vi.Bloque(
                        clave=f"sin-mesa-{codigo}",
                        titulo=f"Mesa de {nombre}",
                        resumen="El sector aún no tiene mesa instalada.",
                        enlace=vi.Item("Ver las mesas", "/mesas"),
                    )
                )
        if hay_datos:
            bloques.append(bloque_alertas())
    elif tipo == "institucion":
        titulo = "Su institución"
        subtitulo = ", ".join(sorted(alcance.instituciones))
        with data.sesion_lectura() as s:
            reportes = vistas_reportes.mis_reportes(s, alcance, hoy, data.reglas())
            acuerdos = vistas_mis_acuerdos.mis_acuerdos(s, alcance, hoy)
        bloques.extend(vi.bloques_institucion(reportes, acuerdos, hoy))
    elif tipo == "analista":
        titulo, subtitulo = "Su cola de trabajo", "Dirección de Gestión por Resultados (DIGER)"
        calidad = vista_calidad(
            estado_calidad(hoy), m, permitidos=permisos.sectores_calidad(alcance)
        )
        bloques.extend(vi.bloques_analista(cola_validacion(), calidad))
        if hay_datos:
            bloques.append(bloque_alertas())
    else:
        titulo, subtitulo = "Administración", "Soporte técnico de SIGPRET"
        bloques.append(
            vi.bloque_admin(
                permisos.puede_importar(alcance),
                permisos.puede_ver_auditoria(alcance),
                permisos.puede_validar(alcance),
                usuarios=permisos.puede_administrar_usuarios(alcance),
                correo=permisos.puede_administrar_correo(alcance),
            )
        )
        if hay_datos:
            bloques.append(bloque_alertas())
    return vi.Inicio(
        tipo=tipo,
        titulo=titulo,
        subtitulo=subtitulo,
        titular=vi.titular(bloques),
        bloques=bloques,
        enlaces=enlaces,
    )


def precalentar() -> None:
    """Compute now what the first visitors of a new data version would: the overview of the
    default quarter (its engine result and the earlier quarters it compares with) and that
    quarter's alerts, for the roles that see everything; the engine results, shared by every
    scope, land in the result cache (Redis across workers and hosts).

    Runs in an app context without a request (after a web import, in its job's thread).
    """
    d = data.datos()
    if not data.periodos_evaluables(d.mcr_completa()):
        return
    periodo = data.periodo_efectivo(None)
    hoy = data.hoy_honduras()
    resumen_presidencial(periodo, hoy, Filtros())
    alertas(periodo, hoy)
