"""Every MESGEPRET write checks the actor's permission itself (issue #9), on SQLite and PostgreSQL.

A service called directly (as the CLI, a forged callback or a future API would) with a user who
may not write in the mesa is refused in Spanish and writes nothing; and no actor, not even the
system's, links another sector's goals or indicators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.mesas import servicio
from data_layer.mesas.models import Acuerdo, CuelloBotella, Estrategia
from data_layer.mesas.servicio import ErrorMesa
from data_layer.models import Auditoria, Rol

from .conftest import HOY, SISTEMA, acreditar, sesion_con_acta

SESION = dt.datetime(2026, 3, 10, 9, 0)

COORD_SAL = Alcance(usuario="coord.salud", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
#: Users who may not write in the Salud mesa, though each sees something of it.
SIN_PERMISO = {
    "upgret": Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"})),
    "coordinador_de_otra_mesa": Alcance(
        usuario="coord.edu", rol=Rol.coordinador_mesa, sectores=frozenset({"EDU"})
    ),
    "ministro": Alcance(usuario="ministro.salud", rol=Rol.ministro, sectores=frozenset({"SAL"})),
}


@pytest.fixture
def ids(db) -> dict[str, int]:
    """The Salud mesa with one of each record (written by an analyst and its coordinator): a
    member, a session with draft minutes and an acuerdo, a plan with an activity, a bottleneck
    and a strategy."""
    with session_factory(db)() as s, s.begin():
        miembro = acreditar(s, "SAL", "SESAL", "Ana Uno")
        sesion, ayuda = sesion_con_acta(s, "SAL", SESION, [miembro.id])
        acuerdo = servicio.registrar_acuerdo(
            s,
            ayuda.id,
            texto="Enviar datos",
            institucion="SESAL",
            persona_responsable="Ana Uno",
            fecha_limite=dt.date(2026, 4, 1),
            metas=["MS-01"],
            actor=COORD_SAL,
        )
        plan = servicio.crear_plan(s, "SAL", 2026, actor=COORD_SAL)
        actividad = servicio.agregar_actividad(
            s,
            plan.id,
            actividad="Diagnóstico",
            resultado_esperado="Diagnóstico validado",
            responsable="UPGRET",
            fecha_inicio=dt.date(2026, 2, 1),
            fecha_fin=dt.date(2026, 4, 1),
            actor=COORD_SAL,
        )
        cuello = servicio.registrar_cuello_botella(
            s,
            "SAL",
            descripcion="Fondos tardíos",
            ambito="sectorial",
            identificado_en=dt.date(2026, 3, 1),
            metas=["MS-01"],
            actor=COORD_SAL,
        )
        estrategia = servicio.registrar_estrategia(
            s, "SAL", descripcion="Calendarizar", responsable="SESAL", metas=["MS-01"],
            actor=COORD_SAL,
        )  # fmt: skip
        apoyo = servicio.agregar_apoyo(
            s, "SAL", nombre="Eva Apoyo", rol="Logística", actor=COORD_SAL
        )
        grupo = servicio.crear_grupo_trabajo(
            s, "SAL", nombre="Grupo de datos", tema="Datos", creado_en=dt.date(2026, 2, 1),
            miembros_ids=[miembro.id], actor=COORD_SAL,
        )  # fmt: skip
        return {
            "apoyo": apoyo.id,
            "grupo": grupo.id,
            "miembro": miembro.id,
            "sesion": sesion.id,
            "ayuda": ayuda.id,
            "acuerdo": acuerdo.id,
            "plan": plan.id,
            "actividad": actividad.id,
            "cuello": cuello.id,
            "estrategia": estrategia.id,
        }


Llamada = Callable[[Session, dict[str, int], Alcance], Any]
C = servicio.Coordinador("Marta Ruiz", "Viceministra", "IHSS")

#: One call of every write service on the Salud mesa's records, with otherwise valid data.
SERVICIOS: dict[str, Llamada] = {
    "crear_mesa": lambda s, i, a: servicio.crear_mesa(
        s, "SEFIN", coordinador_politico=C, coordinador_tecnico=C, actor=a
    ),
    "designar_coordinador": lambda s, i, a: servicio.designar_coordinador(
        s, "SAL", "tecnico", C, actor=a
    ),
    "asignar_analistas": lambda s, i, a: servicio.asignar_analistas(s, "SAL", [], actor=a),
    "configurar_mesa": lambda s, i, a: servicio.configurar_mesa(
        s, "SEFIN", politico=C, tecnico=C, analistas=[], actor=a
    ),
    "acreditar_miembro": lambda s, i, a: servicio.acreditar_miembro(
        s,
        "SAL",
        institucion="IHSS",
        nombre="Berta",
        cargo="Técnica",
        nivel="tecnico",
        acreditado_en=dt.date(2026, 2, 1),
        actor=a,
        hoy=HOY,
    ),  # fmt: skip
    "dar_de_baja_miembro": lambda s, i, a: servicio.dar_de_baja_miembro(
        s, i["miembro"], baja_en=dt.date(2026, 5, 1), motivo="Traslado", actor=a
    ),
    "actualizar_contacto": lambda s, i, a: servicio.actualizar_contacto(
        s, i["miembro"], correo="otra@salud.gob.hn", actor=a
    ),
    "agregar_apoyo": lambda s, i, a: servicio.agregar_apoyo(
        s, "SAL", nombre="Carla", rol="Relatoría", actor=a
    ),
    "crear_grupo_trabajo": lambda s, i, a: servicio.crear_grupo_trabajo(
        s, "SAL", nombre="Grupo", tema="Indicadores", creado_en=dt.date(2026, 2, 1), actor=a
    ),
    "dar_de_baja_apoyo": lambda s, i, a: servicio.dar_de_baja_apoyo(
        s, i["apoyo"], baja_en=dt.date(2026, 5, 1), actor=a, hoy=HOY
    ),
    "cambiar_miembros_grupo": lambda s, i, a: servicio.cambiar_miembros_grupo(
        s, i["grupo"], miembros_ids=[], fecha=dt.date(2026, 5, 1), actor=a, hoy=HOY
    ),
    "cerrar_grupo": lambda s, i, a: servicio.cerrar_grupo(
        s, i["grupo"], cerrado_en=dt.date(2026, 5, 1), actor=a, hoy=HOY
    ),
    "informar_grupo": lambda s, i, a: servicio.informar_grupo(
        s, i["sesion"], i["grupo"], "Avance del grupo", actor=a
    ),
    "crear_plan": lambda s, i, a: servicio.crear_plan(s, "SAL", 2027, actor=a),
    "agregar_actividad": lambda s, i, a: servicio.agregar_actividad(
        s,
        i["plan"],
        actividad="Informe",
        resultado_esperado="Informe",
        responsable="UPGRET",
        fecha_inicio=dt.date(2026, 5, 1),
        fecha_fin=dt.date(2026, 6, 1),
        actor=a,
    ),  # fmt: skip
    "aprobar_plan": lambda s, i, a: servicio.aprobar_plan(s, i["plan"], actor=a),
    "devolver_plan": lambda s, i, a: servicio.devolver_plan(s, i["plan"], nota="Ajustar", actor=a),
    "enviar_plan": lambda s, i, a: servicio.enviar_plan(s, i["plan"], actor=a),
    "registrar_plan_aprobado": lambda s, i, a: servicio.registrar_plan_aprobado(
        s, i["plan"], aprobado_en=dt.date(2026, 2, 5), aprobado_por="Autoridades", actor=a
    ),
    "editar_actividad": lambda s, i, a: servicio.editar_actividad(
        s,
        i["actividad"],
        actividad="Diagnóstico sectorial",
        resultado_esperado="Validado",
        institucion="SESAL",
        persona="Ana Uno",
        fecha_inicio=dt.date(2026, 2, 1),
        fecha_fin=dt.date(2026, 4, 1),
        actor=a,
    ),  # fmt: skip
    "anotar_avance_actividad": lambda s, i, a: servicio.anotar_avance_actividad(
        s, i["actividad"], "Avanza", actor=a, hoy=HOY
    ),
    "cambiar_estado_actividad": lambda s, i, a: servicio.cambiar_estado_actividad(
        s, i["actividad"], "en_proceso", actor=a
    ),
    "convocar_sesion": lambda s, i, a: servicio.convocar_sesion(
        s,
        "SAL",
        nivel="tecnico",
        fecha_hora=dt.datetime(2026, 5, 20, 9),
        lugar="SESAL",
        convocatoria_enviada_en=dt.date(2026, 5, 10),
        agenda=["Avance"],
        actor=a,
    ),  # fmt: skip
    "cancelar_sesion": lambda s, i, a: servicio.cancelar_sesion(
        s, i["sesion"], motivo="Agenda", actor=a
    ),
    "reprogramar_sesion": lambda s, i, a: servicio.reprogramar_sesion(
        s, i["sesion"], fecha_hora=dt.datetime(2026, 3, 12, 9), motivo="Agenda", actor=a
    ),
    "registrar_ayuda_memoria": lambda s, i, a: servicio.registrar_ayuda_memoria(
        s,
        i["sesion"],
        elaborada_en=SESION.date(),
        desarrollo="x",
        presentes=[i["miembro"]],
        actor=a,
        hoy=HOY,
    ),  # fmt: skip
    "editar_ayuda_memoria": lambda s, i, a: servicio.editar_ayuda_memoria(
        s, i["ayuda"], desarrollo="Texto forjado", actor=a
    ),
    "distribuir_ayuda_memoria": lambda s, i, a: servicio.distribuir_ayuda_memoria(
        s, i["ayuda"], distribuida_en=SESION.date(), actor=a, hoy=HOY
    ),
    "corregir_ayuda_memoria": lambda s, i, a: servicio.corregir_ayuda_memoria(
        s, i["ayuda"], motivo="Error", elaborada_en=dt.date(2026, 3, 20), actor=a, hoy=HOY
    ),
    "registrar_acuerdo": lambda s, i, a: servicio.registrar_acuerdo(
        s,
        i["ayuda"],
        texto="Otro",
        institucion="SESAL",
        persona_responsable="Ana",
        fecha_limite=dt.date(2026, 4, 1),
        actor=a,
    ),  # fmt: skip
    "editar_acuerdo": lambda s, i, a: servicio.editar_acuerdo(
        s,
        i["acuerdo"],
        texto="Forjado",
        institucion="SESAL",
        persona_responsable="Ana",
        fecha_limite=dt.date(2026, 4, 1),
        actor=a,
    ),  # fmt: skip
    "eliminar_acuerdo": lambda s, i, a: servicio.eliminar_acuerdo(
        s, i["acuerdo"], motivo="Duplicado", actor=a
    ),
    "cambiar_estado_acuerdo": lambda s, i, a: servicio.cambiar_estado_acuerdo(
        s, i["acuerdo"], "cumplido", nota="Listo", fecha=dt.date(2026, 3, 20), actor=a, hoy=HOY
    ),
    "anotar_seguimiento": lambda s, i, a: servicio.anotar_seguimiento(
        s, i["acuerdo"], nota="Avanza", fecha=dt.date(2026, 3, 20), actor=a, hoy=HOY
    ),
    "registrar_cuello_botella": lambda s, i, a: servicio.registrar_cuello_botella(
        s,
        "SAL",
        descripcion="Otro",
        ambito="sectorial",
        identificado_en=dt.date(2026, 3, 1),
        metas=["MS-01"],
        actor=a,
    ),  # fmt: skip
    "cambiar_estado_cuello": lambda s, i, a: servicio.cambiar_estado_cuello(
        s, i["cuello"], "superado", actor=a
    ),
    "registrar_estrategia": lambda s, i, a: servicio.registrar_estrategia(
        s, "SAL", descripcion="Otra", responsable="SESAL", metas=["MS-01"], actor=a
    ),
    "cambiar_estado_estrategia": lambda s, i, a: servicio.cambiar_estado_estrategia(
        s, i["estrategia"], "aprobada", actor=a
    ),
    "devolver_estrategia": lambda s, i, a: servicio.devolver_estrategia(
        s, i["estrategia"], nota="Costear", actor=a
    ),
    "reenviar_estrategia": lambda s, i, a: servicio.reenviar_estrategia(
        s, i["estrategia"], descripcion="Calendarizar con SEFIN", actor=a
    ),
    "registrar_producto": lambda s, i, a: servicio.registrar_producto(
        s, "SAL", tipo="diagnostico_sectorial", titulo="Diagnóstico", actor=a
    ),
}

#: Creating a mesa and designating its coordinators are DIGER's, not the mesa's.
DE_ADMINISTRACION = {
    "crear_mesa",
    "designar_coordinador",
    "asignar_analistas",
    "configurar_mesa",
}
#: Decisions are the designated political coordinator's; history is admin's (issue #11).
REFUSALS_PROPIOS = {
    "aprobar_plan": permisos.SIN_PERMISO_APROBAR,
    "devolver_plan": permisos.SIN_PERMISO_APROBAR,
    "devolver_estrategia": permisos.SIN_PERMISO_APROBAR,
    "cambiar_estado_estrategia": permisos.SIN_PERMISO_APROBAR,
    "registrar_plan_aprobado": permisos.SIN_PERMISO_HISTORIAL,
}
#: A DIGER analyst assigned to another mesa (issue #11: analysts write only where assigned).
ANALISTA_OTRA_MESA = Alcance(usuario="analista.edu", rol=Rol.analista, mesas=frozenset({"EDU"}))


def test_every_write_service_is_covered() -> None:
    """Each write the service package exports is in :data:`SERVICIOS` (a new write must be added
    here, and so checked)."""
    lecturas = {
        "ConflictoEdicion",
        "Coordinador",
        "ErrorMesa",
        "acuerdos_abiertos",
        "citacion",
        "contenido_acuerdo",
        "designaciones",
    }
    #: Writes whose rule is not the mesa's alone, each with its own refusal tests:
    #: the responsible institution's report on its acuerdo (test_institucion_acuerdos.py).
    propias = {"informar_acuerdo"}
    assert set(servicio.__all__) - lecturas - propias == set(SERVICIOS)


def _auditados(db) -> int:
    with session_factory(db)() as s:
        return s.scalar(select(func.count()).select_from(Auditoria)) or 0


@pytest.mark.parametrize("quien", list(SIN_PERMISO))
@pytest.mark.parametrize("nombre", list(SERVICIOS))
def test_every_service_refuses_a_user_without_permission(db, ids, nombre, quien) -> None:
    """A upgret user, another mesa's coordinator and a minister, calling any write of the Salud
    mesa directly, are refused in Spanish before anything is written."""
    antes = _auditados(db)
    mensaje = (
        permisos.SIN_PERMISO_ADMINISTRAR
        if nombre in DE_ADMINISTRACION
        else REFUSALS_PROPIOS.get(nombre, permisos.SIN_PERMISO_MESA)
    )
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa) as error:
            SERVICIOS[nombre](s, ids, SIN_PERMISO[quien])
    assert str(error.value) == mensaje
    assert _auditados(db) == antes


@pytest.mark.parametrize("nombre", sorted(set(SERVICIOS) - DE_ADMINISTRACION))
def test_an_analyst_not_assigned_to_the_mesa_is_refused(db, ids, nombre) -> None:
    """An analyst assigned to another mesa calling any write of the Salud mesa is refused in
    Spanish before anything is written (creating mesas and designating stay DIGER's)."""
    antes = _auditados(db)
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa) as error:
            SERVICIOS[nombre](s, ids, ANALISTA_OTRA_MESA)
    assert str(error.value) == REFUSALS_PROPIOS.get(nombre, permisos.SIN_PERMISO_MESA)
    assert _auditados(db) == antes


