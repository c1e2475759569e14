"""Setting a mesa up and running its support (issue #11), on SQLite and PostgreSQL.

The equipo de apoyo comes from the institutions of the mesa (optionally a UPGRET account of that
institution) and leaves with a date, never deleted; a grupo de trabajo changes members, closes,
and reports back to its mesa as an agenda item of a session whose minutes are not out; a
forged id of another mesa is refused; the designation history is read from the audit trail.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from data_layer import auth
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.mesas import configuracion, servicio
from data_layer.mesas.models import EquipoApoyo, GrupoTrabajo, InformeGrupo, Mesa, SesionMesa
from data_layer.mesas.servicio import ConflictoEdicion, ErrorMesa
from data_layer.models import Auditoria, Rol, Sector

from .conftest import ACTOR, HOY, SISTEMA, acreditar, convocar

CLAVE = "Clave-Segura-2026"
COORD_EDU = Alcance(usuario="coord.edu", rol=Rol.coordinador_mesa, sectores=frozenset({"EDU"}))


@pytest.fixture
def base(db):
    """Two accredited SESAL members of the Salud mesa, a group of one of them, a convened
    session; a UPGRET user of SESAL and one of SEDUC."""
    with session_factory(db)() as s, s.begin():
        for nombre, sigla in (("upg.sesal", "SESAL"), ("upg.seduc", "SEDUC")):
            auth.crear_usuario(
                s, nombre, "upgret", CLAVE, alcance=[sigla], nombre=f"Persona {sigla}"
            )
        a = acreditar(s, "SAL", "SESAL", "Ana Uno")
        b = acreditar(s, "SAL", "SESAL", "Beto Dos")
        grupo = servicio.crear_grupo_trabajo(
            s, "SAL", nombre="Vacunación", tema="Cobertura de vacunas",
            creado_en=dt.date(2026, 2, 1), miembros_ids=[a.id], coordinador_id=a.id, actor=ACTOR,
        )  # fmt: skip
        sesion = convocar(s, "SAL", dt.datetime(2026, 3, 10, 9))
        return {"a": a.id, "b": b.id, "grupo": grupo.id, "sesion": sesion.id}


def _auditados(db) -> int:
    with session_factory(db)() as s:
        return s.scalar(select(func.count()).select_from(Auditoria)) or 0


def test_apoyo_from_an_institution_of_the_mesa_with_its_upgret_user(db, base) -> None:
    """A SESAL UPGRET user joins the Salud mesa's support team (name taken from the account);
    a SEDUC user for SESAL, an institution not in the mesa and the same account twice are
    refused in Spanish; nothing written by the refusals."""
    with session_factory(db)() as s, s.begin():
        apoyo = servicio.agregar_apoyo(
            s, "SAL", nombre="", rol="Toma nota de acuerdos", institucion="SESAL",
            usuario="upg.sesal", correo="notas@salud.gob.hn", actor=ACTOR,
        )  # fmt: skip
        assert apoyo.nombre == "Persona SESAL" and apoyo.usuario is not None
    antes = _auditados(db)
    rechazos = [
        (dict(institucion="SESAL", usuario="upg.seduc"), "no es un usuario activo de la UPGRET"),
        (dict(institucion="SEDUC"), "no participa en la mesa"),
        (dict(institucion="SESAL", usuario="upg.sesal"), "ya integra el equipo de apoyo"),
        (dict(usuario="upg.sesal"), "Elija la institución"),
    ]
    for extra, mensaje in rechazos:
        with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match=mensaje):
            servicio.agregar_apoyo(s, "SAL", nombre="Otra", rol="Logística", actor=ACTOR, **extra)
    assert _auditados(db) == antes


def test_apoyo_leaves_with_a_date_and_stays_in_the_history(db, base) -> None:
    """Deactivating a support person keeps the row (inactive, with its date), audits it, and a
    second deactivation, a future date or another mesa's coordinator are refused."""
    with session_factory(db)() as s, s.begin():
        ident = servicio.agregar_apoyo(s, "SAL", nombre="Carla", rol="Logística", actor=ACTOR).id
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="Solo los"):
        servicio.dar_de_baja_apoyo(s, ident, baja_en=dt.date(2026, 5, 1), actor=COORD_EDU)
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="posterior a hoy"):
        servicio.dar_de_baja_apoyo(
            s, ident, baja_en=HOY + dt.timedelta(days=1), actor=ACTOR, hoy=HOY
        )
    with session_factory(db)() as s, s.begin():
        servicio.dar_de_baja_apoyo(s, ident, baja_en=dt.date(2026, 5, 1), actor=ACTOR, hoy=HOY)
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="ya no integra"):
        servicio.dar_de_baja_apoyo(s, ident, baja_en=dt.date(2026, 5, 2), actor=ACTOR, hoy=HOY)
    with session_factory(db)() as s:
        fila = s.get(EquipoApoyo, ident)
        assert fila is not None and not fila.activo and fila.baja_en == dt.date(2026, 5, 1)
        assert s.scalar(select(Auditoria).where(Auditoria.accion == "equipo_apoyo_baja"))


