"""Sesión de una mesa (``/mesas/<sector>/sesiones/<id>``): its minutes and its acuerdos.

Shows the session (level, date and time, place, convocatoria and whether it was late), its agenda
(open acuerdos of earlier sessions are carried in by the service), and its acuerdos with their
status today. To the mesa's coordinators, analistas and admin it offers:

- while the session is only convocada: rescheduling it or cancelling it, each with its reason;
- the ayuda memoria: attendance from the accredited members, development notes, acuerdos (text,
  responsible institution and person, due date, linked goals and indicators), correcting or
  deleting an acuerdo of the draft, and "Distribuir"; once distributed it is final and frozen
  (form disabled; its PDF prints it as distributed) and "Registrar corrección" creates a new
  record;
- acuerdo status changes, each with a required note.

Every write goes through a service of :mod:`data_layer.mesas.servicio` as the logged-in user,
and the service checks the permission against the mesa the record belongs to in the database (a
forged callback gets the same refusal); the page asks :mod:`data_layer.permisos` only to decide
what to show. Each form writes once per render (a double click records nothing twice), is
cleared after a save and keeps what was typed after a refusal; two people saving the same draft
or changing the same acuerdo are told, never silently overwritten (see
:mod:`dashboard.components.sesion_escritura`). Cards: :mod:`dashboard.components.sesion`; form
blocks: :mod:`dashboard.components.sesion_bloques`; writes: :mod:`.sesion_acta` and
:mod:`.sesion_acuerdos` of ``dashboard.components``.
URL: ``/mesas/SAL/sesiones/12``.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, dcc, html

from dashboard.components import formularios as fm
from dashboard.components import sesion as ui
from dashboard.components import sesion_acta, sesion_acuerdos
from dashboard.components import sesion_bloques as bloques
from dashboard.components.atributos import aria
from dashboard.components.sesion_escritura import sesion_de
from data_layer import formato, permisos
from data_layer.mesas import registros, servicio

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
            dcc.Store(id=f"{P}-acta-recarga", data=0),
            dcc.Store(id=f"{P}-acta-version"),
            dcc.Store(id=f"{P}-estados-vistos", data={}),
            dcc.Store(id=f"{P}-citacion"),
            *bloques.tokens(),
            html.Nav(
                html.Ol(ui.migas_sesion(sector), id=f"{P}-migas", className="breadcrumb migas"),
                **aria(label="Ruta de navegación"),
            ),
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
                    bloques.bloque_sesion(),
                    bloques.bloque_acta(),
                    bloques.bloque_acuerdo(),
                    bloques.bloque_editar(),
                    bloques.bloque_distribuir(),
                    bloques.bloque_correccion(),
                    bloques.bloque_estado(),
                ],
            ),
        ]
    )


# --- reading ----------------------------------------------------------------------------------


SALIDAS = {
    "migas": Output(f"{P}-migas", "children"),
    "info": Output(f"{P}-info", "children"),
    "descargas": Output(f"{P}-descargas", "children"),
    "agenda": Output(f"{P}-agenda", "children"),
    "acuerdos": Output(f"{P}-acuerdos", "children"),
    "permiso": Output(f"{P}-permiso", "children"),
    "oculto": Output(f"{P}-escritura", "hidden"),
    "bloque_sesion": Output(f"{P}-bloque-sesion", "hidden"),
    "bloque_acuerdo": Output(f"{P}-bloque-acuerdo", "hidden"),
    "bloque_editar": Output(f"{P}-bloque-editar", "hidden"),
    "instituciones": Output(f"{P}-acuerdo-institucion", "options"),
    "metas": Output(f"{P}-acuerdo-metas", "options"),
    "indicadores": Output(f"{P}-acuerdo-indicadores", "options"),
    "editar_acuerdos": Output(f"{P}-editar-acuerdo", "options"),
    "editar_instituciones": Output(f"{P}-editar-institucion", "options"),
    "editar_metas": Output(f"{P}-editar-metas", "options"),
    "editar_indicadores": Output(f"{P}-editar-indicadores", "options"),
    "bloque_distribuir": Output(f"{P}-bloque-distribuir", "hidden"),
    "bloque_correccion": Output(f"{P}-bloque-correccion", "hidden"),
    "estado_acuerdos": Output(f"{P}-estado-acuerdo", "options"),
    "vistos": Output(f"{P}-estados-vistos", "data"),
    "citacion": Output(f"{P}-citacion", "data"),
}


def _vacio(mensaje: str) -> dict[str, Any]:
    salida: dict[str, Any] = dict.fromkeys(SALIDAS, None)
    salida.update(
        migas=dash.no_update,  # the layout's crumbs (Mesas › sector) stay
        info=fm.alerta(mensaje) if mensaje else None,
        oculto=True,
        bloque_sesion=True,
        bloque_acuerdo=True,
        bloque_editar=True,
        bloque_distribuir=True,
        bloque_correccion=True,
        vistos={},
        **dict.fromkeys(
            [
                "instituciones",
                "metas",
                "indicadores",
                "editar_acuerdos",
                "editar_instituciones",
                "editar_metas",
                "editar_indicadores",
                "estado_acuerdos",
            ],
            [],
        ),
    )
    return salida


@dash.callback(
    output=SALIDAS,
    inputs={"params": Input(f"{P}-params", "data"), "_v": Input(f"{P}-version", "data")},
)
def mostrar(params: dict[str, Any] | None, _v: int | None) -> dict[str, Any]:
    """Fill the page: session, agenda, acuerdos, and which forms the session's state allows."""
    from dashboard import data

    sector = str((params or {}).get("sector") or "")
    if not permisos.puede_ver_mesa(data.alcance_actual(), sector):
        return _vacio("No tiene acceso a esta mesa.")
    hoy = data.hoy_honduras()
    with data.sesion_lectura() as s:
        sesion = sesion_de(s, params)
        if sesion is None:
            return _vacio("No existe esa sesión en esta mesa.")
        ayuda = registros.ayuda_vigente(s, sesion.id)
        propios, previos = registros.acuerdos_de_sesion(s, sesion)
        salida = _vacio("")
        salida.update(
            migas=ui.migas_sesion(
                sector, sesion.mesa.sector.nombre, registros.numero_sesion(s, sesion)
            ),
            info=ui.info_sesion(sesion),
            descargas=ui.enlaces_documentos(sesion, ayuda),
            agenda=html.Ol([html.Li(p.titulo) for p in sesion.agenda]),
            acuerdos=ui.tabla_acuerdos(propios, previos, hoy),
        )
        if not fm.puede_escribir(sector):
            salida["permiso"] = fm.alerta(fm.SIN_PERMISO, "warning")
            return salida

        borrador = ayuda is not None and ayuda.distribuida_en is None
        # Only the acuerdos of the draft minutes can still be corrected or deleted.
        editables = [
            a for a in propios if ayuda is not None and borrador and a.ayuda_memoria_id == ayuda.id
        ]
        salida.update(
            oculto=False,
            bloque_sesion=not ui.convocada(sesion),
            bloque_acuerdo=not borrador,
            bloque_editar=not editables,
            editar_acuerdos=ui.opciones_acuerdos(editables),
            bloque_distribuir=not borrador,
            bloque_correccion=ayuda is None or borrador,
            estado_acuerdos=ui.opciones_acuerdos([*propios, *previos]),
            vistos={str(a.id): a.estado.value for a in [*propios, *previos]},
            citacion=servicio.citacion(sesion),
            **ui.opciones_formularios_acuerdo(s, sector),
        )
    return salida


