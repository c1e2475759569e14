"""Ficha de indicador (``/indicadores/<codigo>``): the data point behind a colour.

Shows all of the indicator's metadata; a chart of its reported values against its original and
current targets and its baseline (cumulative lines for acumulado indicators), with the engine's
early-warning projection drawn as a dashed line and its method written under the chart; the table
of its periods (targets, value, avance, state, report date, due date, late flag), each evaluated by
the engine; the goals it feeds (its goal and that goal's chain upward); and its alerts.

Target revisions (DOMAIN.md §9): the chart adds the projection support's suggested trajectory and
its 90 % band; the «Revisiones de meta» section (anchor ``#revisiones-de-meta``) lists every
proposal with its opinion and decision, and offers who may act now the form to propose (prefilled
with the suggested values), to give the methodological opinion, or to decide. Every write goes
through :mod:`data_layer.revisiones.servicio`, which checks the permission itself.

The reporting cycle (DOMAIN.md §8): each period's versions (state, value, who sent and reviewed
it and when, explanation, observación, motivo, evidence) in their own table; a value sent and not
yet validated is marked «por validar» — a notice under the header beside the official value, a
column of the periods grid and a hollow marker on the chart — and never counted. Drafts appear
only for the indicator's own institution.

URL: ``/indicadores/<codigo>``; query parameter ``periodo`` (evaluated quarter, default the latest
one due); the other filters are kept in the links.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html

from dashboard import data, filtros, formatting, respuestas, vistas
from dashboard.components import detalle as det
from dashboard.components import exportar
from dashboard.components import formularios as fm
from dashboard.components import grid as grids
from dashboard.components import indicador as ui_indicador
from dashboard.components import mesas as ui_mesas
from dashboard.components import revisiones as ui_revisiones
from dashboard.components import versiones as ui_versiones
from dashboard.components.atributos import aria
from dashboard.components.estado import insignia_estado
from dashboard.components.exportar import botones_exportar
from dashboard.components.filtros import barra_filtros
from dashboard.components.migas import migas, migas_children
from dashboard.figures import GRAPH_CONFIG
from dashboard.figures.detalle import ALTO, PRONOSTICOS, figure_serie_indicador
from dashboard.filtros import Filtros
from dashboard.shell import STORE_PERIODO
from data_layer.auth import Alcance
from data_layer.engine.explicacion import motivo_periodo, motivo_ultimo_dato
from data_layer.revisiones import servicio as servicio_revisiones
from data_layer.revisiones.consultas import ANCLA as ANCLA_REVISIONES
from data_layer.vistas import detalle_indicador as vista
from data_layer.vistas import revisiones as vista_revisiones
from data_layer.vistas import versiones as vista_versiones
from data_layer.vistas.linaje import linaje

dash.register_page(
    __name__,
    path_template="/indicadores/<codigo>",
    name="Indicador",
    title="Indicador | SIGPRET",
    description="Metadatos, serie, proyección, periodos y alertas de un indicador.",
    order=50,
)

CAMPOS_FILTRO = ("periodo",)
GRID_PERIODOS = "indicador-periodos"


def _columnas_periodos(acumulado: bool) -> list[dict[str, Any]]:
    columnas = [
        grids.columna_texto("periodo", "Periodo", width=110, pinned="left"),
        det.columna_numero("meta_original_periodo", "Meta original", width=120),
        det.columna_numero("meta_periodo", "Meta vigente", width=120),
        det.columna_numero("valor_periodo", "Valor oficial", width=120),
        det.columna_numero(
            "por_validar",
            "Por validar",
            width=120,
            headerTooltip="Valor enviado que la DIGER aún no valida: no cuenta en el avance.",
            cellClass="celda-numero celda-por-validar",
        ),
    ]
    if acumulado:
        columnas += [
            det.columna_numero("meta", "Meta acumulada", width=130),
            det.columna_numero("valor", "Valor acumulado", width=130),
        ]
    columnas += [
        det.columna_avance(width=110),
        grids.columna_semaforo("Semáforo", width=160),
        det.columna_fecha("fecha_reporte", "Fecha de reporte", width=140),
        det.columna_fecha("vencimiento", "Vencimiento", width=130),
        grids.columna_texto("tarde_texto", "¿Tarde?", width=100),
    ]
    return columnas


def _seccion(titulo: str, *contenido: Any) -> html.Section:
    return html.Section(
        [html.H2(titulo, className="seccion-titulo"), *contenido],
        className="mb-4",
        **aria(label=titulo),
    )


def layout(codigo: str | None = None, **kwargs: Any) -> html.Div:
    """The page skeleton (no data): params store, breadcrumbs, filter bar, empty sections.

    Args:
        codigo: the indicator's code (from the path).
        **kwargs: the URL's query parameters (filters).
    """
    f = filtros.from_query(kwargs)
    cuerpo = html.Div(
        [
            html.Header(id="indicador-encabezado", className="mt-3 mb-3"),
            html.Div(id="indicador-aviso-versiones"),
            dbc.Row(
                [
                    dbc.Col(
                        _seccion(
                            "Valores reportados frente a la meta",
                            html.Div(
                                dcc.Graph(
                                    id="indicador-grafico",
                                    config=GRAPH_CONFIG,
                                    figure={"data": [], "layout": {"separators": ".,"}},
                                    style={"height": f"{ALTO}px"},
                                ),
                                className="panel p-2",
                            ),
                            html.P(id="indicador-proyeccion", className="small mt-2 mb-0"),
                        ),
                        xl=8,
                    ),
                    dbc.Col(
                        _seccion("Ficha del indicador", html.Div(id="indicador-ficha")),
                        xl=4,
                    ),
                ],
                className="g-3",
            ),
            html.Section(
                [
                    html.H2("Revisiones de meta", className="seccion-titulo"),
                    html.P(
                        "El nivel técnico propone metas nuevas para los periodos que no han "
                        "terminado, la DIGER emite su opinión metodológica y el ministro del "
                        "sector (o la Presidencia, en metas presidenciales) decide.",
                        className="small text-body-secondary",
                    ),
                    *ui_revisiones.seccion(),
                ],
                id=ANCLA_REVISIONES,
                className="mb-4",
                **aria(label="Revisiones de meta"),
            ),
            _seccion(
                "Periodos",
                html.P(
                    "Cada periodo evaluado con las reglas del sistema, con lo reportado hasta "
                    "la fecha de corte.",
                    className="small text-body-secondary",
                ),
                grids.grid(
                    grids.id_grid(GRID_PERIODOS),
                    _columnas_periodos(acumulado=False),
                    row_id="periodo",
                ),
                botones_exportar(
                    GRID_PERIODOS, "periodos-del-indicador", {"codigo": codigo, **f.as_dict()}
                ),
            ),
            _seccion(
                "Versiones de los valores",
                html.P(
                    "Cada cambio de un valor es una versión nueva: quién lo envió y cuándo, quién "
                    "lo revisó, la explicación de la institución y la observación de la DIGER. "
                    "Solo la versión validada cuenta; la que está «por validar» no.",
                    className="small text-body-secondary",
                ),
                html.Div(id="indicador-versiones"),
            ),
            dbc.Row(
                [
                    dbc.Col(
                        _seccion("Metas que alimenta", html.Div(id="indicador-metas")),
                        lg=6,
                    ),
                    dbc.Col(_seccion("Alertas", html.Div(id="indicador-alertas")), lg=6),
                ],
                className="g-3",
            ),
            _seccion(
                "Acciones de las mesas sectoriales",
                html.P(
                    "Acuerdos, cuellos de botella y estrategias de las mesas vinculados a este "
                    "indicador o a su meta.",
                    className="small text-body-secondary",
                ),
                html.Div(id="indicador-acciones-mesa"),
            ),
        ],
        id="indicador-cuerpo",
    )
    return html.Div(
        [
            dcc.Store(id="indicador-params", data={"codigo": codigo, **f.as_dict()}),
            migas("indicador-migas"),
            barra_filtros(f, campos=CAMPOS_FILTRO),
            html.Div(id="indicador-mensaje"),
            dcc.Loading(cuerpo, type="default", delay_show=300),
        ],
        className="pagina-indicador",
    )


def _encabezado(
    ficha: vista.FichaIndicador, estado: str, periodo: str | None, serie: Any, evaluado: str
) -> list[Any]:
    motivo = motivo_periodo(periodo, evaluado)
    return [
        html.Div(
            [
                html.Span(ficha.codigo, className="me-2"),
                "Indicador de ",
                det.ESLABONES_TEXTO.get(ficha.eslabon, ficha.eslabon).lower(),
            ],
            className="text-body-secondary fw-semibold",
        ),
        html.H1(ficha.nombre, className="pagina-titulo", id="indicador-titulo"),
        html.Div(
            [
                f"Estado en {periodo}: " if periodo else "Estado: ",
                insignia_estado(estado, id="indicador-semaforo"),
                html.Span(
                    f" ({motivo})" if motivo else "",
                    className="small text-body-secondary",
                    id="indicador-periodo-motivo",
                ),
            ],
            className="pagina-subtitulo",
        ),
        ui_indicador.como_se_calcula(serie, periodo, ficha.linea_base, ficha.anio_base),
    ]


def _texto_proyeccion(
    p: vista.Proyeccion | None, ficha: vista.FichaIndicador, periodo: str | None
) -> list[Any]:
    if p is None:
        return ["Sin proyección para este periodo."]
    partes: list[Any] = [html.Strong("Alerta temprana: ")]
    ultimo = motivo_ultimo_dato(p.periodo_desde, periodo)
    if ultimo:
        partes.append(f"la proyección parte del {ultimo}; ")
    if p.pronostico and p.valor_proyectado is not None:
        partes.append(
            f"si sigue la tendencia, llega a {det.numero(round(p.valor_proyectado, 1))} "
            f"{ficha.unidad} en {p.periodo_final} frente a una meta de "
            f"{det.numero(p.meta_final)} (avance proyectado "
            f"{formatting.format_porcentaje(p.avance_proyectado)}). Pronóstico: "
        )
        partes.append(html.Strong(PRONOSTICOS.get(p.pronostico, p.pronostico)))
        partes.append(". ")
    partes.append(html.Span(["Método: ", p.metodo], id="indicador-metodo"))
    return partes


SALIDAS = {
    "migas": Output("indicador-migas", "children"),
    "mensaje": Output("indicador-mensaje", "children"),
    "cuerpo": Output("indicador-cuerpo", "style"),
    "encabezado": Output("indicador-encabezado", "children"),
    "grafico": Output("indicador-grafico", "figure"),
    "proyeccion": Output("indicador-proyeccion", "children"),
    "ficha": Output("indicador-ficha", "children"),
    "columnas": Output(grids.id_grid(GRID_PERIODOS), "columnDefs"),
    "periodos": Output(grids.id_grid(GRID_PERIODOS), "rowData"),
    "metas": Output("indicador-metas", "children"),
    "alertas": Output("indicador-alertas", "children"),
    "aviso_versiones": Output("indicador-aviso-versiones", "children"),
    "versiones": Output("indicador-versiones", "children"),
    "periodo": Output(STORE_PERIODO, "data", allow_duplicate=True),
}


def _no_existe(codigo: str, f: Filtros) -> dbc.Alert:
    return dbc.Alert(
        [
            html.Strong(f"El indicador «{codigo}» no existe en la MCR, o no tiene acceso a él. "),
            "Revise el código o búsquelo desde su meta en la ",
            dcc.Link("cadena de valor", href=filtros.href("/cadena", f)),
            ".",
        ],
        color="warning",
        id="indicador-no-existe",
    )


def render_indicador_contenido(params: dict[str, Any] | None) -> dict[str, Any]:
    """Everything the page shows for the params' indicator (the callback's body).

    Returns:
        One value per output of :data:`SALIDAS`: breadcrumbs, message, body style, header,
        figure, projection text, metadata, period columns and rows, goals fed, alerts,
        evaluated period.
    """
    params = params or {}
    codigo = str(params.get("codigo") or "")
    m = data.mcr()
    f = data.filtros_validos(filtros.from_query(params))
    periodo = data.periodo_efectivo(f.periodo)
    res = data.resultado(periodo, data.hoy_honduras())
    ficha = vista.ficha_indicador(res, m, codigo) if codigo else None
    migas_indicador = migas_children(linaje(m, "indicador", codigo), f)
    if ficha is None:
        return {
            "migas": migas_indicador,
            "mensaje": _no_existe(codigo, f),
            "cuerpo": {"display": "none"},
            "encabezado": [],
            "grafico": dash.no_update,
            "proyeccion": "",
            "ficha": [],
            "columnas": dash.no_update,
            "periodos": [],
            "metas": [],
            "alertas": [],
            "aviso_versiones": None,
            "versiones": [],
            "periodo": None,
        }

    serie = vistas.serie_indicador(codigo)
    proyeccion = vista.proyeccion_indicador(res, serie, codigo)
    estado = vista.estado_indicador(res, codigo)
    historia = vistas.versiones_indicador(codigo, ficha.institucion_responsable)
    pendientes = vista_versiones.pendientes(historia)
    acumulado = ficha.tipo == "acumulado"
    d = ui_versiones.decimales(historia)
    marcas = [
        (
            periodo_p,
            vista_versiones.valor_en_grafico(serie, periodo_p, v.valor, acumulado),
            f"{det.numero(v.valor, d)} {ficha.unidad}",
        )
        for periodo_p, v in pendientes.items()
    ]
    apoyo = vista_revisiones.proyeccion_de_serie(serie)
    sugerida = apoyo if isinstance(apoyo, vista_revisiones.ProyeccionMeta) else None
    filas = ui_indicador.filas_periodos(serie)
    for fila in filas:
        v = pendientes.get(fila["periodo"])
        fila["por_validar"] = None if v is None else v.valor
        fila["por_validar_texto"] = "" if v is None else det.numero(v.valor, d)
    return {
        "migas": migas_indicador,
        "mensaje": None,
        "cuerpo": {},
        "encabezado": _encabezado(ficha, estado.semaforo, estado.periodo, serie, periodo),
        "grafico": figure_serie_indicador(
            serie, ficha, proyeccion, estado.periodo, por_validar=marcas, sugerida=sugerida
        ),
        "proyeccion": _texto_proyeccion(proyeccion, ficha, estado.periodo),
        "ficha": det.lista_metadatos(ficha, f),
        "columnas": _columnas_periodos(acumulado=acumulado),
        "periodos": filas,
        "metas": det.lista_metas(
            vista.metas_que_alimenta(res, m, codigo),
            f,
            vacio="No alimenta ninguna meta.",
            id="indicador-metas-lista",
        ),
        "alertas": ui_indicador.lista_alertas(vista.alertas_indicador(res, codigo)),
        "aviso_versiones": ui_versiones.aviso_por_validar(historia, ficha.unidad),
        "versiones": ui_versiones.tabla_versiones(historia, ficha.unidad),
        "periodo": periodo,
    }


@callback(
    Input("indicador-params", "data"),
    Input(f"{ui_revisiones.P}-refresco", "data"),
    output=SALIDAS,
    prevent_initial_call="initial_duplicate",
)
@respuestas.compartida
def render_indicador(params: dict[str, Any] | None, _refresco: int | None = None) -> dict[str, Any]:
    """Fill the page for the URL's indicator and period (again after an approved revision)."""
    return render_indicador_contenido(params)


