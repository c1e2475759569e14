"""Plan de trabajo (``/mesas/<sector>/plan``): one mesa's plan of a year, and its approval.

Shows the plan's state and its history (sent, returned with a note, approved: who and when), the
activities with their responsible institution and person, dates, status and progress notes.
Who writes in the mesa (its coordinators, assigned analysts, admin) creates the year's plan, adds
activities and notes, and sends it «al coordinador político»; the mesa's designated political
coordinator sees «Aprobar» and «Devolver con nota» while it waits for them. The services decide
who may do what (:mod:`data_layer.permisos`): a forged callback is refused like a click.

URL: ``/mesas/SAL/plan?anio=2027`` (``anio``: default the current year in Honduras).
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard.components import formularios as fm
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import propuestas, registros, servicio
from data_layer.mesas.contenido import nombre_mesa
from data_layer.mesas.servicio.plan import SIN_POLITICO, politico_de
from data_layer.periods import hoy_honduras
from data_layer.vistas.mesas import ESTADOS_PLAN

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/plan",
    name="Plan de trabajo",
    title="Plan de trabajo | SIGPRET",
    order=19,  # before /mesas/<sector> (see mesa_acreditar)
    description="Plan de trabajo de una mesa sectorial y su aprobación.",
)

P = "mesa-plan"
ESTADOS_ACTIVIDAD = {
    "pendiente": "Pendiente",
    "en_proceso": "En proceso",
    "completada": "Completada",
    "cancelada": "Cancelada",
}
ACCIONES = {"enviado": "Enviado", "aprobado": "Aprobado", "devuelto": "Devuelto"}
COLORES = {"aprobado": "success", "enviado": "info", "devuelto": "warning", "borrador": "secondary"}


def _anio(valor: Any) -> int:
    try:
        anio = int(str(valor))
    except (TypeError, ValueError):
        return hoy_honduras().year
    return anio if 2000 <= anio <= 2100 else hoy_honduras().year


def layout(sector: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton; the plan arrives through a callback.

    Args:
        sector: the mesa's sector code, from the path.
        **kwargs: ``anio`` (the plan's year).
    """
    return html.Div(
        [
            dcc.Store(id=f"{P}-params", data={"sector": sector, "anio": _anio(kwargs.get("anio"))}),
            dcc.Store(id=f"{P}-version", data=0),
            dcc.Store(id=f"{P}-plan"),
            dcc.Store(id=f"{P}-datos-actividades"),
            fm.campo_token(f"{P}-token"),
            html.H1("Plan de trabajo de la mesa", className="h3"),
            html.P(id=f"{P}-mesa", className="text-muted"),
            html.Div(id=f"{P}-resultado", role="status"),
            html.Div(
                id=f"{P}-decidir",
                hidden=True,
                className="border rounded p-3 mb-3 bg-light",
                children=[
                    html.H2("Su decisión", className="h5"),
                    fm.campo(
                        "Nota (obligatoria para devolver)",
                        dbc.Textarea(id=f"{P}-nota-decision", rows=2),
                    ),
                    dbc.Button("Aprobar", id=f"{P}-aprobar", color="success", className="me-2"),
                    dbc.Button("Devolver con nota", id=f"{P}-devolver", color="warning"),
                ],
            ),
            html.Div(id=f"{P}-contenido"),
            # Forms: always in the layout (callbacks need their ids); shown to who may use them.
            html.Div(
                id=f"{P}-escribir",
                hidden=True,
                children=[
                    dbc.Button("Crear el plan de este año", id=f"{P}-crear", color="primary"),
                    html.Div(
                        id=f"{P}-editar",
                        className="mt-3",
                        children=[
                            html.H2("Enviar al coordinador político", className="h5"),
                            fm.campo(
                                "Nota para el coordinador (opcional)",
                                dbc.Input(id=f"{P}-nota-envio"),
                            ),  # fmt: skip
                            dbc.Button(
                                "Enviar al coordinador político",
                                id=f"{P}-enviar",
                                color="primary",
                            ),
                            html.H2("Agregar actividad", className="h5 mt-4"),
                            fm.campo("Actividad", dbc.Input(id=f"{P}-actividad")),
                            fm.campo("Resultado esperado", dbc.Input(id=f"{P}-resultado-esp")),
                            dbc.Row(
                                [
                                    dbc.Col(
                                        fm.campo(
                                            "Institución responsable",
                                            dbc.Select(id=f"{P}-institucion"),
                                        ),
                                        md=6,
                                    ),  # fmt: skip
                                    dbc.Col(
                                        fm.campo(
                                            "Persona responsable", dbc.Input(id=f"{P}-persona")
                                        ),
                                        md=6,
                                    ),  # fmt: skip
                                ]
                            ),
                            dbc.Row(
                                [
                                    dbc.Col(
                                        fm.campo(
                                            "Inicio", dbc.Input(id=f"{P}-inicio", type="date")
                                        ),
                                        md=6,
                                    ),  # fmt: skip
                                    dbc.Col(
                                        fm.campo("Fin", dbc.Input(id=f"{P}-fin", type="date")), md=6
                                    ),  # fmt: skip
                                ]
                            ),
                            dbc.Button("Agregar actividad", id=f"{P}-agregar", color="secondary"),
                            html.H2("Editar una actividad", className="h5 mt-4"),
                            fm.campo("Actividad a editar", dbc.Select(id=f"{P}-e-elegida")),
                            fm.campo("Actividad", dbc.Input(id=f"{P}-e-actividad")),
                            fm.campo("Resultado esperado", dbc.Input(id=f"{P}-e-resultado")),
                            dbc.Row(
                                [
                                    dbc.Col(
                                        fm.campo(
                                            "Institución responsable",
                                            dbc.Select(id=f"{P}-e-institucion"),
                                        ),
                                        md=6,
                                    ),
                                    dbc.Col(
                                        fm.campo(
                                            "Persona responsable", dbc.Input(id=f"{P}-e-persona")
                                        ),
                                        md=6,
                                    ),
                                ]
                            ),
                            dbc.Row(
                                [
                                    dbc.Col(
                                        fm.campo(
                                            "Inicio", dbc.Input(id=f"{P}-e-inicio", type="date")
                                        ),
                                        md=6,
                                    ),
                                    dbc.Col(
                                        fm.campo("Fin", dbc.Input(id=f"{P}-e-fin", type="date")),
                                        md=6,
                                    ),
                                ]
                            ),
                            dbc.Button(
                                "Guardar cambios", id=f"{P}-guardar-actividad", color="secondary"
                            ),
                        ],
                    ),
                    html.H2("Estado de una actividad", className="h5 mt-4"),
                    fm.campo("Actividad", dbc.Select(id=f"{P}-estado-actividad")),
                    dbc.Select(
                        id=f"{P}-estado-nuevo",
                        options=fm.opciones(list(ESTADOS_ACTIVIDAD.items())),
                        className="d-inline-block w-auto me-2",
                    ),
                    dbc.Button("Cambiar estado", id=f"{P}-cambiar-estado", color="secondary"),
                    html.H2("Nota de avance de una actividad", className="h5 mt-4"),
                    fm.campo("Actividad", dbc.Select(id=f"{P}-nota-actividad")),
                    fm.campo("Nota", dbc.Textarea(id=f"{P}-nota-texto", rows=2)),
                    dbc.Button("Agregar nota", id=f"{P}-anotar", color="secondary"),
                ],
            ),
        ]
    )


