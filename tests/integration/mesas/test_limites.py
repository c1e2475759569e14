"""Field lengths: one Spanish refusal on SQLite and PostgreSQL, before anything is written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Text, func, select

from data_layer import auth, limites
from data_layer.db import session_factory
from data_layer.errores import CampoDemasiadoLargo, ErrorDeDatos
from data_layer.mesas import servicio
from data_layer.mesas.models import Acuerdo, AyudaMemoria, SesionMesa
from data_layer.models import Auditoria, Base, Usuario

from .conftest import ACTOR, acreditar, convocar, sesion_con_acta

SESION = dt.datetime(2026, 3, 10, 9, 0)


def _cuantos(db, modelo) -> int:
    with session_factory(db)() as s:
        return s.scalar(select(func.count()).select_from(modelo))


def test_a_place_longer_than_its_column_is_refused_alike_on_both_databases(db) -> None:
    """5,000 characters in the 300-character «lugar»: SQLite used to store them and PostgreSQL
    raised a raw DataError; both now refuse with the same Spanish message, and neither the
    session nor its audit record is written."""
    auditados = _cuantos(db, Auditoria)
    with pytest.raises(CampoDemasiadoLargo) as error:
        with session_factory(db)() as s, s.begin():
            servicio.convocar_sesion(
                s,
                "SAL",
                nivel="tecnico",
                fecha_hora=SESION,
                lugar="x" * 5_000,
                convocatoria_enviada_en=dt.date(2026, 3, 1),
                agenda=["Avance del trimestre"],
                actor=ACTOR,
            )
    assert str(error.value) == ("El campo «lugar» admite como máximo 300 caracteres (tiene 5,000).")
    assert isinstance(error.value, ErrorDeDatos)
    assert _cuantos(db, SesionMesa) == 0
    assert _cuantos(db, Auditoria) == auditados


def test_an_acuerdo_text_over_its_cap_is_refused_and_nothing_is_written(db) -> None:
    """``acuerdo.texto`` is a TEXT column (no limit in either database): its cap of 2,000
    characters is enforced the same way, naming the field in Spanish."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
    auditados = _cuantos(db, Auditoria)
    with pytest.raises(CampoDemasiadoLargo) as error:
        with session_factory(db)() as s, s.begin():
            servicio.registrar_acuerdo(
                s,
                ayuda.id,
                texto="a" * 5_000,
                institucion="SESAL",
                persona_responsable="Marta Díaz",
                fecha_limite=dt.date(2026, 4, 1),
                actor=ACTOR,
            )
    assert str(error.value) == (
        "El campo «texto del acuerdo» admite como máximo 2,000 caracteres (tiene 5,000)."
    )
    assert _cuantos(db, Acuerdo) == 0
    assert _cuantos(db, Auditoria) == auditados
    # Exactly the cap is accepted.
    with session_factory(db)() as s, s.begin():
        servicio.registrar_acuerdo(
            s,
            ayuda.id,
            texto="a" * 2_000,
            institucion="SESAL",
            persona_responsable="Marta Díaz",
            fecha_limite=dt.date(2026, 4, 1),
            actor=ACTOR,
        )
    assert _cuantos(db, Acuerdo) == 1


def test_an_edit_over_the_cap_is_refused_and_the_old_text_stays(db) -> None:
    """A change to an existing row is checked too: editing the minutes' development to 20,001
    characters is refused, and the stored text is unchanged."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
    with pytest.raises(CampoDemasiadoLargo, match="«desarrollo de la sesión» admite como máximo"):
        with session_factory(db)() as s, s.begin():
            servicio.editar_ayuda_memoria(s, ayuda.id, desarrollo="d" * 20_001, actor=ACTOR)
    with session_factory(db)() as s:
        assert s.get(AyudaMemoria, ayuda.id).desarrollo == (
            "Se revisó el avance de las metas del sector."
        )


def test_a_user_name_over_its_column_is_a_data_error_the_cli_and_forms_catch(db) -> None:
    """The users' module refuses alike: a 201-character display name names «nombre del usuario»
    and is an ``ErrorDeDatos`` (as ``ErrorUsuario`` and ``ErrorMesa`` now are)."""
    assert issubclass(auth.ErrorUsuario, ErrorDeDatos)
    assert issubclass(servicio.ErrorMesa, ErrorDeDatos)
    with pytest.raises(ErrorDeDatos, match="«nombre del usuario» admite como máximo 200"):
        with session_factory(db)() as s, s.begin():
            auth.crear_usuario(
                s, "maria.lopez", "analista", "una-clave-larga-2026", nombre="M" * 201
            )
    assert _cuantos(db, Usuario) == 0


def test_a_long_agenda_topic_still_fits_once_carried_as_follow_up(db) -> None:
    """An open acuerdo of the maximum length is carried into the next agenda: its follow-up
    item (text, person, due date) fits the agenda item's cap."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        servicio.registrar_acuerdo(
            s,
            ayuda.id,
            texto="a" * 2_000,
            institucion="SESAL",
            persona_responsable="P" * 200,
            fecha_limite=dt.date(2026, 4, 1),
            actor=ACTOR,
        )
        convocar(s, "SAL", dt.datetime(2026, 4, 10, 9, 0))
    assert _cuantos(db, SesionMesa) == 2


def test_every_text_column_has_a_maximum_or_is_written_only_by_the_system() -> None:
    """A new TEXT column must be given a cap in ``limites.TOPES_TEXTO`` (or be listed as
    system-written): otherwise it would take any length again."""
    import data_layer.mesas.models  # noqa: F401 (registers the mesa tables)

    sin_decidir = [
        f"{t.name}.{c.name}"
        for t in Base.metadata.sorted_tables
        for c in t.columns
        if isinstance(c.type, Text)
        and f"{t.name}.{c.name}" not in limites.TOPES_TEXTO
        and f"{t.name}.{c.name}" not in limites.SIN_TOPE
    ]
    assert sin_decidir == []
    assert not set(limites.TOPES_TEXTO) & limites.SIN_TOPE


# --- the agenda of a convocatoria -------------------------------------------------------------


def test_an_agenda_of_more_than_30_topics_is_refused_and_nothing_is_written(db) -> None:
    """31 topics (a pasted list of 20,000 lines would otherwise become 20,000 agenda items, each
    printed in every PDF): refused saying the limit; 30 are accepted."""
    with pytest.raises(ErrorDeDatos) as error:
        with session_factory(db)() as s, s.begin():
            convocar(s, "SAL", SESION, agenda=[f"Tema {i}" for i in range(1, 20_001)])
    assert str(error.value).startswith(
        "La agenda tiene 20,000 puntos; una convocatoria admite como máximo 30"
    )
    assert _cuantos(db, SesionMesa) == 0
    with session_factory(db)() as s, s.begin():
        convocar(s, "SAL", SESION, agenda=[f"Tema {i}" for i in range(1, 31)])
    assert _cuantos(db, SesionMesa) == 1


def test_an_agenda_topic_over_500_characters_is_refused_naming_it(db) -> None:
    """Each topic admits 500 characters: the message says which item is too long."""
    with pytest.raises(ErrorDeDatos) as error:
        with session_factory(db)() as s, s.begin():
            convocar(s, "SAL", SESION, agenda=["Avance del trimestre", "t" * 501])
    assert str(error.value) == (
        "El punto 2 de la agenda tiene 501 caracteres; cada punto admite como máximo 500."
    )
    assert _cuantos(db, SesionMesa) == 0
