"""Server time of the review queue (``/validacion``, issue #10) at 1× and 10× the demo.

Run ``python -m bench.validacion [--scales 1 10] [--repeats 30] [--envios 100 1000]``. For each
scale a SQLite database is built as ``bench.callbacks`` builds it (1×: the demo; 10×: the synthetic
MCR ten times the demo, through the real importer); then :func:`sembrar_envios` sends values through
the real service (``servicio.guardar(..., enviar=True)`` and ``servicio.solicitar_correccion``, as
each institution's UPGRET): first reports of periods nobody reported, on time and late, and
corrections of validated values, with and without evidence, so every flag appears.

A fresh app then serves the page's callbacks as the plain functions Dash calls, inside a request
logged in as an analyst: the queue (no filter, and filtered by sector and flag) and the detail of
one version. *Cold* is the first call after the data version moved (one batched engine pass over
the whole queue); the others read the cached queue. Targets (issue #10): p95 ≤ 150 ms at 1×,
≤ 500 ms at 10×.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

RAIZ = Path(__file__).resolve().parent.parent
OBJETIVO_P95_MS = {1.0: 150.0, 10.0: 500.0}
ENVIOS_POR_ESCALA = {1.0: 100, 10.0: 1000}

#: Factors applied to the target (first reports) or to the validated value (corrections), in
#: turn, so that some values are on track, some red, some far above the target.
FACTORES_REPORTE = (1.0, 0.97, 1.04, 0.55, 1.6, 0.9)
FACTORES_CORRECCION = (1.02, 0.93, 1.5, 1.01)


def _actor(sigla: str) -> Any:
    from data_layer.auth import Alcance
    from data_layer.models import Rol

    return Alcance(
        usuario=f"upgret.{sigla.lower()}", rol=Rol.upgret, instituciones=frozenset({sigla})
    )


def _ajustar(valor: float, unidad: str) -> float:
    from data_layer.reportes.reglas import es_porcentaje

    valor = round(max(valor, 0.0), 2)
    return min(valor, 100.0) if es_porcentaje(unidad) else valor


def sembrar_envios(engine: Engine, n: int, *, correcciones: float = 0.3) -> list[int]:
    """Send about ``n`` values through the reporting service, as each institution's UPGRET.

    First, programmed periods with no version at all (the latest ended period of each frequency,
    then earlier ones) get a first report, sent on time or late (``ahora`` before the period
    closes); then validated values get a *solicitud de corrección* until ``n`` are waiting (at
    least ``correcciones`` × ``n`` of them). Every third value carries an evidence link; every
    value an explanation. Values the service refuses are skipped.

    Returns:
        The ids of the sent versions.
    """
    from data_layer import periods
    from data_layer.db import session_factory
    from data_layer.engine.frames import Reglas
    from data_layer.models import Avance, EstadoVersion, Indicador, Institucion, Programacion
    from data_layer.reportes import servicio
    from data_layer.reportes.reglas import vencimiento

    reglas = Reglas()
    hoy = periods.hoy_honduras()
    ids: list[int] = []
    n_correcciones = max(int(n * correcciones), 1) if n else 0
    with session_factory(engine, escritura=True)() as s, s.begin():
        con_version = (
            select(Avance.id)
            .where(Avance.indicador_id == Programacion.indicador_id)
            .where(Avance.periodo == Programacion.periodo)
            .exists()
        )
        libres = s.execute(
            select(
                Indicador.codigo,
                Indicador.unidad,
                Institucion.sigla,
                Programacion.periodo,
                Programacion.meta,
            )  # fmt: skip
            .join(Indicador, Indicador.id == Programacion.indicador_id)
            .join(Institucion, Institucion.id == Indicador.institucion_responsable_id)
            .where(~con_version)
        ).all()
        terminados = [f for f in libres if periods.parse(f[3]).fin < hoy]
        terminados.sort(key=lambda f: (-periods.parse(f[3]).fin.toordinal(), f[0]))
        for i, (codigo, unidad, sigla, periodo, meta) in enumerate(terminados):
            if len(ids) >= n - n_correcciones:
                break
            vence = vencimiento(periodo, reglas)
            ahora = dt.datetime.combine(
                vence + dt.timedelta(days=3 if i % 4 == 3 else -3),
                dt.time(10),
                tzinfo=periods.ZONA_HONDURAS,
            ).astimezone(dt.UTC)  # SQLite keeps the clock time it is given, not its zone
            valor = _ajustar(float(meta or 1) * FACTORES_REPORTE[i % len(FACTORES_REPORTE)], unidad)
            try:
                with s.begin_nested():
                    v = servicio.guardar(
                        s,
                        actor=_actor(sigla),
                        indicador=codigo,
                        periodo=periodo,
                        valor=valor,
                        explicacion="Dato consolidado de los registros administrativos.",
                        evidencia_url=(
                            f"https://transparencia.gob.hn/evidencias/{codigo}-{periodo}.pdf"
                            if i % 3 == 0
                            else None
                        ),
                        enviar=True,
                        reglas=reglas,
                        ahora=ahora,
                    )
                    ids.append(v.id)
            except servicio.ErrorReporte:
                continue
        validadas = s.execute(
            select(
                Indicador.codigo, Indicador.unidad, Institucion.sigla, Avance.periodo, Avance.valor
            )  # fmt: skip
            .join(Indicador, Indicador.id == Avance.indicador_id)
            .join(Institucion, Institucion.id == Indicador.institucion_responsable_id)
            .where(Avance.estado == EstadoVersion.validado)
            .order_by(Avance.periodo.desc(), Indicador.codigo)
            .limit(max(4 * n, 100))
        ).all()
        abiertas = set(
            s.execute(
                select(Indicador.codigo, Avance.periodo)
                .join(Indicador, Indicador.id == Avance.indicador_id)
                .where(Avance.estado.in_([EstadoVersion.borrador, EstadoVersion.enviado]))
            ).all()
        )
        for i, (codigo, unidad, sigla, periodo, valor) in enumerate(validadas):
            if len(ids) >= n:
                break
            if (codigo, periodo) in abiertas:
                continue
            nuevo = _ajustar(valor * FACTORES_CORRECCION[i % len(FACTORES_CORRECCION)], unidad)
            try:
                with s.begin_nested():
                    v = servicio.solicitar_correccion(
                        s,
                        actor=_actor(sigla),
                        indicador=codigo,
                        periodo=periodo,
                        valor=nuevo,
                        motivo="Se detectó un error de digitación en el consolidado regional.",
                        explicacion="El valor corregido proviene del cierre definitivo.",
                        evidencia_url=(
                            f"https://transparencia.gob.hn/evidencias/{codigo}-{periodo}-c.pdf"
                            if i % 3 == 0
                            else None
                        ),
                        reglas=reglas,
                    )
                    ids.append(v.id)
            except servicio.ErrorReporte:
                continue
        assert s.scalar(select(func.count()).select_from(Avance)) is not None
    return ids


# --- the benchmark --------------------------------------------------------------------------


def worker(escala: float, repeats: int, envios: int) -> dict[str, Any]:
    """In a fresh process: build the database, send the values, time the page's callbacks."""
    import functools

    from bench.callbacks import build_database, log_in, summarize, time_calls
    from dashboard import create_app
    from data_layer.db import get_engine

    with tempfile.TemporaryDirectory() as tmp:
        url = build_database(escala, Path(tmp))
        enviados = sembrar_envios(get_engine(url), envios)
        app = create_app(url)
        from dashboard import data
        from dashboard.pages import validacion as pagina

        filas: list[dict[str, Any]] = []
        with app.server.test_request_context("/validacion"):
            assert log_in(app, "analista", "")
            primera = pagina.render_cola(None, None, None, None, None, 0)
            sector = primera["filas"][0]["sector"] if primera["filas"] else None
            casos = {
                "render_cola · sin filtros": lambda: pagina.render_cola(
                    None, None, None, None, None, 0
                ),
                f"render_cola · sector={sector}, bandera=sin banderas": lambda: pagina.render_cola(
                    None, sector, None, "sin_banderas", None, 0
                ),
                "mostrar_detalle · una versión": lambda: pagina.mostrar_detalle(
                    [{"id": enviados[0]}]
                ),
            }
            for nombre, llamada in casos.items():
                data.datos().vaciar()
                frio, _, _ = time_calls([llamada])
                tiempos, cpu, _ = time_calls([functools.partial(llamada) for _ in range(repeats)])
                e, c = summarize(tiempos), summarize(cpu)
                filas.append(
                    {
                        "caso": nombre,
                        "frio_ms": frio[0] * 1000,
                        "mediana_ms": e.mediana_ms,
                        "p95_ms": e.p95_ms,
                        "cpu_p95_ms": c.p95_ms,
                    }
                )
        get_engine(url).dispose()
    return {"envios": len(enviados), "filas": filas}


