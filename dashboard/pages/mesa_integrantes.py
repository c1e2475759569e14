"""Integrantes y grupos de una mesa (``/mesas/<sector>/integrantes``; issue #11).

What the mesa itself records about its people: accredited members by level and institution,
with «Actualizar contacto» (correo, teléfono) and «Dar de baja» (date and reason; the withdrawn
are listed apart, never deleted); the equipo de apoyo (add a person of one of the mesa's
institutions, optionally with their UPGRET account; «Retirar» with a date); and the grupos de
trabajo (create, change members among the accredited members, close, «Informar a la mesa» as a
note on the agenda of a session whose minutes are not distributed yet).

Everyone who sees the mesa in detail reads the lists; only who may write in it
(:func:`data_layer.permisos.puede_escribir_mesa`) sees the forms, and every write goes through a
service that checks it again: a forged callback (another mesa's member or group id) is refused.
Each form goes through :func:`dashboard.components.formularios.escribir` with its own submission
token; a refusal keeps what was typed and says, in Spanish, that nothing was saved.

URL: ``/mesas/SAL/integrantes``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard.components import formularios as fm
from dashboard.components import integrantes as ui
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import configuracion, servicio
from data_layer.vistas import integrantes as vi

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/integrantes",
    name="Integrantes y grupos",
    title="Integrantes y grupos | SIGPRET",
    # Before /mesas/<sector> (order 21), like the other /mesas/<sector>/… pages.
    order=17,
    description="Miembros, equipo de apoyo y grupos de trabajo de una mesa sectorial.",
)

P = ui.P
#: The forms of the page, each with the fields it resets after a save (their empty values).
FORMULARIOS: dict[str, dict[str, Any]] = {
    "contacto": {"miembro": None, "correo": "", "telefono": ""},
    "baja": {"miembro": None, "fecha": None, "motivo": ""},
    "apoyo": {"institucion": None, "usuario": None, "nombre": "", "rol": "", "correo": ""},
    "retiro": {"apoyo": None, "fecha": None},
    "grupo": {"nombre": "", "tema": "", "coordinador": None, "fecha": None},
    "gmiembros": {"grupo": None, "lista": [], "coordinador": None, "fecha": None},
    "cierre": {"grupo": None, "fecha": None},
    "informe": {"grupo": None, "sesion": None, "nota": ""},
}
#: The selects the page fills with the mesa's choices.
SELECCIONES = (
    "contacto-miembro",
    "baja-miembro",
    "apoyo-institucion",
    "retiro-apoyo",
    "grupo-coordinador",
    "gmiembros-grupo",
    "gmiembros-lista",
    "gmiembros-coordinador",
    "cierre-grupo",
    "informe-grupo",
    "informe-sesion",
)
#: The blocks of forms, hidden to who may not write.
BLOQUES = ("miembros", "apoyo", "grupos")


def layout(sector: str | None = None, **_kwargs: Any) -> html.Div:
    """The page skeleton (no data); lists and choices arrive through a callback.

    Args:
        sector: the mesa's sector code, from the path.
    """

    def bloque(nombre: str, tablas_id: str, formularios: list[Any]) -> Any:
        return html.Div(
            [
                html.Div(id=tablas_id),
                html.Div(
                    formularios,
                    id=f"{P}-formularios-{nombre}",
                    hidden=True,
                    className="row row-cols-1 row-cols-lg-2 g-3",
                ),
            ]
        )

    return html.Div(
        [
            dcc.Store(id=f"{P}-params", data={"sector": sector}),
            dcc.Store(id=f"{P}-datos"),
            html.H1("Integrantes y grupos de la mesa", className="h3"),
            html.P(
                [
                    html.Span(id=f"{P}-mesa", className="me-3"),
                    dcc.Link("‹ Volver a la mesa", href=f"/mesas/{sector}", id=f"{P}-volver"),
                ],
                className="text-muted",
            ),
            html.Div(id=f"{P}-permiso"),
            html.H2("Miembros acreditados", className="h5 mt-3"),
            bloque("miembros", f"{P}-miembros", _columnas(ui.formularios_miembros())),
            html.H2("Equipo de apoyo", className="h5 mt-4"),
            bloque("apoyo", f"{P}-apoyo", _columnas(ui.formularios_apoyo())),
            html.H2("Grupos de trabajo", className="h5 mt-4"),
            bloque("grupos", f"{P}-grupos", _columnas(ui.formularios_grupos())),
        ]
    )


def _columnas(tarjetas: list[Any]) -> list[Any]:
    return [html.Div(t, className="col") for t in tarjetas]


def _versiones() -> dict[str, Input]:
    return {f: Input(f"{P}-{f}-version", "data") for f in FORMULARIOS}


@callback(
    output={
        "mesa": Output(f"{P}-mesa", "children"),
        "permiso": Output(f"{P}-permiso", "children"),
        "miembros": Output(f"{P}-miembros", "children"),
        "apoyo": Output(f"{P}-apoyo", "children"),
        "grupos": Output(f"{P}-grupos", "children"),
        "ocultos": {b: Output(f"{P}-formularios-{b}", "hidden") for b in BLOQUES},
        "opciones": {c: Output(f"{P}-{c}", "options") for c in SELECCIONES},
        "datos": Output(f"{P}-datos", "data"),
    },
    inputs={"params": Input(f"{P}-params", "data"), "_versiones": _versiones()},
)
def mostrar(params: dict[str, Any] | None, _versiones: dict[str, Any]) -> dict[str, Any]:
    """The mesa's people and groups (to who sees the mesa in detail) and, to who may write in
    it, the forms with their choices."""
    from dashboard import data

    sector = str((params or {}).get("sector") or "")
    ocultos = dict.fromkeys(BLOQUES, True)
    vacio: dict[str, Any] = {
        "mesa": "",
        "permiso": None,
        "miembros": None,
        "apoyo": None,
        "grupos": None,
        "ocultos": ocultos,
        "opciones": {c: [] for c in SELECCIONES},
        "datos": None,
    }
    if not permisos.puede_ver_mesa(data.alcance_actual(), sector):
        return {**vacio, "permiso": fm.alerta("No tiene acceso a esta mesa.")}
    with data.sesion_lectura() as s:
        vista = vi.integrantes_mesa(s, sector)
    if vista is None:
        return {**vacio, "permiso": fm.alerta(f"No existe la mesa del sector «{sector}».")}
    listas = {
        "mesa": vista.mesa,
        "miembros": ui.tablas_miembros(vista.miembros, vista.retirados),
        "apoyo": ui.tablas_apoyo(vista.apoyo, vista.apoyo_retirado),
        "grupos": ui.tabla_grupos(vista.grupos),
    }
    if not fm.puede_escribir(sector):
        return {**vacio, **listas, "permiso": fm.alerta(fm.SIN_PERMISO, "warning")}
    miembros = fm.opciones([(str(m.id), m.etiqueta) for m in vista.miembros])
    abiertos = fm.opciones([(str(g.id), g.nombre) for g in vista.grupos_abiertos])
    return {
        **listas,
        "permiso": None,
        "ocultos": dict.fromkeys(BLOQUES, False),
        "opciones": {
            "contacto-miembro": miembros,
            "baja-miembro": miembros,
            "apoyo-institucion": fm.opciones(vista.instituciones),
            "retiro-apoyo": fm.opciones(
                [(str(a.id), f"{a.nombre} ({a.rol})") for a in vista.apoyo]
            ),
            "grupo-coordinador": miembros,
            "gmiembros-grupo": abiertos,
            "gmiembros-lista": fm.opciones([(m.id, m.etiqueta) for m in vista.miembros]),
            "gmiembros-coordinador": miembros,
            "cierre-grupo": abiertos,
            "informe-grupo": abiertos,
            "informe-sesion": fm.opciones([(str(i), e) for i, e in vista.sesiones]),
        },
        "datos": {
            "contactos": {str(m.id): [m.correo, m.telefono] for m in vista.miembros},
            "grupos": {
                str(g.id): [g.miembros_ids, g.coordinador_id] for g in vista.grupos_abiertos
            },
            "upgret": [list(u) for u in vista.upgret],
        },
    }


# --- what a choice fills in -----------------------------------------------------------------------


@callback(
    Output(f"{P}-contacto-correo", "value", allow_duplicate=True),
    Output(f"{P}-contacto-telefono", "value", allow_duplicate=True),
    Input(f"{P}-contacto-miembro", "value"),
    State(f"{P}-datos", "data"),
    prevent_initial_call=True,
)
def cargar_contacto(miembro: str | None, datos: dict[str, Any] | None) -> tuple[str, str]:
    """The chosen member's current e-mail and phone, to edit."""
    correo, telefono = ((datos or {}).get("contactos") or {}).get(str(miembro), ["", ""])
    return correo, telefono