ACTA = {
    "estado": Output(f"{P}-acta-estado", "children"),
    "elaborada": Output(f"{P}-elaborada", "value"),
    "elaborada_off": Output(f"{P}-elaborada", "disabled"),
    "asistencia_opciones": Output(f"{P}-asistencia", "options"),
    "asistencia": Output(f"{P}-asistencia", "value"),
    "desarrollo": Output(f"{P}-desarrollo", "value"),
    "desarrollo_off": Output(f"{P}-desarrollo", "disabled"),
    "guardar": Output(f"{P}-guardar", "children"),
    "guardar_off": Output(f"{P}-guardar", "disabled"),
    "version": Output(f"{P}-acta-version", "data"),
    "suyo": Output(f"{P}-acta-suyo", "children"),
    "correccion_desarrollo": Output(f"{P}-correccion-desarrollo", "value"),
}


@dash.callback(
    output=ACTA,
    inputs={"params": Input(f"{P}-params", "data"), "_r": Input(f"{P}-acta-recarga", "data")},
)
def llenar_acta(params: dict[str, Any] | None, _r: int | None) -> dict[str, Any]:
    """Load the minutes' form as saved: when the page opens and after the minutes change (not
    after other writes, so a paragraph being typed is not replaced)."""
    from dashboard import data

    vacio: dict[str, Any] = {
        **dict.fromkeys(ACTA),
        "elaborada_off": True,
        "asistencia_opciones": [],
        "asistencia": [],
        "desarrollo_off": True,
        "guardar": "Registrar ayuda memoria",
        "guardar_off": True,
    }
    sector = str((params or {}).get("sector") or "")
    if not fm.puede_escribir(sector):
        return vacio
    with data.sesion_lectura() as s:
        sesion = sesion_de(s, params)
        if sesion is None:
            return vacio
        ayuda = registros.ayuda_vigente(s, sesion.id)
        final = ayuda is not None and ayuda.distribuida_en is not None
        return {
            "estado": ui.estado_acta(ayuda, final),
            "elaborada": formato.format_fecha_entrada(
                ayuda.elaborada_en if ayuda else sesion.fecha_hora.date()
            ),
            "elaborada_off": ayuda is not None,
            "asistencia_opciones": ui.opciones_asistencia(
                registros.miembros_elegibles(s, sesion), final
            ),
            "asistencia": sorted(a.miembro_id for a in ayuda.asistencia if a.presente)
            if ayuda
            else [],
            "desarrollo": ayuda.desarrollo if ayuda else "",
            "desarrollo_off": final,
            "guardar": "Guardar cambios" if ayuda else "Registrar ayuda memoria",
            "guardar_off": final or ui.cancelada(sesion),
            "version": ayuda.version if ayuda else None,
            "suyo": None,
            "correccion_desarrollo": ayuda.desarrollo if ayuda else "",
        }


# --- writing (registered here so that every app the factory builds gets them) ---------------

sesion_acta.registrar()
sesion_acuerdos.registrar()
