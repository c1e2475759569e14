"""`sigpret avisos revisar` on a copy of the demo: it writes the day's scheduled notices (the
demo's overdue acuerdos, the weekly digest) and, run again, nothing."""

from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import func, select

from data_layer.avisos.models import Aviso
from data_layer.cli import main
from data_layer.db import make_engine, session_factory


@pytest.fixture
def demo(demo_database_url, monkeypatch, tmp_path) -> str:
    """A private copy of the demo as the CLI's database (the command writes)."""
    destino = tmp_path / "demo.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _contar(url: str, tipo: str | None = None) -> int:
    engine = make_engine(url)
    consulta = select(func.count()).select_from(Aviso)
    if tipo:
        consulta = consulta.where(Aviso.tipo == tipo)
    with session_factory(engine)() as s:
        n = s.scalar(consulta)
    engine.dispose()
    return int(n or 0)


def test_avisos_revisar_writes_the_days_notices_once(demo, capsys) -> None:
    """On 23/11/2026 the demo has overdue acuerdos: the first run reports how many notices it
    wrote (as many as the table gained, overdue acuerdos and digests among them); the second
    run writes none."""
    antes = _contar(demo)
    assert main(["avisos", "revisar", "--fecha", "2026-11-23"]) == 0
    salida = capsys.readouterr().out
    nuevos = int(
        re.search(r"Avisos del 23/11/2026: ([\d,]+) nuevos", salida).group(1).replace(",", "")
    )
    assert nuevos > 0 and _contar(demo) == antes + nuevos
    assert _contar(demo, "acuerdo_vencido") > 0 and "Acuerdo vencido: " in salida
    assert _contar(demo, "resumen_alertas") > 0
    assert main(["avisos", "revisar", "--fecha", "2026-11-23"]) == 0
    assert "Avisos del 23/11/2026: 0 nuevos." in capsys.readouterr().out
    assert _contar(demo) == antes + nuevos
