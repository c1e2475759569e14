"""Background jobs of the web server: long work (a large import) runs off the request thread.

A job is a plain function called with plain arguments (ids, paths, the database URL), which keeps
its own state in the database, so that any worker or host can report its progress and the
function could be enqueued as it is on a real queue (RQ on Redis, issue #13). Here it runs in a
thread of the server process, started when the job is (after gunicorn forks, so in the worker
that received the request).

If the process dies, a running job dies with it; its state row then stops moving, and the job's
reader reports it as interrupted after a while (see :mod:`data_layer.importer.web`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

_log = logging.getLogger(__name__)

#: Jobs run at the same time per process (an import holds the whole file in memory); more wait.
HILOS = 2

_turnos = threading.BoundedSemaphore(HILOS)


def _correr(funcion: Callable[..., Any], args: tuple[Any, ...]) -> None:
    with _turnos:
        try:
            funcion(*args)
        except Exception:  # the job records its own failure; this is the log's copy
            _log.exception("Tarea en segundo plano fallida: %s", funcion.__name__)


def lanzar(funcion: Callable[..., Any], *args: Any) -> threading.Thread:
    """Run ``funcion(*args)`` in the background and return at once.

    Each job gets its own daemon thread (no pool whose threads could be left dead); at most
    :data:`HILOS` run at once in this process.

    Args:
        funcion: a module-level function (so that a queue could import it by name).
        args: plain, picklable arguments.

    Returns:
        The job's thread (tests may join it; the web only polls the database).
    """
    hilo = threading.Thread(
        target=_correr, args=(funcion, args), name=f"sigpret-tarea-{funcion.__name__}", daemon=True
    )
    hilo.start()
    return hilo
