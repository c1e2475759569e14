"""Usuarios (``/usuarios``): the admin manages SIGPRET's users without a shell (issue #13).

Lists every user (role, scope, e-mail, state); creates one with a role and its scope (sectors
for a minister or mesa coordinator, the institution for a UPGRET) and a temporary password;
disables (their sessions close), re-enables, and resets a password. A temporary password is
shown once, in this page, and the user must replace it at the login that uses it.

Only ``admin`` sees it: the navbar hides the link from other roles, the layout sent to them holds
only a message, and every callback reads and writes through :mod:`data_layer.usuarios`, whose
services refuse anyone but an admin, so a forged request gets the refusal and changes nothing.
Each write goes through :func:`dashboard.components.formularios.escribir` (one transaction, a
submission token: a double click writes once) and carries the version the list loaded (someone
else's change in between is refused).

URL parameters: none.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html

from dashboard.components import formularios as fm
from dashboard.components.atributos import aria
from data_layer import permisos, usuarios
from data_layer.auth import Alcance

dash.register_page(
    __name__,
    path="/usuarios",
    name="Usuarios",
    title="Usuarios | SIGPRET",
    description="Usuarios de SIGPRET: crear, deshabilitar, rehabilitar y restablecer la clave.",
    order=105,
    roles=("admin",),
)

P = "usuarios"
#: How each role is called in the page.
ROLES = {
    "presidencia": "Presidencia",
    "ministro": "Ministro(a)",
    "coordinador_mesa": "Coordinador(a) de mesa",
    "upgret": "UPGRET (unidad de planificación de una institución)",
    "analista": "Analista de la DIGER",
    "admin": "Administrador(a)",
}
ACCIONES = ("deshabilitar", "rehabilitar", "restablecer")
VACIOS_CREAR: dict[str, Any] = {
    "usuario": "",
    "nombre": "",
    "correo": "",
    "rol": None,
    "alcance": [],
}


def _puede() -> bool:
    from dashboard import data

    return permisos.puede_administrar_usuarios(data.alcance_actual())


def _sin_permiso() -> dbc.Alert:
    return fm.alerta(permisos.SIN_PERMISO_USUARIOS, "warning")


def _clave_mostrada(temporal: usuarios.ClaveTemporal, que: str) -> dbc.Alert:
    """The temporary password, shown this once."""
    return dbc.Alert(
        [
            html.P(
                [f"{que} Clave temporal de «{temporal.usuario}»: ", html.Code(temporal.clave)],
                className="mb-1",
            ),
            html.P(
                "Cópiela ahora y entréguela a la persona por un medio seguro: no se volverá a "
                "mostrar. Sirve para un solo inicio de sesión, en el que SIGPRET le pedirá "
                "elegir su propia clave.",
                className="mb-0 small",
            ),
        ],
        color="success",
        id=f"{P}-clave-temporal",
        className="mt-3",
    )


def _formulario_crear() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Crear usuario", className="h5"),
                fm.campo_token(f"{P}-crear-token"),
                dbc.Row(
                    [
                        dbc.Col(
                            fm.campo(
                                "Usuario",
                                dbc.Input(id=f"{P}-usuario", maxLength=60, autoComplete="off"),
                                "3 a 60 minúsculas, dígitos, punto o guion (p. ej. upgret.sesal).",
                            ),
                            md=4,
                        ),
                        dbc.Col(
                            fm.campo("Nombre completo", dbc.Input(id=f"{P}-nombre", maxLength=200)),
                            md=4,
                        ),
                        dbc.Col(
                            fm.campo(
                                "Correo electrónico",
                                dbc.Input(id=f"{P}-correo", type="email", maxLength=254),
                            ),
                            md=4,
                        ),
                    ],
                    className="g-2",
                ),
                dbc.Row(
                    [
                        dbc.Col(
                            fm.campo(
                                "Rol",
                                dcc.Dropdown(
                                    id=f"{P}-rol",
                                    options=[{"value": v, "label": e} for v, e in ROLES.items()],
                                    placeholder="Elija el rol",
                                ),
                            ),
                            md=4,
                        ),
                        dbc.Col(
                            html.Div(
                                [
                                    dbc.Label(
                                        "Alcance", html_for=f"{P}-alcance", className="fw-semibold"
                                    ),
                                    dcc.Dropdown(
                                        id=f"{P}-alcance", multi=True, options=[], disabled=True
                                    ),
                                    dbc.FormText(
                                        usuarios.AYUDA_ALCANCE["ninguno"], id=f"{P}-alcance-ayuda"
                                    ),
                                ],
                                className="mb-3",
                            ),
                            md=8,
                        ),
                    ],
                    className="g-2",
                ),
                dbc.Button("Crear usuario", id=f"{P}-crear", color="primary"),
                html.Div(id=f"{P}-crear-resultado", **aria(live="polite")),
            ]
        ),
        className="mb-3",
    )


def _formulario_acciones() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Deshabilitar, rehabilitar o restablecer la clave", className="h5"),
                fm.campo_token(f"{P}-accion-token"),
                fm.campo(
                    "Usuario",
                    dcc.Dropdown(id=f"{P}-elegido", options=[], placeholder="Elija el usuario"),
                    "Deshabilitar cierra sus sesiones al instante. Restablecer le da una clave "
                    "temporal y cierra sus sesiones.",
                ),
                html.Div(
                    [
                        dbc.Button("Deshabilitar", id=f"{P}-deshabilitar", color="danger"),
                        dbc.Button("Rehabilitar", id=f"{P}-rehabilitar", color="secondary"),
                        dbc.Button("Restablecer clave", id=f"{P}-restablecer", color="warning"),
                    ],
                    className="d-flex flex-wrap gap-2",
                ),
                html.Div(id=f"{P}-accion-resultado", **aria(live="polite")),
            ]
        ),
        className="mb-3",
    )


def layout(**_kwargs: Any) -> html.Div:
    """The page skeleton (the list arrives by callback); to anyone but an admin, a message."""
    from dashboard import data

    titulo = html.H1("Usuarios", className="pagina-titulo")
    if data.alcance_actual() is not None and not _puede():
        return html.Div([titulo, _sin_permiso()])
    return html.Div(
        [
            titulo,
            html.P(
                "Cree los usuarios con su rol y alcance, deshabilítelos o restablezca su clave. "
                "Cada cambio queda en la auditoría. Cada persona pone su correo y elige qué "
                "correos recibe en «Mi cuenta».",
                className="pagina-subtitulo mb-2",
            ),
            dcc.Store(id=f"{P}-recarga", data=0),
            dcc.Store(id=f"{P}-versiones", data={}),
            _formulario_crear(),
            _formulario_acciones(),
            html.H2("Usuarios registrados", className="h5"),
            html.Div(id=f"{P}-lista"),
        ]
    )


def _tabla(filas: list[usuarios.FilaUsuario]) -> dbc.Table:
    encabezado = ["Usuario", "Nombre", "Rol", "Alcance", "Correo", "Estado"]
    cuerpo = [
        html.Tr(
            [
                html.Td(f.usuario),
                html.Td(f.nombre),
                html.Td(ROLES.get(f.rol, f.rol)),
                html.Td(f.alcance or "—"),
                html.Td(f.correo or "—"),
                html.Td(
                    ("Activo" if f.activo else "Deshabilitado")
                    + (" · debe cambiar la clave" if f.debe_cambiar_clave else "")
                ),
            ],
            id={"type": f"{P}-fila", "usuario": f.usuario},
        )
        for f in filas
    ]
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t, scope="col") for t in encabezado])), html.Tbody(cuerpo)],
        striped=True,
        hover=True,
        responsive=True,
        size="sm",
        id=f"{P}-tabla",
    )


@callback(
    output={
        "lista": Output(f"{P}-lista", "children"),
        "opciones": Output(f"{P}-elegido", "options"),
        "versiones": Output(f"{P}-versiones", "data"),
    },
    inputs={"_recarga": Input(f"{P}-recarga", "data")},
)
def listar(_recarga: int | None) -> dict[str, Any]:
    """The users (read again after every write), the chooser's options and their versions."""
    from dashboard import data

    alcance = data.alcance_actual()
    if not permisos.puede_administrar_usuarios(alcance):
        return {"lista": _sin_permiso(), "opciones": [], "versiones": {}}
    assert alcance is not None
    with data.sesion_lectura() as s:
        filas = usuarios.listar(s, alcance)
    return {
        "lista": _tabla(filas),
        "opciones": fm.opciones(
            [
                (f.usuario, f"{f.usuario} ({'activo' if f.activo else 'deshabilitado'})")
                for f in filas
            ]
        ),
        "versiones": {f.usuario: f.version for f in filas},
    }


