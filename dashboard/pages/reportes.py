"""Mis reportes (``/reportes``): a planning unit (UPGRET) reports its indicators' values.

At the top, how many reports are to be sent, late, returned by the DIGER and waiting for
validation, and the next deadline; then one row per indicator and period (deadline dd/mm/aaaa,
state, value), what needs action first. A click on a row opens its form: value (checked against
the unit before sending), explanation, evidence (``https://`` link; file upload slot), the checks
at entry of DOMAIN.md §8 shown as the value is typed, «Guardar borrador» and «Enviar».
«Enviar todos los completos» sends every complete draft and says which stayed and why. «Subir
planilla de avances» sends a whole ``avances`` sheet (import format), all rows or none.

Every write goes through :func:`dashboard.components.formularios.escribir` (one transaction,
submission token) to :mod:`data_layer.reportes.servicio`, which checks the user's scope again; the
callbacks first re-read the row for the logged-in user (a forged indicator code of another
institution is refused). Analysts and admins look at one institution read-only.

URL parameters: ``institucion`` (sigla; analysts and admins: which institution to look at; a
upgret user with several institutions: one of them).
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import data
from dashboard import evidencias as evidencias_web
from dashboard.components import formularios
from dashboard.components import grid as grids
from dashboard.components import reportes as piezas
from dashboard.components.atributos import aria
from dashboard.components.evidencia import subida_de_evidencia
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.evidencias import desde_upload
from data_layer.reportes import planilla, servicio
from data_layer.reportes.servicio import ErrorReporte
from data_layer.vistas import reportes as vm

dash.register_page(
    __name__,
    path="/reportes",
    name="Mis reportes",
    title="Mis reportes | SIGPRET",
    description="Reportar los valores de los indicadores de su institución, período por período.",
    order=5,
    roles=("upgret",),
)

PARAMS = "reportes-params"
CERRAR = "reportes-cerrar"
REFRESCO = "reportes-refresco"
MENSAJE = "reportes-mensaje"
RESUMEN = "reportes-resumen"
GRID = "reportes-grid"
FORM = "reportes-form"
FORM_ENCABEZADO = "reportes-form-encabezado"
SELECCION = "reportes-seleccion"
VALOR = "reportes-valor"
EXPLICACION = "reportes-explicacion"
ENLACE = "reportes-enlace"
EVIDENCIA_ID = "reportes-evidencia-id"
EVIDENCIA_ARCHIVO = "reportes-evidencia-archivo"
#: The evidence file field (its id ends in ``-evidencia``: its callbacks may carry 10 MB).
SUBIDA = "reportes-evidencia"
ARCHIVO_ACTUAL = "reportes-evidencia-actual"
CHEQUEOS = "reportes-chequeos"
CHEQUEO = "reportes-chequeo"
MOTIVO = "reportes-motivo"
GUARDAR = "reportes-guardar"
ENVIAR = "reportes-enviar"
ALERTA = "reportes-alerta"
TOKEN = "reportes-token"
ESCRITURA = "reportes-escritura"
BOTONES = "reportes-botones"
CORRECCION = "reportes-correccion"
CORRECCION_MOTIVO = "reportes-correccion-motivo"
SOLICITAR = "reportes-solicitar"
TODOS = "reportes-enviar-todos"
TODOS_ALERTA = "reportes-todos-alerta"
TODOS_TOKEN = "reportes-todos-token"
PLANILLA = "reportes-planilla"
PLANILLA_RESULTADO = "reportes-planilla-resultado"
PLANILLA_TOKEN = "reportes-planilla-token"


def _campo(etiqueta: str, control: Any, ayuda: str | None = None) -> html.Div:
    return formularios.campo(etiqueta, control, ayuda)


def _formulario() -> dbc.Modal:
    """The form of one indicator and period: a dialog opened by a click on a row."""
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Reportar el valor"), close_button=True),
            dbc.ModalBody(
                [
                    html.Div(id=FORM_ENCABEZADO),
                    html.Div(
                        [
                            _campo(
                                "Valor del período",
                                dcc.Input(
                                    id=VALOR,
                                    type="text",
                                    debounce=0.4,
                                    className="form-control reportes-valor",
                                    autoComplete="off",
                                ),
                                "Use el punto para los decimales (1234.5). Un porcentaje va de 0 "
                                "a 100.",
                            ),
                            html.Div(id=CHEQUEOS, className="mb-3"),
                            _campo(
                                "Explicación",
                                dcc.Textarea(id=EXPLICACION, className="form-control", rows=3),
                                "Obligatoria si el valor es atípico, supera el 120 % de la meta o "
                                "deja el indicador en rojo.",
                            ),
                            _campo(
                                "Enlace a la evidencia",
                                dcc.Input(
                                    id=ENLACE,
                                    type="url",
                                    placeholder="https://…",
                                    className="form-control",
                                ),
                                "Una dirección https:// donde la DIGER pueda ver el respaldo.",
                            ),
                            html.Div(
                                [
                                    html.Label(
                                        "Archivo de evidencia", className="form-label fw-semibold"
                                    ),
                                    subida_de_evidencia(SUBIDA),
                                    html.Div(
                                        id=ARCHIVO_ACTUAL,
                                        className="small mt-1",
                                        role="status",
                                    ),
                                ],
                                id=EVIDENCIA_ARCHIVO,
                                className="mb-3",
                            ),
                            dcc.Store(id=EVIDENCIA_ID),
                            # ------------------------------------------------------------------
                            html.Div(id=MOTIVO, className="small text-danger mb-2", role="status"),
                            html.Div(
                                [
                                    dbc.Button(
                                        "Guardar borrador",
                                        id=GUARDAR,
                                        color="secondary",
                                        outline=True,
                                        n_clicks=0,
                                        className="me-2",
                                    ),
                                    dbc.Button("Enviar", id=ENVIAR, color="primary", n_clicks=0),
                                ],
                                id=BOTONES,
                            ),
                            html.Div(
                                [
                                    html.P(
                                        "Este valor ya está validado. Para cambiarlo, escriba el "
                                        "valor correcto y el motivo: la DIGER revisará la "
                                        "solicitud y, mientras tanto, sigue contando el valor "
                                        "validado.",
                                        className="small",
                                    ),
                                    _campo(
                                        "Motivo de la corrección",
                                        dcc.Textarea(
                                            id=CORRECCION_MOTIVO, className="form-control", rows=2
                                        ),
                                    ),
                                    dbc.Button(
                                        "Solicitar corrección",
                                        id=SOLICITAR,
                                        color="warning",
                                        n_clicks=0,
                                    ),
                                ],
                                id=CORRECCION,
                                className="d-none",
                            ),
                        ],
                        id=ESCRITURA,
                    ),
                    html.Div(id=ALERTA, role="alert"),
                ]
            ),
            dbc.ModalFooter(
                dbc.Button("Cerrar", id=CERRAR, color="light", n_clicks=0),
            ),
        ],
        id=FORM,
        is_open=False,
        size="lg",
        scrollable=True,
        className="reportes-form",
    )


def layout(institucion: str | None = None, **_kwargs: Any) -> html.Div:
    """The page skeleton: data arrives through :func:`cargar`; forms are filled on a click."""
    titulo = html.H1("Mis reportes", className="pagina-titulo")
    a = data.alcance_actual()
    if a is not None and permisos.instituciones_mis_reportes(a, institucion) is None:
        return html.Div(
            [titulo, dbc.Alert(permisos.SIN_PERMISO_MIS_REPORTES, color="danger", className="mt-3")]
        )
    return html.Div(
        [
            dcc.Store(id=PARAMS, data={"institucion": institucion}),
            dcc.Store(id=REFRESCO, data=0),
            dcc.Store(id=SELECCION),
            dcc.Store(id=CHEQUEO),
            formularios.campo_token(TOKEN),
            formularios.campo_token(TODOS_TOKEN),
            formularios.campo_token(PLANILLA_TOKEN),
            titulo,
            html.P(
                "Reporte aquí el valor de cada indicador de su institución al terminar cada "
                "período. Haga clic en una fila para abrir su formulario: escriba el valor, "
                "explíquelo si SIGPRET se lo pide, adjunte la evidencia y pulse «Enviar». La DIGER "
                "lo revisa y lo valida o se lo devuelve con una observación.",
                className="pagina-subtitulo mb-3",
            ),
            html.Div(id=MENSAJE),
            html.Section(html.Div(id=RESUMEN), className="mb-3", **aria(label="Resumen")),
            dbc.Row(
                [
                    dbc.Col(
                        html.Section(
                            [
                                html.Div(
                                    [
                                        html.H2(
                                            "Indicadores y períodos", className="seccion-titulo"
                                        ),
                                        dbc.Button(
                                            "Enviar todos los completos",
                                            id=TODOS,
                                            color="primary",
                                            outline=True,
                                            size="sm",
                                            n_clicks=0,
                                            title="Envía cada borrador que ya cumple todo lo "
                                            "necesario; los demás quedan como borrador.",
                                        ),
                                    ],
                                    className="seccion-encabezado d-flex "
                                    "justify-content-between align-items-center",
                                ),
                                html.Div(id=TODOS_ALERTA),
                                html.P(
                                    "Primero lo que requiere su atención: devueltos, tardíos y "
                                    "por vencer. Haga clic en una fila para reportarla.",
                                    className="seccion-nota",
                                ),
                                grids.grid(
                                    GRID,
                                    piezas.COLUMNAS,
                                    row_id="id",
                                    auto_height=False,
                                    style={"height": "520px"},
                                    opciones={
                                        "rowSelection": {
                                            "mode": "singleRow",
                                            "checkboxes": False,
                                            "enableClickSelection": True,
                                        }
                                    },
                                ),
                            ]
                        ),
                    ),
                ],
                className="g-3",
            ),
            _formulario(),
            html.Section(
                [
                    html.H2("Subir planilla de avances", className="seccion-titulo mt-4"),
                    html.P(
                        [
                            "Para reportar muchos valores a la vez: una hoja «avances» (Excel "
                            ".xlsx o .csv) con las columnas ",
                            html.Code("indicador, periodo, valor, fecha_reporte, comentario"),
                            " (la fecha de recepción la pone el sistema; el comentario es la "
                            "explicación). Se envían todos los valores o ninguno: si una fila "
                            "tiene un error, verá cada error con su hoja, fila y columna.",
                        ],
                        className="seccion-nota",
                    ),
                    dcc.Upload(
                        html.Div(
                            [
                                html.Strong("Arrastre aquí la planilla"),
                                " o ",
                                html.Span("haga clic para elegirla", className="importar-elegir"),
                            ]
                        ),
                        id=PLANILLA,
                        multiple=False,
                        accept=".xlsx,.csv",
                        className="importar-zona",
                    ),
                    dcc.Loading(html.Div(id=PLANILLA_RESULTADO), delay_show=300),
                ],
                id="reportes-seccion-planilla",
            ),
        ],
        className="reportes",
    )


# --- reading ------------------------------------------------------------------------------------


def _pedida(params: dict[str, Any] | None) -> str | None:
    valor = (params or {}).get("institucion")
    return str(valor) if valor else None


@callback(
    output={
        "resumen": Output(RESUMEN, "children"),
        "filas": Output(GRID, "rowData"),
        "mensaje": Output(MENSAJE, "children"),
        "todos": Output(TODOS, "className"),
        "planilla": Output("reportes-seccion-planilla", "className"),
    },
    inputs={"params": Input(PARAMS, "data"), "_r": Input(REFRESCO, "data")},
)
def cargar(params: dict[str, Any] | None, _r: int | None) -> dict[str, Any]:
    """The summary and the rows for the logged-in user (refused roles get only a message)."""
    a = data.alcance_actual()
    with data.sesion_lectura() as s:
        vista = vm.mis_reportes(s, a, data.hoy_honduras(), data.reglas(), _pedida(params))
    oculto = "d-none"
    if vista is None:
        aviso = dbc.Alert(permisos.SIN_PERMISO_MIS_REPORTES, color="danger")
        return {"resumen": None, "filas": [], "mensaje": aviso, "todos": oculto, "planilla": oculto}
    mensaje = None
    if not vista.instituciones:
        mensaje = dbc.Alert(
            "Indique la institución en la dirección, por ejemplo /reportes?institucion=SESAL "
            "(solo lectura).",
            color="info",
        )
    elif not vista.escribe:
        mensaje = dbc.Alert(
            f"Reportes de {', '.join(vista.instituciones)} (solo lectura): solo la UPGRET de la "
            "institución reporta estos valores.",
            color="secondary",
        )
    return {
        "resumen": piezas.resumen(vista) if vista.instituciones else None,
        "filas": vista.filas,
        "mensaje": mensaje,
        "todos": "" if vista.escribe else oculto,
        "planilla": "" if vista.escribe else oculto,
    }


def _fila(
    s: Any, a: Alcance | None, seleccion: dict[str, Any] | None, params: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The chosen row read again for the user (None: not theirs, unknown or malformed)."""
    if not isinstance(seleccion, dict):
        return None
    indicador, periodo = seleccion.get("indicador"), seleccion.get("periodo")
    if not isinstance(indicador, str) or not isinstance(periodo, str):
        return None
    return vm.fila(s, a, indicador, periodo, data.hoy_honduras(), data.reglas(), _pedida(params))


