"""Breadcrumbs: the chain Inicio › Eje › Sector › Institución › Meta › Indicador of an entity.

Where an entity does not name a level itself, the chain borrows it: a sectoral goal's eje is its
sector's first eje (by code); an institutional goal's sector is its own, or its institution's
main sector; an institution's sector is its main one. An eje that is a dimension (E2-ECO) is
preceded by its parent eje (E2) only on that eje's own page; elsewhere the chain names the
dimension. Links are bare paths: the dashboard adds the current filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

import pandas as pd

from data_layer.engine.frames import MCR

Tipo = Literal["eje", "sector", "institucion", "meta", "indicador"]

#: Path of each entity's page.
RUTAS: dict[str, str] = {
    "eje": "/ejes/",
    "sector": "/sectores/",
    "institucion": "/instituciones/",
    "meta": "/metas/",
    "indicador": "/indicadores/",
}


@dataclass(frozen=True)
class Miga:
    """One breadcrumb.

    Attributes:
        tipo: ``inicio``, ``eje``, ``sector``, ``institucion``, ``meta`` or ``indicador``.
        codigo: the entity's code (sigla for institutions); empty for ``inicio``.
        etiqueta: the short text shown (a code, or a sector's name).
        ruta: the page's path (``/metas/MS-SAL-01``).
        titulo: the full name or description, for a tooltip.
    """

    tipo: str
    codigo: str
    etiqueta: str
    ruta: str
    titulo: str = ""


INICIO = Miga("inicio", "", "Inicio", "/", "Resumen presidencial")


def ruta(tipo: Tipo, codigo: str) -> str:
    """The path of an entity's page (``ruta("meta", "MS-01")`` → ``/metas/MS-01``)."""
    return RUTAS[tipo] + quote(str(codigo), safe="")


def _texto(valor: Any) -> str | None:
    if valor is None or (not isinstance(valor, str) and pd.isna(valor)):
        return None
    texto = str(valor)
    return texto or None


def _fila(frame: pd.DataFrame, columna: str, codigo: str) -> dict | None:
    filas = frame.loc[frame[columna].astype("str") == codigo]
    return None if filas.empty else filas.iloc[0].to_dict()


def _miga_eje(mcr: MCR, codigo: str | None) -> Miga | None:
    fila = _fila(mcr.ejes, "codigo", codigo) if codigo else None
    if fila is None or not codigo:
        return None
    return Miga("eje", codigo, codigo, ruta("eje", codigo), str(fila["nombre"]))


def _miga_sector(mcr: MCR, codigo: str | None) -> Miga | None:
    fila = _fila(mcr.sectores, "codigo", codigo) if codigo else None
    if fila is None or not codigo:
        return None
    nombre = str(fila["nombre"])
    return Miga("sector", codigo, nombre, ruta("sector", codigo), f"Sector {nombre} ({codigo})")


def _miga_institucion(mcr: MCR, sigla: str | None) -> Miga | None:
    fila = _fila(mcr.instituciones, "sigla", sigla) if sigla else None
    if fila is None or not sigla:
        return None
    return Miga("institucion", sigla, sigla, ruta("institucion", sigla), str(fila["nombre"]))


def ejes_de_sectores(mcr: MCR) -> pd.Series:
    """Each sector's first eje by code (the eje its breadcrumbs show): sector code → eje code."""
    pares = mcr.sector_ejes.astype({"sector": "str", "eje": "str"})
    return pares.groupby("sector")["eje"].min()


def sectores_principales(mcr: MCR) -> pd.Series:
    """Each institution's main sector (its first by code when none is marked): sigla → sector."""
    pares = mcr.institucion_sectores.astype({"institucion": "str", "sector": "str"})
    # Marked main sectors sort first, then by code: the first row per institution wins.
    orden = pares.assign(_no_principal=~pares["principal"].astype(bool)).sort_values(
        ["institucion", "_no_principal", "sector"]
    )
    return orden.groupby("institucion")["sector"].first()


def eje_del_sector(mcr: MCR, sector: str | None) -> str | None:
    """The first eje (by code) of ``sector``, or None."""
    return _texto(ejes_de_sectores(mcr).get(sector))


def sector_principal(mcr: MCR, sigla: str | None) -> str | None:
    """The main sector of institution ``sigla`` (its first by code when none is marked)."""
    return _texto(sectores_principales(mcr).get(sigla))


def _cadena(*migas: Miga | None) -> list[Miga]:
    return [INICIO, *(m for m in migas if m is not None)]


def _linaje_meta(mcr: MCR, codigo: str) -> list[Miga] | None:
    fila = _fila(mcr.metas, "codigo", codigo)
    if fila is None:
        return None
    institucion = _texto(fila["institucion"])
    sector = _texto(fila["sector"]) or sector_principal(mcr, institucion)
    eje = _texto(fila["eje"]) or eje_del_sector(mcr, sector)
    propia = Miga("meta", codigo, codigo, ruta("meta", codigo), str(fila["descripcion"]))
    return _cadena(
        _miga_eje(mcr, eje),
        _miga_sector(mcr, sector),
        _miga_institucion(mcr, institucion),
        propia,
    )


def linaje(mcr: MCR, tipo: Tipo, codigo: str) -> list[Miga]:
    """The breadcrumbs of an entity, from "Inicio" to the entity itself.

    Args:
        mcr: the MCR.
        tipo: the entity's kind.
        codigo: its code (sigla for an institution).

    Returns:
        ``[Inicio, eje, sector, institución, meta, indicador]`` as far as the entity goes,
        leaving out levels that do not apply (a presidential goal has no sector); just
        ``[Inicio]`` when the code is not in the MCR.
    """
    codigo = str(codigo)
    cadena: list[Miga] | None = None
    if tipo == "eje":
        fila = _fila(mcr.ejes, "codigo", codigo)
        if fila is not None:
            cadena = _cadena(_miga_eje(mcr, _texto(fila["eje_padre"])), _miga_eje(mcr, codigo))
    elif tipo == "sector":
        propia = _miga_sector(mcr, codigo)
        if propia is not None:
            cadena = _cadena(_miga_eje(mcr, eje_del_sector(mcr, codigo)), propia)
    elif tipo == "institucion":
        propia = _miga_institucion(mcr, codigo)
        if propia is not None:
            sector = sector_principal(mcr, codigo)
            cadena = _cadena(
                _miga_eje(mcr, eje_del_sector(mcr, sector)), _miga_sector(mcr, sector), propia
            )
    elif tipo == "meta":
        cadena = _linaje_meta(mcr, codigo)
    elif tipo == "indicador":
        fila = _fila(mcr.indicadores, "codigo", codigo)
        if fila is not None:
            cadena = _linaje_meta(mcr, str(fila["meta"])) or [INICIO]
            cadena.append(
                Miga("indicador", codigo, codigo, ruta("indicador", codigo), str(fila["nombre"]))
            )
    else:
        raise ValueError(f"«{tipo}» no es un tipo de entidad")
    return cadena or [INICIO]
