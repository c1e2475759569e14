"""Productos de la mesa (``/mesas/<sector>/productos``): the seven products of the guidelines for
a year, with their documents, and the forms that add to them.

Shows, for the chosen year, each product (diagnóstico sectorial, marco de resultados,
programación, cuellos de botella, estrategias, mecanismos de información, informes de avance)
with its state and every version of its document (newest first, each a download through
``/descargas/productos/<clave>``). Users who write in the mesa also get an upload form (PDF, DOCX
or XLSX, at most 10 MB, checked by content; a new version keeps the earlier ones) and a button
that generates the informe de avance of a quarter and keeps it as a new version of «Informes de
avance». Users who see the mesa only in figures get a refusal. Both writes go through the
services, which check the permission themselves (a forged sector is refused), with submission
tokens (a double click writes once) and the versions the page showed (another upload meanwhile
is reported, nothing written).

URL: ``/mesas/SAL/productos?anio=2026`` (``anio`` default: this year in Honduras).
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import data
from dashboard import evidencias as web_ev
from dashboard.components import evidencia as ui_ev
from dashboard.components import formularios as fm
from dashboard.components import productos as ui
from data_layer import informes, permisos
from data_layer.auth import Alcance
from data_layer.errores import ErrorDeDatos
from data_layer.mesas import productos, registros, servicio
from data_layer.mesas.contenido import nombre_mesa

dash.register_page(
    __name__,
    path_template="/mesas/<sector>/productos",
    name="Productos de la mesa",
    title="Productos de la mesa | SIGPRET",
    # Before /mesas/<sector> (order 21), which would also match "SAL/productos".
    order=19,
    description="Productos de la mesa sectorial por año y sus documentos.",
)

P = "mesa-productos"
#: Years offered: this one and the previous ones.
ANIOS = 4


def _anio(valor: Any) -> int:
    hoy = data.hoy_honduras().year
    try:
        anio = int(str(valor))
    except (TypeError, ValueError):
        return hoy
    return anio if hoy - ANIOS < anio <= hoy else hoy


def layout(sector: str | None = None, anio: str | None = None, **_kwargs: Any) -> html.Div:
    """The page skeleton (no data).

    Args:
        sector: the mesa's sector code, from the path.
        anio: the year (query parameter), checked in the callbacks.
    """
    hoy = data.hoy_honduras().year
    return html.Div(
        [
            dcc.Store(id=f"{P}-params", data={"sector": sector}),
            dcc.Store(id=f"{P}-vistas", data={}),
            dcc.Store(id=f"{P}-refresco", data=0),
            fm.campo_token(f"{P}-token"),
            fm.campo_token(f"{P}-token-informe"),
            html.Div(id=f"{P}-volver", className="small mb-1"),
            html.H1("Productos de la mesa", className="h3"),
            html.P(id=f"{P}-mesa", className="text-muted"),
            html.Div(
                [
                    dbc.Label("Año", html_for=f"{P}-anio", className="fw-semibold me-2"),
                    dbc.Select(
                        id=f"{P}-anio",
                        options=[
                            {"label": str(a), "value": str(a)} for a in range(hoy, hoy - ANIOS, -1)
                        ],
                        value=str(_anio(anio)),
                        style={"maxWidth": "8rem"},
                    ),
                ],
                className="d-flex align-items-center mb-3",
            ),
            html.Div(id=f"{P}-permiso"),
            dbc.Row(
                [
                    dbc.Col(dcc.Loading(html.Div(id=f"{P}-lista")), lg=7),
                    dbc.Col(
                        html.Div(
                            id=f"{P}-formularios",
                            hidden=True,
                            children=[
                                dbc.Card(
                                    dbc.CardBody(
                                        [
                                            html.H2("Subir un documento", className="h5"),
                                            fm.campo(
                                                "Producto",
                                                dbc.Select(
                                                    id=f"{P}-tipo",
                                                    options=fm.opciones(
                                                        [
                                                            (t.value, e)
                                                            for t, e in productos.ETIQUETAS.items()
                                                        ]
                                                    ),
                                                    value="diagnostico_sectorial",
                                                ),
                                            ),
                                            fm.campo(
                                                "Archivo (PDF, DOCX o XLSX; máx. 10 MB)",
                                                ui_ev.subida_de_evidencia(
                                                    f"{P}-evidencia",
                                                    texto="Arrastre o seleccione un archivo",
                                                    extensiones=".pdf,.docx,.xlsx",
                                                ),
                                                "Una versión nueva no borra las anteriores.",
                                            ),
                                            html.Div(id=f"{P}-archivo", className="small mb-2"),
                                            fm.campo(
                                                "Nota de la versión (opcional)",
                                                dbc.Input(id=f"{P}-nota", maxLength=500),
                                            ),
                                            dbc.Button("Subir", id=f"{P}-subir", color="primary"),
                                            html.Div(id=f"{P}-resultado", role="status"),
                                        ]
                                    ),
                                    className="mb-3",
                                ),
                                dbc.Card(
                                    dbc.CardBody(
                                        [
                                            html.H2("Informe de avance", className="h5"),
                                            html.P(
                                                "Genera el PDF del trimestre (metas, indicadores "
                                                "en rojo y amarillo con sus explicaciones, "
                                                "acuerdos, cuellos de botella y estrategias) y lo "
                                                "guarda como versión nueva de «Informes de "
                                                "avance».",
                                                className="small",
                                            ),
                                            fm.campo(
                                                "Trimestre",
                                                dbc.Select(id=f"{P}-periodo"),
                                            ),
                                            dbc.Button(
                                                "Generar informe de avance",
                                                id=f"{P}-generar",
                                                color="primary",
                                                outline=True,
                                            ),
                                            html.Div(id=f"{P}-resultado-informe", role="status"),
                                        ]
                                    )
                                ),
                            ],
                        ),
                        lg=5,
                    ),
                ]
            ),
        ]
    )


@callback(
    output={
        "volver": Output(f"{P}-volver", "children"),
        "mesa": Output(f"{P}-mesa", "children"),
        "permiso": Output(f"{P}-permiso", "children"),
        "lista": Output(f"{P}-lista", "children"),
        "formularios": Output(f"{P}-formularios", "hidden"),
        "vistas": Output(f"{P}-vistas", "data"),
        "periodos": Output(f"{P}-periodo", "options"),
        "periodo": Output(f"{P}-periodo", "value"),
    },
    inputs={
        "params": Input(f"{P}-params", "data"),
        "anio": Input(f"{P}-anio", "value"),
        "_r": Input(f"{P}-refresco", "data"),
    },
)
def mostrar(params: dict[str, Any] | None, anio: str | None, _r: int | None) -> dict[str, Any]:
    """The mesa's products of the year, and the forms only to users who may write in it."""
    sector = str((params or {}).get("sector") or "")
    year = _anio(anio)
    actor = data.alcance_actual()
    vacio: dict[str, Any] = {
        "volver": None,
        "mesa": "",
        "lista": None,
        "formularios": True,
        "vistas": {},
        "periodos": [],
        "periodo": None,
    }
    with data.sesion_lectura() as s:
        mesa = registros.mesa_de_sector(s, sector)
        nombre = nombre_mesa(mesa) if mesa else None
        filas = productos.productos_del_anio(s, sector, year, actor=actor) if mesa else None
    if nombre is None:
        return {**vacio, "permiso": fm.alerta(f"No existe la mesa del sector «{sector}».")}
    volver = dcc.Link(f"‹ Volver a la {nombre}", href=f"/mesas/{sector}")
    if filas is None:
        return {
            **vacio,
            "volver": volver,
            "mesa": nombre,
            "permiso": fm.alerta(productos.SIN_PERMISO_VER, "warning"),
        }
    trimestres = [p for p in data.periodos_evaluables(data.mcr()) if p.startswith(f"{year}-T")]
    defecto = data.periodo_efectivo(None)
    return {
        "volver": volver,
        "mesa": nombre,
        "permiso": None,
        "lista": ui.lista(filas, year),
        "formularios": not permisos.puede_subir_producto(actor, sector),
        "vistas": {f.tipo: max((v.numero for v in f.versiones), default=0) for f in filas},
        "periodos": [{"label": p, "value": p} for p in trimestres],
        "periodo": defecto if defecto in trimestres else (trimestres[0] if trimestres else None),
    }