def test_group_members_change_and_a_stale_form_is_a_conflict(db, base) -> None:
    """Members change to accredited members of the mesa (audited); a form loaded before another
    change is refused as a conflict; a member of another mesa (forged id) and a no-op are
    refused."""
    with session_factory(db)() as s, s.begin():
        otro = acreditar(s, "EDU", "SEDUC", "Eva Otra").id
    with session_factory(db)() as s, s.begin():
        servicio.cambiar_miembros_grupo(
            s, base["grupo"], miembros_ids=[base["a"], base["b"]], coordinador_id=base["b"],
            fecha=dt.date(2026, 4, 1), miembros_antes=[base["a"]], actor=ACTOR, hoy=HOY,
        )  # fmt: skip
    with session_factory(db)() as s, s.begin(), pytest.raises(ConflictoEdicion):
        servicio.cambiar_miembros_grupo(
            s, base["grupo"], miembros_ids=[base["a"]], fecha=dt.date(2026, 4, 2),
            miembros_antes=[base["a"]], actor=ACTOR, hoy=HOY,
        )  # fmt: skip
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="no es miembro"):
        servicio.cambiar_miembros_grupo(
            s, base["grupo"], miembros_ids=[base["a"], otro], fecha=dt.date(2026, 4, 2),
            actor=ACTOR, hoy=HOY,
        )  # fmt: skip
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="no hay cambios"):
        servicio.cambiar_miembros_grupo(
            s, base["grupo"], miembros_ids=[base["a"], base["b"]], coordinador_id=base["b"],
            fecha=dt.date(2026, 4, 2), actor=ACTOR, hoy=HOY,
        )  # fmt: skip
    with session_factory(db)() as s:
        grupo = s.get(GrupoTrabajo, base["grupo"])
        assert grupo is not None
        assert sorted(m.id for m in grupo.miembros) == sorted([base["a"], base["b"]])
        assert grupo.coordinador_id == base["b"]


