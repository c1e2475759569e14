"""Each role's home (``/inicio``, issue #12): the blocks of their own work, as plain values.

Every block answers one question in one sentence (``resumen``), lists the few rows that need
action (``items``, each a link to the page where one acts) and links to the whole list
(``enlace``). The builders are pure: they receive what other views already computed (the sector
page's roll-up, the alert centre's frame, «Pendientes de mi decisión», «Mis reportes», «Mis
acuerdos», the review queue, the data-quality view, the mesa frames) and never query anything
themselves. Which home a user gets and which sectors it is about is decided in
:func:`data_layer.permisos.tipo_inicio` and :func:`data_layer.permisos.sectores_en_foco`.

- the high alerts of a user's sectors (the navbar badge too) .. :func:`alertas_altas`
- a sector's goals: counts per state, avance, red goals ........ :func:`bloque_sector`
- the presidential goals (presidencia) ........................ :func:`bloque_presidencial`
- high alerts ................................................. :func:`bloque_alertas`
- proposals waiting for the user's decision ................... :func:`bloque_decisiones`
- a mesa: next session, overdue acuerdos, what to prepare ...... :func:`bloques_mesa`
- a UPGRET's reports and acuerdos ............................. :func:`bloques_institucion`
- the analyst's queue and data quality ........................ :func:`bloques_analista`
- the administrator's tools ................................... :func:`bloque_admin`
- the one-sentence headline of a home ......................... :func:`titular`
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from data_layer.formato import format_entero, format_porcentaje
from data_layer.mesas.reglas import DIAS_MAXIMOS_AYUDA_MEMORIA
from data_layer.pendientes import Pendiente
from data_layer.reportes.cola import EntradaCola
from data_layer.reportes.controles import BANDERAS
from data_layer.vistas.alertas import con_mensajes, nombre_tipo
from data_layer.vistas.calidad import VistaCalidad
from data_layer.vistas.filtros import FiltroParcial, filtrar_alertas
from data_layer.vistas.mesas import plan_mesa, sesiones_mesa, tablero_acuerdos
from data_layer.vistas.mis_acuerdos import MisAcuerdos
from data_layer.vistas.niveles import ResumenGrupo
from data_layer.vistas.reportes import EDITABLES, MisReportes

#: Rows a block lists before sending the user to the whole list.
MAX_ITEMS = 5
#: Words for a plan de trabajo's state, as the coordinator reads them.
PLAN_PENDIENTE = {
    "sin_plan": "La mesa no tiene plan de trabajo {anio}: elabórelo y envíelo a aprobación.",
    "borrador": "El plan de trabajo {anio} está en borrador: complételo y envíelo a aprobación.",
    "devuelto": "El plan de trabajo {anio} fue devuelto: corríjalo y envíelo de nuevo.",
}
#: Flags of the review queue that point at a suspicious value (not at a missing file or date).
BANDERAS_ATIPICAS = ("atipico", "gran_variacion")


@dataclass(frozen=True)
class Item:
    """One row of a block: what, a short detail, the page where one acts, and whether it is
    urgent (overdue, returned, a red goal)."""

    texto: str
    href: str
    detalle: str = ""
    urgente: bool = False


@dataclass(frozen=True)
class Bloque:
    """One block of a home page.

    Attributes:
        clave: a stable name (the page's element ids are built from it).
        titulo: the block's heading.
        resumen: the answer in one sentence.
        items: the rows that need action, at most :data:`MAX_ITEMS`.
        vacio: what the block says when ``items`` is empty.
        enlace: the link to the page holding the whole list.
        conteos: goals per traffic-light state (blocks about goals only).
        avance: the group's avance (blocks about goals only; None without one).
        estado: the state of that avance.
        urgente: whether the block holds something overdue or red.
        corto: the block's problem in a few words, for the home's headline (:func:`titular`).
        items_titulo: what the rows are, when the summary does not say it.
        conteos_titulo: what ``conteos`` counts.
    """

    clave: str
    titulo: str
    resumen: str
    items: list[Item] = field(default_factory=list)
    vacio: str = "Nada pendiente."
    enlace: Item | None = None
    conteos: dict[str, int] | None = None
    avance: float | None = None
    estado: str | None = None
    urgente: bool = False
    corto: str = ""
    items_titulo: str = ""
    conteos_titulo: str = ""


@dataclass(frozen=True)
class Inicio:
    """A user's home: its kind (:data:`data_layer.permisos.TipoInicio`), a heading, the headline
    sentence, the blocks and the links to the wider views."""

    tipo: str
    titulo: str
    subtitulo: str
    titular: str
    bloques: list[Bloque]
    enlaces: list[Item] = field(default_factory=list)


def _fecha(dia: Any) -> str:
    if dia is None or (not isinstance(dia, dt.date) and pd.isna(dia)):
        return "—"
    return pd.Timestamp(dia).strftime("%d/%m/%Y")


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{format_entero(n)} {singular if n == 1 else plural}"


# --- alerts ---------------------------------------------------------------------------------


def alertas_altas(
    alertas: pd.DataFrame, mcr: Any, sectores: Collection[str] | None
) -> pd.DataFrame:
    """The ``alta`` alerts of ``alertas`` about ``sectores`` (None: every alert given).

    An alert belongs to a sector as the alert centre's sector filter says
    (:func:`data_layer.vistas.filtros.filtrar_alertas`), so the navbar's badge, the home's block
    and ``/alertas?sector=…`` count the same alerts. Order is kept (most severe first).
    """
    altas = alertas.loc[(alertas["severidad"].astype("str") == "alta").to_numpy()]
    if sectores is None:
        return altas
    partes = [filtrar_alertas(altas, mcr, FiltroParcial(sector=s)) for s in sorted(sectores)]
    if not partes:
        return altas.iloc[0:0]
    juntas = pd.concat(partes)
    return juntas.loc[~juntas.index.duplicated()].sort_index(kind="stable")


def bloque_alertas(
    altas: pd.DataFrame, *, href_todas: str, ambito: str, clave: str = "alertas"
) -> Bloque:
    """The high alerts of the user's scope: how many, the first few, the alert centre.

    Args:
        altas: the ``alta`` alerts already cut to the scope (:func:`alertas_altas`).
        href_todas: the alert centre's link for that scope.
        ambito: how the scope reads in a sentence ("del sector Salud", "nacionales").
        clave: the block's name.
    """
    n = len(altas)
    items = [
        Item(
            texto=str(fila["mensaje"]),
            href=str(fila["enlace"]),
            detalle=f"{nombre_tipo(str(fila['tipo']))} · {fila['entidad']} · {fila['periodo']}",
            urgente=True,
        )
        for fila in con_mensajes(altas.head(MAX_ITEMS)).to_dict("records")
    ]
    return Bloque(
        clave=clave,
        titulo="Lo que necesita atención",
        resumen=(
            f"{_plural(n, 'alerta alta', 'alertas altas')} {ambito}."
            if n
            else f"No hay alertas altas {ambito}."
        ),
        items=items,
        vacio="Sin alertas de severidad alta.",
        enlace=Item(f"Ver las {format_entero(n)} alertas altas", href_todas),
        urgente=bool(n),
        corto=_plural(n, "alerta alta", "alertas altas"),
    )


# --- political level: ministers and presidencia ---------------------------------------------


def _items_rojas(metas: pd.DataFrame) -> list[Item]:
    rojas = metas.loc[metas["semaforo"].astype("str") == "rojo"]
    return [
        Item(
            texto=f"{fila['codigo']} · {fila['descripcion']}",
            href=f"/metas/{fila['codigo']}",
            detalle=f"Meta {fila['nivel']} · avance {format_porcentaje(fila['avance'])}",
            urgente=True,
        )
        for fila in rojas.head(MAX_ITEMS).to_dict("records")
    ]


def bloque_sector(codigo: str, nombre: str, resumen: ResumenGrupo, metas: pd.DataFrame) -> Bloque:
    """A sector's goals for a minister: counts per state, avance, the red goals first.

    Args:
        codigo: the sector's code.
        nombre: its name.
        resumen: the sector page's roll-up (:func:`data_layer.vistas.niveles.resumen_grupo`).
        metas: the sector page's goals grid (:func:`data_layer.vistas.niveles.tabla_metas`,
            columns ``codigo``, ``descripcion``, ``nivel``, ``avance_directo``,
            ``avance_contribuyentes``, ``semaforo``).
    """
    # The avance that sets a goal's state: its own, else its contributors' (DOMAIN.md §3).
    tabla = metas.assign(avance=metas["avance_directo"].fillna(metas["avance_contribuyentes"]))
    rojas = int((tabla["semaforo"].astype("str") == "rojo").sum())
    resumen_texto = (
        f"Avance del sector: {format_porcentaje(resumen.avance)}, sobre "
        f"{_plural(resumen.n_metas, 'meta sectorial', 'metas sectoriales')}. "
        + (
            f"{_plural(rojas, 'meta', 'metas')} del sector en rojo (todos los niveles)."
            if rojas
            else "Ninguna meta del sector está en rojo."
        )
    )
    return Bloque(
        clave=f"sector-{codigo}",
        titulo=f"Sector {nombre}",
        resumen=resumen_texto,
        items=_items_rojas(tabla),
        vacio="Ninguna meta del sector está en rojo.",
        enlace=Item(f"Ver la página del sector {nombre}", f"/sectores/{codigo}"),
        conteos=dict(resumen.conteos),
        avance=None if pd.isna(resumen.avance) else float(resumen.avance),
        estado=resumen.estado,
        urgente=bool(rojas),
        corto=f"{_plural(rojas, 'meta', 'metas')} en rojo en {nombre}",
        items_titulo="Metas en rojo (sectoriales e institucionales)",
        conteos_titulo="Metas sectoriales por semáforo",
    )


def bloque_presidencial(metas: pd.DataFrame, conteos: dict[str, int]) -> Bloque:
    """The presidential goals for presidencia: counts per state and the red ones first.

    Args:
        metas: the overview's presidential goals (``codigo``, ``descripcion``, ``avance``,
            ``semaforo``; see :func:`data_layer.vistas.resumen.metas_presidenciales`).
        conteos: goals per state.
    """
    tabla = metas.assign(nivel="presidencial")
    rojas = conteos.get("rojo", 0)
    return Bloque(
        clave="presidencial",
        titulo="Metas presidenciales",
        resumen=(
            f"{_plural(rojas, 'meta presidencial', 'metas presidenciales')} en rojo "
            f"de {format_entero(len(metas))}."
        ),
        items=_items_rojas(tabla),
        vacio="Ninguna meta presidencial está en rojo.",
        enlace=Item("Ver el panorama nacional", "/"),
        conteos=dict(conteos),
        urgente=bool(rojas),
        corto=_plural(rojas, "meta presidencial en rojo", "metas presidenciales en rojo"),
        items_titulo="Metas presidenciales en rojo",
        conteos_titulo="Metas presidenciales por semáforo",
    )


def bloque_decisiones(pendientes: Sequence[Pendiente]) -> Bloque:
    """Proposals waiting for the user's decision («Pendientes de mi decisión»), oldest first."""
    n = len(pendientes)
    return Bloque(
        clave="decisiones",
        titulo="Sus decisiones pendientes",
        resumen=(
            f"{_plural(n, 'propuesta espera', 'propuestas esperan')} su decisión."
            if n
            else "Ninguna propuesta espera su decisión."
        ),
        items=[
            Item(
                texto=p.titulo,
                href=p.href,
                detalle=f"{p.tipo} · propuesto por {p.propuesto_por} · desde el {_fecha(p.desde)}",
            )
            for p in list(pendientes)[:MAX_ITEMS]
        ],
        vacio="Nada espera su decisión.",
        enlace=Item("Ir a Pendientes de mi decisión", "/pendientes"),
        urgente=bool(n),
        corto=_plural(n, "decisión pendiente", "decisiones pendientes"),
    )


