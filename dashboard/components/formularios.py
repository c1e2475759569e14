"""Building blocks of the mesa forms: labelled fields, alerts, and the one guarded way to write.

Every callback that writes calls :func:`escribir`: it re-checks on the server that the logged-in
user may write in that mesa (``servicio.puede_escribir``), runs the write and its audit record in
one transaction, and turns an ``ErrorDeDatos`` into a Spanish alert (nothing is written then).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from flask_login import current_user
from sqlalchemy.orm import Session

from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.errores import ErrorDeDatos
from data_layer.mesas import servicio
from data_layer.periods import hoy_honduras

#: Shown instead of a form to users who may not write in the mesa.
SIN_PERMISO = (
    "Solo los coordinadores de esta mesa, los analistas de la DIGER y los administradores pueden "
    "registrar información en ella."
)


def alcance_actual() -> Alcance | None:
    """The logged-in user's scope (None outside a logged-in request)."""
    if not getattr(current_user, "is_authenticated", False):
        return None
    return getattr(current_user, "alcance", None)


def puede_escribir(sector: str | None) -> bool:
    """Whether the logged-in user may write in the mesa of ``sector``."""
    a = alcance_actual()
    return a is not None and bool(sector) and servicio.puede_escribir(a, str(sector))


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


def leer_fecha(texto: str | None, nombre: str, *, hasta_hoy: bool = False) -> dt.date:
    """A date from an ``<input type=date>`` (``aaaa-mm-dd``).

    Args:
        texto: the input's value.
        nombre: the field's name, for the messages.
        hasta_hoy: the date records something that already happened (minutes written or
            distributed, a follow-up, an accreditation): a date after today (Honduras) is refused.
            The services themselves take any date, so that history can be loaded as it happened.

    Raises:
        servicio.ErrorMesa: missing, malformed or (``hasta_hoy``) in the future, saying which
            field.
    """
    if not texto:
        raise servicio.ErrorMesa(f"El campo «{nombre}» es obligatorio.")
    try:
        fecha = dt.date.fromisoformat(str(texto)[:10])
    except ValueError:
        raise servicio.ErrorMesa(f"«{texto}» no es una fecha válida ({nombre}).") from None
    hoy = hoy_honduras()
    if hasta_hoy and fecha > hoy:
        raise servicio.ErrorMesa(
            f"La {nombre} ({fecha:%d/%m/%Y}) es posterior a hoy ({hoy:%d/%m/%Y}): aquí se "
            "registra lo que ya ocurrió."
        )
    return fecha


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


def escribir(
    sector_de: Callable[[Session], str | None],
    accion: Callable[[Session, str], str],
) -> tuple[dbc.Alert, bool]:
    """Run one write of a form, guarded: permission, transaction, Spanish errors.

    Args:
        sector_de: reads, in the write's session, the sector the write touches (from the
            database, never from the browser: a forged id cannot reach another mesa); None when
            the record does not exist.
        accion: does the write with the session and the user name; returns the success message.

    Returns:
        The alert to show and whether something was written.
    """
    from dashboard import data

    a = alcance_actual()
    if a is None:
        return alerta("Su sesión terminó: vuelva a iniciar sesión."), False
    fabrica = session_factory(data.datos().engine)
    try:
        with fabrica() as s, s.begin():
            sector = sector_de(s)
            if sector is None:
                raise servicio.ErrorMesa("El registro solicitado no existe.")
            if not servicio.puede_escribir(a, sector):
                return alerta(SIN_PERMISO), False
            mensaje = accion(s, a.usuario)
    except ErrorDeDatos as exc:
        return alerta(str(exc)), False
    return alerta(mensaje, "success"), True


def opciones(pares: list[tuple[Any, str]]) -> list[dict[str, Any]]:
    """Dropdown/checklist options from (value, label) pairs."""
    return [{"value": v, "label": e} for v, e in pares]
