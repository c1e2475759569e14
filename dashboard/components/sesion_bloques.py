"""The form blocks of the session page (``/mesas/<sector>/sesiones/<id>``).

Minutes (attendance and development), new acuerdo, editing or deleting an acuerdo of the draft,
distribution, correction, acuerdo status, and rescheduling or cancelling the session. Each block
carries its own submission token (a hidden store, renewed after each save) so that a double click
writes once; a block is hidden until the page's callback says the session and its minutes allow
it. Every id carries the page's prefix :data:`~dashboard.components.sesion.P`.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import formularios as fm
from dashboard.components.sesion import ESTADOS_MANUALES, P
from data_layer import documentos as doc
from data_layer.mesas import reglas

#: The forms of the page: each has a token store ``<P>-token-<name>``.
FORMULARIOS = (
    "acta",
    "acuerdo",
    "editar",
    "eliminar",
    "distribuir",
    "corregir",
    "estado",
    "reprogramar",
    "cancelar",
)


def tokens() -> list[dcc.Store]:
    """One fresh submission token per form of the page."""
    return [fm.campo_token(f"{P}-token-{f}") for f in FORMULARIOS]


def entrada(nombre: str, **kwargs: Any) -> dbc.Input:
    """A text-like input whose id is ``<P>-<nombre>``."""
    return dbc.Input(id=f"{P}-{nombre}", **kwargs)


def _bloque(nombre: str, titulo: str, *partes: Any) -> html.Div:
    """A form block hidden until the page's callback says the minutes allow it."""
    return html.Div(
        id=f"{P}-bloque-{nombre}",
        hidden=True,
        children=[html.H3(titulo, className="h6 mt-4"), *partes],
    )


def _nota(texto: str) -> html.P:
    return html.P(texto, className="text-muted")


def _suyo(nombre: str) -> html.Div:
    """Where a refused save shows what the user typed, next to the current content reloaded in
    the form (filled only after a conflict)."""
    return html.Div(id=f"{P}-{nombre}", role="status")


