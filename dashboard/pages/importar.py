"""Importar la MCR (``/importar``): a DIGER analyst uploads the MCR workbook, sees its dry run and
applies it.

The same validator as ``sigpret import mcr`` (:mod:`data_layer.importer`): first a dry run that
shows, per sheet, what would be inserted, changed (old → new) and left as is, or every error
with its sheet, row and column; then «Aplicar cambios» imports the same stored file in one
audited transaction, refused if the data changed since the preview. Both run in the background
(:mod:`data_layer.importer.web`); a ``dcc.Interval`` polls the job until it ends.

Only ``analista`` and ``admin``: the navbar hides the link from other roles, the layout sent to
them holds only a message, and the callback and the service check the role again, so a forged
request is refused.

URL parameters: none.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update
from flask import current_app, has_app_context

from dashboard import data
from dashboard.components import importar as piezas
from data_layer import permisos
from data_layer.errores import ErrorDeDatos
from data_layer.formato import format_numero
from data_layer.importer import web
from data_layer.vistas import importar as vm

#: Roles that may import (for the navigation; the rule is ``permisos``').
ROLES = tuple(sorted(r.value for r in permisos.ROLES_IMPORTAN))

dash.register_page(
    __name__,
    path="/importar",
    name="Importar MCR",
    title="Importar la MCR | SIGPRET",
    description="Subir el libro de la MCR, revisar la vista previa de los cambios y aplicarlos.",
    order=95,
    roles=ROLES,
)

ARCHIVO = "importar-archivo"
SUBIDA = "importar-subida"
LIMITE = "importar-limite"
TOKEN = "importar-token"
INTERVALO = "importar-intervalo"
ESTADO = "importar-estado"
RESULTADO = "importar-resultado"
APLICAR = "importar-aplicar"
AVISO = "importar-aviso"
AVISO_CLIENTE = "importar-aviso-cliente"
#: Milliseconds between two polls of a running job.
CADA_MS = 1000
#: Room left in the request for the callback's JSON around the file.
_MARGEN_BYTES = 16 * 1024


def _sin_permiso() -> dbc.Alert:
    return dbc.Alert(
        permisos.SIN_PERMISO_IMPORTAR, color="danger", id="importar-sin-permiso", className="mt-3"
    )


def _limite_caracteres() -> int:
    """Longest upload (as the browser's base64 data URL) that fits the request limit."""
    maximo = int(
        current_app.config.get("SIGPRET_LIMITE_LIBRO")
        or current_app.config.get("MAX_CONTENT_LENGTH")
        or 2 * 1024 * 1024
    )
    return max(maximo - _MARGEN_BYTES, 0)


def _mb(caracteres: int) -> str:
    """The file size (MB) a base64 text of ``caracteres`` carries."""
    return format_numero(caracteres * 3 / 4 / 1024 / 1024, 1)


def layout(**_kwargs: Any) -> html.Div:
    """The upload form and empty result areas; for other roles, only a message."""
    titulo = html.H1("Importar la MCR", className="pagina-titulo")
    if data.alcance_actual() is not None and not permisos.puede_importar(data.alcance_actual()):
        return html.Div([titulo, _sin_permiso()])
    limite = _limite_caracteres() if has_app_context() else 0
    return html.Div(
        [
            titulo,
            html.P(
                "Suba el libro de Excel de la MCR (.xlsx, con las hojas ejes, sectores, "
                "instituciones, metas, indicadores, programacion y avances, como lo importa "
                "«sigpret import mcr»). Primero verá qué se agregaría y qué cambiaría, hoja por "
                "hoja; nada se guarda hasta que pulse «Aplicar cambios».",
                className="pagina-subtitulo mb-2",
            ),
            dcc.Upload(
                html.Div(
                    [
                        html.Strong("Arrastre aquí el libro .xlsx"),
                        " o ",
                        html.Span("haga clic para elegirlo", className="importar-elegir"),
                        html.Div(f"Tamaño máximo: {_mb(limite)} MB", className="small text-muted"),
                    ]
                ),
                id=ARCHIVO,
                multiple=False,
                className="importar-zona",
            ),
            dcc.Store(id=LIMITE, data=limite),
            dcc.Store(id=SUBIDA),
            dcc.Store(id=TOKEN),
            dcc.Interval(id=INTERVALO, interval=CADA_MS, disabled=True),
            html.Div(id=AVISO_CLIENTE, className="text-danger fw-semibold mt-2", role="alert"),
            html.Div(id=AVISO, className="mt-2"),
            html.Div(id=ESTADO, className="mt-2"),
            dbc.Button(
                "Aplicar cambios",
                id=APLICAR,
                color="primary",
                className="mt-2 d-none",
                n_clicks=0,
            ),
            html.Div(id=RESULTADO),
        ],
        className="importar",
    )


# The file is checked against the request limit in the browser, so that a file too large gets a
# Spanish message instead of a refused request. The script is ASCII (non-ASCII letters escaped):
# its CSP hash must match the inline script exactly as the page carries it.
clientside_callback(
    """function (contenido, nombre, limite) {
        if (!contenido) { return [window.dash_clientside.no_update, ""]; }
        if (contenido.length > limite) {
            var mb = function (n) { return (n * 3 / 4 / 1048576).toFixed(1); };
            return [null, "El archivo \\u00ab" + nombre + "\\u00bb pesa " +
                mb(contenido.length) + " MB; el m\\u00e1ximo es " + mb(limite) +
                " MB. No se subi\\u00f3."];
        }
        return [{contenido: contenido, nombre: nombre}, ""];
    }""",
    Output(SUBIDA, "data"),
    Output(AVISO_CLIENTE, "children"),
    Input(ARCHIVO, "contents"),
    State(ARCHIVO, "filename"),
    State(LIMITE, "data"),
)


def _bytes(contenido: str) -> bytes:
    """The file's bytes from the browser's ``data:…;base64,…`` text."""
    _, _, cuerpo = contenido.partition(",")
    try:
        return base64.b64decode(cuerpo, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise web.ArchivoInvalido("El archivo no llegó completo; súbalo otra vez.") from exc


def _alerta(texto: str, color: str = "danger") -> dbc.Alert:
    return dbc.Alert(texto, color=color, className="py-2", id="importar-alerta")


def _salida(
    tarea: dict[str, Any] | None = None, aviso: Any = "", token: Any = no_update
) -> dict[str, Any]:
    """Every output of :func:`actualizar` for the job ``tarea`` (None: nothing to show)."""
    if tarea is None:
        return {
            "token": token,
            "estado": None,
            "resultado": None,
            "aviso": aviso,
            "intervalo": True,
            "aplicar": "mt-2 d-none",
        }
    vista = tarea.get("vista_previa")
    resultado: Any = None
    if vista is not None and tarea["etapa"] in {"lista", "con_errores"}:
        resultado = piezas.resumen(vista) if vista["ok"] else piezas.errores(vista)
    return {
        "token": token,
        "estado": piezas.progreso(tarea),
        "resultado": resultado,
        "aviso": aviso,
        "intervalo": not tarea["en_curso"],
        "aplicar": "mt-2" if vm.puede_aplicar(tarea) else "mt-2 d-none",
    }


@callback(
    output={
        "token": Output(TOKEN, "data"),
        "estado": Output(ESTADO, "children"),
        "resultado": Output(RESULTADO, "children"),
        "aviso": Output(AVISO, "children"),
        "intervalo": Output(INTERVALO, "disabled"),
        "aplicar": Output(APLICAR, "className"),
    },
    inputs={
        "subida": Input(SUBIDA, "data"),
        "_n": Input(INTERVALO, "n_intervals"),
        "_clics": Input(APLICAR, "n_clicks"),
        "token": State(TOKEN, "data"),
    },
    prevent_initial_call=True,
)
def actualizar(
    subida: dict[str, str] | None, _n: int | None, _clics: int | None, token: str | None
) -> dict[str, Any]:
    """Start a dry run (a file arrived), report the running job (a poll), or apply (the button).

    Every branch asks the data layer, which refuses a user who may not import (a forged call
    gets the refusal and nothing else).
    """
    actor = data.alcance_actual()
    if not permisos.puede_importar(actor):
        return _salida(aviso=_alerta(permisos.SIN_PERMISO_IMPORTAR), token=None)
    url = data.datos().database_url
    try:
        if ctx.triggered_id == SUBIDA:
            if not subida:
                return _salida(token=None)
            nuevo = web.iniciar_vista_previa(
                actor, url, str(subida.get("nombre") or ""), _bytes(str(subida["contenido"]))
            )
            return _salida(web.consultar(actor, url, nuevo), token=nuevo)
        if ctx.triggered_id == APLICAR and token:
            web.aplicar(actor, url, token)
        tarea = web.consultar(actor, url, token)
    except ErrorDeDatos as exc:
        return _salida(web.consultar(actor, url, token) if token else None, aviso=_alerta(str(exc)))
    if tarea is None:
        return _salida(aviso=_alerta(web.NO_EXISTE, "warning"), token=None)
    return _salida(tarea)
