"""The caps on a convocatoria's agenda: how many topics, how long each (``reglas``' numbers)."""

from __future__ import annotations

from collections.abc import Sequence

from data_layer.formato import format_entero
from data_layer.mesas import reglas
from data_layer.mesas.servicio.comun import ErrorMesa


def revisar_agenda(temas: Sequence[str]) -> None:
    """Refuse an agenda with too many topics or a topic too long, saying which and the limit.

    Args:
        temas: the topics the convocatoria lists (blank lines already left out); the open
            acuerdos the service carries in are not counted.

    Raises:
        ErrorMesa: more than :data:`~data_layer.mesas.reglas.MAX_PUNTOS_AGENDA` topics, or one
            longer than :data:`~data_layer.mesas.reglas.MAX_CARACTERES_PUNTO_AGENDA` characters.
    """
    if len(temas) > reglas.MAX_PUNTOS_AGENDA:
        raise ErrorMesa(
            f"La agenda tiene {format_entero(len(temas))} puntos; una convocatoria admite como "
            f"máximo {reglas.MAX_PUNTOS_AGENDA} (los acuerdos abiertos se agregan aparte, como "
            "puntos de seguimiento)."
        )
    for numero, tema in enumerate(temas, 1):
        if len(tema) > reglas.MAX_CARACTERES_PUNTO_AGENDA:
            raise ErrorMesa(
                f"El punto {numero} de la agenda tiene {format_entero(len(tema))} caracteres; "
                f"cada punto admite como máximo {reglas.MAX_CARACTERES_PUNTO_AGENDA}."
            )
