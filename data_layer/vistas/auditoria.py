"""The audit log as the ``/auditoria`` page shows it: filtered, newest first, in readable Spanish.

:func:`consultar_auditoria` is everything the page shows for one filter, read in one session.
:func:`load_auditoria` reads at most :data:`MAX_REGISTROS` records that pass a
:class:`FiltroAuditoria` (user, action, date range in Honduras time); :func:`filas_auditoria` turns
them into grid rows: the time as ``dd/mm/aaaa hh:mm`` (Honduras, UTC−6), the action's Spanish
name, and the ``detalle`` JSON as text (``campo: antes → después``). Everything returned is plain
text: nothing here is meant to be read as HTML or Markdown.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Engine, Select, func, select
from sqlalchemy.orm import Session

from data_layer.db import session_factory
from data_layer.models import Auditoria
from data_layer.periods import ZONA_HONDURAS, hora_honduras

#: Most records one query returns (the newest ones); the page says so.
MAX_REGISTROS = 2000
#: Most distinct users offered in the user filter.
MAX_USUARIOS = 500


#: Spanish name of each audited action.
NOMBRES_ACCION: dict[str, str] = {
    # Sessions and users
    "login": "Inicio de sesión",
    "login_fallido": "Inicio de sesión fallido",
    "login_bloqueado": "Inicio de sesión bloqueado",
    "logout": "Cierre de sesión",
    "usuario_creado": "Usuario creado",
    "usuario_deshabilitado": "Usuario deshabilitado",
    "clave_cambiada": "Clave cambiada",
    "usuario_rehabilitado": "Usuario rehabilitado",
    "clave_restablecida": "Clave restablecida (temporal)",
    "preferencias_correo": "Preferencias de correo",
    # MCR imports
    "importacion_mcr": "Importación de la MCR",
    "eje_actualizado": "Eje actualizado",
    "sector_actualizado": "Sector actualizado",
    "institucion_actualizada": "Institución actualizada",
    "meta_actualizada": "Meta actualizada",
    "indicador_actualizado": "Indicador actualizado",
    "programacion_revisada": "Programación revisada",
    "avance_actualizado": "Avance actualizado",
    # MESGEPRET
    "mesa_creada": "Mesa creada",
    "coordinador_designado": "Coordinación designada",
    "miembro_acreditado": "Miembro acreditado",
    "miembro_cargado_sin_validacion": "Miembro cargado sin validación",
    "miembro_actualizado": "Miembro actualizado",
    "miembro_dado_de_baja": "Miembro dado de baja",
    "equipo_apoyo_agregado": "Equipo de apoyo agregado",
    "grupo_trabajo_creado": "Grupo de trabajo creado",
    "plan_creado": "Plan de trabajo creado",
    "plan_aprobado": "Plan de trabajo aprobado",
    "actividad_agregada": "Actividad agregada",
    "actividad_estado": "Estado de actividad cambiado",
    "sesion_convocada": "Sesión convocada",
    "sesion_cancelada": "Sesión cancelada",
    "ayuda_memoria_registrada": "Ayuda memoria registrada",
    "ayuda_memoria_editada": "Ayuda memoria editada",
    "ayuda_memoria_corregida": "Ayuda memoria corregida",
    "ayuda_memoria_distribuida": "Ayuda memoria distribuida",
    "acuerdo_registrado": "Acuerdo registrado",
    "acuerdo_estado": "Estado de acuerdo cambiado",
    "acuerdo_seguimiento": "Seguimiento de acuerdo",
    "cuello_botella_registrado": "Cuello de botella registrado",
    "cuello_botella_estado": "Estado de cuello de botella cambiado",
    "estrategia_registrada": "Estrategia registrada",
    "estrategia_estado": "Estado de estrategia cambiado",
    "producto_registrado": "Producto registrado",
    "publicacion_publicada": "Trimestre publicado en el portal",
    "publicacion_retirada": "Publicación retirada del portal",
}

#: Spanish names of ``detalle`` keys that are not plain column names.
NOMBRES_CAMPO: dict[str, str] = {
    "importacion": "importación",
    "revisiones": "revisiones de programación",
    "registros_detallados": "registros de detalle",
    "demo": "datos de demostración",
    "anio": "año",
}

VACIO = "(vacío)"
_FECHA_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LARGO_TEXTO = 60


def nombre_accion(accion: str) -> str:
    """The Spanish name of an action (the code, made readable, for one not listed)."""
    return NOMBRES_ACCION.get(accion, accion.replace("_", " ").capitalize())


@dataclass(frozen=True)
class FiltroAuditoria:
    """What the audit page asks for; None means "any".

    Attributes:
        usuario: exact user name.
        accion: exact action code.
        desde: first day (Honduras time), inclusive.
        hasta: last day (Honduras time), inclusive.
    """

    usuario: str | None = None
    accion: str | None = None
    desde: dt.date | None = None
    hasta: dt.date | None = None


def _texto(valor: Any) -> str | None:
    if not isinstance(valor, str) or not valor.strip():
        return None
    return valor.strip()[:_LARGO_TEXTO]


def _fecha(valor: Any) -> dt.date | None:
    if not isinstance(valor, str):
        return None
    try:
        return dt.date.fromisoformat(valor.strip()[:10])
    except ValueError:
        return None


def parse_filtro(usuario: Any, accion: Any, desde: Any, hasta: Any) -> FiltroAuditoria:
    """A filter from the values a browser sent (anything: they may be forged); what is not a
    text or an ISO date is ignored."""
    return FiltroAuditoria(
        usuario=_texto(usuario), accion=_texto(accion), desde=_fecha(desde), hasta=_fecha(hasta)
    )


def _inicio_del_dia(dia: dt.date) -> dt.datetime:
    """Midnight of ``dia`` in Honduras, in UTC (the audit table stores UTC)."""
    return dt.datetime.combine(dia, dt.time(), ZONA_HONDURAS).astimezone(dt.UTC)


def _condiciones(filtro: FiltroAuditoria) -> list[ColumnElement[bool]]:
    condiciones: list[ColumnElement[bool]] = []
    if filtro.usuario is not None:
        condiciones.append(Auditoria.usuario == filtro.usuario)
    if filtro.accion is not None:
        condiciones.append(Auditoria.accion == filtro.accion)
    if filtro.desde is not None:
        condiciones.append(Auditoria.momento >= _inicio_del_dia(filtro.desde))
    if filtro.hasta is not None:
        siguiente = _inicio_del_dia(filtro.hasta + dt.timedelta(days=1))
        condiciones.append(Auditoria.momento < siguiente)
    return condiciones


def query_auditoria(filtro: FiltroAuditoria, limite: int = MAX_REGISTROS) -> Select:
    """The records that pass ``filtro``, newest first, at most ``limite``."""
    return (
        select(
            Auditoria.id,
            Auditoria.momento,
            Auditoria.usuario,
            Auditoria.accion,
            Auditoria.entidad,
            Auditoria.detalle,
            Auditoria.direccion,
        )
        .where(*_condiciones(filtro))
        .order_by(Auditoria.momento.desc(), Auditoria.id.desc())
        .limit(limite)
    )


def count_auditoria(session: Session, filtro: FiltroAuditoria) -> int:
    """How many records pass ``filtro`` (all of them, not only the ones shown)."""
    consulta = select(func.count()).select_from(Auditoria).where(*_condiciones(filtro))
    return int(session.scalar(consulta) or 0)


COLUMNAS = ("id", "momento", "usuario", "accion", "entidad", "detalle", "direccion")


def load_auditoria(
    session: Session, filtro: FiltroAuditoria, limite: int = MAX_REGISTROS
) -> pd.DataFrame:
    """The newest records that pass ``filtro`` (at most ``limite``), one row each.

    Returns:
        Columns :data:`COLUMNAS`; ``momento`` in Honduras time.
    """
    filas = [
        {**fila._asdict(), "momento": hora_honduras(fila.momento)}
        for fila in session.execute(query_auditoria(filtro, limite))
    ]
    return pd.DataFrame(filas, columns=list(COLUMNAS))


def opciones_auditoria(session: Session) -> tuple[list[str], list[str]]:
    """The user names and action codes present in the log, for the filters (sorted)."""
    usuarios = session.scalars(
        select(Auditoria.usuario)
        .distinct()
        .where(Auditoria.usuario.is_not(None))
        .order_by(Auditoria.usuario)
        .limit(MAX_USUARIOS)
    ).all()
    acciones = session.scalars(select(Auditoria.accion).distinct()).all()
    return [str(u) for u in usuarios], sorted((str(a) for a in acciones), key=nombre_accion)


@dataclass(frozen=True)
class ConsultaAuditoria:
    """What the audit page shows for one filter.

    Attributes:
        filas: grid rows of the newest matching records (:func:`filas_auditoria`), at most
            :data:`MAX_REGISTROS`.
        total: how many records match (all of them, not only the ones in ``filas``).
        usuarios: user names in the whole log, for the user filter (sorted).
        acciones: action codes in the whole log, for the action filter (by Spanish name).
    """

    filas: list[dict[str, Any]]
    total: int
    usuarios: list[str]
    acciones: list[str]


def consultar_auditoria(engine: Engine, filtro: FiltroAuditoria) -> ConsultaAuditoria:
    """The audit page's content for ``filtro``, read in one session of ``engine``.

    Who may call it is the caller's business (the page checks the role first).
    """
    with session_factory(engine)() as session:
        registros = load_auditoria(session, filtro)
        total = count_auditoria(session, filtro)
        usuarios, acciones = opciones_auditoria(session)
    return ConsultaAuditoria(filas_auditoria(registros), total, usuarios, acciones)


# --- readable detalle ---------------------------------------------------------------------------


def _valor(valor: Any) -> str:
    """One value as text: dates as dd/mm/aaaa, booleans as sí/no, lists joined."""
    if valor is None:
        return VACIO
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, int | float):
        return repr(valor)
    if isinstance(valor, str):
        fecha = _FECHA_ISO.match(valor)
        return f"{fecha[3]}/{fecha[2]}/{fecha[1]}" if fecha else valor
    if isinstance(valor, list):
        return ", ".join(_valor(v) for v in valor) if valor else "(ninguno)"
    if isinstance(valor, dict):
        return "(" + "; ".join(f"{_campo(k)}: {_valor(v)}" for k, v in valor.items()) + ")"
    return str(valor)


def _campo(nombre: Any) -> str:
    texto = str(nombre)
    return NOMBRES_CAMPO.get(texto, texto.replace("_", " "))


def describir_detalle(detalle: str | None) -> str:
    """The ``detalle`` JSON of a record as one readable line.

    ``{"campo": [antes, después]}`` reads ``campo: antes → después``; other values (context such
    as ``periodo``, or ``nuevo`` for what was created) read ``campo: valor``. Text that is not JSON
    is returned as it is.

    Examples:
        ``{"meta": [1200.0, 1100.0], "periodo": "2024-T2"}`` →
        ``meta: 1200 → 1100; periodo: 2024-T2``.
    """
    if detalle is None or not detalle.strip():
        return ""
    try:
        datos = json.loads(detalle)
    except ValueError:
        return detalle
    if not isinstance(datos, dict):
        return _valor(datos)
    partes = []
    for clave, valor in datos.items():
        if isinstance(valor, list) and len(valor) == 2:
            partes.append(f"{_campo(clave)}: {_valor(valor[0])} → {_valor(valor[1])}")
        elif isinstance(valor, dict):
            partes.append(f"{_campo(clave)}: {_valor(valor)[1:-1]}")
        else:
            partes.append(f"{_campo(clave)}: {_valor(valor)}")
    return "; ".join(partes)


def filas_auditoria(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Grid rows of :func:`load_auditoria`'s frame, every value plain text.

    ``momento`` is sortable (``aaaa-mm-dd hh:mm:ss``, Honduras) and ``momento_texto`` is what
    the cell shows and the export writes (``dd/mm/aaaa hh:mm``).
    """
    filas = []
    for fila in frame.to_dict("records"):
        momento: dt.datetime = fila["momento"]
        accion = str(fila["accion"])
        filas.append(
            {
                "id": str(fila["id"]),
                "momento": momento.strftime("%Y-%m-%d %H:%M:%S"),
                "momento_texto": momento.strftime("%d/%m/%Y %H:%M"),
                "usuario": _opcional(fila["usuario"]),
                "accion": accion,
                "accion_texto": nombre_accion(accion),
                "entidad": _opcional(fila["entidad"]),
                "detalle": describir_detalle(_opcional(fila["detalle"])),
                "direccion": _opcional(fila["direccion"]),
            }
        )
    return filas


def _opcional(valor: Any) -> str | None:
    return None if valor is None or (isinstance(valor, float) and pd.isna(valor)) else str(valor)
