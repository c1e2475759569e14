"""Estrategias (``/mesas/<sector>/acciones``): a mesa's strategies, proposed and decided.

Lists the mesa's strategies with their status, the goals and indicators they address, who
proposed them and their history of decisions. Who writes in the mesa proposes a strategy (linked
to the sector's own goals and indicators) and moves an approved one to «en ejecución», «concluida»
or «descartada»; the mesa's designated political coordinator approves or returns a proposal with a
note. The services decide who may do what: a forged callback is refused like a click.

URL: ``/mesas/SAL/acciones?estrategia=12`` (``estrategia``: the one preselected to decide on).
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
from data_layer.mesas.servicio.plan import politico_de

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/acciones",
    name="Estrategias de la mesa",
    title="Estrategias de la mesa | SIGPRET",
    order=19,  # before /mesas/<sector> (see mesa_acreditar)
    description="Estrategias y cursos de acción de una mesa sectorial y su aprobación.",
)

P = "mesa-acciones"
ESTADOS = {
    "propuesta": "Propuesta",
    "aprobada": "Aprobada",
    "en_ejecucion": "En ejecución",
    "concluida": "Concluida",
    "descartada": "Descartada",
}
ESTADOS_CUELLO = {"abierto": "Abierto", "superado": "Superado"}
AMBITOS = {"sectorial": "Sectorial", "institucional": "Institucional"}
COLORES = {"propuesta": "info", "aprobada": "success", "en_ejecucion": "primary",
           "concluida": "secondary", "descartada": "dark"}  # fmt: skip


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
            html.Div(
                id=f"{P}-decidir",
                hidden=True,
                className="border rounded p-3 mb-3 bg-light",
                children=[
                    html.H2("Decidir sobre una estrategia", className="h5"),
                    fm.campo("Estrategia", dbc.Select(id=f"{P}-elegida")),
                    fm.campo(
                        "Nota (obligatoria para devolver o descartar)",
                        dbc.Textarea(id=f"{P}-nota", rows=2),
                    ),  # fmt: skip
                    html.Div(
                        id=f"{P}-politico",
                        children=[
                            dbc.Button(
                                "Aprobar", id=f"{P}-aprobar", color="success", className="me-2"
                            ),  # fmt: skip
                            dbc.Button(
                                "Devolver con nota",
                                id=f"{P}-devolver",
                                color="warning",
                                className="me-2",
                            ),  # fmt: skip
                        ],
                    ),
                    html.Div(
                        id=f"{P}-mesa-estado",
                        className="mt-2",
                        children=[
                            dbc.Select(
                                id=f"{P}-nuevo-estado",
                                options=fm.opciones(
                                    [
                                        (e, ESTADOS[e])
                                        for e in ("en_ejecucion", "concluida", "descartada")
                                    ]  # fmt: skip
                                ),
                                className="d-inline-block w-auto me-2",
                            ),
                            dbc.Button("Cambiar estado", id=f"{P}-cambiar", color="secondary"),
                        ],
                    ),
                ],
            ),
            html.Div(
                id=f"{P}-reenviar-bloque",
                hidden=True,
                className="border rounded p-3 mb-3",
                children=[
                    html.H2("Reenviar una estrategia devuelta", className="h5"),
                    fm.campo("Estrategia devuelta", dbc.Select(id=f"{P}-devuelta")),
                    fm.campo(
                        "Descripción corregida",
                        dbc.Textarea(id=f"{P}-nueva-descripcion", rows=2),
                        "Corrija la descripción según la nota del coordinador político.",
                    ),  # fmt: skip
                    fm.campo(
                        "Nota para el coordinador (opcional)", dbc.Input(id=f"{P}-nota-reenvio")
                    ),
                    dbc.Button("Reenviar", id=f"{P}-reenviar", color="primary"),
                ],
            ),
            html.Div(id=f"{P}-lista"),
            html.Div(
                id=f"{P}-proponer",
                hidden=True,
                children=[
                    html.H2("Proponer una estrategia", className="h5 mt-4"),
                    fm.campo("Descripción", dbc.Textarea(id=f"{P}-descripcion", rows=2)),
                    fm.campo("Responsable", dbc.Input(id=f"{P}-responsable")),
                    fm.campo(
                        "Metas del sector que atiende", dcc.Dropdown(id=f"{P}-metas", multi=True)
                    ),  # fmt: skip
                    fm.campo(
                        "Indicadores del sector que atiende",
                        dcc.Dropdown(id=f"{P}-indicadores", multi=True),
                    ),  # fmt: skip
                    dbc.Button("Proponer", id=f"{P}-registrar", color="primary"),
                ],
            ),
            html.H2("Cuellos de botella", className="h4 mt-5"),
            html.Div(id=f"{P}-cuellos"),
            html.Div(
                id=f"{P}-cuello-form",
                hidden=True,
                children=[
                    html.Div(
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
                            dbc.Button(
                                "Cambiar estado", id=f"{P}-cuello-cambiar", color="secondary"
                            ),
                        ],
                    ),
                    html.H3("Registrar un cuello de botella", className="h5 mt-3"),
                    fm.campo("Descripción", dbc.Textarea(id=f"{P}-cuello-descripcion", rows=2)),
                    dbc.Row(
                        [
                            dbc.Col(
                                fm.campo(
                                    "Ámbito",
                                    dbc.Select(
                                        id=f"{P}-cuello-ambito",
                                        options=fm.opciones(list(AMBITOS.items())),
                                        value="sectorial",
                                    ),
                                ),
                                md=4,
                            ),
                            dbc.Col(
                                fm.campo(
                                    "Institución (si es institucional)",
                                    dbc.Select(id=f"{P}-cuello-institucion"),
                                ),
                                md=4,
                            ),
                            dbc.Col(
                                fm.campo(
                                    "Identificado el",
                                    dbc.Input(id=f"{P}-cuello-fecha", type="date"),
                                ),
                                md=4,
                            ),
                        ]
                    ),
                    fm.campo(
                        "Metas del sector que frena",
                        dcc.Dropdown(id=f"{P}-cuello-metas", multi=True),
                    ),
                    fm.campo(
                        "Indicadores del sector que frena",
                        dcc.Dropdown(id=f"{P}-cuello-indicadores", multi=True),
                    ),
                    dbc.Button("Registrar", id=f"{P}-cuello-registrar", color="primary"),
                ],
            ),
        ]
    )


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
    from dashboard import data

    sector = str((params or {}).get("sector") or "")
    alcance = data.alcance_actual()
    vacio = {"mesa": "", "decidir": True, "politico": True, "mesa_estado": True,
             "elegibles": [], "elegida": None, "proponer": True, "metas": [],
             "indicadores": [], "reenviar": True, "devueltas": []}  # fmt: skip
    if not permisos.puede_ver_mesa(alcance, sector):
        return vacio | {"lista": fm.alerta("No tiene acceso a esta mesa.")}
    with data.sesion_lectura() as s:
        mesa = registros.mesa_de_sector(s, sector)
        if mesa is None:
            return vacio | {"lista": fm.alerta(f"No existe la mesa del sector «{sector}».")}
        politico = politico_de(mesa)
        escribe = permisos.puede_escribir_mesa(alcance, sector)
        aprueba = permisos.puede_aprobar_en_mesa(alcance, politico)
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
            historia = [
                html.Li(
                    f"{d.fecha:%d/%m/%Y} · {d.accion.replace('_', ' ')} por {d.usuario}"
                    + (f": «{d.nota}»" if d.nota else ""),
                    className="small",
                )  # fmt: skip
                for d in e.decisiones
            ]
            vinculos = ", ".join([m.codigo for m in e.metas] + [i.codigo for i in e.indicadores])
            situacion = (
                " · Devuelta a la mesa" if e.devuelta_en else
                (" · Espera la decisión del coordinador político" if espera else "")
            )  # fmt: skip
            tarjetas.append(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.H3(
                                [
                                    f"N.º {e.id} ",
                                    dbc.Badge(ESTADOS[estado], color=COLORES[estado]),
                                ],  # fmt: skip
                                className="h6",
                            ),
                            html.P(e.descripcion, className="mb-1"),
                            html.P(
                                f"Responsable: {e.responsable} · Atiende: {vinculos or '—'} · "
                                f"Propuesta por {e.propuesta_por or '—'}{situacion}",
                                className="small text-muted mb-1",
                            ),
                            html.Ul(historia, className="mb-0"),
                        ]
                    ),
                    className="mb-2",
                    id={"tipo": f"{P}-estrategia", "id": e.id},
                )
            )
        pedida = (params or {}).get("estrategia")
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
            "metas": [{"label": c, "value": c} for c in metas],
            "indicadores": [{"label": c, "value": c} for c in indicadores],
        }


@callback(
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
)
def mostrar_cuellos(params: dict[str, Any] | None, _v: int | None) -> dict[str, Any]:
    """The mesa's bottlenecks with the goals and indicators they hold back, and their forms."""
    from dashboard import data

    sector = str((params or {}).get("sector") or "")
    alcance = data.alcance_actual()
    vacio = {"lista": "", "form": True, "estado_bloque": True, "elegibles": [],
             "instituciones": [], "metas": [], "indicadores": []}  # fmt: skip
    if not permisos.puede_ver_mesa(alcance, sector):
        return vacio
    with data.sesion_lectura() as s:
        mesa = registros.mesa_de_sector(s, sector)
        if mesa is None:
            return vacio
        escribe = permisos.puede_escribir_mesa(alcance, sector)
        metas, indicadores = registros.codigos_vinculables(s, sector)
        cuellos = propuestas.cuellos_de_mesa(s, mesa)
        filas = [
            html.Tr(
                [
                    html.Td(c.id),
                    html.Td(c.descripcion),
                    html.Td(
                        AMBITOS[c.ambito.value]
                        + (f" ({c.institucion.sigla})" if c.institucion else "")
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
        lista: Any = (
            dbc.Table(
                [html.Thead(html.Tr([html.Th(t) for t in encabezado])), html.Tbody(filas)],
                size="sm",
                striped=True,
                responsive=True,
                id=f"{P}-tabla-cuellos",
            )  # fmt: skip
            if filas
            else html.P("La mesa no tiene cuellos de botella registrados.")
        )
        return {
            "lista": lista,
            "form": not escribe,
            "estado_bloque": not cuellos,
            "elegibles": fm.opciones(
                [(c.id, f"N.º {c.id}: {c.descripcion[:80]}") for c in cuellos]
            ),
            "instituciones": fm.opciones(
                [("", "—")]
                + [(i.sigla, f"{i.sigla} — {i.nombre}") for i in registros.instituciones(s)]
            ),
            "metas": [{"label": c, "value": c} for c in metas],
            "indicadores": [{"label": c, "value": c} for c in indicadores],
        }


_SALIDAS = {
    "resultado": Output(f"{P}-resultado", "children", allow_duplicate=True),
    "version": Output(f"{P}-version", "data", allow_duplicate=True),
    "token": Output(f"{P}-token", "data", allow_duplicate=True),
}
_COMUNES = {
    "elegida": State(f"{P}-elegida", "value"),
    "nota": State(f"{P}-nota", "value"),
    "version": State(f"{P}-version", "data"),
    "token": State(f"{P}-token", "data"),
}


def _ident(valor: Any) -> int:
    try:
        return int(str(valor))
    except ValueError:
        raise servicio.ErrorMesa("Elija la estrategia.") from None


def _responder(respuesta: fm.Respuesta, version: int | None) -> dict[str, Any]:
    return {
        "resultado": respuesta.alerta,
        "version": (version or 0) + (1 if respuesta.guardado else 0),
        "token": fm.tras_guardar(respuesta, {})[0],
    }


@callback(
    output=_SALIDAS,
    inputs={"_n": Input(f"{P}-aprobar", "n_clicks"), **_COMUNES},
    running=fm.mientras_guarda(f"{P}-aprobar"),
    prevent_initial_call=True,
)
def aprobar(_n: Any, elegida: Any, nota: Any, version: Any, token: Any) -> Any:
    """Approve the chosen strategy (the service checks the political coordinator)."""

    def accion(s: Any, actor: Alcance) -> str:
        servicio.cambiar_estado_estrategia(s, _ident(elegida), "aprobada", nota=nota, actor=actor)
        return "Estrategia aprobada."

    return _responder(fm.escribir(accion, token=token, formulario="aprobar_estrategia"), version)


@callback(
    output=_SALIDAS,
    inputs={"_n": Input(f"{P}-devolver", "n_clicks"), **_COMUNES},
    running=fm.mientras_guarda(f"{P}-devolver"),
    prevent_initial_call=True,
)
def devolver(_n: Any, elegida: Any, nota: Any, version: Any, token: Any) -> Any:
    """Return the chosen strategy to the mesa with the note."""

    def accion(s: Any, actor: Alcance) -> str:
        servicio.devolver_estrategia(s, _ident(elegida), nota=nota or "", actor=actor)
        return "Estrategia devuelta a la mesa con su nota."

    return _responder(fm.escribir(accion, token=token, formulario="devolver_estrategia"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-cambiar", "n_clicks"),
        "estado": State(f"{P}-nuevo-estado", "value"),
        **_COMUNES,
    },  # fmt: skip
    running=fm.mientras_guarda(f"{P}-cambiar"),
    prevent_initial_call=True,
)
def cambiar(_n: Any, estado: Any, elegida: Any, nota: Any, version: Any, token: Any) -> Any:
    """Move the chosen strategy to the status chosen (en ejecución, concluida, descartada)."""

    def accion(s: Any, actor: Alcance) -> str:
        e = servicio.cambiar_estado_estrategia(
            s, _ident(elegida), str(estado or ""), nota=nota, actor=actor
        )
        return f"La estrategia N.º {e.id} quedó «{ESTADOS[e.estado.value]}»."

    return _responder(fm.escribir(accion, token=token, formulario="estado_estrategia"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-registrar", "n_clicks"),
        "params": State(f"{P}-params", "data"),
        "descripcion": State(f"{P}-descripcion", "value"),
        "responsable": State(f"{P}-responsable", "value"),
        "metas": State(f"{P}-metas", "value"),
        "indicadores": State(f"{P}-indicadores", "value"),
        "version": State(f"{P}-version", "data"),
        "token": State(f"{P}-token", "data"),
    },
    running=fm.mientras_guarda(f"{P}-registrar"),
    prevent_initial_call=True,
)
def registrar(
    _n: Any,
    params: Any,
    descripcion: Any,
    responsable: Any,
    metas: Any,
    indicadores: Any,
    version: Any,
    token: Any,
) -> Any:
    """Propose a strategy in this mesa (linked to the sector's own goals and indicators)."""
    sector = str((params or {}).get("sector") or "")

    def accion(s: Any, actor: Alcance) -> str:
        e = servicio.registrar_estrategia(
            s, sector, descripcion=descripcion or "", responsable=responsable or "",
            metas=list(metas or []), indicadores=list(indicadores or []), actor=actor,
        )  # fmt: skip
        return f"Estrategia N.º {e.id} propuesta: espera la decisión del coordinador político."

    return _responder(fm.escribir(accion, token=token, formulario="proponer_estrategia"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-reenviar", "n_clicks"),
        "devuelta": State(f"{P}-devuelta", "value"),
        "descripcion": State(f"{P}-nueva-descripcion", "value"),
        "nota": State(f"{P}-nota-reenvio", "value"),
        "version": State(f"{P}-version", "data"),
        "token": State(f"{P}-token", "data"),
    },
    running=fm.mientras_guarda(f"{P}-reenviar"),
    prevent_initial_call=True,
)
def reenviar(_n: Any, devuelta: Any, descripcion: Any, nota: Any, version: Any, token: Any) -> Any:
    """Send a returned strategy again to the political coordinator, its description corrected."""

    def accion(s: Any, actor: Alcance) -> str:
        e = servicio.reenviar_estrategia(
            s, _ident(devuelta), descripcion=descripcion or "", nota=nota, actor=actor
        )
        return f"Estrategia N.º {e.id} reenviada: espera la decisión del coordinador político."

    return _responder(fm.escribir(accion, token=token, formulario="reenviar_estrategia"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-cuello-registrar", "n_clicks"),
        "params": State(f"{P}-params", "data"),
        "descripcion": State(f"{P}-cuello-descripcion", "value"),
        "ambito": State(f"{P}-cuello-ambito", "value"),
        "institucion": State(f"{P}-cuello-institucion", "value"),
        "fecha": State(f"{P}-cuello-fecha", "value"),
        "metas": State(f"{P}-cuello-metas", "value"),
        "indicadores": State(f"{P}-cuello-indicadores", "value"),
        "version": State(f"{P}-version", "data"),
        "token": State(f"{P}-token", "data"),
    },
    running=fm.mientras_guarda(f"{P}-cuello-registrar"),
    prevent_initial_call=True,
)
def registrar_cuello(
    _n: Any,
    params: Any,
    descripcion: Any,
    ambito: Any,
    institucion: Any,
    fecha: Any,
    metas: Any,
    indicadores: Any,
    version: Any,
    token: Any,
) -> Any:
    """Record a bottleneck of this mesa (linked to the sector's own goals and indicators)."""
    sector = str((params or {}).get("sector") or "")

    def accion(s: Any, actor: Alcance) -> str:
        c = servicio.registrar_cuello_botella(
            s, sector, descripcion=descripcion or "", ambito=str(ambito or ""),
            identificado_en=fm.leer_fecha(fecha, "identificado el"), metas=list(metas or []),
            indicadores=list(indicadores or []), institucion=institucion or None, actor=actor,
        )  # fmt: skip
        return f"Cuello de botella N.º {c.id} registrado."

    return _responder(fm.escribir(accion, token=token, formulario="registrar_cuello"), version)


@callback(
    output=_SALIDAS,
    inputs={
        "_n": Input(f"{P}-cuello-cambiar", "n_clicks"),
        "elegido": State(f"{P}-cuello-elegido", "value"),
        "estado": State(f"{P}-cuello-estado", "value"),
        "version": State(f"{P}-version", "data"),
        "token": State(f"{P}-token", "data"),
    },
    running=fm.mientras_guarda(f"{P}-cuello-cambiar"),
    prevent_initial_call=True,
)
def cambiar_cuello(_n: Any, elegido: Any, estado: Any, version: Any, token: Any) -> Any:
    """Mark the chosen bottleneck as overcome, or open it again."""

    def accion(s: Any, actor: Alcance) -> str:
        try:
            ident = int(str(elegido))
        except ValueError:
            raise servicio.ErrorMesa("Elija el cuello de botella.") from None
        c = servicio.cambiar_estado_cuello(s, ident, str(estado or ""), actor=actor)
        return f"El cuello de botella N.º {c.id} quedó «{ESTADOS_CUELLO[c.estado.value]}»."

    return _responder(fm.escribir(accion, token=token, formulario="estado_cuello"), version)
