"""What the mesa pages show (``/mesas`` and ``/mesas/<sector>``), as pure pandas on the mesa frames.

Every state (late, overdue, open, over the limit) comes from :mod:`data_layer.mesas.estados`, so
the pages, the alerts and the reports agree. Nothing here touches Dash or a database. What the
other pages show of the mesas (their actions, their alerts) is in
:mod:`~data_layer.vistas.mesas_integracion`.

Scope (issue #5, decided here): roles that see everything (presidencia, ministro, analista, admin)
see every mesa in detail. A ``coordinador_mesa`` sees the mesas of their sectors in detail and the
other mesas as a summary only (the counts of ``/mesas``: no names, no acuerdo texts). An ``upgret``
user sees, as a summary only, the mesas their institutions belong to (an accredited member, or the
institution of a coordinator); any other scope sees no mesa (fail closed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import estados
from data_layer.mesas.frames import FramesMesas
from data_layer.mesas.models import TipoProducto
from data_layer.vistas.celdas import una_fila

#: What a user may see of a mesa (decided by :func:`data_layer.permisos.acceso_mesa`).
Acceso = permisos.Acceso


@dataclass(frozen=True)
class PresentacionAcuerdo:
    """How an acuerdo status is shown: word, icon, colours, sort order (most urgent first)."""

    estado: str
    etiqueta: str
    icono: str
    fondo: str
    texto: str
    orden: int


#: The five acuerdo states (pendiente, en proceso, vencido, cumplido, cancelado), urgent first.
ESTADOS_ACUERDO: dict[str, PresentacionAcuerdo] = {
    p.estado: p
    for p in (
        PresentacionAcuerdo("vencido", "Vencido", "✖", "#b02a37", "#ffffff", 0),
        PresentacionAcuerdo("pendiente", "Pendiente", "◷", "#0a58ca", "#ffffff", 1),
        PresentacionAcuerdo("en_proceso", "En proceso", "▶", "#ffcd39", "#332701", 2),
        PresentacionAcuerdo("cumplido", "Cumplido", "✔", "#146c43", "#ffffff", 3),
        PresentacionAcuerdo("cancelado", "Cancelado", "–", "#e9ecef", "#343a40", 4),
    )
}

#: Compliance flags of ``/mesas``: code → (icon, Spanish words).
BANDERAS: dict[str, tuple[str, str]] = {
    # Symbols from the basic BMP sets every font has (emoji render as empty boxes without one).
    "convocatoria_tardia": ("⚠", "Convocatoria tardía"),
    "ayuda_memoria_tardia": ("⚠", "Ayuda memoria tardía"),
    "exceso_miembros": ("⚠", "Exceso de miembros"),
    "sin_plan": ("✖", "Sin plan"),
}

#: Plan de trabajo status words.
ESTADOS_PLAN: dict[str, str] = {
    "aprobado": "Aprobado",
    "borrador": "En borrador (sin aprobar)",
    "enviado": "Enviado al coordinador político (espera su aprobación)",
    "devuelto": "Devuelto con observaciones (sin aprobar)",
    "sin_plan": "Sin plan",
}

NIVELES_MIEMBRO: dict[str, str] = {"politico": "Político", "tecnico": "Técnico-operativo"}

TIPOS_ACCION: dict[str, str] = {
    "acuerdo": "Acuerdo",
    "cuello_botella": "Cuello de botella",
    "estrategia": "Estrategia",
}


def _instituciones_de_mesa(frames: FramesMesas) -> pd.DataFrame:
    """(sector, institucion) pairs: active members' institutions and the coordinators'."""
    m = frames.miembros.loc[frames.miembros["activo"], ["sector", "institucion"]]
    partes = [m] + [
        frames.mesas[["sector", columna]].rename(columns={columna: "institucion"})
        for columna in ("coordinador_politico_institucion", "coordinador_tecnico_institucion")
    ]
    return pd.concat(partes, ignore_index=True).dropna().drop_duplicates()


def accesos(frames: FramesMesas, alcance: Alcance | None) -> dict[str, Acceso]:
    """What ``alcance`` may see of each mesa: ``detalle``, ``resumen`` or ``ninguno``
    (the rule: :func:`data_layer.permisos.acceso_mesa`).

    Args:
        frames: the mesas.
        alcance: the user's scope; None (outside a web request) sees everything.

    Returns:
        Sector code → access, for every mesa.
    """
    sectores = frames.mesas["sector"].astype("str").tolist()
    if alcance is None:
        return dict.fromkeys(sectores, "detalle")
    pares = _instituciones_de_mesa(frames).astype("str")
    por_mesa = pares.groupby("sector")["institucion"].agg(frozenset).to_dict()
    return {s: permisos.acceso_mesa(alcance, s, por_mesa.get(s, frozenset())) for s in sectores}


def banderas(resumen: pd.DataFrame) -> list[list[str]]:
    """The compliance flags (codes of :data:`BANDERAS`) of each row of ``resumen_mesas``."""
    marcas = {
        "convocatoria_tardia": resumen["convocatorias_tardias"] > 0,
        "ayuda_memoria_tardia": resumen["ayudas_memoria_tardias"] > 0,
        "exceso_miembros": resumen["exceso_miembros"] > 0,
        "sin_plan": resumen["plan_estado"] == "sin_plan",
    }
    columnas = [serie.to_numpy() for serie in marcas.values()]
    return [
        [codigo for codigo, activa in zip(marcas, fila, strict=True) if activa]
        for fila in zip(*columnas, strict=True)
    ]


def tabla_mesas(
    frames: FramesMesas, fecha_corte: dt.date, alcance: Alcance | None = None
) -> pd.DataFrame:
    """The ``/mesas`` grid: :func:`~data_layer.mesas.estados.resumen_mesas` plus flags and access.

    Adds ``banderas`` (list of flag codes), ``banderas_texto`` (``"⚠ Convocatoria tardía; …"``,
    ``"✔ Sin observaciones"`` when none), ``plan_texto`` and ``acceso``; drops the mesas
    ``alcance`` may not see and, for the summary-only ones, the coordinators' names.
    """
    r = estados.resumen_mesas(frames, fecha_corte)
    acceso = r["sector"].astype("str").map(accesos(frames, alcance))
    lista = banderas(r)
    texto = [
        "; ".join(f"{BANDERAS[c][0]} {BANDERAS[c][1]}" for c in cs) or "✔ Sin observaciones"
        for cs in lista
    ]
    r = r.assign(
        banderas=pd.Series(lista, index=r.index, dtype=object),
        banderas_texto=texto,
        plan_texto=r["plan_estado"].map(ESTADOS_PLAN),
        acceso=acceso,
    )
    hechos = productos_del_anio(frames, fecha_corte)
    r = r.assign(
        productos_anio=r["sector"].map(hechos).fillna(0).astype("int64"),
    )
    r = r.assign(
        productos_texto=[
            f"{n}/{len(TipoProducto)} productos {fecha_corte.year}" for n in r["productos_anio"]
        ]
    )
    r = r.loc[r["acceso"] != "ninguno"].reset_index(drop=True)
    resumen = r["acceso"] == "resumen"
    return r.assign(
        coordinador_politico=r["coordinador_politico"].where(~resumen, None),
        coordinador_tecnico=r["coordinador_tecnico"].where(~resumen, None),
    )


def productos_del_anio(frames: FramesMesas, fecha_corte: dt.date) -> pd.Series:
    """How many of the seven products each mesa has for the cut date's year (sector → count):
    distinct product types of that year delivered on or before the cut date."""
    p = frames.productos
    corte = pd.Timestamp(fecha_corte)
    entregado = pd.to_datetime(p["entregado_en"]) <= corte
    del_anio = p.loc[(p["anio"] == fecha_corte.year) & entregado]
    return del_anio.groupby("sector")["tipo"].nunique()


def tablero_acuerdos(
    frames: FramesMesas, fecha_corte: dt.date, sector: str, estado: str | None = None
) -> pd.DataFrame:
    """The acuerdos board of one mesa at the cut date, most urgent first.

    Only acuerdos agreed on or before the cut date. ``estado`` is the status at the cut date
    (an open acuerdo past its due date is ``vencido``); with ``estado`` given, only that status.

    Returns:
        Columns ``id``, ``acta``, ``fecha_sesion``, ``texto``, ``institucion``,
        ``persona_responsable``, ``fecha_limite``, ``estado``, ``estado_etiqueta`` (icon and
        word), ``estado_orden``, ``dias_vencido``, ``metas``, ``indicadores`` (lists of codes),
        ``resultado``.
    """
    a = estados.acuerdos_al_corte(frames, fecha_corte)
    a = a.loc[(a["sector"] == sector) & a["existe"]]
    if estado is not None:
        a = a.loc[a["estado_vigente"] == estado]
    orden = a["estado_vigente"].map({k: p.orden for k, p in ESTADOS_ACUERDO.items()})
    etiqueta = a["estado_vigente"].map(
        {k: f"{p.icono} {p.etiqueta}" for k, p in ESTADOS_ACUERDO.items()}
    )
    tabla = a.assign(
        estado=a["estado_vigente"],
        estado_etiqueta=etiqueta,
        estado_orden=orden,
        metas=a["metas"].map(lambda t: [c for c in t.split("; ") if c]),
        indicadores=a["indicadores"].map(lambda t: [c for c in t.split("; ") if c]),
    ).sort_values(["estado_orden", "fecha_limite", "id"], kind="stable")
    columnas = [
        "id",
        "acta",
        "fecha_sesion",
        "texto",
        "institucion",
        "persona_responsable",
        "fecha_limite",
        "estado",
        "estado_etiqueta",
        "estado_orden",
        "dias_vencido",
        "metas",
        "indicadores",
        "resultado",
    ]
    return tabla[columnas].reset_index(drop=True)


#: What a link may put in ``?acuerdo=``: an acuerdo id, in ASCII digits.
_ID_ACUERDO = re.compile(r"[0-9]{1,18}")


def acuerdo_pedido(tablero: pd.DataFrame, valor: object) -> int | None:
    """The acuerdo of ``tablero`` that a link asks for (``/mesas/<sector>?acuerdo=<id>``).

    ``valor`` comes from the browser's address bar, so it is never trusted: text that is not a
    whole number, an unknown id, an acuerdo of another mesa or one agreed after the board's cut
    date all give None (the same answer, so a link cannot probe other mesas). A repeated
    parameter counts by its first value, as the shared filters do.

    Args:
        tablero: the mesa's whole board, :func:`tablero_acuerdos` without ``estado``.
        valor: the raw value of the URL's ``acuerdo`` parameter (None when absent).

    Returns:
        The acuerdo's id when it is on ``tablero``, else None.
    """
    if isinstance(valor, list | tuple):
        valor = valor[0] if valor else None
    if not isinstance(valor, str) or not _ID_ACUERDO.fullmatch(valor.strip()):
        return None
    ident = int(valor.strip())
    return ident if ident in set(tablero["id"].astype("int64")) else None


#: Statuses of a closed acuerdo: folded away under «Acuerdos cerrados (N)» on the mesa and
#: sector pages.
ESTADOS_CERRADOS = ("cumplido", "cancelado")


def separar_cerrados(tablero: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(abiertos, cerrados)``: the rows of ``tablero`` (any frame with an ``estado`` column)
    still open, and those fulfilled or cancelled (:data:`ESTADOS_CERRADOS`), order kept."""
    cerrado = tablero["estado"].isin(ESTADOS_CERRADOS).to_numpy()
    return (
        tablero.loc[~cerrado].reset_index(drop=True),
        tablero.loc[cerrado].reset_index(drop=True),
    )


