"""The sections of a mesa's page (``/mesas/<sector>``), built from ``data_layer.vistas.mesas``.

Coordination and support team, members by level and institution, the plan de trabajo, sessions,
the summary a user with summary access sees, and the sector's red and yellow goals with the
actions that address them. Pure layout: the page's callbacks pass the frames in.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import filtros, formatting
from dashboard.components import mesas as ui_mesas
from dashboard.components import niveles as ui
from dashboard.components.estado import insignia_estado
from dashboard.filtros import Filtros
from data_layer.vistas import mesas as vm

P = "mesa"


def _tabla(encabezados: list[str], filas: list[list[Any]], vacio: str) -> Any:
    if not filas:
        return html.P(vacio, className="text-muted")
    return dbc.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in encabezados])),
            html.Tbody([html.Tr([html.Td(c) for c in fila]) for fila in filas]),
        ],
        size="sm",
        striped=True,
        responsive=True,
        className="mb-3",
    )


def _texto(valor: Any) -> str:
    return formatting.VACIO if formatting.is_empty(valor) else str(valor)


def _cuenta(usuario: Any) -> str:
    """A designated user's account, or the words saying there is none."""
    return "Sin usuario designado" if formatting.is_empty(usuario) else str(usuario)


def _informes(informes: pd.DataFrame, grupo_id: Any) -> Any:
    """A group's reports to the mesa: the session's date and the note, one per line."""
    del_grupo = informes.loc[informes["grupo_id"] == grupo_id]
    if del_grupo.empty:
        return formatting.VACIO
    return html.Ul(
        [
            html.Li(f"Sesión del {formatting.format_fecha(r['fecha_sesion'])}: {r['nota']}")
            for r in del_grupo.to_dict("records")
        ],
        className="mb-0 ps-3 small",
    )


def seccion_coordinacion(
    mesa: pd.Series,
    analistas: list[str],
    apoyo: pd.DataFrame,
    grupos: pd.DataFrame,
    informes: pd.DataFrame,
) -> Any:
    """Coordinators of both levels with their designated accounts and the assigned analysts;
    the equipo de apoyo (active, then those who left); the grupos de trabajo (closed ones
    marked) with their reports to the mesa."""
    filas = [
        [
            "Político",
            _texto(mesa["coordinador_politico"]),
            _texto(mesa["coordinador_politico_cargo"]),
            _texto(mesa["coordinador_politico_institucion"]),
            _cuenta(mesa["politico_usuario"]),
        ],
        [
            "Técnico-operativo",
            _texto(mesa["coordinador_tecnico"]),
            _texto(mesa["coordinador_tecnico_cargo"]),
            _texto(mesa["coordinador_tecnico_institucion"]),
            _cuenta(mesa["tecnico_usuario"]),
        ],
    ]
    activos = apoyo.loc[apoyo["activo"]]
    retirados = apoyo.loc[~apoyo["activo"]]
    partes_apoyo: list[Any] = [
        _tabla(
            ["Nombre", "Rol", "Institución", "Usuario UPGRET"],
            [
                [r["nombre"], _texto(r["rol"]), _texto(r["institucion"]), _texto(r["usuario"])]
                for r in activos.to_dict("records")
            ],
            "Sin equipo de apoyo activo.",
        )
    ]
    if not retirados.empty:
        partes_apoyo += [
            html.H3(f"Ya no integran el equipo ({len(retirados)})", className="h6"),
            _tabla(
                ["Nombre", "Rol", "Institución", "Retirado(a) el"],
                [
                    [
                        r["nombre"],
                        _texto(r["rol"]),
                        _texto(r["institucion"]),
                        formatting.format_fecha(r["baja_en"]),
                    ]
                    for r in retirados.to_dict("records")
                ],
                "",
            ),
        ]
    return dbc.Row(
        [
            dbc.Col(
                ui.seccion(
                    "Coordinación",
                    _tabla(
                        ["Nivel", "Nombre", "Cargo", "Institución", "Usuario designado"], filas, ""
                    ),
                    html.P(
                        [
                            html.Strong("Analistas DIGER asignados: "),
                            ", ".join(analistas) or "ninguno",
                        ],
                        className="small mb-1",
                        id=f"{P}-analistas",
                    ),
                    html.P(
                        f"Analista DIGER (referencia): {_texto(mesa['analista_diger'])} · "
                        f"Instalada el {formatting.format_fecha(mesa['instalada_en'])}",
                        className="small text-muted",
                    ),
                    id=f"{P}-coordinacion",
                ),
                lg=6,
            ),
            dbc.Col(
                [
                    ui.seccion("Equipo de apoyo", *partes_apoyo, id=f"{P}-apoyo"),
                    ui.seccion(
                        "Grupos de trabajo",
                        _tabla(
                            ["Grupo", "Tema", "Coordina", "Miembros", "Informes a la mesa"],
                            [
                                [
                                    [
                                        r["nombre"],
                                        html.Br(),
                                        dbc.Badge(
                                            "Cerrado el "
                                            + formatting.format_fecha(r["cerrado_en"]),
                                            color="secondary",
                                        )
                                        if not r["activo"]
                                        else dbc.Badge("Activo", color="success"),
                                    ],
                                    _texto(r["tema"]),
                                    _texto(r["coordinador"]),
                                    r["miembros"],
                                    _informes(informes, r["id"]),
                                ]
                                for r in grupos.to_dict("records")
                            ],
                            "Sin grupos de trabajo.",
                        ),
                        id=f"{P}-grupos",
                    ),
                ],
                lg=6,
            ),
        ]
    )


