"""Background jobs of the web server: long work (a large import) runs off the request thread.

A job is a plain function called with plain arguments (ids, paths, the database URL), which keeps
its own state in the database, so that any worker or host can report its progress and the
function could be enqueued as it is on a real queue (RQ on Redis, issue #13). Here it runs in a
small thread pool of the server process, created on first use (after gunicorn forks: a pool made
before the fork would have no threads in the workers).

If the process dies, a running job dies with it; its state row then stops moving, and the job's
reader reports it as interrupted after a while (see :mod:`data_layer.importer.web`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

_log = logging.getLogger(__name__)

#: Jobs run at the same time per process (an import holds the whole file in memory).
HILOS = 2

_pool: ThreadPoolExecutor | None = None
_candado = threading.Lock()


def _ejecutor() -> ThreadPoolExecutor:
    global _pool
    with _candado:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=HILOS, thread_name_prefix="sigpret-tarea")
        return _pool


def _registrar_fallo(futuro: Future[Any]) -> None:
    error = futuro.exception()
    if error is not None:  # the job records its own failure; this is the log's copy
        _log.error("Tarea en segundo plano fallida: %r", error, exc_info=error)


def lanzar(funcion: Callable[..., Any], *args: Any) -> Future[Any]:
    """Run ``funcion(*args)`` in the background and return at once.

    Args:
        funcion: a module-level function (so that a queue could import it by name).
        args: plain, picklable arguments.

    Returns:
        The job's future (tests wait on it; the web only polls the database).
    """
    futuro = _ejecutor().submit(funcion, *args)
    futuro.add_done_callback(_registrar_fallo)
    return futuro
