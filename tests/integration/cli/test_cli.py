"""The `sigpret` command line end to end on a real database: import, reports (DOMAIN.md §7), errors.

The mini MCR below is small enough to compute every expected number by hand:

* I-FLUJO (flujo, ascendente, trimestral): target 100, value 85 in 2024-T4 → 85 % verde.
* I-DESC (stock, descendente, anual, baseline 10): target 6, value 8 in 2024, reported on
  20/01/2025 (due 15/01/2025, so late) → (8 − 10) / (6 − 10) = 50 % rojo.
* I-PEND (flujo, trimestral): target 50 in 2024-T4, no value → pendiente until 15/01/2025, then
  sin_dato.
* MI-1 (institucional) has I-FLUJO and I-PEND: avance directo 85, cobertura 50 % (not below 50)
  → verde.
* MS-1 (sectorial) has I-DESC and MI-1 contributes: directo 50 (rojo), contribuyentes 85.
* MP-1 (presidencial) has no indicator: its state comes from MS-1's avance, 50 → rojo.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data_layer import periods
from data_layer.auth import Alcance
from data_layer.cli import main
from data_layer.db import session_factory
from data_layer.models import Avance, Importacion, Meta, Rol
from data_layer.reportes import servicio as reportes

HOJAS = {
    "ejes": [["codigo", "nombre", "eje_padre"], ["E1", "Derechos Fundamentales", ""]],
    "sectores": [
        ["codigo", "nombre", "ejes", "institucion_rectora"],
        ["SAL", "Salud", "E1", "SESAL"],
    ],
    "instituciones": [["sigla", "nombre", "sectores"], ["SESAL", "Secretaría de Salud", "SAL"]],
    "metas": [
        ["codigo", "nivel", "descripcion", "eje", "sector", "institucion", "contribuye_a", "peso"],
        ["MP-1", "presidencial", "Mejorar la salud", "E1", "", "", "", ""],
        ["MS-1", "sectorial", "Reducir la mortalidad", "", "SAL", "", "MP-1", ""],
        ["MI-1", "institucional", "Atender a la población", "", "SAL", "SESAL", "MS-1", ""],
    ],
    "indicadores": [
        [
            "codigo",
            "meta",
            "nombre",
            "eslabon",
            "unidad",
            "sentido",
            "tipo",
            "frecuencia",
            "linea_base",
            "anio_base",
            "fuente",
            "institucion_responsable",
            "temas_transversales",
            "umbral_verde",
            "umbral_amarillo",
            "peso",
        ],
        [
            "I-FLUJO",
            "MI-1",
            "Personas atendidas",
            "producto",
            "personas",
            "ascendente",
            "flujo",
            "trimestral",
            "",
            "",
            "SESAL",
            "SESAL",
            "Género",
            "",
            "",
            "",
        ],
        [
            "I-DESC",
            "MS-1",
            "Tasa de mortalidad",
            "resultado",
            "%",
            "descendente",
            "stock",
            "anual",
            "10",
            "2022",
            "SESAL",
            "SESAL",
            "",
            "",
            "",
            "",
        ],
        [
            "I-PEND",
            "MI-1",
            "Brigadas realizadas",
            "actividad",
            "brigadas",
            "ascendente",
            "flujo",
            "trimestral",
            "",
            "",
            "SESAL",
            "SESAL",
            "",
            "",
            "",
            "",
        ],
    ],
    "programacion": [
        ["indicador", "periodo", "meta"],
        ["I-FLUJO", "2024-T4", "100"],
        ["I-DESC", "2024", "6"],
        ["I-PEND", "2024-T4", "50"],
    ],
    "avances": [
        ["indicador", "periodo", "valor", "fecha_reporte", "comentario"],
        ["I-FLUJO", "2024-T4", "85", "2025-01-10", ""],
        ["I-DESC", "2024", "8", "2025-01-20", "dato preliminar"],
    ],
}


def write_mcr(carpeta: Path, hojas: dict[str, list[list[str]]] = HOJAS) -> Path:
    """Write a CSV folder in the import format."""
    carpeta.mkdir(parents=True, exist_ok=True)
    for nombre, filas in hojas.items():
        with (carpeta / f"{nombre}.csv").open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(filas)
    return carpeta


@pytest.fixture
def db(engine, monkeypatch, tmp_path):
    """The CLI pointed (through DATABASE_URL) at a migrated database holding the mini MCR."""
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    assert main(["import", "mcr", str(write_mcr(tmp_path / "mcr"))]) == 0
    return engine


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run `sigpret ARGS` in-process and capture its output."""
    capsys.readouterr()
    codigo = main(list(args))
    salida = capsys.readouterr()
    return codigo, salida.out, salida.err


