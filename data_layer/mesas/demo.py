"""Deterministic demo data of the 22 mesas, written through :mod:`~data_layer.mesas.servicio`.

Everything goes through the service functions, so every rule holds and every change is audited
(user ``seed demo``, a system actor: :func:`data_layer.permisos.actor_sistema`, with admin rights
and the demo's reference date as "today"), with one deliberate exception: an institution over
the technical-member limit, inserted directly to show ``exceso_miembros`` (see
:func:`_cargar_exceso`). The data is "as of" ``fecha_referencia``: nothing is dated after it (a
session convocada for later is the next session). Choices come from one seeded
``random.Random``, and the goals the mesas work on are the red and yellow sectoral goals of the
engine's evaluation of the demo MCR, so the same database always gets the same mesas. Some
products of Salud and Educación get their 2026 documents (:mod:`~data_layer.mesas.demo_productos`)
and Salud its informe de avance of that quarter, stored in the evidence folder.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer import auth, informes, permisos
from data_layer.auth import registrar
from data_layer.correo.cola import sin_correo
from data_layer.engine import Resultado, run
from data_layer.engine.frames import Reglas
from data_layer.mesas import demo_productos, productos, servicio
from data_layer.mesas.models import (
    Acuerdo,
    AyudaMemoria,
    DocumentoProducto,
    EstadoAcuerdo,
    Estrategia,
    Mesa,
    MiembroMesa,
    NivelMesa,
    Producto,
    SesionMesa,
)
from data_layer.models import Institucion, InstitucionSector, Sector
from data_layer.periods import hoy_honduras, ultimo_trimestre_vencido
from data_layer.queries import load_mcr

SEMILLA = 20261123
USUARIO = "seed demo"
#: Who writes the demo: the system, with admin rights (audited as ``seed demo``).
ACTOR = permisos.actor_sistema(USUARIO)
#: The mesa where one institution has a 4th technical member loaded around the form.
SECTOR_EXCESO = "SAL"
#: The mesa that shows a set-up in full (issue #11): a support person with their UPGRET account,
#: one who left, an open group that reported to a session, and a closed group.
SECTOR_CONFIGURACION = "SAL"
#: Mesas without an approved 2026 plan: one still a draft, one without a plan at all.
SECTOR_PLAN_BORRADOR = "TUR"
SECTOR_SIN_PLAN = "CAD"
#: The mesa whose informe de avance of the evaluated quarter the demo generates.
SECTOR_INFORME = "SAL"

_NOMBRES = (
    "María José",
    "Carlos Alberto",
    "Ana Lucía",
    "José Manuel",
    "Karla Patricia",
    "Luis Fernando",
    "Gabriela",
    "Óscar Armando",
    "Claudia Marisol",
    "Jorge Arturo",
    "Sandra Elizabeth",
    "Héctor",
    "Ingrid Yolany",
    "Francisco Javier",
    "Rosa Amalia",
    "Marvin Josué",
    "Dania Lizeth",
    "Roberto",
    "Lourdes Xiomara",
    "Nelson Eduardo",
    "Wendy Carolina",
    "Danilo",
    "Glenda Suyapa",
    "Mario René",
)
_APELLIDOS = (
    "Aguilar",
    "Banegas",
    "Castillo",
    "Cruz",
    "Espinoza",
    "Flores",
    "Funes",
    "Hernández",
    "Lagos",
    "López",
    "Martínez",
    "Mejía",
    "Midence",
    "Ordóñez",
    "Padilla",
    "Paz",
    "Reyes",
    "Rivera",
    "Rodríguez",
    "Sierra",
    "Suazo",
    "Turcios",
    "Valladares",
    "Zelaya",
)
_LUGARES = (
    "Casa Presidencial, salón de sesiones",
    "Sala de reuniones de la institución rectora",
    "Centro Cívico Gubernamental, torre 1, piso 8",
    "Reunión virtual (plataforma institucional)",
)
_TEMAS_TECNICOS = (
    "Revisión del avance trimestral de las metas del sector en SIGPRET",
    "Calidad y oportunidad de los reportes institucionales",
    "Revisión de la programación de metas e indicadores",
    "Análisis de cuellos de botella de las metas en rojo y amarillo",
    "Coherencia de los POA institucionales con la MCR",
)
_TEMAS_POLITICOS = (
    "Aprobación de las propuestas técnicas de la mesa",
    "Informe de avance de las metas sectoriales a la Presidencia",
    "Aprobación de estrategias y cursos de acción",
)
_ACUERDOS = (
    "Presentar a la mesa un plan de recuperación de la meta {meta}",
    "Actualizar en SIGPRET los avances del indicador {indicador} con su evidencia",
    "Revisar con la UPGRET de {inst} la programación {anio} del indicador {indicador}",
    "Remitir a la DIGER el análisis de cuellos de botella de la meta {meta}",
    "Verificar la coherencia del POA {anio} de {inst} con la meta {meta}",
    "Gestionar con SEFIN la disponibilidad presupuestaria para la meta {meta}",
)
_ACTIVIDADES = (
    ("Elaborar o actualizar el diagnóstico sectorial", "Diagnóstico validado por la mesa"),
    (
        "Revisar la MCR del sector y la articulación de metas institucionales",
        "Marco de resultados articulado en la MCR",
    ),
    (
        "Identificar cuellos de botella y proponer estrategias",
        "Matriz de cuellos de botella y estrategias aprobada",
    ),
    ("Revisar la coherencia de los POA con la MCR", "Informe de coherencia POA–MCR"),
    ("Preparar el informe de avance de metas sectoriales", "Informe semestral entregado"),
)


@dataclass
class _Mesa:
    """What the loader keeps about one mesa while writing its history."""

    indice: int
    sector: Sector
    instituciones: list[Institucion]
    focos: list[tuple[str, list[str]]]
    miembros: list[MiembroMesa] = field(default_factory=list)
    #: Open acuerdos with their fate: "cumplido", "cancelado" or "abierto".
    abiertos: dict[int, str] = field(default_factory=dict)
    #: The demo's "today" (the services refuse records dated after it).
    hoy: dt.date | None = None
    #: A group's report waiting for the first technical session on or after a date:
    #: ``(fecha, grupo_id, nota)``.
    informe: tuple[dt.date, int, str] | None = None


def _persona(rng: random.Random) -> str:
    return f"{rng.choice(_NOMBRES)} {rng.choice(_APELLIDOS)} {rng.choice(_APELLIDOS)}"


def _correo(nombre: str, sigla: str) -> str:
    partes = nombre.lower().split()
    limpio = str.maketrans("áéíóúñü", "aeiounu")
    usuario = f"{partes[0]}.{partes[-2]}".translate(limpio)
    return f"{usuario}@{sigla.lower()}.gob.hn"


def _evaluacion(session: Session, fecha_referencia: dt.date) -> Resultado:
    """The engine's evaluation of the last quarter whose reports are due at the reference date
    (default rules): what the mesas work on, and what the demo's informe de avance reports."""
    periodo = ultimo_trimestre_vencido(fecha_referencia, Reglas().plazo_reporte_dias)
    return run(load_mcr(session), periodo, fecha_referencia)


