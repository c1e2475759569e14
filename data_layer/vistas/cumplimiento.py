"""Compliance by institution (issue #12): which institutions have most missing, late or returned
reports.

Built on the data-quality figures of :mod:`data_layer.reportes.calidad` (one row per expected
report at a cut date, counted by :func:`~data_layer.reportes.calidad.tasas`), never recounted:

- **faltantes** = esperados − recibidos (due and not received by the cut date);
- **tardíos** = recibidos − a tiempo (first received after their deadline);
- **devueltos** = the reports with a version returned by DIGER (as ``tasas`` counts them).

Window: the reports of the evaluated year whose period ends in a quarter from the year's first
up to the evaluated quarter (``2025-T3`` → ``2025-T1`` … ``2025-T3``), as known at the cut date.
Order: most missing first, then most late, then most returned, then sigla. The ranking can be
narrowed to a sector or an eje (a report counts in its indicator's goal's sector, else its
institution's main sector, as on ``/calidad``), and is always cut to what the user may see
(:func:`data_layer.permisos.sectores_cumplimiento`, :func:`~data_layer.permisos.
instituciones_cumplimiento`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from data_layer import periods
from data_layer.engine.frames import MCR
from data_layer.reportes.calidad import tasas
from data_layer.vistas.linaje import sectores_principales
from data_layer.vistas.niveles import sectores_del_eje

#: The ranking's counts, in its sort order.
CONTEOS = ("faltantes", "tardios", "devueltos")


@dataclass(frozen=True)
class Cumplimiento:
    """The compliance ranking of one window.

    Attributes:
        desde: the window's first quarter (the evaluated year's ``T1``).
        hasta: the window's last quarter (the evaluated quarter).
        ranking: one row per institution with reports expected in the window, worst first:
            ``institucion``, ``nombre``, ``sector`` (its main sector), ``esperados``, ``faltantes``,
            ``tardios``, ``devueltos``, ``completitud``, ``puntualidad``.
        total: the window's sums of ``esperados`` and :data:`CONTEOS`.
        visibles: the institutions whose counts the user may see in this cut (None: all); an
            institution outside it that is missing from the ranking is unknown, not compliant.
    """

    desde: str
    hasta: str
    ranking: pd.DataFrame
    total: dict[str, int]
    visibles: frozenset[str] | None = None


def ventana(periodo: str) -> tuple[str, str]:
    """The first and last quarter counted for the evaluated quarter ``periodo``
    (``2025-T3`` → ``("2025-T1", "2025-T3")``).

    Raises:
        ValueError: ``periodo`` is not a quarter.
    """
    p = periods.parse(periodo)
    if p.frecuencia != "trimestral":
        raise ValueError(f"El periodo evaluado debe ser un trimestre, no {periodo!r}")
    return f"{p.anio}-T1", str(p)


def recortar(
    estado: pd.DataFrame,
    sectores: frozenset[str] | None,
    instituciones: frozenset[str] | None,
) -> pd.DataFrame:
    """The rows of ``estado`` a user may see: reports of ``sectores`` and of ``instituciones``
    (None: no limit on that axis), as :mod:`data_layer.permisos` decides them."""
    mascara = pd.Series(True, index=estado.index)
    if sectores is not None:
        mascara &= estado["sector"].isin(list(sectores))
    if instituciones is not None:
        mascara &= estado["institucion"].isin(list(instituciones))
    return estado[mascara.to_numpy()]


def ranking(estado: pd.DataFrame, mcr: MCR) -> pd.DataFrame:
    """Per institution, the counts of ``estado`` (rows of one window), worst first."""
    conteos = tasas(estado, ["institucion"])
    nombres = mcr.instituciones.set_index(mcr.instituciones["sigla"].astype("str"))["nombre"]
    salida = pd.DataFrame(
        {
            "institucion": conteos["institucion"].astype("str"),
            "nombre": conteos["institucion"].astype("str").map(nombres),
            "sector": conteos["institucion"].astype("str").map(sectores_principales(mcr)),
            "esperados": conteos["esperados"].astype("int64"),
            "faltantes": (conteos["esperados"] - conteos["recibidos"]).astype("int64"),
            "tardios": (conteos["recibidos"] - conteos["a_tiempo"]).astype("int64"),
            "devueltos": conteos["devueltos"].astype("int64"),
            "completitud": conteos["completitud"].astype("float64"),
            "puntualidad": conteos["puntualidad"].astype("float64"),
        }
    )
    salida["nombre"] = salida["nombre"].fillna(salida["institucion"])
    return salida.sort_values(
        [*CONTEOS, "institucion"], ascending=[False, False, False, True], kind="stable"
    ).reset_index(drop=True)


def cumplimiento(
    estado: pd.DataFrame,
    mcr: MCR,
    periodo: str,
    *,
    sector: str | None = None,
    eje: str | None = None,
    sectores_visibles: frozenset[str] | None = None,
    instituciones_visibles: frozenset[str] | None = None,
) -> Cumplimiento:
    """The compliance ranking of the evaluated quarter's window.

    Args:
        estado: :func:`~data_layer.reportes.calidad.estado_reportes` at the cut date.
        mcr: the MCR (names, main sectors, an eje's sectors).
        periodo: the evaluated quarter.
        sector: only reports of this sector (None: every sector).
        eje: only reports of the sectors of this eje and its dimensions (None: every eje).
        sectores_visibles: the sectors the user may see (None: all), from
            :func:`data_layer.permisos.sectores_cumplimiento`.
        instituciones_visibles: the institutions the user may see (None: all), from
            :func:`data_layer.permisos.instituciones_cumplimiento`.
    """
    desde, hasta = ventana(periodo)
    trimestre = estado["trimestre"].astype("str")
    filas = estado[((trimestre >= desde) & (trimestre <= hasta)).to_numpy()]
    filas = recortar(filas, sectores_visibles, instituciones_visibles)
    lugar: Collection[str] | None = None
    if sector is not None:
        lugar = [sector]
    elif eje is not None:
        lugar = sectores_del_eje(mcr, eje)
    if lugar is not None:
        filas = filas[filas["sector"].isin(list(lugar)).to_numpy()]
    tabla = ranking(filas, mcr)
    total = {"esperados": int(tabla["esperados"].sum())}
    total.update({c: int(tabla[c].sum()) for c in CONTEOS})
    visibles = instituciones_visibles
    if sectores_visibles is not None and not set(lugar or sectores_visibles) <= sectores_visibles:
        # A place (partly) outside the user's sectors: nobody's count there is known to them.
        visibles = frozenset()
    return Cumplimiento(desde=desde, hasta=hasta, ranking=tabla, total=total, visibles=visibles)


def faltantes_por_institucion(instituciones: pd.DataFrame, c: Cumplimiento) -> pd.DataFrame:
    """A level page's institutions grid (``codigo`` = sigla) with ``reportes_faltantes``: the
    institution's missing reports in ``c`` (0 when none was missing or expected), NA for an
    institution whose reports the user may not see (:attr:`Cumplimiento.visibles`)."""
    visibles = c.visibles
    faltantes = c.ranking.set_index("institucion")["faltantes"]
    siglas = instituciones["codigo"].astype("str")
    valores = siglas.map(faltantes).fillna(0).astype("Int64")
    if visibles is not None:
        valores = valores.mask(~siglas.isin(list(visibles)).to_numpy())
    return instituciones.assign(reportes_faltantes=valores.to_numpy())
