"""The write rules of the MESGEPRET (issue #5 "Rules"), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.mesas import consultas, reglas, servicio
from data_layer.mesas.estados import sesiones_al_corte
from data_layer.mesas.models import ActividadPlan, AyudaMemoria, PuntoAgenda, SeguimientoAcuerdo
from data_layer.mesas.servicio import ErrorMesa
from data_layer.models import Auditoria, Rol

from .conftest import ACTOR, HOY, SISTEMA, USUARIO, acreditar, convocar, sesion_con_acta

SESION = dt.datetime(2026, 3, 10, 9, 0)


def _sesiones(db, corte=dt.date(2026, 11, 23)):
    with session_factory(db)() as s:
        return sesiones_al_corte(consultas.load_mesas(s), corte).set_index("id")


# --- convocatoria: 5 days, agenda -------------------------------------------------------------


def test_four_days_notice_without_justification_is_refused(db) -> None:
    """Sent 4 days ahead, no justification: refused, saying the minimum is 5; nothing written."""
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa, match="4 día\\(s\\) de anticipación.*al menos 5"):
            convocar(s, "SAL", SESION, enviada=dt.date(2026, 3, 6))
    assert _sesiones(db).empty


def test_four_days_notice_with_justification_is_accepted_and_flagged(db) -> None:
    """Sent 4 days ahead with a justification: accepted, kept, and flagged convocatoria_tardia."""
    with session_factory(db)() as s, s.begin():
        sesion = convocar(
            s, "SAL", SESION, enviada=dt.date(2026, 3, 6), justificacion="Emergencia por dengue"
        )
    fila = _sesiones(db).loc[sesion.id]
    assert fila["dias_anticipacion"] == 4 and bool(fila["convocatoria_tardia"])
    assert fila["justificacion_convocatoria"] == "Emergencia por dengue"


def test_exactly_five_days_notice_is_on_time(db) -> None:
    """Sent exactly 5 days ahead (05/03 for a session on 10/03 at 09:00): on time, not flagged."""
    with session_factory(db)() as s, s.begin():
        sesion = convocar(s, "SAL", SESION, enviada=dt.date(2026, 3, 5))
    fila = _sesiones(db).loc[sesion.id]
    assert fila["dias_anticipacion"] == 5 and not bool(fila["convocatoria_tardia"])


def test_convocatoria_without_agenda_or_after_the_session_is_refused(db) -> None:
    """An agenda is required (blank items do not count); no convocatoria after the session."""
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa, match="agenda con al menos un punto"):
            convocar(s, "SAL", SESION, agenda=["  ", ""])
        with pytest.raises(ErrorMesa, match="después de la fecha de la sesión"):
            convocar(s, "SAL", SESION, enviada=dt.date(2026, 3, 11))


# --- accreditation: 3 technical members -------------------------------------------------------


def test_fourth_technical_member_is_refused_naming_the_three(db) -> None:
    """Three technical members of SESAL (director included) fill the quota: the 4th is refused,
    the message says why and who the three are; a political member of SESAL is still allowed."""
    with session_factory(db)() as s, s.begin():
        acreditar(
            s, "SAL", "SESAL", "Marta Díaz", es_director_upgret=True, cargo="Directora UPGRET"
        )
        acreditar(s, "SAL", "SESAL", "Pedro Ruiz")
        acreditar(s, "SAL", "SESAL", "Sofía Mejía")
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa) as error:
            acreditar(s, "SAL", "SESAL", "Carlos Luna")
        mensaje = str(error.value)
        assert "como máximo 3 por institución" in mensaje and "director(a) de la UPGRET" in mensaje
        assert all(n in mensaje for n in ("Marta Díaz", "Pedro Ruiz", "Sofía Mejía"))
        acreditar(s, "SAL", "SESAL", "Dra. Carla Flores", nivel="politico", cargo="Ministra")
        # Another institution and another mesa have their own quota.
        acreditar(s, "SAL", "IHSS", "Carlos Luna")
        acreditar(s, "EDU", "SESAL", "Carlos Luna")


def test_inactive_members_do_not_count_toward_the_limit(db) -> None:
    """After one of three technical members is given de baja, a new one can be accredited."""
    with session_factory(db)() as s, s.begin():
        primero = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        acreditar(s, "SAL", "SESAL", "Pedro Ruiz")
        acreditar(s, "SAL", "SESAL", "Sofía Mejía")
        servicio.dar_de_baja_miembro(
            s, primero.id, baja_en=dt.date(2026, 2, 1), motivo="Traslado", actor=ACTOR
        )
        nuevo = acreditar(s, "SAL", "SESAL", "Carlos Luna")
        assert nuevo.activo and not primero.activo


def test_accreditation_refuses_duplicates_second_director_and_bad_email(db) -> None:
    """The same person twice, two UPGRET directors of one institution, a political director and a
    malformed e-mail are refused with Spanish reasons."""
    with session_factory(db)() as s, s.begin():
        acreditar(s, "SAL", "SESAL", "Marta Díaz", es_director_upgret=True)
        with pytest.raises(ErrorMesa, match="ya está acreditado"):
            acreditar(s, "SAL", "SESAL", "marta díaz", nivel="politico")
        with pytest.raises(ErrorMesa, match="ya tiene acreditado a su director"):
            acreditar(s, "SAL", "SESAL", "Pedro Ruiz", es_director_upgret=True)
        with pytest.raises(ErrorMesa, match="nivel técnico-operativo"):
            acreditar(s, "SAL", "IHSS", "Ana Rivas", nivel="politico", es_director_upgret=True)
        with pytest.raises(ErrorMesa, match="no es un correo"):
            acreditar(s, "SAL", "IHSS", "Ana Rivas", correo="ana.rivas.ihss")


# --- ayuda memoria: sequence, attendance, 7 days, final -------------------------------------


def test_acta_numbers_follow_a_sequence_per_mesa(db) -> None:
    """Actas are numbered 1, 2, 3 in SAL and start again at 1 in EDU."""
    with session_factory(db)() as s, s.begin():
        sal = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        edu = acreditar(s, "EDU", "SEDUC", "Pedro Ruiz")
        numeros_sal = [
            sesion_con_acta(s, "SAL", dt.datetime(2026, m, 10, 9), [sal.id])[1].numero
            for m in (3, 4, 5)
        ]
        numero_edu = sesion_con_acta(s, "EDU", dt.datetime(2026, 3, 12, 9), [edu.id])[1].numero
    assert numeros_sal == [1, 2, 3] and numero_edu == 1


def test_duplicate_acta_number_is_refused_by_the_database(db) -> None:
    """The unique constraint (mesa, numero) refuses a second acta 1 written around the service."""
    with session_factory(db)() as s, s.begin():
        sal = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        sesion, ayuda = sesion_con_acta(s, "SAL", SESION, [sal.id])
        mesa_id, sesion_id = ayuda.mesa_id, sesion.id
    with session_factory(db)() as s, pytest.raises(IntegrityError), s.begin():
        s.add(
            AyudaMemoria(
                mesa_id=mesa_id,
                sesion_id=sesion_id,
                numero=1,
                elaborada_en=SESION.date(),
                desarrollo="copia",
            )
        )


def test_attendance_only_from_accredited_active_members_of_the_mesa(db) -> None:
    """A member of another mesa, one given de baja before the session and one accredited after it
    are refused; the attendance lists every eligible member of the level, present or not."""
    with session_factory(db)() as s, s.begin():
        presente = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        ausente = acreditar(s, "SAL", "IHSS", "Pedro Ruiz")
        otra_mesa = acreditar(s, "EDU", "SEDUC", "Sofía Mejía")
        de_baja = acreditar(s, "SAL", "SEFIN", "Carlos Luna")
        servicio.dar_de_baja_miembro(
            s, de_baja.id, baja_en=dt.date(2026, 2, 1), motivo="Renuncia", actor=ACTOR
        )
        tardio = acreditar(s, "SAL", "SEFIN", "Ana Rivas", acreditado_en=dt.date(2026, 4, 1))
        sesion = convocar(s, "SAL", SESION)
        for intruso, motivo in (
            (otra_mesa, "no es miembro acreditado"),
            (de_baja, "dado\\(a\\) de baja el 01/02/2026"),
            (tardio, "acreditado\\(a\\) el 01/04/2026"),
        ):
            with pytest.raises(ErrorMesa, match=motivo):
                servicio.registrar_ayuda_memoria(
                    s,
                    sesion.id,
                    elaborada_en=SESION.date(),
                    desarrollo="Acta",
                    presentes=[presente.id, intruso.id],
                    actor=ACTOR,
                    hoy=HOY,
                )
        ayuda = servicio.registrar_ayuda_memoria(
            s,
            sesion.id,
            elaborada_en=SESION.date(),
            desarrollo="Acta",
            presentes=[presente.id],
            actor=ACTOR,
            hoy=HOY,
        )
        lista = {a.miembro_id: a.presente for a in ayuda.asistencia}
    assert lista == {presente.id: True, ausente.id: False}


@pytest.mark.parametrize(("dias", "tardia"), [(7, False), (8, True)])
def test_distribution_on_day_seven_is_on_time_and_day_eight_late(db, dias, tardia) -> None:
    """Minutes of a session on 10/03 distributed on 17/03 (day 7) are on time; on 18/03, late."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        sesion, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        servicio.distribuir_ayuda_memoria(
            s,
            ayuda.id,
            distribuida_en=SESION.date() + dt.timedelta(days=dias),
            actor=ACTOR,
            hoy=HOY,
        )
    fila = _sesiones(db).loc[sesion.id]
    assert fila["dias_distribucion"] == dias and bool(fila["ayuda_memoria_tardia"]) is tardia


