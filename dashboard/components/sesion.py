"""Cards of the session page (``/mesas/<sector>/sesiones/<id>``) and its id prefix.

The session card, its document links, the acuerdos table and the state of the minutes. The form
blocks are in :mod:`dashboard.components.sesion_bloques`, the writes in
:mod:`dashboard.components.sesion_escritura` and the modules it registers; the page
(:mod:`dashboard.pages.mesa_sesion`) lays them out and fills them through its callbacks. Every id
carries the page's prefix :data:`P`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from sqlalchemy.orm import Session

from dashboard.components import formularios as fm
from dashboard.components.atributos import aria
from data_layer import documentos as doc
from data_layer.mesas import registros, reglas
from data_layer.mesas.contenido import estados_al, nombre_mesa
from data_layer.mesas.models import (
    Acuerdo,
    AyudaMemoria,
    EstadoAcuerdo,
    EstadoSesion,
    MiembroMesa,
    SesionMesa,
)
from data_layer.mesas.opciones import opciones_instituciones

#: Prefix of the session page's component ids.
P = "mesa-sesion"
#: Statuses a person may set (``vencido`` follows from the due date).
ESTADOS_MANUALES = [e.value for e in EstadoAcuerdo if e != EstadoAcuerdo.vencido]


# --- cards ------------------------------------------------------------------------------------


def migas_sesion(
    sector: str | None = None, nombre_sector: str | None = None, numero: int | None = None
) -> list[html.Li]:
    """The session page's breadcrumbs, back to its mesa: Mesas › <Sector> › Sesión N.

    Without a session (no access, unknown session) only «Mesas», and the sector when known.
    """
    hijos = [html.Li(dcc.Link("Mesas", href="/mesas"), className="breadcrumb-item")]
    if sector:
        hijos.append(
            html.Li(
                dcc.Link(
                    nombre_sector or sector, href=f"/mesas/{sector}", id="mesa-sesion-miga-mesa"
                ),
                className="breadcrumb-item",
                title=f"Mesa sectorial {nombre_sector or sector}",
            )
        )
    if numero is not None:
        hijos.append(
            html.Li(f"Sesión {numero}", className="breadcrumb-item active", **aria(current="page"))
        )
    return hijos


def info_sesion(sesion: SesionMesa) -> html.Div:
    """The session card: mesa, level, date and place, convocatoria and whether it was late."""
    dias = reglas.dias_anticipacion(sesion.fecha_hora, sesion.convocatoria_enviada_en)
    return html.Div(
        [
            html.P(
                f"{nombre_mesa(sesion.mesa)} · nivel "
                f"{doc.NIVELES[sesion.nivel.value].lower()} · "
                f"{doc.fecha_hora(sesion.fecha_hora)} · {sesion.lugar}",
                className="lead",
            ),
            html.P(
                f"Convocatoria enviada el {doc.fecha(sesion.convocatoria_enviada_en)} "
                f"({dias} día(s) de anticipación). Estado: {sesion.estado.value}."
            ),
            fm.alerta(f"Sesión cancelada. Motivo: {sesion.motivo_cancelacion}", "secondary")
            if sesion.estado == EstadoSesion.cancelada
            else None,
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


# --- options of the forms ---------------------------------------------------------------------


def convocada(sesion: SesionMesa) -> bool:
    """Whether the session is only convocada (not held, not cancelled): it can still move."""
    return sesion.estado == EstadoSesion.convocada


def cancelada(sesion: SesionMesa) -> bool:
    """Whether the session was cancelled (it takes no minutes)."""
    return sesion.estado == EstadoSesion.cancelada


def opciones_acuerdos(acuerdos: list[Acuerdo]) -> list[dict[str, Any]]:
    """A select's options naming each acuerdo by its number and the start of its text."""
    return fm.opciones([(a.id, f"{a.id}: {a.texto[:80]}") for a in acuerdos])


def opciones_formularios_acuerdo(s: Session, sector: str) -> dict[str, list[dict[str, Any]]]:
    """Options of the new and edit acuerdo forms: every institution as «SIGLA — Nombre», the
    mesa's own first (:func:`~data_layer.mesas.opciones.opciones_instituciones`), the sector's
    goals and indicators (:func:`registros.codigos_para_acuerdo`, what the services accept)."""
    _siglas, metas, indicadores = registros.codigos_para_acuerdo(s, sector)
    instituciones = opciones_instituciones(s, sector)
    codigos_metas = fm.opciones([(c, c) for c in metas])
    codigos_indicadores = fm.opciones([(c, c) for c in indicadores])
    return {
        "instituciones": instituciones,
        "metas": codigos_metas,
        "indicadores": codigos_indicadores,
        "editar_instituciones": instituciones,
        "editar_metas": codigos_metas,
        "editar_indicadores": codigos_indicadores,
    }