def _focos(resultado: Resultado) -> dict[str, list[tuple[str, list[str]]]]:
    """Per sector, its sectoral goals worst first (red and yellow ones first), each with its red
    or yellow indicators: what the mesa's acuerdos, bottlenecks and strategies address."""
    metas = resultado.metas
    sectoriales = metas[(metas["nivel"] == "sectorial") & metas["sector"].notna()]
    orden = sectoriales.assign(
        malo=~sectoriales["semaforo"].isin(["rojo", "amarillo"]),
        avance_orden=sectoriales["avance"].fillna(100.0),
    ).sort_values(["sector", "malo", "avance_orden"], kind="stable")
    ind = resultado.indicadores
    malos = ind[ind["semaforo"].isin(["rojo", "amarillo"])]
    por_meta = {k: sorted(map(str, v)) for k, v in malos.groupby("meta_codigo").groups.items()}
    focos: dict[str, list[tuple[str, list[str]]]] = {}
    primeras = orden.groupby("sector", sort=False).head(2)
    for codigo, sector in zip(primeras.index, primeras["sector"], strict=True):
        focos.setdefault(str(sector), []).append((str(codigo), por_meta.get(codigo, [])))
    return focos


def _instituciones(session: Session, sector: Sector) -> list[Institucion]:
    """The rectora first, then the other participants (main sector first), at most four."""
    participantes = list(
        session.scalars(
            select(Institucion)
            .join(InstitucionSector, InstitucionSector.institucion_id == Institucion.id)
            .where(InstitucionSector.sector_id == sector.id)
            .order_by(InstitucionSector.principal.desc(), Institucion.sigla)
        )
    )
    if sector.rectora is not None:
        participantes = [sector.rectora] + [i for i in participantes if i.id != sector.rectora.id]
    return participantes[:4]


#: Demo users designated in the demo mesas (sector → political, technical coordinator), and the
#: second analyst's mesas (the first analyst is assigned to every mesa).
DESIGNADOS_DEMO = {"SAL": ("ministro.salud", "coord.salud")}
MESAS_ANALISTA2 = frozenset({"SAL", "EDU"})


def _existe(session: Session, usuario: str | None) -> str | None:
    """``usuario`` if that demo user exists (the mesas demo also loads without them in tests)."""
    return usuario if usuario is not None and auth.buscar(session, usuario) is not None else None


def _crear_mesa(session: Session, rng: random.Random, m: _Mesa) -> None:
    rectora = m.instituciones[0]
    politico, tecnico = DESIGNADOS_DEMO.get(m.sector.codigo, (None, None))
    analistas = ["analista"] + (["analista2"] if m.sector.codigo in MESAS_ANALISTA2 else [])
    servicio.crear_mesa(
        session,
        m.sector.codigo,
        coordinador_politico=servicio.Coordinador(
            _persona(rng),
            "Secretario(a) de Estado, coordinador(a) político(a)",
            rectora.sigla,
            usuario=_existe(session, politico),
        ),
        coordinador_tecnico=servicio.Coordinador(
            _persona(rng),
            "Viceministro(a), coordinador(a) técnico(a)-operativo(a)",
            rectora.sigla,
            usuario=_existe(session, tecnico),
        ),
        analista_diger=f"{_persona(rng)} (analista DIGER)",
        analistas=[a for a in analistas if _existe(session, a)],
        instalada_en=dt.date(2024, 1, 15 + m.indice % 10),
        actor=ACTOR,
    )