def test_a_group_reports_on_a_session_agenda_then_closes(db, base) -> None:
    """A group's report becomes the last agenda item of a convened session (title with the
    note) and is listed for the mesa; once the minutes are distributed the agenda is final (a
    correction in draft does not reopen it, and the session is no longer offered);
    a closed group reports no more; another mesa's session is refused (forged id)."""
    with session_factory(db)() as s, s.begin():
        informe = servicio.informar_grupo(
            s, base["sesion"], base["grupo"], "Cobertura al 82 %: faltan 3 municipios.",
            actor=ACTOR,
        )  # fmt: skip
        assert informe.id
    with session_factory(db)() as s:
        sesion = s.get(SesionMesa, base["sesion"])
        assert sesion is not None
        assert sesion.agenda[-1].titulo == (
            "Informe del grupo de trabajo «Vacunación»: Cobertura al 82 %: faltan 3 municipios."
        )
        mesa = sesion.mesa
        assert [i.nota for i in configuracion.informes(s, mesa)] == [
            "Cobertura al 82 %: faltan 3 municipios."
        ]
    with session_factory(db)() as s, s.begin():
        edu = convocar(s, "EDU", dt.datetime(2026, 3, 11, 9)).id
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="no es de la mesa"):
        servicio.informar_grupo(s, edu, base["grupo"], "Forjado", actor=SISTEMA)
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="Solo los"):
        servicio.informar_grupo(s, base["sesion"], base["grupo"], "Forjado", actor=COORD_EDU)
    with session_factory(db)() as s, s.begin():
        ayuda = servicio.registrar_ayuda_memoria(
            s, base["sesion"], elaborada_en=dt.date(2026, 3, 10), desarrollo="Se informó.",
            presentes=[base["a"]], actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=dt.date(2026, 3, 12), actor=ACTOR, hoy=HOY
        )
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="se distribuyó"):
        servicio.informar_grupo(s, base["sesion"], base["grupo"], "Tarde", actor=ACTOR)
    # A correction still in draft does not reopen the agenda of minutes that went out.
    with session_factory(db)() as s, s.begin():
        servicio.corregir_ayuda_memoria(
            s, ayuda.id, motivo="Faltaba un presente.", elaborada_en=dt.date(2026, 3, 13),
            actor=ACTOR, hoy=HOY,
        )  # fmt: skip
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="12/03/2026"):
        servicio.informar_grupo(s, base["sesion"], base["grupo"], "Tarde", actor=ACTOR)
    with session_factory(db)() as s:
        sesion = s.get(SesionMesa, base["sesion"])
        assert sesion is not None
        assert base["sesion"] not in [
            x.id for x in configuracion.sesiones_para_informe(s, sesion.mesa)
        ]
    with session_factory(db)() as s, s.begin():
        servicio.cerrar_grupo(
            s, base["grupo"], cerrado_en=dt.date(2026, 6, 1), actor=ACTOR, hoy=HOY
        )
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="está cerrado"):
        servicio.cerrar_grupo(
            s, base["grupo"], cerrado_en=dt.date(2026, 6, 2), actor=ACTOR, hoy=HOY
        )
    with session_factory(db)() as s:
        assert s.scalar(select(func.count()).select_from(InformeGrupo)) == 1


def test_designation_history_and_sector_list_come_from_the_audit(db) -> None:
    """Installing, designating and assigning appear in the mesa's history newest first, with
    old → new; the sector list tells which sectors have a mesa."""
    with session_factory(db)() as s, s.begin():
        auth.crear_usuario(s, "analista.uno", "analista", CLAVE, nombre="Ana Analista")
        servicio.designar_coordinador(
            s, "SAL", "tecnico", servicio.Coordinador("Rosa Díaz", "Directora", "SESAL"),
            actor=SISTEMA,
        )  # fmt: skip
        servicio.asignar_analistas(s, "SAL", ["analista.uno"], actor=SISTEMA)
    with session_factory(db)() as s:
        historial = configuracion.historial_designaciones(s, "SAL")
        filas = configuracion.estado_sectores(s)
        candidatos = configuracion.candidatos(s, "SAL")
    assert [h.accion for h in historial] == [
        "Asignación de analistas",
        "Designación de coordinador",
        "Instalación de la mesa",
    ]
    assert "Luis Gómez (Viceministro, SESAL) → Rosa Díaz (Directora, SESAL)" in historial[1].detalle
    assert historial[0].detalle == "Analistas: ninguno → analista.uno."
    assert {f.codigo: f.instalada for f in filas} == {"EDU": True, "SAL": True}
    assert candidatos.analistas == [("analista.uno", "Ana Analista (analista.uno)")]


