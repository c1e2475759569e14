"""«Mis acuerdos»: the pieces of the page and its one write (a UPGRET reports on its acuerdo).

The list shows each acuerdo of the user's institutions with its status badge and follow-up
notes; the report form names one open acuerdo, the new status (``en proceso``, ``cumplido``) or
none (a note only), the note and the evidence (a file, or an ``https://`` link). The write goes
through :func:`data_layer.mesas.servicio.informar_acuerdo` as the logged-in user, against the
version the page showed: the service decides who may (a forged acuerdo id is refused).
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from sqlalchemy.orm import Session

from dashboard import evidencias as evidencias_web
from dashboard.components import formularios as fm
from dashboard.components.atributos import aria
from dashboard.components.evidencia import subida_de_evidencia
from dashboard.components.mesas import href_mesa, insignia_acuerdo
from data_layer import documentos as doc
from data_layer.auth import Alcance
from data_layer.mesas import servicio
from data_layer.vistas import mis_acuerdos as vm

P = "mis-acuerdos"
LISTA = f"{P}-lista"
DOCUMENTOS = f"{P}-documentos"
RESUMEN = f"{P}-resumen"
MENSAJE = f"{P}-mensaje"
REFRESCO = f"{P}-refresco"
VERSIONES = f"{P}-versiones"
TOKEN = f"{P}-token"
ACUERDO = f"{P}-acuerdo"
ESTADO = f"{P}-estado"
NOTA = f"{P}-nota"
ENLACE = f"{P}-enlace"
#: The evidence upload (its id ends in ``-evidencia``: its callback may carry 10 MB).
SUBIDA = f"{P}-evidencia"
BOTON = f"{P}-informar"
RESULTADO = f"{P}-resultado"

#: The report form's statuses: a note only, or the two the institution gives.
OPCIONES_ESTADO = [
    {"value": "", "label": "Solo agregar una nota (sin cambiar el estado)"},
    {"value": "en_proceso", "label": "En proceso: ya comenzamos"},
    {"value": "cumplido", "label": "Cumplido: adjunto la evidencia"},
]
#: The form's fields, empty (after a save).
VACIOS: dict[str, Any] = {"acuerdo": None, "estado": "", "nota": "", "enlace": ""}


def formulario() -> html.Section:
    """The report form (filled by the user; its acuerdo options come with the list)."""
    return html.Section(
        [
            html.H2("Informar el avance de un acuerdo", className="seccion-titulo"),
            html.P(
                "Elija el acuerdo, diga en qué va y deje una nota para la mesa. Para informarlo "
                "cumplido adjunte la evidencia (un archivo o un enlace https://). Cancelar o "
                "reabrir un acuerdo corresponde a la mesa.",
                className="small text-body-secondary",
            ),
            fm.campo_token(TOKEN),
            fm.campo("Acuerdo", dcc.Dropdown(id=ACUERDO, options=[], placeholder="Elija…")),
            fm.campo(
                "¿En qué va?",
                dbc.RadioItems(id=ESTADO, options=OPCIONES_ESTADO, value=""),
            ),
            fm.campo("Nota de seguimiento", dbc.Textarea(id=NOTA, rows=3, maxLength=2000)),
            fm.campo(
                "Enlace a la evidencia",
                dbc.Input(id=ENLACE, type="url", placeholder="https://…"),
                "Opcional si adjunta un archivo.",
            ),
            html.Div(
                [
                    html.Span("Archivo de evidencia", className="form-label fw-semibold"),
                    subida_de_evidencia(SUBIDA),
                ],
                className="mb-3",
            ),
            dbc.Button("Informar a la mesa", id=BOTON, color="primary"),
            html.Div(id=RESULTADO),
        ],
        className="panel p-3 mb-4",
        **aria(label="Informar el avance de un acuerdo"),
    )


def _seguimientos(fila: vm.FilaAcuerdo) -> Any:
    if not fila.seguimientos:
        return html.P("Sin notas de seguimiento todavía.", className="small text-body-secondary")
    items = []
    for s in fila.seguimientos:
        partes: list[Any] = [
            html.Strong(doc.fecha(s.fecha)),
            " · ",
            s.usuario or "—",
        ]
        if s.estado_nuevo != s.estado_anterior:
            partes += [
                " · ",
                doc.ESTADOS_ACUERDO.get(s.estado_anterior, s.estado_anterior),
                " → ",
                doc.ESTADOS_ACUERDO.get(s.estado_nuevo, s.estado_nuevo),
            ]
        partes += [": ", s.nota]
        if s.evidencia_href:
            partes += [" ", html.A(f"📎 {s.evidencia_nombre}", href=s.evidencia_href)]
        if s.enlace:
            partes += [" ", html.A("🔗 Evidencia", href=s.enlace, target="_blank", rel="noopener")]
        items.append(html.Li(partes, className="small"))
    return html.Ul(items, className="mb-0 ps-3")


def tarjeta(fila: vm.FilaAcuerdo) -> dbc.Card:
    """One acuerdo: status, text, who and by when, where it was agreed, its follow-ups."""
    acta = f" · Acta N.º {fila.acta}" if fila.acta else ""
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        insignia_acuerdo(fila.estado),
                        html.Span(f" Acuerdo N.º {fila.id}", className="fw-semibold ms-2"),
                        html.Span(
                            f" · vence el {doc.fecha(fila.fecha_limite)}",
                            className="text-body-secondary",
                        ),
                    ],
                    className="mb-2",
                ),
                html.P(fila.texto, className="mb-1 fw-semibold"),
                html.P(
                    [
                        f"Responsable: {fila.persona} ({fila.institucion}) · ",
                        dcc.Link(fila.mesa, href=href_mesa(fila.sector)),
                        f" · sesión {fila.sesion_nivel.lower()} del "
                        f"{doc.fecha(fila.sesion_fecha)}{acta}",
                    ],
                    className="small mb-2",
                ),
                _seguimientos(fila),
            ]
        ),
        className="mb-2 mis-acuerdos-tarjeta",
        id={"type": "mis-acuerdos-tarjeta", "index": fila.id},
    )


def resumen(vista: vm.MisAcuerdos) -> str:
    """One sentence: how many acuerdos, open, overdue."""
    total = len(vista.acuerdos)
    if not total:
        return f"Ninguna mesa ha asignado acuerdos a {', '.join(vista.instituciones)} todavía."
    return (
        f"{total} acuerdos asignados a {', '.join(vista.instituciones)}: {vista.abiertos} por "
        f"cumplir, {vista.vencidos} vencidos."
    )


def opciones(vista: vm.MisAcuerdos) -> list[dict[str, Any]]:
    """The open acuerdos the form may name."""
    return [
        {"value": a.id, "label": f"N.º {a.id} · {a.texto[:80]}"}
        for a in vista.acuerdos
        if a.abierto and a.estados_permitidos
    ]


def tabla_documentos(filas: list[vm.FilaDocumento]) -> Any:
    """Convocatorias and distributed ayudas memoria of the institutions' mesas."""
    if not filas:
        return html.P(
            "Su institución no participa todavía en ninguna mesa con sesiones convocadas.",
            className="small text-body-secondary",
        )
    cuerpo = [
        html.Tr(
            [
                html.Td(doc.fecha(f.fecha.date())),
                html.Td(dcc.Link(f.mesa, href=href_mesa(f.sector))),
                html.Td(f.nivel),
                html.Td(f.lugar),
                html.Td(html.A("Convocatoria (PDF)", href=f.convocatoria_href)),
                html.Td(
                    html.A(f"Ayuda memoria, acta N.º {f.acta} (PDF)", href=f.ayuda_href)
                    if f.ayuda_href
                    else html.Span("Aún no distribuida", className="text-body-secondary")
                ),
            ]
        )
        for f in filas
    ]
    return dbc.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th("Sesión"),
                        html.Th("Mesa"),
                        html.Th("Nivel"),
                        html.Th("Lugar"),
                        html.Th("Convocatoria"),
                        html.Th("Ayuda memoria"),
                    ]
                )
            ),
            html.Tbody(cuerpo),
        ],
        size="sm",
        hover=True,
        responsive=True,
        id=f"{P}-tabla-documentos",
    )


