"""The writes of the session page on the session and its minutes (registered by the page).

Record the minutes or save the draft (against the version the form loaded: a colleague's save
in between is never overwritten; the form then shows the current text and, below it, what this
user typed), distribute them, register a correction, reschedule or cancel the session. Each goes
through a service of :mod:`data_layer.mesas.servicio` as the logged-in user
(:func:`~dashboard.components.sesion_escritura.formulario`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import Output, State
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
    sesion_existente,
)
from data_layer import documentos as doc
from data_layer.auth import Alcance
from data_layer.mesas import registros, reglas, servicio


def guardar_acta(envio: Envio) -> Accion:
    """Record the minutes (first time) or save the draft; refused once distributed, or when
    someone saved a later version than the one the form loaded."""
    v = envio.valores

    def accion(s: Session, actor: Alcance) -> str:
        sesion = sesion_existente(s, envio.params)
        ayuda = registros.ayuda_vigente(s, sesion.id)
        presentes = [int(i) for i in v.get("asistencia") or []]
        if ayuda is None:
            nueva = servicio.registrar_ayuda_memoria(
                s,
                sesion.id,
                elaborada_en=fm.leer_fecha(v.get("elaborada"), "fecha de elaboración"),
                desarrollo=v.get("desarrollo") or "",
                presentes=presentes,
                actor=actor,
            )
            return f"Ayuda memoria registrada: acta N.º {nueva.numero}."
        # A form that loaded no minutes (someone registered them since) is on "version 0".
        leida = entero(envio.leido.get("version_acta")) or 0
        servicio.editar_ayuda_memoria(
            s,
            ayuda.id,
            desarrollo=v.get("desarrollo") or "",
            presentes=presentes,
            version=leida,
            actor=actor,
        )
        return f"Cambios guardados en el acta N.º {ayuda.numero}."

    return accion


def _tras_guardar_acta(respuesta: fm.Respuesta, envio: Envio) -> dict[str, Any]:
    """On a conflict: the current minutes in the form, the user's text below; saved: no panel."""
    if respuesta.guardado:
        return {"suyo": None}
    if respuesta.actual is None:
        return {}
    return {
        "desarrollo": respuesta.actual["desarrollo"],
        "asistencia": respuesta.actual["presentes"],
        "version_acta": respuesta.actual["version"],
        "suyo": su_version(
            "Lo que usted escribió (no se guardó)",
            [("Desarrollo", envio.valores.get("desarrollo") or "")],
        ),
    }


def distribuir(envio: Envio) -> Accion:
    """Record the distribution of the minutes; from then on they are final and frozen."""

    def accion(s: Session, actor: Alcance) -> str:
        sesion, ayuda = acta_de(s, envio.params, "La sesión aún no tiene ayuda memoria.")
        hecha = servicio.distribuir_ayuda_memoria(
            s,
            ayuda.id,
            distribuida_en=fm.leer_fecha(envio.valores.get("distribuida"), "fecha de distribución"),
            actor=actor,
        )
        dias = (hecha.distribuida_en - sesion.fecha_hora.date()).days  # type: ignore[operator]
        tarde = (
            f" Se distribuyó {dias} días después de la sesión: queda señalada como tardía."
            if reglas.es_distribucion_tardia(dias)
            else ""
        )
        return f"Acta N.º {hecha.numero} distribuida: ya es definitiva.{tarde}"

    return accion


def corregir(envio: Envio) -> Accion:
    """Record a correction of distributed minutes: a new acta referencing them."""
    v = envio.valores

    def accion(s: Session, actor: Alcance) -> str:
        _, ayuda = acta_de(s, envio.params, "La sesión aún no tiene ayuda memoria.")
        nueva = servicio.corregir_ayuda_memoria(
            s,
            ayuda.id,
            motivo=v.get("correccion-motivo") or "",
            elaborada_en=fm.leer_fecha(v.get("correccion-fecha"), "fecha de la corrección"),
            desarrollo=v.get("correccion-desarrollo"),
            actor=actor,
        )
        return (
            f"Corrección registrada: acta N.º {nueva.numero}, que corrige el acta {ayuda.numero}."
        )

    return accion