@callback(
    Output("indicador-acciones-mesa", "children"),
    Input("indicador-params", "data"),
)
@respuestas.compartida
def render_acciones_mesa(params: dict[str, Any] | None) -> Any:
    """The acuerdos, bottlenecks and strategies of the mesas linked to this indicador."""
    acciones, f = vistas.acciones_de_entidad("indicador", params)
    if acciones is None:
        return None
    return ui_mesas.panel_acciones(
        acciones,
        f,
        vacio="Ninguna mesa tiene acuerdos, cuellos de botella ni estrategias vinculados a "
        "este indicador ni a su meta.",
        id="indicador-acciones-lista",
    )


# --- exports: the periods grid rebuilt on the server as render_indicador fills it --------------


@exportar.fuente(GRID_PERIODOS)
def exportar_periodos(params: dict[str, Any]) -> exportar.Tabla:
    """The periods grid and its columns for the URL's parameters (render_indicador's ``columnas``
    and ``periodos``: the columns depend on the indicator's type)."""
    contenido = render_indicador_contenido(params)
    columnas = contenido["columnas"]
    if not isinstance(columnas, list):  # no such indicator: the page leaves the grid as it is
        columnas = _columnas_periodos(acumulado=False)
    return exportar.Tabla(contenido["periodos"], columnas)