def test_undistributed_minutes_become_late_after_seven_days(db) -> None:
    """Not distributed: on time up to 7 days after the session, late from the 8th day on."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        sesion, _ = sesion_con_acta(s, "SAL", SESION, [m.id])
    assert not _sesiones(db, dt.date(2026, 3, 17)).loc[sesion.id, "ayuda_memoria_tardia"]
    assert _sesiones(db, dt.date(2026, 3, 18)).loc[sesion.id, "ayuda_memoria_tardia"]


def test_distributed_minutes_are_final_and_corrections_are_new_audited_records(db) -> None:
    """After distribution, editing or adding an acuerdo is refused; a correction is a new ayuda
    memoria with the next acta number that references the original, audited with old → new."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        otro = acreditar(s, "SAL", "IHSS", "Pedro Ruiz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=dt.date(2026, 3, 12), actor=ACTOR, hoy=HOY
        )
        with pytest.raises(ErrorMesa, match="acta 1 se distribuyó el 12/03/2026: es definitiva"):
            servicio.editar_ayuda_memoria(s, ayuda.id, desarrollo="Otro texto", actor=ACTOR)
        with pytest.raises(ErrorMesa, match="es definitiva"):
            servicio.registrar_acuerdo(
                s,
                ayuda.id,
                texto="Nuevo",
                institucion="SESAL",
                persona_responsable="Marta Díaz",
                fecha_limite=dt.date(2026, 4, 1),
                actor=ACTOR,
            )
        correccion = servicio.corregir_ayuda_memoria(
            s,
            ayuda.id,
            motivo="Faltó registrar la asistencia del IHSS",
            elaborada_en=dt.date(2026, 3, 13),
            presentes=[m.id, otro.id],
            actor=ACTOR,
            hoy=HOY,
        )
        assert (correccion.numero, correccion.corrige_a_id) == (2, ayuda.id)
        assert ayuda.desarrollo == "Se revisó el avance de las metas del sector."
        with pytest.raises(ErrorMesa, match="ya fue corregida por el acta 2"):
            servicio.corregir_ayuda_memoria(
                s, ayuda.id, motivo="Otra", elaborada_en=dt.date(2026, 3, 14), actor=ACTOR, hoy=HOY
            )
        registro = s.scalars(
            select(Auditoria).where(Auditoria.accion == "ayuda_memoria_corregida")
        ).one()
        detalle = json.loads(registro.detalle)
        assert detalle["presentes"] == [[m.id], sorted([m.id, otro.id])]
        assert detalle["numero"] == [1, 2] and registro.usuario == USUARIO