def _acreditar(session: Session, rng: random.Random, m: _Mesa) -> None:
    """One political member per institution; technical: the UPGRET director plus one or two."""
    acreditado = dt.date(2024, 1, 10 + m.indice % 10)
    for k, inst in enumerate(m.instituciones):
        plazas = [("politico", "Máxima autoridad institucional", False)]
        plazas += [("tecnico", "Director(a) de la UPGRET", True)]
        plazas += [("tecnico", "Técnico(a) de planificación y seguimiento", False)]
        if k == 0:
            plazas += [("tecnico", "Analista de seguimiento y evaluación", False)]
        for nivel, cargo, director in plazas:
            nombre = _persona(rng)
            m.miembros.append(
                servicio.acreditar_miembro(
                    session,
                    m.sector.codigo,
                    institucion=inst.sigla,
                    nombre=nombre,
                    cargo=cargo,
                    nivel=nivel,
                    acreditado_en=acreditado,
                    correo=_correo(nombre, inst.sigla),
                    telefono=f"+504 2{rng.randint(200, 299)}-{rng.randint(1000, 9999)}",
                    es_director_upgret=director,
                    actor=ACTOR,
                    hoy=m.hoy,
                )
            )
    if m.indice % 4 == 1 and len(m.instituciones) > 1:
        # A technical member leaves and is replaced: the history keeps both.
        saliente = next(
            x
            for x in m.miembros
            if x.institucion_id == m.instituciones[1].id
            and not x.es_director_upgret
            and x.nivel == "tecnico"
        )
        servicio.dar_de_baja_miembro(
            session,
            saliente.id,
            baja_en=dt.date(2025, 3, 1),
            motivo="Traslado a otra dependencia",
            actor=ACTOR,
        )
        nombre = _persona(rng)
        m.miembros.append(
            servicio.acreditar_miembro(
                session,
                m.sector.codigo,
                institucion=m.instituciones[1].sigla,
                nombre=nombre,
                cargo="Técnico(a) de planificación y seguimiento",
                nivel="tecnico",
                acreditado_en=dt.date(2025, 3, 3),
                correo=_correo(nombre, m.instituciones[1].sigla),
                actor=ACTOR,
                hoy=m.hoy,
            )
        )


def _cargar_exceso(session: Session, rng: random.Random, m: _Mesa) -> None:
    """DELIBERATE RULE BREAK, for the demo of ``exceso_miembros``.

    The rectora already has 3 technical members (the limit); a 4th is inserted directly, as a bulk
    load of an institution's accreditation spreadsheet would do, bypassing
    ``servicio.acreditar_miembro`` (which would refuse it). The audit record says so.
    """
    rectora = m.instituciones[0]
    nombre = _persona(rng)
    cuarto = MiembroMesa(
        mesa_id=m.miembros[0].mesa_id,
        institucion_id=rectora.id,
        nombre=nombre,
        cargo="Asistente técnico(a) de planificación",
        nivel=NivelMesa.tecnico,
        es_director_upgret=False,
        acreditado_en=dt.date(2025, 8, 4),
        activo=True,
        correo=_correo(nombre, rectora.sigla),
    )
    session.add(cuarto)
    session.flush()
    m.miembros.append(cuarto)
    registrar(
        session,
        "miembro_cargado_sin_validacion",
        usuario=USUARIO,
        entidad=f"mesa:{m.sector.codigo}/miembro:{cuarto.id}",
        detalle={
            "nuevo": {"institucion": rectora.sigla, "nombre": nombre, "nivel": "tecnico"},
            "origen": "carga directa de la planilla de acreditación (datos de demostración)",
        },
    )


def _equipo_y_grupos(session: Session, rng: random.Random, m: _Mesa) -> None:
    rectora = m.instituciones[0]
    for rol in ("Relatoría y registro de acuerdos", "Logística y convocatorias"):
        nombre = _persona(rng)
        servicio.agregar_apoyo(
            session,
            m.sector.codigo,
            nombre=nombre,
            rol=rol,
            institucion=rectora.sigla,
            correo=_correo(nombre, rectora.sigla),
            actor=ACTOR,
        )
    if m.indice % 3 == 0:
        tecnicos = [x for x in m.miembros if x.nivel == "tecnico" and x.activo][:4]
        servicio.crear_grupo_trabajo(
            session,
            m.sector.codigo,
            nombre="Grupo de indicadores y programación",
            tema="Revisión de la programación plurianual y semestral de los indicadores del sector",
            creado_en=dt.date(2024, 3, 1),
            miembros_ids=[x.id for x in tecnicos],
            coordinador_id=tecnicos[0].id,
            actor=ACTOR,
        )


def _actor_demo(session: Session, usuario: str) -> auth.Alcance | None:
    """The scope of demo user ``usuario`` (None when the demo users are not loaded)."""
    encontrado = auth.buscar(session, usuario)
    return auth.alcance_de(encontrado) if encontrado is not None else None


def _designados(session: Session, m: _Mesa) -> tuple[auth.Alcance, auth.Alcance] | None:
    """(political, technical) coordinators' scopes of a mesa whose demo users are designated:
    there the plan and strategies go through SIGPRET's approval, not as history."""
    nombres = DESIGNADOS_DEMO.get(m.sector.codigo)
    if nombres is None:
        return None
    politico, tecnico = (_actor_demo(session, n) for n in nombres)
    return (politico, tecnico) if politico is not None and tecnico is not None else None


#: The note with which the minister returned Salud's 2026 plan before approving it.
NOTA_DEVOLUCION_DEMO = (
    "Incluir la ampliación de la vacunación en la Mosquitia y los plazos de la compra conjunta de "
    "medicamentos; reenviar antes de la sesión política de febrero."
)