@callback(
    Output(f"{P}-archivo", "children"),
    Input(f"{P}-evidencia", "filename"),
    prevent_initial_call=True,
)
def nombrar_archivo(filename: str | None) -> str:
    """Say which file is chosen (the upload zone keeps its text)."""
    return f"Archivo elegido: {filename}" if filename else ""


@callback(
    output={
        "resultado": Output(f"{P}-resultado", "children"),
        "token": Output(f"{P}-token", "data"),
        "refresco": Output(f"{P}-refresco", "data"),
        "campos": {"nota": Output(f"{P}-nota", "value")},
    },
    inputs={
        "_n": Input(f"{P}-subir", "n_clicks"),
        "params": State(f"{P}-params", "data"),
        "anio": State(f"{P}-anio", "value"),
        "tipo": State(f"{P}-tipo", "value"),
        "contents": State(f"{P}-evidencia", "contents"),
        "filename": State(f"{P}-evidencia", "filename"),
        "nota": State(f"{P}-nota", "value"),
        "vistas": State(f"{P}-vistas", "data"),
        "token": State(f"{P}-token", "data"),
        "refresco": State(f"{P}-refresco", "data"),
    },
    running=fm.mientras_guarda(f"{P}-subir"),
    prevent_initial_call=True,
)
def subir(
    _n: int | None,
    params: dict[str, Any] | None,
    anio: str | None,
    tipo: str | None,
    contents: Any,
    filename: Any,
    nota: str | None,
    vistas: dict[str, Any] | None,
    token: str | None,
    refresco: int | None,
) -> dict[str, Any]:
    """Store the chosen file as a new version of the product (guarded, idempotent write)."""
    sector = str((params or {}).get("sector") or "")

    def accion(s: Any, actor: Alcance) -> str:
        if not contents:
            raise servicio.ErrorMesa("Elija el archivo que va a subir.")
        subida = web_ev.ev.desde_upload(contents, filename, maximo=web_ev.maximo())
        documento = productos.subir_documento(
            s,
            sector,
            tipo=tipo or "",
            anio=_anio(anio),
            nombre=subida.nombre,
            contenido=subida.contenido,
            actor=actor,
            versiones_vistas=int((vistas or {}).get(tipo or "", 0)),
            nota=nota,
            carpeta=web_ev.carpeta(),
            maximo=web_ev.maximo(),
        )
        return f"Documento guardado como versión {documento.numero}."

    respuesta = fm.escribir(accion, token=token, formulario="producto_documento")
    nuevo_token, campos = fm.tras_guardar(respuesta, {"nota": ""})
    return {
        "resultado": respuesta.alerta,
        "token": nuevo_token,
        "refresco": (refresco or 0) + 1 if respuesta.guardado else dash.no_update,
        "campos": campos,
    }


