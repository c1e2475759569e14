"""The filters every page shares, carried in the URL query string.

``?periodo=2026-T3&eje=E1&sector=SAL&tema=Género&estado=rojo``: a copied link opens the same view
and the browser's back and forward buttons move between views. Values come from the browser, so
they are never trusted: :func:`from_query` keeps only well-formed values, and the data layer
checks codes against the MCR before using them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlencode

from data_layer import periods
from data_layer.engine.frames import ESTADOS

CAMPOS = ("periodo", "eje", "sector", "tema", "estado")

# Codes and theme names: letters (with accents), digits, spaces and a few separators.
_TEXTO_VALIDO = re.compile(r"^[\w .,;:()/&-]{1,120}$")


@dataclass(frozen=True)
class Filtros:
    """The filter values of one view; None means "no filter" (or the default period)."""

    periodo: str | None = None
    eje: str | None = None
    sector: str | None = None
    tema: str | None = None
    estado: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """The values as a plain dict (for a ``dcc.Store``)."""
        # Not dataclasses.asdict: it deep-copies, and grids call this once per row link.
        return {campo: getattr(self, campo) for campo in CAMPOS_FILTRO}

    def con(self, **cambios: str | None) -> Filtros:
        """A copy with some values changed (validated like the URL's)."""
        return from_query({**self.as_dict(), **cambios})


#: The filter names, in URL order.
CAMPOS_FILTRO = tuple(campo.name for campo in fields(Filtros))


def _limpio(valor: Any) -> str | None:
    if isinstance(valor, list | tuple):  # ?eje=E1&eje=E2 arrives as a list: keep the first
        valor = valor[0] if valor else None
    if not isinstance(valor, str):
        return None
    valor = valor.strip()
    return valor if valor and _TEXTO_VALIDO.match(valor) else None


def _periodo(valor: Any) -> str | None:
    texto = _limpio(valor)
    if texto is None:
        return None
    try:
        periodo = periods.parse(texto)
    except periods.PeriodoInvalido:
        return None
    # The dashboard evaluates quarters; a semester or a year means its last quarter.
    return periods.resolver(str(periodo), "trimestral")


def from_query(valores: Mapping[str, Any] | None) -> Filtros:
    """Filters from URL query parameters (Dash pages' layout ``**kwargs``) or a stored dict.

    Malformed values are dropped (treated as "no filter"), never raised: a hand-edited link still
    opens a page. Unknown parameters are ignored.
    """
    valores = valores or {}
    estado = _limpio(valores.get("estado"))
    return Filtros(
        periodo=_periodo(valores.get("periodo")),
        eje=_limpio(valores.get("eje")),
        sector=_limpio(valores.get("sector")),
        tema=_limpio(valores.get("tema")),
        estado=estado if estado in ESTADOS else None,
    )


def to_query(filtros: Filtros) -> str:
    """The query string of ``filtros`` (``?periodo=2026-T3&eje=E1``), or ``""`` when empty."""
    pares = [(c, v) for c, v in filtros.as_dict().items() if v]
    return "?" + urlencode(pares) if pares else ""


def href(ruta: str, filtros: Filtros, **cambios: str | None) -> str:
    """A link to ``ruta`` that keeps the current filters (optionally changing some).

    ``ruta`` may carry a query of its own (``/mesas/SAL?acuerdo=12``): the filters are added to it.
    """
    consulta = to_query(replace(filtros, **cambios) if cambios else filtros)
    if consulta and "?" in ruta:
        return f"{ruta}&{consulta[1:]}"
    return ruta + consulta