def _plan_con_aprobacion(
    session: Session, m: _Mesa, plan_id: int, anio: int, designados: tuple | None
) -> None:
    """Approve a demo plan: in SIGPRET by the designated minister (sent by the technical
    coordinator) in Salud, as history of an approval in session elsewhere."""
    if designados is None:
        servicio.registrar_plan_aprobado(
            session,
            plan_id,
            aprobado_en=dt.date(anio, 1, 20 + m.indice % 8),
            aprobado_por="Máximas autoridades de la mesa (nivel político), en sesión",
            actor=ACTOR,
        )
        return
    politico, tecnico = designados
    servicio.enviar_plan(session, plan_id, actor=tecnico, hoy=dt.date(anio, 1, 12))
    servicio.aprobar_plan(
        session,
        plan_id,
        nota="Aprobado en la sesión política de enero.",
        actor=politico,
        hoy=dt.date(anio, 1, 22),
    )


def _configuracion_completa(session: Session, m: _Mesa) -> None:
    """The set-up of issue #11 in one mesa, with fixed names (no draw from the seeded generator,
    so every other mesa stays as it was): a support person linked to the rectora's UPGRET user
    (when the demo users exist), one who left the team, an open group whose report goes on a
    later technical session's agenda (:func:`_sesiones`), and a group closed after its work."""
    rectora = m.instituciones[0]
    usuario = _existe(session, "upgret.sesal") if rectora.sigla == "SESAL" else None
    servicio.agregar_apoyo(
        session,
        m.sector.codigo,
        nombre="Iris Maradiaga Cálix",
        rol="Información para SIGPRET y seguimiento de metas",
        institucion=rectora.sigla,
        correo=_correo("Iris Maradiaga Cálix", rectora.sigla),
        usuario=usuario,
        actor=ACTOR,
    )
    saliente = servicio.agregar_apoyo(
        session,
        m.sector.codigo,
        nombre="Fredy Alvarado Núñez",
        rol="Logística de sesiones",
        institucion=rectora.sigla,
        actor=ACTOR,
    )
    servicio.dar_de_baja_apoyo(
        session, saliente.id, baja_en=dt.date(2025, 9, 30), actor=ACTOR, hoy=m.hoy
    )
    creado = dt.date(2024, 3, 1)
    tecnicos = [
        x for x in m.miembros if x.nivel == "tecnico" and x.activo and x.acreditado_en <= creado
    ]
    abierto = servicio.crear_grupo_trabajo(
        session,
        m.sector.codigo,
        nombre="Grupo de indicadores de salud",
        tema="Calidad de los registros de vacunación y atención primaria que alimentan SIGPRET",
        creado_en=creado,
        miembros_ids=[x.id for x in tecnicos[:3]],
        coordinador_id=tecnicos[0].id,
        actor=ACTOR,
    )
    cerrado = servicio.crear_grupo_trabajo(
        session,
        m.sector.codigo,
        nombre="Grupo de respuesta al dengue 2024",
        tema="Seguimiento de las metas afectadas por la epidemia de dengue de 2024",
        creado_en=creado,
        miembros_ids=[x.id for x in tecnicos[1:3]],
        coordinador_id=tecnicos[1].id,
        actor=ACTOR,
    )
    servicio.cerrar_grupo(
        session, cerrado.id, cerrado_en=dt.date(2024, 12, 13), actor=ACTOR, hoy=m.hoy
    )
    m.informe = (
        dt.date(2025, 1, 1),
        abierto.id,
        "Los registros de vacunación de 2024 están completos en 17 de 20 regiones; se propone "
        "un plan de depuración para las 3 restantes.",
    )


def _planes(session: Session, rng: random.Random, m: _Mesa, ref: dt.date) -> None:
    codigo = m.sector.codigo
    designados = _designados(session, m)
    anios = (2024, 2025, 2026, 2027) if designados else (2024, 2025, 2026)
    for anio in anios:
        if anio == 2026 and codigo == SECTOR_SIN_PLAN:
            continue
        plan = servicio.crear_plan(
            session, codigo, anio, actor=designados[1] if designados else ACTOR
        )
        actividades = []
        # Its own generator: naming the responsible people leaves the rest of the demo unchanged.
        nombres = random.Random(SEMILLA + 31 * m.indice + anio)
        for k, (actividad, resultado) in enumerate(_ACTIVIDADES):
            inicio = dt.date(anio, 2 + 2 * k, 1)
            inst = m.instituciones[k % len(m.instituciones)]
            actividades.append(
                servicio.agregar_actividad(
                    session,
                    plan.id,
                    actividad=actividad,
                    resultado_esperado=resultado,
                    institucion=inst.sigla,
                    persona=f"{_persona(nombres)}, UPGRET",
                    fecha_inicio=inicio,
                    fecha_fin=inicio + dt.timedelta(days=75),
                    actor=designados[1] if designados else ACTOR,
                )
            )
        if anio == 2026 and codigo == SECTOR_PLAN_BORRADOR:
            continue
        if designados and anio == 2027:
            # Next year's plan, sent in November: it waits for the minister's decision
            # («Pendientes de mi decisión»).
            servicio.enviar_plan(
                session, plan.id, actor=designados[1], hoy=ref - dt.timedelta(days=12)
            )
            continue
        if designados and anio == 2026:
            # This year's plan: returned once with a note, corrected and sent again, approved.
            politico, tecnico = designados
            servicio.enviar_plan(session, plan.id, actor=tecnico, hoy=dt.date(2026, 1, 12))
            servicio.devolver_plan(
                session, plan.id, nota=NOTA_DEVOLUCION_DEMO, actor=politico,
                hoy=dt.date(2026, 1, 20),
            )  # fmt: skip
            servicio.anotar_avance_actividad(
                session,
                actividades[0].id,
                "Se incorporó la vacunación en la Mosquitia, como pidió la ministra.",
                actor=tecnico,
                hoy=dt.date(2026, 1, 26),
            )
            servicio.enviar_plan(
                session,
                plan.id,
                nota="Se incorporaron las observaciones de la ministra.",
                actor=tecnico,
                hoy=dt.date(2026, 1, 27),
            )
            servicio.aprobar_plan(
                session,
                plan.id,
                nota="Aprobado en la sesión política de febrero.",
                actor=politico,
                hoy=dt.date(2026, 2, 3),
            )
        else:
            _plan_con_aprobacion(session, m, plan.id, anio, designados)
        for act in actividades:
            if act.fecha_fin < ref:
                estado = "cancelada" if rng.random() < 0.05 else "completada"
            elif act.fecha_inicio <= ref:
                estado = "en_proceso"
            else:
                continue
            servicio.cambiar_estado_actividad(session, act.id, estado, actor=ACTOR)