def seccion_miembros(miembros: pd.DataFrame) -> Any:
    """Accredited members by level and institution (the institutions over the limit flagged)."""
    partes: list[Any] = []
    for nivel, texto in vm.NIVELES_MIEMBRO.items():
        del_nivel = miembros.loc[miembros["nivel"] == nivel]
        filas = [
            [
                r["institucion"],
                r["nombre"] + (" (director UPGRET)" if r["es_director_upgret"] else ""),
                _texto(r["cargo"]),
                " · ".join(x for x in (r["correo"], r["telefono"]) if not formatting.is_empty(x))
                or formatting.VACIO,
                formatting.format_fecha(r["acreditado_en"]),
                "⚠ Excede el límite de 3" if r["excede"] else "✔",
            ]
            for r in del_nivel.to_dict("records")
        ]
        partes += [
            html.H3(f"Nivel {texto.lower()} ({len(filas)})", className="h6 mt-2"),
            _tabla(
                ["Institución", "Nombre", "Cargo", "Contacto", "Acreditado el", "Límite"],
                filas,
                "Sin miembros acreditados en este nivel.",
            ),
        ]
    return ui.seccion("Miembros acreditados", *partes, id=f"{P}-miembros")


def seccion_plan(plan: vm.PlanMesa) -> Any:
    """The year's plan de trabajo: its state, approval, progress and activities."""
    estado = vm.ESTADOS_PLAN[plan.estado]
    icono = {"aprobado": "✔", "enviado": "⧗", "devuelto": "↩", "borrador": "▲", "sin_plan": "✖"}[
        plan.estado
    ]
    aprobado = (
        f", aprobado el {formatting.format_fecha(plan.aprobado_en)}" if plan.aprobado_en else ""
    )
    avance = (
        f"Avance: {formatting.format_porcentaje(plan.avance_pct)} de las actividades completadas "
        f"({plan.conteo['completada']} completadas, {plan.conteo['en_proceso']} en proceso, "
        f"{plan.conteo['pendiente']} pendientes, {plan.conteo['cancelada']} canceladas)."
        if plan.avance_pct is not None
        else "Sin actividades registradas."
    )
    filas = [
        [
            r["orden"],
            r["actividad"],
            _texto(r["resultado_esperado"]),
            _texto(r["responsable"]),
            formatting.format_fecha(r["fecha_inicio"])
            + " – "
            + formatting.format_fecha(r["fecha_fin"]),
            ui_mesas.palabra_estado(r["estado"]),
        ]
        for r in plan.actividades.to_dict("records")
    ]
    return ui.seccion(
        f"Plan de trabajo {plan.anio}",
        html.P([html.Strong(f"{icono} {estado}"), aprobado, ". ", avance], id=f"{P}-plan-estado"),
        _tabla(
            ["N.º", "Actividad", "Resultado esperado", "Responsable", "Fechas", "Estado"],
            filas,
            "La mesa no tiene actividades en su plan de este año.",
        ),
    )