@callback(
    Output(f"{P}-apoyo-usuario", "options"),
    Input(f"{P}-apoyo-institucion", "value"),
    State(f"{P}-datos", "data"),
)
def usuarios_upgret(institucion: str | None, datos: dict[str, Any] | None) -> list[Any]:
    """The active UPGRET users of the chosen institution."""
    return fm.opciones(
        [(u, e) for sigla, u, e in (datos or {}).get("upgret") or [] if sigla == institucion]
    )


@callback(
    Output(f"{P}-gmiembros-lista", "value", allow_duplicate=True),
    Output(f"{P}-gmiembros-coordinador", "value", allow_duplicate=True),
    Output(f"{P}-gmiembros-antes", "data"),
    Input(f"{P}-gmiembros-grupo", "value"),
    State(f"{P}-datos", "data"),
    prevent_initial_call=True,
)
def cargar_grupo(grupo: str | None, datos: dict[str, Any] | None) -> tuple[Any, Any, Any]:
    """The chosen group's members and coordinator, and what the form loaded (a change saved by
    someone else in between is a conflict)."""
    cargado = ((datos or {}).get("grupos") or {}).get(str(grupo))
    if cargado is None:
        return [], None, None
    ids, coordinador = cargado
    return ids, str(coordinador) if coordinador is not None else None, ids


