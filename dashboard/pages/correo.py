"""Correo (``/correo``): the outgoing e-mail, for admins: queued, failed and sent messages, and
the local mailbox of the embedded mode (each message with its text and attachments).

A failed or waiting message can be queued again (audited). Only ``admin`` sees it: the navbar
hides the link from other roles, the layout sent to them holds only a "no tiene permiso"
message, and the callback checks the role on the server (a forged request gets that message,
no message data, and retries nothing). Attachments download through
``/descargas/correo/adjunto/<id>``, which checks the role too.

URL parameters: none.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, callback, ctx, html

from dashboard import data
from data_layer import permisos
from data_layer.correo.servicio import ErrorCorreo
from data_layer.vistas import correo as vistas_correo
from data_layer.vistas.correo import FilaCorreo

dash.register_page(
    __name__,
    path="/correo",
    name="Correo",
    title="Correo | SIGPRET",
    description="Correo saliente: mensajes en cola, enviados y fallidos, y el buzón local.",
    order=110,
    roles=tuple(sorted(r.value for r in permisos.ROLES_CORREO)),
)

CONTENIDO = "correo-contenido"
MENSAJE = "correo-mensaje"
ACTUALIZAR = "correo-actualizar"
REINTENTAR = "correo-reintentar"


def _sin_permiso() -> dbc.Alert:
    return dbc.Alert(
        permisos.SIN_PERMISO_CORREO, color="danger", id="correo-sin-permiso", className="mt-3"
    )


def layout(**_kwargs: Any) -> html.Div:
    """The page skeleton (no data); for a role other than admin, only a message."""
    titulo = html.H1("Correo", className="pagina-titulo")
    if data.alcance_actual() is not None and not permisos.puede_administrar_correo(
        data.alcance_actual()
    ):
        return html.Div([titulo, _sin_permiso()])
    return html.Div(
        [
            titulo,
            html.P(
                "Cada correo que SIGPRET envía (convocatorias, ayudas memoria) se guarda aquí "
                "antes de salir y se reintenta hasta entregarse. Sin servidor SMTP configurado, "
                "los mensajes se entregan al buzón local de esta página. Horas de Honduras.",
                className="pagina-subtitulo mb-2",
            ),
            dbc.Button("Actualizar", id=ACTUALIZAR, color="secondary", size="sm"),
            html.Div(id=MENSAJE, className="mt-2"),
            html.Div(id=CONTENIDO, className="mt-2"),
        ]
    )


def _adjuntos(fila: FilaCorreo) -> Any:
    if not fila.adjuntos:
        return "—"
    return html.Ul(
        [
            html.Li(
                html.A(nombre, href=f"/descargas/correo/adjunto/{i}", className="correo-adjunto")
            )
            for i, nombre in fila.adjuntos
        ],
        className="mb-0 ps-3",
    )


def _tabla(filas: list[FilaCorreo], vacio: str, *, reintentar: bool) -> Any:
    if not filas:
        return html.P(vacio, className="text-muted")
    encabezado = ["Para", "Asunto", "Evento", "Creado", "Intentos", "Estado", "Adjuntos"]
    if reintentar:
        encabezado.append("Acción")
    cuerpo = []
    for f in filas:
        celdas = [
            html.Td(f.para),
            html.Td(f.asunto),
            html.Td(f.evento),
            html.Td(f.creado),
            html.Td(f.intentos),
            html.Td(f.detalle),
            html.Td(_adjuntos(f)),
        ]
        if reintentar:
            celdas.append(
                html.Td(
                    dbc.Button(
                        "Reintentar",
                        id={"type": REINTENTAR, "id": f.id},
                        size="sm",
                        color="primary",
                        outline=True,
                    )
                    if f.reintentable
                    else None
                )
            )
        cuerpo.append(html.Tr(celdas, className="correo-fila"))
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t) for t in encabezado])), html.Tbody(cuerpo)],
        bordered=True,
        hover=True,
        responsive=True,
        size="sm",
    )


def _buzon(filas: list[FilaCorreo]) -> Any:
    if not filas:
        return html.P("El buzón local está vacío.", className="text-muted")
    return html.Div(
        [
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H3(f.asunto, className="h6"),
                        html.P(f"Para: {f.para} · {f.detalle}", className="small text-muted"),
                        html.Pre(f.texto, className="correo-texto small"),
                        _adjuntos(f),
                    ]
                ),
                className="mb-2 correo-buzon-mensaje",
            )
            for f in filas
        ]
    )


def _contenido(c: vistas_correo.ContenidoCorreo) -> list[Any]:
    return [
        html.H2(f"Fallidos ({len(c.fallidos)})", className="h5 mt-3"),
        _tabla(c.fallidos, "Ningún mensaje fallido.", reintentar=True),
        html.H2(f"En cola ({len(c.en_cola)})", className="h5 mt-3"),
        _tabla(c.en_cola, "Ningún mensaje en cola.", reintentar=True),
        html.H2(f"Enviados ({len(c.enviados)})", className="h5 mt-3"),
        _tabla(c.enviados, "Ningún mensaje enviado.", reintentar=False),
        html.H2(f"Buzón local ({len(c.buzon)})", className="h5 mt-3"),
        _buzon(c.buzon),
    ]


@callback(
    Input(ACTUALIZAR, "n_clicks"),
    Input({"type": REINTENTAR, "id": ALL}, "n_clicks"),
    output={"contenido": Output(CONTENIDO, "children"), "mensaje": Output(MENSAJE, "children")},
)
def render_correo(_actualizar: Any, _reintentos: Any) -> dict[str, Any]:
    """The outbox and the mailbox; a click on «Reintentar» first queues that message again.

    The role is checked here, on the server (and again by the service): anyone but an admin,
    even with a forged request, gets the "no tiene permiso" message and nothing else.
    """
    alcance = data.alcance_actual()
    if not permisos.puede_administrar_correo(alcance):
        return {"contenido": None, "mensaje": _sin_permiso()}
    engine = data.datos().engine
    mensaje = None
    disparo = ctx.triggered_id
    if (
        isinstance(disparo, dict)
        and disparo.get("type") == REINTENTAR
        and any(t.get("value") for t in ctx.triggered)
    ):
        try:
            texto = vistas_correo.reintentar(engine, int(disparo["id"]), alcance)
            mensaje = dbc.Alert(texto, color="success", id="correo-confirmacion")
        except (ErrorCorreo, ValueError, TypeError) as exc:
            mensaje = dbc.Alert(str(exc), color="danger", id="correo-error")
    return {
        "contenido": _contenido(vistas_correo.contenido_correo(engine, alcance)),
        "mensaje": mensaje,
    }