def _tabla_actividades(plan: Any) -> Any:
    filas = []
    for a in plan.actividades:
        notas = [
            html.Li(f"{n.fecha:%d/%m/%Y} · {n.usuario}: {n.texto}", className="small")
            for n in a.notas
        ]
        filas.append(
            html.Tr(
                [
                    html.Td(a.orden),
                    html.Td([a.actividad, html.Ul(notas, className="mb-0 mt-1")]),
                    html.Td(a.resultado_esperado),
                    html.Td(a.responsable),
                    html.Td(f"{a.fecha_inicio:%d/%m/%Y} – {a.fecha_fin:%d/%m/%Y}"),
                    html.Td(ESTADOS_ACTIVIDAD[a.estado.value]),
                ]
            )
        )
    if not filas:
        return html.P("El plan aún no tiene actividades.")
    encabezado = ["N.º", "Actividad y notas de avance", "Resultado esperado", "Responsable",
                  "Fechas", "Estado"]  # fmt: skip
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t) for t in encabezado])), html.Tbody(filas)],
        size="sm",
        striped=True,
        responsive=True,
        id=f"{P}-actividades",
    )


@callback(
    output={
        "mesa": Output(f"{P}-mesa", "children"),
        "contenido": Output(f"{P}-contenido", "children"),
        "plan": Output(f"{P}-plan", "data"),
        "decidir": Output(f"{P}-decidir", "hidden"),
        "escribir": Output(f"{P}-escribir", "hidden"),
        "crear": Output(f"{P}-crear", "style"),
        "editar": Output(f"{P}-editar", "hidden"),
        "instituciones": Output(f"{P}-institucion", "options"),
        "actividades": Output(f"{P}-nota-actividad", "options"),
        "estado_actividades": Output(f"{P}-estado-actividad", "options"),
        "editables": Output(f"{P}-e-elegida", "options"),
        "e_instituciones": Output(f"{P}-e-institucion", "options"),
        "datos": Output(f"{P}-datos-actividades", "data"),
    },
    inputs={"params": Input(f"{P}-params", "data"), "_v": Input(f"{P}-version", "data")},
)
def mostrar(params: dict[str, Any] | None, _v: int | None) -> dict[str, Any]:
    """The plan of the year, its history and the forms the user may use."""
    from dashboard import data

    sector = str((params or {}).get("sector") or "")
    anio = _anio((params or {}).get("anio"))
    alcance = data.alcance_actual()
    vacio: dict[str, Any] = {
        "mesa": "", "plan": None, "decidir": True, "escribir": True, "crear": {},
        "editar": True, "instituciones": [], "actividades": [], "estado_actividades": [],
        "editables": [], "e_instituciones": [], "datos": {},
    }  # fmt: skip
    if not permisos.puede_ver_mesa(alcance, sector):
        return vacio | {"contenido": fm.alerta("No tiene acceso a esta mesa.")}
    with data.sesion_lectura() as s:
        mesa = registros.mesa_de_sector(s, sector)
        if mesa is None:
            return vacio | {"contenido": fm.alerta(f"No existe la mesa del sector «{sector}».")}
        anios = sorted({*propuestas.anios_de_planes(s, mesa), hoy_honduras().year}, reverse=True)
        anios = sorted({*anios, anio}, reverse=True)
        selector = html.Div(
            [html.Span("Año: ", className="fw-semibold me-2")]
            + [
                dcc.Link(
                    str(a),
                    href=f"/mesas/{sector}/plan?anio={a}",
                    className="me-3" + (" fw-bold" if a == anio else ""),
                )
                for a in anios
            ],
            className="mb-3",
        )
        enlaces = html.P(
            [
                dcc.Link("← Volver a la mesa", href=f"/mesas/{sector}"),
                " · ",
                dcc.Link("Estrategias de la mesa", href=f"/mesas/{sector}/acciones"),
            ]
        )
        plan = propuestas.plan_de_anio(s, mesa, anio)
        politico = politico_de(mesa)
        escribe = permisos.puede_escribir_mesa(alcance, sector)
        instituciones = fm.opciones(
            [(i.sigla, f"{i.sigla} — {i.nombre}") for i in registros.instituciones(s)]
        )
        if plan is None:
            sin_plan = html.P(f"La mesa no tiene plan de trabajo {anio}.")
            contenido: list[Any] = [enlaces, selector, sin_plan]
            return vacio | {
                "mesa": nombre_mesa(mesa),
                "contenido": contenido,
                "escribir": not escribe,
                "editar": True,
            }
        estado = plan.estado.value
        historia = [
            html.Li(
                f"{d.fecha:%d/%m/%Y} · {ACCIONES[d.accion.value]} por {d.usuario}"
                + (f": «{d.nota}»" if d.nota else "")
            )
            for d in plan.decisiones
        ]
        aviso: Any = html.Div()
        if politico is None:
            aviso = fm.alerta(SIN_POLITICO, "warning")
        contenido = [
            enlaces,
            selector,
            html.H2(
                [
                    f"Plan de trabajo {anio} ",
                    dbc.Badge(ESTADOS_PLAN[estado], color=COLORES[estado], id=f"{P}-estado"),
                ],
                className="h4",
            ),
            html.P(f"Coordinador político: {politico or 'sin designar'}."),
            aviso,
            html.H3("Historial de la aprobación", className="h6"),
            html.Ul(historia) if historia else html.P("Aún no se ha enviado.", className="small"),
            _tabla_actividades(plan),
        ]
        decide = estado == "enviado" and permisos.puede_decidir_propuesta(
            alcance, politico, plan.enviado_por
        )
        opciones_act = fm.opciones([(a.id, f"{a.orden}. {a.actividad}") for a in plan.actividades])
        return {
            "mesa": nombre_mesa(mesa),
            "contenido": contenido,
            "plan": {"id": plan.id, "version": plan.version},
            "decidir": not decide,
            "escribir": not escribe,
            "crear": {"display": "none"},
            "editar": estado not in ("borrador", "devuelto"),
            "instituciones": instituciones,
            "actividades": opciones_act,
            "estado_actividades": opciones_act,
            "editables": opciones_act,
            "e_instituciones": instituciones,
            "datos": {
                str(a.id): {
                    "actividad": a.actividad,
                    "resultado": a.resultado_esperado,
                    "institucion": (
                        a.institucion_responsable.sigla if a.institucion_responsable else None
                    ),
                    "persona": a.persona_responsable,
                    "inicio": a.fecha_inicio.isoformat(),
                    "fin": a.fecha_fin.isoformat(),
                    "version": a.version,
                }
                for a in plan.actividades
            },
        }