def main(argv: Sequence[str] | None = None) -> int:
    """Measure each scale in its own process and print a Markdown table."""
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    p.add_argument("--repeats", type=int, default=30)
    p.add_argument("--envios", type=int, nargs="+", help="sent versions per scale")
    p.add_argument("--worker", type=float, help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.worker is not None:
        print(json.dumps(worker(a.worker, a.repeats, a.n)))
        return 0
    envios = a.envios or [ENVIOS_POR_ESCALA.get(e, int(100 * e)) for e in a.scales]
    ok = True
    lineas = [
        "| scale | sent versions | case | cold ms | median ms | p95 ms | CPU p95 ms "
        "| target p95 ms | met |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for escala, n in zip(a.scales, envios, strict=False):
        cmd = [sys.executable, "-m", "bench.validacion", "--worker", str(escala)]
        cmd += ["--repeats", str(a.repeats), "--n", str(n)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=RAIZ, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"scale {escala} failed:\n{proc.stderr[-4000:]}")
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        objetivo = OBJETIVO_P95_MS.get(escala, 500.0)
        for f in r["filas"]:
            cumple = f["p95_ms"] <= objetivo
            ok &= cumple
            lineas.append(
                f"| {escala:g}× | {r['envios']:,} | {f['caso']} | {f['frio_ms']:,.0f} "
                f"| {f['mediana_ms']:.1f} | {f['p95_ms']:.1f} | {f['cpu_p95_ms']:.1f} "
                f"| {objetivo:g} | {'yes' if cumple else 'no'} |"
            )
    print("\n".join(lineas))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
