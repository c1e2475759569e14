"""The numbers of the MESGEPRET guidelines and the states derived from them, each in one place.

The write checks (:mod:`~data_layer.mesas.servicio`), the states at a cut date
(:mod:`~data_layer.mesas.estados`) and the alerts (:mod:`~data_layer.mesas.alertas`) all call these,
so "5 days", "7 days", "3 members" and "overdue" mean the same thing everywhere. The caps on a
convocatoria's agenda are here too; the length of every text field is in :mod:`data_layer.limites`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from data_layer.mesas.models import EstadoAcuerdo, EstadoEstrategia

#: A convocatoria goes out at least this many days before the session.
DIAS_MINIMOS_CONVOCATORIA = 5
#: The ayuda memoria is distributed at most this many days after the session.
DIAS_MAXIMOS_AYUDA_MEMORIA = 7
#: Active technical members per institution in a mesa, the UPGRET director included.
MAX_MIEMBROS_TECNICOS = 3
#: Topics a convocatoria may list (open acuerdos are carried in on top, as follow-up items).
MAX_PUNTOS_AGENDA = 30
#: Characters of one topic of the agenda.
MAX_CARACTERES_PUNTO_AGENDA = 500

#: Stored states of an acuerdo that is still open (carried into the next session's agenda).
ESTADOS_ACUERDO_ABIERTOS = (
    EstadoAcuerdo.pendiente.value,
    EstadoAcuerdo.en_proceso.value,
    EstadoAcuerdo.vencido.value,
)
#: Stored states of an acuerdo that is closed: never overdue, never carried over.
ESTADOS_ACUERDO_CERRADOS = (EstadoAcuerdo.cumplido.value, EstadoAcuerdo.cancelado.value)
#: States of a strategy that count as an action under way: approved by the political coordinator
#: (issue #11: a merely proposed strategy does not keep a red indicator from ``rojo_sin_accion``).
ESTADOS_ESTRATEGIA_ABIERTOS = (
    EstadoEstrategia.aprobada.value,
    EstadoEstrategia.en_ejecucion.value,
)


def _fecha(valor: dt.date) -> pd.Timestamp:
    return pd.Timestamp(valor)


def estado_vigente(estado: pd.Series, fecha_limite: pd.Series, fecha_corte: dt.date) -> pd.Series:
    """The status an acuerdo has at ``fecha_corte``: ``vencido`` when overdue.

    An acuerdo is overdue when its due date is before the cut date and it is not ``cumplido`` or
    ``cancelado`` (due today is not overdue yet). Otherwise its stored status stands.

    Args:
        estado: stored statuses (text).
        fecha_limite: due dates (anything ``pd.to_datetime`` reads), aligned with ``estado``.
        fecha_corte: the cut date.

    Returns:
        Text statuses aligned with ``estado``.
    """
    guardado = estado.astype("str")
    limite = pd.to_datetime(fecha_limite)
    vencido = ~guardado.isin(ESTADOS_ACUERDO_CERRADOS) & (limite < _fecha(fecha_corte))
    return guardado.mask(vencido, EstadoAcuerdo.vencido.value)


def dias_entre(desde: pd.Series, hasta: pd.Series) -> pd.Series:
    """Whole calendar days from ``desde`` to ``hasta`` (dates or datetimes; time of day ignored)."""
    inicio = pd.to_datetime(desde).dt.normalize()
    fin = pd.to_datetime(hasta).dt.normalize()
    return (fin - inicio).dt.days


def dias_anticipacion(fecha_hora: dt.datetime, enviada_en: dt.date) -> int:
    """Whole days between sending a convocatoria and its session (negative: sent after it)."""
    return (fecha_hora.date() - enviada_en).days


def es_convocatoria_tardia(dias_anticipacion: Any) -> Any:
    """Whether a convocatoria sent ``dias_anticipacion`` days ahead is late (fewer than 5).

    Works element-wise on a Series (returns a boolean Series) as on an int.
    """
    return dias_anticipacion < DIAS_MINIMOS_CONVOCATORIA


def es_distribucion_tardia(dias_despues: Any) -> Any:
    """Whether minutes distributed ``dias_despues`` days after the session are late (over 7).

    Works element-wise on a Series (returns a boolean Series) as on an int.
    """
    return dias_despues > DIAS_MAXIMOS_AYUDA_MEMORIA


def plazo_ayuda_memoria(fecha_sesion: dt.date) -> dt.date:
    """The last day on which the ayuda memoria of a session held on ``fecha_sesion`` is on time."""
    return fecha_sesion + dt.timedelta(days=DIAS_MAXIMOS_AYUDA_MEMORIA)


def trimestre(fechas: pd.Series) -> np.ndarray:
    """The quarter (``2026-T3``) of each date, as text."""
    f = pd.to_datetime(fechas)
    return (
        f.dt.year.astype("int64").astype("str") + "-T" + f.dt.quarter.astype("int64").astype("str")
    ).to_numpy(dtype=object)
