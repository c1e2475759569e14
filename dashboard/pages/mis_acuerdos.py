"""Mis acuerdos (``/mis-acuerdos``): what the mesas asked of the user's institution.

For a UPGRET user (:func:`data_layer.permisos.ve_mis_acuerdos`): the acuerdos its institutions
are responsible for in any mesa (mesa, session, text, person, due date, status badge, follow-up
notes), a form to report one's progress (en proceso, cumplido with evidence, or a note), and the
convocatorias and distributed ayudas memoria of the mesas the institution takes part in. Other
roles get only a message (the navbar shows the link to ``upgret`` users only). No URL
parameters.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import data
from dashboard.components import formularios as fm
from dashboard.components import mis_acuerdos as ui
from data_layer import permisos
from data_layer.vistas import mis_acuerdos as vm

dash.register_page(
    __name__,
    path="/mis-acuerdos",
    name="Mis acuerdos",
    title="Mis acuerdos | SIGPRET",
    description="Acuerdos de las mesas asignados a su institución, y sus actas y convocatorias.",
    order=6,
    roles=("upgret",),
)


def layout(**_kwargs: Any) -> html.Div:
    """The page skeleton; the lists arrive through :func:`cargar`."""
    titulo = html.H1("Mis acuerdos", className="pagina-titulo")
    a = data.alcance_actual()
    if a is not None and not permisos.ve_mis_acuerdos(a):
        return html.Div(
            [titulo, dbc.Alert(permisos.SIN_PERMISO_MIS_ACUERDOS, color="danger", className="mt-3")]
        )
    return html.Div(
        [
            dcc.Store(id=ui.REFRESCO, data=0),
            dcc.Store(id=ui.VERSIONES, data={}),
            titulo,
            html.P(
                "Los acuerdos que las mesas sectoriales asignaron a su institución: informe aquí "
                "en qué van, con una nota y su evidencia. Abajo, las convocatorias y ayudas "
                "memoria de las mesas en que participa.",
                className="pagina-subtitulo mb-2",
            ),
            html.P(id=ui.RESUMEN, className="fw-semibold"),
            html.Div(id=ui.MENSAJE),
            dbc.Row(
                [
                    dbc.Col(
                        html.Section(
                            [
                                html.H2("Acuerdos asignados", className="seccion-titulo"),
                                dcc.Loading(html.Div(id=ui.LISTA), delay_show=300),
                            ],
                            className="mb-4",
                        ),
                        xl=7,
                    ),
                    dbc.Col(ui.formulario(), xl=5),
                ],
                className="g-3",
            ),
            html.Section(
                [
                    html.H2("Convocatorias y ayudas memoria", className="seccion-titulo"),
                    html.Div(id=ui.DOCUMENTOS),
                ],
                className="mb-4",
            ),
        ]
    )


@callback(
    output={
        "resumen": Output(ui.RESUMEN, "children"),
        "lista": Output(ui.LISTA, "children"),
        "documentos": Output(ui.DOCUMENTOS, "children"),
        "opciones": Output(ui.ACUERDO, "options"),
        "versiones": Output(ui.VERSIONES, "data"),
    },
    inputs={"_refresco": Input(ui.REFRESCO, "data")},
)
def cargar(_refresco: Any) -> dict[str, Any]:
    """The user's acuerdos, the form's options with the versions shown, and the documents."""
    with data.sesion_lectura() as s:
        vista = vm.mis_acuerdos(s, data.alcance_actual(), data.hoy_honduras())
    if vista is None:
        return {"resumen": "", "lista": [], "documentos": [], "opciones": [], "versiones": {}}
    return {
        "resumen": ui.resumen(vista),
        "lista": [ui.tarjeta(f) for f in vista.acuerdos],
        "documentos": ui.tabla_documentos(vista.documentos),
        "opciones": ui.opciones(vista),
        "versiones": {str(f.id): f.version for f in vista.acuerdos},
    }


@callback(
    output={
        "resultado": Output(ui.RESULTADO, "children"),
        "token": Output(ui.TOKEN, "data"),
        "refresco": Output(ui.REFRESCO, "data"),
        "acuerdo": Output(ui.ACUERDO, "value"),
        "estado": Output(ui.ESTADO, "value"),
        "nota": Output(ui.NOTA, "value"),
        "enlace": Output(ui.ENLACE, "value"),
        "archivo": Output(ui.SUBIDA, "contents"),
    },
    inputs={
        "_clic": Input(ui.BOTON, "n_clicks"),
        "acuerdo": State(ui.ACUERDO, "value"),
        "estado": State(ui.ESTADO, "value"),
        "nota": State(ui.NOTA, "value"),
        "enlace": State(ui.ENLACE, "value"),
        "contents": State(ui.SUBIDA, "contents"),
        "filename": State(ui.SUBIDA, "filename"),
        "versiones": State(ui.VERSIONES, "data"),
        "token": State(ui.TOKEN, "data"),
        "refresco": State(ui.REFRESCO, "data"),
    },
    running=fm.mientras_guarda(ui.BOTON),
    prevent_initial_call=True,
)
def informar(
    _clic: Any,
    acuerdo: Any,
    estado: Any,
    nota: Any,
    enlace: Any,
    contents: Any,
    filename: Any,
    versiones: Any,
    token: Any,
    refresco: Any,
) -> dict[str, Any]:
    """Report on the chosen acuerdo; after a save the form empties and the list reloads."""
    respuesta = ui.informar(acuerdo, estado, nota, enlace, contents, filename, versiones, token)
    nuevo_token, campos = fm.tras_guardar(respuesta, {**ui.VACIOS, "archivo": None})
    recargar = respuesta.guardado or respuesta.actual is not None
    return {
        "resultado": respuesta.alerta,
        "token": nuevo_token,
        "refresco": (refresco or 0) + 1 if recargar else dash.no_update,
        **campos,
    }
