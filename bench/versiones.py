"""Time the indicator page's versions (query, view-model, table and notice) on a demo database.

.venv/bin/python -m bench.versiones sqlite:////tmp/demo.db MS-SAL-01-I1 MI-SESAL-02-I1
"""

from __future__ import annotations

import statistics
import sys
import time

from data_layer import queries
from data_layer.auth import Alcance
from data_layer.db import make_engine, session_factory
from data_layer.models import Rol
from data_layer.vistas.versiones import versiones_por_periodo


def main(argv: list[str]) -> None:
    """Print the median and p95 (ms) of 60 renders of each indicator's versions."""
    from dashboard.components import versiones as ui

    url, *codigos = argv
    fabrica = session_factory(make_engine(url))
    alcance = Alcance(usuario="analista", rol=Rol.analista)
    for codigo in codigos:
        tiempos = []
        for _ in range(60):
            inicio = time.perf_counter()
            with fabrica() as s:
                filas = queries.load_versiones(s, codigo)
            historia = versiones_por_periodo(filas, alcance, None)
            ui.tabla_versiones(historia, "")
            ui.aviso_por_validar(historia, "")
            tiempos.append((time.perf_counter() - inicio) * 1000)
        tiempos.sort()
        p95 = tiempos[int(0.95 * len(tiempos))]
        print(f"{codigo}: median {statistics.median(tiempos):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
