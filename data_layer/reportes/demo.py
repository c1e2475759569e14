"""The demo's reporting cycle (DOMAIN.md §8): 2026-T3 as SESAL, SEDUC and SEDESOL reported it.

The demo MCR (``seeds/demo``) holds every value as if an analyst had imported it. For three
institutions the values of the latest ended quarter are instead reported in SIGPRET, through the
real services (:mod:`data_layer.reportes.servicio`) with real actors and past ``ahora`` times, so
the demo shows the whole cycle: most values sent on their report date and validated a few days
later by one of two analysts (same value, same report date: the official figures of those
indicators stay those of the MCR), and a few situations on purpose:

============================  ==============================================================
situation                     indicator (2026-T3)
============================  ==============================================================
sent, waiting (atípico)       ``MS-SAL-03-I2`` — a malaria outbreak, explained
sent, waiting (late, no       ``MI-SESAL-04-I1`` — sent 03/11, after the deadline, no evidence
evidence)
returned, resent, waiting     ``MI-SESAL-02-I2`` — returned for missing evidence, resent
returned, not resent          ``MI-SESAL-03-I3`` (lempiras for millions), ``MI-SEDUC-04-I2``
corrected                     ``MI-SESAL-02-I1`` — a typing slip validated, then a validated
                              correction replaces it (``reemplazado``)
returned, resent, validated   ``MI-SESAL-05-I2``
solicitud de corrección       ``MS-SAL-01-I1`` — validated; a correction waits
waiting
reapertura                    SEDESOL 2026-T3 reopened on 16/11; ``MI-SEDESOL-04-I1`` sent
                              late under it and validated
draft (only SESAL sees it)    ``MI-SESAL-01-I1``
sent, waiting (others)        ``MI-SEDUC-02-I3`` (no evidence), ``MI-SEDESOL-02-I3``
============================  ==============================================================

Nothing is dated after the demo's reference day (23/11/2026, as the demo mesas). Deterministic:
fixed times, no randomness.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data_layer import periods
from data_layer.auth import Alcance
from data_layer.db import session_scope
from data_layer.engine.frames import Reglas
from data_layer.models import Avance, Indicador, Rol
from data_layer.reportes import controles, servicio

#: The quarter reported in SIGPRET, and by whom.
PERIODO = "2026-T3"
INSTITUCIONES = ("SESAL", "SEDUC", "SEDESOL")

#: The demo actors of the cycle (users created by :mod:`data_layer.demo`).
ANALISTA = Alcance(usuario="analista", rol=Rol.analista)
ANALISTA_2 = Alcance(usuario="analista2", rol=Rol.analista)
UPGRET = {
    sigla: Alcance(
        usuario=f"upgret.{sigla.lower()}", rol=Rol.upgret, instituciones=frozenset({sigla})
    )
    for sigla in INSTITUCIONES
}


def momento(mes: int, dia: int, hora: int = 10, minuto: int = 0) -> dt.datetime:
    """A Honduras time of 2026 (what the services receive as ``ahora``)."""
    return dt.datetime(2026, mes, dia, hora, minuto, tzinfo=periods.ZONA_HONDURAS)


def _evidencia(sigla: str, codigo: str) -> str:
    # example.org is reserved for documentation: the demo's links lead nowhere real.
    return f"https://example.org/sigpret-demo/{sigla}/{PERIODO}/{codigo}.pdf"


#: Explanations of the variance the institutions wrote (when a check asked for one).
EXPLICACION_GENERAL = (
    "El dato proviene del registro administrativo de la institución; la variación responde a la "
    "ejecución del trimestre y está documentada en el informe trimestral."
)


@dataclass(frozen=True)
class _Paso:
    """One dated step of the story; ``hacer`` runs it in its own transaction."""

    ahora: dt.datetime
    orden: int
    hacer: Callable[[Session, dt.datetime], object]


class _Historia:
    """The steps of the cycle, run in time order."""

    def __init__(self) -> None:
        self.pasos: list[_Paso] = []

    def en(self, ahora: dt.datetime, hacer: Callable[[Session, dt.datetime], object]) -> None:
        self.pasos.append(_Paso(ahora, len(self.pasos), hacer))

    def correr(self, engine: Engine) -> int:
        for paso in sorted(self.pasos, key=lambda p: (p.ahora, p.orden)):
            with session_scope(engine) as session:
                paso.hacer(session, paso.ahora)
        return len(self.pasos)


def _ultima(session: Session, codigo: str) -> Avance:
    return session.scalars(
        select(Avance)
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .where(Indicador.codigo == codigo, Avance.periodo == PERIODO)
        .order_by(Avance.numero.desc())
        .limit(1)
    ).one()


def _explicacion(session: Session, codigo: str, valor: float, ahora: dt.datetime) -> str | None:
    """The general explanation when the checks at entry ask for one."""
    [revision] = controles.revisar(
        session,
        [controles.Candidato(codigo, PERIODO, valor)],
        Reglas(),
        periods.hora_honduras(ahora).date(),
    )
    return EXPLICACION_GENERAL if revision.requiere_explicacion else None


def _enviar(
    sigla: str,
    codigo: str,
    valor: float,
    *,
    explicacion: str | None = None,
    evidencia: bool = True,
    enviar: bool = True,
) -> Callable[[Session, dt.datetime], object]:
    def hacer(session: Session, ahora: dt.datetime) -> object:
        return servicio.guardar(
            session,
            actor=UPGRET[sigla],
            indicador=codigo,
            periodo=PERIODO,
            valor=valor,
            explicacion=explicacion or _explicacion(session, codigo, valor, ahora),
            evidencia_url=_evidencia(sigla, codigo) if evidencia else None,
            enviar=enviar,
            ahora=ahora,
        )

    return hacer


def _validar(codigo: str, analista: Alcance) -> Callable[[Session, dt.datetime], object]:
    def hacer(session: Session, ahora: dt.datetime) -> object:
        version = _ultima(session, codigo)
        return servicio.validar(session, actor=analista, version_id=version.id, ahora=ahora)

    return hacer


def _devolver(
    codigo: str, analista: Alcance, observacion: str
) -> Callable[[Session, dt.datetime], object]:
    def hacer(session: Session, ahora: dt.datetime) -> object:
        version = _ultima(session, codigo)
        return servicio.devolver(
            session, actor=analista, version_id=version.id, observacion=observacion, ahora=ahora
        )

    return hacer


def _corregir(
    sigla: str, codigo: str, valor: float, motivo: str
) -> Callable[[Session, dt.datetime], object]:
    def hacer(session: Session, ahora: dt.datetime) -> object:
        return servicio.solicitar_correccion(
            session,
            actor=UPGRET[sigla],
            indicador=codigo,
            periodo=PERIODO,
            valor=valor,
            motivo=motivo,
            explicacion=_explicacion(session, codigo, valor, ahora),
            evidencia_url=_evidencia(sigla, codigo),
            ahora=ahora,
        )

    return hacer


def _reabrir(sigla: str, motivo: str, vence: dt.date) -> Callable[[Session, dt.datetime], object]:
    def hacer(session: Session, ahora: dt.datetime) -> object:
        return servicio.reabrir(
            session,
            actor=ANALISTA,
            institucion=sigla,
            periodo=PERIODO,
            motivo=motivo,
            vence_en=vence,
            ahora=ahora,
        )

    return hacer


# --- the story --------------------------------------------------------------------------------

#: Indicators with a special story (the others are sent on their report date and validated).
ESPECIALES = {
    "MS-SAL-03-I2",
    "MI-SESAL-04-I1",
    "MI-SESAL-02-I2",
    "MI-SESAL-03-I3",
    "MI-SESAL-02-I1",
    "MI-SESAL-05-I2",
    "MS-SAL-01-I1",
    "MI-SEDUC-02-I3",
    "MI-SEDUC-04-I2",
    "MI-SEDESOL-02-I3",
    "MI-SEDESOL-04-I1",
}


def _especiales(h: _Historia, valores: dict[str, tuple[float, dt.date]]) -> None:
    a1, a2 = ANALISTA, ANALISTA_2

    def v(codigo: str) -> float:
        return valores[codigo][0]

    # Sent and waiting, atípico: a malaria outbreak more than doubled the cases.
    h.en(
        momento(10, 5, 9, 40),
        _enviar(
            "SESAL",
            "MS-SAL-03-I2",
            2950,
            explicacion=(
                "Brote de malaria en Gracias a Dios tras las lluvias de septiembre: los casos del "
                "trimestre más que se duplicaron. Cifra del boletín epidemiológico semana 39."
            ),
        ),
    )
    # Sent late (after the 15/10 deadline, before the 14/11 closing), without evidence.
    h.en(
        momento(11, 3, 16, 5),
        _enviar("SESAL", "MI-SESAL-04-I1", v("MI-SESAL-04-I1"), evidencia=False),
    )
    # Returned for missing evidence, resent with it: waiting.
    h.en(
        momento(10, 5, 11), _enviar("SESAL", "MI-SESAL-02-I2", v("MI-SESAL-02-I2"), evidencia=False)
    )
    h.en(
        momento(10, 8, 15, 30),
        _devolver(
            "MI-SESAL-02-I2",
            a2,
            "Adjunte el reporte del SIIS que respalda el número de embarazadas captadas.",
        ),
    )
    h.en(momento(11, 18, 9, 15), _enviar("SESAL", "MI-SESAL-02-I2", v("MI-SESAL-02-I2")))
    # Returned (lempiras typed for millions) and not sent again.
    h.en(momento(10, 12, 14), _enviar("SESAL", "MI-SESAL-03-I3", 375))
    h.en(
        momento(10, 16, 10, 20),
        _devolver(
            "MI-SESAL-03-I3",
            a1,
            "El monto es diez veces el de trimestres anteriores: verifique si está en millones "
            "de lempiras, como pide el indicador.",
        ),
    )
    # Corrected: a typing slip validated, then replaced by a validated correction.
    h.en(momento(10, 6, 8, 50), _enviar("SESAL", "MI-SESAL-02-I1", 98.7))
    h.en(momento(10, 8, 11), _validar("MI-SESAL-02-I1", a1))
    h.en(
        momento(10, 20, 9),
        _corregir(
            "SESAL",
            "MI-SESAL-02-I1",
            v("MI-SESAL-02-I1"),
            "Error de digitación: el informe del SIIS registra 89,7 %, no 98,7 %.",
        ),
    )
    h.en(momento(10, 22, 16), _validar("MI-SESAL-02-I1", a2))
    # Returned, resent with the right value, validated.
    h.en(momento(10, 4, 10), _enviar("SESAL", "MI-SESAL-05-I2", 6.02))
    h.en(
        momento(10, 7, 9, 30),
        _devolver(
            "MI-SESAL-05-I2",
            a1,
            "El valor parece estar en otra escala (6,02 frente a 55,8 programado). Revise.",
        ),
    )
    h.en(momento(10, 8, 10, 45), _enviar("SESAL", "MI-SESAL-05-I2", v("MI-SESAL-05-I2")))
    h.en(momento(10, 9, 14), _validar("MI-SESAL-05-I2", a2))
    # Validated; a solicitud de corrección waits (the validated value keeps counting).
    h.en(momento(10, 3, 9), _enviar("SESAL", "MS-SAL-01-I1", v("MS-SAL-01-I1")))
    h.en(momento(10, 6, 10), _validar("MS-SAL-01-I1", a2))
    h.en(
        momento(11, 17, 11),
        _corregir(
            "SESAL",
            "MS-SAL-01-I1",
            87.1,
            "31 establecimientos reportaron al SIIS después del cierre: la cobertura final del "
            "trimestre es 87,1 %.",
        ),
    )
    # A draft saved and never sent (only SESAL sees it; the period stays without report).
    h.en(momento(11, 10, 17), _enviar("SESAL", "MI-SESAL-01-I1", 87.9, enviar=False))

    # SEDUC: one waiting without evidence, one returned and not resent.
    h.en(
        momento(10, 8, 10), _enviar("SEDUC", "MI-SEDUC-02-I3", v("MI-SEDUC-02-I3"), evidencia=False)
    )
    h.en(momento(10, 10, 11), _enviar("SEDUC", "MI-SEDUC-04-I2", v("MI-SEDUC-04-I2")))
    h.en(
        momento(10, 14, 15),
        _devolver(
            "MI-SEDUC-04-I2",
            a2,
            "Las actas adjuntas respaldan 18 visitas, no 24. Corrija el valor o adjunte las "
            "actas que faltan.",
        ),
    )
    # SEDESOL: one waiting; one that missed the closing, sent under a reapertura.
    h.en(momento(10, 11, 12), _enviar("SEDESOL", "MI-SEDESOL-02-I3", v("MI-SEDESOL-02-I3")))
    h.en(
        momento(11, 16, 9),
        _reabrir(
            "SEDESOL",
            "El registro de beneficiarias estuvo fuera de servicio del 10 al 14 de noviembre "
            "(oficio SEDESOL-UPGRET-112-2026).",
            dt.date(2026, 11, 30),
        ),
    )
    h.en(momento(11, 17, 10), _enviar("SEDESOL", "MI-SEDESOL-04-I1", v("MI-SEDESOL-04-I1")))
    h.en(momento(11, 19, 11, 30), _validar("MI-SEDESOL-04-I1", a2))


def _corrientes(
    h: _Historia, valores: dict[str, tuple[float, dt.date]], siglas: dict[str, str]
) -> None:
    """The ordinary values: sent on their report date, validated two days later by one of the
    two analysts (alternating in code order)."""
    normales = sorted(c for c in valores if c not in ESPECIALES)
    for i, codigo in enumerate(normales):
        valor, dia = valores[codigo]
        envio = dt.datetime.combine(dia, dt.time(9, 0), periods.ZONA_HONDURAS) + dt.timedelta(
            minutes=7 * i
        )
        h.en(envio, _enviar(siglas[codigo], codigo, valor))
        analista = ANALISTA if i % 2 == 0 else ANALISTA_2
        h.en(envio + dt.timedelta(days=2, hours=1), _validar(codigo, analista))


# --- loading ----------------------------------------------------------------------------------


def _instituciones_de(demo_dir: Path) -> dict[str, str]:
    """Indicator code → responsible institution, for the reporting institutions."""
    with (demo_dir / "indicadores.csv").open(encoding="utf-8", newline="") as f:
        return {
            fila["codigo"]: fila["institucion_responsable"]
            for fila in csv.DictReader(f)
            if fila["institucion_responsable"] in INSTITUCIONES
        }


def retener(demo_dir: Path, destino: Path) -> dict[str, tuple[float, dt.date]]:
    """Copy the demo MCR to ``destino`` without the values reported in SIGPRET instead.

    Returns:
        The values held back: indicator code → (value, report date).
    """
    siglas = _instituciones_de(demo_dir)
    destino.mkdir(parents=True, exist_ok=True)
    for hoja in demo_dir.glob("*.csv"):
        if hoja.name != "avances.csv":
            shutil.copyfile(hoja, destino / hoja.name)
    texto = (demo_dir / "avances.csv").read_text(encoding="utf-8")
    retenidos: dict[str, tuple[float, dt.date]] = {}
    lineas = texto.splitlines(keepends=True)
    salida = [lineas[0]]
    for linea in lineas[1:]:
        fila = next(csv.reader(io.StringIO(linea)))
        if fila[1] == PERIODO and fila[0] in siglas:
            retenidos[fila[0]] = (float(fila[2]), dt.date.fromisoformat(fila[3]))
        else:
            salida.append(linea)
    (destino / "avances.csv").write_text("".join(salida), encoding="utf-8")
    return retenidos


def ya_cargado(engine: Engine) -> bool:
    """Whether the demo cycle already ran (any version reported in SIGPRET, not imported)."""
    with session_scope(engine) as session:
        return (
            session.scalar(
                select(Avance.id)
                .where(Avance.reportado_por.in_([u.usuario for u in UPGRET.values()]))
                .limit(1)
            )
            is not None
        )


def cargar_ciclo(
    engine: Engine, retenidos: dict[str, tuple[float, dt.date]], demo_dir: Path
) -> int:
    """Run the demo cycle over the held-back values (see the module docstring).

    Idempotent: does nothing when it already ran. Returns the number of steps run.
    """
    if ya_cargado(engine) or not retenidos:
        return 0
    siglas = _instituciones_de(demo_dir)
    h = _Historia()
    _especiales(h, retenidos)
    _corrientes(h, retenidos, siglas)
    return h.correr(engine)
