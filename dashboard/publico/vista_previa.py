"""The analysts' preview of a quarter before it is published (issue #14, item 1).

``/publicacion/vista-previa/<periodo>`` renders the portal's quarter page from a snapshot built
now (:func:`data_layer.publicacion.servicio.preparar`), not stored: exactly what «Publicar»
would publish if the data do not change, with its huella. Behind the login, for the roles that
may publish (the service checks); never cached.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template
from flask_login import current_user

from dashboard import data
from dashboard.publico import comun
from data_layer.publicacion import servicio

bp = Blueprint("publico_vista_previa", __name__, url_prefix="/publicacion")


@bp.context_processor
def _formato() -> dict[str, Any]:
    return comun.contexto_formato()


@bp.route("/vista-previa/<periodo>")
def vista_previa(periodo: str) -> Response:
    """The quarter page as it would be published now."""
    alcance = getattr(current_user, "alcance", None)
    try:
        with comun.sesion() as s:
            preparada = servicio.preparar(s, periodo, actor=alcance, reglas=data.reglas())
    except servicio.ErrorPublicacion as exc:
        respuesta = Response(
            render_template(
                "publico/error.html", titulo="Vista previa", texto=str(exc), codigo=403
            ),
            status=403,
        )
        return respuesta
    return Response(
        render_template(
            "publico/trimestre.html",
            titulo=f"Vista previa: {preparada.periodo}",
            ed=None,
            i=preparada.contenido,
            ediciones=[],
            ultima=None,
            anterior=None,
            vista_previa=preparada,
        )
    )
