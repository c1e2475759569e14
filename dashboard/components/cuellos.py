"""The bottlenecks section of the strategies page: the list, its forms and their callbacks.

Lists the mesa's bottlenecks with the goals and indicators they hold back; who writes in the mesa
records one (identified on a date up to today, linked to the sector's own goals and indicators)
and marks one as overcome or open again. The services decide who may do what. The page places
:func:`seccion` and registers the callbacks (:func:`registrar`) when it is imported.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard.components import formularios as fm
from dashboard.components import pagina_mesa as pm
from dashboard.components.mesa_acciones import P, codigos
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import propuestas, registros, servicio
from data_layer.mesas.opciones import opciones_instituciones

ESTADOS_CUELLO = {"abierto": "Abierto", "superado": "Superado"}
AMBITOS = {"sectorial": "Sectorial", "institucional": "Institucional"}


def _tercio(control: Any) -> dbc.Col:
    return dbc.Col(control, md=4)


def seccion() -> list[Any]:
    """The section's heading, list and forms (shown to who may write in the mesa)."""
    cambiar = html.Div(
        id=f"{P}-cuello-estado-bloque",
        className="border rounded p-3 mb-3 bg-light",
        children=[
            html.H3("Cambiar el estado de un cuello de botella", className="h6"),
            fm.campo("Cuello de botella", dbc.Select(id=f"{P}-cuello-elegido")),
            dbc.Select(
                id=f"{P}-cuello-estado",
                options=fm.opciones(list(ESTADOS_CUELLO.items())),
                className="d-inline-block w-auto me-2",
            ),
            dbc.Button("Cambiar estado", id=f"{P}-cuello-cambiar", color="secondary"),
        ],
    )
    ambito = dbc.Select(
        id=f"{P}-cuello-ambito", options=fm.opciones(list(AMBITOS.items())), value="sectorial"
    )
    return [
        html.H2("Cuellos de botella", className="h4 mt-5"),
        html.Div(id=f"{P}-cuellos"),
        html.Div(
            id=f"{P}-cuello-form",
            hidden=True,
            children=[
                cambiar,
                html.H3("Registrar un cuello de botella", className="h5 mt-3"),
                fm.campo("Descripción", dbc.Textarea(id=f"{P}-cuello-descripcion", rows=2)),
                dbc.Row(
                    [
                        _tercio(fm.campo("Ámbito", ambito)),
                        _tercio(
                            fm.campo(
                                "Institución (si es institucional)",
                                dbc.Select(id=f"{P}-cuello-institucion"),
                            )
                        ),
                        _tercio(fm.campo("Identificado el", fm.entrada_fecha(f"{P}-cuello-fecha"))),
                    ]
                ),
                fm.campo(
                    "Metas del sector que frena", dcc.Dropdown(id=f"{P}-cuello-metas", multi=True)
                ),
                fm.campo(
                    "Indicadores del sector que frena",
                    dcc.Dropdown(id=f"{P}-cuello-indicadores", multi=True),
                ),
                dbc.Button("Registrar", id=f"{P}-cuello-registrar", color="primary"),
            ],
        ),
    ]


def tabla(cuellos: list[Any]) -> Any:
    """The mesa's bottlenecks (or a sentence when it has none)."""
    if not cuellos:
        return html.P("La mesa no tiene cuellos de botella registrados.")
    filas = [
        html.Tr(
            [
                html.Td(c.id),
                html.Td(c.descripcion),
                html.Td(
                    AMBITOS[c.ambito.value] + (f" ({c.institucion.sigla})" if c.institucion else "")
                ),
                html.Td(f"{c.identificado_en:%d/%m/%Y}"),
                html.Td(
                    ", ".join([m.codigo for m in c.metas] + [i.codigo for i in c.indicadores])
                    or "—"
                ),
                html.Td(ESTADOS_CUELLO[c.estado.value]),
            ]
        )
        for c in cuellos
    ]
    encabezado = ["N.º", "Descripción", "Ámbito", "Identificado", "Metas e indicadores",
                  "Estado"]  # fmt: skip
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t) for t in encabezado])), html.Tbody(filas)],
        size="sm",
        striped=True,
        responsive=True,
        id=f"{P}-tabla-cuellos",
    )


