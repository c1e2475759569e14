"""The one family of refusals the data layer raises for bad input, each with a Spanish message.

A caller (a form's write wrapper, the CLI, a future API) catches :class:`ErrorDeDatos` once and
shows its message; the subclasses say which rule refused the input (a mesa rule, a user rule, a
field too long). Each is a ``ValueError``, so code that already caught ``ValueError`` still does.
"""

from __future__ import annotations

from data_layer.formato import format_entero


class ErrorDeDatos(ValueError):
    """Input the data layer refuses; the message is in Spanish, for the person at the keyboard.

    When it is raised nothing has been written (the caller's transaction is rolled back).
    """


class CampoDemasiadoLargo(ErrorDeDatos):
    """A text longer than its field admits (see :mod:`data_layer.limites`).

    Attributes:
        campo: the field's Spanish name (``texto del acuerdo``).
        maximo: how many characters the field admits.
        largo: how many characters the text has.
    """

    def __init__(self, campo: str, maximo: int, largo: int) -> None:
        self.campo, self.maximo, self.largo = campo, maximo, largo
        super().__init__(
            f"El campo «{campo}» admite como máximo {format_entero(maximo)} caracteres (tiene "
            f"{format_entero(largo)})."
        )
