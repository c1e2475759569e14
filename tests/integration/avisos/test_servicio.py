"""notificar() and the reading of one's own notices (SQLite and PostgreSQL): an event tells each
recipient once, inactive accounts are skipped, and nobody reads or marks another's notice (a
forged id included)."""

from __future__ import annotations

import pytest

from data_layer import auth
from data_layer.avisos import Evento, notificar
from data_layer.avisos import servicio as avisos
from data_layer.db import session_factory

from .comun import crear_usuarios


def _evento(clave: str = "version_devuelta:1", para=("ana", "beto")) -> Evento:
    return Evento(
        tipo="version_devuelta",
        clave=clave,
        destinatarios=frozenset(para),
        asunto="Valor devuelto",
        texto="Corrija el valor.",
        enlace="/reportes?institucion=SESAL",
    )


@pytest.fixture
def gente(engine):
    """Three accounts: ana, beto and carla (disabled)."""
    crear_usuarios(
        engine,
        ("ana", "analista", ()),
        ("beto", "analista", ()),
        ("carla", "analista", ()),
    )
    with session_factory(engine)() as s, s.begin():
        auth.buscar(s, "carla").activo = False
    return engine


def _alcance(engine, usuario: str) -> auth.Alcance:
    with session_factory(engine)() as s:
        return auth.alcance_de(auth.buscar(s, usuario))


def test_an_event_tells_each_recipient_once_and_skips_inactive_accounts(gente) -> None:
    """The same key twice writes nothing new; a disabled or unknown account gets nothing; a new
    key is a new notice."""
    with session_factory(gente)() as s, s.begin():
        assert notificar(s, _evento(para=("ana", "beto", "carla", "nadie"))) == 2
        assert notificar(s, _evento(para=("ana", "beto"))) == 0
        assert notificar(s, _evento("version_devuelta:2", para=("ana",))) == 1
    with session_factory(gente)() as s:
        assert avisos.no_leidos(s, _alcance(gente, "ana")) == 2
        assert avisos.no_leidos(s, _alcance(gente, "beto")) == 1
        assert avisos.no_leidos(s, _alcance(gente, "carla")) == 0


def test_an_event_written_in_a_rolled_back_transaction_tells_nobody(gente) -> None:
    """Notices share the transaction of the change that causes them."""
    with pytest.raises(RuntimeError), session_factory(gente)() as s, s.begin():
        notificar(s, _evento())
        raise RuntimeError("the change failed")
    with session_factory(gente)() as s:
        assert avisos.listar(s, _alcance(gente, "ana")) == []


def test_a_user_reads_and_marks_only_their_own_notices(gente) -> None:
    """ana marks hers read, unread, and all read; a forged id of beto's notice (or nonsense) is
    refused with the same message and beto's stays unread."""
    with session_factory(gente)() as s, s.begin():
        notificar(s, _evento(para=("ana",)))
        notificar(s, _evento("version_devuelta:2", para=("ana",)))
        notificar(s, _evento("version_devuelta:3", para=("beto",)))
    ana, beto = _alcance(gente, "ana"), _alcance(gente, "beto")
    with session_factory(gente)() as s:
        mios = avisos.listar(s, ana)
        (ajeno,) = avisos.listar(s, beto)
    assert {a.id for a in mios}.isdisjoint({ajeno.id}) and len(mios) == 2
    with session_factory(gente)() as s, s.begin():
        avisos.marcar(s, ana, mios[0].id, leido=True)
    with session_factory(gente)() as s:
        assert avisos.no_leidos(s, ana) == 1
        assert [a.leido for a in avisos.listar(s, ana, solo_no_leidos=True)] == [False]
    for forjado in (ajeno.id, str(ajeno.id), 999_999, "x; DROP TABLE aviso", None):
        with pytest.raises(avisos.ErrorAviso) as error, session_factory(gente)() as s, s.begin():
            avisos.marcar(s, ana, forjado, leido=True)
        assert str(error.value) == avisos.AJENO
    with session_factory(gente)() as s, s.begin():
        avisos.marcar(s, ana, mios[0].id, leido=False)
        assert avisos.marcar_todos(s, ana) == 2
    with session_factory(gente)() as s:
        assert avisos.no_leidos(s, ana) == 0
        assert avisos.no_leidos(s, beto) == 1
        assert avisos.listar(s, None) == [] and avisos.no_leidos(s, None) == 0
