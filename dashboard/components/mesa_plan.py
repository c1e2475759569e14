"""How the plan de trabajo page looks: its ids, its forms, the plan's heading and activities.

The forms are always in the layout (callbacks need their ids) and shown to who may use them.
Adding and editing an activity ask the same fields (:data:`NUEVA`, :data:`EDITADA`), built once
(:func:`_campos_actividad`).
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import formularios as fm
from data_layer import formato
from data_layer.mesas import servicio
from data_layer.periods import hoy_honduras
from data_layer.vistas.mesas import ESTADOS_PLAN

P = "mesa-plan"
ESTADOS_ACTIVIDAD = {
    "pendiente": "Pendiente",
    "en_proceso": "En proceso",
    "completada": "Completada",
    "cancelada": "Cancelada",
}
ACCIONES = {"enviado": "Enviado", "aprobado": "Aprobado", "devuelto": "Devuelto"}
COLORES = {"aprobado": "success", "enviado": "info", "devuelto": "warning", "borrador": "secondary"}

#: The fields of an activity: their ids in the «Agregar actividad» form...
NUEVA = {
    "actividad": f"{P}-actividad",
    "resultado": f"{P}-resultado-esp",
    "institucion": f"{P}-institucion",
    "persona": f"{P}-persona",
    "inicio": f"{P}-inicio",
    "fin": f"{P}-fin",
}
#: ... and in «Editar una actividad».
EDITADA = {campo: f"{P}-e-{campo}" for campo in NUEVA}


def anio_de(valor: Any) -> int:
    """The plan's year from the URL (default, and for nonsense: the current year in Honduras)."""
    try:
        anio = int(str(valor))
    except (TypeError, ValueError):
        return hoy_honduras().year
    return anio if 2000 <= anio <= 2100 else hoy_honduras().year


def plan_id(plan: dict[str, Any] | None) -> int:
    """The id of the plan the page loaded (its ``<P>-plan`` store).

    Raises:
        servicio.ErrorMesa: no plan loaded.
    """
    ident = (plan or {}).get("id")
    if not isinstance(ident, int):
        raise servicio.ErrorMesa("No hay plan de trabajo cargado: recargue la página.")
    return ident


def _mitades(*campos: Any) -> dbc.Row:
    return dbc.Row([dbc.Col(c, md=6) for c in campos])


def _campos_actividad(ids: dict[str, str]) -> list[Any]:
    """The fields of an activity, with the ids ``ids`` (:data:`NUEVA` or :data:`EDITADA`)."""
    return [
        fm.campo("Actividad", dbc.Input(id=ids["actividad"])),
        fm.campo("Resultado esperado", dbc.Input(id=ids["resultado"])),
        _mitades(
            fm.campo("Institución responsable", dbc.Select(id=ids["institucion"])),
            fm.campo("Persona responsable", dbc.Input(id=ids["persona"])),
        ),
        _mitades(
            fm.campo("Inicio", fm.entrada_fecha(ids["inicio"])),
            fm.campo("Fin", fm.entrada_fecha(ids["fin"])),
        ),
    ]


def formularios() -> html.Div:
    """The writing forms (``<P>-escribir``): create, send, add/edit activities, status, notes."""
    return html.Div(
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
                        "Nota para el coordinador (opcional)", dbc.Input(id=f"{P}-nota-envio")
                    ),
                    dbc.Button("Enviar al coordinador político", id=f"{P}-enviar", color="primary"),
                    html.H2("Agregar actividad", className="h5 mt-4"),
                    *_campos_actividad(NUEVA),
                    dbc.Button("Agregar actividad", id=f"{P}-agregar", color="secondary"),
                    html.H2("Editar una actividad", className="h5 mt-4"),
                    fm.campo("Actividad a editar", dbc.Select(id=f"{P}-e-elegida")),
                    *_campos_actividad(EDITADA),
                    dbc.Button("Guardar cambios", id=f"{P}-guardar-actividad", color="secondary"),
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
    )


def navegacion(sector: str, anio: int, anios: list[int]) -> list[Any]:
    """The links back to the mesa and to its strategies, and the choice of year."""
    enlaces = html.P(
        [
            dcc.Link("← Volver a la mesa", href=f"/mesas/{sector}"),
            " · ",
            dcc.Link("Estrategias de la mesa", href=f"/mesas/{sector}/acciones"),
        ]
    )
    selector = html.Div(
        [html.Span("Año: ", className="fw-semibold me-2")]
        + [
            dcc.Link(
                str(a),
                href=f"/mesas/{sector}/plan?anio={a}",
                className="me-3" + (" fw-bold" if a == anio else ""),
            )
            for a in sorted({*anios, anio}, reverse=True)
        ],
        className="mb-3",
    )
    return [enlaces, selector]


def encabezado(plan: Any, politico: str | None, aviso: Any) -> list[Any]:
    """The plan's year and status, its political coordinator and its approval history."""
    estado = plan.estado.value
    historia = [
        html.Li(
            f"{d.fecha:%d/%m/%Y} · {ACCIONES[d.accion.value]} por {d.usuario}"
            + (f": «{d.nota}»" if d.nota else "")
        )
        for d in plan.decisiones
    ]
    return [
        html.H2(
            [
                f"Plan de trabajo {plan.anio} ",
                dbc.Badge(ESTADOS_PLAN[estado], color=COLORES[estado], id=f"{P}-estado"),
            ],
            className="h4",
        ),
        html.P(f"Coordinador político: {politico or 'sin designar'}."),
        aviso,
        html.H3("Historial de la aprobación", className="h6"),
        html.Ul(historia) if historia else html.P("Aún no se ha enviado.", className="small"),
    ]


def tabla_actividades(plan: Any) -> Any:
    """The plan's activities with their progress notes (or a sentence when it has none)."""
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
    encabezados = ["N.º", "Actividad y notas de avance", "Resultado esperado", "Responsable",
                   "Fechas", "Estado"]  # fmt: skip
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t) for t in encabezados])), html.Tbody(filas)],
        size="sm",
        striped=True,
        responsive=True,
        id=f"{P}-actividades",
    )


def datos_actividades(plan: Any) -> dict[str, dict[str, Any]]:
    """Each activity as the edit form shows it, with the version it was loaded at (by id)."""
    return {
        str(a.id): {
            "actividad": a.actividad,
            "resultado": a.resultado_esperado,
            "institucion": a.institucion_responsable.sigla if a.institucion_responsable else None,
            "persona": a.persona_responsable,
            "inicio": formato.format_fecha_entrada(a.fecha_inicio),
            "fin": formato.format_fecha_entrada(a.fecha_fin),
            "version": a.version,
        }
        for a in plan.actividades
    }
