"""Instalar y configurar una mesa (``/mesas/<sector>/configurar``; issue #11).

For a sector without a mesa: install it (installation date), designating its political
coordinator (a ``ministro`` user of the sector), its technical coordinator (a
``coordinador_mesa`` user), each with cargo and institution, and its DIGER analysts. For an
installed mesa: the same form, loaded with the current designations, changes any of them; below
it, the history of installations, designations and assignments (read from the audit trail).
Only DIGER's analysts and the administrators see the form
(:func:`data_layer.permisos.puede_administrar_mesas`); the service checks it again, so a forged
callback is refused. A form loaded before someone else's change is refused as a conflict.

URL: ``/mesas/SAL/configurar``.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard.components import formularios as fm
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import configuracion, registros, servicio

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/configurar",
    name="Configurar mesa",
    title="Configurar mesa | SIGPRET",
    # Before /mesas/<sector> (order 21), like the other /mesas/<sector>/… pages.
    order=18,
    description="Instalación de una mesa sectorial, sus coordinadores y analistas.",
)

P = "mesa-configurar"
NIVELES = {"politico": "Coordinador(a) político(a)", "tecnico": "Coordinador(a) técnico(a)"}
AYUDAS = {
    "politico": "Un usuario con rol ministro del sector: aprueba el plan y las estrategias.",
    "tecnico": "Un usuario con rol coordinador de mesa: convoca y registra en la mesa.",
}


def _nivel(nivel: str) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(NIVELES[nivel], className="h6"),
                fm.campo(
                    "Usuario designado",
                    dbc.Select(id=f"{P}-{nivel}-usuario", placeholder="Seleccione…"),
                    AYUDAS[nivel],
                ),
                fm.campo("Cargo", dbc.Input(id=f"{P}-{nivel}-cargo")),
                fm.campo(
                    "Institución",
                    dbc.Select(id=f"{P}-{nivel}-institucion", placeholder="Seleccione…"),
                ),
            ]
        ),
        className="mb-3",
    )


def layout(sector: str | None = None, **_kwargs: Any) -> html.Div:
    """The form skeleton (no data); options, values and history arrive through a callback.

    Args:
        sector: the sector code, from the path.
    """
    return html.Div(
        [
            dcc.Store(id=f"{P}-params", data={"sector": sector}),
            dcc.Store(id=f"{P}-version", data=0),
            dcc.Store(id=f"{P}-cargado"),
            fm.campo_token(f"{P}-token"),
            html.H1(id=f"{P}-titulo", className="h3"),
            html.P(id=f"{P}-estado", className="text-muted"),
            html.Div(id=f"{P}-permiso"),
            html.Div(
                id=f"{P}-formulario",
                hidden=True,
                children=[
                    fm.campo(
                        "Fecha de instalación",
                        fm.entrada_fecha(f"{P}-fecha"),
                        "Solo al instalar la mesa.",
                        id=f"{P}-bloque-fecha",
                    ),
                    dbc.Row([dbc.Col(_nivel("politico"), md=6), dbc.Col(_nivel("tecnico"), md=6)]),
                    fm.campo(
                        "Analistas de la DIGER asignados",
                        dbc.Checklist(id=f"{P}-analistas", options=[], value=[]),
                        "Solo los analistas asignados (y los coordinadores) registran en la mesa.",
                    ),
                    dbc.Button(id=f"{P}-enviar", color="primary"),
                    html.Div(id=f"{P}-resultado", role="status"),
                ],
            ),
            html.H2("Historial de designaciones", className="h5 mt-4"),
            html.Div(id=f"{P}-historial"),
        ]
    )


def _historial(filas: list[configuracion.Designacion]) -> Any:
    if not filas:
        return html.P("La mesa aún no está instalada.")
    return dbc.Table(
        [
            html.Thead(html.Tr([html.Th(t) for t in ("Fecha", "Cambio", "Detalle", "Por")])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(h.cuando),
                            html.Td(h.accion),
                            html.Td(h.detalle),
                            html.Td(h.usuario or "—"),
                        ]
                    )
                    for h in filas
                ]
            ),
        ],
        size="sm",
        striped=True,
        responsive=True,
        id=f"{P}-tabla-historial",
    )


@callback(
    output={
        "titulo": Output(f"{P}-titulo", "children"),
        "estado": Output(f"{P}-estado", "children"),
        "permiso": Output(f"{P}-permiso", "children"),
        "oculto": Output(f"{P}-formulario", "hidden"),
        "historial": Output(f"{P}-historial", "children"),
        "cargado": Output(f"{P}-cargado", "data"),
        "boton": Output(f"{P}-enviar", "children"),
        "fecha_oculta": Output(f"{P}-bloque-fecha", "hidden"),
        "opciones": {
            c: Output(f"{P}-{c}", "options")
            for c in (
                "politico-usuario",
                "politico-institucion",
                "tecnico-usuario",
                "tecnico-institucion",
                "analistas",
            )
        },
        "valores": {
            c: Output(f"{P}-{c}", "value")
            for c in (
                "politico-usuario",
                "politico-cargo",
                "politico-institucion",
                "tecnico-usuario",
                "tecnico-cargo",
                "tecnico-institucion",
                "analistas",
            )
        },
    },
    inputs={"params": Input(f"{P}-params", "data"), "_v": Input(f"{P}-version", "data")},
)
def mostrar(params: dict[str, Any] | None, _v: int | None) -> dict[str, Any]:
    """The sector, the form loaded with the current designations (to DIGER) and the history."""
    from dashboard import data

    nada = dash.no_update
    codigo = str((params or {}).get("sector") or "")
    vacio: dict[str, Any] = {
        "titulo": "Configurar mesa",
        "estado": None,
        "permiso": None,
        "oculto": True,
        "historial": None,
        "cargado": None,
        "boton": "Instalar mesa",
        "fecha_oculta": False,
        "opciones": {
            c: []
            for c in (
                "politico-usuario",
                "politico-institucion",
                "tecnico-usuario",
                "tecnico-institucion",
                "analistas",
            )
        },
        "valores": {
            c: nada
            for c in (
                "politico-usuario",
                "politico-cargo",
                "politico-institucion",
                "tecnico-usuario",
                "tecnico-cargo",
                "tecnico-institucion",
                "analistas",
            )
        },
    }
    alcance = data.alcance_actual()
    if not permisos.puede_administrar_mesas(alcance):
        return {**vacio, "permiso": fm.alerta(permisos.SIN_PERMISO_ADMINISTRAR, "warning")}
    with data.sesion_lectura() as s:
        sector = configuracion.sector(s, codigo)
        if sector is None:
            return {**vacio, "permiso": fm.alerta(f"«{codigo}» no es el código de un sector.")}
        mesa = registros.mesa_de_sector(s, codigo)
        cargado = servicio.designaciones(mesa)
        candidatos = configuracion.candidatos(s, codigo)
        instituciones = fm.opciones(
            [(i.sigla, f"{i.sigla} — {i.nombre}") for i in registros.instituciones(s)]
        )
        historial = configuracion.historial_designaciones(s, codigo)
        rectora = sector.rectora.sigla if sector.rectora is not None else None
        nombre = sector.nombre
    opciones = {
        "politico-usuario": fm.opciones(candidatos.politicos),
        "politico-institucion": instituciones,
        "tecnico-usuario": fm.opciones(candidatos.tecnicos),
        "tecnico-institucion": instituciones,
        "analistas": fm.opciones(candidatos.analistas),
    }
    valores: dict[str, Any]
    if cargado is None:
        valores = {
            "politico-usuario": None,
            "politico-cargo": f"Ministro(a) de {nombre}",
            "politico-institucion": rectora,
            "tecnico-usuario": None,
            "tecnico-cargo": "",
            "tecnico-institucion": rectora,
            "analistas": [],
        }
        estado = "El sector aún no tiene mesa: instálela designando a sus coordinadores."
    else:
        valores = {
            "politico-usuario": cargado["politico"][0],
            "politico-cargo": cargado["politico"][2],
            "politico-institucion": cargado["politico"][3],
            "tecnico-usuario": cargado["tecnico"][0],
            "tecnico-cargo": cargado["tecnico"][2],
            "tecnico-institucion": cargado["tecnico"][3],
            "analistas": cargado["analistas"],
        }
        estado = (
            f"Mesa instalada. Político: {cargado['politico'][1]}; técnico-operativo: "
            f"{cargado['tecnico'][1]}."
        )
    return {
        "titulo": f"Mesa de {nombre}: instalación y coordinadores",
        "estado": estado,
        "permiso": None,
        "oculto": False,
        "historial": _historial(historial),
        "cargado": cargado,
        "boton": "Instalar mesa" if cargado is None else "Guardar cambios",
        "fecha_oculta": cargado is not None,
        "opciones": opciones,
        "valores": valores,
    }


@callback(
    output={
        "resultado": Output(f"{P}-resultado", "children"),
        "version": Output(f"{P}-version", "data"),
        "token": Output(f"{P}-token", "data"),
    },
    inputs={
        "_n": Input(f"{P}-enviar", "n_clicks"),
        "params": State(f"{P}-params", "data"),
        "fecha": State(f"{P}-fecha", "value"),
        "pu": State(f"{P}-politico-usuario", "value"),
        "pc": State(f"{P}-politico-cargo", "value"),
        "pi": State(f"{P}-politico-institucion", "value"),
        "tu": State(f"{P}-tecnico-usuario", "value"),
        "tc": State(f"{P}-tecnico-cargo", "value"),
        "ti": State(f"{P}-tecnico-institucion", "value"),
        "analistas": State(f"{P}-analistas", "value"),
        "cargado": State(f"{P}-cargado", "data"),
        "version": State(f"{P}-version", "data"),
        "token": State(f"{P}-token", "data"),
    },
    running=fm.mientras_guarda(f"{P}-enviar"),
    prevent_initial_call=True,
)
def guardar(
    _n: int | None,
    params: dict[str, Any] | None,
    fecha: str | None,
    pu: str | None,
    pc: str | None,
    pi: str | None,
    tu: str | None,
    tc: str | None,
    ti: str | None,
    analistas: list[str] | None,
    cargado: dict[str, Any] | None,
    version: int | None,
    token: str | None,
) -> dict[str, Any]:
    """Install the mesa or save the changes (guarded, idempotent write); refusals say why."""
    sector = str((params or {}).get("sector") or "")

    def accion(s: Any, actor: Alcance) -> str:
        if not pu or not tu:
            raise servicio.ErrorMesa("Elija el usuario de cada coordinador.")
        return servicio.configurar_mesa(
            s,
            sector,
            politico=servicio.Coordinador("", pc or "", pi or "", pu),
            tecnico=servicio.Coordinador("", tc or "", ti or "", tu),
            analistas=list(analistas or []),
            instalada_en=(
                fm.leer_fecha(fecha, "fecha de instalación") if cargado is None else None
            ),
            cargado=cargado,
            actor=actor,
        )

    respuesta = fm.escribir(accion, token=token, formulario="configurar_mesa")
    nuevo_token, _ = fm.tras_guardar(respuesta, {})
    return {
        "resultado": respuesta.alerta,
        "version": (version or 0) + (1 if respuesta.guardado else 0),
        "token": nuevo_token,
    }