# --- target revisions: the section, and the three writes -----------------------------------------

R = ui_revisiones.P
OCULTO: dict[str, str] = {"display": "none"}
VISIBLE: dict[str, str] = {}


@callback(
    output={
        "proyeccion": Output(f"{R}-proyeccion", "children"),
        "aviso": Output(f"{R}-aviso", "children"),
        "historial": Output(f"{R}-historial", "children"),
        "proponer": Output(f"{R}-form-proponer", "style"),
        "opinar": Output(f"{R}-form-opinar", "style"),
        "decidir": Output(f"{R}-form-decidir", "style"),
        "periodos": Output(f"{R}-periodos", "children"),
        "corrige": Output(f"{R}-corrige", "children"),
        "acuerdos": Output(f"{R}-acuerdo", "options"),
        "contexto": Output(f"{R}-contexto", "data"),
    },
    inputs={
        "params": Input("indicador-params", "data"),
        "_refresco": Input(f"{R}-refresco", "data"),
    },
)
def render_revisiones(params: dict[str, Any] | None, _refresco: int | None) -> dict[str, Any]:
    """The history of the indicator's target revisions and the form the user may use now."""
    codigo = str((params or {}).get("codigo") or "")
    f = data.filtros_validos(filtros.from_query(params or {}))
    res = data.resultado(data.periodo_efectivo(f.periodo), data.hoy_honduras())
    ficha = vista.ficha_indicador(res, data.mcr(), codigo) if codigo else None
    vacio: dict[str, Any] = {
        "proyeccion": None,
        "aviso": None,
        "historial": None,
        "proponer": OCULTO,
        "opinar": OCULTO,
        "decidir": OCULTO,
        "periodos": [],
        "corrige": None,
        "acuerdos": [],
        "contexto": None,
    }
    if ficha is None:
        return vacio
    panel, acuerdos = vistas.revisiones_indicador(codigo, vistas.serie_indicador(codigo))
    if panel is None:
        return vacio
    abierta = panel.abierta
    aviso = None
    if abierta is not None and not (panel.puede_opinar or panel.puede_decidir):
        espera = (
            "la opinión metodológica de la DIGER"
            if abierta.estado == "propuesta"
            else "la decisión del nivel político"
        )
        aviso = dbc.Alert(
            f"La propuesta {abierta.id} espera {espera}.", color="info", className="py-2"
        )
    elif not panel.abiertos and not panel.historial:
        aviso = html.P(
            "Todos los periodos programados ya terminaron: no hay metas que revisar.",
            className="small text-muted",
        )
    apoyo = panel.proyeccion
    return {
        "proyeccion": [html.Strong("Proyección de apoyo: "), ui_revisiones.texto_proyeccion(panel)],
        "aviso": aviso,
        "historial": ui_revisiones.historial(panel, ficha.unidad),
        "proponer": VISIBLE if panel.puede_proponer else OCULTO,
        "opinar": VISIBLE if panel.puede_opinar else OCULTO,
        "decidir": VISIBLE if panel.puede_decidir else OCULTO,
        "periodos": ui_revisiones.campos_periodos(panel.abiertos, ficha.unidad)
        if panel.puede_proponer
        else [],
        "corrige": (
            f"Corrige la propuesta {panel.corregible.id}, devuelta con la nota: "
            f"«{panel.corregible.decision_nota}»."
        )
        if panel.puede_proponer and panel.corregible is not None
        else None,
        "acuerdos": fm.opciones(list(acuerdos)),
        "contexto": {
            "codigo": codigo,
            "corrige": panel.corregible.id if panel.corregible else None,
            "metodo": apoyo.descripcion
            if isinstance(apoyo, vista_revisiones.ProyeccionMeta)
            else None,
            "parametros": apoyo.parametros
            if isinstance(apoyo, vista_revisiones.ProyeccionMeta)
            else None,
            "propuesta": abierta.id if abierta else None,
            "version": abierta.version if abierta else None,
        },
    }


