"""The pieces of «Mis reportes»: the summary, the grid's columns, the form's parts, the results of
«Enviar todos» and of the sheet upload, and the «Sus reportes» card of a planning unit's home.

Rows and texts come from :mod:`data_layer.vistas.reportes`; every value is rendered as text (Dash
escapes it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import grid as grids
from dashboard.components.atributos import aria
from data_layer.formato import format_entero
from data_layer.importer.resultado import ErrorImportacion
from data_layer.reportes.servicio import Omitida
from data_layer.vistas import reportes as vm

#: Colour (Bootstrap) of each row state's badge.
COLOR_ESTADO = {
    "por_reportar": "primary",
    "tardio": "danger",
    "borrador": "secondary",
    "devuelto": "warning",
    "enviado": "info",
    "validado": "success",
    "cerrado": "dark",
    vm.PROXIMO: "light",
}

#: The grid's columns (a click on a row opens its form).
COLUMNAS = [
    grids.columna_texto(
        "estado_texto",
        "Estado",
        width=170,
        minWidth=150,
        pinned="left",
        cellClass="reportes-estado",
        cellClassRules={
            f"reportes-estado-{e}": f"params.data && params.data.estado == '{e}'"
            for e in COLOR_ESTADO
        },
    ),
    grids.columna_texto("indicador", "Indicador", width=150, minWidth=130),
    grids.columna_texto(
        "nombre",
        "Nombre",
        flex=3,
        minWidth=260,
        wrapText=True,
        autoHeight=True,
        cellClass="celda-descripcion",
    ),
    grids.columna_texto("periodo", "Período", width=100, minWidth=90),
    {
        "field": "vencimiento",
        "headerName": "Vence el",
        "width": 120,
        "valueFormatter": {"function": "params.data ? params.data.vencimiento_texto : ''"},
    },
    grids.columna_texto("plazo", "Plazo", flex=1, minWidth=170, wrapText=True, autoHeight=True),
    {
        "field": "meta",
        "headerName": "Meta",
        "type": "rightAligned",
        "width": 110,
        "valueFormatter": {"function": "params.data ? params.data.meta_texto : ''"},
    },
    {
        "field": "valor",
        "headerName": "Valor",
        "type": "rightAligned",
        "width": 110,
        "valueFormatter": {"function": "params.data ? params.data.valor_texto : ''"},
    },
    grids.columna_texto("unidad", "Unidad", width=140, minWidth=110),
]


def resumen(vista: vm.MisReportes) -> html.Div:
    """Four figures (to report, late, returned, sent and waiting) and the next deadline."""
    c = vista.conteos

    def cifra(titulo: str, n: int, detalle: str, color: str, ident: str) -> dbc.Col:
        return dbc.Col(
            dbc.Card(
                dbc.CardBody(
                    [
                        html.Div(titulo, className="reportes-cifra-titulo"),
                        html.Div(format_entero(n), className="reportes-cifra-numero", id=ident),
                        html.Div(detalle, className="small text-muted"),
                    ]
                ),
                className=f"reportes-cifra border-{color}"
                + (" reportes-cifra-cero" if not n else ""),
            ),
            xs=6,
            lg=3,
        )

    proximo: list[Any] = (
        ["Próximo vencimiento: ", html.Strong(vista.proximo_texto)]
        if vista.proximo_vencimiento
        else ["No hay reportes con plazo pendiente."]
    )
    return html.Div(
        [
            dbc.Row(
                [
                    cifra(
                        "Por reportar",
                        c.get("por_reportar", 0),
                        "períodos terminados sin enviar (borradores incluidos)",
                        "primary",
                        "reportes-n-por-reportar",
                    ),
                    cifra(
                        "Tardíos",
                        c.get("tardios", 0),
                        "su plazo ya venció: envíelos cuanto antes",
                        "danger",
                        "reportes-n-tardios",
                    ),
                    cifra(
                        "Devueltos",
                        c.get("devueltos", 0),
                        "la DIGER pidió corregirlos",
                        "warning",
                        "reportes-n-devueltos",
                    ),
                    cifra(
                        "Enviados",
                        c.get("enviados", 0),
                        "esperando la validación de la DIGER",
                        "info",
                        "reportes-n-enviados",
                    ),
                ],
                className="g-3",
            ),
            html.P(proximo, className="mt-2 mb-0", id="reportes-proximo"),
            _aviso_cerrados(c.get("cerrados", 0)),
        ]
    )


def _aviso_cerrados(n: int) -> dbc.Alert | None:
    """Periods that closed without a report: they can be reported only after a reapertura."""
    if not n:
        return None
    periodos = "período cerró" if n == 1 else "períodos cerraron"
    return dbc.Alert(
        [
            html.Strong(f"{format_entero(n)} {periodos} sin reporte"),
            " (estado «Cerrado» en la tabla). Para reportarlos, pida a la DIGER una reapertura.",
        ],
        color="warning",
        className="mt-2 mb-0 py-2",
        id="reportes-cerrados",
    )


def encabezado_formulario(fila: dict[str, Any]) -> html.Div:
    """What the form is about: indicator, period, unit, target, deadline, state, observación."""
    estado = fila["estado"]
    partes: list[Any] = [
        html.H2(
            [fila["indicador"], " · ", fila["periodo"]],
            className="h5 mb-1",
            id="reportes-form-clave",
        ),
        html.P(fila["nombre"], className="mb-2"),
        html.Dl(
            [
                html.Dt("Unidad", className="col-sm-3"),
                html.Dd(fila["unidad"], className="col-sm-9"),
                html.Dt("Meta del período", className="col-sm-3"),
                html.Dd(fila["meta_texto"], className="col-sm-9"),
                html.Dt("Plazo", className="col-sm-3"),
                html.Dd(
                    f"Vence el {fila['vencimiento_texto']}; después del "
                    f"{fila['cierre_texto']} solo con reapertura de la DIGER.",
                    className="col-sm-9",
                ),
                html.Dt("Estado", className="col-sm-3"),
                html.Dd(
                    dbc.Badge(
                        fila["estado_texto"],
                        color=COLOR_ESTADO.get(estado, "secondary"),
                        text_color="dark" if estado in {vm.PROXIMO, "devuelto"} else None,
                        id="reportes-form-estado",
                    ),
                    className="col-sm-9",
                ),
            ],
            className="row mb-2 small",
        ),
    ]
    if estado == "devuelto":
        quien = fila.get("revisado_por") or "la DIGER"
        cuando = fila.get("devuelto_texto") or ""
        partes.append(
            dbc.Alert(
                [
                    html.Strong("La DIGER devolvió este valor. Observación: "),
                    html.Span(fila["observacion"], id="reportes-form-observacion"),
                    html.Div(
                        f"Devuelto por {quien}"
                        + (f" el {cuando}" if cuando else "")
                        + ". Corrija el valor o explíquelo y envíelo de nuevo.",
                        className="small mt-1",
                    ),
                ],
                color="warning",
                className="reportes-observacion",
            )
        )
    mensajes = {
        "enviado": "Este valor ya fue enviado"
        + (f" el {fila['recibido_texto']}" if fila.get("recibido_texto") else "")
        + " y espera la validación de la DIGER.",
        "validado": "Este valor está validado. Para cambiarlo, solicite una corrección a la DIGER.",
        "cerrado": f"El período cerró el {fila['cierre_texto']} sin reporte. Solicite a la DIGER "
        "una reapertura.",
        vm.PROXIMO: f"El período todavía no termina: podrá reportarlo desde el día siguiente a su "
        f"fin (vence el {fila['vencimiento_texto']}).",
    }
    if estado in mensajes:
        partes.append(dbc.Alert(mensajes[estado], color="light", className="py-2"))
    if fila.get("editable") is False and fila.get("escribe") is False:
        partes.append(
            dbc.Alert(
                "Solo lectura: solo la UPGRET de la institución reporta estos valores.",
                color="secondary",
                className="py-2",
            )
        )
    return html.Div(partes)


def archivo_adjunto(nombre: str, href: str) -> html.Span | None:
    """The evidence file the saved draft already carries (kept unless another is chosen)."""
    if not href:
        return None
    return html.Span(
        [
            "Archivo guardado: ",
            html.A(nombre or "evidencia", href=href, target="_blank", rel="noopener"),
            " (se conserva si no elige otro).",
        ],
        className="text-muted",
    )


def archivo_elegido(nombre: str) -> html.Span:
    """The file just chosen, not stored yet."""
    return html.Span(
        f"Archivo elegido: {nombre}. Se revisa y se guarda al pulsar «Guardar borrador» "
        "o «Enviar».",
        className="text-primary",
    )


def chequeos(chequeo: vm.Chequeo) -> html.Div | None:
    """The checks at entry of the typed value: a blocking error, warnings, the resulting avance."""
    hijos: list[Any] = []
    if chequeo.error:
        hijos.append(
            html.Div(chequeo.error, className="text-danger fw-semibold", id="reportes-valor-error")
        )
    if chequeo.avisos:
        hijos.append(
            dbc.Alert(
                [
                    html.Strong("Revise antes de enviar (se requiere una explicación):"),
                    html.Ul([html.Li(a) for a in chequeo.avisos], className="mb-0"),
                ],
                color="warning",
                className="py-2 mb-2",
                id="reportes-avisos",
            )
        )
    if chequeo.detalle:
        hijos.append(html.Div(chequeo.detalle, className="small text-muted"))
    return html.Div(hijos, role="status", **aria(live="polite")) if hijos else None


def omitidas(enviadas: int, lista: Sequence[Omitida]) -> html.Div:
    """The result of «Enviar todos los completos»: how many went, which stayed and why."""
    hijos: list[Any] = [
        html.P(
            f"Se enviaron {format_entero(enviadas)} borradores completos."
            if enviadas
            else "No se envió ningún borrador.",
            className="fw-semibold mb-1",
        )
    ]
    if lista:
        hijos.append(html.P("Quedaron como borrador:", className="mb-1"))
        hijos.append(
            html.Ul(
                [html.Li([html.Strong(f"{o.indicador} · {o.periodo}: "), o.motivo]) for o in lista],
                id="reportes-omitidas",
            )
        )
    return dbc.Alert(hijos, color="warning" if lista else "success", className="mt-2")


def errores_planilla(errores: Sequence[ErrorImportacion]) -> html.Div:
    """Every error of a rejected sheet, with its sheet, row and column."""
    filas = [
        html.Tr(
            [
                html.Td(e.hoja or "—"),
                html.Td("—" if e.fila is None else str(e.fila), className="text-end"),
                html.Td(e.columna or "—"),
                html.Td(e.mensaje),
            ]
        )
        for e in errores
    ]
    return html.Div(
        [
            dbc.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th("Hoja", scope="col"),
                                html.Th("Fila", scope="col", className="text-end"),
                                html.Th("Columna", scope="col"),
                                html.Th("Qué corregir", scope="col"),
                            ]
                        )
                    ),
                    html.Tbody(filas),
                ],
                size="sm",
                hover=True,
                responsive=True,
                id="reportes-planilla-errores",
            )
        ]
    )


def tarjeta_inicio(vista: vm.MisReportes) -> dbc.Card:
    """«Sus reportes» on a planning unit's home: next deadline, to report, returned → /reportes."""
    c = vista.conteos
    lineas = [
        html.Li(["Por reportar: ", html.Strong(format_entero(c.get("por_reportar", 0)))]),
        html.Li(["Tardíos: ", html.Strong(format_entero(c.get("tardios", 0)))]),
        html.Li(["Devueltos por la DIGER: ", html.Strong(format_entero(c.get("devueltos", 0)))]),
    ]
    if c.get("cerrados"):
        lineas.append(
            html.Li(
                [
                    "Cerrados sin reporte (pida una reapertura): ",
                    html.Strong(format_entero(c["cerrados"])),
                ]
            )
        )
    proximo = (
        f"Próximo vencimiento: {vista.proximo_texto}"
        if vista.proximo_vencimiento
        else "No hay reportes con plazo pendiente."
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Sus reportes", className="h5"),
                html.P(proximo, className="mb-1 fw-semibold"),
                html.Ul(lineas, className="mb-2"),
                dcc.Link(
                    "Ir a Mis reportes →", href="/reportes", className="btn btn-primary btn-sm"
                ),
            ]
        ),
        className="mb-3 reportes-inicio",
        id="resumen-sus-reportes",
    )