_VACIO: dict[str, Any] = {"lista": "", "form": True, "estado_bloque": True, "elegibles": [],
                          "instituciones": [], "metas": [], "indicadores": []}  # fmt: skip


def _de_mesa(leido: pm.Lectura) -> dict[str, Any]:
    s = leido.s
    metas, indicadores = registros.codigos_vinculables(s, leido.sector)
    cuellos = list(propuestas.cuellos_de_mesa(s, leido.mesa))
    return {
        "lista": tabla(cuellos),
        "form": not permisos.puede_escribir_mesa(leido.alcance, leido.sector),
        "estado_bloque": not cuellos,
        "elegibles": fm.opciones([(c.id, f"N.º {c.id}: {c.descripcion[:80]}") for c in cuellos]),
        "instituciones": opciones_instituciones(s, leido.sector, vacia="—"),
        "metas": codigos(metas),
        "indicadores": codigos(indicadores),
    }


def mostrar(params: dict[str, Any] | None, _v: int | None) -> dict[str, Any]:
    """The mesa's bottlenecks with the goals and indicators they hold back, and their forms."""
    return pm.con_mesa(params, _VACIO, _de_mesa)


def registrar_cuello(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Record a bottleneck of this mesa (linked to the sector's own goals and indicators)."""
    c = servicio.registrar_cuello_botella(
        s, pm.sector_de(v["params"]), descripcion=v.get("descripcion") or "",
        ambito=str(v.get("ambito") or ""),
        identificado_en=fm.leer_fecha(v.get("fecha"), "identificado el"),
        metas=list(v.get("metas") or []), indicadores=list(v.get("indicadores") or []),
        institucion=v.get("institucion") or None, actor=actor,
    )  # fmt: skip
    return f"Cuello de botella N.º {c.id} registrado."


def cambiar_cuello(s: Any, actor: Alcance, v: pm.Valores) -> str:
    """Mark the chosen bottleneck as overcome, or open it again."""
    ident = pm.entero(v.get("elegido"), "el cuello de botella")
    c = servicio.cambiar_estado_cuello(s, ident, str(v.get("estado") or ""), actor=actor)
    return f"El cuello de botella N.º {c.id} quedó «{ESTADOS_CUELLO[c.estado.value]}»."


def registrar() -> None:
    """Register the section's callbacks (the page calls it when it is imported)."""
    callback(
        output={
            "lista": Output(f"{P}-cuellos", "children"),
            "form": Output(f"{P}-cuello-form", "hidden"),
            "estado_bloque": Output(f"{P}-cuello-estado-bloque", "hidden"),
            "elegibles": Output(f"{P}-cuello-elegido", "options"),
            "instituciones": Output(f"{P}-cuello-institucion", "options"),
            "metas": Output(f"{P}-cuello-metas", "options"),
            "indicadores": Output(f"{P}-cuello-indicadores", "options"),
        },
        inputs={"params": Input(f"{P}-params", "data"), "_v": Input(f"{P}-version", "data")},
    )(mostrar)
    campos = ("descripcion", "ambito", "institucion", "fecha", "metas", "indicadores")
    pm.al_pulsar(
        P, "cuello-registrar", "registrar_cuello",
        {"params": State(f"{P}-params", "data")}
        | {c: State(f"{P}-cuello-{c}", "value") for c in campos},
    )(registrar_cuello)  # fmt: skip
    pm.al_pulsar(
        P, "cuello-cambiar", "estado_cuello",
        {"elegido": State(f"{P}-cuello-elegido", "value"),
         "estado": State(f"{P}-cuello-estado", "value")},
    )(cambiar_cuello)  # fmt: skip