def _refrescar(respuesta: fm.Respuesta, refresco: int | None) -> Any:
    return (refresco or 0) + 1 if respuesta.estado == "guardado" else dash.no_update


@callback(
    output={
        "resultado": Output(f"{R}-proponer-resultado", "children"),
        "token": Output(f"{R}-proponer-token", "data"),
        "refresco": Output(f"{R}-refresco", "data", allow_duplicate=True),
    },
    inputs={
        "_n": Input(f"{R}-proponer", "n_clicks"),
        "contexto": State(f"{R}-contexto", "data"),
        "valores": State({"type": ui_revisiones.TIPO_PERIODO, "periodo": ALL}, "value"),
        "ids": State({"type": ui_revisiones.TIPO_PERIODO, "periodo": ALL}, "id"),
        "justificacion": State(f"{R}-justificacion", "value"),
        "usa_proyeccion": State(f"{R}-usa-proyeccion", "value"),
        "acuerdo": State(f"{R}-acuerdo", "value"),
        "token": State(f"{R}-proponer-token", "data"),
        "refresco": State(f"{R}-refresco", "data"),
    },
    running=fm.mientras_guarda(f"{R}-proponer"),
    prevent_initial_call=True,
)
def proponer_revision(
    _n: int | None,
    contexto: dict[str, Any] | None,
    valores: list[Any] | None,
    ids: list[dict[str, Any]] | None,
    justificacion: str | None,
    usa_proyeccion: bool | None,
    acuerdo: Any,
    token: Any,
    refresco: int | None,
) -> dict[str, Any]:
    """Send a target revision proposal (guarded, idempotent write; the service checks who)."""
    contexto = contexto or {}
    metas = {
        str(i.get("periodo")): v
        for i, v in zip(ids or [], valores or [], strict=False)
        if v is not None and v != ""
    }

    def accion(s: Any, actor: Alcance) -> str:
        propuesta = servicio_revisiones.proponer(
            s,
            str(contexto.get("codigo") or ""),
            metas,
            justificacion=justificacion or "",
            metodo_proyeccion=contexto.get("metodo") if usa_proyeccion else None,
            parametros_proyeccion=contexto.get("parametros") if usa_proyeccion else None,
            acuerdo_id=int(acuerdo) if acuerdo not in (None, "") else None,
            corrige_id=contexto.get("corrige"),
            actor=actor,
        )
        return f"Propuesta {propuesta.id} enviada: espera la opinión metodológica de la DIGER."

    respuesta = fm.escribir(accion, token=token, formulario="revision_meta_proponer")
    nuevo_token, _ = fm.tras_guardar(respuesta, {})
    return {
        "resultado": respuesta.alerta,
        "token": nuevo_token,
        "refresco": _refrescar(respuesta, refresco),
    }


