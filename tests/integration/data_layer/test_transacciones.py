"""Write transactions that cannot interleave badly, and the mesa data version caches key on."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from data_layer import versiones
from data_layer.db import session_factory
from data_layer.mesas.models import Mesa
from data_layer.models import Auditoria, Institucion, Sector

LIMITE = 3


def _contar_e_insertar(engine, indice: int, barrera: threading.Barrier, errores: list) -> None:
    """Count institutions, wait for the other writers, insert one if fewer than LIMITE exist."""
    try:
        with session_factory(engine, escritura=True)() as s, s.begin():
            existentes = s.scalar(select(func.count()).select_from(Institucion)) or 0
            try:
                barrera.wait(timeout=1)  # the others read now too (unless the lock holds them)
            except threading.BrokenBarrierError:
                pass
            if existentes < LIMITE:
                s.add(Institucion(sigla=f"I{indice}", nombre=f"Institución {indice}"))
    except Exception as exc:  # noqa: BLE001 - any failure is a finding of the test
        errores.append(exc)


def test_count_then_insert_is_atomic_in_sqlite_write_sessions(sqlite_engine) -> None:
    """Two SQLite writers that check a count before inserting never exceed it; neither fails.

    A rule such as "at most 3 technical members per institution" counts then inserts: the driver
    used to open the transaction only at the first write, so both writers counted the same rows
    and both inserted. Write sessions take the write lock before they read. (PostgreSQL services
    lock the row they count under, ``SELECT … FOR UPDATE``: tested with the services.)
    """
    engine = sqlite_engine
    with session_factory(engine)() as s, s.begin():
        s.add_all([Institucion(sigla=f"B{i}", nombre=f"Base {i}") for i in range(LIMITE - 1)])
    for ronda in range(3):
        barrera = threading.Barrier(2)
        errores: list[Exception] = []
        hilos = [
            threading.Thread(
                target=_contar_e_insertar, args=(engine, 10 * ronda + i, barrera, errores)
            )
            for i in range(2)
        ]
        for h in hilos:
            h.start()
        for h in hilos:
            h.join(timeout=30)
        assert errores == []
        with session_factory(engine)() as s:
            assert s.scalar(select(func.count()).select_from(Institucion)) == LIMITE
        with session_factory(engine)() as s, s.begin():  # back to LIMITE - 1 for the next round
            s.delete(s.scalars(select(Institucion).where(Institucion.sigla.not_like("B%"))).one())


def _mesa_de_prueba(engine) -> int:
    with session_factory(engine)() as s, s.begin():
        inst = Institucion(sigla="SESAL", nombre="Secretaría de Salud")
        sector = Sector(codigo="SAL", nombre="Salud", rectora=inst)
        mesa = Mesa(
            sector=sector,
            coordinador_politico_nombre="Ministra",
            coordinador_politico_cargo="Ministra",
            institucion_politico=inst,
            coordinador_tecnico_nombre="Técnico",
            coordinador_tecnico_cargo="Director",
            institucion_tecnico=inst,
        )
        s.add_all([inst, sector, mesa])
        s.flush()
        return mesa.id


def _leer(engine) -> int:
    with session_factory(engine)() as s:
        return versiones.leer(s)


def test_mesa_version_moves_with_each_commit_and_not_on_rollback(engine) -> None:
    """Each committed change of a mesa table moves the version; a rolled-back one does not."""
    inicial = _leer(engine)
    mesa_id = _mesa_de_prueba(engine)
    despues_alta = _leer(engine)
    assert despues_alta > inicial
    with session_factory(engine)() as s:
        s.begin()
        s.get(Mesa, mesa_id).analista_diger = "Analista"
        s.flush()
        s.rollback()
    assert _leer(engine) == despues_alta
    with session_factory(engine)() as s, s.begin():
        s.add(Institucion(sigla="OTRA", nombre="Otra"))  # not a mesa table
    assert _leer(engine) == despues_alta


def test_writes_counter_moves_with_shown_data_only(engine) -> None:
    """``escrituras`` (the key of the web's shared answers) moves with a committed write of any
    shown table, not with a rolled-back one, and not with bookkeeping written while people only
    read (an audit row alone, as a login writes)."""

    def escrituras() -> int:
        with session_factory(engine)() as s:
            return versiones.leer(s, versiones.ESCRITURAS)

    inicial = escrituras()
    with session_factory(engine)() as s, s.begin():
        s.add(Institucion(sigla="NUEVA", nombre="Nueva"))
    tras_alta = escrituras()
    assert tras_alta == inicial + 1
    with session_factory(engine)() as s:
        s.begin()
        s.add(Institucion(sigla="OTRA", nombre="Otra"))
        s.flush()
        s.rollback()
    assert escrituras() == tras_alta
    with session_factory(engine)() as s, s.begin():
        s.add(Auditoria(momento=dt.datetime.now(dt.UTC), usuario="ana", accion="login"))
    assert escrituras() == tras_alta
    # One session, a write committed (its own flush at the commit), then a read-only
    # transaction: the counter moved once, and the reading commit writes nothing.
    with session_factory(engine)() as s:
        with s.begin():
            s.add(Institucion(sigla="TERCERA", nombre="Tercera"))
        with s.begin():
            s.scalar(select(func.count()).select_from(Institucion))
    assert escrituras() == tras_alta + 1


# The second writer runs in a thread: its failure (a deadlock between the counters) fails the test.
@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_mesa_version_sees_a_change_committed_after_a_later_one(engine) -> None:
    """A change that commits after a later-started one still moves the version cache keys read.

    With ``max(auditoria.id)`` as the key, a transaction that took its id first but committed
    last left the key unchanged: the board kept a stale state. The counter row orders writers.
    """
    mesa_id = _mesa_de_prueba(engine)
    primera = session_factory(engine, escritura=True)()
    primera.begin()
    primera.get(Mesa, mesa_id).analista_diger = "Primera"
    primera.flush()  # takes its place first

    def segunda() -> None:
        with session_factory(engine, escritura=True)() as s, s.begin():
            s.get(Mesa, mesa_id).coordinador_tecnico_cargo = "Subdirector"

    hilo = threading.Thread(target=segunda)
    hilo.start()
    hilo.join(timeout=0.5)  # it waits for the first writer (or, before the fix, commits)
    antes = _leer(engine)
    primera.commit()
    primera.close()
    despues = _leer(engine)
    hilo.join(timeout=30)
    assert despues != antes
    assert _leer(engine) >= despues
