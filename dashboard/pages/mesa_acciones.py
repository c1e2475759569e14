"""Estrategias (``/mesas/<sector>/acciones``): a mesa's strategies, proposed and decided.

Lists the mesa's strategies with their status, the goals and indicators they address, who
proposed them and their history of decisions. Who writes in the mesa proposes a strategy (linked
to the sector's own goals and indicators) and moves an approved one to «en ejecución», «concluida»
or «descartada»; the mesa's designated political coordinator approves or returns a proposal with a
note. The services decide who may do what: a forged callback is refused like a click.
The look is :mod:`dashboard.components.mesa_acciones`; the bottlenecks section below the
strategies is :mod:`dashboard.components.cuellos`.

URL: ``/mesas/SAL/acciones?estrategia=12`` (``estrategia``: the one preselected to decide on).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard.components import cuellos, decision
from dashboard.components import formularios as fm
from dashboard.components import pagina_mesa as pm
from dashboard.components.mesa_acciones import (
    ESTADOS,
    P,
    bloque_proponer,
    bloque_reenviar,
    caja_decidir,
    codigos,
    tarjeta,
)
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import propuestas, registros, servicio
from data_layer.mesas.contenido import nombre_mesa
from data_layer.mesas.servicio.plan import politico_de

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/acciones",
    name="Estrategias de la mesa",
    title="Estrategias de la mesa | SIGPRET",
    order=19,  # before /mesas/<sector> (see mesa_acreditar)
    description="Estrategias y cursos de acción de una mesa sectorial y su aprobación.",
)


def layout(sector: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton; the strategies arrive through a callback.

    Args:
        sector: the mesa's sector code, from the path.
        **kwargs: ``estrategia`` (id preselected to decide on).
    """
    return html.Div(
        [
            dcc.Store(
                id=f"{P}-params", data={"sector": sector, "estrategia": kwargs.get("estrategia")}
            ),  # fmt: skip
            dcc.Store(id=f"{P}-version", data=0),
            fm.campo_token(f"{P}-token"),
            html.H1("Estrategias y cursos de acción", className="h3"),
            html.P(id=f"{P}-mesa", className="text-muted"),
            html.P(
                [
                    dcc.Link("← Volver a la mesa", href=f"/mesas/{sector}"),
                    " · ",
                    dcc.Link("Plan de trabajo", href=f"/mesas/{sector}/plan"),
                ]
            ),
            html.Div(id=f"{P}-resultado", role="status"),
            caja_decidir(),
            bloque_reenviar(),
            html.Div(id=f"{P}-lista"),
            bloque_proponer(),
            *cuellos.seccion(),
        ]
    )


_VACIO = {"mesa": "", "decidir": True, "politico": True, "mesa_estado": True,
          "elegibles": [], "elegida": None, "proponer": True, "metas": [],
          "indicadores": [], "reenviar": True, "devueltas": []}  # fmt: skip


def _estrategias(leido: pm.Lectura, pedida: Any) -> dict[str, Any]:
    """The outputs of :func:`mostrar` for the mesa's strategies (``pedida`` preselected)."""
    s, mesa, sector = leido.s, leido.mesa, leido.sector
    escribe = permisos.puede_escribir_mesa(leido.alcance, sector)
    aprueba = permisos.puede_aprobar_en_mesa(leido.alcance, politico_de(mesa))
    metas, indicadores = registros.codigos_vinculables(s, sector)
    tarjetas, elegibles, devueltas = [], [], []
    for e in propuestas.estrategias_de_mesa(s, mesa):
        estado = e.estado.value
        espera = estado == "propuesta" and e.devuelta_en is None
        if (aprueba and espera) or (escribe and estado in ("propuesta", "aprobada",
                                                          "en_ejecucion")):  # fmt: skip
            elegibles.append((e.id, f"N.º {e.id}: {e.descripcion[:80]}"))
        if escribe and estado == "propuesta" and e.devuelta_en is not None:
            devueltas.append((e.id, f"N.º {e.id}: {e.descripcion[:80]}"))
        tarjetas.append(tarjeta(e, espera))
    elegida = next((i for i, _ in elegibles if str(i) == str(pedida)), None)
    if elegida is None and elegibles:
        elegida = elegibles[0][0]
    return {
        "mesa": nombre_mesa(mesa),
        "lista": tarjetas or html.P("La mesa no tiene estrategias registradas."),
        "decidir": not elegibles,
        "politico": not aprueba,
        "mesa_estado": not escribe,
        "elegibles": fm.opciones(elegibles),
        "elegida": elegida,
        "proponer": not escribe,
        "reenviar": not devueltas,
        "devueltas": fm.opciones(devueltas),
        "metas": codigos(metas),
        "indicadores": codigos(indicadores),
    }