# --- the writes -----------------------------------------------------------------------------------


def _registro(s: Any, tipo: str, valor: Any, sector: str, falta: str) -> int:
    """The id of a record chosen in a form, once it is a ``tipo`` of this page's mesa.

    Raises:
        servicio.ErrorMesa: nothing chosen (``falta``), or not a record of this mesa (a forged
            request: :data:`~dashboard.components.formularios.NO_EXISTE`).
    """
    if valor in (None, ""):
        raise servicio.ErrorMesa(falta)
    if not configuracion.pertenece(s, tipo, valor, sector):
        raise servicio.ErrorMesa(fm.NO_EXISTE)
    return int(valor)


Accion = Callable[[Any, Alcance, str, dict[str, Any]], str]


def _contacto(s: Any, actor: Alcance, sector: str, v: dict[str, Any]) -> str:
    ident = _registro(s, "miembro", v["miembro"], sector, "Elija el miembro.")
    miembro = servicio.actualizar_contacto(
        s, ident, correo=v["correo"], telefono=v["telefono"], actor=actor
    )
    return f"Se actualizó el contacto de {miembro.nombre}."


def _baja(s: Any, actor: Alcance, sector: str, v: dict[str, Any]) -> str:
    ident = _registro(s, "miembro", v["miembro"], sector, "Elija el miembro.")
    miembro = servicio.dar_de_baja_miembro(
        s,
        ident,
        baja_en=fm.leer_fecha(v["fecha"], "fecha de baja"),
        motivo=v["motivo"] or "",
        actor=actor,
    )
    return f"{miembro.nombre} quedó dado(a) de baja; su registro se conserva."


def _apoyo(s: Any, actor: Alcance, sector: str, v: dict[str, Any]) -> str:
    apoyo = servicio.agregar_apoyo(
        s,
        sector,
        nombre=v["nombre"] or "",
        rol=v["rol"] or "",
        institucion=v["institucion"],
        correo=v["correo"],
        usuario=v["usuario"],
        actor=actor,
    )
    return f"{apoyo.nombre} se integró al equipo de apoyo."


def _retiro(s: Any, actor: Alcance, sector: str, v: dict[str, Any]) -> str:
    ident = _registro(s, "apoyo", v["apoyo"], sector, "Elija la persona.")
    apoyo = servicio.dar_de_baja_apoyo(
        s, ident, baja_en=fm.leer_fecha(v["fecha"], "fecha de retiro"), actor=actor
    )
    return f"{apoyo.nombre} dejó el equipo de apoyo; su registro se conserva."


def _grupo(s: Any, actor: Alcance, sector: str, v: dict[str, Any]) -> str:
    coordinador = (
        _registro(s, "miembro", v["coordinador"], sector, "") if v["coordinador"] else None
    )
    grupo = servicio.crear_grupo_trabajo(
        s,
        sector,
        nombre=v["nombre"] or "",
        tema=v["tema"] or "",
        creado_en=fm.leer_fecha(v["fecha"], "fecha de creación"),
        coordinador_id=coordinador,
        actor=actor,
    )
    return f"Se creó el grupo de trabajo «{grupo.nombre}»."