def _elegida(
    clic: dict[str, Any] | None, seleccionadas: list[dict[str, Any]] | None
) -> dict[str, str] | None:
    """The indicator and period of the clicked row (a mouse click: its row id; the keyboard:
    the selected row). Only the key is taken from the browser; the row is read again."""
    if "cellClicked" in "".join(ctx.triggered_prop_ids) and isinstance(clic, dict):
        clave = str(clic.get("rowId") or "")
    elif seleccionadas and isinstance(seleccionadas[0], dict):
        clave = str(seleccionadas[0].get("id") or "")
    else:
        return None
    indicador, _, periodo = clave.partition("|")
    return {"indicador": indicador, "periodo": periodo} if indicador and periodo else None


def _seleccion(fila: dict[str, Any]) -> dict[str, Any]:
    return {
        "indicador": fila["indicador"],
        "periodo": fila["periodo"],
        "bloqueo": fila.get("bloqueo"),
        "unidad": fila["unidad"],
        "requiere_evidencia": fila["requiere_evidencia"],
    }


def _texto_valor(fila: dict[str, Any]) -> str:
    valor = fila.get("valor")
    if valor is None:
        return ""
    return f"{valor:.10g}"


# --- the form: open, save, send -----------------------------------------------------------------

SALIDAS_FORM = {
    "form": Output(FORM, "is_open"),
    "encabezado": Output(FORM_ENCABEZADO, "children"),
    "seleccion": Output(SELECCION, "data"),
    "valor": Output(VALOR, "value"),
    "explicacion": Output(EXPLICACION, "value"),
    "enlace": Output(ENLACE, "value"),
    "escritura": Output(ESCRITURA, "className"),
    "botones": Output(BOTONES, "className"),
    "correccion": Output(CORRECCION, "className"),
    "motivo_correccion": Output(CORRECCION_MOTIVO, "value"),
    "alerta": Output(ALERTA, "children"),
    "token": Output(TOKEN, "data"),
    "refresco": Output(REFRESCO, "data"),
    "evidencia_id": Output(EVIDENCIA_ID, "data"),
    "archivo": Output(SUBIDA, "contents"),
    "archivo_actual": Output(ARCHIVO_ACTUAL, "children"),
}


