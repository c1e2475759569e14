"""The frame of a mesa's proposal pages (plan de trabajo, estrategias): one read, one write shape.

A display callback reads the URL's mesa through :func:`con_mesa`: a user who may not see the mesa,
or a sector without one, gets the page's empty state (with a Spanish alert where the page shows
one). Each form writes through one callback built by :func:`al_pulsar`: its button is disabled
while it runs, the write goes through :func:`dashboard.components.formularios.escribir` as the
logged-in user, and the page shows the alert in ``<P>-resultado``, reloads (``<P>-version``)
after a save and gets a new submission token (``<P>-token``). Who may write is the service's own
check: a forged callback is refused like a click.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from dash import Input, Output, State, callback
from sqlalchemy.orm import Session

from dashboard.components import formularios as fm
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.mesas import registros, servicio
from data_layer.mesas.models import Mesa

#: What a form read from the page (by the names of its ``leer``).
Valores = dict[str, Any]
#: A form's write: with the write session, the acting user and the values; returns the success
#: message, raises ``ErrorMesa`` to refuse.
Hacer = Callable[[Session, Alcance, Valores], str]


@dataclass(frozen=True)
class Lectura:
    """The URL's mesa, read for a display callback.

    Attributes:
        s: the read session (open while the display callback builds the page).
        mesa: the mesa of ``sector``.
        alcance: the logged-in user's scope.
        sector: the sector code of the URL.
    """

    s: Session
    mesa: Mesa
    alcance: Alcance | None
    sector: str


def sector_de(params: dict[str, Any] | None) -> str:
    """The sector code of the page's ``params`` store (empty when missing)."""
    return str((params or {}).get("sector") or "")


def con_mesa(
    params: dict[str, Any] | None,
    vacio: dict[str, Any],
    mostrar: Callable[[Lectura], dict[str, Any]],
    aviso: str | None = None,
) -> dict[str, Any]:
    """The outputs of a display callback, built by ``mostrar`` from the URL's mesa.

    Args:
        params: the page's ``params`` store (``sector``).
        vacio: every output's empty value (what a user who may not see the mesa gets).
        mostrar: builds the outputs from the mesa (called inside the read session).
        aviso: the output that shows why the page is empty; None shows nothing.
    """
    from dashboard import data

    sector = sector_de(params)
    alcance = data.alcance_actual()

    def vacia(mensaje: str) -> dict[str, Any]:
        return vacio | ({aviso: fm.alerta(mensaje)} if aviso else {})

    if not permisos.puede_ver_mesa(alcance, sector):
        return vacia("No tiene acceso a esta mesa.")
    with data.sesion_lectura() as s:
        mesa = registros.mesa_de_sector(s, sector)
        if mesa is None:
            return vacia(f"No existe la mesa del sector «{sector}».")
        return mostrar(Lectura(s, mesa, alcance, sector))


def entero(valor: Any, elija: str) -> int:
    """The id of the record chosen in a select.

    Raises:
        servicio.ErrorMesa: nothing (or garbage) chosen: «Elija ``elija``.».
    """
    try:
        return int(str(valor))
    except ValueError:
        raise servicio.ErrorMesa(f"Elija {elija}.") from None


def responder(respuesta: fm.Respuesta, version: int | None) -> dict[str, Any]:
    """The alert, the page's version (one more after a save) and the form's token."""
    return {
        "resultado": respuesta.alerta,
        "version": (version or 0) + (1 if respuesta.guardado else 0),
        "token": fm.tras_guardar(respuesta, {})[0],
    }


def al_pulsar(
    p: str, boton: str, formulario: str, leer: Mapping[str, State]
) -> Callable[[Hacer], Callable[..., dict[str, Any]]]:
    """Register the write callback of one form of page ``p``.

    Args:
        p: the page's id prefix.
        boton: the id (without prefix) of the button that sends the form.
        formulario: the form's name (recorded with the token, and in the log).
        leer: what the write reads from the page, by name.

    Returns:
        A decorator: the decorated :data:`Hacer` does the write; it returns the callback Dash
        calls.
    """
    salidas = {
        "resultado": Output(f"{p}-resultado", "children", allow_duplicate=True),
        "version": Output(f"{p}-version", "data", allow_duplicate=True),
        "token": Output(f"{p}-token", "data", allow_duplicate=True),
    }
    entradas: dict[str, Any] = {
        # The button first: it is the callback's only Input (what triggers it).
        "_n": Input(f"{p}-{boton}", "n_clicks"),
        "valores": dict(leer),
        "version": State(f"{p}-version", "data"),
        "token": State(f"{p}-token", "data"),
    }

    def decorar(hacer: Hacer) -> Callable[..., dict[str, Any]]:
        @callback(
            output=salidas,
            inputs=entradas,
            running=fm.mientras_guarda(f"{p}-{boton}"),
            prevent_initial_call=True,
        )
        def pulsado(_n: Any, valores: Valores, version: Any, token: Any) -> dict[str, Any]:
            def accion(s: Session, actor: Alcance) -> str:
                return hacer(s, actor, valores or {})

            return responder(fm.escribir(accion, token=token, formulario=formulario), version)

        return pulsado

    return decorar
