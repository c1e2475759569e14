"""Sesión de una mesa (``/mesas/<sector>/sesiones/<id>``): its minutes and its acuerdos.

Shows the session (level, date and time, place, convocatoria and whether it was late), its agenda
(open acuerdos of earlier sessions are carried in by the service), and its acuerdos with their
status today. To the mesa's coordinators, analistas and admin it offers:

- the ayuda memoria: attendance from the accredited members, development notes, acuerdos (text,
  responsible institution and person, due date, linked goals and indicators) and "Distribuir";
  once distributed it is final (form disabled) and "Registrar corrección" creates a new record;
- acuerdo status changes, each with a required note.

Every write goes through a service of :mod:`data_layer.mesas.servicio` as the logged-in user, and
the service checks the permission against the mesa the record belongs to in the database (a
forged callback gets the same refusal); the page asks :mod:`data_layer.permisos` only to decide
what to show. The form blocks and cards are built in :mod:`dashboard.components.sesion`.
URL: ``/mesas/SAL/sesiones/12``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html
from sqlalchemy.orm import Session

from dashboard.components import formularios as fm
from dashboard.components import sesion as ui
from data_layer import documentos as doc
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import registros, reglas, servicio
from data_layer.mesas.models import Acuerdo, AyudaMemoria, SesionMesa

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/sesiones/<sesion_id>",
    name="Sesión de mesa",
    title="Sesión de mesa | SIGPRET",
    # Before /mesas/<sector> (order 21): Dash matches templates in order and "<sector>" would
    # also match "SAL/convocar".
    order=19,
    description="Ayuda memoria y acuerdos de una sesión de mesa sectorial.",
)

P = ui.P


def layout(sector: str | None = None, sesion_id: str | None = None, **_kwargs: Any) -> html.Div:
    """The page skeleton (no data): every form field exists; a callback fills and enables them.

    Args:
        sector: the mesa's sector code, from the path.
        sesion_id: the session's id, from the path.
    """
    return html.Div(
        [
            dcc.Store(id=f"{P}-params", data={"sector": sector, "sesion_id": sesion_id}),
            dcc.Store(id=f"{P}-version", data=0),
            html.H1("Sesión de la mesa", className="h3"),
            html.Div(id=f"{P}-info"),
            html.Div(id=f"{P}-descargas", className="mb-3"),
            html.H2("Agenda", className="h5"),
            html.Div(id=f"{P}-agenda"),
            html.H2("Acuerdos", className="h5 mt-4"),
            html.Div(id=f"{P}-acuerdos"),
            html.Div(id=f"{P}-permiso"),
            html.Div(id=f"{P}-alerta", role="status"),
            html.Div(
                id=f"{P}-escritura",
                hidden=True,
                children=[
                    ui.bloque_acta(),
                    ui.bloque_acuerdo(),
                    ui.bloque_distribuir(),
                    ui.bloque_correccion(),
                    ui.bloque_estado(),
                ],
            ),
        ]
    )


# --- reading ----------------------------------------------------------------------------------


def _sesion(s: Session, params: dict[str, Any] | None) -> SesionMesa | None:
    """The session of the URL, if it exists and belongs to the URL's mesa."""
    params = params if isinstance(params, dict) else {}
    return registros.sesion_de_mesa(s, params.get("sector"), params.get("sesion_id"))


def _opciones_acuerdo(s: Session, sector: str) -> dict[str, list[dict[str, Any]]]:
    """Options of the new-acuerdo form: every institution, the sector's goals and indicators."""
    siglas, metas, indicadores = registros.codigos_para_acuerdo(s, sector)
    return {
        "instituciones": fm.opciones([(c, c) for c in siglas]),
        "metas": fm.opciones([(c, c) for c in metas]),
        "indicadores": fm.opciones([(c, c) for c in indicadores]),
    }


