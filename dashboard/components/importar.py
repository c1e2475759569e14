"""The pieces of the import page: the job's progress, the dry run's tables and the errors.

Every value is rendered as text (Dash escapes it); the rows come from
:mod:`data_layer.vistas.importar`.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.atributos import aria
from data_layer.formato import format_entero
from data_layer.vistas import importar as vm

#: The errors table's columns, as the command line locates an error.
COLUMNAS_ERRORES = [
    ("hoja", "Hoja"),
    ("fila", "Fila"),
    ("columna", "Columna"),
    ("mensaje", "Mensaje"),
]
#: Sheets whose rows are keyed by indicator and period.
_POR_PERIODO = frozenset({"programacion", "avances"})
#: Colour of the message of each job stage.
_COLOR = {
    "vista_previa": "info",
    "aplicando": "info",
    "lista": "success",
    "aplicada": "success",
    "con_errores": "danger",
    "rechazada": "warning",
    "fallida": "danger",
}


def _tabla(
    columnas: list[tuple[str, str]],
    filas: list[dict[str, str]],
    numericas: frozenset[str] = frozenset(),
    **kwargs: Any,
) -> dbc.Table:
    def celda(columna: str, valor: str) -> html.Td:
        return html.Td(valor, className="text-end" if columna in numericas else None)

    def fila(f: dict[str, str]) -> html.Tr:
        return html.Tr([celda(c, f[c]) for c, _ in columnas], className=f.get("_clase"))

    encabezado = [
        html.Th(titulo, scope="col", className="text-end" if c in numericas else None)
        for c, titulo in columnas
    ]
    return dbc.Table(
        [html.Thead(html.Tr(encabezado)), html.Tbody([fila(f) for f in filas])],
        bordered=False,
        hover=True,
        size="sm",
        responsive=True,
        **kwargs,
    )


def progreso(tarea: dict[str, Any]) -> html.Div:
    """The job's stage, message and progress bar (striped and moving while it runs)."""
    etapa = tarea["etapa"]
    hijos: list[Any] = [
        html.Div(
            [html.Strong(vm.ETAPAS.get(etapa, etapa)), " · ", tarea["archivo"]],
            className="importar-etapa",
        )
    ]
    if tarea["en_curso"]:
        aplicando = etapa == "aplicando"
        hijos.append(
            dbc.Progress(
                value=100 if aplicando else max(tarea["progreso"], 3),
                label="" if aplicando else f"{tarea['progreso']} %",
                striped=True,
                animated=True,
                className="importar-barra my-2",
                id="importar-barra",
            )
        )
    if tarea.get("mensaje"):
        hijos.append(
            dbc.Alert(
                tarea["mensaje"],
                color=_COLOR.get(etapa, "secondary"),
                className="py-2 mb-2",
                id="importar-mensaje",
            )
        )
    return html.Div(hijos, role="status", **aria(live="polite"))


def resumen(vista: dict[str, Any]) -> html.Div:
    """Per sheet: new, changed and unchanged rows, then one expandable detail per sheet."""
    filas = vm.filas_resumen(vista)
    detalles = [
        detalle_hoja(h)
        for h in vista["hojas"]
        if h["insertados"] or h["actualizados"] or h.get("total_conservadas")
    ]
    return html.Div(
        [
            html.H2("Qué cambiaría", className="h5 mt-3"),
            _tabla(
                [
                    ("hoja", "Hoja"),
                    ("nuevos", "Nuevos"),
                    ("cambiados", "Con cambios"),
                    ("sin_cambios", "Sin cambios"),
                ],
                [
                    {
                        **f,
                        "_clase": "fw-semibold"
                        if f["nuevos"] != "0" or f["cambiados"] != "0"
                        else "",
                    }
                    for f in filas
                ],
                frozenset({"nuevos", "cambiados", "sin_cambios"}),
                id="importar-resumen",
                className="importar-resumen",
            ),
            *(
                [html.P(f"Metas programadas revisadas: {format_entero(vista['revisiones'])}.")]
                if vista.get("revisiones")
                else []
            ),
            *(
                [
                    html.P(
                        "Metas conservadas por una revisión aprobada (el archivo trae el valor "
                        f"anterior a la revisión): {format_entero(vista['conservadas'])}.",
                        id="importar-conservadas-total",
                    )
                ]
                if vista.get("conservadas")
                else []
            ),
            html.Div(detalles, id="importar-detalles"),
        ]
    )


def detalle_hoja(hoja: dict[str, Any]) -> html.Details:
    """A sheet's new codes and its changed rows (old → new), folded by default."""
    partes: list[Any] = []
    if hoja["nuevos"]:
        partes += [
            html.H3("Nuevos", className="h6 mt-2"),
            html.P(", ".join(hoja["nuevos"]), className="importar-codigos small"),
        ]
    cambios = vm.filas_cambios(hoja)
    if cambios:
        partes += [
            html.H3("Con cambios (valor actual → valor del archivo)", className="h6 mt-2"),
            _tabla(
                [
                    ("clave", "Indicador · periodo" if hoja["hoja"] in _POR_PERIODO else "Código"),
                    ("columna", "Columna"),
                    ("antes", "Valor actual"),
                    ("despues", "Valor nuevo"),
                ],
                cambios,
                className="importar-cambios",
            ),
        ]
    conservadas = vm.filas_conservadas(hoja)
    if conservadas:
        partes += [
            html.H3(
                "Conservadas: metas aprobadas en una revisión de meta (el archivo trae el valor "
                "anterior y no se aplica)",
                className="h6 mt-2",
            ),
            _tabla(
                [
                    ("clave", "Indicador · periodo"),
                    ("archivo", "Valor del archivo"),
                    ("vigente", "Meta vigente (se conserva)"),
                    ("mensaje", "Motivo"),
                ],
                conservadas,
                className="importar-conservadas",
            ),
        ]
    if hoja.get("recortado"):
        partes.append(
            html.P(
                f"Se muestran los primeros {format_entero(len(hoja['nuevos']) or len(cambios))} "
                "de cada lista; los totales de arriba están completos.",
                className="text-muted small",
            )
        )
    return html.Details(
        [html.Summary(vm.texto_detalle(hoja)), html.Div(partes, className="ps-3")],
        className="importar-detalle mb-2",
        id={"tipo": "importar-detalle", "hoja": hoja["hoja"]},
    )


def errores(vista: dict[str, Any]) -> html.Div:
    """Every error with its sheet, row and column, as the command line lists them."""
    total = vista.get("total_errores", len(vista.get("errores", [])))
    filas = vm.filas_errores(vista)
    # The importer lists the first errors and ends with «… y N errores más» (issue #15).
    return html.Div(
        [
            html.H2(f"Errores del archivo ({format_entero(total)})", className="h5 mt-3"),
            html.P(
                "Nada se importa mientras haya errores: corríjalos en el libro y súbalo otra vez. "
                "Las filas son las que muestra Excel (el encabezado es la fila 1).",
                className="small",
            ),
            _tabla(
                COLUMNAS_ERRORES,
                filas,
                id="importar-errores",
                className="importar-errores",
            ),
        ]
    )