def conteo_acuerdos(tablero: pd.DataFrame) -> dict[str, int]:
    """Number of acuerdos per status (all five, zeros included), from :func:`tablero_acuerdos`."""
    cuenta = tablero["estado"].value_counts()
    return {e: int(cuenta.get(e, 0)) for e in ESTADOS_ACUERDO}


def miembros_mesa(frames: FramesMesas, fecha_corte: dt.date, sector: str) -> pd.DataFrame:
    """The current members of one mesa, by level (político first), institution and name.

    Returns:
        Columns ``id``, ``nivel``, ``nivel_texto``, ``institucion``, ``nombre``, ``cargo``,
        ``correo``, ``telefono``, ``acreditado_en``, ``es_director_upgret``, ``excede`` (their
        institution is over the technical limit at the cut date).
    """
    m = estados.miembros_al_corte(frames, fecha_corte)
    m = m.loc[(m["sector"] == sector) & m["vigente"]]
    exceso = estados.exceso_tecnicos(frames, fecha_corte)
    excedidas = set(exceso.loc[exceso["sector"] == sector, "institucion"])
    m = m.assign(
        nivel_texto=m["nivel"].map(NIVELES_MIEMBRO),
        excede=(m["nivel"] == "tecnico") & m["institucion"].isin(excedidas),
        _orden=(m["nivel"] != "politico").astype("int64"),
    ).sort_values(["_orden", "institucion", "nombre"], kind="stable")
    columnas = [
        "id",
        "nivel",
        "nivel_texto",
        "institucion",
        "nombre",
        "cargo",
        "correo",
        "telefono",
        "acreditado_en",
        "es_director_upgret",
        "excede",
    ]
    return m[columnas].reset_index(drop=True)


