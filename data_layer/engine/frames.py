"""The engine's input (:class:`MCR`), its configurable rules (:class:`Reglas`) and state vocabulary.

The engine is pure pandas: it receives an :class:`MCR` made of DataFrames (from the database through
``data_layer.queries``, or built directly in tests and benchmarks) and never does I/O.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import pandas as pd

# Traffic-light states, in order of severity for display.
VERDE, AMARILLO, ROJO = "verde", "amarillo", "rojo"
SIN_DATO, PENDIENTE, NO_PROGRAMADO = "sin_dato", "pendiente", "no_programado"
ESTADOS = (ROJO, AMARILLO, VERDE, SIN_DATO, PENDIENTE, NO_PROGRAMADO)
ESTADOS_CON_VALOR = (VERDE, AMARILLO, ROJO)

NIVELES = ("presidencial", "sectorial", "institucional")
ESLABONES = ("insumo", "actividad", "producto", "resultado", "impacto")

#: Columns of each input frame, in order. Codes are strings; optional cells are NA.
COLUMNAS: dict[str, tuple[str, ...]] = {
    "ejes": ("codigo", "nombre", "eje_padre"),
    "sectores": ("codigo", "nombre", "institucion_rectora"),
    "sector_ejes": ("sector", "eje"),
    "instituciones": ("sigla", "nombre"),
    "institucion_sectores": ("institucion", "sector", "principal"),
    "metas": ("codigo", "nivel", "descripcion", "eje", "sector", "institucion", "peso"),
    # meta contributes to meta_destino with weight peso (the contributing goal's peso).
    "contribuciones": ("meta", "meta_destino", "peso"),
    "indicadores": (
        "codigo",
        "meta",
        "nombre",
        "eslabon",
        "unidad",
        "sentido",
        "tipo",
        "frecuencia",
        "linea_base",
        "anio_base",
        "fuente",
        "institucion_responsable",
        "umbral_verde",
        "umbral_amarillo",
        "peso",
    ),
    "indicador_temas": ("indicador", "tema"),
    # meta_original: first target ever loaded; meta: the current (possibly revised) target.
    "programacion": ("indicador", "periodo", "meta_original", "meta"),
    # One row per validated version (current or replaced). fecha_reporte: the day the period
    # was first received; validado_en: the day this version was validated (both datetime64[ns],
    # a Honduras date at midnight). A missing validado_en means "known since fecha_reporte".
    "avances": ("indicador", "periodo", "valor", "fecha_reporte", "validado_en"),
    # The first receipt of each period that was sent, validated or not (DOMAIN.md §8): a report
    # received on time and waiting for validation is neither missing nor late.
    "recepciones": ("indicador", "periodo", "recibido_en"),
    # Every version that was sent (any state but borrador), with its review times, all Honduras
    # dates at midnight (NaT when the step has not happened). Drives validacion_pendiente and
    # reporte_devuelto at any cut date, and the data-quality rates. ``explicacion``: whether the
    # version carries the institution's explanation of a variance (what the checks at entry
    # require when they warn).
    "versiones": (
        "indicador",
        "periodo",
        "numero",
        "recibido_en",
        "validado_en",
        "devuelto_en",
        "explicacion",
    ),
}


#: Numeric columns (float64, NaN when empty) of the input frames; every other column is text.
NUMERICAS: dict[str, tuple[str, ...]] = {
    "metas": ("peso",),
    "contribuciones": ("peso",),
    "indicadores": ("linea_base", "anio_base", "umbral_verde", "umbral_amarillo", "peso"),
    "programacion": ("meta_original", "meta"),
    "avances": ("valor",),
    "versiones": ("numero",),
}


def empty_frame(nombre: str) -> pd.DataFrame:
    """An empty input frame with the right columns."""
    return typed_frame(pd.DataFrame({c: [] for c in COLUMNAS[nombre]}), nombre)


def typed_frame(frame: pd.DataFrame, nombre: str) -> pd.DataFrame:
    """Give an input frame the dtypes the engine expects (floats, datetimes, booleans)."""
    out = frame.astype({c: "float64" for c in NUMERICAS.get(nombre, ())})
    if nombre == "avances":
        out["fecha_reporte"] = pd.to_datetime(out["fecha_reporte"])
        validado = out["validado_en"] if "validado_en" in out else out["fecha_reporte"]
        out["validado_en"] = pd.to_datetime(validado)
    if nombre == "recepciones":
        out["recibido_en"] = pd.to_datetime(out["recibido_en"]).astype("datetime64[ns]")
    if nombre == "versiones":
        for col in ("recibido_en", "validado_en", "devuelto_en"):
            out[col] = pd.to_datetime(out[col]).astype("datetime64[ns]")
        out["explicacion"] = out["explicacion"].astype("boolean").fillna(False).astype(bool)
    if nombre == "institucion_sectores":
        out["principal"] = out["principal"].astype(bool)
    return out


@dataclass(frozen=True)
class MCR:
    """A whole Matriz de Consistencia de Resultados as DataFrames (see :data:`COLUMNAS`)."""

    ejes: pd.DataFrame = field(default_factory=lambda: empty_frame("ejes"))
    sectores: pd.DataFrame = field(default_factory=lambda: empty_frame("sectores"))
    sector_ejes: pd.DataFrame = field(default_factory=lambda: empty_frame("sector_ejes"))
    instituciones: pd.DataFrame = field(default_factory=lambda: empty_frame("instituciones"))
    institucion_sectores: pd.DataFrame = field(
        default_factory=lambda: empty_frame("institucion_sectores")
    )
    metas: pd.DataFrame = field(default_factory=lambda: empty_frame("metas"))
    contribuciones: pd.DataFrame = field(default_factory=lambda: empty_frame("contribuciones"))
    indicadores: pd.DataFrame = field(default_factory=lambda: empty_frame("indicadores"))
    indicador_temas: pd.DataFrame = field(default_factory=lambda: empty_frame("indicador_temas"))
    programacion: pd.DataFrame = field(default_factory=lambda: empty_frame("programacion"))
    avances: pd.DataFrame = field(default_factory=lambda: empty_frame("avances"))
    recepciones: pd.DataFrame = field(default_factory=lambda: empty_frame("recepciones"))
    versiones: pd.DataFrame = field(default_factory=lambda: empty_frame("versiones"))


@dataclass(frozen=True)
class Reglas:
    """Every tunable number of DOMAIN.md §3–4; defaults are DIGER's published rules.

    Load overrides from a TOML file (``SIGPRET_REGLAS``) with :meth:`from_toml`.
    """

    umbral_verde: float = 81.0
    umbral_amarillo: float = 61.0
    plazo_reporte_dias: int = 15
    cobertura_minima: float = 50.0
    revisar_programacion_sobre: float = 120.0
    atipico_z: float = 3.5
    atipico_min_cambios: int = 4
    banda_medio: float = 61.0
    banda_alto: float = 81.0
    proyeccion_min_puntos: int = 3
    #: Days after a report's deadline when the period closes for first reports (DOMAIN.md §8).
    cierre_dias: int = 30
    #: Days a sent version may wait for review before ``validacion_pendiente``.
    validacion_pendiente_dias: int = 5
    #: Days a returned version may wait to be sent again before ``reporte_devuelto``.
    reporte_devuelto_dias: int = 5
    #: A value that moves more than this % from the previous period is flagged for review.
    gran_variacion_pct: float = 50.0

    @classmethod
    def from_toml(cls, path: str | Path | None) -> Reglas:
        """Defaults, overridden by the keys of a TOML file when ``path`` is given."""
        if not path:
            return cls()
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        conocidos = {f.name for f in fields(cls)}
        desconocidos = set(data) - conocidos
        if desconocidos:
            raise ValueError(f"Claves desconocidas en {path}: {', '.join(sorted(desconocidos))}")
        return replace(cls(), **data)
