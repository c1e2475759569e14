"""Demo of the institutions' part of the mesas (issue #11, item 7): deterministic.

- the Salud mesa holds a technical session on the supply of medicines (2026-11-18) whose
  distributed minutes give the SESAL three acuerdos; the SESAL's UPGRET (``upgret.sesal``)
  reports on them: one moved to «en proceso» with a note, one reported «cumplido» with a link
  to its evidence, one still pending;
- the Minister of Health (``ministro.salud``) answers the Presidency on the red goals of Salud
  (two responses: on two goals, or a response and its update on the only red one), as of the
  demo's "today".

Everything goes through the services, as those users (:func:`cargar_demo_instituciones`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_layer import permisos, respuestas
from data_layer.auth import Alcance
from data_layer.engine import run
from data_layer.mesas import servicio
from data_layer.mesas.models import Acuerdo, EstadoAcuerdo, Mesa, MiembroMesa, NivelMesa
from data_layer.models import Institucion, Rol, Sector
from data_layer.periods import ultimo_trimestre_vencido
from data_layer.queries import load_mcr

UPGRET_SESAL = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
ACTOR = permisos.actor_sistema("seed demo")
MINISTRA_SALUD = Alcance(usuario="ministro.salud", rol=Rol.ministro, sectores=frozenset({"SAL"}))

#: What the SESAL reports (status, note, evidence link).
INFORMES = [
    (
        "en_proceso",
        "La Dirección de Redes Integradas inició la compra; el proceso está en evaluación de "
        "ofertas en ONCAE.",
        None,
    ),
    (
        "cumplido",
        "Se entregó el informe a la mesa; el tablero de abastecimiento está publicado en el "
        "portal de la SESAL.",
        "https://www.salud.gob.hn/site/index.php/informes-abastecimiento",
    ),
]
#: The minister's answers (what is happening, what is being done), in order.
RESPUESTAS = [
    (
        "El retraso en la compra consolidada de insumos y la rotación de personal en las redes "
        "de los departamentos de occidente frenaron la cobertura del trimestre.",
        "Compra por emergencia aprobada en el Consejo de Ministros; brigadas móviles en Lempira, "
        "Intibucá y Ocotepeque desde esta semana; seguimiento quincenal en la mesa técnica.",
    ),
    (
        "Los registros de 40 establecimientos no llegaron a tiempo al sistema de información "
        "(SIIS); el dato real es mejor que el reportado.",
        "La unidad de planificación de la institución carga los registros pendientes y la DIGER "
        "validará la corrección; se capacita a los digitadores de las regiones sanitarias.",
    ),
]


#: The SESAL's acuerdos of the session (text, responsible person, days to the due date).
ACUERDOS_SESAL = [
    (
        "Adjudicar la compra consolidada de medicamentos e insumos del primer semestre 2027 para "
        "los hospitales de la red pública.",
        "Dra. Karla Zelaya, Dirección General de Redes Integradas de Servicios de Salud",
        45,
    ),
    (
        "Publicar el tablero mensual de abastecimiento de medicamentos por región sanitaria.",
        "Lic. Mario Cálix, Unidad de Planeamiento y Evaluación de la Gestión (UPEG)",
        10,
    ),
    (
        "Presentar a la mesa el plan de brigadas de vacunación en Lempira, Intibucá y La Paz.",
        "Dr. Óscar Mejía, Programa Ampliado de Inmunizaciones",
        30,
    ),
]


def _sesion_sesal(session: Session, fecha_referencia: dt.date) -> list[int]:
    """A technical session of the Salud mesa five days before ``fecha_referencia`` whose
    distributed minutes give the SESAL :data:`ACUERDOS_SESAL`; their ids."""
    fecha = dt.datetime.combine(fecha_referencia - dt.timedelta(days=5), dt.time(9, 0))
    sesion = servicio.convocar_sesion(
        session,
        "SAL",
        nivel="tecnico",
        fecha_hora=fecha,
        lugar="Secretaría de Salud, salón de usos múltiples, Tegucigalpa",
        convocatoria_enviada_en=fecha.date() - dt.timedelta(days=7),
        agenda=["Abastecimiento de medicamentos y vacunación: compromisos de la SESAL"],
        actor=ACTOR,
    )
    presentes = list(
        session.scalars(
            select(MiembroMesa.id).where(
                MiembroMesa.mesa_id == sesion.mesa_id,
                MiembroMesa.activo,
                MiembroMesa.nivel == NivelMesa.tecnico,
                MiembroMesa.acreditado_en <= fecha.date(),
            )
        )
    )
    ayuda = servicio.registrar_ayuda_memoria(
        session,
        sesion.id,
        elaborada_en=fecha.date(),
        desarrollo="La SESAL presentó la situación del abastecimiento de medicamentos y de la "
        "cobertura de vacunación; la mesa acordó los compromisos siguientes.",
        presentes=presentes,
        actor=ACTOR,
        hoy=fecha_referencia,
    )
    ids = [
        servicio.registrar_acuerdo(
            session,
            ayuda.id,
            texto=texto,
            institucion="SESAL",
            persona_responsable=persona,
            fecha_limite=fecha.date() + dt.timedelta(days=dias),
            actor=ACTOR,
        ).id
        for texto, persona, dias in ACUERDOS_SESAL
    ]
    servicio.distribuir_ayuda_memoria(
        session,
        ayuda.id,
        distribuida_en=fecha.date() + dt.timedelta(days=1),
        actor=ACTOR,
        hoy=fecha_referencia,
    )
    return ids


def cargar_demo_instituciones(session: Session, fecha_referencia: dt.date) -> None:
    """Write the demo's institution reports and minister's responses (see the module)."""
    sesal = session.scalars(select(Institucion).where(Institucion.sigla == "SESAL")).first()
    if sesal is not None and session.scalar(
        select(Mesa.id).join(Sector, Sector.id == Mesa.sector_id).where(Sector.codigo == "SAL")
    ):
        _sesion_sesal(session, fecha_referencia)
        abiertos = session.scalars(
            select(Acuerdo)
            .where(
                Acuerdo.institucion_responsable_id == sesal.id,
                Acuerdo.estado == EstadoAcuerdo.pendiente,
                Acuerdo.ayuda_memoria_id.is_not(None),
            )
            .order_by(Acuerdo.id.desc())
        ).all()
        for acuerdo, (estado, nota, enlace) in zip(abiertos, INFORMES, strict=False):
            servicio.informar_acuerdo(
                session,
                acuerdo.id,
                estado=estado,
                nota=nota,
                version=acuerdo.version,
                evidencia_url=enlace,
                actor=UPGRET_SESAL,
                hoy=fecha_referencia,
            )
    periodo = ultimo_trimestre_vencido(fecha_referencia, 15)
    metas = run(load_mcr(session), periodo, fecha_referencia).metas
    rojas = metas[(metas["sector"] == "SAL") & (metas["semaforo"] == "rojo")]
    # Sectoral goals first; with a single red goal, the second response updates the first one
    # (the history keeps both).
    codigos = sorted(map(str, rojas.index), key=lambda c: (rojas.at[c, "nivel"] != "sectorial", c))
    destino = (codigos * len(RESPUESTAS))[: len(RESPUESTAS)] if codigos else []
    anteriores: dict[str, int] = {}
    for dia, (codigo, (texto, acciones)) in enumerate(zip(destino, RESPUESTAS, strict=True)):
        nueva = respuestas.registrar_respuesta(
            session,
            codigo,
            periodo=periodo,
            semaforo="rojo",
            texto=texto,
            acciones=acciones,
            fecha_esperada=fecha_referencia + dt.timedelta(days=120),
            firmante="Dra. Carla Paredes, Ministra de Salud",
            reemplaza_a=anteriores.get(codigo),
            actor=MINISTRA_SALUD,
            ahora=dt.datetime.combine(
                fecha_referencia - dt.timedelta(days=3 - 2 * dia), dt.time(15, 0), tzinfo=dt.UTC
            ),
            hoy=fecha_referencia,
        )
        anteriores[codigo] = nueva.id
