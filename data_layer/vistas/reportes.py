"""«Mis reportes» (``/reportes``): what a planning unit has to report, and the checks of a value.

One row per indicator the institution is responsible for and programmed period that has ended
(plus the period in progress, «próximo»), with its deadline, its closing date and its state
(:func:`data_layer.reportes.reglas.estado_reporte`), the latest version's value, explanation and
observación. Rows that need action come first (:data:`PRIORIDAD`). Who sees whose reports is
:func:`data_layer.permisos.instituciones_mis_reportes`; writing is the services' business.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from data_layer import formato, periods, permisos
from data_layer.auth import Alcance
from data_layer.engine.frames import Reglas
from data_layer.evidencias import ruta_descarga
from data_layer.reportes import controles
from data_layer.reportes import mis_reportes as consultas
from data_layer.reportes.reglas import (
    ETIQUETAS,
    cierre,
    estado_reporte,
    terminado,
    valor_imposible,
    vencimiento,
)

#: The state of the period in progress: not reportable yet, its deadline is shown.
PROXIMO = "proximo"
#: Spanish labels of every row state.
ETIQUETAS_FILA = {**{e.value: t for e, t in ETIQUETAS.items()}, PROXIMO: "Próximo (en curso)"}
#: Days before a deadline from which a pending report counts as «near».
DIAS_CERCA = 15
#: Sort order (lower first): what needs action first.
PRIORIDAD = {
    "devuelto": 0,
    "tardio": 1,
    "borrador_vencido": 2,
    "por_reportar_cerca": 3,
    "borrador": 4,
    "por_reportar": 5,
    PROXIMO: 6,
    "enviado": 7,
    "validado": 8,
    "cerrado": 9,
}
#: States in which the planning unit can still save or send a value.
EDITABLES = frozenset({"por_reportar", "tardio", "borrador", "devuelto"})


def _fecha(dia: dt.date | None) -> str:
    return "" if dia is None else dia.strftime("%d/%m/%Y")


def _momento(momento: dt.datetime | None) -> str:
    if momento is None:
        return ""
    return periods.hora_honduras(periods.como_utc(momento)).strftime("%d/%m/%Y %H:%M")


def _numero(valor: float) -> str:
    """A value or target as the page shows it: no decimals when whole, else two."""
    return formato.format_numero(valor, 0 if float(valor).is_integer() else 2)


def _en_curso(periodo: str, hoy: dt.date) -> bool:
    p = periods.parse(periodo)
    return p.inicio <= hoy <= p.fin


def _clave_orden(estado: str, vence: dt.date, hoy: dt.date) -> str:
    if estado == "borrador" and hoy > vence:
        return "borrador_vencido"
    if estado == "por_reportar" and (vence - hoy).days <= DIAS_CERCA:
        return "por_reportar_cerca"
    return estado


def _plazo(
    estado: str, vence: dt.date, cierra: dt.date, hoy: dt.date, *, reabierto: bool = False
) -> str:
    """A short Spanish note on the deadline ("vence en 3 días", "venció hace 5 días")."""
    if estado not in EDITABLES and estado != PROXIMO:
        return ""
    dias = (vence - hoy).days
    if dias > 1:
        return f"Vence en {dias} días"
    if dias == 1:
        return "Vence mañana"
    if dias == 0:
        return "Vence hoy"
    if estado == "devuelto":
        return "Corrija y envíe de nuevo"
    if hoy > cierra and reabierto:
        return f"Venció hace {-dias} días; reabierto por la DIGER"
    return f"Venció hace {-dias} días; cierra el {_fecha(cierra)}"


def construir_filas(
    datos: consultas.DatosInstitucion, hoy: dt.date, reglas: Reglas
) -> list[dict[str, Any]]:
    """One row per indicator and programmed period ended by ``hoy`` (or in progress), sorted by
    what needs action first, then by deadline and indicator (pure: no database)."""
    filas: list[dict[str, Any]] = []
    for (ident, periodo), meta in datos.metas.items():
        ind = datos.indicadores[ident]
        if not terminado(periodo, hoy) and not _en_curso(periodo, hoy):
            continue
        ultima = datos.ultimas.get((ident, periodo))
        vence, cierra = vencimiento(periodo, reglas), cierre(periodo, reglas)
        if terminado(periodo, hoy):
            estado = estado_reporte(
                None if ultima is None else ultima.estado,
                periodo,
                hoy,
                reglas,
                recibido=(ident, periodo) in datos.recibidos,
                reabierto=(ind.institucion, periodo) in datos.reabiertos,
            ).value
        else:
            estado = PROXIMO
        orden = _clave_orden(estado, vence, hoy)
        valor = None if ultima is None else ultima.valor
        filas.append(
            {
                "id": f"{ind.codigo}|{periodo}",
                "indicador": ind.codigo,
                "nombre": ind.nombre,
                "institucion": ind.institucion,
                "unidad": ind.unidad,
                "periodo": periodo,
                "meta": meta,
                "meta_texto": _numero(meta),
                "valor": valor,
                "valor_texto": "" if valor is None else _numero(valor),
                "estado": estado,
                "estado_texto": ETIQUETAS_FILA[estado],
                "vencimiento": vence.isoformat(),
                "vencimiento_texto": _fecha(vence),
                "cierre_texto": _fecha(cierra),
                "plazo": _plazo(
                    estado,
                    vence,
                    cierra,
                    hoy,
                    reabierto=(ind.institucion, periodo) in datos.reabiertos,
                ),
                "explicacion": (ultima.explicacion if ultima else None) or "",
                "observacion": (ultima.observacion if ultima and estado == "devuelto" else None)
                or "",
                "evidencia_url": (ultima.evidencia_url if ultima else None) or "",
                "evidencia_id": ultima.evidencia_id if ultima else None,
                "evidencia_nombre": (ultima.evidencia_nombre if ultima else None) or "",
                "evidencia_href": (
                    ruta_descarga(ultima.evidencia_clave)
                    if ultima is not None and ultima.evidencia_clave
                    else ""
                ),
                "version_id": None if ultima is None else ultima.id,
                "requiere_evidencia": ind.requiere_evidencia,
                "prioridad": PRIORIDAD[orden],
                "atencion": orden in {"devuelto", "tardio", "borrador_vencido"},
            }
        )
    filas.sort(key=lambda f: (f["prioridad"], f["vencimiento"], f["indicador"]))
    return filas


@dataclass
class MisReportes:
    """The page's content for one user.

    Attributes:
        instituciones: siglas shown.
        filas: the grid's rows (:func:`construir_filas`).
        conteos: por_reportar (still to send, late included), tardios, devueltos, enviados.
        proximo_vencimiento: the nearest deadline still to meet (today or later), or None.
        escribe: whether the user may save and send here (their own institution's upgret).
    """

    instituciones: list[str]
    filas: list[dict[str, Any]] = field(default_factory=list)
    conteos: dict[str, int] = field(default_factory=dict)
    proximo_vencimiento: dt.date | None = None
    escribe: bool = False

    @property
    def proximo_texto(self) -> str:
        """The nearest deadline as ``dd/mm/aaaa`` (empty when none)."""
        return _fecha(self.proximo_vencimiento)


def conteos(filas: list[dict[str, Any]], hoy: dt.date) -> dict[str, int]:
    """The summary of the rows: to report (late included), late, returned, sent and waiting,
    and closed without a report (they need a reapertura)."""
    pendientes = [f for f in filas if f["estado"] in {"por_reportar", "tardio", "borrador"}]
    return {
        "por_reportar": len(pendientes),
        "tardios": sum(1 for f in pendientes if dt.date.fromisoformat(f["vencimiento"]) < hoy),
        "devueltos": sum(1 for f in filas if f["estado"] == "devuelto"),
        "enviados": sum(1 for f in filas if f["estado"] == "enviado"),
        "borradores": sum(1 for f in filas if f["estado"] == "borrador"),
        # Closed for first reports without one: only a reapertura of the DIGER lets them in.
        "cerrados": sum(1 for f in filas if f["estado"] == "cerrado"),
    }


def mis_reportes(
    session: Session,
    alcance: Alcance | None,
    hoy: dt.date,
    reglas: Reglas,
    pedida: str | None = None,
) -> MisReportes | None:
    """The reports ``alcance`` sees (None: refused, :func:`permisos.instituciones_mis_reportes`).

    Args:
        session: a reading session.
        alcance: the user.
        hoy: today (Honduras).
        reglas: the calendar's numbers.
        pedida: the URL's ``institucion`` (unchecked).
    """
    siglas = permisos.instituciones_mis_reportes(alcance, pedida)
    if siglas is None:
        return None
    siglas = frozenset(s for s in siglas if consultas.institucion_existe(session, s))
    datos = consultas.cargar(session, siglas, hoy, ver_borradores=_ve_borradores(alcance, siglas))
    filas = construir_filas(datos, hoy, reglas)
    pendientes = [
        dt.date.fromisoformat(f["vencimiento"])
        for f in filas
        if f["estado"] in EDITABLES | {PROXIMO} and f["vencimiento"] >= hoy.isoformat()
    ]
    return MisReportes(
        instituciones=sorted(siglas),
        filas=filas,
        conteos=conteos(filas, hoy),
        proximo_vencimiento=min(pendientes) if pendientes else None,
        escribe=bool(siglas) and all(permisos.escribe_mis_reportes(alcance, s) for s in siglas),
    )


def _ve_borradores(alcance: Alcance | None, siglas: frozenset[str] | set[str]) -> bool:
    """Whether ``alcance`` sees the drafts of all of ``siglas`` (only their institution does)."""
    return all(permisos.puede_ver_borrador(alcance, s) for s in siglas)


def fila(
    session: Session,
    alcance: Alcance | None,
    indicador: str,
    periodo: str,
    hoy: dt.date,
    reglas: Reglas,
    pedida: str | None = None,
) -> dict[str, Any] | None:
    """The row of one indicator and period as ``alcance`` sees it (None: not theirs or unknown).

    Read again from the database for the form (a click in the browser is never trusted), with
    the latest version's ``bloqueo`` when it is a draft.
    """
    siglas = permisos.instituciones_mis_reportes(alcance, pedida)
    if not siglas:
        return None
    datos = consultas.cargar(
        session,
        siglas,
        hoy,
        indicador=str(indicador),
        ver_borradores=_ve_borradores(alcance, siglas),
    )
    for f in construir_filas(datos, hoy, reglas):
        if f["periodo"] == str(periodo):
            ident = next(iter(datos.indicadores))
            ultima = datos.ultimas.get((ident, f["periodo"]))
            # 0: "no draft when the form opened": a draft saved meanwhile by a colleague is
            # then a conflict, not something to overwrite.
            f["bloqueo"] = ultima.bloqueo if ultima and f["estado"] == "borrador" else 0
            f["escribe"] = permisos.escribe_mis_reportes(alcance, f["institucion"])
            # A validated value changes only through a solicitud de corrección (DOMAIN.md §8),
            # also after a returned one.
            validada = (ident, f["periodo"]) in datos.validados
            f["editable"] = f["escribe"] and f["estado"] in EDITABLES and not validada
            f["corregible"] = (
                f["escribe"] and validada and f["estado"] not in {"enviado", "borrador"}
            )
            if ultima is not None:
                f["revisado_por"] = ultima.revisado_por or ""
                f["devuelto_texto"] = _momento(ultima.devuelto_en)
                f["recibido_texto"] = _momento(ultima.recibido_en)
            return f
    return None


# --- the checks at entry, before sending --------------------------------------------------------


@dataclass
class Chequeo:
    """What SIGPRET says of a typed value before it is sent (DOMAIN.md §8).

    Attributes:
        error: why the value cannot be saved at all (not a number, impossible for the unit).
        avisos: warnings that need an explanation of the variance to send.
        detalle: the resulting target, avance and semáforo, in Spanish.
    """

    error: str | None = None
    avisos: list[str] = field(default_factory=list)
    detalle: str = ""

    @property
    def requiere_explicacion(self) -> bool:
        """Whether the value is sent only with an explanation."""
        return bool(self.avisos)


def leer_valor(texto: Any) -> float | None:
    """A typed value as a number (:func:`data_layer.formato.leer_numero`), None when not one."""
    try:
        return formato.leer_numero(texto)
    except formato.NumeroInvalido:
        return None


def revisar_valor(
    session: Session,
    indicador: str,
    periodo: str,
    unidad: str,
    texto: Any,
    reglas: Reglas,
    hoy: dt.date,
) -> Chequeo:
    """The checks at entry of a typed value (the caller read the row for the user first).

    The same checks as the service's (:func:`data_layer.reportes.controles.revisar`), so that
    the form says before sending what the service would refuse or require.
    """
    if texto is None or (isinstance(texto, str) and not texto.strip()):
        return Chequeo()
    numero = leer_valor(texto)
    if numero is None:
        return Chequeo(error=f"«{texto}» no es un número (use el punto para los decimales).")
    imposible = valor_imposible(numero, unidad)
    if imposible:
        return Chequeo(error=imposible)
    [r] = controles.revisar(session, [controles.Candidato(indicador, periodo, numero)], reglas, hoy)
    partes = []
    if not math.isnan(r.meta):
        partes.append(f"Meta del período: {formato.format_numero(r.meta, 2)}")
    if not math.isnan(r.avance_pct):
        partes.append(f"avance resultante: {formato.format_porcentaje(r.avance_pct)}")
    if r.semaforo:
        partes.append(f"semáforo: {r.semaforo}")
    if not math.isnan(r.valor_anterior):
        partes.append(f"valor del período anterior: {formato.format_numero(r.valor_anterior, 2)}")
    return Chequeo(
        error=" ".join(r.bloqueos) or None,
        avisos=list(r.avisos),
        detalle="; ".join(partes) + ("." if partes else ""),
    )


def motivo_bloqueo_envio(
    chequeo: Chequeo, *, valor: Any, explicacion: Any, evidencia: bool, requiere_evidencia: bool
) -> str | None:
    """Why «Enviar» is not possible yet (Spanish), or None when the value can be sent."""
    if leer_valor(valor) is None and not chequeo.error:
        return "Escriba el valor del indicador."
    if chequeo.error:
        return chequeo.error
    if chequeo.requiere_explicacion and not str(explicacion or "").strip():
        return "Explique la variación antes de enviar (vea los avisos)."
    if requiere_evidencia and not evidencia:
        return "Este indicador requiere evidencia: adjunte un archivo o un enlace https://."
    return None
