"""The versions of an indicator's values on its page: the «por validar» notice and the table of
every period's versions (:mod:`data_layer.vistas.versiones`)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard import formatting
from dashboard.components import detalle as det
from data_layer.evidencias import ruta_descarga
from data_layer.models import EstadoVersion, OrigenVersion
from data_layer.vistas.versiones import VersionesPeriodo, VersionValor

#: Badge colour of each version state.
COLORES = {
    EstadoVersion.borrador: "light",
    EstadoVersion.enviado: "warning",
    EstadoVersion.devuelto: "danger",
    EstadoVersion.validado: "success",
    EstadoVersion.reemplazado: "secondary",
}

#: Prefix of the evidence download route (built by the evidence blueprint).


def _datos(**atributos: str) -> dict[str, Any]:
    """``data-*`` attributes (typed ``Any``: see :func:`dashboard.components.atributos.aria`)."""
    return {f"data-{nombre}": valor for nombre, valor in atributos.items()}


def decimales(historia: list[VersionesPeriodo]) -> int:
    """The decimals every value of the history is written with (as few as show them exactly)."""
    return det.decimales_de(v.valor for p in historia for v in p.versiones)


def insignia(version: VersionValor) -> dbc.Badge:
    """The state of a version as a badge («Por validar», «Validado (oficial)»…)."""
    return dbc.Badge(
        version.estado_texto,
        color=COLORES[version.estado],
        text_color="dark"
        if version.estado in (EstadoVersion.enviado, EstadoVersion.borrador)
        else None,
        className="version-estado",
    )


def aviso_por_validar(historia: list[VersionesPeriodo], unidad: str) -> Any:
    """A notice of each value waiting for validation beside the official one, saying plainly
    that it does not count yet; None when nothing waits."""
    esperando = [p for p in historia if p.pendiente is not None]
    if not esperando:
        return None
    d = decimales(historia)
    items = []
    for p in esperando:
        pendiente = p.pendiente
        assert pendiente is not None
        oficial = (
            [
                "Valor oficial (cuenta): ",
                html.Strong(f"{formatting.format_numero(p.oficial.valor, d)} {unidad}"),
                f" (validado el {formatting.format_momento(p.oficial.revisado_en)}). ",
            ]
            if p.oficial is not None
            else ["Sin valor oficial todavía. "]
        )
        que = (
            "Corrección por validar (aún no cuenta)"
            if p.oficial is not None
            else "Valor por validar (aún no cuenta)"
        )
        items.append(
            html.Li(
                [
                    html.Strong(f"{p.periodo}: "),
                    *oficial,
                    f"{que}: ",
                    html.Strong(f"{formatting.format_numero(pendiente.valor, d)} {unidad}"),
                    f", enviado por {pendiente.enviado_por or '—'} el "
                    f"{formatting.format_momento(pendiente.recibido_en)}.",
                ],
                **_datos(periodo=p.periodo),
            )
        )
    return dbc.Alert(
        [
            html.Div(
                [
                    dbc.Badge("Por validar", color="warning", text_color="dark", className="me-2"),
                    html.Strong("Hay valores enviados que la DIGER aún no valida. "),
                    "No cuentan en el avance ni en el semáforo hasta que se validen.",
                ],
                className="mb-1",
            ),
            html.Ul(items, className="mb-0 small"),
        ],
        color="warning",
        className="py-2",
        id="indicador-por-validar",
    )


def _quien_cuando(quien: str | None, cuando: Any, importado: bool) -> Any:
    if quien is None and cuando is None:
        return formatting.VACIO
    # An imported value has a report date, not a time: its midnight would read as a moment.
    momento = formatting.format_fecha(cuando) if importado else formatting.format_momento(cuando)
    return html.Div([html.Div(quien or "—"), html.Div(momento, className="small")])


def _notas(v: VersionValor) -> list[Any]:
    notas: list[Any] = []
    for etiqueta, texto in (
        ("Motivo de la corrección", v.motivo),
        ("Explicación de la variación", v.explicacion),
        ("Observación de la DIGER", v.observacion),
        ("Comentario", v.comentario),
    ):
        if texto:
            notas.append(html.Div([html.Strong(f"{etiqueta}: "), texto], className="small"))
    if v.reemplazado_en is not None:
        notas.append(
            html.Div(
                f"Reemplazado por una corrección validada el "
                f"{formatting.format_momento(v.reemplazado_en)}.",
                className="small text-body-secondary",
            )
        )
    return notas or [formatting.VACIO]


def _evidencia(v: VersionValor) -> list[Any]:
    enlaces: list[Any] = []
    if v.evidencia_clave:
        enlaces.append(
            html.A(
                v.evidencia_nombre or "Archivo",
                href=ruta_descarga(v.evidencia_clave),
                className="d-block evidencia-archivo",
            )
        )
    if v.evidencia_url:
        enlaces.append(
            html.A(
                "Enlace",
                href=v.evidencia_url,
                target="_blank",
                rel="noopener noreferrer",
                title=v.evidencia_url,
                className="d-block evidencia-enlace",
            )
        )
    return enlaces or [formatting.VACIO]


def _fila(v: VersionValor, d: int, unidad: str, primera: bool, n: int) -> html.Tr:
    celdas: list[Any] = []
    if primera:
        celdas.append(html.Th(v.periodo, rowSpan=n, scope="rowgroup", className="align-top"))
    valor = formatting.format_numero(v.valor, d)
    importado = v.origen is OrigenVersion.importacion
    celdas += [
        html.Td(v.numero, className="text-end"),
        html.Td([insignia(v), html.Div(v.origen_texto, className="small text-body-secondary")]),
        html.Td(
            html.Strong(valor) if v.oficial else valor,
            className="text-end text-nowrap"
            + (" valor-reemplazado" if v.estado is EstadoVersion.reemplazado else ""),
            title=unidad,
        ),
        html.Td(_quien_cuando(v.enviado_por, v.recibido_en, importado)),
        html.Td(_quien_cuando(v.revisado_por, v.revisado_en, importado)),
        html.Td(_notas(v)),
        html.Td(_evidencia(v)),
    ]
    clases = {
        EstadoVersion.enviado: "version-por-validar",
        EstadoVersion.reemplazado: "version-reemplazada",
        EstadoVersion.devuelto: "version-devuelta",
        EstadoVersion.borrador: "version-borrador",
    }
    return html.Tr(
        celdas,
        className=clases.get(v.estado, ""),
        **_datos(periodo=v.periodo, estado=v.estado.value),
    )


#: How many of the latest periods the versions table always shows; older periods with a single
#: validated value are folded away (they tell nothing the periods grid does not).
PERIODOS_VISIBLES = 4


def _tabla(historia: list[VersionesPeriodo], d: int, unidad: str, id: str) -> html.Div:
    filas = [
        _fila(v, d, unidad, i == 0, len(p.versiones))
        for p in historia
        for i, v in enumerate(p.versiones)
    ]
    encabezado = html.Thead(
        html.Tr(
            [
                html.Th("Periodo", scope="col"),
                html.Th("Versión", scope="col", className="text-end"),
                html.Th("Estado", scope="col"),
                html.Th(f"Valor ({unidad})", scope="col", className="text-end"),
                html.Th("Enviado por / recibido", scope="col"),
                html.Th("Revisado por / el", scope="col"),
                html.Th("Explicación, observación, motivo", scope="col"),
                html.Th("Evidencia", scope="col"),
            ]
        )
    )
    return html.Div(
        html.Table(
            [encabezado, html.Tbody(filas)],
            className="table table-sm align-middle tabla-versiones mb-0",
            id=id,
        ),
        className="table-responsive panel",
    )


def tabla_versiones(historia: list[VersionesPeriodo], unidad: str) -> Any:
    """Every period's versions, latest period first: number, state, value, who sent it and
    when, who reviewed it and when, the explanation, observación and motivo, the evidence.

    The latest :data:`PERIODOS_VISIBLES` periods and every period with more to tell than one
    validated value are shown; the other periods fold under «Periodos anteriores».
    """
    if not historia:
        return html.P("Este indicador no tiene valores reportados.", className="text-muted")
    d = decimales(historia)
    visibles = [p for i, p in enumerate(historia) if i < PERIODOS_VISIBLES or p.con_historia]
    plegados = [p for p in historia if p not in visibles]
    partes: list[Any] = [_tabla(visibles, d, unidad, "indicador-versiones-tabla")]
    if plegados:
        partes.append(
            html.Details(
                [
                    html.Summary(
                        f"Periodos anteriores ({len(plegados)}, un solo valor validado cada uno)",
                        className="small mt-2",
                    ),
                    _tabla(plegados, d, unidad, "indicador-versiones-anteriores"),
                ],
                id="indicador-versiones-plegadas",
            )
        )
    return html.Div(partes)