@pytest.mark.parametrize("nombre", sorted(set(SERVICIOS) - DE_ADMINISTRACION))
def test_the_mesa_coordinator_may_call_every_service(db, ids, nombre) -> None:
    """The control: the Salud coordinator passes the permission check of every mesa write (any
    refusal is then a rule of the guidelines, never the permission)."""
    with session_factory(db)() as s, s.begin():
        try:
            SERVICIOS[nombre](s, ids, COORD_SAL)
        except ErrorMesa as error:
            assert str(error) != permisos.SIN_PERMISO_MESA


# --- links to goals and indicators: the mesa's own sector only ---------------------------------


def _vincular(s: Session, ids: dict[str, int], actor: Alcance, que: str, campo: str, codigo: str):
    """Record an acuerdo, bottleneck or strategy of the Salud mesa linking ``codigo``."""
    vinculo: dict[str, Any] = {campo: [codigo]}
    if que == "acuerdo":
        return servicio.registrar_acuerdo(
            s, ids["ayuda"], texto="Vincular", institucion="SESAL", persona_responsable="Ana",
            fecha_limite=dt.date(2026, 4, 1), actor=actor, **vinculo,
        )  # fmt: skip
    if que == "cuello":
        return servicio.registrar_cuello_botella(
            s, "SAL", descripcion="Vincular", ambito="sectorial",
            identificado_en=dt.date(2026, 3, 1), actor=actor, **vinculo,
        )  # fmt: skip
    return servicio.registrar_estrategia(
        s, "SAL", descripcion="Vincular", responsable="SESAL", actor=actor, **vinculo
    )