def test_report_indicadores_csv(db, capsys) -> None:
    """The indicator report in CSV has the contract's columns and the hand-computed values."""
    codigo, out, _ = run_cli(
        capsys,
        "report",
        "indicadores",
        "--periodo",
        "2024-T4",
        "--fecha-corte",
        "2025-03-31",
        "--formato",
        "csv",
    )
    assert codigo == 0
    assert out.splitlines() == [
        "indicador,periodo,meta,valor,avance_pct,semaforo",
        "I-DESC,2024,6,8,50.0,rojo",
        "I-FLUJO,2024-T4,100,85,85.0,verde",
        "I-PEND,2024-T4,50,,,sin_dato",
    ]


def test_cut_date_decides_pendiente_and_ignores_later_reports(db, capsys) -> None:
    """Before the deadline a missing report is pendiente; a value reported later is unknown."""
    _, out, _ = run_cli(
        capsys,
        "report",
        "indicadores",
        "--periodo",
        "2024-T4",
        "--fecha-corte",
        "2025-01-10",
        "--formato",
        "csv",
    )
    filas = {f["indicador"]: f for f in csv.DictReader(out.splitlines())}
    assert filas["I-PEND"]["semaforo"] == "pendiente"
    assert filas["I-DESC"]["semaforo"] == "pendiente"
    assert filas["I-DESC"]["valor"] == ""
    assert filas["I-FLUJO"]["semaforo"] == "verde"


def test_report_at_a_past_cut_date_reproduces_what_was_known_after_a_correction(db, capsys) -> None:
    """`sigpret report … --fecha-corte D` shows the value validated by D: after SESAL's
    correction of I-FLUJO (85 → 60) is validated on 2025-02-10, a report cut on 2025-02-01 still
    shows 85 and one cut on 2025-02-10 shows 60 (DOMAIN.md §8)."""
    upgret = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
    analista = Alcance(usuario="analista", rol=Rol.analista)
    hn = periods.ZONA_HONDURAS
    with session_factory(db, escritura=True)() as s, s.begin():
        correccion = reportes.solicitar_correccion(
            s,
            actor=upgret,
            indicador="I-FLUJO",
            periodo="2024-T4",
            valor=60,
            motivo="Se duplicaron brigadas de diciembre.",
            explicacion="Corrección del registro.",
            ahora=dt.datetime(2025, 2, 5, 9, tzinfo=hn),
        )
        reportes.validar(
            s,
            actor=analista,
            version_id=correccion.id,
            ahora=dt.datetime(2025, 2, 10, 9, tzinfo=hn),
        )

    def valor(corte: str) -> str:
        _, out, _ = run_cli(
            capsys,
            "report",
            "indicadores",
            "--periodo",
            "2024-T4",
            "--fecha-corte",
            corte,
            "--formato",
            "csv",
        )
        return {f["indicador"]: f for f in csv.DictReader(out.splitlines())}["I-FLUJO"]["valor"]

    assert valor("2025-02-01") == "85"
    assert valor("2025-02-09") == "85"
    assert valor("2025-02-10") == "60"