def test_undistributed_minutes_can_be_edited_and_not_corrected(db) -> None:
    """Before distribution the minutes are edited in place (audited); a correction is refused."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        servicio.editar_ayuda_memoria(s, ayuda.id, desarrollo="Texto revisado", actor=ACTOR)
        with pytest.raises(ErrorMesa, match="aún no se ha distribuido"):
            servicio.corregir_ayuda_memoria(
                s, ayuda.id, motivo="x", elaborada_en=SESION.date(), actor=ACTOR, hoy=HOY
            )
        edicion = s.scalars(
            select(Auditoria).where(Auditoria.accion == "ayuda_memoria_editada")
        ).one()
    assert json.loads(edicion.detalle)["desarrollo"][1] == "Texto revisado"


# --- acuerdos: required fields, overdue, notes, carry-over ----------------------------------


def _acuerdo(s, ayuda_id, texto, limite, **extra):
    return servicio.registrar_acuerdo(
        s,
        ayuda_id,
        texto=texto,
        institucion=extra.pop("institucion", "SESAL"),
        persona_responsable=extra.pop("persona", "Marta Díaz"),
        fecha_limite=limite,
        actor=ACTOR,
        **extra,
    )


def test_acuerdo_requires_institution_person_and_due_date(db) -> None:
    """No person, no due date, an unknown institution or goal: each refused in Spanish."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        with pytest.raises(ErrorMesa, match="«persona responsable» es obligatorio"):
            _acuerdo(s, ayuda.id, "Enviar datos", dt.date(2026, 4, 1), persona=" ")
        with pytest.raises(ErrorMesa, match="«fecha límite» es obligatorio"):
            _acuerdo(s, ayuda.id, "Enviar datos", None)
        with pytest.raises(ErrorMesa, match="«XYZ» no es la sigla"):
            _acuerdo(s, ayuda.id, "Enviar datos", dt.date(2026, 4, 1), institucion="XYZ")
        with pytest.raises(
            ErrorMesa, match="vincular las metas MX-99: no existen o no son del sector"
        ):
            _acuerdo(s, ayuda.id, "Enviar datos", dt.date(2026, 4, 1), metas=["MX-99"])
        acuerdo = _acuerdo(
            s,
            ayuda.id,
            "Enviar datos",
            dt.date(2026, 4, 1),
            metas=["MS-01"],
            indicadores=["MS-01-I1"],
        )
        assert [x.codigo for x in acuerdo.metas] == ["MS-01"]


