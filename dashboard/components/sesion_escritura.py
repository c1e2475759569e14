"""How the session page writes: one callback per form, all alike (:func:`formulario`).

Each form of the page reads its fields, claims its own submission token and writes through
:func:`dashboard.components.formularios.escribir` as the logged-in user. Its button is disabled
while it runs. Once saved, the form's fields are cleared, it gets a new token and the page
reloads what it shows (``<P>-version``; ``<P>-acta-recarga`` also reloads the minutes' form);
when the save is refused, what was typed stays. A save refused because someone else saved first
(a conflict) also reloads the page, so that the current state shows.

The session and the records a callback names come from the database, through the URL's sector
and session (never trusted from the browser): :func:`sesion_existente`, :func:`acta_de`.
The callbacks are registered by the page (``registrar()`` of :mod:`.sesion_acta` and
:mod:`.sesion_acuerdos`), so that each app the factory builds gets them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dash import Input, Output, State, callback, no_update
from sqlalchemy.orm import Session

from dashboard.components import formularios as fm
from dashboard.components.sesion import P
from data_layer.auth import Alcance
from data_layer.mesas import registros, servicio
from data_layer.mesas.models import AyudaMemoria, SesionMesa

Accion = Callable[[Session, Alcance], str]


def sesion_de(s: Session, params: dict[str, Any] | None) -> SesionMesa | None:
    """The session of the URL, if it exists and belongs to the URL's mesa."""
    params = params if isinstance(params, dict) else {}
    return registros.sesion_de_mesa(s, params.get("sector"), params.get("sesion_id"))


def sesion_existente(s: Session, params: dict[str, Any] | None) -> SesionMesa:
    """The URL's session (read from the database, never trusted from the browser).

    Raises:
        servicio.ErrorMesa: it does not exist, or not in the URL's mesa.
    """
    sesion = sesion_de(s, params)
    if sesion is None:
        raise servicio.ErrorMesa(fm.NO_EXISTE)
    return sesion


def acta_de(
    s: Session, params: dict[str, Any] | None, si_falta: str
) -> tuple[SesionMesa, AyudaMemoria]:
    """The URL's session and its current minutes.

    Raises:
        servicio.ErrorMesa: the session does not exist; ``si_falta``, when it has no minutes yet.
    """
    sesion = sesion_existente(s, params)
    ayuda = registros.ayuda_vigente(s, sesion.id)
    if ayuda is None:
        raise servicio.ErrorMesa(si_falta)
    return sesion, ayuda


def entero(valor: Any) -> int | None:
    """An id or version sent by the browser, as an int (None when it is not one)."""
    try:
        return int(valor)
    except (TypeError, ValueError):
        return None


@dataclass
class Envio:
    """One send of a form: what the callback received.

    Attributes:
        params: the URL's sector and session.
        valores: the value of each field, by name (ids without the page prefix).
        leido: other state the form sent (stores: the version it loaded, statuses it saw...).
        extra: set by the form's ``despues``: the values of its extra outputs.
    """

    params: dict[str, Any] | None
    valores: dict[str, Any]
    leido: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


def formulario(
    nombre: str,
    boton: str,
    campos: Sequence[str],
    *,
    vacios: Mapping[str, Any] | None = None,
    recargar_acta: bool = False,
    leer: Mapping[str, State] | None = None,
    extra: Mapping[str, Output] | None = None,
    despues: Callable[[fm.Respuesta, Envio], dict[str, Any]] | None = None,
) -> Callable[[Callable[[Envio], Accion]], Callable[..., dict[str, Any]]]:
    """Register the write callback of one form of the session page.

    The decorated function receives the :class:`Envio` and returns the write (an
    :data:`Accion` for :func:`fm.escribir`). The callback returns the alert, the page's new
    version, the form's token and fields (:func:`fm.tras_guardar`) and, through ``despues``,
    the form's extra outputs.

    Args:
        nombre: the form's name (its token store is ``<P>-token-<nombre>``).
        boton: the id (without prefix) of the button that sends it.
        campos: the ids (without prefix) of the fields it reads (``value``).
        vacios: the fields cleared after a save, with their empty values.
        recargar_acta: a save also reloads the minutes' form.
        leer: more state to read, by name.
        extra: more outputs, by name.
        despues: the values of ``extra`` after the write (default: unchanged).

    Returns:
        A decorator that registers the callback and returns the function Dash calls.
    """
    vacios = dict(vacios or {})
    salidas: dict[str, Any] = {
        "alerta": Output(f"{P}-alerta", "children", allow_duplicate=True),
        "version": Output(f"{P}-version", "data", allow_duplicate=True),
        "token": Output(f"{P}-token-{nombre}", "data"),
        "campos": {c: Output(f"{P}-{c}", "value", allow_duplicate=True) for c in vacios},
        "recarga": Output(f"{P}-acta-recarga", "data", allow_duplicate=True),
    }
    entradas: dict[str, Any] = {
        "_n": Input(f"{P}-{boton}", "n_clicks"),
        "params": State(f"{P}-params", "data"),
        "valores": {c: State(f"{P}-{c}", "value") for c in campos},
        "token": State(f"{P}-token-{nombre}", "data"),
        "version": State(f"{P}-version", "data"),
        "recarga": State(f"{P}-acta-recarga", "data"),
    }
    if leer:
        entradas["leido"] = dict(leer)
    if extra:
        salidas["extra"] = dict(extra)

    def decorar(construir: Callable[[Envio], Accion]) -> Callable[..., dict[str, Any]]:
        def al_pulsar(
            _n: int | None,
            params: dict[str, Any] | None,
            valores: dict[str, Any],
            token: Any,
            version: int | None,
            recarga: int | None,
            leido: dict[str, Any] | None = None,
        ) -> dict[str, Any]:
            envio = Envio(params, valores, leido or {})
            respuesta = fm.escribir(construir(envio), token=token, formulario=nombre)
            nuevo_token, limpios = fm.tras_guardar(respuesta, vacios)
            recargar = respuesta.guardado or respuesta.actual is not None
            salida: dict[str, Any] = {
                "alerta": respuesta.alerta,
                "version": (version or 0) + 1 if recargar else no_update,
                "token": nuevo_token,
                "campos": limpios,
                "recarga": (recarga or 0) + 1
                if recargar_acta and respuesta.guardado
                else no_update,
            }
            if extra:
                valores_extra = despues(respuesta, envio) if despues else {}
                salida["extra"] = {k: valores_extra.get(k, no_update) for k in extra}
            return salida

        al_pulsar.__doc__ = construir.__doc__
        callback(
            output=salidas,
            inputs=entradas,
            running=fm.mientras_guarda(f"{P}-{boton}"),
            prevent_initial_call=True,
        )(al_pulsar)
        return al_pulsar

    return decorar