def test_report_metas_csv(db, capsys) -> None:
    """The goal report shows avance directo, cobertura and avance de contribuyentes side by side."""
    codigo, out, _ = run_cli(
        capsys,
        "report",
        "metas",
        "--periodo",
        "2024-T4",
        "--fecha-corte",
        "2025-03-31",
        "--formato",
        "csv",
    )
    assert codigo == 0
    assert out.splitlines() == [
        "meta,nivel,avance_directo,cobertura,avance_contribuyentes,semaforo",
        "MI-1,institucional,85.0,50.0,,verde",
        "MP-1,presidencial,,,50.0,rojo",
        "MS-1,sectorial,50.0,100.0,85.0,rojo",
    ]


def test_report_alertas_csv(db, capsys) -> None:
    """Alerts list the red indicator, the missing report and the late one, with severities."""
    codigo, out, _ = run_cli(
        capsys,
        "report",
        "alertas",
        "--periodo",
        "2024-T4",
        "--fecha-corte",
        "2025-03-31",
        "--formato",
        "csv",
    )
    assert codigo == 0
    filas = list(csv.DictReader(out.splitlines()))
    assert list(filas[0]) == ["tipo", "severidad", "entidad", "mensaje"]
    tipos = {(f["tipo"], f["entidad"], f["severidad"]) for f in filas}
    assert ("indicador_rojo", "I-DESC", "alta") in tipos
    assert ("reporte_faltante", "I-PEND", "media") in tipos
    assert ("reporte_tardio", "I-DESC", "baja") in tipos
    assert not any(f["tipo"] == "cadena_rota" for f in filas)
    assert all(f["mensaje"] for f in filas)


def test_default_period_and_readable_table(db, capsys) -> None:
    """Without --periodo the latest quarter due at the cut is evaluated; the table is readable."""
    codigo, out, _ = run_cli(capsys, "report", "metas", "--fecha-corte", "2025-01-20")
    assert codigo == 0
    assert "periodo evaluado 2024-T4" in out and "20/01/2025" in out
    assert "DEMOSTRACIÓN" not in out  # imported with `import mcr`, not as the demo
    assert "avance_directo" in out and "85.0 %" in out


def test_reimport_changes_nothing(db, capsys, tmp_path) -> None:
    """Importing the same MCR again reports no changes and adds no import record."""
    with session_factory(db)() as s:
        antes = s.scalar(select(func.count()).select_from(Importacion))
    codigo, out, _ = run_cli(capsys, "import", "mcr", str(write_mcr(tmp_path / "otra")))
    assert codigo == 0 and "Sin cambios" in out
    with session_factory(db)() as s:
        assert s.scalar(select(func.count()).select_from(Importacion)) == antes


def test_bad_cell_is_rejected_and_nothing_written(db, capsys, tmp_path) -> None:
    """A decimal comma in one cell rejects the file (exit 1), names the cell, and writes nothing."""
    hojas = {k: [list(f) for f in v] for k, v in HOJAS.items()}
    hojas["avances"].append(["I-PEND", "2024-T4", "12,5", "2025-01-05", ""])
    hojas["metas"].append(["MI-2", "institucional", "Nueva", "", "SAL", "SESAL", "MS-1", ""])
    codigo, _, err = run_cli(capsys, "import", "mcr", str(write_mcr(tmp_path / "mala", hojas)))
    assert codigo == 1
    assert "avances" in err and "fila 4" in err and "valor" in err and "12,5" in err
    with session_factory(db)() as s:
        assert s.scalar(select(func.count()).select_from(Meta)) == 3
        assert s.scalar(select(func.count()).select_from(Avance)) == 2


def test_dry_run_writes_nothing(engine, monkeypatch, tmp_path, capsys) -> None:
    """`--dry-run` validates a good file and leaves the database empty."""
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    codigo, out, _ = run_cli(capsys, "import", "mcr", str(write_mcr(tmp_path / "m")), "--dry-run")
    assert codigo == 0 and "dry-run" in out
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(Meta)) == 0


