"""Publicación (``/publicacion``): DIGER's analysts publish a quarter on the public portal and
withdraw an edition (issue #14, DOMAIN.md §11).

The analyst picks a quarter whose reports are due; the page prepares it as the preview shows it
(its huella, cut date and headline figures, and what publishing would do) with a link to the
preview (``/publicacion/vista-previa/<periodo>``). «Publicar» sends back the huella of what was
reviewed: the service refuses when the data changed since. Below, every edition published or
withdrawn, with who and when; «Retirar» asks for a reason in a dialog.

Only the roles that :func:`data_layer.permisos.puede_publicar` (analista, admin) see it: the
navbar hides the link from other roles, the layout sent to them holds only a message, and every
callback reads and writes through :mod:`data_layer.vistas.publicacion`, which checks the
session's scope again, so a forged request gets the refusal and changes nothing. Each write goes
through :func:`dashboard.components.formularios.escribir` (one transaction, a submission token:
a double click writes once; a failure keeps the typed reason).

URL parameters: none.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html

from dashboard import data
from dashboard.components import formularios as fm
from dashboard.components.atributos import aria
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.errores import ErrorDeDatos
from data_layer.publicacion.servicio import MIN_MOTIVO
from data_layer.vistas import publicacion as vm

dash.register_page(
    __name__,
    path="/publicacion",
    name="Publicación",
    title="Publicación del portal | SIGPRET",
    description="Publicar un trimestre en el portal público y retirar una publicación.",
    order=96,
    roles=tuple(sorted(r.value for r in permisos.ROLES_PUBLICAN)),
)

P = "publicacion"
TRIMESTRE = f"{P}-trimestre"
REVISION = f"{P}-revision"
HUELLA = f"{P}-huella"
PUBLICAR = f"{P}-publicar"
PUBLICAR_TOKEN = f"{P}-publicar-token"
RESULTADO = f"{P}-resultado"
LISTA = f"{P}-lista"
RECARGA = f"{P}-recarga"
RETIRAR = f"{P}-retirar"
DIALOGO = f"{P}-dialogo"
DIALOGO_TEXTO = f"{P}-dialogo-texto"
ELEGIDA = f"{P}-elegida"
MOTIVO = f"{P}-motivo"
CONFIRMAR = f"{P}-confirmar-retiro"
CANCELAR = f"{P}-cancelar-retiro"
RETIRO_TOKEN = f"{P}-retiro-token"
RETIRO_RESULTADO = f"{P}-retiro-resultado"

#: The badge colour of each edition's state.
COLORES = {"vigente": "success", "reemplazada": "secondary", "retirada": "danger"}


def _puede() -> bool:
    return permisos.puede_publicar(data.alcance_actual())


def _sin_permiso() -> dbc.Alert:
    return dbc.Alert(
        permisos.SIN_PERMISO_PUBLICAR, color="danger", id=f"{P}-sin-permiso", className="mt-3"
    )


def _tarjeta_publicar() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("1. Publicar un trimestre", className="h5"),
                fm.campo_token(PUBLICAR_TOKEN),
                dcc.Store(id=HUELLA),
                fm.campo(
                    "Trimestre",
                    dcc.Dropdown(
                        id=TRIMESTRE, options=[], clearable=False, placeholder="Elija el trimestre"
                    ),
                    "Solo trimestres cuyos reportes ya vencieron. Se publican únicamente valores "
                    "validados.",
                ),
                dcc.Loading(html.Div(id=REVISION), type="dot"),
                dbc.Button("Publicar", id=PUBLICAR, color="primary", disabled=True),
                html.Div(id=RESULTADO, **aria(live="polite")),
            ]
        ),
        className="mb-3",
    )


def _dialogo() -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Retirar una publicación del portal")),
            dbc.ModalBody(
                [
                    fm.campo_token(RETIRO_TOKEN),
                    dcc.Store(id=ELEGIDA),
                    html.P(id=DIALOGO_TEXTO),
                    html.P(
                        "El portal deja de mostrarla en seguida (sus páginas, archivos y API "
                        "responden «retirada») y vuelve a mostrar la edición anterior del "
                        "trimestre, si la hay.",
                        className="small text-muted",
                    ),
                    fm.campo(
                        "Motivo del retiro",
                        dbc.Textarea(id=MOTIVO, value="", rows=3, maxLength=2000),
                        f"Obligatorio, al menos {MIN_MOTIVO} caracteres. Queda en el registro de "
                        "auditoría; no se muestra al público.",
                    ),
                    html.Div(id=RETIRO_RESULTADO, **aria(live="polite")),
                ]
            ),
            dbc.ModalFooter(
                [
                    dbc.Button("Cancelar", id=CANCELAR, color="secondary", outline=True),
                    dbc.Button("Retirar del portal", id=CONFIRMAR, color="danger"),
                ]
            ),
        ],
        id=DIALOGO,
        is_open=False,
    )


def layout(**_kwargs: Any) -> html.Div:
    """The page skeleton (the data arrive by callback); to other roles, only a message."""
    titulo = html.H1("Publicación del portal", className="pagina-titulo")
    if data.alcance_actual() is not None and not _puede():
        return html.Div([titulo, _sin_permiso()])
    return html.Div(
        [
            titulo,
            html.P(
                [
                    "Publique las cifras oficiales de un trimestre en el portal público ",
                    html.A("/publico", href="/publico", target="_blank"),
                    " (sin ingreso, para cualquier persona). Lo publicado queda congelado: "
                    "las correcciones posteriores solo llegan al portal con una nueva edición.",
                ],
                className="pagina-subtitulo mb-2",
            ),
            dcc.Store(id=RECARGA, data=0),
            _tarjeta_publicar(),
            html.H2("2. Publicaciones", className="h5 mt-3"),
            html.P(
                "Cada edición publicada o retirada, la más reciente primero. Horas de Honduras.",
                className="small text-muted",
            ),
            html.Div(id=LISTA),
            _dialogo(),
        ]
    )


# --- the quarters and the review ----------------------------------------------------------------


@callback(
    output={"opciones": Output(TRIMESTRE, "options"), "valor": Output(TRIMESTRE, "value")},
    inputs={"recarga": Input(RECARGA, "data")},
    state={"valor": State(TRIMESTRE, "value")},
)
def cargar_trimestres(recarga: Any, valor: Any) -> dict[str, Any]:
    """The quarters the user may publish (latest first); the latest is chosen at first."""
    try:
        pares = vm.opciones_trimestres(data.datos().engine, data.mcr(), data.reglas(), _actor())
    except ErrorDeDatos:
        return {"opciones": [], "valor": None}
    valores = [v for v, _ in pares]
    return {
        "opciones": fm.opciones(pares),
        "valor": valor if valor in valores else (valores[0] if valores else None),
    }


def _actor() -> Alcance | None:
    return data.alcance_actual()


def _revision(r: vm.Revision) -> html.Div:
    return html.Div(
        [
            html.Dl(
                [
                    html.Dt("En el portal hoy", className="col-sm-3"),
                    html.Dd(r.en_portal, className="col-sm-9"),
                    html.Dt("Cifras", className="col-sm-3"),
                    html.Dd(r.resumen, className="col-sm-9"),
                    html.Dt("Validadas al", className="col-sm-3"),
                    html.Dd(r.fecha_corte, className="col-sm-9"),
                    html.Dt("Huella", className="col-sm-3"),
                    html.Dd(
                        [
                            html.Code(r.huella_corta),
                            html.Span(
                                " (la misma que muestra la vista previa)", className="text-muted"
                            ),
                        ],
                        className="col-sm-9",
                    ),
                ],
                className="row mb-2 small",
            ),
            html.P(
                [
                    html.A(
                        f"Ver la vista previa de {r.periodo}",
                        href=r.vista_previa,
                        target="_blank",
                        id=f"{P}-vista-previa",
                        className="fw-semibold",
                    ),
                    " (se abre en otra pestaña): así se verá el portal si publica ahora.",
                ]
            ),
            dbc.Alert(
                r.aviso,
                color="info" if r.publicable else "secondary",
                className="py-2",
                id=f"{P}-aviso",
            ),
        ]
    )


@callback(
    output={
        "revision": Output(REVISION, "children"),
        "huella": Output(HUELLA, "data"),
        "deshabilitado": Output(PUBLICAR, "disabled"),
        "texto": Output(PUBLICAR, "children"),
    },
    inputs={"periodo": Input(TRIMESTRE, "value"), "recarga": Input(RECARGA, "data")},
)
def revisar(periodo: Any, recarga: Any) -> dict[str, Any]:
    """Prepare the chosen quarter as the preview shows it; «Publicar» carries its huella."""
    nada = {"huella": None, "deshabilitado": True, "texto": "Publicar"}
    if not periodo:
        return {"revision": None, **nada}
    try:
        r = vm.revisar(data.datos().engine, periodo, _actor(), data.reglas())
    except ErrorDeDatos as exc:
        return {"revision": fm.alerta(str(exc), "warning"), **nada}
    return {
        "revision": _revision(r),
        "huella": r.huella,
        "deshabilitado": not r.publicable,
        "texto": f"Publicar {r.periodo} en el portal",
    }


@callback(
    output={
        "resultado": Output(RESULTADO, "children"),
        "token": Output(PUBLICAR_TOKEN, "data"),
        "recarga": Output(RECARGA, "data", allow_duplicate=True),
    },
    inputs={"_n": Input(PUBLICAR, "n_clicks")},
    state={
        "periodo": State(TRIMESTRE, "value"),
        "huella": State(HUELLA, "data"),
        "token": State(PUBLICAR_TOKEN, "data"),
        "recarga": State(RECARGA, "data"),
    },
    running=fm.mientras_guarda(PUBLICAR),
    prevent_initial_call=True,
)
def publicar(_n: Any, periodo: Any, huella: Any, token: Any, recarga: Any) -> dict[str, Any]:
    """Publish the reviewed quarter if its figures are still those the analyst reviewed."""
    try:
        preparada = vm.preparar(data.datos().engine, periodo, _actor(), data.reglas())
    except ErrorDeDatos as exc:
        texto = str(exc) if "no se publicó" in str(exc).lower() else f"{exc} No se publicó nada."
        return {
            "resultado": fm.alerta(texto),
            "token": dash.no_update,
            "recarga": dash.no_update,
        }
    respuesta = fm.escribir(
        lambda s, a: vm.publicar(s, preparada, huella, a),
        token=token,
        formulario="publicacion-publicar",
    )
    nuevo_token, _ = fm.tras_guardar(respuesta, {})
    return {
        # A second send of the same click leaves the first one's answer on screen.
        "resultado": dash.no_update if respuesta.estado == "repetido" else respuesta.alerta,
        "token": nuevo_token,
        "recarga": (recarga or 0) + 1 if respuesta.guardado else dash.no_update,
    }


# --- the editions and the withdrawal -----------------------------------------------------------


def _tabla(filas: list[vm.FilaPublicacion]) -> Any:
    if not filas:
        return html.P(
            "Todavía no se ha publicado ningún trimestre.", className="text-muted", id=f"{P}-vacia"
        )
    encabezado = ["Trimestre", "Edición", "Estado", "Cifras al", "Publicada", "Retiro", "Acciones"]
    cuerpo = []
    for f in filas:
        acciones: list[Any] = []
        if f.enlace:
            acciones.append(html.A("Ver en el portal", href=f.enlace, target="_blank"))
        if f.retirable:
            acciones.append(
                dbc.Button(
                    "Retirar…",
                    id={"type": RETIRAR, "id": f.id},
                    size="sm",
                    color="danger",
                    outline=True,
                    className="ms-2",
                )
            )
        cuerpo.append(
            html.Tr(
                [
                    html.Td(f.periodo),
                    html.Td(f.edicion),
                    html.Td(dbc.Badge(f.estado, color=COLORES[f.clase])),
                    html.Td(f.fecha_corte),
                    html.Td(f.publicada),
                    html.Td(f.retiro or "—"),
                    html.Td(acciones or "—"),
                ],
                className=f"{P}-fila",
            )
        )
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t) for t in encabezado])), html.Tbody(cuerpo)],
        bordered=True,
        hover=True,
        responsive=True,
        size="sm",
        id=f"{P}-tabla",
    )


@callback(Output(LISTA, "children"), Input(RECARGA, "data"))
def listar(_recarga: Any) -> Any:
    """Every edition; a role that may not publish (a forged request) gets the refusal only."""
    try:
        return _tabla(vm.publicaciones(data.datos().engine, _actor()))
    except ErrorDeDatos as exc:
        return fm.alerta(str(exc))


@callback(
    output={
        "abierto": Output(DIALOGO, "is_open"),
        "elegida": Output(ELEGIDA, "data"),
        "texto": Output(DIALOGO_TEXTO, "children"),
        "resultado": Output(RETIRO_RESULTADO, "children", allow_duplicate=True),
    },
    inputs={
        "_retirar": Input({"type": RETIRAR, "id": ALL}, "n_clicks"),
        "_cancelar": Input(CANCELAR, "n_clicks"),
    },
    prevent_initial_call=True,
)
def abrir_retiro(_retirar: Any, _cancelar: Any) -> dict[str, Any]:
    """«Retirar…» opens the dialog on that edition; «Cancelar» closes it."""
    disparo = ctx.triggered_id
    if disparo == CANCELAR:
        return {
            "abierto": False,
            "elegida": dash.no_update,
            "texto": dash.no_update,
            "resultado": None,
        }
    if not (isinstance(disparo, dict) and any(t.get("value") for t in ctx.triggered)):
        return dict.fromkeys(("abierto", "elegida", "texto", "resultado"), dash.no_update)
    try:
        texto = vm.descripcion(data.datos().engine, disparo.get("id"), _actor())
    except ErrorDeDatos as exc:
        return {"abierto": True, "elegida": None, "texto": str(exc), "resultado": None}
    return {
        "abierto": True,
        "elegida": disparo.get("id"),
        "texto": ["Va a retirar del portal: ", html.Strong(texto), "."],
        "resultado": None,
    }


@callback(
    output={
        "resultado": Output(RETIRO_RESULTADO, "children", allow_duplicate=True),
        "pagina": Output(RESULTADO, "children", allow_duplicate=True),
        "abierto": Output(DIALOGO, "is_open", allow_duplicate=True),
        "motivo": Output(MOTIVO, "value"),
        "token": Output(RETIRO_TOKEN, "data"),
        "recarga": Output(RECARGA, "data", allow_duplicate=True),
    },
    inputs={"_n": Input(CONFIRMAR, "n_clicks")},
    state={
        "elegida": State(ELEGIDA, "data"),
        "motivo": State(MOTIVO, "value"),
        "token": State(RETIRO_TOKEN, "data"),
        "recarga": State(RECARGA, "data"),
    },
    running=fm.mientras_guarda(CONFIRMAR),
    prevent_initial_call=True,
)
def retirar(_n: Any, elegida: Any, motivo: Any, token: Any, recarga: Any) -> dict[str, Any]:
    """Withdraw the chosen edition with the typed reason; on a refusal or a failure the dialog
    stays open with the reason as typed."""
    respuesta = fm.escribir(
        lambda s, a: vm.retirar(s, elegida, motivo, a),
        token=token,
        formulario="publicacion-retirar",
    )
    nuevo_token, campos = fm.tras_guardar(respuesta, {"motivo": ""})
    if respuesta.estado == "repetido":
        return {
            "resultado": dash.no_update,
            "pagina": dash.no_update,
            "abierto": False,
            "motivo": campos["motivo"],
            "token": nuevo_token,
            "recarga": (recarga or 0) + 1,
        }
    if respuesta.guardado:
        return {
            "resultado": None,
            "pagina": respuesta.alerta,
            "abierto": False,
            "motivo": campos["motivo"],
            "token": nuevo_token,
            "recarga": (recarga or 0) + 1,
        }
    return {
        "resultado": respuesta.alerta,
        "pagina": dash.no_update,
        "abierto": True,
        "motivo": campos["motivo"],
        "token": nuevo_token,
        "recarga": dash.no_update,
    }