# --- mesa coordinators ----------------------------------------------------------------------


def _bloque_sesion(sesiones: pd.DataFrame, sector: str, nombre: str) -> Bloque:
    proximas = sesiones.loc[sesiones["proxima"].astype(bool)]
    if proximas.empty:
        return Bloque(
            clave=f"sesion-{sector}",
            titulo=f"Próxima sesión · mesa de {nombre}",
            resumen="No hay ninguna sesión convocada.",
            items=[
                Item(
                    "Convocar la próxima sesión",
                    f"/mesas/{sector}/convocar",
                    "La convocatoria se envía con agenda al menos 5 días antes.",
                    urgente=True,
                )
            ],
            enlace=Item("Ver la mesa", f"/mesas/{sector}"),
            urgente=True,
            corto=f"la mesa de {nombre} no tiene sesión convocada",
        )
    s = proximas.iloc[0]
    momento = pd.Timestamp(s["fecha_hora"])
    return Bloque(
        clave=f"sesion-{sector}",
        titulo=f"Próxima sesión · mesa de {nombre}",
        resumen=(
            f"Sesión de nivel {s['nivel']} el {momento.strftime('%d/%m/%Y')} a las "
            f"{momento.strftime('%H:%M')}, en {s['lugar']}."
        ),
        items=[
            Item(
                "Abrir la sesión (agenda, asistencia, acuerdos)",
                f"/mesas/{sector}/sesiones/{int(s['id'])}",
                f"{_plural(int(s['puntos_agenda']), 'punto', 'puntos')} de agenda",
            )
        ],
        enlace=Item("Ver la mesa", f"/mesas/{sector}"),
    )