def test_bad_arguments_are_explained_in_spanish(capsys) -> None:
    """A malformed period or date is refused by the parser with a Spanish message."""
    with pytest.raises(SystemExit) as salida:
        main(["report", "metas", "--periodo", "2024-T5"])
    assert salida.value.code == 2
    assert "no es un periodo válido" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "metas", "--fecha-corte", "31/03/2025"])
    assert "no es una fecha válida" in capsys.readouterr().err


def test_report_on_a_database_without_schema(monkeypatch, tmp_path, capsys) -> None:
    """Reporting from a database that was never migrated says what to run, without a traceback."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'vacia.db'}")
    codigo, _, err = run_cli(capsys, "report", "metas")
    assert codigo == 2 and "sigpret db upgrade" in err


def _dump(engine) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    from data_layer.models import Base

    with engine.connect() as conn:
        return {
            tabla.name: [
                tuple(fila)
                for fila in conn.execute(tabla.select().order_by(*tabla.primary_key.columns))
            ]
            for tabla in Base.metadata.sorted_tables
        }


def test_seeding_the_demo_twice_leaves_the_database_unchanged(engine, monkeypatch, capsys) -> None:
    """`sigpret seed demo` loads the MCR, the mesas and one demo user per role (whose published
    passwords work); a second run changes no row of any table (SQLite and PostgreSQL)."""
    from data_layer import auth
    from data_layer.demo import USUARIOS_DEMO

    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    codigo, out, _ = run_cli(capsys, "seed", "demo")
    assert codigo == 0 and "Importación completada" in out and "Usuarios de demostración" in out
    antes = _dump(engine)
    assert len(antes["mesa"]) == 22
    with session_factory(engine)() as s:
        usuarios = auth.listar(s)
        assert {u.rol.value for u in usuarios} == {
            "presidencia", "ministro", "coordinador_mesa", "upgret", "analista", "admin",
        }  # fmt: skip
        assert all(u.es_demo for u in usuarios)
        claves = {u[0]: u[3] for u in USUARIOS_DEMO}
        assert all(auth.verificar_clave(u, claves[u.usuario]) for u in usuarios)
    assert len(antes["indicador"]) > 900 and len(antes["importacion"]) == 1
    codigo, out, _ = run_cli(capsys, "seed", "demo")
    assert codigo == 0 and "Sin cambios" in out
    assert _dump(engine) == antes
    codigo, out, _ = run_cli(capsys, "seed", "demo", "--si-vacia")
    assert codigo == 0 and "ya tiene una MCR" in out
    codigo, out, _ = run_cli(capsys, "report", "metas", "--periodo", "2026-T3")
    assert codigo == 0 and "DATOS DE DEMOSTRACIÓN" in out.splitlines()[0]


def test_users_commands(db, capsys, monkeypatch) -> None:
    """`users create` reads SIGPRET_CLAVE; `list` and `disable` work; errors are Spanish."""
    monkeypatch.setenv("SIGPRET_CLAVE", "Clave-Segura-2026")
    codigo, out, _ = run_cli(
        capsys, "users", "create", "coord.sal", "--rol", "coordinador_mesa", "--alcance", "SAL"
    )
    assert codigo == 0 and "creado" in out
    codigo, _, err = run_cli(
        capsys, "users", "create", "otro", "--rol", "upgret", "--alcance", "SAL"
    )
    assert codigo == 2 and "no es la sigla de una institución" in err
    codigo, _, err = run_cli(capsys, "users", "create", "coord.sal", "--rol", "analista")
    assert codigo == 2 and "Ya existe" in err
    assert run_cli(capsys, "users", "disable", "coord.sal")[0] == 0
    codigo, out, _ = run_cli(capsys, "users", "list")
    assert codigo == 0 and "coord.sal" in out and "deshabilitado" in out and "SAL" in out
    monkeypatch.delenv("SIGPRET_CLAVE")
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115 - no terminal, no password
    codigo, _, err = run_cli(capsys, "users", "set-password", "coord.sal")
    assert codigo == 2 and "SIGPRET_CLAVE" in err
