"""Fixtures of the demo-data tests: the demo generated once into a temporary folder."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from seeds.generate_demo import generate

REPO = Path(__file__).resolve().parents[3]
SEEDS_DEMO = REPO / "seeds" / "demo"
SHARED = REPO / "seeds" / "fuentes"
HOJAS = ("ejes", "sectores", "instituciones", "metas", "indicadores", "programacion", "avances")


def read_rows(carpeta: Path, hoja: str) -> list[dict[str, str]]:
    """Rows of one sheet of a demo folder as dicts of text."""
    with (carpeta / f"{hoja}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The reference data (real institutions and series) the demo is generated from."""
    return SHARED


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """A freshly generated demo folder."""
    out = tmp_path_factory.mktemp("demo")
    generate(out, shared)
    return out


@pytest.fixture(scope="session")
def demo(demo_dir: Path) -> dict[str, list[dict[str, str]]]:
    """Every sheet of the generated demo as lists of text rows."""
    return {hoja: read_rows(demo_dir, hoja) for hoja in HOJAS}