def _bloque_vencidos(vencidos: pd.DataFrame, sector: str, nombre: str) -> Bloque:
    n = len(vencidos)
    return Bloque(
        clave=f"vencidos-{sector}",
        titulo=f"Acuerdos vencidos · mesa de {nombre}",
        resumen=(
            f"{_plural(n, 'acuerdo vencido', 'acuerdos vencidos')} sin cumplir."
            if n
            else "Ningún acuerdo vencido."
        ),
        items=[
            Item(
                texto=str(fila["texto"]),
                href=f"/mesas/{sector}?acuerdo={int(fila['id'])}",
                detalle=(
                    f"{fila['institucion']} · venció el {_fecha(fila['fecha_limite'])}"
                    + (
                        f" (hace {_plural(int(fila['dias_vencido']), 'día', 'días')})"
                        if pd.notna(fila["dias_vencido"])
                        else ""
                    )
                ),
                urgente=True,
            )
            for fila in vencidos.head(MAX_ITEMS).to_dict("records")
        ],
        vacio="Todos los acuerdos están al día.",
        enlace=Item("Ver el tablero de acuerdos", f"/mesas/{sector}"),
        urgente=bool(n),
        corto=_plural(n, "acuerdo vencido", "acuerdos vencidos"),
    )


def _bloque_preparar(
    sesiones: pd.DataFrame, plan_estado: str, anio: int, sector: str, nombre: str
) -> Bloque:
    # Convening the next session is asked by the session block (:func:`_bloque_sesion`).
    items: list[Item] = []
    celebradas = sesiones.loc[
        (sesiones["estado"].astype("str") != "cancelada")
        & ~sesiones["proxima"].astype(bool)
        & sesiones["distribuida_en"].isna()
        & sesiones["dias_distribucion"].notna()
    ]
    for fila in celebradas.head(MAX_ITEMS).to_dict("records"):
        dias = int(fila["dias_distribucion"])
        items.append(
            Item(
                f"Distribuir la ayuda memoria de la sesión del {_fecha(fila['fecha'])}",
                f"/mesas/{sector}/sesiones/{int(fila['id'])}",
                f"{_plural(dias, 'día', 'días')} desde la sesión; el plazo es de "
                f"{DIAS_MAXIMOS_AYUDA_MEMORIA} días",
                urgente=bool(fila["ayuda_memoria_tardia"]),
            )
        )
    if plan_estado in PLAN_PENDIENTE:
        items.append(
            Item(
                PLAN_PENDIENTE[plan_estado].format(anio=anio),
                f"/mesas/{sector}/plan?anio={anio}",
                urgente=plan_estado == "devuelto",
            )
        )
    elif plan_estado == "enviado":
        items.append(
            Item(
                f"El plan de trabajo {anio} espera la aprobación del coordinador político.",
                f"/mesas/{sector}/plan?anio={anio}",
            )
        )
    pendientes = [i for i in items if i.href]
    return Bloque(
        clave=f"preparar-{sector}",
        titulo=f"Qué preparar · mesa de {nombre}",
        resumen=(
            f"{_plural(len(pendientes), 'tarea', 'tareas')} de la mesa."
            if pendientes
            else "La mesa está al día: ayudas memoria distribuidas y plan de trabajo aprobado."
        ),
        items=pendientes[:MAX_ITEMS],
        vacio="Nada que preparar por ahora.",
        enlace=Item("Ver la mesa", f"/mesas/{sector}"),
        urgente=any(i.urgente for i in pendientes),
        corto=_plural(len(pendientes), "tarea por preparar", "tareas por preparar"),
    )


