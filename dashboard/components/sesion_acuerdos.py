"""The writes of the session page on its acuerdos (registered by the page).

Add an acuerdo to the draft minutes (the form is cleared after each one, so the next does not
inherit the previous text, person or goals); correct or delete one while the minutes are a draft
(against the version the form loaded); change an acuerdo's status from the status the page
showed (a colleague's change in between is never branched nor overwritten). Each goes through a
service of :mod:`data_layer.mesas.servicio` as the logged-in user.
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback
from sqlalchemy.orm import Session

from dashboard.components import formularios as fm
from dashboard.components.sesion import P
from dashboard.components.sesion_bloques import su_version
from dashboard.components.sesion_escritura import (
    Accion,
    Envio,
    acta_de,
    entero,
    formulario,
    sesion_de,
    sesion_existente,
)
from data_layer import documentos as doc
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import servicio
from data_layer.mesas.models import Acuerdo

#: The fields of an acuerdo form (after the prefix ``acuerdo-`` or ``editar-``), empty.
VACIOS_ACUERDO: dict[str, Any] = {
    "texto": "",
    "institucion": None,
    "persona": "",
    "limite": None,
    "metas": [],
    "indicadores": [],
    "resultado": "",
}
#: The fields of the status form, empty.
VACIOS_ESTADO: dict[str, Any] = {
    "estado-acuerdo": None,
    "estado-nuevo": None,
    "estado-fecha": None,
    "estado-nota": "",
    "estado-resultado": "",
}


def _campos(prefijo: str) -> dict[str, Any]:
    return {f"{prefijo}-{c}": v for c, v in VACIOS_ACUERDO.items()}


def _datos(v: dict[str, Any], prefijo: str) -> dict[str, Any]:
    """The service's keyword arguments from the fields of an acuerdo form."""
    return {
        "texto": v.get(f"{prefijo}-texto") or "",
        "institucion": v.get(f"{prefijo}-institucion") or "",
        "persona_responsable": v.get(f"{prefijo}-persona") or "",
        "fecha_limite": fm.leer_fecha(v.get(f"{prefijo}-limite"), "fecha límite"),
        "metas": v.get(f"{prefijo}-metas") or [],
        "indicadores": v.get(f"{prefijo}-indicadores") or [],
        "resultado": v.get(f"{prefijo}-resultado"),
    }


def _del_acta(s: Session, envio: Envio, campo: str) -> Acuerdo:
    """The acuerdo the form names, if it is one of this session's (else :data:`fm.NO_EXISTE`)."""
    sesion = sesion_existente(s, envio.params)
    ident = entero(envio.valores.get(campo))
    acuerdo = s.get(Acuerdo, ident) if ident is not None else None
    if acuerdo is None or acuerdo.sesion_id != sesion.id:
        raise servicio.ErrorMesa(fm.NO_EXISTE)
    return acuerdo


# --- new acuerdo ------------------------------------------------------------------------------


def agregar_acuerdo(envio: Envio) -> Accion:
    """Add an acuerdo to the draft minutes (refused once distributed)."""

    def accion(s: Session, actor: Alcance) -> str:
        _, ayuda = acta_de(s, envio.params, "Registre primero la ayuda memoria de la sesión.")
        acuerdo = servicio.registrar_acuerdo(
            s, ayuda.id, **_datos(envio.valores, "acuerdo"), actor=actor
        )
        return f"Acuerdo registrado (N.º {acuerdo.id}), vence el {doc.fecha(acuerdo.fecha_limite)}."

    return accion


# --- editing and deleting a draft acuerdo -----------------------------------------------------


def _en_formulario(contenido: dict[str, Any]) -> dict[str, Any]:
    """An acuerdo's content (``servicio.contenido_acuerdo``) as the edit form's field values."""
    return {
        "editar-texto": contenido["texto"],
        "editar-institucion": contenido["institucion"],
        "editar-persona": contenido["persona_responsable"],
        "editar-limite": contenido["fecha_limite"],
        "editar-metas": contenido["metas"],
        "editar-indicadores": contenido["indicadores"],
        "editar-resultado": contenido["resultado"] or "",
    }


def cargar_acuerdo(acuerdo_id: Any, params: dict[str, Any] | None) -> dict[str, Any]:
    """The chosen acuerdo's content in the edit form, and the version it loads.

    Only for who may write in the acuerdo's mesa (read from the database, not the URL): a forged
    request with another mesa's session or acuerdo gets an empty form.
    """
    from dashboard import data

    vacio = {"campos": _campos("editar"), "version": None, "suyo": None}
    ident = entero(acuerdo_id)
    if ident is None:
        return vacio
    with data.sesion_lectura() as s:
        sesion = sesion_de(s, params)
        acuerdo = s.get(Acuerdo, ident)
        if sesion is None or acuerdo is None or acuerdo.sesion_id != sesion.id:
            return vacio
        if not permisos.puede_escribir_mesa(data.alcance_actual(), sesion.mesa.sector.codigo):
            return vacio
        contenido = servicio.contenido_acuerdo(acuerdo)
    return {"campos": _en_formulario(contenido), "version": contenido["version"], "suyo": None}