def _mostrar(fila: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """Every output of :func:`formulario` showing ``fila`` (its saved value in the fields)."""
    salida = {
        "form": True,
        "encabezado": piezas.encabezado_formulario(fila),
        "seleccion": _seleccion(fila),
        "valor": _texto_valor(fila) if fila["estado"] in vm.EDITABLES | {"validado"} else "",
        "explicacion": fila["explicacion"] if fila["estado"] in vm.EDITABLES else "",
        "enlace": fila["evidencia_url"] if fila["estado"] in vm.EDITABLES else "",
        "escritura": "" if fila.get("editable") or fila.get("corregible") else "d-none",
        "botones": "d-none" if fila.get("corregible") else "",
        "correccion": "" if fila.get("corregible") else "d-none",
        "motivo_correccion": "",
        "alerta": None,
        "token": no_update,
        "refresco": no_update,
        "evidencia_id": fila.get("evidencia_id") if fila["estado"] in vm.EDITABLES else None,
        "archivo": None,
        "archivo_actual": (
            piezas.archivo_adjunto(fila["evidencia_nombre"], fila["evidencia_href"])
            if fila["estado"] in vm.EDITABLES
            else None
        ),
    }
    salida.update(extra)
    return salida


def _sin_cambios(**extra: Any) -> dict[str, Any]:
    salida: dict[str, Any] = dict.fromkeys(SALIDAS_FORM, no_update)
    salida.update(extra)
    return salida


@callback(
    output=SALIDAS_FORM,
    inputs={
        "clic": Input(GRID, "cellClicked"),
        "seleccionadas": Input(GRID, "selectedRows"),
        "_guardar": Input(GUARDAR, "n_clicks"),
        "_enviar": Input(ENVIAR, "n_clicks"),
        "_solicitar": Input(SOLICITAR, "n_clicks"),
        "motivo_correccion": State(CORRECCION_MOTIVO, "value"),
        "abierto": State(FORM, "is_open"),
        "valor": State(VALOR, "value"),
        "explicacion": State(EXPLICACION, "value"),
        "enlace": State(ENLACE, "value"),
        "evidencia_id": State(EVIDENCIA_ID, "data"),
        "archivo": State(SUBIDA, "contents"),
        "archivo_nombre": State(SUBIDA, "filename"),
        "seleccion": State(SELECCION, "data"),
        "token": State(TOKEN, "data"),
        "refresco": State(REFRESCO, "data"),
        "params": State(PARAMS, "data"),
    },
    running=formularios.mientras_guarda(GUARDAR) + formularios.mientras_guarda(ENVIAR),
    prevent_initial_call=True,
)
def formulario(
    clic: dict[str, Any] | None,
    seleccionadas: list[dict[str, Any]] | None,
    _guardar: int | None,
    _enviar: int | None,
    valor: Any,
    explicacion: str | None,
    enlace: str | None,
    evidencia_id: Any,
    seleccion: dict[str, Any] | None,
    token: Any,
    refresco: int | None,
    params: dict[str, Any] | None,
    archivo: Any = None,
    archivo_nombre: Any = None,
    _solicitar: int | None = None,
    motivo_correccion: str | None = None,
    abierto: bool | None = None,
) -> dict[str, Any]:
    """Open the chosen row's form, or save / send what it holds.

    A chosen evidence file is checked and stored in the same transaction as the version (a
    refused report stores no file); without one, the draft keeps the file it had.

    A save or send writes through :func:`formularios.escribir` (token: a double click writes
    once) after reading the row again for the logged-in user: another institution's indicator,
    or a user who only reads here (an analyst), is refused. On a refusal or a failure the typed
    values stay; after a write the form shows the saved version (with its new ``bloqueo``).
    """
    a = data.alcance_actual()
    if ctx.triggered_id == GRID:
        elegida = _elegida(clic, seleccionadas)
        if elegida is None:
            return _sin_cambios()
        misma = seleccion is not None and all(
            seleccion.get(k) == elegida[k] for k in ("indicador", "periodo")
        )
        if abierto and misma and "cellClicked" not in "".join(ctx.triggered_prop_ids):
            # The click also selects the row: that second event must not refill the form
            # over what the user has started typing.
            return _sin_cambios()
        with data.sesion_lectura() as s:
            fila = _fila(s, a, elegida, params)
        if fila is None:
            return _sin_cambios(alerta=formularios.alerta(permisos.SIN_PERMISO_REPORTAR))
        return _mostrar(fila)
    enviar = ctx.triggered_id == ENVIAR
    corregir = ctx.triggered_id == SOLICITAR

    def accion(s: Any, actor: Alcance) -> str:
        fila = _fila(s, actor, seleccion, params)
        if fila is None or not fila["escribe"]:
            raise ErrorReporte(permisos.SIN_PERMISO_REPORTAR)
        evidencia = evidencia_id
        if archivo:
            evidencia = evidencias_web.guardar_subida(
                s,
                actor=actor,
                institucion=fila["institucion"],
                contents=archivo,
                filename=archivo_nombre,
            ).id
        if corregir:
            return _solicitar_correccion(
                s, actor, fila, valor, motivo_correccion, explicacion, enlace, evidencia
            )
        version = servicio.guardar(
            s,
            actor=actor,
            indicador=fila["indicador"],
            periodo=fila["periodo"],
            valor=valor,
            explicacion=explicacion,
            evidencia_url=enlace,
            evidencia_id=evidencia,
            bloqueo=(seleccion or {}).get("bloqueo"),
            enviar=enviar,
            reglas=data.reglas(),
        )
        if enviar:
            texto = _texto_valor({"valor": version.valor})
            return (
                f"Enviado: {fila['indicador']} · {fila['periodo']} = {texto}. La DIGER lo revisará."
            )
        return "Borrador guardado. Todavía no se envió: pulse «Enviar» cuando esté listo."

    respuesta = formularios.escribir(
        accion,
        token=token,
        formulario="reportes-correccion" if corregir else "reportes-valor",
    )
    if not respuesta.guardado:
        alerta: Any = respuesta.alerta
        if "cambió desde que abrió" in str(respuesta.alerta.children):
            with data.sesion_lectura() as s:
                actual = _fila(s, a, seleccion, params)
            if actual is not None:
                alerta = html.Div(
                    [
                        respuesta.alerta,
                        html.P(
                            f"Valor guardado ahora: {actual['valor_texto'] or '—'} "
                            f"({actual['estado_texto']}). Lo que usted escribió sigue en el "
                            "formulario.",
                            className="small",
                            id="reportes-valor-actual",
                        ),
                    ]
                )
        return _sin_cambios(alerta=alerta)
    with data.sesion_lectura() as s:
        fila = _fila(s, a, seleccion, params)
    nuevo_token, _ = formularios.tras_guardar(respuesta, {})
    if fila is None:
        return _sin_cambios(alerta=respuesta.alerta, token=nuevo_token)
    return _mostrar(fila, alerta=respuesta.alerta, token=nuevo_token, refresco=(refresco or 0) + 1)


def _solicitar_correccion(
    s: Any,
    actor: Alcance,
    fila: dict[str, Any],
    valor: Any,
    motivo: Any,
    explicacion: Any,
    enlace: Any,
    evidencia: Any,
) -> str:
    """Ask to change the row's validated value (the service checks scope, reason and value)."""
    version = servicio.solicitar_correccion(
        s,
        actor=actor,
        indicador=fila["indicador"],
        periodo=fila["periodo"],
        valor=valor,
        motivo=motivo,
        explicacion=explicacion,
        evidencia_url=enlace,
        evidencia_id=evidencia,
        reglas=data.reglas(),
    )
    return (
        f"Solicitud de corrección enviada: {fila['indicador']} · {fila['periodo']} = "
        f"{_texto_valor({'valor': version.valor})}. La DIGER la revisará; mientras tanto cuenta "
        "el valor validado."
    )


@callback(
    Output(FORM, "is_open", allow_duplicate=True),
    Input(CERRAR, "n_clicks"),
    prevent_initial_call=True,
)
def cerrar(_n: int | None) -> bool:
    """Close the form (what was saved is in the grid)."""
    return False


@callback(
    Output(ARCHIVO_ACTUAL, "children", allow_duplicate=True),
    Input(SUBIDA, "filename"),
    prevent_initial_call=True,
)
def archivo_elegido(nombre: Any) -> Any:
    """Say which file was chosen (it is checked and stored only when the form is saved)."""
    return piezas.archivo_elegido(str(nombre)) if nombre else no_update


# --- the checks at entry, as the value is typed --------------------------------------------------


@callback(
    Output(CHEQUEOS, "children"),
    Output(CHEQUEO, "data"),
    Input(VALOR, "value"),
    State(SELECCION, "data"),
    State(PARAMS, "data"),
    prevent_initial_call=True,
)
def chequear(valor: Any, seleccion: dict[str, Any] | None, params: dict[str, Any] | None) -> Any:
    """The checks of DOMAIN.md §8 on the typed value (the same the service applies)."""
    a = data.alcance_actual()
    with data.sesion_lectura() as s:
        fila = _fila(s, a, seleccion, params)
        if fila is None:
            return None, None
        chequeo = vm.revisar_valor(
            s,
            fila["indicador"],
            fila["periodo"],
            fila["unidad"],
            valor,
            data.reglas(),
            data.hoy_honduras(),
        )
    return piezas.chequeos(chequeo), {"error": chequeo.error, "avisos": chequeo.avisos}


@callback(
    Output(MOTIVO, "children"),
    Output(ENVIAR, "disabled"),
    Input(CHEQUEO, "data"),
    Input(VALOR, "value"),
    Input(EXPLICACION, "value"),
    Input(ENLACE, "value"),
    Input(EVIDENCIA_ID, "data"),
    Input(SUBIDA, "filename"),
    State(SELECCION, "data"),
)
def boton_enviar(
    chequeo: dict[str, Any] | None,
    valor: Any,
    explicacion: str | None,
    enlace: str | None,
    evidencia_id: Any,
    archivo_nombre: Any,
    seleccion: dict[str, Any] | None,
) -> tuple[str, bool]:
    """Why «Enviar» is blocked, said next to it (no database: the checks are in the store)."""
    revisado = vm.Chequeo(
        error=(chequeo or {}).get("error"), avisos=list((chequeo or {}).get("avisos") or [])
    )
    motivo = vm.motivo_bloqueo_envio(
        revisado,
        valor=valor,
        explicacion=explicacion,
        evidencia=bool(enlace or evidencia_id or archivo_nombre),
        requiere_evidencia=bool((seleccion or {}).get("requiere_evidencia")),
    )
    return (f"Para enviar: {motivo}" if motivo else ""), motivo is not None


# --- send all complete drafts ------------------------------------------------------------------


@callback(
    Output(TODOS_ALERTA, "children"),
    Output(TODOS_TOKEN, "data"),
    Output(REFRESCO, "data", allow_duplicate=True),
    Input(TODOS, "n_clicks"),
    State(TODOS_TOKEN, "data"),
    State(REFRESCO, "data"),
    running=formularios.mientras_guarda(TODOS),
    prevent_initial_call=True,
)
def enviar_todos(_n: int | None, token: Any, refresco: int | None) -> tuple[Any, Any, Any]:
    """Send every complete draft of the user's institution; list those left out and why."""
    resultado: dict[str, Any] = {}

    def accion(s: Any, actor: Alcance) -> str:
        if not actor.instituciones or not all(
            permisos.escribe_mis_reportes(actor, i) for i in actor.instituciones
        ):
            raise ErrorReporte(permisos.SIN_PERMISO_REPORTAR)
        enviadas, omitidas = servicio.enviar_completos(s, actor=actor, reglas=data.reglas())
        resultado.update(enviadas=len(enviadas), omitidas=omitidas)
        return ""

    respuesta = formularios.escribir(accion, token=token, formulario="reportes-enviar-todos")
    nuevo_token, _ = formularios.tras_guardar(respuesta, {})
    if respuesta.estado != "guardado":
        return respuesta.alerta, nuevo_token, no_update
    return (
        piezas.omitidas(resultado["enviadas"], resultado["omitidas"]),
        nuevo_token,
        (refresco or 0) + 1,
    )


# --- upload of the avances sheet ---------------------------------------------------------------


@callback(
    Output(PLANILLA_RESULTADO, "children"),
    Output(PLANILLA_TOKEN, "data"),
    Output(REFRESCO, "data", allow_duplicate=True),
    Output(PLANILLA, "contents"),
    Input(PLANILLA, "contents"),
    State(PLANILLA, "filename"),
    State(PLANILLA_TOKEN, "data"),
    State(REFRESCO, "data"),
    prevent_initial_call=True,
)
def subir_planilla(
    contenido: str | None, nombre: str | None, token: Any, refresco: int | None
) -> tuple[Any, Any, Any, Any]:
    """Send the sheet's values (all or none); on errors, list each with sheet, row, column."""
    if not contenido:
        return no_update, no_update, no_update, no_update
    errores: list[Any] = []
    enviados: list[str] = []

    def accion(s: Any, actor: Alcance) -> str:
        if not actor.instituciones or not all(
            permisos.escribe_mis_reportes(actor, i) for i in actor.instituciones
        ):
            raise ErrorReporte(permisos.SIN_PERMISO_REPORTAR)
        try:
            versiones = planilla.subir_avances(
                s,
                actor=actor,
                nombre=str(nombre or ""),
                contenido=desde_upload(contenido, nombre).contenido,
                reglas=data.reglas(),
            )
        except planilla.ErrorPlanilla as exc:
            errores.extend(exc.errores)
            raise
        enviados.extend(f"{v.indicador.codigo} · {v.periodo}" for v in versiones)
        return (
            f"Planilla «{nombre}»: se enviaron {len(versiones)} valores a la DIGER "
            f"({', '.join(enviados)})."
        )

    respuesta = formularios.escribir(accion, token=token, formulario="reportes-planilla")
    nuevo_token, _ = formularios.tras_guardar(respuesta, {})
    cuerpo: Any = respuesta.alerta
    if errores:
        cuerpo = html.Div([respuesta.alerta, piezas.errores_planilla(errores)])
    refrescar = (refresco or 0) + 1 if respuesta.estado == "guardado" else no_update
    # A new upload of the same file must trigger the callback again: the contents are cleared.
    return cuerpo, nuevo_token if respuesta.guardado else token, refrescar, None
