"""A demo-sized MCR imports with bulk statements (no per-row query); timing lives in bench/."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from sqlalchemy import event

from data_layer.importer import import_mcr
from tests.integration.importer.helpers import counts

# ~27,000 rows: a per-row SELECT or INSERT would issue tens of thousands of statements.
MAX_SENTENCIAS = 300


def _write(carpeta: Path, hoja: str, filas: list[list[object]]) -> None:
    with (carpeta / f"{hoja}.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(filas)


def _demo_sized_mcr(carpeta: Path) -> dict[str, int]:
    """~100 institutions, ~500 goals, 1,000 indicators, ~15,000 targets, ~11,000 values."""
    carpeta.mkdir()
    azar = random.Random(7)
    sectores = [f"S{i:02d}" for i in range(22)]
    instituciones = [f"I{i:03d}" for i in range(100)]
    _write(
        carpeta,
        "ejes",
        [["codigo", "nombre", "eje_padre"], ["E1", "Eje 1", ""], ["E2", "Eje 2", ""]],
    )
    _write(
        carpeta,
        "sectores",
        [["codigo", "nombre", "ejes", "institucion_rectora"]]
        + [[s, f"Sector {s}", "E1;E2", ""] for s in sectores],
    )
    _write(
        carpeta,
        "instituciones",
        [["sigla", "nombre", "sectores"]]
        + [
            [s, f"Institución {s}", f"{sectores[i % 22]};{sectores[(i + 1) % 22]}"]
            for i, s in enumerate(instituciones)
        ],
    )
    presidenciales = [f"MP-{i:02d}" for i in range(25)]
    metas = [[p, "presidencial", "Meta", "E1", "", "", "", ""] for p in presidenciales]
    sectoriales = [f"MS-{s}-{j}" for s in sectores for j in range(4)]
    metas += [
        [c, "sectorial", "Meta", "", c[3:6], "", azar.choice(presidenciales), ""]
        for c in sectoriales
    ]
    metas += [
        [
            f"MI-{i}-{j}",
            "institucional",
            "Meta",
            "",
            "",
            i,
            ";".join(azar.sample(sectoriales, 2)),
            "1",
        ]
        for i in instituciones
        for j in range(4)
    ]
    _write(
        carpeta,
        "metas",
        [
            [
                "codigo",
                "nivel",
                "descripcion",
                "eje",
                "sector",
                "institucion",
                "contribuye_a",
                "peso",
            ],
            *metas,
        ],
    )
    periodos = {
        "trimestral": [f"{a}-T{q}" for a in range(2022, 2027) for q in range(1, 5)],
        "semestral": [f"{a}-S{q}" for a in range(2022, 2027) for q in (1, 2)],
        "anual": [str(a) for a in range(2022, 2027)],
    }
    indicadores, programacion, avances = [], [], []
    for k in range(1000):
        meta = metas[k % len(metas)][0]
        codigo = f"{meta}-I{k}"
        frecuencia = azar.choice(["trimestral"] * 3 + ["semestral", "anual"])
        indicadores.append(
            [
                codigo,
                meta,
                "Indicador",
                "producto",
                "%",
                "ascendente",
                "flujo",
                frecuencia,
                "1",
                "2022",
                "Registro",
                azar.choice(instituciones),
                "Género;Transparencia",
                "",
                "",
                "1",
            ]
        )
        programacion += [[codigo, p, round(azar.uniform(0, 100), 1)] for p in periodos[frecuencia]]
        avances += [
            [codigo, p, round(azar.uniform(0, 100), 1), "2026-11-01", ""]
            for p in periodos[frecuencia][:-1]
        ]
    encabezado = (
        "codigo,meta,nombre,eslabon,unidad,sentido,tipo,frecuencia,linea_base,anio_base,"
        "fuente,institucion_responsable,temas_transversales,umbral_verde,umbral_amarillo,peso"
    )
    _write(carpeta, "indicadores", [encabezado.split(","), *indicadores])
    _write(carpeta, "programacion", [["indicador", "periodo", "meta"], *programacion])
    _write(
        carpeta,
        "avances",
        [["indicador", "periodo", "valor", "fecha_reporte", "comentario"], *avances],
    )
    return {
        "meta": len(metas),
        "indicador": 1000,
        "programacion": len(programacion),
        "avance": len(avances),
    }


class _StatementCounter:
    """Counts the SQL statements an engine executes (executemany counts once)."""

    def __init__(self, engine) -> None:
        self.n = 0
        self.engine = engine

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args) -> None:
        self.n += 1


def test_demo_sized_import_uses_bulk_statements_and_reimport_is_a_no_op(sqlite_engine, tmp_path):
    """Importing ~27,000 rows takes a bounded number of statements; re-importing changes nothing."""
    esperado = _demo_sized_mcr(tmp_path / "demo")
    with _StatementCounter(sqlite_engine) as contador:
        resultado = import_mcr(sqlite_engine, tmp_path / "demo")
    assert resultado.ok, [str(e) for e in resultado.errores[:5]]
    assert contador.n < MAX_SENTENCIAS
    n = counts(sqlite_engine)
    assert {k: n[k] for k in esperado} == esperado
    assert n["contribucion"] == 88 + 400 * 2

    with _StatementCounter(sqlite_engine) as contador:
        segundo = import_mcr(sqlite_engine, tmp_path / "demo")
    assert contador.n < MAX_SENTENCIAS
    assert segundo.ok and segundo.importacion_id is None
    assert counts(sqlite_engine) == n
