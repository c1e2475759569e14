"""What a printable document may hold, so that every PDF is built in bounded time.

fpdf2 lays text out at tens of microseconds per character: a stored agenda of 20,000 lines made
each download of its convocatoria take seconds of a worker. The forms now cap what they accept
(:mod:`data_layer.limites`, the agenda caps of :mod:`data_layer.mesas.reglas`), but a document
also prints rows nobody typed in one go (open acuerdos carried into an agenda, every participant,
older data written before the caps), so each part of a document has its own bounds here:

- a text (a paragraph, a field's value) prints at most so many characters and lines, then
  «… (texto recortado: N caracteres más, ver el sistema)»;
- a list (agenda, participants, acuerdos, follow-ups) prints at most so many items and so many
  characters in all, then «(… N puntos de agenda más, ver el sistema)».

The whole ayuda memoria is thus at most about 110,000 characters (some 40 pages), whatever the
database holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from data_layer.formato import format_entero

T = TypeVar("T")


@dataclass(frozen=True)
class Tope:
    """The bounds of one text or one list of a document.

    Attributes:
        caracteres: characters of the text, or of the whole list.
        lineas: lines of the text (a list: lines of each item).
        elementos: items of a list (unused for a text).
    """

    caracteres: int
    lineas: int
    elementos: int = 1


#: A field's value or a short paragraph (the longest form fields admit 2,000 characters).
TEXTO = Tope(caracteres=2_000, lineas=30)
#: The development of a session (the field admits 20,000 characters).
DESARROLLO = Tope(caracteres=20_000, lineas=300)
#: The agenda: at most 60 items (30 topics plus open acuerdos carried in), each item at most
#: :data:`PUNTO` long.
AGENDA = Tope(caracteres=12_000, lineas=8, elementos=60)
#: One agenda item: a topic admits 500 characters; a carried-over acuerdo's item is cut here
#: (the acuerdo is printed whole under "Seguimiento de acuerdos anteriores").
PUNTO = Tope(caracteres=600, lineas=8)
#: The attendance list.
PARTICIPANTES = Tope(caracteres=15_000, lineas=4, elementos=150)
#: The acuerdos of the session, and the follow-up of earlier ones (each list).
ACUERDOS = Tope(caracteres=30_000, lineas=30, elementos=60)


def acotar_texto(texto: str, tope: Tope = TEXTO) -> str:
    """``texto`` within ``tope``'s characters and lines, with a note when something was cut."""
    lineas = texto.splitlines()
    recortado = "\n".join(lineas[: tope.lineas]) if len(lineas) > tope.lineas else texto
    recortado = recortado[: tope.caracteres]
    if len(recortado) == len(texto):
        return texto
    faltan = len(texto) - len(recortado)
    return f"{recortado}… (texto recortado: {format_entero(faltan)} caracteres más, ver el sistema)"


def acotar_lista(
    elementos: Sequence[T], tope: Tope, largo: Callable[[T], int]
) -> tuple[list[T], int]:
    """The leading items of a list that fit ``tope``, and how many are left out.

    The first item is always kept (its own texts are cut by :func:`acotar_texto`); the next ones
    while the list stays within ``tope.elementos`` items and ``tope.caracteres`` characters.

    Args:
        elementos: the list's items, in print order.
        tope: the list's bounds.
        largo: characters an item prints.
    """
    elegidos: list[T] = []
    usados = 0
    for elemento in elementos:
        if len(elegidos) >= tope.elementos:
            break
        n = largo(elemento)
        if elegidos and usados + n > tope.caracteres:
            break
        elegidos.append(elemento)
        usados += n
    return elegidos, len(elementos) - len(elegidos)


def nota_omitidos(omitidos: int, sustantivo: str) -> str:
    """The line that closes a cut list: ``(… 19,940 puntos de agenda más, ver el sistema)``."""
    return f"(… {format_entero(omitidos)} {sustantivo} más, ver el sistema)"