def su_version(titulo: str, partes: list[tuple[str, Any]]) -> dbc.Card:
    """What the user typed in a save refused as a conflict, read-only, to copy from."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.H4(titulo, className="h6"),
                *[
                    html.Div(
                        [
                            html.Span(f"{etiqueta}: ", className="fw-semibold"),
                            html.Span(", ".join(valor) if isinstance(valor, list) else valor),
                        ],
                        style={"whiteSpace": "pre-wrap"},
                    )
                    for etiqueta, valor in partes
                    if valor not in (None, "", [])
                ],
            ]
        ),
        color="warning",
        outline=True,
        className="mb-3",
    )


# --- minutes ----------------------------------------------------------------------------------


def bloque_acta() -> html.Div:
    """The ayuda memoria form: date, attendance, development notes and its save button."""
    return html.Div(
        [
            html.H2("Ayuda memoria", className="h5 mt-4"),
            html.Div(id=f"{P}-acta-estado"),
            fm.campo("Fecha de elaboración", fm.entrada_fecha(f"{P}-elaborada")),
            fm.campo(
                "Asistencia (miembros acreditados)",
                dbc.Checklist(id=f"{P}-asistencia", options=[], value=[]),
            ),
            fm.campo("Desarrollo de la sesión", dbc.Textarea(id=f"{P}-desarrollo", rows=6)),
            _suyo("acta-suyo"),
            dbc.Button("Registrar ayuda memoria", id=f"{P}-guardar", color="primary"),
        ]
    )


def bloque_distribuir() -> html.Div:
    """The distribution form: once distributed, the minutes are final."""
    return _bloque(
        "distribuir",
        "Distribuir la ayuda memoria",
        _nota(
            f"Debe distribuirse a todos los participantes a más tardar "
            f"{reglas.DIAS_MAXIMOS_AYUDA_MEMORIA} días después de la sesión. Una vez "
            "distribuida es definitiva: el documento queda fijo tal como se distribuyó."
        ),
        fm.campo("Fecha de distribución", fm.entrada_fecha(f"{P}-distribuida")),
        dbc.Button("Distribuir", id=f"{P}-distribuir", color="success"),
    )


def bloque_correccion() -> html.Div:
    """The correction form of distributed minutes (a new acta that references them)."""
    return _bloque(
        "correccion",
        "Registrar corrección",
        _nota(
            "La ayuda memoria distribuida no cambia: la corrección es una nueva acta que la "
            "referencia."
        ),
        fm.campo("Motivo de la corrección", entrada("correccion-motivo")),
        fm.campo("Fecha de la corrección", fm.entrada_fecha(f"{P}-correccion-fecha")),
        fm.campo("Desarrollo corregido", dbc.Textarea(id=f"{P}-correccion-desarrollo", rows=5)),
        dbc.Button("Registrar corrección", id=f"{P}-corregir", color="warning"),
    )


# --- acuerdos ---------------------------------------------------------------------------------


def _campos_acuerdo(prefijo: str) -> list[Any]:
    """The fields of an acuerdo (new or edited): text, responsible, due date, links, result."""
    return [
        fm.campo("Acuerdo", dbc.Textarea(id=f"{P}-{prefijo}-texto", rows=2)),
        dbc.Row(
            [
                dbc.Col(
                    fm.campo(
                        "Institución responsable",
                        dbc.Select(id=f"{P}-{prefijo}-institucion", placeholder="Seleccione…"),
                    ),
                    md=4,
                ),
                dbc.Col(fm.campo("Persona responsable", entrada(f"{prefijo}-persona")), md=4),
                dbc.Col(fm.campo("Fecha límite", fm.entrada_fecha(f"{P}-{prefijo}-limite")), md=4),
            ]
        ),
        dbc.Row(
            [
                dbc.Col(
                    fm.campo(
                        "Metas vinculadas", dcc.Dropdown(id=f"{P}-{prefijo}-metas", multi=True)
                    ),
                    md=6,
                ),
                dbc.Col(
                    fm.campo(
                        "Indicadores vinculados",
                        dcc.Dropdown(id=f"{P}-{prefijo}-indicadores", multi=True),
                    ),
                    md=6,
                ),
            ]
        ),
        fm.campo("Resultado (opcional)", entrada(f"{prefijo}-resultado")),
    ]


def bloque_acuerdo() -> html.Div:
    """The "Agregar un acuerdo" form: text, responsible, due date, linked goals and indicators."""
    return _bloque(
        "acuerdo",
        "Agregar un acuerdo",
        *_campos_acuerdo("acuerdo"),
        dbc.Button("Agregar acuerdo", id=f"{P}-agregar-acuerdo", color="secondary"),
    )


def bloque_editar() -> html.Div:
    """Editing or deleting an acuerdo of the draft minutes (gone once they are distributed)."""
    return _bloque(
        "editar",
        "Corregir o eliminar un acuerdo (antes de distribuir)",
        _nota(
            "Mientras la ayuda memoria no se distribuya, un acuerdo puede corregirse o "
            "eliminarse; cada cambio queda en la auditoría con lo anterior y lo nuevo."
        ),
        dcc.Store(id=f"{P}-editar-version"),
        fm.campo("Acuerdo", dbc.Select(id=f"{P}-editar-acuerdo", placeholder="Seleccione…")),
        *_campos_acuerdo("editar"),
        _suyo("editar-suyo"),
        dbc.Button("Guardar cambios del acuerdo", id=f"{P}-guardar-acuerdo", color="primary"),
        html.Hr(),
        fm.campo(
            "Motivo de la eliminación",
            entrada("eliminar-motivo"),
            "Obligatorio para eliminar (p. ej. «acuerdo duplicado»).",
        ),
        dbc.Button("Eliminar acuerdo", id=f"{P}-eliminar-acuerdo", color="danger", outline=True),
    )


def bloque_estado() -> html.Div:
    """The acuerdo follow-up form: acuerdo, new status, date and the required note."""
    estados = fm.opciones([(e, doc.ESTADOS_ACUERDO[e]) for e in ESTADOS_MANUALES])
    return html.Div(
        [
            html.H2("Seguimiento de acuerdos", className="h5 mt-4"),
            dbc.Row(
                [
                    dbc.Col(fm.campo("Acuerdo", dbc.Select(id=f"{P}-estado-acuerdo")), md=6),
                    dbc.Col(
                        fm.campo(
                            "Nuevo estado", dbc.Select(id=f"{P}-estado-nuevo", options=estados)
                        ),
                        md=3,
                    ),
                    dbc.Col(fm.campo("Fecha", fm.entrada_fecha(f"{P}-estado-fecha")), md=3),
                ]
            ),
            fm.campo("Nota de seguimiento (obligatoria)", entrada("estado-nota")),
            fm.campo("Resultado (opcional)", entrada("estado-resultado")),
            dbc.Button("Cambiar estado", id=f"{P}-cambiar-estado", color="primary"),
        ]
    )


# --- the session itself -----------------------------------------------------------------------


def bloque_sesion() -> html.Div:
    """Rescheduling or cancelling the session, while it is only convocada (each with a reason)."""
    return _bloque(
        "sesion",
        "Reprogramar o cancelar la sesión",
        _nota(
            "Solo mientras la sesión no se haya realizado. El motivo es obligatorio y queda en la "
            "auditoría con la fecha, la hora y el lugar anteriores y los nuevos."
        ),
        dbc.Row(
            [
                dbc.Col(fm.campo("Nueva fecha", fm.entrada_fecha(f"{P}-reprogramar-fecha")), md=4),
                dbc.Col(fm.campo("Nueva hora", fm.entrada_hora(f"{P}-reprogramar-hora")), md=4),
                dbc.Col(
                    fm.campo(
                        "Nuevo lugar",
                        entrada("reprogramar-lugar", maxLength=300),
                        "Vacío: el mismo lugar.",
                    ),
                    md=4,
                ),
            ]
        ),
        fm.campo("Motivo de la reprogramación", entrada("reprogramar-motivo")),
        fm.campo(
            "Justificación (si la nueva fecha queda a menos de "
            f"{reglas.DIAS_MINIMOS_CONVOCATORIA} días del envío de la convocatoria)",
            entrada("reprogramar-justificacion"),
        ),
        dbc.Button("Reprogramar", id=f"{P}-reprogramar", color="primary"),
        html.Hr(),
        fm.campo("Motivo de la cancelación", entrada("cancelar-motivo")),
        dbc.Button("Cancelar la sesión", id=f"{P}-cancelar", color="danger", outline=True),
    )
