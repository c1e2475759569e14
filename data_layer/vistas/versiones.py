"""The versions of an indicator's values, per period, as the indicator page shows them.

DOMAIN.md §8: every change of a value is a new version. For each period this view lists its
versions in order (state, value, who sent it and when, who reviewed it and when, the explanation
of the variance, the observación of a return, the motivo of a correction, the evidence), says
which one is the official value (the validated one) and which one waits for validation
(«por validar»: sent, never counted). Drafts are shown only to who may see them
(:func:`data_layer.permisos.puede_ver_borrador`). Pure functions of the frame of
:func:`data_layer.queries.query_versiones_indicador`: no database, no Dash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from data_layer import periods, permisos
from data_layer.auth import Alcance
from data_layer.models import EstadoVersion, OrigenVersion

#: Spanish labels of the version states on the indicator page («por validar» is the word the
#: page marks pending values with).
ESTADOS = {
    EstadoVersion.borrador: "Borrador (no enviado)",
    EstadoVersion.enviado: "Por validar",
    EstadoVersion.devuelto: "Devuelto",
    EstadoVersion.validado: "Validado (oficial)",
    EstadoVersion.reemplazado: "Reemplazado",
}

#: How a version came to be (Spanish).
ORIGENES = {
    OrigenVersion.reporte: "Reporte",
    OrigenVersion.importacion: "Importación de la MCR",
    OrigenVersion.correccion: "Solicitud de corrección",
}


def _momento(valor: Any) -> dt.datetime | None:
    if valor is None or pd.isna(valor):  # NaT is a datetime too
        return None
    return periods.hora_honduras(pd.Timestamp(valor).to_pydatetime())


def _texto(valor: Any) -> str | None:
    if valor is None or (isinstance(valor, float) and pd.isna(valor)):
        return None
    texto = str(valor).strip()
    return texto or None


def _enum(tipo: Any, valor: Any) -> Any:
    return valor if isinstance(valor, tipo) else tipo(str(valor))


@dataclass(frozen=True)
class VersionValor:
    """One version of a period's value, as the page shows it.

    Attributes:
        periodo, numero: the period and the version's number (1, 2…).
        estado: its state; ``estado_texto`` its Spanish label (:data:`ESTADOS`).
        origen: a report or a solicitud de corrección (``origen_texto`` in Spanish).
        valor: the value.
        enviado_por, recibido_en: who sent it and when the system received it (Honduras time);
            None for a draft. An imported value is received on its report date.
        revisado_por, revisado_en: the analyst who validated or returned it, and when.
        reemplazado_en: when a validated correction replaced it (``reemplazado`` only).
        explicacion: the institution's explanation of the variance.
        observacion: the analyst's observación (required to return a version).
        motivo: the reason of a correction.
        comentario: the source note of an imported value.
        evidencia_clave, evidencia_nombre: the uploaded evidence file, if any.
        evidencia_url: the evidence link (``https://``), if any.
    """

    periodo: str
    numero: int
    estado: EstadoVersion
    origen: OrigenVersion
    valor: float
    enviado_por: str | None
    recibido_en: dt.datetime | None
    revisado_por: str | None
    revisado_en: dt.datetime | None
    reemplazado_en: dt.datetime | None
    explicacion: str | None
    observacion: str | None
    motivo: str | None
    comentario: str | None
    evidencia_clave: str | None
    evidencia_nombre: str | None
    evidencia_url: str | None

    @property
    def estado_texto(self) -> str:
        """The state in Spanish, as the page shows it."""
        return ESTADOS[self.estado]

    @property
    def origen_texto(self) -> str:
        """The origin in Spanish."""
        return ORIGENES[self.origen]

    @property
    def oficial(self) -> bool:
        """Whether this version is the official value today (the validated one)."""
        return self.estado is EstadoVersion.validado

    @property
    def por_validar(self) -> bool:
        """Whether this version was sent and waits for validation (it does not count)."""
        return self.estado is EstadoVersion.enviado


@dataclass(frozen=True)
class VersionesPeriodo:
    """The versions of one period, oldest first, with the official and the pending one.

    Attributes:
        periodo: the period.
        versiones: its versions the user may see, by number.
        oficial: the validated version (the value that counts), or None.
        pendiente: the sent version waiting for validation («por validar»), or None.
    """

    periodo: str
    versiones: tuple[VersionValor, ...]
    oficial: VersionValor | None
    pendiente: VersionValor | None

    @property
    def con_historia(self) -> bool:
        """Whether there is more to tell than one validated value (several versions, or one
        that is not validated)."""
        return len(self.versiones) > 1 or self.oficial is None


def _version(fila: dict[Any, Any]) -> VersionValor:
    estado = _enum(EstadoVersion, fila["estado"])
    revisado_en = fila["devuelto_en"] if estado is EstadoVersion.devuelto else fila["validado_en"]
    return VersionValor(
        periodo=str(fila["periodo"]),
        numero=int(fila["numero"]),
        estado=estado,
        origen=_enum(OrigenVersion, fila["origen"]),
        valor=float(fila["valor"]),
        enviado_por=_texto(fila["enviado_por"]),
        recibido_en=_momento(fila["recibido_en"]),
        revisado_por=_texto(fila["revisado_por"]),
        revisado_en=_momento(revisado_en),
        reemplazado_en=_momento(fila["reemplazado_en"]),
        explicacion=_texto(fila["explicacion"]),
        observacion=_texto(fila["observacion"]),
        motivo=_texto(fila["motivo"]),
        comentario=_texto(fila["comentario"]),
        evidencia_clave=_texto(fila["evidencia_clave"]),
        evidencia_nombre=_texto(fila["evidencia_nombre"]),
        evidencia_url=_texto(fila["evidencia_url"]),
    )


def versiones_por_periodo(
    filas: pd.DataFrame, alcance: Alcance | None, institucion_responsable: str | None
) -> list[VersionesPeriodo]:
    """The indicator's versions grouped by period, latest period first, versions by number.

    Args:
        filas: the rows of :func:`data_layer.queries.query_versiones_indicador` for one indicator.
        alcance: who looks; drafts are left out unless
            :func:`~data_layer.permisos.puede_ver_borrador` allows it.
        institucion_responsable: the indicator's institution (sigla).

    Returns:
        One entry per period that has at least one version the user may see.
    """
    if filas.empty:
        return []
    ver_borrador = permisos.puede_ver_borrador(alcance, institucion_responsable)
    por_periodo: dict[str, list[VersionValor]] = {}
    for fila in filas.to_dict("records"):
        version = _version(fila)
        if version.estado is EstadoVersion.borrador and not ver_borrador:
            continue
        por_periodo.setdefault(version.periodo, []).append(version)
    salida = []
    for periodo in sorted(por_periodo, key=lambda p: periods.parse(p).ordinal, reverse=True):
        versiones = tuple(sorted(por_periodo[periodo], key=lambda v: v.numero))
        salida.append(
            VersionesPeriodo(
                periodo=periodo,
                versiones=versiones,
                oficial=next((v for v in versiones if v.oficial), None),
                pendiente=next((v for v in versiones if v.por_validar), None),
            )
        )
    return salida


def pendientes(historia: list[VersionesPeriodo]) -> dict[str, VersionValor]:
    """The value waiting for validation of each period that has one («por validar»)."""
    return {p.periodo: p.pendiente for p in historia if p.pendiente is not None}


def valor_en_grafico(serie: pd.DataFrame, periodo: str, valor: float, acumulado: bool) -> float:
    """Where a pending ``valor`` of ``periodo`` sits on the indicator's chart: the value itself,
    or for an acumulado indicator the validated values of the earlier periods of its target
    window plus it (the chart draws cumulative values).

    Args:
        serie: :func:`data_layer.vistas.detalle_indicador.serie_indicador`.
        periodo: the pending value's period.
        valor: the pending value.
        acumulado: whether the indicator is acumulado.
    """
    if not acumulado or serie.empty:
        return float(valor)
    ordinal = serie["periodo"].map(lambda t: periods.parse(str(t)).ordinal)
    programados = ordinal[serie["meta_periodo"].notna()]
    inicio = int(programados.min()) if len(programados) else int(ordinal.min())
    tope = periods.parse(periodo).ordinal
    previos = serie.loc[(ordinal >= inicio) & (ordinal < tope), "valor_periodo"]
    return float(previos.sum(skipna=True)) + float(valor)