SALIDAS = {
    "info": Output(f"{P}-info", "children"),
    "descargas": Output(f"{P}-descargas", "children"),
    "agenda": Output(f"{P}-agenda", "children"),
    "acuerdos": Output(f"{P}-acuerdos", "children"),
    "permiso": Output(f"{P}-permiso", "children"),
    "oculto": Output(f"{P}-escritura", "hidden"),
    "acta_estado": Output(f"{P}-acta-estado", "children"),
    "elaborada": Output(f"{P}-elaborada", "value"),
    "elaborada_off": Output(f"{P}-elaborada", "disabled"),
    "asistencia_opciones": Output(f"{P}-asistencia", "options"),
    "asistencia": Output(f"{P}-asistencia", "value"),
    "desarrollo": Output(f"{P}-desarrollo", "value"),
    "desarrollo_off": Output(f"{P}-desarrollo", "disabled"),
    "guardar": Output(f"{P}-guardar", "children"),
    "guardar_off": Output(f"{P}-guardar", "disabled"),
    "bloque_acuerdo": Output(f"{P}-bloque-acuerdo", "hidden"),
    "instituciones": Output(f"{P}-acuerdo-institucion", "options"),
    "metas": Output(f"{P}-acuerdo-metas", "options"),
    "indicadores": Output(f"{P}-acuerdo-indicadores", "options"),
    "bloque_distribuir": Output(f"{P}-bloque-distribuir", "hidden"),
    "bloque_correccion": Output(f"{P}-bloque-correccion", "hidden"),
    "correccion_desarrollo": Output(f"{P}-correccion-desarrollo", "value"),
    "estado_acuerdos": Output(f"{P}-estado-acuerdo", "options"),
}


def _vacio(mensaje: str) -> dict[str, Any]:
    salida: dict[str, Any] = dict.fromkeys(SALIDAS, None)
    salida.update(
        info=fm.alerta(mensaje),
        oculto=True,
        elaborada_off=True,
        asistencia_opciones=[],
        asistencia=[],
        desarrollo_off=True,
        guardar="Registrar ayuda memoria",
        guardar_off=True,
        bloque_acuerdo=True,
        instituciones=[],
        metas=[],
        indicadores=[],
        bloque_distribuir=True,
        bloque_correccion=True,
        estado_acuerdos=[],
    )
    return salida


@callback(
    output=SALIDAS,
    inputs={"params": Input(f"{P}-params", "data"), "_v": Input(f"{P}-version", "data")},
)
def mostrar(params: dict[str, Any] | None, _v: int | None) -> dict[str, Any]:
    """Fill the page: session, agenda, acuerdos, and the forms in the state the minutes allow."""
    from dashboard import data
    from data_layer.db import session_factory

    sector = str((params or {}).get("sector") or "")
    if not permisos.puede_ver_mesa(data.alcance_actual(), sector):
        return _vacio("No tiene acceso a esta mesa.")
    hoy = data.hoy_honduras()
    with session_factory(data.datos().engine)() as s:
        sesion = _sesion(s, params)
        if sesion is None:
            return _vacio("No existe esa sesión en esta mesa.")
        ayuda = registros.ayuda_vigente(s, sesion.id)
        propios, previos = registros.acuerdos_de_sesion(s, sesion)
        salida = _vacio("")
        salida.update(
            info=ui.info_sesion(sesion),
            descargas=ui.enlaces_documentos(sesion, ayuda),
            agenda=html.Ol([html.Li(p.titulo) for p in sesion.agenda]),
            acuerdos=ui.tabla_acuerdos(propios, previos, hoy),
        )
        if not fm.puede_escribir(sector):
            salida["permiso"] = fm.alerta(fm.SIN_PERMISO, "warning")
            return salida

        final = ayuda is not None and ayuda.distribuida_en is not None
        presentes = sorted(a.miembro_id for a in ayuda.asistencia if a.presente) if ayuda else []
        salida.update(
            oculto=False,
            acta_estado=ui.estado_acta(ayuda, final),
            elaborada=(ayuda.elaborada_en if ayuda else sesion.fecha_hora.date()).isoformat(),
            elaborada_off=ayuda is not None,
            asistencia_opciones=ui.opciones_asistencia(
                registros.miembros_elegibles(s, sesion), final
            ),
            asistencia=presentes,
            desarrollo=ayuda.desarrollo if ayuda else "",
            desarrollo_off=final,
            guardar="Guardar cambios" if ayuda else "Registrar ayuda memoria",
            guardar_off=final,
            bloque_acuerdo=ayuda is None or final,
            bloque_distribuir=ayuda is None or final,
            bloque_correccion=not final,
            correccion_desarrollo=ayuda.desarrollo if ayuda else "",
            estado_acuerdos=fm.opciones(
                [(a.id, f"{a.id}: {a.texto[:80]}") for a in [*propios, *previos]]
            ),
            **_opciones_acuerdo(s, sector),
        )
    return salida


