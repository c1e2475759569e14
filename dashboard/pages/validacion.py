"""Validación (``/validacion``): the DIGER analysts' review queue of reported values (issue #10).

Every sent version (first reports, new versions after a return, and *solicitudes de corrección*
of validated values, marked as such) with its target, previous value, the avance and state it
would get, its flags (atípico, sin evidencia, tardío, gran variación), explanation and evidence;
filters by institution, sector, period, flag and type. Selecting one row shows its detail with
«Validar» and «Devolver» (observación required); «Validar seleccionados» validates several at
once, skipping flagged ones with the reason. A second tab reopens a closed period for one
institution and lists the reaperturas in force.

Only ``analista`` and ``admin`` (:func:`data_layer.permisos.puede_validar`): the navbar hides the
link from other roles, the layout sent to them holds only the refusal, and every callback and
service checks again, so a forged request is refused. Every write goes through
:func:`dashboard.components.formularios.escribir` (submission tokens: a double click writes once).

URL parameters: none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import data, vistas
from dashboard.components import formularios as fm
from dashboard.components import grid as grids
from dashboard.components import validacion as ui
from data_layer import formato, permisos
from data_layer.envios import nuevo_token
from data_layer.errores import ErrorDeDatos
from data_layer.reportes import cola, controles, servicio
from data_layer.vistas import validacion as vm

#: Roles that review reported values (for the navigation; the rule is ``permisos``').
ROLES = tuple(sorted(r.value for r in permisos.ROLES_VALIDAN))
RUTA = "/validacion"

dash.register_page(
    __name__,
    path=RUTA,
    name="Validación",
    title="Validación de reportes | SIGPRET",
    description="Cola de valores enviados por las instituciones para validar o devolver.",
    order=90,
    roles=ROLES,
)

TABS = "validacion-tabs"
#: Most versions «Validar seleccionados» takes at once (one transaction).
MAX_LOTE = 500


def _sin_permiso() -> dbc.Alert:
    return dbc.Alert(
        permisos.SIN_PERMISO_VALIDAR, color="danger", id="validacion-sin-permiso", className="mt-3"
    )


def puede_ver() -> bool:
    """Whether the logged-in user may review values (checked on the server)."""
    return permisos.puede_validar(data.alcance_actual())


def layout(**_kwargs: Any) -> html.Div:
    """The page skeleton (no data); for other roles, only the refusal."""
    titulo = html.H1("Validación de reportes", className="pagina-titulo")
    if data.alcance_actual() is not None and not puede_ver():
        return html.Div([titulo, _sin_permiso()])
    cola_tab = html.Div(
        [
            ui.barra_filtros(),
            ui.barra_lote(),
            html.Div(id=ui.MENSAJE, role="alert"),
            dbc.Row(
                [
                    dbc.Col(ui.grid_cola(), xl=9, className="mb-3"),
                    dbc.Col(ui.formulario_revision(), xl=3),
                ]
            ),
        ],
        className="pt-3",
    )
    reab_tab = html.Div(
        [
            ui.formulario_reapertura(),
            html.H2("Reaperturas vigentes", className="h5"),
            html.Div(id=ui.R_LISTA),
        ],
        className="pt-3",
    )
    return html.Div(
        [
            titulo,
            html.P(
                "Valores enviados por las UPGRET que esperan su revisión. Elija una fila para ver "
                "el detalle y validarla o devolverla con una observación; las que no tienen "
                "banderas pueden validarse en lote.",
                className="pagina-subtitulo mb-2",
            ),
            dcc.Store(id=ui.REFRESCO, data=0),
            dcc.Store(id=ui.R_REFRESCO, data=0),
            fm.campo_token(ui.TOKEN),
            fm.campo_token(ui.R_TOKEN),
            dbc.Tabs(
                [
                    dbc.Tab(cola_tab, label="Cola de revisión", tab_id="cola"),
                    dbc.Tab(reab_tab, label="Reaperturas", tab_id="reaperturas"),
                ],
                id=TABS,
                active_tab="cola",
            ),
        ],
        className="validacion",
    )


def _opciones(pares: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"value": v, "label": e} for v, e in pares]


def _filas_grid(entradas: list[cola.EntradaCola], usuario: str | None) -> list[dict[str, Any]]:
    filas = vm.filas(entradas, data.hoy_honduras(), usuario)
    for f in filas:
        if f["semaforo_resultante"]:
            f.update(grids.campos_estado(f["semaforo_resultante"]))
    return filas


@callback(
    output={
        "filas": Output(ui.GRID, "rowData"),
        "resumen": Output(ui.RESUMEN, "children"),
        **{f"op_{n}": Output(ui.id_filtro(n), "options") for n in ui.FILTROS},
    },
    inputs={
        "institucion": Input(ui.id_filtro("institucion"), "value"),
        "sector": Input(ui.id_filtro("sector"), "value"),
        "periodo": Input(ui.id_filtro("periodo"), "value"),
        "bandera": Input(ui.id_filtro("bandera"), "value"),
        "tipo": Input(ui.id_filtro("tipo"), "value"),
        "refresco": Input(ui.REFRESCO, "data"),
    },
)
def render_cola(
    institucion: str | None,
    sector: str | None,
    periodo: str | None,
    bandera: str | None,
    tipo: str | None,
    refresco: int | None,
) -> dict[str, Any]:
    """The queue under the filters (the cached whole queue, filtered), its summary and the
    filter choices; a refusal for users who may not validate."""
    del refresco  # only re-runs the callback after a write
    try:
        todas = vistas.cola_validacion()
    except ErrorDeDatos as exc:
        vacio: dict[str, Any] = {f"op_{n}": [] for n in ui.FILTROS}
        return {"filas": [], "resumen": fm.alerta(str(exc)), **vacio}
    filtros = cola.FiltrosCola(
        institucion=_texto(institucion),
        sector=_texto(sector),
        periodo=_texto(periodo),
        bandera=_texto(bandera),
        tipo=_texto(tipo),
    )
    elegidas = cola.filtrar(todas, filtros)
    a = data.alcance_actual()
    opciones = vm.opciones_filtros(todas)
    return {
        "filas": _filas_grid(elegidas, a.usuario if a else None),
        "resumen": vm.resumen(elegidas, len(todas)),
        **{f"op_{n}": _opciones(opciones[n]) for n in ui.FILTROS},
    }


def _texto(valor: Any) -> str | None:
    return str(valor) if isinstance(valor, str | int) and str(valor) else None


def _ids(seleccion: Any) -> list[Any]:
    """The version ids of the grid's selected rows (untrusted: the services check each)."""
    if not isinstance(seleccion, list):
        return []
    return [f.get("id") for f in seleccion if isinstance(f, dict) and f.get("id") is not None]