@pytest.mark.parametrize("actor", [COORD_SAL, SISTEMA], ids=["coordinador", "sistema_cli"])
@pytest.mark.parametrize("que", ["acuerdo", "cuello", "estrategia"])
@pytest.mark.parametrize(
    ("campo", "ajeno", "inexistente"),
    [("metas", "ME-01", "MX-99"), ("indicadores", "ME-01-I1", "MX-99-I1")],
)
def test_another_sectors_code_is_refused_like_an_unknown_one(
    db, ids, actor, que, campo, ajeno, inexistente
) -> None:
    """An acuerdo, bottleneck or strategy of the Salud mesa cannot link the Education sector's
    goal or indicator: refused with the same message as a code that does not exist, nothing
    written; the same record linking Salud's own code is accepted. The coordinator (what a forged
    callback reaches) and the system actor (the CLI's) alike."""
    mensajes = []
    antes = _auditados(db)
    for codigo in (ajeno, inexistente):
        with session_factory(db)() as s, s.begin():
            with pytest.raises(ErrorMesa) as error:
                _vincular(s, ids, actor, que, campo, codigo)
        mensajes.append(str(error.value).replace(codigo, "<código>"))
    assert mensajes[0] == mensajes[1]
    assert "no existen o no son del sector Salud" in mensajes[0]
    assert _auditados(db) == antes
    propio = "MS-01" if campo == "metas" else "MS-01-I1"
    with session_factory(db)() as s, s.begin():
        _vincular(s, ids, actor, que, campo, propio)
    assert _auditados(db) == antes + 1


def test_no_record_of_a_mesa_is_linked_to_another_sector(db, ids) -> None:
    """After the refusals, no acuerdo, bottleneck or strategy of the Salud mesa names an
    Education goal (the other sector's ``rojo_sin_accion`` alerts stay as they were)."""
    for codigo in ("ME-01", "MX-99"):
        with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa):
            _vincular(s, ids, COORD_SAL, "acuerdo", "metas", codigo)
    with session_factory(db)() as s:
        vinculadas = {
            m.codigo
            for modelo in (Acuerdo, CuelloBotella, Estrategia)
            for fila in s.scalars(select(modelo))
            for m in fila.metas
        }
    assert vinculadas == {"MS-01"}