def _citacion_vista(valor: Any) -> dict[str, str]:
    """The date, time and place the page showed (from its store); a forged or missing one never
    matches a session, so the reschedule is refused as a conflict."""
    if isinstance(valor, dict) and all(
        isinstance(valor.get(k), str) for k in ("fecha_hora", "lugar")
    ):
        return {"fecha_hora": valor["fecha_hora"], "lugar": valor["lugar"]}
    return {"fecha_hora": "", "lugar": ""}


def reprogramar(envio: Envio) -> Accion:
    """Move the session (not yet held) to another date, time or place, with the reason."""
    v = envio.valores

    def accion(s: Session, actor: Alcance) -> str:
        sesion = sesion_existente(s, envio.params)
        fecha = v.get("reprogramar-fecha") or sesion.fecha_hora.date().isoformat()
        hora = v.get("reprogramar-hora") or sesion.fecha_hora.strftime("%H:%M")
        fecha_hora = dt.datetime.combine(
            fm.leer_fecha(fecha, "nueva fecha"), fm.leer_hora(hora, "nueva hora")
        )
        hecha = servicio.reprogramar_sesion(
            s,
            sesion.id,
            fecha_hora=fecha_hora,
            lugar=v.get("reprogramar-lugar"),
            motivo=v.get("reprogramar-motivo") or "",
            justificacion=v.get("reprogramar-justificacion"),
            desde=_citacion_vista(envio.leido.get("citacion")),
            actor=actor,
        )
        return f"Sesión reprogramada: {doc.fecha_hora(hecha.fecha_hora)}, {hecha.lugar}."

    return accion


def cancelar(envio: Envio) -> Accion:
    """Cancel the session (not yet held), with the reason."""

    def accion(s: Session, actor: Alcance) -> str:
        sesion = sesion_existente(s, envio.params)
        servicio.cancelar_sesion(
            s, sesion.id, motivo=envio.valores.get("cancelar-motivo") or "", actor=actor
        )
        return "Sesión cancelada: no lleva ayuda memoria."

    return accion


def registrar() -> None:
    """Register the callbacks of these forms (the page calls it when it is imported)."""
    formulario(
        "acta",
        "guardar",
        ["elaborada", "asistencia", "desarrollo"],
        recargar_acta=True,
        leer={"version_acta": State(f"{P}-acta-version", "data")},
        extra={
            "desarrollo": Output(f"{P}-desarrollo", "value", allow_duplicate=True),
            "asistencia": Output(f"{P}-asistencia", "value", allow_duplicate=True),
            "version_acta": Output(f"{P}-acta-version", "data", allow_duplicate=True),
            "suyo": Output(f"{P}-acta-suyo", "children", allow_duplicate=True),
        },
        despues=_tras_guardar_acta,
    )(guardar_acta)
    formulario(
        "distribuir", "distribuir", ["distribuida"], vacios={"distribuida": None},
        recargar_acta=True,
    )(distribuir)  # fmt: skip
    formulario(
        "corregir",
        "corregir",
        ["correccion-motivo", "correccion-fecha", "correccion-desarrollo"],
        vacios={"correccion-motivo": "", "correccion-fecha": None},
        recargar_acta=True,
    )(corregir)
    formulario(
        "reprogramar",
        "reprogramar",
        [
            "reprogramar-fecha",
            "reprogramar-hora",
            "reprogramar-lugar",
            "reprogramar-motivo",
            "reprogramar-justificacion",
        ],
        vacios={
            "reprogramar-fecha": None,
            "reprogramar-hora": None,
            "reprogramar-lugar": "",
            "reprogramar-motivo": "",
            "reprogramar-justificacion": "",
        },
        leer={"citacion": State(f"{P}-citacion", "data")},
    )(reprogramar)
    formulario("cancelar", "cancelar", ["cancelar-motivo"], vacios={"cancelar-motivo": ""})(
        cancelar
    )
