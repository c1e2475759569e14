"""Building blocks of the mesa forms: labelled fields, alerts, and the one guarded way to write.

Every callback that writes calls :func:`escribir`: it runs the write and its audit record in one
transaction as the logged-in user, and turns every way it can end into a Spanish alert:

- refused by a rule or a limit (``ErrorDeDatos``: ``ErrorMesa``, a field too long): the
  reason; nothing is written, what the user typed stays;
- refused because someone saved the record first (``ConflictoEdicion``): the page shows the
  current content next to what the user typed;
- a second send of the same form render (double click, retry): «Este formulario ya se envió: no
  se registró dos veces.» Each render carries a random token (:func:`campo_token`) that the write
  claims in its own transaction (:mod:`data_layer.envios`);
- the database failed (down, locked, disk full): «No se guardó nada…», what the user typed stays,
  and one line goes to the log (no traceback).

After a save the page resets the form and gives it a new token (:func:`tras_guardar`); the button
is disabled while the write runs (:func:`mientras_guarda`, Dash's ``running``). Who may write is
the service's own check (:mod:`data_layer.permisos`): a forged callback cannot bypass it; pages
ask the same function (:func:`puede_escribir`) only to decide whether to show a form.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import dash_bootstrap_components as dbc
from dash import Output, dcc, html, no_update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from data_layer import envios, formato, permisos
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.errores import ErrorDeDatos
from data_layer.mesas import servicio

_log = logging.getLogger(__name__)

#: What a write that failed for a system reason tells the user (nothing was saved).
SIN_BASE = (
    "No se guardó nada: la base de datos no respondió. Lo que escribió sigue en el formulario; "
    "intente de nuevo en unos minutos."
)
#: A write that collided with another one on a database constraint (nothing was saved).
SIMULTANEO = (
    "No se guardó nada: otra persona registró un cambio en el mismo registro al mismo tiempo. "
    "Lo que escribió sigue en el formulario; recargue la página para ver lo guardado e intente "
    "de nuevo."
)

#: Shown instead of a form to users who may not write in the mesa (the services' refusal).
SIN_PERMISO = permisos.SIN_PERMISO_MESA


def puede_escribir(sector: str | None) -> bool:
    """Whether the logged-in user may write in the mesa of ``sector`` (to show its forms)."""
    from dashboard.data import alcance_actual

    return bool(sector) and permisos.puede_escribir_mesa(alcance_actual(), str(sector))


def alerta(mensaje: str, color: str = "danger") -> dbc.Alert:
    """A Spanish message for the person at the keyboard (Bootstrap alerts carry role=alert)."""
    return dbc.Alert(mensaje, color=color, className="mt-3")


def _nada_guardado(mensaje: str) -> str:
    """A refusal says that nothing was written (the form keeps what was typed)."""
    if "no se guard" in mensaje.lower():
        return mensaje
    return f"{mensaje.rstrip()} No se guardó nada."


def campo(etiqueta: str, control: Any, ayuda: str | None = None, **kwargs: Any) -> html.Div:
    """A labelled form field (the label points to the control's id)."""
    partes: list[Any] = [
        dbc.Label(etiqueta, html_for=getattr(control, "id", None), className="fw-semibold"),
        control,
    ]
    if ayuda:
        partes.append(dbc.FormText(ayuda))
    return html.Div(partes, className="mb-3", **kwargs)


#: What a date field accepts (checked by the browser for its red border, and by
#: :func:`data_layer.formato.leer_fecha` on the server): ``dd/mm/aaaa``, or ISO ``aaaa-mm-dd``.
#: Browsers compile it with the ``v`` flag, where ``/`` and ``-`` in a class must be escaped (an
#: invalid pattern is silently ignored).
PATRON_FECHA = r"\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2}"
PATRON_HORA = r"([01]?\d|2[0-3]):[0-5]\d"


def entrada_fecha(id: Any, **kwargs: Any) -> dbc.Input:
    """A date field that shows and takes ``dd/mm/aaaa`` whatever the browser's language.

    A text input, not ``<input type=date>`` (whose format and language follow the browser's
    locale: a browser in English would show ``mm/dd/yyyy``). Read it with :func:`leer_fecha`;
    fill it with :func:`data_layer.formato.format_fecha_entrada`.
    """
    return dbc.Input(
        id=id,
        type="text",
        placeholder="dd/mm/aaaa",
        pattern=PATRON_FECHA,
        maxLength=10,
        autoComplete="off",
        class_name="entrada-fecha",
        **kwargs,
    )


def entrada_hora(id: Any, **kwargs: Any) -> dbc.Input:
    """A time field on the 24-hour clock (``hh:mm``), whatever the browser's language."""
    return dbc.Input(
        id=id,
        type="text",
        placeholder="hh:mm",
        pattern=PATRON_HORA,
        maxLength=5,
        autoComplete="off",
        class_name="entrada-hora",
        **kwargs,
    )


def leer_fecha(texto: str | None, nombre: str) -> dt.date:
    """A required date from a date field (``dd/mm/aaaa``; ISO ``aaaa-mm-dd`` too).

    Only the reading: whether the date is allowed (not after today, not before the session...)
    is the service's rule.

    Args:
        texto: the input's value.
        nombre: the field's name, for the messages.

    Raises:
        servicio.ErrorMesa: missing or malformed, saying which field.
    """
    try:
        fecha = formato.leer_fecha(texto)
    except formato.FechaInvalida as exc:
        raise servicio.ErrorMesa(f"{exc} ({nombre})") from None
    if fecha is None:
        raise servicio.ErrorMesa(f"El campo «{nombre}» es obligatorio.")
    return fecha


def leer_hora(texto: str | None, nombre: str) -> dt.time:
    """A required time from a time field (``hh:mm``, 24-hour clock).

    Raises:
        servicio.ErrorMesa: missing or malformed, saying which field.
    """
    try:
        hora = formato.leer_hora(texto)
    except formato.FechaInvalida as exc:
        raise servicio.ErrorMesa(f"{exc} ({nombre})") from None
    if hora is None:
        raise servicio.ErrorMesa(f"El campo «{nombre}» es obligatorio.")
    return hora


@dataclass(frozen=True)
class Respuesta:
    """How a form's write ended.

    Attributes:
        alerta: the Spanish message to show.
        estado: ``guardado`` (written now), ``repetido`` (this form render was already written
            by an earlier send: nothing written now), ``rechazado`` (a rule or a conflict
            refused it) or ``fallo`` (the database failed); in the last two nothing was written.
        actual: on a conflict, the record's current content (to show next to the user's).
    """

    alerta: dbc.Alert
    estado: Literal["guardado", "repetido", "rechazado", "fallo"]
    actual: dict[str, Any] | None = None

    @property
    def guardado(self) -> bool:
        """Whether what the form holds is recorded (now or by an earlier send): reset it."""
        return self.estado in ("guardado", "repetido")


def _resumen(exc: DBAPIError) -> str:
    """The driver's error in one short line (the log keeps no traceback nor SQL)."""
    original = exc.orig if exc.orig is not None else exc
    texto = (str(original).strip().splitlines() or [""])[0]
    return f"{type(original).__name__}: {texto[:200]}"


def escribir(
    accion: Callable[[Session, Alcance], str], *, token: Any, formulario: str
) -> Respuesta:
    """Run one write of a form as the logged-in user: one transaction, Spanish messages.

    Args:
        accion: does the write with the session and the acting user's scope (passed to the
            service as ``actor``, which checks the permission itself); returns the success
            message. It raises ``ErrorMesa`` (e.g. :data:`NO_EXISTE`) to refuse.
        token: the form render's submission token (:func:`campo_token`), claimed in the same
            transaction: a second send of the same render writes nothing.
        formulario: the form's name (recorded with the token, and in the log).

    Returns:
        How it ended (see :class:`Respuesta`).
    """
    from dashboard import data

    a = data.alcance_actual()
    if a is None:
        return Respuesta(alerta("Su sesión terminó: vuelva a iniciar sesión."), "rechazado")
    fabrica = session_factory(data.datos().engine, escritura=True)
    try:
        with fabrica() as s, s.begin():
            envios.reclamar(s, token, usuario=a.usuario, formulario=formulario)
            mensaje = accion(s, a)
    except envios.EnvioRepetido as exc:
        return Respuesta(alerta(str(exc), "info"), "repetido")
    except envios.TokenInvalido as exc:
        return Respuesta(alerta(str(exc)), "rechazado")
    except servicio.ConflictoEdicion as exc:
        return Respuesta(alerta(str(exc), "warning"), "rechazado", exc.actual)
    except ErrorDeDatos as exc:
        return Respuesta(alerta(_nada_guardado(str(exc))), "rechazado")
    except IntegrityError as exc:
        _log.warning(
            "Escritura rechazada por la base (%s, %s): %s", formulario, a.usuario, _resumen(exc)
        )
        return Respuesta(alerta(SIMULTANEO), "fallo")
    except DBAPIError as exc:
        _log.error("Escritura no guardada (%s, %s): %s", formulario, a.usuario, _resumen(exc))
        return Respuesta(alerta(SIN_BASE), "fallo")
    return Respuesta(alerta(mensaje, "success"), "guardado")


# --- the parts every write form shares ----------------------------------------------------------


def campo_token(ident: str) -> dcc.Store:
    """The hidden submission token of a form render (a fresh one each time the page renders)."""
    return dcc.Store(id=ident, data=envios.nuevo_token())


def mientras_guarda(boton: str) -> list[tuple[Output, bool, bool]]:
    """Dash's ``running`` for a write callback: its button is disabled while it runs."""
    return [(Output(boton, "disabled"), True, False)]


def tras_guardar(respuesta: Respuesta, vacios: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
    """A form's new token and field values after a write.

    Once saved (now or by an earlier send) the form is reset: its fields take their empty
    values and it gets a new token, so the next entry starts clean. Otherwise nothing changes:
    what the user typed stays, and the same token can be sent again once corrected.

    Args:
        respuesta: how the write ended.
        vacios: each field's empty value, by name.

    Returns:
        The token store's new data and each field's new value (``no_update`` when unchanged).
    """
    if respuesta.guardado:
        return envios.nuevo_token(), dict(vacios)
    return no_update, dict.fromkeys(vacios, no_update)


#: The refusal of a write whose record (from the URL or a forged request) does not exist.
NO_EXISTE = "El registro solicitado no existe."


def opciones(pares: list[tuple[Any, str]]) -> list[dict[str, Any]]:
    """Dropdown/checklist options from (value, label) pairs."""
    return [{"value": v, "label": e} for v, e in pares]