@callback(
    output={
        "detalle": Output(ui.DETALLE, "children"),
        "validar": Output(ui.VALIDAR, "disabled"),
        "devolver": Output(ui.DEVOLVER, "disabled"),
        "varios": Output(ui.VALIDAR_VARIOS, "disabled"),
        "texto": Output(ui.SELECCION, "children"),
    },
    inputs={"seleccion": Input(ui.GRID, "selectedRows")},
)
def mostrar_detalle(seleccion: Any) -> dict[str, Any]:
    """The detail of the one selected version (read again from the queue, never from the
    browser's row), and which buttons apply to the selection."""
    ids = _ids(seleccion)
    salida: dict[str, Any] = {
        "detalle": "Elija una versión en la tabla para ver su detalle.",
        "validar": True,
        "devolver": True,
        "varios": not ids,
        "texto": vm.seleccionadas(len(ids)),
    }
    try:
        todas = vistas.cola_validacion()
    except ErrorDeDatos as exc:
        return {**salida, "detalle": fm.alerta(str(exc)), "varios": True}
    if len(ids) != 1:
        if ids:
            salida["detalle"] = (
                "Hay varias versiones seleccionadas: use «Validar seleccionados», o elija una "
                "sola para validarla o devolverla."
            )
        return salida
    entrada = next((e for e in todas if str(e.version_id) == str(ids[0])), None)
    if entrada is None:
        salida["detalle"] = fm.alerta(
            "Esta versión ya no está en la cola (otra persona la revisó).", "warning"
        )
        return salida
    ev = vm.evidencia(entrada)
    a = data.alcance_actual()
    partes: list[Any] = [
        ui.detalle(
            vm.detalle(entrada, data.hoy_honduras()),
            ev[1] if ev else None,
            [controles.BANDERAS[b] for b in entrada.banderas],
        )
    ]
    if entrada.avisos:
        partes.append(
            dbc.Alert(
                [html.Strong("Avisos al enviar: "), " ".join(entrada.avisos)],
                color="light",
                className="small py-2",
            )
        )
    propia = a is not None and entrada.enviado_por == a.usuario
    if propia:
        partes.append(
            fm.alerta("Usted envió esta versión: otro analista debe revisarla.", "warning")
        )
    return {**salida, "detalle": partes, "validar": False, "devolver": False}


