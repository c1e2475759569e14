"""Plan de trabajo (``/mesas/<sector>/plan``): one mesa's plan of a year, and its approval.

Shows the plan's state and its history (sent, returned with a note, approved: who and when), the
activities with their responsible institution and person, dates, status and progress notes.
Who writes in the mesa (its coordinators, assigned analysts, admin) creates the year's plan, adds
activities and notes, and sends it «al coordinador político»; the mesa's designated political
coordinator sees «Aprobar» and «Devolver con nota» while it waits for them. The services decide
who may do what (:mod:`data_layer.permisos`): a forged callback is refused like a click.
The look is :mod:`dashboard.components.mesa_plan`; the activities' forms write through
:mod:`dashboard.components.plan_actividades`.

URL: ``/mesas/SAL/plan?anio=2027`` (``anio``: default the current year in Honduras).
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard.components import decision, plan_actividades
from dashboard.components import formularios as fm
from dashboard.components import pagina_mesa as pm
from dashboard.components.mesa_plan import (
    P,
    anio_de,
    datos_actividades,
    encabezado,
    formularios,
    navegacion,
    plan_id,
    tabla_actividades,
)
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import propuestas, servicio
from data_layer.mesas.contenido import nombre_mesa
from data_layer.mesas.opciones import opciones_instituciones
from data_layer.mesas.servicio.plan import SIN_POLITICO, politico_de
from data_layer.periods import hoy_honduras

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/plan",
    name="Plan de trabajo",
    title="Plan de trabajo | SIGPRET",
    order=19,  # before /mesas/<sector> (see mesa_acreditar)
    description="Plan de trabajo de una mesa sectorial y su aprobación.",
)


def layout(sector: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton; the plan arrives through a callback.

    Args:
        sector: the mesa's sector code, from the path.
        **kwargs: ``anio`` (the plan's year).
    """
    return html.Div(
        [
            dcc.Store(
                id=f"{P}-params", data={"sector": sector, "anio": anio_de(kwargs.get("anio"))}
            ),
            dcc.Store(id=f"{P}-version", data=0),
            dcc.Store(id=f"{P}-plan"),
            dcc.Store(id=f"{P}-datos-actividades"),
            fm.campo_token(f"{P}-token"),
            html.H1("Plan de trabajo de la mesa", className="h3"),
            html.P(id=f"{P}-mesa", className="text-muted"),
            html.Div(id=f"{P}-resultado", role="status"),
            decision.caja(
                P,
                "Su decisión",
                fm.campo(
                    "Nota (obligatoria para devolver)",
                    dbc.Textarea(id=f"{P}-nota-decision", rows=2),
                ),
                *decision.botones(P),
            ),
            html.Div(id=f"{P}-contenido"),
            formularios(),
        ]
    )


_VACIO: dict[str, Any] = {
    "mesa": "", "plan": None, "decidir": True, "escribir": True, "crear": {},
    "editar": True, "instituciones": [], "actividades": [], "estado_actividades": [],
    "editables": [], "e_instituciones": [], "datos": {},
}  # fmt: skip


def _del_anio(leido: pm.Lectura, anio: int) -> dict[str, Any]:
    """The outputs of :func:`mostrar` for the mesa's plan of ``anio`` (or its absence)."""
    s, mesa, alcance, sector = leido.s, leido.mesa, leido.alcance, leido.sector
    anios = [*propuestas.anios_de_planes(s, mesa), hoy_honduras().year]
    plan = propuestas.plan_de_anio(s, mesa, anio)
    politico = politico_de(mesa)
    escribe = permisos.puede_escribir_mesa(alcance, sector)
    contenido: list[Any] = navegacion(sector, anio, anios)
    if plan is None:
        contenido.append(html.P(f"La mesa no tiene plan de trabajo {anio}."))
        return _VACIO | {
            "mesa": nombre_mesa(mesa),
            "contenido": contenido,
            "escribir": not escribe,
            "editar": True,
        }
    aviso = fm.alerta(SIN_POLITICO, "warning") if politico is None else html.Div()
    contenido += [*encabezado(plan, politico, aviso), tabla_actividades(plan)]
    estado = plan.estado.value
    decide = estado == "enviado" and permisos.puede_decidir_propuesta(
        alcance, politico, plan.enviado_por
    )
    instituciones = opciones_instituciones(s, sector)
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
        "datos": datos_actividades(plan),
    }


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
    anio = anio_de((params or {}).get("anio"))
    return pm.con_mesa(params, _VACIO, lambda leido: _del_anio(leido, anio), aviso="contenido")


# --- writing (registered here so that every app the factory builds gets them) ---------------

_DEL_PLAN = {"plan": State(f"{P}-plan", "data")}


def _aprobar(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Approve the plan shown (the service checks the actor is its political coordinator)."""
    plan = v["plan"]
    p = servicio.aprobar_plan(
        s, plan_id(plan), nota=v.get("nota"), version=(plan or {}).get("version"), actor=actor
    )
    return f"Plan de trabajo {p.anio} aprobado."


def _devolver(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Return the plan shown with the note (required)."""
    plan = v["plan"]
    p = servicio.devolver_plan(
        s, plan_id(plan), nota=v.get("nota") or "", version=(plan or {}).get("version"),
        actor=actor,
    )  # fmt: skip
    return f"Plan de trabajo {p.anio} devuelto a la mesa con su nota."


decision.registrar(
    P, "plan", {"nota": State(f"{P}-nota-decision", "value")} | _DEL_PLAN,
    aprobar=_aprobar, devolver=_devolver,
)  # fmt: skip
plan_actividades.registrar()


@pm.al_pulsar(P, "enviar", "enviar_plan", {"nota": State(f"{P}-nota-envio", "value")} | _DEL_PLAN)
def enviar(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Send the plan to the mesa's political coordinator."""
    plan = v["plan"]
    p = servicio.enviar_plan(
        s, plan_id(plan), nota=v.get("nota"), version=(plan or {}).get("version"), actor=actor
    )
    return f"Plan de trabajo {p.anio} enviado al coordinador político."


@pm.al_pulsar(P, "crear", "crear_plan", {"params": State(f"{P}-params", "data")})
def crear(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Create the plan of the year shown (a draft)."""
    anio = anio_de((v["params"] or {}).get("anio"))
    servicio.crear_plan(s, pm.sector_de(v["params"]), anio, actor=actor)
    return f"Se creó el plan de trabajo {anio} (borrador)."
