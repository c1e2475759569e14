"""«Mis reportes» (issue #10): server time of the page's callbacks at 1× and 10×, and sending 50
values at once.

Run ``python -m bench.reportes [--scales 1 10] [--repeats 30]``. Each scale's SQLite database is
built as ``make bench-dashboard`` builds it (:func:`bench.callbacks.build_database`: the demo at
1×, the synthetic MCR ten times the demo at 10×). The clock is set to 05/01/2027, when every
quarterly indicator's 2026-T4 has ended and is due (so there is something to report), and the
planning unit is the institution responsible for the most indicators. Each callback is called as
the plain function Dash calls, inside a request of that ``upgret`` user:

- ``cargar``: the page (summary and every row of the institution);
- ``formulario (abrir)``: a click on a row (the row read again for the user);
- ``chequear``: the checks at entry of a typed value (one engine evaluation of the indicator);
- ``formulario (guardar)``: «Guardar borrador» (write, audit, the row read again).

«Enviar 50» times :func:`data_layer.reportes.servicio.enviar_completos` on 50 complete drafts of
50 indicators in one transaction (rolled back after each repeat, so every repeat sends the same
50). Targets: p95 ≤ 150 ms at 1× and ≤ 500 ms at 10× per callback; 50 values ≤ 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.callbacks import build_database, summarize, time_calls

OBJETIVO_P95_MS = {1.0: 150.0, 10.0: 500.0}
OBJETIVO_ENVIO_S = 1.0
AHORA = dt.datetime(2027, 1, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=-6)))
PERIODO = "2026-T4"


def _institucion(url: str) -> tuple[str, list[tuple[str, float]]]:
    """The institution with the most indicators, and 50 quarterly indicators (code, 2026-T4
    target) of any institution to send at once."""
    from sqlalchemy import func, select

    from data_layer.db import get_engine, session_factory
    from data_layer.models import Indicador, Institucion, Programacion

    with session_factory(get_engine(url))() as s:
        sigla = s.execute(
            select(Institucion.sigla)
            .join(Indicador, Indicador.institucion_responsable_id == Institucion.id)
            .group_by(Institucion.sigla)
            .order_by(func.count().desc(), Institucion.sigla)
            .limit(1)
        ).scalar_one()
        cincuenta = [
            (c, m)
            for c, m in s.execute(
                select(Indicador.codigo, Programacion.meta)
                .join(Programacion, Programacion.indicador_id == Indicador.id)
                .where(Programacion.periodo == PERIODO, Programacion.meta > 0)
                .order_by(Indicador.codigo)
                .limit(50)
            )
        ]
    return sigla, cincuenta


def _medir(llamada: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    llamada()  # warm-up
    tiempos, _cpu, _v = time_calls([llamada] * repeats)
    return summarize(tiempos).p95_ms, summarize(tiempos).mediana_ms


def medir_callbacks(url: str, sigla: str, repeats: int) -> list[tuple[str, float, float, int]]:
    """p95 and median (ms) of each page callback for the ``upgret`` user of ``sigla``."""
    from flask_login import login_user

    from dashboard import create_app, data
    from dashboard.seguridad import UsuarioWeb
    from data_layer import envios
    from data_layer.auth import Alcance
    from data_layer.models import Rol
    from data_layer.reportes import servicio

    data.hoy_honduras = lambda: AHORA.date()  # type: ignore[assignment]
    servicio.ahoracomo_utc = lambda: AHORA.astimezone(dt.UTC)  # type: ignore[assignment]
    app = create_app(url)
    from dashboard.pages import reportes as pagina

    alcance = Alcance(usuario="bench.upgret", rol=Rol.upgret, instituciones=frozenset({sigla}))
    resultados = []
    with app.server.test_request_context("/reportes"):
        login_user(UsuarioWeb(alcance, "benchmark"))
        filas = pagina.cargar({"institucion": None}, 0)["filas"]
        abierta = next(f for f in filas if f["estado"] in {"por_reportar", "tardio"})
        clave = abierta["id"]
        seleccion = {"indicador": abierta["indicador"], "periodo": abierta["periodo"]}
        valor = f"{abierta['meta']:.10g}"

        from dash._callback_context import context_value
        from dash._utils import AttributeDict

        def disparado(prop: str) -> None:
            context_value.set(
                AttributeDict(
                    triggered_inputs=[{"prop_id": prop, "value": 1}],
                    inputs_list=[],
                    states_list=[],
                    outputs_list=[],
                )
            )

        def abrir() -> Any:
            disparado(f"{pagina.GRID}.cellClicked")
            return pagina.formulario(
                {"rowId": clave}, None, None, None, None, None, None, None, None, None, 0, None
            )

        def guardar() -> Any:
            disparado(f"{pagina.GUARDAR}.n_clicks")
            salida = pagina.formulario(
                None,
                None,
                1,
                None,
                valor,
                "Dato del sistema.",
                "",
                None,
                seleccion,
                envios.nuevo_token(),
                0,
                None,
            )
            assert "Borrador guardado" in str(salida["alerta"]), salida["alerta"]
            return salida

        casos: list[tuple[str, Callable[[], Any]]] = [
            ("cargar (página)", lambda: pagina.cargar({"institucion": None}, 0)),
            ("formulario (abrir)", abrir),
            ("chequear (valor)", lambda: pagina.chequear(valor, seleccion, None)),
            ("formulario (guardar)", guardar),
        ]
        for nombre, llamada in casos:
            p95, mediana = _medir(llamada, repeats)
            resultados.append((nombre, p95, mediana, len(filas)))
    return resultados


def medir_envio(url: str, cincuenta: list[tuple[str, float]], repeats: int) -> tuple[float, int]:
    """Median seconds of sending 50 complete drafts at once (and how many were sent)."""
    import statistics
    import time

    from data_layer import permisos
    from data_layer.db import get_engine, session_factory
    from data_layer.reportes import servicio

    actor = permisos.actor_sistema("bench")
    fabrica = session_factory(get_engine(url), escritura=True)
    tiempos, enviadas = [], 0
    for _ in range(repeats):
        with fabrica() as s:
            with s.begin():
                ids = [
                    servicio.guardar(
                        s,
                        actor=actor,
                        indicador=codigo,
                        periodo=PERIODO,
                        valor=meta,
                        explicacion="Dato del sistema.",
                        ahora=AHORA,
                    ).id
                    for codigo, meta in cincuenta
                ]
                t0 = time.perf_counter()
                hechas, _omitidas = servicio.enviar_completos(
                    s, actor=actor, version_ids=ids, ahora=AHORA
                )
                s.flush()
                tiempos.append(time.perf_counter() - t0)
                enviadas = len(hechas)
                s.rollback()
    return statistics.median(tiempos), enviadas


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every scale and print a Markdown table; exit 1 when a target is missed."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    args.add_argument("--repeats", type=int, default=30)
    opciones = args.parse_args(argv)
    ok = True
    print("| escala | caso | filas | mediana (ms) | p95 (ms) | objetivo |")
    print("|---|---|---:|---:|---:|---|")
    for escala in opciones.scales:
        with tempfile.TemporaryDirectory(prefix="sigpret-bench-reportes-") as tmp:
            url = build_database(escala, Path(tmp))
            sigla, cincuenta = _institucion(url)
            for nombre, p95, mediana, filas in medir_callbacks(url, sigla, opciones.repeats):
                objetivo = OBJETIVO_P95_MS[escala]
                ok = ok and p95 <= objetivo
                marca = "✓" if p95 <= objetivo else "✗"
                print(
                    f"| {escala:g}× | {nombre} ({sigla}) | {filas} | {mediana:.1f} | {p95:.1f} | "
                    f"≤ {objetivo:.0f} {marca} |"
                )
            segundos, n = medir_envio(url, cincuenta, max(3, opciones.repeats // 10))
            ok = ok and segundos <= OBJETIVO_ENVIO_S and n == len(cincuenta)
            marca = "✓" if segundos <= OBJETIVO_ENVIO_S else "✗"
            print(
                f"| {escala:g}× | enviar {n} valores a la vez (mediana) | — | "
                f"{segundos * 1000:.0f} | — | ≤ 1000 {marca} |"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
