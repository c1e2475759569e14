"""How the plan de trabajo page writes its activities: add, edit, status, progress notes.

Each form is one callback (:func:`dashboard.components.pagina_mesa.al_pulsar`); the services
decide who may write and what is allowed (a draft or returned plan for adding and editing; an edit
is checked against the version the page loaded, so a later edit by someone else is not
overwritten). The page registers these callbacks (:func:`registrar`) when it is imported.
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback

from dashboard.components import formularios as fm
from dashboard.components.mesa_plan import EDITADA, ESTADOS_ACTIVIDAD, NUEVA, P, plan_id
from dashboard.components.pagina_mesa import Valores, al_pulsar, entero
from data_layer.auth import Alcance
from data_layer.mesas import servicio

_ACTIVIDAD = "la actividad"


def _leer(ids: dict[str, str]) -> dict[str, State]:
    return {campo: State(ident, "value") for campo, ident in ids.items()}


def _actividad(v: Valores) -> dict[str, Any]:
    """The service's arguments from an activity's fields."""
    return {
        "actividad": v.get("actividad") or "",
        "resultado_esperado": v.get("resultado") or "",
        "institucion": v.get("institucion") or "",
        "persona": v.get("persona") or "",
        "fecha_inicio": fm.leer_fecha(v.get("inicio"), "inicio"),
        "fecha_fin": fm.leer_fecha(v.get("fin"), "fin"),
    }


def cargar_actividad(elegida: Any, datos: dict[str, Any] | None) -> dict[str, Any]:
    """Fill the edit form with the chosen activity as the page loaded it."""
    a = (datos or {}).get(str(elegida)) or {}
    return {campo: a.get(campo) for campo in EDITADA}


def agregar(s: Any, actor: Alcance, v: Valores) -> str:
    """Add an activity to the plan shown."""
    a = servicio.agregar_actividad(s, plan_id(v["plan"]), **_actividad(v), actor=actor)
    return f"Actividad N.º {a.orden} agregada."


def editar(s: Any, actor: Alcance, v: Valores) -> str:
    """Edit the chosen activity of a draft or returned plan (at the version the page loaded)."""
    cargada = (v.get("datos") or {}).get(str(v.get("elegida"))) or {}
    a = servicio.editar_actividad(
        s, entero(v.get("elegida"), _ACTIVIDAD), **_actividad(v),
        version=cargada.get("version"), actor=actor,
    )  # fmt: skip
    return f"Actividad N.º {a.orden} actualizada."


def cambiar_estado(s: Any, actor: Alcance, v: Valores) -> str:
    """Record the status of the chosen activity (its progress)."""
    a = servicio.cambiar_estado_actividad(
        s, entero(v.get("actividad"), _ACTIVIDAD), str(v.get("estado") or ""), actor=actor
    )
    return f"La actividad N.º {a.orden} quedó «{ESTADOS_ACTIVIDAD[a.estado.value]}»."


def anotar(s: Any, actor: Alcance, v: Valores) -> str:
    """Append a progress note to the chosen activity."""
    ident = entero(v.get("actividad"), _ACTIVIDAD)
    servicio.anotar_avance_actividad(s, ident, v.get("texto") or "", actor=actor)
    return "Nota de avance registrada."


def registrar() -> None:
    """Register the activity callbacks (the page calls it when it is imported)."""
    callback(
        output={campo: Output(ident, "value") for campo, ident in EDITADA.items()},
        inputs={
            "elegida": Input(f"{P}-e-elegida", "value"),
            "datos": State(f"{P}-datos-actividades", "data"),
        },
        prevent_initial_call=True,
    )(cargar_actividad)
    plan = {"plan": State(f"{P}-plan", "data")}
    al_pulsar(P, "agregar", "agregar_actividad", _leer(NUEVA) | plan)(agregar)
    al_pulsar(
        P, "guardar-actividad", "editar_actividad",
        {"elegida": State(f"{P}-e-elegida", "value"),
         "datos": State(f"{P}-datos-actividades", "data")} | _leer(EDITADA),
    )(editar)  # fmt: skip
    al_pulsar(
        P, "cambiar-estado", "estado_actividad",
        {"actividad": State(f"{P}-estado-actividad", "value"),
         "estado": State(f"{P}-estado-nuevo", "value")},
    )(cambiar_estado)  # fmt: skip
    al_pulsar(
        P, "anotar", "anotar_actividad",
        {"actividad": State(f"{P}-nota-actividad", "value"),
         "texto": State(f"{P}-nota-texto", "value")},
    )(anotar)  # fmt: skip