def _calendario(m: _Mesa) -> list[tuple[dt.datetime, str]]:
    """Quarterly technical sessions 2024–2026 and a yearly political one, by date."""
    dia = 8 + m.indice % 10
    fechas = [
        (dt.datetime(2024 + q // 4, 3 * (q % 4) + 2, dia, 9 if m.indice % 2 else 14), "tecnico")
        for q in range(12)
    ]
    fechas += [
        (dt.datetime(anio, 7, 14 + m.indice % 10, 10), "politico") for anio in (2024, 2025, 2026)
    ]
    return sorted(fechas)


def _elegibles(m: _Mesa, nivel: str, fecha: dt.date) -> list[int]:
    return [
        x.id
        for x in m.miembros
        if x.nivel == nivel
        and x.acreditado_en <= fecha
        and (x.baja_en is None or x.baja_en > fecha)
    ]


def _presentes(rng: random.Random, m: _Mesa, nivel: str, fecha: dt.date) -> list[int]:
    elegibles = _elegibles(m, nivel, fecha)
    presentes = [i for i in elegibles if rng.random() < 0.85]
    return presentes or elegibles[:1]


def _seguimientos(session: Session, rng: random.Random, m: _Mesa, sesion: SesionMesa) -> None:
    """At a session, follow up the open acuerdos of earlier sessions according to their fate."""
    fecha = sesion.fecha_hora.date()
    for acuerdo_id, destino in list(m.abiertos.items()):
        acuerdo = session.get(Acuerdo, acuerdo_id)
        if acuerdo is None or acuerdo.sesion_id == sesion.id:
            continue
        if destino == "cancelado":
            servicio.cambiar_estado_acuerdo(
                session,
                acuerdo_id,
                "cancelado",
                nota="La mesa acuerda cancelarlo: quedó sustituido por una estrategia aprobada.",
                fecha=fecha,
                sesion_id=sesion.id,
                actor=ACTOR,
                hoy=m.hoy,
            )
            del m.abiertos[acuerdo_id]
        elif destino == "cumplido" and fecha >= acuerdo.fecha_limite - dt.timedelta(days=20):
            servicio.cambiar_estado_acuerdo(
                session,
                acuerdo_id,
                "cumplido",
                nota=f"{acuerdo.institucion_responsable.sigla} presentó la evidencia en la sesión.",
                resultado="Entregado y revisado por la mesa.",
                fecha=fecha,
                sesion_id=sesion.id,
                actor=ACTOR,
                hoy=m.hoy,
            )
            del m.abiertos[acuerdo_id]
        elif acuerdo.estado == EstadoAcuerdo.pendiente and (
            destino != "abierto" or rng.random() < 0.5
        ):
            servicio.cambiar_estado_acuerdo(
                session,
                acuerdo_id,
                "en_proceso",
                nota="El responsable informa que el trabajo está en marcha.",
                fecha=fecha,
                sesion_id=sesion.id,
                actor=ACTOR,
                hoy=m.hoy,
            )
        elif acuerdo.fecha_limite < fecha:
            servicio.anotar_seguimiento(
                session,
                acuerdo_id,
                nota="Vencido: el responsable pide una nueva fecha; la mesa le insta a cumplir.",
                fecha=fecha,
                sesion_id=sesion.id,
                actor=ACTOR,
                hoy=m.hoy,
            )


def _acuerdos(
    session: Session,
    rng: random.Random,
    m: _Mesa,
    ayuda: AyudaMemoria,
    fecha: dt.date,
    ref: dt.date,
) -> None:
    for _ in range(rng.choice((1, 2, 2))):
        meta, indicadores = rng.choice(m.focos) if m.focos else ("", [])
        indicador = rng.choice(indicadores) if indicadores else ""
        plantillas = [p for p in _ACUERDOS if indicador or "{indicador}" not in p]
        if not meta:
            plantillas = [p for p in plantillas if "{meta}" not in p and "{indicador}" not in p]
        inst = rng.choice(m.instituciones)
        responsables = [
            x
            for x in m.miembros
            if x.institucion_id == inst.id and x.nivel == "tecnico" and x.activo
        ]
        texto = rng.choice(
            plantillas or ["Actualizar el directorio de enlaces de {inst} ante la mesa"]
        )
        acuerdo = servicio.registrar_acuerdo(
            session,
            ayuda.id,
            texto=texto.format(meta=meta, indicador=indicador, inst=inst.sigla, anio=fecha.year),
            institucion=inst.sigla,
            persona_responsable=responsables[0].nombre if responsables else _persona(rng),
            fecha_limite=fecha + dt.timedelta(days=rng.choice((21, 30, 45, 60, 90))),
            metas=[meta] if meta else [],
            indicadores=[indicador] if indicador and rng.random() < 0.6 else [],
            actor=ACTOR,
        )
        sorteo = rng.random()
        destino = "cancelado" if sorteo < 0.06 else "abierto" if sorteo < 0.15 else "cumplido"
        m.abiertos[acuerdo.id] = destino
        inicio = fecha + dt.timedelta(days=7)
        if destino != "cancelado" and inicio <= ref and ref - fecha < dt.timedelta(days=60):
            # Recent acuerdos: the responsible reports progress between sessions.
            servicio.cambiar_estado_acuerdo(
                session,
                acuerdo.id,
                "en_proceso",
                nota="El responsable informó por correo que inició el trabajo.",
                fecha=inicio,
                actor=ACTOR,
                hoy=m.hoy,
            )


def _sesiones(session: Session, rng: random.Random, m: _Mesa, ref: dt.date) -> None:
    codigo = m.sector.codigo
    calendario = _calendario(m)
    ultima_tecnica = max(f for f, nivel in calendario if nivel == "tecnico")
    for fecha_hora, nivel in calendario:
        fecha = fecha_hora.date()
        tarde = rng.random() < 0.06
        dias = rng.choice((3, 4)) if tarde else rng.randint(6, 12)
        temas = _TEMAS_TECNICOS if nivel == "tecnico" else _TEMAS_POLITICOS
        sesion = servicio.convocar_sesion(
            session,
            codigo,
            nivel=nivel,
            fecha_hora=fecha_hora,
            lugar=rng.choice(_LUGARES),
            convocatoria_enviada_en=fecha - dt.timedelta(days=dias),
            agenda=rng.sample(temas, 2),
            justificacion="Solicitud urgente de información de la Presidencia" if tarde else None,
            actor=ACTOR,
        )
        if m.informe is not None and nivel == "tecnico" and fecha >= m.informe[0]:
            servicio.informar_grupo(session, sesion.id, m.informe[1], m.informe[2], actor=ACTOR)
            m.informe = None
        if nivel == "politico" and fecha.year == 2025 and m.indice % 7 == 3:
            servicio.cancelar_sesion(
                session,
                sesion.id,
                motivo="Agenda de la Presidencia: se reprograma.",
                actor=ACTOR,
            )
            continue
        ayuda = servicio.registrar_ayuda_memoria(
            session,
            sesion.id,
            elaborada_en=min(fecha + dt.timedelta(days=1), ref),
            desarrollo=(
                "Se revisó el avance de las metas del sector en SIGPRET, se dio seguimiento a los "
                "acuerdos anteriores y se adoptaron los acuerdos que constan en esta ayuda memoria."
            ),
            presentes=_presentes(rng, m, nivel, fecha),
            actor=ACTOR,
            hoy=m.hoy,
        )
        _seguimientos(session, rng, m, sesion)
        _acuerdos(session, rng, m, ayuda, fecha, ref)
        retraso = rng.randint(8, 16) if rng.random() < 0.12 else rng.randint(1, 6)
        if fecha_hora == ultima_tecnica and m.indice % 9 == 4:
            continue  # the latest minutes still not distributed (late by the reference date)
        distribuida = fecha + dt.timedelta(days=retraso)
        if distribuida > ref:
            continue
        servicio.distribuir_ayuda_memoria(
            session, ayuda.id, distribuida_en=distribuida, actor=ACTOR, hoy=m.hoy
        )
        if fecha.year == 2025 and fecha.month == 5 and m.indice % 5 == 2:
            servicio.corregir_ayuda_memoria(
                session,
                ayuda.id,
                motivo="Se omitió en la lista de participantes a un miembro que asistió.",
                elaborada_en=distribuida + dt.timedelta(days=3),
                presentes=_elegibles(m, nivel, fecha),
                actor=ACTOR,
                hoy=m.hoy,
            )


def _proxima_sesion(session: Session, rng: random.Random, m: _Mesa, ref: dt.date) -> None:
    """The next technical session: called with due notice in most mesas, at short notice (with a
    justification, hence ``convocatoria_tardia``) in some, not yet called in a few."""
    if m.indice % 6 == 5:
        return
    corta = m.indice % 6 == 2
    fecha = ref + dt.timedelta(days=3 if corta else 10 + m.indice % 8)
    servicio.convocar_sesion(
        session,
        m.sector.codigo,
        nivel="tecnico",
        fecha_hora=dt.datetime(fecha.year, fecha.month, fecha.day, 9),
        lugar=rng.choice(_LUGARES),
        convocatoria_enviada_en=ref,
        agenda=[
            "Cierre del año: avance de metas al tercer trimestre",
            "Plan de trabajo del próximo año",
        ],
        justificacion="Convocatoria adelantada para el informe de cierre de la Presidencia"
        if corta
        else None,
        actor=ACTOR,
    )


def _cuellos_y_estrategias(session: Session, rng: random.Random, m: _Mesa) -> None:
    designados = _designados(session, m)
    for k, (meta, indicadores) in enumerate(m.focos):
        cuello = servicio.registrar_cuello_botella(
            session,
            m.sector.codigo,
            descripcion=rng.choice(
                (
                    "Retrasos en la transferencia de fondos a las unidades ejecutoras",
                    "Registros administrativos incompletos que impiden medir el avance a tiempo",
                    "Procesos de compra y contratación prolongados",
                    "Rotación del personal técnico responsable de la meta",
                )
            ),
            ambito="sectorial" if k == 0 else "institucional",
            institucion=None if k == 0 else m.instituciones[-1].sigla,
            identificado_en=dt.date(2025, 3, 10 + m.indice % 10),
            metas=[meta],
            indicadores=indicadores[:2],
            actor=ACTOR,
        )
        estados = (
            ("en_ejecucion", "aprobada", "propuesta") if k == 0 else ("concluida", "en_ejecucion")
        )
        for j, estado in enumerate(estados[: 1 + (m.indice + k) % len(estados)]):
            _estrategia(
                session,
                m,
                designados,
                estado,
                descripcion=(
                    "Mesa técnica con SEFIN para calendarizar las transferencias"
                    if j == 0
                    else "Plan de mejora de registros administrativos con apoyo de la DIGER"
                ),
                cuello_botella_id=cuello.id,
                metas=[meta],
                indicadores=indicadores[:1],
            )
    if designados is not None and m.focos:
        # Salud: one strategy in each state of its life, and one returned with a note.
        meta, indicadores = m.focos[0]
        for estado, descripcion in _ESTRATEGIAS_SALUD:
            _estrategia(
                session, m, designados, estado, descripcion=descripcion, metas=[meta],
                indicadores=indicadores[:1],
            )  # fmt: skip


#: Salud's extra strategies (state → description), so its mesa shows every state.
_ESTRATEGIAS_SALUD = (
    ("propuesta", "Brigadas móviles de vacunación en la Mosquitia y Gracias a Dios"),
    ("propuesta", "Compra conjunta de medicamentos trazadores con las regiones sanitarias"),
    ("devuelta", "Horario extendido en los centros de salud de Tegucigalpa y San Pedro Sula"),
    ("aprobada", "Contratación de personal de enfermería para los hospitales de área"),
    ("concluida", "Depuración del registro nominal de vacunados con el RNP"),
    ("descartada", "Tercerizar el abastecimiento de medicamentos a farmacias privadas"),
)


def _estrategia(
    session: Session,
    m: _Mesa,
    designados: tuple | None,
    estado: str,
    *,
    descripcion: str,
    metas: list[str],
    indicadores: list[str],
    cuello_botella_id: int | None = None,
) -> None:
    """A demo strategy in ``estado``: as history where no minister is designated; in Salud,
    proposed by its technical coordinator and decided by its minister, step by step."""
    comun: dict[str, Any] = {
        "descripcion": descripcion,
        "responsable": f"Coordinación técnica y UPGRET de {m.instituciones[0].sigla}",
        "institucion": m.instituciones[0].sigla,
        "cuello_botella_id": cuello_botella_id,
        "fecha_inicio": dt.date(2025, 4, 1),
        "fecha_fin": dt.date(2026, 12, 31),
        "metas": metas,
        "indicadores": indicadores,
    }
    if designados is None:
        servicio.registrar_estrategia(session, m.sector.codigo, estado=estado, actor=ACTOR, **comun)
        return
    politico, tecnico = designados
    dia = (m.hoy or hoy_honduras()) - dt.timedelta(days=40 + 7 * len(descripcion) % 30)
    e = servicio.registrar_estrategia(session, m.sector.codigo, actor=tecnico, hoy=dia, **comun)
    if estado == "propuesta":
        return
    if estado == "devuelta":
        servicio.devolver_estrategia(
            session, e.id,
            nota="Falta el costo y la fuente de financiamiento; coordinar con SEFIN y reenviar.",
            actor=politico, hoy=dia + dt.timedelta(days=6),
        )  # fmt: skip
        return
    if estado == "descartada":
        servicio.cambiar_estado_estrategia(
            session, e.id, "descartada",
            nota="No fue avalada en sesión política: contraria a la política de gratuidad.",
            actor=tecnico, hoy=dia + dt.timedelta(days=10),
        )  # fmt: skip
        return
    servicio.cambiar_estado_estrategia(
        session, e.id, "aprobada", nota="Aprobada en sesión política.", actor=politico,
        hoy=dia + dt.timedelta(days=7),
    )  # fmt: skip
    for paso, dias in (("en_ejecucion", 14), ("concluida", 30)):
        if estado == "aprobada" or (estado == "en_ejecucion" and paso == "concluida"):
            return
        servicio.cambiar_estado_estrategia(
            session, e.id, paso, actor=tecnico, hoy=dia + dt.timedelta(days=dias)
        )


_PRODUCTOS = (
    (
        "diagnostico_sectorial",
        "Diagnóstico sectorial de los principales desafíos",
        dt.date(2024, 4, 30),
    ),
    (
        "marco_resultados",
        "Marco de resultados e indicadores sectoriales articulado en la MCR",
        dt.date(2024, 6, 28),
    ),
    (
        "programacion",
        "Programación plurianual y semestral de los resultados sectoriales",
        dt.date(2024, 9, 30),
    ),
    ("cuellos_botella", "Identificación de limitantes y cuellos de botella", dt.date(2025, 3, 31)),
    ("estrategias", "Propuesta de estrategias y cursos de acción", dt.date(2025, 6, 30)),
    (
        "mecanismos_informacion",
        "Mecanismos de gestión de información para SIGPRET",
        dt.date(2025, 10, 31),
    ),
    (
        "informe_avance",
        "Informe de avance de metas sectoriales, primer semestre 2026",
        dt.date(2026, 7, 31),
    ),
)


def _productos(session: Session, m: _Mesa) -> None:
    for k, (tipo, titulo, fecha) in enumerate(_PRODUCTOS):
        entregado = (m.indice + k) % 6 != 0
        archivo = f"{m.sector.codigo}-{tipo}-{fecha.year}.pdf"
        servicio.registrar_producto(
            session,
            m.sector.codigo,
            tipo=tipo,
            titulo=titulo,
            entregado_en=fecha + dt.timedelta(days=m.indice % 12) if entregado else None,
            documento_nombre=archivo if entregado else None,
            documento_ruta=f"documentos/mesas/{m.sector.codigo}/{archivo}" if entregado else None,
            actor=ACTOR,
        )


def _documentos(
    session: Session, resultado: Resultado, fecha_referencia: dt.date, carpeta: Path | str | None
) -> None:
    """The 2026 documents of some products of Salud and Educación (one in two versions), and
    the informe de avance of Salud of the evaluated quarter, uploaded through the products
    service (checked, stored in the evidence folder, audited)."""
    for d in demo_productos.documentos():
        productos.subir_documento(
            session,
            d.sector,
            tipo=d.tipo,
            anio=demo_productos.ANIO,
            nombre=d.nombre,
            contenido=demo_productos.pdf(d),
            actor=ACTOR,
            nota=d.nota,
            carpeta=carpeta,
            hoy=d.fecha,
        )
    # The engine's evaluation the mesas were built on: the informe adds no second one.
    informes.generar_informe_avance(
        session,
        SECTOR_INFORME,
        resultado.periodo,
        actor=ACTOR,
        hoy=fecha_referencia,
        carpeta=carpeta,
        resultado=resultado,
    )


def _conteos(session: Session) -> dict[str, int]:
    def n(modelo: type) -> int:
        return session.scalar(select(func.count()).select_from(modelo)) or 0

    return {
        "mesas": n(Mesa),
        "miembros": n(MiembroMesa),
        "sesiones": n(SesionMesa),
        "ayudas_memoria": n(AyudaMemoria),
        "acuerdos": n(Acuerdo),
        "estrategias": n(Estrategia),
        "productos": n(Producto),
        "documentos_productos": n(DocumentoProducto),
    }


def cargar_demo_mesas(
    session: Session,
    fecha_referencia: dt.date = dt.date(2026, 11, 23),
    *,
    carpeta: Path | str | None = None,
) -> dict[str, int]:
    """Load the demo mesas of every sector of the (already loaded) demo MCR.

    Idempotent: when any mesa exists it does nothing and returns ``{}``. The caller owns the
    transaction (``with session_scope() as s: cargar_demo_mesas(s)``).

    Args:
        session: an open session on a database with the demo MCR.
        fecha_referencia: the demo's "today": nothing is dated later.
        carpeta: the evidence folder the products' documents go to (default: the configured
            one, ``SIGPRET_EVIDENCIAS``).

    Returns:
        How many mesas, members, sessions, ayudas memoria, acuerdos, strategies, products and
        product documents were written.

    Raises:
        servicio.ErrorMesa: the database has no sectors (load the demo MCR first).
    """
    if session.scalar(select(func.count()).select_from(Mesa)):
        return {}
    sectores = list(session.scalars(select(Sector).order_by(Sector.codigo)))
    if not sectores:
        raise servicio.ErrorMesa("Cargue primero la MCR de demostración: no hay sectores.")
    rng = random.Random(SEMILLA)
    resultado = _evaluacion(session, fecha_referencia)
    focos = _focos(resultado)
    for indice, sector in enumerate(sectores):
        instituciones = _instituciones(session, sector)
        if not instituciones:
            continue
        m = _Mesa(indice, sector, instituciones, focos.get(sector.codigo, []), hoy=fecha_referencia)
        _crear_mesa(session, rng, m)
        _acreditar(session, rng, m)
        if sector.codigo == SECTOR_EXCESO:
            _cargar_exceso(session, rng, m)
        _equipo_y_grupos(session, rng, m)
        if sector.codigo == SECTOR_CONFIGURACION:
            _configuracion_completa(session, m)
        _planes(session, rng, m, fecha_referencia)
        _cuellos_y_estrategias(session, rng, m)
        # The history is not mailed; the next session's convocatoria is (the local mailbox).
        with sin_correo(session):
            _sesiones(session, rng, m, fecha_referencia)
        _proxima_sesion(session, rng, m, fecha_referencia)
        _productos(session, m)
    _documentos(session, resultado, fecha_referencia, carpeta)
    session.flush()
    from data_layer.mesas.demo_instituciones import cargar_demo_instituciones

    cargar_demo_instituciones(session, fecha_referencia)
    session.flush()
    return _conteos(session)


def resumen_demo(conteos: dict[str, int]) -> str:
    """One Spanish line for the CLI: what the demo loader wrote."""
    if not conteos:
        return "Las mesas ya tenían datos: no se cargaron las mesas de demostración."
    partes = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in conteos.items())
    return f"Mesas de demostración cargadas ({partes})."
