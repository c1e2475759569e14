"""Convocar una sesión (``/mesas/<sector>/convocar``): the convocatoria form of a mesa.

Fields: level, date sent, date and time, place, agenda (one item per line, required). When the
session is fewer than 5 days after the date sent, the form asks for the justification (the
session is then flagged ``convocatoria_tardia``). Open acuerdos of earlier sessions are added to
the agenda by the service. Only the mesa's coordinators, analistas and admin see the form; the
service refuses anyone else, even a forged callback. A second click on «Convocar» (or a resent
request) convenes nothing more: the form's token is already claimed; after a success the form is
cleared for the next convocatoria, after a refusal what was typed stays.

URL: ``/mesas/SAL/convocar``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard.components import formularios as fm
from data_layer import formato
from data_layer.auth import Alcance
from data_layer.mesas import registros, reglas, servicio
from data_layer.mesas.contenido import nombre_mesa

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/convocar",
    name="Convocar sesión",
    title="Convocar sesión | SIGPRET",
    # Before /mesas/<sector> (order 21): Dash matches templates in order and "<sector>" would
    # also match "SAL/convocar".
    order=19,
    description="Convocatoria a una sesión de la mesa sectorial.",
)

P = "mesa-convocar"


def layout(sector: str | None = None, **_kwargs: Any) -> html.Div:
    """The form skeleton (no data); the permission decides in a callback whether it shows.

    Args:
        sector: the mesa's sector code, from the path.
    """
    return html.Div(
        [
            dcc.Store(id=f"{P}-params", data={"sector": sector}),
            fm.campo_token(f"{P}-token"),
            html.H1("Convocar una sesión", className="h3"),
            html.P(id=f"{P}-mesa", className="text-muted"),
            html.Div(id=f"{P}-permiso"),
            html.Div(
                id=f"{P}-formulario",
                hidden=True,
                children=[
                    fm.campo(
                        "Nivel de la sesión",
                        dbc.RadioItems(
                            id=f"{P}-nivel",
                            options=fm.opciones(
                                [("tecnico", "Técnico-operativo"), ("politico", "Político")]
                            ),
                            value="tecnico",
                            inline=True,
                        ),
                    ),
                    dbc.Row(
                        [
                            dbc.Col(
                                fm.campo(
                                    "Fecha de envío de la convocatoria",
                                    fm.entrada_fecha(f"{P}-enviada"),
                                ),
                                md=4,
                            ),
                            dbc.Col(
                                fm.campo("Fecha de la sesión", fm.entrada_fecha(f"{P}-fecha")),
                                md=4,
                            ),
                            dbc.Col(
                                fm.campo("Hora", fm.entrada_hora(f"{P}-hora")),
                                md=4,
                            ),
                        ]
                    ),
                    fm.campo("Lugar", dbc.Input(id=f"{P}-lugar", type="text", maxLength=300)),
                    fm.campo(
                        "Agenda (un punto por línea)",
                        dbc.Textarea(id=f"{P}-agenda", rows=5),
                        "Los acuerdos abiertos de sesiones anteriores se agregan automáticamente "
                        "como puntos de seguimiento.",
                    ),
                    html.Div(
                        id=f"{P}-bloque-justificacion",
                        hidden=True,
                        children=[
                            dbc.Alert(id=f"{P}-aviso-plazo", color="warning"),
                            fm.campo(
                                "Justificación de la convocatoria tardía",
                                dbc.Textarea(id=f"{P}-justificacion", rows=3),
                            ),
                        ],
                    ),
                    dbc.Button("Convocar", id=f"{P}-enviar", color="primary"),
                    html.Div(id=f"{P}-resultado", role="status"),
                ],
            ),
        ]
    )


@callback(
    Output(f"{P}-mesa", "children"),
    Output(f"{P}-permiso", "children"),
    Output(f"{P}-formulario", "hidden"),
    Input(f"{P}-params", "data"),
)
def mostrar(params: dict[str, Any] | None) -> tuple[str, Any, bool]:
    """The mesa's name, and the form only to users who may write in it."""
    from dashboard import data

    sector = (params or {}).get("sector")
    with data.sesion_lectura() as s:
        mesa = registros.mesa_de_sector(s, sector)
        nombre = nombre_mesa(mesa) if mesa else None
    if nombre is None:
        return "", fm.alerta(f"No existe la mesa del sector «{sector}»."), True
    if not fm.puede_escribir(sector):
        return nombre, fm.alerta(fm.SIN_PERMISO, "warning"), True
    return nombre, None, False


