"""The «Revisiones de meta» section of an indicator page: the history of target revision
proposals, and the forms to propose, give the methodological opinion and decide
(:mod:`data_layer.vistas.revisiones`; the writes are the page's callbacks)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import formatting
from dashboard.components import detalle as det
from dashboard.components import formularios as fm
from data_layer.engine.proyeccion_metas import ProyeccionMeta
from data_layer.revisiones.consultas import Revision
from data_layer.vistas.revisiones import PanelRevisiones, PeriodoAbierto

P = "revision"
#: Pattern-matching id of the proposed target of one period.
TIPO_PERIODO = f"{P}-meta-periodo"

#: Badge colour of each proposal state.
COLORES = {
    "propuesta": "warning",
    "con_opinion": "info",
    "aprobada": "success",
    "devuelta": "secondary",
    "rechazada": "danger",
}
OPINIONES = {"favorable": "Favorable", "con_observaciones": "Con observaciones"}


def _fecha(valor: Any) -> str:
    return formatting.format_fecha(valor) if valor is not None else "—"


def _periodos(r: Revision, d: int) -> html.Ul:
    items = []
    for f in r.periodos:
        nota = ""
        if f.aplicada is False:
            nota = " (no se aplicó: el periodo ya había terminado)"
        elif f.aplicada:
            nota = " (aplicada)"
        items.append(
            html.Li(
                [
                    html.Strong(f.periodo),
                    f": {det.numero(f.meta_vigente, d)} → ",
                    html.Strong(det.numero(f.meta_propuesta, d)),
                    nota,
                ]
            )
        )
    return html.Ul(items, className="mb-1")


def _paso(titulo: str, quien: str | None, fecha: Any, texto: str | None) -> html.Div:
    return html.Div(
        [
            html.Div(
                [html.Strong(titulo), f" · {quien or '—'} · {_fecha(fecha)}"], className="small"
            ),
            html.Div(texto or "", className="small text-body-secondary"),
        ],
        className="mb-1",
    )


def tarjeta_revision(r: Revision, unidad: str, d: int) -> dbc.Card:
    """One version of a proposal: periods old → new, justification, proposer, opinion and
    analyst, decision, approver and date."""
    cuerpo: list[Any] = [
        html.Div(
            [
                dbc.Badge(r.estado_texto, color=COLORES.get(r.estado, "light"), className="me-2"),
                html.Span(f"Propuesta {r.id}", className="fw-semibold"),
                html.Span(f" · versión {r.numero}", className="text-body-secondary")
                if r.numero > 1
                else None,
            ],
            className="mb-2",
        ),
        html.Div(f"Metas propuestas ({unidad}), vigente → nueva:", className="small"),
        _periodos(r, d),
        _paso("Propuesta", r.propuesta_nombre, r.fecha_propuesta, r.justificacion),
    ]
    if r.metodo_proyeccion:
        cuerpo.append(html.Div(f"Proyección usada: {r.metodo_proyeccion}", className="small"))
    if r.acuerdo_id:
        cuerpo.append(html.Div(f"Acuerdo de la mesa: {r.acuerdo_id}", className="small"))
    if r.opinion:
        cuerpo.append(
            _paso(
                f"Opinión metodológica: {OPINIONES.get(r.opinion, r.opinion)}",
                r.opinion_nombre,
                r.fecha_opinion,
                r.opinion_texto,
            )
        )
    if r.decision_por:
        palabra = {"aprobada": "Aprobada", "devuelta": "Devuelta", "rechazada": "Rechazada"}
        cuerpo.append(
            _paso(
                f"Decisión: {palabra.get(r.estado, r.estado)}",
                r.decision_nombre,
                r.fecha_decision,
                r.decision_nota,
            )
        )
    if r.corregida:
        cuerpo.append(html.Div("Corregida y reenviada como nueva versión.", className="small"))
    return dbc.Card(
        dbc.CardBody(cuerpo), className="mb-2 tarjeta-revision", id=f"{P}-tarjeta-{r.id}"
    )


def historial(panel: PanelRevisiones, unidad: str) -> Any:
    """Every proposal, newest first (or a sentence when there is none)."""
    if not panel.historial:
        return html.P(
            "Este indicador no tiene revisiones de meta propuestas.", className="text-muted"
        )
    d = det.decimales_de(
        v for r in panel.historial for f in r.periodos for v in (f.meta_vigente, f.meta_propuesta)
    )
    return html.Div([tarjeta_revision(r, unidad, d) for r in panel.historial], id=f"{P}-lista")


def texto_proyeccion(panel: PanelRevisiones) -> str:
    """The projection support's method and range, or why there is none."""
    p = panel.proyeccion
    return p.descripcion if isinstance(p, ProyeccionMeta) else p.motivo


