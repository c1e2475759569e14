"""The read-only JSON API of published snapshots (issue #14, item 3): ``/api/publico/v1``.

It answers from published editions only, with the same tables as the open-data files, caching
headers and an ETag per edition, the licence in every answer, and its OpenAPI 3.1 description
at ``/api/publico/v1/openapi.json``. Errors are JSON ``{"error": "…"}`` in Spanish.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from flask import Blueprint, Response, abort, request
from werkzeug.exceptions import HTTPException

from dashboard.publico import comun
from data_layer.publicacion import cambios, consultas, datos_abiertos

PREFIJO = "/api/publico/v1"
bp = Blueprint("publico_api", __name__, url_prefix=PREFIJO)

_ERRORES = {
    405: "Esta API solo admite GET.",
    404: "No existe: revise el trimestre, la edición o la tabla.",
    410: "Esa edición fue retirada del portal por la DIGER.",
    429: "Demasiadas solicitudes desde su dirección: espere un minuto.",
}


def _json(documento: Any, estado: int = 200) -> Response:
    cuerpo = json.dumps(documento, ensure_ascii=False, indent=1)
    respuesta = Response(cuerpo, status=estado, mimetype="application/json")
    respuesta.headers["Access-Control-Allow-Origin"] = "*"
    return respuesta


def _cacheable(documento: Any, huella: str, max_age: int = comun.MAX_AGE_DATOS) -> Response:
    return comun.cacheable(_json(documento), huella, max_age)


def _enlaces(periodo: str, edicion: int) -> dict[str, Any]:
    base = f"/publico/datos/{periodo}/{edicion}"
    return {
        "portal": f"/publico/{periodo}?edicion={edicion}",
        "api": f"{PREFIJO}/publicaciones/{periodo}?edicion={edicion}",
        "instantanea_json": f"{base}/instantanea.json",
        "tablas": {
            t.nombre: {"csv": f"{base}/{t.nombre}.csv", "json": f"{base}/{t.nombre}.json"}
            for t in datos_abiertos.TABLAS
        },
    }


@bp.route("")
@bp.route("/")
def indice() -> Response:
    """What the API offers."""
    return _cacheable(
        {
            "descripcion": "API de solo lectura de los resultados publicados por la DIGER.",
            "openapi": f"{PREFIJO}/openapi.json",
            "publicaciones": f"{PREFIJO}/publicaciones",
            "cambios": f"{PREFIJO}/cambios",
            "diccionario": "/publico/datos/diccionario.json",
            "licencia": datos_abiertos.LICENCIA,
            "licencia_url": datos_abiertos.LICENCIA_URL,
        },
        "indice-1",
    )


@bp.route("/publicaciones")
def publicaciones() -> Response:
    """The current edition of every published quarter, latest first."""
    with comun.sesion() as s:
        publicadas = consultas.publicadas(s)
        filas = [
            {
                **datos_abiertos.metadatos(p),
                "nacional": {
                    k: comun.contenido(s, p)["nacional"][k]
                    for k in ("avance", "semaforo", "n_metas", "conteos")
                },
                "enlaces": _enlaces(p.periodo, p.edicion),
            }
            for p in publicadas
        ]
    huella = "-".join(p.huella[:8] for p in publicadas) or "vacio"
    return _cacheable(
        {"licencia": datos_abiertos.LICENCIA, "publicaciones": filas},
        huella,
        comun.MAX_AGE_PAGINA,
    )


@bp.route("/publicaciones/<periodo>")
def publicacion(periodo: str) -> Response:
    """One published quarter's snapshot (current edition, or ``?edicion=N``)."""
    with comun.sesion() as s:
        edicion = comun.cargar(s, periodo, comun.edicion_pedida())
        datos = comun.contenido(s, edicion)
    return _cacheable(
        {
            "metadatos": datos_abiertos.metadatos(edicion),
            "enlaces": _enlaces(edicion.periodo, edicion.edicion),
            "instantanea": datos,
        },
        edicion.huella,
    )


@bp.route("/publicaciones/<periodo>/tablas/<tabla>")
def tabla(periodo: str, tabla: str) -> Response:
    """One open-data table of a published quarter (current edition, or ``?edicion=N``)."""
    if tabla not in datos_abiertos.POR_NOMBRE:
        abort(404)
    with comun.sesion() as s:
        edicion = comun.cargar(s, periodo, comun.edicion_pedida())
        datos = comun.contenido(s, edicion)
    return _cacheable(
        {
            "metadatos": datos_abiertos.metadatos(edicion),
            "tabla": tabla,
            "filas": datos_abiertos.filas(datos, tabla),
        },
        f"{edicion.huella}-{tabla}",
    )


