"""The tables and forms of the page of a mesa's own people (``/mesas/<sector>/integrantes``).

Pure layout from :mod:`data_layer.vistas.integrantes` rows: members by level and institution with
the withdrawn apart, the equipo de apoyo with those who left apart, the grupos de trabajo with
their members and reports; and the skeleton of each form (ids ``mesa-integrantes-<form>-<field>``,
each with its button, result and submission token).
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import formularios as fm
from data_layer.vistas.integrantes import NIVELES, FilaApoyo, FilaGrupo, FilaMiembro

P = "mesa-integrantes"


def _tabla(ident: str, encabezados: list[str], filas: list[list[Any]], vacio: str) -> Any:
    if not filas:
        return html.P(vacio, className="text-muted", id=ident)
    return dbc.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in encabezados])),
            html.Tbody([html.Tr([html.Td(c) for c in fila]) for fila in filas]),
        ],
        size="sm",
        striped=True,
        responsive=True,
        className="mb-3",
        id=ident,
    )


def _contacto(m: FilaMiembro) -> str:
    return " · ".join(x for x in (m.correo, m.telefono) if x) or "—"


def tablas_miembros(miembros: list[FilaMiembro], retirados: list[FilaMiembro]) -> list[Any]:
    """Active members by level (político first) and institution; then those withdrawn, with
    the date and reason (they are never deleted)."""
    partes: list[Any] = []
    for nivel, texto in NIVELES.items():
        del_nivel = [m for m in miembros if m.nivel == nivel]
        partes += [
            html.H3(f"Nivel {texto.lower()} ({len(del_nivel)})", className="h6 mt-2"),
            _tabla(
                f"{P}-tabla-{nivel}",
                ["Institución", "Nombre", "Cargo", "Contacto", "Acreditado(a) el"],
                [
                    [
                        m.institucion,
                        m.nombre + (" (director(a) UPGRET)" if m.director_upgret else ""),
                        m.cargo,
                        _contacto(m),
                        m.acreditado,
                    ]
                    for m in del_nivel
                ],
                "Sin miembros acreditados en este nivel.",
            ),
        ]
    partes += [
        html.H3(f"Dados de baja ({len(retirados)})", className="h6 mt-3"),
        _tabla(
            f"{P}-tabla-retirados",
            ["Institución", "Nombre", "Nivel", "Acreditado(a) el", "Baja el", "Motivo"],
            [
                [
                    m.institucion,
                    m.nombre,
                    NIVELES.get(m.nivel, m.nivel),
                    m.acreditado,
                    m.baja,
                    m.motivo,
                ]
                for m in retirados
            ],
            "Nadie ha sido dado de baja.",
        ),
    ]
    return partes


def tablas_apoyo(activos: list[FilaApoyo], retirados: list[FilaApoyo]) -> list[Any]:
    """The active equipo de apoyo, then those who left with their date."""
    return [
        _tabla(
            f"{P}-tabla-apoyo",
            ["Nombre", "Rol", "Institución", "Usuario UPGRET", "Correo"],
            [
                [a.nombre, a.rol, a.institucion or "—", a.usuario or "—", a.correo or "—"]
                for a in activos
            ],
            "Sin equipo de apoyo activo.",
        ),
        html.H3(f"Ya no integran el equipo ({len(retirados)})", className="h6 mt-3"),
        _tabla(
            f"{P}-tabla-apoyo-retirado",
            ["Nombre", "Rol", "Institución", "Retirado(a) el"],
            [[a.nombre, a.rol, a.institucion or "—", a.baja] for a in retirados],
            "Nadie ha dejado el equipo de apoyo.",
        ),
    ]


def tabla_grupos(grupos: list[FilaGrupo]) -> Any:
    """Every group (open first; closed ones marked) with members and reports to the mesa."""
    return _tabla(
        f"{P}-tabla-grupos",
        ["Grupo", "Tema", "Coordina", "Miembros", "Informes a la mesa"],
        [
            [
                [
                    html.Strong(g.nombre),
                    html.Br(),
                    dbc.Badge("Activo", color="success")
                    if g.activo
                    else dbc.Badge(f"Cerrado el {g.cerrado}", color="secondary"),
                ],
                g.tema,
                g.coordinador or "—",
                ", ".join(g.miembros) or "—",
                html.Ul(
                    [html.Li(f"Sesión del {fecha}: {nota}") for fecha, nota in g.informes],
                    className="mb-0 ps-3 small",
                )
                if g.informes
                else "—",
            ]
            for g in grupos
        ],
        "La mesa aún no tiene grupos de trabajo.",
    )


# --- form skeletons -------------------------------------------------------------------------------


def _id(formulario: str, campo: str) -> str:
    return f"{P}-{formulario}-{campo}"


def _seleccion(formulario: str, campo: str, etiqueta: str, ayuda: str | None = None) -> Any:
    return fm.campo(
        etiqueta, dbc.Select(id=_id(formulario, campo), placeholder="Seleccione…"), ayuda
    )


def _texto(formulario: str, campo: str, etiqueta: str, tipo: str = "text") -> Any:
    return fm.campo(etiqueta, dbc.Input(id=_id(formulario, campo), type=tipo))


def _fecha(formulario: str, etiqueta: str) -> Any:
    return fm.campo(etiqueta, fm.entrada_fecha(_id(formulario, "fecha")))


def formulario(
    formulario_: str, titulo: str, boton: str, *campos: Any, color: str = "primary"
) -> Any:
    """A card holding one form: its fields, its button, its result and its submission token
    (a version store counts its saves, so the page reloads after each)."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(titulo, className="h6"),
                *campos,
                dbc.Button(boton, id=_id(formulario_, "enviar"), color=color, size="sm"),
                html.Div(id=_id(formulario_, "resultado"), role="status"),
                fm.campo_token(_id(formulario_, "token")),
                dcc.Store(id=_id(formulario_, "version"), data=0),
            ]
        ),
        className="mb-3",
    )


