"""The portal's pages under ``/publico`` (issue #14, items 2 and 4).

``/publico`` — the latest published quarter; ``/publico/<periodo>`` — a quarter (``?edicion=N``
for an earlier edition still published); ``/publico/<periodo>/ejes/<eje>``,
``/publico/<periodo>/sectores``, ``/publico/<periodo>/instituciones?anio=AAAA``;
``/publico/historial``; ``/publico/cambios?desde=P&hasta=P``; ``/publico/metodologia``.
Anything else under ``/publico`` is the portal's own «no encontrada» (never the private app).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template, request

from dashboard.publico import comun
from data_layer import periods
from data_layer.engine.frames import Reglas
from data_layer.publicacion import cambios as cambios_
from data_layer.publicacion import consultas

bp = Blueprint(
    "publico",
    __name__,
    url_prefix="/publico",
    template_folder="../templates",
    static_folder="estatico",
    static_url_path="/estatico",
)


@bp.context_processor
def _formato() -> dict[str, Any]:
    return comun.contexto_formato()


@bp.after_request
def _estaticos(respuesta: Response) -> Response:
    # The stylesheet changes only with a new release of SIGPRET.
    if request.endpoint == "publico.static" and respuesta.status_code == 200:
        respuesta.cache_control.public = True
        respuesta.cache_control.no_cache = None
        respuesta.cache_control.max_age = comun.MAX_AGE_ESTATICOS
    return respuesta


def _pagina(plantilla: str, huella: str, estado: int = 200, **contexto: Any) -> Response:
    respuesta = Response(render_template(plantilla, **contexto), status=estado)
    if estado != 200:
        respuesta.cache_control.public = True
        respuesta.cache_control.max_age = 60
        return respuesta
    return comun.cacheable(respuesta, huella, comun.MAX_AGE_PAGINA)


def _trimestre(periodo: str | None) -> Response:
    with comun.sesion() as s:
        publicadas = consultas.publicadas(s)
        if periodo is None:
            if not publicadas:
                return _pagina(
                    "publico/sin_publicaciones.html", "vacio", titulo="Resultados publicados"
                )
            edicion = publicadas[0]
        else:
            edicion = comun.cargar(s, periodo, comun.edicion_pedida())
        datos = comun.contenido(s, edicion)
        ediciones = consultas.ediciones_de(s, edicion.periodo)
    orden = periods.parse(edicion.periodo).ordinal
    anterior = next((p for p in publicadas if periods.parse(p.periodo).ordinal < orden), None)
    return _pagina(
        "publico/trimestre.html",
        f"{edicion.huella}-{len(publicadas)}-{len(ediciones)}",
        titulo=f"Resultados del trimestre {edicion.periodo}",
        ed=edicion,
        i=datos,
        ediciones=ediciones,
        ultima=publicadas[0] if publicadas else None,
        anterior=anterior,
    )


@bp.route("")
@bp.route("/")
def inicio() -> Response:
    """The latest published quarter."""
    return _trimestre(None)


@bp.route("/<periodo>")
def trimestre(periodo: str) -> Response:
    """A published quarter (its current edition, or ``?edicion=N``)."""
    return _trimestre(periodo)


@bp.route("/<periodo>/ejes/<eje>")
def eje(periodo: str, eje: str) -> Response:
    """One eje of a published quarter: its presidential goals and its sectors."""
    with comun.sesion() as s:
        edicion = comun.cargar(s, periodo, comun.edicion_pedida())
        datos = comun.contenido(s, edicion)
    fila = next((e for e in datos["ejes"] if e["codigo"] == eje), None)
    if fila is None:
        abort(404)
    raiz = eje.split("-")[0]
    metas = [m for m in datos["metas_presidenciales"] if m["eje"] == eje]
    sectores = [
        x
        for x in datos["sectores"]
        if eje in x["ejes"] or (raiz == eje and any(e.startswith(eje + "-") for e in x["ejes"]))
    ]
    return _pagina(
        "publico/eje.html",
        edicion.huella,
        titulo=f"{fila['nombre']} — {edicion.periodo}",
        ed=edicion,
        i=datos,
        eje=fila,
        metas=metas,
        sectores=sectores,
    )


@bp.route("/<periodo>/sectores")
def sectores(periodo: str) -> Response:
    """Every sector of a published quarter."""
    with comun.sesion() as s:
        edicion = comun.cargar(s, periodo, comun.edicion_pedida())
        datos = comun.contenido(s, edicion)
    nombres_eje = {e["codigo"]: e["nombre"] for e in datos["ejes"]}
    return _pagina(
        "publico/sectores.html",
        edicion.huella,
        titulo=f"Avance por sector — {edicion.periodo}",
        ed=edicion,
        i=datos,
        nombres_eje=nombres_eje,
    )


@bp.route("/<periodo>/instituciones")
def instituciones(periodo: str) -> Response:
    """DIGER's yearly evaluation of institutions, as published with a quarter."""
    with comun.sesion() as s:
        edicion = comun.cargar(s, periodo, comun.edicion_pedida())
        datos = comun.contenido(s, edicion)
    anios = [a["anio"] for a in datos["evaluacion_institucional"]]
    pedido = request.args.get("anio", "")
    if pedido and (not pedido.isdigit() or int(pedido) not in anios):
        abort(404)
    anio = int(pedido) if pedido else (anios[-1] if anios else None)
    evaluacion = next((a for a in datos["evaluacion_institucional"] if a["anio"] == anio), None)
    return _pagina(
        "publico/instituciones.html",
        edicion.huella,
        titulo=f"Evaluación institucional {anio or ''} — {edicion.periodo}",
        ed=edicion,
        i=datos,
        anios=anios,
        evaluacion=evaluacion,
    )