@callback(
    output={
        "mesa": Output(f"{P}-mesa", "children"),
        "lista": Output(f"{P}-lista", "children"),
        "decidir": Output(f"{P}-decidir", "hidden"),
        "politico": Output(f"{P}-politico", "hidden"),
        "mesa_estado": Output(f"{P}-mesa-estado", "hidden"),
        "elegibles": Output(f"{P}-elegida", "options"),
        "elegida": Output(f"{P}-elegida", "value"),
        "proponer": Output(f"{P}-proponer", "hidden"),
        "reenviar": Output(f"{P}-reenviar-bloque", "hidden"),
        "devueltas": Output(f"{P}-devuelta", "options"),
        "metas": Output(f"{P}-metas", "options"),
        "indicadores": Output(f"{P}-indicadores", "options"),
    },
    inputs={"params": Input(f"{P}-params", "data"), "_v": Input(f"{P}-version", "data")},
)
def mostrar(params: dict[str, Any] | None, _v: int | None) -> dict[str, Any]:
    """The strategies and the forms the user may use."""
    pedida = (params or {}).get("estrategia")
    return pm.con_mesa(params, _VACIO, lambda leido: _estrategias(leido, pedida), aviso="lista")


# --- writing (registered here so that every app the factory builds gets them) ---------------

_ESTRATEGIA = "la estrategia"
_ELEGIDA = {"elegida": State(f"{P}-elegida", "value"), "nota": State(f"{P}-nota", "value")}


def _aprobar(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Approve the chosen strategy (the service checks the political coordinator)."""
    ident = pm.entero(v.get("elegida"), _ESTRATEGIA)
    servicio.cambiar_estado_estrategia(s, ident, "aprobada", nota=v.get("nota"), actor=actor)
    return "Estrategia aprobada."


def _devolver(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Return the chosen strategy to the mesa with the note."""
    ident = pm.entero(v.get("elegida"), _ESTRATEGIA)
    servicio.devolver_estrategia(s, ident, nota=v.get("nota") or "", actor=actor)
    return "Estrategia devuelta a la mesa con su nota."


decision.registrar(P, "estrategia", _ELEGIDA, aprobar=_aprobar, devolver=_devolver)
cuellos.registrar()


@pm.al_pulsar(
    P, "cambiar", "estado_estrategia", {"estado": State(f"{P}-nuevo-estado", "value")} | _ELEGIDA
)
def cambiar(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Move the chosen strategy to the status chosen (en ejecución, concluida, descartada)."""
    e = servicio.cambiar_estado_estrategia(
        s, pm.entero(v.get("elegida"), _ESTRATEGIA), str(v.get("estado") or ""),
        nota=v.get("nota"), actor=actor,
    )  # fmt: skip
    return f"La estrategia N.º {e.id} quedó «{ESTADOS[e.estado.value]}»."


@pm.al_pulsar(
    P, "registrar", "proponer_estrategia",
    {"params": State(f"{P}-params", "data")}
    | {c: State(f"{P}-{c}", "value") for c in ("descripcion", "responsable", "metas",
                                               "indicadores")},
)  # fmt: skip
def registrar(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Propose a strategy in this mesa (linked to the sector's own goals and indicators)."""
    e = servicio.registrar_estrategia(
        s, pm.sector_de(v["params"]), descripcion=v.get("descripcion") or "",
        responsable=v.get("responsable") or "", metas=list(v.get("metas") or []),
        indicadores=list(v.get("indicadores") or []), actor=actor,
    )  # fmt: skip
    return f"Estrategia N.º {e.id} propuesta: espera la decisión del coordinador político."


@pm.al_pulsar(
    P, "reenviar", "reenviar_estrategia",
    {"devuelta": State(f"{P}-devuelta", "value"),
     "descripcion": State(f"{P}-nueva-descripcion", "value"),
     "nota": State(f"{P}-nota-reenvio", "value")},
)  # fmt: skip
def reenviar(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Send a returned strategy again to the political coordinator, its description corrected."""
    e = servicio.reenviar_estrategia(
        s, pm.entero(v.get("devuelta"), _ESTRATEGIA), descripcion=v.get("descripcion") or "",
        nota=v.get("nota"), actor=actor,
    )  # fmt: skip
    return f"Estrategia N.º {e.id} reenviada: espera la decisión del coordinador político."
