"""Building blocks of the mesa forms: labelled fields, alerts, and the one guarded way to write.

Every callback that writes calls :func:`escribir`: it runs the write and its audit record in one
transaction as the logged-in user, and turns an ``ErrorDeDatos`` (a refused rule, a field too
long) into a Spanish alert (nothing is written then). Who may write is the service's own check
(:mod:`data_layer.permisos`): a forged callback cannot bypass it; pages ask the same function
(:func:`puede_escribir`) only to decide whether to show a form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.errores import ErrorDeDatos
from data_layer.mesas import servicio

#: Shown instead of a form to users who may not write in the mesa (the services' refusal).
SIN_PERMISO = permisos.SIN_PERMISO_MESA


def puede_escribir(sector: str | None) -> bool:
    """Whether the logged-in user may write in the mesa of ``sector`` (to show its forms)."""
    from dashboard.data import alcance_actual

    return bool(sector) and permisos.puede_escribir_mesa(alcance_actual(), str(sector))


def alerta(mensaje: str, color: str = "danger") -> dbc.Alert:
    """A Spanish message for the person at the keyboard (Bootstrap alerts carry role=alert)."""
    return dbc.Alert(mensaje, color=color, className="mt-3")


def campo(etiqueta: str, control: Any, ayuda: str | None = None, **kwargs: Any) -> html.Div:
    """A labelled form field (the label points to the control's id)."""
    partes: list[Any] = [
        dbc.Label(etiqueta, html_for=getattr(control, "id", None), className="fw-semibold"),
        control,
    ]
    if ayuda:
        partes.append(dbc.FormText(ayuda))
    return html.Div(partes, className="mb-3", **kwargs)


def leer_fecha(texto: str | None, nombre: str) -> dt.date:
    """A date from an ``<input type=date>`` (``aaaa-mm-dd``).

    Only the reading: whether the date is allowed (not after today, not before the session...)
    is the service's rule.

    Args:
        texto: the input's value.
        nombre: the field's name, for the messages.

    Raises:
        servicio.ErrorMesa: missing or malformed, saying which field.
    """
    if not texto:
        raise servicio.ErrorMesa(f"El campo «{nombre}» es obligatorio.")
    try:
        return dt.date.fromisoformat(str(texto)[:10])
    except ValueError:
        raise servicio.ErrorMesa(f"«{texto}» no es una fecha válida ({nombre}).") from None


def leer_hora(texto: str | None, nombre: str) -> dt.time:
    """A time from an ``<input type=time>`` (``HH:MM``).

    Raises:
        servicio.ErrorMesa: missing or malformed, saying which field.
    """
    if not texto:
        raise servicio.ErrorMesa(f"El campo «{nombre}» es obligatorio.")
    try:
        return dt.time.fromisoformat(str(texto)[:5])
    except ValueError:
        raise servicio.ErrorMesa(f"«{texto}» no es una hora válida ({nombre}).") from None


def escribir(accion: Callable[[Session, Alcance], str]) -> tuple[dbc.Alert, bool]:
    """Run one write of a form as the logged-in user: one transaction, Spanish errors.

    Args:
        accion: does the write with the session and the acting user's scope (passed to the
            service as ``actor``, which checks the permission itself); returns the success
            message. It raises ``ErrorMesa`` (e.g. :data:`NO_EXISTE`) to refuse.

    Returns:
        The alert to show and whether something was written.
    """
    from dashboard import data

    a = data.alcance_actual()
    if a is None:
        return alerta("Su sesión terminó: vuelva a iniciar sesión."), False
    fabrica = session_factory(data.datos().engine, escritura=True)
    try:
        with fabrica() as s, s.begin():
            mensaje = accion(s, a)
    except ErrorDeDatos as exc:
        return alerta(str(exc)), False
    return alerta(mensaje, "success"), True


#: The refusal of a write whose record (from the URL or a forged request) does not exist.
NO_EXISTE = "El registro solicitado no existe."


def opciones(pares: list[tuple[Any, str]]) -> list[dict[str, Any]]:
    """Dropdown/checklist options from (value, label) pairs."""
    return [{"value": v, "label": e} for v, e in pares]