@callback(
    output={
        "actividad": Output(f"{P}-e-actividad", "value"),
        "resultado": Output(f"{P}-e-resultado", "value"),
        "institucion": Output(f"{P}-e-institucion", "value"),
        "persona": Output(f"{P}-e-persona", "value"),
        "inicio": Output(f"{P}-e-inicio", "value"),
        "fin": Output(f"{P}-e-fin", "value"),
    },
    inputs={
        "elegida": Input(f"{P}-e-elegida", "value"),
        "datos": State(f"{P}-datos-actividades", "data"),
    },
    prevent_initial_call=True,
)
def cargar_actividad(elegida: Any, datos: dict[str, Any] | None) -> dict[str, Any]:
    """Fill the edit form with the chosen activity as the page loaded it."""
    a = (datos or {}).get(str(elegida)) or {}
    return {k: a.get(k) for k in ("actividad", "resultado", "institucion", "persona", "inicio",
                                  "fin")}  # fmt: skip


def _ident_actividad(valor: Any) -> int:
    try:
        return int(str(valor))
    except ValueError:
        raise servicio.ErrorMesa("Elija la actividad.") from None


def _responder(respuesta: fm.Respuesta, version: int | None) -> dict[str, Any]:
    return {
        "resultado": respuesta.alerta,
        "version": (version or 0) + (1 if respuesta.guardado else 0),
        "token": fm.tras_guardar(respuesta, {})[0],
    }


