"""``GET /salud``: the load balancer's health check (no login, no data).

200 while the database answers (``ok`` or ``degradado``), 503 when it does not (``falla``);
the body says which service is the problem (:mod:`data_layer.salud`). The front door lets it
through without a session (:func:`dashboard.peticiones.es_ruta_de_salud`) and it is never
cached (``Cache-Control: no-store``, like every non-asset answer).
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, jsonify

from data_layer import salud
from data_layer.config import Settings


def registrar(server: Flask, settings: Settings) -> None:
    """Serve ``/salud`` on ``server`` for ``settings``' database and Redis."""
    bp = Blueprint("salud", __name__)

    @bp.get("/salud")
    def estado() -> Response:
        resultado = salud.revisar(settings.database_url, settings.redis_url)
        respuesta = jsonify(resultado.como_dict())
        respuesta.status_code = 503 if resultado.estado == salud.FALLA else 200
        return respuesta

    server.register_blueprint(bp)