def bloques_mesa(frames: Any, fecha_corte: dt.date, sector: str, nombre: str) -> list[Bloque]:
    """A mesa coordinator's blocks for one mesa: its next session, its overdue acuerdos and
    what to prepare (a convocatoria, ayudas memoria to distribute, the plan de trabajo).

    Args:
        frames: the mesa frames (:class:`data_layer.mesas.frames.FramesMesas`).
        fecha_corte: today.
        sector: the mesa's sector code.
        nombre: the sector's name.
    """
    sesiones = sesiones_mesa(frames, fecha_corte, sector)
    vencidos = tablero_acuerdos(frames, fecha_corte, sector, "vencido")
    plan = plan_mesa(frames, fecha_corte, sector)
    return [
        _bloque_sesion(sesiones, sector, nombre),
        _bloque_vencidos(vencidos, sector, nombre),
        _bloque_preparar(sesiones, plan.estado, plan.anio, sector, nombre),
    ]


# --- planning units (UPGRET) ----------------------------------------------------------------


def bloques_institucion(
    reportes: MisReportes | None, acuerdos: MisAcuerdos | None, hoy: dt.date
) -> list[Bloque]:
    """A UPGRET's blocks: its reports (due soon, returned, late, closed without a report) and
    its acuerdos.

    Args:
        reportes: «Mis reportes» of the user (None: the user reports nothing).
        acuerdos: «Mis acuerdos» of the user (None: not a UPGRET).
        hoy: today.
    """
    bloques: list[Bloque] = []
    if reportes is not None:
        c = reportes.conteos
        tardios, devueltos = c.get("tardios", 0), c.get("devueltos", 0)
        cerrados = c.get("cerrados", 0)
        por_vencer = c.get("por_reportar", 0) - tardios
        sin_reporte = (
            f" {_plural(cerrados, 'periodo cerró', 'periodos cerraron')} sin reporte: para "
            "reportarlos, pida a la DIGER una reapertura."
            if cerrados
            else ""
        )
        accion = [f for f in reportes.filas if f["estado"] in EDITABLES]
        proximo = (
            f" Próximo vencimiento: {reportes.proximo_texto}."
            if reportes.proximo_vencimiento
            else ""
        )
        bloques.append(
            Bloque(
                clave="reportes",
                titulo="Sus reportes · " + ", ".join(reportes.instituciones),
                resumen=(
                    f"{_plural(por_vencer, 'reporte por vencer', 'reportes por vencer')}, "
                    f"{_plural(devueltos, 'devuelto', 'devueltos')} por la DIGER, "
                    f"{_plural(tardios, 'atrasado', 'atrasados')}.{proximo}{sin_reporte}"
                ),
                items=[
                    Item(
                        texto=f"{f['indicador']} · {f['nombre']}",
                        href="/reportes",
                        detalle=" · ".join(
                            p for p in (f["periodo"], f["estado_texto"], f["plazo"]) if p
                        ),
                        urgente=bool(f["atencion"]),
                    )
                    for f in accion[:MAX_ITEMS]
                ],
                vacio="No hay reportes pendientes: todo está enviado.",
                enlace=Item("Ir a Mis reportes", "/reportes"),
                urgente=bool(tardios or devueltos or cerrados),
                corto=_enumerar(
                    [
                        _plural(n, singular, plural)
                        for n, singular, plural in (
                            (devueltos, "reporte devuelto", "reportes devueltos"),
                            (tardios, "reporte atrasado", "reportes atrasados"),
                            (
                                cerrados,
                                "periodo cerrado sin reporte",
                                "periodos cerrados sin reporte",
                            ),
                        )
                        if n
                    ]
                ),
                items_titulo="Por enviar o corregir, lo más urgente primero",
            )
        )
    if acuerdos is not None:
        abiertos = [a for a in acuerdos.acuerdos if a.abierto]
        abiertos.sort(key=lambda a: (a.estado != "vencido", a.fecha_limite, a.id))
        bloques.append(
            Bloque(
                clave="acuerdos",
                titulo="Sus acuerdos de las mesas",
                resumen=(
                    f"{_plural(acuerdos.abiertos, 'acuerdo', 'acuerdos')} por cumplir, "
                    f"{_plural(acuerdos.vencidos, 'vencido', 'vencidos')}."
                ),
                items=[
                    Item(
                        texto=a.texto,
                        href="/mis-acuerdos",
                        detalle=(
                            f"{a.mesa} · {a.institucion} · "
                            f"{'venció' if a.fecha_limite < hoy else 'vence'} el "
                            f"{_fecha(a.fecha_limite)}"
                        ),
                        urgente=a.estado == "vencido",
                    )
                    for a in abiertos[:MAX_ITEMS]
                ],
                vacio="Ningún acuerdo por cumplir.",
                enlace=Item("Ir a Mis acuerdos", "/mis-acuerdos"),
                urgente=bool(acuerdos.vencidos),
                corto=_plural(acuerdos.vencidos, "acuerdo vencido", "acuerdos vencidos"),
            )
        )
    return bloques


