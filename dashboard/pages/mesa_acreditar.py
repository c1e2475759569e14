"""Acreditar miembros (``/mesas/<sector>/acreditar``): accredit a member of a mesa.

The form: institution, name, cargo, level, contact, whether the person is the institution's
UPGRET director, and the accreditation date. At most 3 active technical members per institution,
the UPGRET director included: the service refuses a fourth and says who fills the places. Below
the form, the active members by institution. Only the mesa's coordinators, analistas and admin see
the form; the service refuses anyone else, even a forged callback. Each form render accredits
once (a double click adds nobody twice); after a success the form is cleared, after a refusal
what was typed stays.

URL: ``/mesas/SAL/acreditar``.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard.components import formularios as fm
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import registros, reglas, servicio
from data_layer.mesas.contenido import nombre_mesa
from data_layer.mesas.opciones import opciones_instituciones

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/acreditar",
    name="Acreditar miembros",
    title="Acreditar miembros | SIGPRET",
    # Before /mesas/<sector> (order 21): Dash matches templates in order and "<sector>" would
    # also match "SAL/convocar".
    order=19,
    description="Acreditación de miembros de una mesa sectorial.",
)

P = "mesa-acreditar"
NIVELES = {"tecnico": "Técnico-operativo", "politico": "Político"}


def layout(sector: str | None = None, **_kwargs: Any) -> html.Div:
    """The form skeleton (no data); options and members arrive through a callback.

    Args:
        sector: the mesa's sector code, from the path.
    """
    return html.Div(
        [
            dcc.Store(id=f"{P}-params", data={"sector": sector}),
            dcc.Store(id=f"{P}-version", data=0),
            fm.campo_token(f"{P}-token"),
            html.H1("Acreditar miembros de la mesa", className="h3"),
            html.P(id=f"{P}-mesa", className="text-muted"),
            html.Div(id=f"{P}-permiso"),
            html.Div(
                id=f"{P}-formulario",
                hidden=True,
                children=[
                    dbc.Alert(
                        f"Cada institución puede acreditar como máximo "
                        f"{reglas.MAX_MIEMBROS_TECNICOS} miembros técnicos activos, incluido el "
                        "director(a) de la UPGRET.",
                        color="info",
                    ),
                    fm.campo(
                        "Institución",
                        dbc.Select(id=f"{P}-institucion", placeholder="Seleccione…"),
                    ),
                    dbc.Row(
                        [
                            dbc.Col(fm.campo("Nombre", dbc.Input(id=f"{P}-nombre")), md=6),
                            dbc.Col(fm.campo("Cargo", dbc.Input(id=f"{P}-cargo")), md=6),
                        ]
                    ),
                    dbc.Row(
                        [
                            dbc.Col(
                                fm.campo(
                                    "Correo electrónico", dbc.Input(id=f"{P}-correo", type="email")
                                ),
                                md=6,
                            ),
                            dbc.Col(fm.campo("Teléfono", dbc.Input(id=f"{P}-telefono")), md=6),
                        ]
                    ),
                    fm.campo(
                        "Nivel",
                        dbc.RadioItems(
                            id=f"{P}-nivel",
                            options=fm.opciones(list(NIVELES.items())),
                            value="tecnico",
                            inline=True,
                        ),
                    ),
                    dbc.Checkbox(
                        id=f"{P}-director",
                        label="Es el director(a) de la UPGRET de su institución",
                        value=False,
                        className="mb-3",
                    ),
                    fm.campo("Fecha de acreditación", fm.entrada_fecha(f"{P}-fecha")),
                    dbc.Button("Acreditar", id=f"{P}-enviar", color="primary"),
                    html.Div(id=f"{P}-resultado", role="status"),
                ],
            ),
            html.H2("Miembros acreditados", className="h5 mt-4"),
            html.Div(id=f"{P}-miembros"),
        ]
    )


@callback(
    Output(f"{P}-mesa", "children"),
    Output(f"{P}-permiso", "children"),
    Output(f"{P}-formulario", "hidden"),
    Output(f"{P}-institucion", "options"),
    Output(f"{P}-miembros", "children"),
    Input(f"{P}-params", "data"),
    Input(f"{P}-version", "data"),
)
def mostrar(params: dict[str, Any] | None, _version: int | None) -> tuple[Any, ...]:
    """The mesa's name, the form (to those who may write) and the active members."""
    from dashboard import data

    sector = str((params or {}).get("sector") or "")
    if not permisos.puede_ver_mesa(data.alcance_actual(), sector):
        return "", fm.alerta("No tiene acceso a esta mesa."), True, [], None
    with data.sesion_lectura() as s:
        mesa = registros.mesa_de_sector(s, sector)
        if mesa is None:
            return "", fm.alerta(f"No existe la mesa del sector «{sector}»."), True, [], None
        nombre = nombre_mesa(mesa)
        instituciones = opciones_instituciones(s, sector)
        miembros = registros.miembros_activos(s, mesa)
        filas = [
            html.Tr(
                [
                    html.Td(m.institucion.sigla),
                    html.Td(m.nombre),
                    html.Td(m.cargo),
                    html.Td(NIVELES[m.nivel.value]),
                    html.Td("Sí" if m.es_director_upgret else ""),
                    html.Td(m.acreditado_en.strftime("%d/%m/%Y")),
                ]
            )
            for m in miembros
        ]
    tabla = (
        dbc.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th(t)
                            for t in (
                                "Institución",
                                "Nombre",
                                "Cargo",
                                "Nivel",
                                "Director(a) UPGRET",
                                "Acreditado(a) el",
                            )
                        ]
                    )
                ),
                html.Tbody(filas),
            ],
            size="sm",
            striped=True,
            responsive=True,
        )
        if filas
        else html.P("La mesa aún no tiene miembros acreditados.")
    )
    if not fm.puede_escribir(sector):
        return nombre, fm.alerta(fm.SIN_PERMISO, "warning"), True, [], tabla
    return nombre, None, False, instituciones, tabla