@callback(
    output={
        "resultado": Output(f"{R}-opinar-resultado", "children"),
        "token": Output(f"{R}-opinar-token", "data"),
        "refresco": Output(f"{R}-refresco", "data", allow_duplicate=True),
    },
    inputs={
        "_n": Input(f"{R}-opinar", "n_clicks"),
        "contexto": State(f"{R}-contexto", "data"),
        "opinion": State(f"{R}-opinion", "value"),
        "texto": State(f"{R}-opinion-texto", "value"),
        "token": State(f"{R}-opinar-token", "data"),
        "refresco": State(f"{R}-refresco", "data"),
    },
    running=fm.mientras_guarda(f"{R}-opinar"),
    prevent_initial_call=True,
)
def opinar_revision(
    _n: int | None,
    contexto: dict[str, Any] | None,
    opinion: str | None,
    texto: str | None,
    token: Any,
    refresco: int | None,
) -> dict[str, Any]:
    """Record the analyst's methodological opinion on the open proposal."""
    contexto = contexto or {}

    def accion(s: Any, actor: Alcance) -> str:
        servicio_revisiones.opinar(
            s,
            contexto.get("propuesta"),  # type: ignore[arg-type]
            opinion=opinion or "",
            texto=texto or "",
            version=contexto.get("version"),
            actor=actor,
        )
        return "Opinión registrada: la propuesta pasa a la decisión del nivel político."

    respuesta = fm.escribir(accion, token=token, formulario="revision_meta_opinion")
    nuevo_token, _ = fm.tras_guardar(respuesta, {})
    return {
        "resultado": respuesta.alerta,
        "token": nuevo_token,
        "refresco": _refrescar(respuesta, refresco),
    }


