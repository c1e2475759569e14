"""Two (or more) writers at the same moment, in real threads, each in its own write session.

:func:`a_la_vez` starts every job together; each pauses at its first flush (after it has read
what it checks, before it writes) until all the others reach theirs. A writer that a lock holds
back (SQLite's write lock, a PostgreSQL row lock) never arrives: the others wait at most
``espera`` seconds, then go on. Without the locks, every writer reads the same state before any
writes: the interleaving a race needs, made certain instead of left to chance. Bounded: every
thread must end within ``limite`` seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from data_layer.db import session_factory


def a_la_vez(
    engine: Engine,
    trabajos: Sequence[Callable[[Session], Any]],
    *,
    espera: float = 1.0,
    limite: float = 60.0,
) -> list[Any]:
    """Run each job in its own thread and write session (committed when it returns).

    Args:
        engine: the database.
        trabajos: each job receives its session and returns a value.
        espera: how long a writer waits at its first flush for the others.
        limite: the time every thread has to end.

    Returns:
        Each job's return value, or the exception it raised, in order.
    """
    barrera = threading.Barrier(len(trabajos))
    resultados: list[Any] = [None] * len(trabajos)

    def correr(i: int) -> None:
        try:
            with session_factory(engine, escritura=True)() as s:
                primera = [True]

                @event.listens_for(s, "before_flush")
                def _pausa(*_args: Any) -> None:
                    if primera[0]:
                        primera[0] = False
                        try:
                            barrera.wait(timeout=espera)
                        except threading.BrokenBarrierError:
                            pass  # another writer is held by a lock: go on

                with s.begin():
                    resultados[i] = trabajos[i](s)
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            resultados[i] = exc

    hilos = [threading.Thread(target=correr, args=(i,), daemon=True) for i in range(len(trabajos))]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(timeout=limite)
    assert not any(h.is_alive() for h in hilos), f"un escritor no terminó en {limite} s"
    return resultados