def seccion_sesiones(sesiones: pd.DataFrame, sector: str) -> Any:
    """Next and past sessions, each linking to its page and its documents."""

    def fila(r: Mapping[Hashable, Any]) -> list[Any]:
        momento = pd.Timestamp(r["fecha_hora"])
        enlaces: list[Any] = [
            dcc.Link("Ver sesión", href=f"/mesas/{sector}/sesiones/{int(r['id'])}"),
            " · ",
            html.A("Convocatoria (PDF)", href=f"/descargas/convocatoria/{int(r['id'])}.pdf"),
        ]
        if not pd.isna(r["ayuda_memoria_id"]):
            enlaces += [
                " · ",
                html.A(
                    "Ayuda memoria (PDF)",
                    href=f"/descargas/ayuda-memoria/{int(r['ayuda_memoria_id'])}.pdf",
                ),
            ]
        observaciones = []
        if r["estado"] == "cancelada":
            observaciones.append("– Cancelada")
        if r["convocatoria_tardia"]:
            observaciones.append("⚠ Convocatoria tardía")
        if r["ayuda_memoria_tardia"]:
            observaciones.append("⚠ Ayuda memoria tardía")
        acta = "—" if pd.isna(r["acta"]) else f"N.º {int(r['acta'])}"
        return [
            f"{formatting.format_fecha(momento)} {momento:%H:%M}",
            vm.NIVELES_MIEMBRO.get(r["nivel"], r["nivel"]),
            _texto(r["lugar"]),
            acta,
            "; ".join(observaciones) or "✔",
            enlaces,
        ]

    encabezados = ["Fecha", "Nivel", "Lugar", "Ayuda memoria", "Cumplimiento", "Documentos"]
    proximas = sesiones.loc[sesiones["proxima"]].to_dict("records")
    pasadas = sesiones.loc[~sesiones["proxima"]].to_dict("records")
    return ui.seccion(
        "Sesiones",
        html.H3("Próximas", className="h6"),
        _tabla(encabezados, [fila(r) for r in proximas], "No hay sesiones convocadas."),
        html.H3("Realizadas y canceladas", className="h6"),
        _tabla(encabezados, [fila(r) for r in pasadas], "La mesa aún no ha sesionado."),
        id=f"{P}-sesiones",
    )


def seccion_resumen(tabla: pd.DataFrame, sector: str) -> Any:
    """The counts a user with summary access sees (no names, no acuerdo texts)."""
    fila = tabla.loc[tabla["sector"] == sector].iloc[0]
    return ui.seccion(
        "Resumen de la mesa",
        html.P(
            "Su usuario ve esta mesa solo en resumen: los conteos, sin nombres ni textos.",
            className="text-muted",
        ),
        html.Ul(
            [
                html.Li(f"Acuerdos pendientes: {fila['acuerdos_pendientes']}"),
                html.Li(f"Acuerdos vencidos: {fila['acuerdos_vencidos']}"),
                html.Li(f"Plan de trabajo: {fila['plan_texto']}"),
                html.Li(f"Productos entregados: {fila['productos_entregados']}"),
                html.Li(f"Miembros acreditados: {fila['miembros_activos']}"),
                html.Li(["Cumplimiento: ", ui_mesas.lista_banderas(fila["banderas"])]),
            ]
        ),
        id=f"{P}-resumen",
    )


def seccion_criticas(tabla: pd.DataFrame, f: Filtros, periodo: str) -> Any:
    """The sector's red and yellow goals with the bottlenecks and strategies linked to them."""
    if tabla.empty:
        return ui.seccion(
            "Metas en rojo y amarillo",
            html.P(f"Ninguna meta del sector está en rojo o amarillo en {periodo}."),
            id=f"{P}-metas-criticas",
        )
    items = []
    for meta, grupo in tabla.groupby("meta", sort=False):
        semaforo = str(grupo["semaforo"].iloc[0])
        acciones = grupo.dropna(subset=["tipo"])
        lista: Any = (
            html.Ul(
                [
                    html.Li(
                        f"{r['tipo_texto']} ({ui_mesas.palabra_estado(r['estado'])}): "
                        f"{r['descripcion']}"
                    )
                    for r in acciones.to_dict("records")
                ],
                className="mb-0",
            )
            if not acciones.empty
            else html.P(
                "⚠ Sin cuellos de botella ni estrategias registrados.", className="mb-0 text-danger"
            )
        )
        items.append(
            html.Li(
                [
                    html.Div(
                        [
                            insignia_estado(semaforo),
                            " ",
                            dcc.Link(str(meta), href=filtros.href(f"/metas/{meta}", f)),
                        ]
                    ),
                    lista,
                ],
                className="list-group-item",
            )
        )
    return ui.seccion(
        f"Metas en rojo y amarillo ({periodo}): cuellos de botella y estrategias",
        html.Ul(items, className="list-group"),
        id=f"{P}-metas-criticas",
    )
