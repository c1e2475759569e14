"""Who delivers: ``sigpret correo enviar-pendientes`` and the production worker (an RQ job on a
real Redis), each sending through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from data_layer.cli import main
from data_layer.config import Settings
from data_layer.correo import EstadoCorreo, MensajeCorreo, encolar
from data_layer.correo import trabajador as correo_trabajador
from data_layer.db import session_factory
from tests.conftest import unavailable
from tests.smtp_prueba import ServidorSMTP, puerto_libre


@pytest.fixture
def smtp() -> Iterator[ServidorSMTP]:
    servidor = ServidorSMTP().iniciar()
    yield servidor
    servidor.detener()


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A throwaway redis-server on a free loopback port (no data kept)."""
    binario = shutil.which("redis-server")
    if binario is None:
        unavailable("redis-server no está instalado")
    puerto = puerto_libre()
    proceso = subprocess.Popen(
        [binario, "--port", str(puerto), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    from redis import Redis

    url = f"redis://127.0.0.1:{puerto}/0"
    for _ in range(100):
        try:
            Redis.from_url(url).ping()
            break
        except Exception:
            time.sleep(0.05)
    yield url
    proceso.terminate()
    proceso.wait(10)


def _encolar(url: str) -> None:
    from data_layer.db import make_engine

    engine = make_engine(url)
    with session_factory(engine, escritura=True)() as s, s.begin():
        encolar(
            s,
            clave="cli:1",
            para=["marta@sesal.gob.hn"],
            asunto="Prueba del trabajador",
            texto="Hola",
            html="<p>Hola</p>",
            evento="prueba",
        )
    engine.dispose()


def _estado(sqlite_engine) -> EstadoCorreo:
    with session_factory(sqlite_engine)() as s:
        return s.scalars(select(MensajeCorreo.estado)).one()


def test_cli_enviar_pendientes_entrega_por_smtp(sqlite_engine, smtp, monkeypatch, capsys):
    """``sigpret correo enviar-pendientes`` with SMTP_HOST/SMTP_PORT delivers the queue through
    that server and says how many it sent."""
    url = sqlite_engine.url.render_as_string(hide_password=False)
    _encolar(url)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp.puerto))
    assert main(["correo", "enviar-pendientes"]) == 0
    assert "Correo entregado por SMTP (127.0.0.1): 1 enviados." in capsys.readouterr().out
    assert [m["Subject"] for m in smtp.para("marta@sesal.gob.hn")] == ["Prueba del trabajador"]
    assert _estado(sqlite_engine) is EstadoCorreo.enviado


def test_trabajo_rq_en_redis_entrega_el_correo(sqlite_engine, smtp, redis_url, monkeypatch):
    """Production: after a commit that enqueued mail, the web's despachador puts a job on the
    Redis queue «correo» (the web sends nothing itself); the job, run as an RQ worker runs it,
    sends the message through SMTP, once."""
    from redis import Redis
    from rq import Queue

    url = sqlite_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp.puerto))
    ajustes = Settings(database_url=url, redis_url=redis_url, secret_key=None, reglas_path=None)
    correo_trabajador.activar(ajustes)
    _encolar(url)
    conexion = Redis.from_url(redis_url)
    cola = Queue(correo_trabajador.COLA, connection=conexion)
    assert cola.count == 1  # the commit enqueued the job; nothing was sent by the web
    assert _estado(sqlite_engine) is EstadoCorreo.en_cola
    [trabajo] = cola.jobs
    # What an RQ worker does with it (a real Worker's shutdown waits a minute on its pub/sub).
    assert trabajo.perform() == 1
    assert [m["Subject"] for m in smtp.para("marta@sesal.gob.hn")] == ["Prueba del trabajador"]
    assert _estado(sqlite_engine) is EstadoCorreo.enviado


def test_next_scheduled_notices_run_at_six_in_honduras() -> None:
    """The day's notices run at 06:00 Honduras (12:00 UTC): before it, today; after, tomorrow."""
    import datetime as dt

    antes = dt.datetime(2026, 12, 7, 11, 0, tzinfo=dt.UTC)
    despues = dt.datetime(2026, 12, 7, 13, 0, tzinfo=dt.UTC)
    assert correo_trabajador.proxima_revision(antes) == dt.datetime(
        2026, 12, 7, 12, 0, tzinfo=dt.UTC
    )
    assert correo_trabajador.proxima_revision(despues) == dt.datetime(
        2026, 12, 8, 12, 0, tzinfo=dt.UTC
    )


def test_the_worker_runs_the_days_notices_and_schedules_tomorrows(
    demo_database_url, tmp_path, redis_url, monkeypatch
) -> None:
    """The job the worker runs at start writes the day's scheduled notices once (a second run
    writes none) and leaves tomorrow's run in the RQ scheduler of the same Redis."""
    import shutil as sh

    from rq import Queue
    from rq.registry import ScheduledJobRegistry

    copia = tmp_path / "demo.db"
    sh.copy(demo_database_url.split("///", 1)[1], copia)
    url = f"sqlite:///{copia}"
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.delenv("SMTP_HOST", raising=False)
    primera = correo_trabajador.revisar_avisos(url)
    assert correo_trabajador.revisar_avisos(url) == 0
    assert primera >= 0
    from redis import Redis

    cola = Queue(correo_trabajador.COLA, connection=Redis.from_url(redis_url))
    programados = ScheduledJobRegistry(queue=cola).get_job_ids()
    assert len(programados) >= 1
    job = cola.fetch_job(programados[0])
    assert job is not None and job.func_name.endswith("revisar_avisos")