def ficha_mesa(frames: FramesMesas, sector: str) -> pd.Series | None:
    """One mesa's row of ``frames.mesas`` (name, coordinators, DIGER analyst), or None."""
    fila = frames.mesas.loc[frames.mesas["sector"] == sector]
    return None if fila.empty else fila.iloc[0]


def analistas_mesa(frames: FramesMesas, sector: str) -> list[str]:
    """The DIGER analysts assigned to one mesa (``Mesa.analistas``) as ``Nombre (usuario)``."""
    a = frames.mesa_analistas.loc[frames.mesa_analistas["sector"] == sector]
    return [
        f"{nombre} ({usuario})" if nombre else str(usuario)
        for usuario, nombre in zip(a["usuario"], a["nombre"], strict=True)
    ]


def apoyo_mesa(frames: FramesMesas, sector: str) -> pd.DataFrame:
    """One mesa's equipo de apoyo: the active people, then those who left (with their date).

    Returns:
        Columns ``id``, ``nombre``, ``rol``, ``institucion``, ``usuario`` (their UPGRET account,
        if any), ``correo``, ``activo``, ``baja_en``.
    """
    apoyo = frames.equipo_apoyo
    a = apoyo.loc[apoyo["sector"] == sector]
    a = a.assign(_orden=~a["activo"]).sort_values(["_orden", "nombre"], kind="stable")
    columnas = ["id", "nombre", "rol", "institucion", "usuario", "correo", "activo", "baja_en"]
    return a[columnas].reset_index(drop=True)