def formularios_miembros() -> list[Any]:
    """«Actualizar contacto» and «Dar de baja» of an accredited member."""
    return [
        formulario(
            "contacto",
            "Actualizar contacto",
            "Actualizar contacto",
            _seleccion("contacto", "miembro", "Miembro"),
            dbc.Row(
                [
                    dbc.Col(_texto("contacto", "correo", "Correo electrónico", "email"), md=6),
                    dbc.Col(_texto("contacto", "telefono", "Teléfono"), md=6),
                ]
            ),
        ),
        formulario(
            "baja",
            "Dar de baja",
            "Dar de baja",
            _seleccion("baja", "miembro", "Miembro"),
            _fecha("baja", "Fecha de baja"),
            fm.campo("Motivo", dbc.Input(id=_id("baja", "motivo"))),
            html.P(
                "El registro queda en la lista de dados de baja: no se borra.",
                className="small text-muted",
            ),
            color="danger",
        ),
    ]


def formularios_apoyo() -> list[Any]:
    """Add a person to the equipo de apoyo; take one out («Retirar»)."""
    return [
        formulario(
            "apoyo",
            "Agregar al equipo de apoyo",
            "Agregar",
            _seleccion(
                "apoyo",
                "institucion",
                "Institución",
                "Una institución de la mesa (coordina o tiene miembros acreditados).",
            ),
            _seleccion(
                "apoyo",
                "usuario",
                "Usuario de su UPGRET (opcional)",
                "Si la persona tiene cuenta en SIGPRET; su nombre completa el campo vacío.",
            ),
            _texto("apoyo", "nombre", "Nombre"),
            dbc.Row(
                [
                    dbc.Col(_texto("apoyo", "rol", "Rol"), md=6),
                    dbc.Col(_texto("apoyo", "correo", "Correo electrónico", "email"), md=6),
                ]
            ),
        ),
        formulario(
            "retiro",
            "Retirar del equipo de apoyo",
            "Retirar",
            _seleccion("retiro", "apoyo", "Persona"),
            _fecha("retiro", "Fecha de retiro"),
            color="danger",
        ),
    ]


def formularios_grupos() -> list[Any]:
    """Create a group; change its members; close it; report to the mesa."""
    return [
        formulario(
            "grupo",
            "Crear grupo de trabajo",
            "Crear grupo",
            _texto("grupo", "nombre", "Nombre del grupo"),
            fm.campo("Tema", dbc.Textarea(id=_id("grupo", "tema"), rows=2)),
            _seleccion("grupo", "coordinador", "Coordina (un miembro acreditado)"),
            _fecha("grupo", "Fecha de creación"),
        ),
        formulario(
            "gmiembros",
            "Cambiar los miembros de un grupo",
            "Guardar miembros",
            _seleccion("gmiembros", "grupo", "Grupo"),
            fm.campo(
                "Miembros (acreditados y activos)",
                dbc.Checklist(id=_id("gmiembros", "lista"), options=[], value=[]),
            ),
            _seleccion("gmiembros", "coordinador", "Coordina"),
            _fecha("gmiembros", "Fecha del cambio"),
            dcc.Store(id=_id("gmiembros", "antes")),
        ),
        formulario(
            "cierre",
            "Cerrar un grupo",
            "Cerrar grupo",
            _seleccion("cierre", "grupo", "Grupo"),
            _fecha("cierre", "Fecha de cierre"),
            html.P("Sus miembros e informes quedan registrados.", className="small text-muted"),
            color="danger",
        ),
        formulario(
            "informe",
            "Informar a la mesa",
            "Informar a la mesa",
            _seleccion("informe", "grupo", "Grupo"),
            _seleccion(
                "informe",
                "sesion",
                "Sesión",
                "Una sesión convocada cuya ayuda memoria aún no se distribuyó: el informe entra "
                "como último punto de su agenda.",
            ),
            fm.campo("Nota del informe", dbc.Textarea(id=_id("informe", "nota"), rows=3)),
        ),
    ]
