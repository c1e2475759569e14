"""Hyphenated HTML attributes (``aria-*``) for Dash components, which keywords cannot spell."""

from __future__ import annotations

from typing import Any


def aria(**atributos: str) -> dict[str, Any]:
    """The ``aria-*`` attributes named by the keywords (``label`` → ``aria-label``).

    Pass them unpacked: ``html.Section(..., **aria(label="Filtros"))``. The values are typed
    ``Any`` because an unpacked ``dict[str, str]`` would, for the type checker, also have to
    fit every numeric and boolean keyword of the component.

    Args:
        **atributos: each attribute's name without the ``aria-`` prefix, and its value.

    Returns:
        The attributes, keyed by their HTML names.
    """
    return {f"aria-{nombre}": valor for nombre, valor in atributos.items()}