def grupos_mesa(frames: FramesMesas, sector: str) -> pd.DataFrame:
    """One mesa's grupos de trabajo, open ones first, with their coordinator, member count and
    closing date (closed groups stay, with their reports).

    Returns:
        Columns ``id``, ``nombre``, ``tema``, ``coordinador``, ``miembros``, ``activo``,
        ``cerrado_en``.
    """
    g = frames.grupos.loc[frames.grupos["sector"] == sector]
    nombres = frames.miembros.set_index("id")["nombre"]
    cuantos = frames.grupo_miembros.groupby("grupo_id").size()
    g = g.assign(
        coordinador=g["coordinador_id"].map(nombres),
        miembros=g["id"].map(cuantos).fillna(0).astype("int64"),
        _orden=~g["activo"],
    ).sort_values(["_orden", "nombre"], kind="stable")
    columnas = ["id", "nombre", "tema", "coordinador", "miembros", "activo", "cerrado_en"]
    return g[columnas].reset_index(drop=True)


def informes_grupos_mesa(frames: FramesMesas, sector: str) -> pd.DataFrame:
    """The reports of one mesa's groups to the mesa: the group, the session's date and the
    note, latest session first.

    Returns:
        Columns ``grupo_id``, ``grupo``, ``fecha_sesion``, ``nota``.
    """
    grupos = frames.grupos.loc[frames.grupos["sector"] == sector].set_index("id")["nombre"]
    i = frames.informes_grupo.loc[frames.informes_grupo["grupo_id"].isin(grupos.index)]
    i = i.assign(grupo=i["grupo_id"].map(grupos)).sort_values(
        ["fecha_sesion", "id"], ascending=[False, True], kind="stable"
    )
    return i[["grupo_id", "grupo", "fecha_sesion", "nota"]].reset_index(drop=True)


@dataclass(frozen=True)
class PlanMesa:
    """A mesa's plan de trabajo for the cut date's year.

    Attributes:
        anio: the plan's year.
        estado: ``aprobado``, ``borrador`` or ``sin_plan``.
        aprobado_en: approval date, or None.
        actividades: its activities (``orden``, ``actividad``, ``resultado_esperado``,
            ``responsable``, ``fecha_inicio``, ``fecha_fin``, ``estado``).
        conteo: activities per status (pendiente, en_proceso, completada, cancelada).
        avance_pct: completed / not-cancelled activities × 100 (None without activities).
    """

    anio: int
    estado: str
    aprobado_en: pd.Timestamp | None
    actividades: pd.DataFrame
    conteo: dict[str, int]
    avance_pct: float | None