@callback(
    output={
        "mensaje": Output(ui.MENSAJE, "children"),
        "token": Output(ui.TOKEN, "data"),
        "refresco": Output(ui.REFRESCO, "data"),
        "observacion": Output(ui.OBSERVACION, "value"),
        "seleccion": Output(ui.GRID, "selectedRows"),
    },
    inputs={
        "_validar": Input(ui.VALIDAR, "n_clicks"),
        "_devolver": Input(ui.DEVOLVER, "n_clicks"),
        "_varios": Input(ui.VALIDAR_VARIOS, "n_clicks"),
        "seleccion": State(ui.GRID, "selectedRows"),
        "observacion": State(ui.OBSERVACION, "value"),
        "token": State(ui.TOKEN, "data"),
        "refresco": State(ui.REFRESCO, "data"),
    },
    running=[
        (Output(ui.VALIDAR, "disabled"), True, False),
        (Output(ui.DEVOLVER, "disabled"), True, False),
        (Output(ui.VALIDAR_VARIOS, "disabled"), True, False),
    ],
    prevent_initial_call=True,
)
def revisar(
    _validar: int | None,
    _devolver: int | None,
    _varios: int | None,
    seleccion: Any,
    observacion: str | None,
    token: Any,
    refresco: int | None,
) -> dict[str, Any]:
    """Validate, return or bulk-validate the selected versions, as the logged-in analyst.

    The ids come from the browser and are not trusted: the services check the role, the state
    and who sent each version. A version someone reviewed meanwhile is refused naming who and
    when; the queue is refreshed after every attempt.
    """
    boton = ctx.triggered_id
    ids = _ids(seleccion)
    ya_revisada: list[bool] = []
    detalle: dict[str, Any] = {}

    def una() -> Any:
        if len(ids) != 1:
            raise servicio.ErrorReporte("Elija una sola versión en la tabla.")
        return ids[0]

    def accion(s: Any, a: Any) -> str:
        try:
            if boton == ui.VALIDAR:
                v = servicio.validar(s, actor=a, version_id=una(), observacion=observacion)
                return f"Validado: {v.indicador.codigo} · {v.periodo}."
            if boton == ui.DEVOLVER:
                v = servicio.devolver(s, actor=a, version_id=una(), observacion=observacion)
                return f"Devuelto a la institución: {v.indicador.codigo} · {v.periodo}."
            if not ids:
                raise servicio.ErrorReporte("Seleccione al menos una versión.")
            if len(ids) > MAX_LOTE:
                raise servicio.ErrorReporte(f"Seleccione como máximo {MAX_LOTE} versiones.")
            validadas, omitidas = servicio.validar_varios(s, actor=a, version_ids=ids)
        except servicio.VersionYaRevisada:
            ya_revisada.append(True)
            raise
        detalle["omitidas"] = omitidas
        inexistentes = len(set(map(str, ids))) - len(validadas) - len(omitidas)
        texto = f"Validadas: {len(validadas)}."
        if omitidas:
            texto += f" Omitidas: {len(omitidas)} (vea el motivo de cada una abajo)."
        if inexistentes > 0:
            texto += f" {inexistentes} de las indicadas no existen."
        return texto

    if boton not in (ui.VALIDAR, ui.DEVOLVER, ui.VALIDAR_VARIOS):
        return {
            "mensaje": no_update,
            "token": no_update,
            "refresco": no_update,
            "observacion": no_update,
            "seleccion": no_update,
        }
    respuesta = fm.escribir(accion, token=token, formulario=f"validacion:{boton}")
    mensaje: Any = respuesta.alerta
    if ya_revisada:
        mensaje = fm.alerta(f"{respuesta.alerta.children} La cola se actualizó.", "warning")
    elif detalle.get("omitidas"):
        mensaje = html.Div([respuesta.alerta, ui.omitidas(detalle["omitidas"])])
    return {
        "mensaje": mensaje,
        "token": nuevo_token() if respuesta.guardado else no_update,
        "refresco": (refresco or 0) + 1,
        "observacion": "" if respuesta.guardado else no_update,
        "seleccion": [] if respuesta.guardado or ya_revisada else no_update,
    }


