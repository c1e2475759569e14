"""The import benchmark's inputs: the workbook written row by row, the changed copy of an MCR."""

from __future__ import annotations

import csv
from pathlib import Path

from bench.arranque import otra_version
from bench.importar import escribir_libro
from data_layer.importer import _read
from data_layer.importer.resultado import Errores
from tests.integration.importer.helpers import FIXTURE


def _filas(ruta: Path) -> dict[str, list[tuple[int, dict[str, object]]]]:
    """Every sheet's rows as the importer reads them: row number and typed values."""
    errores = Errores()
    fuente, filas = _read(ruta, errores)
    assert fuente is not None and not errores, errores.resultado()
    return {hoja: [(f.numero, f.valores) for f in lista] for hoja, lista in filas.items()}


def test_the_streamed_workbook_reads_as_its_csv_folder(tmp_path: Path) -> None:
    """The 100× workbook is written row by row (write-only openpyxl): read back by the importer,
    every sheet has the same rows, row numbers and typed values as the CSV folder it came from."""
    libro = escribir_libro(FIXTURE, tmp_path / "mcr.xlsx")
    assert _filas(libro) == _filas(FIXTURE)


def test_the_other_version_changes_one_value_only(tmp_path: Path) -> None:
    """The cold-start bench's second MCR differs from the first in the first avances value only
    (so importing it makes a new data version, and importing back another)."""
    otra = otra_version(FIXTURE, tmp_path / "otra")
    for archivo in FIXTURE.glob("*.csv"):
        antes = list(csv.reader(archivo.open(encoding="utf-8-sig")))
        despues = list(csv.reader((otra / archivo.name).open(encoding="utf-8-sig")))
        if archivo.name != "avances.csv":
            assert antes == despues
            continue
        assert antes[2:] == despues[2:] and antes[1][:2] == despues[1][:2]
        assert float(despues[1][2]) == float(antes[1][2]) + 1