@callback(
    output={
        "opciones": Output(f"{P}-alcance", "options"),
        "deshabilitado": Output(f"{P}-alcance", "disabled"),
        "valor": Output(f"{P}-alcance", "value"),
        "ayuda": Output(f"{P}-alcance-ayuda", "children"),
    },
    inputs={"rol": Input(f"{P}-rol", "value")},
    prevent_initial_call=True,
)
def alcance_del_rol(rol: str | None) -> dict[str, Any]:
    """The scope a role takes: sectors, one institution, or none."""
    from dashboard import data

    tipo = usuarios.tipo_alcance(rol)
    if not _puede() or tipo == "ninguno":
        return {
            "opciones": [],
            "deshabilitado": True,
            "valor": [],
            "ayuda": usuarios.AYUDA_ALCANCE["ninguno"],
        }
    with data.sesion_lectura() as s:
        pares = usuarios.opciones_alcance(s, rol)
    return {
        "opciones": fm.opciones(pares),
        "deshabilitado": False,
        "valor": [],
        "ayuda": usuarios.AYUDA_ALCANCE[tipo],
    }


@callback(
    output={
        "resultado": Output(f"{P}-crear-resultado", "children"),
        "token": Output(f"{P}-crear-token", "data"),
        "recarga": Output(f"{P}-recarga", "data", allow_duplicate=True),
        "campos": {c: Output(f"{P}-{c}", "value") for c in VACIOS_CREAR},
    },
    inputs={"_n": Input(f"{P}-crear", "n_clicks")},
    state={
        "campos": {c: State(f"{P}-{c}", "value") for c in VACIOS_CREAR},
        "token": State(f"{P}-crear-token", "data"),
        "recarga": State(f"{P}-recarga", "data"),
    },
    running=fm.mientras_guarda(f"{P}-crear"),
    prevent_initial_call=True,
)
def crear(
    _n: int | None, campos: dict[str, Any], token: Any, recarga: int | None
) -> dict[str, Any]:
    """Create the user; on success show their temporary password once and empty the form."""
    creada: list[usuarios.ClaveTemporal] = []

    def accion(s: Any, actor: Alcance) -> str:
        alcance = campos.get("alcance") or []
        temporal = usuarios.crear(
            s,
            actor,
            usuario=str(campos.get("usuario") or ""),
            rol=str(campos.get("rol") or ""),
            alcance=[str(a) for a in (alcance if isinstance(alcance, list) else [alcance])],
            nombre=str(campos.get("nombre") or ""),
            correo=str(campos.get("correo") or ""),
        )
        creada.append(temporal)
        return f"Usuario «{temporal.usuario}» creado."

    respuesta = fm.escribir(accion, token=token, formulario="usuarios-crear")
    nuevo_token, valores = fm.tras_guardar(respuesta, VACIOS_CREAR)
    resultado: Any = respuesta.alerta
    if creada and respuesta.estado == "guardado":
        resultado = _clave_mostrada(creada[0], f"Usuario «{creada[0].usuario}» creado.")
    elif respuesta.estado == "repetido":
        resultado = dash.no_update  # the first send's answer (with the password) stays
    return {
        "resultado": resultado,
        "token": nuevo_token,
        "recarga": (recarga or 0) + 1 if respuesta.guardado else dash.no_update,
        "campos": valores,
    }