# --- reaperturas --------------------------------------------------------------------------------


@callback(
    output={
        "lista": Output(ui.R_LISTA, "children"),
        "instituciones": Output(ui.R_INSTITUCION, "options"),
        "periodos": Output(ui.R_PERIODO, "options"),
        "vence": Output(ui.R_VENCE, "value"),
    },
    inputs={"refresco": Input(ui.R_REFRESCO, "data"), "tab": Input(TABS, "active_tab")},
)
def render_reaperturas(refresco: int | None, tab: str | None) -> dict[str, Any]:
    """The reaperturas in force and the form's choices (institutions, closed periods)."""
    del refresco
    if tab != "reaperturas":
        return {"lista": no_update, "instituciones": no_update, "periodos": no_update,
                "vence": no_update}  # fmt: skip
    actor = data.alcance_actual()
    hoy = data.hoy_honduras()
    try:
        with data.sesion_lectura() as s:
            vigentes = cola.reaperturas_vigentes(s, actor, hoy=hoy)
            instituciones = cola.instituciones(s)
            cerrados = cola.periodos_cerrados(s, hoy=hoy, reglas=data.reglas())
    except ErrorDeDatos as exc:
        return {"lista": fm.alerta(str(exc)), "instituciones": [], "periodos": [], "vence": None}
    return {
        "lista": ui.tabla_reaperturas(vm.filas_reaperturas(vigentes)),
        "instituciones": [{"value": s, "label": f"{s} — {n}"} for s, n in instituciones],
        "periodos": [{"value": p, "label": p} for p in cerrados],
        "vence": formato.format_fecha_entrada(hoy + dt.timedelta(days=15)),
    }


@callback(
    output={
        "mensaje": Output(ui.R_MENSAJE, "children"),
        "token": Output(ui.R_TOKEN, "data"),
        "refresco": Output(ui.R_REFRESCO, "data"),
        "motivo": Output(ui.R_MOTIVO, "value"),
    },
    inputs={
        "_n": Input(ui.R_BOTON, "n_clicks"),
        "institucion": State(ui.R_INSTITUCION, "value"),
        "periodo": State(ui.R_PERIODO, "value"),
        "motivo": State(ui.R_MOTIVO, "value"),
        "vence": State(ui.R_VENCE, "value"),
        "token": State(ui.R_TOKEN, "data"),
        "refresco": State(ui.R_REFRESCO, "data"),
    },
    running=fm.mientras_guarda(ui.R_BOTON),
    prevent_initial_call=True,
)
def reabrir(
    _n: int | None,
    institucion: Any,
    periodo: Any,
    motivo: str | None,
    vence: str | None,
    token: Any,
    refresco: int | None,
) -> dict[str, Any]:
    """Reopen a closed period for one institution (reason and expiry required), as the
    logged-in analyst; the service checks the role and every field."""

    def accion(s: Any, a: Any) -> str:
        if not institucion:
            raise servicio.ErrorReporte("Elija la institución.")
        if not periodo:
            raise servicio.ErrorReporte("Elija el período.")
        try:
            fecha = fm.leer_fecha(vence, "Vence el")
        except ErrorDeDatos as exc:
            raise servicio.ErrorReporte(str(exc)) from None
        r = servicio.reabrir(
            s, actor=a, institucion=str(institucion), periodo=str(periodo), motivo=motivo,
            vence_en=fecha,
        )  # fmt: skip
        return (
            f"Período {r.periodo} reabierto para {institucion} hasta el "
            f"{r.vence_en.strftime('%d/%m/%Y')}."
        )

    respuesta = fm.escribir(accion, token=token, formulario="validacion:reabrir")
    return {
        "mensaje": respuesta.alerta,
        "token": nuevo_token() if respuesta.guardado else no_update,
        "refresco": (refresco or 0) + 1 if respuesta.guardado else no_update,
        "motivo": "" if respuesta.guardado else no_update,
    }