def _gmiembros(s: Any, actor: Alcance, sector: str, v: dict[str, Any]) -> str:
    ident = _registro(s, "grupo", v["grupo"], sector, "Elija el grupo.")
    ids = [int(x) for x in v["lista"] or []]
    for x in ids:
        _registro(s, "miembro", x, sector, "")
    coordinador = (
        _registro(s, "miembro", v["coordinador"], sector, "") if v["coordinador"] else None
    )
    grupo = servicio.cambiar_miembros_grupo(
        s,
        ident,
        miembros_ids=ids,
        coordinador_id=coordinador,
        fecha=fm.leer_fecha(v["fecha"], "fecha del cambio"),
        miembros_antes=v["antes"],
        actor=actor,
    )
    return f"Se guardaron los miembros del grupo «{grupo.nombre}»."


def _cierre(s: Any, actor: Alcance, sector: str, v: dict[str, Any]) -> str:
    ident = _registro(s, "grupo", v["grupo"], sector, "Elija el grupo.")
    grupo = servicio.cerrar_grupo(
        s, ident, cerrado_en=fm.leer_fecha(v["fecha"], "fecha de cierre"), actor=actor
    )
    return f"El grupo «{grupo.nombre}» quedó cerrado; sus miembros e informes se conservan."


def _informe(s: Any, actor: Alcance, sector: str, v: dict[str, Any]) -> str:
    grupo = _registro(s, "grupo", v["grupo"], sector, "Elija el grupo.")
    sesion = _registro(s, "sesion", v["sesion"], sector, "Elija la sesión.")
    servicio.informar_grupo(s, sesion, grupo, v["nota"] or "", actor=actor)
    return "El informe del grupo quedó como último punto de la agenda de la sesión."


#: Each form's write, and the states it reads besides its fields.
ACCIONES: dict[str, Accion] = {
    "contacto": _contacto,
    "baja": _baja,
    "apoyo": _apoyo,
    "retiro": _retiro,
    "grupo": _grupo,
    "gmiembros": _gmiembros,
    "cierre": _cierre,
    "informe": _informe,
}
EXTRAS: dict[str, dict[str, tuple[str, str]]] = {
    "gmiembros": {"antes": (f"{P}-gmiembros-antes", "data")},
}


def _registrar_escritura(formulario: str) -> Callable[..., dict[str, Any]]:
    """Register the write callback of one form (its button's clicks) and return it.

    Its fields reset after a save and keep what was typed after a refusal
    (:func:`~dashboard.components.formularios.tras_guardar`); its version store moves after a
    save, so the lists reload.
    """
    vacios = FORMULARIOS[formulario]
    accion = ACCIONES[formulario]
    extras = EXTRAS.get(formulario, {})

    @callback(
        output={
            "resultado": Output(f"{P}-{formulario}-resultado", "children"),
            "version": Output(f"{P}-{formulario}-version", "data"),
            "token": Output(f"{P}-{formulario}-token", "data"),
            "campos": {c: Output(f"{P}-{formulario}-{c}", "value") for c in vacios},
        },
        inputs={
            "_n": Input(f"{P}-{formulario}-enviar", "n_clicks"),
            "params": State(f"{P}-params", "data"),
            # The form's fields, then what else it sends (the group form's loaded members).
            "valores": {
                **{c: State(f"{P}-{formulario}-{c}", "value") for c in vacios},
                **{c: State(i, p) for c, (i, p) in extras.items()},
            },
            "version": State(f"{P}-{formulario}-version", "data"),
            "token": State(f"{P}-{formulario}-token", "data"),
        },
        running=fm.mientras_guarda(f"{P}-{formulario}-enviar"),
        prevent_initial_call=True,
    )
    def guardar(
        _n: int | None,
        params: dict[str, Any] | None,
        valores: dict[str, Any],
        version: int | None,
        token: str | None,
    ) -> dict[str, Any]:
        sector = str((params or {}).get("sector") or "")
        respuesta = fm.escribir(
            lambda s, actor: accion(s, actor, sector, valores),
            token=token,
            formulario=f"integrantes_{formulario}",
        )
        nuevo_token, campos = fm.tras_guardar(respuesta, vacios)
        return {
            "resultado": respuesta.alerta,
            "version": (version or 0) + (1 if respuesta.guardado else 0),
            "token": nuevo_token,
            "campos": campos,
        }

    guardar.__name__ = guardar.__qualname__ = f"guardar_{formulario}"
    guardar.__doc__ = f"Write the «{formulario}» form (guarded, idempotent); refusals say why."
    return guardar


#: The write callbacks, by form (tests call them as functions).
ESCRITURAS = {f: _registrar_escritura(f) for f in FORMULARIOS}