def guardar_acuerdo(envio: Envio) -> Accion:
    """Save the corrections of a draft acuerdo (refused once distributed, or when someone saved
    it after the form loaded it)."""

    def accion(s: Session, actor: Alcance) -> str:
        acuerdo = _del_acta(s, envio, "editar-acuerdo")
        servicio.editar_acuerdo(
            s,
            acuerdo.id,
            **_datos(envio.valores, "editar"),
            version=entero(envio.leido.get("version")) or 0,
            actor=actor,
        )
        return f"Acuerdo N.º {acuerdo.id} corregido."

    return accion


def eliminar_acuerdo(envio: Envio) -> Accion:
    """Delete a draft acuerdo, with the reason (refused once distributed)."""

    def accion(s: Session, actor: Alcance) -> str:
        acuerdo = _del_acta(s, envio, "editar-acuerdo")
        ident = acuerdo.id
        servicio.eliminar_acuerdo(
            s,
            ident,
            motivo=envio.valores.get("eliminar-motivo") or "",
            version=entero(envio.leido.get("version")) or 0,
            actor=actor,
        )
        return f"Acuerdo N.º {ident} eliminado."

    return accion


def _tras_editar(respuesta: fm.Respuesta, envio: Envio) -> dict[str, Any]:
    """Saved: the edit form empties. Conflict: the current acuerdo in the form, the user's
    version below it."""
    if respuesta.guardado:
        return {"elegido": None, "version": None, "suyo": None, **_campos("editar")}
    if respuesta.actual is None:
        return {}
    v = envio.valores
    return {
        **_en_formulario(respuesta.actual),
        "version": respuesta.actual["version"],
        "suyo": su_version(
            "Lo que usted escribió (no se guardó)",
            [
                ("Acuerdo", v.get("editar-texto")),
                ("Institución", v.get("editar-institucion")),
                ("Persona", v.get("editar-persona")),
                ("Fecha límite", v.get("editar-limite")),
                ("Metas", v.get("editar-metas")),
                ("Indicadores", v.get("editar-indicadores")),
                ("Resultado", v.get("editar-resultado")),
            ],
        ),
    }


# --- status -----------------------------------------------------------------------------------


def cambiar_estado(envio: Envio) -> Accion:
    """Change an acuerdo's status with its note, from the status the page showed; the permission
    is that of the acuerdo's mesa."""
    v = envio.valores

    def accion(s: Session, actor: Alcance) -> str:
        sesion = sesion_existente(s, envio.params)
        ident = entero(v.get("estado-acuerdo"))
        if ident is None:
            raise servicio.ErrorMesa("Seleccione el acuerdo.")
        acuerdo = s.get(Acuerdo, ident)
        visto = (envio.leido.get("vistos") or {}).get(str(ident))
        if acuerdo is None or acuerdo.mesa_id != sesion.mesa_id or visto is None:
            raise servicio.ErrorMesa(fm.NO_EXISTE)
        servicio.cambiar_estado_acuerdo(
            s,
            acuerdo.id,
            v.get("estado-nuevo") or "",
            nota=v.get("estado-nota"),
            fecha=fm.leer_fecha(v.get("estado-fecha"), "fecha del seguimiento"),
            sesion_id=sesion.id if acuerdo.sesion_id != sesion.id else None,
            resultado=v.get("estado-resultado"),
            desde=visto,
            actor=actor,
        )
        return (
            f"Acuerdo N.º {acuerdo.id}: estado cambiado a "
            f"«{doc.ESTADOS_ACUERDO.get(acuerdo.estado.value, acuerdo.estado.value)}»."
        )

    return accion


def registrar() -> None:
    """Register the callbacks of these forms (the page calls it when it is imported)."""
    nuevo = _campos("acuerdo")
    formulario("acuerdo", "agregar-acuerdo", list(nuevo), vacios=nuevo)(agregar_acuerdo)

    callback(
        output={
            "campos": {c: Output(f"{P}-{c}", "value") for c in _campos("editar")},
            "version": Output(f"{P}-editar-version", "data"),
            "suyo": Output(f"{P}-editar-suyo", "children"),
        },
        inputs={
            "acuerdo_id": Input(f"{P}-editar-acuerdo", "value"),
            "params": State(f"{P}-params", "data"),
        },
        prevent_initial_call=True,
    )(cargar_acuerdo)

    edicion = ["editar-acuerdo", *_campos("editar"), "eliminar-motivo"]
    salidas = {
        "elegido": Output(f"{P}-editar-acuerdo", "value", allow_duplicate=True),
        "version": Output(f"{P}-editar-version", "data", allow_duplicate=True),
        "suyo": Output(f"{P}-editar-suyo", "children", allow_duplicate=True),
        **{c: Output(f"{P}-{c}", "value", allow_duplicate=True) for c in _campos("editar")},
    }
    for nombre, boton, construir in (
        ("editar", "guardar-acuerdo", guardar_acuerdo),
        ("eliminar", "eliminar-acuerdo", eliminar_acuerdo),
    ):
        formulario(
            nombre,
            boton,
            edicion,
            vacios={"eliminar-motivo": ""},
            leer={"version": State(f"{P}-editar-version", "data")},
            extra=salidas,
            despues=_tras_editar,
        )(construir)

    formulario(
        "estado",
        "cambiar-estado",
        list(VACIOS_ESTADO),
        vacios=VACIOS_ESTADO,
        leer={"vistos": State(f"{P}-estados-vistos", "data")},
    )(cambiar_estado)