_SALIDAS = {
    "resultado": Output(f"{P}-resultado", "children", allow_duplicate=True),
    "version": Output(f"{P}-version", "data", allow_duplicate=True),
    "token": Output(f"{P}-token", "data", allow_duplicate=True),
}
_COMUNES = {
    "params": State(f"{P}-params", "data"),
    "plan": State(f"{P}-plan", "data"),
    "version": State(f"{P}-version", "data"),
    "token": State(f"{P}-token", "data"),
}


def _plan_id(plan: dict[str, Any] | None) -> int:
    ident = (plan or {}).get("id")
    if not isinstance(ident, int):
        raise servicio.ErrorMesa("No hay plan de trabajo cargado: recargue la página.")
    return ident


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-aprobar", "n_clicks"),
        "nota": State(f"{P}-nota-decision", "value"),
        **_COMUNES,
    },  # fmt: skip
    running=fm.mientras_guarda(f"{P}-aprobar"),
    prevent_initial_call=True,
)
def aprobar(_n: Any, nota: str | None, params: Any, plan: Any, version: Any, token: Any) -> Any:
    """Approve the plan shown (the service checks the actor is its political coordinator)."""

    def accion(s: Any, actor: Alcance) -> str:
        p = servicio.aprobar_plan(
            s, _plan_id(plan), nota=nota, version=(plan or {}).get("version"), actor=actor
        )
        return f"Plan de trabajo {p.anio} aprobado."

    return _responder(fm.escribir(accion, token=token, formulario="aprobar_plan"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-devolver", "n_clicks"),
        "nota": State(f"{P}-nota-decision", "value"),
        **_COMUNES,
    },  # fmt: skip
    running=fm.mientras_guarda(f"{P}-devolver"),
    prevent_initial_call=True,
)
def devolver(_n: Any, nota: str | None, params: Any, plan: Any, version: Any, token: Any) -> Any:
    """Return the plan shown with the note (required)."""

    def accion(s: Any, actor: Alcance) -> str:
        p = servicio.devolver_plan(
            s, _plan_id(plan), nota=nota or "", version=(plan or {}).get("version"), actor=actor
        )
        return f"Plan de trabajo {p.anio} devuelto a la mesa con su nota."

    return _responder(fm.escribir(accion, token=token, formulario="devolver_plan"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-enviar", "n_clicks"),
        "nota": State(f"{P}-nota-envio", "value"),
        **_COMUNES,
    },  # fmt: skip
    running=fm.mientras_guarda(f"{P}-enviar"),
    prevent_initial_call=True,
)
def enviar(_n: Any, nota: str | None, params: Any, plan: Any, version: Any, token: Any) -> Any:
    """Send the plan to the mesa's political coordinator."""

    def accion(s: Any, actor: Alcance) -> str:
        p = servicio.enviar_plan(
            s, _plan_id(plan), nota=nota, version=(plan or {}).get("version"), actor=actor
        )
        return f"Plan de trabajo {p.anio} enviado al coordinador político."

    return _responder(fm.escribir(accion, token=token, formulario="enviar_plan"), version)


