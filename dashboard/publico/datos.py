"""Open data under ``/publico/datos`` (issue #14, item 3): stable URLs of each published edition.

``/publico/datos`` — the catalogue; ``/publico/datos/diccionario`` (and ``.csv``, ``.json``) — the
data dictionary; ``/publico/datos/<periodo>/<edicion>/<tabla>.csv|.json`` — one table of one
edition; ``/publico/datos/<periodo>/<edicion>/instantanea.json`` — the whole snapshot. An
edition's files never change; a withdrawn edition's answer 410.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, render_template

from dashboard.publico import comun
from dashboard.publico.paginas import error_publico
from data_layer.publicacion import consultas, datos_abiertos

bp = Blueprint("publico_datos", __name__, url_prefix="/publico/datos")

_TIPOS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@bp.context_processor
def _formato() -> dict[str, Any]:
    return comun.contexto_formato()


def _archivo(cuerpo: bytes, formato: str, nombre: str, huella: str) -> Response:
    respuesta = Response(cuerpo, mimetype=_TIPOS[formato].split(";")[0])
    respuesta.headers["Content-Type"] = _TIPOS[formato]
    respuesta.headers["Content-Disposition"] = f'inline; filename="{nombre}"'
    respuesta.headers["Access-Control-Allow-Origin"] = "*"
    return comun.cacheable(respuesta, huella, comun.MAX_AGE_DATOS)


@bp.route("")
@bp.route("/")
def catalogo() -> Response:
    """Every published edition's files, the dictionary and the licence."""
    with comun.sesion() as s:
        publicadas = consultas.publicadas(s)
        ediciones = {p.periodo: consultas.ediciones_de(s, p.periodo) for p in publicadas}
    respuesta = Response(
        render_template(
            "publico/datos.html",
            titulo="Datos abiertos",
            publicadas=publicadas,
            ediciones=ediciones,
            tablas=datos_abiertos.TABLAS,
            licencia=datos_abiertos.LICENCIA,
            licencia_url=datos_abiertos.LICENCIA_URL,
        )
    )
    huella = "-".join(p.huella[:8] for p in publicadas) or "vacio"
    return comun.cacheable(respuesta, huella, comun.MAX_AGE_PAGINA)


@bp.route("/diccionario")
def diccionario() -> Response:
    """The data dictionary, readable."""
    respuesta = Response(
        render_template(
            "publico/diccionario.html",
            titulo="Diccionario de datos",
            tablas=datos_abiertos.diccionario(),
            licencia=datos_abiertos.LICENCIA,
            licencia_url=datos_abiertos.LICENCIA_URL,
        )
    )
    return comun.cacheable(respuesta, "diccionario-1", comun.MAX_AGE_DATOS)


@bp.route("/diccionario.<formato>")
def diccionario_archivo(formato: str) -> Response:
    """The data dictionary as CSV or JSON."""
    if formato == "csv":
        cuerpo = datos_abiertos.csv_diccionario()
    elif formato == "json":
        documento = {
            "fuente": datos_abiertos.FUENTE,
            "licencia": datos_abiertos.LICENCIA,
            "licencia_url": datos_abiertos.LICENCIA_URL,
            "tablas": datos_abiertos.diccionario(),
        }
        cuerpo = json.dumps(documento, ensure_ascii=False, indent=1).encode("utf-8")
    else:
        abort(404)
    return _archivo(cuerpo, formato, f"diccionario.{formato}", "diccionario-1")


@bp.route("/<periodo>/<int:numero>/<nombre>.<formato>")
def archivo(periodo: str, numero: int, nombre: str, formato: str) -> Response:
    """One table of one edition (CSV or JSON), or its whole snapshot (``instantanea.json``)."""
    if formato not in _TIPOS:
        abort(404)
    with comun.sesion() as s:
        edicion = comun.cargar(s, periodo, numero)
        datos = comun.contenido(s, edicion)
    meta = datos_abiertos.metadatos(edicion)
    archivo_nombre = f"sigpret_{edicion.periodo}_ed{edicion.edicion}_{nombre}.{formato}"
    if nombre == "instantanea" and formato == "json":
        cuerpo = json.dumps(
            {"metadatos": meta, "instantanea": datos}, ensure_ascii=False, indent=1
        ).encode("utf-8")
    elif nombre in datos_abiertos.POR_NOMBRE:
        if formato == "csv":
            cuerpo = datos_abiertos.csv_tabla(datos, nombre)
        else:
            cuerpo = datos_abiertos.json_tabla(datos, nombre, meta)
    else:
        abort(404)
    return _archivo(cuerpo, formato, archivo_nombre, edicion.huella)


def _manejador(codigo: int) -> Any:
    def manejar(_error: Exception) -> Response:
        return error_publico(codigo)

    return manejar


for _codigo in (404, 410, 429):
    bp.register_error_handler(_codigo, _manejador(_codigo))