#: The decision each button sends.
BOTONES_DECISION = {
    f"{R}-aprobar": "aprobar",
    f"{R}-devolver": "devolver",
    f"{R}-rechazar": "rechazar",
}


@callback(
    output={
        "resultado": Output(f"{R}-decidir-resultado", "children"),
        "token": Output(f"{R}-decidir-token", "data"),
        "refresco": Output(f"{R}-refresco", "data", allow_duplicate=True),
    },
    inputs={
        "_aprobar": Input(f"{R}-aprobar", "n_clicks"),
        "_devolver": Input(f"{R}-devolver", "n_clicks"),
        "_rechazar": Input(f"{R}-rechazar", "n_clicks"),
        "contexto": State(f"{R}-contexto", "data"),
        "nota": State(f"{R}-decision-nota", "value"),
        "token": State(f"{R}-decidir-token", "data"),
        "refresco": State(f"{R}-refresco", "data"),
    },
    running=[
        *fm.mientras_guarda(f"{R}-aprobar"),
        *fm.mientras_guarda(f"{R}-devolver"),
        *fm.mientras_guarda(f"{R}-rechazar"),
    ],
    prevent_initial_call=True,
)
def decidir_revision(
    _aprobar: int | None,
    _devolver: int | None,
    _rechazar: int | None,
    contexto: dict[str, Any] | None,
    nota: str | None,
    token: Any,
    refresco: int | None,
    decision: str | None = None,
) -> dict[str, Any]:
    """Approve, return or reject the open proposal (the button pressed says which)."""
    contexto = contexto or {}
    elegida = decision or BOTONES_DECISION.get(str(ctx.triggered_id), "")
    palabras = {"aprobar": "aprobada", "devolver": "devuelta", "rechazar": "rechazada"}

    def accion(s: Any, actor: Alcance) -> str:
        propuesta = servicio_revisiones.decidir(
            s,
            contexto.get("propuesta"),  # type: ignore[arg-type]
            elegida,
            nota=nota or "",
            version=contexto.get("version"),
            actor=actor,
        )
        return f"Propuesta {propuesta.id} {palabras.get(elegida, elegida)}."

    respuesta = fm.escribir(accion, token=token, formulario="revision_meta_decision")
    nuevo_token, _ = fm.tras_guardar(respuesta, {})
    return {
        "resultado": respuesta.alerta,
        "token": nuevo_token,
        "refresco": _refrescar(respuesta, refresco),
    }