#: The fields the accreditation form resets after a success, with their empty (or default)
#: values: the next person inherits nothing from the previous one, not even the institution.
VACIOS = {
    "institucion": None,
    "nombre": "",
    "cargo": "",
    "correo": "",
    "telefono": "",
    "nivel": "tecnico",
    "director": False,
    "fecha": None,
}


@callback(
    output={
        "resultado": Output(f"{P}-resultado", "children"),
        "version": Output(f"{P}-version", "data"),
        "token": Output(f"{P}-token", "data"),
        "campos": {c: Output(f"{P}-{c}", "value") for c in VACIOS},
    },
    inputs={
        "_n": Input(f"{P}-enviar", "n_clicks"),
        "params": State(f"{P}-params", "data"),
        "institucion": State(f"{P}-institucion", "value"),
        "nombre": State(f"{P}-nombre", "value"),
        "cargo": State(f"{P}-cargo", "value"),
        "correo": State(f"{P}-correo", "value"),
        "telefono": State(f"{P}-telefono", "value"),
        "nivel": State(f"{P}-nivel", "value"),
        "director": State(f"{P}-director", "value"),
        "fecha": State(f"{P}-fecha", "value"),
        "version": State(f"{P}-version", "data"),
        "token": State(f"{P}-token", "data"),
    },
    running=fm.mientras_guarda(f"{P}-enviar"),
    prevent_initial_call=True,
)
def acreditar(
    _n: int | None,
    params: dict[str, Any] | None,
    institucion: str | None,
    nombre: str | None,
    cargo: str | None,
    correo: str | None,
    telefono: str | None,
    nivel: str | None,
    director: bool | None,
    fecha: str | None,
    version: int | None,
    token: str | None,
) -> dict[str, Any]:
    """Accredit the member (guarded, idempotent write); the refusal says why."""
    sector = str((params or {}).get("sector") or "")

    def accion(s: Any, actor: Alcance) -> str:
        miembro = servicio.acreditar_miembro(
            s,
            sector,
            institucion=institucion or "",
            nombre=nombre or "",
            cargo=cargo or "",
            nivel=nivel or "",
            acreditado_en=fm.leer_fecha(fecha, "fecha de acreditación"),
            correo=correo,
            telefono=telefono,
            es_director_upgret=bool(director),
            actor=actor,
        )
        return f"{miembro.nombre} quedó acreditado(a) por {miembro.institucion.sigla}."

    respuesta = fm.escribir(accion, token=token, formulario="acreditar_miembro")
    nuevo_token, campos = fm.tras_guardar(respuesta, VACIOS)
    return {
        "resultado": respuesta.alerta,
        "version": (version or 0) + (1 if respuesta.guardado else 0),
        "token": nuevo_token,
        "campos": campos,
    }