def informar(
    acuerdo: Any,
    estado: Any,
    nota: Any,
    enlace: Any,
    contents: Any,
    filename: Any,
    versiones: Any,
    token: Any,
) -> fm.Respuesta:
    """Record the report as the logged-in user (one transaction: the file goes with it).

    The acuerdo id and the version come from the browser: the service checks that the user's
    institution is the acuerdo's (else the mesa's refusal) and that the version is current.
    """
    ident = acuerdo if isinstance(acuerdo, int) and not isinstance(acuerdo, bool) else None
    version = (versiones or {}).get(str(ident)) if isinstance(versiones, dict) else None

    def accion(s: Session, actor: Alcance) -> str:
        if ident is None:
            raise servicio.ErrorMesa("Elija el acuerdo que informa.")
        evidencia_id = None
        if contents:
            sigla = vm.institucion_de_acuerdo(s, ident)
            if sigla is None:
                raise servicio.ErrorMesa(fm.NO_EXISTE)
            evidencia_id = evidencias_web.guardar_subida(
                s, actor=actor, institucion=sigla, contents=contents, filename=filename
            ).id
        fila = servicio.informar_acuerdo(
            s,
            ident,
            estado=str(estado or "") or None,
            nota=str(nota or ""),
            version=int(version) if isinstance(version, int) else 0,
            evidencia_id=evidencia_id,
            evidencia_url=str(enlace or "") or None,
            actor=actor,
        )
        palabra = doc.ESTADOS_ACUERDO.get(fila.estado_nuevo.value, fila.estado_nuevo.value)
        return f"Acuerdo N.º {ident} informado: queda «{palabra}». La mesa ya ve su nota."

    return fm.escribir(accion, token=token, formulario="mis-acuerdos")


def tarjeta_inicio(vista: vm.MisAcuerdos) -> dbc.Alert:
    """The home page's line for a UPGRET: its open and overdue acuerdos, linking to the page."""
    return dbc.Alert(
        [
            html.Strong("Acuerdos de las mesas: "),
            f"{vista.abiertos} por cumplir, {vista.vencidos} vencidos. ",
            dcc.Link("Ir a Mis acuerdos", href="/mis-acuerdos", className="alert-link"),
        ],
        color="warning" if vista.vencidos else "info",
        className="mb-3",
        id=f"{P}-inicio",
    )