# --- DIGER analysts -------------------------------------------------------------------------


def _item_cola(e: EntradaCola) -> Item:
    banderas = ", ".join(BANDERAS[b] for b in e.banderas)
    return Item(
        texto=f"{e.indicador} · {e.institucion} · {e.periodo}",
        href="/validacion",
        detalle=" · ".join(
            p
            for p in (
                "solicitud de corrección" if e.correccion else "",
                f"enviado el {_fecha(e.recibido_en)}",
                banderas,
            )
            if p
        ),
        urgente=bool(e.banderas),
    )


def bloques_analista(cola: Sequence[EntradaCola], calidad: VistaCalidad) -> list[Bloque]:
    """An analyst's work queue: values waiting for validation (oldest first), suspicious values
    (atípicos, large changes) and the institutions with the worst reporting rates.

    Args:
        cola: the review queue (:func:`data_layer.reportes.cola.consultar_cola`).
        calidad: the data-quality view of the latest quarter with expected reports
            (:func:`data_layer.vistas.calidad.vista_calidad`).
    """
    esperan = sorted(cola, key=lambda e: (e.recibido_en or dt.datetime.min, e.version_id))
    atipicos = [e for e in esperan if any(b in BANDERAS_ATIPICAS for b in e.banderas)]
    n = len(esperan)
    antiguo = f" El más antiguo se envió el {_fecha(esperan[0].recibido_en)}." if esperan else ""
    validacion = Bloque(
        clave="validacion",
        titulo="Validaciones en espera",
        resumen=(
            f"{_plural(n, 'valor espera', 'valores esperan')} su revisión.{antiguo}"
            if n
            else "No hay valores por validar."
        ),
        items=[_item_cola(e) for e in esperan[:MAX_ITEMS]],
        vacio="La cola de validación está vacía.",
        enlace=Item("Ir a Validación", "/validacion"),
        urgente=bool(n),
        corto=_plural(n, "valor por validar", "valores por validar"),
        items_titulo="Los más antiguos primero",
    )
    peores = calidad.instituciones.head(3)
    items_calidad = [_item_cola(e) for e in atipicos[:MAX_ITEMS]]
    items_calidad += [
        Item(
            texto=f"{fila['institucion']} · {fila['nombre']}",
            href=f"/calidad?periodo={calidad.periodo}" if calidad.periodo else "/calidad",
            detalle=(
                f"completitud {format_porcentaje(fila['completitud'])}, puntualidad "
                f"{format_porcentaje(fila['puntualidad'])}, "
                f"{_plural(int(fila['con_explicacion']), 'reporte', 'reportes')} con valor "
                "explicado (atípico, sobre 120 % o en rojo)"
            ),
            urgente=bool(fila["completitud"] < 100),
        )
        for fila in peores.to_dict("records")
    ]
    total = calidad.total
    calidad_bloque = Bloque(
        clave="calidad",
        titulo="Atípicos y calidad de datos",
        resumen=(
            f"{_plural(len(atipicos), 'valor atípico', 'valores atípicos')} en la cola. "
            + (
                f"{calidad.periodo}: completitud {format_porcentaje(total.get('completitud'))}, "
                f"puntualidad {format_porcentaje(total.get('puntualidad'))}."
                if calidad.periodo
                else "Aún no hay reportes esperados."
            )
        ),
        items=items_calidad,
        vacio="Sin atípicos ni reportes esperados.",
        enlace=Item("Ir a Calidad de datos", "/calidad"),
        urgente=bool(atipicos),
        corto=_plural(len(atipicos), "valor atípico", "valores atípicos"),
        items_titulo="Atípicos en la cola, e instituciones con menor completitud",
    )
    return [validacion, calidad_bloque]