def campos_periodos(abiertos: tuple[PeriodoAbierto, ...], unidad: str) -> list[Any]:
    """One editable field per open period, prefilled with the suggested value (or the current
    target when the projection does not reach it)."""
    d = max(det.decimales_de(a.meta_vigente for a in abiertos), 1)
    filas = []
    for a in abiertos:
        valor = round(a.sugerida, d) if a.sugerida is not None else a.meta_vigente
        rango = (
            f"Sugerida {det.numero(a.sugerida, d)} (rango plausible {det.numero(a.inferior, d)} "
            f"a {det.numero(a.superior, d)})"
            if a.sugerida is not None
            else "Sin valor sugerido para este periodo"
        )
        control = dbc.Input(
            id={"type": TIPO_PERIODO, "periodo": a.periodo},
            type="number",
            value=valor,
            step="any",
            className="campo-meta-propuesta",
        )
        filas.append(
            dbc.Row(
                [
                    dbc.Col(html.Strong(a.periodo), width=2),
                    dbc.Col(f"Vigente: {det.numero(a.meta_vigente, d)} {unidad}", width=3),
                    dbc.Col(control, width=3),
                    dbc.Col(html.Span(rango, className="small text-body-secondary"), width=4),
                ],
                className="align-items-center mb-2",
            )
        )
    return filas


def formulario_proponer() -> html.Div:
    """The proposal form (hidden until the section's callback shows it to who may propose)."""
    return html.Div(
        [
            html.H3("Proponer revisión de meta", className="h5"),
            html.P(id=f"{P}-corrige", className="small"),
            html.P(
                "Las metas nuevas vienen prellenadas con la trayectoria sugerida por la "
                "proyección de apoyo; puede cambiarlas. Solo se proponen periodos que no han "
                "terminado; un campo vacío deja ese periodo como está.",
                className="small text-body-secondary",
            ),
            html.Div(id=f"{P}-periodos"),
            fm.campo(
                "Justificación (obligatoria)",
                dbc.Textarea(id=f"{P}-justificacion", rows=3, maxLength=2000),
            ),
            dbc.Checkbox(
                id=f"{P}-usa-proyeccion",
                label="Me apoyé en la proyección de la DIGER (se registra su método)",
                value=True,
                className="mb-3",
            ),
            fm.campo(
                "Acuerdo de la mesa que la respalda (opcional)",
                dcc.Dropdown(id=f"{P}-acuerdo", options=[], placeholder="Sin acuerdo"),
            ),
            dbc.Button("Enviar propuesta", id=f"{P}-proponer", color="primary"),
            fm.campo_token(f"{P}-proponer-token"),
        ],
        id=f"{P}-form-proponer",
        className="panel p-3 mb-3",
        style={"display": "none"},
    )


def formulario_opinar() -> html.Div:
    """The analyst's opinion form (hidden unless the user may give it now)."""
    return html.Div(
        [
            html.H3("Opinión metodológica (DIGER)", className="h5"),
            dbc.RadioItems(
                id=f"{P}-opinion",
                options=fm.opciones(list(OPINIONES.items())),
                value="favorable",
                inline=True,
                className="mb-2",
            ),
            fm.campo(
                "Fundamento de la opinión (obligatorio)",
                dbc.Textarea(id=f"{P}-opinion-texto", rows=3, maxLength=2000),
            ),
            dbc.Button("Registrar opinión", id=f"{P}-opinar", color="primary"),
            fm.campo_token(f"{P}-opinar-token"),
        ],
        id=f"{P}-form-opinar",
        className="panel p-3 mb-3",
        style={"display": "none"},
    )


def formulario_decidir() -> html.Div:
    """The approver's decision buttons with the required note (hidden unless the user decides)."""
    return html.Div(
        [
            html.H3("Decisión", className="h5"),
            html.P(
                "Al aprobar, la meta vigente cambia solo en los periodos que no han terminado "
                "hoy; la meta original se conserva.",
                className="small text-body-secondary",
            ),
            fm.campo(
                "Nota de la decisión (obligatoria)",
                dbc.Textarea(id=f"{P}-decision-nota", rows=2, maxLength=2000),
            ),
            html.Div(
                [
                    dbc.Button("Aprobar", id=f"{P}-aprobar", color="success", className="me-2"),
                    dbc.Button(
                        "Devolver para corregir",
                        id=f"{P}-devolver",
                        color="secondary",
                        className="me-2",
                    ),
                    dbc.Button("Rechazar", id=f"{P}-rechazar", color="danger"),
                ]
            ),
            fm.campo_token(f"{P}-decidir-token"),
        ],
        id=f"{P}-form-decidir",
        className="panel p-3 mb-3",
        style={"display": "none"},
    )


def seccion() -> list[Any]:
    """The section's static parts: the projection note, the history (what is decided on comes
    first), the three forms, the stores."""
    return [
        html.P(id=f"{P}-proyeccion", className="small"),
        html.Div(id=f"{P}-aviso"),
        html.Div(id=f"{P}-historial"),
        formulario_proponer(),
        formulario_opinar(),
        formulario_decidir(),
        # Outside the forms: a saved write hides its form (the proposal moves on), and the
        # confirmation must stay visible.
        html.Div(
            [html.Div(id=f"{P}-{n}-resultado") for n in ("proponer", "opinar", "decidir")],
            role="status",
        ),
        dcc.Store(id=f"{P}-contexto"),
        dcc.Store(id=f"{P}-refresco", data=0),
    ]