@bp.route("/historial")
def historial() -> Response:
    """Every published quarter (current editions), latest first, with earlier editions."""
    with comun.sesion() as s:
        publicadas = consultas.publicadas(s)
        filas = [(p, comun.contenido(s, p)["nacional"]) for p in publicadas]
        anteriores = {
            p.periodo: [e for e in consultas.ediciones_de(s, p.periodo) if not e.vigente]
            for p in publicadas
        }
    huella = "-".join(p.huella[:8] for p in publicadas) or "vacio"
    return _pagina(
        "publico/historial.html",
        huella,
        titulo="Trimestres publicados",
        filas=filas,
        anteriores=anteriores,
    )


@bp.route("/cambios")
def cambios() -> Response:
    """Which goals, ejes and sectors changed state between two published quarters."""
    with comun.sesion() as s:
        publicadas = consultas.publicadas(s)
        periodos = [p.periodo for p in publicadas]
        hasta = request.args.get("hasta") or (periodos[0] if periodos else "")
        desde = request.args.get("desde") or (periodos[1] if len(periodos) > 1 else "")
        if len(periodos) < 2:
            return _pagina(
                "publico/cambios.html",
                "pocas",
                titulo="Cambios entre trimestres",
                periodos=periodos,
                lista=None,
                desde=None,
                hasta=None,
            )
        if desde not in periodos or hasta not in periodos:
            abort(404)
        ed_desde = next(p for p in publicadas if p.periodo == desde)
        ed_hasta = next(p for p in publicadas if p.periodo == hasta)
        lista = cambios_.cambios(comun.contenido(s, ed_desde), comun.contenido(s, ed_hasta))
    return _pagina(
        "publico/cambios.html",
        f"{ed_desde.huella[:16]}-{ed_hasta.huella[:16]}",
        titulo=f"Cambios de {desde} a {hasta}",
        periodos=periodos,
        lista=lista,
        resumen=cambios_.resumen(lista),
        desde=ed_desde,
        hasta=ed_hasta,
    )


@bp.route("/metodologia")
def metodologia() -> Response:
    """How avance and semáforo are computed, in plain Spanish (the definitions linked from every
    published number)."""
    from dashboard import data

    reglas: Reglas = data.reglas()
    return _pagina(
        "publico/metodologia.html",
        f"metodologia-{reglas.umbral_verde}-{reglas.umbral_amarillo}-{reglas.banda_alto}",
        titulo="Metodología",
        reglas=reglas,
    )


@bp.route("/<path:resto>")
def no_encontrada(resto: str) -> Response:
    """Any other path under /publico: the portal's own «no encontrada»."""
    abort(404)


def error_publico(codigo: int) -> Response:
    """The portal's page for 404 (not found), 410 (withdrawn) and 429 (too many requests)."""
    textos = {
        404: ("Página no encontrada", "Esta dirección no corresponde a ninguna publicación."),
        410: (
            "Publicación retirada",
            "La DIGER retiró esta edición del portal. Consulte la edición vigente del trimestre "
            "o el historial de publicaciones.",
        ),
        429: (
            "Demasiadas solicitudes",
            "Recibimos demasiadas solicitudes desde su dirección. Espere un minuto e intente de "
            "nuevo.",
        ),
    }
    titulo, texto = textos.get(codigo, textos[404])
    respuesta = Response(
        render_template("publico/error.html", titulo=titulo, texto=texto, codigo=codigo),
        status=codigo,
    )
    respuesta.cache_control.public = True
    respuesta.cache_control.max_age = 60
    if codigo == 429:
        respuesta.headers["Retry-After"] = "60"
    return respuesta


def _manejador(codigo: int) -> Any:
    def manejar(_error: Exception) -> Response:
        return error_publico(codigo)

    return manejar


for _codigo in (404, 410, 429):
    bp.register_error_handler(_codigo, _manejador(_codigo))