def dias_anticipacion(enviada: str | None, fecha: str | None) -> int | None:
    """Days between the date sent and the session date (None when either is missing or bad)."""
    try:
        sesion, envio = formato.leer_fecha(fecha), formato.leer_fecha(enviada)
    except formato.FechaInvalida:
        return None
    if sesion is None or envio is None:
        return None
    return reglas.dias_anticipacion(dt.datetime.combine(sesion, dt.time()), envio)


@callback(
    Output(f"{P}-bloque-justificacion", "hidden"),
    Output(f"{P}-aviso-plazo", "children"),
    Input(f"{P}-enviada", "value"),
    Input(f"{P}-fecha", "value"),
)
def pedir_justificacion(enviada: str | None, fecha: str | None) -> tuple[bool, str]:
    """Ask for the justification when the session is fewer than 5 days after the date sent."""
    dias = dias_anticipacion(enviada, fecha)
    if dias is None or dias < 0 or not reglas.es_convocatoria_tardia(dias):
        return True, ""
    return False, (
        f"La sesión es {dias} día(s) después del envío; los lineamientos piden al menos "
        f"{reglas.DIAS_MINIMOS_CONVOCATORIA}. Registre la justificación: la convocatoria "
        "quedará señalada como tardía."
    )


#: The fields the convocatoria form resets after a success, with their empty (or default) values.
VACIOS = {
    "nivel": "tecnico",
    "enviada": None,
    "fecha": None,
    "hora": None,
    "lugar": "",
    "agenda": "",
    "justificacion": "",
}


@callback(
    output={
        "resultado": Output(f"{P}-resultado", "children"),
        "token": Output(f"{P}-token", "data"),
        "campos": {c: Output(f"{P}-{c}", "value") for c in VACIOS},
    },
    inputs={
        "_n": Input(f"{P}-enviar", "n_clicks"),
        "params": State(f"{P}-params", "data"),
        "nivel": State(f"{P}-nivel", "value"),
        "enviada": State(f"{P}-enviada", "value"),
        "fecha": State(f"{P}-fecha", "value"),
        "hora": State(f"{P}-hora", "value"),
        "lugar": State(f"{P}-lugar", "value"),
        "agenda": State(f"{P}-agenda", "value"),
        "justificacion": State(f"{P}-justificacion", "value"),
        "token": State(f"{P}-token", "data"),
    },
    running=fm.mientras_guarda(f"{P}-enviar"),
    prevent_initial_call=True,
)
def convocar(
    _n: int | None,
    params: dict[str, Any] | None,
    nivel: str | None,
    enviada: str | None,
    fecha: str | None,
    hora: str | None,
    lugar: str | None,
    agenda: str | None,
    justificacion: str | None,
    token: str | None,
) -> dict[str, Any]:
    """Call the session (guarded, idempotent write); on success link to its page and its PDF."""
    sector = str((params or {}).get("sector") or "")
    creada: dict[str, int] = {}

    def accion(s: Any, actor: Alcance) -> str:
        fecha_hora = dt.datetime.combine(
            fm.leer_fecha(fecha, "fecha de la sesión"), fm.leer_hora(hora, "hora")
        )
        sesion = servicio.convocar_sesion(
            s,
            sector,
            nivel=nivel or "",
            fecha_hora=fecha_hora,
            lugar=lugar or "",
            convocatoria_enviada_en=fm.leer_fecha(enviada, "fecha de envío"),
            agenda=(agenda or "").splitlines(),
            justificacion=justificacion,
            actor=actor,
        )
        creada["id"] = sesion.id
        dias = reglas.dias_anticipacion(fecha_hora, sesion.convocatoria_enviada_en)
        tardia = (
            " Quedó señalada como convocatoria tardía."
            if reglas.es_convocatoria_tardia(dias)
            else ""
        )
        return f"Sesión convocada para el {fecha_hora:%d/%m/%Y a las %H:%M}.{tardia}"

    respuesta = fm.escribir(accion, token=token, formulario="convocar_sesion")
    nuevo_token, campos = fm.tras_guardar(respuesta, VACIOS)
    salida = {"resultado": respuesta.alerta, "token": nuevo_token, "campos": campos}
    if respuesta.estado != "guardado":
        return salida
    ident = creada["id"]
    salida["resultado"] = html.Div(
        [
            respuesta.alerta,
            html.Div(
                [
                    dcc.Link(
                        "Abrir la sesión",
                        href=f"/mesas/{sector}/sesiones/{ident}",
                        id=f"{P}-ir-sesion",
                        className="btn btn-outline-primary me-2",
                    ),
                    html.A(
                        "Descargar convocatoria (PDF)",
                        href=f"/descargas/convocatoria/{ident}.pdf",
                        className="btn btn-outline-secondary",
                    ),
                ]
            ),
        ]
    )
    return salida
