"""A minister's response to the Presidency: the goal page's section and form, the overview's list.

The goal's state comes from the server's own engine result for the period shown (never from the
browser); the write goes through :func:`data_layer.respuestas.registrar_respuesta`, which checks
that the user is the goal's sector's minister and that the goal is red.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from sqlalchemy.orm import Session

from dashboard.components import formularios as fm
from data_layer import documentos as doc
from data_layer import respuestas
from data_layer.auth import Alcance
from data_layer.vistas import respuestas as vm

P = "meta-respuesta"
SECCION = P
TOKEN = f"{P}-token"
TEXTO = f"{P}-texto"
ACCIONES = f"{P}-acciones"
FECHA = f"{P}-fecha"
FIRMANTE = f"{P}-firmante"
VIGENTE = f"{P}-vigente-id"
BOTON = f"{P}-guardar"
RESULTADO = f"{P}-resultado"
REFRESCO = f"{P}-refresco"


def tarjeta(r: vm.Respuesta, *, titulo: str = "Respuesta del ministro") -> dbc.Card:
    """A response: what is happening, what is being done, by when, who and when."""
    esperada = (
        f" Mejora esperada para el {doc.fecha(r.fecha_esperada)}." if r.fecha_esperada else ""
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(titulo, className="fw-semibold mb-1"),
                html.P([html.Strong("Situación: "), r.texto], className="mb-1"),
                html.P([html.Strong("Qué se está haciendo: "), r.acciones], className="mb-1"),
                html.P(
                    f"{r.firmante}, {doc.fecha(r.registrada)} (sobre {r.periodo}).{esperada}",
                    className="small text-body-secondary mb-0",
                ),
            ]
        ),
        className="mb-2 respuesta-ministro",
    )


FORMULARIO = f"{P}-formulario"
TITULO_FORMULARIO = f"{P}-formulario-titulo"


def formulario() -> html.Div:
    """The minister's form, always in the goal page's layout (Dash checks its callback against
    it) and hidden until :func:`estado_formulario` shows it to the sector's minister."""
    return html.Div(
        [
            html.H3("Responder a la Presidencia", id=TITULO_FORMULARIO, className="h6 mt-3"),
            fm.campo_token(TOKEN),
            dcc.Store(id=VIGENTE),
            fm.campo(
                "¿Qué está pasando con la meta?",
                dbc.Textarea(id=TEXTO, rows=3, maxLength=2000),
            ),
            fm.campo("¿Qué se está haciendo?", dbc.Textarea(id=ACCIONES, rows=3, maxLength=2000)),
            fm.campo("¿Para cuándo se espera mejorar?", fm.entrada_fecha(FECHA)),
            fm.campo("Quién responde", dbc.Input(id=FIRMANTE, maxLength=200), "Nombre y cargo."),
            dbc.Button("Enviar respuesta a la Presidencia", id=BOTON, color="primary"),
        ],
        id=FORMULARIO,
        className="panel p-3",
        style={"display": "none"},
    )


def estado_formulario(panel: vm.PanelMeta | None) -> dict[str, Any]:
    """The form's visibility, title and the response it supersedes, for ``panel``."""
    visible = panel is not None and panel.puede_responder
    return {
        "estilo": {} if visible else {"display": "none"},
        "titulo": "Actualizar la respuesta"
        if panel is not None and panel.vigente is not None
        else "Responder a la Presidencia",
        "vigente": panel.vigente.id if panel is not None and panel.vigente is not None else None,
    }


def seccion(panel: vm.PanelMeta | None) -> list[Any]:
    """The goal page's section: the current response and the earlier ones."""
    if panel is None:
        return []
    partes: list[Any] = []
    if panel.vigente is not None:
        partes.append(tarjeta(panel.vigente))
    elif panel.semaforo == "rojo":
        partes.append(
            html.P(
                f"La meta está en rojo en {panel.periodo} y el ministro aún no ha respondido.",
                className="small",
            )
        )
    else:
        partes.append(html.P("No hay respuestas del ministro sobre esta meta.", className="small"))
    if panel.anteriores:
        partes.append(
            html.Details(
                [
                    html.Summary(f"Respuestas anteriores ({len(panel.anteriores)})"),
                    *[tarjeta(r, titulo="Respuesta anterior") for r in panel.anteriores],
                ],
                className="mb-2",
            )
        )
    return partes


def guardar(
    codigo: str,
    semaforo: str | None,
    periodo: str,
    texto: Any,
    acciones: Any,
    fecha: Any,
    firmante: Any,
    vigente: Any,
    token: Any,
) -> fm.Respuesta:
    """Record the response as the logged-in user (the service decides who may)."""

    def accion(s: Session, actor: Alcance) -> str:
        respuestas.registrar_respuesta(
            s,
            codigo,
            periodo=periodo,
            semaforo=semaforo,
            texto=str(texto or ""),
            acciones=str(acciones or ""),
            fecha_esperada=fm.leer_fecha(fecha, "fecha esperada") if fecha else None,
            firmante=str(firmante or ""),
            reemplaza_a=vigente if isinstance(vigente, int) else None,
            actor=actor,
        )
        return "Respuesta registrada: la Presidencia la ve en la meta y en el resumen."

    return fm.escribir(accion, token=token, formulario="respuesta-ministro")


def lista_resumen(filas: list[vm.Respuesta], enlace: Any) -> Any:
    """The overview's list: each goal with a response, its text on hover and a link.

    Args:
        filas: the current responses (newest first).
        enlace: builds a goal's link from its code (keeps the overview's filters).
    """
    if not filas:
        return html.P("Ningún ministro ha respondido todavía.", className="small")
    return html.Ul(
        [
            html.Li(
                [
                    html.Div(
                        [
                            dcc.Link(r.meta, href=enlace(r.meta), className="fw-semibold"),
                            f" · {r.descripcion}",
                        ]
                    ),
                    html.Div(
                        [
                            html.Strong(f"{r.firmante} ({doc.fecha(r.registrada)}): "),
                            html.Span(
                                r.texto if len(r.texto) <= 110 else r.texto[:107] + "…",
                                title=f"{r.texto}\nQué se está haciendo: {r.acciones}",
                            ),
                        ]
                    ),
                ],
                className="small mb-2 border-start border-3 border-danger ps-2",
            )
            for r in filas
        ],
        className="list-unstyled mb-0",
        id="resumen-respuestas-lista",
    )