@callback(
    output={
        "resultado": Output(f"{P}-resultado-informe", "children"),
        "token": Output(f"{P}-token-informe", "data"),
        "refresco": Output(f"{P}-refresco", "data", allow_duplicate=True),
    },
    inputs={
        "_n": Input(f"{P}-generar", "n_clicks"),
        "params": State(f"{P}-params", "data"),
        "periodo": State(f"{P}-periodo", "value"),
        "token": State(f"{P}-token-informe", "data"),
        "refresco": State(f"{P}-refresco", "data"),
    },
    running=fm.mientras_guarda(f"{P}-generar"),
    prevent_initial_call=True,
)
def generar(
    _n: int | None,
    params: dict[str, Any] | None,
    periodo: str | None,
    token: str | None,
    refresco: int | None,
) -> dict[str, Any]:
    """Generate the quarter's informe de avance and keep it as a product version.

    The PDF is computed first in a read session (the engine's evaluation takes seconds); the
    write session, which on SQLite holds the database's write lock, only claims the token and
    stores the file and its version.
    """
    sector = str((params or {}).get("sector") or "")
    creado: dict[str, str] = {}
    contenido: bytes | None = None
    fallo: ErrorDeDatos | None = None
    hoy = data.hoy_honduras()
    if periodo:
        try:
            with data.sesion_lectura() as s:
                contenido = informes.informe_avance_pdf(
                    s,
                    sector,
                    periodo,
                    actor=data.alcance_actual(),
                    reglas=data.reglas(),
                    hoy=hoy,
                    resultado=data.resultado(periodo, hoy)
                    if periodo in data.periodos_evaluables(data.mcr())
                    else None,
                )
        except ErrorDeDatos as exc:
            fallo = exc

    def accion(s: Any, actor: Alcance) -> str:
        if not periodo:
            raise servicio.ErrorMesa("Elija el trimestre del informe.")
        if fallo is not None or contenido is None:
            raise fallo or servicio.ErrorMesa(permisos.SIN_PERMISO_PRODUCTO)
        documento = informes.guardar_informe_avance(
            s, sector, periodo, contenido, actor=actor, hoy=hoy, carpeta=web_ev.carpeta()
        )
        creado["href"] = productos.ruta_descarga(documento.clave)
        return f"Informe de avance {periodo} guardado como versión {documento.numero}."

    respuesta = fm.escribir(accion, token=token, formulario="informe_avance")
    nuevo_token, _ = fm.tras_guardar(respuesta, {})
    resultado: Any = respuesta.alerta
    if "href" in creado and respuesta.estado == "guardado":
        resultado = html.Div(
            [
                respuesta.alerta,
                html.A(
                    "Descargar el informe (PDF)",
                    href=creado["href"],
                    id=f"{P}-descargar-informe",
                    className="btn btn-outline-secondary btn-sm",
                ),
            ]
        )
    return {
        "resultado": resultado,
        "token": nuevo_token,
        "refresco": (refresco or 0) + 1 if respuesta.guardado else dash.no_update,
    }