@callback(
    output=_SALIDAS,
    inputs={"_n": Input(f"{P}-crear", "n_clicks"), **_COMUNES},
    running=fm.mientras_guarda(f"{P}-crear"),
    prevent_initial_call=True,
)
def crear(_n: Any, params: Any, plan: Any, version: Any, token: Any) -> Any:
    """Create the plan of the year shown (a draft)."""
    sector = str((params or {}).get("sector") or "")
    anio = _anio((params or {}).get("anio"))

    def accion(s: Any, actor: Alcance) -> str:
        servicio.crear_plan(s, sector, anio, actor=actor)
        return f"Se creó el plan de trabajo {anio} (borrador)."

    return _responder(fm.escribir(accion, token=token, formulario="crear_plan"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-agregar", "n_clicks"),
        "actividad": State(f"{P}-actividad", "value"),
        "resultado": State(f"{P}-resultado-esp", "value"),
        "institucion": State(f"{P}-institucion", "value"),
        "persona": State(f"{P}-persona", "value"),
        "inicio": State(f"{P}-inicio", "value"),
        "fin": State(f"{P}-fin", "value"),
        **_COMUNES,
    },
    running=fm.mientras_guarda(f"{P}-agregar"),
    prevent_initial_call=True,
)
def agregar(
    _n: Any,
    actividad: Any,
    resultado: Any,
    institucion: Any,
    persona: Any,
    inicio: Any,
    fin: Any,
    params: Any,
    plan: Any,
    version: Any,
    token: Any,
) -> Any:
    """Add an activity to the plan shown."""

    def accion(s: Any, actor: Alcance) -> str:
        a = servicio.agregar_actividad(
            s, _plan_id(plan), actividad=actividad or "", resultado_esperado=resultado or "",
            institucion=institucion or "", persona=persona or "",
            fecha_inicio=fm.leer_fecha(inicio, "inicio"), fecha_fin=fm.leer_fecha(fin, "fin"),
            actor=actor,
        )  # fmt: skip
        return f"Actividad N.º {a.orden} agregada."

    return _responder(fm.escribir(accion, token=token, formulario="agregar_actividad"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-anotar", "n_clicks"),
        "actividad": State(f"{P}-nota-actividad", "value"),
        "texto": State(f"{P}-nota-texto", "value"),
        **_COMUNES,
    },
    running=fm.mientras_guarda(f"{P}-anotar"),
    prevent_initial_call=True,
)
def anotar(
    _n: Any, actividad: Any, texto: Any, params: Any, plan: Any, version: Any, token: Any
) -> Any:
    """Append a progress note to the chosen activity."""

    def accion(s: Any, actor: Alcance) -> str:
        try:
            ident = int(str(actividad))
        except ValueError:
            raise servicio.ErrorMesa("Elija la actividad.") from None
        servicio.anotar_avance_actividad(s, ident, texto or "", actor=actor)
        return "Nota de avance registrada."

    return _responder(fm.escribir(accion, token=token, formulario="anotar_actividad"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-cambiar-estado", "n_clicks"),
        "actividad": State(f"{P}-estado-actividad", "value"),
        "estado": State(f"{P}-estado-nuevo", "value"),
        **_COMUNES,
    },
    running=fm.mientras_guarda(f"{P}-cambiar-estado"),
    prevent_initial_call=True,
)
def cambiar_estado(
    _n: Any, actividad: Any, estado: Any, params: Any, plan: Any, version: Any, token: Any
) -> Any:
    """Record the status of the chosen activity (its progress)."""

    def accion(s: Any, actor: Alcance) -> str:
        a = servicio.cambiar_estado_actividad(
            s, _ident_actividad(actividad), str(estado or ""), actor=actor
        )
        return f"La actividad N.º {a.orden} quedó «{ESTADOS_ACTIVIDAD[a.estado.value]}»."

    return _responder(fm.escribir(accion, token=token, formulario="estado_actividad"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-guardar-actividad", "n_clicks"),
        "elegida": State(f"{P}-e-elegida", "value"),
        "datos": State(f"{P}-datos-actividades", "data"),
        "actividad": State(f"{P}-e-actividad", "value"),
        "resultado": State(f"{P}-e-resultado", "value"),
        "institucion": State(f"{P}-e-institucion", "value"),
        "persona": State(f"{P}-e-persona", "value"),
        "inicio": State(f"{P}-e-inicio", "value"),
        "fin": State(f"{P}-e-fin", "value"),
        **_COMUNES,
    },
    running=fm.mientras_guarda(f"{P}-guardar-actividad"),
    prevent_initial_call=True,
)
def editar(
    _n: Any,
    elegida: Any,
    datos: Any,
    actividad: Any,
    resultado: Any,
    institucion: Any,
    persona: Any,
    inicio: Any,
    fin: Any,
    params: Any,
    plan: Any,
    version: Any,
    token: Any,
) -> Any:
    """Edit the chosen activity of a draft or returned plan (checked against the version the
    page loaded: a later edit by someone else is not overwritten)."""
    cargada = (datos or {}).get(str(elegida)) or {}

    def accion(s: Any, actor: Alcance) -> str:
        a = servicio.editar_actividad(
            s, _ident_actividad(elegida), actividad=actividad or "",
            resultado_esperado=resultado or "", institucion=institucion or "",
            persona=persona or "", fecha_inicio=fm.leer_fecha(inicio, "inicio"),
            fecha_fin=fm.leer_fecha(fin, "fin"), version=cargada.get("version"), actor=actor,
        )  # fmt: skip
        return f"Actividad N.º {a.orden} actualizada."

    return _responder(fm.escribir(accion, token=token, formulario="editar_actividad"), version)