def test_overdue_is_derived_from_the_due_date_at_read_time() -> None:
    """Due yesterday and pendiente → vencido; due today → still pendiente; cumplido or cancelado
    past due → never vencido; en_proceso past due → vencido."""
    estados = pd.Series(["pendiente", "pendiente", "cumplido", "cancelado", "en_proceso"])
    limites = pd.Series(
        pd.to_datetime(["2026-11-22", "2026-11-23", "2026-01-01", "2026-01-01", "2026-11-01"])
    )
    vigente = reglas.estado_vigente(estados, limites, dt.date(2026, 11, 23))
    assert vigente.tolist() == ["vencido", "pendiente", "cumplido", "cancelado", "vencido"]


def test_status_change_needs_a_note_and_writes_history(db) -> None:
    """Without a note the change is refused; with one, a history row keeps who, when, old → new;
    vencido cannot be set by hand."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        acuerdo = _acuerdo(s, ayuda.id, "Enviar datos", dt.date(2026, 4, 1))
        for nota in (None, "   "):
            with pytest.raises(ErrorMesa, match="necesita una nota de seguimiento"):
                servicio.cambiar_estado_acuerdo(
                    s,
                    acuerdo.id,
                    "cumplido",
                    nota=nota,
                    fecha=dt.date(2026, 3, 20),
                    actor=ACTOR,
                    hoy=HOY,
                )
        with pytest.raises(ErrorMesa, match="lo asigna el sistema"):
            servicio.cambiar_estado_acuerdo(
                s,
                acuerdo.id,
                "vencido",
                nota="Pasó la fecha",
                fecha=dt.date(2026, 4, 2),
                actor=ACTOR,
                hoy=HOY,
            )
        servicio.cambiar_estado_acuerdo(
            s,
            acuerdo.id,
            "en_proceso",
            nota="La SESAL inició la recolección",
            fecha=dt.date(2026, 3, 20),
            actor=ACTOR,
            hoy=HOY,
        )
        historia = s.scalars(select(SeguimientoAcuerdo)).all()
    assert [(h.estado_anterior, h.estado_nuevo, h.usuario, h.fecha) for h in historia] == [
        ("pendiente", "en_proceso", USUARIO, dt.date(2026, 3, 20))
    ]


def test_open_acuerdos_are_carried_into_the_next_session_agenda(db) -> None:
    """Pendiente, en proceso and overdue acuerdos become "Seguimiento de acuerdos" items after the
    given topics; cumplido and cancelado ones are not carried."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        ids = {
            texto: _acuerdo(s, ayuda.id, texto, limite).id
            for texto, limite in (
                ("pendiente", dt.date(2026, 6, 1)),
                ("en proceso", dt.date(2026, 6, 1)),
                ("vencido", dt.date(2026, 3, 20)),
                ("cumplido", dt.date(2026, 6, 1)),
                ("cancelado", dt.date(2026, 6, 1)),
            )
        }
        for texto, estado in (
            ("en proceso", "en_proceso"),
            ("cumplido", "cumplido"),
            ("cancelado", "cancelado"),
        ):
            servicio.cambiar_estado_acuerdo(
                s,
                ids[texto],
                estado,
                nota="Seguimiento",
                fecha=dt.date(2026, 3, 15),
                actor=ACTOR,
                hoy=HOY,
            )
        siguiente = convocar(s, "SAL", dt.datetime(2026, 4, 14, 9), agenda=["Informe trimestral"])
        puntos = s.scalars(
            select(PuntoAgenda)
            .where(PuntoAgenda.sesion_id == siguiente.id)
            .order_by(PuntoAgenda.orden)
        ).all()
    assert [(p.orden, p.tipo, p.acuerdo_id) for p in puntos] == [
        (1, "tema", None),
        (2, "seguimiento_acuerdo", ids["vencido"]),
        (3, "seguimiento_acuerdo", ids["pendiente"]),
        (4, "seguimiento_acuerdo", ids["en proceso"]),
    ]
    assert puntos[1].titulo.startswith("Seguimiento de acuerdos: acuerdo ")