def plan_mesa(frames: FramesMesas, fecha_corte: dt.date, sector: str) -> PlanMesa:
    """The plan de trabajo of ``sector`` for ``fecha_corte``'s year and its progress."""
    planes = estados.planes_al_corte(frames, fecha_corte).set_index("sector")
    plan = una_fila(planes, sector) if sector in planes.index else None
    estado = "sin_plan" if plan is None else str(plan["plan_estado"])
    aprobado = None if plan is None else plan["aprobado_en"]
    act = frames.actividades.loc[
        (frames.actividades["sector"] == sector) & (frames.actividades["anio"] == fecha_corte.year)
    ]
    cuenta = act["estado"].value_counts()
    conteo = {
        e: int(cuenta.get(e, 0)) for e in ("pendiente", "en_proceso", "completada", "cancelada")
    }
    vigentes = len(act) - conteo["cancelada"]
    avance = 100.0 * conteo["completada"] / vigentes if vigentes else None
    columnas = [
        "orden",
        "actividad",
        "resultado_esperado",
        "responsable",
        "fecha_inicio",
        "fecha_fin",
        "estado",
    ]
    return PlanMesa(
        anio=fecha_corte.year,
        estado=estado,
        aprobado_en=None if pd.isna(aprobado) else aprobado,
        actividades=act[columnas].reset_index(drop=True),
        conteo=conteo,
        avance_pct=avance,
    )


def sesiones_mesa(frames: FramesMesas, fecha_corte: dt.date, sector: str) -> pd.DataFrame:
    """Sessions of one mesa at the cut date, next ones first, then past ones newest first.

    Returns:
        Columns of :func:`~data_layer.mesas.estados.sesiones_al_corte` plus ``proxima``
        (not held yet and not cancelled) and ``ayuda_memoria_id`` (the current version of the
        session's ayuda memoria, distributed by the cut date, for its PDF; NA otherwise).
    """
    s = estados.sesiones_al_corte(frames, fecha_corte)
    s = s.loc[s["sector"] == sector]
    corte = pd.Timestamp(fecha_corte)
    am = frames.ayudas_memoria
    am = am.loc[(am["sector"] == sector) & (am["distribuida_en"] <= corte)]
    vigente = am.sort_values("numero").groupby("sesion_id")["id"].last()
    proxima = (s["fecha"] >= corte) & (s["estado"] == "convocada")
    s = s.assign(proxima=proxima, ayuda_memoria_id=s["id"].map(vigente).astype("Int64"))
    proximas = s.loc[proxima].sort_values(["fecha_hora", "id"], kind="stable")
    pasadas = s.loc[~proxima].sort_values(["fecha_hora", "id"], ascending=False, kind="stable")
    return pd.concat([proximas, pasadas]).reset_index(drop=True)


def acciones_metas_criticas(
    frames: FramesMesas, fecha_corte: dt.date, metas_eval: pd.DataFrame, sector: str
) -> pd.DataFrame:
    """The sector's red and yellow goals, each with its bottlenecks and strategies.

    Args:
        frames: the mesas.
        fecha_corte: the cut date.
        metas_eval: the engine's goal evaluation (index: code; ``sector``, ``semaforo``).
        sector: the mesa's sector.

    Returns:
        One row per (goal, action): ``meta``, ``semaforo`` and ``tipo``, ``tipo_texto``, ``id``,
        ``descripcion``, ``estado`` of a cuello de botella or estrategia linked to the goal
        (``tipo`` None when the goal has none: a goal with nothing is listed too, so the gap
        shows). Red goals first.
    """
    m = metas_eval.loc[
        (metas_eval["sector"].astype("str") == sector)
        & metas_eval["semaforo"].isin(["rojo", "amarillo"])
    ]
    vinc = estados.acciones_vinculadas(frames, fecha_corte)
    vinc = vinc.loc[vinc["tipo"].isin(["cuello_botella", "estrategia"])]
    filas = []
    for codigo, semaforo in zip(m.index.astype("str"), m["semaforo"], strict=True):
        propias = vinc.loc[(vinc["vinculo"] == "meta") & (vinc["codigo"] == codigo)]
        unicas = propias.drop_duplicates(["tipo", "id"])
        if unicas.empty:
            filas.append({"meta": codigo, "semaforo": semaforo, "tipo": None})
            continue
        filas.extend(
            {
                "meta": codigo,
                "semaforo": semaforo,
                "tipo": t,
                "tipo_texto": TIPOS_ACCION[t],
                "id": i,
                "descripcion": d,
                "estado": e,
            }
            for t, i, d, e in zip(
                unicas["tipo"], unicas["id"], unicas["descripcion"], unicas["estado"], strict=True
            )
        )
    columnas = ["meta", "semaforo", "tipo", "tipo_texto", "id", "descripcion", "estado"]
    tabla = pd.DataFrame(filas, columns=columnas)
    if tabla.empty:
        return tabla
    orden = tabla["semaforo"].map({"rojo": 0, "amarillo": 1})
    return (
        tabla.assign(_o=orden)
        .sort_values(["_o", "meta"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )
