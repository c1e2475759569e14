"""Building blocks of the session page (``/mesas/<sector>/sesiones/<id>``): its forms and cards.

The five form blocks of the ayuda memoria (minutes, new acuerdo, distribution, correction,
acuerdo status), the session card, its document links, the acuerdos table and the state of the
minutes. The page (:mod:`dashboard.pages.mesa_sesion`) lays them out and fills them through its
callbacks; every id here carries the page's prefix :data:`P`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import formularios as fm
from dashboard.descargas import estados_al
from data_layer import documentos as doc
from data_layer.mesas import reglas
from data_layer.mesas.models import Acuerdo, AyudaMemoria, EstadoAcuerdo, MiembroMesa, SesionMesa

#: Prefix of the session page's component ids.
P = "mesa-sesion"
#: Statuses a person may set (``vencido`` follows from the due date).
ESTADOS_MANUALES = [e.value for e in EstadoAcuerdo if e != EstadoAcuerdo.vencido]


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


# --- form blocks ------------------------------------------------------------------------------


def bloque_acta() -> html.Div:
    """The ayuda memoria form: date, attendance, development notes and its save button."""
    return html.Div(
        [
            html.H2("Ayuda memoria", className="h5 mt-4"),
            html.Div(id=f"{P}-acta-estado"),
            fm.campo("Fecha de elaboración", entrada("elaborada", type="date")),
            fm.campo(
                "Asistencia (miembros acreditados)",
                dbc.Checklist(id=f"{P}-asistencia", options=[], value=[]),
            ),
            fm.campo("Desarrollo de la sesión", dbc.Textarea(id=f"{P}-desarrollo", rows=6)),
            dbc.Button("Registrar ayuda memoria", id=f"{P}-guardar", color="primary"),
        ]
    )


def bloque_acuerdo() -> html.Div:
    """The "Agregar un acuerdo" form: text, responsible, due date, linked goals and indicators."""
    return _bloque(
        "acuerdo",
        "Agregar un acuerdo",
        fm.campo("Acuerdo", dbc.Textarea(id=f"{P}-acuerdo-texto", rows=2)),
        dbc.Row(
            [
                dbc.Col(
                    fm.campo(
                        "Institución responsable",
                        dbc.Select(id=f"{P}-acuerdo-institucion", placeholder="Seleccione…"),
                    ),
                    md=4,
                ),
                dbc.Col(fm.campo("Persona responsable", entrada("acuerdo-persona")), md=4),
                dbc.Col(fm.campo("Fecha límite", entrada("acuerdo-limite", type="date")), md=4),
            ]
        ),
        dbc.Row(
            [
                dbc.Col(
                    fm.campo("Metas vinculadas", dcc.Dropdown(id=f"{P}-acuerdo-metas", multi=True)),
                    md=6,
                ),
                dbc.Col(
                    fm.campo(
                        "Indicadores vinculados",
                        dcc.Dropdown(id=f"{P}-acuerdo-indicadores", multi=True),
                    ),
                    md=6,
                ),
            ]
        ),
        fm.campo("Resultado (opcional)", entrada("acuerdo-resultado")),
        dbc.Button("Agregar acuerdo", id=f"{P}-agregar-acuerdo", color="secondary"),
    )


def bloque_distribuir() -> html.Div:
    """The distribution form: once distributed, the minutes are final."""
    return _bloque(
        "distribuir",
        "Distribuir la ayuda memoria",
        _nota(
            f"Debe distribuirse a todos los participantes a más tardar "
            f"{reglas.DIAS_MAXIMOS_AYUDA_MEMORIA} días después de la sesión. Una vez "
            "distribuida es definitiva."
        ),
        fm.campo("Fecha de distribución", entrada("distribuida", type="date")),
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
        fm.campo("Fecha de la corrección", entrada("correccion-fecha", type="date")),
        fm.campo("Desarrollo corregido", dbc.Textarea(id=f"{P}-correccion-desarrollo", rows=5)),
        dbc.Button("Registrar corrección", id=f"{P}-corregir", color="warning"),
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
                    dbc.Col(fm.campo("Fecha", entrada("estado-fecha", type="date")), md=3),
                ]
            ),
            fm.campo("Nota de seguimiento (obligatoria)", entrada("estado-nota")),
            fm.campo("Resultado (opcional)", entrada("estado-resultado")),
            dbc.Button("Cambiar estado", id=f"{P}-cambiar-estado", color="primary"),
        ]
    )


# --- cards ------------------------------------------------------------------------------------


def info_sesion(sesion: SesionMesa) -> html.Div:
    """The session card: mesa, level, date and place, convocatoria and whether it was late."""
    dias = (sesion.fecha_hora.date() - sesion.convocatoria_enviada_en).days
    return html.Div(
        [
            html.P(
                f"Mesa Sectorial de {sesion.mesa.sector.nombre} · nivel "
                f"{doc.NIVELES[sesion.nivel.value].lower()} · "
                f"{doc.fecha_hora(sesion.fecha_hora)} · {sesion.lugar}",
                className="lead",
            ),
            html.P(
                f"Convocatoria enviada el {doc.fecha(sesion.convocatoria_enviada_en)} "
                f"({dias} día(s) de anticipación). Estado: {sesion.estado.value}."
            ),
            fm.alerta(
                "Convocatoria tardía. Justificación: "
                f"{sesion.justificacion_convocatoria or '(sin justificación)'}",
                "warning",
            )
            if reglas.es_convocatoria_tardia(dias)
            else None,
        ]
    )


def enlaces_documentos(sesion: SesionMesa, ayuda: AyudaMemoria | None) -> list[html.A]:
    """Links to the convocatoria PDF and, once there are minutes, to their PDF."""
    enlaces = [
        html.A(
            "Convocatoria (PDF)",
            href=f"/descargas/convocatoria/{sesion.id}.pdf",
            className="btn btn-sm btn-outline-secondary me-2",
        )
    ]
    if ayuda is not None:
        enlaces.append(
            html.A(
                f"Ayuda memoria N.º {ayuda.numero} (PDF)",
                href=f"/descargas/ayuda-memoria/{ayuda.id}.pdf",
                id=f"{P}-pdf-acta",
                className="btn btn-sm btn-outline-secondary",
            )
        )
    return enlaces


def tabla_acuerdos(propios: list[Acuerdo], previos: list[Acuerdo], hoy: dt.date) -> Any:
    """The session's acuerdos and those carried in from earlier sessions, with today's status."""
    todos = [*propios, *previos]
    if not todos:
        return html.P("Esta sesión aún no tiene acuerdos.", className="text-muted")
    origen = ["Esta sesión"] * len(propios) + ["Sesión anterior"] * len(previos)
    filas = [
        html.Tr(
            [
                html.Td(a.texto),
                html.Td(f"{a.institucion_responsable.sigla}, {a.persona_responsable}"),
                html.Td(doc.fecha(a.fecha_limite)),
                html.Td(doc.ESTADOS_ACUERDO.get(e, e), className=f"acuerdo-{e}"),
                html.Td(a.resultado or ""),
                html.Td(", ".join([m.codigo for m in a.metas] + [i.codigo for i in a.indicadores])),
                html.Td(o),
            ]
        )
        for a, e, o in zip(todos, estados_al(todos, hoy), origen, strict=True)
    ]
    encabezado = (
        "Acuerdo",
        "Responsable",
        "Fecha límite",
        "Estado",
        "Resultado",
        "Metas e indicadores",
        "Origen",
    )
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t) for t in encabezado])), html.Tbody(filas)],
        size="sm",
        striped=True,
        responsive=True,
        id=f"{P}-tabla-acuerdos",
    )


def estado_acta(ayuda: AyudaMemoria | None, final: bool) -> Any:
    """What the minutes are: missing, a draft that can still change, or final (distributed)."""
    if ayuda is None:
        return html.P(
            "La sesión aún no tiene ayuda memoria: registre la asistencia y el desarrollo.",
            className="text-muted",
        )
    if final:
        return dbc.Alert(
            f"Acta N.º {ayuda.numero}. Distribuida el {doc.fecha(ayuda.distribuida_en)}: "
            "documento final.",
            color="secondary",
            id=f"{P}-final",
        )
    return dbc.Alert(
        f"Acta N.º {ayuda.numero}, en borrador: puede editarse y agregar acuerdos hasta "
        "que se distribuya.",
        color="info",
    )


def opciones_asistencia(miembros: list[MiembroMesa], final: bool) -> list[dict[str, Any]]:
    """Attendance checklist options: one per eligible member (locked once the minutes are final)."""
    return [
        {
            "value": m.id,
            "label": f"{m.nombre} ({m.institucion.sigla}, {m.cargo}; "
            f"nivel {doc.NIVELES[m.nivel.value].lower()})",
            "disabled": final,
        }
        for m in miembros
    ]