# --- writing ----------------------------------------------------------------------------------


def _al_pulsar(boton: str, *campos: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The callback of a write button: a message and, if something was written, a new version.

    The decorated function receives the clicks, the URL's params, the ``value`` of each field
    of ``campos`` (ids without the page prefix), in that order, and the current version.
    """
    return callback(
        Output(f"{P}-alerta", "children", allow_duplicate=True),
        Output(f"{P}-version", "data", allow_duplicate=True),
        Input(f"{P}-{boton}", "n_clicks"),
        State(f"{P}-params", "data"),
        *(State(f"{P}-{campo}", "value") for campo in campos),
        State(f"{P}-version", "data"),
        prevent_initial_call=True,
    )


def _escribir(accion: Callable[[Session, Alcance], str], version: int | None) -> tuple[Any, int]:
    """Run a write as the logged-in user (:func:`fm.escribir`); the version moves only when it
    wrote."""
    mensaje, ok = fm.escribir(accion)
    return mensaje, (version or 0) + (1 if ok else 0)


def _sesion_existente(s: Session, params: dict[str, Any] | None) -> SesionMesa:
    """The URL's session (read from the database, never trusted from the browser).

    Raises:
        servicio.ErrorMesa: it does not exist, or not in the URL's mesa.
    """
    sesion = _sesion(s, params)
    if sesion is None:
        raise servicio.ErrorMesa(fm.NO_EXISTE)
    return sesion


def _acta(
    s: Session, params: dict[str, Any] | None, si_falta: str
) -> tuple[SesionMesa, AyudaMemoria]:
    """The URL's session and its current minutes.

    Raises:
        servicio.ErrorMesa: the session does not exist; ``si_falta``, when it has no minutes yet.
    """
    sesion = _sesion_existente(s, params)
    ayuda = registros.ayuda_vigente(s, sesion.id)
    if ayuda is None:
        raise servicio.ErrorMesa(si_falta)
    return sesion, ayuda


@_al_pulsar("guardar", "elaborada", "asistencia", "desarrollo")
def guardar_ayuda(
    _n: int | None,
    params: dict[str, Any] | None,
    elaborada: str | None,
    asistencia: list[int] | None,
    desarrollo: str | None,
    version: int | None,
) -> tuple[Any, int]:
    """Record the minutes (first time) or edit the draft; refused once distributed."""

    def accion(s: Session, actor: Alcance) -> str:
        sesion = _sesion_existente(s, params)
        ayuda = registros.ayuda_vigente(s, sesion.id)
        presentes = [int(i) for i in asistencia or []]
        if ayuda is None:
            nueva = servicio.registrar_ayuda_memoria(
                s,
                sesion.id,
                elaborada_en=fm.leer_fecha(elaborada, "fecha de elaboración"),
                desarrollo=desarrollo or "",
                presentes=presentes,
                actor=actor,
            )
            return f"Ayuda memoria registrada: acta N.º {nueva.numero}."
        servicio.editar_ayuda_memoria(
            s, ayuda.id, desarrollo=desarrollo or "", presentes=presentes, actor=actor
        )
        return f"Cambios guardados en el acta N.º {ayuda.numero}."

    return _escribir(accion, version)


@_al_pulsar(
    "agregar-acuerdo",
    "acuerdo-texto",
    "acuerdo-institucion",
    "acuerdo-persona",
    "acuerdo-limite",
    "acuerdo-metas",
    "acuerdo-indicadores",
    "acuerdo-resultado",
)
def agregar_acuerdo(
    _n: int | None,
    params: dict[str, Any] | None,
    texto: str | None,
    institucion: str | None,
    persona: str | None,
    limite: str | None,
    metas: list[str] | None,
    indicadores: list[str] | None,
    resultado: str | None,
    version: int | None,
) -> tuple[Any, int]:
    """Add an acuerdo to the draft minutes (refused once distributed)."""

    def accion(s: Session, actor: Alcance) -> str:
        _, ayuda = _acta(s, params, "Registre primero la ayuda memoria de la sesión.")
        acuerdo = servicio.registrar_acuerdo(
            s,
            ayuda.id,
            texto=texto or "",
            institucion=institucion or "",
            persona_responsable=persona or "",
            fecha_limite=fm.leer_fecha(limite, "fecha límite"),
            metas=metas or [],
            indicadores=indicadores or [],
            resultado=resultado,
            actor=actor,
        )
        return f"Acuerdo registrado (N.º {acuerdo.id}), vence el {doc.fecha(acuerdo.fecha_limite)}."

    return _escribir(accion, version)


@_al_pulsar("distribuir", "distribuida")
def distribuir(
    _n: int | None, params: dict[str, Any] | None, fecha: str | None, version: int | None
) -> tuple[Any, int]:
    """Record the distribution of the minutes; from then on they are final."""

    def accion(s: Session, actor: Alcance) -> str:
        sesion, ayuda = _acta(s, params, "La sesión aún no tiene ayuda memoria que distribuir.")
        hecha = servicio.distribuir_ayuda_memoria(
            s,
            ayuda.id,
            distribuida_en=fm.leer_fecha(fecha, "fecha de distribución"),
            actor=actor,
        )
        dias = (hecha.distribuida_en - sesion.fecha_hora.date()).days  # type: ignore[operator]
        tarde = (
            f" Se distribuyó {dias} días después de la sesión: queda señalada como tardía."
            if reglas.es_distribucion_tardia(dias)
            else ""
        )
        return f"Acta N.º {hecha.numero} distribuida: ya es definitiva.{tarde}"

    return _escribir(accion, version)


@_al_pulsar("corregir", "correccion-motivo", "correccion-fecha", "correccion-desarrollo")
def corregir(
    _n: int | None,
    params: dict[str, Any] | None,
    motivo: str | None,
    fecha: str | None,
    desarrollo: str | None,
    version: int | None,
) -> tuple[Any, int]:
    """Record a correction of distributed minutes: a new acta referencing them."""

    def accion(s: Session, actor: Alcance) -> str:
        _, ayuda = _acta(s, params, "La sesión aún no tiene ayuda memoria.")
        nueva = servicio.corregir_ayuda_memoria(
            s,
            ayuda.id,
            motivo=motivo or "",
            elaborada_en=fm.leer_fecha(fecha, "fecha de la corrección"),
            desarrollo=desarrollo,
            actor=actor,
        )
        return (
            f"Corrección registrada: acta N.º {nueva.numero}, que corrige el acta {ayuda.numero}."
        )

    return _escribir(accion, version)


@_al_pulsar(
    "cambiar-estado",
    "estado-acuerdo",
    "estado-nuevo",
    "estado-fecha",
    "estado-nota",
    "estado-resultado",
)
def cambiar_estado(
    _n: int | None,
    params: dict[str, Any] | None,
    acuerdo_id: int | None,
    estado: str | None,
    fecha: str | None,
    nota: str | None,
    resultado: str | None,
    version: int | None,
) -> tuple[Any, int]:
    """Change an acuerdo's status with its note; the permission is that of the acuerdo's mesa."""

    def accion(s: Session, actor: Alcance) -> str:
        sesion = _sesion_existente(s, params)
        try:
            acuerdo = s.get(Acuerdo, int(str(acuerdo_id)))
        except ValueError:  # a forged, non-numeric id
            acuerdo = None
        if acuerdo is None or acuerdo.mesa_id != sesion.mesa_id:
            raise servicio.ErrorMesa(fm.NO_EXISTE)
        servicio.cambiar_estado_acuerdo(
            s,
            acuerdo.id,
            estado or "",
            nota=nota,
            fecha=fm.leer_fecha(fecha, "fecha del seguimiento"),
            sesion_id=sesion.id if acuerdo.sesion_id != sesion.id else None,
            resultado=resultado,
            actor=actor,
        )
        return (
            f"Acuerdo N.º {acuerdo.id}: estado cambiado a "
            f"«{doc.ESTADOS_ACUERDO.get(acuerdo.estado.value, acuerdo.estado.value)}»."
        )

    if acuerdo_id is None:
        return fm.alerta("Seleccione el acuerdo."), version or 0
    return _escribir(accion, version)