def test_every_change_writes_an_audit_record_with_who(db) -> None:
    """Creating the mesa, accrediting, calling, recording minutes, an acuerdo, distributing and a
    status change each append one audit record naming the user."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        acuerdo = _acuerdo(s, ayuda.id, "Enviar datos", dt.date(2026, 4, 1))
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=SESION.date(), actor=ACTOR, hoy=HOY
        )
        servicio.cambiar_estado_acuerdo(
            s,
            acuerdo.id,
            "cumplido",
            nota="Datos recibidos",
            fecha=dt.date(2026, 3, 30),
            actor=ACTOR,
            hoy=HOY,
        )
        registros = s.execute(
            select(Auditoria.accion, Auditoria.usuario).order_by(Auditoria.id)
        ).all()
    assert [tuple(r) for r in registros] == [
        ("mesa_creada", "admin"),
        ("mesa_creada", "admin"),
        ("miembro_acreditado", USUARIO),
        ("sesion_convocada", USUARIO),
        ("ayuda_memoria_registrada", USUARIO),
        ("acuerdo_registrado", USUARIO),
        ("ayuda_memoria_distribuida", USUARIO),
        ("acuerdo_estado", USUARIO),
    ]


# --- plan de trabajo, bottlenecks, strategies, products, permissions ------------------------


def test_plan_is_approved_only_with_activities_and_then_closed_to_additions(db) -> None:
    """An empty plan cannot be approved (recorded as an approval given outside SIGPRET); once
    approved, adding an activity is refused."""
    with session_factory(db)() as s, s.begin():
        plan = servicio.crear_plan(s, "SAL", 2026, actor=ACTOR)
        aprobar = {"aprobado_en": dt.date(2026, 2, 1), "aprobado_por": "Ministra de Salud"}
        with pytest.raises(ErrorMesa, match="sin actividades"):
            servicio.registrar_plan_aprobado(s, plan.id, actor=SISTEMA, **aprobar)
        actividad = {
            "actividad": "Revisar la MCR del sector",
            "resultado_esperado": "MCR revisada",
            "responsable": "UPGRET SESAL",
            "fecha_inicio": dt.date(2026, 2, 1),
            "fecha_fin": dt.date(2026, 3, 31),
        }
        servicio.agregar_actividad(s, plan.id, actor=ACTOR, **actividad)
        servicio.registrar_plan_aprobado(s, plan.id, actor=SISTEMA, **aprobar)
        with pytest.raises(ErrorMesa, match="ya fue aprobado el 01/02/2026"):
            servicio.agregar_actividad(s, plan.id, actor=ACTOR, **actividad)
        with pytest.raises(ErrorMesa, match="ya tiene plan de trabajo 2026"):
            servicio.crear_plan(s, "SAL", 2026, actor=ACTOR)


def test_bottlenecks_strategies_and_products_need_their_links_and_documents(db) -> None:
    """A strategy with no goal or indicator, an institutional bottleneck with no institution and a
    document without URL or path are refused; with them, they are recorded."""
    with session_factory(db)() as s, s.begin():
        with pytest.raises(ErrorMesa, match="al menos a una meta o a un indicador"):
            servicio.registrar_estrategia(s, "SAL", descripcion="x", responsable="y", actor=ACTOR)
        with pytest.raises(ErrorMesa, match="debe indicar la institución"):
            servicio.registrar_cuello_botella(
                s,
                "SAL",
                descripcion="Falta de personal",
                ambito="institucional",
                identificado_en=dt.date(2026, 2, 1),
                metas=["MS-01"],
                actor=ACTOR,
            )
        cuello = servicio.registrar_cuello_botella(
            s,
            "SAL",
            descripcion="Falta de personal",
            ambito="institucional",
            institucion="SESAL",
            identificado_en=dt.date(2026, 2, 1),
            indicadores=["MS-01-I1"],
            actor=ACTOR,
        )
        servicio.registrar_estrategia(
            s,
            "SAL",
            descripcion="Contratar personal",
            responsable="SESAL",
            cuello_botella_id=cuello.id,
            metas=["MS-01"],
            actor=ACTOR,
        )
        with pytest.raises(ErrorMesa, match="enlace \\(URL\\) o la ruta"):
            servicio.registrar_producto(
                s,
                "SAL",
                tipo="diagnostico_sectorial",
                titulo="Diagnóstico",
                documento_nombre="d.pdf",
                actor=ACTOR,
            )
        with pytest.raises(ErrorMesa, match="no es un valor válido de tipo de producto"):
            servicio.registrar_producto(s, "SAL", tipo="acta", titulo="x", actor=ACTOR)


def _auditoria(s, accion: str) -> list[Auditoria]:
    return list(
        s.scalars(select(Auditoria).where(Auditoria.accion == accion).order_by(Auditoria.id))
    )


def test_status_changes_of_bottlenecks_and_strategies_are_audited_only_when_they_change(db) -> None:
    """Overcoming a bottleneck and discarding a strategy each leave one audit row with the change
    (before → after); setting the same status again is refused and writes nothing; a bad status
    is refused."""
    with session_factory(db)() as s, s.begin():
        cuello = servicio.registrar_cuello_botella(
            s,
            "SAL",
            descripcion="Falta de personal",
            ambito="sectorial",
            identificado_en=dt.date(2026, 2, 1),
            metas=["MS-01"],
            actor=ACTOR,
        )
        estrategia = servicio.registrar_estrategia(
            s, "SAL", descripcion="Contratar", responsable="SESAL", metas=["MS-01"], actor=ACTOR
        )
        servicio.cambiar_estado_cuello(s, cuello.id, "superado", actor=ACTOR)
        with pytest.raises(ErrorMesa, match="ya está en ese estado: no hay cambios"):
            servicio.cambiar_estado_cuello(s, cuello.id, "superado", actor=ACTOR)
        servicio.cambiar_estado_estrategia(
            s, estrategia.id, "descartada", nota="Sin financiamiento", actor=ACTOR
        )
        with pytest.raises(ErrorMesa, match="estado de la estrategia"):
            servicio.cambiar_estado_estrategia(s, estrategia.id, "terminada", actor=ACTOR)
        s.flush()
        cuellos = _auditoria(s, "cuello_botella_estado")
        estrategias = _auditoria(s, "estrategia_descartada")
    assert cuello.estado == "superado" and estrategia.estado == "descartada"
    assert [
        json.loads(a.detalle) if isinstance(a.detalle, str) else a.detalle for a in cuellos
    ] == [{"estado": ["abierto", "superado"]}]
    assert len(estrategias) == 1 and cuellos[0].entidad.startswith("mesa:SAL")


def test_setting_the_current_status_again_is_refused_in_spanish(db) -> None:
    """Choosing the status a bottleneck or a plan activity already has is refused in Spanish
    («… ya está en ese estado: no hay cambios.», as other services refuse a no-op), so the page
    never says «quedó …» for a save that wrote nothing: no audit row, the activity's version
    unchanged; a real change is still recorded."""
    with session_factory(db)() as s, s.begin():
        cuello = servicio.registrar_cuello_botella(
            s, "SAL", descripcion="Falta de personal", ambito="sectorial",
            identificado_en=dt.date(2026, 2, 1), metas=["MS-01"], actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        plan = servicio.crear_plan(s, "SAL", 2026, actor=ACTOR)
        actividad = servicio.agregar_actividad(
            s, plan.id, actividad="Diagnóstico", resultado_esperado="Validado",
            responsable="UPGRET", fecha_inicio=dt.date(2026, 2, 1),
            fecha_fin=dt.date(2026, 4, 1), actor=ACTOR,
        )  # fmt: skip
        ids = cuello.id, actividad.id, actividad.orden, actividad.version
    cuello_id, actividad_id, orden, version = ids
    for llamada, mensaje in (
        (
            lambda s: servicio.cambiar_estado_cuello(s, cuello_id, "abierto", actor=ACTOR),
            f"El cuello de botella N.º {cuello_id} ya está en ese estado: no hay cambios.",
        ),
        (
            lambda s: servicio.cambiar_estado_actividad(s, actividad_id, "pendiente", actor=ACTOR),
            f"La actividad N.º {orden} ya está en ese estado: no hay cambios.",
        ),
    ):
        with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa) as error:
            llamada(s)
        assert str(error.value) == mensaje
    with session_factory(db)() as s:
        assert _auditoria(s, "cuello_botella_estado") == []
        assert _auditoria(s, "actividad_estado") == []
        assert s.get(ActividadPlan, actividad_id).version == version
    with session_factory(db)() as s, s.begin():
        servicio.cambiar_estado_actividad(s, actividad_id, "en_proceso", actor=ACTOR)
    with session_factory(db)() as s:
        assert len(_auditoria(s, "actividad_estado")) == 1
        assert s.get(ActividadPlan, actividad_id).version == version + 1


def test_a_new_coordinator_replaces_the_old_one_and_the_audit_keeps_both(db) -> None:
    """Designating a new technical coordinator changes the mesa and records before and after."""
    with session_factory(db)() as s, s.begin():
        mesa = servicio.designar_coordinador(
            s,
            "SAL",
            "tecnico",
            servicio.Coordinador("Marta Ruiz", "Viceministra", "IHSS"),
            actor=SISTEMA,
        )
        s.flush()
        (fila,) = _auditoria(s, "coordinador_designado")
        detalle = json.loads(fila.detalle) if isinstance(fila.detalle, str) else fila.detalle
    assert (mesa.coordinador_tecnico_nombre, mesa.institucion_tecnico.sigla) == (
        "Marta Ruiz",
        "IHSS",
    )
    assert detalle == {
        "coordinador_tecnico": [
            ["Luis Gómez", "Viceministro", "SESAL", None],
            ["Marta Ruiz", "Viceministra", "IHSS", None],
        ]
    }


def test_contact_update_records_only_what_changed_and_checks_the_email(db) -> None:
    """A new e-mail is audited as before → after; the same cargo again is not a change; a
    malformed e-mail is refused in Spanish and nothing changes."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Ana Uno", correo="ana@salud.gob.hn")
        servicio.actualizar_contacto(
            s, m.id, cargo=m.cargo, correo="ana.uno@salud.gob.hn", actor=ACTOR
        )
        with pytest.raises(ErrorMesa, match="correo"):
            servicio.actualizar_contacto(s, m.id, correo="no-es-correo", actor=ACTOR)
        s.flush()
        (fila,) = _auditoria(s, "miembro_actualizado")
        detalle = json.loads(fila.detalle) if isinstance(fila.detalle, str) else fila.detalle
    assert m.correo == "ana.uno@salud.gob.hn"
    assert detalle == {"correo": ["ana@salud.gob.hn", "ana.uno@salud.gob.hn"]}


@pytest.mark.parametrize(
    ("rol", "sectores", "mesas", "puede"),
    [
        (Rol.coordinador_mesa, {"SAL"}, set(), True),
        (Rol.coordinador_mesa, {"EDU"}, set(), False),
        (Rol.analista, set(), {"SAL"}, True),
        (Rol.analista, set(), {"EDU"}, False),
        (Rol.analista, set(), set(), False),
        (Rol.admin, set(), set(), True),
        (Rol.upgret, set(), set(), False),
        (Rol.ministro, {"SAL"}, {"SAL"}, False),
        (Rol.presidencia, set(), set(), False),
    ],
)
def test_only_the_mesa_coordinators_analistas_and_admin_may_write(
    rol, sectores, mesas, puede
) -> None:
    """puede_escribir_mesa: a coordinator of that mesa, an analyst assigned to it and admin;
    nobody else."""
    alcance = Alcance(usuario="u", rol=rol, sectores=frozenset(sectores), mesas=frozenset(mesas))
    assert permisos.puede_escribir_mesa(alcance, "SAL") is puede