def test_configurar_mesa_applies_what_changed_and_refuses_a_stale_form(db) -> None:
    """The setup form's service designates only the level that changed (audited once), refuses
    a form loaded before another change (conflict, nothing written) and a form with no change."""
    with session_factory(db)() as s, s.begin():
        auth.crear_usuario(s, "coord.uno", "coordinador_mesa", CLAVE, nombre="Rosa Díaz")
    politico = servicio.Coordinador("Ministra Ana Pérez", "Ministra", "SESAL")
    tecnico = servicio.Coordinador("", "Directora", "SESAL", "coord.uno")
    with session_factory(db)() as s, s.begin():
        sal = s.scalars(select(Mesa).join(Mesa.sector).where(Sector.codigo == "SAL")).one()
        cargado = servicio.designaciones(sal)
        mensaje = servicio.configurar_mesa(
            s, "SAL", politico=politico, tecnico=tecnico, analistas=[],
            cargado=cargado, actor=SISTEMA,
        )  # fmt: skip
    assert mensaje == "Se guardaron los cambios: coordinador técnico."
    antes = _auditados(db)
    with session_factory(db)() as s, s.begin(), pytest.raises(ConflictoEdicion):
        servicio.configurar_mesa(
            s, "SAL", politico=politico, tecnico=tecnico, analistas=[], cargado=cargado,
            actor=SISTEMA,
        )  # fmt: skip
    with session_factory(db)() as s, s.begin():
        sal = s.scalars(select(Mesa).join(Mesa.sector).where(Sector.codigo == "SAL")).one()
        nuevo = servicio.designaciones(sal)
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="No hay cambios"):
        servicio.configurar_mesa(
            s, "SAL", politico=politico, tecnico=tecnico, analistas=[], cargado=nuevo,
            actor=SISTEMA,
        )  # fmt: skip
    assert _auditados(db) == antes
    assert nuevo is not None and nuevo["tecnico"][:2] == ["coord.uno", "Rosa Díaz"]


def test_contact_and_withdrawal_rules_and_the_page_choices(db, base) -> None:
    """Updating a contact with nothing new, or a withdrawn member's, is refused; a withdrawal
    dated after today is refused; a session whose minutes went out is no longer offered for a
    group's report; a record id belongs to its own mesa only (the page's forged-id check)."""
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="no hay cambios"):
        servicio.actualizar_contacto(s, base["a"], correo=None, telefono="", actor=ACTOR)
    with session_factory(db)() as s, s.begin(), pytest.raises(ErrorMesa, match="posterior a hoy"):
        servicio.dar_de_baja_miembro(
            s, base["b"], baja_en=HOY + dt.timedelta(days=1), motivo="Traslado", actor=ACTOR,
            hoy=HOY,
        )  # fmt: skip
    with session_factory(db)() as s, s.begin():
        servicio.dar_de_baja_miembro(
            s, base["b"], baja_en=dt.date(2026, 4, 1), motivo="Traslado", actor=ACTOR, hoy=HOY
        )
    with (
        session_factory(db)() as s,
        s.begin(),
        pytest.raises(ErrorMesa, match="dado\\(a\\) de baja"),
    ):
        servicio.actualizar_contacto(s, base["b"], correo="b@salud.gob.hn", actor=ACTOR)
    with session_factory(db)() as s:
        mesa = s.get(SesionMesa, base["sesion"]).mesa
        assert [x.id for x in configuracion.sesiones_para_informe(s, mesa)] == [base["sesion"]]
        assert configuracion.pertenece(s, "miembro", base["a"], "SAL")
        assert not configuracion.pertenece(s, "miembro", base["a"], "EDU")
        assert not configuracion.pertenece(s, "grupo", "x", "SAL")
        assert not configuracion.pertenece(s, "otra", base["a"], "SAL")
    with session_factory(db)() as s, s.begin():
        ayuda = servicio.registrar_ayuda_memoria(
            s, base["sesion"], elaborada_en=dt.date(2026, 3, 10), desarrollo="Sesión.",
            presentes=[base["a"]], actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=dt.date(2026, 3, 12), actor=ACTOR, hoy=HOY
        )
    with session_factory(db)() as s:
        mesa = s.get(SesionMesa, base["sesion"]).mesa
        assert configuracion.sesiones_para_informe(s, mesa) == []