# --- administrators -------------------------------------------------------------------------


def bloque_admin(
    importar: bool, auditoria: bool, validar: bool, usuarios: bool = False, correo: bool = False
) -> Bloque:
    """The administrator's tools, each a link (only those the user may use)."""
    items = []
    if usuarios:
        items.append(Item("Usuarios", "/usuarios", "Crear, deshabilitar y restablecer claves"))
    if correo:
        items.append(Item("Correo", "/correo", "Mensajes en cola, enviados y fallidos"))
    if importar:
        items.append(Item("Importar la MCR", "/importar", "Cargar o actualizar la matriz"))
    if auditoria:
        items.append(Item("Registro de auditoría", "/auditoria", "Quién hizo qué y cuándo"))
    if validar:
        items.append(Item("Validación de reportes", "/validacion", "Valores enviados"))
    items.append(Item("Mesas sectoriales", "/mesas", "Crear mesas y designar coordinadores"))
    return Bloque(
        clave="admin",
        titulo="Administración",
        resumen="Herramientas de soporte técnico del sistema.",
        items=items,
    )


# --- the headline ---------------------------------------------------------------------------


def _enumerar(partes: Sequence[str]) -> str:
    if len(partes) <= 1:
        return "".join(partes)
    return ", ".join(partes[:-1]) + " y " + partes[-1]


def titular(bloques: Sequence[Bloque]) -> str:
    """The home's first sentence: what needs attention, in a few words per urgent block
    («Requiere su atención: 1 meta en rojo en Salud, 7 alertas altas y 5 decisiones
    pendientes.»), or that everything is in order."""
    partes = [b.corto for b in bloques if b.urgente and b.corto]
    if not partes:
        return "Todo en orden: nada vencido ni en rojo en su ámbito."
    return f"Requiere su atención: {_enumerar(partes)}."


def ruta_alertas(sectores: Collection[str] | None, *, severidad: str | None = None) -> str:
    """The alert centre's link for a user's scope: one sector → ``/alertas?sector=…``; no
    sector or several → every alert the user sees (the centre filters one sector at a time)."""
    partes = []
    if sectores is not None and len(sectores) == 1:
        partes.append(f"sector={next(iter(sectores))}")
    if severidad:
        partes.append(f"severidad={severidad}")
    return "/alertas" + (f"?{'&'.join(partes)}" if partes else "")