@callback(
    output={
        "resultado": Output(f"{P}-accion-resultado", "children"),
        "token": Output(f"{P}-accion-token", "data"),
        "recarga": Output(f"{P}-recarga", "data", allow_duplicate=True),
    },
    inputs={a: Input(f"{P}-{a}", "n_clicks") for a in ACCIONES},
    state={
        "elegido": State(f"{P}-elegido", "value"),
        "versiones": State(f"{P}-versiones", "data"),
        "token": State(f"{P}-accion-token", "data"),
        "recarga": State(f"{P}-recarga", "data"),
    },
    running=[(Output(f"{P}-{a}", "disabled"), True, False) for a in ACCIONES],
    prevent_initial_call=True,
)
def actuar(
    elegido: str | None,
    versiones: dict[str, int] | None,
    token: Any,
    recarga: int | None,
    deshabilitar: int | None = None,
    rehabilitar: int | None = None,
    restablecer: int | None = None,
) -> dict[str, Any]:
    """Disable, re-enable or reset the chosen user, against the version the list loaded."""
    que = str(ctx.triggered_id or "").removeprefix(f"{P}-")
    if not elegido or que not in ACCIONES:
        return {
            "resultado": fm.alerta("Elija primero el usuario.", "warning"),
            "token": dash.no_update,
            "recarga": dash.no_update,
        }
    usuario = str(elegido)
    version = (versiones or {}).get(usuario)
    temporal: list[usuarios.ClaveTemporal] = []

    def accion(s: Any, actor: Alcance) -> str:
        if version is None:
            raise usuarios.ErrorUsuario(f"No existe el usuario «{usuario}».")
        if que == "deshabilitar":
            cambio = usuarios.deshabilitar(s, actor, usuario, version=int(version))
            return (
                f"Usuario «{usuario}» deshabilitado; sus sesiones se cerraron."
                if cambio
                else f"«{usuario}» ya estaba deshabilitado: no cambió nada."
            )
        if que == "rehabilitar":
            cambio = usuarios.rehabilitar(s, actor, usuario, version=int(version))
            return (
                f"Usuario «{usuario}» rehabilitado: puede volver a entrar con su clave."
                if cambio
                else f"«{usuario}» ya estaba activo: no cambió nada."
            )
        temporal.append(usuarios.restablecer_clave(s, actor, usuario, version=int(version)))
        return f"Clave de «{usuario}» restablecida."

    respuesta = fm.escribir(accion, token=token, formulario=f"usuarios-{que}")
    nuevo_token, _ = fm.tras_guardar(respuesta, {})
    resultado: Any = respuesta.alerta
    if temporal and respuesta.estado == "guardado":
        resultado = _clave_mostrada(
            temporal[0], f"Clave de «{usuario}» restablecida; sus sesiones se cerraron."
        )
    elif respuesta.estado == "repetido":
        resultado = dash.no_update
    return {
        "resultado": resultado,
        "token": nuevo_token,
        "recarga": (recarga or 0) + 1 if respuesta.guardado else dash.no_update,
    }