@bp.route("/cambios")
def cambios_entre() -> Response:
    """Goals, ejes and sectors whose state changed between two published quarters
    (``desde``, ``hasta``; default the two latest)."""
    with comun.sesion() as s:
        publicadas = consultas.publicadas(s)
        por_periodo = {p.periodo: p for p in publicadas}
        periodos = [p.periodo for p in publicadas]
        hasta = request.args.get("hasta") or (periodos[0] if periodos else "")
        desde = request.args.get("desde") or (periodos[1] if len(periodos) > 1 else "")
        if desde not in por_periodo or hasta not in por_periodo:
            abort(404)
        a, b = por_periodo[desde], por_periodo[hasta]
        lista = cambios.cambios(comun.contenido(s, a), comun.contenido(s, b))
    return _cacheable(
        {
            "desde": datos_abiertos.metadatos(a),
            "hasta": datos_abiertos.metadatos(b),
            "resumen": cambios.resumen(lista),
            "cambios": [dataclasses.asdict(c) for c in lista],
        },
        f"{a.huella[:16]}-{b.huella[:16]}",
    )


@bp.route("/openapi.json")
def openapi() -> Response:
    """The API's OpenAPI 3.1 description."""
    return _cacheable(descripcion_openapi(), "openapi-1", comun.MAX_AGE_DATOS)


@bp.route("/<path:resto>")
def no_existe(resto: str) -> Response:
    """Anything else under the API: a JSON 404."""
    abort(404)


def _error(error: HTTPException) -> Response:
    codigo = error.code or 500
    respuesta = _json({"error": _ERRORES.get(codigo, "Solicitud no válida.")}, codigo)
    if codigo == 429:
        respuesta.headers["Retry-After"] = "60"
    return respuesta


# By code: Flask prefers the app's handler of a code to a blueprint's handler of a class.
for _codigo in (400, 404, 405, 410, 429):
    bp.register_error_handler(_codigo, _error)


def _parametro(nombre: str, descripcion: str, en: str = "query", requerido: bool = False) -> dict:
    return {
        "name": nombre,
        "in": en,
        "required": requerido,
        "description": descripcion,
        "schema": {"type": "integer" if nombre == "edicion" else "string"},
    }


def descripcion_openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document of this API (kept next to the routes it describes)."""
    periodo = _parametro("periodo", "Trimestre publicado, p. ej. 2026-T3.", "path", True)
    edicion = _parametro("edicion", "Edición del trimestre (por defecto la vigente).")
    errores = {
        "404": {"description": "No existe.", "content": {"application/json": {}}},
        "410": {"description": "Edición retirada.", "content": {"application/json": {}}},
        "429": {"description": "Demasiadas solicitudes.", "content": {"application/json": {}}},
    }
    ok = {"200": {"description": "JSON", "content": {"application/json": {}}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "SIGPRET — API pública de resultados",
            "version": "1",
            "description": (
                "Resultados trimestrales publicados por la DIGER (solo instantáneas publicadas). "
                + datos_abiertos.LICENCIA
            ),
            "license": {"name": "CC BY 4.0", "url": datos_abiertos.LICENCIA_URL},
        },
        "servers": [{"url": PREFIJO}],
        "paths": {
            "/publicaciones": {
                "get": {
                    "summary": "Trimestres publicados (edición vigente de cada uno).",
                    "responses": {**ok, "429": errores["429"]},
                }
            },
            "/publicaciones/{periodo}": {
                "get": {
                    "summary": "Instantánea completa de un trimestre publicado.",
                    "parameters": [periodo, edicion],
                    "responses": {**ok, **errores},
                }
            },
            "/publicaciones/{periodo}/tablas/{tabla}": {
                "get": {
                    "summary": "Una tabla de datos abiertos de un trimestre publicado.",
                    "parameters": [
                        periodo,
                        {
                            "name": "tabla",
                            "in": "path",
                            "required": True,
                            "description": "Nombre de la tabla (ver el diccionario de datos).",
                            "schema": {
                                "type": "string",
                                "enum": [t.nombre for t in datos_abiertos.TABLAS],
                            },
                        },
                        edicion,
                    ],
                    "responses": {**ok, **errores},
                }
            },
            "/cambios": {
                "get": {
                    "summary": "Metas, ejes y sectores que cambiaron de estado entre dos "
                    "trimestres publicados.",
                    "parameters": [
                        _parametro("desde", "Trimestre anterior (por defecto el penúltimo)."),
                        _parametro("hasta", "Trimestre posterior (por defecto el último)."),
                    ],
                    "responses": {**ok, "404": errores["404"], "429": errores["429"]},
                }
            },
            "/openapi.json": {
                "get": {"summary": "Esta descripción.", "responses": ok},
            },
        },
    }
